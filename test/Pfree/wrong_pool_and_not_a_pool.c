// ngx_pfree with another pool than the block's, or on memory that never
// came from a pool, is always declined. Each twin passes the right pool or a
// pool block.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.Pfree %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.Pfree %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

static u_char my_static_buf[64];

ngx_int_t freed_into_connection_pool(ngx_http_request_t *r) {
  u_char *p = ngx_palloc(r->pool, 8192); // notes-note{{Block of 8192 bytes allocated here}}
  if (p == NULL) // notes-note{{Assuming 'p' is not equal to NULL}}
                 // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  ngx_pfree(r->connection->pool, p); // expected-warning{{'ngx_pfree' is given the connection pool 'r->connection->pool', but the block was allocated from the request pool 'r->pool': a pool releases only its own blocks, so the call is always declined and the memory stays until that pool is destroyed}}
                                     // notes-note@-1{{'ngx_pfree' is given the connection pool 'r->connection->pool', but the block was allocated from the request pool 'r->pool': a pool releases only its own blocks, so the call is always declined and the memory stays until that pool is destroyed}}
  return NGX_OK;
}

ngx_int_t freed_into_its_own_pool(ngx_http_request_t *r) {
  u_char *p = ngx_palloc(r->pool, 8192);
  if (p == NULL)
    return NGX_ERROR;
  ngx_pfree(r->pool, p); // no-warning
  return NGX_OK;
}

ngx_int_t freed_into_another_created_pool(ngx_log_t *log) {
  ngx_pool_t *a = ngx_create_pool(16384, log);
  ngx_pool_t *b = ngx_create_pool(16384, log);
  if (a == NULL || b == NULL) // notes-note{{Assuming 'a' is not equal to NULL}}
                              // notes-note@-1{{Left side of '||' is false}}
                              // notes-note@-2{{Assuming 'b' is not equal to NULL}}
                              // notes-note@-3{{Taking false branch}}
    return NGX_ERROR;
  u_char *p = ngx_palloc(a, 8192); // notes-note{{Block of 8192 bytes allocated here}}
  if (p != NULL) // notes-note{{Assuming 'p' is not equal to NULL}}
                 // notes-note@-1{{Taking true branch}}
    ngx_pfree(b, p); // expected-warning{{'ngx_pfree' is given the pool created here by ngx_create_pool(), but the block was allocated from the pool created here by ngx_create_pool()}}
                     // notes-note@-1{{'ngx_pfree' is given the pool created here by ngx_create_pool(), but the block was allocated from the pool created here by ngx_create_pool(): a pool releases only its own blocks, so the call is always declined and the memory stays until that pool is destroyed}}
  ngx_destroy_pool(a);
  ngx_destroy_pool(b);
  return NGX_OK;
}

ngx_int_t freed_into_a_pool_that_may_be_the_same(ngx_pool_t *a, ngx_pool_t *b) {
  u_char *p = ngx_palloc(a, 8192);
  if (p != NULL)
    ngx_pfree(b, p); // no-warning (a and b may be one pool)
  return NGX_OK;
}

ngx_int_t heap_memory(ngx_http_request_t *r) {
  u_char *p = ngx_alloc(8192, r->connection->log);
  if (p == NULL) // notes-note{{Assuming 'p' is not equal to NULL}}
                 // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  ngx_pfree(r->pool, p); // expected-warning{{'ngx_pfree' is given memory that never came from a pool, so it is always declined: it was allocated by 'ngx_alloc'; release it with ngx_free() or free()}}
                         // notes-note@-1{{'ngx_pfree' is given memory that never came from a pool, so it is always declined: it was allocated by 'ngx_alloc'; release it with ngx_free() or free()}}
  return NGX_OK;
}

ngx_int_t heap_memory_freed(ngx_http_request_t *r) {
  u_char *p = ngx_alloc(8192, r->connection->log);
  if (p == NULL)
    return NGX_ERROR;
  ngx_free(p); // no-warning
  return NGX_OK;
}

ngx_int_t stack_array(ngx_http_request_t *r) {
  u_char buf[64];
  buf[0] = 0;
  ngx_pfree(r->pool, buf); // expected-warning{{'ngx_pfree' is given memory that never came from a pool, so it is always declined: it is on the stack}}
                           // notes-note@-1{{'ngx_pfree' is given memory that never came from a pool, so it is always declined: it is on the stack}}
  return NGX_OK;
}

ngx_int_t static_buffer(ngx_http_request_t *r) {
  ngx_pfree(r->pool, my_static_buf); // expected-warning{{'ngx_pfree' is given memory that never came from a pool, so it is always declined: it is static data}}
                                     // notes-note@-1{{'ngx_pfree' is given memory that never came from a pool, so it is always declined: it is static data}}
  return NGX_OK;
}

ngx_int_t unknown_pointer(ngx_http_request_t *r, u_char *p) {
  ngx_pfree(r->pool, p); // no-warning (not seen allocated)
  return NGX_OK;
}
