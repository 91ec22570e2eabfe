// A descriptor passed to a function the analyzer cannot see into may be
// kept there: no report. Logging it (a variadic argument) keeps nothing.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.ResourceLeak %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.ResourceLeak %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

ngx_int_t my_register_fd(ngx_connection_t *c, ngx_fd_t fd);
void my_log(ngx_log_t *log, const char *fmt, ...);

ngx_int_t handed_to_opaque_function(ngx_http_request_t *r) {
  ngx_fd_t fd = ngx_open_file(r->uri.data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0);
  if (fd == NGX_INVALID_FILE)
    return NGX_ERROR;
  return my_register_fd(r->connection, fd); // no-warning
}

ngx_int_t only_logged(ngx_http_request_t *r) {
  ngx_fd_t fd = ngx_open_file(r->uri.data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0);
  // notes-note@-1{{Descriptor opened by 'open'}}
  if (fd == NGX_INVALID_FILE) // notes-note{{Taking false branch}}
    return NGX_ERROR;
  my_log(r->connection->log, "opened %d", fd);
  return NGX_OK; // expected-warning{{Descriptor 'fd' opened by 'open' is not closed}}
                 // notes-note@-1{{Descriptor 'fd' opened by 'open' is not closed, and no pool cleanup is registered for it; close it (ngx_close_file), or register ngx_pool_cleanup_add(r->pool, ...) with ngx_pool_cleanup_file right after opening it}}
}
