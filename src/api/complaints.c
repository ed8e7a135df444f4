/*
 * Complaints (举报, issue 8; 办法 第九条), registry role only (404 elsewhere):
 *
 *	POST /api/v1/complaints			anyone, anonymous allowed: a complaint
 *	GET  /api/v1/complaints/channels	anyone: the published phone, e-mail, form
 *	GET  /api/v1/complaints/{id}		staff; or the complainant with
 *						X-Complaint-Token (state and outcome only)
 *	GET  /api/v1/complaints			staff: list (state, category, platform)
 *	GET  /api/v1/complaints/statistics	staff: by platform, outcome, state, category
 *	POST /api/v1/complaints/{id}/assign	staff
 *	POST /api/v1/complaints/{id}/notes	staff: an investigation note
 *	POST /api/v1/complaints/{id}/close	staff: the outcome and its note
 */
#include <string.h>

#include "api/api.h"
#include "core/arena.h"
#include "core/config.h"
#include "crypto/crypto.h"
#include "svc/complaints.h"

/* The header a complainant shows their status token in (never the URL: logs keep URLs). */
#define TOKEN_HEADER	"X-Complaint-Token"

/*
 * Transport bounds of the body's strings: loose, so that svc/ (domain/
 * complaint.c) names every field it refuses at once, with its own limit.
 */
#define BIND_MAX	(2 * COMPLAINT_TEXT_MAX)
#define WORD_MAX	64	/* category, channel, outcome, assignee */

static enum app_err
not_registry(struct req *rq)
{
	return req_fail(rq, APP_NOTFOUND, NULL, MSG_ERR_COMPLAINTS_OFF);
}

static json_t *
b64(struct req *rq, const void *p, size_t n)
{
	return json_string(crypto_b64_arena(rq->arena, p, n));
}

static json_t *
text_or_null(const char *s)
{
	return s != NULL && s[0] != '\0' ? json_string(s) : json_null();
}

/* What anyone allowed to see the complaint sees: never who, never notes. */
static json_t *
complaint_json(const struct complaint_row *c)
{
	return json_pack("{s:s, s:{s:s, s:o, s:o}, s:s, s:s, s:o, s:I, s:o, s:o, s:o}",
	    "id", c->id,
	    "platform",
	    "name", c->platform_name,
	    "url", text_or_null(c->platform_url),
	    "filing_number", text_or_null(c->filing_number),
	    "category", complaint_category_name(c->category),
	    "state", complaint_state_name(c->state),
	    "outcome", text_or_null(complaint_outcome_name(c->outcome)),
	    "leaf_index", (json_int_t)c->leaf_index,
	    "received_at", api_time(c->received_at),
	    "updated_at", api_time(c->updated_at),
	    "closed_at", api_time(c->closed_at));
}

/* The staff's view of a row: who sent, recorded and holds it. */
static json_t *
staff_row_json(const struct complaint_row *c)
{
	json_t	*o = complaint_json(c);

	json_object_set_new(o, "channel", json_string(complaint_channel_name(c->channel)));
	json_object_set_new(o, "anonymous", json_boolean(c->anonymous));
	json_object_set_new(o, "reporter", text_or_null(c->reporter_login));
	json_object_set_new(o, "recorded_by", text_or_null(c->recorded_by_login));
	json_object_set_new(o, "assignee", text_or_null(c->assignee_login));
	return o;
}

/* Everything, for staff: the sealed parts opened and the history. */
static json_t *
full_json(const struct complaint_view *v)
{
	json_t	*o = staff_row_json(&v->c), *h = json_array();
	size_t	 i;

	json_object_set_new(o, "payload_sha256", json_string(v->c.payload_sha256));
	json_object_set_new(o, "description", json_string(v->text));
	json_object_set_new(o, "contact", text_or_null(v->contact));
	json_object_set_new(o, "outcome_note", text_or_null(v->outcome_note));
	for (i = 0; i < v->nevents; i++) {
		const struct complaint_event	*e = &v->events[i];

		json_array_append_new(h, json_pack("{s:o, s:o, s:s, s:o, s:o, s:o, s:o}",
		    "at", api_time(e->at),
		    "actor", text_or_null(e->actor_login),
		    "event", e->event,
		    "from_state", text_or_null(e->from_state),
		    "to_state", text_or_null(e->to_state),
		    "detail", text_or_null(e->detail),
		    "note", text_or_null(e->note_text)));	/* steals */
	}
	json_object_set_new(o, "history", h);
	return o;
}

