// Regression (nginx-rtmp-module 1.2.2, ngx_rtmp_exec_run): a child of fork()
// that closes every descriptor by number and execs another program. What it
// holds becomes the new program's (or goes with exit()): not the worker's
// leak. A child that returns goes on as this process (nginx's own
// ngx_daemon), so what it left open there is reported; so is a leak in the
// parent.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.ResourceLeak %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.ResourceLeak %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

ngx_int_t run_helper(char *const *argv) {
  int pipefd[2], fd;
  long maxfd, n;
  if (pipe(pipefd) == -1)
    return NGX_ERROR;
  pid_t pid = fork();
  switch (pid) {
  case -1:
    close(pipefd[0]);
    close(pipefd[1]);
    return NGX_ERROR;
  case 0:
    /* the child: keep only the pipe's write end */
    maxfd = sysconf(_SC_OPEN_MAX);
    for (n = 0; n < maxfd; n++)
      if (n != pipefd[1])
        close((int) n);
    fd = open("/dev/null", O_RDWR);
    dup2(fd, STDIN_FILENO);
    if (execvp(argv[0], argv) == -1)
      exit(1);
    break; // no-warning
  default:
    close(pipefd[1]);
    close(pipefd[0]);
    break;
  }
  return NGX_OK;
}

ngx_int_t parent_forgets_pipe(char *const *argv) {
  int pipefd[2];
  if (pipe(pipefd) == -1) // notes-note{{Descriptor opened by 'pipe'}}
                          // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  pid_t pid = fork();
  if (pid == 0) { // notes-note{{Assuming 'pid' is not equal to 0}}
                  // notes-note@-1{{Taking false branch}}
    execvp(argv[0], argv);
    exit(1);
  }
  if (pid == -1) { // notes-note{{Assuming the condition is false}}
                   // notes-note@-1{{Taking false branch}}
    close(pipefd[0]);
    close(pipefd[1]);
    return NGX_ERROR;
  }
  close(pipefd[1]); // expected-warning{{Descriptor opened by 'pipe' is not closed}}
                    // notes-note@-1{{Descriptor opened by 'pipe' is not closed, and no pool cleanup is registered for it; close it (ngx_close_file), or register ngx_pool_cleanup_add(pool, ...) with ngx_pool_cleanup_file right after opening it}}
  return NGX_OK;
}

ngx_int_t daemon_child_leaks(void) {
  pid_t pid = fork();
  if (pid != 0) // notes-note{{Assuming 'pid' is equal to 0}}
                // notes-note@-1{{Taking false branch}}
    return pid;
  int fd = open("/dev/null", O_RDWR); // notes-note{{Descriptor opened by 'open'}}
  if (fd == -1) // notes-note{{Taking false branch}}
    return NGX_ERROR;
  if (dup2(fd, STDIN_FILENO) == -1) // notes-note{{Assuming the condition is true}}
                                    // notes-note@-1{{Taking true branch}}
    return NGX_ERROR; // expected-warning{{Descriptor 'fd' opened by 'open' is not closed}}
                      // notes-note@-1{{Descriptor 'fd' opened by 'open' is not closed, and no pool cleanup is registered for it; close it (ngx_close_file), or register ngx_pool_cleanup_add(pool, ...) with ngx_pool_cleanup_file right after opening it}}
  close(fd);
  return NGX_OK;
}
