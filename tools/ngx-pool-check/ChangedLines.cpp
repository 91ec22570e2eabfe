//===- ChangedLines.cpp - --changed-lines: the lines a change touches -----===//
//
// The list is parsed whole before anything is analysed, so a malformed
// entry is one usage error (exit status 2) naming the list's line.
//
//===----------------------------------------------------------------------===//

#include "ChangedLines.h"
#include "Paths.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

namespace ngx_pool_check {
namespace driver {

namespace {

llvm::Error listError(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "--changed-lines: " + Message);
}

/// "N" or "N-M" with 1 <= N <= M.
bool parseRange(llvm::StringRef Text, LineRange &Out) {
  auto [First, Last] = Text.trim().split('-');
  if (Last.empty() && Text.trim().contains('-'))
    return false;
  if (Last.empty())
    Last = First;
  if (First.trim().getAsInteger(10, Out.First) ||
      Last.trim().getAsInteger(10, Out.Last))
    return false;
  return Out.First >= 1 && Out.First <= Out.Last;
}

/// Where the path of an entry ends: at the last ':' a digit follows, or
/// the whole entry.
size_t pathEnd(llvm::StringRef Entry) {
  for (size_t Colon = Entry.rfind(':'); Colon != llvm::StringRef::npos;
       Colon = Entry.take_front(Colon).rfind(':')) {
    llvm::StringRef After = Entry.drop_front(Colon + 1).ltrim();
    if (After.empty() || llvm::isDigit(After.front()))
      return Colon;
  }
  return Entry.size();
}

} // namespace

llvm::Expected<ChangedLines> ChangedLines::load(llvm::StringRef ListPath,
                                                llvm::StringRef Base) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> List =
      llvm::MemoryBuffer::getFile(ListPath, /*IsText=*/true);
  if (!List)
    return listError("'" + ListPath +
                     "' cannot be read: " + List.getError().message());
  return parse((*List)->getBuffer(), ListPath, Base);
}

llvm::Expected<ChangedLines> ChangedLines::parse(llvm::StringRef Text,
                                                 llvm::StringRef Name,
                                                 llvm::StringRef Base) {
  ChangedLines Lines;
  unsigned LineNumber = 0;
  for (llvm::StringRef Line : llvm::split(Text, '\n')) {
    ++LineNumber;
    llvm::StringRef Entry = Line.trim();
    if (Entry.empty() || Entry.starts_with("#"))
      continue;
    size_t End = pathEnd(Entry);
    llvm::StringRef Path = Entry.take_front(End).rtrim();
    if (Path.empty())
      return listError(Name + ":" + llvm::Twine(LineNumber) +
                       ": no file before ':' in '" + Entry + "'");
    std::vector<LineRange> Ranges;
    if (End < Entry.size()) {
      for (llvm::StringRef Part : llvm::split(Entry.drop_front(End + 1), ',')) {
        LineRange Range;
        if (!parseRange(Part, Range))
          return listError(Name + ":" + llvm::Twine(LineNumber) +
                           ": bad line range '" + Part.trim() + "' in '" +
                           Entry +
                           "' (expected <file>:<first>-<last>[,...] with "
                           "1 <= first <= last, or <file> alone)");
        Ranges.push_back(Range);
      }
    }
    Lines.add(absoluteClean(Path, Base), std::move(Ranges));
  }
  return Lines;
}

void ChangedLines::add(const std::string &File, std::vector<LineRange> New) {
  llvm::SmallVector<std::string, 2> Keys = {File};
  llvm::SmallString<256> Real;
  if (!llvm::sys::fs::real_path(File, Real) && Real != File)
    Keys.push_back(std::string(Real.str()));
  for (const std::string &Key : Keys) {
    if (New.empty())
      Whole.insert(Key);
    else
      llvm::append_range(Ranges[Key], New);
  }
}

const std::vector<LineRange> *
ChangedLines::rangesOf(const std::string &File) const {
  llvm::SmallString<256> Real;
  bool HasReal = !llvm::sys::fs::real_path(File, Real);
  if (Whole.contains(File) || (HasReal && Whole.contains(Real.str())))
    return nullptr;
  auto Found = Ranges.find(File);
  if (Found == Ranges.end() && HasReal)
    Found = Ranges.find(Real.str());
  return Found == Ranges.end() ? nullptr : &Found->second;
}

} // namespace driver
} // namespace ngx_pool_check
