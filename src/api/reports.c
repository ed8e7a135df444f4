/*
 * POST /api/v1/reports (JSON, or multipart with a "report" JSON part and
 * files[] parts), GET /api/v1/reports, GET /api/v1/reports/{id},
 * GET /api/v1/reports/{id}/attachments/{n}.
 */
#include <string.h>

#include "api/api.h"
#include "core/arena.h"
#include "core/config.h"
#include "crypto/crypto.h"
#include "store/store.h"
#include "store/store_apps.h"
#include "svc/apps.h"
#include "svc/intake.h"

static const char *const report_keys[] = {
	"title", "kind", "vendor", "product", "model", "versions", "weakness",
	"cvss_vector", "discovered_at", "description", "reproduction", "impact",
	"suggested_fix", "vendor_contacted", "vendor_contact", "disclosure_plan",
	"credit", "credit_alias", "attachments", "app_name", "app_package", "app_version",
	"app_platform", "app_store", "app_developer", NULL
};

/* A string member into *out; type errors are collected, not returned. */
static void
member(struct req *rq, json_t *o, const char *key, const char **out)
{
	json_t	*v = json_object_get(o, key);

	*out = NULL;
	if (v == NULL || json_is_null(v))
		return;
	if (!json_is_string(v)) {
		req_field_error(rq, key, MSG_ERR_JSON_SHAPE, "expected a string");
		return;
	}
	if (memchr(json_string_value(v), '\0', json_string_length(v)) != NULL) {
		req_field_error(rq, key, MSG_ERR_FIELD_ENCODING);
		return;
	}
	*out = json_string_value(v);
}

/* Map an enum-valued member; unknown values are collected as errors. */
static int
member_enum(struct req *rq, json_t *o, const char *key, int (*parse)(struct str),
    int def, enum msg_id bad)
{
	const char	*s;
	int		 v;

	member(rq, o, key, &s);
	if (s == NULL)
		return def;
	if ((v = parse(str_from(s))) < 0) {
		req_field_error(rq, key, bad);
		return -1;
	}
	return v;
}

/* Base64 attachments of the JSON form: [{"filename": .., "content_base64": ..}]. */
static void
json_files(struct req *rq, json_t *o, struct intake_in *in)
{
	struct attachment_in	*files;
	json_t			*arr = json_object_get(o, "attachments"), *it;
	size_t			 i, n;
	int			 len;

	if (arr == NULL || json_is_null(arr))
		return;
	if (!json_is_array(arr)) {
		req_field_error(rq, "attachments", MSG_ERR_JSON_SHAPE, "expected an array");
		return;
	}
	n = json_array_size(arr);
	if (n > (size_t)rq->cfg->attachments_max) {
		req_field_error(rq, "attachments", MSG_ERR_ATTACH_COUNT,
		    rq->cfg->attachments_max);
		return;
	}
	files = arena_calloc(rq->arena, n + 1, sizeof(*files));
	json_array_foreach(arr, i, it) {
		json_t		*fn = json_object_get(it, "filename");
		json_t		*b64 = json_object_get(it, "content_base64");
		unsigned char	*buf;
		size_t		 cap;

		if (!json_is_object(it) || json_object_size(it) != 2 ||
		    !json_is_string(fn) || !json_is_string(b64)) {
			req_field_error(rq, "attachments", MSG_ERR_JSON_SHAPE,
			    "each attachment is {\"filename\", \"content_base64\"}");
			return;
		}
		cap = json_string_length(b64) / 4 * 3 + 3;
		buf = arena_alloc(rq->arena, cap);
		if ((len = crypto_b64_decode(buf, cap, json_string_value(b64),
		    json_string_length(b64))) < 0) {
			req_field_error(rq, "attachments", MSG_ERR_JSON_SHAPE,
			    "content_base64 is not base64");
			return;
		}
		files[i].filename = json_string_value(fn);
		files[i].data = buf;
		files[i].size = (size_t)len;
	}
	in->files = files;
	in->nfiles = (int)n;
}

