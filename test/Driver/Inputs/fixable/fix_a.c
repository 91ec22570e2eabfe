#include "include/fix_helper.h"

ngx_int_t fix_a_handler(ngx_http_request_t *r) {
  return fix_helper(r);
}
