// Regressions (lua-nginx-module 0.10.23, ngx_http_lua_ngx_req_get_post_args
// and ngx_http_lua_complex_value): a buffer of variable size, freed with
// ngx_pfree in case it is large. On some paths the analyzer learns only
// after the allocation that it was small (a parser stopped at its end after
// one byte), or the size is 0 (a loop that computes it ran no times); the
// code did not ask for a small block, and a block of no bytes holds nothing.
// The twins bound the size before asking for it.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.Pfree %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.Pfree %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

typedef struct {
  ngx_chain_t *bufs;
} my_body_t;

static ngx_int_t my_parse(u_char *p, u_char *last) {
  ngx_int_t fields = 0;
  while (p != last) {
    if (*p++ == '&')
      fields++;
  }
  return fields;
}

static size_t my_body_length(my_body_t *body) {
  size_t len = 0;
  ngx_chain_t *cl;
  for (cl = body->bufs; cl; cl = cl->next)
    len += cl->buf->last - cl->buf->pos;
  return len;
}

ngx_int_t copy_and_parse_body(ngx_http_request_t *r, my_body_t *body) {
  size_t len = my_body_length(body);
  if (len == 0)
    return 0;
  u_char *copy = ngx_palloc(r->pool, len);
  if (copy == NULL)
    return NGX_ERROR;
  ngx_int_t n = my_parse(copy, copy + len);
  ngx_pfree(r->pool, copy); // no-warning
  return n;
}

ngx_int_t copy_and_parse_short_body(ngx_http_request_t *r, my_body_t *body) {
  size_t len = my_body_length(body);
  if (len == 0 || len > 512) // notes-note{{Assuming 'len' is not equal to 0}}
                             // notes-note@-1{{Left side of '||' is false}}
                             // notes-note@-2{{Assuming 'len' is <= 512}}
                             // notes-note@-3{{Taking false branch}}
    return 0;
  u_char *copy = ngx_palloc(r->pool, len); // notes-note{{Block of at most 512 bytes allocated here}}
  if (copy == NULL) // notes-note{{Assuming 'copy' is not equal to NULL}}
                    // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  ngx_int_t n = my_parse(copy, copy + len);
  ngx_pfree(r->pool, copy); // expected-warning{{'ngx_pfree' cannot release this block of at most 512 bytes}}
                            // notes-note@-1{{'ngx_pfree' cannot release this block of at most 512 bytes: blocks of at most 4016 bytes from the request pool 'r->pool' are kept until the pool is destroyed, and ngx_pfree returns NGX_DECLINED; reuse the buffer instead of freeing and allocating again, or give this phase a pool of its own (ngx_create_pool/ngx_destroy_pool)}}
  return n;
}

size_t my_piece_length(ngx_uint_t i);

ngx_int_t join_pieces(ngx_http_request_t *r, ngx_uint_t n) {
  size_t len = 0;
  ngx_uint_t i;
  for (i = 0; i < n; i++)
    len += my_piece_length(i);
  u_char *joined = ngx_pnalloc(r->pool, len);
  if (joined == NULL)
    return NGX_ERROR;
  ngx_pfree(r->pool, joined); // no-warning (0 bytes when n is 0; else unknown)
  return NGX_OK;
}

ngx_int_t join_pieces_twin(ngx_http_request_t *r) {
  u_char *joined = ngx_pnalloc(r->pool, 1); // notes-note{{Block of 1 bytes allocated here}}
  if (joined == NULL) // notes-note{{Assuming 'joined' is not equal to NULL}}
                      // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  ngx_pfree(r->pool, joined); // expected-warning{{'ngx_pfree' cannot release this block of 1 bytes}}
                              // notes-note@-1{{'ngx_pfree' cannot release this block of 1 bytes: blocks of at most 4016 bytes from the request pool 'r->pool' are kept until the pool is destroyed, and ngx_pfree returns NGX_DECLINED; reuse the buffer instead of freeing and allocating again, or give this phase a pool of its own (ngx_create_pool/ngx_destroy_pool)}}
  return NGX_OK;
}
