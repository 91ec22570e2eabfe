/* Handlers for the hook's staged-lines tests (git_pre_commit_changed.test):
 * handler_a has a bug, the others have none. The test edits lines by
 * their comments. */
#include "ngx-sim.h"

ngx_int_t handler_a(ngx_http_request_t *r) {
  u_char *p = ngx_pnalloc(r->connection->pool, 32);
  return p ? NGX_OK : NGX_ERROR;
}

ngx_int_t handler_b(ngx_http_request_t *r) {
  u_char *q = ngx_pnalloc(r->pool, 64); /* b */
  return q ? NGX_OK : NGX_ERROR;
}

ngx_int_t handler_c(ngx_http_request_t *r) {
  return r->pool ? NGX_OK : NGX_ERROR; /* c */
}

ngx_int_t handler_d(ngx_log_t *log) {
  ngx_pool_t *pool = ngx_create_pool(1024, log);
  if (pool == NULL)
    return NGX_ERROR;
  ngx_destroy_pool(pool); /* d */
  return NGX_OK;
}

static ngx_int_t check_e(ngx_http_request_t *r) {
  return r->pool ? NGX_OK : NGX_ERROR; /* e */
}

static ngx_int_t middle_e(ngx_http_request_t *r) { return check_e(r); }

ngx_int_t handler_e(ngx_http_request_t *r) { return middle_e(r); }
