//===- RequestEscapeChecker.cpp - Request memory kept past its request ----===//
//
// nginx.RequestEscape: memory of a request (a block from r->pool, the
// request object itself, its module context) stored where it outlives the
// request: a static, a module's main/srv/loc configuration, the cycle, or a
// connection field that keeps its value across keepalive requests
// (c->addr_text, c->sockaddr).
//
// Why it matters on a live nginx: r->pool is destroyed when the request
// ends. A pointer into it kept in a configuration or a static dangles from
// then on; the next request that reads it reads freed memory, which by then
// holds another request's data (wrong answers, leaked data between
// clients) or crashes the worker. nginx's realip module once pointed
// c->addr_text into a request buffer (fixed in 0.5.13); the fix allocates
// from c->pool, and today's realip also restores the connection's address
// in a cleanup of r->pool.
//
// How to fix: copy the data into memory that lives as long as the storage
// (a buffer allocated from cf->pool at configuration time, ngx_alloc()
// memory the module frees, a shared zone), or keep it in request-lifetime
// storage (the request's module context); or register a cleanup on r->pool
// that unlinks it when the request ends.
//
// How it works: the checker follows, per path, the blocks allocated from a
// request pool (the model classifies the pool: `r->pool` through any alias,
// a subrequest's pool included). At every store it asks the model whether
// the destination is long-lived storage (longLivedPlace: a global; an object
// read from r->main_conf/srv_conf/loc_conf, i.e. what
// ngx_http_get_module_*_conf returns, or reached from one; ngx_cycle; a kept
// connection field) and whether the value is request memory. Such a store is
// an escape, unless it is undone: the report waits for the end of the
// analysis and is dropped when every path from the store overwrites the
// field with something else, or registers a cleanup on the request pool (a
// cleanup that restores or unlinks the field, as realip does: be
// conservative, any cleanup on r->pool counts). A cleanup registered before
// the store counts too.
//
//   allocation from r->pool ---------------------> [request block]
//   store of a request block / r / r's ctx into long-lived storage
//        |-- a cleanup on r->pool was registered --> nothing
//        +-----------------------------------------> [pending escape]
//   [pending escape] --field overwritten-----------> (undone)
//                    --cleanup on r->pool----------> (undone)
//                    --NULL (allocation failed)----> (nothing kept)
//                    --some path ends with it------> reported at the store
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

/// A block allocated from a request's pool on this path.
struct RequestBlock {
  const Expr *Site;
  const MemRegion *Request; ///< The request whose pool it is.

  bool operator==(const RequestBlock &O) const {
    return Site == O.Site && Request == O.Request;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddPointer(Site);
    ID.AddPointer(Request);
  }
};

} // namespace

// Blocks from a request pool, by the symbol of their memory.
REGISTER_MAP_WITH_PROGRAMSTATE(RequestBlocks, SymbolRef, RequestBlock)
// Long-lived places that hold request memory since a store on this path,
// with what they hold, until the store is undone.
REGISTER_MAP_WITH_PROGRAMSTATE(PendingEscapes, const MemRegion *, SymbolRef)
// A cleanup was added to a request pool on this path.
REGISTER_TRAIT_WITH_PROGRAMSTATE(RequestPoolCleanup, bool)

namespace {

class RequestEscapeChecker
    : public Checker<check::PostCall, check::Bind, check::EndAnalysis> {
  const BugType Escape{this, "Request memory stored in long-lived storage",
                       category::NginxMemory};
  const m::ApiTable Api;

  /// Escapes waiting for the end of the analysis, with the place they
  /// were stored into.
  struct Deferred {
    std::unique_ptr<PathSensitiveBugReport> Report;
    const MemRegion *Dest;
  };
  mutable std::vector<Deferred> Pending;

public:
  void checkPostCall(const CallEvent &Call, CheckerContext &C) const;
  void checkBind(SVal Loc, SVal Val, const Stmt *S, CheckerContext &C) const;
  void checkEndAnalysis(ExplodedGraph &G, BugReporter &BR,
                        ExprEngine &Eng) const;

private:
  /// What request memory \p Sym is, for messages; empty when it is none.
  std::string describeRequestMemory(SymbolRef Sym, ProgramStateRef State,
                                    const m::RegionNamer &Names) const;
  void recordEscape(const MemRegion *Dest, SymbolRef Stored,
                    const m::LongLivedPlace &Place, const std::string &What,
                    ProgramStateRef State, CheckerContext &C) const;
  const NoteTag *noteLongLivedObject(SymbolRef Stored, const MemRegion *Dest,
                                     TaggedNode &At,
                                     CheckerContext &C) const;
};

} // namespace

//===----------------------------------------------------------------------===//
// Request memory
//===----------------------------------------------------------------------===//

