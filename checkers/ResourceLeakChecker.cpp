//===- ResourceLeakChecker.cpp - Descriptors no cleanup will release ------===//
//
// nginx.ResourceLeak: descriptors and other handles that are neither closed
// nor handed to a pool cleanup, closed twice, or used after being closed.
//
// Why it matters: destroying a pool frees its memory and nothing else. A
// descriptor opened while handling a request, and neither closed on every
// path nor registered with ngx_pool_cleanup_add(), leaks once per request
// until the worker reaches its descriptor limit and accept() fails with
// "Too many open files". The nginx idiom is to register the cleanup right
// after acquiring the resource, and to release the resource by hand if
// registering fails.
//
// How it works (in the manner of clang's StreamChecker and
// FuchsiaHandleChecker):
//   - acquiring calls (open, socket, accept, dup, pipe, ..., nginx's wrappers,
//     and functions a module author declares with ngx_pool_check.h's
//     annotations or the ConfigFile option) split the state on their result:
//     the failure value (-1, NULL) acquires nothing; on success the result's
//     symbol is tracked as open;
//   - close() and friends release it; a second release, or a use after it
//     (read, write, ...), is reported;
//   - a resource stored into memory that outlives the function (a module's
//     configuration, the connection, the request) or passed to a function
//     the analyzer cannot see into has an owner now, and is no longer
//     tracked; so has a socket given to ngx_get_connection() that succeeded;
//   - a resource stored into memory allocated on this path (a cleanup
//     record's data, a context from the pool) stays tracked. When its symbol
//     dies, it is covered if it is reachable from the data of a
//     ngx_pool_cleanup_add() record whose handler is set; if the handler is
//     never set the cleanup releases nothing, and that is reported; if no
//     cleanup reaches it, it leaked;
//   - in the child of fork(), a resource left open belongs to the program
//     the child execs (exec is modeled to return only on failure) or goes
//     with exit(): it is reported only if the child returns from the
//     analysed function and goes on as this process (a daemon).
//
// A resource's status (TrackedResources):
//
//   acquiring call succeeds
//        |
//        v                 release
//     [Open] -------------------------------------> [Released]
//      |  |  stored where it outlives the function,    |  release again,
//      |  |  passed to unseen code, returned, taken    |  or a use:
//      |  |  by ngx_get_connection()                   |  reported
//      |  +-----------------------------------> [Owned]
//      |   held by a cleanup record's data when the record goes away:
//      +----- handler set ----> [Covered]
//      +----- handler NULL ---> [Uncovered]
//
//   dies while Open, no cleanup with a handler reaching it -> reported: leak
//   dies while Uncovered -> reported: cleanup without a handler
//   dies Open or Uncovered in a forked child -> kept in OpenInChild, reported
//     if the child returns from the analysed function
//
//===----------------------------------------------------------------------===//

#include "Checkers.h"
#include "NginxModel.h"
#include "PathHelpers.h"
#include "Registration.h"

#include "clang/AST/ParentMap.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugType.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerHelpers.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace clang;
using namespace clang::ento;
using namespace ngx_pool_check;
namespace m = ngx_pool_check::model;

namespace {

/// A tracked resource.
struct Resource {
  enum Status {
    Open,      ///< Ours to release.
    Released,  ///< Released on this path.
    Owned,     ///< Handed to an owner outside the function.
    Covered,   ///< Held by a pool cleanup whose handler is set.
    Uncovered, ///< Held by a pool cleanup whose handler was never set.
  };
  Status St;
  /// The call that acquired it (its table entry).
  const m::ResourceEffect *Acquirer;
  /// For Uncovered: the cleanup record that holds it.
  SymbolRef Cleanup = nullptr;
  /// For Covered: the cleanup releases it whatever happens (nginx's own
  /// cleanups, ngx_pool_cleanup_file): releasing it by hand is a second
  /// release, unless through the cleanup (ngx_pool_run_cleanup_file).
  bool CleanupReleases = false;

  Resource with(Status S, SymbolRef Cln = nullptr) const {
    return {S, Acquirer, Cln, false};
  }
  Resource coveredBy(bool Releases) const {
    return {Covered, Acquirer, nullptr, Releases};
  }
  bool operator==(const Resource &O) const {
    return St == O.St && Acquirer == O.Acquirer && Cleanup == O.Cleanup &&
           CleanupReleases == O.CleanupReleases;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddInteger(St);
    ID.AddPointer(Acquirer);
    ID.AddPointer(Cleanup);
    ID.AddBoolean(CleanupReleases);
  }
};

/// A cleanup record from ngx_pool_cleanup_add() on this path. What it
/// points to and whether its handler is set are kept here rather than read
/// from the store, because the record's own symbol often dies (the `cln`
/// variable is last used to read `cln->data`) before what its data holds.
struct Cleanup {
  const MemRegion *Data; ///< The object cln->data points to; null for NULL.
  bool HandlerSet;       ///< cln->handler holds a non-NULL value.
  /// The handler is one the table knows to release the descriptor its data
  /// holds (ngx_pool_cleanup_file), whatever else happens.
  bool HandlerReleases = false;

  bool operator==(const Cleanup &O) const {
    return Data == O.Data && HandlerSet == O.HandlerSet &&
           HandlerReleases == O.HandlerReleases;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddPointer(Data);
    ID.AddBoolean(HandlerSet);
    ID.AddBoolean(HandlerReleases);
  }
};

/// A resource that leaked, found when its symbol died.
struct LeakFinding {
  SymbolRef Sym;
  Resource R;
  /// Set when a cleanup whose handler is never set holds it.
  SymbolRef Cleanup;
};

} // namespace

// Resources acquired on this path, by their symbol.
REGISTER_MAP_WITH_PROGRAMSTATE(TrackedResources, SymbolRef, Resource)
// Cleanup records returned by ngx_pool_cleanup_add() on this path.
REGISTER_MAP_WITH_PROGRAMSTATE(CleanupRecords, SymbolRef, Cleanup)
// What fork() returned on this path: 0 in the child.
REGISTER_SET_WITH_PROGRAMSTATE(ForkResults, SymbolRef)
// Resources that died open in a forked child: reported only if the child
// returns from the analysed function (a daemon's child goes on as the
// process); a child that execs another program or exits leaves them to that.
REGISTER_MAP_WITH_PROGRAMSTATE(OpenInChild, SymbolRef, Resource)

