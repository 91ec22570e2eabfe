// Recall set, class 1 (/work/shared/notes/real-fixed-bugs.md): per-request
// memory taken from the connection pool, which lives until the client
// disconnects. Each row that nginx.PoolLifetime catches has its fixed twin
// (the same code allocating from 'r->pool') beside it. Rows not caught are
// listed in checkers/PoolLifetime.md, with the reason.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

typedef struct {
  ngx_array_t *kept_headers;
} my_filter_ctx_t;

typedef struct {
  ngx_str_t name;
  ngx_str_t value;
} my_kept_header_t;

ngx_module_t my_filter_module;

static ngx_http_output_header_filter_pt my_next_header_filter;

u_char *my_sprintf_len(u_char *buf, off_t n);

/* N6: a variable getter formats the request body length into a buffer taken
 * from the connection pool, so every keepalive request adds a few bytes. */

ngx_int_t my_body_length_variable(ngx_http_request_t *r,
                                  ngx_http_variable_value_t *v,
                                  uintptr_t data) {
  u_char *p;

  p = ngx_pnalloc(r->connection->pool, 20); // expected-warning{{'ngx_pnalloc' allocates from the connection pool of request 'r'}}
                                            // notes-note@-1{{'ngx_pnalloc' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
  if (p == NULL)
    return NGX_ERROR;

  v->data = p;
  v->len = my_sprintf_len(p, r->headers_out.content_length_n) - p;
  v->valid = 1;
  return NGX_OK;
}

/* N6 fixed: the buffer comes from the request pool. */

ngx_int_t my_body_length_variable_fixed(ngx_http_request_t *r,
                                        ngx_http_variable_value_t *v,
                                        uintptr_t data) {
  u_char *p;

  p = ngx_pnalloc(r->pool, 20); // no-warning
  if (p == NULL)
    return NGX_ERROR;

  v->data = p;
  v->len = my_sprintf_len(p, r->headers_out.content_length_n) - p;
  v->valid = 1;
  return NGX_OK;
}

/* N7: a header filter builds the response header buffer and its chain link
 * from the pool of 'c' (the stream's connection), once per response. */

ngx_int_t my_stream_header_filter(ngx_http_request_t *r) {
  ngx_connection_t *c;
  ngx_buf_t *b;
  ngx_chain_t *cl;

  c = r->connection; // notes-note 2 {{'c' is the connection of request 'r': its pool lives until the client disconnects}}

  b = ngx_create_temp_buf(c->pool, 256); // expected-warning{{'ngx_create_temp_buf' allocates from the connection pool of request 'r'}}
                                         // notes-note@-1{{'ngx_create_temp_buf' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
  if (b == NULL) // notes-note{{Assuming 'b' is not equal to NULL}}
                 // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;

  cl = ngx_alloc_chain_link(c->pool); // expected-warning{{'ngx_alloc_chain_link' allocates from the connection pool of request 'r'}}
                                      // notes-note@-1{{'ngx_alloc_chain_link' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
  if (cl == NULL)
    return NGX_ERROR;

  b->last_buf = 0;
  cl->buf = b;
  cl->next = NULL;
  return ngx_http_output_filter(r, cl);
}

/* N7 fixed: the buffer and the link come from the request pool. */

ngx_int_t my_stream_header_filter_fixed(ngx_http_request_t *r) {
  ngx_buf_t *b;
  ngx_chain_t *cl;

  b = ngx_create_temp_buf(r->pool, 256); // no-warning
  if (b == NULL)
    return NGX_ERROR;

  cl = ngx_alloc_chain_link(r->pool); // no-warning
  if (cl == NULL)
    return NGX_ERROR;

  b->last_buf = 0;
  cl->buf = b;
  cl->next = NULL;
  return ngx_http_output_filter(r, cl);
}

/* M1: a header filter keeps copies of each response header's name and value
 * in the request's module context, copied into the connection pool. */

ngx_int_t my_keep_header(ngx_http_request_t *r, ngx_str_t *name,
                         ngx_str_t *value) {
  my_filter_ctx_t *ctx;
  my_kept_header_t *h;

  ctx = ngx_http_get_module_ctx(r, my_filter_module);

  h = ngx_array_push(ctx->kept_headers);
  if (h == NULL) // notes-note 2 {{Assuming 'h' is not equal to NULL}}
                 // notes-note@-1 2 {{Taking false branch}}
    return NGX_ERROR;

  h->name.data = ngx_pstrdup(r->connection->pool, name); // expected-warning{{'ngx_pstrdup' allocates from the connection pool of request 'r'}}
                                                         // notes-note@-1{{'ngx_pstrdup' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
  h->name.len = name->len;
  h->value.data = ngx_pstrdup(r->connection->pool, value); // expected-warning{{'ngx_pstrdup' allocates from the connection pool of request 'r'}}
                                                           // notes-note@-1{{'ngx_pstrdup' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
  h->value.len = value->len;
  return NGX_OK;
}

/* M1 fixed: the copies come from the request pool. */

ngx_int_t my_keep_header_fixed(ngx_http_request_t *r, ngx_str_t *name,
                               ngx_str_t *value) {
  my_filter_ctx_t *ctx;
  my_kept_header_t *h;

  ctx = ngx_http_get_module_ctx(r, my_filter_module);

  h = ngx_array_push(ctx->kept_headers);
  if (h == NULL)
    return NGX_ERROR;

  h->name.data = ngx_pstrdup(r->pool, name); // no-warning
  h->name.len = name->len;
  h->value.data = ngx_pstrdup(r->pool, value); // no-warning
  h->value.len = value->len;
  return NGX_OK;
}
