// Recall set, class 4 (/work/shared/notes/real-fixed-bugs.md): pools never
// destroyed, destroyed twice, or used after destroy. Each row that
// nginx.PoolLeak catches has its fixed twin beside it. Rows not caught are
// listed in checkers/PoolLeak.md, with the reason.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLeak %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLeak %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

/* A fake connection for work that has no client: it takes over the pool it
 * is given, and on a failure after that it closes itself, which destroys
 * the pool. (In the real module this helper is in another file.) */

static void my_close_fake_connection(ngx_connection_t *c) {
  ngx_pool_t *pool = c->pool;

  c->pool = NULL;
  ngx_close_connection(c);
  if (pool) // notes-note{{Assuming 'pool' is non-null}}
            // notes-note@-1{{Taking true branch}}
    ngx_destroy_pool(pool); // notes-note{{Pool destroyed here}}
}

static ngx_connection_t *my_create_fake_connection(ngx_pool_t *pool) {
  ngx_connection_t *c;
  ngx_log_t *log;

  c = ngx_get_connection(-1, ngx_cycle->log);
  if (c == NULL) // notes-note{{Assuming 'c' is not equal to NULL}}
                 // notes-note@-1{{Taking false branch}}
    return NULL;

  c->fd = -1;
  c->pool = pool;

  log = ngx_pcalloc(c->pool, sizeof(ngx_log_t));
  if (log == NULL) // notes-note{{Assuming 'log' is equal to NULL}}
                   // notes-note@-1{{Taking true branch}}
    goto failed; // notes-note{{Control jumps to line 47}}

  c->log = log;
  return c;

failed:
  my_close_fake_connection(c); // notes-note{{Calling 'my_close_fake_connection'}}
                               // notes-note@-1{{Returning from 'my_close_fake_connection'}}
  return NULL;
}

typedef struct {
  ngx_pool_t *pool;
  void *vm_state;
} my_timer_ctx_t;

ngx_int_t my_run_timer_code(ngx_connection_t *c, my_timer_ctx_t *tctx);

/* L11: a timer handler hands its pool to the fake-connection helper; when
 * the helper fails it has already destroyed the pool, and the handler's
 * `failed:` path destroys it again. */

void my_timer_handler(ngx_event_t *ev) {
  my_timer_ctx_t tctx;
  ngx_connection_t *c;

  tctx = *(my_timer_ctx_t *) ev->data;

  c = my_create_fake_connection(tctx.pool); // notes-note{{Calling 'my_create_fake_connection'}}
                                            // notes-note@-1{{Returning from 'my_create_fake_connection'}}
  if (c == NULL) // notes-note{{'c' is equal to NULL}}
                 // notes-note@-1{{Taking true branch}}
    goto failed; // notes-note{{Control jumps to line 80}}

  if (my_run_timer_code(c, &tctx) != NGX_OK)
    goto failed;
  return;

failed:
  if (c) // notes-note{{'c' is null}}
         // notes-note@-1{{Taking false branch}}
    my_close_fake_connection(c);
  else if (tctx.pool) // notes-note{{Field 'pool' is non-null}}
                      // notes-note@-1{{Taking true branch}}
    ngx_destroy_pool(tctx.pool); // expected-warning{{Pool 'tctx.pool' is destroyed a second time by 'ngx_destroy_pool': its memory and cleanups were released by the first destroy, and releasing them again corrupts the heap; destroy it in one place, or set the pointer to NULL after destroying it}}
                                 // notes-note@-1{{Pool 'tctx.pool' is destroyed a second time by 'ngx_destroy_pool': its memory and cleanups were released by the first destroy, and releasing them again corrupts the heap; destroy it in one place, or set the pointer to NULL after destroying it}}
}

/* L11 fixed: once the pool is handed to the helper the handler forgets it. */

void my_timer_handler_fixed(ngx_event_t *ev) {
  my_timer_ctx_t tctx;
  ngx_connection_t *c;

  tctx = *(my_timer_ctx_t *) ev->data;

  c = my_create_fake_connection(tctx.pool);
  tctx.pool = NULL;
  if (c == NULL)
    goto failed;

  if (my_run_timer_code(c, &tctx) != NGX_OK)
    goto failed;
  return;

failed:
  if (c)
    my_close_fake_connection(c);
  else if (tctx.pool)
    ngx_destroy_pool(tctx.pool); // no-warning
}
