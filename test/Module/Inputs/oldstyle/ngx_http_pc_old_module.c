/*
 * ngx_http_pc_old_module, configured the old way: a handler that tags the
 * request in memory from the connection pool (nginx.PoolLifetime).
 */

#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>
#include <ngx_http_pc_old.h>


ngx_module_t  ngx_http_pc_old_module;


ngx_int_t
ngx_http_pc_old_handler(ngx_http_request_t *r)
{
    u_char  *tag;

    tag = ngx_pnalloc(r->connection->pool, NGX_HTTP_PC_OLD_TAG_LEN);
    if (tag == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    ngx_sprintf(tag, "%ui", r->connection->requests);

    return NGX_DECLINED;
}
