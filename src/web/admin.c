/*
 * Administration pages: user accounts and organisations (with their
 * products).  Lists page by id cursor ("after" = the last id shown); the
 * creation forms are shown only to roles that may use them, and the routes
 * check the permission again whatever the page showed.
 */
#include <string.h>

#include "core/arena.h"
#include "core/sbuf.h"
#include "domain/authz.h"
#include "store/store.h"
#include "svc/svc.h"
#include "web/layout.h"
#include "web/tmpl.h"
#include "web/web_int.h"

const struct param users_params[USERS__MAX] = {
	[USERS_AFTER] = { "after", PARAM_I64, .min = 0,
	    .max = INT64_MAX },				/* cursor: last id shown */
	[USERS_CREATED] = { "created", PARAM_TEXT, .max = 32 },	/* login just made */
};

/* Bounds as the field rules have them; svc checks the rest. */
const struct param user_new_params[USER_NEW__MAX] = {
	[USER_NEW_LOGIN] = { "login", PARAM_TEXT, .max = 32 },	/* user_login_check */
	[USER_NEW_NAME] = { "display_name", PARAM_TEXT, .max = 64 },	/* may be empty */
	[USER_NEW_EMAIL] = { "email", PARAM_TEXT, .max = 254 },	/* may be empty */
	[USER_NEW_ROLE] = { "role", PARAM_TEXT, .max = 16 },	/* user_role_parse */
	[USER_NEW_ORG] = { "org", PARAM_TEXT, .max = 40 },	/* an org slug */
	[USER_NEW_PASSWORD] = { "password", PARAM_SECRET,
	    .max = USER_PASSWORD_MAX_BYTES },		/* one-time, never echoed */
};

const struct param orgs_params[ORGS__MAX] = {
	[ORGS_AFTER] = { "after", PARAM_I64, .min = 0,
	    .max = INT64_MAX },				/* cursor: last id shown */
	[ORGS_CREATED] = { "created", PARAM_TEXT, .max = 40 },	/* slug just made */
};

const struct param org_new_params[ORG_NEW__MAX] = {
	[ORG_NEW_SLUG] = { "slug", PARAM_TEXT, .max = 40 },	/* org_slug_check */
	[ORG_NEW_NAME] = { "name", PARAM_TEXT, .max = 128 },	/* org_name_check */
	[ORG_NEW_KIND] = { "kind", PARAM_TEXT, .max = 16 },	/* org_kind_parse */
	[ORG_NEW_COUNTRY] = { "country", PARAM_TEXT, .max = 2 },	/* ISO 3166-1 */
};

/* What was typed into a creation form, to show it again. */
struct user_typed {
	const char	*login, *name, *email, *role, *org;
};

struct org_typed {
	const char	*slug, *name, *kind, *country;
};

static void
td_text(struct req *rq, const char *s)
{
	tmpl_raw(rq, "<td>");	/* literal */
	if (s != NULL && s[0] != '\0')
		tmpl_text(rq, s);
	else
		tmpl_raw(rq, "<span class=\"muted\">—</span>");	/* literal */
	tmpl_raw(rq, "</td>");	/* literal */
}

/* First page / next page links; next_after is 0 on the last page. */
static void
pager(struct req *rq, const char *base, int64_t after, int64_t next_after)
{
	layout_pager(rq, after > 0 ? base : NULL, next_after > 0 ?
	    arena_printf(rq->arena, "%s?after=%lld", base, (long long)next_after) : NULL);
}

/*
 * A creation form sits in a <details> above the table, so it is at hand
 * without JavaScript and opens by itself when it comes back with errors.
 */
static void
create_open(struct req *rq, enum msg_id heading, const char *action)
{
	tmpl_raw(rq, rq->err != APP_OK ? "<details class=\"create\" open>" :
	    "<details class=\"create\">");	/* literal: either */
	layout_wrap(rq, "<summary>", heading, "</summary>");
	layout_form_errors(rq);
	tmpl_raw(rq, "<form class=\"stack\" method=\"post\"");	/* literal */
	tmpl_attr(rq, "action", action);
	tmpl_raw(rq, ">");	/* literal */
	tmpl_csrf(rq);
}

