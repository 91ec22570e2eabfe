/* Findings in several functions, for --changed-lines (changed_lines.test):
 * a change selects the functions it touches and those that use them. The
 * test names lines of this file: keep them where they are. */
#include "ngx-sim.h"

/* handler_a: its own bug. */
ngx_int_t handler_a(ngx_http_request_t *r) {
  u_char *p = ngx_pnalloc(r->connection->pool, 32);
  return p ? NGX_OK : NGX_ERROR;
}

/* make_pool: a clean helper, whose pool handler_b never destroys. */
static ngx_pool_t *make_pool(ngx_log_t *log) {
  return ngx_create_pool(1024, log);
}

/* handler_b: the leak of make_pool's pool, and a bug of its own. */
ngx_int_t handler_b(ngx_http_request_t *r) {
  u_char *name = ngx_pnalloc(r->connection->pool, 16);
  ngx_pool_t *pool = make_pool(r->connection->log);
  if (pool == NULL || name == NULL)
    return NGX_ERROR;
  return NGX_OK;
}

/* on_done: clean; handler_c only takes its address. */
static ngx_int_t on_done(ngx_http_request_t *r) {
  return r->pool ? NGX_OK : NGX_ERROR;
}

ngx_int_t handler_c(ngx_http_request_t *r) {
  ngx_http_handler_pt next = on_done;
  return next(r);
}

/* open_pool, called by wrap_pool, called by handler_d: the pool leaks in
 * handler_d, two calls up from the change in open_pool. */
static ngx_pool_t *open_pool(ngx_log_t *log) {
  return ngx_create_pool(512, log);
}

static ngx_pool_t *wrap_pool(ngx_http_request_t *r) {
  return open_pool(r->connection->log);
}

ngx_int_t handler_d(ngx_http_request_t *r) {
  return wrap_pool(r) ? NGX_OK : NGX_ERROR;
}
