/*
 * Clocks kept across the installation's life (issue 6, R26): a platform
 * that turns the 报送 on gets the submission clock for its open cases at
 * the next start (backfill, counted from known_at, so a clock already past
 * due is missed at once); an installation that loads an updated holiday
 * file computes new clocks with it and records its version on each.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

/* Submit a report as rita and accept it into a new case as tom; the case id into id. */
static void
new_case(struct srv *s, const struct cred *rita, const struct cred *tom, char id[64])
{
	struct resp	*r;
	char		 path[96], rid[32];

	r = api(s, "POST", "/api/v1/reports", rita, "{\"title\":\"Overflow in the router\","
	    "\"kind\":\"generic\",\"vendor\":\"Acme\",\"product\":\"Router\","
	    "\"description\":\"details\"}", NULL);
	assert_status(r, 201);
	snprintf(rid, sizeof(rid), "%s", resp_jstr(r, "id"));
	resp_free(r);
	snprintf(path, sizeof(path), "/api/v1/reports/%s/triage", rid);
	r = api(s, "POST", path, tom, "{\"decision\":\"accept\"}", NULL);
	assert_status(r, 200);
	snprintf(id, 64, "%s", resp_jstr(r, "case"));
	resp_free(r);
}

/* The clocks of kind for the case (caller frees *r); the items array. */
static json_t *
clocks(struct srv *s, const struct cred *who, const char *case_id, const char *kind,
    struct resp **r)
{
	char	path[192];

	snprintf(path, sizeof(path), "/api/v1/deadlines?case=%s&kind=%s", case_id, kind);
	*r = api(s, "GET", path, who, NULL, NULL);
	assert_status(*r, 200);
	return json_object_get(resp_json(*r), "items");
}

static void
test_clocks__backfill_when_submissions_turn_on(void **state)
{
	struct srv	*s = *state;
	struct cred	 rita = { 0 }, tom = { 0 };
	struct resp	*r;
	json_t		*items, *d;
	char		 case_id[64];
	size_t		 i;
	bool		 found = false;

	srv_init(s);
	srv_user_add(s, "rita", "reporter", NULL, NULL, TEST_PASSWORD);
	srv_user_add(s, "tom", "triager", NULL, NULL, TEST_PASSWORD);
	srv_token_create(s, "rita", rita.bearer, sizeof(rita.bearer));
	srv_token_create(s, "tom", tom.bearer, sizeof(tom.bearer));

	/* A platform keeps no 报送 clock by default. */
	srv_start(s, NULL);
	new_case(s, &rita, &tom, case_id);
	items = clocks(s, &tom, case_id, "submission", &r);
	assert_int_equal(json_array_size(items), 0);
	resp_free(r);
	srv_stop(s);

	/* Turned on: the scheduler's first run gives the open case its clock. */
	srv_start(s, (const char *[]){ "LOUDONG_FEDERATION_SUBMISSIONS=true", NULL });
	for (i = 0; i < 100 && !found; i++) {
		items = clocks(s, &tom, case_id, "submission", &r);
		if (json_array_size(items) == 1) {
			found = true;
			d = json_array_get(items, 0);
			assert_string_equal(json_string_value(json_object_get(d, "state")), "open");
			assert_string_equal(json_string_value(json_object_get(d, "period")), "48h");
			assert_non_null(strstr(json_string_value(json_object_get(d, "rule")),
			    "Art. 7(2)"));
		}
		resp_free(r);
		if (!found)
			usleep(100 * 1000);
	}
	assert_true(found);
	/* And closing the case now needs the 报送 (R5). */
	{
		char	path[128];

		snprintf(path, sizeof(path), "/api/v1/cases/%s/transition", case_id);
		r = api(s, "POST", path, &tom, "{\"to\":\"closed\",\"reason\":\"duplicate work\"}",
		    NULL);
		assert_problem_rule(r, 409, "Art. 7(2)");
		resp_free(r);
	}
	srv_stop(s);
}

