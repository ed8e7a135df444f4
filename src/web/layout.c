/*
 * The page frame and form pieces.  Markup skeletons are literals passed to
 * tmpl_raw(); everything that comes from configuration, the catalog or a
 * person goes through an escaping call.
 */
#include <stdarg.h>
#include <string.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/sbuf.h"
#include "domain/authz.h"
#include "http/auth.h"
#include "svc/intake.h"
#include "svc/pfiling.h"
#include "web/layout.h"
#include "web/tmpl.h"
#include "web/web.h"

static const enum msg_id urole_msgs[UROLE__MAX] = {
	[UROLE_REPORTER] = MSG_WEB_UROLE_REPORTER,
	[UROLE_TRIAGER] = MSG_WEB_UROLE_TRIAGER,
	[UROLE_COORDINATOR] = MSG_WEB_UROLE_COORDINATOR,
	[UROLE_VENDOR] = MSG_WEB_UROLE_VENDOR,
	[UROLE_REGULATOR] = MSG_WEB_UROLE_REGULATOR,
	[UROLE_AUDITOR] = MSG_WEB_UROLE_AUDITOR,
	[UROLE_ADMIN] = MSG_WEB_UROLE_ADMIN,
};

static const enum msg_id okind_msgs[ORG__MAX] = {
	[ORG_PROVIDER] = MSG_WEB_OKIND_PROVIDER,
	[ORG_OPERATOR] = MSG_WEB_OKIND_OPERATOR,
	[ORG_PLATFORM] = MSG_WEB_OKIND_PLATFORM,
	[ORG_AUTHORITY] = MSG_WEB_OKIND_AUTHORITY,
	[ORG_SUPPORT_UNIT] = MSG_WEB_OKIND_SUPPORT_UNIT,
};

static const enum msg_id irole_msgs[ROLE__MAX] = {
	[ROLE_PLATFORM] = MSG_WEB_IROLE_PLATFORM,
	[ROLE_PROVIDER] = MSG_WEB_IROLE_PROVIDER,
	[ROLE_REGISTRY] = MSG_WEB_IROLE_REGISTRY,
};

/* Class names of the notice boxes (literals). */
static const char *const flash_open[FLASH__MAX] = {
	"<div class=\"flash flash-info\" role=\"status\">",	/* FLASH_INFO */
	"<div class=\"flash flash-ok\" role=\"status\">",	/* FLASH_OK */
	"<div class=\"flash flash-warn\" role=\"status\">",	/* FLASH_WARN */
	"<div class=\"flash flash-error\" role=\"alert\">",	/* FLASH_ERROR */
};

enum msg_id
layout_user_role_msg(enum user_role r)
{
	return (unsigned)r < UROLE__MAX ? urole_msgs[r] : MSG_WEB_NONE;
}

enum msg_id
layout_org_kind_msg(enum org_kind k)
{
	return (unsigned)k < ORG__MAX ? okind_msgs[k] : MSG_WEB_NONE;
}

enum msg_id
layout_instance_role_msg(enum instance_role r)
{
	return (unsigned)r < ROLE__MAX ? irole_msgs[r] : MSG_WEB_NONE;
}

const char *
layout_msgf(const struct req *rq, enum msg_id id, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, id);
	/* The catalog's formats are ours; the .def comments name their arguments. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	s = arena_vprintf(rq->arena, msg(rq->lang, id), ap);
#pragma GCC diagnostic pop
	va_end(ap);
	return s;
}

void
layout_wrap(struct req *rq, const char *open, enum msg_id id, const char *close)
{
	tmpl_raw(rq, open);	/* literal: the caller's tag */
	tmpl_msg(rq, id);
	tmpl_raw(rq, close);	/* literal: the caller's tag */
}

void
layout_link(struct req *rq, const char *href, enum msg_id text)
{
	tmpl_raw(rq, "<a");	/* literal */
	tmpl_href(rq, href);
	tmpl_raw(rq, ">");	/* literal */
	tmpl_msg(rq, text);
	tmpl_raw(rq, "</a>");	/* literal */
}

void
layout_th(struct req *rq, enum msg_id text)
{
	layout_wrap(rq, "<th scope=\"col\">", text, "</th>");
}

