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
 *
 * Resources nginx.ResourceLeak should follow. A "family" is a string naming
 * a kind of resource: acquire, release and use must name the same one. The
 * families "fd", "dir" and "stream" are those of descriptors, directory
 * streams and FILE streams, so a wrapper that returns a descriptor is
 * declared NGX_PC_ACQUIRE("fd") and is then closed by close() like any other.
 *
 * NGX_PC_ACQUIRE(family)       after a function's declarator: it returns a
 *                              new resource. Failure is NULL for a pointer,
 *                              a negative value for an integer.
 * NGX_PC_ACQUIRE_OUT(family)   on a pointer parameter: on success (the
 *                              function returns 0, or nothing) *param holds
 *                              a new resource.
 * NGX_PC_RELEASE(family)       on a parameter: the call releases it.
 * NGX_PC_USE(family)           on a parameter: the call needs it open.
 *
 * Example, an external library's handle (LuaJIT's lua_State):
 *
 *     #include <lauxlib.h>
 *     #include <ngx_pool_check.h>
 *
 *     lua_State *(luaL_newstate)(void) NGX_PC_ACQUIRE("lua");
 *     void (lua_close)(lua_State *L NGX_PC_RELEASE("lua"));
 *
 * A state created per request and neither closed nor handed to a pool
 * cleanup is then reported. The same declarations can go into a file given
 * with -analyzer-config nginx.ResourceLeak:ConfigFile=<file> (see
 * checkers/ResourceLeak.md), for headers you cannot change.
 */

#ifndef NGX_POOL_CHECK_H
#define NGX_POOL_CHECK_H

#if defined(__clang_analyzer__)
#define NGX_PC_CONNECTION_SCOPE                                                \
    __attribute__((annotate("ngx_pool_check::connection_scope")))
#define NGX_PC_ACQUIRE(family)                                                 \
    __attribute__((annotate("ngx_pool_check::acquire:" family)))
#define NGX_PC_ACQUIRE_OUT(family)                                             \
    __attribute__((annotate("ngx_pool_check::acquire_out:" family)))
#define NGX_PC_RELEASE(family)                                                 \
    __attribute__((annotate("ngx_pool_check::release:" family)))
#define NGX_PC_USE(family)                                                     \
    __attribute__((annotate("ngx_pool_check::use:" family)))
#else
#define NGX_PC_CONNECTION_SCOPE
#define NGX_PC_ACQUIRE(family)
#define NGX_PC_ACQUIRE_OUT(family)
#define NGX_PC_RELEASE(family)
#define NGX_PC_USE(family)
#endif

#endif /* NGX_POOL_CHECK_H */
