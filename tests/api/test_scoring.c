/*
 * Scoring and grading over the API and the CLI (issue 4): the public CVSS
 * and GB/T 30279 calculators, the category tree, and a report's assessment
 * with its history and the reason rule for a change of grade (R27-R30,
 * R38).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static struct srv *
boot(void **state, struct cred *rita, struct cred *tom)
{
	struct srv	*s = *state;

	srv_init(s);
	srv_user_add(s, "rita", "reporter", NULL, "Rita Reporter", TEST_PASSWORD);
	srv_user_add(s, "tom", "triager", NULL, "Tom Triager", TEST_PASSWORD);
	memset(rita, 0, sizeof(*rita));
	memset(tom, 0, sizeof(*tom));
	srv_token_create(s, "rita", rita->bearer, sizeof(rita->bearer));
	srv_token_create(s, "tom", tom->bearer, sizeof(tom->bearer));
	srv_start(s, NULL);
	return s;
}

/* Submit a report as rita; its id into id. */
static void
submit(struct srv *s, const struct cred *rita, const char *cvss, char id[32])
{
	char		 body[512];
	struct resp	*r;

	snprintf(body, sizeof(body), "{\"title\":\"Heap overflow in the parser\","
	    "\"kind\":\"generic\",\"vendor\":\"Acme\",\"product\":\"Router\","
	    "\"description\":\"Details.\"%s%s%s}", cvss ? ",\"cvss_vector\":\"" : "",
	    cvss ? cvss : "", cvss ? "\"" : "");
	r = api(s, "POST", "/api/v1/reports", rita, body, NULL);
	assert_status(r, 201);
	snprintf(id, 32, "%s", resp_jstr(r, "id"));
	resp_free(r);
}

static double
num(json_t *o, const char *key)
{
	json_t	*v = json_object_get(o, key);

	assert_true(json_is_number(v));
	return json_number_value(v);
}

static void
test_scoring__cvss_endpoint(void **state)
{
	struct srv	*s = *state;
	struct resp	*r;
	json_t		*o;

	srv_init(s);
	srv_start(s, NULL);
	/* Public, no account needed; scores printed as written (9.8, not 9.800000000000001). */
	r = http(s, "GET", "/api/v1/cvss?vector=CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
	    NULL, NULL);
	assert_status(r, 200);
	assert_contains(r->body, "\"base_score\":9.8,");
	o = resp_json(r);
	assert_string_equal(json_string_value(json_object_get(o, "version")), "3.1");
	assert_string_equal(json_string_value(json_object_get(o, "base_severity")), "CRITICAL");
	assert_null(json_object_get(o, "temporal_score"));
	resp_free(r);

	/* Out of order and with X: normalised; temporal present. */
	r = http(s, "GET", "/api/v1/cvss?vector=CVSS:3.0/S:U/AV:N/AC:L/PR:H/UI:N/C:L/I:L/A:N/"
	    "E:F/RL:X", NULL, NULL);
	assert_status(r, 200);
	o = resp_json(r);
	assert_string_equal(json_string_value(json_object_get(o, "vector")),
	    "CVSS:3.0/AV:N/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:N/E:F");
	assert_true(num(o, "base_score") == 3.8);
	assert_true(num(o, "temporal_score") == 3.7);
	resp_free(r);

	/* v2 without a prefix, v4 with its nomenclature. */
	r = http(s, "GET", "/api/v1/cvss?vector=AV:N/AC:L/Au:N/C:P/I:P/A:P", NULL, NULL);
	assert_status(r, 200);
	assert_true(num(resp_json(r), "base_score") == 7.5);
	resp_free(r);
	r = http(s, "GET", "/api/v1/cvss?vector=CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/"
	    "VA:H/SC:N/SI:N/SA:N", NULL, NULL);
	assert_status(r, 200);
	o = resp_json(r);
	assert_true(num(o, "score") == 9.3);
	assert_string_equal(json_string_value(json_object_get(o, "nomenclature")), "CVSS-B");
	resp_free(r);

	/* Invalid: 400 naming the reason, never a score. */
	r = http(s, "GET", "/api/v1/cvss?vector=CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:Q",
	    NULL, NULL);
	assert_problem_field(r, 400, "vector");
	assert_contains(r->body, "A:Q");
	assert_null(json_object_get(resp_json(r), "base_score"));
	resp_free(r);
	r = http(s, "GET", "/api/v1/cvss?vector=CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H",
	    NULL, NULL);
	assert_problem_field(r, 400, "vector");
	assert_contains(r->body, "“A”");
	resp_free(r);
	r = http(s, "GET", "/api/v1/cvss?vector=CVSS:9.9/AV:N", NULL, NULL);
	assert_problem_field(r, 400, "vector");
	assert_contains(r->body, "“CVSS:9.9”");
	resp_free(r);
}

