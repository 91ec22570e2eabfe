// nginx's file API (ngx_read_file, ngx_write_file, ngx_write_chain_to_file,
// ngx_thread_read, ngx_file_aio_read) works on file->fd and changes only the
// file's offsets and the buffer it reads into. A descriptor kept in an
// ngx_file_t and handed to them stays the caller's: still followed, still
// reported when a path forgets to close it, and not reported when every
// path closes it.
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
my_read_header_leaks(ngx_http_request_t *r, ngx_str_t *path, u_char *buf)
{
    ssize_t     n;
    ngx_file_t  file;

    ngx_memzero(&file, sizeof(ngx_file_t));
    file.name = *path;
    file.log = r->connection->log;

    file.fd = ngx_open_file(path->data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0); // notes-note{{Descriptor opened by 'open'}}
                                                                            // notes-note@-1{{Assuming that 'open' is successful}}
    if (file.fd == NGX_INVALID_FILE) { // notes-note{{Taking false branch}}
        return NGX_HTTP_NOT_FOUND;
    }

    n = ngx_read_file(&file, buf, 16, 0);
    if (n != 16) { // notes-note{{Assuming 'n' is not equal to 16}}
                   // notes-note@-1{{Taking true branch}}
        return NGX_HTTP_INTERNAL_SERVER_ERROR; // expected-warning{{Descriptor 'file.fd' opened by 'open' is not closed, and no pool cleanup is registered for it}}
                                               // notes-note@-1{{Descriptor 'file.fd' opened by 'open' is not closed, and no pool cleanup is registered for it}}
    }

    ngx_close_file(file.fd);
    return NGX_OK;
}


static ngx_int_t
my_read_header_closes(ngx_http_request_t *r, ngx_str_t *path, u_char *buf)
{
    ssize_t     n;
    ngx_file_t  file;

    ngx_memzero(&file, sizeof(ngx_file_t));
    file.name = *path;
    file.log = r->connection->log;

    file.fd = ngx_open_file(path->data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0);
    if (file.fd == NGX_INVALID_FILE) {
        return NGX_HTTP_NOT_FOUND;
    }

    n = ngx_read_file(&file, buf, 16, 0);
    ngx_close_file(file.fd); // no-warning: the same descriptor the read used
    return n == 16 ? NGX_OK : NGX_HTTP_INTERNAL_SERVER_ERROR;
}


static ngx_int_t
my_append_leaks(ngx_http_request_t *r, ngx_str_t *path, ngx_chain_t *out)
{
    ngx_file_t  file;

    ngx_memzero(&file, sizeof(ngx_file_t));
    file.log = r->connection->log;
    file.fd = ngx_open_file(path->data, NGX_FILE_APPEND, NGX_FILE_CREATE_OR_OPEN,
                            NGX_FILE_DEFAULT_ACCESS); // notes-note@-1{{Descriptor opened by 'open'}}
                                                      // notes-note@-2{{Assuming that 'open' is successful}}
    if (file.fd == NGX_INVALID_FILE) { // notes-note{{Taking false branch}}
        return NGX_ERROR;
    }

    if (ngx_write_chain_to_file(&file, out, 0, r->pool) == NGX_ERROR) { // notes-note{{Assuming the condition is true}}
                                                                          // notes-note@-1{{Taking true branch}}
        return NGX_ERROR; // expected-warning{{Descriptor 'file.fd' opened by 'open' is not closed}}
                          // notes-note@-1{{Descriptor 'file.fd' opened by 'open' is not closed}}
    }

    ngx_close_file(file.fd);
    return NGX_OK;
}


static ngx_int_t
my_append_closes(ngx_http_request_t *r, ngx_str_t *path, ngx_chain_t *out)
{
    ssize_t     n;
    ngx_file_t  file;

    ngx_memzero(&file, sizeof(ngx_file_t));
    file.log = r->connection->log;
    file.fd = ngx_open_file(path->data, NGX_FILE_APPEND, NGX_FILE_CREATE_OR_OPEN,
                            NGX_FILE_DEFAULT_ACCESS);
    if (file.fd == NGX_INVALID_FILE) {
        return NGX_ERROR;
    }

    n = ngx_write_chain_to_file(&file, out, 0, r->pool);
    ngx_close_file(file.fd); // no-warning
    return n == NGX_ERROR ? NGX_ERROR : NGX_OK;
}


ngx_int_t
my_handler(ngx_http_request_t *r)
{
    u_char     buf[16];
    ngx_str_t  path = ngx_string("/etc/nginx/banner");

    if (my_read_header_closes(r, &path, buf) == NGX_OK) { // notes-note 2 {{Taking false branch}}
        return my_append_closes(r, &path, NULL);
    }

    if (my_read_header_leaks(r, &path, buf) == NGX_OK) { // notes-note{{Calling 'my_read_header_leaks'}}
                                                         // notes-note@-1{{Taking false branch}}
        return NGX_OK;
    }

    return my_append_leaks(r, &path, NULL); // notes-note{{Calling 'my_append_leaks'}}
}
