//===- PoolLeakChecker.cpp - Pools never destroyed, or used after it ------===//
//
// nginx.PoolLeak: pools from ngx_create_pool() that are never destroyed,
// pools destroyed twice, and pools (or memory allocated from them) used
// after ngx_destroy_pool().
//
// Why it matters: a pool created with ngx_create_pool() is nobody's but its
// creator's. If the last pointer to it is dropped on some path (an early
// return that skips the `failed:` label, an error inside a loop, a second
// ngx_create_pool() into the same variable, a long-lived field overwritten
// with a new pool), its blocks stay allocated for as long as the worker
// lives: one pool per request or per configuration update grows the worker
// until it is killed for its memory. Destroying a pool twice frees its
// blocks twice; reading memory from a destroyed pool reads freed memory.
// Both corrupt the heap under load and crash workers far from the cause.
//
// How to fix: destroy the pool on every path that does not hand it on
// (`goto failed`, a `failed:` label that destroys it), or hand it to an
// owner that destroys it: return it, store it where it outlives the function
// (a module's configuration, the cycle, a struct the caller passed), or
// register it as a cleanup of a longer-lived pool. Use what was allocated
// from a pool before destroying it, and destroy it once.
//
// How it works (the way clang's StreamChecker follows a stream):
//   - the result of ngx_create_pool() is followed by its symbol; a path on
//     which it is NULL (the NULL check's failure branch) created nothing;
//   - memory a call allocates from a followed pool (ngx_palloc & co., the
//     rows of the model's table that return new memory) is remembered as
//     that pool's;
//   - ngx_destroy_pool() destroys it (any pool, followed or not: a second
//     destroy is found either way) and the memory allocated from it;
//   - storing the pool (or memory that reaches it) where it outlives the
//     function, returning it from the function analysed, registering it
//     with a pool cleanup or passing it to a function the analyzer cannot
//     see into gives it an owner; storing it in a local, or in memory
//     allocated on this path, does not;
//   - long-lived storage that owned a pool created on this path and gets
//     another value gives the pool back to the function: unless it is kept
//     or destroyed after all (the old pool saved in a local and destroyed
//     after the swap), it leaks;
//   - the same for a pool the storage held before the path began (read
//     from the store) when a new pool replaces it: in a static, a module's
//     configuration or the cycle, when the path showed the place was not
//     empty, or in code that runs per request or per event without testing
//     it (the place holds the previous run's pool: the production leak of
//     one pool per configuration update);
//   - a followed pool whose symbol dies while it is still the function's
//     is reported where the last reference died;
//   - a translation unit none of whose code creates or ends a pool follows
//     nothing.
//
// A pool's status (PoolLeakPools):
//
//   ngx_create_pool() != NULL
//        |
//        v         ngx_destroy_pool                ngx_destroy_pool again,
//     [Live] -------------------------> [Destroyed] allocation from it, a
//      |  ^ \                              ^        read or write of its
//      |  |  \ stored where it outlives,   |        memory: reported
//      |  |   \ returned, to a cleanup,    |
//      |  |    v passed to unseen code     |
//      |  +-- [Owned] ---------------------+
//      |  the storage that owned it         ngx_destroy_pool
//      |  is overwritten (replaced)
//      |
//      +-- dies while Live ---> reported: leak (or: replaced while alive)
//
//===----------------------------------------------------------------------===//

#include "Checkers.h"
#include "NginxModel.h"
#include "PathHelpers.h"
#include "Registration.h"

#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
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

/// A pool the checker follows.
struct FollowedPool {
  enum Status {
    Live,      ///< Created on this path, or replaced in long-lived storage
               ///< by a new pool: the function's to destroy.
    Owned,     ///< Handed to an owner outside the function.
    Destroyed, ///< ngx_destroy_pool() destroyed it on this path.
  };
  Status St;
  /// The ngx_create_pool() call; null for a pool the path did not create
  /// (followed once destroyed, or once replaced).
  const Expr *Created;
  /// Live: the long-lived place that owned it until a store replaced it.
  const MemRegion *ReplacedIn = nullptr;

  FollowedPool with(Status S) const { return {S, Created, nullptr}; }
  FollowedPool replacedIn(const MemRegion *R) const {
    return {Live, Created, R};
  }
  bool operator==(const FollowedPool &O) const {
    return St == O.St && Created == O.Created && ReplacedIn == O.ReplacedIn;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddInteger(St);
    ID.AddPointer(Created);
    ID.AddPointer(ReplacedIn);
  }
};

/// Memory allocated from a followed pool.
struct PoolMemory {
  SymbolRef Pool;
  bool PoolDestroyed;

  bool operator==(const PoolMemory &O) const {
    return Pool == O.Pool && PoolDestroyed == O.PoolDestroyed;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddPointer(Pool);
    ID.AddBoolean(PoolDestroyed);
  }
};

} // namespace

