// Directory streams (opendir, nginx's ngx_open_dir/ngx_close_dir) and
// stdio streams are released by their own calls. Each leak has a twin.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.ResourceLeak %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.ResourceLeak %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

ngx_int_t list_dir_leaks(ngx_http_request_t *r, ngx_str_t *path) {
  ngx_dir_t dir;
  if (ngx_open_dir(path, &dir) != NGX_OK) // notes-note{{Directory stream opened by 'ngx_open_dir'}}
                                          // notes-note@-1{{Taking false branch}}
    return NGX_HTTP_NOT_FOUND;
  if (ngx_read_dir(&dir) != NGX_OK) // notes-note{{Assuming the condition is true}}
                                    // notes-note@-1{{Taking true branch}}
    return NGX_ERROR; // expected-warning{{Directory stream 'dir.dir' opened by 'ngx_open_dir' is not closed, and no pool cleanup is registered for it; close it (ngx_close_dir or closedir), or register ngx_pool_cleanup_add(r->pool, ...) with a handler that does}}
                      // notes-note@-1{{Directory stream 'dir.dir' opened by 'ngx_open_dir' is not closed, and no pool cleanup is registered for it; close it (ngx_close_dir or closedir), or register ngx_pool_cleanup_add(r->pool, ...) with a handler that does}}
  ngx_close_dir(&dir);
  return NGX_OK;
}

ngx_int_t list_dir_closes(ngx_http_request_t *r, ngx_str_t *path) {
  ngx_dir_t dir;
  if (ngx_open_dir(path, &dir) != NGX_OK)
    return NGX_HTTP_NOT_FOUND;
  if (ngx_read_dir(&dir) != NGX_OK) {
    ngx_close_dir(&dir);
    return NGX_ERROR; // no-warning
  }
  ngx_close_dir(&dir);
  return NGX_OK;
}

int opendir_leaks(const char *name) {
  DIR *d = opendir(name); // notes-note{{Directory stream opened by 'opendir'}}
  if (d == NULL) // notes-note{{'d' is not equal to NULL}}
                 // notes-note@-1{{Taking false branch}}
    return -1;
  return readdir(d) != NULL; // expected-warning{{Directory stream 'd' opened by 'opendir' is not closed}}
                             // notes-note@-1{{Assuming the condition is false}}
                             // notes-note@-2{{Directory stream 'd' opened by 'opendir' is not closed, and no pool cleanup is registered for it; close it (ngx_close_dir or closedir), or register ngx_pool_cleanup_add(pool, ...) with a handler that does}}
}

int opendir_closed(const char *name) {
  DIR *d = opendir(name);
  if (d == NULL)
    return -1;
  int any = readdir(d) != NULL;
  closedir(d);
  return any; // no-warning
}

void fopen_leaks(void) {
  FILE *f = fopen("/etc/my.conf", "r"); // notes-note{{FILE stream opened by 'fopen'}}
  if (f == NULL) // notes-note{{'f' is not equal to NULL}}
                 // notes-note@-1{{Taking false branch}}
    return;
} // expected-warning{{FILE stream 'f' opened by 'fopen' is not closed}}
  // notes-note@-1{{FILE stream 'f' opened by 'fopen' is not closed, and no pool cleanup is registered for it; close it (fclose), or register ngx_pool_cleanup_add(pool, ...) with a handler that does}}

void fopen_closed(void) {
  FILE *f = fopen("/etc/my.conf", "r");
  if (f == NULL)
    return;
  fclose(f); // no-warning
}
