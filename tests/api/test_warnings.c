/*
 * Warnings (预警, issue 9; R40) on a registry with several support units.
 *
 * A warning for technical units of 二星 and above reaches exactly those
 * (deliveries, in-app notices, mails read back from a real SMTP server),
 * never a governance unit or a 一星 unit, who get 404 for it as for an
 * unknown id; a unit of a foreign organisation is refused by the Art. 9(7)
 * gate (a delivery `refused` with its rule, nothing sent).  Acknowledging
 * meets the unit's clock; a unit's own warning is not delivered back to it
 * and is credited; withdrawing waives the clocks.  The body is sealed at
 * rest; the public list shows only what is past its public date, never
 * the body and never an incident.  Other roles answer 404.
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
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <sodium.h>

#include "fixtures.h"
#include "harness.h"
#include "smtpd.h"

/*
 * The annual star-level evaluation (H1's svc_units_tick) runs on the
 * scheduler's first tick once [units] evaluation_day has passed this year,
 * and would re-rate the units registered here (no contributions yet) as
 * 一星 while the test runs: keep it for the end of the year.
 */
#define NO_EVALUATION	"LOUDONG_UNITS_EVALUATION_DAY=12-28"

#define ID_RE	"^YJ-20[0-9]{2}-[0-9]{6}$"

/* The SMTP server of the running test (stopped by the teardown, even after a failure). */
static struct smtpd	smtp;
static bool		smtp_on;

static int
teardown(void **state)
{
	/* Loudong first: its outbox must not find the mail server gone. */
	int	rc = srv_teardown(state);

	if (smtp_on) {
		smtpd_cleanup(&smtp);
		smtp_on = false;
	}
	return rc;
}

/* The people and units of the registry. */
struct reg {
	struct cred	cora;	/* coordinator (staff) */
	struct cred	reg;	/* regulator */
	struct cred	rita;	/* reporter, no organisation */
	struct cred	alice;	/* tech-a: technical 三星 */
	struct cred	alan;	/* tech-a, a second member */
	struct cred	bob;	/* tech-b: technical 二星 */
	struct cred	tina;	/* tech-one: technical 一星 */
	struct cred	gina;	/* gov-four: governance 四星 */
	struct cred	fred;	/* tech-us: technical 三星, organisation in the US */
	struct cred	ivan;	/* tech-i: technical 二星, issues one itself */
	long long	u_a, u_b, u_one, u_gov, u_us, u_i;	/* unit ids */
};

static void
org_in(struct srv *s, const char *slug, const char *name, const char *country)
{
	assert_int_equal(srv_cli(s, NULL, NULL, 0, (const char *[]){ "org", "add",
	    "--data-dir", s->dir, "--slug", slug, "--name", name, "--kind", "provider",
	    "--country", country, NULL }), 0);
}

/* A unit registered by hand by the staff (H1's POST /api/v1/support-units): its id. */
static long long
unit(struct srv *s, struct reg *g, const char *org, const char *type, int level)
{
	struct resp	*r;
	char		 body[256];
	json_t		*id;
	long long	 v;

	snprintf(body, sizeof(body), "{\"org\":\"%s\",\"type\":\"%s\",\"level\":%d,"
	    "\"certified_on\":\"2025-06-01\"}", org, type, level);
	r = fx_call(s, &g->cora, "POST", body, 201, "/api/v1/support-units");
	id = json_object_get(resp_json(r), "id");
	assert_true(json_is_integer(id));
	v = (long long)json_integer_value(id);
	resp_free(r);
	return v;
}

