//===- SarifInput.cpp - Reading back the SARIF logs the driver wrote ------===//
//
// The inverse of SarifOutput.cpp, field by field:
//   - positions: artifactLocation (a URI under %SRCROOT%, resolved with the
//     run's originalUriBaseIds, or an absolute file: URI, percent-decoded),
//     region.startLine/startColumn (code points; also used as the byte
//     column: on one line both orders agree, and only the order matters);
//   - a result: ruleId, message, its location's region end, context line
//     and logical location (the function), partialFingerprints, the code
//     flow's steps (nestingLevel is the call depth), the related locations
//     that are not path steps (the extra notes), suppressions, the first
//     fix's replacements (positions, replaced text from the deleted
//     region's snippet, inserted text; no byte offsets: a merged log is
//     not applied);
//   - failures: the notifications of the invocations, "The file could not be
//     analysed: <reason>".
// SarifOutput wrote messages as sentences (a period added); the period is
// taken off again, which gives back the analyzer's text (its messages do
// not end with one), so the merged findings sort and print as the
// unsharded run's, and writing them as sentences gives the same SARIF.
//
//===----------------------------------------------------------------------===//

#include "SarifInput.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"

namespace ngx_pool_check {
namespace driver {

namespace {

using llvm::json::Array;
using llvm::json::Object;

constexpr llvm::StringLiteral FailurePrefix =
    "The file could not be analysed: ";

/// Thrown-free error reporting for one log: the first problem wins.
class LogReader {
public:
  LogReader(llvm::StringRef Path, llvm::StringRef Option)
      : Path(Path), Option(Option) {}

  llvm::Error error(const llvm::Twine &Why) const {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   Option + ": '" + Path + "' " + Why);
  }

  llvm::Error malformed(const std::string &Where,
                        const llvm::Twine &Why) const {
    return error("is not a SARIF log of ngx-pool-check: " + Where + ": " + Why);
  }

  llvm::Expected<SarifLog> read() {
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
        llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
    if (!Buffer)
      return error("cannot be read: " + Buffer.getError().message());
    llvm::Expected<llvm::json::Value> Log =
        llvm::json::parse((*Buffer)->getBuffer());
    if (!Log)
      return error("is not JSON: " + llvm::toString(Log.takeError()));
    const Object *Root = Log->getAsObject();
    const Array *Runs = Root ? Root->getArray("runs") : nullptr;
    if (!Runs)
      return error("is not a SARIF log (no \"runs\" array)");
    if (Root->getString("version") != llvm::StringRef("2.1.0"))
      return error("is not a SARIF 2.1.0 log");

    SarifLog Out;
    Out.Path = Path.str();
    for (size_t I = 0; I < Runs->size(); ++I)
      if (llvm::Error E =
              readRun((*Runs)[I], "runs[" + std::to_string(I) + "]", Out))
        return E;
    return Out;
  }

private:
  static std::string percentDecode(llvm::StringRef Text) {
    std::string Out;
    for (size_t I = 0; I < Text.size(); ++I) {
      unsigned Byte;
      if (Text[I] == '%' && I + 2 < Text.size() &&
          !Text.substr(I + 1, 2).getAsInteger(16, Byte)) {
        Out += static_cast<char>(Byte);
        I += 2;
      } else {
        Out += Text[I];
      }
    }
    return Out;
  }

  /// The absolute path of a file: URI, or "" when it is not one.
  static std::string filePath(llvm::StringRef Uri) {
    if (!Uri.consume_front("file://"))
      return "";
    return percentDecode(Uri);
  }

