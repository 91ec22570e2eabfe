//===- Analysis.cpp - Running the analyzer over translation units ---------===//
//
// The pattern of clang/unittests/StaticAnalyzer/CheckerRegistration.h, in a
// ClangTool: a FrontendAction whose AST consumer is
// ento::CreateAnalysisConsumer(CI), with the nginx checkers added through
// AddCheckerRegistrationFn(ngx_pool_check::registerCheckers) and enabled in
// AnalyzerOptions::CheckersAndPackages, `__clang_analyzer__` defined as
// under `clang --analyze` (SetUpStaticAnalyzer), and our ReportCollector as
// the only PathDiagnosticConsumer (no clang text, HTML or plist output).
//
// Modeling: clang's `core` and `apiModeling` packages and
// unix.StdCLibraryFunctions run with the nginx checkers, as they do under
// `clang --analyze`, so that null dereferences and noreturn calls end paths
// and libc calls are modeled; their own reports are silenced
// (SilencedCheckersAndPackages) and the collector keeps only nginx reports.
//
// With --changed-lines, the analysis consumer sits behind the consumer of
// ChangedFunctions.h, which hands it only the changed functions of the main
// file and their users; the findings that touch no changed function are
// then dropped. When the files are fewer than the jobs, each such file is
// analysed in parts on the idle jobs (ChangedFunctions.h, "Parts"), and
// the parts' findings are merged before anything else sees them.
//
// Nothing of clang reaches the terminal: compiler warnings are off (-w),
// errors go to a FirstErrorCollector, ClangTool's "Error while processing"
// is off, and every TU runs inside a CrashRecoveryContext, so that even a
// crash or a fatal error in one file is that file's failure.
//
//===----------------------------------------------------------------------===//

#include "Analysis.h"

#include "ChangedFunctions.h"
#include "ChangedLines.h"
#include "FirstError.h"
#include "PathSplit.h"
#include "Progress.h"
#include "ReportCollector.h"

#include "Registration.h"

#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "clang/StaticAnalyzer/Core/AnalyzerOptions.h"
#include "clang/StaticAnalyzer/Frontend/AnalysisConsumer.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/thread.h"

#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <mutex>

using namespace clang;
using namespace clang::tooling;

#ifndef NGX_PC_CLANG_RESOURCE_DIR
#error "NGX_PC_CLANG_RESOURCE_DIR must be defined by the build"
#endif

namespace ngx_pool_check {
namespace driver {

namespace {

/// Enabled for their modeling; see the top of the file.
const char *const ModelingCheckers[] = {"core", "apiModeling",
                                        "unix.StdCLibraryFunctions"};
const char *const SilencedPackages[] = {"core", "apiModeling", "unix"};

/// Stack of a worker thread: clang's own main thread gets 8 MiB; the
/// analyzer's bug-report construction recurses with the path's depth.
constexpr unsigned WorkerStackSize = 16u << 20;

/// How many bytes of a source are looked at for NUL bytes.
constexpr size_t BinaryProbeSize = 64 * 1024;

/// The reason a report_fatal_error gave, on the thread that got it.
thread_local std::string FatalErrorReason;

/// report_fatal_error: inside a TU, make it that TU's failure; outside,
/// one line and exit 2 (never "LLVM ERROR" and a stack dump).
void onFatalError(void *, const char *Reason, bool) {
  if (llvm::CrashRecoveryContext *CRC =
          llvm::CrashRecoveryContext::GetCurrent()) {
    FatalErrorReason = Reason;
    CRC->HandleExit(/*RetCode=*/70);
  }
  std::string Line = Reason;
  for (char &C : Line)
    if (C == '\n')
      C = ' ';
  llvm::errs() << "ngx-pool-check: error: internal error: " << Line << "\n";
  llvm::errs().flush();
  std::_Exit(2);
}

/// A database with the one command the driver chose for a file, so that
/// ClangTool runs it once and says nothing about others.
class SingleCommandDatabase : public CompilationDatabase {
public:
  explicit SingleCommandDatabase(CompileCommand Command)
      : Command(std::move(Command)) {}

