//===- Driver.cpp - ngx-pool-check: the nginx checkers as a command -------===//
//
//   ngx-pool-check [options] <source>... [-- <compiler args>]
//   ngx-pool-check -p build --sarif=out.sarif
//   ngx-pool-check --module ~/src/my-module
//   ngx-pool-check -p build --shard=2/3 --sarif=shard-2.sarif
//   ngx-pool-check merge shard-*.sarif -o all.sarif
//
// The order of work makes bad input cheap and output all-or-nothing:
// everything that can be wrong with the command line, the baseline, the
// compilation database or the --sarif path is found before any file is
// analysed, and reported as one line with exit status 2. Then all files are
// analysed (in parallel), and only then is anything written: the SARIF file
// (renamed into place), the failed files on stderr, the findings and the
// summary on stdout. While the files are analysed, only the progress is
// shown, on stderr (Progress.h), and erased before the rest is written.
// The analysed sources are then scanned for suppression comments that
// suppress nothing (SuppressionTypos.h), each a warning on stderr.
// With --fix, the reported findings' fix-its are then applied to the
// sources (ApplyFixes.h), after everything else is written.
//
// With --module, the module's nginx `config` stands for the database: it
// names the sources, and their compile command is nginx's (Module.h).
//
// Which units: every file of the database (or the sources named), then
// only those of --shard (Shards.h), then only those --changed-since or
// --changed-files select (ChangedFiles.h); --list-files prints them.
// --changed-lines then narrows the analysis of the units it names to the
// functions their changed lines touch (ChangedLines.h, ChangedFunctions.h).
// `merge` reads the shards' SARIF logs, and writes the merged log and the
// same text output (Merge.h).
//
// Exit status: 0 no findings, 1 findings (0 with --exit-zero; also when
// --fix fixed them: they were found), 2 a usage error, a file that could
// not be analysed, (with --strict) a suppression comment that suppresses
// nothing, or (with --fix) a file that could not be fixed.
//
//===----------------------------------------------------------------------===//

#include "Analysis.h"
#include "ApplyFixes.h"
#include "Baseline.h"
#include "ChangedFiles.h"
#include "ChangedLines.h"
#include "Database.h"
#include "Merge.h"
#include "Module.h"
#include "Options.h"
#include "OutputFile.h"
#include "Progress.h"
#include "Results.h"
#include "SarifInput.h"
#include "SarifOutput.h"
#include "Shards.h"
#include "SuppressionTypos.h"
#include "TextOutput.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Process.h"
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

