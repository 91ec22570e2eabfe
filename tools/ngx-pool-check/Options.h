//===- Options.h - The command line of ngx-pool-check ---------------------===//
//
//   ngx-pool-check [options] <source>... [-- <compiler args>]
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
#include <string>
#include <vector>

namespace ngx_pool_check {
namespace driver {

struct DriverOptions {
  /// Source files named on the command line, absolute; empty with -p means
  /// every file of the compilation database.
  std::vector<std::string> Sources;
  /// -p: a build directory with compile_commands.json, or the file itself.
  std::string BuildPath;
  /// Compiler arguments after `--`, as a database; null without `--`.
  std::unique_ptr<clang::tooling::CompilationDatabase> CommandLineDatabase;
  /// The reporting checkers --checks enables, in table order.
  std::vector<const CheckerInfo *> Checkers;
  /// --analyzer-config key=value, validated.
  std::vector<std::string> AnalyzerConfig;
  unsigned Jobs = 1;
  std::string SarifPath;    ///< Empty: no SARIF.
  std::string SrcRoot;      ///< Absolute; the current directory by default.
  std::string BaselinePath; ///< Empty: no baseline.
  bool ExitZero = false;
  bool Quiet = false;
  bool ListChecks = false;
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
