/*
 * Disputes (争议协调, issue 9; R40): the registry's pages.
 *
 *	/disputes		the person's own disputes
 *	/disputes/new		the form (an account of an organisation; staff
 *				may file on someone's behalf)
 *	/disputes/{id}		one dispute: what was asked, its timeline, and
 *				the forms of the steps the person may take
 *	/staff/disputes		the staff's queue: open first, support units by
 *				star level, then the soonest due, with the clock
 *
 * Each form calls the svc/ use case the API (api/disputes.c) calls too and
 * answers with a redirect back to the dispute, or with the page again
 * (422) showing the refusal.  Every route answers 404 outside the registry
 * role.
 */
#include <string.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/sbuf.h"
#include "domain/authz.h"
#include "svc/disputes.h"
#include "web/layout.h"
#include "web/tmpl.h"
#include "web/web.h"
#include "web/web_int.h"

#define DW_BIND_MAX	(2 * DISPUTE_TEXT_MAX)	/* svc checks each field's own bound */
#define DW_WORD_MAX	64
#define DW_ID_MAX	64
#define DW_PAGE_ROWS	50
#define DW_TEXT_ROWS	8
#define DW_NOTE_ROWS	4

static const enum msg_id category_msgs[DCAT__MAX] = {
	[DCAT_DISCLOSURE] = MSG_DSP_CAT_DISCLOSURE,
	[DCAT_HANDLING] = MSG_DSP_CAT_HANDLING,
};

static const enum msg_id state_msgs[DST__MAX] = {
	[DST_OPEN] = MSG_DSP_ST_OPEN,
	[DST_COORDINATING] = MSG_DSP_ST_COORDINATING,
	[DST_RESOLVED] = MSG_DSP_ST_RESOLVED,
	[DST_WITHDRAWN] = MSG_DSP_ST_WITHDRAWN,
};

/* POST /disputes/new */
enum { DN_CATEGORY, DN_SUBJECT, DN_PARTY, DN_TITLE, DN_STATEMENT, DN_WANTED, DN_BEHALF,
	DN__MAX };
static const struct param new_params[DN__MAX] = {
	[DN_CATEGORY] = { "category", PARAM_TEXT, .max = DW_WORD_MAX },	/* a category word */
	[DN_SUBJECT] = { "subject_ref", PARAM_MULTILINE, .max = DW_BIND_MAX },	/* svc checks */
	[DN_PARTY] = { "other_party", PARAM_MULTILINE, .max = DW_BIND_MAX },	/* svc checks */
	[DN_TITLE] = { "title", PARAM_MULTILINE, .max = DW_BIND_MAX },	/* svc checks */
	[DN_STATEMENT] = { "statement", PARAM_MULTILINE, .max = DW_BIND_MAX },	/* svc checks */
	[DN_WANTED] = { "outcome_wanted", PARAM_MULTILINE, .max = DW_BIND_MAX },	/* svc */
	[DN_BEHALF] = { "on_behalf_of", PARAM_TEXT, .max = DW_WORD_MAX },	/* staff: a login */
};

/* GET /disputes, /staff/disputes */
enum { DLP_PAGE, DLP_ALL, DLP__MAX };
static const struct param list_params[DLP__MAX] = {
	[DLP_PAGE] = { "page", PARAM_I64, .min = 1, .max = 1000000 },	/* 1, 2, … */
	[DLP_ALL] = { "all", PARAM_BOOL },	/* the queue: closed ones too */
};

/* GET /disputes/{id} */
enum { DV_ID, DV_DONE, DV__MAX };
static const struct param view_params[DV__MAX] = {
	[DV_ID] = { "id", PARAM_TEXT, .max = DW_ID_MAX, .required = true },	/* report_id_valid */
	[DV_DONE] = { "done", PARAM_TEXT, .max = DW_WORD_MAX },	/* what was just done */
};

