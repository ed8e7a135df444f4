/*
 * The public pages and the one table of web routes: home, logging in and
 * out, registration, the language switch, static files and the error page.
 * The other areas' handlers live in their own files: account.c, admin.c,
 * reports.c (intake, receipts), report_views.c (lists, one report) and
 * profiles.c (reporter identity).
 */
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/embed.h"
#include "core/sbuf.h"
#include "crypto/crypto.h"
#include "domain/authz.h"
#include "http/auth.h"
#include "svc/svc.h"
#include "web/layout.h"
#include "web/reports_int.h"
#include "web/tmpl.h"
#include "web/web.h"
#include "web/web_int.h"

/* The language cookie is a preference, not a credential: keep it a year. */
#define LANG_COOKIE_AGE		(365 * 24 * 3600)

/* The configuration key a closed registration rests on. */
#define RULE_REGISTRATION	"auth.allow_registration"

/* GET /login */
enum { LOGIN_NEXT, LOGIN__MAX };
static const struct param login_params[LOGIN__MAX] = {
	[LOGIN_NEXT] = { "next", PARAM_TEXT, .max = WEB_NEXT_MAX },	/* where to go after */
};

/*
 * POST /login.  Nothing is required here: a missing field is answered by
 * svc_login on the form itself, not by a bare error page.
 */
enum { LOGIN_POST_LOGIN, LOGIN_POST_PASSWORD, LOGIN_POST_NEXT, LOGIN_POST__MAX };
static const struct param login_post_params[LOGIN_POST__MAX] = {
	[LOGIN_POST_LOGIN] = { "login", PARAM_TEXT, .max = 64 },	/* svc_login's limit */
	[LOGIN_POST_PASSWORD] = { "password", PARAM_SECRET,
	    .max = USER_PASSWORD_MAX_BYTES },				/* never echoed */
	[LOGIN_POST_NEXT] = { "next", PARAM_TEXT, .max = WEB_NEXT_MAX },	/* where to go after */
};

/* POST /register: bounds as the field rules have them, checked by svc. */
enum { REG_LOGIN, REG_NAME, REG_EMAIL, REG_PASSWORD, REG_PASSWORD2, REG__MAX };
static const struct param register_params[REG__MAX] = {
	[REG_LOGIN] = { "login", PARAM_TEXT, .max = 32 },		/* user_login_check */
	[REG_NAME] = { "display_name", PARAM_TEXT, .max = 64 },	/* user_display_name_check */
	[REG_EMAIL] = { "email", PARAM_TEXT, .max = 254 },		/* user_email_check */
	[REG_PASSWORD] = { "password", PARAM_SECRET,
	    .max = USER_PASSWORD_MAX_BYTES },				/* never echoed */
	[REG_PASSWORD2] = { "password2", PARAM_SECRET,
	    .max = USER_PASSWORD_MAX_BYTES },				/* the same again */
};

/* GET /lang */
enum { LANGSW_TO, LANGSW_NEXT, LANGSW__MAX };
static const struct param lang_params[LANGSW__MAX] = {
	[LANGSW_TO] = { "to", PARAM_TEXT, .max = 8, .required = true },	/* "zh" or "en" */
	[LANGSW_NEXT] = { "next", PARAM_TEXT, .max = WEB_NEXT_MAX },	/* back to */
};

/* GET /static/{file} */
enum { STATIC_FILE, STATIC__MAX };
static const struct param static_params[STATIC__MAX] = {
	[STATIC_FILE] = { "file", PARAM_TEXT, .min = 1, .max = 128,
	    .required = true },						/* "app.css" */
};

/* Content types of the static files, by extension. */
static const struct {
	const char	*ext;	/* with the dot */
	const char	*ctype;	/* Content-Type */
} static_types[] = {
	{ ".css", "text/css; charset=utf-8" },
	{ ".js", "text/javascript; charset=utf-8" },
	{ ".svg", "image/svg+xml" },
	{ ".png", "image/png" },
	{ ".ico", "image/x-icon" },
	{ ".txt", "text/plain; charset=utf-8" },
};

static const enum msg_id irole_desc[ROLE__MAX] = {
	[ROLE_PLATFORM] = MSG_WEB_IROLE_PLATFORM_DESC,
	[ROLE_PROVIDER] = MSG_WEB_IROLE_PROVIDER_DESC,
	[ROLE_REGISTRY] = MSG_WEB_IROLE_REGISTRY_DESC,
};

