/*
 * The pages of the 报送 (issue 6, Art. 7(2)), for both sides:
 *
 *   provider, platform	the case page's section (drafting the 报送 from
 *			the case), the list of the instance's 报送, and the
 *			handlers of one 报送's forms: save, send, the manual
 *			upload and the library's answer, waive
 *   registry		the list of the 报送 received, and the decision
 *
 * Each form posts to its own route, calls the one svc/ use case the API
 * (api/submissions.c) calls too, and answers with a redirect back to the
 * page (POST-redirect-GET) with a flash, or with the page again (422)
 * showing the refusal beside the form.  One 报送's page is drawn by
 * submission_form.c.
 */
#include <assert.h>
#include <string.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/parse.h"
#include "core/sbuf.h"
#include "svc/apps.h"
#include "svc/deadlines.h"
#include "svc/submissions.h"
#include "web/apps_int.h"
#include "web/cases_int.h"
#include "web/layout.h"
#include "web/submissions_int.h"
#include "web/tmpl.h"
#include "web/web.h"
#include "web/web_int.h"

/* Rows per page of the lists. */
#define SUBS_PAGE_ROWS		50

/* The states a received 报送 may be in (svc/library.c). */
static const char *const received_states[] = { "received", "verified", "rejected" };

/* GET /submissions */
enum { SLIST_STATE, SLIST_BEFORE, SLIST_APP, SLIST_PLATFORM, SLIST__MAX };
static const struct param sub_list_params[SLIST__MAX] = {
	[SLIST_STATE] = { "state", PARAM_TEXT, .max = SW_CHOICE_MAX },	/* a state name */
	[SLIST_BEFORE] = { "before", PARAM_I64, .min = 1,
	    .max = INT64_MAX },					/* cursor: a row id */
	/* registry: the app searched for (svc_app_filters), its platform */
	[SLIST_APP] = { "app", PARAM_TEXT, .max = APP_QUERY_MAX },
	[SLIST_PLATFORM] = { "platform", PARAM_TEXT, .max = SW_CHOICE_MAX },
};

/* GET /submissions/{id} */
enum { SVIEW_ID, SVIEW_DONE, SVIEW__MAX };
static const struct param sub_view_params[SVIEW__MAX] = {
	[SVIEW_ID] = { "id", PARAM_TEXT, .max = SW_ID_MAX, .required = true },	/* svc finds it */
	[SVIEW_DONE] = { "done", PARAM_TEXT, .max = SW_CHOICE_MAX },	/* what was just done */
};

/* POST /cases/{id}/submission */
enum { SDRAFT_ID, SDRAFT__MAX };
static const struct param sub_draft_params[SDRAFT__MAX] = {
	[SDRAFT_ID] = { "id", PARAM_TEXT, .max = CW_ID_MAX, .required = true },	/* case_id_valid */
};

/* POST /submissions/{id}/send */
enum { SONE_ID, SONE__MAX };
static const struct param sub_one_params[SONE__MAX] = {
	[SONE_ID] = { "id", PARAM_TEXT, .max = SW_ID_MAX, .required = true },	/* a row id */
};

/*
 * POST /submissions/{id}: the id, then every field of the record in
 * sub_fields[] order (save_post checks the names against the table).
 * Multi-line for all: a line field with a line break is refused by svc/
 * beside its field, like any other problem.
 */