  llvm::Error readRun(const llvm::json::Value &RunValue,
                      const std::string &Where, SarifLog &Out) {
    const Object *Run = RunValue.getAsObject();
    if (!Run)
      return malformed(Where, "not an object");
    const Object *Tool = Run->getObject("tool");
    const Object *Driver = Tool ? Tool->getObject("driver") : nullptr;
    std::optional<llvm::StringRef> Name =
        Driver ? Driver->getString("name") : std::nullopt;
    if (!Name || *Name != "ngx-pool-check")
      return error("is not a SARIF log of ngx-pool-check (tool '" +
                   Name.value_or("") + "')");

    Root.clear();
    if (const Object *Bases = Run->getObject("originalUriBaseIds"))
      if (const Object *Base = Bases->getObject("%SRCROOT%"))
        if (std::optional<llvm::StringRef> Uri = Base->getString("uri")) {
          Root = filePath(*Uri);
          if (Root.size() > 1 && Root.back() == '/')
            Root.pop_back();
        }
    if (Out.SrcRoot.empty())
      Out.SrcRoot = Root;

    if (const Array *Rules = Driver->getArray("rules"))
      for (const llvm::json::Value &Rule : *Rules) {
        const Object *R = Rule.getAsObject();
        std::optional<llvm::StringRef> Id =
            R ? R->getString("id") : std::nullopt;
        if (!Id)
          return malformed(Where + ".tool.driver.rules", "a rule has no id");
        Out.RuleIds.push_back(Id->str());
      }

    if (const Array *Results = Run->getArray("results"))
      for (size_t I = 0; I < Results->size(); ++I) {
        MergedFinding F;
        if (llvm::Error E = readResult(
                (*Results)[I], Where + ".results[" + std::to_string(I) + "]", F,
                Out))
          return E;
        Out.Findings.push_back(std::move(F));
      }

    if (const Array *Invocations = Run->getArray("invocations"))
      for (size_t I = 0; I < Invocations->size(); ++I) {
        if (llvm::Error E = readInvocation(
                (*Invocations)[I],
                Where + ".invocations[" + std::to_string(I) + "]", Out))
          return E;
        Out.Invocations.push_back((*Invocations)[I]);
      }
    return llvm::Error::success();
  }

  /// The absolute path of an artifactLocation.
  llvm::Expected<std::string> artifactPath(const Object *Artifact,
                                           const std::string &Where) const {
    std::optional<llvm::StringRef> Uri =
        Artifact ? Artifact->getString("uri") : std::nullopt;
    if (!Uri)
      return malformed(Where, "no artifactLocation.uri");
    std::optional<llvm::StringRef> Base = Artifact->getString("uriBaseId");
    if (!Base) {
      std::string File = filePath(*Uri);
      if (File.empty())
        return malformed(Where, "'" + *Uri + "' is not a file: URI");
      return File;
    }
    if (*Base != "%SRCROOT%" || Root.empty())
      return malformed(Where, "unknown uriBaseId '" + *Base + "'");
    return (Root == "/" ? "" : Root) + "/" + percentDecode(*Uri);
  }

  /// O[Key].text, without the period SarifOutput added.
  static std::optional<std::string> text(const Object *O, llvm::StringRef Key) {
    const Object *Message = O ? O->getObject(Key) : nullptr;
    std::optional<llvm::StringRef> Text =
        Message ? Message->getString("text") : std::nullopt;
    if (!Text)
      return std::nullopt;
    llvm::StringRef Sentence = *Text;
    Sentence.consume_back(".");
    return Sentence.str();
  }

  /// A physicalLocation: position, and optionally the region's end and
  /// the context line.
  llvm::Error readPosition(const Object *Physical, const std::string &Where,
                           SourcePosition &P, unsigned *EndCharColumn = nullptr,
                           std::string *LineText = nullptr) const {
    if (!Physical)
      return malformed(Where, "no physicalLocation");
    llvm::Expected<std::string> File =
        artifactPath(Physical->getObject("artifactLocation"), Where);
    if (!File)
      return File.takeError();
    const Object *Region = Physical->getObject("region");
    std::optional<int64_t> Line =
        Region ? Region->getInteger("startLine") : std::nullopt;
    std::optional<int64_t> Column =
        Region ? Region->getInteger("startColumn") : std::nullopt;
    if (!Line || !Column)
      return malformed(Where, "no region.startLine and startColumn");
    P.File = std::move(*File);
    P.Line = *Line;
    P.Column = P.CharColumn = *Column;
    if (EndCharColumn)
      *EndCharColumn = Region->getInteger("endColumn").value_or(0);
    if (LineText)
      if (const Object *Context = Physical->getObject("contextRegion"))
        if (const Object *Snippet = Context->getObject("snippet"))
          *LineText = Snippet->getString("text").value_or("").str();
    return llvm::Error::success();
  }

