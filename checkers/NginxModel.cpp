//===- NginxModel.cpp - What the checkers know about nginx's API ----------===//
//
// See NginxModel.h. The tables in this file are the nginx API as the checkers
// see it; add a function here and every checker knows it.
//
//===----------------------------------------------------------------------===//

#include "NginxModel.h"

#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallDescription.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramState.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/Store.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/SymbolManager.h"
#include "llvm/ADT/StringMap.h"

using namespace clang;
using namespace clang::ento;

// Pools created by ngx_create_pool() on the current path, with their size.
REGISTER_MAP_WITH_PROGRAMSTATE(NgxCreatedPools, SymbolRef, SVal)

namespace ngx_pool_check {
namespace model {

//===----------------------------------------------------------------------===//
// Structs and fields
//===----------------------------------------------------------------------===//

const NginxField RequestConnection{"ngx_http_request_s", "connection"};
const NginxField RequestHttpConnection{"ngx_http_request_s", "http_connection"};
const NginxField RequestPool{"ngx_http_request_s", "pool"};
const NginxField ConnectionPool{"ngx_connection_s", "pool"};
const NginxField PoolFreeChain{"ngx_pool_s", "chain"};

/// Containers (ngx_array_t, ngx_list_t) keep the pool they grow from here.
static constexpr llvm::StringLiteral ContainerPoolFieldName = "pool";

llvm::StringRef recordName(const RecordDecl *RD) {
  if (!RD)
    return {};
  if (const IdentifierInfo *II = RD->getIdentifier())
    return II->getName();
  if (const TypedefNameDecl *TD = RD->getTypedefNameForAnonDecl())
    return TD->getName();
  return {};
}

bool isField(const FieldRegion *FR, const NginxField &F) {
  if (!FR)
    return false;
  const FieldDecl *FD = FR->getDecl();
  return FD->getName() == F.Field && recordName(FD->getParent()) == F.Record;
}

bool isRequestType(QualType T) {
  if (T.isNull())
    return false;
  if (T->isPointerType())
    T = T->getPointeeType();
  const RecordDecl *RD = T->getAsRecordDecl();
  return RD && recordName(RD) == RequestConnection.Record;
}

/// The region a symbol is the (initial or invalidated) value of, if any.
static const TypedValueRegion *regionOfValueSymbol(SymbolRef Sym) {
  if (const auto *RV = dyn_cast_or_null<SymbolRegionValue>(Sym))
    return RV->getRegion();
  if (const auto *D = dyn_cast_or_null<SymbolDerived>(Sym))
    return D->getRegion();
  return nullptr;
}

SymbolRef pointeeSymbol(SVal V) {
  if (const MemRegion *R = V.getAsRegion())
    if (const SymbolicRegion *SR = R->getSymbolicBase())
      return SR->getSymbol();
  return V.getAsSymbol();
}

/// The object a field belongs to, seen through casts.
static const MemRegion *objectOfField(const FieldRegion *FR) {
  return FR->getSuperRegion()->StripCasts();
}

//===----------------------------------------------------------------------===//
// Pool origins
//===----------------------------------------------------------------------===//

const MemRegion *requestOfConnection(SymbolRef Sym) {
  const auto *FR = dyn_cast_or_null<FieldRegion>(regionOfValueSymbol(Sym));
  if (!isField(FR, RequestConnection))
    return nullptr;
  return objectOfField(FR);
}

PoolOrigin classifyPool(SVal Pool, ProgramStateRef State) {
  return classifyPoolSymbol(pointeeSymbol(Pool), State);
}

PoolOrigin classifyPoolSymbol(SymbolRef Sym, ProgramStateRef State) {
  PoolOrigin O;
  if (!Sym)
    return O;
  O.PoolSym = Sym;

  if (const SVal *Size = State->get<NgxCreatedPools>(Sym)) {
    O.Kind = PoolKind::Created;
    O.CreatedSize = *Size;
    return O;
  }

  const auto *FR = dyn_cast_or_null<FieldRegion>(regionOfValueSymbol(Sym));
  if (!FR)
    return O;

  if (isField(FR, RequestPool)) {
    O.Kind = PoolKind::Request;
    O.Request = objectOfField(FR);
    return O;
  }

  if (isField(FR, ConnectionPool)) {
    O.Kind = PoolKind::Connection;
    if (const auto *Conn = dyn_cast<SymbolicRegion>(objectOfField(FR))) {
      O.ConnectionSym = Conn->getSymbol();
      O.Request = requestOfConnection(O.ConnectionSym);
    }
    return O;
  }
  return O;
}

ProgramStateRef removeDeadSymbols(ProgramStateRef State, SymbolReaper &SR) {
  for (auto [Pool, Size] : State->get<NgxCreatedPools>())
    if (!SR.isLive(Pool))
      State = State->remove<NgxCreatedPools>(Pool);
  return State;
}

void markLiveSymbols(ProgramStateRef State, SymbolReaper &SR) {
  // Called before the reaper knows what is live: keep them while the entry
  // exists; it goes when the pool dies (removeDeadSymbols).
  for (auto [Pool, Size] : State->get<NgxCreatedPools>())
    for (SymbolRef S : Size.symbols())
      SR.markLive(S);
}

ProgramStateRef recordCreatedPool(ProgramStateRef State, SymbolRef Pool,
                                  SVal Size) {
  return State->set<NgxCreatedPools>(Pool, Size);
}

//===----------------------------------------------------------------------===//
// Names for messages
//===----------------------------------------------------------------------===//

namespace {
/// Collects, for each region a variable points to, the variable; the first
/// one seen wins, and one of the given frame wins over others.
class PointerVariables : public StoreManager::BindingsHandler {
  const StackFrameContext *Frame;
  llvm::DenseMap<const MemRegion *, std::string> &Out;
  llvm::DenseMap<SymbolRef, std::string> &Held;
  llvm::DenseMap<const void *, bool> InFrame;

