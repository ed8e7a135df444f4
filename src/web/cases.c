/*
 * The case pages (issue 5): the list (staff see every case, a vendor
 * member the cases shared with their organisation, an observer those they
 * observe: svc_case_list decides), the actor's unseen notices above it,
 * and the handlers of the case page's forms.  Each form posts to its own
 * route, calls the one svc/ use case the API calls too, and answers with
 * a redirect back to the case (POST-redirect-GET), or with the case page
 * again (422) showing the refusal beside the form, with its rule.  The
 * page itself is drawn by case_views.c, the reporter's side by
 * case_progress.c.
 */
#include <string.h>

#include "core/arena.h"
#include "core/sbuf.h"
#include "domain/authz.h"
#include "svc/cases.h"
#include "svc/messages.h"
#include "svc/notices.h"
#include "svc/products.h"
#include "web/cases_int.h"
#include "web/layout.h"
#include "web/tmpl.h"
#include "web/web.h"
#include "web/web_int.h"

/* Unseen notices shown above the list. */
#define CASES_NOTICES_MAX	20

/* The form field message files come from. */
#define CW_FILES		"files"

/* GET /cases */
enum { CLIST_STATE, CLIST_BEFORE, CLIST__MAX };
static const struct param case_list_params[CLIST__MAX] = {
	[CLIST_STATE] = { "state", PARAM_TEXT, .max = CW_CHOICE_MAX },	/* a state name */
	[CLIST_BEFORE] = { "before", PARAM_I64, .min = 1,
	    .max = INT64_MAX },					/* cursor: a row id */
};

const struct param case_view_params[CVIEW__MAX] = {
	[CVIEW_ID] = { "id", PARAM_TEXT, .max = CW_ID_MAX, .required = true },	/* case_id_valid */
	[CVIEW_DONE] = { "done", PARAM_TEXT, .max = CW_CHOICE_MAX },	/* what was just done */
	[CVIEW_PRODUCT_Q] = { "product_q", PARAM_TEXT, .max = CW_QUERY_MAX },	/* picker search */
};

/* POST /cases/{id}/transition */
enum { CMOVE_ID, CMOVE_TO, CMOVE_REASON, CMOVE__MAX };
static const struct param case_move_params[CMOVE__MAX] = {
	[CMOVE_ID] = { "id", PARAM_TEXT, .max = CW_ID_MAX, .required = true },	/* case_id_valid */
	[CMOVE_TO] = { "to", PARAM_TEXT, .max = CW_CHOICE_MAX },	/* svc names a bad one */
	[CMOVE_REASON] = { "reason", PARAM_MULTILINE, .max = CW_TEXT_MAX },	/* R34.reason */
};

/* POST /cases/{id}/vendors */
enum { CVADD_ID, CVADD_ORG, CVADD_ROLE, CVADD__MAX };
static const struct param case_vendor_add_params[CVADD__MAX] = {
	[CVADD_ID] = { "id", PARAM_TEXT, .max = CW_ID_MAX, .required = true },	/* case_id_valid */
	[CVADD_ORG] = { "org", PARAM_TEXT, .max = CW_SLUG_MAX },	/* an org slug */
	[CVADD_ROLE] = { "role", PARAM_TEXT, .max = CW_CHOICE_MAX },	/* vendor, upstream, downstream */
};

/* POST /cases/{id}/vendors/{org}/notify and .../approve */
enum { CVONE_ID, CVONE_ORG, CVONE__MAX };
static const struct param case_vendor_one_params[CVONE__MAX] = {
	[CVONE_ID] = { "id", PARAM_TEXT, .max = CW_ID_MAX, .required = true },	/* case_id_valid */
	[CVONE_ORG] = { "org", PARAM_TEXT, .max = CW_SLUG_MAX, .required = true },	/* slug */
};

/* POST /cases/{id}/vendors/{org}/status */
enum { CVST_ID, CVST_ORG, CVST_STATUS, CVST_JUSTIFICATION, CVST_FIXED, CVST_STATEMENT,
	CVST__MAX };
