#include "include/scratch.h"

ngx_int_t scratch_a_handler(ngx_http_request_t *r) {
  return scratch(r) ? NGX_OK : NGX_ERROR;
}
