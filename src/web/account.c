/*
 * The account pages: the profile, the password change (which is also where
 * a one-time password is replaced) and API tokens.  /account and
 * /account/password are the same page.
 */
#include <string.h>

#include "core/arena.h"
#include "core/config.h"
#include "crypto/crypto.h"
#include "store/store.h"
#include "svc/svc.h"
#include "web/layout.h"
#include "web/tmpl.h"
#include "web/web_int.h"

const struct param account_params[ACCOUNT__MAX] = {
	[ACCOUNT_CHANGED] = { "changed", PARAM_BOOL },	/* after a password change */
	[ACCOUNT_REVOKED] = { "revoked", PARAM_BOOL },	/* after revoking a token */
};

const struct param pwchange_params[PWCHANGE__MAX] = {
	[PWCHANGE_CURRENT] = { "current_password", PARAM_SECRET,
	    .max = USER_PASSWORD_MAX_BYTES },		/* proves it is the owner */
	[PWCHANGE_NEW] = { "new_password", PARAM_SECRET,
	    .max = USER_PASSWORD_MAX_BYTES },		/* checked by svc */
	[PWCHANGE_NEW2] = { "new_password2", PARAM_SECRET,
	    .max = USER_PASSWORD_MAX_BYTES },		/* the same again */
};

const struct param token_new_params[TOKEN_NEW__MAX] = {
	[TOKEN_NEW_LABEL] = { "label", PARAM_TEXT, .max = 64 },	/* empty: "api" */
};

const struct param token_revoke_params[TOKEN_REVOKE__MAX] = {
	[TOKEN_REVOKE_ID] = { "id", PARAM_I64, .min = 1, .max = INT64_MAX,
	    .required = true },				/* from the path */
};

/* What the page confirms at its top. */
enum notice {
	NOTICE_NONE,
	NOTICE_CHANGED,		/* the password was changed */
	NOTICE_REVOKED,		/* a token was revoked */
};

/* Which of the page's forms failed, so its errors show beside it. */
enum which_form {
	FORM_NONE,
	FORM_PASSWORD,
	FORM_TOKEN,
};

static void
dl_row(struct req *rq, enum msg_id term, const char *value)
{
	layout_wrap(rq, "<dt>", term, "</dt><dd>");
	if (value != NULL && value[0] != '\0')
		tmpl_text(rq, value);
	else
		layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_NONE, "</span>");
	tmpl_raw(rq, "</dd>");	/* literal */
}

