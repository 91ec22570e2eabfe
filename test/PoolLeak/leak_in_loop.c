// Pools created per iteration: an error inside the loop that leaves it
// without destroying the iteration's pool, and a loop that creates a new
// pool into the same variable without destroying the last one. Resetting a
// pool between iterations keeps it: it is still destroyed once, after the
// loop.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLeak %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLeak %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"


ngx_int_t error_inside_loop_leaves_pool(ngx_log_t *log, ngx_str_t *items,
                                        ngx_uint_t n) {
  for (ngx_uint_t i = 0; i < n; i++) { // notes-note{{Assuming 'i' is < 'n'}}
                                       // notes-note@-1{{Loop condition is true.  Entering loop body}}
    ngx_pool_t *pool = ngx_create_pool(1024, log); // notes-note{{Pool created here}}
    if (pool == NULL) // notes-note{{Assuming 'pool' is not equal to NULL}}
                      // notes-note@-1{{Taking false branch}}
      return NGX_ERROR;
    u_char *p = ngx_pnalloc(pool, items[i].len);
    if (p == NULL) // notes-note{{Assuming 'p' is equal to NULL}}
                   // notes-note@-1{{Taking true branch}}
      return NGX_ERROR; // expected-warning{{Pool 'pool' created by 'ngx_create_pool' is neither destroyed nor kept on this path}}
                        // notes-note@-1{{Pool 'pool' created by 'ngx_create_pool' is neither destroyed nor kept on this path}}
    ngx_destroy_pool(pool);
  }
  return NGX_OK;
}

ngx_int_t error_inside_loop_destroys_pool(ngx_log_t *log, ngx_str_t *items,
                                          ngx_uint_t n) {
  for (ngx_uint_t i = 0; i < n; i++) {
    ngx_pool_t *pool = ngx_create_pool(1024, log);
    if (pool == NULL)
      return NGX_ERROR;
    u_char *p = ngx_pnalloc(pool, items[i].len);
    if (p == NULL) {
      ngx_destroy_pool(pool);
      return NGX_ERROR; // no-warning
    }
    ngx_destroy_pool(pool);
  }
  return NGX_OK;
}

ngx_int_t reset_between_iterations(ngx_log_t *log, ngx_str_t *items,
                                   ngx_uint_t n) {
  ngx_pool_t *pool = ngx_create_pool(1024, log);
  if (pool == NULL)
    return NGX_ERROR;
  for (ngx_uint_t i = 0; i < n; i++) {
    if (ngx_pnalloc(pool, items[i].len) == NULL)
      break;
    ngx_reset_pool(pool); // no-warning: not a destroy, the pool stays
  }
  ngx_destroy_pool(pool);
  return NGX_OK;
}

ngx_int_t second_create_overwrites_local(ngx_log_t *log, ngx_str_t *item) {
  ngx_pool_t *pool = ngx_create_pool(1024, log); // notes-note{{Pool created here}}
  if (pool == NULL) // notes-note{{Assuming 'pool' is not equal to NULL}}
                    // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  ngx_pnalloc(pool, item->len);
  pool = ngx_create_pool(1024, log); // notes-note{{'pool' is overwritten here while it holds the pool}}
  if (pool == NULL) // notes-note{{Assuming 'pool' is not equal to NULL}}
                    // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  ngx_destroy_pool(pool); // expected-warning{{created by 'ngx_create_pool' is neither destroyed nor kept on this path}}
                          // notes-note@-1{{created by 'ngx_create_pool' is neither destroyed nor kept on this path}}
  return NGX_OK;
}

ngx_int_t second_create_after_destroy(ngx_log_t *log, ngx_str_t *item) {
  ngx_pool_t *pool = ngx_create_pool(1024, log);
  if (pool == NULL)
    return NGX_ERROR;
  ngx_pnalloc(pool, item->len);
  ngx_destroy_pool(pool);
  pool = ngx_create_pool(1024, log); // no-warning
  if (pool == NULL)
    return NGX_ERROR;
  ngx_destroy_pool(pool);
  return NGX_OK;
}