/* Read the report object o into in; problems go to rq->errors. */
static void
read_report(struct req *rq, json_t *o, struct intake_in *in)
{
	struct report	*r = &in->r;
	const char	*key;
	json_t		*v;
	size_t		 i;
	int		 e;

	json_object_foreach(o, key, v) {
		for (i = 0; report_keys[i] != NULL; i++)
			if (strcmp(key, report_keys[i]) == 0)
				break;
		if (report_keys[i] == NULL)
			req_field_error(rq, key, MSG_ERR_JSON_SHAPE, "unknown member");
	}
	member(rq, o, "title", &r->title);
	member(rq, o, "vendor", &r->vendor);
	member(rq, o, "product", &r->product);
	member(rq, o, "model", &r->model);
	member(rq, o, "versions", &r->versions);
	member(rq, o, "weakness", &r->weakness);
	member(rq, o, "cvss_vector", &r->cvss_vector);
	member(rq, o, "discovered_at", &r->discovered_at);
	member(rq, o, "description", &r->details.description);
	member(rq, o, "reproduction", &r->details.reproduction);
	member(rq, o, "impact", &r->details.impact);
	member(rq, o, "suggested_fix", &r->details.suggested_fix);
	member(rq, o, "vendor_contact", &r->details.vendor_contact);
	member(rq, o, "disclosure_plan", &r->details.disclosure_plan);
	member(rq, o, "credit_alias", &r->credit_alias);
	/* The app it is in (issue 9): optional; report_check applies appinfo_check. */
	for (i = 0; i < AF__MAX; i++)
		member(rq, o, app_fields[i].key, &r->app.v[i]);
	if ((v = json_object_get(o, "kind")) == NULL)
		req_field_error(rq, "kind", MSG_ERR_FIELD_MISSING);
	e = member_enum(rq, o, "kind", report_kind_parse, RKIND_GENERIC, MSG_ERR_REPORT_KIND);
	r->kind = e < 0 ? RKIND__MAX : (enum report_kind)e;
	e = member_enum(rq, o, "credit", report_credit_parse, RCREDIT_NAME, MSG_ERR_REPORT_CREDIT);
	r->credit = e < 0 ? RCREDIT__MAX : (enum report_credit)e;
	if ((v = json_object_get(o, "vendor_contacted")) != NULL && !json_is_null(v)) {
		if (!json_is_boolean(v))
			req_field_error(rq, "vendor_contacted", MSG_ERR_JSON_SHAPE,
			    "expected true or false");
		r->vendor_contacted = json_is_true(v);
	}
	json_files(rq, o, in);
}

static json_t *
b64(struct req *rq, const void *p, size_t n)
{
	return json_string(crypto_b64_arena(rq->arena, p, n));
}

json_t *
api_sth_json(struct req *rq, const struct log_sth *s)
{
	return json_pack("{s:I, s:I, s:o, s:o}",
	    "tree_size", (json_int_t)s->tree_size,
	    "timestamp", (json_int_t)s->timestamp,
	    "root_hash", b64(rq, s->root, 32),
	    "signature", b64(rq, s->signature, 64));
}

json_t *
api_proof_json(struct req *rq, unsigned char proof[][MERKLE_HASH], size_t n)
{
	json_t	*arr = json_array();
	size_t	 i;

	for (i = 0; i < n; i++)
		json_array_append_new(arr, b64(rq, proof[i], MERKLE_HASH));	/* steals */
	return arr;
}

