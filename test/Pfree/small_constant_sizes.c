// Constant sizes, sizeof and sizes from macros, at most the request pool's
// limit (4096 - sizeof(ngx_pool_t) = 4016 bytes on 64-bit): ngx_pfree
// cannot release them. The twins are large enough to be released.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.Pfree %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.Pfree %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

#define MY_SCRATCH_SIZE 512
#define MY_BIG_SIZE (16 * 1024)

typedef struct {
  ngx_str_t name;
  ngx_uint_t hits;
} my_entry_t;

ngx_int_t free_scratch_constant(ngx_http_request_t *r) {
  u_char *scratch = ngx_palloc(r->pool, 512); // notes-note{{Block of 512 bytes allocated here}}
  if (scratch == NULL) // notes-note{{Assuming 'scratch' is not equal to NULL}}
                       // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  ngx_pfree(r->pool, scratch); // expected-warning{{'ngx_pfree' cannot release this block of 512 bytes: blocks of at most 4016 bytes from the request pool 'r->pool' are kept until the pool is destroyed, and ngx_pfree returns NGX_DECLINED; reuse the buffer instead of freeing and allocating again, or give this phase a pool of its own (ngx_create_pool/ngx_destroy_pool)}}
                               // notes-note@-1{{'ngx_pfree' cannot release this block of 512 bytes: blocks of at most 4016 bytes from the request pool 'r->pool' are kept until the pool is destroyed, and ngx_pfree returns NGX_DECLINED; reuse the buffer instead of freeing and allocating again, or give this phase a pool of its own (ngx_create_pool/ngx_destroy_pool)}}
  return NGX_OK;
}

ngx_int_t free_big_constant(ngx_http_request_t *r) {
  u_char *big = ngx_palloc(r->pool, 8192);
  if (big == NULL)
    return NGX_ERROR;
  ngx_pfree(r->pool, big); // no-warning
  return NGX_OK;
}

ngx_int_t free_sizeof(ngx_http_request_t *r) {
  my_entry_t *e = ngx_pcalloc(r->pool, sizeof(my_entry_t)); // notes-note{{Block of 24 bytes allocated here}}
  if (e == NULL) // notes-note{{Assuming 'e' is not equal to NULL}}
                 // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  ngx_pfree(r->pool, e); // expected-warning{{'ngx_pfree' cannot release this block of 24 bytes}}
                         // notes-note@-1{{'ngx_pfree' cannot release this block of 24 bytes: blocks of at most 4016 bytes from the request pool 'r->pool' are kept until the pool is destroyed, and ngx_pfree returns NGX_DECLINED; reuse the buffer instead of freeing and allocating again, or give this phase a pool of its own (ngx_create_pool/ngx_destroy_pool)}}
  return NGX_OK;
}

ngx_int_t free_sizeof_array(ngx_http_request_t *r) {
  my_entry_t *e = ngx_pcalloc(r->pool, 1000 * sizeof(my_entry_t));
  if (e == NULL)
    return NGX_ERROR;
  ngx_pfree(r->pool, e); // no-warning (24000 bytes)
  return NGX_OK;
}

ngx_int_t free_macro_size(ngx_http_request_t *r) {
  u_char *p = ngx_pnalloc(r->pool, MY_SCRATCH_SIZE); // notes-note{{Block of 512 bytes allocated here}}
  if (p == NULL) // notes-note{{Assuming 'p' is not equal to NULL}}
                 // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  ngx_pfree(r->pool, p); // expected-warning{{'ngx_pfree' cannot release this block of 512 bytes}}
                         // notes-note@-1{{'ngx_pfree' cannot release this block of 512 bytes: blocks of at most 4016 bytes from the request pool 'r->pool' are kept until the pool is destroyed, and ngx_pfree returns NGX_DECLINED; reuse the buffer instead of freeing and allocating again, or give this phase a pool of its own (ngx_create_pool/ngx_destroy_pool)}}
  return NGX_OK;
}