  /// Record \p Name for \p Key unless a variable of the current frame
  /// already has it.
  template <typename MapT, typename KeyT>
  void record(MapT &Map, KeyT Key, const VarRegion *VR) {
    bool Here = VR->getStackFrame() == Frame;
    auto It = InFrame.find(Key);
    if (It == InFrame.end() || (Here && !It->second)) {
      Map[Key] = VR->getDecl()->getNameAsString();
      InFrame[Key] = Here;
    }
  }

public:
  PointerVariables(const StackFrameContext *Frame,
                   llvm::DenseMap<const MemRegion *, std::string> &Out,
                   llvm::DenseMap<SymbolRef, std::string> &Held)
      : Frame(Frame), Out(Out), Held(Held) {}

  bool HandleBinding(StoreManager &, Store, const MemRegion *Key,
                     SVal Val) override {
    const auto *VR = dyn_cast<VarRegion>(Key);
    if (!VR || !VR->getDecl()->getIdentifier())
      return true;
    // Bindings of a struct's or array's parts are keyed by the variable;
    // the variable does not hold those values itself.
    QualType T = VR->getValueType();
    if (T->isRecordType() || T->isArrayType())
      return true;
    if (const MemRegion *Pointee = Val.getAsRegion())
      record(Out, Pointee->StripCasts(), VR);
    else if (SymbolRef Sym = Val.getAsSymbol())
      record(Held, Sym, VR);
    return true;
  }
};
} // namespace

RegionNamer::RegionNamer(const ExplodedNode *N) {
  if (!N)
    return;
  PointerVariables Collect(N->getStackFrame(), PointedToBy, HeldBy);
  ProgramStateRef Last;
  // Look back along the path a bounded number of distinct states.
  unsigned Steps = 0, States = 0;
  for (; N && Steps < 512 && States < 32; N = N->getFirstPred(), ++Steps) {
    ProgramStateRef State = N->getState();
    if (State == Last)
      continue;
    Last = State;
    ++States;
    State->getStateManager().getStoreManager().iterBindings(State->getStore(),
                                                            Collect);
  }
}

std::string RegionNamer::nameOfValue(SymbolRef Sym) const {
  if (const TypedValueRegion *R = regionOfValueSymbol(Sym))
    return nameOfLocation(R, 0);
  return {};
}

std::string RegionNamer::holderOf(SymbolRef Sym) const {
  auto Held = HeldBy.find(Sym);
  if (Held != HeldBy.end())
    return Held->second;
  for (const auto &[Region, Name] : PointedToBy)
    if (const auto *SR = dyn_cast<SymbolicRegion>(Region))
      if (SR->getSymbol() == Sym)
        return Name;
  return {};
}

std::string RegionNamer::name(const MemRegion *R) const {
  return R ? nameOfObject(R, 0) : std::string();
}

std::string RegionNamer::nameOr(const MemRegion *R,
                                llvm::StringRef Fallback) const {
  std::string N = name(R);
  return N.empty() ? Fallback.str() : N;
}

/// The object at \p R: "r" for the request `r` points to.
std::string RegionNamer::nameOfObject(const MemRegion *R,
                                      unsigned Depth) const {
  if (Depth > 8)
    return {};
  R = R->StripCasts();
  auto It = PointedToBy.find(R);
  if (It != PointedToBy.end())
    return It->second;
  if (const auto *SR = dyn_cast<SymbolicRegion>(R))
    if (const TypedValueRegion *Where = regionOfValueSymbol(SR->getSymbol()))
      return nameOfLocation(Where, Depth + 1);
  return {};
}

/// The location \p R: "r" for the variable, "r->connection" for a field.
std::string RegionNamer::nameOfLocation(const MemRegion *R,
                                        unsigned Depth) const {
  if (Depth > 8)
    return {};
  R = R->StripCasts();
  if (const auto *VR = dyn_cast<VarRegion>(R))
    return VR->getDecl()->getNameAsString();
  if (const auto *FR = dyn_cast<FieldRegion>(R)) {
    const MemRegion *Obj = objectOfField(FR);
    std::string Field = FR->getDecl()->getNameAsString();
    if (isa<SymbolicRegion>(Obj)) {
      std::string Base = nameOfObject(Obj, Depth + 1);
      return Base.empty() ? std::string() : Base + "->" + Field;
    }
    std::string Base = nameOfLocation(Obj, Depth + 1);
    return Base.empty() ? std::string() : Base + "." + Field;
  }
  return {};
}

//===----------------------------------------------------------------------===//
// Connection-lifetime memory
//===----------------------------------------------------------------------===//

/// True when some field on the way from \p R down to its base belongs to the
/// request struct: request storage, even when reached from the connection
/// (in HTTP/1 `c->data` points to the current request).
static bool isInsideRequestObject(const MemRegion *R) {
  while (const auto *SR = dyn_cast<SubRegion>(R)) {
    if (const auto *FR = dyn_cast<FieldRegion>(SR))
      if (recordName(FR->getDecl()->getParent()) == RequestConnection.Record)
        return true;
    if (const auto *ER = dyn_cast<ElementRegion>(SR))
      if (isRequestType(ER->getElementType()))
        return true;
    R = SR->getSuperRegion();
  }
  return false;
}

bool isConnectionLifetimeRegion(
    const MemRegion *R,
    llvm::function_ref<bool(SymbolRef)> IsConnectionMemory) {
  if (!R || isInsideRequestObject(R))
    return false;
  const SymbolicRegion *Base = R->getSymbolicBase();
  if (!Base)
    return false;
  SymbolRef Sym = Base->getSymbol();

  if (requestOfConnection(Sym))
    return true; // The connection object itself.
  if (IsConnectionMemory && IsConnectionMemory(Sym))
    return true;

  const auto *Slot = regionOfValueSymbol(Sym);
  if (!Slot)
    return false;
  if (isField(dyn_cast<FieldRegion>(Slot), RequestHttpConnection))
    return true;
  // An object reached through a pointer kept in connection memory
  // (hc->busy, c->buffer, ...) is kept by the connection too.
  return isConnectionLifetimeRegion(Slot, IsConnectionMemory);
}

bool isConnectionSlot(SymbolRef Sym,
                      llvm::function_ref<bool(SymbolRef)> IsConnectionMemory) {
  const TypedValueRegion *Slot = regionOfValueSymbol(Sym);
  return Slot && isConnectionLifetimeRegion(Slot, IsConnectionMemory);
}

//===----------------------------------------------------------------------===//
// Allocators
//===----------------------------------------------------------------------===//

// The nginx API that takes memory from a pool (src/core/*.h, src/http/*.h,
// src/event/ngx_event_openssl.h, src/os/unix/*.h of nginx 1.22). Macros such
// as ngx_calloc_buf() and ngx_alloc_buf() expand to ngx_pcalloc() and
// ngx_palloc() and need no entry.
static const PoolAllocator Allocators[] = {
    // Blocks of memory.
    {"ngx_palloc", 2, AllocKind::Block, 0, 1},
    {"ngx_pnalloc", 2, AllocKind::Block, 0, 1},
    {"ngx_pcalloc", 2, AllocKind::Block, 0, 1},
    {"ngx_pmemalign", 3, AllocKind::Block, 0, 1},

    // nginx objects.
    {"ngx_pool_cleanup_add", 2, AllocKind::Object, 0},
    {"ngx_array_create", 3, AllocKind::Container, 0},
    {"ngx_list_create", 3, AllocKind::Container, 0},
    {"ngx_create_temp_buf", 2, AllocKind::Object, 0},
    {"ngx_create_chain_of_bufs", 2, AllocKind::Object, 0},
    {"ngx_alloc_chain_link", 1, AllocKind::Object, 0, std::nullopt,
     ReuseKind::PoolFreeChain},
    {"ngx_chain_get_free_buf", 2, AllocKind::Object, 0, std::nullopt,
     ReuseKind::FreeListArg, 1},
    {"ngx_pstrdup", 2, AllocKind::Object, 0},
    {"ngx_radix_tree_create", 2, AllocKind::Object, 0},
    {"ngx_thread_task_alloc", 2, AllocKind::Object, 0},
    {"ngx_open_file_cache_init", 3, AllocKind::Object, 0},
    {"ngx_http_script_start_code", 3, AllocKind::Object, 0},

    // Containers: initialised in place, or grown from their own pool.
    {"ngx_array_init", 4, AllocKind::Init, 1},
    {"ngx_list_init", 4, AllocKind::Init, 1},
    {"ngx_array_push", 1, AllocKind::Grow, 0},
    {"ngx_array_push_n", 2, AllocKind::Grow, 0},
    {"ngx_list_push", 1, AllocKind::Grow, 0},

    // Functions that allocate from the pool they are given as part of their
    // work.
    {"ngx_chain_add_copy", 3, AllocKind::Uses, 0},
    {"ngx_parse_url", 2, AllocKind::Uses, 0},
    {"ngx_parse_addr", 4, AllocKind::Uses, 0},
    {"ngx_parse_addr_port", 4, AllocKind::Uses, 0},
    {"ngx_inet_resolve_host", 2, AllocKind::Uses, 0},
    {"ngx_get_full_name", 3, AllocKind::Uses, 0},
    {"ngx_create_temp_file", 6, AllocKind::Uses, 2},
    {"ngx_open_cached_file", 4, AllocKind::Uses, 3},
    {"ngx_crypt", 4, AllocKind::Uses, 0},
    {"ngx_libc_crypt", 4, AllocKind::Uses, 0},
    {"ngx_ssl_connection_certificate", 4, AllocKind::Uses, 1},
    {"ngx_ssl_get_protocol", 3, AllocKind::Uses, 1},
    {"ngx_ssl_get_cipher_name", 3, AllocKind::Uses, 1},
    {"ngx_ssl_get_ciphers", 3, AllocKind::Uses, 1},
    {"ngx_ssl_get_curve", 3, AllocKind::Uses, 1},
    {"ngx_ssl_get_curves", 3, AllocKind::Uses, 1},
    {"ngx_ssl_get_session_id", 3, AllocKind::Uses, 1},
    {"ngx_ssl_get_session_reused", 3, AllocKind::Uses, 1},
    {"ngx_ssl_get_early_data", 3, AllocKind::Uses, 1},
    {"ngx_ssl_get_server_name", 3, AllocKind::Uses, 1},
    {"ngx_ssl_get_alpn_protocol", 3, AllocKind::Uses, 1},
    {"ngx_ssl_get_raw_certificate", 3, AllocKind::Uses, 1},
    {"ngx_ssl_get_certificate", 3, AllocKind::Uses, 1},
    {"ngx_ssl_get_escaped_certificate", 3, AllocKind::Uses, 1},
    {"ngx_ssl_get_subject_dn", 3, AllocKind::Uses, 1},
    {"ngx_ssl_get_issuer_dn", 3, AllocKind::Uses, 1},
    {"ngx_ssl_get_subject_dn_legacy", 3, AllocKind::Uses, 1},
    {"ngx_ssl_get_issuer_dn_legacy", 3, AllocKind::Uses, 1},
    {"ngx_ssl_get_serial_number", 3, AllocKind::Uses, 1},
    {"ngx_ssl_get_fingerprint", 3, AllocKind::Uses, 1},
    {"ngx_ssl_get_client_verify", 3, AllocKind::Uses, 1},
    {"ngx_ssl_get_client_v_start", 3, AllocKind::Uses, 1},
    {"ngx_ssl_get_client_v_end", 3, AllocKind::Uses, 1},
    {"ngx_ssl_get_client_v_remain", 3, AllocKind::Uses, 1},
};

static const llvm::StringMap<const PoolAllocator *> &allocatorsByName() {
  static const llvm::StringMap<const PoolAllocator *> Map = [] {
    llvm::StringMap<const PoolAllocator *> M;
    for (const PoolAllocator &A : Allocators)
      M[A.Name] = &A;
    return M;
  }();
  return Map;
}

const PoolAllocator *findPoolAllocator(const Decl *D) {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(D);
  if (!FD || !FD->getIdentifier() || isa<CXXMethodDecl>(FD))
    return nullptr;
  auto It = allocatorsByName().find(FD->getName());
  if (It == allocatorsByName().end() ||
      FD->getNumParams() != It->second->NumArgs)
    return nullptr;
  return It->second;
}

const PoolAllocator *findPoolAllocator(const CallEvent &Call) {
  const PoolAllocator *A = findPoolAllocator(Call.getDecl());
  if (!A || Call.getNumArgs() != A->NumArgs)
    return nullptr;
  return A;
}

const FieldDecl *fieldOf(QualType PtrType, llvm::StringRef FieldName) {
  if (PtrType.isNull() || !PtrType->isPointerType())
    return nullptr;
  const RecordDecl *RD = PtrType->getPointeeType()->getAsRecordDecl();
  if (!RD || !RD->getDefinition())
    return nullptr;
  for (const FieldDecl *FD : RD->getDefinition()->fields())
    if (FD->getName() == FieldName)
      return FD;
  return nullptr;
}

/// The value of field \p FieldName of the struct \p Ptr points to.
static SVal loadField(SVal Ptr, QualType PtrType, llvm::StringRef FieldName,
                      ProgramStateRef State) {
  const FieldDecl *FD = fieldOf(PtrType, FieldName);
  if (!FD || !Ptr.getAs<Loc>())
    return UnknownVal();
  SVal Field = State->getLValue(FD, Ptr);
  if (!Field.getAs<Loc>())
    return UnknownVal();
  return State->getSVal(Field.castAs<Loc>(), FD->getType());
}

const FieldDecl *containerPoolField(QualType ContainerPtr) {
  return fieldOf(ContainerPtr, ContainerPoolFieldName);
}

std::optional<SVal> getCreatedPoolSize(const CallEvent &Call) {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  if (!FD || !FD->getIdentifier() || FD->getName() != "ngx_create_pool" ||
      Call.getNumArgs() != 2)
    return std::nullopt;
  return Call.getArgSVal(0);
}

static QualType argType(const CallEvent &Call, unsigned I) {
  if (const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl()))
    if (I < FD->getNumParams())
      return FD->getParamDecl(I)->getType();
  return Call.getArgExpr(I)->getType();
}

SVal getAllocationPool(const CallEvent &Call, const PoolAllocator &A,
                       ProgramStateRef State) {
  SVal Arg = Call.getArgSVal(A.PoolArg);
  if (A.Kind != AllocKind::Grow)
    return Arg;
  return loadField(Arg, argType(Call, A.PoolArg), ContainerPoolFieldName,
                   State);
}

bool reusesFreeList(const CallEvent &Call, const PoolAllocator &A,
                    ProgramStateRef State) {
  SVal List = UnknownVal();
  switch (A.Reuse) {
  case ReuseKind::None:
    return false;
  case ReuseKind::PoolFreeChain:
    List = loadField(Call.getArgSVal(A.PoolArg), argType(Call, A.PoolArg),
                     PoolFreeChain.Field, State);
    break;
  case ReuseKind::FreeListArg: {
    SVal ListPtr = Call.getArgSVal(A.ReuseArg);
    if (std::optional<Loc> L = ListPtr.getAs<Loc>())
      List = State->getSVal(*L);
    break;
  }
  }
  if (std::optional<DefinedSVal> D = List.getAs<DefinedSVal>())
    return State->isNonNull(*D).isConstrainedTrue();
  return false;
}

namespace {
/// Finds a store into the free chain of a pool.
class FreeChainStoreFinder : public RecursiveASTVisitor<FreeChainStoreFinder> {
public:
  bool Found = false;
  bool VisitBinaryOperator(BinaryOperator *B) {
    if (B->getOpcode() != BO_Assign)
      return true;
    const auto *ME = dyn_cast<MemberExpr>(B->getLHS()->IgnoreParenImpCasts());
    if (!ME)
      return true;
    const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (FD && FD->getName() == PoolFreeChain.Field &&
        recordName(FD->getParent()) == PoolFreeChain.Record)
      Found = true;
    return !Found;
  }
};
} // namespace

bool recyclesChainLinks(const Decl *D) {
  if (!D || !D->getBody())
    return false;
  FreeChainStoreFinder Finder;
  Finder.TraverseStmt(D->getBody());
  return Finder.Found;
}

//===----------------------------------------------------------------------===//
// Small limits and block sizes
//===----------------------------------------------------------------------===//

const NginxField BufStart{"ngx_buf_s", "start"};
const NginxField BufPos{"ngx_buf_s", "pos"};
const NginxField BufLast{"ngx_buf_s", "last"};
const NginxField BufEnd{"ngx_buf_s", "end"};

/// sizeof(ngx_pool_t) as the AST lays it out (80 on 64-bit Linux).
static uint64_t poolHeaderSize(QualType PoolPtrType, ASTContext &Ctx) {
  if (!PoolPtrType.isNull() && PoolPtrType->isPointerType()) {
    QualType Pool = PoolPtrType->getPointeeType();
    if (!Pool->isIncompleteType())
      return Ctx.getTypeSizeInChars(Pool).getQuantity();
  }
  return 10 * Ctx.getTypeSizeInChars(Ctx.VoidPtrTy).getQuantity();
}

SmallLimit smallLimit(const PoolOrigin &Pool, const PoolSizes &Sizes,
                      QualType PoolPtrType, ProgramStateRef State,
                      SValBuilder &SVB) {
  ASTContext &Ctx = SVB.getContext();
  SmallLimit L;
  L.MaxAllocFromPool = Sizes.PageSize - 1;
  uint64_t Header = poolHeaderSize(PoolPtrType, Ctx);
  QualType SizeT = Ctx.getSizeType();

  auto FromKnownSize = [&](uint64_t PoolSize) {
    uint64_t Usable = PoolSize > Header ? PoolSize - Header : 0;
    L.SizeLessHeader = SVB.makeIntVal(Usable, SizeT);
    L.Known = std::min(Usable, L.MaxAllocFromPool);
  };

  switch (Pool.Kind) {
  case PoolKind::Request:
    FromKnownSize(Sizes.RequestPoolSize);
    break;
  case PoolKind::Connection:
    FromKnownSize(Sizes.ConnectionPoolSize);
    break;
  case PoolKind::Created:
    if (std::optional<nonloc::ConcreteInt> N =
            Pool.CreatedSize->getAs<nonloc::ConcreteInt>()) {
      FromKnownSize(N->getValue().getZExtValue());
    } else if (std::optional<NonLoc> Sym = Pool.CreatedSize->getAs<NonLoc>()) {
      L.SizeLessHeader = SVB.evalBinOp(State, BO_Sub, *Sym,
                                       SVB.makeIntVal(Header, SizeT), SizeT);
    }
    break;
  case PoolKind::Unknown:
    L.Known = L.MaxAllocFromPool;
    break;
  }
  return L;
}

namespace {
/// Interval arithmetic over symbolic sizes (see SizeBounds).
class BoundsOf {
  ProgramStateRef State;
  SValBuilder &SVB;
  unsigned Depth = 0;

