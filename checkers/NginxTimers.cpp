//===- NginxTimers.cpp - Which cleanups of a unit delete timers -----------===//
//
// The part of the nginx model (NginxModel.h) about events and their timers
// that reads a whole translation unit: whether the module registers a
// cleanup whose handler deletes timers. A module context read back from a
// request (ngx_http_get_module_ctx) was made by another function, which may
// have registered such a cleanup for it; the analysis of this function
// cannot see that registration, the unit's code can.
//
//===----------------------------------------------------------------------===//

#include "NginxModel.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace ngx_pool_check {
namespace model {

namespace {

/// How deep the search follows the functions a handler calls.
constexpr unsigned CallDepth = 3;

/// Finds a call that deletes a timer in a function body, following calls
/// into the unit's own functions up to CallDepth.
class TimerDeletionFinder : public RecursiveASTVisitor<TimerDeletionFinder> {
  const ApiTable &Api;
  unsigned Depth;
  llvm::SmallPtrSetImpl<const FunctionDecl *> &Seen;

public:
  bool Found = false;

  TimerDeletionFinder(const ApiTable &Api, unsigned Depth,
                      llvm::SmallPtrSetImpl<const FunctionDecl *> &Seen)
      : Api(Api), Depth(Depth), Seen(Seen) {}

  bool VisitCallExpr(CallExpr *CE) {
    const ApiFunction *Row = Api.lookupAsWritten(*CE);
    if (Row && Row->Event == EventOp::DeleteTimer) {
      Found = true;
      return false;
    }
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (!Row && Callee && Depth > 0 && deletes(Callee)) {
      Found = true;
      return false;
    }
    return true;
  }

  /// True when \p FD deletes a timer (or its body is elsewhere, so it may).
  bool deletes(const FunctionDecl *FD) {
    const FunctionDecl *Def = nullptr;
    if (!FD->hasBody(Def))
      return Depth == CallDepth; // A handler from elsewhere; not a callee.
    if (!Seen.insert(Def).second)
      return false;
    TimerDeletionFinder Inner(Api, Depth - 1, Seen);
    Inner.TraverseStmt(Def->getBody());
    return Inner.Found;
  }
};

/// True when \p ME is `cln->handler` of a pool or request cleanup record.
bool isCleanupHandler(const MemberExpr *ME) {
  const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl());
  if (!FD || FD->getName() != CleanupHandler.Field)
    return false;
  llvm::StringRef Rec = recordName(FD->getParent());
  return Rec == CleanupHandler.Record || Rec == HttpCleanupData.Record;
}

/// Finds `cln->handler = f` where f deletes timers.
class TimerCleanupFinder : public RecursiveASTVisitor<TimerCleanupFinder> {
  const ApiTable &Api;

public:
  bool Found = false;
  explicit TimerCleanupFinder(const ApiTable &Api) : Api(Api) {}

  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->getOpcode() != BO_Assign)
      return true;
    const auto *ME = dyn_cast<MemberExpr>(BO->getLHS()->IgnoreParenImpCasts());
    const auto *Ref = dyn_cast<DeclRefExpr>(BO->getRHS()->IgnoreParenCasts());
    const auto *Handler =
        Ref ? dyn_cast<FunctionDecl>(Ref->getDecl()) : nullptr;
    if (!ME || !Handler || !isCleanupHandler(ME))
      return true;
    llvm::SmallPtrSet<const FunctionDecl *, 8> Seen;
    TimerDeletionFinder Finder(Api, CallDepth, Seen);
    Found = Finder.deletes(Handler);
    return !Found;
  }
};

} // namespace

bool unitHasTimerDeletingCleanup(const ApiTable &Api, ASTContext &Ctx) {
  TimerCleanupFinder Finder(Api);
  Finder.TraverseDecl(Ctx.getTranslationUnitDecl());
  return Finder.Found;
}

} // namespace model
} // namespace ngx_pool_check