static struct srv *
registry(void **state, struct reg *g)
{
	struct srv	*s = *state;
	const char	*env[8];
	size_t		 n = 0;

	memset(g, 0, sizeof(*g));
	srv_init(s);
	org_in(s, "tech-a", "Alpha Security", "CN");
	org_in(s, "tech-b", "Beta Labs", "CN");
	org_in(s, "tech-one", "One Star Tech", "CN");
	org_in(s, "gov-four", "Gov Cooperation", "CN");
	org_in(s, "tech-i", "Issuer Tech", "CN");
	/* Abroad: Art. 9(7) keeps undisclosed vulnerabilities in the country. */
	org_in(s, "tech-us", "Overseas Research Inc", "US");
	fx_person(s, "cora", "coordinator", NULL, "Cora", "cora@lib.example", &g->cora);
	fx_person(s, "regina", "regulator", NULL, "Regina", "regina@gov.example", &g->reg);
	fx_person(s, "rita", "reporter", NULL, "Rita", "rita@example.org", &g->rita);
	fx_person(s, "alice", "vendor", "tech-a", "Alice", "alice@alpha.example", &g->alice);
	fx_person(s, "alan", "vendor", "tech-a", "Alan", "alan@alpha.example", &g->alan);
	fx_person(s, "bob", "vendor", "tech-b", "Bob", "bob@beta.example", &g->bob);
	fx_person(s, "tina", "vendor", "tech-one", "Tina", "tina@one.example", &g->tina);
	fx_person(s, "gina", "vendor", "gov-four", "Gina", "gina@gov-coop.example", &g->gina);
	fx_person(s, "fred", "vendor", "tech-us", "Fred", "fred@overseas.example", &g->fred);
	fx_person(s, "ivan", "vendor", "tech-i", "Ivan", "ivan@issuer.example", &g->ivan);
	env[n++] = "LOUDONG_INSTANCE_ROLE=registry";
	env[n++] = "LOUDONG_OUTBOX_POLL_INTERVAL_MS=100";
	env[n++] = NO_EVALUATION;
	if (smtpd_available()) {
		smtpd_init(&smtp, s->dir);
		smtpd_start(&smtp);
		smtp_on = true;
		env[n++] = smtp.env;
	}
	env[n] = NULL;
	srv_start(s, env);
	g->u_a = unit(s, g, "tech-a", "technical", 3);
	g->u_b = unit(s, g, "tech-b", "technical", 2);
	g->u_one = unit(s, g, "tech-one", "technical", 1);
	g->u_gov = unit(s, g, "gov-four", "governance", 4);
	g->u_us = unit(s, g, "tech-us", "technical", 3);
	g->u_i = unit(s, g, "tech-i", "technical", 2);
	return s;
}

/* POST a warning as who; the status must be want; its id into id (on 201). */
static struct resp *
issue(struct srv *s, const struct cred *who, const char *body, long want, char id[32])
{
	struct resp	*r = fx_call(s, who, "POST", body, want, "/api/v1/warnings");

	if (want == 201) {
		snprintf(id, 32, "%s", resp_jstr(r, "id"));
		assert_true(fx_matches(id, ID_RE));
	}
	return r;
}

/* The delivery of unit in a staff view of a warning, or NULL. */
static json_t *
delivery_of(json_t *w, long long unit_id)
{
	json_t	*d = json_object_get(w, "deliveries"), *x;
	size_t	 i;

	assert_true(json_is_array(d));
	json_array_foreach(d, i, x)
		if (json_integer_value(json_object_get(x, "unit_id")) == unit_id)
			return x;
	return NULL;
}

/* How many of who's notices of kind (NULL: any) are about subject. */
static int
notices_of(struct srv *s, const struct cred *who, const char *subject, const char *kind)
{
	struct resp	*r = fx_call(s, who, "GET", NULL, 200, "/api/v1/notices?limit=100");
	json_t		*items = json_object_get(resp_json(r), "items"), *x;
	size_t		 i;
	int		 n = 0;

	json_array_foreach(items, i, x)
		if (strcmp(fx_jstr(x, "subject"), subject) == 0 &&
		    (kind == NULL || strcmp(fx_jstr(x, "kind"), kind) == 0))
			n++;
	resp_free(r);
	return n;
}

static int
notices_about(struct srv *s, const struct cred *who, const char *subject)
{
	return notices_of(s, who, subject, NULL);
}

/* `loudong deadlines run --as-of AS_OF` beside the running server. */
static void
deadlines_run(struct srv *s, long long as_of)
{
	char	t[32];

	snprintf(t, sizeof(t), "%lld", as_of);
	assert_int_equal(srv_cli(s, NULL, NULL, 0, (const char *[]){ "deadlines", "run",
	    "--data-dir", s->dir, "--as-of", t, NULL }), 0);
}

