/*
 * 备案, registry side (issue 8): the JSON endpoints (docs/FILING.md),
 * registry role only (404 elsewhere):
 *
 *	POST /api/v1/filings/applications			applicant: file (Idempotency-Key)
 *	GET  /api/v1/filings/applications			staff: the queue, with clocks
 *	GET  /api/v1/filings/applications/{id}			applicant or staff
 *	POST /api/v1/filings/applications/{id}/resubmission	applicant: the answer to a 补正
 *	POST /api/v1/filings/applications/{id}/withdraw		applicant
 *	POST /api/v1/filings/applications/{id}/supplement	staff: 补正, every deficiency at once
 *	POST /api/v1/filings/applications/{id}/approve		staff
 *	POST /api/v1/filings/applications/{id}/reject		staff, with reasons
 *	GET  /api/v1/filings/applications/{id}/documents/{key}	staff: a document's bytes
 *	GET  /api/v1/filings/public				anyone (cached): the filed platforms
 *	GET  /api/v1/filings/public.csv				the same as CSV
 *
 * The bodies are checked for their shape here (400 naming the member);
 * what they say is judged by svc/filings.c, which records every
 * application it can read and lists its deficiencies.
 */
#include <string.h>

#include "api/api.h"
#include "core/arena.h"
#include "core/config.h"
#include "core/sbuf.h"
#include "crypto/crypto.h"
#include "svc/filings.h"

/* Transport bounds: loose, so that svc/ (domain/filing.c) names each problem itself. */
#define FIELDS_MEMBERS_MAX	256		/* members of "fields" (a field set's lines) */
#define FIELD_BYTES_MAX		(4 * 20000)	/* a value: a field's max characters, 4 bytes each */
#define KEY_BYTES_MAX		128		/* a member's name */
#define DOCS_MEMBERS_MAX	64		/* members of "documents" */
#define DOC_NAME_MAX		255		/* a document's file name, bytes */
#define DOC_TYPE_MAX		127		/* its claimed media type */
#define HASH_MAX		128		/* a hex SHA-256, with room to be wrong */
#define CHANGED_MAX		256		/* members of "changed" */
#define WORD_MAX		64		/* kind, state, problem */
#define NUMBER_BYTES_MAX	256		/* a 备案编号 as given (64 bytes are valid) */
#define DATE_BYTES_MAX		32		/* YYYY-MM-DD, with room to be wrong */
#define NOTE_BYTES_MAX		(4 * FILING_NOTE_MAX)
#define REASON_BYTES_MAX	(4 * FILING_REASON_MAX)
#define PUBLIC_MAX		1000		/* platforms in one public answer */

/* The base64 text of a document at most FILING_DOC_MAX bytes long. */
#define DOC_B64_MAX		(((FILING_DOC_MAX + 2) / 3) * 4)

static enum app_err
not_registry(struct req *rq)
{
	return req_fail(rq, APP_NOTFOUND, NULL, MSG_ERR_RF_OFF);
}

static json_t *
text_or_null(const char *s)
{
	return s != NULL && s[0] != '\0' ? json_string(s) : json_null();
}

/* A string member of o at most max bytes, without NUL; false names it (400). */
static bool
member_str(struct req *rq, json_t *o, const char *key, size_t max, const char *field,
    const char **out)
{
	json_t	*v = json_object_get(o, key);

	*out = NULL;
	if (v == NULL || json_is_null(v))
		return true;
	if (!json_is_string(v)) {
		req_fail(rq, APP_INVALID, field, MSG_ERR_JSON_SHAPE, "expected a string");
		return false;
	}
	if (json_string_length(v) > max) {
		req_fail(rq, APP_INVALID, field, MSG_ERR_FIELD_TOO_LONG);
		return false;
	}
	if (memchr(json_string_value(v), '\0', json_string_length(v)) != NULL) {
		req_fail(rq, APP_INVALID, field, MSG_ERR_FIELD_ENCODING);
		return false;
	}
	*out = json_string_value(v);
	return true;
}

