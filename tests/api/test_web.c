/*
 * The server-rendered pages: languages, the login form and its CSRF
 * double-submit, the footer's filing number, escaping of what people type,
 * and who may see the administration pages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define ADMIN_NEW_PW	"a much better admin passphrase"
#define XSS_NAME	"<script>alert(1)</script>"

/* Init, add a reporter "rita", start with env. */
static struct srv *
boot(void **state, const char *const *env)
{
	struct srv	*s = *state;

	srv_init(s);
	srv_user_add(s, "rita", "reporter", NULL, "Rita Reporter", TEST_PASSWORD);
	srv_start(s, env);
	return s;
}

static bool
is_hex64(const char *s)
{
	size_t	i;

	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return i == 64;
}

/*
 * The anonymous CSRF pair: GET /login, return the ld_csrf cookie value in
 * cookie and the form's field in field.
 */
static void
login_form(const struct srv *s, char *cookie, size_t csz, char *field, size_t fsz)
{
	struct resp	*r = web_page(s, "/login", NULL, NULL);

	assert_status(r, 200);
	assert_true(resp_cookie(r, "ld_csrf", cookie, csz));
	assert_true(web_form_csrf(r->body, field, fsz));
	resp_free(r);
}

static void
test_web__home_in_chinese_by_default(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;
	const char	*langs[] = { NULL, "zh-CN", "zh-CN,zh;q=0.9,en;q=0.5", "de" };
	size_t		 i;

	for (i = 0; i < sizeof(langs) / sizeof(langs[0]); i++) {
		r = web_page(s, "/", NULL, langs[i]);
		assert_status(r, 200);
		assert_true(contains_ci(resp_header(r, "Content-Type"), "text/html"));
		assert_contains(r->body, "<!doctype html>");
		assert_contains(r->body, "<html lang=\"zh-CN\">");
		assert_contains(r->body, "<title>首页 · ");
		assert_contains(r->body, "登录");
		assert_contains(r->body, "</html>");
		assert_string_equal(resp_header(r, "Content-Language"), "zh-CN");
		assert_security_headers(r);
		resp_free(r);
	}
}

static void
test_web__home_in_english(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;

	r = web_page(s, "/", NULL, "en");
	assert_status(r, 200);
	assert_contains(r->body, "<html lang=\"en\">");
	assert_contains(r->body, "<title>Home · ");
	assert_contains(r->body, "Log in");
	assert_not_contains(r->body, "<title>首页");
	assert_string_equal(resp_header(r, "Content-Language"), "en");
	resp_free(r);

	r = web_page(s, "/", NULL, "en-GB,en;q=0.9,zh;q=0.1");
	assert_status(r, 200);
	assert_contains(r->body, "<html lang=\"en\">");
	resp_free(r);

	/* HEAD gives the same status without a body. */
	r = http(s, "HEAD", "/", NULL, "Accept-Language: en", NULL);
	assert_status(r, 200);
	assert_int_equal(r->len, 0);
	resp_free(r);
}

static void
test_web__lang_switch_sets_cookie_and_redirects(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;
	const char	*sc;
	char		 v[32];

	r = web_page(s, "/lang?to=en&next=/", NULL, NULL);
	assert_status(r, 303);
	assert_string_equal(resp_header(r, "Location"), "/");
	sc = resp_set_cookie(r, "ld_lang");
	assert_non_null(sc);
	assert_true(resp_cookie(r, "ld_lang", v, sizeof(v)));
	assert_string_equal(v, "en");
	assert_true(contains_ci(sc, "Max-Age="));
	assert_true(contains_ci(sc, "Path=/"));
	assert_true(contains_ci(sc, "SameSite="));
	resp_free(r);

	/* The cookie wins over the browser's header. */
	r = web_page(s, "/", "ld_lang=en", "zh-CN");
	assert_status(r, 200);
	assert_contains(r->body, "<html lang=\"en\">");
	resp_free(r);

	/* And back. */
	r = web_page(s, "/lang?to=zh&next=/login", "ld_lang=en", NULL);
	assert_status(r, 303);
	assert_string_equal(resp_header(r, "Location"), "/login");
	assert_true(resp_cookie(r, "ld_lang", v, sizeof(v)));
	assert_string_equal(v, "zh");
	resp_free(r);

	/* next never leaves the site. */
	{
		const char	*evil[] = {
			"/lang?to=en&next=//evil.example/",
			"/lang?to=en&next=https://evil.example/",
			"/lang?to=en&next=/%5Cevil.example",
			"/lang?to=en&next=%2F%2Fevil.example",
		};
		size_t		 i;

		for (i = 0; i < sizeof(evil) / sizeof(evil[0]); i++) {
			r = web_page(s, evil[i], NULL, NULL);
			assert_status(r, 303);
			assert_string_equal(resp_header(r, "Location"), "/");
			resp_free(r);
		}
	}

	/* A language we do not have is refused, and sets nothing. */
	r = web_page(s, "/lang?to=fr&next=/", NULL, NULL);
	assert_status(r, 400);
	assert_null(resp_set_cookie(r, "ld_lang"));
	assert_true(contains_ci(resp_header(r, "Content-Type"), "text/html"));
	resp_free(r);
	r = web_page(s, "/lang", NULL, NULL);
	assert_status(r, 400);
	resp_free(r);
}

