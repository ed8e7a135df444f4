/*
 * The registry demo's support units (issue 9: "the registry demo includes
 * support units at several levels"; src/app/demo_units.c).  One registry,
 * `loudong init --role registry` with the demo, served once:
 *  - init names the unit accounts with their one-time passwords, the
 *    application that went through every stage, a unit at each level, the
 *    application waiting at 专家评审, the warning, the dispute and the
 *    award candidates;
 *  - the public list (API and page) has units at 四星, 三星, 二星 and 一星,
 *    levels computed by the evaluation from their contributions; the
 *    applicant's unit shows every stage passed;
 *  - a unit's certificate is a PDF and its number verifies as valid;
 *  - a member of the 三星 unit logs in with init's password and reads the
 *    warning still to acknowledge; the 四星's member acknowledged it; a
 *    一星 governance unit's member does not see it (need-to-know);
 *  - the demo registrar's queues: the application at 专家评审, the open
 *    dispute with its unit priority, this year's award candidates.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <sodium.h>

#include "fixtures.h"
#include "harness.h"

#define HELD_MAX	32

struct world {
	struct srv	*s;
	char		 out[16384];	/* init's standard output */
	char		 app[48];	/* the application that went through every stage */
	char		 pending[48];	/* the application at 专家评审 */
	char		 warning[48];
	char		 dispute[48];
	struct resp	*held[HELD_MAX];
	size_t		 nheld;
};

static struct resp *
keep(struct world *w, struct resp *r)
{
	if (w->nheld == HELD_MAX) {
		resp_free(r);
		fail_msg("more than %d responses in one test", HELD_MAX);
	}
	w->held[w->nheld++] = r;
	return r;
}

static int
release(void **state)
{
	struct world	*w = *state;

	for (size_t i = 0; i < w->nheld; i++)
		resp_free(w->held[i]);
	w->nheld = 0;
	return 0;
}

/* The word after needle in hay (up to a space, comma, parenthesis or newline). */
static bool
word_after(const char *hay, const char *needle, char *out, size_t outsz)
{
	const char	*p = strstr(hay, needle);
	size_t		 n;

	if (p == NULL)
		return false;
	p += strlen(needle);
	while (*p == ' ')
		p++;
	for (n = 0; p[n] != '\0' && strchr(" ,()\n", p[n]) == NULL; n++)
		;
	if (n == 0 || n >= outsz)
		return false;
	memcpy(out, p, n);
	out[n] = '\0';
	return true;
}

static int
shutdown_all(void **state)
{
	struct world	*w = *state;
	void		*sp;

	if (w == NULL)
		return 0;
	sp = w->s;
	srv_teardown(&sp);
	free(w);
	*state = NULL;
	return 0;
}

/* Group setup: `loudong init --role registry` with the demo, then served. */
static int
boot(void **state)
{
	struct world	*w;
	void		*sp = NULL;
	int		 rc;

	if (sodium_init() < 0 || (w = calloc(1, sizeof(*w))) == NULL)
		return -1;
	*state = w;
	if (srv_setup(&sp) != 0) {
		free(w);
		*state = NULL;
		return -1;
	}
	w->s = sp;
	snprintf(w->s->dir, sizeof(w->s->dir), "/tmp/loudong-test-XXXXXX");
	if (mkdtemp(w->s->dir) == NULL) {
		w->s->dir[0] = '\0';
		shutdown_all(state);
		return -1;
	}
	rc = srv_cli(w->s, NULL, w->out, sizeof(w->out), (const char *const[]){ "init",
	    "--data-dir", w->s->dir, "--role", "registry", NULL });
	if (rc != 0 ||
	    !word_after(w->out, "demo unit application:", w->app, sizeof(w->app)) ||
	    !word_after(w->out, "demo pending unit app:", w->pending, sizeof(w->pending)) ||
	    !word_after(w->out, "demo warning:", w->warning, sizeof(w->warning)) ||
	    !word_after(w->out, "demo dispute:", w->dispute, sizeof(w->dispute))) {
		fprintf(stderr, "init (exit %d) named no unit application, warning or dispute:\n"
		    "%s\n", rc, w->out);
		shutdown_all(state);
		return -1;
	}
	srv_start(w->s, NULL);
	return 0;
}

