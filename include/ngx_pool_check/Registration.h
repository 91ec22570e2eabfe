//===- Registration.h - The nginx checkers, for the plugin and the driver -===//
//
// The one table of ngx-pool-check's checkers. The clang plugin
// (clang_registerCheckers) and the ngx-pool-check driver both register the
// checkers from it, so names, descriptions, documentation and options are the
// same whichever way the analyzer is run; the driver also builds its SARIF
// rules from it.
//
//===----------------------------------------------------------------------===//

#ifndef NGX_POOL_CHECK_REGISTRATION_H
#define NGX_POOL_CHECK_REGISTRATION_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace clang {
namespace ento {
class CheckerRegistry;
} // namespace ento
} // namespace clang

namespace ngx_pool_check {

/// The package every checker lives in: `-analyzer-checker=nginx` enables all.
inline constexpr llvm::StringLiteral PackageName = "nginx";

/// The tool's semantic version and home page.
llvm::StringRef toolVersion();
llvm::StringRef homePage();

/// An option a user sets with `-analyzer-config nginx.Checker:Name=Value`.
struct CheckerOptionInfo {
  llvm::StringLiteral Type; ///< "bool", "int" or "string", as clang spells it.
  llvm::StringLiteral Name;
  llvm::StringLiteral Default;
  llvm::StringLiteral Description;
};

/// What users and reports see of a checker. Prose (the bad and good
/// examples, the fix) lives in the checker's documentation page next to its
/// source, checkers/<Name>.md.
struct CheckerInfo {
  llvm::StringLiteral FullName;    ///< "nginx.PoolLifetime"
  llvm::StringLiteral RuleName;    ///< "PerRequestAllocationFromConnectionPool"
  llvm::StringLiteral Description; ///< One line, for -analyzer-checker-help.
  llvm::StringLiteral DocFile;     ///< Path of its page in the repository.
  bool Hidden;                     ///< Modeling only; reports nothing.
  llvm::ArrayRef<CheckerOptionInfo> Options;

  /// The documentation URI given to clang and to SARIF.
  std::string docsUri() const;
};

/// Every checker, hidden modeling checkers included.
llvm::ArrayRef<CheckerInfo> checkers();

/// The checker named \p FullName, or null.
const CheckerInfo *findChecker(llvm::StringRef FullName);

/// Add the package, its checkers, their dependencies and options.
void registerCheckers(clang::ento::CheckerRegistry &Registry);

} // namespace ngx_pool_check

#endif // NGX_POOL_CHECK_REGISTRATION_H