static void
test_web__login_form_carries_a_csrf_token(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;
	const char	*sc;
	char		 ck[128], field[128], cookie[200];

	r = web_page(s, "/login", NULL, NULL);
	assert_status(r, 200);
	sc = resp_set_cookie(r, "ld_csrf");
	assert_non_null(sc);
	assert_true(contains_ci(sc, "HttpOnly"));
	assert_true(contains_ci(sc, "SameSite=Strict"));
	assert_true(resp_cookie(r, "ld_csrf", ck, sizeof(ck)));
	assert_true(is_hex64(ck));
	assert_contains(r->body, "<form");
	assert_contains(r->body, "action=\"/login\"");
	assert_contains(r->body, "type=\"hidden\" name=\"csrf\"");
	assert_true(web_form_csrf(r->body, field, sizeof(field)));
	assert_string_equal(field, ck);
	assert_contains(r->body, "name=\"login\"");
	assert_contains(r->body, "name=\"password\"");
	assert_contains(r->body, "type=\"password\"");
	resp_free(r);

	/* A browser that has the cookie keeps it: the form carries the same. */
	snprintf(cookie, sizeof(cookie), "ld_csrf=%s", ck);
	r = web_page(s, "/login", cookie, NULL);
	assert_status(r, 200);
	assert_null(resp_set_cookie(r, "ld_csrf"));
	assert_true(web_form_csrf(r->body, field, sizeof(field)));
	assert_string_equal(field, ck);
	resp_free(r);

	/* Another visitor gets another token. */
	r = web_page(s, "/login", NULL, NULL);
	assert_true(resp_cookie(r, "ld_csrf", field, sizeof(field)));
	assert_string_not_equal(field, ck);
	resp_free(r);

	/* A "next" page is carried through the form, escaped. */
	r = web_page(s, "/login?next=/account%22%3E%3Cb%3E", NULL, NULL);
	assert_status(r, 200);
	assert_not_contains(r->body, "\"><b>");
	resp_free(r);
	r = web_page(s, "/login?next=/account", NULL, NULL);
	assert_status(r, 200);
	assert_contains(r->body, "name=\"next\" value=\"/account\"");
	resp_free(r);
}

static void
test_web__login_post_without_csrf_is_403(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;
	struct web_form	 f = { .len = 0 };
	char		 ck[128], field[128], cookie[200];

	login_form(s, ck, sizeof(ck), field, sizeof(field));
	snprintf(cookie, sizeof(cookie), "ld_csrf=%s", ck);

	/* The cookie without the field. */
	web_form_add(&f, "login", "rita");
	web_form_add(&f, "password", TEST_PASSWORD);
	r = web_post_form(s, "/login", cookie, &f, NULL);
	assert_status(r, 403);
	assert_null(resp_set_cookie(r, "ld_session"));
	assert_true(contains_ci(resp_header(r, "Content-Type"), "text/html"));
	assert_contains(r->body, "csrf.token");
	assert_security_headers(r);
	resp_free(r);

	/* The field without the cookie. */
	f.len = 0;
	web_form_add(&f, "csrf", field);
	web_form_add(&f, "login", "rita");
	web_form_add(&f, "password", TEST_PASSWORD);
	r = web_post_form(s, "/login", NULL, &f, NULL);
	assert_status(r, 403);
	assert_null(resp_set_cookie(r, "ld_session"));
	resp_free(r);

	/* A field that does not match the cookie. */
	{
		char	other[200];

		snprintf(other, sizeof(other), "ld_csrf=%064d", 0);
		r = web_post_form(s, "/login", other, &f, NULL);
		assert_status(r, 403);
		assert_null(resp_set_cookie(r, "ld_session"));
		resp_free(r);
	}

	/* An empty field. */
	f.len = 0;
	web_form_add(&f, "csrf", "");
	web_form_add(&f, "login", "rita");
	web_form_add(&f, "password", TEST_PASSWORD);
	r = web_post_form(s, "/login", cookie, &f, NULL);
	assert_status(r, 403);
	resp_free(r);

	/* The form route wants a form, not JSON. */
	r = http(s, "POST", "/login", "{\"login\":\"rita\"}",
	    "Content-Type: application/json", NULL);
	assert_status(r, 415);
	resp_free(r);
}

