//===- ChangedLines.h - --changed-lines: the lines a change touches -------===//
//
// --changed-lines=<file> names the lines of the units' main files that a
// change touched (the git hook writes it from `git diff --cached -U0`), one
// entry per line of the file:
//
//   src/ngx_http_foo_module.c:120-134,200   lines 120 to 134, and 200
//   src/ngx_http_foo_module.c:310           one more line (entries add up)
//   src/ngx_http_bar_module.c               the whole file
//
// Paths are relative to the current directory (or absolute); blank lines
// and lines starting with '#' are ignored. A path ends at the last ':' that
// a digit follows; what follows must then be a comma-separated list of N or
// N-M (1 <= N <= M), or the file is malformed (a one-line error naming the
// line). A unit whose main file the list names with lines is analysed for
// the functions those lines touch (ChangedFunctions.h); a unit named whole,
// or not named, is analysed whole.
//
//===----------------------------------------------------------------------===//

#ifndef NGX_POOL_CHECK_DRIVER_CHANGEDLINES_H
#define NGX_POOL_CHECK_DRIVER_CHANGEDLINES_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace ngx_pool_check {
namespace driver {

/// Lines First..Last of a file, 1-based, both included.
struct LineRange {
  unsigned First = 0;
  unsigned Last = 0;

  bool overlaps(const LineRange &O) const {
    return First <= O.Last && O.First <= Last;
  }
  bool contains(unsigned Line) const { return First <= Line && Line <= Last; }
};

class ChangedLines {
public:
  /// Reads --changed-lines=<ListPath>; paths relative to \p Base.
  static llvm::Expected<ChangedLines> load(llvm::StringRef ListPath,
                                           llvm::StringRef Base);
  /// Parses the text of a list; \p Name is the list's name in errors.
  static llvm::Expected<ChangedLines>
  parse(llvm::StringRef Text, llvm::StringRef Name, llvm::StringRef Base);

  /// The changed lines of \p File (absolute), or null when the list does
  /// not name it or names it whole: then the whole file is analysed.
  const std::vector<LineRange> *rangesOf(const std::string &File) const;

private:
  void add(const std::string &File, std::vector<LineRange> Ranges);

  /// By absolute path, and by real path for files that exist.
  llvm::StringMap<std::vector<LineRange>> Ranges;
  llvm::StringSet<> Whole;
};

} // namespace driver
} // namespace ngx_pool_check

#endif // NGX_POOL_CHECK_DRIVER_CHANGEDLINES_H
