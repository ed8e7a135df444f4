/*
 * Reporter identity verification and levels (备案管理办法: 用户身份核实
 * 规则): a reporter files a profile, staff verify or reject it, levels follow
 * the configured thresholds, and submit_min_level gates intake.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "harness.h"

/* A valid 居民身份证 number (check character X) and a mistyped one. */
#define GOOD_ID		"11010519491231002X"
#define BAD_ID		"110105194912310021"

static struct srv *
boot(void **state, const char *const *env, struct cred *rita, struct cred *tom)
{
	struct srv	*s = *state;

	srv_init(s);
	srv_user_add(s, "rita", "reporter", NULL, "Rita Reporter", TEST_PASSWORD);
	srv_user_add(s, "tom", "triager", NULL, "Tom Triager", TEST_PASSWORD);
	memset(rita, 0, sizeof(*rita));
	memset(tom, 0, sizeof(*tom));
	srv_token_create(s, "rita", rita->bearer, sizeof(rita->bearer));
	srv_token_create(s, "tom", tom->bearer, sizeof(tom->bearer));
	srv_start(s, env);
	return s;
}

static long
rita_id(struct srv *s, const struct cred *rita)
{
	struct resp	*r = api(s, "GET", "/api/v1/me", rita, NULL, NULL);
	json_t		*u;
	long		 id;

	assert_status(r, 200);
	u = json_object_get(resp_json(r), "user");
	id = (long)json_integer_value(json_object_get(u, "id"));
	resp_free(r);
	return id;
}

static void
put_profile(struct srv *s, const struct cred *rita, const char *id, long want,
    const char *field)
{
	char		 body[512];
	struct resp	*r;

	snprintf(body, sizeof(body), "{\"real_name\":\"李白\",\"id_type\":\"resident_card\","
	    "\"id_number\":\"%s\",\"phone\":\"13800138000\"}", id);
	r = api(s, "PUT", "/api/v1/me/profile", rita, body, NULL);
	if (field != NULL)
		assert_problem_field(r, want, field);
	else
		assert_status(r, want);
	resp_free(r);
}

static void
test_reporters__profile_is_checked_and_masked(void **state)
{
	struct cred	 rita, tom;
	struct srv	*s = boot(state, NULL, &rita, &tom);
	struct resp	*r;
	json_t		*o;

	r = api(s, "GET", "/api/v1/me/profile", &rita, NULL, NULL);
	assert_problem(r, 404);
	resp_free(r);
	put_profile(s, &rita, BAD_ID, 400, "id_number");
	put_profile(s, &rita, GOOD_ID, 200, NULL);
	r = api(s, "GET", "/api/v1/me/profile", &rita, NULL, NULL);
	assert_status(r, 200);
	o = resp_json(r);
	assert_string_equal(json_string_value(json_object_get(o, "status")), "pending");
	assert_string_equal(json_string_value(json_object_get(o, "id_number_masked")),
	    "110***********002X");
	assert_int_equal(json_integer_value(json_object_get(o, "level")), 0);
	/* The reporter's own view is masked: no personal data comes back. */
	assert_null(json_object_get(o, "personal"));
	assert_not_contains(r->body, GOOD_ID);
	assert_not_contains(r->body, "13800138000");
	resp_free(r);
	/* Staff are not reporters: they have no profile to file. */
	r = api(s, "PUT", "/api/v1/me/profile", &tom, "{\"real_name\":\"x\","
	    "\"id_type\":\"passport\",\"id_number\":\"E12345678\",\"phone\":\"13800138000\"}",
	    NULL);
	assert_problem(r, 403);
	resp_free(r);
}

