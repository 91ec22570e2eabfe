//===- Module.cpp - Scanning a module directory by its nginx `config` -----===//
//
// The config runs under /bin/sh as nginx's auto/modules runs it, in a
// scratch directory laid out like the top of an nginx tree:
//
//   configure   the wrapper: presets what nginx's configure has set by then
//               (ngx_module_link=DYNAMIC, the module lists empty, a build
//               like Debian's: HTTP with SSL and HTTP/2, stream, mail),
//               sources the config, and writes what it collected to a file
//   auto/       stubs of the scripts configs source: auto/module collects
//               ngx_module_srcs and ngx_module_incs (a config may call it
//               for several modules), auto/feature compiles nothing,
//               auto/have and auto/define collect macros
//   src         a link to the nginx tree's src (configs read
//               src/core/nginx.h for the version)
//   objs/       $NGX_OBJS, for what a config writes there
//   addon/      a copy of the module directory (without .git, .hg, .svn):
//               $ngx_addon_dir, so that what the config writes stays out of
//               the module; its paths are mapped back to the module's in
//               what the config printed
//   generated/  the files the config created or changed in addon/, at the
//               same relative paths; their directories are added to the
//               include path, after the module's own
//
// Its old-style variables (NGX_ADDON_SRCS, CORE_INCS, HTTP_INCS, CFLAGS...)
// start empty, so what they hold at the end is the module's. Paths relative
// to the top are nginx's own files (HTTP_SRCS="$HTTP_SRCS src/http/...") and
// are left out; include directories in objs/ are kept, with the scratch
// directory, until the analysis is over.
//
//===----------------------------------------------------------------------===//

#include "Module.h"
#include "Paths.h"

#include "NginxTree.h"
#include "Shell.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace ngx_pool_check {
namespace driver {

namespace {

/// A config that runs longer is stuck (reading a terminal, looping).
constexpr unsigned ConfigSeconds = 60;

/// ./configure $ngx_addon_dir <result file>: see the top of the file.
const char WrapperScript[] =
    R"sh(# ngx-pool-check: a module's config, run as nginx's configure runs it.
ngx_addon_dir=$1
ngx_pc_result=$2
set --

# What nginx's configure has set when it reads a module's config.
NGX_OBJS=objs
NGX_AUTOTEST=objs/autotest
NGX_AUTOCONF_ERR=objs/autoconf.err
NGX_ERR=objs/autoconf.err
NGX_AUTO_CONFIG_H=objs/ngx_auto_config.h
NGX_AUTO_HEADERS_H=objs/ngx_auto_headers.h
NGX_MAKEFILE=objs/Makefile
NGX_PREFIX=/usr/share/nginx
NGX_SYSTEM=$(uname -s)
NGX_RELEASE=$(uname -r)
NGX_MACHINE=$(uname -m)
NGX_PLATFORM="$NGX_SYSTEM:$NGX_RELEASE:$NGX_MACHINE"
CC=${CC:-cc}
NGX_CC_NAME=gcc
NGX_RPATH=NO
CFLAGS= CC_TEST_FLAGS= CC_AUX_FLAGS= NGX_CC_OPT= NGX_LD_OPT= NGX_TEST_LD_OPT=
HTTP=YES HTTP_SSL=YES HTTP_V2=YES HTTP_V3=NO HTTP_CACHE=YES HTTP_GZIP=YES
STREAM=YES STREAM_SSL=YES MAIL=YES MAIL_SSL=YES
USE_OPENSSL=YES USE_PCRE=YES USE_ZLIB=YES USE_THREADS=YES NGX_THREADS=YES
CORE_INCS= HTTP_INCS= STREAM_INCS= MAIL_INCS=
CORE_DEPS= HTTP_DEPS= STREAM_DEPS= MAIL_DEPS=
CORE_SRCS= HTTP_SRCS= STREAM_SRCS= MAIL_SRCS= CORE_LIBS=
CORE_MODULES= EVENT_MODULES= HTTP_MODULES= HTTP_FILTER_MODULES=
HTTP_AUX_FILTER_MODULES= HTTP_INIT_FILTER_MODULES= STREAM_MODULES=
MAIL_MODULES= DYNAMIC_MODULES= NGX_ADDON_SRCS= NGX_ADDON_DEPS=
ngx_module_type= ngx_module_name= ngx_module_incs= ngx_module_deps=
ngx_module_srcs= ngx_module_libs= ngx_module_order=
ngx_module_link=DYNAMIC
ngx_found=no
ngx_feature= ngx_feature_name= ngx_feature_run= ngx_feature_incs=
ngx_feature_path= ngx_feature_libs= ngx_feature_test=

ngx_pc_srcs= ngx_pc_incs= ngx_pc_macros=
ngx_pc_report() {
    set -f
    {
        for w in $ngx_pc_srcs $NGX_ADDON_SRCS; do echo "src $w"; done
        for w in $ngx_pc_incs $CORE_INCS $HTTP_INCS $STREAM_INCS $MAIL_INCS; do
            echo "inc $w"
        done
        for w in $ngx_pc_macros; do echo "macro $w"; done
        for w in $CFLAGS; do echo "cflag $w"; done
    } > "$ngx_pc_result"
}
trap ngx_pc_report EXIT

. "$ngx_addon_dir/config"
exit 0
)sh";

/// auto/module: each call adds a module's sources and include directories,
/// and those nginx's build adds for the libraries it names (libxml2's, as
/// auto/lib/libxslt/conf finds them; the others are in the system's).
const char ModuleStub[] = R"sh(
ngx_pc_srcs="$ngx_pc_srcs $ngx_module_srcs"
ngx_pc_incs="$ngx_pc_incs $ngx_module_incs"
for ngx_pc_lib in $ngx_module_libs; do
    case $ngx_pc_lib in
        LIBXSLT)
            ngx_pc_incs="$ngx_pc_incs /usr/include/libxml2 /usr/local/include/libxml2" ;;
    esac
