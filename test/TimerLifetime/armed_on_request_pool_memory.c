// An event in memory of the request pool, armed with ngx_add_timer() and
// still armed when the function returns, with no cleanup to delete it: when
// the request ends first, r->pool is destroyed with the event still linked
// into the worker's timer tree. Each positive case has its fixed twin: a
// cleanup whose data holds the event (directly, through the object that
// contains it, an object that points to it, or the request itself),
// registered before or after arming.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.TimerLifetime %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.TimerLifetime %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

typedef struct {
  ngx_http_request_t *request;
  ngx_event_t watchdog;
} my_ctx_t;

typedef struct {
  my_ctx_t *ctx;
} my_holder_t;

extern ngx_module_t my_module;
void my_expired(ngx_event_t *ev);
void my_cleanup(void *data);

ngx_int_t ctx_armed_without_cleanup(ngx_http_request_t *r) {
  my_ctx_t *ctx = ngx_pcalloc(r->pool, sizeof(my_ctx_t));
  // notes-note@-1{{Memory of the event allocated from the request pool 'r->pool', freed when the request ends}}
  if (ctx == NULL)
  // notes-note@-1{{Assuming 'ctx' is not equal to NULL}}
  // notes-note@-2{{Taking false branch}}
    return NGX_ERROR;
  ctx->watchdog.handler = my_expired;
  ctx->watchdog.data = ctx;
  ngx_http_set_ctx(r, ctx, my_module);
  ngx_add_timer(&ctx->watchdog, 50);
  // notes-note@-1{{Timer of 'ctx->watchdog' armed here}}
  ngx_http_send_header(r);
  return NGX_OK;
  // expected-warning@-1{{Timer of 'ctx->watchdog' is still armed when 'ctx_armed_without_cleanup' returns, and no cleanup deletes it: the event lives in memory of the request pool 'r->pool', and when the request ends first the timer fires on freed memory}}
  // notes-note@-2{{Timer of 'ctx->watchdog' is still armed when 'ctx_armed_without_cleanup' returns, and no cleanup deletes it}}
}

ngx_int_t ctx_armed_with_cleanup_before(ngx_http_request_t *r) {
  my_ctx_t *ctx = ngx_pcalloc(r->pool, sizeof(my_ctx_t));
  if (ctx == NULL)
    return NGX_ERROR;
  ngx_pool_cleanup_t *cln = ngx_pool_cleanup_add(r->pool, 0);
  if (cln == NULL)
    return NGX_ERROR;
  cln->handler = my_cleanup;
  cln->data = ctx;
  ngx_http_set_ctx(r, ctx, my_module);
  ngx_add_timer(&ctx->watchdog, 50);
  ngx_http_send_header(r);
  return NGX_OK; // no-warning
}

ngx_int_t ctx_armed_with_cleanup_after(ngx_http_request_t *r) {
  my_ctx_t *ctx = ngx_pcalloc(r->pool, sizeof(my_ctx_t));
  if (ctx == NULL)
    return NGX_ERROR;
  ngx_add_timer(&ctx->watchdog, 50);
  ngx_pool_cleanup_t *cln = ngx_pool_cleanup_add(r->pool, 0);
  if (cln == NULL) {
    ngx_del_timer(&ctx->watchdog);
    return NGX_ERROR;
  }
  cln->handler = my_cleanup;
  cln->data = ctx;
  return NGX_OK; // no-warning
}

ngx_int_t cleanup_registered_after_an_early_return(ngx_http_request_t *r) {
  my_ctx_t *ctx = ngx_pcalloc(r->pool, sizeof(my_ctx_t));
  // notes-note@-1{{Memory of the event allocated from the request pool 'r->pool', freed when the request ends}}
  if (ctx == NULL)
  // notes-note@-1{{Assuming 'ctx' is not equal to NULL}}
  // notes-note@-2{{Taking false branch}}
    return NGX_ERROR;
  ngx_add_timer(&ctx->watchdog, 50);
  // notes-note@-1{{Timer of 'ctx->watchdog' armed here}}
  ngx_pool_cleanup_t *cln = ngx_pool_cleanup_add(r->pool, 0);
  if (cln == NULL)
  // notes-note@-1{{Assuming 'cln' is equal to NULL}}
  // notes-note@-2{{Taking true branch}}
    return NGX_ERROR; // the timer stays armed on this path
    // expected-warning@-1{{Timer of 'ctx->watchdog' is still armed when 'cleanup_registered_after_an_early_return' returns, and no cleanup deletes it: the event lives in memory of the request pool 'r->pool', and when the request ends first the timer fires on freed memory}}
    // notes-note@-2{{Timer of 'ctx->watchdog' is still armed when 'cleanup_registered_after_an_early_return' returns, and no cleanup deletes it}}
  cln->handler = my_cleanup;
  cln->data = ctx;
  return NGX_OK;
}

