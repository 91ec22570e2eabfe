// Getters hide where the pool comes from; the analyzer inlines them.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

static ngx_pool_t *my_get_pool(ngx_http_request_t *r) {
  return r->connection->pool;
}

static ngx_connection_t *my_get_connection(ngx_http_request_t *r) {
  return r->connection;
}

static ngx_pool_t *my_get_request_pool(ngx_http_request_t *r) {
  return r->pool;
}

ngx_int_t pool_getter_returns_connection_pool(ngx_http_request_t *r) {
  ngx_str_t *s = ngx_palloc(my_get_pool(r), sizeof(ngx_str_t)); // expected-warning{{'ngx_palloc' allocates from the connection pool of request 'r'}}
                                                                // notes-note@-1{{'ngx_palloc' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
  return s ? NGX_OK : NGX_ERROR;
}

ngx_int_t connection_getter(ngx_http_request_t *r) {
  ngx_str_t *s = ngx_palloc(my_get_connection(r)->pool, sizeof(ngx_str_t)); // expected-warning{{'ngx_palloc' allocates from the connection pool of request 'r'}}
                                                                            // notes-note@-1{{'ngx_palloc' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
  return s ? NGX_OK : NGX_ERROR;
}

ngx_int_t pool_getter_returns_request_pool(ngx_http_request_t *r) {
  ngx_str_t *s = ngx_palloc(my_get_request_pool(r), sizeof(ngx_str_t)); // no-warning
  return s ? NGX_OK : NGX_ERROR;
}
