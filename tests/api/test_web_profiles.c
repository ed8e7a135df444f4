/*
 * The reporter identity pages (备案管理办法: 用户身份核实规则): a reporter
 * files an identity through the form and only ever sees it masked; staff
 * list identities, open one unsealed, and verify, reject or set levels
 * through forms that come back with their faults.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

/* A valid 居民身份证 number (check character X) and a mistyped one. */
#define GOOD_ID		"11010519491231002X"
#define GOOD_ID_MASKED	"110***********002X"
#define BAD_ID		"110105194912310021"
#define PHONE		"13800138000"
#define PHONE_MASKED	"138****8000"

/* Init, add a reporter "rita" and a triager "tom", start. */
static struct srv *
boot(void **state)
{
	struct srv	*s = *state;

	srv_init(s);
	srv_user_add(s, "rita", "reporter", NULL, "Rita Reporter", TEST_PASSWORD);
	srv_user_add(s, "tom", "triager", NULL, "Tom Triager", TEST_PASSWORD);
	srv_start(s, NULL);
	return s;
}

/* A growing application/x-www-form-urlencoded body. */
struct form {
	char	buf[4096];
	size_t	len;
};

static void
form_add(struct form *f, const char *key, const char *value)
{
	static const char	hex[] = "0123456789ABCDEF";
	const char		*parts[2] = { key, value };
	size_t			 i;

	if (f->len > 0) {
		assert_true(f->len + 1 < sizeof(f->buf));
		f->buf[f->len++] = '&';
	}
	for (i = 0; i < 2; i++) {
		const unsigned char *p = (const unsigned char *)parts[i];

		for (; *p != '\0'; p++) {
			assert_true(f->len + 4 < sizeof(f->buf));
			if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' ||
			    *p == '.' || *p == '~')
				f->buf[f->len++] = (char)*p;
			else if (*p == ' ')
				f->buf[f->len++] = '+';
			else {
				f->buf[f->len++] = '%';
				f->buf[f->len++] = hex[*p >> 4];
				f->buf[f->len++] = hex[*p & 15];
			}
		}
		if (i == 0)
			f->buf[f->len++] = '=';
	}
	f->buf[f->len] = '\0';
}

/* The value of the first hidden csrf field in html into out; false if none. */
static bool
form_csrf(const char *html, char *out, size_t outsz)
{
	const char	*key = "name=\"csrf\" value=\"", *p, *e;

	if ((p = strstr(html, key)) == NULL)
		return false;
	p += strlen(key);
	if ((e = strchr(p, '"')) == NULL || (size_t)(e - p) >= outsz)
		return false;
	memcpy(out, p, (size_t)(e - p));
	out[e - p] = '\0';
	return true;
}

/* GET a page with a Cookie header value (may be NULL), in English. */
static struct resp *
page(const struct srv *s, const char *path, const char *cookie)
{
	char	ch[400];

	snprintf(ch, sizeof(ch), "Cookie: %s", cookie ? cookie : "");
	return http(s, "GET", path, NULL, cookie ? ch : "X-No-Cookie: 1",
	    "Accept-Language: en", NULL);
}

/* POST a form with a Cookie header value, in English. */
static struct resp *
post_form(const struct srv *s, const char *path, const char *cookie,
    const struct form *f)
{
	char	ch[400];

	snprintf(ch, sizeof(ch), "Cookie: %s", cookie ? cookie : "");
	return http(s, "POST", path, f->buf,
	    "Content-Type: application/x-www-form-urlencoded",
	    cookie ? ch : "X-No-Cookie: 1", "Accept-Language: en", NULL);
}

/* Log in through the form; "ld_session=<token>" into out. */
static void
web_login(const struct srv *s, const char *login, char *out, size_t outsz)
{
	struct resp	*r = page(s, "/login", NULL);
	struct form	 f = { .len = 0 };
	char		 ck[128], field[128], cookie[200], tok[128];

	assert_status(r, 200);
	assert_true(resp_cookie(r, "ld_csrf", ck, sizeof(ck)));
	assert_true(form_csrf(r->body, field, sizeof(field)));
	resp_free(r);
	form_add(&f, "csrf", field);
	form_add(&f, "login", login);
	form_add(&f, "password", TEST_PASSWORD);
	snprintf(cookie, sizeof(cookie), "ld_csrf=%s", ck);
	r = post_form(s, "/login", cookie, &f);
	assert_status(r, 303);
	assert_true(resp_cookie(r, "ld_session", tok, sizeof(tok)));
	snprintf(out, outsz, "ld_session=%s", tok);
	resp_free(r);
}

