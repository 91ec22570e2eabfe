// With the real headers: the stream module's session is its connection, and
// an HTTP connection handler has no request; neither is reported. A request
// handler is.
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
#include <ngx_stream.h>

static void
my_stream_handler(ngx_stream_session_t *s)
{
    ngx_connection_t  *c = s->connection;
    u_char            *p;

    p = ngx_pnalloc(c->pool, 128); // no-warning
    if (p == NULL) {
        ngx_stream_finalize_session(s, NGX_STREAM_INTERNAL_SERVER_ERROR);
    }
}

static void
my_init_connection(ngx_connection_t *c)
{
    ngx_http_connection_t  *hc;

    hc = ngx_pcalloc(c->pool, sizeof(ngx_http_connection_t)); // no-warning
    if (hc == NULL) {
        ngx_close_connection(c);
        return;
    }

    c->data = hc;
}

static ngx_int_t
my_http_handler(ngx_http_request_t *r)
{
    ngx_connection_t  *c = r->connection; // notes-note{{'c' is the connection of request 'r': its pool lives until the client disconnects}}
    u_char            *p;

    p = ngx_pnalloc(c->pool, 128); // expected-warning{{'ngx_pnalloc' allocates from the connection pool of request 'r'}}
                                   // notes-note@-1{{'ngx_pnalloc' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
    return p ? NGX_OK : NGX_ERROR;
}
