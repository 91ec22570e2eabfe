//===- NginxModel.h - What the checkers know about nginx -------*- C++ -*-===//
//
// The checkers' knowledge of nginx that is not a row of the function table
// (NginxApi.h): nginx's structs and fields, where a pool comes from, which
// memory lives as long as the connection, how big a pool's small blocks can
// be, how to name things in messages. Checkers ask it questions about
// symbolic values ("is this pool the connection pool of a request?") and
// never name nginx's structs or fields themselves.
//
// Everything here reads the analyzer's symbolic values: a pool is recognised
// by where its value came from (the `pool` field of the connection that a
// request's `connection` field points to), through any chain of locals,
// struct copies, helper calls and parameters, because the analyzer's store
// carries the value along those.
//
//===----------------------------------------------------------------------===//

#ifndef NGX_POOL_CHECK_NGINX_MODEL_H
#define NGX_POOL_CHECK_NGINX_MODEL_H

#include "NginxApi.h"

#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ExplodedGraph.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/MemRegion.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramState_Fwd.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/SVals.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>
#include <vector>

namespace clang {
class AnalyzerOptions;
class ParentMap;
} // namespace clang

namespace ngx_pool_check {
namespace model {

//===----------------------------------------------------------------------===//
// nginx's structs and fields
//===----------------------------------------------------------------------===//

/// A field of an nginx struct, named by the struct's tag or typedef name.
struct NginxField {
  llvm::StringLiteral Record;
  llvm::StringLiteral Field;
};

/// `r->connection`, `r->pool`, `c->pool`, ...: the fields the model reasons
/// about, named once here.
extern const NginxField RequestConnection;     // ngx_http_request_t
extern const NginxField RequestHttpConnection; // ngx_http_request_t
extern const NginxField RequestPool;           // ngx_http_request_t
extern const NginxField ConnectionPool;        // ngx_connection_t
extern const NginxField PoolFreeChain;         // ngx_pool_t::chain
extern const NginxField CleanupHandler;        // ngx_pool_cleanup_s
extern const NginxField CleanupData;           // ngx_pool_cleanup_s
extern const NginxField BufStart, BufPos, BufLast, BufEnd; // ngx_buf_t

/// The tag or typedef name of a record (nginx uses both `struct ngx_pool_s`
/// and anonymous `typedef struct {...} ngx_array_t`).
llvm::StringRef recordName(const clang::RecordDecl *RD);

/// True when \p FR is the field \p F (possibly seen through casts).
bool isField(const clang::ento::FieldRegion *FR, const NginxField &F);

/// True when \p T is (a pointer to) the nginx request struct.
bool isRequestType(clang::QualType T);

/// True when \p T is a pointer to a pool (`ngx_pool_t *`).
bool isPoolPointerType(clang::QualType T);

/// The field \p Name of the struct \p PtrType points to, if any.
const clang::FieldDecl *fieldOf(clang::QualType PtrType, llvm::StringRef Name);

/// The location of field \p Name of the struct \p Ptr (of type \p PtrType)
/// points to.
std::optional<clang::ento::Loc> fieldLocation(clang::ento::SVal Ptr,
                                              clang::QualType PtrType,
                                              llvm::StringRef Name,
                                              clang::ento::ProgramStateRef State);

/// The field of a struct (a container, a cycle) that holds the pool it
/// allocates from, if it has one.
const clang::FieldDecl *poolFieldOf(clang::QualType PtrType);

/// The fields of ngx_dir_t that ngx_read_dir() sets.
extern const llvm::StringLiteral DirectoryEntryFields[2];

//===----------------------------------------------------------------------===//
// Where a pool comes from
//===----------------------------------------------------------------------===//

enum class PoolKind {
  Unknown,    ///< Nothing is known about this pool.
  Request,    ///< `r->pool`: destroyed when the request ends.
  Connection, ///< `c->pool`: destroyed when the client connection closes.
  Created,    ///< Returned by ngx_create_pool() on this path.
  Cycle,      ///< `cycle->pool` or `cf->pool`: freed only when nginx reloads.
};

struct PoolOrigin {
  PoolKind Kind = PoolKind::Unknown;
  /// The pool's symbol (the value of the `pool` field, or the result of
  /// ngx_create_pool).
  clang::ento::SymbolRef PoolSym = nullptr;
  /// For Connection: the connection's symbol.
  clang::ento::SymbolRef ConnectionSym = nullptr;
  /// For Connection: the request whose `connection` field the connection was
  /// read from, when it was read from one. For Request: the request.
  const clang::ento::MemRegion *Request = nullptr;
  /// For Created: the size passed to ngx_create_pool().
  std::optional<clang::ento::SVal> CreatedSize;

