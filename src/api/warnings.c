/*
 * Warnings (预警, issue 9; R40), registry role only (404 elsewhere):
 *
 *	POST /api/v1/warnings			staff, or a member of an active unit: issue
 *	GET  /api/v1/warnings			the caller's: staff and regulators all,
 *						unit members those delivered to them
 *	GET  /api/v1/warnings/public		anyone: those past public_at, summary only
 *	GET  /api/v1/warnings/{id}		staff, regulators, members of a delivered
 *						unit (audited); anyone else 404
 *	POST /api/v1/warnings/{id}/acknowledge	a member of a delivered unit
 *	POST /api/v1/warnings/{id}/withdraw	staff, with a reason
 */
#include <string.h>

#include "api/api.h"
#include "core/arena.h"
#include "core/config.h"
#include "core/parse.h"
#include "svc/warnings.h"

/* Transport bounds: loose, so that svc/ (domain/warning.c) names each field it refuses. */
#define BIND_MAX	(2 * WARNING_BODY_MAX)
#define WORD_MAX	64
#define UNITS_MAX	(2 * WARNING_UNITS_MAX)

static enum app_err
not_registry(struct req *rq)
{
	return req_fail(rq, APP_NOTFOUND, NULL, MSG_ERR_WARNINGS_OFF);
}

static json_t *
text_or_null(const char *s)
{
	return s != NULL && s[0] != '\0' ? json_string(s) : json_null();
}

/* "3,5" as [3, 5]. */
static json_t *
units_json(const char *list)
{
	json_t		*a = json_array();
	struct str	 rest = str_from(list), one;
	int64_t		 v;

	while (rest.n > 0) {
		one = str_split(&rest, ',');
		if (parse_i64(one.p, one.n, 1, INT64_MAX, &v) == 0)
			json_array_append_new(a, json_integer(v));	/* steals */
	}
	return a;
}

/* What the public sees: never the body, never who issued it. */
static json_t *
public_json(const struct warning_row *w)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:o}",
	    "id", w->id,
	    "kind", warning_kind_name(w->kind),
	    "severity", warning_severity_name(w->severity),
	    "title", w->title,
	    "summary", text_or_null(w->summary),
	    "issued_at", api_time(w->issued_at),
	    "public_at", api_time(w->public_at));
}

/* A row for a reader: the public part, the matter, the audience and the state. */
static json_t *
row_json(const struct warning_row *w, bool staff)
{
	json_t	*o = public_json(w);

	json_object_set_new(o, "related", text_or_null(w->related));
	json_object_set_new(o, "affected", text_or_null(w->affected));
	json_object_set_new(o, "audience", text_or_null(warning_audience_name(w->audience)));
	json_object_set_new(o, "min_level", json_integer(w->min_level));
	json_object_set_new(o, "units", units_json(w->unit_ids));
	json_object_set_new(o, "issuer_org", text_or_null(w->issuer_org_name));
	json_object_set_new(o, "state", json_string(warning_state_name(w->state)));
	json_object_set_new(o, "withdrawn_at", api_time(w->withdrawn_at));
	json_object_set_new(o, "withdraw_reason", text_or_null(w->withdraw_reason));
	if (staff) {
		json_object_set_new(o, "issuer", text_or_null(w->issuer_login));
		json_object_set_new(o, "deliveries_count", json_pack("{s:I, s:I, s:I}",
		    "delivered", (json_int_t)w->ndelivered,
		    "acknowledged", (json_int_t)w->nacknowledged,
		    "refused", (json_int_t)w->nrefused));
	}
	return o;
}

static json_t *
view_json(const struct warning_view *v)
{
	json_t	*o = row_json(&v->w, v->staff), *d;
	size_t	 i;

	json_object_set_new(o, "body", json_string(v->body));
	if (v->staff) {
		d = json_array();
		for (i = 0; i < v->ndeliveries; i++) {
			const struct warning_delivery	*x = &v->deliveries[i];

			json_array_append_new(d, json_pack("{s:I, s:s, s:s, s:i, s:s, s:o, "
			    "s:o, s:o, s:o}",
			    "unit_id", (json_int_t)x->unit_id,
			    "unit", x->unit_name,
			    "type", unit_type_name(x->unit_type),
			    "level", x->level,
			    "state", delivery_state_name(x->state),
			    "rule", text_or_null(x->rule),
			    "delivered_at", api_time(x->delivered_at),
			    "acknowledged_at", api_time(x->acknowledged_at),
			    "acknowledged_by", text_or_null(x->acknowledged_login)));	/* steals */
		}
		json_object_set_new(o, "deliveries", d);
	} else
		json_object_set_new(o, "acknowledgement", json_pack("{s:b, s:b, s:o, s:o}",
		    "delivered", v->member,
		    "can_acknowledge", v->can_ack,
		    "acknowledged_at", api_time(v->acked_at),
		    "acknowledged_by", text_or_null(v->acked_by)));
	return o;
}