#define SSAVE_ID	0
#define SSAVE_F0	1
#define SW_FIELD(key)	{ key, PARAM_MULTILINE, .max = SW_FIELD_MAX }
static const struct param sub_save_params[SSAVE_F0 + SF__MAX] = {
	[SSAVE_ID] = { "id", PARAM_TEXT, .max = SW_ID_MAX, .required = true },	/* a row id */
	[SSAVE_F0 + SF_NAME] = SW_FIELD("name"),
	[SSAVE_F0 + SF_PRODUCT_NAME] = SW_FIELD("product_name"),
	[SSAVE_F0 + SF_PRODUCT_MODEL] = SW_FIELD("product_model"),
	[SSAVE_F0 + SF_PRODUCT_VERSIONS] = SW_FIELD("product_versions"),
	[SSAVE_F0 + SF_TECHNICAL] = SW_FIELD("technical_characteristics"),
	[SSAVE_F0 + SF_HARM] = SW_FIELD("harm"),
	[SSAVE_F0 + SF_IMPACT_SCOPE] = SW_FIELD("impact_scope"),
	[SSAVE_F0 + SF_VENDOR] = SW_FIELD("vendor"),
	[SSAVE_F0 + SF_CATEGORY] = SW_FIELD("category"),
	[SSAVE_F0 + SF_GRADE] = SW_FIELD("grade"),
	[SSAVE_F0 + SF_CVSS] = SW_FIELD("cvss"),
	[SSAVE_F0 + SF_CWE] = SW_FIELD("cwe"),
	[SSAVE_F0 + SF_AFFECTED_VERSIONS] = SW_FIELD("affected_versions"),
	[SSAVE_F0 + SF_DISCOVERED_AT] = SW_FIELD("discovered_at"),
	[SSAVE_F0 + SF_KNOWN_AT] = SW_FIELD("known_at"),
	[SSAVE_F0 + SF_REPORTER_ORG] = SW_FIELD("reporter_org"),
	[SSAVE_F0 + SF_REPORTER_ROLE] = SW_FIELD("reporter_role"),
	[SSAVE_F0 + SF_CONTACT_NAME] = SW_FIELD("contact_name"),
	[SSAVE_F0 + SF_CONTACT_PHONE] = SW_FIELD("contact_phone"),
	[SSAVE_F0 + SF_CONTACT_EMAIL] = SW_FIELD("contact_email"),
	[SSAVE_F0 + SF_VERIFICATION] = SW_FIELD("verification"),
	[SSAVE_F0 + SF_REMEDIATION_STATUS] = SW_FIELD("remediation_status"),
	[SSAVE_F0 + SF_REMEDIATION_PLAN] = SW_FIELD("remediation_plan"),
	[SSAVE_F0 + SF_USER_NOTIFICATION] = SW_FIELD("user_notification"),
	[SSAVE_F0 + SF_UPSTREAM] = SW_FIELD("upstream_component"),
	[SSAVE_F0 + SF_RELATED_IDS] = SW_FIELD("related_ids"),
	[SSAVE_F0 + SF_TARGET_LIBRARY] = SW_FIELD("target_library"),
	[SSAVE_F0 + SF_FORWARD_TO] = SW_FIELD("forward_to"),
	[SSAVE_F0 + SF_APP_NAME] = SW_FIELD("app_name"),
	[SSAVE_F0 + SF_APP_PACKAGE] = SW_FIELD("app_package"),
	[SSAVE_F0 + SF_APP_VERSION] = SW_FIELD("app_version"),
	[SSAVE_F0 + SF_APP_PLATFORM] = SW_FIELD("app_platform"),
	[SSAVE_F0 + SF_APP_STORE] = SW_FIELD("app_store"),
	[SSAVE_F0 + SF_APP_DEVELOPER] = SW_FIELD("app_developer"),
};

/* POST /submissions/{id}/uploaded */
enum { SUP_ID, SUP_LIBRARY_ID, SUP__MAX };
static const struct param sub_uploaded_params[SUP__MAX] = {
	[SUP_ID] = { "id", PARAM_TEXT, .max = SW_ID_MAX, .required = true },	/* a row id */
	[SUP_LIBRARY_ID] = { "library_id", PARAM_TEXT,
	    .max = SW_LIBRARY_ID_MAX },				/* optional; svc checks it */
};

/* POST /submissions/{id}/outcome */
enum { SOUT_ID, SOUT_OUTCOME, SOUT_LIBRARY_ID, SOUT_REASON, SOUT__MAX };
static const struct param sub_outcome_params[SOUT__MAX] = {
	[SOUT_ID] = { "id", PARAM_TEXT, .max = SW_ID_MAX, .required = true },	/* a row id */
	[SOUT_OUTCOME] = { "outcome", PARAM_TEXT, .max = SW_CHOICE_MAX },	/* accepted, rejected */
	[SOUT_LIBRARY_ID] = { "library_id", PARAM_TEXT,
	    .max = SW_LIBRARY_ID_MAX },				/* accepted: svc checks it */
	[SOUT_REASON] = { "reason", PARAM_MULTILINE, .max = SW_REASON_MAX },	/* rejected */
};

/* POST /submissions/{id}/waive */
enum { SWAIVE_ID, SWAIVE_REASON, SWAIVE__MAX };
static const struct param sub_waive_params[SWAIVE__MAX] = {
	[SWAIVE_ID] = { "id", PARAM_TEXT, .max = SW_ID_MAX, .required = true },	/* a row id */
	[SWAIVE_REASON] = { "reason", PARAM_MULTILINE, .max = SW_REASON_MAX },	/* svc requires it */
};