/* The warning_ack clock of a warning and unit: its state, or "" if none. */
static void
clock_state(struct srv *s, const struct reg *g, const char *id, long long unit_id,
    char *out, size_t outsz)
{
	struct resp	*r = fx_call(s, &g->cora, "GET", NULL, 200,
			    "/api/v1/deadlines?kind=warning_ack&limit=200");
	json_t		*items = json_object_get(resp_json(r), "items"), *x;
	char		 subject[96];
	size_t		 i;

	snprintf(subject, sizeof(subject), "warning:%s/%lld", id, unit_id);
	out[0] = '\0';
	json_array_foreach(items, i, x)
		if (strcmp(fx_jstr(x, "subject"), subject) == 0)
			snprintf(out, outsz, "%s", fx_jstr(x, "state"));
	resp_free(r);
}

/* How many audit entries of action about subject (the regulator reads the log). */
static int
audited(struct srv *s, const struct cred *who, const char *action, const char *subject)
{
	struct resp	*r;
	json_t		*items, *x, *next;
	char		 cursor[32] = "0";
	size_t		 i;
	int		 n = 0, pages;

	for (pages = 0; pages < 50; pages++) {
		r = fx_call(s, who, "GET", NULL, 200, "/api/v1/admin/audit?limit=200&cursor=%s",
		    cursor);
		items = json_object_get(resp_json(r), "items");
		json_array_foreach(items, i, x)
			if (strcmp(fx_jstr(x, "action"), action) == 0 &&
			    strcmp(fx_jstr(x, "subject"), subject) == 0)
				n++;
		next = json_object_get(resp_json(r), "next_cursor");
		if (!json_is_string(next)) {
			resp_free(r);
			break;
		}
		snprintf(cursor, sizeof(cursor), "%s", json_string_value(next));
		resp_free(r);
	}
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
test_warnings__delivered_only_to_entitled(void **state)
{
	struct reg	 g;
	struct srv	*s = registry(state, &g);
	struct resp	*r;
	json_t		*w, *d;
	char		 id[32], id2[32], id3[32], idi[32], body[2048], mark[40], subj[64];
	char		 st[32], msg[65536], mbody[16384], rnd[17];
	unsigned char	 b[8];

	assert_true(sodium_init() >= 0);
	randombytes_buf(b, sizeof(b));
	sodium_bin2hex(rnd, sizeof(rnd), b, sizeof(b));
	snprintf(mark, sizeof(mark), "BODY-%s-MARK", rnd);

	/* Technical units of 二星 and above, public since long ago. */
	snprintf(body, sizeof(body), "{\"kind\":\"vulnerability\",\"severity\":\"critical\","
	    "\"title\":\"PaySDK signature bypass %s\",\"summary\":\"Update PaySDK to 3.2.1.\","
	    "\"body\":\"## Details\\n\\n%s: pay_init() skips the check.\","
	    "\"related\":\"CVE-2026-12345\",\"affected\":\"PaySDK < 3.2.1\","
	    "\"audience\":\"technical\",\"min_level\":2,"
	    "\"public_at\":\"2020-01-01T00:00:00+08:00\"}", rnd, mark);
	r = issue(s, &g.cora, body, 201, id);
	assert_string_equal(resp_jstr(r, "state"), "issued");
	w = json_object_get(resp_json(r), "deliveries_count");
	/* tech-a, tech-b and tech-i delivered; tech-us refused; tech-one and gov-four nothing. */
	assert_int_equal(json_integer_value(json_object_get(w, "delivered")), 3);
	assert_int_equal(json_integer_value(json_object_get(w, "refused")), 1);
	assert_null(json_object_get(resp_json(r), "body"));
	resp_free(r);

	/* The staff see every delivery. */
	r = fx_call(s, &g.cora, "GET", NULL, 200, "/api/v1/warnings/%s", id);
	w = resp_json(r);
	assert_non_null(fx_jstr(w, "body"));
	assert_contains(fx_jstr(w, "body"), mark);
	assert_int_equal(json_array_size(json_object_get(w, "deliveries")), 4);
	assert_non_null(d = delivery_of(w, g.u_a));
	assert_string_equal(fx_jstr(d, "state"), "delivered");
	assert_non_null(json_object_get(d, "delivered_at"));
	assert_non_null(d = delivery_of(w, g.u_b));
	assert_string_equal(fx_jstr(d, "state"), "delivered");
	assert_non_null(d = delivery_of(w, g.u_i));
	assert_string_equal(fx_jstr(d, "state"), "delivered");
	assert_non_null(d = delivery_of(w, g.u_us));
	assert_string_equal(fx_jstr(d, "state"), "refused");
	assert_string_equal(fx_jstr(d, "rule"), "Art. 9(7)");
	assert_true(json_is_null(json_object_get(d, "delivered_at")));
	assert_null(delivery_of(w, g.u_one));
	assert_null(delivery_of(w, g.u_gov));
	resp_free(r);

	/* Need-to-know: the delivered units' members and the regulator read it... */
	r = fx_call(s, &g.alice, "GET", NULL, 200, "/api/v1/warnings/%s", id);
	assert_contains(fx_jstr(resp_json(r), "body"), mark);
	assert_null(json_object_get(resp_json(r), "deliveries"));
	assert_true(json_is_true(json_object_get(json_object_get(resp_json(r),
	    "acknowledgement"), "can_acknowledge")));
	resp_free(r);
	fx_done(fx_call(s, &g.bob, "GET", NULL, 200, "/api/v1/warnings/%s", id));
	fx_done(fx_call(s, &g.reg, "GET", NULL, 200, "/api/v1/warnings/%s", id));
	/* Every read is in the audit log (cora, alice, bob, regina so far). */
	snprintf(subj, sizeof(subj), "warning:%s", id);
	assert_int_equal(audited(s, &g.reg, "warning.read", subj), 4);
	assert_int_equal(audited(s, &g.reg, "warning.issue", subj), 1);
	/* ...anyone else gets the answer an unknown id gets. */
	r = fx_call(s, &g.tina, "GET", NULL, 404, "/api/v1/warnings/%s", id);
	assert_problem(r, 404);
	assert_not_contains(r->body, mark);
	resp_free(r);
	fx_done(fx_call(s, &g.gina, "GET", NULL, 404, "/api/v1/warnings/%s", id));
	fx_done(fx_call(s, &g.fred, "GET", NULL, 404, "/api/v1/warnings/%s", id));
	fx_done(fx_call(s, &g.rita, "GET", NULL, 404, "/api/v1/warnings/%s", id));
	fx_done(fx_call(s, &g.tina, "GET", NULL, 404, "/api/v1/warnings/YJ-2020-999999"));
	/* The lists follow the same rule. */
	r = fx_call(s, &g.bob, "GET", NULL, 200, "/api/v1/warnings");
	assert_contains(r->body, id);
	resp_free(r);
	r = fx_call(s, &g.gina, "GET", NULL, 200, "/api/v1/warnings");
	assert_not_contains(r->body, id);
	resp_free(r);
	r = fx_call(s, &g.fred, "GET", NULL, 200, "/api/v1/warnings");
	assert_not_contains(r->body, id);
	resp_free(r);

	/* Notices: every member of a delivered unit, nobody else. */
	snprintf(subj, sizeof(subj), "warning:%s", id);
	assert_int_equal(notices_about(s, &g.alice, subj), 1);
	assert_int_equal(notices_about(s, &g.alan, subj), 1);
	assert_int_equal(notices_about(s, &g.bob, subj), 1);
	assert_int_equal(notices_about(s, &g.ivan, subj), 1);
	assert_int_equal(notices_about(s, &g.tina, subj), 0);
	assert_int_equal(notices_about(s, &g.gina, subj), 0);
	assert_int_equal(notices_about(s, &g.fred, subj), 0);

	/* Mails: a link, never the details; none to those not entitled or refused. */
	if (smtp_on) {
		assert_true(smtpd_wait(&smtp, 20, "alice@alpha.example", id, msg, sizeof(msg),
		    mbody, sizeof(mbody)));
		assert_contains(mbody, "/warnings/");
		assert_not_contains(mbody, mark);
		assert_not_contains(mbody, "pay_init");
		assert_true(smtpd_wait(&smtp, 20, "alan@alpha.example", id, msg, sizeof(msg),
		    mbody, sizeof(mbody)));
		assert_true(smtpd_wait(&smtp, 20, "bob@beta.example", id, msg, sizeof(msg),
		    mbody, sizeof(mbody)));
		assert_true(smtpd_wait(&smtp, 20, "ivan@issuer.example", id, msg, sizeof(msg),
		    mbody, sizeof(mbody)));
		assert_int_equal(smtpd_count(&smtp, "tina@one.example", id), 0);
		assert_int_equal(smtpd_count(&smtp, "gina@gov-coop.example", id), 0);
		assert_int_equal(smtpd_count(&smtp, "fred@overseas.example", id), 0);
		assert_int_equal(smtpd_count(&smtp, NULL, mark), 0);
	} else
		print_message("warnings: no SMTP server here, mails not checked\n");

	/* Each delivered unit has its clock; acknowledging meets it. */
	clock_state(s, &g, id, g.u_a, st, sizeof(st));
	assert_string_equal(st, "open");
	clock_state(s, &g, id, g.u_us, st, sizeof(st));
	assert_string_equal(st, "");
	clock_state(s, &g, id, g.u_one, st, sizeof(st));
	assert_string_equal(st, "");
	fx_done(fx_call(s, &g.tina, "POST", "{}", 404, "/api/v1/warnings/%s/acknowledge", id));
	fx_done(fx_call(s, &g.fred, "POST", "{}", 404, "/api/v1/warnings/%s/acknowledge", id));
	r = fx_call(s, &g.alice, "POST", "{}", 200, "/api/v1/warnings/%s/acknowledge", id);
	w = json_object_get(resp_json(r), "acknowledgement");
	assert_false(json_is_true(json_object_get(w, "can_acknowledge")));
	assert_string_equal(fx_jstr(w, "acknowledged_by"), "alice");
	resp_free(r);
	clock_state(s, &g, id, g.u_a, st, sizeof(st));
	assert_string_equal(st, "met");
	clock_state(s, &g, id, g.u_b, st, sizeof(st));
	assert_string_equal(st, "open");
	/* A second member acknowledging changes nothing. */
	r = fx_call(s, &g.alan, "POST", NULL, 200, "/api/v1/warnings/%s/acknowledge", id);
	assert_string_equal(fx_jstr(json_object_get(resp_json(r), "acknowledgement"),
	    "acknowledged_by"), "alice");
	resp_free(r);
	r = fx_call(s, &g.cora, "GET", NULL, 200, "/api/v1/warnings/%s", id);
	d = delivery_of(resp_json(r), g.u_a);
	assert_string_equal(fx_jstr(d, "state"), "acknowledged");
	assert_string_equal(fx_jstr(d, "acknowledged_by"), "alice");
	assert_string_equal(fx_jstr(delivery_of(resp_json(r), g.u_b), "state"), "delivered");
	resp_free(r);
	/* A unit that lets its clock pass: its members are told, as the staff are. */
	deadlines_run(s, (long long)time(NULL) + 3 * 86400);
	clock_state(s, &g, id, g.u_b, st, sizeof(st));
	assert_string_equal(st, "missed");
	clock_state(s, &g, id, g.u_a, st, sizeof(st));
	assert_string_equal(st, "met");
	assert_int_equal(notices_of(s, &g.bob, subj, "deadline_missed"), 1);
	assert_int_equal(notices_of(s, &g.alice, subj, "deadline_missed"), 0);
	assert_int_equal(notices_of(s, &g.tina, subj, NULL), 0);
	assert_true(notices_of(s, &g.cora, subj, "deadline_missed") >= 1);
	if (smtp_on) {
		char	link[96];

		/* The staff's mail about a clock names its rule; the delivery's does not. */
		assert_true(smtpd_wait(&smtp, 20, "bob@beta.example", "Rule", msg, sizeof(msg),
		    mbody, sizeof(mbody)));
		snprintf(link, sizeof(link), "/warnings/%s", id);
		assert_contains(mbody, link);
		assert_not_contains(mbody, mark);
	}
	/* Acknowledged late: the clock records it was met. */
	fx_done(fx_call(s, &g.bob, "POST", NULL, 200, "/api/v1/warnings/%s/acknowledge", id));

	/* An incident is never public (Art. 9(2)); without a public date it is issued. */
	r = issue(s, &g.cora, "{\"kind\":\"incident\",\"severity\":\"high\",\"title\":\"Live "
	    "breach at an operator\",\"summary\":\"s\",\"body\":\"who and where\","
	    "\"audience\":\"both\",\"public_at\":\"2020-01-01T00:00:00Z\"}", 400, NULL);
	assert_problem_rule(r, 400, "Art. 9(2)");
	resp_free(r);
	fx_done(issue(s, &g.cora, "{\"kind\":\"incident\",\"severity\":\"high\",\"title\":"
	    "\"Live breach at an operator\",\"body\":\"who and where\",\"audience\":\"both\"}",
	    201, id2));
	/* Public only from a date still to come. */
	fx_done(issue(s, &g.cora, "{\"kind\":\"vulnerability\",\"severity\":\"low\",\"title\":"
	    "\"Embargoed SDK flaw\",\"summary\":\"Later.\",\"body\":\"embargoed details\","
	    "\"audience\":\"both\",\"public_at\":\"2099-01-01T00:00:00Z\"}", 201, id3));
	/* Each problem is named. */
	r = issue(s, &g.cora, "{\"kind\":\"rumour\",\"severity\":\"high\",\"title\":\"x\","
	    "\"body\":\"y\",\"audience\":\"technical\",\"min_level\":2,\"units\":[999]}", 400,
	    NULL);
	assert_problem_field(r, 400, "kind");
	resp_free(r);
	r = issue(s, &g.cora, "{\"kind\":\"activity\",\"severity\":\"low\",\"title\":\"x\","
	    "\"body\":\"y\",\"units\":[999999]}", 400, NULL);
	assert_problem_field(r, 400, "units");
	resp_free(r);
	/* Neither staff nor a unit member: refused, with the rule. */
	r = issue(s, &g.rita, "{\"kind\":\"activity\",\"severity\":\"low\",\"title\":\"x\","
	    "\"body\":\"y\",\"audience\":\"both\"}", 403, NULL);
	assert_problem_rule(r, 403, "R40");
	resp_free(r);
	r = issue(s, &g.reg, "{\"kind\":\"activity\",\"severity\":\"low\",\"title\":\"x\","
	    "\"body\":\"y\",\"audience\":\"both\"}", 403, NULL);
	resp_free(r);

	/* The public list: past its date only, the summary, never the body. */
	r = http(s, "GET", "/api/v1/warnings/public", NULL, NULL);
	assert_status(r, 200);
	assert_contains(r->body, id);
	assert_contains(r->body, "Update PaySDK to 3.2.1.");
	assert_not_contains(r->body, mark);
	assert_not_contains(r->body, "\"body\"");
	assert_not_contains(r->body, id2);
	assert_not_contains(r->body, id3);
	assert_not_contains(r->body, "Embargoed");
	resp_free(r);
	r = http(s, "GET", "/warnings/public", NULL, NULL);
	assert_status(r, 200);
	assert_security_headers(r);
	assert_contains(r->body, "PaySDK signature bypass");
	assert_contains(r->body, id);
	assert_not_contains(r->body, mark);
	assert_not_contains(r->body, "Embargoed");
	assert_not_contains(r->body, "Live breach");
	resp_free(r);
	/* The incident reached both unit types at 一星 and above, the foreign one refused. */
	r = fx_call(s, &g.cora, "GET", NULL, 200, "/api/v1/warnings/%s", id2);
	w = resp_json(r);
	assert_string_equal(fx_jstr(delivery_of(w, g.u_gov), "state"), "delivered");
	assert_string_equal(fx_jstr(delivery_of(w, g.u_one), "state"), "delivered");
	assert_string_equal(fx_jstr(delivery_of(w, g.u_us), "state"), "refused");
	resp_free(r);
	fx_done(fx_call(s, &g.gina, "GET", NULL, 200, "/api/v1/warnings/%s", id2));

	/* A unit shares a warning: not delivered back to itself, credited to it. */
	r = issue(s, &g.ivan, "{\"kind\":\"vulnerability\",\"severity\":\"medium\",\"title\":"
	    "\"Found by Issuer Tech\",\"body\":\"unit details\",\"audience\":\"technical\"}", 201,
	    idi);
	assert_string_equal(resp_jstr(r, "issuer_org"), "Issuer Tech");
	resp_free(r);
	r = fx_call(s, &g.cora, "GET", NULL, 200, "/api/v1/warnings/%s", idi);
	w = resp_json(r);
	assert_null(delivery_of(w, g.u_i));
	assert_string_equal(fx_jstr(delivery_of(w, g.u_one), "state"), "delivered");
	assert_string_equal(fx_jstr(delivery_of(w, g.u_a), "state"), "delivered");
	assert_null(delivery_of(w, g.u_gov));
	resp_free(r);
	fx_done(fx_call(s, &g.ivan, "GET", NULL, 200, "/api/v1/warnings/%s", idi));
	fx_done(fx_call(s, &g.tina, "GET", NULL, 200, "/api/v1/warnings/%s", idi));
	fx_done(fx_call(s, &g.gina, "GET", NULL, 404, "/api/v1/warnings/%s", idi));
	snprintf(subj, sizeof(subj), "warning:%s", idi);
	assert_true(notices_about(s, &g.cora, subj) >= 1);

	/* Withdrawn: the open clocks waived, the units told, no more acknowledging. */
	fx_done(fx_call(s, &g.tina, "POST", "{\"reason\":\"x\"}", 403,
	    "/api/v1/warnings/%s/withdraw", idi));
	r = fx_call(s, &g.cora, "POST", "{\"reason\":\"\"}", 400, "/api/v1/warnings/%s/withdraw",
	    idi);
	assert_problem_field(r, 400, "reason");
	resp_free(r);
	r = fx_call(s, &g.cora, "POST", "{\"reason\":\"Duplicate of an earlier warning.\"}", 200,
	    "/api/v1/warnings/%s/withdraw", idi);
	assert_string_equal(resp_jstr(r, "state"), "withdrawn");
	resp_free(r);
	clock_state(s, &g, idi, g.u_one, st, sizeof(st));
	assert_string_equal(st, "waived");
	assert_int_equal(notices_about(s, &g.tina, subj), 2);
	r = fx_call(s, &g.tina, "POST", "{}", 409, "/api/v1/warnings/%s/acknowledge", idi);
	assert_problem(r, 409);
	resp_free(r);
	fx_done(fx_call(s, &g.cora, "POST", "{\"reason\":\"again\"}", 409,
	    "/api/v1/warnings/%s/withdraw", idi));

	/* Pages: the member's view with its button, the staff's with the deliveries. */
	{
		char	ck[128], path[64];

		web_login(s, "ivan", TEST_PASSWORD, ck, sizeof(ck));
		snprintf(path, sizeof(path), "/warnings/%s", id);
		r = web_page(s, path, ck, NULL);
		assert_status(r, 200);
		assert_contains(r->body, mark);
		assert_contains(r->body, "/acknowledge\"");
		assert_not_contains(r->body, "Overseas Research");
		resp_free(r);
		web_login(s, "bob", TEST_PASSWORD, ck, sizeof(ck));
		r = web_page(s, path, ck, "en");
		assert_status(r, 200);
		assert_contains(r->body, "Your unit acknowledged this warning (bob).");
		assert_not_contains(r->body, "/acknowledge\"");
		resp_free(r);
		r = web_page(s, "/warnings", ck, NULL);
		assert_status(r, 200);
		assert_contains(r->body, id);
		resp_free(r);
		web_login(s, "tina", TEST_PASSWORD, ck, sizeof(ck));
		r = web_page(s, path, ck, NULL);
		assert_status(r, 404);
		assert_not_contains(r->body, mark);
		resp_free(r);
		web_login(s, "cora", TEST_PASSWORD, ck, sizeof(ck));
		r = web_page(s, path, ck, NULL);
		assert_status(r, 200);
		assert_contains(r->body, "Overseas Research");
		assert_contains(r->body, "Art. 9(7)");
		resp_free(r);
		r = web_page(s, "/warnings/new", ck, NULL);
		assert_status(r, 200);
		assert_contains(r->body, "name=\"audience\"");
		{
			struct web_form	f;
			char		csrf[128];

			assert_true(web_form_csrf(r->body, csrf, sizeof(csrf)));
			resp_free(r);
			memset(&f, 0, sizeof(f));
			web_form_add(&f, "csrf", csrf);
			web_form_add(&f, "kind", "activity");
			web_form_add(&f, "severity", "low");
			web_form_add(&f, "title", "Summer <b>drill</b>");
			web_form_add(&f, "body", "Join the drill.");
			web_form_add(&f, "audience", "governance");
			web_form_add(&f, "min_level", "1");
			web_form_add(&f, "units", "1, x");
			r = web_post_form(s, "/warnings/new", ck, &f, NULL);
			assert_status(r, 422);
			assert_contains(r->body, "f-units");
			assert_contains(r->body, "Summer &lt;b&gt;drill");
			resp_free(r);
			memset(&f, 0, sizeof(f));
			web_form_add(&f, "csrf", csrf);
			web_form_add(&f, "kind", "activity");
			web_form_add(&f, "severity", "low");
			web_form_add(&f, "title", "Summer drill");
			web_form_add(&f, "body", "Join the drill.");
			web_form_add(&f, "audience", "governance");
			web_form_add(&f, "min_level", "1");
			r = web_post_form(s, "/warnings/new", ck, &f, NULL);
			assert_status(r, 303);
			assert_contains(resp_header(r, "Location"), "/warnings/YJ-");
			assert_contains(resp_header(r, "Location"), "done=issued");
		}
		resp_free(r);
		/* A reporter has no form to issue one. */
		web_login(s, "rita", TEST_PASSWORD, ck, sizeof(ck));
		r = web_page(s, "/warnings/new", ck, NULL);
		assert_status(r, 403);
		resp_free(r);
	}

	/* Sealed at rest: the body is nowhere on disk, while running and after. */
	assert_int_equal(files_holding(s->dir, mark), 0);
	srv_stop(s);
	assert_int_equal(files_holding(s->dir, mark), 0);
	/* The scan does find what is kept in the clear. */
	assert_true(files_holding(s->dir, "PaySDK signature bypass") >= 1);
}

/* Outside the registry role every warning route answers 404. */
static void
test_warnings__other_roles_404(void **state)
{
	struct srv	*s = *state;
	struct cred	 cora;
	struct resp	*r;

	srv_init(s);
	fx_person(s, "cora", "coordinator", NULL, "Cora", "cora@example.org", &cora);
	srv_start(s, (const char *[]){ "LOUDONG_INSTANCE_ROLE=provider", NULL });
	r = fx_call(s, &cora, "POST", "{\"kind\":\"activity\",\"severity\":\"low\","
	    "\"title\":\"x\",\"body\":\"y\",\"audience\":\"both\"}", 404, "/api/v1/warnings");
	assert_problem(r, 404);
	resp_free(r);
	fx_done(fx_call(s, &cora, "GET", NULL, 404, "/api/v1/warnings"));
	r = http(s, "GET", "/api/v1/warnings/public", NULL, NULL);
	assert_status(r, 404);
	resp_free(r);
	r = http(s, "GET", "/warnings/public", NULL, NULL);
	assert_status(r, 404);
	resp_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_warnings__delivered_only_to_entitled,
		    srv_setup, teardown),
		cmocka_unit_test_setup_teardown(test_warnings__other_roles_404, srv_setup,
		    srv_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
