// nginx.Pfree against nginx 1.22's own headers: the sizes come from the
// real sizeof(ngx_pool_t) and the real structs; nginx core's own idiom of
// releasing a connection buffer's memory (1 KB from c->pool, which is large
// for a 512-byte connection pool) is not reported.
//
// REQUIRES: nginx-headers
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.Pfree %ngx_real -verify %s
// Under a distribution build's flags (dpkg-buildflags: -O2 -D_FORTIFY_SOURCE=2 ...):
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.Pfree %ngx_real %ngx_hardened -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.Pfree %ngx_real \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>


static ngx_int_t
my_client_buffer(ngx_connection_t *c)
{
    ngx_buf_t  *b;

    b = ngx_create_temp_buf(c->pool, 1024);
    if (b == NULL) {
        return NGX_ERROR;
    }

    c->buffer = b;

    /* later, for an idle keepalive connection */

    if (ngx_pfree(c->pool, b->start) == NGX_OK) { // no-warning
        b->pos = NULL;
    }

    return NGX_OK;
}


static ngx_int_t
my_small_client_buffer(ngx_connection_t *c)
{
    ngx_buf_t  *b;

    b = ngx_create_temp_buf(c->pool, 256); // notes-note{{Block of 256 bytes allocated here}}
    if (b == NULL) { // notes-note{{Assuming 'b' is not equal to NULL}}
                     // notes-note@-1{{Taking false branch}}
        return NGX_ERROR;
    }

    c->buffer = b;

    if (ngx_pfree(c->pool, b->start) == NGX_OK) { // expected-warning{{'ngx_pfree' cannot release this block of 256 bytes: blocks of at most 432 bytes from the connection pool 'c->pool' are kept until the pool is destroyed}}
                                                  // notes-note@-1{{'ngx_pfree' cannot release this block of 256 bytes: blocks of at most 432 bytes from the connection pool 'c->pool' are kept until the pool is destroyed, and ngx_pfree returns NGX_DECLINED; reuse the buffer instead of freeing and allocating again, or give this phase a pool of its own (ngx_create_pool/ngx_destroy_pool)}}
        b->pos = NULL;
    }

    return NGX_OK;
}


static ngx_int_t
my_header_copy(ngx_http_request_t *r, ngx_table_elt_t *h)
{
    u_char  *p;

    if (h->value.len > NGX_MAX_ERROR_STR) { // notes-note{{Assuming field 'len' is <= NGX_MAX_ERROR_STR}}
                                            // notes-note@-1{{Taking false branch}}
        return NGX_DECLINED;
    }

    p = ngx_pnalloc(r->pool, h->value.len); // notes-note{{Block of at most 2048 bytes allocated here}}
    if (p == NULL) { // notes-note{{Assuming 'p' is not equal to NULL}}
                     // notes-note@-1{{Taking false branch}}
        return NGX_ERROR;
    }

    ngx_memcpy(p, h->value.data, h->value.len);

    ngx_pfree(r->pool, p); // expected-warning{{'ngx_pfree' cannot release this block of at most 2048 bytes}}
                           // notes-note@-1{{'ngx_pfree' cannot release this block of at most 2048 bytes: blocks of at most 4016 bytes from the request pool 'r->pool' are kept until the pool is destroyed, and ngx_pfree returns NGX_DECLINED; reuse the buffer instead of freeing and allocating again, or give this phase a pool of its own (ngx_create_pool/ngx_destroy_pool)}}

    return NGX_OK;
}


static ngx_int_t
my_body_copy(ngx_http_request_t *r, size_t len)
{
    u_char  *p;

    if (len <= NGX_MAX_ALLOC_FROM_POOL) {
        return NGX_DECLINED;
    }

    p = ngx_pnalloc(r->pool, len);
    if (p == NULL) {
        return NGX_ERROR;
    }

    ngx_pfree(r->pool, p); // no-warning

    return NGX_OK;
}


static ngx_int_t
my_phase_pool(ngx_http_request_t *r)
{
    u_char      *p;
    ngx_pool_t  *pool;

    pool = ngx_create_pool(NGX_DEFAULT_POOL_SIZE, r->connection->log);
    if (pool == NULL) { // notes-note{{Assuming 'pool' is not equal to NULL}}
                        // notes-note@-1{{Taking false branch}}
        return NGX_ERROR;
    }

    p = ngx_palloc(pool, sizeof(ngx_http_variable_value_t)); // notes-note{{Block of 16 bytes allocated here}}
    if (p != NULL) { // notes-note{{Assuming 'p' is not equal to NULL}}
                     // notes-note@-1{{Taking true branch}}
        ngx_pfree(pool, p); // expected-warning{{'ngx_pfree' cannot release this block of 16 bytes: blocks of at most 4095 bytes from the pool created here by ngx_create_pool()}}
                            // notes-note@-1{{'ngx_pfree' cannot release this block of 16 bytes: blocks of at most 4095 bytes from the pool created here by ngx_create_pool() are kept until the pool is destroyed, and ngx_pfree returns NGX_DECLINED; reuse the buffer instead of freeing and allocating again, or give this phase a pool of its own (ngx_create_pool/ngx_destroy_pool)}}
    }

    ngx_destroy_pool(pool);

    return NGX_OK;
}
