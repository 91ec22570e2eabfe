// fdopen() and fdopendir() take the descriptor they are given when they
// succeed: fclose() and closedir() close it with the stream, so a descriptor
// turned into a stream is not leaked by itself. When they fail, the
// descriptor is still the caller's.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,unix.StdCLibraryFunctions,nginx.ResourceLeak %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,unix.StdCLibraryFunctions,nginx.ResourceLeak %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

ngx_int_t copy_read_through_a_stream(ngx_fd_t shared, char *line, int n) {
  ngx_fd_t fd = dup(shared);
  if (fd == -1)
    return NGX_ERROR;
  FILE *f = fdopen(fd, "r");
  if (f == NULL) {
    close(fd);
    return NGX_ERROR;
  }
  char *got = fgets(line, n, f);
  fclose(f); // no-warning: closes fd too
  return got ? NGX_OK : NGX_DONE;
}

ngx_int_t stream_failed_and_fd_forgotten(ngx_fd_t shared, char *line, int n) {
  ngx_fd_t fd = dup(shared); // notes-note{{Descriptor opened by 'dup'}}
                             // notes-note@-1{{Assuming that 'dup' is successful}}
  if (fd == -1) // notes-note{{Taking false branch}}
    return NGX_ERROR;
  FILE *f = fdopen(fd, "r"); // expected-warning{{Descriptor 'fd' opened by 'dup' is not closed, and no pool cleanup is registered for it}}
                             // notes-note@-1{{'fdopen' fails and does not take the descriptor: it is still the caller's to close}}
                             // notes-note@-2{{Descriptor 'fd' opened by 'dup' is not closed, and no pool cleanup is registered for it}}
  if (f == NULL)
    return NGX_ERROR;
  char *got = fgets(line, n, f);
  fclose(f);
  return got ? NGX_OK : NGX_DONE;
}

ngx_int_t stream_left_open(ngx_fd_t shared, char *line, int n) {
  ngx_fd_t fd = dup(shared);
  if (fd == -1) // notes-note{{Taking false branch}}
    return NGX_ERROR;
  FILE *f = fdopen(fd, "r"); // notes-note{{FILE stream opened by 'fdopen'}}
                             // notes-note@-1{{Assuming that 'fdopen' is successful}}
  if (f == NULL) { // notes-note{{'f' is not equal to NULL}}
                   // notes-note@-1{{Taking false branch}}
    close(fd);
    return NGX_ERROR;
  }
  return fgets(line, n, f) ? NGX_OK : NGX_DONE; // expected-warning{{FILE stream 'f' opened by 'fdopen' is not closed}}
                                                // notes-note@-1{{FILE stream 'f' opened by 'fdopen' is not closed}}
                                                // notes-note@-2{{Assuming the condition is false}}
                                                // notes-note@-3{{'?' condition is false}}
}

ngx_int_t stream_written_and_closed(ngx_fd_t shared) {
  ngx_fd_t fd = dup(shared);
  if (fd == -1)
    return NGX_ERROR;
  FILE *f = fdopen(fd, "w");
  if (f == NULL) {
    close(fd);
    return NGX_ERROR;
  }
  fprintf(f, "%d\n", 42);
  fclose(f);
  return NGX_OK; // no-warning: stdio calls use the stream and keep nothing
}

ngx_int_t directory_from_a_descriptor(ngx_fd_t dirfd) {
  ngx_fd_t fd = dup(dirfd);
  if (fd == -1)
    return NGX_ERROR;
  DIR *dir = fdopendir(fd);
  if (dir == NULL) {
    close(fd);
    return NGX_ERROR;
  }
  struct dirent *de = readdir(dir);
  closedir(dir); // no-warning: closes fd too
  return de ? NGX_OK : NGX_DONE;
}

ngx_int_t closing_the_taken_descriptor_too(ngx_fd_t shared) {
  ngx_fd_t fd = dup(shared);
  if (fd == -1)
    return NGX_ERROR;
  FILE *f = fdopen(fd, "r");
  if (f == NULL) {
    close(fd);
    return NGX_ERROR;
  }
  fclose(f);
  return NGX_OK; // no-warning: the stream owned fd; nothing is left open
}