static const struct param case_vendor_status_params[CVST__MAX] = {
	[CVST_ID] = { "id", PARAM_TEXT, .max = CW_ID_MAX, .required = true },	/* case_id_valid */
	[CVST_ORG] = { "org", PARAM_TEXT, .max = CW_SLUG_MAX, .required = true },	/* slug */
	[CVST_STATUS] = { "status", PARAM_TEXT, .max = CW_CHOICE_MAX },	/* vendor_status */
	[CVST_JUSTIFICATION] = { "justification", PARAM_TEXT,
	    .max = CW_CHOICE_MAX },				/* VEX, for not_affected */
	[CVST_FIXED] = { "fixed_version", PARAM_MULTILINE, .max = CW_TEXT_MAX },	/* free text */
	[CVST_STATEMENT] = { "statement", PARAM_MULTILINE, .max = CW_TEXT_MAX },	/* plain text */
};

/* POST /cases/{id}/products */
enum { CPADD_ID, CPADD_PRODUCT, CPADD_VERSIONS, CPADD_UPSTREAM, CPADD__MAX };
static const struct param case_product_add_params[CPADD__MAX] = {
	[CPADD_ID] = { "id", PARAM_TEXT, .max = CW_ID_MAX, .required = true },	/* case_id_valid */
	[CPADD_PRODUCT] = { "product", PARAM_I64, .min = 1,
	    .max = INT64_MAX },					/* a product id; svc finds it */
	[CPADD_VERSIONS] = { "versions", PARAM_TEXT, .max = CW_VERSIONS_MAX },	/* free text */
	[CPADD_UPSTREAM] = { "upstream", PARAM_BOOL },		/* checkbox: flaw in it */
};

/* POST /cases/{id}/participants */
enum { CPART_ID, CPART_LOGIN, CPART_ROLE, CPART__MAX };
static const struct param case_participant_add_params[CPART__MAX] = {
	[CPART_ID] = { "id", PARAM_TEXT, .max = CW_ID_MAX, .required = true },	/* case_id_valid */
	[CPART_LOGIN] = { "login", PARAM_TEXT, .max = CW_LOGIN_MAX },	/* svc finds the account */
	[CPART_ROLE] = { "role", PARAM_TEXT, .max = CW_CHOICE_MAX },	/* coordinator, observer */
};

/* POST /cases/{id}/participants/{login}/remove */
enum { CPREM_ID, CPREM_LOGIN, CPREM__MAX };
static const struct param case_participant_remove_params[CPREM__MAX] = {
	[CPREM_ID] = { "id", PARAM_TEXT, .max = CW_ID_MAX, .required = true },	/* case_id_valid */
	[CPREM_LOGIN] = { "login", PARAM_TEXT, .max = CW_LOGIN_MAX,
	    .required = true },					/* svc finds the participant */
};

/* POST /cases/{id}/messages (multipart: files) */
enum { CMSG_ID, CMSG_BODY, CMSG_VISIBILITY, CMSG__MAX };
static const struct param case_message_params[CMSG__MAX] = {
	[CMSG_ID] = { "id", PARAM_TEXT, .max = CW_ID_MAX, .required = true },	/* case_id_valid */
	[CMSG_BODY] = { "body", PARAM_MULTILINE, .max = CW_BODY_MAX },	/* Markdown */
	[CMSG_VISIBILITY] = { "visibility", PARAM_TEXT, .max = CW_CHOICE_MAX },	/* svc decides */
};

/* GET /cases/{id}/messages/{mid}/attachments/{aid} */
enum { CATT_ID, CATT_MID, CATT_AID, CATT__MAX };
static const struct param case_attachment_params[CATT__MAX] = {
	[CATT_ID] = { "id", PARAM_TEXT, .max = CW_ID_MAX, .required = true },	/* case_id_valid */
	[CATT_MID] = { "mid", PARAM_I64, .min = 1, .max = INT64_MAX,
	    .required = true },					/* a message */
	[CATT_AID] = { "aid", PARAM_I64, .min = 1, .max = INT64_MAX,
	    .required = true },					/* its attachment */
};

/* POST /notices/{id}/seen */
enum { NSEEN_ID, NSEEN__MAX };
static const struct param notice_seen_params[NSEEN__MAX] = {
	[NSEEN_ID] = { "id", PARAM_I64, .min = 1, .max = INT64_MAX, .required = true },	/* notice */
};

const char *
cw_case_id(const struct param_val *v)
{
	return v->present && case_id_valid(v->s.p) ? v->s.p : NULL;
}

