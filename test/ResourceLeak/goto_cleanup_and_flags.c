// nginx's goto-cleanup style and ownership flags: the path decides. The
// leak is on the path that jumps past the close, or where the flag says
// someone else owns it although nobody does.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.ResourceLeak %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.ResourceLeak %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

ngx_int_t goto_closes(ngx_http_request_t *r, ngx_str_t *path) {
  u_char buf[64];
  ngx_int_t rc = NGX_ERROR;
  ngx_fd_t fd = ngx_open_file(path->data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0);
  if (fd == NGX_INVALID_FILE)
    return NGX_ERROR;
  if (ngx_read_fd(fd, buf, sizeof(buf)) < 0)
    goto failed;
  if (buf[0] != '#')
    goto failed;
  rc = NGX_OK;
failed:
  ngx_close_file(fd);
  return rc; // no-warning
}

ngx_int_t goto_skips_close(ngx_http_request_t *r, ngx_str_t *path) {
  u_char buf[64];
  ngx_int_t rc = NGX_ERROR;
  ngx_fd_t fd = ngx_open_file(path->data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0);
  // notes-note@-1{{Descriptor opened by 'open'}}
  if (fd == NGX_INVALID_FILE) // notes-note{{Taking false branch}}
    return NGX_ERROR;
  if (ngx_read_fd(fd, buf, sizeof(buf)) < 0) // notes-note{{Assuming the condition is true}}
                                             // notes-note@-1{{Taking true branch}}
    goto done; // notes-note{{Control jumps to line 40}}
  rc = NGX_OK;
  ngx_close_file(fd);
done:
  return rc; // expected-warning{{Descriptor 'fd' opened by 'open' is not closed}}
             // notes-note@-1{{Descriptor 'fd' opened by 'open' is not closed, and no pool cleanup is registered for it; close it (ngx_close_file), or register ngx_pool_cleanup_add(r->pool, ...) with ngx_pool_cleanup_file right after opening it}}
}

typedef struct {
  ngx_fd_t fd;
  unsigned owned:1;
} my_file_t;

void my_file_release(my_file_t *f) {
  if (f->owned)
    ngx_close_file(f->fd);
}

ngx_int_t flag_says_owned(ngx_str_t *path) {
  my_file_t f;
  f.fd = ngx_open_file(path->data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0);
  if (f.fd == NGX_INVALID_FILE)
    return NGX_ERROR;
  f.owned = 1;
  my_file_release(&f);
  return NGX_OK; // no-warning
}

ngx_int_t flag_forgotten(ngx_str_t *path) {
  my_file_t f;
  f.fd = ngx_open_file(path->data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0); // notes-note{{Descriptor opened by 'open'}}
  if (f.fd == NGX_INVALID_FILE) // notes-note{{Taking false branch}}
    return NGX_ERROR;
  f.owned = 0;
  my_file_release(&f);
  return NGX_OK; // expected-warning{{Descriptor 'f.fd' opened by 'open' is not closed}}
                 // notes-note@-1{{Descriptor 'f.fd' opened by 'open' is not closed, and no pool cleanup is registered for it; close it (ngx_close_file), or register ngx_pool_cleanup_add(pool, ...) with ngx_pool_cleanup_file right after opening it}}
}
