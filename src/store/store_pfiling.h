#ifndef LOUDONG_STORE_STORE_PFILING_H
#define LOUDONG_STORE_STORE_PFILING_H

/*
 * 备案, platform side (issue 8): the platform's own filing, its events and
 * its change tasks (migration 0012).  Included by store.h.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#endif
