// Only events in request memory are this rule's: the same arming on the
// connection's events (nginx's delay idiom; ngx_close_connection deletes
// them), static storage, the cycle's pool, a configuration's pool or the C
// heap is silent, beside the request-pool case that is reported. An event
// handed to a function the analyzer cannot see into, or returned, belongs to
// that code; one only logged does not. A helper that arms is followed.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.TimerLifetime %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.TimerLifetime %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

typedef struct {
  ngx_event_t ev;
} my_ctx_t;

void my_register_watchdog(ngx_http_request_t *r, my_ctx_t *ctx);
void my_log(ngx_log_t *log, const char *fmt, ...);

static ngx_event_t my_static_event;

static void arm_helper(my_ctx_t *ctx) { ngx_add_timer(&ctx->ev, 10); }
// notes-note@-1{{Timer of 'ctx->ev' armed here}}

ngx_int_t on_the_request_pool(ngx_http_request_t *r) {
  my_ctx_t *ctx = ngx_pcalloc(r->pool, sizeof(my_ctx_t));
  // notes-note@-1{{Memory of the event allocated from the request pool 'r->pool', freed when the request ends}}
  if (ctx == NULL)
  // notes-note@-1{{Assuming 'ctx' is not equal to NULL}}
  // notes-note@-2{{Taking false branch}}
    return NGX_ERROR;
  ngx_add_timer(&ctx->ev, 10);
  // notes-note@-1{{Timer of 'ctx->ev' armed here}}
  return NGX_OK;
  // expected-warning@-1{{Timer of 'ctx->ev' is still armed when 'on_the_request_pool' returns, and no cleanup deletes it: the event lives in memory of the request pool 'r->pool', and when the request ends first the timer fires on freed memory}}
  // notes-note@-2{{Timer of 'ctx->ev' is still armed when 'on_the_request_pool' returns, and no cleanup deletes it}}
}

ngx_int_t on_the_connection(ngx_http_request_t *r) {
  ngx_add_timer(r->connection->write, 10);
  ngx_add_timer(r->connection->read, 10);
  return NGX_AGAIN; // no-warning
}

ngx_int_t on_static_storage(ngx_http_request_t *r) {
  ngx_add_timer(&my_static_event, 10);
  return NGX_OK; // no-warning
}

ngx_int_t on_long_lived_pools(ngx_http_request_t *r, ngx_conf_t *cf) {
  my_ctx_t *a = ngx_pcalloc(ngx_cycle->pool, sizeof(my_ctx_t));
  my_ctx_t *b = ngx_pcalloc(cf->pool, sizeof(my_ctx_t));
  my_ctx_t *c = ngx_pcalloc(r->connection->pool, sizeof(my_ctx_t));
  my_ctx_t *d = ngx_calloc(sizeof(my_ctx_t), r->connection->log);
  if (a == NULL || b == NULL || c == NULL || d == NULL)
    return NGX_ERROR;
  ngx_add_timer(&a->ev, 10);
  ngx_add_timer(&b->ev, 10);
  ngx_add_timer(&c->ev, 10);
  ngx_add_timer(&d->ev, 10);
  return NGX_OK; // no-warning
}

ngx_int_t handed_to_unseen_code(ngx_http_request_t *r) {
  my_ctx_t *ctx = ngx_pcalloc(r->pool, sizeof(my_ctx_t));
  if (ctx == NULL)
    return NGX_ERROR;
  ngx_add_timer(&ctx->ev, 10);
  my_register_watchdog(r, ctx);
  return NGX_OK; // no-warning
}

ngx_int_t only_logged(ngx_http_request_t *r) {
  my_ctx_t *ctx = ngx_pcalloc(r->pool, sizeof(my_ctx_t));
  // notes-note@-1{{Memory of the event allocated from the request pool 'r->pool', freed when the request ends}}
  if (ctx == NULL)
  // notes-note@-1{{Assuming 'ctx' is not equal to NULL}}
  // notes-note@-2{{Taking false branch}}
    return NGX_ERROR;
  ngx_add_timer(&ctx->ev, 10);
  // notes-note@-1{{Timer of 'ctx->ev' armed here}}
  my_log(r->connection->log, "armed %p", ctx);
  return NGX_OK;
  // expected-warning@-1{{Timer of 'ctx->ev' is still armed when 'only_logged' returns, and no cleanup deletes it: the event lives in memory of the request pool 'r->pool', and when the request ends first the timer fires on freed memory}}
  // notes-note@-2{{Timer of 'ctx->ev' is still armed when 'only_logged' returns, and no cleanup deletes it}}
}

my_ctx_t *returned_to_the_caller(ngx_http_request_t *r) {
  my_ctx_t *ctx = ngx_pcalloc(r->pool, sizeof(my_ctx_t));
  if (ctx == NULL)
    return NULL;
  ngx_add_timer(&ctx->ev, 10);
  return ctx; // no-warning
}

ngx_int_t armed_by_a_helper(ngx_http_request_t *r) {
  my_ctx_t *ctx = ngx_pcalloc(r->pool, sizeof(my_ctx_t));
  // notes-note@-1{{Memory of the event allocated from the request pool 'r->pool', freed when the request ends}}
  if (ctx == NULL)
  // notes-note@-1{{Assuming 'ctx' is not equal to NULL}}
  // notes-note@-2{{Taking false branch}}
    return NGX_ERROR;
  arm_helper(ctx);
  // notes-note@-1{{Calling 'arm_helper'}}
  // notes-note@-2{{Returning from 'arm_helper'}}
  return NGX_OK;
  // expected-warning@-1{{Timer of 'ctx->ev' is still armed when 'armed_by_a_helper' returns, and no cleanup deletes it: the event lives in memory of the request pool 'r->pool', and when the request ends first the timer fires on freed memory}}
  // notes-note@-2{{Timer of 'ctx->ev' is still armed when 'armed_by_a_helper' returns, and no cleanup deletes it}}
}

ngx_int_t armed_by_a_helper_and_deleted(ngx_http_request_t *r) {
  my_ctx_t *ctx = ngx_pcalloc(r->pool, sizeof(my_ctx_t));
  if (ctx == NULL)
    return NGX_ERROR;
  arm_helper(ctx);
  ngx_del_timer(&ctx->ev);
  return NGX_OK; // no-warning
}
