// An allocation inside a loop over request data: every iteration of every
// request takes more of the connection pool. Reported once.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

ngx_int_t split_args_connection(ngx_http_request_t *r, ngx_uint_t n) {
  ngx_connection_t *c = r->connection; // notes-note{{'c' is the connection of request 'r': its pool lives until the client disconnects}}
  ngx_uint_t i;
  for (i = 0; i < n; i++) { // notes-note{{Assuming 'i' is < 'n'}}
                            // notes-note@-1{{Loop condition is true.  Entering loop body}}
    ngx_str_t *part = ngx_palloc(c->pool, sizeof(ngx_str_t)); // expected-warning{{'ngx_palloc' allocates from the connection pool of request 'r'}}
                                                              // notes-note@-1{{'ngx_palloc' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
    if (part == NULL)
      return NGX_ERROR;
  }
  return NGX_OK;
}

ngx_int_t split_args_request(ngx_http_request_t *r, ngx_uint_t n) {
  ngx_uint_t i;
  for (i = 0; i < n; i++) {
    ngx_str_t *part = ngx_palloc(r->pool, sizeof(ngx_str_t)); // no-warning
    if (part == NULL)
      return NGX_ERROR;
  }
  return NGX_OK;
}

ngx_int_t while_loop_over_chain(ngx_http_request_t *r, ngx_chain_t *in) {
  ngx_chain_t *cl, *out = NULL, **ll = &out;
  for (cl = in; cl; cl = cl->next) { // notes-note{{Loop condition is true.  Entering loop body}}
    *ll = ngx_alloc_chain_link(r->connection->pool); // expected-warning{{'ngx_alloc_chain_link' allocates from the connection pool of request 'r'}}
                                                     // notes-note@-1{{'ngx_alloc_chain_link' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
    if (*ll == NULL)
      return NGX_ERROR;
    (*ll)->buf = cl->buf;
    ll = &(*ll)->next;
  }
  *ll = NULL;
  return ngx_http_output_filter(r, out);
}

ngx_int_t while_loop_over_chain_request_pool(ngx_http_request_t *r,
                                             ngx_chain_t *in) {
  ngx_chain_t *cl, *out = NULL, **ll = &out;
  for (cl = in; cl; cl = cl->next) {
    *ll = ngx_alloc_chain_link(r->pool); // no-warning
    if (*ll == NULL)
      return NGX_ERROR;
    (*ll)->buf = cl->buf;
    ll = &(*ll)->next;
  }
  *ll = NULL;
  return ngx_http_output_filter(r, out);
}
