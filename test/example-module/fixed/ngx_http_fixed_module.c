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
 *
 * The other directives are those of the leaky module, each fixed:
 *
 *   fixed_headers;       the request's headers, rendered in a scratch pool
 *   fixed_trace_id;      a trace id kept in the request's context
 *   fixed_banner;        a banner rebuilt on every request
 *   fixed_digest;        a digest of the URI, computed in a scratch pool
 *   fixed_previous_uri;  the URI of the previous request to the location
 *   fixed_watchdog;      warns when a request runs for longer than 50 ms
 */

#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>


#define NGX_HTTP_FIXED_SCRATCH_POOL_SIZE  1024
#define NGX_HTTP_FIXED_BANNER_LEN         256
#define NGX_HTTP_FIXED_WATCHDOG_MSEC      50
#define NGX_HTTP_FIXED_URI_MAX            256


typedef struct {
    ngx_str_t    greeting_file;

    /* fixed_banner: the banner and the pool it is built in */
    ngx_pool_t  *banner_pool;
    ngx_str_t    banner;
    ngx_uint_t   banner_requests;

    /* fixed_previous_uri: the URI of the last request to the location, in
     * a buffer allocated with the configuration */
    u_char      *previous_uri_buf;
    ngx_str_t    previous_uri;
} ngx_http_fixed_loc_conf_t;


typedef struct {
    ngx_str_t    id;
    ngx_msec_t   started;
    u_char       buf[4 * NGX_INT64_LEN + 4];
} ngx_http_fixed_trace_ctx_t;


typedef struct {
    ngx_http_request_t  *request;
    ngx_event_t          watchdog;
} ngx_http_fixed_watchdog_ctx_t;


static char *ngx_http_fixed(ngx_conf_t *cf, ngx_command_t *cmd, void *conf);
static char *ngx_http_fixed_set_handler(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf);
static char *ngx_http_fixed_banner(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf);
static char *ngx_http_fixed_previous_uri(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf);
static ngx_int_t ngx_http_fixed_headers_handler(ngx_http_request_t *r);
static ngx_int_t ngx_http_fixed_trace_id_handler(ngx_http_request_t *r);
static ngx_int_t ngx_http_fixed_banner_handler(ngx_http_request_t *r);
static ngx_int_t ngx_http_fixed_digest_handler(ngx_http_request_t *r);
static ngx_int_t ngx_http_fixed_previous_uri_handler(ngx_http_request_t *r);
static ngx_int_t ngx_http_fixed_watchdog_handler(ngx_http_request_t *r);
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

    { ngx_string("fixed_headers"),
      NGX_HTTP_LOC_CONF|NGX_CONF_NOARGS,
      ngx_http_fixed_set_handler,
      0,
      0,
      ngx_http_fixed_headers_handler },

    { ngx_string("fixed_trace_id"),
      NGX_HTTP_LOC_CONF|NGX_CONF_NOARGS,
      ngx_http_fixed_set_handler,
      0,
      0,
      ngx_http_fixed_trace_id_handler },

    { ngx_string("fixed_banner"),
      NGX_HTTP_LOC_CONF|NGX_CONF_NOARGS,
      ngx_http_fixed_banner,
      NGX_HTTP_LOC_CONF_OFFSET,
      0,
      ngx_http_fixed_banner_handler },

    { ngx_string("fixed_digest"),
      NGX_HTTP_LOC_CONF|NGX_CONF_NOARGS,
      ngx_http_fixed_set_handler,
      0,
      0,
      ngx_http_fixed_digest_handler },

    { ngx_string("fixed_previous_uri"),
      NGX_HTTP_LOC_CONF|NGX_CONF_NOARGS,
      ngx_http_fixed_previous_uri,
      NGX_HTTP_LOC_CONF_OFFSET,
      0,
      ngx_http_fixed_previous_uri_handler },

    { ngx_string("fixed_watchdog"),
      NGX_HTTP_LOC_CONF|NGX_CONF_NOARGS,
      ngx_http_fixed_set_handler,
      0,
      0,
      ngx_http_fixed_watchdog_handler },

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


/* Checks the method and discards the body, as every handler here does. */

static ngx_int_t
ngx_http_fixed_start(ngx_http_request_t *r)
{
    if (!(r->method & (NGX_HTTP_GET|NGX_HTTP_HEAD))) {
        return NGX_HTTP_NOT_ALLOWED;
    }

    return ngx_http_discard_request_body(r);
}


