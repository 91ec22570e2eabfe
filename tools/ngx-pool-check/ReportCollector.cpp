//===- ReportCollector.cpp - The analyzer's reports, as Findings ----------===//
//
// Each PathDiagnostic becomes a Finding:
//   - the warning's position (expansion location: a report inside a macro is
//     where the macro is used), message, checker and enclosing function;
//   - the path, flattened as clang's text output flattens it ("Calling",
//     the callee's steps, "Returning from"), each step keeping its call
//     depth for SARIF's nestingLevel; extra notes kept apart;
//   - clang's issue hash (IssueHash.h: checker, function, column and line
//     text, no line number) as the line-independent fingerprint;
//   - the reported line and the one above it, for suppression comments;
//   - the report's fix-its (on its last path piece), as file edits with
//     byte offsets and the text they replace; a fix-it with an edit inside
//     a macro expansion is dropped whole.
// The generation scheme is the text output's (Minimal: events and control
// notes, no arrows), and cross-file paths are accepted, or the analyzer
// would drop a report whose path runs through a header.
//
//===----------------------------------------------------------------------===//

#include "ReportCollector.h"

#include "clang/AST/Decl.h"
#include "clang/Analysis/IssueHash.h"
#include "clang/Analysis/PathDiagnostic.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/Support/Path.h"

using namespace clang;
using namespace clang::ento;

namespace ngx_pool_check {
namespace driver {

namespace {

/// The line of \p Buffer that contains \p Offset, without its newline.
llvm::StringRef lineAround(llvm::StringRef Buffer, size_t Offset) {
  Offset = std::min(Offset, Buffer.size());
  size_t Begin = Buffer.take_front(Offset).rfind('\n');
  Begin = Begin == llvm::StringRef::npos ? 0 : Begin + 1;
  size_t End = Buffer.find('\n', Begin);
  return Buffer.slice(Begin, End).rtrim('\r');
}

/// The line before the one that starts at \p LineBegin, or empty.
llvm::StringRef lineBefore(llvm::StringRef Buffer, size_t LineBegin) {
  if (LineBegin == 0)
    return "";
  return lineAround(Buffer, LineBegin - 1);
}

/// Byte column (1-based) to code-point column (1-based) on \p Line.
unsigned codePointColumn(llvm::StringRef Line, unsigned ByteColumn) {
  unsigned Column = 1;
  for (size_t I = 0; I + 1 < ByteColumn && I < Line.size(); ++I)
    if ((static_cast<unsigned char>(Line[I]) & 0xC0) != 0x80)
      ++Column;
  if (ByteColumn > Line.size() + 1)
    Column += ByteColumn - 1 - Line.size();
  return Column;
}

class ReportCollector : public PathDiagnosticConsumer {
public:
  ReportCollector(const LangOptions &LangOpts,
                  const llvm::StringSet<> &Checkers, std::vector<Finding> &Out)
      : LangOpts(LangOpts), Checkers(Checkers), Out(Out) {}

  llvm::StringRef getName() const override { return "ngx-pool-check"; }
  PathGenerationScheme getGenerationScheme() const override { return Minimal; }
  bool supportsLogicalOpControlFlow() const override { return true; }
  bool supportsCrossFileDiagnostics() const override { return true; }

  void FlushDiagnosticsImpl(std::vector<const PathDiagnostic *> &Diags,
                            FilesMade *) override {
    for (const PathDiagnostic *PD : Diags)
      if (Checkers.contains(PD->getCheckerName()) &&
          PD->getLocation().isValid())
        Out.push_back(toFinding(*PD));
  }

private:
  Finding toFinding(const PathDiagnostic &PD) const {
    const SourceManager &SM = PD.getLocation().getManager();
    SourceLocation Loc = SM.getExpansionLoc(PD.getLocation().asLocation());

    Finding F;
    F.Checker = PD.getCheckerName().str();
    F.Message = PD.getShortDescription().str();
    F.Where = position(Loc, SM);
    F.EndCharColumn = endColumn(PD, Loc, SM);
    if (const auto *ND =
            llvm::dyn_cast_or_null<NamedDecl>(PD.getDeclWithIssue()))
      F.Function = ND->getQualifiedNameAsString();
    F.IssueHash = issueHash(PD, SM);

    bool Invalid = false;
    llvm::StringRef Buffer = SM.getBufferData(SM.getFileID(Loc), &Invalid);
    if (!Invalid) {
      size_t Offset = SM.getFileOffset(Loc);
      llvm::StringRef Line = lineAround(Buffer, Offset);
      F.LineText = Line.str();
      F.LineAboveText = lineBefore(Buffer, Line.data() - Buffer.data()).str();
    }

    flatten(PD.path, /*Depth=*/0, SM, F);
    F.Fixes = fixes(PD, SM);
    return F;
  }

