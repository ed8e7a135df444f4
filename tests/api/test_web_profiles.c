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

/* GET path (a page with a form) and its CSRF token into csrf. */
static void
page_csrf(const struct srv *s, const char *path, const char *sess, char *csrf,
    size_t csz)
{
	struct resp	*r = web_page(s, path, sess, "en");

	assert_status(r, 200);
	assert_true(web_form_csrf(r->body, csrf, csz));
	resp_free(r);
}

/* POST the identity form; returns the response (caller frees). */
static struct resp *
file_identity(const struct srv *s, const char *sess, const char *name,
    const char *type, const char *number, const char *phone)
{
	struct web_form	f = { .len = 0 };
	char		csrf[128];

	page_csrf(s, "/account/identity", sess, csrf, sizeof(csrf));
	web_form_add(&f, "csrf", csrf);
	web_form_add(&f, "real_name", name);
	web_form_add(&f, "id_type", type);
	web_form_add(&f, "id_number", number);
	web_form_add(&f, "phone", phone);
	return web_post_form(s, "/account/identity", sess, &f, "en");
}

/* The path of rita's detail page, read from the staff list. */
static void
detail_path(const struct srv *s, const char *sess, char *out, size_t outsz)
{
	struct resp	*r = web_page(s, "/admin/reporters?status=all", sess, "en");
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

	web_login(s, "rita", TEST_PASSWORD, sess, sizeof(sess));
	/* The reporter's navigation leads here; the page explains why. */
	r = web_page(s, "/", sess, "en");
	assert_status(r, 200);
	assert_contains(r->body, "href=\"/account/identity\"");
	assert_not_contains(r->body, "href=\"/admin/reporters\"");
	resp_free(r);
	r = web_page(s, "/account/identity", sess, "en");
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
	r = web_page(s, "/account/identity?filed=1", sess, "en");
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

	web_login(s, "rita", TEST_PASSWORD, sess, sizeof(sess));
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
	r = web_page(s, "/account/identity", sess, "en");
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

	web_login(s, "rita", TEST_PASSWORD, sess, sizeof(sess));
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
	r = web_page(s, "/account/identity", sess, "en");
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
	struct web_form	 f = { .len = 0 };
	char		 sess[200], csrf[128], path[128];

	web_login(s, "rita", TEST_PASSWORD, sess, sizeof(sess));
	r = file_identity(s, sess, "李白", "resident_card", GOOD_ID, PHONE);
	assert_status(r, 303);
	resp_free(r);

	r = web_page(s, "/admin/reporters", sess, "en");
	assert_status(r, 403);
	assert_true(contains_ci(resp_header(r, "Content-Type"), "text/html"));
	assert_contains(r->body, "rbac.role");
	assert_not_contains(r->body, GOOD_ID_MASKED);
	resp_free(r);
	/* Not even their own unsealed view. */
	r = web_page(s, "/admin/reporters/2", sess, "en");
	assert_status(r, 403);
	assert_not_contains(r->body, GOOD_ID);
	resp_free(r);
	/* Nor the staff forms, with a valid token. */
	page_csrf(s, "/account/identity", sess, csrf, sizeof(csrf));
	web_form_add(&f, "csrf", csrf);
	web_form_add(&f, "decision", "verified");
	snprintf(path, sizeof(path), "/admin/reporters/2/review");
	r = web_post_form(s, path, sess, &f, "en");
	assert_status(r, 403);
	resp_free(r);
	r = web_page(s, "/account/identity", sess, "en");
	assert_contains(r->body, "pstatus-pending");
	resp_free(r);
}

