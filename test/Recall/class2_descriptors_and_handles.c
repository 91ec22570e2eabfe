// Recall set, class 2 (/work/shared/notes/real-fixed-bugs.md): descriptors,
// sockets and library handles leaked on error paths. Each row that
// nginx.ResourceLeak catches has its fixed twin beside it. Descriptors and
// directory streams are built in; the OpenSSL handles (X509, BIO) are not,
// and are declared below with the annotations of include/ngx_pool_check.h,
// the way a module author declares a library's handle. Rows not caught are
// listed in checkers/ResourceLeak.md, with the reason.
//
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.ResourceLeak %ngx_sim %ngx_include -verify %s
// RUN: %clang_analyze_cc1 %ngx_load -analyzer-checker=core,nginx.ResourceLeak %ngx_sim \
// RUN:   %ngx_include -analyzer-output=text -verify=expected,notes %s

#include "ngx-sim.h"
#include "ngx_pool_check.h"

/* <sys/epoll.h>, <sys/socket.h> */
#define AF_UNIX 1
#define SOCK_DGRAM 2
#define EPOLL_CTL_ADD 1
#define EPOLLIN 0x001
#define EPOLLRDHUP 0x2000
struct epoll_event {
  unsigned int events;
  void *ptr;
};
int epoll_ctl(int epfd, int op, int fd, struct epoll_event *event);
int epoll_wait(int epfd, struct epoll_event *events, int maxevents,
               int timeout);

/* OpenSSL's handles, declared as a module author would (not built in). */
typedef struct ssl_st SSL;
typedef struct ssl_ctx_st SSL_CTX;
typedef struct x509_st X509;
typedef struct bio_st BIO;
X509 *(SSL_get_peer_certificate)(const SSL *s) NGX_PC_ACQUIRE("X509");
X509 *(PEM_read_bio_X509_AUX)(BIO *bp, X509 **x, void *cb, void *u) NGX_PC_ACQUIRE("X509");
void (X509_free)(X509 *x NGX_PC_RELEASE("X509"));
BIO *(BIO_new_file)(const char *filename, const char *mode) NGX_PC_ACQUIRE("BIO");
int (BIO_free)(BIO *b NGX_PC_RELEASE("BIO"));
int SSL_CTX_use_certificate(SSL_CTX *ctx, X509 *x);
int SSL_CTX_set_ex_data(SSL_CTX *ctx, int idx, void *arg);

static int my_epoll_fd = -1;
static ngx_uint_t my_use_rdhup;

/* N15: a start-up probe opens a socketpair and returns on the epoll_ctl,
 * close and epoll_wait errors without closing the pair. */

void my_probe_rdhup(ngx_cycle_t *cycle) {
  int s[2];
  struct epoll_event ee;

  if (socketpair(AF_UNIX, SOCK_STREAM, 0, s) == -1) // notes-note 3 {{Socket opened by 'socketpair'}}
                                                    // notes-note@-1 3 {{Taking false branch}}
    return;

  ee.events = EPOLLIN | EPOLLRDHUP;
  ee.ptr = NULL;

  if (epoll_ctl(my_epoll_fd, EPOLL_CTL_ADD, s[0], &ee) == -1) // notes-note{{Assuming the condition is true}}
                                                              // notes-note@-1{{Taking true branch}}
                                                              // notes-note@-2 2 {{Assuming the condition is false}}
                                                              // notes-note@-3 2 {{Taking false branch}}
    return; // expected-warning{{Socket opened by 'socketpair' is not closed, and no pool cleanup is registered for it; close it (ngx_close_socket), hand it to an owner such as ngx_get_connection(), or register ngx_pool_cleanup_add(cycle->pool, ...) with a handler that closes it}}
            // notes-note@-1{{Socket opened by 'socketpair' is not closed, and no pool cleanup is registered for it; close it (ngx_close_socket), hand it to an owner such as ngx_get_connection(), or register ngx_pool_cleanup_add(cycle->pool, ...) with a handler that closes it}}

  if (close(s[1]) == -1) // notes-note{{Assuming the condition is true}}
                         // notes-note@-1{{Taking true branch}}
                         // notes-note@-2{{Assuming the condition is false}}
                         // notes-note@-3{{Taking false branch}}
    return; // expected-warning{{Socket opened by 'socketpair' is not closed, and no pool cleanup is registered for it; close it (ngx_close_socket), hand it to an owner such as ngx_get_connection(), or register ngx_pool_cleanup_add(cycle->pool, ...) with a handler that closes it}}
            // notes-note@-1{{Socket opened by 'socketpair' is not closed, and no pool cleanup is registered for it; close it (ngx_close_socket), hand it to an owner such as ngx_get_connection(), or register ngx_pool_cleanup_add(cycle->pool, ...) with a handler that closes it}}

  if (epoll_wait(my_epoll_fd, &ee, 1, 0) == -1) // notes-note{{Assuming the condition is true}}
                                                // notes-note@-1{{Taking true branch}}
    return; // expected-warning{{Socket opened by 'socketpair' is not closed, and no pool cleanup is registered for it; close it (ngx_close_socket), hand it to an owner such as ngx_get_connection(), or register ngx_pool_cleanup_add(cycle->pool, ...) with a handler that closes it}}
            // notes-note@-1{{Socket opened by 'socketpair' is not closed, and no pool cleanup is registered for it; close it (ngx_close_socket), hand it to an owner such as ngx_get_connection(), or register ngx_pool_cleanup_add(cycle->pool, ...) with a handler that closes it}}

  my_use_rdhup = ee.events & EPOLLRDHUP;
  close(s[0]);
}

