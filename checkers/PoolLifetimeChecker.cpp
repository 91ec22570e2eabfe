//===- PoolLifetimeChecker.cpp - Per-request memory from the connection pool =//
//
// nginx.PoolLifetime: request code that allocates from the connection pool
// (`r->connection->pool`, "c->pool") instead of the request pool (`r->pool`).
//
// Why it matters: nginx frees pool memory only when the whole pool is
// destroyed. The request pool dies with the request; the connection pool dies
// when the client closes the connection, which on a keepalive connection is
// up to keepalive_requests (1000 by default) requests later, and on HTTP/2
// spans every stream of the connection. Memory a request handler takes from
// c->pool therefore piles up request after request: the worker's RSS grows
// with concurrency x requests per connection x bytes per request and never
// comes down. The fix is to allocate from r->pool.
//
// How it works: at every call the nginx model knows to allocate from a pool
// (ngx_palloc & co., buffers, arrays, lists, chain links, cleanup records,
// string copies, array/list pushes, and functions such as ngx_parse_url that
// allocate from the pool they are given), the checker asks the model where
// the pool's symbolic value came from. It reports when the value is the
// `pool` field of a connection that was read from a request's `connection`
// field: the analyzer's store carries that value through locals, struct
// copies, struct fields, getters and parameters of inlined helpers, so no
// spelling of the expression matters.
//
// What it leaves alone: r->pool and its aliases; connection-level code with no
// request (a connection's init handler, stream sessions, whose session is the
// connection); pools created with ngx_create_pool(); configuration pools; and
// a once-per-connection lazy initialisation, recognised like this:
//   - at each branch, the checker records which connection slot (a pointer
//     read from connection-lifetime memory, e.g. `hc->free`) the condition
//     tested;
//   - an allocation that is control dependent on such a branch, on a path
//     where the slot is NULL, is a lazy initialisation candidate (nginx's own
//     large header buffers: `if (hc->free) reuse; else allocate`);
//   - the candidate is fine once it is stored into connection-lifetime memory
//     (directly, or inside another candidate that is); if it dies without
//     being stored there, it is reported where it dies.
// A block that may be larger than the connection pool's small limit has
// memory of its own that ngx_pfree() gives back; in a file that calls
// ngx_pfree(), such a block is reported where it dies on a path that did not
// give it back, not where it was allocated.
// Functions annotated NGX_PC_CONNECTION_SCOPE (include/ngx_pool_check.h) run
// once per connection by the author's word and are not checked.
//
// The finding at an allocation carries a fix-it, `c->pool` -> `r->pool`,
// when it is mechanical (requestPoolFix): the source itself makes the
// argument the connection pool of a request variable in scope. The other
// findings (a lazy initialisation not kept, a block not given back) have
// none: their fix is a choice between keeping and allocating elsewhere.
//
// Each allocation is decided once, before the call (where the pool argument
// still has the value the code passed); a decision that needs the result
// (a lazy initialisation, a block ngx_pfree() may give back) is kept for the
// call's end, where the result is followed.
//
// A lazy-initialisation candidate (LazyAllocs):
//
//   allocation from c->pool on the NULL arm of a test of a connection slot
//        |
//        v
//   [candidate] --stored into connection memory--------------> [kept]
//        |  |   --escapes into code the analyzer cannot see--> [kept]
//        |  +-- stored into another candidate X --> [inside X] --X kept-->
//        |                                                        [kept]
//        +-- dies NULL (the allocation failed) -> nothing to say on this path
//        +-- dies neither kept nor NULL --------> reported: not kept
//
// A block that ngx_pfree() may give back (ReleasableAllocs):
//
//   [allocated] --ngx_pfree(same pool, block)--> (given back: forgotten)
//        +-- dies NULL -----------------------> (the allocation failed)
//        +-- dies otherwise ------------------> reported: not released
//
//===----------------------------------------------------------------------===//

#include "BlockDominance.h"
#include "Checkers.h"
#include "NginxModel.h"
#include "PathHelpers.h"
#include "Registration.h"

#include "clang/AST/ParentMap.h"
#include "clang/Analysis/CFGStmtMap.h"
#include "clang/Lex/Lexer.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporterVisitors.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugType.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"

using namespace clang;
using namespace clang::ento;
using namespace ngx_pool_check;
namespace m = ngx_pool_check::model;

namespace {

/// A branch of the current path, identified by its stack frame and CFG block.
struct BranchKey {
  const StackFrameContext *Frame;
  unsigned Block;

  bool operator==(const BranchKey &O) const {
    return Frame == O.Frame && Block == O.Block;
  }
  bool operator<(const BranchKey &O) const {
    return std::tie(Frame, Block) < std::tie(O.Frame, O.Block);
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddPointer(Frame);
    ID.AddInteger(Block);
  }
};

/// An allocation from the connection pool made on the NULL side of a test of
/// a connection slot: a lazy initialisation, if the connection keeps it.
struct LazyAlloc {
  SymbolRef Slot;            ///< The slot that was found NULL.
  const MemRegion *Request;  ///< The request whose connection pool it is.
  bool Kept = false;         ///< Stored into connection-lifetime memory.
  SymbolRef Owner = nullptr; ///< Stored into this other candidate.

