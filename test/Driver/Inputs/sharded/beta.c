/* Calls the header helper from another caller; a suppressed finding. */
#include "include/scratch_pool.h"

static ngx_int_t beta_prepare(ngx_http_request_t *r) {
  return scratch_alloc(r, 2 * SHARDED_SMALL) ? NGX_OK : NGX_ERROR;
}

ngx_int_t beta_handler(ngx_http_request_t *r) {
  if (r->header_only)
    return NGX_OK;
  return beta_prepare(r);
}

u_char *beta_once(ngx_http_request_t *r) {
  /* ngx-pool-check: ignore nginx.PoolLifetime -- once per connection */
  return ngx_pnalloc(r->connection->pool, 8);
}
