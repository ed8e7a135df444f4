/*
 * Support-unit applications (申报), registry role only (404 elsewhere):
 *
 *	POST /api/v1/support-units/applications			an account of an organisation
 *	GET  /api/v1/support-units/applications			staff: all; others: their org's
 *	GET  /api/v1/support-units/applications/{id}		staff, the applying org
 *	POST /api/v1/support-units/applications/{id}/decision	staff: pass or fail the stage
 *	POST /api/v1/support-units/applications/{id}/paper	staff: the paper copy arrived
 *	POST /api/v1/support-units/applications/{id}/withdraw	the applying org
 *	GET  /api/v1/support-units/applications/{id}/documents/{doc}	an evidence file
 */
#include <string.h>

#include "api/units_int.h"
#include "core/arena.h"
#include "core/config.h"
#include "crypto/crypto.h"

/* Loose transport bounds: domain/support_unit.c judges each field with its own. */
#define BIND_MAX	(4 * UNIT_EVIDENCE_MAX + 64)
#define WORD_MAX	64
#define EVIDENCE_MAX	(2 * UNIT_CRITERIA_MAX)
#define DOC_B64_MAX	((UNIT_DOC_MAX + 2) / 3 * 4)

static json_t *
text_or_null(const char *s)
{
	return s != NULL && s[0] != '\0' ? json_string(s) : json_null();
}

json_t *
units_api_app_row(const struct unit_app_row *a)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:o, s:o, s:o, s:o, s:o}",
	    "id", a->id,
	    "type", unit_type_name(a->type),
	    "unit_name", a->unit_name,
	    "credit_code", a->credit_code,
	    "org", a->org_slug,
	    "state", unit_app_state_name(a->state),
	    "self_score", (json_int_t)a->self_score,
	    "criteria_version", a->criteria_version,
	    "paper_received_on", text_or_null(a->paper_received_on),
	    "leaf_index", a->leaf_index >= 0 ? json_integer(a->leaf_index) : json_null(),
	    "unit_id", a->unit_id != 0 ? json_integer(a->unit_id) : json_null(),
	    "submitted_at", api_time(a->submitted_at),
	    "updated_at", api_time(a->updated_at));
}

json_t *
units_api_app(struct req *rq, const struct unit_app_view *v)
{
	json_t	*o = units_api_app_row(&v->a), *st = json_array(), *docs = json_array();
	json_t	*ev, *decl;
	size_t	 i;

	(void)rq;
	for (i = 0; i < v->nstages; i++) {
		const struct unit_stage_row	*s = &v->stages[i];

		json_array_append_new(st, json_pack("{s:s, s:s, s:o, s:s, s:o, s:o, s:o}",
		    "stage", s->stage,
		    "outcome", s->outcome,
		    "reviewer", text_or_null(s->reviewer_name),
		    "notes", s->notes,
		    "held_on", text_or_null(s->held_on),
		    "score", s->has_score ? json_integer(s->score) : json_null(),
		    "decided_at", api_time(s->decided_at)));	/* steals */
	}
	json_object_set_new(o, "stages", st);	/* steals */
	for (i = 0; i < v->ndocs; i++)
		json_array_append_new(docs, json_pack("{s:I, s:o, s:s, s:s, s:I, s:s}",
		    "id", (json_int_t)v->docs[i].id,
		    "criterion", text_or_null(v->docs[i].criterion),
		    "filename", v->docs[i].filename,
		    "media_type", v->docs[i].mime,
		    "size", (json_int_t)v->docs[i].size,
		    "sha256", v->docs[i].sha256));	/* steals */
	json_object_set_new(o, "documents", docs);	/* steals */
	if (!v->full)
		return o;
	ev = json_array();
	for (i = 0; i < v->nevidence; i++)
		json_array_append_new(ev, json_pack("{s:s, s:s, s:s, s:I, s:I, s:s}",
		    "criterion", v->evidence[i].criterion,
		    "label_zh", v->evidence[i].label_zh,
		    "label_en", v->evidence[i].label_en,
		    "max", (json_int_t)v->evidence[i].max,
		    "score", (json_int_t)v->evidence[i].score,
		    "text", v->evidence[i].text));	/* steals */
	decl = json_array();
	for (i = 0; i < UNIT_DECLARATIONS; i++)
		json_array_append_new(decl, json_boolean(v->declarations[i]));	/* steals */
	json_object_set_new(o, "address", json_string(v->address));
	json_object_set_new(o, "contact", json_pack("{s:s, s:s, s:s}",
	    "name", v->contact_name, "phone", v->contact_phone, "email", v->contact_email));
	json_object_set_new(o, "team", json_pack("{s:I, s:s, s:s}",
	    "size", (json_int_t)v->team_size, "certificates", v->team_certificates,
	    "description", v->team_description));
	json_object_set_new(o, "evidence", ev);	/* steals */
	json_object_set_new(o, "declarations", decl);	/* steals */
	return o;
}