int
cw_files(struct req *rq, const char *name, const struct attachment_in **out)
{
	struct attachment_in	*files;
	int			 i, n = 0;

	files = arena_calloc(rq->arena, (size_t)rq->nfiles + 1, sizeof(*files));
	for (i = 0; i < rq->nfiles; i++) {
		/* A file input left empty sends a part without a name or bytes. */
		if (!str_eq(rq->files[i].name, name) ||
		    (rq->files[i].filename.n == 0 && rq->files[i].data.n == 0))
			continue;
		files[n].filename = arena_strndup(rq->arena, rq->files[i].filename.p,
		    rq->files[i].filename.n);
		files[n].data = rq->files[i].data.p;
		files[n].size = rq->files[i].data.n;
		n++;
	}
	*out = files;
	return n;
}

/* The list's URL with its filter (and a cursor when before > 0). */
static const char *
list_url(struct req *rq, const char *state, int64_t before)
{
	struct sbuf	url;
	char		sep = '?';

	sbuf_init(&url, rq->arena, 0);
	sbuf_addstr(&url, "/cases");
	if (state[0] != '\0') {
		sbuf_addstr(&url, "?state=");
		sbuf_add_urlenc(&url, state, strlen(state));
		sep = '&';
	}
	if (before > 0)
		sbuf_addf(&url, "%cbefore=%lld", sep, (long long)before);
	return url.buf;
}

static void
state_filter(struct req *rq, const char *cur)
{
	const char	*name;
	int		 i;

	tmpl_raw(rq, "<form class=\"filters\" method=\"get\" action=\"/cases\" "
	    "role=\"search\" aria-label=\"");	/* literal */
	tmpl_msg(rq, MSG_WEB_CASES_FILTER_LABEL);
	tmpl_raw(rq, "\"><div class=\"field\"><label for=\"q-state\">");	/* literal */
	tmpl_msg(rq, MSG_WEB_CASE_STATE);
	tmpl_raw(rq, "</label><select id=\"q-state\" name=\"state\">"
	    "<option value=\"\">");	/* literal */
	tmpl_msg(rq, MSG_WEB_REPORTS_ALL);
	tmpl_raw(rq, "</option>");	/* literal */
	for (i = 0; i < CSTATE__MAX; i++) {
		name = case_state_name((enum case_state)i);
		tmpl_raw(rq, "<option");	/* literal */
		tmpl_attr(rq, "value", name);
		if (strcmp(cur, name) == 0)
			tmpl_raw(rq, " selected");	/* literal */
		tmpl_raw(rq, ">");	/* literal */
		tmpl_msg(rq, cw_state_msg((enum case_state)i));
		tmpl_raw(rq, "</option>");	/* literal */
	}
	tmpl_raw(rq, "</select></div><div class=\"field\"><button type=\"submit\" "
	    "class=\"primary\">");	/* literal */
	tmpl_msg(rq, MSG_WEB_REPORTS_FILTER);
	tmpl_raw(rq, "</button></div>");	/* literal */
	if (cur[0] != '\0') {
		tmpl_raw(rq, "<div class=\"field\">");	/* literal */
		layout_link(rq, "/cases", MSG_WEB_REPORTS_CLEAR);
		tmpl_raw(rq, "</div>");	/* literal */
	}
	tmpl_raw(rq, "</form>\n");	/* literal */
}

static void
case_row(struct req *rq, const struct case_row *k)
{
	tmpl_raw(rq, "<tr><td><a");	/* literal */
	tmpl_href(rq, arena_printf(rq->arena, "/cases/%s", k->id));
	tmpl_raw(rq, "><code>");	/* literal */
	tmpl_text(rq, k->id);
	tmpl_raw(rq, "</code></a></td><td>");	/* literal */
	tmpl_text(rq, k->title);
	tmpl_raw(rq, "</td><td>");	/* literal */
	tmpl_msg(rq, cw_kind_msg(k->kind));
	tmpl_raw(rq, "</td><td>");	/* literal */
	cw_state_badge(rq, k->state);
	if (k->vendor_unresponsive)
		layout_wrap(rq, " <span class=\"badge flag-unresponsive\">",
		    MSG_WEB_CASE_UNRESPONSIVE_BADGE, "</span>");
	tmpl_raw(rq, "</td><td class=\"nowrap\">");	/* literal */
	tmpl_time(rq, k->updated_at);
	tmpl_raw(rq, "</td></tr>\n");	/* literal */
}

/* A row id in a notice's subject: 1 to 18 digits. */
static bool
digits_only(const char *s)
{
	size_t	n;

	for (n = 0; s[n] != '\0'; n++)
		if (s[n] < '0' || s[n] > '9' || n >= 18)
			return false;
	return n > 0;
}