  LazyAlloc kept() const { return {Slot, Request, true, nullptr}; }
  LazyAlloc storedInto(SymbolRef O) const { return {Slot, Request, false, O}; }

  bool operator==(const LazyAlloc &O) const {
    return Slot == O.Slot && Request == O.Request && Kept == O.Kept &&
           Owner == O.Owner;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddPointer(Slot);
    ID.AddPointer(Request);
    ID.AddBoolean(Kept);
    ID.AddPointer(Owner);
  }
};

/// A block from the connection pool that ngx_pfree() may give back.
struct ReleasableAlloc {
  const CallExpr *Site;     ///< The allocating call.
  const MemRegion *Request; ///< The request whose connection pool it is.
  SymbolRef Pool;           ///< The pool, and the connection, for notes.
  SymbolRef Connection;

  bool operator==(const ReleasableAlloc &O) const {
    return Site == O.Site && Request == O.Request && Pool == O.Pool &&
           Connection == O.Connection;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddPointer(Site);
    ID.AddPointer(Request);
    ID.AddPointer(Pool);
    ID.AddPointer(Connection);
  }
};

/// An allocation decided before its call whose result is followed after
/// it: a lazy-initialisation candidate, or a block ngx_pfree() may give back.
struct PendingAlloc {
  SymbolRef LazySlot;       ///< The NULL slot it lazily initialises, if any.
  bool MayBeReleased;       ///< A block ngx_pfree() may give back.
  const MemRegion *Request; ///< The request whose connection pool it is.
  SymbolRef Pool, Connection;

  bool operator==(const PendingAlloc &O) const {
    return LazySlot == O.LazySlot && MayBeReleased == O.MayBeReleased &&
           Request == O.Request && Pool == O.Pool &&
           Connection == O.Connection;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddPointer(LazySlot);
    ID.AddBoolean(MayBeReleased);
    ID.AddPointer(Request);
    ID.AddPointer(Pool);
    ID.AddPointer(Connection);
  }
};

} // namespace

// Allocations decided before their call, by the call, until its end.
REGISTER_MAP_WITH_PROGRAMSTATE(PendingAllocs, const Expr *, PendingAlloc)
// Branches whose condition tested a connection slot, with the slot's symbol.
REGISTER_MAP_WITH_PROGRAMSTATE(ConnSlotTests, BranchKey, SymbolRef)
// Lazy-initialisation candidates, by the symbol of the allocated memory.
REGISTER_MAP_WITH_PROGRAMSTATE(LazyAllocs, SymbolRef, LazyAlloc)
// A candidate allocation failed on this path: what follows is error
// handling, not a per-request cost.
REGISTER_TRAIT_WITH_PROGRAMSTATE(LazyAllocFailed, bool)
// Blocks from the connection pool that may be large, in code that calls
// ngx_pfree(): by the allocating call, until ngx_pfree() gives them back.
REGISTER_MAP_WITH_PROGRAMSTATE(ReleasableAllocs, SymbolRef, ReleasableAlloc)

namespace {

class PoolLifetimeChecker
    : public Checker<check::PreCall, check::PostCall, check::BranchCondition,
                     check::Bind, check::PointerEscape, check::LiveSymbols,
                     check::DeadSymbols, check::BeginFunction,
                     check::EndFunction> {
  const BugType PerRequestAlloc{this,
                                "Per-request allocation from the connection "
                                "pool",
                                category::NginxMemory};
  const m::ApiTable Api;
  const NullTestedPointers NullTests;

public:
  m::PoolSizes Sizes;

  void checkPreCall(const CallEvent &Call, CheckerContext &C) const;
  void checkPostCall(const CallEvent &Call, CheckerContext &C) const;
  void checkBranchCondition(const Stmt *Cond, CheckerContext &C) const;
  void checkBind(SVal Loc, SVal Val, const Stmt *S, CheckerContext &C) const;
  ProgramStateRef checkPointerEscape(ProgramStateRef State,
                                     const InvalidatedSymbols &Escaped,
                                     const CallEvent *Call,
                                     PointerEscapeKind Kind) const;
  void checkLiveSymbols(ProgramStateRef State, SymbolReaper &SR) const;
  void checkDeadSymbols(SymbolReaper &SR, CheckerContext &C) const;
  void checkBeginFunction(CheckerContext &C) const;
  void checkEndFunction(const ReturnStmt *RS, CheckerContext &C) const;
  void printState(raw_ostream &Out, ProgramStateRef State, const char *NL,
                  const char *Sep) const override;

private:
  /// A call that takes memory from the connection pool of a request.
  struct ConnectionAllocation {
    const m::Allocation *Alloc;
    m::PoolOrigin Pool;
    /// The NULL connection slot this allocation is a lazy init of, if any.
    SymbolRef LazySlot;
    /// A block that may be large, in a translation unit that calls
    /// ngx_pfree(): judged where it dies, unless ngx_pfree() releases it.
    bool MayBeReleased;
  };

  /// Whether the translation unit gives blocks back with ngx_pfree(), once
  /// looked up (a checker instance serves one translation unit).
  mutable std::optional<bool> UnitFreesBlocks;
  bool unitFreesBlocks(ASTContext &Ctx) const;

  std::optional<ConnectionAllocation>
  findConnectionAllocation(const CallEvent &Call, const m::Allocation &A,
                           CheckerContext &C) const;
  void followResult(const CallEvent &Call, const PendingAlloc &P,
                    ProgramStateRef State, CheckerContext &C) const;

  void reportAllocation(const CallEvent &Call, const m::Allocation &A,
                        const m::PoolOrigin &Pool, ProgramStateRef State,
                        CheckerContext &C) const;
  std::optional<FixItHint> requestPoolFix(const CallEvent &Call,
                                          const m::Allocation &A,
                                          const m::PoolOrigin &Pool,
                                          ProgramStateRef State,
                                          CheckerContext &C) const;
  ProgramStateRef trackLazyAllocStore(ProgramStateRef State, SymbolRef Stored,
                                      const MemRegion *Dest) const;
  const NoteTag *noteConnectionStore(SymbolRef Stored, const MemRegion *Dest,
                                     TaggedNode &At,
                                     CheckerContext &C) const;
  void reportLazyAllocNotKept(SymbolRef Sym, const LazyAlloc &L,
                              ExplodedNode *N, CheckerContext &C) const;
  bool trackReleasable(const CallEvent &Call, const PendingAlloc &P,
                       ProgramStateRef State, CheckerContext &C) const;
  void releaseBlock(const CallEvent &Call, unsigned PoolArg, unsigned PtrArg,
                    CheckerContext &C) const;
  void reportNotReleased(SymbolRef Sym, const ReleasableAlloc &A,
                         ExplodedNode *N, CheckerContext &C) const;
};

} // namespace

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

