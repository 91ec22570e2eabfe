/* Suppression comments that suppress nothing (suppression_typos.test). */
#include "ngx-sim.h"

u_char *misspelled(ngx_http_request_t *r) {
  // ngx-pool-check: ignore nginx.PoolLifetim -- misspelled: the finding stays
  return ngx_pnalloc(r->connection->pool, 1);
}

/* ngx-pool-check: ignore PoolLifetime -- no package, no finding here */

/* ngx-pool-check: ignore nginx.*, nginx.NoSuchChecker -- one of two unknown */

// ngx-pool-check: ignore -- no names

// ngx-pool-check: ingore nginx.PoolLifetime -- the keyword misspelled

// ngx-pool-check: ignore: nginx.PoolLifetime -- no space after the keyword

// ngx-pool-check: ignore nginx.PoolLifetime nginx.Pfree -- no comma

/*
 * ngx-pool-check: ignore nginx.Pool -- in a block comment, not a glob
 */

// ngx-pool-check: ignore nginx.APIModeling -- models, reports nothing
