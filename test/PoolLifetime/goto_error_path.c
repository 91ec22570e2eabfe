// Allocations on goto-style error paths are found like any other; the
// analyzer follows the jump.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

ngx_int_t error_page_from_connection_pool(ngx_http_request_t *r, int bad) {
  ngx_buf_t *b;
  if (bad) // notes-note{{Assuming 'bad' is not equal to 0}}
           // notes-note@-1{{Taking true branch}}
    goto failed; // notes-note{{Control jumps to line 18}}
  return NGX_OK;

failed:
  b = ngx_create_temp_buf(r->connection->pool, 64); // expected-warning{{'ngx_create_temp_buf' allocates from the connection pool of request 'r'}}
                                                    // notes-note@-1{{'ngx_create_temp_buf' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
  if (b == NULL)
    return NGX_ERROR;
  return NGX_HTTP_INTERNAL_SERVER_ERROR;
}

ngx_int_t error_page_from_request_pool(ngx_http_request_t *r, int bad) {
  ngx_buf_t *b;
  if (bad)
    goto failed;
  return NGX_OK;

failed:
  b = ngx_create_temp_buf(r->pool, 64); // no-warning
  if (b == NULL)
    return NGX_ERROR;
  return NGX_HTTP_INTERNAL_SERVER_ERROR;
}
