//===- TextOutput.cpp - Findings as clang prints them, and the summary ----===//
//
// The order of clang's -analyzer-output=text: the warning with the checker
// name, its fix-it (clang prints it with the warning; here one
// "note: fix: replace 'c->pool' with 'r->pool'" line per edit, at the
// edit's position), its extra notes, then the path notes; no source
// snippets, so the output greps and diffs well.
//
//===----------------------------------------------------------------------===//

#include "TextOutput.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Path.h"

namespace ngx_pool_check {
namespace driver {

namespace {

void printPosition(llvm::raw_ostream &OS, const SourcePosition &P) {
  OS << displayPath(P.File) << ":" << P.Line << ":" << P.Column << ": ";
}

std::string plural(unsigned N, llvm::StringRef One, llvm::StringRef Many) {
  return std::to_string(N) + " " + (N == 1 ? One : Many).str();
}

} // namespace

std::string displayPath(llvm::StringRef File) {
  static const std::string Cwd = [] {
    llvm::SmallString<256> Dir;
    llvm::sys::fs::current_path(Dir);
    return std::string(Dir.str());
  }();
  llvm::StringRef Rest = File;
  if (!Cwd.empty() && Rest.consume_front(Cwd) &&
      Rest.consume_front(llvm::sys::path::get_separator()) && !Rest.empty())
    return Rest.str();
  return File.str();
}

void printFindings(llvm::raw_ostream &OS, const RunResults &Run) {
  for (const MergedFinding &M : Run.Findings) {
    if (M.Suppressed)
      continue;
    const Finding &F = M.Report;
    printPosition(OS, F.Where);
    OS << "warning: " << F.Message << " [" << F.Checker << "]\n";
    for (const FixReplacement &Edit : F.Fixes) {
      printPosition(OS, Edit.Begin);
      OS << "note: fix: " << describeEdit(Edit) << "\n";
    }
    for (const PathNote &Note : F.Notes) {
      printPosition(OS, Note.Where);
      OS << "note: " << Note.Message << "\n";
    }
    for (const PathNote &Step : F.Path) {
      printPosition(OS, Step.Where);
      OS << "note: " << Step.Message << "\n";
    }
  }
}

namespace {

/// "N failed (a.c, b.c)".
std::string failuresPart(const RunResults &Run) {
  std::string Part = std::to_string(Run.Failures.size()) + " failed";
  if (!Run.Failures.empty()) {
    Part += " (";
    for (size_t I = 0; I < Run.Failures.size(); ++I)
      Part += (I ? ", " : "") + displayPath(Run.Failures[I].File);
    Part += ")";
  }
  return Part;
}

/// "N findings (per checker), N suppressed, N in baseline; T s".
std::string findingsPart(const RunResults &Run,
                         llvm::ArrayRef<const CheckerInfo *> Checkers) {
  unsigned Reported = Run.reportedCount();
  std::string Part = Reported ? plural(Reported, "finding", "findings")
                              : std::string("no findings");
  std::string PerChecker;
  for (const CheckerInfo *Checker : Checkers) {
    unsigned N = 0;
    for (const MergedFinding &M : Run.Findings)
      N += !M.Suppressed && M.Report.Checker == Checker->FullName;
    if (N)
      PerChecker += (PerChecker.empty() ? "" : ", ") + Checker->FullName.str() +
                    ": " + std::to_string(N);
  }
  if (!PerChecker.empty())
    Part += " (" + PerChecker + ")";
  if (unsigned Suppressed = Run.suppressedCount())
    Part += ", " + std::to_string(Suppressed) + " suppressed";
  if (Run.HasBaseline)
    Part += ", " + std::to_string(Run.KnownFromBaseline) + " in baseline";

  std::string Time;
  llvm::raw_string_ostream(Time) << llvm::format("%.2f", Run.Seconds);
  return Part + "; " + Time + " s";
}

} // namespace

std::string summaryLine(const RunResults &Run,
                        llvm::ArrayRef<const CheckerInfo *> Checkers) {
  return "ngx-pool-check: " + plural(Run.FilesAnalysed, "file", "files") +
         " analysed, " + failuresPart(Run) + "; " + findingsPart(Run, Checkers);
}

std::string mergeSummaryLine(const RunResults &Run, unsigned Logs,
                             llvm::ArrayRef<const CheckerInfo *> Checkers) {
  return "ngx-pool-check: " + plural(Logs, "log", "logs") + " merged, " +
         failuresPart(Run) + "; " + findingsPart(Run, Checkers);
}

void printCheckList(llvm::raw_ostream &OS,
                    llvm::ArrayRef<const CheckerInfo *> Checkers) {
  OS << "Enabled checks:\n";
  for (const CheckerInfo *Checker : Checkers)
    OS << "    " << Checker->FullName << " - " << Checker->Description << "\n";
}

} // namespace driver
} // namespace ngx_pool_check
