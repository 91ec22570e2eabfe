/*
 * ngx_http_pc_gen_module: its sizes come from headers its config
 * generates; its handler allocates from the connection pool
 * (nginx.PoolLifetime).
 */

#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>

#include "ngx_http_pc_gen_autoconf.h"
#include <ngx_http_pc_gen_objs.h>


ngx_int_t
ngx_http_pc_gen_handler(ngx_http_request_t *r)
{
    u_char  *p;

    p = ngx_pnalloc(r->connection->pool,
                    NGX_HTTP_PC_GEN_LEN * NGX_HTTP_PC_GEN_OBJS);
    if (p == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    return NGX_DECLINED;
}
