/*
 * Disputes (争议协调, issue 9; R40) on a registry.
 *
 * A dispute filed by a support unit's member carries the unit's priority
 * (its highest star level + 1), and the staff's queue puts it before an
 * earlier dispute of an ordinary organisation.  Each gets its receipt-log
 * leaf and a 'dispute' clock, met when it is resolved and waived when the
 * filer withdraws it; every step is on the timeline and told to the
 * filer.  Only the staff and the filer read a dispute: anyone else, the
 * filer's own colleagues included, gets 404.  The statement is sealed at
 * rest.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <sodium.h>

#include "fixtures.h"
#include "harness.h"

/*
 * The annual star-level evaluation (H1's svc_units_tick) runs on the
 * scheduler's first tick once [units] evaluation_day has passed this year,
 * and would re-rate the units registered here (no contributions yet) as
 * 一星 while the test runs: keep it for the end of the year.
 */
#define NO_EVALUATION	"LOUDONG_UNITS_EVALUATION_DAY=12-28"

#define ID_RE	"^ZY-20[0-9]{2}-[0-9]{6}$"

struct reg {
	struct cred	cora;	/* coordinator */
	struct cred	tom;	/* triager */
	struct cred	rita;	/* reporter, no organisation */
	struct cred	uma;	/* unit-org: a technical 三星 unit */
	struct cred	paul;	/* plain-org: no unit */
	struct cred	olga;	/* plain-org, paul's colleague */
};

static struct srv *
registry(void **state, struct reg *g)
{
	struct srv	*s = *state;
	struct resp	*r;

	memset(g, 0, sizeof(*g));
	srv_init(s);
	fx_org_add(s, "unit-org", "Unit Security Co", "provider");
	fx_org_add(s, "plain-org", "Plain Apps Ltd", "provider");
	fx_person(s, "cora", "coordinator", NULL, "Cora", "cora@lib.example", &g->cora);
	fx_person(s, "tom", "triager", NULL, "Tom", "tom@lib.example", &g->tom);
	fx_person(s, "rita", "reporter", NULL, "Rita", "rita@example.org", &g->rita);
	fx_person(s, "uma", "vendor", "unit-org", "Uma", "uma@unit.example", &g->uma);
	fx_person(s, "paul", "vendor", "plain-org", "Paul", "paul@plain.example", &g->paul);
	fx_person(s, "olga", "vendor", "plain-org", "Olga", "olga@plain.example", &g->olga);
	srv_start(s, (const char *[]){ "LOUDONG_INSTANCE_ROLE=registry", NO_EVALUATION, NULL });
	r = fx_call(s, &g->cora, "POST", "{\"org\":\"unit-org\",\"type\":\"technical\","
	    "\"level\":3,\"certified_on\":\"2025-06-01\"}", 201, "/api/v1/support-units");
	resp_free(r);
	return s;
}

/* A dispute's JSON body with a statement. */
static void
dispute_body(char *out, size_t outsz, const char *title, const char *statement,
    const char *behalf)
{
	snprintf(out, outsz, "{\"category\":\"disclosure\",\"subject_ref\":\"CAPPVD-2026-000042\","
	    "\"other_party\":\"Some App Developer\",\"title\":\"%s\",\"statement\":\"%s\","
	    "\"outcome_wanted\":\"Publish on the agreed date.\"%s%s%s}", title, statement,
	    behalf != NULL ? ",\"on_behalf_of\":\"" : "", behalf != NULL ? behalf : "",
	    behalf != NULL ? "\"" : "");
}

/* File as who; the status must be want; the id into id on 201. */
static struct resp *
file(struct srv *s, const struct cred *who, const char *body, long want, char id[32])
{
	struct resp	*r = fx_call(s, who, "POST", body, want, "/api/v1/disputes");

	if (want == 201) {
		snprintf(id, 32, "%s", resp_jstr(r, "id"));
		assert_true(fx_matches(id, ID_RE));
	}
	return r;
}