void
layout_code_link(struct req *rq, const char *href, const char *text)
{
	if (href != NULL) {
		tmpl_raw(rq, "<a");	/* literal */
		tmpl_href(rq, href);
		tmpl_raw(rq, ">");	/* literal */
	}
	tmpl_raw(rq, "<code>");	/* literal */
	tmpl_text(rq, text);
	tmpl_raw(rq, "</code>");	/* literal */
	if (href != NULL)
		tmpl_raw(rq, "</a>");	/* literal */
}

void
layout_dl_text(struct req *rq, enum msg_id term, const char *text, bool pre)
{
	layout_wrap(rq, "<dt>", term, pre ? "</dt><dd class=\"pre-line\">" : "</dt><dd>");
	if (text != NULL && text[0] != '\0')
		tmpl_text(rq, text);
	else
		layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_NONE, "</span>");
	tmpl_raw(rq, "</dd>");	/* literal */
}

void
layout_dl_time(struct req *rq, enum msg_id term, int64_t t, enum msg_id none)
{
	layout_wrap(rq, "<dt>", term, "</dt><dd>");
	if (t > 0)
		tmpl_time(rq, t);
	else
		layout_wrap(rq, "<span class=\"muted\">", none, "</span>");
	tmpl_raw(rq, "</dd>");	/* literal */
}

void
layout_text_input(struct req *rq, const struct layout_control *c, const char *type,
    const char *value, size_t maxlength, bool required)
{
	layout_control_open(rq, c);
	tmpl_raw(rq, "<input autocomplete=\"off\"");	/* literal */
	tmpl_attr(rq, "type", type);
	layout_control_attrs(rq, c);
	if (maxlength > 0)
		tmpl_attr(rq, "maxlength", arena_printf(rq->arena, "%zu", maxlength));
	if (required)
		tmpl_raw(rq, " required");	/* literal */
	tmpl_attr(rq, "value", value != NULL ? value : "");
	tmpl_raw(rq, "></div>\n");	/* literal */
}

void
layout_textarea(struct req *rq, const struct layout_control *c, const char *value,
    int rows, size_t maxlength, bool required)
{
	layout_control_open(rq, c);
	tmpl_raw(rq, "<textarea");	/* literal */
	layout_control_attrs(rq, c);
	tmpl_attr(rq, "rows", arena_printf(rq->arena, "%d", rows));
	if (maxlength > 0)
		tmpl_attr(rq, "maxlength", arena_printf(rq->arena, "%zu", maxlength));
	if (required)
		tmpl_raw(rq, " required");	/* literal */
	tmpl_raw(rq, ">");	/* literal */
	/* A textarea drops one leading newline: keep a typed one. */
	if (value != NULL && value[0] == '\n')
		tmpl_raw(rq, "\n");	/* literal */
	tmpl_text(rq, value != NULL ? value : "");
	tmpl_raw(rq, "</textarea></div>\n");	/* literal */
}

void
layout_pager(struct req *rq, const char *first, const char *next)
{
	if (first == NULL && next == NULL)
		return;
	tmpl_raw(rq, "<nav class=\"pager\" aria-label=\"");	/* literal */
	tmpl_msg(rq, MSG_WEB_PAGER_LABEL);
	tmpl_raw(rq, "\">");	/* literal */
	if (first != NULL)
		layout_link(rq, first, MSG_WEB_PAGER_FIRST);
	if (next != NULL)
		layout_link(rq, next, MSG_WEB_PAGER_NEXT);
	tmpl_raw(rq, "</nav>\n");	/* literal */
}

static bool
has_get_route(const char *path)
{
	static const struct {
		const struct route	*r;
		const size_t		*n;
	} tables[] = {
		{ web_routes, &web_nroutes },
		{ case_routes, &case_nroutes },
		{ clock_web_routes, &clock_web_nroutes },
		{ submission_web_routes, &submission_web_nroutes },
		{ unotice_web_routes, &unotice_web_nroutes },
		{ advisory_web_routes, &advisory_web_nroutes },
		{ disclosure_web_routes, &disclosure_web_nroutes },
		{ complaint_web_routes, &complaint_web_nroutes },
		{ filing_web_routes, &filing_web_nroutes },
		{ pfiling_web_routes, &pfiling_web_nroutes },
		{ unit_web_routes, &unit_web_nroutes },
		{ stats_web_routes, &stats_web_nroutes },
		{ warning_web_routes, &warning_web_nroutes },
		{ dispute_web_routes, &dispute_web_nroutes },
	};
	size_t	t, i;

	for (t = 0; t < sizeof(tables) / sizeof(tables[0]); t++)
		for (i = 0; i < *tables[t].n; i++)
			if (tables[t].r[i].method == HTTP_GET &&
			    strcmp(tables[t].r[i].pattern, path) == 0)
				return true;
	return false;
}