/* "fields": an object of strings. */
static enum app_err
read_fields(struct req *rq, struct filing_in *in)
{
	json_t			*o = json_object_get(rq->json, "fields"), *v;
	struct filing_value	*fv;
	const char		*key;
	size_t			 n = 0;

	if (o == NULL || json_is_null(o))
		return APP_OK;
	if (!json_is_object(o))
		return req_fail(rq, APP_INVALID, "fields", MSG_ERR_JSON_SHAPE,
		    "expected an object of strings");
	if (json_object_size(o) > FIELDS_MEMBERS_MAX)
		return req_fail(rq, APP_INVALID, "fields", MSG_ERR_FIELD_TOO_LONG);
	fv = arena_calloc(rq->arena, json_object_size(o) + 1, sizeof(*fv));
	json_object_foreach(o, key, v) {
		const char	*field = arena_printf(rq->arena, "fields.%.*s", KEY_BYTES_MAX, key);

		if (strlen(key) > KEY_BYTES_MAX)
			return req_fail(rq, APP_INVALID, "fields", MSG_ERR_JSON_SHAPE,
			    "a member's name is too long");
		if (!member_str(rq, o, key, FIELD_BYTES_MAX, field, &fv[n].value))
			return rq->err;
		if (fv[n].value == NULL)
			fv[n].value = "";
		fv[n].key = key;
		n++;
	}
	in->fields = fv;
	in->nfields = n;
	return APP_OK;
}

/* One member of "documents": {"name", "media_type", "sha256", "content" (base64)}. */
static enum app_err
read_document(struct req *rq, const char *key, json_t *d, struct filing_doc_in *out)
{
	static const char *const doc_keys[] = { "name", "media_type", "sha256", "content",
	    NULL };
	const char	*field = arena_printf(rq->arena, "documents.%.*s", KEY_BYTES_MAX, key);
	const char	*b64, *k;
	unsigned char	*buf;
	json_t		*v;
	size_t		 i, n, cap;
	int		 len;

	memset(out, 0, sizeof(*out));
	out->field = key;
	if (strlen(key) > KEY_BYTES_MAX)
		return req_fail(rq, APP_INVALID, "documents", MSG_ERR_JSON_SHAPE,
		    "a member's name is too long");
	if (!json_is_object(d))
		return req_fail(rq, APP_INVALID, field, MSG_ERR_JSON_SHAPE,
		    "expected {\"name\", \"media_type\", \"sha256\", \"content\"}");
	json_object_foreach(d, k, v) {
		for (i = 0; doc_keys[i] != NULL; i++)
			if (strcmp(k, doc_keys[i]) == 0)
				break;
		if (doc_keys[i] == NULL)
			return req_fail(rq, APP_INVALID, field, MSG_ERR_JSON_SHAPE,
			    "unknown member");
	}
	if (!member_str(rq, d, "name", DOC_NAME_MAX, field, &out->name) ||
	    !member_str(rq, d, "media_type", DOC_TYPE_MAX, field, &out->media_type) ||
	    !member_str(rq, d, "sha256", HASH_MAX, field, &out->sha256))
		return rq->err;
	/* The content: too large is a deficiency, not a bad body; so is bad base64. */
	v = json_object_get(d, "content");
	if (v == NULL || json_is_null(v))
		return APP_OK;
	if (!json_is_string(v))
		return req_fail(rq, APP_INVALID, field, MSG_ERR_JSON_SHAPE, "expected a string");
	b64 = json_string_value(v);
	n = json_string_length(v);
	if (n > DOC_B64_MAX + 4) {
		out->too_large = true;
		return APP_OK;
	}
	cap = n / 4 * 3 + 3;
	buf = arena_alloc(rq->arena, cap + 1);
	if ((len = crypto_b64_decode(buf, cap, b64, n)) < 0)
		return APP_OK;	/* not base64: content stays NULL */
	if ((size_t)len > FILING_DOC_MAX) {
		out->too_large = true;
		return APP_OK;
	}
	out->content = buf;
	out->len = (size_t)len;
	return APP_OK;
}

static enum app_err
read_documents(struct req *rq, struct filing_in *in)
{
	json_t			*o = json_object_get(rq->json, "documents"), *v;
	struct filing_doc_in	*docs;
	const char		*key;
	size_t			 n = 0;
	enum app_err		 er;

	if (o == NULL || json_is_null(o))
		return APP_OK;
	if (!json_is_object(o))
		return req_fail(rq, APP_INVALID, "documents", MSG_ERR_JSON_SHAPE,
		    "expected an object of documents");
	if (json_object_size(o) > DOCS_MEMBERS_MAX)
		return req_fail(rq, APP_INVALID, "documents", MSG_ERR_FIELD_TOO_LONG);
	docs = arena_calloc(rq->arena, json_object_size(o) + 1, sizeof(*docs));
	json_object_foreach(o, key, v) {
		if ((er = read_document(rq, key, v, &docs[n])) != APP_OK)
			return er;
		n++;
	}
	in->docs = docs;
	in->ndocs = n;
	return APP_OK;
}

