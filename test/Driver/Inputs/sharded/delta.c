/* Includes the helper through buffers.h. */
#include "include/buffers.h"

ngx_int_t delta_handler(ngx_http_request_t *r) {
  return scratch_alloc(r, SHARDED_BUFFER_SIZE) ? NGX_OK : NGX_ERROR;
}

u_char *delta_buffer(ngx_http_request_t *r) {
  return ngx_pnalloc(SHARDED_BUFFER_POOL(r), SHARDED_BUFFER_SIZE);
}