static void
test_web__login_post_with_csrf_sets_session(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;
	struct web_form	 f = { .len = 0 };
	char		 ck[128], field[128], cookie[200], tok[128], sess[200];
	const char	*sc;

	login_form(s, ck, sizeof(ck), field, sizeof(field));
	snprintf(cookie, sizeof(cookie), "ld_csrf=%s", ck);
	web_form_add(&f, "csrf", field);
	web_form_add(&f, "login", "rita");
	web_form_add(&f, "password", TEST_PASSWORD);
	r = web_post_form(s, "/login", cookie, &f, NULL);
	assert_status(r, 303);
	assert_string_equal(resp_header(r, "Location"), "/");
	sc = resp_set_cookie(r, "ld_session");
	assert_non_null(sc);
	assert_true(contains_ci(sc, "HttpOnly"));
	assert_true(contains_ci(sc, "SameSite=Strict"));
	assert_true(resp_cookie(r, "ld_session", tok, sizeof(tok)));
	assert_true(strlen(tok) > 20);
	resp_free(r);

	/* The session shows on the pages. */
	snprintf(sess, sizeof(sess), "ld_session=%s", tok);
	r = web_page(s, "/", sess, NULL);
	assert_status(r, 200);
	assert_contains(r->body, "rita");
	assert_contains(r->body, "action=\"/logout\"");
	resp_free(r);
	/* ...and works on the API too: it is one session. */
	r = http(s, "GET", "/api/v1/me", NULL, "Cookie: ld_session=", NULL);
	assert_status(r, 401);
	resp_free(r);
	{
		char	h[256];

		snprintf(h, sizeof(h), "Cookie: %s", sess);
		r = http(s, "GET", "/api/v1/me", NULL, h, NULL);
		assert_status(r, 200);
		resp_free(r);
	}

	/* "next" is followed when it is a local path, and only then. */
	f.len = 0;
	web_form_add(&f, "csrf", field);
	web_form_add(&f, "login", "rita");
	web_form_add(&f, "password", TEST_PASSWORD);
	web_form_add(&f, "next", "/account");
	r = web_post_form(s, "/login", cookie, &f, NULL);
	assert_status(r, 303);
	assert_string_equal(resp_header(r, "Location"), "/account");
	resp_free(r);
	f.len = 0;
	web_form_add(&f, "csrf", field);
	web_form_add(&f, "login", "rita");
	web_form_add(&f, "password", TEST_PASSWORD);
	web_form_add(&f, "next", "//evil.example/");
	r = web_post_form(s, "/login", cookie, &f, NULL);
	assert_status(r, 303);
	assert_string_equal(resp_header(r, "Location"), "/");
	resp_free(r);

	/* A wrong password shows the form again, with what was typed. */
	f.len = 0;
	web_form_add(&f, "csrf", field);
	web_form_add(&f, "login", "rita");
	web_form_add(&f, "password", "not the password");
	r = web_post_form(s, "/login", cookie, &f, NULL);
	assert_status(r, 401);
	assert_null(resp_set_cookie(r, "ld_session"));
	assert_contains(r->body, "value=\"rita\"");
	assert_not_contains(r->body, "not the password");
	assert_contains(r->body, "name=\"csrf\"");
	resp_free(r);
}

