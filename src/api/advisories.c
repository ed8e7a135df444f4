/*
 * Advisories and the disclosure gate (issue 7).
 *
 * Public (no account; R_PUBLIC, read from the public record only):
 *   GET  /api/v1/advisories                     list: vendor, product, grade, from, to, q
 *   GET  /api/v1/advisories/{id}                the public JSON
 *   GET  /api/v1/advisories/{id}/{format}       csaf, cve5, osv, gbt28458
 * Staff (PERM_CASES_MANAGE):
 *   POST /api/v1/cases/{id}/advisory            draft one from the case
 *   GET  /api/v1/advisories/{id}/draft          a version (?version=N) with every version
 *   PUT  /api/v1/advisories/{id}/draft          a new version (the record, + summary_of_changes)
 *   GET  /api/v1/advisories/{id}/diff           ?from=&to=: a readable diff
 *   POST /api/v1/advisories/{id}/submit|review|publish|withdraw
 *   GET  /api/v1/advisory-queue                 ?state=: the editorial list
 *   GET|POST /api/v1/cases/{id}/disclosure-records   the Art. 9 records
 *   GET  /api/v1/cases/{id}/policy              ?action=: what the gate would answer
 *   POST /api/v1/reports/{id}/attachments/{attachment}/class
 *   GET|POST /api/v1/major-events, POST /api/v1/major-events/{id}/withdraw
 *   GET  /api/v1/policy-decisions               the gate's log (auditors, admins)
 */
#include <string.h>

#include "api/api.h"
#include "core/arena.h"
#include "core/config.h"
#include "core/calendar.h"
#include "core/sbuf.h"
#include "formats/formats.h"
#include "svc/advisories.h"
#include "svc/publication.h"

#define NOTE_BODY_MAX	8000	/* transport bound; svc applies the real one */

static json_t *
decision_json(struct req *rq, const struct policy_decision *d)
{
	return json_pack("{s:b, s:o, s:o, s:o, s:o}", "allow", d->allow,
	    "rule", d->rule != NULL ? json_string(d->rule) : json_null(),
	    "message", d->allow ? json_null() : json_string(req_msg(rq, d->msg)),
	    "window", d->window != NULL ? json_string(d->window->name) : json_null(),
	    "retry_at", api_time(d->retry_at));
}

static json_t *
row_json(const struct advisory_row *r)
{
	return json_pack("{s:s, s:s, s:s, s:i, s:o, s:o, s:o, s:o, s:s, s:o, s:o, s:s}",
	    "id", r->id, "case", r->case_id, "state", r->state, "version", r->version,
	    "publish_at", api_time(r->publish_at),
	    "held_by", r->held_by != 0 ? json_integer(r->held_by) : json_null(),
	    "published_at", api_time(r->published_at),
	    "withdrawn_at", api_time(r->withdrawn_at),
	    "withdrawn_reason", r->withdrawn_reason,
	    "created_at", api_time(r->created_at), "updated_at", api_time(r->updated_at),
	    "title", r->title);
}

static json_t *
view_json(const struct advisory_view *v)
{
	json_t *o = row_json(&v->row), *vs = json_array();

	for (size_t i = 0; i < v->nversions; i++) {
		const struct advisory_version *x = &v->versions[i];

		json_array_append_new(vs, json_pack("{s:i, s:s, s:s, s:o, s:s, s:o, s:s, s:s, s:s}",
		    "version", x->version, "sha256", x->doc_sha256, "summary", x->summary,
		    "created_at", api_time(x->created_at), "created_by", x->created_by_login,
		    "reviewed_at", api_time(x->reviewed_at), "reviewed_by",
		    x->reviewed_by_login, "review", x->review, "review_note", x->review_note));
	}
	json_object_set_new(o, "versions", vs);
	json_object_set_new(o, "public_version", v->public_version != 0 ?
	    json_integer(v->public_version) : json_null());
	json_object_set_new(o, "advisory", fmt_adv_json(&v->doc));
	return o;
}