/* POST /submissions/{id}/decision (registry) */
enum { SDEC_ID, SDEC_STATE, SDEC_REASON, SDEC__MAX };
static const struct param sub_decision_params[SDEC__MAX] = {
	[SDEC_ID] = { "id", PARAM_TEXT, .max = SW_ID_MAX, .required = true },	/* a library id */
	[SDEC_STATE] = { "state", PARAM_TEXT, .max = SW_CHOICE_MAX },	/* verified, rejected */
	[SDEC_REASON] = { "reason", PARAM_MULTILINE, .max = SW_REASON_MAX },	/* rejected */
};

/* --- the case page's section (staff) --- */

struct cw_submission {
	bool			 has;	/* the case has its 报送 */
	struct submission_row	 r;	/* then it */
};

enum app_err
cw_submission_load(struct req *rq, struct case_view *v)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct cw_submission	*s;
	enum app_err		 er;

	/* Staff only; incident cases are not reported (Art. 8); only where 报送 are kept. */
	if (!v->staff || v->k.kind != CKIND_GENERIC || !svc_submissions_on(&c))
		return APP_OK;
	s = ARENA_NEW(rq->arena, struct cw_submission);
	er = svc_submission_of_case(&c, v->k.id, &s->r, NULL, &f);
	if (er == APP_OK)
		s->has = true;
	else if (er != APP_NOTFOUND)
		return web_fault(rq, er, &f);
	v->sub = s;
	return APP_OK;
}

void
cw_submission_section(struct req *rq, const struct case_view *v)
{
	const struct cw_submission	*s = v->sub;
	const struct submission_row	*r;
	const char			*href;

	if (s == NULL)
		return;
	tmpl_raw(rq, "<section class=\"detail\" id=\"submission\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_SUB_SECTION, "</h2>\n");
	layout_wrap(rq, "<p class=\"hint\">", MSG_WEB_SUB_SECTION_INTRO, "</p>\n");
	if (v->t.ext_form != NULL && strcmp(v->t.ext_form, "submission") == 0)
		cw_form_errors(rq, v, CFORM_EXT);
	if (!s->has) {
		layout_wrap(rq, "<p class=\"muted\">", MSG_WEB_SUB_NONE_YET, "</p>\n");
		tmpl_raw(rq, "<form class=\"inline\" method=\"post\"");	/* literal */
		tmpl_attr(rq, "action", arena_printf(rq->arena, "/cases/%s/submission",
		    v->k.id));
		tmpl_raw(rq, ">");	/* literal */
		tmpl_csrf(rq);
		tmpl_raw(rq, "<button type=\"submit\" class=\"primary\">");	/* literal */
		tmpl_msg(rq, MSG_WEB_SUB_DRAFT_SUBMIT);
		tmpl_raw(rq, "</button></form></section>\n");	/* literal */
		return;
	}
	r = &s->r;
	href = arena_printf(rq->arena, "/submissions/%lld", (long long)r->id);
	tmpl_raw(rq, "<p>");	/* literal */
	sw_state_badge(rq, r->state);
	tmpl_raw(rq, " ");	/* literal */
	layout_link(rq, href, MSG_WEB_SUB_OPEN);
	tmpl_raw(rq, "</p><dl class=\"meta\">");	/* literal */
	sw_dl_text(rq, MSG_SF_TARGET_LIBRARY, r->target_library, false);
	if (r->state == SUB_ACCEPTED)
		sw_dl_text(rq, MSG_WEB_SUB_LIBRARY_ID, r->library_id, false);
	if (r->state == SUB_REJECTED || r->state == SUB_WAIVED)
		sw_dl_text(rq, MSG_WEB_SUB_REASON, r->reason, true);
	if (r->state == SUB_QUEUED)
		sw_dl_delivery(rq, r);
	sw_dl_time(rq, MSG_WEB_SUB_CREATED_AT, r->created_at);
	sw_dl_time(rq, MSG_WEB_UPDATED_AT, r->updated_at);
	if (r->sent_at > 0)
		sw_dl_time(rq, MSG_WEB_SUB_SENT_AT, r->sent_at);
	if (r->uploaded_at > 0)
		sw_dl_time(rq, MSG_WEB_SUB_UPLOADED_AT, r->uploaded_at);
	if (r->decided_at > 0)
		sw_dl_time(rq, MSG_WEB_SUB_DECIDED_AT, r->decided_at);
	tmpl_raw(rq, "</dl></section>\n");	/* literal */
}

/* --- the lists --- */

/* The list's filters: the state, and on a registry the app and its platform. */
struct list_filter {
	const char	*state;
	const char	*app;
	const char	*platform;
};

/* The list's URL with its filters (and a cursor when before > 0). */
static const char *
list_url(struct req *rq, const struct list_filter *lf, int64_t before)
{
	static const char *const names[] = { "state", "app", "platform" };
	const char	*vals[] = { lf->state, lf->app, lf->platform };
	struct sbuf	 url;
	char		 sep = '?';
	size_t		 i;

	sbuf_init(&url, rq->arena, 0);
	sbuf_addstr(&url, "/submissions");
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (vals[i][0] == '\0')
			continue;
		sbuf_addf(&url, "%c%s=", sep, names[i]);
		sbuf_add_urlenc(&url, vals[i], strlen(vals[i]));
		sep = '&';
	}
	if (before > 0)
		sbuf_addf(&url, "%cbefore=%lld", sep, (long long)before);
	return url.buf;
}

