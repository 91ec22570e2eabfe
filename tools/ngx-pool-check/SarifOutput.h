//===- SarifOutput.h - One SARIF 2.1.0 run for the whole invocation -------===//
//
// Built with llvm::json (clang's SarifDocumentWriter is tied to one
// SourceManager and has no fingerprints, related locations, help markdown
// or uriBaseId). Rules come from the registration table; results carry
// code flows, related locations, a line-independent fingerprint and, when
// suppressed in source, their suppression. The run passes Microsoft's SARIF
// validator with GitHub's ingestion rules.
//
//===----------------------------------------------------------------------===//

#ifndef NGX_POOL_CHECK_DRIVER_SARIFOUTPUT_H
#define NGX_POOL_CHECK_DRIVER_SARIFOUTPUT_H

#include "Results.h"

#include "Registration.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/JSON.h"

#include <string>
#include <vector>

namespace ngx_pool_check {
namespace driver {

struct SarifRun {
  const RunResults &Results;
  /// The enabled reporting checkers: the run's rules, in this order.
  llvm::ArrayRef<const CheckerInfo *> Rules;
  /// Absolute directory URIs are relative to (%SRCROOT%).
  std::string SrcRoot;
  /// The command line, for the invocation record.
  llvm::ArrayRef<std::string> Arguments;
};

/// The SARIF log.
llvm::json::Value buildSarif(const SarifRun &Run);

} // namespace driver
} // namespace ngx_pool_check

#endif // NGX_POOL_CHECK_DRIVER_SARIFOUTPUT_H