namespace {

class ResourceLeakChecker
    : public Checker<check::PreCall, check::PostCall, check::Bind,
                     check::PreStmt<ReturnStmt>, check::PointerEscape,
                     check::LiveSymbols, check::DeadSymbols,
                     check::EndFunction, check::EndAnalysis> {
  // Leaks on paths that end the program are dropped by DeferredLeakReports,
  // not by the bug reporter (SuppressOnSink).
  const BugType Leak{this, "Resource leak", category::NginxResource};
  const BugType CleanupWithoutHandler{this, "Pool cleanup without a handler",
                                      category::NginxResource};
  mutable DeferredLeakReports Leaks;
  const BugType DoubleRelease{this, "Resource released twice",
                              category::NginxResource};
  const BugType UseAfterRelease{this, "Use of a released resource",
                                category::NginxResource};

public:
  m::ApiTable Api;

  void checkPreCall(const CallEvent &Call, CheckerContext &C) const;
  void checkPostCall(const CallEvent &Call, CheckerContext &C) const;
  void checkBind(SVal Loc, SVal Val, const Stmt *S, CheckerContext &C) const;
  void checkPreStmt(const ReturnStmt *RS, CheckerContext &C) const;
  ProgramStateRef checkPointerEscape(ProgramStateRef State,
                                     const InvalidatedSymbols &Escaped,
                                     const CallEvent *Call,
                                     PointerEscapeKind Kind) const;
  void checkLiveSymbols(ProgramStateRef State, SymbolReaper &SR) const;
  void checkDeadSymbols(SymbolReaper &SR, CheckerContext &C) const;
  void checkEndFunction(const ReturnStmt *RS, CheckerContext &C) const;
  void checkEndAnalysis(ExplodedGraph &G, BugReporter &BR,
                        ExprEngine &Eng) const {
    Leaks.flush(BR);
  }
  void printState(raw_ostream &Out, ProgramStateRef State, const char *NL,
                  const char *Sep) const override;

private:
  void acquire(const CallEvent &Call, const m::ApiFunction &Row,
               const m::ResourceEffect &F, CheckerContext &C) const;
  void transfer(const CallEvent &Call, const m::ResourceEffect &F,
                CheckerContext &C) const;
  void release(const CallEvent &Call, const m::ResourceEffect &F,
               CheckerContext &C) const;
  void use(const CallEvent &Call, const m::ResourceEffect &F,
           CheckerContext &C) const;
  void recordCleanup(const CallEvent &Call, CheckerContext &C) const;
  void ownArgumentsOfOpaqueCall(const CallEvent &Call, CheckerContext &C) const;

  const NoteTag *notTakenNote(const m::ApiFunction &Row, const CallEvent &Call,
                              CheckerContext &C) const;
  const NoteTag *handedToCleanupNote(const MemRegion *Dest, SVal Val,
                                     CheckerContext &C) const;
  const NoteTag *acquiredNote(llvm::ArrayRef<SymbolRef> Syms,
                              const m::ResourceEffect &F,
                              const CallEvent &Call, CheckerContext &C) const;
  bool isOurs(const BugType &BT) const {
    return &BT == &Leak || &BT == &CleanupWithoutHandler ||
           &BT == &DoubleRelease || &BT == &UseAfterRelease;
  }

  void reportReleasedUnderCleanup(SymbolRef Sym, const Resource &R,
                                  const CallEvent &Call,
                                  CheckerContext &C) const;
  void reportReleased(const BugType &BT, SymbolRef Sym, const Resource &R,
                      const CallEvent &Call, CheckerContext &C) const;
  void reportLeak(const LeakFinding &F, ExplodedNode *N,
                  CheckerContext &C) const;
};

} // namespace

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// The symbol of a resource value: the descriptor's own symbol, or the
/// symbol a handle points to.
static SymbolRef resourceSymbol(SVal V) { return m::pointeeSymbol(V); }

/// The value of the call's result that means success, as a constraint.
/// \p State with the call's result constrained to say that it succeeded, or
/// that it failed; null when that cannot be. A call returning a descriptor
/// fails with exactly -1, as the C library and nginx's wrappers do
/// (NGX_INVALID_FILE, (ngx_socket_t) -1).
static ProgramStateRef assumeSuccess(ProgramStateRef State,
                                     const CallEvent &Call, m::SuccessWhen W,
                                     bool Succeeded, CheckerContext &C) {
  if (W == m::SuccessWhen::ByReturnType)
    W = m::successOfReturnType(Call.getResultType());
  std::optional<DefinedSVal> Ret = Call.getReturnValue().getAs<DefinedSVal>();
  if (W == m::SuccessWhen::Always || !Ret)
    return Succeeded ? State : nullptr;

  SValBuilder &SVB = C.getSValBuilder();
  QualType T = Call.getResultType();
  auto Holds = [&](ProgramStateRef S, BinaryOperatorKind Op,
                   SVal Rhs) -> ProgramStateRef {
    std::optional<DefinedSVal> Cond =
        SVB.evalBinOp(S, Op, *Ret, Rhs, SVB.getConditionType())
            .getAs<DefinedSVal>();
    return Cond ? S->assume(*Cond, true) : S;
  };
  switch (W) {
  case m::SuccessWhen::NonNull:
    return State->assume(*Ret, Succeeded);
  case m::SuccessWhen::NonNegative:
    return Succeeded ? Holds(State, BO_GE, SVB.makeZeroVal(T))
                     : Holds(State, BO_EQ, SVB.makeIntVal(-1, T));
  case m::SuccessWhen::Zero:
    return Holds(State, Succeeded ? BO_EQ : BO_NE, SVB.makeZeroVal(T));
  default:
    return Succeeded ? State : nullptr;
  }
}

/// \p State where the resource \p Sym is a valid one: a descriptor >= 0, a
/// handle not NULL.
static ProgramStateRef assumeValid(ProgramStateRef State, SymbolRef Sym,
                                   CheckerContext &C) {
  SValBuilder &SVB = C.getSValBuilder();
  QualType T = Sym->getType();
  if (T->isPointerType())
    return State->assume(
        loc::MemRegionVal(SVB.getRegionManager().getSymbolicRegion(Sym)), true);
  if (!T->isIntegralOrEnumerationType())
    return State;
  std::optional<DefinedSVal> Cond =
      SVB.evalBinOp(State, BO_GE, SVB.makeSymbolVal(Sym), SVB.makeZeroVal(T),
                    SVB.getConditionType())
          .getAs<DefinedSVal>();
  return Cond ? State->assume(*Cond, true) : State;
}

/// The resource symbol stored at \p Location, read as a \p Ty.
static SymbolRef valueAt(ProgramStateRef State, SVal Location, QualType Ty) {
  std::optional<Loc> L = Location.getAs<Loc>();
  return L ? resourceSymbol(State->getSVal(*L, Ty)) : nullptr;
}

