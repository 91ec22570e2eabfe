/* A helper with a finding, included by four units: the finding is one
 * result however many shards analyse it. */
#ifndef SHARDED_SCRATCH_POOL_H
#define SHARDED_SCRATCH_POOL_H

#include "common.h"

static inline u_char *scratch_alloc(ngx_http_request_t *r, size_t n) {
  return ngx_pnalloc(r->connection->pool, n);
}

#endif