/* GET path (a page with a form) and its CSRF token into csrf. */
static void
page_csrf(const struct srv *s, const char *path, const char *sess, char *csrf,
    size_t csz)
{
	struct resp	*r = page(s, path, sess);

	assert_status(r, 200);
	assert_true(form_csrf(r->body, csrf, csz));
	resp_free(r);
}

/* POST the identity form; returns the response (caller frees). */
static struct resp *
file_identity(const struct srv *s, const char *sess, const char *name,
    const char *type, const char *number, const char *phone)
{
	struct form	f = { .len = 0 };
	char		csrf[128];

	page_csrf(s, "/account/identity", sess, csrf, sizeof(csrf));
	form_add(&f, "csrf", csrf);
	form_add(&f, "real_name", name);
	form_add(&f, "id_type", type);
	form_add(&f, "id_number", number);
	form_add(&f, "phone", phone);
	return post_form(s, "/account/identity", sess, &f);
}

/* The path of rita's detail page, read from the staff list. */
static void
detail_path(const struct srv *s, const char *sess, char *out, size_t outsz)
{
	struct resp	*r = page(s, "/admin/reporters?status=all", sess);
	const char	*key = "href=\"/admin/reporters/", *p, *e;

	assert_status(r, 200);
	assert_non_null(p = strstr(r->body, key));
	p += strlen("href=\"");
	assert_non_null(e = strchr(p, '"'));
	assert_true((size_t)(e - p) < outsz);
	memcpy(out, p, (size_t)(e - p));
	out[e - p] = '\0';
	resp_free(r);
}

static void
test_web_profiles__form_files_an_identity(void **state)
{
	struct srv	*s = boot(state);
	struct resp	*r;
	char		 sess[200];

	web_login(s, "rita", sess, sizeof(sess));
	/* The reporter's navigation leads here; the page explains why. */
	r = page(s, "/", sess);
	assert_status(r, 200);
	assert_contains(r->body, "href=\"/account/identity\"");
	assert_not_contains(r->body, "href=\"/admin/reporters\"");
	resp_free(r);
	r = page(s, "/account/identity", sess);
	assert_status(r, 200);
	assert_contains(r->body, "action=\"/account/identity\"");
	assert_contains(r->body, "stored encrypted");
	assert_contains(r->body, "<option value=\"foreign_permanent\">");
	assert_security_headers(r);
	resp_free(r);

	/* Spaces and a lower-case check character are what people type. */
	r = file_identity(s, sess, "李白", "resident_card", "110105 19491231 002x",
	    "138 0013 8000");
	assert_status(r, 303);
	assert_string_equal(resp_header(r, "Location"), "/account/identity?filed=1");
	resp_free(r);
	r = page(s, "/account/identity?filed=1", sess);
	assert_status(r, 200);
	assert_contains(r->body, "Your identity has been submitted");
	assert_contains(r->body, "pstatus-pending");
	assert_contains(r->body, "Level 0");
	assert_contains(r->body, GOOD_ID_MASKED);
	assert_contains(r->body, PHONE_MASKED);
	assert_contains(r->body, "Change your identity");
	assert_contains(r->body, "back to waiting for review");
	resp_free(r);
}

static void
test_web_profiles__bad_number_is_422_with_the_message(void **state)
{
	struct srv	*s = boot(state);
	struct resp	*r;
	char		 sess[200];

	web_login(s, "rita", sess, sizeof(sess));
	r = file_identity(s, sess, "李白", "resident_card", BAD_ID, PHONE);
	assert_status(r, 422);
	assert_contains(r->body, "There is a problem");
	assert_contains(r->body, "class=\"field has-error\"");
	assert_contains(r->body, "id=\"f-id_number-error\"");
	assert_contains(r->body, "does not match the others");
	/* The number at fault comes back to be corrected; the name too. */
	assert_contains(r->body, "value=\"" BAD_ID "\"");
	assert_contains(r->body, "value=\"李白\"");
	resp_free(r);
	/* Nothing was filed. */
	r = page(s, "/account/identity", sess);
	assert_status(r, 200);
	assert_contains(r->body, "You have not filed your identity yet");
	resp_free(r);

	/* An unknown document type is the select's error. */
	r = file_identity(s, sess, "李白", "library_card", GOOD_ID, PHONE);
	assert_status(r, 422);
	assert_contains(r->body, "id=\"f-id_type-error\"");
	resp_free(r);
}

