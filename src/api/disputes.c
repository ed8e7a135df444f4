/*
 * Disputes (争议协调, issue 9; R40), registry role only (404 elsewhere):
 *
 *	POST /api/v1/disputes			an account of an organisation, or staff
 *						for one (on_behalf_of): file
 *	GET  /api/v1/disputes			staff: the queue; anyone else their own
 *	GET  /api/v1/disputes/{id}		staff and the filer; anyone else 404
 *	POST /api/v1/disputes/{id}/assign	staff: take into coordination
 *	POST /api/v1/disputes/{id}/notes	staff or the filer (party: staff, the
 *						other party's statement)
 *	POST /api/v1/disputes/{id}/resolve	staff: the outcome
 *	POST /api/v1/disputes/{id}/withdraw	the filer
 */
#include <string.h>

#include "api/api.h"
#include "core/arena.h"
#include "core/config.h"
#include "svc/disputes.h"

#define BIND_MAX	(2 * DISPUTE_TEXT_MAX)
#define WORD_MAX	64

static enum app_err
not_registry(struct req *rq)
{
	return req_fail(rq, APP_NOTFOUND, NULL, MSG_ERR_DISPUTES_OFF);
}

static json_t *
text_or_null(const char *s)
{
	return s != NULL && s[0] != '\0' ? json_string(s) : json_null();
}

/* The clock as the queue shows it: due, state, overdue. */
static json_t *
clock_json(struct req *rq, const struct dispute_row *d)
{
	bool	overdue;

	if (d->clock_state < 0)
		return json_null();
	overdue = d->clock_state == DLS_MISSED ||
	    (d->clock_state == DLS_OPEN && d->due_at < rq->now);
	return json_pack("{s:o, s:s, s:b}",
	    "due_at", api_time(d->due_at),
	    "state", deadline_state_name((enum deadline_state)d->clock_state),
	    "overdue", overdue);
}

static json_t *
row_json(struct req *rq, const struct dispute_row *d)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:i, s:o, s:s, s:o, s:I, "
	    "s:o, s:o, s:o, s:o}",
	    "id", d->id,
	    "category", dispute_category_name(d->category),
	    "subject_ref", d->subject_ref,
	    "other_party", d->other_party,
	    "title", d->title,
	    "filer", text_or_null(d->filer_login),
	    "filer_org", text_or_null(d->filer_org_name),
	    "recorded_by", text_or_null(d->recorded_by_login),
	    "priority", d->priority,
	    "unit_level", d->priority > 0 ? json_integer(d->priority - 1) : json_null(),
	    "state", dispute_state_name(d->state),
	    "assignee", text_or_null(d->assignee_login),
	    "leaf_index", (json_int_t)d->leaf_index,
	    "filed_at", api_time(d->filed_at),
	    "updated_at", api_time(d->updated_at),
	    "closed_at", api_time(d->closed_at),
	    "clock", clock_json(rq, d));
}

static json_t *
view_json(struct req *rq, const struct dispute_view *v)
{
	json_t	*o = row_json(rq, &v->d), *h = json_array();
	size_t	 i;

	json_object_set_new(o, "payload_sha256", json_string(v->d.payload_sha256));
	json_object_set_new(o, "statement", json_string(v->statement));
	json_object_set_new(o, "outcome_wanted", text_or_null(v->outcome_wanted));
	json_object_set_new(o, "resolution", text_or_null(v->resolution));
	for (i = 0; i < v->nevents; i++) {
		const struct dispute_event	*e = &v->events[i];

		json_array_append_new(h, json_pack("{s:o, s:o, s:s, s:o, s:o, s:o, s:o}",
		    "at", api_time(e->at),
		    "actor", text_or_null(e->actor_login),
		    "event", e->event,
		    "from_state", text_or_null(e->from_state),
		    "to_state", text_or_null(e->to_state),
		    "detail", text_or_null(e->detail),
		    "note", text_or_null(e->note_text)));	/* steals */
	}
	json_object_set_new(o, "timeline", h);
	return o;
}

static const char *const new_keys[] = {
	"category", "subject_ref", "other_party", "title", "statement", "outcome_wanted",
	"on_behalf_of", NULL
};

