// ngx_regex_compile(rc) allocates the compiled regex from rc->pool, the pool
// a field of its argument names (one row of the function table:
// allocates from the pool field of argument 0). Request code that compiles
// a pattern at run time with the connection pool grows the connection on
// every request; with r->pool it does not.
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
my_match_from_connection_pool(ngx_http_request_t *r, ngx_str_t *pattern)
{
    u_char               errstr[NGX_MAX_CONF_ERRSTR];
    ngx_regex_compile_t  rc;

    ngx_memzero(&rc, sizeof(ngx_regex_compile_t));

    rc.pattern = *pattern;
    rc.pool = r->connection->pool; // notes-note{{'rc.pool' is the connection pool of request 'r': it lives until the client disconnects}}
    rc.err.len = NGX_MAX_CONF_ERRSTR;
    rc.err.data = errstr;

    if (ngx_regex_compile(&rc) != NGX_OK) { // expected-warning{{'ngx_regex_compile' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
                                            // notes-note@-1{{'ngx_regex_compile' allocates from the connection pool of request 'r'}}
        return NGX_ERROR;
    }

    return ngx_regex_exec(rc.regex, &r->uri, NULL, 0) >= 0 ? NGX_OK
                                                           : NGX_DECLINED;
}


static ngx_int_t
my_match_from_request_pool(ngx_http_request_t *r, ngx_str_t *pattern)
{
    u_char               errstr[NGX_MAX_CONF_ERRSTR];
    ngx_regex_compile_t  rc;

    ngx_memzero(&rc, sizeof(ngx_regex_compile_t));

    rc.pattern = *pattern;
    rc.pool = r->pool;
    rc.err.len = NGX_MAX_CONF_ERRSTR;
    rc.err.data = errstr;

    if (ngx_regex_compile(&rc) != NGX_OK) { // no-warning
        return NGX_ERROR;
    }

    return ngx_regex_exec(rc.regex, &r->uri, NULL, 0) >= 0 ? NGX_OK
                                                           : NGX_DECLINED;
}


ngx_int_t
my_handler(ngx_http_request_t *r)
{
    ngx_str_t  pattern = ngx_string("^/api/");

    if (my_match_from_request_pool(r, &pattern) == NGX_OK) { // notes-note{{Taking false branch}}
        return NGX_OK;
    }

    return my_match_from_connection_pool(r, &pattern); // notes-note{{Calling 'my_match_from_connection_pool'}}
}