static const char *const new_keys[] = {
	"kind", "severity", "title", "summary", "body", "related", "affected", "audience",
	"min_level", "units", "public_at", NULL
};

/* The integers of "min_level" and "units", each named when it is not one. */
static enum app_err
numbers(struct req *rq, struct warning_in *in)
{
	json_t		*v = json_object_get(rq->json, "min_level"), *x;
	int64_t		*u;
	size_t		 i;

	if (v != NULL) {
		if (!json_is_integer(v) || json_integer_value(v) < 1 ||
		    json_integer_value(v) > 4)
			return req_fail(rq, APP_INVALID, "min_level", MSG_ERR_WARNING_LEVEL);
		in->min_level = (int)json_integer_value(v);
	}
	if ((v = json_object_get(rq->json, "units")) == NULL)
		return APP_OK;
	if (!json_is_array(v) || json_array_size(v) > UNITS_MAX)
		return req_fail(rq, APP_INVALID, "units", MSG_ERR_WARNING_UNITS);
	u = arena_calloc(rq->arena, json_array_size(v) + 1, sizeof(*u));
	json_array_foreach(v, i, x) {
		if (!json_is_integer(x) || json_integer_value(x) < 1)
			return req_fail(rq, APP_INVALID, "units", MSG_ERR_WARNING_UNITS);
		u[i] = (int64_t)json_integer_value(x);
	}
	in->units = u;
	in->nunits = json_array_size(v);
	return APP_OK;
}

static enum app_err
create(struct req *rq)
{
	struct svc_ctx		c = api_svc(rq);
	struct warning_in	in;
	struct warning_row	w;
	struct wd_problem	p[WARNING_MAX_PROBLEMS];
	struct fault		f = { .er = APP_OK };
	size_t			len;
	int			np = 0, i;
	enum app_err		er;

	if (rq->cfg->role != ROLE_REGISTRY)
		return not_registry(rq);
	memset(&in, 0, sizeof(in));
	if ((er = api_body_object(rq, new_keys)) != APP_OK ||
	    (er = api_str(rq, "kind", false, WORD_MAX, &in.kind, &len)) != APP_OK ||
	    (er = api_str(rq, "severity", false, WORD_MAX, &in.severity, &len)) != APP_OK ||
	    (er = api_str(rq, "title", false, BIND_MAX, &in.title, &len)) != APP_OK ||
	    (er = api_str(rq, "summary", false, BIND_MAX, &in.summary, &len)) != APP_OK ||
	    (er = api_str(rq, "body", false, BIND_MAX, &in.body, &len)) != APP_OK ||
	    (er = api_str(rq, "related", false, BIND_MAX, &in.related, &len)) != APP_OK ||
	    (er = api_str(rq, "affected", false, BIND_MAX, &in.affected, &len)) != APP_OK ||
	    (er = api_str(rq, "audience", false, WORD_MAX, &in.audience, &len)) != APP_OK ||
	    (er = api_str(rq, "public_at", false, WORD_MAX, &in.public_at, &len)) != APP_OK ||
	    (er = numbers(rq, &in)) != APP_OK)
		return er;
	if (svc_warning_issue(&c, &in, &w, p, &np, &f) != APP_OK) {
		for (i = 0; i < np; i++)
			req_field_error(rq, p[i].field, p[i].msg);
		return req_fault(rq, &f);
	}
	resp_header(rq, "Location", arena_printf(rq->arena, "/api/v1/warnings/%s", w.id));
	return resp_json(rq, 201, row_json(&w, true));
}