  std::vector<CompileCommand>
  getCompileCommands(llvm::StringRef) const override {
    return {Command};
  }
  std::vector<std::string> getAllFiles() const override {
    return {Command.Filename};
  }

private:
  CompileCommand Command;
};

/// Runs the analyzer with the nginx checkers on one TU; with a
/// \p Selection, on its changed functions only.
class AnalyzeAction : public ASTFrontendAction {
public:
  AnalyzeAction(const AnalysisSettings &Settings,
                const llvm::StringSet<> &Checkers, std::vector<Finding> &Out,
                FunctionSelection *Selection)
      : Settings(Settings), Checkers(Checkers), Out(Out), Selection(Selection) {
  }

protected:
  bool BeginInvocation(CompilerInstance &CI) override {
    CI.getPreprocessorOpts().SetUpStaticAnalyzer = true;
    AnalyzerOptions &Opts = CI.getAnalyzerOpts();
    Opts.CheckersAndPackages.clear();
    for (const char *Modeling : ModelingCheckers)
      Opts.CheckersAndPackages.emplace_back(Modeling, true);
    for (const std::string &Checker : Settings.Checkers)
      Opts.CheckersAndPackages.emplace_back(Checker, true);
    if (Selection)
      for (const char *Hidden : {SkipUnchosenCheckerName, SplitPathsCheckerName})
        Opts.CheckersAndPackages.emplace_back(Hidden, true);
    Opts.SilencedCheckersAndPackages.insert(
        Opts.SilencedCheckersAndPackages.end(), std::begin(SilencedPackages),
        std::end(SilencedPackages));
    Opts.AnalysisDiagOpt = PD_NONE; // Our collector is the only output.
    return true;
  }

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 llvm::StringRef) override {
    std::unique_ptr<ento::AnalysisASTConsumer> Consumer =
        ento::CreateAnalysisConsumer(CI);
    Consumer->AddCheckerRegistrationFn(registerCheckers);
    Consumer->AddDiagnosticConsumer(
        createReportCollector(CI.getLangOpts(), Checkers, Out));
    if (Selection)
      return createChangedFunctionsConsumer(std::move(Consumer), *Selection,
                                            CI.getAnalyzerOpts());
    return Consumer;
  }

private:
  const AnalysisSettings &Settings;
  const llvm::StringSet<> &Checkers;
  std::vector<Finding> &Out;
  FunctionSelection *Selection;
};

class AnalyzeActionFactory : public FrontendActionFactory {
public:
  AnalyzeActionFactory(const AnalysisSettings &Settings,
                       const llvm::StringSet<> &Checkers,
                       std::vector<Finding> &Out, FunctionSelection *Selection)
      : Settings(Settings), Checkers(Checkers), Out(Out), Selection(Selection) {
  }

  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<AnalyzeAction>(Settings, Checkers, Out, Selection);
  }

private:
  const AnalysisSettings &Settings;
  const llvm::StringSet<> &Checkers;
  std::vector<Finding> &Out;
  FunctionSelection *Selection;
};

/// Arguments added to every compile command (after the compiler's name).
ArgumentsAdjuster analysisArguments(const AnalysisSettings &Settings) {
  CommandLineArguments Extra = {
      "-w",                     // Compiler warnings are not findings.
      "-fno-caret-diagnostics", // And no "N errors generated." either.
  };
  // ClangTool would derive the resource directory (stddef.h & co.) from
  // this binary's location, which is not clang's.
  if (llvm::sys::fs::is_directory(NGX_PC_CLANG_RESOURCE_DIR))
    Extra.push_back("-resource-dir=" NGX_PC_CLANG_RESOURCE_DIR);
  for (const std::string &KeyValue : Settings.AnalyzerConfig)
    for (const char *Arg :
         {"-Xclang", "-analyzer-config", "-Xclang", KeyValue.c_str()})
      Extra.push_back(Arg);
  return getInsertArgumentAdjuster(Extra, ArgumentInsertPosition::BEGIN);
}

/// Why \p Item cannot be handed to clang, or empty.
std::string checkInput(const std::string &File, llvm::StringRef Directory) {
  if (!llvm::sys::fs::is_directory(Directory))
    return "the directory of its compile command, '" + Directory.str() +
           "', does not exist";
  if (llvm::sys::fs::is_directory(File))
    return "it is a directory, not a source file";
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
      llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return "cannot read it: " + Buffer.getError().message();
  llvm::StringRef Head = (*Buffer)->getBuffer().take_front(BinaryProbeSize);
  if (Head.contains('\0'))
    return "it is a binary file, not C source";
  return "";
}

std::string currentDirectory() {
  llvm::SmallString<256> Cwd;
  llvm::sys::fs::current_path(Cwd);
  return std::string(Cwd.str());
}

TUResult failed(TUResult Result, std::string Reason) {
  Result.Failed = true;
  Result.FailureReason = std::move(Reason);
  Result.Findings.clear();
  return Result;
}

/// The lines --changed-lines names in a unit, or null: analysed whole.
const std::vector<LineRange> *changedLinesOf(const WorkItem &Item,
                                             const AnalysisSettings &Settings) {
  return Settings.Lines ? Settings.Lines->rangesOf(Item.File) : nullptr;
}

/// One run of the analyzer: a unit, or one part of a unit analysed by its
/// changed functions (ChangedFunctions.h, "Parts").
struct Task {
  size_t Item;
  unsigned Part;
  unsigned Parts;
};

/// The runs for \p Work: one per unit, except that a unit analysed by its
/// changed functions is shared among the jobs the other units leave idle
/// (the hook after a one-file change: the parts run on both cores).
std::vector<Task> tasksFor(const std::vector<WorkItem> &Work,
                           const AnalysisSettings &Settings, unsigned Jobs) {
  unsigned Spare = Work.empty() ? 1 : std::max<size_t>(1, Jobs / Work.size());
  std::vector<Task> Tasks;
  for (size_t I = 0; I < Work.size(); ++I) {
    unsigned Parts = changedLinesOf(Work[I], Settings) ? Spare : 1;
    for (unsigned Part = 0; Part < Parts; ++Part)
      Tasks.push_back({I, Part, Parts});
  }
  return Tasks;
}

/// How many parts of a unit run: part 0 opens it once it has chosen
/// (FunctionSelection::OnPartsKnown), or with 1 when it ended without
/// choosing (the unit failed); the other parts parse the unit meanwhile and
/// wait for it before they choose (FunctionSelection::WaitForParts).
class PartsGate {
public:
  void open(unsigned Parts) {
    std::lock_guard<std::mutex> Lock(Mutex);
    if (!Known) {
      Known = Parts;
      Opened.notify_all();
    }
  }

