/* SCAFFOLD: replaced by its owner in this session (issue 6). */
#include "web/cases_int.h"
#include "web/web.h"

enum app_err
cw_unotices_load(struct req *rq, struct case_view *v)
{
	(void)rq;
	(void)v;
	return APP_OK;
}

void
cw_unotices_section(struct req *rq, const struct case_view *v)
{
	(void)rq;
	(void)v;
}

static enum app_err
placeholder_get(struct req *rq)
{
	return req_fail(rq, APP_NOTFOUND, NULL, MSG_ERR_NO_ROUTE);
}

const struct route unotice_web_routes[] = {
	{ HTTP_GET, "/scaffold-unotice", PERM_CASES_MANAGE, R_WEB, NOPARAMS, placeholder_get },
};
const size_t	unotice_web_nroutes = sizeof(unotice_web_routes) / sizeof(unotice_web_routes[0]);
