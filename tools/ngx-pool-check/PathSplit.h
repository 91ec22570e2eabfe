//===- PathSplit.h - One top-level analysis shared by two runs ------------===//
//
// With --changed-lines on a one-file change, the chosen functions are
// shared among the idle jobs by their roots (ChangedFunctions.h, "Parts").
// Half of a file's changes have a single root, though (the changed function
// has no caller in the file, or one): its top-level analysis, with
// everything it inlines, is then the whole run, on one core.
//
// Such an analysis can be shared by two runs by its paths. A branch of the
// root's body that no path passes twice (not in a loop) divides the paths
// that reach it: run 0 follows those that take its true side, run 1 those
// that take the false side. The analyzer forks there as always (with its
// "Assuming ..." notes); at the first call or branch after it, each run
// ends the paths that came through the other side (it looks back along the
// path for the edge it took, once, and marks the state). The paths that
// never reach the branch are run 0's: run 1 ends them as soon as the
// control flow shows they cannot reach it any more. Both runs walk the
// paths up to the branch. So every path of a single run is followed, whole,
// by exactly one of the two runs, and a finding of a single run is found by
// one of them (by both, when it lies before the branch or at the first call
// after it: the parts' findings are merged as for roots,
// ChangedFunctions.h); a check that asks whether every path from a point
// does something sees, in each run, the paths of its side, and a path the
// other run follows ends for it as at a sink (the checkers take a sink for
// the path's end: they report if some path of some run does not, as a
// single run would). A report both runs find, or each on its side, keeps
// the path the merge prefers: the shorter in notes, on a tie the true
// side's; one run keeps the one with the fewest exploded nodes, which the
// merge cannot see, so a tie can show another path of the same length.
//
// The node budget: each run gets half of max-nodes, so that the two explore
// as many nodes as one run would, in half the time. The slow analyses are
// those that exhaust the budget (their time is the budget's); given it
// whole, each run would take as long as the single one. A root that one
// run explores to the end within half the budget on each side gets the
// same findings and paths; one that exhausts it is explored along another
// selection of paths than one run's (as with any change of budget): its
// findings can differ, mostly in which of several paths a report shows.
//
// Which branch: the one that divides the estimated work most evenly. The
// estimate counts the paths of the root's CFG without its loops' back
// edges, a call to a function with a body multiplying them by the callee's
// paths (each return of an inlined call goes on as a path of its own) and
// adding the callee's own estimated work, down to the analyzer's inlining
// depth. A root is split only when each side gets at least a fifth of the
// work, and when the work is more than a handful of branches (below that
// the analysis takes less than the second run's parse).
//
//===----------------------------------------------------------------------===//

#ifndef NGX_POOL_CHECK_DRIVER_PATHSPLIT_H
#define NGX_POOL_CHECK_DRIVER_PATHSPLIT_H

#include <memory>

namespace clang {
class AnalyzerOptions;
class ASTContext;
class FunctionDecl;
namespace ento {
class CheckerRegistry;
} // namespace ento
} // namespace clang

namespace ngx_pool_check {
namespace driver {

/// The hidden checker that follows a run's share of a root's paths; it
/// does nothing outside the scope of a SplitRootPaths.
inline constexpr const char SplitPathsCheckerName[] = "ngxpc.SplitPaths";

void registerSplitPaths(clang::ento::CheckerRegistry &Registry);

/// Whether the top-level analysis of \p Root is worth sharing between two
/// runs (see above: a branch outside loops gives each side a fifth of the
/// estimated work).
bool worthSplitting(clang::ASTContext &Context, const clang::FunctionDecl *Root);

struct SplitState;

/// While alive, the top-level analysis of \p Root on this thread (a unit is
/// parsed and analysed on one thread) follows run \p Part's share (0 or 1)
/// of its paths, with half the node budget of \p Options (max-nodes).
class SplitRootPaths {
public:
  SplitRootPaths(const clang::FunctionDecl *Root, unsigned Part,
                 clang::AnalyzerOptions &Options);
  ~SplitRootPaths();
  SplitRootPaths(const SplitRootPaths &) = delete;

  /// Whether the analysis, once run, was split (the analyzer's CFG of the
  /// root had the branch worthSplitting found).
  bool shared() const;
  SplitRootPaths &operator=(const SplitRootPaths &) = delete;

private:
  std::unique_ptr<SplitState> State;
  clang::AnalyzerOptions &Options;
  unsigned MaxNodes;
};

} // namespace driver
} // namespace ngx_pool_check

#endif // NGX_POOL_CHECK_DRIVER_PATHSPLIT_H
