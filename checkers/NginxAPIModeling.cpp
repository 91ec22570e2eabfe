//===- NginxAPIModeling.cpp - What nginx's API calls do to the state ------===//
//
// nginx.APIModeling (hidden; every nginx checker depends on it) tells the
// analyzer what the nginx functions it cannot see into do, so that the other
// checkers find the facts in the program state:
//   - ngx_create_pool(size, log) returns a new pool: remember its size;
//   - ngx_array_create(pool, ...) and ngx_list_create(pool, ...) return a
//     container whose `pool` field is the pool it was created from (the one
//     ngx_array_push() and ngx_list_push() later grow);
//   - ngx_pool_cleanup_add(pool, size) returns a record whose handler is
//     NULL until the caller sets it, and whose data is a new block of `size`
//     bytes, or NULL when size is 0;
//   - ngx_create_temp_buf(pool, size) returns a buffer whose memory is a new
//     block of `size` bytes from the pool: start, pos and last point to its
//     beginning, end to its end (nginx core frees such blocks with
//     ngx_pfree(pool, b->start));
//   - the exec family returns only when it fails, with -1 (on success the
//     process runs another program: nothing after the call happens);
//   - ngx_event_add_timer(ev, t) sets ev->timer_set, ngx_event_del_timer(ev)
//     clears it (as their inline bodies in ngx_event_timer.h do), so that
//     `if (ev->timer_set) ngx_del_timer(ev)` follows the timer;
//   - a pointer to a block allocated on this path, stored where it outlives
//     the function (ngx_http_set_ctx(r, ctx, m), conf->cache = p), links the
//     block: what is stored into it later has that owner too;
//   - ngx_read_dir(dir) reads the next entry of an open directory: it
//     changes dir->de and dir->type and returns NGX_OK or NGX_ERROR, but
//     leaves dir->dir (the DIR * opened by ngx_open_dir) alone, so the
//     stream is still the one ngx_close_dir() closes.
// Calls the analyzer inlined did the work themselves and are left alone.
//
//===----------------------------------------------------------------------===//

#include "Checkers.h"
#include "NginxModel.h"

#include "clang/Basic/DiagnosticDriver.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"

using namespace clang;
using namespace clang::ento;
namespace m = ngx_pool_check::model;

