//===- PathSplit.cpp - One top-level analysis shared by two runs ----------===//
//
// See PathSplit.h. chooseSplit estimates, for each two-way branch of a CFG
// outside loops, the share of the work that follows its false side
// (WorkEstimate); the SplitPaths checker, at the root's first node, chooses
// the branch again on the analyzer's own CFG, then at each call and branch
// of a path of the root (the position in the root: the top frame's block,
// or the call site that leads to the frame the path is in)
//
//   - in run 1, ends the path if it neither comes after the branch nor can
//     still reach it;
//   - after the branch, the first time, ends the path if it came through
//     the other run's side, or marks it as this run's (SplitSideKnown).
//
//===----------------------------------------------------------------------===//

#include "PathSplit.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/AnalysisDeclContext.h"
#include "clang/Analysis/CFG.h"
#include "clang/StaticAnalyzer/Core/AnalyzerOptions.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ExprEngine.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"
#include "clang/StaticAnalyzer/Frontend/CheckerRegistry.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

using namespace clang;

/// Set on a path of a split root once the checker saw it is this run's: it
/// has passed the branch on this run's side.
REGISTER_TRAIT_WITH_PROGRAMSTATE(SplitSideKnown, bool)

namespace ngx_pool_check {
namespace driver {

namespace {

/// The least share of the estimated work each side must get.
constexpr double MinShare = 0.2;

/// The least estimated work of a root worth splitting: below it (a handful
/// of branches) the analysis takes less time than the second run's parse.
constexpr double MinWork = 1000;

/// Path counts are capped so that the estimate stays finite.
constexpr double MaxPaths = 1e100;

/// A branch that divides the paths of a root: run 0 follows its true side,
/// run 1 its false side.
struct SplitPoint {
  unsigned Block, TrueSide;
};

/// The successors the analyzer can take from \p B.
std::vector<const CFGBlock *> successors(const CFGBlock &B) {
  std::vector<const CFGBlock *> Found;
  for (const CFGBlock::AdjacentBlock &Next : B.succs())
    if (const CFGBlock *N = Next.getReachableBlock())
      Found.push_back(N);
  return Found;
}

/// The blocks reachable from \p Start's successors (forward) or from which
/// \p Start is reachable (backward), transitively; \p Start itself only if
/// it lies on a cycle.
llvm::BitVector spreadFrom(const CFG &Graph, const CFGBlock *Start,
                           bool Forward) {
  llvm::BitVector Marked(Graph.getNumBlockIDs());
  std::vector<const CFGBlock *> Work = {Start};
  while (!Work.empty()) {
    const CFGBlock *B = Work.back();
    Work.pop_back();
    auto Visit = [&](const CFGBlock *N) {
      if (N && !Marked[N->getBlockID()]) {
        Marked.set(N->getBlockID());
        Work.push_back(N);
      }
    };
    if (Forward) {
      for (const CFGBlock *N : successors(*B))
        Visit(N);
    } else {
      for (const CFGBlock::AdjacentBlock &Prev : B->preds())
        Visit(Prev.getReachableBlock());
    }
  }
  return Marked;
}

/// The CFG the analyzer would build for a function definition, or null.
using CFGOf = llvm::function_ref<const CFG *(const FunctionDecl *)>;

/// The work and the paths of a callee inlined at some depth, once computed.
struct InlinedCost {
  double Work, Paths;
};
using CalleeCosts =
    llvm::DenseMap<std::pair<const FunctionDecl *, unsigned>, InlinedCost>;

/// The estimate of PathSplit.h for one CFG, per block: how many times the
/// paths arrive at it from the entry (Into), how many paths leave it for
/// the exit per arrival (Paths) and the work they do (From), counting the
/// block itself; loops' back edges left out. A call to a function with a
/// body costs the work of the callee's own estimate and multiplies the
/// paths by the callee's (inlined, each of its returns goes on as a path of
/// its own); down to InlineDepth calls, as the analyzer inlines.
class WorkEstimate {
public:
  std::vector<double> Into, Paths, From, Multiplier;

