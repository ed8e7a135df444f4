/*
 * Statistics (issue 9) on a registry: 报送 received from two organisations,
 * one a support unit, graded, verified and rejected through the API; then
 * GET /api/v1/statistics (the library's and the unit's), the workbook
 * opened with python3's openpyxl, the pages with their charts, and who is
 * refused.  On another role every statistics route is 404.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixtures.h"
#include "harness.h"

static const char *const GBT_HIGH =
    "{\"gbt\":{\"access_path\":\"network\",\"trigger\":\"low\",\"privilege\":\"none\","
    "\"interaction\":\"none\",\"confidentiality\":\"severe\",\"integrity\":\"severe\","
    "\"availability\":\"severe\",\"exploit_cost\":\"low\",\"fix_difficulty\":\"high\","
    "\"scope\":\"high\"}}";
static const char *const GBT_LOW =
    "{\"gbt\":{\"access_path\":\"local\",\"trigger\":\"high\",\"privilege\":\"low\","
    "\"interaction\":\"required\",\"confidentiality\":\"general\",\"integrity\":\"none\","
    "\"availability\":\"none\",\"exploit_cost\":\"high\",\"fix_difficulty\":\"low\","
    "\"scope\":\"none\"}}";

/* Today in China time, and its month ("YYYY-MM"), as the server counts them. */
static void
today_cst(char *day, size_t daysz, char *month, size_t monthsz)
{
	time_t		t = time(NULL) + 8 * 3600;
	struct tm	tm;

	gmtime_r(&t, &tm);
	strftime(day, daysz, "%Y-%m-%d", &tm);
	strftime(month, monthsz, "%Y-%m", &tm);
}

/* POST a 报送 as who with key and extra members; its library id into lib. */
static void
send_sub(struct srv *s, const struct cred *who, const char *key, const char *extra, char *lib,
    size_t libsz)
{
	char		 body[2048], hdr[128];
	struct resp	*r;

	snprintf(body, sizeof(body), "{\"reference\":\"%s\",\"name\":\"Token leak in the app\","
	    "\"product_name\":\"Shop App\",\"product_model\":\"-\",\"product_versions\":\"3.1\","
	    "\"technical_characteristics\":\"The app logs the session token.\","
	    "\"harm\":\"Account takeover.\",\"impact_scope\":\"All users of 3.1.\","
	    "\"vendor\":\"Shop Inc\",\"grade\":\"high\",\"contact_name\":\"PSIRT\","
	    "\"contact_email\":\"psirt@example.org\",\"known_at\":\"2026-01-05T10:00:00+08:00\"%s}",
	    key, extra);
	snprintf(hdr, sizeof(hdr), "Idempotency-Key: %s", key);
	r = api(s, "POST", "/api/v1/submissions", who, body, hdr, NULL);
	assert_status(r, 201);
	snprintf(lib, libsz, "%s", resp_jstr(r, "library_id"));
	resp_free(r);
}

/* Grade a received 报送; its comprehensive grade into grade. */
static void
grade_sub(struct srv *s, const struct cred *who, const char *lib, const char *gbt, char *grade,
    size_t gradesz)
{
	struct resp	*r = fx_call(s, who, "PUT", gbt, 200, "/api/v1/submissions/%s/assessment",
			    lib);
	const char	*g = fx_jstr(resp_json(r), "comprehensive_grade");

	assert_non_null(g);
	assert_true(g[0] != '\0');
	snprintf(grade, gradesz, "%s", g);
	fx_done(r);
}

static json_int_t
jint(json_t *o, const char *path1, const char *path2, const char *path3)
{
	json_t	*v = json_object_get(o, path1);

	if (path2 != NULL)
		v = json_object_get(v, path2);
	if (path3 != NULL)
		v = json_object_get(v, path3);
	assert_true(json_is_integer(v));
	return json_integer_value(v);
}

/* The workbook in r opened with openpyxl and printed by script; its output into out. */
static void
openpyxl(struct resp *r, const char *script, char *out, size_t outsz)
{
	const char	*dir = getenv("TMPDIR");
	char		 xp[256], pp[256], cmd[700];
	FILE		*f, *p;
	size_t		 n;
	int		 fd;

	snprintf(xp, sizeof(xp), "%s/ld-stats-XXXXXX.xlsx", dir != NULL ? dir : "/tmp");
	assert_true((fd = mkstemps(xp, 5)) >= 0);
	assert_non_null(f = fdopen(fd, "wb"));
	assert_int_equal(fwrite(r->body, 1, r->len, f), r->len);
	fclose(f);
	snprintf(pp, sizeof(pp), "%s/ld-stats-XXXXXX.py", dir != NULL ? dir : "/tmp");
	assert_true((fd = mkstemps(pp, 3)) >= 0);
	assert_non_null(f = fdopen(fd, "w"));
	fputs(script, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "/usr/bin/python3 '%s' '%s' 2>&1", pp, xp);
	assert_non_null(p = popen(cmd, "r"));
	n = fread(out, 1, outsz - 1, p);
	out[n] = '\0';
	if (pclose(p) != 0)
		fail_msg("openpyxl: %s", out);
	unlink(xp);
	unlink(pp);
}

