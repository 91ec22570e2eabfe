// Subrequests share the main request's connection: any request's connection
// pool is the client connection's.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

ngx_int_t main_request_connection(ngx_http_request_t *r) {
  void *p = ngx_palloc(r->main->connection->pool, 8); // expected-warning{{'ngx_palloc' allocates from the connection pool of request 'r->main'}}
                                                      // notes-note@-1{{'ngx_palloc' allocates from the connection pool of request 'r->main': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->main->pool'}}
  return p ? NGX_OK : NGX_ERROR;
}

ngx_int_t main_request_pool(ngx_http_request_t *r) {
  void *p = ngx_palloc(r->main->pool, 8); // no-warning
  return p ? NGX_OK : NGX_ERROR;
}

ngx_int_t parent_via_local(ngx_http_request_t *r) {
  ngx_http_request_t *pr = r->parent;
  void *p = ngx_palloc(pr->connection->pool, 8); // expected-warning{{'ngx_palloc' allocates from the connection pool of request 'pr': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'pr->pool'}}
                                                 // notes-note@-1{{'ngx_palloc' allocates from the connection pool of request 'pr': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'pr->pool'}}
  return p ? NGX_OK : NGX_ERROR;
}

ngx_int_t parent_pool_via_local(ngx_http_request_t *r) {
  ngx_http_request_t *pr = r->parent;
  void *p = ngx_palloc(pr->pool, 8); // no-warning
  return p ? NGX_OK : NGX_ERROR;
}