/// Elements [0, Count) of the array argument \p Arg (pipe(fds)).
static llvm::SmallVector<SymbolRef, 2>
outArrayElements(const CallEvent &Call, unsigned Arg, unsigned Count,
                 ProgramStateRef State, CheckerContext &C) {
  llvm::SmallVector<SymbolRef, 2> Syms;
  const MemRegion *Array = Call.getArgSVal(Arg).getAsRegion();
  QualType Ty = Call.getArgExpr(Arg)->IgnoreImpCasts()->getType();
  QualType Elem = Ty->isArrayType()
                      ? Ty->castAsArrayTypeUnsafe()->getElementType()
                      : Ty->getPointeeType();
  if (!Array || Elem.isNull())
    return Syms;
  SValBuilder &SVB = C.getSValBuilder();
  MemRegionManager &MRM = SVB.getRegionManager();
  const MemRegion *Base = Array->StripCasts();
  if (const auto *ER = dyn_cast<ElementRegion>(Array))
    Base = ER->getSuperRegion();
  for (unsigned I = 0; I < Count; ++I) {
    const ElementRegion *E = MRM.getElementRegion(
        Elem, SVB.makeArrayIndex(I), cast<SubRegion>(Base), C.getASTContext());
    if (SymbolRef S = valueAt(State, loc::MemRegionVal(E), Elem))
      Syms.push_back(S);
  }
  return Syms;
}

/// The symbols an acquiring call put its resources in, in \p State (the
/// state after the call).
static llvm::SmallVector<SymbolRef, 2>
acquiredSymbols(const CallEvent &Call, const m::ResourceEffect &F,
                ProgramStateRef State, CheckerContext &C) {
  llvm::SmallVector<SymbolRef, 2> Syms;
  SymbolRef One = nullptr;
  switch (F.Place) {
  case m::ResultPlace::Return:
    One = resourceSymbol(Call.getReturnValue());
    break;
  case m::ResultPlace::OutValue: {
    QualType Ty = Call.getArgExpr(F.Arg)->getType();
    if (Ty->isPointerType())
      One = valueAt(State, Call.getArgSVal(F.Arg), Ty->getPointeeType());
    break;
  }
  case m::ResultPlace::OutArray:
    return outArrayElements(Call, F.Arg, F.Count, State, C);
  case m::ResultPlace::OutField: {
    QualType Ty = Call.getArgExpr(F.Arg)->getType();
    if (const FieldDecl *FD = m::fieldOf(Ty, F.Field))
      One = valueAt(State, State->getLValue(FD, Call.getArgSVal(F.Arg)),
                    FD->getType());
    break;
  }
  }
  if (One)
    Syms.push_back(One);
  return Syms;
}

/// True for fcntl(fd, F_DUPFD, ...) and fcntl(fd, F_DUPFD_CLOEXEC, ...).
static bool isDupCommand(const CallEvent &Call, const m::ResourceEffect &F,
                         CheckerContext &C) {
  std::optional<nonloc::ConcreteInt> Cmd =
      Call.getArgSVal(F.CmdArg).getAs<nonloc::ConcreteInt>();
  if (!Cmd)
    return false;
  const Preprocessor &PP = C.getPreprocessor();
  // Linux's values, when the macros are not visible in this translation unit.
  int DupFd = tryExpandAsInteger("F_DUPFD", PP).value_or(0);
  int DupFdCloexec = tryExpandAsInteger("F_DUPFD_CLOEXEC", PP).value_or(1030);
  int64_t V = Cmd->getValue().getExtValue();
  return V == DupFd || V == DupFdCloexec;
}

/// Whether \p State tracks \p Sym as open.
static bool isOpen(ProgramStateRef State, SymbolRef Sym) {
  const Resource *R = Sym ? State->get<TrackedResources>(Sym) : nullptr;
  return R && R->St == Resource::Open;
}

/// The tracked resources reachable from \p V in \p State: through the store
/// from the value, including those read out of memory a call invalidated
/// (derived from the symbol the memory got, which the scan reaches).
static llvm::SmallVector<SymbolRef, 2> trackedReachable(ProgramStateRef State,
                                                        SVal V) {
  llvm::SmallVector<SymbolRef, 8> Tracked;
  for (auto [Sym, R] : State->get<TrackedResources>())
    Tracked.push_back(Sym);
  return trackedReachableFrom(State, V, Tracked);
}

/// Mark every open resource reachable from \p V as owned elsewhere.
static ProgramStateRef giveToOwner(ProgramStateRef State, SVal V) {
  for (SymbolRef S : trackedReachable(State, V))
    if (isOpen(State, S))
      State = State->set<TrackedResources>(
          S, State->get<TrackedResources>(S)->with(Resource::Owned));
  return State;
}

/// The cleanup record whose data reaches \p Sym, if any; \p HandlerSet says
/// whether that record's handler is set on this path.
static SymbolRef findCleanupHolding(ProgramStateRef State, SymbolRef Sym,
                                    bool &HandlerSet) {
  SymbolRef Holding = nullptr;
  HandlerSet = false;
  for (auto [Record, Cln] : State->get<CleanupRecords>()) {
    if (!Cln.Data ||
        !llvm::is_contained(
            trackedReachable(State, loc::MemRegionVal(Cln.Data)), Sym))
      continue;
    if (Cln.HandlerSet) {
      HandlerSet = true;
      return Record;
    }
    Holding = Record; // Keep looking for one whose handler is set.
  }
  return Holding;
}

/// The object a cleanup's data pointer points to (its base region).
static const MemRegion *dataObject(SVal Data) {
  const MemRegion *R = Data.getAsRegion();
  return R ? R->getBaseRegion() : nullptr;
}

/// If \p Dest is a field of a cleanup record (`cln->handler`, `cln->data`),
/// the record's symbol and the field.
static std::pair<SymbolRef, llvm::StringRef>
cleanupFieldOf(const MemRegion *Dest, ProgramStateRef State) {
  const auto *FR = dyn_cast<FieldRegion>(Dest);
  if (!FR)
    return {};
  const SymbolicRegion *Base = FR->getSymbolicBase();
  if (!Base || !State->get<CleanupRecords>(Base->getSymbol()))
    return {};
  if (m::isField(FR, m::CleanupHandler) || m::isField(FR, m::CleanupData))
    return {Base->getSymbol(), FR->getDecl()->getName()};
  return {};
}