/* Sends a copy of text, made in r->pool, as a text/plain response. */

static ngx_int_t
ngx_http_fixed_send_text(ngx_http_request_t *r, u_char *text, size_t len)
{
    ngx_int_t     rc;
    ngx_buf_t    *b;
    ngx_chain_t   out;

    b = ngx_create_temp_buf(r->pool, len ? len : 1);
    if (b == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    b->last = ngx_cpymem(b->pos, text, len);
    b->last_buf = (r == r->main) ? 1 : 0;
    b->last_in_chain = 1;

    out.buf = b;
    out.next = NULL;

    r->headers_out.status = NGX_HTTP_OK;
    r->headers_out.content_length_n = len;
    ngx_str_set(&r->headers_out.content_type, "text/plain");

    rc = ngx_http_send_header(r);
    if (rc == NGX_ERROR || rc > NGX_OK || r->header_only) {
        return rc;
    }

    return ngx_http_output_filter(r, &out);
}


/* fixed_headers: answers the request's headers, one "name: value" line
 * each, rendered in a scratch pool of the handler's own. */

static ngx_int_t
ngx_http_fixed_headers_handler(ngx_http_request_t *r)
{
    size_t               len;
    u_char              *text, *p;
    ngx_int_t            rc;
    ngx_uint_t           i;
    ngx_pool_t          *pool;
    ngx_list_part_t     *part;
    ngx_table_elt_t     *h;
    ngx_pool_cleanup_t  *cln;

    rc = ngx_http_fixed_start(r);
    if (rc != NGX_OK) {
        return rc;
    }

    pool = ngx_create_pool(NGX_HTTP_FIXED_SCRATCH_POOL_SIZE,
                           r->connection->log);
    if (pool == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    len = 1;
    part = &r->headers_in.headers.part;
    h = part->elts;

    for (i = 0; /* void */; i++) {

        if (i >= part->nelts) {
            if (part->next == NULL) {
                break;
            }

            part = part->next;
            h = part->elts;
            i = 0;
        }

        len += h[i].key.len + sizeof(": \n") - 1 + h[i].value.len;
    }

    text = ngx_pnalloc(pool, len);
    if (text == NULL) {
        ngx_destroy_pool(pool);
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    p = text;
    part = &r->headers_in.headers.part;
    h = part->elts;

    for (i = 0; /* void */; i++) {

        if (i >= part->nelts) {
            if (part->next == NULL) {
                break;
            }

            part = part->next;
            h = part->elts;
            i = 0;
        }

        p = ngx_sprintf(p, "%V: %V\n", &h[i].key, &h[i].value);
    }

    /* FIXED: the request pool destroys the scratch pool when the request
     * ends. */

    cln = ngx_pool_cleanup_add(r->pool, 0);
    if (cln == NULL) {
        ngx_destroy_pool(pool);
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    cln->handler = (ngx_pool_cleanup_pt) ngx_destroy_pool;
    cln->data = pool;

    return ngx_http_fixed_send_text(r, text, p - text);
}


/* fixed_trace_id: gives the request a trace id, kept in its context, and
 * answers it. */

static ngx_int_t
ngx_http_fixed_trace_id_handler(ngx_http_request_t *r)
{
    ngx_int_t                    rc;
    ngx_http_fixed_trace_ctx_t  *ctx;

    rc = ngx_http_fixed_start(r);
    if (rc != NGX_OK) {
        return rc;
    }

    /* FIXED: the context goes with the request. */
    ctx = ngx_pcalloc(r->pool, sizeof(ngx_http_fixed_trace_ctx_t));
    if (ctx == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    ctx->started = ngx_current_msec;
    ctx->id.data = ctx->buf;
    ctx->id.len = ngx_sprintf(ctx->buf, "%P-%M-%uA-%ui\n", ngx_pid,
                              ctx->started, r->connection->number,
                              r->connection->requests)
                  - ctx->buf;

    ngx_http_set_ctx(r, ctx, ngx_http_fixed_module);

    return ngx_http_fixed_send_text(r, ctx->id.data, ctx->id.len);
}


/* fixed_banner: answers a banner with the time and the number of requests
 * the location served, rebuilt on every request in the location's own
 * pool (created with the configuration). */

static ngx_int_t
ngx_http_fixed_banner_handler(ngx_http_request_t *r)
{
    ngx_int_t                   rc;
    ngx_http_fixed_loc_conf_t  *llcf;

    rc = ngx_http_fixed_start(r);
    if (rc != NGX_OK) {
        return rc;
    }

    llcf = ngx_http_get_module_loc_conf(r, ngx_http_fixed_module);

    /* FIXED: one buffer, allocated on the first request and reused. */
    if (llcf->banner.data == NULL) {
        llcf->banner.data = ngx_pnalloc(llcf->banner_pool,
                                        NGX_HTTP_FIXED_BANNER_LEN);
        if (llcf->banner.data == NULL) {
            return NGX_HTTP_INTERNAL_SERVER_ERROR;
        }
    }

    llcf->banner_requests++;
    llcf->banner.len = ngx_snprintf(llcf->banner.data,
                                    NGX_HTTP_FIXED_BANNER_LEN,
                                    "%V, request %ui of this location\n",
                                    &ngx_cached_http_time,
                                    llcf->banner_requests)
                       - llcf->banner.data;

    return ngx_http_fixed_send_text(r, llcf->banner.data, llcf->banner.len);
}


/* fixed_digest: answers the CRC32 and the length of the request's URI,
 * computed in a scratch pool. */

static ngx_int_t
ngx_http_fixed_digest_handler(ngx_http_request_t *r)
{
    ngx_int_t    rc;
    ngx_str_t   *digest;
    ngx_pool_t  *pool;

    rc = ngx_http_fixed_start(r);
    if (rc != NGX_OK) {
        return rc;
    }

    pool = ngx_create_pool(NGX_HTTP_FIXED_SCRATCH_POOL_SIZE,
                           r->connection->log);
    if (pool == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    digest = ngx_palloc(pool, sizeof(ngx_str_t));
    if (digest == NULL) {
        ngx_destroy_pool(pool);
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    digest->data = ngx_pnalloc(pool, sizeof("01234567 \n") - 1
                                     + NGX_SIZE_T_LEN);
    if (digest->data == NULL) {
        ngx_destroy_pool(pool);
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    digest->len = ngx_sprintf(digest->data, "%08xD %uz\n",
                              ngx_crc32_short(r->uri.data, r->uri.len),
                              r->uri.len)
                  - digest->data;

    /* FIXED: the response copies the digest before the pool goes. */
    rc = ngx_http_fixed_send_text(r, digest->data, digest->len);

    ngx_destroy_pool(pool);

    return rc;
}


/* fixed_previous_uri: answers the URI of the previous request to this
 * location, and this request's. */

static ngx_int_t
ngx_http_fixed_previous_uri_handler(ngx_http_request_t *r)
{
    u_char                     *text, *p;
    ngx_int_t                   rc;
    ngx_str_t                   previous;
    ngx_http_fixed_loc_conf_t  *llcf;

    rc = ngx_http_fixed_start(r);
    if (rc != NGX_OK) {
        return rc;
    }

    llcf = ngx_http_get_module_loc_conf(r, ngx_http_fixed_module);
    previous = llcf->previous_uri;

    text = ngx_pnalloc(r->pool, sizeof("previous: \nthis: \n") - 1
                                + previous.len + r->uri.len);
    if (text == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    p = ngx_cpymem(text, "previous: ", sizeof("previous: ") - 1);
    p = ngx_cpymem(p, previous.data, previous.len);
    p = ngx_cpymem(p, "\nthis: ", sizeof("\nthis: ") - 1);
    p = ngx_cpymem(p, r->uri.data, r->uri.len);
    *p++ = '\n';

    /* FIXED: the URI is copied into the configuration's own buffer, which
     * lives as long as the configuration. */
    llcf->previous_uri.len = ngx_min(r->uri.len, NGX_HTTP_FIXED_URI_MAX);
    llcf->previous_uri.data = llcf->previous_uri_buf;
    ngx_memcpy(llcf->previous_uri_buf, r->uri.data, llcf->previous_uri.len);

    return ngx_http_fixed_send_text(r, text, p - text);
}


static void
ngx_http_fixed_watchdog_expired(ngx_event_t *ev)
{
    ngx_http_fixed_watchdog_ctx_t  *ctx;

    ctx = ev->data;

    ngx_log_error(NGX_LOG_WARN, ev->log, 0,
                  "fixed: request \"%V\" still running after %M ms",
                  &ctx->request->uri,
                  (ngx_msec_t) NGX_HTTP_FIXED_WATCHDOG_MSEC);
}


/* The watchdog goes with the request: its timer is deleted when r->pool
 * is destroyed. */

static void
ngx_http_fixed_watchdog_cleanup(void *data)
{
    ngx_http_fixed_watchdog_ctx_t  *ctx = data;

    if (ctx->watchdog.timer_set) {
        ngx_del_timer(&ctx->watchdog);
    }
}


/* fixed_watchdog: arms a timer that warns when the request is still
 * running after NGX_HTTP_FIXED_WATCHDOG_MSEC, and answers at once. */

static ngx_int_t
ngx_http_fixed_watchdog_handler(ngx_http_request_t *r)
{
    ngx_int_t                       rc;
    ngx_pool_cleanup_t             *cln;
    ngx_http_fixed_watchdog_ctx_t  *ctx;

    rc = ngx_http_fixed_start(r);
    if (rc != NGX_OK) {
        return rc;
    }

    ctx = ngx_pcalloc(r->pool, sizeof(ngx_http_fixed_watchdog_ctx_t));
    if (ctx == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    cln = ngx_pool_cleanup_add(r->pool, 0);
    if (cln == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    cln->handler = ngx_http_fixed_watchdog_cleanup;
    cln->data = ctx;

    ctx->request = r;
    ctx->watchdog.handler = ngx_http_fixed_watchdog_expired;
    ctx->watchdog.data = ctx;
    ctx->watchdog.log = r->connection->log;

    ngx_http_set_ctx(r, ctx, ngx_http_fixed_module);

    /* FIXED: the cleanup above deletes the timer when the request ends. */
    ngx_add_timer(&ctx->watchdog, NGX_HTTP_FIXED_WATCHDOG_MSEC);

    return ngx_http_fixed_send_text(r, (u_char *) "watched\n",
                                    sizeof("watched\n") - 1);
}


static char *
ngx_http_fixed(ngx_conf_t *cf, ngx_command_t *cmd, void *conf)
{
    ngx_http_core_loc_conf_t  *clcf;

    clcf = ngx_http_conf_get_module_loc_conf(cf, ngx_http_core_module);
    clcf->handler = ngx_http_fixed_handler;

    return NGX_CONF_OK;
}


/* The handler of a directive that only sets one: cmd->post. */

static char *
ngx_http_fixed_set_handler(ngx_conf_t *cf, ngx_command_t *cmd, void *conf)
{
    ngx_http_core_loc_conf_t  *clcf;

    clcf = ngx_http_conf_get_module_loc_conf(cf, ngx_http_core_module);
    clcf->handler = (ngx_http_handler_pt) cmd->post;

    return NGX_CONF_OK;
}


static char *
ngx_http_fixed_banner(ngx_conf_t *cf, ngx_command_t *cmd, void *conf)
{
    ngx_http_fixed_loc_conf_t *llcf = conf;

    ngx_pool_cleanup_t  *cln;

    if (llcf->banner_pool) {
        return "is duplicate";
    }

    llcf->banner_pool = ngx_create_pool(NGX_HTTP_FIXED_SCRATCH_POOL_SIZE,
                                        cf->log);
    if (llcf->banner_pool == NULL) {
        return NGX_CONF_ERROR;
    }

    cln = ngx_pool_cleanup_add(cf->pool, 0);
    if (cln == NULL) {
        ngx_destroy_pool(llcf->banner_pool);
        return NGX_CONF_ERROR;
    }

    cln->handler = (ngx_pool_cleanup_pt) ngx_destroy_pool;
    cln->data = llcf->banner_pool;

    return ngx_http_fixed_set_handler(cf, cmd, conf);
}



static char *
ngx_http_fixed_previous_uri(ngx_conf_t *cf, ngx_command_t *cmd, void *conf)
{
    ngx_http_fixed_loc_conf_t *llcf = conf;

    if (llcf->previous_uri_buf) {
        return "is duplicate";
    }

    llcf->previous_uri_buf = ngx_pnalloc(cf->pool, NGX_HTTP_FIXED_URI_MAX);
    if (llcf->previous_uri_buf == NULL) {
        return NGX_CONF_ERROR;
    }

    return ngx_http_fixed_set_handler(cf, cmd, conf);
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
     *     conf->banner_pool = NULL;
     *     conf->banner = { 0, NULL };
     *     conf->banner_requests = 0;
     *     conf->previous_uri_buf = NULL;
     *     conf->previous_uri = { 0, NULL };
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
