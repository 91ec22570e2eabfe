//===- ChangedFunctions.h - Analysing only the functions a change touches -===//
//
// With --changed-lines, a unit is parsed once, as always, but the analyzer
// is given only:
//
//   - the changed functions: the function definitions of the main file
//     whose lines (expansion lines, from the return type to the closing
//     brace) overlap a changed line;
//   - the functions of the main file that call them (calls by name: the
//     edges of clang's CallGraph); with AllCallers, their callers too,
//     transitively.
//
// clang's AnalysisConsumer analyses as top level only the declarations it
// was handed through HandleTopLevelDecl: it builds its call graph from
// them, visits them callers first, and skips the functions it inlined.
// With AllCallers, a function outside that set does not call a changed
// function, so each changed function is analysed, inlined or at top level,
// in the same callers as in a whole-file run; except a caller through a
// function pointer whose value the analyzer knows (a function that stores
// a handler and calls it on the same path), which is not chosen. By
// default (direct callers) a direct caller that a whole-file run would
// only have inlined into its own callers is analysed at top level instead:
// the changed function is still analysed in every function that calls it,
// with the arguments those callers pass, but not under the conditions the
// callers' callers add; a finding that needs them, or that they rule out,
// can differ. That is the price of analysing a change in seconds: the
// transitive callers of a helper are often most of a file. Inlining still
// uses every body of the unit: the callees outside the set are followed as
// before.
// Those that no caller inlined the consumer would then analyse at top
// level, as a whole-file run does; their findings could not touch a changed
// function, so a hidden checker (SkipUnchosenCheckerName) ends those
// analyses at their first node. Not exactly a whole-file run: the
// analyzer's unit-wide inlining budgets (max-times-inline-large, a callee
// that once exhausted its blocks) count only what this run analysed.
//
// Parts: when one unit has the machine to itself (the hook after a
// one-file change), its choice can be analysed by several runs at once,
// each parsing the unit and analysing a part. The chosen functions that no
// other chosen function calls (the roots: the callers, or a changed
// function nobody calls) are dealt out by their size in lines, the largest
// first, to the least loaded part; each part also takes every chosen
// function its roots call, so a changed function is analysed, inlined, in
// each of its callers as in a single run. With a single root, two runs
// share its paths instead (PathSplit.h), when it is worth it. All runs
// parse the unit at once; the first chooses, and the others go on only
// when there are several roots or one to share. The
// parts' findings are merged (mergePartFindings) as clang merges one
// report found from two top-level functions: once, with the shorter path
// (on a tie, the one clang finds first).
//
// Findings are then kept when their location, one of their path steps or
// one of their notes lies in a changed function (not merely in one of the
// callers that were analysed with it): a bug of the change is reported even
// when the analyzer reports it in a caller (a leak at the caller's return),
// and the callers' own old bugs are not.
//
//===----------------------------------------------------------------------===//

#ifndef NGX_POOL_CHECK_DRIVER_CHANGEDFUNCTIONS_H
#define NGX_POOL_CHECK_DRIVER_CHANGEDFUNCTIONS_H

#include "ChangedLines.h"
#include "Finding.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace clang {
class AnalyzerOptions;
class ASTConsumer;
namespace ento {
class AnalysisASTConsumer;
} // namespace ento
} // namespace clang

namespace ngx_pool_check {
namespace driver {

/// The hidden checker that createChangedFunctionsConsumer registers, to be
/// enabled with it: it ends the top-level analyses of the functions that
/// were not chosen (callees the chosen ones did not inline).
inline constexpr const char SkipUnchosenCheckerName[] =
    "ngxpc.SkipUnchosenFunctions";

/// What the consumer chose, filled in when the unit has been parsed.
struct FunctionSelection {
  /// The changed lines of the unit's main file (the input).
  std::vector<LineRange> Lines;
  /// Whether the callers of callers are chosen too, transitively (the
  /// input; --changed-callers=all), or only the direct callers.
  bool AllCallers = false;
  /// This run analyses part Part (0-based) of Parts of the chosen
  /// functions (the input; see "Parts" above).
  unsigned Part = 0;
  unsigned Parts = 1;
  /// Part 0 only: Parts is at most how many runs may share the unit; once
  /// the unit is parsed, it becomes how many are worth it (one per root at
  /// most, or two for a single root whose paths are shared) and is passed
  /// to this, so that the other runs go on, or not.
  std::function<void(unsigned)> OnPartsKnown;
  /// The other parts: they parse the unit at the same time as part 0, then
  /// wait for its count here; a part beyond it analyses nothing.
  std::function<unsigned()> WaitForParts;
  /// The main file, absolute, as findings name it.
  std::string MainFile;
  /// The lines of each changed function.
  std::vector<LineRange> Changed;
  /// Function definitions in the main file, and how many were analysed
  /// (the changed ones and their callers).
  unsigned Defined = 0;
  unsigned Analysed = 0;
  /// Whether the paths of the one root were shared by two runs (see
  /// PathSplit.h); in part 0.
  bool PathsShared = false;
};

/// An AST consumer that hands \p Inner (the analysis consumer) only the
/// changed functions of \p Selection.Lines and their callers, and records
/// its choice in \p Selection. It registers SkipUnchosenCheckerName with
/// \p Inner; the analyzer options must enable it.
std::unique_ptr<clang::ASTConsumer> createChangedFunctionsConsumer(
    std::unique_ptr<clang::ento::AnalysisASTConsumer> Inner,
    FunctionSelection &Selection, clang::AnalyzerOptions &Options);

/// Joins the findings of the parts of one unit: a report that several parts
/// found (the same checker, place and message) is kept once, with the path
/// a single run keeps: the shortest, and on a tie the one found from the
/// function written last (clang analyses the uncalled ones last-first).
std::vector<Finding>
mergePartFindings(std::vector<std::vector<Finding>> PartFindings);

/// Drops the findings that touch no changed function of \p Selection.
void keepChangedFunctionFindings(std::vector<Finding> &Findings,
                                 const FunctionSelection &Selection);

} // namespace driver
} // namespace ngx_pool_check

#endif // NGX_POOL_CHECK_DRIVER_CHANGEDFUNCTIONS_H
