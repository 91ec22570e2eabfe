/* The twins of suppression_typos.c: each comment names a known checker, or
   is no suppression at all (suppression_typos.test). */
#include "ngx-sim.h"

u_char *spelled_right(ngx_http_request_t *r) {
  // ngx-pool-check: ignore nginx.PoolLifetime -- spelled right: suppressed
  return ngx_pnalloc(r->connection->pool, 1);
}

/* ngx-pool-check: ignore nginx.PoolLifetime -- no finding here, a known name */

/* ngx-pool-check: ignore nginx.*, nginx.Pfree -- a glob and a name */

// ngx-pool-check: ignore nginx.Pool* -- a glob that matches

// ngx-pool-check: ignore nginx.ResourceLeak,nginx.Pfree -- no space after ','

// ngx-pool-check: check nginx.PoolLifetim -- not "ignore": no suppression

// ngx-pool-check: see issue 12 -- a plain comment

const char *not_a_comment = "ngx-pool-check: ignore nginx.PoolLifetim";

/*
 * ngx-pool-check: ignore nginx.Pfree -- in a block comment
 */
