// nginx.ResourceLeak against nginx 1.22's own headers: ngx_open_file,
// ngx_close_file, ngx_read_fd, ngx_write_fd (inline), ngx_open_tempfile,
// ngx_pool_cleanup_file_t with ngx_pool_cleanup_file, ngx_socket,
// ngx_get_connection and ngx_close_socket, ngx_open_dir and ngx_close_dir.
//
// REQUIRES: nginx-headers
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,unix.StdCLibraryFunctions,nginx.ResourceLeak %ngx_real -verify %s
// Under a distribution build's flags (dpkg-buildflags: -O2 -D_FORTIFY_SOURCE=2 ...):
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,unix.StdCLibraryFunctions,nginx.ResourceLeak %ngx_real %ngx_hardened -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,unix.StdCLibraryFunctions,nginx.ResourceLeak \
// RUN:   %ngx_real -analyzer-output=text -verify=expected,notes %s

#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>


static ngx_int_t
my_send_file_leaks(ngx_http_request_t *r, ngx_str_t *path)
{
    u_char    buf[512];
    ssize_t   n;
    ngx_fd_t  fd;

    fd = ngx_open_file(path->data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0); // notes-note{{Descriptor opened by 'open'}}
                                                                       // notes-note@-1{{Assuming that 'open' is successful}}
    if (fd == NGX_INVALID_FILE) { // notes-note{{Taking false branch}}
        return NGX_HTTP_NOT_FOUND;
    }

    n = ngx_read_fd(fd, buf, sizeof(buf));
    if (n == NGX_ERROR) { // notes-note{{Assuming the condition is true}}
                          // notes-note@-1{{Taking true branch}}
        return NGX_HTTP_INTERNAL_SERVER_ERROR; // expected-warning{{Descriptor 'fd' opened by 'open' is not closed, and no pool cleanup is registered for it; close it (ngx_close_file), or register ngx_pool_cleanup_add(r->pool, ...) with ngx_pool_cleanup_file right after opening it}}
                                               // notes-note@-1{{Descriptor 'fd' opened by 'open' is not closed, and no pool cleanup is registered for it; close it (ngx_close_file), or register ngx_pool_cleanup_add(r->pool, ...) with ngx_pool_cleanup_file right after opening it}}
    }

    ngx_close_file(fd);
    return NGX_OK;
}


static ngx_int_t
my_send_file_cleanup(ngx_http_request_t *r, ngx_str_t *path)
{
    u_char                   buf[512];
    ssize_t                  n;
    ngx_fd_t                 fd;
    ngx_pool_cleanup_t      *cln;
    ngx_pool_cleanup_file_t *clnf;

    fd = ngx_open_file(path->data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0);
    if (fd == NGX_INVALID_FILE) {
        return NGX_HTTP_NOT_FOUND;
    }

    cln = ngx_pool_cleanup_add(r->pool, sizeof(ngx_pool_cleanup_file_t));
    if (cln == NULL) {
        ngx_close_file(fd);
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    cln->handler = ngx_pool_cleanup_file;
    clnf = cln->data;

    clnf->fd = fd;
    clnf->name = path->data;
    clnf->log = r->connection->log;

    n = ngx_read_fd(fd, buf, sizeof(buf));
    if (n == NGX_ERROR) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR; // no-warning
    }

    return NGX_OK; // no-warning
}


