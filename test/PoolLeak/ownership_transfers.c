// A pool handed to an owner is not the function's to destroy any more:
// returned, stored where it outlives the function (a struct the caller
// passed, a global, the module's configuration), registered as a cleanup
// of a longer-lived pool, or passed to code the analyzer cannot see. Kept
// in a local, or in memory allocated on this path that is then dropped, it
// is still the function's.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLeak %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLeak %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

typedef struct {
  ngx_pool_t *pool;
  ngx_str_t name;
} my_session_t;

typedef struct {
  ngx_pool_t *pool;
  ngx_uint_t updates;
} my_conf_t;

extern ngx_module_t my_module;
static ngx_pool_t *my_global_pool;

void my_register(ngx_pool_t *pool);
void my_destroy_handler(void *data);
ngx_int_t my_build(ngx_array_t *a);

ngx_pool_t *returned_to_caller(ngx_log_t *log) {
  ngx_pool_t *pool = ngx_create_pool(1024, log);
  if (pool == NULL)
    return NULL;
  if (ngx_palloc(pool, 16) == NULL) {
    ngx_destroy_pool(pool);
    return NULL;
  }
  return pool; // no-warning
}

ngx_int_t stored_in_callers_struct(my_session_t *s, ngx_log_t *log) {
  s->pool = ngx_create_pool(1024, log);
  if (s->pool == NULL)
    return NGX_ERROR;
  return NGX_OK; // no-warning
}

ngx_int_t stored_in_global(ngx_log_t *log) {
  ngx_pool_t *pool = ngx_create_pool(1024, log);
  if (pool == NULL)
    return NGX_ERROR;
  my_global_pool = pool;
  return NGX_OK; // no-warning
}

// (Created once, when the configuration has none: replacing a pool it has
// is replaced_in_long_lived_storage.c.)
ngx_int_t stored_in_module_conf(ngx_http_request_t *r) {
  my_conf_t *conf = ngx_http_get_module_loc_conf(r, my_module);
  if (conf->pool != NULL)
    return NGX_OK;
  ngx_pool_t *pool = ngx_create_pool(1024, r->connection->log);
  if (pool == NULL)
    return NGX_ERROR;
  conf->pool = pool;
  return NGX_OK; // no-warning
}

ngx_int_t cleanup_of_request_pool_destroys_it(ngx_http_request_t *r) {
  ngx_pool_cleanup_t *cln;
  ngx_pool_t *pool = ngx_create_pool(1024, r->connection->log);
  if (pool == NULL)
    return NGX_ERROR;
  cln = ngx_pool_cleanup_add(r->pool, 0);
  if (cln == NULL) {
    ngx_destroy_pool(pool);
    return NGX_ERROR;
  }
  cln->handler = (ngx_pool_cleanup_pt) ngx_destroy_pool;
  cln->data = pool;
  return NGX_OK; // no-warning
}

ngx_int_t cleanup_add_fails_pool_leaks(ngx_http_request_t *r) {
  ngx_pool_cleanup_t *cln;
  ngx_pool_t *pool = ngx_create_pool(1024, r->connection->log); // notes-note{{Pool created here}}
  if (pool == NULL) // notes-note{{Assuming 'pool' is not equal to NULL}}
                    // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  cln = ngx_pool_cleanup_add(r->pool, 0);
  if (cln == NULL) // notes-note{{Assuming 'cln' is equal to NULL}}
                   // notes-note@-1{{Taking true branch}}
    return NGX_ERROR; // expected-warning{{Pool 'pool' created by 'ngx_create_pool' is neither destroyed nor kept on this path}}
                      // notes-note@-1{{Pool 'pool' created by 'ngx_create_pool' is neither destroyed nor kept on this path}}
  cln->handler = (ngx_pool_cleanup_pt) ngx_destroy_pool;
  cln->data = pool;
  return NGX_OK;
}

ngx_int_t passed_to_unseen_code(ngx_log_t *log) {
  ngx_pool_t *pool = ngx_create_pool(1024, log);
  if (pool == NULL)
    return NGX_ERROR;
  my_register(pool);
  return NGX_OK; // no-warning
}

// The owner object allocated from the very pool it owns, then returned
// (nginx's own requests are made this way).
my_session_t *owner_allocated_in_its_pool(ngx_log_t *log) {
  ngx_pool_t *pool = ngx_create_pool(1024, log);
  if (pool == NULL)
    return NULL;
  my_session_t *s = ngx_pcalloc(pool, sizeof(my_session_t));
  if (s == NULL) {
    ngx_destroy_pool(pool);
    return NULL;
  }
  s->pool = pool;
  return s; // no-warning
}

my_session_t *owner_allocated_in_its_pool_dropped(ngx_log_t *log,
                                                  ngx_uint_t bad) {
  ngx_pool_t *pool = ngx_create_pool(1024, log); // notes-note{{Pool created here}}
  if (pool == NULL) // notes-note{{Assuming 'pool' is not equal to NULL}}
                    // notes-note@-1{{Taking false branch}}
    return NULL;
  my_session_t *s = ngx_pcalloc(pool, sizeof(my_session_t));
  if (s == NULL) { // notes-note{{Assuming 's' is not equal to NULL}}
                   // notes-note@-1{{Taking false branch}}
    ngx_destroy_pool(pool);
    return NULL;
  }
  s->pool = pool;
  if (bad) // notes-note{{Assuming 'bad' is not equal to 0}}
           // notes-note@-1{{Taking true branch}}
    return NULL; // expected-warning{{Pool 'pool' created by 'ngx_create_pool' is neither destroyed nor kept on this path}}
                 // notes-note@-1{{Pool 'pool' created by 'ngx_create_pool' is neither destroyed nor kept on this path}}
  return s;
}