  unsigned wait() {
    std::unique_lock<std::mutex> Lock(Mutex);
    Opened.wait(Lock, [&] { return Known.has_value(); });
    return *Known;
  }

private:
  std::mutex Mutex;
  std::condition_variable Opened;
  std::optional<unsigned> Known;
};

/// The selection of a unit that --changed-lines names with lines, for part
/// \p Part of \p Parts; part 0 of several opens \p Gate.
std::optional<FunctionSelection>
selectionFor(const WorkItem &Item, const AnalysisSettings &Settings,
             unsigned Part, unsigned Parts, PartsGate &Gate) {
  const std::vector<LineRange> *Lines = changedLinesOf(Item, Settings);
  if (!Lines)
    return std::nullopt;
  FunctionSelection Selection;
  Selection.Lines = *Lines;
  Selection.AllCallers = Settings.AllCallers;
  Selection.Part = Part;
  Selection.Parts = Parts;
  if (Part == 0 && Parts > 1)
    Selection.OnPartsKnown = [&Gate](unsigned Worth) { Gate.open(Worth); };
  if (Part > 0)
    Selection.WaitForParts = [&Gate] { return Gate.wait(); };
  return Selection;
}

TUResult analyseOne(const WorkItem &Item, const AnalysisSettings &Settings,
                    const llvm::StringSet<> &Checkers, unsigned Part,
                    unsigned Parts, PartsGate &Gate) {
  TUResult Result;
  Result.File = Item.File;
  std::optional<FunctionSelection> Selection =
      selectionFor(Item, Settings, Part, Parts, Gate);
  AnalyzeActionFactory Factory(Settings, Checkers, Result.Findings,
                               Selection ? &*Selection : nullptr);
  std::string Problem = runOnWorkItem(Item, Settings, Factory);
  if (!Problem.empty())
    return failed(std::move(Result), std::move(Problem));
  if (Selection) {
    keepChangedFunctionFindings(Result.Findings, *Selection);
    Result.Functions = ChangedFunctionCounts{
        Selection->Defined, static_cast<unsigned>(Selection->Changed.size()),
        Selection->Analysed, Selection->PathsShared ? 1u : 0u};
  }
  return Result;
}

/// One result per unit from the results of its parts: the first part's
/// failure, or their findings merged (mergePartFindings).
std::vector<TUResult> joinParts(size_t Units, const std::vector<Task> &Tasks,
                                std::vector<TUResult> PartResults) {
  std::vector<TUResult> Results(Units);
  std::vector<std::vector<std::vector<Finding>>> Found(Units);
  for (size_t T = 0; T < Tasks.size(); ++T) {
    TUResult &Unit = Results[Tasks[T].Item];
    TUResult &Part = PartResults[T];
    if (Tasks[T].Part == 0)
      Unit = std::move(Part);
    else if (Part.Failed && !Unit.Failed)
      Unit = failed(std::move(Unit), Part.FailureReason);
    else
      Found[Tasks[T].Item].push_back(std::move(Part.Findings));
  }
  for (size_t I = 0; I < Units; ++I)
    if (!Results[I].Failed && !Found[I].empty()) {
      Found[I].insert(Found[I].begin(), std::move(Results[I].Findings));
      Results[I].Findings = mergePartFindings(std::move(Found[I]));
    }
  return Results;
}

} // namespace

