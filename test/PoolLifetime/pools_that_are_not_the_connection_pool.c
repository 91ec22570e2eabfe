// Pools a function creates itself, configuration pools and the cycle's pool
// are not the connection's.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

ngx_int_t own_pool(ngx_http_request_t *r) {
  ngx_pool_t *pool = ngx_create_pool(4096, r->connection->log);
  if (pool == NULL)
    return NGX_ERROR;
  void *p = ngx_palloc(pool, 128); // no-warning
  ngx_destroy_pool(pool);
  return p ? NGX_OK : NGX_ERROR;
}

ngx_int_t own_pool_twin(ngx_http_request_t *r) {
  ngx_pool_t *pool = r->connection->pool; // notes-note{{'pool' is the connection pool of request 'r': it lives until the client disconnects}}
  void *p = ngx_palloc(pool, 128); // expected-warning{{'ngx_palloc' allocates from the connection pool of request 'r'}}
                                   // notes-note@-1{{'ngx_palloc' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
  return p ? NGX_OK : NGX_ERROR;
}

char *my_conf_directive(ngx_conf_t *cf, void *cmd, void *conf) {
  ngx_array_t *a = ngx_array_create(cf->pool, 4, sizeof(ngx_str_t)); // no-warning
  ngx_str_t *s = ngx_pcalloc(cf->cycle->pool, sizeof(ngx_str_t));    // no-warning
  return (a && s) ? NULL : (char *) -1;
}

ngx_int_t cycle_pool(ngx_http_request_t *r) {
  void *p = ngx_palloc(ngx_cycle->pool, 8); // no-warning
  return p ? NGX_OK : NGX_ERROR;
}
