/*
 * The reporter's progress on their own report page (issue 5, ISO/IEC 29147
 * §6.5): what triage decided and what it said to them, where the case
 * stands as a list of steps, the thread (triage's questions, their
 * replies, the case messages a reporter may see), a form to answer while
 * the report needs information (svc_report_reply) and one to retest the
 * fix once there is one (svc_case_retest).  Never shown to anyone else.
 */
#include <string.h>

#include "core/arena.h"
#include "core/sbuf.h"
#include "store/store.h"
#include "svc/messages.h"
#include "web/cases_int.h"
#include "web/layout.h"
#include "web/reports_int.h"
#include "web/tmpl.h"
#include "web/web_int.h"

/* Rows of the textareas. */
#define PG_BODY_ROWS	6

/* rp_view reads the id as REPORT_ID: the first parameter. */
_Static_assert(REPORT_ID == 0 && PREPLY_ID == 0 && PRETEST_ID == 0,
    "the report id comes first");

const struct param progress_reply_params[PREPLY__MAX] = {
	[PREPLY_ID] = { "id", PARAM_TEXT, .max = CW_ID_MAX, .required = true },	/* report_id_valid */
	[PREPLY_BODY] = { "body", PARAM_MULTILINE, .max = CW_BODY_MAX },	/* Markdown */
};

const struct param progress_retest_params[PRETEST__MAX] = {
	[PRETEST_ID] = { "id", PARAM_TEXT, .max = CW_ID_MAX, .required = true },	/* report_id_valid */
	[PRETEST_OUTCOME] = { "outcome", PARAM_TEXT, .max = CW_CHOICE_MAX },	/* confirmed, disputed */
	[PRETEST_BODY] = { "body", PARAM_MULTILINE, .max = CW_BODY_MAX },	/* Markdown, optional */
};

static const enum msg_id decision_msgs[TRIAGE__MAX] = {
	[TRIAGE_ACCEPT] = MSG_WEB_TRIAGE_ACCEPT,
	[TRIAGE_REJECT] = MSG_WEB_TRIAGE_REJECT,
	[TRIAGE_DUPLICATE] = MSG_WEB_TRIAGE_DUPLICATE,
	[TRIAGE_NEEDS_INFO] = MSG_WEB_TRIAGE_NEEDS_INFO,
};

static const enum msg_id reject_msgs[REJECT__MAX] = {
	[REJECT_OUT_OF_SCOPE] = MSG_WEB_REJECT_OUT_OF_SCOPE,
	[REJECT_NOT_REPRODUCIBLE] = MSG_WEB_REJECT_NOT_REPRODUCIBLE,
	[REJECT_NOT_VULNERABILITY] = MSG_WEB_REJECT_NOT_VULNERABILITY,
	[REJECT_INSUFFICIENT_INFO] = MSG_WEB_REJECT_INSUFFICIENT_INFO,
	[REJECT_SPAM] = MSG_WEB_REJECT_SPAM,
	[REJECT_ALREADY_PUBLIC] = MSG_WEB_REJECT_ALREADY_PUBLIC,
};

/* Which of the panel's forms failed, so that its refusal shows beside it. */
enum pg_form {
	PFORM_NONE,
	PFORM_REPLY,
	PFORM_RETEST,
};

struct progress_view {
	const char		*report_id;
	enum report_status	 status;	/* the report's */
	bool			 triaged;	/* t holds the latest decision */
	struct triage_row	 t;
	const char		*case_id;	/* NULL: not in a case */
	bool			 has_case;	/* k holds it */
	struct case_row		 k;
	struct message		*msgs;		/* the thread, oldest first */
	size_t			 nmsgs;
	struct sbuf		*md;		/* [nmsgs]: rendered bodies */
	enum pg_form		 failed;	/* the form that comes back */
	const char		*body;		/* what it had */
	const char		*outcome;
};

/* Once there is a fix, the reporter may check it (svc_case_retest agrees). */
static bool
retest_open(const struct progress_view *v)
{
	return v->has_case && (v->k.state == CSTATE_FIX_AVAILABLE ||
	    v->k.state == CSTATE_TRACKING || v->k.state == CSTATE_CLOSED ||
	    v->k.state == CSTATE_FIXED);
}

