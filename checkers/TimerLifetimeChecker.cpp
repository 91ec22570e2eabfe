//===- TimerLifetimeChecker.cpp - Timers left armed on request memory -----===//
//
// nginx.TimerLifetime: an ngx_event_t that lives in request memory (a block
// of r->pool, the module context a request keeps, a field or an array
// element of such memory) whose timer is armed with ngx_add_timer() and is
// still armed when the analysed function returns, with no cleanup
// registered that could delete it.
//
// Why it matters: ngx_add_timer() links the event into the worker's timer
// tree. When the request ends first (the client goes away, an error status,
// a finalize from another phase), r->pool is destroyed with the event in
// it, and the tree keeps a node in freed memory: the worker crashes when the
// timer fires or when the next timer is inserted beside it, rarely and
// under load. The nginx idiom: whoever arms a timer on request memory
// registers a cleanup on r->pool that deletes it
// (`if (ev->timer_set) ngx_del_timer(ev)`), or deletes it on every path
// before returning.
//
// How it works:
//   - allocations from a request pool (the model's rows: ngx_palloc & co.,
//     containers created on r->pool and pushed to) remember their request;
//     a module context read from `r->ctx[...]` (ngx_http_get_module_ctx) is
//     request memory too;
//   - ngx_add_timer(ev, t) (the row of ngx_event_add_timer, matched on the
//     call, whose inline body in the real headers is left to itself) on an
//     event inside such memory starts following the event;
//     ngx_del_timer(ev) stops it;
//   - a cleanup record whose `data` is the event, the object holding it, an
//     object that points to it, or the request itself owns it: its handler
//     is out of sight, and is taken to delete the timer;
//   - for a module context made by another function, the registration is
//     out of sight too: the unit's code is asked whether some cleanup
//     handler deletes timers;
//   - an event handed to a function the analyzer cannot see into, or
//     returned from the analysed function, belongs to that code;
//   - when the function analysed at the top returns, every event still
//     followed, armed and owned by no cleanup, is reported;
//   - a translation unit none of whose code arms a timer follows nothing.
//
// A followed event (ArmedTimers):
//
//   ngx_add_timer on request memory
//        |
//        v
//     [Armed] --ngx_del_timer------------------------------> (forgotten)
//      |   |  --handed to unseen code, returned-------------> (forgotten)
//      |   +--a cleanup's data holds it or its request----> [Covered]
//      +-- top-level function returns -> reported
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
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;
using namespace clang::ento;
using namespace ngx_pool_check;
namespace m = ngx_pool_check::model;

namespace {

/// An event whose timer is armed, in request memory.
struct ArmedTimer {
  enum OriginKind {
    RequestPool, ///< A block of the request pool allocated on this path.
    ModuleCtx,   ///< The module context read from the request.
  };
  OriginKind Origin;
  /// The symbol of the memory the event lives in (its base).
  SymbolRef Memory;
  /// The request whose memory it is.
  const MemRegion *Request;
  /// The container the memory is an element of, if any.
  SymbolRef Container = nullptr;
  /// The arming call, and its event argument (for messages).
  const Expr *ArmSite = nullptr;
  const Expr *EventExpr = nullptr;
  /// A cleanup holds the event: its handler deletes the timer.
  bool Covered = false;

  ArmedTimer covered() const {
    ArmedTimer T = *this;
    T.Covered = true;
    return T;
  }
  bool operator==(const ArmedTimer &O) const {
    return Origin == O.Origin && Memory == O.Memory && Request == O.Request &&
           Container == O.Container && ArmSite == O.ArmSite && EventExpr == O.EventExpr &&
           Covered == O.Covered;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddInteger(Origin);
    ID.AddPointer(Memory);
    ID.AddPointer(Request);
    ID.AddPointer(Container);
    ID.AddPointer(ArmSite);
    ID.AddPointer(EventExpr);
    ID.AddBoolean(Covered);
  }
};

/// A block of a request pool.
struct RequestBlock {
  /// The request whose pool it is.
  const MemRegion *Request;
  /// An element of a container (ngx_array_push): the container, whose
  /// cleanup covers its elements.
  SymbolRef Container = nullptr;

