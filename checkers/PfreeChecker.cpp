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
// after release or a second ngx_pfree(). Every report is about a block given
// back, so in a translation unit that never calls ngx_pfree() (most of
// them) no block is followed at all.
//
// A block (PoolBlocks):
//
//   allocated from a pool, size known ---> [followed]
//        |                                     |
//        |   ngx_pfree(its pool, its start), small where allocated
//        |        ---> reported: cannot release (the block stays followed)
//        |   ngx_pfree(other pool / into it / not a pool) ---> reported
//        |   ngx_pfree, large ---> [released] --read, write--> reported: use
//        |                             |   --ngx_pfree again--> reported
//        |   ngx_pfree, size may be either --> (forgotten: maybe released)
//        +-- dies --> (forgotten)
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

using namespace clang;
using namespace clang::ento;
using namespace ngx_pool_check;
namespace m = ngx_pool_check::model;
using m::Smallness;

namespace {

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

/// A report of an ngx_pfree() call that cannot release a block, uniqued by
/// the call and the allocation whatever sizes the paths chose: paths that
/// differ only in the size they picked (`n = big ? 256 : 64`) would repeat
/// it with another number. The shortest path's report is the one shown.
class SmallBlockReport : public PathSensitiveBugReport {
  const Expr *FreeCall, *Allocation;

public:
  SmallBlockReport(const BugType &BT, StringRef Msg, const ExplodedNode *N,
                   const Expr *FreeCall, const Expr *Allocation)
      : PathSensitiveBugReport(BT, Msg, N), FreeCall(FreeCall),
        Allocation(Allocation) {}

  void Profile(llvm::FoldingSetNodeID &ID) const override {
    ID.AddPointer(&getBugType());
    ID.AddPointer(FreeCall);
    ID.AddPointer(Allocation);
  }
};

/// What an ngx_pfree() call does to the block it is given.
enum class FreeVerdict {
  Untracked,   ///< A block the checker did not see allocated.
  NotFromPool, ///< Heap, stack or static memory: always declined.
  InsideBlock, ///< A pointer into a block, not its start: declined.
  SecondTime,  ///< A block already released.
  WrongPool,   ///< Another pool's block: declined.
  Small,       ///< Small for its pool: declined.
  Released,    ///< Large: released.
  Maybe,       ///< Large or small depending on what this path does not know.
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
  const m::ApiTable Api;
  /// Whether the translation unit gives blocks back at all (once looked up:
  /// a checker instance serves one unit). Every report is about a block
  /// given back, so a unit that never calls ngx_pfree() follows no block.
  mutable std::optional<bool> UnitFreesBlocks;
  bool unitFreesBlocks(ASTContext &Ctx) const {
    if (!UnitFreesBlocks)
      UnitFreesBlocks = m::unitFreesPoolBlocks(Api, Ctx);
    return *UnitFreesBlocks;
  }

public:
  m::PoolSizes Sizes;

