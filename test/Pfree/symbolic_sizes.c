// Sizes known only as values: the checker asks the constraint manager
// whether, on this path, the size is at most the limit. Bounded above by an
// earlier branch: reported. Bounded below only, or not at all: not.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.Pfree %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.Pfree %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

ngx_int_t bounded_above(ngx_http_request_t *r, size_t len) {
  if (len > 1024) // notes-note{{Assuming 'len' is <= 1024}}
                  // notes-note@-1{{Taking false branch}}
    return NGX_HTTP_INTERNAL_SERVER_ERROR;
  u_char *p = ngx_pnalloc(r->pool, len); // notes-note{{Block of at most 1024 bytes allocated here}}
  if (p == NULL) // notes-note{{Assuming 'p' is not equal to NULL}}
                 // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  ngx_pfree(r->pool, p); // expected-warning{{'ngx_pfree' cannot release this block of at most 1024 bytes}}
                         // notes-note@-1{{'ngx_pfree' cannot release this block of at most 1024 bytes: blocks of at most 4016 bytes from the request pool 'r->pool' are kept until the pool is destroyed, and ngx_pfree returns NGX_DECLINED; reuse the buffer instead of freeing and allocating again, or give this phase a pool of its own (ngx_create_pool/ngx_destroy_pool)}}
  return NGX_OK;
}

ngx_int_t bounded_below(ngx_http_request_t *r, size_t len) {
  if (len < 1024)
    return NGX_DECLINED;
  u_char *p = ngx_pnalloc(r->pool, len);
  if (p == NULL)
    return NGX_ERROR;
  ngx_pfree(r->pool, p); // no-warning
  return NGX_OK;
}

ngx_int_t unbounded(ngx_http_request_t *r, size_t len) {
  u_char *p = ngx_pnalloc(r->pool, len);
  if (p == NULL)
    return NGX_ERROR;
  ngx_pfree(r->pool, p); // no-warning
  return NGX_OK;
}

ngx_int_t bounded_above_the_limit(ngx_http_request_t *r, size_t len) {
  if (len > 100000)
    return NGX_HTTP_INTERNAL_SERVER_ERROR;
  u_char *p = ngx_pnalloc(r->pool, len);
  if (p == NULL)
    return NGX_ERROR;
  ngx_pfree(r->pool, p); // no-warning (may be large)
  return NGX_OK;
}

// The size of a string copy is the source's length.
ngx_int_t short_copy(ngx_http_request_t *r) {
  if (r->uri.len > 256) // notes-note{{Assuming field 'len' is <= 256}}
                        // notes-note@-1{{Taking false branch}}
    return NGX_DECLINED;
  u_char *copy = ngx_pstrdup(r->pool, &r->uri); // notes-note{{Block of at most 256 bytes allocated here}}
  if (copy == NULL) // notes-note{{Assuming 'copy' is not equal to NULL}}
                    // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  ngx_pfree(r->pool, copy); // expected-warning{{'ngx_pfree' cannot release this block of at most 256 bytes}}
                            // notes-note@-1{{'ngx_pfree' cannot release this block of at most 256 bytes: blocks of at most 4016 bytes from the request pool 'r->pool' are kept until the pool is destroyed, and ngx_pfree returns NGX_DECLINED; reuse the buffer instead of freeing and allocating again, or give this phase a pool of its own (ngx_create_pool/ngx_destroy_pool)}}
  return NGX_OK;
}

ngx_int_t long_copy(ngx_http_request_t *r) {
  if (r->uri.len <= 8192)
    return NGX_DECLINED;
  u_char *copy = ngx_pstrdup(r->pool, &r->uri);
  if (copy == NULL)
    return NGX_ERROR;
  ngx_pfree(r->pool, copy); // no-warning
  return NGX_OK;
}