static void
test_reporters__staff_review_and_levels(void **state)
{
	struct cred	 rita, tom;
	struct srv	*s = boot(state, NULL, &rita, &tom);
	struct resp	*r;
	char		 path[128];
	long		 id;

	put_profile(s, &rita, GOOD_ID, 200, NULL);
	id = rita_id(s, &rita);
	/* Reporters cannot review. */
	r = api(s, "GET", "/api/v1/admin/reporters?status=pending", &rita, NULL, NULL);
	assert_problem_rule(r, 403, "rbac.role");
	resp_free(r);
	r = api(s, "GET", "/api/v1/admin/reporters?status=pending", &tom, NULL, NULL);
	assert_status(r, 200);
	assert_contains(r->body, "\"login\":\"rita\"");
	assert_not_contains(r->body, GOOD_ID);
	resp_free(r);
	/* Staff see the personal data to check it (and the read is audited). */
	snprintf(path, sizeof(path), "/api/v1/admin/reporters/%ld", id);
	r = api(s, "GET", path, &tom, NULL, NULL);
	assert_status(r, 200);
	assert_contains(r->body, GOOD_ID);
	assert_contains(r->body, "李白");
	resp_free(r);
	snprintf(path, sizeof(path), "/api/v1/admin/reporters/%ld/review", id);
	r = api(s, "POST", path, &tom, "{\"decision\":\"rejected\"}", NULL);
	assert_problem_field(r, 400, "reason");
	resp_free(r);
	r = api(s, "POST", path, &tom, "{\"decision\":\"maybe\"}", NULL);
	assert_problem_field(r, 400, "decision");
	resp_free(r);
	r = api(s, "POST", path, &tom, "{\"decision\":\"verified\"}", NULL);
	assert_status(r, 200);
	assert_contains(r->body, "\"status\":\"verified\"");
	assert_contains(r->body, "\"level\":1");
	resp_free(r);
	/* Level 2 needs accepted reports ([reporters] level2_accepted_reports). */
	snprintf(path, sizeof(path), "/api/v1/admin/reporters/%ld/level", id);
	r = api(s, "POST", path, &tom, "{\"level\":2}", NULL);
	assert_problem_rule(r, 409, "reporters.levels");
	resp_free(r);
	r = api(s, "POST", path, &tom, "{\"level\":7}", NULL);
	assert_problem_field(r, 400, "level");
	resp_free(r);
	/* A new identity goes back to pending at level 0. */
	put_profile(s, &rita, GOOD_ID, 200, NULL);
	r = api(s, "GET", "/api/v1/me/profile", &rita, NULL, NULL);
	assert_contains(r->body, "\"status\":\"pending\"");
	assert_contains(r->body, "\"level\":0");
	resp_free(r);
}

static void
test_reporters__level_gates_intake(void **state)
{
	const char *const env[] = { "LOUDONG_REPORTERS_SUBMIT_MIN_LEVEL=1", NULL };
	const char	*report = "{\"title\":\"t\",\"kind\":\"generic\",\"product\":\"p\","
			    "\"description\":\"d\"}";
	struct cred	 rita, tom;
	struct srv	*s = boot(state, env, &rita, &tom);
	struct resp	*r;
	char		 path[128];

	r = api(s, "POST", "/api/v1/reports", &rita, report, NULL);
	assert_problem_rule(r, 403, "reporters.submit_min_level");
	resp_free(r);
	put_profile(s, &rita, GOOD_ID, 200, NULL);
	snprintf(path, sizeof(path), "/api/v1/admin/reporters/%ld/review", rita_id(s, &rita));
	r = api(s, "POST", path, &tom, "{\"decision\":\"verified\"}", NULL);
	assert_status(r, 200);
	resp_free(r);
	r = api(s, "POST", "/api/v1/reports", &rita, report, NULL);
	assert_status(r, 201);
	resp_free(r);
}

