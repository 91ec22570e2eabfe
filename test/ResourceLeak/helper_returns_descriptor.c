// A helper that opens and returns a descriptor: the caller owns it. The
// analyzer follows it into the caller, and a function analysed on its own
// that returns it hands it to its caller.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.ResourceLeak %ngx_sim -verify %s

#include "ngx-sim.h"

static ngx_fd_t my_open_cache_file(ngx_str_t *name) {
  return ngx_open_file(name->data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0); // no-warning
}

ngx_int_t caller_leaks(ngx_http_request_t *r) {
  ngx_fd_t fd = my_open_cache_file(&r->uri);
  if (fd == NGX_INVALID_FILE)
    return NGX_HTTP_NOT_FOUND;
  return NGX_OK; // expected-warning{{Descriptor 'fd' opened by 'open' is not closed}}
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
  ngx_fd_t fd = my_open_cache_file(name);
  if (fd == NGX_INVALID_FILE)
    return NGX_ERROR;
  *out = fd;
  return NGX_OK;
}

ngx_int_t out_parameter_leaks(ngx_http_request_t *r) {
  ngx_fd_t fd;
  if (my_open_into(&r->uri, &fd) != NGX_OK)
    return NGX_ERROR;
  return NGX_OK; // expected-warning{{Descriptor 'fd' opened by 'open' is not closed}}
}

ngx_int_t out_parameter_closed(ngx_http_request_t *r) {
  ngx_fd_t fd;
  if (my_open_into(&r->uri, &fd) != NGX_OK)
    return NGX_ERROR;
  ngx_close_file(fd);
  return NGX_OK; // no-warning
}
