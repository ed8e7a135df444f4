/*
 * Support units (支撑单位, issue 9; R40), registry role only (404 elsewhere).
 * Applications are in units_app.c; here:
 *
 *	GET  /api/v1/support-units			public: announced active units by level
 *	GET  /api/v1/support-units/criteria		public: the rating method, the declarations
 *	GET  /api/v1/support-units/{id}			public for listed units; staff, members
 *	GET  /api/v1/support-units/{id}/certificate.pdf	the certificate (a public document)
 *	GET  /api/v1/support-units/certificates/{number}	public verification
 *	GET  /api/v1/support-units/mine			the caller's organisation's units
 *	POST /api/v1/support-units			staff: register a unit by hand
 *	POST /api/v1/support-units/{id}/status		staff: suspend, revoke, reinstate
 *	POST /api/v1/support-units/evaluate		staff: star levels (one unit or all)
 *	GET  /api/v1/support-units/tasks		staff: all; members: their units'
 *	POST /api/v1/support-units/tasks		staff: assign
 *	POST /api/v1/support-units/tasks/{id}/answer	a member of the unit
 *	POST /api/v1/support-units/tasks/{id}/confirm	staff (credited)
 *	POST /api/v1/support-units/tasks/{id}/cancel	staff
 *	GET  /api/v1/support-units/awards/{year}	public: the published awards
 *	GET  /api/v1/support-units/awards/{year}/candidates	staff
 *	POST /api/v1/support-units/awards/{year}/compute	staff
 *	POST /api/v1/support-units/awards/{year}/publish	staff
 *	POST /api/v1/support-units/award-candidates/{id}/confirm	staff
 *	POST /api/v1/support-units/award-candidates/{id}/dismiss	staff
 */
#include <string.h>

#include "api/units_int.h"
#include "core/arena.h"
#include "core/config.h"
#include "office/certificate.h"

#define WORD_MAX	64
#define TEXT_MAX	(4 * UNIT_NOTE_MAX)

enum app_err
units_api_off(struct req *rq)
{
	return req_fail(rq, APP_NOTFOUND, NULL, MSG_ERR_UNITS_OFF);
}

static json_t *
text_or_null(const char *s)
{
	return s != NULL && s[0] != '\0' ? json_string(s) : json_null();
}

json_t *
units_api_unit(const struct unit_row *u)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:i, s:s, s:s, s:s, s:o, s:o, s:o, s:o}",
	    "id", (json_int_t)u->id,
	    "name", u->name,
	    "org", u->org_slug,
	    "type", unit_type_name(u->type),
	    "level", u->level,
	    "level_label", msg(LANG_ZH, unit_level_label(u->level)),
	    "status", unit_status_name(u->status),
	    "certified_on", u->certified_on,
	    "valid_until", text_or_null(u->valid_until),
	    "certificate", text_or_null(u->cert_number),
	    "evaluated_on", text_or_null(u->evaluated_on),
	    "announced_at", api_time(u->announced_at));
}

static json_t *
counts_json(const struct unit_counts *k)
{
	return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}",
	    "critical", (json_int_t)k->critical, "high", (json_int_t)k->high,
	    "medium", (json_int_t)k->medium, "low", (json_int_t)k->low,
	    "ungraded", (json_int_t)k->ungraded, "warning", (json_int_t)k->warning,
	    "verification", (json_int_t)k->verification,
	    "assistance", (json_int_t)k->assistance);
}

static json_t *
cert_json(const struct unit_cert_row *c)
{
	return json_pack("{s:s, s:I, s:s, s:s, s:i, s:s, s:s, s:s}",
	    "number", c->number,
	    "unit_id", (json_int_t)c->unit_id,
	    "unit_name", c->unit_name,
	    "type", unit_type_name(c->type),
	    "level", c->level,
	    "issued_on", c->issued_on,
	    "valid_until", c->valid_until,
	    "status", c->status);
}

static json_t *
task_json(const struct unit_task_row *t)
{
	return json_pack("{s:I, s:I, s:s, s:s, s:s, s:o, s:s, s:s, s:o, s:o, s:o, s:o}",
	    "id", (json_int_t)t->id,
	    "unit_id", (json_int_t)t->unit_id,
	    "unit_name", t->unit_name,
	    "kind", unit_contrib_name(t->kind),
	    "subject", t->subject,
	    "grade", text_or_null(t->grade),
	    "state", t->state,
	    "brief", t->brief,
	    "result", text_or_null(t->result),
	    "assigned_at", api_time(t->assigned_at),
	    "done_at", api_time(t->done_at),
	    "confirmed_at", api_time(t->confirmed_at));
}

