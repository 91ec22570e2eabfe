// The fix-it of an allocation from the connection pool of a request: the
// pool argument becomes the request's pool, where the source itself makes
// the connection that request's (`r->connection->pool`, or `c->pool` with
// `c` only ever set to `r->connection`). The twins are reported with no
// fix-it: the pool comes from a macro, no request is in scope, `c` or `r`
// is set to something else too, the memory goes straight into a static, or
// the request is another one (`r->main`).
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim \
// RUN:   -fdiagnostics-parseable-fixits %s 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not=fix-it:
//
// clang's own -analyzer-config apply-fixits=true applies them (checked
// without the comment lines, which hold the expected text); the result
// compiles and is reported only where there was no fix.
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/fixed.c
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim \
// RUN:   -analyzer-config apply-fixits=true %t/fixed.c > /dev/null 2>&1
// RUN: grep -v '^ *//' %t/fixed.c | FileCheck %s --check-prefix=FIXED
// RUN: %clang -fsyntax-only %ngx_sim %t/fixed.c
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim \
// RUN:   %t/fixed.c 2>&1 | FileCheck %s --check-prefix=AGAIN
// AGAIN-COUNT-7: warning: {{.*}} [nginx.PoolLifetime]
// AGAIN-NOT: warning:
// AGAIN: 7 warnings generated.

#include "ngx-sim.h"

#define CONN_POOL(r) ((r)->connection->pool)

static u_char *kept;

ngx_int_t written_out(ngx_http_request_t *r) {
  u_char *p = ngx_pnalloc(r->connection->pool, 16); // expected-warning{{'ngx_pnalloc' allocates from the connection pool of request 'r'}}
  // CHECK: fix-it:"{{.*}}":{[[@LINE-1]]:27-[[@LINE-1]]:46}:"r->pool"
  // FIXED: u_char *p = ngx_pnalloc(r->pool, 16);
  return p ? NGX_OK : NGX_ERROR;
}

ngx_int_t nginx_style(ngx_http_request_t *r) {
  ngx_buf_t *b;
  ngx_connection_t *c;

  c = r->connection;
  b = ngx_create_temp_buf(c->pool, 64); // expected-warning{{'ngx_create_temp_buf' allocates from the connection pool of request 'r'}}
  // CHECK: fix-it:"{{.*}}":{[[@LINE-1]]:27-[[@LINE-1]]:34}:"r->pool"
  // FIXED: b = ngx_create_temp_buf(r->pool, 64);
  return b ? NGX_OK : NGX_ERROR;
}

ngx_int_t initialised(ngx_http_request_t *req) {
  ngx_connection_t *c = req->connection;
  if (ngx_pcalloc((c->pool), 8) == NULL) // expected-warning{{'ngx_pcalloc' allocates from the connection pool of request 'req'}}
    // CHECK: fix-it:"{{.*}}":{[[@LINE-1]]:19-[[@LINE-1]]:28}:"req->pool"
    // FIXED: if (ngx_pcalloc(req->pool, 8) == NULL)
    return NGX_ERROR;
  return NGX_OK;
}

ngx_int_t local_request(ngx_http_request_t *r) {
  ngx_http_request_t *mr = r->main;
  ngx_connection_t *c = mr->connection;
  u_char *p = ngx_pnalloc(c->pool, 16); // expected-warning{{'ngx_pnalloc' allocates from the connection pool of request}}
  // CHECK: fix-it:"{{.*}}":{[[@LINE-1]]:27-[[@LINE-1]]:34}:"mr->pool"
  // FIXED: u_char *p = ngx_pnalloc(mr->pool, 16);
  return p ? NGX_OK : NGX_ERROR;
}

static ngx_int_t helper_with_the_request(ngx_http_request_t *r) {
  u_char *p = ngx_pnalloc(r->connection->pool, 16); // expected-warning{{'ngx_pnalloc' allocates from the connection pool of request 'r'}}
  // CHECK: fix-it:"{{.*}}":{[[@LINE-1]]:27-[[@LINE-1]]:46}:"r->pool"
  // FIXED: u_char *p = ngx_pnalloc(r->pool, 16);
  return p ? NGX_OK : NGX_ERROR;
}

ngx_int_t calls_a_helper_with_the_request(ngx_http_request_t *r) {
  return helper_with_the_request(r);
}

// The twins: reported, no fix-it.

ngx_int_t from_a_macro(ngx_http_request_t *r) {
  u_char *p = ngx_pnalloc(CONN_POOL(r), 16); // expected-warning{{'ngx_pnalloc' allocates from the connection pool of request 'r'}}
  return p ? NGX_OK : NGX_ERROR;
}

static ngx_int_t no_request_here(ngx_connection_t *c) {
  u_char *p = ngx_pnalloc(c->pool, 16); // expected-warning{{'ngx_pnalloc' allocates from the connection pool of request 'r'}}
  return p ? NGX_OK : NGX_ERROR;
}

ngx_int_t calls_a_helper(ngx_http_request_t *r) {
  return no_request_here(r->connection);
}

ngx_int_t connection_set_twice(ngx_http_request_t *r) {
  ngx_connection_t *c = r->connection;
  if (r->main != r)
    c = r->main->connection;
  u_char *p = ngx_pnalloc(c->pool, 16); // expected-warning 2 {{'ngx_pnalloc' allocates from the connection pool of request}}
  return p ? NGX_OK : NGX_ERROR;
}

ngx_int_t request_set_again(ngx_http_request_t *r) {
  ngx_connection_t *c = r->connection;
  r = r->main;
  u_char *p = ngx_pnalloc(c->pool, 16); // expected-warning{{'ngx_pnalloc' allocates from the connection pool of request}}
  return p ? NGX_OK : NGX_ERROR;
}

ngx_int_t kept_in_a_static(ngx_http_request_t *r) {
  kept = ngx_pnalloc(r->connection->pool, 16); // expected-warning{{'ngx_pnalloc' allocates from the connection pool of request 'r'}}
  return kept ? NGX_OK : NGX_ERROR;
}

ngx_int_t main_request(ngx_http_request_t *r) {
  u_char *p = ngx_pnalloc(r->main->connection->pool, 16); // expected-warning{{'ngx_pnalloc' allocates from the connection pool of request 'r->main'}}
  return p ? NGX_OK : NGX_ERROR;
}