/* POST /disputes/{id}/assign, /notes, /resolve, /withdraw: one text each (and party). */
enum { DS_ID, DS_TEXT, DS_PARTY, DS__MAX };
static const struct param assign_params[DS__MAX - 1] = {
	[DS_ID] = { "id", PARAM_TEXT, .max = DW_ID_MAX, .required = true },	/* report_id_valid */
	[DS_TEXT] = { "assignee", PARAM_TEXT, .max = DW_WORD_MAX },	/* a login; "": me */
};
static const struct param note_params[DS__MAX] = {
	[DS_ID] = { "id", PARAM_TEXT, .max = DW_ID_MAX, .required = true },	/* report_id_valid */
	[DS_TEXT] = { "note", PARAM_MULTILINE, .max = DW_BIND_MAX },	/* svc checks */
	[DS_PARTY] = { "party", PARAM_BOOL },	/* staff: the other party's statement */
};
static const struct param resolve_params[DS__MAX - 1] = {
	[DS_ID] = { "id", PARAM_TEXT, .max = DW_ID_MAX, .required = true },	/* report_id_valid */
	[DS_TEXT] = { "outcome", PARAM_MULTILINE, .max = DW_BIND_MAX },	/* svc checks */
};
static const struct param withdraw_params[DS__MAX - 1] = {
	[DS_ID] = { "id", PARAM_TEXT, .max = DW_ID_MAX, .required = true },	/* report_id_valid */
	[DS_TEXT] = { "reason", PARAM_MULTILINE, .max = DW_BIND_MAX },	/* svc checks */
};

static enum app_err
not_registry(struct req *rq)
{
	return req_fail(rq, APP_NOTFOUND, NULL, MSG_ERR_DISPUTES_OFF);
}

static bool
registry(const struct req *rq)
{
	return rq->cfg->role == ROLE_REGISTRY;
}

static bool
staff(const struct req *rq)
{
	return rq->user != NULL && authz_allows(rq->user->role, PERM_CASES_MANAGE);
}

static void
state_badge(struct req *rq, enum dispute_state s)
{
	tmpl_raw(rq, dispute_open(s) ? s == DST_OPEN ? "<span class=\"badge badge-warn\">" :
	    "<span class=\"badge badge-on\">" : "<span class=\"badge badge-off\">");	/* literal */
	tmpl_msg(rq, (unsigned)s < DST__MAX ? state_msgs[s] : MSG_WEB_NONE);
	tmpl_raw(rq, "</span>");	/* literal */
}

/* 支撑单位 · 三星, or nothing for an ordinary filer. */
static void
priority_badge(struct req *rq, int priority)
{
	if (priority <= 0) {
		layout_wrap(rq, "<span class=\"muted\">", MSG_DSP_PRIORITY_NONE, "</span>");
		return;
	}
	tmpl_raw(rq, "<span class=\"badge badge-on priority\">");	/* literal */
	tmpl_text(rq, layout_msgf(rq, MSG_DSP_PRIORITY_UNIT,
	    req_msg(rq, unit_level_label(priority - 1))));
	tmpl_raw(rq, "</span>");	/* literal */
}

/* The clock: its due time, and a badge when it is overdue. */
static void
clock_cell(struct req *rq, const struct dispute_row *d)
{
	if (d->clock_state < 0) {
		layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_NONE, "</span>");
		return;
	}
	tmpl_time(rq, d->due_at);
	if (d->clock_state == DLS_MISSED ||
	    (d->clock_state == DLS_OPEN && d->due_at < rq->now))
		layout_wrap(rq, " <span class=\"badge badge-warn\">", MSG_DSP_OVERDUE, "</span>");
	else if (d->clock_state == DLS_MET)
		layout_wrap(rq, " <span class=\"badge badge-off\">", MSG_DSP_CLOCK_MET, "</span>");
}

static void
dl_msg(struct req *rq, enum msg_id term, enum msg_id value)
{
	layout_wrap(rq, "<dt>", term, "</dt><dd>");
	tmpl_msg(rq, value);
	tmpl_raw(rq, "</dd>");	/* literal */
}

static enum msg_id
field_label(const char *field)
{
	static const struct {
		const char	*name;
		enum msg_id	 label;
	} t[] = {
		{ "category", MSG_DSP_F_CATEGORY },
		{ "subject_ref", MSG_DSP_F_SUBJECT },
		{ "other_party", MSG_DSP_F_PARTY },
		{ "title", MSG_DSP_F_TITLE },
		{ "statement", MSG_DSP_F_STATEMENT },
		{ "outcome_wanted", MSG_DSP_F_WANTED },
		{ "on_behalf_of", MSG_DSP_F_ON_BEHALF },
	};
	size_t	i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(t[i].name, field) == 0)
			return t[i].label;
	return MSG_WEB_NONE;
}

static void
summary_target(struct req *rq, const char *field, const char **id, const char **label)
{
	*id = arena_printf(rq->arena, "f-%s", field);
	*label = req_msg(rq, field_label(field));
}

/* --- the form --- */

