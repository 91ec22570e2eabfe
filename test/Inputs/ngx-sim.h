/*
 * A compact simulation of the nginx API for focused checker tests, in the
 * spirit of clang's test/Analysis/Inputs/system-header-simulator.h. Struct
 * and function names, field names and macro shapes follow nginx 1.22 so the
 * checkers see what they see in real code; bodies are declared only where
 * nginx itself defines them in a header (ngx_array_init, ngx_list_init,
 * ngx_free_chain). Tests against the real headers live in test/RealHeaders.
 */

/* Not a system header: nginx's headers are included with -I, and the
 * analyzer treats reports whose path runs through inlined system-header code
 * differently. */

#ifndef NGX_SIM_H
#define NGX_SIM_H

typedef unsigned long size_t;
typedef long ssize_t;
typedef long off_t;
typedef long intptr_t;
typedef unsigned long uintptr_t;
typedef unsigned char u_char;
typedef intptr_t ngx_int_t;
typedef uintptr_t ngx_uint_t;
typedef intptr_t ngx_flag_t;
typedef int ngx_fd_t;
typedef int ngx_socket_t;
typedef int ngx_err_t;

#define NULL ((void *) 0)

#define NGX_OK 0
#define NGX_ERROR -1
#define NGX_AGAIN -2
#define NGX_DECLINED -5
#define NGX_DONE -4
#define NGX_HTTP_OK 200
#define NGX_HTTP_NOT_FOUND 404
#define NGX_HTTP_NOT_ALLOWED 405
#define NGX_HTTP_INTERNAL_SERVER_ERROR 500

typedef struct ngx_pool_s ngx_pool_t;
typedef struct ngx_chain_s ngx_chain_t;
typedef struct ngx_log_s ngx_log_t;
typedef struct ngx_connection_s ngx_connection_t;
typedef struct ngx_event_s ngx_event_t;
typedef struct ngx_buf_s ngx_buf_t;
typedef struct ngx_http_request_s ngx_http_request_t;
typedef struct ngx_cycle_s ngx_cycle_t;
typedef struct ngx_conf_s ngx_conf_t;
typedef struct ngx_module_s ngx_module_t;

typedef struct {
  size_t len;
  u_char *data;
} ngx_str_t;

#define ngx_string(str) { sizeof(str) - 1, (u_char *) str }

struct ngx_log_s {
  ngx_uint_t log_level;
};

/* The C library calls nginx wraps (<fcntl.h>, <unistd.h>, <sys/socket.h>,
 * <dirent.h>, <stdio.h>). */

typedef unsigned int socklen_t;
struct sockaddr;
struct stat;
typedef struct __dirstream DIR;
typedef struct _IO_FILE FILE;
struct dirent;

#define O_RDONLY 00
#define O_WRONLY 01
#define O_RDWR 02
#define O_CREAT 0100
#define O_TRUNC 01000
#define O_APPEND 02000
#define O_NONBLOCK 04000
#define F_DUPFD 0
#define F_GETFL 3
#define F_SETFL 4
#define F_DUPFD_CLOEXEC 1030
#define AF_INET 2
#define SOCK_STREAM 1

int open(const char *path, int flags, ...);
int openat(int dirfd, const char *path, int flags, ...);
int creat(const char *path, unsigned int mode);
int close(int fd);
ssize_t read(int fd, void *buf, size_t n);
ssize_t write(int fd, const void *buf, size_t n);
ssize_t pread(int fd, void *buf, size_t n, off_t offset);
off_t lseek(int fd, off_t offset, int whence);
int fstat(int fd, struct stat *st);
int fsync(int fd);
int dup(int fd);
int dup2(int fd, int fd2);
int pipe(int fds[2]);
int fcntl(int fd, int cmd, ...);
int unlink(const char *path);
int socket(int domain, int type, int protocol);
int socketpair(int domain, int type, int protocol, int fds[2]);
int accept(int fd, struct sockaddr *addr, socklen_t *len);
int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags);
int connect(int fd, const struct sockaddr *addr, socklen_t len);
ssize_t send(int fd, const void *buf, size_t n, int flags);
ssize_t recv(int fd, void *buf, size_t n, int flags);
int shutdown(int fd, int how);
DIR *opendir(const char *name);
int closedir(DIR *dir);
struct dirent *readdir(DIR *dir);
FILE *fopen(const char *path, const char *mode);
FILE *fdopen(int fd, const char *mode);
int fclose(FILE *f);
DIR *fdopendir(int fd);
char *fgets(char *s, int n, FILE *f);
int fprintf(FILE *f, const char *format, ...);

