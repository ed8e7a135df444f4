/*
 * The clocks on the pages (issue 6):
 *
 *   the case page	(staff) the case's clocks: what each times, when it is
 *			due in China time (UTC+8), the rule and period it
 *			comes from, its state, the calendar version, and a
 *			form that waives it with a reason
 *   GET /deadlines	(staff and auditors) what is overdue and what falls
 *			due within 7 days, each linked to its case or report
 *   the report page	(staff) a button that acknowledges a received report,
 *			which meets its acknowledgement clock (R42)
 *
 * Reads and changes go through svc/deadlines.h and svc_report_acknowledge,
 * which decide who may; the forms answer as the case page's others do
 * (cases.c): a redirect back, or the page again (422) with the refusal and
 * its rule beside the form.
 */
#include <string.h>

#include "core/arena.h"
#include "core/calendar.h"
#include "domain/authz.h"
#include "domain/deadline.h"
#include "domain/report.h"
#include "store/store.h"
#include "svc/cases.h"
#include "svc/deadlines.h"
#include "web/cases_int.h"
#include "web/layout.h"
#include "web/reports_int.h"
#include "web/tmpl.h"
#include "web/web.h"
#include "web/web_int.h"

#define CLOCKS_CASE_MAX		100		/* clocks read for one case: a few per vendor */
#define DASH_ROWS		200		/* rows of each dashboard table */
#define DASH_HORIZON		(7 * 86400)	/* "due in the next 7 days" */
#define DASH_SCAN_PAGES		20		/* pages of open clocks read for that table */
#define WAIVE_ROWS		2		/* rows of the reason's textarea */
#define REPORT_ID_MIN		8		/* transport bounds; report_id_valid decides */
#define REPORT_ID_MAX		40

/* The case's clocks, loaded by cw_clocks_load (staff only). */
struct cw_clocks {
	struct deadline_row	*d;
	size_t			 n;
};

static const enum msg_id kind_msgs[DL__MAX] = {
	[DL_ACK] = MSG_WEB_DL_KIND_ACK,
	[DL_VENDOR_RESPONSE] = MSG_WEB_DL_KIND_VENDOR_RESPONSE,
	[DL_SUBMISSION] = MSG_WEB_DL_KIND_SUBMISSION,
	[DL_PUBLICATION] = MSG_WEB_DL_KIND_PUBLICATION,
	[DL_FILING_REVIEW] = MSG_WEB_DL_KIND_FILING_REVIEW,
	[DL_FILING_SUPPLEMENT] = MSG_WEB_DL_KIND_FILING_SUPPLEMENT,
	[DL_CHANGE_FILING] = MSG_WEB_DL_KIND_CHANGE_FILING,
	[DL_INITIAL_FILING] = MSG_WEB_DL_KIND_INITIAL_FILING,
	[DL_DISPUTE] = MSG_WEB_DL_KIND_DISPUTE,
	[DL_WARNING_ACK] = MSG_WEB_DL_KIND_WARNING_ACK,
};

static const enum msg_id state_msgs[DLS__MAX] = {
	[DLS_OPEN] = MSG_WEB_DLS_OPEN,
	[DLS_MET] = MSG_WEB_DLS_MET,
	[DLS_MISSED] = MSG_WEB_DLS_MISSED,
	[DLS_PAUSED] = MSG_WEB_DLS_PAUSED,
	[DLS_WAIVED] = MSG_WEB_DLS_WAIVED,
};

/* GET /deadlines */
enum { DASH_KIND, DASH__MAX };
static const struct param dash_params[DASH__MAX] = {
	[DASH_KIND] = { "kind", PARAM_TEXT, .max = CW_CHOICE_MAX },	/* svc names a bad one */
};

