//===- NginxModel.h - What the checkers know about nginx's API -*- C++ -*-===//
//
// The one place that knows nginx's API. Checkers ask it questions about
// symbolic values ("is this pool the connection pool of a request?", "which
// argument of this call is the pool it allocates from?") and never list nginx
// functions, structs or fields themselves. A new nginx function is one line
// in NginxModel.cpp.
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

#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ExplodedGraph.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/MemRegion.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramState_Fwd.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/SVals.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringRef.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ngx_pool_check {
namespace model {

using namespace clang;
using namespace clang::ento;

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
extern const NginxField RequestConnection; // ngx_http_request_t::connection
extern const NginxField
    RequestHttpConnection;              // ngx_http_request_t::http_connection
extern const NginxField RequestPool;    // ngx_http_request_t::pool
extern const NginxField ConnectionPool; // ngx_connection_t::pool
extern const NginxField PoolFreeChain;  // ngx_pool_t::chain
extern const NginxField ContainerPool;  // ngx_array_t::pool, ngx_list_t::pool

/// The tag or typedef name of a record (nginx uses both `struct ngx_pool_s`
/// and anonymous `typedef struct {...} ngx_array_t`).
llvm::StringRef recordName(const RecordDecl *RD);

/// True when \p FR is the field \p F (possibly seen through casts).
bool isField(const FieldRegion *FR, const NginxField &F);

/// True when \p T is (a pointer to) the nginx request struct.
bool isRequestType(QualType T);

//===----------------------------------------------------------------------===//
// Where a pool comes from
//===----------------------------------------------------------------------===//

enum class PoolKind {
  Unknown,    ///< Nothing is known about this pool.
  Request,    ///< `r->pool`: destroyed when the request ends.
  Connection, ///< `c->pool`: destroyed when the client connection closes.
  Created,    ///< Returned by ngx_create_pool() on this path.
};

struct PoolOrigin {
  PoolKind Kind = PoolKind::Unknown;
  /// The pool's symbol (the value of the `pool` field, or the result of
  /// ngx_create_pool).
  SymbolRef PoolSym = nullptr;
  /// For Connection: the connection's symbol.
  SymbolRef ConnectionSym = nullptr;
  /// For Connection: the request whose `connection` field the connection was
  /// read from, when it was read from one. For Request: the request.
  const MemRegion *Request = nullptr;
  /// For Created: the size passed to ngx_create_pool().
  std::optional<SVal> CreatedSize;

  bool isConnectionOfRequest() const {
    return Kind == PoolKind::Connection && Request;
  }
};

/// Classify a pool value, or the symbol a pool pointer points to.
PoolOrigin classifyPool(SVal Pool, ProgramStateRef State);
PoolOrigin classifyPoolSymbol(SymbolRef Pool, ProgramStateRef State);

/// The symbol a pointer value points into (the base of its region), or the
/// value's own symbol; null when there is none.
SymbolRef pointeeSymbol(SVal V);

/// If \p Sym is the value of `req->connection` for some request, the request's
/// region; otherwise null.
const MemRegion *requestOfConnection(SymbolRef Sym);

/// Names regions and values the way the code at hand spells them, for
/// messages: "r", "hc->busy", "r->connection". A variable of the current
/// function that points to a region names it (looking back along the path a
/// little, as a variable is often dead by the time its value is used);
/// otherwise the name is built from where the value was read
/// ("c->data->connection").
class RegionNamer {
public:
  explicit RegionNamer(const ExplodedNode *N);

  /// The expression for the object at \p R; empty when it has none.
  std::string name(const MemRegion *R) const;
  /// The expression whose value \p Sym is; empty when there is none.
  std::string nameOfValue(SymbolRef Sym) const;
  /// A variable that holds \p Sym (an int descriptor) or points to it (a
  /// handle); empty when none does.
  std::string holderOf(SymbolRef Sym) const;
  /// Like name(), with \p Fallback when there is no name.
  std::string nameOr(const MemRegion *R, llvm::StringRef Fallback) const;
  /// The expression for the location \p R itself: "c", "ctx->pool".
  std::string nameOfPlace(const MemRegion *R) const {
    return R ? nameOfLocation(R, 0) : std::string();
  }

private:
  std::string nameOfLocation(const MemRegion *R, unsigned Depth) const;
  std::string nameOfObject(const MemRegion *R, unsigned Depth) const;