static const char *const new_keys[] = {
	"platform_name", "platform_url", "filing_number", "category", "description",
	"contact", "anonymous", "channel", NULL
};

static enum app_err
create(struct req *rq)
{
	struct svc_ctx			 c = api_svc(rq);
	struct complaint_new		 in;
	struct complaint_receipt	*rc;
	struct complaint_problem	 p[COMPLAINT_MAX_PROBLEMS];
	struct fault			 f = { .er = APP_OK };
	const char			*channel = NULL;
	size_t				 len;
	int				 np = 0, i;
	enum app_err			 er;
	json_t				*o;

	if (rq->cfg->role != ROLE_REGISTRY)
		return not_registry(rq);
	memset(&in, 0, sizeof(in));
	if ((er = api_body_object(rq, new_keys)) != APP_OK ||
	    (er = api_str(rq, "platform_name", false, BIND_MAX, &in.in.platform_name,
	    &len)) != APP_OK ||
	    (er = api_str(rq, "platform_url", false, BIND_MAX, &in.in.platform_url, &len)) !=
	    APP_OK ||
	    (er = api_str(rq, "filing_number", false, BIND_MAX, &in.in.filing_number, &len)) !=
	    APP_OK ||
	    (er = api_str(rq, "category", false, WORD_MAX, &in.in.category, &len)) != APP_OK ||
	    (er = api_str(rq, "description", false, BIND_MAX, &in.in.text, &len)) != APP_OK ||
	    (er = api_str(rq, "contact", false, BIND_MAX, &in.in.contact, &len)) != APP_OK ||
	    (er = api_str(rq, "channel", false, WORD_MAX, &channel, &len)) != APP_OK ||
	    (er = api_bool(rq, "anonymous", &in.anonymous)) != APP_OK)
		return er;
	/* Through the API a complaint arrives on channel api, unless staff record one. */
	in.channel = channel != NULL ? channel : "api";
	if (strcmp(in.channel, "web") == 0)
		return req_fail(rq, APP_INVALID, "channel", MSG_ERR_COMPLAINT_CHANNEL);
	/* The exact bytes received: their hash goes into the leaf. */
	in.payload = rq->body.p;
	in.payload_len = rq->body.n;
	rc = arena_zalloc(rq->arena, sizeof(*rc));
	if (svc_complaint_submit(&c, &in, rc, p, &np, &f) != APP_OK) {
		for (i = 0; i < np; i++)
			req_field_error(rq, p[i].field, p[i].msg);
		return req_fault(rq, &f);
	}
	o = json_pack("{s:s, s:s, s:I, s:o, s:s, s:s, s:{s:o, s:I, s:o, s:o}}",
	    "id", rc->c.id,
	    "status_token", rc->token,
	    "leaf_index", (json_int_t)rc->c.leaf_index,
	    "received_at", api_time(rc->c.received_at),
	    "state", complaint_state_name(rc->c.state),
	    "status_url", arena_printf(rq->arena, "/api/v1/complaints/%s", rc->c.id),
	    "receipt",
	    "leaf", rc->r.leaf != NULL ? b64(rq, rc->r.leaf, rc->r.leaf_len) : json_null(),
	    "leaf_index", (json_int_t)rc->r.leaf_index,
	    "sth", rc->r.sth.tree_size > 0 ? api_sth_json(rq, &rc->r.sth) : json_null(),
	    "inclusion_proof", api_proof_json(rq, rc->r.proof, rc->r.nproof));
	crypto_wipe(rc->token, sizeof(rc->token));
	resp_header(rq, "Location", arena_printf(rq->arena, "/api/v1/complaints/%s", rc->c.id));
	/* The token is in this answer only: no cache keeps it. */
	resp_header(rq, "Cache-Control", "no-store");
	return resp_json(rq, 201, o);
}