/*
 * The page a person is looking at, for the language switch and the current
 * navigation entry.  After a POST (a form shown again) that is the GET page
 * at the same path, or the nearest one above it: /account/tokens belongs to
 * /account.  A language switch must never lead back to a POST-only path.
 */
static const char *
page_path(struct req *rq)
{
	char	*p, *slash;

	if (rq->path == NULL || rq->path[0] != '/')
		return "/";
	if ((rq->method == HTTP_GET || rq->method == HTTP_HEAD) &&
	    strcmp(rq->path, "/lang") != 0)
		return rq->path;
	p = arena_strdup(rq->arena, rq->path);
	while (!has_get_route(p) || strcmp(p, "/lang") == 0) {
		if ((slash = strrchr(p, '/')) == NULL || slash == p)
			return "/";
		*slash = '\0';
	}
	return p;
}

static void
nav_item(struct req *rq, const char *here, const char *href, enum msg_id text)
{
	tmpl_raw(rq, "<li><a");	/* literal */
	tmpl_href(rq, href);
	if (strcmp(here, href) == 0)
		tmpl_raw(rq, " aria-current=\"page\"");	/* literal */
	tmpl_raw(rq, ">");	/* literal */
	tmpl_msg(rq, text);
	tmpl_raw(rq, "</a></li>");	/* literal */
}