/* N15 fixed: every error goes to one label that closes what is open. */

void my_probe_rdhup_fixed(ngx_cycle_t *cycle) {
  int s[2];
  struct epoll_event ee;

  if (socketpair(AF_UNIX, SOCK_STREAM, 0, s) == -1)
    return;

  ee.events = EPOLLIN | EPOLLRDHUP;
  ee.ptr = NULL;

  if (epoll_ctl(my_epoll_fd, EPOLL_CTL_ADD, s[0], &ee) == -1)
    goto failed;

  if (close(s[1]) == -1) {
    s[1] = -1;
    goto failed;
  }
  s[1] = -1;

  if (epoll_wait(my_epoll_fd, &ee, 1, 0) == -1)
    goto failed;

  my_use_rdhup = ee.events & EPOLLRDHUP;

failed:
  if (s[1] != -1)
    close(s[1]);
  close(s[0]); // no-warning
}

/* N16: a log peer registers its pool cleanup (which closes peer->fd) before
 * the socket exists; the error returns after ngx_socket() leak the socket,
 * because it is stored in the peer only at the end. */

typedef struct {
  ngx_pool_t *pool;
  ngx_socket_t fd;
  struct sockaddr *sockaddr;
  socklen_t socklen;
} my_log_peer_t;

static void my_log_peer_cleanup(void *data) {
  my_log_peer_t *peer = data;
  if (peer->fd != -1)
    close(peer->fd);
}

