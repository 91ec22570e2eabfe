// ngx_array_push and ngx_list_push allocate from the pool the container was
// created with. A container the connection keeps, pushed to on every
// request, grows the connection pool without bound.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

typedef struct {
  ngx_array_t *seen;
  ngx_list_t *log_lines;
} my_conn_state_t;

ngx_int_t push_every_request(ngx_http_request_t *r) {
  ngx_http_connection_t *hc = r->http_connection;
  if (hc->module_data == NULL) { // notes-note{{Assuming field 'module_data' is equal to NULL}}
                                 // notes-note@-1{{Field 'module_data' is equal to NULL}}
                                 // notes-note@-2{{Taking true branch}}
    hc->module_data = ngx_array_create(r->connection->pool, 4, sizeof(ngx_str_t)); // no-warning
    if (hc->module_data == NULL) // notes-note{{Assuming field 'module_data' is not equal to NULL}}
                                 // notes-note@-1{{Taking false branch}}
      return NGX_ERROR;
  }
  ngx_str_t *s = ngx_array_push(hc->module_data); // expected-warning{{'ngx_array_push' grows a container the connection keeps, in the connection pool of request 'r': every request adds to it and nothing is freed until the client disconnects; keep per-request data in 'r->pool'}}
                                                  // notes-note@-1{{'ngx_array_push' grows a container the connection keeps, in the connection pool of request 'r': every request adds to it and nothing is freed until the client disconnects; keep per-request data in 'r->pool'}}
  return s ? NGX_OK : NGX_ERROR;
}

ngx_int_t push_once_at_init(ngx_http_request_t *r) {
  ngx_http_connection_t *hc = r->http_connection;
  if (hc->module_data == NULL) {
    ngx_array_t *a = ngx_array_create(r->connection->pool, 4, sizeof(ngx_str_t)); // no-warning
    if (a == NULL)
      return NGX_ERROR;
    ngx_str_t *s = ngx_array_push(a); // no-warning
    if (s == NULL)
      return NGX_ERROR;
    hc->module_data = a;
  }
  return NGX_OK;
}

ngx_int_t list_push_every_request(ngx_http_request_t *r) {
  ngx_http_connection_t *hc = r->http_connection;
  my_conn_state_t *st = hc->module_data;
  if (st == NULL) { // notes-note{{Assuming 'st' is equal to NULL}}
                    // notes-note@-1{{'st' is equal to NULL}}
                    // notes-note@-2{{Taking true branch}}
    st = ngx_pcalloc(r->connection->pool, sizeof(my_conn_state_t)); // no-warning
    if (st == NULL) // notes-note{{Assuming 'st' is not equal to NULL}}
                    // notes-note@-1{{Taking false branch}}
      return NGX_ERROR;
    st->log_lines = ngx_list_create(r->connection->pool, 8, sizeof(ngx_str_t)); // no-warning
    if (st->log_lines == NULL) // notes-note{{Assuming field 'log_lines' is not equal to NULL}}
                               // notes-note@-1{{Taking false branch}}
      return NGX_ERROR;
    hc->module_data = st;
  }
  ngx_str_t *line = ngx_list_push(st->log_lines); // expected-warning{{'ngx_list_push' grows a container the connection keeps}}
                                                  // notes-note@-1{{'ngx_list_push' grows a container the connection keeps, in the connection pool of request 'r': every request adds to it and nothing is freed until the client disconnects; keep per-request data in 'r->pool'}}
  return line ? NGX_OK : NGX_ERROR;
}

ngx_int_t push_into_request_array(ngx_http_request_t *r) {
  ngx_array_t *a = ngx_array_create(r->pool, 4, sizeof(ngx_str_t));
  if (a == NULL)
    return NGX_ERROR;
  ngx_str_t *s = ngx_array_push(a); // no-warning
  return s ? NGX_OK : NGX_ERROR;
}
