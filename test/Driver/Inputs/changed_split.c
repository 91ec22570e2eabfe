/* A changed function that no function of the file calls, for --changed-lines
 * on two jobs (changed_split.test): its paths are shared by two runs at the
 * branch on r->header_only, one run for each side (PathSplit.h). The test
 * names lines of this file: keep them where they are. */
#include "ngx-sim.h"

/* scan: branches, so that each side of the handler's branch is worth a
 * run of its own. */
static ngx_int_t scan(ngx_http_request_t *r, u_char *p, size_t n) {
  if (n < 2)
    return NGX_DECLINED;
  if (p[0] == 'a')
    return NGX_OK;
  if (p[1] == 'b')
    return NGX_AGAIN;
  if (p[n - 1] == 'c')
    return NGX_ERROR;
  return r->uri.len > n ? NGX_OK : NGX_DECLINED;
}

ngx_int_t handler(ngx_http_request_t *r) {
  ngx_int_t rc;
  ngx_pool_t *pool = ngx_create_pool(1024, r->connection->log);
  if (pool == NULL)
    return NGX_ERROR;
  u_char *head = ngx_pnalloc(r->connection->pool, 8); /* Both runs. */
  if (head == NULL)
    return NGX_ERROR; /* Leaks pool; never reaches the branch. */
  if (r->header_only) {
    rc = scan(r, head, 8);
    u_char *tag = ngx_pnalloc(r->connection->pool, 16); /* True side. */
    rc = rc == NGX_OK ? scan(r, tag, 16) : rc;
  } else {
    rc = scan(r, head, 8);
    u_char *body = ngx_pnalloc(r->connection->pool, 32); /* False side. */
    rc = rc == NGX_AGAIN ? scan(r, body, 32) : rc;
  }
  ngx_destroy_pool(pool);
  return rc;
}

/* small: a root too small to share. */
ngx_int_t small(ngx_http_request_t *r) {
  return ngx_pnalloc(r->connection->pool, 4) ? NGX_OK : NGX_ERROR;
}
