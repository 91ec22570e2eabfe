//===- Analysis.h - Running the analyzer over translation units -----------===//
//
// Each translation unit runs in a ClangTool of its own, on a worker thread
// with its own file system view (so compile directories do not race), with
// the nginx checkers registered from the same table as the plugin. A TU that
// cannot be analysed (missing or binary source, vanished directory, compiler
// errors, even an analyzer crash) becomes a failed TUResult with a one-line
// reason; the others go on.
//
//===----------------------------------------------------------------------===//

#ifndef NGX_POOL_CHECK_DRIVER_ANALYSIS_H
#define NGX_POOL_CHECK_DRIVER_ANALYSIS_H

#include "Database.h"
#include "Finding.h"

#include "llvm/ADT/STLFunctionalExtras.h"

#include <string>
#include <vector>

namespace clang {
namespace tooling {
class FrontendActionFactory;
} // namespace tooling
} // namespace clang

namespace ngx_pool_check {
namespace driver {

class ChangedLines;
class Progress;

struct AnalysisSettings {
  /// Full names of the reporting checkers to enable.
  std::vector<std::string> Checkers;
  /// --analyzer-config key=value pairs, already validated.
  std::vector<std::string> AnalyzerConfig;
  /// --changed-lines: the units it names with lines are analysed by their
  /// changed functions (ChangedFunctions.h); null: every unit whole.
  const ChangedLines *Lines = nullptr;
  /// --changed-callers=all: the changed functions' callers transitively,
  /// not only those that call them directly.
  bool AllCallers = false;
};

/// Must be called once, before any analysis: crash recovery, fatal errors.
void prepareForAnalysis();

/// Analyses \p Work on \p Jobs threads; results in the order of \p Work.
/// \p Shown (may be null) is told when each unit starts and ends.
std::vector<TUResult> analyseAll(const std::vector<WorkItem> &Work,
                                 const AnalysisSettings &Settings,
                                 unsigned Jobs, Progress *Shown = nullptr);

/// Runs \p Factory's action on \p Item as the analysis runs: its one compile
/// command with the analysis' extra arguments and `__clang_analyzer__`,
/// nothing printed, crashes and fatal errors caught. Returns why it failed
/// (one line), or "" when it did not.
std::string runOnWorkItem(const WorkItem &Item,
                          const AnalysisSettings &Settings,
                          clang::tooling::FrontendActionFactory &Factory);

/// Calls \p Task(0) .. \p Task(Count - 1) on \p Jobs threads (with a
/// stack big enough for the analyzer).
void forEachInParallel(size_t Count, unsigned Jobs,
                       llvm::function_ref<void(size_t)> Task);

} // namespace driver
} // namespace ngx_pool_check

#endif // NGX_POOL_CHECK_DRIVER_ANALYSIS_H
