/* Findings, none with a fix-it: --fix leaves the file as it is. */
#include "ngx-sim.h"

#define CONN_POOL(r) ((r)->connection->pool)

ngx_int_t from_a_macro(ngx_http_request_t *r) {
  u_char *p = ngx_pnalloc(CONN_POOL(r), 16);
  return p ? NGX_OK : NGX_ERROR;
}

ngx_int_t main_request(ngx_http_request_t *r) {
  u_char *p = ngx_pnalloc(r->main->connection->pool, 16);
  return p ? NGX_OK : NGX_ERROR;
}
