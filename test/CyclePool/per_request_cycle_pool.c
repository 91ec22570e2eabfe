// Request-time and event-time code that allocates from the cycle pool, or
// from a pool a module saved in its configuration, grows the worker until
// the next reload. Each positive case has its fixed twin beside it.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.CyclePool %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.CyclePool %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

#define NGX_CONF_OK NULL
#define NGX_CONF_ERROR ((char *)-1)

typedef struct {
  ngx_pool_t *pool;
  ngx_array_t *items;
  ngx_str_t *cached;
} foo_conf_t;

typedef struct {
  ngx_str_t *name;
} foo_ctx_t;

ngx_module_t foo_module;

/* The cycle pool, directly. */

ngx_int_t cycle_pool_in_handler(ngx_http_request_t *r) { // notes-note{{'cycle_pool_in_handler' runs for every request: it receives 'r'}}
  void *p = ngx_pcalloc(ngx_cycle->pool, 64); // expected-warning{{'ngx_pcalloc' allocates from 'ngx_cycle->pool', the cycle pool, which lives until nginx reloads, in code that runs for every request}} notes-note{{'ngx_pcalloc' allocates from 'ngx_cycle->pool', the cycle pool, which lives until nginx reloads, in code that runs for every request}}
  return p ? NGX_OK : NGX_ERROR;
}

ngx_int_t request_pool_in_handler(ngx_http_request_t *r) {
  void *p = ngx_pcalloc(r->pool, 64);
  return p ? NGX_OK : NGX_ERROR;
}

/* Through an alias. */

ngx_int_t cycle_pool_through_alias(ngx_http_request_t *r) { // notes-note{{'cycle_pool_through_alias' runs for every request: it receives 'r'}}
  ngx_pool_t *pool = ngx_cycle->pool; // notes-note{{'pool' is the cycle pool: it lives until nginx reloads}}
  return ngx_palloc(pool, 16) ? NGX_OK : NGX_ERROR; // expected-warning{{'ngx_palloc' allocates from 'ngx_cycle->pool', the cycle pool, which lives until nginx reloads, in code that runs for every request}} notes-note{{'ngx_palloc' allocates from 'ngx_cycle->pool', the cycle pool, which lives until nginx reloads, in code that runs for every request}}
}

ngx_int_t cycle_pool_at_init_process(ngx_cycle_t *cycle) {
  ngx_pool_t *pool = cycle->pool;
  return ngx_palloc(pool, 16) ? NGX_OK : NGX_ERROR;
}

/* A pool saved in the configuration at configuration time. */

ngx_int_t conf_pool_in_handler(ngx_http_request_t *r) { // notes-note{{'conf_pool_in_handler' runs for every request: it receives 'r'}}
  foo_conf_t *fcf = ngx_http_get_module_loc_conf(r, foo_module); // notes-note{{'fcf' is the module's location configuration, which lives until nginx reloads}}
  return ngx_pnalloc(fcf->pool, 32) ? NGX_OK : NGX_ERROR; // expected-warning{{'ngx_pnalloc' allocates from 'fcf->pool', a pool saved in the module's location configuration, which lives until nginx reloads, in code that runs for every request}} notes-note{{'ngx_pnalloc' allocates from 'fcf->pool', a pool saved in the module's location configuration, which lives until nginx reloads, in code that runs for every request}}
}

char *conf_pool_in_directive(ngx_conf_t *cf, foo_conf_t *fcf) {
  fcf->pool = cf->pool;
  return ngx_pnalloc(fcf->pool, 32) ? NGX_CONF_OK : NGX_CONF_ERROR;
}

/* A container the configuration keeps, grown per request. */

ngx_int_t push_on_conf_array(ngx_http_request_t *r) { // notes-note{{'push_on_conf_array' runs for every request: it receives 'r'}}
  foo_conf_t *fcf = ngx_http_get_module_main_conf(r, foo_module); // notes-note{{'fcf' is the module's main configuration, which lives until nginx reloads}}
  return ngx_array_push(fcf->items) ? NGX_OK : NGX_ERROR; // expected-warning{{'ngx_array_push' grows a container whose pool 'fcf->items->pool', a pool saved in the module's main configuration, which lives until nginx reloads, in code that runs for every request}} notes-note{{'ngx_array_push' grows a container whose pool 'fcf->items->pool', a pool saved in the module's main configuration, which lives until nginx reloads, in code that runs for every request}}
}

