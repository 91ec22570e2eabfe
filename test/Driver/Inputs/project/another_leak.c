/* One more file with a finding, sorted before leaky_handler.c. */
#include "ngx-sim.h"

ngx_int_t another_handler(ngx_http_request_t *r) {
  return ngx_pcalloc(r->connection->pool, 8) ? NGX_OK : NGX_ERROR;
}
