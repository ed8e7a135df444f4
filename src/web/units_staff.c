/*
 * The staff's support-unit queue (/staff/support-units): the applications
 * by stage, every unit, the tasks waiting for confirmation, the star-level
 * evaluation, the year's award candidates, and registering a unit
 * certified before Loudong.  Each form calls the svc/ use case the API
 * calls and answers with a redirect (POST-redirect-GET); a refusal gets
 * the error page, which names its rule.
 */
#include <string.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/parse.h"
#include "web/units_int.h"

enum { Q_YEAR, Q_DONE };
const struct param uw_queue_params[2] = {
	[Q_YEAR] = { "year", PARAM_I64, .min = 2000, .max = 9999 },	/* the awards' year */
	[Q_DONE] = { "done", PARAM_TEXT, .max = UW_WORD_MAX },	/* what was just done */
};

const struct param uw_evaluate_params[2] = {
	{ "as_of", PARAM_TEXT, .max = UW_WORD_MAX },	/* YYYY-MM-DD, svc checks */
	{ "unit_id", PARAM_I64, .min = 1, .max = INT64_MAX },	/* one unit; none: all */
};

enum { R_ORG, R_TYPE, R_LEVEL, R_CERTIFIED, R_NAME, R_ANNOUNCE };
const struct param uw_register_params[6] = {
	[R_ORG] = { "org", PARAM_TEXT, .max = UW_WORD_MAX },
	[R_TYPE] = { "type", PARAM_TEXT, .max = UW_WORD_MAX },
	[R_LEVEL] = { "level", PARAM_I64, .min = 1, .max = 4 },
	[R_CERTIFIED] = { "certified_on", PARAM_TEXT, .max = UW_WORD_MAX },
	[R_NAME] = { "name", PARAM_TEXT, .max = UNIT_NAME_MAX },
	[R_ANNOUNCE] = { "announce", PARAM_BOOL },
};

const struct param uw_status_params[3] = {
	{ "id", PARAM_I64, .min = 1, .max = INT64_MAX, .required = true },
	{ "status", PARAM_TEXT, .max = UW_WORD_MAX },
	{ "reason", PARAM_MULTILINE, .max = UW_BIND_MAX },
};

const struct param uw_assign_params[4] = {
	{ "id", PARAM_I64, .min = 1, .max = INT64_MAX, .required = true },	/* the unit */
	{ "kind", PARAM_TEXT, .max = UW_WORD_MAX },
	{ "subject", PARAM_TEXT, .max = 128 },
	{ "brief", PARAM_MULTILINE, .max = UW_BIND_MAX },
};

const struct param uw_id_params[1] = {
	{ "id", PARAM_I64, .min = 1, .max = INT64_MAX, .required = true },
};

const struct param uw_year_params[1] = {
	{ "year", PARAM_I64, .min = 2000, .max = 9999, .required = true },
};

static void
apps_table(struct req *rq, const struct unit_app_row *a, size_t n)
{
	size_t	i;

	layout_wrap(rq, "<h2>", MSG_UW_QUEUE_APPS, "</h2>\n");
	if (n == 0) {
		layout_wrap(rq, "<p class=\"muted\">", MSG_WEB_NONE, "</p>\n");
		return;
	}
	tmpl_raw(rq, "<table class=\"list unit-apps\"><thead><tr>");	/* literal */
	layout_th(rq, MSG_UW_APP);
	layout_th(rq, MSG_UW_TYPE);
	layout_th(rq, MSG_UW_F_NAME);
	layout_th(rq, MSG_UW_STATE);
	layout_th(rq, MSG_UW_PAPER_ON);
	layout_th(rq, MSG_UW_SUBMITTED_AT);
	tmpl_raw(rq, "</tr></thead><tbody>");	/* literal */
	for (i = 0; i < n; i++) {
		tmpl_raw(rq, "<tr><td>");	/* literal */
		layout_code_link(rq, arena_printf(rq->arena, "/support-units/applications/%s",
		    a[i].id), a[i].id);
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_msg(rq, unit_type_label(a[i].type));
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_text(rq, a[i].unit_name);
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_msg(rq, unit_app_state_label(a[i].state));
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_text(rq, a[i].paper_received_on);
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_time(rq, a[i].submitted_at);
		tmpl_raw(rq, "</td></tr>");	/* literal */
	}
	tmpl_raw(rq, "</tbody></table>\n");	/* literal */
}

