// A block followed from its allocation through a helper that allocates, a
// struct field that keeps it, and a helper that frees.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.Pfree %ngx_sim -verify %s

#include "ngx-sim.h"

typedef struct {
  u_char *scratch;
  size_t scratch_size;
} my_ctx_t;

static u_char *my_get_scratch(ngx_pool_t *pool, size_t n) {
  return ngx_pnalloc(pool, n);
}

static void my_drop_scratch(ngx_pool_t *pool, my_ctx_t *ctx) {
  ngx_pfree(pool, ctx->scratch); // expected-warning{{'ngx_pfree' cannot release this block of 256 bytes}}
  ctx->scratch = NULL;
}

ngx_int_t small_scratch_in_context(ngx_http_request_t *r, my_ctx_t *ctx) {
  ctx->scratch = my_get_scratch(r->pool, 256);
  if (ctx->scratch == NULL)
    return NGX_ERROR;
  my_drop_scratch(r->pool, ctx);
  return NGX_OK;
}

ngx_int_t big_scratch_in_context(ngx_http_request_t *r, my_ctx_t *ctx) {
  ctx->scratch = my_get_scratch(r->pool, 64 * 1024);
  if (ctx->scratch == NULL)
    return NGX_ERROR;
  my_drop_scratch(r->pool, ctx); // no-warning (the helper's report is for the 256-byte path)
  return NGX_OK;
}

// The free/reallocate loop the checker exists for.
ngx_int_t regrow_in_loop(ngx_http_request_t *r, ngx_uint_t n) {
  ngx_uint_t i;
  u_char *buf = NULL;
  for (i = 0; i < n; i++) {
    if (buf)
      ngx_pfree(r->pool, buf); // expected-warning{{'ngx_pfree' cannot release this block of 128 bytes}}
    buf = ngx_pnalloc(r->pool, 128);
    if (buf == NULL)
      return NGX_ERROR;
  }
  return NGX_OK;
}

ngx_int_t reuse_in_loop(ngx_http_request_t *r, ngx_uint_t n) {
  ngx_uint_t i;
  u_char *buf = ngx_pnalloc(r->pool, 128);
  if (buf == NULL)
    return NGX_ERROR;
  for (i = 0; i < n; i++)
    buf[0] = (u_char) i; // no-warning
  return NGX_OK;
}
