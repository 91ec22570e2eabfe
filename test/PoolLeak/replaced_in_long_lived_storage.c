// A pool kept in long-lived storage (a static, a module's configuration)
// and replaced by a new pool: the pool the place held before this path
// began is read from the store. Unless the old pool is destroyed, or kept
// somewhere, it leaks once per replacement. Code that runs per request or
// per event runs again and again, so without a test the place holds the
// previous run's pool; configuration code runs once, so only a path that
// showed the place was not empty replaces something. The lazy creation
// (`if (conf->pool == NULL)`) replaces nothing.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLeak %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLeak %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

typedef struct {
  ngx_pool_t *pool;
  ngx_pool_t *retired;
  ngx_array_t *peers;
} upstream_conf_t;

extern ngx_module_t upstream_module;
static ngx_pool_t *peers_pool;
static ngx_uint_t replacements;

void destroy_pool_handler(void *data);

// Per request: the configuration's pool is replaced on every request.
ngx_int_t update_per_request(ngx_http_request_t *r) {
  upstream_conf_t *conf = ngx_http_get_module_loc_conf(r, upstream_module);
  ngx_pool_t *pool = ngx_create_pool(4096, r->connection->log);
  if (pool == NULL) // notes-note{{Assuming 'pool' is not equal to NULL}}
                    // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  conf->peers = ngx_array_create(pool, 4, sizeof(ngx_str_t));
  conf->pool = pool; // notes-note{{The pool in 'conf->pool' is replaced here}}
  return NGX_OK; // expected-warning{{The pool held in 'conf->pool' before is replaced by a new pool and is neither destroyed nor kept}}
                 // notes-note@-1{{The pool held in 'conf->pool' before is replaced by a new pool and is neither destroyed nor kept}}
}

// Twin: the old pool is destroyed before the new one is stored.
ngx_int_t update_per_request_destroying_old(ngx_http_request_t *r) {
  upstream_conf_t *conf = ngx_http_get_module_loc_conf(r, upstream_module);
  ngx_pool_t *pool = ngx_create_pool(4096, r->connection->log);
  if (pool == NULL)
    return NGX_ERROR;
  if (conf->pool != NULL)
    ngx_destroy_pool(conf->pool);
  conf->pool = pool;
  return NGX_OK; // no-warning
}

// Twin: the old pool is saved first and destroyed after the swap.
ngx_int_t update_per_request_swap_then_destroy(ngx_http_request_t *r) {
  upstream_conf_t *conf = ngx_http_get_module_loc_conf(r, upstream_module);
  ngx_pool_t *old = conf->pool;
  ngx_pool_t *pool = ngx_create_pool(4096, r->connection->log);
  if (pool == NULL)
    return NGX_ERROR;
  conf->pool = pool;
  if (old)
    ngx_destroy_pool(old);
  return NGX_OK; // no-warning
}

// Twin: the lazy creation, nginx's own idiom: only an empty place gets one.
ngx_int_t create_once_per_request(ngx_http_request_t *r) {
  upstream_conf_t *conf = ngx_http_get_module_loc_conf(r, upstream_module);
  if (conf->pool == NULL) {
    conf->pool = ngx_create_pool(4096, r->connection->log);
    if (conf->pool == NULL)
      return NGX_ERROR;
  }
  return NGX_OK; // no-warning
}

// Twin: the old pool is kept in another field, to be destroyed later.
ngx_int_t update_keeping_the_old_one(ngx_http_request_t *r) {
  upstream_conf_t *conf = ngx_http_get_module_loc_conf(r, upstream_module);
  ngx_pool_t *pool = ngx_create_pool(4096, r->connection->log);
  if (pool == NULL)
    return NGX_ERROR;
  conf->retired = conf->pool;
  conf->pool = pool;
  return NGX_OK; // no-warning
}

