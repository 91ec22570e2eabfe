// Every checker prints what it follows in the program state, so that
// clang_analyzer_printState() and -analyzer-dump-egraph show it: the
// descriptors ResourceLeak follows, the blocks Pfree follows, the pools
// nginx.APIModeling saw created and the new blocks it saw linked from
// long-lived memory, and PoolLifetime's lazy-initialisation
// candidates. A state where nothing is followed prints nothing of ours.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,debug.ExprInspection,nginx %ngx_sim \
// RUN:   -analyze-function=everything_followed %s 2>&1 | FileCheck %s --check-prefix=ALL
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,debug.ExprInspection,nginx %ngx_sim \
// RUN:   -analyze-function=nothing_followed %s 2>&1 | FileCheck %s --check-prefix=NONE

#include "ngx-sim.h"

void clang_analyzer_printState(void);

ngx_int_t everything_followed(ngx_http_request_t *r) {
  ngx_http_connection_t *hc = r->http_connection;
  if (hc->module_data != NULL)
    return NGX_OK;
  void *state = ngx_pcalloc(r->connection->pool, 128);
  if (state == NULL)
    return NGX_ERROR;
  hc->module_data = NULL;
  int fd = open("/tmp/x", O_RDONLY);
  u_char *p = ngx_palloc(r->pool, 65536);
  ngx_pool_t *pool = ngx_create_pool(1024, r->connection->log);
  if (fd < 0 || p == NULL || pool == NULL)
    return NGX_ERROR;
  r->ctx[0] = ngx_pcalloc(r->pool, 16);
  clang_analyzer_printState();
  // ALL:      "checker_messages": [
  // ALL-DAG:  "nginx.Pfree:",
  // ALL-DAG:  "  block conj_${{[0-9]+}}{void *, {{.*}}} of size 65536 U64b from pool reg_${{[0-9]+}}<ngx_pool_t * {{.*}}.pool>, large",
  // ALL-DAG:  "nginx.ResourceLeak:",
  // ALL-DAG:  "  conj_${{[0-9]+}}{int, {{.*}}} from 'open': open",
  // ALL-DAG:  "nginx.APIModeling: pools created on this path:",
  // ALL-DAG:  "  conj_${{[0-9]+}}{ngx_pool_t *, {{.*}}} of size 1024 U64b",
  // ALL-DAG:  "nginx.APIModeling: new blocks linked from long-lived memory:",
  // ALL-DAG:  "nginx.PoolLifetime:",
  // ALL-DAG:  "  lazy-init candidate conj_${{[0-9]+}}{void *, {{.*}}} (slot reg_${{[0-9]+}}<void * {{.*}}.module_data>): not kept yet",
  hc->module_data = state;
  ngx_pfree(r->pool, p);
  close(fd);
  ngx_destroy_pool(pool);
  return NGX_OK;
}

ngx_int_t nothing_followed(ngx_http_request_t *r) {
  clang_analyzer_printState();
  // NONE: "checker_messages": null
  return NGX_OK;
}