  bool operator==(const RequestBlock &O) const {
    return Request == O.Request && Container == O.Container;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddPointer(Request);
    ID.AddPointer(Container);
  }
};

/// One report per arming call: the paths that leave it armed are one bug.
class ArmedTimerReport : public PathSensitiveBugReport {
  const void *ArmSite;

public:
  ArmedTimerReport(const BugType &BT, llvm::StringRef Msg,
                   const ExplodedNode *N, const void *ArmSite)
      : PathSensitiveBugReport(BT, Msg, N), ArmSite(ArmSite) {}

  void Profile(llvm::FoldingSetNodeID &ID) const override {
    ID.AddPointer(&getBugType());
    ID.AddPointer(ArmSite);
  }
};

} // namespace

// Events armed on request memory on this path, by the event's region.
REGISTER_MAP_WITH_PROGRAMSTATE(ArmedTimers, const MemRegion *, ArmedTimer)
// Blocks allocated from a request pool on this path.
REGISTER_MAP_WITH_PROGRAMSTATE(RequestBlocks, SymbolRef, RequestBlock)
// Objects stored as the data of a cleanup record on this path.
REGISTER_SET_WITH_PROGRAMSTATE(CleanupHeld, const MemRegion *)
// An allocation call under way from a request pool. Its pool is read
// before the call, as the call may change what its container argument
// holds (ngx_array_push(a) invalidates *a).
REGISTER_MAP_WITH_PROGRAMSTATE(PendingRequestAllocs, const Expr *,
                               RequestBlock)

namespace {

class TimerLifetimeChecker
    : public Checker<check::PreCall, check::PostCall, check::Bind,
                     check::PreStmt<ReturnStmt>, check::DeadSymbols,
                     check::EndFunction, check::EndAnalysis> {
  const BugType ArmedOnRequestMemory{this, "Timer left armed on request memory",
                                     category::NginxMemory};
  mutable DeferredLeakReports Reports;
  /// Per translation unit: some cleanup handler of the unit deletes timers.
  mutable std::optional<bool> UnitCleansTimers;
  /// Per translation unit: some code of the unit arms a timer. Where none
  /// does, no path has an armed timer and nothing needs following.
  mutable std::optional<bool> UnitArmsTimers;

public:
  m::ApiTable Api;

  void checkPreCall(const CallEvent &Call, CheckerContext &C) const;
  void checkPostCall(const CallEvent &Call, CheckerContext &C) const;
  void checkBind(SVal Loc, SVal Val, const Stmt *S, CheckerContext &C) const;
  void checkPreStmt(const ReturnStmt *RS, CheckerContext &C) const;
  void checkDeadSymbols(SymbolReaper &SR, CheckerContext &C) const;
  void checkEndFunction(const ReturnStmt *RS, CheckerContext &C) const;
  void checkEndAnalysis(ExplodedGraph &, BugReporter &BR, ExprEngine &) const {
    Reports.flush(BR);
  }
  void printState(raw_ostream &Out, ProgramStateRef State, const char *NL,
                  const char *Sep) const override;

private:
  void arm(const CallEvent &Call, unsigned Arg, CheckerContext &C) const;
  void disarm(const CallEvent &Call, unsigned Arg, CheckerContext &C) const;
  void noteRequestAllocation(const CallEvent &Call, const m::Allocation &A,
                             CheckerContext &C) const;
  void recordRequestBlock(const CallEvent &Call, CheckerContext &C) const;
  void handOverArguments(const CallEvent &Call, CheckerContext &C) const;
  bool unitCleansTimers(ASTContext &Ctx) const;
  bool unitArmsTimers(ASTContext &Ctx) const;
  std::optional<ArmedTimer> classify(const MemRegion *Event,
                                     ProgramStateRef State,
                                     ASTContext &Ctx) const;
  const NoteTag *armedNote(const MemRegion *Event, const ArmedTimer &T,
                           CheckerContext &C) const;
  void report(const MemRegion *Event, const ArmedTimer &T, ExplodedNode *N,
              CheckerContext &C) const;
};

} // namespace

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// The event a call's argument points to, as the key the state uses.
static const MemRegion *eventRegion(const CallEvent &Call, unsigned Arg) {
  if (Arg >= Call.getNumArgs())
    return nullptr;
  const MemRegion *R = Call.getArgSVal(Arg).getAsRegion();
  return R ? R->StripCasts() : nullptr;
}