// Pools created (or destroyed) on this path, by their symbol.
REGISTER_MAP_WITH_PROGRAMSTATE(PoolLeakPools, SymbolRef, FollowedPool)
// Memory allocated from followed pools, by the symbol of the memory.
REGISTER_MAP_WITH_PROGRAMSTATE(PoolLeakMemory, SymbolRef, PoolMemory)
// Live pools held in memory a call is being given (not as the pool
// argument itself), by the call: if the analyzer does not inline the call,
// that memory gets new contents and the pool can no longer be followed.
REGISTER_MAP_WITH_PROGRAMSTATE(PoolLeakHeldByArgs, SymbolRef, const Expr *)
// Values of long-lived storage (pools the path did not create) that the
// path stored where they outlive the function, or gave to code the
// analyzer cannot see: replacing them where they were leaks nothing.
REGISTER_SET_WITH_PROGRAMSTATE(PoolLeakKeptValues, SymbolRef)

namespace {

class PoolLeakChecker
    : public Checker<check::PreCall, check::PostCall, check::Bind,
                     check::Location, check::PreStmt<ReturnStmt>,
                     check::PointerEscape, check::DeadSymbols,
                     check::EndFunction, check::EndAnalysis> {
  // Leaks on paths that end the program are dropped by DeferredLeakReports.
  const BugType Leak{this, "Pool never destroyed", category::NginxMemory};
  const BugType Replaced{this, "Pool replaced while alive",
                         category::NginxMemory};
  const BugType DoubleDestroy{this, "Pool destroyed twice",
                              category::NginxMemory};
  const BugType UseAfterDestroy{this, "Use of a destroyed pool",
                                category::NginxMemory};
  mutable DeferredLeakReports Leaks;
  const m::ApiTable Api;
  /// Per translation unit: some code of the unit creates or ends a pool.
  /// Every report needs one of the two on its path; a unit with neither
  /// (most of them) follows nothing.
  mutable std::optional<bool> UnitHandlesPools;
  bool unitHandlesPools(ASTContext &Ctx) const {
    if (!UnitHandlesPools)
      UnitHandlesPools = m::unitUses(Api, Ctx, [](const m::ApiFunction &Row) {
        return Row.CreatesPoolOfSizeArg || Row.EndsPool;
      });
    return *UnitHandlesPools;
  }

public:
  void checkPreCall(const CallEvent &Call, CheckerContext &C) const;
  void checkPostCall(const CallEvent &Call, CheckerContext &C) const;
  void checkBind(SVal Loc, SVal Val, const Stmt *S, CheckerContext &C) const;
  void checkLocation(SVal Loc, bool IsLoad, const Stmt *S,
                     CheckerContext &C) const;
  void checkPreStmt(const ReturnStmt *RS, CheckerContext &C) const;
  ProgramStateRef checkPointerEscape(ProgramStateRef State,
                                     const InvalidatedSymbols &Escaped,
                                     const CallEvent *Call,
                                     PointerEscapeKind Kind) const;
  void checkDeadSymbols(SymbolReaper &SR, CheckerContext &C) const;
  void checkEndFunction(const ReturnStmt *RS, CheckerContext &C) const;
  void checkEndAnalysis(ExplodedGraph &, BugReporter &BR, ExprEngine &) const {
    Leaks.flush(BR);
  }
  void printState(raw_ostream &Out, ProgramStateRef State, const char *NL,
                  const char *Sep) const override;

private:
  bool isOurs(const BugType &BT) const {
    return &BT == &Leak || &BT == &Replaced || &BT == &DoubleDestroy ||
           &BT == &UseAfterDestroy;
  }
  const NoteTag *noteFor(SymbolRef Sym, std::string Text,
                         const BugType *Only, CheckerContext &C) const;

  void create(const CallEvent &Call, ProgramStateRef State,
              CheckerContext &C) const;
  void rememberMemory(const CallEvent &Call, const m::ApiFunction &Row,
                      ProgramStateRef State, CheckerContext &C) const;
  void destroy(const CallEvent &Call, unsigned Arg, ProgramStateRef State,
               CheckerContext &C) const;
  bool checkPoolArgument(const CallEvent &Call, const m::ApiFunction &Row,
                         CheckerContext &C) const;
  void noteOverwrite(ProgramStateRef State, const MemRegion *Dest,
                     SVal Location, SVal Val, CheckerContext &C) const;
  ProgramStateRef replaceHeldPool(ProgramStateRef State, const MemRegion *Dest,
                                  SVal Location, SVal Val, CheckerContext &C,
                                  const NoteTag *&Note) const;
  const NoteTag *noteReplaced(SymbolRef Old, const MemRegion *Dest,
                              CheckerContext &C) const;
  void reportLost(llvm::ArrayRef<std::pair<SymbolRef, FollowedPool>> Lost,
                  ProgramStateRef Next, CheckerContext &C) const;

  void reportDestroyedUse(const BugType &BT, std::string Msg,
                          llvm::ArrayRef<SymbolRef> Interesting,
                          SourceRange Range, CheckerContext &C) const;
  void reportLeak(SymbolRef Sym, const FollowedPool &P, ExplodedNode *N) const;
};

} // namespace

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

static const FollowedPool *followed(ProgramStateRef State, SymbolRef Sym) {
  return Sym ? State->get<PoolLeakPools>(Sym) : nullptr;
}

