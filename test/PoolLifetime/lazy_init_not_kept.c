// An allocation made because a connection slot was NULL is only a one-time
// cost if the connection keeps the result. Stored into the request instead,
// it is made again on every request.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim -analyzer-output=text -verify %s

#include "ngx-sim.h"

extern ngx_module_t ngx_http_my_module;

ngx_int_t guarded_but_stored_in_request(ngx_http_request_t *r) {
  ngx_http_connection_t *hc = r->http_connection;
  void *state;
  if (hc->module_data == NULL) { // expected-note{{Assuming field 'module_data' is equal to NULL}}
                                 // expected-note@-1{{Field 'module_data' is equal to NULL}}
                                 // expected-note@-2{{Taking true branch}}
    state = ngx_pcalloc(r->connection->pool, 64); // expected-note{{Allocated from the connection pool of request 'r' because 'hc->module_data' is NULL}}
    if (state == NULL)  // expected-note{{Assuming 'state' is not equal to NULL}}
                        // expected-note@-1{{Taking false branch}}
      return NGX_ERROR;
    ngx_http_set_ctx(r, state, ngx_http_my_module);
  }
  return NGX_OK; // expected-warning{{Memory allocated from the connection pool of request 'r' while 'hc->module_data' was NULL is not kept by the connection, so the allocation repeats on every request; allocate it from 'r->pool', or store it in the connection}}
                 // expected-note@-1{{Memory allocated from the connection pool of request 'r' while 'hc->module_data' was NULL is not kept by the connection}}
}

ngx_int_t guarded_and_stored_in_connection(ngx_http_request_t *r) {
  ngx_http_connection_t *hc = r->http_connection;
  void *state;
  if (hc->module_data == NULL) {
    state = ngx_pcalloc(r->connection->pool, 64);
    if (state == NULL)
      return NGX_ERROR;
    hc->module_data = state;
  }
  return NGX_OK; // no-warning
}
