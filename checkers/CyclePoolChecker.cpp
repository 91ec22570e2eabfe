//===- CyclePoolChecker.cpp - Per-request allocations from the cycle pool -===//
//
// nginx.CyclePool: code that runs for every request or event and allocates
// from the cycle pool (`ngx_cycle->pool`, `cf->pool`, `cf->cycle->pool`), or
// from a pool saved in a module's configuration at configuration time.
//
// Why it matters on a live nginx: the cycle pool, and the pools a module
// saved in its configuration, are freed only when nginx reloads its
// configuration. Request-time or timer-time code that allocates from them
// adds to the worker on every request or tick, and the memory never comes
// back until the next reload: the worker's RSS grows without bound. nginx
// itself had this bug: until 1.5.4, `root` and `alias` with variables called
// ngx_conf_full_name(ngx_cycle, ...) per request, which allocates from
// cycle->pool. The fix is to allocate from the request's pool (r->pool),
// or, for timers, from a pool the code creates and destroys itself.
//
// How it works: at every call the nginx model knows to allocate (ngx_palloc
// & co., objects, containers, ngx_array_push on a container, and helpers
// such as ngx_conf_full_name whose row says which argument's pool they
// allocate from), the checker asks the model two questions:
//   - when does this code run? (codeRole: the function the analysis started
//     from receives a request, a session, an event, a connection or a
//     resolver context: per request or per event; a ngx_conf_t or a cycle:
//     configuration time, init_module, init_process, exit_process);
//   - where does the pool come from? (classifyPool: `pool` of a cycle or of
//     a ngx_conf_t is the cycle's pool; savedPoolPlace: a pool read back from
//     a module's configuration, or a container's pool when the container
//     lives there, was saved at configuration time).
// It reports a per-request or per-event allocation from such a pool.
//
// What it leaves alone: configuration-time code; pools of unknown origin
// (a static private pool); growing a container that itself was allocated on
// this path (reported where it was created); and a once-per-worker lazy
// initialisation: an allocation on a path where a pointer read from
// long-lived storage (a static, a configuration field) was tested NULL. A
// NULL test on request-lifetime state (a request context's field) runs on
// every request and is no guard.
//
//   branch tests a long-lived slot against NULL --> [slot tested]
//                                                        |
//   allocation from a cycle/saved pool in per-request code
//        |-- a tested slot is NULL on this path --> lazy init: nothing
//        +-- otherwise ---------------------------> reported
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
#include "llvm/ADT/DenseMap.h"

using namespace clang;
using namespace clang::ento;
using namespace ngx_pool_check;
namespace m = ngx_pool_check::model;

// Pointers read from long-lived storage that a branch compared with NULL.
REGISTER_SET_WITH_PROGRAMSTATE(LongLivedNullTests, SymbolRef)

namespace {

/// A pool that lives until nginx reloads, and why.
struct ReloadPool {
  SymbolRef PoolSym = nullptr;
  /// Saved in long-lived storage (a configuration); None for the cycle's
  /// own pool.
  m::LongLivedPlace SavedIn;
};

class CyclePoolChecker
    : public Checker<check::PreCall, check::BranchCondition, check::Bind,
                     check::BeginFunction, check::DeadSymbols> {
  const BugType CyclePoolAlloc{this,
                               "Per-request allocation from the cycle pool",
                               category::NginxMemory};
  const m::ApiTable Api;
  const NullTestedPointers NullTests;
  /// Whether the function a path starts in runs per request or per event,
  /// by that function: the role of the outermost frame decides whether this
  /// checker can report on the path at all (codeRole).
  mutable llvm::DenseMap<const Decl *, bool> RunsPerRequestOrEvent;

public:
  void checkPreCall(const CallEvent &Call, CheckerContext &C) const;
  void checkBranchCondition(const Stmt *Cond, CheckerContext &C) const;
  void checkBind(SVal Loc, SVal Val, const Stmt *S, CheckerContext &C) const;
  void checkBeginFunction(CheckerContext &C) const;
  void checkDeadSymbols(SymbolReaper &SR, CheckerContext &C) const;

private:
  bool mayReport(const LocationContext *LC) const;
  std::optional<ReloadPool> reloadPoolOf(const CallEvent &Call,
                                         const m::Allocation &A,
                                         ProgramStateRef State) const;
  bool isLazyInit(ProgramStateRef State) const;
  void report(const CallEvent &Call, const m::Allocation &A,
              const ReloadPool &Pool, CheckerContext &C) const;
  const NoteTag *notePoolOrigin(SymbolRef Stored, const MemRegion *Dest,
                                TaggedNode &At,
                                CheckerContext &C) const;
};

} // namespace