static void
state_filter(struct req *rq, const struct list_filter *lf)
{
	const char	*cur = lf->state;
	bool	registry = rq->cfg->role == ROLE_REGISTRY;
	size_t	i, n = registry ? sizeof(received_states) / sizeof(received_states[0]) :
		    SUB__MAX;

	tmpl_raw(rq, "<form class=\"filters\" method=\"get\" action=\"/submissions\" "
	    "role=\"search\" aria-label=\"");	/* literal */
	tmpl_msg(rq, MSG_WEB_SUB_FILTER_LABEL);
	tmpl_raw(rq, "\"><div class=\"field\"><label for=\"q-state\">");	/* literal */
	tmpl_msg(rq, MSG_WEB_SUB_STATE);
	tmpl_raw(rq, "</label><select id=\"q-state\" name=\"state\"><option value=\"\">");	/* literal */
	tmpl_msg(rq, MSG_WEB_REPORTS_ALL);
	tmpl_raw(rq, "</option>");	/* literal */
	for (i = 0; i < n; i++) {
		const char	*name = registry ? received_states[i] :
				    sub_state_name((enum sub_state)i);

		tmpl_raw(rq, "<option");	/* literal */
		tmpl_attr(rq, "value", name);
		if (strcmp(cur, name) == 0)
			tmpl_raw(rq, " selected");	/* literal */
		tmpl_raw(rq, ">");	/* literal */
		tmpl_msg(rq, registry ? sw_received_msg(name) : sw_state_msg((enum sub_state)i));
		tmpl_raw(rq, "</option>");	/* literal */
	}
	tmpl_raw(rq, "</select></div>");	/* literal */
	/* A library searches what it received by app (issue 9). */
	if (registry)
		wa_filters(rq, lf->app, lf->platform);
	tmpl_raw(rq, "<div class=\"field\"><button type=\"submit\" "
	    "class=\"primary\">");	/* literal */
	tmpl_msg(rq, MSG_WEB_REPORTS_FILTER);
	tmpl_raw(rq, "</button></div>");	/* literal */
	if (cur[0] != '\0' || lf->app[0] != '\0' || lf->platform[0] != '\0') {
		tmpl_raw(rq, "<div class=\"field\">");	/* literal */
		layout_link(rq, "/submissions", MSG_WEB_REPORTS_CLEAR);
		tmpl_raw(rq, "</div>");	/* literal */
	}
	tmpl_raw(rq, "</form>\n");	/* literal */
}

/* A cell's text, or a muted "none". */
static void
cell_text(struct req *rq, const char *s)
{
	if (s != NULL && s[0] != '\0')
		tmpl_text(rq, s);
	else
		layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_NONE, "</span>");
}

