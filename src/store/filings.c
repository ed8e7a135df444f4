/*
 * 备案, registry side: store_filings.h.
 */
#include "store/store.h"
#include "store/store_int.h"