bool
web_local_path(const char *p)
{
	size_t	i;

	/* "//host" and "/\host" are taken by browsers as another site. */
	if (p == NULL || p[0] != '/' || p[1] == '/' || p[1] == '\\')
		return false;
	for (i = 0; p[i] != '\0'; i++)
		if ((unsigned char)p[i] < 0x20 || p[i] == 0x7f || p[i] == '\\')
			return false;
	return true;
}

bool
web_same_secret(const struct param_val *a, const struct param_val *b)
{
	if (a->s.n != b->s.n)
		return false;
	return a->s.n == 0 || crypto_memeq(a->s.p, b->s.p, a->s.n);
}

enum app_err
web_fault(struct req *rq, enum app_err er, struct fault *f)
{
	if (f->er == APP_OK) {
		/* The use case failed without saying why: say what we know. */
		f->er = er == APP_OK ? APP_INTERNAL : er;
		f->field = NULL;
		f->rule = NULL;
		f->msg = f->er == APP_STORE ? MSG_ERR_STORE : MSG_ERR_INTERNAL;
		f->iarg = 0;
	}
	return req_fault(rq, f);
}

int
web_form_status(struct req *rq, enum app_err er, const struct fault *f)
{
	int	status = 0;

	switch (er) {
	case APP_INVALID:
	case APP_CONFLICT:
		status = 422;
		break;
	case APP_NOTFOUND:
	case APP_UNAUTH:
	case APP_FORBIDDEN:
		/*
		 * About one field (an unknown organisation, a wrong current
		 * password): the person can correct it on the form.  Other
		 * refusals get the error page, which names their rule.
		 */
		if (f->field != NULL)
			status = 422;
		break;
	case APP_THROTTLED:
		status = 429;
		resp_header(rq, "Retry-After", arena_printf(rq->arena, "%d",
		    rq->retry_after > 0 ? rq->retry_after : 1));
		break;
	default:
		break;
	}
	return status;
}

/* Set the session cookie from a fresh login and forget the token. */
static void
session_start(struct req *rq, struct login_result *lr)
{
	resp_cookie(rq, AUTH_COOKIE_SESSION, lr->token, rq->cfg->session_ttl);
	crypto_wipe(lr->token, sizeof(lr->token));
	crypto_wipe(lr->csrf, sizeof(lr->csrf));
}

static void
home_link(struct req *rq, const char *href, enum msg_id text)
{
	tmpl_raw(rq, "<li>");	/* literal */
	layout_link(rq, href, text);
	tmpl_raw(rq, "</li>");	/* literal */
}