/* ---- public ---- */

enum { PL_VENDOR, PL_PRODUCT, PL_GRADE, PL_FROM, PL_TO, PL_Q, PL_OFFSET, PL_LIMIT };
static const struct param public_list_params[] = {
	{ "vendor", PARAM_TEXT, 1, 200, false },
	{ "product", PARAM_TEXT, 1, 200, false },
	{ "grade", PARAM_TEXT, 1, 16, false },
	{ "from", PARAM_TEXT, 10, 40, false },		/* YYYY-MM-DD or RFC 3339 */
	{ "to", PARAM_TEXT, 10, 40, false },
	{ "q", PARAM_TEXT, 1, 200, false },
	{ "offset", PARAM_I64, 0, 100000, false },
	{ "limit", PARAM_I64, 1, API_PAGE_MAX, false },
};

/* A date (China time, 00:00) or an RFC 3339 time; 0 with a 400 when neither. */
static int
when(struct req *rq, size_t i, const char *field, int64_t *out)
{
	const char	*s = req_opt(rq, i);
	int64_t		 day;

	*out = 0;
	if (s == NULL)
		return 0;
	if (strlen(s) == 10 && date_parse(s, 10, &day) == 0) {
		*out = date_start_time(day);
		return 0;
	}
	if (time_parse_rfc3339(s, out) == 0)
		return 0;
	req_fail(rq, APP_INVALID, field, MSG_ERR_SUB_TIME);
	return -1;
}

static enum app_err
public_list(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct public_filter	 flt = { 0 };
	struct public_advisory	*p;
	struct fault		 f;
	size_t			 n;
	int			 limit = API_PAGE_DEFAULT, offset;
	json_t			*items;

	flt.vendor = req_opt(rq, PL_VENDOR);
	flt.product = req_opt(rq, PL_PRODUCT);
	flt.grade = req_opt(rq, PL_GRADE);
	flt.q = req_opt(rq, PL_Q);
	/* Like the public pages and feeds: a withdrawn one stays, with its withdrawn_at. */
	flt.withdrawn = true;
	if (when(rq, PL_FROM, "from", &flt.from) != 0 || when(rq, PL_TO, "to", &flt.to) != 0)
		return APP_INVALID;
	if (req_param(rq, PL_LIMIT)->present)
		limit = (int)req_param(rq, PL_LIMIT)->i;
	offset = (int)req_param(rq, PL_OFFSET)->i;
	if (svc_public_list(&c, &flt, offset, limit, false, &p, &n, &f) != APP_OK)
		return req_fault(rq, &f);
	items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:s}",
		    "id", p[i].id, "title", p[i].title, "grade", p[i].grade,
		    "published_at", api_time(p[i].published_at),
		    "updated_at", api_time(p[i].updated_at),
		    "withdrawn_at", api_time(p[i].withdrawn_at),
		    "url", arena_printf(rq->arena, "%s/api/v1/advisories/%s", rq->cfg->base_url,
		    p[i].id)));
	return resp_json(rq, 200, json_pack("{s:o, s:o}", "items", items, "next_offset",
	    n == (size_t)limit ? json_integer(offset + limit) : json_null()));
}

enum { PG_ID, PG_FORMAT };
/* The advisory alone: its route has no {format}, which would be missing (400). */
static const struct param public_get_params[] = {
	{ "id", PARAM_TEXT, 1, 64, true },
};
static const struct param public_format_params[] = {
	{ "id", PARAM_TEXT, 1, 64, true },
	{ "format", PARAM_TEXT, 1, 16, true },
};

static enum app_err
render(struct req *rq, enum pub_format fmt)
{
	struct svc_ctx	c = api_svc(rq);
	struct fault	f;

	sbuf_reset(&rq->out);
	if (svc_public_render(&c, req_param(rq, PG_ID)->s.p, fmt, &rq->out, &f) != APP_OK)
		return req_fault(rq, &f);
	rq->status = 200;
	rq->ctype = pub_format_type(fmt);
	return APP_OK;
}

