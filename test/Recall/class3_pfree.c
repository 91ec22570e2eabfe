// Recall set, class 3 (/work/shared/notes/real-fixed-bugs.md): ngx_pfree()
// on small blocks of a long-lived pool, which it cannot release. The fixed
// twin gives the per-call memory a pool of its own, destroyed when the work
// is done. Rows not caught are listed in checkers/Pfree.md.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.Pfree %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.Pfree %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

typedef struct {
  int kind;
  long long i64;
} my_vm_value_t;

typedef struct {
  ngx_pool_t *pool; /* lives as long as the VM instance, across requests */
  ngx_log_t *log;
} my_vm_instance_t;

ngx_int_t my_vm_invoke(my_vm_instance_t *instance, my_vm_value_t *args,
                       my_vm_value_t *rets);

/* W1: each call into the VM allocates its argument and result arrays from
 * the instance's long-lived pool and "frees" them with ngx_pfree(); they are
 * small, so nothing is freed and the instance pool grows with every call. */

ngx_int_t my_vm_call_on_headers(my_vm_instance_t *instance, ngx_uint_t id,
                                ngx_uint_t nheaders) {
  my_vm_value_t *args, *rets;
  ngx_int_t rc;

  args = ngx_palloc(instance->pool, 3 * sizeof(my_vm_value_t)); // notes-note 2 {{Block of 48 bytes allocated here}}
  if (args == NULL) // notes-note 3 {{Assuming 'args' is not equal to NULL}}
                    // notes-note@-1 3 {{Taking false branch}}
    return NGX_ERROR;

  rets = ngx_palloc(instance->pool, sizeof(my_vm_value_t)); // notes-note{{Block of 16 bytes allocated here}}
  if (rets == NULL) { // notes-note{{Assuming 'rets' is equal to NULL}}
                      // notes-note@-1{{Taking true branch}}
                      // notes-note@-2 2 {{Assuming 'rets' is not equal to NULL}}
                      // notes-note@-3 2 {{Taking false branch}}
    ngx_pfree(instance->pool, args); // expected-warning{{'ngx_pfree' cannot release this block of 48 bytes: blocks of at most 4095 bytes from 'instance->pool' are kept until the pool is destroyed, and ngx_pfree returns NGX_DECLINED; reuse the buffer instead of freeing and allocating again, or give this phase a pool of its own (ngx_create_pool/ngx_destroy_pool)}}
                                     // notes-note@-1{{'ngx_pfree' cannot release this block of 48 bytes: blocks of at most 4095 bytes from 'instance->pool' are kept until the pool is destroyed, and ngx_pfree returns NGX_DECLINED; reuse the buffer instead of freeing and allocating again, or give this phase a pool of its own (ngx_create_pool/ngx_destroy_pool)}}
    return NGX_ERROR;
  }

  args[0].i64 = id;
  args[1].i64 = nheaders;
  args[2].i64 = 1;

  rc = my_vm_invoke(instance, args, rets);

  ngx_pfree(instance->pool, args); // expected-warning{{'ngx_pfree' cannot release this block of 48 bytes: blocks of at most 4095 bytes from 'instance->pool' are kept until the pool is destroyed, and ngx_pfree returns NGX_DECLINED; reuse the buffer instead of freeing and allocating again, or give this phase a pool of its own (ngx_create_pool/ngx_destroy_pool)}}
                                   // notes-note@-1{{'ngx_pfree' cannot release this block of 48 bytes: blocks of at most 4095 bytes from 'instance->pool' are kept until the pool is destroyed, and ngx_pfree returns NGX_DECLINED; reuse the buffer instead of freeing and allocating again, or give this phase a pool of its own (ngx_create_pool/ngx_destroy_pool)}}
  ngx_pfree(instance->pool, rets); // expected-warning{{'ngx_pfree' cannot release this block of 16 bytes: blocks of at most 4095 bytes from 'instance->pool' are kept until the pool is destroyed, and ngx_pfree returns NGX_DECLINED; reuse the buffer instead of freeing and allocating again, or give this phase a pool of its own (ngx_create_pool/ngx_destroy_pool)}}
                                   // notes-note@-1{{'ngx_pfree' cannot release this block of 16 bytes: blocks of at most 4095 bytes from 'instance->pool' are kept until the pool is destroyed, and ngx_pfree returns NGX_DECLINED; reuse the buffer instead of freeing and allocating again, or give this phase a pool of its own (ngx_create_pool/ngx_destroy_pool)}}
  return rc;
}

/* W1 fixed: the call's memory comes from a pool of its own, destroyed when
 * the call is done (nothing is ngx_pfree()d). */

ngx_int_t my_vm_call_on_headers_fixed(my_vm_instance_t *instance,
                                      ngx_uint_t id, ngx_uint_t nheaders) {
  ngx_pool_t *call_pool;
  my_vm_value_t *args, *rets;
  ngx_int_t rc;

  call_pool = ngx_create_pool(512, instance->log);
  if (call_pool == NULL)
    return NGX_ERROR;

  args = ngx_palloc(call_pool, 3 * sizeof(my_vm_value_t));
  rets = ngx_palloc(call_pool, sizeof(my_vm_value_t));
  if (args == NULL || rets == NULL) {
    ngx_destroy_pool(call_pool);
    return NGX_ERROR;
  }

  args[0].i64 = id;
  args[1].i64 = nheaders;
  args[2].i64 = 1;

  rc = my_vm_invoke(instance, args, rets);

  ngx_destroy_pool(call_pool); // no-warning
  return rc;
}
