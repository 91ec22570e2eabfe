//===- BlockDominance.h - Dominators of an analysed body --------*- C++ -*-===//
//
// clang's CFG dominator tree, kept by the AnalysisDeclContext of a function
// so it is built at most once per body and freed with it.
//
//===----------------------------------------------------------------------===//

#ifndef NGX_POOL_CHECK_BLOCK_DOMINANCE_H
#define NGX_POOL_CHECK_BLOCK_DOMINANCE_H

#include "clang/Analysis/Analyses/Dominators.h"
#include "clang/Analysis/AnalysisDeclContext.h"
#include "clang/Analysis/CFG.h"
#include <memory>

namespace ngx_pool_check {

class BlockDominance : public clang::ManagedAnalysis {
  clang::CFGDomTree Tree;
  clang::CFG *Graph;

public:
  explicit BlockDominance(clang::CFG *G) : Tree(G), Graph(G) {}

  /// True when every path from the entry to \p B goes through \p A.
  bool dominates(const clang::CFGBlock *A, const clang::CFGBlock *B) const {
    return Tree.dominates(A, B);
  }

  /// True when every path from the entry to \p B leaves \p Branch through one
  /// and the same successor: \p B lies inside one arm of the branch.
  bool isInsideOneArm(const clang::CFGBlock *Branch,
                      const clang::CFGBlock *B) const {
    for (const clang::CFGBlock *Arm : Branch->succs())
      if (Arm && Arm->pred_size() == 1 && dominates(Arm, B))
        return true;
    return false;
  }

  /// The block with ID \p ID.
  const clang::CFGBlock *block(unsigned ID) const {
    for (const clang::CFGBlock *B : *Graph)
      if (B->getBlockID() == ID)
        return B;
    return nullptr;
  }

  static std::unique_ptr<BlockDominance>
  create(clang::AnalysisDeclContext &ADC) {
    clang::CFG *G = ADC.getCFG();
    if (!G)
      return nullptr;
    return std::make_unique<BlockDominance>(G);
  }

  static const void *getTag() {
    static int Tag;
    return &Tag;
  }
};

} // namespace ngx_pool_check

#endif // NGX_POOL_CHECK_BLOCK_DOMINANCE_H
