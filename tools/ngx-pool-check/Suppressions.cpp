//===- Suppressions.cpp - Inline suppression comments ---------------------===//
//
// The marker "ngx-pool-check:" followed by "ignore", a comma-separated list
// of checker globs, and optionally "--" and a reason up to the end of the
// comment. Anything else after the marker is not a suppression.
//
//===----------------------------------------------------------------------===//

#include "Suppressions.h"

#include "Checks.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

namespace ngx_pool_check {
namespace driver {

namespace {

/// Whether the line holds nothing but a comment.
bool isCommentLine(llvm::StringRef Line) {
  Line = Line.trim();
  return Line.starts_with("//") || Line.starts_with("/*") ||
         Line.starts_with("*");
}

} // namespace

std::optional<IgnoreComment> parseIgnoreComment(llvm::StringRef Line,
                                                size_t MarkerAt) {
  llvm::StringRef Rest =
      Line.drop_front(MarkerAt + SuppressionMarker.size()).ltrim();
  if (!Rest.consume_front(IgnoreKeyword) || Rest.empty() ||
      !llvm::isSpace(Rest.front()))
    return std::nullopt;
  // "nginx.A, nginx.B -- reason */"
  Rest = Rest.split("*/").first;
  auto [Names, Reason] = Rest.split("--");
  IgnoreComment Comment;
  Comment.Reason = Reason.trim();
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  Names.split(Parts, ',', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  for (llvm::StringRef Part : Parts)
    if (!Part.trim().empty())
      Comment.Globs.push_back(Part.trim());
  return Comment;
}

std::optional<Suppression> parseSuppression(llvm::StringRef Line,
                                            llvm::StringRef Checker) {
  for (size_t At = Line.find(SuppressionMarker); At != llvm::StringRef::npos;
       At = Line.find(SuppressionMarker, At + 1)) {
    std::optional<IgnoreComment> Comment = parseIgnoreComment(Line, At);
    if (!Comment)
      continue;
    for (llvm::StringRef Glob : Comment->Globs)
      if (matchesGlob(Glob, Checker))
        return Suppression{Comment->Reason.str()};
  }
  return std::nullopt;
}

std::optional<Suppression> findSuppression(const Finding &F) {
  if (std::optional<Suppression> S = parseSuppression(F.LineText, F.Checker))
    return S;
  if (isCommentLine(F.LineAboveText))
    return parseSuppression(F.LineAboveText, F.Checker);
  return std::nullopt;
}

} // namespace driver
} // namespace ngx_pool_check
