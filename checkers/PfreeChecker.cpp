//===- PfreeChecker.cpp - ngx_pfree calls that cannot free ----------------===//
//
// nginx.Pfree: ngx_pfree() calls that release nothing, and uses of what they
// did release.
//
// Why it matters: ngx_pfree(pool, p) releases only a pool's *large*
// allocations, those bigger than the pool's `max`:
//   max = min(size the pool was created with - sizeof(ngx_pool_t),
//             NGX_MAX_ALLOC_FROM_POOL),  NGX_MAX_ALLOC_FROM_POOL = pagesize
//             - 1.
// Anything else is carved out of the pool's own blocks; ngx_pfree() returns
// NGX_DECLINED and the memory stays until the pool is destroyed. Code that
// frees and re-allocates small buffers believing the memory comes back grows
// the pool instead. ngx_pfree() with a pool other than the block's, on
// memory that never came from a pool, or on a pointer into a block rather
// than its start, is always declined too.
//
// How it works: every allocation from a pool the model knows is tracked from
// the call to ngx_pfree(): its pool's origin and its size as a symbolic
// value, through locals, struct fields and helpers (the analyzer's store
// carries the pointer). At ngx_pfree() the checker asks the constraint
// manager whether, on this path, the size is at most the pool's limit:
// constants, sizeof, macros, and symbolic sizes bounded by earlier branches
// all fold into that one query. The limit follows the pool's origin:
// ngx_create_pool(N) in view gives min(N - sizeof(ngx_pool_t), 4095) with
// the AST's sizeof; r->pool and c->pool follow request_pool_size (4096) and
// connection_pool_size (512 on 64-bit), checker options; any other pool
// 4095. It warns only when the block cannot be large on this path; a block
// that is known to be large and is released is then followed to catch a use
// after release or a second ngx_pfree().
//
//===----------------------------------------------------------------------===//

#include "Checkers.h"
#include "NginxModel.h"
#include "Registration.h"

#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugType.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"
#include "llvm/ADT/DenseSet.h"

using namespace clang;
using namespace clang::ento;
using namespace ngx_pool_check;
namespace m = ngx_pool_check::model;

namespace {

/// Whether a block's size is known to be at most its pool's limit (small),
/// known to be above it (large), or either on this path.
enum class Smallness { Small, Large, Either };

/// A block allocated from a pool on this path.
struct PoolBlock {
  m::PoolKind Kind; ///< Where its pool came from.
  SymbolRef Pool;   ///< The pool's symbol.
  SVal CreatedSize; ///< For a pool created here: its size.
  SVal Size;        ///< The block's size in bytes (may be symbolic).
  bool AlwaysLarge; ///< ngx_pmemalign() blocks are always large.
  bool Released;    ///< A successful ngx_pfree() released it.
  const Expr *Site; ///< The allocating call, for notes.
  /// What was known of the size where the block was allocated: what the
  /// code checked before asking for it. (A constraint that comes later, such
  /// as a parser's loop stopping at the block's end after one byte, says
  /// what this path is, not what the code meant to free.)
  Smallness AtAllocation;
  uint64_t MinSize, MaxSize; ///< Bounds of the size there.

  PoolBlock released() const {
    PoolBlock B = *this;
    B.Released = true;
    return B;
  }
  bool operator==(const PoolBlock &O) const {
    return Kind == O.Kind && Pool == O.Pool && CreatedSize == O.CreatedSize &&
           Size == O.Size && AlwaysLarge == O.AlwaysLarge &&
           Released == O.Released && Site == O.Site &&
           AtAllocation == O.AtAllocation && MinSize == O.MinSize &&
           MaxSize == O.MaxSize;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddInteger(static_cast<int>(Kind));
    ID.AddPointer(Pool);
    CreatedSize.Profile(ID);
    Size.Profile(ID);
    ID.AddBoolean(AlwaysLarge);
    ID.AddBoolean(Released);
    ID.AddPointer(Site);
    ID.AddInteger(static_cast<int>(AtAllocation));
    ID.AddInteger(MinSize);
    ID.AddInteger(MaxSize);
  }

  m::PoolOrigin origin() const {
    m::PoolOrigin O;
    O.Kind = Kind;
    O.PoolSym = Pool;
    if (Kind == m::PoolKind::Created)
      O.CreatedSize = CreatedSize;
    return O;
  }
};

} // namespace