static void
test_web__one_time_password_leads_to_the_password_form(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;
	struct web_form	 f = { .len = 0 };
	char		 sess[200], csrf[128];

	web_login(s, "admin", s->admin_pw, sess, sizeof(sess));
	/* Every other page sends the admin to the password form. */
	r = web_page(s, "/admin/users", sess, NULL);
	assert_status(r, 303);
	assert_string_equal(resp_header(r, "Location"), "/account/password");
	resp_free(r);

	r = web_page(s, "/account/password", sess, NULL);
	assert_status(r, 200);
	assert_contains(r->body, "action=\"/account/password\"");
	assert_true(web_form_csrf(r->body, csrf, sizeof(csrf)));
	resp_free(r);

	/* Two different new passwords: the form again. */
	web_form_add(&f, "csrf", csrf);
	web_form_add(&f, "current_password", s->admin_pw);
	web_form_add(&f, "new_password", ADMIN_NEW_PW);
	web_form_add(&f, "new_password2", "something else entirely");
	r = web_post_form(s, "/account/password", sess, &f, NULL);
	assert_status(r, 422);
	assert_not_contains(r->body, ADMIN_NEW_PW);
	assert_not_contains(r->body, s->admin_pw);
	resp_free(r);

	f.len = 0;
	web_form_add(&f, "csrf", csrf);
	web_form_add(&f, "current_password", s->admin_pw);
	web_form_add(&f, "new_password", ADMIN_NEW_PW);
	web_form_add(&f, "new_password2", ADMIN_NEW_PW);
	r = web_post_form(s, "/account/password", sess, &f, NULL);
	assert_status(r, 303);
	assert_non_null(resp_header(r, "Location"));
	assert_true(strncmp(resp_header(r, "Location"), "/account", 8) == 0);
	resp_free(r);

	r = web_page(s, "/admin/users", sess, NULL);
	assert_status(r, 200);
	resp_free(r);
}

static void
test_web__footer_shows_the_filing_number(void **state)
{
	struct srv	*s = boot(state, (const char *const[]){
			    "LOUDONG_INSTANCE_FILING_NUMBER=京ICP备2024000001号", NULL });
	struct resp	*r;

	r = web_page(s, "/", NULL, NULL);
	assert_status(r, 200);
	assert_contains(r->body, "备案编号");
	assert_contains(r->body, "京ICP备2024000001号");
	assert_contains(r->body, "<footer");
	assert_true(strstr(r->body, "京ICP备2024000001号") > strstr(r->body, "<footer"));
	resp_free(r);
	/* On every page, in both languages. */
	r = web_page(s, "/login", NULL, "en");
	assert_status(r, 200);
	assert_contains(r->body, "京ICP备2024000001号");
	resp_free(r);
	r = web_page(s, "/no-such-page", NULL, NULL);
	assert_status(r, 404);
	resp_free(r);
}

static void
test_web__footer_without_filing_number(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;

	/* A platform that has not filed says so. */
	r = web_page(s, "/", NULL, NULL);
	assert_status(r, 200);
	assert_contains(r->body, "尚未备案");
	resp_free(r);
}

static void
test_web__filing_number_only_on_platforms(void **state)
{
	struct srv	*s = boot(state, (const char *const[]){
			    "LOUDONG_INSTANCE_ROLE=provider",
			    "LOUDONG_INSTANCE_FILING_NUMBER=京ICP备2024000001号", NULL });
	struct resp	*r;

	r = web_page(s, "/", NULL, NULL);
	assert_status(r, 200);
	assert_not_contains(r->body, "京ICP备2024000001号");
	assert_not_contains(r->body, "尚未备案");
	resp_free(r);
}

static void
test_web__configured_text_is_escaped(void **state)
{
	struct srv	*s = boot(state, (const char *const[]){
			    "LOUDONG_INSTANCE_FILING_NUMBER=<b>x</b>",
			    "LOUDONG_INSTANCE_NAME=<i>Lou</i>dong", NULL });
	struct resp	*r;

	r = web_page(s, "/", NULL, NULL);
	assert_status(r, 200);
	assert_not_contains(r->body, "<b>x</b>");
	assert_contains(r->body, "&lt;b&gt;x&lt;/b&gt;");
	assert_not_contains(r->body, "<i>Lou</i>");
	assert_contains(r->body, "&lt;i&gt;Lou&lt;/i&gt;dong");
	resp_free(r);
}