static void
provider_rows(struct req *rq, const struct submission_row *rs, size_t n)
{
	size_t	i;

	tmpl_raw(rq, "<div class=\"table-wrap\"><table class=\"data submissions\">"
	    "<thead><tr>");	/* literal */
	layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_CASE_ID, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_SF_NAME, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_SF_PRODUCT_NAME, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_SUB_STATE, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_SUB_LIBRARY_ID, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_UPDATED_AT, "</th>");
	tmpl_raw(rq, "</tr></thead><tbody>\n");	/* literal */
	for (i = 0; i < n; i++) {
		tmpl_raw(rq, "<tr><td><a");	/* literal */
		tmpl_href(rq, arena_printf(rq->arena, "/cases/%s", rs[i].case_id));
		tmpl_raw(rq, "><code>");	/* literal */
		tmpl_text(rq, rs[i].case_id);
		tmpl_raw(rq, "</code></a></td><td><a");	/* literal */
		tmpl_href(rq, arena_printf(rq->arena, "/submissions/%lld", (long long)rs[i].id));
		tmpl_raw(rq, ">");	/* literal */
		if (rs[i].title != NULL && rs[i].title[0] != '\0')
			tmpl_text(rq, rs[i].title);
		else
			tmpl_msg(rq, MSG_WEB_SUB_NO_NAME);
		tmpl_raw(rq, "</a></td><td>");	/* literal */
		cell_text(rq, rs[i].product_name);
		tmpl_raw(rq, "</td><td>");	/* literal */
		sw_state_badge(rq, rs[i].state);
		tmpl_raw(rq, "</td><td>");	/* literal */
		cell_text(rq, rs[i].library_id);
		tmpl_raw(rq, "</td><td class=\"nowrap\">");	/* literal */
		tmpl_time(rq, rs[i].updated_at);
		tmpl_raw(rq, "</td></tr>\n");	/* literal */
	}
	tmpl_raw(rq, "</tbody></table></div>\n");	/* literal */
}

static void
registry_rows(struct req *rq, const struct received_app_row *ra, size_t n)
{
	size_t	i;

	tmpl_raw(rq, "<div class=\"table-wrap\"><table class=\"data submissions-received\">"
	    "<thead><tr>");	/* literal */
	layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_SUB_LIBRARY_ID, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_SUB_SUBMITTED_BY, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_SF_NAME, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_SF_PRODUCT_NAME, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_APP_COLUMN, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_SUB_STATE, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_SUB_RECEIVED_AT, "</th>");
	tmpl_raw(rq, "</tr></thead><tbody>\n");	/* literal */
	for (i = 0; i < n; i++) {
		const struct received_row	*r = &ra[i].r;

		tmpl_raw(rq, "<tr><td>");	/* literal */
		/* Only an id safe in a URL as it is becomes a link. */
		if (sw_library_id_ok(r->id)) {
			tmpl_raw(rq, "<a");	/* literal */
			tmpl_href(rq, arena_printf(rq->arena, "/submissions/%s", r->id));
			tmpl_raw(rq, "><code>");	/* literal */
			tmpl_text(rq, r->id);
			tmpl_raw(rq, "</code></a>");	/* literal */
		} else
			tmpl_text(rq, r->id);
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_text(rq, r->org_name);
		tmpl_raw(rq, " <code>");	/* literal */
		tmpl_text(rq, r->org_slug);
		tmpl_raw(rq, "</code></td><td>");	/* literal */
		cell_text(rq, r->title);
		tmpl_raw(rq, "</td><td>");	/* literal */
		cell_text(rq, r->product_name);
		tmpl_raw(rq, "</td><td>");	/* literal */
		wa_cell(rq, &ra[i].app);
		tmpl_raw(rq, "</td><td>");	/* literal */
		sw_received_badge(rq, r->state);
		tmpl_raw(rq, "</td><td class=\"nowrap\">");	/* literal */
		tmpl_time(rq, r->received_at);
		tmpl_raw(rq, "</td></tr>\n");	/* literal */
	}
	tmpl_raw(rq, "</tbody></table></div>\n");	/* literal */
}

static bool
received_state_ok(const char *s)
{
	size_t	i;

	for (i = 0; i < sizeof(received_states) / sizeof(received_states[0]); i++)
		if (strcmp(s, received_states[i]) == 0)
			return true;
	return false;
}