static json_t *
award_json(const struct unit_award_row *w)
{
	return json_pack("{s:I, s:i, s:s, s:s, s:I, s:s, s:s, s:i, s:I, s:i, s:s, s:o}",
	    "id", (json_int_t)w->id,
	    "year", w->year,
	    "award", unit_award_name(w->award),
	    "award_label", msg(LANG_ZH, unit_award_label(w->award)),
	    "unit_id", (json_int_t)w->unit_id,
	    "unit_name", w->unit_name,
	    "type", unit_type_name(w->type),
	    "level", w->level,
	    "metric", (json_int_t)w->metric,
	    "rank", w->rank,
	    "state", w->state,
	    "published_at", api_time(w->published_at));
}

/* --- public reads --- */

enum { L_TYPE, L_LEVEL };
static const struct param list_params[] = {
	{ "type", PARAM_TEXT, 1, 16, false },	/* L_TYPE */
	{ "level", PARAM_I64, 1, 4, false },	/* L_LEVEL: this level and above */
};

static enum app_err
list(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct unit_filter	 flt;
	struct unit_row		*u;
	struct fault		 f = { .er = APP_OK };
	const char		*type = req_opt(rq, L_TYPE);
	json_t			*items;
	size_t			 n, i;

	if (rq->cfg->role != ROLE_REGISTRY)
		return units_api_off(rq);
	memset(&flt, 0, sizeof(flt));
	flt.type = -1;
	flt.status = US_ACTIVE;
	flt.announced = true;
	if (type != NULL && (flt.type = unit_type_parse(str_from(type))) < 0)
		return req_fail(rq, APP_INVALID, "type", MSG_ERR_UNIT_TYPE);
	flt.min_level = req_param(rq, L_LEVEL)->present ? (int)req_param(rq, L_LEVEL)->i : 0;
	/* A public read: the same answer for everyone (no per-user content). */
	c.actor = NULL;
	if (svc_unit_list(&c, &flt, &u, &n, &f) != APP_OK)
		return req_fault(rq, &f);
	items = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(items, units_api_unit(&u[i]));	/* steals */
	return resp_json(rq, 200, json_pack("{s:s, s:o}", "library",
	    svc_library_name(rq->cfg), "items", items));
}

static enum app_err
criteria(struct req *rq)
{
	const struct unit_criteria	*cs;
	json_t				*items, *decl;
	size_t				 i;

	if (rq->cfg->role != ROLE_REGISTRY)
		return units_api_off(rq);
	cs = svc_units_criteria();
	items = json_array();
	for (i = 0; i < cs->n; i++)
		json_array_append_new(items, json_pack("{s:s, s:s, s:i, s:s, s:s}",
		    "key", cs->c[i].key,
		    "type", cs->c[i].type < 0 ? "any" :
		    unit_type_name((enum unit_type)cs->c[i].type),
		    "max", cs->c[i].max,
		    "label_zh", cs->c[i].zh,
		    "label_en", cs->c[i].en));	/* steals */
	decl = json_array();
	for (i = 0; i < UNIT_DECLARATIONS; i++)
		json_array_append_new(decl, json_pack("{s:s, s:s}",
		    "zh", msg(LANG_ZH, unit_declaration_text((int)i)),
		    "en", msg(LANG_EN, unit_declaration_text((int)i))));	/* steals */
	return resp_json(rq, 200, json_pack("{s:s, s:o, s:o}", "version", cs->version,
	    "criteria", items, "declarations", decl));
}

enum { U_ID };
static const struct param unit_params[] = {
	{ "id", PARAM_I64, 1, INT64_MAX, true },	/* U_ID */
};