/* POST /cases/{id}/deadlines/{did}/waive */
enum { CWAIVE_ID, CWAIVE_DID, CWAIVE_REASON, CWAIVE__MAX };
static const struct param clock_waive_params[CWAIVE__MAX] = {
	[CWAIVE_ID] = { "id", PARAM_TEXT, .max = CW_ID_MAX, .required = true },	/* case_id_valid */
	[CWAIVE_DID] = { "did", PARAM_I64, .min = 1, .max = INT64_MAX,
	    .required = true },					/* the clock */
	[CWAIVE_REASON] = { "reason", PARAM_MULTILINE, .max = CW_TEXT_MAX },	/* svc counts bytes */
};

/* POST /reports/{id}/acknowledge: the id first, as REPORT_ID (rp_view reads it). */
enum { CACK_ID, CACK__MAX };
static const struct param clock_ack_params[CACK__MAX] = {
	[CACK_ID] = { "id", PARAM_TEXT, .min = REPORT_ID_MIN, .max = REPORT_ID_MAX,
	    .required = true },					/* report_id_valid */
};

static enum app_err	report_ack_post(struct req *rq);

/* --- pieces --- */

static enum msg_id
kind_msg(enum deadline_kind k)
{
	return (unsigned)k < DL__MAX ? kind_msgs[k] : MSG_WEB_NONE;
}

/*
 * The due time in China time, "2026-11-23 24:00": a day's end is written
 * as the rules count it (24:00 of that day, not 00:00 of the next).
 */
static const char *
due_text(struct req *rq, int64_t t)
{
	int64_t	day = date_of_time(t), sod = t - date_start_time(day);
	char	d[16];

	if (sod == 0) {
		day--;
		sod = 86400;
	}
	date_format(day, d, sizeof(d));
	return arena_printf(rq->arena, "%s %02d:%02d", d, (int)(sod / 3600),
	    (int)(sod % 3600 / 60));
}

/* "in 5 h", "3 d overdue": how far the due time is from now. */
static const char *
left_text(struct req *rq, int64_t due, int64_t now)
{
	bool	over = now >= due;
	int64_t	d = over ? now - due : due - now;

	if (d < 3600)
		return layout_msgf(rq, over ? MSG_WEB_DL_OVER_MIN : MSG_WEB_DL_IN_MIN,
		    (long long)((d + 59) / 60));
	if (d < 2 * 86400)
		return layout_msgf(rq, over ? MSG_WEB_DL_OVER_H : MSG_WEB_DL_IN_H,
		    (long long)(d / 3600));
	return layout_msgf(rq, over ? MSG_WEB_DL_OVER_D : MSG_WEB_DL_IN_D,
	    (long long)(d / 86400));
}

/* <span class="badge ...">text</span>; cls is a literal. */
static void
badge(struct req *rq, const char *cls, enum msg_id text)
{
	tmpl_raw(rq, " <span");	/* literal */
	tmpl_attr(rq, "class", cls);
	tmpl_raw(rq, ">");	/* literal */
	tmpl_msg(rq, text);
	tmpl_raw(rq, "</span>");	/* literal */
}

/* The state, with "met late", "overdue" and "provisional" when they apply. */
static void
state_cell(struct req *rq, const struct deadline_row *d)
{
	tmpl_raw(rq, "<span");	/* literal */
	tmpl_attr(rq, "class", arena_printf(rq->arena, "badge dlstate dlstate-%s",
	    deadline_state_name(d->state)));
	tmpl_raw(rq, ">");	/* literal */
	tmpl_msg(rq, (unsigned)d->state < DLS__MAX ? state_msgs[d->state] : MSG_WEB_NONE);
	tmpl_raw(rq, "</span>");	/* literal */
	if (d->state == DLS_MISSED && d->met_at != 0)
		badge(rq, "badge badge-off", MSG_WEB_DL_MET_LATE);
	if (deadline_overdue(d->state, d->due_at, d->met_at, rq->now))
		badge(rq, "badge badge-warn dl-overdue", MSG_WEB_DL_OVERDUE_BADGE);
	if (d->provisional) {
		tmpl_raw(rq, " <span class=\"badge badge-off dl-provisional\"");	/* literal */
		tmpl_attr(rq, "title", req_msg(rq, MSG_WEB_DL_PROVISIONAL_HINT));
		tmpl_raw(rq, ">");	/* literal */
		tmpl_msg(rq, MSG_WEB_DL_PROVISIONAL);
		tmpl_raw(rq, "</span>");	/* literal */
	}
}

