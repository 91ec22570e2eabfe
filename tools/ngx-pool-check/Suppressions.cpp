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

constexpr llvm::StringLiteral Marker = "ngx-pool-check:";
constexpr llvm::StringLiteral Ignore = "ignore";

/// Whether the line holds nothing but a comment.
bool isCommentLine(llvm::StringRef Line) {
  Line = Line.trim();
  return Line.starts_with("//") || Line.starts_with("/*") ||
         Line.starts_with("*");
}

/// "nginx.A, nginx.B -- reason */" after "ignore": does it name Checker?
std::optional<Suppression> parseIgnore(llvm::StringRef Rest,
                                       llvm::StringRef Checker) {
  Rest = Rest.split("*/").first;
  auto [Names, Reason] = Rest.split("--");
  llvm::SmallVector<llvm::StringRef, 4> Globs;
  Names.split(Globs, ',', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  for (llvm::StringRef Glob : Globs)
    if (!Glob.trim().empty() && matchesGlob(Glob.trim(), Checker))
      return Suppression{Reason.trim().str()};
  return std::nullopt;
}

} // namespace

std::optional<Suppression> parseSuppression(llvm::StringRef Line,
                                            llvm::StringRef Checker) {
  for (size_t At = Line.find(Marker); At != llvm::StringRef::npos;
       At = Line.find(Marker, At + 1)) {
    llvm::StringRef Rest = Line.drop_front(At + Marker.size()).ltrim();
    if (!Rest.consume_front(Ignore) || Rest.empty() ||
        !llvm::isSpace(Rest.front()))
      continue;
    if (std::optional<Suppression> S = parseIgnore(Rest, Checker))
      return S;
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
