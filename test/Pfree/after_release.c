// A large block ngx_pfree released is back in the C heap: using it, or
// releasing it again, is a use after free. The twins stop using it.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.Pfree %ngx_sim -analyzer-output=text -verify %s

#include "ngx-sim.h"

ngx_int_t read_after_release(ngx_http_request_t *r) {
  u_char *big = ngx_palloc(r->pool, 65536); // expected-note{{Block of 65536 bytes allocated here}}
  if (big == NULL) // expected-note{{Assuming 'big' is not equal to NULL}}
                   // expected-note@-1{{Taking false branch}}
    return NGX_ERROR;
  big[0] = 'x';
  ngx_pfree(r->pool, big); // expected-note{{Block released by 'ngx_pfree'}}
  return big[0]; // expected-warning{{Block used after 'ngx_pfree' released it: its memory is back in the C heap}}
                 // expected-note@-1{{Block used after 'ngx_pfree' released it}}
}

ngx_int_t read_before_release(ngx_http_request_t *r) {
  u_char *big = ngx_palloc(r->pool, 65536);
  if (big == NULL)
    return NGX_ERROR;
  big[0] = 'x';
  ngx_int_t c = big[0];
  ngx_pfree(r->pool, big);
  return c; // no-warning
}

ngx_int_t released_twice(ngx_http_request_t *r) {
  u_char *big = ngx_palloc(r->pool, 65536); // expected-note{{Block of 65536 bytes allocated here}}
  if (big == NULL) // expected-note{{Assuming 'big' is not equal to NULL}}
                   // expected-note@-1{{Taking false branch}}
    return NGX_ERROR;
  ngx_pfree(r->pool, big); // expected-note{{Block released by 'ngx_pfree'}}
  ngx_pfree(r->pool, big); // expected-warning{{'ngx_pfree' releases this block a second time; the pool may have handed its memory to someone else since}}
                           // expected-note@-1{{'ngx_pfree' releases this block a second time}}
  return NGX_OK;
}

ngx_int_t released_once_and_forgotten(ngx_http_request_t *r) {
  u_char *big = ngx_palloc(r->pool, 65536);
  if (big == NULL)
    return NGX_ERROR;
  ngx_pfree(r->pool, big);
  big = NULL;
  return NGX_OK; // no-warning
}

// A small block is not released, so using it after ngx_pfree is not a use
// after free (ngx_pfree is reported for itself).
ngx_int_t small_block_stays(ngx_http_request_t *r) {
  u_char *small = ngx_palloc(r->pool, 64); // expected-note{{Block of 64 bytes allocated here}}
  if (small == NULL) // expected-note{{Assuming 'small' is not equal to NULL}}
                     // expected-note@-1{{Taking false branch}}
    return NGX_ERROR;
  ngx_pfree(r->pool, small); // expected-warning{{'ngx_pfree' cannot release this block of 64 bytes}}
                             // expected-note@-1{{'ngx_pfree' cannot release this block of 64 bytes}}
  return small[0]; // no-warning
}

// ngx_pfree only knows a block by its start: a pointer into it releases
// nothing (reported as such), so what follows is no use after release.
ngx_int_t pointer_into_block(ngx_http_request_t *r) {
  u_char *big = ngx_palloc(r->pool, 65536); // expected-note{{Block of 65536 bytes allocated here}}
  if (big == NULL) // expected-note{{Assuming 'big' is not equal to NULL}}
                   // expected-note@-1{{Taking false branch}}
    return NGX_ERROR;
  ngx_pfree(r->pool, big + 16); // expected-warning{{'ngx_pfree' is given a pointer 16 bytes into a pool block, not its start}}
                                // expected-note@-1{{'ngx_pfree' is given a pointer 16 bytes into a pool block, not its start}}
  big[0] = 'x'; // no-warning
  return NGX_OK;
}
