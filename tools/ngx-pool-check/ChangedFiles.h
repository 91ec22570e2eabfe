//===- ChangedFiles.h - Only the units a change can affect ----------------===//
//
// --changed-since=<git ref> and --changed-files=<list> narrow an analysis
// to the translation units whose main file changed or that include a file
// that changed, for pull-request gating (with --baseline) and quick local
// runs. What a unit includes is not guessed from names: each unit is run
// through clang's preprocessor with its own compile command (the same
// arguments and macros as its analysis), and the files it opened are its
// dependencies. A unit whose preprocessing fails is kept: its analysis
// reports the failure.
//
//===----------------------------------------------------------------------===//

#ifndef NGX_POOL_CHECK_DRIVER_CHANGEDFILES_H
#define NGX_POOL_CHECK_DRIVER_CHANGEDFILES_H

#include "Analysis.h"
#include "Database.h"
#include "Options.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"

#include <vector>

namespace ngx_pool_check {
namespace driver {

/// The changed files the options name, absolute (and, for files that
/// exist, also by their real path): `git diff --merge-base <ref>` plus
/// untracked files, run in --srcroot; and the lines of --changed-files.
llvm::Expected<llvm::StringSet<>> changedFiles(const DriverOptions &Opts);

/// The items of \p Work that are in \p Changed or include a file that is.
std::vector<WorkItem> selectChanged(std::vector<WorkItem> Work,
                                    const llvm::StringSet<> &Changed,
                                    const AnalysisSettings &Settings,
                                    unsigned Jobs);

} // namespace driver
} // namespace ngx_pool_check

#endif // NGX_POOL_CHECK_DRIVER_CHANGEDFILES_H