static void
create_close(struct req *rq, enum msg_id submit)
{
	layout_submit(rq, submit);
	tmpl_raw(rq, "</form></details>\n");	/* literal */
}

static void
user_form(struct req *rq, const struct user_typed *t)
{
	struct layout_option		roles[UROLE__MAX];
	const struct layout_field	f_role = {
		.name = "role", .label = MSG_WEB_FIELD_ROLE,
		.value = t->role != NULL && t->role[0] != '\0' ? t->role :
		    user_role_name(UROLE_REPORTER),
		.required = true,
	};
	const struct layout_field	fields[] = {
		{ .name = "login", .label = MSG_WEB_FIELD_LOGIN,
		    .hint = MSG_WEB_FIELD_LOGIN_HINT, .type = "text",
		    .value = t->login, .autocomplete = "off", .maxlength = 32,
		    .required = true },
		{ .name = "display_name", .label = MSG_WEB_FIELD_DISPLAY_NAME,
		    .type = "text", .value = t->name, .autocomplete = "off",
		    .maxlength = 64, .optional = true },
		{ .name = "email", .label = MSG_WEB_FIELD_EMAIL, .type = "email",
		    .value = t->email, .autocomplete = "off", .maxlength = 254,
		    .optional = true },
	};
	const struct layout_field	f_org = {
		.name = "org", .label = MSG_WEB_FIELD_ORG,
		.hint = MSG_WEB_FIELD_ORG_SLUG_HINT, .type = "text",
		.value = t->org, .autocomplete = "off", .maxlength = 40,
		.optional = true,
	};
	const struct layout_field	f_password = {
		.name = "password", .label = MSG_WEB_FIELD_INITIAL_PASSWORD,
		.hint_text = layout_msgf(rq, MSG_WEB_FIELD_PASSWORD_HINT,
		    rq->cfg->password_min_length), .type = "password",
		.autocomplete = "new-password", .required = true,
	};
	size_t				i;
	int				r;

	for (r = 0; r < UROLE__MAX; r++) {
		roles[r].value = user_role_name((enum user_role)r);
		roles[r].label = layout_user_role_msg((enum user_role)r);
	}
	create_open(rq, MSG_WEB_USERS_CREATE_HEADING, "/admin/users");
	layout_wrap(rq, "<p class=\"hint\">", MSG_WEB_USERS_CREATE_INTRO, "</p>");
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		layout_field(rq, &fields[i]);
	layout_select(rq, &f_role, roles, UROLE__MAX);
	layout_field(rq, &f_org);
	layout_field(rq, &f_password);
	create_close(rq, MSG_WEB_USERS_CREATE_SUBMIT);
}

static void
user_row(struct req *rq, const struct user *u)
{
	tmpl_raw(rq, "<tr><td class=\"num\">");	/* literal */
	tmpl_i64(rq, u->id);
	tmpl_raw(rq, "</td><td><code>");	/* literal */
	tmpl_text(rq, u->login);
	tmpl_raw(rq, "</code></td>");	/* literal */
	td_text(rq, u->display_name);
	td_text(rq, u->email);
	layout_wrap(rq, "<td>", layout_user_role_msg(u->role), "</td>");
	td_text(rq, u->org_slug);
	tmpl_raw(rq, "<td>");	/* literal */
	if (u->disabled)
		layout_wrap(rq, "<span class=\"badge badge-off\">",
		    MSG_WEB_USER_DISABLED, "</span>");
	else if (u->must_change_password)
		layout_wrap(rq, "<span class=\"badge badge-warn\">",
		    MSG_WEB_USER_MUST_CHANGE, "</span>");
	else
		layout_wrap(rq, "<span class=\"badge badge-on\">",
		    MSG_WEB_USER_ACTIVE, "</span>");
	tmpl_raw(rq, "</td><td>");	/* literal */
	tmpl_time(rq, u->created_at);
	tmpl_raw(rq, "</td></tr>\n");	/* literal */
}