static void
units_table(struct req *rq, const struct unit_row *u, size_t n)
{
	size_t	i;

	layout_wrap(rq, "<h2>", MSG_UW_QUEUE_UNITS, "</h2>\n");
	if (n == 0) {
		layout_wrap(rq, "<p class=\"muted\">", MSG_WEB_NONE, "</p>\n");
		return;
	}
	tmpl_raw(rq, "<table class=\"list units\"><thead><tr>");	/* literal */
	layout_th(rq, MSG_UW_NAME);
	layout_th(rq, MSG_UW_TYPE);
	layout_th(rq, MSG_UW_LEVEL);
	layout_th(rq, MSG_UW_STATUS);
	layout_th(rq, MSG_UW_VALID_UNTIL);
	layout_th(rq, MSG_UW_LISTED);
	tmpl_raw(rq, "</tr></thead><tbody>");	/* literal */
	for (i = 0; i < n; i++) {
		tmpl_raw(rq, "<tr><td><a");	/* literal */
		tmpl_href(rq, arena_printf(rq->arena, "/support-units/%lld", (long long)u[i].id));
		tmpl_raw(rq, ">");	/* literal */
		tmpl_text(rq, u[i].name);
		tmpl_raw(rq, "</a></td><td>");	/* literal */
		tmpl_msg(rq, unit_type_label(u[i].type));
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_msg(rq, unit_level_label(u[i].level));
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_msg(rq, uw_status_msg(u[i].status));
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_text(rq, u[i].valid_until);
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_msg(rq, u[i].announced_at != 0 ? MSG_UW_YES : MSG_UW_NO);
		tmpl_raw(rq, "</td></tr>");	/* literal */
	}
	tmpl_raw(rq, "</tbody></table>\n");	/* literal */
}

static void
tasks_done(struct req *rq, const struct unit_task_row *t, size_t n)
{
	size_t	i;

	layout_wrap(rq, "<h2>", MSG_UW_QUEUE_TASKS, "</h2>\n");
	if (n == 0) {
		layout_wrap(rq, "<p class=\"muted\">", MSG_WEB_NONE, "</p>\n");
		return;
	}
	tmpl_raw(rq, "<ul class=\"tasks-done\">");	/* literal */
	for (i = 0; i < n; i++) {
		const char	*id = arena_printf(rq->arena, "%lld", (long long)t[i].id);

		tmpl_raw(rq, "<li>#");	/* literal */
		tmpl_text(rq, id);
		tmpl_raw(rq, " <a");	/* literal */
		tmpl_href(rq, arena_printf(rq->arena, "/support-units/%lld",
		    (long long)t[i].unit_id));
		tmpl_raw(rq, ">");	/* literal */
		tmpl_text(rq, t[i].unit_name);
		tmpl_raw(rq, "</a> <code>");	/* literal */
		tmpl_text(rq, t[i].subject);
		tmpl_raw(rq, "</code><p class=\"pre-line\">");	/* literal */
		tmpl_text(rq, t[i].result);
		tmpl_raw(rq, "</p>");	/* literal */
		uw_button_form(rq, arena_printf(rq->arena, "/staff/support-units/tasks/%s/confirm",
		    id), MSG_UW_TASK_CONFIRM, NULL, 0);
		uw_button_form(rq, arena_printf(rq->arena, "/staff/support-units/tasks/%s/cancel",
		    id), MSG_UW_TASK_CANCEL, NULL, 0);
		tmpl_raw(rq, "</li>");	/* literal */
	}
	tmpl_raw(rq, "</ul>\n");	/* literal */
}