done
)sh";

/// auto/feature: no test program is compiled. A feature is found unless it
/// names an include directory that does not exist, so that a config that
/// searches for a library settles where it is installed; a found feature
/// with a name defines it, as nginx's auto/feature does.
const char FeatureStub[] = R"sh(
ngx_found=yes
for ngx_pc_dir in $ngx_feature_path; do
    [ -d "$ngx_pc_dir" ] || ngx_found=no
done
if [ $ngx_found = yes ] && [ -n "$ngx_feature_name" ] &&
   [ "$ngx_feature_run" != value ]; then
    ngx_pc_macros="$ngx_pc_macros $(echo "$ngx_feature_name" | tr abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ)"
fi
)sh";

const char HaveStub[] = R"sh(
ngx_pc_macros="$ngx_pc_macros $have"
)sh";

const char DefineStub[] = R"sh(
case $value in
    *[!A-Za-z0-9_.]*) ;;
    *) ngx_pc_macros="$ngx_pc_macros $have=$value" ;;
esac
)sh";

const char FoundStub[] = R"sh(
ngx_found=yes
)sh";

struct StubFile {
  const char *Name;
  const char *Text;
};
const StubFile Stubs[] = {
    {"configure", WrapperScript},  {"auto/module", ModuleStub},
    {"auto/feature", FeatureStub}, {"auto/have", HaveStub},
    {"auto/define", DefineStub},   {"auto/include", FoundStub},
    {"auto/nohave", ""},           {"auto/have_headers", ""},
};

/// Copies the module directory ($1, without version control) into $2.
const char CopyScript[] = R"sh(set -e
for entry in "$1"/* "$1"/.[!.]* "$1"/..?*; do
    [ -e "$entry" ] || [ -L "$entry" ] || continue
    case ${entry##*/} in
        .git|.hg|.svn) continue ;;
    esac
    cp -R "$entry" "$2/"
done
)sh";

/// cd to the top ($1) and run the wrapper there, as ./configure.
const char RunScript[] = "cd \"$1\" && exec /bin/sh ./configure \"$2\" \"$3\"";

Error moduleError(const Twine &Message) {
  return createStringError(inconvertibleErrorCode(), "--module: " + Message);
}

std::string joinPath(StringRef Dir, StringRef Name) {
  SmallString<256> Path(Dir);
  sys::path::append(Path, Name);
  return std::string(Path.str());
}