  /// A variable that points to each region: pointee -> variable name.
  llvm::DenseMap<const MemRegion *, std::string> PointedToBy;
  /// A variable that holds each symbolic value: value -> variable name.
  llvm::DenseMap<SymbolRef, std::string> HeldBy;
};

/// Forget what the model remembers about symbols that died.
ProgramStateRef removeDeadSymbols(ProgramStateRef State, SymbolReaper &SR);
/// Keep alive what the model still needs: the size a live pool was created
/// with (with its constraints, e.g. `n >= 2048` from a branch).
void markLiveSymbols(ProgramStateRef State, SymbolReaper &SR);

/// Remember that \p Pool was created by ngx_create_pool(\p Size) on this path.
ProgramStateRef recordCreatedPool(ProgramStateRef State, SymbolRef Pool,
                                  SVal Size);

//===----------------------------------------------------------------------===//
// Connection-lifetime memory
//===----------------------------------------------------------------------===//

/// True when \p R lives as long as the client connection: the connection
/// object read from a request, the request's `http_connection`, and objects
/// reached through pointers stored in those (a request object reached that
/// way, e.g. through `c->data`, is not). \p IsConnectionMemory extends this
/// with memory a checker knows to be kept by the connection.
bool isConnectionLifetimeRegion(
    const MemRegion *R,
    llvm::function_ref<bool(SymbolRef)> IsConnectionMemory = nullptr);

/// True when \p Sym is a value read from connection-lifetime memory (a
/// "slot" of the connection, such as `hc->free`).
bool isConnectionSlot(
    SymbolRef Sym,
    llvm::function_ref<bool(SymbolRef)> IsConnectionMemory = nullptr);

//===----------------------------------------------------------------------===//
// Functions that allocate from a pool
//===----------------------------------------------------------------------===//

enum class AllocKind {
  Block,     ///< Returns a block of the given size: ngx_palloc(pool, size).
  Object,    ///< Returns an nginx object allocated from the pool: a buffer,
             ///< chain link, cleanup record, string copy.
  Container, ///< Returns a container (array, list) that remembers the pool
             ///< in its `pool` field and grows from it.
  Init,      ///< Initialises a caller-provided container and allocates its
             ///< storage from the pool: ngx_array_init(&a, pool, n, size).
  Grow,      ///< May grow a container from the container's own pool:
             ///< ngx_array_push(a) allocates from a->pool.
  Uses,      ///< Allocates from the pool as part of its work: ngx_parse_url(),
             ///< ngx_create_temp_file(), ngx_ssl_get_*().
};

/// How an allocator may hand back memory it allocated before instead of
/// growing the pool.
enum class ReuseKind {
  None,
  PoolFreeChain, ///< ngx_alloc_chain_link(): takes pool->chain first.
  FreeListArg,   ///< ngx_chain_get_free_buf(p, &free): takes *free first.
};

struct PoolAllocator {
  llvm::StringLiteral Name;
  unsigned NumArgs;
  AllocKind Kind;
  /// The pool argument; for Grow, the container argument.
  unsigned PoolArg;
  /// For Block: the size argument.
  std::optional<unsigned> SizeArg = std::nullopt;
  ReuseKind Reuse = ReuseKind::None;
  /// The argument ReuseKind::FreeListArg reads.
  unsigned ReuseArg = 0;
};

/// The allocator this call is, if it is one.
const PoolAllocator *findPoolAllocator(const CallEvent &Call);
/// The allocator this function is, if it is one (for frames of inlined
/// calls).
const PoolAllocator *findPoolAllocator(const Decl *D);

/// The pool \p Call allocates from, in \p State (the state before the call).
/// For Grow, this is the container's `pool` field.
SVal getAllocationPool(const CallEvent &Call, const PoolAllocator &A,
                       ProgramStateRef State);

/// The field of a container that holds the pool it grows from.
const FieldDecl *containerPoolField(QualType ContainerPtr);

/// If \p Call creates a pool (ngx_create_pool), the size it asks for.
std::optional<SVal> getCreatedPoolSize(const CallEvent &Call);

/// True when, in \p State, the call is known to hand back memory from a free
/// list rather than allocating (the list is known not to be empty).
bool reusesFreeList(const CallEvent &Call, const PoolAllocator &A,
                    ProgramStateRef State);

/// True when the body of \p D returns chain links to a pool's free list
/// (ngx_free_chain(), which stores into `pool->chain`): a function that does
/// recycles links, and its ngx_alloc_chain_link() calls are taken to reuse
/// them even on paths where the analyzer did not see a link returned.
bool recyclesChainLinks(const Decl *D);

/// True when the current location is inside the body of an allocator the
/// model knows (an inlined ngx_array_init, or nginx's own ngx_palloc.c): the
/// outer call is the allocation to reason about.
bool isInsideModeledAllocator(const LocationContext *LC);

//===----------------------------------------------------------------------===//
// How big a pool's "small" allocations can be
//===----------------------------------------------------------------------===//

/// The configuration the small limits follow (Pfree's checker options).
struct PoolSizes {
  uint64_t RequestPoolSize = 4096;   ///< request_pool_size's default
  uint64_t ConnectionPoolSize = 512; ///< connection_pool_size's (64-bit)
  uint64_t PageSize = 4096;          ///< NGX_MAX_ALLOC_FROM_POOL + 1
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
  std::optional<SVal> SizeLessHeader;
  /// NGX_MAX_ALLOC_FROM_POOL.
  uint64_t MaxAllocFromPool;
  /// For messages: the limit when it is a known number.
  std::optional<uint64_t> Known;
};

SmallLimit smallLimit(const PoolOrigin &Pool, const PoolSizes &Sizes,
                      QualType PoolPtrType, ProgramStateRef State,
                      SValBuilder &SVB);

/// Bounds of an unsigned size on the current path, where the constraint
/// manager alone cannot give them: it knows `len <= 1024` but not what that
/// makes of `len * 2` or ngx_align(len, 8). Sums, products, shifts and masks
/// of constants and constrained symbols are folded; anything that may wrap
/// around is unbounded.
struct SizeBounds {
  uint64_t Min = 0;
  uint64_t Max = UINT64_MAX;
};
SizeBounds sizeBounds(SVal Size, ProgramStateRef State, SValBuilder &SVB);

/// The size in bytes of the block \p Call allocates, as a value, when the
/// model knows it: the size argument of ngx_palloc & co., sizeof the object
/// of ngx_alloc_chain_link & co., src->len of ngx_pstrdup.
std::optional<SVal> allocationSize(const CallEvent &Call,
                                   const PoolAllocator &A,
                                   ProgramStateRef State, ASTContext &Ctx,
                                   SValBuilder &SVB);

/// True for ngx_pmemalign(), whose blocks are always large.
bool alwaysLarge(const PoolAllocator &A);

/// True for ngx_pfree(pool, p).
bool isPoolFree(const CallEvent &Call);

/// True when some function of the translation unit calls ngx_pfree().
bool callsPoolFree(ASTContext &Ctx);

/// True when the block \p Call allocates from \p Pool may be a large one on
/// this path (larger than the pool's small limit with nginx's default pool
/// sizes), which ngx_pfree() can give back: a size not known to be small.
bool mayBeLargeBlock(const CallEvent &Call, const PoolAllocator &A,
                     const PoolOrigin &Pool, ProgramStateRef State,
                     SValBuilder &SVB);

/// True for ngx_create_temp_buf(pool, size), whose buffer's memory (from
/// `start` to `end`) is a block of `size` bytes.
bool isTempBufCreation(const CallEvent &Call);

/// The fields of ngx_buf_t that delimit its memory.
extern const NginxField BufStart, BufPos, BufLast, BufEnd;

/// The function \p R's memory came from when it is a block of the C heap
/// (malloc, ngx_alloc, ...); empty otherwise.
llvm::StringRef heapAllocatorOf(const MemRegion *R);

//===----------------------------------------------------------------------===//
// Memory a function owns
//===----------------------------------------------------------------------===//

/// True when \p R lives in memory allocated on the current path (a pool
/// block, a heap block, a cleanup record and its data): nothing outside the
/// function can reach it until a pointer to it is stored somewhere.
bool isFreshMemory(const MemRegion *R);

/// True when \p R lives in the current function's stack frame, or a
/// caller's on this path (locals, parameters, local structs).
bool isStackMemory(const MemRegion *R);

//===----------------------------------------------------------------------===//
// Pool cleanups
//===----------------------------------------------------------------------===//

/// True for ngx_pool_cleanup_add(pool, size).
bool isCleanupAdd(const CallEvent &Call);

/// True for fork() and vfork(): in the child (result 0) the process goes on
/// to exec another program or to exit, or, in a daemon, becomes the process.
bool isProcessFork(const CallEvent &Call);

/// True for the exec family (execve, execvp, ...): they return only when
/// they fail, with -1.
bool isProgramReplacement(const CallEvent &Call);

/// True for ngx_read_dir(dir), which changes only the entry fields of dir.
bool isDirectoryRead(const CallEvent &Call);
/// The fields of ngx_dir_t that ngx_read_dir() sets.
extern const llvm::StringLiteral DirectoryEntryFields[2];

/// The field \p Name of the struct \p PtrType points to, if any.
const FieldDecl *fieldOf(QualType PtrType, llvm::StringRef Name);

/// `cln->data` of the cleanup record \p Cleanup points to.
SVal cleanupData(SVal Cleanup, ProgramStateRef State);
extern const NginxField CleanupHandler; // ngx_pool_cleanup_s::handler
extern const NginxField CleanupData;    // ngx_pool_cleanup_s::data

/// The pool a resource acquired in code with this stack should be tied to,
/// as an expression for messages: "r->pool" in request code, "c->pool" in
/// connection code, "cf->pool" at configuration time; empty when unknown.
std::string suggestCleanupPool(const LocationContext *LC);

//===----------------------------------------------------------------------===//
// Resources: descriptors and handles a pool does not release
//===----------------------------------------------------------------------===//

/// What kind of thing a resource is, for messages and fix suggestions.
enum class ResourceKind { Descriptor, Socket, Directory, Stream, Custom };

enum class ResourceRole {
  Acquire,  ///< Creates a resource (in the result, or in an out argument).
  Release,  ///< Releases the resource in argument Arg.
  Use,      ///< Needs the resource in argument Arg to be open.
  Transfer, ///< Takes ownership of argument Arg when it succeeds
            ///< (ngx_get_connection).
};

/// Where an acquired resource is put.
enum class ResultPlace {
  Return,   ///< The return value.
  OutArray, ///< Elements [0, Count) of the array argument Arg (pipe()).
  OutValue, ///< *Arg (sqlite3_open(name, &db)).
  OutField, ///< Arg->Field (ngx_open_dir(name, &dir) sets dir.dir).
};

/// How a call says it succeeded.
enum class SuccessWhen {
  NonNegative,  ///< The result is >= 0 (descriptors; -1 on failure).
  NonNull,      ///< The result is not NULL.
  Zero,         ///< The result is 0 (pipe(), NGX_OK).
  Always,       ///< It cannot fail (void functions).
  ByReturnType, ///< NonNull for pointers, NonNegative for integers, Always
                ///< for void (functions an author declares).
};

/// The SuccessWhen a function returning \p T has when declared by an author.
SuccessWhen successOfReturnType(QualType T);

struct ResourceFunction {
  std::string Name;
  ResourceRole Role;
  ResourceKind Kind;
  /// Acquire, release and use must agree on it: "fd", "dir", "stream", or a
  /// family an author names ("lua").
  std::string Family;
  /// Release, Use, Transfer: the resource argument. Acquire with an out
  /// place: the out argument.
  unsigned Arg = 0;
  ResultPlace Place = ResultPlace::Return;
  unsigned Count = 1; ///< OutArray: how many.
  std::string Field;  ///< OutField: which field.
  SuccessWhen Success = SuccessWhen::NonNegative;
  /// Acquires only when argument CmdArg is one of the F_DUPFD commands
  /// (fcntl); -1 when unconditional.
  int CmdArg = -1;
  /// Minimum number of arguments (open() is variadic).
  unsigned MinArgs = 0;
  /// Declared by a module author (annotation or configuration file), not
  /// built in.
  bool Declared = false;
};

/// The resource functions the checker knows: nginx's and libc's built in,
/// plus those an author declares with ngx_pool_check.h's annotations or in a
/// configuration file.
class ResourceFunctions {
public:
  ResourceFunctions();

