// The same declarations as author_annotations.c, from a file given with
// -analyzer-config nginx.ResourceLeak:ConfigFile=...; a file that is missing
// or malformed is an error naming the problem.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.ResourceLeak %ngx_sim \
// RUN:   -analyzer-config nginx.ResourceLeak:ConfigFile=%S/Inputs/mylib.conf -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.ResourceLeak %ngx_sim \
// RUN:   -analyzer-config nginx.ResourceLeak:ConfigFile=%S/Inputs/mylib.conf \
// RUN:   -analyzer-output=text -verify=expected,notes %s
// Without the file, the functions are unknown and nothing is reported:
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.ResourceLeak %ngx_sim -verify=none %s
//
// RUN: not %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.ResourceLeak %ngx_sim \
// RUN:   -analyzer-config nginx.ResourceLeak:ConfigFile=%S/Inputs/no-such.conf %s 2>&1 \
// RUN:   | FileCheck %s --check-prefix=MISSING
// MISSING: error: invalid input for checker option 'nginx.ResourceLeak:ConfigFile', that expects a readable file ('{{.*}}no-such.conf': No such file or directory)
//
// RUN: not %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.ResourceLeak %ngx_sim \
// RUN:   -analyzer-config nginx.ResourceLeak:ConfigFile=%S/Inputs/bad-role.conf %s 2>&1 \
// RUN:   | FileCheck %s --check-prefix=ROLE
// ROLE: error: invalid input for checker option 'nginx.ResourceLeak:ConfigFile', that expects a file of resource declarations ('{{.*}}bad-role.conf' line 1: unknown role 'aquire' (expected acquire, acquire-out, release or use))
//
// RUN: not %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.ResourceLeak %ngx_sim \
// RUN:   -analyzer-config nginx.ResourceLeak:ConfigFile=%S/Inputs/missing-arg.conf %s 2>&1 \
// RUN:   | FileCheck %s --check-prefix=ARG
// ARG: line 1: 'release' needs the argument's index (0 for the first)

#include "ngx-sim.h"

// none-no-diagnostics

typedef struct lua_State lua_State;
lua_State *luaL_newstate(void);
void lua_close(lua_State *L);
int lua_gettop(lua_State *L);
typedef struct my_db my_db;
int my_db_open(const char *name, my_db **db);
void my_db_close(my_db *db);

ngx_int_t lua_state_leaks(ngx_http_request_t *r) {
  lua_State *L = luaL_newstate(); // notes-note{{Resource acquired by 'luaL_newstate'}}
  if (L == NULL) // notes-note{{'L' is not equal to NULL}}
                 // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  return NGX_OK; // expected-warning{{Resource 'L' acquired by 'luaL_newstate' is not released}}
                 // notes-note@-1{{Resource 'L' acquired by 'luaL_newstate' is not released, and no pool cleanup is registered for it; release it, or register ngx_pool_cleanup_add(r->pool, ...) with a handler that does}}
}

ngx_int_t lua_state_closed(ngx_http_request_t *r) {
  lua_State *L = luaL_newstate();
  if (L == NULL)
    return NGX_ERROR;
  lua_close(L);
  return NGX_OK;
}

ngx_int_t db_leaks(ngx_http_request_t *r) {
  my_db *db;
  if (my_db_open("sessions", &db) != 0) // notes-note{{Resource acquired by 'my_db_open'}}
                                        // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  return NGX_OK; // expected-warning{{Resource 'db' acquired by 'my_db_open' is not released}}
                 // notes-note@-1{{Resource 'db' acquired by 'my_db_open' is not released, and no pool cleanup is registered for it; release it, or register ngx_pool_cleanup_add(r->pool, ...) with a handler that does}}
}

ngx_int_t db_closed(ngx_http_request_t *r) {
  my_db *db;
  if (my_db_open("sessions", &db) != 0)
    return NGX_ERROR;
  my_db_close(db);
  return NGX_OK;
}
