/* Its own finding; common.h only. */
#include "include/common.h"

ngx_int_t epsilon_handler(ngx_http_request_t *r) {
  return ngx_pcalloc(r->connection->pool, SHARDED_SMALL) ? NGX_OK : NGX_ERROR;
}
