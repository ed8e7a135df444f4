/*
 * The staff's disclosure pages beside the advisories (issue 7), calling
 * svc/advisories.h as the JSON API does:
 *
 *   GET|POST /staff/cases/{id}/disclosure
 *					the case's advisories, its Art. 9 records
 *					and the form that adds one, its reports'
 *					attachments with their Art. 9(4) marking
 *   POST /staff/cases/{id}/reports/{report}/attachments/{attachment}/class
 *   GET|POST /staff/windows, POST /staff/windows/{wid}/withdraw
 *					major-event windows (R43)
 *   GET  /staff/decisions		the gate's log, by subject (R44)
 *
 * As in advisories.c: svc/ decides who may; a form redirects back with
 * ?done=, or shows its page again with the refusal beside it.
 */
#include <string.h>

#include "core/arena.h"
#include "core/calendar.h"
#include "core/config.h"
#include "core/parse.h"
#include "core/sbuf.h"
#include "core/str.h"
#include "domain/advisory.h"
#include "domain/policy.h"
#include "domain/report.h"
#include "svc/advisories.h"
#include "svc/cases.h"
#include "web/advisories_int.h"
#include "web/cases_int.h"
#include "web/layout.h"
#include "web/reports_int.h"
#include "web/tmpl.h"
#include "web/web.h"
#include "web/web_int.h"

#define LOG_ROWS	50	/* rows per page of the gate's log */

/* --- parameters --- */

/* GET /staff/cases/{id}/disclosure */
enum { DVIEW_ID, DVIEW_DONE, DVIEW__MAX };
static const struct param disc_view_params[DVIEW__MAX] = {
	[DVIEW_ID] = { "id", PARAM_TEXT, .max = AW_ID_MAX, .required = true },	/* case_id_valid */
	[DVIEW_DONE] = { "done", PARAM_TEXT, .max = AW_CHOICE_MAX },	/* what was just done */
};

/* POST /staff/cases/{id}/disclosure */
enum { DREC_ID, DREC_KIND, DREC_REFERENCE, DREC_ISSUED_ON, DREC_SCOPE, DREC_APPROVER,
	DREC_ALLOW, DREC_NOTE, DREC__MAX };
static const struct param disc_record_params[DREC__MAX] = {
	[DREC_ID] = { "id", PARAM_TEXT, .max = AW_ID_MAX, .required = true },	/* case_id_valid */
	[DREC_KIND] = { "kind", PARAM_TEXT, .max = AW_CHOICE_MAX },	/* svc names a bad one */
	[DREC_REFERENCE] = { "reference", PARAM_TEXT, .max = AW_REF_MAX },	/* required by svc */
	[DREC_ISSUED_ON] = { "issued_on", PARAM_TEXT, .max = AW_CHOICE_MAX },	/* YYYY-MM-DD */
	[DREC_SCOPE] = { "scope", PARAM_TEXT, .max = AW_REF_MAX },
	[DREC_APPROVER] = { "approver", PARAM_TEXT, .max = AW_REF_MAX },
	[DREC_ALLOW] = { "allow", PARAM_TEXT, .max = AW_CHOICE_MAX },	/* yes, no */
	[DREC_NOTE] = { "note", PARAM_MULTILINE, .max = AW_NOTE_MAX },
};

/* POST /staff/cases/{id}/reports/{report}/attachments/{attachment}/class */
enum { DCLS_ID, DCLS_REPORT, DCLS_ATTACHMENT, DCLS_CLASS, DCLS__MAX };
static const struct param disc_class_params[DCLS__MAX] = {
	[DCLS_ID] = { "id", PARAM_TEXT, .max = AW_ID_MAX, .required = true },	/* case_id_valid */
	[DCLS_REPORT] = { "report", PARAM_TEXT, .min = REPORT_ID_MIN, .max = REPORT_ID_MAX,
	    .required = true },					/* one of the case's */
	[DCLS_ATTACHMENT] = { "attachment", PARAM_I64, .min = 1, .max = INT64_MAX,
	    .required = true },					/* svc finds it */
	[DCLS_CLASS] = { "class", PARAM_TEXT, .max = AW_CHOICE_MAX },	/* svc names a bad one */
};

/* GET /staff/windows */
enum { WLIST_ALL, WLIST_DONE, WLIST__MAX };
static const struct param win_list_params[WLIST__MAX] = {
	[WLIST_ALL] = { "all", PARAM_BOOL },					/* past ones too */
	[WLIST_DONE] = { "done", PARAM_TEXT, .max = AW_CHOICE_MAX },	/* what was just done */
};

/* POST /staff/windows */
enum { WNEW_NAME, WNEW_STARTS, WNEW_ENDS, WNEW_SCOPE, WNEW__MAX };
static const struct param win_new_params[WNEW__MAX] = {
	[WNEW_NAME] = { "name", PARAM_TEXT, .max = AW_LINE_MAX },	/* svc requires it */
	[WNEW_STARTS] = { "starts_at", PARAM_TEXT, .max = AW_TIME_MAX },	/* form_time */
	[WNEW_ENDS] = { "ends_at", PARAM_TEXT, .max = AW_TIME_MAX },	/* form_time */
	[WNEW_SCOPE] = { "scope", PARAM_TEXT, .max = AW_SCOPE_MAX },	/* "" : everything */
};

/* POST /staff/windows/{wid}/withdraw */
enum { WWD_ID, WWD__MAX };
static const struct param win_withdraw_params[WWD__MAX] = {
	[WWD_ID] = { "wid", PARAM_I64, .min = 1, .max = INT64_MAX, .required = true },	/* svc finds it */
};

