/* Calls the header helper; one finding of its own. */
#include "include/scratch_pool.h"

ngx_int_t alpha_handler(ngx_http_request_t *r) {
  return scratch_alloc(r, SHARDED_SMALL) ? NGX_OK : NGX_ERROR;
}

ngx_int_t alpha_buffer_handler(ngx_http_request_t *r) {
  ngx_buf_t *b = ngx_create_temp_buf(r->connection->pool, 64);
  return b ? NGX_OK : NGX_ERROR;
}