enum app_err
progress_load(struct req *rq, const struct report *r, struct progress_view **out)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct progress_view	*v;
	enum app_err		 er = APP_OK;

	*out = NULL;
	if (rq->user == NULL || r->reporter_id == 0 || r->reporter_id != rq->user->id)
		goto out;
	v = ARENA_NEW(rq->arena, struct progress_view);
	v->report_id = r->id;
	v->status = r->status;
	er = store_triage_last(rq->store, rq->arena, r->id, &v->t);
	if (er == APP_OK)
		v->triaged = true;
	else if (er != APP_NOTFOUND) {
		er = req_fail(rq, er, NULL, MSG_ERR_STORE);
		goto out;
	}
	if ((er = svc_report_thread(&c, r->id, &v->msgs, &v->nmsgs, &v->case_id,
	    &f)) != APP_OK) {
		er = web_fault(rq, er, &f);
		goto out;
	}
	if (v->case_id == NULL && v->triaged && v->t.case_id[0] != '\0')
		v->case_id = v->t.case_id;
	if (v->case_id != NULL) {
		er = store_case_get(rq->store, rq->arena, v->case_id, &v->k);
		if (er == APP_OK)
			v->has_case = true;
		else if (er != APP_NOTFOUND) {
			er = req_fail(rq, er, NULL, MSG_ERR_STORE);
			goto out;
		}
	}
	if ((er = cw_render_bodies(rq, v->msgs, v->nmsgs, &v->md)) != APP_OK)
		goto out;
	/* Only the panel's own forms answer with the report page (on failure). */
	if (rq->route->handler == progress_reply_post) {
		v->failed = PFORM_REPLY;
		v->body = web_pstr(req_param(rq, PREPLY_BODY));
	} else if (rq->route->handler == progress_retest_post) {
		v->failed = PFORM_RETEST;
		v->outcome = web_pstr(req_param(rq, PRETEST_OUTCOME));
		v->body = web_pstr(req_param(rq, PRETEST_BODY));
	}
	*out = v;
	er = APP_OK;
out:
	return er;
}

/* The refusal of the failed form for field, or NULL. */
static const char *
problem(const struct req *rq, const struct progress_view *v, enum pg_form form,
    const char *field)
{
	if (v->failed != form || rq->err == APP_OK || rq->err_field == NULL ||
	    rq->err_detail == NULL)
		return NULL;
	return strcmp(rq->err_field, field) == 0 ? rq->err_detail : NULL;
}

static void
body_area(struct req *rq, const struct progress_view *v, enum pg_form form,
    enum msg_id label, bool optional)
{
	const char		*id = form == PFORM_REPLY ? "f-reply-body" : "f-retest-body";
	struct layout_control	 c = { "body", id, label, NULL, MSG_WEB_CASE_F_BODY_HINT,
				    NULL, problem(rq, v, form, "body"), optional, false };
	const char		*value = v->failed == form ? v->body : "";

	layout_control_open(rq, &c);
	tmpl_raw(rq, "<textarea");	/* literal */
	layout_control_attrs(rq, &c);
	tmpl_attr(rq, "rows", arena_printf(rq->arena, "%d", PG_BODY_ROWS));
	if (!optional)
		tmpl_raw(rq, " required");	/* literal */
	tmpl_raw(rq, ">");	/* literal */
	/* A textarea drops one leading newline: keep a typed one. */
	if (value[0] == '\n')
		tmpl_raw(rq, "\n");	/* literal */
	tmpl_text(rq, value);
	tmpl_raw(rq, "</textarea></div>\n");	/* literal */
}

static void
reply_form(struct req *rq, const struct progress_view *v)
{
	layout_wrap(rq, "<h3 id=\"reply\">", MSG_WEB_PROGRESS_REPLY, "</h3>\n");
	if (v->failed == PFORM_REPLY)
		layout_form_errors(rq);
	tmpl_raw(rq, "<form class=\"stack wide\" method=\"post\"");	/* literal */
	tmpl_attr(rq, "action", arena_printf(rq->arena, "/reports/%s/reply", v->report_id));
	tmpl_raw(rq, ">");	/* literal */
	tmpl_csrf(rq);
	body_area(rq, v, PFORM_REPLY, MSG_WEB_PROGRESS_F_ANSWER, false);
	layout_submit(rq, MSG_WEB_PROGRESS_REPLY_SUBMIT);
	tmpl_raw(rq, "</form>\n");	/* literal */
}