/* GET /staff/decisions */
enum { PLOG_SUBJECT, PLOG_BEFORE, PLOG__MAX };
static const struct param plog_params[PLOG__MAX] = {
	[PLOG_SUBJECT] = { "subject", PARAM_TEXT, .max = AW_SUBJECT_MAX },	/* exactly */
	[PLOG_BEFORE] = { "before", PARAM_I64, .min = 1, .max = INT64_MAX },	/* cursor: an id */
};

/* --- words --- */

/* The Art. 9 records (svc_disclosure_record_add). */
static const struct {
	const char	*kind;
	enum msg_id	 label;
} record_kinds[] = {
	{ "joint_assessment", MSG_WEB_ADV_REC_JOINT },
	{ "authority_report", MSG_WEB_ADV_REC_REPORT },
	{ "authority_outcome", MSG_WEB_ADV_REC_OUTCOME },
	{ "mps_consent", MSG_WEB_ADV_REC_CONSENT },
};

/* Attachment classes (svc_attachment_classify; Art. 9(4)). */
static const struct {
	const char	*cls;
	enum msg_id	 label;
} att_classes[] = {
	{ "", MSG_WEB_ADV_CLASS_NONE },
	{ "document", MSG_WEB_ADV_CLASS_DOCUMENT },
	{ "exploit", MSG_WEB_ADV_CLASS_EXPLOIT },
	{ "poc_tool", MSG_WEB_ADV_CLASS_POC },
};

/* --- a case's Art. 9 records, advisories and attachments --- */

/* What a failed form of the case's page had; NULL: not sent. */
struct disc_typed {
	bool		 record;	/* the record form failed (else a classification) */
	const char	*kind, *reference, *issued_on, *scope, *approver, *allow, *note;
};

struct disc_page {
	struct case_row			 k;
	struct case_disclosure		 d;		/* advisories, attachments, exploits */
	struct disclosure_record	*recs;		/* oldest first */
	size_t				 nrecs;
	const struct disc_typed		*t;		/* the failed form, or NULL */
};

static enum app_err
disc_load(struct req *rq, const char *id, struct disc_page *p)
{
	struct svc_ctx		  c = web_ctx(rq);
	struct fault		  f = { .er = APP_OK };
	struct case_vendor	 *vendors;
	const char		**reports;
	size_t			  nreports, nvendors;
	enum app_err		  er;

	/* The case as the staff read it (need-to-know and the audit are svc's). */
	if ((er = svc_case_get(&c, id, &p->k, &reports, &nreports, &vendors, &nvendors,
	    &f)) != APP_OK || (er = svc_disclosure_records(&c, p->k.id, &p->recs, &p->nrecs,
	    &f)) != APP_OK || (er = svc_case_disclosure(&c, p->k.id, reports, nreports,
	    &p->d, &f)) != APP_OK)
		return web_fault(rq, er, &f);
	return APP_OK;
}

static const char *
record_kind_label(struct req *rq, const char *kind)
{
	size_t	i;

	for (i = 0; i < sizeof(record_kinds) / sizeof(record_kinds[0]); i++)
		if (strcmp(kind, record_kinds[i].kind) == 0)
			return req_msg(rq, record_kinds[i].label);
	return kind;
}