typedef int pid_t;
pid_t fork(void);
int execvp(const char *file, char *const argv[]);
void exit(int status) __attribute__((noreturn));
long sysconf(int name);
#define _SC_OPEN_MAX 4
#define STDIN_FILENO 0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

/* ngx_palloc.h */

#define NGX_MAX_ALLOC_FROM_POOL (ngx_pagesize - 1)
#define NGX_DEFAULT_POOL_SIZE (16 * 1024)
extern ngx_uint_t ngx_pagesize;

typedef void (*ngx_pool_cleanup_pt)(void *data);
typedef struct ngx_pool_cleanup_s ngx_pool_cleanup_t;
struct ngx_pool_cleanup_s {
  ngx_pool_cleanup_pt handler;
  void *data;
  ngx_pool_cleanup_t *next;
};

typedef struct ngx_pool_large_s ngx_pool_large_t;
struct ngx_pool_large_s {
  ngx_pool_large_t *next;
  void *alloc;
};

typedef struct {
  u_char *last;
  u_char *end;
  ngx_pool_t *next;
  ngx_uint_t failed;
} ngx_pool_data_t;

struct ngx_pool_s {
  ngx_pool_data_t d;
  size_t max;
  ngx_pool_t *current;
  ngx_chain_t *chain;
  ngx_pool_large_t *large;
  ngx_pool_cleanup_t *cleanup;
  ngx_log_t *log;
};

typedef struct {
  ngx_fd_t fd;
  u_char *name;
  ngx_log_t *log;
} ngx_pool_cleanup_file_t;

ngx_pool_t *ngx_create_pool(size_t size, ngx_log_t *log);
void ngx_destroy_pool(ngx_pool_t *pool);
void ngx_reset_pool(ngx_pool_t *pool);
void *ngx_palloc(ngx_pool_t *pool, size_t size);
void *ngx_pnalloc(ngx_pool_t *pool, size_t size);
void *ngx_pcalloc(ngx_pool_t *pool, size_t size);
void *ngx_pmemalign(ngx_pool_t *pool, size_t size, size_t alignment);
ngx_int_t ngx_pfree(ngx_pool_t *pool, void *p);
ngx_pool_cleanup_t *ngx_pool_cleanup_add(ngx_pool_t *p, size_t size);
void ngx_pool_run_cleanup_file(ngx_pool_t *p, ngx_fd_t fd);
void ngx_pool_cleanup_file(void *data);
void ngx_pool_delete_file(void *data);

void *ngx_alloc(size_t size, ngx_log_t *log);
void *ngx_calloc(size_t size, ngx_log_t *log);
void ngx_free(void *p);

/* ngx_files.h, ngx_socket.h (os/unix) */

#define NGX_INVALID_FILE -1
#define NGX_FILE_ERROR -1
#define NGX_FILE_RDONLY O_RDONLY
#define NGX_FILE_WRONLY O_WRONLY
#define NGX_FILE_RDWR O_RDWR
#define NGX_FILE_CREATE_OR_OPEN O_CREAT
#define NGX_FILE_OPEN 0
#define NGX_FILE_TRUNCATE (O_CREAT | O_TRUNC)
#define NGX_FILE_APPEND (O_WRONLY | O_APPEND)
#define NGX_FILE_NONBLOCK O_NONBLOCK
#define NGX_FILE_DEFAULT_ACCESS 0644
#define NGX_FILE_OWNER_ACCESS 0600

