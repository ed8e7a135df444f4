/* GET /healthz and GET /api/v1/openapi.json. */
#include "api/api.h"
#include "core/embed.h"
#include "store/store.h"

extern const struct embed_file api_docs[];	/* docs/api/ */

static enum app_err
healthz(struct req *rq)
{
	int64_t	version = 0;

	/* Healthy means the database answers, not just that we do. */
	if (store_schema_version(rq->store, &version) != APP_OK || version == 0)
		return resp_json(rq, 503, json_pack("{s:s}", "status", "unavailable"));
	return resp_json(rq, 200, json_pack("{s:s}", "status", "ok"));
}

static enum app_err
openapi(struct req *rq)
{
	const struct embed_file	*f = embed_find(api_docs, "openapi.json");

	if (f == NULL)
		return req_fail(rq, APP_NOTFOUND, NULL, MSG_ERR_NO_ROUTE);
	rq->status = 200;
	rq->ctype = "application/json";
	sbuf_add(&rq->out, f->data, f->len);
	resp_header(rq, "Cache-Control", "public, max-age=300");
	return APP_OK;
}

const struct route api_meta_routes[] = {
	{ HTTP_GET, "/healthz", PERM_NONE, 0, NOPARAMS, healthz },
	{ HTTP_GET, "/api/v1/openapi.json", PERM_NONE, 0, NOPARAMS, openapi },
};
const size_t api_meta_nroutes = sizeof(api_meta_routes) / sizeof(api_meta_routes[0]);
