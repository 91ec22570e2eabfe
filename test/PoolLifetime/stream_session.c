// In the stream module the session is the connection: allocating from
// s->connection->pool is allocating for the session. The same shape in HTTP
// request code is reported.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

ngx_int_t my_stream_handler(ngx_stream_session_t *s) {
  ngx_connection_t *c = s->connection;
  u_char *p = ngx_pnalloc(c->pool, 128); // no-warning
  return p ? NGX_OK : NGX_ERROR;
}

ngx_int_t my_http_handler(ngx_http_request_t *r) {
  ngx_connection_t *c = r->connection; // notes-note{{'c' is the connection of request 'r': its pool lives until the client disconnects}}
  u_char *p = ngx_pnalloc(c->pool, 128); // expected-warning{{'ngx_pnalloc' allocates from the connection pool of request 'r'}}
                                         // notes-note@-1{{'ngx_pnalloc' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
  return p ? NGX_OK : NGX_ERROR;
}
