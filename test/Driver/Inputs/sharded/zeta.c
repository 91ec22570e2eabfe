/* Clean; common.h only. */
#include "include/common.h"

ngx_int_t zeta_handler(ngx_http_request_t *r) {
  return ngx_pnalloc(r->pool, SHARDED_SMALL) ? NGX_OK : NGX_ERROR;
}
