// A block larger than the connection pool's small limit (432 bytes in a
// 512-byte pool) gets its own memory, which ngx_pfree() gives back: request
// code that releases it on every path costs the connection nothing. In a
// file that calls ngx_pfree(), such a block is judged where it dies: fine if
// released, reported on the path that does not release it. Small blocks are
// never given back and are reported at the allocation, as always.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim -analyzer-output=text %s 2>&1 | FileCheck %s

#include "ngx-sim.h"

#define MY_LINE_SIZE 2048

ngx_int_t released_on_every_path(ngx_http_request_t *r) {
  ngx_connection_t *c = r->connection;
  u_char *line = ngx_pnalloc(c->pool, MY_LINE_SIZE); // no-warning
  if (line == NULL)
    return NGX_ERROR;
  line[0] = '\0';
  ngx_pfree(c->pool, line);
  return NGX_OK;
}

ngx_int_t kept_when_not_done(ngx_http_request_t *r, ngx_flag_t done) {
  ngx_connection_t *c = r->connection; // notes-note{{'c' is the connection of request 'r': its pool lives until the client disconnects}}
  u_char *line = ngx_pnalloc(c->pool, MY_LINE_SIZE); // notes-note{{'ngx_pnalloc' allocates from the connection pool of request 'r'}}
  if (line == NULL) // notes-note{{Assuming 'line' is not equal to NULL}}
                    // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  if (done) { // notes-note{{Assuming 'done' is 0}}
              // notes-note@-1{{Taking false branch}}
    ngx_pfree(c->pool, line);
    return NGX_OK;
  }
  return NGX_AGAIN; // expected-warning{{Memory allocated by 'ngx_pnalloc' from the connection pool of request 'r' is not released with ngx_pfree() on this path: it stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
                    // notes-note@-1{{Memory allocated by 'ngx_pnalloc' from the connection pool of request 'r' is not released with ngx_pfree() on this path: it stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
}
// CHECK: note: 'c' is the connection of request 'r': its pool lives until the client disconnects
// CHECK: note: 'ngx_pnalloc' allocates from the connection pool of request 'r'
// CHECK: note: Assuming 'done' is 0
// CHECK: warning: Memory allocated by 'ngx_pnalloc' from the connection pool of request 'r' is not released with ngx_pfree() on this path

static void my_release_line(ngx_connection_t *c, u_char *line) {
  ngx_pfree(c->pool, line);
}

ngx_int_t released_by_a_helper(ngx_http_request_t *r, size_t len) {
  u_char *line = ngx_pnalloc(r->connection->pool, len); // no-warning
  if (line == NULL)
    return NGX_ERROR;
  my_release_line(r->connection, line);
  return NGX_OK;
}

ngx_int_t size_unknown_never_released(ngx_http_request_t *r, size_t len) {
  u_char *line = ngx_pnalloc(r->connection->pool, len); // notes-note{{'ngx_pnalloc' allocates from the connection pool of request 'r'}}
  if (line == NULL) // notes-note{{Assuming 'line' is not equal to NULL}}
                    // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  line[0] = '\0';
  return NGX_OK; // expected-warning{{Memory allocated by 'ngx_pnalloc' from the connection pool of request 'r' is not released with ngx_pfree() on this path}}
                 // notes-note@-1{{Memory allocated by 'ngx_pnalloc' from the connection pool of request 'r' is not released with ngx_pfree() on this path: it stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
}

ngx_int_t small_block_released(ngx_http_request_t *r) {
  ngx_connection_t *c = r->connection; // notes-note{{'c' is the connection of request 'r': its pool lives until the client disconnects}}
  u_char *line = ngx_pnalloc(c->pool, 256); // expected-warning{{'ngx_pnalloc' allocates from the connection pool of request 'r'}}
                                            // notes-note@-1{{'ngx_pnalloc' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
  if (line == NULL)
    return NGX_ERROR;
  ngx_pfree(c->pool, line); // declined: 256 bytes are small for c->pool
  return NGX_OK;
}

ngx_int_t released_to_the_wrong_pool(ngx_http_request_t *r) {
  u_char *line = ngx_pnalloc(r->connection->pool, MY_LINE_SIZE); // notes-note{{'ngx_pnalloc' allocates from the connection pool of request 'r'}}
  if (line == NULL) // notes-note{{Assuming 'line' is not equal to NULL}}
                    // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  ngx_pfree(r->pool, line); // declined: not the block's pool
  return NGX_OK; // expected-warning{{Memory allocated by 'ngx_pnalloc' from the connection pool of request 'r' is not released with ngx_pfree() on this path}}
                 // notes-note@-1{{Memory allocated by 'ngx_pnalloc' from the connection pool of request 'r' is not released with ngx_pfree() on this path: it stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
}

ngx_int_t large_block_from_the_request_pool(ngx_http_request_t *r) {
  u_char *line = ngx_pnalloc(r->pool, MY_LINE_SIZE); // no-warning
  if (line == NULL)
    return NGX_ERROR;
  return NGX_OK; // no-warning
}
