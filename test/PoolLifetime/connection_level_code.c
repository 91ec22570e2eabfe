// Code that runs once per connection has no request: its allocations from
// c->pool are what c->pool is for. Once a request is read from the
// connection, allocations from that request's connection pool are per
// request again.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

void my_init_connection(ngx_connection_t *c) {
  ngx_http_connection_t *hc = ngx_pcalloc(c->pool, sizeof(ngx_http_connection_t)); // no-warning
  if (hc == NULL)
    return;
  c->data = hc;
  c->buffer = ngx_create_temp_buf(c->pool, 1024); // no-warning
}

void my_read_handler_connection(ngx_event_t *rev) {
  ngx_connection_t *c = rev->data;
  c->buffer = ngx_create_temp_buf(c->pool, 1024); // no-warning
}

void my_read_handler_request(ngx_event_t *rev) {
  ngx_connection_t *c = rev->data;
  ngx_http_request_t *r = c->data;
  r->header_in = ngx_create_temp_buf(r->connection->pool, 1024); // expected-warning{{'ngx_create_temp_buf' allocates from the connection pool of request 'r'}}
                                                                 // notes-note@-1{{'ngx_create_temp_buf' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
}

void my_timer_handler_request(ngx_event_t *ev) {
  ngx_http_request_t *r = ev->data;
  void *p = ngx_palloc(r->connection->pool, 8); // expected-warning{{'ngx_palloc' allocates from the connection pool of request 'r'}}
                                                // notes-note@-1{{'ngx_palloc' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
  (void) p;
}