static void
test_scoring__grade_endpoint_and_cli(void **state)
{
	struct srv	*s = *state;
	struct resp	*r;
	json_t		*o;
	char		 out[4096];

	srv_init(s);
	srv_start(s, NULL);
	/* AV:N/AC:L/PR:N/UI:N/C:H/I:H/A:H is 9.8 in CVSS v3.1: 超危. */
	r = http(s, "GET", "/api/v1/grade?access_path=network&trigger=low&privilege=none&"
	    "interaction=none&confidentiality=severe&integrity=severe&availability=severe",
	    NULL, NULL);
	assert_status(r, 200);
	o = resp_json(r);
	assert_string_equal(json_string_value(json_object_get(o, "technical_grade")),
	    "critical");
	assert_string_equal(json_string_value(json_object_get(o, "technical_grade_zh")),
	    "超危");
	assert_string_equal(json_string_value(json_object_get(o, "scheme")),
	    "GB/T 30279-2020");
	assert_null(json_object_get(o, "comprehensive_grade"));
	resp_free(r);

	/* A missing indicator is named; a bad value is named. */
	r = http(s, "GET", "/api/v1/grade?access_path=network&trigger=low", NULL, NULL);
	assert_problem_field(r, 400, "privilege");
	resp_free(r);
	r = http(s, "GET", "/api/v1/grade?access_path=cloud&trigger=low&privilege=none&"
	    "interaction=none&confidentiality=severe&integrity=severe&availability=severe",
	    NULL, NULL);
	assert_problem_field(r, 400, "access_path");
	resp_free(r);

	/* The CLI prints the same, Chinese terms accepted, environment included. */
	assert_int_equal(srv_cli(s, NULL, out, sizeof(out), (const char *[]){ "grade",
	    "--access-path", "本地", "--trigger", "高", "--privilege", "低",
	    "--interaction", "需要", "--c", "一般", "--i", "无", "--a", "无",
	    "--exploit-cost", "高", "--fix-difficulty", "低", "--scope", "无", NULL }), 0);
	assert_contains(out, "\"technical_grade\":\"low\"");
	assert_contains(out, "\"comprehensive_grade\":\"low\"");
	assert_int_equal(srv_cli(s, NULL, out, sizeof(out), (const char *[]){ "grade",
	    "--access-path", "network", NULL }), 2);
	assert_int_equal(srv_cli(s, NULL, out, sizeof(out), (const char *[]){ "cvss",
	    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", NULL }), 0);
	assert_contains(out, "\"base_score\":9.8");
	assert_int_equal(srv_cli(s, NULL, out, sizeof(out), (const char *[]){ "cvss",
	    "CVSS:3.1/AV:N/AV:N", NULL }), 2);

	r = http(s, "GET", "/api/v1/grading/categories", NULL, NULL);
	assert_status(r, 200);
	assert_contains(r->body, "代码问题");
	assert_contains(r->body, "\"path\":\"code\"");
	resp_free(r);
}

static void
test_scoring__intake_refuses_a_bad_vector(void **state)
{
	struct cred	 rita, tom;
	struct srv	*s = boot(state, &rita, &tom);
	struct resp	*r;
	char		 id[32];

	r = api(s, "POST", "/api/v1/reports", &rita, "{\"title\":\"t\",\"kind\":\"generic\","
	    "\"product\":\"p\",\"description\":\"d\",\"cvss_vector\":\"CVSS:3.1/AV:N/XX:Y\"}",
	    NULL);
	assert_problem_field(r, 400, "cvss_vector");
	assert_contains(r->body, "XX");
	resp_free(r);
	submit(s, &rita, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", id);
}

static void
test_scoring__assessment_history_and_reason(void **state)
{
	struct cred	 rita, tom;
	struct srv	*s = boot(state, &rita, &tom);
	struct resp	*r;
	json_t		*o, *h;
	char		 id[32], path[96];

	submit(s, &rita, NULL, id);
	snprintf(path, sizeof(path), "/api/v1/reports/%s/assessment", id);

	/* Never assessed: empty, no history. */
	r = api(s, "GET", path, &tom, NULL, NULL);
	assert_status(r, 200);
	o = resp_json(r);
	assert_true(json_is_null(json_object_get(o, "technical_grade")));
	assert_int_equal(json_array_size(json_object_get(o, "history")), 0);
	resp_free(r);

	/* Reporters and anonymous clients cannot assess. */
	r = api(s, "GET", path, &rita, NULL, NULL);
	assert_problem(r, 403);
	resp_free(r);
	r = api(s, "PUT", path, &rita, "{}", NULL);
	assert_problem(r, 403);
	resp_free(r);

	/* Every bad field is named, nothing is stored. */
	r = api(s, "PUT", path, &tom, "{\"cvss_v3\":\"CVSS:4.0/AV:N\",\"cvss_v2\":\"AV:Q\","
	    "\"gbt\":{\"access_path\":\"cloud\"},\"category_path\":\"code.nowhere\","
	    "\"cwe\":\"CWE-x\",\"related_ids\":[\"CVE-24-1\"]}", NULL);
	assert_problem(r, 400);
	o = json_object_get(resp_json(r), "errors");
	assert_true(json_array_size(o) >= 6);
	assert_contains(r->body, "\"cvss_v3\"");
	assert_contains(r->body, "\"cvss_v2\"");
	assert_contains(r->body, "\"gbt.access_path\"");
	assert_contains(r->body, "\"category_path\"");
	assert_contains(r->body, "\"cwe\"");
	assert_contains(r->body, "\"related_ids\"");
	resp_free(r);

	/* First grading: no reason needed; the grade comes from the tables. */
	r = api(s, "PUT", path, &tom, "{\"cvss_v3\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/"
	    "I:H/A:H\",\"gbt\":{\"access_path\":\"network\",\"trigger\":\"low\","
	    "\"privilege\":\"none\",\"interaction\":\"none\",\"confidentiality\":\"severe\","
	    "\"integrity\":\"severe\",\"availability\":\"severe\"},"
	    "\"category_path\":\"code.input_validation.injection.sql\",\"cwe\":\"89\","
	    "\"related_ids\":[\"CVE-2024-12345\",\"CNVD-2024-12345\","
	    "{\"scheme\":\"JVN\",\"value\":\"JVNDB-2024-000001\"}]}", NULL);
	assert_status(r, 200);
	o = resp_json(r);
	assert_string_equal(json_string_value(json_object_get(o, "technical_grade")),
	    "critical");
	assert_string_equal(json_string_value(json_object_get(o, "grading_scheme")),
	    "GB/T 30279-2020");
	assert_true(json_string_length(json_object_get(o, "tables_version")) > 0);
	assert_string_equal(json_string_value(json_object_get(o, "cwe")), "CWE-89");
	assert_true(num(json_object_get(o, "cvss_v3"), "base_score") == 9.8);
	assert_int_equal(json_array_size(json_object_get(o, "related_ids")), 3);
	assert_contains(r->body, "\"scheme\":\"CNVD\"");
	assert_contains(r->body, "\"scheme\":\"JVN\"");
	h = json_object_get(o, "history");
	assert_true(json_array_size(h) >= 10);
	resp_free(r);

	/* A downgrade without a reason is refused (R30) and changes nothing. */
	r = api(s, "PUT", path, &tom, "{\"gbt\":{\"access_path\":\"physical\","
	    "\"trigger\":\"high\",\"privilege\":\"high\",\"interaction\":\"required\","
	    "\"confidentiality\":\"general\",\"integrity\":\"none\",\"availability\":\"none\"}}",
	    NULL);
	assert_problem_field(r, 400, "reason");
	assert_problem_rule(r, 400, "R30");
	resp_free(r);
	r = api(s, "GET", path, &tom, NULL, NULL);
	assert_string_equal(json_string_value(json_object_get(resp_json(r),
	    "technical_grade")), "critical");
	resp_free(r);

	/* With a reason: recorded old -> new with who and why. */
	r = api(s, "PUT", path, &tom, "{\"gbt\":{\"access_path\":\"physical\","
	    "\"trigger\":\"high\",\"privilege\":\"high\",\"interaction\":\"required\","
	    "\"confidentiality\":\"general\",\"integrity\":\"none\",\"availability\":\"none\"},"
	    "\"reason\":\"Needs physical access to the console port.\"}", NULL);
	assert_status(r, 200);
	o = resp_json(r);
	assert_string_equal(json_string_value(json_object_get(o, "technical_grade")), "low");
	/* A PUT replaces: the vector, category, CWE and ids were not sent, so they are gone. */
	assert_true(json_is_null(json_object_get(o, "cvss_v3")));
	h = json_object_get(o, "history");
	{
		size_t	i;
		bool	seen = false;

		for (i = 0; i < json_array_size(h); i++) {
			json_t *e = json_array_get(h, i);

			if (strcmp(json_string_value(json_object_get(e, "field")),
			    "technical_grade") == 0 &&
			    strcmp(json_string_value(json_object_get(e, "old")), "critical") == 0) {
				assert_string_equal(json_string_value(json_object_get(e, "new")),
				    "low");
				assert_string_equal(json_string_value(json_object_get(e, "actor")),
				    "tom");
				assert_string_equal(json_string_value(json_object_get(e,
				    "reason")), "Needs physical access to the console port.");
				seen = true;
			}
		}
		assert_true(seen);
	}
	resp_free(r);

	/* The same input again changes nothing and records nothing. */
	r = api(s, "GET", path, &tom, NULL, NULL);
	{
		size_t	before = json_array_size(json_object_get(resp_json(r), "history"));

		resp_free(r);
		r = api(s, "PUT", path, &tom, "{\"gbt\":{\"access_path\":\"physical\","
		    "\"trigger\":\"high\",\"privilege\":\"high\",\"interaction\":\"required\","
		    "\"confidentiality\":\"general\",\"integrity\":\"none\","
		    "\"availability\":\"none\"}}", NULL);
		assert_status(r, 200);
		assert_int_equal(json_array_size(json_object_get(resp_json(r), "history")),
		    before);
	}
	resp_free(r);

	/* An unknown report is 404. */
	r = api(s, "GET", "/api/v1/reports/LD-2026-999999/assessment", &tom, NULL, NULL);
	assert_problem(r, 404);
	resp_free(r);
}

/* Replace the first occurrence of from in path's text with to. */
static void
edit_file(const char *path, const char *out, const char *from, const char *to)
{
	FILE	*f;
	char	*buf, *at;
	long	 n;

	assert_non_null(f = fopen(path, "rb"));
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	rewind(f);
	buf = calloc(1, (size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	assert_non_null(at = strstr(buf, from));
	assert_non_null(f = fopen(out, "wb"));
	fwrite(buf, 1, (size_t)(at - buf), f);
	fputs(to, f);
	fputs(at + strlen(from), f);
	fclose(f);
	free(buf);
}

/*
 * An installation with the official tables names them in [grading]
 * tables_file: grades then come from that file, and say which one (R28,
 * R29).  A broken file stops the server from starting, with the line.
 */
static void
test_scoring__official_tables_load(void **state)
{
	struct srv	*s = *state;
	struct resp	*r;
	json_t		*o;
	char		 conf[128], tables[128], out[4096];

	srv_init(s);
	snprintf(conf, sizeof(conf), "%s/loudong.conf", s->dir);
	snprintf(tables, sizeof(tables), "%s/official.tables", s->dir);
	/* Our "official" tables: another version, and AV:N/AC:L/PR:N/UI:N + all severe is high. */
	edit_file(LOUDONG_SOURCE_DIR "/data/grading/gbt30279-2020.tables", tables,
	    "version = gbt30279-2020/cvss31-equivalence-1", "version = official-test-1");
	edit_file(tables, tables, "technical E34 I9 = critical", "technical E34 I9 = high");
	edit_file(conf, conf, "tables_file = ", "tables_file = official.tables");
	srv_start(s, NULL);
	r = http(s, "GET", "/api/v1/grade?access_path=network&trigger=low&privilege=none&"
	    "interaction=none&confidentiality=severe&integrity=severe&availability=severe",
	    NULL, NULL);
	assert_status(r, 200);
	o = resp_json(r);
	assert_string_equal(json_string_value(json_object_get(o, "tables_version")),
	    "official-test-1");
	assert_string_equal(json_string_value(json_object_get(o, "technical_grade")), "high");
	assert_int_equal(json_string_length(json_object_get(o, "tables_sha256")), 64);
	resp_free(r);
	srv_stop(s);
	assert_int_equal(srv_cli(s, NULL, out, sizeof(out), (const char *[]){ "grade",
	    "--data-dir", s->dir, "--access-path", "network", "--trigger", "low",
	    "--privilege", "none", "--interaction", "none", "--c", "severe", "--i", "severe",
	    "--a", "severe", NULL }), 0);
	assert_contains(out, "\"tables_version\":\"official-test-1\"");

	/* A table with a cell missing is refused, naming where. */
	edit_file(tables, tables, "technical E34 I9 = high", "#");
	assert_int_equal(srv_cli(s, NULL, out, sizeof(out), (const char *[]){ "grade",
	    "--data-dir", s->dir, "--access-path", "network", "--trigger", "low",
	    "--privilege", "none", "--interaction", "none", "--c", "severe", "--i", "severe",
	    "--a", "severe", NULL }), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_scoring__cvss_endpoint, srv_setup,
		    srv_teardown),
		cmocka_unit_test_setup_teardown(test_scoring__grade_endpoint_and_cli, srv_setup,
		    srv_teardown),
		cmocka_unit_test_setup_teardown(test_scoring__intake_refuses_a_bad_vector,
		    srv_setup, srv_teardown),
		cmocka_unit_test_setup_teardown(test_scoring__assessment_history_and_reason,
		    srv_setup, srv_teardown),
		cmocka_unit_test_setup_teardown(test_scoring__official_tables_load, srv_setup,
		    srv_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