static void
form_page(struct req *rq, int status, const char *const *v)
{
	struct layout_control	c;
	size_t			i;

	resp_html(rq, status);
	layout_begin(rq, MSG_DSP_NEW_TITLE);
	tmpl_raw(rq, "<p class=\"crumbs\"><a href=\"/disputes\">");	/* literal */
	tmpl_msg(rq, MSG_DSP_LIST_TITLE);
	tmpl_raw(rq, "</a></p>\n");	/* literal */
	layout_wrap(rq, "<h1>", MSG_DSP_NEW_TITLE, "</h1>\n");
	layout_wrap(rq, "<p class=\"lead\">", MSG_DSP_NEW_INTRO, "</p>\n");
	layout_error_summary(rq, summary_target);
	tmpl_raw(rq, "<form class=\"stack wide dispute-form\" method=\"post\" "
	    "action=\"/disputes/new\">");	/* literal */
	tmpl_csrf(rq);
	c = layout_control_for(rq, "category", MSG_DSP_F_CATEGORY, MSG_OK, false);
	{
		const char	*words[DCAT__MAX];

		for (i = 0; i < DCAT__MAX; i++)
			words[i] = dispute_category_name((enum dispute_category)i);
		layout_word_select(rq, &c, words, category_msgs, DCAT__MAX, MSG_OK,
		    v[DN_CATEGORY]);
	}
	c = layout_control_for(rq, "subject_ref", MSG_DSP_F_SUBJECT,
	    MSG_DSP_F_SUBJECT_HINT, false);
	layout_text_input(rq, &c, "text", v[DN_SUBJECT], DISPUTE_SUBJECT_MAX, true);
	c = layout_control_for(rq, "other_party", MSG_DSP_F_PARTY, MSG_DSP_F_PARTY_HINT, false);
	layout_text_input(rq, &c, "text", v[DN_PARTY], DISPUTE_PARTY_MAX, true);
	c = layout_control_for(rq, "title", MSG_DSP_F_TITLE, MSG_OK, false);
	layout_text_input(rq, &c, "text", v[DN_TITLE], DISPUTE_TITLE_MAX, true);
	c = layout_control_for(rq, "statement", MSG_DSP_F_STATEMENT,
	    MSG_DSP_F_STATEMENT_HINT, false);
	layout_textarea(rq, &c, v[DN_STATEMENT], DW_TEXT_ROWS, 0, true);
	c = layout_control_for(rq, "outcome_wanted", MSG_DSP_F_WANTED, MSG_OK, true);
	layout_textarea(rq, &c, v[DN_WANTED], DW_NOTE_ROWS, 0, false);
	if (staff(rq)) {
		c = layout_control_for(rq, "on_behalf_of", MSG_DSP_F_ON_BEHALF,
		    MSG_DSP_F_ON_BEHALF_HINT,
		    true);
		layout_text_input(rq, &c, "text", v[DN_BEHALF], 32, false);
	}
	layout_wrap(rq, "<p class=\"hint\">", MSG_DSP_CONFIDENTIAL, "</p>");
	layout_submit(rq, MSG_DSP_SUBMIT);
	tmpl_raw(rq, "</form>\n");	/* literal */
	layout_end(rq);
}

static enum app_err
new_get(struct req *rq)
{
	const char	*v[DN__MAX];
	size_t		 i;

	if (!registry(rq))
		return not_registry(rq);
	for (i = 0; i < DN__MAX; i++)
		v[i] = "";
	form_page(rq, 200, v);
	return APP_OK;
}

static enum app_err
new_post(struct req *rq)
{
	struct svc_ctx		c = web_ctx(rq);
	struct dispute_new	in;
	struct dispute_row	d;
	struct wd_problem	p[DISPUTE_MAX_PROBLEMS];
	struct fault		f = { .er = APP_OK };
	const char		*v[DN__MAX];
	size_t			 i;
	int			 np = 0, status;
	enum app_err		 er;

	if (!registry(rq))
		return not_registry(rq);
	for (i = 0; i < DN__MAX; i++)
		v[i] = web_pstr(req_param(rq, i));
	memset(&in, 0, sizeof(in));
	in.in.category = v[DN_CATEGORY];
	in.in.subject_ref = v[DN_SUBJECT];
	in.in.other_party = v[DN_PARTY];
	in.in.title = v[DN_TITLE];
	in.in.statement = v[DN_STATEMENT];
	in.in.outcome_wanted = v[DN_WANTED];
	in.on_behalf_of = v[DN_BEHALF];
	in.channel = "web";
	in.payload = rq->body.p;
	in.payload_len = rq->body.n;
	if ((er = svc_dispute_file(&c, &in, &d, p, &np, &f)) == APP_OK)
		return resp_redirect(rq, arena_printf(rq->arena, "/disputes/%s?done=filed",
		    d.id));
	for (i = 0; i < (size_t)np; i++)
		req_field_error(rq, p[i].field, p[i].msg);
	er = web_fault(rq, er, &f);
	if ((status = web_form_status(rq, er, &f)) != 0)
		form_page(rq, status, v);
	return er;
}

