//===- Finding.h - One report, kept after its translation unit is gone ----===//
//
// The analyzer's PathDiagnostic points into its translation unit's
// SourceManager, which dies with the TU. The driver merges the reports of
// every TU (one finding in a shared header is reported by each file that
// includes it), sorts them and writes them out only when all TUs are done,
// so each report is copied into these plain values while its TU is alive:
// positions as file/line/column, the path notes with their call depth, the
// fix-it's edits, and the few lines of text that suppressions and
// fingerprints need.
//
//===----------------------------------------------------------------------===//

#ifndef NGX_POOL_CHECK_DRIVER_FINDING_H
#define NGX_POOL_CHECK_DRIVER_FINDING_H

#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace ngx_pool_check {
namespace driver {

/// A point in a source file.
struct SourcePosition {
  std::string File;        ///< Absolute, with "." and ".." removed.
  unsigned Line = 0;       ///< 1-based.
  unsigned Column = 0;     ///< 1-based, in bytes (as clang prints it).
  unsigned CharColumn = 0; ///< 1-based, in Unicode code points (SARIF).

  bool operator<(const SourcePosition &O) const {
    return std::tie(File, Line, Column) < std::tie(O.File, O.Line, O.Column);
  }
  bool operator==(const SourcePosition &O) const {
    return std::tie(File, Line, Column) == std::tie(O.File, O.Line, O.Column);
  }
};

/// A note of a report: a step of its path, or an extra note beside it.
struct PathNote {
  SourcePosition Where;
  std::string Message;
  /// Call depth, 0 in the function the report is about.
  unsigned Depth = 0;

  bool operator<(const PathNote &O) const {
    return std::tie(Where, Message, Depth) <
           std::tie(O.Where, O.Message, O.Depth);
  }
  bool operator==(const PathNote &O) const {
    return std::tie(Where, Message, Depth) ==
           std::tie(O.Where, O.Message, O.Depth);
  }
};

/// One edit of a fix-it: the bytes [Begin, End) of a file (one file, End
/// exclusive), replaced by Text.
struct FixReplacement {
  SourcePosition Begin;
  SourcePosition End;
  /// Byte offset of Begin in the file, and the length of the range; only
  /// from an analysis (a fix read back from SARIF has no offsets).
  unsigned Offset = 0;
  unsigned Length = 0;
  bool HasOffsets = false;
  std::string Removed; ///< The text the range holds.
  std::string Text;    ///< What replaces it.

  bool operator==(const FixReplacement &O) const {
    return std::tie(Begin, End, Removed, Text) ==
           std::tie(O.Begin, O.End, O.Removed, O.Text);
  }
};

/// "replace 'c->pool' with 'r->pool'" (or "insert ...", "remove ...").
inline std::string describeEdit(const FixReplacement &E) {
  if (E.Removed.empty())
    return "insert '" + E.Text + "'";
  if (E.Text.empty())
    return "remove '" + E.Removed + "'";
  return "replace '" + E.Removed + "' with '" + E.Text + "'";
}

/// One report of a checker.
struct Finding {
  std::string Checker; ///< "nginx.PoolLifetime".
  std::string Message; ///< The warning, as clang prints it.
  SourcePosition Where;
  /// Code-point column just past the reported range on the reported line,
  /// or 0 when the range is unknown or spans lines.
  unsigned EndCharColumn = 0;
  std::string Function; ///< The function the report is about, if any.
  /// clang's issue hash (plist `issue_hash_content_of_line_in_context`):
  /// checker, enclosing function, column and the text of the line, not the
  /// line number; it stays the same when unrelated lines above move.
  std::string IssueHash;
  /// The reported line and the line above it, for suppression comments and
  /// SARIF snippets.
  std::string LineText;
  std::string LineAboveText;
  /// Extra notes (clang prints them before the path).
  std::vector<PathNote> Notes;
  /// The path, in execution order; its last step is the report itself.
  std::vector<PathNote> Path;
  /// The checker's fix-it, as one set of edits applied together; empty
  /// when the finding has no mechanical fix.
  std::vector<FixReplacement> Fixes;
};

/// The same report seen from two translation units (a function in a header)
/// is one finding.
inline bool isSameReport(const Finding &A, const Finding &B) {
  return std::tie(A.Checker, A.Where, A.Message) ==
         std::tie(B.Checker, B.Where, B.Message);
}

/// A total order: file, line, checker, column, then the rest, so that the
/// output does not depend on which TU finished first.
inline bool reportOrder(const Finding &A, const Finding &B) {
  return std::tie(A.Where.File, A.Where.Line, A.Checker, A.Where.Column,
                  A.Message, A.Path, A.Notes, A.IssueHash) <
         std::tie(B.Where.File, B.Where.Line, B.Checker, B.Where.Column,
                  B.Message, B.Path, B.Notes, B.IssueHash);
}

/// The key of Finding::IssueHash in SARIF `partialFingerprints`, and what a
/// baseline is matched on.
inline constexpr const char FingerprintKey[] = "ngxPoolCheck/v1";

/// With --changed-lines, a unit analysed by the functions its changed
/// lines touch (ChangedFunctions.h).
struct ChangedFunctionCounts {
  unsigned Defined = 0;  ///< Function definitions in its main file.
  unsigned Changed = 0;  ///< Those the changed lines touch.
  unsigned Analysed = 0; ///< Those and the ones that call them.
  unsigned Shared = 0;   ///< Functions whose paths two runs shared.
};

/// What became of one translation unit.
struct TUResult {
  std::string File; ///< Absolute path of its main file.
  bool Failed = false;
  std::string FailureReason; ///< One line, when Failed.
  std::vector<Finding> Findings;
  /// Set when only its changed functions were analysed.
  std::optional<ChangedFunctionCounts> Functions;
};

} // namespace driver
} // namespace ngx_pool_check

#endif // NGX_POOL_CHECK_DRIVER_FINDING_H