static enum app_err
home_get(struct req *rq)
{
	const struct user	*u = rq->user;
	const struct config	*cfg = rq->cfg;

	resp_html(rq, 200);
	layout_begin(rq, MSG_WEB_HOME_TITLE);
	tmpl_raw(rq, "<h1>");	/* literal */
	tmpl_text(rq, layout_site_name(rq));
	tmpl_raw(rq, "</h1>\n");	/* literal */
	if (u != NULL) {
		tmpl_raw(rq, "<p class=\"welcome\">");	/* literal */
		tmpl_text(rq, layout_msgf(rq, MSG_WEB_HOME_WELCOME,
		    u->display_name != NULL && u->display_name[0] != '\0' ?
		    u->display_name : u->login));
		tmpl_raw(rq, "</p>\n");	/* literal */
		if (u->must_change_password)
			layout_flash_msg(rq, FLASH_WARN, MSG_WEB_ACCOUNT_MUST_CHANGE);
	}
	layout_wrap(rq, "<p class=\"lead\">", MSG_WEB_HOME_INTRO, "</p>\n");

	tmpl_raw(rq, "<div class=\"cards\"><section class=\"card\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_HOME_ROLE_HEADING, "</h2>");
	layout_wrap(rq, "<p class=\"role-name\">",
	    layout_instance_role_msg(cfg->role), "</p>");
	if ((unsigned)cfg->role < ROLE__MAX)
		layout_wrap(rq, "<p>", irole_desc[cfg->role], "</p>");
	tmpl_raw(rq, "</section>\n<section class=\"card\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_HOME_START_HEADING, "</h2>");
	tmpl_raw(rq, "<ul class=\"links\">");	/* literal */
	if (u == NULL) {
		home_link(rq, "/login", MSG_WEB_HOME_LINK_LOGIN);
		if (cfg->allow_registration)
			home_link(rq, "/register", MSG_WEB_HOME_LINK_REGISTER);
	} else {
		home_link(rq, "/account", MSG_WEB_HOME_LINK_ACCOUNT);
		if (!u->must_change_password &&
		    authz_allows(u->role, PERM_CASES_READ))
			home_link(rq, "/cases", u->role == UROLE_VENDOR ?
			    MSG_WEB_CASES_INBOX : MSG_WEB_CASES_TITLE);
		if (!u->must_change_password &&
		    authz_allows(u->role, PERM_USERS_READ))
			home_link(rq, "/admin/users", MSG_WEB_HOME_LINK_USERS);
		if (!u->must_change_password &&
		    authz_allows(u->role, PERM_ORGS_READ))
			home_link(rq, "/admin/orgs", MSG_WEB_HOME_LINK_ORGS);
	}
	home_link(rq, "/api/v1/openapi.json", MSG_WEB_HOME_LINK_API);
	tmpl_raw(rq, "</ul></section></div>\n");	/* literal */

	/* The national side takes no reports from researchers directly. */
	if (cfg->role != ROLE_REGISTRY) {
		tmpl_raw(rq, "<section>");	/* literal */
		layout_wrap(rq, "<h2>", MSG_WEB_HOME_RESEARCHERS_HEADING, "</h2>");
		layout_wrap(rq, "<p>", MSG_WEB_HOME_RESEARCHERS_TEXT, "</p>");
		tmpl_raw(rq, "</section>\n");	/* literal */
	}
	tmpl_raw(rq, "<section>");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_HOME_RULES_HEADING, "</h2>");
	layout_wrap(rq, "<p>", MSG_WEB_HOME_RULES_TEXT, "</p>");
	tmpl_raw(rq, "</section>\n");	/* literal */
	layout_end(rq);
	return APP_OK;
}

/* The login form; login is what was typed (never the password). */
static void
login_page(struct req *rq, int status, const char *login, const char *next)
{
	const struct layout_field	f_login = {
		.name = "login", .label = MSG_WEB_FIELD_LOGIN, .type = "text",
		.value = login, .autocomplete = "username", .maxlength = 64,
		.required = true,
	};
	const struct layout_field	f_password = {
		.name = "password", .label = MSG_WEB_FIELD_PASSWORD,
		.type = "password", .autocomplete = "current-password",
		.required = true,
	};
	bool				has_next = web_local_path(next);

	resp_html(rq, status);
	layout_begin(rq, MSG_WEB_LOGIN_TITLE);
	layout_wrap(rq, "<h1>", MSG_WEB_LOGIN_TITLE, "</h1>\n");
	if (has_next && rq->err == APP_OK)
		layout_flash_msg(rq, FLASH_INFO, MSG_WEB_LOGIN_NEXT);
	layout_form_errors(rq);
	tmpl_raw(rq, "<form class=\"stack narrow\" method=\"post\" "
	    "action=\"/login\">");	/* literal */
	tmpl_csrf(rq);
	if (has_next) {
		tmpl_raw(rq, "<input type=\"hidden\" name=\"next\"");	/* literal */
		tmpl_attr(rq, "value", next);
		tmpl_raw(rq, ">");	/* literal */
	}
	layout_field(rq, &f_login);
	layout_field(rq, &f_password);
	layout_submit(rq, MSG_WEB_LOGIN_SUBMIT);
	tmpl_raw(rq, "</form>\n");	/* literal */
	if (rq->cfg->allow_registration) {
		layout_wrap(rq, "<p class=\"aside\">", MSG_WEB_LOGIN_NO_ACCOUNT, " ");
		layout_link(rq, "/register", MSG_WEB_LOGIN_REGISTER_LINK);
		tmpl_raw(rq, "</p>\n");	/* literal */
	}
	layout_end(rq);
}

static enum app_err
login_get(struct req *rq)
{
	const struct param_val	*next = req_param(rq, LOGIN_NEXT);
	enum app_err		 er = APP_OK;

	if (rq->user != NULL) {
		er = resp_redirect(rq, web_local_path(web_pstr(next)) ?
		    next->s.p : "/");
		goto out;
	}
	login_page(rq, 200, "", web_pstr(next));
out:
	return er;
}

static enum app_err
login_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct login_result	 lr;
	struct fault		 f = { .er = APP_OK };
	const struct param_val	*login = req_param(rq, LOGIN_POST_LOGIN);
	const struct param_val	*pw = req_param(rq, LOGIN_POST_PASSWORD);
	const struct param_val	*next = req_param(rq, LOGIN_POST_NEXT);
	const char		*to;
	int			 status;
	enum app_err		 er;

	er = svc_login(&c, web_pstr(login), web_pstr(pw), pw->s.n, &lr, &f);
	if (er == APP_OK) {
		session_start(rq, &lr);
		/* A one-time password must be replaced before anything else. */
		if (lr.user->must_change_password)
			to = "/account/password";
		else if (web_local_path(web_pstr(next)))
			to = next->s.p;
		else
			to = "/";
		er = resp_redirect(rq, to);
		goto out;
	}
	er = web_fault(rq, er, &f);
	switch (er) {
	case APP_UNAUTH:
		status = 401;
		break;
	case APP_FORBIDDEN:	/* a disabled account */
		status = 403;
		break;
	case APP_INVALID:
	case APP_THROTTLED:
		status = web_form_status(rq, er, &f);
		break;
	default:
		goto out;	/* the error page */
	}
	login_page(rq, status, web_pstr(login), web_pstr(next));
out:
	return er;
}