static const char *const library_py =
    "import sys, openpyxl\n"
    "wb = openpyxl.load_workbook(sys.argv[1])\n"
    "print('sheets=' + '|'.join(wb.sheetnames))\n"
    "g = wb[wb.sheetnames[1]]\n"
    "h = [c.value for c in g[1]]\n"
    "print('gh=' + '|'.join(str(x) for x in h))\n"
    "sub = [r for r in g.iter_rows(min_row=2, values_only=True) if r[1] == '收到的报送']\n"
    "print('months=%d' % len(sub))\n"
    "print('subtotal=%r' % sum(r[-1] for r in sub))\n"
    "print('ungraded=%r' % sum(r[h.index('未定级')] for r in sub))\n"
    "print('ttype=%s' % type(sub[0][-1]).__name__)\n"
    "p = wb[wb.sheetnames[2]]\n"
    "ph = [c.value for c in p[1]]\n"
    "psub = [r for r in p.iter_rows(min_row=2, values_only=True) if r[1] == '收到的报送']\n"
    "print('android=%r' % sum(r[2] for r in psub))\n"
    "t = wb[wb.sheetnames[4]]\n"
    "row = [c.value for c in t[2]]\n"
    "print('top=%s|%r|%r' % (row[1], row[4] > 0, row[5]))\n"
    "s = wb[wb.sheetnames[0]]\n"
    "items = {r[0]: r[1] for r in s.iter_rows(min_row=2, values_only=True)}\n"
    "print('summary=%r|%r' % (items['收到报送'], items['报送：已核实']))\n"
    "print('frozen=%s bold=%s' % (g.freeze_panes, g['A1'].font.b))\n";

static const char *const unit_py =
    "import sys, openpyxl\n"
    "wb = openpyxl.load_workbook(sys.argv[1])\n"
    "print('sheets=' + '|'.join(wb.sheetnames))\n"
    "c = wb[wb.sheetnames[1]]\n"
    "h = [x.value for x in c[1]]\n"
    "print('ch=' + '|'.join(str(x) for x in h))\n"
    "print('reports=%r' % sum(r[1] for r in c.iter_rows(min_row=2, values_only=True)))\n"
    "print('points=%r' % (sum(r[-1] for r in c.iter_rows(min_row=2, values_only=True)) > 0))\n"
    "u = wb[wb.sheetnames[2]]\n"
    "print('subs=%r' % sum(r[-1] for r in u.iter_rows(min_row=2, values_only=True)))\n";