/* --- the lists --- */

static void
rows(struct req *rq, const struct dispute_row *ds, size_t n, bool queue)
{
	size_t	i;

	tmpl_raw(rq, "<div class=\"table-wrap\"><table class=\"data disputes\">"
	    "<thead><tr>");	/* literal */
	layout_th(rq, MSG_DSP_ID);
	if (queue)
		layout_th(rq, MSG_DSP_PRIORITY);
	layout_th(rq, MSG_DSP_F_TITLE);
	layout_th(rq, MSG_DSP_F_CATEGORY);
	if (queue)
		layout_th(rq, MSG_DSP_FILER);
	layout_th(rq, MSG_DSP_STATE);
	layout_th(rq, MSG_DSP_DUE);
	if (queue)
		layout_th(rq, MSG_DSP_ASSIGNEE);
	tmpl_raw(rq, "</tr></thead><tbody>\n");	/* literal */
	for (i = 0; i < n; i++) {
		tmpl_raw(rq, "<tr><td>");	/* literal */
		layout_code_link(rq, arena_printf(rq->arena, "/disputes/%s", ds[i].id), ds[i].id);
		if (queue) {
			tmpl_raw(rq, "</td><td>");	/* literal */
			priority_badge(rq, ds[i].priority);
		}
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_text(rq, ds[i].title);
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_msg(rq, category_msgs[ds[i].category]);
		if (queue) {
			tmpl_raw(rq, "</td><td>");	/* literal */
			tmpl_text(rq, ds[i].filer_org_name[0] != '\0' ? ds[i].filer_org_name :
			    ds[i].filer_login);
		}
		tmpl_raw(rq, "</td><td>");	/* literal */
		state_badge(rq, ds[i].state);
		tmpl_raw(rq, "</td><td class=\"nowrap\">");	/* literal */
		clock_cell(rq, &ds[i]);
		if (queue) {
			tmpl_raw(rq, "</td><td>");	/* literal */
			tmpl_text(rq, ds[i].assignee_login);
		}
		tmpl_raw(rq, "</td></tr>\n");	/* literal */
	}
	tmpl_raw(rq, "</tbody></table></div>\n");	/* literal */
}

/* The person's own list, or (queue) the staff's. */
static enum app_err
list_page(struct req *rq, bool queue)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct dispute_row	*ds = NULL;
	const struct param_val	*pg = req_param(rq, DLP_PAGE);
	int64_t			 page = pg->present ? pg->i : 1;
	bool			 all = req_param(rq, DLP_ALL)->present && req_param(rq, DLP_ALL)->b;
	bool			 more;
	const char		*base = queue ? "/staff/disputes" : "/disputes";
	size_t			 n = 0;
	enum app_err		 er;

	if (!registry(rq))
		return not_registry(rq);
	if ((er = svc_dispute_list(&c, NULL, queue && !all, (page - 1) * DW_PAGE_ROWS,
	    DW_PAGE_ROWS + 1, &ds, &n, &f)) != APP_OK)
		return web_fault(rq, er, &f);
	more = n > DW_PAGE_ROWS;
	if (more)
		n = DW_PAGE_ROWS;
	resp_html(rq, 200);
	layout_begin(rq, queue ? MSG_DSP_QUEUE_TITLE : MSG_DSP_LIST_TITLE);
	layout_wrap(rq, "<h1>", queue ? MSG_DSP_QUEUE_TITLE : MSG_DSP_LIST_TITLE, "</h1>\n");
	layout_wrap(rq, "<p class=\"lead\">", queue ? MSG_DSP_QUEUE_INTRO : MSG_DSP_LIST_INTRO,
	    "</p>\n");
	tmpl_raw(rq, "<p class=\"links-inline\">");	/* literal */
	layout_link(rq, "/disputes/new", MSG_DSP_NEW_TITLE);
	if (queue)
		layout_link(rq, all ? "/staff/disputes" : "/staff/disputes?all=1",
		    all ? MSG_DSP_OPEN_ONLY : MSG_DSP_ALL);
	tmpl_raw(rq, "</p>\n");	/* literal */
	if (n == 0)
		layout_wrap(rq, "<p class=\"muted\">", MSG_DSP_NONE, "</p>\n");
	else
		rows(rq, ds, n, queue);
	layout_pager(rq, page > 1 ? arena_printf(rq->arena, "%s%s", base,
	    all ? "?all=1" : "") : NULL, more ? arena_printf(rq->arena, "%s?page=%lld%s", base,
	    (long long)(page + 1), all ? "&all=1" : "") : NULL);
	layout_end(rq);
	return APP_OK;
}

