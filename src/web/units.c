/*
 * Support units (支撑单位, issue 9; R40): the pages, registry role only
 * (404 elsewhere).
 *
 *   public	/support-units			the list by level (四星 first); R_PUBLIC
 *		/support-units/verify/{number}	a certificate's verification; R_PUBLIC
 *		/support-units/awards/{year}	the published awards; R_PUBLIC
 *		/support-units/{id}		a unit: level, standing, certificate
 *						(staff and members see more)
 *   accounts	/support-units/mine		my organisation's units, tasks, applications
 *		/support-units/apply		the application form (units_app.c)
 *		/support-units/applications/{id}	an application and its stages
 *   staff	/staff/support-units		the queue (units_staff.c)
 *
 * Every form calls the svc/ use case the API calls.
 */
#include <string.h>

#include "core/arena.h"
#include "core/calendar.h"
#include "core/config.h"
#include "core/sbuf.h"
#include "web/units_int.h"

/* --- shared (units_int.h) --- */

bool
uw_registry(const struct req *rq)
{
	return rq->cfg->role == ROLE_REGISTRY;
}

enum app_err
uw_off(struct req *rq)
{
	return req_fail(rq, APP_NOTFOUND, NULL, MSG_ERR_UNITS_OFF);
}

bool
uw_staff(const struct req *rq)
{
	return rq->user != NULL && authz_allows(rq->user->role, PERM_CASES_MANAGE);
}

void
uw_dl_msg(struct req *rq, enum msg_id term, enum msg_id value)
{
	layout_wrap(rq, "<dt>", term, "</dt><dd>");
	tmpl_msg(rq, value);
	tmpl_raw(rq, "</dd>");	/* literal */
}

void
uw_dl_i64(struct req *rq, enum msg_id term, int64_t v)
{
	layout_wrap(rq, "<dt>", term, "</dt><dd>");
	tmpl_i64(rq, v);
	tmpl_raw(rq, "</dd>");	/* literal */
}

void
uw_badge(struct req *rq, const char *tone, enum msg_id text)
{
	tmpl_raw(rq, strcmp(tone, "on") == 0 ? "<span class=\"badge badge-on\">" :
	    strcmp(tone, "warn") == 0 ? "<span class=\"badge badge-warn\">" :
	    "<span class=\"badge badge-off\">");	/* literal: one of three */
	tmpl_msg(rq, text);
	tmpl_raw(rq, "</span>");	/* literal */
}

enum msg_id
uw_status_msg(enum unit_status s)
{
	static const enum msg_id m[US__MAX] = {
		MSG_UW_ST_ACTIVE, MSG_UW_ST_SUSPENDED, MSG_UW_ST_EXPIRED, MSG_UW_ST_REVOKED,
	};

	return (unsigned)s < US__MAX ? m[s] : MSG_WEB_NONE;
}

void
uw_button_form(struct req *rq, const char *action, enum msg_id label,
    const char *const *hidden, size_t nhidden)
{
	size_t	i;

	tmpl_raw(rq, "<form class=\"inline\" method=\"post\"");	/* literal */
	tmpl_attr(rq, "action", action);
	tmpl_raw(rq, ">");	/* literal */
	tmpl_csrf(rq);
	for (i = 0; i + 1 < nhidden * 2; i += 2) {
		tmpl_raw(rq, "<input type=\"hidden\"");	/* literal */
		tmpl_attr(rq, "name", hidden[i]);
		tmpl_attr(rq, "value", hidden[i + 1]);
		tmpl_raw(rq, ">");	/* literal */
	}
	tmpl_raw(rq, "<button type=\"submit\">");	/* literal */
	tmpl_msg(rq, label);
	tmpl_raw(rq, "</button></form>");	/* literal */
}

int
uw_year(const struct req *rq)
{
	int	y, m, d;

	date_to_ymd(date_of_time(rq->now), &y, &m, &d);
	return y;
}

/* --- the public list --- */

enum { PL_TYPE };
static const struct param list_params[] = {
	{ "type", PARAM_TEXT, .max = UW_WORD_MAX },	/* PL_TYPE: a type word */
};

static void
unit_rows(struct req *rq, const struct unit_row *u, size_t n)
{
	size_t	i;

	tmpl_raw(rq, "<table class=\"list units\"><thead><tr>");	/* literal */
	layout_th(rq, MSG_UW_NAME);
	layout_th(rq, MSG_UW_TYPE);
	layout_th(rq, MSG_UW_CERTIFIED_ON);
	layout_th(rq, MSG_UW_VALID_UNTIL);
	layout_th(rq, MSG_UW_CERT_NUMBER);
	tmpl_raw(rq, "</tr></thead><tbody>");	/* literal */
	for (i = 0; i < n; i++) {
		tmpl_raw(rq, "<tr class=\"unit\"><td><a");	/* literal */
		tmpl_href(rq, arena_printf(rq->arena, "/support-units/%lld",
		    (long long)u[i].id));
		tmpl_raw(rq, ">");	/* literal */
		tmpl_text(rq, u[i].name);
		tmpl_raw(rq, "</a></td><td>");	/* literal */
		tmpl_msg(rq, unit_type_label(u[i].type));
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_text(rq, u[i].certified_on);
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_text(rq, u[i].valid_until);
		tmpl_raw(rq, "</td><td>");	/* literal */
		if (u[i].cert_number[0] != '\0')
			layout_code_link(rq, arena_printf(rq->arena, "/support-units/verify/%s",
			    u[i].cert_number), u[i].cert_number);
		tmpl_raw(rq, "</td></tr>");	/* literal */
	}
	tmpl_raw(rq, "</tbody></table>\n");	/* literal */
}