static void
test_stats__registry_figures(void **state)
{
	struct srv	*s = *state;
	struct cred	 bot, beta, nina, reg, aud, rex;
	struct resp	*r;
	json_t		*o, *top, *months;
	char		 day[16], month[16], libs[4][64], g1[16], g2[16], body[256];
	char		 out[8192], cookie[256], path[128];
	json_int_t	 unit_id;

	srv_init(s);
	fx_org_add(s, "acme-psirt", "Acme PSIRT", "provider");
	fx_org_add(s, "beta", "Beta Labs", "provider");
	fx_person(s, "acme-bot", "vendor", "acme-psirt", "Acme bot", "bot@acme.example", &bot);
	fx_person(s, "beta-bot", "vendor", "beta", "Beta bot", "bot@beta.example", &beta);
	fx_person(s, "nina", "coordinator", NULL, "Nina Registrar", "nina@nvdb.example", &nina);
	fx_person(s, "reg", "regulator", NULL, "Reg Ulator", "reg@gov.example", &reg);
	fx_person(s, "aud", "auditor", NULL, "Aud Itor", "aud@nvdb.example", &aud);
	fx_person(s, "rex", "reporter", NULL, "Rex Reporter", "rex@example.org", &rex);
	srv_start(s, (const char *[]){ "LOUDONG_INSTANCE_ROLE=registry", NULL });
	today_cst(day, sizeof(day), month, sizeof(month));

	/* Acme is a support unit (registered by hand); Beta is not. */
	snprintf(body, sizeof(body), "{\"org\":\"acme-psirt\",\"type\":\"technical\",\"level\":2,"
	    "\"certified_on\":\"%s\"}", day);
	r = fx_call(s, &nina, "POST", body, 201, "/api/v1/support-units");
	unit_id = json_integer_value(json_object_get(resp_json(r), "id"));
	assert_true(unit_id > 0);
	fx_done(r);

	send_sub(s, &bot, "acme-key-0001", ",\"app_platform\":\"android\"", libs[0], 64);
	send_sub(s, &bot, "acme-key-0002", ",\"app_platform\":\"android\"", libs[1], 64);
	send_sub(s, &bot, "acme-key-0003", ",\"app_platform\":\"ios\"", libs[2], 64);
	send_sub(s, &beta, "beta-key-0001", "", libs[3], 64);
	grade_sub(s, &nina, libs[0], GBT_HIGH, g1, sizeof(g1));
	grade_sub(s, &nina, libs[1], GBT_LOW, g2, sizeof(g2));
	/* Verified 报送 of a unit's organisation count as its contributions. */
	fx_done(fx_call(s, &nina, "POST", "{\"state\":\"verified\"}", 200,
	    "/api/v1/submissions/%s/decision", libs[0]));
	fx_done(fx_call(s, &nina, "POST", "{\"state\":\"verified\"}", 200,
	    "/api/v1/submissions/%s/decision", libs[1]));
	fx_done(fx_call(s, &nina, "POST", "{\"state\":\"rejected\",\"reason\":\"out of scope\"}",
	    200, "/api/v1/submissions/%s/decision", libs[3]));

	/* The library's figures: the default period is twelve months ending today. */
	r = fx_call(s, &nina, "GET", NULL, 200, "/api/v1/statistics");
	o = resp_json(r);
	assert_string_equal(fx_jstr(json_object_get(o, "period"), "to"), day);
	months = json_object_get(json_object_get(json_object_get(o, "submissions"), "by_grade"),
	    "months");
	assert_int_equal(json_array_size(months), 12);
	assert_string_equal(json_string_value(json_array_get(months, 11)), month);
	assert_int_equal(jint(o, "submissions", "by_grade", "total"), 4);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(json_object_get(
	    json_object_get(o, "submissions"), "by_grade"), "totals"), "none")), 2);
	if (strcmp(g1, g2) == 0) {
		assert_int_equal(json_integer_value(json_object_get(json_object_get(
		    json_object_get(json_object_get(o, "submissions"), "by_grade"), "totals"),
		    g1)), 2);
	} else {
		assert_int_equal(json_integer_value(json_object_get(json_object_get(
		    json_object_get(json_object_get(o, "submissions"), "by_grade"), "totals"),
		    g1)), 1);
		assert_int_equal(json_integer_value(json_object_get(json_object_get(
		    json_object_get(json_object_get(o, "submissions"), "by_grade"), "totals"),
		    g2)), 1);
	}
	/* this month's column holds all four */
	assert_int_equal(json_integer_value(json_array_get(json_object_get(json_object_get(
	    json_object_get(json_object_get(o, "submissions"), "by_grade"), "counts"), "none"),
	    11)), 2);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(json_object_get(
	    json_object_get(o, "submissions"), "by_platform"), "totals"), "android")), 2);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(json_object_get(
	    json_object_get(o, "submissions"), "by_platform"), "totals"), "ios")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(json_object_get(
	    json_object_get(o, "submissions"), "by_platform"), "totals"), "none")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(json_object_get(
	    json_object_get(o, "submissions"), "by_state"), "totals"), "verified")), 2);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(json_object_get(
	    json_object_get(o, "submissions"), "by_state"), "totals"), "rejected")), 1);
	assert_int_equal(jint(o, "reports", "by_grade", "total"), 0);
	assert_true(json_is_object(json_object_get(json_object_get(o, "sla"), "total")));
	top = json_object_get(o, "top_contributors");
	assert_int_equal(json_array_size(top), 1);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(top, 0), "unit_id")),
	    unit_id);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(top, 0),
	    "contributions")), 2);
	assert_true(json_integer_value(json_object_get(json_array_get(top, 0), "points")) > 0);
	fx_done(r);

	/* Regulators and auditors read them; a reporter and a unit's member do not. */
	fx_done(fx_call(s, &reg, "GET", NULL, 200, "/api/v1/statistics"));
	fx_done(fx_call(s, &aud, "GET", NULL, 200, "/api/v1/statistics"));
	r = fx_call(s, &rex, "GET", NULL, 403, "/api/v1/statistics");
	assert_problem_rule(r, 403, "rbac.role");
	fx_done(r);
	fx_done(fx_call(s, &bot, "GET", NULL, 403, "/api/v1/statistics"));
	fx_done(fx_call(s, NULL, "GET", NULL, 401, "/api/v1/statistics"));

	/* The unit's figures: its members and the readers; not another organisation. */
	r = fx_call(s, &bot, "GET", NULL, 200, "/api/v1/statistics?unit=%lld",
	    (long long)unit_id);
	o = resp_json(r);
	assert_int_equal(jint(o, "unit", "id", NULL), unit_id);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(json_object_get(
	    json_object_get(o, "contributions"), "by_kind"), "totals"), "report")), 2);
	assert_int_equal(jint(o, "submissions", "by_grade", "total"), 3);
	assert_true(jint(o, "points", NULL, NULL) > 0);
	fx_done(r);
	fx_done(fx_call(s, &reg, "GET", NULL, 200, "/api/v1/statistics?unit=%lld",
	    (long long)unit_id));
	fx_done(fx_call(s, &beta, "GET", NULL, 404, "/api/v1/statistics?unit=%lld",
	    (long long)unit_id));
	fx_done(fx_call(s, &rex, "GET", NULL, 404, "/api/v1/statistics?unit=%lld",
	    (long long)unit_id));
	fx_done(fx_call(s, &nina, "GET", NULL, 404, "/api/v1/statistics?unit=999"));

	/* The period: dates, order, span. */
	r = fx_call(s, &nina, "GET", NULL, 400, "/api/v1/statistics?from=2026-13-01");
	assert_problem_field(r, 400, "from");
	fx_done(r);
	r = fx_call(s, &nina, "GET", NULL, 400, "/api/v1/statistics?from=2025-02-01&to=2025-01-01");
	assert_problem_field(r, 400, "to");
	fx_done(r);
	r = fx_call(s, &nina, "GET", NULL, 400, "/api/v1/statistics?from=2001-01-01&to=2025-01-01");
	assert_problem_field(r, 400, "from");
	fx_done(r);
	r = fx_call(s, &nina, "GET", NULL, 200, "/api/v1/statistics?from=2020-01-01&to=2020-03-31");
	o = resp_json(r);
	assert_int_equal(jint(o, "submissions", "by_grade", "total"), 0);
	assert_int_equal(json_array_size(json_object_get(json_object_get(json_object_get(o,
	    "submissions"), "by_grade"), "months")), 3);
	assert_int_equal(json_array_size(json_object_get(o, "top_contributors")), 0);
	fx_done(r);

	/* The workbook. */
	r = fx_call(s, &nina, "GET", NULL, 200, "/api/v1/statistics.xlsx");
	assert_string_equal(resp_header(r, "Content-Type"),
	    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
	assert_contains(resp_header(r, "Content-Disposition"), "attachment; filename=\"statistics-");
	assert_contains(resp_header(r, "Content-Disposition"), day);
	assert_memory_equal(r->body, "PK\x03\x04", 4);
	if (system("/usr/bin/python3 -c 'import openpyxl' >/dev/null 2>&1") == 0) {
		openpyxl(r, library_py, out, sizeof(out));
		assert_contains(out, "sheets=概览|按等级|按平台|时限|贡献单位\n");
		assert_contains(out, "gh=月份|来源|超危|高危|中危|低危|未定级|合计\n");
		assert_contains(out, "months=12\n");
		assert_contains(out, "subtotal=4\n");
		assert_contains(out, "ungraded=2\n");
		assert_contains(out, "ttype=int\n");
		assert_contains(out, "android=2\n");
		assert_contains(out, "top=Acme PSIRT|True|2\n");
		assert_contains(out, "summary=4|2\n");
		assert_contains(out, "frozen=A2 bold=True\n");
	} else {
		print_message("python3-openpyxl is missing: the workbook's contents are not checked\n");
	}
	fx_done(r);
	/* in English, sheet names in English */
	r = api(s, "GET", "/api/v1/statistics.xlsx", &nina, NULL, "Accept-Language: en", NULL);
	assert_status(r, 200);
	if (system("/usr/bin/python3 -c 'import openpyxl' >/dev/null 2>&1") == 0) {
		openpyxl(r, "import sys, openpyxl\nprint('|'.join(openpyxl.load_workbook("
		    "sys.argv[1]).sheetnames))\n", out, sizeof(out));
		assert_contains(out, "Summary|By grade|By platform|SLA|Top contributors\n");
	}
	fx_done(r);
	/* a member's: the unit's sheets only */
	r = fx_call(s, &bot, "GET", NULL, 200, "/api/v1/statistics.xlsx?unit=%lld",
	    (long long)unit_id);
	assert_contains(resp_header(r, "Content-Disposition"), "statistics-unit-");
	if (system("/usr/bin/python3 -c 'import openpyxl' >/dev/null 2>&1") == 0) {
		openpyxl(r, unit_py, out, sizeof(out));
		assert_contains(out, "sheets=概览|单位贡献|单位报送\n");
		assert_contains(out, "ch=月份|采纳的报告|共享的预警|审核验证|协助处置|合计|积分\n");
		assert_contains(out, "reports=2\n");
		assert_contains(out, "points=True\n");
		assert_contains(out, "subs=3\n");
	}
	fx_done(r);
	fx_done(fx_call(s, &rex, "GET", NULL, 403, "/api/v1/statistics.xlsx"));
	fx_done(fx_call(s, &beta, "GET", NULL, 404, "/api/v1/statistics.xlsx?unit=%lld",
	    (long long)unit_id));

	/* The pages: charts as inline SVG, the navigation. */
	web_login(s, "nina", TEST_PASSWORD, cookie, sizeof(cookie));
	r = web_page(s, "/statistics", cookie, "zh");
	assert_status(r, 200);
	assert_contains(r->body, "<svg");
	assert_contains(r->body, "role=\"img\"");
	assert_contains(r->body, "收到的报送（按等级）");
	assert_contains(r->body, "href=\"/statistics\"");
	assert_contains(r->body, "/api/v1/statistics.xlsx?from=");
	assert_contains(r->body, "Acme PSIRT");
	assert_not_contains(r->body, "style=\"");
	assert_security_headers(r);
	resp_free(r);
	r = web_page(s, "/statistics?from=2026-99-01", cookie, "en");
	assert_status(r, 400);
	resp_free(r);
	web_login(s, "acme-bot", TEST_PASSWORD, cookie, sizeof(cookie));
	r = web_page(s, "/statistics", cookie, "en");
	assert_status(r, 303);
	snprintf(path, sizeof(path), "/statistics/units/%lld", (long long)unit_id);
	assert_string_equal(resp_header(r, "Location"), path);
	resp_free(r);
	r = web_page(s, path, cookie, "en");
	assert_status(r, 200);
	assert_contains(r->body, "<svg");
	assert_contains(r->body, "Contributions by kind");
	resp_free(r);
	web_login(s, "beta-bot", TEST_PASSWORD, cookie, sizeof(cookie));
	r = web_page(s, path, cookie, "en");
	assert_status(r, 404);
	resp_free(r);
	r = web_page(s, "/statistics", cookie, "en");
	assert_status(r, 200);
	assert_contains(r->body, "not a support unit");
	resp_free(r);
	web_login(s, "rex", TEST_PASSWORD, cookie, sizeof(cookie));
	r = web_page(s, "/statistics", cookie, "en");
	assert_status(r, 403);
	assert_not_contains(r->body, "href=\"/statistics\"");
	resp_free(r);
}