std::string runOnWorkItem(const WorkItem &Item,
                          const AnalysisSettings &Settings,
                          FrontendActionFactory &Factory) {
  if (!Item.Command)
    return Item.Failure;
  CompileCommand Command = *Item.Command;
  if (Command.Directory.empty())
    Command.Directory = currentDirectory();
  std::string Problem = checkInput(Item.File, Command.Directory);
  if (!Problem.empty())
    return Problem;

  SingleCommandDatabase Database(Command);
  ClangTool Tool(Database, {Item.File},
                 std::make_shared<PCHContainerOperations>(),
                 llvm::vfs::createPhysicalFileSystem());
  Tool.setPrintErrorMessage(false);
  Tool.appendArgumentsAdjuster(analysisArguments(Settings));
  FirstErrorCollector Errors;
  Tool.setDiagnosticConsumer(&Errors);

  int Status = 0;
  FatalErrorReason.clear();
  llvm::CrashRecoveryContext CRC;
  if (!CRC.RunSafely([&] { Status = Tool.run(&Factory); }))
    return FatalErrorReason.empty()
               ? std::string("the analyzer crashed on it")
               : "the analyzer stopped on it: " + FatalErrorReason;
  if (Status != 0)
    return Errors.firstError().empty()
               ? std::string("clang could not process its compile command")
               : Errors.firstError();
  return "";
}

void forEachInParallel(size_t Count, unsigned Jobs,
                       llvm::function_ref<void(size_t)> Task) {
  std::atomic<size_t> Next{0};
  auto Worker = [&] {
    for (size_t I = Next++; I < Count; I = Next++)
      Task(I);
  };
  unsigned Threads = std::max<size_t>(1, std::min<size_t>(Jobs, Count));
  std::vector<llvm::thread> Pool;
  for (unsigned T = 0; T < Threads; ++T)
    Pool.emplace_back(std::optional<unsigned>(WorkerStackSize), Worker);
  for (llvm::thread &Thread : Pool)
    Thread.join();
}

void prepareForAnalysis() {
  llvm::CrashRecoveryContext::Enable();
  llvm::install_fatal_error_handler(onFatalError);
}

std::vector<TUResult> analyseAll(const std::vector<WorkItem> &Work,
                                 const AnalysisSettings &Settings,
                                 unsigned Jobs, Progress *Shown) {
  llvm::StringSet<> Checkers;
  for (const std::string &Name : Settings.Checkers)
    Checkers.insert(Name);

  // Every task has a thread of its own (tasksFor makes at most Jobs), so
  // the parts that wait for their part 0 cannot keep it from running.
  std::vector<Task> Tasks = tasksFor(Work, Settings, Jobs);
  std::vector<TUResult> PartResults(Tasks.size());
  std::vector<PartsGate> Gates(Work.size());
  std::vector<std::atomic<unsigned>> Ended(Work.size());
  forEachInParallel(Tasks.size(), Jobs, [&](size_t T) {
    const Task &Run = Tasks[T];
    PartsGate &Gate = Gates[Run.Item];
    if (Shown && Run.Part == 0)
      Shown->started(Work[Run.Item].File);
    PartResults[T] = analyseOne(Work[Run.Item], Settings, Checkers, Run.Part,
                                Run.Parts, Gate);
    if (Run.Part == 0)
      Gate.open(1); // No-op if it chose; a unit that failed has no parts.
    if (Shown && ++Ended[Run.Item] == Run.Parts)
      Shown->finished();
  });
  return joinParts(Work.size(), Tasks, std::move(PartResults));
}

} // namespace driver
} // namespace ngx_pool_check