static enum app_err
list_get(struct req *rq)
{
	static const char *const words[] = { "", "technical", "governance" };
	static const enum msg_id labels[] = {
		MSG_WEB_REPORTS_ALL, MSG_UNIT_TYPE_TECHNICAL, MSG_UNIT_TYPE_GOVERNANCE,
	};
	struct svc_ctx		 c = web_ctx(rq);
	struct unit_filter	 flt;
	struct unit_row		*u;
	struct layout_control	 ctl;
	struct fault		 f = { .er = APP_OK };
	const char		*type = web_pstr(req_param(rq, PL_TYPE));
	size_t			 n, i, from;
	int			 level;
	enum app_err		 er;

	if (!uw_registry(rq))
		return uw_off(rq);
	memset(&flt, 0, sizeof(flt));
	flt.type = type[0] != '\0' ? unit_type_parse(str_from(type)) : -1;
	if (type[0] != '\0' && flt.type < 0)
		return req_fail(rq, APP_INVALID, "type", MSG_ERR_UNIT_TYPE);
	flt.status = US_ACTIVE;
	flt.announced = true;
	c.actor = NULL;
	if ((er = svc_unit_list(&c, &flt, &u, &n, &f)) != APP_OK)
		return web_fault(rq, er, &f);
	resp_html(rq, 200);
	layout_begin(rq, MSG_UW_LIST_TITLE);
	layout_wrap(rq, "<h1>", MSG_UW_LIST_TITLE, "</h1>\n<p class=\"lead\">");
	tmpl_text(rq, layout_msgf(rq, MSG_UW_LIST_INTRO, svc_library_name(rq->cfg)));
	tmpl_raw(rq, "</p>\n<form class=\"filters\" method=\"get\" "
	    "action=\"/support-units\">");	/* literal */
	ctl = layout_control_for(rq, "type", MSG_UW_TYPE, MSG_OK, false);
	layout_word_select(rq, &ctl, words, labels, 3, MSG_OK, type);
	layout_submit(rq, MSG_UW_FILTER);
	tmpl_raw(rq, "</form>\n");	/* literal */
	if (n == 0)
		layout_wrap(rq, "<p class=\"muted\">", MSG_UW_LIST_NONE, "</p>\n");
	/* By level, 四星 first (the list is ordered so). */
	for (level = 4, i = 0; level >= 1; level--) {
		for (from = i; i < n && u[i].level == level; i++)
			;
		if (i == from)
			continue;
		tmpl_raw(rq, "<section class=\"unit-level\"><h2>");	/* literal */
		tmpl_text(rq, layout_msgf(rq, MSG_UW_LEVEL_UNITS,
		    req_msg(rq, unit_level_label(level))));
		tmpl_raw(rq, "</h2>");	/* literal */
		unit_rows(rq, u + from, i - from);
		tmpl_raw(rq, "</section>\n");	/* literal */
	}
	tmpl_raw(rq, "<p class=\"links-inline\">");	/* literal */
	layout_link(rq, "/support-units/apply", MSG_UW_APPLY_LINK);
	layout_link(rq, arena_printf(rq->arena, "/support-units/awards/%d", uw_year(rq)),
	    MSG_UW_AWARDS_LINK);
	layout_link(rq, "/api/v1/support-units", MSG_UW_LIST_JSON);
	tmpl_raw(rq, "</p>\n");	/* literal */
	layout_end(rq);
	return APP_OK;
}

/* --- one unit --- */

enum { UV_ID, UV_DONE };
static const struct param unit_params[] = {
	{ "id", PARAM_I64, .min = 1, .max = INT64_MAX, .required = true },	/* UV_ID */
	{ "done", PARAM_TEXT, .max = UW_WORD_MAX },	/* UV_DONE: what was just done */
};

static void
counts_table(struct req *rq, const struct unit_counts *k)
{
	static const enum msg_id labels[] = {
		MSG_UW_C_CRITICAL, MSG_UW_C_HIGH, MSG_UW_C_MEDIUM, MSG_UW_C_LOW,
		MSG_UW_C_UNGRADED, MSG_UW_C_WARNING, MSG_UW_C_VERIFICATION, MSG_UW_C_ASSISTANCE,
	};
	const int64_t	v[] = {
		k->critical, k->high, k->medium, k->low, k->ungraded, k->warning,
		k->verification, k->assistance,
	};
	size_t		i;

	tmpl_raw(rq, "<table class=\"list unit-counts\"><tbody>");	/* literal */
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		layout_wrap(rq, "<tr><th scope=\"row\">", labels[i], "</th><td>");
		tmpl_i64(rq, v[i]);
		tmpl_raw(rq, "</td></tr>");	/* literal */
	}
	tmpl_raw(rq, "</tbody></table>\n");	/* literal */
}