void RequestEscapeChecker::checkPostCall(const CallEvent &Call,
                                         CheckerContext &C) const {
  const m::ApiFunction *Row = Api.lookup(Call);
  if (!Row || m::isInsideModeledAllocator(Api, C.getLocationContext()))
    return;
  ProgramStateRef State = C.getState();

  if (Row->AddsCleanupTo) {
    m::PoolOrigin O =
        m::classifyPool(m::poolOfCall(Call, *Row->AddsCleanupTo, State), State);
    if (O.Kind == m::PoolKind::Request) {
      // The cleanup may restore or unlink what was stored: be conservative.
      State = State->set<RequestPoolCleanup>(true);
      for (auto [Dest, Sym] : State->get<PendingEscapes>())
        State = State->remove<PendingEscapes>(Dest);
    }
  }

  const auto *Site = Call.getOriginExpr();
  SymbolRef Result = Call.getReturnValue().getAsSymbol();
  if (Row->Allocates && Row->Allocates->returnsNewMemory() && Site &&
      Result) {
    m::PoolOrigin O = m::classifyPool(
        m::poolOfCall(Call, Row->Allocates->Pool, C.getState()), State);
    if (O.Kind == m::PoolKind::Request) {
      State = State->set<RequestBlocks>(Result, RequestBlock{Site, O.Request});
      std::string Fn = m::calleeName(Call);
      std::string Req = m::RegionNamer(C.getPredecessor()).nameOr(O.Request,
                                                                 "r");
      const NoteTag *Note = C.getNoteTag(
          [=](PathSensitiveBugReport &BR) -> std::string {
            if (&BR.getBugType() != &Escape || !BR.isInteresting(Result))
              return "";
            return "Memory allocated by '" + Fn + "' from the pool of "
                   "request '" + Req + "': freed when the request ends";
          });
      C.addTransition(State, Note);
      return;
    }
  }
  if (State != C.getState())
    C.addTransition(State);
}

std::string
RequestEscapeChecker::describeRequestMemory(SymbolRef Sym,
                                            ProgramStateRef State,
                                            const m::RegionNamer &Names) const {
  if (const RequestBlock *B = State->get<RequestBlocks>(Sym))
    return "memory from the pool of request '" +
           Names.nameOr(B->Request, "r") + "'";
  bool IsCtx = false;
  if (!m::isRequestOrCtx(Sym, IsCtx)) {
    const FieldRegion *Field = m::requestDataField(Sym);
    if (!Field)
      return "";
    std::string Through = Names.nameOfPlace(Field);
    return "data of the request" +
           (Through.empty() ? "" : " read through '" + Through + "'");
  }
  std::string Name = Names.nameOfValue(Sym);
  if (IsCtx)
    return "the request's module context" + (Name.empty() ? "" : " '" + Name + "'");
  return "the request" + (Name.empty() ? "" : " '" + Name + "'");
}

//===----------------------------------------------------------------------===//
// Stores
//===----------------------------------------------------------------------===//

void RequestEscapeChecker::checkBind(SVal Loc, SVal Val, const Stmt *,
                                     CheckerContext &C) const {
  const MemRegion *Dest = Loc.getAsRegion();
  if (!Dest)
    return;
  ProgramStateRef State = C.getState();
  SymbolRef Stored =
      Val.getAs<clang::ento::Loc>() ? m::pointeeSymbol(Val) : nullptr;

  // A pending escape overwritten: undone.
  if (State->get<PendingEscapes>(Dest))
    State = State->remove<PendingEscapes>(Dest);

  // Where the value goes first (most stores are to locals), then what it is.
  m::LongLivedPlace Place =
      Stored && !State->get<RequestPoolCleanup>() ? m::longLivedPlace(Dest)
                                                  : m::LongLivedPlace();
  if (Place) {
    std::string What = describeRequestMemory(
        Stored, State, m::RegionNamer(C.getPredecessor()));
    if (!What.empty()) {
      recordEscape(Dest, Stored, Place, What, State, C);
      return;
    }
  }
  TaggedNode At;
  const NoteTag *Note =
      Stored ? noteLongLivedObject(Stored, Dest, At, C) : nullptr;
  if (State != C.getState() || Note)
    addTransitionAt(C, State, Note, At);
}