static enum app_err
list_get(struct req *rq)
{
	return list_page(rq, false);
}

static enum app_err
queue_get(struct req *rq)
{
	return list_page(rq, true);
}

/* --- one dispute and its forms --- */

enum dform { DF_NONE, DF_ASSIGN, DF_NOTE, DF_RESOLVE, DF_WITHDRAW };

/* A refused form and what was typed into it. */
struct df_typed {
	enum dform	 form;
	const char	*text;
	bool		 party;
};

static const char *
typed(const struct df_typed *t, enum dform form)
{
	return t != NULL && t->form == form ? t->text : "";
}

static void
form_open(struct req *rq, const char *id, const char *action, enum msg_id heading,
    const struct df_typed *t, enum dform form)
{
	tmpl_raw(rq, "<section class=\"card\"><form class=\"stack\" "
	    "method=\"post\"");	/* literal */
	tmpl_attr(rq, "action", arena_printf(rq->arena, "/disputes/%s/%s", id, action));
	tmpl_raw(rq, ">");	/* literal */
	tmpl_csrf(rq);
	layout_wrap(rq, "<h2>", heading, "</h2>");
	if (t != NULL && t->form == form)
		layout_form_errors(rq);
}

static void
form_close(struct req *rq, enum msg_id submit)
{
	layout_submit(rq, submit);
	tmpl_raw(rq, "</form></section>\n");	/* literal */
}

static enum msg_id
event_msg(const char *event)
{
	static const struct {
		const char	*word;
		enum msg_id	 m;
	} t[] = {
		{ "filed", MSG_DSP_EV_FILED },
		{ "assigned", MSG_DSP_EV_ASSIGNED },
		{ "note", MSG_DSP_EV_NOTE },
		{ "party", MSG_DSP_EV_PARTY },
		{ "resolved", MSG_DSP_EV_RESOLVED },
		{ "withdrawn", MSG_DSP_EV_WITHDRAWN },
	};
	size_t	i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(t[i].word, event) == 0)
			return t[i].m;
	return MSG_WEB_NONE;
}

static void
timeline(struct req *rq, const struct dispute_view *v)
{
	size_t	i;

	layout_wrap(rq, "<section id=\"timeline\"><h2>", MSG_DSP_TIMELINE, "</h2><ol "
	    "class=\"timeline\">");
	for (i = 0; i < v->nevents; i++) {
		const struct dispute_event	*e = &v->events[i];

		tmpl_raw(rq, "<li><p class=\"meta\"><strong>");	/* literal */
		tmpl_msg(rq, event_msg(e->event));
		tmpl_raw(rq, "</strong> · ");	/* literal */
		tmpl_time(rq, e->at);
		if (e->actor_login[0] != '\0') {
			tmpl_raw(rq, " · ");	/* literal */
			tmpl_text(rq, e->actor_login);
		}
		if (e->detail[0] != '\0') {
			tmpl_raw(rq, " · <code>");	/* literal */
			tmpl_text(rq, e->detail);
			tmpl_raw(rq, "</code>");	/* literal */
		}
		tmpl_raw(rq, "</p>");	/* literal */
		if (e->note_text != NULL && e->note_text[0] != '\0') {
			tmpl_raw(rq, "<div class=\"pre-line\">");	/* literal */
			tmpl_text(rq, e->note_text);
			tmpl_raw(rq, "</div>");	/* literal */
		}
		tmpl_raw(rq, "</li>\n");	/* literal */
	}
	tmpl_raw(rq, "</ol></section>\n");	/* literal */
}