static void
certs_table(struct req *rq, const struct unit_cert_row *c, size_t n)
{
	size_t	i;

	layout_wrap(rq, "<h2>", MSG_UW_CERTS, "</h2>\n");
	tmpl_raw(rq, "<table class=\"list unit-certs\"><thead><tr>");	/* literal */
	layout_th(rq, MSG_UW_CERT_NUMBER);
	layout_th(rq, MSG_UW_LEVEL);
	layout_th(rq, MSG_UW_ISSUED_ON);
	layout_th(rq, MSG_UW_VALID_UNTIL);
	layout_th(rq, MSG_UW_STATUS);
	tmpl_raw(rq, "</tr></thead><tbody>");	/* literal */
	for (i = 0; i < n; i++) {
		tmpl_raw(rq, "<tr><td>");	/* literal */
		layout_code_link(rq, arena_printf(rq->arena, "/support-units/verify/%s",
		    c[i].number), c[i].number);
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_msg(rq, unit_level_label(c[i].level));
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_text(rq, c[i].issued_on);
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_text(rq, c[i].valid_until);
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_text(rq, c[i].status);
		tmpl_raw(rq, "</td></tr>");	/* literal */
	}
	tmpl_raw(rq, "</tbody></table>\n");	/* literal */
}

static void
evals_table(struct req *rq, const struct unit_eval_row *e, size_t n)
{
	size_t	i;

	layout_wrap(rq, "<h2>", MSG_UW_EVALS, "</h2>\n");
	if (n == 0) {
		layout_wrap(rq, "<p class=\"muted\">", MSG_WEB_NONE, "</p>\n");
		return;
	}
	tmpl_raw(rq, "<table class=\"list unit-evals\"><thead><tr>");	/* literal */
	layout_th(rq, MSG_UW_PERIOD);
	layout_th(rq, MSG_UW_POINTS);
	layout_th(rq, MSG_UW_LEVEL);
	layout_th(rq, MSG_UW_EVALUATED_AT);
	tmpl_raw(rq, "</tr></thead><tbody>");	/* literal */
	for (i = 0; i < n; i++) {
		tmpl_raw(rq, "<tr><td>");	/* literal */
		tmpl_textf(rq, "%s – %s", e[i].period_from, e[i].period_to);
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_i64(rq, e[i].points);
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_textf(rq, "%s → %s", req_msg(rq, unit_level_label(e[i].level_before)),
		    req_msg(rq, unit_level_label(e[i].level_after)));
		if (e[i].below_minimum) {
			tmpl_raw(rq, " ");	/* literal */
			uw_badge(rq, "warn", MSG_UW_BELOW);
		}
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_time(rq, e[i].evaluated_at);
		tmpl_raw(rq, "</td></tr>");	/* literal */
	}
	tmpl_raw(rq, "</tbody></table>\n");	/* literal */
}

/* The tasks table; with forms for the unit's members (answer) or staff (confirm). */
static void
tasks_table(struct req *rq, const struct unit_task_row *t, size_t n, bool member, bool staff)
{
	struct layout_control	c;
	size_t			i;

	if (n == 0) {
		layout_wrap(rq, "<p class=\"muted\">", MSG_UW_TASKS_NONE, "</p>\n");
		return;
	}
	tmpl_raw(rq, "<table class=\"list unit-tasks\"><thead><tr>");	/* literal */
	layout_th(rq, MSG_UW_TASK);
	layout_th(rq, MSG_UW_TASK_KIND);
	layout_th(rq, MSG_UW_TASK_SUBJECT);
	layout_th(rq, MSG_UW_TASK_BRIEF);
	layout_th(rq, MSG_UW_STATUS);
	layout_th(rq, MSG_UW_TASK_RESULT);
	tmpl_raw(rq, "</tr></thead><tbody>");	/* literal */
	for (i = 0; i < n; i++) {
		const char	*id = arena_printf(rq->arena, "%lld", (long long)t[i].id);

		tmpl_raw(rq, "<tr class=\"unit-task\"><td>#");	/* literal */
		tmpl_text(rq, id);
		tmpl_raw(rq, " ");	/* literal */
		tmpl_text(rq, t[i].unit_name);
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_msg(rq, t[i].kind == UC_VERIFICATION ? MSG_UW_TASK_VERIFICATION :
		    MSG_UW_TASK_ASSISTANCE);
		tmpl_raw(rq, "</td><td><code>");	/* literal */
		tmpl_text(rq, t[i].subject);
		tmpl_raw(rq, "</code></td><td class=\"pre-line\">");	/* literal */
		tmpl_text(rq, t[i].brief);
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_text(rq, t[i].state);
		tmpl_raw(rq, "</td><td class=\"pre-line\">");	/* literal */
		tmpl_text(rq, t[i].result);
		if (member && strcmp(t[i].state, "assigned") == 0) {
			tmpl_raw(rq, "<form class=\"stack\" method=\"post\"");	/* literal */
			tmpl_attr(rq, "action", arena_printf(rq->arena,
			    "/support-units/tasks/%s/answer", id));
			tmpl_raw(rq, ">");	/* literal */
			tmpl_csrf(rq);
			c = layout_control_for(rq, "result", MSG_UW_TASK_RESULT, MSG_OK, false);
			c.id = arena_printf(rq->arena, "f-result-%s", id);
			layout_textarea(rq, &c, "", 3, UNIT_NOTE_MAX, true);
			layout_submit(rq, MSG_UW_TASK_ANSWER);
			tmpl_raw(rq, "</form>");	/* literal */
		}
		if (staff && strcmp(t[i].state, "done") == 0) {
			uw_button_form(rq, arena_printf(rq->arena,
			    "/staff/support-units/tasks/%s/confirm", id), MSG_UW_TASK_CONFIRM,
			    NULL, 0);
		}
		if (staff && (strcmp(t[i].state, "done") == 0 ||
		    strcmp(t[i].state, "assigned") == 0))
			uw_button_form(rq, arena_printf(rq->arena,
			    "/staff/support-units/tasks/%s/cancel", id), MSG_UW_TASK_CANCEL,
			    NULL, 0);
		tmpl_raw(rq, "</td></tr>");	/* literal */
	}
	tmpl_raw(rq, "</tbody></table>\n");	/* literal */
}

