/*
 * 备案, platform side (issue 8): the pages.
 */
#include "http/router.h"
#include "web/web.h"

const struct route pfiling_web_routes[] = {
	{ 0 },
};
const size_t	pfiling_web_nroutes = 0;
