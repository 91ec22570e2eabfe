// When ngx_pool_cleanup_add() fails, nothing will close the descriptor but
// the code at hand. The twin closes it on that path.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.ResourceLeak %ngx_sim -analyzer-output=text -verify %s

#include "ngx-sim.h"

ngx_int_t forgets_close_when_cleanup_fails(ngx_http_request_t *r) {
  ngx_pool_cleanup_t *cln;
  ngx_pool_cleanup_file_t *clnf;
  ngx_fd_t fd = ngx_open_file(r->uri.data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0); // expected-note{{Descriptor opened by 'open'}}
  if (fd == NGX_INVALID_FILE) // expected-note{{Taking false branch}}
    return NGX_HTTP_INTERNAL_SERVER_ERROR;
  cln = ngx_pool_cleanup_add(r->pool, sizeof(ngx_pool_cleanup_file_t));
  if (cln == NULL) // expected-note{{Assuming 'cln' is equal to NULL}}
                   // expected-note@-1{{Taking true branch}}
    return NGX_HTTP_INTERNAL_SERVER_ERROR; // expected-warning{{Descriptor 'fd' opened by 'open' is not closed, and no pool cleanup is registered for it}}
                                           // expected-note@-1{{Descriptor 'fd' opened by 'open' is not closed, and no pool cleanup is registered for it}}
  cln->handler = ngx_pool_cleanup_file;
  clnf = cln->data;
  clnf->fd = fd;
  return NGX_OK;
}

ngx_int_t closes_when_cleanup_fails(ngx_http_request_t *r) {
  ngx_pool_cleanup_t *cln;
  ngx_pool_cleanup_file_t *clnf;
  ngx_fd_t fd = ngx_open_file(r->uri.data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0);
  if (fd == NGX_INVALID_FILE)
    return NGX_HTTP_INTERNAL_SERVER_ERROR;
  cln = ngx_pool_cleanup_add(r->pool, sizeof(ngx_pool_cleanup_file_t));
  if (cln == NULL) {
    ngx_close_file(fd);
    return NGX_HTTP_INTERNAL_SERVER_ERROR; // no-warning
  }
  cln->handler = ngx_pool_cleanup_file;
  clnf = cln->data;
  clnf->fd = fd;
  return NGX_OK;
}
