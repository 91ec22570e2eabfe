//===- NginxApi.cpp - The one table of nginx and libc functions -----------===//
//
// See NginxApi.h. builtinRows() is the nginx API (and the part of the C
// library nginx code uses) as the checkers see it: add a row here and every
// checker knows the function.
//
//===----------------------------------------------------------------------===//

#include "NginxApi.h"

#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/AnalysisDeclContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang;
using namespace clang::ento;

namespace ngx_pool_check {
namespace model {

//===----------------------------------------------------------------------===//
// Building rows
//===----------------------------------------------------------------------===//

ApiFunction nginx(llvm::StringRef Name, unsigned NumArgs) {
  ApiFunction F;
  F.Name = Name.str();
  F.NumArgs = NumArgs;
  return F;
}

ApiFunction libc(llvm::StringRef Name, unsigned MinArgs) {
  ApiFunction F;
  F.Name = Name.str();
  F.IsLibc = true;
  F.MinArgs = MinArgs;
  return F;
}

ApiFunction &&ApiFunction::allocates(AllocKind K, PoolRef P) && {
  Allocates = Allocation{K, P};
  if (K == AllocKind::Object || K == AllocKind::Container)
    Allocates->Size = SizeKind::ResultType;
  return std::move(*this);
}

ApiFunction &&ApiFunction::sized(SizeKind S, unsigned Arg) && {
  Allocates->Size = S;
  Allocates->SizeArg = Arg;
  return std::move(*this);
}

ApiFunction &&ApiFunction::reusing(ReuseKind R, unsigned Arg) && {
  Allocates->Reuse = R;
  Allocates->ReuseArg = Arg;
  return std::move(*this);
}

ApiFunction &&ApiFunction::alwaysLarge() && {
  Allocates->AlwaysLarge = true;
  return std::move(*this);
}

ApiFunction &&ApiFunction::createsPool(unsigned SizeArg) && {
  CreatesPoolOfSizeArg = SizeArg;
  return std::move(*this);
}

ApiFunction &&ApiFunction::endsPool(PoolEndKind K, unsigned Arg) && {
  EndsPool = K;
  EndsPoolArg = Arg;
  return std::move(*this);
}

ApiFunction &&ApiFunction::addsCleanup(PoolRef P, unsigned SizeArg) && {
  AddsCleanupTo = P;
  CleanupSizeArg = SizeArg;
  return std::move(*this);
}

ApiFunction &&ApiFunction::freesBlock(unsigned PoolArg, unsigned PtrArg) && {
  FreesBlock = {PoolArg, PtrArg};
  return std::move(*this);
}

ApiFunction &&ApiFunction::createsBuffer(unsigned SizeArg) && {
  BufferSizeArg = SizeArg;
  return std::move(*this);
}

ApiFunction &&ApiFunction::heapAllocates() && {
  HeapAllocates = true;
  return std::move(*this);
}

ApiFunction &&ApiFunction::readsDirectory(unsigned Arg) && {
  ReadsDirectoryArg = Arg;
  return std::move(*this);
}

ApiFunction &&ApiFunction::forks() && {
  Forks = true;
  return std::move(*this);
}

ApiFunction &&ApiFunction::replacesProgram() && {
  ReplacesProgram = true;
  return std::move(*this);
}

ApiFunction &&ApiFunction::event(EventOp Op, unsigned Arg) && {
  Event = Op;
  EventArg = Arg;
  return std::move(*this);
}

static ResourceEffect effect(ResourceRole Role, ResourceKind Kind,
                             llvm::StringRef Family, llvm::StringRef Function) {
  ResourceEffect E;
  E.Role = Role;
  E.Kind = Kind;
  E.Family = Family.str();
  E.Function = Function.str();
  return E;
}

ApiFunction &&ApiFunction::acquires(ResourceKind K, llvm::StringRef Family,
                                    SuccessWhen S) && {
  ResourceEffect E = effect(ResourceRole::Acquire, K, Family, Name);
  E.Success = S;
  Resources.push_back(E);
  return std::move(*this);
}

ApiFunction &&ApiFunction::acquiresInto(ResourceKind K, llvm::StringRef Family,
                                        unsigned Arg, ResultPlace Place,
                                        unsigned Count,
                                        llvm::StringRef Field) && {
  ResourceEffect E = effect(ResourceRole::Acquire, K, Family, Name);
  E.Success = SuccessWhen::Zero;
  E.Arg = Arg;
  E.Place = Place;
  E.Count = Count;
  E.Field = Field.str();
  Resources.push_back(E);
  return std::move(*this);
}

ApiFunction &&ApiFunction::acquiresOnDupCommand(unsigned CmdArg) && {
  ResourceEffect E =
      effect(ResourceRole::Acquire, ResourceKind::Descriptor, "fd", Name);
  E.CmdArg = CmdArg;
  Resources.push_back(E);
  return std::move(*this);
}

ApiFunction &&ApiFunction::heldByCleanupOf(unsigned PoolArg) && {
  Resources.back().HeldByCleanupOfArg = PoolArg;
  return std::move(*this);
}

ApiFunction &&ApiFunction::changesOnly(
    std::initializer_list<unsigned> Buffers, unsigned FieldsArg,
    std::initializer_list<const char *> Fields) && {
  Changes C;
  C.Buffers.assign(Buffers.begin(), Buffers.end());
  C.FieldsArg = FieldsArg;
  for (const char *F : Fields)
    C.Fields.push_back(F);
  ChangesOnly = std::move(C);
  return std::move(*this);
}

ApiFunction &&ApiFunction::asCleanupReleasesDataField(llvm::StringRef Field) && {
  CleanupReleasesDataField = Field.str();
  return std::move(*this);
}

static ResourceKind kindOfFamily(llvm::StringRef Family) {
  return llvm::StringSwitch<ResourceKind>(Family)
      .Case("fd", ResourceKind::Descriptor)
      .Case("dir", ResourceKind::Directory)
      .Case("stream", ResourceKind::Stream)
      .Default(ResourceKind::Custom);
}

ApiFunction &&ApiFunction::releases(llvm::StringRef Family, unsigned Arg) && {
  ResourceEffect E =
      effect(ResourceRole::Release, kindOfFamily(Family), Family, Name);
  E.Arg = Arg;
  Resources.push_back(E);
  return std::move(*this);
}

ApiFunction &&ApiFunction::releasesThroughCleanup(llvm::StringRef Family,
                                                  unsigned Arg) && {
  ApiFunction &&Self = std::move(*this).releases(Family, Arg);
  Self.Resources.back().RunsPoolCleanup = true;
  return std::move(Self);
}

ApiFunction &&ApiFunction::uses(llvm::StringRef Family, unsigned Arg) && {
  ResourceEffect E =
      effect(ResourceRole::Use, kindOfFamily(Family), Family, Name);
  E.Arg = Arg;
  Resources.push_back(E);
  return std::move(*this);
}

ApiFunction &&ApiFunction::usesField(llvm::StringRef Family, unsigned Arg,
                                     llvm::StringRef Field) && {
  ResourceEffect E =
      effect(ResourceRole::Use, kindOfFamily(Family), Family, Name);
  E.Arg = Arg;
  E.Field = Field.str();
  Resources.push_back(E);
  return std::move(*this);
}

ApiFunction &&ApiFunction::takes(llvm::StringRef Family, unsigned Arg) && {
  ResourceEffect E =
      effect(ResourceRole::Transfer, kindOfFamily(Family), Family, Name);
  E.Arg = Arg;
  Resources.push_back(E);
  return std::move(*this);
}

llvm::SmallVector<const ResourceEffect *, 1>
ApiFunction::resources(ResourceRole R) const {
  llvm::SmallVector<const ResourceEffect *, 1> Out;
  for (const ResourceEffect &E : Resources)
    if (E.Role == R)
      Out.push_back(&E);
  return Out;
}

SuccessWhen successOfReturnType(QualType T) {
  if (T->isVoidType())
    return SuccessWhen::Always;
  if (T->isPointerType())
    return SuccessWhen::NonNull;
  return SuccessWhen::NonNegative;
}

//===----------------------------------------------------------------------===//
// The built-in rows
//===----------------------------------------------------------------------===//

/// An nginx function that allocates from the pool in its first argument as
/// part of its work.
static ApiFunction usesPool(llvm::StringRef Name, unsigned NumArgs,
                            unsigned PoolArg = 0) {
  return nginx(Name, NumArgs).allocates(AllocKind::Uses, pool(PoolArg));
}

/// A C library function that needs an open descriptor in argument \p Arg.
static ApiFunction usesFd(llvm::StringRef Name, unsigned Arg,
                          unsigned MinArgs) {
  return libc(Name, MinArgs).uses("fd", Arg);
}

// nginx 1.22's API (src/core, src/event, src/http, src/os/unix) and the C
// library calls nginx code makes. Macros need no row when they expand to a
// call that has one: ngx_calloc_buf() is ngx_pcalloc(), ngx_open_file() is
// open(), ngx_close_file() close(), ngx_add_timer() ngx_event_add_timer().
static std::vector<ApiFunction> builtinRows() {
  using AK = AllocKind;
  using RK = ResourceKind;
  using RP = ResultPlace;
  std::vector<ApiFunction> T = {
      //===--- Pools ------------------------------------------------------===//
      nginx("ngx_create_pool", 2).createsPool(0),
      nginx("ngx_destroy_pool", 1).endsPool(PoolEndKind::Destroy, 0),
      nginx("ngx_reset_pool", 1).endsPool(PoolEndKind::Reset, 0),
      nginx("ngx_pfree", 2).freesBlock(0, 1),

      //===--- Blocks of memory -------------------------------------------===//
      nginx("ngx_palloc", 2)
          .allocates(AK::Block, pool(0))
          .sized(SizeKind::Argument, 1),
      nginx("ngx_pnalloc", 2)
          .allocates(AK::Block, pool(0))
          .sized(SizeKind::Argument, 1),
      nginx("ngx_pcalloc", 2)
          .allocates(AK::Block, pool(0))
          .sized(SizeKind::Argument, 1),
      nginx("ngx_pmemalign", 3)
          .allocates(AK::Block, pool(0))
          .sized(SizeKind::Argument, 1)
          .alwaysLarge(),

      //===--- nginx objects from a pool ----------------------------------===//
      nginx("ngx_pool_cleanup_add", 2)
          .allocates(AK::Object, pool(0))
          .addsCleanup(pool(0), 1),
      nginx("ngx_array_create", 3).allocates(AK::Container, pool(0)),
      nginx("ngx_list_create", 3).allocates(AK::Container, pool(0)),
      nginx("ngx_create_temp_buf", 2)
          .allocates(AK::Object, pool(0))
          .createsBuffer(1),
      nginx("ngx_create_chain_of_bufs", 2).allocates(AK::Object, pool(0)),
      nginx("ngx_alloc_chain_link", 1)
          .allocates(AK::Object, pool(0))
          .reusing(ReuseKind::PoolFreeChain),
      nginx("ngx_chain_get_free_buf", 2)
          .allocates(AK::Object, pool(0))
          .reusing(ReuseKind::FreeListArg, 1),
      nginx("ngx_pstrdup", 2)
          .allocates(AK::Object, pool(0))
          .sized(SizeKind::StringLen, 1),
      nginx("ngx_radix_tree_create", 2).allocates(AK::Object, pool(0)),
      nginx("ngx_thread_task_alloc", 2).allocates(AK::Object, pool(0)),
      nginx("ngx_open_file_cache_init", 3).allocates(AK::Object, pool(0)),
      nginx("ngx_http_script_start_code", 3).allocates(AK::Object, pool(0)),

      //===--- Containers: initialised in place, or grown from their pool -===//
      nginx("ngx_array_init", 4).allocates(AK::Init, pool(1)),
      nginx("ngx_list_init", 4).allocates(AK::Init, pool(1)),
      nginx("ngx_array_push", 1).allocates(AK::Grow, poolFieldOf(0)),
      nginx("ngx_array_push_n", 2).allocates(AK::Grow, poolFieldOf(0)),
      nginx("ngx_list_push", 1).allocates(AK::Grow, poolFieldOf(0)),

      //===--- Functions that allocate from a pool as part of their work --===//
      usesPool("ngx_chain_add_copy", 3),
      usesPool("ngx_parse_url", 2),
      usesPool("ngx_parse_addr", 4),
      usesPool("ngx_parse_addr_port", 4),
      usesPool("ngx_inet_resolve_host", 2),
      usesPool("ngx_get_full_name", 3),
      usesPool("ngx_crypt", 4),
      usesPool("ngx_libc_crypt", 4),
      usesPool("ngx_ssl_connection_certificate", 4, 1),
      usesPool("ngx_ssl_get_protocol", 3, 1),
      usesPool("ngx_ssl_get_cipher_name", 3, 1),
      usesPool("ngx_ssl_get_ciphers", 3, 1),
      usesPool("ngx_ssl_get_curve", 3, 1),
      usesPool("ngx_ssl_get_curves", 3, 1),
      usesPool("ngx_ssl_get_session_id", 3, 1),
      usesPool("ngx_ssl_get_session_reused", 3, 1),
      usesPool("ngx_ssl_get_early_data", 3, 1),
      usesPool("ngx_ssl_get_server_name", 3, 1),
      usesPool("ngx_ssl_get_alpn_protocol", 3, 1),
      usesPool("ngx_ssl_get_raw_certificate", 3, 1),
      usesPool("ngx_ssl_get_certificate", 3, 1),
      usesPool("ngx_ssl_get_escaped_certificate", 3, 1),
      usesPool("ngx_ssl_get_subject_dn", 3, 1),
      usesPool("ngx_ssl_get_issuer_dn", 3, 1),
      usesPool("ngx_ssl_get_subject_dn_legacy", 3, 1),
      usesPool("ngx_ssl_get_issuer_dn_legacy", 3, 1),
      usesPool("ngx_ssl_get_serial_number", 3, 1),
      usesPool("ngx_ssl_get_fingerprint", 3, 1),
      usesPool("ngx_ssl_get_client_verify", 3, 1),
      usesPool("ngx_ssl_get_client_v_start", 3, 1),
      usesPool("ngx_ssl_get_client_v_end", 3, 1),
      usesPool("ngx_ssl_get_client_v_remain", 3, 1),
      nginx("ngx_regex_compile", 1).allocates(AK::Uses, poolFieldOf(0)),
      // The cycle's pool (cycle->pool), behind the cycle argument: nginx
      // 1.5.4 stopped calling it per request (ngx_get_full_name(r->pool)).
      nginx("ngx_conf_full_name", 3).allocates(AK::Uses, poolFieldOf(0)),
      // The descriptors these open belong to a cleanup of the pool they are
      // given from the start: closed by hand, they are closed twice.
      usesPool("ngx_create_temp_file", 6, 2)
          .acquiresInto(RK::Descriptor, "fd", 0, RP::OutField, 1, "fd")
          .heldByCleanupOf(2),
      usesPool("ngx_open_cached_file", 4, 3)
          .acquiresInto(RK::Descriptor, "fd", 2, RP::OutField, 1, "fd")
          .heldByCleanupOf(3),

      //===--- The C heap -------------------------------------------------===//
      libc("malloc", 1).heapAllocates(),
      libc("calloc", 2).heapAllocates(),
      libc("realloc", 2).heapAllocates(),
      libc("strdup", 1).heapAllocates(),
      libc("strndup", 2).heapAllocates(),
      nginx("ngx_alloc", 2).heapAllocates(),
      nginx("ngx_calloc", 2).heapAllocates(),
      nginx("ngx_memalign", 3).heapAllocates(),

      //===--- Timers -----------------------------------------------------===//
      nginx("ngx_event_add_timer", 2).event(EventOp::ArmTimer, 0),
      nginx("ngx_event_del_timer", 1).event(EventOp::DeleteTimer, 0),

      //===--- Processes --------------------------------------------------===//
      libc("fork", 0).forks(),
      libc("vfork", 0).forks(),
      libc("execv", 2).replacesProgram(),
      libc("execve", 3).replacesProgram(),
      libc("execvp", 2).replacesProgram(),
      libc("execvpe", 3).replacesProgram(),
      libc("execl", 2).replacesProgram(),
      libc("execle", 2).replacesProgram(),
      libc("execlp", 2).replacesProgram(),
      libc("fexecve", 3).replacesProgram(),

      //===--- Descriptors ------------------------------------------------===//
      // nginx's ngx_open_file, ngx_openat_file, ngx_socket, ngx_close_file,
      // ngx_close_socket, ngx_read_fd, ngx_write_fd and ngx_fd_info are
      // macros or inline functions over these.
      libc("open", 2).acquires(RK::Descriptor, "fd"),
      libc("openat", 3).acquires(RK::Descriptor, "fd").uses("fd", 0),
      libc("creat", 2).acquires(RK::Descriptor, "fd"),
      libc("socket", 3).acquires(RK::Socket, "fd"),
      libc("accept", 3).acquires(RK::Socket, "fd").uses("fd", 0),
      libc("accept4", 4).acquires(RK::Socket, "fd").uses("fd", 0),
      libc("dup", 1).acquires(RK::Descriptor, "fd").uses("fd", 0),
      libc("dup3", 3).acquires(RK::Descriptor, "fd").uses("fd", 0),
      libc("eventfd", 2).acquires(RK::Descriptor, "fd"),
      libc("epoll_create", 1).acquires(RK::Descriptor, "fd"),
      libc("epoll_create1", 1).acquires(RK::Descriptor, "fd"),
      libc("timerfd_create", 2).acquires(RK::Descriptor, "fd"),
      libc("inotify_init", 0).acquires(RK::Descriptor, "fd"),
      libc("inotify_init1", 1).acquires(RK::Descriptor, "fd"),
      libc("memfd_create", 2).acquires(RK::Descriptor, "fd"),
      nginx("ngx_open_tempfile", 3).acquires(RK::Descriptor, "fd"),
      libc("pipe", 1).acquiresInto(RK::Descriptor, "fd", 0, RP::OutArray, 2),
      libc("pipe2", 2).acquiresInto(RK::Descriptor, "fd", 0, RP::OutArray, 2),
      libc("socketpair", 4)
          .acquiresInto(RK::Socket, "fd", 3, RP::OutArray, 2),
      libc("fcntl", 2).uses("fd", 0).acquiresOnDupCommand(1),
      libc("close", 1).releases("fd", 0),
      // Runs the pool cleanup that closes fd now, and removes it.
      nginx("ngx_pool_run_cleanup_file", 2).releasesThroughCleanup("fd", 1),
      nginx("ngx_pool_cleanup_file", 1).asCleanupReleasesDataField("fd"),
      nginx("ngx_pool_delete_file", 1).asCleanupReleasesDataField("fd"),
      // nginx's file API works on file->fd and changes only the file's
      // offsets (and what it reads into the buffer).
      nginx("ngx_read_file", 4)
          .usesField("fd", 0, "fd")
          .changesOnly({1}, 0, {"offset", "sys_offset"}),
      nginx("ngx_write_file", 4)
          .usesField("fd", 0, "fd")
          .changesOnly({}, 0, {"offset", "sys_offset"}),
      nginx("ngx_write_chain_to_file", 4)
          .usesField("fd", 0, "fd")
          .changesOnly({}, 0, {"offset", "sys_offset"}),
      nginx("ngx_thread_read", 5)
          .allocates(AK::Uses, pool(4))
          .usesField("fd", 0, "fd")
          .changesOnly({1}, 0, {"offset", "sys_offset", "thread_task"}),
      nginx("ngx_file_aio_read", 5)
          .allocates(AK::Uses, pool(4))
          .usesField("fd", 0, "fd")
          .changesOnly({1}, 0, {"offset", "sys_offset", "aio"}),
      nginx("ngx_get_connection", 2).takes("fd", 0),

      // Directory streams (ngx_open_dir fills dir->dir, ngx_close_dir is a
      // macro over closedir) and stdio streams.
      libc("opendir", 1).acquires(RK::Directory, "dir", SuccessWhen::NonNull),
      libc("fdopendir", 1)
          .acquires(RK::Directory, "dir", SuccessWhen::NonNull)
          .uses("fd", 0)
          .takes("fd", 0),
      nginx("ngx_open_dir", 2)
          .acquiresInto(RK::Directory, "dir", 1, RP::OutField, 1, "dir"),
      nginx("ngx_read_dir", 1).readsDirectory(0),
      libc("closedir", 1).releases("dir", 0),
      libc("readdir", 1).uses("dir", 0),
      libc("fopen", 2).acquires(RK::Stream, "stream", SuccessWhen::NonNull),
      libc("fdopen", 2)
          .acquires(RK::Stream, "stream", SuccessWhen::NonNull)
          .uses("fd", 0)
          .takes("fd", 0),
      libc("popen", 2).acquires(RK::Stream, "stream", SuccessWhen::NonNull),
      libc("fclose", 1).releases("stream", 0),
      libc("pclose", 1).releases("stream", 0),
      // stdio calls that need an open stream and keep nothing.
      libc("fgets", 3).uses("stream", 2),
      libc("fgetc", 1).uses("stream", 0),
      libc("getc", 1).uses("stream", 0),
      libc("ungetc", 2).uses("stream", 1),
      libc("getline", 3).uses("stream", 2),
      libc("getdelim", 4).uses("stream", 3),
      libc("fread", 4).uses("stream", 3),
      libc("fwrite", 4).uses("stream", 3),
      libc("fputs", 2).uses("stream", 1),
      libc("fputc", 2).uses("stream", 1),
      libc("putc", 2).uses("stream", 1),
      libc("fprintf", 2).uses("stream", 0),
      libc("vfprintf", 3).uses("stream", 0),
      libc("fscanf", 2).uses("stream", 0),
      libc("fflush", 1).uses("stream", 0),
      libc("fseek", 3).uses("stream", 0),
      libc("fseeko", 3).uses("stream", 0),
      libc("ftell", 1).uses("stream", 0),
      libc("ftello", 1).uses("stream", 0),
      libc("rewind", 1).uses("stream", 0),
      libc("feof", 1).uses("stream", 0),
      libc("ferror", 1).uses("stream", 0),
      libc("clearerr", 1).uses("stream", 0),
      libc("fileno", 1).uses("stream", 0),
      libc("setvbuf", 4).uses("stream", 0),
      libc("dirfd", 1).uses("dir", 0),
      libc("rewinddir", 1).uses("dir", 0),

      // Calls that need an open descriptor and keep nothing.
      usesFd("read", 0, 1),
      usesFd("write", 0, 1),
      usesFd("pread", 0, 1),
      usesFd("pwrite", 0, 1),
      usesFd("readv", 0, 1),
      usesFd("writev", 0, 1),
      usesFd("preadv", 0, 1),
      usesFd("pwritev", 0, 1),
      usesFd("lseek", 0, 1),
      usesFd("fstat", 0, 1),
      usesFd("fsync", 0, 1),
      usesFd("fdatasync", 0, 1),
      usesFd("ftruncate", 0, 1),
      usesFd("fchmod", 0, 1),
      usesFd("fchown", 0, 1),
      usesFd("ioctl", 0, 1),
      usesFd("flock", 0, 1),
      usesFd("posix_fadvise", 0, 1),
      usesFd("posix_fallocate", 0, 1),
      usesFd("send", 0, 1),
      usesFd("recv", 0, 1),
      usesFd("sendto", 0, 1),
      usesFd("recvfrom", 0, 1),
      usesFd("sendmsg", 0, 1),
      usesFd("recvmsg", 0, 1),
      libc("sendfile", 2).uses("fd", 0).uses("fd", 1),
      usesFd("setsockopt", 0, 1),
      usesFd("getsockopt", 0, 1),
      usesFd("bind", 0, 1),
      usesFd("listen", 0, 1),
      usesFd("connect", 0, 1),
      usesFd("shutdown", 0, 1),
      usesFd("getsockname", 0, 1),
      usesFd("getpeername", 0, 1),
      usesFd("dup2", 0, 1),
      libc("epoll_ctl", 3).uses("fd", 0).uses("fd", 2),
      usesFd("fchdir", 0, 1),
      usesFd("fstatfs", 0, 1),
      usesFd("futimens", 0, 1),
      usesFd("mmap", 4, 5),
      libc("splice", 3).uses("fd", 0).uses("fd", 2),
      usesFd("isatty", 0, 1),
      // FD_SET() and FD_ISSET() under -D_FORTIFY_SOURCE check the number.
      usesFd("__fdelt_chk", 0, 1),
      usesFd("__fdelt_warn", 0, 1),
      // nginx's inline wrapper: checked at the call, before its body.
      nginx("ngx_write_fd", 3).uses("fd", 0),
      // nginx's own functions (src/os/unix) that work on a descriptor and
      // keep nothing; where a platform makes one a macro, it is over the
      // calls above.
      nginx("ngx_nonblocking", 1).uses("fd", 0),
      nginx("ngx_blocking", 1).uses("fd", 0),
      nginx("ngx_tcp_nopush", 1).uses("fd", 0),
      nginx("ngx_tcp_push", 1).uses("fd", 0),
      nginx("ngx_lock_fd", 1).uses("fd", 0),
      nginx("ngx_trylock_fd", 1).uses("fd", 0),
      nginx("ngx_unlock_fd", 1).uses("fd", 0),
      nginx("ngx_read_ahead", 2).uses("fd", 0),
      nginx("ngx_directio_on", 1).uses("fd", 0),
      nginx("ngx_directio_off", 1).uses("fd", 0),
      nginx("ngx_set_file_time", 3).uses("fd", 1),
      nginx("ngx_read_channel", 4).uses("fd", 0),
      nginx("ngx_write_channel", 4).uses("fd", 0),
  };
  return T;
}

//===----------------------------------------------------------------------===//
// Declarations by module authors
//===----------------------------------------------------------------------===//

// The `annotate` strings of include/ngx_pool_check.h; the family name
// follows the prefix.
static constexpr llvm::StringLiteral AcquireAnnotation =
    "ngx_pool_check::acquire:";
static constexpr llvm::StringLiteral AcquireOutAnnotation =
    "ngx_pool_check::acquire_out:";
static constexpr llvm::StringLiteral ReleaseAnnotation =
    "ngx_pool_check::release:";
static constexpr llvm::StringLiteral UseAnnotation = "ngx_pool_check::use:";

/// The family named by an annotation with \p Prefix on \p D, if any.
static std::optional<std::string> annotatedFamily(const Decl *D,
                                                  llvm::StringRef Prefix) {
  for (const Decl *Redecl : D->redecls())
    for (const auto *A : Redecl->specific_attrs<AnnotateAttr>())
      if (A->getAnnotation().starts_with(Prefix))
        return A->getAnnotation().drop_front(Prefix.size()).str();
  return std::nullopt;
}

/// The row the annotations on \p FD and its parameters describe, if any.
static std::unique_ptr<ApiFunction> rowFromAnnotations(const FunctionDecl *FD) {
  auto Row = std::make_unique<ApiFunction>();
  Row->Name = FD->getNameAsString();
  Row->Declared = true;
  auto Add = [&](ResourceRole Role, const std::string &Family, unsigned Arg,
                 ResultPlace Place, SuccessWhen Success) {
    ResourceEffect E = effect(Role, kindOfFamily(Family), Family, Row->Name);
    E.Arg = Arg;
    E.Place = Place;
    E.Success = Success;
    if (Role != ResourceRole::Acquire || Place != ResultPlace::Return)
      Row->MinArgs = std::max(Row->MinArgs, Arg + 1);
    Row->Resources.push_back(E);
  };
  if (std::optional<std::string> Family =
          annotatedFamily(FD, AcquireAnnotation))
    Add(ResourceRole::Acquire, *Family, 0, ResultPlace::Return,
        SuccessWhen::ByReturnType);
  for (const ParmVarDecl *P : FD->parameters()) {
    unsigned I = P->getFunctionScopeIndex();
    if (std::optional<std::string> Family =
            annotatedFamily(P, AcquireOutAnnotation))
      Add(ResourceRole::Acquire, *Family, I, ResultPlace::OutValue,
          FD->getReturnType()->isVoidType() ? SuccessWhen::Always
                                            : SuccessWhen::Zero);
    for (auto [Prefix, Role] :
         {std::pair{ReleaseAnnotation, ResourceRole::Release},
          std::pair{UseAnnotation, ResourceRole::Use}})
      if (std::optional<std::string> Family = annotatedFamily(P, Prefix))
        Add(Role, *Family, I, ResultPlace::Return, SuccessWhen::NonNegative);
  }
  if (Row->Resources.empty())
    return nullptr;
  return Row;
}

/// One line of a configuration file: `<family> <role> <function> [arg]`.
static std::optional<ResourceEffect>
parseDeclaration(llvm::StringRef Line, std::string &Function,
                 std::string &Error) {
  llvm::SmallVector<llvm::StringRef, 4> Words;
  Line.split(Words, ' ', -1, /*KeepEmpty=*/false);
  if (Words.size() < 3) {
    Error = "expected '<family> <role> <function> [argument]'";
    return std::nullopt;
  }
  Function = Words[2].str();
  llvm::StringRef Family = Words[0], Role = Words[1];
  ResourceEffect E =
      effect(ResourceRole::Acquire, kindOfFamily(Family), Family, Function);
  bool NeedsArg = true;
  if (Role == "acquire") {
    // Fails the way its return type says, decided at the call.
    E.Success = SuccessWhen::ByReturnType;
    NeedsArg = false;
  } else if (Role == "acquire-out") {
    E.Place = ResultPlace::OutValue;
    E.Success = SuccessWhen::Zero;
  } else if (Role == "release") {
    E.Role = ResourceRole::Release;
  } else if (Role == "use") {
    E.Role = ResourceRole::Use;
  } else {
    Error = ("unknown role '" + Role +
             "' (expected acquire, acquire-out, release or use)")
                .str();
    return std::nullopt;
  }
  if (!NeedsArg) {
    if (Words.size() != 3) {
      Error = "'acquire' takes no argument index (the result is the resource)";
      return std::nullopt;
    }
    return E;
  }
  if (Words.size() != 4 || Words[3].getAsInteger(10, E.Arg)) {
    Error = ("'" + Role + "' needs the argument's index (0 for the first)")
                .str();
    return std::nullopt;
  }
  return E;
}

void ApiTable::addFromConfig(llvm::StringRef Text,
                             std::vector<std::string> &Errors) {
  llvm::StringMap<ApiFunction *> Rows;
  unsigned LineNo = 0;
  while (!Text.empty()) {
    llvm::StringRef Line;
    std::tie(Line, Text) = Text.split('\n');
    ++LineNo;
    Line = Line.split('#').first.trim();
    if (Line.empty())
      continue;
    std::string Function, Error;
    std::optional<ResourceEffect> E = parseDeclaration(Line, Function, Error);
    if (!E) {
      Errors.push_back("line " + std::to_string(LineNo) + ": " + Error);
      continue;
    }
    ApiFunction *&Row = Rows[Function];
    if (!Row) {
      Declared.push_back(std::make_unique<ApiFunction>());
      Row = Declared.back().get();
      Row->Name = Function;
      Row->Declared = true;
    }
    bool HasArgument =
        E->Role != ResourceRole::Acquire || E->Place != ResultPlace::Return;
    if (HasArgument)
      Row->MinArgs = std::max(Row->MinArgs, E->Arg + 1);
    Row->Resources.push_back(*E);
  }
  // Declarations come before the built-in rows of the same name.
  for (const auto &[Name, Row] : Rows) {
    auto &Candidates = ByName[Name];
    Candidates.insert(
        Candidates.begin(),
        Candidate{CallDescription(CDM::SimpleFunc, {Row->Name}), Row});
  }
}

//===----------------------------------------------------------------------===//
// Lookup
//===----------------------------------------------------------------------===//

/// The rows, built once for the process; each table matches them with
/// descriptions of its own.
static const std::vector<ApiFunction> &builtins() {
  static const std::vector<ApiFunction> Rows = builtinRows();
  return Rows;
}

ApiTable::ApiTable() {
  for (const ApiFunction &Row : builtins())
    index(Row);
}

ApiTable::~ApiTable() = default;

void ApiTable::index(const ApiFunction &Row) {
  CallDescription Desc =
      Row.IsLibc ? CallDescription(CDM::CLibraryMaybeHardened, {Row.Name})
                 : CallDescription(CDM::SimpleFunc, {Row.Name}, Row.NumArgs);
  ByName[Row.Name].push_back({std::move(Desc), &Row});
}

/// The name a hardened variant stands for: "read" for "__read_chk" and
/// "__builtin___read_chk".
static llvm::StringRef unhardenedName(llvm::StringRef Name) {
  if (!Name.consume_back("_chk"))
    return {};
  if (!Name.consume_front("__builtin___"))
    Name.consume_front("__");
  return Name;
}

const ApiFunction *ApiTable::fromAnnotations(const FunctionDecl *FD) const {
  const Decl *Key = FD->getCanonicalDecl();
  auto It = FromAnnotations.find(Key);
  if (It == FromAnnotations.end())
    It = FromAnnotations.insert({Key, rowFromAnnotations(FD)}).first;
  return It->second.get();
}

template <typename MatchFn>
const ApiFunction *ApiTable::find(const FunctionDecl *FD, unsigned NumArgs,
                                  MatchFn Matches) const {
  if (!FD || !FD->getIdentifier())
    return nullptr;
  if (const ApiFunction *Row = fromAnnotations(FD))
    return Row;
  llvm::StringRef Name = FD->getName();
  auto It = ByName.find(Name);
  if (It == ByName.end()) {
    llvm::StringRef Base = unhardenedName(Name);
    if (Base.empty() || (It = ByName.find(Base)) == ByName.end())
      return nullptr;
  }
  for (const Candidate &C : It->second)
    if (NumArgs >= C.Row->MinArgs && Matches(C.Desc))
      return C.Row;
  return nullptr;
}

template <typename MatchFn>
const ApiFunction *ApiTable::findOnce(MatchKind Kind, const FunctionDecl *FD,
                                      unsigned NumArgs,
                                      MatchFn Matches) const {
  if (!FD)
    return nullptr;
  auto [It, New] = Answers.try_emplace(MatchKey{FD, NumArgs, Kind}, nullptr);
  if (New)
    It->second = find(FD, NumArgs, Matches);
  return It->second;
}

const ApiFunction *ApiTable::lookup(const CallEvent &Call) const {
  return findOnce(AsCall, dyn_cast_or_null<FunctionDecl>(Call.getDecl()),
                  Call.getNumArgs(), [&Call](const CallDescription &D) {
                    return D.matches(Call);
                  });
}

const ApiFunction *ApiTable::lookupFunction(const FunctionDecl *FD) const {
  if (!FD)
    return nullptr;
  const ApiFunction *Row =
      find(FD, FD->getNumParams(), [FD](const CallDescription &D) {
        return FD->getName() == D.getFunctionName();
      });
  // Declared with the parameters its row expects.
  if (Row && Row->NumArgs && *Row->NumArgs != FD->getNumParams())
    return nullptr;
  return Row;
}

const ApiFunction *ApiTable::lookupAsWritten(const CallExpr &Call) const {
  return findOnce(
      AsWritten, dyn_cast_or_null<FunctionDecl>(Call.getCalleeDecl()),
      Call.getNumArgs(),
      [&Call](const CallDescription &D) { return D.matchesAsWritten(Call); });
}

//===----------------------------------------------------------------------===//
// Questions about frames and translation units
//===----------------------------------------------------------------------===//

/// The row of the call that entered each inlined frame around \p LC,
/// innermost first, while \p Visit returns false.
template <typename Fn>
static bool anyEnclosingCall(const ApiTable &Api, const LocationContext *LC,
                             Fn Visit) {
  for (; LC; LC = LC->getParent()) {
    const auto *Frame = dyn_cast<StackFrameContext>(LC);
    const auto *Site =
        Frame ? dyn_cast_or_null<CallExpr>(Frame->getCallSite()) : nullptr;
    if (!Site)
      continue;
    if (const ApiFunction *Row = Api.lookupAsWritten(*Site))
      if (Visit(*Row))
        return true;
  }
  return false;
}

bool isInsideModeledAllocator(const ApiTable &Api, const LocationContext *LC) {
  return anyEnclosingCall(Api, LC, [](const ApiFunction &Row) {
    return Row.Allocates.has_value();
  });
}

bool isInsideModeledFunction(const ApiTable &Api, const LocationContext *LC) {
  return anyEnclosingCall(Api, LC, [](const ApiFunction &) { return true; });
}

namespace {
/// Finds a call, or a reference to a function (a function pointer the
/// analyzer may call through), whose row \c Wanted accepts.
class RowUseFinder : public RecursiveASTVisitor<RowUseFinder> {
  const ApiTable &Api;
  llvm::function_ref<bool(const ApiFunction &)> Wanted;

public:
  bool Found = false;
  RowUseFinder(const ApiTable &Api,
               llvm::function_ref<bool(const ApiFunction &)> Wanted)
      : Api(Api), Wanted(Wanted) {}
  bool VisitCallExpr(CallExpr *CE) {
    const ApiFunction *Row = Api.lookupAsWritten(*CE);
    Found = Row && Wanted(*Row);
    return !Found;
  }
  bool VisitDeclRefExpr(DeclRefExpr *DRE) {
    const ApiFunction *Row =
        Api.lookupFunction(dyn_cast<FunctionDecl>(DRE->getDecl()));
    Found = Row && Wanted(*Row);
    return !Found;
  }
};
} // namespace

bool unitUses(const ApiTable &Api, ASTContext &Ctx,
              llvm::function_ref<bool(const ApiFunction &)> Wanted) {
  RowUseFinder Finder(Api, Wanted);
  Finder.TraverseDecl(Ctx.getTranslationUnitDecl());
  return Finder.Found;
}

bool unitFreesPoolBlocks(const ApiTable &Api, ASTContext &Ctx) {
  return unitUses(Api, Ctx, [](const ApiFunction &Row) {
    return Row.FreesBlock.has_value();
  });
}

bool unitArmsTimers(const ApiTable &Api, ASTContext &Ctx) {
  return unitUses(Api, Ctx, [](const ApiFunction &Row) {
    return Row.Event == EventOp::ArmTimer;
  });
}

} // namespace model
} // namespace ngx_pool_check