static void
nav(struct req *rq, const char *here)
{
	const struct user	*u = rq->user;
	/* Until the one-time password is changed nothing else is reachable. */
	bool			 full = u != NULL && !u->must_change_password;

	tmpl_raw(rq, "<nav class=\"site-nav\" aria-label=\"");	/* literal */
	tmpl_msg(rq, MSG_WEB_NAV_LABEL);
	tmpl_raw(rq, "\"><ul>");	/* literal */
	nav_item(rq, here, "/", MSG_WEB_NAV_HOME);
	/* Whoever may submit: any account, and visitors where anonymous reports are on. */
	if (full || (u == NULL && rq->cfg->allow_anonymous))
		nav_item(rq, here, "/reports/new", MSG_WEB_NAV_REPORT_NEW);
	/* The same list: staff see every report, anyone else their own. */
	if (full)
		nav_item(rq, here, "/reports", svc_report_sees_all(u) ?
		    MSG_WEB_NAV_REPORT_QUEUE : MSG_WEB_NAV_MY_REPORTS);
	/* Reporters file their identity (备案: 用户身份核实); staff review them. */
	if (full && u->role == UROLE_REPORTER)
		nav_item(rq, here, "/account/identity", MSG_WEB_NAV_IDENTITY);
	/* Cases: the staff's list, a vendor member's inbox (issue 5). */
	if (full && authz_allows(u->role, PERM_CASES_READ))
		nav_item(rq, here, "/cases", u->role == UROLE_VENDOR ? MSG_WEB_CASES_INBOX :
		    MSG_WEB_CASES_TITLE);
	/* Deadlines: the staff's and the auditors' dashboard (issue 6). */
	if (full && (authz_allows(u->role, PERM_CASES_MANAGE) || u->role == UROLE_AUDITOR))
		nav_item(rq, here, "/deadlines", MSG_WEB_NAV_DEADLINES);
	/* The 报送 to the national library, or those a registry received (issue 6). */
	if (full && authz_allows(u->role, PERM_CASES_MANAGE))
		nav_item(rq, here, "/submissions", MSG_WEB_NAV_SUBMISSIONS);
	/* Advisories, major-event windows, the gate's log (issue 7; svc/ decides the last two). */
	if (full && authz_allows(u->role, PERM_CASES_MANAGE))
		nav_item(rq, here, "/staff/advisories", MSG_WEB_NAV_ADVISORIES);
	if (full && (authz_allows(u->role, PERM_CASES_MANAGE) || u->role == UROLE_AUDITOR))
		nav_item(rq, here, "/staff/windows", MSG_WEB_NAV_WINDOWS);
	if (full && (u->role == UROLE_AUDITOR || u->role == UROLE_ADMIN))
		nav_item(rq, here, "/staff/decisions", MSG_WEB_NAV_DECISIONS);
	/* Complaints (举报, 办法 第九条): a registry's staff handle them, anyone else files one. */
	if (rq->cfg->role == ROLE_REGISTRY && full && authz_allows(u->role, PERM_CASES_MANAGE))
		nav_item(rq, here, "/staff/complaints", MSG_WEB_NAV_COMPLAINTS);
	else if (rq->cfg->role == ROLE_REGISTRY)
		nav_item(rq, here, "/complaints/new", MSG_WEB_NAV_COMPLAIN);
	/* 备案 (issue 8): a registry's public list and review queue; a platform's own filing. */
	if (rq->cfg->role == ROLE_REGISTRY && has_get_route("/filings"))
		nav_item(rq, here, "/filings", MSG_WEB_NAV_FILINGS);
	if (rq->cfg->role == ROLE_REGISTRY && full && authz_allows(u->role, PERM_CASES_MANAGE) &&
	    has_get_route("/staff/filings"))
		nav_item(rq, here, "/staff/filings", MSG_WEB_NAV_FILING_QUEUE);
	/* Support units (issue 9): the public list; the staff's queue; a member's own unit. */
	if (rq->cfg->role == ROLE_REGISTRY && has_get_route("/support-units"))
		nav_item(rq, here, "/support-units", MSG_UW_NAV_LIST);
	if (rq->cfg->role == ROLE_REGISTRY && full && authz_allows(u->role, PERM_CASES_MANAGE) &&
	    has_get_route("/staff/support-units"))
		nav_item(rq, here, "/staff/support-units", MSG_UW_NAV_QUEUE);
	else if (rq->cfg->role == ROLE_REGISTRY && full && u->org_id != 0 &&
	    has_get_route("/support-units/mine"))
		nav_item(rq, here, "/support-units/mine", MSG_UW_NAV_MINE);
	/* Statistics (issue 9): staff, regulators, auditors; vendors see their unit's, if any. */
	if (rq->cfg->role == ROLE_REGISTRY && full && (authz_allows(u->role, PERM_CASES_MANAGE) ||
	    u->role == UROLE_REGULATOR || u->role == UROLE_AUDITOR || u->role == UROLE_VENDOR))
		nav_item(rq, here, "/statistics", MSG_WEB_NAV_STATISTICS);
	/* Warnings and disputes (issue 9): staff, regulators, accounts of an organisation. */
	if (rq->cfg->role == ROLE_REGISTRY && full && (authz_allows(u->role, PERM_CASES_MANAGE) ||
	    u->role == UROLE_REGULATOR || u->org_id != 0) && has_get_route("/warnings"))
		nav_item(rq, here, "/warnings", MSG_WEB_NAV_WARNINGS);
	if (rq->cfg->role == ROLE_REGISTRY && full && (authz_allows(u->role, PERM_CASES_MANAGE) ||
	    u->org_id != 0) && has_get_route("/disputes"))
		nav_item(rq, here, authz_allows(u->role, PERM_CASES_MANAGE) ? "/staff/disputes" :
		    "/disputes", MSG_WEB_NAV_DISPUTES);
	if (rq->cfg->role == ROLE_PLATFORM && full && u->role == UROLE_ADMIN &&
	    has_get_route("/staff/filing"))
		nav_item(rq, here, "/staff/filing", MSG_WEB_NAV_PLATFORM_FILING);
	if (full && authz_allows(u->role, PERM_REPORTERS_REVIEW))
		nav_item(rq, here, "/admin/reporters", MSG_WEB_NAV_REPORTER_REVIEW);
	if (full && authz_allows(u->role, PERM_USERS_READ))
		nav_item(rq, here, "/admin/users", MSG_WEB_NAV_USERS);
	if (full && authz_allows(u->role, PERM_ORGS_READ))
		nav_item(rq, here, "/admin/orgs", MSG_WEB_NAV_ORGS);
	if (u == NULL) {
		nav_item(rq, here, "/login", MSG_WEB_NAV_LOGIN);
		if (rq->cfg->allow_registration)
			nav_item(rq, here, "/register", MSG_WEB_NAV_REGISTER);
	} else {
		nav_item(rq, here, "/account", MSG_WEB_NAV_ACCOUNT);
		tmpl_raw(rq, "<li><form class=\"inline\" method=\"post\" "
		    "action=\"/logout\">");	/* literal */
		tmpl_csrf(rq);
		tmpl_raw(rq, "<button type=\"submit\" class=\"link\">");	/* literal */
		tmpl_msg(rq, MSG_WEB_NAV_LOGOUT);
		tmpl_raw(rq, "</button></form></li>");	/* literal */
	}
	tmpl_raw(rq, "</ul></nav>");	/* literal */
}

