//===- NginxApi.h - The one table of nginx and libc functions ---*- C++ -*-===//
//
// What each nginx (and C library) function does, in the terms every checker
// needs: it allocates from a pool, creates or ends a pool, registers a pool
// cleanup, acquires, releases or uses a descriptor or handle, arms or
// deletes a timer, forks or execs. One row per function, in NginxApi.cpp;
// a checker looks a call up and reads the row, and never names a function
// itself. Module authors add rows of their own with the annotations of
// include/ngx_pool_check.h or nginx.ResourceLeak's ConfigFile option; they
// go into the same table.
//
// Rows are matched with clang's CallDescription: C library functions in
// CDM::CLibraryMaybeHardened mode (so that `__read_chk`, which glibc's
// -D_FORTIFY_SOURCE wrappers call, is `read`), nginx's own in
// CDM::SimpleFunc mode with their exact number of arguments.
//
//===----------------------------------------------------------------------===//

#ifndef NGX_POOL_CHECK_NGINX_API_H
#define NGX_POOL_CHECK_NGINX_API_H

#include "clang/StaticAnalyzer/Core/PathSensitive/CallDescription.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace clang {
class ASTContext;
class CallExpr;
class Decl;
class FunctionDecl;
class LocationContext;
class QualType;
namespace ento {
class CallEvent;
} // namespace ento
} // namespace clang

namespace ngx_pool_check {
namespace model {

//===----------------------------------------------------------------------===//
// Pools and allocations
//===----------------------------------------------------------------------===//

/// Where a call finds the pool it works on: argument Arg itself, or the
/// `pool` field of the struct argument Arg points to (a cycle's pool, the
/// pool an array or list grows from, an ngx_regex_compile_t's pool).
struct PoolRef {
  unsigned Arg = 0;
  bool InPoolField = false;
};

enum class AllocKind {
  Block,     ///< Returns a block of some size: ngx_palloc(pool, size).
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

/// How big the block an allocation returns is.
enum class SizeKind {
  None,       ///< Not known to the model.
  Argument,   ///< The value of argument SizeArg.
  ResultType, ///< sizeof the object the result points to.
  StringLen,  ///< The `len` field of the string argument SizeArg points to
              ///< (a copy of it).
};

/// How an allocator may hand back memory it allocated before instead of
/// growing the pool.
enum class ReuseKind {
  None,
  PoolFreeChain, ///< Takes the pool's free chain links (pool->chain) first.
  FreeListArg,   ///< Takes *ReuseArg, a free list the caller keeps, first.
};

struct Allocation {
  AllocKind Kind;
  PoolRef Pool;
  SizeKind Size = SizeKind::None;
  unsigned SizeArg = 0;
  ReuseKind Reuse = ReuseKind::None;
  unsigned ReuseArg = 0;
  /// Its blocks always have memory of their own, whatever the size
  /// (ngx_pmemalign): the blocks ngx_pfree() gives back.
  bool AlwaysLarge = false;

  /// True when the call returns memory nobody else points to yet.
  bool returnsNewMemory() const {
    return Kind == AllocKind::Block || Kind == AllocKind::Object ||
           Kind == AllocKind::Container;
  }
};

enum class PoolEndKind {
  Destroy, ///< Frees the pool, its blocks and runs its cleanups.
  Reset,   ///< Frees the large blocks, keeps the pool for reuse.
};

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

/// The SuccessWhen of a function returning \p T, declared by an author.
SuccessWhen successOfReturnType(clang::QualType T);

/// One thing a call does to a resource.
struct ResourceEffect {
  ResourceRole Role;
  ResourceKind Kind = ResourceKind::Descriptor;
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
  /// Acquire: the resource is already held by a cleanup of the pool in
  /// argument HeldByCleanupOfArg, which releases it when the pool goes
  /// (ngx_open_cached_file): releasing it by hand is a second release.
  std::optional<unsigned> HeldByCleanupOfArg;
  /// Release: releases only through the pool cleanup that holds the
  /// resource (ngx_pool_run_cleanup_file runs it early); with no such
  /// cleanup it does nothing.
  bool RunsPoolCleanup = false;
  /// The function, for messages ("opened by 'open'").
  std::string Function;
};

//===----------------------------------------------------------------------===//
// Events
//===----------------------------------------------------------------------===//

enum class EventOp {
  ArmTimer,    ///< Puts the event into the worker's timer tree.
  DeleteTimer, ///< Takes it out.
};

//===----------------------------------------------------------------------===//
// A row
//===----------------------------------------------------------------------===//

/// What one function does. Built with the chained setters below:
///   nginx("ngx_palloc", 2).allocates(AllocKind::Block, pool(0), size(1))
struct ApiFunction {
  std::string Name;
  /// A C library function (matched with its hardened variants), rather than
  /// one of nginx's or an author's.
  bool IsLibc = false;
  /// nginx's functions: the exact number of arguments.
  std::optional<unsigned> NumArgs;
  /// C library functions: at least this many (open() is variadic).
  unsigned MinArgs = 0;
  /// Declared by a module author (annotation or configuration file).
  bool Declared = false;

