// A cleanup with a handler of the module's own and a context it reaches
// through cln->data: the context is the record's data (size given), or the
// module's context put into cln->data (size 0). The twins leave the handler
// unset.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.ResourceLeak %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.ResourceLeak %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

typedef struct {
  ngx_fd_t fd;
  ngx_str_t name;
} my_file_ctx_t;

static void my_file_cleanup(void *data) {
  my_file_ctx_t *ctx = data;
  if (ctx->fd != NGX_INVALID_FILE)
    ngx_close_file(ctx->fd);
}

ngx_int_t context_in_record_data(ngx_http_request_t *r) {
  ngx_pool_cleanup_t *cln;
  my_file_ctx_t *ctx;
  ngx_fd_t fd = ngx_open_file(r->uri.data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0);
  if (fd == NGX_INVALID_FILE)
    return NGX_ERROR;
  cln = ngx_pool_cleanup_add(r->pool, sizeof(my_file_ctx_t));
  if (cln == NULL) {
    ngx_close_file(fd);
    return NGX_ERROR;
  }
  ctx = cln->data;
  ctx->fd = fd;
  ctx->name = r->uri;
  cln->handler = my_file_cleanup;
  return NGX_OK; // no-warning
}

ngx_int_t context_in_record_data_no_handler(ngx_http_request_t *r) {
  ngx_pool_cleanup_t *cln;
  my_file_ctx_t *ctx;
  ngx_fd_t fd = ngx_open_file(r->uri.data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0);
  // notes-note@-1{{Descriptor opened by 'open'}}
  if (fd == NGX_INVALID_FILE) // notes-note{{Taking false branch}}
    return NGX_ERROR;
  cln = ngx_pool_cleanup_add(r->pool, sizeof(my_file_ctx_t)); // notes-note{{Pool cleanup added here; its handler is NULL until it is set}}
  if (cln == NULL) { // notes-note{{Assuming 'cln' is not equal to NULL}}
                     // notes-note@-1{{Taking false branch}}
    ngx_close_file(fd);
    return NGX_ERROR;
  }
  ctx = cln->data;
  ctx->fd = fd; // notes-note{{Handed to the data of the pool cleanup here}}
  ctx->name = r->uri;
  return NGX_OK; // expected-warning{{Descriptor 'fd' is handed to a pool cleanup whose handler is never set}}
                 // notes-note@-1{{Descriptor 'fd' is handed to a pool cleanup whose handler is never set, so the cleanup will not release it; set the cleanup's handler (ngx_pool_cleanup_file closes the fd of an ngx_pool_cleanup_file_t)}}
}

ngx_int_t own_context_as_data(ngx_http_request_t *r) {
  ngx_pool_cleanup_t *cln;
  my_file_ctx_t *ctx = ngx_pcalloc(r->pool, sizeof(my_file_ctx_t));
  if (ctx == NULL)
    return NGX_ERROR;
  ctx->fd = ngx_open_file(r->uri.data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0);
  if (ctx->fd == NGX_INVALID_FILE)
    return NGX_ERROR;
  cln = ngx_pool_cleanup_add(r->pool, 0);
  if (cln == NULL) {
    ngx_close_file(ctx->fd);
    return NGX_ERROR;
  }
  cln->handler = my_file_cleanup;
  cln->data = ctx;
  return NGX_OK; // no-warning
}

ngx_int_t own_context_as_data_no_handler(ngx_http_request_t *r) {
  ngx_pool_cleanup_t *cln;
  my_file_ctx_t *ctx = ngx_pcalloc(r->pool, sizeof(my_file_ctx_t));
  if (ctx == NULL) // notes-note{{Assuming 'ctx' is not equal to NULL}}
                   // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  ctx->fd = ngx_open_file(r->uri.data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0);
  // notes-note@-1{{Descriptor opened by 'open'}}
  if (ctx->fd == NGX_INVALID_FILE) // notes-note{{Taking false branch}}
    return NGX_ERROR;
  cln = ngx_pool_cleanup_add(r->pool, 0); // notes-note{{Pool cleanup added here; its handler is NULL until it is set}}
  if (cln == NULL) { // notes-note{{Assuming 'cln' is not equal to NULL}}
                     // notes-note@-1{{Taking false branch}}
    ngx_close_file(ctx->fd);
    return NGX_ERROR;
  }
  cln->data = ctx;
  return NGX_OK; // expected-warning{{Descriptor 'ctx->fd' is handed to a pool cleanup whose handler is never set}}
                 // notes-note@-1{{Descriptor 'ctx->fd' is handed to a pool cleanup whose handler is never set, so the cleanup will not release it; set the cleanup's handler (ngx_pool_cleanup_file closes the fd of an ngx_pool_cleanup_file_t)}}
}

// The context is filled in before it becomes the cleanup's data.
ngx_int_t context_filled_first(ngx_http_request_t *r) {
  ngx_pool_cleanup_t *cln;
  my_file_ctx_t *ctx = ngx_pcalloc(r->pool, sizeof(my_file_ctx_t));
  if (ctx == NULL)
    return NGX_ERROR;
  ngx_fd_t fd = ngx_open_file(r->uri.data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0);
  if (fd == NGX_INVALID_FILE)
    return NGX_ERROR;
  ctx->fd = fd;
  cln = ngx_pool_cleanup_add(r->pool, 0);
  if (cln == NULL) {
    ngx_close_file(fd);
    return NGX_ERROR;
  }
  cln->data = ctx;
  cln->handler = my_file_cleanup;
  return NGX_OK; // no-warning
}

// The context is dropped without ever becoming a cleanup's data.
ngx_int_t context_dropped(ngx_http_request_t *r) {
  my_file_ctx_t *ctx = ngx_pcalloc(r->pool, sizeof(my_file_ctx_t));
  if (ctx == NULL) // notes-note{{Assuming 'ctx' is not equal to NULL}}
                   // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  ngx_fd_t fd = ngx_open_file(r->uri.data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0);
  // notes-note@-1{{Descriptor opened by 'open'}}
  if (fd == NGX_INVALID_FILE) // notes-note{{Taking false branch}}
    return NGX_ERROR;
  ctx->fd = fd;
  return NGX_OK; // expected-warning{{Descriptor 'fd' opened by 'open' is not closed, and no pool cleanup is registered for it}}
                 // notes-note@-1{{Descriptor 'fd' opened by 'open' is not closed, and no pool cleanup is registered for it; close it (ngx_close_file), or register ngx_pool_cleanup_add(r->pool, ...) with ngx_pool_cleanup_file right after opening it}}
}