#define ngx_open_file(name, mode, create, access)                              \
  open((const char *) name, mode | create, access)
#define ngx_close_file close
#define ngx_delete_file(name) unlink((const char *) name)
#define ngx_read_fd read
#define ngx_fd_info(fd, sb) fstat(fd, sb)

static inline ssize_t ngx_write_fd(ngx_fd_t fd, void *buf, size_t n) {
  return write(fd, buf, n);
}

ngx_fd_t ngx_open_tempfile(u_char *name, ngx_uint_t persistent,
                           ngx_uint_t access);

typedef struct {
  ngx_fd_t fd;
  ngx_str_t name;
  ngx_log_t *log;
  off_t offset;
} ngx_file_t;

typedef struct {
  DIR *dir;
  struct dirent *de;
  unsigned type:8;
} ngx_dir_t;

ngx_int_t ngx_open_dir(ngx_str_t *name, ngx_dir_t *dir);
#define ngx_close_dir(d) closedir((d)->dir)
ngx_int_t ngx_read_dir(ngx_dir_t *dir);

#define ngx_socket socket
#define ngx_close_socket close
#define ngx_shutdown_socket shutdown
#define ngx_nonblocking(s) fcntl(s, F_SETFL, fcntl(s, F_GETFL) | O_NONBLOCK)

/* ngx_string.h */

u_char *ngx_pstrdup(ngx_pool_t *pool, ngx_str_t *src);
void *memcpy(void *dst, const void *src, size_t n);
#define ngx_memcpy(dst, src, n) (void) memcpy(dst, src, n)
#define ngx_cpymem(dst, src, n) (((u_char *) memcpy(dst, src, n)) + (n))

/* ngx_buf.h */

struct ngx_buf_s {
  u_char *pos;
  u_char *last;
  off_t file_pos;
  off_t file_last;
  u_char *start;
  u_char *end;
  unsigned temporary:1;
  unsigned memory:1;
  unsigned last_buf:1;
};

struct ngx_chain_s {
  ngx_buf_t *buf;
  ngx_chain_t *next;
};

typedef struct {
  ngx_int_t num;
  size_t size;
} ngx_bufs_t;

ngx_buf_t *ngx_create_temp_buf(ngx_pool_t *pool, size_t size);
ngx_chain_t *ngx_create_chain_of_bufs(ngx_pool_t *pool, ngx_bufs_t *bufs);
#define ngx_alloc_buf(pool) ngx_palloc(pool, sizeof(ngx_buf_t))
#define ngx_calloc_buf(pool) ngx_pcalloc(pool, sizeof(ngx_buf_t))
ngx_chain_t *ngx_alloc_chain_link(ngx_pool_t *pool);
#define ngx_free_chain(pool, cl)                                               \
  (cl)->next = (pool)->chain;                                                  \
  (pool)->chain = (cl)
ngx_int_t ngx_chain_add_copy(ngx_pool_t *pool, ngx_chain_t **chain,
                             ngx_chain_t *in);
ngx_chain_t *ngx_chain_get_free_buf(ngx_pool_t *p, ngx_chain_t **free);
void ngx_chain_update_chains(ngx_pool_t *p, ngx_chain_t **free,
                             ngx_chain_t **busy, ngx_chain_t **out, void *tag);

/* ngx_array.h, ngx_list.h */

typedef struct {
  void *elts;
  ngx_uint_t nelts;
  size_t size;
  ngx_uint_t nalloc;
  ngx_pool_t *pool;
} ngx_array_t;

ngx_array_t *ngx_array_create(ngx_pool_t *p, ngx_uint_t n, size_t size);
void ngx_array_destroy(ngx_array_t *a);
void *ngx_array_push(ngx_array_t *a);
void *ngx_array_push_n(ngx_array_t *a, ngx_uint_t n);