//===----------------------------------------------------------------------===//
// Allocations
//===----------------------------------------------------------------------===//

std::optional<ReloadPool>
CyclePoolChecker::reloadPoolOf(const CallEvent &Call, const m::Allocation &A,
                               ProgramStateRef State) const {
  m::PoolOrigin O = m::classifyPool(m::poolOfCall(Call, A.Pool, State), State);
  if (!O.PoolSym)
    return std::nullopt;
  if (O.Kind == m::PoolKind::Cycle)
    return ReloadPool{O.PoolSym, {}};
  if (O.Kind != m::PoolKind::Unknown)
    return std::nullopt;
  m::LongLivedPlace Saved = m::savedPoolPlace(O.PoolSym);
  if (Saved.Kind != m::LongLivedKind::ModuleConf &&
      Saved.Kind != m::LongLivedKind::Cycle)
    return std::nullopt; // A static private pool: the module's business.
  return ReloadPool{O.PoolSym, Saved};
}

bool CyclePoolChecker::mayReport(const LocationContext *LC) const {
  const LocationContext *Top = LC;
  while (Top->getParent())
    Top = Top->getParent();
  auto [It, New] = RunsPerRequestOrEvent.try_emplace(Top->getDecl(), false);
  if (New) {
    m::CodeRole Role = m::codeRole(Top);
    It->second =
        Role == m::CodeRole::PerRequest || Role == m::CodeRole::PerEvent;
  }
  return It->second;
}

bool CyclePoolChecker::isLazyInit(ProgramStateRef State) const {
  ConstraintManager &CM = State->getConstraintManager();
  for (SymbolRef Slot : State->get<LongLivedNullTests>())
    if (CM.isNull(State, Slot).isConstrainedTrue())
      return true;
  return false;
}

void CyclePoolChecker::checkPreCall(const CallEvent &Call,
                                    CheckerContext &C) const {
  const m::ApiFunction *Row = Api.lookup(Call);
  if (!Row || !Row->Allocates)
    return;
  const LocationContext *LC = C.getLocationContext();
  if (!mayReport(LC) || m::isInsideModeledAllocator(Api, LC))
    return;
  ProgramStateRef State = C.getState();
  std::optional<ReloadPool> Pool = reloadPoolOf(Call, *Row->Allocates, State);
  if (!Pool || isLazyInit(State))
    return;
  report(Call, *Row->Allocates, *Pool, C);
}

