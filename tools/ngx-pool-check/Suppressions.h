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
// A comment whose names match no checker suppresses nothing, and is
// reported (SuppressionTypos.h).
//
//===----------------------------------------------------------------------===//

#ifndef NGX_POOL_CHECK_DRIVER_SUPPRESSIONS_H
#define NGX_POOL_CHECK_DRIVER_SUPPRESSIONS_H

#include "Finding.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace ngx_pool_check {
namespace driver {

/// What starts every suppression comment.
inline constexpr llvm::StringLiteral SuppressionMarker = "ngx-pool-check:";
/// The word after the marker that makes it a suppression.
inline constexpr llvm::StringLiteral IgnoreKeyword = "ignore";

struct Suppression {
  std::string Justification; ///< The text after "--", may be empty.
};

/// One "ngx-pool-check: ignore <globs> [-- reason]" in a line of source.
struct IgnoreComment {
  /// The globs, trimmed, pointing into the line (for their columns).
  llvm::SmallVector<llvm::StringRef, 4> Globs;
  llvm::StringRef Reason; ///< Trimmed, may be empty.
};

/// The ignore comment after the marker that starts at \p MarkerAt in
/// \p Line, if "ignore" and a space follow the marker.
std::optional<IgnoreComment> parseIgnoreComment(llvm::StringRef Line,
                                                size_t MarkerAt);

/// The suppression of \p Checker in one line of source, if any.
std::optional<Suppression> parseSuppression(llvm::StringRef Line,
                                            llvm::StringRef Checker);

/// The suppression that covers \p F: on its line, or on the line above when
/// that line is only a comment.
std::optional<Suppression> findSuppression(const Finding &F);

} // namespace driver
} // namespace ngx_pool_check

#endif // NGX_POOL_CHECK_DRIVER_SUPPRESSIONS_H