static enum app_err
create(struct req *rq)
{
	struct svc_ctx		c = api_svc(rq);
	struct dispute_new	in;
	struct dispute_row	d;
	struct wd_problem	p[DISPUTE_MAX_PROBLEMS];
	struct fault		f = { .er = APP_OK };
	size_t			len;
	int			np = 0, i;
	enum app_err		er;

	if (rq->cfg->role != ROLE_REGISTRY)
		return not_registry(rq);
	memset(&in, 0, sizeof(in));
	if ((er = api_body_object(rq, new_keys)) != APP_OK ||
	    (er = api_str(rq, "category", false, WORD_MAX, &in.in.category, &len)) != APP_OK ||
	    (er = api_str(rq, "subject_ref", false, BIND_MAX, &in.in.subject_ref, &len)) !=
	    APP_OK ||
	    (er = api_str(rq, "other_party", false, BIND_MAX, &in.in.other_party, &len)) !=
	    APP_OK ||
	    (er = api_str(rq, "title", false, BIND_MAX, &in.in.title, &len)) != APP_OK ||
	    (er = api_str(rq, "statement", false, BIND_MAX, &in.in.statement, &len)) != APP_OK ||
	    (er = api_str(rq, "outcome_wanted", false, BIND_MAX, &in.in.outcome_wanted, &len)) !=
	    APP_OK ||
	    (er = api_str(rq, "on_behalf_of", false, WORD_MAX, &in.on_behalf_of, &len)) !=
	    APP_OK)
		return er;
	in.channel = "api";
	in.payload = rq->body.p;
	in.payload_len = rq->body.n;
	if (svc_dispute_file(&c, &in, &d, p, &np, &f) != APP_OK) {
		for (i = 0; i < np; i++)
			req_field_error(rq, p[i].field, p[i].msg);
		return req_fault(rq, &f);
	}
	resp_header(rq, "Location", arena_printf(rq->arena, "/api/v1/disputes/%s", d.id));
	return resp_json(rq, 201, row_json(rq, &d));
}

enum { L_STATE, L_OPEN, L_CURSOR, L_LIMIT };
static const struct param list_params[] = {
	{ "state", PARAM_TEXT, 1, 32, false },	/* L_STATE */
	{ "open", PARAM_BOOL, 0, 0, false },	/* L_OPEN: open and coordinating only */
	API_PAGE_PARAMS,			/* L_CURSOR (rows to skip), L_LIMIT */
};

static enum app_err
list(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct dispute_row	*d;
	struct fault		 f = { .er = APP_OK };
	json_t			*items;
	size_t			 n, i;
	int64_t			 skip = req_param(rq, L_CURSOR)->i;
	int			 limit;

	if (rq->cfg->role != ROLE_REGISTRY)
		return not_registry(rq);
	limit = req_param(rq, L_LIMIT)->present ? (int)req_param(rq, L_LIMIT)->i :
	    API_PAGE_DEFAULT;
	if (svc_dispute_list(&c, req_opt(rq, L_STATE), req_param(rq, L_OPEN)->present &&
	    req_param(rq, L_OPEN)->b, skip, limit, &d, &n, &f) != APP_OK)
		return req_fault(rq, &f);
	items = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(items, row_json(rq, &d[i]));	/* steals */
	return resp_json(rq, 200, api_page(items, n, limit, skip + (int64_t)n));
}

static const struct param one_params[] = {
	{ "id", PARAM_TEXT, 1, 64, true },	/* svc checks its shape */
};

static enum app_err
get_one(struct req *rq)
{
	struct svc_ctx		c = api_svc(rq);
	struct dispute_view	v;
	struct fault		f = { .er = APP_OK };

	if (rq->cfg->role != ROLE_REGISTRY)
		return not_registry(rq);
	if (svc_dispute_get(&c, req_param(rq, 0)->s.p, &v, &f) != APP_OK)
		return req_fault(rq, &f);
	resp_header(rq, "Cache-Control", "no-store");
	return resp_json(rq, 200, view_json(rq, &v));
}

static const char *const assign_keys[] = { "assignee", NULL };