static enum app_err
public_get(struct req *rq)
{
	return render(rq, PFMT_JSON);
}

static enum app_err
public_format(struct req *rq)
{
	int fmt = pub_format_parse(req_param(rq, PG_FORMAT)->s.p);

	if (fmt < 0 || fmt == PFMT_JSON)
		return req_fail(rq, APP_NOTFOUND, "format", MSG_ERR_FORMAT_UNKNOWN);
	return render(rq, (enum pub_format)fmt);
}

/* ---- staff ---- */

enum { S_ID, S_VERSION, S_FROM, S_TO };
static const struct param adv_params[] = {
	{ "id", PARAM_TEXT, 1, 64, true },
	{ "version", PARAM_I64, 1, 1000000, false },
	{ "from", PARAM_I64, 1, 1000000, false },
	{ "to", PARAM_I64, 1, 1000000, false },
};

static enum app_err
case_draft(struct req *rq)
{
	struct svc_ctx		c = api_svc(rq);
	struct advisory_view	v;
	struct fault		f;

	if (svc_advisory_draft(&c, req_param(rq, S_ID)->s.p, &v, &f) != APP_OK)
		return req_fault(rq, &f);
	resp_header(rq, "Location", arena_printf(rq->arena, "/api/v1/advisories/%s/draft",
	    v.row.id));
	return resp_json(rq, 201, view_json(&v));
}