/// The module directory, absolute, after checking it has a config file.
Expected<std::string> checkModuleDirectory(StringRef Given) {
  std::string Dir = absoluteClean(Given);
  if (!sys::fs::exists(Dir))
    return moduleError("'" + Given + "' does not exist");
  if (!sys::fs::is_directory(Dir))
    return moduleError("'" + Given + "' is not a directory");
  std::string Config = joinPath(Dir, "config");
  if (!sys::fs::exists(Config))
    return moduleError("'" + Given +
                       "' has no nginx module config file (config)");
  if (!sys::fs::is_regular_file(Config))
    return moduleError("'" + joinPath(Given, "config") + "' is not a file");
  return Dir;
}

/// The scratch top: see the top of the file.
struct ScratchTop {
  std::unique_ptr<ScratchDirectory> Dir;
  std::string Addon;     ///< The copy of the module directory.
  std::string Generated; ///< What the config wrote into the copy.
  std::string Result;    ///< What the wrapper collected.
  std::string Log;       ///< The config's own output.

  const std::string &path() const { return Dir->path(); }
};

Error writeFile(StringRef Path, StringRef Text) {
  std::error_code EC;
  raw_fd_ostream Out(Path, EC, sys::fs::OF_Text);
  if (!EC) {
    Out << Text;
    Out.close();
    EC = Out.error();
  }
  if (EC)
    return moduleError("cannot write '" + Path + "': " + EC.message());
  return Error::success();
}

Expected<ScratchTop> makeScratchTop(StringRef ModuleDir,
                                    StringRef NginxSource) {
  Expected<ScratchDirectory> Dir =
      ScratchDirectory::create("ngx-pool-check-module");
  if (!Dir)
    return Dir.takeError();
  ScratchTop Top{std::make_unique<ScratchDirectory>(std::move(*Dir)), "", "",
                 "", ""};
  const std::string &Path = Top.path();
  Top.Addon = joinPath(Path, "addon");
  Top.Generated = joinPath(Path, "generated");
  Top.Result = joinPath(Path, "result");
  Top.Log = joinPath(Path, "config.log");
  std::error_code EC;
  for (const char *Sub : {"auto", "objs", "addon", "generated"})
    if (!EC)
      EC = sys::fs::create_directory(joinPath(Path, Sub));
  if (!EC)
    EC = sys::fs::create_link(joinPath(NginxSource, "src"),
                              joinPath(Path, "src"));
  if (EC)
    return moduleError("cannot prepare a directory to run the config in ('" +
                       Path + "'): " + EC.message());
  for (const StubFile &Stub : Stubs)
    if (Error E = writeFile(joinPath(Path, Stub.Name), Stub.Text))
      return E;

  Expected<int> Copied =
      runShell(CopyScript, {ModuleDir, Top.Addon}, Top.Log, ConfigSeconds);
  if (!Copied || *Copied != 0) {
    std::string Why =
        Copied ? lastErrorLine(Top.Log) : toString(Copied.takeError());
    return moduleError("cannot copy '" + ModuleDir +
                       "' to run its config: " + Why);
  }
  return Top;
}

/// Adds \p Item to \p List unless it is there.
void addOnce(std::vector<std::string> &List, StringSet<> &Seen,
             const std::string &Item) {
  if (Seen.insert(Item).second)
    List.push_back(Item);
}

bool sameContents(StringRef A, StringRef B) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> First = MemoryBuffer::getFile(A);
  ErrorOr<std::unique_ptr<MemoryBuffer>> Second = MemoryBuffer::getFile(B);
  return First && Second && (*First)->getBuffer() == (*Second)->getBuffer();
}

/// Copies the files of the copy that the module does not have, or has
/// with other contents, to generated/; returns their directories there.
std::vector<std::string> collectGenerated(const ScratchTop &Top,
                                          StringRef ModuleDir) {
  std::vector<std::string> Dirs;
  StringSet<> Seen;
  std::error_code EC;
  for (sys::fs::recursive_directory_iterator It(Top.Addon, EC,
                                                /*follow_symlinks=*/false),
       End;
       It != End && !EC; It.increment(EC)) {
    if (It->type() != sys::fs::file_type::regular_file)
      continue;
    StringRef Relative = StringRef(It->path()).drop_front(Top.Addon.size());
    std::string Original = ModuleDir.str() + Relative.str();
    if (sys::fs::exists(Original) && sameContents(It->path(), Original))
      continue;
    std::string Moved = Top.Generated + Relative.str();
    std::string Dir = sys::path::parent_path(Moved).str();
    if (sys::fs::create_directories(Dir) ||
        sys::fs::copy_file(It->path(), Moved))
      continue;
    addOnce(Dirs, Seen, Dir);
  }
  return Dirs;
}

