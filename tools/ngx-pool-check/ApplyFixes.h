//===- ApplyFixes.h - --fix: the findings' fix-its, applied in place ------===//
//
// Like clang-tidy --fix: after the analysis, the fix-its of the reported
// findings (not suppressed, not known from --baseline) are written into
// their source files. Per file: the same fix seen twice (from several
// translation units including a header) is applied once; a fix that
// overlaps one already taken, or whose range no longer holds the text it
// replaces, is skipped with a one-line warning; the edits go in from the
// end of the file backwards, and the file is replaced atomically
// (OutputFile), keeping its mode. One line per file changed:
//
//   ngx-pool-check: applied 2 fixes to src/foo.c
//
// A file that cannot be read or written is a one-line error and stays as
// it was; the other files are still fixed.
//
//===----------------------------------------------------------------------===//

#ifndef NGX_POOL_CHECK_DRIVER_APPLYFIXES_H
#define NGX_POOL_CHECK_DRIVER_APPLYFIXES_H

#include "Results.h"

#include "llvm/Support/raw_ostream.h"

namespace ngx_pool_check {
namespace driver {

/// Applies the fix-its of the reported findings of \p Run, reporting on
/// \p Err; false when a file could not be read or written.
bool applyFixes(const RunResults &Run, llvm::raw_ostream &Err);

} // namespace driver
} // namespace ngx_pool_check

#endif // NGX_POOL_CHECK_DRIVER_APPLYFIXES_H
