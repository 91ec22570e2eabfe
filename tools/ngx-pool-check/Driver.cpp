//===- Driver.cpp - ngx-pool-check: the nginx checkers as a command -------===//
//
//   ngx-pool-check [options] <source>... [-- <compiler args>]
//   ngx-pool-check -p build --sarif=out.sarif
//
// The order of work makes bad input cheap and output all-or-nothing:
// everything that can be wrong with the command line, the baseline, the
// compilation database or the --sarif path is found before any file is
// analysed, and reported as one line with exit status 2. Then all files are
// analysed (in parallel), and only then is anything written: the SARIF file
// (renamed into place), the failed files on stderr, the findings and the
// summary on stdout.
//
// Exit status: 0 no findings, 1 findings (0 with --exit-zero), 2 a usage
// error or a file that could not be analysed.
//
//===----------------------------------------------------------------------===//

#include "Analysis.h"
#include "Baseline.h"
#include "Database.h"
#include "Options.h"
#include "OutputFile.h"
#include "Results.h"
#include "SarifOutput.h"
#include "TextOutput.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>

using namespace ngx_pool_check;
using namespace ngx_pool_check::driver;

namespace {

constexpr int ExitClean = 0;
constexpr int ExitFindings = 1;
constexpr int ExitError = 2;

/// One line on stderr, status 2.
int fail(llvm::Error E) {
  llvm::handleAllErrors(
      std::move(E), [](const AlreadyReported &) {},
      [](const llvm::ErrorInfoBase &Info) {
        std::string Message = Info.message();
        for (char &C : Message)
          if (C == '\n')
            C = ' ';
        llvm::errs() << "ngx-pool-check: error: " << Message << "\n";
      });
  return ExitError;
}

int exitStatus(const RunResults &Run, bool ExitZero) {
  if (!Run.Failures.empty())
    return ExitError;
  if (Run.reportedCount() && !ExitZero)
    return ExitFindings;
  return ExitClean;
}

std::vector<std::string> names(llvm::ArrayRef<const CheckerInfo *> Checkers) {
  std::vector<std::string> Names;
  for (const CheckerInfo *Checker : Checkers)
    Names.push_back(Checker->FullName.str());
  return Names;
}

} // namespace

int main(int Argc, const char **Argv) {
  auto Start = std::chrono::steady_clock::now();
  prepareForAnalysis();

  llvm::Expected<DriverOptions> Parsed = parseCommandLine(Argc, Argv);
  if (!Parsed)
    return fail(Parsed.takeError());
  DriverOptions &Opts = *Parsed;
  if (Opts.ListChecks) {
    printCheckList(llvm::outs(), Opts.Checkers);
    return ExitClean;
  }

  std::optional<Baseline> Known;
  if (!Opts.BaselinePath.empty()) {
    llvm::Expected<Baseline> Loaded = Baseline::load(Opts.BaselinePath);
    if (!Loaded)
      return fail(Loaded.takeError());
    Known = std::move(*Loaded);
  }

  auto Database = loadDatabase(Opts);
  if (!Database)
    return fail(Database.takeError());
  std::vector<WorkItem> Work = planWork(**Database, Opts.Sources);
  if (Work.empty())
    return fail(llvm::createStringError(llvm::inconvertibleErrorCode(),
                                        "no files to analyse"));

  std::unique_ptr<OutputFile> Sarif;
  if (!Opts.SarifPath.empty()) {
    auto Created = OutputFile::create(Opts.SarifPath, "--sarif");
    if (!Created)
      return fail(Created.takeError());
    Sarif = std::move(*Created);
  }

  AnalysisSettings Settings{names(Opts.Checkers), Opts.AnalyzerConfig};
  std::vector<TUResult> TUs = analyseAll(Work, Settings, Opts.Jobs);
  RunResults Run = mergeResults(std::move(TUs), Known ? &*Known : nullptr);
  Run.Seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
          .count();

  if (Sarif) {
    llvm::json::Value Log =
        buildSarif({Run, Opts.Checkers, Opts.SrcRoot, Opts.Arguments});
    if (llvm::Error E = Sarif->commit(llvm::formatv("{0:2}\n", Log).str()))
      return fail(std::move(E));
  }

  for (const FailedFile &Failure : Run.Failures)
    llvm::errs() << "ngx-pool-check: error: cannot analyse '"
                 << displayPath(Failure.File) << "': " << Failure.Reason
                 << "\n";
  printFindings(llvm::outs(), Run);
  if (!Opts.Quiet)
    llvm::outs() << summaryLine(Run, Opts.Checkers) << "\n";
  llvm::outs().flush();
  return exitStatus(Run, Opts.ExitZero);
}
