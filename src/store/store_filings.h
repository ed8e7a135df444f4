#ifndef LOUDONG_STORE_STORE_FILINGS_H
#define LOUDONG_STORE_STORE_FILINGS_H

/*
 * 备案, registry side (issue 8): filed platforms, applications, 补正
 * rounds, notices to 公安部 and 网信办, events (migration 0012).
 * Included by store.h.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#endif
