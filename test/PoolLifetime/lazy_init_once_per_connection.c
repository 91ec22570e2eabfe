// A once-per-connection lazy initialisation: the result goes into
// connection-lifetime storage that was checked to be NULL on the same path,
// so later requests reuse it. The twins allocate on every request.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

ngx_int_t lazy_init_in_http_connection(ngx_http_request_t *r) {
  ngx_http_connection_t *hc = r->http_connection;
  if (hc->module_data == NULL) {
    hc->module_data = ngx_pcalloc(r->connection->pool, 256); // no-warning
    if (hc->module_data == NULL)
      return NGX_ERROR;
  }
  return NGX_OK;
}

ngx_int_t no_null_check_so_every_request(ngx_http_request_t *r) {
  ngx_http_connection_t *hc = r->http_connection;
  hc->module_data = ngx_pcalloc(r->connection->pool, 256); // expected-warning{{'ngx_pcalloc' allocates from the connection pool of request 'r'}}
                                                           // notes-note@-1{{'ngx_pcalloc' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
  return hc->module_data ? NGX_OK : NGX_ERROR;
}

ngx_int_t lazy_init_negated_test(ngx_http_request_t *r) {
  ngx_connection_t *c = r->connection;
  if (!c->buffer) {
    c->buffer = ngx_create_temp_buf(c->pool, 1024); // no-warning
    if (c->buffer == NULL)
      return NGX_ERROR;
  }
  return NGX_OK;
}

ngx_int_t test_is_not_a_null_check(ngx_http_request_t *r) {
  ngx_connection_t *c = r->connection; // notes-note{{'c' is the connection of request 'r': its pool lives until the client disconnects}}
  if (c->requests > 1) { // notes-note{{Assuming field 'requests' is > 1}}
                         // notes-note@-1{{Taking true branch}}
    c->buffer = ngx_create_temp_buf(c->pool, 1024); // expected-warning{{'ngx_create_temp_buf' allocates from the connection pool of request 'r'}}
                                                    // notes-note@-1{{'ngx_create_temp_buf' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
    if (c->buffer == NULL)
      return NGX_ERROR;
  }
  return NGX_OK;
}

// The slot checked is not NULL on this path: the allocation is not the
// initialisation, it replaces what the connection had.
ngx_int_t replaces_existing(ngx_http_request_t *r) {
  ngx_connection_t *c = r->connection; // notes-note{{'c' is the connection of request 'r': its pool lives until the client disconnects}}
  if (c->buffer != NULL) { // notes-note{{Assuming field 'buffer' is not equal to NULL}}
                           // notes-note@-1{{Field 'buffer' is not equal to NULL}}
                           // notes-note@-2{{Taking true branch}}
    c->buffer = ngx_create_temp_buf(c->pool, 1024); // expected-warning{{'ngx_create_temp_buf' allocates from the connection pool of request 'r'}}
                                                    // notes-note@-1{{'ngx_create_temp_buf' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
  }
  return NGX_OK;
}

// Reported inside the helper, on the path from helper_without_guard.
static void *my_make_state(ngx_connection_t *c) { // notes-note{{Parameter 'c' receives the connection of request 'r'}}
  return ngx_pcalloc(c->pool, 64); // expected-warning{{'ngx_pcalloc' allocates from the connection pool of request 'r'}}
                                   // notes-note@-1{{'ngx_pcalloc' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
}

ngx_int_t lazy_init_through_helper(ngx_http_request_t *r) {
  ngx_http_connection_t *hc = r->http_connection;
  if (hc->module_data == NULL) {
    hc->module_data = my_make_state(r->connection); // no-warning
  }
  return hc->module_data ? NGX_OK : NGX_ERROR;
}

ngx_int_t helper_without_guard(ngx_http_request_t *r) {
  void *state = my_make_state(r->connection); // notes-note{{Calling 'my_make_state'}}
  return state ? NGX_OK : NGX_ERROR;
}
