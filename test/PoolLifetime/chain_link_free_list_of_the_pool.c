// ngx_alloc_chain_link() takes a link from the pool's own free list
// (pool->chain, filled by ngx_free_chain) before allocating. A link freed
// into the connection pool just before is reused, not allocated.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

ngx_int_t relink_after_free(ngx_http_request_t *r, ngx_chain_t *old) {
  ngx_connection_t *c = r->connection;
  ngx_free_chain(c->pool, old);
  ngx_chain_t *cl = ngx_alloc_chain_link(c->pool); // no-warning
  return cl ? NGX_OK : NGX_ERROR;
}

ngx_int_t link_without_free(ngx_http_request_t *r, ngx_chain_t *old) {
  ngx_connection_t *c = r->connection; // notes-note{{'c' is the connection of request 'r': its pool lives until the client disconnects}}
  ngx_chain_t *cl = ngx_alloc_chain_link(c->pool); // expected-warning{{'ngx_alloc_chain_link' allocates from the connection pool of request 'r'}}
                                                   // notes-note@-1{{'ngx_alloc_chain_link' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
  return cl ? NGX_OK : NGX_ERROR;
}

ngx_int_t free_buf_from_list(ngx_http_request_t *r, ngx_chain_t **free) {
  if (*free == NULL)
    return NGX_DECLINED;
  ngx_chain_t *cl = ngx_chain_get_free_buf(r->connection->pool, free); // no-warning
  return cl ? NGX_OK : NGX_ERROR;
}

ngx_int_t free_buf_maybe_allocates(ngx_http_request_t *r, ngx_chain_t **free) {
  ngx_chain_t *cl = ngx_chain_get_free_buf(r->connection->pool, free); // expected-warning{{'ngx_chain_get_free_buf' allocates from the connection pool of request 'r'}}
                                                                       // notes-note@-1{{'ngx_chain_get_free_buf' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
  return cl ? NGX_OK : NGX_ERROR;
}
