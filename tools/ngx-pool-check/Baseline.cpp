//===- Baseline.cpp - Findings already known from an earlier SARIF --------===//
//
// Reads runs[].results[] of a SARIF log with llvm::json. Results without our
// fingerprint (another tool's) are ignored; a file that is not JSON, or
// JSON without a `runs` array, is an error.
//
//===----------------------------------------------------------------------===//

#include "Baseline.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

namespace ngx_pool_check {
namespace driver {

namespace {

llvm::Error baselineError(llvm::StringRef Path, const llvm::Twine &Why) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "--baseline: '" + Path + "' " + Why);
}

} // namespace

llvm::Expected<Baseline> Baseline::load(llvm::StringRef Path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
      llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return baselineError(Path,
                         "cannot be read: " + Buffer.getError().message());

  llvm::Expected<llvm::json::Value> Log =
      llvm::json::parse((*Buffer)->getBuffer());
  if (!Log) {
    std::string Why = llvm::toString(Log.takeError());
    return baselineError(Path, "is not JSON: " + Why);
  }
  const llvm::json::Object *Root = Log->getAsObject();
  const llvm::json::Array *Runs = Root ? Root->getArray("runs") : nullptr;
  if (!Runs)
    return baselineError(Path, "is not a SARIF log (no \"runs\" array)");

  Baseline Known;
  for (const llvm::json::Value &Run : *Runs) {
    const llvm::json::Object *RunObject = Run.getAsObject();
    const llvm::json::Array *Results =
        RunObject ? RunObject->getArray("results") : nullptr;
    if (!Results)
      continue;
    for (const llvm::json::Value &Result : *Results) {
      const llvm::json::Object *R = Result.getAsObject();
      if (!R)
        continue;
      std::optional<llvm::StringRef> Rule = R->getString("ruleId");
      const llvm::json::Object *Prints = R->getObject("partialFingerprints");
      std::optional<llvm::StringRef> Print =
          Prints ? Prints->getString(FingerprintKey) : std::nullopt;
      if (Rule && Print)
        ++Known.Remaining[{Rule->str(), Print->str()}];
    }
  }
  return Known;
}

bool Baseline::takeKnown(const Finding &F) {
  auto It = Remaining.find({F.Checker, F.IssueHash});
  if (It == Remaining.end() || It->second == 0)
    return false;
  --It->second;
  return true;
}

} // namespace driver
} // namespace ngx_pool_check
