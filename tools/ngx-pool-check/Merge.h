//===- Merge.h - The SARIF logs of sharded runs as one run ----------------===//
//
//   ngx-pool-check merge shard-1.sarif ... shard-N.sarif -o all.sarif
//
// The logs' findings are joined, sorted and de-duplicated as one run's
// findings are (Results.cpp: a header finding reported from several shards
// is kept once, the same copy an unsharded run keeps), their failed files
// kept, their rules listed once in the registration table's order. The
// merged log is then written by SarifOutput, so that over the same database
// its results, rules and notifications are those of the unsharded run; its
// one invocation lists the shards' command lines in its properties.
//
//===----------------------------------------------------------------------===//

#ifndef NGX_POOL_CHECK_DRIVER_MERGE_H
#define NGX_POOL_CHECK_DRIVER_MERGE_H

#include "Baseline.h"
#include "Results.h"
#include "SarifInput.h"

#include "Registration.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <vector>

namespace ngx_pool_check {
namespace driver {

struct MergedLogs {
  RunResults Run; ///< FilesAnalysed is not known from SARIF: 0.
  /// The rules of all logs, in table order.
  std::vector<const CheckerInfo *> Rules;
};

/// Joins \p Logs; \p Known (may be null) takes out a baseline's findings.
/// A rule this build does not know is an error.
llvm::Expected<MergedLogs> mergeLogs(std::vector<SarifLog> Logs,
                                     Baseline *Known);

/// Records each input's invocation (arguments, executionSuccessful) in
/// the properties of \p MergedLog's invocation.
void recordShardInvocations(llvm::json::Value &MergedLog,
                            const std::vector<SarifLog> &Logs);

} // namespace driver
} // namespace ngx_pool_check

#endif // NGX_POOL_CHECK_DRIVER_MERGE_H