/* What a notice is about: a link to the case or report its subject names. */
static const char *
notice_href(struct req *rq, const char *subject)
{
	if (strncmp(subject, "case:", 5) == 0 && case_id_valid(subject + 5))
		return arena_printf(rq->arena, "/cases/%s", subject + 5);
	if (strncmp(subject, "report:", 7) == 0 && report_id_valid(str_from(subject + 7)))
		return arena_printf(rq->arena, "/reports/%s", subject + 7);
	/* A registry's warnings, disputes and support units: their pages check who reads. */
	if (strncmp(subject, "warning:", 8) == 0 && report_id_valid(str_from(subject + 8)))
		return arena_printf(rq->arena, "/warnings/%s", subject + 8);
	if (strncmp(subject, "dispute:", 8) == 0 && report_id_valid(str_from(subject + 8)))
		return arena_printf(rq->arena, "/disputes/%s", subject + 8);
	if (strncmp(subject, "support-unit-application:", 25) == 0 &&
	    report_id_valid(str_from(subject + 25)))
		return arena_printf(rq->arena, "/support-units/applications/%s", subject + 25);
	if (strncmp(subject, "support-unit:", 13) == 0 && digits_only(subject + 13))
		return arena_printf(rq->arena, "/support-units/%s", subject + 13);
	if (strncmp(subject, "support-unit-task:", 18) == 0)
		return rq->user != NULL && authz_allows(rq->user->role, PERM_CASES_MANAGE) ?
		    "/staff/support-units" : "/support-units/mine";
	/* A registry's filings and complaints have pages for its staff only. */
	if (rq->user == NULL || !authz_allows(rq->user->role, PERM_CASES_MANAGE))
		return NULL;
	if (strncmp(subject, "filing:", 7) == 0 && report_id_valid(str_from(subject + 7)))
		return arena_printf(rq->arena, "/staff/filings/%s", subject + 7);
	if (strncmp(subject, "complaint:", 10) == 0 && report_id_valid(str_from(subject + 10)))
		return arena_printf(rq->arena, "/staff/complaints/%s", subject + 10);
	return NULL;
}

/* The actor's unseen notices, each with a form that marks it seen. */
static void
notices(struct req *rq, const struct notice_row *ns, size_t n)
{
	const char	*href;
	size_t		 i;

	if (n == 0)
		return;
	tmpl_raw(rq, "<section class=\"notices\" id=\"notices\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_NOTICES_HEADING, "</h2><ul class=\"notice-list\">");
	for (i = 0; i < n; i++) {
		tmpl_raw(rq, "<li class=\"notice\"><p class=\"notice-head\">"
		    "<span class=\"nowrap\">");	/* literal */
		tmpl_time(rq, ns[i].created_at);
		tmpl_raw(rq, "</span> ");	/* literal */
		if ((href = notice_href(rq, ns[i].subject)) != NULL) {
			tmpl_raw(rq, "<a");	/* literal */
			tmpl_href(rq, href);
			tmpl_raw(rq, "><code>");	/* literal */
			tmpl_text(rq, strchr(ns[i].subject, ':') + 1);
			tmpl_raw(rq, "</code></a>");	/* literal */
		} else {
			tmpl_raw(rq, "<code>");	/* literal */
			tmpl_text(rq, ns[i].subject);
			tmpl_raw(rq, "</code>");	/* literal */
		}
		tmpl_raw(rq, "</p><p class=\"pre-line\">");	/* literal */
		tmpl_text(rq, ns[i].text);
		tmpl_raw(rq, "</p><form class=\"inline\" method=\"post\"");	/* literal */
		tmpl_attr(rq, "action", arena_printf(rq->arena, "/notices/%lld/seen",
		    (long long)ns[i].id));
		tmpl_raw(rq, ">");	/* literal */
		tmpl_csrf(rq);
		tmpl_raw(rq, "<button type=\"submit\">");	/* literal */
		tmpl_msg(rq, MSG_WEB_NOTICE_SEEN);
		tmpl_raw(rq, "</button></form></li>\n");	/* literal */
	}
	tmpl_raw(rq, "</ul></section>\n");	/* literal */
}

