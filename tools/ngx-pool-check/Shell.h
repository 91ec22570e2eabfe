//===- Shell.h - Shell scripts in scratch directories ---------------------===//
//
// Reading a module's nginx `config` and configuring an nginx tree are what
// nginx's own build does in /bin/sh: ngx-pool-check runs the same scripts
// the same way, as child processes with their output in a log file, inside
// directories of its own that it removes afterwards.
//
//===----------------------------------------------------------------------===//

#ifndef NGX_POOL_CHECK_DRIVER_SHELL_H
#define NGX_POOL_CHECK_DRIVER_SHELL_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>

namespace ngx_pool_check {
namespace driver {

/// A new directory, removed with everything in it when this object goes
/// away (unless kept). Symbolic links in it are removed, never followed.
class ScratchDirectory {
public:
  /// Creates `<Prefix>-XXXXXX`; a relative prefix is put in the system's
  /// temporary directory.
  static llvm::Expected<ScratchDirectory> create(llvm::StringRef Prefix);

  ScratchDirectory(ScratchDirectory &&Other);
  ScratchDirectory &operator=(ScratchDirectory &&) = delete;
  ~ScratchDirectory();

  const std::string &path() const { return Path; }
  /// The directory stays (it was renamed, or is wanted).
  void keep() { Path.clear(); }

private:
  explicit ScratchDirectory(std::string Path) : Path(std::move(Path)) {}
  std::string Path;
};

/// Removes \p Dir and everything in it without following symbolic links.
void removeTree(llvm::StringRef Dir);

/// Runs `/bin/sh -c <Script> sh <Args>...` with stdin from /dev/null and
/// stdout and stderr in \p Log. Returns the exit status, or an error when
/// the shell could not run, was killed, or ran longer than \p Seconds
/// (0: no limit).
llvm::Expected<int> runShell(llvm::StringRef Script,
                             llvm::ArrayRef<llvm::StringRef> Args,
                             llvm::StringRef Log, unsigned Seconds);

/// The last line of \p File that says "error", else its last non-empty
/// line, trimmed; "" when there is none.
std::string lastErrorLine(llvm::StringRef File);

} // namespace driver
} // namespace ngx_pool_check

#endif // NGX_POOL_CHECK_DRIVER_SHELL_H
