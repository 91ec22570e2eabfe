// Pools destroyed at a cleanup label, or under a flag that says whether the
// pool is the function's own: the path decides, not the shape of the code.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLeak %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLeak %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

ngx_int_t step(ngx_str_t *s);

ngx_int_t cleanup_label_reached_by_every_path(ngx_log_t *log, ngx_str_t *s) {
  ngx_int_t rc = NGX_ERROR;
  ngx_pool_t *pool = ngx_create_pool(2048, log);
  if (pool == NULL)
    return NGX_ERROR;
  if (ngx_palloc(pool, 64) == NULL)
    goto cleanup;
  if (step(s) != NGX_OK)
    goto cleanup;
  rc = NGX_OK;
cleanup:
  ngx_destroy_pool(pool); // no-warning
  return rc;
}

ngx_int_t cleanup_label_skipped_by_one_return(ngx_log_t *log, ngx_str_t *s) {
  ngx_int_t rc = NGX_ERROR;
  ngx_pool_t *pool = ngx_create_pool(2048, log); // notes-note{{Pool created here}}
  if (pool == NULL) // notes-note{{Assuming 'pool' is not equal to NULL}}
                    // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  if (ngx_palloc(pool, 64) == NULL) // notes-note{{Assuming the condition is false}}
                                    // notes-note@-1{{Taking false branch}}
    goto cleanup;
  if (step(s) == NGX_DECLINED) // notes-note{{Assuming the condition is true}}
                               // notes-note@-1{{Taking true branch}}
    return NGX_DECLINED; // expected-warning{{Pool 'pool' created by 'ngx_create_pool' is neither destroyed nor kept on this path}}
                         // notes-note@-1{{Pool 'pool' created by 'ngx_create_pool' is neither destroyed nor kept on this path}}
  rc = NGX_OK;
cleanup:
  ngx_destroy_pool(pool);
  return rc;
}

// The pool is the caller's when one is given, the function's own when it
// creates one; a flag remembers which.
ngx_int_t own_pool_flag(ngx_pool_t *given, ngx_log_t *log, ngx_str_t *s) {
  ngx_pool_t *pool = given;
  ngx_flag_t own = 0;
  if (pool == NULL) {
    pool = ngx_create_pool(1024, log);
    if (pool == NULL)
      return NGX_ERROR;
    own = 1;
  }
  step(s);
  if (own)
    ngx_destroy_pool(pool); // no-warning
  return NGX_OK;
}

ngx_int_t own_pool_flag_never_set(ngx_pool_t *given, ngx_log_t *log,
                                  ngx_str_t *s) {
  ngx_pool_t *pool = given;
  ngx_flag_t own = 0;
  if (pool == NULL) { // notes-note{{Assuming 'pool' is equal to NULL}}
                      // notes-note@-1{{Taking true branch}}
    pool = ngx_create_pool(1024, log); // notes-note{{Pool created here}}
    if (pool == NULL) // notes-note{{Assuming 'pool' is not equal to NULL}}
                      // notes-note@-1{{Taking false branch}}
      return NGX_ERROR;
  }
  step(s);
  if (own) // notes-note{{'own' is 0}}
           // notes-note@-1{{Taking false branch}}
    ngx_destroy_pool(pool);
  return NGX_OK; // expected-warning{{Pool 'pool' created by 'ngx_create_pool' is neither destroyed nor kept on this path}}
                 // notes-note@-1{{Pool 'pool' created by 'ngx_create_pool' is neither destroyed nor kept on this path}}
}