static enum app_err
cases_list_get(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct case_row		*ks = NULL;
	struct notice_row		*ns = NULL;
	const char		*state = web_pstr(req_param(rq, CLIST_STATE));
	const struct param_val	*before = req_param(rq, CLIST_BEFORE);
	bool			 vendor = rq->user->role == UROLE_VENDOR;
	enum msg_id		 title = vendor ? MSG_WEB_CASES_INBOX : MSG_WEB_CASES_TITLE;
	size_t			 n = 0, nn = 0, i;
	int64_t			 cursor = before->present ? before->i : 0, next = 0;
	enum app_err		 er;

	if (state[0] != '\0' && case_state_parse(state) < 0) {
		er = req_fail(rq, APP_INVALID, "state", MSG_ERR_FIELD_CHOICE);
		goto out;
	}
	/* One row more than shown tells whether there is a next page. */
	if ((er = svc_case_list(&c, state[0] != '\0' ? state : NULL, cursor,
	    CASES_PAGE_ROWS + 1, &ks, &n, &f)) != APP_OK ||
	    (er = svc_notice_list(&c, true, 0, CASES_NOTICES_MAX, &ns, &nn, &f)) != APP_OK) {
		er = web_fault(rq, er, &f);
		goto out;
	}
	if (n > CASES_PAGE_ROWS) {
		n = CASES_PAGE_ROWS;
		next = ks[n - 1].rowid;
	}

	resp_html(rq, 200);
	layout_begin(rq, title);
	layout_wrap(rq, "<h1>", title, "</h1>\n");
	if (vendor && rq->user->org_slug != NULL) {
		tmpl_raw(rq, "<p class=\"lead\">");	/* literal */
		tmpl_text(rq, layout_msgf(rq, MSG_WEB_CASES_INBOX_INTRO, rq->user->org_slug));
		tmpl_raw(rq, "</p>\n");	/* literal */
	}
	notices(rq, ns, nn);
	state_filter(rq, state);
	if (n == 0)
		layout_wrap(rq, "<p class=\"muted\">", vendor ? MSG_WEB_CASES_NONE_INBOX :
		    MSG_WEB_CASES_NONE, "</p>\n");
	else {
		tmpl_raw(rq, "<div class=\"table-wrap\"><table class=\"data cases\">"
		    "<thead><tr>");	/* literal */
		layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_CASE_ID, "</th>");
		layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_REPORT_F_TITLE, "</th>");
		layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_CASE_KIND, "</th>");
		layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_CASE_STATE, "</th>");
		layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_UPDATED_AT, "</th>");
		tmpl_raw(rq, "</tr></thead><tbody>\n");	/* literal */
		for (i = 0; i < n; i++)
			case_row(rq, &ks[i]);
		tmpl_raw(rq, "</tbody></table></div>\n");	/* literal */
	}
	layout_pager(rq, cursor > 0 ? list_url(rq, state, 0) : NULL,
	    next > 0 ? list_url(rq, state, next) : NULL);
	layout_end(rq);
out:
	return er;
}

static enum app_err
case_view_get(struct req *rq)
{
	const char	*id = cw_case_id(req_param(rq, CVIEW_ID));

	if (id == NULL)
		return req_fail(rq, APP_NOTFOUND, "id", MSG_ERR_NO_SUCH_CASE);
	return case_page(rq, 200, id, CFORM_NONE, NULL);
}

/* Back to the case, saying what was done, at the section it concerns. */
static enum app_err
case_done(struct req *rq, const char *id, const char *done, const char *anchor)
{
	/* case_id_valid: PREFIX-C-YYYY-digits, safe in a URL as it is. */
	return resp_redirect(rq, arena_printf(rq->arena, "/cases/%s?done=%s#%s", id, done,
	    anchor));
}

/*
 * A refused form: the case page again with the refusal beside the form
 * (422, or 429 when throttled), or the error page for what the person
 * cannot correct there.
 */
static enum app_err
case_refused(struct req *rq, enum app_err er, struct fault *f, const char *id,
    enum case_form form, const struct case_typed *t)
{
	enum app_err	rer;
	int		status;

	er = web_fault(rq, er, f);
	status = web_form_status(rq, er, f);
	/* A body or files past the limits: the person can shorten them. */
	if (er == APP_TOOBIG && f->field != NULL)
		status = 422;
	/* A case (or organisation's row) not theirs to see: not found, never a form. */
	if (er == APP_NOTFOUND && f->field != NULL && strcmp(f->field, "id") == 0)
		status = 0;
	if (status != 0 && (rer = case_page(rq, status, id, form, t)) != APP_OK)
		er = rer;
	return er;
}

