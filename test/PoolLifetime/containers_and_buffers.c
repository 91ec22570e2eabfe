// Containers, buffers, chains, cleanup records and string copies taken from
// the connection pool in request code; each twin takes them from r->pool.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

ngx_int_t containers_connection(ngx_http_request_t *r) {
  ngx_array_t arr;
  ngx_list_t list;
  if (ngx_array_init(&arr, r->connection->pool, 4, 8) != NGX_OK) // expected-warning{{'ngx_array_init' allocates from the connection pool of request 'r'}}
                                                                 // notes-note@-1{{'ngx_array_init' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
                                                                 // notes-note@-2 3 {{Calling 'ngx_array_init'}}
                                                                 // notes-note@-3 3 {{Returning from 'ngx_array_init'}}
                                                                 // notes-note@-4 3 {{Taking false branch}}
                                                                 // Inside ngx_array_init (ngx-sim.h), on each of the three paths:
                                                                 // notes-note@ngx-sim.h:* 3 {{Parameter 'pool' receives the connection pool of request 'r'}}
                                                                 // notes-note@ngx-sim.h:* 3 {{'arr.pool' is the connection pool of request 'r': it lives until the client disconnects}}
                                                                 // notes-note@ngx-sim.h:* 3 {{Assuming field 'elts' is not equal to NULL}}
                                                                 // notes-note@ngx-sim.h:* 3 {{Taking false branch}}
    return NGX_ERROR;
  if (ngx_list_init(&list, r->connection->pool, 4, 8) != NGX_OK) // expected-warning{{'ngx_list_init' allocates from the connection pool of request 'r'}}
                                                                 // notes-note@-1{{'ngx_list_init' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
                                                                 // notes-note@-2 2 {{Calling 'ngx_list_init'}}
                                                                 // notes-note@-3 2 {{Returning from 'ngx_list_init'}}
                                                                 // notes-note@-4 2 {{Taking false branch}}
                                                                 // Inside ngx_list_init (ngx-sim.h), on each of the two paths:
                                                                 // notes-note@ngx-sim.h:* 2 {{Parameter 'pool' receives the connection pool of request 'r'}}
                                                                 // notes-note@ngx-sim.h:* 2 {{Assuming field 'elts' is not equal to NULL}}
                                                                 // notes-note@ngx-sim.h:* 2 {{Taking false branch}}
                                                                 // notes-note@ngx-sim.h:* 2 {{'list.pool' is the connection pool of request 'r': it lives until the client disconnects}}
    return NGX_ERROR;
  ngx_array_t *a = ngx_array_create(r->connection->pool, 4, 8); // expected-warning{{'ngx_array_create' allocates from the connection pool of request 'r'}}
                                                                // notes-note@-1{{'ngx_array_create' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
  ngx_list_t *l = ngx_list_create(r->connection->pool, 4, 8); // expected-warning{{'ngx_list_create' allocates from the connection pool of request 'r'}}
                                                              // notes-note@-1{{'ngx_list_create' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
  if (a == NULL || l == NULL)
    return NGX_ERROR;
  // Growing the per-request containers is part of the same mistake, already
  // reported where they were created.
  ngx_array_push(a);     // no-warning
  ngx_array_push(&arr);  // no-warning
  ngx_list_push(&list);  // no-warning
  return NGX_OK;
}

ngx_int_t containers_request(ngx_http_request_t *r) {
  ngx_array_t arr;
  ngx_list_t list;
  if (ngx_array_init(&arr, r->pool, 4, 8) != NGX_OK) // no-warning
    return NGX_ERROR;
  if (ngx_list_init(&list, r->pool, 4, 8) != NGX_OK) // no-warning
    return NGX_ERROR;
  ngx_array_t *a = ngx_array_create(r->pool, 4, 8); // no-warning
  ngx_list_t *l = ngx_list_create(r->pool, 4, 8);   // no-warning
  return (a && l) ? NGX_OK : NGX_ERROR;
}

ngx_int_t buffers_connection(ngx_http_request_t *r, ngx_bufs_t *bufs) {
  ngx_pool_t *pool = r->connection->pool; // notes-note 5 {{'pool' is the connection pool of request 'r': it lives until the client disconnects}}
  ngx_buf_t *b1 = ngx_create_temp_buf(pool, 100);       // expected-warning{{'ngx_create_temp_buf' allocates from the connection pool of request 'r'}}
                                                        // notes-note@-1{{'ngx_create_temp_buf' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
  ngx_buf_t *b2 = ngx_alloc_buf(pool);                  // expected-warning{{'ngx_palloc' allocates from the connection pool of request 'r'}}
                                                        // notes-note@-1{{'ngx_palloc' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
  ngx_chain_t *ch = ngx_create_chain_of_bufs(pool, bufs); // expected-warning{{'ngx_create_chain_of_bufs' allocates from the connection pool of request 'r'}}
                                                          // notes-note@-1{{'ngx_create_chain_of_bufs' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
  ngx_pool_cleanup_t *cln = ngx_pool_cleanup_add(pool, 0); // expected-warning{{'ngx_pool_cleanup_add' allocates from the connection pool of request 'r'}}
                                                           // notes-note@-1{{'ngx_pool_cleanup_add' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
  u_char *copy = ngx_pstrdup(pool, &r->uri);            // expected-warning{{'ngx_pstrdup' allocates from the connection pool of request 'r'}}
                                                        // notes-note@-1{{'ngx_pstrdup' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
  return (b1 && b2 && ch && cln && copy) ? NGX_OK : NGX_ERROR;
}

ngx_int_t buffers_request(ngx_http_request_t *r, ngx_bufs_t *bufs) {
  ngx_pool_t *pool = r->pool;
  ngx_buf_t *b1 = ngx_create_temp_buf(pool, 100);       // no-warning
  ngx_buf_t *b2 = ngx_alloc_buf(pool);                  // no-warning
  ngx_chain_t *ch = ngx_create_chain_of_bufs(pool, bufs); // no-warning
  ngx_pool_cleanup_t *cln = ngx_pool_cleanup_add(pool, 0); // no-warning
  u_char *copy = ngx_pstrdup(pool, &r->uri);            // no-warning
  return (b1 && b2 && ch && cln && copy) ? NGX_OK : NGX_ERROR;
}

ngx_int_t functions_that_allocate_from_their_pool(ngx_http_request_t *r,
                                                  ngx_url_t *u,
                                                  ngx_chain_t *in) {
  ngx_chain_t *out = NULL;
  if (ngx_parse_url(r->connection->pool, u) != NGX_OK) // expected-warning{{'ngx_parse_url' allocates from the connection pool of request 'r'}}
                                                       // notes-note@-1{{'ngx_parse_url' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
                                                       // notes-note@-2{{Assuming the condition is false}}
                                                       // notes-note@-3{{Taking false branch}}
    return NGX_ERROR;
  if (ngx_chain_add_copy(r->connection->pool, &out, in) != NGX_OK) // expected-warning{{'ngx_chain_add_copy' allocates from the connection pool of request 'r'}}
                                                                   // notes-note@-1{{'ngx_chain_add_copy' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
    return NGX_ERROR;
  if (ngx_parse_url(r->pool, u) != NGX_OK) // no-warning
    return NGX_ERROR;
  return ngx_chain_add_copy(r->pool, &out, in); // no-warning
}
