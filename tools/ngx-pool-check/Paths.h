//===- Paths.h - Absolute, normalised file names --------------------------===//
//
// The driver compares file names from many places (command lines, compile
// databases, git, change lists, diagnostics): all of them are made absolute
// and freed of `.` and `..` the same way, here.
//
//===----------------------------------------------------------------------===//

#ifndef NGX_POOL_CHECK_DRIVER_PATHS_H
#define NGX_POOL_CHECK_DRIVER_PATHS_H

#include "llvm/ADT/StringRef.h"

#include <string>

namespace ngx_pool_check {
namespace driver {

/// \p Path made absolute against the current directory, `.` and `..`
/// removed (symbolic links are not resolved).
std::string absoluteClean(llvm::StringRef Path);

/// \p Path made absolute against \p Base (when relative), `.` and `..`
/// removed.
std::string absoluteClean(llvm::StringRef Path, llvm::StringRef Base);

} // namespace driver
} // namespace ngx_pool_check

#endif // NGX_POOL_CHECK_DRIVER_PATHS_H