  std::optional<Allocation> Allocates;
  /// Creates a pool; the argument is its size (ngx_create_pool).
  std::optional<unsigned> CreatesPoolOfSizeArg;
  /// Destroys or resets the pool in argument EndsPoolArg.
  std::optional<PoolEndKind> EndsPool;
  unsigned EndsPoolArg = 0;
  /// Adds a cleanup record to a pool; the record's data is a new block of
  /// the size in argument CleanupSizeArg (ngx_pool_cleanup_add).
  std::optional<PoolRef> AddsCleanupTo;
  unsigned CleanupSizeArg = 0;
  /// Gives a block back to its pool: ngx_pfree(pool, p).
  std::optional<std::pair<unsigned, unsigned>> FreesBlock; // pool, pointer
  /// Returns a buffer whose memory, start to end, is a new block of the
  /// size in this argument (ngx_create_temp_buf).
  std::optional<unsigned> BufferSizeArg;
  /// Returns new memory of the C heap (malloc, ngx_alloc).
  bool HeapAllocates = false;
  /// Reads the next entry of the directory in this argument, changing only
  /// its entry fields (ngx_read_dir).
  std::optional<unsigned> ReadsDirectoryArg;
  /// fork(), vfork(): the child sees 0.
  bool Forks = false;
  /// The exec family: returns only when it fails, with -1.
  bool ReplacesProgram = false;
  /// Arms or deletes the timer of the event in argument EventArg.
  std::optional<EventOp> Event;
  unsigned EventArg = 0;
  /// Everything the call changes, when that is all it does: new contents in
  /// the buffers these arguments point to, new values in these fields of
  /// the struct argument FieldsArg points to, and its result. Nothing else
  /// changes, so what the struct holds (ngx_read_file's file->fd) stays.
  struct Changes {
    llvm::SmallVector<unsigned, 1> Buffers;
    unsigned FieldsArg = 0;
    llvm::SmallVector<std::string, 2> Fields;
  };
  std::optional<Changes> ChangesOnly;
  /// As a pool cleanup's handler, releases the descriptor in this field of
  /// the cleanup's data (ngx_pool_cleanup_file closes data->fd).
  std::optional<std::string> CleanupReleasesDataField;
  /// Descriptors and handles it acquires, releases, uses or takes.
  llvm::SmallVector<ResourceEffect, 1> Resources;

  // Setters, for the table.
  ApiFunction &&allocates(AllocKind K, PoolRef P) &&;
  ApiFunction &&sized(SizeKind S, unsigned Arg = 0) &&;
  ApiFunction &&reusing(ReuseKind R, unsigned Arg = 0) &&;
  ApiFunction &&alwaysLarge() &&;
  ApiFunction &&createsPool(unsigned SizeArg) &&;
  ApiFunction &&endsPool(PoolEndKind K, unsigned Arg) &&;
  ApiFunction &&addsCleanup(PoolRef P, unsigned SizeArg) &&;
  ApiFunction &&freesBlock(unsigned PoolArg, unsigned PtrArg) &&;
  ApiFunction &&createsBuffer(unsigned SizeArg) &&;
  ApiFunction &&heapAllocates() &&;
  ApiFunction &&readsDirectory(unsigned Arg) &&;
  ApiFunction &&forks() &&;
  ApiFunction &&replacesProgram() &&;
  ApiFunction &&event(EventOp Op, unsigned Arg) &&;
  ApiFunction &&acquires(ResourceKind K, llvm::StringRef Family,
                         SuccessWhen S = SuccessWhen::NonNegative) &&;
  ApiFunction &&acquiresInto(ResourceKind K, llvm::StringRef Family,
                             unsigned Arg, ResultPlace Place,
                             unsigned Count = 1,
                             llvm::StringRef Field = "") &&;
  ApiFunction &&acquiresOnDupCommand(unsigned CmdArg) &&;
  ApiFunction &&heldByCleanupOf(unsigned PoolArg) &&;
  ApiFunction &&releases(llvm::StringRef Family, unsigned Arg) &&;
  ApiFunction &&releasesThroughCleanup(llvm::StringRef Family,
                                       unsigned Arg) &&;
  ApiFunction &&uses(llvm::StringRef Family, unsigned Arg) &&;
  ApiFunction &&usesField(llvm::StringRef Family, unsigned Arg,
                          llvm::StringRef Field) &&;
  ApiFunction &&takes(llvm::StringRef Family, unsigned Arg) &&;
  ApiFunction &&changesOnly(std::initializer_list<unsigned> Buffers,
                            unsigned FieldsArg,
                            std::initializer_list<const char *> Fields) &&;
  ApiFunction &&asCleanupReleasesDataField(llvm::StringRef Field) &&;

