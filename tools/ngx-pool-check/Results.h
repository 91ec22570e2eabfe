//===- Results.h - The findings of a whole invocation ---------------------===//
//
// The per-TU results merged into what the outputs show: findings sorted by
// file, line and checker (the same whatever -j is), a report seen
// from several TUs once, each marked suppressed or not, and the findings a
// baseline already knows taken out and counted.
//
//===----------------------------------------------------------------------===//

#ifndef NGX_POOL_CHECK_DRIVER_RESULTS_H
#define NGX_POOL_CHECK_DRIVER_RESULTS_H

#include "Baseline.h"
#include "Finding.h"
#include "Suppressions.h"

#include <optional>
#include <string>
#include <vector>

namespace ngx_pool_check {
namespace driver {

struct MergedFinding {
  Finding Report;
  std::optional<Suppression> Suppressed;
};

struct FailedFile {
  std::string File;   ///< Absolute.
  std::string Reason; ///< One line.
};

struct RunResults {
  /// Reported and suppressed findings, sorted; baseline ones are not here.
  std::vector<MergedFinding> Findings;
  std::vector<FailedFile> Failures; ///< Sorted by file.
  unsigned FilesAnalysed = 0;
  unsigned KnownFromBaseline = 0;
  bool HasBaseline = false;
  double Seconds = 0;

  unsigned reportedCount() const;
  unsigned suppressedCount() const;
};

/// Merges \p TUs; \p Known (may be null) takes out the baseline's findings.
RunResults mergeResults(std::vector<TUResult> TUs, Baseline *Known);

} // namespace driver
} // namespace ngx_pool_check

#endif // NGX_POOL_CHECK_DRIVER_RESULTS_H
