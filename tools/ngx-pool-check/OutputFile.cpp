//===- OutputFile.cpp - A report file that appears whole or not at all ----===//
//
// createUniqueFile next to the target (same file system, so the rename is
// atomic), RemoveFileOnSignal until it is renamed, removed when not
// committed.
//
//===----------------------------------------------------------------------===//

#include "OutputFile.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/raw_ostream.h"

namespace ngx_pool_check {
namespace driver {

namespace {

llvm::Error outputError(llvm::StringRef Option, llvm::StringRef Path,
                        const llvm::Twine &Why) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 Option + ": cannot write '" + Path +
                                     "': " + Why);
}

} // namespace

llvm::Expected<std::unique_ptr<OutputFile>>
OutputFile::create(llvm::StringRef Path, llvm::StringRef Option) {
  if (Path.empty())
    return outputError(Option, Path, "empty file name");
  if (llvm::sys::fs::is_directory(Path))
    return outputError(Option, Path, "it is a directory");

  llvm::SmallString<256> Pattern(llvm::sys::path::parent_path(Path));
  if (Pattern.empty())
    Pattern = ".";
  llvm::sys::path::append(Pattern, "." + llvm::sys::path::filename(Path) +
                                       ".tmp-%%%%%%");
  int FD = -1;
  llvm::SmallString<256> TempPath;
  if (std::error_code EC =
          llvm::sys::fs::createUniqueFile(Pattern, FD, TempPath))
    return outputError(Option, Path, EC.message());
  llvm::sys::RemoveFileOnSignal(TempPath);
  return std::unique_ptr<OutputFile>(new OutputFile(
      Path.str(), std::string(TempPath.str()), Option.str(), FD));
}

llvm::Error OutputFile::keepPermissionsOf(llvm::StringRef Existing) {
  llvm::ErrorOr<llvm::sys::fs::perms> Mode =
      llvm::sys::fs::getPermissions(Existing);
  if (!Mode)
    return outputError(Option, Path, Mode.getError().message());
  if (std::error_code EC = llvm::sys::fs::setPermissions(FD, *Mode))
    return outputError(Option, Path, EC.message());
  return llvm::Error::success();
}

llvm::Error OutputFile::commit(llvm::StringRef Contents) {
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    FD = -1;
    OS << Contents;
    OS.close();
    if (OS.has_error()) {
      std::string Why = OS.error().message();
      OS.clear_error();
      return outputError(Option, Path, Why);
    }
  }
  if (std::error_code EC = llvm::sys::fs::rename(TempPath, Path))
    return outputError(Option, Path, EC.message());
  llvm::sys::DontRemoveFileOnSignal(TempPath);
  Committed = true;
  return llvm::Error::success();
}

OutputFile::~OutputFile() {
  if (FD >= 0)
    llvm::sys::Process::SafelyCloseFileDescriptor(FD);
  if (!Committed) {
    llvm::sys::fs::remove(TempPath);
    llvm::sys::DontRemoveFileOnSignal(TempPath);
  }
}

} // namespace driver
} // namespace ngx_pool_check
