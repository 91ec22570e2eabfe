/* The twin of leaky.c: the allocation comes from the request pool. */
#include "ngx-sim.h"

ngx_int_t leaky_handler(ngx_http_request_t *r) {
  u_char *p = ngx_pnalloc(r->pool, 32);
  return p ? NGX_OK : NGX_ERROR;
}
