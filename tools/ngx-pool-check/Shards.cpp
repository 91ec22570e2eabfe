//===- Shards.cpp - Splitting the translation units among N jobs ----------===//
//
// xxh3 is a fixed, documented function (unlike std::hash), so every job of a
// matrix, on any machine, computes the same split. Paths are made relative
// to --srcroot first, so that jobs checked out in different directories
// agree as long as they pass the same --srcroot (by default, the current
// directory: the top of the checkout).
//
//===----------------------------------------------------------------------===//

#include "Shards.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/xxhash.h"

namespace ngx_pool_check {
namespace driver {

namespace {

llvm::Error shardError(llvm::StringRef Text) {
  return llvm::createStringError(
      llvm::inconvertibleErrorCode(),
      "--shard: expected K/N with 1 <= K <= N (e.g. 2/3), got '" + Text + "'");
}

/// \p File relative to \p SrcRoot when it is under it.
llvm::StringRef relativeToRoot(llvm::StringRef File, llvm::StringRef SrcRoot) {
  llvm::StringRef Relative = File;
  if (Relative.consume_front(SrcRoot) &&
      (SrcRoot == "/" || Relative.consume_front("/")) && !Relative.empty())
    return Relative;
  return File;
}

} // namespace

llvm::Expected<Shard> parseShard(llvm::StringRef Text) {
  auto [IndexText, CountText] = Text.split('/');
  Shard Parsed;
  if (!Text.contains('/') || IndexText.getAsInteger(10, Parsed.Index) ||
      CountText.getAsInteger(10, Parsed.Count) || Parsed.Index == 0 ||
      Parsed.Index > Parsed.Count)
    return shardError(Text);
  return Parsed;
}

unsigned shardOf(llvm::StringRef File, llvm::StringRef SrcRoot,
                 unsigned Count) {
  return 1 + llvm::xxh3_64bits(relativeToRoot(File, SrcRoot)) % Count;
}

std::vector<WorkItem> selectShard(std::vector<WorkItem> Work,
                                  llvm::StringRef SrcRoot, Shard Which) {
  llvm::erase_if(Work, [&](const WorkItem &Item) {
    return shardOf(Item.File, SrcRoot, Which.Count) != Which.Index;
  });
  return Work;
}

} // namespace driver
} // namespace ngx_pool_check
