//===- Merge.cpp - The SARIF logs of sharded runs as one run --------------===//
//
// Sorting and de-duplication are Results.cpp's (reportOrder, isSameReport):
// each shard kept the least copy of a finding among its units, the merge
// keeps the least among the shards, which is the least among all units.
// Suppressions were decided in the shards (from the source line) and are
// kept; a --baseline given to merge is applied as mergeResults applies it.
//
//===----------------------------------------------------------------------===//

#include "Merge.h"

#include "Checks.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"

#include <algorithm>
#include <tuple>

namespace ngx_pool_check {
namespace driver {

namespace {

using llvm::json::Array;
using llvm::json::Object;

llvm::Expected<std::vector<const CheckerInfo *>>
mergedRules(const std::vector<SarifLog> &Logs) {
  llvm::StringSet<> Ids;
  for (const SarifLog &Log : Logs)
    for (const std::string &Id : Log.RuleIds) {
      const CheckerInfo *Checker = findChecker(Id);
      if (!Checker || Checker->Hidden)
        return llvm::createStringError(
            llvm::inconvertibleErrorCode(),
            "merge: '" + Log.Path + "' has the rule '" + Id +
                "', which this ngx-pool-check does not know (a log of "
                "another version?)");
      Ids.insert(Id);
    }
  std::vector<const CheckerInfo *> Rules;
  for (const CheckerInfo *Checker : ruleCheckers())
    if (Ids.contains(Checker->FullName))
      Rules.push_back(Checker);
  return Rules;
}

std::vector<FailedFile> mergedFailures(std::vector<SarifLog> &Logs) {
  std::vector<FailedFile> Failures;
  for (SarifLog &Log : Logs)
    std::move(Log.Failures.begin(), Log.Failures.end(),
              std::back_inserter(Failures));
  auto Key = [](const FailedFile &F) { return std::tie(F.File, F.Reason); };
  llvm::sort(Failures, [&](const FailedFile &A, const FailedFile &B) {
    return Key(A) < Key(B);
  });
  Failures.erase(std::unique(Failures.begin(), Failures.end(),
                             [&](const FailedFile &A, const FailedFile &B) {
                               return Key(A) == Key(B);
                             }),
                 Failures.end());
  return Failures;
}

} // namespace

llvm::Expected<MergedLogs> mergeLogs(std::vector<SarifLog> Logs,
                                     Baseline *Known) {
  MergedLogs Merged;
  llvm::Expected<std::vector<const CheckerInfo *>> Rules = mergedRules(Logs);
  if (!Rules)
    return Rules.takeError();
  Merged.Rules = std::move(*Rules);

  RunResults &Run = Merged.Run;
  Run.HasBaseline = Known != nullptr;
  std::vector<MergedFinding> All;
  for (SarifLog &Log : Logs) {
    Run.HasBaseline |= Log.HasBaseline;
    std::move(Log.Findings.begin(), Log.Findings.end(),
              std::back_inserter(All));
  }
  Run.Failures = mergedFailures(Logs);

  llvm::sort(All, [](const MergedFinding &A, const MergedFinding &B) {
    return reportOrder(A.Report, B.Report);
  });
  All.erase(std::unique(All.begin(), All.end(),
                        [](const MergedFinding &A, const MergedFinding &B) {
                          return isSameReport(A.Report, B.Report);
                        }),
            All.end());
  for (MergedFinding &F : All) {
    if (!F.Suppressed && Known && Known->takeKnown(F.Report)) {
      ++Run.KnownFromBaseline;
      continue;
    }
    Run.Findings.push_back(std::move(F));
  }
  return Merged;
}

void recordShardInvocations(llvm::json::Value &MergedLog,
                            const std::vector<SarifLog> &Logs) {
  Array Shards;
  for (const SarifLog &Log : Logs)
    for (const llvm::json::Value &Value : Log.Invocations) {
      const Object *Invocation = Value.getAsObject();
      Object Shard;
      if (const llvm::json::Value *Arguments = Invocation->get("arguments"))
        Shard["arguments"] = *Arguments;
      if (const llvm::json::Value *Success =
              Invocation->get("executionSuccessful"))
        Shard["executionSuccessful"] = *Success;
      Shards.push_back(std::move(Shard));
    }
  Object *Run =
      MergedLog.getAsObject()->getArray("runs")->front().getAsObject();
  Object *Invocation = Run->getArray("invocations")->front().getAsObject();
  (*Invocation)["properties"] =
      Object{{"mergedInvocations", std::move(Shards)}};
}

} // namespace driver
} // namespace ngx_pool_check