  static SizeBounds unbounded() { return {}; }
  static SizeBounds exactly(uint64_t V) { return {V, V}; }

  static SizeBounds add(SizeBounds A, SizeBounds B) {
    SizeBounds R;
    if (__builtin_add_overflow(A.Max, B.Max, &R.Max))
      return unbounded();
    R.Min = A.Min + B.Min;
    return R;
  }
  static SizeBounds mul(SizeBounds A, SizeBounds B) {
    SizeBounds R;
    if (__builtin_mul_overflow(A.Max, B.Max, &R.Max))
      return unbounded();
    R.Min = A.Min * B.Min;
    return R;
  }
  static SizeBounds sub(SizeBounds A, SizeBounds B) {
    if (A.Min < B.Max) // May wrap around.
      return unbounded();
    return {A.Min - B.Max, A.Max - B.Min};
  }

  SizeBounds ofSymbol(SymbolRef Sym) {
    SizeBounds R;
    nonloc::SymbolVal V(Sym);
    if (const llvm::APSInt *Max = SVB.getMaxValue(State, V))
      if (Max->isNonNegative() && Max->getActiveBits() <= 64)
        R.Max = Max->getZExtValue();
    if (const llvm::APSInt *Min = SVB.getMinValue(State, V))
      if (Min->isNonNegative() && Min->getActiveBits() <= 64)
        R.Min = Min->getZExtValue();
    return R;
  }

