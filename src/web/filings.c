/*
 * 备案, registry side (issue 8): the pages.
 */
#include "http/router.h"
#include "web/web.h"

const struct route filing_web_routes[] = {
	{ 0 },
};
const size_t	filing_web_nroutes = 0;
