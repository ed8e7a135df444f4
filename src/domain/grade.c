/* Placeholder: replaced by the GB/T 30279-2020 implementation. */
#include "domain/grade.h"

void
gbt_indicators_clear(struct gbt_indicators *in)
{
	int	i;

	for (i = 0; i < GBT__NINDICATORS; i++)
		in->v[i] = -1;
}
