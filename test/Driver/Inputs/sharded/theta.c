/* Clean. */
#include "include/common.h"

ngx_int_t theta_handler(ngx_http_request_t *r) {
  return ngx_pcalloc(r->pool, 4) ? NGX_OK : NGX_ERROR;
}
