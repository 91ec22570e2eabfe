/* Included by every unit. */
#ifndef SHARDED_COMMON_H
#define SHARDED_COMMON_H

#include "ngx-sim.h"

#define SHARDED_SMALL 16

#endif
