//===- Shards.h - Splitting the translation units among N jobs ------------===//
//
// --shard=K/N: N jobs (a CI matrix) each analyse the units of their shard,
// and `ngx-pool-check merge` joins their SARIF logs into the one an
// unsharded run writes. A unit belongs to shard
//
//   1 + (xxh3_64(its path relative to --srcroot) mod N)
//
// (the absolute path for files outside --srcroot): the shard of a file
// depends on its path alone, so it does not change when the database is
// reordered or other files are added or removed, and the N shards are
// disjoint and together hold every unit. The split is by count, not by cost.
//
//===----------------------------------------------------------------------===//

#ifndef NGX_POOL_CHECK_DRIVER_SHARDS_H
#define NGX_POOL_CHECK_DRIVER_SHARDS_H

#include "Database.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <vector>

namespace ngx_pool_check {
namespace driver {

/// Parses "K/N" with 1 <= K <= N; a one-line error otherwise.
llvm::Expected<Shard> parseShard(llvm::StringRef Text);

/// The shard (1-based) of \p File among \p Count.
unsigned shardOf(llvm::StringRef File, llvm::StringRef SrcRoot, unsigned Count);

/// The items of \p Work that belong to \p Which, in their order.
std::vector<WorkItem> selectShard(std::vector<WorkItem> Work,
                                  llvm::StringRef SrcRoot, Shard Which);

} // namespace driver
} // namespace ngx_pool_check

#endif // NGX_POOL_CHECK_DRIVER_SHARDS_H