static void
retest_form(struct req *rq, const struct progress_view *v)
{
	static const struct layout_option	 outcomes[] = {
		{ "", MSG_WEB_REPORT_KIND_CHOOSE },
		{ "confirmed", MSG_WEB_PROGRESS_RETEST_CONFIRMED },
		{ "disputed", MSG_WEB_PROGRESS_RETEST_DISPUTED },
	};
	struct layout_control	 c = { "outcome", "f-outcome", MSG_WEB_PROGRESS_F_OUTCOME,
				    NULL, MSG_OK, NULL, problem(rq, v, PFORM_RETEST, "outcome"),
				    false, false };
	const char		*cur = v->failed == PFORM_RETEST ? v->outcome : "";
	size_t			 i;

	layout_wrap(rq, "<h3 id=\"retest\">", MSG_WEB_PROGRESS_RETEST, "</h3>\n");
	layout_wrap(rq, "<p class=\"hint\">", MSG_WEB_PROGRESS_RETEST_INTRO, "</p>\n");
	if (v->failed == PFORM_RETEST)
		layout_form_errors(rq);
	tmpl_raw(rq, "<form class=\"stack wide\" method=\"post\"");	/* literal */
	tmpl_attr(rq, "action", arena_printf(rq->arena, "/reports/%s/retest", v->report_id));
	tmpl_raw(rq, ">");	/* literal */
	tmpl_csrf(rq);
	layout_control_open(rq, &c);
	tmpl_raw(rq, "<select required");	/* literal */
	layout_control_attrs(rq, &c);
	tmpl_raw(rq, ">");	/* literal */
	for (i = 0; i < sizeof(outcomes) / sizeof(outcomes[0]); i++) {
		tmpl_raw(rq, "<option");	/* literal */
		tmpl_attr(rq, "value", outcomes[i].value);
		if (strcmp(cur, outcomes[i].value) == 0)
			tmpl_raw(rq, " selected");	/* literal */
		tmpl_raw(rq, ">");	/* literal */
		tmpl_msg(rq, outcomes[i].label);
		tmpl_raw(rq, "</option>");	/* literal */
	}
	tmpl_raw(rq, "</select></div>\n");	/* literal */
	body_area(rq, v, PFORM_RETEST, MSG_WEB_PROGRESS_F_RETEST_NOTE, true);
	layout_submit(rq, MSG_WEB_PROGRESS_RETEST_SUBMIT);
	tmpl_raw(rq, "</form>\n");	/* literal */
}

/* What triage decided, and what of it is addressed to the reporter. */
static void
outcome(struct req *rq, const struct progress_view *v)
{
	const struct triage_row	*t = &v->t;
	int			 rr;

	tmpl_raw(rq, "<dl class=\"meta\">");	/* literal */
	layout_wrap(rq, "<dt>", MSG_WEB_PROGRESS_DECISION, "</dt><dd>");
	if (!v->triaged) {
		tmpl_msg(rq, MSG_WEB_PROGRESS_WAITING);
		tmpl_raw(rq, "</dd></dl>\n");	/* literal */
		return;
	}
	tmpl_raw(rq, "<strong>");	/* literal */
	tmpl_msg(rq, (unsigned)t->decision < TRIAGE__MAX ? decision_msgs[t->decision] :
	    MSG_WEB_NONE);
	tmpl_raw(rq, "</strong> <span class=\"muted nowrap\">");	/* literal */
	tmpl_time(rq, t->at);
	tmpl_raw(rq, "</span></dd>");	/* literal */
	switch (t->decision) {
	case TRIAGE_REJECT:
		layout_wrap(rq, "<dt>", MSG_WEB_PROGRESS_REJECT_REASON, "</dt><dd>");
		if ((rr = reject_reason_parse(t->reject_reason)) >= 0)
			tmpl_msg(rq, reject_msgs[rr]);
		else
			tmpl_text(rq, t->reject_reason);
		tmpl_raw(rq, "</dd>");	/* literal */
		if (t->reason[0] != '\0') {
			layout_wrap(rq, "<dt>", MSG_WEB_PROGRESS_NOTE,
			    "</dt><dd class=\"pre-line\">");
			tmpl_text(rq, t->reason);
			tmpl_raw(rq, "</dd>");	/* literal */
		}
		break;
	case TRIAGE_NEEDS_INFO:
		layout_wrap(rq, "<dt>", MSG_WEB_PROGRESS_QUESTION,
		    "</dt><dd class=\"pre-line question\">");
		tmpl_text(rq, t->reason);
		tmpl_raw(rq, "</dd>");	/* literal */
		break;
	case TRIAGE_DUPLICATE:
		layout_wrap(rq, "<dt>", MSG_WEB_PROGRESS_DUPLICATE_OF, "</dt><dd><code>");
		tmpl_text(rq, t->duplicate_of);
		tmpl_raw(rq, "</code></dd>");	/* literal */
		break;
	default:
		break;
	}
	if (v->has_case) {
		layout_wrap(rq, "<dt>", MSG_WEB_PROGRESS_CASE, "</dt><dd><code>");
		tmpl_text(rq, v->k.id);
		tmpl_raw(rq, "</code> ");	/* literal */
		cw_state_badge(rq, v->k.state);
		tmpl_raw(rq, "</dd>");	/* literal */
	}
	tmpl_raw(rq, "</dl>\n");	/* literal */
}

