// nginx.CyclePool and nginx.RequestEscape against nginx 1.22's own headers:
// the real ngx_http_get_module_loc_conf / ngx_http_get_module_ctx macros,
// ngx_cycle, ngx_conf_full_name. Each positive case has its fixed twin.
//
// REQUIRES: nginx-headers
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.CyclePool,nginx.RequestEscape %ngx_real -verify %s
// Under a distribution build's flags (dpkg-buildflags: -O2 -D_FORTIFY_SOURCE=2 ...):
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.CyclePool,nginx.RequestEscape %ngx_real %ngx_hardened -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.CyclePool,nginx.RequestEscape %ngx_real \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>

typedef struct {
  ngx_str_t last_uri;
  u_char *last_uri_buf;
} real_loc_conf_t;

extern ngx_module_t real_module;

ngx_int_t real_root_per_request(ngx_http_request_t *r, ngx_str_t *path) { // notes-note{{'real_root_per_request' runs for every request: it receives 'r'}}
  return ngx_conf_full_name((ngx_cycle_t *)ngx_cycle, path, 0); // expected-warning{{'ngx_conf_full_name' allocates from 'ngx_cycle->pool', the cycle pool, which lives until nginx reloads, in code that runs for every request}} notes-note{{'ngx_conf_full_name' allocates from 'ngx_cycle->pool', the cycle pool, which lives until nginx reloads, in code that runs for every request}}
}

ngx_int_t real_root_from_request_pool(ngx_http_request_t *r, ngx_str_t *path,
                                      ngx_str_t *prefix) {
  return ngx_get_full_name(r->pool, prefix, path);
}

ngx_int_t real_uri_kept_in_loc_conf(ngx_http_request_t *r) {
  real_loc_conf_t *rlcf = ngx_http_get_module_loc_conf(r, real_module); // notes-note{{'rlcf' is the module's location configuration, which lives until nginx reloads}}
  rlcf->last_uri.data = ngx_pstrdup(r->pool, &r->uri); // expected-warning{{'rlcf->last_uri.data' keeps memory from the pool of request 'r' after the request ends}} notes-note{{Memory allocated by 'ngx_pstrdup' from the pool of request 'r': freed when the request ends}} notes-note{{'rlcf->last_uri.data' keeps memory from the pool of request 'r' after the request ends}}
  return rlcf->last_uri.data ? NGX_OK : NGX_ERROR;
}

ngx_int_t real_uri_copied_into_conf_buffer(ngx_http_request_t *r) {
  real_loc_conf_t *rlcf = ngx_http_get_module_loc_conf(r, real_module);
  rlcf->last_uri.len = ngx_min(r->uri.len, 64);
  ngx_memcpy(rlcf->last_uri_buf, r->uri.data, rlcf->last_uri.len);
  rlcf->last_uri.data = rlcf->last_uri_buf;
  return NGX_OK;
}
