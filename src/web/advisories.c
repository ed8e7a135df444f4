/*
 * The staff's advisory pages (issue 7): what the JSON API (api/advisories.c)
 * offers, as pages, calling the same use cases (svc/advisories.h):
 *
 *   GET  /staff/advisories		the queue, one table per state, or one
 *					state's with a pager (?state=)
 *   GET  /staff/advisories/{id}	the editor: a version's every R31 item
 *					(?version=), the workflow's forms (submit,
 *					review, publish with the gate's preview,
 *					withdraw), the form that saves a new version,
 *					the versions and a diff of two (?from=&to=)
 *   POST /staff/advisories/{id}	a new version (fields not sent are kept)
 *   POST /staff/advisories/{id}/submit|review|publish|withdraw
 *   POST /staff/cases/{id}/advisory	draft one (the case page's button)
 * A case's Art. 9 records, the windows and the gate's log are in
 * disclosure.c.
 *
 * Who may do what is the use cases' to decide, as for the API: the routes
 * carry the API's permission, and svc/ checks again.  A form answers with
 * a redirect back (POST-redirect-GET, ?done= says what was done), or with
 * its page again showing the refusal, with its rule, beside the form.
 */
#include <assert.h>
#include <string.h>

#include "core/arena.h"
#include "core/calendar.h"
#include "core/config.h"
#include "core/parse.h"
#include "core/sbuf.h"
#include "core/str.h"
#include "domain/advisory.h"
#include "domain/ids.h"
#include "domain/policy.h"
#include "domain/report.h"
#include "http/form.h"
#include "svc/advisories.h"
#include "svc/cases.h"
#include "web/cases_int.h"
#include "web/layout.h"
#include "web/reports_int.h"
#include "web/tmpl.h"
#include "web/web.h"
#include "web/web_int.h"
#include "web/advisories_int.h"
#include "web/apps_int.h"

#define QUEUE_ROWS	50	/* rows of each state's table in the queue */
#define TEXT_ROWS	5	/* rows of the record's textareas */
#define LIST_ROWS	3	/* rows of the lists' textareas */


/* --- parameters --- */

/* GET /staff/advisories */
enum { QUEUE_STATE, QUEUE_BEFORE, QUEUE__MAX };
static const struct param queue_params[QUEUE__MAX] = {
	[QUEUE_STATE] = { "state", PARAM_TEXT, .max = AW_CHOICE_MAX },	/* adv_state_parse */
	[QUEUE_BEFORE] = { "before", PARAM_I64, .min = 1, .max = INT64_MAX },	/* cursor: a rowid */
};

/* GET /staff/advisories/{id} */
enum { AVIEW_ID, AVIEW_VERSION, AVIEW_FROM, AVIEW_TO, AVIEW_DONE, AVIEW__MAX };
static const struct param adv_view_params[AVIEW__MAX] = {
	[AVIEW_ID] = { "id", PARAM_TEXT, .max = AW_ID_MAX, .required = true },	/* adv_id_valid */
	[AVIEW_VERSION] = { "version", PARAM_I64, .min = 1, .max = 1000000 },	/* one version */
	[AVIEW_FROM] = { "from", PARAM_I64, .min = 1, .max = 1000000 },	/* the diff's old side */
	[AVIEW_TO] = { "to", PARAM_I64, .min = 1, .max = 1000000 },		/* its new side */
	[AVIEW_DONE] = { "done", PARAM_TEXT, .max = AW_CHOICE_MAX },	/* what was just done */
};

/* The editable items of a version, in the order of the form. */
enum edit_field {
	EF_TITLE, EF_LANG, EF_SUMMARY, EF_DISCOVERER, EF_VERIFIER, EF_GRADE, EF_EXISTENCE,
	EF_DETECTION, EF_SOLUTION, EF_MITIGATION, EF_OTHER, EF_CVSS, EF_CWES, EF_IDS, EF_REFS,
	EF__MAX
};

/* How an item is typed. */
enum edit_kind {
	EK_LINE,	/* one line */
	EK_TEXT,	/* a text with line breaks */
	EK_LIST,	/* one item a line */
	EK_CHOICE,	/* a select */
};

static const struct {
	const char	*key;	/* the form field, and what adv_check names it */
	enum msg_id	 label;	/* what it is */
	enum msg_id	 hint;	/* help below the label; MSG_OK: none */
	enum edit_kind	 kind;	/* its control */
} edit_fields[EF__MAX] = {
	[EF_TITLE] = { "title", MSG_PUB_TITLE, MSG_OK, EK_LINE },
	[EF_LANG] = { "lang", MSG_WEB_ADV_LANG, MSG_OK, EK_CHOICE },
	[EF_SUMMARY] = { "summary", MSG_PUB_SUMMARY, MSG_OK, EK_TEXT },
	[EF_DISCOVERER] = { "discoverer", MSG_PUB_DISCOVERER, MSG_WEB_ADV_F_DISCOVERER_HINT,
	    EK_LINE },
	[EF_VERIFIER] = { "verifier", MSG_PUB_VERIFIER, MSG_OK, EK_LINE },
	[EF_GRADE] = { "grade", MSG_PUB_GRADE, MSG_OK, EK_CHOICE },
	[EF_EXISTENCE] = { "existence", MSG_PUB_EXISTENCE, MSG_OK, EK_TEXT },
	[EF_DETECTION] = { "detection", MSG_PUB_DETECTION, MSG_OK, EK_TEXT },
	[EF_SOLUTION] = { "solution", MSG_PUB_SOLUTION, MSG_WEB_ADV_F_REMEDY_HINT, EK_TEXT },
	[EF_MITIGATION] = { "mitigation", MSG_PUB_MITIGATION, MSG_WEB_ADV_F_REMEDY_HINT,
	    EK_TEXT },
	[EF_OTHER] = { "other", MSG_PUB_OTHER, MSG_OK, EK_TEXT },
	[EF_CVSS] = { "cvss", MSG_WEB_ADV_CVSS, MSG_WEB_ADV_F_CVSS_HINT, EK_LIST },
	[EF_CWES] = { "cwes", MSG_PUB_CWE, MSG_WEB_ADV_F_CWES_HINT, EK_LIST },
	[EF_IDS] = { "ids", MSG_PUB_RELATED, MSG_WEB_ADV_F_IDS_HINT, EK_LIST },
	[EF_REFS] = { "refs", MSG_PUB_REFERENCES, MSG_WEB_ADV_F_REFS_HINT, EK_LIST },
};

/* POST /staff/advisories/{id}: the id, every item in edit_fields[] order, the summary. */
#define EDIT_ID		0
#define EDIT_F0		1
#define EDIT_CHANGES	(EDIT_F0 + EF__MAX)
#define EDIT__MAX	(EDIT_CHANGES + 1)
static const struct param edit_params[EDIT__MAX] = {
	[EDIT_ID] = { "id", PARAM_TEXT, .max = AW_ID_MAX, .required = true },	/* adv_id_valid */
	[EDIT_F0 + EF_TITLE] = { "title", PARAM_TEXT, .max = AW_LINE_MAX },
	[EDIT_F0 + EF_LANG] = { "lang", PARAM_TEXT, .max = AW_CHOICE_MAX },	/* zh-CN, en */
	[EDIT_F0 + EF_SUMMARY] = { "summary", PARAM_MULTILINE, .max = AW_TEXT_MAX },
	[EDIT_F0 + EF_DISCOVERER] = { "discoverer", PARAM_TEXT, .max = AW_LINE_MAX },
	[EDIT_F0 + EF_VERIFIER] = { "verifier", PARAM_TEXT, .max = AW_LINE_MAX },
	[EDIT_F0 + EF_GRADE] = { "grade", PARAM_TEXT, .max = AW_CHOICE_MAX },	/* or "" */
	[EDIT_F0 + EF_EXISTENCE] = { "existence", PARAM_MULTILINE, .max = AW_TEXT_MAX },
	[EDIT_F0 + EF_DETECTION] = { "detection", PARAM_MULTILINE, .max = AW_TEXT_MAX },
	[EDIT_F0 + EF_SOLUTION] = { "solution", PARAM_MULTILINE, .max = AW_TEXT_MAX },
	[EDIT_F0 + EF_MITIGATION] = { "mitigation", PARAM_MULTILINE, .max = AW_TEXT_MAX },
	[EDIT_F0 + EF_OTHER] = { "other", PARAM_MULTILINE, .max = AW_TEXT_MAX },
	[EDIT_F0 + EF_CVSS] = { "cvss", PARAM_MULTILINE, .max = AW_LIST_MAX },
	[EDIT_F0 + EF_CWES] = { "cwes", PARAM_MULTILINE, .max = AW_LIST_MAX },
	[EDIT_F0 + EF_IDS] = { "ids", PARAM_MULTILINE, .max = AW_LIST_MAX },
	[EDIT_F0 + EF_REFS] = { "refs", PARAM_MULTILINE, .max = AW_LIST_MAX },
	[EDIT_CHANGES] = { "summary_of_changes", PARAM_TEXT, .max = AW_CHANGES_MAX },
};

/* POST /staff/advisories/{id}/submit */
enum { ASUBMIT_ID, ASUBMIT__MAX };
static const struct param adv_submit_params[ASUBMIT__MAX] = {
	[ASUBMIT_ID] = { "id", PARAM_TEXT, .max = AW_ID_MAX, .required = true },	/* adv_id_valid */
};

/* POST /staff/advisories/{id}/review */
enum { AREVIEW_ID, AREVIEW_DECISION, AREVIEW_NOTE, AREVIEW__MAX };
static const struct param adv_review_params[AREVIEW__MAX] = {
	[AREVIEW_ID] = { "id", PARAM_TEXT, .max = AW_ID_MAX, .required = true },	/* adv_id_valid */
	[AREVIEW_DECISION] = { "decision", PARAM_TEXT, .max = AW_CHOICE_MAX },	/* approve, changes */
	[AREVIEW_NOTE] = { "note", PARAM_MULTILINE, .max = AW_NOTE_MAX },	/* changes: required */
};

/* POST /staff/advisories/{id}/publish */
enum { APUB_ID, APUB_AT, APUB__MAX };
static const struct param adv_publish_params[APUB__MAX] = {
	[APUB_ID] = { "id", PARAM_TEXT, .max = AW_ID_MAX, .required = true },	/* adv_id_valid */
	[APUB_AT] = { "at", PARAM_TEXT, .max = AW_TIME_MAX },	/* empty: now; form_time */
};

/* POST /staff/advisories/{id}/withdraw */
enum { AWD_ID, AWD_REASON, AWD__MAX };
static const struct param adv_withdraw_params[AWD__MAX] = {
	[AWD_ID] = { "id", PARAM_TEXT, .max = AW_ID_MAX, .required = true },	/* adv_id_valid */
	[AWD_REASON] = { "reason", PARAM_MULTILINE, .max = AW_NOTE_MAX },	/* svc requires it */
};

/* POST /staff/cases/{id}/advisory */
enum { ADRAFT_ID, ADRAFT__MAX };
static const struct param adv_draft_params[ADRAFT__MAX] = {
	[ADRAFT_ID] = { "id", PARAM_TEXT, .max = AW_ID_MAX, .required = true },	/* case_id_valid */
};