static ngx_int_t
my_temp_file_without_handler(ngx_http_request_t *r, u_char *name)
{
    ngx_fd_t                 fd;
    ngx_pool_cleanup_t      *cln;
    ngx_pool_cleanup_file_t *clnf;

    fd = ngx_open_tempfile(name, 0, NGX_FILE_OWNER_ACCESS); // notes-note{{Descriptor opened by 'ngx_open_tempfile'}}
    if (fd == NGX_INVALID_FILE) { // notes-note{{Taking false branch}}
        return NGX_ERROR;
    }

    cln = ngx_pool_cleanup_add(r->pool, sizeof(ngx_pool_cleanup_file_t));
    // notes-note@-1{{Pool cleanup added here; its handler is NULL until it is set}}
    if (cln == NULL) { // notes-note{{Assuming 'cln' is not equal to NULL}}
                       // notes-note@-1{{Taking false branch}}
        ngx_close_file(fd);
        return NGX_ERROR;
    }

    clnf = cln->data;
    clnf->fd = fd; // notes-note{{Handed to the data of the pool cleanup here}}
    clnf->name = name;
    clnf->log = r->connection->log;

    return NGX_OK; // expected-warning{{Descriptor 'fd' is handed to a pool cleanup whose handler is never set}}
                   // notes-note@-1{{Descriptor 'fd' is handed to a pool cleanup whose handler is never set, so the cleanup will not release it; set the cleanup's handler (ngx_pool_cleanup_file closes the fd of an ngx_pool_cleanup_file_t)}}
}


static ssize_t
my_write_after_close(ngx_str_t *path, u_char *data, size_t len)
{
    ngx_fd_t  fd;

    fd = ngx_open_file(path->data, NGX_FILE_WRONLY, NGX_FILE_TRUNCATE, // notes-note{{Descriptor opened by 'open'}}
                                                                       // notes-note@-1{{Assuming that 'open' is successful}}
                       NGX_FILE_DEFAULT_ACCESS);
    if (fd == NGX_INVALID_FILE) { // notes-note{{Taking false branch}}
        return NGX_ERROR;
    }

    ngx_close_file(fd); // notes-note{{Descriptor closed here}}

    return ngx_write_fd(fd, data, len); // expected-warning{{Descriptor 'fd' is used by 'ngx_write_fd' after it was closed}}
                                        // notes-note@-1{{Descriptor 'fd' is used by 'ngx_write_fd' after it was closed}}
}


static ssize_t
my_write_then_close(ngx_str_t *path, u_char *data, size_t len)
{
    ssize_t   n;
    ngx_fd_t  fd;

    fd = ngx_open_file(path->data, NGX_FILE_WRONLY, NGX_FILE_TRUNCATE,
                       NGX_FILE_DEFAULT_ACCESS);
    if (fd == NGX_INVALID_FILE) {
        return NGX_ERROR;
    }

    n = ngx_write_fd(fd, data, len); // no-warning

    if (ngx_close_file(fd) == NGX_FILE_ERROR) {
        return NGX_ERROR;
    }

    return n;
}


static ngx_int_t
my_connect_leaks(ngx_log_t *log)
{
    ngx_socket_t       s;
    ngx_connection_t  *c;

    s = ngx_socket(AF_INET, SOCK_STREAM, 0); // notes-note{{Socket opened by 'socket'}}
                                             // notes-note@-1{{Assuming that 'socket' is successful}}
    if (s == (ngx_socket_t) -1) { // notes-note{{Taking false branch}}
        return NGX_ERROR;
    }

    c = ngx_get_connection(s, log); // expected-warning{{Socket 's' opened by 'socket' is not closed}}
                                    // notes-note@-1{{Socket 's' opened by 'socket' is not closed, and no pool cleanup is registered for it; close it (ngx_close_socket), hand it to an owner such as ngx_get_connection(), or register ngx_pool_cleanup_add(pool, ...) with a handler that closes it}}
    if (c == NULL) {
        return NGX_ERROR;
    }

    return NGX_OK;
}


static ngx_int_t
my_connect_closes_on_failure(ngx_log_t *log)
{
    ngx_socket_t       s;
    ngx_connection_t  *c;

    s = ngx_socket(AF_INET, SOCK_STREAM, 0);
    if (s == (ngx_socket_t) -1) {
        return NGX_ERROR;
    }

    c = ngx_get_connection(s, log);
    if (c == NULL) {
        if (ngx_close_socket(s) == -1) {
            return NGX_ERROR;
        }
        return NGX_ERROR;
    }

    return NGX_OK; // no-warning
}


