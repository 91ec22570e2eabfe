// A block followed from its allocation through a helper that allocates, a
// struct field that keeps it, and a helper that frees.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.Pfree %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.Pfree %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

typedef struct {
  u_char *scratch;
  size_t scratch_size;
} my_ctx_t;

static u_char *my_get_scratch(ngx_pool_t *pool, size_t n) {
  return ngx_pnalloc(pool, n); // notes-note{{Block of 256 bytes allocated here}}
}

static void my_drop_scratch(ngx_pool_t *pool, my_ctx_t *ctx) {
  ngx_pfree(pool, ctx->scratch); // expected-warning{{'ngx_pfree' cannot release this block of 256 bytes}}
                                 // notes-note@-1{{'ngx_pfree' cannot release this block of 256 bytes: blocks of at most 4016 bytes from the request pool 'r->pool' are kept until the pool is destroyed, and ngx_pfree returns NGX_DECLINED; reuse the buffer instead of freeing and allocating again, or give this phase a pool of its own (ngx_create_pool/ngx_destroy_pool)}}
  ctx->scratch = NULL;
}

ngx_int_t small_scratch_in_context(ngx_http_request_t *r, my_ctx_t *ctx) {
  ctx->scratch = my_get_scratch(r->pool, 256); // notes-note{{Calling 'my_get_scratch'}}
                                               // notes-note@-1{{Returning from 'my_get_scratch'}}
  if (ctx->scratch == NULL) // notes-note{{Assuming field 'scratch' is not equal to NULL}}
                            // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  my_drop_scratch(r->pool, ctx); // notes-note{{Calling 'my_drop_scratch'}}
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
  for (i = 0; i < n; i++) { // notes-note 2 {{Assuming 'i' is < 'n'}}
                            // notes-note@-1 2 {{Loop condition is true.  Entering loop body}}
    if (buf) // notes-note{{'buf' is null}}
             // notes-note@-1{{Taking false branch}}
             // notes-note@-2{{'buf' is non-null}}
             // notes-note@-3{{Taking true branch}}
      ngx_pfree(r->pool, buf); // expected-warning{{'ngx_pfree' cannot release this block of 128 bytes}}
                               // notes-note@-1{{'ngx_pfree' cannot release this block of 128 bytes: blocks of at most 4016 bytes from the request pool 'r->pool' are kept until the pool is destroyed, and ngx_pfree returns NGX_DECLINED; reuse the buffer instead of freeing and allocating again, or give this phase a pool of its own (ngx_create_pool/ngx_destroy_pool)}}
    buf = ngx_pnalloc(r->pool, 128); // notes-note{{Block of 128 bytes allocated here}}
    if (buf == NULL) // notes-note{{Assuming 'buf' is not equal to NULL}}
                     // notes-note@-1{{Taking false branch}}
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