void
progress_panel(struct req *rq, const struct progress_view *v)
{
	size_t	i;

	if (v == NULL)
		return;
	tmpl_raw(rq, "<section class=\"detail progress\" id=\"progress\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_PROGRESS_HEADING, "</h2>\n");
	outcome(rq, v);
	if (v->has_case)
		cw_steps(rq, v->k.kind, v->k.state);
	layout_wrap(rq, "<h3>", MSG_WEB_PROGRESS_THREAD, "</h3>\n");
	if (v->nmsgs == 0)
		layout_wrap(rq, "<p class=\"muted\">", MSG_WEB_CASE_MESSAGES_NONE, "</p>\n");
	else {
		tmpl_raw(rq, "<ol class=\"messages\">");	/* literal */
		for (i = 0; i < v->nmsgs; i++)
			cw_message(rq, &v->msgs[i], &v->md[i]);
		tmpl_raw(rq, "</ol>\n");	/* literal */
	}
	if (v->status == RSTATUS_NEEDS_INFO)
		reply_form(rq, v);
	if (retest_open(v))
		retest_form(rq, v);
	tmpl_raw(rq, "</section>\n");	/* literal */
}

/* Back to the report's progress. */
static enum app_err
progress_done(struct req *rq, const char *id)
{
	/* report_id_valid: PREFIX-YYYY-digits, safe in a URL as it is. */
	return resp_redirect(rq, arena_printf(rq->arena, "/reports/%s#progress", id));
}

/* A refused form: the report page again with the refusal, or the error page. */
static enum app_err
progress_refused(struct req *rq, enum app_err er, struct fault *f)
{
	enum app_err	rer;
	int		status;

	er = web_fault(rq, er, f);
	status = web_form_status(rq, er, f);
	if (er == APP_TOOBIG && f->field != NULL)
		status = 422;
	if (status != 0 && (rer = rp_view(rq, status)) != APP_OK)
		er = rer;
	return er;
}

enum app_err
progress_reply_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct message_in	 in;
	struct message		 out;
	const struct param_val	*id = req_param(rq, PREPLY_ID);
	enum app_err		 er;

	if (!report_id_valid(id->s))
		return req_fail(rq, APP_NOTFOUND, "id", MSG_ERR_NO_SUCH_REPORT);
	memset(&in, 0, sizeof(in));
	in.body = web_pstr(req_param(rq, PREPLY_BODY));
	in.channel = "web";
	if ((er = svc_report_reply(&c, id->s.p, &in, &out, &f)) == APP_OK)
		return progress_done(rq, id->s.p);
	return progress_refused(rq, er, &f);
}

enum app_err
progress_retest_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct message_in	 in;
	struct message		 out;
	struct report		 r;
	const char		*case_id = NULL;
	enum app_err		 er;

	/* The reader may see the report (need-to-know) before its case is looked up. */
	if ((er = rp_report_load(rq, req_param(rq, PRETEST_ID), &r)) != APP_OK)
		return er;
	er = store_case_of_report(rq->store, rq->arena, r.id, &case_id);
	if (er == APP_NOTFOUND)
		return req_fail(rq, APP_NOTFOUND, "id", MSG_ERR_NO_SUCH_CASE);
	if (er != APP_OK)
		return req_fail(rq, er, NULL, MSG_ERR_STORE);
	memset(&in, 0, sizeof(in));
	in.body = web_pstr(req_param(rq, PRETEST_BODY));
	in.channel = "web";
	if ((er = svc_case_retest(&c, case_id, web_pstr(req_param(rq, PRETEST_OUTCOME)),
	    &in, &out, &f)) == APP_OK)
		return progress_done(rq, r.id);
	return progress_refused(rq, er, &f);
}
