/*
 * 备案, registry side (issue 8): the JSON endpoints (docs/FILING.md).
 */
#include "api/api.h"

/* Filled in by the registry side's work; a placeholder entry keeps the array legal C. */
const struct route api_filing_routes[] = {
	{ 0 },
};
const size_t	api_filing_nroutes = 0;
