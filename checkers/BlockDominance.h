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

  /// True when \p Branch decides between two arms (an if, a conditional
  /// operator, a short-circuit operand) and every path from the entry to
  /// \p B leaves it through one and the same successor: \p B lies inside one
  /// arm. A loop's condition decides nothing of the kind: the code after a
  /// loop runs whatever the loop found.
  bool isInsideOneArm(const clang::CFGBlock *Branch,
                      const clang::CFGBlock *B) const {
    const clang::Stmt *T = Branch->getTerminatorStmt();
    if (!T || llvm::isa<clang::ForStmt, clang::WhileStmt, clang::DoStmt>(T))
      return false;
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
