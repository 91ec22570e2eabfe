// Output filters run for every response: a header filter adding a header and
// a body filter prepending a buffer.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

static ngx_http_output_header_filter_pt ngx_http_next_header_filter;
static ngx_http_output_body_filter_pt ngx_http_next_body_filter;

typedef struct {
  ngx_uint_t hash;
  ngx_str_t key;
  ngx_str_t value;
} my_header_t;

static ngx_int_t my_header_filter_connection(ngx_http_request_t *r) {
  my_header_t *h = ngx_list_push(&r->headers_out.headers);
  if (h == NULL) // notes-note{{Assuming 'h' is not equal to NULL}}
                 // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  h->value.data = ngx_pnalloc(r->connection->pool, 40); // expected-warning{{'ngx_pnalloc' allocates from the connection pool of request 'r'}}
                                                        // notes-note@-1{{'ngx_pnalloc' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
  if (h->value.data == NULL)
    return NGX_ERROR;
  return ngx_http_next_header_filter(r);
}

static ngx_int_t my_header_filter_request(ngx_http_request_t *r) {
  my_header_t *h = ngx_list_push(&r->headers_out.headers);
  if (h == NULL)
    return NGX_ERROR;
  h->value.data = ngx_pnalloc(r->pool, 40); // no-warning
  if (h->value.data == NULL)
    return NGX_ERROR;
  return ngx_http_next_header_filter(r);
}

static ngx_int_t my_body_filter_connection(ngx_http_request_t *r,
                                           ngx_chain_t *in) {
  ngx_connection_t *c = r->connection; // notes-note 2 {{'c' is the connection of request 'r': its pool lives until the client disconnects}}
  ngx_buf_t *b = ngx_calloc_buf(c->pool); // expected-warning{{'ngx_pcalloc' allocates from the connection pool of request 'r'}}
                                          // notes-note@-1{{'ngx_pcalloc' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
  if (b == NULL) // notes-note{{Assuming 'b' is not equal to NULL}}
                 // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  ngx_chain_t *cl = ngx_alloc_chain_link(c->pool); // expected-warning{{'ngx_alloc_chain_link' allocates from the connection pool of request 'r'}}
                                                   // notes-note@-1{{'ngx_alloc_chain_link' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
  if (cl == NULL)
    return NGX_ERROR;
  cl->buf = b;
  cl->next = in;
  return ngx_http_next_body_filter(r, cl);
}

static ngx_int_t my_body_filter_request(ngx_http_request_t *r,
                                        ngx_chain_t *in) {
  ngx_buf_t *b = ngx_calloc_buf(r->pool); // no-warning
  if (b == NULL)
    return NGX_ERROR;
  ngx_chain_t *cl = ngx_alloc_chain_link(r->pool); // no-warning
  if (cl == NULL)
    return NGX_ERROR;
  cl->buf = b;
  cl->next = in;
  return ngx_http_next_body_filter(r, cl);
}