  /// Read declarations from a configuration file's text; one problem per
  /// line is appended to \p Errors ("line 3: unknown role 'aquire'").
  void addFromConfig(llvm::StringRef Text, std::vector<std::string> &Errors);

  /// Every role \p Call plays (fcntl(fd, F_DUPFD) uses one descriptor and
  /// acquires another).
  std::vector<const ResourceFunction *> lookup(const CallEvent &Call) const;

  /// True when \p Call is one the table knows in any role.
  bool knows(const CallEvent &Call) const { return !lookup(Call).empty(); }

private:
  std::vector<ResourceFunction> Table;
  /// Entries made from annotations, kept alive for the returned pointers.
  mutable std::vector<std::unique_ptr<ResourceFunction>> FromAnnotations;
  mutable llvm::DenseMap<const Decl *, std::vector<const ResourceFunction *>>
      AnnotationCache;

  const std::vector<const ResourceFunction *> &
  fromAnnotations(const FunctionDecl *FD) const;
};

/// The nouns messages use: "Descriptor", "Socket", "Directory stream",
/// "FILE stream", "Resource".
llvm::StringRef resourceNoun(ResourceKind K);
/// "opened"/"closed" for descriptors and streams, "acquired"/"released"
/// for other resources.
llvm::StringRef resourceAcquiredWord(ResourceKind K);
llvm::StringRef resourceReleasedWord(ResourceKind K);
/// How to release it: by hand, or with a cleanup on \p Pool (an expression
/// such as "r->pool"; empty when unknown).
std::string resourceReleaseHint(const ResourceFunction &Acquirer,
                                llvm::StringRef Pool);

//===----------------------------------------------------------------------===//
// Annotations from include/ngx_pool_check.h
//===----------------------------------------------------------------------===//

/// `annotate` strings of the C annotation header.
extern const llvm::StringLiteral ConnectionScopeAnnotation;
/// Prefixes of the resource annotations; the family name follows.
extern const llvm::StringLiteral AcquireAnnotation;    // on a function
extern const llvm::StringLiteral AcquireOutAnnotation; // on a parameter
extern const llvm::StringLiteral ReleaseAnnotation;    // on a parameter
extern const llvm::StringLiteral UseAnnotation;        // on a parameter

/// True when \p D carries `__attribute__((annotate(Annotation)))`.
bool hasAnnotation(const Decl *D, llvm::StringRef Annotation);

/// True when the current function, or any function that called it on this
/// path, carries the annotation.
bool isInAnnotatedScope(const LocationContext *LC, llvm::StringRef Annotation);

} // namespace model
} // namespace ngx_pool_check

#endif // NGX_POOL_CHECK_NGINX_MODEL_H