/// "'fd' " when a variable holds \p Sym near \p N, else "".
static std::string quotedHolder(SymbolRef Sym, const ExplodedNode *N) {
  std::string Name = m::RegionNamer(N).holderOf(Sym);
  return Name.empty() ? std::string() : "'" + Name + "' ";
}

/// "'ctx->fd' " when the statement of \p Acquired (the acquiring call)
/// stores its result straight into a field, else "".
static std::string quotedStoreTarget(const ExplodedNode *Acquired) {
  const Stmt *S = Acquired ? Acquired->getStmtForDiagnostics() : nullptr;
  if (!S)
    return {};
  const ParentMap &PM = Acquired->getLocationContext()->getParentMap();
  const auto *Assign =
      dyn_cast_or_null<BinaryOperator>(PM.getParentIgnoreParenCasts(S));
  if (!Assign || Assign->getOpcode() != BO_Assign ||
      Assign->getRHS()->IgnoreParenCasts() != S)
    return {};
  const Expr *Target = Assign->getLHS()->IgnoreParenImpCasts();
  if (!isa<MemberExpr>(Target))
    return {};
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  const LangOptions &LO = Acquired->getLocationContext()
                              ->getAnalysisDeclContext()
                              ->getASTContext()
                              .getLangOpts();
  Target->printPretty(OS, nullptr, PrintingPolicy(LO));
  return "'" + OS.str() + "' ";
}

//===----------------------------------------------------------------------===//
// Calls
//===----------------------------------------------------------------------===//

void ResourceLeakChecker::checkPreCall(const CallEvent &Call,
                                       CheckerContext &C) const {
  const m::ApiFunction *Row = Api.lookup(Call);
  if (!Row)
    return;
  for (const m::ResourceEffect &E : Row->Resources) {
    if (E.Role == m::ResourceRole::Release)
      release(Call, E, C);
    else if (E.Role == m::ResourceRole::Use)
      use(Call, E, C);
  }
}

void ResourceLeakChecker::checkPostCall(const CallEvent &Call,
                                        CheckerContext &C) const {
  const m::ApiFunction *Row = Api.lookup(Call);
  if (!Row) {
    ownArgumentsOfOpaqueCall(Call, C);
    return;
  }
  if (Row->Forks) {
    if (SymbolRef Pid = Call.getReturnValue().getAsSymbol())
      C.addTransition(C.getState()->add<ForkResults>(Pid));
    return;
  }
  if (Row->AddsCleanupTo) {
    recordCleanup(Call, C);
    return;
  }
  for (const m::ResourceEffect *E : Row->resources(m::ResourceRole::Acquire))
    if (E->CmdArg < 0 || isDupCommand(Call, *E, C)) {
      acquire(Call, *Row, *E, C);
      return;
    }
  for (const m::ResourceEffect *E : Row->resources(m::ResourceRole::Transfer)) {
    transfer(Call, *E, C);
    return;
  }
}

/// The region an out-place acquisition stores into: the array, the pointed-to
/// value or struct; null for results returned.
static const MemRegion *outPlace(const CallEvent &Call,
                                 const m::ResourceEffect &F) {
  if (F.Place == m::ResultPlace::Return || F.Arg >= Call.getNumArgs())
    return nullptr;
  return Call.getArgSVal(F.Arg).getAsRegion();
}

void ResourceLeakChecker::acquire(const CallEvent &Call,
                                  const m::ApiFunction &Row,
                                  const m::ResourceEffect &F,
                                  CheckerContext &C) const {
  if (C.wasInlined)
    return; // The body did whatever it did; its own calls were seen.
  ProgramStateRef State = C.getState();
  ProgramStateRef Failed = assumeSuccess(State, Call, F.Success, false, C);
  ProgramStateRef Succeeded = assumeSuccess(State, Call, F.Success, true, C);

  if (Succeeded) {
    // Put straight into memory that outlives the function (pipe(p->fds)
    // with p from elsewhere), it has an owner there, as if stored.
    const MemRegion *Out = outPlace(Call, F);
    Resource Acquired{Out && !m::isStackMemory(Out) &&
                              !m::isFreshMemory(Api, Out)
                          ? Resource::Owned
                          : Resource::Open,
                      &F};
    // nginx registered a cleanup that releases it (ngx_open_cached_file).
    if (F.HeldByCleanupOfArg)
      Acquired = Acquired.coveredBy(/*Releases=*/true);
    llvm::SmallVector<SymbolRef, 2> Syms =
        acquiredSymbols(Call, F, Succeeded, C);
    for (SymbolRef Sym : Syms) {
      // What a successful call hands out is valid: a descriptor is not -1,
      // a handle not NULL (pipe(fds) says so for fds[0] and fds[1]).
      Succeeded = assumeValid(Succeeded, Sym, C);
      if (!Succeeded)
        return;
      Succeeded = Succeeded->set<TrackedResources>(Sym, Acquired);
    }
    // What the new resource takes over (fdopen's descriptor) is its now.
    for (const m::ResourceEffect *T :
         Row.resources(m::ResourceRole::Transfer))
      Succeeded = giveToOwner(Succeeded, Call.getArgSVal(T->Arg));
    C.addTransition(Succeeded, acquiredNote(Syms, F, Call, C));
  }
  // The failure value acquires nothing, and takes nothing over.
  if (Failed)
    C.addTransition(Failed, notTakenNote(Row, Call, C));
}

const NoteTag *ResourceLeakChecker::notTakenNote(const m::ApiFunction &Row,
                                                 const CallEvent &Call,
                                                 CheckerContext &C) const {
  llvm::SmallVector<SymbolRef, 1> Kept;
  for (const m::ResourceEffect *T : Row.resources(m::ResourceRole::Transfer))
    if (SymbolRef Sym = resourceSymbol(Call.getArgSVal(T->Arg)))
      if (isOpen(C.getState(), Sym))
        Kept.push_back(Sym);
  if (Kept.empty())
    return nullptr;
  std::string Fn = m::calleeName(Call);
  return C.getNoteTag([Kept, Fn, this](PathSensitiveBugReport &BR) {
    if (!isOurs(BR.getBugType()) ||
        llvm::none_of(Kept, [&BR](SymbolRef S) { return BR.isInteresting(S); }))
      return std::string();
    return "'" + Fn + "' fails and does not take the descriptor: it is still "
                      "the caller's to close";
  });
}

