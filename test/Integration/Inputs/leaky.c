/* A handler that allocates from the connection pool (nginx.PoolLifetime). */
#include "ngx-sim.h"

ngx_int_t leaky_handler(ngx_http_request_t *r) {
  u_char *p = ngx_pnalloc(r->connection->pool, 32);
  return p ? NGX_OK : NGX_ERROR;
}