/* "changed": an array of keys. */
static enum app_err
read_changed(struct req *rq, struct filing_in *in)
{
	json_t		*a = json_object_get(rq->json, "changed"), *v;
	const char	**keys;
	size_t		 i;

	if (a == NULL || json_is_null(a))
		return APP_OK;
	if (!json_is_array(a) || json_array_size(a) > CHANGED_MAX)
		return req_fail(rq, APP_INVALID, "changed", MSG_ERR_JSON_SHAPE,
		    "expected an array of field keys");
	keys = arena_calloc(rq->arena, json_array_size(a) + 1, sizeof(*keys));
	json_array_foreach(a, i, v) {
		if (!json_is_string(v) || json_string_length(v) > KEY_BYTES_MAX ||
		    memchr(json_string_value(v), '\0', json_string_length(v)) != NULL)
			return req_fail(rq, APP_INVALID, "changed", MSG_ERR_JSON_SHAPE,
			    "expected an array of field keys");
		keys[i] = json_string_value(v);
	}
	in->changed = keys;
	in->nchanged = json_array_size(a);
	return APP_OK;
}

static const char *const app_keys[] = {
	"kind", "fieldset", "fields", "documents", "filing_number", "change_date", "changed",
	"end_date", "note", NULL
};

/* An application's body into in: its shape only. */
static enum app_err
read_in(struct req *rq, struct filing_in *in)
{
	enum app_err	er;
	size_t		len;
	char		sha[CRYPTO_HASH_HEX];

	memset(in, 0, sizeof(*in));
	if ((er = api_body_object(rq, app_keys)) != APP_OK ||
	    (er = api_str(rq, "kind", true, WORD_MAX, &in->kind, &len)) != APP_OK ||
	    (er = api_str(rq, "fieldset", false, HASH_MAX, &in->fieldset, &len)) != APP_OK ||
	    (er = api_str(rq, "filing_number", false, NUMBER_BYTES_MAX, &in->filing_number,
	    &len)) != APP_OK ||
	    (er = api_str(rq, "change_date", false, DATE_BYTES_MAX, &in->change_date, &len)) !=
	    APP_OK ||
	    (er = api_str(rq, "end_date", false, DATE_BYTES_MAX, &in->end_date, &len)) !=
	    APP_OK ||
	    (er = api_str(rq, "note", false, NOTE_BYTES_MAX, &in->note, &len)) != APP_OK ||
	    (er = read_fields(rq, in)) != APP_OK ||
	    (er = read_documents(rq, in)) != APP_OK ||
	    (er = read_changed(rq, in)) != APP_OK)
		return er;
	in->idem_key = req_header(rq, "Idempotency-Key");
	/* The receipt log keeps the digest of the exact bytes received (Art. 5). */
	crypto_hash_hex(rq->body.p, rq->body.n, sha);
	in->payload_sha256 = arena_strdup(rq->arena, sha);
	return APP_OK;
}

/* --- answers --- */

static json_t *
items_json(const struct filing_item *it, size_t n)
{
	json_t	*a = json_array();
	size_t	 i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:o, s:s}",
		    "field", it[i].field,
		    "problem", text_or_null(it[i].problem),
		    "note", it[i].note != NULL ? it[i].note : ""));	/* steals */
	return a;
}

/* The platform as listed (R41): never a field flagged secret. */
static json_t *
platform_json(const struct filed_platform *p)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o}",
	    "number", p->number,
	    "name", p->name,
	    "sponsor", p->sponsor,
	    "url", p->url,
	    "icp", p->icp,
	    "filed_on", p->filed_on,
	    "status", p->deregistered ? "deregistered" : "filed",
	    "deregistered_on", p->deregistered ? text_or_null(p->deregistered_on) :
	    json_null());
}

/* The filing an application concerns: its number once there is one. */
static json_t *
filing_json(const struct filing_view *v)
{
	if (!v->has_platform)
		return json_null();
	return json_pack("{s:s, s:s, s:s, s:o, s:o}",
	    "number", v->p.number,
	    "filed_on", v->p.filed_on,
	    "status", v->p.deregistered ? "deregistered" : "filed",
	    "deregistered_on", v->p.deregistered ? text_or_null(v->p.deregistered_on) :
	    json_null(),
	    "ends_on", text_or_null(v->p.deregistered_on));
}

