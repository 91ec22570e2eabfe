//===- SarifOutput.cpp - One SARIF 2.1.0 run for the whole invocation -----===//
//
// What GitHub code scanning and the validator's "Sarif;Gh" rules want, and
// where it comes from:
//   - tool.driver: name, version/semanticVersion (toolVersion()),
//     informationUri (homePage()), one rule per enabled checker: id (full
//     name), name (CheckerInfo::RuleName), short and full descriptions,
//     help as text and markdown with the bad and good examples, helpUri,
//     default level, tags and precision (CheckerDoc);
//   - URIs relative to --srcroot under the uriBaseId %SRCROOT% (declared in
//     originalUriBaseIds); files outside it get absolute file: URIs;
//   - results: ruleId/ruleIndex, level, message, location (the reported
//     line as its context region),
//     the enclosing function as a logical location, the path as a code
//     flow (nestingLevel = call depth), its steps and the extra notes as
//     related locations, partialFingerprints, in-source suppressions, and
//     the fix-it as `fixes` (one fix: a description, and per file the
//     replacements, deletedRegion in code-point columns with the end
//     exclusive, the replaced text as its snippet, and insertedContent);
//   - one invocation: executionSuccessful, and a notification per file
//     that could not be analysed.
// Messages end with a period (SARIF2001). Columns are code points
// (columnKind unicodeCodePoints).
//
//===----------------------------------------------------------------------===//

#include "SarifOutput.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

namespace ngx_pool_check {
namespace driver {

namespace {

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

constexpr llvm::StringLiteral Schema =
    "https://json.schemastore.org/sarif-2.1.0.json";
constexpr llvm::StringLiteral SrcRootId = "%SRCROOT%";

/// \p Text as a sentence: trimmed, ending with a period.
std::string sentence(llvm::StringRef Text) {
  std::string S = Text.trim().str();
  if (!S.empty() && S.back() != '.' && S.back() != '!' && S.back() != '?')
    S += '.';
  return S;
}

Object message(llvm::StringRef Text) {
  return Object{{"text", sentence(Text)}};
}

/// Percent-encodes a path for a URI, keeping '/' and unreserved characters.
std::string uriPath(llvm::StringRef Path) {
  std::string Out;
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || C == '/' || C == '-' || C == '.' || C == '_' ||
        C == '~') {
      Out += C;
    } else {
      Out += '%';
      Out += llvm::hexdigit(C >> 4);
      Out += llvm::hexdigit(C & 15);
    }
  }
  return Out;
}

/// Code points [Begin, End) of \p Line, 1-based columns as in SARIF.
std::string codePointSlice(llvm::StringRef Line, unsigned Begin, unsigned End) {
  std::string Out;
  unsigned Column = 0;
  for (unsigned char C : Line) {
    if ((C & 0xC0) != 0x80)
      ++Column;
    if (Column >= End)
      break;
    if (Column >= Begin)
      Out += C;
  }
  return Out;
}

std::string fileUri(llvm::StringRef AbsolutePath) {
  return "file://" + uriPath(AbsolutePath);
}

/// GitHub's problem.severity for a SARIF level.
llvm::StringRef problemSeverity(llvm::StringRef Level) {
  return Level == "note" ? "recommendation" : Level;
}

llvm::StringRef ruleLevel(const CheckerInfo &Checker) {
  return Checker.Doc ? llvm::StringRef(Checker.Doc->Level) : "warning";
}

std::string helpText(const CheckerInfo &Checker) {
  const CheckerDoc &Doc = *Checker.Doc;
  return sentence(Doc.FullDescription) + "\n\nBad:\n\n" + Doc.BadExample.str() +
         "\nGood:\n\n" + Doc.GoodExample.str() +
         "\nDocumentation: " + Checker.docsUri() + "\n";
}

std::string helpMarkdown(const CheckerInfo &Checker) {
  const CheckerDoc &Doc = *Checker.Doc;
  return sentence(Doc.FullDescription) + "\n\n**Bad**\n\n```c\n" +
         Doc.BadExample.str() + "```\n\n**Good**\n\n```c\n" +
         Doc.GoodExample.str() + "```\n\n[Documentation](" + Checker.docsUri() +
         ")\n";
}

class SarifBuilder {
public:
  explicit SarifBuilder(const SarifRun &Run) : Run(Run) {}