  bool isConnectionOfRequest() const {
    return Kind == PoolKind::Connection && Request;
  }
};

/// Classify a pool value, or the symbol a pool pointer points to.
/// (A pool read back from a module's configuration at run time is Unknown
/// here: savedPoolPlace() tells where it was saved.)
PoolOrigin classifyPool(clang::ento::SVal Pool,
                        clang::ento::ProgramStateRef State);
PoolOrigin classifyPoolSymbol(clang::ento::SymbolRef Pool,
                              clang::ento::ProgramStateRef State);

/// The symbol a pointer value points into (the base of its region), or the
/// value's own symbol; null when there is none.
clang::ento::SymbolRef pointeeSymbol(clang::ento::SVal V);

/// If \p Sym is the value of `req->connection` for some request, the request's
/// region; otherwise null.
const clang::ento::MemRegion *requestOfConnection(clang::ento::SymbolRef Sym);

/// The pool a call of \p Row works on (PoolRef), in \p State.
clang::ento::SVal poolOfCall(const clang::ento::CallEvent &Call, PoolRef P,
                             clang::ento::ProgramStateRef State);

/// Remember that \p Pool was created by ngx_create_pool(\p Size) on this path.
clang::ento::ProgramStateRef
recordCreatedPool(clang::ento::ProgramStateRef State,
                  clang::ento::SymbolRef Pool, clang::ento::SVal Size);
/// Forget what the model remembers about symbols that died.
clang::ento::ProgramStateRef
removeDeadSymbols(clang::ento::ProgramStateRef State,
                  clang::ento::SymbolReaper &SR);
/// Keep alive what the model still needs: the size a live pool was created
/// with (with its constraints, e.g. `n >= 2048` from a branch).
void markLiveSymbols(clang::ento::ProgramStateRef State,
                     clang::ento::SymbolReaper &SR);
/// Print what the model remembers, for -analyzer-dump-egraph and
/// clang_analyzer_printState().
void printModelState(llvm::raw_ostream &Out,
                     clang::ento::ProgramStateRef State, const char *NL,
                     const char *Sep);

//===----------------------------------------------------------------------===//
// Names for messages
//===----------------------------------------------------------------------===//

/// Names regions and values the way the code at hand spells them, for
/// messages: "r", "hc->busy", "r->connection". A variable of the current
/// function that points to a region names it (looking back along the path a
/// little, as a variable is often dead by the time its value is used);
/// otherwise the name is built from where the value was read
/// ("c->data->connection").
class RegionNamer {
public:
  explicit RegionNamer(const clang::ento::ExplodedNode *N);

  /// The expression for the object at \p R; empty when it has none.
  std::string name(const clang::ento::MemRegion *R) const;
  /// The expression whose value \p Sym is; empty when there is none.
  std::string nameOfValue(clang::ento::SymbolRef Sym) const;
  /// A variable that holds \p Sym (an int descriptor) or points to it (a
  /// handle), or else a field of a local struct or of a struct a parameter
  /// points to that holds it ("of.fd", "file->fd"); empty when none does.
  std::string holderOf(clang::ento::SymbolRef Sym) const;
  /// Like name(), with \p Fallback when there is no name.
  std::string nameOr(const clang::ento::MemRegion *R,
                     llvm::StringRef Fallback) const;
  /// The expression for the location \p R itself: "c", "ctx->pool".
  std::string nameOfPlace(const clang::ento::MemRegion *R) const {
    return R ? nameOfLocation(R, 0) : std::string();
  }

private:
  std::string nameOfLocation(const clang::ento::MemRegion *R,
                             unsigned Depth) const;
  std::string nameOfObject(const clang::ento::MemRegion *R,
                           unsigned Depth) const;
  std::string fieldHolderOf(clang::ento::SymbolRef Sym) const;

  /// Fills PointedToBy and HeldBy from the stores along the path, the first
  /// time a name is asked for: most namers are made for a message that
  /// turns out not to be needed, and walking the stores is not cheap.
  void collectVariables() const;