/* --- words --- */

static const enum msg_id state_msgs[ADV__MAX] = {
	[ADV_DRAFT] = MSG_WEB_ADV_STATE_DRAFT,
	[ADV_IN_REVIEW] = MSG_WEB_ADV_STATE_IN_REVIEW,
	[ADV_APPROVED] = MSG_WEB_ADV_STATE_APPROVED,
	[ADV_SCHEDULED] = MSG_WEB_ADV_STATE_SCHEDULED,
	[ADV_PUBLISHED] = MSG_WEB_ADV_STATE_PUBLISHED,
	[ADV_WITHDRAWN] = MSG_WEB_ADV_STATE_WITHDRAWN,
};

/* The grades an editor picks from ("" : not graded). */
static const struct {
	const char	*value;	/* gbt_grade names */
	enum msg_id	 label;
} grades[] = {
	{ "", MSG_WEB_ADV_GRADE_NONE },
	{ "critical", MSG_PUB_GRADE_CRITICAL },
	{ "high", MSG_PUB_GRADE_HIGH },
	{ "medium", MSG_PUB_GRADE_MEDIUM },
	{ "low", MSG_PUB_GRADE_LOW },
};

/* The languages of the texts (adv_check). */
static const struct {
	const char	*value;
	enum msg_id	 label;
} langs[] = {
	{ "zh-CN", MSG_WEB_ADV_LANG_ZH },
	{ "en", MSG_WEB_ADV_LANG_EN },
};

/* The record's items by JSON key (formats/advisory_json.c), for the diff's headings. */
static const struct {
	const char	*key;
	enum msg_id	 label;
} item_labels[] = {
	{ "id", MSG_PUB_ID },
	{ "lang", MSG_WEB_ADV_LANG },
	{ "title", MSG_PUB_TITLE },
	{ "summary", MSG_PUB_SUMMARY },
	{ "publisher", MSG_PUB_PUBLISHER },
	{ "publisher_url", MSG_WEB_ADV_PUBLISHER_URL },
	{ "verifier", MSG_PUB_VERIFIER },
	{ "discoverer", MSG_PUB_DISCOVERER },
	{ "discoverer_anonymous", MSG_WEB_ADV_CREDIT },
	{ "category", MSG_PUB_CATEGORY },
	{ "category_name", MSG_WEB_ADV_CATEGORY_NAME },
	{ "grade", MSG_PUB_GRADE },
	{ "products", MSG_PUB_AFFECTED },
	{ "ids", MSG_PUB_RELATED },
	{ "cvss", MSG_WEB_ADV_CVSS },
	{ "cwes", MSG_PUB_CWE },
	{ "existence", MSG_PUB_EXISTENCE },
	{ "detection", MSG_PUB_DETECTION },
	{ "solution", MSG_PUB_SOLUTION },
	{ "mitigation", MSG_PUB_MITIGATION },
	{ "other", MSG_PUB_OTHER },
	{ "references", MSG_PUB_REFERENCES },
	{ "history", MSG_WEB_ADV_HISTORY },
	{ "published_at", MSG_PUB_PUBLISHED },
	{ "withdrawn_at", MSG_WEB_ADV_WITHDRAWN_AT },
	{ "withdrawn_reason", MSG_WEB_ADV_WITHDRAWN_REASON },
};

/*
 * The rules the gate asks for a publication, in the order policy_check()
 * asks them (domain/policy.c): it answers with the first that refuses.
 */
#define GATE_RULES	5
#define GATE_9_5	3	/* the index of Art. 9(5): judged on the advisory's own text */
#define GATE_9_6	4	/* the index of Art. 9(6): a window holds it */
static const struct {
	const char	*rule;	/* as the gate names it */
	enum msg_id	 what;	/* what it asks, in plain words */
} gate_rules[GATE_RULES] = {
	{ "Art. 9(2)", MSG_WEB_ADV_RULE_9_2 },
	{ "Art. 9(4)", MSG_WEB_ADV_RULE_9_4 },
	{ "Art. 9(1)", MSG_WEB_ADV_RULE_9_1 },
	{ "Art. 9(5)", MSG_WEB_ADV_RULE_9_5 },
	{ "Art. 9(6)", MSG_WEB_ADV_RULE_9_6 },
};

/* What the "done" parameter of a redirect says. */
static const struct {
	const char	*done;	/* as the handlers send it */
	enum msg_id	 text;	/* the flash */
} done_names[] = {
	{ "drafted", MSG_WEB_ADV_DONE_DRAFTED },
	{ "saved", MSG_WEB_ADV_DONE_SAVED },
	{ "submitted", MSG_WEB_ADV_DONE_SUBMITTED },
	{ "approved", MSG_WEB_ADV_DONE_APPROVED },
	{ "changes", MSG_WEB_ADV_DONE_CHANGES },
	{ "published", MSG_WEB_ADV_DONE_PUBLISHED },
	{ "scheduled", MSG_WEB_ADV_DONE_SCHEDULED },
	{ "withdrawn", MSG_WEB_ADV_DONE_WITHDRAWN },
	{ "recorded", MSG_WEB_ADV_DONE_RECORDED },
	{ "classified", MSG_WEB_ADV_DONE_CLASSIFIED },
	{ "window_added", MSG_WEB_ADV_DONE_WINDOW_ADDED },
	{ "window_withdrawn", MSG_WEB_ADV_DONE_WINDOW_WITHDRAWN },
};

/* --- small pieces --- */

bool
aw_blank(const char *s)
{
	return s == NULL || str_trim(str_from(s)).n == 0;
}

/* An advisory id from a path, checked so that it is safe in a URL as it is; NULL if not one. */
static const char *
adv_id(const struct param_val *v)
{
	return v->present && adv_id_valid(v->s.p) ? v->s.p : NULL;
}

static enum app_err
no_such_advisory(struct req *rq)
{
	return req_fail(rq, APP_NOTFOUND, "id", MSG_ERR_NO_SUCH_ADVISORY);
}

enum app_err
aw_no_such_case(struct req *rq)
{
	return req_fail(rq, APP_NOTFOUND, "id", MSG_ERR_NO_SUCH_CASE);
}

/*
 * A date-time typed in a form: "YYYY-MM-DDTHH:MM" (what a datetime-local
 * control sends, maybe with ":SS") or "YYYY-MM-DD HH:MM", in China time
 * (UTC+8, like every time on these pages), or RFC 3339 with its own offset.
 * 0, or -1.
 */
int
aw_form_time(const char *s, int64_t *out)
{
	char	buf[40];
	size_t	n = strlen(s);

	if ((n == 16 || n == 19) && (s[10] == 'T' || s[10] == ' ')) {
		snprintf(buf, sizeof(buf), "%.10sT%.*s%s+08:00", s, (int)(n - 11), s + 11,
		    n == 16 ? ":00" : "");
		return time_parse_rfc3339(buf, out);
	}
	return time_parse_rfc3339(s, out);
}

/* s without the blanks around it, a copy in the arena. */
const char *
aw_trimmed(struct req *rq, const char *s)
{
	struct str	t = str_trim(str_from(s));

	return arena_strndup(rq->arena, t.p, t.n);
}

/* A unix time as a datetime-local control's value, China time: "2026-11-21T08:00". */
static const char *
input_time(struct req *rq, int64_t t)
{
	char	buf[40];

	time_format_cst(t, true, buf, sizeof(buf));
	return arena_strndup(rq->arena, buf, 16);
}

static enum msg_id
state_msg(const char *state)
{
	int	s = adv_state_parse(state);

	return s >= 0 && s < ADV__MAX ? state_msgs[s] : MSG_WEB_NONE;
}

/* <span class="badge astate astate-...">state</span> */
static void
state_badge(struct req *rq, const char *state)
{
	tmpl_raw(rq, "<span");	/* literal */
	tmpl_attr(rq, "class", arena_printf(rq->arena, "badge astate astate-%s",
	    adv_state_parse(state) >= 0 ? state : "unknown"));
	tmpl_raw(rq, ">");	/* literal */
	tmpl_msg(rq, state_msg(state));
	tmpl_raw(rq, "</span>");	/* literal */
}

static const char *
grade_label(struct req *rq, const char *grade)
{
	size_t	i;

	for (i = 1; grade != NULL && i < sizeof(grades) / sizeof(grades[0]); i++)
		if (strcmp(grade, grades[i].value) == 0)
			return req_msg(rq, grades[i].label);
	return grade != NULL ? grade : "";
}

/* The flash a redirect's ?done= asks for, if it is one of ours. */
void
aw_done_flash(struct req *rq, const char *done)
{
	size_t	i;

	for (i = 0; done != NULL && i < sizeof(done_names) / sizeof(done_names[0]); i++)
		if (strcmp(done, done_names[i].done) == 0)
			layout_flash_msg(rq, FLASH_OK, done_names[i].text);
}

/* A form opening: <form class="cls" method="post" action="..."> and the CSRF field. */
void
aw_form_open(struct req *rq, const char *cls, const char *action)
{
	tmpl_raw(rq, "<form method=\"post\"");	/* literal */
	tmpl_attr(rq, "class", cls);
	tmpl_attr(rq, "action", action);
	tmpl_raw(rq, ">");	/* literal */
	tmpl_csrf(rq);
}

/* A single-button form. */
void
aw_button_form(struct req *rq, const char *action, const char *cls, enum msg_id label)
{
	aw_form_open(rq, "inline", action);
	tmpl_raw(rq, "<button type=\"submit\"");	/* literal */
	tmpl_attr(rq, "class", cls);
	tmpl_raw(rq, ">");	/* literal */
	tmpl_msg(rq, label);
	tmpl_raw(rq, "</button></form>");	/* literal */
}

/*
 * The refusal of a failed form for its field name, or NULL.  A list's
 * item ("cvss[1].vector") counts for the list, and says which line.
 */
const char *
aw_problem(struct req *rq, bool failed, const char *name)
{
	const char	*fe = rq->err_field, *close;
	size_t		 n = strlen(name);
	int64_t		 idx;

	if (!failed || rq->err == APP_OK || fe == NULL || rq->err_detail == NULL ||
	    strncmp(fe, name, n) != 0 || (fe[n] != '\0' && fe[n] != '['))
		return NULL;
	if (fe[n] == '[' && (close = strchr(fe + n, ']')) != NULL &&
	    parse_i64(fe + n + 1, (size_t)(close - fe - n - 1), 0, ADV_LIST_MAX, &idx) == 0)
		return layout_msgf(rq, MSG_WEB_ADV_LINE_PROBLEM, (int)idx + 1, rq->err_detail);
	return rq->err_detail;
}

/*
 * A form's refusal, the page to show it on again: 422 for what the person
 * can correct, and the refusals that rest on a workflow rule (self-review:
 * advisories.require_review) at their own status, beside the form, since
 * the person needs the page to see what to do instead; anything else is
 * the error page (0).
 */
static int
refusal_status(struct req *rq, enum app_err er, const struct fault *f)
{
	int	status = web_form_status(rq, er, f);

	if (status == 0 && er == APP_FORBIDDEN && f->rule != NULL)
		status = resp_status_for(er);
	return status;
}

/* --- the queue --- */

