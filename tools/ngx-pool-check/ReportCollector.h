//===- ReportCollector.h - The analyzer's reports, as Findings ------------===//
//
// A PathDiagnosticConsumer that the driver adds to each translation unit's
// AnalysisASTConsumer. It receives the analyzer's reports with their path
// pieces (not clang's printed text) and copies each into a Finding while the
// TU's SourceManager is alive. The analysis consumer owns and deletes it.
//
//===----------------------------------------------------------------------===//

#ifndef NGX_POOL_CHECK_DRIVER_REPORTCOLLECTOR_H
#define NGX_POOL_CHECK_DRIVER_REPORTCOLLECTOR_H

#include "Finding.h"

#include "llvm/ADT/StringSet.h"

#include <string>
#include <vector>

namespace clang {
class FileID;
class LangOptions;
class SourceManager;
namespace ento {
class PathDiagnosticConsumer;
} // namespace ento
} // namespace clang

namespace ngx_pool_check {
namespace driver {

/// A consumer that appends the reports of \p Checkers (full names) to \p Out
/// and drops every other report (the core modeling checkers' own).
clang::ento::PathDiagnosticConsumer *
createReportCollector(const clang::LangOptions &LangOpts,
                      const llvm::StringSet<> &Checkers,
                      std::vector<Finding> &Out);

/// The absolute name of \p FID's file, "." and ".." removed, as findings
/// name it (SourcePosition::File).
std::string absoluteFileName(const clang::SourceManager &SM, clang::FileID FID);

} // namespace driver
} // namespace ngx_pool_check

#endif // NGX_POOL_CHECK_DRIVER_REPORTCOLLECTOR_H