char *push_on_conf_array_at_configuration(ngx_conf_t *cf, foo_conf_t *fcf) {
  fcf->items = ngx_array_create(cf->pool, 4, sizeof(ngx_str_t));
  if (fcf->items == NULL)
    return NGX_CONF_ERROR;
  return ngx_array_push(fcf->items) ? NGX_CONF_OK : NGX_CONF_ERROR;
}

/* A container created from the cycle pool per request. */

ngx_int_t array_from_cycle_pool(ngx_http_request_t *r) { // notes-note{{'array_from_cycle_pool' runs for every request: it receives 'r'}}
  ngx_array_t *a = ngx_array_create(ngx_cycle->pool, 4, sizeof(ngx_str_t)); // expected-warning{{'ngx_array_create' allocates from 'ngx_cycle->pool', the cycle pool, which lives until nginx reloads, in code that runs for every request}} notes-note{{'ngx_array_create' allocates from 'ngx_cycle->pool', the cycle pool, which lives until nginx reloads, in code that runs for every request}}
  return a ? NGX_OK : NGX_ERROR;
}

ngx_int_t array_from_request_pool(ngx_http_request_t *r) {
  ngx_array_t *a = ngx_array_create(r->pool, 4, sizeof(ngx_str_t));
  return a ? NGX_OK : NGX_ERROR;
}

/* A helper hides the allocation: nginx before 1.5.4. */

ngx_int_t full_name_per_request(ngx_http_request_t *r, ngx_str_t *name) { // notes-note{{'full_name_per_request' runs for every request: it receives 'r'}}
  return ngx_conf_full_name((ngx_cycle_t *)ngx_cycle, name, 0); // expected-warning{{'ngx_conf_full_name' allocates from 'ngx_cycle->pool', the cycle pool, which lives until nginx reloads, in code that runs for every request}} notes-note{{'ngx_conf_full_name' allocates from 'ngx_cycle->pool', the cycle pool, which lives until nginx reloads, in code that runs for every request}}
}

ngx_int_t full_name_from_request_pool(ngx_http_request_t *r, ngx_str_t *name,
                                      ngx_str_t *prefix) {
  return ngx_get_full_name(r->pool, prefix, name);
}

/* A helper of the module that allocates from the pool it is given. */

static void *foo_alloc(ngx_pool_t *pool, size_t n) {
  return ngx_palloc(pool, n); // expected-warning{{'ngx_palloc' allocates from 'ngx_cycle->pool', the cycle pool, which lives until nginx reloads, in code that runs for every request}} notes-note{{'ngx_palloc' allocates from 'ngx_cycle->pool', the cycle pool, which lives until nginx reloads, in code that runs for every request}}
}

ngx_int_t helper_given_cycle_pool(ngx_http_request_t *r) { // notes-note{{'helper_given_cycle_pool' runs for every request: it receives 'r'}}
  return foo_alloc(ngx_cycle->pool, 8) ? NGX_OK : NGX_ERROR; // notes-note{{Calling 'foo_alloc'}}
}

ngx_int_t helper_given_request_pool(ngx_http_request_t *r) {
  return foo_alloc(r->pool, 8) ? NGX_OK : NGX_ERROR;
}

/* Timers: an event handler runs per tick. */

void timer_allocates_from_cycle_pool(ngx_event_t *ev) { // notes-note{{'timer_allocates_from_cycle_pool' runs for every event: it receives 'ev'}}
  (void)ngx_palloc(ngx_cycle->pool, 128); // expected-warning{{'ngx_palloc' allocates from 'ngx_cycle->pool', the cycle pool, which lives until nginx reloads, in code that runs for every event}} notes-note{{'ngx_palloc' allocates from 'ngx_cycle->pool', the cycle pool, which lives until nginx reloads, in code that runs for every event}}
}

void timer_with_its_own_pool(ngx_event_t *ev) {
  ngx_pool_t *pool = ngx_create_pool(1024, NULL);
  if (pool == NULL)
    return;
  (void)ngx_palloc(pool, 128);
  ngx_destroy_pool(pool);
}

/* A body filter. */

ngx_int_t body_filter_on_cycle_pool(ngx_http_request_t *r, ngx_chain_t *in) { // notes-note{{'body_filter_on_cycle_pool' runs for every request: it receives 'r'}}
  ngx_buf_t *b = ngx_create_temp_buf(ngx_cycle->pool, 256); // expected-warning{{'ngx_create_temp_buf' allocates from 'ngx_cycle->pool', the cycle pool, which lives until nginx reloads, in code that runs for every request}} notes-note{{'ngx_create_temp_buf' allocates from 'ngx_cycle->pool', the cycle pool, which lives until nginx reloads, in code that runs for every request}}
  return b ? NGX_OK : NGX_ERROR;
}

