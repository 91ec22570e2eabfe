/*
 * ngx_http_leaky_module: an example module with the lifetime bugs
 * ngx-pool-check finds. Its twin, ../fixed/ngx_http_fixed_module.c, is the
 * same module with each bug fixed. Do not use it in production.
 *
 *   location /leaky {
 *       leaky;
 *       leaky_greeting_file /etc/nginx/greeting.txt;
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
} ngx_http_leaky_loc_conf_t;


static char *ngx_http_leaky(ngx_conf_t *cf, ngx_command_t *cmd, void *conf);
static ngx_int_t ngx_http_leaky_add_variables(ngx_conf_t *cf);
static void *ngx_http_leaky_create_loc_conf(ngx_conf_t *cf);
static char *ngx_http_leaky_merge_loc_conf(ngx_conf_t *cf, void *parent,
    void *child);


static ngx_command_t  ngx_http_leaky_commands[] = {

    { ngx_string("leaky"),
      NGX_HTTP_LOC_CONF|NGX_CONF_NOARGS,
      ngx_http_leaky,
      0,
      0,
      NULL },

    { ngx_string("leaky_greeting_file"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF|NGX_CONF_TAKE1,
      ngx_conf_set_str_slot,
      NGX_HTTP_LOC_CONF_OFFSET,
      offsetof(ngx_http_leaky_loc_conf_t, greeting_file),
      NULL },

      ngx_null_command
};


static ngx_http_module_t  ngx_http_leaky_module_ctx = {
    ngx_http_leaky_add_variables,          /* preconfiguration */
    NULL,                                  /* postconfiguration */
    NULL,                                  /* create main configuration */
    NULL,                                  /* init main configuration */
    NULL,                                  /* create server configuration */
    NULL,                                  /* merge server configuration */
    ngx_http_leaky_create_loc_conf,        /* create location configuration */
    ngx_http_leaky_merge_loc_conf          /* merge location configuration */
};


ngx_module_t  ngx_http_leaky_module = {
    NGX_MODULE_V1,
    &ngx_http_leaky_module_ctx,            /* module context */
    ngx_http_leaky_commands,               /* module directives */
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


static ngx_str_t  ngx_http_leaky_requests_name =
    ngx_string("leaky_requests");


/* $leaky_requests: the number of requests served on this connection. */

static ngx_int_t
ngx_http_leaky_requests_variable(ngx_http_request_t *r,
    ngx_http_variable_value_t *v, uintptr_t data)
{
    u_char  *p;

    /* BUG (nginx.PoolLifetime): evaluated on every request, kept until the
     * client disconnects. */
    p = ngx_pnalloc(r->connection->pool, NGX_ATOMIC_T_LEN);
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
ngx_http_leaky_read_greeting(ngx_http_request_t *r, ngx_str_t *path,
    ngx_str_t *greeting)
{
    u_char    *scratch;
    ssize_t    n;
    ngx_fd_t   fd;

    fd = ngx_open_file(path->data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0);
    if (fd == NGX_INVALID_FILE) {
        return NGX_DECLINED;
    }

    /* BUG (nginx.ResourceLeak): fd is never closed and no pool cleanup is
     * registered for it: one descriptor leaks per request. */

    scratch = ngx_pnalloc(r->pool, 256);
    if (scratch == NULL) {
        return NGX_ERROR;
    }

    n = ngx_read_fd(fd, scratch, 256);
    if (n <= 0) {
        /* BUG (nginx.Pfree): 256 bytes is a small allocation for r->pool:
         * ngx_pfree() declines and the memory stays until the request
         * ends. */
        ngx_pfree(r->pool, scratch);
        return NGX_DECLINED;
    }

    greeting->data = scratch;
    greeting->len = n;

    return NGX_OK;
}


static ngx_int_t
ngx_http_leaky_handler(ngx_http_request_t *r)
{
    size_t                      len;
    ngx_int_t                   rc;
    ngx_buf_t                  *b;
    ngx_str_t                   greeting = ngx_string("hello");
    ngx_chain_t                 out;
    ngx_connection_t           *c;
    ngx_http_leaky_loc_conf_t  *llcf;

    if (!(r->method & (NGX_HTTP_GET|NGX_HTTP_HEAD))) {
        return NGX_HTTP_NOT_ALLOWED;
    }

    rc = ngx_http_discard_request_body(r);
    if (rc != NGX_OK) {
        return rc;
    }

    llcf = ngx_http_get_module_loc_conf(r, ngx_http_leaky_module);

    if (llcf->greeting_file.len) {
        rc = ngx_http_leaky_read_greeting(r, &llcf->greeting_file, &greeting);
        if (rc == NGX_ERROR) {
            return NGX_HTTP_INTERNAL_SERVER_ERROR;
        }
    }

    c = r->connection;
    len = greeting.len + sizeof("  (request  on this connection)\n") - 1
          + c->addr_text.len + NGX_ATOMIC_T_LEN;

    /* BUG (nginx.PoolLifetime): the response body lives in the connection's
     * pool, so every keepalive request adds another one to it. */
    b = ngx_create_temp_buf(c->pool, len);
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
ngx_http_leaky(ngx_conf_t *cf, ngx_command_t *cmd, void *conf)
{
    ngx_http_core_loc_conf_t  *clcf;

    clcf = ngx_http_conf_get_module_loc_conf(cf, ngx_http_core_module);
    clcf->handler = ngx_http_leaky_handler;

    return NGX_CONF_OK;
}


static ngx_int_t
ngx_http_leaky_add_variables(ngx_conf_t *cf)
{
    ngx_http_variable_t  *var;

    var = ngx_http_add_variable(cf, &ngx_http_leaky_requests_name,
                                NGX_HTTP_VAR_NOCACHEABLE);
    if (var == NULL) {
        return NGX_ERROR;
    }

    var->get_handler = ngx_http_leaky_requests_variable;

    return NGX_OK;
}


static void *
ngx_http_leaky_create_loc_conf(ngx_conf_t *cf)
{
    ngx_http_leaky_loc_conf_t  *conf;

    conf = ngx_pcalloc(cf->pool, sizeof(ngx_http_leaky_loc_conf_t));
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
ngx_http_leaky_merge_loc_conf(ngx_conf_t *cf, void *parent, void *child)
{
    ngx_http_leaky_loc_conf_t *prev = parent;
    ngx_http_leaky_loc_conf_t *conf = child;

    ngx_conf_merge_str_value(conf->greeting_file, prev->greeting_file, "");

    return NGX_CONF_OK;
}
