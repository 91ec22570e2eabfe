// Memory of a request (from r->pool, the request itself, its module context)
// stored where it outlives the request. Each positive case has its fixed
// twin beside it.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.RequestEscape %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.RequestEscape %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

typedef struct {
  ngx_str_t last_uri;
  u_char *last_uri_buf;
  ngx_http_request_t *last_request;
  void *last_ctx;
} foo_conf_t;

typedef struct {
  ngx_str_t uri;
} foo_ctx_t;

ngx_module_t foo_module;

/* A location configuration keeps request memory. */

ngx_int_t uri_copy_kept_in_loc_conf(ngx_http_request_t *r) {
  foo_conf_t *fcf = ngx_http_get_module_loc_conf(r, foo_module); // notes-note{{'fcf' is the module's location configuration, which lives until nginx reloads}}
  u_char *uri = ngx_pnalloc(r->pool, r->uri.len); // notes-note{{Memory allocated by 'ngx_pnalloc' from the pool of request 'r': freed when the request ends}}
  if (uri == NULL) // notes-note{{Assuming 'uri' is not equal to NULL}} notes-note{{Taking false branch}}
    return NGX_ERROR;
  fcf->last_uri.data = uri; // expected-warning{{'fcf->last_uri.data' keeps memory from the pool of request 'r' after the request ends}} notes-note{{'fcf->last_uri.data' keeps memory from the pool of request 'r' after the request ends}}
  fcf->last_uri.len = r->uri.len;
  return NGX_OK;
}

ngx_int_t uri_bytes_copied_into_conf_buffer(ngx_http_request_t *r) {
  foo_conf_t *fcf = ngx_http_get_module_loc_conf(r, foo_module);
  fcf->last_uri.len = r->uri.len;
  fcf->last_uri.data = fcf->last_uri_buf; /* from cf->pool */
  return NGX_OK;
}

/* Heap and cycle memory may be kept. */

ngx_int_t heap_copy_kept_in_main_conf(ngx_http_request_t *r) {
  foo_conf_t *fcf = ngx_http_get_module_main_conf(r, foo_module);
  u_char *uri = ngx_alloc(r->uri.len, NULL);
  if (uri == NULL)
    return NGX_ERROR;
  fcf->last_uri.data = uri;
  return NGX_OK;
}

ngx_int_t string_copy_kept_in_srv_conf(ngx_http_request_t *r) {
  foo_conf_t *fcf = ngx_http_get_module_srv_conf(r, foo_module); // notes-note{{'fcf' is the module's server configuration, which lives until nginx reloads}}
  fcf->last_uri.data = ngx_pstrdup(r->pool, &r->uri); // expected-warning{{'fcf->last_uri.data' keeps memory from the pool of request 'r' after the request ends}} notes-note{{Memory allocated by 'ngx_pstrdup' from the pool of request 'r': freed when the request ends}} notes-note{{'fcf->last_uri.data' keeps memory from the pool of request 'r' after the request ends}}
  return fcf->last_uri.data ? NGX_OK : NGX_ERROR;
}

ngx_int_t string_copy_in_cycle_pool_kept(ngx_http_request_t *r) {
  foo_conf_t *fcf = ngx_http_get_module_srv_conf(r, foo_module);
  fcf->last_uri.data = ngx_pstrdup(ngx_cycle->pool, &r->uri);
  return fcf->last_uri.data ? NGX_OK : NGX_ERROR;
}

/* The request itself, and its context. */

ngx_int_t request_kept_in_conf(ngx_http_request_t *r) {
  foo_conf_t *fcf = ngx_http_get_module_loc_conf(r, foo_module); // notes-note{{'fcf' is the module's location configuration, which lives until nginx reloads}}
  fcf->last_request = r; // expected-warning{{'fcf->last_request' keeps the request 'r' after the request ends}} notes-note{{'fcf->last_request' keeps the request 'r' after the request ends}}
  return NGX_OK;
}

ngx_int_t request_kept_in_its_connection(ngx_http_request_t *r) {
  r->connection->data = r; /* nginx keeps the request there itself */
  return NGX_OK;
}

ngx_int_t ctx_kept_in_conf(ngx_http_request_t *r) {
  foo_conf_t *fcf = ngx_http_get_module_loc_conf(r, foo_module); // notes-note{{'fcf' is the module's location configuration, which lives until nginx reloads}}
  fcf->last_ctx = ngx_http_get_module_ctx(r, foo_module); // expected-warning{{'fcf->last_ctx' keeps the request's module context after the request ends}} notes-note{{'fcf->last_ctx' keeps the request's module context after the request ends}}
  return NGX_OK;
}

/* Request memory in request storage: its context, its own fields. */

ngx_int_t uri_copy_kept_in_ctx(ngx_http_request_t *r) {
  foo_ctx_t *ctx = ngx_http_get_module_ctx(r, foo_module);
  ctx->uri.data = ngx_pnalloc(r->pool, r->uri.len);
  r->args.data = ctx->uri.data;
  return ctx->uri.data ? NGX_OK : NGX_ERROR;
}

/* Statics. */

static u_char *last_uri;
static ngx_str_t last_args;