  const clang::ento::ExplodedNode *Node = nullptr;
  mutable bool Collected = false;
  /// A variable that points to each region: pointee -> variable name.
  mutable llvm::DenseMap<const clang::ento::MemRegion *, std::string>
      PointedToBy;
  /// A variable that holds each symbolic value: value -> variable name.
  mutable llvm::DenseMap<clang::ento::SymbolRef, std::string> HeldBy;
};

/// The name of the function \p Call calls, or \p Fallback.
std::string calleeName(const clang::ento::CallEvent &Call,
                       llvm::StringRef Fallback = "this call");

//===----------------------------------------------------------------------===//
// Connection-lifetime memory
//===----------------------------------------------------------------------===//

/// True when \p R lives as long as the client connection: the connection
/// object read from a request, the request's `http_connection`, and objects
/// reached through pointers stored in those (a request object reached that
/// way, e.g. through `c->data`, is not). \p IsConnectionMemory extends this
/// with memory a checker knows to be kept by the connection.
bool isConnectionLifetimeRegion(
    const clang::ento::MemRegion *R,
    llvm::function_ref<bool(clang::ento::SymbolRef)> IsConnectionMemory =
        nullptr);

/// True when \p Sym is a value read from connection-lifetime memory (a
/// "slot" of the connection, such as `hc->free`).
bool isConnectionSlot(clang::ento::SymbolRef Sym,
                      llvm::function_ref<bool(clang::ento::SymbolRef)>
                          IsConnectionMemory = nullptr);

//===----------------------------------------------------------------------===//
// Allocations
//===----------------------------------------------------------------------===//

/// True when, in \p State, the call is known to hand back memory from a free
/// list rather than allocating (the list is known not to be empty).
bool reusesFreeList(const clang::ento::CallEvent &Call, const Allocation &A,
                    clang::ento::ProgramStateRef State);

/// True when the body of \p D returns chain links to a pool's free list
/// (ngx_free_chain(), which stores into `pool->chain`): a function that does
/// recycles links, and its allocations that take the pool's free links first
/// are taken to reuse them even on paths where the analyzer did not see a
/// link returned.
bool recyclesChainLinks(const clang::Decl *D);

/// The size in bytes of the block \p Call allocates, as a value, when the
/// model knows it: the size argument of ngx_palloc & co., sizeof the object
/// of ngx_alloc_chain_link & co., src->len of ngx_pstrdup.
std::optional<clang::ento::SVal>
allocationSize(const clang::ento::CallEvent &Call, const Allocation &A,
               clang::ento::ProgramStateRef State,
               clang::ento::SValBuilder &SVB);

//===----------------------------------------------------------------------===//
// How big a pool's "small" allocations can be
//===----------------------------------------------------------------------===//

/// The nginx configuration the small limits follow: the package options
/// `nginx:RequestPoolSize`, `nginx:ConnectionPoolSize`, `nginx:PageSize`.
struct PoolSizes {
  uint64_t RequestPoolSize = 4096;   ///< request_pool_size's default
  uint64_t ConnectionPoolSize = 512; ///< connection_pool_size's (64-bit)
  uint64_t PageSize = 4096;          ///< NGX_MAX_ALLOC_FROM_POOL + 1

  /// One option of the configuration, as users set it.
  struct Option {
    llvm::StringLiteral Name;
    uint64_t PoolSizes::*Field;
    uint64_t Min;
    llvm::StringLiteral Description;
  };
  static llvm::ArrayRef<Option> options();

  /// The package the options belong to: "nginx".
  static llvm::StringRef optionPackage();

  /// An option whose value is out of range: its full name
  /// ("nginx:PageSize") and what it expects.
  struct BadOption {
    std::string Key;
    std::string Expected;
  };