static bool isLive(ProgramStateRef State, SymbolRef Sym) {
  const FollowedPool *P = followed(State, Sym);
  return P && P->St == FollowedPool::Live;
}

static bool isDestroyed(ProgramStateRef State, SymbolRef Sym) {
  const FollowedPool *P = followed(State, Sym);
  return P && P->St == FollowedPool::Destroyed;
}

/// True when \p Sym is a pool pointer that the path did not create and
/// does not follow (is not in \p Pools), as read from memory: one a store
/// may replace later.
static bool isPoolFromBefore(const PoolLeakPoolsTy &Pools, SymbolRef Sym) {
  return Sym && isa<SymbolRegionValue>(Sym) && !Pools.lookup(Sym) &&
         m::isPoolPointerType(Sym->getType());
}

static bool isPoolFromBefore(ProgramStateRef State, SymbolRef Sym) {
  return isPoolFromBefore(State->get<PoolLeakPools>(), Sym);
}

/// The followed pools reachable from \p V in \p State.
static llvm::SmallVector<SymbolRef, 2> poolsReachable(ProgramStateRef State,
                                                      SVal V) {
  llvm::SmallVector<SymbolRef, 8> Pools;
  for (auto [Sym, P] : State->get<PoolLeakPools>())
    if (P.St == FollowedPool::Live)
      Pools.push_back(Sym);
  if (Pools.empty())
    return {};
  return trackedReachableFrom(State, V, Pools);
}

/// Every live pool reachable from \p V has an owner now.
static ProgramStateRef giveToOwner(ProgramStateRef State, SVal V) {
  for (SymbolRef Sym : poolsReachable(State, V))
    State = State->set<PoolLeakPools>(
        Sym, State->get<PoolLeakPools>(Sym)->with(FollowedPool::Owned));
  return State;
}

/// "'pool' " when a variable holds \p Sym near \p N, else "".
static std::string quotedHolder(SymbolRef Sym, const ExplodedNode *N) {
  std::string Name = m::RegionNamer(N).holderOf(Sym);
  return Name.empty() ? std::string() : "'" + Name + "' ";
}

/// True when storing into \p Dest keeps a value in memory the function
/// still answers for: its stack, or memory allocated on this path that is
/// not yet linked anywhere. A pool cleanup's record and data are linked
/// into their pool from the start; a context set on the request before the
/// store is linked from there.
static bool staysWithFunction(ProgramStateRef State, const m::ApiTable &Api,
                              const MemRegion *Dest) {
  if (m::isStackMemory(Dest))
    return true;
  return m::isFreshMemory(Api, Dest) && !m::isPoolCleanupMemory(Api, Dest) &&
         !m::isLinkedFromOutside(State, Dest);
}

const NoteTag *PoolLeakChecker::noteFor(SymbolRef Sym, std::string Text,
                                        const BugType *Only,
                                        CheckerContext &C) const {
  return C.getNoteTag([Sym, Text, Only, this](PathSensitiveBugReport &BR) {
    if (!isOurs(BR.getBugType()) || (Only && &BR.getBugType() != Only) ||
        !BR.isInteresting(Sym))
      return std::string();
    return Text;
  });
}

//===----------------------------------------------------------------------===//
// Calls
//===----------------------------------------------------------------------===//

/// After \p Call: pools held in memory it was given are not followed any
/// more if the analyzer did not inline it (that memory has new contents).
static ProgramStateRef settleHeldByArguments(const CallEvent &Call,
                                            bool Inlined,
                                            ProgramStateRef State) {
  for (auto [Sym, Site] : State->get<PoolLeakHeldByArgs>()) {
    if (Site != Call.getOriginExpr())
      continue;
    State = State->remove<PoolLeakHeldByArgs>(Sym);
    if (!Inlined && isLive(State, Sym))
      State = State->set<PoolLeakPools>(
          Sym, State->get<PoolLeakPools>(Sym)->with(FollowedPool::Owned));
  }
  return State;
}

void PoolLeakChecker::checkPostCall(const CallEvent &Call,
                                    CheckerContext &C) const {
  if (!unitHandlesPools(C.getASTContext()))
    return;
  ProgramStateRef State =
      settleHeldByArguments(Call, C.wasInlined, C.getState());
  const m::ApiFunction *Row = Api.lookup(Call);
  // An armed timer puts the event into the worker's timer tree, which keeps
  // the event's memory and what it holds (on every path: if it was armed
  // already, ngx_event_add_timer() keeps it where it was).
  if (Row && Row->Event == m::EventOp::ArmTimer &&
      Row->EventArg < Call.getNumArgs())
    State = giveToOwner(State, Call.getArgSVal(Row->EventArg));
  if (Row && !C.wasInlined &&
      !m::isInsideModeledFunction(Api, C.getLocationContext())) {
    if (Row->CreatesPoolOfSizeArg) {
      create(Call, State, C);
      return;
    }
    if ((Row->Allocates && Row->Allocates->returnsNewMemory()) ||
        Row->BufferSizeArg) {
      rememberMemory(Call, *Row, State, C);
      return;
    }
  }
  if (State != C.getState())
    C.addTransition(State);
}