ngx_int_t cleanup_data_is_the_request(ngx_http_request_t *r) {
  my_ctx_t *ctx = ngx_pcalloc(r->pool, sizeof(my_ctx_t));
  if (ctx == NULL)
    return NGX_ERROR;
  ngx_http_set_ctx(r, ctx, my_module);
  ngx_pool_cleanup_t *cln = ngx_pool_cleanup_add(r->pool, 0);
  if (cln == NULL)
    return NGX_ERROR;
  // The handler finds the context with ngx_http_get_module_ctx(r, ...).
  cln->handler = my_cleanup;
  cln->data = r;
  ngx_add_timer(&ctx->watchdog, 50);
  return NGX_OK; // no-warning
}

ngx_int_t cleanup_data_points_to_the_ctx(ngx_http_request_t *r) {
  my_ctx_t *ctx = ngx_pcalloc(r->pool, sizeof(my_ctx_t));
  if (ctx == NULL)
    return NGX_ERROR;
  ngx_pool_cleanup_t *cln = ngx_pool_cleanup_add(r->pool, sizeof(my_holder_t));
  if (cln == NULL)
    return NGX_ERROR;
  my_holder_t *h = cln->data;
  h->ctx = ctx;
  cln->handler = my_cleanup;
  ngx_add_timer(&ctx->watchdog, 50);
  return NGX_OK; // no-warning
}

ngx_int_t cleanup_data_is_another_object(ngx_http_request_t *r) {
  my_ctx_t *ctx = ngx_pcalloc(r->pool, sizeof(my_ctx_t));
  // notes-note@-1{{Memory of the event allocated from the request pool 'r->pool', freed when the request ends}}
  my_ctx_t *other = ngx_pcalloc(r->pool, sizeof(my_ctx_t));
  if (ctx == NULL || other == NULL)
  // notes-note@-1{{Assuming 'ctx' is not equal to NULL}}
  // notes-note@-2{{Left side of '||' is false}}
  // notes-note@-3{{Assuming 'other' is not equal to NULL}}
  // notes-note@-4{{Taking false branch}}
    return NGX_ERROR;
  ngx_pool_cleanup_t *cln = ngx_pool_cleanup_add(r->pool, 0);
  if (cln == NULL)
  // notes-note@-1{{Assuming 'cln' is not equal to NULL}}
  // notes-note@-2{{Taking false branch}}
    return NGX_ERROR;
  cln->handler = my_cleanup;
  cln->data = other;
  ngx_add_timer(&ctx->watchdog, 50);
  // notes-note@-1{{Timer of 'ctx->watchdog' armed here}}
  return NGX_OK;
  // expected-warning@-1{{Timer of 'ctx->watchdog' is still armed when 'cleanup_data_is_another_object' returns, and no cleanup deletes it: the event lives in memory of the request pool 'r->pool', and when the request ends first the timer fires on freed memory}}
  // notes-note@-2{{Timer of 'ctx->watchdog' is still armed when 'cleanup_data_is_another_object' returns, and no cleanup deletes it}}
}

ngx_int_t event_allocated_alone(ngx_http_request_t *r) {
  ngx_event_t *ev = ngx_pcalloc(r->pool, sizeof(ngx_event_t));
  // notes-note@-1{{Memory of the event allocated from the request pool 'r->pool', freed when the request ends}}
  if (ev == NULL)
  // notes-note@-1{{Assuming 'ev' is not equal to NULL}}
  // notes-note@-2{{Taking false branch}}
    return NGX_ERROR;
  ev->handler = my_expired;
  ev->data = r;
  ngx_add_timer(ev, 1000);
  // notes-note@-1{{Timer of 'ev' armed here}}
  return NGX_DONE;
  // expected-warning@-1{{Timer of 'ev' is still armed when 'event_allocated_alone' returns, and no cleanup deletes it: the event lives in memory of the request pool 'r->pool', and when the request ends first the timer fires on freed memory}}
  // notes-note@-2{{Timer of 'ev' is still armed when 'event_allocated_alone' returns, and no cleanup deletes it}}
}