/* The due time, and how far it is while the clock runs. */
static void
due_cell(struct req *rq, const struct deadline_row *d)
{
	tmpl_raw(rq, "<td class=\"nowrap\"><time>");	/* literal */
	tmpl_text(rq, due_text(rq, d->due_at));
	tmpl_raw(rq, "</time>");	/* literal */
	if (d->state == DLS_OPEN || (d->state == DLS_MISSED && d->met_at == 0 &&
	    d->due_at <= rq->now)) {
		tmpl_raw(rq, "<br><span class=\"muted\">");	/* literal */
		tmpl_text(rq, left_text(rq, d->due_at, rq->now));
		tmpl_raw(rq, "</span>");	/* literal */
	}
	tmpl_raw(rq, "</td>");	/* literal */
}

/* --- the case page's section --- */

enum app_err
cw_clocks_load(struct req *rq, struct case_view *v)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct deadline_query	 q = { .case_id = v->k.id, .limit = CLOCKS_CASE_MAX };
	struct cw_clocks	*cl;
	enum app_err		 er;

	if (!v->staff)
		return APP_OK;
	cl = ARENA_NEW(rq->arena, struct cw_clocks);
	if ((er = svc_deadline_list(&c, &q, &cl->d, &cl->n, &f)) != APP_OK)
		return web_fault(rq, er, &f);
	v->clocks = cl;
	return APP_OK;
}

/* Whether the form that came back is this section's. */
static bool
clock_failed(const struct case_view *v)
{
	return v->failed == CFORM_EXT && v->t.ext_form != NULL &&
	    strcmp(v->t.ext_form, "clock") == 0;
}

/* Whether the clock that came back is d (its id is ext[1]). */
static bool
clock_failed_on(struct req *rq, const struct case_view *v, const struct deadline_row *d)
{
	return clock_failed(v) && v->t.ext[1] != NULL &&
	    strcmp(v->t.ext[1], arena_printf(rq->arena, "%lld", (long long)d->id)) == 0;
}

/* A coordinator may waive a running or missed clock; the 报送's goes with the 报送. */
static bool
waivable(const struct deadline_row *d)
{
	return d->kind != DL_SUBMISSION && (d->state == DLS_OPEN || d->state == DLS_PAUSED ||
	    d->state == DLS_MISSED);
}

static void
waive_form(struct req *rq, const struct case_view *v, const struct deadline_row *d)
{
	bool			 again = clock_failed_on(rq, v, d);
	struct layout_control	 c = {
		.name = "reason",
		.id = arena_printf(rq->arena, "f-waive-%lld", (long long)d->id),
		.label = MSG_WEB_DL_F_REASON,
		.hint = MSG_OK,
		.err = again ? cw_problem(rq, v, CFORM_EXT, "reason") : NULL,
	};
	const char		*value = again && v->t.ext[0] != NULL ? v->t.ext[0] : "";

	if (again)
		cw_form_errors(rq, v, CFORM_EXT);
	tmpl_raw(rq, "<form class=\"stack waive\" method=\"post\"");	/* literal */
	tmpl_attr(rq, "action", arena_printf(rq->arena, "/cases/%s/deadlines/%lld/waive",
	    v->k.id, (long long)d->id));
	tmpl_raw(rq, ">");	/* literal */
	tmpl_csrf(rq);
	layout_control_open(rq, &c);
	tmpl_raw(rq, "<textarea required");	/* literal */
	layout_control_attrs(rq, &c);
	tmpl_attr(rq, "rows", arena_printf(rq->arena, "%d", WAIVE_ROWS));
	tmpl_raw(rq, ">");	/* literal */
	/* A textarea drops one leading newline: keep a typed one. */
	if (value[0] == '\n')
		tmpl_raw(rq, "\n");	/* literal */
	tmpl_text(rq, value);
	tmpl_raw(rq, "</textarea></div>\n");	/* literal */
	layout_submit(rq, MSG_WEB_DL_WAIVE_SUBMIT);
	tmpl_raw(rq, "</form>");	/* literal */
}