static void
test_clocks__updated_holiday_file(void **state)
{
	struct srv	*s = *state;
	struct cred	 rita = { 0 }, tom = { 0 };
	struct resp	*r;
	json_t		*items;
	char		 path[128], out[512], case_id[64], env[160];
	const char	*version;
	FILE		*f;
	time_t		 now = time(NULL);
	struct tm	 tm;
	char		 today[16], line[64];

	srv_init(s);
	srv_user_add(s, "rita", "reporter", NULL, NULL, TEST_PASSWORD);
	srv_user_add(s, "tom", "triager", NULL, NULL, TEST_PASSWORD);
	srv_token_create(s, "rita", rita.bearer, sizeof(rita.bearer));
	srv_token_create(s, "tom", tom.bearer, sizeof(tom.bearer));

	/* A file that says the next 30 days are all 放假 (a test's holiday). */
	snprintf(path, sizeof(path), "%s/holidays-test.csv", s->dir);
	assert_non_null(f = fopen(path, "w"));
	fputs("date,kind,name\n", f);
	for (int i = 0; i < 30; i++) {
		time_t	t = now + 8 * 3600 + (time_t)i * 86400;

		assert_non_null(gmtime_r(&t, &tm));
		strftime(today, sizeof(today), "%Y-%m-%d", &tm);
		snprintf(line, sizeof(line), "%s,off,测试假期\n", today);
		fputs(line, f);
	}
	fclose(f);
	/* The CLI reads it through the configuration too, and says its version. */
	snprintf(env, sizeof(env), "LOUDONG_CALENDAR_HOLIDAYS_FILE=%s", path);
	assert_int_equal(srv_cli(s, NULL, out, sizeof(out), (const char *[]){ "calendar",
	    "info", "--file", path, NULL }), 0);
	assert_non_null(strstr(out, "holidays-test.csv sha256:"));

	srv_start(s, (const char *[]){ env, NULL });
	new_case(s, &rita, &tom, case_id);
	/* The acknowledgement clock of the report (3 working days) skips the 30 days off. */
	r = api(s, "GET", "/api/v1/deadlines?kind=ack", &tom, NULL, NULL);
	assert_status(r, 200);
	items = json_object_get(resp_json(r), "items");
	assert_true(json_array_size(items) >= 1);
	version = json_string_value(json_object_get(json_array_get(items, 0),
	    "calendar_version"));
	assert_non_null(version);
	assert_non_null(strstr(version, "holidays-test.csv sha256:"));
	{
		/* Due no earlier than 30 days from now: the off days count for nothing. */
		const char	*due = json_string_value(json_object_get(json_array_get(items, 0),
				    "due_at"));
		struct tm	 dt;

		memset(&dt, 0, sizeof(dt));
		assert_non_null(due);
		assert_int_equal(sscanf(due, "%d-%d-%dT%d:%d:%dZ", &dt.tm_year, &dt.tm_mon,
		    &dt.tm_mday, &dt.tm_hour, &dt.tm_min, &dt.tm_sec), 6);
		dt.tm_year -= 1900;
		dt.tm_mon -= 1;
		assert_true((long long)timegm(&dt) > (long long)now + 29LL * 86400);
	}
	resp_free(r);
	srv_stop(s);

	/* A broken file stops the server from starting, naming the line. */
	assert_non_null(f = fopen(path, "w"));
	fputs("date,kind,name\n2030-01-07,work,Monday\n", f);
	fclose(f);
	assert_int_equal(srv_cli(s, NULL, out, sizeof(out), (const char *[]){ "calendar",
	    "info", "--file", path, NULL }), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_clocks__backfill_when_submissions_turn_on,
		    srv_setup, srv_teardown),
		cmocka_unit_test_setup_teardown(test_clocks__updated_holiday_file,
		    srv_setup, srv_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
