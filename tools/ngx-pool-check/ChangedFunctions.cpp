//===- ChangedFunctions.cpp - Analysing the functions a change touches ---===//
//
// The consumer stands between the parser and clang's AnalysisConsumer: it
// forwards Initialize, keeps the top-level declaration groups until the
// unit is parsed, then chooses the functions (ChangedFunctions.h), hands the
// analysis consumer every declaration but the function definitions it did
// not choose, in the order they were parsed, and lets it run.
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
                           FunctionSelection &Selection)
      : Inner(std::move(Inner)), Selection(Selection) {}

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
    FunctionSet Chosen = choose(Definitions);
    Selection.Defined = Definitions.size();
    Selection.Analysed = Chosen.size();
    for (DeclGroupRef Group : Groups)
      for (Decl *D : Group)
        if (!isDefinition(D) || Chosen.contains(asFunction(D)))
          Inner->HandleTopLevelDecl(DeclGroupRef(D));
    ChosenOnThisThread = &Chosen;
    Inner->HandleTranslationUnit(Context);
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

  /// The changed definitions (recorded in Selection) and the definitions
  /// that call them: directly, or with Selection.AllCallers transitively.
  FunctionSet choose(const std::vector<Definition> &Definitions) {
    llvm::DenseMap<const FunctionDecl *, std::vector<const FunctionDecl *>>
        Callers;
    for (const Definition &Def : Definitions) {
      FunctionSet Callees;
      CalleesCollector(Callees).TraverseStmt(Def.Decl->getBody());
      for (const FunctionDecl *Callee : Callees)
        Callers[Callee].push_back(Def.Decl->getCanonicalDecl());
    }
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

  std::unique_ptr<ento::AnalysisASTConsumer> Inner;
  FunctionSelection &Selection;
  std::vector<DeclGroupRef> Groups;
};

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
                               FunctionSelection &Selection) {
  Inner->AddCheckerRegistrationFn(registerSkipUnchosen);
  return std::make_unique<ChangedFunctionsConsumer>(std::move(Inner),
                                                    Selection);
}

void keepChangedFunctionFindings(std::vector<Finding> &Findings,
                                 const FunctionSelection &Selection) {
  llvm::erase_if(Findings, [&](const Finding &F) {
    return !touchesChangedFunction(F, Selection);
  });
}

} // namespace driver
} // namespace ngx_pool_check