ngx_int_t uri_copy_kept_in_static(ngx_http_request_t *r) {
  last_uri = ngx_pnalloc(r->pool, r->uri.len); // expected-warning{{'last_uri' keeps memory from the pool of request 'r' after the request ends}} notes-note{{Memory allocated by 'ngx_pnalloc' from the pool of request 'r': freed when the request ends}} notes-note{{'last_uri' keeps memory from the pool of request 'r' after the request ends}}
  return last_uri ? NGX_OK : NGX_ERROR;
}

ngx_int_t args_copy_in_static_struct_reset(ngx_http_request_t *r) {
  last_args.data = ngx_pnalloc(r->pool, r->args.len);
  if (last_args.data == NULL)
    return NGX_ERROR;
  /* ... used here ... */
  last_args.data = NULL;
  return NGX_OK;
}

ngx_int_t args_copy_reset_on_one_path_only(ngx_http_request_t *r, int done) {
  last_args.data = ngx_pnalloc(r->pool, r->args.len); // expected-warning{{'last_args.data' keeps memory from the pool of request 'r' after the request ends}} notes-note{{Memory allocated by 'ngx_pnalloc' from the pool of request 'r': freed when the request ends}} notes-note{{'last_args.data' keeps memory from the pool of request 'r' after the request ends}}
  if (last_args.data == NULL)
    return NGX_ERROR;
  if (done)
    last_args.data = NULL;
  return NGX_OK;
}

/* A connection field the next keepalive request reads. */

ngx_int_t addr_text_into_request_buffer(ngx_http_request_t *r) {
  ngx_connection_t *c = r->connection;
  u_char *p = ngx_pnalloc(r->pool, 16); // notes-note{{Memory allocated by 'ngx_pnalloc' from the pool of request 'r': freed when the request ends}}
  if (p == NULL) // notes-note{{Assuming 'p' is not equal to NULL}} notes-note{{Taking false branch}}
    return NGX_ERROR;
  c->addr_text.data = p; // expected-warning{{'c->addr_text.data' keeps memory from the pool of request 'r' after the request ends}} notes-note{{'c->addr_text.data' keeps memory from the pool of request 'r' after the request ends}}
  return NGX_OK;
}

ngx_int_t addr_text_into_connection_pool(ngx_http_request_t *r) {
  ngx_connection_t *c = r->connection;
  u_char *p = ngx_pnalloc(c->pool, 16);
  if (p == NULL)
    return NGX_ERROR;
  c->addr_text.data = p;
  return NGX_OK;
}

/* Undone by a cleanup on r->pool, registered before or after the store. */

static void restore_addr(void *data) { (void)data; }

ngx_int_t addr_text_restored_by_cleanup_before(ngx_http_request_t *r) {
  ngx_connection_t *c = r->connection;
  ngx_pool_cleanup_t *cln = ngx_pool_cleanup_add(r->pool, 0);
  if (cln == NULL)
    return NGX_ERROR;
  u_char *p = ngx_pnalloc(r->pool, 16);
  if (p == NULL)
    return NGX_ERROR;
  cln->handler = restore_addr;
  cln->data = c;
  c->addr_text.data = p;
  return NGX_OK;
}

ngx_int_t addr_text_restored_by_cleanup_after(ngx_http_request_t *r) {
  ngx_connection_t *c = r->connection;
  u_char *p = ngx_pnalloc(r->pool, 16);
  if (p == NULL)
    return NGX_ERROR;
  c->addr_text.data = p;
  ngx_pool_cleanup_t *cln = ngx_pool_cleanup_add(r->pool, 0);
  if (cln == NULL) {
    c->addr_text.data = NULL;
    return NGX_ERROR;
  }
  cln->handler = restore_addr;
  cln->data = c;
  return NGX_OK;
}

/* A helper hides the store. */

static void remember(foo_conf_t *fcf, u_char *p) { fcf->last_uri.data = p; } // expected-warning{{'fcf->last_uri.data' keeps memory from the pool of request 'r' after the request ends}} notes-note{{'fcf->last_uri.data' keeps memory from the pool of request 'r' after the request ends}}

ngx_int_t helper_stores_request_memory(ngx_http_request_t *r) {
  foo_conf_t *fcf = ngx_http_get_module_loc_conf(r, foo_module); // notes-note{{'fcf' is the module's location configuration, which lives until nginx reloads}}
  u_char *p = ngx_pnalloc(r->pool, 8); // notes-note{{Memory allocated by 'ngx_pnalloc' from the pool of request 'r': freed when the request ends}}
  if (p == NULL) // notes-note{{Assuming 'p' is not equal to NULL}} notes-note{{Taking false branch}}
    return NGX_ERROR;
  remember(fcf, p); // notes-note{{Calling 'remember'}}
  return NGX_OK;
}

ngx_int_t helper_stores_heap_memory(ngx_http_request_t *r) {
  foo_conf_t *fcf = ngx_http_get_module_loc_conf(r, foo_module);
  u_char *p = ngx_alloc(8, NULL);
  if (p == NULL)
    return NGX_ERROR;
  remember(fcf, p);
  return NGX_OK;
}

/* Memory handed to code the analyzer cannot see: no verdict. */

void foo_register(void *p);

ngx_int_t request_memory_to_unknown_code(ngx_http_request_t *r) {
  u_char *p = ngx_pnalloc(r->pool, 8);
  if (p == NULL)
    return NGX_ERROR;
  foo_register(p);
  return NGX_OK;
}