/// True when \p Sym is reachable from the object \p From in \p State.
static bool reaches(ProgramStateRef State, const MemRegion *From,
                    SymbolRef Sym) {
  struct Finder : SymbolVisitor {
    SymbolRef Wanted;
    bool Found = false;
    explicit Finder(SymbolRef S) : Wanted(S) {}
    bool VisitSymbol(SymbolRef S) override {
      Found = S == Wanted;
      return !Found;
    }
  } Find(Sym);
  State->scanReachableSymbols(loc::MemRegionVal(From), Find);
  return Find.Found;
}

/// True when a cleanup's data holds the event \p Event: the data is the
/// object the event is in, the request whose memory it is, or an object
/// that points to its memory.
static bool heldByCleanup(ProgramStateRef State, const MemRegion *Event,
                          const ArmedTimer &T) {
  const MemRegion *Object = Event->getBaseRegion();
  for (const MemRegion *Held : State->get<CleanupHeld>())
    if (Held == Object || Held == T.Request || reaches(State, Held, T.Memory) ||
        (T.Container && reaches(State, Held, T.Container)))
      return true;
  return false;
}

/// \p State with every armed event a cleanup's data holds marked covered.
static ProgramStateRef coverHeldTimers(ProgramStateRef State) {
  if (State->get<CleanupHeld>().isEmpty())
    return State;
  for (auto [Event, T] : State->get<ArmedTimers>())
    if (!T.Covered && heldByCleanup(State, Event, T))
      State = State->set<ArmedTimers>(Event, T.covered());
  return State;
}

/// \p State without the armed events in memory that \p V points to.
static ProgramStateRef forgetTimersIn(ProgramStateRef State, SVal V) {
  SymbolRef Sym = m::pointeeSymbol(V);
  const MemRegion *R = V.getAsRegion();
  if (!Sym && !R)
    return State;
  for (auto [Event, T] : State->get<ArmedTimers>())
    if ((Sym && T.Memory == Sym) || (R && R->StripCasts() == Event))
      State = State->remove<ArmedTimers>(Event);
  return State;
}

/// The expression of an event argument, without its `&`: "ctx->watchdog".
static std::string eventName(const Expr *E, const ASTContext &Ctx) {
  if (!E)
    return {};
  E = E->IgnoreParenCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_AddrOf)
      E = UO->getSubExpr()->IgnoreParens();
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  E->printPretty(OS, nullptr, PrintingPolicy(Ctx.getLangOpts()));
  return OS.str();
}

//===----------------------------------------------------------------------===//
// Where the memory comes from
//===----------------------------------------------------------------------===//

bool TimerLifetimeChecker::unitCleansTimers(ASTContext &Ctx) const {
  if (!UnitCleansTimers)
    UnitCleansTimers = m::unitHasTimerDeletingCleanup(Api, Ctx);
  return *UnitCleansTimers;
}

bool TimerLifetimeChecker::unitArmsTimers(ASTContext &Ctx) const {
  if (!UnitArmsTimers)
    UnitArmsTimers = m::unitArmsTimers(Api, Ctx);
  return *UnitArmsTimers;
}

