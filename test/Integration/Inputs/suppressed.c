/* leaky.c with its finding suppressed by an inline comment. */
#include "ngx-sim.h"

ngx_int_t leaky_handler(ngx_http_request_t *r) {
  /* ngx-pool-check: ignore nginx.PoolLifetime -- runs once per connection */
  u_char *p = ngx_pnalloc(r->connection->pool, 32);
  return p ? NGX_OK : NGX_ERROR;
}