// Blocks allocated from pools on this path, by the symbol of their memory.
REGISTER_MAP_WITH_PROGRAMSTATE(PoolBlocks, SymbolRef, PoolBlock)
// The size of the block an allocator is being called for, read before the
// call (which may invalidate what it was read from: ngx_pstrdup's src).
REGISTER_MAP_WITH_PROGRAMSTATE(PendingSizes, const Expr *, SVal)

namespace {

class PfreeChecker
    : public Checker<check::PreCall, check::PostCall, check::Location,
                     check::LiveSymbols, check::DeadSymbols> {
  const BugType SmallBlock{this, "ngx_pfree of a small pool allocation",
                           category::NginxMemory};
  const BugType WrongPool{this, "ngx_pfree with the wrong pool",
                          category::NginxMemory};
  const BugType NotFromPool{this, "ngx_pfree of memory not from a pool",
                            category::NginxMemory};
  const BugType InsideBlock{this, "ngx_pfree of a pointer into a block",
                            category::NginxMemory};
  const BugType UseAfterRelease{this, "Use of a block released by ngx_pfree",
                                category::NginxMemory};
  const BugType DoubleRelease{this, "Block released twice by ngx_pfree",
                              category::NginxMemory};

  /// (ngx_pfree call, allocating call) pairs reported as small blocks.
  mutable llvm::DenseSet<std::pair<const Expr *, const Expr *>>
      ReportedSmallFrees;

public:
  m::PoolSizes Sizes;

  void checkPreCall(const CallEvent &Call, CheckerContext &C) const;
  void checkPostCall(const CallEvent &Call, CheckerContext &C) const;
  void checkLocation(SVal Loc, bool IsLoad, const Stmt *S,
                     CheckerContext &C) const;
  void checkLiveSymbols(ProgramStateRef State, SymbolReaper &SR) const;
  void checkDeadSymbols(SymbolReaper &SR, CheckerContext &C) const;

private:
  void trackBlock(SymbolRef Sym, const m::PoolOrigin &Pool,
                  QualType PoolPtrType, SVal Size, bool AlwaysLarge,
                  const Expr *Site, ProgramStateRef &State, CheckerContext &C,
                  const NoteTag *&Note) const;
  void checkFree(const CallEvent &Call, CheckerContext &C) const;
  void report(const BugType &BT, llvm::StringRef Msg, SymbolRef Block,
              const CallEvent &Call, CheckerContext &C, bool Fatal) const;
};

} // namespace

//===----------------------------------------------------------------------===//
// Describing pools and sizes
//===----------------------------------------------------------------------===//

/// "the request pool 'r->pool'", "the pool created by ngx_create_pool()".
static std::string describePool(const m::PoolOrigin &O, SymbolRef PoolSym,
                                const ExplodedNode *N) {
  m::RegionNamer Names(N);
  std::string Expr = PoolSym ? Names.nameOfValue(PoolSym) : std::string();
  auto Quoted = [&Expr] {
    return Expr.empty() ? std::string() : " '" + Expr + "'";
  };
  switch (O.Kind) {
  case m::PoolKind::Request:
    return "the request pool" + Quoted();
  case m::PoolKind::Connection:
    return "the connection pool" + Quoted();
  case m::PoolKind::Created:
    return "the pool created here by ngx_create_pool()";
  case m::PoolKind::Unknown:
    return Expr.empty() ? "its pool" : "'" + Expr + "'";
  }
  llvm_unreachable("pool kinds are covered");
}

/// "512 bytes", "at most 1024 bytes", or "" when nothing bounds it.
static std::string describeSize(uint64_t Min, uint64_t Max) {
  if (Min == Max)
    return std::to_string(Max) + " bytes";
  if (Max != UINT64_MAX)
    return "at most " + std::to_string(Max) + " bytes";
  return "";
}

