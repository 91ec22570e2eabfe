//===- NginxResources.cpp - Descriptors, handles and pool cleanups --------===//
//
// The part of the nginx model (NginxModel.h) about resources a pool does not
// release by itself: how ngx_pool_cleanup_add() records look, which memory a
// function owns, which pool a cleanup should go to, and the words messages
// use. Which calls open, close and use descriptors is in the function table
// (NginxApi.cpp).
//
//===----------------------------------------------------------------------===//

#include "NginxModel.h"

#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramState.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/SymbolManager.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang;
using namespace clang::ento;

namespace ngx_pool_check {
namespace model {

//===----------------------------------------------------------------------===//
// Memory a function owns
//===----------------------------------------------------------------------===//

/// The row of the call whose result \p R's memory is, if any.
static const ApiFunction *allocatingCall(const ApiTable &Api,
                                         const MemRegion *R) {
  const SymbolicRegion *Base = R ? R->getSymbolicBase() : nullptr;
  const auto *Sym =
      Base ? dyn_cast<SymbolConjured>(Base->getSymbol()) : nullptr;
  const auto *CE = Sym ? dyn_cast_or_null<CallExpr>(Sym->getStmt()) : nullptr;
  return CE ? Api.lookupAsWritten(*CE) : nullptr;
}

llvm::StringRef heapAllocatorOf(const ApiTable &Api, const MemRegion *R) {
  const ApiFunction *Row = allocatingCall(Api, R);
  if (!Row || !Row->HeapAllocates)
    return {};
  return Row->Name;
}

bool isFreshMemory(const ApiTable &Api, const MemRegion *R) {
  const ApiFunction *Row = allocatingCall(Api, R);
  return Row && (Row->HeapAllocates ||
                 (Row->Allocates && Row->Allocates->returnsNewMemory()));
}

bool isPoolCleanupMemory(const ApiTable &Api, const MemRegion *R) {
  const ApiFunction *Row = allocatingCall(Api, R);
  return Row && Row->AddsCleanupTo;
}

bool isStackMemory(const MemRegion *R) { return R && R->hasStackStorage(); }

/// The block new on this path that \p V points into, if any.
static SymbolRef freshBlockOf(const ApiTable &Api, SVal V) {
  const MemRegion *R = V.getAsRegion();
  if (!R || !isFreshMemory(Api, R))
    return nullptr;
  return R->getSymbolicBase()->getSymbol();
}

ProgramStateRef recordStoredBlock(ProgramStateRef State, const ApiTable &Api,
                                  const MemRegion *Dest, SVal Val) {
  if (!Dest || isStackMemory(Dest))
    return State;
  SymbolRef Block = freshBlockOf(Api, Val);
  if (!Block || isLinkedBlock(State, Block))
    return State;
  // Into memory that outlives the function, or into a block linked from it.
  if (isFreshMemory(Api, Dest) && !isLinkedFromOutside(State, Dest))
    return State;
  return recordLinkedBlock(State, Block);
}

bool isLinkedFromOutside(ProgramStateRef State, const MemRegion *R) {
  // Only blocks new on this path are ever recorded (recordStoredBlock).
  const SymbolicRegion *Base = R ? R->getSymbolicBase() : nullptr;
  return Base && isLinkedBlock(State, Base->getSymbol());
}

bool isLibraryStructField(const MemRegion *R) {
  const auto *FR = R ? dyn_cast<FieldRegion>(R->StripCasts()) : nullptr;
  if (!FR)
    return false;
  const RecordDecl *RD = FR->getDecl()->getParent();
  const SourceManager &SM = RD->getASTContext().getSourceManager();
  return SM.isInSystemHeader(RD->getLocation());
}

//===----------------------------------------------------------------------===//
// Pool cleanups
//===----------------------------------------------------------------------===//

const NginxField CleanupHandler{"ngx_pool_cleanup_s", "handler"};
const NginxField CleanupData{"ngx_pool_cleanup_s", "data"};

const llvm::StringLiteral DirectoryEntryFields[2] = {"de", "type"};

static std::optional<Loc> cleanupField(SVal Cleanup, llvm::StringRef Field,
                                       ProgramStateRef State) {
  const MemRegion *R = Cleanup.getAsRegion();
  if (!R)
    return std::nullopt;
  QualType Ty;
  if (const auto *TR = dyn_cast<TypedValueRegion>(R->StripCasts()))
    Ty = TR->getValueType();
  else if (const auto *SR = dyn_cast<SymbolicRegion>(R->StripCasts()))
    Ty = SR->getPointeeStaticType();
  const RecordDecl *RD = Ty.isNull() ? nullptr : Ty->getAsRecordDecl();
  if (!RD || recordName(RD) != CleanupHandler.Record || !RD->getDefinition())
    return std::nullopt;
  for (const FieldDecl *FD : RD->getDefinition()->fields())
    if (FD->getName() == Field)
      if (std::optional<Loc> L = State->getLValue(FD, Cleanup).getAs<Loc>())
        return L;
  return std::nullopt;
}

SVal cleanupData(SVal Cleanup, ProgramStateRef State) {
  std::optional<Loc> L = cleanupField(Cleanup, CleanupData.Field, State);
  return L ? State->getSVal(*L) : UnknownVal();
}

/// How code that receives an object of this type reaches a pool that lives
/// as long as it: "->pool" for requests, connections, configurations.
static std::optional<std::string> poolOfParameter(const ParmVarDecl *P) {
  QualType T = P->getType();
  if (!T->isPointerType() || !P->getIdentifier())
    return std::nullopt;
  const RecordDecl *RD = T->getPointeeType()->getAsRecordDecl();
  if (!RD)
    return std::nullopt;
  llvm::StringRef Rec = recordName(RD);
  std::string Name = P->getNameAsString();
  if (Rec == RequestConnection.Record || Rec == ConnectionPool.Record ||
      Rec == "ngx_conf_s" || Rec == "ngx_cycle_s")
    return Name + "->pool";
  if (Rec == "ngx_stream_session_s" || Rec == "ngx_mail_session_s")
    return Name + "->connection->pool";
  return std::nullopt;
}

std::string suggestCleanupPool(const LocationContext *LC) {
  // The outermost function on the path decides what the code is for; then
  // the functions it called, inwards.
  llvm::SmallVector<const LocationContext *, 8> Frames;
  for (; LC; LC = LC->getParent())
    Frames.push_back(LC);
  for (const LocationContext *F : llvm::reverse(Frames))
    if (const auto *FD = dyn_cast_or_null<FunctionDecl>(F->getDecl()))
      for (const ParmVarDecl *P : FD->parameters())
        if (std::optional<std::string> Pool = poolOfParameter(P))
          return *Pool;
  return {};
}

//===----------------------------------------------------------------------===//
// Words for messages
//===----------------------------------------------------------------------===//

llvm::StringRef resourceNoun(ResourceKind K) {
  switch (K) {
  case ResourceKind::Descriptor:
    return "Descriptor";
  case ResourceKind::Socket:
    return "Socket";
  case ResourceKind::Directory:
    return "Directory stream";
  case ResourceKind::Stream:
    return "FILE stream";
  case ResourceKind::Custom:
    return "Resource";
  }
  llvm_unreachable("resource kinds are covered");
}

llvm::StringRef resourceAcquiredWord(ResourceKind K) {
  return K == ResourceKind::Custom ? "acquired" : "opened";
}

llvm::StringRef resourceReleasedWord(ResourceKind K) {
  return K == ResourceKind::Custom ? "released" : "closed";
}

std::string resourceReleaseHint(ResourceKind K, llvm::StringRef Pool) {
  std::string Cleanup = "ngx_pool_cleanup_add(" +
                        (Pool.empty() ? std::string("pool") : Pool.str()) +
                        ", ...)";
  switch (K) {
  case ResourceKind::Descriptor:
    return "close it (ngx_close_file), or register " + Cleanup +
           " with ngx_pool_cleanup_file right after opening it";
  case ResourceKind::Socket:
    return "close it (ngx_close_socket), hand it to an owner such as "
           "ngx_get_connection(), or register " +
           Cleanup + " with a handler that closes it";
  case ResourceKind::Directory:
    return "close it (ngx_close_dir or closedir), or register " + Cleanup +
           " with a handler that does";
  case ResourceKind::Stream:
    return "close it (fclose), or register " + Cleanup +
           " with a handler that does";
  case ResourceKind::Custom:
    return "release it, or register " + Cleanup + " with a handler that does";
  }
  llvm_unreachable("resource kinds are covered");
}

} // namespace model
} // namespace ngx_pool_check
