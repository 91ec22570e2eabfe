// A function its author marks as running once per connection
// (NGX_PC_CONNECTION_SCOPE from ngx_pool_check.h) is not checked, nor what
// it calls. The same code without the mark is.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim %ngx_include -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim %ngx_include -U__clang_analyzer__ -verify=plain %s

#include "ngx-sim.h"
#include "ngx_pool_check.h"

static void *my_alloc_state(ngx_connection_t *c) {
  return ngx_pcalloc(c->pool, 64); // expected-warning{{'ngx_pcalloc' allocates from the connection pool of request 'r'}}
                                   // plain-warning@-1{{'ngx_pcalloc' allocates from the connection pool of request 'r'}}
}

NGX_PC_CONNECTION_SCOPE
static ngx_int_t my_first_request_setup(ngx_http_request_t *r) {
  ngx_connection_t *c = r->connection;
  void *state = ngx_pcalloc(c->pool, 64); // no-warning
  // plain-warning@-1{{'ngx_pcalloc' allocates from the connection pool of request 'r'}}
  void *more = my_alloc_state(c);         // no-warning (reported via the unmarked caller only)
  return (state && more) ? NGX_OK : NGX_ERROR;
}

ngx_int_t my_handler(ngx_http_request_t *r) {
  if (my_first_request_setup(r) != NGX_OK)
    return NGX_ERROR;
  return my_alloc_state(r->connection) ? NGX_OK : NGX_ERROR;
}
