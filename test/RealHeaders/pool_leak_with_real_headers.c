// nginx.PoolLeak against nginx 1.22's own headers: a scratch pool leaked on
// an error path and read after it was destroyed, and their fixed twins.
//
// REQUIRES: nginx-headers
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLeak %ngx_real -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLeak %ngx_real \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>


static ngx_int_t
my_scratch_leaks(ngx_http_request_t *r)
{
    ngx_pool_t  *pool;
    ngx_str_t   *s;

    pool = ngx_create_pool(1024, r->connection->log); // notes-note{{Pool created here}}
    if (pool == NULL) { // notes-note{{Assuming 'pool' is not equal to NULL}}
                        // notes-note@-1{{Taking false branch}}
        return NGX_ERROR;
    }

    s = ngx_palloc(pool, sizeof(ngx_str_t));
    if (s == NULL) { // notes-note{{Assuming 's' is equal to NULL}}
                     // notes-note@-1{{Taking true branch}}
        return NGX_ERROR; // expected-warning{{Pool 'pool' created by 'ngx_create_pool' is neither destroyed nor kept on this path}}
                          // notes-note@-1{{Pool 'pool' created by 'ngx_create_pool' is neither destroyed nor kept on this path}}
    }

    ngx_destroy_pool(pool);
    return NGX_OK;
}


static ngx_int_t
my_scratch_destroyed(ngx_http_request_t *r)
{
    ngx_pool_t  *pool;
    ngx_str_t   *s;

    pool = ngx_create_pool(1024, r->connection->log);
    if (pool == NULL) {
        return NGX_ERROR;
    }

    s = ngx_palloc(pool, sizeof(ngx_str_t));
    if (s == NULL) {
        ngx_destroy_pool(pool);
        return NGX_ERROR; // no-warning
    }

    ngx_destroy_pool(pool);
    return NGX_OK;
}


static size_t
my_read_after_destroy(ngx_http_request_t *r)
{
    ngx_pool_t  *pool;
    ngx_str_t   *s;

    pool = ngx_create_pool(1024, r->connection->log); // notes-note{{Pool created here}}
    if (pool == NULL) { // notes-note{{Assuming 'pool' is not equal to NULL}}
                        // notes-note@-1{{Taking false branch}}
        return 0;
    }

    s = ngx_pcalloc(pool, sizeof(ngx_str_t)); // notes-note{{Memory allocated from the pool here}}
    if (s == NULL) { // notes-note{{Assuming 's' is not equal to NULL}}
                     // notes-note@-1{{Taking false branch}}
        ngx_destroy_pool(pool);
        return 0;
    }

    ngx_destroy_pool(pool); // notes-note{{Pool destroyed here}}

    return s->len; // expected-warning{{Memory 's' allocated from pool 'pool' is read after ngx_destroy_pool() destroyed the pool}}
                   // notes-note@-1{{Memory 's' allocated from pool 'pool' is read after ngx_destroy_pool() destroyed the pool}}
}


static size_t
my_read_before_destroy(ngx_http_request_t *r)
{
    size_t       len;
    ngx_pool_t  *pool;
    ngx_str_t   *s;

    pool = ngx_create_pool(1024, r->connection->log);
    if (pool == NULL) {
        return 0;
    }

    s = ngx_pcalloc(pool, sizeof(ngx_str_t));
    if (s == NULL) {
        ngx_destroy_pool(pool);
        return 0;
    }

    len = s->len; // no-warning
    ngx_destroy_pool(pool);

    return len;
}


void *my_use(void *a, void *b, void *c, void *d);

void *
my_keep_them(void)
{
    return my_use(my_scratch_leaks, my_scratch_destroyed,
                  my_read_after_destroy, my_read_before_destroy);
}