static enum app_err
report_create(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct intake_in	 in;
	struct intake_receipt	*rc;
	struct report_problem	 problems[REPORT_MAX_PROBLEMS];
	struct fault		 f = { .er = APP_OK };
	json_t			*o = rq->json, *parsed = NULL, *resp;
	json_error_t		 jerr;
	const struct str	*part;
	int			 np = 0, i;
	enum app_err		 er = APP_OK;

	memset(&in, 0, sizeof(in));
	in.r.channel = RCHAN_API;
	in.payload = rq->body.p;
	in.payload_len = rq->body.n;
	if (!rq->json_body) {
		/* multipart: the "report" field holds the JSON, files[] the attachments */
		if ((part = form_get(rq->form, rq->nform, "report")) == NULL)
			return req_fail(rq, APP_INVALID, "report", MSG_ERR_MULTIPART);
		if ((parsed = json_loadb(part->p, part->n, JSON_REJECT_DUPLICATES, &jerr)) == NULL)
			return req_fail(rq, APP_INVALID, "report", MSG_ERR_JSON_MALFORMED,
			    jerr.text, jerr.line, jerr.column);
		o = parsed;
	}
	if (o == NULL || !json_is_object(o)) {
		er = req_fail(rq, APP_INVALID, NULL, MSG_ERR_JSON_SHAPE, "expected a JSON object");
		goto out;
	}
	read_report(rq, o, &in);
	if (!rq->json_body && rq->nfiles > 0) {
		struct attachment_in *files;

		if (in.nfiles > 0) {
			req_field_error(rq, "attachments", MSG_ERR_JSON_SHAPE,
			    "send files either as parts or in the JSON, not both");
		} else {
			files = arena_calloc(rq->arena, (size_t)rq->nfiles, sizeof(*files));
			for (i = 0; i < rq->nfiles; i++) {
				files[i].filename = arena_strndup(rq->arena,
				    rq->files[i].filename.p, rq->files[i].filename.n);
				files[i].data = rq->files[i].data.p;
				files[i].size = rq->files[i].data.n;
			}
			in.files = files;
			in.nfiles = rq->nfiles;
		}
	}
	if (rq->nerrors > 0) {
		/* Name every bad field at once: add the rule checks of the rest. */
		np = report_check(&in.r, problems, REPORT_MAX_PROBLEMS);
		for (i = 0; i < np; i++) {
			int	j;

			for (j = 0; j < rq->nerrors; j++)
				if (strcmp(rq->errors[j].field, problems[i].field) == 0)
					break;
			if (j == rq->nerrors && !(in.r.kind == RKIND__MAX &&
			    strcmp(problems[i].field, "kind") == 0) &&
			    !(in.r.credit == RCREDIT__MAX &&
			    strcmp(problems[i].field, "credit") == 0))
				req_field_error(rq, problems[i].field, problems[i].msg,
				    problems[i].arg);
		}
		er = req_fail(rq, APP_INVALID, rq->errors[0].field, MSG_ERR_REPORT_INVALID,
		    rq->nerrors);
		goto out;
	}
	rc = arena_zalloc(rq->arena, sizeof(*rc));
	if (svc_report_submit(&c, &in, rc, problems, &np, &f) != APP_OK) {
		for (i = 0; i < np; i++)
			req_field_error(rq, problems[i].field, problems[i].msg,
			    problems[i].arg);
		/* Name the member the client used for its files. */
		if (rq->json_body && f.field != NULL && strcmp(f.field, "files") == 0)
			f.field = "attachments";
		er = req_fault(rq, &f);
		goto out;
	}
	resp = json_pack("{s:s, s:{s:o, s:I, s:o, s:o}}",
	    "id", rc->id,
	    "receipt",
	    "leaf", b64(rq, rc->leaf, rc->leaf_len),
	    "leaf_index", (json_int_t)rc->leaf_index,
	    "sth", api_sth_json(rq, &rc->sth),
	    "inclusion_proof", api_proof_json(rq, rc->proof, rc->nproof));
	resp_header(rq, "Location", arena_printf(rq->arena, "/api/v1/reports/%s", rc->id));
	er = resp_json(rq, 201, resp);
out:
	if (parsed != NULL)
		json_decref(parsed);
	return er;
}

static json_t *
report_json(const struct report *r, bool details)
{
	json_t	*o;
	int	 i;

	o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b, "
	    "s:s, s:s, s:o, s:o, s:I, s:i}",
	    "id", r->id,
	    "status", report_status_name(r->status),
	    "kind", report_kind_name(r->kind),
	    "channel", report_channel_name(r->channel),
	    "title", r->title,
	    "vendor", r->vendor,
	    "product", r->product,
	    "model", r->model,
	    "versions", r->versions,
	    "weakness", r->weakness,
	    "cvss_vector", r->cvss_vector,
	    "vendor_contacted", r->vendor_contacted,
	    "credit", report_credit_name(r->credit),
	    "credit_alias", r->credit_alias,
	    "discovered_at", r->discovered_at[0] ? json_string(r->discovered_at) : json_null(),
	    "received_at", api_time(r->received_at),
	    "leaf_index", (json_int_t)r->leaf_index,
	    "attachments", r->nattachments);
	json_object_set_new(o, "reporter", r->reporter_login ?	/* steals */
	    json_string(r->reporter_login) : json_null());
	for (i = 0; i < AF__MAX; i++)
		json_object_set_new(o, app_fields[i].key,	/* steals */
		    json_string(appinfo_get(&r->app, (enum app_field)i)));
	if (details)
		json_object_set_new(o, "details", json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}",
		    "description", r->details.description,
		    "reproduction", r->details.reproduction,
		    "impact", r->details.impact,
		    "suggested_fix", r->details.suggested_fix,
		    "vendor_contact", r->details.vendor_contact,
		    "disclosure_plan", r->details.disclosure_plan));	/* steals */
	return o;
}

