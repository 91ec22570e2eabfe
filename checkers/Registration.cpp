//===- Registration.cpp - The one table of nginx checkers -----------------===//

#include "Registration.h"

#include "Checkers.h"
#include "NginxModel.h"

#include "clang/StaticAnalyzer/Frontend/CheckerRegistry.h"

using namespace clang::ento;

namespace ngx_pool_check {

#ifndef NGX_PC_VERSION
#error "NGX_PC_VERSION must be defined by the build"
#endif
#ifndef NGX_PC_HOMEPAGE
#error "NGX_PC_HOMEPAGE must be defined by the build"
#endif

llvm::StringRef toolVersion() { return NGX_PC_VERSION; }
llvm::StringRef homePage() { return NGX_PC_HOMEPAGE; }

namespace {

/// A row of the table: what users see, and how to register it.
struct Entry {
  CheckerInfo Info;
  void (*Register)(CheckerManager &);
  bool (*ShouldRegister)(const CheckerManager &);
  llvm::ArrayRef<llvm::StringLiteral> Dependencies;
};

constexpr llvm::StringLiteral ModelingName = "nginx.APIModeling";
const llvm::StringLiteral NeedsModeling[] = {ModelingName};

const CheckerOptionInfo ResourceLeakOptions[] = {
    {"string", "ConfigFile", "",
     "A file declaring more acquire/release/use functions, one per line: "
     "'<family> acquire|acquire-out|release|use <function> [argument index]' "
     "(see checkers/ResourceLeak.md)"},
};

const Entry Table[] = {
    {{ModelingName,
      "NginxAPIModeling",
      "Models nginx API calls (pool creation, containers) for the nginx "
      "checkers",
      "checkers/NginxModel.h",
      /*Hidden=*/true,
      {},
      nullptr},
     registerNginxAPIModeling,
     shouldRegisterNginxAPIModeling,
     {}},
    {{"nginx.PoolLifetime",
      "PerRequestAllocationFromConnectionPool",
      "Finds request code that allocates from the connection pool "
      "(r->connection->pool) instead of the request pool (r->pool)",
      "checkers/PoolLifetime.md",
      /*Hidden=*/false,
      {},
      &PoolLifetimeDoc},
     registerPoolLifetimeChecker,
     shouldRegisterPoolLifetimeChecker,
     NeedsModeling},
    {{"nginx.ResourceLeak", "ResourceWithoutCloseOrCleanup",
      "Finds descriptors and handles that are neither closed nor handed to a "
      "pool cleanup, closed twice, or used after being closed",
      "checkers/ResourceLeak.md", /*Hidden=*/false, ResourceLeakOptions,
      &ResourceLeakDoc},
     registerResourceLeakChecker,
     shouldRegisterResourceLeakChecker,
     NeedsModeling},
    {{"nginx.Pfree", "PfreeThatCannotFree",
      "Finds ngx_pfree calls that cannot free (small blocks, another pool's "
      "blocks, memory not from a pool) and uses of blocks ngx_pfree released",
      "checkers/Pfree.md", /*Hidden=*/false, {}, &PfreeDoc},
     registerPfreeChecker,
     shouldRegisterPfreeChecker,
     NeedsModeling},
    {{"nginx.CyclePool", "PerRequestAllocationFromCyclePool",
      "Finds request-time and event-time code that allocates from the cycle "
      "pool, or from a pool saved in a configuration, which lives until "
      "nginx reloads",
      "checkers/CyclePool.md", /*Hidden=*/false, {}, &CyclePoolDoc},
     registerCyclePoolChecker,
     shouldRegisterCyclePoolChecker,
     NeedsModeling},
    {{"nginx.RequestEscape", "RequestMemoryStoredInLongLivedStorage",
      "Finds request-pool memory (or the request, or its context) stored "
      "where it outlives the request: a static, a module's configuration, "
      "the cycle, a connection field kept across keepalive requests",
      "checkers/RequestEscape.md", /*Hidden=*/false, {}, &RequestEscapeDoc},
     registerRequestEscapeChecker,
     shouldRegisterRequestEscapeChecker,
     NeedsModeling},
    {{"nginx.TimerLifetime", "TimerArmedOnRequestMemory",
      "Finds timers armed on events in request memory (r->pool, the module "
      "context) that are still armed when the function returns, with no "
      "cleanup that deletes them",
      "checkers/TimerLifetime.md", /*Hidden=*/false, {}, &TimerLifetimeDoc},
     registerTimerLifetimeChecker,
     shouldRegisterTimerLifetimeChecker,
     NeedsModeling},
    {{"nginx.PoolLeak", "PoolNeverDestroyed",
      "Finds pools from ngx_create_pool that are never destroyed or replaced "
      "while alive, destroyed twice, or used after ngx_destroy_pool",
      "checkers/PoolLeak.md", /*Hidden=*/false, {}, &PoolLeakDoc},
     registerPoolLeakChecker,
     shouldRegisterPoolLeakChecker,
     NeedsModeling},
};

std::vector<CheckerOptionInfo> buildPackageOptions() {
  std::vector<CheckerOptionInfo> Options;
  const model::PoolSizes Defaults;
  for (const model::PoolSizes::Option &O : model::PoolSizes::options())
    Options.push_back(
        {"int", O.Name, std::to_string(Defaults.*O.Field), O.Description});
  return Options;
}

std::vector<CheckerInfo> buildInfos() {
  std::vector<CheckerInfo> Infos;
  for (const Entry &E : Table)
    Infos.push_back(E.Info);
  return Infos;
}

} // namespace

std::string CheckerInfo::docsUri() const {
  return homePage().str() + "/blob/main/" + DocFile.str();
}

llvm::ArrayRef<CheckerInfo> checkers() {
  static const std::vector<CheckerInfo> Infos = buildInfos();
  return Infos;
}

llvm::ArrayRef<CheckerOptionInfo> packageOptions() {
  static const std::vector<CheckerOptionInfo> Options = buildPackageOptions();
  return Options;
}

const llvm::ArrayRef<CheckerOptionInfo> *optionsOf(llvm::StringRef Name) {
  static const llvm::ArrayRef<CheckerOptionInfo> Package = packageOptions();
  if (Name == PackageName)
    return &Package;
  const CheckerInfo *Info = findChecker(Name);
  return Info ? &Info->Options : nullptr;
}

const CheckerInfo *findChecker(llvm::StringRef FullName) {
  for (const CheckerInfo &I : checkers())
    if (I.FullName == FullName)
      return &I;
  return nullptr;
}

void registerCheckers(CheckerRegistry &Registry) {
  Registry.addPackage(PackageName);
  for (const CheckerOptionInfo &O : packageOptions())
    Registry.addPackageOption(O.Type, PackageName, O.Name, O.Default,
                              O.Description, "released");
  for (const Entry &E : Table) {
    Registry.addChecker(E.Register, E.ShouldRegister, E.Info.FullName,
                        E.Info.Description, E.Info.docsUri(), E.Info.Hidden);
    for (const CheckerOptionInfo &O : E.Info.Options)
      Registry.addCheckerOption(O.Type, E.Info.FullName, O.Name, O.Default,
                                O.Description, "released");
  }
  for (const Entry &E : Table)
    for (llvm::StringRef Dep : E.Dependencies)
      Registry.addDependency(E.Info.FullName, Dep);
}

} // namespace ngx_pool_check
