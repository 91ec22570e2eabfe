// A helper that opens and returns a descriptor: the caller owns it. The
// analyzer follows it into the caller, and a function analysed on its own
// that returns it hands it to its caller.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.ResourceLeak %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.ResourceLeak %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

static ngx_fd_t my_open_cache_file(ngx_str_t *name) {
  return ngx_open_file(name->data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0); // no-warning
                                                                       // notes-note@-1 2 {{Descriptor opened by 'open'}}
}

ngx_int_t caller_leaks(ngx_http_request_t *r) {
  ngx_fd_t fd = my_open_cache_file(&r->uri); // notes-note{{Calling 'my_open_cache_file'}}
                                             // notes-note@-1{{Returning from 'my_open_cache_file'}}
  if (fd == NGX_INVALID_FILE) // notes-note{{Taking false branch}}
    return NGX_HTTP_NOT_FOUND;
  return NGX_OK; // expected-warning{{Descriptor 'fd' opened by 'open' is not closed}}
                 // notes-note@-1{{Descriptor 'fd' opened by 'open' is not closed, and no pool cleanup is registered for it; close it (ngx_close_file), or register ngx_pool_cleanup_add(r->pool, ...) with ngx_pool_cleanup_file right after opening it}}
}

ngx_int_t caller_closes(ngx_http_request_t *r) {
  ngx_fd_t fd = my_open_cache_file(&r->uri);
  if (fd == NGX_INVALID_FILE)
    return NGX_HTTP_NOT_FOUND;
  ngx_close_file(fd);
  return NGX_OK; // no-warning
}

// Through two helpers and an out parameter.
static ngx_int_t my_open_into(ngx_str_t *name, ngx_fd_t *out) {
  ngx_fd_t fd = my_open_cache_file(name); // notes-note{{Calling 'my_open_cache_file'}}
                                          // notes-note@-1{{Returning from 'my_open_cache_file'}}
  if (fd == NGX_INVALID_FILE) // notes-note{{Taking false branch}}
    return NGX_ERROR;
  *out = fd;
  return NGX_OK;
}

ngx_int_t out_parameter_leaks(ngx_http_request_t *r) {
  ngx_fd_t fd;
  if (my_open_into(&r->uri, &fd) != NGX_OK) // notes-note{{Calling 'my_open_into'}}
                                            // notes-note@-1{{Returning from 'my_open_into'}}
                                            // notes-note@-2{{Taking false branch}}
    return NGX_ERROR;
  return NGX_OK; // expected-warning{{Descriptor 'fd' opened by 'open' is not closed}}
                 // notes-note@-1{{Descriptor 'fd' opened by 'open' is not closed, and no pool cleanup is registered for it; close it (ngx_close_file), or register ngx_pool_cleanup_add(r->pool, ...) with ngx_pool_cleanup_file right after opening it}}
}

ngx_int_t out_parameter_closed(ngx_http_request_t *r) {
  ngx_fd_t fd;
  if (my_open_into(&r->uri, &fd) != NGX_OK)
    return NGX_ERROR;
  ngx_close_file(fd);
  return NGX_OK; // no-warning
}
