// Pointers read out of the request (its header values, its URI) point into
// the request's header buffers and its pool: kept where they outlive the
// request, they dangle once it ends. nginx's realip once pointed the
// connection's address text at a request header's value (fixed in 0.5.13 by
// copying into the connection's pool). What the request only refers to
// (its connection, the configurations) is not the request's.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.RequestEscape %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.RequestEscape %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

typedef struct {
  u_char *last_uri;
  size_t last_uri_len;
  void *owner_conf;
} bar_conf_t;

typedef struct {
  ngx_connection_t *peer;
  ngx_table_elt_t *forwarded;
} bar_ctx_t;

ngx_module_t bar_module;
static u_char *last_agent;
static ngx_connection_t *last_connection;

void restore_address(void *data);

/* The connection's address pointed at a header's value (the realip shape). */

ngx_int_t address_from_header(ngx_http_request_t *r) {
  ngx_connection_t *c = r->connection;
  ngx_table_elt_t *h = r->headers_in.user_agent;
  if (h == NULL) // notes-note{{Assuming 'h' is not equal to NULL}} notes-note{{Taking false branch}}
    return NGX_DECLINED;
  c->addr_text.len = h->value.len;
  c->addr_text.data = h->value.data; // expected-warning{{'c->addr_text.data' keeps data of the request read through 'r->headers_in' after the request ends: it is in a connection field that the next request on a keepalive connection reads}} notes-note{{'c->addr_text.data' keeps data of the request read through 'r->headers_in' after the request ends}}
  return NGX_OK;
}

/* Twin: the value is copied into the connection's pool. */

ngx_int_t address_copied_from_header(ngx_http_request_t *r) {
  ngx_connection_t *c = r->connection;
  ngx_table_elt_t *h = r->headers_in.user_agent;
  u_char *p;
  if (h == NULL)
    return NGX_DECLINED;
  p = ngx_pnalloc(c->pool, h->value.len);
  if (p == NULL)
    return NGX_ERROR;
  ngx_memcpy(p, h->value.data, h->value.len);
  c->addr_text.len = h->value.len;
  c->addr_text.data = p; // no-warning
  return NGX_OK;
}

/* Twin: the same store, undone by a cleanup of the request's pool. */

ngx_int_t address_from_header_restored(ngx_http_request_t *r) {
  ngx_connection_t *c = r->connection;
  ngx_table_elt_t *h = r->headers_in.user_agent;
  ngx_pool_cleanup_t *cln;
  if (h == NULL)
    return NGX_DECLINED;
  cln = ngx_pool_cleanup_add(r->pool, 0);
  if (cln == NULL)
    return NGX_ERROR;
  cln->handler = restore_address;
  cln->data = c;
  c->addr_text.data = h->value.data; // no-warning
  return NGX_OK;
}

/* A location configuration keeps the request's URI. */

ngx_int_t uri_kept_in_loc_conf(ngx_http_request_t *r) {
  bar_conf_t *bcf = ngx_http_get_module_loc_conf(r, bar_module); // notes-note{{'bcf' is the module's location configuration, which lives until nginx reloads}}
  bcf->last_uri = r->uri.data; // expected-warning{{'bcf->last_uri' keeps data of the request read through 'r->uri' after the request ends: it is in the module's location configuration}} notes-note{{'bcf->last_uri' keeps data of the request read through 'r->uri' after the request ends}}
  return NGX_OK;
}

/* Twin: only the length, a number, is kept. */

ngx_int_t uri_length_kept_in_loc_conf(ngx_http_request_t *r) {
  bar_conf_t *bcf = ngx_http_get_module_loc_conf(r, bar_module);
  bcf->last_uri_len = r->uri.len; // no-warning
  return NGX_OK;
}

/* A static keeps a header's value, reached through a helper. */

static u_char *agent_of(ngx_http_request_t *r) {
  return r->headers_in.user_agent ? r->headers_in.user_agent->value.data : NULL;
}

ngx_int_t agent_kept_in_static(ngx_http_request_t *r) {
  last_agent = agent_of(r); // expected-warning{{'last_agent' keeps data of the request read through 'r->headers_in' after the request ends: it is in static storage}} notes-note{{'last_agent' keeps data of the request read through 'r->headers_in' after the request ends}}
  return NGX_OK;
}

/* Twins: what the request only refers to is not the request's: its
 * connection, its configuration. */

ngx_int_t connection_kept_in_static(ngx_http_request_t *r) {
  last_connection = r->connection; // no-warning
  return NGX_OK;
}

ngx_int_t conf_kept_in_conf(ngx_http_request_t *r) {
  bar_conf_t *bcf = ngx_http_get_module_loc_conf(r, bar_module);
  bcf->owner_conf = r->main_conf[bar_module.ctx_index]; // no-warning
  return NGX_OK;
}

/* Twin: text of a connection the request's context points to (an upstream
 * peer, which nginx reuses) is the connection's, not the request's. */

ngx_int_t peer_text_kept_in_static(ngx_http_request_t *r) {
  bar_ctx_t *ctx = ngx_http_get_module_ctx(r, bar_module);
  if (ctx == NULL || ctx->peer == NULL)
    return NGX_DECLINED;
  last_agent = ctx->peer->addr_text.data; // no-warning
  return NGX_OK;
}

/* A header the module kept in its request context: its text is still the
 * request's. */

ngx_int_t ctx_header_kept_in_static(ngx_http_request_t *r) {
  bar_ctx_t *ctx = ngx_http_get_module_ctx(r, bar_module);
  if (ctx == NULL || ctx->forwarded == NULL) // notes-note{{Assuming 'ctx' is not equal to NULL}} notes-note{{Left side of '||' is false}} notes-note{{Assuming field 'forwarded' is not equal to NULL}} notes-note{{Taking false branch}}
    return NGX_DECLINED;
  last_agent = ctx->forwarded->value.data; // expected-warning{{'last_agent' keeps data of the request read through 'ctx->forwarded' after the request ends: it is in static storage}} notes-note{{'last_agent' keeps data of the request read through 'ctx->forwarded' after the request ends}}
  return NGX_OK;
}