static enum app_err
logout_post(struct req *rq)
{
	struct svc_ctx	c = web_ctx(rq);
	enum app_err	er = APP_OK;

	/* The browser forgets the session even if the store cannot. */
	resp_cookie(rq, AUTH_COOKIE_SESSION, "", 0);
	if (rq->session_hash != NULL &&
	    (er = svc_logout(&c, rq->session_hash)) != APP_OK) {
		er = req_fail(rq, er, NULL, er == APP_STORE ? MSG_ERR_STORE :
		    MSG_ERR_INTERNAL);
		goto out;
	}
	er = resp_redirect(rq, "/");
out:
	return er;
}

static void
register_page(struct req *rq, int status, const char *login, const char *name,
    const char *email)
{
	const struct layout_field	fields[] = {
		{ .name = "login", .label = MSG_WEB_FIELD_LOGIN,
		    .hint = MSG_WEB_FIELD_LOGIN_HINT, .type = "text",
		    .value = login, .autocomplete = "username", .maxlength = 32,
		    .required = true },
		{ .name = "display_name", .label = MSG_WEB_FIELD_DISPLAY_NAME,
		    .hint = MSG_WEB_FIELD_DISPLAY_NAME_HINT, .type = "text",
		    .value = name, .autocomplete = "nickname", .maxlength = 64,
		    .optional = true },
		{ .name = "email", .label = MSG_WEB_FIELD_EMAIL,
		    .hint = MSG_WEB_FIELD_EMAIL_HINT, .type = "email",
		    .value = email, .autocomplete = "email", .maxlength = 254,
		    .optional = true },
		{ .name = "password", .label = MSG_WEB_FIELD_PASSWORD,
		    .hint_text = layout_msgf(rq, MSG_WEB_FIELD_PASSWORD_HINT,
		    rq->cfg->password_min_length), .type = "password",
		    .autocomplete = "new-password", .required = true },
		{ .name = "password2", .label = MSG_WEB_FIELD_PASSWORD2,
		    .type = "password", .autocomplete = "new-password",
		    .required = true },
	};
	size_t				i;

	resp_html(rq, status);
	layout_begin(rq, MSG_WEB_REGISTER_TITLE);
	layout_wrap(rq, "<h1>", MSG_WEB_REGISTER_TITLE, "</h1>\n");
	layout_wrap(rq, "<p class=\"lead\">", MSG_WEB_REGISTER_INTRO, "</p>\n");
	layout_form_errors(rq);
	tmpl_raw(rq, "<form class=\"stack narrow\" method=\"post\" "
	    "action=\"/register\">");	/* literal */
	tmpl_csrf(rq);
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		layout_field(rq, &fields[i]);
	layout_submit(rq, MSG_WEB_REGISTER_SUBMIT);
	tmpl_raw(rq, "</form>\n");	/* literal */
	layout_wrap(rq, "<p class=\"aside\">", MSG_WEB_REGISTER_HAVE_ACCOUNT, " ");
	layout_link(rq, "/login", MSG_WEB_NAV_LOGIN);
	tmpl_raw(rq, "</p>\n");	/* literal */
	layout_end(rq);
}