static void
lang_item(struct req *rq, const char *here, enum lang l, const char *code,
    enum msg_id name)
{
	struct sbuf	url;

	tmpl_raw(rq, "<li>");	/* literal */
	if (rq->lang == l) {
		tmpl_raw(rq, "<span aria-current=\"true\"");	/* literal */
		tmpl_attr(rq, "lang", lang_tag(l));
		tmpl_raw(rq, ">");	/* literal */
		tmpl_msg(rq, name);
		tmpl_raw(rq, "</span>");	/* literal */
	} else {
		sbuf_init(&url, rq->arena, 0);
		sbuf_addf(&url, "/lang?to=%s&next=", code);
		sbuf_add_urlenc(&url, here, strlen(here));
		tmpl_raw(rq, "<a");	/* literal */
		tmpl_href(rq, url.buf);
		tmpl_attr(rq, "lang", lang_tag(l));
		tmpl_attr(rq, "hreflang", lang_tag(l));
		tmpl_raw(rq, ">");	/* literal */
		tmpl_msg(rq, name);
		tmpl_raw(rq, "</a>");	/* literal */
	}
	tmpl_raw(rq, "</li>");	/* literal */
}

const char *
layout_site_name(const struct req *rq)
{
	return rq->cfg->name[0] != '\0' ? rq->cfg->name : "Loudong";
}

void
layout_begin(struct req *rq, enum msg_id title)
{
	const char	*here = page_path(rq);

	tmpl_raw(rq, "<!doctype html>\n<html");	/* literal */
	tmpl_attr(rq, "lang", lang_tag(rq->lang));
	tmpl_raw(rq, ">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	    "<meta name=\"referrer\" content=\"same-origin\">\n"
	    /* An empty icon: browsers stop asking for /favicon.ico. */
	    "<link rel=\"icon\" href=\"data:,\">\n"
	    "<link rel=\"stylesheet\" href=\"/static/app.css\">\n<title>");	/* literal */
	tmpl_msg(rq, title);
	tmpl_raw(rq, " · ");	/* literal */
	tmpl_text(rq, layout_site_name(rq));
	tmpl_raw(rq, "</title>\n</head>\n<body>\n"
	    "<a class=\"skip\" href=\"#main\">");	/* literal */
	tmpl_msg(rq, MSG_WEB_SKIP_TO_CONTENT);
	tmpl_raw(rq, "</a>\n<header class=\"site-header\"><div class=\"wrap\">"
	    "<a class=\"brand\" href=\"/\">");	/* literal */
	tmpl_text(rq, layout_site_name(rq));
	tmpl_raw(rq, "</a>");	/* literal */
	nav(rq, here);
	tmpl_raw(rq, "<div class=\"site-tools\">");	/* literal */
	if (rq->user != NULL) {
		tmpl_raw(rq, "<p class=\"whoami\">");	/* literal */
		tmpl_msg(rq, MSG_WEB_SIGNED_IN_AS);
		tmpl_raw(rq, " <strong>");	/* literal */
		tmpl_text(rq, rq->user->login);
		tmpl_raw(rq, "</strong></p>");	/* literal */
	}
	tmpl_raw(rq, "<ul class=\"lang-switch\" aria-label=\"");	/* literal */
	tmpl_msg(rq, MSG_WEB_LANG_LABEL);
	tmpl_raw(rq, "\">");	/* literal */
	lang_item(rq, here, LANG_ZH, "zh", MSG_WEB_LANG_ZH);
	lang_item(rq, here, LANG_EN, "en", MSG_WEB_LANG_EN);
	tmpl_raw(rq, "</ul></div></div></header>\n"
	    "<main id=\"main\" class=\"wrap\">\n");	/* literal */
	/*
	 * A test installation accepting reports without a 备案 says so on
	 * every page ([filing] open_intake_unfiled; 办法 第八条 forbids it in
	 * production).  From the process's copy: no query per page.
	 */
	if (rq->cfg->role == ROLE_PLATFORM) {
		struct pfiling_shown	sh;

		svc_pfiling_shown(rq->cfg, &sh);
		if (sh.test_install)
			layout_wrap(rq, "<div class=\"flash flash-warn test-install\" "
			    "role=\"status\"><p>", MSG_WEB_PF_TEST_INSTALL, "</p></div>\n");
	}
}

