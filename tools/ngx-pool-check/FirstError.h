//===- FirstError.h - Keep clang's first error as one line ----------------===//
//
// The driver never lets clang print: a file that does not compile is
// "failed" with ONE line of reason, and the compiler's warnings are not the
// driver's findings. This consumer counts errors (so that clang still knows
// the TU failed) and keeps the first one, with its location, as that line.
//
//===----------------------------------------------------------------------===//

#ifndef NGX_POOL_CHECK_DRIVER_FIRSTERROR_H
#define NGX_POOL_CHECK_DRIVER_FIRSTERROR_H

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallString.h"

#include <string>

namespace ngx_pool_check {
namespace driver {

class FirstErrorCollector : public clang::DiagnosticConsumer {
public:
  void HandleDiagnostic(clang::DiagnosticsEngine::Level Level,
                        const clang::Diagnostic &Info) override {
    if (Level < clang::DiagnosticsEngine::Error)
      return; // Warnings and notes: neither findings nor failures.
    DiagnosticConsumer::HandleDiagnostic(Level, Info); // Counts the error.
    if (!First.empty())
      return;
    llvm::SmallString<256> Text;
    Info.FormatDiagnostic(Text);
    First = locationPrefix(Info) + std::string(Text.str());
    for (char &C : First)
      if (C == '\n' || C == '\r')
        C = ' ';
  }

  /// The first error, "file:line:col: message", or empty.
  const std::string &firstError() const { return First; }

private:
  static std::string locationPrefix(const clang::Diagnostic &Info) {
    if (!Info.getLocation().isValid() || !Info.hasSourceManager())
      return "";
    const clang::SourceManager &SM = Info.getSourceManager();
    clang::PresumedLoc P =
        SM.getPresumedLoc(SM.getExpansionLoc(Info.getLocation()));
    if (P.isInvalid())
      return "";
    return std::string(P.getFilename()) + ":" + std::to_string(P.getLine()) +
           ":" + std::to_string(P.getColumn()) + ": ";
  }

  std::string First;
};

} // namespace driver
} // namespace ngx_pool_check

#endif // NGX_POOL_CHECK_DRIVER_FIRSTERROR_H