/* The queue's URL for one state, with a cursor when before > 0. */
static const char *
queue_url(struct req *rq, const char *state, int64_t before)
{
	struct sbuf	url;

	sbuf_init(&url, rq->arena, 0);
	sbuf_addstr(&url, "/staff/advisories");
	if (state[0] != '\0')
		sbuf_addf(&url, "?state=%s", state);	/* adv_state_name: URL-safe */
	if (before > 0)
		sbuf_addf(&url, "%cbefore=%lld", state[0] != '\0' ? '&' : '?',
		    (long long)before);
	return url.buf;
}

/* When it was withdrawn, published, or is to be published. */
static void
when_cell(struct req *rq, const struct advisory_row *r)
{
	enum msg_id	what;
	int64_t		t;

	if (r->withdrawn_at > 0) {
		what = MSG_WEB_ADV_WHEN_WITHDRAWN;
		t = r->withdrawn_at;
	} else if (r->published_at > 0) {
		what = MSG_WEB_ADV_WHEN_PUBLISHED;
		t = r->published_at;
	} else if (r->publish_at > 0) {
		what = MSG_WEB_ADV_WHEN_SCHEDULED;
		t = r->publish_at;
	} else
		return;
	tmpl_msg(rq, what);
	tmpl_raw(rq, " ");	/* literal */
	tmpl_time(rq, t);
}

void
aw_queue_table(struct req *rq, const struct advisory_row *r, size_t n)
{
	size_t	i;

	tmpl_raw(rq, "<div class=\"table-wrap\"><table class=\"data advisories\"><thead><tr>");	/* literal */
	layout_th(rq, MSG_PUB_ID);
	layout_th(rq, MSG_PUB_TITLE);
	layout_th(rq, MSG_WEB_CASE_ID);
	layout_th(rq, MSG_WEB_ADV_STATE);
	layout_th(rq, MSG_WEB_ADV_VERSION);
	layout_th(rq, MSG_WEB_ADV_WHEN);
	layout_th(rq, MSG_WEB_UPDATED_AT);
	tmpl_raw(rq, "</tr></thead><tbody>\n");	/* literal */
	for (i = 0; i < n; i++) {
		tmpl_raw(rq, "<tr><td>");	/* literal */
		/* adv_id_valid ids only: the store's, safe in a URL as they are. */
		if (adv_id_valid(r[i].id))
			layout_code_link(rq,
			    arena_printf(rq->arena, "/staff/advisories/%s", r[i].id), r[i].id);
		else
			tmpl_text(rq, r[i].id);
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_text(rq, r[i].title);
		tmpl_raw(rq, "</td><td>");	/* literal */
		if (case_id_valid(r[i].case_id))
			layout_code_link(rq,
			    arena_printf(rq->arena, "/cases/%s", r[i].case_id), r[i].case_id);
		else
			tmpl_text(rq, r[i].case_id);
		tmpl_raw(rq, "</td><td>");	/* literal */
		state_badge(rq, r[i].state);
		if (r[i].held_by != 0)
			layout_wrap(rq, " <span class=\"badge badge-warn\">", MSG_WEB_ADV_HELD_BADGE,
			    "</span>");
		tmpl_raw(rq, "</td><td class=\"num\">");	/* literal */
		tmpl_i64(rq, r[i].version);
		tmpl_raw(rq, "</td><td class=\"nowrap\">");	/* literal */
		when_cell(rq, &r[i]);
		tmpl_raw(rq, "</td><td class=\"nowrap\">");	/* literal */
		tmpl_time(rq, r[i].updated_at);
		tmpl_raw(rq, "</td></tr>\n");	/* literal */
	}
	tmpl_raw(rq, "</tbody></table></div>\n");	/* literal */
}

static void
queue_nav(struct req *rq, const char *cur)
{
	int	s;

	tmpl_raw(rq, "<nav class=\"links-inline queue-states\" aria-label=\"");	/* literal */
	tmpl_msg(rq, MSG_WEB_ADV_QUEUE_STATES);
	tmpl_raw(rq, "\"><a href=\"/staff/advisories\"");	/* literal */
	if (cur[0] == '\0')
		tmpl_raw(rq, " aria-current=\"page\"");	/* literal */
	tmpl_raw(rq, ">");	/* literal */
	tmpl_msg(rq, MSG_WEB_REPORTS_ALL);
	tmpl_raw(rq, "</a>");	/* literal */
	for (s = 0; s < ADV__MAX; s++) {
		tmpl_raw(rq, " <a");	/* literal */
		tmpl_href(rq, queue_url(rq, adv_state_name((enum adv_state)s), 0));
		if (strcmp(cur, adv_state_name((enum adv_state)s)) == 0)
			tmpl_raw(rq, " aria-current=\"page\"");	/* literal */
		tmpl_raw(rq, ">");	/* literal */
		tmpl_msg(rq, state_msgs[s]);
		tmpl_raw(rq, "</a>");	/* literal */
	}
	tmpl_raw(rq, "</nav>\n");	/* literal */
}

static enum app_err
queue_get(struct req *rq)
{
	struct svc_ctx		  c = web_ctx(rq);
	struct fault		  f = { .er = APP_OK };
	struct advisory_row	 *rows[ADV__MAX] = { NULL };
	size_t			  n[ADV__MAX] = { 0 };
	const char		 *state = web_pstr(req_param(rq, QUEUE_STATE));
	const struct param_val	 *before = req_param(rq, QUEUE_BEFORE);
	int64_t			  cursor = before->present ? before->i : 0, next = 0;
	int			  one = -1, s;
	enum app_err		  er;

	if (state[0] != '\0' && (one = adv_state_parse(state)) < 0)
		return req_fail(rq, APP_INVALID, "state", MSG_ERR_FIELD_CHOICE);
	/* One row more than shown tells whether there are more. */
	for (s = 0; s < ADV__MAX; s++) {
		if (one >= 0 && s != one)
			continue;
		if ((er = svc_advisory_list(&c, adv_state_name((enum adv_state)s),
		    one >= 0 ? cursor : 0, QUEUE_ROWS + 1, &rows[s], &n[s], &f)) != APP_OK)
			return web_fault(rq, er, &f);
	}

	resp_html(rq, 200);
	layout_begin(rq, MSG_WEB_ADV_QUEUE_TITLE);
	layout_wrap(rq, "<h1>", MSG_WEB_ADV_QUEUE_TITLE, "</h1>\n");
	layout_wrap(rq, "<p class=\"lead\">", MSG_WEB_ADV_QUEUE_INTRO, "</p>\n");
	queue_nav(rq, state);
	for (s = 0; s < ADV__MAX; s++) {
		bool	more = n[s] > QUEUE_ROWS;

		if (one >= 0 && s != one)
			continue;
		if (more) {
			n[s] = QUEUE_ROWS;
			next = rows[s][n[s] - 1].rowid;
		}
		tmpl_raw(rq, "<section class=\"detail\"");	/* literal */
		tmpl_attr(rq, "id", arena_printf(rq->arena, "state-%s",
		    adv_state_name((enum adv_state)s)));
		tmpl_raw(rq, "><h2>");	/* literal */
		tmpl_msg(rq, state_msgs[s]);
		tmpl_raw(rq, "</h2>\n");	/* literal */
		if (n[s] == 0)
			layout_wrap(rq, "<p class=\"muted\">", MSG_WEB_ADV_QUEUE_NONE, "</p>\n");
		else
			aw_queue_table(rq, rows[s], n[s]);
		if (one < 0 && more) {
			tmpl_raw(rq, "<p>");	/* literal */
			layout_link(rq, queue_url(rq, adv_state_name((enum adv_state)s), 0),
			    MSG_WEB_ADV_QUEUE_MORE);
			tmpl_raw(rq, "</p>\n");	/* literal */
		}
		tmpl_raw(rq, "</section>\n");	/* literal */
	}
	if (one >= 0)
		layout_pager(rq, cursor > 0 ? queue_url(rq, state, 0) : NULL,
		    next > 0 ? queue_url(rq, state, next) : NULL);
	layout_end(rq);
	return APP_OK;
}

/* --- the editor --- */

/* Which form of the editor failed, so that its refusal shows beside it. */
enum adv_form {
	AFORM_NONE,
	AFORM_EDIT,		/* a new version */
	AFORM_SUBMIT,		/* for review */
	AFORM_REVIEW,		/* approve, or send back */
	AFORM_PUBLISH,		/* now or at a time */
	AFORM_WITHDRAW,		/* with a reason */
	AFORM__MAX
};

/* What a failed form had, to show it again; NULL: not sent. */
struct adv_typed {
	const char		*ef[EF__MAX];	/* AFORM_EDIT: each item sent */
	const char		*changes;	/* AFORM_EDIT: the summary of changes */
	const char		*decision;	/* AFORM_REVIEW */
	const char		*note;		/* AFORM_REVIEW */
	const char		*at;		/* AFORM_PUBLISH */
	struct policy_decision	 d;		/* AFORM_PUBLISH: the gate's answer */
	const char		*reason;	/* AFORM_WITHDRAW */
};

/* What the page asks for (GET only). */
struct adv_query {
	int		 version;	/* 0: the newest */
	int		 from, to;	/* a diff; 0: none asked */
	const char	*done;		/* what was just done, "" if nothing */
};

/* Everything the editor shows, loaded before it is written. */
struct adv_page {
	struct advisory_view		 v;		/* the version shown, with every version */
	struct adv_doc			 newest;	/* the newest version's record */
	const struct advisory_version	*nv;		/* its metadata, or NULL */
	bool				 old;		/* v.doc is not the newest */
	const struct event_window	*held;		/* scheduled and held: the window */
	bool				 can_edit;	/* the form for a new version */
	bool				 can_submit;	/* draft: submit for review */
	bool				 can_review;	/* the newest version awaits review */
	bool				 can_publish;	/* the publish form (and preview) */
	bool				 can_withdraw;	/* published or scheduled */
	struct policy_decision		 gate;		/* can_publish: the gate's preview */
	bool				 diff;		/* a diff was asked for */
	int				 from, to;	/* its versions */
	struct sbuf			 dtext;		/* svc_advisory_diff's text */
	enum adv_form			 failed;	/* the form that comes back */
	const struct adv_typed		*t;		/* what it had */
	const char			*done;
};

/* Whether the form that failed is f, and so its refusal shows beside it. */
static bool
failed_is(const struct adv_page *p, enum adv_form f)
{
	return p->failed == f && p->t != NULL;
}

/* Whether the section holding form f is written, or its refusal goes to the top. */
static bool
form_shown(const struct adv_page *p, enum adv_form f)
{
	switch (f) {
	case AFORM_EDIT:
		return p->can_edit;
	case AFORM_SUBMIT:
		return p->can_submit;
	case AFORM_REVIEW:
		return p->can_review;
	case AFORM_PUBLISH:
		return p->can_publish;
	case AFORM_WITHDRAW:
		return p->can_withdraw;
	default:
		return false;
	}
}