  WorkEstimate(const CFG &Graph, CFGOf CFGFor, CalleeCosts &Costs,
               unsigned Depth = 0) {
    unsigned Blocks = Graph.getNumBlockIDs();
    std::vector<double> Size(Blocks, 0);
    Multiplier.assign(Blocks, 1);
    for (const CFGBlock *B : Graph) {
      unsigned Id = B->getBlockID();
      Size[Id] = B->size();
      for (const CFGElement &E : *B)
        if (std::optional<CFGStmt> St = E.getAs<CFGStmt>())
          if (const auto *Call = llvm::dyn_cast<CallExpr>(St->getStmt()))
            addCallee(Call, CFGFor, Costs, Depth, Size[Id], Multiplier[Id]);
    }
    std::vector<std::vector<unsigned>> Forward(Blocks);
    std::vector<unsigned> PostOrder = dagPostOrder(Graph, Forward);
    Into.assign(Blocks, 0);
    Paths.assign(Blocks, 0);
    From.assign(Blocks, 0);
    for (unsigned B : PostOrder) {
      double Leaving = Forward[B].empty() ? 1 : 0, Work = 0;
      for (unsigned S : Forward[B]) {
        Leaving += Paths[S];
        Work += From[S];
      }
      Paths[B] = capped(Multiplier[B] * Leaving);
      From[B] = capped(Size[B] + Multiplier[B] * Work);
    }
    Into[Graph.getEntry().getBlockID()] = 1;
    for (auto It = PostOrder.rbegin(); It != PostOrder.rend(); ++It)
      for (unsigned S : Forward[*It])
        Into[S] = capped(Into[S] + Into[*It] * Multiplier[*It]);
  }

  double total(const CFG &Graph) const {
    return From[Graph.getEntry().getBlockID()];
  }

private:
  static constexpr unsigned InlineDepth = 4;

  static double capped(double X) { return std::min(X, MaxPaths); }

  static void addCallee(const CallExpr *Call, CFGOf CFGFor, CalleeCosts &Costs,
                        unsigned Depth, double &Size, double &Multiplier) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    const FunctionDecl *Definition = nullptr;
    if (Depth >= InlineDepth || !Callee || !Callee->hasBody(Definition))
      return;
    auto Key = std::make_pair(Definition, Depth + 1);
    auto Known = Costs.find(Key);
    if (Known == Costs.end()) {
      InlinedCost Cost{0, 1};
      if (const CFG *Graph = CFGFor(Definition)) {
        WorkEstimate Inlined(*Graph, CFGFor, Costs, Depth + 1);
        Cost = {Inlined.total(*Graph),
                Inlined.Paths[Graph->getEntry().getBlockID()]};
      }
      Known = Costs.try_emplace(Key, Cost).first;
    }
    Size = capped(Size + Multiplier * Known->second.Work);
    Multiplier = capped(Multiplier * Known->second.Paths);
  }

