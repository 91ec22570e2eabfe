//===- Suppressions.h - Inline suppression comments -----------------------===//
//
//   /* ngx-pool-check: ignore nginx.PoolLifetime -- once per connection */
//   // ngx-pool-check: ignore nginx.PoolLifetime, nginx.Pfree -- reason
//   // ngx-pool-check: ignore nginx.*
//
// on the reported line, or on a comment line just above it, suppresses the
// finding: it leaves the text output and the exit status, and the SARIF
// keeps it with `suppressions` (kind "inSource", the reason as
// justification). Names are globs over checker names, as in --checks.
//
//===----------------------------------------------------------------------===//

#ifndef NGX_POOL_CHECK_DRIVER_SUPPRESSIONS_H
#define NGX_POOL_CHECK_DRIVER_SUPPRESSIONS_H

#include "Finding.h"

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace ngx_pool_check {
namespace driver {

struct Suppression {
  std::string Justification; ///< The text after "--", may be empty.
};

/// The suppression of \p Checker in one line of source, if any.
std::optional<Suppression> parseSuppression(llvm::StringRef Line,
                                            llvm::StringRef Checker);

/// The suppression that covers \p F: on its line, or on the line above when
/// that line is only a comment.
std::optional<Suppression> findSuppression(const Finding &F);

} // namespace driver
} // namespace ngx_pool_check

#endif // NGX_POOL_CHECK_DRIVER_SUPPRESSIONS_H
