//===- NginxFixIts.cpp - Which request a connection pool argument names ---===//
//
// The part of the nginx model (NginxModel.h) that nginx.PoolLifetime's
// fix-it reads: given the pool argument of an allocation, written as the
// connection's pool of a request (`r->connection->pool`, or `c->pool` where
// `c = r->connection`), the request variable whose own pool can take its
// place. It reads only the function's source, never the path: the fix is
// applied to the code, which every path runs, so the spelling has to make
// the connection that request's on all of them. Hence the conditions on
// `c` (only ever set to `r->connection`) and on `r` (never set again, its
// address never taken, in scope at the call, its name not reused).
//
//===----------------------------------------------------------------------===//

#include "NginxModel.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace ngx_pool_check {
namespace model {

namespace {

const Expr *bare(const Expr *E) {
  return E ? E->IgnoreParenImpCasts() : nullptr;
}

/// `Base->field` for the nginx field \p F: the base, or null.
const Expr *arrowBase(const Expr *E, const NginxField &F) {
  const auto *ME = dyn_cast_or_null<MemberExpr>(bare(E));
  if (!ME || !ME->isArrow())
    return nullptr;
  const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl());
  if (!FD || FD->getName() != F.Field ||
      recordName(FD->getParent()) != F.Record)
    return nullptr;
  return bare(ME->getBase());
}

/// The parameter or (non-static) local variable \p E names, if it is one.
const VarDecl *localVariable(const Expr *E) {
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(bare(E));
  const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return VD && VD->hasLocalStorage() ? VD : nullptr;
}

/// `R->connection`, R a parameter or local pointing to a request: R.
const VarDecl *requestOfConnectionExpr(const Expr *E) {
  const VarDecl *R = localVariable(arrowBase(E, RequestConnection));
  return R && R->getType()->isPointerType() && isRequestType(R->getType())
             ? R
             : nullptr;
}

/// `&V`, `++V`, `V--`: \p V changes here, or may through the pointer.
bool takesAddressOrSteps(const UnaryOperator *U, const VarDecl *V) {
  return (U->getOpcode() == UO_AddrOf || U->isIncrementDecrementOp()) &&
         localVariable(U->getSubExpr()) == V;
}

/// The stores to a connection variable: all of them `R->connection` with
/// one request variable R?
class ConnectionStores : public RecursiveASTVisitor<ConnectionStores> {
public:
  explicit ConnectionStores(const VarDecl *Conn) : Conn(Conn) {}

  /// R, when every store is `R->connection`; null otherwise.
  const VarDecl *request() const { return Valid ? Req : nullptr; }

  bool VisitBinaryOperator(BinaryOperator *B) {
    if (B->isAssignmentOp() && localVariable(B->getLHS()) == Conn)
      store(B->getOpcode() == BO_Assign ? B->getRHS() : nullptr);
    return true;
  }

  bool VisitUnaryOperator(UnaryOperator *U) {
    if (takesAddressOrSteps(U, Conn))
      Valid = false;
    return true;
  }

  bool VisitVarDecl(VarDecl *V) {
    if (V == Conn && V->hasInit())
      store(V->getInit());
    return true;
  }

private:
  void store(const Expr *Value) {
    const VarDecl *R = Value ? requestOfConnectionExpr(Value) : nullptr;
    if (!R || (Req && R != Req))
      Valid = false;
    Req = R;
  }

  const VarDecl *Conn;
  const VarDecl *Req = nullptr;
  bool Valid = true;
};

/// What the function does to a request variable.
class RequestUses : public RecursiveASTVisitor<RequestUses> {
public:
  explicit RequestUses(const VarDecl *Req) : Req(Req) {}

  /// Never stored to after its initialisation, its address never taken.
  bool Stable = true;
  /// Another variable of the function has its name.
  bool NameReused = false;
  /// Its declaration, when it is a local.
  const DeclStmt *Declaration = nullptr;

  bool VisitBinaryOperator(BinaryOperator *B) {
    if (B->isAssignmentOp() && localVariable(B->getLHS()) == Req)
      Stable = false;
    return true;
  }

  bool VisitUnaryOperator(UnaryOperator *U) {
    if (takesAddressOrSteps(U, Req))
      Stable = false;
    return true;
  }

  bool VisitVarDecl(VarDecl *V) {
    if (V != Req && V->getDeclName() == Req->getDeclName())
      NameReused = true;
    return true;
  }

  bool VisitDeclStmt(DeclStmt *DS) {
    for (const Decl *D : DS->decls())
      if (D == Req)
        Declaration = DS;
    return true;
  }

private:
  const VarDecl *Req;
};

/// True when the local declared by \p Decl is in scope at \p At: its
/// declaration comes first in a block that encloses \p At.
bool inScopeAt(const DeclStmt *Decl, const Stmt *At, const ParentMap &PM,
               const SourceManager &SM) {
  const Stmt *Block = PM.getParent(Decl);
  if (!Block || !isa<CompoundStmt>(Block) ||
      !SM.isBeforeInTranslationUnit(Decl->getEndLoc(), At->getBeginLoc()))
    return false;
  for (const Stmt *S = At; S; S = PM.getParent(S))
    if (S == Block)
      return true;
  return false;
}

} // namespace

const VarDecl *requestOfConnectionPoolArg(const Expr *PoolArg, const Stmt *Call,
                                          const Decl *Function,
                                          const ParentMap &PM) {
  const Expr *Conn = arrowBase(PoolArg, ConnectionPool);
  if (!Conn || !Function || !Call)
    return nullptr;
  // `r->connection->pool`: the same request by construction.
  if (const VarDecl *Req = requestOfConnectionExpr(Conn))
    return Req;

  // `c->pool`: only when `c` cannot be anything but `r->connection`.
  const VarDecl *ConnVar = localVariable(Conn);
  if (!ConnVar || isa<ParmVarDecl>(ConnVar))
    return nullptr;
  Decl *Body = const_cast<Decl *>(Function);
  ConnectionStores Stores(ConnVar);
  Stores.TraverseDecl(Body);
  const VarDecl *Req = Stores.request();
  if (!Req)
    return nullptr;
  RequestUses Uses(Req);
  Uses.TraverseDecl(Body);
  if (!Uses.Stable || Uses.NameReused)
    return nullptr;
  if (isa<ParmVarDecl>(Req))
    return Req->getDeclContext() == Function->getAsFunction() ? Req : nullptr;
  const SourceManager &SM = Function->getASTContext().getSourceManager();
  return Uses.Declaration && inScopeAt(Uses.Declaration, Call, PM, SM)
             ? Req
             : nullptr;
}

std::string requestPoolSpelling(const VarDecl *Request) {
  return Request->getName().str() + "->" + RequestPool.Field.str();
}

} // namespace model
} // namespace ngx_pool_check