std::optional<ArmedTimer>
TimerLifetimeChecker::classify(const MemRegion *Event, ProgramStateRef State,
                               ASTContext &Ctx) const {
  const SymbolicRegion *Base = Event->getSymbolicBase();
  if (!Base)
    return std::nullopt; // Static storage, a local: not request memory.
  SymbolRef Memory = Base->getSymbol();
  if (const RequestBlock *Block = State->get<RequestBlocks>(Memory))
    return ArmedTimer{ArmedTimer::RequestPool, Memory, Block->Request,
                      Block->Container};
  // A context made elsewhere: its maker may have registered the cleanup.
  if (const MemRegion *Request = m::requestOfModuleCtx(Memory))
    if (!unitCleansTimers(Ctx))
      return ArmedTimer{ArmedTimer::ModuleCtx, Memory, Request};
  return std::nullopt;
}

void TimerLifetimeChecker::noteRequestAllocation(const CallEvent &Call,
                                                 const m::Allocation &A,
                                                 CheckerContext &C) const {
  const Expr *Site = Call.getOriginExpr();
  if ((!A.returnsNewMemory() && A.Kind != m::AllocKind::Grow) || !Site ||
      m::isInsideModeledAllocator(Api, C.getLocationContext()))
    return;
  ProgramStateRef State = C.getState();
  m::PoolOrigin Pool =
      m::classifyPool(m::poolOfCall(Call, A.Pool, State), State);
  if (Pool.Kind != m::PoolKind::Request)
    return;
  RequestBlock Block{Pool.Request};
  if (A.Kind == m::AllocKind::Grow)
    Block.Container = m::pointeeSymbol(Call.getArgSVal(A.Pool.Arg));
  C.addTransition(State->set<PendingRequestAllocs>(Site, Block));
}

static ProgramStateRef holdCleanupData(const CallEvent &Call,
                                       ProgramStateRef State);

void TimerLifetimeChecker::recordRequestBlock(const CallEvent &Call,
                                              CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  if (Api.lookup(Call)->AddsCleanupTo)
    State = holdCleanupData(Call, State);
  const Expr *Site = Call.getOriginExpr();
  const RequestBlock *Pending =
      Site ? State->get<PendingRequestAllocs>(Site) : nullptr;
  if (!Pending) {
    if (State != C.getState())
      C.addTransition(State);
    return;
  }
  RequestBlock Allocated = *Pending;
  State = State->remove<PendingRequestAllocs>(Site);
  SymbolRef Block = Call.getReturnValue().getAsLocSymbol();
  if (!Block) {
    C.addTransition(State);
    return;
  }
  // The request is named when a report needs the note, from the node the
  // note is on: naming walks the store, and most blocks are never reported.
  TaggedNode At = makeTaggedNode();
  const MemRegion *Request = Allocated.Request;
  const NoteTag *Note = C.getNoteTag(
      [Block, Request, At, this](PathSensitiveBugReport &BR) -> std::string {
        if (&BR.getBugType() != &ArmedOnRequestMemory ||
            !BR.isInteresting(Block))
          return "";
        std::string Name = m::RegionNamer(*At).name(Request);
        std::string Pool = Name.empty()
                               ? "the request pool"
                               : "the request pool '" + Name + "->pool'";
        return "Memory of the event allocated from " + Pool +
               ", freed when the request ends";
      });
  addTransitionAt(C, State->set<RequestBlocks>(Block, Allocated), Note, At);
}

//===----------------------------------------------------------------------===//
// Calls
//===----------------------------------------------------------------------===//

