// nginx's idiom: register ngx_pool_cleanup_add() right after opening, with
// ngx_pool_cleanup_file (or ngx_pool_delete_file) and an
// ngx_pool_cleanup_file_t, in either order of setting the handler and the
// fd. The twins forget the handler: the record releases nothing.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.ResourceLeak %ngx_sim -analyzer-output=text -verify %s

#include "ngx-sim.h"

ngx_int_t handler_then_fd(ngx_http_request_t *r, ngx_str_t *path) {
  ngx_pool_cleanup_t *cln;
  ngx_pool_cleanup_file_t *clnf;
  ngx_fd_t fd = ngx_open_file(path->data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0);
  if (fd == NGX_INVALID_FILE)
    return NGX_ERROR;
  cln = ngx_pool_cleanup_add(r->pool, sizeof(ngx_pool_cleanup_file_t));
  if (cln == NULL) {
    ngx_close_file(fd);
    return NGX_ERROR;
  }
  cln->handler = ngx_pool_cleanup_file;
  clnf = cln->data;
  clnf->fd = fd;
  clnf->name = path->data;
  clnf->log = r->connection->log;
  return NGX_OK; // no-warning
}

ngx_int_t fd_then_handler_delete_file(ngx_http_request_t *r, u_char *name) {
  ngx_pool_cleanup_t *cln;
  ngx_pool_cleanup_file_t *clnf;
  ngx_fd_t fd = ngx_open_tempfile(name, 0, NGX_FILE_OWNER_ACCESS);
  if (fd == NGX_INVALID_FILE)
    return NGX_ERROR;
  cln = ngx_pool_cleanup_add(r->pool, sizeof(ngx_pool_cleanup_file_t));
  if (cln == NULL) {
    ngx_close_file(fd);
    return NGX_ERROR;
  }
  clnf = cln->data;
  clnf->fd = fd;
  clnf->name = name;
  clnf->log = r->connection->log;
  cln->handler = ngx_pool_delete_file;
  return NGX_OK; // no-warning
}

ngx_int_t handler_never_set(ngx_http_request_t *r, ngx_str_t *path) {
  ngx_pool_cleanup_t *cln;
  ngx_pool_cleanup_file_t *clnf;
  ngx_fd_t fd = ngx_open_file(path->data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0); // expected-note{{Descriptor opened by 'open'}}
  if (fd == NGX_INVALID_FILE) // expected-note{{Taking false branch}}
    return NGX_ERROR;
  cln = ngx_pool_cleanup_add(r->pool, sizeof(ngx_pool_cleanup_file_t)); // expected-note{{Pool cleanup added here; its handler is NULL until it is set}}
  if (cln == NULL) { // expected-note{{Assuming 'cln' is not equal to NULL}}
                     // expected-note@-1{{Taking false branch}}
    ngx_close_file(fd);
    return NGX_ERROR;
  }
  clnf = cln->data;
  clnf->fd = fd; // expected-note{{Handed to the data of the pool cleanup here}}
  clnf->name = path->data;
  clnf->log = r->connection->log;
  return NGX_OK; // expected-warning{{Descriptor 'fd' is handed to a pool cleanup whose handler is never set, so the cleanup will not release it; set the cleanup's handler (ngx_pool_cleanup_file closes the fd of an ngx_pool_cleanup_file_t)}}
                 // expected-note@-1{{Descriptor 'fd' is handed to a pool cleanup whose handler is never set}}
}

ngx_int_t handler_set_to_null(ngx_http_request_t *r, ngx_str_t *path) {
  ngx_pool_cleanup_t *cln;
  ngx_pool_cleanup_file_t *clnf;
  ngx_fd_t fd = ngx_open_file(path->data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0); // expected-note{{Descriptor opened by 'open'}}
  if (fd == NGX_INVALID_FILE) // expected-note{{Taking false branch}}
    return NGX_ERROR;
  cln = ngx_pool_cleanup_add(r->pool, sizeof(ngx_pool_cleanup_file_t)); // expected-note{{Pool cleanup added here; its handler is NULL until it is set}}
  if (cln == NULL) { // expected-note{{Assuming 'cln' is not equal to NULL}}
                     // expected-note@-1{{Taking false branch}}
    ngx_close_file(fd);
    return NGX_ERROR;
  }
  cln->handler = NULL;
  clnf = cln->data;
  clnf->fd = fd; // expected-note{{Handed to the data of the pool cleanup here}}
  return NGX_OK; // expected-warning{{Descriptor 'fd' is handed to a pool cleanup whose handler is never set}}
                 // expected-note@-1{{Descriptor 'fd' is handed to a pool cleanup whose handler is never set}}
}