static void
profile(struct req *rq, const struct org *org)
{
	const struct user	*u = rq->user;

	tmpl_raw(rq, "<section class=\"card\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_ACCOUNT_PROFILE, "</h2>");
	tmpl_raw(rq, "<dl class=\"profile\">");	/* literal */
	dl_row(rq, MSG_WEB_FIELD_LOGIN, u->login);
	dl_row(rq, MSG_WEB_FIELD_DISPLAY_NAME, u->display_name);
	dl_row(rq, MSG_WEB_FIELD_EMAIL, u->email);
	layout_wrap(rq, "<dt>", MSG_WEB_FIELD_ROLE, "</dt><dd>");
	tmpl_msg(rq, layout_user_role_msg(u->role));
	tmpl_raw(rq, "</dd>");	/* literal */
	if (org != NULL)
		dl_row(rq, MSG_WEB_FIELD_ORG, layout_msgf(rq,
		    MSG_WEB_NAME_WITH_SLUG, org->name, org->slug));
	else
		dl_row(rq, MSG_WEB_FIELD_ORG, u->org_slug);
	layout_wrap(rq, "<dt>", MSG_WEB_CREATED_AT, "</dt><dd>");
	tmpl_time(rq, u->created_at);
	tmpl_raw(rq, "</dd></dl></section>\n");	/* literal */
}

static void
password_form(struct req *rq, bool failed)
{
	const struct layout_field	fields[] = {
		{ .name = "current_password", .label = MSG_WEB_FIELD_CURRENT_PASSWORD,
		    .type = "password", .autocomplete = "current-password",
		    .required = true },
		{ .name = "new_password", .label = MSG_WEB_FIELD_NEW_PASSWORD,
		    .hint_text = layout_msgf(rq, MSG_WEB_FIELD_PASSWORD_HINT,
		    rq->cfg->password_min_length), .type = "password",
		    .autocomplete = "new-password", .required = true },
		{ .name = "new_password2", .label = MSG_WEB_FIELD_NEW_PASSWORD2,
		    .type = "password", .autocomplete = "new-password",
		    .required = true },
	};
	size_t				i;

	tmpl_raw(rq, "<section class=\"card\" id=\"password\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_PASSWORD_HEADING, "</h2>");
	if (failed)
		layout_form_errors(rq);
	tmpl_raw(rq, "<form class=\"stack\" method=\"post\" "
	    "action=\"/account/password\">");	/* literal */
	tmpl_csrf(rq);
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		layout_field(rq, &fields[i]);
	layout_submit(rq, MSG_WEB_PASSWORD_SUBMIT);
	tmpl_raw(rq, "</form></section>\n");	/* literal */
}

static void
token_row(struct req *rq, const struct api_token *t)
{
	tmpl_raw(rq, "<tr><td>");	/* literal */
	tmpl_text(rq, t->label);
	tmpl_raw(rq, "</td><td>");	/* literal */
	tmpl_time(rq, t->created_at);
	tmpl_raw(rq, "</td><td>");	/* literal */
	if (t->last_used_at > 0)
		tmpl_time(rq, t->last_used_at);
	else
		layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_NEVER, "</span>");
	tmpl_raw(rq, "</td><td>");	/* literal */
	if (t->revoked_at > 0) {
		layout_wrap(rq, "<span class=\"badge badge-off\">",
		    MSG_WEB_TOKEN_REVOKED, "</span> ");
		tmpl_time(rq, t->revoked_at);
	} else
		layout_wrap(rq, "<span class=\"badge badge-on\">",
		    MSG_WEB_TOKEN_LIVE, "</span>");
	tmpl_raw(rq, "</td><td>");	/* literal */
	if (t->revoked_at == 0) {
		tmpl_raw(rq, "<form class=\"inline\" method=\"post\"");	/* literal */
		tmpl_attr(rq, "action", arena_printf(rq->arena,
		    "/account/tokens/%lld/revoke", (long long)t->id));
		tmpl_raw(rq, ">");	/* literal */
		tmpl_csrf(rq);
		tmpl_raw(rq, "<button type=\"submit\" class=\"danger small\">");	/* literal */
		tmpl_msg(rq, MSG_WEB_TOKEN_REVOKE);
		tmpl_raw(rq, "</button></form>");	/* literal */
	}
	tmpl_raw(rq, "</td></tr>\n");	/* literal */
}

static void
tokens(struct req *rq, const struct api_token *toks, size_t n, bool failed,
    const char *label)
{
	const struct layout_field	f_label = {
		.name = "label", .label = MSG_WEB_TOKEN_LABEL,
		.hint = MSG_WEB_TOKEN_LABEL_HINT, .type = "text", .value = label,
		.autocomplete = "off", .maxlength = 64, .optional = true,
	};
	size_t				i;

	tmpl_raw(rq, "<section class=\"card\" id=\"tokens\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_TOKENS_HEADING, "</h2>");
	layout_wrap(rq, "<p>", MSG_WEB_TOKENS_INTRO, "</p>");
	if (n == 0)
		layout_wrap(rq, "<p class=\"muted\">", MSG_WEB_TOKENS_NONE, "</p>");
	else {
		tmpl_raw(rq, "<div class=\"table-wrap\"><table class=\"data\">"
		    "<thead><tr>");	/* literal */
		layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_TOKEN_LABEL, "</th>");
		layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_CREATED_AT, "</th>");
		layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_TOKEN_LAST_USED, "</th>");
		layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_STATUS, "</th>");
		layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_ACTIONS, "</th>");
		tmpl_raw(rq, "</tr></thead><tbody>\n");	/* literal */
		for (i = 0; i < n; i++)
			token_row(rq, &toks[i]);
		tmpl_raw(rq, "</tbody></table></div>\n");	/* literal */
	}
	layout_wrap(rq, "<h3>", MSG_WEB_TOKEN_CREATE_HEADING, "</h3>");
	if (failed)
		layout_form_errors(rq);
	tmpl_raw(rq, "<form class=\"stack\" method=\"post\" "
	    "action=\"/account/tokens\">");	/* literal */
	tmpl_csrf(rq);
	layout_field(rq, &f_label);
	layout_submit(rq, MSG_WEB_TOKEN_CREATE_SUBMIT);
	tmpl_raw(rq, "</form></section>\n");	/* literal */
}

/*
 * The account page.  Everything is loaded before anything is written, so a
 * store failure can still become the error page.
 */
static enum app_err
account_page(struct req *rq, int status, enum notice notice,
    enum which_form failed, const char *label)
{
	const struct user	*u = rq->user;
	struct api_token	*toks = NULL;
	struct org		 org;
	const struct org	*orgp = NULL;
	size_t			 ntoks = 0;
	enum app_err		 er = APP_OK;

	if (u->org_id != 0) {
		er = store_org_by_id(rq->store, rq->arena, u->org_id, &org);
		if (er == APP_OK)
			orgp = &org;
		else if (er != APP_NOTFOUND)
			goto fail;
	}
	/* Tokens wait until the one-time password is gone: they outlive it. */
	if (!u->must_change_password && (er = store_token_list(rq->store,
	    rq->arena, u->id, &toks, &ntoks)) != APP_OK)
		goto fail;
	er = APP_OK;