static void
disc_advisories(struct req *rq, const struct disc_page *p)
{
	tmpl_raw(rq, "<section class=\"detail\" id=\"advisories\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_ADV_CASE_ADVISORIES, "</h2>\n");
	if (p->d.nadvs == 0)
		layout_wrap(rq, "<p class=\"muted\">", MSG_WEB_ADV_CASE_NONE, "</p>\n");
	else
		aw_queue_table(rq, p->d.advs, p->d.nadvs);
	/* Art. 9(2): an incident case's details are never published. */
	if (p->k.kind == CKIND_GENERIC)
		aw_button_form(rq, arena_printf(rq->arena, "/staff/cases/%s/advisory", p->k.id),
		    "primary", MSG_WEB_ADV_CASE_DRAFT);
	tmpl_raw(rq, "</section>\n");	/* literal */
}

static void
disc_records(struct req *rq, const struct disc_page *p)
{
	size_t	i;

	tmpl_raw(rq, "<section class=\"detail\" id=\"records\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_ADV_RECORDS, "</h2>\n");
	layout_wrap(rq, "<p class=\"hint\">", MSG_WEB_ADV_RECORDS_INTRO, "</p>\n");
	if (p->nrecs == 0) {
		layout_wrap(rq, "<p class=\"muted\">", MSG_WEB_ADV_RECORDS_NONE, "</p>\n");
		tmpl_raw(rq, "</section>\n");	/* literal */
		return;
	}
	tmpl_raw(rq, "<div class=\"table-wrap\"><table class=\"data disclosure-records\">"
	    "<thead><tr>");	/* literal */
	layout_th(rq, MSG_WEB_ADV_F_KIND);
	layout_th(rq, MSG_WEB_ADV_F_REFERENCE);
	layout_th(rq, MSG_WEB_ADV_F_ISSUED_ON);
	layout_th(rq, MSG_WEB_ADV_F_SCOPE);
	layout_th(rq, MSG_WEB_ADV_F_APPROVER);
	layout_th(rq, MSG_WEB_ADV_F_ALLOW);
	layout_th(rq, MSG_WEB_ADV_F_RECORD_NOTE);
	layout_th(rq, MSG_WEB_ADV_RECORDED_BY);
	tmpl_raw(rq, "</tr></thead><tbody>\n");	/* literal */
	for (i = 0; i < p->nrecs; i++) {
		const struct disclosure_record	*r = &p->recs[i];

		tmpl_raw(rq, "<tr><td>");	/* literal */
		tmpl_text(rq, record_kind_label(rq, r->kind));
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_text(rq, r->reference);
		tmpl_raw(rq, "</td><td class=\"nowrap\">");	/* literal */
		tmpl_text(rq, r->issued_on);
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_text(rq, r->scope);
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_text(rq, r->approver);
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_msg(rq, r->allow ? MSG_WEB_ADV_ALLOW_YES : MSG_WEB_ADV_ALLOW_NO);
		tmpl_raw(rq, "</td><td class=\"pre-line\">");	/* literal */
		tmpl_text(rq, r->note);
		tmpl_raw(rq, "</td><td class=\"nowrap\">");	/* literal */
		tmpl_text(rq, r->created_by_login);
		tmpl_raw(rq, "<br>");	/* literal */
		tmpl_time(rq, r->created_at);
		tmpl_raw(rq, "</td></tr>\n");	/* literal */
	}
	tmpl_raw(rq, "</tbody></table></div></section>\n");	/* literal */
}

static void
disc_record_form(struct req *rq, const struct disc_page *p)
{
	const struct disc_typed	*t = p->t != NULL && p->t->record ? p->t : NULL;
	bool			 again = t != NULL;
	struct layout_control	 c_kind = { "kind", "f-kind", MSG_WEB_ADV_F_KIND, NULL,
				    MSG_OK, NULL, aw_problem(rq, again, "kind"), false, false };
	struct layout_control	 c_ref = { "reference", "f-reference", MSG_WEB_ADV_F_REFERENCE,
				    NULL, MSG_WEB_ADV_F_REFERENCE_HINT, NULL,
				    aw_problem(rq, again, "reference"), false, false };
	struct layout_control	 c_date = { "issued_on", "f-issued_on", MSG_WEB_ADV_F_ISSUED_ON,
				    NULL, MSG_OK, NULL, aw_problem(rq, again, "issued_on"), false,
				    false };
	struct layout_control	 c_scope = { "scope", "f-scope", MSG_WEB_ADV_F_SCOPE, NULL,
				    MSG_WEB_ADV_F_SCOPE_HINT, NULL, aw_problem(rq, again, "scope"),
				    true, false };
	struct layout_control	 c_appr = { "approver", "f-approver", MSG_WEB_ADV_F_APPROVER,
				    NULL, MSG_OK, NULL, aw_problem(rq, again, "approver"), true,
				    false };
	struct layout_control	 c_allow = { "allow", "f-allow", MSG_WEB_ADV_F_ALLOW, NULL,
				    MSG_WEB_ADV_F_ALLOW_HINT, NULL, aw_problem(rq, again, "allow"),
				    false, false };
	struct layout_control	 c_note = { "note", "f-record-note", MSG_WEB_ADV_F_RECORD_NOTE,
				    NULL, MSG_OK, NULL, aw_problem(rq, again, "note"), true, false };
	size_t			 i;

	tmpl_raw(rq, "<section class=\"detail\" id=\"record-new\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_ADV_RECORD_NEW, "</h2>\n");
	if (again)
		layout_form_errors(rq);
	aw_form_open(rq, "stack narrow", arena_printf(rq->arena, "/staff/cases/%s/disclosure",
	    p->k.id));
	cw_select_open(rq, &c_kind);
	for (i = 0; i < sizeof(record_kinds) / sizeof(record_kinds[0]); i++)
		cw_option(rq, record_kinds[i].kind, req_msg(rq, record_kinds[i].label),
		    again ? t->kind : NULL);
	tmpl_raw(rq, "</select></div>\n");	/* literal */
	layout_text_input(rq, &c_ref, "text", again ? t->reference : "", AW_REF_MAX, false);
	layout_text_input(rq, &c_date, "date", again ? t->issued_on : "", 10, false);
	layout_text_input(rq, &c_scope, "text", again ? t->scope : "", AW_REF_MAX, false);
	layout_text_input(rq, &c_appr, "text", again ? t->approver : "", AW_REF_MAX, false);
	cw_select_open(rq, &c_allow);
	cw_option(rq, "yes", req_msg(rq, MSG_WEB_ADV_ALLOW_YES), again ? t->allow : "yes");
	cw_option(rq, "no", req_msg(rq, MSG_WEB_ADV_ALLOW_NO), again ? t->allow : "yes");
	tmpl_raw(rq, "</select></div>\n");	/* literal */
	layout_textarea(rq, &c_note, again ? t->note : "", NOTE_ROWS, 0, false);
	layout_submit(rq, MSG_WEB_ADV_RECORD_SUBMIT);
	tmpl_raw(rq, "</form></section>\n");	/* literal */
}

static void
class_form(struct req *rq, const struct disc_page *p, const char *report,
    const struct attachment *a)
{
	size_t	i;

	aw_form_open(rq, "inline", arena_printf(rq->arena,
	    "/staff/cases/%s/reports/%s/attachments/%lld/class", p->k.id, report,
	    (long long)a->id));
	tmpl_raw(rq, "<select name=\"class\"");	/* literal */
	tmpl_attr(rq, "id", arena_printf(rq->arena, "f-class-%lld", (long long)a->id));
	tmpl_attr(rq, "aria-label", arena_printf(rq->arena, "%s: %s", req_msg(rq,
	    MSG_WEB_ADV_CLASS), a->filename));
	tmpl_raw(rq, ">");	/* literal */
	for (i = 0; i < sizeof(att_classes) / sizeof(att_classes[0]); i++)
		cw_option(rq, att_classes[i].cls, req_msg(rq, att_classes[i].label), NULL);
	tmpl_raw(rq, "</select> <button type=\"submit\" class=\"small\">");	/* literal */
	tmpl_msg(rq, MSG_WEB_ADV_CLASS_SUBMIT);
	tmpl_raw(rq, "</button></form>");	/* literal */
}

static void
disc_attachments(struct req *rq, const struct disc_page *p)
{
	size_t	i, j, any = 0;

	tmpl_raw(rq, "<section class=\"detail\" id=\"attachments\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_ADV_ATTACHMENTS, "</h2>\n");
	layout_wrap(rq, "<p class=\"hint\">", MSG_WEB_ADV_ATTACHMENTS_INTRO, "</p>\n");
	if (p->t != NULL && !p->t->record)
		layout_form_errors(rq);
	tmpl_raw(rq, "<p>");	/* literal */
	tmpl_text(rq, layout_msgf(rq, MSG_WEB_ADV_EXPLOIT_COUNT, (long long)p->d.exploits));
	tmpl_raw(rq, "</p>\n");	/* literal */
	for (i = 0; i < p->d.nreps; i++)
		any += p->d.reps[i].nat;
	if (any == 0) {
		layout_wrap(rq, "<p class=\"muted\">", MSG_WEB_ADV_ATTACHMENTS_NONE,
		    "</p></section>\n");
		return;
	}
	tmpl_raw(rq, "<div class=\"table-wrap\"><table class=\"data adv-attachments\">"
	    "<thead><tr>");	/* literal */
	layout_th(rq, MSG_WEB_ADV_REPORT);
	layout_th(rq, MSG_WEB_REPORT_ATT_NAME);
	layout_th(rq, MSG_WEB_REPORT_ATT_TYPE);
	layout_th(rq, MSG_WEB_REPORT_ATT_SIZE);
	layout_th(rq, MSG_WEB_ADV_CLASS);
	tmpl_raw(rq, "</tr></thead><tbody>\n");	/* literal */
	for (i = 0; i < p->d.nreps; i++)
		for (j = 0; j < p->d.reps[i].nat; j++) {
			const struct attachment	*a = &p->d.reps[i].at[j];
			/* report_id_valid: PREFIX-YYYY-digits, safe in a URL as it is. */
			bool			 ok = report_id_valid(str_from(p->d.reps[i].report));

			tmpl_raw(rq, "<tr><td>");	/* literal */
			if (ok)
				layout_code_link(rq, arena_printf(rq->arena, "/reports/%s",
				    p->d.reps[i].report), p->d.reps[i].report);
			else
				tmpl_text(rq, p->d.reps[i].report);
			tmpl_raw(rq, "</td><td>");	/* literal */
			tmpl_text(rq, a->filename);
			tmpl_raw(rq, "</td><td><code>");	/* literal */
			tmpl_text(rq, a->mime);
			tmpl_raw(rq, "</code></td><td class=\"nowrap\">");	/* literal */
			tmpl_text(rq, rp_size_text(rq, a->size));
			tmpl_raw(rq, "</td><td>");	/* literal */
			if (ok)
				class_form(rq, p, p->d.reps[i].report, a);
			tmpl_raw(rq, "</td></tr>\n");	/* literal */
		}
	tmpl_raw(rq, "</tbody></table></div></section>\n");	/* literal */
}

/*
 * The case's page of Art. 9 records, advisories and attachments, answered
 * with status (422: the form t comes back).
 */
static enum app_err
disc_page(struct req *rq, int status, const char *id, const struct disc_typed *t,
    const char *done)
{
	struct disc_page	*p = ARENA_NEW(rq->arena, struct disc_page);
	enum app_err		 er;

	p->t = t;
	if ((er = disc_load(rq, id, p)) != APP_OK)
		return er;

	resp_html(rq, status);
	layout_begin(rq, MSG_WEB_ADV_DISC_TITLE);
	tmpl_raw(rq, "<p class=\"report-head\"><code>");	/* literal */
	tmpl_text(rq, p->k.id);
	tmpl_raw(rq, "</code> ");	/* literal */
	cw_state_badge(rq, p->k.state);
	tmpl_raw(rq, "</p>\n<h1>");	/* literal */
	tmpl_text(rq, layout_msgf(rq, MSG_WEB_ADV_DISC_HEADING, p->k.title));
	tmpl_raw(rq, "</h1>\n");	/* literal */
	aw_done_flash(rq, done);
	tmpl_raw(rq, "<p class=\"links-inline\">");	/* literal */
	layout_link(rq, arena_printf(rq->arena, "/cases/%s", p->k.id), MSG_WEB_ADV_TO_CASE);
	layout_link(rq, "/staff/advisories", MSG_WEB_ADV_QUEUE_TITLE);
	tmpl_raw(rq, "</p>\n");	/* literal */
	disc_advisories(rq, p);
	disc_records(rq, p);
	disc_record_form(rq, p);
	disc_attachments(rq, p);
	layout_end(rq);
	return APP_OK;
}

static enum app_err
disc_get(struct req *rq)
{
	const char	*id = cw_case_id(req_param(rq, DVIEW_ID));

	if (id == NULL)
		return aw_no_such_case(rq);
	return disc_page(rq, 200, id, NULL, web_pstr(req_param(rq, DVIEW_DONE)));
}

/* The case's page again with a refusal, or the error page. */
static enum app_err
disc_refused(struct req *rq, enum app_err er, struct fault *f, const char *id,
    const struct disc_typed *t)
{
	enum app_err	rer;
	int		status;

	er = web_fault(rq, er, f);
	status = web_form_status(rq, er, f);
	/* A case not there: not found, never a form. */
	if (er == APP_NOTFOUND && f->field != NULL && strcmp(f->field, "id") == 0)
		status = 0;
	if (status != 0 && (rer = disc_page(rq, status, id, t, "")) != APP_OK)
		er = rer;
	return er;
}

static enum app_err
record_post(struct req *rq)
{
	struct svc_ctx			 c = web_ctx(rq);
	struct fault			 f = { .er = APP_OK };
	struct disc_typed		*t = ARENA_NEW(rq->arena, struct disc_typed);
	struct disclosure_record_in	 in;
	const char			*id = cw_case_id(req_param(rq, DREC_ID));
	int64_t				 rid;
	enum app_err			 er;

	if (id == NULL)
		return aw_no_such_case(rq);
	t->record = true;
	t->kind = web_pstr(req_param(rq, DREC_KIND));
	t->reference = web_pstr(req_param(rq, DREC_REFERENCE));
	t->issued_on = web_pstr(req_param(rq, DREC_ISSUED_ON));
	t->scope = web_pstr(req_param(rq, DREC_SCOPE));
	t->approver = web_pstr(req_param(rq, DREC_APPROVER));
	t->allow = web_pstr(req_param(rq, DREC_ALLOW));
	t->note = web_pstr(req_param(rq, DREC_NOTE));
	if (t->allow[0] != '\0' && strcmp(t->allow, "yes") != 0 && strcmp(t->allow, "no") != 0) {
		er = fault_set(&f, APP_INVALID, "allow", MSG_ERR_FIELD_CHOICE, 0);
		return disc_refused(rq, er, &f, id, t);
	}
	in = (struct disclosure_record_in){ t->kind, t->reference, t->issued_on, t->scope,
	    t->approver, strcmp(t->allow, "no") != 0, t->note };
	if ((er = svc_disclosure_record_add(&c, id, &in, &rid, &f)) == APP_OK)
		/* case_id_valid: PREFIX-C-YYYY-digits, safe in a URL as it is. */
		return resp_redirect(rq, arena_printf(rq->arena,
		    "/staff/cases/%s/disclosure?done=recorded#records", id));
	return disc_refused(rq, er, &f, id, t);
}

static enum app_err
class_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct disc_typed	*t = ARENA_NEW(rq->arena, struct disc_typed);
	struct case_row		 k;
	struct case_vendor	*vendors;
	const char		**reports, *report = req_param(rq, DCLS_REPORT)->s.p;
	const char		*id = cw_case_id(req_param(rq, DCLS_ID));
	size_t			 nreports, nvendors, i;
	enum app_err		 er;

	if (id == NULL)
		return aw_no_such_case(rq);
	/* The report is one of the case's, which the form names. */
	if ((er = svc_case_get(&c, id, &k, &reports, &nreports, &vendors, &nvendors, &f)) !=
	    APP_OK)
		return web_fault(rq, er, &f);
	for (i = 0; i < nreports; i++)
		if (strcmp(reports[i], report) == 0)
			break;
	if (i == nreports)
		return req_fail(rq, APP_NOTFOUND, "report", MSG_ERR_NO_SUCH_REPORT);
	if ((er = svc_attachment_classify(&c, reports[i], req_param(rq, DCLS_ATTACHMENT)->i,
	    web_pstr(req_param(rq, DCLS_CLASS)), &f)) == APP_OK)
		return resp_redirect(rq, arena_printf(rq->arena,
		    "/staff/cases/%s/disclosure?done=classified#attachments", id));
	return disc_refused(rq, er, &f, id, t);
}

/* --- major-event windows --- */

struct win_typed {
	const char	*name, *starts_at, *ends_at, *scope;
};

static void
window_state(struct req *rq, const struct event_window *w)
{
	if (w->withdrawn_at != 0)
		layout_wrap(rq, "<span class=\"badge badge-off\">", MSG_WEB_ADV_WIN_WITHDRAWN,
		    "</span>");
	else if (rq->now < w->starts_at)
		layout_wrap(rq, "<span class=\"badge\">", MSG_WEB_ADV_WIN_UPCOMING, "</span>");
	else if (rq->now >= w->ends_at)
		layout_wrap(rq, "<span class=\"badge badge-off\">", MSG_WEB_ADV_WIN_ENDED,
		    "</span>");
	else
		layout_wrap(rq, "<span class=\"badge badge-warn\">", MSG_WEB_ADV_WIN_ACTIVE,
		    "</span>");
}

static void
windows_table(struct req *rq, const struct event_window *w, size_t n, bool admin)
{
	size_t	i;

	tmpl_raw(rq, "<div class=\"table-wrap\"><table class=\"data windows\"><thead><tr>");	/* literal */
	layout_th(rq, MSG_WEB_ADV_WIN_NAME);
	layout_th(rq, MSG_WEB_ADV_WIN_STARTS);
	layout_th(rq, MSG_WEB_ADV_WIN_ENDS);
	layout_th(rq, MSG_WEB_ADV_WIN_SCOPE);
	layout_th(rq, MSG_WEB_ADV_WIN_SOURCE);
	layout_th(rq, MSG_WEB_ADV_STATE);
	if (admin)
		layout_th(rq, MSG_WEB_ADV_WIN_WITHDRAW);
	tmpl_raw(rq, "</tr></thead><tbody>\n");	/* literal */
	for (i = 0; i < n; i++) {
		tmpl_raw(rq, "<tr");	/* literal */
		tmpl_attr(rq, "id", arena_printf(rq->arena, "window-%lld", (long long)w[i].id));
		tmpl_raw(rq, "><td>");	/* literal */
		tmpl_text(rq, w[i].name);
		tmpl_raw(rq, "</td><td class=\"nowrap\">");	/* literal */
		tmpl_time(rq, w[i].starts_at);
		tmpl_raw(rq, "</td><td class=\"nowrap\">");	/* literal */
		tmpl_time(rq, w[i].ends_at);
		tmpl_raw(rq, "</td><td>");	/* literal */
		if (aw_blank(w[i].scope))
			layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_ADV_WIN_EVERYTHING,
			    "</span>");
		else
			tmpl_text(rq, w[i].scope);
		tmpl_raw(rq, "</td><td>");	/* literal */
		if (strcmp(w[i].source, "local") == 0)
			tmpl_msg(rq, MSG_WEB_ADV_WIN_LOCAL);
		else
			tmpl_text(rq, w[i].source);
		tmpl_raw(rq, "</td><td>");	/* literal */
		window_state(rq, &w[i]);
		tmpl_raw(rq, "</td>");	/* literal */
		if (admin) {
			tmpl_raw(rq, "<td>");	/* literal */
			if (w[i].withdrawn_at == 0)
				aw_button_form(rq, arena_printf(rq->arena,
				    "/staff/windows/%lld/withdraw", (long long)w[i].id), "small",
				    MSG_WEB_ADV_WIN_WITHDRAW);
			tmpl_raw(rq, "</td>");	/* literal */
		}
		tmpl_raw(rq, "</tr>\n");	/* literal */
	}
	tmpl_raw(rq, "</tbody></table></div>\n");	/* literal */
}

static void
window_form(struct req *rq, const struct win_typed *t)
{
	bool			 again = t != NULL;
	struct layout_control	 c_name = { "name", "f-name", MSG_WEB_ADV_WIN_NAME, NULL,
				    MSG_OK, NULL, aw_problem(rq, again, "name"), false, false };
	struct layout_control	 c_start = { "starts_at", "f-starts_at", MSG_WEB_ADV_WIN_STARTS,
				    NULL, MSG_WEB_ADV_F_TIME_HINT, NULL,
				    aw_problem(rq, again, "starts_at"), false, false };
	struct layout_control	 c_end = { "ends_at", "f-ends_at", MSG_WEB_ADV_WIN_ENDS, NULL,
				    MSG_WEB_ADV_F_TIME_HINT, NULL, aw_problem(rq, again, "ends_at"),
				    false, false };
	struct layout_control	 c_scope = { "scope", "f-scope", MSG_WEB_ADV_WIN_SCOPE, NULL,
				    MSG_WEB_ADV_F_WIN_SCOPE_HINT, NULL, aw_problem(rq, again, "scope"),
				    true, false };

	tmpl_raw(rq, "<section class=\"detail\" id=\"window-new\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_ADV_WIN_NEW, "</h2>\n");
	if (again)
		layout_form_errors(rq);
	aw_form_open(rq, "stack narrow", "/staff/windows");
	layout_text_input(rq, &c_name, "text", again ? t->name : "", AW_LINE_MAX, false);
	layout_text_input(rq, &c_start, "datetime-local", again ? t->starts_at : "",
	    AW_TIME_MAX, false);
	layout_text_input(rq, &c_end, "datetime-local", again ? t->ends_at : "",
	    AW_TIME_MAX, false);
	layout_text_input(rq, &c_scope, "text", again ? t->scope : "", AW_SCOPE_MAX, false);
	layout_submit(rq, MSG_WEB_ADV_WIN_SUBMIT);
	tmpl_raw(rq, "</form></section>\n");	/* literal */
}

static enum app_err
windows_page(struct req *rq, int status, bool all, const struct win_typed *t,
    const char *done)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct event_window	*w;
	size_t			 n;
	/* Admins enter windows; an authority's account pushes them (svc decides). */
	bool			 admin = rq->user->role == UROLE_ADMIN;
	enum app_err		 er;

	if ((er = svc_windows(&c, all, &w, &n, &f)) != APP_OK)
		return web_fault(rq, er, &f);

	resp_html(rq, status);
	layout_begin(rq, MSG_WEB_ADV_WIN_TITLE);
	layout_wrap(rq, "<h1>", MSG_WEB_ADV_WIN_TITLE, "</h1>\n");
	layout_wrap(rq, "<p class=\"lead\">", MSG_WEB_ADV_WIN_INTRO, "</p>\n");
	aw_done_flash(rq, done);
	/* A refusal of the withdraw buttons (the add form has its own place). */
	if (t == NULL && rq->err != APP_OK)
		layout_form_errors(rq);
	tmpl_raw(rq, "<p class=\"links-inline\">");	/* literal */
	if (all)
		layout_link(rq, "/staff/windows", MSG_WEB_ADV_WIN_CURRENT);
	else
		layout_link(rq, "/staff/windows?all=1", MSG_WEB_ADV_WIN_ALL);
	tmpl_raw(rq, "</p>\n");	/* literal */
	if (n == 0)
		layout_wrap(rq, "<p class=\"muted\">", MSG_WEB_ADV_WIN_NONE, "</p>\n");
	else
		windows_table(rq, w, n, admin);
	if (admin || t != NULL)
		window_form(rq, t);
	layout_end(rq);
	return APP_OK;
}

static enum app_err
windows_get(struct req *rq)
{
	return windows_page(rq, 200, req_param(rq, WLIST_ALL)->b, NULL,
	    web_pstr(req_param(rq, WLIST_DONE)));
}

/* The windows page again with a refusal, or the error page. */
static enum app_err
windows_refused(struct req *rq, enum app_err er, struct fault *f, const struct win_typed *t)
{
	enum app_err	rer;
	int		status;

	er = web_fault(rq, er, f);
	if ((status = web_form_status(rq, er, f)) != 0 &&
	    (rer = windows_page(rq, status, false, t, "")) != APP_OK)
		er = rer;
	return er;
}

static enum app_err
window_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct win_typed	*t = ARENA_NEW(rq->arena, struct win_typed);
	struct window_in	 in = { 0 };
	int64_t			 id;
	enum app_err		 er;

	t->name = web_pstr(req_param(rq, WNEW_NAME));
	t->starts_at = web_pstr(req_param(rq, WNEW_STARTS));
	t->ends_at = web_pstr(req_param(rq, WNEW_ENDS));
	t->scope = web_pstr(req_param(rq, WNEW_SCOPE));
	in.name = t->name;
	in.scope = t->scope;
	if (aw_form_time(aw_trimmed(rq, t->starts_at), &in.starts_at) != 0)
		er = fault_set(&f, APP_INVALID, "starts_at", MSG_WEB_ADV_ERR_TIME, 0);
	else if (aw_form_time(aw_trimmed(rq, t->ends_at), &in.ends_at) != 0)
		er = fault_set(&f, APP_INVALID, "ends_at", MSG_WEB_ADV_ERR_TIME, 0);
	else if ((er = svc_window_put(&c, &in, &id, &f)) == APP_OK)
		return resp_redirect(rq, "/staff/windows?done=window_added");
	return windows_refused(rq, er, &f, t);
}

static enum app_err
window_withdraw_post(struct req *rq)
{
	struct svc_ctx	c = web_ctx(rq);
	struct fault	f = { .er = APP_OK };
	enum app_err	er;

	if ((er = svc_window_withdraw(&c, req_param(rq, WWD_ID)->i, &f)) == APP_OK)
		return resp_redirect(rq, "/staff/windows?done=window_withdrawn");
	return windows_refused(rq, er, &f, NULL);
}

/* --- the gate's log --- */

static const char *
plog_url(struct req *rq, const char *subject, int64_t before)
{
	struct sbuf	url;

	sbuf_init(&url, rq->arena, 0);
	sbuf_addstr(&url, "/staff/decisions");
	if (subject[0] != '\0') {
		sbuf_addstr(&url, "?subject=");
		sbuf_add_urlenc(&url, subject, strlen(subject));
	}
	if (before > 0)
		sbuf_addf(&url, "%cbefore=%lld", subject[0] != '\0' ? '&' : '?',
		    (long long)before);
	return url.buf;
}

/* A subject, linked to its page when it names an advisory or a case. */
static void
subject_cell(struct req *rq, const char *s)
{
	if (strncmp(s, "advisory:", 9) == 0 && adv_id_valid(s + 9))
		layout_code_link(rq, arena_printf(rq->arena, "/staff/advisories/%s", s + 9), s);
	else if (strncmp(s, "case:", 5) == 0 && case_id_valid(s + 5))
		layout_code_link(rq, arena_printf(rq->arena, "/cases/%s", s + 5), s);
	else {
		tmpl_raw(rq, "<code>");	/* literal */
		tmpl_text(rq, s);
		tmpl_raw(rq, "</code>");	/* literal */
	}
}

static void
plog_filter(struct req *rq, const char *subject)
{
	tmpl_raw(rq, "<form class=\"filters\" method=\"get\" action=\"/staff/decisions\" "
	    "role=\"search\" aria-label=\"");	/* literal */
	tmpl_msg(rq, MSG_WEB_ADV_LOG_FILTER);
	tmpl_raw(rq, "\"><div class=\"field grow\"><label for=\"q-subject\">");	/* literal */
	tmpl_msg(rq, MSG_WEB_ADV_LOG_SUBJECT);
	tmpl_raw(rq, "</label><input type=\"search\" id=\"q-subject\" name=\"subject\"");	/* literal */
	tmpl_attr(rq, "maxlength", arena_printf(rq->arena, "%d", AW_SUBJECT_MAX));
	tmpl_attr(rq, "placeholder", req_msg(rq, MSG_WEB_ADV_LOG_SUBJECT_HINT));
	tmpl_attr(rq, "value", subject);
	tmpl_raw(rq, "></div><div class=\"field\"><button type=\"submit\" "
	    "class=\"primary\">");	/* literal */
	tmpl_msg(rq, MSG_WEB_REPORTS_FILTER);
	tmpl_raw(rq, "</button></div>");	/* literal */
	if (subject[0] != '\0') {
		tmpl_raw(rq, "<div class=\"field\">");	/* literal */
		layout_link(rq, "/staff/decisions", MSG_WEB_REPORTS_CLEAR);
		tmpl_raw(rq, "</div>");	/* literal */
	}
	tmpl_raw(rq, "</form>\n");	/* literal */
}

static enum app_err
plog_get(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct policy_log_row	*r;
	const char		*subject = web_pstr(req_param(rq, PLOG_SUBJECT));
	const struct param_val	*before = req_param(rq, PLOG_BEFORE);
	int64_t			 cursor = before->present ? before->i : 0, next = 0;
	size_t			 n, i;
	enum app_err		 er;

	/* One row more than shown tells whether there is a next page. */
	if ((er = svc_policy_decisions(&c, subject[0] != '\0' ? subject : NULL, cursor,
	    LOG_ROWS + 1, &r, &n, &f)) != APP_OK)
		return web_fault(rq, er, &f);
	if (n > LOG_ROWS) {
		n = LOG_ROWS;
		next = r[n - 1].id;
	}

	resp_html(rq, 200);
	layout_begin(rq, MSG_WEB_ADV_LOG_TITLE);
	layout_wrap(rq, "<h1>", MSG_WEB_ADV_LOG_TITLE, "</h1>\n");
	layout_wrap(rq, "<p class=\"lead\">", MSG_WEB_ADV_LOG_INTRO, "</p>\n");
	plog_filter(rq, subject);
	if (n == 0)
		layout_wrap(rq, "<p class=\"muted\">", MSG_WEB_ADV_LOG_NONE, "</p>\n");
	else {
		tmpl_raw(rq, "<div class=\"table-wrap\"><table class=\"data decisions\">"
		    "<thead><tr>");	/* literal */
		layout_th(rq, MSG_WEB_ADV_LOG_AT);
		layout_th(rq, MSG_WEB_ADV_LOG_ACTOR);
		layout_th(rq, MSG_WEB_ADV_LOG_ACTION);
		layout_th(rq, MSG_WEB_ADV_LOG_SUBJECT);
		layout_th(rq, MSG_WEB_ADV_LOG_RECIPIENT);
		layout_th(rq, MSG_WEB_ADV_LOG_OUTCOME);
		layout_th(rq, MSG_WEB_RULE);
		tmpl_raw(rq, "</tr></thead><tbody>\n");	/* literal */
		for (i = 0; i < n; i++) {
			tmpl_raw(rq, "<tr><td class=\"nowrap\">");	/* literal */
			tmpl_time(rq, r[i].at);
			tmpl_raw(rq, "</td><td>");	/* literal */
			if (r[i].actor_login[0] != '\0')
				tmpl_text(rq, r[i].actor_login);
			else
				layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_CASE_SYSTEM,
				    "</span>");
			tmpl_raw(rq, "</td><td><code>");	/* literal */
			tmpl_text(rq, r[i].action);
			tmpl_raw(rq, "</code></td><td>");	/* literal */
			subject_cell(rq, r[i].subject);
			tmpl_raw(rq, "</td><td><code>");	/* literal */
			tmpl_text(rq, r[i].recipient);
			tmpl_raw(rq, "</code></td><td>");	/* literal */
			if (r[i].allowed)
				layout_wrap(rq, "<span class=\"badge badge-on\">",
				    MSG_WEB_ADV_LOG_ALLOWED, "</span>");
			else
				layout_wrap(rq, "<span class=\"badge badge-warn\">",
				    MSG_WEB_ADV_LOG_DENIED, "</span>");
			tmpl_raw(rq, "</td><td>");	/* literal */
			if (r[i].rule[0] != '\0') {
				tmpl_raw(rq, "<code>");	/* literal */
				tmpl_text(rq, r[i].rule);
				tmpl_raw(rq, "</code>");	/* literal */
			}
			tmpl_raw(rq, "</td></tr>\n");	/* literal */
		}
		tmpl_raw(rq, "</tbody></table></div>\n");	/* literal */
	}
	layout_pager(rq, cursor > 0 ? plog_url(rq, subject, 0) : NULL,
	    next > 0 ? plog_url(rq, subject, next) : NULL);
	layout_end(rq);
	return APP_OK;
}