/* Whether the page answers GET /cases/{id}?done=deadline_waived. */
static bool
just_waived(struct req *rq, const struct case_view *v)
{
	return v->failed == CFORM_NONE && rq->route != NULL &&
	    rq->route->params == case_view_params &&
	    strcmp(web_pstr(req_param(rq, CVIEW_DONE)), "deadline_waived") == 0;
}

void
cw_clocks_section(struct req *rq, const struct case_view *v)
{
	const struct cw_clocks		*cl = v->clocks;
	const struct deadline_row	*d;
	bool				 beside = false;
	size_t				 i;

	if (cl == NULL)
		return;
	tmpl_raw(rq, "<section class=\"detail\" id=\"clocks\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_DL_SEC, "</h2>\n");
	layout_wrap(rq, "<p class=\"hint\">", MSG_WEB_DL_CASE_HINT, "</p>\n");
	if (just_waived(rq, v))
		layout_flash_msg(rq, FLASH_OK, MSG_WEB_DL_DONE_WAIVED);
	/* The refusal goes beside its clock's form, or here when that form is gone. */
	for (i = 0; i < cl->n; i++)
		if (waivable(&cl->d[i]) && clock_failed_on(rq, v, &cl->d[i]))
			beside = true;
	if (clock_failed(v) && !beside)
		cw_form_errors(rq, v, CFORM_EXT);
	if (cl->n == 0) {
		layout_wrap(rq, "<p class=\"muted\">", MSG_WEB_DL_CASE_NONE, "</p>\n");
		tmpl_raw(rq, "</section>\n");	/* literal */
		return;
	}
	tmpl_raw(rq, "<div class=\"table-wrap\"><table class=\"data clocks\"><thead><tr>");	/* literal */
	layout_th(rq, MSG_WEB_DL_H_KIND);
	layout_th(rq, MSG_WEB_DL_H_SUBJECT);
	layout_th(rq, MSG_WEB_DL_H_DUE);
	layout_th(rq, MSG_WEB_DL_H_RULE);
	layout_th(rq, MSG_WEB_DL_H_PERIOD);
	layout_th(rq, MSG_WEB_DL_H_STATE);
	layout_th(rq, MSG_WEB_DL_H_CALENDAR);
	layout_th(rq, MSG_WEB_DL_H_WAIVE);
	tmpl_raw(rq, "</tr></thead><tbody>\n");	/* literal */
	for (i = 0; i < cl->n; i++) {
		d = &cl->d[i];
		tmpl_raw(rq, "<tr");	/* literal */
		tmpl_attr(rq, "id", arena_printf(rq->arena, "clock-%lld", (long long)d->id));
		tmpl_raw(rq, "><td>");	/* literal */
		tmpl_msg(rq, kind_msg(d->kind));
		tmpl_raw(rq, "</td><td><code>");	/* literal */
		tmpl_text(rq, d->subject);
		tmpl_raw(rq, "</code></td>");	/* literal */
		due_cell(rq, d);
		tmpl_raw(rq, "<td>");	/* literal */
		tmpl_text(rq, d->rule);
		tmpl_raw(rq, "</td><td><code>");	/* literal */
		tmpl_text(rq, d->period);
		tmpl_raw(rq, "</code></td><td>");	/* literal */
		state_cell(rq, d);
		tmpl_raw(rq, "</td><td><small class=\"muted\">");	/* literal */
		tmpl_text(rq, d->calendar_version);
		tmpl_raw(rq, "</small></td><td>");	/* literal */
		if (waivable(d))
			waive_form(rq, v, d);
		else if (d->state == DLS_WAIVED && d->reason[0] != '\0') {
			tmpl_raw(rq, "<span class=\"pre-line\">");	/* literal */
			tmpl_text(rq, layout_msgf(rq, MSG_WEB_DL_WAIVED_BY, d->reason));
			tmpl_raw(rq, "</span>");	/* literal */
		}
		tmpl_raw(rq, "</td></tr>\n");	/* literal */
	}
	tmpl_raw(rq, "</tbody></table></div></section>\n");	/* literal */
}

static enum app_err
clock_waive_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct case_typed	 t = { 0 };
	struct deadline_row	 d, out;
	struct reminder_row	*rem;
	const char		*id = cw_case_id(req_param(rq, CWAIVE_ID));
	int64_t			 did = req_param(rq, CWAIVE_DID)->i;
	size_t			 nrem;
	int			 status;
	enum app_err		 er, rer;

	if (id == NULL)
		return req_fail(rq, APP_NOTFOUND, "id", MSG_ERR_NO_SUCH_CASE);
	t.ext_form = "clock";
	t.ext[0] = web_pstr(req_param(rq, CWAIVE_REASON));
	t.ext[1] = arena_printf(rq->arena, "%lld", (long long)did);
	/* The form names its case: another case's clock is not found here. */
	if ((er = svc_deadline_get(&c, did, &d, &rem, &nrem, &f)) == APP_OK &&
	    strcmp(d.case_id, id) != 0)
		er = fault_set(&f, APP_NOTFOUND, NULL, MSG_ERR_NO_SUCH_DEADLINE, 0);
	if (er == APP_OK && (er = svc_deadline_waive(&c, did, t.ext[0], &out, &f)) == APP_OK)
		/* case_id_valid: PREFIX-C-YYYY-digits, safe in a URL as it is. */
		return resp_redirect(rq, arena_printf(rq->arena,
		    "/cases/%s?done=deadline_waived#clocks", id));
	er = web_fault(rq, er, &f);
	status = web_form_status(rq, er, &f);
	/* A reason past the limits: the person can shorten it. */
	if (er == APP_TOOBIG && f.field != NULL)
		status = 422;
	if (status != 0 && (rer = case_page(rq, status, id, CFORM_EXT, &t)) != APP_OK)
		er = rer;
	return er;
}