  llvm::Error readResult(const llvm::json::Value &Value,
                         const std::string &Where, MergedFinding &Out,
                         SarifLog &Log) const {
    const Object *R = Value.getAsObject();
    if (!R)
      return malformed(Where, "not an object");
    Finding &F = Out.Report;
    std::optional<llvm::StringRef> Rule = R->getString("ruleId");
    std::optional<std::string> Message = text(R, "message");
    const Array *Locations = R->getArray("locations");
    if (!Rule || !Message || !Locations || Locations->empty())
      return malformed(Where, "no ruleId, message or location");
    F.Checker = Rule->str();
    F.Message = std::move(*Message);

    const Object *Location = Locations->front().getAsObject();
    if (!Location)
      return malformed(Where, "a location is not an object");
    if (llvm::Error E =
            readPosition(Location->getObject("physicalLocation"), Where,
                         F.Where, &F.EndCharColumn, &F.LineText))
      return E;
    if (const Array *Logical = Location->getArray("logicalLocations"))
      if (!Logical->empty())
        if (const Object *Function = Logical->front().getAsObject())
          F.Function = Function->getString("name").value_or("").str();

    if (const Object *Prints = R->getObject("partialFingerprints"))
      F.IssueHash = Prints->getString(FingerprintKey).value_or("").str();
    if (llvm::Error E = readPath(R, Where, F))
      return E;
    if (llvm::Error E = readNotes(R, Where, F))
      return E;
    if (llvm::Error E = readFixes(R, Where, F))
      return E;

    if (const Array *Suppressions = R->getArray("suppressions"))
      if (!Suppressions->empty()) {
        const Object *S = Suppressions->front().getAsObject();
        Out.Suppressed = Suppression{
            S ? S->getString("justification").value_or("").str() : ""};
      }
    if (R->get("baselineState"))
      Log.HasBaseline = true;
    return llvm::Error::success();
  }

  llvm::Error readPath(const Object *R, const std::string &Where,
                       Finding &F) const {
    const Array *Flows = R->getArray("codeFlows");
    if (!Flows || Flows->empty())
      return llvm::Error::success();
    const Object *Flow = Flows->front().getAsObject();
    const Array *Threads = Flow ? Flow->getArray("threadFlows") : nullptr;
    const Object *Thread =
        Threads && !Threads->empty() ? Threads->front().getAsObject() : nullptr;
    const Array *Steps = Thread ? Thread->getArray("locations") : nullptr;
    if (!Steps)
      return malformed(Where, "a code flow without locations");
    for (const llvm::json::Value &StepValue : *Steps) {
      const Object *Step = StepValue.getAsObject();
      const Object *Location = Step ? Step->getObject("location") : nullptr;
      PathNote Note;
      if (llvm::Error E = readPosition(
              Location ? Location->getObject("physicalLocation") : nullptr,
              Where + ".codeFlows", Note.Where))
        return E;
      Note.Message = text(Location, "message").value_or("");
      Note.Depth = Step->getInteger("nestingLevel").value_or(0);
      F.Path.push_back(std::move(Note));
    }
    return llvm::Error::success();
  }

  /// relatedLocations: the extra notes, then the path's steps but the last.
  llvm::Error readNotes(const Object *R, const std::string &Where,
                        Finding &F) const {
    const Array *Related = R->getArray("relatedLocations");
    size_t Steps = F.Path.empty() ? 0 : F.Path.size() - 1;
    size_t Count = Related ? Related->size() : 0;
    if (Count < Steps)
      return malformed(Where, "fewer related locations than path steps");
    for (size_t I = 0; I < Count - Steps; ++I) {
      const Object *Location = (*Related)[I].getAsObject();
      PathNote Note;
      if (llvm::Error E = readPosition(
              Location ? Location->getObject("physicalLocation") : nullptr,
              Where + ".relatedLocations", Note.Where))
        return E;
      Note.Message = text(Location, "message").value_or("");
      F.Notes.push_back(std::move(Note));
    }
    return llvm::Error::success();
  }