/* The staff's forms on a unit's page: evaluate, status, a task. */
static void
staff_forms(struct req *rq, const struct unit_view *v)
{
	static const char *const statuses[] = { "active", "suspended", "revoked" };
	static const enum msg_id status_labels[] = {
		MSG_UW_ST_ACTIVE, MSG_UW_ST_SUSPENDED, MSG_UW_ST_REVOKED,
	};
	static const char *const kinds[] = { "verification", "assistance" };
	static const enum msg_id kind_labels[] = {
		MSG_UW_TASK_VERIFICATION, MSG_UW_TASK_ASSISTANCE,
	};
	const char		*id = arena_printf(rq->arena, "%lld", (long long)v->u.id);
	const char *const	 hidden[] = { "unit_id", id };
	struct layout_control	 c;

	layout_wrap(rq, "<section class=\"card staff-actions\"><h2>", MSG_UW_STAFF_ACTIONS,
	    "</h2>\n");
	if (v->u.status == US_ACTIVE)
		uw_button_form(rq, "/staff/support-units/evaluate", MSG_UW_EVALUATE_ONE,
		    hidden, 1);
	tmpl_raw(rq, "<form class=\"stack\" method=\"post\"");	/* literal */
	tmpl_attr(rq, "action", arena_printf(rq->arena, "/staff/support-units/%s/status", id));
	tmpl_raw(rq, ">");	/* literal */
	tmpl_csrf(rq);
	c = layout_control_for(rq, "status", MSG_UW_STATUS, MSG_OK, false);
	layout_word_select(rq, &c, statuses, status_labels, 3, MSG_OK,
	    unit_status_name(v->u.status));
	c = layout_control_for(rq, "reason", MSG_UW_REASON, MSG_OK, false);
	layout_textarea(rq, &c, "", 3, UNIT_NOTE_MAX, true);
	layout_submit(rq, MSG_UW_STATUS_SUBMIT);
	tmpl_raw(rq, "</form>\n");	/* literal */
	if (v->u.status != US_ACTIVE) {
		tmpl_raw(rq, "</section>\n");	/* literal */
		return;
	}
	tmpl_raw(rq, "<form class=\"stack\" method=\"post\"");	/* literal */
	tmpl_attr(rq, "action", arena_printf(rq->arena, "/staff/support-units/%s/tasks", id));
	tmpl_raw(rq, ">");	/* literal */
	tmpl_csrf(rq);
	layout_wrap(rq, "<h3>", MSG_UW_TASK_ASSIGN, "</h3>");
	c = layout_control_for(rq, "kind", MSG_UW_TASK_KIND, MSG_UW_TASK_KIND_HINT, false);
	layout_word_select(rq, &c, kinds, kind_labels, 2, MSG_OK,
	    v->u.type == UNIT_TECHNICAL ? "verification" : "assistance");
	c = layout_control_for(rq, "subject", MSG_UW_TASK_SUBJECT,
	    MSG_UW_TASK_SUBJECT_HINT, false);
	layout_text_input(rq, &c, "text", "", 128, true);
	c = layout_control_for(rq, "brief", MSG_UW_TASK_BRIEF, MSG_OK, false);
	layout_textarea(rq, &c, "", 3, UNIT_NOTE_MAX, true);
	layout_submit(rq, MSG_UW_TASK_ASSIGN);
	tmpl_raw(rq, "</form>\n</section>\n");	/* literal */
}