/* --- the report page: acknowledge --- */

void
cw_ack_button(struct req *rq, const struct report *r)
{
	/* A refused acknowledgement comes back here with its reason. */
	bool	failed = rq->route != NULL && rq->route->handler == report_ack_post;

	if (rq->user == NULL || !authz_allows(rq->user->role, PERM_CASES_MANAGE) ||
	    (r->status != RSTATUS_RECEIVED && !failed))
		return;
	tmpl_raw(rq, "<section class=\"detail\" id=\"acknowledge\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_ACK_HEADING, "</h2>\n");
	layout_wrap(rq, "<p class=\"hint\">", MSG_WEB_ACK_HINT, "</p>\n");
	if (failed)
		layout_form_errors(rq);
	if (r->status == RSTATUS_RECEIVED) {
		tmpl_raw(rq, "<form class=\"inline\" method=\"post\"");	/* literal */
		tmpl_attr(rq, "action", arena_printf(rq->arena, "/reports/%s/acknowledge",
		    r->id));
		tmpl_raw(rq, ">");	/* literal */
		tmpl_csrf(rq);
		tmpl_raw(rq, "<button type=\"submit\" class=\"primary\">");	/* literal */
		tmpl_msg(rq, MSG_WEB_ACK_SUBMIT);
		tmpl_raw(rq, "</button></form>\n");	/* literal */
	}
	tmpl_raw(rq, "</section>\n");	/* literal */
}

static enum app_err
report_ack_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	const struct param_val	*id = req_param(rq, CACK_ID);
	int			 status;
	enum app_err		 er, rer;

	if (!id->present || !report_id_valid(id->s))
		return req_fail(rq, APP_NOTFOUND, "id", MSG_ERR_NO_SUCH_REPORT);
	if ((er = svc_report_acknowledge(&c, id->s.p, &f)) == APP_OK)
		/* report_id_valid: PREFIX-YYYY-digits, safe in a URL as it is. */
		return resp_redirect(rq, arena_printf(rq->arena, "/reports/%s#acknowledge",
		    id->s.p));
	er = web_fault(rq, er, &f);
	/* A report that is not there: the error page, never a form. */
	status = er == APP_NOTFOUND ? 0 : web_form_status(rq, er, &f);
	if (status != 0 && (rer = rp_view(rq, status)) != APP_OK)
		er = rer;
	return er;
}