static enum app_err
get_one(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct unit_view	 v;
	struct fault		 f = { .er = APP_OK };
	json_t			*o, *a;
	size_t			 i;

	if (rq->cfg->role != ROLE_REGISTRY)
		return units_api_off(rq);
	if (svc_unit_get(&c, req_param(rq, U_ID)->i, &v, &f) != APP_OK)
		return req_fault(rq, &f);
	o = units_api_unit(&v.u);
	json_object_set_new(o, "standing", json_pack("{s:s, s:s, s:o, s:I, s:i, s:o, s:b}",
	    "period_from", v.period_from,
	    "period_to", v.period_to,
	    "counts", counts_json(&v.counts),
	    "points", (json_int_t)v.points,
	    "level_for_points", v.level_for_points,
	    "next_threshold", v.next_threshold >= 0 ? json_integer(v.next_threshold) :
	    json_null(),
	    "below_minimum", v.below_minimum));
	if (v.staff || v.member) {
		a = json_array();
		for (i = 0; i < v.ncerts; i++)
			json_array_append_new(a, cert_json(&v.certs[i]));	/* steals */
		json_object_set_new(o, "certificates", a);
		a = json_array();
		for (i = 0; i < v.nevals; i++)
			json_array_append_new(a, json_pack("{s:s, s:s, s:I, s:i, s:i, s:b, s:o}",
			    "period_from", v.evals[i].period_from,
			    "period_to", v.evals[i].period_to,
			    "points", (json_int_t)v.evals[i].points,
			    "level_before", v.evals[i].level_before,
			    "level_after", v.evals[i].level_after,
			    "below_minimum", v.evals[i].below_minimum,
			    "evaluated_at", api_time(v.evals[i].evaluated_at)));	/* steals */
		json_object_set_new(o, "evaluations", a);
		a = json_array();
		for (i = 0; i < v.ntasks; i++)
			json_array_append_new(a, task_json(&v.tasks[i]));	/* steals */
		json_object_set_new(o, "tasks", a);
	}
	return resp_json(rq, 200, o);
}

static enum app_err
certificate_pdf(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct unit_cert_row	 cert;
	struct sbuf		 cd;
	struct fault		 f = { .er = APP_OK };
	const unsigned char	*pdf;
	size_t			 len;

	if (rq->cfg->role != ROLE_REGISTRY)
		return units_api_off(rq);
	if (svc_unit_certificate_pdf(&c, req_param(rq, U_ID)->i, &cert, &pdf, &len, &f) !=
	    APP_OK)
		return req_fault(rq, &f);
	rq->status = 200;
	rq->ctype = "application/pdf";
	sbuf_add(&rq->out, pdf, len);
	sbuf_init(&cd, rq->arena, 256);
	sbuf_addf(&cd, "inline; filename=\"certificate-%s.pdf\"", cert.number);
	resp_header(rq, "Content-Disposition", cd.buf);
	return APP_OK;
}

enum { V_NUMBER };
static const struct param verify_params[] = {
	{ "number", PARAM_TEXT, 1, 63, true },	/* V_NUMBER */
};

static enum app_err
verify(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct unit_cert_row	 cert;
	struct fault		 f = { .er = APP_OK };
	const char		*verdict;
	json_t			*o;

	if (rq->cfg->role != ROLE_REGISTRY)
		return units_api_off(rq);
	c.actor = NULL;
	if (svc_unit_cert_verify(&c, req_param(rq, V_NUMBER)->s.p, &cert, &verdict, &f) !=
	    APP_OK)
		return req_fault(rq, &f);
	o = cert_json(&cert);
	json_object_set_new(o, "verdict", json_string(verdict));
	json_object_set_new(o, "library", json_string(svc_library_name(rq->cfg)));
	return resp_json(rq, 200, o);
}

static enum app_err
mine(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct unit_row		*u;
	struct unit_task_row	*t;
	struct unit_app_row	*ap;
	struct unit_app_filter	 af;
	struct fault		 f = { .er = APP_OK };
	json_t			*units, *tasks, *apps;
	size_t			 n, nt, na, i;

	if (rq->cfg->role != ROLE_REGISTRY)
		return units_api_off(rq);
	if (svc_units_mine(&c, &u, &n) != APP_OK)
		return req_fail(rq, APP_STORE, NULL, MSG_ERR_STORE);
	memset(&af, 0, sizeof(af));
	af.org_id = rq->user->org_id;
	af.limit = 50;
	nt = na = 0;
	t = NULL;
	ap = NULL;
	if (rq->user->org_id != 0 &&
	    ((n > 0 && svc_unit_tasks(&c, 0, NULL, &t, &nt, &f) != APP_OK) ||
	    (!svc_is_staff(&c) && svc_unit_app_list(&c, &af, &ap, &na, &f) != APP_OK)))
		return req_fault(rq, &f);
	units = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(units, units_api_unit(&u[i]));	/* steals */
	tasks = json_array();
	for (i = 0; i < nt; i++)
		json_array_append_new(tasks, task_json(&t[i]));	/* steals */
	apps = json_array();
	for (i = 0; i < na; i++)
		json_array_append_new(apps, units_api_app_row(&ap[i]));	/* steals */
	return resp_json(rq, 200, json_pack("{s:o, s:o, s:o}", "units", units, "tasks", tasks,
	    "applications", apps));
}

