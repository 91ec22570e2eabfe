// nginx.ResourceLeak on a distribution build: with -O2 -D_FORTIFY_SOURCE=2
// (what dpkg-buildflags gives every Debian package) glibc's read, pread,
// recv, recvfrom and FD_SET are inline wrappers that hand the descriptor to
// __read_chk, __pread_chk, __recv_chk, __recvfrom_chk and __fdelt_chk. The
// descriptor must stay followed through them: each leak below is found with
// these flags as without them, and each fixed twin stays silent.
//
// REQUIRES: nginx-headers
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,unix.StdCLibraryFunctions,nginx.ResourceLeak \
// RUN:   %ngx_real %ngx_hardened -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,unix.StdCLibraryFunctions,nginx.ResourceLeak \
// RUN:   %ngx_real -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,unix.StdCLibraryFunctions,nginx.ResourceLeak \
// RUN:   %ngx_real %ngx_hardened -analyzer-output=text -verify=expected,notes %s
//
// The wrappers really are in play: with these flags glibc defines read() as
// an always-inline function (its __fortify_function) calling __read_chk.
// RUN: %clang_cc1 %ngx_real %ngx_hardened -E %s | FileCheck %s --check-prefix=WRAPPER
// WRAPPER: __read_chk

#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>


static ngx_int_t
read_header_leaks(u_char *path, u_char *buf, size_t size)
{
    ngx_fd_t  fd;
    ssize_t   n;

    fd = ngx_open_file(path, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0);
    // notes-note@-1{{Descriptor opened by 'open'}}
    // notes-note@-2{{Assuming that 'open' is successful}}
    if (fd == NGX_INVALID_FILE) {
    // notes-note@-1{{Taking false branch}}
        return NGX_ERROR;
    }

    n = read(fd, buf, size);
    if (n == -1) {
    // notes-note@-1{{Assuming the condition is true}}
    // notes-note@-2{{Taking true branch}}
        return NGX_ERROR; // expected-warning{{Descriptor 'fd' opened by 'open' is not closed}}
        // notes-note@-1{{Descriptor 'fd' opened by 'open' is not closed, and no pool cleanup is registered for it; close it (ngx_close_file), or register ngx_pool_cleanup_add(pool, ...) with ngx_pool_cleanup_file right after opening it}}
    }

    ngx_close_file(fd);
    return n;
}


static ngx_int_t
read_header_closes(u_char *path, u_char *buf, size_t size)
{
    ngx_fd_t  fd;
    ssize_t   n;

    fd = ngx_open_file(path, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0);
    if (fd == NGX_INVALID_FILE) {
        return NGX_ERROR;
    }

    n = read(fd, buf, size);
    ngx_close_file(fd);

    return n == -1 ? NGX_ERROR : n; // no-warning
}


static ssize_t
pread_trailer_leaks(u_char *path, u_char *buf, size_t size, off_t at)
{
    ngx_fd_t  fd;
    ssize_t   n;

    fd = ngx_open_file(path, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0);
    // notes-note@-1{{Descriptor opened by 'open'}}
    // notes-note@-2{{Assuming that 'open' is successful}}
    if (fd == NGX_INVALID_FILE) {
    // notes-note@-1{{Taking false branch}}
        return NGX_ERROR;
    }

    n = pread(fd, buf, size, at);
    if (n < (ssize_t) size) {
    // notes-note@-1{{Assuming 'n' is < 'size'}}
    // notes-note@-2{{Taking true branch}}
        return NGX_ERROR; // expected-warning{{Descriptor 'fd' opened by 'open' is not closed}}
        // notes-note@-1{{Descriptor 'fd' opened by 'open' is not closed, and no pool cleanup is registered for it; close it (ngx_close_file), or register ngx_pool_cleanup_add(pool, ...) with ngx_pool_cleanup_file right after opening it}}
    }

    ngx_close_file(fd);
    return n;
}


static ssize_t
pread_trailer_closes(u_char *path, u_char *buf, size_t size, off_t at)
{
    ngx_fd_t  fd;
    ssize_t   n;

    fd = ngx_open_file(path, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0);
    if (fd == NGX_INVALID_FILE) {
        return NGX_ERROR;
    }

    n = pread(fd, buf, size, at);
    ngx_close_file(fd);

    return n < (ssize_t) size ? NGX_ERROR : n; // no-warning
}


static ssize_t
probe_peer_leaks(struct sockaddr *sa, socklen_t len, u_char *buf, size_t size)
{
    ngx_socket_t  s;
    ssize_t       n;

    s = ngx_socket(AF_INET, SOCK_STREAM, 0);
    // notes-note@-1{{Socket opened by 'socket'}}
    // notes-note@-2{{Assuming that 'socket' is successful}}
    if (s == (ngx_socket_t) -1) {
    // notes-note@-1{{Taking false branch}}
        return NGX_ERROR;
    }

    if (connect(s, sa, len) == -1) {
    // notes-note@-1{{Taking false branch}}
        ngx_close_socket(s);
        return NGX_ERROR;
    }

    n = recv(s, buf, size, 0);
    if (n <= 0) {
    // notes-note@-1{{'n' is <= 0}}
    // notes-note@-2{{Taking true branch}}
        return NGX_ERROR; // expected-warning{{Socket 's' opened by 'socket' is not closed}}
        // notes-note@-1{{Socket 's' opened by 'socket' is not closed, and no pool cleanup is registered for it; close it (ngx_close_socket), hand it to an owner such as ngx_get_connection(), or register ngx_pool_cleanup_add(pool, ...) with a handler that closes it}}
    }

    ngx_close_socket(s);
    return n;
}