static void
test_web_profiles__staff_have_no_identity_to_file(void **state)
{
	struct srv	*s = boot(state);
	struct resp	*r;
	char		 sess[200];

	web_login(s, "tom", TEST_PASSWORD, sess, sizeof(sess));
	r = web_page(s, "/", sess, "en");
	assert_contains(r->body, "href=\"/admin/reporters\"");
	assert_not_contains(r->body, "href=\"/account/identity\"");
	resp_free(r);
	r = web_page(s, "/account/identity", sess, "en");
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
	struct web_form	 f = { .len = 0 };
	char		 rsess[200], tsess[200], csrf[128], path[128], action[160];

	web_login(s, "rita", TEST_PASSWORD, rsess, sizeof(rsess));
	r = file_identity(s, rsess, "李白", "resident_card", GOOD_ID, PHONE);
	assert_status(r, 303);
	resp_free(r);

	web_login(s, "tom", TEST_PASSWORD, tsess, sizeof(tsess));
	/* The list waits on pending identities and shows them masked. */
	r = web_page(s, "/admin/reporters", tsess, "en");
	assert_status(r, 200);
	assert_contains(r->body, "<option value=\"pending\" selected>");
	assert_contains(r->body, "<code>rita</code>");
	assert_contains(r->body, GOOD_ID_MASKED);
	assert_not_contains(r->body, GOOD_ID);
	resp_free(r);
	r = web_page(s, "/admin/reporters?status=verified", tsess, "en");
	assert_status(r, 200);
	assert_not_contains(r->body, "<code>rita</code>");
	resp_free(r);
	r = web_page(s, "/admin/reporters?status=maybe", tsess, "en");
	assert_status(r, 400);
	resp_free(r);

	/* The detail page is unsealed, and says the viewing is audited. */
	detail_path(s, tsess, path, sizeof(path));
	r = web_page(s, path, tsess, "en");
	assert_status(r, 200);
	assert_contains(r->body, GOOD_ID);
	assert_contains(r->body, PHONE);
	assert_contains(r->body, "李白");
	assert_contains(r->body, "recorded in the audit log");
	assert_true(web_form_csrf(r->body, csrf, sizeof(csrf)));
	resp_free(r);

	/* A rejection without a reason comes back with the error beside it. */
	snprintf(action, sizeof(action), "%s/review", path);
	web_form_add(&f, "csrf", csrf);
	web_form_add(&f, "decision", "rejected");
	web_form_add(&f, "reason", "   ");
	r = web_post_form(s, action, tsess, &f, "en");
	assert_status(r, 422);
	assert_contains(r->body, "id=\"f-reason-error\"");
	assert_contains(r->body, "A rejection needs a reason");
	resp_free(r);

	/* Levels above 0 wait for a verified identity: the rule is named. */
	snprintf(action, sizeof(action), "%s/level", path);
	f.len = 0;
	web_form_add(&f, "csrf", csrf);
	web_form_add(&f, "level", "1");
	r = web_post_form(s, action, tsess, &f, "en");
	assert_status(r, 422);
	assert_contains(r->body, "id=\"f-level-error\"");
	assert_contains(r->body, "reporters.levels");
	resp_free(r);

	snprintf(action, sizeof(action), "%s/review", path);
	f.len = 0;
	web_form_add(&f, "csrf", csrf);
	web_form_add(&f, "decision", "verified");
	r = web_post_form(s, action, tsess, &f, "en");
	assert_status(r, 303);
	assert_contains(resp_header(r, "Location"), path);
	assert_contains(resp_header(r, "Location"), "saved=1");
	resp_free(r);
	r = web_page(s, path, tsess, "en");
	assert_status(r, 200);
	assert_contains(r->body, "pstatus-verified");
	assert_contains(r->body, "<option value=\"1\" selected>");
	resp_free(r);

	/* Level 2 needs accepted reports: the count is in the message. */
	snprintf(action, sizeof(action), "%s/level", path);
	f.len = 0;
	web_form_add(&f, "csrf", csrf);
	web_form_add(&f, "level", "2");
	r = web_post_form(s, action, tsess, &f, "en");
	assert_status(r, 422);
	assert_contains(r->body, "reporters.levels");
	assert_contains(r->body, "at least 3 accepted reports");
	resp_free(r);

	/* The reporter sees the result. */
	r = web_page(s, "/account/identity", rsess, "en");
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