/// Where a path the config printed lies.
enum class Place {
  Module,  ///< In the module directory (the copy's path, mapped back).
  Scratch, ///< In the scratch top: objs/ and the like.
  Nginx,   ///< nginx's own files (relative to the top, or in its src).
  Outside, ///< Anywhere else: a library's include directory.
};

bool isUnder(StringRef Path, StringRef Dir) {
  return Path.starts_with(Dir) &&
         (Path.size() == Dir.size() || Path[Dir.size()] == '/');
}

std::pair<Place, std::string> placeOf(StringRef Word, const ScratchTop &Top,
                                      StringRef ModuleDir) {
  SmallString<256> Path;
  if (isUnder(Word, Top.Addon)) {
    Path = ModuleDir;
    Path += Word.drop_front(Top.Addon.size());
    sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
    return {Place::Module, std::string(Path.str())};
  }
  if (!sys::path::is_absolute(Word))
    Path = joinPath(Top.path(), Word);
  else
    Path = Word;
  sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  std::string Clean(Path.str());
  if (isUnder(Clean, joinPath(Top.path(), "src")))
    return {Place::Nginx, Clean};
  if (isUnder(Clean, Top.path()))
    return {Place::Scratch, Clean};
  return {Place::Outside, Clean};
}

bool isIdentifier(StringRef Name) {
  return !Name.empty() && !isDigit(Name.front()) &&
         all_of(Name, [](char C) { return isAlnum(C) || C == '_'; });
}

/// Collects what the wrapper wrote: `src`, `inc`, `macro` and `cflag`
/// lines, one word each.
class ConfigResult {
public:
  ConfigResult(const ScratchTop &Top, StringRef ModuleDir)
      : Top(Top), ModuleDir(ModuleDir) {}

  void add(StringRef Kind, StringRef Word) {
    if (Kind == "src")
      addSource(Word);
    else if (Kind == "inc")
      addInclude(Word);
    else if (Kind == "macro")
      addMacro(Word);
    else if (Kind == "cflag")
      addCompilerFlag(Word);
  }

  void addGenerated(const std::string &Dir) {
    addOnce(Config.IncludeDirs, SeenIncludes, Dir);
  }

  ModuleConfig take() { return std::move(Config); }

private:
  /// A module's C source; nginx's own and what a config generates in the
  /// scratch directory are not the module's.
  void addSource(StringRef Word) {
    auto [Where, Path] = placeOf(Word, Top, ModuleDir);
    if ((Where == Place::Module || Where == Place::Outside) &&
        sys::path::extension(Path) == ".c")
      addOnce(Config.Sources, SeenSources, Path);
  }

  /// nginx's own directories are in the command already.
  void addInclude(StringRef Word) {
    auto [Where, Path] = placeOf(Word, Top, ModuleDir);
    if (Where != Place::Nginx && sys::fs::is_directory(Path))
      addOnce(Config.IncludeDirs, SeenIncludes, Path);
  }

  void addMacro(StringRef Word) {
    if (isIdentifier(Word.split('=').first))
      addOnce(Config.Macros, SeenMacros, "-D" + Word.str());
  }

  /// -D, -U and -I of CFLAGS; -I may have its directory in the next word.
  void addCompilerFlag(StringRef Word) {
    if (IncludeNext) {
      IncludeNext = false;
      addInclude(Word);
    } else if (Word == "-I") {
      IncludeNext = true;
    } else if (Word.consume_front("-I")) {
      addInclude(Word);
    } else if ((Word.starts_with("-D") || Word.starts_with("-U")) &&
               isIdentifier(Word.drop_front(2).split('=').first)) {
      addOnce(Config.Macros, SeenMacros, Word.str());
    }
  }

  const ScratchTop &Top;
  StringRef ModuleDir;
  ModuleConfig Config;
  StringSet<> SeenSources, SeenIncludes, SeenMacros;
  bool IncludeNext = false;
};

