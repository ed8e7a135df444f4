/*
 * Warnings (预警, issue 9; R40): the registry's pages.
 *
 *	/warnings		the warnings for the person asking (staff and
 *				regulators all, a unit's members theirs)
 *	/warnings/new		the form (staff, members of an active unit)
 *	/warnings/{id}		one warning: its details (need-to-know, the
 *				read audited), the acknowledge button of a
 *				delivered unit's member, and for staff the
 *				deliveries and the withdraw form
 *	/warnings/public	R_PUBLIC: those past their public date, title,
 *				kind, severity, date and summary only
 *
 * Each form calls the svc/ use case the API (api/warnings.c) calls, and
 * answers with a redirect back to the warning, or with the page again
 * (422) showing the refusal.  Every route answers 404 outside the registry
 * role.
 */
#include <string.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/parse.h"
#include "core/sbuf.h"
#include "domain/authz.h"
#include "svc/warnings.h"
#include "web/layout.h"
#include "web/markdown.h"
#include "web/tmpl.h"
#include "web/web.h"
#include "web/web_int.h"

#define WW_BIND_MAX	(2 * WARNING_BODY_MAX)	/* svc checks each field's own bound */
#define WW_WORD_MAX	32
#define WW_ID_MAX	64
#define WW_UNITS_MAX	1000			/* "3,5,…": parsed here */
#define WW_PAGE_ROWS	50
#define WW_BODY_ROWS	14

static const enum msg_id kind_msgs[WK__MAX] = {
	[WK_VULNERABILITY] = MSG_WRN_KIND_VULNERABILITY,
	[WK_INCIDENT] = MSG_WRN_KIND_INCIDENT,
	[WK_ACTIVITY] = MSG_WRN_KIND_ACTIVITY,
};

static const enum msg_id severity_msgs[WSEV__MAX] = {
	[WSEV_CRITICAL] = MSG_WRN_SEV_CRITICAL,
	[WSEV_HIGH] = MSG_WRN_SEV_HIGH,
	[WSEV_MEDIUM] = MSG_WRN_SEV_MEDIUM,
	[WSEV_LOW] = MSG_WRN_SEV_LOW,
};

static const enum msg_id dstate_msgs[WDS__MAX] = {
	[WDS_DELIVERED] = MSG_WRN_DS_DELIVERED,
	[WDS_ACKNOWLEDGED] = MSG_WRN_DS_ACKNOWLEDGED,
	[WDS_REFUSED] = MSG_WRN_DS_REFUSED,
};

/* POST /warnings/new */
enum { WN_KIND, WN_SEVERITY, WN_TITLE, WN_SUMMARY, WN_BODY, WN_RELATED, WN_AFFECTED,
	WN_AUDIENCE, WN_LEVEL, WN_UNITS, WN_PUBLIC_AT, WN__MAX };
static const struct param new_params[WN__MAX] = {
	[WN_KIND] = { "kind", PARAM_TEXT, .max = WW_WORD_MAX },		/* a kind word */
	[WN_SEVERITY] = { "severity", PARAM_TEXT, .max = WW_WORD_MAX },	/* a severity word */
	[WN_TITLE] = { "title", PARAM_MULTILINE, .max = WW_BIND_MAX },	/* svc checks */
	[WN_SUMMARY] = { "summary", PARAM_MULTILINE, .max = WW_BIND_MAX },	/* svc checks */
	[WN_BODY] = { "body", PARAM_MULTILINE, .max = WW_BIND_MAX },	/* svc checks */
	[WN_RELATED] = { "related", PARAM_MULTILINE, .max = WW_BIND_MAX },	/* svc checks */
	[WN_AFFECTED] = { "affected", PARAM_MULTILINE, .max = WW_BIND_MAX },	/* svc checks */
	[WN_AUDIENCE] = { "audience", PARAM_TEXT, .max = WW_WORD_MAX },	/* an audience word */
	[WN_LEVEL] = { "min_level", PARAM_TEXT, .max = WW_WORD_MAX },	/* 1..4, svc checks */
	[WN_UNITS] = { "units", PARAM_TEXT, .max = WW_UNITS_MAX },	/* "3,5" */
	[WN_PUBLIC_AT] = { "public_at", PARAM_TEXT, .max = WW_WORD_MAX },	/* datetime-local */
};

/* GET /warnings, /warnings/public */
enum { WL_BEFORE, WL__MAX };
static const struct param list_params[WL__MAX] = {
	[WL_BEFORE] = { "before", PARAM_I64, .min = 1, .max = INT64_MAX },	/* cursor / page */
};

