//===- Options.h - The command line of ngx-pool-check ---------------------===//
//
//   ngx-pool-check [options] <source>... [-- <compiler args>]
//   ngx-pool-check --module <module dir> [options] [<source>...]
//
// in clang-tidy's conventions (-p, --checks, --list-checks, `--`). Every
// mistake in the command line becomes one llvm::Error with a one-line
// message, which the driver prints before exiting with status 2; nothing is
// analysed then.
//
//===----------------------------------------------------------------------===//

#ifndef NGX_POOL_CHECK_DRIVER_OPTIONS_H
#define NGX_POOL_CHECK_DRIVER_OPTIONS_H

#include "Registration.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ngx_pool_check {
namespace driver {

/// --shard=K/N (see Shards.h).
struct Shard {
  unsigned Index = 1; ///< K, 1-based.
  unsigned Count = 1; ///< N.
};

/// --progress: how the analysis shows how far it is (Progress.h).
enum class ProgressMode {
  Auto,  ///< Live on a terminal, lines otherwise, none with --quiet.
  Live,  ///< The live line, even when stderr is not a terminal.
  Lines, ///< A line per unit (rate-limited), even on a terminal.
  Never,
};

struct DriverOptions {
  /// `ngx-pool-check merge <sarif>... -o <file>` instead of an analysis.
  bool Merge = false;
  /// merge: the SARIF logs to merge, and where the merged one goes.
  std::vector<std::string> MergeInputs;
  std::string MergeOutput;

  /// Source files named on the command line, absolute; empty with -p means
  /// every file of the compilation database.
  std::vector<std::string> Sources;
  /// -p: a build directory with compile_commands.json, or the file itself.
  std::string BuildPath;
  /// --module: a module directory whose nginx `config` says what to
  /// analyse and how (Module.h); empty: not given.
  std::string ModuleDir;
  /// --nginx-src: the nginx tree for --module; empty: Debian's.
  std::string NginxSource;
  /// Compiler arguments after `--`, as a database; null without `--`.
  std::unique_ptr<clang::tooling::CompilationDatabase> CommandLineDatabase;
  /// The reporting checkers --checks enables, in table order.
  std::vector<const CheckerInfo *> Checkers;
  /// --analyzer-config key=value, validated.
  std::vector<std::string> AnalyzerConfig;
  unsigned Jobs = 1;
  std::string SarifPath;     ///< Empty: no SARIF.
  std::string SrcRoot;       ///< Absolute; the current directory by default.
  bool SrcRootGiven = false; ///< --srcroot was on the command line.
  std::string BaselinePath;  ///< Empty: no baseline.
  bool ExitZero = false;
  bool Quiet = false;
  /// --strict: a suppression comment that suppresses nothing (a typo in a
  /// checker name) is an error: exit status 2.
  bool Strict = false;
  /// --fix: apply the reported findings' fix-its to the sources in place
  /// (ApplyFixes.h).
  bool Fix = false;
  ProgressMode Progress = ProgressMode::Auto;
  /// --progress-interval: in the lines style, the least time between two
  /// lines, in seconds (0: a line per unit).
  unsigned ProgressInterval = 5;
  bool ListChecks = false;
  /// --list-files: print the units that would be analysed, and exit.
  bool ListFiles = false;
  /// --shard=K/N: only the units of shard K of N.
  std::optional<Shard> OnlyShard;
  /// --changed-since=<git ref>, --changed-files=<file>: only the units whose
  /// source, or a file they include, changed. Empty: not given.
  std::string ChangedSince;
  std::string ChangedFilesList;
  /// --changed-lines=<file>: analyse the files it names by the functions
  /// their changed lines touch (ChangedLines.h). Empty: not given.
  std::string ChangedLinesList;
  /// --changed-callers=all: with --changed-lines, also the callers of the
  /// callers, transitively; default (direct): the changed functions and the
  /// functions that call them.
  bool AllChangedCallers = false;
  /// The command line as given, for the SARIF invocation record.
  std::vector<std::string> Arguments;
};

/// A usage error that llvm::cl has already printed (on one line).
class AlreadyReported : public llvm::ErrorInfo<AlreadyReported> {
public:
  static char ID;
  void log(llvm::raw_ostream &) const override {}
  std::error_code convertToErrorCode() const override {
    return llvm::inconvertibleErrorCode();
  }
};

/// Parses and validates the command line. --help and --version print and
/// exit(0) from inside.
llvm::Expected<DriverOptions> parseCommandLine(int Argc, const char **Argv);

} // namespace driver
} // namespace ngx_pool_check

#endif // NGX_POOL_CHECK_DRIVER_OPTIONS_H