static bool isKeptLazyAlloc(ProgramStateRef State, SymbolRef Sym) {
  // Follow "stored inside" links; a cycle cannot be kept by itself.
  for (unsigned Depth = 0; Sym && Depth < 16; ++Depth) {
    const LazyAlloc *L = State->get<LazyAllocs>(Sym);
    if (!L)
      return false;
    if (L->Kept)
      return true;
    Sym = L->Owner;
  }
  return false;
}

/// Mark \p Sym kept by the connection, with every candidate stored inside it
/// (directly or through other candidates): once the connection keeps an
/// object, it keeps what the object points to, even after the object's
/// symbol dies.
static ProgramStateRef markKept(ProgramStateRef State, SymbolRef Sym) {
  const LazyAlloc *L = State->get<LazyAllocs>(Sym);
  if (!L || L->Kept)
    return State;
  State = State->set<LazyAllocs>(Sym, L->kept());
  for (auto [Other, OL] : State->get<LazyAllocs>())
    if (!OL.Kept && OL.Owner == Sym)
      State = markKept(State, Other);
  return State;
}

/// Memory the connection keeps: model knowledge plus lazy initialisations
/// already stored into the connection.
static bool isConnectionMemory(ProgramStateRef State, const MemRegion *R) {
  return m::isConnectionLifetimeRegion(
      R, [&State](SymbolRef Sym) { return isKeptLazyAlloc(State, Sym); });
}

/// The connection slot found NULL by a branch whose NULL arm the statement
/// \p S of \p Frame lies in, or the call that entered any enclosing frame
/// does. The branch's outcome depends only on whether the slot is NULL
/// (collectTestedPointers), so with the slot NULL on this path, the arm the
/// path went through is the NULL arm.
static SymbolRef findNullSlotGuard(const Stmt *S,
                                   const StackFrameContext *Frame,
                                   ProgramStateRef State) {
  auto Tests = State->get<ConnSlotTests>();
  if (Tests.isEmpty())
    return nullptr;
  ConstraintManager &CM = State->getConstraintManager();

  const CFGBlock *Block = nullptr;
  if (CFGStmtMap *Map = Frame->getAnalysisDeclContext()->getCFGStmtMap())
    Block = Map->getBlock(S);

  while (Frame && Block) {
    auto *Dom = Frame->getAnalysisDeclContext()->getAnalysis<BlockDominance>();
    for (auto [Key, Slot] : Tests) {
      if (Key.Frame != Frame || !Dom ||
          !CM.isNull(State, Slot).isConstrainedTrue())
        continue;
      const CFGBlock *Branch = Dom->block(Key.Block);
      if (Branch && Dom->isInsideOneArm(Branch, Block))
        return Slot;
    }
    Block = Frame->getCallSiteBlock();
    const LocationContext *Parent = Frame->getParent();
    Frame = Parent ? Parent->getStackFrame() : nullptr;
  }
  return nullptr;
}

//===----------------------------------------------------------------------===//
// Allocations
//===----------------------------------------------------------------------===//