static enum app_err
list(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct warning_row	*w;
	struct fault		 f = { .er = APP_OK };
	json_t			*items;
	size_t			 n, i;
	int			 limit;
	bool			 all;

	if (rq->cfg->role != ROLE_REGISTRY)
		return not_registry(rq);
	limit = req_param(rq, 1)->present ? (int)req_param(rq, 1)->i : API_PAGE_DEFAULT;
	if (svc_warning_list(&c, req_param(rq, 0)->i, limit, &w, &n, &f) != APP_OK)
		return req_fault(rq, &f);
	all = rq->user != NULL && (authz_allows(rq->user->role, PERM_CASES_MANAGE) ||
	    rq->user->role == UROLE_REGULATOR);
	items = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(items, row_json(&w[i], all));	/* steals */
	return resp_json(rq, 200, api_page(items, n, limit, n ? w[n - 1].rowid : 0));
}

static const struct param page_params[] = {
	API_PAGE_PARAMS,		/* 0 cursor, 1 limit */
};

static enum app_err
public_list(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct warning_row	*w;
	struct fault		 f = { .er = APP_OK };
	json_t			*items;
	size_t			 n, i;
	int64_t			 skip = req_param(rq, 0)->i;
	int			 limit;

	if (rq->cfg->role != ROLE_REGISTRY)
		return not_registry(rq);
	limit = req_param(rq, 1)->present ? (int)req_param(rq, 1)->i : API_PAGE_DEFAULT;
	if (svc_warning_public(&c, skip, limit, &w, &n, &f) != APP_OK)
		return req_fault(rq, &f);
	items = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(items, public_json(&w[i]));	/* steals */
	return resp_json(rq, 200, api_page(items, n, limit, skip + (int64_t)n));
}

static const struct param one_params[] = {
	{ "id", PARAM_TEXT, 1, 64, true },	/* svc checks its shape */
};

static enum app_err
get_one(struct req *rq)
{
	struct svc_ctx		c = api_svc(rq);
	struct warning_view	v;
	struct fault		f = { .er = APP_OK };

	if (rq->cfg->role != ROLE_REGISTRY)
		return not_registry(rq);
	if (svc_warning_get(&c, req_param(rq, 0)->s.p, &v, &f) != APP_OK)
		return req_fault(rq, &f);
	resp_header(rq, "Cache-Control", "no-store");
	return resp_json(rq, 200, view_json(&v));
}

static enum app_err
acknowledge(struct req *rq)
{
	struct svc_ctx		c = api_svc(rq);
	struct warning_view	v;
	struct fault		f = { .er = APP_OK };

	if (rq->cfg->role != ROLE_REGISTRY)
		return not_registry(rq);
	if (svc_warning_ack(&c, req_param(rq, 0)->s.p, &v, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, view_json(&v));
}

static const char *const withdraw_keys[] = { "reason", NULL };

static enum app_err
withdraw(struct req *rq)
{
	struct svc_ctx		c = api_svc(rq);
	struct warning_row	w;
	struct fault		f = { .er = APP_OK };
	const char		*reason = NULL;
	size_t			len;
	enum app_err		er;

	if (rq->cfg->role != ROLE_REGISTRY)
		return not_registry(rq);
	if ((er = api_body_object(rq, withdraw_keys)) != APP_OK ||
	    (er = api_str(rq, "reason", false, 2 * WARNING_REASON_MAX, &reason, &len)) != APP_OK)
		return er;
	if (svc_warning_withdraw(&c, req_param(rq, 0)->s.p, reason, &w, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, row_json(&w, true));
}

/*
 * Issuing, reading and acknowledging are any account's to try (svc/ decides
 * who may, and answers 404 to those a warning is not for); withdrawing is
 * the staff's.  The public list is a cached public read.
 */
const struct route api_warning_routes[] = {
	{ HTTP_POST, "/api/v1/warnings", PERM_ACCOUNT, R_JSON, NOPARAMS, create },
	{ HTTP_GET, "/api/v1/warnings", PERM_ACCOUNT, 0, PARAMS(page_params), list },
	{ HTTP_GET, "/api/v1/warnings/public", PERM_NONE, R_PUBLIC, PARAMS(page_params),
	  public_list },
	{ HTTP_GET, "/api/v1/warnings/{id}", PERM_ACCOUNT, 0, PARAMS(one_params), get_one },
	/* No body to read: the request itself is the acknowledgement. */
	{ HTTP_POST, "/api/v1/warnings/{id}/acknowledge", PERM_ACCOUNT, 0, PARAMS(one_params),
	  acknowledge },
	{ HTTP_POST, "/api/v1/warnings/{id}/withdraw", PERM_CASES_MANAGE, R_JSON,
	  PARAMS(one_params), withdraw },
};
const size_t	api_warning_nroutes = sizeof(api_warning_routes) / sizeof(api_warning_routes[0]);