// A pool kept in a field of a local struct is still the function's.
ngx_int_t kept_in_local_struct(ngx_log_t *log, ngx_uint_t n) {
  ngx_array_t a;
  a.pool = ngx_create_pool(1024, log); // notes-note{{Pool created here}}
  if (a.pool == NULL) // notes-note{{Assuming field 'pool' is not equal to NULL}}
                      // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  a.elts = ngx_palloc(a.pool, n);
  if (a.elts == NULL) // notes-note{{Assuming field 'elts' is equal to NULL}}
                      // notes-note@-1{{Taking true branch}}
    return NGX_ERROR; // expected-warning{{Pool 'a.pool' created by 'ngx_create_pool' is neither destroyed nor kept on this path}}
                      // notes-note@-1{{Pool 'a.pool' created by 'ngx_create_pool' is neither destroyed nor kept on this path}}
  ngx_destroy_pool(a.pool);
  return NGX_OK;
}

// A local struct lent to code the analyzer cannot see gets new contents
// from the call: the pool is taken to go with it (a miss rather than a
// false report, see PoolLeak.md).
ngx_int_t lent_through_local_struct(ngx_log_t *log) {
  ngx_array_t a;
  a.pool = ngx_create_pool(1024, log);
  if (a.pool == NULL)
    return NGX_ERROR;
  ngx_int_t rc = my_build(&a);
  ngx_destroy_pool(a.pool); // no-warning
  return rc;
}

// The owner object kept in memory a call the analyzer does not see into is
// given (nginx's ngx_http_alloc_request when ngx_list_init is not inlined):
// that memory gets new contents, the pool is no longer followed.
typedef struct {
  ngx_pool_t *pool;
  ngx_chain_t *out;
} my_req_t;

my_req_t *owner_given_to_unseen_call(ngx_log_t *log, ngx_chain_t *in) {
  ngx_pool_t *pool = ngx_create_pool(1024, log);
  if (pool == NULL)
    return NULL;
  my_req_t *r = ngx_pcalloc(pool, sizeof(my_req_t));
  if (r == NULL) {
    ngx_destroy_pool(pool);
    return NULL;
  }
  r->pool = pool;
  if (ngx_chain_add_copy(r->pool, &r->out, in) != NGX_OK) {
    ngx_destroy_pool(r->pool);
    return NULL;
  }
  return r; // no-warning
}

// An event armed with ngx_add_timer is in the worker's timer tree, which
// keeps the event's memory and the pool held beside it (lua-nginx-module's
// timers: the event and its context in one ngx_alloc block).
typedef struct {
  ngx_event_t ev;
  ngx_pool_t *pool;
} my_timer_t;

ngx_int_t armed_timer_keeps_its_pool(ngx_log_t *log) {
  my_timer_t *t = ngx_alloc(sizeof(my_timer_t), log);
  if (t == NULL)
    return NGX_ERROR;
  t->pool = ngx_create_pool(128, log);
  if (t->pool == NULL) {
    ngx_free(t);
    return NGX_ERROR;
  }
  t->ev.data = t;
  ngx_add_timer(&t->ev, 1000);
  return NGX_OK; // no-warning
}

// Twin: the block is never armed, nor kept: the pool goes with it.
ngx_int_t unarmed_timer_drops_its_pool(ngx_log_t *log) {
  my_timer_t *t = ngx_alloc(sizeof(my_timer_t), log);
  if (t == NULL) // notes-note{{Assuming 't' is not equal to NULL}}
                 // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  t->pool = ngx_create_pool(128, log); // notes-note{{Pool created here}}
  if (t->pool == NULL) { // notes-note{{Assuming field 'pool' is not equal to NULL}}
                         // notes-note@-1{{Taking false branch}}
    ngx_free(t);
    return NGX_ERROR;
  }
  t->ev.data = t;
  return NGX_OK; // expected-warning{{Pool 't->pool' created by 'ngx_create_pool' is neither destroyed nor kept on this path}}
                 // notes-note@-1{{Pool 't->pool' created by 'ngx_create_pool' is neither destroyed nor kept on this path}}
}

// A context set on the request before the pool is stored into it: the
// request's context keeps the pool, as when the context is set after.
ngx_int_t context_set_before_the_pool(ngx_http_request_t *r) {
  my_session_t *ctx = ngx_pcalloc(r->pool, sizeof(my_session_t));
  if (ctx == NULL)
    return NGX_ERROR;
  ngx_http_set_ctx(r, ctx, my_module);
  ctx->pool = ngx_create_pool(1024, r->connection->log);
  if (ctx->pool == NULL)
    return NGX_ERROR;
  return NGX_OK; // no-warning
}

// Twin: the context is never set on the request; it and its pool are
// dropped together.
ngx_int_t context_never_set(ngx_http_request_t *r) {
  my_session_t *ctx = ngx_pcalloc(r->pool, sizeof(my_session_t));
  if (ctx == NULL) // notes-note{{Assuming 'ctx' is not equal to NULL}}
                   // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  ctx->pool = ngx_create_pool(1024, r->connection->log); // notes-note{{Pool created here}}
  if (ctx->pool == NULL) // notes-note{{Assuming field 'pool' is not equal to NULL}}
                         // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  return NGX_OK; // expected-warning{{Pool 'ctx->pool' created by 'ngx_create_pool' is neither destroyed nor kept on this path}}
                 // notes-note@-1{{Pool 'ctx->pool' created by 'ngx_create_pool' is neither destroyed nor kept on this path}}
}