void TimerLifetimeChecker::checkPreCall(const CallEvent &Call,
                                        CheckerContext &C) const {
  const m::ApiFunction *Row = Api.lookup(Call);
  if (!Row || !unitArmsTimers(C.getASTContext()))
    return;
  if (Row->Allocates) {
    noteRequestAllocation(Call, *Row->Allocates, C);
    return;
  }
  // Inside the inline body of ngx_event_add_timer (real headers), its own
  // ngx_del_timer of an armed event is part of arming it again.
  if (!Row->Event || m::isInsideModeledFunction(Api, C.getLocationContext()))
    return;
  if (*Row->Event == m::EventOp::ArmTimer)
    arm(Call, Row->EventArg, C);
  else
    disarm(Call, Row->EventArg, C);
}

void TimerLifetimeChecker::arm(const CallEvent &Call, unsigned Arg,
                               CheckerContext &C) const {
  const MemRegion *Event = eventRegion(Call, Arg);
  ProgramStateRef State = C.getState();
  if (!Event || State->get<ArmedTimers>(Event))
    return; // Armed again: the first arming is the one to report.
  std::optional<ArmedTimer> T = classify(Event, State, C.getASTContext());
  if (!T)
    return;
  T->ArmSite = Call.getOriginExpr();
  T->EventExpr = Call.getArgExpr(Arg);
  State = coverHeldTimers(State->set<ArmedTimers>(Event, *T));
  C.addTransition(State, armedNote(Event, *T, C));
}

const NoteTag *TimerLifetimeChecker::armedNote(const MemRegion *Event,
                                               const ArmedTimer &T,
                                               CheckerContext &C) const {
  std::string Name = eventName(T.EventExpr, C.getASTContext());
  std::string Msg = "Timer of '" + Name + "' armed here";
  if (T.Origin == ArmedTimer::ModuleCtx) {
    std::string Request =
        m::RegionNamer(C.getPredecessor()).nameOr(T.Request, "the request");
    Msg += "; the event is in the module context of request '" + Request +
           "', memory of its pool";
  }
  return C.getNoteTag([Event, Msg, this](PathSensitiveBugReport &BR) {
    if (&BR.getBugType() != &ArmedOnRequestMemory || !BR.isInteresting(Event))
      return std::string();
    return Msg;
  });
}

void TimerLifetimeChecker::disarm(const CallEvent &Call, unsigned Arg,
                                  CheckerContext &C) const {
  const MemRegion *Event = eventRegion(Call, Arg);
  ProgramStateRef State = C.getState();
  if (Event && State->get<ArmedTimers>(Event))
    C.addTransition(State->remove<ArmedTimers>(Event));
}

void TimerLifetimeChecker::checkPostCall(const CallEvent &Call,
                                         CheckerContext &C) const {
  if (C.wasInlined || !unitArmsTimers(C.getASTContext()))
    return; // Its body did what it did; its own calls were seen.
  const m::ApiFunction *Row = Api.lookup(Call);
  if (!Row) {
    handOverArguments(Call, C);
    return;
  }
  if (Row->Allocates || Row->AddsCleanupTo)
    recordRequestBlock(Call, C);
}

/// \p State with the data block of the cleanup record \p Call returned
/// (nginx.APIModeling gives one for a size > 0) held by a cleanup: what the
/// code stores there, the handler works on.
static ProgramStateRef holdCleanupData(const CallEvent &Call,
                                       ProgramStateRef State) {
  const MemRegion *Data =
      m::cleanupData(Call.getReturnValue(), State).getAsRegion();
  return Data ? State->add<CleanupHeld>(Data->getBaseRegion()) : State;
}

void TimerLifetimeChecker::handOverArguments(const CallEvent &Call,
                                             CheckerContext &C) const {
  // An event, or the object holding it, passed to a function the analyzer
  // cannot see into: that code may register the cleanup, or delete the
  // timer. Arguments of a variadic tail (logging) are only read. Calls made
  // inside the body of a function the table knows (ngx_rbtree_insert in the
  // inline ngx_event_add_timer) are what its row says.
  ProgramStateRef State = C.getState();
  if (State->get<ArmedTimers>().isEmpty() ||
      m::isInsideModeledFunction(Api, C.getLocationContext()))
    return;
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  unsigned Fixed = FD ? FD->getNumParams() : Call.getNumArgs();
  ProgramStateRef Next = State;
  for (unsigned I = 0; I < Call.getNumArgs() && I < Fixed; ++I)
    Next = forgetTimersIn(Next, Call.getArgSVal(I));
  if (Next != State)
    C.addTransition(Next);
}