/*
 * The routes: the advisories' and the case's pages are the staff's
 * (PERM_CASES_MANAGE, as the API's); the windows and the log let any
 * account in, as the API does, and svc/ refuses all but those it names
 * (windows: staff, auditors, admins, authorities; the log: auditors and
 * admins) with its rule.
 */
const struct route disclosure_web_routes[] = {
	{ HTTP_GET, "/staff/cases/{id}/disclosure", PERM_CASES_MANAGE, R_WEB,
	    PARAMS(disc_view_params), disc_get },
	{ HTTP_POST, "/staff/cases/{id}/disclosure", PERM_CASES_MANAGE, R_WEB | R_FORM,
	    PARAMS(disc_record_params), record_post },
	{ HTTP_POST, "/staff/cases/{id}/reports/{report}/attachments/{attachment}/class",
	    PERM_CASES_MANAGE, R_WEB | R_FORM, PARAMS(disc_class_params), class_post },
	{ HTTP_GET, "/staff/windows", PERM_ACCOUNT, R_WEB, PARAMS(win_list_params),
	    windows_get },
	{ HTTP_POST, "/staff/windows", PERM_ACCOUNT, R_WEB | R_FORM, PARAMS(win_new_params),
	    window_post },
	{ HTTP_POST, "/staff/windows/{wid}/withdraw", PERM_ACCOUNT, R_WEB | R_FORM,
	    PARAMS(win_withdraw_params), window_withdraw_post },
	{ HTTP_GET, "/staff/decisions", PERM_ACCOUNT, R_WEB, PARAMS(plog_params), plog_get },
};
const size_t	disclosure_web_nroutes =
    sizeof(disclosure_web_routes) / sizeof(disclosure_web_routes[0]);
