/* The twin of leaky_handler.c: every allocation from the request pool. */
#include "ngx-sim.h"

ngx_int_t fixed_handler(ngx_http_request_t *r) {
  u_char *p = ngx_pnalloc(r->pool, 32);
  return p ? NGX_OK : NGX_ERROR;
}

ngx_int_t fixed_buffer_handler(ngx_http_request_t *r) {
  ngx_buf_t *b = ngx_create_temp_buf(r->pool, 64);
  return b ? NGX_OK : NGX_ERROR;
}
