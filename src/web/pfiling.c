/*
 * 备案, platform side (issue 8): the administrator's page.
 *
 *   /staff/filing			status and application, the registry's 补正
 *					items, the actions the state allows (submit,
 *					change, refresh, export, the outcome of a
 *					filing handed in by hand), the change tasks
 *					with their clocks, the dossier editor grouped
 *					by 第四条 (一)-(六), the documents, the
 *					deregistration with the handover of open
 *					cases, and the history
 *   /staff/filing/documents/{key}	a document's bytes
 *   /staff/filing/export		the dossier as the registry receives it
 *
 * Each form calls the one svc/ use case the API (api/pfiling.c) calls too
 * and answers with a redirect back (POST-redirect-GET), or with the page
 * again (422) showing the refusal beside the form.  Platform role only:
 * 404 elsewhere.  An ID number is never on the page: a masked copy in the
 * hint, an empty input that keeps the stored one.
 */
#include <string.h>

#include "core/arena.h"
#include "core/calendar.h"
#include "core/config.h"
#include "core/utf8.h"
#include "svc/pfiling.h"
#include "web/layout.h"
#include "web/tmpl.h"
#include "web/web.h"
#include "web/web_int.h"

#define PW_VALUE_MAX	(4 * 20000)	/* bytes of one typed value: svc checks the item */
#define PW_NOTE_ROWS	3
#define PW_TEXT_ROWS	4
#define PW_WORD_MAX	32
#define PW_PROBLEMS	512

/* GET /staff/filing */
enum { PV_DONE, PV__MAX };
static const struct param view_params[PV__MAX] = {
	[PV_DONE] = { "done", PARAM_TEXT, .max = PW_WORD_MAX },	/* what was just done */
};

/* POST /staff/filing: the items come as the field set names them (svc checks). */
enum { PS_CHANGE_DATE, PS__MAX };
static const struct param save_params[PS__MAX] = {
	[PS_CHANGE_DATE] = { "change_date", PARAM_TEXT, .max = 10 },	/* YYYY-MM-DD */
};

/* POST /staff/filing/documents (multipart: the file in "file") */
enum { PD_KEY, PD__MAX };
static const struct param doc_params[PD__MAX] = {
	/* a document item */
	[PD_KEY] = { "key", PARAM_TEXT, .min = 1, .max = 64, .required = true },
};

/* GET /staff/filing/documents/{key} */
static const struct param doc_get_params[] = {
	{ "key", PARAM_TEXT, 1, 64, true },	/* a document item */
};

/* POST /staff/filing/submit, /change */
enum { PN_NOTE, PN__MAX };
static const struct param note_params[PN__MAX] = {
	[PN_NOTE] = { "note", PARAM_MULTILINE, .max = PFILING_NOTE_MAX },	/* svc checks */
};

/* POST /staff/filing/deregister */
enum { PDR_END, PDR_NOTE, PDR__MAX };
static const struct param dereg_params[PDR__MAX] = {
	[PDR_END] = { "end_date", PARAM_TEXT, .max = 10 },		/* YYYY-MM-DD */
	[PDR_NOTE] = { "note", PARAM_MULTILINE, .max = PFILING_NOTE_MAX },	/* svc checks */
};

/* POST /staff/filing/handover */
enum { PH_TO, PH_CASE, PH_NOTE, PH__MAX };
static const struct param handover_params[PH__MAX] = {
	[PH_TO] = { "to", PARAM_TEXT, .max = 200 },		/* the receiving organisation */
	[PH_CASE] = { "case_id", PARAM_TEXT, .max = 64 },		/* one case; none: all */
	[PH_NOTE] = { "note", PARAM_MULTILINE, .max = PFILING_NOTE_MAX },	/* svc checks */
};

/* POST /staff/filing/manual */
enum { PM_OUTCOME, PM_APP, PM_NUMBER, PM_FILED_ON, PM_NOTE, PM__MAX };
static const struct param manual_params[PM__MAX] = {
	[PM_OUTCOME] = { "outcome", PARAM_TEXT, .max = PW_WORD_MAX },	/* an outcome word */
	[PM_APP] = { "application_id", PARAM_TEXT, .max = PFILING_ID_MAX },	/* svc checks */
	[PM_NUMBER] = { "number", PARAM_TEXT, .max = FILING_NUMBER_MAX },	/* svc checks */
	[PM_FILED_ON] = { "filed_on", PARAM_TEXT, .max = 10 },		/* YYYY-MM-DD */
	[PM_NOTE] = { "note", PARAM_MULTILINE, .max = PFILING_NOTE_MAX },	/* svc checks */
};

/* Which form a refusal belongs to, so the page shows it there. */
enum pform { PF_NONE, PF_SAVE, PF_DOC, PF_SUBMIT, PF_CHANGE, PF_REFRESH, PF_DEREG,
	PF_HANDOVER, PF_MANUAL };

/* What was typed, to show again after a refusal. */
struct typed {
	enum pform	 form;
	const char	**v;		/* the items, in the field set's order (NULL: stored) */
	const char	*change_date;
	const char	*note;
	const char	*end_date;
	const char	*to;
	const char	*outcome, *app_id, *number, *filed_on;
};

static const enum msg_id status_msgs[PFS__MAX] = {
	[PFS_DRAFT] = MSG_WEB_PF_ST_DRAFT,
	[PFS_SUBMITTED] = MSG_WEB_PF_ST_SUBMITTED,
	[PFS_SUPPLEMENT_REQUESTED] = MSG_WEB_PF_ST_SUPPLEMENT,
	[PFS_RESUBMITTED] = MSG_WEB_PF_ST_RESUBMITTED,
	[PFS_FILED] = MSG_WEB_PF_ST_FILED,
	[PFS_CHANGE_PENDING] = MSG_WEB_PF_ST_CHANGE_PENDING,
	[PFS_DEREGISTRATION_PENDING] = MSG_WEB_PF_ST_DEREG_PENDING,
	[PFS_DEREGISTERED] = MSG_WEB_PF_ST_DEREGISTERED,
};

static const enum msg_id clock_msgs[DLS__MAX] = {
	[DLS_OPEN] = MSG_WEB_DLS_OPEN,
	[DLS_MET] = MSG_WEB_DLS_MET,
	[DLS_MISSED] = MSG_WEB_DLS_MISSED,
	[DLS_PAUSED] = MSG_WEB_DLS_PAUSED,
	[DLS_WAIVED] = MSG_WEB_DLS_WAIVED,
};

static const enum msg_id section_msgs[7] = {
	MSG_WEB_NONE, MSG_WEB_PF_SEC_1, MSG_WEB_PF_SEC_2, MSG_WEB_PF_SEC_3, MSG_WEB_PF_SEC_4,
	MSG_WEB_PF_SEC_5, MSG_WEB_PF_SEC_6,
};

