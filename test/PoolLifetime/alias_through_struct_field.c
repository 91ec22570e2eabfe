// The pool travels through a field of a module context before it is used.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

typedef struct {
  ngx_pool_t *pool;
  ngx_str_t value;
} my_ctx_t;

extern ngx_module_t ngx_http_my_module;

ngx_int_t ctx_pool_is_connection_pool(ngx_http_request_t *r) {
  my_ctx_t *ctx = ngx_pcalloc(r->pool, sizeof(my_ctx_t));
  if (ctx == NULL) // notes-note{{Assuming 'ctx' is not equal to NULL}}
                   // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  ctx->pool = r->connection->pool; // notes-note{{'ctx->pool' is the connection pool of request 'r': it lives until the client disconnects}}
  ngx_http_set_ctx(r, ctx, ngx_http_my_module);

  ctx->value.data = ngx_pnalloc(ctx->pool, 32); // expected-warning{{'ngx_pnalloc' allocates from the connection pool of request 'r'}}
                                                // notes-note@-1{{'ngx_pnalloc' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
  return ctx->value.data ? NGX_OK : NGX_ERROR;
}

ngx_int_t ctx_pool_is_request_pool(ngx_http_request_t *r) {
  my_ctx_t *ctx = ngx_pcalloc(r->pool, sizeof(my_ctx_t));
  if (ctx == NULL)
    return NGX_ERROR;
  ctx->pool = r->pool;
  ngx_http_set_ctx(r, ctx, ngx_http_my_module);

  ctx->value.data = ngx_pnalloc(ctx->pool, 32); // no-warning
  return ctx->value.data ? NGX_OK : NGX_ERROR;
}

typedef struct {
  ngx_connection_t *conn;
} my_holder_t;

ngx_int_t connection_kept_in_a_struct(ngx_http_request_t *r) {
  my_holder_t h;
  h.conn = r->connection; // notes-note{{'h.conn' is the connection of request 'r': its pool lives until the client disconnects}}
  return ngx_palloc(h.conn->pool, 8) ? NGX_OK : NGX_ERROR; // expected-warning{{'ngx_palloc' allocates from the connection pool of request 'r'}}
                                                           // notes-note@-1{{'ngx_palloc' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
}

ngx_int_t request_kept_in_a_struct(ngx_http_request_t *r) {
  struct { ngx_http_request_t *req; } h;
  h.req = r;
  return ngx_palloc(h.req->pool, 8) ? NGX_OK : NGX_ERROR; // no-warning
}