/* Does any file under dir contain needle? */
static bool
tree_contains(const char *dir, const char *needle)
{
	struct dirent	*de;
	struct stat	 st;
	DIR		*d;
	char		 p[512], *buf;
	FILE		*fp;
	size_t		 n, k = strlen(needle);
	bool		 found = false;

	if ((d = opendir(dir)) == NULL)
		return false;
	while (!found && (de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, de->d_name);
		if (stat(p, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			found = tree_contains(p, needle);
			continue;
		}
		if ((fp = fopen(p, "rb")) == NULL)
			continue;
		buf = malloc((size_t)st.st_size + 1);
		n = buf ? fread(buf, 1, (size_t)st.st_size, fp) : 0;
		fclose(fp);
		for (size_t i = 0; buf && n >= k && i + k <= n && !found; i++)
			found = memcmp(buf + i, needle, k) == 0;
		free(buf);
	}
	closedir(d);
	return found;
}

static void
test_reporters__identity_is_sealed_at_rest(void **state)
{
	struct cred	 rita, tom;
	struct srv	*s = boot(state, NULL, &rita, &tom);

	put_profile(s, &rita, GOOD_ID, 200, NULL);
	srv_stop(s);
	/* The mask is stored in the clear by design; the number never is. */
	assert_true(tree_contains(s->dir, "110***********002X"));
	assert_false(tree_contains(s->dir, GOOD_ID));
	assert_false(tree_contains(s->dir, "13800138000"));
}

static void
test_reporters__staff_reads_are_audited(void **state)
{
	struct cred	 rita, tom, audrey = { 0 };
	struct srv	*s = *state;
	struct resp	*r;
	char		 path[128], id[64];

	srv_init(s);
	srv_user_add(s, "rita", "reporter", NULL, "Rita Reporter", TEST_PASSWORD);
	srv_user_add(s, "tom", "triager", NULL, "Tom Triager", TEST_PASSWORD);
	srv_user_add(s, "audrey", "auditor", NULL, "Audrey Auditor", TEST_PASSWORD);
	memset(&rita, 0, sizeof(rita));
	memset(&tom, 0, sizeof(tom));
	srv_token_create(s, "rita", rita.bearer, sizeof(rita.bearer));
	srv_token_create(s, "tom", tom.bearer, sizeof(tom.bearer));
	srv_token_create(s, "audrey", audrey.bearer, sizeof(audrey.bearer));
	srv_start(s, NULL);
	put_profile(s, &rita, GOOD_ID, 200, NULL);
	r = api(s, "POST", "/api/v1/reports", &rita, "{\"title\":\"t\",\"kind\":"
	    "\"generic\",\"product\":\"p\",\"description\":\"d\"}", NULL);
	assert_status(r, 201);
	snprintf(id, sizeof(id), "%s", resp_jstr(r, "id"));
	resp_free(r);
	/* The reporter reading their own report leaves no staff trace... */
	snprintf(path, sizeof(path), "/api/v1/reports/%s", id);
	r = api(s, "GET", path, &rita, NULL, NULL);
	assert_status(r, 200);
	resp_free(r);
	r = api(s, "GET", "/api/v1/admin/audit?limit=200", &audrey, NULL, NULL);
	assert_status(r, 200);
	assert_not_contains(r->body, "report.read");
	resp_free(r);
	/* ...staff reading it, or the reporter's personal data, does. */
	r = api(s, "GET", path, &tom, NULL, NULL);
	assert_status(r, 200);
	resp_free(r);
	snprintf(path, sizeof(path), "/api/v1/admin/reporters/%ld", rita_id(s, &rita));
	r = api(s, "GET", path, &tom, NULL, NULL);
	assert_status(r, 200);
	resp_free(r);
	r = api(s, "GET", "/api/v1/admin/audit?limit=200", &audrey, NULL, NULL);
	assert_status(r, 200);
	assert_contains(r->body, "\"action\":\"report.read\"");
	assert_contains(r->body, id);
	assert_contains(r->body, "\"action\":\"profile.read\"");
	resp_free(r);
	/* The audit log is for auditors, regulators and admins only. */
	r = api(s, "GET", "/api/v1/admin/audit", &rita, NULL, NULL);
	assert_problem_rule(r, 403, "rbac.role");
	resp_free(r);
	r = api(s, "GET", "/api/v1/admin/audit", &tom, NULL, NULL);
	assert_problem_rule(r, 403, "rbac.role");
	resp_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_reporters__profile_is_checked_and_masked,
		    srv_setup, srv_teardown),
		cmocka_unit_test_setup_teardown(test_reporters__staff_review_and_levels,
		    srv_setup, srv_teardown),
		cmocka_unit_test_setup_teardown(test_reporters__level_gates_intake,
		    srv_setup, srv_teardown),
		cmocka_unit_test_setup_teardown(test_reporters__identity_is_sealed_at_rest,
		    srv_setup, srv_teardown),
		cmocka_unit_test_setup_teardown(test_reporters__staff_reads_are_audited,
		    srv_setup, srv_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