ngx_int_t free_big_macro_size(ngx_http_request_t *r) {
  u_char *p = ngx_pnalloc(r->pool, MY_BIG_SIZE);
  if (p == NULL)
    return NGX_ERROR;
  ngx_pfree(r->pool, p); // no-warning
  return NGX_OK;
}

ngx_int_t free_at_the_limit(ngx_http_request_t *r) {
  u_char *p = ngx_pnalloc(r->pool, 4016); // notes-note{{Block of 4016 bytes allocated here}}
  if (p == NULL) // notes-note{{Assuming 'p' is not equal to NULL}}
                 // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  ngx_pfree(r->pool, p); // expected-warning{{'ngx_pfree' cannot release this block of 4016 bytes}}
                         // notes-note@-1{{'ngx_pfree' cannot release this block of 4016 bytes: blocks of at most 4016 bytes from the request pool 'r->pool' are kept until the pool is destroyed, and ngx_pfree returns NGX_DECLINED; reuse the buffer instead of freeing and allocating again, or give this phase a pool of its own (ngx_create_pool/ngx_destroy_pool)}}
  return NGX_OK;
}

ngx_int_t free_just_above_the_limit(ngx_http_request_t *r) {
  u_char *p = ngx_pnalloc(r->pool, 4017);
  if (p == NULL)
    return NGX_ERROR;
  ngx_pfree(r->pool, p); // no-warning
  return NGX_OK;
}

// ngx_pmemalign's blocks are always large: ngx_pfree releases them.
ngx_int_t free_aligned(ngx_http_request_t *r) {
  void *p = ngx_pmemalign(r->pool, 64, 16);
  if (p == NULL)
    return NGX_ERROR;
  ngx_pfree(r->pool, p); // no-warning
  return NGX_OK;
}

// Objects the API allocates: a chain link, a buffer's memory.
ngx_int_t free_chain_link(ngx_http_request_t *r) {
  ngx_chain_t *cl = ngx_alloc_chain_link(r->pool); // notes-note{{Block of 16 bytes allocated here}}
  if (cl == NULL) // notes-note{{Assuming 'cl' is not equal to NULL}}
                  // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  ngx_pfree(r->pool, cl); // expected-warning{{'ngx_pfree' cannot release this block of 16 bytes}}
                          // notes-note@-1{{'ngx_pfree' cannot release this block of 16 bytes: blocks of at most 4016 bytes from the request pool 'r->pool' are kept until the pool is destroyed, and ngx_pfree returns NGX_DECLINED; reuse the buffer instead of freeing and allocating again, or give this phase a pool of its own (ngx_create_pool/ngx_destroy_pool)}}
  return NGX_OK;
}

ngx_int_t free_temp_buf_memory(ngx_http_request_t *r) {
  ngx_buf_t *b = ngx_create_temp_buf(r->pool, 1024); // notes-note{{Block of 1024 bytes allocated here}}
  if (b == NULL) // notes-note{{Assuming 'b' is not equal to NULL}}
                 // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  ngx_pfree(r->pool, b->start); // expected-warning{{'ngx_pfree' cannot release this block of 1024 bytes}}
                                // notes-note@-1{{'ngx_pfree' cannot release this block of 1024 bytes: blocks of at most 4016 bytes from the request pool 'r->pool' are kept until the pool is destroyed, and ngx_pfree returns NGX_DECLINED; reuse the buffer instead of freeing and allocating again, or give this phase a pool of its own (ngx_create_pool/ngx_destroy_pool)}}
  return NGX_OK;
}

ngx_int_t free_big_temp_buf_memory(ngx_http_request_t *r) {
  ngx_buf_t *b = ngx_create_temp_buf(r->pool, 65536);
  if (b == NULL)
    return NGX_ERROR;
  ngx_pfree(r->pool, b->start); // no-warning
  return NGX_OK;
}