/* --- reading the body --- */

/* A string member of obj (field names it in errors): NULL when absent or null. */
static enum app_err
member_str(struct req *rq, json_t *obj, const char *key, const char *field, size_t max,
    const char **out)
{
	json_t	*v = json_object_get(obj, key);
	size_t	 n;

	*out = NULL;
	if (v == NULL || json_is_null(v))
		return APP_OK;
	if (!json_is_string(v))
		return req_fail(rq, APP_INVALID, field, MSG_ERR_JSON_SHAPE, "expected a string");
	n = json_string_length(v);
	if (n > max)
		return req_fail(rq, APP_INVALID, field, MSG_ERR_FIELD_TOO_LONG);
	if (memchr(json_string_value(v), '\0', n) != NULL)
		return req_fail(rq, APP_INVALID, field, MSG_ERR_FIELD_ENCODING);
	*out = json_string_value(v);
	return APP_OK;
}

/* An object member whose keys are all in allowed (NULL when absent). */
static enum app_err
member_obj(struct req *rq, json_t *obj, const char *key, const char *const *allowed,
    json_t **out)
{
	json_t		*v = json_object_get(obj, key), *x;
	const char	*k;
	size_t		 i;

	*out = NULL;
	if (v == NULL || json_is_null(v))
		return APP_OK;
	if (!json_is_object(v))
		return req_fail(rq, APP_INVALID, key, MSG_ERR_JSON_SHAPE, "expected an object");
	json_object_foreach(v, k, x) {
		for (i = 0; allowed[i] != NULL; i++)
			if (strcmp(k, allowed[i]) == 0)
				break;
		if (allowed[i] == NULL)
			return req_fail(rq, APP_INVALID, key, MSG_ERR_JSON_SHAPE,
			    "unknown member");
	}
	*out = v;
	return APP_OK;
}

static const char *const contact_keys[] = { "name", "phone", "email", NULL };
static const char *const team_keys[] = { "size", "certificates", "description", NULL };
static const char *const evidence_keys[] = { "criterion", "score", "text", NULL };
static const char *const doc_keys[] = { "name", "criterion", "content", NULL };

static enum app_err
read_evidence(struct req *rq, struct unit_app_in *in)
{
	json_t				*a = json_object_get(rq->json, "evidence"), *e, *x;
	struct unit_evidence_in		*ev;
	const char			*k;
	size_t				 i, j;
	enum app_err			 er;

	if (a == NULL || json_is_null(a))
		return APP_OK;
	if (!json_is_array(a))
		return req_fail(rq, APP_INVALID, "evidence", MSG_ERR_JSON_SHAPE,
		    "expected an array");
	if (json_array_size(a) > EVIDENCE_MAX)
		return req_fail(rq, APP_INVALID, "evidence", MSG_ERR_FIELD_TOO_LONG);
	ev = arena_calloc(rq->arena, json_array_size(a) + 1, sizeof(*ev));
	json_array_foreach(a, i, e) {
		if (!json_is_object(e))
			return req_fail(rq, APP_INVALID, "evidence", MSG_ERR_JSON_SHAPE,
			    "expected objects {\"criterion\", \"score\", \"text\"}");
		json_object_foreach(e, k, x) {
			for (j = 0; evidence_keys[j] != NULL; j++)
				if (strcmp(k, evidence_keys[j]) == 0)
					break;
			if (evidence_keys[j] == NULL)
				return req_fail(rq, APP_INVALID, "evidence", MSG_ERR_JSON_SHAPE,
				    "unknown member");
		}
		if ((er = member_str(rq, e, "criterion", "evidence", WORD_MAX,
		    &ev[i].criterion)) != APP_OK ||
		    (er = member_str(rq, e, "text", "evidence", BIND_MAX, &ev[i].text)) != APP_OK)
			return er;
		x = json_object_get(e, "score");
		if (x != NULL && !json_is_null(x)) {
			if (!json_is_integer(x))
				return req_fail(rq, APP_INVALID, "evidence", MSG_ERR_JSON_SHAPE,
				    "a score is a whole number");
			ev[i].score = json_integer_value(x);
			ev[i].has_score = true;
		}
	}
	in->evidence = ev;
	in->nevidence = json_array_size(a);
	return APP_OK;
}

