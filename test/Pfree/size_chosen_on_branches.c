// A size chosen on a branch (a variable set in an if/else or by ?:):
// each path knows its own size. When every choice is small, the ngx_pfree
// is reported once, not once per choice; when every choice is large, not at
// all; when the choices straddle the limit, only the small path reports.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.Pfree %ngx_sim -verify %s

#include "ngx-sim.h"

#define MY_SMALL_LINE 128
#define MY_LONG_LINE 256

ngx_int_t every_choice_small(ngx_http_request_t *r, ngx_flag_t long_lines) {
  size_t size = long_lines ? MY_LONG_LINE : MY_SMALL_LINE;
  u_char *line = ngx_pnalloc(r->pool, size);
  if (line == NULL)
    return NGX_ERROR;
  ngx_pfree(r->pool, line); // expected-warning{{'ngx_pfree' cannot release this block of}}
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
  if (huge)
    size = 64 * 1024;
  u_char *block = ngx_pnalloc(r->pool, size);
  if (block == NULL)
    return NGX_ERROR;
  ngx_pfree(r->pool, block); // expected-warning{{'ngx_pfree' cannot release this block of 64 bytes}}
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