  /// fixes[0]: what SarifOutput wrote, one fix per finding.
  llvm::Error readFixes(const Object *R, const std::string &Where,
                        Finding &F) const {
    const Array *Fixes = R->getArray("fixes");
    if (!Fixes || Fixes->empty())
      return llvm::Error::success();
    const Object *Fix = Fixes->front().getAsObject();
    const Array *Changes = Fix ? Fix->getArray("artifactChanges") : nullptr;
    if (!Changes)
      return malformed(Where + ".fixes", "a fix without artifactChanges");
    for (const llvm::json::Value &ChangeValue : *Changes) {
      const Object *Change = ChangeValue.getAsObject();
      llvm::Expected<std::string> File =
          artifactPath(Change ? Change->getObject("artifactLocation") : nullptr,
                       Where + ".fixes");
      if (!File)
        return File.takeError();
      const Array *Replacements = Change->getArray("replacements");
      if (!Replacements)
        return malformed(Where + ".fixes", "a change without replacements");
      for (const llvm::json::Value &Replacement : *Replacements) {
        FixReplacement Edit;
        if (!readReplacement(Replacement.getAsObject(), *File, Edit))
          return malformed(Where + ".fixes",
                           "a replacement without its "
                           "deletedRegion or insertedContent");
        F.Fixes.push_back(std::move(Edit));
      }
    }
    return llvm::Error::success();
  }

  static bool readReplacement(const Object *R, const std::string &File,
                              FixReplacement &Edit) {
    const Object *Deleted = R ? R->getObject("deletedRegion") : nullptr;
    const Object *Inserted = R ? R->getObject("insertedContent") : nullptr;
    if (!Deleted || !Inserted)
      return false;
    std::optional<int64_t> Line = Deleted->getInteger("startLine");
    std::optional<int64_t> Column = Deleted->getInteger("startColumn");
    std::optional<int64_t> EndLine = Deleted->getInteger("endLine");
    std::optional<int64_t> EndColumn = Deleted->getInteger("endColumn");
    std::optional<llvm::StringRef> Text = Inserted->getString("text");
    if (!Line || !Column || !EndLine || !EndColumn || !Text)
      return false;
    Edit.Begin = {File, unsigned(*Line), unsigned(*Column), unsigned(*Column)};
    Edit.End = {File, unsigned(*EndLine), unsigned(*EndColumn),
                unsigned(*EndColumn)};
    if (const Object *Snippet = Deleted->getObject("snippet"))
      Edit.Removed = Snippet->getString("text").value_or("").str();
    Edit.Text = Text->str();
    return true;
  }

  llvm::Error readInvocation(const llvm::json::Value &Value,
                             const std::string &Where, SarifLog &Out) const {
    const Object *Invocation = Value.getAsObject();
    if (!Invocation)
      return malformed(Where, "not an object");
    const Array *Notifications =
        Invocation->getArray("toolExecutionNotifications");
    if (!Notifications)
      return llvm::Error::success();
    for (const llvm::json::Value &NotificationValue : *Notifications) {
      const Object *Notification = NotificationValue.getAsObject();
      const Array *Locations =
          Notification ? Notification->getArray("locations") : nullptr;
      const Object *Location = Locations && !Locations->empty()
                                   ? Locations->front().getAsObject()
                                   : nullptr;
      const Object *Physical =
          Location ? Location->getObject("physicalLocation") : nullptr;
      llvm::Expected<std::string> File = artifactPath(
          Physical ? Physical->getObject("artifactLocation") : nullptr,
          Where + ".toolExecutionNotifications");
      if (!File)
        return File.takeError();
      llvm::StringRef Reason = "";
      std::optional<std::string> Message = text(Notification, "message");
      if (Message)
        Reason = *Message;
      Reason.consume_front(FailurePrefix);
      Out.Failures.push_back({std::move(*File), Reason.str()});
    }
    return llvm::Error::success();
  }

  llvm::StringRef Path;
  llvm::StringRef Option;
  std::string Root; ///< %SRCROOT% of the run being read.
};

} // namespace

llvm::Expected<SarifLog> readSarifLog(llvm::StringRef Path,
                                      llvm::StringRef Option) {
  return LogReader(Path, Option).read();
}

} // namespace driver
} // namespace ngx_pool_check