static enum msg_id
done_msg(const char *done)
{
	if (strcmp(done, "filed") == 0)
		return MSG_DSP_DONE_FILED;
	if (strcmp(done, "assigned") == 0)
		return MSG_DSP_DONE_ASSIGNED;
	if (strcmp(done, "noted") == 0)
		return MSG_DSP_DONE_NOTED;
	if (strcmp(done, "resolved") == 0)
		return MSG_DSP_DONE_RESOLVED;
	if (strcmp(done, "withdrawn") == 0)
		return MSG_DSP_DONE_WITHDRAWN;
	return MSG_OK;
}

static void
step_forms(struct req *rq, const struct dispute_view *v, const struct df_typed *t)
{
	struct layout_control	c;
	struct svc_ctx		sc = web_ctx(rq);
	struct fault		f = { .er = APP_OK };
	struct user		*us = NULL;
	size_t			 nus = 0, i;

	if (v->staff && svc_dispute_assignees(&sc, &us, &nus, &f) == APP_OK) {
		form_open(rq, v->d.id, "assign", MSG_DSP_ASSIGN, t, DF_ASSIGN);
		c = layout_control_for(rq, "assignee", MSG_DSP_ASSIGNEE, MSG_OK, false);
		layout_control_open(rq, &c);
		tmpl_raw(rq, "<select");	/* literal */
		layout_control_attrs(rq, &c);
		tmpl_raw(rq, ">");	/* literal */
		for (i = 0; i < nus; i++) {
			tmpl_raw(rq, "<option");	/* literal */
			tmpl_attr(rq, "value", us[i].login);
			if ((v->d.assignee_id != 0 && us[i].id == v->d.assignee_id) ||
			    (v->d.assignee_id == 0 && rq->user != NULL && us[i].id == rq->user->id))
				tmpl_raw(rq, " selected");	/* literal */
			tmpl_raw(rq, ">");	/* literal */
			tmpl_text(rq, us[i].login);
			tmpl_raw(rq, "</option>");	/* literal */
		}
		tmpl_raw(rq, "</select></div>\n");	/* literal */
		form_close(rq, MSG_DSP_ASSIGN);
	}
	form_open(rq, v->d.id, "notes", MSG_DSP_NOTE, t, DF_NOTE);
	c = layout_control_for(rq, "note", MSG_DSP_F_NOTE, MSG_OK, false);
	layout_textarea(rq, &c, typed(t, DF_NOTE), DW_NOTE_ROWS, 0, true);
	if (v->staff) {
		tmpl_raw(rq, "<div class=\"check\"><input type=\"checkbox\" id=\"f-party\" "
		    "name=\"party\" value=\"on\"");	/* literal */
		if (t != NULL && t->form == DF_NOTE && t->party)
			tmpl_raw(rq, " checked");	/* literal */
		tmpl_raw(rq, "><label for=\"f-party\">");	/* literal */
		tmpl_msg(rq, MSG_DSP_F_PARTY_STATEMENT);
		tmpl_raw(rq, "</label></div>\n");	/* literal */
	}
	form_close(rq, MSG_DSP_NOTE);
	if (v->staff && v->d.state == DST_COORDINATING) {
		form_open(rq, v->d.id, "resolve", MSG_DSP_RESOLVE, t, DF_RESOLVE);
		c = layout_control_for(rq, "outcome", MSG_DSP_RESOLUTION,
		    MSG_DSP_RESOLUTION_HINT, false);
		layout_textarea(rq, &c, typed(t, DF_RESOLVE), DW_NOTE_ROWS, 0, true);
		form_close(rq, MSG_DSP_RESOLVE);
	}
	if (v->filer || (rq->user != NULL && v->d.recorded_by == rq->user->id)) {
		form_open(rq, v->d.id, "withdraw", MSG_DSP_WITHDRAW, t, DF_WITHDRAW);
		c = layout_control_for(rq, "reason", MSG_DSP_F_REASON, MSG_OK, true);
		layout_textarea(rq, &c, typed(t, DF_WITHDRAW), 3, 0, false);
		form_close(rq, MSG_DSP_WITHDRAW);
	}
}