const NoteTag *ResourceLeakChecker::acquiredNote(
    llvm::ArrayRef<SymbolRef> Acquired, const m::ResourceEffect &F,
    const CallEvent &Call, CheckerContext &C) const {
  llvm::SmallVector<SymbolRef, 2> Syms(Acquired.begin(), Acquired.end());
  std::string Fn = m::calleeName(Call, F.Function);
  std::string What = m::resourceNoun(F.Kind).str() + " " +
                     m::resourceAcquiredWord(F.Kind).str() + " by '" + Fn +
                     "'";
  if (F.HeldByCleanupOfArg)
    What += ", held by a cleanup of its pool";
  return C.getNoteTag([Syms, What, this](PathSensitiveBugReport &BR) {
    if (!isOurs(BR.getBugType()) ||
        llvm::none_of(Syms, [&BR](SymbolRef S) { return BR.isInteresting(S); }))
      return std::string();
    return What;
  });
}

void ResourceLeakChecker::transfer(const CallEvent &Call,
                                   const m::ResourceEffect &F,
                                   CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  SymbolRef Sym = resourceSymbol(Call.getArgSVal(F.Arg));
  if (!isOpen(State, Sym))
    return;
  // ngx_get_connection(s, log) owns s when it returns a connection; when it
  // fails, the caller still has to close s.
  ProgramStateRef Owned =
      State->assume(Call.getReturnValue().castAs<DefinedOrUnknownSVal>(), true);
  ProgramStateRef NotOwned = State->assume(
      Call.getReturnValue().castAs<DefinedOrUnknownSVal>(), false);
  if (Owned)
    C.addTransition(Owned->set<TrackedResources>(
        Sym, State->get<TrackedResources>(Sym)->with(Resource::Owned)));
  if (NotOwned)
    C.addTransition(NotOwned);
}

/// The resource a release or use effect works on: the argument, or its
/// field (ngx_read_file(file, ...) uses file->fd).
static SymbolRef operandOf(const CallEvent &Call, const m::ResourceEffect &F,
                           ProgramStateRef State) {
  if (F.Arg >= Call.getNumArgs())
    return nullptr;
  SVal Arg = Call.getArgSVal(F.Arg);
  if (F.Field.empty())
    return resourceSymbol(Arg);
  QualType Ty = Call.getArgExpr(F.Arg)->getType();
  std::optional<Loc> L = m::fieldLocation(Arg, Ty, F.Field, State);
  return L ? resourceSymbol(State->getSVal(*L)) : nullptr;
}

/// True when a pool cleanup will release \p Sym whatever happens: nginx's
/// own (Covered from the start), or a record on this path whose handler the
/// table knows to release what its data holds.
static bool cleanupWillRelease(ProgramStateRef State, SymbolRef Sym,
                               const Resource &R) {
  if (R.St == Resource::Covered)
    return R.CleanupReleases;
  if (R.St != Resource::Open)
    return false;
  for (auto [Record, Cln] : State->get<CleanupRecords>())
    if (Cln.Data && Cln.HandlerReleases &&
        llvm::is_contained(trackedReachable(State, loc::MemRegionVal(Cln.Data)),
                           Sym))
      return true;
  return false;
}

void ResourceLeakChecker::release(const CallEvent &Call,
                                  const m::ResourceEffect &F,
                                  CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  SymbolRef Sym = operandOf(Call, F, State);
  const Resource *R = Sym ? State->get<TrackedResources>(Sym) : nullptr;
  if (!R || R->Acquirer->Family != F.Family)
    return;
  if (R->St == Resource::Released) {
    reportReleased(DoubleRelease, Sym, *R, Call, C);
    return;
  }
  bool ByCleanup = cleanupWillRelease(State, Sym, *R);
  if (F.RunsPoolCleanup && !ByCleanup)
    return; // No cleanup of that pool releases it: nothing happens.
  if (ByCleanup && !F.RunsPoolCleanup) {
    reportReleasedUnderCleanup(Sym, *R, Call, C);
    return;
  }
  std::string Noun = m::resourceNoun(R->Acquirer->Kind).str();
  std::string Closed = m::resourceReleasedWord(R->Acquirer->Kind).str();
  const NoteTag *Note =
      C.getNoteTag([Sym, Noun, Closed, this](PathSensitiveBugReport &BR) {
        if (!isOurs(BR.getBugType()) || !BR.isInteresting(Sym))
          return std::string();
        return Noun + " " + Closed + " here";
      });
  C.addTransition(
      State->set<TrackedResources>(Sym, R->with(Resource::Released)), Note);
}

void ResourceLeakChecker::use(const CallEvent &Call,
                              const m::ResourceEffect &F,
                              CheckerContext &C) const {
  SymbolRef Sym = operandOf(Call, F, C.getState());
  const Resource *R = Sym ? C.getState()->get<TrackedResources>(Sym) : nullptr;
  if (R && R->St == Resource::Released && R->Acquirer->Family == F.Family)
    reportReleased(UseAfterRelease, Sym, *R, Call, C);
}

void ResourceLeakChecker::recordCleanup(const CallEvent &Call,
                                        CheckerContext &C) const {
  SVal RecordVal = Call.getReturnValue();
  SymbolRef Record = RecordVal.getAsLocSymbol();
  if (!Record)
    return;
  ProgramStateRef State = C.getState();
  // nginx.APIModeling has set handler to NULL and data to a new block (or
  // NULL for size 0).
  const MemRegion *Data = dataObject(m::cleanupData(RecordVal, State));
  const NoteTag *Note = C.getNoteTag([Record,
                                      this](PathSensitiveBugReport &BR) {
    if (&BR.getBugType() != &CleanupWithoutHandler || !BR.isInteresting(Record))
      return std::string();
    return std::string("Pool cleanup added here; its handler is NULL "
                       "until it is set");
  });
  C.addTransition(State->set<CleanupRecords>(Record, Cleanup{Data, false}),
                  Note);
}

void ResourceLeakChecker::ownArgumentsOfOpaqueCall(const CallEvent &Call,
                                                   CheckerContext &C) const {
  // A descriptor passed by value to a function the analyzer cannot see into
  // may be kept there (pointer escapes cover handles). Arguments of a
  // variadic tail (logging) are not kept. Calls made inside the body of a
  // function the table knows (glibc's inline read() calling __read_chk
  // under -D_FORTIFY_SOURCE) are what its row says, and keep nothing.
  if (C.wasInlined || m::isInsideModeledFunction(Api, C.getLocationContext()))
    return;
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  unsigned Fixed = FD ? FD->getNumParams() : Call.getNumArgs();
  ProgramStateRef State = C.getState();
  for (unsigned I = 0; I < Call.getNumArgs() && I < Fixed; ++I) {
    SymbolRef Sym = Call.getArgSVal(I).getAsSymbol();
    if (isOpen(State, Sym))
      State = State->set<TrackedResources>(
          Sym, State->get<TrackedResources>(Sym)->with(Resource::Owned));
  }
  C.addTransition(State);
}

