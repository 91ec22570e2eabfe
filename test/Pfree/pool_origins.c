// The limit follows the pool: r->pool (request_pool_size 4096), c->pool
// (connection_pool_size 512 on 64-bit: a 1 KB block from it IS large, and
// nginx core relies on ngx_pfree releasing it), a pool created in view with
// ngx_create_pool(N), and any other pool (NGX_MAX_ALLOC_FROM_POOL, 4095).
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.Pfree %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.Pfree %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

ngx_int_t connection_pool_1k_is_large(ngx_connection_t *c) {
  u_char *p = ngx_palloc(c->pool, 1024);
  if (p == NULL)
    return NGX_ERROR;
  ngx_pfree(c->pool, p); // no-warning
  return NGX_OK;
}

ngx_int_t connection_pool_400_is_small(ngx_connection_t *c) {
  u_char *p = ngx_palloc(c->pool, 400); // notes-note{{Block of 400 bytes allocated here}}
  if (p == NULL) // notes-note{{Assuming 'p' is not equal to NULL}}
                 // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  ngx_pfree(c->pool, p); // expected-warning{{'ngx_pfree' cannot release this block of 400 bytes: blocks of at most 432 bytes from the connection pool 'c->pool' are kept until the pool is destroyed}}
                         // notes-note@-1{{'ngx_pfree' cannot release this block of 400 bytes: blocks of at most 432 bytes from the connection pool 'c->pool' are kept until the pool is destroyed, and ngx_pfree returns NGX_DECLINED; reuse the buffer instead of freeing and allocating again, or give this phase a pool of its own (ngx_create_pool/ngx_destroy_pool)}}
  return NGX_OK;
}

ngx_int_t request_pool_1k_is_small(ngx_http_request_t *r) {
  u_char *p = ngx_palloc(r->pool, 1024); // notes-note{{Block of 1024 bytes allocated here}}
  if (p == NULL) // notes-note{{Assuming 'p' is not equal to NULL}}
                 // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  ngx_pfree(r->pool, p); // expected-warning{{'ngx_pfree' cannot release this block of 1024 bytes: blocks of at most 4016 bytes from the request pool 'r->pool'}}
                         // notes-note@-1{{'ngx_pfree' cannot release this block of 1024 bytes: blocks of at most 4016 bytes from the request pool 'r->pool' are kept until the pool is destroyed, and ngx_pfree returns NGX_DECLINED; reuse the buffer instead of freeing and allocating again, or give this phase a pool of its own (ngx_create_pool/ngx_destroy_pool)}}
  return NGX_OK;
}

ngx_int_t created_pool_small(ngx_log_t *log) {
  ngx_pool_t *pool = ngx_create_pool(1024, log);
  if (pool == NULL) // notes-note{{Assuming 'pool' is not equal to NULL}}
                    // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  u_char *p = ngx_palloc(pool, 900); // notes-note{{Block of 900 bytes allocated here}}
  if (p != NULL) // notes-note{{Assuming 'p' is not equal to NULL}}
                 // notes-note@-1{{Taking true branch}}
    ngx_pfree(pool, p); // expected-warning{{'ngx_pfree' cannot release this block of 900 bytes: blocks of at most 944 bytes from the pool created here by ngx_create_pool() are kept}}
                        // notes-note@-1{{'ngx_pfree' cannot release this block of 900 bytes: blocks of at most 944 bytes from the pool created here by ngx_create_pool() are kept until the pool is destroyed, and ngx_pfree returns NGX_DECLINED; reuse the buffer instead of freeing and allocating again, or give this phase a pool of its own (ngx_create_pool/ngx_destroy_pool)}}
  ngx_destroy_pool(pool);
  return NGX_OK;
}

ngx_int_t created_pool_large(ngx_log_t *log) {
  ngx_pool_t *pool = ngx_create_pool(1024, log);
  if (pool == NULL)
    return NGX_ERROR;
  u_char *p = ngx_palloc(pool, 1000);
  if (p != NULL)
    ngx_pfree(pool, p); // no-warning (1000 > 944)
  ngx_destroy_pool(pool);
  return NGX_OK;
}

ngx_int_t created_pool_of_unknown_size(ngx_log_t *log, size_t n) {
  ngx_pool_t *pool = ngx_create_pool(n, log);
  if (pool == NULL)
    return NGX_ERROR;
  u_char *p = ngx_palloc(pool, 200);
  if (p != NULL)
    ngx_pfree(pool, p); // no-warning (the pool may be too small for 200 to be small)
  ngx_destroy_pool(pool);
  return NGX_OK;
}

ngx_int_t created_pool_of_bounded_size(ngx_log_t *log, size_t n) {
  if (n < 2048) // notes-note{{Assuming 'n' is >= 2048}}
                // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  ngx_pool_t *pool = ngx_create_pool(n, log);
  if (pool == NULL) // notes-note{{Assuming 'pool' is not equal to NULL}}
                    // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  u_char *p = ngx_palloc(pool, 200); // notes-note{{Block of 200 bytes allocated here}}
  if (p != NULL) // notes-note{{Assuming 'p' is not equal to NULL}}
                 // notes-note@-1{{Taking true branch}}
    ngx_pfree(pool, p); // expected-warning{{'ngx_pfree' cannot release this block of 200 bytes}}
                        // notes-note@-1{{'ngx_pfree' cannot release this block of 200 bytes: blocks of at most the pool's limit from the pool created here by ngx_create_pool() are kept until the pool is destroyed, and ngx_pfree returns NGX_DECLINED; reuse the buffer instead of freeing and allocating again, or give this phase a pool of its own (ngx_create_pool/ngx_destroy_pool)}}
  ngx_destroy_pool(pool);
  return NGX_OK;
}

ngx_int_t unknown_pool_small(ngx_pool_t *pool) {
  u_char *p = ngx_palloc(pool, 4095); // notes-note{{Block of 4095 bytes allocated here}}
  if (p == NULL) // notes-note{{Assuming 'p' is not equal to NULL}}
                 // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  ngx_pfree(pool, p); // expected-warning{{'ngx_pfree' cannot release this block of 4095 bytes: blocks of at most 4095 bytes from 'pool' are kept}}
                      // notes-note@-1{{'ngx_pfree' cannot release this block of 4095 bytes: blocks of at most 4095 bytes from 'pool' are kept until the pool is destroyed, and ngx_pfree returns NGX_DECLINED; reuse the buffer instead of freeing and allocating again, or give this phase a pool of its own (ngx_create_pool/ngx_destroy_pool)}}
  return NGX_OK;
}

ngx_int_t unknown_pool_large(ngx_pool_t *pool) {
  u_char *p = ngx_palloc(pool, 4096);
  if (p == NULL)
    return NGX_ERROR;
  ngx_pfree(pool, p); // no-warning
  return NGX_OK;
}

ngx_int_t configuration_pool(ngx_conf_t *cf) {
  u_char *p = ngx_palloc(cf->pool, 64); // notes-note{{Block of 64 bytes allocated here}}
  if (p == NULL) // notes-note{{Assuming 'p' is not equal to NULL}}
                 // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  ngx_pfree(cf->pool, p); // expected-warning{{'ngx_pfree' cannot release this block of 64 bytes: blocks of at most 4095 bytes}}
                          // notes-note@-1{{'ngx_pfree' cannot release this block of 64 bytes: blocks of at most 4095 bytes from 'cf->pool' are kept until the pool is destroyed, and ngx_pfree returns NGX_DECLINED; reuse the buffer instead of freeing and allocating again, or give this phase a pool of its own (ngx_create_pool/ngx_destroy_pool)}}
  return NGX_OK;
}