/* Words the svc and the registry use, and what the page calls them. */
static const struct {
	const char	*word;
	enum msg_id	 label;
} words[] = {
	{ "initial", MSG_WEB_PF_KIND_INITIAL },
	{ "change", MSG_WEB_PF_KIND_CHANGE },
	{ "deregistration", MSG_WEB_PF_KIND_DEREG },
	{ "submitted", MSG_WEB_PF_APP_SUBMITTED },
	{ "supplement_requested", MSG_WEB_PF_APP_SUPPLEMENT },
	{ "resubmitted", MSG_WEB_PF_APP_RESUBMITTED },
	{ "approved", MSG_WEB_PF_APP_APPROVED },
	{ "rejected", MSG_WEB_PF_APP_REJECTED },
	{ "withdrawn", MSG_WEB_PF_APP_WITHDRAWN },
	{ "open", MSG_WEB_PF_TASK_OPEN },
	{ "filed", MSG_WEB_PF_TASK_FILED },
	{ "confirmed", MSG_WEB_PF_TASK_CONFIRMED },
	{ "undone", MSG_WEB_PF_TASK_UNDONE },
	{ "change_submitted", MSG_WEB_PF_EV_CHANGE_SUBMITTED },
	{ "deregistration_submitted", MSG_WEB_PF_EV_DEREG_SUBMITTED },
	{ "delivered", MSG_WEB_PF_EV_DELIVERED },
	{ "refused", MSG_WEB_PF_EV_REFUSED },
	{ "status", MSG_WEB_PF_EV_STATUS },
	{ "manual_outcome", MSG_WEB_PF_EV_MANUAL },
	{ "deregistered", MSG_WEB_PF_EV_DEREGISTERED },
	{ "pending", MSG_WEB_PF_DELIVERY_PENDING },
	{ "sent", MSG_WEB_PF_DELIVERY_SENT },
	{ "failed", MSG_WEB_PF_DELIVERY_FAILED },
	{ "missing", MSG_PF_PROB_MISSING },
	{ "too_long", MSG_PF_PROB_TOO_LONG },
	{ "format", MSG_PF_PROB_FORMAT },
	{ "unknown", MSG_PF_PROB_UNKNOWN },
	{ "duplicate", MSG_PF_PROB_DUPLICATE },
	{ "encoding", MSG_PF_PROB_ENCODING },
};

/* What the "done" parameter of a redirect says. */
static const struct {
	const char	*done;
	enum msg_id	 text;
} done_msgs[] = {
	{ "saved", MSG_WEB_PF_DONE_SAVED },
	{ "uploaded", MSG_WEB_PF_DONE_UPLOADED },
	{ "submitted", MSG_WEB_PF_DONE_SUBMITTED },
	{ "change", MSG_WEB_PF_DONE_CHANGE },
	{ "refreshed", MSG_WEB_PF_DONE_REFRESHED },
	{ "deregistered", MSG_WEB_PF_DONE_DEREG },
	{ "handed", MSG_WEB_PF_DONE_HANDED },
	{ "recorded", MSG_WEB_PF_DONE_RECORDED },
};

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

static bool
platform(const struct req *rq)
{
	return rq->cfg->role == ROLE_PLATFORM;
}

static enum app_err
not_platform(struct req *rq)
{
	return req_fail(rq, APP_NOTFOUND, NULL, MSG_ERR_PFILING_OFF);
}

/* A word as the page says it; unknown ones as code. */
static void
word(struct req *rq, const char *w)
{
	size_t	i;

	if (w == NULL || w[0] == '\0') {
		layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_NONE, "</span>");
		return;
	}
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(words[i].word, w) == 0) {
			tmpl_msg(rq, words[i].label);
			return;
		}
	tmpl_raw(rq, "<code>");	/* literal */
	tmpl_text(rq, w);
	tmpl_raw(rq, "</code>");	/* literal */
}

static void
dl_word(struct req *rq, enum msg_id term, const char *w)
{
	layout_wrap(rq, "<dt>", term, "</dt><dd>");
	word(rq, w);
	tmpl_raw(rq, "</dd>");	/* literal */
}

static const char *
label(const struct req *rq, const struct filing_field *f)
{
	return rq->lang == LANG_EN ? f->label_en : f->label_zh;
}

/* An item's label by key (its key when the field set lacks it). */
static const char *
key_label(const struct req *rq, const struct pfiling_view *v, const char *key)
{
	const struct filing_field	*f = filing_field_find(v->fs, key);

	return f != NULL ? label(rq, f) : key;
}

/* "a,b" as the items' labels, separated. */
static void
keys_text(struct req *rq, const struct pfiling_view *v, const char *list)
{
	struct str	rest = str_from(list), k;
	bool		first = true;

	while (rest.n > 0) {
		if ((k = str_split(&rest, ',')).n == 0)
			continue;
		if (!first)
			tmpl_msg(rq, MSG_WEB_PF_LIST_SEP);
		tmpl_text(rq, key_label(rq, v, arena_strndup(rq->arena, k.p, k.n)));
		first = false;
	}
}

static void
status_badge(struct req *rq, enum platform_filing_status s)
{
	tmpl_raw(rq, s == PFS_FILED || s == PFS_CHANGE_PENDING ? "<span class=\"badge badge-on\">" :
	    s == PFS_DEREGISTERED ? "<span class=\"badge badge-off\">" :
	    "<span class=\"badge badge-warn\">");	/* literal: one of three */
	tmpl_msg(rq, (unsigned)s < PFS__MAX ? status_msgs[s] : MSG_WEB_NONE);
	tmpl_raw(rq, "</span>");	/* literal */
}

/* A clock's state, marked when overdue. */
static void
clock_badge(struct req *rq, const struct deadline_row *d)
{
	tmpl_raw(rq, deadline_overdue(d->state, d->due_at, d->met_at, rq->now) ?
	    "<span class=\"badge badge-warn\">" : "<span class=\"badge\">");	/* literal: either */
	tmpl_msg(rq, (unsigned)d->state < DLS__MAX ? clock_msgs[d->state] : MSG_WEB_NONE);
	tmpl_raw(rq, "</span>");	/* literal */
}

/* The problem to show beside a control: this request's refusal, or the form's own. */
static const char *
problem_for(struct req *rq, enum pform form, const struct typed *t, const char *name)
{
	const char	*err;

	if (t == NULL || t->form != form)
		return NULL;
	if ((err = layout_field_problem(rq, name)) != NULL)
		return err;
	if (rq->err != APP_OK && rq->err_field != NULL && strcmp(rq->err_field, name) == 0)
		return rq->err_detail;
	return NULL;
}

static struct layout_control
control(struct req *rq, enum pform form, const struct typed *t, const char *name,
    enum msg_id lbl, enum msg_id hint, bool optional)
{
	return (struct layout_control){ name, arena_printf(rq->arena, "f-%s", name), lbl, NULL,
	    hint, NULL, problem_for(rq, form, t, name), optional, false };
}

/* The refusal of one form, shown above it. */
static void
form_errors(struct req *rq, enum pform form, const struct typed *t)
{
	if (t != NULL && t->form == form)
		layout_form_errors(rq);
}

static void
form_open(struct req *rq, const char *action, enum msg_id heading, bool multipart)
{
	layout_wrap(rq, "<h3>", heading, "</h3>\n");
	tmpl_raw(rq, "<form class=\"stack\" method=\"post\"");	/* literal */
	tmpl_attr(rq, "action", action);
	if (multipart)
		tmpl_raw(rq, " enctype=\"multipart/form-data\"");	/* literal */
	tmpl_raw(rq, ">");	/* literal */
	tmpl_csrf(rq);
}

/* --- the sections --- */