enum { L_STATUS, L_KIND, L_Q, L_CURSOR, L_LIMIT, L_APP, L_PLATFORM };
static const struct param list_params[] = {
	{ "status", PARAM_TEXT, 0, 32, false },			/* L_STATUS */
	{ "kind", PARAM_TEXT, 0, 32, false },			/* L_KIND */
	{ "q", PARAM_TEXT, 0, 100, false },			/* L_Q */
	{ "cursor", PARAM_I64, 1, INT64_MAX, false },		/* L_CURSOR */
	{ "limit", PARAM_I64, 1, API_PAGE_MAX, false },		/* L_LIMIT */
	{ "app", PARAM_TEXT, 0, APP_QUERY_MAX, false },		/* L_APP: name, package, developer */
	{ "platform", PARAM_TEXT, 0, 32, false },		/* L_PLATFORM */
};

static enum app_err
report_list(struct req *rq)
{
	struct report_filter	 f = { .limit = API_PAGE_DEFAULT };
	struct report		*rs;
	struct fault		 flt = { .er = APP_OK };
	const char		*app = req_param(rq, L_APP)->present ?
				    req_param(rq, L_APP)->s.p : NULL;
	const char		*platform = req_param(rq, L_PLATFORM)->present ?
				    req_param(rq, L_PLATFORM)->s.p : NULL;
	size_t			 n, i;
	json_t			*items;
	enum app_err		 er;

	if (req_param(rq, L_STATUS)->present) {
		if (report_status_parse(req_param(rq, L_STATUS)->s) < 0)
			return req_fail(rq, APP_INVALID, "status", MSG_ERR_FIELD_CHOICE);
		f.status = req_param(rq, L_STATUS)->s.p;
	}
	if (req_param(rq, L_KIND)->present) {
		if (report_kind_parse(req_param(rq, L_KIND)->s) < 0)
			return req_fail(rq, APP_INVALID, "kind", MSG_ERR_REPORT_KIND);
		f.kind = req_param(rq, L_KIND)->s.p;
	}
	if (req_param(rq, L_Q)->present)
		f.q = req_param(rq, L_Q)->s.p;
	if (req_param(rq, L_CURSOR)->present)
		f.before = req_param(rq, L_CURSOR)->i;
	if (req_param(rq, L_LIMIT)->present)
		f.limit = (int)req_param(rq, L_LIMIT)->i;
	/* Need-to-know: a reporter lists only their own reports. */
	if (!svc_report_sees_all(rq->user))
		f.reporter_id = rq->user->id;
	/* By app (issue 9): its name, package or developer, and its platform. */
	if (svc_app_filters(app, platform, &flt) != APP_OK)
		return req_fault(rq, &flt);
	if ((er = store_report_list_app(rq->store, rq->arena, &f, app, platform, &rs,
	    &n)) != APP_OK)
		return er;
	items = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(items, report_json(&rs[i], false));	/* steals */
	return resp_json(rq, 200, api_page(items, n, f.limit,
	    n ? rs[n - 1].leaf_index : 0));
}

enum { G_ID };
static const struct param get_params[] = {
	{ "id", PARAM_TEXT, 8, 40, true },	/* G_ID */
};

/*
 * The latest triage decision, as "triage": {decision, at, …}.  The reporter
 * sees what is addressed to them (a rejection's explanation, the question);
 * staff see the note too.
 */