/* --- the dashboard: GET /deadlines --- */

/* One table's rows, with the titles the staff see. */
struct dash_table {
	struct deadline_row	*d;
	const char		**title;	/* [n]: NULL when not shown */
	size_t			 n;
	bool			 more;		/* rows were left out */
};

/*
 * Open clocks due after now and within DASH_HORIZON, soonest first.  The
 * list runs by due time, open clocks already past due first (the
 * scheduler marks them missed within a minute), so it is read page by page
 * until a clock falls beyond the horizon.
 */
static enum app_err
upcoming(const struct svc_ctx *c, const char *kind, struct dash_table *t, struct fault *f)
{
	struct deadline_query	 q = { "open", NULL, NULL, kind, 0, DASH_ROWS };
	struct deadline_row	*page;
	size_t			 np, i;
	int			 pages;
	enum app_err		 er;

	t->d = arena_calloc(c->a, DASH_ROWS + 1, sizeof(*t->d));
	t->n = 0;
	for (pages = 0; pages < DASH_SCAN_PAGES; pages++) {
		if ((er = svc_deadline_list(c, &q, &page, &np, f)) != APP_OK)
			return er;
		for (i = 0; i < np; i++) {
			if (page[i].due_at > c->now + DASH_HORIZON)
				return APP_OK;
			if (page[i].due_at <= c->now)
				continue;	/* overdue: the other table */
			if (t->n == DASH_ROWS) {
				t->more = true;
				return APP_OK;
			}
			t->d[t->n++] = page[i];
		}
		if (np < DASH_ROWS)
			return APP_OK;
		q.skip += (int64_t)np;
	}
	t->more = true;
	return APP_OK;
}

/* The case's or the report's title, for the staff; NULL when there is none. */
static enum app_err
titles(struct req *rq, struct dash_table *t)
{
	struct case_row		k;
	struct report_brief	b;
	size_t			i;
	enum app_err		er;

	t->title = arena_calloc(rq->arena, t->n + 1, sizeof(*t->title));
	if (!authz_allows(rq->user->role, PERM_CASES_MANAGE))
		return APP_OK;
	for (i = 0; i < t->n; i++) {
		if (t->d[i].case_id[0] != '\0')
			er = store_case_get(rq->store, rq->arena, t->d[i].case_id, &k);
		else if (t->d[i].report_id[0] != '\0')
			er = store_report_brief(rq->store, rq->arena, t->d[i].report_id, &b);
		else
			continue;
		if (er == APP_NOTFOUND)
			continue;
		if (er != APP_OK)
			return req_fail(rq, er, NULL, MSG_ERR_STORE);
		t->title[i] = t->d[i].case_id[0] != '\0' ? k.title : b.title;
	}
	return APP_OK;
}