static enum app_err
channels(struct req *rq)
{
	const struct config	*cfg = rq->cfg;
	json_t			*cats = json_array();
	int			 i;

	if (cfg->role != ROLE_REGISTRY) {
		json_decref(cats);
		return not_registry(rq);
	}
	for (i = 0; i < CCAT__MAX; i++)
		json_array_append_new(cats, json_string(complaint_category_name(
		    (enum complaint_category)i)));	/* steals */
	return resp_json(rq, 200, json_pack("{s:s, s:o, s:o, s:s, s:s, s:s, s:o}",
	    "basis", "《网络产品安全漏洞收集平台备案管理办法》第九条",
	    "phone", text_or_null(cfg->complaint_phone),
	    "email", text_or_null(cfg->complaint_email),
	    "form", arena_printf(rq->arena, "%s/complaints/new", cfg->base_url),
	    "status", arena_printf(rq->arena, "%s/complaints/status", cfg->base_url),
	    "api", arena_printf(rq->arena, "%s/api/v1/complaints", cfg->base_url),
	    "categories", cats));
}

enum { G_ID };
static const struct param one_params[] = {
	{ "id", PARAM_TEXT, 1, 64, true },	/* G_ID: svc checks its shape */
};

static enum app_err
get_one(struct req *rq)
{
	struct svc_ctx		c = api_svc(rq);
	struct complaint_view	v;
	struct fault		f = { .er = APP_OK };

	if (rq->cfg->role != ROLE_REGISTRY)
		return not_registry(rq);
	if (svc_complaint_get(&c, req_param(rq, G_ID)->s.p, req_header(rq, TOKEN_HEADER), &v,
	    &f) != APP_OK)
		return req_fault(rq, &f);
	resp_header(rq, "Cache-Control", "no-store");
	return resp_json(rq, 200, v.full ? full_json(&v) : complaint_json(&v.c));
}

enum { L_STATE, L_CATEGORY, L_PLATFORM, L_CURSOR, L_LIMIT };
static const struct param list_params[] = {
	{ "state", PARAM_TEXT, 1, 32, false },		/* L_STATE */
	{ "category", PARAM_TEXT, 1, 32, false },	/* L_CATEGORY */
	{ "platform", PARAM_TEXT, 1, 200, false },	/* L_PLATFORM: a fragment */
	API_PAGE_PARAMS,				/* L_CURSOR, L_LIMIT */
};

static enum app_err
list(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct complaint_filter	 flt;
	struct complaint_row	*r;
	struct fault		 f = { .er = APP_OK };
	json_t			*items;
	size_t			 n, i;

	if (rq->cfg->role != ROLE_REGISTRY)
		return not_registry(rq);
	memset(&flt, 0, sizeof(flt));
	flt.state = req_opt(rq, L_STATE);
	flt.category = req_opt(rq, L_CATEGORY);
	flt.platform = req_opt(rq, L_PLATFORM);
	flt.cursor = req_param(rq, L_CURSOR)->i;
	flt.limit = req_param(rq, L_LIMIT)->present ? (int)req_param(rq, L_LIMIT)->i :
	    API_PAGE_DEFAULT;
	if (svc_complaint_list(&c, &flt, &r, &n, &f) != APP_OK)
		return req_fault(rq, &f);
	items = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(items, staff_row_json(&r[i]));	/* steals */
	return resp_json(rq, 200, api_page(items, n, flt.limit, n ? r[n - 1].rowid : 0));
}

enum { S_YEAR };
static const struct param stats_params[] = {
	{ "year", PARAM_I64, 2000, 9999, false },	/* S_YEAR: of the tracking ids */
};

static enum app_err
statistics(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct complaint_stats	 s;
	struct fault		 f = { .er = APP_OK };
	json_t			*st, *out, *cat, *pl;
	size_t			 i;

	if (rq->cfg->role != ROLE_REGISTRY)
		return not_registry(rq);
	if (svc_complaint_stats(&c, req_param(rq, S_YEAR)->present ?
	    (int)req_param(rq, S_YEAR)->i : 0, &s, &f) != APP_OK)
		return req_fault(rq, &f);
	st = json_object();
	for (i = 0; i < CST__MAX; i++)
		json_object_set_new(st, complaint_state_name((enum complaint_state)i),
		    json_integer(s.by_state[i]));
	out = json_object();
	for (i = 1; i < COUT__MAX; i++)
		json_object_set_new(out, complaint_outcome_name((enum complaint_outcome)i),
		    json_integer(s.by_outcome[i]));
	cat = json_object();
	for (i = 0; i < CCAT__MAX; i++)
		json_object_set_new(cat, complaint_category_name((enum complaint_category)i),
		    json_integer(s.by_category[i]));
	pl = json_array();
	for (i = 0; i < s.nplatforms; i++)
		json_array_append_new(pl, json_pack("{s:s, s:I, s:I, s:I, s:o}",
		    "name", s.platforms[i].name,
		    "total", (json_int_t)s.platforms[i].total,
		    "open", (json_int_t)s.platforms[i].open,
		    "substantiated", (json_int_t)s.platforms[i].substantiated,
		    "last_received_at", api_time(s.platforms[i].last_at)));	/* steals */
	return resp_json(rq, 200, json_pack("{s:o, s:I, s:o, s:o, s:o, s:o}",
	    "year", s.year != 0 ? json_integer(s.year) : json_null(),
	    "total", (json_int_t)s.total,
	    "by_state", st,
	    "by_outcome", out,
	    "by_category", cat,
	    "by_platform", pl));
}