static enum app_err
triage_json(struct req *rq, const struct report *r, json_t *o)
{
	struct triage_row	 t;
	json_t			*j;
	bool			 staff = svc_report_sees_all(rq->user);
	enum app_err		 er;

	if ((er = store_triage_last(rq->store, rq->arena, r->id, &t)) == APP_NOTFOUND)
		return APP_OK;
	if (er != APP_OK)
		return er;
	j = json_pack("{s:s, s:o}", "decision", triage_decision_name(t.decision),
	    "at", api_time(t.at));
	if (t.reject_reason[0] != '\0')
		json_object_set_new(j, "reject_reason", json_string(t.reject_reason));
	if (t.duplicate_of[0] != '\0')
		json_object_set_new(j, "duplicate_of", json_string(t.duplicate_of));
	if (t.case_id[0] != '\0') {
		struct case_row	k;

		json_object_set_new(j, "case", json_string(t.case_id));
		/* The reporter follows the progress: where the case stands. */
		if ((er = store_case_get(rq->store, rq->arena, t.case_id, &k)) == APP_OK)
			json_object_set_new(j, "case_state",
			    json_string(case_state_name(k.state)));
		else if (er != APP_NOTFOUND) {
			json_decref(j);
			return er;
		}
	}
	if (t.reason[0] != '\0' && (staff || t.decision == TRIAGE_REJECT ||
	    t.decision == TRIAGE_NEEDS_INFO))
		json_object_set_new(j, t.decision == TRIAGE_NEEDS_INFO ? "question" : "note",
		    json_string(t.reason));
	json_object_set_new(o, "triage", j);	/* steals */
	return APP_OK;
}

static enum app_err
report_get(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct report		 r;
	struct fault		 f = { .er = APP_OK };
	struct attachment	*at;
	size_t			 n, i;
	json_t			*o, *files;
	enum app_err		 er;

	if (!report_id_valid(req_param(rq, G_ID)->s))
		return req_fail(rq, APP_NOTFOUND, "id", MSG_ERR_NO_SUCH_REPORT);
	if (svc_report_read(&c, req_param(rq, G_ID)->s.p, &r, &f) != APP_OK)
		return req_fault(rq, &f);
	if ((er = store_attachment_list(rq->store, rq->arena, r.id, &at, &n)) != APP_OK)
		return er;
	o = report_json(&r, true);
	files = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(files, json_pack("{s:I, s:s, s:s, s:I, s:s}",	/* steals */
		    "id", (json_int_t)at[i].id, "filename", at[i].filename,
		    "mime", at[i].mime, "size", (json_int_t)at[i].size,
		    "sha256", at[i].sha256));
	json_object_set_new(o, "attachments", files);	/* steals */
	if ((er = triage_json(rq, &r, o)) != APP_OK) {
		json_decref(o);
		return er;
	}
	return resp_json(rq, 200, o);
}

enum { A_ID, A_N };
static const struct param att_params[] = {
	{ "id", PARAM_TEXT, 8, 40, true },		/* A_ID */
	{ "n", PARAM_I64, 1, INT64_MAX, true },		/* A_N */
};

static enum app_err
attachment_get(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct attachment	 at;
	struct fault		 f = { .er = APP_OK };
	struct sbuf		 cd;
	const unsigned char	*data;
	size_t			 len;

	if (!report_id_valid(req_param(rq, A_ID)->s))
		return req_fail(rq, APP_NOTFOUND, "id", MSG_ERR_NO_SUCH_REPORT);
	if (svc_attachment_read(&c, req_param(rq, A_ID)->s.p, req_param(rq, A_N)->i,
	    &at, &data, &len, &f) != APP_OK)
		return req_fault(rq, &f);
	rq->status = 200;
	/* Never rendered by the browser: always a download, whatever it is. */
	rq->ctype = "application/octet-stream";
	sbuf_add(&rq->out, data, len);
	sbuf_init(&cd, rq->arena, 1024);
	sbuf_addstr(&cd, "attachment; filename=\"attachment.bin\"; filename*=UTF-8''");
	sbuf_add_urlenc(&cd, at.filename, strlen(at.filename));
	resp_header(rq, "Content-Disposition", cd.buf);
	resp_header(rq, "X-Loudong-Sniffed-Type", at.mime);
	return APP_OK;
}

const struct route api_report_routes[] = {
	{ HTTP_POST, "/api/v1/reports", PERM_NONE, R_MULTI, NOPARAMS, report_create },
	{ HTTP_GET, "/api/v1/reports", PERM_ACCOUNT, 0, PARAMS(list_params), report_list },
	{ HTTP_GET, "/api/v1/reports/{id}", PERM_ACCOUNT, 0, PARAMS(get_params), report_get },
	{ HTTP_GET, "/api/v1/reports/{id}/attachments/{n}", PERM_ACCOUNT, 0,
	  PARAMS(att_params), attachment_get },
};
const size_t api_report_nroutes = sizeof(api_report_routes) / sizeof(api_report_routes[0]);
