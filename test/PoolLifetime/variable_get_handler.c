// A variable's get handler runs whenever the variable is evaluated, once or
// more per request.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

static ngx_int_t my_variable_connection(ngx_http_request_t *r,
                                        ngx_http_variable_value_t *v,
                                        uintptr_t data) {
  u_char *p = ngx_pnalloc(r->connection->pool, 32); // expected-warning{{'ngx_pnalloc' allocates from the connection pool of request 'r'}}
                                                    // notes-note@-1{{'ngx_pnalloc' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
  if (p == NULL)
    return NGX_ERROR;
  v->len = 32;
  v->valid = 1;
  v->data = p;
  return NGX_OK;
}

static ngx_int_t my_variable_request(ngx_http_request_t *r,
                                     ngx_http_variable_value_t *v,
                                     uintptr_t data) {
  u_char *p = ngx_pnalloc(r->pool, 32); // no-warning
  if (p == NULL)
    return NGX_ERROR;
  v->len = 32;
  v->valid = 1;
  v->data = p;
  return NGX_OK;
}
