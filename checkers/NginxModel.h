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
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/DenseMap.h"
#include <optional>
#include <string>

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
extern const NginxField RequestConnection;     // ngx_http_request_t::connection
extern const NginxField RequestHttpConnection; // ngx_http_request_t::http_connection
extern const NginxField RequestPool;           // ngx_http_request_t::pool
extern const NginxField ConnectionPool;        // ngx_connection_t::pool
extern const NginxField PoolFreeChain;         // ngx_pool_t::chain
extern const NginxField ContainerPool;         // ngx_array_t::pool, ngx_list_t::pool

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
};

/// Forget what the model remembers about symbols that died.
ProgramStateRef removeDeadSymbols(ProgramStateRef State, SymbolReaper &SR);

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
bool isConnectionSlot(SymbolRef Sym,
                      llvm::function_ref<bool(SymbolRef)> IsConnectionMemory =
                          nullptr);

//===----------------------------------------------------------------------===//
// Functions that allocate from a pool
//===----------------------------------------------------------------------===//

enum class AllocKind {
  Block,  ///< Returns a block of the given size: ngx_palloc(pool, size).
  Object, ///< Returns an nginx object allocated from the pool: a buffer,
          ///< chain link, cleanup record, string copy.
  Container, ///< Returns a container (array, list) that remembers the pool
             ///< in its `pool` field and grows from it.
  Init,   ///< Initialises a caller-provided container and allocates its
          ///< storage from the pool: ngx_array_init(&a, pool, n, size).
  Grow,   ///< May grow a container from the container's own pool:
          ///< ngx_array_push(a) allocates from a->pool.
  Uses,   ///< Allocates from the pool as part of its work: ngx_parse_url(),
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
// Annotations from include/ngx_pool_check.h
//===----------------------------------------------------------------------===//

/// `annotate` strings of the C annotation header.
extern const llvm::StringLiteral ConnectionScopeAnnotation;

/// True when \p D carries `__attribute__((annotate(Annotation)))`.
bool hasAnnotation(const Decl *D, llvm::StringRef Annotation);

/// True when the current function, or any function that called it on this
/// path, carries the annotation.
bool isInAnnotatedScope(const LocationContext *LC, llvm::StringRef Annotation);

} // namespace model
} // namespace ngx_pool_check

#endif // NGX_POOL_CHECK_NGINX_MODEL_H
