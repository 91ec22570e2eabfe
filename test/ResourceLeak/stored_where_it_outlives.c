// A descriptor stored where it outlives the function has an owner there: a
// module's configuration, the request's context, a global. One stored in
// memory only this function can reach, and dropped, leaks.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.ResourceLeak %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.ResourceLeak %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

typedef struct {
  ngx_str_t path;
  ngx_fd_t fd;
} my_loc_conf_t;

typedef struct {
  ngx_fd_t fd;
  ngx_uint_t bytes;
} my_ctx_t;

extern ngx_module_t ngx_http_my_module;
static ngx_fd_t my_log_fd;

char *open_at_configuration(ngx_conf_t *cf, void *cmd, void *conf) {
  my_loc_conf_t *mlcf = conf;
  mlcf->fd = ngx_open_file(mlcf->path.data, NGX_FILE_APPEND,
                           NGX_FILE_CREATE_OR_OPEN, NGX_FILE_DEFAULT_ACCESS);
  if (mlcf->fd == NGX_INVALID_FILE)
    return (char *) -1;
  return NULL; // no-warning
}

char *open_into_local_conf_copy(ngx_conf_t *cf, void *cmd, void *conf) {
  my_loc_conf_t copy = *(my_loc_conf_t *) conf;
  copy.fd = ngx_open_file(copy.path.data, NGX_FILE_APPEND, // notes-note{{Descriptor opened by 'open'}}
                          NGX_FILE_CREATE_OR_OPEN, NGX_FILE_DEFAULT_ACCESS);
  if (copy.fd == NGX_INVALID_FILE) // notes-note{{Taking false branch}}
    return (char *) -1;
  return NULL; // expected-warning{{Descriptor 'copy.fd' opened by 'open' is not closed}}
               // notes-note@-1{{Descriptor 'copy.fd' opened by 'open' is not closed, and no pool cleanup is registered for it; close it (ngx_close_file), or register ngx_pool_cleanup_add(cf->pool, ...) with ngx_pool_cleanup_file right after opening it}}
}

void open_into_global(void) {
  my_log_fd = open("/var/log/my.log", O_WRONLY | O_APPEND);
} // no-warning

ngx_int_t context_kept_by_request(ngx_http_request_t *r) {
  my_ctx_t *ctx = ngx_pcalloc(r->pool, sizeof(my_ctx_t));
  if (ctx == NULL)
    return NGX_ERROR;
  ctx->fd = ngx_open_file(r->uri.data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0);
  if (ctx->fd == NGX_INVALID_FILE)
    return NGX_HTTP_NOT_FOUND;
  ngx_http_set_ctx(r, ctx, ngx_http_my_module);
  return NGX_OK; // no-warning
}

ngx_int_t context_not_kept(ngx_http_request_t *r) {
  my_ctx_t *ctx = ngx_pcalloc(r->pool, sizeof(my_ctx_t));
  if (ctx == NULL) // notes-note{{Assuming 'ctx' is not equal to NULL}}
                   // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  ctx->fd = ngx_open_file(r->uri.data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0);
  // notes-note@-1{{Descriptor opened by 'open'}}
  if (ctx->fd == NGX_INVALID_FILE) // notes-note{{Taking false branch}}
    return NGX_HTTP_NOT_FOUND;
  return NGX_OK; // expected-warning{{Descriptor 'ctx->fd' opened by 'open' is not closed}}
                 // notes-note@-1{{Descriptor 'ctx->fd' opened by 'open' is not closed, and no pool cleanup is registered for it; close it (ngx_close_file), or register ngx_pool_cleanup_add(r->pool, ...) with ngx_pool_cleanup_file right after opening it}}
}

ngx_int_t file_of_request_connection(ngx_http_request_t *r, ngx_file_t *file) {
  file->fd = ngx_open_file(r->uri.data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0);
  return file->fd == NGX_INVALID_FILE ? NGX_ERROR : NGX_OK; // no-warning
}

// The context is set on the request first and gets its descriptor after:
// the request's context holds it all the same.
ngx_int_t context_kept_before_open(ngx_http_request_t *r) {
  my_ctx_t *ctx = ngx_pcalloc(r->pool, sizeof(my_ctx_t));
  if (ctx == NULL)
    return NGX_ERROR;
  ngx_http_set_ctx(r, ctx, ngx_http_my_module);
  ctx->fd = ngx_open_file(r->uri.data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0);
  if (ctx->fd == NGX_INVALID_FILE)
    return NGX_HTTP_NOT_FOUND;
  return NGX_OK; // no-warning
}

// A context of a session kept in its own array of module contexts, found
// again by a helper that opens the file into it.
typedef struct {
  void **ctx;
  ngx_connection_t *connection;
} my_session_t;

static ngx_int_t open_into_session_ctx(my_session_t *s, u_char *path) {
  my_ctx_t *ctx = s->ctx[ngx_http_my_module.ctx_index];
  ctx->fd = ngx_open_file(path, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0);
  return ctx->fd == NGX_INVALID_FILE ? NGX_ERROR : NGX_OK;
}

ngx_int_t session_context_kept_before_open(my_session_t *s, u_char *path) {
  my_ctx_t *ctx = s->ctx[ngx_http_my_module.ctx_index];
  if (ctx == NULL) {
    ctx = ngx_palloc(s->connection->pool, sizeof(my_ctx_t));
    if (ctx == NULL)
      return NGX_ERROR;
    s->ctx[ngx_http_my_module.ctx_index] = ctx;
  }
  ctx->bytes = 0;
  return open_into_session_ctx(s, path); // no-warning
}

// Twin: the context is kept, but the descriptor goes into another new block
// that nothing keeps.
ngx_int_t other_block_not_kept(ngx_http_request_t *r) {
  my_ctx_t *ctx = ngx_pcalloc(r->pool, sizeof(my_ctx_t));
  my_ctx_t *scratch = ngx_pcalloc(r->pool, sizeof(my_ctx_t));
  if (ctx == NULL || scratch == NULL) // notes-note{{Assuming 'ctx' is not equal to NULL}}
                                      // notes-note@-1{{Left side of '||' is false}}
                                      // notes-note@-2{{Assuming 'scratch' is not equal to NULL}}
                                      // notes-note@-3{{Taking false branch}}
    return NGX_ERROR;
  ngx_http_set_ctx(r, ctx, ngx_http_my_module);
  scratch->fd = ngx_open_file(r->uri.data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0);
  // notes-note@-1{{Descriptor opened by 'open'}}
  if (scratch->fd == NGX_INVALID_FILE) // notes-note{{Taking false branch}}
    return NGX_HTTP_NOT_FOUND;
  return NGX_OK; // expected-warning{{Descriptor 'scratch->fd' opened by 'open' is not closed}}
                 // notes-note@-1{{Descriptor 'scratch->fd' opened by 'open' is not closed, and no pool cleanup is registered for it; close it (ngx_close_file), or register ngx_pool_cleanup_add(r->pool, ...) with ngx_pool_cleanup_file right after opening it}}
}
