// Every way of acquiring a descriptor the checker knows, each leaked; each
// twin releases it. Failure values (-1) acquire nothing.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.ResourceLeak %ngx_sim -verify %s

#include "ngx-sim.h"

void open_leaks(void) {
  int fd = open("/a", O_RDONLY);
  if (fd < 0)
    return;
} // expected-warning{{Descriptor 'fd' opened by 'open' is not closed}}

void open_closed(void) {
  int fd = open("/a", O_RDONLY);
  if (fd < 0)
    return;
  close(fd);
}

void openat_leaks(int dirfd) {
  int fd = openat(dirfd, "a", O_RDONLY);
  if (fd == -1)
    return;
} // expected-warning{{Descriptor 'fd' opened by 'openat' is not closed}}

void openat_closed(int dirfd) {
  int fd = openat(dirfd, "a", O_RDONLY);
  if (fd == -1)
    return;
  close(fd);
}

void creat_leaks(void) {
  int fd = creat("/a", 0600);
  (void) fd;
} // expected-warning{{Descriptor 'fd' opened by 'creat' is not closed}}

void creat_closed(void) {
  int fd = creat("/a", 0600);
  if (fd >= 0)
    close(fd);
}

void tempfile_leaks(u_char *name) {
  ngx_fd_t fd = ngx_open_tempfile(name, 1, 0600);
  if (fd == NGX_INVALID_FILE)
    return;
} // expected-warning{{Descriptor 'fd' opened by 'ngx_open_tempfile' is not closed}}

void tempfile_closed(u_char *name) {
  ngx_fd_t fd = ngx_open_tempfile(name, 1, 0600);
  if (fd == NGX_INVALID_FILE)
    return;
  ngx_close_file(fd);
}

void dup_leaks(int fd) {
  int copy = dup(fd);
  if (copy < 0)
    return;
} // expected-warning{{Descriptor 'copy' opened by 'dup' is not closed}}

void dup_closed(int fd) {
  int copy = dup(fd);
  if (copy < 0)
    return;
  close(copy);
}

void fcntl_dupfd_leaks(int fd) {
  int copy = fcntl(fd, F_DUPFD, 10);
  if (copy < 0)
    return;
} // expected-warning{{Descriptor 'copy' opened by 'fcntl' is not closed}}

void fcntl_dupfd_cloexec_leaks(int fd) {
  int copy = fcntl(fd, F_DUPFD_CLOEXEC, 10);
  if (copy < 0)
    return;
} // expected-warning{{Descriptor 'copy' opened by 'fcntl' is not closed}}

void fcntl_getfl_acquires_nothing(int fd) {
  int flags = fcntl(fd, F_GETFL);
  (void) flags;
} // no-warning

void pipe_leaks_one_end(void) {
  int p[2];
  if (pipe(p) != 0)
    return;
  close(p[0]); // expected-warning{{Descriptor opened by 'pipe' is not closed}}
}

void pipe_closes_both(void) {
  int p[2];
  if (pipe(p) != 0)
    return;
  close(p[0]);
  close(p[1]);
}

void pipe_failure_acquires_nothing(void) {
  int p[2];
  if (pipe(p) == -1)
    return; // no-warning
  close(p[0]);
  close(p[1]);
}