/* The ids of a listing, in order, joined by spaces. */
static void
ids_of(struct resp *r, char *out, size_t outsz)
{
	json_t	*items = json_object_get(resp_json(r), "items"), *x;
	size_t	 i, n = 0;

	out[0] = '\0';
	json_array_foreach(items, i, x)
		n += (size_t)snprintf(out + n, outsz - n, "%s%s", n ? " " : "", fx_jstr(x, "id"));
}

static int
notices_about(struct srv *s, const struct cred *who, const char *subject)
{
	struct resp	*r = fx_call(s, who, "GET", NULL, 200, "/api/v1/notices?limit=100");
	json_t		*items = json_object_get(resp_json(r), "items"), *x;
	size_t		 i;
	int		 n = 0;

	json_array_foreach(items, i, x)
		if (strcmp(fx_jstr(x, "subject"), subject) == 0)
			n++;
	resp_free(r);
	return n;
}

/* Files under dir holding needle (recursively); how many. */
static size_t
files_holding(const char *dir, const char *needle)
{
	struct dirent	*de;
	struct stat	 sb;
	DIR		*d = opendir(dir);
	char		 path[1024];
	size_t		 found = 0, k = strlen(needle);

	if (d == NULL)
		fail_msg("opendir %s: %s", dir, strerror(errno));
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		assert_int_equal(lstat(path, &sb), 0);
		if (S_ISDIR(sb.st_mode))
			found += files_holding(path, needle);
		else if (S_ISREG(sb.st_mode) && sb.st_size > 0) {
			unsigned char	*buf = malloc((size_t)sb.st_size);
			FILE		*fp = fopen(path, "rb");
			size_t		 n, i;

			assert_non_null(buf);
			assert_non_null(fp);
			n = fread(buf, 1, (size_t)sb.st_size, fp);
			fclose(fp);
			for (i = 0; i + k <= n; i++)
				if (memcmp(buf + i, needle, k) == 0) {
					found++;
					break;
				}
			free(buf);
		}
	}
	closedir(d);
	return found;
}