Expected<ModuleConfig> parseResult(ScratchTop &Top, StringRef ModuleDir) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> Text =
      MemoryBuffer::getFile(Top.Result);
  if (!Text)
    return moduleError("'" + joinPath(ModuleDir, "config") +
                       "' stopped before its end");
  ConfigResult Result(Top, ModuleDir);
  for (StringRef Line : split((*Text)->getBuffer(), '\n')) {
    auto [Kind, Word] = Line.split(' ');
    if (!Word.empty())
      Result.add(Kind, Word);
  }
  for (const std::string &Dir : collectGenerated(Top, ModuleDir))
    Result.addGenerated(Dir);
  ModuleConfig Config = Result.take();
  Config.Workspace = std::move(Top.Dir);
  return Config;
}

Error configFailed(StringRef ModuleDir, const Twine &Why) {
  return moduleError("'" + joinPath(ModuleDir, "config") + "' failed: " + Why);
}

/// The arguments after `--`, without the compiler and source file names
/// FixedCompilationDatabase puts around them.
std::vector<std::string>
extraArguments(const clang::tooling::CompilationDatabase *Given) {
  if (!Given)
    return {};
  std::vector<clang::tooling::CompileCommand> Commands =
      Given->getCompileCommands("ngx-pool-check-module.c");
  if (Commands.empty() || Commands.front().CommandLine.size() < 2)
    return {};
  const std::vector<std::string> &Line = Commands.front().CommandLine;
  return std::vector<std::string>(Line.begin() + 1, Line.end() - 1);
}

} // namespace

Expected<ModuleConfig> readModuleConfig(StringRef ModuleDir,
                                        StringRef NginxSource) {
  Expected<std::string> Dir = checkModuleDirectory(ModuleDir);
  if (!Dir)
    return Dir.takeError();
  Expected<ScratchTop> Top = makeScratchTop(*Dir, NginxSource);
  if (!Top)
    return Top.takeError();

  Expected<int> Status =
      runShell(RunScript, {Top->path(), Top->Addon, Top->Result}, Top->Log,
               ConfigSeconds);
  if (!Status)
    return configFailed(ModuleDir, toString(Status.takeError()));
  if (*Status != 0) {
    std::string Why = lastErrorLine(Top->Log);
    // The scratch paths mean nothing to the user.
    for (size_t At; (At = Why.find(Top->Addon)) != std::string::npos;)
      Why.replace(At, Top->Addon.size(), *Dir);
    return configFailed(ModuleDir, Why.empty() ? "exit status " + Twine(*Status)
                                               : Twine(Why));
  }

  Expected<ModuleConfig> Config = parseResult(*Top, *Dir);
  if (Config && Config->Sources.empty())
    return moduleError("'" + joinPath(ModuleDir, "config") +
                       "' lists no C source (ngx_module_srcs or "
                       "NGX_ADDON_SRCS)");
  return Config;
}

Expected<std::unique_ptr<ScratchDirectory>> loadModule(DriverOptions &Opts) {
  Expected<std::string> Dir = checkModuleDirectory(Opts.ModuleDir);
  if (!Dir)
    return Dir.takeError();
  Expected<NginxTree> Tree = findNginxTree(Opts.NginxSource);
  if (!Tree)
    return Tree.takeError();
  Expected<ModuleConfig> Config =
      readModuleConfig(Opts.ModuleDir, Tree->Source);
  if (!Config)
    return Config.takeError();
  Expected<std::string> Nginx = configuredNginx(*Tree);
  if (!Nginx)
    return Nginx.takeError();

  std::vector<std::string> Args = nginxCompileArguments(*Nginx);
  append_range(Args, Config->Macros);
  for (const std::string &Include : Config->IncludeDirs)
    Args.push_back("-I" + Include);
  append_range(Args, extraArguments(Opts.CommandLineDatabase.get()));
  Opts.CommandLineDatabase =
      std::make_unique<clang::tooling::FixedCompilationDatabase>(*Dir, Args);
  if (Opts.Sources.empty())
    Opts.Sources = std::move(Config->Sources);
  return std::move(Config->Workspace);
}

} // namespace driver
} // namespace ngx_pool_check