static enum app_err
read_declarations(struct req *rq, struct unit_app_in *in)
{
	json_t	*a = json_object_get(rq->json, "declarations"), *x;
	size_t	 i;

	if (a == NULL || json_is_null(a))
		return APP_OK;	/* none made: each is a problem */
	if (!json_is_array(a) || json_array_size(a) > UNIT_DECLARATIONS)
		return req_fail(rq, APP_INVALID, "declarations", MSG_ERR_JSON_SHAPE,
		    "expected an array of five booleans (遴选条件（一）–（五）)");
	json_array_foreach(a, i, x) {
		if (!json_is_boolean(x))
			return req_fail(rq, APP_INVALID, "declarations", MSG_ERR_JSON_SHAPE,
			    "expected an array of five booleans (遴选条件（一）–（五）)");
		in->declarations[i] = json_is_true(x);
	}
	return APP_OK;
}

static enum app_err
read_documents(struct req *rq, struct unit_app_new *n)
{
	json_t			*a = json_object_get(rq->json, "documents"), *d, *x, *c;
	struct unit_doc_in	*docs;
	const char		*k, *b64;
	unsigned char		*buf;
	size_t			 i, j, len, cap;
	int			 got;
	enum app_err		 er;

	if (a == NULL || json_is_null(a))
		return APP_OK;
	if (!json_is_array(a))
		return req_fail(rq, APP_INVALID, "documents", MSG_ERR_JSON_SHAPE,
		    "expected an array");
	if (json_array_size(a) > 2 * UNIT_DOCS_MAX)
		return req_fail(rq, APP_INVALID, "documents", MSG_ERR_UNIT_DOC_COUNT);
	docs = arena_calloc(rq->arena, json_array_size(a) + 1, sizeof(*docs));
	json_array_foreach(a, i, d) {
		if (!json_is_object(d))
			return req_fail(rq, APP_INVALID, "documents", MSG_ERR_JSON_SHAPE,
			    "expected objects {\"name\", \"criterion\", \"content\"}");
		json_object_foreach(d, k, x) {
			for (j = 0; doc_keys[j] != NULL; j++)
				if (strcmp(k, doc_keys[j]) == 0)
					break;
			if (doc_keys[j] == NULL)
				return req_fail(rq, APP_INVALID, "documents", MSG_ERR_JSON_SHAPE,
				    "unknown member");
		}
		if ((er = member_str(rq, d, "name", "documents", 1024, &docs[i].filename)) !=
		    APP_OK ||
		    (er = member_str(rq, d, "criterion", "documents", WORD_MAX,
		    &docs[i].criterion)) != APP_OK)
			return er;
		/* Too large or not base64 is a problem of the application, listed with the rest. */
		c = json_object_get(d, "content");
		if (c == NULL || !json_is_string(c))
			continue;
		b64 = json_string_value(c);
		len = json_string_length(c);
		if (len > DOC_B64_MAX + 4) {
			docs[i].too_large = true;
			continue;
		}
		cap = len / 4 * 3 + 3;
		buf = arena_alloc(rq->arena, cap + 1);
		if ((got = crypto_b64_decode(buf, cap, b64, len)) < 0)
			continue;
		if ((size_t)got > UNIT_DOC_MAX) {
			docs[i].too_large = true;
			continue;
		}
		docs[i].content = buf;
		docs[i].len = (size_t)got;
	}
	n->docs = docs;
	n->ndocs = json_array_size(a);
	return APP_OK;
}

static const char *const apply_keys[] = {
	"type", "unit_name", "credit_code", "address", "contact", "team", "evidence",
	"declarations", "documents", NULL
};