/* What the workflow allows next, from the row and the newest version. */
static void
adv_steps(struct req *rq, struct adv_page *p)
{
	const char	*st = p->v.row.state;
	bool		 approved = p->nv != NULL && strcmp(p->nv->review, "approved") == 0;
	bool		 reviewed = p->nv != NULL && p->nv->review[0] != '\0';
	bool		 newer = p->v.row.version > p->v.public_version;
	bool		 require = rq->cfg->adv_require_review;

	p->can_edit = !p->old && strcmp(st, "withdrawn") != 0;
	p->can_submit = strcmp(st, "draft") == 0;
	/* In review, or a new version of a published advisory (svc_advisory_review). */
	p->can_review = strcmp(st, "in_review") == 0 || (strcmp(st, "published") == 0 &&
	    newer && !reviewed);
	if (strcmp(st, "withdrawn") == 0)
		p->can_publish = false;
	else if (strcmp(st, "published") == 0)
		p->can_publish = newer && (approved || !require);
	else if (strcmp(st, "approved") == 0 || strcmp(st, "scheduled") == 0)
		p->can_publish = true;
	else
		p->can_publish = !require;
	p->can_withdraw = strcmp(st, "published") == 0 || strcmp(st, "scheduled") == 0;
}

static enum app_err
adv_load(struct req *rq, const char *id, const struct adv_query *q, struct adv_page *p)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct advisory_view	 nw;
	struct event_window	*w;
	size_t			 nw_n, i;
	enum app_err		 er;

	if ((er = svc_advisory_get(&c, id, q->version, &p->v, &f)) != APP_OK)
		goto fail;
	p->nv = p->v.nversions > 0 ? &p->v.versions[p->v.nversions - 1] : NULL;
	p->old = p->v.doc.version != p->v.row.version;
	p->newest = p->v.doc;
	if (p->old) {
		if ((er = svc_advisory_get(&c, id, 0, &nw, &f)) != APP_OK)
			goto fail;
		p->newest = nw.doc;
	}
	adv_steps(rq, p);
	/* Held by a window: which one, and when it ends (it is tried again then). */
	if (strcmp(p->v.row.state, "scheduled") == 0 && p->v.row.held_by != 0) {
		if ((er = svc_windows(&c, true, &w, &nw_n, &f)) != APP_OK)
			goto fail;
		for (i = 0; i < nw_n; i++)
			if (w[i].id == p->v.row.held_by)
				p->held = &w[i];
	}
	/* What the gate would answer: shown before the button, and logged like any answer. */
	if (p->can_publish && (er = svc_policy_preview(&c, p->v.row.case_id, "publish",
	    &p->gate, &f)) != APP_OK)
		goto fail;
	if (q->from > 0 || q->to > 0) {
		p->diff = true;
		p->to = q->to > 0 ? q->to : p->v.row.version;
		p->from = q->from > 0 ? q->from : (p->to > 1 ? p->to - 1 : 1);
		sbuf_init(&p->dtext, rq->arena, 0);
		if ((er = svc_advisory_diff(&c, id, p->from, p->to, &p->dtext, &f)) != APP_OK)
			goto fail;
	}
	return APP_OK;
fail:
	return web_fault(rq, er, &f);
}

/* The case's meta, and where the advisory stands. */
static void
adv_meta(struct req *rq, const struct adv_page *p)
{
	const struct advisory_row	*r = &p->v.row;

	tmpl_raw(rq, "<dl class=\"meta\">");	/* literal */
	layout_wrap(rq, "<dt>", MSG_WEB_CASE_ID, "</dt><dd>");
	if (case_id_valid(r->case_id))
		layout_code_link(rq, arena_printf(rq->arena, "/cases/%s", r->case_id),
		    r->case_id);
	else
		tmpl_text(rq, r->case_id);
	tmpl_raw(rq, "</dd>");	/* literal */
	layout_wrap(rq, "<dt>", MSG_WEB_ADV_STATE, "</dt><dd>");
	tmpl_msg(rq, state_msg(r->state));
	tmpl_raw(rq, "</dd>");	/* literal */
	layout_wrap(rq, "<dt>", MSG_WEB_ADV_NEWEST, "</dt><dd>");
	tmpl_i64(rq, r->version);
	tmpl_raw(rq, "</dd>");	/* literal */
	layout_wrap(rq, "<dt>", MSG_WEB_ADV_PUBLIC_VERSION, "</dt><dd>");
	if (p->v.public_version > 0)
		tmpl_i64(rq, p->v.public_version);
	else
		layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_ADV_NOT_PUBLIC, "</span>");
	tmpl_raw(rq, "</dd>");	/* literal */
	layout_dl_time(rq, MSG_WEB_CASE_CREATED_AT, r->created_at, MSG_WEB_NEVER);
	layout_dl_time(rq, MSG_WEB_UPDATED_AT, r->updated_at, MSG_WEB_NEVER);
	if (strcmp(r->state, "scheduled") == 0)
		layout_dl_time(rq, MSG_WEB_ADV_PUBLISH_AT, r->publish_at, MSG_WEB_NEVER);
	layout_dl_time(rq, MSG_PUB_PUBLISHED, r->published_at, MSG_WEB_ADV_NOT_PUBLIC);
	if (r->withdrawn_at > 0) {
		layout_dl_time(rq, MSG_WEB_ADV_WITHDRAWN_AT, r->withdrawn_at, MSG_WEB_NEVER);
		layout_dl_text(rq, MSG_WEB_ADV_WITHDRAWN_REASON, r->withdrawn_reason, true);
	}
	tmpl_raw(rq, "</dl>\n");	/* literal */
	/* A scheduled publication a major-event window holds (Art. 9(6)). */
	if (r->held_by != 0) {
		tmpl_raw(rq, "<div class=\"flash flash-warn held\" role=\"status\"><p>");	/* literal */
		if (p->held != NULL) {
			char	until[40];

			time_format_cst(p->held->ends_at, false, until, sizeof(until));
			tmpl_text(rq, layout_msgf(rq, MSG_WEB_ADV_HELD, p->held->name, until));
		} else
			tmpl_msg(rq, MSG_WEB_ADV_HELD_UNKNOWN);
		tmpl_raw(rq, "</p><p class=\"rule\">");	/* literal */
		tmpl_msg(rq, MSG_WEB_RULE);
		tmpl_msg(rq, MSG_WEB_LABEL_SEP);
		tmpl_raw(rq, "<code>Art. 9(6)</code></p></div>\n");	/* literal */
	}
}

/* --- the record as it stands --- */

static void
products_table(struct req *rq, const struct adv_doc *d)
{
	size_t	i;

	layout_wrap(rq, "<h3>", MSG_PUB_AFFECTED, "</h3>\n");
	if (d->nproducts == 0) {
		layout_wrap(rq, "<p class=\"muted\">", MSG_WEB_NONE, "</p>\n");
		return;
	}
	tmpl_raw(rq, "<div class=\"table-wrap\"><table class=\"data adv-products\"><thead><tr>");	/* literal */
	layout_th(rq, MSG_PUB_VENDOR);
	layout_th(rq, MSG_PUB_PRODUCT);
	layout_th(rq, MSG_WEB_ADV_MODEL);
	layout_th(rq, MSG_PUB_VERSIONS);
	layout_th(rq, MSG_PUB_FIXED_IN);
	layout_th(rq, MSG_WEB_ADV_IDENT);
	tmpl_raw(rq, "</tr></thead><tbody>\n");	/* literal */
	for (i = 0; i < d->nproducts; i++) {
		const struct adv_product	*x = &d->products[i];

		tmpl_raw(rq, "<tr><td>");	/* literal */
		tmpl_text(rq, x->vendor);
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_text(rq, x->product);
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_text(rq, x->model);
		tmpl_raw(rq, "</td><td><code>");	/* literal */
		tmpl_text(rq, x->versions != NULL && x->versions[0] != '\0' ? x->versions : "*");
		tmpl_raw(rq, "</code></td><td><code>");	/* literal */
		tmpl_text(rq, x->fixed_version);
		tmpl_raw(rq, "</code></td><td><code>");	/* literal */
		tmpl_text(rq, x->cpe);
		if (x->cpe != NULL && x->cpe[0] != '\0' && x->purl != NULL && x->purl[0] != '\0')
			tmpl_raw(rq, "<br>");	/* literal */
		tmpl_text(rq, x->purl);
		tmpl_raw(rq, "</code></td></tr>\n");	/* literal */
	}
	tmpl_raw(rq, "</tbody></table></div>\n");	/* literal */
}

/* The lists of a record as the form's lines: CVSS, CWE, related ids, references. */
static const char *
list_text(struct req *rq, const struct adv_doc *d, enum edit_field ef)
{
	struct sbuf	s;
	size_t		i;

	sbuf_init(&s, rq->arena, 0);
	switch (ef) {
	case EF_CVSS:
		for (i = 0; i < d->ncvss; i++)
			sbuf_addf(&s, "%s%s", i > 0 ? "\n" : "", d->cvss[i].vector);
		break;
	case EF_CWES:
		for (i = 0; i < d->ncwes; i++)
			sbuf_addf(&s, "%s%s%s%s", i > 0 ? "\n" : "", d->cwes[i].id,
			    d->cwes[i].name[0] != '\0' ? " " : "", d->cwes[i].name);
		break;
	case EF_IDS:
		for (i = 0; i < d->nids; i++) {
			enum xid_scheme	kind;
			char		scheme[XID_SCHEME_MAX];

			/* The scheme only when the id does not say it itself. */
			if (xid_check(NULL, d->ids[i].value, &kind, scheme) == XID_OK &&
			    strcmp(scheme, d->ids[i].scheme) == 0)
				sbuf_addf(&s, "%s%s", i > 0 ? "\n" : "", d->ids[i].value);
			else
				sbuf_addf(&s, "%s%s %s", i > 0 ? "\n" : "", d->ids[i].scheme,
				    d->ids[i].value);
		}
		break;
	case EF_REFS:
		for (i = 0; i < d->nrefs; i++)
			sbuf_addf(&s, "%s%s%s%s", i > 0 ? "\n" : "", d->refs[i].url,
			    d->refs[i].label[0] != '\0' ? " " : "", d->refs[i].label);
		break;
	default:
		break;
	}
	return s.buf;
}

/* The CVSS vectors with their scores and severities. */
static const char *
cvss_text(struct req *rq, const struct adv_doc *d)
{
	struct sbuf	s;
	size_t		i;

	sbuf_init(&s, rq->arena, 0);
	for (i = 0; i < d->ncvss; i++)
		sbuf_addf(&s, "%s%s (%d.%d %s)", i > 0 ? "\n" : "", d->cvss[i].vector,
		    d->cvss[i].score10 / 10, d->cvss[i].score10 % 10, d->cvss[i].severity);
	return s.buf;
}

/* The revision history: "v1 2026-03-02 08:00 draft from the case". */
static void
history_list(struct req *rq, const struct adv_doc *d)
{
	size_t	i;

	layout_wrap(rq, "<dt>", MSG_WEB_ADV_HISTORY, "</dt><dd>");
	if (d->nhistory == 0) {
		layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_NONE, "</span></dd>");
		return;
	}
	tmpl_raw(rq, "<ul class=\"plain\">");	/* literal */
	for (i = 0; i < d->nhistory; i++) {
		tmpl_raw(rq, "<li>");	/* literal */
		tmpl_text(rq, layout_msgf(rq, MSG_WEB_ADV_VERSION_N, d->history[i].version));
		tmpl_raw(rq, " <span class=\"muted\">");	/* literal */
		tmpl_time(rq, d->history[i].date);
		tmpl_raw(rq, "</span> ");	/* literal */
		tmpl_text(rq, d->history[i].summary);
		tmpl_raw(rq, "</li>");	/* literal */
	}
	tmpl_raw(rq, "</ul></dd>");	/* literal */
}

