// Regression (nginx 1.22.1, ngx_daemon): a daemon points its standard
// streams at /dev/null. When stdin was closed, open() returns 0, 1 or 2:
// the descriptor is then itself a standard stream, and the code closes it
// only when it is above STDERR_FILENO. A path on which it is 0, 1 or 2
// keeps a standard stream open on purpose, and is not a leak. Keeping a
// descriptor that may be 3 or more is.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.ResourceLeak %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.ResourceLeak %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

ngx_int_t redirect_std_streams(void) {
  int fd = open("/dev/null", O_RDWR);
  if (fd == -1)
    return NGX_ERROR;
  if (dup2(fd, 0) == -1 || dup2(fd, 1) == -1) {
    close(fd);
    return NGX_ERROR;
  }
  if (fd > STDERR_FILENO)
    close(fd);
  return NGX_OK; // no-warning: kept only when it is a standard stream
}

ngx_int_t redirect_std_streams_off_by_one(void) {
  int fd = open("/dev/null", O_RDWR); // notes-note{{Descriptor opened by 'open'}}
  if (fd == -1) // notes-note{{Taking false branch}}
    return NGX_ERROR;
  if (dup2(fd, 0) == -1 || dup2(fd, 1) == -1) { // notes-note{{Assuming the condition is false}}
                                                 // notes-note@-1{{Left side of '||' is false}}
                                                 // notes-note@-2{{Assuming the condition is false}}
                                                 // notes-note@-3{{Taking false branch}}
    close(fd);
    return NGX_ERROR;
  }
  if (fd > STDERR_FILENO + 1) // notes-note{{Assuming the condition is false}}
                              // notes-note@-1{{Taking false branch}}
    close(fd);
  return NGX_OK; // expected-warning{{Descriptor 'fd' opened by 'open' is not closed}}
                 // notes-note@-1{{Descriptor 'fd' opened by 'open' is not closed}}
}
