// Closing twice: by then the number may be another request's descriptor.
// The twins close once on every path.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.ResourceLeak %ngx_sim -analyzer-output=text -verify %s

#include "ngx-sim.h"

ngx_int_t closes_twice_on_error(ngx_http_request_t *r) {
  u_char buf[16];
  ngx_fd_t fd = ngx_open_file(r->uri.data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0); // expected-note{{Descriptor opened by 'open'}}
  if (fd == NGX_INVALID_FILE) // expected-note{{Taking false branch}}
    return NGX_ERROR;
  if (ngx_read_fd(fd, buf, sizeof(buf)) < 0) { // expected-note{{Assuming the condition is true}}
                                               // expected-note@-1{{Taking true branch}}
    ngx_close_file(fd); // expected-note{{Descriptor closed here}}
    goto failed; // expected-note{{Control jumps to line 22}}
  }
  ngx_close_file(fd);
  return NGX_OK;

failed:
  ngx_close_file(fd); // expected-warning{{Descriptor 'fd' is closed a second time by 'close'; by then its number or handle may belong to something else}}
                      // expected-note@-1{{Descriptor 'fd' is closed a second time by 'close'}}
  return NGX_ERROR;
}

ngx_int_t closes_once(ngx_http_request_t *r) {
  u_char buf[16];
  ngx_fd_t fd = ngx_open_file(r->uri.data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0);
  if (fd == NGX_INVALID_FILE)
    return NGX_ERROR;
  if (ngx_read_fd(fd, buf, sizeof(buf)) < 0)
    goto failed;
  ngx_close_file(fd);
  return NGX_OK;

failed:
  ngx_close_file(fd); // no-warning
  return NGX_ERROR;
}

void socket_closed_twice(void) {
  ngx_socket_t s = ngx_socket(AF_INET, SOCK_STREAM, 0); // expected-note{{Socket opened by 'socket'}}
  if (s == -1) // expected-note{{Taking false branch}}
    return;
  ngx_close_socket(s); // expected-note{{Socket closed here}}
  ngx_close_socket(s); // expected-warning{{Socket 's' is closed a second time}}
                       // expected-note@-1{{Socket 's' is closed a second time}}
}