/* Outside the registry role there are no statistics. */
static void
test_stats__other_role_404(void **state)
{
	struct srv	*s = *state;
	struct cred	 nina;
	char		 cookie[256];
	struct resp	*r;

	srv_init(s);
	fx_person(s, "nina", "coordinator", NULL, "Nina", "nina@example.org", &nina);
	srv_start(s, (const char *[]){ "LOUDONG_INSTANCE_ROLE=platform", NULL });
	r = fx_call(s, &nina, "GET", NULL, 404, "/api/v1/statistics");
	assert_problem(r, 404);
	fx_done(r);
	fx_done(fx_call(s, &nina, "GET", NULL, 404, "/api/v1/statistics.xlsx"));
	fx_done(fx_call(s, &nina, "GET", NULL, 404, "/api/v1/statistics?unit=1"));
	web_login(s, "nina", TEST_PASSWORD, cookie, sizeof(cookie));
	r = web_page(s, "/statistics", cookie, "en");
	assert_status(r, 404);
	resp_free(r);
	r = web_page(s, "/", cookie, "en");
	assert_not_contains(r->body, "href=\"/statistics\"");
	resp_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_stats__registry_figures, srv_setup,
		    srv_teardown),
		cmocka_unit_test_setup_teardown(test_stats__other_role_404, srv_setup,
		    srv_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
