/*
 * One case (issue 5), drawn for who is looking.  Everything shown is what
 * svc/ hands this reader (need-to-know is decided there, never here):
 *
 *   staff (PERM_CASES_MANAGE)	status, the reports with their CVSS scores
 *				and GB/T 30279 grades, the affected products
 *				and the supply chain's proposals, every vendor
 *				with its answer, the timeline, the conversation
 *				and its participants, and the forms: add a
 *				product (with a product search), confirm a
 *				proposal, move the case, bring a vendor in,
 *				notify one, approve a statement, add or remove
 *				a participant, post a message
 *   a vendor member		status, their own organisation's answer with a
 *				form to change it, the other vendors' status and
 *				approved statements, the conversation they may see
 *   an observer (regulator)	status, the vendors, the conversation
 *
 * The page is loaded whole before it is written, so that a failure still
 * becomes the error page.  The sections about the case's parties (affected
 * products, supply chain, participants) are in case_parties.c.
 */
#include <string.h>

#include "core/arena.h"
#include "core/sbuf.h"
#include "domain/assessment.h"
#include "domain/authz.h"
#include "domain/cvss.h"
#include "domain/grade.h"
#include "store/store.h"
#include "svc/assessment.h"
#include "svc/cases.h"
#include "svc/messages.h"
#include "svc/products.h"
#include "web/cases_int.h"
#include "web/layout.h"
#include "web/markdown.h"
#include "web/reports_int.h"
#include "web/tmpl.h"
#include "web/web_int.h"

/* Rows of the textareas. */
#define CV_REASON_ROWS		3
#define CV_STATEMENT_ROWS	5
#define CV_BODY_ROWS		6

static const enum msg_id cstate_msgs[CSTATE__MAX] = {
	[CSTATE_VERIFIED] = MSG_WEB_CSTATE_VERIFIED,
	[CSTATE_GRADED] = MSG_WEB_CSTATE_GRADED,
	[CSTATE_VENDOR_NOTIFIED] = MSG_WEB_CSTATE_VENDOR_NOTIFIED,
	[CSTATE_IN_REMEDIATION] = MSG_WEB_CSTATE_IN_REMEDIATION,
	[CSTATE_FIX_AVAILABLE] = MSG_WEB_CSTATE_FIX_AVAILABLE,
	[CSTATE_PUBLISHED] = MSG_WEB_CSTATE_PUBLISHED,
	[CSTATE_TRACKING] = MSG_WEB_CSTATE_TRACKING,
	[CSTATE_CLOSED] = MSG_WEB_CSTATE_CLOSED,
	[CSTATE_REOPENED] = MSG_WEB_CSTATE_REOPENED,
	[CSTATE_OPERATOR_NOTIFIED] = MSG_WEB_CSTATE_OPERATOR_NOTIFIED,
	[CSTATE_FIXED] = MSG_WEB_CSTATE_FIXED,
};

static const enum msg_id ckind_msgs[CKIND__MAX] = {
	[CKIND_GENERIC] = MSG_WEB_CKIND_GENERIC,
	[CKIND_INCIDENT] = MSG_WEB_CKIND_INCIDENT,
};

static const enum msg_id vstatus_msgs[VSTATUS__MAX] = {
	[VSTATUS_NOT_CONTACTED] = MSG_WEB_VSTATUS_NOT_CONTACTED,
	[VSTATUS_NOTIFIED] = MSG_WEB_VSTATUS_NOTIFIED,
	[VSTATUS_UNRESPONSIVE] = MSG_WEB_VSTATUS_UNRESPONSIVE,
	[VSTATUS_INVESTIGATING] = MSG_WEB_VSTATUS_INVESTIGATING,
	[VSTATUS_AFFECTED] = MSG_WEB_VSTATUS_AFFECTED,
	[VSTATUS_NOT_AFFECTED] = MSG_WEB_VSTATUS_NOT_AFFECTED,
	[VSTATUS_FIXED] = MSG_WEB_VSTATUS_FIXED,
	[VSTATUS_WONT_FIX] = MSG_WEB_VSTATUS_WONT_FIX,
};

static const enum msg_id vex_msgs[VEX__MAX] = {
	[VEX_COMPONENT_NOT_PRESENT] = MSG_WEB_VEX_COMPONENT_NOT_PRESENT,
	[VEX_VULNERABLE_CODE_NOT_PRESENT] = MSG_WEB_VEX_CODE_NOT_PRESENT,
	[VEX_VULNERABLE_CODE_NOT_IN_EXECUTE_PATH] = MSG_WEB_VEX_NOT_IN_EXECUTE_PATH,
	[VEX_VULNERABLE_CODE_CANNOT_BE_CONTROLLED_BY_ADVERSARY] = MSG_WEB_VEX_NOT_CONTROLLABLE,
	[VEX_INLINE_MITIGATIONS_ALREADY_EXIST] = MSG_WEB_VEX_MITIGATIONS_EXIST,
};

static const enum msg_id vrole_msgs[VROLE__MAX] = {
	[VROLE_VENDOR] = MSG_WEB_VROLE_VENDOR,
	[VROLE_UPSTREAM] = MSG_WEB_VROLE_UPSTREAM,
	[VROLE_DOWNSTREAM] = MSG_WEB_VROLE_DOWNSTREAM,
};

/* What a vendor member may say of themselves (vendor_status_check agrees). */
static const enum vendor_status vendor_choices[] = {
	VSTATUS_INVESTIGATING, VSTATUS_AFFECTED, VSTATUS_NOT_AFFECTED, VSTATUS_FIXED,
	VSTATUS_WONT_FIX,
};

/* Timeline events as svc/ records them, and what the page calls them. */
static const struct {
	const char	*event;	/* store's name */
	enum msg_id	 label;	/* shown */
} event_names[] = {
	{ "created", MSG_WEB_CEVENT_CREATED },
	{ "report_added", MSG_WEB_CEVENT_REPORT_ADDED },
	{ "transition", MSG_WEB_CEVENT_TRANSITION },
	{ "vendor_added", MSG_WEB_CEVENT_VENDOR_ADDED },
	{ "vendor_notified", MSG_WEB_CEVENT_VENDOR_NOTIFIED },
	{ "vendor_status", MSG_WEB_CEVENT_VENDOR_STATUS },
	{ "statement_approved", MSG_WEB_CEVENT_STATEMENT_APPROVED },
	{ "vendor_seen", MSG_WEB_CEVENT_VENDOR_SEEN },
	{ "vendor_unresponsive", MSG_WEB_CEVENT_VENDOR_UNRESPONSIVE },
	{ "message", MSG_WEB_CEVENT_MESSAGE },
	{ "retest", MSG_WEB_CEVENT_RETEST },
	{ "participant_added", MSG_WEB_CEVENT_PARTICIPANT_ADDED },
	{ "participant_removed", MSG_WEB_CEVENT_PARTICIPANT_REMOVED },
	{ "product_added", MSG_WEB_CEVENT_PRODUCT_ADDED },
	{ "deadline", MSG_WEB_CEVENT_DEADLINE },
	{ "submission", MSG_WEB_CEVENT_SUBMISSION },
	{ "user_notice", MSG_WEB_CEVENT_USER_NOTICE },
	{ "known_at", MSG_WEB_CEVENT_KNOWN_AT },
	{ "handover", MSG_WEB_CEVENT_HANDOVER },	/* 备案 注销 (办法 第七条) */
};