/* A session of login: init's one-time password, changed to new_pw first. */
static void
first_login(struct world *w, const char *login, const char *new_pw, struct cred *c)
{
	char		 otp[32], body[256];
	const char	*p;
	size_t		 n = strlen(login);
	struct resp	*r;

	/* The login stands alone on its line (padded): not a prefix of another. */
	for (p = strstr(w->out, login); p != NULL; p = strstr(p + 1, login))
		if (p > w->out && p[-1] == ' ' && p[n] == ' ')
			break;
	assert_non_null(p);
	assert_true(word_after(p, "one-time password:", otp, sizeof(otp)));
	assert_int_equal(strlen(otp), 20);
	assert_int_equal(srv_login(w->s, login, otp, c, NULL), 201);
	snprintf(body, sizeof(body), "{\"current_password\":\"%s\",\"new_password\":\"%s\"}",
	    otp, new_pw);
	r = keep(w, api(w->s, "POST", "/api/v1/me/password", c, body, NULL));
	assert_status(r, 204);
}

/* The public list's unit at level, or NULL. */
static json_t *
unit_at(struct world *w, int level)
{
	struct resp	*r = keep(w, http(w->s, "GET", "/api/v1/support-units", NULL, NULL));
	json_t		*items, *it;
	size_t		 i;

	assert_status(r, 200);
	items = json_object_get(resp_json(r), "items");
	json_array_foreach(items, i, it)
		if (json_integer_value(json_object_get(it, "level")) == level)
			return it;
	return NULL;
}

/* An item of a listing whose "id" is id, or NULL. */
static json_t *
item(struct resp *r, const char *id)
{
	json_t	*items = json_object_get(resp_json(r), "items"), *it;
	size_t	 i;

	json_array_foreach(items, i, it)
		if (fx_jstr(it, "id") != NULL && strcmp(fx_jstr(it, "id"), id) == 0)
			return it;
	return NULL;
}

/* 1. init names the accounts and every item, each unit with its computed level. */
static void
test_demo_units__init_names_units(void **state)
{
	struct world	*w = *state;
	char		 re[96];

	for (int i = 1; i <= 5; i++) {
		snprintf(re, sizeof(re), "demo unit account: +demo-unit-%d +one-time password: "
		    "[A-Za-z0-9]{20}", i);
		assert_true(fx_matches(w->out, re));
	}
	assert_true(fx_matches(w->app, "^ZC-20[0-9]{2}-[0-9]{6}$"));
	assert_true(fx_matches(w->pending, "^ZC-20[0-9]{2}-[0-9]{6}$"));
	assert_string_not_equal(w->app, w->pending);
	assert_true(fx_matches(w->warning, "^YJ-20[0-9]{2}-[0-9]{6}$"));
	assert_true(fx_matches(w->dispute, "^ZY-20[0-9]{2}-[0-9]{6}$"));
	assert_true(fx_matches(w->out, "demo support unit: +四星 技术支撑单位 "
	    "示例移动安全技术有限公司（演示）, 212 points, certificate ZCDW20[0-9]{6}"));
	assert_true(fx_matches(w->out, "demo support unit: +三星 技术支撑单位 样例应用安全研究院"));
	assert_true(fx_matches(w->out, "demo support unit: +二星 漏洞治理合作单位 "));
	assert_true(fx_matches(w->out, "demo support unit: +一星 漏洞治理合作单位 "));
	assert_true(fx_matches(w->out, "delivered to 2, acknowledged by demo-unit-1"));
	assert_true(fx_matches(w->out, "demo award candidates: +[1-9][0-9]* for 20[0-9]{2}"));
	/* The registry demo before it still ran. */
	assert_contains(w->out, "demo complaint:");
}