static enum app_err
case_move_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct case_typed	 t = { 0 };
	struct case_row		 out;
	const char		*id = cw_case_id(req_param(rq, CMOVE_ID));
	enum app_err		 er;

	if (id == NULL)
		return req_fail(rq, APP_NOTFOUND, "id", MSG_ERR_NO_SUCH_CASE);
	t.to = web_pstr(req_param(rq, CMOVE_TO));
	t.reason = web_pstr(req_param(rq, CMOVE_REASON));
	if ((er = svc_case_transition(&c, id, t.to, t.reason, &out, &f)) == APP_OK)
		return case_done(rq, id, "moved", "move");
	return case_refused(rq, er, &f, id, CFORM_MOVE, &t);
}

static enum app_err
case_vendor_add_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct case_typed	 t = { 0 };
	const char		*id = cw_case_id(req_param(rq, CVADD_ID));
	enum app_err		 er;

	if (id == NULL)
		return req_fail(rq, APP_NOTFOUND, "id", MSG_ERR_NO_SUCH_CASE);
	t.org = web_pstr(req_param(rq, CVADD_ORG));
	t.role = web_pstr(req_param(rq, CVADD_ROLE));
	/* The party type follows from the organisation's kind (NULL). */
	if ((er = svc_case_vendor_add(&c, id, t.org, t.role, NULL, &f)) == APP_OK)
		return case_done(rq, id, "vendor_added", "vendors");
	return case_refused(rq, er, &f, id, CFORM_VENDOR_ADD, &t);
}

static enum app_err
case_product_add_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct case_typed	 t = { 0 };
	const struct param_val	*product = req_param(rq, CPADD_PRODUCT);
	const char		*id = cw_case_id(req_param(rq, CPADD_ID));
	enum app_err		 er;

	if (id == NULL)
		return req_fail(rq, APP_NOTFOUND, "id", MSG_ERR_NO_SUCH_CASE);
	t.product = web_pstr(product);
	t.versions = web_pstr(req_param(rq, CPADD_VERSIONS));
	t.upstream = req_param(rq, CPADD_UPSTREAM)->b;
	/* No product id is no product: svc names the field (0 is never a row id). */
	if ((er = svc_case_product_add(&c, id, product->present ? product->i : 0,
	    t.versions[0] != '\0' ? t.versions : NULL, t.upstream, &f)) == APP_OK)
		return case_done(rq, id, "product_added", "products");
	return case_refused(rq, er, &f, id, CFORM_PRODUCT_ADD, &t);
}

static enum app_err
case_participant_add_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct case_typed	 t = { 0 };
	const char		*id = cw_case_id(req_param(rq, CPART_ID));
	enum app_err		 er;

	if (id == NULL)
		return req_fail(rq, APP_NOTFOUND, "id", MSG_ERR_NO_SUCH_CASE);
	t.login = web_pstr(req_param(rq, CPART_LOGIN));
	t.prole = web_pstr(req_param(rq, CPART_ROLE));
	/* The party type follows from the role (NULL): svc's default. */
	if ((er = svc_case_participant_add(&c, id, t.login, t.prole, NULL, &f)) == APP_OK)
		return case_done(rq, id, "participant_added", "participants");
	return case_refused(rq, er, &f, id, CFORM_PARTICIPANT_ADD, &t);
}

static enum app_err
case_participant_remove_post(struct req *rq)
{
	struct svc_ctx	 c = web_ctx(rq);
	struct fault	 f = { .er = APP_OK };
	const char	*id = cw_case_id(req_param(rq, CPREM_ID));
	enum app_err	 er;

	if (id == NULL)
		return req_fail(rq, APP_NOTFOUND, "id", MSG_ERR_NO_SUCH_CASE);
	if ((er = svc_case_participant_remove(&c, id, web_pstr(req_param(rq, CPREM_LOGIN)),
	    &f)) == APP_OK)
		return case_done(rq, id, "participant_removed", "participants");
	return case_refused(rq, er, &f, id, CFORM_PARTICIPANTS, NULL);
}

static enum app_err
case_vendor_notify_post(struct req *rq)
{
	struct svc_ctx	 c = web_ctx(rq);
	struct fault	 f = { .er = APP_OK };
	const char	*id = cw_case_id(req_param(rq, CVONE_ID));
	size_t		 nmails = 0;
	enum app_err	 er;

	if (id == NULL)
		return req_fail(rq, APP_NOTFOUND, "id", MSG_ERR_NO_SUCH_CASE);
	if ((er = svc_case_vendor_notify(&c, id, web_pstr(req_param(rq, CVONE_ORG)), &nmails,
	    &f)) == APP_OK)
		return case_done(rq, id, "notified", "vendors");
	return case_refused(rq, er, &f, id, CFORM_VENDORS, NULL);
}

