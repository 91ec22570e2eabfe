/* Included by no unit: a change here selects nothing. */
#define SHARDED_UNUSED 1
