//===- TextOutput.h - Findings as clang prints them, and the summary ------===//
//
//   file:line:col: warning: message [nginx.Checker]
//   file:line:col: note: fix: replace 'c->pool' with 'r->pool'
//   file:line:col: note: ...
//   ngx-pool-check: 2 files analysed, 0 failed; 1 finding (...); 0.12 s
//
// File names are relative to the current directory when the file is under
// it, absolute otherwise. Suppressed findings are not printed.
//
//===----------------------------------------------------------------------===//

#ifndef NGX_POOL_CHECK_DRIVER_TEXTOUTPUT_H
#define NGX_POOL_CHECK_DRIVER_TEXTOUTPUT_H

#include "Results.h"

#include "Registration.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace ngx_pool_check {
namespace driver {

/// \p File as the text output shows it.
std::string displayPath(llvm::StringRef File);

/// Every reported (not suppressed) finding with its notes.
void printFindings(llvm::raw_ostream &OS, const RunResults &Run);

/// The one-line summary: files analysed and failed, findings per checker,
/// suppressed and baseline counts, wall time.
std::string summaryLine(const RunResults &Run,
                        llvm::ArrayRef<const CheckerInfo *> Checkers);

/// The summary of `merge`: the same, with the number of logs merged
/// instead of the files analysed (which SARIF does not record).
std::string mergeSummaryLine(const RunResults &Run, unsigned Logs,
                             llvm::ArrayRef<const CheckerInfo *> Checkers);

/// --list-checks.
void printCheckList(llvm::raw_ostream &OS,
                    llvm::ArrayRef<const CheckerInfo *> Checkers);

} // namespace driver
} // namespace ngx_pool_check

#endif // NGX_POOL_CHECK_DRIVER_TEXTOUTPUT_H