static void
test_web__display_name_is_escaped(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;
	struct cred	 c;
	char		 sess[200], body[256];

	snprintf(body, sizeof(body), "{\"login\":\"mallory\",\"password\":\"%s\","
	    "\"display_name\":\"%s\"}", TEST_PASSWORD, XSS_NAME);
	r = api(s, "POST", "/api/v1/users", NULL, body, NULL);
	assert_status(r, 201);
	resp_free(r);
	assert_int_equal(srv_login(s, "mallory", TEST_PASSWORD, &c, NULL), 201);
	snprintf(sess, sizeof(sess), "ld_session=%s", c.cookie);

	r = web_page(s, "/account", sess, NULL);
	assert_status(r, 200);
	assert_contains(r->body, "mallory");
	assert_not_contains(r->body, "<script>alert(1)");
	assert_contains(r->body, "&lt;script&gt;alert(1)&lt;/script&gt;");
	resp_free(r);
	/* The home page greets by name, escaped as well. */
	r = web_page(s, "/", sess, "en");
	assert_status(r, 200);
	assert_not_contains(r->body, "<script>alert(1)");
	assert_contains(r->body, "&lt;script&gt;");
	resp_free(r);

	/* And the administrator's list of accounts. */
	{
		struct cred	a;
		char		asess[200];

		srv_admin_session(s, ADMIN_NEW_PW, &a);
		snprintf(asess, sizeof(asess), "ld_session=%s", a.cookie);
		r = web_page(s, "/admin/users", asess, NULL);
		assert_status(r, 200);
		assert_contains(r->body, "mallory");
		assert_not_contains(r->body, "<script>alert(1)");
		assert_contains(r->body, "&lt;script&gt;alert(1)&lt;/script&gt;");
		resp_free(r);
	}
}

static void
test_web__admin_pages_by_role(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;
	struct cred	 a;
	char		 asess[200], rsess[200];

	srv_admin_session(s, ADMIN_NEW_PW, &a);
	snprintf(asess, sizeof(asess), "ld_session=%s", a.cookie);
	r = web_page(s, "/admin/users", asess, NULL);
	assert_status(r, 200);
	assert_contains(r->body, "rita");
	assert_contains(r->body, "admin");
	assert_contains(r->body, "action=\"/admin/users\"");
	assert_security_headers(r);
	resp_free(r);
	r = web_page(s, "/admin/orgs", asess, NULL);
	assert_status(r, 200);
	resp_free(r);

	web_login(s, "rita", TEST_PASSWORD, rsess, sizeof(rsess));
	r = web_page(s, "/admin/users", rsess, NULL);
	assert_status(r, 403);
	assert_true(contains_ci(resp_header(r, "Content-Type"), "text/html"));
	assert_contains(r->body, "rbac.role");
	assert_not_contains(r->body, "Rita Reporter</td>");
	resp_free(r);
	r = web_page(s, "/admin/orgs", rsess, NULL);
	assert_status(r, 403);
	resp_free(r);
	/* The reporter's navigation does not offer the admin pages. */
	r = web_page(s, "/", rsess, NULL);
	assert_status(r, 200);
	assert_not_contains(r->body, "href=\"/admin/users\"");
	resp_free(r);
	r = web_page(s, "/", asess, NULL);
	assert_status(r, 200);
	assert_contains(r->body, "href=\"/admin/users\"");
	resp_free(r);
}

static void
test_web__admin_creates_an_org_through_the_form(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;
	struct cred	 a;
	struct web_form	 f = { .len = 0 };
	char		 sess[200], csrf[128];

	srv_admin_session(s, ADMIN_NEW_PW, &a);
	snprintf(sess, sizeof(sess), "ld_session=%s", a.cookie);
	r = web_page(s, "/admin/orgs", sess, NULL);
	assert_status(r, 200);
	assert_true(web_form_csrf(r->body, csrf, sizeof(csrf)));
	assert_string_equal(csrf, a.csrf);
	resp_free(r);

	web_form_add(&f, "csrf", csrf);
	web_form_add(&f, "slug", "acme");
	web_form_add(&f, "name", "艾克米 <Acme>");
	web_form_add(&f, "kind", "provider");
	web_form_add(&f, "country", "CN");
	r = web_post_form(s, "/admin/orgs", sess, &f, NULL);
	assert_status(r, 303);
	assert_contains(resp_header(r, "Location"), "/admin/orgs");
	resp_free(r);
	r = web_page(s, "/admin/orgs", sess, NULL);
	assert_status(r, 200);
	assert_contains(r->body, "acme");
	assert_contains(r->body, "艾克米 &lt;Acme&gt;");
	resp_free(r);

	/* The same again: the form comes back with the error. */
	r = web_post_form(s, "/admin/orgs", sess, &f, NULL);
	assert_status(r, 422);
	assert_contains(r->body, "name=\"slug\"");
	resp_free(r);

	/* Without the token nothing happens. */
	f.len = 0;
	web_form_add(&f, "slug", "sneaky");
	web_form_add(&f, "name", "Sneaky");
	web_form_add(&f, "kind", "provider");
	web_form_add(&f, "country", "CN");
	r = web_post_form(s, "/admin/orgs", sess, &f, NULL);
	assert_status(r, 403);
	resp_free(r);
	r = web_page(s, "/admin/orgs", sess, NULL);
	assert_not_contains(r->body, "sneaky");
	resp_free(r);
}