  Value build() const {
    Array Rules;
    for (const CheckerInfo *Checker : Run.Rules)
      Rules.push_back(rule(*Checker));
    Array Results;
    for (const MergedFinding &F : Run.Results.Findings)
      Results.push_back(result(F));

    Object Driver{{"name", "ngx-pool-check"},
                  {"fullName", "ngx-pool-check nginx static analyzer"},
                  {"version", toolVersion()},
                  {"semanticVersion", toolVersion()},
                  {"informationUri", homePage()},
                  {"rules", std::move(Rules)}};
    Object SarifRunObject{
        {"tool", Object{{"driver", std::move(Driver)}}},
        {"originalUriBaseIds", Object{{SrcRootId, Object{{"uri", rootUri()}}}}},
        {"invocations", Array{invocation()}},
        {"columnKind", "unicodeCodePoints"},
        {"results", std::move(Results)}};
    return Object{{"$schema", Schema},
                  {"version", "2.1.0"},
                  {"runs", Array{std::move(SarifRunObject)}}};
  }

private:
  std::string rootUri() const {
    std::string Uri = fileUri(Run.SrcRoot);
    if (Uri.back() != '/')
      Uri += '/';
    return Uri;
  }

  Object artifactLocation(llvm::StringRef File) const {
    llvm::StringRef Relative = File;
    if (Relative.consume_front(Run.SrcRoot) &&
        (Run.SrcRoot == "/" || Relative.consume_front("/")) &&
        !Relative.empty())
      return Object{{"uri", uriPath(Relative)}, {"uriBaseId", SrcRootId}};
    return Object{{"uri", fileUri(File)}};
  }

  /// A position; with \p LineText, the whole line as the context region.
  Object physicalLocation(const SourcePosition &P, unsigned EndCharColumn = 0,
                          llvm::StringRef LineText = "") const {
    Object Region{{"startLine", P.Line}, {"startColumn", P.CharColumn}};
    if (EndCharColumn > P.CharColumn) {
      Region["endColumn"] = EndCharColumn;
      std::string Text = codePointSlice(LineText, P.CharColumn, EndCharColumn);
      if (!Text.empty())
        Region["snippet"] = Object{{"text", std::move(Text)}};
    }
    Object Location{{"artifactLocation", artifactLocation(P.File)},
                    {"region", std::move(Region)}};
    if (!LineText.trim().empty())
      Location["contextRegion"] = Object{
          {"startLine", P.Line}, {"snippet", Object{{"text", LineText}}}};
    return Location;
  }

  Object rule(const CheckerInfo &Checker) const {
    Object Rule{
        {"id", Checker.FullName},
        {"name", Checker.RuleName},
        {"shortDescription", message(Checker.Description)},
        {"helpUri", Checker.docsUri()},
        {"defaultConfiguration", Object{{"level", ruleLevel(Checker)}}}};
    Object Properties{
        {"problem.severity", problemSeverity(ruleLevel(Checker))}};
    if (const CheckerDoc *Doc = Checker.Doc) {
      Rule["fullDescription"] = message(Doc->FullDescription);
      Rule["help"] = Object{{"text", helpText(Checker)},
                            {"markdown", helpMarkdown(Checker)}};
      Array Tags;
      for (llvm::StringRef Tag : Doc->Tags)
        Tags.push_back(Tag);
      Properties["tags"] = std::move(Tags);
      Properties["precision"] = Doc->Precision;
    } else {
      Rule["fullDescription"] = message(Checker.Description);
      Rule["help"] = Object{{"text", sentence(Checker.Description)},
                            {"markdown", sentence(Checker.Description)}};
    }
    Rule["properties"] = std::move(Properties);
    return Rule;
  }

  std::optional<size_t> ruleIndex(llvm::StringRef Checker) const {
    for (size_t I = 0; I < Run.Rules.size(); ++I)
      if (Run.Rules[I]->FullName == Checker)
        return I;
    return std::nullopt;
  }

