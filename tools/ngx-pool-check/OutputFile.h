//===- OutputFile.h - A report file that appears whole or not at all ------===//
//
// --sarif=<file> is written to a temporary file in the same directory,
// created before any analysis (so an unwritable path is an error before
// minutes of work), and renamed over <file> at the end: a reader never sees
// a half-written report, and a failed run leaves the previous one in place.
// --fix writes the sources it changes the same way.
//
//===----------------------------------------------------------------------===//

#ifndef NGX_POOL_CHECK_DRIVER_OUTPUTFILE_H
#define NGX_POOL_CHECK_DRIVER_OUTPUTFILE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <string>

namespace ngx_pool_check {
namespace driver {

class OutputFile {
public:
  /// Creates the temporary file next to \p Path; \p Option names the
  /// command-line option in error messages.
  static llvm::Expected<std::unique_ptr<OutputFile>>
  create(llvm::StringRef Path, llvm::StringRef Option);

  /// Gives the temporary file the permissions of the file \p Existing
  /// (--fix replaces a source file: it keeps its mode).
  llvm::Error keepPermissionsOf(llvm::StringRef Existing);

  /// Writes \p Contents and renames the temporary file to the path.
  llvm::Error commit(llvm::StringRef Contents);

  /// Removes the temporary file unless committed.
  ~OutputFile();

private:
  OutputFile(std::string Path, std::string TempPath, std::string Option, int FD)
      : Path(std::move(Path)), TempPath(std::move(TempPath)),
        Option(std::move(Option)), FD(FD) {}

  std::string Path;
  std::string TempPath;
  std::string Option;
  int FD;
  bool Committed = false;
};

} // namespace driver
} // namespace ngx_pool_check

#endif // NGX_POOL_CHECK_DRIVER_OUTPUTFILE_H
