// nginx core's own idiom for large header buffers: take one from the
// connection's free list, allocate only when the list is empty, and keep it
// on the connection's busy list, so a connection allocates at most a bounded
// number of them however many requests it serves. The twin has no free list.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

ngx_int_t take_buffer_from_free_list(ngx_http_request_t *r) {
  ngx_http_connection_t *hc = r->http_connection;
  ngx_chain_t *cl;
  ngx_buf_t *b;

  if (hc->free_chain) {
    cl = hc->free_chain;
    hc->free_chain = cl->next;
    b = cl->buf;
  } else {
    b = ngx_create_temp_buf(r->connection->pool, 8192); // no-warning
    if (b == NULL)
      return NGX_ERROR;
    cl = ngx_alloc_chain_link(r->connection->pool); // no-warning
    if (cl == NULL)
      return NGX_ERROR;
    cl->buf = b;
  }

  cl->next = hc->busy_chain;
  hc->busy_chain = cl;
  r->header_in = b;
  return NGX_OK;
}

ngx_int_t always_allocate_buffer(ngx_http_request_t *r) {
  ngx_http_connection_t *hc = r->http_connection;
  ngx_chain_t *cl;
  ngx_buf_t *b;

  b = ngx_create_temp_buf(r->connection->pool, 8192); // expected-warning{{'ngx_create_temp_buf' allocates from the connection pool of request 'r'}}
                                                      // notes-note@-1{{'ngx_create_temp_buf' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
  if (b == NULL) // notes-note{{Assuming 'b' is not equal to NULL}}
                 // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  cl = ngx_alloc_chain_link(r->connection->pool); // expected-warning{{'ngx_alloc_chain_link' allocates from the connection pool of request 'r'}}
                                                  // notes-note@-1{{'ngx_alloc_chain_link' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
  if (cl == NULL)
    return NGX_ERROR;
  cl->buf = b;
  cl->next = hc->busy_chain;
  hc->busy_chain = cl;
  r->header_in = b;
  return NGX_OK;
}

// The free list read into a local first, tested through the local.
ngx_int_t free_list_through_local(ngx_http_request_t *r) {
  ngx_http_connection_t *hc = r->http_connection;
  ngx_chain_t *cl = hc->free_chain;
  if (cl == NULL) {
    cl = ngx_alloc_chain_link(r->connection->pool); // no-warning
    if (cl == NULL)
      return NGX_ERROR;
    cl->buf = NULL;
  } else {
    hc->free_chain = cl->next;
  }
  cl->next = hc->busy_chain;
  hc->busy_chain = cl;
  return NGX_OK;
}