static void
test_disputes__unit_priority_clock_and_steps(void **state)
{
	struct reg	 g;
	struct srv	*s = registry(state, &g);
	struct resp	*r;
	json_t		*o, *tl;
	char		 body[1024], plain[32], unit_id[32], behalf[32], ids[256], want[256];
	char		 mark[48], rnd[17], subj[64];
	unsigned char	 b[8];

	assert_true(sodium_init() >= 0);
	randombytes_buf(b, sizeof(b));
	sodium_bin2hex(rnd, sizeof(rnd), b, sizeof(b));
	snprintf(mark, sizeof(mark), "STATEMENT-%s-MARK", rnd);

	/* An ordinary organisation files first: no priority. */
	dispute_body(body, sizeof(body), "Vendor refuses the disclosure date", mark, NULL);
	r = file(s, &g.paul, body, 201, plain);
	assert_int_equal(json_integer_value(json_object_get(resp_json(r), "priority")), 0);
	assert_true(json_is_null(json_object_get(resp_json(r), "unit_level")));
	assert_string_equal(resp_jstr(r, "state"), "open");
	assert_true(json_integer_value(json_object_get(resp_json(r), "leaf_index")) >= 0);
	resp_free(r);
	/* A support unit (三星) files later: its priority is its level + 1. */
	dispute_body(body, sizeof(body), "Platform published our finding early",
	    "They published before the fix.", NULL);
	r = file(s, &g.uma, body, 201, unit_id);
	assert_int_equal(json_integer_value(json_object_get(resp_json(r), "priority")), 4);
	assert_int_equal(json_integer_value(json_object_get(resp_json(r), "unit_level")), 3);
	assert_string_equal(resp_jstr(r, "filer_org"), "Unit Security Co");
	o = json_object_get(resp_json(r), "clock");
	assert_string_equal(fx_jstr(o, "state"), "open");
	assert_non_null(fx_jstr(o, "due_at"));
	assert_false(json_is_true(json_object_get(o, "overdue")));
	resp_free(r);

	/* The queue: the later unit dispute before the earlier ordinary one. */
	r = fx_call(s, &g.cora, "GET", NULL, 200, "/api/v1/disputes");
	ids_of(r, ids, sizeof(ids));
	snprintf(want, sizeof(want), "%s %s", unit_id, plain);
	assert_string_equal(ids, want);
	resp_free(r);
	/* The filer sees only their own. */
	r = fx_call(s, &g.paul, "GET", NULL, 200, "/api/v1/disputes");
	ids_of(r, ids, sizeof(ids));
	assert_string_equal(ids, plain);
	resp_free(r);
	r = fx_call(s, &g.olga, "GET", NULL, 200, "/api/v1/disputes");
	ids_of(r, ids, sizeof(ids));
	assert_string_equal(ids, "");
	resp_free(r);
	/* Others 404, the filer's colleague too. */
	fx_done(fx_call(s, &g.olga, "GET", NULL, 404, "/api/v1/disputes/%s", plain));
	fx_done(fx_call(s, &g.uma, "GET", NULL, 404, "/api/v1/disputes/%s", plain));
	fx_done(fx_call(s, &g.rita, "GET", NULL, 404, "/api/v1/disputes/%s", plain));
	fx_done(fx_call(s, &g.paul, "GET", NULL, 404, "/api/v1/disputes/%s", unit_id));
	fx_done(fx_call(s, &g.olga, "POST", "{\"note\":\"x\"}", 404, "/api/v1/disputes/%s/notes",
	    plain));
	r = fx_call(s, &g.paul, "GET", NULL, 200, "/api/v1/disputes/%s", plain);
	assert_string_equal(resp_jstr(r, "statement"), mark);
	assert_string_equal(resp_jstr(r, "outcome_wanted"), "Publish on the agreed date.");
	resp_free(r);
	/* The clock is a real one of kind dispute. */
	r = fx_call(s, &g.cora, "GET", NULL, 200, "/api/v1/deadlines?kind=dispute");
	snprintf(subj, sizeof(subj), "dispute:%s", plain);
	assert_contains(r->body, subj);
	resp_free(r);
	/* The staff were told, the unit's dispute as a priority one. */
	snprintf(subj, sizeof(subj), "dispute:%s", unit_id);
	assert_int_equal(notices_about(s, &g.cora, subj), 1);

	/* No organisation, no dispute; on someone's behalf is the staff's. */
	dispute_body(body, sizeof(body), "t", "s", NULL);
	r = file(s, &g.rita, body, 403, NULL);
	assert_problem_rule(r, 403, "R40");
	resp_free(r);
	dispute_body(body, sizeof(body), "t", "s", "paul");
	fx_done(file(s, &g.uma, body, 403, NULL));
	dispute_body(body, sizeof(body), "t", "s", "rita");
	r = file(s, &g.cora, body, 400, NULL);
	assert_problem_field(r, 400, "on_behalf_of");
	resp_free(r);
	r = file(s, &g.paul, "{\"category\":\"gossip\",\"subject_ref\":\"x\",\"other_party\":"
	    "\"y\",\"title\":\"z\",\"statement\":\"w\"}", 400, NULL);
	assert_problem_field(r, 400, "category");
	resp_free(r);

	/* Resolving needs coordination first. */
	r = fx_call(s, &g.cora, "POST", "{\"outcome\":\"done\"}", 409,
	    "/api/v1/disputes/%s/resolve", plain);
	assert_problem(r, 409);
	resp_free(r);
	fx_done(fx_call(s, &g.paul, "POST", "{}", 403, "/api/v1/disputes/%s/assign", plain));
	r = fx_call(s, &g.cora, "POST", "{\"assignee\":\"tom\"}", 200,
	    "/api/v1/disputes/%s/assign", plain);
	assert_string_equal(resp_jstr(r, "state"), "coordinating");
	assert_string_equal(resp_jstr(r, "assignee"), "tom");
	resp_free(r);
	snprintf(subj, sizeof(subj), "dispute:%s", plain);
	assert_int_equal(notices_about(s, &g.paul, subj), 1);
	assert_int_equal(notices_about(s, &g.tom, subj), 1);	/* assigned (triagers get no "new") */
	/* The filer and the staff add notes; only the staff the other party's statement. */
	fx_done(fx_call(s, &g.paul, "POST", "{\"note\":\"They answered us today.\"}", 201,
	    "/api/v1/disputes/%s/notes", plain));
	fx_done(fx_call(s, &g.paul, "POST", "{\"note\":\"x\",\"party\":true}", 403,
	    "/api/v1/disputes/%s/notes", plain));
	fx_done(fx_call(s, &g.tom, "POST", "{\"note\":\"The developer needs 30 more days.\","
	    "\"party\":true}", 201, "/api/v1/disputes/%s/notes", plain));
	r = fx_call(s, &g.tom, "POST", "{\"outcome\":\"\"}", 400, "/api/v1/disputes/%s/resolve",
	    plain);
	assert_problem_field(r, 400, "outcome");
	resp_free(r);
	r = fx_call(s, &g.tom, "POST", "{\"outcome\":\"Agreed: publication on day 60.\"}", 200,
	    "/api/v1/disputes/%s/resolve", plain);
	assert_string_equal(resp_jstr(r, "state"), "resolved");
	o = json_object_get(resp_json(r), "clock");
	assert_string_equal(fx_jstr(o, "state"), "met");
	resp_free(r);
	assert_int_equal(notices_about(s, &g.paul, subj), 3);	/* assigned, party, resolved */
	r = fx_call(s, &g.paul, "GET", NULL, 200, "/api/v1/disputes/%s", plain);
	assert_string_equal(resp_jstr(r, "resolution"), "Agreed: publication on day 60.");
	tl = json_object_get(resp_json(r), "timeline");
	assert_int_equal(json_array_size(tl), 5);
	assert_string_equal(fx_jstr(json_array_get(tl, 0), "event"), "filed");
	assert_string_equal(fx_jstr(json_array_get(tl, 1), "event"), "assigned");
	assert_string_equal(fx_jstr(json_array_get(tl, 2), "event"), "note");
	assert_string_equal(fx_jstr(json_array_get(tl, 2), "note"), "They answered us today.");
	assert_string_equal(fx_jstr(json_array_get(tl, 3), "event"), "party");
	assert_string_equal(fx_jstr(json_array_get(tl, 4), "event"), "resolved");
	resp_free(r);
	fx_done(fx_call(s, &g.paul, "POST", "{}", 409, "/api/v1/disputes/%s/withdraw", plain));
	fx_done(fx_call(s, &g.tom, "POST", "{\"note\":\"late\"}", 409,
	    "/api/v1/disputes/%s/notes", plain));

	/* The filer withdraws: the clock is waived; staff cannot withdraw for them. */
	fx_done(fx_call(s, &g.cora, "POST", "{}", 403, "/api/v1/disputes/%s/withdraw", unit_id));
	r = fx_call(s, &g.uma, "POST", "{\"reason\":\"Settled between us.\"}", 200,
	    "/api/v1/disputes/%s/withdraw", unit_id);
	assert_string_equal(resp_jstr(r, "state"), "withdrawn");
	assert_string_equal(fx_jstr(json_object_get(resp_json(r), "clock"), "state"), "waived");
	resp_free(r);
	fx_done(fx_call(s, &g.uma, "POST", "{}", 409, "/api/v1/disputes/%s/withdraw", unit_id));

	/* Staff file on someone's behalf: theirs to read, recorded by the staff. */
	dispute_body(body, sizeof(body), "Handling stalled", "Recorded by phone.", "paul");
	r = file(s, &g.cora, body, 201, behalf);
	assert_string_equal(resp_jstr(r, "filer"), "paul");
	assert_string_equal(resp_jstr(r, "recorded_by"), "cora");
	resp_free(r);
	fx_done(fx_call(s, &g.paul, "GET", NULL, 200, "/api/v1/disputes/%s", behalf));
	/* Open ones first now: the one just filed, then the closed by priority. */
	r = fx_call(s, &g.cora, "GET", NULL, 200, "/api/v1/disputes");
	ids_of(r, ids, sizeof(ids));
	snprintf(want, sizeof(want), "%s %s %s", behalf, unit_id, plain);
	assert_string_equal(ids, want);
	resp_free(r);
	r = fx_call(s, &g.cora, "GET", NULL, 200, "/api/v1/disputes?open=true");
	ids_of(r, ids, sizeof(ids));
	assert_string_equal(ids, behalf);
	resp_free(r);

	/* The pages: the staff's queue with the priority badge, the filer's view. */
	{
		char		ck[128], path[64];
		struct web_form	f;
		char		csrf[128];

		web_login(s, "cora", TEST_PASSWORD, ck, sizeof(ck));
		r = web_page(s, "/staff/disputes?all=1", ck, "zh-CN");
		assert_status(r, 200);
		assert_contains(r->body, "支撑单位 · 三星");
		assert_contains(r->body, unit_id);
		resp_free(r);
		web_login(s, "paul", TEST_PASSWORD, ck, sizeof(ck));
		snprintf(path, sizeof(path), "/disputes/%s", plain);
		r = web_page(s, path, ck, NULL);
		assert_status(r, 200);
		assert_contains(r->body, mark);
		assert_contains(r->body, "Agreed: publication on day 60.");
		resp_free(r);
		web_login(s, "olga", TEST_PASSWORD, ck, sizeof(ck));
		r = web_page(s, path, ck, NULL);
		assert_status(r, 404);
		assert_not_contains(r->body, mark);
		resp_free(r);
		/* The form files one too, and answers with its page. */
		web_login(s, "uma", TEST_PASSWORD, ck, sizeof(ck));
		r = web_page(s, "/disputes/new", ck, NULL);
		assert_status(r, 200);
		assert_true(web_form_csrf(r->body, csrf, sizeof(csrf)));
		resp_free(r);
		memset(&f, 0, sizeof(f));
		web_form_add(&f, "csrf", csrf);
		web_form_add(&f, "category", "handling");
		web_form_add(&f, "subject_ref", "CAPPVD-2026-000050");
		web_form_add(&f, "other_party", "Another Vendor");
		web_form_add(&f, "title", "Fix refused <b>");
		web_form_add(&f, "statement", "The vendor will not fix it.");
		r = web_post_form(s, "/disputes/new", ck, &f, NULL);
		assert_status(r, 303);
		assert_contains(resp_header(r, "Location"), "/disputes/ZY-");
		resp_free(r);
		memset(&f, 0, sizeof(f));
		web_form_add(&f, "csrf", csrf);
		web_form_add(&f, "category", "handling");
		r = web_post_form(s, "/disputes/new", ck, &f, NULL);
		assert_status(r, 422);
		assert_contains(r->body, "f-statement");
		resp_free(r);
	}
	r = fx_call(s, &g.cora, "GET", NULL, 200, "/api/v1/disputes?open=true");
	ids_of(r, ids, sizeof(ids));
	/* The unit's new one (priority 4) goes before the ordinary one filed earlier. */
	assert_true(strncmp(ids, "ZY-", 3) == 0 && strstr(ids, behalf) != NULL &&
	    strstr(ids, behalf) != ids);
	resp_free(r);

	/* Sealed at rest. */
	assert_int_equal(files_holding(s->dir, mark), 0);
	srv_stop(s);
	assert_int_equal(files_holding(s->dir, mark), 0);
	assert_true(files_holding(s->dir, "Vendor refuses the disclosure date") >= 1);
}

static void
test_disputes__other_roles_404(void **state)
{
	struct srv	*s = *state;
	struct cred	 cora;
	struct resp	*r;

	srv_init(s);
	fx_person(s, "cora", "coordinator", NULL, "Cora", "cora@example.org", &cora);
	srv_start(s, (const char *[]){ "LOUDONG_INSTANCE_ROLE=platform", NULL });
	r = fx_call(s, &cora, "GET", NULL, 404, "/api/v1/disputes");
	assert_problem(r, 404);
	resp_free(r);
	fx_done(fx_call(s, &cora, "POST", "{\"category\":\"handling\"}", 404, "/api/v1/disputes"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_disputes__unit_priority_clock_and_steps,
		    srv_setup, srv_teardown),
		cmocka_unit_test_setup_teardown(test_disputes__other_roles_404, srv_setup,
		    srv_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