static enum app_err
unit_get(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct unit_view	 v;
	struct fault		 f = { .er = APP_OK };
	const char		*done = web_pstr(req_param(rq, UV_DONE));
	enum app_err		 er;

	if (!uw_registry(rq))
		return uw_off(rq);
	if ((er = svc_unit_get(&c, req_param(rq, UV_ID)->i, &v, &f)) != APP_OK)
		return web_fault(rq, er, &f);
	resp_html(rq, 200);
	layout_begin(rq, MSG_UW_UNIT_TITLE);
	tmpl_raw(rq, "<h1>");	/* literal */
	tmpl_text(rq, v.u.name);
	tmpl_raw(rq, " ");	/* literal */
	uw_badge(rq, "on", unit_level_label(v.u.level));
	tmpl_raw(rq, "</h1>\n");	/* literal */
	if (done[0] != '\0')
		layout_flash_msg(rq, FLASH_OK, MSG_UW_DONE);
	tmpl_raw(rq, "<dl class=\"meta unit\">");	/* literal */
	uw_dl_msg(rq, MSG_UW_TYPE, unit_type_label(v.u.type));
	uw_dl_msg(rq, MSG_UW_LEVEL, unit_level_label(v.u.level));
	uw_dl_msg(rq, MSG_UW_STATUS, uw_status_msg(v.u.status));
	layout_dl_text(rq, MSG_UW_CERTIFIED_ON, v.u.certified_on, false);
	layout_dl_text(rq, MSG_UW_VALID_UNTIL, v.u.valid_until, false);
	layout_wrap(rq, "<dt>", MSG_UW_CERT_NUMBER, "</dt><dd>");
	if (v.u.cert_number[0] != '\0') {
		layout_code_link(rq, arena_printf(rq->arena, "/support-units/verify/%s",
		    v.u.cert_number), v.u.cert_number);
		tmpl_raw(rq, " ");	/* literal */
		layout_link(rq, arena_printf(rq->arena,
		    "/api/v1/support-units/%lld/certificate.pdf", (long long)v.u.id),
		    MSG_UW_CERT_PDF);
	} else
		layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_NONE, "</span>");
	tmpl_raw(rq, "</dd>");	/* literal */
	layout_dl_text(rq, MSG_UW_EVALUATED_ON, v.u.evaluated_on, false);
	tmpl_raw(rq, "</dl>\n");	/* literal */
	layout_wrap(rq, "<section class=\"card unit-standing\"><h2>", MSG_UW_STANDING, "</h2>");
	tmpl_raw(rq, "<p>");	/* literal */
	tmpl_text(rq, layout_msgf(rq, MSG_UW_PERIOD_OF, v.period_from, v.period_to));
	tmpl_raw(rq, "</p>");	/* literal */
	counts_table(rq, &v.counts);
	tmpl_raw(rq, "<dl class=\"meta\">");	/* literal */
	uw_dl_i64(rq, MSG_UW_POINTS, v.points);
	uw_dl_msg(rq, MSG_UW_LEVEL_FOR_POINTS, unit_level_label(v.level_for_points));
	layout_wrap(rq, "<dt>", MSG_UW_NEXT_THRESHOLD, "</dt><dd class=\"next-threshold\">");
	if (v.next_threshold >= 0)
		tmpl_text(rq, layout_msgf(rq, MSG_UW_NEXT_OF,
		    req_msg(rq, unit_level_label(v.u.level + 1)), (long long)v.next_threshold));
	else
		tmpl_msg(rq, MSG_UW_TOP_LEVEL);
	tmpl_raw(rq, "</dd></dl>");	/* literal */
	if (v.below_minimum)
		layout_flash_msg(rq, FLASH_WARN, MSG_UW_BELOW_HINT);
	tmpl_raw(rq, "</section>\n");	/* literal */
	if (v.staff || v.member) {
		certs_table(rq, v.certs, v.ncerts);
		evals_table(rq, v.evals, v.nevals);
		layout_wrap(rq, "<h2>", MSG_UW_TASKS, "</h2>\n");
		tasks_table(rq, v.tasks, v.ntasks, v.member, v.staff);
	}
	if (v.staff)
		staff_forms(rq, &v);
	tmpl_raw(rq, "<p class=\"links-inline\">");	/* literal */
	layout_link(rq, "/support-units", MSG_UW_LIST_TITLE);
	tmpl_raw(rq, "</p>\n");	/* literal */
	layout_end(rq);
	return APP_OK;
}

/* --- the verification page --- */

enum { VF_NUMBER };
static const struct param verify_params[] = {
	{ "number", PARAM_TEXT, .min = 1, .max = 63, .required = true },	/* VF_NUMBER */
};