static enum app_err
draft_get(struct req *rq)
{
	struct svc_ctx		c = api_svc(rq);
	struct advisory_view	v;
	struct fault		f;

	if (svc_advisory_get(&c, req_param(rq, S_ID)->s.p, (int)req_param(rq, S_VERSION)->i,
	    &v, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, view_json(&v));
}

static enum app_err
draft_put(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct advisory_view	 v;
	struct adv_doc		 d;
	struct fault		 f;
	const char		*field, *summary = NULL;
	enum msg_id		 msg;
	json_t			*o, *s;

	if (rq->json == NULL || !json_is_object(rq->json))
		return req_fail(rq, APP_INVALID, NULL, MSG_ERR_FIELD_CHOICE);
	o = json_copy(rq->json);
	if ((s = json_object_get(o, "summary_of_changes")) != NULL) {
		if (!json_is_string(s)) {
			json_decref(o);
			return req_fail(rq, APP_INVALID, "summary_of_changes",
			    MSG_ERR_FIELD_ENCODING);
		}
		summary = arena_strdup(rq->arena, json_string_value(s));
		json_object_del(o, "summary_of_changes");
	}
	if (fmt_adv_from_json(rq->arena, o, &d, &field, &msg) != 0) {
		json_decref(o);
		return req_fail(rq, APP_INVALID, field, msg);
	}
	json_decref(o);
	if (svc_advisory_edit(&c, req_param(rq, S_ID)->s.p, &d, summary, &v, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, view_json(&v));
}

static enum app_err
draft_diff(struct req *rq)
{
	struct svc_ctx	c = api_svc(rq);
	struct fault	f;
	int		to = (int)req_param(rq, S_TO)->i, from = (int)req_param(rq, S_FROM)->i;

	sbuf_reset(&rq->out);
	if (svc_advisory_diff(&c, req_param(rq, S_ID)->s.p, from > 0 ? from : 1, to,
	    &rq->out, &f) != APP_OK)
		return req_fault(rq, &f);
	rq->status = 200;
	rq->ctype = "text/plain; charset=utf-8";
	return APP_OK;
}

static enum app_err
done(struct req *rq, const char *id)
{
	struct svc_ctx		c = api_svc(rq);
	struct advisory_view	v;
	struct fault		f;

	if (svc_advisory_get(&c, id, 0, &v, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, view_json(&v));
}

static const char *const submit_keys[] = { NULL };

static enum app_err
adv_submit(struct req *rq)
{
	struct svc_ctx	c = api_svc(rq);
	struct fault	f;

	if (rq->json != NULL && api_body_object(rq, submit_keys) != APP_OK)
		return APP_INVALID;
	if (svc_advisory_submit(&c, req_param(rq, S_ID)->s.p, &f) != APP_OK)
		return req_fault(rq, &f);
	return done(rq, req_param(rq, S_ID)->s.p);
}

static const char *const review_keys[] = { "decision", "note", NULL };

static enum app_err
adv_review(struct req *rq)
{
	struct svc_ctx	 c = api_svc(rq);
	struct fault	 f;
	const char	*decision = NULL, *note = NULL;
	size_t		 len;
	enum app_err	 er;

	if ((er = api_body_object(rq, review_keys)) != APP_OK ||
	    (er = api_str(rq, "decision", true, 16, &decision, &len)) != APP_OK ||
	    (er = api_str(rq, "note", false, NOTE_BODY_MAX, &note, &len)) != APP_OK)
		return er;
	if (svc_advisory_review(&c, req_param(rq, S_ID)->s.p, decision, note, &f) != APP_OK)
		return req_fault(rq, &f);
	return done(rq, req_param(rq, S_ID)->s.p);
}

static const char *const publish_keys[] = { "at", NULL };

static enum app_err
adv_publish(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct advisory_view	 v;
	struct policy_decision	 d;
	struct fault		 f;
	const char		*at_s = NULL;
	int64_t			 at = 0;
	size_t			 len;
	enum app_err		 er;

	if (rq->json != NULL && ((er = api_body_object(rq, publish_keys)) != APP_OK ||
	    (er = api_str(rq, "at", false, 40, &at_s, &len)) != APP_OK))
		return er;
	if (at_s != NULL && time_parse_rfc3339(at_s, &at) != 0)
		return req_fail(rq, APP_INVALID, "at", MSG_ERR_SUB_TIME);
	if (svc_advisory_publish(&c, req_param(rq, S_ID)->s.p, at, &v, &d, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, view_json(&v));
}

static const char *const withdraw_keys[] = { "reason", NULL };

static enum app_err
adv_withdraw(struct req *rq)
{
	struct svc_ctx	 c = api_svc(rq);
	struct fault	 f;
	const char	*reason = NULL;
	size_t		 len;
	enum app_err	 er;

	if ((er = api_body_object(rq, withdraw_keys)) != APP_OK ||
	    (er = api_str(rq, "reason", true, NOTE_BODY_MAX, &reason, &len)) != APP_OK)
		return er;
	if (svc_advisory_withdraw(&c, req_param(rq, S_ID)->s.p, reason, &f) != APP_OK)
		return req_fault(rq, &f);
	return done(rq, req_param(rq, S_ID)->s.p);
}

enum { Q_STATE, Q_CURSOR, Q_LIMIT };
static const struct param queue_params[] = {
	{ "state", PARAM_TEXT, 1, 16, false },
	API_PAGE_PARAMS,
};

static enum app_err
queue(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct advisory_row	*r;
	struct fault		 f;
	size_t			 n;
	int			 limit = API_PAGE_DEFAULT;
	json_t			*items = json_array();

	if (req_param(rq, Q_LIMIT)->present)
		limit = (int)req_param(rq, Q_LIMIT)->i;
	if (svc_advisory_list(&c, req_opt(rq, Q_STATE), req_param(rq, Q_CURSOR)->i, limit, &r, &n,
	    &f) != APP_OK) {
		json_decref(items);
		return req_fault(rq, &f);
	}
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, row_json(&r[i]));
	return resp_json(rq, 200, api_page(items, n, limit, n > 0 ? r[n - 1].rowid : 0));
}

/* ---- the Art. 9 records, the gate's preview, attachment classes ---- */

enum { C_ID, C_ACTION };
static const struct param case_params[] = {
	{ "id", PARAM_TEXT, 1, 64, true },
	{ "action", PARAM_TEXT, 1, 16, false },
};

static enum app_err
records_get(struct req *rq)
{
	struct svc_ctx		  c = api_svc(rq);
	struct disclosure_record *r;
	struct fault		  f;
	size_t			  n;
	json_t			 *items = json_array();

	if (svc_disclosure_records(&c, req_param(rq, C_ID)->s.p, &r, &n, &f) != APP_OK) {
		json_decref(items);
		return req_fault(rq, &f);
	}
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:b, s:s, "
		    "s:o, s:s}", "id", (json_int_t)r[i].id, "kind", r[i].kind, "reference",
		    r[i].reference, "issued_on", r[i].issued_on, "scope", r[i].scope,
		    "approver", r[i].approver, "allow", r[i].allow, "note", r[i].note,
		    "created_at", api_time(r[i].created_at), "created_by",
		    r[i].created_by_login));
	return resp_json(rq, 200, json_pack("{s:o}", "items", items));
}

static const char *const record_keys[] = { "kind", "reference", "issued_on", "scope",
    "approver", "allow", "note", NULL };

static enum app_err
records_post(struct req *rq)
{
	struct svc_ctx			c = api_svc(rq);
	struct disclosure_record_in	in = { .allow = true };
	struct fault			f;
	int64_t				id = 0;
	size_t				len;
	enum app_err			er;

	if ((er = api_body_object(rq, record_keys)) != APP_OK ||
	    (er = api_str(rq, "kind", true, 32, &in.kind, &len)) != APP_OK ||
	    (er = api_str(rq, "reference", true, 800, &in.reference, &len)) != APP_OK ||
	    (er = api_str(rq, "issued_on", true, 16, &in.issued_on, &len)) != APP_OK ||
	    (er = api_str(rq, "scope", false, 800, &in.scope, &len)) != APP_OK ||
	    (er = api_str(rq, "approver", false, 800, &in.approver, &len)) != APP_OK ||
	    (er = api_bool(rq, "allow", &in.allow)) != APP_OK ||
	    (er = api_str(rq, "note", false, NOTE_BODY_MAX, &in.note, &len)) != APP_OK)
		return er;
	if (svc_disclosure_record_add(&c, req_param(rq, C_ID)->s.p, &in, &id, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 201, json_pack("{s:I, s:s}", "id", (json_int_t)id, "kind", in.kind));
}

static enum app_err
policy_preview(struct req *rq)
{
	struct svc_ctx		c = api_svc(rq);
	struct policy_decision	d;
	struct fault		f;

	if (svc_policy_preview(&c, req_param(rq, C_ID)->s.p, req_opt(rq, C_ACTION), &d, &f) !=
	    APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, decision_json(rq, &d));
}

enum { K_ID, K_ATTACHMENT };
static const struct param class_params[] = {
	{ "id", PARAM_TEXT, 1, 64, true },
	{ "attachment", PARAM_I64, 1, INT64_MAX, true },
};
static const char *const class_keys[] = { "class", NULL };

static enum app_err
attachment_class(struct req *rq)
{
	struct svc_ctx	 c = api_svc(rq);
	struct fault	 f;
	const char	*cls = NULL;
	size_t		 len;
	enum app_err	 er;

	if ((er = api_body_object(rq, class_keys)) != APP_OK ||
	    (er = api_str(rq, "class", true, 16, &cls, &len)) != APP_OK)
		return er;
	if (svc_attachment_classify(&c, req_param(rq, K_ID)->s.p,
	    req_param(rq, K_ATTACHMENT)->i, cls, &f) != APP_OK)
		return req_fault(rq, &f);
	rq->status = 204;
	rq->ctype = NULL;
	return APP_OK;
}

/* ---- major-event windows, the gate's log ---- */

static json_t *
window_json(const struct event_window *w)
{
	return json_pack("{s:I, s:s, s:o, s:o, s:s, s:s, s:s, s:o}", "id", (json_int_t)w->id,
	    "name", w->name, "starts_at", api_time(w->starts_at), "ends_at",
	    api_time(w->ends_at), "scope", w->scope, "source", w->source, "external_id",
	    w->external_id, "withdrawn_at", api_time(w->withdrawn_at));
}

enum { W_ALL };
static const struct param windows_params[] = {
	{ "all", PARAM_BOOL, 0, 0, false },
};

static enum app_err
windows_get(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct event_window	*w;
	struct fault		 f;
	size_t			 n;
	json_t			*items = json_array();

	if (svc_windows(&c, req_param(rq, W_ALL)->b, &w, &n, &f) != APP_OK) {
		json_decref(items);
		return req_fault(rq, &f);
	}
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, window_json(&w[i]));
	return resp_json(rq, 200, json_pack("{s:o}", "items", items));
}

static const char *const window_keys[] = { "name", "starts_at", "ends_at", "scope",
    "external_id", NULL };

static enum app_err
windows_post(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct window_in	 in = { 0 };
	struct fault		 f;
	const char		*s = NULL, *e = NULL;
	int64_t			 id = 0;
	size_t			 len;
	enum app_err		 er;

	if ((er = api_body_object(rq, window_keys)) != APP_OK ||
	    (er = api_str(rq, "name", true, 800, &in.name, &len)) != APP_OK ||
	    (er = api_str(rq, "starts_at", true, 40, &s, &len)) != APP_OK ||
	    (er = api_str(rq, "ends_at", true, 40, &e, &len)) != APP_OK ||
	    (er = api_str(rq, "scope", false, 4000, &in.scope, &len)) != APP_OK ||
	    (er = api_str(rq, "external_id", false, 400, &in.external_id, &len)) != APP_OK)
		return er;
	if (time_parse_rfc3339(s, &in.starts_at) != 0)
		return req_fail(rq, APP_INVALID, "starts_at", MSG_ERR_SUB_TIME);
	if (time_parse_rfc3339(e, &in.ends_at) != 0)
		return req_fail(rq, APP_INVALID, "ends_at", MSG_ERR_SUB_TIME);
	if (svc_window_put(&c, &in, &id, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

enum { WW_ID };
static const struct param window_params[] = {
	{ "id", PARAM_I64, 1, INT64_MAX, true },
};

static enum app_err
window_withdraw(struct req *rq)
{
	struct svc_ctx	c = api_svc(rq);
	struct fault	f;

	if (svc_window_withdraw(&c, req_param(rq, WW_ID)->i, &f) != APP_OK)
		return req_fault(rq, &f);
	rq->status = 204;
	rq->ctype = NULL;
	return APP_OK;
}

enum { PD_SUBJECT, PD_CURSOR, PD_LIMIT };
static const struct param decisions_params[] = {
	{ "subject", PARAM_TEXT, 1, 200, false },
	API_PAGE_PARAMS,
};

static enum app_err
decisions(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct policy_log_row	*r;
	struct fault		 f;
	size_t			 n;
	int			 limit = API_PAGE_DEFAULT;
	json_t			*items;

	if (req_param(rq, PD_LIMIT)->present)
		limit = (int)req_param(rq, PD_LIMIT)->i;
	if (svc_policy_decisions(&c, req_opt(rq, PD_SUBJECT), req_param(rq, PD_CURSOR)->i, limit,
	    &r, &n, &f) != APP_OK)
		return req_fault(rq, &f);
	items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, json_pack("{s:I, s:o, s:s, s:s, s:s, s:b, s:o, s:s}",
		    "id", (json_int_t)r[i].id, "at", api_time(r[i].at), "action", r[i].action,
		    "subject", r[i].subject, "recipient", r[i].recipient, "allowed",
		    r[i].allowed, "rule", *r[i].rule != '\0' ? json_string(r[i].rule) :
		    json_null(), "actor", r[i].actor_login));
	return resp_json(rq, 200, api_page(items, n, limit, n > 0 ? r[n - 1].id : 0));
}

const struct route api_advisory_routes[] = {
	{ HTTP_GET, "/api/v1/advisories", PERM_NONE, R_PUBLIC, PARAMS(public_list_params),
	  public_list },
	{ HTTP_GET, "/api/v1/advisories/{id}", PERM_NONE, R_PUBLIC, PARAMS(public_get_params),
	  public_get },
	{ HTTP_GET, "/api/v1/advisories/{id}/{format}", PERM_NONE, R_PUBLIC,
	  PARAMS(public_format_params), public_format },
	{ HTTP_POST, "/api/v1/cases/{id}/advisory", PERM_CASES_MANAGE, 0, PARAMS(adv_params),
	  case_draft },
	{ HTTP_GET, "/api/v1/advisories/{id}/draft", PERM_CASES_MANAGE, 0, PARAMS(adv_params),
	  draft_get },
	{ HTTP_PUT, "/api/v1/advisories/{id}/draft", PERM_CASES_MANAGE, R_JSON,
	  PARAMS(adv_params), draft_put },
	{ HTTP_GET, "/api/v1/advisories/{id}/diff", PERM_CASES_MANAGE, 0, PARAMS(adv_params),
	  draft_diff },
	{ HTTP_POST, "/api/v1/advisories/{id}/submit", PERM_CASES_MANAGE, 0,
	  PARAMS(adv_params), adv_submit },
	{ HTTP_POST, "/api/v1/advisories/{id}/review", PERM_CASES_MANAGE, R_JSON,
	  PARAMS(adv_params), adv_review },
	/* R_JSON: without it the body, and so "at", would never be read. */
	{ HTTP_POST, "/api/v1/advisories/{id}/publish", PERM_CASES_MANAGE, R_JSON,
	  PARAMS(adv_params), adv_publish },
	{ HTTP_POST, "/api/v1/advisories/{id}/withdraw", PERM_CASES_MANAGE, R_JSON,
	  PARAMS(adv_params), adv_withdraw },
	{ HTTP_GET, "/api/v1/advisory-queue", PERM_CASES_MANAGE, 0, PARAMS(queue_params),
	  queue },
	{ HTTP_GET, "/api/v1/cases/{id}/disclosure-records", PERM_CASES_MANAGE, 0,
	  PARAMS(case_params), records_get },
	{ HTTP_POST, "/api/v1/cases/{id}/disclosure-records", PERM_CASES_MANAGE, R_JSON,
	  PARAMS(case_params), records_post },
	{ HTTP_GET, "/api/v1/cases/{id}/policy", PERM_CASES_MANAGE, 0, PARAMS(case_params),
	  policy_preview },
	{ HTTP_POST, "/api/v1/reports/{id}/attachments/{attachment}/class", PERM_CASES_MANAGE,
	  R_JSON, PARAMS(class_params), attachment_class },
	{ HTTP_GET, "/api/v1/major-events", PERM_ACCOUNT, 0, PARAMS(windows_params),
	  windows_get },
	{ HTTP_POST, "/api/v1/major-events", PERM_ACCOUNT, R_JSON, NOPARAMS, windows_post },
	{ HTTP_POST, "/api/v1/major-events/{id}/withdraw", PERM_ACCOUNT, 0,
	  PARAMS(window_params), window_withdraw },
	{ HTTP_GET, "/api/v1/policy-decisions", PERM_ACCOUNT, 0, PARAMS(decisions_params),
	  decisions },
};
const size_t api_advisory_nroutes = sizeof(api_advisory_routes) / sizeof(api_advisory_routes[0]);
