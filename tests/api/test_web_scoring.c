/*
 * Scoring and grading in the web pages (issue 4): triage's assessment panel
 * on the report page (scores, GB/T 30279-2020 grades, category, CWE,
 * related ids, the history and the reason a change of grade needs, R30),
 * and the live score of the report form (scoring.js).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define V31_CRITICAL	"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"

/* The seven technical indicators, as the form's selects name them. */
struct indicators {
	const char	*access_path, *trigger, *privilege, *interaction;
	const char	*confidentiality, *integrity, *availability;
};

/* Network, no privilege, no interaction, severe impact: 超危 / critical. */
static const struct indicators worst = {
	"network", "low", "none", "none", "severe", "severe", "severe",
};
/* Local, hard to trigger, some impact: 低危 / low. */
static const struct indicators mild = {
	"local", "high", "high", "required", "general", "none", "none",
};

/* Init, add a reporter "rita" (with an API token) and a triager "tom", start. */
static struct srv *
boot(void **state, struct cred *rita)
{
	struct srv	*s = *state;

	srv_init(s);
	srv_user_add(s, "rita", "reporter", NULL, "Rita Reporter", TEST_PASSWORD);
	srv_user_add(s, "tom", "triager", NULL, "Tom Triager", TEST_PASSWORD);
	memset(rita, 0, sizeof(*rita));
	srv_token_create(s, "rita", rita->bearer, sizeof(rita->bearer));
	srv_start(s, NULL);
	return s;
}

/* Submit a report as rita through the API; its id into id. */
static void
submit(struct srv *s, const struct cred *rita, char id[32])
{
	struct resp	*r;

	r = api(s, "POST", "/api/v1/reports", rita, "{\"title\":\"Heap overflow in "
	    "the parser\",\"kind\":\"generic\",\"vendor\":\"Acme\",\"product\":"
	    "\"Router\",\"description\":\"Details.\"}", NULL);
	assert_status(r, 201);
	snprintf(id, 32, "%s", resp_jstr(r, "id"));
	resp_free(r);
}

static void
page_path(char *out, size_t outsz, const char *id, const char *suffix)
{
	snprintf(out, outsz, "/reports/%s%s", id, suffix);
}

/* GET a page (200) and its CSRF token into csrf. */
static void
page_csrf(const struct srv *s, const char *path, const char *sess, char *csrf,
    size_t csz)
{
	struct resp	*r = web_page(s, path, sess, "en");

	assert_status(r, 200);
	assert_true(web_form_csrf(r->body, csrf, csz));
	resp_free(r);
}

/* A form with the CSRF token and the seven technical indicators (or none). */
static void
form_start(const struct srv *s, const char *id, const char *sess,
    const struct indicators *in, struct web_form *f)
{
	char	path[64], csrf[128];

	page_path(path, sizeof(path), id, "");
	page_csrf(s, path, sess, csrf, sizeof(csrf));
	f->len = 0;
	web_form_add(f, "csrf", csrf);
	if (in == NULL)
		return;
	web_form_add(f, "gbt_access_path", in->access_path);
	web_form_add(f, "gbt_trigger", in->trigger);
	web_form_add(f, "gbt_privilege", in->privilege);
	web_form_add(f, "gbt_interaction", in->interaction);
	web_form_add(f, "gbt_confidentiality", in->confidentiality);
	web_form_add(f, "gbt_integrity", in->integrity);
	web_form_add(f, "gbt_availability", in->availability);
}

static struct resp *
post(const struct srv *s, const char *id, const char *sess, const struct web_form *f)
{
	char	path[64];

	page_path(path, sizeof(path), id, "/assessment");
	return web_post_form(s, path, sess, f, "en");
}

/* POST and expect the redirect back to the panel. */
static void
post_ok(const struct srv *s, const char *id, const char *sess, const struct web_form *f)
{
	struct resp	*r = post(s, id, sess, f);
	char		 want[96];

	assert_status(r, 303);
	page_path(want, sizeof(want), id, "?assessed=1#assessment");
	assert_string_equal(resp_header(r, "Location"), want);
	resp_free(r);
}

