/*
 * ngx_http_pc_greet_filter_module: a header filter that marks greetings
 * with an X-Greeted header, allocated from the request pool: nothing to
 * report. The second module of the directory's config.
 */

#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>


static ngx_int_t ngx_http_pc_greet_filter_init(ngx_conf_t *cf);


static ngx_http_module_t  ngx_http_pc_greet_filter_module_ctx = {
    NULL, ngx_http_pc_greet_filter_init, NULL, NULL, NULL, NULL, NULL, NULL
};


ngx_module_t  ngx_http_pc_greet_filter_module = {
    NGX_MODULE_V1,
    &ngx_http_pc_greet_filter_module_ctx,
    NULL,
    NGX_HTTP_MODULE,
    NULL, NULL, NULL, NULL, NULL, NULL, NULL,
    NGX_MODULE_V1_PADDING
};


static ngx_http_output_header_filter_pt  ngx_http_next_header_filter;


static ngx_int_t
ngx_http_pc_greet_header_filter(ngx_http_request_t *r)
{
    ngx_table_elt_t  *h;

    h = ngx_list_push(&r->headers_out.headers);
    if (h == NULL) {
        return NGX_ERROR;
    }

    h->hash = 1;
    ngx_str_set(&h->key, "X-Greeted");
    h->value.data = ngx_pnalloc(r->pool, sizeof("yes") - 1);
    if (h->value.data == NULL) {
        return NGX_ERROR;
    }
    h->value.len = ngx_cpymem(h->value.data, "yes", sizeof("yes") - 1)
                   - h->value.data;

    return ngx_http_next_header_filter(r);
}


static ngx_int_t
ngx_http_pc_greet_filter_init(ngx_conf_t *cf)
{
    ngx_http_next_header_filter = ngx_http_top_header_filter;
    ngx_http_top_header_filter = ngx_http_pc_greet_header_filter;

    return NGX_OK;
}