static enum app_err
register_get(struct req *rq)
{
	enum app_err	er = APP_OK;

	if (!rq->cfg->allow_registration)
		er = req_deny(rq, RULE_REGISTRATION, MSG_ERR_REGISTRATION_CLOSED);
	else if (rq->user != NULL)
		er = resp_redirect(rq, "/account");
	else
		register_page(rq, 200, "", "", "");
	return er;
}

static enum app_err
register_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct user_new		 in;
	struct user		 u;
	struct login_result	 lr;
	struct fault		 f = { .er = APP_OK };
	const struct param_val	*login = req_param(rq, REG_LOGIN);
	const struct param_val	*name = req_param(rq, REG_NAME);
	const struct param_val	*email = req_param(rq, REG_EMAIL);
	const struct param_val	*pw = req_param(rq, REG_PASSWORD);
	int			 status;
	enum app_err		 er;

	if (!rq->cfg->allow_registration) {
		er = req_deny(rq, RULE_REGISTRATION, MSG_ERR_REGISTRATION_CLOSED);
		goto out;
	}
	if (rq->user != NULL) {
		er = resp_redirect(rq, "/account");
		goto out;
	}
	if (!web_same_secret(pw, req_param(rq, REG_PASSWORD2))) {
		er = req_fail(rq, APP_INVALID, "password2",
		    MSG_WEB_ERR_PASSWORD_MISMATCH);
		register_page(rq, 422, web_pstr(login), web_pstr(name),
		    web_pstr(email));
		goto out;
	}
	memset(&in, 0, sizeof(in));
	in.login = web_pstr(login);
	in.display_name = web_pstr(name);
	in.email = web_pstr(email);
	in.role = UROLE_REPORTER;	/* self-registration makes researchers only */
	in.org_slug = NULL;
	in.password = web_pstr(pw);
	in.password_len = pw->s.n;
	in.must_change_password = false;
	if ((er = svc_user_create(&c, &in, &u, &f)) != APP_OK) {
		er = web_fault(rq, er, &f);
		if ((status = web_form_status(rq, er, &f)) != 0)
			register_page(rq, status, web_pstr(login), web_pstr(name),
			    web_pstr(email));
		goto out;
	}
	/* Log the new account in the way the login form does. */
	f = (struct fault){ .er = APP_OK };
	if (svc_login(&c, in.login, in.password, in.password_len, &lr, &f) != APP_OK) {
		/* Created but not logged in (throttled): the login page explains. */
		er = resp_redirect(rq, "/login");
		goto out;
	}
	session_start(rq, &lr);
	er = resp_redirect(rq, "/account");
out:
	return er;
}

static enum app_err
lang_get(struct req *rq)
{
	const struct param_val	*to = req_param(rq, LANGSW_TO);
	const struct param_val	*next = req_param(rq, LANGSW_NEXT);
	int			 l;
	enum app_err		 er;

	if ((l = lang_parse(to->s)) < 0) {
		er = req_fail(rq, APP_INVALID, "to", MSG_ERR_FIELD_CHOICE);
		goto out;
	}
	resp_cookie(rq, AUTH_COOKIE_LANG, l == LANG_EN ? "en" : "zh",
	    LANG_COOKIE_AGE);
	er = resp_redirect(rq, web_local_path(web_pstr(next)) ? next->s.p : "/");
out:
	return er;
}

static const char *
static_type(const char *name)
{
	size_t	i, n = strlen(name), e;

	for (i = 0; i < sizeof(static_types) / sizeof(static_types[0]); i++) {
		e = strlen(static_types[i].ext);
		if (n > e && strcmp(name + n - e, static_types[i].ext) == 0)
			return static_types[i].ctype;
	}
	return "application/octet-stream";
}

static enum app_err
static_get(struct req *rq)
{
	const struct embed_file	*ef;
	enum app_err		 er = APP_OK;

	/* A lookup in a table compiled in: no file system, no "..". */
	ef = embed_find(web_static, web_pstr(req_param(rq, STATIC_FILE)));
	if (ef == NULL) {
		er = req_fail(rq, APP_NOTFOUND, NULL, MSG_ERR_NO_ROUTE);
		goto out;
	}
	rq->status = 200;
	rq->ctype = static_type(ef->name);
	sbuf_reset(&rq->out);
	sbuf_add(&rq->out, ef->data, ef->len);
	/* The names carry no version: an hour bounds how stale a page can look. */
	resp_header(rq, "Cache-Control", "public, max-age=3600");
out:
	return er;
}