static void
status_section(struct req *rq, const struct pfiling_view *v)
{
	const struct pfiling_row	*r = &v->r;

	tmpl_raw(rq, "<section class=\"card\" id=\"status\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_PF_STATUS, "</h2>\n<dl class=\"meta\">");
	layout_wrap(rq, "<dt>", MSG_WEB_PF_STATUS, "</dt><dd>");
	status_badge(rq, r->status);
	tmpl_raw(rq, "</dd>");	/* literal */
	layout_dl_text(rq, MSG_WEB_PF_NUMBER, r->number, false);
	layout_dl_text(rq, MSG_WEB_PF_FILED_ON, r->filed_on, false);
	if (r->end_date[0] != '\0')
		layout_dl_text(rq, MSG_WEB_PF_END_DATE, r->end_date, false);
	layout_wrap(rq, "<dt>", MSG_WEB_PF_INTAKE, "</dt><dd>");
	tmpl_msg(rq, v->intake_open ? MSG_WEB_PF_INTAKE_OPEN : MSG_WEB_PF_INTAKE_CLOSED);
	tmpl_raw(rq, "</dd>");	/* literal */
	if (v->has_initial_clock) {
		layout_wrap(rq, "<dt>", MSG_WEB_PF_INITIAL_CLOCK, "</dt><dd>");
		tmpl_time(rq, v->initial_clock.due_at);
		tmpl_raw(rq, " ");	/* literal */
		clock_badge(rq, &v->initial_clock);
		tmpl_raw(rq, "</dd>");	/* literal */
	}
	tmpl_raw(rq, "</dl>\n");	/* literal */
	if (r->app_kind[0] != '\0') {
		layout_wrap(rq, "<h3>", MSG_WEB_PF_APPLICATION, "</h3>\n<dl class=\"meta\">");
		dl_word(rq, MSG_WEB_PF_APP_KIND, r->app_kind);
		layout_dl_text(rq, MSG_WEB_PF_APP_ID, r->application_id, false);
		dl_word(rq, MSG_WEB_PF_APP_STATE, r->app_state[0] != '\0' ? r->app_state :
		    (r->manual ? "" : "pending"));
		layout_wrap(rq, "<dt>", MSG_WEB_PF_APP_HOW, "</dt><dd>");
		tmpl_msg(rq, r->manual ? MSG_WEB_PF_APP_MANUAL : MSG_WEB_PF_APP_ONLINE);
		tmpl_raw(rq, "</dd>");	/* literal */
		layout_dl_time(rq, MSG_WEB_PF_SUBMITTED_AT, r->submitted_at, MSG_WEB_NONE);
		if (!r->manual)
			layout_dl_time(rq, MSG_WEB_PF_POLLED_AT, r->polled_at, MSG_WEB_PF_NEVER);
		if (v->answer.review_due_at != 0)
			layout_dl_time(rq, MSG_WEB_PF_REVIEW_DUE, v->answer.review_due_at,
			    MSG_WEB_NONE);
		if (r->changed[0] != '\0') {
			layout_wrap(rq, "<dt>", MSG_WEB_PF_CHANGED, "</dt><dd>");
			keys_text(rq, v, r->changed);
			tmpl_raw(rq, "</dd>");	/* literal */
		}
		tmpl_raw(rq, "</dl>\n");	/* literal */
	}
	if (r->reason[0] != '\0') {
		tmpl_raw(rq, "<div class=\"flash flash-error\" role=\"alert\">");	/* literal */
		layout_wrap(rq, "<p class=\"flash-title\">", MSG_WEB_PF_REASON, "</p>");
		tmpl_raw(rq, "<p class=\"pre-line\">");	/* literal */
		tmpl_text(rq, r->reason);
		tmpl_raw(rq, "</p></div>\n");	/* literal */
	}
	tmpl_raw(rq, "</section>\n");	/* literal */
}

/* The registry's 补正 items (R24: every deficiency at once). */
static void
supplement_section(struct req *rq, const struct pfiling_view *v)
{
	size_t	i;

	if (strcmp(v->r.app_state, "supplement_requested") != 0)
		return;
	tmpl_raw(rq, "<section class=\"card\" id=\"supplement\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_PF_SUPPLEMENT, "</h2>\n");
	layout_wrap(rq, "<p class=\"lead\">", MSG_WEB_PF_SUPPLEMENT_LEAD, "</p>\n");
	if (v->answer.supplement_due_at != 0) {
		tmpl_raw(rq, "<p>");	/* literal */
		tmpl_msg(rq, MSG_WEB_PF_SUPPLEMENT_DUE);
		tmpl_msg(rq, MSG_WEB_LABEL_SEP);
		tmpl_time(rq, v->answer.supplement_due_at);
		tmpl_raw(rq, "</p>\n");	/* literal */
	}
	tmpl_raw(rq, "<div class=\"table-wrap\"><table class=\"data\"><thead><tr>");	/* literal */
	layout_th(rq, MSG_WEB_PF_ITEM);
	layout_th(rq, MSG_WEB_PF_PROBLEM);
	layout_th(rq, MSG_WEB_PF_NOTE);
	tmpl_raw(rq, "</tr></thead><tbody>\n");	/* literal */
	for (i = 0; i < v->answer.nitems; i++) {
		tmpl_raw(rq, "<tr><td>");	/* literal */
		if (v->answer.items[i].field[0] != '\0')
			tmpl_text(rq, key_label(rq, v, v->answer.items[i].field));
		else
			layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_PF_WHOLE, "</span>");
		tmpl_raw(rq, "</td><td>");	/* literal */
		word(rq, v->answer.items[i].problem);
		tmpl_raw(rq, "</td><td class=\"pre-line\">");	/* literal */
		tmpl_text(rq, v->answer.items[i].note);
		tmpl_raw(rq, "</td></tr>\n");	/* literal */
	}
	tmpl_raw(rq, "</tbody></table></div></section>\n");	/* literal */
}

static void
note_control(struct req *rq, enum pform form, const struct typed *t)
{
	struct layout_control	c = control(rq, form, t, "note", MSG_WEB_PF_NOTE,
				    MSG_OK, true);

	layout_textarea(rq, &c, t != NULL && t->form == form ? t->note : "", PW_NOTE_ROWS,
	    PFILING_NOTE_MAX, false);
}

