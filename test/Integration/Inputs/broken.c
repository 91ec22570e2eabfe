/* Does not compile: the analysis fails. */
#include "ngx-sim.h"

ngx_int_t broken_handler(ngx_http_request_t *r) { return NGX_OK }