//===----------------------------------------------------------------------===//
// Stores, returns and escapes
//===----------------------------------------------------------------------===//

void ResourceLeakChecker::checkBind(SVal Loc, SVal Val, const Stmt *S,
                                    CheckerContext &C) const {
  const MemRegion *Dest = Loc.getAsRegion();
  if (!Dest)
    return;
  ProgramStateRef State = C.getState();

  // `cln->handler = h` and `cln->data = ctx` change what a cleanup does.
  auto [Record, Field] = cleanupFieldOf(Dest, State);
  if (Record) {
    Cleanup Cln = *State->get<CleanupRecords>(Record);
    if (Field == m::CleanupHandler.Field) {
      std::optional<DefinedSVal> H = Val.getAs<DefinedSVal>();
      Cln.HandlerSet = !H || !State->isNull(*H).isConstrainedTrue();
      const m::ApiFunction *Handler = Api.lookupFunction(
          dyn_cast_or_null<FunctionDecl>(Val.getAsFunctionDecl()));
      Cln.HandlerReleases = Handler && Handler->CleanupReleasesDataField;
    } else {
      Cln.Data = dataObject(Val);
    }
    C.addTransition(State->set<CleanupRecords>(Record, Cln));
    return;
  }

  if (State->get<TrackedResources>().isEmpty())
    return; // Nothing followed can be stored.

  // Stored into memory that outlives the function: its owner now. Stored
  // into a local, or into memory allocated on this path (a cleanup record's
  // data, a context) that nothing outside links to yet, it is still ours to
  // follow; so is one lent to a library's struct (a zlib stream's next_in),
  // which takes nothing.
  if (m::isStackMemory(Dest) || m::isLibraryStructField(Dest) ||
      (m::isFreshMemory(Api, Dest) &&
       !(isOpen(State, resourceSymbol(Val)) &&
         m::isLinkedFromOutside(State, Dest)))) {
    if (const NoteTag *Note = handedToCleanupNote(Dest, Val, C))
      C.addTransition(State, Note);
    return;
  }
  ProgramStateRef Next = giveToOwner(State, Val);
  if (Next != State)
    C.addTransition(Next);
}

const NoteTag *ResourceLeakChecker::handedToCleanupNote(const MemRegion *Dest,
                                                        SVal Val,
                                                        CheckerContext &C) const {
  // A resource stored into the data of a cleanup record: where the pool
  // takes it over (or would, once the handler is set).
  SymbolRef Sym = resourceSymbol(Val);
  if (!isOpen(C.getState(), Sym))
    return nullptr;
  const MemRegion *Base = Dest->getBaseRegion();
  for (auto [Record, Cln] : C.getState()->get<CleanupRecords>()) {
    if (Cln.Data != Base)
      continue;
    return C.getNoteTag([Sym, this](PathSensitiveBugReport &BR) {
      if (!isOurs(BR.getBugType()) || !BR.isInteresting(Sym))
        return std::string();
      return std::string("Handed to the data of the pool cleanup here");
    });
  }
  return nullptr;
}

void ResourceLeakChecker::checkPreStmt(const ReturnStmt *RS,
                                       CheckerContext &C) const {
  // Returned from the function analysed at the top: the caller owns it.
  handOverReturnedValue(RS, C, [this](ProgramStateRef State, SVal V) {
    return giveToOwner(State, V);
  });
}

ProgramStateRef ResourceLeakChecker::checkPointerEscape(
    ProgramStateRef State, const InvalidatedSymbols &Escaped,
    const CallEvent *Call, PointerEscapeKind Kind) const {
  if (Kind == PSK_EscapeOnBind)
    return State; // Judged in checkBind.
  if (State->get<TrackedResources>().isEmpty() &&
      State->get<CleanupRecords>().isEmpty())
    return State; // Nothing followed.
  if (Call && Api.lookup(*Call))
    return State; // The table says all that known calls do with resources.
  // A resource read out of invalidated memory is a part of that memory's
  // value (derived from its symbol): it escapes with it.
  for (auto [Sym, R] : State->get<TrackedResources>()) {
    const auto *Derived = dyn_cast<SymbolDerived>(Sym);
    if (R.St == Resource::Open && Derived &&
        Escaped.count(Derived->getParentSymbol()))
      State = State->set<TrackedResources>(Sym, R.with(Resource::Owned));
  }
  for (SymbolRef Sym : Escaped) {
    if (isOpen(State, Sym))
      State = State->set<TrackedResources>(
          Sym, State->get<TrackedResources>(Sym)->with(Resource::Owned));
    // A record handed to code we cannot see may get its handler there.
    if (const Cleanup *Cln = State->get<CleanupRecords>(Sym))
      State = State->set<CleanupRecords>(Sym, Cleanup{Cln->Data, true});
  }
  return State;
}

//===----------------------------------------------------------------------===//
// Leaks
//===----------------------------------------------------------------------===//

/// True when this path runs in the child of a fork().
static bool inForkedChild(ProgramStateRef State) {
  ConstraintManager &CM = State->getConstraintManager();
  for (SymbolRef Pid : State->get<ForkResults>())
    if (CM.isNull(State, Pid).isConstrainedTrue())
      return true;
  return false;
}

/// The open resources reachable from \p V in \p State.
static llvm::SmallVector<SymbolRef, 2>
openResourcesReachable(ProgramStateRef State, SVal V) {
  llvm::SmallVector<SymbolRef, 2> Open;
  for (SymbolRef S : trackedReachable(State, V))
    if (isOpen(State, S))
      Open.push_back(S);
  return Open;
}

/// A cleanup record and its data going away: settle what the data holds
/// now, while the store still has it (the resources may live on in other
/// variables, and the data's bindings will be gone when they die).
static ProgramStateRef settleCleanupsGoingAway(ProgramStateRef State,
                                               SymbolReaper &SR) {
  ProgramStateRef Next = State;
  for (auto [Record, Cln] : State->get<CleanupRecords>()) {
    if (SR.isLive(Record) || (Cln.Data && SR.isLiveRegion(Cln.Data)))
      continue;
    Next = Next->remove<CleanupRecords>(Record);
    if (!Cln.Data)
      continue;
    for (SymbolRef Sym :
         openResourcesReachable(State, loc::MemRegionVal(Cln.Data))) {
      const Resource *R = Next->get<TrackedResources>(Sym);
      Next = Next->set<TrackedResources>(
          Sym, Cln.HandlerSet ? R->coveredBy(Cln.HandlerReleases)
                              : R->with(Resource::Uncovered, Record));
    }
  }
  return Next;
}