static enum app_err
list_get(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct submission_row	*rs = NULL;
	struct received_app_row	*rr = NULL;
	struct list_filter	 lf = { web_pstr(req_param(rq, SLIST_STATE)),
				    web_pstr(req_param(rq, SLIST_APP)),
				    web_pstr(req_param(rq, SLIST_PLATFORM)) };
	const char		*state = lf.state;
	const struct param_val	*before = req_param(rq, SLIST_BEFORE);
	bool			 registry = rq->cfg->role == ROLE_REGISTRY;
	enum msg_id		 title = registry ? MSG_WEB_SUB_RECEIVED_TITLE :
				    MSG_WEB_SUB_LIST_TITLE;
	size_t			 n = 0;
	int64_t			 cursor = before->present ? before->i : 0, next = 0;
	enum app_err		 er;

	if (state[0] != '\0' && (registry ? !received_state_ok(state) :
	    sub_state_parse(str_from(state)) < 0))
		return req_fail(rq, APP_INVALID, "state", MSG_ERR_FIELD_CHOICE);
	/* One row more than shown tells whether there is a next page. */
	if (registry)
		er = svc_library_search(&c, state[0] != '\0' ? state : NULL, lf.app,
		    lf.platform, cursor, SUBS_PAGE_ROWS + 1, &rr, &n, &f);
	else
		er = svc_submission_list(&c, state[0] != '\0' ? state : NULL, cursor,
		    SUBS_PAGE_ROWS + 1, &rs, &n, &f);
	if (er != APP_OK)
		return web_fault(rq, er, &f);
	if (n > SUBS_PAGE_ROWS) {
		n = SUBS_PAGE_ROWS;
		next = registry ? rr[n - 1].r.rowid : rs[n - 1].id;
	}

	resp_html(rq, 200);
	layout_begin(rq, title);
	layout_wrap(rq, "<h1>", title, "</h1>\n");
	layout_wrap(rq, "<p class=\"lead\">", registry ? MSG_WEB_SUB_RECEIVED_INTRO :
	    MSG_WEB_SUB_LIST_INTRO, "</p>\n");
	state_filter(rq, &lf);
	if (n == 0)
		layout_wrap(rq, "<p class=\"muted\">", registry ? MSG_WEB_SUB_RECEIVED_NONE :
		    MSG_WEB_SUB_NONE, "</p>\n");
	else if (registry)
		registry_rows(rq, rr, n);
	else
		provider_rows(rq, rs, n);
	layout_pager(rq, cursor > 0 ? list_url(rq, &lf, 0) : NULL,
	    next > 0 ? list_url(rq, &lf, next) : NULL);
	layout_end(rq);
	return APP_OK;
}

/* --- one 报送 and its forms --- */

static enum app_err
view_get(struct req *rq)
{
	return sw_page(rq, 200, req_param(rq, SVIEW_ID)->s.p, SFORM_NONE, NULL,
	    web_pstr(req_param(rq, SVIEW_DONE)));
}

/* The provider's row id of parameter idx; false (not found) on a registry or a bad one. */
static bool
provider_id(struct req *rq, size_t idx, int64_t *id)
{
	struct str	s = req_param(rq, idx)->s;

	return rq->cfg->role != ROLE_REGISTRY && s.p != NULL &&
	    parse_i64(s.p, s.n, 1, INT64_MAX, id) == 0;
}

static enum app_err
no_such(struct req *rq)
{
	return req_fail(rq, APP_NOTFOUND, NULL, MSG_ERR_NO_SUCH_SUBMISSION);
}

/* Back to the 报送, saying what was done, at the section it concerns. */
static enum app_err
sub_done(struct req *rq, const char *id, const char *done, const char *anchor)
{
	/* id: a row id or a library id (sw_library_id_ok), safe in a URL as it is. */
	return resp_redirect(rq, arena_printf(rq->arena, "/submissions/%s?done=%s#%s", id,
	    done, anchor));
}

/*
 * A refused form: the 报送's page again with the refusal beside the form
 * (422), or the error page for what the person cannot correct there.
 */
static enum app_err
sub_refused(struct req *rq, enum app_err er, struct fault *f, const char *id,
    enum sub_form form, const struct sub_typed *t)
{
	enum app_err	rer;
	int		status;

	er = web_fault(rq, er, f);
	status = web_form_status(rq, er, f);
	if (status != 0 && (rer = sw_page(rq, status, id, form, t, "")) != APP_OK)
		er = rer;
	return er;
}

/*
 * A record refused field by field (a save, a send): every problem beside
 * its field and in the summary, which says how many (summary: %d).
 */
static enum app_err
sub_invalid(struct req *rq, const struct sub_problems *pr, const struct fault *f,
    enum msg_id summary, const char *id, enum sub_form form, const struct sub_typed *t)
{
	enum app_err	er, rer;
	size_t		i;

	for (i = 0; i < pr->n; i++)
		req_field_error(rq, sub_fields[pr->p[i].field].key, pr->p[i].msg);
	er = req_fail(rq, APP_INVALID, sub_fields[pr->p[0].field].key, summary, (int)pr->n);
	rq->err_rule = f->rule;
	if ((rer = sw_page(rq, 422, id, form, t, "")) != APP_OK)
		er = rer;
	return er;
}