  void checkPreCall(const CallEvent &Call, CheckerContext &C) const;
  void checkPostCall(const CallEvent &Call, CheckerContext &C) const;
  void checkLocation(SVal Loc, bool IsLoad, const Stmt *S,
                     CheckerContext &C) const;
  void checkLiveSymbols(ProgramStateRef State, SymbolReaper &SR) const;
  void checkDeadSymbols(SymbolReaper &SR, CheckerContext &C) const;
  void printState(raw_ostream &Out, ProgramStateRef State, const char *NL,
                  const char *Sep) const override;

private:
  bool isOurs(const BugType &BT) const {
    return &BT == &SmallBlock || &BT == &WrongPool || &BT == &InsideBlock ||
           &BT == &UseAfterRelease || &BT == &DoubleRelease ||
           &BT == &NotFromPool;
  }
  ProgramStateRef trackBlock(SymbolRef Sym, const m::PoolOrigin &Pool,
                             QualType PoolPtrType, SVal Size, bool AlwaysLarge,
                             const Expr *Site, ProgramStateRef State,
                             CheckerContext &C) const;
  const NoteTag *allocatedNote(llvm::ArrayRef<SymbolRef> Blocks,
                               ProgramStateRef State, CheckerContext &C) const;
  FreeVerdict judgeFree(const CallEvent &Call, unsigned PoolArg,
                        unsigned PtrArg, CheckerContext &C) const;
  void checkFree(const CallEvent &Call, unsigned PoolArg, unsigned PtrArg,
                 CheckerContext &C) const;
  void markReleased(const CallEvent &Call, unsigned PoolArg, SymbolRef Sym,
                    CheckerContext &C) const;
  void reportDeclined(FreeVerdict V, const CallEvent &Call, unsigned PoolArg,
                      unsigned PtrArg, CheckerContext &C) const;
  void reportSmallBlock(const CallEvent &Call, unsigned PoolArg,
                        SymbolRef Sym, const PoolBlock &B,
                        CheckerContext &C) const;
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
  case m::PoolKind::Cycle:
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

static Smallness smallness(const PoolBlock &B, const m::SmallLimit &L,
                           ProgramStateRef State, SValBuilder &SVB) {
  if (B.AlwaysLarge)
    return Smallness::Large;
  return m::blockSmallness(B.Size, B.origin(), L, State, SVB);
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

/// True when \p R is memory that never came from a pool; \p From says why.
static bool isNotPoolMemory(const m::ApiTable &Api, const MemRegion *R,
                            std::string &From) {
  const MemRegion *Base = R->getBaseRegion();
  llvm::StringRef Heap = m::heapAllocatorOf(Api, R);
  if (!Heap.empty())
    From = "it was allocated by '" + Heap.str() +
           "'; release it with ngx_free() or free()";
  else if (m::isStackMemory(R))
    From = "it is on the stack";
  else if (isa<StringRegion, GlobalsSpaceRegion>(Base) ||
           isa<GlobalsSpaceRegion>(Base->getMemorySpace()))
    From = "it is static data";
  else
    return false;
  return true;
}

/// How many bytes into its block \p R points, when it does not point to the
/// block's start; 0 otherwise.
static uint64_t bytesIntoBlock(const MemRegion *R, ASTContext &Ctx) {
  if (isa<SymbolicRegion>(R->StripCasts()))
    return 0;
  RegionOffset Offset = R->getAsOffset();
  if (!Offset.isValid() || Offset.hasSymbolicOffset() ||
      Offset.getOffset() <= 0)
    return 0;
  return Offset.getOffset() / Ctx.getCharWidth();
}

//===----------------------------------------------------------------------===//
// Allocations
//===----------------------------------------------------------------------===//

ProgramStateRef PfreeChecker::trackBlock(SymbolRef Sym,
                                         const m::PoolOrigin &Pool,
                                         QualType PoolPtrType, SVal Size,
                                         bool AlwaysLarge, const Expr *Site,
                                         ProgramStateRef State,
                                         CheckerContext &C) const {
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
  return State->set<PoolBlocks>(Sym, B);
}

const NoteTag *PfreeChecker::allocatedNote(llvm::ArrayRef<SymbolRef> Blocks,
                                           ProgramStateRef State,
                                           CheckerContext &C) const {
  // One note for the blocks a call allocated (a buffer and its memory):
  // the one the report is about.
  llvm::SmallVector<std::pair<SymbolRef, std::string>, 2> Sizes;
  for (SymbolRef Sym : Blocks)
    if (const PoolBlock *B = State->get<PoolBlocks>(Sym))
      Sizes.push_back({Sym, describeSize(B->MinSize, B->MaxSize)});
  if (Sizes.empty())
    return nullptr;
  return C.getNoteTag([Sizes, this](PathSensitiveBugReport &BR) {
    if (!isOurs(BR.getBugType()))
      return std::string();
    for (const auto &[Sym, What] : Sizes)
      if (BR.isInteresting(Sym))
        return What.empty() ? std::string("Block allocated here")
                            : "Block of " + What + " allocated here";
    return std::string();
  });
}

void PfreeChecker::checkPostCall(const CallEvent &Call,
                                 CheckerContext &C) const {
  const m::ApiFunction *Row = Api.lookup(Call);
  const Expr *Site = Call.getOriginExpr();
  if (!Row || !Row->Allocates || !Site || !unitFreesBlocks(C.getASTContext()))
    return;
  const m::Allocation &A = *Row->Allocates;
  ProgramStateRef State = C.getState();
  const SVal *Pending = State->get<PendingSizes>(Site);
  std::optional<SVal> Size;
  if (Pending) {
    Size = *Pending;
    State = State->remove<PendingSizes>(Site);
  }
  if (C.wasInlined || m::isInsideModeledAllocator(Api, C.getLocationContext())) {
    if (Pending)
      C.addTransition(State);
    return;
  }
  m::PoolOrigin Pool =
      m::classifyPool(m::poolOfCall(Call, A.Pool, State), State);
  QualType PoolPtrType = Call.getArgExpr(A.Pool.Arg)->getType();
  llvm::SmallVector<SymbolRef, 2> Blocks;

  if (Size)
    if (SymbolRef Sym = Call.getReturnValue().getAsLocSymbol()) {
      State = trackBlock(Sym, Pool, PoolPtrType, *Size, A.AlwaysLarge, Site,
                         State, C);
      Blocks.push_back(Sym);
    }

  // A temporary buffer's memory is a block of the size asked for.
  if (Row->BufferSizeArg)
    if (std::optional<Loc> L = m::fieldLocation(
            Call.getReturnValue(), Call.getResultType(), m::BufStart.Field,
            State))
      if (SymbolRef Sym = m::pointeeSymbol(State->getSVal(*L))) {
        State = trackBlock(Sym, Pool, PoolPtrType,
                           Call.getArgSVal(*Row->BufferSizeArg),
                           /*AlwaysLarge=*/false, Site, State, C);
        Blocks.push_back(Sym);
      }

  if (State != C.getState())
    C.addTransition(State, allocatedNote(Blocks, State, C));
}

//===----------------------------------------------------------------------===//
// ngx_pfree
//===----------------------------------------------------------------------===//

void PfreeChecker::checkPreCall(const CallEvent &Call,
                                CheckerContext &C) const {
  const m::ApiFunction *Row = Api.lookup(Call);
  if (!Row)
    return;
  if (Row->FreesBlock) {
    checkFree(Call, Row->FreesBlock->first, Row->FreesBlock->second, C);
    return;
  }
  if (!Row->Allocates || !Call.getOriginExpr() ||
      !unitFreesBlocks(C.getASTContext()))
    return;
  ProgramStateRef State = C.getState();
  if (std::optional<SVal> Size = m::allocationSize(Call, *Row->Allocates,
                                                   State, C.getSValBuilder()))
    C.addTransition(State->set<PendingSizes>(Call.getOriginExpr(), *Size));
}

FreeVerdict PfreeChecker::judgeFree(const CallEvent &Call, unsigned PoolArg,
                                    unsigned PtrArg, CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  SVal Ptr = Call.getArgSVal(PtrArg);
  const MemRegion *R = Ptr.getAsRegion();
  if (!R)
    return FreeVerdict::Untracked;
  std::string From;
  if (isNotPoolMemory(Api, R, From))
    return FreeVerdict::NotFromPool;

  SymbolRef Sym = m::pointeeSymbol(Ptr);
  const PoolBlock *B = Sym ? State->get<PoolBlocks>(Sym) : nullptr;
  if (!B)
    return FreeVerdict::Untracked; // Not seen allocated: nothing to say.
  // ngx_pfree() looks for the block's start; a pointer into it is declined
  // whatever the size.
  if (bytesIntoBlock(R, C.getASTContext()) > 0)
    return B->Released ? FreeVerdict::Untracked : FreeVerdict::InsideBlock;
  if (B->Released)
    return FreeVerdict::SecondTime;
  if (differentPools(*B, m::classifyPool(Call.getArgSVal(PoolArg), State)))
    return FreeVerdict::WrongPool;

  // Small only as the code stood at the allocation; what this path learnt
  // since can only show that the block is large.
  Smallness Size = B->AtAllocation;
  if (Size == Smallness::Either) {
    m::SmallLimit Limit =
        m::smallLimit(B->origin(), Sizes, Call.getArgExpr(PoolArg)->getType(),
                      State, C.getSValBuilder());
    if (smallness(*B, Limit, State, C.getSValBuilder()) == Smallness::Large)
      Size = Smallness::Large;
  }
  switch (Size) {
  case Smallness::Small:
    // A block of no bytes holds nothing.
    return B->MaxSize == 0 ? FreeVerdict::Untracked : FreeVerdict::Small;
  case Smallness::Large:
    return FreeVerdict::Released;
  case Smallness::Either:
    return FreeVerdict::Maybe;
  }
  llvm_unreachable("smallness is covered");
}

void PfreeChecker::checkFree(const CallEvent &Call, unsigned PoolArg,
                             unsigned PtrArg, CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  SymbolRef Sym = m::pointeeSymbol(Call.getArgSVal(PtrArg));
  switch (FreeVerdict V = judgeFree(Call, PoolArg, PtrArg, C)) {
  case FreeVerdict::Untracked:
    return;
  case FreeVerdict::Small:
    reportSmallBlock(Call, PoolArg, Sym, *State->get<PoolBlocks>(Sym), C);
    return;
  case FreeVerdict::Released:
    markReleased(Call, PoolArg, Sym, C);
    return;
  case FreeVerdict::Maybe:
    // It may or may not have been released: follow it no further.
    C.addTransition(State->remove<PoolBlocks>(Sym));
    return;
  case FreeVerdict::NotFromPool:
  case FreeVerdict::InsideBlock:
  case FreeVerdict::SecondTime:
  case FreeVerdict::WrongPool:
    reportDeclined(V, Call, PoolArg, PtrArg, C);
    return;
  }
}

void PfreeChecker::markReleased(const CallEvent &Call, unsigned PoolArg,
                                SymbolRef Sym, CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  const PoolBlock *B = State->get<PoolBlocks>(Sym);
  if (m::pointeeSymbol(Call.getArgSVal(PoolArg)) != B->Pool)
    return;
  std::string Fn = "'" + m::calleeName(Call) + "'";
  C.addTransition(State->set<PoolBlocks>(Sym, B->released()),
                  C.getNoteTag([Sym, Fn, this](PathSensitiveBugReport &BR) {
                    if (!BR.isInteresting(Sym) ||
                        (&BR.getBugType() != &UseAfterRelease &&
                         &BR.getBugType() != &DoubleRelease))
                      return std::string();
                    return "Block released by " + Fn;
                  }));
}

void PfreeChecker::reportDeclined(FreeVerdict V, const CallEvent &Call,
                                  unsigned PoolArg, unsigned PtrArg,
                                  CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  SVal Ptr = Call.getArgSVal(PtrArg);
  SymbolRef Sym = m::pointeeSymbol(Ptr);
  std::string Fn = "'" + m::calleeName(Call) + "'";
  switch (V) {
  case FreeVerdict::NotFromPool: {
    std::string From;
    isNotPoolMemory(Api, Ptr.getAsRegion(), From);
    report(NotFromPool,
           Fn + " is given memory that never came from a pool, so it "
                "is always declined: " +
               From,
           nullptr, Call, C, /*Fatal=*/false);
    return;
  }
  case FreeVerdict::InsideBlock:
    report(InsideBlock,
           Fn + " is given a pointer " +
               std::to_string(
                   bytesIntoBlock(Ptr.getAsRegion(), C.getASTContext())) +
               " bytes into a pool block, not its start: a pool releases "
               "a block only by its start, so the call is always declined; "
               "pass the pointer the allocation returned",
           Sym, Call, C, /*Fatal=*/false);
    return;
  case FreeVerdict::SecondTime:
    report(DoubleRelease,
           Fn + " releases this block a second time; the pool may "
                "have handed its memory to someone else since",
           Sym, Call, C, /*Fatal=*/true);
    return;
  case FreeVerdict::WrongPool: {
    const PoolBlock *B = State->get<PoolBlocks>(Sym);
    const ExplodedNode *Here = C.getPredecessor();
    m::PoolOrigin Given = m::classifyPool(Call.getArgSVal(PoolArg), State);
    report(WrongPool,
           Fn + " is given " + describePool(Given, Given.PoolSym, Here) +
               ", but the block was allocated from " +
               describePool(B->origin(), B->Pool, Here) +
               ": a pool releases only its own blocks, so the call is always "
               "declined and the memory stays until that pool is destroyed",
           Sym, Call, C, /*Fatal=*/false);
    return;
  }
  default:
    llvm_unreachable("not a declined call");
  }
}

void PfreeChecker::reportSmallBlock(const CallEvent &Call, unsigned PoolArg,
                                    SymbolRef Sym, const PoolBlock &B,
                                    CheckerContext &C) const {
  ExplodedNode *N = C.generateNonFatalErrorNode();
  if (!N)
    return;
  m::SmallLimit Limit =
      m::smallLimit(B.origin(), Sizes, Call.getArgExpr(PoolArg)->getType(),
                    C.getState(), C.getSValBuilder());
  std::string Max = Limit.Known ? std::to_string(*Limit.Known) + " bytes"
                                : std::string("the pool's limit");
  std::string Of = describeSize(B.MinSize, B.MaxSize);
  std::string Fn = m::calleeName(Call);
  std::string Msg =
      "'" + Fn + "' cannot release this block" +
      (Of.empty() ? std::string() : " of " + Of) + ": blocks of at most " +
      Max + " from " + describePool(B.origin(), B.Pool, C.getPredecessor()) +
      " are kept until the pool is destroyed, and " + Fn +
      " returns NGX_DECLINED; reuse the buffer instead of freeing and allocating "
      "again, or give this phase a pool of its own "
      "(ngx_create_pool/ngx_destroy_pool)";
  auto R = std::make_unique<SmallBlockReport>(SmallBlock, Msg, N,
                                              Call.getOriginExpr(), B.Site);
  R->addRange(Call.getSourceRange());
  R->markInteresting(Sym);
  C.emitReport(std::move(R));
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

void PfreeChecker::printState(raw_ostream &Out, ProgramStateRef State,
                              const char *NL, const char *Sep) const {
  auto Blocks = State->get<PoolBlocks>();
  auto Pending = State->get<PendingSizes>();
  if (Blocks.isEmpty() && Pending.isEmpty())
    return;
  Out << Sep << "nginx.Pfree:" << NL;
  for (auto [Sym, B] : Blocks) {
    Out << "  block " << Sym << " of size ";
    B.Size.dumpToStream(Out);
    Out << " from pool " << B.Pool
        << (B.Released ? ", released by ngx_pfree"
            : B.AtAllocation == Smallness::Small ? ", small"
            : B.AtAllocation == Smallness::Large ? ", large"
                                                 : "")
        << NL;
  }
  for (auto [Site, Size] : Pending) {
    Out << "  allocation at " << static_cast<const void *>(Site)
        << " asks for ";
    Size.dumpToStream(Out);
    Out << NL;
  }
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
  Checker->Sizes = m::PoolSizes::fromOptions(Mgr.getAnalyzerOptions());
}

bool ngx_pool_check::shouldRegisterPfreeChecker(const CheckerManager &) {
  return true;
}
