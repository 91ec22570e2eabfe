// A descriptor opened on every iteration leaks when the next iteration
// overwrites the only reference. The twin closes it in the loop.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.ResourceLeak %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.ResourceLeak %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

ngx_int_t size_of_all_leaks(ngx_str_t *names, ngx_uint_t n) {
  ngx_uint_t i;
  off_t total = 0;
  for (i = 0; i < n; i++) { // notes-note{{Assuming 'i' is < 'n'}}
                            // notes-note@-1{{Loop condition is true.  Entering loop body}}
    ngx_fd_t fd = ngx_open_file(names[i].data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0);
    // notes-note@-1{{Descriptor opened by 'open'}}
    if (fd == NGX_INVALID_FILE) // notes-note{{Taking false branch}}
      continue;
    total += lseek(fd, 0, 2); // expected-warning{{Descriptor 'fd' opened by 'open' is not closed}}
                              // notes-note@-1{{Descriptor 'fd' opened by 'open' is not closed, and no pool cleanup is registered for it; close it (ngx_close_file), or register ngx_pool_cleanup_add(pool, ...) with ngx_pool_cleanup_file right after opening it}}
  }
  return total;
}

ngx_int_t size_of_all_closes(ngx_str_t *names, ngx_uint_t n) {
  ngx_uint_t i;
  off_t total = 0;
  for (i = 0; i < n; i++) {
    ngx_fd_t fd = ngx_open_file(names[i].data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0); // no-warning
    if (fd == NGX_INVALID_FILE)
      continue;
    total += lseek(fd, 0, 2);
    ngx_close_file(fd);
  }
  return total;
}

// The first descriptor's only reference is overwritten. The analyzer finds
// it gone at the start of either arm of the `if` that follows; both arms
// lost it at the same place, so it is one finding, shown on the shorter
// path: the one where the second open fails.
void reopen_overwrites(void) {
  int fd = open("/a", O_RDONLY); // notes-note{{Descriptor opened by 'open'}}
  fd = open("/b", O_RDONLY);
  if (fd >= 0) // notes-note{{'fd' is < 0}}
               // notes-note@-1{{Taking false branch}}
    close(fd);
} // expected-warning{{Descriptor 'fd' opened by 'open' is not closed}}
  // notes-note@-1{{Descriptor 'fd' opened by 'open' is not closed, and no pool cleanup is registered for it; close it (ngx_close_file), or register ngx_pool_cleanup_add(pool, ...) with ngx_pool_cleanup_file right after opening it}}

void reopen_after_close(void) {
  int fd = open("/a", O_RDONLY);
  if (fd >= 0)
    close(fd);
  fd = open("/b", O_RDONLY); // no-warning
  if (fd >= 0)
    close(fd);
}