namespace {

class NginxAPIModeling
    : public Checker<check::PostCall, check::Bind, check::LiveSymbols,
                     check::DeadSymbols, eval::Call> {
  const m::ApiTable Api;

public:
  bool evalCall(const CallEvent &Call, CheckerContext &C) const {
    const m::ApiFunction *Row = Api.lookup(Call);
    if (!Row)
      return false;
    if (Row->ReadsDirectoryArg)
      return modelDirectoryRead(Call, *Row->ReadsDirectoryArg, C);
    if (Row->ChangesOnly)
      return modelChangesOnly(Call, *Row->ChangesOnly, C);
    return false;
  }

  void checkPostCall(const CallEvent &Call, CheckerContext &C) const {
    const m::ApiFunction *Row = Api.lookup(Call);
    if (C.wasInlined || !Row)
      return;
    if (Row->ReplacesProgram) {
      modelProgramReplacement(Call, C);
      return;
    }
    ProgramStateRef State = C.getState();
    ProgramStateRef Next = modelPoolCreation(Call, *Row, State);
    Next = modelContainerCreation(Call, *Row, Next, C.getLocationContext());
    Next = modelCleanupRecord(Call, *Row, Next, C);
    Next = modelTempBuf(Call, *Row, Next, C);
    Next = modelTimerFlag(Call, *Row, Next, C);
    if (Next != State)
      C.addTransition(Next);
  }

  void checkBind(SVal Loc, SVal Val, const Stmt *, CheckerContext &C) const {
    ProgramStateRef State = C.getState();
    ProgramStateRef Next =
        m::recordStoredBlock(State, Api, Loc.getAsRegion(), Val);
    if (Next != State)
      C.addTransition(Next);
  }

  void checkLiveSymbols(ProgramStateRef State, SymbolReaper &SR) const {
    m::markLiveSymbols(State, SR);
  }

  void checkDeadSymbols(SymbolReaper &SR, CheckerContext &C) const {
    ProgramStateRef State = C.getState();
    ProgramStateRef Next = m::removeDeadSymbols(State, SR);
    if (Next != State)
      C.addTransition(Next);
  }

  void printState(raw_ostream &Out, ProgramStateRef State, const char *NL,
                  const char *Sep) const override {
    m::printModelState(Out, State, NL, Sep);
  }

private:
  static void modelProgramReplacement(const CallEvent &Call,
                                      CheckerContext &C) {
    SValBuilder &SVB = C.getSValBuilder();
    std::optional<DefinedSVal> Failed =
        SVB.evalBinOp(C.getState(), BO_EQ, Call.getReturnValue(),
                      SVB.makeIntVal(-1, Call.getResultType()),
                      SVB.getConditionType())
            .getAs<DefinedSVal>();
    if (!Failed)
      return;
    if (ProgramStateRef State = C.getState()->assume(*Failed, true))
      C.addTransition(State);
    else
      C.generateSink(C.getState(), C.getPredecessor());
  }

  /// \p State with field \p Field of the struct \p Ptr points to bound to
  /// \p V.
  static ProgramStateRef bindField(ProgramStateRef State, SVal Ptr,
                                   QualType PtrType, llvm::StringRef Field,
                                   SVal V, const LocationContext *LC) {
    if (const FieldDecl *FD = m::fieldOf(PtrType, Field))
      if (std::optional<Loc> L = State->getLValue(FD, Ptr).getAs<Loc>())
        return State->bindLoc(*L, V, LC);
    return State;
  }

  static bool modelDirectoryRead(const CallEvent &Call, unsigned DirArg,
                                 CheckerContext &C) {
    const auto *CE = dyn_cast_or_null<CallExpr>(Call.getOriginExpr());
    if (!CE)
      return false;
    ProgramStateRef State = C.getState();
    const LocationContext *LC = C.getLocationContext();
    SValBuilder &SVB = C.getSValBuilder();
    // The entry fields get new values; the DIR * stays.
    QualType DirPtr = Call.getArgExpr(DirArg)->getType();
    for (llvm::StringRef Field : m::DirectoryEntryFields)
      if (const FieldDecl *FD = m::fieldOf(DirPtr, Field))
        State = bindField(
            State, Call.getArgSVal(DirArg), DirPtr, Field,
            SVB.conjureSymbolVal(CE, LC, FD->getType(), C.blockCount()), LC);
    SVal Ret =
        SVB.conjureSymbolVal(CE, LC, Call.getResultType(), C.blockCount());
    C.addTransition(State->BindExpr(CE, LC, Ret));
    return true;
  }

  /// A call that changes only buffers, some fields of a struct, and its
  /// result (ngx_read_file): file->fd stays what it was.
  static bool modelChangesOnly(const CallEvent &Call,
                               const m::ApiFunction::Changes &Changes,
                               CheckerContext &C) {
    const auto *CE = dyn_cast_or_null<CallExpr>(Call.getOriginExpr());
    if (!CE || Changes.FieldsArg >= Call.getNumArgs())
      return false;
    ProgramStateRef State = C.getState();
    const LocationContext *LC = C.getLocationContext();
    SValBuilder &SVB = C.getSValBuilder();
    for (unsigned Arg : Changes.Buffers)
      if (Arg < Call.getNumArgs())
        if (const MemRegion *Buf = Call.getArgSVal(Arg).getAsRegion())
          State = State->invalidateRegions({Buf->getBaseRegion()}, CE,
                                           C.blockCount(), LC,
                                           /*CausesPointerEscape=*/false);
    QualType StructPtr = Call.getArgExpr(Changes.FieldsArg)->getType();
    for (const std::string &Field : Changes.Fields)
      if (const FieldDecl *FD = m::fieldOf(StructPtr, Field))
        State = bindField(State, Call.getArgSVal(Changes.FieldsArg), StructPtr,
                          Field,
                          SVB.conjureSymbolVal(FD, CE, LC, FD->getType(),
                                               C.blockCount()),
                          LC);
    SVal Ret =
        SVB.conjureSymbolVal(CE, LC, Call.getResultType(), C.blockCount());
    C.addTransition(State->BindExpr(CE, LC, Ret));
    return true;
  }

  static ProgramStateRef modelTempBuf(const CallEvent &Call,
                                      const m::ApiFunction &Row,
                                      ProgramStateRef State,
                                      CheckerContext &C) {
    if (!Row.BufferSizeArg)
      return State;
    SVal Buf = Call.getReturnValue();
    QualType BufPtr = Call.getResultType();
    const LocationContext *LC = C.getLocationContext();
    SValBuilder &SVB = C.getSValBuilder();
    ASTContext &Ctx = C.getASTContext();
    QualType BytePtr = Ctx.getPointerType(Ctx.UnsignedCharTy);

    static int StartTag;
    DefinedOrUnknownSVal Start = SVB.conjureSymbolVal(
        &StartTag, Call.getOriginExpr(), LC, BytePtr, C.blockCount());
    // Make it a heap block: the memory is new.
    if (SymbolRef StartSym = Start.getAsSymbol())
      Start = loc::MemRegionVal(
          SVB.getRegionManager().getSymbolicHeapRegion(StartSym));
    SVal End = SVB.evalBinOp(State, BO_Add, Start,
                             Call.getArgSVal(*Row.BufferSizeArg), BytePtr);

    for (const m::NginxField *F : {&m::BufStart, &m::BufPos, &m::BufLast})
      State = bindField(State, Buf, BufPtr, F->Field, Start, LC);
    return bindField(State, Buf, BufPtr, m::BufEnd.Field, End, LC);
  }

  /// ev->timer_set after a call that arms or deletes ev's timer.
  static ProgramStateRef modelTimerFlag(const CallEvent &Call,
                                        const m::ApiFunction &Row,
                                        ProgramStateRef State,
                                        CheckerContext &C) {
    if (!Row.Event || Row.EventArg >= Call.getNumArgs())
      return State;
    QualType EventPtr = Call.getArgExpr(Row.EventArg)->getType();
    const FieldDecl *Flag = m::fieldOf(EventPtr, m::EventTimerSet.Field);
    if (!Flag)
      return State;
    SVal Set = C.getSValBuilder().makeIntVal(
        Row.Event == m::EventOp::ArmTimer ? 1 : 0, Flag->getType());
    return bindField(State, Call.getArgSVal(Row.EventArg), EventPtr,
                     m::EventTimerSet.Field, Set, C.getLocationContext());
  }

  static ProgramStateRef modelCleanupRecord(const CallEvent &Call,
                                            const m::ApiFunction &Row,
                                            ProgramStateRef State,
                                            CheckerContext &C) {
    if (!Row.AddsCleanupTo)
      return State;
    SVal Record = Call.getReturnValue();
    QualType RecordPtr = Call.getResultType();
    const LocationContext *LC = C.getLocationContext();
    SValBuilder &SVB = C.getSValBuilder();
    QualType VoidPtr = C.getASTContext().VoidPtrTy;
    State = bindField(State, Record, RecordPtr, m::CleanupHandler.Field,
                      SVB.makeNullWithType(VoidPtr), LC);

    // data: NULL for size 0, a new block otherwise; unknown sizes get a
    // block too (the caller reads cln->data only when it asked for one).
    SVal Data = Call.getArgSVal(Row.CleanupSizeArg).isZeroConstant()
                    ? SVal(SVB.makeNullWithType(VoidPtr))
                    : SVal(SVB.getConjuredHeapSymbolVal(
                          Call.getOriginExpr(), LC, VoidPtr, C.blockCount()));
    return bindField(State, Record, RecordPtr, m::CleanupData.Field, Data, LC);
  }

  static ProgramStateRef modelPoolCreation(const CallEvent &Call,
                                           const m::ApiFunction &Row,
                                           ProgramStateRef State) {
    if (!Row.CreatesPoolOfSizeArg)
      return State;
    SymbolRef Pool = Call.getReturnValue().getAsLocSymbol();
    SVal Size = Call.getArgSVal(*Row.CreatesPoolOfSizeArg);
    return Pool ? m::recordCreatedPool(State, Pool, Size) : State;
  }

  static ProgramStateRef modelContainerCreation(const CallEvent &Call,
                                                const m::ApiFunction &Row,
                                                ProgramStateRef State,
                                                const LocationContext *LC) {
    if (!Row.Allocates || Row.Allocates->Kind != m::AllocKind::Container)
      return State;
    // The container remembers the pool it grows from.
    const FieldDecl *PoolField = m::poolFieldOf(Call.getResultType());
    if (!PoolField)
      return State;
    return bindField(State, Call.getReturnValue(), Call.getResultType(),
                     PoolField->getName(),
                     m::poolOfCall(Call, Row.Allocates->Pool, State), LC);
  }
};

} // namespace

void ngx_pool_check::registerNginxAPIModeling(CheckerManager &Mgr) {
  Mgr.registerChecker<NginxAPIModeling>();
  // The package's pool sizes are read by each checker that needs them;
  // values out of range are reported once, here.
  std::vector<m::PoolSizes::BadOption> Bad;
  m::PoolSizes::fromOptions(Mgr.getAnalyzerOptions(), &Bad);
  for (const m::PoolSizes::BadOption &B : Bad)
    Mgr.getASTContext().getDiagnostics().Report(
        diag::err_analyzer_checker_option_invalid_input)
        << B.Key << B.Expected;
}

bool ngx_pool_check::shouldRegisterNginxAPIModeling(const CheckerManager &) {
  return true;
}
