/*
 * 备案, platform side (issue 8): the JSON endpoints (docs/FILING.md).  The
 * administrator's, platform role only (404 elsewhere):
 *
 *	GET  /api/v1/filing			the dossier, its problems, status,
 *						application, change tasks, history
 *	PUT  /api/v1/filing			{"fields": {key: value}, "change_date"}
 *	GET  /api/v1/filing/documents/{key}	a document's bytes
 *	PUT  /api/v1/filing/documents/{key}	{"name", "content_base64"}
 *	GET  /api/v1/filing/export		the federation document (?kind=)
 *	POST /api/v1/filing/submit		first filing, 补正 answer, resend
 *	POST /api/v1/filing/change		file the changes (第六条)
 *	POST /api/v1/filing/deregister		{"end_date", "note"} (第七条)
 *	POST /api/v1/filing/handover		{"to", "case_id", "note"}
 *	POST /api/v1/filing/refresh		read the registry's answer now
 *	POST /api/v1/filing/manual		the registry's answer to a filing
 *						handed in by hand
 *
 * and, for anyone, GET /api/v1/meta: the instance, its role and, on a
 * platform, its 备案编号 and status (R41).
 */
#include <string.h>

#include "api/api.h"
#include "core/arena.h"
#include "core/calendar.h"
#include "core/config.h"
#include "core/utf8.h"
#include "crypto/crypto.h"
#include "svc/pfiling.h"

#define FIELDS_MAX	256			/* members of "fields" */
#define VALUE_MAX	(4 * 20000)		/* bytes of one value: svc checks each item */
#define KEY_MAX		64			/* bytes of a key */
#define DOC_B64_MAX	(((PFILING_DOC_MAX + 2) / 3) * 4 + 4)	/* base64 of the largest */
#define WORD_MAX	32			/* kind, outcome */
#define PROBLEMS_MAX	512			/* problems listed at once */

static const char *const problem_msgs[] = {
	"missing", "too_long", "format", "unknown", "duplicate", "encoding",
};

/* The localised sentence for a problem of an item. */
static enum msg_id
problem_msg(enum filing_problem_kind k)
{
	switch (k) {
	case FP_MISSING:
		return MSG_PF_PROB_MISSING;
	case FP_TOO_LONG:
		return MSG_PF_PROB_TOO_LONG;
	case FP_FORMAT:
		return MSG_PF_PROB_FORMAT;
	case FP_UNKNOWN:
		return MSG_PF_PROB_UNKNOWN;
	case FP_DUPLICATE:
		return MSG_PF_PROB_DUPLICATE;
	default:
		return MSG_PF_PROB_ENCODING;
	}
}

/* The refusal with every problem beside its item (problem+json "errors"). */
static enum app_err
problems(struct req *rq, const struct filing_problem *p, size_t n, const struct fault *f)
{
	size_t	i;

	for (i = 0; i < n && i < PROBLEMS_MAX; i++)
		req_field_error(rq, p[i].key, problem_msg(p[i].kind));
	return req_fault(rq, f);
}

static json_t *
text_or_null(const char *s)
{
	return s != NULL && s[0] != '\0' ? json_string(s) : json_null();
}

static json_t *
clock_json(const struct deadline_row *d)
{
	return json_pack("{s:I, s:s, s:o, s:o, s:s, s:o}",
	    "id", (json_int_t)d->id,
	    "state", deadline_state_name(d->state),
	    "basis_at", api_time(d->basis_at),
	    "due_at", api_time(d->due_at),
	    "rule", d->rule,
	    "met_at", api_time(d->met_at));
}

static json_t *
keys_json(const char *list)
{
	json_t		*a = json_array();
	struct str	 rest = str_from(list), k;

	while (rest.n > 0)
		if ((k = str_split(&rest, ',')).n > 0)
			json_array_append_new(a, json_stringn(k.p, k.n));	/* steals */
	return a;
}