void
web_error_page(struct req *rq)
{
	struct sbuf	 url;
	enum app_err	 er = rq->err;
	enum msg_id	 title = MSG_PROBLEM_INTERNAL;
	const char	*detail = rq->err_detail;
	int		 status = rq->status >= 400 ? rq->status : resp_status_for(er);

	/* Nothing else is allowed until the one-time password is replaced. */
	if (rq->err_rule != NULL && strcmp(rq->err_rule, AUTH_RULE_PWCHANGE) == 0) {
		resp_redirect(rq, "/account/password");
		goto out;
	}
	/* Only a GET can be repeated after logging in; a POST shows the page. */
	if (er == APP_UNAUTH && (rq->method == HTTP_GET || rq->method == HTTP_HEAD)) {
		sbuf_init(&url, rq->arena, 0);
		sbuf_addstr(&url, "/login?next=");
		sbuf_add_urlenc(&url, rq->path, strlen(rq->path));
		resp_redirect(rq, url.buf);
		goto out;
	}
	if (er != APP_OK)
		title = resp_title_for(er);
	if (detail == NULL && er == APP_STORE)
		detail = req_msg(rq, MSG_ERR_STORE);
	else if (detail == NULL && er == APP_INTERNAL)
		detail = req_msg(rq, MSG_ERR_INTERNAL);

	resp_html(rq, status);
	layout_begin(rq, title);
	tmpl_raw(rq, "<div class=\"error-page\"><p class=\"eyebrow\">HTTP ");	/* literal */
	tmpl_i64(rq, status);
	tmpl_raw(rq, "</p>");	/* literal */
	layout_wrap(rq, "<h1>", title, "</h1>\n");
	if (detail != NULL) {
		tmpl_raw(rq, "<p class=\"lead\">");	/* literal */
		tmpl_text(rq, detail);
		tmpl_raw(rq, "</p>\n");	/* literal */
	}
	tmpl_raw(rq, "<dl class=\"meta\">");	/* literal */
	if (rq->err_field != NULL) {
		layout_wrap(rq, "<dt>", MSG_WEB_ERROR_FIELD, "</dt><dd><code>");
		tmpl_text(rq, rq->err_field);
		tmpl_raw(rq, "</code></dd>");	/* literal */
	}
	/* A denial says the rule it rests on. */
	if (rq->err_rule != NULL) {
		layout_wrap(rq, "<dt>", MSG_WEB_RULE, "</dt><dd><code>");
		tmpl_text(rq, rq->err_rule);
		tmpl_raw(rq, "</code></dd>");	/* literal */
	}
	layout_wrap(rq, "<dt>", MSG_WEB_ERROR_REQUEST_ID, "</dt><dd><code>");
	tmpl_text(rq, rq->id);
	tmpl_raw(rq, "</code></dd></dl>\n<p class=\"links-inline\">");	/* literal */
	if (er == APP_UNAUTH) {
		layout_link(rq, "/login", MSG_WEB_ERROR_LOGIN);
		tmpl_raw(rq, " ");	/* literal */
	}
	layout_link(rq, "/", MSG_WEB_ERROR_HOME);
	tmpl_raw(rq, "</p></div>\n");	/* literal */
	layout_end(rq);
out:
	return;
}

/*
 * Every web route.  POST forms are R_FORM (urlencoded, CSRF checked).
 * R_PWCHANGE_OK marks what an account with a one-time password may still
 * reach; PERM_NONE routes are reachable anyway, the flag says so on logout.
 */
