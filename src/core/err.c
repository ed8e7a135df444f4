#include "core/err.h"

static const char *const app_err_names[APP__MAX] = {
	"ok",			/* APP_OK */
	"invalid input",	/* APP_INVALID */
	"not authenticated",	/* APP_UNAUTH */
	"forbidden",		/* APP_FORBIDDEN */
	"not found",		/* APP_NOTFOUND */
	"conflict",		/* APP_CONFLICT */
	"too big",		/* APP_TOOBIG */
	"throttled",		/* APP_THROTTLED */
	"storage failure",	/* APP_STORE */
	"upstream failure",	/* APP_UPSTREAM */
	"internal error",	/* APP_INTERNAL */
};

const char *
app_strerror(enum app_err e)
{
	if ((unsigned)e >= APP__MAX)
		return "unknown error";
	return app_err_names[e];
}
