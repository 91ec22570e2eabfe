/* Findings suppressed in every accepted form (suppression.test). */
#include "ngx-sim.h"

u_char *block_on_line(ngx_http_request_t *r) {
  return ngx_pnalloc(r->connection->pool, 1); /* ngx-pool-check: ignore nginx.PoolLifetime -- block comment on the line */
}

u_char *line_on_line(ngx_http_request_t *r) {
  return ngx_pnalloc(r->connection->pool, 2); // ngx-pool-check: ignore nginx.PoolLifetime -- line comment on the line
}

u_char *block_above(ngx_http_request_t *r) {
  /* ngx-pool-check: ignore nginx.ResourceLeak, nginx.PoolLifetime -- block comment above, several names */
  return ngx_pnalloc(r->connection->pool, 3);
}

u_char *line_above(ngx_http_request_t *r) {
  // ngx-pool-check: ignore nginx.* -- line comment above, a glob
  return ngx_pnalloc(r->connection->pool, 4);
}

u_char *no_reason(ngx_http_request_t *r) {
  // ngx-pool-check: ignore nginx.PoolLifetime
  return ngx_pnalloc(r->connection->pool, 5);
}

u_char *reason_then_code(ngx_http_request_t *r) {
  return /* ngx-pool-check: ignore nginx.PoolLifetime -- the reason ends the comment */ ngx_pnalloc(r->connection->pool, 6);
}