static inline ngx_int_t ngx_array_init(ngx_array_t *array, ngx_pool_t *pool,
                                       ngx_uint_t n, size_t size) {
  array->nelts = 0;
  array->size = size;
  array->nalloc = n;
  array->pool = pool;
  array->elts = ngx_palloc(pool, n * size);
  if (array->elts == NULL) {
    return NGX_ERROR;
  }
  return NGX_OK;
}

typedef struct ngx_list_part_s ngx_list_part_t;
struct ngx_list_part_s {
  void *elts;
  ngx_uint_t nelts;
  ngx_list_part_t *next;
};

typedef struct {
  ngx_list_part_t *last;
  ngx_list_part_t part;
  size_t size;
  ngx_uint_t nalloc;
  ngx_pool_t *pool;
} ngx_list_t;

ngx_list_t *ngx_list_create(ngx_pool_t *pool, ngx_uint_t n, size_t size);
void *ngx_list_push(ngx_list_t *list);

static inline ngx_int_t ngx_list_init(ngx_list_t *list, ngx_pool_t *pool,
                                      ngx_uint_t n, size_t size) {
  list->part.elts = ngx_palloc(pool, n * size);
  if (list->part.elts == NULL) {
    return NGX_ERROR;
  }
  list->part.nelts = 0;
  list->part.next = NULL;
  list->last = &list->part;
  list->size = size;
  list->nalloc = n;
  list->pool = pool;
  return NGX_OK;
}

/* ngx_inet.h */

typedef struct {
  ngx_str_t url;
  ngx_str_t host;
  void *addrs;
  ngx_uint_t naddrs;
} ngx_url_t;

ngx_int_t ngx_parse_url(ngx_pool_t *pool, ngx_url_t *u);

/* ngx_connection.h, ngx_event.h */

typedef ngx_uint_t ngx_msec_t;
typedef void (*ngx_event_handler_pt)(ngx_event_t *ev);

struct ngx_event_s {
  void *data;
  unsigned timedout:1;
  unsigned ready:1;
  unsigned timer_set:1;
  unsigned cancelable:1;
  unsigned posted:1;
  ngx_event_handler_pt handler;
  ngx_log_t *log;
};

/* ngx_event_timer.h: static inline functions in nginx, declared only here
 * (test/RealHeaders has the inlined bodies). */
void ngx_event_add_timer(ngx_event_t *ev, ngx_msec_t timer);
void ngx_event_del_timer(ngx_event_t *ev);
#define ngx_add_timer ngx_event_add_timer
#define ngx_del_timer ngx_event_del_timer

struct ngx_connection_s {
  void *data;
  ngx_event_t *read;
  ngx_event_t *write;
  ngx_socket_t fd;
  ngx_log_t *log;
  ngx_pool_t *pool;
  ngx_str_t addr_text;
  ngx_buf_t *buffer;
  ngx_uint_t requests;
};

ngx_connection_t *ngx_get_connection(ngx_socket_t s, ngx_log_t *log);
void ngx_close_connection(ngx_connection_t *c);

/* ngx_cycle.h, ngx_conf_file.h */

struct ngx_cycle_s {
  void ****conf_ctx;
  ngx_pool_t *pool;
  ngx_log_t *log;
};

struct ngx_conf_s {
  char *name;
  ngx_array_t *args;
  ngx_cycle_t *cycle;
  ngx_pool_t *pool;
  ngx_pool_t *temp_pool;
  ngx_log_t *log;
};

struct ngx_module_s {
  ngx_uint_t ctx_index;
  ngx_uint_t index;
};

extern volatile ngx_cycle_t *ngx_cycle;

ngx_int_t ngx_conf_full_name(ngx_cycle_t *cycle, ngx_str_t *name,
                             ngx_uint_t conf_prefix);
ngx_int_t ngx_get_full_name(ngx_pool_t *pool, ngx_str_t *prefix,
                            ngx_str_t *name);