ngx_int_t body_filter_on_request_pool(ngx_http_request_t *r, ngx_chain_t *in) {
  ngx_buf_t *b = ngx_create_temp_buf(r->pool, 256);
  return b ? NGX_OK : NGX_ERROR;
}

/* Once per worker: guarded by a configuration field tested NULL. A NULL
 * test on the request's context runs on every request and is no guard. */

ngx_int_t lazy_init_guarded_by_conf(ngx_http_request_t *r) {
  foo_conf_t *fcf = ngx_http_get_module_loc_conf(r, foo_module);
  if (fcf->cached == NULL) {
    fcf->cached = ngx_palloc(ngx_cycle->pool, sizeof(ngx_str_t));
    if (fcf->cached == NULL)
      return NGX_ERROR;
  }
  return NGX_OK;
}

ngx_int_t lazy_init_guarded_by_request_ctx(ngx_http_request_t *r) { // notes-note{{'lazy_init_guarded_by_request_ctx' runs for every request: it receives 'r'}}
  foo_ctx_t *ctx = ngx_http_get_module_ctx(r, foo_module);
  if (ctx->name == NULL) { // notes-note{{Assuming field 'name' is equal to NULL}} notes-note{{Taking true branch}}
    ctx->name = ngx_palloc(ngx_cycle->pool, sizeof(ngx_str_t)); // expected-warning{{'ngx_palloc' allocates from 'ngx_cycle->pool', the cycle pool, which lives until nginx reloads, in code that runs for every request}} notes-note{{'ngx_palloc' allocates from 'ngx_cycle->pool', the cycle pool, which lives until nginx reloads, in code that runs for every request}}
    if (ctx->name == NULL)
      return NGX_ERROR;
  }
  return NGX_OK;
}

/* The same guard on a configuration reached through the connection's
 * configuration context (hc->conf_ctx->main_conf[], what nginx's HTTP/2
 * code does for its receive buffer), in event code: once per worker. The
 * same allocation into the connection's memory runs for every connection. */

typedef struct {
  u_char *recv_buffer;
} foo_main_conf_t;

void lazy_init_through_connection_conf_ctx(ngx_event_t *rev) {
  ngx_connection_t *c = rev->data;
  ngx_http_connection_t *hc = c->data;
  foo_main_conf_t *fmcf = hc->conf_ctx->main_conf[foo_module.ctx_index];
  if (fmcf->recv_buffer == NULL) {
    fmcf->recv_buffer = ngx_palloc(ngx_cycle->pool, 4096);
    if (fmcf->recv_buffer == NULL)
      return;
  }
}

typedef struct {
  u_char *recv_buffer;
} foo_connection_ctx_t;

void per_connection_buffer_from_cycle_pool(ngx_event_t *rev) { // notes-note{{'per_connection_buffer_from_cycle_pool' runs for every event: it receives 'rev'}}
  ngx_connection_t *c = rev->data;
  foo_connection_ctx_t *fctx = ngx_pcalloc(c->pool, sizeof(foo_connection_ctx_t));
  if (fctx == NULL) // notes-note{{Assuming 'fctx' is not equal to NULL}} notes-note{{Taking false branch}}
    return;
  if (fctx->recv_buffer == NULL) { // notes-note{{Assuming field 'recv_buffer' is equal to NULL}} notes-note{{Taking true branch}}
    fctx->recv_buffer = ngx_palloc(ngx_cycle->pool, 4096); // expected-warning{{'ngx_palloc' allocates from 'ngx_cycle->pool', the cycle pool, which lives until nginx reloads, in code that runs for every event}} notes-note{{'ngx_palloc' allocates from 'ngx_cycle->pool', the cycle pool, which lives until nginx reloads, in code that runs for every event}}
    if (fctx->recv_buffer == NULL)
      return;
  }
}

/* Code of unknown role, and a module's private static pool: no verdict. */

static ngx_pool_t *foo_private_pool;

void *unknown_role(void *data) { return ngx_palloc(ngx_cycle->pool, 8); }

ngx_int_t private_static_pool(ngx_http_request_t *r) {
  return ngx_palloc(foo_private_pool, 8) ? NGX_OK : NGX_ERROR;
}