static void
awards_section(struct req *rq, int year, const struct unit_award_row *w, size_t n)
{
	struct layout_control	c;
	size_t			i;

	tmpl_raw(rq, "<section class=\"card unit-awards\"><h2>");	/* literal */
	tmpl_text(rq, layout_msgf(rq, MSG_UW_AWARDS_OF, year));
	tmpl_raw(rq, "</h2><form class=\"filters\" method=\"get\" "
	    "action=\"/staff/support-units\">");	/* literal */
	c = layout_control_for(rq, "year", MSG_UW_YEAR, MSG_OK, false);
	layout_text_input(rq, &c, "number", arena_printf(rq->arena, "%d", year), 4, true);
	layout_submit(rq, MSG_UW_FILTER);
	tmpl_raw(rq, "</form>");	/* literal */
	uw_button_form(rq, arena_printf(rq->arena, "/staff/support-units/awards/%d/compute",
	    year), MSG_UW_AWARDS_COMPUTE, NULL, 0);
	if (n == 0)
		layout_wrap(rq, "<p class=\"muted\">", MSG_UW_AWARDS_NONE, "</p>\n");
	else {
		tmpl_raw(rq, "<table class=\"list award-candidates\"><thead><tr>");	/* literal */
		layout_th(rq, MSG_UW_AWARD);
		layout_th(rq, MSG_UW_NAME);
		layout_th(rq, MSG_UW_RANK);
		layout_th(rq, MSG_UW_METRIC);
		layout_th(rq, MSG_UW_STATE);
		layout_th(rq, MSG_UW_DECIDE_SUBMIT);
		tmpl_raw(rq, "</tr></thead><tbody>");	/* literal */
		for (i = 0; i < n; i++) {
			const char	*id = arena_printf(rq->arena, "%lld", (long long)w[i].id);

			tmpl_raw(rq, "<tr><td>");	/* literal */
			tmpl_msg(rq, unit_award_label(w[i].award));
			tmpl_raw(rq, "</td><td>");	/* literal */
			tmpl_text(rq, w[i].unit_name);
			tmpl_raw(rq, "</td><td>");	/* literal */
			tmpl_i64(rq, w[i].rank);
			tmpl_raw(rq, "</td><td>");	/* literal */
			tmpl_i64(rq, w[i].metric);
			tmpl_raw(rq, "</td><td>");	/* literal */
			tmpl_text(rq, w[i].state);
			tmpl_raw(rq, "</td><td>");	/* literal */
			if (strcmp(w[i].state, "published") != 0) {
				uw_button_form(rq, arena_printf(rq->arena,
				    "/staff/support-units/award-candidates/%s/confirm", id),
				    MSG_UW_AWARD_CONFIRM, NULL, 0);
				uw_button_form(rq, arena_printf(rq->arena,
				    "/staff/support-units/award-candidates/%s/dismiss", id),
				    MSG_UW_AWARD_DISMISS, NULL, 0);
			}
			tmpl_raw(rq, "</td></tr>");	/* literal */
		}
		tmpl_raw(rq, "</tbody></table>\n");	/* literal */
		uw_button_form(rq, arena_printf(rq->arena,
		    "/staff/support-units/awards/%d/publish", year), MSG_UW_AWARDS_PUBLISH, NULL,
		    0);
	}
	tmpl_raw(rq, "<p class=\"links-inline\">");	/* literal */
	layout_link(rq, arena_printf(rq->arena, "/support-units/awards/%d", year),
	    MSG_UW_AWARDS_LINK);
	tmpl_raw(rq, "</p></section>\n");	/* literal */
}