static enum app_err
case_draft_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct case_typed	 t = { 0 };
	struct submission_row	 out;
	const char		*id = cw_case_id(req_param(rq, SDRAFT_ID));
	enum app_err		 er, rer;
	int			 status;

	if (id == NULL)
		return req_fail(rq, APP_NOTFOUND, "id", MSG_ERR_NO_SUCH_CASE);
	if ((er = svc_submission_draft(&c, id, &out, &f)) == APP_OK)
		return resp_redirect(rq, arena_printf(rq->arena,
		    "/submissions/%lld?done=drafted", (long long)out.id));
	er = web_fault(rq, er, &f);
	status = web_form_status(rq, er, &f);
	/* A case not theirs to see: not found, never a form. */
	if (er == APP_NOTFOUND && f.field != NULL && strcmp(f.field, "id") == 0)
		status = 0;
	t.ext_form = "submission";
	if (status != 0 && (rer = case_page(rq, status, id, CFORM_EXT, &t)) != APP_OK)
		er = rer;
	return er;
}

static enum app_err
save_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct sub_typed	*t = ARENA_NEW(rq->arena, struct sub_typed);
	struct sub_problems	 pr = { .n = 0 };
	struct submission_row	 out;
	sub_values		 in;
	const char		*id = req_param(rq, SSAVE_ID)->s.p;
	int64_t			 n;
	size_t			 i;
	enum app_err		 er;

	if (!provider_id(rq, SSAVE_ID, &n))
		return no_such(rq);
	for (i = 0; i < SF__MAX; i++) {
		/* The table above is in sub_fields[] order. */
		assert(strcmp(sub_save_params[SSAVE_F0 + i].name, sub_fields[i].key) == 0);
		/* A field the form did not carry is unchanged; one sent empty is emptied. */
		in[i] = form_get(rq->form, rq->nform, sub_fields[i].key) != NULL ?
		    web_pstr(req_param(rq, SSAVE_F0 + i)) : NULL;
		t->v[i] = in[i];
	}
	if ((er = svc_submission_update(&c, n, in, &out, &pr, &f)) == APP_OK)
		return sub_done(rq, id, "saved", "record");
	if (er == APP_INVALID && pr.n > 0)
		return sub_invalid(rq, &pr, &f, MSG_WEB_SUB_INVALID, id, SFORM_SAVE, t);
	return sub_refused(rq, er, &f, id, SFORM_SAVE, t);
}

static enum app_err
send_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct sub_problems	 pr = { .n = 0 };
	struct submission_row	 out;
	const char		*id = req_param(rq, SONE_ID)->s.p;
	int64_t			 n;
	enum app_err		 er;

	if (!provider_id(rq, SONE_ID, &n))
		return no_such(rq);
	if ((er = svc_submission_send(&c, n, &out, &pr, &f)) == APP_OK)
		return sub_done(rq, id, "sent", "send");
	/* The refusal lists every field that is missing or wrong (Art. 7(2), R37). */
	if (er == APP_INVALID && pr.n > 0)
		return sub_invalid(rq, &pr, &f, MSG_WEB_SUB_SEND_INCOMPLETE, id, SFORM_SEND,
		    NULL);
	return sub_refused(rq, er, &f, id, SFORM_SEND, NULL);
}

static enum app_err
uploaded_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct sub_typed	*t = ARENA_NEW(rq->arena, struct sub_typed);
	struct submission_row	 out;
	const char		*id = req_param(rq, SUP_ID)->s.p;
	int64_t			 n;
	enum app_err		 er;

	if (!provider_id(rq, SUP_ID, &n))
		return no_such(rq);
	t->library_id = web_pstr(req_param(rq, SUP_LIBRARY_ID));
	if ((er = svc_submission_uploaded(&c, n, t->library_id[0] != '\0' ? t->library_id :
	    NULL, &out, &f)) == APP_OK)
		return sub_done(rq, id, "uploaded", "send");
	return sub_refused(rq, er, &f, id, SFORM_UPLOADED, t);
}