/// \p StrictTypos: --strict, and a suppression comment suppresses nothing.
int exitStatus(const RunResults &Run, bool ExitZero, bool StrictTypos = false) {
  if (!Run.Failures.empty() || StrictTypos)
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

double secondsSince(std::chrono::steady_clock::time_point Start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
      .count();
}

llvm::Expected<std::optional<Baseline>>
loadBaseline(const DriverOptions &Opts) {
  if (Opts.BaselinePath.empty())
    return std::nullopt;
  llvm::Expected<Baseline> Loaded = Baseline::load(Opts.BaselinePath);
  if (!Loaded)
    return Loaded.takeError();
  return std::optional<Baseline>(std::move(*Loaded));
}

llvm::Expected<std::optional<ChangedLines>>
loadChangedLines(const DriverOptions &Opts) {
  if (Opts.ChangedLinesList.empty())
    return std::nullopt;
  llvm::SmallString<256> Cwd;
  llvm::sys::fs::current_path(Cwd);
  llvm::Expected<ChangedLines> Loaded =
      ChangedLines::load(Opts.ChangedLinesList, Cwd);
  if (!Loaded)
    return Loaded.takeError();
  return std::optional<ChangedLines>(std::move(*Loaded));
}

std::string plural(unsigned N, llvm::StringRef One, llvm::StringRef Many) {
  return std::to_string(N) + " " + (N == 1 ? One : Many).str();
}

/// "ngx-pool-check: changed lines touch 2 of 57 functions in 1 file
/// (analysed with 1 function that calls them); 1 file analysed whole":
/// the units analysed by their changed functions, and the others; "the
/// paths of 1 function shared by two runs" after the callers when a
/// function's analysis was split (PathSplit.h).
std::string changedFunctionsLine(const std::vector<TUResult> &TUs) {
  unsigned Files = 0, Whole = 0;
  ChangedFunctionCounts Sum;
  for (const TUResult &TU : TUs) {
    if (TU.Failed)
      continue;
    if (!TU.Functions) {
      ++Whole;
      continue;
    }
    ++Files;
    Sum.Defined += TU.Functions->Defined;
    Sum.Changed += TU.Functions->Changed;
    Sum.Analysed += TU.Functions->Analysed;
    Sum.Shared += TU.Functions->Shared;
  }
  unsigned Callers = Sum.Analysed - Sum.Changed;
  std::string Line = "ngx-pool-check: changed lines";
  if (Files)
    Line += " touch " + std::to_string(Sum.Changed) + " of " +
            plural(Sum.Defined, "function", "functions") + " in " +
            plural(Files, "file", "files") + " (analysed with " +
            plural(Callers, "function", "functions") +
            (Callers == 1 ? " that calls them" : " that call them") +
            (Sum.Shared ? "; the paths of " +
                              plural(Sum.Shared, "function", "functions") +
                              " shared by two runs)"
                        : ")");
  if (Whole)
    Line += (Files ? "; " : ": ") + plural(Whole, "file", "files") +
            " analysed whole";
  return Line;
}

/// The main files of the units that were analysed (not failed).
std::vector<std::string> analysedFiles(const std::vector<TUResult> &TUs) {
  std::vector<std::string> Files;
  for (const TUResult &TU : TUs)
    if (!TU.Failed)
      Files.push_back(TU.File);
  return Files;
}

/// What --progress, --quiet and stderr ask for.
ProgressStyle progressStyle(const DriverOptions &Opts) {
  switch (Opts.Progress) {
  case ProgressMode::Live:
    return ProgressStyle::Live;
  case ProgressMode::Lines:
    return ProgressStyle::Lines;
  case ProgressMode::Never:
    return ProgressStyle::None;
  case ProgressMode::Auto:
    break;
  }
  if (Opts.Quiet)
    return ProgressStyle::None;
  return llvm::sys::Process::StandardErrIsDisplayed() ? ProgressStyle::Live
                                                      : ProgressStyle::Lines;
}

/// The suppression typos and the failures on stderr, the findings, and the
/// summary (its lines).
void printRun(const RunResults &Run, const DriverOptions &Opts,
              const std::string &Summary,
              llvm::ArrayRef<SuppressionTypo> Typos = {}) {
  for (const SuppressionTypo &Typo : Typos)
    llvm::errs() << formatSuppressionTypo(Typo) << "\n";
  for (const FailedFile &Failure : Run.Failures)
    llvm::errs() << "ngx-pool-check: error: cannot analyse '"
                 << displayPath(Failure.File) << "': " << Failure.Reason
                 << "\n";
  // A stderr that cannot be written (closed, a full disk) is no reason to
  // fail: LLVM would make its error fatal when the program exits.
  llvm::errs().clear_error();
  printFindings(llvm::outs(), Run);
  if (!Opts.Quiet)
    llvm::outs() << Summary << "\n";
  llvm::outs().flush();
}

/// `ngx-pool-check merge <sarif>... -o <file>`.
int mergeCommand(const DriverOptions &Opts,
                 std::chrono::steady_clock::time_point Start) {
  auto Known = loadBaseline(Opts);
  if (!Known)
    return fail(Known.takeError());
  std::vector<SarifLog> Logs;
  for (const std::string &Input : Opts.MergeInputs) {
    llvm::Expected<SarifLog> Log = readSarifLog(Input, "merge");
    if (!Log)
      return fail(Log.takeError());
    Logs.push_back(std::move(*Log));
  }
  auto Output = OutputFile::create(Opts.MergeOutput, "merge -o");
  if (!Output)
    return fail(Output.takeError());

  // URIs relative to the shards' %SRCROOT%, as the unsharded run's.
  std::string SrcRoot = Opts.SrcRoot;
  if (!Opts.SrcRootGiven && !Logs.front().SrcRoot.empty())
    SrcRoot = Logs.front().SrcRoot;
  llvm::Expected<MergedLogs> Merged =
      mergeLogs(Logs, *Known ? &**Known : nullptr);
  if (!Merged)
    return fail(Merged.takeError());
  RunResults &Run = Merged->Run;
  llvm::json::Value Log =
      buildSarif({Run, Merged->Rules, SrcRoot, Opts.Arguments});
  recordShardInvocations(Log, Logs);
  if (llvm::Error E = (*Output)->commit(llvm::formatv("{0:2}\n", Log).str()))
    return fail(std::move(E));

  Run.Seconds = secondsSince(Start);
  printRun(Run, Opts, mergeSummaryLine(Run, Logs.size(), Merged->Rules));
  return exitStatus(Run, Opts.ExitZero);
}

/// "ngx-pool-check: 3 of 12 files are or include a changed file".
std::string selectionLine(size_t Selected, size_t Considered) {
  return "ngx-pool-check: " + std::to_string(Selected) + " of " +
         std::to_string(Considered) + (Considered == 1 ? " file" : " files") +
         (Selected == 1 ? " is or includes" : " are or include") +
         " a changed file";
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

  if (Opts.Merge)
    return mergeCommand(Opts, Start);

  auto Known = loadBaseline(Opts);
  if (!Known)
    return fail(Known.takeError());
  auto Lines = loadChangedLines(Opts);
  if (!Lines)
    return fail(Lines.takeError());

  // --module: the workspace of the module's config stays until the end.
  std::unique_ptr<ScratchDirectory> ModuleWorkspace;
  if (!Opts.ModuleDir.empty()) {
    auto Workspace = loadModule(Opts);
    if (!Workspace)
      return fail(Workspace.takeError());
    ModuleWorkspace = std::move(*Workspace);
  }
  auto Database = loadDatabase(Opts);
  if (!Database)
    return fail(Database.takeError());
  std::vector<WorkItem> Work = planWork(**Database, Opts.Sources);
  if (Work.empty())
    return fail(llvm::createStringError(llvm::inconvertibleErrorCode(),
                                        "no files to analyse"));
  if (Opts.OnlyShard)
    Work = selectShard(std::move(Work), Opts.SrcRoot, *Opts.OnlyShard);
  std::optional<llvm::StringSet<>> Changed;
  if (!Opts.ChangedSince.empty() || !Opts.ChangedFilesList.empty()) {
    auto Files = changedFiles(Opts);
    if (!Files)
      return fail(Files.takeError());
    Changed = std::move(*Files);
  }

  std::unique_ptr<OutputFile> Sarif;
  if (!Opts.SarifPath.empty() && !Opts.ListFiles) {
    auto Created = OutputFile::create(Opts.SarifPath, "--sarif");
    if (!Created)
      return fail(Created.takeError());
    Sarif = std::move(*Created);
  }

  AnalysisSettings Settings{names(Opts.Checkers), Opts.AnalyzerConfig,
                            *Lines ? &**Lines : nullptr,
                            Opts.AllChangedCallers};
  size_t Considered = Work.size();
  if (Changed)
    Work = selectChanged(std::move(Work), *Changed, Settings, Opts.Jobs);
  if (Opts.ListFiles) {
    for (const WorkItem &Item : Work)
      llvm::outs() << displayPath(Item.File) << "\n";
    return ExitClean;
  }

  Progress Shown(progressStyle(Opts), Work.size(),
                 std::chrono::seconds(Opts.ProgressInterval),
                 terminalColumns());
  std::vector<TUResult> TUs = analyseAll(Work, Settings, Opts.Jobs, &Shown);
  Shown.done();
  std::vector<SuppressionTypo> Typos =
      findSuppressionTyposInFiles(analysedFiles(TUs));
  std::string FunctionsLine = *Lines ? changedFunctionsLine(TUs) : "";
  RunResults Run = mergeResults(std::move(TUs), *Known ? &**Known : nullptr);
  Run.Seconds = secondsSince(Start);

  if (Sarif) {
    llvm::json::Value Log =
        buildSarif({Run, Opts.Checkers, Opts.SrcRoot, Opts.Arguments});
    if (llvm::Error E = Sarif->commit(llvm::formatv("{0:2}\n", Log).str()))
      return fail(std::move(E));
  }

  std::string Summary = summaryLine(Run, Opts.Checkers);
  if (*Lines)
    Summary = FunctionsLine + "\n" + Summary;
  if (Changed)
    Summary = selectionLine(Work.size(), Considered) + "\n" + Summary;
  printRun(Run, Opts, Summary, Typos);
  if (Opts.Fix && !applyFixes(Run, llvm::errs()))
    return ExitError;
  return exitStatus(Run, Opts.ExitZero, Opts.Strict && !Typos.empty());
}
