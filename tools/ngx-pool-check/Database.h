//===- Database.h - Which files to analyse, with which compile command ----===//
//
// The compilation database comes from `--` (compiler arguments on the
// command line), from -p (a build directory or its compile_commands.json),
// or is searched for upwards from the first source, as clang-tidy does. A
// database that cannot be read, is malformed or has no entry is an error for
// the whole invocation; a file without a usable command is one failed file.
//
//===----------------------------------------------------------------------===//

#ifndef NGX_POOL_CHECK_DRIVER_DATABASE_H
#define NGX_POOL_CHECK_DRIVER_DATABASE_H

#include "Options.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ngx_pool_check {
namespace driver {

/// One translation unit to analyse.
struct WorkItem {
  std::string File; ///< Absolute path of the source.
  /// Its compile command; none when it has none (Failure says why).
  std::optional<clang::tooling::CompileCommand> Command;
  std::string Failure;
};

/// The database the options ask for (takes the `--` one out of \p Opts).
llvm::Expected<std::unique_ptr<clang::tooling::CompilationDatabase>>
loadDatabase(DriverOptions &Opts);

/// The files to analyse: \p Sources, or every file of \p Database. A file
/// listed several times is analysed once, with its first command.
std::vector<WorkItem>
planWork(const clang::tooling::CompilationDatabase &Database,
         const std::vector<std::string> &Sources);

} // namespace driver
} // namespace ngx_pool_check

#endif // NGX_POOL_CHECK_DRIVER_DATABASE_H
