// Copies of the connection or request struct carry the same pool.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

ngx_int_t copy_of_connection(ngx_http_request_t *r) {
  ngx_connection_t copy = *r->connection;
  return ngx_palloc(copy.pool, 32) ? NGX_OK : NGX_ERROR; // expected-warning{{'ngx_palloc' allocates from the connection pool of request 'r'}}
                                                         // notes-note@-1{{'ngx_palloc' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
}

ngx_int_t copy_of_request(ngx_http_request_t *r) {
  ngx_http_request_t copy = *r;
  return ngx_palloc(copy.pool, 32) ? NGX_OK : NGX_ERROR; // no-warning
}

typedef struct {
  ngx_pool_t *pool;
  ngx_log_t *log;
} my_env_t;

static my_env_t my_env_of(ngx_http_request_t *r, int per_connection) {
  my_env_t env;
  env.pool = per_connection ? r->connection->pool : r->pool; // notes-note{{'per_connection' is 1}}
                                                             // notes-note@-1{{'?' condition is true}}
                                                             // notes-note@-2{{'env.pool' is the connection pool of request 'r': it lives until the client disconnects}}
  env.log = r->connection->log;
  return env;
}

ngx_int_t env_returned_by_value_connection(ngx_http_request_t *r) {
  my_env_t env = my_env_of(r, 1); // notes-note{{Calling 'my_env_of'}}
                                  // notes-note@-1{{Returning from 'my_env_of'}}
  return ngx_palloc(env.pool, 32) ? NGX_OK : NGX_ERROR; // expected-warning{{'ngx_palloc' allocates from the connection pool of request 'r'}}
                                                        // notes-note@-1{{'ngx_palloc' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
}

ngx_int_t env_returned_by_value_request(ngx_http_request_t *r) {
  my_env_t env = my_env_of(r, 0);
  return ngx_palloc(env.pool, 32) ? NGX_OK : NGX_ERROR; // no-warning
}