/* A list of keys "a,b" as an array. */
static json_t *
keys_json(const char *list)
{
	json_t		*a = json_array();
	struct str	 rest = str_from(list != NULL ? list : ""), t;

	while (rest.n > 0) {
		t = str_trim(str_split(&rest, ','));
		if (t.n > 0)
			json_array_append_new(a, json_stringn(t.p, t.n));	/* steals */
	}
	return a;
}

/* The deficiencies the applicant must answer now (the open round's), else []. */
static json_t *
open_items(const struct filing_view *v)
{
	const struct filing_round	*r;

	if (v->a.state != FAS_SUPPLEMENT_REQUESTED || v->nrounds == 0)
		return json_array();
	r = &v->rounds[v->nrounds - 1];
	return items_json(r->items, r->nitems);
}

/* A value list as an object, in its order. */
static json_t *
values_json(const struct filing_value *v, size_t n)
{
	json_t	*o = json_object();
	size_t	 i;

	for (i = 0; i < n; i++)
		json_object_set_new(o, v[i].key, json_string(v[i].value));	/* steals */
	return o;
}

/* What the applicant and the staff see; the staff's members when v->full. */
static json_t *
view_json(struct req *rq, const struct filing_view *v)
{
	const struct filing_app_row	*a = &v->a;
	json_t				*o, *rounds = json_array(), *events = json_array();
	size_t				 i;

	for (i = 0; i < v->nrounds; i++)
		json_array_append_new(rounds, json_pack("{s:i, s:o, s:o, s:s, s:o}",
		    "round", v->rounds[i].round,
		    "requested_at", api_time(v->rounds[i].requested_at),
		    "answered_at", api_time(v->rounds[i].answered_at),
		    "note", v->rounds[i].note,
		    "items", items_json(v->rounds[i].items, v->rounds[i].nitems)));	/* steals */
	for (i = 0; i < v->nevents; i++)
		json_array_append_new(events, json_pack("{s:o, s:s, s:s}",
		    "at", api_time(v->events[i].at),
		    "event", v->events[i].event,
		    "note", v->events[i].note));	/* steals */
	o = json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:{s:s, s:s, s:s, s:s}, "
	    "s:o, s:o, s:o, s:o, s:o, s:o, s:s, s:o, s:o, s:o, s:o}",
	    "id", a->id,
	    "kind", filing_app_kind_name(a->kind),
	    "state", filing_app_state_name(a->state),
	    "submitted_at", api_time(a->submitted_at),
	    "received_at", api_time(a->submitted_at),
	    "complete_at", api_time(a->complete_at),
	    "review_due_at", api_time(v->review_due_at),
	    "supplement_due_at", api_time(v->supplement_due_at),
	    "platform", "name", a->name, "url", a->url, "icp", a->icp, "sponsor", a->sponsor,
	    "filing_number", text_or_null(a->given_number),
	    "change_date", text_or_null(a->change_date),
	    "end_date", text_or_null(a->end_date),
	    "changed", keys_json(a->changed),
	    "note", text_or_null(a->note),
	    "decided_at", api_time(a->decided_at),
	    "reason", a->reason,
	    "deficiencies", open_items(v),
	    "rounds", rounds,
	    "filing", filing_json(v),
	    "events", events);
	json_object_set_new(o, "leaf_index", a->leaf_index >= 0 ?
	    json_integer(a->leaf_index) : json_null());
	if (!v->full)
		return o;
	/* The staff's: who applied, the dossier (ID numbers included: the read is audited). */
	json_object_set_new(o, "org", json_pack("{s:s, s:s}", "slug", a->org_slug,
	    "name", a->org_name));
	json_object_set_new(o, "submitter", text_or_null(a->submitter_login));
	json_object_set_new(o, "decided_by", text_or_null(a->decided_by_login));
	json_object_set_new(o, "fieldset", json_string(a->fieldset));
	json_object_set_new(o, "payload_sha256", json_string(a->payload_sha256));
	json_object_set_new(o, "fields", values_json(v->fields, v->nfields));
	if (v->nprevious > 0)
		json_object_set_new(o, "previous", values_json(v->previous, v->nprevious));
	{
		json_t	*docs = json_array(), *ns = json_array();

		for (i = 0; i < v->ndocs; i++)
			json_array_append_new(docs, json_pack("{s:s, s:s, s:s, s:o, s:s, s:I, s:s}",
			    "field", v->docs[i].field,
			    "name", v->docs[i].name,
			    "media_type", v->docs[i].media_type,
			    "claimed_type", text_or_null(v->docs[i].claimed_type),
			    "sha256", v->docs[i].sha256,
			    "size", (json_int_t)v->docs[i].size,
			    "url", arena_printf(rq->arena,
			    "/api/v1/filings/applications/%s/documents/%s", a->id,
			    v->docs[i].field)));	/* steals */
		for (i = 0; i < v->nnotices; i++) {
			const struct filing_notice_row	*n = &v->notices[i];

			json_array_append_new(ns, json_pack("{s:s, s:o, s:s, s:i, s:o, s:o, s:o, "
			    "s:o}",
			    "recipient", n->recipient,
			    "target", text_or_null(n->target),
			    "delivery", n->target[0] == '\0' ? "not_configured" :
			    n->delivery[0] != '\0' ? n->delivery : "pending",
			    "attempts", n->attempts,
			    "last_error", text_or_null(n->last_error),
			    "http_status", n->http_status != 0 ? json_integer(n->http_status) :
			    json_null(),
			    "created_at", api_time(n->created_at),
			    "sent_at", api_time(n->sent_at)));	/* steals */
		}
		json_object_set_new(o, "documents", docs);
		json_object_set_new(o, "notices", ns);
	}
	return o;
}

