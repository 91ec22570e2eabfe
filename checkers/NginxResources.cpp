//===- NginxResources.cpp - Descriptors, handles and pool cleanups --------===//
//
// The part of the nginx model (NginxModel.h) about resources a pool does not
// release by itself: which calls open, close and use descriptors and other
// handles, how ngx_pool_cleanup_add() records look, which memory a function
// owns, and which pool a cleanup should go to.
//
//===----------------------------------------------------------------------===//

#include "NginxModel.h"

#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramState.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/SymbolManager.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang;
using namespace clang::ento;

namespace ngx_pool_check {
namespace model {

//===----------------------------------------------------------------------===//
// Memory a function owns
//===----------------------------------------------------------------------===//

/// Functions returning memory nobody else has a pointer to yet.
static bool isHeapAllocator(const FunctionDecl *FD) {
  if (!FD || !FD->getIdentifier())
    return false;
  return llvm::StringSwitch<bool>(FD->getName())
      .Cases("malloc", "calloc", "realloc", "strdup", "strndup", true)
      .Cases("ngx_alloc", "ngx_calloc", "ngx_memalign", true)
      .Default(false);
}

llvm::StringRef heapAllocatorOf(const MemRegion *R) {
  const SymbolicRegion *Base = R ? R->getSymbolicBase() : nullptr;
  const auto *Sym =
      Base ? dyn_cast<SymbolConjured>(Base->getSymbol()) : nullptr;
  const auto *CE = Sym ? dyn_cast_or_null<CallExpr>(Sym->getStmt()) : nullptr;
  const FunctionDecl *FD = CE ? CE->getDirectCallee() : nullptr;
  if (!isHeapAllocator(FD))
    return {};
  return FD->getName();
}

bool isFreshMemory(const MemRegion *R) {
  const SymbolicRegion *Base = R ? R->getSymbolicBase() : nullptr;
  const auto *Sym =
      Base ? dyn_cast<SymbolConjured>(Base->getSymbol()) : nullptr;
  if (!Sym)
    return false;
  const auto *CE = dyn_cast_or_null<CallExpr>(Sym->getStmt());
  if (!CE)
    return false;
  const FunctionDecl *FD = CE->getDirectCallee();
  if (!FD)
    return false;
  const PoolAllocator *A = findPoolAllocator(FD);
  return isHeapAllocator(FD) ||
         (A && (A->Kind == AllocKind::Block || A->Kind == AllocKind::Object ||
                A->Kind == AllocKind::Container));
}

bool isStackMemory(const MemRegion *R) { return R && R->hasStackStorage(); }

//===----------------------------------------------------------------------===//
// Pool cleanups
//===----------------------------------------------------------------------===//

const NginxField CleanupHandler{"ngx_pool_cleanup_s", "handler"};
const NginxField CleanupData{"ngx_pool_cleanup_s", "data"};

bool isCleanupAdd(const CallEvent &Call) {
  const PoolAllocator *A = findPoolAllocator(Call);
  return A && A->Name == "ngx_pool_cleanup_add";
}

bool isProcessFork(const CallEvent &Call) {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  return FD && (CheckerContext::isCLibraryFunction(FD, "fork") ||
                CheckerContext::isCLibraryFunction(FD, "vfork"));
}

bool isProgramReplacement(const CallEvent &Call) {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  if (!FD)
    return false;
  for (llvm::StringRef Name : {"execv", "execve", "execvp", "execvpe", "execl",
                               "execle", "execlp", "fexecve"})
    if (CheckerContext::isCLibraryFunction(FD, Name))
      return true;
  return false;
}

const llvm::StringLiteral DirectoryEntryFields[2] = {"de", "type"};

bool isDirectoryRead(const CallEvent &Call) {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  return FD && FD->getIdentifier() && FD->getName() == "ngx_read_dir" &&
         Call.getNumArgs() == 1 &&
         fieldOf(Call.getArgExpr(0)->getType(), "dir");
}

static std::optional<Loc> cleanupField(SVal Cleanup, llvm::StringRef Field,
                                       ProgramStateRef State) {
  const MemRegion *R = Cleanup.getAsRegion();
  if (!R)
    return std::nullopt;
  QualType Ty;
  if (const auto *TR = dyn_cast<TypedValueRegion>(R->StripCasts()))
    Ty = TR->getValueType();
  else if (const auto *SR = dyn_cast<SymbolicRegion>(R->StripCasts()))
    Ty = SR->getPointeeStaticType();
  const RecordDecl *RD = Ty.isNull() ? nullptr : Ty->getAsRecordDecl();
  if (!RD || recordName(RD) != CleanupHandler.Record || !RD->getDefinition())
    return std::nullopt;
  for (const FieldDecl *FD : RD->getDefinition()->fields())
    if (FD->getName() == Field)
      if (std::optional<Loc> L = State->getLValue(FD, Cleanup).getAs<Loc>())
        return L;
  return std::nullopt;
}

SVal cleanupData(SVal Cleanup, ProgramStateRef State) {
  std::optional<Loc> L = cleanupField(Cleanup, CleanupData.Field, State);
  return L ? State->getSVal(*L) : UnknownVal();
}

/// How code that receives an object of this type reaches a pool that lives
/// as long as it: "->pool" for requests, connections, configurations.
static std::optional<std::string> poolOfParameter(const ParmVarDecl *P) {
  QualType T = P->getType();
  if (!T->isPointerType() || !P->getIdentifier())
    return std::nullopt;
  const RecordDecl *RD = T->getPointeeType()->getAsRecordDecl();
  if (!RD)
    return std::nullopt;
  llvm::StringRef Rec = recordName(RD);
  std::string Name = P->getNameAsString();
  if (Rec == RequestConnection.Record || Rec == ConnectionPool.Record ||
      Rec == "ngx_conf_s" || Rec == "ngx_cycle_s")
    return Name + "->pool";
  if (Rec == "ngx_stream_session_s" || Rec == "ngx_mail_session_s")
    return Name + "->connection->pool";
  return std::nullopt;
}

std::string suggestCleanupPool(const LocationContext *LC) {
  // The outermost function on the path decides what the code is for; then
  // the functions it called, inwards.
  llvm::SmallVector<const LocationContext *, 8> Frames;
  for (; LC; LC = LC->getParent())
    Frames.push_back(LC);
  for (const LocationContext *F : llvm::reverse(Frames))
    if (const auto *FD = dyn_cast_or_null<FunctionDecl>(F->getDecl()))
      for (const ParmVarDecl *P : FD->parameters())
        if (std::optional<std::string> Pool = poolOfParameter(P))
          return *Pool;
  return {};
}

//===----------------------------------------------------------------------===//
// The built-in resource functions
//===----------------------------------------------------------------------===//

static ResourceFunction
acquire(llvm::StringRef Name, ResourceKind Kind, llvm::StringRef Family,
        unsigned MinArgs, SuccessWhen Success = SuccessWhen::NonNegative) {
  ResourceFunction F;
  F.Name = Name.str();
  F.Role = ResourceRole::Acquire;
  F.Kind = Kind;
  F.Family = Family.str();
  F.MinArgs = MinArgs;
  F.Success = Success;
  return F;
}

static ResourceFunction acquireInto(llvm::StringRef Name, ResourceKind Kind,
                                    llvm::StringRef Family, unsigned MinArgs,
                                    unsigned Arg, ResultPlace Place,
                                    unsigned Count = 1,
                                    llvm::StringRef Field = "") {
  ResourceFunction F = acquire(Name, Kind, Family, MinArgs, SuccessWhen::Zero);
  F.Arg = Arg;
  F.Place = Place;
  F.Count = Count;
  F.Field = Field.str();
  return F;
}

static ResourceFunction onArg(ResourceRole Role, llvm::StringRef Name,
                              llvm::StringRef Family, unsigned Arg,
                              unsigned MinArgs) {
  ResourceFunction F;
  F.Name = Name.str();
  F.Role = Role;
  F.Kind = ResourceKind::Descriptor;
  F.Family = Family.str();
  F.Arg = Arg;
  F.MinArgs = MinArgs;
  return F;
}

static std::vector<ResourceFunction> builtinResourceFunctions() {
  using K = ResourceKind;
  using R = ResourceRole;
  std::vector<ResourceFunction> T = {
      // Descriptors. nginx's ngx_open_file, ngx_openat_file, ngx_socket,
      // ngx_close_file, ngx_close_socket, ngx_read_fd, ngx_write_fd and
      // ngx_fd_info are macros or inline functions over these.
      acquire("open", K::Descriptor, "fd", 2),
      acquire("openat", K::Descriptor, "fd", 3),
      acquire("creat", K::Descriptor, "fd", 2),
      acquire("socket", K::Socket, "fd", 3),
      acquire("accept", K::Socket, "fd", 3),
      acquire("accept4", K::Socket, "fd", 4),
      acquire("dup", K::Descriptor, "fd", 1),
      acquire("dup3", K::Descriptor, "fd", 3),
      acquire("eventfd", K::Descriptor, "fd", 2),
      acquire("epoll_create", K::Descriptor, "fd", 1),
      acquire("epoll_create1", K::Descriptor, "fd", 1),
      acquire("timerfd_create", K::Descriptor, "fd", 2),
      acquire("inotify_init", K::Descriptor, "fd", 0),
      acquire("inotify_init1", K::Descriptor, "fd", 1),
      acquire("memfd_create", K::Descriptor, "fd", 2),
      acquire("ngx_open_tempfile", K::Descriptor, "fd", 3),
      acquireInto("pipe", K::Descriptor, "fd", 1, 0, ResultPlace::OutArray, 2),
      acquireInto("pipe2", K::Descriptor, "fd", 2, 0, ResultPlace::OutArray, 2),
      acquireInto("socketpair", K::Socket, "fd", 4, 3, ResultPlace::OutArray,
                  2),
      onArg(R::Release, "close", "fd", 0, 1),
      onArg(R::Transfer, "ngx_get_connection", "fd", 0, 2),
      // Directory streams (ngx_open_dir fills dir->dir, ngx_close_dir is a
      // macro over closedir) and stdio streams.
      acquire("opendir", K::Directory, "dir", 1, SuccessWhen::NonNull),
      acquire("fdopendir", K::Directory, "dir", 1, SuccessWhen::NonNull),
      acquireInto("ngx_open_dir", K::Directory, "dir", 2, 1,
                  ResultPlace::OutField, 1, "dir"),
      onArg(R::Release, "closedir", "dir", 0, 1),
      onArg(R::Use, "readdir", "dir", 0, 1),
      acquire("fopen", K::Stream, "stream", 2, SuccessWhen::NonNull),
      acquire("fdopen", K::Stream, "stream", 2, SuccessWhen::NonNull),
      acquire("popen", K::Stream, "stream", 2, SuccessWhen::NonNull),
      onArg(R::Release, "fclose", "stream", 0, 1),
      onArg(R::Release, "pclose", "stream", 0, 1),
  };

  // fcntl(fd, F_DUPFD, n) and fcntl(fd, F_DUPFD_CLOEXEC, n) make a new one.
  ResourceFunction Dup = acquire("fcntl", K::Descriptor, "fd", 2);
  Dup.CmdArg = 1;
  T.push_back(Dup);

  // Calls that need an open descriptor in the given argument.
  static const std::pair<const char *, unsigned> Uses[] = {
      {"read", 0},
      {"write", 0},
      {"pread", 0},
      {"pwrite", 0},
      {"readv", 0},
      {"writev", 0},
      {"preadv", 0},
      {"pwritev", 0},
      {"lseek", 0},
      {"fstat", 0},
      {"fsync", 0},
      {"fdatasync", 0},
      {"ftruncate", 0},
      {"fchmod", 0},
      {"fchown", 0},
      {"fcntl", 0},
      {"ioctl", 0},
      {"flock", 0},
      {"posix_fadvise", 0},
      {"posix_fallocate", 0},
      {"send", 0},
      {"recv", 0},
      {"sendto", 0},
      {"recvfrom", 0},
      {"sendmsg", 0},
      {"recvmsg", 0},
      {"sendfile", 0},
      {"sendfile", 1},
      {"setsockopt", 0},
      {"getsockopt", 0},
      {"bind", 0},
      {"listen", 0},
      {"connect", 0},
      {"shutdown", 0},
      {"getsockname", 0},
      {"getpeername", 0},
      {"accept", 0},
      {"accept4", 0},
      {"dup", 0},
      {"dup2", 0},
      {"dup3", 0},
      {"fdopendir", 0},
      {"fdopen", 0},
      {"openat", 0},
      {"epoll_ctl", 0},
      {"epoll_ctl", 2},
      {"fchdir", 0},
      {"fstatfs", 0},
      {"futimens", 0},
      {"mmap", 4},
      {"splice", 0},
      {"splice", 2},
      {"isatty", 0},
      // nginx's inline wrappers: checked at the call, before their body.
      {"ngx_write_fd", 0},
      // nginx's own functions (src/os/unix) that work on a descriptor and
      // keep nothing; where a platform makes one a macro, it is over the
      // calls above.
      {"ngx_nonblocking", 0},
      {"ngx_blocking", 0},
      {"ngx_tcp_nopush", 0},
      {"ngx_tcp_push", 0},
      {"ngx_lock_fd", 0},
      {"ngx_trylock_fd", 0},
      {"ngx_unlock_fd", 0},
      {"ngx_read_ahead", 0},
      {"ngx_directio_on", 0},
      {"ngx_directio_off", 0},
      {"ngx_set_file_time", 1},
      {"ngx_read_channel", 0},
      {"ngx_write_channel", 0},
  };
  for (const auto &[Name, Arg] : Uses)
    T.push_back(onArg(ResourceRole::Use, Name, "fd", Arg, Arg + 1));
  return T;
}

ResourceFunctions::ResourceFunctions() : Table(builtinResourceFunctions()) {}

//===----------------------------------------------------------------------===//
// Declarations by module authors
//===----------------------------------------------------------------------===//

const llvm::StringLiteral AcquireAnnotation = "ngx_pool_check::acquire:";
const llvm::StringLiteral AcquireOutAnnotation = "ngx_pool_check::acquire_out:";
const llvm::StringLiteral ReleaseAnnotation = "ngx_pool_check::release:";
const llvm::StringLiteral UseAnnotation = "ngx_pool_check::use:";

/// Authors may put their functions in the built-in families ("fd" for a
/// descriptor wrapper); any other family is a resource of its own.
static ResourceKind kindOfFamily(llvm::StringRef Family) {
  return llvm::StringSwitch<ResourceKind>(Family)
      .Case("fd", ResourceKind::Descriptor)
      .Case("dir", ResourceKind::Directory)
      .Case("stream", ResourceKind::Stream)
      .Default(ResourceKind::Custom);
}

/// The family named by an annotation with \p Prefix on \p D, if any.
static std::optional<std::string> annotatedFamily(const Decl *D,
                                                  llvm::StringRef Prefix) {
  for (const Decl *Redecl : D->redecls())
    for (const auto *A : Redecl->specific_attrs<AnnotateAttr>())
      if (A->getAnnotation().starts_with(Prefix))
        return A->getAnnotation().drop_front(Prefix.size()).str();
  return std::nullopt;
}

SuccessWhen successOfReturnType(QualType T) {
  if (T->isVoidType())
    return SuccessWhen::Always;
  if (T->isPointerType())
    return SuccessWhen::NonNull;
  return SuccessWhen::NonNegative;
}

const std::vector<const ResourceFunction *> &
ResourceFunctions::fromAnnotations(const FunctionDecl *FD) const {
  auto It = AnnotationCache.find(FD);
  if (It != AnnotationCache.end())
    return It->second;
  std::vector<const ResourceFunction *> &Out = AnnotationCache[FD];

  auto Add = [&](ResourceFunction F) {
    F.Name = FD->getNameAsString();
    F.Kind = kindOfFamily(F.Family);
    F.Declared = true;
    FromAnnotations.push_back(std::make_unique<ResourceFunction>(F));
    Out.push_back(FromAnnotations.back().get());
  };
  if (std::optional<std::string> Family =
          annotatedFamily(FD, AcquireAnnotation)) {
    ResourceFunction F;
    F.Role = ResourceRole::Acquire;
    F.Family = *Family;
    F.Success = SuccessWhen::ByReturnType;
    Add(F);
  }
  for (const ParmVarDecl *P : FD->parameters()) {
    unsigned I = P->getFunctionScopeIndex();
    if (std::optional<std::string> Family =
            annotatedFamily(P, AcquireOutAnnotation)) {
      ResourceFunction F;
      F.Role = ResourceRole::Acquire;
      F.Family = *Family;
      F.Arg = I;
      F.Place = ResultPlace::OutValue;
      F.Success = FD->getReturnType()->isVoidType() ? SuccessWhen::Always
                                                    : SuccessWhen::Zero;
      Add(F);
    }
    for (auto [Prefix, Role] :
         {std::pair{ReleaseAnnotation, ResourceRole::Release},
          std::pair{UseAnnotation, ResourceRole::Use}}) {
      if (std::optional<std::string> Family = annotatedFamily(P, Prefix)) {
        ResourceFunction F;
        F.Role = Role;
        F.Family = *Family;
        F.Arg = I;
        Add(F);
      }
    }
  }
  return Out;
}

void ResourceFunctions::addFromConfig(llvm::StringRef Text,
                                      std::vector<std::string> &Errors) {
  unsigned LineNo = 0;
  while (!Text.empty()) {
    llvm::StringRef Line;
    std::tie(Line, Text) = Text.split('\n');
    ++LineNo;
    Line = Line.split('#').first.trim();
    if (Line.empty())
      continue;

    llvm::SmallVector<llvm::StringRef, 4> Words;
    Line.split(Words, ' ', -1, /*KeepEmpty=*/false);
    auto Fail = [&](const llvm::Twine &Why) {
      Errors.push_back(("line " + llvm::Twine(LineNo) + ": " + Why).str());
    };
    if (Words.size() < 3) {
      Fail("expected '<family> <role> <function> [argument]'");
      continue;
    }
    ResourceFunction F;
    F.Declared = true;
    F.Family = Words[0].str();
    F.Name = Words[2].str();
    F.Kind = kindOfFamily(F.Family);
    llvm::StringRef Role = Words[1];
    bool NeedsArg = true;
    if (Role == "acquire") {
      F.Role = ResourceRole::Acquire;
      NeedsArg = false;
    } else if (Role == "acquire-out") {
      F.Role = ResourceRole::Acquire;
      F.Place = ResultPlace::OutValue;
      F.Success = SuccessWhen::Zero;
    } else if (Role == "release") {
      F.Role = ResourceRole::Release;
    } else if (Role == "use") {
      F.Role = ResourceRole::Use;
    } else {
      Fail("unknown role '" + Role +
           "' (expected acquire, acquire-out, release or use)");
      continue;
    }
    if (NeedsArg) {
      unsigned Arg;
      if (Words.size() != 4 || Words[3].getAsInteger(10, Arg)) {
        Fail("'" + Role + "' needs the argument's index (0 for the first)");
        continue;
      }
      F.Arg = Arg;
      F.MinArgs = Arg + 1;
    } else if (Words.size() != 3) {
      Fail("'acquire' takes no argument index (the result is the resource)");
      continue;
    }
    // A plain acquire fails the way its return type says, decided at the
    // call.
    if (F.Place == ResultPlace::Return)
      F.Success = SuccessWhen::ByReturnType;
    Table.push_back(std::move(F));
  }
}

//===----------------------------------------------------------------------===//
// Lookup
//===----------------------------------------------------------------------===//

/// True when \p FD is the function \p F describes.
static bool matches(const ResourceFunction &F, const FunctionDecl *FD,
                    unsigned NumArgs) {
  if (FD->getName() != F.Name || NumArgs < F.MinArgs)
    return false;
  // Built-in libc entries must be the C library's functions; nginx's own,
  // and those an author declared, match by name.
  if (F.Declared || llvm::StringRef(F.Name).starts_with("ngx_"))
    return true;
  return CheckerContext::isCLibraryFunction(FD, F.Name);
}

std::vector<const ResourceFunction *>
ResourceFunctions::lookup(const CallEvent &Call) const {
  std::vector<const ResourceFunction *> Found;
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  if (!FD || !FD->getIdentifier())
    return Found;
  for (const ResourceFunction &F : Table)
    if (matches(F, FD, Call.getNumArgs()))
      Found.push_back(&F);
  for (const ResourceFunction *F : fromAnnotations(FD->getCanonicalDecl()))
    if (Call.getNumArgs() > F->Arg || F->Place == ResultPlace::Return)
      Found.push_back(F);
  return Found;
}

//===----------------------------------------------------------------------===//
// Words for messages
//===----------------------------------------------------------------------===//

llvm::StringRef resourceNoun(ResourceKind K) {
  switch (K) {
  case ResourceKind::Descriptor:
    return "Descriptor";
  case ResourceKind::Socket:
    return "Socket";
  case ResourceKind::Directory:
    return "Directory stream";
  case ResourceKind::Stream:
    return "FILE stream";
  case ResourceKind::Custom:
    return "Resource";
  }
  llvm_unreachable("resource kinds are covered");
}

llvm::StringRef resourceAcquiredWord(ResourceKind K) {
  return K == ResourceKind::Custom ? "acquired" : "opened";
}

llvm::StringRef resourceReleasedWord(ResourceKind K) {
  return K == ResourceKind::Custom ? "released" : "closed";
}

std::string resourceReleaseHint(const ResourceFunction &Acquirer,
                                llvm::StringRef Pool) {
  std::string Cleanup = "ngx_pool_cleanup_add(" +
                        (Pool.empty() ? std::string("pool") : Pool.str()) +
                        ", ...)";
  switch (Acquirer.Kind) {
  case ResourceKind::Descriptor:
    return "close it (ngx_close_file), or register " + Cleanup +
           " with ngx_pool_cleanup_file right after opening it";
  case ResourceKind::Socket:
    return "close it (ngx_close_socket), hand it to an owner such as "
           "ngx_get_connection(), or register " +
           Cleanup + " with a handler that closes it";
  case ResourceKind::Directory:
    return "close it (ngx_close_dir or closedir), or register " + Cleanup +
           " with a handler that does";
  case ResourceKind::Stream:
    return "close it (fclose), or register " + Cleanup +
           " with a handler that does";
  case ResourceKind::Custom:
    return "release it, or register " + Cleanup + " with a handler that does";
  }
  llvm_unreachable("resource kinds are covered");
}

} // namespace model
} // namespace ngx_pool_check