/* What the "done" parameter of a redirect says. */
static const struct {
	const char	*done;	/* as the handlers send it */
	enum msg_id	 text;	/* the flash */
} done_names[] = {
	{ "moved", MSG_WEB_CASE_DONE_MOVED },
	{ "vendor_added", MSG_WEB_CASE_DONE_VENDOR_ADDED },
	{ "notified", MSG_WEB_CASE_DONE_NOTIFIED },
	{ "approved", MSG_WEB_CASE_DONE_APPROVED },
	{ "status", MSG_WEB_CASE_DONE_STATUS },
	{ "posted", MSG_WEB_CASE_DONE_POSTED },
	{ "product_added", MSG_WEB_CASE_DONE_PRODUCT_ADDED },
	{ "participant_added", MSG_WEB_CASE_DONE_PARTICIPANT_ADDED },
	{ "participant_removed", MSG_WEB_CASE_DONE_PARTICIPANT_REMOVED },
	{ "deadline_waived", MSG_WEB_CASE_DONE_DEADLINE_WAIVED },
	{ "submission_drafted", MSG_WEB_CASE_DONE_SUBMISSION_DRAFTED },
	{ "user_notice_sent", MSG_WEB_CASE_DONE_USER_NOTICE_SENT },
};

/* The steps of each workflow, in order (the reporter's view too). */
static const enum case_state steps_generic[] = {
	CSTATE_VERIFIED, CSTATE_GRADED, CSTATE_VENDOR_NOTIFIED, CSTATE_IN_REMEDIATION,
	CSTATE_FIX_AVAILABLE, CSTATE_PUBLISHED, CSTATE_TRACKING, CSTATE_CLOSED,
};
static const enum case_state steps_incident[] = {
	CSTATE_VERIFIED, CSTATE_OPERATOR_NOTIFIED, CSTATE_FIXED, CSTATE_CLOSED,
};


enum msg_id
cw_state_msg(enum case_state s)
{
	return (unsigned)s < CSTATE__MAX ? cstate_msgs[s] : MSG_WEB_NONE;
}

enum msg_id
cw_kind_msg(enum case_kind k)
{
	return (unsigned)k < CKIND__MAX ? ckind_msgs[k] : MSG_WEB_NONE;
}

enum msg_id
cw_vstatus_msg(enum vendor_status s)
{
	return (unsigned)s < VSTATUS__MAX ? vstatus_msgs[s] : MSG_WEB_NONE;
}

enum msg_id
cw_vrole_msg(enum vendor_role r)
{
	return (unsigned)r < VROLE__MAX ? vrole_msgs[r] : MSG_WEB_NONE;
}

void
cw_state_badge(struct req *rq, enum case_state s)
{
	tmpl_raw(rq, "<span");	/* literal */
	tmpl_attr(rq, "class", arena_printf(rq->arena, "badge cstate cstate-%s",
	    case_state_name(s)));
	tmpl_raw(rq, ">");	/* literal */
	tmpl_msg(rq, cw_state_msg(s));
	tmpl_raw(rq, "</span>");	/* literal */
}

void
cw_steps(struct req *rq, enum case_kind kind, enum case_state state)
{
	const enum case_state	*steps = kind == CKIND_INCIDENT ? steps_incident :
				    steps_generic;
	size_t			 n = kind == CKIND_INCIDENT ?
				    sizeof(steps_incident) / sizeof(steps_incident[0]) :
				    sizeof(steps_generic) / sizeof(steps_generic[0]);
	/* A reopened case is back at remediation (domain/case.c). */
	enum case_state		 at = state == CSTATE_REOPENED ? CSTATE_IN_REMEDIATION :
				    state;
	size_t			 cur = n, i;

	for (i = 0; i < n; i++)
		if (steps[i] == at)
			cur = i;
	tmpl_raw(rq, "<ol class=\"case-steps\" aria-label=\"");	/* literal */
	tmpl_msg(rq, MSG_WEB_CASE_STEPS_LABEL);
	tmpl_raw(rq, "\">");	/* literal */
	for (i = 0; i < n; i++) {
		if (i == cur)
			tmpl_raw(rq, "<li class=\"step current\" aria-current=\"step\">");	/* literal */
		else if (i < cur && cur < n)
			tmpl_raw(rq, "<li class=\"step done\">");	/* literal */
		else
			tmpl_raw(rq, "<li class=\"step\">");	/* literal */
		if (i == cur && state == CSTATE_REOPENED)
			tmpl_msg(rq, MSG_WEB_CSTATE_REOPENED);
		else
			tmpl_msg(rq, cw_state_msg(steps[i]));
		tmpl_raw(rq, "</li>");	/* literal */
	}
	tmpl_raw(rq, "</ol>\n");	/* literal */
}

const char *
cw_problem(const struct req *rq, const struct case_view *v, enum case_form form,
    const char *field)
{
	if (v->failed != form || rq->err == APP_OK || rq->err_field == NULL ||
	    rq->err_detail == NULL)
		return NULL;
	return strcmp(rq->err_field, field) == 0 ? rq->err_detail : NULL;
}

void
cw_form_errors(struct req *rq, const struct case_view *v, enum case_form form)
{
	if (v->failed == form)
		layout_form_errors(rq);
}

static void
vstatus_badge(struct req *rq, enum vendor_status s)
{
	tmpl_raw(rq, "<span");	/* literal */
	tmpl_attr(rq, "class", arena_printf(rq->arena, "badge vstatus vstatus-%s",
	    vendor_status_name(s)));
	tmpl_raw(rq, ">");	/* literal */
	tmpl_msg(rq, cw_vstatus_msg(s));
	tmpl_raw(rq, "</span>");	/* literal */
}

/* A VEX justification by name, in the page's language ("" shows nothing). */
static void
vex_text(struct req *rq, const char *name)
{
	int	j = vex_justification_parse(name);

	if (j >= 0)
		tmpl_msg(rq, vex_msgs[j]);
	else
		tmpl_text(rq, name);
}

/* --- the reports and their grades (staff) --- */

