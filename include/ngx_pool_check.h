/*
 * ngx_pool_check.h - annotations for ngx-pool-check, for nginx module authors.
 *
 * Include it from module code. Every macro expands to a clang attribute only
 * while the static analyzer runs (__clang_analyzer__ is defined), and to
 * nothing in a normal build, so the header costs nothing and needs nothing.
 *
 * NGX_PC_CONNECTION_SCOPE
 *     Put it before a function that runs once per client connection, not
 *     once per request, although it has a request at hand (for example a
 *     handler that sets up per-connection state the first time a connection
 *     is seen). nginx.PoolLifetime does not report allocations from the
 *     connection pool in it, or in the functions it calls.
 *
 *         NGX_PC_CONNECTION_SCOPE
 *         static ngx_int_t
 *         ngx_http_foo_init_connection_state(ngx_http_request_t *r);
 */

#ifndef NGX_POOL_CHECK_H
#define NGX_POOL_CHECK_H

#if defined(__clang_analyzer__)
#define NGX_PC_CONNECTION_SCOPE                                                \
    __attribute__((annotate("ngx_pool_check::connection_scope")))
#else
#define NGX_PC_CONNECTION_SCOPE
#endif

#endif /* NGX_POOL_CHECK_H */