static json_t *
view_json(const struct pfiling_view *v)
{
	json_t		*o, *fields = json_object(), *probs = json_array(), *docs = json_array();
	json_t		*tasks = json_array(), *events = json_array(), *items = json_array();
	json_t		*cases = json_array(), *app;
	size_t		 i;

	for (i = 0; i < v->fs->n; i++)
		json_object_set_new(fields, v->v[i].key, json_string(v->v[i].value));
	for (i = 0; i < v->nproblems; i++)
		json_array_append_new(probs, json_pack("{s:s, s:s}", "field", v->problems[i].key,
		    "problem", (unsigned)v->problems[i].kind < sizeof(problem_msgs) /
		    sizeof(problem_msgs[0]) ? problem_msgs[v->problems[i].kind] : "?"));
	for (i = 0; i < v->ndocs; i++)
		json_array_append_new(docs, v->docs[i].present ?
		    json_pack("{s:s, s:s, s:s, s:s, s:I, s:o}", "key", v->docs[i].f->key,
		    "name", v->docs[i].d.name, "media_type", v->docs[i].d.media_type,
		    "sha256", v->docs[i].d.sha256, "size", (json_int_t)v->docs[i].d.size,
		    "uploaded_at", api_time(v->docs[i].d.uploaded_at)) :
		    json_pack("{s:s, s:n}", "key", v->docs[i].f->key, "name"));
	for (i = 0; i < v->ntasks; i++)
		json_array_append_new(tasks, json_pack("{s:I, s:o, s:s, s:s, s:o, s:o, s:o}",
		    "id", (json_int_t)v->tasks[i].c.id,
		    "fields", keys_json(v->tasks[i].c.fields),
		    "change_date", v->tasks[i].c.change_date,
		    "state", v->tasks[i].c.state,
		    "application_id", text_or_null(v->tasks[i].c.application_id),
		    "created_at", api_time(v->tasks[i].c.created_at),
		    "clock", v->tasks[i].has_clock ? clock_json(&v->tasks[i].clock) :
		    json_null()));
	for (i = 0; i < v->nevents; i++)
		json_array_append_new(events, json_pack("{s:o, s:o, s:s, s:o, s:b, s:o, s:s, s:o}",
		    "at", api_time(v->events[i].at),
		    "actor", text_or_null(v->events[i].actor_login),
		    "event", v->events[i].event,
		    "kind", text_or_null(v->events[i].kind),
		    "resubmission", v->events[i].resubmission,
		    "application_id", text_or_null(v->events[i].application_id),
		    "note", v->events[i].note,
		    "delivery", v->events[i].outbox_id != 0 ?
		    json_pack("{s:s, s:i, s:o, s:o}", "status", v->events[i].delivery,
		    "attempts", v->events[i].attempts,
		    "http_status", v->events[i].http_status != 0 ?
		    json_integer(v->events[i].http_status) : json_null(),
		    "last_error", text_or_null(v->events[i].last_error)) : json_null()));
	for (i = 0; i < v->answer.nitems; i++)
		json_array_append_new(items, json_pack("{s:o, s:o, s:s}",
		    "field", text_or_null(v->answer.items[i].field),
		    "problem", text_or_null(v->answer.items[i].problem),
		    "note", v->answer.items[i].note));
	for (i = 0; i < v->ncases; i++)
		json_array_append_new(cases, json_pack("{s:s, s:s, s:s, s:o, s:o}",
		    "id", v->cases[i].id, "title", v->cases[i].title, "state", v->cases[i].state,
		    "handed_to", text_or_null(v->cases[i].handed_to),
		    "handed_at", api_time(v->cases[i].handed_at)));
	app = json_pack("{s:o, s:o, s:o, s:b, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
	    "id", text_or_null(v->r.application_id),
	    "kind", text_or_null(v->r.app_kind),
	    "state", text_or_null(v->r.app_state),
	    "manual", v->r.manual,
	    "submitted_at", api_time(v->r.submitted_at),
	    "polled_at", api_time(v->r.polled_at),
	    "review_due_at", api_time(v->answer.review_due_at),
	    "supplement_due_at", api_time(v->answer.supplement_due_at),
	    "reason", text_or_null(v->r.reason),
	    "deficiencies", items,
	    "change_date", text_or_null(v->r.change_date),
	    "changed", keys_json(v->r.changed));
	o = json_pack("{s:s, s:o, s:o, s:o, s:s, s:b, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:I, "
	    "s:o, s:o}",
	    "status", platform_filing_status_name(v->r.status),
	    "number", text_or_null(v->r.number),
	    "filed_on", text_or_null(v->r.filed_on),
	    "end_date", text_or_null(v->r.end_date),
	    "fieldset", v->fs->version,
	    "intake_open", v->intake_open,
	    "fields", fields,
	    "problems", probs,
	    "documents", docs,
	    "application", app,
	    "changes", tasks,
	    "pending_change", keys_json(v->diff),
	    "open_cases", cases,
	    "cases_not_handed_over", (json_int_t)v->cases_pending,
	    "initial_filing_clock", v->has_initial_clock ? clock_json(&v->initial_clock) :
	    json_null(),
	    "events", events);
	json_object_set_new(o, "may", json_pack("{s:b, s:b, s:b, s:b, s:b, s:b}",
	    "edit", v->can_edit, "submit", v->can_submit, "change", v->can_change,
	    "refresh", v->can_refresh, "deregister", v->can_deregister,
	    "manual", v->can_manual));
	return o;
}

