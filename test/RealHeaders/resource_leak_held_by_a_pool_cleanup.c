// Descriptors a pool cleanup already releases: ngx_open_cached_file() and
// ngx_create_temp_file() register one on the pool they are given, and a
// cleanup whose handler is ngx_pool_cleanup_file closes what its data holds.
// Closing such a descriptor by hand closes it a second time when the pool
// is destroyed (nginx fixed this in its flv and mp4 modules); the early
// close is ngx_pool_run_cleanup_file(), which runs the cleanup and removes
// it. Leaving the descriptor to the pool is no leak; running the cleanup of
// a descriptor no cleanup holds closes nothing.
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
my_open(ngx_http_request_t *r, ngx_str_t *path, ngx_open_file_info_t *of)
{
    ngx_memzero(of, sizeof(ngx_open_file_info_t));
    of->directio = NGX_OPEN_FILE_DIRECTIO_OFF;
    return ngx_open_cached_file(NULL, path, of, r->pool); // notes-note{{Descriptor opened by 'ngx_open_cached_file', held by a cleanup of its pool}}
}


ngx_int_t
my_cached_file_closed_by_hand(ngx_http_request_t *r, ngx_str_t *path)
{
    ngx_open_file_info_t  of;

    if (my_open(r, path, &of) != NGX_OK) { // notes-note{{Calling 'my_open'}}
                                           // notes-note@-1{{Returning from 'my_open'}}
                                           // notes-note@-2{{Taking false branch}}
        return NGX_HTTP_NOT_FOUND;
    }

    if (!of.is_file) { // notes-note{{Assuming field 'is_file' is 0}}
                       // notes-note@-1{{Taking true branch}}
        ngx_close_file(of.fd); // expected-warning{{Descriptor 'of.fd' opened by 'ngx_open_cached_file' is closed by 'close', but a cleanup of its pool releases it again when the pool is destroyed}}
                               // notes-note@-1{{Descriptor 'of.fd' opened by 'ngx_open_cached_file' is closed by 'close', but a cleanup of its pool releases it again when the pool is destroyed}}
        return NGX_HTTP_NOT_FOUND;
    }

    return NGX_OK;
}


ngx_int_t
my_cached_file_cleanup_run_early(ngx_http_request_t *r, ngx_str_t *path)
{
    ngx_open_file_info_t  of;

    if (my_open(r, path, &of) != NGX_OK) {
        return NGX_HTTP_NOT_FOUND;
    }

    if (!of.is_file) {
        ngx_pool_run_cleanup_file(r->pool, of.fd); // no-warning
        return NGX_HTTP_NOT_FOUND;
    }

    return NGX_OK;
}


ngx_int_t
my_cached_file_left_to_the_pool(ngx_http_request_t *r, ngx_str_t *path)
{
    ngx_open_file_info_t  of;

    if (my_open(r, path, &of) != NGX_OK) {
        return NGX_HTTP_NOT_FOUND;
    }

    return of.is_file ? NGX_OK : NGX_HTTP_NOT_FOUND; // no-warning: the pool closes it
}


ngx_int_t
my_temp_file_closed_by_hand(ngx_http_request_t *r, ngx_path_t *path)
{
    ngx_file_t  *file;

    file = ngx_pcalloc(r->pool, sizeof(ngx_file_t));
    if (file == NULL) { // notes-note{{Assuming 'file' is not equal to NULL}}
                        // notes-note@-1{{Taking false branch}}
        return NGX_ERROR;
    }

    file->log = r->connection->log;

    if (ngx_create_temp_file(file, path, r->pool, 0, 1, 0600) != NGX_OK) { // notes-note{{Descriptor opened by 'ngx_create_temp_file', held by a cleanup of its pool}}
                                                                           // notes-note@-1{{Taking false branch}}
        return NGX_ERROR;
    }

    ngx_close_file(file->fd); // expected-warning{{Descriptor 'file->fd' opened by 'ngx_create_temp_file' is closed by 'close', but a cleanup of its pool releases it again}}
                              // notes-note@-1{{Descriptor 'file->fd' opened by 'ngx_create_temp_file' is closed by 'close', but a cleanup of its pool releases it again when the pool is destroyed, when the number may belong to another file or connection; release it early with ngx_pool_run_cleanup_file(pool, fd), which runs the cleanup and removes it, or leave it to the pool}}
    return NGX_OK;
}


ngx_int_t
my_own_cleanup_then_closed_by_hand(ngx_http_request_t *r, ngx_str_t *path)
{
    ngx_fd_t                  fd;
    ngx_pool_cleanup_t       *cln;
    ngx_pool_cleanup_file_t  *clnf;

    fd = ngx_open_file(path->data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0); // notes-note{{Descriptor opened by 'open'}}
                                                                       // notes-note@-1{{Assuming that 'open' is successful}}
    if (fd == NGX_INVALID_FILE) { // notes-note{{Taking false branch}}
        return NGX_ERROR;
    }

    cln = ngx_pool_cleanup_add(r->pool, sizeof(ngx_pool_cleanup_file_t));
    if (cln == NULL) { // notes-note{{Assuming 'cln' is not equal to NULL}}
                       // notes-note@-1{{Taking false branch}}
        ngx_close_file(fd);
        return NGX_ERROR;
    }

    cln->handler = ngx_pool_cleanup_file;
    clnf = cln->data;
    clnf->fd = fd; // notes-note{{Handed to the data of the pool cleanup here}}
    clnf->name = path->data;
    clnf->log = r->connection->log;

    ngx_close_file(fd); // expected-warning{{Descriptor 'fd' opened by 'open' is closed by 'close', but a cleanup of its pool releases it again}}
                        // notes-note@-1{{Descriptor 'fd' opened by 'open' is closed by 'close', but a cleanup of its pool releases it again}}
    return NGX_OK;
}


ngx_int_t
my_own_cleanup_run_early(ngx_http_request_t *r, ngx_str_t *path)
{
    ngx_fd_t                  fd;
    ngx_pool_cleanup_t       *cln;
    ngx_pool_cleanup_file_t  *clnf;

    fd = ngx_open_file(path->data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0);
    if (fd == NGX_INVALID_FILE) {
        return NGX_ERROR;
    }

    cln = ngx_pool_cleanup_add(r->pool, sizeof(ngx_pool_cleanup_file_t));
    if (cln == NULL) {
        ngx_close_file(fd);
        return NGX_ERROR;
    }

    cln->handler = ngx_pool_cleanup_file;
    clnf = cln->data;
    clnf->fd = fd;
    clnf->name = path->data;
    clnf->log = r->connection->log;

    ngx_pool_run_cleanup_file(r->pool, fd); // no-warning
    return NGX_OK;
}


ngx_int_t
my_cleanup_run_with_no_cleanup(ngx_http_request_t *r, ngx_str_t *path)
{
    ngx_fd_t  fd;

    fd = ngx_open_file(path->data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0); // notes-note{{Descriptor opened by 'open'}}
                                                                       // notes-note@-1{{Assuming that 'open' is successful}}
    if (fd == NGX_INVALID_FILE) { // notes-note{{Taking false branch}}
        return NGX_ERROR;
    }

    ngx_pool_run_cleanup_file(r->pool, fd); // closes nothing: no cleanup holds fd
    return NGX_OK; // expected-warning{{Descriptor 'fd' opened by 'open' is not closed}}
                   // notes-note@-1{{Descriptor 'fd' opened by 'open' is not closed}}
}