static enum app_err
case_vendor_approve_post(struct req *rq)
{
	struct svc_ctx	 c = web_ctx(rq);
	struct fault	 f = { .er = APP_OK };
	const char	*id = cw_case_id(req_param(rq, CVONE_ID));
	enum app_err	 er;

	if (id == NULL)
		return req_fail(rq, APP_NOTFOUND, "id", MSG_ERR_NO_SUCH_CASE);
	if ((er = svc_case_vendor_approve(&c, id, web_pstr(req_param(rq, CVONE_ORG)),
	    &f)) == APP_OK)
		return case_done(rq, id, "approved", "vendors");
	return case_refused(rq, er, &f, id, CFORM_VENDORS, NULL);
}

static enum app_err
case_vendor_status_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct case_typed	 t = { 0 };
	struct vendor_in	 in;
	const char		*id = cw_case_id(req_param(rq, CVST_ID));
	enum app_err		 er;

	if (id == NULL)
		return req_fail(rq, APP_NOTFOUND, "id", MSG_ERR_NO_SUCH_CASE);
	t.status = web_pstr(req_param(rq, CVST_STATUS));
	t.justification = web_pstr(req_param(rq, CVST_JUSTIFICATION));
	t.fixed_version = web_pstr(req_param(rq, CVST_FIXED));
	t.statement = web_pstr(req_param(rq, CVST_STATEMENT));
	memset(&in, 0, sizeof(in));
	in.status = t.status;
	/* A justification belongs to not_affected only; the select may keep one. */
	in.justification = strcmp(t.status, "not_affected") == 0 ? t.justification : "";
	in.fixed_version = t.fixed_version;
	in.statement = t.statement;
	if ((er = svc_case_vendor_update(&c, id, web_pstr(req_param(rq, CVST_ORG)), &in,
	    &f)) == APP_OK)
		return case_done(rq, id, "status", "mine");
	return case_refused(rq, er, &f, id, CFORM_STATUS, &t);
}

static enum app_err
case_message_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct case_typed	 t = { 0 };
	struct message_in	 in;
	struct message		 out;
	const char		*id = cw_case_id(req_param(rq, CMSG_ID));
	enum app_err		 er;

	if (id == NULL)
		return req_fail(rq, APP_NOTFOUND, "id", MSG_ERR_NO_SUCH_CASE);
	t.body = web_pstr(req_param(rq, CMSG_BODY));
	t.visibility = web_pstr(req_param(rq, CMSG_VISIBILITY));
	memset(&in, 0, sizeof(in));
	in.body = t.body;
	in.visibility = t.visibility;
	in.nfiles = cw_files(rq, CW_FILES, &in.files);
	t.files = in.nfiles > 0;
	in.channel = "web";
	if ((er = svc_message_post(&c, id, &in, &out, &f)) == APP_OK)
		return case_done(rq, id, "posted", "conversation");
	return case_refused(rq, er, &f, id, CFORM_MESSAGE, &t);
}

/*
 * An attachment of a message, as a download.  The API serves it too, but
 * only at paths of its own; this one works with the page's session and
 * the same need-to-know (svc_message_attachment_read), and is what the
 * case page and the report page link to.
 */
static enum app_err
case_attachment_get(struct req *rq)
{
	struct svc_ctx			 c = web_ctx(rq);
	struct fault			 f = { .er = APP_OK };
	struct message_attachment	 at;
	struct sbuf			 cd;
	const unsigned char		*data = NULL;
	const char			*id = cw_case_id(req_param(rq, CATT_ID));
	size_t				 len = 0;
	enum app_err			 er;

	if (id == NULL)
		return req_fail(rq, APP_NOTFOUND, "id", MSG_ERR_NO_SUCH_CASE);
	if ((er = svc_message_attachment_read(&c, id, req_param(rq, CATT_MID)->i,
	    req_param(rq, CATT_AID)->i, &at, &data, &len, &f)) != APP_OK)
		return web_fault(rq, er, &f);
	rq->status = 200;
	/* Never rendered here: a download, whatever the file claims to be. */
	rq->ctype = "application/octet-stream";
	sbuf_init(&cd, rq->arena, 0);
	sbuf_addstr(&cd, "attachment; filename*=UTF-8''");
	sbuf_add_urlenc(&cd, at.filename, strlen(at.filename));
	resp_header(rq, "Content-Disposition", cd.buf);
	resp_header(rq, "Cache-Control", "private, no-store");
	sbuf_reset(&rq->out);
	sbuf_add(&rq->out, (const char *)data, len);
	return APP_OK;
}