static enum app_err
view_page(struct req *rq, int status, const char *id, const struct df_typed *t,
    const char *done)
{
	struct svc_ctx		c = web_ctx(rq);
	struct dispute_view	v;
	struct fault		f = { .er = APP_OK };
	enum msg_id		dm;
	enum app_err		er;

	if ((er = svc_dispute_get(&c, id, &v, &f)) != APP_OK)
		return rq->err != APP_OK ? rq->err : web_fault(rq, er, &f);
	resp_html(rq, status);
	layout_begin(rq, MSG_DSP_VIEW_TITLE);
	tmpl_raw(rq, "<p class=\"crumbs\"><a");	/* literal */
	tmpl_href(rq, v.staff ? "/staff/disputes" : "/disputes");
	tmpl_raw(rq, ">");	/* literal */
	tmpl_msg(rq, v.staff ? MSG_DSP_QUEUE_TITLE : MSG_DSP_LIST_TITLE);
	tmpl_raw(rq, "</a></p>\n<h1>");	/* literal */
	tmpl_text(rq, v.d.title);
	tmpl_raw(rq, " ");	/* literal */
	state_badge(rq, v.d.state);
	tmpl_raw(rq, "</h1>\n");	/* literal */
	if ((dm = done_msg(done)) != MSG_OK)
		layout_flash_msg(rq, FLASH_OK, dm);
	tmpl_raw(rq, "<section class=\"detail\" id=\"dispute\"><dl class=\"meta\">");	/* literal */
	layout_wrap(rq, "<dt>", MSG_DSP_ID, "</dt><dd><code>");
	tmpl_text(rq, v.d.id);
	tmpl_raw(rq, "</code></dd>");	/* literal */
	layout_wrap(rq, "<dt>", MSG_DSP_PRIORITY, "</dt><dd>");
	priority_badge(rq, v.d.priority);
	tmpl_raw(rq, "</dd>");	/* literal */
	dl_msg(rq, MSG_DSP_F_CATEGORY, category_msgs[v.d.category]);
	layout_dl_text(rq, MSG_DSP_F_SUBJECT, v.d.subject_ref, false);
	layout_dl_text(rq, MSG_DSP_F_PARTY, v.d.other_party, false);
	layout_dl_text(rq, MSG_DSP_FILER, v.d.filer_org_name[0] != '\0' ?
	    arena_printf(rq->arena, "%s (%s)", v.d.filer_org_name, v.d.filer_login) :
	    v.d.filer_login, false);
	if (v.d.recorded_by_login[0] != '\0')
		layout_dl_text(rq, MSG_DSP_RECORDED_BY, v.d.recorded_by_login, false);
	layout_dl_time(rq, MSG_DSP_FILED_AT, v.d.filed_at, MSG_WEB_NONE);
	layout_wrap(rq, "<dt>", MSG_DSP_DUE, "</dt><dd>");
	clock_cell(rq, &v.d);
	tmpl_raw(rq, "</dd>");	/* literal */
	layout_dl_text(rq, MSG_DSP_ASSIGNEE, v.d.assignee_login, false);
	layout_dl_text(rq, MSG_DSP_F_WANTED, v.outcome_wanted, true);
	if (v.d.state == DST_RESOLVED)
		layout_dl_text(rq, MSG_DSP_RESOLUTION, v.resolution, true);
	tmpl_raw(rq, "</dl>");	/* literal */
	layout_wrap(rq, "<h2>", MSG_DSP_F_STATEMENT, "</h2><div class=\"pre-line\">");
	tmpl_text(rq, v.statement);
	tmpl_raw(rq, "</div></section>\n");	/* literal */
	timeline(rq, &v);
	if (dispute_open(v.d.state))
		step_forms(rq, &v, t);
	else if (t != NULL && t->form != DF_NONE)
		layout_form_errors(rq);
	layout_end(rq);
	return APP_OK;
}

static enum app_err
view_get(struct req *rq)
{
	const char	*id;

	if (!registry(rq))
		return not_registry(rq);
	if ((id = web_path_id(rq, DV_ID)) == NULL)
		return req_fail(rq, APP_NOTFOUND, NULL, MSG_ERR_NO_SUCH_DISPUTE);
	return view_page(rq, 200, id, NULL, web_pstr(req_param(rq, DV_DONE)));
}

static enum app_err
step_answer(struct req *rq, enum app_err er, struct fault *f, const char *id,
    const struct df_typed *t, const char *done)
{
	enum app_err	rer;
	int		status;

	if (er == APP_OK)
		return resp_redirect(rq, arena_printf(rq->arena, "/disputes/%s?done=%s#timeline",
		    id, done));
	er = web_fault(rq, er, f);
	status = web_form_status(rq, er, f);
	if (status != 0 && (rer = view_page(rq, status, id, t, "")) != APP_OK)
		er = rer;
	return er;
}