static ngx_int_t
my_count_entries(ngx_str_t *path, ngx_uint_t *count, ngx_uint_t max)
{
    ngx_dir_t  dir;

    if (ngx_open_dir(path, &dir) == NGX_ERROR) { // notes-note{{Directory stream opened by 'ngx_open_dir'}}
                                                 // notes-note@-1{{Taking false branch}}
        return NGX_ERROR;
    }

    for ( ;; ) { // notes-note{{Loop condition is true.  Entering loop body}}
        if (ngx_read_dir(&dir) == NGX_ERROR) { // notes-note{{Assuming the condition is false}}
                                               // notes-note@-1{{Taking false branch}}
            break;
        }

        if (++*count == max) { // notes-note{{Assuming the condition is true}}
                               // notes-note@-1{{Taking true branch}}
            return NGX_DECLINED; // expected-warning{{Directory stream 'dir.dir' opened by 'ngx_open_dir' is not closed}}
                                 // notes-note@-1{{Directory stream 'dir.dir' opened by 'ngx_open_dir' is not closed, and no pool cleanup is registered for it; close it (ngx_close_dir or closedir), or register ngx_pool_cleanup_add(pool, ...) with a handler that does}}
        }
    }

    ngx_close_dir(&dir);
    return NGX_OK;
}


static ngx_int_t
my_count_entries_closed(ngx_str_t *path, ngx_uint_t *count, ngx_uint_t max)
{
    ngx_dir_t  dir;

    if (ngx_open_dir(path, &dir) == NGX_ERROR) {
        return NGX_ERROR;
    }

    for ( ;; ) {
        if (ngx_read_dir(&dir) == NGX_ERROR) {
            break;
        }

        if (++*count == max) {
            break;
        }
    }

    if (ngx_close_dir(&dir) == NGX_ERROR) {
        return NGX_ERROR;
    }

    return NGX_OK; // no-warning
}


/* On Linux ngx_nonblocking() and ngx_tcp_nopush() are functions of
 * src/os/unix, not macros over fcntl(): they work on the socket and keep
 * nothing, so the error path after them must still close it. */

static ngx_int_t
my_socket_setup_leaks(ngx_log_t *log)
{
    ngx_socket_t       s;
    ngx_connection_t  *c;

    s = ngx_socket(AF_INET, SOCK_STREAM, 0); // notes-note{{Socket opened by 'socket'}}
                                             // notes-note@-1{{Assuming that 'socket' is successful}}
    if (s == (ngx_socket_t) -1) { // notes-note{{Taking false branch}}
        return NGX_ERROR;
    }

    if (ngx_nonblocking(s) == -1 || ngx_tcp_nopush(s) == -1) { // notes-note{{Assuming the condition is true}}
                                                               // notes-note@-1{{Left side of '||' is true}}
        return NGX_ERROR; // expected-warning{{Socket 's' opened by 'socket' is not closed}}
                          // notes-note@-1{{Socket 's' opened by 'socket' is not closed, and no pool cleanup is registered for it; close it (ngx_close_socket), hand it to an owner such as ngx_get_connection(), or register ngx_pool_cleanup_add(pool, ...) with a handler that closes it}}
    }

    c = ngx_get_connection(s, log);
    if (c == NULL) {
        ngx_close_socket(s);
        return NGX_ERROR;
    }

    return NGX_OK;
}


static ngx_int_t
my_socket_setup_closes(ngx_log_t *log)
{
    ngx_socket_t       s;
    ngx_connection_t  *c;

    s = ngx_socket(AF_INET, SOCK_STREAM, 0);
    if (s == (ngx_socket_t) -1) {
        return NGX_ERROR;
    }

    if (ngx_nonblocking(s) == -1 || ngx_tcp_nopush(s) == -1) {
        ngx_close_socket(s);
        return NGX_ERROR;
    }

    c = ngx_get_connection(s, log);
    if (c == NULL) {
        ngx_close_socket(s);
        return NGX_ERROR;
    }

    return NGX_OK; // no-warning
}
