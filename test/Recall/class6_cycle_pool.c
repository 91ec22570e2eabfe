// Recall set, class 6 (/work/shared/notes/real-fixed-bugs.md): request-time
// code that allocates from the cycle pool, which lives until nginx reloads.
// The fixed twin allocates from 'r->pool'. Rows not caught are listed in
// checkers/CyclePool.md, with the reason.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.CyclePool %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.CyclePool %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

typedef struct {
  ngx_str_t root;
} my_loc_conf_t;

ngx_module_t my_module;

/* N10: mapping the URI to a path with a relative root (one with variables)
 * makes it absolute with ngx_conf_full_name(ngx_cycle, ...), which
 * allocates the full name from the cycle pool, on every request. */

ngx_int_t my_map_uri_to_path(ngx_http_request_t *r, ngx_str_t *path) { // notes-note{{'my_map_uri_to_path' runs for every request: it receives 'r'}}
  my_loc_conf_t *lcf;

  lcf = ngx_http_get_module_loc_conf(r, my_module);

  path->len = lcf->root.len + r->uri.len;
  path->data = ngx_pnalloc(r->pool, path->len + 1);
  if (path->data == NULL) // notes-note{{Assuming field 'data' is not equal to NULL}}
                          // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  ngx_memcpy(path->data, lcf->root.data, lcf->root.len);
  ngx_memcpy(path->data + lcf->root.len, r->uri.data, r->uri.len);

  if (ngx_conf_full_name((ngx_cycle_t *) ngx_cycle, path, 0) != NGX_OK) // expected-warning{{'ngx_conf_full_name' allocates from 'ngx_cycle->pool', the cycle pool, which lives until nginx reloads, in code that runs for every request: the worker grows with each one until the next reload; allocate from 'r->pool'}}
                                                                        // notes-note@-1{{'ngx_conf_full_name' allocates from 'ngx_cycle->pool', the cycle pool, which lives until nginx reloads, in code that runs for every request: the worker grows with each one until the next reload; allocate from 'r->pool'}}
    return NGX_ERROR;

  return NGX_OK;
}

/* N10 fixed: ngx_get_full_name() takes the pool: the request's. */

extern ngx_str_t my_prefix;

ngx_int_t my_map_uri_to_path_fixed(ngx_http_request_t *r, ngx_str_t *path) {
  my_loc_conf_t *lcf;

  lcf = ngx_http_get_module_loc_conf(r, my_module);

  path->len = lcf->root.len + r->uri.len;
  path->data = ngx_pnalloc(r->pool, path->len + 1);
  if (path->data == NULL)
    return NGX_ERROR;
  ngx_memcpy(path->data, lcf->root.data, lcf->root.len);
  ngx_memcpy(path->data + lcf->root.len, r->uri.data, r->uri.len);

  if (ngx_get_full_name(r->pool, &my_prefix, path) != NGX_OK) // no-warning
    return NGX_ERROR;

  return NGX_OK;
}