  /// The sizes the analyzer options set (the registry has checked that they
  /// are integers; a value out of range keeps the default, and is named in
  /// \p Bad).
  static PoolSizes fromOptions(const clang::AnalyzerOptions &Opts,
                               std::vector<BadOption> *Bad = nullptr);
};

/// The largest allocation a pool serves from its own blocks ("max"); larger
/// ones are "large" allocations, the only ones ngx_pfree() releases. nginx
/// sets max = min(size - sizeof(ngx_pool_t), NGX_MAX_ALLOC_FROM_POOL) when it
/// creates the pool. Expressed as a value the constraint manager can compare
/// with a block's size: concrete for r->pool, c->pool and unknown pools,
/// symbolic for a pool created here with a symbolic size.
struct SmallLimit {
  /// The pool's size less sizeof(ngx_pool_t); unknown when the pool's size
  /// is not known.
  std::optional<clang::ento::SVal> SizeLessHeader;
  /// NGX_MAX_ALLOC_FROM_POOL.
  uint64_t MaxAllocFromPool;
  /// For messages: the limit when it is a known number.
  std::optional<uint64_t> Known;
};

SmallLimit smallLimit(const PoolOrigin &Pool, const PoolSizes &Sizes,
                      clang::QualType PoolPtrType,
                      clang::ento::ProgramStateRef State,
                      clang::ento::SValBuilder &SVB);

/// Bounds of an unsigned size on the current path, where the constraint
/// manager alone cannot give them: it knows `len <= 1024` but not what that
/// makes of `len * 2` or ngx_align(len, 8). Sums, products, shifts and masks
/// of constants and constrained symbols are folded; anything that may wrap
/// around is unbounded.
struct SizeBounds {
  uint64_t Min = 0;
  uint64_t Max = UINT64_MAX;
};
SizeBounds sizeBounds(clang::ento::SVal Size,
                      clang::ento::ProgramStateRef State,
                      clang::ento::SValBuilder &SVB);

/// Whether a block's size is known to be at most its pool's limit (small),
/// known to be above it (large), or either on this path.
enum class Smallness { Small, Large, Either };

/// Whether a block of \p Size from the pool \p Pool is small on this path:
/// the constraint manager's answer, which knows relations between symbols
/// (`len <= n - 80`), and where it cannot tell, interval arithmetic, which
/// folds what it does not (`len * 2`, ngx_align(len, 8)).
Smallness blockSmallness(clang::ento::SVal Size, const PoolOrigin &Pool,
                         const SmallLimit &Limit,
                         clang::ento::ProgramStateRef State,
                         clang::ento::SValBuilder &SVB);

/// Whether the block \p Call allocates (from \p Pool, by \p A) is small on
/// this path. Objects and containers are small; ngx_pmemalign() blocks are
/// large; a block of unknown size may be either.
Smallness allocationSmallness(const clang::ento::CallEvent &Call,
                              const Allocation &A, const PoolOrigin &Pool,
                              const PoolSizes &Sizes,
                              clang::ento::ProgramStateRef State,
                              clang::ento::SValBuilder &SVB);

//===----------------------------------------------------------------------===//
// Memory a function owns
//===----------------------------------------------------------------------===//

/// The function \p R's memory came from when it is a block of the C heap
/// (malloc, ngx_alloc, ...); empty otherwise.
llvm::StringRef heapAllocatorOf(const ApiTable &Api,
                                const clang::ento::MemRegion *R);

/// True when \p R lives in memory allocated on the current path (a pool
/// block, a heap block, a cleanup record and its data): nothing outside the
/// function can reach it until a pointer to it is stored somewhere.
bool isFreshMemory(const ApiTable &Api, const clang::ento::MemRegion *R);

/// True when \p R is a pool cleanup record from ngx_pool_cleanup_add(), or
/// the data block that came with it: memory new on this path, but linked
/// into its pool's cleanup list from the start, so what is stored there is
/// kept by that pool (nginx.PoolLeak: a pool handed to a cleanup).
bool isPoolCleanupMemory(const ApiTable &Api, const clang::ento::MemRegion *R);

/// True when \p R is a field of a struct a library declares (in a system
/// header: a zlib stream, an iovec): storing a handle there lends it, the
/// library takes nothing by a store.
bool isLibraryStructField(const clang::ento::MemRegion *R);

/// True when \p R lives in the current function's stack frame, or a
/// caller's on this path (locals, parameters, local structs).
bool isStackMemory(const clang::ento::MemRegion *R);

/// True when \p R lies in a block allocated on this path (isFreshMemory)
/// to which a pointer was stored, on this path, in memory that outlives the
/// function: a context set on the request or a session, a configuration, a
/// global. What is stored into such a block has that owner too.
bool isLinkedFromOutside(clang::ento::ProgramStateRef State,
                         const clang::ento::MemRegion *R);

/// \p State after \p Val is stored at \p Dest: when \p Val points into a
/// block new on this path and \p Dest outlives the function (or lies in a
/// block linked from such memory), that block is linked from outside now.
clang::ento::ProgramStateRef
recordStoredBlock(clang::ento::ProgramStateRef State, const ApiTable &Api,
                  const clang::ento::MemRegion *Dest, clang::ento::SVal Val);

/// The state trait behind isLinkedFromOutside (NginxModel.cpp).
clang::ento::ProgramStateRef
recordLinkedBlock(clang::ento::ProgramStateRef State,
                  clang::ento::SymbolRef Block);
bool isLinkedBlock(clang::ento::ProgramStateRef State,
                   clang::ento::SymbolRef Block);

//===----------------------------------------------------------------------===//
// Pool cleanups
//===----------------------------------------------------------------------===//

/// `cln->data` of the cleanup record \p Cleanup points to.
clang::ento::SVal cleanupData(clang::ento::SVal Cleanup,
                              clang::ento::ProgramStateRef State);

/// The pool a resource acquired in code with this stack should be tied to,
/// as an expression for messages: "r->pool" in request code, "c->pool" in
/// connection code, "cf->pool" at configuration time; empty when unknown.
std::string suggestCleanupPool(const clang::LocationContext *LC);

//===----------------------------------------------------------------------===//
// Words for resources in messages
//===----------------------------------------------------------------------===//

/// The nouns messages use: "Descriptor", "Socket", "Directory stream",
/// "FILE stream", "Resource".
llvm::StringRef resourceNoun(ResourceKind K);
/// "opened"/"closed" for descriptors and streams, "acquired"/"released"
/// for other resources.
llvm::StringRef resourceAcquiredWord(ResourceKind K);
llvm::StringRef resourceReleasedWord(ResourceKind K);
/// How to release it: by hand, or with a cleanup on \p Pool (an expression
/// such as "r->pool"; empty when unknown).
std::string resourceReleaseHint(ResourceKind K, llvm::StringRef Pool);


//===----------------------------------------------------------------------===//
// Long-lived storage and what code runs per request (NginxLongLived.cpp;
// nginx.RequestEscape and nginx.CyclePool)
//===----------------------------------------------------------------------===//

/// `cycle->pool`, `cf->pool`: pools that live until nginx reloads.
extern const NginxField CyclePool; // ngx_cycle_s
extern const NginxField ConfPool;  // ngx_conf_s
/// `r->ctx`: the request's module contexts (defined with the timers, in
/// NginxModel.cpp).
extern const NginxField RequestCtx;

/// The region a symbol is the (initial or invalidated) value of, if any:
/// where a pointer was read from.
const clang::ento::TypedValueRegion *
regionOfValueSymbol(clang::ento::SymbolRef Sym);

/// True when some field on the way from \p R down to its base belongs to the
/// request struct.
bool isInsideRequestObject(const clang::ento::MemRegion *R);

/// Storage that outlives any one request.
enum class LongLivedKind {
  None,
  Static,     ///< A global or static variable, or what one points to.
  ModuleConf, ///< A module's main/srv/loc configuration (r->loc_conf[...]),
              ///< or what it points to: lives until nginx reloads.
  Cycle,      ///< The cycle (ngx_cycle) or what it points to.
  Connection, ///< A field of the connection that survives keepalive
              ///< (c->addr_text, c->sockaddr): the next request reads it.
};

struct LongLivedPlace {
  LongLivedKind Kind = LongLivedKind::None;
  /// The long-lived variable (Static) or connection object (Connection).
  const clang::ento::MemRegion *Root = nullptr;
  /// The pointer to the long-lived object (ModuleConf, Cycle): the value of
  /// `r->loc_conf[m.ctx_index]`, of `ngx_cycle`.
  clang::ento::SymbolRef RootSym = nullptr;
  /// For ModuleConf: which configuration ("main", "srv", "loc").
  llvm::StringRef Level;