std::optional<PoolLifetimeChecker::ConnectionAllocation>
PoolLifetimeChecker::findConnectionAllocation(const CallEvent &Call,
                                              const m::Allocation &A,
                                              CheckerContext &C) const {
  const LocationContext *LC = C.getLocationContext();
  if (m::isInsideModeledAllocator(Api, LC) ||
      m::isInAnnotatedScope(LC, m::ConnectionScopeAnnotation))
    return std::nullopt;

  ProgramStateRef State = C.getState();
  m::PoolOrigin Pool =
      m::classifyPool(m::poolOfCall(Call, A.Pool, State), State);
  if (!Pool.isConnectionOfRequest())
    return std::nullopt;

  if (m::reusesFreeList(Call, A, State))
    return std::nullopt;
  if (A.Reuse == m::ReuseKind::PoolFreeChain &&
      m::recyclesChainLinks(C.getStackFrame()->getDecl()))
    return std::nullopt;

  // Growing a container is a per-request cost only for a container the
  // connection keeps; a per-request container was reported where it was
  // created from the connection pool.
  if (A.Kind == m::AllocKind::Grow &&
      !isConnectionMemory(State, Call.getArgSVal(A.Pool.Arg).getAsRegion()))
    return std::nullopt;

  const Expr *Site = Call.getOriginExpr();
  SymbolRef Slot =
      Site ? findNullSlotGuard(Site, C.getStackFrame(), State) : nullptr;
  bool MayBeReleased =
      !Slot && unitFreesBlocks(C.getASTContext()) &&
      m::allocationSmallness(Call, A, Pool, Sizes, State, C.getSValBuilder()) !=
          m::Smallness::Small;
  return ConnectionAllocation{&A, Pool, Slot, MayBeReleased};
}

bool PoolLifetimeChecker::unitFreesBlocks(ASTContext &Ctx) const {
  if (!UnitFreesBlocks)
    UnitFreesBlocks = m::unitFreesPoolBlocks(Api, Ctx);
  return *UnitFreesBlocks;
}

void PoolLifetimeChecker::checkPreCall(const CallEvent &Call,
                                       CheckerContext &C) const {
  const m::ApiFunction *Row = Api.lookup(Call);
  if (!Row)
    return;
  if (Row->FreesBlock) {
    releaseBlock(Call, Row->FreesBlock->first, Row->FreesBlock->second, C);
    return;
  }
  if (!Row->Allocates)
    return;
  std::optional<ConnectionAllocation> A =
      findConnectionAllocation(Call, *Row->Allocates, C);
  if (!A)
    return;
  const Expr *Site = Call.getOriginExpr();
  bool NeedsResult =
      A->MayBeReleased || (A->LazySlot && A->Alloc->returnsNewMemory());
  if (!Site || !NeedsResult) {
    // A lazy initialisation that returns nothing the connection could keep
    // is left alone; any other allocation is reported here.
    if (!A->LazySlot)
      reportAllocation(Call, *A->Alloc, A->Pool, C.getState(), C);
    return;
  }
  C.addTransition(C.getState()->set<PendingAllocs>(
      Site, PendingAlloc{A->LazySlot, A->MayBeReleased, A->Pool.Request,
                         A->Pool.PoolSym, A->Pool.ConnectionSym}));
}

void PoolLifetimeChecker::checkPostCall(const CallEvent &Call,
                                        CheckerContext &C) const {
  const Expr *Site = Call.getOriginExpr();
  ProgramStateRef State = C.getState();
  const PendingAlloc *P = Site ? State->get<PendingAllocs>(Site) : nullptr;
  if (!P)
    return;
  followResult(Call, *P, State->remove<PendingAllocs>(Site), C);
}

void PoolLifetimeChecker::followResult(const CallEvent &Call,
                                       const PendingAlloc &P,
                                       ProgramStateRef State,
                                       CheckerContext &C) const {
  if (P.MayBeReleased) {
    if (trackReleasable(Call, P, State, C))
      return;
    // A block the checker cannot follow is judged at the allocation.
    const m::ApiFunction *Row = Api.lookup(Call);
    if (Row && Row->Allocates)
      reportAllocation(Call, *Row->Allocates,
                       m::classifyPoolSymbol(P.Pool, State), State, C);
    return;
  }
  SymbolRef Result = Call.getReturnValue().getAsSymbol();
  if (!Result) {
    C.addTransition(State);
    return;
  }

  State = State->set<LazyAllocs>(Result, LazyAlloc{P.LazySlot, P.Request});
  m::RegionNamer Names(C.getPredecessor());
  std::string Request = Names.nameOr(P.Request, "the request");
  std::string Slot = Names.nameOfValue(P.LazySlot);
  const NoteTag *Note = C.getNoteTag(
      [Result, Request, Slot, this](PathSensitiveBugReport &BR) -> std::string {
        if (&BR.getBugType() != &PerRequestAlloc || !BR.isInteresting(Result))
          return "";
        return "Allocated from the connection pool of request '" + Request +
               "' because '" + Slot + "' is NULL";
      });
  C.addTransition(State, Note);
}