static const char *const assign_keys[] = { "assignee", NULL };

static enum app_err
assign(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct complaint_row	 r;
	struct fault		 f = { .er = APP_OK };
	const char		*who = NULL;
	size_t			 len;
	enum app_err		 er;

	if (rq->cfg->role != ROLE_REGISTRY)
		return not_registry(rq);
	if ((er = api_body_object(rq, assign_keys)) != APP_OK ||
	    (er = api_str(rq, "assignee", false, WORD_MAX, &who, &len)) != APP_OK)
		return er;
	if (svc_complaint_assign(&c, req_param(rq, G_ID)->s.p, who, &r, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, staff_row_json(&r));
}

static const char *const note_keys[] = { "note", NULL };

static enum app_err
note(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct complaint_row	 r;
	struct fault		 f = { .er = APP_OK };
	const char		*text = NULL;
	size_t			 len;
	enum app_err		 er;

	if (rq->cfg->role != ROLE_REGISTRY)
		return not_registry(rq);
	if ((er = api_body_object(rq, note_keys)) != APP_OK ||
	    (er = api_str(rq, "note", false, BIND_MAX, &text, &len)) != APP_OK)
		return er;
	if (svc_complaint_note(&c, req_param(rq, G_ID)->s.p, text, &r, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 201, staff_row_json(&r));
}

static const char *const close_keys[] = { "outcome", "note", NULL };

static enum app_err
close_one(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct complaint_row	 r;
	struct fault		 f = { .er = APP_OK };
	const char		*outcome = NULL, *text = NULL;
	size_t			 len;
	enum app_err		 er;

	if (rq->cfg->role != ROLE_REGISTRY)
		return not_registry(rq);
	if ((er = api_body_object(rq, close_keys)) != APP_OK ||
	    (er = api_str(rq, "outcome", false, WORD_MAX, &outcome, &len)) != APP_OK ||
	    (er = api_str(rq, "note", false, BIND_MAX, &text, &len)) != APP_OK)
		return er;
	if (svc_complaint_close(&c, req_param(rq, G_ID)->s.p, outcome, text, &r, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, staff_row_json(&r));
}

/*
 * Submitting and the channels are anyone's; reading one is the staff's or
 * the complainant's (svc/ decides); the rest is the staff's, with the
 * permission the registry's 报送 use.
 */
const struct route api_complaint_routes[] = {
	{ HTTP_POST, "/api/v1/complaints", PERM_NONE, R_JSON, NOPARAMS, create },
	{ HTTP_GET, "/api/v1/complaints", PERM_CASES_MANAGE, 0, PARAMS(list_params), list },
	{ HTTP_GET, "/api/v1/complaints/channels", PERM_NONE, 0, NOPARAMS, channels },
	{ HTTP_GET, "/api/v1/complaints/statistics", PERM_CASES_MANAGE, 0,
	  PARAMS(stats_params), statistics },
	{ HTTP_GET, "/api/v1/complaints/{id}", PERM_NONE, 0, PARAMS(one_params), get_one },
	{ HTTP_POST, "/api/v1/complaints/{id}/assign", PERM_CASES_MANAGE, R_JSON,
	  PARAMS(one_params), assign },
	{ HTTP_POST, "/api/v1/complaints/{id}/notes", PERM_CASES_MANAGE, R_JSON,
	  PARAMS(one_params), note },
	{ HTTP_POST, "/api/v1/complaints/{id}/close", PERM_CASES_MANAGE, R_JSON,
	  PARAMS(one_params), close_one },
};
const size_t	api_complaint_nroutes =
    sizeof(api_complaint_routes) / sizeof(api_complaint_routes[0]);
