// The pool depends on a branch or a flag: reported on the path that picks
// the connection pool, with the branch in the path notes.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim -analyzer-output=text -verify %s

#include "ngx-sim.h"

typedef struct {
  ngx_flag_t per_connection;
} my_loc_conf_t;

extern ngx_module_t ngx_http_my_module;

ngx_int_t pool_picked_by_flag(ngx_http_request_t *r) {
  my_loc_conf_t *conf = ngx_http_get_module_loc_conf(r, ngx_http_my_module);
  ngx_pool_t *pool;
  if (conf->per_connection) // expected-note{{Assuming field 'per_connection' is not equal to 0}}
                            // expected-note@-1{{Taking true branch}}
    pool = r->connection->pool; // expected-note{{'pool' is the connection pool of request 'r': it lives until the client disconnects}}
  else
    pool = r->pool;
  void *p = ngx_palloc(pool, 100); // expected-warning{{'ngx_palloc' allocates from the connection pool of request 'r'}}
                                   // expected-note@-1{{'ngx_palloc' allocates from the connection pool of request 'r'}}
  return p ? NGX_OK : NGX_ERROR;
}

ngx_int_t pool_picked_by_flag_twin(ngx_http_request_t *r) {
  my_loc_conf_t *conf = ngx_http_get_module_loc_conf(r, ngx_http_my_module);
  ngx_pool_t *pool;
  if (conf->per_connection)
    pool = r->main->pool;
  else
    pool = r->pool;
  void *p = ngx_palloc(pool, 100); // no-warning
  return p ? NGX_OK : NGX_ERROR;
}