void PoolLifetimeChecker::reportAllocation(const CallEvent &Call,
                                           const m::Allocation &A,
                                           const m::PoolOrigin &Pool,
                                           ProgramStateRef State,
                                           CheckerContext &C) const {
  ExplodedNode *N = C.generateNonFatalErrorNode(State);
  if (!N)
    return;

  std::string Fn = m::calleeName(Call);
  m::RegionNamer Names(N);
  std::string Request = Names.nameOr(Pool.Request, "r");

  std::string Msg;
  llvm::raw_string_ostream OS(Msg);
  if (A.Kind == m::AllocKind::Grow)
    OS << "'" << Fn << "' grows a container the connection keeps, in the "
       << "connection pool of request '" << Request << "': every request adds "
       << "to it and nothing is freed until the client disconnects; keep "
       << "per-request data in '" << Request << "->pool'";
  else
    OS << "'" << Fn << "' allocates from the connection pool of request '"
       << Request << "': the memory stays until the client disconnects and "
       << "grows with every keepalive request; allocate from '" << Request
       << "->pool'";

  auto R = std::make_unique<PathSensitiveBugReport>(PerRequestAlloc, Msg, N);
  R->addRange(Call.getArgExpr(A.Pool.Arg)->getSourceRange());
  if (std::optional<FixItHint> Fix = requestPoolFix(Call, A, Pool, State, C))
    addFixItToReport(*R, *Fix);
  R->markInteresting(Pool.PoolSym);
  if (Pool.ConnectionSym)
    R->markInteresting(Pool.ConnectionSym);
  C.emitReport(std::move(R));
}

/// True when the value of \p E is stored straight into memory other than
/// a local variable (`ctx->buf = ngx_create_temp_buf(...)`, `*out = ...`, a
/// static) or returned: memory that may be meant to outlive the request.
static bool storedBeyondLocals(const Expr *E, const ParentMap &PM) {
  auto IsE = [E](const Expr *X) { return X && X->IgnoreParenCasts() == E; };
  const Stmt *Parent = PM.getParentIgnoreParenCasts(E);
  if (const auto *B = dyn_cast_or_null<BinaryOperator>(Parent)) {
    if (!B->isAssignmentOp() || !IsE(B->getRHS()))
      return false;
    const auto *Ref = dyn_cast<DeclRefExpr>(B->getLHS()->IgnoreParenCasts());
    const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    return !VD || !VD->hasLocalStorage();
  }
  if (const auto *DS = dyn_cast_or_null<DeclStmt>(Parent)) {
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D))
        if (IsE(VD->getInit()) && !VD->hasLocalStorage())
          return true;
    return false;
  }
  return isa_and_nonnull<ReturnStmt>(Parent);
}

/// False when the variable at \p Var is known to hold another request than
/// \p Request. A parameter of an inlined call whose binding died (the
/// variable is not used again) reads as a fresh value of its own: unknown.
static bool holdsRequest(ProgramStateRef State, Loc Var,
                         const MemRegion *Request, const LocationContext *LC) {
  const MemRegion *Held = State->getSVal(Var).getAsRegion();
  if (!Held)
    return true;
  Held = Held->StripCasts();
  const auto *Pointee = dyn_cast<SymbolicRegion>(Held);
  const auto *Initial =
      Pointee ? dyn_cast<SymbolRegionValue>(Pointee->getSymbol()) : nullptr;
  if (Initial && Initial->getRegion() == Var.getAsRegion() &&
      !LC->getStackFrame()->inTopFrame())
    return true;
  return Held == Request;
}

// The fix for an allocation from the connection pool of a request: its
// pool argument replaced by the request's pool ("c->pool" -> "r->pool"),
// as the message advises. Attached only when it is mechanical: the model
// finds, in the source, the request variable the argument's connection is
// the connection of on every path; the path agrees (the variable holds the
// request the checker found, when it still holds anything); the argument is
// written in the file, not produced by a macro; and the memory is not put
// straight where it may be meant to outlive the request.
std::optional<FixItHint> PoolLifetimeChecker::requestPoolFix(
    const CallEvent &Call, const m::Allocation &A, const m::PoolOrigin &Pool,
    ProgramStateRef State, CheckerContext &C) const {
  const Expr *Site = Call.getOriginExpr();
  if (!Site || A.Kind == m::AllocKind::Grow || A.Pool.InPoolField)
    return std::nullopt;
  const Expr *Arg = Call.getArgExpr(A.Pool.Arg);
  const LocationContext *LC = C.getLocationContext();
  const ParentMap &PM = LC->getParentMap();
  const VarDecl *Request = m::requestOfConnectionPoolArg(
      Arg, Site, C.getStackFrame()->getDecl(), PM);
  if (!Request || storedBeyondLocals(Site, PM))
    return std::nullopt;
  if (!holdsRequest(State, State->getLValue(Request, LC), Pool.Request, LC))
    return std::nullopt;

  SourceRange Range = Arg->getSourceRange();
  if (Range.getBegin().isMacroID() || Range.getEnd().isMacroID())
    return std::nullopt;
  CharSourceRange File =
      Lexer::makeFileCharRange(CharSourceRange::getTokenRange(Range),
                               C.getSourceManager(), C.getLangOpts());
  if (File.isInvalid())
    return std::nullopt;
  return FixItHint::CreateReplacement(File, m::requestPoolSpelling(Request));
}

//===----------------------------------------------------------------------===//
// Large blocks given back with ngx_pfree()
//===----------------------------------------------------------------------===//

// A large block (bigger than the pool's small limit: 432 bytes in a 512-byte
// connection pool) has its own malloc()ed memory, which ngx_pfree() gives
// back; nginx core relies on that for its large header buffers. Such a block
// costs the connection nothing once released, so it is reported only where
// it dies on a path that did not release it.

