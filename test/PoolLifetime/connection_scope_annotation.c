// A function its author marks as running once per connection
// (NGX_PC_CONNECTION_SCOPE from ngx_pool_check.h) is not checked, nor what
// it calls. The same code without the mark is.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim %ngx_include -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim \
// RUN:   %ngx_include -analyzer-output=text -verify=expected,notes %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim %ngx_include -U__clang_analyzer__ -verify=plain %s

#include "ngx-sim.h"
#include "ngx_pool_check.h"

static void *my_alloc_state(ngx_connection_t *c) { // notes-note 2 {{Parameter 'c' receives the connection of request 'r'}}
  return ngx_pcalloc(c->pool, 64); // expected-warning{{'ngx_pcalloc' allocates from the connection pool of request 'r'}}
                                   // plain-warning@-1{{'ngx_pcalloc' allocates from the connection pool of request 'r'}}
                                   // notes-note@-2{{'ngx_pcalloc' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
}

NGX_PC_CONNECTION_SCOPE
static ngx_int_t my_first_request_setup(ngx_http_request_t *r) {
  ngx_connection_t *c = r->connection; // notes-note{{'c' is the connection of request 'r': its pool lives until the client disconnects}}
  void *state = ngx_pcalloc(c->pool, 64); // no-warning
  // plain-warning@-1{{'ngx_pcalloc' allocates from the connection pool of request 'r'}}
  void *more = my_alloc_state(c);         // no-warning (reported via the unmarked caller only)
                                          // notes-note@-1{{Calling 'my_alloc_state'}}
                                          // notes-note@-2{{Returning from 'my_alloc_state'}}
  return (state && more) ? NGX_OK : NGX_ERROR; // notes-note{{Assuming 'state' is non-null}}
                                               // notes-note@-1{{Left side of '&&' is true}}
                                               // notes-note@-2{{Assuming 'more' is non-null}}
                                               // notes-note@-3{{'?' condition is true}}
}

ngx_int_t my_handler(ngx_http_request_t *r) {
  if (my_first_request_setup(r) != NGX_OK) // notes-note{{Calling 'my_first_request_setup'}}
                                           // notes-note@-1{{Returning from 'my_first_request_setup'}}
                                           // notes-note@-2{{Taking false branch}}
    return NGX_ERROR;
  return my_alloc_state(r->connection) ? NGX_OK : NGX_ERROR; // notes-note{{Calling 'my_alloc_state'}}
}
