/*
 * In-app notices (issue 5): GET /api/v1/notices lists the caller's own,
 * POST /api/v1/notices/{id}/seen marks one seen.  Any logged-in account.
 */
#include "api/api.h"
#include "svc/notices.h"

static json_t *
notice_json(const struct notice_row *o)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:o, s:o}",
	    "id", (json_int_t)o->id,
	    "kind", o->kind,
	    "subject", o->subject,
	    "text", o->text,
	    "created_at", api_time(o->created_at),
	    "seen_at", api_time(o->seen_at));
}

enum { L_UNSEEN, L_CURSOR, L_LIMIT };
static const struct param list_params[] = {
	{ "unseen", PARAM_BOOL, 0, 0, false },		/* L_UNSEEN */
	API_PAGE_PARAMS,				/* L_CURSOR, L_LIMIT */
};

static enum app_err
notices_list(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct notice_row	*ns;
	struct fault		 f = { .er = APP_OK };
	size_t			 n, i;
	int			 limit = API_PAGE_DEFAULT;
	json_t			*items;

	if (req_param(rq, L_LIMIT)->present)
		limit = (int)req_param(rq, L_LIMIT)->i;
	/* The store reads at most NOTICE_LIST_MAX; a page never asks for more. */
	if (limit > NOTICE_LIST_MAX)
		limit = NOTICE_LIST_MAX;
	if (svc_notice_list(&c, req_param(rq, L_UNSEEN)->b, req_param(rq, L_CURSOR)->i,
	    limit, &ns, &n, &f) != APP_OK)
		return req_fault(rq, &f);
	items = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(items, notice_json(&ns[i]));	/* steals */
	return resp_json(rq, 200, api_page(items, n, limit, n ? ns[n - 1].id : 0));
}

enum { S_ID };
static const struct param seen_params[] = {
	{ "id", PARAM_I64, 1, INT64_MAX, true },	/* S_ID */
};

static enum app_err
notice_seen(struct req *rq)
{
	struct svc_ctx	c = api_svc(rq);
	struct fault	f = { .er = APP_OK };

	if (svc_notice_seen(&c, req_param(rq, S_ID)->i, &f) != APP_OK)
		return req_fault(rq, &f);
	rq->status = 204;
	rq->ctype = NULL;
	return APP_OK;
}

const struct route api_notice_routes[] = {
	{ HTTP_GET, "/api/v1/notices", PERM_ACCOUNT, 0, PARAMS(list_params), notices_list },
	{ HTTP_POST, "/api/v1/notices/{id}/seen", PERM_ACCOUNT, 0, PARAMS(seen_params),
	  notice_seen },
};
const size_t api_notice_nroutes = sizeof(api_notice_routes) / sizeof(api_notice_routes[0]);