enum app_err
units_api_apply(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct unit_app_new	 in;
	struct unit_app_view	*v;
	struct unit_problem	 p[UNIT_MAX_PROBLEMS];
	struct fault		 f = { .er = APP_OK };
	json_t			*contact, *team, *sz, *o;
	size_t			 np = 0, i, len;
	enum app_err		 er;

	if (rq->cfg->role != ROLE_REGISTRY)
		return units_api_off(rq);
	memset(&in, 0, sizeof(in));
	if ((er = api_body_object(rq, apply_keys)) != APP_OK ||
	    (er = api_str(rq, "type", false, WORD_MAX, &in.in.type, &len)) != APP_OK ||
	    (er = api_str(rq, "unit_name", false, BIND_MAX, &in.in.unit_name, &len)) !=
	    APP_OK ||
	    (er = api_str(rq, "credit_code", false, WORD_MAX, &in.in.credit_code, &len)) !=
	    APP_OK ||
	    (er = api_str(rq, "address", false, BIND_MAX, &in.in.address, &len)) != APP_OK ||
	    (er = member_obj(rq, rq->json, "contact", contact_keys, &contact)) != APP_OK ||
	    (er = member_obj(rq, rq->json, "team", team_keys, &team)) != APP_OK ||
	    (er = member_str(rq, contact, "name", "contact.name", BIND_MAX,
	    &in.in.contact_name)) != APP_OK ||
	    (er = member_str(rq, contact, "phone", "contact.phone", WORD_MAX,
	    &in.in.contact_phone)) != APP_OK ||
	    (er = member_str(rq, contact, "email", "contact.email", 320,
	    &in.in.contact_email)) != APP_OK ||
	    (er = member_str(rq, team, "certificates", "team.certificates", BIND_MAX,
	    &in.in.team_certificates)) != APP_OK ||
	    (er = member_str(rq, team, "description", "team.description", BIND_MAX,
	    &in.in.team_description)) != APP_OK ||
	    (er = read_evidence(rq, &in.in)) != APP_OK ||
	    (er = read_declarations(rq, &in.in)) != APP_OK ||
	    (er = read_documents(rq, &in)) != APP_OK)
		return er;
	sz = json_object_get(team, "size");
	if (sz != NULL && !json_is_null(sz)) {
		if (!json_is_integer(sz))
			return req_fail(rq, APP_INVALID, "team.size", MSG_ERR_JSON_SHAPE,
			    "expected a whole number");
		/* A size given as 0 or less is out of range, not missing. */
		in.in.team_size = json_integer_value(sz) > 0 ? json_integer_value(sz) : -1;
	}
	in.payload = rq->body.p;
	in.payload_len = rq->body.n;
	in.channel = "api";
	v = arena_zalloc(rq->arena, sizeof(*v));
	if (svc_unit_apply(&c, &in, v, p, &np, &f) != APP_OK) {
		for (i = 0; i < np; i++)
			req_field_error(rq, p[i].field, p[i].msg);
		return req_fault(rq, &f);
	}
	o = units_api_app(rq, v);
	json_object_set_new(o, "receipt", json_pack("{s:o, s:I, s:o, s:o}",
	    "leaf", v->receipt.leaf != NULL ? json_string(crypto_b64_arena(rq->arena,
	    v->receipt.leaf, v->receipt.leaf_len)) : json_null(),
	    "leaf_index", (json_int_t)v->receipt.leaf_index,
	    "sth", v->receipt.sth.tree_size > 0 ? api_sth_json(rq, &v->receipt.sth) :
	    json_null(),
	    "inclusion_proof", api_proof_json(rq, v->receipt.proof, v->receipt.nproof)));
	resp_header(rq, "Location", arena_printf(rq->arena,
	    "/api/v1/support-units/applications/%s", v->a.id));
	return resp_json(rq, 201, o);
}

const struct param units_api_app_list_params[3] = {
	{ "state", PARAM_TEXT, 1, 32, false },	/* a state, or open */
	API_PAGE_PARAMS,
};

enum app_err
units_api_app_list(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct unit_app_filter	 flt;
	struct unit_app_row	*r;
	struct fault		 f = { .er = APP_OK };
	json_t			*items;
	size_t			 n, i;

	if (rq->cfg->role != ROLE_REGISTRY)
		return units_api_off(rq);
	memset(&flt, 0, sizeof(flt));
	flt.state = req_opt(rq, 0);
	flt.cursor = req_param(rq, 1)->i;
	flt.limit = req_param(rq, 2)->present ? (int)req_param(rq, 2)->i : API_PAGE_DEFAULT;
	if (svc_unit_app_list(&c, &flt, &r, &n, &f) != APP_OK)
		return req_fault(rq, &f);
	items = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(items, units_api_app_row(&r[i]));	/* steals */
	return resp_json(rq, 200, api_page(items, n, flt.limit, n ? r[n - 1].rowid : 0));
}

const struct param units_api_app_params[1] = {
	{ "id", PARAM_TEXT, 1, 64, true },	/* svc checks its shape */
};

