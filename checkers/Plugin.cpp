//===- Plugin.cpp - Entry points of the clang analyzer plugin -------------===//
//
// clang --analyze -Xclang -load -Xclang libngx-pool-check-plugin.so
//       -Xclang -analyzer-checker=nginx file.c
//
// clang loads the plugin only when the version string below equals its own
// (compared with strcmp): a clang point release needs a rebuild.
//
//===----------------------------------------------------------------------===//

#include "Registration.h"

#include "clang/StaticAnalyzer/Frontend/CheckerRegistry.h"

extern "C" void clang_registerCheckers(clang::ento::CheckerRegistry &Registry) {
  ngx_pool_check::registerCheckers(Registry);
}

extern "C" const char clang_analyzerAPIVersionString[] =
    CLANG_ANALYZER_API_VERSION_STRING;