static enum app_err
verify_get(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct unit_cert_row	 cert;
	struct fault		 f = { .er = APP_OK };
	const char		*verdict = NULL;
	enum msg_id		 vm;
	enum app_err		 er;

	if (!uw_registry(rq))
		return uw_off(rq);
	c.actor = NULL;
	er = svc_unit_cert_verify(&c, req_param(rq, VF_NUMBER)->s.p, &cert, &verdict, &f);
	if (er != APP_OK && er != APP_NOTFOUND)
		return web_fault(rq, er, &f);
	resp_html(rq, er == APP_OK ? 200 : 404);
	layout_begin(rq, MSG_UW_VERIFY_TITLE);
	layout_wrap(rq, "<h1>", MSG_UW_VERIFY_TITLE, "</h1>\n");
	if (er != APP_OK) {
		/* An unknown number is an answer too: say so plainly. */
		tmpl_raw(rq, "<div class=\"flash flash-error verify-unknown\" role=\"alert\"><p>");	/* literal */
		tmpl_text(rq, layout_msgf(rq, MSG_UW_VERIFY_UNKNOWN,
		    req_param(rq, VF_NUMBER)->s.p, svc_library_name(rq->cfg)));
		tmpl_raw(rq, "</p></div>\n");	/* literal */
		layout_end(rq);
		return APP_OK;
	}
	vm = strcmp(verdict, "valid") == 0 ? MSG_UW_VERDICT_VALID :
	    strcmp(verdict, "superseded") == 0 ? MSG_UW_VERDICT_SUPERSEDED :
	    strcmp(verdict, "revoked") == 0 ? MSG_UW_VERDICT_REVOKED : MSG_UW_VERDICT_EXPIRED;
	tmpl_raw(rq, "<p class=\"verdict\"");	/* literal */
	tmpl_attr(rq, "data-verdict", verdict);
	tmpl_raw(rq, ">");	/* literal */
	uw_badge(rq, strcmp(verdict, "valid") == 0 ? "on" : "off", vm);
	tmpl_raw(rq, "</p>\n<dl class=\"meta certificate\">");	/* literal */
	layout_wrap(rq, "<dt>", MSG_UW_CERT_NUMBER, "</dt><dd><code class=\"cert-number\">");
	tmpl_text(rq, cert.number);
	tmpl_raw(rq, "</code></dd>");	/* literal */
	layout_dl_text(rq, MSG_UW_NAME, cert.unit_name, false);
	uw_dl_msg(rq, MSG_UW_TYPE, unit_type_label(cert.type));
	uw_dl_msg(rq, MSG_UW_LEVEL, unit_level_label(cert.level));
	layout_dl_text(rq, MSG_UW_ISSUED_ON, cert.issued_on, false);
	layout_dl_text(rq, MSG_UW_VALID_UNTIL, cert.valid_until, false);
	layout_wrap(rq, "<dt>", MSG_UW_ISSUER, "</dt><dd>");
	tmpl_text(rq, rq->cfg->unit_issuer[0] != '\0' ? rq->cfg->unit_issuer :
	    svc_library_name(rq->cfg));
	tmpl_raw(rq, "</dd></dl>\n");	/* literal */
	if (strcmp(verdict, "superseded") == 0)
		layout_wrap(rq, "<p class=\"hint\">", MSG_UW_SUPERSEDED_HINT, "</p>\n");
	if (cert.announced && cert.unit_status == US_ACTIVE) {
		tmpl_raw(rq, "<p class=\"links-inline\">");	/* literal */
		layout_link(rq, arena_printf(rq->arena, "/support-units/%lld",
		    (long long)cert.unit_id), MSG_UW_UNIT_TITLE);
		tmpl_raw(rq, "</p>\n");	/* literal */
	}
	layout_end(rq);
	return APP_OK;
}

/* --- the published awards --- */

static enum app_err
awards_get(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct unit_award_row	*w;
	struct fault		 f = { .er = APP_OK };
	int			 year = (int)req_param(rq, 0)->i;
	size_t			 n, i;
	int			 last = -1;
	enum app_err		 er;

	if (!uw_registry(rq))
		return uw_off(rq);
	c.actor = NULL;
	if ((er = svc_unit_awards(&c, year, true, &w, &n, &f)) != APP_OK)
		return web_fault(rq, er, &f);
	resp_html(rq, 200);
	layout_begin(rq, MSG_UW_AWARDS_TITLE);
	tmpl_raw(rq, "<h1>");	/* literal */
	tmpl_text(rq, layout_msgf(rq, MSG_UW_AWARDS_OF, year));
	tmpl_raw(rq, "</h1>\n");	/* literal */
	if (n == 0)
		layout_wrap(rq, "<p class=\"muted\">", MSG_UW_AWARDS_NONE, "</p>\n");
	for (i = 0; i < n; i++) {
		if ((int)w[i].award != last) {
			if (last >= 0)
				tmpl_raw(rq, "</ol></section>\n");	/* literal */
			last = (int)w[i].award;
			tmpl_raw(rq, "<section class=\"award\"><h2>");	/* literal */
			tmpl_msg(rq, unit_award_label(w[i].award));
			tmpl_raw(rq, "</h2><ol>");	/* literal */
		}
		tmpl_raw(rq, "<li><a");	/* literal */
		tmpl_href(rq, arena_printf(rq->arena, "/support-units/%lld",
		    (long long)w[i].unit_id));
		tmpl_raw(rq, ">");	/* literal */
		tmpl_text(rq, w[i].unit_name);
		tmpl_raw(rq, "</a></li>");	/* literal */
	}
	if (last >= 0)
		tmpl_raw(rq, "</ol></section>\n");	/* literal */
	tmpl_raw(rq, "<p class=\"links-inline\">");	/* literal */
	layout_link(rq, "/support-units", MSG_UW_LIST_TITLE);
	tmpl_raw(rq, "</p>\n");	/* literal */
	layout_end(rq);
	return APP_OK;
}