  Object result(const MergedFinding &M) const {
    const Finding &F = M.Report;
    std::optional<size_t> Index = ruleIndex(F.Checker);
    Object Location{{"physicalLocation",
                     physicalLocation(F.Where, F.EndCharColumn, F.LineText)}};
    if (!F.Function.empty())
      Location["logicalLocations"] =
          Array{Object{{"name", F.Function}, {"kind", "function"}}};

    Object Result{
        {"ruleId", F.Checker},
        {"level", Index ? ruleLevel(*Run.Rules[*Index]) : "warning"},
        {"message", message(F.Message)},
        {"locations", Array{std::move(Location)}},
        {"partialFingerprints", Object{{FingerprintKey, F.IssueHash}}}};
    if (Index)
      Result["ruleIndex"] = *Index;
    if (!F.Path.empty())
      Result["codeFlows"] = Array{codeFlow(F)};
    Array Related = relatedLocations(F);
    if (!Related.empty())
      Result["relatedLocations"] = std::move(Related);
    if (!F.Fixes.empty())
      Result["fixes"] = Array{fix(F.Fixes)};
    if (M.Suppressed) {
      Object S{{"kind", "inSource"}};
      if (!M.Suppressed->Justification.empty())
        S["justification"] = M.Suppressed->Justification;
      Result["suppressions"] = Array{std::move(S)};
    }
    if (Run.Results.HasBaseline)
      Result["baselineState"] = "new";
    return Result;
  }

  /// A fix: its edits, grouped by file in the order they come.
  Object fix(const std::vector<FixReplacement> &Edits) const {
    std::string Description;
    std::vector<std::string> Files;
    std::vector<Array> Replacements;
    for (const FixReplacement &Edit : Edits) {
      Description += (Description.empty() ? "" : "; ") + describeEdit(Edit);
      auto It = llvm::find(Files, Edit.Begin.File);
      if (It == Files.end()) {
        Files.push_back(Edit.Begin.File);
        Replacements.emplace_back();
        It = std::prev(Files.end());
      }
      Replacements[It - Files.begin()].push_back(replacement(Edit));
    }
    Array Changes;
    for (size_t I = 0; I < Files.size(); ++I)
      Changes.push_back(Object{{"artifactLocation", artifactLocation(Files[I])},
                               {"replacements", std::move(Replacements[I])}});
    Description[0] = llvm::toUpper(Description[0]);
    return Object{{"description", message(Description)},
                  {"artifactChanges", std::move(Changes)}};
  }

  static Object replacement(const FixReplacement &Edit) {
    Object Deleted{{"startLine", Edit.Begin.Line},
                   {"startColumn", Edit.Begin.CharColumn},
                   {"endLine", Edit.End.Line},
                   {"endColumn", Edit.End.CharColumn}};
    if (!Edit.Removed.empty())
      Deleted["snippet"] = Object{{"text", Edit.Removed}};
    return Object{{"deletedRegion", std::move(Deleted)},
                  {"insertedContent", Object{{"text", Edit.Text}}}};
  }

  Object codeFlow(const Finding &F) const {
    Array Steps;
    for (size_t I = 0; I < F.Path.size(); ++I) {
      const PathNote &Step = F.Path[I];
      Object Location{{"physicalLocation", physicalLocation(Step.Where)},
                      {"message", message(Step.Message)}};
      Steps.push_back(Object{{"location", std::move(Location)},
                             {"nestingLevel", Step.Depth},
                             {"executionOrder", I + 1}});
    }
    return Object{
        {"message", message("Path to the finding")},
        {"threadFlows", Array{Object{{"locations", std::move(Steps)}}}}};
  }

  /// The extra notes, and the path's steps before the finding itself.
  Array relatedLocations(const Finding &F) const {
    Array Related;
    auto Add = [&](const PathNote &Note) {
      Related.push_back(
          Object{{"id", Related.size() + 1},
                 {"physicalLocation", physicalLocation(Note.Where)},
                 {"message", message(Note.Message)}});
    };
    for (const PathNote &Note : F.Notes)
      Add(Note);
    for (size_t I = 0; I + 1 < F.Path.size(); ++I)
      Add(F.Path[I]);
    return Related;
  }

  Object invocation() const {
    Array Notifications;
    for (const FailedFile &Failure : Run.Results.Failures)
      Notifications.push_back(Object{
          {"level", "error"},
          {"descriptor", Object{{"id", "ngx-pool-check/file-not-analysed"}}},
          {"message",
           message("The file could not be analysed: " + Failure.Reason)},
          {"locations",
           Array{Object{{"physicalLocation",
                         Object{{"artifactLocation",
                                 artifactLocation(Failure.File)}}}}}}});
    Array Arguments;
    for (const std::string &Argument : Run.Arguments)
      Arguments.push_back(Argument);
    return Object{{"executionSuccessful", Run.Results.Failures.empty()},
                  {"arguments", std::move(Arguments)},
                  {"toolExecutionNotifications", std::move(Notifications)}};
  }

  const SarifRun &Run;
};

} // namespace

llvm::json::Value buildSarif(const SarifRun &Run) {
  return SarifBuilder(Run).build();
}

} // namespace driver
} // namespace ngx_pool_check
