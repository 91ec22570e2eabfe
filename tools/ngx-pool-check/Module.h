//===- Module.h - Scanning a module directory by its nginx `config` -------===//
//
//   ngx-pool-check --module <module dir> [--nginx-src <tree>] [<source>...]
//
// A module author has a directory with the module's nginx `config` file,
// not a compilation database. The config is read as nginx's configure reads
// it (a shell fragment run with ngx_addon_dir set), and its C sources are
// analysed with the compile command nginx's build would give them: nginx's
// include directories in a configured tree (NginxTree.h), Debian's flags,
// and the include directories and macros the config adds. Nothing is
// written in the module directory: the config runs on a copy of it, and
// the files it generates there (lua-nginx-module writes a header into its
// src/) are found in that copy while the sources are analysed.
//
//===----------------------------------------------------------------------===//

#ifndef NGX_POOL_CHECK_DRIVER_MODULE_H
#define NGX_POOL_CHECK_DRIVER_MODULE_H

#include "Options.h"
#include "Shell.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <string>
#include <vector>

namespace ngx_pool_check {
namespace driver {

/// What a module's `config` gives nginx's build.
struct ModuleConfig {
  /// Its C sources (ngx_module_srcs of each `. auto/module`, and the old
  /// NGX_ADDON_SRCS), absolute, in order, each once.
  std::vector<std::string> Sources;
  /// The include directories it adds (ngx_module_incs, CORE_INCS,
  /// HTTP_INCS, ..., -I in CFLAGS) that exist, absolute.
  std::vector<std::string> IncludeDirs;
  /// -D and -U arguments: features it found (auto/feature, auto/have) and
  /// macros it adds to CFLAGS.
  std::vector<std::string> Macros;
  /// Where the config ran; IncludeDirs may point into it (the files the
  /// config generated, what it wrote to $NGX_OBJS).
  std::unique_ptr<ScratchDirectory> Workspace;
};

/// Runs \p ModuleDir's `config` with \p NginxSource as nginx's tree (the
/// config may read its src/core/nginx.h). A missing directory or config, a
/// config that fails or lists no C source is an error.
llvm::Expected<ModuleConfig> readModuleConfig(llvm::StringRef ModuleDir,
                                              llvm::StringRef NginxSource);

/// --module: the sources to analyse (those named on the command line, or
/// all the config lists) and their compile command, as a command-line
/// database in \p Opts (compiler arguments after `--` are added to it).
/// Returns the workspace of the config, to be kept until the analysis ends.
llvm::Expected<std::unique_ptr<ScratchDirectory>>
loadModule(DriverOptions &Opts);

} // namespace driver
} // namespace ngx_pool_check

#endif // NGX_POOL_CHECK_DRIVER_MODULE_H