ngx_int_t event_allocated_alone_with_http_cleanup(ngx_http_request_t *r) {
  ngx_event_t *ev = ngx_pcalloc(r->pool, sizeof(ngx_event_t));
  if (ev == NULL)
    return NGX_ERROR;
  ngx_http_cleanup_t *cln = ngx_http_cleanup_add(r, 0);
  if (cln == NULL)
    return NGX_ERROR;
  cln->handler = my_cleanup;
  cln->data = ev;
  ngx_add_timer(ev, 1000);
  return NGX_DONE; // no-warning
}

ngx_int_t event_in_an_array_of_events(ngx_http_request_t *r) {
  ngx_event_t *evs = ngx_pcalloc(r->pool, 4 * sizeof(ngx_event_t));
  // notes-note@-1{{Memory of the event allocated from the request pool 'r->pool', freed when the request ends}}
  if (evs == NULL)
  // notes-note@-1{{Assuming 'evs' is not equal to NULL}}
  // notes-note@-2{{Taking false branch}}
    return NGX_ERROR;
  ngx_add_timer(&evs[2], 1000);
  // notes-note@-1{{Timer of 'evs[2]' armed here}}
  return NGX_OK;
  // expected-warning@-1{{Timer of 'evs[2]' is still armed when 'event_in_an_array_of_events' returns, and no cleanup deletes it: the event lives in memory of the request pool 'r->pool', and when the request ends first the timer fires on freed memory}}
  // notes-note@-2{{Timer of 'evs[2]' is still armed when 'event_in_an_array_of_events' returns, and no cleanup deletes it}}
}

ngx_int_t event_in_an_array_of_events_deleted(ngx_http_request_t *r) {
  ngx_event_t *evs = ngx_pcalloc(r->pool, 4 * sizeof(ngx_event_t));
  if (evs == NULL)
    return NGX_ERROR;
  ngx_add_timer(&evs[2], 1000);
  ngx_del_timer(&evs[2]);
  return NGX_OK; // no-warning
}

ngx_int_t event_pushed_to_an_array_of_the_request(ngx_http_request_t *r) {
  ngx_array_t *a = ngx_array_create(r->pool, 2, sizeof(ngx_event_t));
  if (a == NULL)
  // notes-note@-1{{Assuming 'a' is not equal to NULL}}
  // notes-note@-2{{Taking false branch}}
    return NGX_ERROR;
  ngx_event_t *ev = ngx_array_push(a);
  // notes-note@-1{{Memory of the event allocated from the request pool 'r->pool', freed when the request ends}}
  if (ev == NULL)
  // notes-note@-1{{Assuming 'ev' is not equal to NULL}}
  // notes-note@-2{{Taking false branch}}
    return NGX_ERROR;
  ngx_add_timer(ev, 1000);
  // notes-note@-1{{Timer of 'ev' armed here}}
  return NGX_OK;
  // expected-warning@-1{{Timer of 'ev' is still armed when 'event_pushed_to_an_array_of_the_request' returns, and no cleanup deletes it: the event lives in memory of the request pool 'r->pool', and when the request ends first the timer fires on freed memory}}
  // notes-note@-2{{Timer of 'ev' is still armed when 'event_pushed_to_an_array_of_the_request' returns, and no cleanup deletes it}}
}

ngx_int_t event_pushed_to_an_array_with_cleanup(ngx_http_request_t *r) {
  ngx_array_t *a = ngx_array_create(r->pool, 2, sizeof(ngx_event_t));
  if (a == NULL)
    return NGX_ERROR;
  ngx_event_t *ev = ngx_array_push(a);
  if (ev == NULL)
    return NGX_ERROR;
  ngx_pool_cleanup_t *cln = ngx_pool_cleanup_add(r->pool, 0);
  if (cln == NULL)
    return NGX_ERROR;
  cln->handler = my_cleanup;
  cln->data = a;
  ngx_add_timer(ev, 1000);
  return NGX_OK; // no-warning
}
