//===- SuppressionTypos.h - Suppression comments that suppress nothing ----===//
//
//   src/foo.c:12:30: warning: suppression names no known checker
//       'nginx.PoolLifetim' (did you mean 'nginx.PoolLifetime'?)
//       [ngx-pool-check-suppression]
//
// (one line). A suppression comment with a misspelled checker name would
// silently suppress nothing, so the analysed sources are scanned for the
// marker and every comment that cannot suppress anything is reported: a
// name that matches no checker (`nginx.PoolLifetim`, `PoolLifetime` without
// the package; a glob such as `nginx.*` is fine when it matches one), an
// `ignore` without names, and a misspelled `ignore` (`ingore`, `Ignore`,
// `ignore:`). The scan looks at the lines holding the marker in a comment,
// not at the code, and at the whole file, not only near findings: a typo is
// reported whether or not there is a finding on its line.
//
//===----------------------------------------------------------------------===//

#ifndef NGX_POOL_CHECK_DRIVER_SUPPRESSIONTYPOS_H
#define NGX_POOL_CHECK_DRIVER_SUPPRESSIONTYPOS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace ngx_pool_check {
namespace driver {

/// A suppression comment that suppresses nothing.
struct SuppressionTypo {
  std::string File;    ///< As given to checkSuppressionComments.
  unsigned Line = 0;   ///< 1-based.
  unsigned Column = 0; ///< 1-based, in bytes: the bad name or word.
  std::string Message; ///< One line, without position or tag.
};

/// The typos in the suppression comments of \p Text, the contents of
/// \p File, in the order of the text.
std::vector<SuppressionTypo> findSuppressionTypos(llvm::StringRef File,
                                                  llvm::StringRef Text);

/// The typos in \p Files, each file read once however often it is named
/// (several units of one file); files that cannot be read, or are binary,
/// are skipped (their analysis reports them).
std::vector<SuppressionTypo>
findSuppressionTyposInFiles(llvm::ArrayRef<std::string> Files);

/// "file:line:col: warning: <message> [ngx-pool-check-suppression]", with
/// the file as the text output shows it.
std::string formatSuppressionTypo(const SuppressionTypo &Typo);

} // namespace driver
} // namespace ngx_pool_check

#endif // NGX_POOL_CHECK_DRIVER_SUPPRESSIONTYPOS_H