  explicit operator bool() const { return Kind != LongLivedKind::None; }
};

/// Where \p R lives, when it outlives the request that runs: a static, a
/// module's configuration, the cycle, a connection field kept across
/// keepalive requests. The request object and the request's own memory are
/// never long-lived (c->data = r is where nginx keeps the request).
LongLivedPlace longLivedPlace(const clang::ento::MemRegion *R);

/// When \p Sym points to a long-lived object itself (the configuration
/// `ngx_http_get_module_loc_conf(r, m)` returns, the cycle): which.
LongLivedPlace longLivedObject(clang::ento::SymbolRef Sym);

/// When \p Sym is a value read from long-lived storage (a pool pointer
/// saved in a configuration at configuration time, `llcf->pool`; a
/// container's `pool` field when the container lives in one): where.
LongLivedPlace savedPoolPlace(clang::ento::SymbolRef Sym);

/// Words for a long-lived place in messages: "the module's location
/// configuration", "static storage", "the cycle", "the connection".
std::string describeLongLived(const LongLivedPlace &P);

/// True when \p Sym is the request itself (a pointer to the request
/// struct) or a module context read from `r->ctx[]` (\p IsCtx).
bool isRequestOrCtx(clang::ento::SymbolRef Sym, bool &IsCtx);

/// When \p Sym is a pointer to bytes the path read out of the request
/// object, or out of what the request points to (`r->headers_in.host.data`,
/// `r->headers_in.x_real_ip->value.data`, `r->uri.data`: header buffers and
/// request-pool memory), the field of the request it came through; null
/// for what the request only refers to (r->connection, the configurations)
/// and for what is read through a connection or an event on the way.
const clang::ento::FieldRegion *requestDataField(clang::ento::SymbolRef Sym);

/// When the code at \p LC runs, as nginx calls the outermost function of
/// the path (the one the analysis started from), judged by what it receives:
///   PerRequest    - a request (handlers, filters, variable getters,
///                   upstream callbacks), a stream or mail session;
///   PerEvent      - an event (timer and I/O handlers), a connection, a
///                   resolver context (resolver callbacks);
///   Configuration - a ngx_conf_t (directive handlers, postconfiguration,
///                   create/merge conf) or a cycle (init_module,
///                   init_process, exit_process): runs once per start,
///                   reload or worker;
///   Unknown       - anything else (no verdict).
/// A parameter of the first kinds wins over a configuration parameter.
enum class CodeRole { Unknown, Configuration, PerRequest, PerEvent };
CodeRole codeRole(const clang::LocationContext *LC);
/// The function whose parameters codeRole() judged, and the parameter.
const clang::ParmVarDecl *
codeRoleParameter(const clang::LocationContext *LC);

//===----------------------------------------------------------------------===//
// Events and their timers (NginxTimers.cpp; used by nginx.TimerLifetime)
//===----------------------------------------------------------------------===//

extern const NginxField EventTimerSet;   // ngx_event_s::timer_set
extern const NginxField HttpCleanupData; // ngx_http_cleanup_s::data

/// If \p Sym is a module context read from a request, the value of
/// `r->ctx[module.ctx_index]` that ngx_http_get_module_ctx() reads (the
/// module keeps it in request memory), the request's region; else null.
const clang::ento::MemRegion *requestOfModuleCtx(clang::ento::SymbolRef Sym);

/// True when \p R is the `data` field of a cleanup record, a pool's
/// (ngx_pool_cleanup_add) or a request's (ngx_http_cleanup_add): the object
/// stored there is what the cleanup's handler gets to work on.
bool isCleanupDataField(const clang::ento::MemRegion *R);

/// True when some function of the translation unit is set as the handler
/// of a pool or request cleanup and deletes a timer, itself or through the
/// functions it calls, or is a function the unit cannot see into: the
/// module cleans up the timers of its contexts when requests end.
bool unitHasTimerDeletingCleanup(const ApiTable &Api, clang::ASTContext &Ctx);

//===----------------------------------------------------------------------===//
// Fix-its (NginxFixIts.cpp; nginx.PoolLifetime)
//===----------------------------------------------------------------------===//

/// The request variable whose pool can take the place of the pool argument
/// \p PoolArg of the call \p Call in \p Function, for the same request on
/// every path (\p PM: the parents in the function's body):
///   - `R->connection->pool`, R a parameter or local pointing to a request;
///   - `C->pool`, C a local that the function only ever sets to
///     `R->connection` (never else, its address never taken), R a
///     parameter, or a local in scope at the call, never set again nor its
///     address taken, and no other variable of the function named as R is.
/// Null otherwise (`r->main->connection->pool`, a parameter `c`, ...).
const clang::VarDecl *requestOfConnectionPoolArg(const clang::Expr *PoolArg,
                                                 const clang::Stmt *Call,
                                                 const clang::Decl *Function,
                                                 const clang::ParentMap &PM);

/// The pool of the request \p Request points to, as code: "r->pool".
std::string requestPoolSpelling(const clang::VarDecl *Request);

//===----------------------------------------------------------------------===//
// Annotations from include/ngx_pool_check.h
//===----------------------------------------------------------------------===//

/// `annotate` string of NGX_PC_CONNECTION_SCOPE.
extern const llvm::StringLiteral ConnectionScopeAnnotation;

/// True when \p D carries `__attribute__((annotate(Annotation)))`.
bool hasAnnotation(const clang::Decl *D, llvm::StringRef Annotation);

/// True when the current function, or any function that called it on this
/// path, carries the annotation.
bool isInAnnotatedScope(const clang::LocationContext *LC,
                        llvm::StringRef Annotation);

} // namespace model
} // namespace ngx_pool_check

#endif // NGX_POOL_CHECK_NGINX_MODEL_H