/// The answer of the constraint manager, which knows relations between
/// symbols (`len <= n - 80`).
static Smallness smallnessByConstraints(const PoolBlock &B, NonLoc Size,
                                        const m::SmallLimit &L,
                                        ProgramStateRef State,
                                        SValBuilder &SVB) {
  QualType SizeT = SVB.getContext().getSizeType();
  auto AtMost = [&](ProgramStateRef S,
                    SVal Limit) -> std::pair<ProgramStateRef, ProgramStateRef> {
    std::optional<DefinedSVal> Cond =
        SVB.evalBinOp(S, BO_LE, Size, Limit, SVB.getConditionType())
            .getAs<DefinedSVal>();
    if (!Cond)
      return {S, S};
    return S->assume(*Cond);
  };
  // Small: size <= max and size <= pool size - header, on every path here.
  auto [UnderMax, OverMax] =
      AtMost(State, SVB.makeIntVal(L.MaxAllocFromPool, SizeT));
  ProgramStateRef UnderBoth = UnderMax, OverPool = nullptr;
  if (UnderMax && L.SizeLessHeader)
    std::tie(UnderBoth, OverPool) = AtMost(UnderMax, *L.SizeLessHeader);
  else if (!L.SizeLessHeader && B.Kind == m::PoolKind::Created)
    OverPool = UnderMax; // The pool's size is not known: it may be small.
  if (!OverMax && !OverPool && UnderBoth)
    return Smallness::Small;
  if (!UnderBoth)
    return Smallness::Large;
  return Smallness::Either;
}

/// The answer of interval arithmetic, which folds what the constraint
/// manager does not (`len * 2`, ngx_align(len, 8)).
static Smallness smallnessByBounds(const PoolBlock &B, SVal Size,
                                   const m::SmallLimit &L,
                                   ProgramStateRef State, SValBuilder &SVB) {
  m::SizeBounds S = m::sizeBounds(Size, State, SVB);
  m::SizeBounds Limit{0, L.MaxAllocFromPool};
  if (L.SizeLessHeader) {
    m::SizeBounds Pool = m::sizeBounds(*L.SizeLessHeader, State, SVB);
    Limit = {std::min(Pool.Min, L.MaxAllocFromPool),
             std::min(Pool.Max, L.MaxAllocFromPool)};
  } else if (B.Kind != m::PoolKind::Created) {
    Limit.Min = L.MaxAllocFromPool;
  }
  if (S.Max <= Limit.Min)
    return Smallness::Small;
  if (S.Min > Limit.Max)
    return Smallness::Large;
  return Smallness::Either;
}

static Smallness smallness(const PoolBlock &B, const m::SmallLimit &L,
                           ProgramStateRef State, SValBuilder &SVB) {
  if (B.AlwaysLarge)
    return Smallness::Large;
  std::optional<NonLoc> Size = B.Size.getAs<NonLoc>();
  if (!Size)
    return Smallness::Either;
  Smallness ByConstraints = smallnessByConstraints(B, *Size, L, State, SVB);
  if (ByConstraints != Smallness::Either)
    return ByConstraints;
  return smallnessByBounds(B, *Size, L, State, SVB);
}

/// True when the two pools are known to be different pools.
static bool differentPools(const PoolBlock &B, const m::PoolOrigin &P) {
  if (!P.PoolSym || P.PoolSym == B.Pool)
    return false;
  if (B.Kind == m::PoolKind::Unknown || P.Kind == m::PoolKind::Unknown)
    return false;
  if (B.Kind != P.Kind)
    return true;
  // Two pools created on this path by different ngx_create_pool() calls.
  return B.Kind == m::PoolKind::Created;
}

//===----------------------------------------------------------------------===//
// Allocations
//===----------------------------------------------------------------------===//

void PfreeChecker::trackBlock(SymbolRef Sym, const m::PoolOrigin &Pool,
                              QualType PoolPtrType, SVal Size, bool AlwaysLarge,
                              const Expr *Site, ProgramStateRef &State,
                              CheckerContext &C, const NoteTag *&Note) const {
  SValBuilder &SVB = C.getSValBuilder();
  m::SizeBounds Bounds = m::sizeBounds(Size, State, SVB);
  PoolBlock B{Pool.Kind,
              Pool.PoolSym,
              Pool.CreatedSize ? *Pool.CreatedSize : UnknownVal(),
              Size,
              AlwaysLarge,
              /*Released=*/false,
              Site,
              Smallness::Either,
              Bounds.Min,
              Bounds.Max};
  B.AtAllocation = smallness(
      B, m::smallLimit(Pool, Sizes, PoolPtrType, State, SVB), State, SVB);
  State = State->set<PoolBlocks>(Sym, B);
  std::string What = describeSize(Bounds.Min, Bounds.Max);
  Note = C.getNoteTag([Sym, What, this](PathSensitiveBugReport &BR) {
    const BugType &BT = BR.getBugType();
    if (!BR.isInteresting(Sym) ||
        (&BT != &SmallBlock && &BT != &WrongPool && &BT != &InsideBlock &&
         &BT != &UseAfterRelease && &BT != &DoubleRelease))
      return std::string();
    return What.empty() ? std::string("Block allocated here")
                        : "Block of " + What + " allocated here";
  });
}