/* --- my organisation's --- */

static enum app_err
mine_get(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct unit_row		*u;
	struct unit_task_row	*t = NULL;
	struct unit_app_row	*ap = NULL;
	struct unit_app_filter	 af;
	struct fault		 f = { .er = APP_OK };
	size_t			 n, nt = 0, na = 0, i;
	enum app_err		 er;

	if (!uw_registry(rq))
		return uw_off(rq);
	if ((er = svc_units_mine(&c, &u, &n)) != APP_OK)
		return web_fault(rq, er, &f);
	memset(&af, 0, sizeof(af));
	af.limit = 50;
	if (rq->user->org_id != 0 &&
	    (((er = svc_unit_tasks(&c, 0, NULL, &t, &nt, &f)) != APP_OK) ||
	    (!uw_staff(rq) && (er = svc_unit_app_list(&c, &af, &ap, &na, &f)) != APP_OK)))
		return web_fault(rq, er, &f);
	resp_html(rq, 200);
	layout_begin(rq, MSG_UW_MINE_TITLE);
	layout_wrap(rq, "<h1>", MSG_UW_MINE_TITLE, "</h1>\n");
	if (n == 0)
		layout_wrap(rq, "<p class=\"muted\">", MSG_UW_MINE_NONE, "</p>\n");
	else {
		tmpl_raw(rq, "<ul class=\"my-units\">");	/* literal */
		for (i = 0; i < n; i++) {
			tmpl_raw(rq, "<li><a");	/* literal */
			tmpl_href(rq, arena_printf(rq->arena, "/support-units/%lld",
			    (long long)u[i].id));
			tmpl_raw(rq, ">");	/* literal */
			tmpl_text(rq, u[i].name);
			tmpl_raw(rq, "</a> ");	/* literal */
			tmpl_msg(rq, unit_type_label(u[i].type));
			tmpl_raw(rq, " ");	/* literal */
			uw_badge(rq, "on", unit_level_label(u[i].level));
			tmpl_raw(rq, "</li>");	/* literal */
		}
		tmpl_raw(rq, "</ul>\n");	/* literal */
	}
	layout_wrap(rq, "<h2>", MSG_UW_TASKS, "</h2>\n");
	tasks_table(rq, t, nt, true, false);
	layout_wrap(rq, "<h2>", MSG_UW_APPS, "</h2>\n");
	if (na == 0)
		layout_wrap(rq, "<p class=\"muted\">", MSG_WEB_NONE, "</p>\n");
	else {
		tmpl_raw(rq, "<ul class=\"my-applications\">");	/* literal */
		for (i = 0; i < na; i++) {
			tmpl_raw(rq, "<li>");	/* literal */
			layout_code_link(rq, arena_printf(rq->arena,
			    "/support-units/applications/%s", ap[i].id), ap[i].id);
			tmpl_raw(rq, " ");	/* literal */
			tmpl_msg(rq, unit_type_label(ap[i].type));
			tmpl_raw(rq, " ");	/* literal */
			uw_badge(rq, ap[i].state == UAS_REJECTED || ap[i].state == UAS_WITHDRAWN ?
			    "off" : "on", unit_app_state_label(ap[i].state));
			tmpl_raw(rq, "</li>");	/* literal */
		}
		tmpl_raw(rq, "</ul>\n");	/* literal */
	}
	tmpl_raw(rq, "<p class=\"links-inline\">");	/* literal */
	layout_link(rq, "/support-units/apply", MSG_UW_APPLY_LINK);
	layout_link(rq, "/support-units", MSG_UW_LIST_TITLE);
	tmpl_raw(rq, "</p>\n");	/* literal */
	layout_end(rq);
	return APP_OK;
}

enum { TA_ID, TA_RESULT };
static const struct param answer_params[] = {
	{ "id", PARAM_I64, .min = 1, .max = INT64_MAX, .required = true },	/* TA_ID */
	{ "result", PARAM_MULTILINE, .max = UW_BIND_MAX },	/* TA_RESULT: svc checks */
};

