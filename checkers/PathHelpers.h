//===- PathHelpers.h - Small helpers for walking an analysis path -*- C++ -*-//
//
// Checker plumbing shared by the nginx checkers (no nginx knowledge here:
// that is NginxModel.h).
//
//===----------------------------------------------------------------------===//

#ifndef NGX_POOL_CHECK_PATH_HELPERS_H
#define NGX_POOL_CHECK_PATH_HELPERS_H

#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ExplodedGraph.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramState.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include <memory>
#include <vector>

namespace clang {
class ASTContext;
class Expr;
class ReturnStmt;
namespace ento {
class CheckerContext;
}
} // namespace clang

namespace ngx_pool_check {

/// The pointers a branch condition compares with NULL: `p`, `!p`,
/// `p == NULL`, `NULL != p`; both sides of `&&` and `||`. Found once per
/// condition (the analyzer reaches a branch on many paths, and the answer
/// is the AST's): a checker keeps one instance per translation unit.
class NullTestedPointers {
  mutable llvm::DenseMap<const clang::Expr *,
                         llvm::SmallVector<const clang::Expr *, 2>>
      Known;

public:
  llvm::SmallVector<const clang::Expr *, 2> of(const clang::Expr *Cond,
                                               clang::ASTContext &Ctx) const;
};

/// True when every path from \p N reaches a node for which \p Reached
/// holds, or stops in a sink (a noreturn call, the analyzer's limits),
/// before it ends; also when the walk is too long to finish.
bool everyPathReaches(
    const clang::ento::ExplodedNode *N,
    llvm::function_ref<bool(const clang::ento::ExplodedNode *)> Reached);

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

/// The symbols reachable from \p V in \p State: the value's own symbol (or
/// the one it points to) and, through the store, those held by the memory
/// it reaches, including memory a call invalidated (whose values are
/// derived from the symbol the memory got: \p Tracked symbols derived from
/// a reachable one are reachable too).
llvm::SmallVector<clang::ento::SymbolRef, 2>
trackedReachableFrom(clang::ento::ProgramStateRef State, clang::ento::SVal V,
                     llvm::ArrayRef<clang::ento::SymbolRef> Tracked);

/// True when every path from \p N ends with the program ending: in a sink
/// made by a noreturn call (exit(), abort()) or a crash the core checkers
/// found. A path the analyzer cut short itself (a loop past its visit bound,
/// such as FD_ZERO's sixteen words; its node budget) goes on in the real
/// program, so it does not count; nor does a path that ends normally.
bool endsOnlyInProgramTermination(const clang::ento::ExplodedNode *N);

/// A leak report: one per acquisition and place where the resource is lost,
/// so that a leak on one branch does not hide a leak of the same resource on
/// another (the shortest of them might be one the reader dismisses), while
/// paths that lost it at the same place and only go on differently are one.
class LeakReport : public clang::ento::PathSensitiveBugReport {
  const void *Acquisition;

public:
  LeakReport(const clang::ento::BugType &BT, llvm::StringRef Msg,
             const clang::ento::ExplodedNode *N, const void *Acquisition)
      : PathSensitiveBugReport(BT, Msg, N), Acquisition(Acquisition) {}

  void Profile(llvm::FoldingSetNodeID &ID) const override;
};

/// At a `return` with a value in the function analysed at the top (not in
/// an inlined helper, whose caller's code is followed), applies \p Handover
/// to the returned value: the caller has what it returns. Adds the new state
/// when it changed.
void handOverReturnedValue(
    const clang::ReturnStmt *RS, clang::ento::CheckerContext &C,
    llvm::function_ref<clang::ento::ProgramStateRef(
        clang::ento::ProgramStateRef, clang::ento::SVal)>
        Handover);

/// The node a note tag is put on, for a tag whose text names places on the
/// path when the report is built (RegionNamer). The node before it,
/// C.getPredecessor(), may have been reclaimed by the engine by then; a node
/// that carries a tag never is. Null until a tag is made (makeTaggedNode,
/// beside the getNoteTag that captures it: stores are a hot path); the node
/// is filled in by addTransitionAt.
using TaggedNode = std::shared_ptr<const clang::ento::ExplodedNode *>;

inline TaggedNode makeTaggedNode() {
  return std::make_shared<const clang::ento::ExplodedNode *>(nullptr);
}

/// Adds \p State with \p Note and records the new node in \p At, if a tag
/// made it.
void addTransitionAt(clang::ento::CheckerContext &C,
                     clang::ento::ProgramStateRef State,
                     const clang::ento::NoteTag *Note, const TaggedNode &At);

/// Leak reports held until the analysis of the function ends, then emitted
/// unless every path from the leak ends in the program's termination
/// (endsOnlyInProgramTermination): clang's SuppressOnSink, which also drops
/// a leak before a loop the analyzer gives up on.
class DeferredLeakReports {
  std::vector<std::unique_ptr<clang::ento::PathSensitiveBugReport>> Pending;

public:
  void add(std::unique_ptr<clang::ento::PathSensitiveBugReport> R) {
    Pending.push_back(std::move(R));
  }
  /// From check::EndAnalysis: emit what stands, forget the rest.
  void flush(clang::ento::BugReporter &BR);
};

/// Attaches \p Fix to \p R where the consumers read it: the report's last
/// path piece (PathDiagnosticPiece::getFixits(), which clang's text output,
/// -analyzer-config apply-fixits and the driver use). clang 19 copies a
/// path-sensitive report's fix-its (addFixItHint) only onto a last piece
/// that a visitor made, so a visitor makes it, as clang would.
void addFixItToReport(clang::ento::PathSensitiveBugReport &R,
                      const clang::FixItHint &Fix);

} // namespace ngx_pool_check

#endif // NGX_POOL_CHECK_PATH_HELPERS_H