/* The view after a step, or the step's fault. */
static enum app_err
answer(struct req *rq, int status)
{
	struct svc_ctx		 c = api_svc(rq);
	struct pfiling_view	 v;
	struct fault		 f = { .er = APP_OK };

	if (svc_pfiling_get(&c, &v, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, status, view_json(&v));
}

static enum app_err
get(struct req *rq)
{
	return answer(rq, 200);
}

/* An optional body: absent is no member. */
static enum app_err
body_keys(struct req *rq, const char *const *keys)
{
	return rq->json == NULL ? APP_OK : api_body_object(rq, keys);
}

static const char *const put_keys[] = { "fields", "change_date", NULL };

static enum app_err
put(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct fault		 f = { .er = APP_OK };
	struct filing_value	*in;
	struct filing_problem	*p;
	json_t			*fields, *v;
	const char		*key, *date = NULL;
	size_t			 n = 0, np, len;
	enum app_err		 er;

	if ((er = api_body_object(rq, put_keys)) != APP_OK ||
	    (er = api_str(rq, "change_date", false, 10, &date, &len)) != APP_OK)
		return er;
	fields = json_object_get(rq->json, "fields");
	if (fields != NULL && !json_is_object(fields))
		return req_fail(rq, APP_INVALID, "fields", MSG_ERR_JSON_SHAPE,
		    "expected an object");
	if (json_object_size(fields) > FIELDS_MAX)
		return req_fail(rq, APP_INVALID, "fields", MSG_ERR_FIELD_TOO_LONG);
	in = arena_calloc(rq->arena, json_object_size(fields) + 1, sizeof(*in));
	json_object_foreach(fields, key, v) {
		/* Bounded and clean here; svc names every problem of the items. */
		if (strlen(key) > KEY_MAX || !utf8_text(key, strlen(key), false))
			return req_fail(rq, APP_INVALID, "fields", MSG_ERR_FIELD_ENCODING);
		if (json_is_null(v))
			v = NULL;
		else if (!json_is_string(v))
			return req_fail(rq, APP_INVALID, key, MSG_ERR_JSON_SHAPE,
			    "expected a string");
		if (v != NULL && (json_string_length(v) > VALUE_MAX ||
		    memchr(json_string_value(v), '\0', json_string_length(v)) != NULL))
			return req_fail(rq, APP_INVALID, key, json_string_length(v) > VALUE_MAX ?
			    MSG_ERR_FIELD_TOO_LONG : MSG_ERR_FIELD_ENCODING);
		in[n].key = arena_strdup(rq->arena, key);
		in[n++].value = v != NULL ? json_string_value(v) : "";
	}
	p = arena_calloc(rq->arena, PROBLEMS_MAX, sizeof(*p));
	if (svc_pfiling_update(&c, in, n, date, p, PROBLEMS_MAX, &np, &f) != APP_OK)
		return problems(rq, p, np, &f);
	return answer(rq, 200);
}

enum { P_KEY };
static const struct param key_params[] = {
	{ "key", PARAM_TEXT, 1, KEY_MAX, true },	/* P_KEY: svc checks it is a document item */
};

static const char *const doc_keys[] = { "name", "content_base64", NULL };

static enum app_err
doc_put(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct fault		 f = { .er = APP_OK };
	struct pfiling_doc	 d;
	const char		*name = NULL, *b64 = NULL;
	unsigned char		*data;
	size_t			 len, blen;
	int			 n;
	enum app_err		 er;

	if ((er = api_body_object(rq, doc_keys)) != APP_OK ||
	    (er = api_str(rq, "name", true, 4 * PFILING_DOC_NAME_MAX, &name, &len)) != APP_OK ||
	    (er = api_str(rq, "content_base64", true, DOC_B64_MAX, &b64, &blen)) != APP_OK)
		return er;
	data = arena_alloc(rq->arena, blen / 4 * 3 + 3);
	if ((n = crypto_b64_decode(data, blen / 4 * 3 + 3, b64, blen)) < 0)
		return req_fail(rq, APP_INVALID, "content_base64", MSG_ERR_PF_BASE64);
	if (svc_pfiling_document_put(&c, req_param(rq, P_KEY)->s.p, name, data, (size_t)n, &d,
	    &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, json_pack("{s:s, s:s, s:s, s:s, s:I, s:o}",
	    "key", d.key, "name", d.name, "media_type", d.media_type, "sha256", d.sha256,
	    "size", (json_int_t)d.size, "uploaded_at", api_time(d.uploaded_at)));
}

static enum app_err
doc_get(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct fault		 f = { .er = APP_OK };
	struct pfiling_doc	 d;
	const unsigned char	*data;
	size_t			 len;

	if (svc_pfiling_document_get(&c, req_param(rq, P_KEY)->s.p, &d, &data, &len, &f) !=
	    APP_OK)
		return req_fault(rq, &f);
	/* The name was made safe when stored: no quote, no space, no control. */
	resp_header(rq, "Content-Disposition", arena_printf(rq->arena,
	    "attachment; filename=\"%s\"", strchr(d.name, '"') == NULL ? d.name : "document"));
	rq->status = 200;
	rq->ctype = arena_strdup(rq->arena, d.media_type);
	sbuf_add(&rq->out, data, len);
	return APP_OK;
}

enum { P_KIND };
static const struct param export_params[] = {
	{ "kind", PARAM_TEXT, 1, WORD_MAX, false },	/* P_KIND: initial, change, deregistration */
};

static enum app_err
export(struct req *rq)
{
	struct svc_ctx	 c = api_svc(rq);
	struct fault	 f = { .er = APP_OK };
	const char	*body;
	size_t		 len;

	if (svc_pfiling_export(&c, req_opt(rq, P_KIND), &body, &len, &f) != APP_OK)
		return req_fault(rq, &f);
	resp_header(rq, "Content-Disposition", "attachment; filename=\"filing.json\"");
	rq->status = 200;
	rq->ctype = "application/json";
	sbuf_add(&rq->out, body, len);
	return APP_OK;
}

static const char *const note_keys[] = { "note", NULL };

static enum app_err
submit_or_change(struct req *rq, bool change)
{
	struct svc_ctx		 c = api_svc(rq);
	struct fault		 f = { .er = APP_OK };
	struct filing_problem	*p;
	const char		*note = NULL;
	size_t			 np, len;
	enum app_err		 er;

	if ((er = body_keys(rq, note_keys)) != APP_OK ||
	    (er = api_str(rq, "note", false, PFILING_NOTE_MAX, &note, &len)) != APP_OK)
		return er;
	p = arena_calloc(rq->arena, PROBLEMS_MAX, sizeof(*p));
	if ((change ? svc_pfiling_change(&c, note, p, PROBLEMS_MAX, &np, &f) :
	    svc_pfiling_submit(&c, note, p, PROBLEMS_MAX, &np, &f)) != APP_OK)
		return problems(rq, p, np, &f);
	return answer(rq, 200);
}

static enum app_err
submit(struct req *rq)
{
	return submit_or_change(rq, false);
}

static enum app_err
change(struct req *rq)
{
	return submit_or_change(rq, true);
}

static const char *const dereg_keys[] = { "end_date", "note", NULL };

static enum app_err
deregister(struct req *rq)
{
	struct svc_ctx	 c = api_svc(rq);
	struct fault	 f = { .er = APP_OK };
	const char	*end = NULL, *note = NULL;
	size_t		 len;
	enum app_err	 er;

	if ((er = api_body_object(rq, dereg_keys)) != APP_OK ||
	    (er = api_str(rq, "end_date", true, 10, &end, &len)) != APP_OK ||
	    (er = api_str(rq, "note", false, PFILING_NOTE_MAX, &note, &len)) != APP_OK)
		return er;
	if (svc_pfiling_deregister(&c, end, note, &f) != APP_OK)
		return req_fault(rq, &f);
	return answer(rq, 200);
}

static const char *const handover_keys[] = { "to", "case_id", "note", NULL };

static enum app_err
handover(struct req *rq)
{
	struct svc_ctx	 c = api_svc(rq);
	struct fault	 f = { .er = APP_OK };
	const char	*to = NULL, *case_id = NULL, *note = NULL;
	size_t		 len, n;
	enum app_err	 er;

	if ((er = api_body_object(rq, handover_keys)) != APP_OK ||
	    (er = api_str(rq, "to", true, 4 * 200, &to, &len)) != APP_OK ||
	    (er = api_str(rq, "case_id", false, 64, &case_id, &len)) != APP_OK ||
	    (er = api_str(rq, "note", false, PFILING_NOTE_MAX, &note, &len)) != APP_OK)
		return er;
	if (svc_pfiling_handover(&c, to, case_id, note, &n, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, json_pack("{s:I}", "handed_over", (json_int_t)n));
}

static enum app_err
refresh(struct req *rq)
{
	struct svc_ctx	c = api_svc(rq);
	struct fault	f = { .er = APP_OK };

	if (svc_pfiling_refresh(&c, &f) != APP_OK)
		return req_fault(rq, &f);
	return answer(rq, 200);
}

static const char *const manual_keys[] = {
	"outcome", "application_id", "number", "filed_on", "note", NULL
};

static enum app_err
manual(struct req *rq)
{
	struct svc_ctx		c = api_svc(rq);
	struct fault		f = { .er = APP_OK };
	struct pfiling_manual	in;
	size_t			len;
	enum app_err		er;

	memset(&in, 0, sizeof(in));
	if ((er = api_body_object(rq, manual_keys)) != APP_OK ||
	    (er = api_str(rq, "outcome", true, WORD_MAX, &in.outcome, &len)) != APP_OK ||
	    (er = api_str(rq, "application_id", false, PFILING_ID_MAX, &in.application_id,
	    &len)) != APP_OK ||
	    (er = api_str(rq, "number", false, FILING_NUMBER_MAX, &in.number, &len)) != APP_OK ||
	    (er = api_str(rq, "filed_on", false, 10, &in.filed_on, &len)) != APP_OK ||
	    (er = api_str(rq, "note", false, PFILING_NOTE_MAX, &in.note, &len)) != APP_OK)
		return er;
	if (svc_pfiling_manual(&c, &in, &f) != APP_OK)
		return req_fault(rq, &f);
	return answer(rq, 200);
}

/* What anyone may know of this instance (R41: the 备案编号, security.txt-style). */
static enum app_err
meta(struct req *rq)
{
	const struct config	*cfg = rq->cfg;
	struct pfiling_shown	 sh;
	json_t			*o;

	o = json_pack("{s:s, s:s, s:s, s:s}",
	    "name", cfg->name,
	    "role", config_role_name(cfg->role),
	    "base_url", cfg->base_url,
	    "software", "Loudong " LOUDONG_VERSION);
	if (cfg->role == ROLE_PLATFORM) {
		svc_pfiling_shown(cfg, &sh);
		json_object_set_new(o, "filing", json_pack("{s:o, s:s, s:o, s:b, s:b}",
		    "number", text_or_null(sh.number),
		    "status", cfg->filing_number[0] != '\0' && !platform_filing_is_filed(sh.status) &&
		    sh.status != PFS_DEREGISTERED ? "filed" :
		    platform_filing_status_name(sh.status),
		    "filed_on", text_or_null(platform_filing_is_filed(sh.status) ? sh.filed_on :
		    ""),
		    "intake_open", sh.intake_open,
		    "test_installation", sh.test_install));
	}
	return resp_json(rq, 200, o);
}

const struct route api_pfiling_routes[] = {
	{ HTTP_GET, "/api/v1/meta", PERM_NONE, R_PUBLIC, NOPARAMS, meta },
	{ HTTP_GET, "/api/v1/filing", PERM_ORGS_MANAGE, 0, NOPARAMS, get },
	{ HTTP_PUT, "/api/v1/filing", PERM_ORGS_MANAGE, R_JSON, NOPARAMS, put },
	{ HTTP_GET, "/api/v1/filing/documents/{key}", PERM_ORGS_MANAGE, 0, PARAMS(key_params),
	  doc_get },
	{ HTTP_PUT, "/api/v1/filing/documents/{key}", PERM_ORGS_MANAGE, R_JSON,
	  PARAMS(key_params), doc_put },
	{ HTTP_GET, "/api/v1/filing/export", PERM_ORGS_MANAGE, 0, PARAMS(export_params),
	  export },
	{ HTTP_POST, "/api/v1/filing/submit", PERM_ORGS_MANAGE, R_JSON, NOPARAMS, submit },
	{ HTTP_POST, "/api/v1/filing/change", PERM_ORGS_MANAGE, R_JSON, NOPARAMS, change },
	{ HTTP_POST, "/api/v1/filing/deregister", PERM_ORGS_MANAGE, R_JSON, NOPARAMS,
	  deregister },
	{ HTTP_POST, "/api/v1/filing/handover", PERM_ORGS_MANAGE, R_JSON, NOPARAMS, handover },
	{ HTTP_POST, "/api/v1/filing/refresh", PERM_ORGS_MANAGE, 0, NOPARAMS, refresh },
	{ HTTP_POST, "/api/v1/filing/manual", PERM_ORGS_MANAGE, R_JSON, NOPARAMS, manual },
};
const size_t	api_pfiling_nroutes = sizeof(api_pfiling_routes) / sizeof(api_pfiling_routes[0]);