/* A CVSS vector's score and severity, as the assessment panel writes it. */
static void
cvss_line(struct req *rq, enum msg_id label, const char *vector)
{
	struct cvss		cv;
	struct cvss_error	e;
	char			num[5];
	int			score;
	enum cvss_severity	sev;

	if (vector == NULL || vector[0] == '\0')
		return;
	tmpl_raw(rq, "<span class=\"cvss-line\">");	/* literal */
	tmpl_msg(rq, label);
	tmpl_msg(rq, MSG_WEB_LABEL_SEP);
	memset(&e, 0, sizeof(e));
	if (cvss_parse(vector, &cv, &e) == 0) {
		score = cv.version == CVSS_V40 ? cv.score : cv.base;
		sev = cv.version == CVSS_V40 ? cv.severity : cv.base_severity;
		cvss_format_score(score, num);
		tmpl_raw(rq, "<span");	/* literal */
		tmpl_attr(rq, "class", arena_printf(rq->arena, "badge sev sev-%s",
		    cvss_severity_name(sev)));
		tmpl_raw(rq, ">");	/* literal */
		tmpl_textf(rq, "%s %s", num, cvss_severity_name(sev));
		tmpl_raw(rq, "</span> ");	/* literal */
	}
	tmpl_raw(rq, "<code class=\"vector\">");	/* literal */
	tmpl_text(rq, vector);
	tmpl_raw(rq, "</code></span>");	/* literal */
}

/* A GB/T 30279 grade ("high") named in the page's language. */
static void
grade_cell(struct req *rq, const char *key)
{
	int	g = key != NULL ? gbt_grade_parse(key) : -1;

	if (g < 0) {
		layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_NONE, "</span>");
		return;
	}
	tmpl_raw(rq, "<span");	/* literal */
	tmpl_attr(rq, "class", arena_printf(rq->arena, "badge grade grade-%s",
	    gbt_grade_key((enum gbt_grade)g)));
	tmpl_raw(rq, ">");	/* literal */
	tmpl_text(rq, gbt_grade_name((enum gbt_grade)g, rq->lang));
	tmpl_raw(rq, "</span>");	/* literal */
}

static void
reports_section(struct req *rq, const struct case_view *v)
{
	const struct assessment	*a;
	size_t			 i;

	tmpl_raw(rq, "<section class=\"detail\" id=\"reports\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_CASE_SEC_REPORTS, "</h2>\n");
	if (v->nreports == 0) {
		layout_wrap(rq, "<p class=\"muted\">", MSG_WEB_CASE_REPORTS_NONE, "</p>");
		tmpl_raw(rq, "</section>\n");	/* literal */
		return;
	}
	tmpl_raw(rq, "<div class=\"table-wrap\"><table class=\"data case-reports\">"
	    "<thead><tr>");	/* literal */
	layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_CASE_REPORT, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_STATUS, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_CASE_CVSS, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_ASSESS_TECHNICAL, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_ASSESS_COMPREHENSIVE, "</th>");
	tmpl_raw(rq, "</tr></thead><tbody>\n");	/* literal */
	for (i = 0; i < v->nreports; i++) {
		a = &v->as[i];
		tmpl_raw(rq, "<tr><td><a");	/* literal */
		tmpl_href(rq, arena_printf(rq->arena, "/reports/%s", v->reports[i]));
		tmpl_raw(rq, "><code>");	/* literal */
		tmpl_text(rq, v->reports[i]);
		tmpl_raw(rq, "</code></a>");	/* literal */
		if (v->briefs[i].title != NULL) {
			tmpl_raw(rq, "<br>");	/* literal */
			tmpl_text(rq, v->briefs[i].title);
		}
		tmpl_raw(rq, "</td><td>");	/* literal */
		if (v->briefs[i].title != NULL)
			tmpl_msg(rq, rp_status_msg(v->briefs[i].status));
		tmpl_raw(rq, "</td><td class=\"cvss\">");	/* literal */
		if (!v->grades || a->updated_at == 0)
			layout_wrap(rq, "<span class=\"muted\">", v->grades ?
			    MSG_WEB_ASSESS_NONE : MSG_WEB_NONE, "</span>");
		else if (a->cvss_v3[0] == '\0' && a->cvss_v4[0] == '\0' &&
		    a->cvss_v2[0] == '\0')
			layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_NONE, "</span>");
		else {
			cvss_line(rq, MSG_WEB_ASSESS_CVSS_V4, a->cvss_v4);
			cvss_line(rq, MSG_WEB_ASSESS_CVSS_V3, a->cvss_v3);
			cvss_line(rq, MSG_WEB_ASSESS_CVSS_V2, a->cvss_v2);
		}
		tmpl_raw(rq, "</td><td>");	/* literal */
		grade_cell(rq, v->grades ? a->technical_grade : NULL);
		tmpl_raw(rq, "</td><td>");	/* literal */
		grade_cell(rq, v->grades ? a->comprehensive_grade : NULL);
		tmpl_raw(rq, "</td></tr>\n");	/* literal */
	}
	tmpl_raw(rq, "</tbody></table></div></section>\n");	/* literal */
}

/* --- vendors --- */

/* A one-button form on a vendor: notify, approve. */
static void
vendor_button(struct req *rq, const struct case_view *v, const struct case_vendor *cv,
    const char *verb, enum msg_id label)
{
	tmpl_raw(rq, "<form class=\"inline\" method=\"post\"");	/* literal */
	tmpl_attr(rq, "action", arena_printf(rq->arena, "/cases/%s/vendors/%s/%s", v->k.id,
	    cv->org_slug, verb));
	tmpl_raw(rq, ">");	/* literal */
	tmpl_csrf(rq);
	tmpl_raw(rq, "<button type=\"submit\">");	/* literal */
	tmpl_msg(rq, label);
	tmpl_raw(rq, "</button></form>");	/* literal */
}

/* One vendor as a card; full shows contact times (staff, or their own row). */
static void
vendor_card(struct req *rq, const struct case_view *v, const struct case_vendor *cv,
    bool full)
{
	tmpl_raw(rq, "<li class=\"vendor-card\"><h3>");	/* literal */
	tmpl_text(rq, cv->org_name);
	tmpl_raw(rq, " <code>");	/* literal */
	tmpl_text(rq, cv->org_slug);
	tmpl_raw(rq, "</code></h3><p>");	/* literal */
	vstatus_badge(rq, cv->status);
	if ((unsigned)cv->role < VROLE__MAX) {
		tmpl_raw(rq, " <span class=\"badge\">");	/* literal */
		tmpl_msg(rq, vrole_msgs[cv->role]);
		tmpl_raw(rq, "</span>");	/* literal */
	}
	tmpl_raw(rq, "</p><dl class=\"meta\">");	/* literal */
	if (cv->justification != NULL && cv->justification[0] != '\0') {
		layout_wrap(rq, "<dt>", MSG_WEB_CASE_F_JUSTIFICATION, "</dt><dd>");
		vex_text(rq, cv->justification);
		tmpl_raw(rq, "</dd>");	/* literal */
	}
	if (cv->fixed_version != NULL && cv->fixed_version[0] != '\0')
		layout_dl_text(rq, MSG_WEB_CASE_F_FIXED_VERSION, cv->fixed_version, false);
	layout_dl_text(rq, MSG_WEB_CASE_F_STATEMENT, cv->statement, true);
	if (cv->statement != NULL && cv->statement[0] != '\0') {
		layout_wrap(rq, "<dt>", MSG_WEB_CASE_APPROVAL, "</dt><dd>");
		if (cv->statement_approved)
			layout_wrap(rq, "<span class=\"badge approved\">",
			    MSG_WEB_CASE_APPROVED, "</span>");
		else
			layout_wrap(rq, "<span class=\"badge pending\">",
			    MSG_WEB_CASE_NOT_APPROVED, "</span>");
		tmpl_raw(rq, "</dd>");	/* literal */
	}
	if (full) {
		layout_dl_time(rq, MSG_WEB_CASE_NOTIFIED_AT, cv->notified_at,
		    MSG_WEB_CASE_NEVER);
		layout_dl_time(rq, MSG_WEB_CASE_FIRST_SEEN_AT, cv->first_seen_at,
		    MSG_WEB_CASE_NEVER);
		if (cv->unresponsive_at > 0)
			layout_dl_time(rq, MSG_WEB_CASE_UNRESPONSIVE_AT,
			    cv->unresponsive_at, MSG_WEB_CASE_NEVER);
	}
	layout_dl_time(rq, MSG_WEB_UPDATED_AT, cv->updated_at, MSG_WEB_CASE_NEVER);
	tmpl_raw(rq, "</dl>");	/* literal */
	if (v->staff) {
		tmpl_raw(rq, "<div class=\"actions-inline\">");	/* literal */
		vendor_button(rq, v, cv, "notify", cv->notified_at > 0 ?
		    MSG_WEB_CASE_NOTIFY_AGAIN : MSG_WEB_CASE_NOTIFY);
		if (cv->statement != NULL && cv->statement[0] != '\0' &&
		    !cv->statement_approved)
			vendor_button(rq, v, cv, "approve", MSG_WEB_CASE_APPROVE);
		tmpl_raw(rq, "</div>");	/* literal */
	}
	tmpl_raw(rq, "</li>\n");	/* literal */
}

