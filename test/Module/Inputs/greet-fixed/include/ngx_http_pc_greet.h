/* Found only through the config's ngx_module_incs. */
#ifndef NGX_HTTP_PC_GREET_H
#define NGX_HTTP_PC_GREET_H

#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>

#ifndef NGX_HTTP_PC_GREET_HAVE_STRLEN
#error "the config's feature test defines NGX_HTTP_PC_GREET_HAVE_STRLEN"
#endif

#define NGX_HTTP_PC_GREETING  "hello"

ngx_int_t ngx_http_pc_greet_body(ngx_http_request_t *r, ngx_chain_t *out);

#endif /* NGX_HTTP_PC_GREET_H */