  /// The report's fix-its as edits; none when one of them is not a plain
  /// range of a file (a macro expansion, an insertion copied from a range).
  std::vector<FixReplacement> fixes(const PathDiagnostic &PD,
                                    const SourceManager &SM) const {
    std::vector<FixReplacement> Edits;
    if (PD.path.empty())
      return Edits;
    // clang's text output reads them on the path's last top-level piece
    // (a call piece, when the report is inside an inlined call); the last
    // piece inside it may have them too.
    const PathDiagnosticPiece *Top = PD.path.back().get();
    for (const PathDiagnosticPiece *Piece : {Top, lastPiece(PD.path)}) {
      for (const FixItHint &Hint : Piece->getFixits()) {
        std::optional<FixReplacement> Edit = edit(Hint, SM);
        if (!Edit)
          return {};
        if (!llvm::is_contained(Edits, *Edit))
          Edits.push_back(std::move(*Edit));
      }
    }
    return Edits;
  }

  std::optional<FixReplacement> edit(const FixItHint &Hint,
                                     const SourceManager &SM) const {
    if (Hint.InsertFromRange.isValid() || Hint.RemoveRange.isInvalid())
      return std::nullopt;
    SourceLocation Begin = Hint.RemoveRange.getBegin();
    SourceLocation End = Hint.RemoveRange.getEnd();
    if (Begin.isMacroID() || End.isMacroID())
      return std::nullopt;
    if (Hint.RemoveRange.isTokenRange())
      End = Lexer::getLocForEndOfToken(End, 0, SM, LangOpts);
    FileID File = SM.getFileID(Begin);
    bool Invalid = false;
    llvm::StringRef Buffer = SM.getBufferData(File, &Invalid);
    if (End.isInvalid() || SM.getFileID(End) != File || Invalid)
      return std::nullopt;
    unsigned BeginOffset = SM.getFileOffset(Begin);
    unsigned EndOffset = SM.getFileOffset(End);
    if (EndOffset < BeginOffset || EndOffset > Buffer.size())
      return std::nullopt;

    FixReplacement Edit;
    Edit.Begin = position(Begin, SM);
    Edit.End = position(End, SM);
    Edit.Offset = BeginOffset;
    Edit.Length = EndOffset - BeginOffset;
    Edit.HasOffsets = true;
    Edit.Removed = Buffer.slice(BeginOffset, EndOffset).str();
    Edit.Text = Hint.CodeToInsert;
    return Edit;
  }

  /// clang's plist issue hash, computed exactly as the plist output does.
  std::string issueHash(const PathDiagnostic &PD,
                        const SourceManager &SM) const {
    PathDiagnosticLocation Uniqueing = PD.getUniqueingLoc();
    FullSourceLoc L(SM.getExpansionLoc(Uniqueing.isValid()
                                           ? Uniqueing.asLocation()
                                           : PD.getLocation().asLocation()),
                    SM);
    return getIssueHash(L, PD.getCheckerName(), PD.getBugType(),
                        PD.getDeclWithIssue(), LangOpts)
        .str()
        .str();
  }

  /// The piece the path ends with, inside calls and macros: the report.
  static const PathDiagnosticPiece *lastPiece(const PathPieces &Pieces) {
    if (Pieces.empty())
      return nullptr;
    const PathDiagnosticPiece *Last = Pieces.back().get();
    if (const auto *Call = llvm::dyn_cast<PathDiagnosticCallPiece>(Last))
      if (const PathDiagnosticPiece *Inner = lastPiece(Call->path))
        return Inner;
    if (const auto *Macro = llvm::dyn_cast<PathDiagnosticMacroPiece>(Last))
      if (const PathDiagnosticPiece *Inner = lastPiece(Macro->subPieces))
        return Inner;
    return Last;
  }