/// True when the path showed descriptor \p Sym is 0, 1 or 2: it took the
/// slot of a closed standard stream (ngx_daemon() opens /dev/null and, when
/// it got one of those numbers, keeps it), which the process keeps open on
/// purpose.
static bool isStandardStreamSlot(ProgramStateRef State, SymbolRef Sym) {
  QualType T = Sym->getType();
  if (!T->isIntegerType())
    return false;
  SValBuilder &SVB = State->getStateManager().getSValBuilder();
  SVal AboveStderr =
      SVB.evalBinOp(State, BO_GT, nonloc::SymbolVal(Sym),
                    SVB.makeIntVal(2, T), SVB.getConditionType());
  std::optional<DefinedOrUnknownSVal> Cond =
      AboveStderr.getAs<DefinedOrUnknownSVal>();
  return Cond && !State->assume(*Cond, true);
}

/// Resources that died: forgets them in \p Next and returns those that
/// leaked. \p Before is the state whose cleanup records still hold what
/// their data points to.
static llvm::SmallVector<LeakFinding, 2>
collectDeadResources(ProgramStateRef Before, ProgramStateRef &Next,
                     SymbolReaper &SR) {
  llvm::SmallVector<LeakFinding, 2> Findings;
  bool InChild = inForkedChild(Before);
  for (auto [Sym, R] : Next->get<TrackedResources>()) {
    if (SR.isLive(Sym))
      continue;
    Next = Next->remove<TrackedResources>(Sym);
    if (R.St == Resource::Open && isStandardStreamSlot(Before, Sym))
      continue;
    if (InChild && (R.St == Resource::Open || R.St == Resource::Uncovered)) {
      // Left to the program the child execs, unless it returns (a daemon).
      Next = Next->set<OpenInChild>(Sym, R);
      continue;
    }
    if (R.St == Resource::Uncovered) {
      Findings.push_back({Sym, R, R.Cleanup});
      continue;
    }
    if (R.St != Resource::Open)
      continue;
    bool HandlerSet = false;
    SymbolRef Cleanup = findCleanupHolding(Before, Sym, HandlerSet);
    if (Cleanup && HandlerSet)
      continue; // The pool's cleanup releases it.
    Findings.push_back({Sym, R, Cleanup});
  }
  return Findings;
}

void ResourceLeakChecker::checkDeadSymbols(SymbolReaper &SR,
                                           CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  ProgramStateRef Next = settleCleanupsGoingAway(State, SR);
  llvm::SmallVector<LeakFinding, 2> Findings =
      collectDeadResources(State, Next, SR);
  if (Findings.empty()) {
    if (Next != State)
      C.addTransition(Next);
    return;
  }
  static SimpleProgramPointTag Tag("nginx.ResourceLeak", "Resource leak");
  ExplodedNode *N = C.generateNonFatalErrorNode(Next, &Tag);
  if (!N)
    return;
  for (const LeakFinding &F : Findings)
    reportLeak(F, N, C);
}

static llvm::StringRef statusName(Resource::Status St) {
  switch (St) {
  case Resource::Open:
    return "open";
  case Resource::Released:
    return "released";
  case Resource::Owned:
    return "owned elsewhere";
  case Resource::Covered:
    return "held by a pool cleanup";
  case Resource::Uncovered:
    return "held by a pool cleanup without a handler";
  }
  llvm_unreachable("statuses are covered");
}

void ResourceLeakChecker::printState(raw_ostream &Out, ProgramStateRef State,
                                     const char *NL, const char *Sep) const {
  auto Tracked = State->get<TrackedResources>();
  auto Records = State->get<CleanupRecords>();
  auto Child = State->get<OpenInChild>();
  auto Forks = State->get<ForkResults>();
  if (Tracked.isEmpty() && Records.isEmpty() && Child.isEmpty() &&
      Forks.isEmpty())
    return;
  Out << Sep << "nginx.ResourceLeak:" << NL;
  for (auto [Sym, R] : Tracked)
    Out << "  " << Sym << " from '" << R.Acquirer->Function
        << "': " << statusName(R.St) << NL;
  for (auto [Record, Cln] : Records) {
    Out << "  cleanup record " << Record << ", handler "
        << (Cln.HandlerSet ? "set" : "NULL") << ", data ";
    if (Cln.Data)
      Out << Cln.Data;
    else
      Out << "NULL";
    Out << NL;
  }
  for (auto [Sym, R] : Child)
    Out << "  " << Sym << " left " << statusName(R.St)
        << " in a forked child" << NL;
  for (SymbolRef Pid : Forks)
    Out << "  fork() returned " << Pid << NL;
}

void ResourceLeakChecker::checkLiveSymbols(ProgramStateRef State,
                                           SymbolReaper &SR) const {
  // Keep what fork() returned, and so whether this is the child.
  for (SymbolRef Pid : State->get<ForkResults>())
    SR.markLive(Pid);
}

void ResourceLeakChecker::checkEndFunction(const ReturnStmt *,
                                           CheckerContext &C) const {
  // A forked child returning from the function analysed goes on as this
  // process (a daemon): what it left open leaked.
  ProgramStateRef State = C.getState();
  auto Left = State->get<OpenInChild>();
  if (!C.inTopFrame() || Left.isEmpty())
    return;
  static SimpleProgramPointTag Tag("nginx.ResourceLeak", "Leak in a child");
  ExplodedNode *N = C.generateNonFatalErrorNode(State, &Tag);
  if (!N)
    return;
  for (auto [Sym, R] : Left)
    reportLeak({Sym, R, R.St == Resource::Uncovered ? R.Cleanup : nullptr}, N,
               C);
}

/// What a leak report says: what leaked, and how to fix it.
static std::string leakMessage(const LeakFinding &F, llvm::StringRef Holder,
                               llvm::StringRef Pool) {
  const m::ResourceEffect &Acquirer = *F.R.Acquirer;
  std::string Msg;
  llvm::raw_string_ostream OS(Msg);
  OS << m::resourceNoun(Acquirer.Kind) << " " << Holder;
  if (F.Cleanup) {
    OS << "is handed to a pool cleanup whose handler is never set, so the "
          "cleanup will not release it; set the cleanup's handler";
    if (Acquirer.Kind == m::ResourceKind::Descriptor)
      OS << " (ngx_pool_cleanup_file closes the fd of an "
            "ngx_pool_cleanup_file_t)";
    return Msg;
  }
  OS << m::resourceAcquiredWord(Acquirer.Kind) << " by '" << Acquirer.Function
     << "' is not " << m::resourceReleasedWord(Acquirer.Kind)
     << ", and no pool cleanup is registered for it; "
     << m::resourceReleaseHint(Acquirer.Kind, Pool);
  return Msg;
}

