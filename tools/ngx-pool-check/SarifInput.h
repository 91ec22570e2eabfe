//===- SarifInput.h - Reading back the SARIF logs the driver wrote --------===//
//
// `ngx-pool-check merge` joins the logs of sharded runs. Each log is read
// back into the values the driver wrote it from (findings with their paths,
// notes, fingerprints and suppressions; the files that failed), so that the
// merged log is built by the same code, and sorted and de-duplicated by the
// same rules, as the log of one unsharded run. A file that cannot be read,
// is not JSON, is not a SARIF log of ngx-pool-check, or lacks what the
// driver always writes is an error naming the file and the problem.
//
//===----------------------------------------------------------------------===//

#ifndef NGX_POOL_CHECK_DRIVER_SARIFINPUT_H
#define NGX_POOL_CHECK_DRIVER_SARIFINPUT_H

#include "Results.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <string>
#include <vector>

namespace ngx_pool_check {
namespace driver {

/// What one SARIF log holds, as the driver's values.
struct SarifLog {
  std::string Path;    ///< As named on the command line.
  std::string SrcRoot; ///< Its first run's %SRCROOT%, absolute; may be empty.
  /// tool.driver.rules[].id of every run.
  std::vector<std::string> RuleIds;
  /// Results as findings: positions absolute, columns in code points.
  std::vector<MergedFinding> Findings;
  /// Files the run could not analyse (toolExecutionNotifications).
  std::vector<FailedFile> Failures;
  /// Whether its results were compared with a baseline (baselineState).
  bool HasBaseline = false;
  /// Its invocation records, as written.
  llvm::json::Array Invocations;
};

/// Reads \p Path; \p Option names the command in error messages.
llvm::Expected<SarifLog> readSarifLog(llvm::StringRef Path,
                                      llvm::StringRef Option);

} // namespace driver
} // namespace ngx_pool_check

#endif // NGX_POOL_CHECK_DRIVER_SARIFINPUT_H