void PfreeChecker::checkPostCall(const CallEvent &Call,
                                 CheckerContext &C) const {
  const m::PoolAllocator *A = m::findPoolAllocator(Call);
  const Expr *Site = Call.getOriginExpr();
  if (!A || !Site)
    return;
  ProgramStateRef State = C.getState();
  const SVal *Pending = State->get<PendingSizes>(Site);
  std::optional<SVal> Size;
  if (Pending) {
    Size = *Pending;
    State = State->remove<PendingSizes>(Site);
  }
  if (C.wasInlined || m::isInsideModeledAllocator(C.getLocationContext())) {
    if (Pending)
      C.addTransition(State);
    return;
  }
  m::PoolOrigin Pool =
      m::classifyPool(m::getAllocationPool(Call, *A, State), State);
  const NoteTag *Note = nullptr;

  QualType PoolPtrType = Call.getArgExpr(A->PoolArg)->getType();
  if (Size)
    if (SymbolRef Sym = Call.getReturnValue().getAsLocSymbol())
      trackBlock(Sym, Pool, PoolPtrType, *Size, m::alwaysLarge(*A), Site, State,
                 C, Note);

  // A temporary buffer's memory is a block of the size asked for.
  if (m::isTempBufCreation(Call))
    if (const FieldDecl *Start =
            m::fieldOf(Call.getResultType(), m::BufStart.Field))
      if (std::optional<Loc> L =
              State->getLValue(Start, Call.getReturnValue()).getAs<Loc>())
        if (SymbolRef Sym = m::pointeeSymbol(State->getSVal(*L)))
          trackBlock(Sym, Pool, PoolPtrType, Call.getArgSVal(1), false, Site,
                     State, C, Note);

  if (State != C.getState())
    C.addTransition(State, Note);
}

//===----------------------------------------------------------------------===//
// ngx_pfree
//===----------------------------------------------------------------------===//

void PfreeChecker::checkPreCall(const CallEvent &Call,
                                CheckerContext &C) const {
  if (m::isPoolFree(Call)) {
    checkFree(Call, C);
    return;
  }
  const m::PoolAllocator *A = m::findPoolAllocator(Call);
  if (!A || !Call.getOriginExpr())
    return;
  ProgramStateRef State = C.getState();
  if (std::optional<SVal> Size = m::allocationSize(
          Call, *A, State, C.getASTContext(), C.getSValBuilder()))
    C.addTransition(State->set<PendingSizes>(Call.getOriginExpr(), *Size));
}