/* The accounts page; t holds what the creation form had, or "". */
static enum app_err
users_page(struct req *rq, int status, int64_t after, const char *created,
    const struct user_typed *t)
{
	struct user	*users = NULL;
	size_t		 n = 0, i;
	int64_t		 next_after = 0;
	enum app_err	 er;

	/* One row more than shown tells whether there is a next page. */
	er = store_user_list(rq->store, rq->arena, after, WEB_PAGE_ROWS + 1,
	    &users, &n);
	if (er != APP_OK) {
		er = req_fail(rq, er, NULL, MSG_ERR_STORE);
		goto out;
	}
	if (n > WEB_PAGE_ROWS) {
		n = WEB_PAGE_ROWS;
		next_after = users[n - 1].id;
	}
	resp_html(rq, status);
	layout_begin(rq, MSG_WEB_USERS_TITLE);
	layout_wrap(rq, "<h1>", MSG_WEB_USERS_TITLE, "</h1>\n");
	if (created != NULL)
		layout_flash(rq, FLASH_OK, layout_msgf(rq, MSG_WEB_USERS_CREATED,
		    created));
	if (authz_allows(rq->user->role, PERM_USERS_MANAGE))
		user_form(rq, t);
	if (n == 0)
		layout_wrap(rq, "<p class=\"muted\">", MSG_WEB_USERS_NONE, "</p>\n");
	else {
		tmpl_raw(rq, "<div class=\"table-wrap\"><table class=\"data\">"
		    "<thead><tr>");	/* literal */
		layout_th(rq, MSG_WEB_ID);
		layout_th(rq, MSG_WEB_FIELD_LOGIN);
		layout_th(rq, MSG_WEB_FIELD_DISPLAY_NAME);
		layout_th(rq, MSG_WEB_FIELD_EMAIL);
		layout_th(rq, MSG_WEB_FIELD_ROLE);
		layout_th(rq, MSG_WEB_FIELD_ORG);
		layout_th(rq, MSG_WEB_STATUS);
		layout_th(rq, MSG_WEB_CREATED_AT);
		tmpl_raw(rq, "</tr></thead><tbody>\n");	/* literal */
		for (i = 0; i < n; i++)
			user_row(rq, &users[i]);
		tmpl_raw(rq, "</tbody></table></div>\n");	/* literal */
	}
	pager(rq, "/admin/users", after, next_after);
	layout_end(rq);
out:
	return er;
}

enum app_err
admin_users_get(struct req *rq)
{
	static const struct user_typed	 empty = { "", "", "", "", "" };
	const struct param_val		*created = req_param(rq, USERS_CREATED);

	/*
	 * The notice comes from a link anyone could forge: it only ever
	 * shows something shaped like a login.
	 */
	return users_page(rq, 200, req_param(rq, USERS_AFTER)->i,
	    created->present && user_login_check(created->s) == MSG_OK ?
	    created->s.p : NULL, &empty);
}

enum app_err
admin_users_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct user_typed	 t;
	struct user_new		 in;
	struct user		 u;
	struct sbuf		 url;
	const struct param_val	*pw = req_param(rq, USER_NEW_PASSWORD);
	int			 role, status;
	enum app_err		 er, rer;

	t.login = web_pstr(req_param(rq, USER_NEW_LOGIN));
	t.name = web_pstr(req_param(rq, USER_NEW_NAME));
	t.email = web_pstr(req_param(rq, USER_NEW_EMAIL));
	t.role = web_pstr(req_param(rq, USER_NEW_ROLE));
	t.org = web_pstr(req_param(rq, USER_NEW_ORG));
	if ((role = user_role_parse(str_from(t.role))) < 0) {
		er = req_fail(rq, APP_INVALID, "role", MSG_ERR_ROLE);
		status = 422;
		goto form;
	}
	memset(&in, 0, sizeof(in));
	in.login = t.login;
	in.display_name = t.name;
	in.email = t.email;
	in.role = (enum user_role)role;
	in.org_slug = t.org[0] != '\0' ? t.org : NULL;
	in.password = web_pstr(pw);
	in.password_len = pw->s.n;
	/* The administrator knows this password: the owner must replace it. */
	in.must_change_password = true;
	if ((er = svc_user_create(&c, &in, &u, &f)) == APP_OK) {
		sbuf_init(&url, rq->arena, 0);
		sbuf_addstr(&url, "/admin/users?created=");
		sbuf_add_urlenc(&url, in.login, strlen(in.login));
		er = resp_redirect(rq, url.buf);
		goto out;
	}
	er = web_fault(rq, er, &f);
	if ((status = web_form_status(rq, er, &f)) == 0)
		goto out;	/* the error page */