static void
actions_section(struct req *rq, const struct pfiling_view *v, const struct typed *t)
{
	static const char *const outcomes[] = { "approved", "supplement_requested", "rejected" };
	struct layout_control	 c;
	size_t			 i;
	bool			 tm;

	tmpl_raw(rq, "<section class=\"card\" id=\"actions\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_PF_ACTIONS, "</h2>\n");
	if (!v->registry)
		layout_wrap(rq, "<p class=\"hint\">", MSG_WEB_PF_NO_REGISTRY, "</p>\n");
	if (v->can_submit) {
		form_open(rq, "/staff/filing/submit", v->r.status == PFS_DRAFT ?
		    MSG_WEB_PF_SUBMIT : MSG_WEB_PF_RESUBMIT, false);
		form_errors(rq, PF_SUBMIT, t);
		note_control(rq, PF_SUBMIT, t);
		layout_submit(rq, v->r.status == PFS_DRAFT ? MSG_WEB_PF_SUBMIT :
		    MSG_WEB_PF_RESUBMIT);
		tmpl_raw(rq, "</form>\n");	/* literal */
	}
	if (v->can_change) {
		form_open(rq, "/staff/filing/change", MSG_WEB_PF_FILE_CHANGE, false);
		form_errors(rq, PF_CHANGE, t);
		tmpl_raw(rq, "<p>");	/* literal */
		tmpl_msg(rq, MSG_WEB_PF_CHANGED);
		tmpl_msg(rq, MSG_WEB_LABEL_SEP);
		keys_text(rq, v, v->diff);
		tmpl_raw(rq, "</p>");	/* literal */
		note_control(rq, PF_CHANGE, t);
		layout_submit(rq, MSG_WEB_PF_FILE_CHANGE);
		tmpl_raw(rq, "</form>\n");	/* literal */
	}
	if (v->can_refresh) {
		form_open(rq, "/staff/filing/refresh", MSG_WEB_PF_REFRESH, false);
		form_errors(rq, PF_REFRESH, t);
		layout_wrap(rq, "<p class=\"hint\">", MSG_WEB_PF_REFRESH_HINT, "</p>");
		layout_submit(rq, MSG_WEB_PF_REFRESH);
		tmpl_raw(rq, "</form>\n");	/* literal */
	}
	if (v->can_manual) {
		tm = t != NULL && t->form == PF_MANUAL;
		form_open(rq, "/staff/filing/manual", MSG_WEB_PF_MANUAL, false);
		form_errors(rq, PF_MANUAL, t);
		c = control(rq, PF_MANUAL, t, "outcome", MSG_WEB_PF_OUTCOME, MSG_OK, false);
		layout_control_open(rq, &c);
		tmpl_raw(rq, "<select");	/* literal */
		layout_control_attrs(rq, &c);
		tmpl_raw(rq, ">");	/* literal */
		for (i = 0; i < sizeof(outcomes) / sizeof(outcomes[0]); i++) {
			tmpl_raw(rq, "<option");	/* literal */
			tmpl_attr(rq, "value", outcomes[i]);
			if (tm && t->outcome != NULL && strcmp(t->outcome, outcomes[i]) == 0)
				tmpl_raw(rq, " selected");	/* literal */
			tmpl_raw(rq, ">");	/* literal */
			word(rq, outcomes[i]);
			tmpl_raw(rq, "</option>");	/* literal */
		}
		tmpl_raw(rq, "</select></div>\n");	/* literal */
		c = control(rq, PF_MANUAL, t, "application_id", MSG_WEB_PF_APP_ID, MSG_OK, true);
		layout_text_input(rq, &c, "text", tm ? t->app_id : v->r.application_id,
		    PFILING_ID_MAX, false);
		c = control(rq, PF_MANUAL, t, "number", MSG_WEB_PF_NUMBER, MSG_WEB_PF_NUMBER_HINT,
		    true);
		layout_text_input(rq, &c, "text", tm ? t->number : "", FILING_NUMBER_MAX, false);
		c = control(rq, PF_MANUAL, t, "filed_on", MSG_WEB_PF_FILED_ON, MSG_OK, true);
		layout_text_input(rq, &c, "date", tm ? t->filed_on : "", 10, false);
		c = control(rq, PF_MANUAL, t, "note", MSG_WEB_PF_MANUAL_NOTE, MSG_OK, true);
		layout_textarea(rq, &c, tm ? t->note : "", PW_TEXT_ROWS, PFILING_NOTE_MAX, false);
		layout_submit(rq, MSG_WEB_PF_RECORD);
		tmpl_raw(rq, "</form>\n");	/* literal */
	}
	/* The dossier generator (R21): the registry's document, for manual submission. */
	layout_wrap(rq, "<h3>", MSG_WEB_PF_EXPORT, "</h3>\n");
	layout_wrap(rq, "<p class=\"hint\">", MSG_WEB_PF_EXPORT_HINT, "</p>\n<p>");
	layout_link(rq, "/staff/filing/export", MSG_WEB_PF_EXPORT_LINK);
	tmpl_raw(rq, "</p></section>\n");	/* literal */
}

static void
tasks_section(struct req *rq, const struct pfiling_view *v)
{
	const struct pfiling_task	*k;
	size_t				 i;

	if (v->ntasks == 0 && v->r.status != PFS_FILED && v->r.status != PFS_CHANGE_PENDING)
		return;
	tmpl_raw(rq, "<section class=\"card\" id=\"changes\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_PF_CHANGES, "</h2>\n");
	layout_wrap(rq, "<p class=\"hint\">", MSG_WEB_PF_CHANGES_HINT, "</p>\n");
	if (v->ntasks == 0) {
		layout_wrap(rq, "<p class=\"muted\">", MSG_WEB_PF_NO_CHANGES, "</p></section>\n");
		return;
	}
	tmpl_raw(rq, "<div class=\"table-wrap\"><table class=\"data\"><thead><tr>");	/* literal */
	layout_th(rq, MSG_WEB_PF_CHANGED);
	layout_th(rq, MSG_WEB_PF_CHANGE_DATE);
	layout_th(rq, MSG_WEB_PF_TASK_STATE);
	layout_th(rq, MSG_WEB_PF_DUE);
	layout_th(rq, MSG_WEB_PF_CLOCK);
	tmpl_raw(rq, "</tr></thead><tbody>\n");	/* literal */
	for (i = 0; i < v->ntasks; i++) {
		k = &v->tasks[i];
		tmpl_raw(rq, "<tr><td>");	/* literal */
		keys_text(rq, v, k->c.fields);
		tmpl_raw(rq, "</td><td class=\"nowrap\">");	/* literal */
		tmpl_text(rq, k->c.change_date);
		tmpl_raw(rq, "</td><td>");	/* literal */
		word(rq, k->c.state);
		tmpl_raw(rq, "</td><td class=\"nowrap\">");	/* literal */
		if (k->has_clock)
			tmpl_time(rq, k->clock.due_at);
		tmpl_raw(rq, "</td><td>");	/* literal */
		if (k->has_clock)
			clock_badge(rq, &k->clock);
		tmpl_raw(rq, "</td></tr>\n");	/* literal */
	}
	tmpl_raw(rq, "</tbody></table></div></section>\n");	/* literal */
}

/* An item's problem on the stored copy (missing ones, say), as a sentence. */
static const char *
stored_problem(struct req *rq, const struct pfiling_view *v, const char *key)
{
	size_t	i;

	for (i = 0; i < v->nproblems; i++)
		if (strcmp(v->problems[i].key, key) == 0)
			return req_msg(rq, problem_msg(v->problems[i].kind));
	return NULL;
}

static void
item_control(struct req *rq, const struct pfiling_view *v, const struct typed *t, size_t i)
{
	const struct filing_field	*f = &v->fs->f[i];
	struct layout_control		 c;
	const char			*value = v->v[i].value, *type = "text";
	bool				 sec = (f->flags & FF_SECRET) != 0;	/* ID numbers too */

	c = control(rq, PF_SAVE, t, f->key, MSG_OK, MSG_OK, !(f->flags & FF_REQUIRED));
	c.label_text = label(rq, f);
	if (c.err == NULL)
		c.err = stored_problem(rq, v, f->key);
	if (t != NULL && t->form == PF_SAVE && t->v != NULL && t->v[i] != NULL && !sec)
		value = t->v[i];
	if (sec) {
		/* Never the number itself: the masked one, and an empty input keeps it. */
		c.hint_text = value[0] != '\0' ? layout_msgf(rq, MSG_WEB_PF_SECRET_KEPT, value) :
		    req_msg(rq, MSG_WEB_PF_SECRET_HINT);
		value = "";
	}
	switch (f->type) {
	case FT_MULTILINE:
	case FT_URLS:
		if (f->type == FT_URLS)
			c.hint = MSG_WEB_PF_URLS_HINT;
		layout_textarea(rq, &c, value, PW_TEXT_ROWS, (size_t)f->max, false);
		return;
	case FT_URL:
		type = "url";
		break;
	case FT_EMAIL:
		type = "email";
		break;
	case FT_PHONE:
		type = "tel";
		break;
	case FT_DATE:
		type = "date";
		break;
	default:
		break;
	}
	layout_text_input(rq, &c, type, value, (size_t)f->max, false);
}

/* A document item in its section: what the dossier names, uploaded below. */
static void
doc_ref(struct req *rq, const struct pfiling_view *v, size_t i)
{
	const struct filing_field	*f = &v->fs->f[i];
	const char			*err = stored_problem(rq, v, f->key);

	tmpl_raw(rq, err != NULL ? "<div class=\"field has-error\"><p>" :
	    "<div class=\"field\"><p>");	/* literal: either */
	tmpl_text(rq, label(rq, f));
	tmpl_msg(rq, MSG_WEB_LABEL_SEP);
	tmpl_raw(rq, "<a");	/* literal */
	tmpl_href(rq, arena_printf(rq->arena, "/staff/filing#doc-%s", f->key));
	tmpl_raw(rq, ">");	/* literal */
	if (v->v[i].value[0] != '\0')
		tmpl_text(rq, v->v[i].value);
	else
		tmpl_msg(rq, MSG_WEB_PF_DOC_NONE);
	tmpl_raw(rq, "</a></p>");	/* literal */
	if (err != NULL) {
		tmpl_raw(rq, "<p class=\"error\">");	/* literal */
		tmpl_text(rq, err);
		tmpl_raw(rq, "</p>");	/* literal */
	}
	tmpl_raw(rq, "</div>\n");	/* literal */
}

/* The dossier, by section (第四条 (一)-(六)). */
static void
dossier_section(struct req *rq, const struct pfiling_view *v, const struct typed *t)
{
	const struct filing_fieldset	*fs = v->fs;
	struct layout_control		 c;
	size_t				 i;
	int				 sec;

	tmpl_raw(rq, "<section class=\"card\" id=\"dossier\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_PF_DOSSIER, "</h2>\n");
	layout_wrap(rq, "<p class=\"hint\">", MSG_WEB_PF_DOSSIER_HINT, "</p>\n");
	if (v->nproblems > 0) {
		tmpl_raw(rq, "<p class=\"hint\">");	/* literal */
		tmpl_text(rq, layout_msgf(rq, MSG_WEB_PF_PROBLEMS, (int)v->nproblems));
		tmpl_raw(rq, "</p>\n");	/* literal */
	}
	if (v->can_edit) {
		tmpl_raw(rq, "<form class=\"stack wide\" method=\"post\" "
		    "action=\"/staff/filing\">");	/* literal */
		tmpl_csrf(rq);
		form_errors(rq, PF_SAVE, t);
	}
	for (sec = 1; sec <= 6; sec++) {
		layout_wrap(rq, "<fieldset class=\"group\"><legend>", section_msgs[sec],
		    "</legend>\n");
		for (i = 0; i < fs->n; i++) {
			if (fs->f[i].section != sec)
				continue;
			if (fs->f[i].type == FT_DOCUMENT) {
				doc_ref(rq, v, i);
				continue;
			}
			if (v->can_edit)
				item_control(rq, v, t, i);
			else {
				tmpl_raw(rq, "<dl class=\"meta\"><dt>");	/* literal */
				tmpl_text(rq, label(rq, &fs->f[i]));
				tmpl_raw(rq, "</dt><dd class=\"pre-line\">");	/* literal */
				if (v->v[i].value[0] != '\0')
					tmpl_text(rq, v->v[i].value);
				else
					layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_NONE,
					    "</span>");
				tmpl_raw(rq, "</dd></dl>");	/* literal */
			}
		}
		tmpl_raw(rq, "</fieldset>\n");	/* literal */
	}
	if (v->can_edit) {
		if (v->r.status == PFS_FILED || v->r.status == PFS_CHANGE_PENDING) {
			c = control(rq, PF_SAVE, t, "change_date", MSG_WEB_PF_CHANGE_DATE,
			    MSG_WEB_PF_CHANGE_DATE_HINT, true);
			layout_text_input(rq, &c, "date", t != NULL && t->form == PF_SAVE ?
			    t->change_date : "", 10, false);
		}
		layout_submit(rq, MSG_WEB_PF_SAVE);
		tmpl_raw(rq, "</form>\n");	/* literal */
	}
	tmpl_raw(rq, "</section>\n");	/* literal */
}

static void
documents_section(struct req *rq, const struct pfiling_view *v, const struct typed *t)
{
	const struct pfiling_docfield	*d;
	const char			*err;
	size_t				 i;

	tmpl_raw(rq, "<section class=\"card\" id=\"documents\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_PF_DOCUMENTS, "</h2>\n");
	layout_wrap(rq, "<p class=\"hint\">", MSG_WEB_PF_DOCUMENTS_HINT, "</p>\n");
	for (i = 0; i < v->ndocs; i++) {
		d = &v->docs[i];
		err = d->present ? NULL : stored_problem(rq, v, d->f->key);
		tmpl_raw(rq, err != NULL ? "<div class=\"field has-error document\"" :
		    "<div class=\"field document\"");	/* literal: either */
		tmpl_attr(rq, "id", arena_printf(rq->arena, "doc-%s", d->f->key));
		tmpl_raw(rq, "><h3>");	/* literal */
		tmpl_text(rq, label(rq, d->f));
		if (!(d->f->flags & FF_REQUIRED))
			layout_wrap(rq, " <span class=\"optional\">", MSG_WEB_OPTIONAL, "</span>");
		tmpl_raw(rq, "</h3>");	/* literal */
		if (d->present) {
			tmpl_raw(rq, "<p><a");	/* literal */
			tmpl_href(rq, arena_printf(rq->arena, "/staff/filing/documents/%s",
			    d->f->key));
			tmpl_raw(rq, ">");	/* literal */
			tmpl_text(rq, d->d.name);
			tmpl_raw(rq, "</a> <span class=\"muted\">");	/* literal */
			tmpl_text(rq, d->d.media_type);
			tmpl_textf(rq, ", %lld B, sha256:", (long long)d->d.size);
			tmpl_raw(rq, "<code>");	/* literal */
			tmpl_text(rq, d->d.sha256);
			tmpl_raw(rq, "</code></span></p>");	/* literal */
		} else if (err != NULL)
			layout_wrap(rq, "<p class=\"error\">", MSG_WEB_PF_DOC_NONE, "</p>");
		else
			layout_wrap(rq, "<p class=\"muted\">", MSG_WEB_PF_DOC_NONE, "</p>");
		if (v->can_edit) {
			tmpl_raw(rq, "<form class=\"inline-form\" method=\"post\" "
			    "action=\"/staff/filing/documents\" "
			    "enctype=\"multipart/form-data\">");	/* literal */
			tmpl_csrf(rq);
			tmpl_raw(rq, "<input type=\"hidden\" name=\"key\"");	/* literal */
			tmpl_attr(rq, "value", d->f->key);
			tmpl_raw(rq, ">");	/* literal */
			if (t != NULL && t->form == PF_DOC && rq->err_detail != NULL &&
			    t->v != NULL && t->v[0] != NULL && strcmp(t->v[0], d->f->key) == 0) {
				tmpl_raw(rq, "<p class=\"error\" role=\"alert\">");	/* literal */
				tmpl_text(rq, rq->err_detail);
				tmpl_raw(rq, "</p>");	/* literal */
			}
			tmpl_raw(rq, "<label>");	/* literal */
			tmpl_msg(rq, MSG_WEB_PF_DOC_FILE);
			tmpl_raw(rq, " <input type=\"file\" name=\"file\" "
			    "required></label>");	/* literal */
			layout_submit(rq, MSG_WEB_PF_UPLOAD);
			tmpl_raw(rq, "</form>");	/* literal */
		}
		tmpl_raw(rq, "</div>\n");	/* literal */
	}
	tmpl_raw(rq, "</section>\n");	/* literal */
}

static void
dereg_section(struct req *rq, const struct pfiling_view *v, const struct typed *t)
{
	struct layout_control	c;
	size_t			i;
	bool			tm;

	if (v->r.status != PFS_FILED && v->r.status != PFS_CHANGE_PENDING &&
	    v->r.status != PFS_DEREGISTRATION_PENDING && v->r.status != PFS_DEREGISTERED)
		return;
	tmpl_raw(rq, "<section class=\"card\" id=\"deregistration\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_PF_DEREG, "</h2>\n");
	layout_wrap(rq, "<p class=\"lead\">", MSG_WEB_PF_DEREG_LEAD, "</p>\n");
	/* Logs stay for their retention: nothing is purged (第七条; Art. 5). */
	tmpl_raw(rq, "<p class=\"hint\">");	/* literal */
	tmpl_text(rq, layout_msgf(rq, MSG_WEB_PF_RETENTION, rq->cfg->retention_days));
	tmpl_raw(rq, "</p>\n");	/* literal */
	layout_wrap(rq, "<h3>", MSG_WEB_PF_OPEN_CASES, "</h3>\n");
	if (v->ncases == 0)
		layout_wrap(rq, "<p class=\"muted\">", MSG_WEB_PF_NO_OPEN_CASES, "</p>\n");
	else {
		tmpl_raw(rq, "<div class=\"table-wrap\"><table class=\"data\"><thead><tr>");	/* literal */
		layout_th(rq, MSG_WEB_PF_CASE);
		layout_th(rq, MSG_WEB_PF_CASE_TITLE);
		layout_th(rq, MSG_WEB_PF_CASE_STATE);
		layout_th(rq, MSG_WEB_PF_HANDED_TO);
		tmpl_raw(rq, "</tr></thead><tbody>\n");	/* literal */
		for (i = 0; i < v->ncases; i++) {
			tmpl_raw(rq, "<tr><td>");	/* literal */
			layout_code_link(rq, arena_printf(rq->arena, "/cases/%s", v->cases[i].id),
			    v->cases[i].id);
			tmpl_raw(rq, "</td><td>");	/* literal */
			tmpl_text(rq, v->cases[i].title);
			tmpl_raw(rq, "</td><td>");	/* literal */
			tmpl_text(rq, v->cases[i].state);
			tmpl_raw(rq, "</td><td>");	/* literal */
			if (v->cases[i].handed_to[0] != '\0')
				tmpl_text(rq, v->cases[i].handed_to);
			else
				layout_wrap(rq, "<span class=\"badge badge-warn\">",
				    MSG_WEB_PF_NOT_HANDED, "</span>");
			tmpl_raw(rq, "</td></tr>\n");	/* literal */
		}
		tmpl_raw(rq, "</tbody></table></div>\n");	/* literal */
	}
	if (v->cases_pending > 0 && v->r.status != PFS_DEREGISTERED) {
		tm = t != NULL && t->form == PF_HANDOVER;
		form_open(rq, "/staff/filing/handover", MSG_WEB_PF_HANDOVER, false);
		form_errors(rq, PF_HANDOVER, t);
		c = control(rq, PF_HANDOVER, t, "to", MSG_WEB_PF_HANDOVER_TO,
		    MSG_WEB_PF_HANDOVER_HINT, false);
		layout_text_input(rq, &c, "text", tm ? t->to : "", 200, true);
		note_control(rq, PF_HANDOVER, t);
		layout_submit(rq, MSG_WEB_PF_HANDOVER);
		tmpl_raw(rq, "</form>\n");	/* literal */
	}
	if (v->can_deregister) {
		tm = t != NULL && t->form == PF_DEREG;
		form_open(rq, "/staff/filing/deregister", MSG_WEB_PF_DEREGISTER, false);
		form_errors(rq, PF_DEREG, t);
		c = control(rq, PF_DEREG, t, "end_date", MSG_WEB_PF_END_DATE,
		    MSG_WEB_PF_END_DATE_HINT, false);
		layout_text_input(rq, &c, "date", tm ? t->end_date : "", 10, true);
		note_control(rq, PF_DEREG, t);
		layout_submit(rq, MSG_WEB_PF_DEREGISTER);
		tmpl_raw(rq, "</form>\n");	/* literal */
	}
	tmpl_raw(rq, "</section>\n");	/* literal */
}

static void
history_section(struct req *rq, const struct pfiling_view *v)
{
	const struct pfiling_event	*e;
	size_t				 i;

	tmpl_raw(rq, "<section class=\"card\" id=\"history\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_PF_HISTORY, "</h2>\n");
	if (v->nevents == 0) {
		layout_wrap(rq, "<p class=\"muted\">", MSG_WEB_PF_NO_HISTORY, "</p></section>\n");
		return;
	}
	tmpl_raw(rq, "<div class=\"table-wrap\"><table class=\"data\"><thead><tr>");	/* literal */
	layout_th(rq, MSG_WEB_PF_WHEN);
	layout_th(rq, MSG_WEB_PF_WHO);
	layout_th(rq, MSG_WEB_PF_EVENT);
	layout_th(rq, MSG_WEB_PF_APP_ID);
	layout_th(rq, MSG_WEB_PF_DELIVERY);
	layout_th(rq, MSG_WEB_PF_NOTE);
	tmpl_raw(rq, "</tr></thead><tbody>\n");	/* literal */
	for (i = 0; i < v->nevents; i++) {
		e = &v->events[i];
		tmpl_raw(rq, "<tr><td class=\"nowrap\">");	/* literal */
		tmpl_time(rq, e->at);
		tmpl_raw(rq, "</td><td>");	/* literal */
		if (e->actor_login[0] != '\0')
			tmpl_text(rq, e->actor_login);
		else
			layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_PF_SYSTEM, "</span>");
		tmpl_raw(rq, "</td><td>");	/* literal */
		word(rq, e->event);
		if (e->kind[0] != '\0') {
			tmpl_raw(rq, " <span class=\"muted\">(");	/* literal */
			word(rq, e->kind);
			tmpl_raw(rq, ")</span>");	/* literal */
		}
		tmpl_raw(rq, "</td><td>");	/* literal */
		if (e->application_id[0] != '\0') {
			tmpl_raw(rq, "<code>");	/* literal */
			tmpl_text(rq, e->application_id);
			tmpl_raw(rq, "</code>");	/* literal */
		}
		tmpl_raw(rq, "</td><td>");	/* literal */
		if (e->outbox_id != 0) {
			word(rq, e->delivery);
			if (e->last_error[0] != '\0') {
				tmpl_raw(rq, " <span class=\"muted\">");	/* literal */
				tmpl_text(rq, e->last_error);
				tmpl_raw(rq, "</span>");	/* literal */
			}
		}
		tmpl_raw(rq, "</td><td class=\"pre-line\">");	/* literal */
		/* A change of the registry's state notes the state: a word. */
		if (strcmp(e->event, "status") == 0)
			word(rq, e->note);
		else
			tmpl_text(rq, e->note);
		tmpl_raw(rq, "</td></tr>\n");	/* literal */
	}
	tmpl_raw(rq, "</tbody></table></div></section>\n");	/* literal */
}

static void
done_flash(struct req *rq)
{
	const char	*done = req_opt(rq, PV_DONE);
	size_t		 i;

	if (done == NULL)
		return;
	for (i = 0; i < sizeof(done_msgs) / sizeof(done_msgs[0]); i++)
		if (strcmp(done_msgs[i].done, done) == 0)
			layout_flash_msg(rq, FLASH_OK, done_msgs[i].text);
}

/* The page; t: what a refused form carried (NULL on a plain GET). */
static enum app_err
page(struct req *rq, int status, const struct typed *t)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct pfiling_view	*v = ARENA_NEW(rq->arena, struct pfiling_view);
	struct fault		 f = { .er = APP_OK };
	enum app_err		 er;

	if ((er = svc_pfiling_get(&c, v, &f)) != APP_OK)
		return web_fault(rq, er, &f);
	resp_html(rq, status);
	layout_begin(rq, MSG_WEB_PF_TITLE);
	layout_wrap(rq, "<h1>", MSG_WEB_PF_TITLE, "</h1>\n");
	layout_wrap(rq, "<p class=\"lead\">", MSG_WEB_PF_LEAD, "</p>\n");
	if (t == NULL && status == 200)
		done_flash(rq);
	status_section(rq, v);
	supplement_section(rq, v);
	actions_section(rq, v, t);
	tasks_section(rq, v);
	dossier_section(rq, v, t);
	documents_section(rq, v, t);
	dereg_section(rq, v, t);
	history_section(rq, v);
	layout_end(rq);
	return APP_OK;
}

static enum app_err
view_get(struct req *rq)
{
	if (!platform(rq))
		return not_platform(rq);
	return page(rq, 200, NULL);
}

/* After a step: back to the page (done), or the page with the refusal beside its form. */
static enum app_err
step_answer(struct req *rq, enum app_err er, struct fault *f, const char *done,
    struct typed *t)
{
	enum app_err	rer;
	int		status;

	if (er == APP_OK)
		return resp_redirect(rq, arena_printf(rq->arena, "/staff/filing?done=%s#%s",
		    done, t->form == PF_SAVE ? "dossier" : t->form == PF_DOC ? "documents" :
		    t->form == PF_HANDOVER || t->form == PF_DEREG ? "deregistration" : "status"));
	er = web_fault(rq, er, f);
	/* The refusal beside its form, or the error page when no form can take it. */
	if ((status = web_form_status(rq, er, f)) != 0 && (rer = page(rq, status, t)) != APP_OK)
		er = rer;
	return er;
}

static enum app_err
save_post(struct req *rq)
{
	const struct filing_fieldset	*fs = filing_fieldset_current();
	struct svc_ctx			 c = web_ctx(rq);
	struct fault			 f = { .er = APP_OK };
	struct typed			*t = ARENA_NEW(rq->arena, struct typed);
	struct filing_value		*in;
	struct filing_problem		*p;
	const struct str		*s;
	size_t				 i, n = 0, np = 0;
	enum app_err			 er;

	if (!platform(rq))
		return not_platform(rq);
	t->form = PF_SAVE;
	t->v = arena_calloc(rq->arena, fs->n + 1, sizeof(*t->v));
	t->change_date = web_pstr(req_param(rq, PS_CHANGE_DATE));
	in = arena_calloc(rq->arena, fs->n + 1, sizeof(*in));
	for (i = 0; i < fs->n; i++) {
		if (fs->f[i].type == FT_DOCUMENT ||
		    (s = form_get(rq->form, rq->nform, fs->f[i].key)) == NULL)
			continue;
		/* Bounded and clean here; svc names every problem of the items. */
		if (s->n > PW_VALUE_MAX || memchr(s->p, '\0', s->n) != NULL ||
		    !utf8_valid(s->p, s->n)) {
			fault_set(&f, APP_INVALID, fs->f[i].key, s->n > PW_VALUE_MAX ?
			    MSG_ERR_FIELD_TOO_LONG : MSG_ERR_FIELD_ENCODING, 0);
			f.rule = PFILING_RULE_ITEMS;
			return step_answer(rq, APP_INVALID, &f, "saved", t);
		}
		t->v[i] = arena_strndup(rq->arena, s->p, s->n);
		/* An ID number left empty is kept: the page never shows it. */
		if ((fs->f[i].flags & FF_SECRET) && str_trim(*s).n == 0)
			continue;
		in[n].key = fs->f[i].key;
		in[n++].value = t->v[i];
	}
	p = arena_calloc(rq->arena, PW_PROBLEMS, sizeof(*p));
	er = svc_pfiling_update(&c, in, n, t->change_date, p, PW_PROBLEMS, &np, &f);
	for (i = 0; er == APP_INVALID && i < np && i < PW_PROBLEMS; i++)
		req_field_error(rq, p[i].key, problem_msg(p[i].kind));
	return step_answer(rq, er, &f, "saved", t);
}

static enum app_err
doc_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct typed		*t = ARENA_NEW(rq->arena, struct typed);
	struct pfiling_doc	 d;
	const struct mp_part	*file = NULL;
	int			 i;
	enum app_err		 er;

	if (!platform(rq))
		return not_platform(rq);
	t->form = PF_DOC;
	t->v = arena_calloc(rq->arena, 1, sizeof(*t->v));
	t->v[0] = req_param(rq, PD_KEY)->s.p;
	for (i = 0; i < rq->nfiles; i++)
		if (str_eq(rq->files[i].name, "file"))
			file = &rq->files[i];
	if (file == NULL) {
		fault_set(&f, APP_INVALID, "file", MSG_ERR_PFILING_DOC_EMPTY, 0);
		f.rule = PFILING_RULE_ITEMS;
		return step_answer(rq, APP_INVALID, &f, "uploaded", t);
	}
	er = svc_pfiling_document_put(&c, t->v[0], arena_strndup(rq->arena, file->filename.p,
	    file->filename.n), file->data.p, file->data.n, &d, &f);
	return step_answer(rq, er, &f, "uploaded", t);
}

/* A download: the bytes with their name. */
static enum app_err
doc_get(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct pfiling_doc	 d;
	const unsigned char	*data;
	size_t			 len;
	enum app_err		 er;

	if (!platform(rq))
		return not_platform(rq);
	if ((er = svc_pfiling_document_get(&c, req_param(rq, 0)->s.p, &d, &data, &len, &f)) !=
	    APP_OK)
		return web_fault(rq, er, &f);
	/* The name was made safe when stored: no space, no control, no quote kept. */
	resp_header(rq, "Content-Disposition", arena_printf(rq->arena,
	    "attachment; filename=\"%s\"", strchr(d.name, '"') == NULL ? d.name : "document"));
	rq->status = 200;
	rq->ctype = arena_strdup(rq->arena, d.media_type);
	sbuf_add(&rq->out, data, len);
	return APP_OK;
}

static enum app_err
export_get(struct req *rq)
{
	struct svc_ctx	 c = web_ctx(rq);
	struct fault	 f = { .er = APP_OK };
	const char	*body;
	size_t		 len;
	enum app_err	 er;

	if (!platform(rq))
		return not_platform(rq);
	if ((er = svc_pfiling_export(&c, NULL, &body, &len, &f)) != APP_OK)
		return web_fault(rq, er, &f);
	resp_header(rq, "Content-Disposition", "attachment; filename=\"filing.json\"");
	rq->status = 200;
	rq->ctype = "application/json";
	sbuf_add(&rq->out, body, len);
	return APP_OK;
}

static enum app_err
submit_or_change(struct req *rq, bool change)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct typed		*t = ARENA_NEW(rq->arena, struct typed);
	struct filing_problem	*p;
	size_t			 np = 0, i;
	enum app_err		 er;

	if (!platform(rq))
		return not_platform(rq);
	t->form = change ? PF_CHANGE : PF_SUBMIT;
	t->note = web_pstr(req_param(rq, PN_NOTE));
	p = arena_calloc(rq->arena, PW_PROBLEMS, sizeof(*p));
	er = change ? svc_pfiling_change(&c, t->note, p, PW_PROBLEMS, &np, &f) :
	    svc_pfiling_submit(&c, t->note, p, PW_PROBLEMS, &np, &f);
	/* Every missing or wrong item, also beside it in the dossier. */
	for (i = 0; er == APP_INVALID && i < np && i < PW_PROBLEMS; i++)
		req_field_error(rq, p[i].key, problem_msg(p[i].kind));
	return step_answer(rq, er, &f, change ? "change" : "submitted", t);
}

static enum app_err
submit_post(struct req *rq)
{
	return submit_or_change(rq, false);
}

static enum app_err
change_post(struct req *rq)
{
	return submit_or_change(rq, true);
}

static enum app_err
refresh_post(struct req *rq)
{
	struct svc_ctx	 c = web_ctx(rq);
	struct fault	 f = { .er = APP_OK };
	struct typed	*t = ARENA_NEW(rq->arena, struct typed);

	if (!platform(rq))
		return not_platform(rq);
	t->form = PF_REFRESH;
	return step_answer(rq, svc_pfiling_refresh(&c, &f), &f, "refreshed", t);
}

static enum app_err
dereg_post(struct req *rq)
{
	struct svc_ctx	 c = web_ctx(rq);
	struct fault	 f = { .er = APP_OK };
	struct typed	*t = ARENA_NEW(rq->arena, struct typed);

	if (!platform(rq))
		return not_platform(rq);
	t->form = PF_DEREG;
	t->end_date = web_pstr(req_param(rq, PDR_END));
	t->note = web_pstr(req_param(rq, PDR_NOTE));
	return step_answer(rq, svc_pfiling_deregister(&c, t->end_date, t->note, &f), &f,
	    "deregistered", t);
}

static enum app_err
handover_post(struct req *rq)
{
	struct svc_ctx	 c = web_ctx(rq);
	struct fault	 f = { .er = APP_OK };
	struct typed	*t = ARENA_NEW(rq->arena, struct typed);
	size_t		 n;

	if (!platform(rq))
		return not_platform(rq);
	t->form = PF_HANDOVER;
	t->to = web_pstr(req_param(rq, PH_TO));
	t->note = web_pstr(req_param(rq, PH_NOTE));
	return step_answer(rq, svc_pfiling_handover(&c, t->to, req_opt(rq, PH_CASE), t->note, &n,
	    &f), &f, "handed", t);
}

static enum app_err
manual_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct typed		*t = ARENA_NEW(rq->arena, struct typed);
	struct pfiling_manual	 in;

	if (!platform(rq))
		return not_platform(rq);
	t->form = PF_MANUAL;
	in.outcome = t->outcome = web_pstr(req_param(rq, PM_OUTCOME));
	in.application_id = t->app_id = web_pstr(req_param(rq, PM_APP));
	in.number = t->number = web_pstr(req_param(rq, PM_NUMBER));
	in.filed_on = t->filed_on = web_pstr(req_param(rq, PM_FILED_ON));
	in.note = t->note = web_pstr(req_param(rq, PM_NOTE));
	return step_answer(rq, svc_pfiling_manual(&c, &in, &f), &f, "recorded", t);
}

