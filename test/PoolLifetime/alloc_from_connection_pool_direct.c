// Each allocation function of the pool API, called with r->connection->pool
// written out; each twin uses r->pool.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

ngx_int_t palloc_family_conn(ngx_http_request_t *r) {
  void *a = ngx_palloc(r->connection->pool, 16);     // expected-warning{{'ngx_palloc' allocates from the connection pool of request 'r'}}
                                                     // notes-note@-1{{'ngx_palloc' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
  void *b = ngx_pnalloc(r->connection->pool, 16);    // expected-warning{{'ngx_pnalloc' allocates from the connection pool of request 'r'}}
                                                     // notes-note@-1{{'ngx_pnalloc' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
  void *c = ngx_pcalloc(r->connection->pool, 16);    // expected-warning{{'ngx_pcalloc' allocates from the connection pool of request 'r'}}
                                                     // notes-note@-1{{'ngx_pcalloc' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
  void *d = ngx_pmemalign(r->connection->pool, 16, 16); // expected-warning{{'ngx_pmemalign' allocates from the connection pool of request 'r'}}
                                                        // notes-note@-1{{'ngx_pmemalign' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
  return (a && b && c && d) ? NGX_OK : NGX_ERROR;
}

ngx_int_t palloc_family_request(ngx_http_request_t *r) {
  void *a = ngx_palloc(r->pool, 16);        // no-warning
  void *b = ngx_pnalloc(r->pool, 16);       // no-warning
  void *c = ngx_pcalloc(r->pool, 16);       // no-warning
  void *d = ngx_pmemalign(r->pool, 16, 16); // no-warning
  return (a && b && c && d) ? NGX_OK : NGX_ERROR;
}
