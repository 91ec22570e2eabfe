// A descriptor opened on every iteration leaks when the next iteration
// overwrites the only reference. The twin closes it in the loop.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.ResourceLeak %ngx_sim -verify %s

#include "ngx-sim.h"

ngx_int_t size_of_all_leaks(ngx_str_t *names, ngx_uint_t n) {
  ngx_uint_t i;
  off_t total = 0;
  for (i = 0; i < n; i++) {
    ngx_fd_t fd = ngx_open_file(names[i].data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0);
    if (fd == NGX_INVALID_FILE)
      continue;
    total += lseek(fd, 0, 2); // expected-warning{{Descriptor 'fd' opened by 'open' is not closed}}
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
// lost it at the same place, so it is one finding.
void reopen_overwrites(void) {
  int fd = open("/a", O_RDONLY);
  fd = open("/b", O_RDONLY);
  if (fd >= 0)
    close(fd); // expected-warning{{Descriptor 'fd' opened by 'open' is not closed}}
}

void reopen_after_close(void) {
  int fd = open("/a", O_RDONLY);
  if (fd >= 0)
    close(fd);
  fd = open("/b", O_RDONLY); // no-warning
  if (fd >= 0)
    close(fd);
}