  /// The blocks reachable from the entry, children first, and in \p Forward
  /// the edges that are not back edges.
  static std::vector<unsigned>
  dagPostOrder(const CFG &Graph, std::vector<std::vector<unsigned>> &Forward) {
    enum : char { Unseen, Opened, Done };
    std::vector<char> Mark(Graph.getNumBlockIDs(), Unseen);
    std::vector<unsigned> Order;
    /// A block being visited, its successors and the next one to follow.
    struct Visit {
      const CFGBlock *Block;
      std::vector<const CFGBlock *> Succs;
      size_t Next = 0;
    };
    std::vector<Visit> Stack;
    auto Open = [&](const CFGBlock *B) {
      Mark[B->getBlockID()] = Opened;
      Stack.push_back({B, successors(*B)});
    };
    Open(&Graph.getEntry());
    while (!Stack.empty()) {
      Visit &Top = Stack.back();
      unsigned Id = Top.Block->getBlockID();
      if (Top.Next == Top.Succs.size()) {
        Mark[Id] = Done;
        Order.push_back(Id);
        Stack.pop_back();
        continue;
      }
      const CFGBlock *S = Top.Succs[Top.Next++];
      if (Mark[S->getBlockID()] == Opened)
        continue; // A back edge: a loop.
      Forward[Id].push_back(S->getBlockID());
      if (Mark[S->getBlockID()] == Unseen)
        Open(S); // Top may move: not used after this.
    }
    return Order;
  }
};

/// The branch of \p Graph that divides its estimated work most evenly, if
/// it gives each side at least MinShare.
std::optional<SplitPoint> chooseSplit(const CFG &Graph, CFGOf CFGFor) {
  CalleeCosts Costs;
  WorkEstimate Work(Graph, CFGFor, Costs);
  double Total = Work.total(Graph);
  if (!(Total >= MinWork))
    return std::nullopt;
  std::optional<SplitPoint> Best;
  double BestBalance = MinShare;
  for (const CFGBlock *B : Graph) {
    unsigned Id = B->getBlockID();
    if (B->succ_size() != 2 || !B->getTerminatorCondition() || !Work.Into[Id])
      continue;
    const CFGBlock *True = B->succ_begin()->getReachableBlock();
    const CFGBlock *False = (B->succ_begin() + 1)->getReachableBlock();
    if (!True || !False || spreadFrom(Graph, B, /*Forward=*/true)[Id])
      continue; // Not a two-way branch, or in a loop.
    double Share = Work.Into[Id] * Work.Multiplier[Id] *
                   Work.From[False->getBlockID()] / Total;
    double Balance = std::min(Share, 1 - Share);
    if (Balance > BestBalance) {
      BestBalance = Balance;
      Best = SplitPoint{Id, True->getBlockID()};
    }
  }
  return Best;
}

} // namespace

/// A split of one root's analysis on this thread: its branch, once chosen
/// on the analyzer's CFG, and where the root's blocks lie from it.
struct SplitState {
  const FunctionDecl *Root;
  unsigned Part;
  bool Planned = false;
  std::optional<SplitPoint> Point;
  /// Per block of the root: the branch can still be reached from it (the
  /// branch's own block included), or it comes after the branch.
  llvm::BitVector BeforePoint, AfterPoint;

  void plan(const CFG &Graph, CFGOf CFGFor) {
    Planned = true;
    Point = chooseSplit(Graph, CFGFor);
    if (!Point)
      return;
    const CFGBlock *Branch = nullptr;
    for (const CFGBlock *B : Graph)
      if (B->getBlockID() == Point->Block)
        Branch = B;
    BeforePoint = spreadFrom(Graph, Branch, /*Forward=*/false);
    BeforePoint.set(Point->Block);
    AfterPoint = spreadFrom(Graph, Branch, /*Forward=*/true);
  }