/* The id of a step's path, or NULL after answering not found. */
static const char *
step_id(struct req *rq)
{
	const char	*id = web_path_id(rq, DS_ID);

	if (id == NULL)
		req_fail(rq, APP_NOTFOUND, NULL, MSG_ERR_NO_SUCH_DISPUTE);
	return id;
}

static enum app_err
assign_post(struct req *rq)
{
	struct svc_ctx		c = web_ctx(rq);
	struct dispute_row	d;
	struct fault		f = { .er = APP_OK };
	struct df_typed		t = { DF_ASSIGN, web_pstr(req_param(rq, DS_TEXT)), false };
	const char		*id;

	if (!registry(rq))
		return not_registry(rq);
	if ((id = step_id(rq)) == NULL)
		return rq->err;
	return step_answer(rq, svc_dispute_assign(&c, id, t.text, &d, &f), &f, id, &t,
	    "assigned");
}

static enum app_err
note_post(struct req *rq)
{
	struct svc_ctx		c = web_ctx(rq);
	struct dispute_row	d;
	struct fault		f = { .er = APP_OK };
	struct df_typed		t = { DF_NOTE, web_pstr(req_param(rq, DS_TEXT)),
				    req_param(rq, DS_PARTY)->present && req_param(rq, DS_PARTY)->b };
	const char		*id;

	if (!registry(rq))
		return not_registry(rq);
	if ((id = step_id(rq)) == NULL)
		return rq->err;
	return step_answer(rq, svc_dispute_note(&c, id, t.text, t.party, &d, &f), &f, id, &t,
	    "noted");
}

static enum app_err
resolve_post(struct req *rq)
{
	struct svc_ctx		c = web_ctx(rq);
	struct dispute_row	d;
	struct fault		f = { .er = APP_OK };
	struct df_typed		t = { DF_RESOLVE, web_pstr(req_param(rq, DS_TEXT)), false };
	const char		*id;

	if (!registry(rq))
		return not_registry(rq);
	if ((id = step_id(rq)) == NULL)
		return rq->err;
	return step_answer(rq, svc_dispute_resolve(&c, id, t.text, &d, &f), &f, id, &t,
	    "resolved");
}

static enum app_err
withdraw_post(struct req *rq)
{
	struct svc_ctx		c = web_ctx(rq);
	struct dispute_row	d;
	struct fault		f = { .er = APP_OK };
	struct df_typed		t = { DF_WITHDRAW, web_pstr(req_param(rq, DS_TEXT)), false };
	const char		*id;

	if (!registry(rq))
		return not_registry(rq);
	if ((id = step_id(rq)) == NULL)
		return rq->err;
	return step_answer(rq, svc_dispute_withdraw(&c, id, t.text, &d, &f), &f, id, &t,
	    "withdrawn");
}

/* Every page takes an account; svc/ decides who reads and does what. */
const struct route dispute_web_routes[] = {
	{ HTTP_GET, "/disputes", PERM_ACCOUNT, R_WEB, PARAMS(list_params), list_get },
	{ HTTP_GET, "/disputes/new", PERM_ACCOUNT, R_WEB, NOPARAMS, new_get },
	{ HTTP_POST, "/disputes/new", PERM_ACCOUNT, R_WEB | R_FORM, PARAMS(new_params),
	    new_post },
	{ HTTP_GET, "/disputes/{id}", PERM_ACCOUNT, R_WEB, PARAMS(view_params), view_get },
	{ HTTP_POST, "/disputes/{id}/assign", PERM_CASES_MANAGE, R_WEB | R_FORM,
	    PARAMS(assign_params), assign_post },
	{ HTTP_POST, "/disputes/{id}/notes", PERM_ACCOUNT, R_WEB | R_FORM, PARAMS(note_params),
	    note_post },
	{ HTTP_POST, "/disputes/{id}/resolve", PERM_CASES_MANAGE, R_WEB | R_FORM,
	    PARAMS(resolve_params), resolve_post },
	{ HTTP_POST, "/disputes/{id}/withdraw", PERM_ACCOUNT, R_WEB | R_FORM,
	    PARAMS(withdraw_params), withdraw_post },
	{ HTTP_GET, "/staff/disputes", PERM_CASES_MANAGE, R_WEB, PARAMS(list_params),
	    queue_get },
};
const size_t	dispute_web_nroutes = sizeof(dispute_web_routes) / sizeof(dispute_web_routes[0]);