static void
test_web__anonymous_account_redirects_to_login(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;
	const char	*loc;

	r = web_page(s, "/account", NULL, NULL);
	assert_status(r, 303);
	loc = resp_header(r, "Location");
	assert_non_null(loc);
	assert_true(strncmp(loc, "/login?next=", 12) == 0);
	assert_true(strcmp(loc + 12, "/account") == 0 ||
	    strcmp(loc + 12, "%2Faccount") == 0);
	assert_null(resp_set_cookie(r, "ld_session"));
	resp_free(r);

	r = web_page(s, "/admin/users", NULL, NULL);
	assert_status(r, 303);
	assert_true(strncmp(resp_header(r, "Location"), "/login?next=", 12) == 0);
	resp_free(r);

	/* A stale session cookie is treated as none. */
	r = web_page(s, "/account", "ld_session=lds_stale", NULL);
	assert_status(r, 303);
	assert_true(strncmp(resp_header(r, "Location"), "/login?next=", 12) == 0);
	resp_free(r);
}

static void
test_web__logout_needs_the_token(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;
	struct web_form	 f = { .len = 0 };
	char		 sess[200], csrf[128];

	web_login(s, "rita", TEST_PASSWORD, sess, sizeof(sess));
	r = web_page(s, "/account", sess, NULL);
	assert_status(r, 200);
	assert_true(web_form_csrf(r->body, csrf, sizeof(csrf)));
	resp_free(r);

	r = web_post_form(s, "/logout", sess, &f, NULL);
	assert_status(r, 403);
	resp_free(r);
	r = web_page(s, "/account", sess, NULL);
	assert_status(r, 200);
	resp_free(r);

	web_form_add(&f, "csrf", csrf);
	r = web_post_form(s, "/logout", sess, &f, NULL);
	assert_status(r, 303);
	assert_non_null(resp_set_cookie(r, "ld_session"));
	assert_true(contains_ci(resp_set_cookie(r, "ld_session"), "Max-Age=0"));
	resp_free(r);
	r = web_page(s, "/account", sess, NULL);
	assert_status(r, 303);
	resp_free(r);
}

static void
test_web__register_through_the_form(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;
	struct web_form	 f = { .len = 0 };
	char		 ck[128], field[128], cookie[200], tok[128];

	r = web_page(s, "/register", NULL, NULL);
	assert_status(r, 200);
	assert_contains(r->body, "action=\"/register\"");
	resp_free(r);

	login_form(s, ck, sizeof(ck), field, sizeof(field));
	snprintf(cookie, sizeof(cookie), "ld_csrf=%s", ck);
	web_form_add(&f, "csrf", field);
	web_form_add(&f, "login", "wendy");
	web_form_add(&f, "display_name", "Wendy");
	web_form_add(&f, "password", TEST_PASSWORD);
	web_form_add(&f, "password2", "not the same at all");
	r = web_post_form(s, "/register", cookie, &f, NULL);
	assert_status(r, 422);
	assert_contains(r->body, "value=\"wendy\"");
	assert_not_contains(r->body, TEST_PASSWORD);
	resp_free(r);

	f.len = 0;
	web_form_add(&f, "csrf", field);
	web_form_add(&f, "login", "wendy");
	web_form_add(&f, "display_name", "Wendy");
	web_form_add(&f, "password", TEST_PASSWORD);
	web_form_add(&f, "password2", TEST_PASSWORD);
	r = web_post_form(s, "/register", cookie, &f, NULL);
	assert_status(r, 303);
	assert_string_equal(resp_header(r, "Location"), "/account");
	assert_true(resp_cookie(r, "ld_session", tok, sizeof(tok)));
	resp_free(r);
}