/* Every R31 item of the version shown (GB/T 28458-2020). */
static void
record_section(struct req *rq, const struct adv_page *p)
{
	const struct adv_doc	*d = &p->v.doc;
	const char		*lang = d->lang;
	size_t			 i;

	for (i = 0; i < sizeof(langs) / sizeof(langs[0]); i++)
		if (d->lang != NULL && strcmp(d->lang, langs[i].value) == 0)
			lang = req_msg(rq, langs[i].label);
	tmpl_raw(rq, "<section class=\"detail\" id=\"record\"><h2>");	/* literal */
	tmpl_text(rq, layout_msgf(rq, MSG_WEB_ADV_RECORD, d->version));
	tmpl_raw(rq, "</h2>\n<dl class=\"meta adv-record\">");	/* literal */
	layout_dl_text(rq, MSG_PUB_ID, d->id, false);
	layout_dl_text(rq, MSG_PUB_TITLE, d->title, false);
	layout_dl_text(rq, MSG_WEB_ADV_LANG, lang, false);
	layout_dl_time(rq, MSG_PUB_PUBLISHED, d->published_at, MSG_WEB_ADV_NOT_PUBLIC);
	layout_dl_time(rq, MSG_WEB_ADV_VERSION_TIME, d->updated_at, MSG_WEB_NEVER);
	layout_dl_text(rq, MSG_PUB_PUBLISHER, d->publisher, false);
	layout_dl_text(rq, MSG_WEB_ADV_PUBLISHER_URL, d->publisher_url, false);
	layout_dl_text(rq, MSG_PUB_VERIFIER, d->verifier, false);
	layout_dl_text(rq, MSG_PUB_DISCOVERER, d->discoverer_anonymous ?
	    req_msg(rq, MSG_PUB_ANONYMOUS) : d->discoverer, false);
	layout_dl_text(rq, MSG_PUB_CATEGORY, d->category != NULL && d->category[0] != '\0' ?
	    arena_printf(rq->arena, "%s %s", d->category, d->category_name) : "", false);
	layout_dl_text(rq, MSG_PUB_GRADE, grade_label(rq, d->grade), false);
	layout_dl_text(rq, MSG_PUB_RELATED, list_text(rq, d, EF_IDS), true);
	layout_dl_text(rq, MSG_WEB_ADV_CVSS, cvss_text(rq, d), true);
	layout_dl_text(rq, MSG_PUB_CWE, list_text(rq, d, EF_CWES), true);
	layout_dl_text(rq, MSG_PUB_SUMMARY, d->summary, true);
	layout_dl_text(rq, MSG_PUB_EXISTENCE, d->existence, true);
	layout_dl_text(rq, MSG_PUB_DETECTION, d->detection, true);
	layout_dl_text(rq, MSG_PUB_SOLUTION, d->solution, true);
	layout_dl_text(rq, MSG_PUB_MITIGATION, d->mitigation, true);
	layout_dl_text(rq, MSG_PUB_OTHER, d->other, true);
	layout_dl_text(rq, MSG_PUB_REFERENCES, list_text(rq, d, EF_REFS), true);
	history_list(rq, d);
	tmpl_raw(rq, "</dl>\n");	/* literal */
	products_table(rq, d);
	wa_advisory_apps(rq, d);	/* the products that are apps (issue 9) */
	layout_wrap(rq, "<p class=\"hint\">", MSG_WEB_ADV_PRODUCTS_HINT, "</p>\n");
	tmpl_raw(rq, "</section>\n");	/* literal */
}

/* --- the form that saves a new version --- */

/* The value a control shows: what was typed when the form comes back, else the record's. */
static const char *
edit_value(struct req *rq, const struct adv_page *p, enum edit_field ef)
{
	const struct adv_doc	*d = &p->newest;

	if (failed_is(p, AFORM_EDIT) && p->t->ef[ef] != NULL)
		return p->t->ef[ef];
	switch (ef) {
	case EF_TITLE:
		return d->title;
	case EF_LANG:
		return d->lang;
	case EF_SUMMARY:
		return d->summary;
	case EF_DISCOVERER:
		return d->discoverer_anonymous ? "" : d->discoverer;
	case EF_VERIFIER:
		return d->verifier;
	case EF_GRADE:
		return d->grade;
	case EF_EXISTENCE:
		return d->existence;
	case EF_DETECTION:
		return d->detection;
	case EF_SOLUTION:
		return d->solution;
	case EF_MITIGATION:
		return d->mitigation;
	case EF_OTHER:
		return d->other;
	default:
		return list_text(rq, d, ef);
	}
}

static void
edit_control(struct req *rq, const struct adv_page *p, enum edit_field ef)
{
	struct layout_control	 c = {
		.name = edit_fields[ef].key,
		.id = arena_printf(rq->arena, "f-%s", edit_fields[ef].key),
		.label = edit_fields[ef].label,
		.hint = edit_fields[ef].hint,
		.err = aw_problem(rq, failed_is(p, AFORM_EDIT), edit_fields[ef].key),
	};
	const char		*value = edit_value(rq, p, ef);
	size_t			 i;

	switch (edit_fields[ef].kind) {
	case EK_LINE:
		layout_text_input(rq, &c, "text", value, AW_LINE_MAX, false);
		break;
	case EK_TEXT:
		layout_textarea(rq, &c, value, TEXT_ROWS, 0, false);
		break;
	case EK_LIST:
		layout_textarea(rq, &c, value, LIST_ROWS, 0, false);
		break;
	case EK_CHOICE:
		cw_select_open(rq, &c);
		if (ef == EF_GRADE)
			for (i = 0; i < sizeof(grades) / sizeof(grades[0]); i++)
				cw_option(rq, grades[i].value, req_msg(rq, grades[i].label),
				    value);
		else
			for (i = 0; i < sizeof(langs) / sizeof(langs[0]); i++)
				cw_option(rq, langs[i].value, req_msg(rq, langs[i].label), value);
		tmpl_raw(rq, "</select></div>\n");	/* literal */
		break;
	}
}

static void
edit_section(struct req *rq, const struct adv_page *p)
{
	struct layout_control	 c_changes = { "summary_of_changes", "f-summary_of_changes",
				    MSG_WEB_ADV_F_CHANGES, NULL, MSG_WEB_ADV_F_CHANGES_HINT, NULL,
				    aw_problem(rq, failed_is(p, AFORM_EDIT), "summary_of_changes"),
				    false, false };
	int			 ef;

	tmpl_raw(rq, "<section class=\"detail\" id=\"edit\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_ADV_EDIT, "</h2>\n");
	layout_wrap(rq, "<p class=\"hint\">", strcmp(p->v.row.state, "published") == 0 ?
	    MSG_WEB_ADV_EDIT_PUBLISHED_HINT : MSG_WEB_ADV_EDIT_HINT, "</p>\n");
	if (failed_is(p, AFORM_EDIT))
		layout_form_errors(rq);
	aw_form_open(rq, "stack wide adv-edit", arena_printf(rq->arena, "/staff/advisories/%s",
	    p->v.row.id));
	for (ef = 0; ef < EF__MAX; ef++)
		edit_control(rq, p, (enum edit_field)ef);
	layout_text_input(rq, &c_changes, "text",
	    failed_is(p, AFORM_EDIT) && p->t->changes != NULL ?
	    p->t->changes : "", AW_CHANGES_MAX, false);
	layout_submit(rq, MSG_WEB_ADV_EDIT_SUBMIT);
	tmpl_raw(rq, "</form></section>\n");	/* literal */
}

/* --- versions and the diff --- */

static void
review_cell(struct req *rq, const struct advisory_version *x)
{
	if (strcmp(x->review, "approved") == 0)
		tmpl_text(rq, layout_msgf(rq, MSG_WEB_ADV_REVIEW_APPROVED_BY,
		    x->reviewed_by_login));
	else if (strcmp(x->review, "changes_requested") == 0) {
		tmpl_text(rq, layout_msgf(rq, MSG_WEB_ADV_REVIEW_CHANGES_BY,
		    x->reviewed_by_login));
		if (x->review_note[0] != '\0') {
			tmpl_raw(rq, "<br><span class=\"pre-line\">");	/* literal */
			tmpl_text(rq, x->review_note);
			tmpl_raw(rq, "</span>");	/* literal */
		}
	} else
		layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_ADV_REVIEW_NONE, "</span>");
	if (x->reviewed_at > 0) {
		tmpl_raw(rq, "<br><span class=\"muted\">");	/* literal */
		tmpl_time(rq, x->reviewed_at);
		tmpl_raw(rq, "</span>");	/* literal */
	}
}

static void
version_select(struct req *rq, const char *name, enum msg_id label, const struct adv_page *p,
    int cur)
{
	struct layout_control	 c = { .name = name, .id = arena_printf(rq->arena, "q-%s", name),
				    .label = label, .hint = MSG_OK };
	const char		*curs = arena_printf(rq->arena, "%d", cur);
	size_t			 i;

	cw_select_open(rq, &c);
	for (i = 0; i < p->v.nversions; i++) {
		const char *v = arena_printf(rq->arena, "%d", p->v.versions[i].version);

		cw_option(rq, v, layout_msgf(rq, MSG_WEB_ADV_VERSION_N, p->v.versions[i].version),
		    curs);
	}
	tmpl_raw(rq, "</select></div>");	/* literal */
}

/* The label of a record's key in the diff, or NULL for one of no table entry. */
static enum msg_id
item_label(const char *key, size_t n)
{
	size_t	i;

	for (i = 0; i < sizeof(item_labels) / sizeof(item_labels[0]); i++)
		if (strlen(item_labels[i].key) == n && strncmp(item_labels[i].key, key, n) == 0)
			return item_labels[i].label;
	return MSG_OK;
}

/*
 * svc_advisory_diff's text, readable: a heading per item that changed,
 * its lines kept, removed and added ("  ", "- ", "+ ").
 */
static void
diff_view(struct req *rq, const char *text)
{
	struct str	rest = str_from(text), line;
	enum msg_id	label;
	bool		open = false, any = false;

	while (rest.n > 0) {
		line = str_split(&rest, '\n');
		if (str_has_prefix(line, "--- ") || str_has_prefix(line, "+++ "))
			continue;	/* the versions: the heading says them */
		if (str_has_prefix(line, "@@ ")) {
			if (open)
				tmpl_raw(rq, "</pre>\n");	/* literal */
			tmpl_raw(rq, "<h4>");	/* literal */
			if ((label = item_label(line.p + 3, line.n - 3)) != MSG_OK) {
				tmpl_msg(rq, label);
				tmpl_raw(rq, " ");	/* literal */
			}
			tmpl_raw(rq, "<code class=\"muted\">");	/* literal */
			tmpl_textn(rq, line.p + 3, line.n - 3);
			tmpl_raw(rq, "</code></h4>\n<pre class=\"diff\">");	/* literal */
			open = any = true;
			continue;
		}
		if (!open)
			continue;
		if (str_has_prefix(line, "- ")) {
			tmpl_raw(rq, "<del class=\"diff-del\">");	/* literal */
			tmpl_textn(rq, line.p, line.n);
			tmpl_raw(rq, "</del>\n");	/* literal */
		} else if (str_has_prefix(line, "+ ")) {
			tmpl_raw(rq, "<ins class=\"diff-ins\">");	/* literal */
			tmpl_textn(rq, line.p, line.n);
			tmpl_raw(rq, "</ins>\n");	/* literal */
		} else {
			tmpl_raw(rq, "<span class=\"diff-same\">");	/* literal */
			tmpl_textn(rq, line.p, line.n);
			tmpl_raw(rq, "</span>\n");	/* literal */
		}
	}
	if (open)
		tmpl_raw(rq, "</pre>\n");	/* literal */
	if (!any)
		layout_wrap(rq, "<p class=\"muted\">", MSG_WEB_ADV_DIFF_SAME, "</p>\n");
}

