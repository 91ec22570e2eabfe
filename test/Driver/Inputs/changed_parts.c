/* A helper with three callers, for --changed-lines run in parts
 * (changed_parts.test): each part analyses some of the callers, with the
 * helper inlined in each. The test names lines of this file: keep them
 * where they are. */
#include "ngx-sim.h"

/* make_pool: its tag comes from the connection pool (one bug, reported
 * once however many callers reach it); the pool it returns is the
 * caller's to destroy. */
static ngx_pool_t *make_pool(ngx_http_request_t *r) {
  u_char *tag = ngx_pnalloc(r->connection->pool, 8);
  if (tag == NULL)
    return NULL;
  return ngx_create_pool(1024, r->connection->log);
}

/* keeps_on_header_only: leaks the pool on one branch. */
ngx_int_t keeps_on_header_only(ngx_http_request_t *r) {
  ngx_pool_t *pool = make_pool(r);
  if (pool == NULL)
    return NGX_ERROR;
  if (r->header_only)
    return NGX_OK;
  ngx_destroy_pool(pool);
  return NGX_OK;
}

/* destroys_always: clean. */
ngx_int_t destroys_always(ngx_http_request_t *r) {
  ngx_pool_t *pool = make_pool(r);
  if (pool == NULL)
    return NGX_ERROR;
  ngx_destroy_pool(pool);
  return NGX_OK;
}

/* drops_it: never destroys the pool. */
ngx_int_t drops_it(ngx_http_request_t *r) {
  return make_pool(r) ? NGX_OK : NGX_ERROR;
}

/* unrelated: its own bug, which no change of make_pool reports. */
ngx_int_t unrelated(ngx_http_request_t *r) {
  return ngx_pnalloc(r->connection->pool, 2) ? NGX_OK : NGX_ERROR;
}