void PfreeChecker::checkFree(const CallEvent &Call, CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  SValBuilder &SVB = C.getSValBuilder();
  SVal Ptr = Call.getArgSVal(1);
  const MemRegion *R = Ptr.getAsRegion();
  if (!R)
    return;

  // Memory that never came from a pool.
  const MemRegion *Base = R->getBaseRegion();
  llvm::StringRef Heap = m::heapAllocatorOf(R);
  if (!Heap.empty() || m::isStackMemory(R) ||
      isa<StringRegion, GlobalsSpaceRegion>(Base) ||
      isa<GlobalsSpaceRegion>(Base->getMemorySpace())) {
    std::string From = !Heap.empty()
                           ? "it was allocated by '" + Heap.str() +
                                 "'; release it with ngx_free() or free()"
                       : m::isStackMemory(R) ? "it is on the stack"
                                             : "it is static data";
    report(NotFromPool,
           "'ngx_pfree' is given memory that never came from a pool, so it "
           "is always declined: " +
               From,
           nullptr, Call, C, /*Fatal=*/false);
    return;
  }

  SymbolRef Sym = m::pointeeSymbol(Ptr);
  const PoolBlock *B = Sym ? State->get<PoolBlocks>(Sym) : nullptr;
  if (!B)
    return; // Not seen allocated: nothing to say.
  // ngx_pfree() looks for the block's start; a pointer into it is declined
  // whatever the size.
  if (!isa<SymbolicRegion>(R->StripCasts())) {
    RegionOffset Offset = R->getAsOffset();
    if (Offset.isValid() && !Offset.hasSymbolicOffset() &&
        Offset.getOffset() > 0 && !B->Released)
      report(InsideBlock,
             "'ngx_pfree' is given a pointer " +
                 std::to_string(Offset.getOffset() /
                                C.getASTContext().getCharWidth()) +
                 " bytes into a pool block, not its start: a pool releases "
                 "a block only by its start, so the call is always declined; "
                 "pass the pointer the allocation returned",
             Sym, Call, C, /*Fatal=*/false);
    return;
  }
  const ExplodedNode *Here = C.getPredecessor();

  if (B->Released) {
    report(DoubleRelease,
           "'ngx_pfree' releases this block a second time; the pool may "
           "have handed its memory to someone else since",
           Sym, Call, C, /*Fatal=*/true);
    return;
  }

  m::PoolOrigin Given = m::classifyPool(Call.getArgSVal(0), State);
  m::PoolOrigin From = B->origin();
  if (differentPools(*B, Given)) {
    report(WrongPool,
           "'ngx_pfree' is given " + describePool(Given, Given.PoolSym, Here) +
               ", but the block was allocated from " +
               describePool(From, B->Pool, Here) +
               ": a pool releases only its own blocks, so the call is always "
               "declined and the memory stays until that pool is destroyed",
           Sym, Call, C, /*Fatal=*/false);
    return;
  }

  m::SmallLimit Limit =
      m::smallLimit(From, Sizes, Call.getArgExpr(0)->getType(), State, SVB);
  // Small only as the code stood at the allocation; what this path learnt
  // since can only show that the block is large.
  Smallness Size = B->AtAllocation;
  if (Size == Smallness::Either &&
      smallness(*B, Limit, State, SVB) == Smallness::Large)
    Size = Smallness::Large;
  switch (Size) {
  case Smallness::Small: {
    if (B->MaxSize == 0)
      return; // A block of no bytes holds nothing.
    // One report per ngx_pfree call and allocation: paths that differ only
    // in the size they chose (`n = big ? 256 : 64`) would repeat it with
    // another number.
    if (!ReportedSmallFrees.insert({Call.getOriginExpr(), B->Site}).second)
      return;
    std::string Max = Limit.Known ? std::to_string(*Limit.Known) + " bytes"
                                  : std::string("the pool's limit");
    std::string Of = describeSize(B->MinSize, B->MaxSize);
    report(SmallBlock,
           "'ngx_pfree' cannot release this block" +
               (Of.empty() ? std::string() : " of " + Of) +
               ": blocks of at most " + Max + " from " +
               describePool(From, B->Pool, Here) +
               " are kept until the pool is destroyed, and ngx_pfree "
               "returns NGX_DECLINED; reuse the buffer instead of freeing "
               "and allocating again, or give this phase a pool of its own "
               "(ngx_create_pool/ngx_destroy_pool)",
           Sym, Call, C, /*Fatal=*/false);
    return;
  }
  case Smallness::Large:
    if (Given.PoolSym == B->Pool)
      C.addTransition(State->set<PoolBlocks>(Sym, B->released()),
                      C.getNoteTag([Sym, this](PathSensitiveBugReport &BR) {
                        if (!BR.isInteresting(Sym) ||
                            (&BR.getBugType() != &UseAfterRelease &&
                             &BR.getBugType() != &DoubleRelease))
                          return std::string();
                        return std::string("Block released by 'ngx_pfree'");
                      }));
    return;
  case Smallness::Either:
    // It may or may not have been released: follow it no further.
    C.addTransition(State->remove<PoolBlocks>(Sym));
    return;
  }
}