const struct route pfiling_web_routes[] = {
	{ HTTP_GET, "/staff/filing", PERM_ORGS_MANAGE, R_WEB, PARAMS(view_params), view_get },
	{ HTTP_POST, "/staff/filing", PERM_ORGS_MANAGE, R_WEB | R_FORM, PARAMS(save_params),
	  save_post },
	{ HTTP_POST, "/staff/filing/documents", PERM_ORGS_MANAGE, R_WEB | R_FORM,
	  PARAMS(doc_params), doc_post },
	{ HTTP_GET, "/staff/filing/documents/{key}", PERM_ORGS_MANAGE, R_WEB,
	  PARAMS(doc_get_params), doc_get },
	{ HTTP_GET, "/staff/filing/export", PERM_ORGS_MANAGE, R_WEB, NOPARAMS, export_get },
	{ HTTP_POST, "/staff/filing/submit", PERM_ORGS_MANAGE, R_WEB | R_FORM,
	  PARAMS(note_params), submit_post },
	{ HTTP_POST, "/staff/filing/change", PERM_ORGS_MANAGE, R_WEB | R_FORM,
	  PARAMS(note_params), change_post },
	{ HTTP_POST, "/staff/filing/refresh", PERM_ORGS_MANAGE, R_WEB | R_FORM, NOPARAMS,
	  refresh_post },
	{ HTTP_POST, "/staff/filing/deregister", PERM_ORGS_MANAGE, R_WEB | R_FORM,
	  PARAMS(dereg_params), dereg_post },
	{ HTTP_POST, "/staff/filing/handover", PERM_ORGS_MANAGE, R_WEB | R_FORM,
	  PARAMS(handover_params), handover_post },
	{ HTTP_POST, "/staff/filing/manual", PERM_ORGS_MANAGE, R_WEB | R_FORM,
	  PARAMS(manual_params), manual_post },
};
const size_t	pfiling_web_nroutes = sizeof(pfiling_web_routes) / sizeof(pfiling_web_routes[0]);
