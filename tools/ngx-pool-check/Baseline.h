//===- Baseline.h - Findings already known from an earlier SARIF ----------===//
//
// --baseline=<sarif>: the results of an earlier run (ours) are known; a
// finding is new unless a baseline result has the same rule and the same
// line-independent fingerprint (partialFingerprints[FingerprintKey]). Each
// baseline result accounts for one finding, so a second copy of a known
// finding is new. The file name is not part of the match: a baseline made
// with another --srcroot, or before a file was renamed, still applies.
//
//===----------------------------------------------------------------------===//

#ifndef NGX_POOL_CHECK_DRIVER_BASELINE_H
#define NGX_POOL_CHECK_DRIVER_BASELINE_H

#include "Finding.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <map>
#include <string>
#include <utility>

namespace ngx_pool_check {
namespace driver {

class Baseline {
public:
  /// Reads a SARIF log; an unreadable file or one that is not a SARIF log
  /// is an error.
  static llvm::Expected<Baseline> load(llvm::StringRef Path);

  /// Whether \p F is known; consumes one matching baseline result.
  bool takeKnown(const Finding &F);

private:
  std::map<std::pair<std::string, std::string>, unsigned> Remaining;
};

} // namespace driver
} // namespace ngx_pool_check

#endif // NGX_POOL_CHECK_DRIVER_BASELINE_H