	resp_html(rq, status);
	layout_begin(rq, MSG_WEB_ACCOUNT_TITLE);
	layout_wrap(rq, "<h1>", MSG_WEB_ACCOUNT_TITLE, "</h1>\n");
	if (u->must_change_password)
		layout_flash_msg(rq, FLASH_WARN, MSG_WEB_ACCOUNT_MUST_CHANGE);
	if (notice == NOTICE_CHANGED)
		layout_flash_msg(rq, FLASH_OK, MSG_WEB_ACCOUNT_CHANGED);
	else if (notice == NOTICE_REVOKED)
		layout_flash_msg(rq, FLASH_OK, MSG_WEB_TOKEN_REVOKED_NOTICE);
	tmpl_raw(rq, "<div class=\"cards\">");	/* literal */
	if (u->must_change_password) {
		/* The one thing to do comes first. */
		password_form(rq, failed == FORM_PASSWORD);
		profile(rq, orgp);
	} else {
		profile(rq, orgp);
		password_form(rq, failed == FORM_PASSWORD);
	}
	tmpl_raw(rq, "</div>\n");	/* literal */
	if (!u->must_change_password)
		tokens(rq, toks, ntoks, failed == FORM_TOKEN, label);
	layout_end(rq);
	goto out;
fail:
	er = req_fail(rq, er, NULL, MSG_ERR_STORE);
out:
	return er;
}

enum app_err
account_get(struct req *rq)
{
	enum notice	n = NOTICE_NONE;

	if (req_param(rq, ACCOUNT_CHANGED)->b)
		n = NOTICE_CHANGED;
	else if (req_param(rq, ACCOUNT_REVOKED)->b)
		n = NOTICE_REVOKED;
	return account_page(rq, 200, n, FORM_NONE, "");
}

enum app_err
account_password_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	const struct param_val	*cur = req_param(rq, PWCHANGE_CURRENT);
	const struct param_val	*pw = req_param(rq, PWCHANGE_NEW);
	int			 status;
	enum app_err		 er, rer;

	if (!web_same_secret(pw, req_param(rq, PWCHANGE_NEW2))) {
		er = req_fail(rq, APP_INVALID, "new_password2",
		    MSG_WEB_ERR_PASSWORD_MISMATCH);
		status = 422;
	} else {
		/* Keep this session: the person changing the password stays in. */
		er = svc_password_change(&c, web_pstr(cur), cur->s.n, web_pstr(pw),
		    pw->s.n, rq->session_hash, &f);
		if (er == APP_OK) {
			er = resp_redirect(rq, "/account?changed=1");
			goto out;
		}
		er = web_fault(rq, er, &f);
		status = web_form_status(rq, er, &f);
	}
	if (status != 0 && (rer = account_page(rq, status, NOTICE_NONE,
	    FORM_PASSWORD, "")) != APP_OK)
		er = rer;
out:
	return er;
}

/* The one time a token is shown. */
static void
token_shown(struct req *rq, const struct api_token *t, const char *raw)
{
	resp_html(rq, 200);
	layout_begin(rq, MSG_WEB_TOKEN_NEW_TITLE);
	layout_wrap(rq, "<h1>", MSG_WEB_TOKEN_NEW_TITLE, "</h1>\n");
	layout_flash_msg(rq, FLASH_WARN, MSG_WEB_TOKEN_NEW_WARNING);
	tmpl_raw(rq, "<dl class=\"profile\">");	/* literal */
	dl_row(rq, MSG_WEB_TOKEN_LABEL, t->label);
	layout_wrap(rq, "<dt>", MSG_WEB_TOKEN_VALUE, "</dt><dd>"
	    "<code class=\"secret\">");
	tmpl_text(rq, raw);
	tmpl_raw(rq, "</code></dd></dl>\n<p>");	/* literal */
	layout_link(rq, "/account", MSG_WEB_TOKEN_BACK);
	tmpl_raw(rq, "</p>\n");	/* literal */
	layout_end(rq);
}

enum app_err
account_token_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct api_token	 t;
	char			 raw[CRYPTO_TOKEN_MAX] = "";
	const struct param_val	*label = req_param(rq, TOKEN_NEW_LABEL);
	int			 status;
	enum app_err		 er, rer;

	er = svc_token_create(&c, rq->user->id, label->present ? label->s.p : NULL,
	    raw, &t, &f);
	if (er == APP_OK) {
		token_shown(rq, &t, raw);
		goto out;
	}
	er = web_fault(rq, er, &f);
	if ((status = web_form_status(rq, er, &f)) != 0 &&
	    (rer = account_page(rq, status, NOTICE_NONE, FORM_TOKEN,
	    web_pstr(label))) != APP_OK)
		er = rer;
out:
	crypto_wipe(raw, sizeof(raw));
	return er;
}

enum app_err
account_token_revoke_post(struct req *rq)
{
	struct svc_ctx	c = web_ctx(rq);
	struct fault	f = { .er = APP_OK };
	enum app_err	er;

	/* svc checks the token is the actor's own: others' are "not found". */
	er = svc_token_revoke(&c, rq->user->id, req_param(rq, TOKEN_REVOKE_ID)->i, &f);
	if (er == APP_OK)
		er = resp_redirect(rq, "/account?revoked=1");
	else
		er = web_fault(rq, er, &f);
	return er;
}