void
layout_end(struct req *rq)
{
	const struct config	*cfg = rq->cfg;
	struct pfiling_shown	 sh;

	tmpl_raw(rq, "\n</main>\n<footer class=\"site-footer\"><div class=\"wrap\">");	/* literal */
	/*
	 * A filed collection platform shows its 备案编号 at the bottom of its
	 * home page (146号 办法 第五条; R16, R41).  Every page carries it, so
	 * no home page variant can lose it.  The number is the registry's
	 * once filed ([instance] filing_number, filed outside Loudong, wins),
	 * from the process's copy: no query per page.
	 */
	if (cfg->role == ROLE_PLATFORM) {
		svc_pfiling_shown(cfg, &sh);
		if (sh.number[0] != '\0') {
			tmpl_raw(rq, "<p class=\"filing\">");	/* literal */
			tmpl_msg(rq, MSG_WEB_FOOTER_FILING);
			tmpl_msg(rq, MSG_WEB_LABEL_SEP);
			tmpl_raw(rq, "<span class=\"filing-number\">");	/* literal */
			tmpl_text(rq, sh.number);
			tmpl_raw(rq, "</span></p>");	/* literal */
		} else if (sh.status == PFS_DEREGISTERED)
			layout_wrap(rq, "<p class=\"filing filing-missing\">",
			    MSG_WEB_PF_FOOTER_DEREGISTERED, "</p>");
		else
			layout_wrap(rq, "<p class=\"filing filing-missing\">",
			    MSG_WEB_FOOTER_NOT_FILED, "</p>");
	}
	tmpl_raw(rq, "<p>");	/* literal */
	tmpl_msg(rq, MSG_WEB_FOOTER_ROLE);
	tmpl_msg(rq, MSG_WEB_LABEL_SEP);
	tmpl_msg(rq, layout_instance_role_msg(cfg->role));
	tmpl_raw(rq, "</p><p class=\"software\">Loudong ");	/* literal */
	tmpl_text(rq, LOUDONG_VERSION);
	tmpl_raw(rq, "</p></div></footer>\n</body>\n</html>\n");	/* literal */
}

void
layout_flash(struct req *rq, enum flash_kind kind, const char *text)
{
	if ((unsigned)kind >= FLASH__MAX)
		kind = FLASH_INFO;
	tmpl_raw(rq, flash_open[kind]);	/* literal: from flash_open[] */
	tmpl_raw(rq, "<p>");	/* literal */
	tmpl_text(rq, text);
	tmpl_raw(rq, "</p></div>\n");	/* literal */
}

void
layout_flash_msg(struct req *rq, enum flash_kind kind, enum msg_id id)
{
	layout_flash(rq, kind, msg(rq->lang, id));
}

void
layout_form_errors(struct req *rq)
{
	if (rq->err == APP_OK || rq->err_detail == NULL)
		return;
	tmpl_raw(rq, flash_open[FLASH_ERROR]);	/* literal: from flash_open[] */
	/* Not a heading: the summary sits inside sections of any level. */
	layout_wrap(rq, "<p class=\"flash-title\">", MSG_WEB_FORM_ERRORS, "</p>");
	tmpl_raw(rq, "<p>");	/* literal */
	tmpl_text(rq, rq->err_detail);
	tmpl_raw(rq, "</p>");	/* literal */
	if (rq->err_rule != NULL) {
		tmpl_raw(rq, "<p class=\"rule\">");	/* literal */
		tmpl_msg(rq, MSG_WEB_RULE);
		tmpl_msg(rq, MSG_WEB_LABEL_SEP);
		tmpl_raw(rq, "<code>");	/* literal */
		tmpl_text(rq, rq->err_rule);
		tmpl_raw(rq, "</code></p>");	/* literal */
	}
	tmpl_raw(rq, "</div>\n");	/* literal */
}

/* The error for field name, if the request's failure names it. */
static const char *
field_error(const struct req *rq, const char *name)
{
	if (rq->err == APP_OK || rq->err_field == NULL || rq->err_detail == NULL)
		return NULL;
	return strcmp(rq->err_field, name) == 0 ? rq->err_detail : NULL;
}

void
layout_control_error(struct req *rq, const struct layout_control *c)
{
	if (c->err == NULL)
		return;
	tmpl_raw(rq, "<p class=\"error\"");	/* literal */
	tmpl_attr(rq, "id", arena_printf(rq->arena, "%s-error", c->id));
	tmpl_raw(rq, ">");	/* literal */
	tmpl_text(rq, c->err);
	tmpl_raw(rq, "</p>");	/* literal */
}

struct layout_control
layout_control_for(struct req *rq, const char *name, enum msg_id label, enum msg_id hint,
    bool optional)
{
	const char	*err = layout_field_problem(rq, name);

	if (err == NULL && rq->err != APP_OK && rq->err_field != NULL &&
	    strcmp(rq->err_field, name) == 0)
		err = rq->err_detail;
	return (struct layout_control){ name, arena_printf(rq->arena, "f-%s", name), label,
	    NULL, hint, NULL, err, optional, false };
}

void
layout_word_select(struct req *rq, const struct layout_control *c, const char *const *words,
    const enum msg_id *labels, size_t n, enum msg_id choose, const char *value)
{
	size_t	i;

	layout_control_open(rq, c);
	tmpl_raw(rq, "<select");	/* literal */
	layout_control_attrs(rq, c);
	tmpl_raw(rq, ">");	/* literal */
	if (choose != MSG_OK) {
		tmpl_raw(rq, "<option value=\"\">");	/* literal */
		tmpl_msg(rq, choose);
		tmpl_raw(rq, "</option>");	/* literal */
	}
	for (i = 0; i < n; i++) {
		tmpl_raw(rq, "<option");	/* literal */
		tmpl_attr(rq, "value", words[i]);
		if (value != NULL && strcmp(value, words[i]) == 0)
			tmpl_raw(rq, " selected");	/* literal */
		tmpl_raw(rq, ">");	/* literal */
		tmpl_msg(rq, labels[i]);
		tmpl_raw(rq, "</option>");	/* literal */
	}
	tmpl_raw(rq, "</select></div>\n");	/* literal */
}

void
layout_control_open(struct req *rq, const struct layout_control *c)
{
	tmpl_raw(rq, c->err != NULL ? "<div class=\"field has-error\">" :
	    "<div class=\"field\">");	/* literal: either */
	if (c->no_label)
		return;	/* label and error follow the control */
	tmpl_raw(rq, "<label");	/* literal */
	tmpl_attr(rq, "for", c->id);
	tmpl_raw(rq, ">");	/* literal */
	if (c->label_text != NULL)
		tmpl_text(rq, c->label_text);
	else
		tmpl_msg(rq, c->label);
	if (c->optional)
		layout_wrap(rq, " <span class=\"optional\">", MSG_WEB_OPTIONAL, "</span>");
	tmpl_raw(rq, "</label>");	/* literal */
	if (c->hint_text != NULL || c->hint != MSG_OK) {
		tmpl_raw(rq, "<p class=\"hint\"");	/* literal */
		tmpl_attr(rq, "id", arena_printf(rq->arena, "%s-hint", c->id));
		tmpl_raw(rq, ">");	/* literal */
		if (c->hint_text != NULL)
			tmpl_text(rq, c->hint_text);
		else
			tmpl_msg(rq, c->hint);
		tmpl_raw(rq, "</p>");	/* literal */
	}
	layout_control_error(rq, c);
}

void
layout_control_attrs(struct req *rq, const struct layout_control *c)
{
	struct sbuf	desc;

	tmpl_attr(rq, "id", c->id);
	tmpl_attr(rq, "name", c->name);
	sbuf_init(&desc, rq->arena, 0);
	if (c->hint_text != NULL || c->hint != MSG_OK)
		sbuf_addf(&desc, "%s-hint", c->id);
	if (c->err != NULL)
		sbuf_addf(&desc, "%s%s-error", desc.len > 0 ? " " : "", c->id);
	if (desc.len > 0)
		tmpl_attr(rq, "aria-describedby", desc.buf);
	if (c->err != NULL)
		tmpl_raw(rq, " aria-invalid=\"true\"");	/* literal */
}