static enum app_err
outcome_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct sub_typed	*t = ARENA_NEW(rq->arena, struct sub_typed);
	struct submission_row	 out;
	const char		*id = req_param(rq, SOUT_ID)->s.p;
	bool			 accepted;
	int64_t			 n;
	enum app_err		 er;

	if (!provider_id(rq, SOUT_ID, &n))
		return no_such(rq);
	t->choice = web_pstr(req_param(rq, SOUT_OUTCOME));
	t->library_id = web_pstr(req_param(rq, SOUT_LIBRARY_ID));
	t->reason = web_pstr(req_param(rq, SOUT_REASON));
	accepted = strcmp(t->choice, "accepted") == 0;
	if (!accepted && strcmp(t->choice, "rejected") != 0) {
		fault_set(&f, APP_INVALID, "outcome", MSG_ERR_FIELD_CHOICE, 0);
		return sub_refused(rq, APP_INVALID, &f, id, SFORM_OUTCOME, t);
	}
	if ((er = svc_submission_outcome(&c, n, accepted, t->library_id, t->reason, &out,
	    &f)) == APP_OK)
		return sub_done(rq, id, "outcome", "send");
	return sub_refused(rq, er, &f, id, SFORM_OUTCOME, t);
}

static enum app_err
waive_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct sub_typed	*t = ARENA_NEW(rq->arena, struct sub_typed);
	struct submission_row	 out;
	const char		*id = req_param(rq, SWAIVE_ID)->s.p;
	int64_t			 n;
	enum app_err		 er;

	if (!provider_id(rq, SWAIVE_ID, &n))
		return no_such(rq);
	t->reason = web_pstr(req_param(rq, SWAIVE_REASON));
	if ((er = svc_submission_waive(&c, n, t->reason, &out, &f)) == APP_OK)
		return sub_done(rq, id, "waived", "send");
	return sub_refused(rq, er, &f, id, SFORM_WAIVE, t);
}

static enum app_err
decision_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct sub_typed	*t = ARENA_NEW(rq->arena, struct sub_typed);
	struct received_row	 out;
	const char		*id = req_param(rq, SDEC_ID)->s.p;
	enum app_err		 er;

	if (rq->cfg->role != ROLE_REGISTRY)
		return req_fail(rq, APP_NOTFOUND, NULL, MSG_ERR_NOT_REGISTRY);
	if (!sw_library_id_ok(id))
		return no_such(rq);
	t->choice = web_pstr(req_param(rq, SDEC_STATE));
	t->reason = web_pstr(req_param(rq, SDEC_REASON));
	if ((er = svc_library_decide(&c, id, t->choice, t->reason, &out, &f)) == APP_OK)
		return sub_done(rq, id, "decided", "decision");
	return sub_refused(rq, er, &f, id, SFORM_DECISION, t);
}

/*
 * The routes of the 报送's pages: all the staff's (PERM_CASES_MANAGE, as
 * the API's); svc/ checks again.  The same paths mean the provider's or
 * the registry's side by the instance's role, as in the API.
 */
const struct route submission_web_routes[] = {
	{ HTTP_GET, "/submissions", PERM_CASES_MANAGE, R_WEB, PARAMS(sub_list_params),
	    list_get },
	{ HTTP_GET, "/submissions/{id}", PERM_CASES_MANAGE, R_WEB, PARAMS(sub_view_params),
	    view_get },
	{ HTTP_POST, "/submissions/{id}", PERM_CASES_MANAGE, R_WEB | R_FORM,
	    PARAMS(sub_save_params), save_post },
	{ HTTP_POST, "/submissions/{id}/send", PERM_CASES_MANAGE, R_WEB | R_FORM,
	    PARAMS(sub_one_params), send_post },
	{ HTTP_POST, "/submissions/{id}/uploaded", PERM_CASES_MANAGE, R_WEB | R_FORM,
	    PARAMS(sub_uploaded_params), uploaded_post },
	{ HTTP_POST, "/submissions/{id}/outcome", PERM_CASES_MANAGE, R_WEB | R_FORM,
	    PARAMS(sub_outcome_params), outcome_post },
	{ HTTP_POST, "/submissions/{id}/waive", PERM_CASES_MANAGE, R_WEB | R_FORM,
	    PARAMS(sub_waive_params), waive_post },
	{ HTTP_POST, "/submissions/{id}/decision", PERM_CASES_MANAGE, R_WEB | R_FORM,
	    PARAMS(sub_decision_params), decision_post },
	{ HTTP_POST, "/cases/{id}/submission", PERM_CASES_MANAGE, R_WEB | R_FORM,
	    PARAMS(sub_draft_params), case_draft_post },
};
const size_t	submission_web_nroutes =
    sizeof(submission_web_routes) / sizeof(submission_web_routes[0]);