void PoolLeakChecker::create(const CallEvent &Call, ProgramStateRef State,
                             CheckerContext &C) const {
  SymbolRef Pool = Call.getReturnValue().getAsLocSymbol();
  if (!Pool) {
    C.addTransition(State);
    return;
  }
  C.addTransition(
      State->set<PoolLeakPools>(
          Pool, FollowedPool{FollowedPool::Live, Call.getOriginExpr()}),
      noteFor(Pool, "Pool created here", nullptr, C));
}

void PoolLeakChecker::rememberMemory(const CallEvent &Call,
                                     const m::ApiFunction &Row,
                                     ProgramStateRef State,
                                     CheckerContext &C) const {
  m::PoolRef Ref = Row.Allocates ? Row.Allocates->Pool : m::pool(0);
  SymbolRef Pool = m::pointeeSymbol(m::poolOfCall(Call, Ref, State));
  if (!Pool || !followed(State, Pool)) {
    C.addTransition(State);
    return;
  }
  llvm::SmallVector<SymbolRef, 2> Blocks;
  if (SymbolRef Sym = Call.getReturnValue().getAsLocSymbol())
    Blocks.push_back(Sym);
  // A temporary buffer's memory, start to end, is the pool's too.
  if (Row.BufferSizeArg)
    if (std::optional<Loc> L = m::fieldLocation(
            Call.getReturnValue(), Call.getResultType(), m::BufStart.Field,
            State))
      if (SymbolRef Sym = m::pointeeSymbol(State->getSVal(*L)))
        Blocks.push_back(Sym);
  if (Blocks.empty()) {
    C.addTransition(State);
    return;
  }
  for (SymbolRef Sym : Blocks)
    State = State->set<PoolLeakMemory>(Sym, PoolMemory{Pool, false});
  C.addTransition(State, noteFor(Blocks.front(),
                                 "Memory allocated from the pool here",
                                 &UseAfterDestroy, C));
}

/// Remember the live pools held in memory \p Call is given.
static ProgramStateRef noteHeldByArguments(const CallEvent &Call,
                                          ProgramStateRef State) {
  const Expr *Site = Call.getOriginExpr();
  llvm::SmallVector<SymbolRef, 4> Live;
  for (auto [Sym, P] : State->get<PoolLeakPools>())
    if (P.St == FollowedPool::Live)
      Live.push_back(Sym);
  if (!Site || Live.empty())
    return State;
  for (unsigned I = 0; I < Call.getNumArgs(); ++I) {
    SVal Arg = Call.getArgSVal(I);
    if (!Arg.getAsRegion() || isLive(State, m::pointeeSymbol(Arg)))
      continue;
    for (SymbolRef Sym : trackedReachableFrom(State, Arg, Live))
      State = State->set<PoolLeakHeldByArgs>(Sym, Site);
  }
  return State;
}

void PoolLeakChecker::checkPreCall(const CallEvent &Call,
                                   CheckerContext &C) const {
  if (!unitHandlesPools(C.getASTContext()))
    return;
  ProgramStateRef State = noteHeldByArguments(Call, C.getState());
  const m::ApiFunction *Row = Api.lookup(Call);
  if (Row && !m::isInsideModeledFunction(Api, C.getLocationContext())) {
    if (Row->EndsPool == m::PoolEndKind::Destroy) {
      destroy(Call, Row->EndsPoolArg, State, C);
      return;
    }
    if (checkPoolArgument(Call, *Row, C))
      return;
  }
  if (State != C.getState())
    C.addTransition(State);
}

/// The pool a call of \p Row works on, when it works on one.
static SVal poolWorkedOn(const CallEvent &Call, const m::ApiFunction &Row,
                         ProgramStateRef State) {
  if (Row.Allocates)
    return m::poolOfCall(Call, Row.Allocates->Pool, State);
  if (Row.AddsCleanupTo)
    return m::poolOfCall(Call, *Row.AddsCleanupTo, State);
  if (Row.EndsPool && Row.EndsPoolArg < Call.getNumArgs())
    return Call.getArgSVal(Row.EndsPoolArg);
  if (Row.FreesBlock && Row.FreesBlock->first < Call.getNumArgs())
    return Call.getArgSVal(Row.FreesBlock->first);
  return UnknownVal();
}

/// Reports a call that works on a destroyed pool; true when it did.
bool PoolLeakChecker::checkPoolArgument(const CallEvent &Call,
                                        const m::ApiFunction &Row,
                                        CheckerContext &C) const {
  SymbolRef Pool = m::pointeeSymbol(poolWorkedOn(Call, Row, C.getState()));
  if (!isDestroyed(C.getState(), Pool))
    return false;
  std::string Fn = m::calleeName(Call);
  std::string Holder = quotedHolder(Pool, C.getPredecessor());
  reportDestroyedUse(UseAfterDestroy,
                     "'" + Fn + "' uses pool " + Holder +
                         "after ngx_destroy_pool() destroyed it: its memory "
                         "is back in the C heap; do this before destroying "
                         "the pool, or use a pool that lives long enough",
                     {Pool}, Call.getSourceRange(), C);
  return true;
}