static struct resp *
view(const struct srv *s, const char *id, const char *sess, const char *lang)
{
	char		 path[64];
	struct resp	*r;

	page_path(path, sizeof(path), id, "");
	r = web_page(s, path, sess, lang);
	assert_status(r, 200);
	return r;
}

/* How many times needle occurs in hay. */
static int
count(const char *hay, const char *needle)
{
	int	n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

static void
test_web_scoring__triager_sees_the_panel(void **state)
{
	struct cred	 rita;
	struct srv	*s = boot(state, &rita);
	struct resp	*r;
	char		 id[32], sess[200], action[96];

	submit(s, &rita, id);
	web_login(s, "tom", TEST_PASSWORD, sess, sizeof(sess));
	r = view(s, id, sess, "en");
	assert_contains(r->body, "<section class=\"detail assessment\" id=\"assessment\">");
	assert_contains(r->body, "Not assessed yet.");
	snprintf(action, sizeof(action), "action=\"/reports/%s/assessment\"", id);
	assert_contains(r->body, action);
	/* Three vectors with their live outputs, ten indicators, the rest. */
	assert_contains(r->body, "name=\"cvss_v3\"");
	assert_contains(r->body, "name=\"cvss_v4\"");
	assert_contains(r->body, "name=\"cvss_v2\"");
	assert_contains(r->body, "data-cvss-input=\"f-cvss_v3-score\"");
	assert_contains(r->body, "<output id=\"f-cvss_v3-score\"");
	assert_int_equal(count(r->body, "data-gbt=\""), 10);
	assert_int_equal(count(r->body, "data-gbt-technical"), 7);
	assert_contains(r->body, "<legend>Exploitability</legend>");
	assert_contains(r->body, "<legend>Impact</legend>");
	assert_contains(r->body, "<legend>Environmental factors</legend>");
	assert_contains(r->body, "<option value=\"network\">Network</option>");
	assert_contains(r->body, "data-grade-output");
	assert_contains(r->body, "name=\"category_path\"");
	assert_contains(r->body, "<option value=\"code.input_validation.xss\">");
	assert_contains(r->body, "name=\"cwe\"");
	assert_contains(r->body, "<datalist id=\"f-cwe-options\">");
	assert_contains(r->body, "name=\"related_ids\"");
	assert_contains(r->body, "name=\"reason\"");
	assert_contains(r->body, "No changes recorded yet.");
	assert_contains(r->body, "<script src=\"/static/scoring.js\" defer></script>");
	/* The script may ask this server's calculators. */
	assert_security_headers(r);
	assert_contains(resp_header(r, "Content-Security-Policy"), "script-src 'self'");
	assert_contains(resp_header(r, "Content-Security-Policy"), "connect-src 'self'");
	assert_not_contains(r->body, "<script>");
	resp_free(r);

	/* In Chinese: the standard's group names and terms. */
	r = view(s, id, sess, "zh-CN");
	assert_contains(r->body, "<legend>被利用性</legend>");
	assert_contains(r->body, "<legend>影响程度</legend>");
	assert_contains(r->body, "<legend>环境因素</legend>");
	assert_contains(r->body, "<option value=\"network\">网络</option>");
	resp_free(r);
}

static void
test_web_scoring__saved_grade_and_score_are_shown(void **state)
{
	struct cred	 rita, tom;
	struct srv	*s = boot(state, &rita);
	struct web_form	 f;
	struct resp	*r;
	char		 id[32], sess[200], path[96];

	submit(s, &rita, id);
	web_login(s, "tom", TEST_PASSWORD, sess, sizeof(sess));
	form_start(s, id, sess, &worst, &f);
	web_form_add(&f, "cvss_v3", V31_CRITICAL);
	web_form_add(&f, "category_path", "code.input_validation.xss");
	web_form_add(&f, "cwe", "79");
	post_ok(s, id, sess, &f);

	page_path(path, sizeof(path), id, "?assessed=1");
	r = web_page(s, path, sess, "en");
	assert_status(r, 200);
	assert_contains(r->body, "The assessment was saved.");
	assert_contains(r->body, "<code class=\"vector\">" V31_CRITICAL "</code>");
	assert_contains(r->body, "<span class=\"badge sev sev-critical\">9.8 CRITICAL</span>");
	assert_contains(r->body, "<span class=\"badge grade grade-critical\">Critical</span>");
	assert_contains(r->body, "GB/T 30279-2020 · <code>");
	assert_contains(r->body, "Cross-site scripting <code>code.input_validation.xss</code>");
	assert_contains(r->body, "<code>CWE-79</code>");
	/* The form shows what is stored, and its live outputs already say it. */
	assert_contains(r->body, "value=\"" V31_CRITICAL "\"");
	assert_contains(r->body, "class=\"live sev sev-critical\" aria-live=\"polite\">9.8 CRITICAL");
	assert_contains(r->body, "<option value=\"severe\" selected>");
	assert_contains(r->body, ">Technical grade: Critical</output>");
	assert_contains(r->body, "value=\"CWE-79\"");
	/* Every change is in the history, by tom, without a reason (a first grading). */
	assert_contains(r->body, "<td>tom</td><td>Technical grade</td>");
	assert_contains(r->body, "<td>tom</td><td>Access path</td>");
	assert_not_contains(r->body, "No changes recorded yet.");
	resp_free(r);

	/* Without the flag, no notice; in Chinese, the grade's Chinese name. */
	r = view(s, id, sess, "zh-CN");
	assert_not_contains(r->body, "评估已保存");
	assert_contains(r->body, "<span class=\"badge grade grade-critical\">超危</span>");
	assert_contains(r->body, ">技术分级：超危</output>");
	resp_free(r);

	/* The same use case as the API: the API reads what the page saved. */
	assert_int_equal(srv_login(s, "tom", TEST_PASSWORD, &tom, NULL), 201);
	snprintf(path, sizeof(path), "/api/v1/reports/%s/assessment", id);
	r = api(s, "GET", path, &tom, NULL, NULL);
	assert_status(r, 200);
	assert_string_equal(resp_jstr(r, "technical_grade"), "critical");
	assert_string_equal(resp_jstr(r, "cwe"), "CWE-79");
	assert_string_equal(resp_jstr(r, "category_path"), "code.input_validation.xss");
	resp_free(r);
}

static void
test_web_scoring__grade_change_needs_a_reason(void **state)
{
	struct cred	 rita;
	struct srv	*s = boot(state, &rita);
	struct web_form	 f;
	struct resp	*r;
	char		 id[32], sess[200];
	int		 rows;

	submit(s, &rita, id);
	web_login(s, "tom", TEST_PASSWORD, sess, sizeof(sess));
	form_start(s, id, sess, &worst, &f);
	post_ok(s, id, sess, &f);
	r = view(s, id, sess, "en");
	rows = count(r->body, "<tr><td class=\"nowrap\">");
	assert_int_equal(rows, 7 + 2);	/* seven indicators, the grade, the tables */
	resp_free(r);

	/* A downgrade without a reason: the form again, nothing changed. */
	form_start(s, id, sess, &mild, &f);
	web_form_add(&f, "reason", "   ");
	r = post(s, id, sess, &f);
	assert_status(r, 422);
	assert_contains(r->body, "There is a problem");
	assert_contains(r->body, "<code>R30</code>");
	assert_contains(r->body, "<p class=\"error\" id=\"f-reason-error\">A change of grade needs");
	assert_contains(r->body, "id=\"f-reason\" name=\"reason\" aria-describedby=\"f-reason-hint "
	    "f-reason-error\" aria-invalid=\"true\"");
	assert_contains(r->body, "<li><a href=\"#f-reason\">Reason for the change</a>");
	/* What was typed is kept; the summary still says what is stored. */
	assert_contains(r->body, "<option value=\"local\" selected>");
	assert_contains(r->body, ">Technical grade: Low</output>");
	assert_contains(r->body, "<span class=\"badge grade grade-critical\">Critical</span>");
	resp_free(r);
	r = view(s, id, sess, "en");
	assert_int_equal(count(r->body, "<tr><td class=\"nowrap\">"), rows);
	assert_contains(r->body, "<option value=\"network\" selected>");
	resp_free(r);

	/* With a reason: recorded, beside old -> new, escaped. */
	form_start(s, id, sess, &mild, &f);
	web_form_add(&f, "reason", "Needs local access <i>after all</i>");
	post_ok(s, id, sess, &f);
	r = view(s, id, sess, "en");
	assert_contains(r->body, "<span class=\"badge grade grade-low\">Low</span>");
	assert_contains(r->body, "<td>tom</td><td>Technical grade</td><td class=\"change\">"
	    "<span class=\"old\"><span class=\"badge grade grade-critical\">Critical</span>"
	    "</span> <span aria-hidden=\"true\">→</span> <span class=\"new\">"
	    "<span class=\"badge grade grade-low\">Low</span></span></td>"
	    "<td class=\"pre-line\">Needs local access &lt;i&gt;after all&lt;/i&gt;</td>");
	assert_contains(r->body, "<td>Access path</td><td class=\"change\"><span class=\"old\">"
	    "Network</span> <span aria-hidden=\"true\">→</span> <span class=\"new\">Local"
	    "</span></td>");
	assert_not_contains(r->body, "<i>after all</i>");
	/* Newest first: the regrade is above the first grading. */
	assert_true(strstr(r->body, "grade-low\">Low</span></span></td>") <
	    strstr(r->body, "<span class=\"old\"><span class=\"muted\">(empty)</span>"));
	resp_free(r);
}

static void
test_web_scoring__reporter_has_no_panel_and_cannot_post(void **state)
{
	struct cred	 rita;
	struct srv	*s = boot(state, &rita);
	struct web_form	 f;
	struct resp	*r;
	char		 id[32], sess[200];

	submit(s, &rita, id);
	web_login(s, "rita", TEST_PASSWORD, sess, sizeof(sess));
	r = view(s, id, sess, "en");
	assert_contains(r->body, "Heap overflow in the parser");
	assert_not_contains(r->body, "id=\"assessment\"");
	assert_not_contains(r->body, "/assessment\"");
	assert_not_contains(r->body, "scoring.js");
	resp_free(r);

	form_start(s, id, sess, &worst, &f);
	web_form_add(&f, "cvss_v3", V31_CRITICAL);
	r = post(s, id, sess, &f);
	assert_true(r->status == 403 || r->status == 404);
	assert_not_contains(r->body, "data-grade");
	resp_free(r);

	/* Nothing was recorded: tom sees no assessment. */
	web_login(s, "tom", TEST_PASSWORD, sess, sizeof(sess));
	r = view(s, id, sess, "en");
	assert_contains(r->body, "Not assessed yet.");
	resp_free(r);
}

static void
test_web_scoring__report_form_has_the_live_score(void **state)
{
	struct cred	 rita;
	struct srv	*s = boot(state, &rita);
	struct web_form	 f;
	struct resp	*r;
	char		 sess[200], csrf[128];

	web_login(s, "rita", TEST_PASSWORD, sess, sizeof(sess));
	r = web_page(s, "/reports/new", sess, "en");
	assert_status(r, 200);
	assert_contains(r->body, "name=\"cvss_vector\"");
	assert_contains(r->body, "data-cvss-input=\"f-cvss_vector-score\"><output "
	    "id=\"f-cvss_vector-score\" for=\"f-cvss_vector\" class=\"live\"");
	assert_contains(r->body, "<script src=\"/static/scoring.js\" defer></script>");
	/* The weakness field picks from the CWE list. */
	assert_contains(r->body, "data-cwe-input=\"f-weakness-options\"");
	assert_contains(r->body, "<datalist id=\"f-weakness-options\"></datalist>");
	assert_true(web_form_csrf(r->body, csrf, sizeof(csrf)));
	resp_free(r);

	/* Served as JavaScript from this server, with no inline handlers to allow. */
	r = http(s, "GET", "/static/scoring.js", NULL, NULL);
	assert_status(r, 200);
	assert_contains(resp_header(r, "Content-Type"), "text/javascript");
	assert_contains(r->body, "/api/v1/cvss?vector=");
	assert_contains(r->body, "textContent");
	assert_not_contains(r->body, "innerHTML");
	resp_free(r);

	/* Without JavaScript a submit scores it: a refused form shows the score. */
	f.len = 0;
	web_form_add(&f, "csrf", csrf);
	web_form_add(&f, "kind", "generic");
	web_form_add(&f, "cvss_vector", V31_CRITICAL);
	r = web_post_form(s, "/reports/new", sess, &f, "en");
	assert_status(r, 422);
	assert_contains(r->body, "class=\"live sev sev-critical\" aria-live=\"polite\">"
	    "9.8 CRITICAL</output>");
	resp_free(r);

	/* An invalid vector keeps its field error (domain/report.c) and gets no score. */
	f.len = 0;
	web_form_add(&f, "csrf", csrf);
	web_form_add(&f, "kind", "generic");
	web_form_add(&f, "cvss_vector", "CVSS:3.1/AV:Q");
	r = web_post_form(s, "/reports/new", sess, &f, "en");
	assert_status(r, 422);
	assert_contains(r->body, "id=\"f-cvss_vector-error\"");
	assert_contains(r->body, "id=\"f-cvss_vector-score\" for=\"f-cvss_vector\" "
	    "class=\"live\" aria-live=\"polite\"></output>");
	resp_free(r);
}

static void
test_web_scoring__invalid_vector_is_422_naming_cvss_v3(void **state)
{
	struct cred	 rita;
	struct srv	*s = boot(state, &rita);
	struct web_form	 f;
	struct resp	*r;
	char		 id[32], sess[200];

	submit(s, &rita, id);
	web_login(s, "tom", TEST_PASSWORD, sess, sizeof(sess));
	form_start(s, id, sess, &worst, &f);
	web_form_add(&f, "cvss_v3", "CVSS:3.1/AV:Q/AC:L");
	/* A v4.0 vector in the v2 slot. */
	web_form_add(&f, "cvss_v2", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/"
	    "SC:N/SI:N/SA:N");
	r = post(s, id, sess, &f);
	assert_status(r, 422);
	assert_contains(r->body, "2 field(s) of the assessment need correcting");
	assert_contains(r->body, "<li><a href=\"#f-cvss_v3\">CVSS v3.x vector</a>");
	assert_contains(r->body, "<p class=\"error\" id=\"f-cvss_v3-error\">");
	assert_contains(r->body, "AV:Q");
	assert_contains(r->body, "id=\"f-cvss_v2-error\">This field takes a CVSS 2.0 vector.");
	assert_contains(r->body, "value=\"CVSS:3.1/AV:Q/AC:L\"");
	/* The page is the report's, with everything else on it. */
	assert_contains(r->body, "Heap overflow in the parser");
	resp_free(r);

	/* Too few indicators: the group is named. */
	form_start(s, id, sess, NULL, &f);
	web_form_add(&f, "gbt_access_path", "network");
	web_form_add(&f, "gbt_trigger", "低");
	r = post(s, id, sess, &f);
	assert_status(r, 422);
	assert_contains(r->body, "<li><a href=\"#f-gbt\">GB/T 30279-2020 grade</a>");
	assert_contains(r->body, "<p class=\"error\" id=\"f-gbt-error\">Set all seven");
	/* A Chinese term selects its option again. */
	assert_contains(r->body, "<option value=\"low\" selected>");
	resp_free(r);

	r = view(s, id, sess, "en");
	assert_contains(r->body, "Not assessed yet.");
	assert_contains(r->body, "No changes recorded yet.");
	resp_free(r);
}

static void
test_web_scoring__values_are_escaped(void **state)
{
	struct cred	 rita;
	struct srv	*s = boot(state, &rita);
	struct web_form	 f;
	struct resp	*r;
	char		 id[32], sess[200];

	submit(s, &rita, id);
	web_login(s, "tom", TEST_PASSWORD, sess, sizeof(sess));
	form_start(s, id, sess, NULL, &f);
	web_form_add(&f, "related_ids", "<script>alert(1)</script>\nX:\"><b>");
	web_form_add(&f, "cwe", "<img src=x>");
	web_form_add(&f, "cvss_v3", "\"><script>alert(2)</script>");
	r = post(s, id, sess, &f);
	assert_status(r, 422);
	assert_contains(r->body, "id=\"f-related_ids-error\"");
	assert_contains(r->body, "id=\"f-cwe-error\"");
	assert_contains(r->body, "id=\"f-cvss_v3-error\"");
	assert_not_contains(r->body, "<script>alert");
	assert_not_contains(r->body, "<img src=x>");
	assert_not_contains(r->body, "\"><b>");
	assert_contains(r->body, "&lt;script&gt;alert(1)&lt;/script&gt;");
	assert_contains(r->body, "value=\"&lt;img src=x&gt;\"");
	assert_contains(r->body, "value=\"&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;\"");
	resp_free(r);
	r = view(s, id, sess, "en");
	assert_contains(r->body, "Not assessed yet.");
	resp_free(r);
}

static void
test_web_scoring__related_ids_round_trip(void **state)
{
	struct cred	 rita;
	struct srv	*s = boot(state, &rita);
	struct web_form	 f;
	struct resp	*r;
	char		 id[32], sess[200];
	int		 rows;

	submit(s, &rita, id);
	web_login(s, "tom", TEST_PASSWORD, sess, sizeof(sess));
	form_start(s, id, sess, NULL, &f);
	web_form_add(&f, "related_ids", " CVE-2024-1234\r\n\r\nJVN JVNDB-2024-000001\r\n"
	    "cnvd:CNVD-2024-12345\r\n");
	post_ok(s, id, sess, &f);
	r = view(s, id, sess, "en");
	/* Kept in the store's order (by scheme, then id). */
	assert_contains(r->body, "<dd><code>CNVD-2024-12345</code> "
	    "<code>CVE-2024-1234</code> <code>JVN:JVNDB-2024-000001</code></dd>");
	assert_contains(r->body, ">CNVD-2024-12345\nCVE-2024-1234\n"
	    "JVN:JVNDB-2024-000001</textarea>");
	rows = count(r->body, "<tr><td class=\"nowrap\">");
	assert_int_equal(rows, 1);
	resp_free(r);

	/* The textarea as shown, sent back: nothing changes, nothing is recorded. */
	form_start(s, id, sess, NULL, &f);
	web_form_add(&f, "related_ids", "CNVD-2024-12345\nCVE-2024-1234\n"
	    "JVN:JVNDB-2024-000001");
	post_ok(s, id, sess, &f);
	r = view(s, id, sess, "en");
	assert_int_equal(count(r->body, "<tr><td class=\"nowrap\">"), rows);
	resp_free(r);

	/* A malformed id of a known scheme is refused by name. */
	form_start(s, id, sess, NULL, &f);
	web_form_add(&f, "related_ids", "CVE-24-1");
	r = post(s, id, sess, &f);
	assert_status(r, 422);
	assert_contains(r->body, "“CVE-24-1” is not a valid id of its scheme.");
	resp_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn)	cmocka_unit_test_setup_teardown(fn, srv_setup, srv_teardown)
		T(test_web_scoring__triager_sees_the_panel),
		T(test_web_scoring__saved_grade_and_score_are_shown),
		T(test_web_scoring__grade_change_needs_a_reason),
		T(test_web_scoring__reporter_has_no_panel_and_cannot_post),
		T(test_web_scoring__report_form_has_the_live_score),
		T(test_web_scoring__invalid_vector_is_422_naming_cvss_v3),
		T(test_web_scoring__values_are_escaped),
		T(test_web_scoring__related_ids_round_trip),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