void ResourceLeakChecker::reportLeak(const LeakFinding &F, ExplodedNode *N,
                                     CheckerContext &C) const {
  const ExplodedNode *Acquired =
      firstNodeTrackingBefore<TrackedResources>(N->getFirstPred(), F.Sym);
  std::string Holder = quotedHolder(F.Sym, N);
  if (Holder.empty())
    Holder = quotedStoreTarget(Acquired);
  std::string Msg =
      leakMessage(F, Holder, m::suggestCleanupPool(C.getLocationContext()));

  // One report per acquisition and place of the leak.
  const void *Acquisition =
      Acquired ? static_cast<const void *>(Acquired->getStmtForDiagnostics())
               : nullptr;
  auto Report = std::make_unique<LeakReport>(
      F.Cleanup ? CleanupWithoutHandler : Leak, Msg, N, Acquisition);
  Report->markInteresting(F.Sym);
  if (F.Cleanup)
    Report->markInteresting(F.Cleanup);
  Leaks.add(std::move(Report));
}

void ResourceLeakChecker::reportReleasedUnderCleanup(SymbolRef Sym,
                                                     const Resource &R,
                                                     const CallEvent &Call,
                                                     CheckerContext &C) const {
  ExplodedNode *N = C.generateNonFatalErrorNode(
      C.getState()->set<TrackedResources>(Sym, R.with(Resource::Released)));
  if (!N)
    return;
  std::string Noun = m::resourceNoun(R.Acquirer->Kind).str();
  std::string Msg =
      Noun + " " + quotedHolder(Sym, N) + m::resourceAcquiredWord(R.Acquirer->Kind).str() +
      " by '" + R.Acquirer->Function + "' is " +
      m::resourceReleasedWord(R.Acquirer->Kind).str() + " by '" +
      m::calleeName(Call) +
      "', but a cleanup of its pool releases it again when the pool is "
      "destroyed, when the number may belong to another file or connection; "
      "release it early with ngx_pool_run_cleanup_file(pool, fd), which runs "
      "the cleanup and removes it, or leave it to the pool";
  auto Report = std::make_unique<PathSensitiveBugReport>(DoubleRelease, Msg, N);
  Report->markInteresting(Sym);
  C.emitReport(std::move(Report));
}

void ResourceLeakChecker::reportReleased(const BugType &BT, SymbolRef Sym,
                                         const Resource &R,
                                         const CallEvent &Call,
                                         CheckerContext &C) const {
  ExplodedNode *N = C.generateErrorNode();
  if (!N)
    return;
  std::string Fn = m::calleeName(Call);
  std::string Noun = m::resourceNoun(R.Acquirer->Kind).str();
  std::string Closed = m::resourceReleasedWord(R.Acquirer->Kind).str();
  std::string Msg = Noun + " " + quotedHolder(Sym, N);
  if (&BT == &DoubleRelease)
    Msg += "is " + Closed + " a second time by '" + Fn +
           "'; by then its number or handle may belong to something else";
  else
    Msg += "is used by '" + Fn + "' after it was " + Closed;
  auto Report = std::make_unique<PathSensitiveBugReport>(BT, Msg, N);
  Report->markInteresting(Sym);
  C.emitReport(std::move(Report));
}

//===----------------------------------------------------------------------===//
// Documentation and registration
//===----------------------------------------------------------------------===//

static const llvm::StringLiteral ResourceLeakTags[] = {
    "resource-leak", "file-descriptor", "nginx", "cleanup"};

const CheckerDoc ngx_pool_check::ResourceLeakDoc = {
    "A descriptor or other handle is neither closed nor handed to a pool "
    "cleanup, is closed twice, or is used after it was closed. Destroying an "
    "nginx pool frees its memory and nothing else: a descriptor opened while "
    "handling a request and not released on every path leaks once per "
    "request, until the worker runs out of descriptors and accept() fails. "
    "Register ngx_pool_cleanup_add() right after acquiring the resource, with "
    "a handler that releases it (ngx_pool_cleanup_file for files), and close "
    "it by hand if registering fails.",
    // Bad
    "fd = ngx_open_file(path.data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0);\n"
    "if (fd == NGX_INVALID_FILE) {\n"
    "    return NGX_HTTP_INTERNAL_SERVER_ERROR;\n"
    "}\n"
    "\n"
    "n = ngx_read_fd(fd, buf, sizeof(buf));\n"
    "return NGX_OK;                       /* fd is never closed */\n",
    // Good
    "fd = ngx_open_file(path.data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0);\n"
    "if (fd == NGX_INVALID_FILE) {\n"
    "    return NGX_HTTP_INTERNAL_SERVER_ERROR;\n"
    "}\n"
    "\n"
    "cln = ngx_pool_cleanup_add(r->pool, sizeof(ngx_pool_cleanup_file_t));\n"
    "if (cln == NULL) {\n"
    "    ngx_close_file(fd);\n"
    "    return NGX_HTTP_INTERNAL_SERVER_ERROR;\n"
    "}\n"
    "\n"
    "cln->handler = ngx_pool_cleanup_file;\n"
    "clnf = cln->data;\n"
    "clnf->fd = fd;\n"
    "clnf->name = path.data;\n"
    "clnf->log = r->connection->log;\n",
    ResourceLeakTags,
    "high",
    "warning",
};

void ngx_pool_check::registerResourceLeakChecker(CheckerManager &Mgr) {
  auto *Checker = Mgr.registerChecker<ResourceLeakChecker>();
  llvm::StringRef Path =
      Mgr.getAnalyzerOptions().getCheckerStringOption(Checker, "ConfigFile");
  if (Path.empty())
    return;
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> File =
      llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!File) {
    Mgr.reportInvalidCheckerOptionValue(
        Checker, "ConfigFile",
        ("a readable file ('" + Path + "': " + File.getError().message() + ")")
            .str());
    return;
  }
  std::vector<std::string> Errors;
  Checker->Api.addFromConfig((*File)->getBuffer(), Errors);
  if (!Errors.empty())
    Mgr.reportInvalidCheckerOptionValue(Checker, "ConfigFile",
                                        ("a file of resource declarations ('" +
                                         Path + "' " + Errors.front() + ")")
                                            .str());
}

bool ngx_pool_check::shouldRegisterResourceLeakChecker(const CheckerManager &) {
  return true;
}