static enum app_err
assign(struct req *rq)
{
	struct svc_ctx		c = api_svc(rq);
	struct dispute_row	d;
	struct fault		f = { .er = APP_OK };
	const char		*who = NULL;
	size_t			len;
	enum app_err		er;

	if (rq->cfg->role != ROLE_REGISTRY)
		return not_registry(rq);
	if ((er = api_body_object(rq, assign_keys)) != APP_OK ||
	    (er = api_str(rq, "assignee", false, WORD_MAX, &who, &len)) != APP_OK)
		return er;
	if (svc_dispute_assign(&c, req_param(rq, 0)->s.p, who, &d, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, row_json(rq, &d));
}

static const char *const note_keys[] = { "note", "party", NULL };

static enum app_err
note(struct req *rq)
{
	struct svc_ctx		c = api_svc(rq);
	struct dispute_row	d;
	struct fault		f = { .er = APP_OK };
	const char		*text = NULL;
	bool			party = false;
	size_t			len;
	enum app_err		er;

	if (rq->cfg->role != ROLE_REGISTRY)
		return not_registry(rq);
	if ((er = api_body_object(rq, note_keys)) != APP_OK ||
	    (er = api_str(rq, "note", false, BIND_MAX, &text, &len)) != APP_OK ||
	    (er = api_bool(rq, "party", &party)) != APP_OK)
		return er;
	if (svc_dispute_note(&c, req_param(rq, 0)->s.p, text, party, &d, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 201, row_json(rq, &d));
}

static const char *const resolve_keys[] = { "outcome", NULL };

static enum app_err
resolve(struct req *rq)
{
	struct svc_ctx		c = api_svc(rq);
	struct dispute_row	d;
	struct fault		f = { .er = APP_OK };
	const char		*outcome = NULL;
	size_t			len;
	enum app_err		er;

	if (rq->cfg->role != ROLE_REGISTRY)
		return not_registry(rq);
	if ((er = api_body_object(rq, resolve_keys)) != APP_OK ||
	    (er = api_str(rq, "outcome", false, BIND_MAX, &outcome, &len)) != APP_OK)
		return er;
	if (svc_dispute_resolve(&c, req_param(rq, 0)->s.p, outcome, &d, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, row_json(rq, &d));
}

static const char *const withdraw_keys[] = { "reason", NULL };

static enum app_err
withdraw(struct req *rq)
{
	struct svc_ctx		c = api_svc(rq);
	struct dispute_row	d;
	struct fault		f = { .er = APP_OK };
	const char		*reason = NULL;
	size_t			len;
	enum app_err		er;

	if (rq->cfg->role != ROLE_REGISTRY)
		return not_registry(rq);
	if (rq->json != NULL && ((er = api_body_object(rq, withdraw_keys)) != APP_OK ||
	    (er = api_str(rq, "reason", false, BIND_MAX, &reason, &len)) != APP_OK))
		return er;
	if (svc_dispute_withdraw(&c, req_param(rq, 0)->s.p, reason, &d, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, row_json(rq, &d));
}

/* Filing, reading, notes and withdrawing are any account's to try; svc/ decides. */
const struct route api_dispute_routes[] = {
	{ HTTP_POST, "/api/v1/disputes", PERM_ACCOUNT, R_JSON, NOPARAMS, create },
	{ HTTP_GET, "/api/v1/disputes", PERM_ACCOUNT, 0, PARAMS(list_params), list },
	{ HTTP_GET, "/api/v1/disputes/{id}", PERM_ACCOUNT, 0, PARAMS(one_params), get_one },
	{ HTTP_POST, "/api/v1/disputes/{id}/assign", PERM_CASES_MANAGE, R_JSON,
	  PARAMS(one_params), assign },
	{ HTTP_POST, "/api/v1/disputes/{id}/notes", PERM_ACCOUNT, R_JSON, PARAMS(one_params),
	  note },
	{ HTTP_POST, "/api/v1/disputes/{id}/resolve", PERM_CASES_MANAGE, R_JSON,
	  PARAMS(one_params), resolve },
	{ HTTP_POST, "/api/v1/disputes/{id}/withdraw", PERM_ACCOUNT, R_JSON, PARAMS(one_params),
	  withdraw },
};
const size_t	api_dispute_nroutes = sizeof(api_dispute_routes) / sizeof(api_dispute_routes[0]);
