//===- Checks.h - Choosing checkers by name, clang-tidy style -------------===//
//
// `--checks='nginx.*,-nginx.Pfree'` and suppression comments
// (`ngx-pool-check: ignore nginx.*`) name checkers with globs over the full
// names of ngx_pool_check::checkers(). Hidden checkers (modeling, reports
// nothing) are never rules: no glob selects them, and the analyzer enables
// them as dependencies of the checkers that need them.
//
//===----------------------------------------------------------------------===//

#ifndef NGX_POOL_CHECK_DRIVER_CHECKS_H
#define NGX_POOL_CHECK_DRIVER_CHECKS_H

#include "Registration.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <vector>

namespace ngx_pool_check {
namespace driver {

/// The default of --checks: every checker of the package.
inline constexpr llvm::StringLiteral DefaultChecks = "nginx.*";

/// Whether \p Name matches \p Glob, where `*` matches any run of characters.
bool matchesGlob(llvm::StringRef Glob, llvm::StringRef Name);

/// The checkers that report findings (not hidden), in table order.
std::vector<const CheckerInfo *> ruleCheckers();

/// The checkers a --checks value enables: comma-separated globs, each
/// optionally prefixed with '-' to disable, later ones overriding earlier
/// ones. A glob that matches no checker is an error, and so is a list that
/// enables none.
llvm::Expected<std::vector<const CheckerInfo *>>
selectCheckers(llvm::StringRef Checks);

} // namespace driver
} // namespace ngx_pool_check

#endif // NGX_POOL_CHECK_DRIVER_CHECKS_H