void PoolLeakChecker::destroy(const CallEvent &Call, unsigned Arg,
                              ProgramStateRef State, CheckerContext &C) const {
  SVal PoolVal = Arg < Call.getNumArgs() ? Call.getArgSVal(Arg) : UnknownVal();
  SymbolRef Pool = m::pointeeSymbol(PoolVal);
  std::optional<DefinedSVal> D = PoolVal.getAs<DefinedSVal>();
  if (!Pool || (D && State->isNull(*D).isConstrainedTrue())) {
    C.addTransition(State);
    return;
  }
  const FollowedPool *P = followed(State, Pool);
  if (P && P->St == FollowedPool::Destroyed) {
    std::string Holder = quotedHolder(Pool, C.getPredecessor());
    reportDestroyedUse(
        DoubleDestroy,
        "Pool " + Holder + "is destroyed a second time by '" +
            m::calleeName(Call) +
            "': its memory and cleanups were released by the first destroy, "
            "and releasing them again corrupts the heap; destroy it in one "
            "place, or set the pointer to NULL after destroying it",
        {Pool}, Call.getSourceRange(), C);
    return;
  }
  FollowedPool Now = P ? P->with(FollowedPool::Destroyed)
                       : FollowedPool{FollowedPool::Destroyed, nullptr};
  State = State->set<PoolLeakPools>(Pool, Now);
  // What was allocated from it goes with it.
  for (auto [Sym, Mem] : State->get<PoolLeakMemory>())
    if (Mem.Pool == Pool)
      State = State->set<PoolLeakMemory>(Sym, PoolMemory{Pool, true});
  C.addTransition(State, noteFor(Pool, "Pool destroyed here", nullptr, C));
}

//===----------------------------------------------------------------------===//
// Uses of destroyed memory
//===----------------------------------------------------------------------===//

void PoolLeakChecker::checkLocation(SVal Loc, bool IsLoad, const Stmt *S,
                                    CheckerContext &C) const {
  if (!unitHandlesPools(C.getASTContext()))
    return;
  ProgramStateRef State = C.getState();
  SymbolRef Sym = m::pointeeSymbol(Loc);
  if (!Sym || (!State->get<PoolLeakMemory>(Sym) && !isDestroyed(State, Sym)))
    return; // Most accesses: nothing destroyed is involved.
  if (m::isInsideModeledFunction(Api, C.getLocationContext()))
    return;
  std::string Access = IsLoad ? "read" : "written";
  const ExplodedNode *Here = C.getPredecessor();
  if (const PoolMemory *Mem = State->get<PoolLeakMemory>(Sym)) {
    if (!Mem->PoolDestroyed)
      return;
    std::string Holder = quotedHolder(Sym, Here);
    reportDestroyedUse(
        UseAfterDestroy,
        "Memory " + Holder + "allocated from pool " +
            quotedHolder(Mem->Pool, Here) + "is " + Access +
            " after ngx_destroy_pool() destroyed the pool: the memory was "
            "freed with it; use it before destroying the pool, or copy it "
            "into a pool that lives long enough (r->pool)",
        {Sym, Mem->Pool}, S->getSourceRange(), C);
    return;
  }
  if (isDestroyed(State, Sym))
    reportDestroyedUse(UseAfterDestroy,
                       "Pool " + quotedHolder(Sym, Here) + "is " + Access +
                           " after ngx_destroy_pool() destroyed it: the pool "
                           "itself was freed",
                       {Sym}, S->getSourceRange(), C);
}

void PoolLeakChecker::reportDestroyedUse(const BugType &BT, std::string Msg,
                                         llvm::ArrayRef<SymbolRef> Interesting,
                                         SourceRange Range,
                                         CheckerContext &C) const {
  ExplodedNode *N = C.generateErrorNode();
  if (!N)
    return;
  auto R = std::make_unique<PathSensitiveBugReport>(BT, Msg, N);
  R->addRange(Range);
  for (SymbolRef Sym : Interesting)
    R->markInteresting(Sym);
  C.emitReport(std::move(R));
}

//===----------------------------------------------------------------------===//
// Owners: stores, returns and escapes
//===----------------------------------------------------------------------===//

void PoolLeakChecker::checkBind(SVal Loc, SVal Val, const Stmt *S,
                                CheckerContext &C) const {
  const MemRegion *Dest = Loc.getAsRegion();
  if (!Dest || !unitHandlesPools(C.getASTContext()) ||
      m::isInsideModeledFunction(Api, C.getLocationContext()))
    return;
  ProgramStateRef State = C.getState();
  if (staysWithFunction(State, Api, Dest)) {
    noteOverwrite(State, Dest, Loc, Val, C);
    return;
  }
  const NoteTag *Note = nullptr;
  ProgramStateRef Next = replaceHeldPool(State, Dest, Loc, Val, C, Note);
  if (SymbolRef Kept = m::pointeeSymbol(Val); isPoolFromBefore(Next, Kept))
    Next = Next->add<PoolLeakKeptValues>(Kept);
  llvm::SmallVector<SymbolRef, 2> Kept = poolsReachable(Next, Val);
  Next = giveToOwner(Next, Val);
  if (!Note && !Kept.empty()) {
    std::string Place = m::RegionNamer(C.getPredecessor()).nameOfPlace(Dest);
    if (!Place.empty())
      Note = noteFor(Kept.front(), "Pool kept in '" + Place + "' here",
                     &Replaced, C);
  }
  if (Next != State)
    C.addTransition(Next, Note);
}