//===----------------------------------------------------------------------===//
// Stores, returns, dead symbols
//===----------------------------------------------------------------------===//

void TimerLifetimeChecker::checkBind(SVal Loc, SVal Val, const Stmt *,
                                     CheckerContext &C) const {
  // `cln->data = ctx`: the cleanup's handler works on ctx; and on what is
  // stored into what a cleanup holds (`d = cln->data; d->ctx = ctx`).
  const MemRegion *Dest = Loc.getAsRegion();
  const MemRegion *Data = Val.getAsRegion();
  if (!Dest || !Data || !unitArmsTimers(C.getASTContext()))
    return;
  ProgramStateRef State = C.getState();
  if (!m::isCleanupDataField(Dest) &&
      !State->contains<CleanupHeld>(Dest->getBaseRegion()))
    return;
  State = State->add<CleanupHeld>(Data->getBaseRegion());
  C.addTransition(coverHeldTimers(State));
}

void TimerLifetimeChecker::checkPreStmt(const ReturnStmt *RS,
                                        CheckerContext &C) const {
  // Returned from the function analysed at the top: the caller has it, and
  // may register the cleanup.
  if (!unitArmsTimers(C.getASTContext()))
    return;
  handOverReturnedValue(RS, C, [this](ProgramStateRef State, SVal V) {
    return forgetTimersIn(State, V);
  });
}

void TimerLifetimeChecker::checkDeadSymbols(SymbolReaper &SR,
                                            CheckerContext &C) const {
  // Settle which cleanups hold armed events while the store still has what
  // their data points to.
  if (!unitArmsTimers(C.getASTContext()))
    return;
  ProgramStateRef State = C.getState();
  ProgramStateRef Next = coverHeldTimers(State);
  for (auto [Block, Allocated] : Next->get<RequestBlocks>())
    if (!SR.isLive(Block))
      Next = Next->remove<RequestBlocks>(Block);
  if (Next != State)
    C.addTransition(Next);
}

//===----------------------------------------------------------------------===//
// Reports
//===----------------------------------------------------------------------===//

void TimerLifetimeChecker::checkEndFunction(const ReturnStmt *,
                                            CheckerContext &C) const {
  if (!C.inTopFrame())
    return;
  ProgramStateRef State = C.getState();
  llvm::SmallVector<std::pair<const MemRegion *, ArmedTimer>, 2> Left;
  for (auto [Event, T] : State->get<ArmedTimers>())
    if (!T.Covered)
      Left.push_back({Event, T});
  if (Left.empty())
    return;
  static SimpleProgramPointTag Tag("nginx.TimerLifetime", "Timer left armed");
  ExplodedNode *N = C.generateNonFatalErrorNode(State, &Tag);
  if (!N)
    return;
  for (auto [Event, T] : Left)
    report(Event, T, N, C);
}

void TimerLifetimeChecker::report(const MemRegion *Event, const ArmedTimer &T,
                                  ExplodedNode *N, CheckerContext &C) const {
  std::string Name = eventName(T.EventExpr, C.getASTContext());
  std::string Request = m::RegionNamer(N).nameOr(T.Request, "r");
  std::string Pool = Request + "->pool";
  std::string Fn = "the function";
  if (const auto *FD = dyn_cast_or_null<NamedDecl>(C.getLocationContext()->getDecl()))
    Fn = "'" + FD->getNameAsString() + "'";
  std::string Msg =
      "Timer of '" + Name + "' is still armed when " + Fn +
      " returns, and no cleanup deletes it: the event lives in " +
      (T.Origin == ArmedTimer::ModuleCtx
           ? "the module context of request '" + Request + "'"
           : "memory of the request pool '" + Pool + "'") +
      ", and when the request ends first the timer fires on freed memory; "
      "register ngx_pool_cleanup_add(" +
      Pool +
      ", 0) with a handler that runs 'if (ev->timer_set) ngx_del_timer(ev)', "
      "or delete the timer on every path";
  auto R = std::make_unique<ArmedTimerReport>(ArmedOnRequestMemory, Msg, N,
                                              T.ArmSite);
  R->markInteresting(Event);
  R->markInteresting(T.Memory);
  Reports.add(std::move(R));
}

