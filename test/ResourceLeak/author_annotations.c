// Resources a module author declares with ngx_pool_check.h: an external
// library's handle (LuaJIT's lua_State), an out-parameter handle, and a
// descriptor-returning wrapper in the built-in "fd" family. Each leak has a
// twin that releases; use after release is found too.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.ResourceLeak %ngx_sim %ngx_include -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.ResourceLeak %ngx_sim \
// RUN:   %ngx_include -analyzer-output=text -verify=expected,notes %s
// Outside the analyzer the annotations are nothing, and the code compiles:
// RUN: %clang_cc1 -fsyntax-only %ngx_sim %ngx_include %s -U__clang_analyzer__

#include "ngx-sim.h"
#include "ngx_pool_check.h"

typedef struct lua_State lua_State;
lua_State *(luaL_newstate)(void) NGX_PC_ACQUIRE("lua");
void (lua_close)(lua_State *L NGX_PC_RELEASE("lua"));
int (lua_gettop)(lua_State *L NGX_PC_USE("lua"));

typedef struct my_db my_db;
int my_db_open(const char *name, my_db **db NGX_PC_ACQUIRE_OUT("mydb"));
void my_db_close(my_db *db NGX_PC_RELEASE("mydb"));

ngx_fd_t my_cache_open(ngx_str_t *key) NGX_PC_ACQUIRE("fd");

ngx_int_t lua_state_per_request_leaks(ngx_http_request_t *r) {
  lua_State *L = luaL_newstate(); // notes-note{{Resource acquired by 'luaL_newstate'}}
  if (L == NULL) // notes-note{{'L' is not equal to NULL}}
                 // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  lua_gettop(L);
  return NGX_OK; // expected-warning{{Resource 'L' acquired by 'luaL_newstate' is not released, and no pool cleanup is registered for it; release it, or register ngx_pool_cleanup_add(r->pool, ...) with a handler that does}}
                 // notes-note@-1{{Resource 'L' acquired by 'luaL_newstate' is not released, and no pool cleanup is registered for it; release it, or register ngx_pool_cleanup_add(r->pool, ...) with a handler that does}}
}

ngx_int_t lua_state_closed(ngx_http_request_t *r) {
  lua_State *L = luaL_newstate();
  if (L == NULL)
    return NGX_ERROR;
  lua_gettop(L);
  lua_close(L);
  return NGX_OK; // no-warning
}

static void my_lua_cleanup(void *data) { lua_close(data); }

ngx_int_t lua_state_closed_by_cleanup(ngx_http_request_t *r) {
  ngx_pool_cleanup_t *cln;
  lua_State *L = luaL_newstate();
  if (L == NULL)
    return NGX_ERROR;
  cln = ngx_pool_cleanup_add(r->pool, 0);
  if (cln == NULL) {
    lua_close(L);
    return NGX_ERROR;
  }
  cln->handler = my_lua_cleanup;
  cln->data = L;
  return NGX_OK; // no-warning
}

ngx_int_t lua_state_used_after_close(ngx_http_request_t *r) {
  lua_State *L = luaL_newstate(); // notes-note{{Resource acquired by 'luaL_newstate'}}
  if (L == NULL) // notes-note{{'L' is not equal to NULL}}
                 // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;
  lua_close(L); // notes-note{{Resource released here}}
  return lua_gettop(L); // expected-warning{{Resource 'L' is used by 'lua_gettop' after it was released}}
                        // notes-note@-1{{Resource 'L' is used by 'lua_gettop' after it was released}}
}

ngx_int_t db_leaks_on_error(ngx_http_request_t *r, int bad) {
  my_db *db;
  if (my_db_open("sessions", &db) != 0) // notes-note{{Resource acquired by 'my_db_open'}}
                                        // notes-note@-1{{Taking false branch}}
    return NGX_ERROR; // no-warning (the failed open acquired nothing)
  if (bad) // notes-note{{Assuming 'bad' is not equal to 0}}
           // notes-note@-1{{Taking true branch}}
    return NGX_ERROR; // expected-warning{{Resource 'db' acquired by 'my_db_open' is not released}}
                      // notes-note@-1{{Resource 'db' acquired by 'my_db_open' is not released, and no pool cleanup is registered for it; release it, or register ngx_pool_cleanup_add(r->pool, ...) with a handler that does}}
  my_db_close(db);
  return NGX_OK;
}

ngx_int_t db_closed_on_error(ngx_http_request_t *r, int bad) {
  my_db *db;
  if (my_db_open("sessions", &db) != 0)
    return NGX_ERROR;
  if (bad) {
    my_db_close(db);
    return NGX_ERROR; // no-warning
  }
  my_db_close(db);
  return NGX_OK;
}

ngx_int_t cache_wrapper_leaks(ngx_http_request_t *r) {
  ngx_fd_t fd = my_cache_open(&r->uri); // notes-note{{Descriptor opened by 'my_cache_open'}}
  if (fd == NGX_INVALID_FILE) // notes-note{{Taking false branch}}
    return NGX_DECLINED;
  return NGX_OK; // expected-warning{{Descriptor 'fd' opened by 'my_cache_open' is not closed}}
                 // notes-note@-1{{Descriptor 'fd' opened by 'my_cache_open' is not closed, and no pool cleanup is registered for it; close it (ngx_close_file), or register ngx_pool_cleanup_add(r->pool, ...) with ngx_pool_cleanup_file right after opening it}}
}

ngx_int_t cache_wrapper_closed(ngx_http_request_t *r) {
  ngx_fd_t fd = my_cache_open(&r->uri);
  if (fd == NGX_INVALID_FILE)
    return NGX_DECLINED;
  ngx_close_file(fd);
  return NGX_OK; // no-warning
}