/* ngx_http_request.h */

typedef struct {
  void **main_conf;
  void **srv_conf;
  void **loc_conf;
} ngx_http_conf_ctx_t;

typedef struct {
  ngx_http_conf_ctx_t *conf_ctx;
  ngx_buf_t **busy;
  ngx_int_t nbusy;
  ngx_buf_t **free;
  ngx_int_t nfree;
  ngx_chain_t *busy_chain;
  ngx_chain_t *free_chain;
  void *module_data;
} ngx_http_connection_t;

typedef struct ngx_table_elt_s ngx_table_elt_t;

struct ngx_table_elt_s {
  ngx_uint_t hash;
  ngx_str_t key;
  ngx_str_t value;
  u_char *lowcase_key;
  ngx_table_elt_t *next;
};

typedef struct {
  ngx_list_t headers;
  ngx_table_elt_t *host;
  ngx_table_elt_t *user_agent;
  ngx_str_t server;
} ngx_http_headers_in_t;

typedef struct {
  ngx_list_t headers;
  ngx_uint_t status;
  ngx_str_t content_type;
  off_t content_length_n;
} ngx_http_headers_out_t;

typedef struct {
  unsigned len:28;
  unsigned valid:1;
  unsigned no_cacheable:1;
  unsigned not_found:1;
  unsigned escape:1;
  u_char *data;
} ngx_http_variable_value_t;

typedef struct ngx_http_cleanup_s ngx_http_cleanup_t;
struct ngx_http_cleanup_s {
  ngx_pool_cleanup_pt handler;
  void *data;
  ngx_http_cleanup_t *next;
};

struct ngx_http_request_s {
  ngx_uint_t signature;
  ngx_connection_t *connection;
  void **ctx;
  void **main_conf;
  void **srv_conf;
  void **loc_conf;
  ngx_http_connection_t *http_connection;
  ngx_pool_t *pool;
  ngx_buf_t *header_in;
  ngx_http_headers_in_t headers_in;
  ngx_http_headers_out_t headers_out;
  ngx_str_t uri;
  ngx_str_t args;
  ngx_http_request_t *main;
  ngx_http_request_t *parent;
  ngx_http_cleanup_t *cleanup;
  unsigned header_only:1;
};

#define ngx_http_get_module_ctx(r, module) (r)->ctx[module.ctx_index]
#define ngx_http_set_ctx(r, c, module) r->ctx[module.ctx_index] = c;
#define ngx_http_get_module_loc_conf(r, module) (r)->loc_conf[module.ctx_index]
#define ngx_http_get_module_main_conf(r, module)                               \
  (r)->main_conf[module.ctx_index]
#define ngx_http_get_module_srv_conf(r, module) (r)->srv_conf[module.ctx_index]

typedef ngx_int_t (*ngx_http_handler_pt)(ngx_http_request_t *r);
typedef ngx_int_t (*ngx_http_output_header_filter_pt)(ngx_http_request_t *r);
typedef ngx_int_t (*ngx_http_output_body_filter_pt)(ngx_http_request_t *r,
                                                     ngx_chain_t *chain);

ngx_int_t ngx_http_send_header(ngx_http_request_t *r);
ngx_int_t ngx_http_output_filter(ngx_http_request_t *r, ngx_chain_t *in);
void ngx_http_finalize_request(ngx_http_request_t *r, ngx_int_t rc);
ngx_http_cleanup_t *ngx_http_cleanup_add(ngx_http_request_t *r, size_t size);
ngx_int_t ngx_http_discard_request_body(ngx_http_request_t *r);

/* ngx_stream.h */

typedef struct ngx_stream_session_s ngx_stream_session_t;
struct ngx_stream_session_s {
  ngx_uint_t signature;
  ngx_connection_t *connection;
  void **ctx;
  void **main_conf;
  void **srv_conf;
};

#endif /* NGX_SIM_H */
