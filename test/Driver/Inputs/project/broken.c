/* Does not compile: the driver reports it as failed and goes on. */
#include "ngx-sim.h"

ngx_int_t broken_handler(ngx_http_request_t *r) {
  return ngx_pnalloc(r->pool, 8) ? NGX_OK : NGX_ERROR
}
