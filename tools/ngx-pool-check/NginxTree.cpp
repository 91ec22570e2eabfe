//===- NginxTree.cpp - The configured nginx a module is compiled against --===//
//
// Configuring is atomic and safe against concurrent runs: the tree is
// copied and configured in a scratch directory next to its place in the
// cache, then renamed into place. A run that loses the race to another
// finds the winner's tree there, uses it and removes its own; a reader
// never sees a half-configured tree. When configure fails, its log is kept
// next to the cache entry and the error names it.
//
//===----------------------------------------------------------------------===//

#include "NginxTree.h"
#include "Paths.h"

#include "Shell.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

#include <cstdlib>

#ifndef NGX_PC_CLANG
#define NGX_PC_CLANG "clang"
#endif

using namespace llvm;

namespace ngx_pool_check {
namespace driver {

const char DebianNginxSource[] = "/usr/share/nginx/src";

namespace {

/// nginx's include directories, as its objs/Makefile lists them.
const char *const NginxIncludeDirs[] = {
    "src/core",    "src/event",  "src/event/modules",
    "src/os/unix", "src/http",   "src/http/modules",
    "src/http/v2", "src/stream", "src/mail",
    "objs",
};

/// What Debian compiles nginx and its modules with (dpkg-buildflags'
/// CFLAGS and CPPFLAGS that change the code the analyzer sees: glibc's
/// FORTIFY wrappers need -O2 and _FORTIFY_SOURCE).
const char *const DistributionFlags[] = {"-O2", "-D_FORTIFY_SOURCE=2",
                                         "-fstack-protector-strong"};

/// Copies the tree ($1, without its dot files: no .git or .hg) into $2,
/// configures it there with the flags of its conf_flags (Debian's), and
/// with $3 as the C compiler when there is no `cc`.
const char ConfigureScript[] = R"sh(set -e
for entry in "$1"/*; do
    cp -R "$entry" "$2/"
done
cd "$2"
if [ -z "${CC:-}" ] && ! command -v cc > /dev/null 2>&1; then
    CC=$3
    export CC
fi
flags=
if [ -f conf_flags ]; then
    flags=$(sed -n 's/^NGX_CONF_FLAGS=( *\(.*\) *)$/\1/p' conf_flags)
fi
if [ -f configure ]; then
    configure=configure
else
    configure=auto/configure
fi
exec /bin/sh "$configure" $flags
)sh";

std::string joinPath(StringRef Dir, StringRef Name) {
  SmallString<256> Path(Dir);
  sys::path::append(Path, Name);
  return std::string(Path.str());
}

bool isConfigured(StringRef Tree) {
  return sys::fs::exists(joinPath(Tree, "objs/ngx_auto_config.h"));
}

/// NGINX_VERSION in src/core/nginx.h, or "" when it has none.
std::string versionOf(StringRef Header) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> Text = MemoryBuffer::getFile(Header);
  if (!Text)
    return "";
  for (StringRef Line : split((*Text)->getBuffer(), '\n')) {
    Line = Line.trim();
    if (!Line.consume_front("#define") ||
        !Line.ltrim().starts_with("NGINX_VERSION"))
      continue;
    Line = Line.ltrim().drop_front(strlen("NGINX_VERSION"));
    if (!Line.empty() && !isSpace(Line.front()))
      continue; // NGINX_VERSION_SOMETHING
    StringRef Version = Line.trim();
    if (!Version.consume_front("\"") || !Version.consume_back("\""))
      return "";
    bool Plain = !Version.empty() && all_of(Version, [](char C) {
      return isAlnum(C) || C == '.' || C == '-' || C == '_';
    });
    return Plain ? Version.str() : "";
  }
  return "";
}

/// ${NGX_PC_CACHE:-${XDG_CACHE_HOME:-~/.cache}/ngx-pool-check}.
Expected<std::string> cacheRoot() {
  const char *Given = std::getenv("NGX_PC_CACHE");
  if (Given && *Given)
    return absoluteClean(Given);
  SmallString<256> Cache;
  if (!sys::path::cache_directory(Cache))
    return createStringError(
        Twine("no cache directory for the configured nginx: set NGX_PC_CACHE "
              "(or HOME)"));
  sys::path::append(Cache, "ngx-pool-check");
  return absoluteClean(Cache);
}

std::string realPath(StringRef Path) {
  SmallString<256> Real;
  if (sys::fs::real_path(Path, Real))
    return Path.str();
  return std::string(Real.str());
}

/// nginx-<version>, and for a tree of the user's the hash of its path.
std::string cacheKey(const NginxTree &Tree) {
  std::string Key = "nginx-" + Tree.Version;
  std::string Real = realPath(Tree.Source);
  if (Tree.Given && Real != realPath(DebianNginxSource))
    Key += "-" + utohexstr(xxh3_64bits(Real), /*LowerCase=*/true).substr(0, 12);
  return Key;
}

/// Configures a copy of \p Tree in the scratch directory \p Work.
Error configureCopy(const NginxTree &Tree, const ScratchDirectory &Work,
                    StringRef FailedLog) {
  std::string Log = joinPath(Work.path(), "configure.log");
  Expected<int> Status = runShell(
      ConfigureScript, {Tree.Source, Work.path(), NGX_PC_CLANG}, Log, 0);
  if (Status && *Status == 0 && isConfigured(Work.path()))
    return Error::success();
  std::string Why = Status ? lastErrorLine(Log) : toString(Status.takeError());
  if (Why.empty())
    Why = "configure failed";
  sys::fs::remove(FailedLog);
  bool Kept = !sys::fs::rename(Log, FailedLog);
  return createStringError(
      "cannot configure nginx " + Tree.Version + " from '" + Tree.Source +
      "': " + Why + (Kept ? " (log: " + FailedLog.str() + ")" : std::string()));
}

} // namespace

