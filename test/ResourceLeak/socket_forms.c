// Sockets: socket(), accept(), accept4(), socketpair() and nginx's
// ngx_socket; ngx_get_connection() owns a socket when it succeeds, and the
// caller must close it when it fails.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.ResourceLeak %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.ResourceLeak %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

ngx_int_t connect_leaks(ngx_log_t *log) {
  ngx_socket_t s = ngx_socket(AF_INET, SOCK_STREAM, 0); // notes-note{{Socket opened by 'socket'}}
  if (s == (ngx_socket_t) -1) // notes-note{{Taking false branch}}
    return NGX_ERROR;
  if (ngx_nonblocking(s) == -1) // notes-note{{Assuming the condition is true}}
                                // notes-note@-1{{Taking true branch}}
    return NGX_ERROR; // expected-warning{{Socket 's' opened by 'socket' is not closed}}
                      // notes-note@-1{{Socket 's' opened by 'socket' is not closed, and no pool cleanup is registered for it; close it (ngx_close_socket), hand it to an owner such as ngx_get_connection(), or register ngx_pool_cleanup_add(pool, ...) with a handler that closes it}}
  ngx_close_socket(s);
  return NGX_OK;
}

ngx_int_t connect_closes(ngx_log_t *log) {
  ngx_socket_t s = ngx_socket(AF_INET, SOCK_STREAM, 0);
  if (s == (ngx_socket_t) -1)
    return NGX_ERROR;
  if (ngx_nonblocking(s) == -1) {
    ngx_close_socket(s);
    return NGX_ERROR;
  }
  ngx_close_socket(s);
  return NGX_OK;
}

ngx_int_t handed_to_connection(ngx_log_t *log) {
  ngx_socket_t s = ngx_socket(AF_INET, SOCK_STREAM, 0);
  if (s == (ngx_socket_t) -1)
    return NGX_ERROR;
  ngx_connection_t *c = ngx_get_connection(s, log);
  if (c == NULL) {
    ngx_close_socket(s);
    return NGX_ERROR;
  }
  return NGX_OK; // no-warning
}

ngx_int_t connection_failure_leaks(ngx_log_t *log) {
  ngx_socket_t s = ngx_socket(AF_INET, SOCK_STREAM, 0); // notes-note{{Socket opened by 'socket'}}
  if (s == (ngx_socket_t) -1) // notes-note{{Taking false branch}}
    return NGX_ERROR;
  // 's' is last used by the call: the leak shows there, on the failure path.
  ngx_connection_t *c = ngx_get_connection(s, log); // expected-warning{{Socket 's' opened by 'socket' is not closed}}
                                                    // notes-note@-1{{Socket 's' opened by 'socket' is not closed, and no pool cleanup is registered for it; close it (ngx_close_socket), hand it to an owner such as ngx_get_connection(), or register ngx_pool_cleanup_add(pool, ...) with a handler that closes it}}
  if (c == NULL)
    return NGX_ERROR;
  return NGX_OK;
}

void accept_leaks(int listener) {
  int s = accept(listener, NULL, NULL); // notes-note{{Socket opened by 'accept'}}
  if (s == -1) // notes-note{{Taking false branch}}
    return;
  send(s, "x", 1, 0);
} // expected-warning{{Socket 's' opened by 'accept' is not closed}}
  // notes-note@-1{{Socket 's' opened by 'accept' is not closed, and no pool cleanup is registered for it; close it (ngx_close_socket), hand it to an owner such as ngx_get_connection(), or register ngx_pool_cleanup_add(pool, ...) with a handler that closes it}}

void accept4_handed_over(int listener, ngx_log_t *log) {
  int s = accept4(listener, NULL, NULL, 0);
  if (s == -1)
    return;
  if (ngx_get_connection(s, log) == NULL)
    close(s);
} // no-warning

void socketpair_leaks(void) {
  int sv[2];
  if (socketpair(AF_INET, SOCK_STREAM, 0, sv) != 0) // notes-note{{Socket opened by 'socketpair'}}
                                                    // notes-note@-1{{Taking false branch}}
    return;
  close(sv[1]); // expected-warning{{Socket opened by 'socketpair' is not closed}}
                // notes-note@-1{{Socket opened by 'socketpair' is not closed, and no pool cleanup is registered for it; close it (ngx_close_socket), hand it to an owner such as ngx_get_connection(), or register ngx_pool_cleanup_add(pool, ...) with a handler that closes it}}
}

void socketpair_closed(void) {
  int sv[2];
  if (socketpair(AF_INET, SOCK_STREAM, 0, sv) != 0)
    return;
  close(sv[0]);
  close(sv[1]);
}