  /// The resource effects with role \p R.
  llvm::SmallVector<const ResourceEffect *, 1> resources(ResourceRole R) const;
};

/// A row for one of nginx's functions (or a module's), with its exact
/// number of arguments.
ApiFunction nginx(llvm::StringRef Name, unsigned NumArgs);
/// A row for a C library function taking at least \p MinArgs arguments.
ApiFunction libc(llvm::StringRef Name, unsigned MinArgs);

/// PoolRef helpers for the table: the pool in argument N; the `pool` field
/// of the struct argument N points to.
inline PoolRef pool(unsigned Arg) { return {Arg, false}; }
inline PoolRef poolFieldOf(unsigned Arg) { return {Arg, true}; }

//===----------------------------------------------------------------------===//
// The table
//===----------------------------------------------------------------------===//

/// The functions the checkers know: the built-in rows, plus those a module
/// author declares in a configuration file or with the annotations of
/// include/ngx_pool_check.h. One instance per checker (a CallDescription
/// remembers the identifier it resolved in one translation unit).
class ApiTable {
public:
  ApiTable();
  ~ApiTable();
  ApiTable(const ApiTable &) = delete;
  ApiTable &operator=(const ApiTable &) = delete;

  /// What \p Call does, or null when the table does not know the function.
  const ApiFunction *lookup(const clang::ento::CallEvent &Call) const;
  /// The same for a call seen in the AST only (a symbol's origin, the call
  /// site of an inlined frame).
  const ApiFunction *lookupAsWritten(const clang::CallExpr &Call) const;
  /// What the function \p FD does when it is called with its declared
  /// parameters (a function pointer stored as a cleanup's handler).
  const ApiFunction *lookupFunction(const clang::FunctionDecl *FD) const;

  /// Read declarations from a configuration file's text; one problem per
  /// line is appended to \p Errors ("line 3: unknown role 'aquire'").
  void addFromConfig(llvm::StringRef Text, std::vector<std::string> &Errors);

private:
  struct Candidate {
    clang::ento::CallDescription Desc;
    const ApiFunction *Row;
  };
  /// Rows by the name they match (hardened variants find the base name).
  llvm::StringMap<llvm::SmallVector<Candidate, 1>> ByName;
  /// Rows this instance owns: configuration-file declarations.
  std::vector<std::unique_ptr<ApiFunction>> Declared;
  /// Rows made from the annotations on a function, by its canonical decl.
  mutable llvm::DenseMap<const clang::Decl *, std::unique_ptr<ApiFunction>>
      FromAnnotations;
  /// What find() answered, by callee and argument count, for calls
  /// (AsCall) and for calls as written: the checkers ask about every call
  /// several times on every path, and the answer depends on nothing else.
  enum MatchKind : unsigned { AsCall, AsWritten };
  using MatchKey = std::tuple<const clang::FunctionDecl *, unsigned, unsigned>;
  mutable llvm::DenseMap<MatchKey, const ApiFunction *> Answers;

  void index(const ApiFunction &Row);
  const ApiFunction *fromAnnotations(const clang::FunctionDecl *FD) const;
  template <typename MatchFn>
  const ApiFunction *find(const clang::FunctionDecl *FD, unsigned NumArgs,
                          MatchFn Matches) const;
  template <typename MatchFn>
  const ApiFunction *findOnce(MatchKind Kind, const clang::FunctionDecl *FD,
                              unsigned NumArgs, MatchFn Matches) const;
};

/// True when the current location is inside the body of a function the
/// table knows to allocate (an inlined ngx_array_init, or nginx's own
/// ngx_palloc.c), at any depth: the outer call is the one to reason about.
bool isInsideModeledAllocator(const ApiTable &Api,
                              const clang::LocationContext *LC);

/// True when the current location is inside the body of any function the
/// table knows (glibc's inline read() wrapper calling __read_chk): what it
/// does there is what its row says.
bool isInsideModeledFunction(const ApiTable &Api,
                             const clang::LocationContext *LC);

/// True when some code of the translation unit (its functions and the
/// inline functions of its headers) calls, or takes the address of, a
/// function whose row \p Wanted accepts. What a unit never calls cannot
/// happen on any of its paths: checkers use it to follow nothing in units
/// where they cannot report.
bool unitUses(const ApiTable &Api, clang::ASTContext &Ctx,
              llvm::function_ref<bool(const ApiFunction &)> Wanted);

/// unitUses: gives blocks back to their pool (ngx_pfree()).
bool unitFreesPoolBlocks(const ApiTable &Api, clang::ASTContext &Ctx);

/// unitUses: arms a timer (ngx_add_timer()).
bool unitArmsTimers(const ApiTable &Api, clang::ASTContext &Ctx);

} // namespace model
} // namespace ngx_pool_check

#endif // NGX_POOL_CHECK_NGINX_API_H