/// The live pool \p Location holds before a store, if any.
static SymbolRef poolHeldAt(ProgramStateRef State, const MemRegion *Dest,
                            SVal Location) {
  const auto *TR = dyn_cast<TypedValueRegion>(Dest);
  std::optional<Loc> L = Location.getAs<Loc>();
  if (!TR || !L || !TR->getValueType()->isPointerType())
    return nullptr;
  return m::pointeeSymbol(State->getSVal(*L, TR->getValueType()));
}

/// A local or a field of new memory that held a live pool gets another
/// value: say so, in case that was the pool's last reference.
void PoolLeakChecker::noteOverwrite(ProgramStateRef State,
                                    const MemRegion *Dest, SVal Location,
                                    SVal Val, CheckerContext &C) const {
  SymbolRef Old = poolHeldAt(State, Dest, Location);
  if (!isLive(State, Old) || m::pointeeSymbol(Val) == Old)
    return;
  std::string Place = m::RegionNamer(C.getPredecessor()).nameOfPlace(Dest);
  if (Place.empty())
    return;
  C.addTransition(State, noteFor(Old,
                                 "'" + Place +
                                     "' is overwritten here while it holds "
                                     "the pool",
                                 &Leak, C));
}

/// True when a store of a new pool into long-lived \p Dest replaces the
/// pool \p Old it held before the path began: the place is a static, a
/// module's configuration or what the cycle points to, and the path showed it was not
/// empty, or the code runs per request or per event (again and again: the
/// place holds the pool of the previous run) and did not test it.
static bool replacesPoolFromBefore(ProgramStateRef State, SymbolRef Old,
                                   const MemRegion *Dest,
                                   const LocationContext *LC) {
  // The value the place had when the path first read it: a static gets a
  // new value from every call the analyzer cannot see into (ngx_create_pool
  // among them), and what it held before is then not known.
  const auto *Initial = dyn_cast_or_null<SymbolRegionValue>(Old);
  const auto *TR = dyn_cast<TypedValueRegion>(Dest);
  if (!Initial || Initial->getRegion() != Dest || followed(State, Old) ||
      !TR || !m::isPoolPointerType(TR->getValueType()))
    return false;
  switch (m::longLivedPlace(Dest).Kind) {
  case m::LongLivedKind::Static:
  case m::LongLivedKind::ModuleConf:
  case m::LongLivedKind::Cycle:
    break;
  default:
    return false;
  }
  if (State->contains<PoolLeakKeptValues>(Old))
    return false; // Kept elsewhere first: a cleanup's data, another field.
  ConditionTruthVal IsNull = State->getConstraintManager().isNull(State, Old);
  if (IsNull.isConstrainedTrue())
    return false; // The lazy creation: `if (conf->pool == NULL) ...`.
  if (IsNull.isConstrainedFalse())
    return true;
  m::CodeRole Role = m::codeRole(LC);
  return Role == m::CodeRole::PerRequest || Role == m::CodeRole::PerEvent;
}

const NoteTag *PoolLeakChecker::noteReplaced(SymbolRef Old,
                                             const MemRegion *Dest,
                                             CheckerContext &C) const {
  std::string Place = m::RegionNamer(C.getPredecessor()).nameOfPlace(Dest);
  return noteFor(Old,
                 "The pool in " +
                     (Place.empty() ? std::string("long-lived memory")
                                    : "'" + Place + "'") +
                     " is replaced here",
                 &Replaced, C);
}

/// A store of \p Val into long-lived \p Dest that held a pool created on
/// this path and owned there, or (a new pool stored) a pool from before
/// the path: the old pool is the function's again.
ProgramStateRef PoolLeakChecker::replaceHeldPool(ProgramStateRef State,
                                                 const MemRegion *Dest,
                                                 SVal Location, SVal Val,
                                                 CheckerContext &C,
                                                 const NoteTag *&Note) const {
  SymbolRef Old = poolHeldAt(State, Dest, Location);
  SymbolRef New = m::pointeeSymbol(Val);
  if (!Old || New == Old)
    return State;
  const FollowedPool *P = followed(State, Old);
  if (P && P->St == FollowedPool::Owned && P->Created) {
    Note = noteReplaced(Old, Dest, C);
    return State->set<PoolLeakPools>(Old, P->replacedIn(Dest));
  }
  const FollowedPool *NewPool = followed(State, New);
  if (NewPool && NewPool->St != FollowedPool::Destroyed && NewPool->Created &&
      replacesPoolFromBefore(State, Old, Dest, C.getLocationContext())) {
    Note = noteReplaced(Old, Dest, C);
    return State->set<PoolLeakPools>(
        Old, FollowedPool{FollowedPool::Live, nullptr, Dest});
  }
  return State;
}

