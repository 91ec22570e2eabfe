//===- Options.cpp - The command line of ngx-pool-check -------------------===//
//
// llvm::cl options in one category (--help shows only them and the generic
// --help/--version), parsed with an error stream so that a bad option is an
// error value instead of an exit(1) with a "Did you mean" second line.
// Everything that can be checked before analysing is checked here: checker
// globs, --analyzer-config keys and values, the source root, --shard,
// --progress.
//
// `ngx-pool-check merge` is an llvm::cl subcommand with options of its own
// (-o) and the ones it shares with an analysis (--srcroot, --baseline,
// --exit-zero, --quiet).
//
//===----------------------------------------------------------------------===//

#include "Options.h"
#include "Paths.h"

#include "Checks.h"
#include "FirstError.h"
#include "Shards.h"

#include "clang/Basic/Version.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/CompilerInvocation.h"
#include "clang/StaticAnalyzer/Core/AnalyzerOptions.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <thread>

using namespace llvm;

namespace ngx_pool_check {
namespace driver {

char AlreadyReported::ID = 0;

namespace {

cl::OptionCategory Category("ngx-pool-check options");

cl::SubCommand
    MergeCommand("merge",
                 "Merge the SARIF logs of sharded runs (--shard) into the one "
                 "run an unsharded analysis writes: ngx-pool-check merge "
                 "<sarif>... -o <file>");

/// The options an analysis and `merge` share.
cl::SubCommandGroup AnalysisAndMerge({&cl::SubCommand::getTopLevel(),
                                      &MergeCommand});

cl::list<std::string> MergeInputs(cl::Positional, cl::desc("<sarif>..."),
                                  cl::sub(MergeCommand), cl::cat(Category));

cl::opt<std::string> MergeOutput("o",
                                 cl::desc("The merged SARIF log (written "
                                          "whole or not at all)."),
                                 cl::value_desc("file"), cl::sub(MergeCommand),
                                 cl::cat(Category));

cl::list<std::string> SourcePaths(cl::Positional, cl::desc("<source>..."),
                                  cl::cat(Category));

cl::opt<std::string>
    BuildPath("p",
              cl::desc("Build directory with compile_commands.json (or the "
                       "file itself).\nWithout <source>, every file of the "
                       "database is analysed."),
              cl::value_desc("build dir"), cl::cat(Category));

cl::opt<std::string> ModuleDir(
    "module",
    cl::desc("Analyse an nginx module by its `config` file, with no "
             "compilation database: its C sources (or the <source>s given), "
             "compiled against a configured nginx (see --nginx-src)."),
    cl::value_desc("module dir"), cl::cat(Category));

cl::opt<std::string> NginxSource(
    "nginx-src",
    cl::desc("With --module: the nginx source tree to compile against, "
             "configured or not (default: Debian's nginx-dev, "
             "/usr/share/nginx/src). An unconfigured tree is configured once "
             "into the cache ($NGX_PC_CACHE, else "
             "${XDG_CACHE_HOME:-~/.cache}/ngx-pool-check)."),
    cl::value_desc("nginx tree"), cl::cat(Category));

cl::opt<std::string>
    Checks("checks",
           cl::desc("Comma-separated globs of checkers to run; a '-' before a "
                    "glob disables.\nLater globs override earlier ones. "
                    "Default: 'nginx.*'."),
           cl::init(std::string(DefaultChecks)), cl::value_desc("globs"),
           cl::cat(Category));

// A string, parsed here: llvm::cl would print its own error for "-j x".
cl::opt<std::string>
    Jobs("j",
         cl::desc("Translation units analysed in parallel (default: the "
                  "number of cores)."),
         cl::value_desc("N"), cl::Prefix, cl::cat(Category));

cl::opt<std::string>
    Sarif("sarif",
          cl::desc("Write the findings of all files as one SARIF 2.1.0 run."),
          cl::value_desc("file"), cl::cat(Category));

cl::opt<std::string>
    SrcRoot("srcroot",
            cl::desc("Directory SARIF URIs are relative to (%SRCROOT%); "
                     "default: the current directory."),
            cl::value_desc("dir"), cl::sub(AnalysisAndMerge),
            cl::cat(Category));

cl::list<std::string>
    AnalyzerConfig("analyzer-config",
                   cl::desc("Set an analyzer or checker option, e.g. "
                            "nginx.Checker:Option=value (repeatable)."),
                   cl::value_desc("key=value"), cl::cat(Category));

cl::opt<std::string>
    Baseline("baseline",
             cl::desc("Report only findings that are not in this earlier "
                      "SARIF output."),
             cl::value_desc("sarif"), cl::sub(AnalysisAndMerge),
             cl::cat(Category));

cl::opt<bool> ExitZero("exit-zero",
                       cl::desc("Exit with 0 even when there are findings "
                                "(failures still exit with 2)."),
                       cl::sub(AnalysisAndMerge), cl::cat(Category));

cl::opt<bool> Quiet("quiet",
                    cl::desc("Do not print the summary line, nor the progress "
                             "(unless --progress=live or lines asks for it)."),
                    cl::sub(AnalysisAndMerge), cl::cat(Category));

cl::opt<bool>
    Strict("strict",
           cl::desc("Exit with 2 when a suppression comment suppresses "
                    "nothing (names no known checker, e.g. a typo);\nwithout "
                    "it such a comment is only a warning on stderr."),
           cl::cat(Category));

// Strings, parsed here, for one-line errors like -j's.
cl::opt<std::string> ProgressOption(
    "progress",
    cl::desc("Show how far the analysis is, on stderr: 'auto' (default) a "
             "live [N/M] file (ETA) line on a terminal,\na line per file "
             "(at most one per --progress-interval) otherwise, nothing with "
             "--quiet;\n'live', 'lines' or 'never' choose one."),
    cl::value_desc("auto|live|lines|never"), cl::cat(Category));

cl::opt<std::string> ProgressInterval(
    "progress-interval",
    cl::desc("With a line per file, at most one line per this many seconds "
             "(default 5; 0: every file). The first and last file are "
             "always shown."),
    cl::value_desc("seconds"), cl::cat(Category));

cl::opt<std::string>
    ShardOption("shard",
                cl::desc("Analyse only shard K of N: the units whose path "
                         "(relative to --srcroot) hashes to K.\nN jobs with "
                         "1/N .. N/N analyse every unit once; join their "
                         "SARIF with `ngx-pool-check merge`."),
                cl::value_desc("K/N"), cl::cat(Category));

cl::opt<std::string> ChangedSince(
    "changed-since",
    cl::desc("Analyse only the units whose source, or a file they include "
             "(found by running the preprocessor), differs from the merge "
             "base of this git ref (git diff --merge-base <ref>)."),
    cl::value_desc("git ref"), cl::cat(Category));

cl::opt<std::string> ChangedFiles(
    "changed-files",
    cl::desc("Like --changed-since, with the changed files listed in this "
             "file, one per line (relative to the current directory)."),
    cl::value_desc("file"), cl::cat(Category));

cl::opt<bool>
    Fix("fix",
        cl::desc("Apply the findings' fix-its to the source files in place, "
                 "like clang-tidy --fix (c->pool -> r->pool where the "
                 "request is in scope);\nonly fixes of reported findings "
                 "(not suppressed, not in --baseline); a fix that overlaps "
                 "another is skipped with a warning.\nThe findings are "
                 "still reported, and the exit status is the same."),
        cl::cat(Category));

cl::opt<std::string> ChangedLinesOption(
    "changed-lines",
    cl::desc("Analyse, in the files this list names with lines, only the "
             "functions those lines touch and the functions of the same file "
             "that call them; report only the findings that touch a changed "
             "function. One entry per line: <file>:<first>-<last>[,...] "
             "(or <file>:<line>; <file> alone: the whole file), relative to "
             "the current directory. Other files are analysed whole."),
    cl::value_desc("file"), cl::cat(Category));

enum class CallerReach { Direct, All };

cl::opt<CallerReach> ChangedCallers(
    "changed-callers",
    cl::desc("With --changed-lines, which callers of a changed function are "
             "analysed with it:"),
    cl::values(clEnumValN(CallerReach::Direct, "direct",
                          "the functions of the same file that call it "
                          "(default)"),
               clEnumValN(CallerReach::All, "all",
                          "their callers too, transitively (slower; the "
                          "same contexts as a whole-file run)")),
    cl::init(CallerReach::Direct), cl::cat(Category));

cl::opt<bool> ListFiles("list-files",
                        cl::desc("Print the units that would be analysed "
                                 "(after --shard and --changed-*) and exit."),
                        cl::cat(Category));

cl::opt<bool> ListChecks("list-checks",
                         cl::desc("List the enabled checkers and exit."),
                         cl::cat(Category));

const char Overview[] =
    "Path-sensitive nginx pool and resource checks over a compilation "
    "database.\n\n"
    "  ngx-pool-check [options] <source>... [-- <compiler args>]\n"
    "  ngx-pool-check -p <build dir> [options] [<source>...]\n"
    "  ngx-pool-check --module <module dir> [options] [<source>...]\n\n"
    "  ngx-pool-check merge <sarif>... -o <file>\n\n"
    "Compiler arguments after '--' replace the compilation database (with "
    "--module, they are added to the module's compile command). Exit "
    "status: 0 no findings, 1 findings, 2 usage error, a file that could "
    "not be analysed (or, with --fix, written), or with --strict a "
    "suppression comment naming no known checker.\n";

void printVersion(raw_ostream &OS) {
  OS << "ngx-pool-check " << toolVersion() << "\n"
     << "  built with " << clang::getClangFullVersion() << "\n"
     << "  " << homePage() << "\n";
}

Error usageError(const Twine &Message) {
  return createStringError(inconvertibleErrorCode(), Message);
}

/// The first line of what llvm::cl wrote, without its "<tool>: " prefix.
std::string firstLine(StringRef Text, StringRef Tool) {
  StringRef Line = Text.trim().split('\n').first.trim();
  Line.consume_front(Tool);
  Line.consume_front(": ");
  return Line.str();
}

/// A checker option, `nginx.Checker:Option=value`, or a package option,
/// `nginx:Option=value`, against the table.
Error validateCheckerOption(StringRef Key, StringRef Value) {
  auto [CheckerName, OptionName] = Key.split(':');
  const ArrayRef<CheckerOptionInfo> *Options = optionsOf(CheckerName);
  if (!Options)
    return usageError("--analyzer-config: unknown checker '" + CheckerName +
                      "' in '" + Key + "'");
  for (const CheckerOptionInfo &Option : *Options) {
    if (Option.Name != OptionName)
      continue;
    if (Option.Type == "bool" && Value != "true" && Value != "false")
      return usageError("--analyzer-config: '" + Key +
                        "' expects true or false, not '" + Value + "'");
    long long Ignored;
    if (Option.Type == "int" && Value.getAsInteger(10, Ignored))
      return usageError("--analyzer-config: '" + Key +
                        "' expects an integer, not '" + Value + "'");
    return Error::success();
  }
  return usageError("--analyzer-config: checker '" + CheckerName +
                    "' has no option '" + OptionName + "'");
}

/// clang's options that take one of a few words. cc1 accepts any word and
/// asserts on a wrong one later (or, in a release build, misbehaves).
struct EnumOption {
  StringLiteral Key;
  std::initializer_list<StringLiteral> Values;
};
const EnumOption EnumOptions[] = {
    {"mode", {"deep", "shallow"}},
    {"ipa",
     {"none", "basic-inlining", "inlining", "dynamic", "dynamic-bifurcate"}},
    {"c++-inlining", {"none", "constructors", "destructors", "methods"}},
    {"ctu-phase1-inlining", {"none", "small", "all"}},
    {"exploration_strategy",
     {"dfs", "bfs", "unexplored_first", "unexplored_first_queue",
      "unexplored_first_location_queue", "bfs_block_dfs_contents"}},
};

Error validateEnumOption(StringRef Key, StringRef Value) {
  for (const EnumOption &Option : EnumOptions) {
    if (Option.Key != Key || llvm::is_contained(Option.Values, Value))
      continue;
    std::string Allowed;
    for (StringRef V : Option.Values)
      Allowed += (Allowed.empty() ? "" : ", ") + V.str();
    return usageError("--analyzer-config: '" + Key + "' expects one of " +
                      Allowed + ", not '" + Value + "'");
  }
  return Error::success();
}

/// One of clang's own analyzer options: clang parses it as cc1 would, so
/// a bad value is found once here instead of failing every file.
Error validateAnalyzerOption(StringRef Key, StringRef KeyValue) {
  clang::AnalyzerOptions Defaults;
  if (Defaults.isUnknownAnalyzerConfig(Key))
    return usageError("--analyzer-config: unknown option '" + Key + "'");
  if (Error E = validateEnumOption(Key, KeyValue.split('=').second))
    return E;
  FirstErrorCollector Errors;
  IntrusiveRefCntPtr<clang::DiagnosticsEngine> Diags =
      clang::CompilerInstance::createDiagnostics(new clang::DiagnosticOptions(),
                                                 &Errors,
                                                 /*ShouldOwnClient=*/false);
  clang::CompilerInvocation Invocation;
  std::string Arg = KeyValue.str();
  const char *Args[] = {"-analyzer-config", Arg.c_str()};
  clang::CompilerInvocation::CreateFromArgs(Invocation, Args, *Diags);
  if (!Errors.firstError().empty())
    return usageError("--analyzer-config: " + Errors.firstError());
  return Error::success();
}

Error validateAnalyzerConfig(ArrayRef<std::string> KeyValues) {
  for (StringRef KeyValue : KeyValues) {
    auto [Key, Value] = KeyValue.split('=');
    if (Key.empty() || !KeyValue.contains('='))
      return usageError("--analyzer-config: expected key=value, got '" +
                        KeyValue + "'");
    Error E = Key.contains(':') ? validateCheckerOption(Key, Value)
                                : validateAnalyzerOption(Key, KeyValue);
    if (E)
      return E;
  }
  return Error::success();
}

Expected<std::string> sourceRoot() {
  SmallString<256> Root;
  if (SrcRoot.empty()) {
    if (std::error_code EC = sys::fs::current_path(Root))
      return usageError("cannot get the current directory: " + EC.message());
  } else {
    Root = SrcRoot;
  }
  std::string Abs = absoluteClean(Root);
  if (!sys::fs::is_directory(Abs))
    return usageError("--srcroot: '" + SrcRoot + "' is not a directory");
  return Abs;
}

Expected<unsigned> jobs() {
  if (Jobs.empty()) {
    unsigned Cores = std::thread::hardware_concurrency();
    return Cores ? Cores : 1;
  }
  unsigned N = 0;
  if (StringRef(Jobs).getAsInteger(10, N) || N == 0)
    return usageError("-j: expected a positive number of jobs, got '" + Jobs +
                      "'");
  return N;
}

Expected<ProgressMode> progressMode() {
  if (!ProgressOption.getNumOccurrences() || ProgressOption == "auto")
    return ProgressMode::Auto;
  if (ProgressOption == "live")
    return ProgressMode::Live;
  if (ProgressOption == "lines")
    return ProgressMode::Lines;
  if (ProgressOption == "never")
    return ProgressMode::Never;
  return usageError("--progress: expected auto, live, lines or never, got '" +
                    ProgressOption + "'");
}

/// --progress, --progress-interval.
Error progressOptions(DriverOptions &Opts) {
  Expected<ProgressMode> Mode = progressMode();
  if (!Mode)
    return Mode.takeError();
  Opts.Progress = *Mode;
  if (!ProgressInterval.getNumOccurrences())
    return Error::success();
  unsigned Seconds = 0;
  if (StringRef(ProgressInterval).getAsInteger(10, Seconds))
    return usageError("--progress-interval: expected a number of seconds, "
                      "got '" +
                      ProgressInterval + "'");
  Opts.ProgressInterval = Seconds;
  return Error::success();
}

/// `merge`: its inputs, its output, and the options it shares.
Expected<DriverOptions> mergeOptions(DriverOptions Opts) {
  Opts.Merge = true;
  if (MergeInputs.empty())
    return usageError("merge: no input: give the SARIF logs of the shards");
  if (MergeOutput.empty())
    return usageError("merge: give the file for the merged log with -o "
                      "<file>");
  Opts.MergeInputs.assign(MergeInputs.begin(), MergeInputs.end());
  Opts.MergeOutput = MergeOutput;
  Expected<std::string> Root = sourceRoot();
  if (!Root)
    return Root.takeError();
  Opts.SrcRoot = std::move(*Root);
  Opts.SrcRootGiven = SrcRoot.getNumOccurrences() > 0;
  Opts.BaselinePath = Baseline;
  Opts.ExitZero = ExitZero;
  Opts.Quiet = Quiet;
  return Opts;
}

/// --shard, --changed-since, --changed-files, --changed-lines,
/// --list-files.
Error selectionOptions(DriverOptions &Opts) {
  if (ShardOption.getNumOccurrences()) {
    Expected<Shard> Parsed = parseShard(ShardOption);
    if (!Parsed)
      return Parsed.takeError();
    Opts.OnlyShard = *Parsed;
  }
  if (ChangedSince.getNumOccurrences() && ChangedSince.empty())
    return usageError("--changed-since: expected a git ref, got ''");
  if (ChangedFiles.getNumOccurrences() && ChangedFiles.empty())
    return usageError("--changed-files: expected a file, got ''");
  if (ChangedLinesOption.getNumOccurrences() && ChangedLinesOption.empty())
    return usageError("--changed-lines: expected a file, got ''");
  Opts.ChangedSince = ChangedSince;
  Opts.ChangedFilesList = ChangedFiles;
  Opts.ChangedLinesList = ChangedLinesOption;
  Opts.AllChangedCallers = ChangedCallers == CallerReach::All;
  Opts.ListFiles = ListFiles;
  return Error::success();
}

/// --module and --nginx-src.
Error moduleOptions(DriverOptions &Opts) {
  if (ModuleDir.getNumOccurrences() && ModuleDir.empty())
    return usageError("--module: expected a module directory, got ''");
  if (NginxSource.getNumOccurrences() && NginxSource.empty())
    return usageError("--nginx-src: expected an nginx source tree, got ''");
  if (!ModuleDir.empty() && !BuildPath.empty())
    return usageError("--module and -p cannot be used together: the "
                      "module's config replaces the compilation database");
  if (!NginxSource.empty() && ModuleDir.empty())
    return usageError("--nginx-src is for --module <module dir>");
  Opts.ModuleDir = ModuleDir;
  Opts.NginxSource = NginxSource;
  return Error::success();
}

} // namespace

Expected<DriverOptions> parseCommandLine(int Argc, const char **Argv) {
  DriverOptions Opts;
  Opts.Arguments.assign(Argv, Argv + Argc);

  // `-- <compiler args>`: clang-tidy's fixed compilation database. It takes
  // everything after `--` off the command line.
  SmallString<256> Cwd;
  sys::fs::current_path(Cwd);
  std::string FixedError;
  Opts.CommandLineDatabase =
      clang::tooling::FixedCompilationDatabase::loadFromCommandLine(
          Argc, Argv, FixedError, Cwd);
  if (!FixedError.empty()) {
    StringRef Why = StringRef(FixedError).trim();
    Why.consume_front("error: ");
    return usageError("compiler arguments after '--': " + firstLine(Why, ""));
  }

  cl::HideUnrelatedOptions(Category);
  cl::HideUnrelatedOptions(Category, MergeCommand);
  cl::SetVersionPrinter(printVersion);
  std::string ParseErrors;
  raw_string_ostream ErrorStream(ParseErrors);
  if (!cl::ParseCommandLineOptions(Argc, Argv, Overview, &ErrorStream)) {
    // Errors about an option's value ("requires a value", "may only occur
    // once") llvm::cl prints itself, on one line; do not add a second.
    if (ErrorStream.str().empty())
      return make_error<AlreadyReported>();
    return usageError(
        firstLine(ErrorStream.str(), sys::path::filename(Argv[0])));
  }
  if (MergeCommand)
    return mergeOptions(std::move(Opts));

  Expected<std::vector<const CheckerInfo *>> Selected = selectCheckers(Checks);
  if (!Selected)
    return Selected.takeError();
  Opts.Checkers = std::move(*Selected);
  Opts.ListChecks = ListChecks;
  if (Opts.ListChecks)
    return Opts;

  if (Error E = validateAnalyzerConfig(AnalyzerConfig))
    return E;
  Opts.AnalyzerConfig.assign(AnalyzerConfig.begin(), AnalyzerConfig.end());

  if (Error E = moduleOptions(Opts))
    return E;
  if (SourcePaths.empty() && BuildPath.empty() && ModuleDir.empty())
    return usageError("no input: give source files, or -p <build dir> to "
                      "analyse every file of its compile_commands.json, or "
                      "--module <module dir>");
  for (const std::string &Source : SourcePaths)
    Opts.Sources.push_back(absoluteClean(Source));
  Opts.BuildPath = BuildPath;

  Expected<std::string> Root = sourceRoot();
  if (!Root)
    return Root.takeError();
  Opts.SrcRoot = std::move(*Root);
  Opts.SrcRootGiven = SrcRoot.getNumOccurrences() > 0;
  if (Error E = selectionOptions(Opts))
    return E;

  Expected<unsigned> N = jobs();
  if (!N)
    return N.takeError();
  Opts.Jobs = *N;
  Opts.SarifPath = Sarif;
  Opts.BaselinePath = Baseline;
  Opts.ExitZero = ExitZero;
  Opts.Quiet = Quiet;
  Opts.Strict = Strict;
  Opts.Fix = Fix;
  if (Error E = progressOptions(Opts))
    return E;
  return Opts;
}

} // namespace driver
} // namespace ngx_pool_check
