// The plugin works through the clang driver as users run it, with the whole
// nginx package enabled by its name, and prints clang's text diagnostics
// with the checker name and the path notes.
//
// RUN: %clang --analyze -Xclang -load -Xclang %plugin -Xclang -analyzer-checker=nginx \
// RUN:   -Xclang -analyzer-output=text %ngx_sim %s -o /dev/null 2>&1 | FileCheck %s

#include "ngx-sim.h"

ngx_int_t handler(ngx_http_request_t *r) {
  ngx_connection_t *c = r->connection;
  void *p = ngx_palloc(c->pool, 10);
  // CHECK: load_with_driver.c:[[@LINE-1]]:13: warning: 'ngx_palloc' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool' [nginx.PoolLifetime]
  // CHECK: load_with_driver.c:[[@LINE-3]]:3: note: 'c' is the connection of request 'r': its pool lives until the client disconnects
  // CHECK: load_with_driver.c:[[@LINE-3]]:13: note: 'ngx_palloc' allocates from the connection pool of request 'r'
  return p ? NGX_OK : NGX_ERROR;
}

// CHECK-NOT: warning:
