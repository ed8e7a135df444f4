/*
 * The report lists (the reporter's own, and the staff queue with filters)
 * and one report with its details rendered from Markdown.
 */
#include <string.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/sbuf.h"
#include "domain/report.h"
#include "http/auth.h"
#include "store/store.h"
#include "store/store_apps.h"
#include "svc/apps.h"
#include "svc/intake.h"
#include "web/apps_int.h"
#include "web/cases_int.h"
#include "web/layout.h"
#include "web/markdown.h"
#include "web/reports_int.h"
#include "web/tmpl.h"
#include "web/web_int.h"

/* An option list: "" (all) and then each name. */
static void
filter_select(struct req *rq, const char *name, enum msg_id label,
    const char *const *values, const enum msg_id *labels, int n, const char *cur)
{
	const char	*id = arena_printf(rq->arena, "q-%s", name);
	int		 i;

	tmpl_raw(rq, "<div class=\"field\"><label");	/* literal */
	tmpl_attr(rq, "for", id);
	tmpl_raw(rq, ">");	/* literal */
	tmpl_msg(rq, label);
	tmpl_raw(rq, "</label><select");	/* literal */
	tmpl_attr(rq, "id", id);
	tmpl_attr(rq, "name", name);
	tmpl_raw(rq, "><option value=\"\">");	/* literal */
	tmpl_msg(rq, MSG_WEB_REPORTS_ALL);
	tmpl_raw(rq, "</option>");	/* literal */
	for (i = 0; i < n; i++) {
		tmpl_raw(rq, "<option");	/* literal */
		tmpl_attr(rq, "value", values[i]);
		if (strcmp(cur, values[i]) == 0)
			tmpl_raw(rq, " selected");	/* literal */
		tmpl_raw(rq, ">");	/* literal */
		tmpl_msg(rq, labels[i]);
		tmpl_raw(rq, "</option>");	/* literal */
	}
	tmpl_raw(rq, "</select></div>");	/* literal */
}

/* The list's filters (each "" when not set). */
struct rfilter {
	const char	*status;
	const char	*kind;
	const char	*q;
	const char	*app;		/* the app's name, package or developer (issue 9) */
	const char	*platform;	/* its platform */
};

static void
filters(struct req *rq, const struct rfilter *rf)
{
	const char	*status = rf->status, *kind = rf->kind, *q = rf->q;
	const char	*snames[RSTATUS__MAX], *knames[RKIND__MAX];
	enum msg_id	 smsgs[RSTATUS__MAX], kmsgs[RKIND__MAX];
	int		 i;

	for (i = 0; i < RSTATUS__MAX; i++) {
		snames[i] = report_status_name((enum report_status)i);
		smsgs[i] = rp_status_msg((enum report_status)i);
	}
	for (i = 0; i < RKIND__MAX; i++) {
		knames[i] = report_kind_name((enum report_kind)i);
		kmsgs[i] = rp_kind_msg((enum report_kind)i);
	}
	tmpl_raw(rq, "<form class=\"filters\" method=\"get\" action=\"/reports\" "
	    "role=\"search\" aria-label=\"");	/* literal */
	tmpl_msg(rq, MSG_WEB_REPORTS_FILTER_LABEL);
	tmpl_raw(rq, "\">");	/* literal */
	filter_select(rq, "status", MSG_WEB_STATUS, snames, smsgs, RSTATUS__MAX,
	    status);
	filter_select(rq, "kind", MSG_WEB_REPORT_F_KIND, knames, kmsgs, RKIND__MAX,
	    kind);
	tmpl_raw(rq, "<div class=\"field grow\"><label for=\"q-q\">");	/* literal */
	tmpl_msg(rq, MSG_WEB_REPORTS_Q);
	tmpl_raw(rq, "</label><input type=\"search\" id=\"q-q\" name=\"q\" "
	    "maxlength=\"100\"");	/* literal */
	tmpl_attr(rq, "placeholder", req_msg(rq, MSG_WEB_REPORTS_Q_HINT));
	tmpl_attr(rq, "value", q);
	tmpl_raw(rq, "></div>");	/* literal */
	/* By the app (issue 9): staff only, who see every report. */
	if (svc_report_sees_all(rq->user))
		wa_filters(rq, rf->app, rf->platform);
	tmpl_raw(rq, "<div class=\"field\"><button type=\"submit\" "
	    "class=\"primary\">");	/* literal */
	tmpl_msg(rq, MSG_WEB_REPORTS_FILTER);
	tmpl_raw(rq, "</button></div>");	/* literal */
	if (status[0] != '\0' || kind[0] != '\0' || q[0] != '\0' || rf->app[0] != '\0' ||
	    rf->platform[0] != '\0') {
		tmpl_raw(rq, "<div class=\"field\">");	/* literal */
		layout_link(rq, "/reports", MSG_WEB_REPORTS_CLEAR);
		tmpl_raw(rq, "</div>");	/* literal */
	}
	tmpl_raw(rq, "</form>\n");	/* literal */
}

/* The list's URL with its filters (and a cursor when before > 0). */
static const char *
list_url(struct req *rq, const struct rfilter *rf, int64_t before)
{
	const char	*names[] = { "status", "kind", "q", "app", "platform" };
	const char	*vals[] = { rf->status, rf->kind, rf->q, rf->app, rf->platform };
	struct sbuf	 url;
	char		 sep = '?';
	size_t		 i;

	sbuf_init(&url, rq->arena, 0);
	sbuf_addstr(&url, "/reports");
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
status_badge(struct req *rq, enum report_status s)
{
	tmpl_raw(rq, "<span");	/* literal */
	tmpl_attr(rq, "class", arena_printf(rq->arena, "badge status-%s",
	    report_status_name(s)));
	tmpl_raw(rq, ">");	/* literal */
	tmpl_msg(rq, rp_status_msg(s));
	tmpl_raw(rq, "</span>");	/* literal */
}

static void
report_row(struct req *rq, const struct report *r, bool staff, bool apps)
{
	tmpl_raw(rq, "<tr><td><a");	/* literal */
	tmpl_href(rq, arena_printf(rq->arena, "/reports/%s", r->id));
	tmpl_raw(rq, "><code>");	/* literal */
	tmpl_text(rq, r->id);
	tmpl_raw(rq, "</code></a></td><td>");	/* literal */
	tmpl_text(rq, r->title);
	tmpl_raw(rq, "</td><td>");	/* literal */
	tmpl_msg(rq, rp_kind_msg(r->kind));
	tmpl_raw(rq, "</td><td>");	/* literal */
	status_badge(rq, r->status);
	tmpl_raw(rq, "</td><td>");	/* literal */
	if (r->vendor != NULL && r->vendor[0] != '\0') {
		tmpl_text(rq, r->vendor);
		tmpl_raw(rq, " · ");	/* literal */
	}
	tmpl_text(rq, r->product);
	tmpl_raw(rq, "</td>");	/* literal */
	if (apps) {
		tmpl_raw(rq, "<td>");	/* literal */
		wa_cell(rq, &r->app);
		tmpl_raw(rq, "</td>");	/* literal */
	}
	if (staff) {
		tmpl_raw(rq, "<td>");	/* literal */
		if (r->reporter_login != NULL)
			tmpl_text(rq, r->reporter_login);
		else
			layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_REPORTS_ANONYMOUS,
			    "</span>");
		tmpl_raw(rq, "</td>");	/* literal */
	}
	tmpl_raw(rq, "<td class=\"nowrap\">");	/* literal */
	tmpl_time(rq, r->received_at);
	tmpl_raw(rq, "</td></tr>\n");	/* literal */
}

enum app_err
reports_list_get(struct req *rq)
{
	struct report_filter	 flt = { .limit = WEB_PAGE_ROWS + 1 };
	struct report		*rs = NULL;
	struct rfilter		 rf = { web_pstr(req_param(rq, REPORTS_STATUS)),
				    web_pstr(req_param(rq, REPORTS_KIND)),
				    web_pstr(req_param(rq, REPORTS_Q)),
				    web_pstr(req_param(rq, REPORTS_APP)),
				    web_pstr(req_param(rq, REPORTS_PLATFORM)) };
	struct fault		 f = { .er = APP_OK };
	const char		*status = rf.status, *kind = rf.kind, *q = rf.q;
	const struct param_val	*before = req_param(rq, REPORTS_BEFORE);
	bool			 staff = svc_report_sees_all(rq->user);
	bool			 filtered, apps;
	enum msg_id		 title = staff ? MSG_WEB_NAV_REPORT_QUEUE :
				    MSG_WEB_NAV_MY_REPORTS;
	size_t			 n = 0, i;
	int64_t			 next = 0;
	enum app_err		 er;

	if (status[0] != '\0') {
		if (report_status_parse(str_from(status)) < 0) {
			er = req_fail(rq, APP_INVALID, "status", MSG_ERR_FIELD_CHOICE);
			goto out;
		}
		flt.status = status;
	}
	if (kind[0] != '\0') {
		if (report_kind_parse(str_from(kind)) < 0) {
			er = req_fail(rq, APP_INVALID, "kind", MSG_ERR_FIELD_CHOICE);
			goto out;
		}
		flt.kind = kind;
	}
	if (q[0] != '\0')
		flt.q = q;
	if (svc_app_filters(rf.app, rf.platform, &f) != APP_OK) {
		er = web_fault(rq, f.er, &f);
		goto out;
	}
	flt.before = before->present ? before->i : 0;
	/* Need-to-know: who is not staff lists their own reports only. */
	if (!staff)
		flt.reporter_id = rq->user->id;
	/* One row more than shown tells whether there is a next page. */
	if ((er = store_report_list_app(rq->store, rq->arena, &flt, rf.app, rf.platform, &rs,
	    &n)) != APP_OK) {
		er = req_fail(rq, er, NULL, MSG_ERR_STORE);
		goto out;
	}
	if (n > WEB_PAGE_ROWS) {
		n = WEB_PAGE_ROWS;
		next = rs[n - 1].leaf_index;
	}
	filtered = flt.status != NULL || flt.kind != NULL || flt.q != NULL ||
	    rf.app[0] != '\0' || rf.platform[0] != '\0';
	/* The app column (issue 9): on a library of apps, or when a report names one. */
	apps = svc_app_library(rq->cfg);
	for (i = 0; i < n && !apps; i++)
		apps = !appinfo_empty(&rs[i].app);

	resp_html(rq, 200);
	layout_begin(rq, title);
	layout_wrap(rq, "<h1>", title, "</h1>\n");
	filters(rq, &rf);
	if (n == 0 && !staff && !filtered && flt.before == 0) {
		layout_wrap(rq, "<p class=\"muted\">", MSG_WEB_REPORTS_NONE_MINE, " ");
		layout_link(rq, "/reports/new", MSG_WEB_NAV_REPORT_NEW);
		tmpl_raw(rq, "</p>\n");	/* literal */
	} else if (n == 0)
		layout_wrap(rq, "<p class=\"muted\">", MSG_WEB_REPORTS_NONE, "</p>\n");
	else {
		tmpl_raw(rq, "<div class=\"table-wrap\"><table class=\"data\">"
		    "<thead><tr>");	/* literal */
		layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_RECEIPT_ID, "</th>");
		layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_REPORT_F_TITLE, "</th>");
		layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_REPORT_F_KIND, "</th>");
		layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_STATUS, "</th>");
		layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_REPORTS_AFFECTED, "</th>");
		if (apps)
			layout_wrap(rq, "<th scope=\"col\">", MSG_APP_COLUMN, "</th>");
		if (staff)
			layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_REPORTS_REPORTER,
			    "</th>");
		layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_RECEIPT_TIME, "</th>");
		tmpl_raw(rq, "</tr></thead><tbody>\n");	/* literal */
		for (i = 0; i < n; i++)
			report_row(rq, &rs[i], staff, apps);
		tmpl_raw(rq, "</tbody></table></div>\n");	/* literal */
	}
	layout_pager(rq, flt.before > 0 ? list_url(rq, &rf, 0) : NULL,
	    next > 0 ? list_url(rq, &rf, next) : NULL);
	layout_end(rq);
out:
	return er;
}

static void
attachments(struct req *rq, const struct report *r, const struct attachment *at,
    size_t n)
{
	size_t	i;

	tmpl_raw(rq, "<section>");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_REPORT_SEC_FILES, "</h2>");
	if (n == 0) {
		layout_wrap(rq, "<p class=\"muted\">", MSG_WEB_REPORT_ATT_NONE, "</p>");
		tmpl_raw(rq, "</section>\n");	/* literal */
		return;
	}
	layout_wrap(rq, "<p class=\"hint\">", MSG_WEB_REPORT_ATT_NOTE, "</p>");
	tmpl_raw(rq, "<div class=\"table-wrap\"><table class=\"data\"><thead><tr>");	/* literal */
	layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_REPORT_ATT_NAME, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_REPORT_ATT_TYPE, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_REPORT_ATT_SIZE, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_REPORT_ATT_SHA256, "</th>");
	tmpl_raw(rq, "</tr></thead><tbody>\n");	/* literal */
	for (i = 0; i < n; i++) {
		/* The API serves it, as a download, with the same need-to-know check. */
		tmpl_raw(rq, "<tr><td><a");	/* literal */
		tmpl_href(rq, arena_printf(rq->arena, "/api/v1/reports/%s/attachments/%lld",
		    r->id, (long long)at[i].id));
		tmpl_attr(rq, "download", at[i].filename);
		tmpl_raw(rq, ">");	/* literal */
		tmpl_text(rq, at[i].filename);
		tmpl_raw(rq, "</a></td><td><code>");	/* literal */
		tmpl_text(rq, at[i].mime);
		tmpl_raw(rq, "</code></td><td class=\"nowrap\">");	/* literal */
		tmpl_text(rq, rp_size_text(rq, at[i].size));
		tmpl_raw(rq, "</td><td><code class=\"hash\">");	/* literal */
		tmpl_text(rq, at[i].sha256);
		tmpl_raw(rq, "</code></td></tr>\n");	/* literal */
	}
	tmpl_raw(rq, "</tbody></table></div></section>\n");	/* literal */
}

enum app_err
rp_view(struct req *rq, int status)
{
	static const enum msg_id	 md_titles[REPORT_MD_FIELDS] = {
		MSG_WEB_REPORT_F_DESCRIPTION, MSG_WEB_REPORT_F_REPRODUCTION,
		MSG_WEB_REPORT_F_IMPACT, MSG_WEB_REPORT_F_FIX,
	};
	struct report			 r;
	struct attachment		*at = NULL;
	struct assess_view		*av = NULL;
	struct progress_view		*pv = NULL;
	struct sbuf			 md[REPORT_MD_FIELDS];
	const char			*src[REPORT_MD_FIELDS];
	size_t				 nat = 0;
	int				 i;
	enum app_err			 er;

	if ((er = rp_report_load(rq, req_param(rq, REPORT_ID), &r)) != APP_OK)
		goto out;
	if ((er = store_attachment_list(rq->store, rq->arena, r.id, &at, &nat)) != APP_OK) {
		er = req_fail(rq, er, NULL, MSG_ERR_STORE);
		goto out;
	}
	if ((er = assess_load(rq, &r, &av)) != APP_OK ||
	    (er = progress_load(rq, &r, &pv)) != APP_OK)
		goto out;
	/* Render first: a failure can still become the error page. */
	src[0] = r.details.description;
	src[1] = r.details.reproduction;
	src[2] = r.details.impact;
	src[3] = r.details.suggested_fix;
	for (i = 0; i < REPORT_MD_FIELDS; i++) {
		sbuf_init(&md[i], rq->arena, 0);
		if (src[i] != NULL && src[i][0] != '\0' &&
		    (er = markdown_render(src[i], strlen(src[i]), &md[i])) != APP_OK) {
			er = req_fail(rq, er, NULL, MSG_ERR_INTERNAL);
			goto out;
		}
	}

	resp_html(rq, status);
	layout_begin(rq, MSG_WEB_REPORT_VIEW_TITLE);
	tmpl_raw(rq, "<p class=\"report-head\"><code>");	/* literal */
	tmpl_text(rq, r.id);
	tmpl_raw(rq, "</code> ");	/* literal */
	status_badge(rq, r.status);
	tmpl_raw(rq, " <span class=\"badge\">");	/* literal */
	tmpl_msg(rq, rp_kind_msg(r.kind));
	tmpl_raw(rq, "</span></p>\n<h1>");	/* literal */
	tmpl_text(rq, r.title);
	tmpl_raw(rq, "</h1>\n");	/* literal */
	/* Staff reads of undisclosed details are audited (svc_report_read, R18). */
	layout_flash_msg(rq, FLASH_INFO, rq->user->id == r.reporter_id ?
	    MSG_WEB_REPORT_SEALED : MSG_WEB_REPORT_AUDITED);

	tmpl_raw(rq, "<dl class=\"meta\">");	/* literal */
	layout_wrap(rq, "<dt>", MSG_WEB_STATUS, "</dt><dd>");
	tmpl_msg(rq, rp_status_msg(r.status));
	tmpl_raw(rq, "</dd>");	/* literal */
	layout_wrap(rq, "<dt>", MSG_WEB_REPORT_F_KIND, "</dt><dd>");
	tmpl_msg(rq, rp_kind_msg(r.kind));
	tmpl_raw(rq, "</dd>");	/* literal */
	layout_wrap(rq, "<dt>", MSG_WEB_REPORTS_REPORTER, "</dt><dd>");
	if (r.reporter_login != NULL)
		tmpl_text(rq, r.reporter_login);
	else
		tmpl_msg(rq, MSG_WEB_REPORTS_ANONYMOUS);
	tmpl_raw(rq, "</dd>");	/* literal */
	layout_wrap(rq, "<dt>", MSG_WEB_RECEIPT_TIME, "</dt><dd>");
	tmpl_time(rq, r.received_at);
	tmpl_raw(rq, "</dd>");	/* literal */
	layout_wrap(rq, "<dt>", MSG_WEB_REPORT_CHANNEL, "</dt><dd>");
	tmpl_msg(rq, rp_channel_msg(r.channel));
	tmpl_raw(rq, "</dd>");	/* literal */
	layout_dl_text(rq, MSG_WEB_REPORT_F_VENDOR, r.vendor, false);
	layout_dl_text(rq, MSG_WEB_REPORT_F_PRODUCT, r.product, false);
	layout_dl_text(rq, MSG_WEB_REPORT_F_MODEL, r.model, false);
	layout_dl_text(rq, MSG_WEB_REPORT_F_VERSIONS, r.versions, false);
	wa_dl(rq, &r.app);	/* the app it is in, if any (issue 9) */
	layout_dl_text(rq, MSG_WEB_REPORT_F_WEAKNESS, r.weakness, false);
	layout_wrap(rq, "<dt>", MSG_WEB_REPORT_F_CVSS, "</dt><dd>");
	if (r.cvss_vector != NULL && r.cvss_vector[0] != '\0') {
		tmpl_raw(rq, "<code>");	/* literal */
		tmpl_text(rq, r.cvss_vector);
		tmpl_raw(rq, "</code>");	/* literal */
	} else
		layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_NONE, "</span>");
	tmpl_raw(rq, "</dd>");	/* literal */
	layout_dl_text(rq, MSG_WEB_REPORT_F_DISCOVERED, r.discovered_at, false);
	layout_wrap(rq, "<dt>", MSG_WEB_REPORT_F_CREDIT, "</dt><dd>");
	if (r.credit == RCREDIT_ALIAS)
		tmpl_text(rq, layout_msgf(rq, MSG_WEB_RCREDIT_ALIAS_AS, r.credit_alias));
	else
		tmpl_msg(rq, rp_credit_msg(r.credit));
	tmpl_raw(rq, "</dd></dl>\n<p class=\"links-inline\">");	/* literal */
	layout_link(rq, arena_printf(rq->arena, "/reports/%s/receipt", r.id),
	    MSG_WEB_REPORT_RECEIPT_LINK);
	layout_link(rq, "/reports", svc_report_sees_all(rq->user) ?
	    MSG_WEB_NAV_REPORT_QUEUE : MSG_WEB_NAV_MY_REPORTS);
	tmpl_raw(rq, "</p>\n");	/* literal */
	cw_ack_button(rq, &r);	/* staff, while the report is received */
	assess_panel(rq, av);	/* staff who assess only */
	progress_panel(rq, pv);	/* the report's own reporter only */

	for (i = 0; i < REPORT_MD_FIELDS; i++) {
		if (md[i].len == 0)
			continue;
		tmpl_raw(rq, "<section class=\"detail\">");	/* literal */
		layout_wrap(rq, "<h2>", md_titles[i], "</h2><div class=\"md\">");
		tmpl_raw(rq, md[i].buf);	/* markdown_render output (safe mode, tagfilter) */
		tmpl_raw(rq, "</div></section>\n");	/* literal */
	}
	tmpl_raw(rq, "<section class=\"detail\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_REPORT_SEC_DISCLOSURE, "</h2><dl class=\"meta\">");
	layout_wrap(rq, "<dt>", MSG_WEB_REPORT_F_CONTACTED, "</dt><dd>");
	tmpl_msg(rq, r.vendor_contacted ? MSG_WEB_YES : MSG_WEB_NO);
	tmpl_raw(rq, "</dd>");	/* literal */
	layout_wrap(rq, "<dt>", MSG_WEB_REPORT_F_CONTACT, "</dt><dd class=\"pre-line\">");
	if (r.details.vendor_contact != NULL && r.details.vendor_contact[0] != '\0')
		tmpl_text(rq, r.details.vendor_contact);
	else
		layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_NONE, "</span>");
	tmpl_raw(rq, "</dd>");	/* literal */
	layout_wrap(rq, "<dt>", MSG_WEB_REPORT_F_PLAN, "</dt><dd class=\"pre-line\">");
	if (r.details.disclosure_plan != NULL && r.details.disclosure_plan[0] != '\0')
		tmpl_text(rq, r.details.disclosure_plan);
	else
		layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_NONE, "</span>");
	tmpl_raw(rq, "</dd></dl></section>\n");	/* literal */
	attachments(rq, &r, at, nat);
	layout_end(rq);
out:
	return er;
}

enum app_err
reports_view_get(struct req *rq)
{
	return rp_view(rq, 200);
}
