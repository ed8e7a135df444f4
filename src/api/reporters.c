/*
 * Reporter identity and levels: GET/PUT /api/v1/me/profile for the
 * reporter; /api/v1/admin/reporters for staff review.
 */
#include <string.h>

#include "api/api.h"
#include "store/store.h"
#include "svc/reporters.h"

static json_t *
profile_json(const struct reporter_profile *p)
{
	json_t	*o;

	o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:i, s:o, s:o}",
	    "user_id", (json_int_t)p->user_id,
	    "login", p->login ? p->login : "",
	    "id_type", id_type_name(p->id_type),
	    "id_number_masked", p->id_masked,
	    "phone_masked", p->phone_masked,
	    "status", profile_status_name(p->status),
	    "level", p->level,
	    "reviewed_at", api_time(p->reviewed_at),
	    "updated_at", api_time(p->updated_at));
	if (p->status == PSTATUS_REJECTED)
		json_object_set_new(o, "reason", json_string(p->reason));	/* steals */
	if (p->real_name != NULL)
		json_object_set_new(o, "personal", json_pack("{s:s, s:s, s:s}",	/* steals */
		    "real_name", p->real_name, "id_number", p->id_number,
		    "phone", p->phone));
	return o;
}

static enum app_err
me_profile_get(struct req *rq)
{
	struct svc_ctx		c = api_svc(rq);
	struct reporter_profile	p;
	struct fault		f = { .er = APP_OK };

	if (svc_profile_get(&c, rq->user->id, false, &p, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, profile_json(&p));
}

static const char *const profile_keys[] = {
	"real_name", "id_type", "id_number", "phone", NULL
};

static enum app_err
me_profile_put(struct req *rq)
{
	struct svc_ctx		c = api_svc(rq);
	struct reporter_profile	p;
	struct profile_in	in;
	struct fault		f = { .er = APP_OK };
	enum app_err		er;

	if ((er = api_body_object(rq, profile_keys)) != APP_OK ||
	    (er = api_str(rq, "real_name", true, 256, &in.real_name, NULL)) != APP_OK ||
	    (er = api_str(rq, "id_type", true, 32, &in.id_type, NULL)) != APP_OK ||
	    (er = api_str(rq, "id_number", true, 64, &in.id_number, NULL)) != APP_OK ||
	    (er = api_str(rq, "phone", true, 32, &in.phone, NULL)) != APP_OK)
		return er;
	if (svc_profile_submit(&c, &in, &p, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, profile_json(&p));
}

enum { L_STATUS, L_CURSOR, L_LIMIT };
static const struct param list_params[] = {
	{ "status", PARAM_TEXT, 0, 16, false },		/* L_STATUS */
	{ "cursor", PARAM_I64, 0, INT64_MAX, false },	/* L_CURSOR */
	{ "limit", PARAM_I64, 1, API_PAGE_MAX, false },	/* L_LIMIT */
};

static enum app_err
reporters_list(struct req *rq)
{
	struct reporter_profile	*ps;
	const char		*status = NULL;
	size_t			 n, i;
	int			 limit = API_PAGE_DEFAULT;
	json_t			*items;
	enum app_err		 er;

	if (req_param(rq, L_STATUS)->present) {
		if (profile_status_parse(req_param(rq, L_STATUS)->s) < 0)
			return req_fail(rq, APP_INVALID, "status", MSG_ERR_FIELD_CHOICE);
		status = req_param(rq, L_STATUS)->s.p;
	}
	if (req_param(rq, L_LIMIT)->present)
		limit = (int)req_param(rq, L_LIMIT)->i;
	er = store_profile_list(rq->store, rq->arena, status, req_param(rq, L_CURSOR)->i,
	    limit, &ps, &n);
	if (er != APP_OK)
		return er;
	items = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(items, profile_json(&ps[i]));	/* steals */
	return resp_json(rq, 200, api_page(items, n, limit, n ? ps[n - 1].user_id : 0));
}

enum { U_ID };
static const struct param user_params[] = {
	{ "user_id", PARAM_I64, 1, INT64_MAX, true },	/* U_ID */
};

static enum app_err
reporter_get(struct req *rq)
{
	struct svc_ctx		c = api_svc(rq);
	struct reporter_profile	p;
	struct fault		f = { .er = APP_OK };

	if (svc_profile_get(&c, req_param(rq, U_ID)->i, true, &p, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, profile_json(&p));
}

static const char *const review_keys[] = { "decision", "reason", NULL };

static enum app_err
reporter_review(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct reporter_profile	 p;
	struct fault		 f = { .er = APP_OK };
	const char		*decision, *reason;
	enum app_err		 er;

	if ((er = api_body_object(rq, review_keys)) != APP_OK ||
	    (er = api_str(rq, "decision", true, 16, &decision, NULL)) != APP_OK ||
	    (er = api_str(rq, "reason", false, 2000, &reason, NULL)) != APP_OK)
		return er;
	if (svc_profile_review(&c, req_param(rq, U_ID)->i, decision, reason, &f) != APP_OK ||
	    svc_profile_get(&c, req_param(rq, U_ID)->i, false, &p, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, profile_json(&p));
}

static const char *const level_keys[] = { "level", NULL };

static enum app_err
reporter_level(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct reporter_profile	 p;
	struct fault		 f = { .er = APP_OK };
	json_t			*v;
	enum app_err		 er;

	if ((er = api_body_object(rq, level_keys)) != APP_OK)
		return er;
	if (!json_is_integer(v = json_object_get(rq->json, "level")))
		return req_fail(rq, APP_INVALID, "level", MSG_ERR_LEVEL_RANGE);
	if (svc_profile_level(&c, req_param(rq, U_ID)->i,
	    json_integer_value(v) < 0 || json_integer_value(v) > 3 ? -1 :
	    (int)json_integer_value(v), &f) != APP_OK ||
	    svc_profile_get(&c, req_param(rq, U_ID)->i, false, &p, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, profile_json(&p));
}

const struct route api_reporter_routes[] = {
	{ HTTP_GET, "/api/v1/me/profile", PERM_ACCOUNT, 0, NOPARAMS, me_profile_get },
	{ HTTP_PUT, "/api/v1/me/profile", PERM_ACCOUNT, R_JSON, NOPARAMS, me_profile_put },
	{ HTTP_GET, "/api/v1/admin/reporters", PERM_REPORTERS_REVIEW, 0,
	  PARAMS(list_params), reporters_list },
	{ HTTP_GET, "/api/v1/admin/reporters/{user_id}", PERM_REPORTERS_REVIEW, 0,
	  PARAMS(user_params), reporter_get },
	{ HTTP_POST, "/api/v1/admin/reporters/{user_id}/review", PERM_REPORTERS_REVIEW,
	  R_JSON, PARAMS(user_params), reporter_review },
	{ HTTP_POST, "/api/v1/admin/reporters/{user_id}/level", PERM_REPORTERS_REVIEW,
	  R_JSON, PARAMS(user_params), reporter_level },
};
const size_t api_reporter_nroutes = sizeof(api_reporter_routes) / sizeof(api_reporter_routes[0]);