/* The answer to a submission or a resubmission: the view, the receipt. */
static json_t *
receipt_json(struct req *rq, struct filing_receipt *rc)
{
	json_t	*o = view_json(rq, &rc->v);

	json_object_set_new(o, "replay", json_boolean(rc->replay));
	if (rc->replay || rc->r.leaf == NULL) {
		json_object_set_new(o, "receipt", json_null());
		return o;
	}
	json_object_set_new(o, "received_at", api_time(rq->now));
	json_object_set_new(o, "receipt", json_pack("{s:o, s:I, s:o, s:o}",
	    "leaf", json_string(crypto_b64_arena(rq->arena, rc->r.leaf, rc->r.leaf_len)),
	    "leaf_index", (json_int_t)rc->r.leaf_index,
	    "sth", rc->r.sth.tree_size > 0 ? api_sth_json(rq, &rc->r.sth) : json_null(),
	    "inclusion_proof", api_proof_json(rq, rc->r.proof, rc->r.nproof)));
	return o;
}

/* --- handlers --- */

enum { G_ID };
static const struct param one_params[] = {
	{ "id", PARAM_TEXT, 1, 64, true },	/* G_ID: svc checks its shape */
};

static enum app_err
apply(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct filing_receipt	*rc;
	struct filing_in	 in;
	struct fault		 f = { .er = APP_OK };
	enum app_err		 er;

	if (rq->cfg->role != ROLE_REGISTRY)
		return not_registry(rq);
	if ((er = read_in(rq, &in)) != APP_OK)
		return er;
	rc = arena_zalloc(rq->arena, sizeof(*rc));
	if (svc_filing_apply(&c, &in, rc, &f) != APP_OK)
		return req_fault(rq, &f);
	resp_header(rq, "Location", arena_printf(rq->arena, "/api/v1/filings/applications/%s",
	    rc->v.a.id));
	return resp_json(rq, rc->replay ? 200 : 201, receipt_json(rq, rc));
}