static void
evaluate_form(struct req *rq)
{
	struct layout_control	c;

	tmpl_raw(rq, "<section class=\"card unit-evaluate\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_UW_EVALUATE, "</h2>");
	layout_wrap(rq, "<p class=\"hint\">", MSG_UW_EVALUATE_HINT, "</p>");
	tmpl_raw(rq, "<form class=\"stack\" method=\"post\" "
	    "action=\"/staff/support-units/evaluate\">");	/* literal */
	tmpl_csrf(rq);
	c = layout_control_for(rq, "as_of", MSG_UW_AS_OF, MSG_UW_DATE_HINT, true);
	layout_text_input(rq, &c, "date", "", 10, false);
	layout_submit(rq, MSG_UW_EVALUATE_ALL);
	tmpl_raw(rq, "</form></section>\n");	/* literal */
}

static void
register_form(struct req *rq)
{
	static const char *const types[] = { "technical", "governance" };
	static const enum msg_id type_labels[] = {
		MSG_UNIT_TYPE_TECHNICAL, MSG_UNIT_TYPE_GOVERNANCE,
	};
	struct layout_control	c;

	tmpl_raw(rq, "<section class=\"card unit-register\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_UW_REGISTER, "</h2>");
	layout_wrap(rq, "<p class=\"hint\">", MSG_UW_REGISTER_HINT, "</p>");
	tmpl_raw(rq, "<form class=\"stack\" method=\"post\" "
	    "action=\"/staff/support-units/register\">");	/* literal */
	tmpl_csrf(rq);
	c = layout_control_for(rq, "org", MSG_UW_ORG_SLUG, MSG_OK, false);
	layout_text_input(rq, &c, "text", "", 40, true);
	c = layout_control_for(rq, "type", MSG_UW_TYPE, MSG_OK, false);
	layout_word_select(rq, &c, types, type_labels, 2, MSG_OK, "technical");
	c = layout_control_for(rq, "level", MSG_UW_LEVEL, MSG_OK, false);
	layout_text_input(rq, &c, "number", "1", 1, true);
	c = layout_control_for(rq, "certified_on", MSG_UW_CERTIFIED_ON, MSG_UW_DATE_HINT, false);
	layout_text_input(rq, &c, "date", "", 10, true);
	c = layout_control_for(rq, "name", MSG_UW_NAME, MSG_OK, true);
	layout_text_input(rq, &c, "text", "", UNIT_NAME_MAX, false);
	c = layout_control_for(rq, "announce", MSG_UW_ANNOUNCE, MSG_OK, false);
	c.no_label = true;
	layout_control_open(rq, &c);
	tmpl_raw(rq, "<div class=\"check\"><input type=\"checkbox\" value=\"on\"");	/* literal */
	layout_control_attrs(rq, &c);
	tmpl_raw(rq, "><label for=\"f-announce\">");	/* literal */
	tmpl_msg(rq, MSG_UW_ANNOUNCE);
	tmpl_raw(rq, "</label></div></div>");	/* literal */
	layout_submit(rq, MSG_UW_REGISTER);
	tmpl_raw(rq, "</form></section>\n");	/* literal */
}

enum app_err
uw_queue_get(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct unit_app_filter	 af;
	struct unit_filter	 uf;
	struct unit_app_row	*a;
	struct unit_row		*u;
	struct unit_task_row	*t;
	struct unit_award_row	*w;
	struct fault		 f = { .er = APP_OK };
	int			 year = req_param(rq, Q_YEAR)->present ?
				    (int)req_param(rq, Q_YEAR)->i : uw_year(rq);
	size_t			 na, nu, nt, nw;
	enum app_err		 er;

	if (!uw_registry(rq))
		return uw_off(rq);
	memset(&af, 0, sizeof(af));
	af.state = "open";
	af.limit = 200;
	memset(&uf, 0, sizeof(uf));
	uf.type = -1;
	uf.status = -1;
	uf.limit = 1000;
	if ((er = svc_unit_app_list(&c, &af, &a, &na, &f)) != APP_OK ||
	    (er = svc_unit_list(&c, &uf, &u, &nu, &f)) != APP_OK ||
	    (er = svc_unit_tasks(&c, 0, "done", &t, &nt, &f)) != APP_OK ||
	    (er = svc_unit_awards(&c, year, false, &w, &nw, &f)) != APP_OK)
		return web_fault(rq, er, &f);
	resp_html(rq, 200);
	layout_begin(rq, MSG_UW_QUEUE_TITLE);
	layout_wrap(rq, "<h1>", MSG_UW_QUEUE_TITLE, "</h1>\n");
	if (req_param(rq, Q_DONE)->present)
		layout_flash_msg(rq, FLASH_OK, MSG_UW_DONE);
	apps_table(rq, a, na);
	units_table(rq, u, nu);
	tasks_done(rq, t, nt);
	evaluate_form(rq);
	awards_section(rq, year, w, nw);
	register_form(rq);
	layout_end(rq);
	return APP_OK;
}

/* A staff step's answer: the redirect, or the error page naming the rule. */
static enum app_err
done(struct req *rq, enum app_err er, struct fault *f, const char *to)
{
	if (er != APP_OK)
		return web_fault(rq, er, f);
	return resp_redirect(rq, to);
}

enum app_err
uw_evaluate_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct unit_eval_result	*r;
	struct fault		 f = { .er = APP_OK };
	int64_t			 unit = req_param(rq, 1)->present ? req_param(rq, 1)->i : 0;
	size_t			 n;

	if (!uw_registry(rq))
		return uw_off(rq);
	return done(rq, svc_units_evaluate(&c, unit, web_pstr(req_param(rq, 0)), false, &r, &n,
	    &f), &f, unit != 0 ? arena_printf(rq->arena, "/support-units/%lld?done=evaluated",
	    (long long)unit) : "/staff/support-units?done=evaluated");
}

enum app_err
uw_register_post(struct req *rq)
{
	struct svc_ctx		c = web_ctx(rq);
	struct unit_register	in;
	struct unit_row		u;
	struct fault		f = { .er = APP_OK };
	enum app_err		er;

	if (!uw_registry(rq))
		return uw_off(rq);
	memset(&in, 0, sizeof(in));
	in.org = web_pstr(req_param(rq, R_ORG));
	in.type = web_pstr(req_param(rq, R_TYPE));
	in.level = req_param(rq, R_LEVEL)->i;
	in.certified_on = web_pstr(req_param(rq, R_CERTIFIED));
	in.name = web_pstr(req_param(rq, R_NAME));
	in.announce = req_param(rq, R_ANNOUNCE)->b;
	er = svc_unit_register(&c, &in, &u, &f);
	return done(rq, er, &f, er == APP_OK ? arena_printf(rq->arena,
	    "/support-units/%lld?done=registered", (long long)u.id) : "");
}

enum app_err
uw_status_post(struct req *rq)
{
	struct svc_ctx	c = web_ctx(rq);
	struct unit_row	u;
	struct fault	f = { .er = APP_OK };
	int64_t		id = req_param(rq, 0)->i;

	if (!uw_registry(rq))
		return uw_off(rq);
	return done(rq, svc_unit_set_status(&c, id, web_pstr(req_param(rq, 1)),
	    web_pstr(req_param(rq, 2)), &u, &f), &f, arena_printf(rq->arena,
	    "/support-units/%lld?done=status", (long long)id));
}

enum app_err
uw_assign_post(struct req *rq)
{
	struct svc_ctx		c = web_ctx(rq);
	struct unit_task_new	in;
	struct unit_task_row	t;
	struct fault		f = { .er = APP_OK };

	if (!uw_registry(rq))
		return uw_off(rq);
	memset(&in, 0, sizeof(in));
	in.unit_id = req_param(rq, 0)->i;
	in.kind = web_pstr(req_param(rq, 1));
	in.subject = web_pstr(req_param(rq, 2));
	in.brief = web_pstr(req_param(rq, 3));
	return done(rq, svc_unit_task_assign(&c, &in, &t, &f), &f, arena_printf(rq->arena,
	    "/support-units/%lld?done=assigned", (long long)in.unit_id));
}

enum app_err
uw_task_confirm_post(struct req *rq)
{
	struct svc_ctx		c = web_ctx(rq);
	struct unit_task_row	t;
	struct fault		f = { .er = APP_OK };

	if (!uw_registry(rq))
		return uw_off(rq);
	return done(rq, svc_unit_task_confirm(&c, req_param(rq, 0)->i, &t, &f), &f,
	    "/staff/support-units?done=confirmed");
}

enum app_err
uw_task_cancel_post(struct req *rq)
{
	struct svc_ctx		c = web_ctx(rq);
	struct unit_task_row	t;
	struct fault		f = { .er = APP_OK };

	if (!uw_registry(rq))
		return uw_off(rq);
	return done(rq, svc_unit_task_cancel(&c, req_param(rq, 0)->i, &t, &f), &f,
	    "/staff/support-units?done=cancelled");
}

enum app_err
uw_awards_compute_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct unit_award_row	*w;
	struct fault		 f = { .er = APP_OK };
	int			 year = (int)req_param(rq, 0)->i;
	size_t			 n;

	if (!uw_registry(rq))
		return uw_off(rq);
	return done(rq, svc_unit_awards_compute(&c, year, &w, &n, &f), &f,
	    arena_printf(rq->arena, "/staff/support-units?year=%d&done=computed", year));
}

enum app_err
uw_awards_publish_post(struct req *rq)
{
	struct svc_ctx	c = web_ctx(rq);
	struct fault	f = { .er = APP_OK };
	int		year = (int)req_param(rq, 0)->i;
	int64_t		n;

	if (!uw_registry(rq))
		return uw_off(rq);
	return done(rq, svc_unit_awards_publish(&c, year, &n, &f), &f,
	    arena_printf(rq->arena, "/staff/support-units?year=%d&done=published", year));
}

static enum app_err
award_decide(struct req *rq, bool confirm)
{
	struct svc_ctx		c = web_ctx(rq);
	struct unit_award_row	w;
	struct fault		f = { .er = APP_OK };
	enum app_err		er;

	if (!uw_registry(rq))
		return uw_off(rq);
	er = svc_unit_award_decide(&c, req_param(rq, 0)->i, confirm, &w, &f);
	return done(rq, er, &f, er == APP_OK ? arena_printf(rq->arena,
	    "/staff/support-units?year=%d&done=decided", w.year) : "");
}

enum app_err
uw_award_confirm_post(struct req *rq)
{
	return award_decide(rq, true);
}

enum app_err
uw_award_dismiss_post(struct req *rq)
{
	return award_decide(rq, false);
}
