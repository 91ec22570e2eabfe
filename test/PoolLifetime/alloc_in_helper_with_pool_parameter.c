// A helper allocates from whatever pool it is given. It is fine in itself;
// the call that hands it the connection pool is the bug, and the path shows
// it.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim -analyzer-output=text -verify %s

#include "ngx-sim.h"

static u_char *my_copy(ngx_pool_t *pool, ngx_str_t *src) { // expected-note{{Parameter 'pool' receives the connection pool of request 'r'}}
  u_char *dst = ngx_pnalloc(pool, src->len); // expected-warning{{'ngx_pnalloc' allocates from the connection pool of request 'r'}}
                                             // expected-note@-1{{'ngx_pnalloc' allocates from the connection pool of request 'r'}}
  if (dst == NULL)
    return NULL;
  ngx_memcpy(dst, src->data, src->len);
  return dst;
}

ngx_int_t helper_given_connection_pool(ngx_http_request_t *r) {
  ngx_pool_t *pool = r->connection->pool; // expected-note{{'pool' is the connection pool of request 'r': it lives until the client disconnects}}
  return my_copy(pool, &r->uri) ? NGX_OK : NGX_ERROR; // expected-note{{Calling 'my_copy'}}
}

ngx_int_t helper_given_request_pool(ngx_http_request_t *r) {
  ngx_pool_t *pool = r->pool;
  return my_copy(pool, &r->uri) ? NGX_OK : NGX_ERROR; // no-warning
}
