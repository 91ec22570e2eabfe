// Regression (nginx 1.22 ngx_http_set_keepalive): a function that returns
// chain links to the connection pool's free list and takes one back for the
// buffer it keeps. On the paths where the analyzer does not see the link
// returned (it cannot know the buffer is always on the busy list) the link
// is still recycled: a function that calls ngx_free_chain on a pool is taken
// to recycle its links. The twin never returns a link and is reported.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.PoolLifetime %ngx_sim \
// RUN:   -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"

void finish_and_keep_buffer(ngx_http_request_t *r, ngx_buf_t *keep) {
  ngx_connection_t *c = r->connection;
  ngx_http_connection_t *hc = r->http_connection;
  ngx_chain_t *cl, *next;

  for (cl = hc->busy_chain; cl; cl = next) {
    next = cl->next;
    if (cl->buf == keep) {
      ngx_free_chain(c->pool, cl);
      continue;
    }
    cl->next = hc->free_chain;
    hc->free_chain = cl;
  }

  cl = ngx_alloc_chain_link(c->pool); // no-warning
  if (cl == NULL)
    return;
  cl->buf = keep;
  cl->next = NULL;
  hc->busy_chain = cl;
}

void finish_and_keep_buffer_no_recycling(ngx_http_request_t *r,
                                         ngx_buf_t *keep) {
  ngx_connection_t *c = r->connection; // notes-note{{'c' is the connection of request 'r': its pool lives until the client disconnects}}
  ngx_http_connection_t *hc = r->http_connection;
  ngx_chain_t *cl, *next;

  for (cl = hc->busy_chain; cl; cl = next) { // notes-note{{Loop condition is false. Execution continues on line 49}}
    next = cl->next;
    cl->next = hc->free_chain;
    hc->free_chain = cl;
  }

  cl = ngx_alloc_chain_link(c->pool); // expected-warning{{'ngx_alloc_chain_link' allocates from the connection pool of request 'r'}}
                                      // notes-note@-1{{'ngx_alloc_chain_link' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
  if (cl == NULL)
    return;
  cl->buf = keep;
  cl->next = NULL;
  hc->busy_chain = cl;
}

// A loop that walks the connection's list to its end does not make what
// follows a one-time initialisation.
void append_every_request(ngx_http_request_t *r) {
  ngx_http_connection_t *hc = r->http_connection;
  ngx_chain_t *cl, **last = &hc->busy_chain;

  for (cl = hc->busy_chain; cl; cl = cl->next) // notes-note{{Loop condition is false. Execution continues on line 67}}
    last = &cl->next;

  cl = ngx_alloc_chain_link(r->connection->pool); // expected-warning{{'ngx_alloc_chain_link' allocates from the connection pool of request 'r'}}
                                                  // notes-note@-1{{'ngx_alloc_chain_link' allocates from the connection pool of request 'r': the memory stays until the client disconnects and grows with every keepalive request; allocate from 'r->pool'}}
  if (cl == NULL)
    return;
  cl->buf = NULL;
  cl->next = NULL;
  *last = cl;
}
