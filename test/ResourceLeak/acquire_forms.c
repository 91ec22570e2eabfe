// Every way of acquiring a descriptor the checker knows, each leaked; each
// twin releases it. Failure values (-1) acquire nothing.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.ResourceLeak %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.ResourceLeak %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

void open_leaks(void) {
  int fd = open("/a", O_RDONLY); // notes-note{{Descriptor opened by 'open'}}
  if (fd < 0) // notes-note{{'fd' is >= 0}}
              // notes-note@-1{{Taking false branch}}
    return;
} // expected-warning{{Descriptor 'fd' opened by 'open' is not closed}}
  // notes-note@-1{{Descriptor 'fd' opened by 'open' is not closed, and no pool cleanup is registered for it; close it (ngx_close_file), or register ngx_pool_cleanup_add(pool, ...) with ngx_pool_cleanup_file right after opening it}}

void open_closed(void) {
  int fd = open("/a", O_RDONLY);
  if (fd < 0)
    return;
  close(fd);
}

void openat_leaks(int dirfd) {
  int fd = openat(dirfd, "a", O_RDONLY); // notes-note{{Descriptor opened by 'openat'}}
  if (fd == -1) // notes-note{{Taking false branch}}
    return;
} // expected-warning{{Descriptor 'fd' opened by 'openat' is not closed}}
  // notes-note@-1{{Descriptor 'fd' opened by 'openat' is not closed, and no pool cleanup is registered for it; close it (ngx_close_file), or register ngx_pool_cleanup_add(pool, ...) with ngx_pool_cleanup_file right after opening it}}

void openat_closed(int dirfd) {
  int fd = openat(dirfd, "a", O_RDONLY);
  if (fd == -1)
    return;
  close(fd);
}

void creat_leaks(void) {
  int fd = creat("/a", 0600); // notes-note{{Descriptor opened by 'creat'}}
  (void) fd;
} // expected-warning{{Descriptor 'fd' opened by 'creat' is not closed}}
  // notes-note@-1{{Descriptor 'fd' opened by 'creat' is not closed, and no pool cleanup is registered for it; close it (ngx_close_file), or register ngx_pool_cleanup_add(pool, ...) with ngx_pool_cleanup_file right after opening it}}

void creat_closed(void) {
  int fd = creat("/a", 0600);
  if (fd >= 0)
    close(fd);
}

void tempfile_leaks(u_char *name) {
  ngx_fd_t fd = ngx_open_tempfile(name, 1, 0600); // notes-note{{Descriptor opened by 'ngx_open_tempfile'}}
  if (fd == NGX_INVALID_FILE) // notes-note{{Taking false branch}}
    return;
} // expected-warning{{Descriptor 'fd' opened by 'ngx_open_tempfile' is not closed}}
  // notes-note@-1{{Descriptor 'fd' opened by 'ngx_open_tempfile' is not closed, and no pool cleanup is registered for it; close it (ngx_close_file), or register ngx_pool_cleanup_add(pool, ...) with ngx_pool_cleanup_file right after opening it}}

void tempfile_closed(u_char *name) {
  ngx_fd_t fd = ngx_open_tempfile(name, 1, 0600);
  if (fd == NGX_INVALID_FILE)
    return;
  ngx_close_file(fd);
}

void dup_leaks(int fd) {
  int copy = dup(fd); // notes-note{{Descriptor opened by 'dup'}}
  if (copy < 0) // notes-note{{'copy' is >= 0}}
                // notes-note@-1{{Taking false branch}}
    return;
} // expected-warning{{Descriptor 'copy' opened by 'dup' is not closed}}
  // notes-note@-1{{Descriptor 'copy' opened by 'dup' is not closed, and no pool cleanup is registered for it; close it (ngx_close_file), or register ngx_pool_cleanup_add(pool, ...) with ngx_pool_cleanup_file right after opening it}}

void dup_closed(int fd) {
  int copy = dup(fd);
  if (copy < 0)
    return;
  close(copy);
}

void fcntl_dupfd_leaks(int fd) {
  int copy = fcntl(fd, F_DUPFD, 10); // notes-note{{Descriptor opened by 'fcntl'}}
  if (copy < 0) // notes-note{{'copy' is >= 0}}
                // notes-note@-1{{Taking false branch}}
    return;
} // expected-warning{{Descriptor 'copy' opened by 'fcntl' is not closed}}
  // notes-note@-1{{Descriptor 'copy' opened by 'fcntl' is not closed, and no pool cleanup is registered for it; close it (ngx_close_file), or register ngx_pool_cleanup_add(pool, ...) with ngx_pool_cleanup_file right after opening it}}

void fcntl_dupfd_cloexec_leaks(int fd) {
  int copy = fcntl(fd, F_DUPFD_CLOEXEC, 10); // notes-note{{Descriptor opened by 'fcntl'}}
  if (copy < 0) // notes-note{{'copy' is >= 0}}
                // notes-note@-1{{Taking false branch}}
    return;
} // expected-warning{{Descriptor 'copy' opened by 'fcntl' is not closed}}
  // notes-note@-1{{Descriptor 'copy' opened by 'fcntl' is not closed, and no pool cleanup is registered for it; close it (ngx_close_file), or register ngx_pool_cleanup_add(pool, ...) with ngx_pool_cleanup_file right after opening it}}

void fcntl_getfl_acquires_nothing(int fd) {
  int flags = fcntl(fd, F_GETFL);
  (void) flags;
} // no-warning

void pipe_leaks_one_end(void) {
  int p[2];
  if (pipe(p) != 0) // notes-note{{Descriptor opened by 'pipe'}}
                    // notes-note@-1{{Taking false branch}}
    return;
  close(p[0]); // expected-warning{{Descriptor opened by 'pipe' is not closed}}
               // notes-note@-1{{Descriptor opened by 'pipe' is not closed, and no pool cleanup is registered for it; close it (ngx_close_file), or register ngx_pool_cleanup_add(pool, ...) with ngx_pool_cleanup_file right after opening it}}
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
