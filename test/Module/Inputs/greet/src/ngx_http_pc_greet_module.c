/*
 * ngx_http_pc_greet_module: `greet;` in a location answers "hello".
 *
 * The bug: the greeting is copied into memory from the connection pool,
 * which lives until the client disconnects (nginx.PoolLifetime).
 */

#include <ngx_http_pc_greet.h>


static char *ngx_http_pc_greet(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf);


static ngx_command_t  ngx_http_pc_greet_commands[] = {

    { ngx_string("greet"),
      NGX_HTTP_LOC_CONF|NGX_CONF_NOARGS,
      ngx_http_pc_greet,
      0,
      0,
      NULL },

      ngx_null_command
};


static ngx_http_module_t  ngx_http_pc_greet_module_ctx = {
    NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
};


ngx_module_t  ngx_http_pc_greet_module = {
    NGX_MODULE_V1,
    &ngx_http_pc_greet_module_ctx,
    ngx_http_pc_greet_commands,
    NGX_HTTP_MODULE,
    NULL, NULL, NULL, NULL, NULL, NULL, NULL,
    NGX_MODULE_V1_PADDING
};


ngx_int_t
ngx_http_pc_greet_body(ngx_http_request_t *r, ngx_chain_t *out)
{
    ngx_buf_t  *b;

    b = ngx_create_temp_buf(r->connection->pool, NGX_HTTP_PC_GREET_LEN);
    if (b == NULL) {
        return NGX_ERROR;
    }

    b->last = ngx_cpymem(b->last, NGX_HTTP_PC_GREETING, NGX_HTTP_PC_GREET_LEN);
    b->last_buf = 1;

    out->buf = b;
    out->next = NULL;

    return NGX_OK;
}


static ngx_int_t
ngx_http_pc_greet_handler(ngx_http_request_t *r)
{
    ngx_int_t    rc;
    ngx_chain_t  out;

    if (ngx_http_pc_greet_body(r, &out) != NGX_OK) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    r->headers_out.status = NGX_HTTP_OK;
    r->headers_out.content_length_n = NGX_HTTP_PC_GREET_LEN;

    rc = ngx_http_send_header(r);
    if (rc == NGX_ERROR || rc > NGX_OK || r->header_only) {
        return rc;
    }

    return ngx_http_output_filter(r, &out);
}


static char *
ngx_http_pc_greet(ngx_conf_t *cf, ngx_command_t *cmd, void *conf)
{
    ngx_http_core_loc_conf_t  *clcf;

    clcf = ngx_http_conf_get_module_loc_conf(cf, ngx_http_core_module);
    clcf->handler = ngx_http_pc_greet_handler;

    return NGX_CONF_OK;
}
