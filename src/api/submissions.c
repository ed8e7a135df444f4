/*
 * The 报送 (issue 6; Art. 7(2), R5, R7, R17, R37), both sides, and the
 * JSON document that travels between instances (federation).
 *
 * Provider (and platform) side, staff:
 *	POST /api/v1/cases/{id}/submission		draft from the case
 *	GET  /api/v1/cases/{id}/submission		the case's 报送
 *	GET  /api/v1/submissions			list
 *	GET  /api/v1/submissions/{id}			one, with its record
 *	PUT  /api/v1/submissions/{id}			edit (draft, rejected)
 *	POST /api/v1/submissions/{id}/send		to the registry, or for manual upload
 *	GET  /api/v1/submissions/{id}/file		the document for manual upload
 *	POST /api/v1/submissions/{id}/uploaded		who uploaded it, when (manual)
 *	POST /api/v1/submissions/{id}/outcome		the library's answer (manual)
 *	POST /api/v1/submissions/{id}/waive		with a reason
 * Registry side:
 *	POST /api/v1/submissions			a member organisation's token sends one
 *	GET  /api/v1/submissions[/{id}]			staff read what was received
 *	POST /api/v1/submissions/{id}/decision		staff verify or reject
 * The same paths mean the one or the other by the instance's role.
 */
#include <string.h>

#include "api/api.h"
#include "core/arena.h"
#include "core/config.h"
#include "core/parse.h"
#include "core/sbuf.h"
#include "crypto/crypto.h"
#include "svc/apps.h"
#include "svc/submissions.h"

/* The wire format */

const char *
api_fed_body(struct arena *a, const struct fed_payload *p, size_t *len)
{
	json_t	*o = json_object(), *rec = json_object();
	char	*s;
	size_t	 i;

	for (i = 0; i < SF__MAX; i++)
		json_object_set_new(rec, sub_fields[i].key,
		    json_string(p->v[i] != NULL ? p->v[i] : ""));
	if (p->forward) {
		json_object_set_new(o, "library_id", json_string(p->library_id));
		json_object_set_new(o, "submitter", json_string(p->submitter));
		json_object_set_new(o, "received_at", api_time(p->received_at));
		json_object_set_new(o, "record", rec);
	} else {
		/* The registry reads the record's fields at the top level. */
		json_object_update(o, rec);
		json_decref(rec);
		json_object_set_new(o, "reference", json_string(p->ref));
	}
	s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	if (s == NULL) {
		*len = 2;
		return "{}";
	}
	*len = strlen(s);
	{
		char	*c = arena_strndup(a, s, *len);

		free(s);
		return c;
	}
}

void
api_fed_answer(struct arena *a, const char *body, size_t len, const char **library_id,
    const char **reason)
{
	json_t		*o, *v;
	json_error_t	 e;

	*library_id = *reason = "";
	if (body == NULL || len == 0 || (o = json_loadb(body, len, 0, &e)) == NULL)
		return;
	if (json_is_object(o)) {
		/* A 报送's library id, or the id a registry gave a filing application. */
		if (json_is_string(v = json_object_get(o, "library_id")) ||
		    json_is_string(v = json_object_get(o, "id")))
			*library_id = arena_strdup(a, json_string_value(v));
		if (json_is_string(v = json_object_get(o, "detail")))
			*reason = arena_strdup(a, json_string_value(v));
		else if (json_is_string(v = json_object_get(o, "title")))
			*reason = arena_strdup(a, json_string_value(v));
	}
	json_decref(o);
}

/* Views */

static json_t *
values_json(const sub_values v)
{
	json_t	*o = json_object();
	size_t	 i;

	for (i = 0; i < SF__MAX; i++)
		json_object_set_new(o, sub_fields[i].key, json_string(v[i] != NULL ? v[i] : ""));
	return o;
}

static json_t *
submission_json(const struct submission_row *r, const sub_values *v)
{
	json_t	*o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:b, s:s, s:s, s:o, s:o, "
	    "s:o, s:o, s:o}",
	    "id", (json_int_t)r->id,
	    "case_id", r->case_id,
	    "state", sub_state_name(r->state),
	    "target_library", r->target_library,
	    "name", r->title,
	    "product_name", r->product_name,
	    "manual", r->manual,
	    "library_id", r->library_id,
	    "reason", r->reason,
	    "created_at", api_time(r->created_at),
	    "updated_at", api_time(r->updated_at),
	    "sent_at", api_time(r->sent_at),
	    "uploaded_at", api_time(r->uploaded_at),
	    "decided_at", api_time(r->decided_at));

	if (r->outbox_id != 0)
		json_object_set_new(o, "delivery", json_pack("{s:s, s:i, s:s, s:o}",
		    "status", r->delivery, "attempts", r->attempts, "last_error", r->last_error,
		    "http_status", r->http_status != 0 ? json_integer(r->http_status) :
		    json_null()));
	if (v != NULL)
		json_object_set_new(o, "record", values_json(*v));
	return o;
}