ngx_int_t my_log_peer_init(my_log_peer_t *peer) {
  ngx_socket_t fd;
  ngx_pool_cleanup_t *cln;

  peer->fd = -1;

  cln = ngx_pool_cleanup_add(peer->pool, 0);
  if (cln == NULL) // notes-note 2 {{Assuming 'cln' is not equal to NULL}}
                   // notes-note@-1 2 {{Taking false branch}}
    return NGX_ERROR;
  cln->data = peer;
  cln->handler = my_log_peer_cleanup;

  fd = ngx_socket(AF_INET, SOCK_DGRAM, 0); // notes-note 2 {{Socket opened by 'socket'}}
  if (fd == (ngx_socket_t) -1) // notes-note 2 {{Taking false branch}}
    return NGX_ERROR;

  if (ngx_nonblocking(fd) == -1) // notes-note{{Assuming the condition is true}}
                                 // notes-note@-1{{Taking true branch}}
                                 // notes-note@-2{{Assuming the condition is false}}
                                 // notes-note@-3{{Taking false branch}}
    return NGX_ERROR; // expected-warning{{Socket 'fd' opened by 'socket' is not closed, and no pool cleanup is registered for it; close it (ngx_close_socket), hand it to an owner such as ngx_get_connection(), or register ngx_pool_cleanup_add(pool, ...) with a handler that closes it}}
                      // notes-note@-1{{Socket 'fd' opened by 'socket' is not closed, and no pool cleanup is registered for it; close it (ngx_close_socket), hand it to an owner such as ngx_get_connection(), or register ngx_pool_cleanup_add(pool, ...) with a handler that closes it}}

  if (connect(fd, peer->sockaddr, peer->socklen) == -1) // notes-note{{Assuming the condition is true}}
                                                        // notes-note@-1{{Taking true branch}}
    return NGX_ERROR; // expected-warning{{Socket 'fd' opened by 'socket' is not closed, and no pool cleanup is registered for it; close it (ngx_close_socket), hand it to an owner such as ngx_get_connection(), or register ngx_pool_cleanup_add(pool, ...) with a handler that closes it}}
                      // notes-note@-1{{Socket 'fd' opened by 'socket' is not closed, and no pool cleanup is registered for it; close it (ngx_close_socket), hand it to an owner such as ngx_get_connection(), or register ngx_pool_cleanup_add(pool, ...) with a handler that closes it}}

  peer->fd = fd;
  return NGX_OK;
}

/* N16 fixed: the cleanup is registered last, and the socket is closed at a
 * `failed:` label. */

ngx_int_t my_log_peer_init_fixed(my_log_peer_t *peer) {
  ngx_socket_t fd;
  ngx_pool_cleanup_t *cln;

  fd = ngx_socket(AF_INET, SOCK_DGRAM, 0);
  if (fd == (ngx_socket_t) -1)
    return NGX_ERROR;

  if (ngx_nonblocking(fd) == -1)
    goto failed;

  if (connect(fd, peer->sockaddr, peer->socklen) == -1)
    goto failed;

  cln = ngx_pool_cleanup_add(peer->pool, 0);
  if (cln == NULL)
    goto failed;
  cln->data = peer;
  cln->handler = my_log_peer_cleanup;

  peer->fd = fd;
  return NGX_OK; // no-warning

failed:
  ngx_close_socket(fd);
  return NGX_ERROR;
}

/* R1: a periodic cleanup walks a fragment directory and returns at the end
 * of the listing without closing the directory. */

#define MY_ENOMOREFILES 0
extern int my_errno;
ngx_int_t my_remove_stale(ngx_dir_t *dir);

ngx_int_t my_cleanup_fragments(ngx_str_t *path) {
  ngx_dir_t dir;
  ngx_int_t nerased = 0;

  if (ngx_open_dir(path, &dir) != NGX_OK) // notes-note{{Directory stream opened by 'ngx_open_dir'}}
                                          // notes-note@-1{{Taking false branch}}
    return NGX_ERROR;

  for (;;) { // notes-note{{Loop condition is true.  Entering loop body}}
    my_errno = 0;
    if (ngx_read_dir(&dir) == NGX_ERROR) { // notes-note{{Assuming the condition is true}}
                                           // notes-note@-1{{Taking true branch}}
      if (my_errno == MY_ENOMOREFILES) // notes-note{{'my_errno' is equal to MY_ENOMOREFILES}}
                                       // notes-note@-1{{Taking true branch}}
        return nerased; // expected-warning{{Directory stream 'dir.dir' opened by 'ngx_open_dir' is not closed, and no pool cleanup is registered for it; close it (ngx_close_dir or closedir), or register ngx_pool_cleanup_add(pool, ...) with a handler that does}}
                        // notes-note@-1{{Directory stream 'dir.dir' opened by 'ngx_open_dir' is not closed, and no pool cleanup is registered for it; close it (ngx_close_dir or closedir), or register ngx_pool_cleanup_add(pool, ...) with a handler that does}}
      ngx_close_dir(&dir);
      return NGX_ERROR;
    }
    nerased += my_remove_stale(&dir);
  }
}

/* R1 fixed: the end of the listing closes the directory too. */