const struct route web_routes[] = {
	{ HTTP_GET, "/", PERM_NONE, R_WEB, NOPARAMS, home_get },
	{ HTTP_GET, "/login", PERM_NONE, R_WEB, PARAMS(login_params), login_get },
	{ HTTP_POST, "/login", PERM_NONE, R_WEB | R_FORM,
	    PARAMS(login_post_params), login_post },
	{ HTTP_POST, "/logout", PERM_NONE, R_WEB | R_FORM | R_PWCHANGE_OK,
	    NOPARAMS, logout_post },
	{ HTTP_GET, "/register", PERM_NONE, R_WEB, NOPARAMS, register_get },
	{ HTTP_POST, "/register", PERM_NONE, R_WEB | R_FORM,
	    PARAMS(register_params), register_post },
	{ HTTP_GET, "/lang", PERM_NONE, R_WEB, PARAMS(lang_params), lang_get },
	{ HTTP_GET, "/static/{file}", PERM_NONE, R_WEB | R_PUBLIC, PARAMS(static_params),
	    static_get },
	{ HTTP_GET, "/account", PERM_ACCOUNT, R_WEB | R_PWCHANGE_OK,
	    PARAMS(account_params), account_get },
	{ HTTP_GET, "/account/password", PERM_ACCOUNT, R_WEB | R_PWCHANGE_OK,
	    PARAMS(account_params), account_get },
	{ HTTP_POST, "/account/password", PERM_ACCOUNT,
	    R_WEB | R_FORM | R_PWCHANGE_OK, PARAMS(pwchange_params),
	    account_password_post },
	{ HTTP_POST, "/account/tokens", PERM_ACCOUNT, R_WEB | R_FORM,
	    PARAMS(token_new_params), account_token_post },
	{ HTTP_POST, "/account/tokens/{id}/revoke", PERM_ACCOUNT, R_WEB | R_FORM,
	    PARAMS(token_revoke_params), account_token_revoke_post },
	{ HTTP_GET, "/admin/users", PERM_USERS_READ, R_WEB, PARAMS(users_params),
	    admin_users_get },
	{ HTTP_POST, "/admin/users", PERM_USERS_MANAGE, R_WEB | R_FORM,
	    PARAMS(user_new_params), admin_users_post },
	{ HTTP_GET, "/admin/orgs", PERM_ORGS_READ, R_WEB, PARAMS(orgs_params),
	    admin_orgs_get },
	{ HTTP_POST, "/admin/orgs", PERM_ORGS_MANAGE, R_WEB | R_FORM,
	    PARAMS(org_new_params), admin_orgs_post },
	/*
	 * Reporter identities (profiles.c): the reporter's own, masked; staff
	 * open one unsealed, which svc records in the audit log.
	 */
	{ HTTP_GET, "/account/identity", PERM_ACCOUNT, R_WEB,
	    PARAMS(identity_params), identity_get },
	{ HTTP_POST, "/account/identity", PERM_ACCOUNT, R_WEB | R_FORM,
	    PARAMS(identity_new_params), identity_post },
	{ HTTP_GET, "/admin/reporters", PERM_REPORTERS_REVIEW, R_WEB,
	    PARAMS(reporters_params), admin_reporters_get },
	{ HTTP_GET, "/admin/reporters/{user_id}", PERM_REPORTERS_REVIEW, R_WEB,
	    PARAMS(reporter_params), admin_reporter_get },
	{ HTTP_POST, "/admin/reporters/{user_id}/review", PERM_REPORTERS_REVIEW,
	    R_WEB | R_FORM, PARAMS(reporter_review_params),
	    admin_reporter_review_post },
	{ HTTP_POST, "/admin/reporters/{user_id}/level", PERM_REPORTERS_REVIEW,
	    R_WEB | R_FORM, PARAMS(reporter_level_params),
	    admin_reporter_level_post },
	/*
	 * Reports.  The form is PERM_NONE: anonymous reports are a setting
	 * (intake.allow_anonymous) that the handlers apply.  The form posts
	 * multipart/form-data for its files.
	 */
	{ HTTP_GET, "/reports", PERM_ACCOUNT, R_WEB, PARAMS(reports_params),
	    reports_list_get },
	{ HTTP_GET, "/reports/new", PERM_NONE, R_WEB, NOPARAMS, reports_new_get },
	{ HTTP_POST, "/reports/new", PERM_NONE, R_WEB | R_FORM,
	    PARAMS(report_new_params), reports_new_post },
	{ HTTP_GET, "/reports/{id}", PERM_ACCOUNT, R_WEB, PARAMS(report_view_params),
	    reports_view_get },
	/* Triage's scores and grades (assessment.c), shown on the report page. */
	{ HTTP_POST, "/reports/{id}/assessment", PERM_REPORTS_ASSESS, R_WEB | R_FORM,
	    PARAMS(assess_form_params), reports_assess_post },
	{ HTTP_GET, "/reports/{id}/receipt", PERM_ACCOUNT, R_WEB,
	    PARAMS(receipt_params), reports_receipt_get },
	{ HTTP_GET, "/reports/{id}/receipt.json", PERM_ACCOUNT, R_WEB,
	    PARAMS(report_params), reports_receipt_json_get },
};

const size_t	web_nroutes = sizeof(web_routes) / sizeof(web_routes[0]);
