// pipe() and socketpair() write the descriptors into the array they are
// given. An array inside an object that outlives the function (a process
// record the caller owns, module state) keeps them, as a store would; an
// array inside memory allocated here is followed until that memory is
// kept or dropped.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,unix.StdCLibraryFunctions,nginx.ResourceLeak %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,unix.StdCLibraryFunctions,nginx.ResourceLeak %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

typedef struct {
  int fds[2];
  ngx_uint_t state;
} my_proc_t;

typedef struct {
  my_proc_t *proc;
} my_ctx_t;

ngx_int_t pipe_into_callers_record(my_proc_t *proc) {
  if (pipe(proc->fds) != 0)
    return NGX_ERROR;
  proc->state = 1;
  return NGX_OK; // no-warning: the caller's record keeps them
}

ngx_int_t socketpair_into_callers_record(my_proc_t *proc) {
  if (socketpair(AF_INET, SOCK_STREAM, 0, proc->fds) != 0)
    return NGX_ERROR;
  return NGX_OK; // no-warning
}

ngx_int_t pipe_into_new_record_kept(ngx_http_request_t *r, my_ctx_t *ctx) {
  my_proc_t *proc = ngx_pcalloc(r->pool, sizeof(my_proc_t));
  if (proc == NULL)
    return NGX_ERROR;
  if (pipe(proc->fds) != 0)
    return NGX_ERROR;
  ctx->proc = proc;
  return NGX_OK; // no-warning: kept in the caller's context
}

ngx_int_t pipe_into_new_record_dropped(ngx_http_request_t *r, my_ctx_t *ctx) {
  my_proc_t *proc = ngx_pcalloc(r->pool, sizeof(my_proc_t));
  if (proc == NULL) // notes-note{{Assuming 'proc' is not equal to NULL}}
                    // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  if (pipe(proc->fds) != 0) // notes-note{{Descriptor opened by 'pipe'}}
                            // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  if (ctx->proc != NULL) // notes-note{{Assuming field 'proc' is not equal to NULL}}
                         // notes-note@-1{{Taking true branch}}
    return NGX_DECLINED; // expected-warning{{Descriptor opened by 'pipe' is not closed}}
                         // notes-note@-1{{Descriptor opened by 'pipe' is not closed}}
  ctx->proc = proc;
  return NGX_OK;
}
