/*
 * ngx_http_fixed_module: ../leaky/ngx_http_leaky_module.c with each of its
 * lifetime bugs fixed; ngx-pool-check finds nothing here.
 *
 *   location /fixed {
 *       fixed;
 *       fixed_greeting_file /etc/nginx/greeting.txt;
 *   }
 *
 * answers "<greeting> <client address> (request N on this connection)",
 * the greeting being the start of the file, or "hello".
 */

#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>


typedef struct {
    ngx_str_t  greeting_file;
} ngx_http_fixed_loc_conf_t;


static char *ngx_http_fixed(ngx_conf_t *cf, ngx_command_t *cmd, void *conf);
static ngx_int_t ngx_http_fixed_add_variables(ngx_conf_t *cf);
static void *ngx_http_fixed_create_loc_conf(ngx_conf_t *cf);
static char *ngx_http_fixed_merge_loc_conf(ngx_conf_t *cf, void *parent,
    void *child);


static ngx_command_t  ngx_http_fixed_commands[] = {

    { ngx_string("fixed"),
      NGX_HTTP_LOC_CONF|NGX_CONF_NOARGS,
      ngx_http_fixed,
      0,
      0,
      NULL },

    { ngx_string("fixed_greeting_file"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF|NGX_CONF_TAKE1,
      ngx_conf_set_str_slot,
      NGX_HTTP_LOC_CONF_OFFSET,
      offsetof(ngx_http_fixed_loc_conf_t, greeting_file),
      NULL },

      ngx_null_command
};


static ngx_http_module_t  ngx_http_fixed_module_ctx = {
    ngx_http_fixed_add_variables,          /* preconfiguration */
    NULL,                                  /* postconfiguration */
    NULL,                                  /* create main configuration */
    NULL,                                  /* init main configuration */
    NULL,                                  /* create server configuration */
    NULL,                                  /* merge server configuration */
    ngx_http_fixed_create_loc_conf,        /* create location configuration */
    ngx_http_fixed_merge_loc_conf          /* merge location configuration */
};


ngx_module_t  ngx_http_fixed_module = {
    NGX_MODULE_V1,
    &ngx_http_fixed_module_ctx,            /* module context */
    ngx_http_fixed_commands,               /* module directives */
    NGX_HTTP_MODULE,                       /* module type */
    NULL,                                  /* init master */
    NULL,                                  /* init module */
    NULL,                                  /* init process */
    NULL,                                  /* init thread */
    NULL,                                  /* exit thread */
    NULL,                                  /* exit process */
    NULL,                                  /* exit master */
    NGX_MODULE_V1_PADDING
};


static ngx_str_t  ngx_http_fixed_requests_name =
    ngx_string("fixed_requests");


/* $fixed_requests: the number of requests served on this connection. */

static ngx_int_t
ngx_http_fixed_requests_variable(ngx_http_request_t *r,
    ngx_http_variable_value_t *v, uintptr_t data)
{
    u_char  *p;

    /* FIXED: the value lives as long as the request that evaluates it. */
    p = ngx_pnalloc(r->pool, NGX_ATOMIC_T_LEN);
    if (p == NULL) {
        return NGX_ERROR;
    }

    v->len = ngx_sprintf(p, "%uA", r->connection->requests) - p;
    v->valid = 1;
    v->no_cacheable = 0;
    v->not_found = 0;
    v->data = p;

    return NGX_OK;
}


/* Reads the start of the greeting file into memory from r->pool. */

static ngx_int_t
ngx_http_fixed_read_greeting(ngx_http_request_t *r, ngx_str_t *path,
    ngx_str_t *greeting)
{
    u_char                   *scratch;
    ssize_t                   n;
    ngx_fd_t                  fd;
    ngx_pool_cleanup_t       *cln;
    ngx_pool_cleanup_file_t  *clnf;

    fd = ngx_open_file(path->data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0);
    if (fd == NGX_INVALID_FILE) {
        return NGX_DECLINED;
    }

    /* FIXED: the request pool closes fd when the request ends. */

    cln = ngx_pool_cleanup_add(r->pool, sizeof(ngx_pool_cleanup_file_t));
    if (cln == NULL) {
        ngx_close_file(fd);
        return NGX_ERROR;
    }

    cln->handler = ngx_pool_cleanup_file;
    clnf = cln->data;

    clnf->fd = fd;
    clnf->name = path->data;
    clnf->log = r->connection->log;

    scratch = ngx_pnalloc(r->pool, 256);
    if (scratch == NULL) {
        return NGX_ERROR;
    }

    n = ngx_read_fd(fd, scratch, 256);
    if (n <= 0) {
        /* FIXED: nothing to free; the buffer goes with the request. */
        return NGX_DECLINED;
    }

    greeting->data = scratch;
    greeting->len = n;

    return NGX_OK;
}


static ngx_int_t
ngx_http_fixed_handler(ngx_http_request_t *r)
{
    size_t                      len;
    ngx_int_t                   rc;
    ngx_buf_t                  *b;
    ngx_str_t                   greeting = ngx_string("hello");
    ngx_chain_t                 out;
    ngx_connection_t           *c;
    ngx_http_fixed_loc_conf_t  *llcf;

    if (!(r->method & (NGX_HTTP_GET|NGX_HTTP_HEAD))) {
        return NGX_HTTP_NOT_ALLOWED;
    }

    rc = ngx_http_discard_request_body(r);
    if (rc != NGX_OK) {
        return rc;
    }

    llcf = ngx_http_get_module_loc_conf(r, ngx_http_fixed_module);

    if (llcf->greeting_file.len) {
        rc = ngx_http_fixed_read_greeting(r, &llcf->greeting_file, &greeting);
        if (rc == NGX_ERROR) {
            return NGX_HTTP_INTERNAL_SERVER_ERROR;
        }
    }

    c = r->connection;
    len = greeting.len + sizeof("  (request  on this connection)\n") - 1
          + c->addr_text.len + NGX_ATOMIC_T_LEN;

    /* FIXED: the response body is freed with the request. */
    b = ngx_create_temp_buf(r->pool, len);
    if (b == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    b->last = ngx_sprintf(b->pos, "%V %V (request %uA on this connection)\n",
                          &greeting, &c->addr_text, c->requests);
    b->last_buf = (r == r->main) ? 1 : 0;
    b->last_in_chain = 1;

    out.buf = b;
    out.next = NULL;

    r->headers_out.status = NGX_HTTP_OK;
    r->headers_out.content_length_n = b->last - b->pos;
    ngx_str_set(&r->headers_out.content_type, "text/plain");

    rc = ngx_http_send_header(r);
    if (rc == NGX_ERROR || rc > NGX_OK || r->header_only) {
        return rc;
    }

    return ngx_http_output_filter(r, &out);
}


static char *
ngx_http_fixed(ngx_conf_t *cf, ngx_command_t *cmd, void *conf)
{
    ngx_http_core_loc_conf_t  *clcf;

    clcf = ngx_http_conf_get_module_loc_conf(cf, ngx_http_core_module);
    clcf->handler = ngx_http_fixed_handler;

    return NGX_CONF_OK;
}


static ngx_int_t
ngx_http_fixed_add_variables(ngx_conf_t *cf)
{
    ngx_http_variable_t  *var;

    var = ngx_http_add_variable(cf, &ngx_http_fixed_requests_name,
                                NGX_HTTP_VAR_NOCACHEABLE);
    if (var == NULL) {
        return NGX_ERROR;
    }

    var->get_handler = ngx_http_fixed_requests_variable;

    return NGX_OK;
}


static void *
ngx_http_fixed_create_loc_conf(ngx_conf_t *cf)
{
    ngx_http_fixed_loc_conf_t  *conf;

    conf = ngx_pcalloc(cf->pool, sizeof(ngx_http_fixed_loc_conf_t));
    if (conf == NULL) {
        return NULL;
    }

    /*
     * set by ngx_pcalloc():
     *
     *     conf->greeting_file = { 0, NULL };
     */

    return conf;
}


static char *
ngx_http_fixed_merge_loc_conf(ngx_conf_t *cf, void *parent, void *child)
{
    ngx_http_fixed_loc_conf_t *prev = parent;
    ngx_http_fixed_loc_conf_t *conf = child;

    ngx_conf_merge_str_value(conf->greeting_file, prev->greeting_file, "");

    return NGX_CONF_OK;
}
