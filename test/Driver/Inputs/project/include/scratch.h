/* A helper in a header, included by scratch_a.c and scratch_b.c: its
 * finding is reported when the analyzer inlines it into either file. */
#include "ngx-sim.h"

static inline u_char *scratch(ngx_http_request_t *r) {
  return ngx_pnalloc(r->connection->pool, 16);
}