/* Where a row leads: its case, or its report, for those who may open them. */
static const char *
row_href(struct req *rq, const struct deadline_row *d)
{
	if (!authz_allows(rq->user->role, PERM_CASES_MANAGE))
		return NULL;
	if (d->case_id[0] != '\0' && case_id_valid(d->case_id))
		return arena_printf(rq->arena, "/cases/%s", d->case_id);
	if (d->report_id[0] != '\0' && report_id_valid(str_from(d->report_id)))
		return arena_printf(rq->arena, "/reports/%s", d->report_id);
	return NULL;
}

static void
dash_section(struct req *rq, const struct dash_table *t, const char *id, enum msg_id heading,
    enum msg_id none)
{
	const struct deadline_row	*d;
	size_t				 i;

	tmpl_raw(rq, "<section class=\"detail\"");	/* literal */
	tmpl_attr(rq, "id", id);
	tmpl_raw(rq, ">");	/* literal */
	layout_wrap(rq, "<h2>", heading, "</h2>\n");
	if (t->n == 0) {
		layout_wrap(rq, "<p class=\"muted\">", none, "</p></section>\n");
		return;
	}
	tmpl_raw(rq, "<div class=\"table-wrap\"><table class=\"data deadlines\"><thead><tr>");	/* literal */
	layout_th(rq, MSG_WEB_DL_H_ABOUT);
	layout_th(rq, MSG_WEB_DL_H_KIND);
	layout_th(rq, MSG_WEB_DL_H_DUE);
	layout_th(rq, MSG_WEB_DL_H_LEFT);
	layout_th(rq, MSG_WEB_DL_H_RULE);
	layout_th(rq, MSG_WEB_DL_H_STATE);
	tmpl_raw(rq, "</tr></thead><tbody>\n");	/* literal */
	for (i = 0; i < t->n; i++) {
		d = &t->d[i];
		tmpl_raw(rq, "<tr><td>");	/* literal */
		layout_code_link(rq, row_href(rq, d), d->case_id[0] != '\0' ? d->case_id :
		    d->report_id[0] != '\0' ? d->report_id : d->subject);
		if (t->title[i] != NULL) {
			tmpl_raw(rq, "<br>");	/* literal */
			tmpl_text(rq, t->title[i]);
		}
		/* A vendor's clock names the vendor in its subject. */
		if (d->kind == DL_VENDOR_RESPONSE) {
			tmpl_raw(rq, "<br><code class=\"muted\">");	/* literal */
			tmpl_text(rq, d->subject);
			tmpl_raw(rq, "</code>");	/* literal */
		}
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_msg(rq, kind_msg(d->kind));
		tmpl_raw(rq, "</td><td class=\"nowrap\"><time>");	/* literal */
		tmpl_text(rq, due_text(rq, d->due_at));
		tmpl_raw(rq, "</time></td><td class=\"nowrap\">");	/* literal */
		/* A clock judged missed ahead of time (deadlines run --as-of) has no "in". */
		if (d->state != DLS_MISSED || d->due_at <= rq->now)
			tmpl_text(rq, left_text(rq, d->due_at, rq->now));
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_text(rq, d->rule);
		tmpl_raw(rq, "</td><td>");	/* literal */
		state_cell(rq, d);
		tmpl_raw(rq, "</td></tr>\n");	/* literal */
	}
	tmpl_raw(rq, "</tbody></table></div>\n");	/* literal */
	if (t->more) {
		tmpl_raw(rq, "<p class=\"hint\">");	/* literal */
		tmpl_text(rq, layout_msgf(rq, MSG_WEB_DL_MORE, DASH_ROWS));
		tmpl_raw(rq, "</p>\n");	/* literal */
	}
	tmpl_raw(rq, "</section>\n");	/* literal */
}