  /// Whether a path at \p Block of the root is run 1's to end.
  bool missesPoint(unsigned Block) const {
    return Part > 0 && !BeforePoint[Block] && !AfterPoint[Block];
  }
};

namespace {

thread_local SplitState *SplitOnThisThread = nullptr;

/// Where a path is in the top-level function: the frame and the block of
/// the top frame (the call site of the inlined frames' chain, if any).
struct RootPosition {
  const StackFrameContext *Top;
  unsigned Block;
};

RootPosition rootPosition(const StackFrameContext *Frame, unsigned Block) {
  for (; Frame->getParent(); Frame = Frame->getParent()->getStackFrame())
    Block = Frame->getCallSiteBlock()->getBlockID();
  return {Frame, Block};
}

class SplitPaths
    : public ento::Checker<ento::check::BeginFunction, ento::check::PreCall,
                           ento::check::BranchCondition> {
public:
  void checkBeginFunction(ento::CheckerContext &C) const {
    SplitState *Split = SplitOnThisThread;
    if (!Split || !C.inTopFrame() || !isRoot(C.getStackFrame(), *Split))
      return;
    ento::AnalysisManager &Manager = C.getAnalysisManager();
    if (!Split->Planned)
      if (const CFG *Graph = C.getStackFrame()->getAnalysisDeclContext()->getCFG())
        Split->plan(*Graph, [&](const FunctionDecl *F) {
          return Manager.getAnalysisDeclContext(F)->getCFG();
        });
    if (!Split->Point && Split->Part > 0)
      end(C); // Not split after all: run 0 analyses it whole.
  }

  void checkPreCall(const ento::CallEvent &, ento::CheckerContext &C) const {
    CFGBlock::ConstCFGElementRef At =
        C.getStateManager().getOwningEngine().getCFGElementRef();
    if (At.getParent())
      keepOwnPaths(C, At.getParent()->getBlockID());
  }

  void checkBranchCondition(const Stmt *, ento::CheckerContext &C) const {
    keepOwnPaths(C, C.getBlockID());
  }

private:
  static bool isRoot(const StackFrameContext *Top, const SplitState &Split) {
    const auto *F = llvm::dyn_cast_or_null<FunctionDecl>(Top->getDecl());
    return F && F->getCanonicalDecl() == Split.Root;
  }

  static void end(ento::CheckerContext &C) {
    C.generateSink(C.getState(), C.getPredecessor());
  }

  /// Ends the path at \p Block of the frame being analysed if it is the
  /// other run's.
  static void keepOwnPaths(ento::CheckerContext &C, unsigned Block) {
    SplitState *Split = SplitOnThisThread;
    if (!Split || !Split->Point)
      return;
    RootPosition At = rootPosition(C.getStackFrame(), Block);
    if (!isRoot(At.Top, *Split))
      return;
    if (Split->missesPoint(At.Block))
      return end(C);
    if (!Split->AfterPoint[At.Block] || C.getState()->get<SplitSideKnown>())
      return;
    if (tookTrueSide(C.getPredecessor(), *Split->Point) != (Split->Part == 0))
      return end(C);
    C.addTransition(C.getState()->set<SplitSideKnown>(true));
  }

  /// Whether the path to \p N, which has passed the branch, took its true
  /// side: the last edge from the branch's block in the top frame.
  static bool tookTrueSide(const ento::ExplodedNode *N,
                           const SplitPoint &Point) {
    for (; N; N = N->getFirstPred())
      if (std::optional<BlockEdge> E = N->getLocation().getAs<BlockEdge>())
        if (E->getSrc()->getBlockID() == Point.Block &&
            !N->getStackFrame()->getParent())
          return E->getDst()->getBlockID() == Point.TrueSide;
    return true; // Not found (cannot happen): run 0's.
  }
};

} // namespace

void registerSplitPaths(ento::CheckerRegistry &Registry) {
  Registry.addChecker<SplitPaths>(
      SplitPathsCheckerName,
      "Follows one run's share of the paths of a root --changed-lines chose",
      "", /*IsHidden=*/true);
}

bool worthSplitting(ASTContext &Context, const FunctionDecl *Root) {
  const FunctionDecl *Definition = nullptr;
  if (!Root->hasBody(Definition))
    return false;
  AnalysisDeclContextManager Manager(Context);
  Manager.getCFGBuildOptions().setAllAlwaysAdd(); // As the analyzer's.
  auto CFGFor = [&](const FunctionDecl *F) {
    return Manager.getContext(F)->getCFG();
  };
  const CFG *Graph = CFGFor(Definition);
  return Graph && chooseSplit(*Graph, CFGFor).has_value();
}

SplitRootPaths::SplitRootPaths(const FunctionDecl *Root, unsigned Part,
                               AnalyzerOptions &Options)
    : State(std::make_unique<SplitState>()), Options(Options),
      MaxNodes(Options.MaxNodesPerTopLevelFunction) {
  State->Root = Root->getCanonicalDecl();
  State->Part = Part;
  SplitOnThisThread = State.get();
  if (MaxNodes)
    Options.MaxNodesPerTopLevelFunction = (MaxNodes + 1) / 2;
}

bool SplitRootPaths::shared() const { return State->Point.has_value(); }

SplitRootPaths::~SplitRootPaths() {
  Options.MaxNodesPerTopLevelFunction = MaxNodes;
  SplitOnThisThread = nullptr;
}

} // namespace driver
} // namespace ngx_pool_check