static void
test_web__register_page_closed_when_registration_is_off(void **state)
{
	struct srv	*s = boot(state, (const char *const[]){
			    "LOUDONG_AUTH_ALLOW_REGISTRATION=false", NULL });
	struct resp	*r;

	r = web_page(s, "/register", NULL, NULL);
	assert_status(r, 403);
	assert_contains(r->body, "auth.allow_registration");
	resp_free(r);
	r = web_page(s, "/", NULL, NULL);
	assert_status(r, 200);
	assert_not_contains(r->body, "href=\"/register\"");
	resp_free(r);
}

static void
test_web__pages_carry_no_inline_script(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;
	const char	*paths[] = { "/", "/login", "/register", "/no-such-page" };
	size_t		 i;

	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		r = web_page(s, paths[i], NULL, NULL);
		assert_true(r->status == 200 || r->status == 404);
		assert_security_headers(r);
		/* CSP forbids inline code; the pages must not need it. */
		assert_not_contains(r->body, "<script>");
		assert_not_contains(r->body, " onclick=");
		assert_not_contains(r->body, " onload=");
		assert_not_contains(r->body, "javascript:");
		resp_free(r);
	}
}

static void
test_web__static_files(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;

	r = web_page(s, "/static/app.css", NULL, NULL);
	assert_status(r, 200);
	assert_true(contains_ci(resp_header(r, "Content-Type"), "text/css"));
	assert_true(r->len > 0);
	/* A cacheable answer carries no cookie. */
	assert_null(resp_header(r, "Set-Cookie"));
	assert_true(contains_ci(resp_header(r, "Cache-Control"), "public"));
	assert_security_headers(r);
	resp_free(r);

	r = web_page(s, "/static/no-such.css", NULL, NULL);
	assert_status(r, 404);
	resp_free(r);
	r = web_page(s, "/static/..%2F..%2Fetc%2Fpasswd", NULL, NULL);
	assert_true(r->status == 404 || r->status == 400);
	assert_not_contains(r->body, "root:");
	resp_free(r);
}

static void
test_web__login_form_throttled_is_429(void **state)
{
	struct srv	*s = boot(state, (const char *const[]){
			    "LOUDONG_AUTH_THROTTLE_ACCOUNT_MAX=2", NULL });
	struct resp	*r;
	struct web_form	 f = { .len = 0 };
	char		 ck[128], field[128], cookie[200];
	int		 i;

	login_form(s, ck, sizeof(ck), field, sizeof(field));
	snprintf(cookie, sizeof(cookie), "ld_csrf=%s", ck);
	web_form_add(&f, "csrf", field);
	web_form_add(&f, "login", "rita");
	web_form_add(&f, "password", "not the password");
	for (i = 0; i < 2; i++) {
		r = web_post_form(s, "/login", cookie, &f, NULL);
		assert_status(r, 401);
		resp_free(r);
	}
	f.len = 0;
	web_form_add(&f, "csrf", field);
	web_form_add(&f, "login", "rita");
	web_form_add(&f, "password", TEST_PASSWORD);
	r = web_post_form(s, "/login", cookie, &f, NULL);
	assert_status(r, 429);
	assert_null(resp_set_cookie(r, "ld_session"));
	assert_non_null(resp_header(r, "Retry-After"));
	assert_null(resp_header_n(r, "Retry-After", 1));
	/* The form is shown again, to try later. */
	assert_contains(r->body, "action=\"/login\"");
	resp_free(r);
}

/* The first "ldt_..." token in html into out; false if none. */
static bool
find_token(const char *html, char *out, size_t outsz)
{
	const char	*p = strstr(html, "ldt_");
	size_t		 n = 0;

	if (p == NULL)
		return false;
	while (p[n] != '\0' && p[n] != '<' && p[n] != '"' && n + 1 < outsz)
		n++;
	memcpy(out, p, n);
	out[n] = '\0';
	return n > 4;
}

