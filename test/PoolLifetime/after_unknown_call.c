// After a call the analyzer cannot see into, the request's fields are
// unknown again, but a connection read from the request afterwards is still
// the request's connection.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

void my_external_update(ngx_http_request_t *r);

ngx_int_t after_opaque_call_connection(ngx_http_request_t *r) {
  my_external_update(r);
  void *p = ngx_palloc(r->connection->pool, 8); // expected-warning{{'ngx_palloc' allocates from the connection pool of request 'r'}}
                                                // notes-note@-1{{'ngx_palloc' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
  return p ? NGX_OK : NGX_ERROR;
}

ngx_int_t after_opaque_call_request(ngx_http_request_t *r) {
  my_external_update(r);
  void *p = ngx_palloc(r->pool, 8); // no-warning
  return p ? NGX_OK : NGX_ERROR;
}

// A pool returned by a function the analyzer cannot see into is unknown:
// no report without evidence.
ngx_pool_t *my_external_pool(ngx_http_request_t *r);

ngx_int_t pool_from_opaque_getter(ngx_http_request_t *r) {
  void *p = ngx_palloc(my_external_pool(r), 8); // no-warning
  return p ? NGX_OK : NGX_ERROR;
}

// The request pointer itself reached through the connection and back.
ngx_int_t request_from_connection_data(ngx_http_request_t *r) {
  ngx_http_request_t *cur = r->connection->data;
  void *p = ngx_palloc(cur->connection->pool, 8); // expected-warning{{'ngx_palloc' allocates from the connection pool of request 'cur'}}
                                                  // notes-note@-1{{'ngx_palloc' allocates from the connection pool of request 'cur': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'cur->pool'}}
  return p ? NGX_OK : NGX_ERROR;
}
