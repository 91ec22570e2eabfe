// ngx_destroy_pool() frees the pool, its memory and runs its cleanups:
// destroying it again, allocating from it, or reading what was allocated
// from it afterwards uses freed memory. A helper that destroys the pool on
// failure, followed by the caller's own `failed:` label, is the shape
// lua-nginx-module fixed in its timer code.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLeak %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLeak %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

static ngx_int_t attach(ngx_pool_t *pool, ngx_str_t *name) {
  u_char *p = ngx_pnalloc(pool, name->len);
  if (p == NULL) { // notes-note{{Assuming 'p' is equal to NULL}}
                   // notes-note@-1{{Taking true branch}}
    ngx_destroy_pool(pool); // notes-note{{Pool destroyed here}}
    return NGX_ERROR;
  }
  return NGX_OK;
}

static ngx_int_t attach_keeps_pool(ngx_pool_t *pool, ngx_str_t *name) {
  u_char *p = ngx_pnalloc(pool, name->len);
  return p == NULL ? NGX_ERROR : NGX_OK;
}

ngx_int_t helper_destroys_then_label_destroys(ngx_log_t *log, ngx_str_t *n) {
  ngx_pool_t *pool = ngx_create_pool(1024, log); // notes-note{{Pool created here}}
  if (pool == NULL) // notes-note{{Assuming 'pool' is not equal to NULL}}
                    // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  if (attach(pool, n) != NGX_OK) // notes-note{{Calling 'attach'}}
                                 // notes-note@-1{{Returning from 'attach'}}
                                 // notes-note@-2{{Taking true branch}}
    goto failed; // notes-note{{Control jumps to line 40}}
  ngx_destroy_pool(pool);
  return NGX_OK;
failed:
  ngx_destroy_pool(pool); // expected-warning{{Pool 'pool' is destroyed a second time by 'ngx_destroy_pool'}}
                          // notes-note@-1{{Pool 'pool' is destroyed a second time by 'ngx_destroy_pool'}}
  return NGX_ERROR;
}

ngx_int_t helper_leaves_destroy_to_label(ngx_log_t *log, ngx_str_t *n) {
  ngx_pool_t *pool = ngx_create_pool(1024, log);
  if (pool == NULL)
    return NGX_ERROR;
  if (attach_keeps_pool(pool, n) != NGX_OK)
    goto failed;
  ngx_destroy_pool(pool);
  return NGX_OK;
failed:
  ngx_destroy_pool(pool); // no-warning
  return NGX_ERROR;
}

ngx_int_t destroy_callers_pool_twice(ngx_connection_t *c) {
  ngx_destroy_pool(c->pool); // notes-note{{Pool destroyed here}}
  ngx_destroy_pool(c->pool); // expected-warning{{is destroyed a second time by 'ngx_destroy_pool'}}
                             // notes-note@-1{{is destroyed a second time by 'ngx_destroy_pool'}}
  return NGX_OK;
}

ngx_int_t destroy_callers_pool_once(ngx_connection_t *c) {
  ngx_pool_t *pool = c->pool;
  c->pool = NULL;
  ngx_destroy_pool(pool); // no-warning
  return NGX_OK;
}

ngx_int_t allocates_after_destroy(ngx_log_t *log) {
  ngx_pool_t *pool = ngx_create_pool(1024, log); // notes-note{{Pool created here}}
  if (pool == NULL) // notes-note{{Assuming 'pool' is not equal to NULL}}
                    // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  ngx_destroy_pool(pool); // notes-note{{Pool destroyed here}}
  if (ngx_palloc(pool, 16) == NULL) // expected-warning{{'ngx_palloc' uses pool 'pool' after ngx_destroy_pool() destroyed it}}
                                    // notes-note@-1{{'ngx_palloc' uses pool 'pool' after ngx_destroy_pool() destroyed it}}
    return NGX_ERROR;
  return NGX_OK;
}

ngx_int_t allocates_before_destroy(ngx_log_t *log) {
  ngx_pool_t *pool = ngx_create_pool(1024, log);
  if (pool == NULL)
    return NGX_ERROR;
  if (ngx_palloc(pool, 16) == NULL) { // no-warning
    ngx_destroy_pool(pool);
    return NGX_ERROR;
  }
  ngx_destroy_pool(pool);
  return NGX_OK;
}

size_t reads_block_after_destroy(ngx_log_t *log) {
  ngx_pool_t *pool = ngx_create_pool(1024, log); // notes-note{{Pool created here}}
  if (pool == NULL) // notes-note{{Assuming 'pool' is not equal to NULL}}
                    // notes-note@-1{{Taking false branch}}
    return 0;
  ngx_str_t *s = ngx_palloc(pool, sizeof(ngx_str_t)); // notes-note{{Memory allocated from the pool here}}
  if (s == NULL) { // notes-note{{Assuming 's' is not equal to NULL}}
                   // notes-note@-1{{Taking false branch}}
    ngx_destroy_pool(pool);
    return 0;
  }
  s->len = 3;
  ngx_destroy_pool(pool); // notes-note{{Pool destroyed here}}
  return s->len; // expected-warning{{Memory 's' allocated from pool 'pool' is read after ngx_destroy_pool() destroyed the pool}}
                 // notes-note@-1{{Memory 's' allocated from pool 'pool' is read after ngx_destroy_pool() destroyed the pool}}
}

size_t reads_block_before_destroy(ngx_log_t *log) {
  ngx_pool_t *pool = ngx_create_pool(1024, log);
  if (pool == NULL)
    return 0;
  ngx_str_t *s = ngx_palloc(pool, sizeof(ngx_str_t));
  if (s == NULL) {
    ngx_destroy_pool(pool);
    return 0;
  }
  s->len = 3;
  size_t len = s->len; // no-warning
  ngx_destroy_pool(pool);
  return len;
}