void PfreeChecker::checkLocation(SVal Loc, bool IsLoad, const Stmt *S,
                                 CheckerContext &C) const {
  SymbolRef Sym = m::pointeeSymbol(Loc);
  const PoolBlock *B = Sym ? C.getState()->get<PoolBlocks>(Sym) : nullptr;
  if (!B || !B->Released)
    return;
  ExplodedNode *N = C.generateErrorNode();
  if (!N)
    return;
  auto R = std::make_unique<PathSensitiveBugReport>(
      UseAfterRelease,
      std::string("Block used after 'ngx_pfree' released it: its memory is "
                  "back in the C heap"),
      N);
  R->markInteresting(Sym);
  R->addRange(S->getSourceRange());
  C.emitReport(std::move(R));
}

void PfreeChecker::checkLiveSymbols(ProgramStateRef State,
                                    SymbolReaper &SR) const {
  // A block's size, and its pool's, must keep their constraints (`len <=
  // 1024` from an earlier branch) while the block is followed.
  for (auto [Sym, B] : State->get<PoolBlocks>()) {
    for (SVal V : {B.Size, B.CreatedSize})
      for (SymbolRef S : V.symbols())
        SR.markLive(S);
  }
}

void PfreeChecker::checkDeadSymbols(SymbolReaper &SR, CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  ProgramStateRef Next = State;
  for (auto [Sym, B] : State->get<PoolBlocks>())
    if (!SR.isLive(Sym))
      Next = Next->remove<PoolBlocks>(Sym);
  if (Next != State)
    C.addTransition(Next);
}

void PfreeChecker::report(const BugType &BT, llvm::StringRef Msg,
                          SymbolRef Block, const CallEvent &Call,
                          CheckerContext &C, bool Fatal) const {
  ExplodedNode *N =
      Fatal ? C.generateErrorNode() : C.generateNonFatalErrorNode();
  if (!N)
    return;
  auto R = std::make_unique<PathSensitiveBugReport>(BT, Msg, N);
  R->addRange(Call.getSourceRange());
  if (Block)
    R->markInteresting(Block);
  C.emitReport(std::move(R));
}

//===----------------------------------------------------------------------===//
// Documentation and registration
//===----------------------------------------------------------------------===//

static const llvm::StringLiteral PfreeTags[] = {"memory", "nginx", "pool",
                                                "pfree"};

const CheckerDoc ngx_pool_check::PfreeDoc = {
    "ngx_pfree() releases only a pool's large allocations, those bigger than "
    "the pool's limit (min(pool size - sizeof(ngx_pool_t), "
    "NGX_MAX_ALLOC_FROM_POOL)). For a small block, a block of another pool, or "
    "memory that never came from a pool, it returns NGX_DECLINED and the "
    "memory stays until the pool is destroyed: code that frees and allocates "
    "small buffers again grows the pool. Reuse the buffer, or give the phase "
    "a pool of its own with ngx_create_pool()/ngx_destroy_pool(). Also "
    "reported: using a block after ngx_pfree() released it, and releasing it "
    "twice.",
    // Bad
    "u_char *scratch = ngx_palloc(r->pool, 512);\n"
    "...\n"
    "ngx_pfree(r->pool, scratch);        /* declined: 512 bytes is small */\n"
    "scratch = ngx_palloc(r->pool, 512); /* the pool now holds 1024 bytes */\n",
    // Good
    "u_char *scratch = ngx_palloc(r->pool, 512);\n"
    "...\n"
    "ngx_memzero(scratch, 512);          /* reuse it */\n",
    PfreeTags,
    "high",
    "warning",
};

void ngx_pool_check::registerPfreeChecker(CheckerManager &Mgr) {
  auto *Checker = Mgr.registerChecker<PfreeChecker>();
  const AnalyzerOptions &Opts = Mgr.getAnalyzerOptions();
  auto Read = [&](llvm::StringRef Name, uint64_t &Into, uint64_t Min) {
    int V = Opts.getCheckerIntegerOption(Checker, Name);
    if (V < static_cast<int>(Min)) {
      Mgr.reportInvalidCheckerOptionValue(
          Checker, Name,
          ("a size in bytes of at least " + llvm::Twine(Min)).str());
      return;
    }
    Into = static_cast<uint64_t>(V);
  };
  Read("RequestPoolSize", Checker->Sizes.RequestPoolSize, 1);
  Read("ConnectionPoolSize", Checker->Sizes.ConnectionPoolSize, 1);
  Read("PageSize", Checker->Sizes.PageSize, 2);
}

bool ngx_pool_check::shouldRegisterPfreeChecker(const CheckerManager &) {
  return true;
}
