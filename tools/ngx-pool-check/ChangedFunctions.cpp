//===- ChangedFunctions.cpp - Analysing the functions a change touches ---===//
//
// The consumer stands between the parser and clang's AnalysisConsumer: it
// forwards Initialize, keeps the top-level declaration groups until the
// unit is parsed, then chooses the functions (ChangedFunctions.h), hands the
// analysis consumer every declaration but the function definitions it did
// not choose (or, run in parts, that are not its part's), in the order
// they were parsed, and lets it run.
//
// Who calls a function: the function definitions of the main file whose
// body calls it by name (CallExpr::getDirectCallee), as in clang's
// CallGraph. A function whose address is taken is not called there: the
// analyzer can inline a call through a pointer whose value it knows, but
// following every address taken (handlers stored for later) would choose
// half of a file like lua-nginx-module's ngx_http_lua_socket_tcp.c for most
// changes, and make the run slower than a whole-file run.
//
// The callees of the chosen functions that they do not inline are analysed
// at top level by the analysis consumer, as in a whole-file run; a hidden
// checker (SkipUnchosen, enabled with the consumer) ends those analyses at
// their first node, since their findings could not touch a changed
// function.
//
//===----------------------------------------------------------------------===//

#include "ChangedFunctions.h"

#include "PathSplit.h"
#include "ReportCollector.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Frontend/AnalysisConsumer.h"
#include "clang/StaticAnalyzer/Frontend/CheckerRegistry.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <algorithm>
#include <optional>

using namespace clang;

namespace ngx_pool_check {
namespace driver {

namespace {

using FunctionSet = llvm::SmallPtrSet<const FunctionDecl *, 16>;

/// The functions a body calls by name (canonical declarations): the edges
/// of clang's CallGraph, which the analysis consumer orders its work by.
class CalleesCollector : public RecursiveASTVisitor<CalleesCollector> {
public:
  explicit CalleesCollector(FunctionSet &Callees) : Callees(Callees) {}

  bool VisitCallExpr(CallExpr *E) {
    if (const FunctionDecl *Callee = E->getDirectCallee())
      Callees.insert(Callee->getCanonicalDecl());
    return true;
  }

private:
  FunctionSet &Callees;
};

/// The chosen functions of the unit this thread is analysing (a unit is
/// parsed and analysed on one thread), for SkipUnchosen.
thread_local const FunctionSet *ChosenOnThisThread = nullptr;

/// Ends at once the top-level analysis of a function that was not chosen.
/// The analysis consumer also analyses at top level the callees of the
/// chosen functions that they did not inline (as a whole-file run would);
/// those analyses cannot reach a changed function (a function that calls
/// one was chosen), so their findings would be dropped: they are not run.
class SkipUnchosen : public ento::Checker<ento::check::BeginFunction> {
public:
  void checkBeginFunction(ento::CheckerContext &C) const {
    if (!ChosenOnThisThread || !C.inTopFrame())
      return;
    const auto *FD =
        llvm::dyn_cast_or_null<FunctionDecl>(C.getLocationContext()->getDecl());
    if (FD && !ChosenOnThisThread->contains(FD->getCanonicalDecl()))
      C.generateSink(C.getState(), C.getPredecessor());
  }
};

void registerSkipUnchosen(ento::CheckerRegistry &Registry) {
  Registry.addChecker<SkipUnchosen>(SkipUnchosenCheckerName,
                                    "Ends the top-level analysis of the "
                                    "functions --changed-lines did not choose",
                                    "", /*IsHidden=*/true);
}

/// A function definition of the main file and its lines.
struct Definition {
  FunctionDecl *Decl;
  LineRange Lines;
};

class ChangedFunctionsConsumer : public ASTConsumer {
public:
  ChangedFunctionsConsumer(std::unique_ptr<ento::AnalysisASTConsumer> Inner,
                           FunctionSelection &Selection,
                           AnalyzerOptions &Options)
      : Inner(std::move(Inner)), Selection(Selection), Options(Options) {}

  void Initialize(ASTContext &Context) override { Inner->Initialize(Context); }

  bool HandleTopLevelDecl(DeclGroupRef Group) override {
    Groups.push_back(Group);
    return true;
  }

  void HandleTopLevelDeclInObjCContainer(DeclGroupRef Group) override {
    Inner->HandleTopLevelDeclInObjCContainer(Group);
  }

