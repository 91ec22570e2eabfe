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
#include <string>

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
  std::string Default;
  llvm::StringLiteral Description;
};

/// What a checker's findings mean, for rule metadata (the driver's SARIF
/// rules) and help texts. Each checker defines its own next to its code;
/// the long form is the checker's page, checkers/<Name>.md.
struct CheckerDoc {
  /// A paragraph: what the checker finds, why it matters, how to fix it.
  llvm::StringLiteral FullDescription;
  /// C code with the bug, and the same code fixed.
  llvm::StringLiteral BadExample;
  llvm::StringLiteral GoodExample;
  /// Keywords for code-scanning UIs ("memory", "leak", ...).
  llvm::ArrayRef<llvm::StringLiteral> Tags;
  /// SARIF precision: "very-high", "high", "medium" or "low".
  llvm::StringLiteral Precision;
  /// SARIF level of its findings: "error", "warning" or "note".
  llvm::StringLiteral Level;
};

/// What users and reports see of a checker.
struct CheckerInfo {
  llvm::StringLiteral FullName;    ///< "nginx.PoolLifetime"
  llvm::StringLiteral RuleName;    ///< "PerRequestAllocationFromConnectionPool"
  llvm::StringLiteral Description; ///< One line, for -analyzer-checker-help.
  llvm::StringLiteral DocFile;     ///< Path of its page in the repository.
  bool Hidden;                     ///< Modeling only; reports nothing.
  llvm::ArrayRef<CheckerOptionInfo> Options;
  const CheckerDoc *Doc; ///< Null for hidden checkers.

  /// The documentation URI given to clang and to SARIF.
  std::string docsUri() const;
};

/// Every checker, hidden modeling checkers included.
llvm::ArrayRef<CheckerInfo> checkers();

/// The options of the whole package, `-analyzer-config nginx:Name=Value`:
/// the nginx configuration every checker assumes (pool sizes).
llvm::ArrayRef<CheckerOptionInfo> packageOptions();

/// The options of a checker (`nginx.Pfree`) or of the package (`nginx`);
/// null when there is no such checker or package.
const llvm::ArrayRef<CheckerOptionInfo> *optionsOf(llvm::StringRef Name);

/// The checker named \p FullName, or null.
const CheckerInfo *findChecker(llvm::StringRef FullName);

/// Add the package, its checkers, their dependencies and options.
void registerCheckers(clang::ento::CheckerRegistry &Registry);

} // namespace ngx_pool_check

#endif // NGX_POOL_CHECK_REGISTRATION_H
