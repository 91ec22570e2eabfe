// ngx_pfree() finds a large block by the address the allocation returned; a
// pointer into the block (past a header, to a field) is never found, so the
// call is declined whatever the block's size. The twins pass the start,
// which may come back through another variable or a buffer's start field.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.Pfree %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.Pfree %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

#define MY_HEADER_LEN 16
#define MY_BLOCK_SIZE (64 * 1024)

typedef struct {
  ngx_uint_t refs;
  u_char data[MY_BLOCK_SIZE];
} my_blob_t;

ngx_int_t freed_past_its_header(ngx_http_request_t *r) {
  u_char *block = ngx_pnalloc(r->pool, MY_BLOCK_SIZE); // notes-note{{Block of 65536 bytes allocated here}}
  if (block == NULL) // notes-note{{Assuming 'block' is not equal to NULL}}
                     // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  u_char *payload = block + MY_HEADER_LEN;
  ngx_pfree(r->pool, payload); // expected-warning{{'ngx_pfree' is given a pointer 16 bytes into a pool block, not its start: a pool releases a block only by its start, so the call is always declined; pass the pointer the allocation returned}}
                               // notes-note@-1{{'ngx_pfree' is given a pointer 16 bytes into a pool block, not its start: a pool releases a block only by its start, so the call is always declined; pass the pointer the allocation returned}}
  return NGX_OK;
}

ngx_int_t freed_by_its_start(ngx_http_request_t *r) {
  u_char *block = ngx_pnalloc(r->pool, MY_BLOCK_SIZE);
  if (block == NULL)
    return NGX_ERROR;
  u_char *payload = block + MY_HEADER_LEN;
  payload[0] = '\0';
  ngx_pfree(r->pool, payload - MY_HEADER_LEN); // no-warning
  return NGX_OK;
}

ngx_int_t freed_by_a_field(ngx_http_request_t *r) {
  my_blob_t *blob = ngx_palloc(r->pool, sizeof(my_blob_t)); // notes-note{{Block of 65544 bytes allocated here}}
  if (blob == NULL) // notes-note{{Assuming 'blob' is not equal to NULL}}
                    // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  ngx_pfree(r->pool, blob->data); // expected-warning{{'ngx_pfree' is given a pointer 8 bytes into a pool block, not its start}}
                                  // notes-note@-1{{'ngx_pfree' is given a pointer 8 bytes into a pool block, not its start: a pool releases a block only by its start, so the call is always declined; pass the pointer the allocation returned}}
  return NGX_OK;
}

ngx_int_t freed_by_the_struct(ngx_http_request_t *r) {
  my_blob_t *blob = ngx_palloc(r->pool, sizeof(my_blob_t));
  if (blob == NULL)
    return NGX_ERROR;
  ngx_pfree(r->pool, blob); // no-warning
  return NGX_OK;
}

ngx_int_t freed_by_buffer_start(ngx_http_request_t *r) {
  ngx_buf_t *b = ngx_create_temp_buf(r->pool, MY_BLOCK_SIZE);
  if (b == NULL)
    return NGX_ERROR;
  b->pos += 4;
  ngx_pfree(r->pool, b->start); // no-warning
  return NGX_OK;
}