void
cw_select_open(struct req *rq, const struct layout_control *c)
{
	layout_control_open(rq, c);
	tmpl_raw(rq, "<select");	/* literal */
	layout_control_attrs(rq, c);
	tmpl_raw(rq, ">");	/* literal */
}

void
cw_option(struct req *rq, const char *value, const char *text, const char *cur)
{
	tmpl_raw(rq, "<option");	/* literal */
	tmpl_attr(rq, "value", value);
	if (cur != NULL && strcmp(cur, value) == 0)
		tmpl_raw(rq, " selected");	/* literal */
	tmpl_raw(rq, ">");	/* literal */
	tmpl_text(rq, text);
	tmpl_raw(rq, "</option>");	/* literal */
}

static void
vendor_add_form(struct req *rq, const struct case_view *v)
{
	struct layout_control	 c_org = { "org", "f-vendor-org", MSG_WEB_CASE_F_ORG, NULL,
				    MSG_WEB_CASE_F_ORG_HINT, NULL,
				    cw_problem(rq, v, CFORM_VENDOR_ADD, "org"), false, false };
	struct layout_control	 c_role = { "role", "f-vendor-role", MSG_WEB_CASE_F_ROLE,
				    NULL, MSG_OK, NULL,
				    cw_problem(rq, v, CFORM_VENDOR_ADD, "role"), false, false };
	const char		*role = v->failed == CFORM_VENDOR_ADD ? v->t.role : "vendor";
	int			 i;

	layout_wrap(rq, "<h3 id=\"vendor-add\">", MSG_WEB_CASE_VENDOR_ADD, "</h3>\n");
	cw_form_errors(rq, v, CFORM_VENDOR_ADD);
	tmpl_raw(rq, "<form class=\"stack narrow\" method=\"post\"");	/* literal */
	tmpl_attr(rq, "action", arena_printf(rq->arena, "/cases/%s/vendors", v->k.id));
	tmpl_raw(rq, ">");	/* literal */
	tmpl_csrf(rq);
	layout_control_open(rq, &c_org);
	tmpl_raw(rq, "<input type=\"text\" class=\"short\" autocomplete=\"off\" "
	    "maxlength=\"40\" required");	/* literal */
	layout_control_attrs(rq, &c_org);
	tmpl_attr(rq, "value", v->failed == CFORM_VENDOR_ADD ? v->t.org : "");
	tmpl_raw(rq, "></div>\n");	/* literal */
	cw_select_open(rq, &c_role);
	for (i = 0; i < VROLE__MAX; i++)
		cw_option(rq, vendor_role_name((enum vendor_role)i), req_msg(rq, vrole_msgs[i]),
		    role);
	tmpl_raw(rq, "</select></div>\n");	/* literal */
	layout_submit(rq, MSG_WEB_CASE_VENDOR_ADD_SUBMIT);
	tmpl_raw(rq, "</form>\n");	/* literal */
}

static void
vendors_section(struct req *rq, const struct case_view *v)
{
	size_t	i, shown = 0;

	tmpl_raw(rq, "<section class=\"detail\" id=\"vendors\">");	/* literal */
	layout_wrap(rq, "<h2>", v->mine != NULL ? MSG_WEB_CASE_SEC_OTHER_VENDORS :
	    MSG_WEB_CASE_SEC_VENDORS, "</h2>\n");
	cw_form_errors(rq, v, CFORM_VENDORS);
	tmpl_raw(rq, "<ul class=\"vendor-cards\">");	/* literal */
	for (i = 0; i < v->nvendors; i++) {
		if (&v->vendors[i] == v->mine)
			continue;
		vendor_card(rq, v, &v->vendors[i], v->staff);
		shown++;
	}
	tmpl_raw(rq, "</ul>\n");	/* literal */
	if (shown == 0)
		layout_wrap(rq, "<p class=\"muted\">", MSG_WEB_CASE_VENDORS_NONE, "</p>\n");
	if (v->staff)
		vendor_add_form(rq, v);
	tmpl_raw(rq, "</section>\n");	/* literal */
}