form:
	if ((rer = users_page(rq, status, 0, NULL, &t)) != APP_OK)
		er = rer;
out:
	return er;
}

static void
org_form(struct req *rq, const struct org_typed *t)
{
	struct layout_option		kinds[ORG__MAX];
	const struct layout_field	fields[] = {
		{ .name = "slug", .label = MSG_WEB_ORG_SLUG,
		    .hint = MSG_WEB_FIELD_SLUG_HINT, .type = "text",
		    .value = t->slug, .autocomplete = "off", .maxlength = 40,
		    .required = true },
		{ .name = "name", .label = MSG_WEB_ORG_NAME, .type = "text",
		    .value = t->name, .autocomplete = "organization",
		    .maxlength = 128, .required = true },
	};
	const struct layout_field	f_kind = {
		.name = "kind", .label = MSG_WEB_ORG_KIND,
		.value = t->kind != NULL && t->kind[0] != '\0' ? t->kind :
		    org_kind_name(ORG_PROVIDER),
		.required = true,
	};
	const struct layout_field	f_country = {
		.name = "country", .label = MSG_WEB_ORG_COUNTRY,
		.hint = MSG_WEB_FIELD_COUNTRY_HINT, .type = "text",
		/* Most organisations a Chinese instance deals with are domestic. */
		.value = t->country != NULL && t->country[0] != '\0' ?
		    t->country : "CN",
		.autocomplete = "off", .maxlength = 2, .required = true,
	};
	size_t				i;
	int				k;

	for (k = 0; k < ORG__MAX; k++) {
		kinds[k].value = org_kind_name((enum org_kind)k);
		kinds[k].label = layout_org_kind_msg((enum org_kind)k);
	}
	create_open(rq, MSG_WEB_ORGS_CREATE_HEADING, "/admin/orgs");
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		layout_field(rq, &fields[i]);
	layout_select(rq, &f_kind, kinds, ORG__MAX);
	layout_field(rq, &f_country);
	create_close(rq, MSG_WEB_ORGS_CREATE_SUBMIT);
}

static void
products_cell(struct req *rq, const struct product *p, size_t n)
{
	size_t	i;

	tmpl_raw(rq, "<td>");	/* literal */
	if (n == 0)
		layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_ORG_NO_PRODUCTS,
		    "</span>");
	else {
		tmpl_raw(rq, "<ul class=\"plain\">");	/* literal */
		for (i = 0; i < n; i++) {
			tmpl_raw(rq, "<li><strong>");	/* literal */
			tmpl_text(rq, p[i].name);
			tmpl_raw(rq, "</strong>");	/* literal */
			if (p[i].model != NULL && p[i].model[0] != '\0') {
				layout_wrap(rq, " <span class=\"muted\">",
				    MSG_WEB_PRODUCT_MODEL, "</span> ");
				tmpl_text(rq, p[i].model);
			}
			if (p[i].versions != NULL && p[i].versions[0] != '\0') {
				layout_wrap(rq, " <span class=\"muted\">",
				    MSG_WEB_PRODUCT_VERSIONS, "</span> ");
				tmpl_text(rq, p[i].versions);
			}
			tmpl_raw(rq, "</li>");	/* literal */
		}
		tmpl_raw(rq, "</ul>");	/* literal */
	}
	tmpl_raw(rq, "</td>");	/* literal */
}

