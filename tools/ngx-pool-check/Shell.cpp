//===- Shell.cpp - Shell scripts in scratch directories -------------------===//
//
// The scripts get their data as positional arguments, never spliced into
// their text, so no path needs quoting. A scratch directory may hold
// symbolic links to the user's directories (a module's, an nginx tree's):
// removing it unlinks them and never descends into what they point to.
//
//===----------------------------------------------------------------------===//

#include "Shell.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"

#include <optional>
#include <vector>

using namespace llvm;

namespace ngx_pool_check {
namespace driver {

namespace {

bool isRealDirectory(StringRef Path) {
  sys::fs::file_status Status;
  return !sys::fs::status(Path, Status, /*Follow=*/false) &&
         Status.type() == sys::fs::file_type::directory_file;
}

} // namespace

Expected<ScratchDirectory> ScratchDirectory::create(StringRef Prefix) {
  SmallString<256> Path;
  if (std::error_code EC = sys::fs::createUniqueDirectory(Prefix, Path))
    return createStringError("cannot create a directory '" + Prefix +
                             "-XXXXXX': " + EC.message());
  return ScratchDirectory(std::string(Path.str()));
}

ScratchDirectory::ScratchDirectory(ScratchDirectory &&Other)
    : Path(std::move(Other.Path)) {
  Other.Path.clear();
}

ScratchDirectory::~ScratchDirectory() {
  if (!Path.empty())
    removeTree(Path);
}

void removeTree(StringRef Dir) {
  if (!isRealDirectory(Dir)) {
    sys::fs::remove(Dir);
    return;
  }
  std::vector<std::string> Entries;
  std::error_code EC;
  for (sys::fs::directory_iterator It(Dir, EC, /*follow_symlinks=*/false), End;
       It != End && !EC; It.increment(EC))
    Entries.push_back(It->path());
  for (const std::string &Entry : Entries)
    removeTree(Entry);
  sys::fs::remove(Dir);
}

Expected<int> runShell(StringRef Script, ArrayRef<StringRef> Args,
                       StringRef Log, unsigned Seconds) {
  std::vector<StringRef> Argv = {"sh", "-c", Script, "sh"};
  Argv.insert(Argv.end(), Args.begin(), Args.end());
  std::optional<StringRef> Redirects[] = {StringRef("/dev/null"), Log, Log};
  std::string Why;
  bool NotRun = false;
  int Status = sys::ExecuteAndWait("/bin/sh", Argv, std::nullopt, Redirects,
                                   Seconds, 0, &Why, &NotRun);
  if (NotRun)
    return createStringError("cannot run /bin/sh: " + Why);
  if (Status < 0) {
    if (Seconds && StringRef(Why).contains_insensitive("timed out"))
      return createStringError("it did not finish within " + Twine(Seconds) +
                               " s");
    return createStringError(Why.empty() ? std::string("it was killed") : Why);
  }
  return Status;
}

std::string lastErrorLine(StringRef File) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> Text = MemoryBuffer::getFile(File);
  if (!Text)
    return "";
  StringRef Last, LastError;
  for (StringRef Line : split((*Text)->getBuffer(), '\n')) {
    Line = Line.trim();
    if (Line.empty())
      continue;
    Last = Line;
    if (Line.contains_insensitive("error"))
      LastError = Line;
  }
  return (LastError.empty() ? Last : LastError).str();
}

} // namespace driver
} // namespace ngx_pool_check