/* A vendor member's own answer and the form that changes it. */
static void
mine_section(struct req *rq, const struct case_view *v)
{
	const struct case_vendor *m = v->mine;
	bool			 again = v->failed == CFORM_STATUS;
	struct layout_control	 c_status = { "status", "f-status", MSG_WEB_CASE_F_STATUS,
				    NULL, MSG_OK, NULL, cw_problem(rq, v, CFORM_STATUS, "status"),
				    false, false };
	struct layout_control	 c_just = { "justification", "f-justification",
				    MSG_WEB_CASE_F_JUSTIFICATION, NULL,
				    MSG_WEB_CASE_F_JUSTIFICATION_HINT, NULL,
				    cw_problem(rq, v, CFORM_STATUS, "justification"), true,
				    false };
	struct layout_control	 c_fixed = { "fixed_version", "f-fixed-version",
				    MSG_WEB_CASE_F_FIXED_VERSION, NULL,
				    MSG_WEB_CASE_F_FIXED_VERSION_HINT, NULL,
				    cw_problem(rq, v, CFORM_STATUS, "fixed_version"), true, false };
	struct layout_control	 c_stmt = { "statement", "f-statement",
				    MSG_WEB_CASE_F_STATEMENT, NULL, MSG_WEB_CASE_F_STATEMENT_HINT,
				    NULL, cw_problem(rq, v, CFORM_STATUS, "statement"), true, false };
	const char		*status = again ? v->t.status : vendor_status_name(m->status);
	const char		*just = again ? v->t.justification : m->justification;
	size_t			 i;
	int			 j;

	tmpl_raw(rq, "<section class=\"detail\" id=\"mine\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_CASE_SEC_MINE, "</h2>\n");
	tmpl_raw(rq, "<ul class=\"vendor-cards\">");	/* literal */
	vendor_card(rq, v, m, true);
	tmpl_raw(rq, "</ul>\n");	/* literal */
	layout_wrap(rq, "<h3>", MSG_WEB_CASE_STATUS_EDIT, "</h3>\n");
	layout_wrap(rq, "<p class=\"hint\">", MSG_WEB_CASE_STATUS_INTRO, "</p>\n");
	cw_form_errors(rq, v, CFORM_STATUS);
	tmpl_raw(rq, "<form class=\"stack wide vendor-form\" method=\"post\"");	/* literal */
	tmpl_attr(rq, "action", arena_printf(rq->arena, "/cases/%s/vendors/%s/status",
	    v->k.id, m->org_slug));
	tmpl_raw(rq, ">");	/* literal */
	tmpl_csrf(rq);
	cw_select_open(rq, &c_status);
	for (i = 0; i < sizeof(vendor_choices) / sizeof(vendor_choices[0]); i++)
		cw_option(rq, vendor_status_name(vendor_choices[i]),
		    req_msg(rq, cw_vstatus_msg(vendor_choices[i])), status);
	tmpl_raw(rq, "</select></div>\n<div class=\"vex\">");	/* literal */
	cw_select_open(rq, &c_just);
	cw_option(rq, "", req_msg(rq, MSG_WEB_CASE_VEX_NONE), just);
	for (j = 0; j < VEX__MAX; j++)
		cw_option(rq, vex_justification_name((enum vex_justification)j),
		    req_msg(rq, vex_msgs[j]), just);
	tmpl_raw(rq, "</select></div>\n</div>");	/* literal */
	layout_control_open(rq, &c_fixed);
	tmpl_raw(rq, "<input type=\"text\" class=\"short\" autocomplete=\"off\" "
	    "maxlength=\"200\"");	/* literal */
	layout_control_attrs(rq, &c_fixed);
	tmpl_attr(rq, "value", again ? v->t.fixed_version : m->fixed_version);
	tmpl_raw(rq, "></div>\n");	/* literal */
	layout_textarea(rq, &c_stmt, again ? v->t.statement : m->statement,
	    CV_STATEMENT_ROWS, 0, false);
	layout_submit(rq, MSG_WEB_CASE_STATUS_SUBMIT);
	tmpl_raw(rq, "</form></section>\n");	/* literal */
}

/* --- the workflow (staff) --- */

static void
move_section(struct req *rq, const struct case_view *v)
{
	enum case_state		 next[CSTATE__MAX];
	struct layout_control	 c_to = { "to", "f-to", MSG_WEB_CASE_F_TO, NULL, MSG_OK,
				    NULL, cw_problem(rq, v, CFORM_MOVE, "to"), false, false };
	struct layout_control	 c_reason = { "reason", "f-reason", MSG_WEB_CASE_F_REASON,
				    NULL, MSG_WEB_CASE_F_REASON_HINT, NULL,
				    cw_problem(rq, v, CFORM_MOVE, "reason"), true, false };
	const char		*to = v->failed == CFORM_MOVE ? v->t.to : NULL;
	size_t			 n, i;

	n = case_next_states(v->k.kind, v->k.state, next);
	tmpl_raw(rq, "<section class=\"detail\" id=\"move\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_CASE_SEC_MOVE, "</h2>\n");
	cw_form_errors(rq, v, CFORM_MOVE);
	if (n == 0) {
		layout_wrap(rq, "<p class=\"muted\">", MSG_WEB_CASE_MOVE_NONE, "</p>");
		tmpl_raw(rq, "</section>\n");	/* literal */
		return;
	}
	tmpl_raw(rq, "<form class=\"stack narrow\" method=\"post\"");	/* literal */
	tmpl_attr(rq, "action", arena_printf(rq->arena, "/cases/%s/transition", v->k.id));
	tmpl_raw(rq, ">");	/* literal */
	tmpl_csrf(rq);
	cw_select_open(rq, &c_to);
	for (i = 0; i < n; i++)
		cw_option(rq, case_state_name(next[i]), req_msg(rq, cw_state_msg(next[i])), to);
	tmpl_raw(rq, "</select></div>\n");	/* literal */
	layout_textarea(rq, &c_reason, v->failed == CFORM_MOVE ? v->t.reason : "",
	    CV_REASON_ROWS, 0, false);
	layout_submit(rq, MSG_WEB_CASE_MOVE_SUBMIT);
	tmpl_raw(rq, "</form></section>\n");	/* literal */
}

/* The case's advisory and Art. 9 records: their pages are web/advisories.c (issue 7). */
static void
advisory_section(struct req *rq, const struct case_view *v)
{
	/* Art. 9(2): an incident case's details are never published. */
	if (v->k.kind != CKIND_GENERIC)
		return;
	tmpl_raw(rq, "<section class=\"detail\" id=\"advisory\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_ADV_CASE_SEC, "</h2>\n");
	layout_wrap(rq, "<p class=\"hint\">", MSG_WEB_ADV_CASE_INTRO, "</p>\n");
	if (v->t.ext_form != NULL && strcmp(v->t.ext_form, "advisory") == 0)
		cw_form_errors(rq, v, CFORM_EXT);
	tmpl_raw(rq, "<form class=\"inline\" method=\"post\"");	/* literal */
	tmpl_attr(rq, "action", arena_printf(rq->arena, "/staff/cases/%s/advisory", v->k.id));
	tmpl_raw(rq, ">");	/* literal */
	tmpl_csrf(rq);
	tmpl_raw(rq, "<button type=\"submit\" class=\"primary\">");	/* literal */
	tmpl_msg(rq, MSG_WEB_ADV_CASE_DRAFT);
	tmpl_raw(rq, "</button></form> ");	/* literal */
	layout_link(rq, arena_printf(rq->arena, "/staff/cases/%s/disclosure", v->k.id),
	    MSG_WEB_ADV_CASE_RECORDS);
	tmpl_raw(rq, "</section>\n");	/* literal */
}

/* A state or vendor status named by an event, in the page's language. */
static void
event_value(struct req *rq, const char *event, const char *value)
{
	int	x;

	if (strcmp(event, "transition") == 0 || strcmp(event, "created") == 0) {
		if ((x = case_state_parse(value)) >= 0) {
			tmpl_msg(rq, cw_state_msg((enum case_state)x));
			return;
		}
	} else if ((x = vendor_status_parse(value)) >= 0) {
		tmpl_msg(rq, cw_vstatus_msg((enum vendor_status)x));
		return;
	} else if ((x = vendor_role_parse(value)) >= 0) {
		tmpl_msg(rq, vrole_msgs[x]);
		return;
	}
	tmpl_raw(rq, "<code>");	/* literal */
	tmpl_text(rq, value);
	tmpl_raw(rq, "</code>");	/* literal */
}

static void
event_name(struct req *rq, const char *event)
{
	size_t	i;

	for (i = 0; i < sizeof(event_names) / sizeof(event_names[0]); i++)
		if (strcmp(event_names[i].event, event) == 0) {
			tmpl_msg(rq, event_names[i].label);
			return;
		}
	tmpl_raw(rq, "<code>");	/* literal */
	tmpl_text(rq, event);
	tmpl_raw(rq, "</code>");	/* literal */
}

static void
timeline_section(struct req *rq, const struct case_view *v)
{
	const struct case_event	*e;
	size_t			 i;

	tmpl_raw(rq, "<section class=\"detail\" id=\"timeline\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_CASE_SEC_TIMELINE, "</h2>\n");
	tmpl_raw(rq, "<div class=\"table-wrap\"><table class=\"data timeline\"><thead><tr>");	/* literal */
	layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_ASSESS_H_TIME, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_ASSESS_H_WHO, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_CASE_EVENT, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_ASSESS_H_CHANGE, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_CASE_DETAIL, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_ASSESS_H_REASON, "</th>");
	tmpl_raw(rq, "</tr></thead><tbody>\n");	/* literal */
	for (i = 0; i < v->nevents; i++) {
		e = &v->events[i];
		tmpl_raw(rq, "<tr><td class=\"nowrap\">");	/* literal */
		tmpl_time(rq, e->at);
		tmpl_raw(rq, "</td><td>");	/* literal */
		if (e->actor_login != NULL && e->actor_login[0] != '\0')
			tmpl_text(rq, e->actor_login);
		else
			layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_CASE_SYSTEM, "</span>");
		tmpl_raw(rq, "</td><td>");	/* literal */
		event_name(rq, e->event);
		tmpl_raw(rq, "</td><td class=\"change\">");	/* literal */
		if (e->from_state[0] != '\0') {
			event_value(rq, e->event, e->from_state);
			tmpl_raw(rq, " <span aria-hidden=\"true\">→</span> ");	/* literal */
		}
		if (e->to_state[0] != '\0')
			event_value(rq, e->event, e->to_state);
		tmpl_raw(rq, "</td><td>");	/* literal */
		if (report_id_valid(str_from(e->detail))) {
			tmpl_raw(rq, "<a");	/* literal */
			tmpl_href(rq, arena_printf(rq->arena, "/reports/%s", e->detail));
			tmpl_raw(rq, "><code>");	/* literal */
			tmpl_text(rq, e->detail);
			tmpl_raw(rq, "</code></a>");	/* literal */
		} else
			tmpl_text(rq, e->detail);
		tmpl_raw(rq, "</td><td class=\"pre-line\">");	/* literal */
		tmpl_text(rq, e->reason);
		tmpl_raw(rq, "</td></tr>\n");	/* literal */
	}
	tmpl_raw(rq, "</tbody></table></div></section>\n");	/* literal */
}

/* --- the conversation --- */

/* Who a message is for, in the page's language. */
static const char *
visibility_text(struct req *rq, const char *vis, const char *org)
{
	if (strcmp(vis, "internal") == 0)
		return req_msg(rq, MSG_WEB_VIS_INTERNAL);
	if (strcmp(vis, "participants") == 0)
		return req_msg(rq, MSG_WEB_VIS_PARTICIPANTS);
	if (strcmp(vis, "reporter") == 0)
		return req_msg(rq, MSG_WEB_VIS_REPORTER);
	if (strcmp(vis, "vendor") == 0)
		return layout_msgf(rq, MSG_WEB_VIS_VENDOR, org);
	return vis;
}

/* What kind of message, when it is not a plain one. */
static enum msg_id
kind_msg(const char *kind)
{
	if (strcmp(kind, "question") == 0)
		return MSG_WEB_MKIND_QUESTION;
	if (strcmp(kind, "reply") == 0)
		return MSG_WEB_MKIND_REPLY;
	if (strcmp(kind, "retest_confirmed") == 0)
		return MSG_WEB_MKIND_RETEST_CONFIRMED;
	if (strcmp(kind, "retest_disputed") == 0)
		return MSG_WEB_MKIND_RETEST_DISPUTED;
	return MSG_OK;
}

void
cw_message(struct req *rq, const struct message *m, const struct sbuf *md)
{
	enum msg_id	kind = kind_msg(m->kind);
	size_t		i;

	tmpl_raw(rq, "<li");	/* literal */
	tmpl_attr(rq, "class", arena_printf(rq->arena, "message vis-%s",
	    m->visibility));
	tmpl_attr(rq, "id", arena_printf(rq->arena, "m-%lld", (long long)m->id));
	tmpl_raw(rq, "><p class=\"message-head\"><strong>");	/* literal */
	if (m->author_login[0] != '\0') {
		tmpl_text(rq, m->author_name[0] != '\0' ? m->author_name : m->author_login);
		if (m->author_org_slug[0] != '\0') {
			tmpl_raw(rq, " <span class=\"muted\">(");	/* literal */
			tmpl_text(rq, m->author_org_slug);
			tmpl_raw(rq, ")</span>");	/* literal */
		}
	} else
		tmpl_msg(rq, MSG_WEB_CASE_SYSTEM);
	tmpl_raw(rq, "</strong> <span class=\"nowrap muted\">");	/* literal */
	tmpl_time(rq, m->created_at);
	tmpl_raw(rq, "</span> <span class=\"badge vis\">");	/* literal */
	tmpl_text(rq, visibility_text(rq, m->visibility, m->vendor_org_slug));
	tmpl_raw(rq, "</span>");	/* literal */
	if (kind != MSG_OK) {
		tmpl_raw(rq, " <span class=\"badge mkind\">");	/* literal */
		tmpl_msg(rq, kind);
		tmpl_raw(rq, "</span>");	/* literal */
	}
	tmpl_raw(rq, "</p>");	/* literal */
	if (md != NULL && md->len > 0) {
		tmpl_raw(rq, "<div class=\"md\">");	/* literal */
		tmpl_raw(rq, md->buf);	/* markdown_render output (safe mode, tagfilter) */
		tmpl_raw(rq, "</div>");	/* literal */
	}
	if (m->nattachments > 0) {
		tmpl_raw(rq, "<ul class=\"files\">");	/* literal */
		for (i = 0; i < m->nattachments; i++) {
			tmpl_raw(rq, "<li>");	/* literal */
			/* Only a case's messages have a download route. */
			if (m->case_id[0] != '\0') {
				tmpl_raw(rq, "<a");	/* literal */
				tmpl_href(rq, arena_printf(rq->arena,
				    "/cases/%s/messages/%lld/attachments/%lld", m->case_id,
				    (long long)m->id, (long long)m->attachments[i].id));
				tmpl_attr(rq, "download", m->attachments[i].filename);
				tmpl_raw(rq, ">");	/* literal */
			}
			tmpl_text(rq, m->attachments[i].filename);
			if (m->case_id[0] != '\0')
				tmpl_raw(rq, "</a>");	/* literal */
			tmpl_raw(rq, " <span class=\"muted\">");	/* literal */
			tmpl_textf(rq, "%s · %s", m->attachments[i].mime,
			    rp_size_text(rq, m->attachments[i].size));
			tmpl_raw(rq, "</span></li>");	/* literal */
		}
		tmpl_raw(rq, "</ul>");	/* literal */
	}
	tmpl_raw(rq, "</li>\n");	/* literal */
}

enum app_err
cw_render_bodies(struct req *rq, const struct message *ms, size_t n, struct sbuf **out)
{
	struct sbuf	*md = arena_calloc(rq->arena, n + 1, sizeof(*md));
	size_t		 i;
	enum app_err	 er = APP_OK;

	for (i = 0; i < n; i++) {
		sbuf_init(&md[i], rq->arena, 0);
		if (ms[i].body != NULL && ms[i].body_len > 0 &&
		    (er = markdown_render(ms[i].body, ms[i].body_len, &md[i])) != APP_OK) {
			er = req_fail(rq, er, NULL, MSG_ERR_INTERNAL);
			break;
		}
	}
	*out = md;
	return er;
}

static void
message_form(struct req *rq, const struct case_view *v)
{
	const struct config	*cfg = rq->cfg;
	bool			 again = v->failed == CFORM_MESSAGE;
	struct layout_control	 c_body = { "body", "f-body", MSG_WEB_CASE_F_BODY, NULL,
				    MSG_WEB_CASE_F_BODY_HINT, NULL,
				    cw_problem(rq, v, CFORM_MESSAGE, "body"), false, false };
	struct layout_control	 c_vis = { "visibility", "f-visibility",
				    MSG_WEB_CASE_F_VISIBILITY, NULL, MSG_OK, NULL,
				    cw_problem(rq, v, CFORM_MESSAGE, "visibility"), false, false };
	struct layout_control	 c_files = { "files", "f-files", MSG_WEB_REPORT_F_FILES, NULL,
				    MSG_OK, NULL, cw_problem(rq, v, CFORM_MESSAGE, "files"), true,
				    false };
	const char		*vis, *own;
	size_t			 i;

	own = v->acc.vendor_org_slug != NULL ? arena_printf(rq->arena, "vendor:%s",
	    v->acc.vendor_org_slug) : NULL;
	/* The default is svc's: staff internal, a vendor their own organisation. */
	vis = again ? v->t.visibility : v->staff ? "internal" : own;
	c_files.hint_text = layout_msgf(rq, MSG_WEB_REPORT_F_FILES_HINT, cfg->attachments_max,
	    rp_size_text(rq, cfg->attachment_max_bytes),
	    rp_size_text(rq, cfg->attachments_total_max_bytes));
	layout_wrap(rq, "<h3>", MSG_WEB_CASE_MESSAGE_NEW, "</h3>\n");
	cw_form_errors(rq, v, CFORM_MESSAGE);
	tmpl_raw(rq, "<form class=\"stack wide message-form\" method=\"post\" "
	    "enctype=\"multipart/form-data\"");	/* literal */
	tmpl_attr(rq, "action", arena_printf(rq->arena, "/cases/%s/messages", v->k.id));
	tmpl_raw(rq, ">");	/* literal */
	tmpl_csrf(rq);
	layout_textarea(rq, &c_body, again ? v->t.body : "", CV_BODY_ROWS, 0, false);
	cw_select_open(rq, &c_vis);
	if (v->staff) {
		cw_option(rq, "internal", req_msg(rq, MSG_WEB_VIS_INTERNAL), vis);
		cw_option(rq, "participants", req_msg(rq, MSG_WEB_VIS_PARTICIPANTS), vis);
		cw_option(rq, "reporter", req_msg(rq, MSG_WEB_VIS_REPORTER), vis);
		for (i = 0; i < v->nvendors; i++)
			cw_option(rq, arena_printf(rq->arena, "vendor:%s", v->vendors[i].org_slug),
			    layout_msgf(rq, MSG_WEB_VIS_VENDOR, v->vendors[i].org_slug), vis);
	} else {
		if (own != NULL)
			cw_option(rq, own, layout_msgf(rq, MSG_WEB_VIS_VENDOR,
			    v->acc.vendor_org_slug), vis);
		cw_option(rq, "participants", req_msg(rq, MSG_WEB_VIS_PARTICIPANTS), vis);
	}
	tmpl_raw(rq, "</select></div>\n");	/* literal */
	layout_control_open(rq, &c_files);
	/* Browsers do not keep chosen files when a form comes back. */
	if (again && v->t.files)
		layout_wrap(rq, "<p class=\"hint warn\">", MSG_WEB_REPORT_FILES_AGAIN, "</p>");
	tmpl_raw(rq, "<input type=\"file\" multiple");	/* literal */
	layout_control_attrs(rq, &c_files);
	tmpl_raw(rq, "></div>\n");	/* literal */
	layout_submit(rq, MSG_WEB_CASE_MESSAGE_SUBMIT);
	tmpl_raw(rq, "</form>\n");	/* literal */
}

static void
conversation_section(struct req *rq, const struct case_view *v)
{
	size_t	i;

	tmpl_raw(rq, "<section class=\"detail\" id=\"conversation\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_CASE_SEC_CONVERSATION, "</h2>\n");
	layout_wrap(rq, "<p class=\"hint\">", v->staff ? MSG_WEB_CASE_CONVERSATION_STAFF :
	    MSG_WEB_CASE_CONVERSATION_VENDOR, "</p>\n");
	cw_participants(rq, v);
	if (v->nmsgs == 0)
		layout_wrap(rq, "<p class=\"muted\">", MSG_WEB_CASE_MESSAGES_NONE, "</p>\n");
	else {
		tmpl_raw(rq, "<ol class=\"messages\">");	/* literal */
		for (i = 0; i < v->nmsgs; i++)
			cw_message(rq, &v->msgs[i], &v->md[i]);
		tmpl_raw(rq, "</ol>\n");	/* literal */
	}
	/* An observer reads; staff and the case's vendors write. */
	if (v->staff || v->acc.vendor_org_id != 0)
		message_form(rq, v);
	tmpl_raw(rq, "</section>\n");	/* literal */
}

/* --- loading and the page --- */

static enum app_err
load(struct req *rq, const char *id, struct case_view *v)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct case_vendor	*pv = NULL;
	size_t			 npv = 0, i;
	enum app_err		 er;

	v->staff = authz_allows(rq->user->role, PERM_CASES_MANAGE);
	if ((er = svc_case_get(&c, id, &v->k, &v->reports, &v->nreports, &v->vendors,
	    &v->nvendors, &f)) != APP_OK)
		goto fail;
	if (rq->user->role == UROLE_VENDOR && rq->user->org_id != 0)
		for (i = 0; i < v->nvendors; i++)
			if (v->vendors[i].org_id == rq->user->org_id)
				v->mine = &v->vendors[i];
	if (v->staff && (er = svc_case_timeline(&c, v->k.id, &v->events, &v->nevents,
	    &f)) != APP_OK)
		goto fail;
	if ((er = svc_case_participants(&c, v->k.id, &v->people, &v->npeople, &pv, &npv,
	    &f)) != APP_OK)
		goto fail;
	/* The coordinator's supply chain: the case's products, whom to notify, the picker. */
	if (v->staff && ((er = svc_case_products(&c, v->k.id, &v->products, &v->nproducts,
	    &f)) != APP_OK || (er = svc_case_supply_chain(&c, v->k.id, &v->proposals,
	    &v->nproposals, &f)) != APP_OK || (v->product_q[0] != '\0' &&
	    (er = svc_product_search(&c, NULL, v->product_q, PRODUCT_SEARCH_DEFAULT, &v->found,
	    &v->nfound, &f)) != APP_OK)))
		goto fail;
	/* The grades of the case's reports: what triage recorded (svc/assessment). */
	v->grades = authz_allows(rq->user->role, PERM_REPORTS_ASSESS);
	v->briefs = arena_calloc(rq->arena, v->nreports + 1, sizeof(*v->briefs));
	v->as = arena_calloc(rq->arena, v->nreports + 1, sizeof(*v->as));
	for (i = 0; i < v->nreports; i++) {
		er = store_report_brief(rq->store, rq->arena, v->reports[i], &v->briefs[i]);
		if (er == APP_NOTFOUND)
			v->briefs[i].title = NULL;
		else if (er != APP_OK) {
			er = req_fail(rq, er, NULL, MSG_ERR_STORE);
			goto out;
		}
		if (v->grades && (er = svc_assessment_get(&c, v->reports[i], &v->as[i],
		    &f)) != APP_OK)
			goto fail;
	}
	/* The conversation: who has no part in it (an observer not yet added) reads none. */
	er = svc_message_access(&c, v->k.id, &v->acc, &f);
	if (er == APP_NOTFOUND) {
		f = (struct fault){ .er = APP_OK };
		er = APP_OK;
	} else if (er != APP_OK)
		goto fail;
	else {
		v->talk = true;
		if ((er = svc_message_list(&c, v->k.id, &v->msgs, &v->nmsgs, &f)) != APP_OK)
			goto fail;
	}
	if ((er = cw_render_bodies(rq, v->msgs, v->nmsgs, &v->md)) != APP_OK ||
	    (er = cw_clocks_load(rq, v)) != APP_OK ||
	    (er = cw_submission_load(rq, v)) != APP_OK ||
	    (er = cw_unotices_load(rq, v)) != APP_OK)
		goto out;
	goto out;
fail:
	er = web_fault(rq, er, &f);
out:
	return er;
}

enum app_err
case_page(struct req *rq, int status, const char *id, enum case_form failed,
    const struct case_typed *t)
{
	struct case_view	*v = ARENA_NEW(rq->arena, struct case_view);
	const char		*done;
	size_t			 i;
	enum app_err		 er;

	v->failed = failed;
	if (t != NULL)
		v->t = *t;
	/* Only GET /cases/{id} has the view's parameters; a form's route has its own. */
	v->product_q = failed == CFORM_NONE ? web_pstr(req_param(rq, CVIEW_PRODUCT_Q)) : "";
	/* A failed form's refusal stays the request's error: load sets none on success. */
	if ((er = load(rq, id, v)) != APP_OK)
		goto out;
	done = failed == CFORM_NONE ? web_pstr(req_param(rq, CVIEW_DONE)) : "";

	resp_html(rq, status);
	layout_begin(rq, MSG_WEB_CASE_TITLE);
	tmpl_raw(rq, "<p class=\"report-head\"><code>");	/* literal */
	tmpl_text(rq, v->k.id);
	tmpl_raw(rq, "</code> ");	/* literal */
	cw_state_badge(rq, v->k.state);
	tmpl_raw(rq, " <span class=\"badge\">");	/* literal */
	tmpl_msg(rq, cw_kind_msg(v->k.kind));
	tmpl_raw(rq, "</span>");	/* literal */
	if (v->k.vendor_unresponsive)
		layout_wrap(rq, " <span class=\"badge flag-unresponsive\">",
		    MSG_WEB_CASE_UNRESPONSIVE_BADGE, "</span>");
	tmpl_raw(rq, "</p>\n<h1>");	/* literal */
	tmpl_text(rq, v->k.title);
	tmpl_raw(rq, "</h1>\n");	/* literal */
	for (i = 0; i < sizeof(done_names) / sizeof(done_names[0]); i++)
		if (strcmp(done, done_names[i].done) == 0)
			layout_flash_msg(rq, FLASH_OK, done_names[i].text);
	/* The follow-up found a vendor silent: the coordinator acts on it (Art. 7(1)). */
	if (v->k.vendor_unresponsive && v->staff)
		layout_flash_msg(rq, FLASH_WARN, MSG_WEB_CASE_UNRESPONSIVE);
	if (v->staff)
		layout_flash_msg(rq, FLASH_INFO, MSG_WEB_CASE_AUDITED);

	tmpl_raw(rq, "<dl class=\"meta\">");	/* literal */
	layout_wrap(rq, "<dt>", MSG_WEB_CASE_STATE, "</dt><dd>");
	tmpl_msg(rq, cw_state_msg(v->k.state));
	tmpl_raw(rq, "</dd>");	/* literal */
	layout_wrap(rq, "<dt>", MSG_WEB_CASE_KIND, "</dt><dd>");
	tmpl_msg(rq, cw_kind_msg(v->k.kind));
	tmpl_raw(rq, "</dd>");	/* literal */
	layout_wrap(rq, "<dt>", MSG_WEB_CASE_UNRESPONSIVE_FLAG, "</dt><dd>");
	tmpl_msg(rq, v->k.vendor_unresponsive ? MSG_WEB_YES : MSG_WEB_NO);
	tmpl_raw(rq, "</dd>");	/* literal */
	layout_dl_time(rq, MSG_WEB_CASE_CREATED_AT, v->k.created_at, MSG_WEB_CASE_NEVER);
	layout_dl_time(rq, MSG_WEB_UPDATED_AT, v->k.updated_at, MSG_WEB_CASE_NEVER);
	tmpl_raw(rq, "</dl>\n");	/* literal */
	cw_steps(rq, v->k.kind, v->k.state);
	tmpl_raw(rq, "<p class=\"links-inline\">");	/* literal */
	layout_link(rq, "/cases", rq->user->role == UROLE_VENDOR ? MSG_WEB_CASES_INBOX :
	    MSG_WEB_CASES_TITLE);
	tmpl_raw(rq, "</p>\n");	/* literal */

	if (v->staff) {
		reports_section(rq, v);
		cw_products_section(rq, v);
		cw_supply_section(rq, v);
	}
	if (v->mine != NULL)
		mine_section(rq, v);
	vendors_section(rq, v);
	cw_clocks_section(rq, v);
	cw_submission_section(rq, v);
	cw_unotices_section(rq, v);
	if (v->staff) {
		move_section(rq, v);
		advisory_section(rq, v);
		timeline_section(rq, v);
	}
	if (v->talk)
		conversation_section(rq, v);
	layout_end(rq);
out:
	return er;
}
