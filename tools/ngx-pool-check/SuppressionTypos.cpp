//===- SuppressionTypos.cpp - Suppression comments that suppress nothing --===//
//
// The scan is a search for the marker "ngx-pool-check:" through each file's
// bytes (no lexing): cheap next to an analysis. A marker counts when it is
// in a comment as far as its line tells: after "//" or "/*", or at the
// start of a line of a block comment (only spaces or a "*" before it); in a
// string literal of code it does not. Each comment is read by the same
// parser as the suppressions (parseIgnoreComment), so what is reported here
// is exactly what cannot suppress anything. Text after the marker that is
// neither "ignore" nor close to it ("ngx-pool-check: see issue 12") is a
// plain comment and is left alone. Bounds keep absurd input cheap: at most
// 16 markers a line are read, and a name is quoted up to 100 bytes.
//
//===----------------------------------------------------------------------===//

#include "SuppressionTypos.h"

#include "Checks.h"
#include "Suppressions.h"
#include "TextOutput.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MemoryBuffer.h"

namespace ngx_pool_check {
namespace driver {

namespace {

/// The tag at the end of each warning line, as clang-tidy names checks.
constexpr llvm::StringLiteral Tag = "ngx-pool-check-suppression";

/// How many bytes of a file are looked at for NUL bytes (as the analysis).
constexpr size_t BinaryProbeSize = 64 * 1024;

/// A checker name this close (in edits, ignoring case) is suggested.
constexpr unsigned MaxSuggestionDistance = 3;

/// A word after the marker this close to "ignore" is a misspelled one.
constexpr unsigned MaxKeywordDistance = 2;

/// Markers read in one line: a line with more is not a person's comment.
constexpr unsigned MaxMarkersPerLine = 16;

/// Bytes of a name shown in a warning.
constexpr size_t MaxQuotedName = 100;

/// Whether the marker at \p At of \p Line is in a comment (see the top).
bool isInComment(llvm::StringRef Line, size_t At) {
  llvm::StringRef Before = Line.take_front(At);
  if (Before.contains("//") || Before.contains("/*"))
    return true;
  Before = Before.trim();
  return Before.empty() || Before.starts_with("*");
}

bool matchesSomeChecker(llvm::StringRef Glob,
                        llvm::ArrayRef<const CheckerInfo *> Checkers) {
  return llvm::any_of(Checkers, [&](const CheckerInfo *Checker) {
    return matchesGlob(Glob, Checker->FullName);
  });
}

/// What \p Glob was probably meant to be: the checker with its package
/// left out ("PoolLifetime"), or a name a few edits away
/// ("nginx.PoolLifetim"); empty when nothing is close.
std::string suggestion(llvm::StringRef Glob,
                       llvm::ArrayRef<const CheckerInfo *> Checkers) {
  for (const CheckerInfo *Checker : Checkers) {
    auto [Package, Name] = Checker->FullName.split('.');
    if (matchesGlob(Glob, Name))
      return (Package + "." + Glob).str();
  }
  const CheckerInfo *Closest = nullptr;
  unsigned Best = MaxSuggestionDistance + 1;
  for (const CheckerInfo *Checker : Checkers) {
    unsigned Distance = Glob.edit_distance_insensitive(
        Checker->FullName, /*AllowReplacements=*/true, MaxSuggestionDistance);
    if (Distance < Best) {
      Best = Distance;
      Closest = Checker;
    }
  }
  return Closest ? Closest->FullName.str() : std::string();
}

/// 'Name', cut to MaxQuotedName bytes.
std::string quoted(llvm::StringRef Name) {
  if (Name.size() <= MaxQuotedName)
    return "'" + Name.str() + "'";
  return "'" + Name.take_front(MaxQuotedName).str() + "...'";
}

/// "nginx.APIModeling": a checker, but one that reports nothing.
bool namesHiddenChecker(llvm::StringRef Glob) {
  return llvm::any_of(checkers(), [&](const CheckerInfo &Checker) {
    return Checker.Hidden && matchesGlob(Glob, Checker.FullName);
  });
}

/// "nginx.PoolLifetime nginx.Pfree": known names without the comma.
bool isListWithoutCommas(llvm::StringRef Glob,
                         llvm::ArrayRef<const CheckerInfo *> Checkers) {
  llvm::SmallVector<llvm::StringRef, 4> Words;
  Glob.split(Words, ' ', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  return Words.size() > 1 && llvm::all_of(Words, [&](llvm::StringRef Word) {
           return matchesSomeChecker(Word.trim(), Checkers);
         });
}

std::string
unknownCheckerMessage(llvm::StringRef Glob,
                      llvm::ArrayRef<const CheckerInfo *> Checkers) {
  if (namesHiddenChecker(Glob))
    return "suppression names " + quoted(Glob) +
           ", which reports nothing (it models nginx for the other "
           "checkers)";
  std::string Message = "suppression names no known checker " + quoted(Glob);
  if (isListWithoutCommas(Glob, Checkers))
    return Message + " (separate the names with commas)";
  std::string Meant = suggestion(Glob, Checkers);
  return Message + (Meant.empty() ? " (see --list-checks)"
                                  : " (did you mean " + quoted(Meant) + "?)");
}

/// "ingore", "Ignore", "ignored": meant as "ignore".
bool isMisspelledIgnore(llvm::StringRef Word) {
  return !Word.empty() && Word != IgnoreKeyword &&
         Word.edit_distance_insensitive(IgnoreKeyword,
                                        /*AllowReplacements=*/true,
                                        MaxKeywordDistance) <=
             MaxKeywordDistance;
}

/// Collects the typos of one file.
class TypoScanner {
public:
  TypoScanner(llvm::StringRef File, std::vector<SuppressionTypo> &Out)
      : File(File), Out(Out), Checkers(ruleCheckers()) {}

  /// The marker at \p MarkerAt of \p Line, line number \p LineNo.
  void checkMarker(unsigned LineNo, llvm::StringRef Line, size_t MarkerAt) {
    if (!isInComment(Line, MarkerAt))
      return;
    llvm::StringRef Rest =
        Line.drop_front(MarkerAt + SuppressionMarker.size()).ltrim();
    size_t WordAt = Line.size() - Rest.size();
    llvm::StringRef Word = Rest.take_while(llvm::isAlpha);
    if (Word == IgnoreKeyword)
      checkIgnore(LineNo, Line, MarkerAt, WordAt + Word.size());
    else if (isMisspelledIgnore(Word))
      report(LineNo, WordAt,
             "'" + Word.str() +
                 "' is not 'ignore': this comment suppresses nothing");
  }

private:
  /// "ignore" ends at \p AfterWord: its names, or why it has none.
  void checkIgnore(unsigned LineNo, llvm::StringRef Line, size_t MarkerAt,
                   size_t AfterWord) {
    std::optional<IgnoreComment> Comment = parseIgnoreComment(Line, MarkerAt);
    llvm::StringRef After = Line.drop_front(AfterWord);
    if (!Comment && !After.trim().empty() && !After.starts_with("*/")) {
      report(LineNo, AfterWord,
             "expected a space after 'ignore': this comment suppresses "
             "nothing");
      return;
    }
    if (!Comment || Comment->Globs.empty()) {
      report(LineNo, AfterWord,
             "suppression names no checker: write 'ngx-pool-check: ignore "
             "<checker> -- <reason>'");
      return;
    }
    for (llvm::StringRef Glob : Comment->Globs)
      if (!matchesSomeChecker(Glob, Checkers))
        report(LineNo, Glob.data() - Line.data(),
               unknownCheckerMessage(Glob, Checkers));
  }

  void report(unsigned LineNo, size_t Offset, std::string Message) {
    Out.push_back({File.str(), LineNo, static_cast<unsigned>(Offset) + 1,
                   std::move(Message)});
  }

  llvm::StringRef File;
  std::vector<SuppressionTypo> &Out;
  std::vector<const CheckerInfo *> Checkers;
};

} // namespace

std::vector<SuppressionTypo> findSuppressionTypos(llvm::StringRef File,
                                                  llvm::StringRef Text) {
  std::vector<SuppressionTypo> Typos;
  TypoScanner Scanner(File, Typos);
  // From one line with markers to the next: each byte is looked at a few
  // times, however many markers a line has.
  unsigned LineNo = 1;
  size_t LineBegin = 0;
  for (size_t At = Text.find(SuppressionMarker); At != llvm::StringRef::npos;) {
    llvm::StringRef Before = Text.slice(LineBegin, At);
    LineNo += Before.count('\n');
    size_t LastNewline = Before.rfind('\n');
    if (LastNewline != llvm::StringRef::npos)
      LineBegin += LastNewline + 1;
    size_t LineEnd = std::min(Text.find('\n', At), Text.size());
    llvm::StringRef Line = Text.slice(LineBegin, LineEnd);
    size_t InLine = At - LineBegin;
    for (unsigned Read = 0;
         InLine != llvm::StringRef::npos && Read < MaxMarkersPerLine; ++Read) {
      Scanner.checkMarker(LineNo, Line, InLine);
      InLine = Line.find(SuppressionMarker, InLine + 1);
    }
    At = Text.find(SuppressionMarker, LineEnd);
  }
  return Typos;
}

std::vector<SuppressionTypo>
findSuppressionTyposInFiles(llvm::ArrayRef<std::string> Files) {
  std::vector<SuppressionTypo> Typos;
  llvm::StringSet<> Seen;
  for (const std::string &File : Files) {
    if (!Seen.insert(File).second)
      continue;
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
        llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                    /*RequiresNullTerminator=*/false);
    if (!Buffer)
      continue;
    llvm::StringRef Text = (*Buffer)->getBuffer();
    if (Text.take_front(BinaryProbeSize).contains('\0'))
      continue;
    std::vector<SuppressionTypo> Found = findSuppressionTypos(File, Text);
    std::move(Found.begin(), Found.end(), std::back_inserter(Typos));
  }
  return Typos;
}

std::string formatSuppressionTypo(const SuppressionTypo &Typo) {
  return displayPath(Typo.File) + ":" + std::to_string(Typo.Line) + ":" +
         std::to_string(Typo.Column) + ": warning: " + Typo.Message + " [" +
         Tag.str() + "]";
}

} // namespace driver
} // namespace ngx_pool_check