/* GET /warnings/{id} */
enum { WV_ID, WV_DONE, WV__MAX };
static const struct param view_params[WV__MAX] = {
	[WV_ID] = { "id", PARAM_TEXT, .max = WW_ID_MAX, .required = true },	/* report_id_valid */
	[WV_DONE] = { "done", PARAM_TEXT, .max = WW_WORD_MAX },	/* what was just done */
};

/* POST /warnings/{id}/acknowledge, /withdraw */
enum { WA_ID, WA__MAX };
static const struct param ack_params[WA__MAX] = {
	[WA_ID] = { "id", PARAM_TEXT, .max = WW_ID_MAX, .required = true },	/* report_id_valid */
};
enum { WW_ID, WW_REASON, WW__MAX };
static const struct param withdraw_params[WW__MAX] = {
	[WW_ID] = { "id", PARAM_TEXT, .max = WW_ID_MAX, .required = true },	/* report_id_valid */
	[WW_REASON] = { "reason", PARAM_MULTILINE, .max = 2 * WARNING_REASON_MAX },	/* svc */
};

static enum app_err
not_registry(struct req *rq)
{
	return req_fail(rq, APP_NOTFOUND, NULL, MSG_ERR_WARNINGS_OFF);
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
severity_badge(struct req *rq, enum warning_severity s)
{
	tmpl_raw(rq, s == WSEV_CRITICAL || s == WSEV_HIGH ? "<span class=\"badge badge-warn\">" :
	    "<span class=\"badge\">");	/* literal: one of two */
	tmpl_msg(rq, (unsigned)s < WSEV__MAX ? severity_msgs[s] : MSG_WEB_NONE);
	tmpl_raw(rq, "</span>");	/* literal */
}

static void
state_badge(struct req *rq, enum warning_state s)
{
	tmpl_raw(rq, s == WST_ISSUED ? "<span class=\"badge badge-on\">" :
	    "<span class=\"badge badge-off\">");	/* literal: one of two */
	tmpl_msg(rq, s == WST_ISSUED ? MSG_WRN_ST_ISSUED : MSG_WRN_ST_WITHDRAWN);
	tmpl_raw(rq, "</span>");	/* literal */
}

static void
dl_msg(struct req *rq, enum msg_id term, enum msg_id value)
{
	layout_wrap(rq, "<dt>", term, "</dt><dd>");
	tmpl_msg(rq, value);
	tmpl_raw(rq, "</dd>");	/* literal */
}

/* --- the form --- */

static enum msg_id
field_label(const char *field)
{
	static const struct {
		const char	*name;
		enum msg_id	 label;
	} t[] = {
		{ "kind", MSG_WRN_F_KIND },
		{ "severity", MSG_WRN_F_SEVERITY },
		{ "title", MSG_WRN_F_TITLE },
		{ "summary", MSG_WRN_F_SUMMARY },
		{ "body", MSG_WRN_F_BODY },
		{ "related", MSG_WRN_F_RELATED },
		{ "affected", MSG_WRN_F_AFFECTED },
		{ "audience", MSG_WRN_F_AUDIENCE },
		{ "min_level", MSG_WRN_F_MIN_LEVEL },
		{ "units", MSG_WRN_F_UNITS },
		{ "public_at", MSG_WRN_F_PUBLIC_AT },
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

/* The form with what was typed (v[i]: "" the first time). */
static void
form_page(struct req *rq, int status, const char *const *v)
{
	static const char *const kinds[] = { "vulnerability", "incident", "activity" };
	static const enum msg_id kind_l[] = { MSG_WRN_KIND_VULNERABILITY, MSG_WRN_KIND_INCIDENT,
	    MSG_WRN_KIND_ACTIVITY };
	static const char *const sevs[] = { "critical", "high", "medium", "low" };
	static const enum msg_id sev_l[] = { MSG_WRN_SEV_CRITICAL, MSG_WRN_SEV_HIGH,
	    MSG_WRN_SEV_MEDIUM, MSG_WRN_SEV_LOW };
	static const char *const auds[] = { "both", "technical", "governance", "" };
	static const enum msg_id aud_l[] = { MSG_WRN_AUD_BOTH, MSG_WRN_AUD_TECHNICAL,
	    MSG_WRN_AUD_GOVERNANCE, MSG_WRN_AUD_NAMED };
	static const char *const levels[] = { "1", "2", "3", "4" };
	static const enum msg_id level_l[] = { MSG_WRN_LEVEL_1, MSG_WRN_LEVEL_2,
	    MSG_WRN_LEVEL_3, MSG_WRN_LEVEL_4 };
	struct layout_control	c;

	resp_html(rq, status);
	layout_begin(rq, MSG_WRN_NEW_TITLE);
	tmpl_raw(rq, "<p class=\"crumbs\"><a href=\"/warnings\">");	/* literal */
	tmpl_msg(rq, MSG_WRN_LIST_TITLE);
	tmpl_raw(rq, "</a></p>\n");	/* literal */
	layout_wrap(rq, "<h1>", MSG_WRN_NEW_TITLE, "</h1>\n");
	layout_wrap(rq, "<p class=\"lead\">", MSG_WRN_NEW_INTRO, "</p>\n");
	layout_error_summary(rq, summary_target);
	tmpl_raw(rq, "<form class=\"stack wide warning-form\" method=\"post\" "
	    "action=\"/warnings/new\">");	/* literal */
	tmpl_csrf(rq);
	layout_wrap(rq, "<fieldset class=\"group\"><legend>", MSG_WRN_SEC_WHAT, "</legend>");
	c = layout_control_for(rq, "kind", MSG_WRN_F_KIND, MSG_OK, false);
	layout_word_select(rq, &c, kinds, kind_l, 3, MSG_WRN_CHOOSE, v[WN_KIND]);
	c = layout_control_for(rq, "severity", MSG_WRN_F_SEVERITY, MSG_OK, false);
	layout_word_select(rq, &c, sevs, sev_l, 4, MSG_WRN_CHOOSE, v[WN_SEVERITY]);
	c = layout_control_for(rq, "title", MSG_WRN_F_TITLE, MSG_WRN_F_TITLE_HINT, false);
	layout_text_input(rq, &c, "text", v[WN_TITLE], WARNING_TITLE_MAX, true);
	c = layout_control_for(rq, "body", MSG_WRN_F_BODY, MSG_WRN_F_BODY_HINT, false);
	layout_textarea(rq, &c, v[WN_BODY], WW_BODY_ROWS, 0, true);
	c = layout_control_for(rq, "related", MSG_WRN_F_RELATED, MSG_WRN_F_RELATED_HINT, true);
	layout_text_input(rq, &c, "text", v[WN_RELATED], WARNING_RELATED_MAX, false);
	c = layout_control_for(rq, "affected", MSG_WRN_F_AFFECTED, MSG_OK, true);
	layout_textarea(rq, &c, v[WN_AFFECTED], 3, 0, false);
	tmpl_raw(rq, "</fieldset>\n");	/* literal */
	layout_wrap(rq, "<fieldset class=\"group\"><legend>", MSG_WRN_SEC_WHO, "</legend>");
	c = layout_control_for(rq, "audience", MSG_WRN_F_AUDIENCE, MSG_OK, false);
	layout_word_select(rq, &c, auds, aud_l, 4, MSG_OK, v[WN_AUDIENCE]);
	c = layout_control_for(rq, "min_level", MSG_WRN_F_MIN_LEVEL, MSG_OK, false);
	layout_word_select(rq, &c, levels, level_l, 4, MSG_OK, v[WN_LEVEL]);
	c = layout_control_for(rq, "units", MSG_WRN_F_UNITS, MSG_WRN_F_UNITS_HINT, true);
	layout_text_input(rq, &c, "text", v[WN_UNITS], 0, false);
	tmpl_raw(rq, "</fieldset>\n");	/* literal */
	layout_wrap(rq, "<fieldset class=\"group\"><legend>", MSG_WRN_SEC_PUBLIC, "</legend>");
	c = layout_control_for(rq, "public_at", MSG_WRN_F_PUBLIC_AT,
	    MSG_WRN_F_PUBLIC_AT_HINT, true);
	layout_text_input(rq, &c, "datetime-local", v[WN_PUBLIC_AT], 0, false);
	c = layout_control_for(rq, "summary", MSG_WRN_F_SUMMARY, MSG_WRN_F_SUMMARY_HINT, true);
	layout_textarea(rq, &c, v[WN_SUMMARY], 3, 0, false);
	tmpl_raw(rq, "</fieldset>\n");	/* literal */
	layout_submit(rq, MSG_WRN_SUBMIT);
	tmpl_raw(rq, "</form>\n");	/* literal */
	layout_end(rq);
}

static enum app_err
new_get(struct req *rq)
{
	struct svc_ctx	 c = web_ctx(rq);
	const char	*v[WN__MAX];
	size_t		 i;

	if (!registry(rq))
		return not_registry(rq);
	if (!svc_warning_may_issue(&c)) {
		req_fail(rq, APP_FORBIDDEN, NULL, MSG_ERR_WARNING_ISSUER);
		rq->err_rule = "R40";
		return APP_FORBIDDEN;
	}
	for (i = 0; i < WN__MAX; i++)
		v[i] = "";
	v[WN_AUDIENCE] = "both";
	v[WN_LEVEL] = "1";
	form_page(rq, 200, v);
	return APP_OK;
}

/* "3, 5" into ids; false when it is not a list of positive numbers. */
static bool
units_parse(struct req *rq, const char *text, int64_t **out, size_t *n)
{
	struct str	 rest = str_from(text), one;
	int64_t		*u = arena_calloc(rq->arena, strlen(text) / 2 + 2, sizeof(*u));

	*n = 0;
	while (rest.n > 0) {
		one = str_trim(str_split(&rest, ','));
		if (one.n == 0)
			continue;
		if (parse_i64(one.p, one.n, 1, INT64_MAX, &u[*n]) != 0)
			return false;
		(*n)++;
	}
	*out = u;
	return true;
}

static enum app_err
new_post(struct req *rq)
{
	struct svc_ctx		c = web_ctx(rq);
	struct warning_in	in;
	struct warning_row	w;
	struct wd_problem	p[WARNING_MAX_PROBLEMS];
	struct fault		f = { .er = APP_OK };
	const char		*v[WN__MAX];
	int64_t			*units = NULL, lvl = 0;
	size_t			 i, nunits = 0;
	int			 np = 0, status;
	enum app_err		 er;

	if (!registry(rq))
		return not_registry(rq);
	for (i = 0; i < WN__MAX; i++)
		v[i] = web_pstr(req_param(rq, i));
	memset(&in, 0, sizeof(in));
	in.kind = v[WN_KIND];
	in.severity = v[WN_SEVERITY];
	in.title = v[WN_TITLE];
	in.summary = v[WN_SUMMARY];
	in.body = v[WN_BODY];
	in.related = v[WN_RELATED];
	in.affected = v[WN_AFFECTED];
	in.audience = v[WN_AUDIENCE];
	in.public_at = v[WN_PUBLIC_AT];
	if (v[WN_LEVEL][0] != '\0' &&
	    parse_i64(v[WN_LEVEL], strlen(v[WN_LEVEL]), 1, 4, &lvl) != 0)
		lvl = 99;	/* refused by the checks, beside its field */
	in.min_level = (int)lvl;
	if (!units_parse(rq, v[WN_UNITS], &units, &nunits)) {
		er = req_fail(rq, APP_INVALID, "units", MSG_ERR_WARNING_UNITS);
		form_page(rq, 422, v);
		return er;
	}
	in.units = units;
	in.nunits = nunits;
	if ((er = svc_warning_issue(&c, &in, &w, p, &np, &f)) == APP_OK)
		/* An id of the report id's shape: safe in a URL as it is. */
		return resp_redirect(rq, arena_printf(rq->arena, "/warnings/%s?done=issued",
		    w.id));
	for (i = 0; i < (size_t)np; i++)
		req_field_error(rq, p[i].field, p[i].msg);
	er = web_fault(rq, er, &f);
	if ((status = web_form_status(rq, er, &f)) != 0)
		form_page(rq, status, v);
	return er;
}

/* --- the lists --- */

static void
rows(struct req *rq, const struct warning_row *ws, size_t n, bool counts)
{
	size_t	i;

	tmpl_raw(rq, "<div class=\"table-wrap\"><table class=\"data warnings\">"
	    "<thead><tr>");	/* literal */
	layout_th(rq, MSG_WRN_ID);
	layout_th(rq, MSG_WRN_F_TITLE);
	layout_th(rq, MSG_WRN_F_KIND);
	layout_th(rq, MSG_WRN_F_SEVERITY);
	layout_th(rq, MSG_WRN_STATE);
	if (counts)
		layout_th(rq, MSG_WRN_COUNTS);
	layout_th(rq, MSG_WRN_ISSUED_AT);
	tmpl_raw(rq, "</tr></thead><tbody>\n");	/* literal */
	for (i = 0; i < n; i++) {
		tmpl_raw(rq, "<tr><td>");	/* literal */
		layout_code_link(rq, arena_printf(rq->arena, "/warnings/%s", ws[i].id), ws[i].id);
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_text(rq, ws[i].title);
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_msg(rq, kind_msgs[ws[i].kind]);
		tmpl_raw(rq, "</td><td>");	/* literal */
		severity_badge(rq, ws[i].severity);
		tmpl_raw(rq, "</td><td>");	/* literal */
		state_badge(rq, ws[i].state);
		if (counts) {
			tmpl_raw(rq, "</td><td class=\"num\">");	/* literal */
			tmpl_textf(rq, "%lld / %lld / %lld", (long long)ws[i].ndelivered,
			    (long long)ws[i].nacknowledged, (long long)ws[i].nrefused);
		}
		tmpl_raw(rq, "</td><td class=\"nowrap\">");	/* literal */
		tmpl_time(rq, ws[i].issued_at);
		tmpl_raw(rq, "</td></tr>\n");	/* literal */
	}
	tmpl_raw(rq, "</tbody></table></div>\n");	/* literal */
}

static enum app_err
list_get(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct warning_row	*ws = NULL;
	const struct param_val	*before = req_param(rq, WL_BEFORE);
	size_t			 n = 0;
	int64_t			 next = 0;
	bool			 all;
	enum app_err		 er;

	if (!registry(rq))
		return not_registry(rq);
	if ((er = svc_warning_list(&c, before->present ? before->i : 0, WW_PAGE_ROWS + 1, &ws,
	    &n, &f)) != APP_OK)
		return web_fault(rq, er, &f);
	if (n > WW_PAGE_ROWS) {
		n = WW_PAGE_ROWS;
		next = ws[n - 1].rowid;
	}
	all = staff(rq) || rq->user->role == UROLE_REGULATOR;
	resp_html(rq, 200);
	layout_begin(rq, MSG_WRN_LIST_TITLE);
	layout_wrap(rq, "<h1>", MSG_WRN_LIST_TITLE, "</h1>\n");
	layout_wrap(rq, "<p class=\"lead\">", MSG_WRN_LIST_INTRO, "</p>\n");
	tmpl_raw(rq, "<p class=\"links-inline\">");	/* literal */
	if (svc_warning_may_issue(&c))
		layout_link(rq, "/warnings/new", MSG_WRN_NEW_TITLE);
	layout_link(rq, "/warnings/public", MSG_WRN_PUBLIC_TITLE);
	tmpl_raw(rq, "</p>\n");	/* literal */
	if (n == 0)
		layout_wrap(rq, "<p class=\"muted\">", MSG_WRN_NONE, "</p>\n");
	else
		rows(rq, ws, n, all);
	layout_pager(rq, before->present ? "/warnings" : NULL, next > 0 ?
	    arena_printf(rq->arena, "/warnings?before=%lld", (long long)next) : NULL);
	layout_end(rq);
	return APP_OK;
}

/* R_PUBLIC: the same page for everyone; before is the page number here. */
static enum app_err
public_get(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct warning_row	*ws = NULL;
	const struct param_val	*pg = req_param(rq, WL_BEFORE);
	int64_t			 page = pg->present ? pg->i : 1;
	size_t			 n = 0, i;
	bool			 more;
	enum app_err		 er;

	if (!registry(rq))
		return not_registry(rq);
	if (page > INT64_MAX / WW_PAGE_ROWS)
		page = 1;
	if ((er = svc_warning_public(&c, (page - 1) * WW_PAGE_ROWS, WW_PAGE_ROWS + 1, &ws, &n,
	    &f)) != APP_OK)
		return web_fault(rq, er, &f);
	more = n > WW_PAGE_ROWS;
	if (more)
		n = WW_PAGE_ROWS;
	resp_html(rq, 200);
	layout_begin(rq, MSG_WRN_PUBLIC_TITLE);
	layout_wrap(rq, "<h1>", MSG_WRN_PUBLIC_TITLE, "</h1>\n");
	layout_wrap(rq, "<p class=\"lead\">", MSG_WRN_PUBLIC_INTRO, "</p>\n");
	if (n == 0)
		layout_wrap(rq, "<p class=\"muted\">", MSG_WRN_NONE, "</p>\n");
	for (i = 0; i < n; i++) {
		tmpl_raw(rq, "<article class=\"card warning-public\"><h2>");	/* literal */
		tmpl_text(rq, ws[i].title);
		tmpl_raw(rq, "</h2><p class=\"meta\"><code>");	/* literal */
		tmpl_text(rq, ws[i].id);
		tmpl_raw(rq, "</code> · ");	/* literal */
		tmpl_msg(rq, kind_msgs[ws[i].kind]);
		tmpl_raw(rq, " · ");	/* literal */
		severity_badge(rq, ws[i].severity);
		tmpl_raw(rq, " · ");	/* literal */
		tmpl_time(rq, ws[i].issued_at);
		tmpl_raw(rq, "</p><p class=\"pre-line\">");	/* literal */
		tmpl_text(rq, ws[i].summary);
		tmpl_raw(rq, "</p></article>\n");	/* literal */
	}
	layout_pager(rq, page > 1 ? "/warnings/public" : NULL, more ?
	    arena_printf(rq->arena, "/warnings/public?before=%lld", (long long)(page + 1)) :
	    NULL);
	tmpl_raw(rq, "<p class=\"links-inline\">");	/* literal */
	layout_link(rq, "/api/v1/warnings/public", MSG_WRN_PUBLIC_JSON);
	tmpl_raw(rq, "</p>\n");	/* literal */
	layout_end(rq);
	return APP_OK;
}

/* --- one warning --- */

static void
deliveries(struct req *rq, const struct warning_view *v)
{
	size_t	i;

	layout_wrap(rq, "<section id=\"deliveries\"><h2>", MSG_WRN_DELIVERIES, "</h2>");
	if (v->ndeliveries == 0) {
		layout_wrap(rq, "<p class=\"muted\">", MSG_WRN_NO_DELIVERIES, "</p></section>\n");
		return;
	}
	tmpl_raw(rq, "<div class=\"table-wrap\"><table class=\"data deliveries\">"
	    "<thead><tr>");	/* literal */
	layout_th(rq, MSG_WRN_UNIT);
	layout_th(rq, MSG_WRN_LEVEL);
	layout_th(rq, MSG_WRN_STATE);
	layout_th(rq, MSG_WRN_DELIVERED_AT);
	layout_th(rq, MSG_WRN_ACKED_AT);
	layout_th(rq, MSG_WRN_ACKED_BY);
	layout_th(rq, MSG_WRN_RULE);
	tmpl_raw(rq, "</tr></thead><tbody>\n");	/* literal */
	for (i = 0; i < v->ndeliveries; i++) {
		const struct warning_delivery	*d = &v->deliveries[i];

		tmpl_raw(rq, "<tr><td>");	/* literal */
		tmpl_text(rq, d->unit_name);
		tmpl_raw(rq, " <span class=\"muted\">");	/* literal */
		tmpl_msg(rq, unit_type_label(d->unit_type));
		tmpl_raw(rq, "</span></td><td>");	/* literal */
		tmpl_msg(rq, unit_level_label(d->level));
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_raw(rq, d->state == WDS_REFUSED ? "<span class=\"badge badge-warn\">" :
		    "<span class=\"badge\">");	/* literal: one of two */
		tmpl_msg(rq, dstate_msgs[d->state]);
		tmpl_raw(rq, "</span></td><td class=\"nowrap\">");	/* literal */
		tmpl_time(rq, d->delivered_at);
		tmpl_raw(rq, "</td><td class=\"nowrap\">");	/* literal */
		tmpl_time(rq, d->acknowledged_at);
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_text(rq, d->acknowledged_login);
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_text(rq, d->rule);
		tmpl_raw(rq, "</td></tr>\n");	/* literal */
	}
	tmpl_raw(rq, "</tbody></table></div></section>\n");	/* literal */
}

static enum msg_id
done_msg(const char *done)
{
	if (strcmp(done, "issued") == 0)
		return MSG_WRN_DONE_ISSUED;
	if (strcmp(done, "acknowledged") == 0)
		return MSG_WRN_DONE_ACKED;
	if (strcmp(done, "withdrawn") == 0)
		return MSG_WRN_DONE_WITHDRAWN;
	return MSG_OK;
}

/* One warning (svc_warning_get decides who may; the read is audited). */
static enum app_err
view_page(struct req *rq, int status, const char *id, const char *done, const char *reason)
{
	struct svc_ctx		c = web_ctx(rq);
	struct warning_view	v;
	struct fault		f = { .er = APP_OK };
	struct layout_control	lc;
	struct sbuf		md;
	enum msg_id		dm;
	enum app_err		er;

	if ((er = svc_warning_get(&c, id, &v, &f)) != APP_OK)
		return rq->err != APP_OK ? rq->err : web_fault(rq, er, &f);
	sbuf_init(&md, rq->arena, 0);
	if ((er = markdown_render(v.body, strlen(v.body), &md)) != APP_OK)
		return req_fail(rq, er, NULL, MSG_ERR_INTERNAL);
	resp_html(rq, status);
	layout_begin(rq, MSG_WRN_VIEW_TITLE);
	tmpl_raw(rq, "<p class=\"crumbs\"><a href=\"/warnings\">");	/* literal */
	tmpl_msg(rq, MSG_WRN_LIST_TITLE);
	tmpl_raw(rq, "</a></p>\n<h1>");	/* literal */
	tmpl_text(rq, v.w.title);
	tmpl_raw(rq, " ");	/* literal */
	state_badge(rq, v.w.state);
	tmpl_raw(rq, "</h1>\n");	/* literal */
	if ((dm = done_msg(done)) != MSG_OK)
		layout_flash_msg(rq, FLASH_OK, dm);
	if (!v.staff)
		layout_wrap(rq, "<p class=\"hint\">", MSG_WRN_READ_AUDITED, "</p>\n");
	tmpl_raw(rq, "<section class=\"detail\" id=\"warning\"><dl class=\"meta\">");	/* literal */
	layout_wrap(rq, "<dt>", MSG_WRN_ID, "</dt><dd><code>");
	tmpl_text(rq, v.w.id);
	tmpl_raw(rq, "</code></dd>");	/* literal */
	dl_msg(rq, MSG_WRN_F_KIND, kind_msgs[v.w.kind]);
	layout_wrap(rq, "<dt>", MSG_WRN_F_SEVERITY, "</dt><dd>");
	severity_badge(rq, v.w.severity);
	tmpl_raw(rq, "</dd>");	/* literal */
	layout_dl_text(rq, MSG_WRN_F_RELATED, v.w.related, false);
	layout_dl_text(rq, MSG_WRN_F_AFFECTED, v.w.affected, true);
	layout_dl_text(rq, MSG_WRN_ISSUER, v.w.issuer_org_name[0] != '\0' ?
	    v.w.issuer_org_name : req_msg(rq, MSG_WRN_ISSUER_REGISTRY), false);
	layout_dl_time(rq, MSG_WRN_ISSUED_AT, v.w.issued_at, MSG_WEB_NONE);
	layout_dl_time(rq, MSG_WRN_F_PUBLIC_AT, v.w.public_at, MSG_WRN_NEVER_PUBLIC);
	if (v.staff) {
		dl_msg(rq, MSG_WRN_F_AUDIENCE, v.w.audience == WAUD_BOTH ? MSG_WRN_AUD_BOTH :
		    v.w.audience == WAUD_TECHNICAL ? MSG_WRN_AUD_TECHNICAL :
		    v.w.audience == WAUD_GOVERNANCE ? MSG_WRN_AUD_GOVERNANCE : MSG_WRN_AUD_NAMED);
		dl_msg(rq, MSG_WRN_F_MIN_LEVEL, unit_level_label(v.w.min_level));
		layout_dl_text(rq, MSG_WRN_F_UNITS, v.w.unit_ids, false);
	}
	if (v.w.state == WST_WITHDRAWN) {
		layout_dl_time(rq, MSG_WRN_ST_WITHDRAWN, v.w.withdrawn_at, MSG_WEB_NONE);
		layout_dl_text(rq, MSG_WRN_WITHDRAW_REASON, v.w.withdraw_reason, true);
	}
	if (v.w.summary[0] != '\0')
		layout_dl_text(rq, MSG_WRN_F_SUMMARY, v.w.summary, true);
	tmpl_raw(rq, "</dl>");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WRN_F_BODY, "</h2><div class=\"md\">");
	tmpl_raw(rq, md.buf);	/* markdown_render output (safe mode, tagfilter) */
	tmpl_raw(rq, "</div></section>\n");	/* literal */
	if (v.member) {
		tmpl_raw(rq, "<section id=\"acknowledge\">");	/* literal */
		if (v.can_ack) {
			tmpl_raw(rq, "<form method=\"post\"");	/* literal */
			tmpl_attr(rq, "action", arena_printf(rq->arena,
			    "/warnings/%s/acknowledge", v.w.id));
			tmpl_raw(rq, ">");	/* literal */
			tmpl_csrf(rq);
			layout_submit(rq, MSG_WRN_ACK_BUTTON);
			tmpl_raw(rq, "</form>");	/* literal */
		} else if (v.acked_at != 0)
			tmpl_text(rq, layout_msgf(rq, MSG_WRN_ACKED_NOTE, v.acked_by));
		tmpl_raw(rq, "</section>\n");	/* literal */
	}
	if (v.staff)
		deliveries(rq, &v);
	if (staff(rq) && v.w.state == WST_ISSUED) {
		tmpl_raw(rq, "<section id=\"withdraw\"><form class=\"stack\" "
		    "method=\"post\"");	/* literal */
		tmpl_attr(rq, "action", arena_printf(rq->arena, "/warnings/%s/withdraw", v.w.id));
		tmpl_raw(rq, ">");	/* literal */
		tmpl_csrf(rq);
		layout_wrap(rq, "<h2>", MSG_WRN_WITHDRAW, "</h2>");
		layout_form_errors(rq);
		lc = layout_control_for(rq, "reason", MSG_WRN_WITHDRAW_REASON, MSG_OK, false);
		layout_textarea(rq, &lc, reason, 3, 0, true);
		layout_submit(rq, MSG_WRN_WITHDRAW);
		tmpl_raw(rq, "</form></section>\n");	/* literal */
	}
	layout_end(rq);
	return APP_OK;
}

static enum app_err
view_get(struct req *rq)
{
	const char	*id;

	if (!registry(rq))
		return not_registry(rq);
	if ((id = web_path_id(rq, WV_ID)) == NULL)
		return req_fail(rq, APP_NOTFOUND, NULL, MSG_ERR_NO_SUCH_WARNING);
	return view_page(rq, 200, id, web_pstr(req_param(rq, WV_DONE)), "");
}

static enum app_err
step_answer(struct req *rq, enum app_err er, struct fault *f, const char *id,
    const char *done, const char *reason)
{
	enum app_err	rer;
	int		status;

	if (er == APP_OK)
		return resp_redirect(rq, arena_printf(rq->arena, "/warnings/%s?done=%s", id,
		    done));
	er = web_fault(rq, er, f);
	status = web_form_status(rq, er, f);
	if (status != 0 && (rer = view_page(rq, status, id, "", reason)) != APP_OK)
		er = rer;
	return er;
}

static enum app_err
ack_post(struct req *rq)
{
	struct svc_ctx		c = web_ctx(rq);
	struct warning_view	v;
	struct fault		f = { .er = APP_OK };
	const char		*id;

	if (!registry(rq))
		return not_registry(rq);
	if ((id = web_path_id(rq, WA_ID)) == NULL)
		return req_fail(rq, APP_NOTFOUND, NULL, MSG_ERR_NO_SUCH_WARNING);
	return step_answer(rq, svc_warning_ack(&c, id, &v, &f), &f, id, "acknowledged", "");
}

static enum app_err
withdraw_post(struct req *rq)
{
	struct svc_ctx		c = web_ctx(rq);
	struct warning_row	w;
	struct fault		f = { .er = APP_OK };
	const char		*id, *reason = web_pstr(req_param(rq, WW_REASON));

	if (!registry(rq))
		return not_registry(rq);
	if ((id = web_path_id(rq, WW_ID)) == NULL)
		return req_fail(rq, APP_NOTFOUND, NULL, MSG_ERR_NO_SUCH_WARNING);
	return step_answer(rq, svc_warning_withdraw(&c, id, reason, &w, &f), &f, id,
	    "withdrawn", reason);
}

/*
 * The public list is R_PUBLIC (no session: one cached page for everyone,
 * refreshed when a warning is issued or withdrawn, and at least hourly for
 * those whose public date arrives).  The rest takes an account; svc/
 * decides who reads what, and answers 404 to those a warning is not for.
 */
const struct route warning_web_routes[] = {
	{ HTTP_GET, "/warnings", PERM_ACCOUNT, R_WEB, PARAMS(list_params), list_get },
	{ HTTP_GET, "/warnings/public", PERM_NONE, R_WEB | R_PUBLIC, PARAMS(list_params),
	    public_get },
	{ HTTP_GET, "/warnings/new", PERM_ACCOUNT, R_WEB, NOPARAMS, new_get },
	{ HTTP_POST, "/warnings/new", PERM_ACCOUNT, R_WEB | R_FORM, PARAMS(new_params),
	    new_post },
	{ HTTP_GET, "/warnings/{id}", PERM_ACCOUNT, R_WEB, PARAMS(view_params), view_get },
	{ HTTP_POST, "/warnings/{id}/acknowledge", PERM_ACCOUNT, R_WEB | R_FORM,
	    PARAMS(ack_params), ack_post },
	{ HTTP_POST, "/warnings/{id}/withdraw", PERM_CASES_MANAGE, R_WEB | R_FORM,
	    PARAMS(withdraw_params), withdraw_post },
};
const size_t	warning_web_nroutes = sizeof(warning_web_routes) / sizeof(warning_web_routes[0]);
