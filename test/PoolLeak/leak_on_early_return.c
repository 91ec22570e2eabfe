// A pool created for one piece of work and destroyed at a `failed:` label:
// an early return that skips the label leaks the pool (nginx 1.19.1 fixed
// this shape in the wildcard-hash code). The branch that failed to create
// the pool created nothing, and is not a leak.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLeak %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLeak %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

ngx_int_t add_key(ngx_array_t *keys, ngx_str_t *name);

ngx_int_t early_return_skips_failed_label(ngx_log_t *log, ngx_str_t *names,
                                          ngx_uint_t n) {
  ngx_pool_t *temp_pool;
  ngx_array_t *keys;

  temp_pool = ngx_create_pool(4096, log); // notes-note{{Pool created here}}
  if (temp_pool == NULL) // notes-note{{Assuming 'temp_pool' is not equal to NULL}}
                         // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;    // no-warning: the pool was not created

  keys = ngx_array_create(temp_pool, n, sizeof(ngx_str_t));
  if (keys == NULL) // notes-note{{Assuming 'keys' is equal to NULL}}
                    // notes-note@-1{{Taking true branch}}
    return NGX_ERROR; // expected-warning{{Pool 'temp_pool' created by 'ngx_create_pool' is neither destroyed nor kept on this path}}
                      // notes-note@-1{{Pool 'temp_pool' created by 'ngx_create_pool' is neither destroyed nor kept on this path}}

  if (add_key(keys, names) != NGX_OK)
    goto failed;

  ngx_destroy_pool(temp_pool);
  return NGX_OK;

failed:
  ngx_destroy_pool(temp_pool);
  return NGX_ERROR;
}

ngx_int_t early_error_goes_to_failed_label(ngx_log_t *log, ngx_str_t *names,
                                           ngx_uint_t n) {
  ngx_pool_t *temp_pool;
  ngx_array_t *keys;

  temp_pool = ngx_create_pool(4096, log);
  if (temp_pool == NULL)
    return NGX_ERROR;

  keys = ngx_array_create(temp_pool, n, sizeof(ngx_str_t));
  if (keys == NULL)
    goto failed; // no-warning

  if (add_key(keys, names) != NGX_OK)
    goto failed;

  ngx_destroy_pool(temp_pool);
  return NGX_OK;

failed:
  ngx_destroy_pool(temp_pool);
  return NGX_ERROR;
}

ngx_int_t create_failure_is_not_a_leak(ngx_log_t *log) {
  ngx_pool_t *pool = ngx_create_pool(1024, log);
  if (pool == NULL)
    return NGX_ERROR; // no-warning
  ngx_destroy_pool(pool);
  return NGX_OK;
}

ngx_int_t handler_returns_before_destroy(ngx_http_request_t *r) {
  ngx_pool_t *pool;
  u_char *text;

  pool = ngx_create_pool(4096, r->connection->log); // notes-note{{Pool created here}}
  if (pool == NULL) // notes-note{{Assuming 'pool' is not equal to NULL}}
                    // notes-note@-1{{Taking false branch}}
    return NGX_HTTP_INTERNAL_SERVER_ERROR;

  text = ngx_pnalloc(pool, 128);
  if (text == NULL) { // notes-note{{Assuming 'text' is not equal to NULL}}
                      // notes-note@-1{{Taking false branch}}
    ngx_destroy_pool(pool);
    return NGX_HTTP_INTERNAL_SERVER_ERROR;
  }
  text[0] = 'x'; // expected-warning{{Pool 'pool' created by 'ngx_create_pool' is neither destroyed nor kept on this path}}
                 // notes-note@-1{{Pool 'pool' created by 'ngx_create_pool' is neither destroyed nor kept on this path}}
  return NGX_OK;
}

ngx_int_t handler_destroys_before_return(ngx_http_request_t *r) {
  ngx_pool_t *pool;
  u_char *text;

  pool = ngx_create_pool(4096, r->connection->log);
  if (pool == NULL)
    return NGX_HTTP_INTERNAL_SERVER_ERROR;

  text = ngx_pnalloc(pool, 128);
  if (text == NULL) {
    ngx_destroy_pool(pool);
    return NGX_HTTP_INTERNAL_SERVER_ERROR;
  }
  text[0] = 'x';
  ngx_destroy_pool(pool); // no-warning
  return NGX_OK;
}