ngx_int_t my_cleanup_fragments_fixed(ngx_str_t *path) {
  ngx_dir_t dir;
  ngx_int_t nerased = 0;

  if (ngx_open_dir(path, &dir) != NGX_OK)
    return NGX_ERROR;

  for (;;) {
    my_errno = 0;
    if (ngx_read_dir(&dir) == NGX_ERROR) {
      ngx_close_dir(&dir);
      return my_errno == MY_ENOMOREFILES ? nerased : NGX_ERROR; // no-warning
    }
    nerased += my_remove_stale(&dir);
  }
}

/* S1: a per-request random value is read from /dev/urandom; a short read
 * returns before the descriptor is closed. */

ngx_int_t my_random_bytes(ngx_http_request_t *r, u_char *out) {
  ngx_fd_t fd;
  ssize_t n;
  u_char entropy[16];

  fd = ngx_open_file("/dev/urandom", NGX_FILE_RDONLY, NGX_FILE_OPEN, 0); // notes-note{{Descriptor opened by 'open'}}
  if (fd == NGX_INVALID_FILE) // notes-note{{Taking false branch}}
    return NGX_ERROR;

  n = ngx_read_fd(fd, entropy, sizeof(entropy));
  if (n != sizeof(entropy)) // notes-note{{Assuming the condition is true}}
                            // notes-note@-1{{Taking true branch}}
    return NGX_ERROR; // expected-warning{{Descriptor 'fd' opened by 'open' is not closed, and no pool cleanup is registered for it; close it (ngx_close_file), or register ngx_pool_cleanup_add(r->pool, ...) with ngx_pool_cleanup_file right after opening it}}
                      // notes-note@-1{{Descriptor 'fd' opened by 'open' is not closed, and no pool cleanup is registered for it; close it (ngx_close_file), or register ngx_pool_cleanup_add(r->pool, ...) with ngx_pool_cleanup_file right after opening it}}

  ngx_close_file(fd);
  ngx_memcpy(out, entropy, sizeof(entropy));
  return NGX_OK;
}

/* S1 fixed: the short read closes the descriptor first. */

ngx_int_t my_random_bytes_fixed(ngx_http_request_t *r, u_char *out) {
  ngx_fd_t fd;
  ssize_t n;
  u_char entropy[16];

  fd = ngx_open_file("/dev/urandom", NGX_FILE_RDONLY, NGX_FILE_OPEN, 0);
  if (fd == NGX_INVALID_FILE)
    return NGX_ERROR;

  n = ngx_read_fd(fd, entropy, sizeof(entropy));
  if (n != sizeof(entropy)) {
    ngx_close_file(fd);
    return NGX_ERROR; // no-warning
  }

  ngx_close_file(fd);
  ngx_memcpy(out, entropy, sizeof(entropy));
  return NGX_OK;
}

/* N14: per-connection certificate-status validation takes a reference to
 * the peer certificate and returns on its error paths without dropping it. */

typedef struct {
  SSL *connection;
  void *status;
} my_ssl_conn_t;

typedef struct {
  X509 *issuer;
  ngx_uint_t state;
} my_status_t;

ngx_int_t my_status_lookup(my_status_t *st, X509 *cert);

ngx_int_t my_status_validate(ngx_connection_t *c, my_ssl_conn_t *sc) {
  X509 *cert;
  my_status_t *st;

  cert = SSL_get_peer_certificate(sc->connection); // notes-note{{Resource acquired by 'SSL_get_peer_certificate'}}
  if (cert == NULL) // notes-note{{'cert' is not equal to NULL}}
                    // notes-note@-1{{Taking false branch}}
    return NGX_OK;

  st = ngx_pcalloc(c->pool, sizeof(my_status_t)); // expected-warning{{Resource 'cert' acquired by 'SSL_get_peer_certificate' is not released, and no pool cleanup is registered for it; release it, or register ngx_pool_cleanup_add(c->pool, ...) with a handler that does}}
                                                  // notes-note@-1{{Resource 'cert' acquired by 'SSL_get_peer_certificate' is not released, and no pool cleanup is registered for it; release it, or register ngx_pool_cleanup_add(c->pool, ...) with a handler that does}}
  if (st == NULL)
    return NGX_ERROR;

  sc->status = st;
  return my_status_lookup(st, NULL);
}

