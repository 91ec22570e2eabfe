// Blocks are followed only in units that give blocks back at all; a unit
// whose only ngx_pfree is a function pointer to it (a table of release
// functions) gives blocks back too, and the analyzer calls through the
// pointer. The twin gives back a block that can be large.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.Pfree %ngx_sim -analyzer-output=text -verify %s

#include "ngx-sim.h"

typedef ngx_int_t (*release_pt)(ngx_pool_t *pool, void *p);

ngx_int_t small_block_through_pointer(ngx_http_request_t *r) {
  release_pt release = ngx_pfree;
  u_char *small = ngx_palloc(r->pool, 64); // expected-note{{Block of 64 bytes allocated here}}
  if (small == NULL) // expected-note{{Assuming 'small' is not equal to NULL}}
                     // expected-note@-1{{Taking false branch}}
    return NGX_ERROR;
  return release(r->pool, small); // expected-warning{{'ngx_pfree' cannot release this block of 64 bytes}}
                                  // expected-note@-1{{'ngx_pfree' cannot release this block of 64 bytes}}
}

ngx_int_t large_block_through_pointer(ngx_http_request_t *r) {
  release_pt release = ngx_pfree;
  u_char *big = ngx_palloc(r->pool, 65536);
  if (big == NULL)
    return NGX_ERROR;
  return release(r->pool, big); // no-warning
}