  SizeBounds combine(BinaryOperatorKind Op, SizeBounds A, SizeBounds B) {
    switch (Op) {
    case BO_Add:
      return add(A, B);
    case BO_Sub:
      return sub(A, B);
    case BO_Mul:
      return mul(A, B);
    case BO_Div:
      if (B.Min == 0)
        return unbounded();
      return {A.Min / B.Max, A.Max / B.Min};
    case BO_And: // Unsigned: no more than either side.
      return {0, std::min(A.Max, B.Max)};
    case BO_Or:
      return add(A, B).Max == UINT64_MAX
                 ? unbounded()
                 : SizeBounds{std::max(A.Min, B.Min), add(A, B).Max};
    case BO_Shl:
      if (B.Max >= 64 || A.Max > (UINT64_MAX >> B.Max))
        return unbounded();
      return {A.Min << B.Min, A.Max << B.Max};
    case BO_Shr:
      if (B.Max >= 64)
        return unbounded();
      return {A.Min >> B.Max, A.Max >> B.Min};
    default:
      return unbounded();
    }
  }

public:
  BoundsOf(ProgramStateRef State, SValBuilder &SVB) : State(State), SVB(SVB) {}

  SizeBounds of(SymbolRef Sym) {
    if (++Depth > 16)
      return unbounded();
    SizeBounds Direct = ofSymbol(Sym);
    SizeBounds Folded = unbounded();
    if (const auto *SI = dyn_cast<SymIntExpr>(Sym))
      Folded = combine(SI->getOpcode(), of(SI->getLHS()),
                       exactly(SI->getRHS().getZExtValue()));
    else if (const auto *IS = dyn_cast<IntSymExpr>(Sym))
      Folded = combine(IS->getOpcode(), exactly(IS->getLHS().getZExtValue()),
                       of(IS->getRHS()));
    else if (const auto *SS = dyn_cast<SymSymExpr>(Sym))
      Folded = combine(SS->getOpcode(), of(SS->getLHS()), of(SS->getRHS()));
    else if (const auto *Cast = dyn_cast<SymbolCast>(Sym))
      if (Cast->getType()->isUnsignedIntegerType() &&
          SVB.getContext().getTypeSize(Cast->getType()) >=
              SVB.getContext().getTypeSize(Cast->getOperand()->getType()))
        Folded = of(Cast->getOperand());
    --Depth;
    // What the constraint manager knows of the whole, and what the parts
    // say, both hold.
    return {std::max(Direct.Min, Folded.Min), std::min(Direct.Max, Folded.Max)};
  }
};
} // namespace

SizeBounds sizeBounds(SVal Size, ProgramStateRef State, SValBuilder &SVB) {
  if (std::optional<nonloc::ConcreteInt> CI = Size.getAs<nonloc::ConcreteInt>())
    if (CI->getValue().isNonNegative() || CI->getValue().isUnsigned())
      return {CI->getValue().getZExtValue(), CI->getValue().getZExtValue()};
  if (SymbolRef Sym = Size.getAsSymbol())
    return BoundsOf(State, SVB).of(Sym);
  return {};
}

std::optional<SVal> allocationSize(const CallEvent &Call,
                                   const PoolAllocator &A,
                                   ProgramStateRef State, ASTContext &Ctx,
                                   SValBuilder &SVB) {
  if (A.Kind == AllocKind::Block && A.SizeArg)
    return Call.getArgSVal(*A.SizeArg);
  if (A.Kind != AllocKind::Object && A.Kind != AllocKind::Container)
    return std::nullopt;
  if (A.Name == "ngx_pstrdup") // A copy of src: src->len bytes.
    return loadField(Call.getArgSVal(1), argType(Call, 1), "len", State);
  QualType Result = Call.getResultType();
  if (!Result->isPointerType() ||
      Result->getPointeeType()->isIncompleteType() ||
      Result->getPointeeType()->isVoidType())
    return std::nullopt;
  uint64_t Size =
      Ctx.getTypeSizeInChars(Result->getPointeeType()).getQuantity();
  return SVB.makeIntVal(Size, Ctx.getSizeType());
}

bool alwaysLarge(const PoolAllocator &A) { return A.Name == "ngx_pmemalign"; }

static constexpr llvm::StringLiteral PoolFreeName = "ngx_pfree";

bool isPoolFree(const CallEvent &Call) {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  return FD && FD->getIdentifier() && FD->getName() == PoolFreeName &&
         Call.getNumArgs() == 2;
}

namespace {
/// Finds a call of ngx_pfree().
class PoolFreeCallFinder : public RecursiveASTVisitor<PoolFreeCallFinder> {
public:
  bool Found = false;
  bool VisitCallExpr(CallExpr *CE) {
    const FunctionDecl *FD = CE->getDirectCallee();
    Found = FD && FD->getIdentifier() && FD->getName() == PoolFreeName;
    return !Found;
  }
};
} // namespace

bool callsPoolFree(ASTContext &Ctx) {
  PoolFreeCallFinder Finder;
  Finder.TraverseDecl(Ctx.getTranslationUnitDecl());
  return Finder.Found;
}

bool mayBeLargeBlock(const CallEvent &Call, const PoolAllocator &A,
                     const PoolOrigin &Pool, ProgramStateRef State,
                     SValBuilder &SVB) {
  if (A.Kind != AllocKind::Block)
    return false; // Objects and containers are small.
  if (alwaysLarge(A))
    return true;
  std::optional<SVal> Size =
      allocationSize(Call, A, State, SVB.getContext(), SVB);
  SmallLimit Limit = smallLimit(
      Pool, PoolSizes{}, Call.getArgExpr(A.PoolArg)->getType(), State, SVB);
  if (!Size || !Limit.Known)
    return true;
  return sizeBounds(*Size, State, SVB).Max > *Limit.Known;
}

bool isTempBufCreation(const CallEvent &Call) {
  const PoolAllocator *A = findPoolAllocator(Call);
  return A && A->Name == "ngx_create_temp_buf";
}

bool isInsideModeledAllocator(const LocationContext *LC) {
  for (; LC; LC = LC->getParent())
    if (isa<StackFrameContext>(LC) && findPoolAllocator(LC->getDecl()))
      return true;
  return false;
}

//===----------------------------------------------------------------------===//
// Annotations
//===----------------------------------------------------------------------===//

const llvm::StringLiteral ConnectionScopeAnnotation =
    "ngx_pool_check::connection_scope";

bool hasAnnotation(const Decl *D, llvm::StringRef Annotation) {
  if (!D)
    return false;
  for (const auto *A : D->specific_attrs<AnnotateAttr>())
    if (A->getAnnotation() == Annotation)
      return true;
  return false;
}

bool isInAnnotatedScope(const LocationContext *LC, llvm::StringRef Annotation) {
  for (; LC; LC = LC->getParent())
    if (hasAnnotation(LC->getDecl(), Annotation))
      return true;
  return false;
}

} // namespace model
} // namespace ngx_pool_check
