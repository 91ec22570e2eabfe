// nginx.PoolLeak against nginx 1.22's own headers: a scratch pool leaked on
// an error path and read after it was destroyed, and their fixed twins.
//
// REQUIRES: nginx-headers
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLeak %ngx_real -verify %s
// Under a distribution build's flags (dpkg-buildflags: -O2 -D_FORTIFY_SOURCE=2 ...):
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLeak %ngx_real %ngx_hardened -verify %s
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


typedef struct {
    ngx_pool_t  *peers_pool;
} my_upstream_main_conf_t;

extern ngx_module_t  my_upstream_module;


/* A timer of the worker rebuilds the peers into a new pool each tick: the
 * configuration's previous pool is replaced and never destroyed. */
static void
my_refresh_peers(ngx_event_t *ev)
{
    ngx_pool_t               *pool;
    my_upstream_main_conf_t  *umcf;

    umcf = ngx_http_cycle_get_module_main_conf(ngx_cycle, my_upstream_module); // notes-note{{Assuming the condition is true}}
                                                                               // notes-note@-1{{'?' condition is true}}
    if (umcf == NULL) { // notes-note{{Assuming 'umcf' is not equal to NULL}}
                        // notes-note@-1{{Taking false branch}}
        return;
    }

    pool = ngx_create_pool(NGX_DEFAULT_POOL_SIZE, ev->log);
    if (pool == NULL) { // notes-note{{Assuming 'pool' is not equal to NULL}}
                        // notes-note@-1{{Taking false branch}}
        return;
    }

    umcf->peers_pool = pool; // notes-note{{The pool in 'umcf->peers_pool' is replaced here}}
} // expected-warning{{The pool held in 'umcf->peers_pool' before is replaced by a new pool and is neither destroyed nor kept}}
  // notes-note@-1{{The pool held in 'umcf->peers_pool' before is replaced by a new pool and is neither destroyed nor kept}}


/* The twin destroys the previous pool once the new one is in place. */
static void
my_refresh_peers_destroying_old(ngx_event_t *ev)
{
    ngx_pool_t               *pool, *old;
    my_upstream_main_conf_t  *umcf;

    umcf = ngx_http_cycle_get_module_main_conf(ngx_cycle, my_upstream_module);
    if (umcf == NULL) {
        return;
    }

    pool = ngx_create_pool(NGX_DEFAULT_POOL_SIZE, ev->log);
    if (pool == NULL) {
        return;
    }

    old = umcf->peers_pool;
    umcf->peers_pool = pool;

    if (old) {
        ngx_destroy_pool(old);
    }
} // no-warning


void *my_use(void *a, void *b, void *c, void *d, void *e, void *f);

void *
my_keep_them(void)
{
    return my_use(my_scratch_leaks, my_scratch_destroyed,
                  my_read_after_destroy, my_read_before_destroy,
                  my_refresh_peers, my_refresh_peers_destroying_old);
}
