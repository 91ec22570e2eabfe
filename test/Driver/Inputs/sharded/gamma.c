/* Calls the header helper; nothing else. */
#include "include/scratch_pool.h"

ngx_int_t gamma_handler(ngx_http_request_t *r) {
  return scratch_alloc(r, 3) ? NGX_OK : NGX_ERROR;
}