bool PoolLifetimeChecker::trackReleasable(const CallEvent &Call,
                                          const PendingAlloc &P,
                                          ProgramStateRef State,
                                          CheckerContext &C) const {
  SymbolRef Block = Call.getReturnValue().getAsSymbol();
  const auto *Site = dyn_cast_or_null<CallExpr>(Call.getOriginExpr());
  if (!Block || !Site)
    return false;
  m::RegionNamer Names(C.getPredecessor());
  std::string Request = Names.nameOr(P.Request, "r");
  std::string Fn = m::calleeName(Call);
  const NoteTag *Note = C.getNoteTag(
      [Block, Request, Fn, this](PathSensitiveBugReport &BR) -> std::string {
        if (&BR.getBugType() != &PerRequestAlloc || !BR.isInteresting(Block))
          return "";
        return "'" + Fn + "' allocates from the connection pool of request '" +
               Request + "'";
      });
  C.addTransition(State->set<ReleasableAllocs>(
                      Block, ReleasableAlloc{Site, P.Request, P.Pool,
                                             P.Connection}),
                  Note);
  return true;
}

void PoolLifetimeChecker::releaseBlock(const CallEvent &Call, unsigned PoolArg,
                                       unsigned PtrArg,
                                       CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  SymbolRef Block = m::pointeeSymbol(Call.getArgSVal(PtrArg));
  const ReleasableAlloc *A =
      Block ? State->get<ReleasableAllocs>(Block) : nullptr;
  if (!A)
    return;
  // Given back only to the pool it came from (nginx.Pfree reports the rest).
  if (m::pointeeSymbol(Call.getArgSVal(PoolArg)) == A->Pool)
    C.addTransition(State->remove<ReleasableAllocs>(Block));
}

void PoolLifetimeChecker::reportNotReleased(SymbolRef Sym,
                                            const ReleasableAlloc &A,
                                            ExplodedNode *N,
                                            CheckerContext &C) const {
  const ExplodedNode *At =
      firstNodeTracking<ReleasableAllocs>(N->getFirstPred(), Sym);
  m::RegionNamer Names(At ? At : N);
  std::string Request = Names.nameOr(A.Request, "r");
  std::string Fn = "the allocation";
  if (const FunctionDecl *FD = A.Site->getDirectCallee())
    Fn = "'" + FD->getName().str() + "'";
  std::string Msg = "Memory allocated by " + Fn +
                    " from the connection pool of request '" + Request +
                    "' is not released with ngx_pfree() on this path: it "
                    "stays until the client disconnects and grows with every "
                    "keepalive request; allocate from '" +
                    Request + "->pool'";
  auto R = std::make_unique<PathSensitiveBugReport>(PerRequestAlloc, Msg, N);
  R->markInteresting(Sym);
  for (SymbolRef Origin : {A.Pool, A.Connection})
    if (Origin)
      R->markInteresting(Origin);
  C.emitReport(std::move(R));
}

//===----------------------------------------------------------------------===//
// Lazy initialisation
//===----------------------------------------------------------------------===//

void PoolLifetimeChecker::checkBranchCondition(const Stmt *Cond,
                                               CheckerContext &C) const {
  const auto *CondExpr = dyn_cast<Expr>(Cond);
  if (!CondExpr)
    return;
  ProgramStateRef State = C.getState();
  BranchKey Key{C.getStackFrame(), C.getBlockID()};

  // The condition's own value is often already 0 or 1 here (the analyzer
  // splits the state eagerly at comparisons): look at the tested pointers.
  llvm::SmallVector<const Expr *, 2> Tested =
      NullTests.of(CondExpr, C.getASTContext());
  SymbolRef Slot = nullptr;
  for (const Expr *E : Tested) {
    SymbolRef Sym = m::pointeeSymbol(C.getSVal(E));
    if (Sym && m::isConnectionSlot(Sym, [&State](SymbolRef S) {
          return isKeptLazyAlloc(State, S);
        })) {
      Slot = Sym;
      break;
    }
  }

  const SymbolRef *Old = State->get<ConnSlotTests>(Key);
  if (Slot && (!Old || *Old != Slot))
    C.addTransition(State->set<ConnSlotTests>(Key, Slot));
  else if (!Slot && Old)
    C.addTransition(State->remove<ConnSlotTests>(Key));
}

void PoolLifetimeChecker::checkBind(SVal Loc, SVal Val, const Stmt *S,
                                    CheckerContext &C) const {
  const MemRegion *Dest = Loc.getAsRegion();
  SymbolRef Stored = m::pointeeSymbol(Val);
  if (!Dest || !Stored)
    return;
  ProgramStateRef State = C.getState();
  ProgramStateRef Next = trackLazyAllocStore(State, Stored, Dest);
  TaggedNode At;
  const NoteTag *Note = noteConnectionStore(Stored, Dest, At, C);
  if (Next != State || Note)
    addTransitionAt(C, Next, Note, At);
}

ProgramStateRef PoolLifetimeChecker::trackLazyAllocStore(
    ProgramStateRef State, SymbolRef Stored, const MemRegion *Dest) const {
  const LazyAlloc *L = State->get<LazyAllocs>(Stored);
  if (!L || L->Kept)
    return State;
  if (isConnectionMemory(State, Dest))
    return markKept(State, Stored);
  if (const SymbolicRegion *Base = Dest->getSymbolicBase()) {
    SymbolRef Owner = Base->getSymbol();
    if (Owner != Stored && State->get<LazyAllocs>(Owner))
      return State->set<LazyAllocs>(Stored, L->storedInto(Owner));
  }
  return State;
}