/* The app's fields as app_name, ... members of o (issue 9). */
static void
app_members(json_t *o, const struct appinfo *app)
{
	int	i;

	for (i = 0; i < AF__MAX; i++)
		json_object_set_new(o, app_fields[i].key,	/* steals */
		    json_string(appinfo_get(app, (enum app_field)i)));
}

/* The app of a record (its SF_APP_* fields). */
static void
record_app(const sub_values v, struct appinfo *app)
{
	int	i;

	for (i = 0; i < AF__MAX; i++)
		app->v[i] = v[SF_APP_NAME + i];
}

static json_t *
received_json(const struct received_row *r, const struct appinfo *app, const sub_values *v,
    const struct forward_row *fw, size_t nfw)
{
	json_t	*o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:o, s:o}",
	    "library_id", r->id,
	    "organisation", r->org_slug,
	    "organisation_name", r->org_name,
	    "target_library", r->target_library,
	    "name", r->title,
	    "product_name", r->product_name,
	    "payload_sha256", r->payload_sha256,
	    "leaf_index", (json_int_t)r->leaf_index,
	    "state", r->state,
	    "reason", r->reason,
	    "received_at", api_time(r->received_at),
	    "verified_at", api_time(r->verified_at));
	json_t	*a;
	size_t	 i;
	struct appinfo	 rec;

	if (app == NULL && v != NULL) {
		record_app(*v, &rec);
		app = &rec;
	}
	if (app != NULL)
		app_members(o, app);
	if (v != NULL)
		json_object_set_new(o, "record", values_json(*v));
	if (fw != NULL) {
		a = json_array();
		for (i = 0; i < nfw; i++)
			json_array_append_new(a, json_pack("{s:s, s:s, s:b, s:s, s:i, s:s, "
			    "s:o, s:o}",
			    "recipient", fw[i].recipient,
			    "target", strncmp(fw[i].target, "mailto:", 7) == 0 ? "mail" : "http",
			    "on_request", fw[i].on_request,
			    "status", fw[i].delivery,
			    "attempts", fw[i].attempts,
			    "last_error", fw[i].last_error,
			    "http_status", fw[i].http_status != 0 ?
			    json_integer(fw[i].http_status) : json_null(),
			    "delivered_at", api_time(fw[i].sent_at)));
		json_object_set_new(o, "forwards", a);
	}
	return o;
}

/* Every field problem into rq->errors, then the 400 naming the first. */
static enum app_err
problems(struct req *rq, const struct sub_problems *pr, const struct fault *f)
{
	size_t	i;

	if (pr->n == 0)
		return req_fault(rq, f);
	for (i = 0; i < pr->n; i++)
		req_field_error(rq, sub_fields[pr->p[i].field].key, pr->p[i].msg);
	return req_fault(rq, f);
}

/*
 * The record's fields of the body object: each a string (or absent: NULL).
 * extra lists the other keys the endpoint accepts.
 */
static enum app_err
read_values(struct req *rq, sub_values v, const char *const *extra)
{
	const char	*allowed[SF__MAX + 8];
	size_t		 i, n = 0, len;
	enum app_err	 er;

	for (i = 0; i < SF__MAX; i++)
		allowed[n++] = sub_fields[i].key;
	for (i = 0; extra != NULL && extra[i] != NULL; i++)
		allowed[n++] = extra[i];
	allowed[n] = NULL;
	if ((er = api_body_object(rq, allowed)) != APP_OK)
		return er;
	for (i = 0; i < SF__MAX; i++) {
		v[i] = NULL;
		if ((er = api_str(rq, sub_fields[i].key, false, sub_fields[i].max, &v[i],
		    &len)) != APP_OK)
			return er;
	}
	return APP_OK;
}

/* Provider side */

enum { C_ID };
static const struct param case_params[] = {
	{ "id", PARAM_TEXT, 1, 64, true },	/* C_ID */
};