static enum app_err
orgs_page(struct req *rq, int status, int64_t after, const char *created,
    const struct org_typed *t)
{
	struct org	 *orgs = NULL;
	struct product	**prods = NULL;
	size_t		 *nprods = NULL;
	size_t		  n = 0, i;
	int64_t		  next_after = 0;
	enum app_err	  er;

	/* One row more than shown tells whether there is a next page. */
	er = store_org_list(rq->store, rq->arena, after, WEB_PAGE_ROWS + 1,
	    &orgs, &n);
	if (er != APP_OK)
		goto fail;
	if (n > WEB_PAGE_ROWS) {
		n = WEB_PAGE_ROWS;
		next_after = orgs[n - 1].id;
	}
	prods = arena_calloc(rq->arena, n + 1, sizeof(*prods));
	nprods = arena_calloc(rq->arena, n + 1, sizeof(*nprods));
	for (i = 0; i < n; i++)
		if ((er = store_product_list(rq->store, rq->arena, orgs[i].id,
		    &prods[i], &nprods[i])) != APP_OK)
			goto fail;

	resp_html(rq, status);
	layout_begin(rq, MSG_WEB_ORGS_TITLE);
	layout_wrap(rq, "<h1>", MSG_WEB_ORGS_TITLE, "</h1>\n");
	if (created != NULL)
		layout_flash(rq, FLASH_OK, layout_msgf(rq, MSG_WEB_ORGS_CREATED,
		    created));
	if (authz_allows(rq->user->role, PERM_ORGS_MANAGE))
		org_form(rq, t);
	if (n == 0)
		layout_wrap(rq, "<p class=\"muted\">", MSG_WEB_ORGS_NONE, "</p>\n");
	else {
		tmpl_raw(rq, "<div class=\"table-wrap\"><table class=\"data\">"
		    "<thead><tr>");	/* literal */
		layout_th(rq, MSG_WEB_ORG_SLUG);
		layout_th(rq, MSG_WEB_ORG_NAME);
		layout_th(rq, MSG_WEB_ORG_KIND);
		layout_th(rq, MSG_WEB_ORG_COUNTRY);
		layout_th(rq, MSG_WEB_ORG_PRODUCTS);
		layout_th(rq, MSG_WEB_CREATED_AT);
		tmpl_raw(rq, "</tr></thead><tbody>\n");	/* literal */
		for (i = 0; i < n; i++) {
			tmpl_raw(rq, "<tr><td><code>");	/* literal */
			tmpl_text(rq, orgs[i].slug);
			tmpl_raw(rq, "</code></td>");	/* literal */
			td_text(rq, orgs[i].name);
			layout_wrap(rq, "<td>", layout_org_kind_msg(orgs[i].kind),
			    "</td>");
			td_text(rq, orgs[i].country);
			products_cell(rq, prods[i], nprods[i]);
			tmpl_raw(rq, "<td>");	/* literal */
			tmpl_time(rq, orgs[i].created_at);
			tmpl_raw(rq, "</td></tr>\n");	/* literal */
		}
		tmpl_raw(rq, "</tbody></table></div>\n");	/* literal */
	}
	pager(rq, "/admin/orgs", after, next_after);
	layout_end(rq);
	goto out;
fail:
	er = req_fail(rq, er, NULL, MSG_ERR_STORE);
out:
	return er;
}

enum app_err
admin_orgs_get(struct req *rq)
{
	static const struct org_typed	 empty = { "", "", "", "" };
	const struct param_val		*created = req_param(rq, ORGS_CREATED);

	/* As for accounts: a forged link can only name something slug-shaped. */
	return orgs_page(rq, 200, req_param(rq, ORGS_AFTER)->i,
	    created->present && org_slug_check(created->s) == MSG_OK ?
	    created->s.p : NULL, &empty);
}

enum app_err
admin_orgs_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct org_typed	 t;
	struct org		 org;
	struct sbuf		 url;
	char			*cc, *p;
	int			 status;
	enum app_err		 er, rer;

	t.slug = web_pstr(req_param(rq, ORG_NEW_SLUG));
	t.name = web_pstr(req_param(rq, ORG_NEW_NAME));
	t.kind = web_pstr(req_param(rq, ORG_NEW_KIND));
	/* "cn" is what people type; the code is upper case. */
	cc = arena_strdup(rq->arena, web_pstr(req_param(rq, ORG_NEW_COUNTRY)));
	for (p = cc; *p != '\0'; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	t.country = cc;
	er = svc_org_create(&c, t.slug, t.name, t.kind, t.country, &org, &f);
	if (er == APP_OK) {
		sbuf_init(&url, rq->arena, 0);
		sbuf_addstr(&url, "/admin/orgs?created=");
		sbuf_add_urlenc(&url, t.slug, strlen(t.slug));
		er = resp_redirect(rq, url.buf);
		goto out;
	}
	er = web_fault(rq, er, &f);
	if ((status = web_form_status(rq, er, &f)) != 0 &&
	    (rer = orgs_page(rq, status, 0, NULL, &t)) != APP_OK)
		er = rer;
out:
	return er;
}
