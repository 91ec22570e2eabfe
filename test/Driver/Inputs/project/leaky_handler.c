/* Two handlers that allocate from the connection pool. */
#include "ngx-sim.h"

ngx_int_t leaky_handler(ngx_http_request_t *r) {
  ngx_connection_t *c = r->connection;
  u_char *p = ngx_pnalloc(c->pool, 32);
  return p ? NGX_OK : NGX_ERROR;
}

ngx_int_t leaky_buffer_handler(ngx_http_request_t *r) {
  ngx_buf_t *b = ngx_create_temp_buf(r->connection->pool, 64);
  return b ? NGX_OK : NGX_ERROR;
}