void CyclePoolChecker::report(const CallEvent &Call, const m::Allocation &A,
                              const ReloadPool &Pool,
                              CheckerContext &C) const {
  ExplodedNode *N = C.generateNonFatalErrorNode();
  if (!N)
    return;
  const LocationContext *LC = C.getLocationContext();
  m::RegionNamer Names(N);
  std::string Fn = m::calleeName(Call);
  std::string PoolName = Names.nameOfValue(Pool.PoolSym);
  std::string Quoted = PoolName.empty() ? "" : " '" + PoolName + "'";
  bool PerRequest = m::codeRole(LC) == m::CodeRole::PerRequest;
  std::string Better = m::suggestCleanupPool(LC);

  std::string Msg;
  llvm::raw_string_ostream OS(Msg);
  OS << "'" << Fn << "' ";
  if (A.Kind == m::AllocKind::Grow)
    OS << "grows a container whose pool" << Quoted;
  else
    OS << "allocates from" << Quoted;
  if (Pool.SavedIn)
    OS << ", a pool saved in " << m::describeLongLived(Pool.SavedIn) << ",";
  else
    OS << ", the cycle pool, which lives until nginx reloads,";
  OS << " in code that runs for every "
     << (PerRequest ? "request" : "event")
     << ": the worker grows with each one until the next reload; ";
  if (PerRequest && !Better.empty())
    OS << "allocate from '" << Better << "'";
  else
    OS << "allocate from a pool of this "
       << (PerRequest ? "request" : "event")
       << " (one the code creates and destroys)";

  auto R = std::make_unique<PathSensitiveBugReport>(CyclePoolAlloc, Msg, N);
  if (A.Pool.Arg < Call.getNumArgs())
    R->addRange(Call.getArgExpr(A.Pool.Arg)->getSourceRange());
  R->markInteresting(Pool.PoolSym);
  if (Pool.SavedIn.RootSym)
    R->markInteresting(Pool.SavedIn.RootSym);
  C.emitReport(std::move(R));
}

//===----------------------------------------------------------------------===//
// Lazy initialisation
//===----------------------------------------------------------------------===//

void CyclePoolChecker::checkBranchCondition(const Stmt *Cond,
                                            CheckerContext &C) const {
  const auto *CondExpr = dyn_cast<Expr>(Cond);
  if (!CondExpr || !mayReport(C.getLocationContext()))
    return; // A test on a path this checker never reports on guards nothing.
  llvm::SmallVector<const Expr *, 2> Tested =
      NullTests.of(CondExpr, C.getASTContext());
  ProgramStateRef State = C.getState();
  ProgramStateRef Next = State;
  for (const Expr *E : Tested) {
    SymbolRef Sym = C.getSVal(E).getAsSymbol();
    if (!Sym)
      Sym = m::pointeeSymbol(C.getSVal(E));
    const TypedValueRegion *Slot = Sym ? m::regionOfValueSymbol(Sym) : nullptr;
    m::LongLivedPlace P = m::longLivedPlace(Slot);
    if (P.Kind == m::LongLivedKind::Static ||
        P.Kind == m::LongLivedKind::ModuleConf ||
        P.Kind == m::LongLivedKind::Cycle)
      Next = Next->add<LongLivedNullTests>(Sym);
  }
  if (Next != State)
    C.addTransition(Next);
}

void CyclePoolChecker::checkDeadSymbols(SymbolReaper &SR,
                                        CheckerContext &C) const {
  // A tested slot stays alive while the code can still store into it (the
  // store of the lazy creation comes after the allocation); once it is
  // dead, its test no longer guards anything. Forgetting it keeps states
  // small, so that paths that differ only by old tests merge.
  ProgramStateRef State = C.getState();
  ProgramStateRef Next = State;
  for (SymbolRef Slot : State->get<LongLivedNullTests>())
    if (SR.isDead(Slot))
      Next = Next->remove<LongLivedNullTests>(Slot);
  if (Next != State)
    C.addTransition(Next);
}

//===----------------------------------------------------------------------===//
// Notes: where the pool came from, and why the code runs per request
//===----------------------------------------------------------------------===//

void CyclePoolChecker::checkBind(SVal Loc, SVal Val, const Stmt *,
                                 CheckerContext &C) const {
  const MemRegion *Dest = Loc.getAsRegion();
  SymbolRef Stored = m::pointeeSymbol(Val);
  if (!Dest || !Stored || !mayReport(C.getLocationContext()))
    return; // Notes are for reports, and this path can have none.
  TaggedNode At;
  if (const NoteTag *Note = notePoolOrigin(Stored, Dest, At, C))
    addTransitionAt(C, C.getState(), Note, At);
}

