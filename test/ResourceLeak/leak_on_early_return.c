// A descriptor opened in a handler and not closed on a return path; the
// twin closes it on every path. The failure value of open() acquires
// nothing, so the error return right after it is fine.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.ResourceLeak %ngx_sim -analyzer-output=text -verify %s

#include "ngx-sim.h"

ngx_int_t read_config_leaks(ngx_http_request_t *r, ngx_str_t *path) {
  u_char buf[128];
  ngx_fd_t fd = ngx_open_file(path->data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0); // expected-note{{Descriptor opened by 'open'}}
  if (fd == NGX_INVALID_FILE) // expected-note{{Taking false branch}}
    return NGX_ERROR;
  if (ngx_read_fd(fd, buf, sizeof(buf)) <= 0) // expected-note{{Assuming the condition is true}}
                                              // expected-note@-1{{Taking true branch}}
    return NGX_ERROR; // expected-warning{{Descriptor 'fd' opened by 'open' is not closed, and no pool cleanup is registered for it; close it (ngx_close_file), or register ngx_pool_cleanup_add(r->pool, ...) with ngx_pool_cleanup_file right after opening it}}
                      // expected-note@-1{{Descriptor 'fd' opened by 'open' is not closed}}
  ngx_close_file(fd);
  return NGX_OK;
}

ngx_int_t read_config_closes(ngx_http_request_t *r, ngx_str_t *path) {
  u_char buf[128];
  ngx_fd_t fd = ngx_open_file(path->data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0);
  if (fd == NGX_INVALID_FILE)
    return NGX_ERROR;
  if (ngx_read_fd(fd, buf, sizeof(buf)) <= 0) {
    ngx_close_file(fd);
    return NGX_ERROR;
  }
  ngx_close_file(fd);
  return NGX_OK; // no-warning
}
