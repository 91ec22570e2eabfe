/* Findings with a fix-it and findings without, for --fix (fix.test). */
#include "ngx-sim.h"

#define CONN_POOL(r) ((r)->connection->pool)

static u_char *kept;

ngx_int_t written_out(ngx_http_request_t *r) {
  u_char *p = ngx_pnalloc(r->connection->pool, 16);
  return p ? NGX_OK : NGX_ERROR;
}

ngx_int_t nginx_style(ngx_http_request_t *r) {
  ngx_buf_t         *b;
  ngx_connection_t  *c;

  c = r->connection;
  b = ngx_create_temp_buf(c->pool, 64);
  return b ? NGX_OK : NGX_ERROR;
}

ngx_int_t from_a_macro(ngx_http_request_t *r) {
  u_char *p = ngx_pnalloc(CONN_POOL(r), 16);
  return p ? NGX_OK : NGX_ERROR;
}

ngx_int_t kept_in_a_static(ngx_http_request_t *r) {
  kept = ngx_pnalloc(r->connection->pool, 16);
  return kept ? NGX_OK : NGX_ERROR;
}

ngx_int_t deliberate(ngx_http_request_t *r) {
  /* ngx-pool-check: ignore nginx.PoolLifetime -- measured, kept on purpose */
  u_char *p = ngx_pnalloc(r->connection->pool, 16);
  return p ? NGX_OK : NGX_ERROR;
}