static ssize_t
probe_peer_closes(struct sockaddr *sa, socklen_t len, u_char *buf, size_t size)
{
    ngx_socket_t  s;
    ssize_t       n;

    s = ngx_socket(AF_INET, SOCK_STREAM, 0);
    if (s == (ngx_socket_t) -1) {
        return NGX_ERROR;
    }

    if (connect(s, sa, len) == -1) {
        ngx_close_socket(s);
        return NGX_ERROR;
    }

    n = recv(s, buf, size, 0);
    ngx_close_socket(s);

    return n <= 0 ? NGX_ERROR : n; // no-warning
}


static ssize_t
query_resolver_leaks(struct sockaddr *sa, socklen_t len, u_char *buf, size_t size)
{
    ngx_socket_t     s;
    ssize_t          n;
    struct sockaddr  from;
    socklen_t        fromlen = sizeof(from);

    s = ngx_socket(AF_INET, SOCK_DGRAM, 0);
    // notes-note@-1{{Socket opened by 'socket'}}
    // notes-note@-2{{Assuming that 'socket' is successful}}
    if (s == (ngx_socket_t) -1) {
    // notes-note@-1{{Taking false branch}}
        return NGX_ERROR;
    }

    if (sendto(s, buf, 12, 0, sa, len) == -1) {
    // notes-note@-1{{Taking false branch}}
        ngx_close_socket(s);
        return NGX_ERROR;
    }

    n = recvfrom(s, buf, size, 0, &from, &fromlen);
    if (n < 12) {
    // notes-note@-1{{'n' is < 12}}
    // notes-note@-2{{Taking true branch}}
        return NGX_ERROR; // expected-warning{{Socket 's' opened by 'socket' is not closed}}
        // notes-note@-1{{Socket 's' opened by 'socket' is not closed, and no pool cleanup is registered for it; close it (ngx_close_socket), hand it to an owner such as ngx_get_connection(), or register ngx_pool_cleanup_add(pool, ...) with a handler that closes it}}
    }

    ngx_close_socket(s);
    return n;
}


static ssize_t
query_resolver_closes(struct sockaddr *sa, socklen_t len, u_char *buf, size_t size)
{
    ngx_socket_t     s;
    ssize_t          n;
    struct sockaddr  from;
    socklen_t        fromlen = sizeof(from);

    s = ngx_socket(AF_INET, SOCK_DGRAM, 0);
    if (s == (ngx_socket_t) -1) {
        return NGX_ERROR;
    }

    if (sendto(s, buf, 12, 0, sa, len) == -1) {
        ngx_close_socket(s);
        return NGX_ERROR;
    }

    n = recvfrom(s, buf, size, 0, &from, &fromlen);
    ngx_close_socket(s);

    return n < 12 ? NGX_ERROR : n; // no-warning
}


/* The caller zeroes the set: code after FD_ZERO itself is not reached by
 * the analyzer, whose loop bound (four visits) is below FD_ZERO's sixteen
 * words (checkers/ResourceLeak.md, "Limits"). */

static ngx_int_t
wait_readable_leaks(u_char *path, fd_set *set)
{
    ngx_fd_t        fd;
    struct timeval  tv = { 1, 0 };

    fd = ngx_open_file(path, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0);
    // notes-note@-1{{Descriptor opened by 'open'}}
    // notes-note@-2{{Assuming that 'open' is successful}}
    if (fd == NGX_INVALID_FILE) {
    // notes-note@-1{{Taking false branch}}
        return NGX_ERROR;
    }

    FD_SET(fd, set);
    // notes-note@-1{{'?' condition is false}}

    if (select(fd + 1, set, NULL, NULL, &tv) <= 0) {
    // notes-note@-1{{Assuming the condition is true}}
    // notes-note@-2{{Taking true branch}}
        return NGX_DECLINED; // expected-warning{{Descriptor 'fd' opened by 'open' is not closed}}
        // notes-note@-1{{Descriptor 'fd' opened by 'open' is not closed, and no pool cleanup is registered for it; close it (ngx_close_file), or register ngx_pool_cleanup_add(pool, ...) with ngx_pool_cleanup_file right after opening it}}
    }

    ngx_close_file(fd);
    return NGX_OK;
}


static ngx_int_t
wait_readable_closes(u_char *path, fd_set *set)
{
    ngx_fd_t        fd;
    ngx_int_t       rc;
    struct timeval  tv = { 1, 0 };

    fd = ngx_open_file(path, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0);
    if (fd == NGX_INVALID_FILE) {
        return NGX_ERROR;
    }

    FD_SET(fd, set);

    rc = select(fd + 1, set, NULL, NULL, &tv) <= 0 ? NGX_DECLINED : NGX_OK;
    ngx_close_file(fd);

    return rc; // no-warning
}
