// nginx core's own per-connection buffers, written the way
// ngx_http_request.c writes them, against the real headers: a lazily
// allocated connection buffer, and large header buffers taken from the
// connection's free list. None is a per-request cost. The twins drop the
// test that makes them one-time.
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

static ngx_int_t
my_large_buffer(ngx_http_request_t *r, size_t size, ngx_uint_t max)
{
    ngx_buf_t              *b;
    ngx_chain_t            *cl;
    ngx_http_connection_t  *hc;

    hc = r->http_connection;

    if (hc->free) {
        cl = hc->free;
        hc->free = cl->next;
        b = cl->buf;

    } else if (hc->nbusy < max) {
        b = ngx_create_temp_buf(r->connection->pool, size); // no-warning
        if (b == NULL) {
            return NGX_ERROR;
        }

        cl = ngx_alloc_chain_link(r->connection->pool); // no-warning
        if (cl == NULL) {
            return NGX_ERROR;
        }

        cl->buf = b;

    } else {
        return NGX_DECLINED;
    }

    cl->next = hc->busy;
    hc->busy = cl;
    hc->nbusy++;

    r->header_in = b;
    return NGX_OK;
}

static ngx_int_t
my_large_buffer_without_free_list(ngx_http_request_t *r, size_t size)
{
    ngx_buf_t              *b;
    ngx_chain_t            *cl;
    ngx_http_connection_t  *hc;

    hc = r->http_connection;

    b = ngx_create_temp_buf(r->connection->pool, size); // expected-warning{{'ngx_create_temp_buf' allocates from the connection pool of request 'r'}}
                                                        // notes-note@-1{{'ngx_create_temp_buf' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
    if (b == NULL) { // notes-note{{Assuming 'b' is not equal to NULL}}
                     // notes-note@-1{{Taking false branch}}
        return NGX_ERROR;
    }

    cl = ngx_alloc_chain_link(r->connection->pool); // expected-warning{{'ngx_alloc_chain_link' allocates from the connection pool of request 'r'}}
                                                    // notes-note@-1{{'ngx_alloc_chain_link' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
    if (cl == NULL) {
        return NGX_ERROR;
    }

    cl->buf = b;
    cl->next = hc->busy;
    hc->busy = cl;
    hc->nbusy++;

    r->header_in = b;
    return NGX_OK;
}

static ngx_int_t
my_connection_buffer(ngx_http_request_t *r, size_t size)
{
    ngx_connection_t  *c = r->connection;

    if (c->buffer == NULL) {
        c->buffer = ngx_create_temp_buf(c->pool, size); // no-warning
        if (c->buffer == NULL) {
            return NGX_ERROR;
        }
    }

    return NGX_OK;
}

static ngx_int_t
my_connection_buffer_every_time(ngx_http_request_t *r, size_t size)
{
    ngx_connection_t  *c = r->connection; // notes-note{{'c' is the connection of request 'r': its pool lives until the client disconnects}}

    c->buffer = ngx_create_temp_buf(c->pool, size); // expected-warning{{'ngx_create_temp_buf' allocates from the connection pool of request 'r'}}
                                                    // notes-note@-1{{'ngx_create_temp_buf' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
    if (c->buffer == NULL) {
        return NGX_ERROR;
    }

    return NGX_OK;
}