/* 2. The public list has a unit at every level, computed, and the page groups them. */
static void
test_demo_units__public_list_levels(void **state)
{
	struct world	*w = *state;
	struct resp	*r;
	json_t		*u;
	char		 path[96];
	int		 level;

	for (level = 1; level <= 4; level++) {
		u = unit_at(w, level);
		if (u == NULL)
			fail_msg("no unit at level %d on the public list", level);
		assert_string_equal(fx_jstr(u, "status"), "active");
		assert_contains(fx_jstr(u, "name"), "（演示）");
		assert_string_equal(fx_jstr(u, "type"), level >= 3 ? "technical" : "governance");
		assert_true(fx_matches(fx_jstr(u, "certificate"), "^ZCDW20[0-9]{6}$"));
		assert_non_null(fx_jstr(u, "announced_at"));
		/* Computed: the unit's standing now earns the level it holds. */
		snprintf(path, sizeof(path), "/api/v1/support-units/%lld",
		    (long long)json_integer_value(json_object_get(u, "id")));
		r = keep(w, http(w->s, "GET", path, NULL, NULL));
		assert_status(r, 200);
		assert_int_equal(json_integer_value(json_object_get(resp_json(r), "level")), level);
		assert_int_equal(json_integer_value(json_object_get(json_object_get(resp_json(r),
		    "standing"), "level_for_points")), level);
	}
	r = keep(w, web_page(w->s, "/support-units", NULL, "zh-CN"));
	assert_status(r, 200);
	assert_contains(r->body, "四星支撑单位");
	assert_contains(r->body, "三星支撑单位");
	assert_contains(r->body, "二星支撑单位");
	assert_contains(r->body, "一星支撑单位");
	assert_contains(r->body, "示例移动安全技术有限公司（演示）");
	assert_contains(r->body, "样例小程序开发有限公司（演示）");
	/* The one under expert review is not a unit. */
	assert_not_contains(r->body, "示例信息安全测评中心");
}

/* 3. A certificate is a PDF, and its number verifies as valid (API and page). */
static void
test_demo_units__certificate_verifies(void **state)
{
	struct world	*w = *state;
	struct resp	*r;
	json_t		*u = unit_at(w, 4);
	const char	*t;
	char		 path[128], number[32];

	assert_non_null(u);
	snprintf(number, sizeof(number), "%s", fx_jstr(u, "certificate"));
	snprintf(path, sizeof(path), "/api/v1/support-units/%lld/certificate.pdf",
	    (long long)json_integer_value(json_object_get(u, "id")));
	r = keep(w, http(w->s, "GET", path, NULL, NULL));
	assert_status(r, 200);
	t = resp_header(r, "Content-Type");
	assert_non_null(t);
	assert_int_equal(strncmp(t, "application/pdf", 15), 0);
	assert_true(r->len > 4 && memcmp(r->body, "%PDF", 4) == 0);

	snprintf(path, sizeof(path), "/api/v1/support-units/certificates/%s", number);
	r = keep(w, http(w->s, "GET", path, NULL, NULL));
	assert_status(r, 200);
	assert_string_equal(resp_jstr(r, "verdict"), "valid");
	snprintf(path, sizeof(path), "/support-units/verify/%s", number);
	r = keep(w, web_page(w->s, path, NULL, "zh-CN"));
	assert_status(r, 200);
	assert_contains(r->body, "data-verdict=\"valid\"");
	assert_contains(r->body, number);
	assert_contains(r->body, "四星");
}