  void HandleTranslationUnit(ASTContext &Context) override {
    const SourceManager &SM = Context.getSourceManager();
    Selection.MainFile = absoluteFileName(SM, SM.getMainFileID());
    std::vector<Definition> Definitions = mainFileDefinitions(SM);
    CallEdges Edges = callEdges(Definitions);
    FunctionSet Chosen = choose(Definitions, Edges);
    Selection.Defined = Definitions.size();
    Selection.Analysed = Chosen.size();
    if (Selection.WaitForParts) {
      Selection.Parts = Selection.WaitForParts();
      if (Selection.Part >= Selection.Parts)
        return; // Not needed: part 0 analyses the unit with fewer parts.
    }
    const FunctionDecl *SplitRoot = nullptr;
    if (Selection.Parts > 1) {
      std::vector<Root> Roots = roots(Chosen, Definitions, Edges);
      if (Roots.size() == 1 && worthSplitting(Context, Roots[0].Function))
        SplitRoot = Roots[0].Function;
      if (Selection.OnPartsKnown) {
        unsigned Worth = SplitRoot ? 2 : Roots.size();
        Selection.Parts = std::clamp<unsigned>(Worth, 1, Selection.Parts);
        Selection.OnPartsKnown(Selection.Parts);
      }
      if (Selection.Parts == 1)
        SplitRoot = nullptr;
      else if (!SplitRoot)
        Chosen = partOf(Chosen, Roots, Definitions, Edges);
      else if (Selection.Part > 0)
        Chosen = reach({SplitRoot}, Chosen, Edges);
    }
    for (DeclGroupRef Group : Groups)
      for (Decl *D : Group)
        if (!isDefinition(D) || Chosen.contains(asFunction(D)))
          Inner->HandleTopLevelDecl(DeclGroupRef(D));
    ChosenOnThisThread = &Chosen;
    std::optional<SplitRootPaths> Split;
    if (SplitRoot)
      Split.emplace(SplitRoot, Selection.Part, Options);
    Inner->HandleTranslationUnit(Context);
    Selection.PathsShared = Split && Split->shared();
    ChosenOnThisThread = nullptr;
  }

private:
  static const FunctionDecl *asFunction(const Decl *D) {
    return llvm::cast<FunctionDecl>(D)->getCanonicalDecl();
  }

  static bool isDefinition(const Decl *D) {
    const auto *FD = llvm::dyn_cast<FunctionDecl>(D);
    return FD && FD->doesThisDeclarationHaveABody();
  }

  /// The function definitions written in the main file, with their lines.
  std::vector<Definition> mainFileDefinitions(const SourceManager &SM) const {
    std::vector<Definition> Found;
    for (DeclGroupRef Group : Groups)
      for (Decl *D : Group) {
        if (!isDefinition(D))
          continue;
        CharSourceRange Range = SM.getExpansionRange(D->getSourceRange());
        if (Range.getBegin().isInvalid() ||
            SM.getFileID(Range.getBegin()) != SM.getMainFileID())
          continue;
        Found.push_back({llvm::cast<FunctionDecl>(D),
                         {SM.getExpansionLineNumber(Range.getBegin()),
                          SM.getExpansionLineNumber(Range.getEnd())}});
      }
    return Found;
  }

  bool touched(const LineRange &Lines) const {
    return llvm::any_of(Selection.Lines, [&](const LineRange &Changed) {
      return Changed.overlaps(Lines);
    });
  }

  /// Who calls whom among the main file's definitions (canonical
  /// declarations), both ways.
  struct CallEdges {
    llvm::DenseMap<const FunctionDecl *, std::vector<const FunctionDecl *>>
        Callers, Callees;
  };

  static CallEdges callEdges(const std::vector<Definition> &Definitions) {
    CallEdges Edges;
    for (const Definition &Def : Definitions) {
      FunctionSet Callees;
      CalleesCollector(Callees).TraverseStmt(Def.Decl->getBody());
      const FunctionDecl *Caller = Def.Decl->getCanonicalDecl();
      for (const FunctionDecl *Callee : Callees) {
        Edges.Callers[Callee].push_back(Caller);
        Edges.Callees[Caller].push_back(Callee);
      }
    }
    return Edges;
  }

  /// The changed definitions (recorded in Selection) and the definitions
  /// that call them: directly, or with Selection.AllCallers transitively.
  FunctionSet choose(const std::vector<Definition> &Definitions,
                     const CallEdges &Edges) {
    const auto &Callers = Edges.Callers;
    FunctionSet Chosen;
    std::vector<const FunctionDecl *> Work;
    for (const Definition &Def : Definitions)
      if (touched(Def.Lines)) {
        Selection.Changed.push_back(Def.Lines);
        if (Chosen.insert(Def.Decl->getCanonicalDecl()).second)
          Work.push_back(Def.Decl->getCanonicalDecl());
      }
    while (!Work.empty()) {
      const FunctionDecl *Callee = Work.back();
      Work.pop_back();
      for (const FunctionDecl *Caller : Callers.lookup(Callee))
        if (Chosen.insert(Caller).second && Selection.AllCallers)
          Work.push_back(Caller);
    }
    return Chosen;
  }

  /// \p Start and the chosen functions it calls, directly or not.
  static FunctionSet reach(std::vector<const FunctionDecl *> Start,
                           const FunctionSet &Chosen, const CallEdges &Edges) {
    FunctionSet Reached(Start.begin(), Start.end());
    while (!Start.empty()) {
      const FunctionDecl *F = Start.back();
      Start.pop_back();
      for (const FunctionDecl *Callee : Edges.Callees.lookup(F))
        if (Chosen.contains(Callee) && Reached.insert(Callee).second)
          Start.push_back(Callee);
    }
    return Reached;
  }