  /// The end of the report's first range, when it is on the reported line.
  unsigned endColumn(const PathDiagnostic &PD, SourceLocation Begin,
                     const SourceManager &SM) const {
    const PathDiagnosticPiece *Last = lastPiece(PD.path);
    if (!Last || Last->getRanges().empty())
      return 0;
    SourceRange Range = Last->getRanges().front();
    SourceLocation End = SM.getExpansionRange(Range.getEnd()).getEnd();
    End = Lexer::getLocForEndOfToken(End, 0, SM, LangOpts);
    if (End.isInvalid() || SM.getFileID(End) != SM.getFileID(Begin) ||
        SM.getExpansionLineNumber(End) != SM.getExpansionLineNumber(Begin))
      return 0;
    SourcePosition EndPos = position(End, SM);
    return EndPos.CharColumn;
  }

  /// Path pieces in the order clang's text output prints them: calls and
  /// macros opened up, with the call depth of each step.
  void flatten(const PathPieces &Pieces, unsigned Depth,
               const SourceManager &SM, Finding &F) const {
    for (const auto &Piece : Pieces) {
      switch (Piece->getKind()) {
      case PathDiagnosticPiece::Call: {
        const auto &Call = llvm::cast<PathDiagnosticCallPiece>(*Piece);
        if (auto Enter = Call.getCallEnterEvent())
          add(*Enter, Depth, SM, F.Path);
        flatten(Call.path, Depth + 1, SM, F);
        if (auto Exit = Call.getCallExitEvent())
          add(*Exit, Depth, SM, F.Path);
        break;
      }
      case PathDiagnosticPiece::Macro:
        flatten(llvm::cast<PathDiagnosticMacroPiece>(*Piece).subPieces, Depth,
                SM, F);
        break;
      case PathDiagnosticPiece::Note:
        add(*Piece, Depth, SM, F.Notes);
        break;
      case PathDiagnosticPiece::PopUp: // HTML only.
        break;
      case PathDiagnosticPiece::Event:
      case PathDiagnosticPiece::ControlFlow:
        add(*Piece, Depth, SM, F.Path);
        break;
      }
    }
  }

  void add(const PathDiagnosticPiece &Piece, unsigned Depth,
           const SourceManager &SM, std::vector<PathNote> &To) const {
    if (Piece.getString().empty())
      return;
    SourceLocation Loc = Piece.getLocation().asLocation();
    if (Loc.isInvalid())
      return;
    To.push_back({position(SM.getExpansionLoc(Loc), SM),
                  Piece.getString().str(), Depth});
  }

  /// File, line and columns of an expansion location.
  static SourcePosition position(SourceLocation Loc, const SourceManager &SM) {
    SourcePosition P;
    FileID FID = SM.getFileID(Loc);
    P.File = absoluteFileName(SM, FID);
    P.Line = SM.getExpansionLineNumber(Loc);
    P.Column = SM.getExpansionColumnNumber(Loc);

    bool Invalid = false;
    llvm::StringRef Buffer = SM.getBufferData(FID, &Invalid);
    P.CharColumn =
        Invalid ? P.Column
                : codePointColumn(lineAround(Buffer, SM.getFileOffset(Loc)),
                                  P.Column);
    return P;
  }

  const LangOptions &LangOpts;
  const llvm::StringSet<> &Checkers;
  std::vector<Finding> &Out;
};

} // namespace

std::string absoluteFileName(const SourceManager &SM, FileID FID) {
  llvm::SmallString<256> Path;
  if (OptionalFileEntryRef Entry = SM.getFileEntryRefForID(FID))
    Path = Entry->getName();
  else
    Path = SM.getFilename(SM.getLocForStartOfFile(FID));
  SM.getFileManager().makeAbsolutePath(Path);
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return std::string(Path.str());
}

PathDiagnosticConsumer *createReportCollector(const LangOptions &LangOpts,
                                              const llvm::StringSet<> &Checkers,
                                              std::vector<Finding> &Out) {
  return new ReportCollector(LangOpts, Checkers, Out);
}

} // namespace driver
} // namespace ngx_pool_check