static void
test_web_profiles__reporter_never_sees_the_full_number(void **state)
{
	struct srv	*s = boot(state);
	struct resp	*r;
	char		 sess[200];

	web_login(s, "rita", sess, sizeof(sess));
	/* A form failing on another field does not send a good number back. */
	r = file_identity(s, sess, "李白", "resident_card", GOOD_ID, "12345");
	assert_status(r, 422);
	assert_contains(r->body, "id=\"f-phone-error\"");
	assert_not_contains(r->body, GOOD_ID);
	assert_not_contains(r->body, "11010519491231002x");
	resp_free(r);

	r = file_identity(s, sess, "李白", "resident_card", GOOD_ID, PHONE);
	assert_status(r, 303);
	resp_free(r);
	r = page(s, "/account/identity", sess);
	assert_status(r, 200);
	assert_contains(r->body, GOOD_ID_MASKED);
	assert_not_contains(r->body, GOOD_ID);
	assert_not_contains(r->body, PHONE);
	assert_not_contains(r->body, "李白");
	resp_free(r);
}

static void
test_web_profiles__reporter_gets_403_on_the_staff_pages(void **state)
{
	struct srv	*s = boot(state);
	struct resp	*r;
	struct form	 f = { .len = 0 };
	char		 sess[200], csrf[128], path[128];

	web_login(s, "rita", sess, sizeof(sess));
	r = file_identity(s, sess, "李白", "resident_card", GOOD_ID, PHONE);
	assert_status(r, 303);
	resp_free(r);

	r = page(s, "/admin/reporters", sess);
	assert_status(r, 403);
	assert_true(contains_ci(resp_header(r, "Content-Type"), "text/html"));
	assert_contains(r->body, "rbac.role");
	assert_not_contains(r->body, GOOD_ID_MASKED);
	resp_free(r);
	/* Not even their own unsealed view. */
	r = page(s, "/admin/reporters/2", sess);
	assert_status(r, 403);
	assert_not_contains(r->body, GOOD_ID);
	resp_free(r);
	/* Nor the staff forms, with a valid token. */
	page_csrf(s, "/account/identity", sess, csrf, sizeof(csrf));
	form_add(&f, "csrf", csrf);
	form_add(&f, "decision", "verified");
	snprintf(path, sizeof(path), "/admin/reporters/2/review");
	r = post_form(s, path, sess, &f);
	assert_status(r, 403);
	resp_free(r);
	r = page(s, "/account/identity", sess);
	assert_contains(r->body, "pstatus-pending");
	resp_free(r);
}

static void
test_web_profiles__staff_have_no_identity_to_file(void **state)
{
	struct srv	*s = boot(state);
	struct resp	*r;
	char		 sess[200];

	web_login(s, "tom", sess, sizeof(sess));
	r = page(s, "/", sess);
	assert_contains(r->body, "href=\"/admin/reporters\"");
	assert_not_contains(r->body, "href=\"/account/identity\"");
	resp_free(r);
	r = page(s, "/account/identity", sess);
	assert_status(r, 200);
	assert_contains(r->body, "Identity profiles are for reporter accounts");
	assert_not_contains(r->body, "action=\"/account/identity\"");
	assert_contains(r->body, "href=\"/admin/reporters\"");
	resp_free(r);
	/* A form posted anyway is refused. */
	r = file_identity(s, sess, "汤姆", "passport", "E12345678", PHONE);
	assert_status(r, 403);
	assert_contains(r->body, "Identity profiles are for reporter accounts");
	resp_free(r);
}

