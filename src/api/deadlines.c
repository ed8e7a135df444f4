/*
 * The clocks (issue 6): GET /api/v1/deadlines lists them, GET
 * /api/v1/deadlines/{id} shows one with its reminders, POST
 * /api/v1/deadlines/{id}/waive waives one with a reason, and POST
 * /api/v1/reports/{id}/acknowledge acknowledges a received report, which
 * meets its acknowledgement clock (R42).  Reading is for the staff and the
 * auditors: the routes let any account in and svc_deadline_list /
 * svc_deadline_get refuse the others, so the refusal names its rule.
 */
#include "api/api.h"
#include "svc/cases.h"
#include "svc/deadlines.h"

/* The transport bound of a waiver's reason; svc/ applies the real one. */
#define WAIVE_REASON_MAX	8000

/* "" (no case, no report) is JSON null. */
static json_t *
str_or_null(const char *s)
{
	return s != NULL && s[0] != '\0' ? json_string(s) : json_null();
}

static json_t *
deadline_json(const struct deadline_row *d, int64_t now)
{
	return json_pack("{s:I, s:s, s:s, s:o, s:o, s:o, s:o, s:s, s:s, s:s, s:b, s:s, s:b, "
	    "s:o, s:o, s:o, s:o}",
	    "id", (json_int_t)d->id,
	    "kind", deadline_kind_name(d->kind),
	    "subject", d->subject,
	    "case", str_or_null(d->case_id),
	    "report", str_or_null(d->report_id),
	    "basis_at", api_time(d->basis_at),
	    "due_at", api_time(d->due_at),
	    "period", d->period,
	    "rule", d->rule,
	    "calendar_version", d->calendar_version,
	    "provisional", d->provisional,
	    "state", deadline_state_name(d->state),
	    "overdue", deadline_overdue(d->state, d->due_at, d->met_at, now),
	    "paused_at", api_time(d->paused_at),
	    "met_at", api_time(d->met_at),
	    "missed_at", api_time(d->missed_at),
	    "reason", str_or_null(d->reason));
}

enum { L_STATE, L_CASE, L_REPORT, L_KIND, L_CURSOR, L_LIMIT };
static const struct param list_params[] = {
	{ "state", PARAM_TEXT, 1, 32, false },		/* L_STATE: svc names a bad one */
	{ "case", PARAM_TEXT, 1, 64, false },		/* L_CASE */
	{ "report", PARAM_TEXT, 1, 64, false },		/* L_REPORT */
	{ "kind", PARAM_TEXT, 1, 32, false },		/* L_KIND: svc names a bad one */
	API_PAGE_PARAMS,				/* L_CURSOR (rows to skip), L_LIMIT */
};

static enum app_err
deadlines_list(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct deadline_query	 q;
	struct deadline_row	*ds;
	struct fault		 f;
	size_t			 n, i;
	int			 limit = API_PAGE_DEFAULT;
	json_t			*items;

	if (req_param(rq, L_LIMIT)->present)
		limit = (int)req_param(rq, L_LIMIT)->i;
	q = (struct deadline_query){ req_opt(rq, L_STATE), req_opt(rq, L_CASE), req_opt(rq, L_REPORT),
	    req_opt(rq, L_KIND), req_param(rq, L_CURSOR)->i, limit };
	if (svc_deadline_list(&c, &q, &ds, &n, &f) != APP_OK)
		return req_fault(rq, &f);
	items = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(items, deadline_json(&ds[i], rq->now));	/* steals */
	/* The list is ordered by due time, which moves: the cursor counts rows. */
	return resp_json(rq, 200, api_page(items, n, limit, q.skip + (int64_t)n));
}

enum { D_ID };
static const struct param deadline_params[] = {
	{ "id", PARAM_I64, 1, INT64_MAX, true },	/* D_ID */
};

static enum app_err
deadline_get(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct deadline_row	 d;
	struct reminder_row	*rem;
	struct fault		 f;
	size_t			 n, i;
	json_t			*o, *rs;

	if (svc_deadline_get(&c, req_param(rq, D_ID)->i, &d, &rem, &n, &f) != APP_OK)
		return req_fault(rq, &f);
	o = deadline_json(&d, rq->now);
	rs = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(rs, json_pack("{s:I, s:o, s:o, s:b}",	/* steals */
		    "offset_seconds", (json_int_t)rem[i].offset_s,
		    "fire_at", api_time(rem[i].fire_at),
		    "fired_at", api_time(rem[i].fired_at),
		    "told", rem[i].told));
	json_object_set_new(o, "reminders", rs);	/* steals */
	return resp_json(rq, 200, o);
}

static const char *const waive_keys[] = { "reason", NULL };

static enum app_err
deadline_waive(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct deadline_row	 d;
	struct fault		 f;
	const char		*reason = NULL;
	size_t			 len;
	enum app_err		 er;

	if ((er = api_body_object(rq, waive_keys)) != APP_OK ||
	    (er = api_str(rq, "reason", true, WAIVE_REASON_MAX, &reason, &len)) != APP_OK)
		return er;
	if (svc_deadline_waive(&c, req_param(rq, D_ID)->i, reason, &d, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, deadline_json(&d, rq->now));
}

enum { A_ID };
static const struct param ack_params[] = {
	{ "id", PARAM_TEXT, 1, 64, true },	/* A_ID: svc finds the report */
};

static enum app_err
report_acknowledge(struct req *rq)
{
	struct svc_ctx	c = api_svc(rq);
	struct fault	f;

	if (svc_report_acknowledge(&c, req_param(rq, A_ID)->s.p, &f) != APP_OK)
		return req_fault(rq, &f);
	rq->status = 204;
	rq->ctype = NULL;
	return APP_OK;
}

const struct route api_deadline_routes[] = {
	{ HTTP_GET, "/api/v1/deadlines", PERM_ACCOUNT, 0, PARAMS(list_params),
	  deadlines_list },
	{ HTTP_GET, "/api/v1/deadlines/{id}", PERM_ACCOUNT, 0, PARAMS(deadline_params),
	  deadline_get },
	{ HTTP_POST, "/api/v1/deadlines/{id}/waive", PERM_CASES_MANAGE, R_JSON,
	  PARAMS(deadline_params), deadline_waive },
	{ HTTP_POST, "/api/v1/reports/{id}/acknowledge", PERM_CASES_MANAGE, 0,
	  PARAMS(ack_params), report_acknowledge },
};
const size_t api_deadline_nroutes = sizeof(api_deadline_routes) / sizeof(api_deadline_routes[0]);