void RequestEscapeChecker::recordEscape(const MemRegion *Dest,
                                        SymbolRef Stored,
                                        const m::LongLivedPlace &Place,
                                        const std::string &What,
                                        ProgramStateRef State,
                                        CheckerContext &C) const {
  ExplodedNode *N =
      C.generateNonFatalErrorNode(State->set<PendingEscapes>(Dest, Stored));
  if (!N)
    return;
  m::RegionNamer Names(N);
  std::string Holder = Names.nameOfPlace(Dest);
  if (Holder.empty())
    Holder = "this storage";
  else
    Holder = "'" + Holder + "'";
  std::string Msg = Holder + " keeps " + What + " after the request ends: " +
                    "it is in " + m::describeLongLived(Place) +
                    ", and the request's memory is freed with its pool, so " +
                    "the next reader gets freed memory; copy the data into " +
                    "memory that lives as long as the storage (allocated " +
                    "from the configuration's pool, or ngx_alloc) or keep it " +
                    "in the request's context";
  auto R = std::make_unique<PathSensitiveBugReport>(Escape, Msg, N);
  R->markInteresting(Stored);
  if (Place.RootSym)
    R->markInteresting(Place.RootSym);
  Pending.push_back({std::move(R), Dest});
}

void RequestEscapeChecker::checkEndAnalysis(ExplodedGraph &, BugReporter &BR,
                                            ExprEngine &) const {
  for (Deferred &D : Pending) {
    const MemRegion *Dest = D.Dest;
    bool Undone = everyPathReaches(
        D.Report->getErrorNode(), [Dest](const ExplodedNode *N) {
          // Undone, or nothing was stored: the allocation failed.
          ProgramStateRef State = N->getState();
          const SymbolRef *Stored = State->get<PendingEscapes>(Dest);
          return !Stored || State->getConstraintManager()
                                .isNull(State, *Stored)
                                .isConstrainedTrue();
        });
    if (!Undone)
      BR.emitReport(std::move(D.Report));
  }
  Pending.clear();
}

//===----------------------------------------------------------------------===//
// Notes: where the long-lived storage came from
//===----------------------------------------------------------------------===//

const NoteTag *
RequestEscapeChecker::noteLongLivedObject(SymbolRef Stored,
                                          const MemRegion *Dest,
                                          TaggedNode &At,
                                          CheckerContext &C) const {
  m::LongLivedPlace Object = m::longLivedObject(Stored);
  if (!Object)
    return nullptr;
  std::string What = m::describeLongLived(Object);
  At = makeTaggedNode();
  return C.getNoteTag([=](PathSensitiveBugReport &BR) -> std::string {
    if (&BR.getBugType() != &Escape || !BR.isInteresting(Stored))
      return "";
    std::string Place = m::RegionNamer(*At).nameOfPlace(Dest);
    if (Place.empty())
      return "";
    return "'" + Place + "' is " + What;
  });
}

//===----------------------------------------------------------------------===//
// Documentation and registration
//===----------------------------------------------------------------------===//

static const llvm::StringLiteral RequestEscapeTags[] = {
    "memory", "use-after-free", "nginx", "pool"};

const CheckerDoc ngx_pool_check::RequestEscapeDoc = {
    "Memory of a request (a block from r->pool, the request itself, its "
    "module context) is stored where it outlives the request: a static, a "
    "module's main/srv/loc configuration, the cycle, or a connection field "
    "that keeps its value across keepalive requests (c->addr_text). The "
    "request's pool is freed when the request ends, and the next request "
    "that reads the stored pointer reads freed memory. Copy the data into "
    "memory that lives as long as the storage, keep it in the request's "
    "context, or undo the store in a cleanup of r->pool.",
    // Bad
    "static ngx_int_t\n"
    "ngx_http_foo_handler(ngx_http_request_t *r)\n"
    "{\n"
    "    ngx_http_foo_loc_conf_t  *flcf;\n"
    "\n"
    "    flcf = ngx_http_get_module_loc_conf(r, ngx_http_foo_module);\n"
    "    flcf->last_uri.data = ngx_pstrdup(r->pool, &r->uri);  /* dangles */\n"
    "    ...\n"
    "}\n",
    // Good
    "static ngx_int_t\n"
    "ngx_http_foo_handler(ngx_http_request_t *r)\n"
    "{\n"
    "    ngx_http_foo_loc_conf_t  *flcf;\n"
    "\n"
    "    flcf = ngx_http_get_module_loc_conf(r, ngx_http_foo_module);\n"
    "    /* last_uri_buf: allocated from cf->pool at configuration time */\n"
    "    flcf->last_uri.len = ngx_min(r->uri.len, FOO_URI_MAX);\n"
    "    ngx_memcpy(flcf->last_uri_buf, r->uri.data, flcf->last_uri.len);\n"
    "    ...\n"
    "}\n",
    RequestEscapeTags,
    "high",
    "warning",
};

void ngx_pool_check::registerRequestEscapeChecker(CheckerManager &Mgr) {
  Mgr.registerChecker<RequestEscapeChecker>();
}

bool ngx_pool_check::shouldRegisterRequestEscapeChecker(
    const CheckerManager &) {
  return true;
}
