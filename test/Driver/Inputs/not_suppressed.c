/* The twins of suppressed.c: none of these comments suppresses. */
#include "ngx-sim.h"

u_char *other_checker(ngx_http_request_t *r) {
  /* ngx-pool-check: ignore nginx.ResourceLeak -- names another checker */
  return ngx_pnalloc(r->connection->pool, 1);
}

u_char *two_lines_above(ngx_http_request_t *r) {
  /* ngx-pool-check: ignore nginx.PoolLifetime -- too far above */

  return ngx_pnalloc(r->connection->pool, 2);
}

u_char *after_code_above(ngx_http_request_t *r) {
  u_char *p = ngx_pnalloc(r->pool, 3); /* ngx-pool-check: ignore nginx.PoolLifetime -- belongs to this line */
  return p ? ngx_pnalloc(r->connection->pool, 3) : NULL;
}

u_char *not_ignore(ngx_http_request_t *r) {
  /* ngx-pool-check: check nginx.PoolLifetime -- not the ignore keyword */
  return ngx_pnalloc(r->connection->pool, 4);
}
