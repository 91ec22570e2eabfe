// Regression (nginx 1.22 ngx_epoll_test_rdhup): after a successful
// socketpair() or pipe(), both ends are valid descriptors, so a test such as
// `s[1] != -1` before closing cannot skip the close. The twin never closes
// that end.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.ResourceLeak %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.ResourceLeak %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

void closes_ends_it_still_has(int fail) {
  int s[2];
  if (socketpair(AF_INET, SOCK_STREAM, 0, s) == -1)
    return;
  if (fail)
    goto failed;
  if (close(s[1]) == -1) {
    s[1] = -1;
    goto failed;
  }
  s[1] = -1;
failed:
  if (s[1] != -1 && close(s[1]) == -1) {
    // logged
  }
  close(s[0]); // no-warning
}

void forgets_an_end(int fail) {
  int s[2];
  if (socketpair(AF_INET, SOCK_STREAM, 0, s) == -1) // notes-note{{Socket opened by 'socketpair'}}
                                                    // notes-note@-1{{Taking false branch}}
    return;
  if (fail) // notes-note{{Assuming 'fail' is 0}}
            // notes-note@-1{{Taking false branch}}
    goto failed;
  s[1] = -1;
failed:
  if (s[1] != -1 && close(s[1]) == -1) { // notes-note{{Left side of '&&' is false}}
    // logged
  }
  close(s[0]); // expected-warning{{Socket opened by 'socketpair' is not closed}}
               // notes-note@-1{{Socket opened by 'socketpair' is not closed, and no pool cleanup is registered for it; close it (ngx_close_socket), hand it to an owner such as ngx_get_connection(), or register ngx_pool_cleanup_add(pool, ...) with a handler that closes it}}
}

void pipe_ends_are_valid(void) {
  int p[2];
  if (pipe(p) != 0)
    return;
  if (p[0] >= 0)
    close(p[0]);
  if (p[1] >= 0)
    close(p[1]); // no-warning
}