/* 4. The 三星 unit's member reads the warning to acknowledge; a 一星 governance unit's does not. */
static void
test_demo_units__member_sees_warning(void **state)
{
	struct world	*w = *state;
	struct cred	 m2, m4;
	struct resp	*r;
	json_t		*o;
	char		 path[96];

	first_login(w, "demo-unit-2", "demo unit two password 2026", &m2);
	r = keep(w, api(w->s, "GET", "/api/v1/warnings", &m2, NULL, NULL));
	assert_status(r, 200);
	assert_non_null(item(r, w->warning));
	snprintf(path, sizeof(path), "/api/v1/warnings/%s", w->warning);
	r = keep(w, api(w->s, "GET", path, &m2, NULL, NULL));
	assert_status(r, 200);
	o = json_object_get(resp_json(r), "acknowledgement");
	assert_true(json_is_true(json_object_get(o, "delivered")));
	assert_true(json_is_true(json_object_get(o, "can_acknowledge")));
	assert_contains(fx_jstr(resp_json(r), "body"), "示例推送 SDK");
	/* The applicant's unit shows every stage it passed. */
	snprintf(path, sizeof(path), "/api/v1/support-units/applications/%s", w->app);
	r = keep(w, api(w->s, "GET", path, &m2, NULL, NULL));
	assert_status(r, 200);
	assert_string_equal(resp_jstr(r, "state"), "done");
	assert_int_equal(json_array_size(json_object_get(resp_json(r), "stages")), 5);

	/* Need-to-know: a governance unit at 一星 was not among those warned. */
	first_login(w, "demo-unit-4", "demo unit four password 2026", &m4);
	r = keep(w, api(w->s, "GET", "/api/v1/warnings", &m4, NULL, NULL));
	assert_status(r, 200);
	assert_null(item(r, w->warning));
	snprintf(path, sizeof(path), "/api/v1/warnings/%s", w->warning);
	r = keep(w, api(w->s, "GET", path, &m4, NULL, NULL));
	assert_status(r, 404);
}

/* 5. The registrar's queues: the application at 专家评审, the dispute, the candidates. */
static void
test_demo_units__staff_queues(void **state)
{
	struct world	*w = *state;
	struct cred	 reg;
	struct resp	*r;
	json_t		*it, *d;
	char		 path[96];
	time_t		 now = time(NULL) + 8 * 3600;
	struct tm	 tm;
	size_t		 i;
	bool		 acked = false;

	first_login(w, "demo-registrar", "demo registrar password 2026", &reg);
	r = keep(w, api(w->s, "GET", "/api/v1/support-units/applications?state=open", &reg,
	    NULL, NULL));
	assert_status(r, 200);
	assert_non_null(it = item(r, w->pending));
	assert_string_equal(fx_jstr(it, "state"), "expert_review");
	assert_null(item(r, w->app));
	r = keep(w, api(w->s, "GET", "/staff/support-units", &reg, NULL, NULL));
	assert_status(r, 200);
	assert_contains(r->body, w->pending);

	/* The warning: two technical units, the 四星's acknowledged. */
	snprintf(path, sizeof(path), "/api/v1/warnings/%s", w->warning);
	r = keep(w, api(w->s, "GET", path, &reg, NULL, NULL));
	assert_status(r, 200);
	d = json_object_get(resp_json(r), "deliveries");
	assert_int_equal(json_array_size(d), 2);
	json_array_foreach(d, i, it) {
		assert_string_equal(fx_jstr(it, "type"), "technical");
		assert_true(json_integer_value(json_object_get(it, "level")) >= 3);
		if (strcmp(fx_jstr(it, "state"), "acknowledged") == 0) {
			acked = true;
			assert_int_equal(json_integer_value(json_object_get(it, "level")), 4);
		}
	}
	assert_true(acked);

	r = keep(w, api(w->s, "GET", "/api/v1/disputes", &reg, NULL, NULL));
	assert_status(r, 200);
	assert_non_null(it = item(r, w->dispute));
	assert_string_equal(fx_jstr(it, "state"), "open");
	assert_string_equal(fx_jstr(it, "filer"), "demo-unit-3");
	/* Filed by the 二星 unit's member: priority = level + 1. */
	assert_int_equal(json_integer_value(json_object_get(it, "priority")), 3);

	gmtime_r(&now, &tm);
	snprintf(path, sizeof(path), "/api/v1/support-units/awards/%d/candidates",
	    tm.tm_year + 1900);
	r = keep(w, api(w->s, "GET", path, &reg, NULL, NULL));
	assert_status(r, 200);
	assert_true(json_array_size(json_object_get(resp_json(r), "items")) > 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_demo_units__init_names_units, release),
		cmocka_unit_test_teardown(test_demo_units__public_list_levels, release),
		cmocka_unit_test_teardown(test_demo_units__certificate_verifies, release),
		cmocka_unit_test_teardown(test_demo_units__member_sees_warning, release),
		cmocka_unit_test_teardown(test_demo_units__staff_queues, release),
	};

	return cmocka_run_group_tests_name("demo units", tests, boot, shutdown_all);
}
