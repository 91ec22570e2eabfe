// Reading, writing or inspecting a descriptor after closing it. The twins
// use it first.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.ResourceLeak %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.ResourceLeak %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

ssize_t read_after_close(ngx_str_t *name, u_char *buf, size_t n) {
  ngx_fd_t fd = ngx_open_file(name->data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0);
  // notes-note@-1{{Descriptor opened by 'open'}}
  if (fd == NGX_INVALID_FILE) // notes-note{{Taking false branch}}
    return -1;
  ngx_close_file(fd); // notes-note{{Descriptor closed here}}
  return ngx_read_fd(fd, buf, n); // expected-warning{{Descriptor 'fd' is used by 'read' after it was closed}}
                                  // notes-note@-1{{Descriptor 'fd' is used by 'read' after it was closed}}
}

ssize_t read_before_close(ngx_str_t *name, u_char *buf, size_t n) {
  ngx_fd_t fd = ngx_open_file(name->data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0);
  if (fd == NGX_INVALID_FILE)
    return -1;
  ssize_t got = ngx_read_fd(fd, buf, n); // no-warning
  ngx_close_file(fd);
  return got;
}

ssize_t write_after_close(ngx_str_t *name, u_char *buf, size_t n) {
  ngx_fd_t fd = ngx_open_file(name->data, NGX_FILE_WRONLY, NGX_FILE_TRUNCATE, 0600);
  // notes-note@-1{{Descriptor opened by 'open'}}
  if (fd == NGX_INVALID_FILE) // notes-note{{Taking false branch}}
    return -1;
  ngx_close_file(fd); // notes-note{{Descriptor closed here}}
  return ngx_write_fd(fd, buf, n); // expected-warning{{Descriptor 'fd' is used by 'ngx_write_fd' after it was closed}}
                                   // notes-note@-1{{Descriptor 'fd' is used by 'ngx_write_fd' after it was closed}}
}

ssize_t write_before_close(ngx_str_t *name, u_char *buf, size_t n) {
  ngx_fd_t fd = ngx_open_file(name->data, NGX_FILE_WRONLY, NGX_FILE_TRUNCATE, 0600);
  if (fd == NGX_INVALID_FILE)
    return -1;
  ssize_t put = ngx_write_fd(fd, buf, n); // no-warning
  ngx_close_file(fd);
  return put;
}

int stat_after_close(int fd0, struct stat *st) {
  int fd = dup(fd0); // notes-note{{Descriptor opened by 'dup'}}
  if (fd < 0) // notes-note{{'fd' is >= 0}}
              // notes-note@-1{{Taking false branch}}
    return -1;
  close(fd); // notes-note{{Descriptor closed here}}
  return ngx_fd_info(fd, st); // expected-warning{{Descriptor 'fd' is used by 'fstat' after it was closed}}
                              // notes-note@-1{{Descriptor 'fd' is used by 'fstat' after it was closed}}
}

int stat_before_close(int fd0, struct stat *st) {
  int fd = dup(fd0);
  if (fd < 0)
    return -1;
  int rc = ngx_fd_info(fd, st); // no-warning
  close(fd);
  return rc;
}

void send_after_close(void) {
  int s = socket(AF_INET, SOCK_STREAM, 0); // notes-note{{Socket opened by 'socket'}}
  if (s < 0) // notes-note{{'s' is >= 0}}
             // notes-note@-1{{Taking false branch}}
    return;
  close(s); // notes-note{{Socket closed here}}
  send(s, "x", 1, 0); // expected-warning{{Socket 's' is used by 'send' after it was closed}}
                      // notes-note@-1{{Socket 's' is used by 'send' after it was closed}}
}