// The size computed in a variable and chosen on a branch.
ngx_int_t size_from_branch(ngx_http_request_t *r, int big) {
  size_t size = big ? 16384 : 128; // notes-note{{Assuming 'big' is 0}}
                                   // notes-note@-1{{'?' condition is false}}
  u_char *p = ngx_palloc(r->pool, size); // notes-note{{Block of 128 bytes allocated here}}
  if (p == NULL) // notes-note{{Assuming 'p' is not equal to NULL}}
                 // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  ngx_pfree(r->pool, p); // expected-warning{{'ngx_pfree' cannot release this block of 128 bytes}}
                         // notes-note@-1{{'ngx_pfree' cannot release this block of 128 bytes: blocks of at most 4016 bytes from the request pool 'r->pool' are kept until the pool is destroyed, and ngx_pfree returns NGX_DECLINED; reuse the buffer instead of freeing and allocating again, or give this phase a pool of its own (ngx_create_pool/ngx_destroy_pool)}}
  return NGX_OK;
}

// Arithmetic the constraint manager does not fold: counts times sizeof,
// rounding up with ngx_align. A bound on the count bounds the size.
#define ngx_align(d, a) (((d) + (a - 1)) & ~(a - 1))

ngx_int_t count_times_sizeof(ngx_http_request_t *r, ngx_uint_t n) {
  if (n > 16) // notes-note{{Assuming 'n' is <= 16}}
              // notes-note@-1{{Taking false branch}}
    return NGX_DECLINED;
  ngx_str_t *names = ngx_palloc(r->pool, n * sizeof(ngx_str_t)); // notes-note{{Block of at most 256 bytes allocated here}}
  if (names == NULL) // notes-note{{Assuming 'names' is not equal to NULL}}
                     // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  ngx_pfree(r->pool, names); // expected-warning{{'ngx_pfree' cannot release this block of at most 256 bytes}}
                             // notes-note@-1{{'ngx_pfree' cannot release this block of at most 256 bytes: blocks of at most 4016 bytes from the request pool 'r->pool' are kept until the pool is destroyed, and ngx_pfree returns NGX_DECLINED; reuse the buffer instead of freeing and allocating again, or give this phase a pool of its own (ngx_create_pool/ngx_destroy_pool)}}
  return NGX_OK;
}

ngx_int_t many_times_sizeof(ngx_http_request_t *r, ngx_uint_t n) {
  if (n < 1024)
    return NGX_DECLINED;
  if (n > 4096)
    return NGX_DECLINED;
  ngx_str_t *names = ngx_palloc(r->pool, n * sizeof(ngx_str_t));
  if (names == NULL)
    return NGX_ERROR;
  ngx_pfree(r->pool, names); // no-warning (at least 16384 bytes)
  return NGX_OK;
}

ngx_int_t aligned_small(ngx_http_request_t *r, size_t len) {
  if (len > 200) // notes-note{{Assuming 'len' is <= 200}}
                 // notes-note@-1{{Taking false branch}}
    return NGX_DECLINED;
  u_char *p = ngx_palloc(r->pool, ngx_align(len, 8)); // notes-note{{Block of at most 207 bytes allocated here}}
  if (p == NULL) // notes-note{{Assuming 'p' is not equal to NULL}}
                 // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  ngx_pfree(r->pool, p); // expected-warning{{'ngx_pfree' cannot release this block of at most 207 bytes}}
                         // notes-note@-1{{'ngx_pfree' cannot release this block of at most 207 bytes: blocks of at most 4016 bytes from the request pool 'r->pool' are kept until the pool is destroyed, and ngx_pfree returns NGX_DECLINED; reuse the buffer instead of freeing and allocating again, or give this phase a pool of its own (ngx_create_pool/ngx_destroy_pool)}}
  return NGX_OK;
}

ngx_int_t aligned_unbounded(ngx_http_request_t *r, size_t len) {
  u_char *p = ngx_palloc(r->pool, ngx_align(len, 8));
  if (p == NULL)
    return NGX_ERROR;
  ngx_pfree(r->pool, p); // no-warning
  return NGX_OK;
}
