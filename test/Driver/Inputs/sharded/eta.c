/* Its own finding, in a file that sorts after the others. */
#include "include/common.h"

ngx_int_t eta_handler(ngx_http_request_t *r) {
  ngx_buf_t *b = ngx_calloc_buf(r->connection->pool);
  return b ? NGX_OK : NGX_ERROR;
}
