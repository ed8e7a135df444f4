/* The generation of public content (see pubgen.h). */
#include "core/pubgen.h"

#include <stdatomic.h>

static _Atomic uint64_t gen = 1;

uint64_t
pubgen_get(void)
{
	return atomic_load_explicit(&gen, memory_order_acquire);
}

void
pubgen_bump(void)
{
	atomic_fetch_add_explicit(&gen, 1, memory_order_acq_rel);
}
