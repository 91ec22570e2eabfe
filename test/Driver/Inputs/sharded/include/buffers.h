/* Included by delta.c only; brings scratch_pool.h with it. */
#ifndef SHARDED_BUFFERS_H
#define SHARDED_BUFFERS_H

#include "scratch_pool.h"

#define SHARDED_BUFFER_SIZE 64
/* The pool of delta.c's buffers (changed_since.test changes it). */
#define SHARDED_BUFFER_POOL(r) ((r)->pool)

#endif
