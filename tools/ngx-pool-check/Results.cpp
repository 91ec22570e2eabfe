//===- Results.cpp - The findings of a whole invocation -------------------===//
//
// Sorting uses a total order over the whole finding (see reportOrder), so
// when two TUs report the same header finding with different paths, the one
// kept does not depend on which TU finished first.
//
//===----------------------------------------------------------------------===//

#include "Results.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>

namespace ngx_pool_check {
namespace driver {

unsigned RunResults::reportedCount() const {
  return llvm::count_if(Findings,
                        [](const MergedFinding &F) { return !F.Suppressed; });
}

unsigned RunResults::suppressedCount() const {
  return Findings.size() - reportedCount();
}

RunResults mergeResults(std::vector<TUResult> TUs, Baseline *Known) {
  RunResults Run;
  Run.HasBaseline = Known != nullptr;

  std::vector<Finding> All;
  for (TUResult &TU : TUs) {
    if (TU.Failed) {
      Run.Failures.push_back({TU.File, TU.FailureReason});
      continue;
    }
    ++Run.FilesAnalysed;
    std::move(TU.Findings.begin(), TU.Findings.end(), std::back_inserter(All));
  }
  llvm::sort(Run.Failures, [](const FailedFile &A, const FailedFile &B) {
    return A.File < B.File;
  });

  llvm::sort(All, reportOrder);
  All.erase(std::unique(All.begin(), All.end(), isSameReport), All.end());

  for (Finding &F : All) {
    std::optional<Suppression> Suppressed = findSuppression(F);
    if (!Suppressed && Known && Known->takeKnown(F)) {
      ++Run.KnownFromBaseline;
      continue;
    }
    Run.Findings.push_back({std::move(F), std::move(Suppressed)});
  }
  return Run;
}

} // namespace driver
} // namespace ngx_pool_check