static enum app_err
notice_seen_post(struct req *rq)
{
	struct svc_ctx	c = web_ctx(rq);
	struct fault	f = { .er = APP_OK };
	enum app_err	er;

	if ((er = svc_notice_seen(&c, req_param(rq, NSEEN_ID)->i, &f)) != APP_OK)
		return web_fault(rq, er, &f);
	return resp_redirect(rq, authz_allows(rq->user->role, PERM_CASES_READ) ?
	    "/cases#notices" : "/");
}

/*
 * The routes of the case pages.  Reading is PERM_CASES_READ (svc/ applies
 * need-to-know on top); the coordinator's forms PERM_CASES_MANAGE; a
 * vendor's own status and the conversation PERM_CASES_READ, svc/ deciding
 * who may say what.  The reporter's forms are on their report
 * (PERM_ACCOUNT: svc/ checks it is theirs).  The message form posts
 * multipart/form-data for its files.
 */
const struct route case_routes[] = {
	{ HTTP_GET, "/cases", PERM_CASES_READ, R_WEB, PARAMS(case_list_params),
	    cases_list_get },
	{ HTTP_GET, "/cases/{id}", PERM_CASES_READ, R_WEB, PARAMS(case_view_params),
	    case_view_get },
	{ HTTP_POST, "/cases/{id}/transition", PERM_CASES_MANAGE, R_WEB | R_FORM,
	    PARAMS(case_move_params), case_move_post },
	{ HTTP_POST, "/cases/{id}/vendors", PERM_CASES_MANAGE, R_WEB | R_FORM,
	    PARAMS(case_vendor_add_params), case_vendor_add_post },
	{ HTTP_POST, "/cases/{id}/vendors/{org}/notify", PERM_CASES_MANAGE, R_WEB | R_FORM,
	    PARAMS(case_vendor_one_params), case_vendor_notify_post },
	{ HTTP_POST, "/cases/{id}/vendors/{org}/approve", PERM_CASES_MANAGE, R_WEB | R_FORM,
	    PARAMS(case_vendor_one_params), case_vendor_approve_post },
	{ HTTP_POST, "/cases/{id}/vendors/{org}/status", PERM_CASES_READ, R_WEB | R_FORM,
	    PARAMS(case_vendor_status_params), case_vendor_status_post },
	{ HTTP_POST, "/cases/{id}/products", PERM_CASES_MANAGE, R_WEB | R_FORM,
	    PARAMS(case_product_add_params), case_product_add_post },
	{ HTTP_POST, "/cases/{id}/participants", PERM_CASES_MANAGE, R_WEB | R_FORM,
	    PARAMS(case_participant_add_params), case_participant_add_post },
	{ HTTP_POST, "/cases/{id}/participants/{login}/remove", PERM_CASES_MANAGE,
	    R_WEB | R_FORM, PARAMS(case_participant_remove_params),
	    case_participant_remove_post },
	{ HTTP_POST, "/cases/{id}/messages", PERM_CASES_READ, R_WEB | R_FORM,
	    PARAMS(case_message_params), case_message_post },
	{ HTTP_GET, "/cases/{id}/messages/{mid}/attachments/{aid}", PERM_ACCOUNT, R_WEB,
	    PARAMS(case_attachment_params), case_attachment_get },
	{ HTTP_POST, "/notices/{id}/seen", PERM_ACCOUNT, R_WEB | R_FORM,
	    PARAMS(notice_seen_params), notice_seen_post },
	{ HTTP_POST, "/reports/{id}/reply", PERM_ACCOUNT, R_WEB | R_FORM,
	    PARAMS(progress_reply_params), progress_reply_post },
	{ HTTP_POST, "/reports/{id}/retest", PERM_ACCOUNT, R_WEB | R_FORM,
	    PARAMS(progress_retest_params), progress_retest_post },
};

const size_t	case_nroutes = sizeof(case_routes) / sizeof(case_routes[0]);
