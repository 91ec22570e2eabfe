//===- ChangedFiles.cpp - Only the units a change can affect --------------===//
//
// git runs as a child process (llvm::sys::ExecuteAndWait) with its output
// in temporary files; its first line of stderr becomes the one-line error.
// The include scan is a PreprocessOnlyAction with a DependencyCollector
// (what clang's -MD uses), system headers included, run through the same
// ClangTool set-up as the analysis (Analysis.h, runOnWorkItem).
//
//===----------------------------------------------------------------------===//

#include "ChangedFiles.h"
#include "Paths.h"

#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Frontend/Utils.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

namespace ngx_pool_check {
namespace driver {

namespace {

llvm::Error changeError(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

std::string currentDirectory() {
  llvm::SmallString<256> Cwd;
  llvm::sys::fs::current_path(Cwd);
  return std::string(Cwd.str());
}

/// Adds \p File, and its real path when it has one.
void addChanged(llvm::StringSet<> &Changed, const std::string &File) {
  Changed.insert(File);
  llvm::SmallString<256> Real;
  if (!llvm::sys::fs::real_path(File, Real))
    Changed.insert(Real.str());
}

bool isChanged(const llvm::StringSet<> &Changed, const std::string &File) {
  if (Changed.contains(File))
    return true;
  llvm::SmallString<256> Real;
  return !llvm::sys::fs::real_path(File, Real) && Changed.contains(Real.str());
}

std::string readAll(llvm::StringRef Path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
      llvm::MemoryBuffer::getFile(Path);
  return Buffer ? (*Buffer)->getBuffer().str() : "";
}

/// Runs `git -C <Dir> <Args>`; its stdout, or its first line of stderr.
llvm::Expected<std::string> runGit(llvm::StringRef Dir,
                                   llvm::ArrayRef<llvm::StringRef> Args) {
  llvm::ErrorOr<std::string> Git = llvm::sys::findProgramByName("git");
  if (!Git)
    return changeError("--changed-since: git is not on PATH");
  llvm::SmallString<128> Out, Err;
  if (llvm::sys::fs::createTemporaryFile("ngx-pool-check-git", "out", Out) ||
      llvm::sys::fs::createTemporaryFile("ngx-pool-check-git", "err", Err))
    return changeError("--changed-since: cannot create a temporary file");
  std::vector<llvm::StringRef> Argv = {"git", "-C", Dir};
  Argv.insert(Argv.end(), Args.begin(), Args.end());
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""), Out.str(),
                                                Err.str()};
  std::string Why;
  int Status = llvm::sys::ExecuteAndWait(*Git, Argv, std::nullopt, Redirects, 0,
                                         0, &Why);
  std::string Output = readAll(Out), Errors = readAll(Err);
  llvm::sys::fs::remove(Out);
  llvm::sys::fs::remove(Err);
  if (Status != 0) {
    llvm::StringRef Line = llvm::StringRef(Errors).trim().split('\n').first;
    return changeError("--changed-since: `git " + Args.front() +
                       "` failed: " + (Line.empty() ? Why : Line.str()));
  }
  return Output;
}

/// The files changed since the merge base of \p Ref, and untracked ones.
llvm::Error addGitChanges(llvm::StringRef Dir, llvm::StringRef Ref,
                          llvm::StringSet<> &Changed) {
  llvm::Expected<std::string> Top =
      runGit(Dir, {"rev-parse", "--show-toplevel"});
  if (!Top)
    return Top.takeError();
  std::string TopDir = llvm::StringRef(*Top).trim().str();
  llvm::Expected<std::string> Diff =
      runGit(Dir, {"diff", "--name-only", "-z", "--no-renames", "--merge-base",
                   Ref, "--"});
  if (!Diff)
    return Diff.takeError();
  llvm::Expected<std::string> Untracked = runGit(
      Dir, {"ls-files", "-z", "--others", "--exclude-standard", "--full-name"});
  if (!Untracked)
    return Untracked.takeError();
  for (const std::string *Names : {&*Diff, &*Untracked})
    for (llvm::StringRef Name : llvm::split(*Names, '\0'))
      if (!Name.empty())
        addChanged(Changed, absoluteClean(Name, TopDir));
  return llvm::Error::success();
}

llvm::Error addListedChanges(llvm::StringRef ListPath,
                             llvm::StringSet<> &Changed) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> List =
      llvm::MemoryBuffer::getFile(ListPath, /*IsText=*/true);
  if (!List)
    return changeError("--changed-files: '" + ListPath +
                       "' cannot be read: " + List.getError().message());
  std::string Cwd = currentDirectory();
  for (llvm::StringRef Line : llvm::split((*List)->getBuffer(), '\n'))
    if (!Line.trim().empty())
      addChanged(Changed, absoluteClean(Line.trim(), Cwd));
  return llvm::Error::success();
}

/// Every file the preprocessor opens, system headers too.
class IncludeCollector : public clang::DependencyCollector {
  bool needSystemDependencies() override { return true; }
};

class IncludeScanAction : public clang::PreprocessOnlyAction {
public:
  explicit IncludeScanAction(std::vector<std::string> &Out) : Out(Out) {}

protected:
  bool BeginInvocation(clang::CompilerInstance &CI) override {
    // The macros of the analysis, for the same #if branches.
    CI.getPreprocessorOpts().SetUpStaticAnalyzer = true;
    CI.addDependencyCollector(Collector);
    return true;
  }