/// True when \p Call, which let \p Pool escape, may keep it: unless the
/// pool is only an argument of its variadic tail (logging). A local struct
/// the call is given gets new contents from it: what the analyzer reads
/// back is no longer the pool it followed, so the pool goes with the call.
static bool handedToCall(const CallEvent &Call, SymbolRef Pool) {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  if (!FD || !FD->isVariadic())
    return true;
  bool InTail = false;
  for (unsigned I = 0; I < Call.getNumArgs(); ++I) {
    if (m::pointeeSymbol(Call.getArgSVal(I)) != Pool)
      continue;
    if (I < FD->getNumParams())
      return true;
    InTail = true;
  }
  return !InTail;
}

void PoolLeakChecker::checkPreStmt(const ReturnStmt *RS,
                                   CheckerContext &C) const {
  // Returned from the function analysed at the top: the caller owns it.
  if (!unitHandlesPools(C.getASTContext()))
    return;
  handOverReturnedValue(RS, C, [this](ProgramStateRef State, SVal V) {
    return giveToOwner(State, V);
  });
}

ProgramStateRef PoolLeakChecker::checkPointerEscape(
    ProgramStateRef State, const InvalidatedSymbols &Escaped,
    const CallEvent *Call, PointerEscapeKind Kind) const {
  if (Kind == PSK_EscapeOnBind ||
      !unitHandlesPools(State->getStateManager().getContext()))
    return State; // Judged in checkBind; or nothing is followed.
  // A pool held in memory the call was given (and the analyzer gave new
  // contents, a call it did not inline) is no longer the value read back
  // from there: it cannot be followed, so it is taken to have an owner.
  // Otherwise the table says what known calls do with the pools they get.
  bool Indirect = Kind == PSK_IndirectEscapeOnCall;
  if (Call && Api.lookup(*Call) && !Indirect)
    return State;
  // An unknown call invalidates every global: the set is often large, and
  // most of it is nothing this checker follows.
  PoolLeakPoolsTy Pools = State->get<PoolLeakPools>();
  for (SymbolRef Sym : Escaped)
    if (isPoolFromBefore(Pools, Sym))
      State = State->add<PoolLeakKeptValues>(Sym);
  if (Pools.isEmpty())
    return State;
  for (SymbolRef Sym : Escaped) {
    const FollowedPool *P = Pools.lookup(Sym);
    if (P && P->St == FollowedPool::Live &&
        (!Call || Indirect || handedToCall(*Call, Sym)))
      State = State->set<PoolLeakPools>(Sym, P->with(FollowedPool::Owned));
  }
  return State;
}

//===----------------------------------------------------------------------===//
// Leaks
//===----------------------------------------------------------------------===//

void PoolLeakChecker::checkDeadSymbols(SymbolReaper &SR,
                                       CheckerContext &C) const {
  if (!unitHandlesPools(C.getASTContext()))
    return;
  ProgramStateRef State = C.getState();
  ProgramStateRef Next = State;
  llvm::SmallVector<std::pair<SymbolRef, FollowedPool>, 2> Lost;
  for (auto [Sym, P] : State->get<PoolLeakPools>()) {
    if (SR.isLive(Sym))
      continue;
    Next = Next->remove<PoolLeakPools>(Sym);
    // NULL on this path: ngx_create_pool() failed and created nothing.
    if (P.St == FollowedPool::Live &&
        !State->getConstraintManager().isNull(State, Sym).isConstrainedTrue())
      Lost.push_back({Sym, P});
  }
  for (auto [Sym, Mem] : State->get<PoolLeakMemory>())
    if (!SR.isLive(Sym))
      Next = Next->remove<PoolLeakMemory>(Sym);
  for (SymbolRef Sym : State->get<PoolLeakKeptValues>())
    if (!SR.isLive(Sym))
      Next = Next->remove<PoolLeakKeptValues>(Sym);
  if (Lost.empty()) {
    if (Next != State)
      C.addTransition(Next);
    return;
  }
  reportLost(Lost, Next, C);
}

/// The end of the function analysed: a pool replaced in a static is still
/// reachable from the old value's symbol, which never dies; it is lost now.
void PoolLeakChecker::checkEndFunction(const ReturnStmt *,
                                       CheckerContext &C) const {
  if (!C.inTopFrame())
    return;
  ProgramStateRef State = C.getState();
  ProgramStateRef Next = State;
  llvm::SmallVector<std::pair<SymbolRef, FollowedPool>, 2> Lost;
  for (auto [Sym, P] : State->get<PoolLeakPools>())
    if (P.St == FollowedPool::Live && !P.Created) {
      Next = Next->remove<PoolLeakPools>(Sym);
      Lost.push_back({Sym, P});
    }
  if (!Lost.empty())
    reportLost(Lost, Next, C);
}

void PoolLeakChecker::reportLost(
    llvm::ArrayRef<std::pair<SymbolRef, FollowedPool>> Lost,
    ProgramStateRef Next, CheckerContext &C) const {
  // What main() leaves behind goes with the process.
  if (const auto *FD = dyn_cast_or_null<FunctionDecl>(
          C.getStackFrame()->inTopFrame()
              ? C.getStackFrame()->getDecl()
              : nullptr))
    if (FD->isMain()) {
      C.addTransition(Next);
      return;
    }
  static SimpleProgramPointTag Tag("nginx.PoolLeak", "Pool leak");
  ExplodedNode *N = C.generateNonFatalErrorNode(Next, &Tag);
  if (!N)
    return;
  for (auto [Sym, P] : Lost)
    reportLeak(Sym, P, N);
}