void PoolLifetimeChecker::checkBeginFunction(CheckerContext &C) const {
  // A helper entered with the connection, or its pool, as an argument.
  if (C.inTopFrame())
    return;
  const auto *FD = dyn_cast_or_null<FunctionDecl>(C.getStackFrame()->getDecl());
  if (!FD)
    return;
  ProgramStateRef State = C.getState();
  MemRegionManager &MRM = C.getSValBuilder().getRegionManager();
  for (const ParmVarDecl *P : FD->parameters()) {
    const MemRegion *Param = MRM.getVarRegion(P, C.getStackFrame());
    SymbolRef Value = m::pointeeSymbol(State->getSVal(Param));
    if (!Value)
      continue;
    TaggedNode At;
    if (const NoteTag *Note = noteConnectionStore(Value, Param, At, C)) {
      addTransitionAt(C, State, Note, At);
      return;
    }
  }
}

const NoteTag *PoolLifetimeChecker::noteConnectionStore(
    SymbolRef Stored, const MemRegion *Dest, TaggedNode &At,
    CheckerContext &C) const {
  // Where a request's connection, or its pool, is stored on the way to the
  // allocation: "'c' is the connection of request 'r'".
  const MemRegion *Request = m::requestOfConnection(Stored);
  bool IsPool = false;
  if (!Request) {
    m::PoolOrigin O = m::classifyPoolSymbol(Stored, C.getState());
    if (!O.isConnectionOfRequest())
      return nullptr;
    Request = O.Request;
    IsPool = true;
  }
  At = makeTaggedNode();
  return C.getNoteTag([=](PathSensitiveBugReport &BR) -> std::string {
    if (&BR.getBugType() != &PerRequestAlloc || !BR.isInteresting(Stored))
      return "";
    m::RegionNamer Names(*At);
    std::string Place = Names.nameOfPlace(Dest);
    if (Place.empty())
      return "";
    std::string Req = Names.nameOr(Request, "r");
    const auto *VR = dyn_cast<VarRegion>(Dest);
    if (VR && isa<ParmVarDecl>(VR->getDecl()))
      return "Parameter '" + Place + "' receives the connection " +
             (IsPool ? "pool " : "") + "of request '" + Req + "'";
    if (IsPool)
      return "'" + Place + "' is the connection pool of request '" + Req +
             "': it lives until the client disconnects";
    return "'" + Place + "' is the connection of request '" + Req +
           "': its pool lives until the client disconnects";
  });
}

ProgramStateRef PoolLifetimeChecker::checkPointerEscape(
    ProgramStateRef State, const InvalidatedSymbols &Escaped,
    const CallEvent *Call, PointerEscapeKind Kind) const {
  // Stores are judged in checkBind. Memory handed to code we cannot see may
  // be kept by the connection there: give it the benefit of the doubt.
  if (Kind == PSK_EscapeOnBind || State->get<LazyAllocs>().isEmpty())
    return State;
  for (SymbolRef Sym : Escaped)
    State = markKept(State, Sym);
  return State;
}

void PoolLifetimeChecker::checkLiveSymbols(ProgramStateRef State,
                                           SymbolReaper &SR) const {
  // A tested slot must outlive its last use: the allocation it guards may
  // come after it, and its NULL constraint must still be there then.
  for (auto [Key, Slot] : State->get<ConnSlotTests>())
    SR.markLive(Slot);
}

void PoolLifetimeChecker::checkDeadSymbols(SymbolReaper &SR,
                                           CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  ProgramStateRef Next = State;
  llvm::SmallVector<std::pair<SymbolRef, LazyAlloc>, 2> NotKept;
  ConstraintManager &CM = State->getConstraintManager();

  for (auto [Sym, L] : State->get<LazyAllocs>()) {
    if (SR.isLive(Sym))
      continue;
    Next = Next->remove<LazyAllocs>(Sym);
    if (CM.isNull(State, Sym).isConstrainedTrue())
      Next = Next->set<LazyAllocFailed>(true); // Nothing was allocated.
    else if (!isKeptLazyAlloc(State, Sym))
      NotKept.push_back({Sym, L});
  }
  if (Next->get<LazyAllocFailed>())
    NotKept.clear();

  llvm::SmallVector<std::pair<SymbolRef, ReleasableAlloc>, 2> NotReleased;
  for (auto [Sym, A] : State->get<ReleasableAllocs>()) {
    if (SR.isLive(Sym))
      continue;
    Next = Next->remove<ReleasableAllocs>(Sym);
    if (!CM.isNull(State, Sym).isConstrainedTrue())
      NotReleased.push_back({Sym, A});
  }

  if (NotKept.empty() && NotReleased.empty()) {
    if (Next != State)
      C.addTransition(Next);
    return;
  }
  ExplodedNode *N = C.generateNonFatalErrorNode(Next);
  if (!N)
    return;
  for (const auto &[Sym, L] : NotKept)
    reportLazyAllocNotKept(Sym, L, N, C);
  for (const auto &[Sym, A] : NotReleased)
    reportNotReleased(Sym, A, N, C);
}

