// A size chosen on a branch (a variable set in an if/else or by ?:):
// each path knows its own size. When every choice is small, the ngx_pfree
// is reported once, not once per choice; when every choice is large, not at
// all; when the choices straddle the limit, only the small path reports.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.Pfree %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.Pfree %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

#define MY_SMALL_LINE 128
#define MY_LONG_LINE 256

ngx_int_t every_choice_small(ngx_http_request_t *r, ngx_flag_t long_lines) {
  size_t size = long_lines ? MY_LONG_LINE : MY_SMALL_LINE; // notes-note{{Assuming 'long_lines' is 0}}
                                                           // notes-note@-1{{'?' condition is false}}
  u_char *line = ngx_pnalloc(r->pool, size); // notes-note{{Block of 128 bytes allocated here}}
  if (line == NULL) // notes-note{{Assuming 'line' is not equal to NULL}}
                    // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  ngx_pfree(r->pool, line); // expected-warning{{'ngx_pfree' cannot release this block of}}
                            // notes-note@-1{{'ngx_pfree' cannot release this block of 128 bytes: blocks of at most 4016 bytes from the request pool 'r->pool' are kept until the pool is destroyed, and ngx_pfree returns NGX_DECLINED; reuse the buffer instead of freeing and allocating again, or give this phase a pool of its own (ngx_create_pool/ngx_destroy_pool)}}
  return NGX_OK;
}

ngx_int_t every_choice_large(ngx_http_request_t *r, ngx_flag_t huge) {
  size_t size;
  if (huge)
    size = 1024 * 1024;
  else
    size = 64 * 1024;
  u_char *block = ngx_pnalloc(r->pool, size);
  if (block == NULL)
    return NGX_ERROR;
  ngx_pfree(r->pool, block); // no-warning
  return NGX_OK;
}

ngx_int_t choices_straddle_the_limit(ngx_http_request_t *r, ngx_flag_t huge) {
  size_t size = 64;
  if (huge) // notes-note{{Assuming 'huge' is 0}}
            // notes-note@-1{{Taking false branch}}
    size = 64 * 1024;
  u_char *block = ngx_pnalloc(r->pool, size); // notes-note{{Block of 64 bytes allocated here}}
  if (block == NULL) // notes-note{{Assuming 'block' is not equal to NULL}}
                     // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  ngx_pfree(r->pool, block); // expected-warning{{'ngx_pfree' cannot release this block of 64 bytes}}
                             // notes-note@-1{{'ngx_pfree' cannot release this block of 64 bytes: blocks of at most 4016 bytes from the request pool 'r->pool' are kept until the pool is destroyed, and ngx_pfree returns NGX_DECLINED; reuse the buffer instead of freeing and allocating again, or give this phase a pool of its own (ngx_create_pool/ngx_destroy_pool)}}
  return NGX_OK;
}

ngx_int_t straddle_but_small_path_reuses(ngx_http_request_t *r,
                                         ngx_flag_t huge) {
  size_t size = 64;
  if (huge)
    size = 64 * 1024;
  u_char *block = ngx_pnalloc(r->pool, size);
  if (block == NULL)
    return NGX_ERROR;
  if (huge)
    ngx_pfree(r->pool, block); // no-warning: only the large block is freed
  return NGX_OK;
}