static void
versions_section(struct req *rq, const struct adv_page *p)
{
	const char	*base = arena_printf(rq->arena, "/staff/advisories/%s", p->v.row.id);
	size_t		 i;

	tmpl_raw(rq, "<section class=\"detail\" id=\"versions\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_ADV_VERSIONS, "</h2>\n");
	tmpl_raw(rq, "<div class=\"table-wrap\"><table class=\"data adv-versions\"><thead><tr>");	/* literal */
	layout_th(rq, MSG_WEB_ADV_VERSION);
	layout_th(rq, MSG_WEB_ADV_WRITTEN);
	layout_th(rq, MSG_WEB_ADV_SUMMARY_OF_CHANGES);
	layout_th(rq, MSG_WEB_ADV_REVIEW);
	layout_th(rq, MSG_WEB_ADV_COMPARE);
	tmpl_raw(rq, "</tr></thead><tbody>\n");	/* literal */
	/* Newest first. */
	for (i = p->v.nversions; i-- > 0; ) {
		const struct advisory_version	*x = &p->v.versions[i];

		tmpl_raw(rq, "<tr");	/* literal */
		tmpl_attr(rq, "id", arena_printf(rq->arena, "version-%d", x->version));
		tmpl_raw(rq, "><td><a");	/* literal */
		tmpl_href(rq, arena_printf(rq->arena, "%s?version=%d#record", base, x->version));
		tmpl_raw(rq, ">");	/* literal */
		tmpl_text(rq, layout_msgf(rq, MSG_WEB_ADV_VERSION_N, x->version));
		tmpl_raw(rq, "</a>");	/* literal */
		if (x->version == p->v.public_version)
			layout_wrap(rq, " <span class=\"badge badge-on\">", MSG_WEB_ADV_PUBLIC_BADGE,
			    "</span>");
		if (x->version == p->v.doc.version)
			layout_wrap(rq, " <span class=\"badge\">", MSG_WEB_ADV_SHOWN_BADGE,
			    "</span>");
		tmpl_raw(rq, "</td><td class=\"nowrap\">");	/* literal */
		tmpl_time(rq, x->created_at);
		tmpl_raw(rq, "<br>");	/* literal */
		if (x->created_by_login[0] != '\0')
			tmpl_text(rq, x->created_by_login);
		else
			layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_CASE_SYSTEM, "</span>");
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_text(rq, x->summary);
		tmpl_raw(rq, "</td><td>");	/* literal */
		review_cell(rq, x);
		tmpl_raw(rq, "</td><td>");	/* literal */
		if (x->version > 1) {
			tmpl_raw(rq, "<a");	/* literal */
			tmpl_href(rq, arena_printf(rq->arena, "%s?from=%d&to=%d#diff", base,
			    x->version - 1, x->version));
			tmpl_raw(rq, ">");	/* literal */
			tmpl_msg(rq, MSG_WEB_ADV_COMPARE_PREV);
			tmpl_raw(rq, "</a>");	/* literal */
		}
		tmpl_raw(rq, "</td></tr>\n");	/* literal */
	}
	tmpl_raw(rq, "</tbody></table></div>\n");	/* literal */
	if (p->v.nversions > 1) {
		tmpl_raw(rq, "<form class=\"filters\" method=\"get\"");	/* literal */
		tmpl_attr(rq, "action", base);
		tmpl_raw(rq, " aria-label=\"");	/* literal */
		tmpl_msg(rq, MSG_WEB_ADV_COMPARE);
		tmpl_raw(rq, "\">");	/* literal */
		version_select(rq, "from", MSG_WEB_ADV_DIFF_FROM, p, p->diff ? p->from :
		    p->v.row.version - 1);
		version_select(rq, "to", MSG_WEB_ADV_DIFF_TO, p, p->diff ? p->to :
		    p->v.row.version);
		tmpl_raw(rq, "<div class=\"field\"><button type=\"submit\" class=\"primary\">");	/* literal */
		tmpl_msg(rq, MSG_WEB_ADV_COMPARE);
		tmpl_raw(rq, "</button></div></form>\n");	/* literal */
	}
	if (p->diff) {
		tmpl_raw(rq, "<div id=\"diff\" class=\"adv-diff\"><h3>");	/* literal */
		tmpl_text(rq, layout_msgf(rq, MSG_WEB_ADV_DIFF_TITLE, p->from, p->to));
		tmpl_raw(rq, "</h3>\n");	/* literal */
		diff_view(rq, p->dtext.buf);
		tmpl_raw(rq, "</div>\n");	/* literal */
	}
	tmpl_raw(rq, "</section>\n");	/* literal */
}

/* --- the workflow: submit, review, publish, withdraw --- */

enum rule_outcome { RO_PASS, RO_REFUSE, RO_UNCHECKED };

/*
 * Each rule's outcome from the gate's preview: those before the one that
 * refuses pass, it refuses, those after are not reached.  The preview is
 * the case's view, which takes the remediation text for granted: Art. 9(5)
 * is judged here on this advisory's newest text (adv_has_remediation), as
 * svc_advisory_publish judges it.
 */
static void
gate_outcomes(const struct adv_page *p, enum rule_outcome o[GATE_RULES],
    enum msg_id why[GATE_RULES])
{
	size_t	i, at = GATE_RULES;

	if (!p->gate.allow && p->gate.rule != NULL)
		for (i = 0; i < GATE_RULES; i++)
			if (strcmp(gate_rules[i].rule, p->gate.rule) == 0)
				at = i;
	for (i = 0; i < GATE_RULES; i++) {
		o[i] = p->gate.allow || i < at ? RO_PASS : i == at ? RO_REFUSE : RO_UNCHECKED;
		why[i] = i == at ? p->gate.msg : MSG_OK;
	}
	o[GATE_9_5] = adv_has_remediation(&p->newest) ? RO_PASS : RO_REFUSE;
	why[GATE_9_5] = o[GATE_9_5] == RO_REFUSE ? MSG_POLICY_9_5 : MSG_OK;
}

/* The window that holds a publication, and when it ends: "… until 2026-…". */
static void
window_line(struct req *rq, const struct policy_window *w, int64_t until)
{
	char	t[40];

	time_format_cst(until, false, t, sizeof(t));
	tmpl_raw(rq, "<p class=\"window\">");	/* literal */
	tmpl_text(rq, layout_msgf(rq, MSG_WEB_ADV_WINDOW_HOLDS, w->name, t));
	tmpl_raw(rq, "</p>");	/* literal */
}

static void
gate_preview(struct req *rq, const struct adv_page *p)
{
	enum rule_outcome	o[GATE_RULES];
	enum msg_id		why[GATE_RULES];
	size_t			i, first = GATE_RULES;

	gate_outcomes(p, o, why);
	for (i = 0; i < GATE_RULES && first == GATE_RULES; i++)
		if (o[i] == RO_REFUSE)
			first = i;
	tmpl_raw(rq, "<div class=\"gate\" id=\"gate\">");	/* literal */
	layout_wrap(rq, "<h4>", MSG_WEB_ADV_GATE, "</h4>\n");
	if (first == GATE_RULES && p->gate.allow)
		layout_flash_msg(rq, FLASH_OK, MSG_WEB_ADV_GATE_ALLOWS);
	else {
		tmpl_raw(rq, "<div class=\"flash flash-warn\" role=\"status\"><p>");	/* literal */
		tmpl_msg(rq, MSG_WEB_ADV_GATE_REFUSES);
		tmpl_raw(rq, "</p>");	/* literal */
		/* The rule's sentence is in its row below. */
		if (first < GATE_RULES) {
			tmpl_raw(rq, "<p class=\"rule\">");	/* literal */
			tmpl_msg(rq, MSG_WEB_RULE);
			tmpl_msg(rq, MSG_WEB_LABEL_SEP);
			tmpl_raw(rq, "<code>");	/* literal */
			tmpl_text(rq, gate_rules[first].rule);
			tmpl_raw(rq, "</code></p>");	/* literal */
		}
		tmpl_raw(rq, "</div>\n");	/* literal */
	}
	tmpl_raw(rq, "<div class=\"table-wrap\"><table class=\"data gate-rules\"><thead><tr>");	/* literal */
	layout_th(rq, MSG_WEB_RULE);
	layout_th(rq, MSG_WEB_ADV_GATE_ASKS);
	layout_th(rq, MSG_WEB_ADV_GATE_OUTCOME);
	tmpl_raw(rq, "</tr></thead><tbody>\n");	/* literal */
	for (i = 0; i < GATE_RULES; i++) {
		tmpl_raw(rq, "<tr><td class=\"nowrap\"><code>");	/* literal */
		tmpl_text(rq, gate_rules[i].rule);
		tmpl_raw(rq, "</code></td><td>");	/* literal */
		tmpl_msg(rq, gate_rules[i].what);
		tmpl_raw(rq, "</td><td>");	/* literal */
		switch (o[i]) {
		case RO_PASS:
			layout_wrap(rq, "<span class=\"badge badge-on gate-pass\">",
			    MSG_WEB_ADV_GATE_PASS, "</span>");
			break;
		case RO_REFUSE:
			layout_wrap(rq, "<span class=\"badge badge-warn gate-refuse\">",
			    MSG_WEB_ADV_GATE_REFUSE, "</span><p>");
			tmpl_msg(rq, why[i]);
			tmpl_raw(rq, "</p>");	/* literal */
			if (i == GATE_9_6 && p->gate.window != NULL)
				window_line(rq, p->gate.window, p->gate.retry_at);
			break;
		case RO_UNCHECKED:
			layout_wrap(rq, "<span class=\"badge badge-off gate-unchecked\">",
			    MSG_WEB_ADV_GATE_UNCHECKED, "</span>");
			break;
		}
		tmpl_raw(rq, "</td></tr>\n");	/* literal */
	}
	tmpl_raw(rq, "</tbody></table></div>\n");	/* literal */
	layout_wrap(rq, "<p class=\"hint\">", MSG_WEB_ADV_GATE_HINT, "</p>\n</div>\n");
}

