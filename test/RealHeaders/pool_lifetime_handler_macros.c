// nginx.PoolLifetime on code compiled against nginx 1.22's own headers: the
// allocation macros (ngx_calloc_buf, ngx_alloc_buf), the inline
// ngx_array_init/ngx_list_init, module context macros and ngx_free_chain.
//
// REQUIRES: nginx-headers
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_real -verify %s
// Under a distribution build's flags (dpkg-buildflags: -O2 -D_FORTIFY_SOURCE=2 ...):
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_real %ngx_hardened -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_real \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>

typedef struct {
    ngx_pool_t   *pool;
    ngx_array_t   names;
} my_ctx_t;

extern ngx_module_t  ngx_http_my_module;

static ngx_int_t
my_handler_connection_pool(ngx_http_request_t *r)
{
    my_ctx_t          *ctx;
    ngx_buf_t         *b;
    ngx_chain_t       *cl;
    ngx_connection_t  *c = r->connection; // notes-note 3 {{'c' is the connection of request 'r': its pool lives until the client disconnects}}

    ctx = ngx_http_get_module_ctx(r, ngx_http_my_module);
    if (ctx == NULL) { // notes-note{{Assuming 'ctx' is equal to NULL}}
                       // notes-note@-1{{Taking true branch}}
                       // notes-note@-2 2 {{Assuming 'ctx' is not equal to NULL}}
                       // notes-note@-3 2 {{Taking false branch}}
        ctx = ngx_pcalloc(r->pool, sizeof(my_ctx_t));
        if (ctx == NULL) { // notes-note{{Assuming 'ctx' is not equal to NULL}}
                           // notes-note@-1{{Taking false branch}}
            return NGX_ERROR;
        }
        ctx->pool = c->pool; // notes-note{{'ctx->pool' is the connection pool of request 'r': it lives until the client disconnects}}
        ngx_http_set_ctx(r, ctx, ngx_http_my_module);
    }

    if (ngx_array_init(&ctx->names, ctx->pool, 4, sizeof(ngx_str_t)) != NGX_OK) { // expected-warning{{'ngx_array_init' allocates from the connection pool of request 'r'}}
                                                                                  // notes-note@-1{{'ngx_array_init' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
                                                                                  // notes-note@-2 2 {{Taking false branch}}
        return NGX_ERROR;
    }

    b = ngx_calloc_buf(c->pool); // expected-warning{{'ngx_pcalloc' allocates from the connection pool of request 'r'}}
                                 // notes-note@-1{{'ngx_pcalloc' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
    if (b == NULL) { // notes-note{{Assuming 'b' is not equal to NULL}}
                     // notes-note@-1{{Taking false branch}}
        return NGX_ERROR;
    }

    cl = ngx_alloc_chain_link(c->pool); // expected-warning{{'ngx_alloc_chain_link' allocates from the connection pool of request 'r'}}
                                        // notes-note@-1{{'ngx_alloc_chain_link' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
    if (cl == NULL) {
        return NGX_ERROR;
    }

    cl->buf = b;
    cl->next = NULL;
    return ngx_http_output_filter(r, cl);
}

static ngx_int_t
my_handler_request_pool(ngx_http_request_t *r)
{
    my_ctx_t     *ctx;
    ngx_buf_t    *b;
    ngx_chain_t  *cl;

    ctx = ngx_http_get_module_ctx(r, ngx_http_my_module);
    if (ctx == NULL) {
        ctx = ngx_pcalloc(r->pool, sizeof(my_ctx_t));
        if (ctx == NULL) {
            return NGX_ERROR;
        }
        ctx->pool = r->pool;
        ngx_http_set_ctx(r, ctx, ngx_http_my_module);
    }

    if (ngx_array_init(&ctx->names, ctx->pool, 4, sizeof(ngx_str_t)) != NGX_OK) { // no-warning
        return NGX_ERROR;
    }

    b = ngx_calloc_buf(r->pool); // no-warning
    if (b == NULL) {
        return NGX_ERROR;
    }

    cl = ngx_alloc_chain_link(r->pool); // no-warning
    if (cl == NULL) {
        return NGX_ERROR;
    }

    cl->buf = b;
    cl->next = NULL;
    return ngx_http_output_filter(r, cl);
}

static ngx_int_t
my_relink(ngx_http_request_t *r, ngx_chain_t *done)
{
    ngx_chain_t  *cl;

    ngx_free_chain(r->connection->pool, done);

    cl = ngx_alloc_chain_link(r->connection->pool); // no-warning
    if (cl == NULL) {
        return NGX_ERROR;
    }

    cl->buf = NULL;
    return NGX_OK;
}

static ngx_int_t
my_variable(ngx_http_request_t *r, ngx_http_variable_value_t *v,
    uintptr_t data)
{
    u_char  *p;

    p = ngx_pnalloc(r->connection->pool, NGX_INT_T_LEN); // expected-warning{{'ngx_pnalloc' allocates from the connection pool of request 'r'}}
                                                         // notes-note@-1{{'ngx_pnalloc' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
    if (p == NULL) {
        return NGX_ERROR;
    }

    v->len = ngx_sprintf(p, "%ui", r->connection->requests) - p;
    v->valid = 1;
    v->no_cacheable = 0;
    v->not_found = 0;
    v->data = p;

    return NGX_OK;
}

static ngx_int_t
my_variable_request_pool(ngx_http_request_t *r, ngx_http_variable_value_t *v,
    uintptr_t data)
{
    u_char  *p;

    p = ngx_pnalloc(r->pool, NGX_INT_T_LEN); // no-warning
    if (p == NULL) {
        return NGX_ERROR;
    }

    v->len = ngx_sprintf(p, "%ui", r->connection->requests) - p;
    v->valid = 1;
    v->no_cacheable = 0;
    v->not_found = 0;
    v->data = p;

    return NGX_OK;
}
