// The nginx configuration the checked code runs with is set once for the
// whole package (-analyzer-config nginx:RequestPoolSize=..., and so on) and
// every checker that judges a block's size follows it: a 6000-byte block
// of r->pool is large with nginx's default request_pool_size and page size
// (4096), so nginx.Pfree lets ngx_pfree() release it, and small with 16384
// for both (a 16 KB page, as on some arm64 kernels), where ngx_pfree()
// cannot release it. A 1024-byte block of c->pool is large with
// the default connection_pool_size (512): nginx.PoolLifetime accepts it when
// ngx_pfree() gives it back; with 2048 it is small, ngx_pfree() cannot give
// it back, and the allocation is reported.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.Pfree,nginx.PoolLifetime %ngx_sim \
// RUN:   -verify=default %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.Pfree,nginx.PoolLifetime %ngx_sim \
// RUN:   -analyzer-config nginx:RequestPoolSize=16384 -analyzer-config nginx:PageSize=16384 \
// RUN:   -analyzer-config nginx:ConnectionPoolSize=2048 \
// RUN:   -verify=bigpools %s
//
// Values out of range are refused, naming the option:
// RUN: not %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.Pfree %ngx_sim \
// RUN:   -analyzer-config nginx:PageSize=1 %s 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: error: invalid input for checker option 'nginx:PageSize', that expects a size in bytes of at least 2
// RUN: not %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.Pfree %ngx_sim \
// RUN:   -analyzer-config nginx:RequestPoolSize=big %s 2>&1 | FileCheck %s --check-prefix=NOTINT
// NOTINT: error: invalid input for checker option 'nginx:RequestPoolSize', that expects an integer value
//
// The options and their defaults are listed with the package:
// RUN: %clang_cc1 %ngx_load -analyzer-checker-option-help | FileCheck %s --check-prefix=HELP
// HELP:      nginx:RequestPoolSize {{.*}}(int) request_pool_size the checked code
// HELP:      less sizeof(ngx_pool_t) (default: 4096)
// HELP:      nginx:ConnectionPoolSize {{.*}}(int) connection_pool_size the checked code
// HELP:      less sizeof(ngx_pool_t) (default: 512)
// HELP:      nginx:PageSize {{.*}}(int) ngx_pagesize: NGX_MAX_ALLOC_FROM_POOL
// HELP:      (default: 4096)

#include "ngx-sim.h"

// Reported only with the bigger pools.
ngx_int_t six_thousand_bytes(ngx_http_request_t *r) {
  u_char *p = ngx_palloc(r->pool, 6000);
  if (p == NULL)
    return NGX_ERROR;
  ngx_pfree(r->pool, p); // bigpools-warning{{'ngx_pfree' cannot release this block of 6000 bytes: blocks of at most 16304 bytes from the request pool 'r->pool' are kept until the pool is destroyed}}
  return NGX_OK;
}

ngx_int_t kilobyte_of_the_connection_pool(ngx_http_request_t *r) {
  u_char *line = ngx_pnalloc(r->connection->pool, 1024); // bigpools-warning{{'ngx_pnalloc' allocates from the connection pool of request 'r'}}
  if (line == NULL)
    return NGX_ERROR;
  ngx_pfree(r->connection->pool, line); // bigpools-warning{{'ngx_pfree' cannot release this block of 1024 bytes: blocks of at most 1968 bytes from the connection pool 'r->connection->pool'}}
  return NGX_OK;
}

// Same in both: a block no configuration makes large.
ngx_int_t small_everywhere(ngx_http_request_t *r) {
  u_char *p = ngx_palloc(r->pool, 16);
  if (p == NULL)
    return NGX_ERROR;
  ngx_pfree(r->pool, p); // default-warning{{'ngx_pfree' cannot release this block of 16 bytes}} bigpools-warning{{'ngx_pfree' cannot release this block of 16 bytes}}
  return NGX_OK;
}
