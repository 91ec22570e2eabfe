//===- ApplyFixes.cpp - --fix: the findings' fix-its, applied in place ----===//
//
// A finding's fix is a group of edits applied together or not at all. The
// groups of one file are taken in the order of their first edit; a group
// equal to one taken already is a duplicate (dropped silently), a group
// with an edit that overlaps a taken edit is a conflict (skipped, with a
// warning), and so is a group whose edit's range does not hold the text
// the analysis saw there (the file changed in between). Then the taken
// edits are applied from the last to the first, so that each edit's
// offsets still hold, and the file is replaced through OutputFile.
//
//===----------------------------------------------------------------------===//

#include "ApplyFixes.h"

#include "OutputFile.h"
#include "TextOutput.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

#include <map>

namespace ngx_pool_check {
namespace driver {

namespace {

using Group = std::vector<const FixReplacement *>;

bool sameGroup(const Group &A, const Group &B) {
  return llvm::equal(A, B,
                     [](const FixReplacement *X, const FixReplacement *Y) {
                       return X->Offset == Y->Offset &&
                              X->Length == Y->Length && X->Text == Y->Text;
                     });
}

/// True when the two edits touch the same bytes, or insert at one place.
bool overlap(const FixReplacement &A, const FixReplacement &B) {
  if (A.Offset == B.Offset)
    return true;
  return A.Offset < B.Offset + B.Length && B.Offset < A.Offset + A.Length;
}

/// "src/foo.c:6:27 (replace 'c->pool' with 'r->pool')".
std::string describeGroup(const Group &G) {
  const FixReplacement &First = *G.front();
  std::string Text = displayPath(First.Begin.File) + ":" +
                     std::to_string(First.Begin.Line) + ":" +
                     std::to_string(First.Begin.Column) + " (";
  for (size_t I = 0; I < G.size(); ++I)
    Text += (I ? "; " : "") + describeEdit(*G[I]);
  return Text + ")";
}

/// The fix groups of the reported findings, by file.
std::map<std::string, std::vector<Group>> groupsByFile(const RunResults &Run,
                                                       llvm::raw_ostream &Err) {
  std::map<std::string, std::vector<Group>> Files;
  for (const MergedFinding &M : Run.Findings) {
    const std::vector<FixReplacement> &Edits = M.Report.Fixes;
    if (M.Suppressed || Edits.empty())
      continue;
    Group G;
    for (const FixReplacement &Edit : Edits)
      G.push_back(&Edit);
    bool OneFile = llvm::all_of(G, [&](const FixReplacement *E) {
      return E->HasOffsets && E->Begin.File == G.front()->Begin.File;
    });
    if (!OneFile) {
      Err << "ngx-pool-check: warning: not applying the fix at "
          << describeGroup(G) << ": it edits more than one file\n";
      continue;
    }
    llvm::sort(G, [](const FixReplacement *A, const FixReplacement *B) {
      return A->Offset < B->Offset;
    });
    Files[G.front()->Begin.File].push_back(std::move(G));
  }
  return Files;
}

/// The edits of \p Groups that can be applied to \p Content, in order.
std::vector<const FixReplacement *> chooseEdits(std::vector<Group> &Groups,
                                                llvm::StringRef Content,
                                                unsigned &Fixes,
                                                llvm::raw_ostream &Err) {
  llvm::stable_sort(Groups, [](const Group &A, const Group &B) {
    return A.front()->Offset < B.front()->Offset;
  });
  std::vector<Group> Taken;
  std::vector<const FixReplacement *> Edits;
  for (const Group &G : Groups) {
    if (llvm::any_of(Taken, [&](const Group &T) { return sameGroup(T, G); }))
      continue;
    bool Holds = llvm::all_of(G, [&](const FixReplacement *E) {
      return E->Offset + E->Length <= Content.size() &&
             Content.substr(E->Offset, E->Length) == E->Removed;
    });
    if (!Holds) {
      Err << "ngx-pool-check: warning: not applying the fix at "
          << describeGroup(G) << ": the file changed since it was analysed\n";
      continue;
    }
    bool Conflicts = llvm::any_of(G, [&](const FixReplacement *E) {
      return llvm::any_of(
          Edits, [&](const FixReplacement *T) { return overlap(*E, *T); });
    });
    if (Conflicts) {
      Err << "ngx-pool-check: warning: not applying the fix at "
          << describeGroup(G) << ": it overlaps another fix\n";
      continue;
    }
    Taken.push_back(G);
    Edits.insert(Edits.end(), G.begin(), G.end());
  }
  Fixes = Taken.size();
  llvm::sort(Edits, [](const FixReplacement *A, const FixReplacement *B) {
    return A->Offset < B->Offset;
  });
  return Edits;
}

/// \p Content with \p Edits (sorted, not overlapping), last first.
std::string applyEdits(llvm::StringRef Content,
                       const std::vector<const FixReplacement *> &Edits) {
  std::string Out = Content.str();
  for (auto It = Edits.rbegin(); It != Edits.rend(); ++It)
    Out.replace((*It)->Offset, (*It)->Length, (*It)->Text);
  return Out;
}

/// Replaces \p File with \p Content: the file a symlink points to, keeping
/// its mode; refused when the user may not write the file.
llvm::Error writeFile(const std::string &File, llvm::StringRef Content) {
  llvm::SmallString<256> Real;
  if (llvm::sys::fs::real_path(File, Real))
    Real = File;
  std::string Shown = displayPath(Real);
  if (std::error_code EC =
          llvm::sys::fs::access(Real, llvm::sys::fs::AccessMode::Write))
    return llvm::createStringError(EC, "--fix: cannot write '" + Shown +
                                           "': " + EC.message());
  auto Output = OutputFile::create(Shown, "--fix");
  if (!Output)
    return Output.takeError();
  if (llvm::Error E = (*Output)->keepPermissionsOf(Real))
    return E;
  return (*Output)->commit(Content);
}

/// Applies the fixes of one file; false when it could not be read or
/// written.
bool fixFile(const std::string &File, std::vector<Group> &Groups,
             llvm::raw_ostream &Err) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
      llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  if (!Buffer) {
    Err << "ngx-pool-check: error: --fix: cannot read '" << displayPath(File)
        << "': " << Buffer.getError().message() << "\n";
    return false;
  }
  llvm::StringRef Content = (*Buffer)->getBuffer();
  unsigned Fixes = 0;
  std::vector<const FixReplacement *> Edits =
      chooseEdits(Groups, Content, Fixes, Err);
  if (Edits.empty())
    return true;
  if (llvm::Error E = writeFile(File, applyEdits(Content, Edits))) {
    Err << "ngx-pool-check: error: " << llvm::toString(std::move(E)) << "\n";
    return false;
  }
  Err << "ngx-pool-check: applied " << Fixes << (Fixes == 1 ? " fix" : " fixes")
      << " to " << displayPath(File) << "\n";
  return true;
}

} // namespace

bool applyFixes(const RunResults &Run, llvm::raw_ostream &Err) {
  bool Ok = true;
  for (auto &[File, Groups] : groupsByFile(Run, Err))
    Ok &= fixFile(File, Groups, Err);
  return Ok;
}

} // namespace driver
} // namespace ngx_pool_check