/* --- staff: units --- */

static const char *const register_keys[] = {
	"org", "type", "level", "certified_on", "name", "announce", NULL
};

static enum app_err
register_unit(struct req *rq)
{
	struct svc_ctx		c = api_svc(rq);
	struct unit_register	in;
	struct unit_row		u;
	struct fault		f = { .er = APP_OK };
	json_t			*lv;
	size_t			len;
	enum app_err		er;

	if (rq->cfg->role != ROLE_REGISTRY)
		return units_api_off(rq);
	memset(&in, 0, sizeof(in));
	if ((er = api_body_object(rq, register_keys)) != APP_OK ||
	    (er = api_str(rq, "org", true, WORD_MAX, &in.org, &len)) != APP_OK ||
	    (er = api_str(rq, "type", true, WORD_MAX, &in.type, &len)) != APP_OK ||
	    (er = api_str(rq, "certified_on", true, WORD_MAX, &in.certified_on, &len)) !=
	    APP_OK ||
	    (er = api_str(rq, "name", false, 1024, &in.name, &len)) != APP_OK ||
	    (er = api_bool(rq, "announce", &in.announce)) != APP_OK)
		return er;
	lv = json_object_get(rq->json, "level");
	if (lv == NULL || !json_is_integer(lv))
		return req_fail(rq, APP_INVALID, "level", MSG_ERR_UNIT_LEVEL);
	in.level = json_integer_value(lv);
	if (svc_unit_register(&c, &in, &u, &f) != APP_OK)
		return req_fault(rq, &f);
	resp_header(rq, "Location", arena_printf(rq->arena, "/api/v1/support-units/%lld",
	    (long long)u.id));
	return resp_json(rq, 201, units_api_unit(&u));
}

static const char *const status_keys[] = { "status", "reason", NULL };