void PoolLeakChecker::reportLeak(SymbolRef Sym, const FollowedPool &P,
                                 ExplodedNode *N) const {
  std::string Msg;
  if (P.ReplacedIn && !P.Created) {
    std::string Place = m::RegionNamer(N).nameOfPlace(P.ReplacedIn);
    Msg = "The pool held in " +
          (Place.empty() ? std::string("long-lived memory")
                         : "'" + Place + "'") +
          " before is replaced by a new pool and is neither destroyed nor "
          "kept: one pool leaks per replacement; destroy the old pool (or "
          "keep it elsewhere) before storing the new one, or create the "
          "pool only when the place is empty";
  } else if (P.ReplacedIn) {
    std::string Place = m::RegionNamer(N).nameOfPlace(P.ReplacedIn);
    Msg = "Pool created by 'ngx_create_pool' and kept in " +
          (Place.empty() ? std::string("long-lived memory")
                         : "'" + Place + "'") +
          " is replaced there and never destroyed: one pool leaks per "
          "replacement; destroy the old pool (or keep it elsewhere) before "
          "storing the new one";
  } else {
    Msg = "Pool " + quotedHolder(Sym, N) +
          "created by 'ngx_create_pool' is neither destroyed nor kept on this "
          "path: its memory stays allocated as long as the worker runs; call "
          "ngx_destroy_pool() on this path (goto the label that destroys it), "
          "or hand the pool to an owner that destroys it";
  }
  const void *Acquisition =
      P.Created ? static_cast<const void *>(P.Created) : P.ReplacedIn;
  auto R = std::make_unique<LeakReport>(P.ReplacedIn ? Replaced : Leak, Msg, N,
                                        Acquisition);
  R->markInteresting(Sym);
  Leaks.add(std::move(R));
}

void PoolLeakChecker::printState(raw_ostream &Out, ProgramStateRef State,
                                 const char *NL, const char *Sep) const {
  auto Pools = State->get<PoolLeakPools>();
  auto Memory = State->get<PoolLeakMemory>();
  if (Pools.isEmpty() && Memory.isEmpty())
    return;
  Out << Sep << "nginx.PoolLeak:" << NL;
  static const char *const Names[] = {"live", "owned elsewhere", "destroyed"};
  for (auto [Sym, P] : Pools)
    Out << "  pool " << Sym << ": " << Names[P.St]
        << (P.ReplacedIn ? ", replaced in long-lived memory" : "") << NL;
  for (auto [Sym, Mem] : Memory)
    Out << "  memory " << Sym << " from pool " << Mem.Pool
        << (Mem.PoolDestroyed ? " (destroyed)" : "") << NL;
}

//===----------------------------------------------------------------------===//
// Documentation and registration
//===----------------------------------------------------------------------===//

static const llvm::StringLiteral PoolLeakTags[] = {"memory-leak", "nginx",
                                                   "pool", "use-after-free"};

const CheckerDoc ngx_pool_check::PoolLeakDoc = {
    "A pool created with ngx_create_pool() is neither destroyed nor handed to "
    "an owner on some path, is replaced in long-lived storage while alive, "
    "is destroyed twice, or is used (allocated from, or its memory read or "
    "written) after ngx_destroy_pool(). A pool dropped once per request or "
    "per update grows the worker until it runs out of memory; a pool "
    "destroyed twice or read after it was destroyed corrupts the heap. "
    "Destroy the pool on every path that does not return it or store it "
    "where its owner destroys it (a `failed:` label), and use its memory "
    "before destroying it.",
    // Bad
    "pool = ngx_create_pool(4096, r->connection->log);\n"
    "if (pool == NULL) {\n"
    "    return NGX_ERROR;\n"
    "}\n"
    "\n"
    "text = ngx_pnalloc(pool, len);\n"
    "if (text == NULL) {\n"
    "    return NGX_ERROR;                /* the pool leaks */\n"
    "}\n"
    "...\n"
    "ngx_destroy_pool(pool);\n",
    // Good
    "pool = ngx_create_pool(4096, r->connection->log);\n"
    "if (pool == NULL) {\n"
    "    return NGX_ERROR;\n"
    "}\n"
    "\n"
    "text = ngx_pnalloc(pool, len);\n"
    "if (text == NULL) {\n"
    "    rc = NGX_ERROR;\n"
    "    goto failed;\n"
    "}\n"
    "...\n"
    "failed:\n"
    "\n"
    "ngx_destroy_pool(pool);\n",
    PoolLeakTags,
    "high",
    "warning",
};

void ngx_pool_check::registerPoolLeakChecker(CheckerManager &Mgr) {
  Mgr.registerChecker<PoolLeakChecker>();
}

bool ngx_pool_check::shouldRegisterPoolLeakChecker(const CheckerManager &) {
  return true;
}
