/*
 * 备案, platform side: store_pfiling.h.
 */
#include "store/store.h"
#include "store/store_int.h"