static enum app_err
set_status(struct req *rq)
{
	struct svc_ctx	 c = api_svc(rq);
	struct unit_row	 u;
	struct fault	 f = { .er = APP_OK };
	const char	*status = NULL, *reason = NULL;
	size_t		 len;
	enum app_err	 er;

	if (rq->cfg->role != ROLE_REGISTRY)
		return units_api_off(rq);
	if ((er = api_body_object(rq, status_keys)) != APP_OK ||
	    (er = api_str(rq, "status", true, WORD_MAX, &status, &len)) != APP_OK ||
	    (er = api_str(rq, "reason", false, TEXT_MAX, &reason, &len)) != APP_OK)
		return er;
	if (svc_unit_set_status(&c, req_param(rq, U_ID)->i, status, reason, &u, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, units_api_unit(&u));
}

static const char *const evaluate_keys[] = { "unit_id", "as_of", NULL };

static enum app_err
evaluate(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct unit_eval_result	*r;
	struct fault		 f = { .er = APP_OK };
	const char		*as_of = NULL;
	json_t			*uid, *items;
	int64_t			 unit_id = 0;
	size_t			 n, i, len;
	enum app_err		 er;

	if (rq->cfg->role != ROLE_REGISTRY)
		return units_api_off(rq);
	if ((er = api_body_object(rq, evaluate_keys)) != APP_OK ||
	    (er = api_str(rq, "as_of", false, WORD_MAX, &as_of, &len)) != APP_OK)
		return er;
	uid = json_object_get(rq->json, "unit_id");
	if (uid != NULL && !json_is_null(uid)) {
		if (!json_is_integer(uid) || json_integer_value(uid) < 1)
			return req_fail(rq, APP_INVALID, "unit_id", MSG_ERR_FIELD_NUMBER);
		unit_id = json_integer_value(uid);
	}
	if (svc_units_evaluate(&c, unit_id, as_of, false, &r, &n, &f) != APP_OK)
		return req_fault(rq, &f);
	items = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(items, json_pack("{s:I, s:s, s:o, s:I, s:i, s:i, s:b, s:o}",
		    "unit_id", (json_int_t)r[i].unit_id,
		    "name", r[i].name,
		    "counts", counts_json(&r[i].counts),
		    "points", (json_int_t)r[i].points,
		    "level_before", r[i].level_before,
		    "level_after", r[i].level_after,
		    "below_minimum", r[i].below_minimum,
		    "certificate", text_or_null(r[i].cert_number)));	/* steals */
	return resp_json(rq, 200, json_pack("{s:o}", "items", items));
}

/* --- tasks --- */

enum { T_UNIT, T_STATE };
static const struct param tasks_params[] = {
	{ "unit_id", PARAM_I64, 1, INT64_MAX, false },	/* T_UNIT */
	{ "state", PARAM_TEXT, 1, 16, false },		/* T_STATE */
};

static enum app_err
tasks(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct unit_task_row	*t;
	struct fault		 f = { .er = APP_OK };
	json_t			*items;
	size_t			 n, i;

	if (rq->cfg->role != ROLE_REGISTRY)
		return units_api_off(rq);
	if (svc_unit_tasks(&c, req_param(rq, T_UNIT)->i, req_opt(rq, T_STATE), &t, &n, &f) !=
	    APP_OK)
		return req_fault(rq, &f);
	items = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(items, task_json(&t[i]));	/* steals */
	return resp_json(rq, 200, json_pack("{s:o}", "items", items));
}

static const char *const assign_keys[] = { "unit_id", "kind", "subject", "brief", NULL };

static enum app_err
task_assign(struct req *rq)
{
	struct svc_ctx		c = api_svc(rq);
	struct unit_task_new	in;
	struct unit_task_row	t;
	struct fault		f = { .er = APP_OK };
	json_t			*uid;
	size_t			len;
	enum app_err		er;

	if (rq->cfg->role != ROLE_REGISTRY)
		return units_api_off(rq);
	memset(&in, 0, sizeof(in));
	if ((er = api_body_object(rq, assign_keys)) != APP_OK ||
	    (er = api_str(rq, "kind", true, WORD_MAX, &in.kind, &len)) != APP_OK ||
	    (er = api_str(rq, "subject", true, 128, &in.subject, &len)) != APP_OK ||
	    (er = api_str(rq, "brief", false, TEXT_MAX, &in.brief, &len)) != APP_OK)
		return er;
	uid = json_object_get(rq->json, "unit_id");
	if (uid == NULL || !json_is_integer(uid) || json_integer_value(uid) < 1)
		return req_fail(rq, APP_INVALID, "unit_id", MSG_ERR_FIELD_NUMBER);
	in.unit_id = json_integer_value(uid);
	if (svc_unit_task_assign(&c, &in, &t, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 201, task_json(&t));
}

static const char *const answer_keys[] = { "result", NULL };
static const char *const no_keys[] = { NULL };

static enum app_err
task_answer(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct unit_task_row	 t;
	struct fault		 f = { .er = APP_OK };
	const char		*result = NULL;
	size_t			 len;
	enum app_err		 er;

	if (rq->cfg->role != ROLE_REGISTRY)
		return units_api_off(rq);
	if ((er = api_body_object(rq, answer_keys)) != APP_OK ||
	    (er = api_str(rq, "result", false, TEXT_MAX, &result, &len)) != APP_OK)
		return er;
	if (svc_unit_task_answer(&c, req_param(rq, U_ID)->i, result, &t, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, task_json(&t));
}

static enum app_err
task_confirm(struct req *rq)
{
	struct svc_ctx		c = api_svc(rq);
	struct unit_task_row	t;
	struct fault		f = { .er = APP_OK };
	enum app_err		er;

	if (rq->cfg->role != ROLE_REGISTRY)
		return units_api_off(rq);
	if ((er = api_body_object(rq, no_keys)) != APP_OK)
		return er;
	if (svc_unit_task_confirm(&c, req_param(rq, U_ID)->i, &t, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, task_json(&t));
}

static enum app_err
task_cancel(struct req *rq)
{
	struct svc_ctx		c = api_svc(rq);
	struct unit_task_row	t;
	struct fault		f = { .er = APP_OK };
	enum app_err		er;

	if (rq->cfg->role != ROLE_REGISTRY)
		return units_api_off(rq);
	if ((er = api_body_object(rq, no_keys)) != APP_OK)
		return er;
	if (svc_unit_task_cancel(&c, req_param(rq, U_ID)->i, &t, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, task_json(&t));
}

/* --- awards --- */

enum { Y_YEAR };
static const struct param year_params[] = {
	{ "year", PARAM_I64, 2000, 9999, true },	/* Y_YEAR */
};

static json_t *
awards_json(struct req *rq, int year, const struct unit_award_row *w, size_t n)
{
	json_t	*items = json_array();
	size_t	 i;

	for (i = 0; i < n; i++)
		json_array_append_new(items, award_json(&w[i]));	/* steals */
	return json_pack("{s:i, s:s, s:o}", "year", year, "library",
	    svc_library_name(rq->cfg), "items", items);
}

static enum app_err
awards_public(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct unit_award_row	*w;
	struct fault		 f = { .er = APP_OK };
	int			 year = (int)req_param(rq, Y_YEAR)->i;
	size_t			 n;

	if (rq->cfg->role != ROLE_REGISTRY)
		return units_api_off(rq);
	c.actor = NULL;
	if (svc_unit_awards(&c, year, true, &w, &n, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, awards_json(rq, year, w, n));
}

static enum app_err
awards_candidates(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct unit_award_row	*w;
	struct fault		 f = { .er = APP_OK };
	int			 year = (int)req_param(rq, Y_YEAR)->i;
	size_t			 n;

	if (rq->cfg->role != ROLE_REGISTRY)
		return units_api_off(rq);
	if (svc_unit_awards(&c, year, false, &w, &n, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, awards_json(rq, year, w, n));
}

static enum app_err
awards_compute(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct unit_award_row	*w;
	struct fault		 f = { .er = APP_OK };
	int			 year = (int)req_param(rq, Y_YEAR)->i;
	size_t			 n;
	enum app_err		 er;

	if (rq->cfg->role != ROLE_REGISTRY)
		return units_api_off(rq);
	if ((er = api_body_object(rq, no_keys)) != APP_OK)
		return er;
	if (svc_unit_awards_compute(&c, year, &w, &n, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, awards_json(rq, year, w, n));
}

static enum app_err
awards_publish(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct unit_award_row	*w;
	struct fault		 f = { .er = APP_OK };
	int			 year = (int)req_param(rq, Y_YEAR)->i;
	int64_t			 published;
	size_t			 n;
	enum app_err		 er;
	json_t			*o;

	if (rq->cfg->role != ROLE_REGISTRY)
		return units_api_off(rq);
	if ((er = api_body_object(rq, no_keys)) != APP_OK)
		return er;
	if (svc_unit_awards_publish(&c, year, &published, &f) != APP_OK ||
	    svc_unit_awards(&c, year, true, &w, &n, &f) != APP_OK)
		return req_fault(rq, &f);
	o = awards_json(rq, year, w, n);
	json_object_set_new(o, "published", json_integer(published));
	return resp_json(rq, 200, o);
}

static enum app_err
award_decide(struct req *rq, bool confirm)
{
	struct svc_ctx		c = api_svc(rq);
	struct unit_award_row	w;
	struct fault		f = { .er = APP_OK };
	enum app_err		er;

	if (rq->cfg->role != ROLE_REGISTRY)
		return units_api_off(rq);
	if ((er = api_body_object(rq, no_keys)) != APP_OK)
		return er;
	if (svc_unit_award_decide(&c, req_param(rq, U_ID)->i, confirm, &w, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, award_json(&w));
}

static enum app_err
award_confirm(struct req *rq)
{
	return award_decide(rq, true);
}

static enum app_err
award_dismiss(struct req *rq)
{
	return award_decide(rq, false);
}

/*
 * The list, the rating method, the verification and the published awards
 * are public documents (cached); a unit's page and its certificate are
 * public for listed units and more for staff and members, so they are
 * read with the caller.  Staff steps carry the staff permission; svc/
 * checks it again with the rest.
 */
const struct route api_unit_routes[] = {
	{ HTTP_GET, "/api/v1/support-units", PERM_NONE, R_PUBLIC, PARAMS(list_params), list },
	{ HTTP_POST, "/api/v1/support-units", PERM_CASES_MANAGE, R_JSON, NOPARAMS,
	  register_unit },
	{ HTTP_GET, "/api/v1/support-units/criteria", PERM_NONE, R_PUBLIC, NOPARAMS, criteria },
	{ HTTP_GET, "/api/v1/support-units/mine", PERM_ACCOUNT, 0, NOPARAMS, mine },
	{ HTTP_GET, "/api/v1/support-units/{id}", PERM_NONE, 0, PARAMS(unit_params), get_one },
	{ HTTP_GET, "/api/v1/support-units/{id}/certificate.pdf", PERM_NONE, 0,
	  PARAMS(unit_params), certificate_pdf },
	{ HTTP_POST, "/api/v1/support-units/{id}/status", PERM_CASES_MANAGE, R_JSON,
	  PARAMS(unit_params), set_status },
	{ HTTP_GET, "/api/v1/support-units/certificates/{number}", PERM_NONE, R_PUBLIC,
	  PARAMS(verify_params), verify },
	{ HTTP_POST, "/api/v1/support-units/evaluate", PERM_CASES_MANAGE, R_JSON, NOPARAMS,
	  evaluate },
	{ HTTP_POST, "/api/v1/support-units/applications", PERM_ACCOUNT, R_JSON, NOPARAMS,
	  units_api_apply },
	{ HTTP_GET, "/api/v1/support-units/applications", PERM_ACCOUNT, 0,
	  PARAMS(units_api_app_list_params), units_api_app_list },
	{ HTTP_GET, "/api/v1/support-units/applications/{id}", PERM_ACCOUNT, 0,
	  PARAMS(units_api_app_params), units_api_app_get },
	{ HTTP_POST, "/api/v1/support-units/applications/{id}/decision", PERM_CASES_MANAGE,
	  R_JSON, PARAMS(units_api_app_params), units_api_app_decide },
	{ HTTP_POST, "/api/v1/support-units/applications/{id}/paper", PERM_CASES_MANAGE, R_JSON,
	  PARAMS(units_api_app_params), units_api_app_paper },
	{ HTTP_POST, "/api/v1/support-units/applications/{id}/withdraw", PERM_ACCOUNT, R_JSON,
	  PARAMS(units_api_app_params), units_api_app_withdraw },
	{ HTTP_GET, "/api/v1/support-units/applications/{id}/documents/{doc}", PERM_ACCOUNT, 0,
	  PARAMS(units_api_doc_params), units_api_app_doc },
	{ HTTP_GET, "/api/v1/support-units/tasks", PERM_ACCOUNT, 0, PARAMS(tasks_params),
	  tasks },
	{ HTTP_POST, "/api/v1/support-units/tasks", PERM_CASES_MANAGE, R_JSON, NOPARAMS,
	  task_assign },
	{ HTTP_POST, "/api/v1/support-units/tasks/{id}/answer", PERM_ACCOUNT, R_JSON,
	  PARAMS(unit_params), task_answer },
	{ HTTP_POST, "/api/v1/support-units/tasks/{id}/confirm", PERM_CASES_MANAGE, R_JSON,
	  PARAMS(unit_params), task_confirm },
	{ HTTP_POST, "/api/v1/support-units/tasks/{id}/cancel", PERM_CASES_MANAGE, R_JSON,
	  PARAMS(unit_params), task_cancel },
	{ HTTP_GET, "/api/v1/support-units/awards/{year}", PERM_NONE, R_PUBLIC,
	  PARAMS(year_params), awards_public },
	{ HTTP_GET, "/api/v1/support-units/awards/{year}/candidates", PERM_CASES_MANAGE, 0,
	  PARAMS(year_params), awards_candidates },
	{ HTTP_POST, "/api/v1/support-units/awards/{year}/compute", PERM_CASES_MANAGE, R_JSON,
	  PARAMS(year_params), awards_compute },
	{ HTTP_POST, "/api/v1/support-units/awards/{year}/publish", PERM_CASES_MANAGE, R_JSON,
	  PARAMS(year_params), awards_publish },
	{ HTTP_POST, "/api/v1/support-units/award-candidates/{id}/confirm", PERM_CASES_MANAGE,
	  R_JSON, PARAMS(unit_params), award_confirm },
	{ HTTP_POST, "/api/v1/support-units/award-candidates/{id}/dismiss", PERM_CASES_MANAGE,
	  R_JSON, PARAMS(unit_params), award_dismiss },
};
const size_t api_unit_nroutes = sizeof(api_unit_routes) / sizeof(api_unit_routes[0]);
