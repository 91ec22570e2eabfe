//===- PathHelpers.cpp - Small helpers for walking an analysis path -------===//

#include "PathHelpers.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/Analysis/ProgramPoint.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporterVisitors.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/MemRegion.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/SymbolManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;
using namespace clang::ento;

namespace ngx_pool_check {

bool endsOnlyInProgramTermination(const ExplodedNode *N) {
  // Bounded: a path the walk cannot finish is taken to go on.
  constexpr unsigned Budget = 100000;
  llvm::SmallPtrSet<const ExplodedNode *, 32> Seen;
  llvm::SmallVector<const ExplodedNode *, 32> Work = {N};
  while (!Work.empty()) {
    const ExplodedNode *Cur = Work.pop_back_val();
    if (!Seen.insert(Cur).second)
      continue;
    if (Seen.size() > Budget)
      return false;
    if (Cur->isSink()) {
      // The engine sinks a path at a block's entrance when the block was
      // visited too often: the program itself goes on.
      if (Cur->getLocation().getAs<BlockEntrance>())
        return false;
      continue;
    }
    if (Cur->succ_empty())
      return false; // A path that ends (or that the analysis stopped).
    for (const ExplodedNode *Succ : Cur->succs())
      Work.push_back(Succ);
  }
  return true;
}

/// The pointers a branch condition compares with NULL: `p`, `!p`,
/// `p == NULL`, `NULL != p`. Both sides of `&&` and `||` are looked at, but
/// the CFG gives each its own branch.
static void collectNullTestedPointers(const Expr *E, ASTContext &Ctx,
                                      llvm::SmallVectorImpl<const Expr *> &Out) {
  E = E->IgnoreParens();
  if (const auto *U = dyn_cast<UnaryOperator>(E)) {
    if (U->getOpcode() == UO_LNot)
      collectNullTestedPointers(U->getSubExpr(), Ctx, Out);
    return;
  }
  if (const auto *B = dyn_cast<BinaryOperator>(E)) {
    auto IsNull = [&Ctx](const Expr *Side) {
      return Side->isNullPointerConstant(Ctx,
                                         Expr::NPC_ValueDependentIsNotNull);
    };
    if (B->isLogicalOp()) {
      collectNullTestedPointers(B->getLHS(), Ctx, Out);
      collectNullTestedPointers(B->getRHS(), Ctx, Out);
    } else if (B->isEqualityOp() && IsNull(B->getRHS())) {
      collectNullTestedPointers(B->getLHS(), Ctx, Out);
    } else if (B->isEqualityOp() && IsNull(B->getLHS())) {
      collectNullTestedPointers(B->getRHS(), Ctx, Out);
    }
    return;
  }
  if (const auto *Cast = dyn_cast<ImplicitCastExpr>(E))
    if (Cast->getCastKind() == CK_PointerToBoolean)
      E = Cast->getSubExpr()->IgnoreParens();
  if (E->getType()->isPointerType())
    Out.push_back(E);
}

llvm::SmallVector<const Expr *, 2>
NullTestedPointers::of(const Expr *Cond, ASTContext &Ctx) const {
  auto [It, New] = Known.try_emplace(Cond);
  if (New)
    collectNullTestedPointers(Cond, Ctx, It->second);
  return It->second;
}

bool everyPathReaches(
    const ExplodedNode *N,
    llvm::function_ref<bool(const ExplodedNode *)> Reached) {
  // Bounded: a walk that cannot finish does not claim anything.
  constexpr unsigned Budget = 100000;
  llvm::SmallPtrSet<const ExplodedNode *, 32> Seen;
  llvm::SmallVector<const ExplodedNode *, 32> Work = {N};
  while (!Work.empty()) {
    const ExplodedNode *Cur = Work.pop_back_val();
    if (!Seen.insert(Cur).second || Reached(Cur))
      continue;
    if (Seen.size() > Budget)
      return true;
    if (Cur->isSink())
      continue; // The program, or the analysis, stops there.
    if (Cur->succ_empty())
      return false;
    for (const ExplodedNode *Succ : Cur->succs())
      Work.push_back(Succ);
  }
  return true;
}

llvm::SmallVector<SymbolRef, 2>
trackedReachableFrom(ProgramStateRef State, SVal V,
                     llvm::ArrayRef<SymbolRef> Tracked) {
  struct Collector : SymbolVisitor {
    llvm::SmallPtrSet<SymbolRef, 8> Seen;
    bool VisitSymbol(SymbolRef S) override {
      Seen.insert(S);
      return true;
    }
  } Collect;
  if (const MemRegion *R = V.getAsRegion())
    if (const SymbolicRegion *SR = R->getSymbolicBase())
      Collect.Seen.insert(SR->getSymbol());
  if (SymbolRef S = V.getAsSymbol())
    Collect.Seen.insert(S);
  State->scanReachableSymbols(V, Collect);
  llvm::SmallVector<SymbolRef, 2> Found;
  for (SymbolRef Sym : Tracked) {
    const auto *Derived = dyn_cast<SymbolDerived>(Sym);
    if (Collect.Seen.count(Sym) ||
        (Derived && Collect.Seen.count(Derived->getParentSymbol())))
      Found.push_back(Sym);
  }
  return Found;
}

void LeakReport::Profile(llvm::FoldingSetNodeID &ID) const {
  ID.AddPointer(&getBugType());
  ID.AddPointer(Acquisition);
  // Where the resource was lost, as the block the path last branched from:
  // the analyzer finds a resource dead only at the start of the next block,
  // which differs between the arms of a branch taken after the loss (an
  // `if` testing another descriptor, the arms of `?:`); the block before
  // the branch is the same for them, and differs for leaks on different
  // early returns. Branches inside a call inlined on the way (glibc's
  // FORTIFY wrapper of read() has some) are not where the caller lost it.
  const ExplodedNode *N = getErrorNode();
  const StackFrameContext *Frame = N->getStackFrame();
  for (; N; N = N->getFirstPred())
    if (std::optional<BlockEdge> E = N->getLocation().getAs<BlockEdge>();
        E && N->getStackFrame() == Frame) {
      ID.AddInteger(E->getSrc()->getBlockID());
      ID.AddPointer(N->getStackFrame());
      return;
    }
}

/// The number of nodes from the root to \p N along first predecessors.
static unsigned pathLength(const ExplodedNode *N) {
  unsigned Length = 0;
  for (; N; N = N->getFirstPred())
    ++Length;
  return Length;
}

void DeferredLeakReports::flush(BugReporter &BR) {
  // One report per finding, the one with the shortest path, whatever the
  // output asked for (without a path to show, the bug reporter would keep
  // the first one found, and the location would depend on the output).
  llvm::DenseMap<unsigned, std::pair<unsigned, size_t>> Best;
  llvm::SmallVector<unsigned, 8> Keys;
  for (size_t I = 0; I < Pending.size(); ++I) {
    llvm::FoldingSetNodeID ID;
    Pending[I]->Profile(ID);
    unsigned Key = ID.ComputeHash();
    unsigned Length = pathLength(Pending[I]->getErrorNode());
    auto [It, New] = Best.try_emplace(Key, Length, I);
    if (New)
      Keys.push_back(Key);
    else if (Length < It->second.first)
      It->second = {Length, I};
  }
  for (unsigned Key : Keys) {
    std::unique_ptr<PathSensitiveBugReport> &R = Pending[Best[Key].second];
    if (!endsOnlyInProgramTermination(R->getErrorNode()))
      BR.emitReport(std::move(R));
  }
  Pending.clear();
}

void handOverReturnedValue(
    const ReturnStmt *RS, CheckerContext &C,
    llvm::function_ref<ProgramStateRef(ProgramStateRef, SVal)> Handover) {
  if (!C.inTopFrame() || !RS->getRetValue())
    return;
  ProgramStateRef State = C.getState();
  ProgramStateRef Next = Handover(State, C.getSVal(RS->getRetValue()));
  if (Next != State)
    C.addTransition(Next);
}

void addTransitionAt(CheckerContext &C, ProgramStateRef State,
                     const NoteTag *Note, const TaggedNode &At) {
  ExplodedNode *N = C.addTransition(State, Note);
  if (At)
    *At = N;
}

namespace {

/// The report's last piece, as clang builds it. clang 19 gives the report's
/// fix-its to a last piece that a visitor made (not to the one it makes
/// itself when no visitor does).
class FixItEndPath : public BugReporterVisitor {
public:
  void Profile(llvm::FoldingSetNodeID &ID) const override {
    static int Tag;
    ID.AddPointer(&Tag);
  }

  PathDiagnosticPieceRef VisitNode(const ExplodedNode *, BugReporterContext &,
                                   PathSensitiveBugReport &) override {
    return nullptr;
  }

  PathDiagnosticPieceRef getEndPath(BugReporterContext &BRC,
                                    const ExplodedNode *N,
                                    PathSensitiveBugReport &BR) override {
    return getDefaultEndPath(BRC, N, BR);
  }
};

} // namespace

void addFixItToReport(PathSensitiveBugReport &R, const FixItHint &Fix) {
  R.addFixItHint(Fix);
  R.addVisitor<FixItEndPath>();
}

} // namespace ngx_pool_check
