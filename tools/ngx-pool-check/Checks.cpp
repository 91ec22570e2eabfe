//===- Checks.cpp - Choosing checkers by name, clang-tidy style -----------===//
//
// Globs over the registration table. Everything the driver knows about a
// checker comes from ngx_pool_check::checkers(): a checker added to the table
// is selectable here without touching the driver.
//
//===----------------------------------------------------------------------===//

#include "Checks.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"

namespace ngx_pool_check {
namespace driver {

bool matchesGlob(llvm::StringRef Glob, llvm::StringRef Name) {
  // Classic backtracking over the last '*': linear enough for names.
  size_t G = 0, N = 0, StarG = llvm::StringRef::npos, StarN = 0;
  while (N < Name.size()) {
    if (G < Glob.size() && Glob[G] == '*') {
      StarG = G++;
      StarN = N;
    } else if (G < Glob.size() && Glob[G] == Name[N]) {
      ++G;
      ++N;
    } else if (StarG != llvm::StringRef::npos) {
      G = StarG + 1;
      N = ++StarN;
    } else {
      return false;
    }
  }
  while (G < Glob.size() && Glob[G] == '*')
    ++G;
  return G == Glob.size();
}

std::vector<const CheckerInfo *> ruleCheckers() {
  std::vector<const CheckerInfo *> Rules;
  for (const CheckerInfo &Info : checkers())
    if (!Info.Hidden)
      Rules.push_back(&Info);
  return Rules;
}

llvm::Expected<std::vector<const CheckerInfo *>>
selectCheckers(llvm::StringRef Checks) {
  std::vector<const CheckerInfo *> Rules = ruleCheckers();
  std::vector<bool> Enabled(Rules.size(), false);

  llvm::SmallVector<llvm::StringRef, 8> Globs;
  Checks.split(Globs, ',', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  for (llvm::StringRef Glob : Globs) {
    Glob = Glob.trim();
    if (Glob.empty())
      continue;
    bool Enable = !Glob.consume_front("-");
    Glob = Glob.trim();
    bool Matched = false;
    for (size_t I = 0; I < Rules.size(); ++I) {
      if (!matchesGlob(Glob, Rules[I]->FullName))
        continue;
      Enabled[I] = Enable;
      Matched = true;
    }
    if (!Matched)
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "--checks: '" + Glob.str() +
              "' matches no checker (see --list-checks)");
  }

  std::vector<const CheckerInfo *> Selected;
  for (size_t I = 0; I < Rules.size(); ++I)
    if (Enabled[I])
      Selected.push_back(Rules[I]);
  if (Selected.empty())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "--checks: '" + Checks.str() +
                                       "' enables no checker");
  return Selected;
}

} // namespace driver
} // namespace ngx_pool_check