static void
test_web_profiles__triager_sees_the_number_and_verifies(void **state)
{
	struct srv	*s = boot(state);
	struct resp	*r;
	struct form	 f = { .len = 0 };
	char		 rsess[200], tsess[200], csrf[128], path[128], action[160];

	web_login(s, "rita", rsess, sizeof(rsess));
	r = file_identity(s, rsess, "李白", "resident_card", GOOD_ID, PHONE);
	assert_status(r, 303);
	resp_free(r);

	web_login(s, "tom", tsess, sizeof(tsess));
	/* The list waits on pending identities and shows them masked. */
	r = page(s, "/admin/reporters", tsess);
	assert_status(r, 200);
	assert_contains(r->body, "<option value=\"pending\" selected>");
	assert_contains(r->body, "<code>rita</code>");
	assert_contains(r->body, GOOD_ID_MASKED);
	assert_not_contains(r->body, GOOD_ID);
	resp_free(r);
	r = page(s, "/admin/reporters?status=verified", tsess);
	assert_status(r, 200);
	assert_not_contains(r->body, "<code>rita</code>");
	resp_free(r);
	r = page(s, "/admin/reporters?status=maybe", tsess);
	assert_status(r, 400);
	resp_free(r);

	/* The detail page is unsealed, and says the viewing is audited. */
	detail_path(s, tsess, path, sizeof(path));
	r = page(s, path, tsess);
	assert_status(r, 200);
	assert_contains(r->body, GOOD_ID);
	assert_contains(r->body, PHONE);
	assert_contains(r->body, "李白");
	assert_contains(r->body, "recorded in the audit log");
	assert_true(form_csrf(r->body, csrf, sizeof(csrf)));
	resp_free(r);

	/* A rejection without a reason comes back with the error beside it. */
	snprintf(action, sizeof(action), "%s/review", path);
	form_add(&f, "csrf", csrf);
	form_add(&f, "decision", "rejected");
	form_add(&f, "reason", "   ");
	r = post_form(s, action, tsess, &f);
	assert_status(r, 422);
	assert_contains(r->body, "id=\"f-reason-error\"");
	assert_contains(r->body, "A rejection needs a reason");
	resp_free(r);

	/* Levels above 0 wait for a verified identity: the rule is named. */
	snprintf(action, sizeof(action), "%s/level", path);
	f.len = 0;
	form_add(&f, "csrf", csrf);
	form_add(&f, "level", "1");
	r = post_form(s, action, tsess, &f);
	assert_status(r, 422);
	assert_contains(r->body, "id=\"f-level-error\"");
	assert_contains(r->body, "reporters.levels");
	resp_free(r);

	snprintf(action, sizeof(action), "%s/review", path);
	f.len = 0;
	form_add(&f, "csrf", csrf);
	form_add(&f, "decision", "verified");
	r = post_form(s, action, tsess, &f);
	assert_status(r, 303);
	assert_contains(resp_header(r, "Location"), path);
	assert_contains(resp_header(r, "Location"), "saved=1");
	resp_free(r);
	r = page(s, path, tsess);
	assert_status(r, 200);
	assert_contains(r->body, "pstatus-verified");
	assert_contains(r->body, "<option value=\"1\" selected>");
	resp_free(r);

	/* Level 2 needs accepted reports: the count is in the message. */
	snprintf(action, sizeof(action), "%s/level", path);
	f.len = 0;
	form_add(&f, "csrf", csrf);
	form_add(&f, "level", "2");
	r = post_form(s, action, tsess, &f);
	assert_status(r, 422);
	assert_contains(r->body, "reporters.levels");
	assert_contains(r->body, "at least 3 accepted reports");
	resp_free(r);

	/* The reporter sees the result. */
	r = page(s, "/account/identity", rsess);
	assert_status(r, 200);
	assert_contains(r->body, "pstatus-verified");
	assert_contains(r->body, "Level 1");
	assert_not_contains(r->body, GOOD_ID);
	resp_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn)	cmocka_unit_test_setup_teardown(fn, srv_setup, srv_teardown)
		T(test_web_profiles__form_files_an_identity),
		T(test_web_profiles__bad_number_is_422_with_the_message),
		T(test_web_profiles__reporter_never_sees_the_full_number),
		T(test_web_profiles__reporter_gets_403_on_the_staff_pages),
		T(test_web_profiles__staff_have_no_identity_to_file),
		T(test_web_profiles__triager_sees_the_number_and_verifies),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
