// A handler that reads the connection into a local and allocates from its
// pool; the twin allocates from the request pool.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

ngx_int_t conn_pool_via_local(ngx_http_request_t *r) {
  ngx_connection_t *c = r->connection; // notes-note{{'c' is the connection of request 'r': its pool lives until the client disconnects}}
  u_char *p = ngx_pcalloc(c->pool, 64); // expected-warning{{'ngx_pcalloc' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
                                        // notes-note@-1{{'ngx_pcalloc' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
  return p ? NGX_OK : NGX_ERROR;
}

ngx_int_t request_pool_via_local(ngx_http_request_t *r) {
  ngx_pool_t *pool = r->pool;
  u_char *p = ngx_pcalloc(pool, 64); // no-warning
  return p ? NGX_OK : NGX_ERROR;
}
