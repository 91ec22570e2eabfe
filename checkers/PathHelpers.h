//===- PathHelpers.h - Small helpers for walking an analysis path -*- C++ -*-//
//
// Checker plumbing shared by the nginx checkers (no nginx knowledge here:
// that is NginxModel.h).
//
//===----------------------------------------------------------------------===//

#ifndef NGX_POOL_CHECK_PATH_HELPERS_H
#define NGX_POOL_CHECK_PATH_HELPERS_H

#include "clang/StaticAnalyzer/Core/PathSensitive/ExplodedGraph.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramState.h"

namespace ngx_pool_check {

/// Walking back from \p N, the earliest node of the run of nodes whose state
/// has \p Key in the map trait \p Trait: where the checker started following
/// it (an acquisition, an allocation).
template <typename Trait>
const clang::ento::ExplodedNode *
firstNodeTracking(const clang::ento::ExplodedNode *N,
                  clang::ento::SymbolRef Key) {
  const clang::ento::ExplodedNode *Found = nullptr;
  for (; N; N = N->getFirstPred()) {
    if (!N->getState()->template get<Trait>(Key))
      break;
    Found = N;
  }
  return Found;
}

/// Like firstNodeTracking(), for a key that is no longer in the trait at
/// \p N (it was dropped when its symbol died): looks further back for the
/// last run of nodes that had it.
template <typename Trait>
const clang::ento::ExplodedNode *
firstNodeTrackingBefore(const clang::ento::ExplodedNode *N,
                        clang::ento::SymbolRef Key) {
  while (N && !N->getState()->template get<Trait>(Key))
    N = N->getFirstPred();
  return firstNodeTracking<Trait>(N, Key);
}

} // namespace ngx_pool_check

#endif // NGX_POOL_CHECK_PATH_HELPERS_H