void PoolLifetimeChecker::checkEndFunction(const ReturnStmt *,
                                           CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  ProgramStateRef Next = State;
  for (auto [Key, Slot] : State->get<ConnSlotTests>())
    if (Key.Frame == C.getStackFrame())
      Next = Next->remove<ConnSlotTests>(Key);
  if (Next != State)
    C.addTransition(Next);
}

void PoolLifetimeChecker::printState(raw_ostream &Out, ProgramStateRef State,
                                     const char *NL, const char *Sep) const {
  auto Tests = State->get<ConnSlotTests>();
  auto Lazy = State->get<LazyAllocs>();
  auto Releasable = State->get<ReleasableAllocs>();
  auto Pending = State->get<PendingAllocs>();
  if (Tests.isEmpty() && Lazy.isEmpty() && Releasable.isEmpty() &&
      Pending.isEmpty() && !State->get<LazyAllocFailed>())
    return;
  Out << Sep << "nginx.PoolLifetime:" << NL;
  for (auto [Key, Slot] : Tests)
    Out << "  branch B" << Key.Block << " tests connection slot " << Slot
        << NL;
  for (auto [Sym, L] : Lazy) {
    Out << "  lazy-init candidate " << Sym << " (slot " << L.Slot << "): ";
    if (L.Kept)
      Out << "kept by the connection";
    else if (L.Owner)
      Out << "stored inside " << L.Owner;
    else
      Out << "not kept yet";
    Out << NL;
  }
  if (State->get<LazyAllocFailed>())
    Out << "  a lazy-init allocation failed on this path" << NL;
  for (auto [Sym, A] : Releasable)
    Out << "  block " << Sym << " from connection pool " << A.Pool
        << ", until ngx_pfree() gives it back" << NL;
  for (auto [Site, P] : Pending)
    Out << "  call at " << static_cast<const void *>(Site)
        << (P.MayBeReleased ? ": its block may be given back"
                            : ": a lazy-init candidate")
        << NL;
}

void PoolLifetimeChecker::reportLazyAllocNotKept(SymbolRef Sym,
                                                 const LazyAlloc &L,
                                                 ExplodedNode *N,
                                                 CheckerContext &C) const {
  // Name things as the code spelled them where the allocation was made.
  const ExplodedNode *At =
      firstNodeTracking<LazyAllocs>(N->getFirstPred(), Sym);
  m::RegionNamer Names(At ? At : N);
  std::string Request = Names.nameOr(L.Request, "r");
  std::string Msg = "Memory allocated from the connection pool of request '" +
                    Request + "' while '" + Names.nameOfValue(L.Slot) +
                    "' was NULL is not kept by the connection, so the "
                    "allocation repeats on every request; allocate it from '" +
                    Request + "->pool', or store it in the connection";
  auto R = std::make_unique<PathSensitiveBugReport>(PerRequestAlloc, Msg, N);
  R->markInteresting(Sym);
  C.emitReport(std::move(R));
}

//===----------------------------------------------------------------------===//
// Documentation and registration
//===----------------------------------------------------------------------===//

static const llvm::StringLiteral PoolLifetimeTags[] = {"memory", "leak",
                                                       "nginx", "pool"};

const CheckerDoc ngx_pool_check::PoolLifetimeDoc = {
    "Request code allocates from the connection pool (r->connection->pool) "
    "instead of the request pool (r->pool). nginx frees pool memory only when "
    "the whole pool is destroyed, and the connection pool lives until the "
    "client closes the connection: across up to keepalive_requests (1000 by "
    "default) requests and every HTTP/2 stream of the connection. Memory a "
    "request takes from it piles up request after request, and the worker's "
    "RSS grows until the connection closes. Allocate per-request data from "
    "r->pool.",
    // Bad
    "static ngx_int_t\n"
    "ngx_http_foo_handler(ngx_http_request_t *r)\n"
    "{\n"
    "    ngx_connection_t  *c = r->connection;\n"
    "    ngx_buf_t         *b;\n"
    "\n"
    "    b = ngx_create_temp_buf(c->pool, 4096);   /* kept until disconnect "
    "*/\n"
    "    if (b == NULL) {\n"
    "        return NGX_HTTP_INTERNAL_SERVER_ERROR;\n"
    "    }\n"
    "    ...\n"
    "}\n",
    // Good
    "static ngx_int_t\n"
    "ngx_http_foo_handler(ngx_http_request_t *r)\n"
    "{\n"
    "    ngx_buf_t  *b;\n"
    "\n"
    "    b = ngx_create_temp_buf(r->pool, 4096);   /* freed with the request "
    "*/\n"
    "    if (b == NULL) {\n"
    "        return NGX_HTTP_INTERNAL_SERVER_ERROR;\n"
    "    }\n"
    "    ...\n"
    "}\n",
    PoolLifetimeTags,
    "high",
    "warning",
};

void ngx_pool_check::registerPoolLifetimeChecker(CheckerManager &Mgr) {
  auto *Checker = Mgr.registerChecker<PoolLifetimeChecker>();
  Checker->Sizes = m::PoolSizes::fromOptions(Mgr.getAnalyzerOptions());
}

bool ngx_pool_check::shouldRegisterPoolLifetimeChecker(const CheckerManager &) {
  return true;
}
