//===- NginxLongLived.cpp - Storage that outlives a request, code roles ---===//
//
// The part of the nginx model (NginxModel.h) that nginx.RequestEscape and
// nginx.CyclePool share: which storage outlives the request that runs (a
// static, a module's configuration, the cycle, the connection fields kept
// across keepalive requests), where a pool saved at configuration time is
// read back from, what a request object and a request context look like,
// and whether the code of a path runs per request or at configuration time.
//
//===----------------------------------------------------------------------===//

#include "NginxModel.h"

#include "clang/AST/Decl.h"
#include "clang/Analysis/AnalysisDeclContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/SymbolManager.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang;
using namespace clang::ento;

namespace ngx_pool_check {
namespace model {

const NginxField CyclePool{"ngx_cycle_s", "pool"};
const NginxField ConfPool{"ngx_conf_s", "pool"};

/// Fields of a connection that keep their value from one request to the
/// next on a keepalive connection (realip points them at its own memory,
/// and restores them in a cleanup of r->pool). `c->data` is not one: nginx
/// keeps the current request there itself.
static const NginxField ConnectionKeptFields[] = {
    {"ngx_connection_s", "addr_text"},
    {"ngx_connection_s", "sockaddr"},
    {"ngx_connection_s", "local_sockaddr"},
    {"ngx_connection_s", "proxy_protocol"},
};

/// Arrays of pointers to modules' configurations:
/// ngx_http_get_module_{main,srv,loc}_conf(r, m) read the request's
/// r->{main,srv,loc}_conf[m.ctx_index]; configuration and worker code reads
/// an http block's ctx->{main,srv,loc}_conf[] and the cycle's
/// cycle->conf_ctx[m.index] (ngx_get_conf(),
/// ngx_http_cycle_get_module_main_conf()).
struct ConfArray {
  NginxField Field;
  llvm::StringLiteral Level;
};
static const ConfArray ConfArrays[] = {
    {{"ngx_http_request_s", "main_conf"}, "main"},
    {{"ngx_http_request_s", "srv_conf"}, "server"},
    {{"ngx_http_request_s", "loc_conf"}, "location"},
    {{"ngx_http_conf_ctx_t", "main_conf"}, "main"},
    {{"ngx_http_conf_ctx_t", "srv_conf"}, "server"},
    {{"ngx_http_conf_ctx_t", "loc_conf"}, "location"},
    {{"ngx_cycle_s", "conf_ctx"}, "main"},
};

/// The cycle struct: the cycle, and whatever it points to, lives until
/// nginx reloads.
static constexpr llvm::StringLiteral CycleRecord = "ngx_cycle_s";

/// The record a pointer of type \p T points to, if any.
static const RecordDecl *pointeeRecord(QualType T) {
  if (T.isNull())
    return nullptr;
  if (T->isPointerType())
    T = T->getPointeeType();
  return T->getAsRecordDecl();
}

/// The slot \p Sym was read from is an element of one of the request's
/// configuration arrays: the level of the configuration.
static std::optional<llvm::StringRef> confLevelOfSlot(const MemRegion *Slot) {
  const auto *ER = dyn_cast<ElementRegion>(Slot->StripCasts());
  const SymbolicRegion *Array =
      ER ? ER->getSuperRegion()->getSymbolicBase() : nullptr;
  const auto *FR =
      Array ? dyn_cast_or_null<FieldRegion>(
                  regionOfValueSymbol(Array->getSymbol()))
            : nullptr;
  for (const ConfArray &A : ConfArrays)
    if (isField(FR, A.Field))
      return A.Level;
  return std::nullopt;
}

/// The long-lived object \p Sym points to by what it is (the cycle) or
/// where it was read from (a configuration array of the request).
/// The field of the array `x->field[i]` whose element \p Sym is when the
/// analyzer could not read the element (a module's ctx_index is not a known
/// number) and made up a value for the expression: the expression tells.
/// The array field \p E reads an element of, seen through casts and the
/// arms of `?:` (ngx_http_cycle_get_module_main_conf() is
/// `cycle->conf_ctx[i] ? ctx->main_conf[m.ctx_index] : NULL`).
static const FieldDecl *arrayFieldRead(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenCasts();
  if (const auto *CO = dyn_cast<ConditionalOperator>(E)) {
    if (const FieldDecl *FD = arrayFieldRead(CO->getTrueExpr()))
      return FD;
    return arrayFieldRead(CO->getFalseExpr());
  }
  const auto *Sub = dyn_cast<ArraySubscriptExpr>(E);
  const auto *ME =
      Sub ? dyn_cast<MemberExpr>(Sub->getBase()->IgnoreParenImpCasts())
          : nullptr;
  return ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
}

static const FieldDecl *arrayFieldOfUnknownElement(SymbolRef Sym) {
  const auto *Conj = dyn_cast_or_null<SymbolConjured>(Sym);
  return Conj ? arrayFieldRead(dyn_cast_or_null<Expr>(Conj->getStmt()))
              : nullptr;
}

static bool isFieldDecl(const FieldDecl *FD, const NginxField &F) {
  return FD && FD->getName() == F.Field &&
         recordName(FD->getParent()) == F.Record;
}

static LongLivedPlace placeOfObjectItself(SymbolRef Sym) {
  const RecordDecl *Pointee = pointeeRecord(Sym->getType());
  if (Pointee && recordName(Pointee) == CycleRecord)
    return {LongLivedKind::Cycle, nullptr, Sym, ""};
  if (const FieldDecl *FD = arrayFieldOfUnknownElement(Sym))
    for (const ConfArray &A : ConfArrays)
      if (isFieldDecl(FD, A.Field))
        return {LongLivedKind::ModuleConf, nullptr, Sym, A.Level};
  const TypedValueRegion *Slot = regionOfValueSymbol(Sym);
  if (!Slot)
    return {};
  if (std::optional<llvm::StringRef> Level = confLevelOfSlot(Slot))
    return {LongLivedKind::ModuleConf, nullptr, Sym, *Level};
  return {};
}

static LongLivedPlace placeOf(const MemRegion *R, unsigned Depth) {
  if (!R || Depth > 8)
    return {};
  R = R->StripCasts();

  // A field of a connection kept across requests (also inside it:
  // c->addr_text.data).
  for (const MemRegion *Sub = R; const auto *SR = dyn_cast<SubRegion>(Sub);
       Sub = SR->getSuperRegion())
    if (const auto *FR = dyn_cast<FieldRegion>(SR))
      for (const NginxField &F : ConnectionKeptFields)
        if (isField(FR, F))
          return {LongLivedKind::Connection,
                  FR->getSuperRegion()->StripCasts(), nullptr, ""};

  // The request and what it holds die with it.
  if (isInsideRequestObject(R))
    return {};

  const MemRegion *Base = R->getBaseRegion();
  if (const auto *VR = dyn_cast<VarRegion>(Base)) {
    if (isa<GlobalsSpaceRegion>(VR->getMemorySpace()))
      return {LongLivedKind::Static, VR, nullptr, ""};
    return {};
  }
  const auto *SymBase = dyn_cast<SymbolicRegion>(Base);
  if (!SymBase)
    return {};
  SymbolRef Sym = SymBase->getSymbol();
  const RecordDecl *Pointee = pointeeRecord(Sym->getType());
  if (Pointee && (recordName(Pointee) == RequestConnection.Record ||
                  recordName(Pointee) == ConnectionPool.Record))
    return {}; // A request, a connection: only the kept fields above.
  if (LongLivedPlace Itself = placeOfObjectItself(Sym))
    return Itself;
  const TypedValueRegion *Slot = regionOfValueSymbol(Sym);
  if (!Slot)
    return {};
  // An object reached through a pointer kept in long-lived storage
  // (conf->list->elts, a static's target) is long-lived too.
  LongLivedPlace Outer = placeOf(Slot, Depth + 1);
  if (Outer.Kind == LongLivedKind::Connection)
    return {}; // What c->sockaddr points to is not itself a kept field.
  return Outer;
}

LongLivedPlace longLivedPlace(const MemRegion *R) { return placeOf(R, 0); }

LongLivedPlace longLivedObject(SymbolRef Sym) {
  return Sym ? placeOfObjectItself(Sym) : LongLivedPlace();
}

LongLivedPlace savedPoolPlace(SymbolRef Sym) {
  const TypedValueRegion *Slot = regionOfValueSymbol(Sym);
  if (!Slot)
    return {};
  LongLivedPlace P = longLivedPlace(Slot);
  if (P.Kind == LongLivedKind::Connection)
    return {};
  return P;
}

std::string describeLongLived(const LongLivedPlace &P) {
  switch (P.Kind) {
  case LongLivedKind::None:
    return "";
  case LongLivedKind::Static:
    return "static storage, which lives as long as the worker";
  case LongLivedKind::ModuleConf:
    return "the module's " + P.Level.str() +
           " configuration, which lives until nginx reloads";
  case LongLivedKind::Cycle:
    return "the cycle, which lives until nginx reloads";
  case LongLivedKind::Connection:
    return "a connection field that the next request on a keepalive "
           "connection reads";
  }
  llvm_unreachable("long-lived kinds are covered");
}

bool isRequestOrCtx(SymbolRef Sym, bool &IsCtx) {
  IsCtx = false;
  if (!Sym)
    return false;
  if (isRequestType(Sym->getType()))
    return true;
  const FieldDecl *Array = arrayFieldOfUnknownElement(Sym);
  if (const TypedValueRegion *Slot = regionOfValueSymbol(Sym)) {
    const auto *ER = dyn_cast<ElementRegion>(Slot->StripCasts());
    const SymbolicRegion *Base =
        ER ? ER->getSuperRegion()->getSymbolicBase() : nullptr;
    const auto *FR = Base ? dyn_cast_or_null<FieldRegion>(
                                regionOfValueSymbol(Base->getSymbol()))
                          : nullptr;
    if (FR)
      Array = FR->getDecl();
  }
  IsCtx = isFieldDecl(Array, RequestCtx);
  return IsCtx;
}

/// True when \p FR is a field of the request that points to what is not
/// the request's: its connection and the connection's http state, its
/// configuration arrays (ConfArrays).
static bool isForeignRequestField(const FieldRegion *FR) {
  return isField(FR, RequestConnection) ||
         isField(FR, RequestHttpConnection) ||
         llvm::any_of(ConfArrays, [FR](const ConfArray &A) {
           return isField(FR, A.Field);
         });
}

/// The field of the request object \p R lies in (r->headers_in for
/// r->headers_in.host.data), if it lies in one.
static const FieldRegion *requestFieldAround(const MemRegion *R) {
  for (const MemRegion *Sub = R; const auto *SR = dyn_cast<SubRegion>(Sub);
       Sub = SR->getSuperRegion()) {
    const auto *FR = dyn_cast<FieldRegion>(SR);
    if (FR && isa<SymbolicRegion>(FR->getSuperRegion()->StripCasts()) &&
        recordName(FR->getDecl()->getParent()) == RequestConnection.Record)
      return FR;
  }
  return nullptr;
}

/// True when \p Slot is a field of a connection or an event: what is read
/// there belongs to the connection (which nginx reuses), not to a request.
static bool isInConnectionOrEvent(const TypedValueRegion *Slot) {
  for (const MemRegion *R = Slot; const auto *FR = dyn_cast<FieldRegion>(R);
       R = FR->getSuperRegion()) {
    StringRef Record = recordName(FR->getDecl()->getParent());
    if (Record == ConnectionPool.Record || Record == EventTimerSet.Record)
      return true;
  }
  return false;
}

/// True when \p T points to bytes: the text of a header, a URI, a buffer.
static bool isPointerToBytes(QualType T) {
  return T->isPointerType() &&
         (T->getPointeeType()->isAnyCharacterType() ||
          T->getPointeeType()->isVoidType());
}

const FieldRegion *requestDataField(SymbolRef Sym) {
  if (!Sym || !isPointerToBytes(Sym->getType()))
    return nullptr;
  const FieldRegion *ReadFrom = nullptr;
  for (unsigned Depth = 0; Sym && Depth < 6; ++Depth) {
    bool IsCtx = false;
    if (Depth > 0 && isRequestOrCtx(Sym, IsCtx) && IsCtx)
      return ReadFrom; // Read out of the request's module context.
    const TypedValueRegion *Slot = regionOfValueSymbol(Sym);
    if (!Slot || isInConnectionOrEvent(Slot))
      return nullptr;
    if (const FieldRegion *FR = requestFieldAround(Slot))
      return isForeignRequestField(FR) ? nullptr : FR;
    ReadFrom = dyn_cast<FieldRegion>(Slot->StripCasts());
    const SymbolicRegion *Base = Slot->getSymbolicBase();
    Sym = Base ? Base->getSymbol() : nullptr;
  }
  return nullptr;
}

//===----------------------------------------------------------------------===//
// When code runs
//===----------------------------------------------------------------------===//

static CodeRole roleOfParameter(const ParmVarDecl *P) {
  const RecordDecl *RD = pointeeRecord(P->getType());
  if (!P->getType()->isPointerType() || !RD)
    return CodeRole::Unknown;
  return llvm::StringSwitch<CodeRole>(recordName(RD))
      .Cases("ngx_http_request_s", "ngx_stream_session_s",
             "ngx_mail_session_s", CodeRole::PerRequest)
      .Cases("ngx_event_s", "ngx_connection_s", "ngx_resolver_ctx_s",
             CodeRole::PerEvent)
      .Cases("ngx_conf_s", "ngx_cycle_s", CodeRole::Configuration)
      .Default(CodeRole::Unknown);
}

/// The outermost function of the path at \p LC.
static const FunctionDecl *outermostFunction(const LocationContext *LC) {
  const FunctionDecl *FD = nullptr;
  for (; LC; LC = LC->getParent())
    if (const auto *D = dyn_cast_or_null<FunctionDecl>(LC->getDecl()))
      FD = D;
  return FD;
}

const ParmVarDecl *codeRoleParameter(const LocationContext *LC) {
  const FunctionDecl *FD = outermostFunction(LC);
  if (!FD)
    return nullptr;
  const ParmVarDecl *Best = nullptr;
  CodeRole BestRole = CodeRole::Unknown;
  auto Rank = [](CodeRole R) {
    switch (R) {
    case CodeRole::PerRequest:
      return 3;
    case CodeRole::PerEvent:
      return 2;
    case CodeRole::Configuration:
      return 1;
    case CodeRole::Unknown:
      return 0;
    }
    return 0;
  };
  for (const ParmVarDecl *P : FD->parameters()) {
    CodeRole R = roleOfParameter(P);
    if (Rank(R) > Rank(BestRole)) {
      Best = P;
      BestRole = R;
    }
  }
  return Best;
}

CodeRole codeRole(const LocationContext *LC) {
  const ParmVarDecl *P = codeRoleParameter(LC);
  return P ? roleOfParameter(P) : CodeRole::Unknown;
}

} // namespace model
} // namespace ngx_pool_check