const NoteTag *CyclePoolChecker::notePoolOrigin(SymbolRef Stored,
                                                const MemRegion *Dest,
                                                TaggedNode &At,
                                                CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  std::string What;
  if (m::classifyPoolSymbol(Stored, State).Kind == m::PoolKind::Cycle) {
    What = "is the cycle pool: it lives until nginx reloads";
  } else if (m::LongLivedPlace Object = m::longLivedObject(Stored);
             Object.Kind == m::LongLivedKind::ModuleConf) {
    What = "is " + m::describeLongLived(Object);
  } else if (m::LongLivedPlace Saved = m::savedPoolPlace(Stored);
             Saved.Kind == m::LongLivedKind::ModuleConf) {
    What = "was read from the module's " + Saved.Level.str() +
           " configuration, where it was saved at configuration time";
  } else {
    return nullptr;
  }
  At = makeTaggedNode();
  return C.getNoteTag([=](PathSensitiveBugReport &BR) -> std::string {
    if (&BR.getBugType() != &CyclePoolAlloc || !BR.isInteresting(Stored))
      return "";
    std::string Place = m::RegionNamer(*At).nameOfPlace(Dest);
    if (Place.empty())
      return "";
    return "'" + Place + "' " + What;
  });
}

void CyclePoolChecker::checkBeginFunction(CheckerContext &C) const {
  if (!C.inTopFrame())
    return;
  const ParmVarDecl *P = m::codeRoleParameter(C.getLocationContext());
  m::CodeRole Role = m::codeRole(C.getLocationContext());
  if (!P || (Role != m::CodeRole::PerRequest && Role != m::CodeRole::PerEvent))
    return;
  const auto *FD = dyn_cast<FunctionDecl>(C.getStackFrame()->getDecl());
  std::string Fn = FD ? FD->getNameAsString() : "this function";
  std::string Param = P->getNameAsString();
  bool PerRequest = Role == m::CodeRole::PerRequest;
  const NoteTag *Note = C.getNoteTag(
      [=](PathSensitiveBugReport &BR) -> std::string {
        if (&BR.getBugType() != &CyclePoolAlloc)
          return "";
        return "'" + Fn + "' runs for every " +
               (PerRequest ? "request" : "event") + ": it receives '" +
               Param + "'";
      },
      /*IsPrunable=*/true);
  C.addTransition(C.getState(), Note);
}

//===----------------------------------------------------------------------===//
// Documentation and registration
//===----------------------------------------------------------------------===//

static const llvm::StringLiteral CyclePoolTags[] = {"memory", "leak", "nginx",
                                                    "pool"};

const CheckerDoc ngx_pool_check::CyclePoolDoc = {
    "Code that runs for every request or event (handlers, filters, variable "
    "getters, upstream callbacks, timer and resolver handlers) allocates from "
    "the cycle pool (ngx_cycle->pool, or cf->pool / cf->cycle->pool saved in "
    "a configuration), directly, through a container created from it, or "
    "inside a helper such as ngx_conf_full_name(). That pool is freed only "
    "when nginx reloads, so the worker grows with every request until the "
    "next reload. Allocate per-request data from r->pool.",
    // Bad
    "static ngx_int_t\n"
    "ngx_http_foo_handler(ngx_http_request_t *r)\n"
    "{\n"
    "    ngx_http_foo_ctx_t  *ctx;\n"
    "\n"
    "    ctx = ngx_pcalloc(ngx_cycle->pool, sizeof(ngx_http_foo_ctx_t));\n"
    "    ...\n"
    "}\n",
    // Good
    "static ngx_int_t\n"
    "ngx_http_foo_handler(ngx_http_request_t *r)\n"
    "{\n"
    "    ngx_http_foo_ctx_t  *ctx;\n"
    "\n"
    "    ctx = ngx_pcalloc(r->pool, sizeof(ngx_http_foo_ctx_t));\n"
    "    ...\n"
    "}\n",
    CyclePoolTags,
    "high",
    "warning",
};

void ngx_pool_check::registerCyclePoolChecker(CheckerManager &Mgr) {
  Mgr.registerChecker<CyclePoolChecker>();
}

bool ngx_pool_check::shouldRegisterCyclePoolChecker(const CheckerManager &) {
  return true;
}