static void
submit_form(struct req *rq, const struct adv_page *p)
{
	layout_wrap(rq, "<h3 id=\"submit\">", MSG_WEB_ADV_SUBMIT_H, "</h3>\n");
	layout_wrap(rq, "<p class=\"hint\">", MSG_WEB_ADV_SUBMIT_HINT, "</p>\n");
	if (failed_is(p, AFORM_SUBMIT))
		layout_form_errors(rq);
	aw_button_form(rq, arena_printf(rq->arena, "/staff/advisories/%s/submit", p->v.row.id),
	    "primary", MSG_WEB_ADV_SUBMIT);
	tmpl_raw(rq, "\n");	/* literal */
}

static void
review_form(struct req *rq, const struct adv_page *p)
{
	bool			 again = failed_is(p, AFORM_REVIEW);
	struct layout_control	 c_dec = { "decision", "f-review-decision",
				    MSG_WEB_ADV_F_DECISION, NULL, MSG_OK, NULL,
				    aw_problem(rq, again, "decision"), false, false };
	struct layout_control	 c_note = { "note", "f-review-note", MSG_WEB_ADV_F_NOTE, NULL,
				    MSG_WEB_ADV_F_NOTE_HINT, NULL, aw_problem(rq, again, "note"),
				    true, false };
	const char		*dec = again && p->t->decision != NULL ? p->t->decision :
				    "approve";

	layout_wrap(rq, "<h3 id=\"review\">", MSG_WEB_ADV_REVIEW_H, "</h3>\n");
	tmpl_raw(rq, "<p class=\"hint\">");	/* literal */
	if (p->nv != NULL)
		tmpl_text(rq, layout_msgf(rq, MSG_WEB_ADV_REVIEW_WHO, p->nv->version,
		    p->nv->created_by_login[0] != '\0' ? p->nv->created_by_login :
		    req_msg(rq, MSG_WEB_CASE_SYSTEM)));
	if (rq->cfg->adv_require_review) {
		tmpl_raw(rq, " ");	/* literal */
		tmpl_msg(rq, MSG_WEB_ADV_REVIEW_OTHER);
	}
	tmpl_raw(rq, "</p>\n");	/* literal */
	if (again)
		layout_form_errors(rq);
	aw_form_open(rq, "stack narrow", arena_printf(rq->arena, "/staff/advisories/%s/review",
	    p->v.row.id));
	cw_select_open(rq, &c_dec);
	cw_option(rq, "approve", req_msg(rq, MSG_WEB_ADV_DECISION_APPROVE), dec);
	cw_option(rq, "changes", req_msg(rq, MSG_WEB_ADV_DECISION_CHANGES), dec);
	tmpl_raw(rq, "</select></div>\n");	/* literal */
	layout_textarea(rq, &c_note, again ? p->t->note : "", NOTE_ROWS, 0, false);
	layout_submit(rq, MSG_WEB_ADV_REVIEW_SUBMIT);
	tmpl_raw(rq, "</form>\n");	/* literal */
}

static void
publish_form(struct req *rq, const struct adv_page *p)
{
	bool			 again = failed_is(p, AFORM_PUBLISH);
	bool			 update = strcmp(p->v.row.state, "published") == 0;
	struct layout_control	 c_at = { "at", "f-publish-at", MSG_WEB_ADV_F_AT, NULL,
				    MSG_WEB_ADV_F_AT_HINT, NULL, aw_problem(rq, again, "at"), true,
				    false };

	layout_wrap(rq, "<h3 id=\"publish\">", update ? MSG_WEB_ADV_PUBLISH_UPDATE_H :
	    MSG_WEB_ADV_PUBLISH_H, "</h3>\n");
	gate_preview(rq, p);
	if (again) {
		layout_form_errors(rq);
		/* Art. 9(6): which window holds it, and until when. */
		if (p->t->d.window != NULL)
			window_line(rq, p->t->d.window, p->t->d.retry_at);
	}
	aw_form_open(rq, "stack narrow", arena_printf(rq->arena, "/staff/advisories/%s/publish",
	    p->v.row.id));
	/* An update of a published advisory goes out at once (svc refuses a time). */
	if (!update)
		layout_text_input(rq, &c_at, "datetime-local",
		    again && p->t->at != NULL ? p->t->at :
		    p->v.row.publish_at > 0 ? input_time(rq, p->v.row.publish_at) : "",
		    AW_TIME_MAX, false);
	layout_submit(rq, MSG_WEB_ADV_PUBLISH_SUBMIT);
	tmpl_raw(rq, "</form>\n");	/* literal */
}

static void
withdraw_form(struct req *rq, const struct adv_page *p)
{
	bool			 again = failed_is(p, AFORM_WITHDRAW);
	struct layout_control	 c = { "reason", "f-withdraw-reason", MSG_WEB_ADV_F_REASON,
				    NULL, MSG_WEB_ADV_F_REASON_HINT, NULL,
				    aw_problem(rq, again, "reason"), false, false };

	layout_wrap(rq, "<h3 id=\"withdraw\">", MSG_WEB_ADV_WITHDRAW_H, "</h3>\n");
	if (again)
		layout_form_errors(rq);
	aw_form_open(rq, "stack narrow", arena_printf(rq->arena, "/staff/advisories/%s/withdraw",
	    p->v.row.id));
	layout_textarea(rq, &c, again ? p->t->reason : "", NOTE_ROWS, 0, false);
	tmpl_raw(rq, "<div class=\"actions\"><button type=\"submit\" class=\"danger\">");	/* literal */
	tmpl_msg(rq, MSG_WEB_ADV_WITHDRAW_SUBMIT);
	tmpl_raw(rq, "</button></div></form>\n");	/* literal */
}

static void
workflow_section(struct req *rq, const struct adv_page *p)
{
	tmpl_raw(rq, "<section class=\"detail\" id=\"workflow\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_ADV_WORKFLOW, "</h2>\n");
	if (p->can_submit)
		submit_form(rq, p);
	if (p->can_review)
		review_form(rq, p);
	if (p->can_publish)
		publish_form(rq, p);
	else if (strcmp(p->v.row.state, "withdrawn") != 0 && rq->cfg->adv_require_review &&
	    (strcmp(p->v.row.state, "draft") == 0 || strcmp(p->v.row.state, "in_review") == 0))
		layout_wrap(rq, "<p class=\"muted\">", MSG_WEB_ADV_PUBLISH_AFTER_REVIEW, "</p>\n");
	if (p->can_withdraw)
		withdraw_form(rq, p);
	if (strcmp(p->v.row.state, "withdrawn") == 0)
		layout_wrap(rq, "<p class=\"muted\">", MSG_ERR_ADV_WITHDRAWN, "</p>\n");
	tmpl_raw(rq, "</section>\n");	/* literal */
}

/*
 * The editor of advisory id, answered with status (422 and the like: the
 * form `failed` comes back with what was typed, t).  A failure to load
 * becomes the error page.
 */
static enum app_err
adv_page(struct req *rq, int status, const char *id, const struct adv_query *q,
    enum adv_form failed, const struct adv_typed *t)
{
	struct adv_page	*p = ARENA_NEW(rq->arena, struct adv_page);
	enum app_err	 er;

	p->failed = failed;
	p->t = t;
	p->done = q->done;
	/* A failed form's refusal stays the request's error: loading sets none on success. */
	if ((er = adv_load(rq, id, q, p)) != APP_OK)
		return er;

	resp_html(rq, status);
	layout_begin(rq, MSG_WEB_ADV_EDITOR_TITLE);
	tmpl_raw(rq, "<p class=\"report-head\"><code>");	/* literal */
	tmpl_text(rq, p->v.row.id);
	tmpl_raw(rq, "</code> ");	/* literal */
	state_badge(rq, p->v.row.state);
	tmpl_raw(rq, "</p>\n<h1>");	/* literal */
	tmpl_text(rq, p->newest.title);
	tmpl_raw(rq, "</h1>\n");	/* literal */
	aw_done_flash(rq, p->done);
	if (p->old) {
		tmpl_raw(rq, "<div class=\"flash flash-info\" role=\"status\"><p>");	/* literal */
		tmpl_text(rq, layout_msgf(rq, MSG_WEB_ADV_OLD_VERSION, p->v.doc.version,
		    p->v.row.version));
		tmpl_raw(rq, " ");	/* literal */
		layout_link(rq, arena_printf(rq->arena, "/staff/advisories/%s", p->v.row.id),
		    MSG_WEB_ADV_OLD_VERSION_LINK);
		tmpl_raw(rq, "</p></div>\n");	/* literal */
	}
	/* A refusal whose form is not on the page (the advisory moved on) shows here. */
	if (failed != AFORM_NONE && !form_shown(p, failed))
		layout_form_errors(rq);
	adv_meta(rq, p);
	tmpl_raw(rq, "<p class=\"links-inline\">");	/* literal */
	layout_link(rq, "/staff/advisories", MSG_WEB_ADV_QUEUE_TITLE);
	if (case_id_valid(p->v.row.case_id)) {
		layout_link(rq, arena_printf(rq->arena, "/cases/%s", p->v.row.case_id),
		    MSG_WEB_ADV_TO_CASE);
		layout_link(rq, arena_printf(rq->arena, "/staff/cases/%s/disclosure",
		    p->v.row.case_id), MSG_WEB_ADV_CASE_RECORDS);
	}
	if (p->v.public_version > 0)
		layout_link(rq, arena_printf(rq->arena, "/advisories/%s", p->v.row.id),
		    MSG_WEB_ADV_PUBLIC_PAGE);
	tmpl_raw(rq, "</p>\n");	/* literal */
	workflow_section(rq, p);
	record_section(rq, p);
	if (p->can_edit)
		edit_section(rq, p);
	versions_section(rq, p);
	layout_end(rq);
	return APP_OK;
}

static enum app_err
adv_get(struct req *rq)
{
	const char		*id = adv_id(req_param(rq, AVIEW_ID));
	struct adv_query	 q = {
		.version = (int)req_param(rq, AVIEW_VERSION)->i,
		.from = (int)req_param(rq, AVIEW_FROM)->i,
		.to = (int)req_param(rq, AVIEW_TO)->i,
		.done = web_pstr(req_param(rq, AVIEW_DONE)),
	};

	if (id == NULL)
		return no_such_advisory(rq);
	return adv_page(rq, 200, id, &q, AFORM_NONE, NULL);
}

/* Back to the editor, saying what was done, at the section it concerns. */
static enum app_err
adv_done(struct req *rq, const char *id, const char *done, const char *anchor)
{
	/* adv_id_valid: PREFIX-YYYY-digits, safe in a URL as it is. */
	return resp_redirect(rq, arena_printf(rq->arena, "/staff/advisories/%s?done=%s#%s", id,
	    done, anchor));
}

/* A refused form: the editor again with the refusal beside the form, or the error page. */
static enum app_err
adv_refused(struct req *rq, enum app_err er, struct fault *f, const char *id,
    enum adv_form form, const struct adv_typed *t)
{
	struct adv_query	q = { .done = "" };
	enum app_err		rer;
	int			status;

	er = web_fault(rq, er, f);
	status = refusal_status(rq, er, f);
	/* An advisory that is not there: the error page, never a form. */
	if (er == APP_NOTFOUND && f->field != NULL && strcmp(f->field, "id") == 0)
		status = 0;
	if (status != 0 && (rer = adv_page(rq, status, id, &q, form, t)) != APP_OK)
		er = rer;
	return er;
}

/* The lines of a list typed one item a line (blank lines dropped), at most max. */
static size_t
split_lines(struct req *rq, const char *text, size_t max, const char ***out)
{
	struct str	 rest = str_from(text), line;
	const char	**v = arena_calloc(rq->arena, max + 1, sizeof(*v));
	size_t		 n = 0;

	while (rest.n > 0 && n < max) {
		line = str_split(&rest, '\n');
		while (line.n > 0 && line.p[line.n - 1] == '\r')
			line.n--;
		line = str_trim(line);
		if (line.n > 0)
			v[n++] = arena_strndup(rq->arena, line.p, line.n);
	}
	*out = v;
	return n;
}

/* A line as its first word and the rest ("" when there is none). */
static void
split_word(struct req *rq, const char *line, const char **first, const char **rest)
{
	size_t		n = strcspn(line, " \t");
	struct str	r = str_trim(str_from(line + n));

	*first = arena_strndup(rq->arena, line, n);
	*rest = arena_strndup(rq->arena, r.p, r.n);
}

/*
 * A list typed one item a line into d.  One item more than allowed is
 * kept, for adv_check to refuse the list as too long.
 */
static void
apply_list(struct req *rq, struct adv_doc *d, enum edit_field ef, const char *text)
{
	const char	**lines, *a, *b;
	size_t		  n = split_lines(rq, text, ADV_LIST_MAX + 1, &lines), i;

	switch (ef) {
	case EF_CVSS:
		d->cvss = arena_calloc(rq->arena, n + 1, sizeof(*d->cvss));
		for (i = 0; i < n; i++)
			d->cvss[i] = (struct adv_cvss){ lines[i], 0, "" };	/* svc scores it */
		d->ncvss = n;
		break;
	case EF_CWES:
		d->cwes = arena_calloc(rq->arena, n + 1, sizeof(*d->cwes));
		for (i = 0; i < n; i++) {
			split_word(rq, lines[i], &a, &b);
			d->cwes[i] = (struct adv_cwe){ a, b };
		}
		d->ncwes = n;
		break;
	case EF_IDS:
		d->ids = arena_calloc(rq->arena, n + 1, sizeof(*d->ids));
		for (i = 0; i < n; i++) {
			enum xid_scheme	kind;
			char		scheme[XID_SCHEME_MAX];

			/* "CVE-2026-1" says its scheme; "NAME value" names another. */
			split_word(rq, lines[i], &a, &b);
			if (b[0] != '\0')
				d->ids[i] = (struct adv_id){ a, b };
			else if (xid_check(NULL, a, &kind, scheme) == XID_OK)
				d->ids[i] = (struct adv_id){ arena_strdup(rq->arena, scheme), a };
			else
				d->ids[i] = (struct adv_id){ "", a };	/* adv_check refuses it */
		}
		d->nids = n;
		break;
	case EF_REFS:
		d->refs = arena_calloc(rq->arena, n + 1, sizeof(*d->refs));
		for (i = 0; i < n; i++) {
			split_word(rq, lines[i], &a, &b);
			d->refs[i] = (struct adv_ref){ a, b };
		}
		d->nrefs = n;
		break;
	default:
		break;
	}
}

/* What the form sent over the newest record; items not sent stay as they are. */
static void
apply_edit(struct req *rq, struct adv_doc *d, const struct adv_typed *t)
{
	int	ef;

	for (ef = 0; ef < EF__MAX; ef++) {
		const char	*s = t->ef[ef];

		if (s == NULL)
			continue;
		switch ((enum edit_field)ef) {
		case EF_TITLE:
			d->title = s;
			break;
		case EF_LANG:
			d->lang = s;
			break;
		case EF_SUMMARY:
			d->summary = s;
			break;
		case EF_DISCOVERER:
			/* No name: no credit, as when the reporter asked for none. */
			d->discoverer = s;
			d->discoverer_anonymous = aw_blank(s);
			break;
		case EF_VERIFIER:
			d->verifier = s;
			break;
		case EF_GRADE:
			d->grade = s;
			break;
		case EF_EXISTENCE:
			d->existence = s;
			break;
		case EF_DETECTION:
			d->detection = s;
			break;
		case EF_SOLUTION:
			d->solution = s;
			break;
		case EF_MITIGATION:
			d->mitigation = s;
			break;
		case EF_OTHER:
			d->other = s;
			break;
		case EF_CVSS:
		case EF_CWES:
		case EF_IDS:
		case EF_REFS:
			apply_list(rq, d, (enum edit_field)ef, s);
			break;
		case EF__MAX:
			break;
		}
	}
}

static enum app_err
edit_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct adv_typed	*t = ARENA_NEW(rq->arena, struct adv_typed);
	struct advisory_view	 cur, out;
	struct adv_doc		 d;
	const char		*id = adv_id(req_param(rq, EDIT_ID));
	int			 ef;
	enum app_err		 er;

	if (id == NULL)
		return no_such_advisory(rq);
	for (ef = 0; ef < EF__MAX; ef++) {
		/* The table above is in edit_fields[] order. */
		assert(strcmp(edit_params[EDIT_F0 + ef].name, edit_fields[ef].key) == 0);
		/* An item the form did not carry is kept; one sent empty is emptied. */
		t->ef[ef] = form_get(rq->form, rq->nform, edit_fields[ef].key) != NULL ?
		    web_pstr(req_param(rq, EDIT_F0 + ef)) : NULL;
	}
	t->changes = web_pstr(req_param(rq, EDIT_CHANGES));
	if ((er = svc_advisory_get(&c, id, 0, &cur, &f)) != APP_OK)
		return adv_refused(rq, er, &f, id, AFORM_EDIT, t);
	d = cur.doc;
	apply_edit(rq, &d, t);
	if ((er = svc_advisory_edit(&c, id, &d, t->changes, &out, &f)) == APP_OK)
		return adv_done(rq, id, "saved", "versions");
	return adv_refused(rq, er, &f, id, AFORM_EDIT, t);
}