void TimerLifetimeChecker::printState(raw_ostream &Out, ProgramStateRef State,
                                      const char *NL, const char *Sep) const {
  auto Armed = State->get<ArmedTimers>();
  auto Blocks = State->get<RequestBlocks>();
  auto Held = State->get<CleanupHeld>();
  if (Armed.isEmpty() && Blocks.isEmpty() && Held.isEmpty())
    return;
  Out << Sep << "nginx.TimerLifetime:" << NL;
  for (auto [Event, T] : Armed)
    Out << "  armed " << Event << (T.Covered ? " (a cleanup holds it)" : "")
        << NL;
  for (auto [Block, Allocated] : Blocks)
    Out << "  request block " << Block << " of " << Allocated.Request << NL;
  for (const MemRegion *R : Held)
    Out << "  held by a cleanup: " << R << NL;
}

//===----------------------------------------------------------------------===//
// Documentation and registration
//===----------------------------------------------------------------------===//

static const llvm::StringLiteral TimerLifetimeTags[] = {
    "use-after-free", "timer", "nginx", "cleanup"};

const CheckerDoc ngx_pool_check::TimerLifetimeDoc = {
    "An ngx_event_t in request memory (a block of r->pool, the module "
    "context) has its timer armed with ngx_add_timer() and is still armed "
    "when the function returns, with no cleanup registered that deletes it. "
    "If the request ends before the timer fires, r->pool is destroyed with "
    "the event in it while the worker's timer tree still links it: the "
    "worker reads freed memory when the timer fires or when another timer "
    "is inserted, and crashes. Register a cleanup on r->pool whose handler "
    "runs 'if (ev->timer_set) ngx_del_timer(ev)', or delete the timer on "
    "every path.",
    // Bad
    "ctx = ngx_pcalloc(r->pool, sizeof(my_ctx_t));\n"
    "if (ctx == NULL) {\n"
    "    return NGX_HTTP_INTERNAL_SERVER_ERROR;\n"
    "}\n"
    "\n"
    "ctx->ev.handler = my_timeout;\n"
    "ctx->ev.data = r;\n"
    "ctx->ev.log = r->connection->log;\n"
    "ngx_add_timer(&ctx->ev, 5000);      /* nothing deletes it */\n",
    // Good
    "static void my_cleanup(void *data) {\n"
    "    my_ctx_t *ctx = data;\n"
    "    if (ctx->ev.timer_set) {\n"
    "        ngx_del_timer(&ctx->ev);\n"
    "    }\n"
    "}\n"
    "...\n"
    "cln = ngx_pool_cleanup_add(r->pool, 0);\n"
    "if (cln == NULL) {\n"
    "    return NGX_HTTP_INTERNAL_SERVER_ERROR;\n"
    "}\n"
    "cln->handler = my_cleanup;\n"
    "cln->data = ctx;\n"
    "ngx_add_timer(&ctx->ev, 5000);\n",
    TimerLifetimeTags,
    "high",
    "warning",
};

void ngx_pool_check::registerTimerLifetimeChecker(CheckerManager &Mgr) {
  Mgr.registerChecker<TimerLifetimeChecker>();
}

bool ngx_pool_check::shouldRegisterTimerLifetimeChecker(
    const CheckerManager &) {
  return true;
}
