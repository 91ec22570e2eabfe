//===- NginxTree.h - The configured nginx a module is compiled against ----===//
//
// nginx's headers compile only in a configured tree: objs/ngx_auto_config.h
// and objs/ngx_auto_headers.h are written by its `configure`. For
// `--module`, the nginx source tree (Debian's nginx-dev in
// /usr/share/nginx/src, or --nginx-src) is configured once, with Debian's
// configure flags when the tree has them (its conf_flags file), into a
// cache kept per nginx version:
//
//   ${NGX_PC_CACHE:-${XDG_CACHE_HOME:-~/.cache}/ngx-pool-check}/nginx-<version>
//
// (a tree given with --nginx-src gets nginx-<version>-<hash of its path>).
// A tree that is already configured is used where it is.
//
//===----------------------------------------------------------------------===//

#ifndef NGX_POOL_CHECK_DRIVER_NGINXTREE_H
#define NGX_POOL_CHECK_DRIVER_NGINXTREE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace ngx_pool_check {
namespace driver {

/// Debian's nginx-dev tree, the default of --nginx-src.
extern const char DebianNginxSource[];

/// An nginx source tree, configured or not.
struct NginxTree {
  std::string Source;  ///< Absolute.
  std::string Version; ///< NGINX_VERSION of src/core/nginx.h.
  bool Given = false;  ///< From --nginx-src, not the default.
};

/// The tree at \p Given (--nginx-src), or Debian's when it is empty.
llvm::Expected<NginxTree> findNginxTree(llvm::StringRef Given);

/// A configured copy of \p Tree (from the cache, configured there on first
/// use), or the tree itself when it is configured.
llvm::Expected<std::string> configuredNginx(const NginxTree &Tree);

/// The compiler arguments nginx's build gives a module's sources: Debian's
/// optimisation and hardening flags, and nginx's include directories in
/// \p Configured.
std::vector<std::string> nginxCompileArguments(llvm::StringRef Configured);

} // namespace driver
} // namespace ngx_pool_check

#endif // NGX_POOL_CHECK_DRIVER_NGINXTREE_H
