//===- NginxModel.cpp - What the checkers know about nginx ----------------===//
//
// See NginxModel.h: nginx's structs and fields, pool origins, names for
// messages, connection-lifetime memory, allocation sizes and small limits.
// The functions themselves are rows of NginxApi.cpp.
//
//===----------------------------------------------------------------------===//

#include "NginxModel.h"

#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/StaticAnalyzer/Core/AnalyzerOptions.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramState.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/Store.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/SymbolManager.h"

using namespace clang;
using namespace clang::ento;

// Pools created by ngx_create_pool() on the current path, with their size.
REGISTER_MAP_WITH_PROGRAMSTATE(NgxCreatedPools, SymbolRef, SVal)
// Blocks allocated on the current path that a pointer stored in memory
// outliving the function links to (a context set on the request).
REGISTER_SET_WITH_PROGRAMSTATE(NgxLinkedBlocks, SymbolRef)

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

bool isPoolPointerType(QualType T) {
  if (T.isNull() || !T->isPointerType())
    return false;
  const RecordDecl *RD = T->getPointeeType()->getAsRecordDecl();
  return RD && recordName(RD) == PoolFreeChain.Record;
}

/// The region a symbol is the (initial or invalidated) value of, if any.
const TypedValueRegion *regionOfValueSymbol(SymbolRef Sym) {
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

  if (isField(FR, CyclePool) || isField(FR, ConfPool)) {
    O.Kind = PoolKind::Cycle;
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
  for (SymbolRef Block : State->get<NgxLinkedBlocks>())
    if (!SR.isLive(Block))
      State = State->remove<NgxLinkedBlocks>(Block);
  return State;
}

ProgramStateRef recordLinkedBlock(ProgramStateRef State, SymbolRef Block) {
  return State->add<NgxLinkedBlocks>(Block);
}

bool isLinkedBlock(ProgramStateRef State, SymbolRef Block) {
  return Block && State->contains<NgxLinkedBlocks>(Block);
}

void markLiveSymbols(ProgramStateRef State, SymbolReaper &SR) {
  // Called before the reaper knows what is live: keep them while the entry
  // exists; it goes when the pool dies (removeDeadSymbols).
  for (auto [Pool, Size] : State->get<NgxCreatedPools>())
    for (SymbolRef S : Size.symbols())
      SR.markLive(S);
}

void printModelState(llvm::raw_ostream &Out, ProgramStateRef State,
                     const char *NL, const char *Sep) {
  auto Pools = State->get<NgxCreatedPools>();
  auto Linked = State->get<NgxLinkedBlocks>();
  if (Pools.isEmpty() && Linked.isEmpty())
    return;
  if (!Pools.isEmpty())
    Out << Sep << "nginx.APIModeling: pools created on this path:" << NL;
  for (auto [Pool, Size] : Pools) {
    Out << "  " << Pool << " of size ";
    Size.dumpToStream(Out);
    Out << NL;
  }
  if (!Linked.isEmpty())
    Out << Sep << "nginx.APIModeling: new blocks linked from long-lived "
        << "memory:" << NL;
  for (SymbolRef Block : Linked)
    Out << "  " << Block << NL;
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

RegionNamer::RegionNamer(const ExplodedNode *N) : Node(N) {}

void RegionNamer::collectVariables() const {
  if (Collected || !Node)
    return;
  Collected = true;
  const ExplodedNode *N = Node;
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
  collectVariables();
  auto Held = HeldBy.find(Sym);
  if (Held != HeldBy.end())
    return Held->second;
  for (const auto &[Region, Name] : PointedToBy)
    if (const auto *SR = dyn_cast<SymbolicRegion>(Region))
      if (SR->getSymbol() == Sym)
        return Name;
  return fieldHolderOf(Sym);
}

namespace {
/// The variables declared in a function body.
class LocalVariables : public RecursiveASTVisitor<LocalVariables> {
public:
  llvm::SmallVector<const VarDecl *, 8> Vars;
  bool VisitVarDecl(VarDecl *VD) {
    if (VD->hasLocalStorage() && !isa<ParmVarDecl>(VD))
      Vars.push_back(VD);
    return true;
  }
};
} // namespace

std::string RegionNamer::fieldHolderOf(SymbolRef Sym) const {
  if (!Node || !Sym)
    return {};
  const StackFrameContext *Frame = Node->getStackFrame();
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Frame->getDecl());
  if (!FD || !FD->hasBody())
    return {};
  MemRegionManager &MRM = Node->getState()->getStateManager().getRegionManager();
  LocalVariables Locals;
  Locals.TraverseStmt(FD->getBody());

  // A field of the struct at \p Object holding Sym in \p State, named
  // \p Prefix followed by the field.
  auto Search = [&](ProgramStateRef State, const SubRegion *Object,
                    QualType RecordTy, const std::string &Prefix) {
    const RecordDecl *RD = RecordTy->getAsRecordDecl();
    if (!RD || !RD->getDefinition())
      return std::string();
    for (const FieldDecl *F : RD->getDefinition()->fields())
      if (pointeeSymbol(State->getSVal(MRM.getFieldRegion(F, Object),
                                       F->getType())) == Sym)
        return Prefix + F->getNameAsString();
    return std::string();
  };
  auto SearchState = [&](ProgramStateRef State) {
    auto Try = [&](const VarDecl *VD) {
      QualType T = VD->getType();
      const VarRegion *VR = MRM.getVarRegion(VD, Frame);
      if (T->isRecordType())
        return Search(State, VR, T, VD->getNameAsString() + ".");
      const MemRegion *Pointee =
          T->isPointerType() ? State->getSVal(VR).getAsRegion() : nullptr;
      // The region the analyzer reads `v->field` of: a typed view of the
      // pointee (Element{heap block, 0, T} for an allocation), not its base.
      const auto *Object = dyn_cast_or_null<SubRegion>(Pointee);
      if (!Object)
        return std::string();
      return Search(State, Object, T->getPointeeType(),
                    VD->getNameAsString() + "->");
    };
    for (const VarDecl *VD : Locals.Vars)
      if (VD->getIdentifier())
        if (std::string Name = Try(VD); !Name.empty())
          return Name;
    for (const ParmVarDecl *P : FD->parameters())
      if (P->getIdentifier())
        if (std::string Name = Try(P); !Name.empty())
          return Name;
    return std::string();
  };
  // The struct is often dead (and gone from the store) by the time its
  // field's value is used last: look back along the path a little.
  ProgramStateRef Last;
  unsigned States = 0;
  for (const ExplodedNode *N = Node; N && States < 16; N = N->getFirstPred()) {
    if (N->getStackFrame() != Frame || N->getState() == Last)
      continue;
    Last = N->getState();
    ++States;
    std::string Name = SearchState(Last);
    if (!Name.empty())
      return Name;
  }
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
  collectVariables();
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
bool isInsideRequestObject(const MemRegion *R) {
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
// Fields and calls
//===----------------------------------------------------------------------===//

const NginxField BufStart{"ngx_buf_s", "start"};
const NginxField BufPos{"ngx_buf_s", "pos"};
const NginxField BufLast{"ngx_buf_s", "last"};
const NginxField BufEnd{"ngx_buf_s", "end"};

/// Structs that carry the pool they allocate from (containers, a cycle, a
/// regex compilation) keep it in a field of this name.
static constexpr llvm::StringLiteral PoolFieldName = "pool";

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

std::optional<Loc> fieldLocation(SVal Ptr, QualType PtrType,
                                 llvm::StringRef Name, ProgramStateRef State) {
  const FieldDecl *FD = fieldOf(PtrType, Name);
  if (!FD || !Ptr.getAs<Loc>())
    return std::nullopt;
  return State->getLValue(FD, Ptr).getAs<Loc>();
}

const FieldDecl *poolFieldOf(QualType PtrType) {
  return fieldOf(PtrType, PoolFieldName);
}

/// The value of field \p FieldName of the struct \p Ptr points to.
static SVal loadField(SVal Ptr, QualType PtrType, llvm::StringRef FieldName,
                      ProgramStateRef State) {
  std::optional<Loc> L = fieldLocation(Ptr, PtrType, FieldName, State);
  if (!L)
    return UnknownVal();
  return State->getSVal(*L, fieldOf(PtrType, FieldName)->getType());
}

/// The declared type of argument \p I (the expression's type for variadic
/// arguments).
static QualType argType(const CallEvent &Call, unsigned I) {
  if (const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl()))
    if (I < FD->getNumParams())
      return FD->getParamDecl(I)->getType();
  return Call.getArgExpr(I)->getType();
}

SVal poolOfCall(const CallEvent &Call, PoolRef P, ProgramStateRef State) {
  if (P.Arg >= Call.getNumArgs())
    return UnknownVal();
  SVal Arg = Call.getArgSVal(P.Arg);
  if (!P.InPoolField)
    return Arg;
  return loadField(Arg, argType(Call, P.Arg), PoolFieldName, State);
}

/// The type of the pool pointer a call works on.
static QualType poolPointerType(const CallEvent &Call, PoolRef P) {
  if (P.Arg >= Call.getNumArgs())
    return QualType();
  QualType T = argType(Call, P.Arg);
  if (!P.InPoolField)
    return T;
  const FieldDecl *FD = fieldOf(T, PoolFieldName);
  return FD ? FD->getType() : QualType();
}

std::string calleeName(const CallEvent &Call, llvm::StringRef Fallback) {
  if (const IdentifierInfo *II = Call.getCalleeIdentifier())
    return II->getName().str();
  return Fallback.str();
}

//===----------------------------------------------------------------------===//
// Allocations
//===----------------------------------------------------------------------===//

bool reusesFreeList(const CallEvent &Call, const Allocation &A,
                    ProgramStateRef State) {
  SVal List = UnknownVal();
  switch (A.Reuse) {
  case ReuseKind::None:
    return false;
  case ReuseKind::PoolFreeChain:
    List = loadField(poolOfCall(Call, A.Pool, State),
                     poolPointerType(Call, A.Pool), PoolFreeChain.Field, State);
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

std::optional<SVal> allocationSize(const CallEvent &Call, const Allocation &A,
                                   ProgramStateRef State, SValBuilder &SVB) {
  ASTContext &Ctx = SVB.getContext();
  switch (A.Size) {
  case SizeKind::None:
    return std::nullopt;
  case SizeKind::Argument:
    return Call.getArgSVal(A.SizeArg);
  case SizeKind::StringLen: // A copy of the string: its len bytes.
    return loadField(Call.getArgSVal(A.SizeArg), argType(Call, A.SizeArg),
                     "len", State);
  case SizeKind::ResultType: {
    QualType Result = Call.getResultType();
    if (!Result->isPointerType() ||
        Result->getPointeeType()->isIncompleteType() ||
        Result->getPointeeType()->isVoidType())
      return std::nullopt;
    uint64_t Size =
        Ctx.getTypeSizeInChars(Result->getPointeeType()).getQuantity();
    return SVB.makeIntVal(Size, Ctx.getSizeType());
  }
  }
  llvm_unreachable("size kinds are covered");
}

//===----------------------------------------------------------------------===//
// Small limits and block sizes
//===----------------------------------------------------------------------===//

llvm::ArrayRef<PoolSizes::Option> PoolSizes::options() {
  static const Option Options[] = {
      {"RequestPoolSize", &PoolSizes::RequestPoolSize, 1,
       "request_pool_size the checked code runs with: r->pool's small limit "
       "is this less sizeof(ngx_pool_t)"},
      {"ConnectionPoolSize", &PoolSizes::ConnectionPoolSize, 1,
       "connection_pool_size the checked code runs with (512 on 64-bit "
       "platforms, 256 on 32-bit): c->pool's small limit is this less "
       "sizeof(ngx_pool_t)"},
      {"PageSize", &PoolSizes::PageSize, 2,
       "ngx_pagesize: NGX_MAX_ALLOC_FROM_POOL is one less, the small limit of "
       "any pool"},
  };
  return Options;
}

llvm::StringRef PoolSizes::optionPackage() { return "nginx"; }

PoolSizes PoolSizes::fromOptions(const AnalyzerOptions &Opts,
                                 std::vector<BadOption> *Bad) {
  PoolSizes Sizes;
  for (const Option &O : options()) {
    int V = Opts.getCheckerIntegerOption(optionPackage(), O.Name);
    if (V >= 0 && static_cast<uint64_t>(V) >= O.Min)
      Sizes.*O.Field = static_cast<uint64_t>(V);
    else if (Bad)
      Bad->push_back({(optionPackage() + ":" + O.Name).str(),
                      "a size in bytes of at least " + std::to_string(O.Min)});
  }
  return Sizes;
}

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
  case PoolKind::Cycle:
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

/// The constraint manager's answer (see blockSmallness).
static Smallness smallnessByConstraints(NonLoc Size, const PoolOrigin &Pool,
                                        const SmallLimit &L,
                                        ProgramStateRef State,
                                        SValBuilder &SVB) {
  QualType SizeT = SVB.getContext().getSizeType();
  auto AtMost = [&](ProgramStateRef S,
                    SVal Limit) -> std::pair<ProgramStateRef, ProgramStateRef> {
    std::optional<DefinedSVal> Cond =
        SVB.evalBinOp(S, BO_LE, Size, Limit, SVB.getConditionType())
            .getAs<DefinedSVal>();
    if (!Cond)
      return {S, S};
    return S->assume(*Cond);
  };
  // Small: size <= max and size <= pool size - header, on every path here.
  auto [UnderMax, OverMax] =
      AtMost(State, SVB.makeIntVal(L.MaxAllocFromPool, SizeT));
  ProgramStateRef UnderBoth = UnderMax, OverPool = nullptr;
  if (UnderMax && L.SizeLessHeader)
    std::tie(UnderBoth, OverPool) = AtMost(UnderMax, *L.SizeLessHeader);
  else if (!L.SizeLessHeader && Pool.Kind == PoolKind::Created)
    OverPool = UnderMax; // The pool's size is not known: it may be small.
  if (!OverMax && !OverPool && UnderBoth)
    return Smallness::Small;
  if (!UnderBoth)
    return Smallness::Large;
  return Smallness::Either;
}

/// Interval arithmetic's answer (see blockSmallness).
static Smallness smallnessByBounds(SVal Size, const PoolOrigin &Pool,
                                   const SmallLimit &L, ProgramStateRef State,
                                   SValBuilder &SVB) {
  SizeBounds S = sizeBounds(Size, State, SVB);
  SizeBounds Limit{0, L.MaxAllocFromPool};
  if (L.SizeLessHeader) {
    SizeBounds PoolBounds = sizeBounds(*L.SizeLessHeader, State, SVB);
    Limit = {std::min(PoolBounds.Min, L.MaxAllocFromPool),
             std::min(PoolBounds.Max, L.MaxAllocFromPool)};
  } else if (Pool.Kind != PoolKind::Created) {
    Limit.Min = L.MaxAllocFromPool;
  }
  if (S.Max <= Limit.Min)
    return Smallness::Small;
  if (S.Min > Limit.Max)
    return Smallness::Large;
  return Smallness::Either;
}

Smallness blockSmallness(SVal Size, const PoolOrigin &Pool,
                         const SmallLimit &Limit, ProgramStateRef State,
                         SValBuilder &SVB) {
  std::optional<NonLoc> N = Size.getAs<NonLoc>();
  if (!N)
    return Smallness::Either;
  Smallness ByConstraints = smallnessByConstraints(*N, Pool, Limit, State, SVB);
  if (ByConstraints != Smallness::Either)
    return ByConstraints;
  return smallnessByBounds(*N, Pool, Limit, State, SVB);
}

Smallness allocationSmallness(const CallEvent &Call, const Allocation &A,
                              const PoolOrigin &Pool, const PoolSizes &Sizes,
                              ProgramStateRef State, SValBuilder &SVB) {
  if (A.Kind != AllocKind::Block)
    return Smallness::Small; // nginx's objects and containers are small.
  if (A.AlwaysLarge)
    return Smallness::Large;
  std::optional<SVal> Size = allocationSize(Call, A, State, SVB);
  if (!Size)
    return Smallness::Either;
  SmallLimit Limit =
      smallLimit(Pool, Sizes, poolPointerType(Call, A.Pool), State, SVB);
  return blockSmallness(*Size, Pool, Limit, State, SVB);
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

//===----------------------------------------------------------------------===//
// Events and their timers (nginx.TimerLifetime; the rest is NginxTimers.cpp)
//===----------------------------------------------------------------------===//

const NginxField RequestCtx{"ngx_http_request_s", "ctx"};
const NginxField EventTimerSet{"ngx_event_s", "timer_set"};
const NginxField HttpCleanupData{"ngx_http_cleanup_s", "data"};

const MemRegion *requestOfModuleCtx(SymbolRef Sym) {
  // r->ctx[i]: an element of the array the request's `ctx` field points to.
  const auto *Slot = dyn_cast_or_null<ElementRegion>(regionOfValueSymbol(Sym));
  const SymbolicRegion *Array = Slot ? Slot->getSymbolicBase() : nullptr;
  const auto *Field = dyn_cast_or_null<FieldRegion>(
      Array ? regionOfValueSymbol(Array->getSymbol()) : nullptr);
  return isField(Field, RequestCtx) ? objectOfField(Field) : nullptr;
}

bool isCleanupDataField(const MemRegion *R) {
  const auto *FR = R ? dyn_cast<FieldRegion>(R->StripCasts()) : nullptr;
  return isField(FR, CleanupData) || isField(FR, HttpCleanupData);
}

} // namespace model
} // namespace ngx_pool_check