const char *
layout_field_problem(const struct req *rq, const char *name)
{
	int	i;

	for (i = 0; i < rq->nerrors; i++)
		if (rq->errors[i].field != NULL && strcmp(rq->errors[i].field, name) == 0)
			return rq->errors[i].detail;
	return NULL;
}

void
layout_error_summary(struct req *rq, void (*target)(struct req *rq, const char *field,
    const char **id, const char **label))
{
	const char	*id, *label;
	int		 i;

	layout_form_errors(rq);
	if (rq->nerrors == 0)
		return;
	tmpl_raw(rq, "<ul class=\"error-summary\">");	/* literal */
	for (i = 0; i < rq->nerrors; i++) {
		if (rq->errors[i].field == NULL)
			continue;
		target(rq, rq->errors[i].field, &id, &label);
		tmpl_raw(rq, "<li>");	/* literal */
		if (id != NULL) {
			tmpl_raw(rq, "<a");	/* literal */
			/*
			 * A fragment on this page (tmpl_href passes only paths
			 * and URLs); the ids are our own field names.
			 */
			tmpl_attr(rq, "href", arena_printf(rq->arena, "#%s", id));
			tmpl_raw(rq, ">");	/* literal */
		}
		tmpl_text(rq, label);
		if (id != NULL)
			tmpl_raw(rq, "</a>");	/* literal */
		tmpl_msg(rq, MSG_WEB_LABEL_SEP);
		tmpl_text(rq, rq->errors[i].detail);
		tmpl_raw(rq, "</li>");	/* literal */
	}
	tmpl_raw(rq, "</ul>\n");	/* literal */
}

/* The parts of a layout_field's control, and its error. */
static struct layout_control
control_of(struct req *rq, const struct layout_field *f, const char *id)
{
	return (struct layout_control){ f->name, id, f->label, NULL, f->hint, f->hint_text,
	    field_error(rq, f->name), f->optional, false };
}

/* Attributes every control shares: id, name, description, validity. */
static void
field_attrs(struct req *rq, const struct layout_control *c, const struct layout_field *f)
{
	layout_control_attrs(rq, c);
	if (f->required)
		tmpl_raw(rq, " required");	/* literal */
}

void
layout_field(struct req *rq, const struct layout_field *f)
{
	struct layout_control	c = control_of(rq, f, arena_printf(rq->arena, "f-%s",
				    f->name));

	layout_control_open(rq, &c);
	tmpl_raw(rq, "<input");	/* literal */
	tmpl_attr(rq, "type", f->type != NULL ? f->type : "text");
	field_attrs(rq, &c, f);
	/* A secret is never sent back to the browser. */
	if (f->value != NULL && (f->type == NULL || strcmp(f->type, "password") != 0))
		tmpl_attr(rq, "value", f->value);
	if (f->autocomplete != NULL)
		tmpl_attr(rq, "autocomplete", f->autocomplete);
	if (f->maxlength > 0)
		tmpl_attr(rq, "maxlength", arena_printf(rq->arena, "%d", f->maxlength));
	tmpl_raw(rq, "></div>\n");	/* literal */
}

void
layout_select(struct req *rq, const struct layout_field *f,
    const struct layout_option *opts, size_t nopts)
{
	struct layout_control	c = control_of(rq, f, arena_printf(rq->arena, "f-%s",
				    f->name));
	size_t			i;

	layout_control_open(rq, &c);
	tmpl_raw(rq, "<select");	/* literal */
	field_attrs(rq, &c, f);
	tmpl_raw(rq, ">");	/* literal */
	for (i = 0; i < nopts; i++) {
		tmpl_raw(rq, "<option");	/* literal */
		tmpl_attr(rq, "value", opts[i].value);
		if (f->value != NULL && strcmp(f->value, opts[i].value) == 0)
			tmpl_raw(rq, " selected");	/* literal */
		tmpl_raw(rq, ">");	/* literal */
		tmpl_msg(rq, opts[i].label);
		tmpl_raw(rq, "</option>");	/* literal */
	}
	tmpl_raw(rq, "</select></div>\n");	/* literal */
}

void
layout_submit(struct req *rq, enum msg_id label)
{
	tmpl_raw(rq, "<div class=\"actions\"><button type=\"submit\" "
	    "class=\"primary\">");	/* literal */
	tmpl_msg(rq, label);
	tmpl_raw(rq, "</button></div>\n");	/* literal */
}