/* N14 fixed: the reference is dropped on every path. */

ngx_int_t my_status_validate_fixed(ngx_connection_t *c, my_ssl_conn_t *sc) {
  X509 *cert;
  my_status_t *st;

  cert = SSL_get_peer_certificate(sc->connection);
  if (cert == NULL)
    return NGX_OK;

  st = ngx_pcalloc(c->pool, sizeof(my_status_t));
  if (st == NULL) {
    X509_free(cert);
    return NGX_ERROR; // no-warning
  }

  sc->status = st;
  X509_free(cert);
  return my_status_lookup(st, NULL);
}

/* N17: loading a certificate at configuration time opens a BIO on the file
 * (a descriptor) and reads the certificate; one error path returns without
 * freeing either, so each reload leaks memory and a descriptor. */

extern int my_cert_index;

ngx_int_t my_load_certificate(ngx_conf_t *cf, SSL_CTX *ctx, ngx_str_t *name) {
  BIO *bio;
  X509 *x509;

  bio = BIO_new_file((char *) name->data, "r"); // notes-note{{Resource acquired by 'BIO_new_file'}}
  if (bio == NULL) // notes-note 2 {{'bio' is not equal to NULL}}
                   // notes-note@-1 2 {{Taking false branch}}
    return NGX_ERROR;

  x509 = PEM_read_bio_X509_AUX(bio, NULL, NULL, NULL); // notes-note{{Resource acquired by 'PEM_read_bio_X509_AUX'}}
  if (x509 == NULL) { // notes-note 2 {{'x509' is not equal to NULL}}
                      // notes-note@-1 2 {{Taking false branch}}
    BIO_free(bio);
    return NGX_ERROR;
  }

  if (SSL_CTX_set_ex_data(ctx, my_cert_index, name->data) == 0) // notes-note 2 {{Assuming the condition is true}}
                                                                // notes-note@-1 2 {{Taking true branch}}
    return NGX_ERROR; // expected-warning{{Resource 'bio' acquired by 'BIO_new_file' is not released, and no pool cleanup is registered for it; release it, or register ngx_pool_cleanup_add(cf->pool, ...) with a handler that does}}
                      // notes-note@-1{{Resource 'bio' acquired by 'BIO_new_file' is not released, and no pool cleanup is registered for it; release it, or register ngx_pool_cleanup_add(cf->pool, ...) with a handler that does}}
                      // expected-warning@-2{{Resource 'x509' acquired by 'PEM_read_bio_X509_AUX' is not released, and no pool cleanup is registered for it; release it, or register ngx_pool_cleanup_add(cf->pool, ...) with a handler that does}}
                      // notes-note@-3{{Resource 'x509' acquired by 'PEM_read_bio_X509_AUX' is not released, and no pool cleanup is registered for it; release it, or register ngx_pool_cleanup_add(cf->pool, ...) with a handler that does}}

  if (SSL_CTX_use_certificate(ctx, x509) == 0) {
    X509_free(x509);
    BIO_free(bio);
    return NGX_ERROR;
  }

  X509_free(x509);
  BIO_free(bio);
  return NGX_OK;
}

/* N17 fixed: that error path frees both. */

ngx_int_t my_load_certificate_fixed(ngx_conf_t *cf, SSL_CTX *ctx,
                                    ngx_str_t *name) {
  BIO *bio;
  X509 *x509;

  bio = BIO_new_file((char *) name->data, "r");
  if (bio == NULL)
    return NGX_ERROR;

  x509 = PEM_read_bio_X509_AUX(bio, NULL, NULL, NULL);
  if (x509 == NULL) {
    BIO_free(bio);
    return NGX_ERROR;
  }

  if (SSL_CTX_set_ex_data(ctx, my_cert_index, name->data) == 0) {
    X509_free(x509);
    BIO_free(bio);
    return NGX_ERROR; // no-warning
  }

  if (SSL_CTX_use_certificate(ctx, x509) == 0) {
    X509_free(x509);
    BIO_free(bio);
    return NGX_ERROR;
  }

  X509_free(x509);
  BIO_free(bio);
  return NGX_OK;
}