Expected<NginxTree> findNginxTree(StringRef Given) {
  NginxTree Tree;
  Tree.Given = !Given.empty();
  Tree.Source = absoluteClean(Tree.Given ? Given : DebianNginxSource);
  if (!sys::fs::is_directory(Tree.Source)) {
    if (Tree.Given)
      return createStringError("--nginx-src: '" + Given +
                               "' is not a directory");
    return createStringError(
        "no nginx source tree at " + Tree.Source +
        ": install Debian's nginx-dev (apt-get install "
        "nginx-dev), or give --nginx-src <nginx source tree>");
  }
  std::string Header = joinPath(Tree.Source, "src/core/nginx.h");
  if (!sys::fs::exists(Header))
    return createStringError("'" + Tree.Source +
                             "' is not an nginx source tree: it has no "
                             "src/core/nginx.h");
  Tree.Version = versionOf(Header);
  if (Tree.Version.empty())
    return createStringError("'" + Header + "' defines no NGINX_VERSION");
  return Tree;
}

Expected<std::string> configuredNginx(const NginxTree &Tree) {
  if (isConfigured(Tree.Source))
    return Tree.Source;
  Expected<std::string> Root = cacheRoot();
  if (!Root)
    return Root.takeError();
  std::string Key = cacheKey(Tree);
  std::string Final = joinPath(*Root, Key);
  if (isConfigured(Final))
    return Final;
  if (sys::fs::exists(Final))
    return createStringError(
        "the cached nginx '" + Final +
        "' is incomplete (no objs/ngx_auto_config.h): remove it");

  if (std::error_code EC = sys::fs::create_directories(*Root))
    return createStringError("cannot create the cache directory '" + *Root +
                             "': " + EC.message());
  Expected<ScratchDirectory> Work = ScratchDirectory::create(Final + ".tmp");
  if (!Work)
    return Work.takeError();
  errs() << "ngx-pool-check: configuring nginx " << Tree.Version << " from "
         << Tree.Source << " into " << Final << " (once)\n";
  if (Error E =
          configureCopy(Tree, *Work, joinPath(*Root, Key + "-configure.log")))
    return E;

  if (!sys::fs::rename(Work->path(), Final)) {
    Work->keep();
    return Final;
  }
  // Another run got there first: its tree is as good as ours.
  if (isConfigured(Final))
    return Final;
  return createStringError("cannot move the configured nginx into '" + Final +
                           "'");
}

std::vector<std::string> nginxCompileArguments(StringRef Configured) {
  std::vector<std::string> Args(std::begin(DistributionFlags),
                                std::end(DistributionFlags));
  for (const char *Dir : NginxIncludeDirs)
    Args.push_back("-I" + joinPath(Configured, Dir));
  return Args;
}

} // namespace driver
} // namespace ngx_pool_check