  void EndSourceFileAction() override {
    for (const std::string &File : Collector->getDependencies())
      Out.push_back(File);
  }

private:
  std::shared_ptr<IncludeCollector> Collector =
      std::make_shared<IncludeCollector>();
  std::vector<std::string> &Out;
};

class IncludeScanFactory : public clang::tooling::FrontendActionFactory {
public:
  explicit IncludeScanFactory(std::vector<std::string> &Out) : Out(Out) {}
  std::unique_ptr<clang::FrontendAction> create() override {
    return std::make_unique<IncludeScanAction>(Out);
  }

private:
  std::vector<std::string> &Out;
};

/// Whether \p Item is, or includes, a changed file; true when its
/// preprocessing fails.
bool affectedByChange(const WorkItem &Item, const llvm::StringSet<> &Changed,
                      const AnalysisSettings &Settings) {
  if (isChanged(Changed, Item.File))
    return true;
  std::vector<std::string> Included;
  IncludeScanFactory Factory(Included);
  if (!runOnWorkItem(Item, Settings, Factory).empty())
    return true;
  std::string Directory = Item.Command && !Item.Command->Directory.empty()
                              ? Item.Command->Directory
                              : currentDirectory();
  return llvm::any_of(Included, [&](const std::string &File) {
    return isChanged(Changed, absoluteClean(File, Directory));
  });
}

} // namespace

llvm::Expected<llvm::StringSet<>> changedFiles(const DriverOptions &Opts) {
  llvm::StringSet<> Changed;
  if (!Opts.ChangedSince.empty())
    if (llvm::Error E = addGitChanges(Opts.SrcRoot, Opts.ChangedSince, Changed))
      return E;
  if (!Opts.ChangedFilesList.empty())
    if (llvm::Error E = addListedChanges(Opts.ChangedFilesList, Changed))
      return E;
  return Changed;
}

std::vector<WorkItem> selectChanged(std::vector<WorkItem> Work,
                                    const llvm::StringSet<> &Changed,
                                    const AnalysisSettings &Settings,
                                    unsigned Jobs) {
  std::vector<char> Keep(Work.size(), false);
  forEachInParallel(Work.size(), Jobs, [&](size_t I) {
    Keep[I] = affectedByChange(Work[I], Changed, Settings);
  });
  std::vector<WorkItem> Selected;
  for (size_t I = 0; I < Work.size(); ++I)
    if (Keep[I])
      Selected.push_back(std::move(Work[I]));
  return Selected;
}

} // namespace driver
} // namespace ngx_pool_check