static enum app_err
answer_post(struct req *rq)
{
	struct svc_ctx		c = web_ctx(rq);
	struct unit_task_row	t;
	struct fault		f = { .er = APP_OK };
	enum app_err		er;

	if (!uw_registry(rq))
		return uw_off(rq);
	if ((er = svc_unit_task_answer(&c, req_param(rq, TA_ID)->i,
	    web_pstr(req_param(rq, TA_RESULT)), &t, &f)) != APP_OK)
		return web_fault(rq, er, &f);
	return resp_redirect(rq, "/support-units/mine");
}

/*
 * The list, the verification and the awards are public documents
 * (R_PUBLIC, cached, no session).  A unit's page is read with the caller
 * (staff and members see more).  The staff's pages need the permission of
 * the registry's queues; svc/ checks again.
 */
const struct route unit_web_routes[] = {
	{ HTTP_GET, "/support-units", PERM_NONE, R_WEB | R_PUBLIC, PARAMS(list_params),
	    list_get },
	{ HTTP_GET, "/support-units/verify/{number}", PERM_NONE, R_WEB | R_PUBLIC,
	    PARAMS(verify_params), verify_get },
	{ HTTP_GET, "/support-units/awards/{year}", PERM_NONE, R_WEB | R_PUBLIC,
	    PARAMS(uw_year_params), awards_get },
	{ HTTP_GET, "/support-units/mine", PERM_ACCOUNT, R_WEB, NOPARAMS, mine_get },
	{ HTTP_GET, "/support-units/{id}", PERM_NONE, R_WEB, PARAMS(unit_params), unit_get },
	{ HTTP_POST, "/support-units/tasks/{id}/answer", PERM_ACCOUNT, R_WEB | R_FORM,
	    PARAMS(answer_params), answer_post },
	{ HTTP_GET, "/support-units/apply", PERM_ACCOUNT, R_WEB, PARAMS(uw_apply_get_params),
	    uw_apply_get },
	{ HTTP_POST, "/support-units/apply", PERM_ACCOUNT, R_WEB | R_FORM,
	    PARAMS(uw_apply_params), uw_apply_post },
	{ HTTP_GET, "/support-units/applications/{id}", PERM_ACCOUNT, R_WEB,
	    PARAMS(uw_app_params), uw_app_get },
	{ HTTP_POST, "/support-units/applications/{id}/decision", PERM_CASES_MANAGE,
	    R_WEB | R_FORM, PARAMS(uw_decide_params), uw_decide_post },
	{ HTTP_POST, "/support-units/applications/{id}/paper", PERM_CASES_MANAGE,
	    R_WEB | R_FORM, PARAMS(uw_paper_params), uw_paper_post },
	{ HTTP_POST, "/support-units/applications/{id}/withdraw", PERM_ACCOUNT, R_WEB | R_FORM,
	    PARAMS(uw_withdraw_params), uw_withdraw_post },
	{ HTTP_GET, "/staff/support-units", PERM_CASES_MANAGE, R_WEB, PARAMS(uw_queue_params),
	    uw_queue_get },
	{ HTTP_POST, "/staff/support-units/evaluate", PERM_CASES_MANAGE, R_WEB | R_FORM,
	    PARAMS(uw_evaluate_params), uw_evaluate_post },
	{ HTTP_POST, "/staff/support-units/register", PERM_CASES_MANAGE, R_WEB | R_FORM,
	    PARAMS(uw_register_params), uw_register_post },
	{ HTTP_POST, "/staff/support-units/{id}/status", PERM_CASES_MANAGE, R_WEB | R_FORM,
	    PARAMS(uw_status_params), uw_status_post },
	{ HTTP_POST, "/staff/support-units/{id}/tasks", PERM_CASES_MANAGE, R_WEB | R_FORM,
	    PARAMS(uw_assign_params), uw_assign_post },
	{ HTTP_POST, "/staff/support-units/tasks/{id}/confirm", PERM_CASES_MANAGE,
	    R_WEB | R_FORM, PARAMS(uw_id_params), uw_task_confirm_post },
	{ HTTP_POST, "/staff/support-units/tasks/{id}/cancel", PERM_CASES_MANAGE,
	    R_WEB | R_FORM, PARAMS(uw_id_params), uw_task_cancel_post },
	{ HTTP_POST, "/staff/support-units/awards/{year}/compute", PERM_CASES_MANAGE,
	    R_WEB | R_FORM, PARAMS(uw_year_params), uw_awards_compute_post },
	{ HTTP_POST, "/staff/support-units/awards/{year}/publish", PERM_CASES_MANAGE,
	    R_WEB | R_FORM, PARAMS(uw_year_params), uw_awards_publish_post },
	{ HTTP_POST, "/staff/support-units/award-candidates/{id}/confirm", PERM_CASES_MANAGE,
	    R_WEB | R_FORM, PARAMS(uw_id_params), uw_award_confirm_post },
	{ HTTP_POST, "/staff/support-units/award-candidates/{id}/dismiss", PERM_CASES_MANAGE,
	    R_WEB | R_FORM, PARAMS(uw_id_params), uw_award_dismiss_post },
};
const size_t unit_web_nroutes = sizeof(unit_web_routes) / sizeof(unit_web_routes[0]);