static enum app_err
submit_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct adv_typed	*t = ARENA_NEW(rq->arena, struct adv_typed);
	const char		*id = adv_id(req_param(rq, ASUBMIT_ID));
	enum app_err		 er;

	if (id == NULL)
		return no_such_advisory(rq);
	if ((er = svc_advisory_submit(&c, id, &f)) == APP_OK)
		return adv_done(rq, id, "submitted", "workflow");
	return adv_refused(rq, er, &f, id, AFORM_SUBMIT, t);
}

static enum app_err
review_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct adv_typed	*t = ARENA_NEW(rq->arena, struct adv_typed);
	const char		*id = adv_id(req_param(rq, AREVIEW_ID));
	enum app_err		 er;

	if (id == NULL)
		return no_such_advisory(rq);
	t->decision = web_pstr(req_param(rq, AREVIEW_DECISION));
	t->note = web_pstr(req_param(rq, AREVIEW_NOTE));
	if ((er = svc_advisory_review(&c, id, t->decision, t->note, &f)) == APP_OK)
		return adv_done(rq, id, strcmp(t->decision, "approve") == 0 ? "approved" :
		    "changes", "workflow");
	return adv_refused(rq, er, &f, id, AFORM_REVIEW, t);
}

static enum app_err
publish_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct adv_typed	*t = ARENA_NEW(rq->arena, struct adv_typed);
	struct advisory_view	 out;
	const char		*id = adv_id(req_param(rq, APUB_ID));
	int64_t			 at = 0;
	enum app_err		 er;

	if (id == NULL)
		return no_such_advisory(rq);
	t->at = web_pstr(req_param(rq, APUB_AT));
	if (!aw_blank(t->at) && aw_form_time(aw_trimmed(rq, t->at), &at) != 0) {
		er = fault_set(&f, APP_INVALID, "at", MSG_WEB_ADV_ERR_TIME, 0);
		return adv_refused(rq, er, &f, id, AFORM_PUBLISH, t);
	}
	if ((er = svc_advisory_publish(&c, id, at, &out, &t->d, &f)) == APP_OK)
		return adv_done(rq, id, strcmp(out.row.state, "scheduled") == 0 ? "scheduled" :
		    "published", "workflow");
	return adv_refused(rq, er, &f, id, AFORM_PUBLISH, t);
}

static enum app_err
withdraw_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct adv_typed	*t = ARENA_NEW(rq->arena, struct adv_typed);
	const char		*id = adv_id(req_param(rq, AWD_ID));
	enum app_err		 er;

	if (id == NULL)
		return no_such_advisory(rq);
	t->reason = web_pstr(req_param(rq, AWD_REASON));
	if ((er = svc_advisory_withdraw(&c, id, t->reason, &f)) == APP_OK)
		return adv_done(rq, id, "withdrawn", "workflow");
	return adv_refused(rq, er, &f, id, AFORM_WITHDRAW, t);
}

/* POST /staff/cases/{id}/advisory: the case page's button. */
static enum app_err
draft_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct case_typed	 t = { 0 };
	struct advisory_view	 out;
	const char		*id = cw_case_id(req_param(rq, ADRAFT_ID));
	int			 status;
	enum app_err		 er, rer;

	if (id == NULL)
		return aw_no_such_case(rq);
	if ((er = svc_advisory_draft(&c, id, &out, &f)) == APP_OK)
		return adv_done(rq, out.row.id, "drafted", "edit");
	er = web_fault(rq, er, &f);
	status = web_form_status(rq, er, &f);
	/* A case not there: not found, never a form. */
	if (er == APP_NOTFOUND && f.field != NULL && strcmp(f.field, "id") == 0)
		status = 0;
	t.ext_form = "advisory";
	if (status != 0 && (rer = case_page(rq, status, id, CFORM_EXT, &t)) != APP_OK)
		er = rer;
	return er;
}

const struct route advisory_web_routes[] = {
	{ HTTP_GET, "/staff/advisories", PERM_CASES_MANAGE, R_WEB, PARAMS(queue_params),
	    queue_get },
	{ HTTP_GET, "/staff/advisories/{id}", PERM_CASES_MANAGE, R_WEB,
	    PARAMS(adv_view_params), adv_get },
	{ HTTP_POST, "/staff/advisories/{id}", PERM_CASES_MANAGE, R_WEB | R_FORM,
	    PARAMS(edit_params), edit_post },
	{ HTTP_POST, "/staff/advisories/{id}/submit", PERM_CASES_MANAGE, R_WEB | R_FORM,
	    PARAMS(adv_submit_params), submit_post },
	{ HTTP_POST, "/staff/advisories/{id}/review", PERM_CASES_MANAGE, R_WEB | R_FORM,
	    PARAMS(adv_review_params), review_post },
	{ HTTP_POST, "/staff/advisories/{id}/publish", PERM_CASES_MANAGE, R_WEB | R_FORM,
	    PARAMS(adv_publish_params), publish_post },
	{ HTTP_POST, "/staff/advisories/{id}/withdraw", PERM_CASES_MANAGE, R_WEB | R_FORM,
	    PARAMS(adv_withdraw_params), withdraw_post },
	{ HTTP_POST, "/staff/cases/{id}/advisory", PERM_CASES_MANAGE, R_WEB | R_FORM,
	    PARAMS(adv_draft_params), draft_post },
};
const size_t	advisory_web_nroutes =
    sizeof(advisory_web_routes) / sizeof(advisory_web_routes[0]);
