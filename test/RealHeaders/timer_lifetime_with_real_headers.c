// nginx.TimerLifetime against the real headers, where ngx_add_timer and
// ngx_del_timer are the inline ngx_event_add_timer/ngx_event_del_timer whose
// bodies the analyzer inlines: the rows match the calls, and what the bodies
// do inside (a delete before re-arming, ngx_rbtree_insert) is theirs. Events
// of the connection (nginx's own delay idiom) and of static storage are not
// request memory.
//
// REQUIRES: nginx-headers
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.TimerLifetime %ngx_real -verify %s
// Under a distribution build's flags (dpkg-buildflags: -O2 -D_FORTIFY_SOURCE=2 ...):
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.TimerLifetime %ngx_real %ngx_hardened -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.TimerLifetime \
// RUN:   %ngx_real -analyzer-output=text -verify=expected,notes %s

#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>

typedef struct {
    ngx_http_request_t  *request;
    ngx_event_t          delay;
} my_ctx_t;

extern ngx_module_t  my_module;
void my_delay_expired(ngx_event_t *ev);

static ngx_event_t  my_static_event;

ngx_int_t
my_delay_without_cleanup(ngx_http_request_t *r)
{
    my_ctx_t  *ctx;

    ctx = ngx_pcalloc(r->pool, sizeof(my_ctx_t));
    // notes-note@-1{{Memory of the event allocated from the request pool 'r->pool', freed when the request ends}}
    if (ctx == NULL) {
    // notes-note@-1{{Assuming 'ctx' is not equal to NULL}}
    // notes-note@-2{{Taking false branch}}
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    ctx->delay.handler = my_delay_expired;
    ctx->delay.data = r;
    ctx->delay.log = r->connection->log;
    ngx_http_set_ctx(r, ctx, my_module);

    ngx_add_timer(&ctx->delay, 100);
    // notes-note@-1{{Timer of 'ctx->delay' armed here}}

    return NGX_DONE;
    // expected-warning@-1{{Timer of 'ctx->delay' is still armed when 'my_delay_without_cleanup' returns, and no cleanup deletes it: the event lives in memory of the request pool 'r->pool', and when the request ends first the timer fires on freed memory}}
    // notes-note@-2{{Timer of 'ctx->delay' is still armed when 'my_delay_without_cleanup' returns, and no cleanup deletes it}}
}

static void
my_delay_cleanup(void *data)
{
    my_ctx_t  *ctx = data;

    if (ctx->delay.timer_set) {
        ngx_del_timer(&ctx->delay);
    }
}

ngx_int_t
my_delay_with_cleanup(ngx_http_request_t *r)
{
    my_ctx_t            *ctx;
    ngx_pool_cleanup_t  *cln;

    ctx = ngx_pcalloc(r->pool, sizeof(my_ctx_t));
    if (ctx == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    cln = ngx_pool_cleanup_add(r->pool, 0);
    if (cln == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    cln->handler = my_delay_cleanup;
    cln->data = ctx;

    ctx->delay.handler = my_delay_expired;
    ctx->delay.data = r;
    ctx->delay.log = r->connection->log;

    ngx_add_timer(&ctx->delay, 100);

    return NGX_DONE; // no-warning
}

ngx_int_t
my_delay_deleted_if_set(ngx_http_request_t *r, ngx_uint_t fail)
{
    my_ctx_t  *ctx;

    ctx = ngx_pcalloc(r->pool, sizeof(my_ctx_t));
    if (ctx == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    ngx_add_timer(&ctx->delay, 100);

    if (fail) {
        if (ctx->delay.timer_set) {
            ngx_del_timer(&ctx->delay);
        }
        return NGX_ERROR;
    }

    ngx_del_timer(&ctx->delay);
    return NGX_OK; // no-warning
}

ngx_int_t
my_delay_on_the_connection(ngx_http_request_t *r)
{
    r->connection->write->delayed = 1;
    ngx_add_timer(r->connection->write, 100);
    ngx_add_timer(&my_static_event, 1000);
    return NGX_AGAIN; // no-warning
}