// Twin: the new pool's cleanup destroys the old one.
ngx_int_t update_chaining_old_into_cleanup(ngx_http_request_t *r) {
  upstream_conf_t *conf = ngx_http_get_module_loc_conf(r, upstream_module);
  ngx_pool_cleanup_t *cln;
  ngx_pool_t *pool = ngx_create_pool(4096, r->connection->log);
  if (pool == NULL)
    return NGX_ERROR;
  cln = ngx_pool_cleanup_add(pool, 0);
  if (cln == NULL) {
    ngx_destroy_pool(pool);
    return NGX_ERROR;
  }
  cln->handler = destroy_pool_handler;
  cln->data = conf->pool;
  conf->pool = pool;
  return NGX_OK; // no-warning
}

// A timer of the request's upstream rebuilds the peers on every tick.
void refresh_peers(ngx_event_t *ev) {
  ngx_http_request_t *r = ev->data;
  upstream_conf_t *conf = ngx_http_get_module_loc_conf(r, upstream_module);
  ngx_pool_t *pool = ngx_create_pool(16384, ev->log);
  if (pool == NULL) // notes-note{{Assuming 'pool' is not equal to NULL}}
                    // notes-note@-1{{Taking false branch}}
    return;
  conf->pool = pool; // notes-note{{The pool in 'conf->pool' is replaced here}}
} // expected-warning{{The pool held in 'conf->pool' before is replaced by a new pool and is neither destroyed nor kept}}
  // notes-note@-1{{The pool held in 'conf->pool' before is replaced by a new pool and is neither destroyed nor kept}}

// Twin: the tick destroys the previous pool through a helper.
static void retire(ngx_pool_t *old) {
  if (old != NULL)
    ngx_destroy_pool(old);
}

void refresh_peers_retiring_old(ngx_event_t *ev) {
  ngx_http_request_t *r = ev->data;
  upstream_conf_t *conf = ngx_http_get_module_loc_conf(r, upstream_module);
  ngx_pool_t *pool = ngx_create_pool(16384, ev->log);
  if (pool == NULL)
    return;
  retire(conf->pool);
  conf->pool = pool; // no-warning
}

// A static gets a new value from every call the analyzer cannot see into
// (ngx_create_pool among them): what it held before is not known at the
// store, and nothing is reported (a limit, see PoolLeak.md).
void refresh_static_pool(ngx_event_t *ev) {
  ngx_pool_t *pool = ngx_create_pool(16384, ev->log);
  if (pool == NULL)
    return;
  peers_pool = pool; // no-warning
}

// Configuration code runs once: a place it does not test is taken empty.
ngx_int_t init_worker_pool(ngx_cycle_t *cycle) {
  upstream_conf_t *conf = (upstream_conf_t *) cycle->conf_ctx[upstream_module.index];
  conf->pool = ngx_create_pool(16384, cycle->log);
  if (conf->pool == NULL)
    return NGX_ERROR;
  return NGX_OK; // no-warning
}

// ... but a path that found the place taken replaces what is there.
ngx_int_t init_worker_pool_again(ngx_cycle_t *cycle) {
  upstream_conf_t *conf = (upstream_conf_t *) cycle->conf_ctx[upstream_module.index];
  ngx_pool_t *pool;
  if (conf->pool != NULL) // notes-note{{Assuming field 'pool' is not equal to NULL}}
                          // notes-note@-1{{Taking true branch}}
    replacements++;
  pool = ngx_create_pool(16384, cycle->log);
  if (pool == NULL) // notes-note{{Assuming 'pool' is not equal to NULL}}
                    // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  conf->pool = pool; // notes-note{{The pool in 'conf->pool' is replaced here}}
  return NGX_OK; // expected-warning{{The pool held in 'conf->pool' before is replaced by a new pool and is neither destroyed nor kept}}
                 // notes-note@-1{{The pool held in 'conf->pool' before is replaced by a new pool and is neither destroyed nor kept}}
}

// Twin: the same test, destroying what it found.
ngx_int_t init_worker_pool_again_destroying(ngx_cycle_t *cycle) {
  upstream_conf_t *conf = (upstream_conf_t *) cycle->conf_ctx[upstream_module.index];
  ngx_pool_t *pool;
  if (conf->pool != NULL) {
    replacements++;
    ngx_destroy_pool(conf->pool);
  }
  pool = ngx_create_pool(16384, cycle->log);
  if (pool == NULL)
    return NGX_ERROR;
  conf->pool = pool;
  return NGX_OK; // no-warning
}