static void
kind_filter(struct req *rq, const char *cur)
{
	int	k;

	tmpl_raw(rq, "<form class=\"filters\" method=\"get\" action=\"/deadlines\" "
	    "role=\"search\" aria-label=\"");	/* literal */
	tmpl_msg(rq, MSG_WEB_DL_FILTER_LABEL);
	tmpl_raw(rq, "\"><div class=\"field\"><label for=\"q-kind\">");	/* literal */
	tmpl_msg(rq, MSG_WEB_DL_F_KIND);
	tmpl_raw(rq, "</label><select id=\"q-kind\" name=\"kind\">");	/* literal */
	cw_option(rq, "", req_msg(rq, MSG_WEB_DL_KIND_ALL), cur);
	for (k = 0; k < DL__MAX; k++)
		cw_option(rq, deadline_kind_name((enum deadline_kind)k),
		    req_msg(rq, kind_msg((enum deadline_kind)k)), cur);
	tmpl_raw(rq, "</select></div><div class=\"field\"><button type=\"submit\" "
	    "class=\"primary\">");	/* literal */
	tmpl_msg(rq, MSG_WEB_REPORTS_FILTER);
	tmpl_raw(rq, "</button></div>");	/* literal */
	if (cur[0] != '\0') {
		tmpl_raw(rq, "<div class=\"field\">");	/* literal */
		layout_link(rq, "/deadlines", MSG_WEB_REPORTS_CLEAR);
		tmpl_raw(rq, "</div>");	/* literal */
	}
	tmpl_raw(rq, "</form>\n");	/* literal */
}

static enum app_err
deadlines_get(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct dash_table	 over = { 0 }, soon = { 0 };
	const char		*kind = web_pstr(req_param(rq, DASH_KIND));
	/* One row more than shown tells whether rows were left out. */
	struct deadline_query	 q = { "overdue", NULL, NULL, kind[0] != '\0' ? kind : NULL,
				    0, DASH_ROWS + 1 };
	enum app_err		 er;

	if ((er = svc_deadline_list(&c, &q, &over.d, &over.n, &f)) != APP_OK ||
	    (er = upcoming(&c, q.kind, &soon, &f)) != APP_OK)
		return web_fault(rq, er, &f);
	if (over.n > DASH_ROWS) {
		over.n = DASH_ROWS;
		over.more = true;
	}
	if ((er = titles(rq, &over)) != APP_OK || (er = titles(rq, &soon)) != APP_OK)
		return er;

	resp_html(rq, 200);
	layout_begin(rq, MSG_WEB_DL_TITLE);
	layout_wrap(rq, "<h1>", MSG_WEB_DL_TITLE, "</h1>\n");
	layout_wrap(rq, "<p class=\"lead\">", MSG_WEB_DL_INTRO, "</p>\n");
	kind_filter(rq, kind);
	dash_section(rq, &over, "overdue", MSG_WEB_DL_OVERDUE, MSG_WEB_DL_OVERDUE_NONE);
	dash_section(rq, &soon, "upcoming", MSG_WEB_DL_UPCOMING, MSG_WEB_DL_UPCOMING_NONE);
	layout_end(rq);
	return APP_OK;
}

/*
 * The dashboard lets any account in and svc_deadline_list refuses all but
 * the staff and the auditors (with its rule); waiving is the coordinators'
 * (PERM_CASES_MANAGE, svc checks again), as is acknowledging a report.
 */
const struct route clock_web_routes[] = {
	{ HTTP_GET, "/deadlines", PERM_ACCOUNT, R_WEB, PARAMS(dash_params), deadlines_get },
	{ HTTP_POST, "/cases/{id}/deadlines/{did}/waive", PERM_CASES_MANAGE, R_WEB | R_FORM,
	    PARAMS(clock_waive_params), clock_waive_post },
	{ HTTP_POST, "/reports/{id}/acknowledge", PERM_CASES_MANAGE, R_WEB | R_FORM,
	    PARAMS(clock_ack_params), report_ack_post },
};
const size_t	clock_web_nroutes = sizeof(clock_web_routes) / sizeof(clock_web_routes[0]);