static enum app_err
resubmit(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct filing_receipt	*rc;
	struct filing_in	 in;
	struct fault		 f = { .er = APP_OK };
	enum app_err		 er;

	if (rq->cfg->role != ROLE_REGISTRY)
		return not_registry(rq);
	if ((er = read_in(rq, &in)) != APP_OK)
		return er;
	rc = arena_zalloc(rq->arena, sizeof(*rc));
	if (svc_filing_resubmit(&c, req_param(rq, G_ID)->s.p, &in, rc, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, receipt_json(rq, rc));
}

static enum app_err
get_one(struct req *rq)
{
	struct svc_ctx		c = api_svc(rq);
	struct filing_view	v;
	struct fault		f = { .er = APP_OK };

	if (rq->cfg->role != ROLE_REGISTRY)
		return not_registry(rq);
	if (svc_filing_get(&c, req_param(rq, G_ID)->s.p, &v, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, view_json(rq, &v));
}

/* A row of the queue, with the due time of the clock that runs. */
static json_t *
row_json(const struct filing_app_row *a, int64_t due)
{
	return json_pack("{s:s, s:s, s:s, s:{s:s, s:s, s:s, s:s}, s:o, s:{s:s, s:s}, s:o, "
	    "s:o, s:o}",
	    "id", a->id,
	    "kind", filing_app_kind_name(a->kind),
	    "state", filing_app_state_name(a->state),
	    "platform", "name", a->name, "url", a->url, "icp", a->icp, "sponsor", a->sponsor,
	    "filing_number", text_or_null(a->platform_number[0] != '\0' ? a->platform_number :
	    a->given_number),
	    "org", "slug", a->org_slug, "name", a->org_name,
	    "submitted_at", api_time(a->submitted_at),
	    "due_at", api_time(due),
	    "decided_at", api_time(a->decided_at));
}

enum { L_STATE, L_KIND, L_CURSOR, L_LIMIT };
static const struct param list_params[] = {
	{ "state", PARAM_TEXT, 1, 32, false },	/* L_STATE: a state word, or open */
	{ "kind", PARAM_TEXT, 1, 32, false },	/* L_KIND */
	API_PAGE_PARAMS,			/* L_CURSOR, L_LIMIT */
};

static enum app_err
list(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct filing_app_filter flt;
	struct filing_app_row	*r;
	struct fault		 f = { .er = APP_OK };
	int64_t			*due;
	json_t			*items;
	size_t			 n, i;

	if (rq->cfg->role != ROLE_REGISTRY)
		return not_registry(rq);
	memset(&flt, 0, sizeof(flt));
	flt.state = req_opt(rq, L_STATE);
	flt.kind = req_opt(rq, L_KIND);
	flt.cursor = req_param(rq, L_CURSOR)->i;
	flt.limit = req_param(rq, L_LIMIT)->present ? (int)req_param(rq, L_LIMIT)->i :
	    API_PAGE_DEFAULT;
	if (svc_filing_list(&c, &flt, &r, &due, &n, &f) != APP_OK)
		return req_fault(rq, &f);
	items = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(items, row_json(&r[i], due[i]));	/* steals */
	return resp_json(rq, 200, api_page(items, n, flt.limit, n ? r[n - 1].rowid : 0));
}

static const char *const reason_keys[] = { "reason", NULL };

static enum app_err
withdraw(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct filing_view	 v;
	struct fault		 f = { .er = APP_OK };
	const char		*reason = NULL;
	size_t			 len;
	enum app_err		 er;

	if (rq->cfg->role != ROLE_REGISTRY)
		return not_registry(rq);
	/* The body is optional here. */
	if (rq->json != NULL && ((er = api_body_object(rq, reason_keys)) != APP_OK ||
	    (er = api_str(rq, "reason", false, REASON_BYTES_MAX, &reason, &len)) != APP_OK))
		return er;
	if (svc_filing_withdraw(&c, req_param(rq, G_ID)->s.p, reason, &v, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, view_json(rq, &v));
}

static const char *const supplement_keys[] = { "items", "note", NULL };
static const char *const item_keys[] = { "field", "note", NULL };

static enum app_err
supplement(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct filing_view	 v;
	struct filing_item	*it;
	struct fault		 f = { .er = APP_OK };
	const char		*note = NULL, *k;
	json_t			*a, *e, *m;
	size_t			 len, i, j;
	enum app_err		 er;

	if (rq->cfg->role != ROLE_REGISTRY)
		return not_registry(rq);
	if ((er = api_body_object(rq, supplement_keys)) != APP_OK ||
	    (er = api_str(rq, "note", false, NOTE_BYTES_MAX, &note, &len)) != APP_OK)
		return er;
	a = json_object_get(rq->json, "items");
	if (!json_is_array(a) || json_array_size(a) == 0)
		return req_fail(rq, APP_INVALID, "items", MSG_ERR_RF_ITEMS);
	if (json_array_size(a) > FILING_ITEMS_MAX)
		return req_fail(rq, APP_INVALID, "items", MSG_ERR_FIELD_TOO_LONG);
	it = arena_calloc(rq->arena, json_array_size(a), sizeof(*it));
	json_array_foreach(a, i, e) {
		if (!json_is_object(e))
			return req_fail(rq, APP_INVALID, "items", MSG_ERR_JSON_SHAPE,
			    "each item is {\"field\", \"note\"}");
		json_object_foreach(e, k, m) {
			for (j = 0; item_keys[j] != NULL; j++)
				if (strcmp(k, item_keys[j]) == 0)
					break;
			if (item_keys[j] == NULL)
				return req_fail(rq, APP_INVALID, "items", MSG_ERR_JSON_SHAPE,
				    "each item is {\"field\", \"note\"}");
		}
		if (!member_str(rq, e, "field", KEY_BYTES_MAX, "items", &it[i].field) ||
		    !member_str(rq, e, "note", NOTE_BYTES_MAX, "items", &it[i].note))
			return rq->err;
	}
	if (svc_filing_supplement(&c, req_param(rq, G_ID)->s.p, it, json_array_size(a), note,
	    &v, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, view_json(rq, &v));
}

static const char *const note_keys[] = { "note", NULL };

static enum app_err
approve(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct filing_view	 v;
	struct fault		 f = { .er = APP_OK };
	const char		*note = NULL;
	size_t			 len;
	enum app_err		 er;

	if (rq->cfg->role != ROLE_REGISTRY)
		return not_registry(rq);
	if (rq->json != NULL && ((er = api_body_object(rq, note_keys)) != APP_OK ||
	    (er = api_str(rq, "note", false, NOTE_BYTES_MAX, &note, &len)) != APP_OK))
		return er;
	if (svc_filing_approve(&c, req_param(rq, G_ID)->s.p, note, &v, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, view_json(rq, &v));
}

static enum app_err
reject(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct filing_view	 v;
	struct fault		 f = { .er = APP_OK };
	const char		*reason = NULL;
	size_t			 len;
	enum app_err		 er;

	if (rq->cfg->role != ROLE_REGISTRY)
		return not_registry(rq);
	if ((er = api_body_object(rq, reason_keys)) != APP_OK ||
	    (er = api_str(rq, "reason", false, REASON_BYTES_MAX, &reason, &len)) != APP_OK)
		return er;
	if (svc_filing_reject(&c, req_param(rq, G_ID)->s.p, reason, &v, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, view_json(rq, &v));
}

enum { D_ID, D_KEY };
static const struct param doc_params[] = {
	{ "id", PARAM_TEXT, 1, 64, true },	/* D_ID */
	{ "key", PARAM_TEXT, 1, 64, true },	/* D_KEY: a document field's key */
};

static enum app_err
document(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct filing_doc_row	 d;
	struct fault		 f = { .er = APP_OK };
	struct sbuf		 cd;
	const unsigned char	*data;
	size_t			 len;

	if (rq->cfg->role != ROLE_REGISTRY)
		return not_registry(rq);
	if (svc_filing_document(&c, req_param(rq, D_ID)->s.p, req_param(rq, D_KEY)->s.p, &d,
	    &data, &len, &f) != APP_OK)
		return req_fault(rq, &f);
	rq->status = 200;
	/* Never rendered by the browser: always a download, whatever it is. */
	rq->ctype = "application/octet-stream";
	sbuf_add(&rq->out, data, len);
	sbuf_init(&cd, rq->arena, 1024);
	sbuf_addstr(&cd, "attachment; filename=\"document.bin\"; filename*=UTF-8''");
	sbuf_add_urlenc(&cd, d.name, strlen(d.name));
	resp_header(rq, "Content-Disposition", cd.buf);
	resp_header(rq, "X-Content-SHA256", d.sha256);
	return APP_OK;
}

enum { P_STATUS, P_Q, P_OFFSET, P_LIMIT };
static const struct param public_params[] = {
	{ "status", PARAM_TEXT, 1, 16, false },		/* P_STATUS: filed, deregistered */
	{ "q", PARAM_TEXT, 1, 200, false },		/* P_Q: a fragment */
	{ "offset", PARAM_I64, 0, 1000000, false },	/* P_OFFSET */
	{ "limit", PARAM_I64, 1, PUBLIC_MAX, false },	/* P_LIMIT */
};

/* The public list by the declared parameters. */
static enum app_err
public_rows(struct req *rq, struct filed_platform **p, size_t *n)
{
	struct svc_ctx	c = api_svc(rq);
	struct fault	f = { .er = APP_OK };

	if (svc_filing_public(&c, req_opt(rq, P_STATUS), req_opt(rq, P_Q),
	    req_param(rq, P_OFFSET)->i, req_param(rq, P_LIMIT)->present ?
	    (int)req_param(rq, P_LIMIT)->i : PUBLIC_MAX, p, n, &f) != APP_OK)
		return req_fault(rq, &f);
	return APP_OK;
}

static enum app_err
public_json(struct req *rq)
{
	struct filed_platform	*p;
	size_t			 n, i;
	enum app_err		 er;
	json_t			*items;

	if (rq->cfg->role != ROLE_REGISTRY)
		return not_registry(rq);
	if ((er = public_rows(rq, &p, &n)) != APP_OK)
		return er;
	items = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(items, platform_json(&p[i]));	/* steals */
	return resp_json(rq, 200, json_pack("{s:s, s:o}",
	    "basis", "《网络产品安全漏洞收集平台备案管理办法》第五条", "items", items));
}

/*
 * One CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line
 * break, quotes doubled.  A cell a spreadsheet would take for a formula
 * (=, +, -, @, tab, CR first) gets a leading apostrophe, so opening the
 * list never runs what a platform's name says.
 */
static void
csv_cell(struct sbuf *b, const char *s, bool last)
{
	bool	quote = strpbrk(s, ",\"\r\n") != NULL;

	if (quote)
		sbuf_addstr(b, "\"");
	if (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' ||
	    s[0] == '\r')
		sbuf_addstr(b, "'");
	for (; *s != '\0'; s++) {
		if (*s == '"')
			sbuf_addstr(b, "\"\"");
		else
			sbuf_add(b, s, 1);
	}
	if (quote)
		sbuf_addstr(b, "\"");
	sbuf_addstr(b, last ? "\r\n" : ",");
}

static enum app_err
public_csv(struct req *rq)
{
	struct filed_platform	*p;
	size_t			 n, i;
	enum app_err		 er;

	if (rq->cfg->role != ROLE_REGISTRY)
		return not_registry(rq);
	if ((er = public_rows(rq, &p, &n)) != APP_OK)
		return er;
	rq->status = 200;
	rq->ctype = "text/csv; charset=utf-8";
	resp_header(rq, "Content-Disposition", "attachment; filename=\"filings.csv\"");
	/* A BOM, so that spreadsheet programs read the Chinese as UTF-8. */
	sbuf_addstr(&rq->out, "\xef\xbb\xbf");
	sbuf_addstr(&rq->out, "number,name,sponsor,url,icp,filed_on,status,deregistered_on\r\n");
	for (i = 0; i < n; i++) {
		csv_cell(&rq->out, p[i].number, false);
		csv_cell(&rq->out, p[i].name, false);
		csv_cell(&rq->out, p[i].sponsor, false);
		csv_cell(&rq->out, p[i].url, false);
		csv_cell(&rq->out, p[i].icp, false);
		csv_cell(&rq->out, p[i].filed_on, false);
		csv_cell(&rq->out, p[i].deregistered ? "deregistered" : "filed", false);
		csv_cell(&rq->out, p[i].deregistered ? p[i].deregistered_on : "", true);
	}
	return APP_OK;
}

/*
 * Applicants hold an account (svc/ checks the organisation: the 报送's
 * door); the queue and the decisions are the staff's; the list is
 * anyone's, and cached.
 */
const struct route api_filing_routes[] = {
	{ HTTP_POST, "/api/v1/filings/applications", PERM_ACCOUNT, R_JSON, NOPARAMS, apply },
	{ HTTP_GET, "/api/v1/filings/applications", PERM_CASES_MANAGE, 0, PARAMS(list_params),
	  list },
	{ HTTP_GET, "/api/v1/filings/applications/{id}", PERM_ACCOUNT, 0, PARAMS(one_params),
	  get_one },
	{ HTTP_POST, "/api/v1/filings/applications/{id}/resubmission", PERM_ACCOUNT, R_JSON,
	  PARAMS(one_params), resubmit },
	{ HTTP_POST, "/api/v1/filings/applications/{id}/withdraw", PERM_ACCOUNT, R_JSON,
	  PARAMS(one_params), withdraw },
	{ HTTP_POST, "/api/v1/filings/applications/{id}/supplement", PERM_CASES_MANAGE, R_JSON,
	  PARAMS(one_params), supplement },
	{ HTTP_POST, "/api/v1/filings/applications/{id}/approve", PERM_CASES_MANAGE, R_JSON,
	  PARAMS(one_params), approve },
	{ HTTP_POST, "/api/v1/filings/applications/{id}/reject", PERM_CASES_MANAGE, R_JSON,
	  PARAMS(one_params), reject },
	{ HTTP_GET, "/api/v1/filings/applications/{id}/documents/{key}", PERM_CASES_MANAGE, 0,
	  PARAMS(doc_params), document },
	{ HTTP_GET, "/api/v1/filings/public", PERM_NONE, R_PUBLIC, PARAMS(public_params),
	  public_json },
	{ HTTP_GET, "/api/v1/filings/public.csv", PERM_NONE, R_PUBLIC, PARAMS(public_params),
	  public_csv },
};
const size_t	api_filing_nroutes = sizeof(api_filing_routes) / sizeof(api_filing_routes[0]);
