/* A helper in a header, included by fix_a.c and fix_b.c: its finding, and
 * its fix, come from both units and are applied once. */
#include "ngx-sim.h"

static inline ngx_int_t fix_helper(ngx_http_request_t *r) {
  u_char *p = ngx_pnalloc(r->connection->pool, 16);
  return p ? NGX_OK : NGX_ERROR;
}