enum app_err
units_api_app_get(struct req *rq)
{
	struct svc_ctx		c = api_svc(rq);
	struct unit_app_view	v;
	struct fault		f = { .er = APP_OK };

	if (rq->cfg->role != ROLE_REGISTRY)
		return units_api_off(rq);
	if (svc_unit_app_get(&c, req_param(rq, 0)->s.p, &v, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, units_api_app(rq, &v));
}

static const char *const decide_keys[] = { "outcome", "notes", "held_on", "score", NULL };

enum app_err
units_api_app_decide(struct req *rq)
{
	struct svc_ctx		c = api_svc(rq);
	struct unit_decision	d;
	struct unit_app_view	v;
	struct fault		f = { .er = APP_OK };
	json_t			*sc;
	size_t			len;
	enum app_err		er;

	if (rq->cfg->role != ROLE_REGISTRY)
		return units_api_off(rq);
	memset(&d, 0, sizeof(d));
	if ((er = api_body_object(rq, decide_keys)) != APP_OK ||
	    (er = api_str(rq, "outcome", true, WORD_MAX, &d.outcome, &len)) != APP_OK ||
	    (er = api_str(rq, "notes", false, BIND_MAX, &d.notes, &len)) != APP_OK ||
	    (er = api_str(rq, "held_on", false, WORD_MAX, &d.held_on, &len)) != APP_OK)
		return er;
	sc = json_object_get(rq->json, "score");
	if (sc != NULL && !json_is_null(sc)) {
		if (!json_is_integer(sc))
			return req_fail(rq, APP_INVALID, "score", MSG_ERR_UNIT_STAGE_SCORE);
		d.score = json_integer_value(sc);
		d.has_score = true;
	}
	if (svc_unit_app_decide(&c, req_param(rq, 0)->s.p, &d, &v, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, units_api_app(rq, &v));
}

static const char *const paper_keys[] = { "received_on", NULL };

enum app_err
units_api_app_paper(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct unit_app_view	 v;
	struct fault		 f = { .er = APP_OK };
	const char		*day = NULL;
	size_t			 len;
	enum app_err		 er;

	if (rq->cfg->role != ROLE_REGISTRY)
		return units_api_off(rq);
	if ((er = api_body_object(rq, paper_keys)) != APP_OK ||
	    (er = api_str(rq, "received_on", true, WORD_MAX, &day, &len)) != APP_OK)
		return er;
	if (svc_unit_app_paper(&c, req_param(rq, 0)->s.p, day, &v, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, units_api_app(rq, &v));
}

static const char *const withdraw_keys[] = { "reason", NULL };

enum app_err
units_api_app_withdraw(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct unit_app_view	 v;
	struct fault		 f = { .er = APP_OK };
	const char		*reason = NULL;
	size_t			 len;
	enum app_err		 er;

	if (rq->cfg->role != ROLE_REGISTRY)
		return units_api_off(rq);
	if ((er = api_body_object(rq, withdraw_keys)) != APP_OK ||
	    (er = api_str(rq, "reason", false, BIND_MAX, &reason, &len)) != APP_OK)
		return er;
	if (svc_unit_app_withdraw(&c, req_param(rq, 0)->s.p, reason, &v, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, units_api_app(rq, &v));
}

const struct param units_api_doc_params[2] = {
	{ "id", PARAM_TEXT, 1, 64, true },
	{ "doc", PARAM_I64, 1, INT64_MAX, true },
};

enum app_err
units_api_app_doc(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct unit_doc_row	 d;
	struct fault		 f = { .er = APP_OK };
	struct sbuf		 cd;
	const unsigned char	*data;
	size_t			 len;

	if (rq->cfg->role != ROLE_REGISTRY)
		return units_api_off(rq);
	if (svc_unit_app_doc(&c, req_param(rq, 0)->s.p, req_param(rq, 1)->i, &d, &data, &len,
	    &f) != APP_OK)
		return req_fault(rq, &f);
	rq->status = 200;
	/* Never rendered by the browser: always a download, whatever it is. */
	rq->ctype = "application/octet-stream";
	sbuf_add(&rq->out, data, len);
	sbuf_init(&cd, rq->arena, 1024);
	sbuf_addstr(&cd, "attachment; filename=\"evidence.bin\"; filename*=UTF-8''");
	sbuf_add_urlenc(&cd, d.filename, strlen(d.filename));
	resp_header(rq, "Content-Disposition", cd.buf);
	resp_header(rq, "X-Content-SHA256", d.sha256);
	return APP_OK;
}
