//===- Database.cpp - Which files to analyse, with which compile command --===//
//
// JSONCompilationDatabase's messages can span lines; they are folded into
// one. Sources named on the command line that the database does not list get
// a command inferred from a neighbour (clang-tidy's interpolation), so a new
// file can be checked before the build system has seen it.
//
//===----------------------------------------------------------------------===//

#include "Database.h"

#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>

using namespace clang::tooling;
using namespace llvm;

namespace ngx_pool_check {
namespace driver {

namespace {

std::string oneLine(StringRef Text) {
  std::string Line;
  for (StringRef Part : llvm::split(Text.trim(), '\n')) {
    if (!Line.empty())
      Line += ' ';
    Line += Part.trim().str();
  }
  return Line;
}

/// -p: a directory holding compile_commands.json, or the file.
Expected<std::unique_ptr<CompilationDatabase>>
loadFromBuildPath(StringRef BuildPath) {
  SmallString<256> Path(BuildPath);
  if (sys::fs::is_directory(Path))
    sys::path::append(Path, "compile_commands.json");
  sys::fs::file_status Status;
  if (sys::fs::status(Path, Status) || !sys::fs::exists(Status))
    return createStringError("-p: no compilation database at '" + Path + "'");
  if (Status.getSize() == 0)
    return createStringError("compilation database '" + Path + "' is empty");

  // JSONCompilationDatabase parses with the YAML parser, which prints its
  // syntax errors (three lines) on stderr: check the JSON first.
  ErrorOr<std::unique_ptr<MemoryBuffer>> Text = MemoryBuffer::getFile(Path);
  if (!Text)
    return createStringError("cannot read compilation database '" + Path +
                             "': " + Text.getError().message());
  Expected<json::Value> Parsed = json::parse((*Text)->getBuffer());
  if (!Parsed)
    return createStringError("compilation database '" + Path +
                             "' is malformed: " + toString(Parsed.takeError()));
  if (!Parsed->getAsArray())
    return createStringError("compilation database '" + Path +
                             "' is malformed: expected an array of entries");

  std::string Message;
  std::unique_ptr<JSONCompilationDatabase> Database =
      JSONCompilationDatabase::loadFromFile(Path, Message,
                                            JSONCommandLineSyntax::AutoDetect);
  if (!Database)
    return createStringError("compilation database '" + Path +
                             "' is malformed: " + oneLine(Message));
  if (Database->getAllCompileCommands().empty())
    return createStringError("compilation database '" + Path +
                             "' has no entries");
  return inferMissingCompileCommands(std::move(Database));
}

} // namespace

Expected<std::unique_ptr<CompilationDatabase>>
loadDatabase(DriverOptions &Opts) {
  if (Opts.CommandLineDatabase)
    return std::move(Opts.CommandLineDatabase);
  if (!Opts.BuildPath.empty())
    return loadFromBuildPath(Opts.BuildPath);

  std::string Message;
  std::unique_ptr<CompilationDatabase> Found =
      CompilationDatabase::autoDetectFromSource(Opts.Sources.front(), Message);
  if (!Found)
    return createStringError("no compilation database found for '" +
                             Opts.Sources.front() +
                             "': give -p <build dir>, or compiler arguments "
                             "after '--'");
  if (Found->getAllCompileCommands().empty())
    return createStringError("the compilation database found for '" +
                             Opts.Sources.front() + "' has no entries");
  return inferMissingCompileCommands(std::move(Found));
}

std::vector<WorkItem> planWork(const CompilationDatabase &Database,
                               const std::vector<std::string> &Sources) {
  std::vector<std::string> Files = Sources;
  if (Files.empty())
    for (const std::string &File : Database.getAllFiles()) {
      SmallString<256> Clean(File);
      sys::path::remove_dots(Clean, /*remove_dot_dot=*/true);
      Files.push_back(std::string(Clean.str()));
    }
  llvm::sort(Files);
  Files.erase(std::unique(Files.begin(), Files.end()), Files.end());

  std::vector<WorkItem> Work;
  for (const std::string &File : Files) {
    WorkItem Item;
    Item.File = File;
    std::vector<CompileCommand> Commands = Database.getCompileCommands(File);
    if (Commands.empty())
      Item.Failure = "no compile command for it in the compilation database";
    else
      Item.Command = std::move(Commands.front());
    Work.push_back(std::move(Item));
  }
  return Work;
}

} // namespace driver
} // namespace ngx_pool_check