  /// A chosen function that no other chosen function calls, and its size.
  struct Root {
    const FunctionDecl *Function;
    unsigned Lines;
  };

  /// The roots of \p Chosen, in source order, the largest first.
  static std::vector<Root> roots(const FunctionSet &Chosen,
                                 const std::vector<Definition> &Definitions,
                                 const CallEdges &Edges) {
    std::vector<Root> Found;
    for (const Definition &Def : Definitions) {
      const FunctionDecl *F = Def.Decl->getCanonicalDecl();
      bool Called = llvm::any_of(
          Edges.Callers.lookup(F),
          [&](const FunctionDecl *C) { return C != F && Chosen.contains(C); });
      if (Chosen.contains(F) && !Called)
        Found.push_back({F, Def.Lines.Last - Def.Lines.First + 1});
    }
    llvm::stable_sort(Found, [](const Root &A, const Root &B) {
      return A.Lines > B.Lines;
    });
    return Found;
  }

  /// Selection.Part's share of \p Chosen (see "Parts" in the header): its
  /// roots, each root going to the least loaded part, and what they call.
  /// Chosen functions that no root reaches (chosen functions calling each
  /// other in a cycle) go to part 0.
  FunctionSet partOf(const FunctionSet &Chosen, const std::vector<Root> &Roots,
                     const std::vector<Definition> &Definitions,
                     const CallEdges &Edges) const {
    std::vector<unsigned> Load(Selection.Parts, 0);
    std::vector<const FunctionDecl *> Mine, All;
    for (const Root &R : Roots) {
      size_t Least = llvm::min_element(Load) - Load.begin();
      Load[Least] += R.Lines;
      if (Least == Selection.Part)
        Mine.push_back(R.Function);
      All.push_back(R.Function);
    }
    if (Selection.Part == 0) {
      FunctionSet Reached = reach(std::move(All), Chosen, Edges);
      for (const Definition &Def : Definitions) {
        const FunctionDecl *F = Def.Decl->getCanonicalDecl();
        if (Chosen.contains(F) && !Reached.contains(F))
          Mine.push_back(F);
      }
    }
    return reach(std::move(Mine), Chosen, Edges);
  }

  std::unique_ptr<ento::AnalysisASTConsumer> Inner;
  FunctionSelection &Selection;
  AnalyzerOptions &Options;
  std::vector<DeclGroupRef> Groups;
};

/// The size of a finding's path, as clang's PathDiagnostic::full_size
/// counts it to choose between two reports of the same bug.
size_t pathSize(const Finding &F) { return F.Path.size() + F.Notes.size(); }

/// Where a finding's path starts: in the top-level function it was found
/// from.
const SourcePosition &pathStart(const Finding &F) {
  return F.Path.empty() ? F.Where : F.Path.front().Where;
}

/// Whether a single run would keep \p A rather than \p B, two reports of
/// the same bug: the shorter path; on a tie the one found first, and clang
/// analyses the functions that no other calls last-written first.
bool keptOver(const Finding &A, const Finding &B) {
  if (pathSize(A) != pathSize(B))
    return pathSize(A) < pathSize(B);
  return pathStart(B) < pathStart(A);
}

bool inChangedFunction(const SourcePosition &Where,
                       const FunctionSelection &Selection) {
  return Where.File == Selection.MainFile &&
         llvm::any_of(Selection.Changed, [&](const LineRange &Function) {
           return Function.contains(Where.Line);
         });
}

bool touchesChangedFunction(const Finding &F,
                            const FunctionSelection &Selection) {
  auto In = [&](const PathNote &Note) {
    return inChangedFunction(Note.Where, Selection);
  };
  return inChangedFunction(F.Where, Selection) || llvm::any_of(F.Path, In) ||
         llvm::any_of(F.Notes, In);
}

} // namespace

std::unique_ptr<ASTConsumer>
createChangedFunctionsConsumer(std::unique_ptr<ento::AnalysisASTConsumer> Inner,
                               FunctionSelection &Selection,
                               AnalyzerOptions &Options) {
  Inner->AddCheckerRegistrationFn(registerSkipUnchosen);
  Inner->AddCheckerRegistrationFn(registerSplitPaths);
  return std::make_unique<ChangedFunctionsConsumer>(std::move(Inner),
                                                    Selection, Options);
}

std::vector<Finding>
mergePartFindings(std::vector<std::vector<Finding>> PartFindings) {
  std::vector<Finding> Merged;
  for (std::vector<Finding> &Part : PartFindings)
    for (Finding &F : Part) {
      auto Same = llvm::find_if(
          Merged, [&](const Finding &M) { return isSameReport(M, F); });
      if (Same == Merged.end())
        Merged.push_back(std::move(F));
      else if (keptOver(F, *Same))
        *Same = std::move(F);
    }
  return Merged;
}

void keepChangedFunctionFindings(std::vector<Finding> &Findings,
                                 const FunctionSelection &Selection) {
  llvm::erase_if(Findings, [&](const Finding &F) {
    return !touchesChangedFunction(F, Selection);
  });
}

} // namespace driver
} // namespace ngx_pool_check
