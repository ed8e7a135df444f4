/*
 * 备案, platform side (issue 8): the JSON endpoints (docs/FILING.md).
 */
#include "api/api.h"

/* Filled in by the platform side's work; a placeholder entry keeps the array legal C. */
const struct route api_pfiling_routes[] = {
	{ 0 },
};
const size_t	api_pfiling_nroutes = 0;