static void
test_web__api_tokens_from_the_account_page(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;
	struct web_form	 f = { .len = 0 };
	char		 sess[200], osess[200], csrf[128], ocsrf[128], tok[128];
	char		 auth[200], action[128];
	const char	*p, *e;

	web_login(s, "rita", TEST_PASSWORD, sess, sizeof(sess));
	r = web_page(s, "/account", sess, NULL);
	assert_status(r, 200);
	assert_contains(r->body, "action=\"/account/tokens\"");
	assert_true(web_form_csrf(r->body, csrf, sizeof(csrf)));
	resp_free(r);

	web_form_add(&f, "csrf", csrf);
	web_form_add(&f, "label", "ci <runner>");
	r = web_post_form(s, "/account/tokens", sess, &f, NULL);
	assert_status(r, 200);
	assert_true(find_token(r->body, tok, sizeof(tok)));
	assert_contains(r->body, "ci &lt;runner&gt;");
	resp_free(r);

	/* The token works, and the account page never shows it again. */
	snprintf(auth, sizeof(auth), "Authorization: Bearer %s", tok);
	r = http(s, "GET", "/api/v1/me", NULL, auth, NULL);
	assert_status(r, 200);
	resp_free(r);
	r = web_page(s, "/account", sess, NULL);
	assert_status(r, 200);
	assert_not_contains(r->body, tok);
	assert_contains(r->body, "ci &lt;runner&gt;");
	p = strstr(r->body, "action=\"/account/tokens/");
	assert_non_null(p);
	p += strlen("action=\"");
	e = strchr(p, '"');
	assert_non_null(e);
	assert_true((size_t)(e - p) < sizeof(action));
	memcpy(action, p, (size_t)(e - p));
	action[e - p] = '\0';
	resp_free(r);

	/* Someone else cannot revoke it. */
	srv_stop(s);
	srv_user_add(s, "otto", "reporter", NULL, NULL, TEST_PASSWORD);
	srv_start(s, NULL);
	web_login(s, "otto", TEST_PASSWORD, osess, sizeof(osess));
	r = web_page(s, "/account", osess, NULL);
	assert_true(web_form_csrf(r->body, ocsrf, sizeof(ocsrf)));
	resp_free(r);
	f.len = 0;
	web_form_add(&f, "csrf", ocsrf);
	r = web_post_form(s, action, osess, &f, NULL);
	assert_status(r, 404);
	resp_free(r);
	r = http(s, "GET", "/api/v1/me", NULL, auth, NULL);
	assert_status(r, 200);
	resp_free(r);

	/* Its owner can; the old session page still has the right token. */
	r = web_page(s, "/account", sess, NULL);
	assert_status(r, 200);
	assert_true(web_form_csrf(r->body, csrf, sizeof(csrf)));
	resp_free(r);
	f.len = 0;
	web_form_add(&f, "csrf", csrf);
	r = web_post_form(s, action, sess, &f, NULL);
	assert_status(r, 303);
	assert_contains(resp_header(r, "Location"), "/account");
	resp_free(r);
	r = http(s, "GET", "/api/v1/me", NULL, auth, NULL);
	assert_status(r, 401);
	resp_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn)	cmocka_unit_test_setup_teardown(fn, srv_setup, srv_teardown)
		T(test_web__home_in_chinese_by_default),
		T(test_web__home_in_english),
		T(test_web__lang_switch_sets_cookie_and_redirects),
		T(test_web__login_form_carries_a_csrf_token),
		T(test_web__login_post_without_csrf_is_403),
		T(test_web__login_post_with_csrf_sets_session),
		T(test_web__one_time_password_leads_to_the_password_form),
		T(test_web__footer_shows_the_filing_number),
		T(test_web__footer_without_filing_number),
		T(test_web__filing_number_only_on_platforms),
		T(test_web__configured_text_is_escaped),
		T(test_web__display_name_is_escaped),
		T(test_web__admin_pages_by_role),
		T(test_web__admin_creates_an_org_through_the_form),
		T(test_web__anonymous_account_redirects_to_login),
		T(test_web__logout_needs_the_token),
		T(test_web__register_through_the_form),
		T(test_web__register_page_closed_when_registration_is_off),
		T(test_web__pages_carry_no_inline_script),
		T(test_web__static_files),
		T(test_web__login_form_throttled_is_429),
		T(test_web__api_tokens_from_the_account_page),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
