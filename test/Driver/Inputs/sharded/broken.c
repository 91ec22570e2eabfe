/* Does not compile: a failed unit, which the merged log keeps. */
#include "include/common.h"

ngx_int_t broken_handler(ngx_http_request_t *r) {
  return ngx_pnalloc(r->pool, 8) ? NGX_OK : NGX_ERROR
}