static enum app_err
case_draft(struct req *rq)
{
	struct svc_ctx		c = api_svc(rq);
	struct submission_row	r;
	struct fault		f = { .er = APP_OK };

	if (svc_submission_draft(&c, req_param(rq, C_ID)->s.p, &r, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 201, submission_json(&r, NULL));
}

static enum app_err
case_get(struct req *rq)
{
	struct svc_ctx		c = api_svc(rq);
	struct submission_row	r;
	sub_values		v;
	struct fault		f = { .er = APP_OK };

	if (svc_submission_of_case(&c, req_param(rq, C_ID)->s.p, &r, &v, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, submission_json(&r, &v));
}

enum { L_STATE, L_CURSOR, L_LIMIT, L_APP, L_PLATFORM };
static const struct param list_params[] = {
	{ "state", PARAM_TEXT, 1, 32, false },		/* L_STATE */
	API_PAGE_PARAMS,				/* L_CURSOR, L_LIMIT */
	{ "app", PARAM_TEXT, 1, APP_QUERY_MAX, false },	/* L_APP: registry, svc_app_filters */
	{ "platform", PARAM_TEXT, 1, 32, false },	/* L_PLATFORM: registry */
};

static enum app_err
list(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	const char		*state = req_param(rq, L_STATE)->present ?
				    req_param(rq, L_STATE)->s.p : NULL;
	int			 limit = req_param(rq, L_LIMIT)->present ?
				    (int)req_param(rq, L_LIMIT)->i : API_PAGE_DEFAULT;
	int64_t			 cursor = req_param(rq, L_CURSOR)->i;
	struct fault		 f = { .er = APP_OK };
	json_t			*items = json_array();
	size_t			 n, i;

	if (rq->cfg->role == ROLE_REGISTRY) {
		struct received_app_row	*r;

		/* Searched by app (issue 9): its name, package or developer, and platform. */
		if (svc_library_search(&c, state, req_param(rq, L_APP)->present ?
		    req_param(rq, L_APP)->s.p : NULL, req_param(rq, L_PLATFORM)->present ?
		    req_param(rq, L_PLATFORM)->s.p : NULL, cursor, limit, &r, &n, &f) !=
		    APP_OK) {
			json_decref(items);
			return req_fault(rq, &f);
		}
		for (i = 0; i < n; i++)
			json_array_append_new(items, received_json(&r[i].r, &r[i].app, NULL,
			    NULL, 0));
		return resp_json(rq, 200, api_page(items, n, limit, n ? r[n - 1].r.rowid : 0));
	} else {
		struct submission_row	*r;

		if (svc_submission_list(&c, state, cursor, limit, &r, &n, &f) != APP_OK) {
			json_decref(items);
			return req_fault(rq, &f);
		}
		for (i = 0; i < n; i++)
			json_array_append_new(items, submission_json(&r[i], NULL));
		return resp_json(rq, 200, api_page(items, n, limit, n ? r[n - 1].id : 0));
	}
}

enum { S_ID };
static const struct param sub_params[] = {
	{ "id", PARAM_TEXT, 1, 64, true },	/* S_ID */
};

/* A provider-side id: a positive integer; else 404 like any unknown one. */
static bool
provider_id(struct req *rq, int64_t *id, struct fault *f)
{
	struct str	s = req_param(rq, S_ID)->s;

	if (parse_i64(s.p, s.n, 1, INT64_MAX, id) == 0)
		return true;
	fault_set(f, APP_NOTFOUND, NULL, MSG_ERR_NO_SUCH_SUBMISSION, 0);
	return false;
}

static enum app_err
get_one(struct req *rq)
{
	struct svc_ctx		c = api_svc(rq);
	sub_values		v;
	struct fault		f = { .er = APP_OK };
	int64_t			id;

	if (rq->cfg->role == ROLE_REGISTRY) {
		struct received_row	 r;
		struct forward_row	*fw;
		size_t			 nfw;

		if (svc_library_get(&c, req_param(rq, S_ID)->s.p, &r, &v, &fw, &nfw, &f) !=
		    APP_OK)
			return req_fault(rq, &f);
		return resp_json(rq, 200, received_json(&r, NULL, &v, fw, nfw));
	} else {
		struct submission_row	r;

		if (!provider_id(rq, &id, &f) ||
		    svc_submission_get(&c, id, &r, &v, &f) != APP_OK)
			return req_fault(rq, &f);
		return resp_json(rq, 200, submission_json(&r, &v));
	}
}

static enum app_err
put_one(struct req *rq)
{
	struct svc_ctx		c = api_svc(rq);
	struct submission_row	r;
	struct sub_problems	pr = { .n = 0 };
	sub_values		v;
	struct fault		f = { .er = APP_OK };
	int64_t			id;
	enum app_err		er;

	if (!provider_id(rq, &id, &f))
		return req_fault(rq, &f);
	if ((er = read_values(rq, v, NULL)) != APP_OK)
		return er;
	if (svc_submission_update(&c, id, v, &r, &pr, &f) != APP_OK)
		return problems(rq, &pr, &f);
	return resp_json(rq, 200, submission_json(&r, NULL));
}

static enum app_err
send(struct req *rq)
{
	struct svc_ctx		c = api_svc(rq);
	struct submission_row	r;
	struct sub_problems	pr = { .n = 0 };
	struct fault		f = { .er = APP_OK };
	int64_t			id;

	if (!provider_id(rq, &id, &f))
		return req_fault(rq, &f);
	if (svc_submission_send(&c, id, &r, &pr, &f) != APP_OK)
		return problems(rq, &pr, &f);
	return resp_json(rq, 202, submission_json(&r, NULL));
}

static enum app_err
file(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct submission_row	 r;
	struct fed_payload	 p;
	sub_values		 v;
	struct fault		 f = { .er = APP_OK };
	const char		*body;
	size_t			 len;
	int64_t			 id;

	if (!provider_id(rq, &id, &f) || svc_submission_get(&c, id, &r, &v, &f) != APP_OK)
		return req_fault(rq, &f);
	/* The same document the registry would receive over HTTP. */
	memset(&p, 0, sizeof(p));
	memcpy(p.v, v, sizeof(v));
	p.ref = r.case_id;
	body = api_fed_body(rq->arena, &p, &len);
	resp_header(rq, "Content-Disposition", arena_printf(rq->arena,
	    "attachment; filename=\"submission-%s.json\"", r.case_id));
	rq->status = 200;
	rq->ctype = "application/json";
	sbuf_add(&rq->out, body, len);
	return APP_OK;
}

static const char *const uploaded_keys[] = { "library_id", NULL };

static enum app_err
uploaded(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct submission_row	 r;
	struct fault		 f = { .er = APP_OK };
	const char		*lib = NULL;
	size_t			 len;
	int64_t			 id;
	enum app_err		 er;

	if (!provider_id(rq, &id, &f))
		return req_fault(rq, &f);
	if ((er = api_body_object(rq, uploaded_keys)) != APP_OK ||
	    (er = api_str(rq, "library_id", false, 64, &lib, &len)) != APP_OK)
		return er;
	if (svc_submission_uploaded(&c, id, lib, &r, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, submission_json(&r, NULL));
}

static const char *const outcome_keys[] = { "accepted", "library_id", "reason", NULL };

static enum app_err
outcome(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct submission_row	 r;
	struct fault		 f = { .er = APP_OK };
	const char		*lib = NULL, *reason = NULL;
	bool			 accepted = false;
	size_t			 len;
	int64_t			 id;
	enum app_err		 er;

	if (!provider_id(rq, &id, &f))
		return req_fault(rq, &f);
	if ((er = api_body_object(rq, outcome_keys)) != APP_OK ||
	    (er = api_bool(rq, "accepted", &accepted)) != APP_OK ||
	    (er = api_str(rq, "library_id", false, 64, &lib, &len)) != APP_OK ||
	    (er = api_str(rq, "reason", false, 2000, &reason, &len)) != APP_OK)
		return er;
	if (svc_submission_outcome(&c, id, accepted, lib, reason, &r, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, submission_json(&r, NULL));
}

static const char *const reason_keys[] = { "reason", NULL };

static enum app_err
waive(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct submission_row	 r;
	struct fault		 f = { .er = APP_OK };
	const char		*reason = NULL;
	size_t			 len;
	int64_t			 id;
	enum app_err		 er;

	if (!provider_id(rq, &id, &f))
		return req_fault(rq, &f);
	if ((er = api_body_object(rq, reason_keys)) != APP_OK ||
	    (er = api_str(rq, "reason", true, 2000, &reason, &len)) != APP_OK)
		return er;
	if (svc_submission_waive(&c, id, reason, &r, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, submission_json(&r, NULL));
}

/* Registry side */

static const char *const receive_extra[] = { "reference", NULL };

static enum app_err
receive(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct library_receipt	 out;
	struct sub_problems	 pr = { .n = 0 };
	sub_values		 v;
	struct fault		 f = { .er = APP_OK };
	char			 sha[CRYPTO_HASH_HEX];
	const char		*ref = NULL;
	size_t			 len;
	enum app_err		 er;
	json_t			*o;

	if (rq->cfg->role != ROLE_REGISTRY)
		return req_fail(rq, APP_NOTFOUND, NULL, MSG_ERR_NOT_REGISTRY);
	if ((er = read_values(rq, v, receive_extra)) != APP_OK ||
	    (er = api_str(rq, "reference", false, 128, &ref, &len)) != APP_OK)
		return er;
	/* The receipt log keeps the digest of the exact bytes received (Art. 5). */
	crypto_hash_hex(rq->body.p, rq->body.n, sha);
	if (svc_library_receive(&c, req_header(rq, "Idempotency-Key"), v, sha, &out, &pr,
	    &f) != APP_OK)
		return problems(rq, &pr, &f);
	{
		struct appinfo	app;

		record_app(v, &app);
		o = received_json(&out.r, out.replay ? NULL : &app, NULL, NULL, 0);
	}
	json_object_set_new(o, "replay", json_boolean(out.replay));
	if (ref != NULL)
		json_object_set_new(o, "reference", json_string(ref));
	resp_header(rq, "Location", arena_printf(rq->arena, "/api/v1/submissions/%s",
	    out.r.id));
	return resp_json(rq, out.replay ? 200 : 201, o);
}

static const char *const decision_keys[] = { "state", "reason", NULL };

static enum app_err
decision(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct received_row	 r;
	struct fault		 f = { .er = APP_OK };
	const char		*state = NULL, *reason = NULL;
	size_t			 len;
	enum app_err		 er;

	if (rq->cfg->role != ROLE_REGISTRY)
		return req_fail(rq, APP_NOTFOUND, NULL, MSG_ERR_NOT_REGISTRY);
	if ((er = api_body_object(rq, decision_keys)) != APP_OK ||
	    (er = api_str(rq, "state", true, 16, &state, &len)) != APP_OK ||
	    (er = api_str(rq, "reason", false, 2000, &reason, &len)) != APP_OK)
		return er;
	if (svc_library_decide(&c, req_param(rq, S_ID)->s.p, state, reason, &r, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, received_json(&r, NULL, NULL, NULL, 0));
}

const struct route api_submission_routes[] = {
	{ HTTP_POST, "/api/v1/cases/{id}/submission", PERM_CASES_MANAGE, 0,
	  PARAMS(case_params), case_draft },
	{ HTTP_GET, "/api/v1/cases/{id}/submission", PERM_CASES_MANAGE, 0,
	  PARAMS(case_params), case_get },
	{ HTTP_GET, "/api/v1/submissions", PERM_CASES_MANAGE, 0, PARAMS(list_params), list },
	{ HTTP_POST, "/api/v1/submissions", PERM_ACCOUNT, R_JSON, NOPARAMS, receive },
	{ HTTP_GET, "/api/v1/submissions/{id}", PERM_CASES_MANAGE, 0, PARAMS(sub_params),
	  get_one },
	{ HTTP_PUT, "/api/v1/submissions/{id}", PERM_CASES_MANAGE, R_JSON, PARAMS(sub_params),
	  put_one },
	{ HTTP_POST, "/api/v1/submissions/{id}/send", PERM_CASES_MANAGE, 0,
	  PARAMS(sub_params), send },
	{ HTTP_GET, "/api/v1/submissions/{id}/file", PERM_CASES_MANAGE, 0, PARAMS(sub_params),
	  file },
	{ HTTP_POST, "/api/v1/submissions/{id}/uploaded", PERM_CASES_MANAGE, R_JSON,
	  PARAMS(sub_params), uploaded },
	{ HTTP_POST, "/api/v1/submissions/{id}/outcome", PERM_CASES_MANAGE, R_JSON,
	  PARAMS(sub_params), outcome },
	{ HTTP_POST, "/api/v1/submissions/{id}/waive", PERM_CASES_MANAGE, R_JSON,
	  PARAMS(sub_params), waive },
	{ HTTP_POST, "/api/v1/submissions/{id}/decision", PERM_CASES_MANAGE, R_JSON,
	  PARAMS(sub_params), decision },
};
const size_t api_submission_nroutes =
    sizeof(api_submission_routes) / sizeof(api_submission_routes[0]);
