/*
 * The clocks (issue 6) through the API and the pages: a report's
 * acknowledgement clock (R42) is due at 24:00 China time of the 3rd
 * working day after receipt and is met by POST .../acknowledge; needs_info
 * pauses it and the reporter's answer resumes it with the due time moved;
 * `loudong deadlines run` marks clocks missed, which the overdue filter
 * lists (staff and auditors only); a waiver needs a reason and goes on the
 * case's timeline, and the 报送's clock is never waived here (R5); on a
 * provider instance the 报送 clock is due 48 hours after the case was
 * known, with reminders at 24h, 6h and 1h that fire once each across
 * restarts; the dashboard, the case page's clocks and the report page's
 * acknowledge button.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

#define DAY	86400
#define HOUR	3600

/* Who takes part. */
struct people {
	struct cred	rita, tom, cora, audrey;	/* reporter, triager, coordinator, auditor */
};

static void
org_add(struct srv *s, const char *slug, const char *name)
{
	assert_int_equal(srv_cli(s, NULL, NULL, 0, (const char *[]){ "org", "add",
	    "--data-dir", s->dir, "--slug", slug, "--name", name, "--kind", "provider",
	    "--country", "CN", NULL }), 0);
}

/* An instance with an organisation (acme) and the people; started with env. */
static void
boot(struct srv *s, struct people *p, const char *const *env)
{
	memset(p, 0, sizeof(*p));
	srv_init(s);
	org_add(s, "acme", "Acme Networks");
	srv_user_add(s, "rita", "reporter", NULL, "Rita Reporter", TEST_PASSWORD);
	srv_user_add(s, "tom", "triager", NULL, "Tom Triager", TEST_PASSWORD);
	srv_user_add(s, "cora", "coordinator", NULL, "Cora Coordinator", TEST_PASSWORD);
	srv_user_add(s, "audrey", "auditor", NULL, "Audrey Auditor", TEST_PASSWORD);
	srv_token_create(s, "rita", p->rita.bearer, sizeof(p->rita.bearer));
	srv_token_create(s, "tom", p->tom.bearer, sizeof(p->tom.bearer));
	srv_token_create(s, "cora", p->cora.bearer, sizeof(p->cora.bearer));
	srv_token_create(s, "audrey", p->audrey.bearer, sizeof(p->audrey.bearer));
	srv_start(s, env);
}

/* rita submits a report; its id into id. */
static void
submit(struct srv *s, const struct people *p, const char *title, char id[32])
{
	struct resp	*r;
	char		 body[512];

	snprintf(body, sizeof(body), "{\"title\":\"%s\",\"kind\":\"generic\",\"vendor\":"
	    "\"Acme\",\"product\":\"Router\",\"description\":\"SECRET-DETAIL\"}", title);
	r = api(s, "POST", "/api/v1/reports", &p->rita, body, NULL);
	assert_status(r, 201);
	snprintf(id, 32, "%s", resp_jstr(r, "id"));
	resp_free(r);
}

/* tom decides a report; the case into case_id when there is one. */
static void
triage(struct srv *s, const struct people *p, const char *id, const char *body,
    char *case_id)
{
	struct resp	*r;
	char		 path[96];

	snprintf(path, sizeof(path), "/api/v1/reports/%s/triage", id);
	r = api(s, "POST", path, &p->tom, body, NULL);
	assert_status(r, 200);
	if (case_id != NULL)
		snprintf(case_id, 64, "%s", resp_jstr(r, "case"));
	resp_free(r);
}

/* A report accepted into a new case, and acme brought in and notified. */
static void
new_case(struct srv *s, const struct people *p, const char *title, char report[32],
    char case_id[64], bool vendor)
{
	struct resp	*r;
	char		 path[160];

	submit(s, p, title, report);
	triage(s, p, report, "{\"decision\":\"accept\"}", case_id);
	if (!vendor)
		return;
	snprintf(path, sizeof(path), "/api/v1/cases/%s/vendors", case_id);
	r = api(s, "POST", path, &p->cora, "{\"org\":\"acme\"}", NULL);
	assert_status(r, 201);
	resp_free(r);
	snprintf(path, sizeof(path), "/api/v1/cases/%s/vendors/acme/notify", case_id);
	r = api(s, "POST", path, &p->cora, NULL, NULL);
	assert_status(r, 200);
	resp_free(r);
}

/* GET /api/v1/deadlines<query> as who, expecting 200; the items (owned by *r). */
static json_t *
list(struct srv *s, const struct cred *who, const char *query, struct resp **r)
{
	char	path[256];
	json_t	*items;

	snprintf(path, sizeof(path), "/api/v1/deadlines%s", query);
	*r = api(s, "GET", path, who, NULL, NULL);
	assert_status(*r, 200);
	items = json_object_get(resp_json(*r), "items");
	assert_true(json_is_array(items));
	return items;
}

/* The one clock of kind among items (owned by its response). */
static json_t *
of_kind(json_t *items, const char *kind)
{
	json_t	*o, *found = NULL;
	size_t	 i;

	json_array_foreach(items, i, o)
		if (strcmp(json_string_value(json_object_get(o, "kind")), kind) == 0) {
			assert_null(found);
			found = o;
		}
	if (found == NULL)
		fail_msg("no %s clock", kind);
	return found;
}

/* GET /api/v1/deadlines/{id} as who, expecting want (caller frees). */
static struct resp *
get_one(struct srv *s, const struct cred *who, long long id, long want)
{
	struct resp	*r;
	char		 path[96];

	snprintf(path, sizeof(path), "/api/v1/deadlines/%lld", id);
	r = api(s, "GET", path, who, NULL, NULL);
	assert_status(r, want);
	return r;
}

static const char *
jstr(json_t *o, const char *key)
{
	const char	*v = json_string_value(json_object_get(o, key));

	if (v == NULL)
		fail_msg("\"%s\" is not a string", key);
	return v;
}

static long long
jid(json_t *o)
{
	return (long long)json_integer_value(json_object_get(o, "id"));
}

/* "2026-11-23T16:00:00Z" as unix seconds (the API's form, always UTC). */
static long long
parse_time(const char *s)
{
	static const int	pos[6][2] = { { 0, 4 }, { 5, 2 }, { 8, 2 }, { 11, 2 },
				    { 14, 2 }, { 17, 2 } };
	struct tm		tm;
	int			v[6], i, j;

	assert_non_null(s);
	assert_int_equal(strlen(s), 20);
	assert_int_equal(s[19], 'Z');
	for (i = 0; i < 6; i++) {
		v[i] = 0;
		for (j = 0; j < pos[i][1]; j++) {
			assert_true(s[pos[i][0] + j] >= '0' && s[pos[i][0] + j] <= '9');
			v[i] = v[i] * 10 + (s[pos[i][0] + j] - '0');
		}
	}
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = v[0] - 1900;
	tm.tm_mon = v[1] - 1;
	tm.tm_mday = v[2];
	tm.tm_hour = v[3];
	tm.tm_min = v[4];
	tm.tm_sec = v[5];
	return (long long)timegm(&tm);
}

static long long
jtime(json_t *o, const char *key)
{
	return parse_time(jstr(o, key));
}

/* `loudong deadlines run --as-of AS_OF`; its output into out. */
static void
run(struct srv *s, long long as_of, char *out, size_t outsz)
{
	char	t[32];

	snprintf(t, sizeof(t), "%lld", as_of);
	assert_int_equal(srv_cli(s, NULL, out, outsz, (const char *[]){ "deadlines", "run",
	    "--data-dir", s->dir, "--as-of", t, NULL }), 0);
}

static struct resp *
acknowledge(struct srv *s, const struct cred *who, const char *id)
{
	char	path[96];

	snprintf(path, sizeof(path), "/api/v1/reports/%s/acknowledge", id);
	return api(s, "POST", path, who, NULL, NULL);
}

static struct resp *
waive(struct srv *s, const struct cred *who, long long id, const char *body)
{
	char	path[96];

	snprintf(path, sizeof(path), "/api/v1/deadlines/%lld/waive", id);
	return api(s, "POST", path, who, body, NULL);
}

static void
test_deadlines__ack_clock(void **state)
{
	struct srv	*s = *state;
	struct people	 p;
	struct resp	*r, *r2;
	json_t		*d;
	struct tm	 tm;
	time_t		 cst;
	char		 a[32], q[96], subject[64], date[16], out[64], want[32];
	long long	 basis, id;

	boot(s, &p, NULL);
	submit(s, &p, "Crash in the web UI", a);

	/* Receipt started the clock: open, from R42, on a named calendar. */
	snprintf(q, sizeof(q), "?report=%s", a);
	d = of_kind(list(s, &p.tom, q, &r), "ack");
	snprintf(subject, sizeof(subject), "report:%s", a);
	assert_string_equal(jstr(d, "subject"), subject);
	assert_string_equal(jstr(d, "report"), a);
	assert_true(json_is_null(json_object_get(d, "case")));
	assert_string_equal(jstr(d, "state"), "open");
	assert_false(json_is_true(json_object_get(d, "overdue")));
	assert_string_equal(jstr(d, "period"), "3wd");
	assert_non_null(strstr(jstr(d, "rule"), "R42"));
	assert_true(strlen(jstr(d, "calendar_version")) > 0);
	assert_true(json_is_boolean(json_object_get(d, "provisional")));
	assert_true(json_is_null(json_object_get(d, "met_at")));
	assert_true(json_is_null(json_object_get(d, "reason")));
	id = jid(d);

	/* Due at 24:00 China time (16:00 UTC) of the 3rd working day after receipt. */
	basis = jtime(d, "basis_at");
	r2 = api(s, "GET", (snprintf(q, sizeof(q), "/api/v1/reports/%s", a), q), &p.tom, NULL,
	    NULL);
	assert_status(r2, 200);
	assert_int_equal(parse_time(resp_jstr(r2, "received_at")), basis);
	resp_free(r2);
	cst = (time_t)(basis + 8 * HOUR);
	assert_non_null(gmtime_r(&cst, &tm));
	strftime(date, sizeof(date), "%Y-%m-%d", &tm);
	assert_int_equal(srv_cli(s, NULL, out, sizeof(out), (const char *[]){ "calendar",
	    "add-workdays", date, "3", "--data-dir", s->dir, NULL }), 0);
	assert_true(strlen(out) >= 10);
	snprintf(want, sizeof(want), "%.10sT16:00:00Z", out);
	assert_string_equal(jstr(d, "due_at"), want);
	resp_free(r);

	/* Reading the clocks is the staff's and the auditors'; filters are checked. */
	r = api(s, "GET", "/api/v1/deadlines", &p.rita, NULL, NULL);
	assert_problem_rule(r, 403, "rbac.role");
	resp_free(r);
	r = api(s, "GET", "/api/v1/deadlines", NULL, NULL, NULL);
	assert_problem(r, 401);
	resp_free(r);
	r = get_one(s, &p.rita, id, 403);
	resp_free(r);
	(void)list(s, &p.audrey, "", &r);
	resp_free(r);
	r = get_one(s, &p.audrey, id, 200);
	resp_free(r);
	r = api(s, "GET", "/api/v1/deadlines?state=bogus", &p.tom, NULL, NULL);
	assert_problem_field(r, 400, "state");
	resp_free(r);
	r = api(s, "GET", "/api/v1/deadlines?kind=bogus", &p.tom, NULL, NULL);
	assert_problem_field(r, 400, "kind");
	resp_free(r);
	r = get_one(s, &p.tom, 999999, 404);
	resp_free(r);

	/* Acknowledging is the staff's; it meets the clock, once. */
	r = acknowledge(s, &p.rita, a);
	assert_problem(r, 403);
	resp_free(r);
	r = acknowledge(s, &p.audrey, a);
	assert_problem(r, 403);
	resp_free(r);
	r = acknowledge(s, &p.tom, "LD-2099-999999");
	assert_problem(r, 404);
	resp_free(r);
	r = acknowledge(s, &p.tom, a);
	assert_status(r, 204);
	resp_free(r);
	r = get_one(s, &p.tom, id, 200);
	d = resp_json(r);
	assert_string_equal(jstr(d, "state"), "met");
	assert_false(json_is_null(json_object_get(d, "met_at")));
	assert_false(json_is_true(json_object_get(d, "overdue")));
	resp_free(r);
	r2 = api(s, "GET", (snprintf(q, sizeof(q), "/api/v1/reports/%s", a), q), &p.tom, NULL,
	    NULL);
	assert_string_equal(resp_jstr(r2, "status"), "acknowledged");
	resp_free(r2);
	r = acknowledge(s, &p.tom, a);
	assert_problem(r, 409);
	resp_free(r);
	/* Met is final: nothing to waive. */
	r = waive(s, &p.tom, id, "{\"reason\":\"Too late now.\"}");
	assert_problem(r, 409);
	resp_free(r);
}

static void
test_deadlines__needs_info_pauses(void **state)
{
	struct srv	*s = *state;
	struct people	 p;
	struct resp	*r;
	json_t		*d, *rem;
	char		 a[32], path[96];
	long long	 id, due, due2, paused;
	size_t		 i;

	/* Acknowledgement reminders are off by default; this test moves one. */
	boot(s, &p, (const char *[]){ "LOUDONG_DEADLINES_ACK_REMINDERS=1d", NULL });
	submit(s, &p, "Unclear crash", a);
	snprintf(path, sizeof(path), "?report=%s", a);
	d = of_kind(list(s, &p.tom, path, &r), "ack");
	id = jid(d);
	due = jtime(d, "due_at");
	resp_free(r);

	/* A question to the reporter pauses the clock. */
	triage(s, &p, a, "{\"decision\":\"needs_info\",\"reason\":\"Which firmware?\"}", NULL);
	r = get_one(s, &p.tom, id, 200);
	d = resp_json(r);
	assert_string_equal(jstr(d, "state"), "paused");
	assert_false(json_is_true(json_object_get(d, "overdue")));
	paused = jtime(d, "paused_at");
	assert_int_equal(jtime(d, "due_at"), due);
	resp_free(r);
	/* A paused clock is never missed. */
	r = api(s, "GET", "/api/v1/deadlines?state=paused", &p.tom, NULL, NULL);
	assert_status(r, 200);
	assert_int_equal(json_array_size(json_object_get(resp_json(r), "items")), 1);
	resp_free(r);

	/* The answer resumes it, due later by the time it waited. */
	sleep(2);
	snprintf(path, sizeof(path), "/api/v1/reports/%s/reply", a);
	r = api(s, "POST", path, &p.rita, "{\"body\":\"Firmware 2.1\"}", NULL);
	assert_status(r, 201);
	resp_free(r);
	r = get_one(s, &p.tom, id, 200);
	d = resp_json(r);
	assert_string_equal(jstr(d, "state"), "open");
	assert_true(json_is_null(json_object_get(d, "paused_at")));
	due2 = jtime(d, "due_at");
	assert_true(due2 >= due + 2);
	assert_true(due2 <= due + ((long long)time(NULL) - paused) + 1);
	/* Its reminders moved with it. */
	json_array_foreach(json_object_get(d, "reminders"), i, rem) {
		assert_int_equal(jtime(rem, "fire_at"), due2 -
		    (long long)json_integer_value(json_object_get(rem, "offset_seconds")));
		assert_true(json_is_null(json_object_get(rem, "fired_at")));
	}
	assert_true(json_array_size(json_object_get(d, "reminders")) >= 1);
	resp_free(r);
}

static void
test_deadlines__overdue(void **state)
{
	struct srv	*s = *state;
	struct people	 p;
	struct resp	*r, *r2;
	json_t		*items, *o;
	char		 a[32], b[32], out[128];
	long long	 first;
	size_t		 i;

	boot(s, &p, NULL);
	submit(s, &p, "First", a);
	submit(s, &p, "Second", b);
	items = list(s, &p.tom, "?state=overdue", &r);
	assert_int_equal(json_array_size(items), 0);
	resp_free(r);

	/* Far in the future both acknowledgements are late. */
	run(s, (long long)time(NULL) + 60 * DAY, out, sizeof(out));
	assert_non_null(strstr(out, "2 deadlines missed"));
	items = list(s, &p.tom, "?state=overdue", &r);
	assert_int_equal(json_array_size(items), 2);
	json_array_foreach(items, i, o) {
		assert_string_equal(jstr(o, "state"), "missed");
		assert_true(json_is_true(json_object_get(o, "overdue")));
		assert_false(json_is_null(json_object_get(o, "missed_at")));
	}
	resp_free(r);
	items = list(s, &p.audrey, "?state=missed&kind=ack", &r);
	assert_int_equal(json_array_size(items), 2);
	resp_free(r);
	items = list(s, &p.tom, "?state=open", &r);
	assert_int_equal(json_array_size(items), 0);
	resp_free(r);
	r = api(s, "GET", "/api/v1/deadlines?state=overdue", &p.rita, NULL, NULL);
	assert_problem(r, 403);
	resp_free(r);
	r = api(s, "GET", "/api/v1/deadlines?state=bogus", &p.audrey, NULL, NULL);
	assert_problem_field(r, 400, "state");
	resp_free(r);

	/* Pages: the cursor counts rows. */
	items = list(s, &p.tom, "?state=overdue&limit=1", &r);
	assert_int_equal(json_array_size(items), 1);
	first = jid(json_array_get(items, 0));
	assert_string_equal(resp_jstr(r, "next_cursor"), "1");
	items = list(s, &p.tom, "?state=overdue&limit=1&cursor=1", &r2);
	assert_int_equal(json_array_size(items), 1);
	assert_true(jid(json_array_get(items, 0)) != first);
	resp_free(r2);
	items = list(s, &p.tom, "?state=overdue&limit=1&cursor=2", &r2);
	assert_int_equal(json_array_size(items), 0);
	assert_true(json_is_null(json_object_get(resp_json(r2), "next_cursor")));
	resp_free(r2);
	resp_free(r);

	/* Met late: still missed, but no longer overdue. */
	r = acknowledge(s, &p.tom, a);
	assert_status(r, 204);
	resp_free(r);
	items = list(s, &p.tom, "?state=overdue", &r);
	assert_int_equal(json_array_size(items), 1);
	assert_string_equal(jstr(json_array_get(items, 0), "report"), b);
	resp_free(r);
	snprintf(out, sizeof(out), "?report=%s", a);
	o = of_kind(list(s, &p.tom, out, &r), "ack");
	assert_string_equal(jstr(o, "state"), "missed");
	assert_false(json_is_null(json_object_get(o, "met_at")));
	assert_false(json_is_true(json_object_get(o, "overdue")));
	resp_free(r);
}

/* How many timeline events of the case are event with to and reason. */
static int
events(struct srv *s, const struct cred *who, const char *case_id, const char *event,
    const char *to, const char *reason)
{
	struct resp	*r;
	json_t		*e;
	char		 path[128];
	size_t		 i;
	int		 n = 0;

	snprintf(path, sizeof(path), "/api/v1/cases/%s/timeline", case_id);
	r = api(s, "GET", path, who, NULL, NULL);
	assert_status(r, 200);
	json_array_foreach(json_object_get(resp_json(r), "items"), i, e)
		if (strcmp(jstr(e, "event"), event) == 0 && strcmp(jstr(e, "to"), to) == 0 &&
		    strcmp(jstr(e, "reason"), reason) == 0)
			n++;
	resp_free(r);
	return n;
}

static void
test_deadlines__waive(void **state)
{
	struct srv	*s = *state;
	struct people	 p;
	struct resp	*r;
	json_t		*items, *d;
	char		 a[32], k[64], q[96];
	long long	 pub, resp_id;

	boot(s, &p, NULL);
	new_case(s, &p, "Overflow", a, k, true);
	/* A platform without [federation] submissions keeps no 报送 clock. */
	snprintf(q, sizeof(q), "?case=%s", k);
	items = list(s, &p.tom, q, &r);
	assert_int_equal(json_array_size(items), 2);
	d = of_kind(items, "publication");
	pub = jid(d);
	assert_string_equal(jstr(d, "case"), k);
	d = of_kind(items, "vendor_response");
	resp_id = jid(d);
	assert_non_null(strstr(jstr(d, "subject"), "/acme"));
	resp_free(r);

	/* A waiver needs a reason, and only the coordinators give one. */
	r = waive(s, &p.tom, pub, "{}");
	assert_problem_field(r, 400, "reason");
	resp_free(r);
	r = waive(s, &p.tom, pub, "{\"reason\":\"   \"}");
	assert_problem_field(r, 400, "reason");
	resp_free(r);
	r = waive(s, &p.tom, pub, "{\"reason\":\"x\",\"why\":\"y\"}");
	assert_problem_field(r, 400, "why");
	resp_free(r);
	r = waive(s, &p.tom, pub, "{\"reason\":7}");
	assert_problem_field(r, 400, "reason");
	resp_free(r);
	r = waive(s, &p.rita, pub, "{\"reason\":\"Mine.\"}");
	assert_problem(r, 403);
	resp_free(r);
	r = waive(s, &p.audrey, pub, "{\"reason\":\"Audit.\"}");
	assert_problem(r, 403);
	resp_free(r);
	r = waive(s, &p.cora, 999999, "{\"reason\":\"Nothing.\"}");
	assert_problem(r, 404);
	resp_free(r);

	r = waive(s, &p.cora, pub, "{\"reason\":\"Vendor asked for an embargo.\"}");
	assert_status(r, 200);
	assert_string_equal(resp_jstr(r, "state"), "waived");
	assert_string_equal(resp_jstr(r, "reason"), "Vendor asked for an embargo.");
	assert_false(json_is_true(json_object_get(resp_json(r), "overdue")));
	resp_free(r);
	/* On the case's timeline, once; waived is final. */
	assert_int_equal(events(s, &p.tom, k, "deadline", "waived",
	    "Vendor asked for an embargo."), 1);
	r = waive(s, &p.cora, pub, "{\"reason\":\"Again.\"}");
	assert_problem_rule(r, 409, "R34 (Art. 9; CNVD practice)");
	resp_free(r);
	items = list(s, &p.tom, "?state=waived", &r);
	assert_int_equal(json_array_size(items), 1);
	resp_free(r);
	/* The vendor's clock is untouched. */
	r = get_one(s, &p.tom, resp_id, 200);
	assert_string_equal(resp_jstr(r, "state"), "open");
	resp_free(r);
}

static void
test_deadlines__provider_submission_clock(void **state)
{
	static const char *const	 env[] = { "LOUDONG_INSTANCE_ROLE=provider", NULL };
	static const long long		 offs[3] = { DAY, 6 * HOUR, HOUR };
	struct srv			*s = *state;
	struct people			 p;
	struct resp			*r;
	json_t				*d, *rem;
	char				 a[32], k[64], q[96], out[128], subject[96];
	long long			 id, due, basis;
	size_t				 i;

	boot(s, &p, env);
	new_case(s, &p, "Overflow in the provider's router", a, k, false);
	snprintf(q, sizeof(q), "?case=%s&kind=submission", k);
	d = of_kind(list(s, &p.tom, q, &r), "submission");
	id = jid(d);
	snprintf(subject, sizeof(subject), "case:%s", k);
	assert_string_equal(jstr(d, "subject"), subject);
	assert_string_equal(jstr(d, "period"), "48h");
	assert_non_null(strstr(jstr(d, "rule"), "R5"));
	/* Known since the report arrived; due 48 hours later, to the second. */
	basis = jtime(d, "basis_at");
	due = jtime(d, "due_at");
	assert_int_equal(due, basis + 48 * HOUR);
	resp_free(r);
	snprintf(q, sizeof(q), "?report=%s", a);
	d = of_kind(list(s, &p.tom, q, &r), "ack");
	assert_int_equal(jtime(d, "basis_at"), basis);
	/* Accepting acknowledged the report. */
	assert_string_equal(jstr(d, "state"), "met");
	resp_free(r);

	/* Reminders 24h, 6h and 1h before, none fired. */
	r = get_one(s, &p.tom, id, 200);
	assert_int_equal(json_array_size(json_object_get(resp_json(r), "reminders")), 3);
	json_array_foreach(json_object_get(resp_json(r), "reminders"), i, rem) {
		assert_int_equal(json_integer_value(json_object_get(rem, "offset_seconds")),
		    offs[i]);
		assert_int_equal(jtime(rem, "fire_at"), due - offs[i]);
		assert_true(json_is_null(json_object_get(rem, "fired_at")));
		assert_false(json_is_true(json_object_get(rem, "told")));
	}
	resp_free(r);

	/* The 报送's clock is waived with the 报送, never here (R5). */
	r = waive(s, &p.cora, id, "{\"reason\":\"Not needed.\"}");
	assert_problem_rule(r, 409, "R5");
	resp_free(r);

	/* 23 hours before: the 24h reminder, once, across a restart. */
	srv_stop(s);
	run(s, due - 23 * HOUR, out, sizeof(out));
	assert_non_null(strstr(out, "1 reminder sent, 0 deadlines missed"));
	run(s, due - 23 * HOUR, out, sizeof(out));
	assert_non_null(strstr(out, "0 reminders sent, 0 deadlines missed"));
	srv_start(s, env);
	r = get_one(s, &p.tom, id, 200);
	rem = json_object_get(resp_json(r), "reminders");
	assert_false(json_is_null(json_object_get(json_array_get(rem, 0), "fired_at")));
	assert_true(json_is_true(json_object_get(json_array_get(rem, 0), "told")));
	assert_true(json_is_null(json_object_get(json_array_get(rem, 1), "fired_at")));
	assert_true(json_is_null(json_object_get(json_array_get(rem, 2), "fired_at")));
	assert_string_equal(resp_jstr(r, "state"), "open");
	resp_free(r);

	/* Half an hour before: the 6h and 1h reminders fire, the nearer one is told. */
	srv_stop(s);
	run(s, due - 30 * 60, out, sizeof(out));
	assert_non_null(strstr(out, "1 reminder sent, 0 deadlines missed"));
	srv_start(s, env);
	r = get_one(s, &p.tom, id, 200);
	rem = json_object_get(resp_json(r), "reminders");
	assert_false(json_is_null(json_object_get(json_array_get(rem, 1), "fired_at")));
	assert_false(json_is_true(json_object_get(json_array_get(rem, 1), "told")));
	assert_false(json_is_null(json_object_get(json_array_get(rem, 2), "fired_at")));
	assert_true(json_is_true(json_object_get(json_array_get(rem, 2), "told")));
	resp_free(r);

	/* A second past due: missed, and overdue. */
	srv_stop(s);
	run(s, due + 1, out, sizeof(out));
	assert_non_null(strstr(out, "0 reminders sent, 1 deadline missed"));
	run(s, due + 1, out, sizeof(out));
	assert_non_null(strstr(out, "0 reminders sent, 0 deadlines missed"));
	srv_start(s, env);
	r = get_one(s, &p.tom, id, 200);
	assert_string_equal(resp_jstr(r, "state"), "missed");
	assert_true(json_is_true(json_object_get(resp_json(r), "overdue")));
	resp_free(r);
	d = of_kind(list(s, &p.audrey, "?state=overdue", &r), "submission");
	assert_int_equal(jid(d), id);
	resp_free(r);
	assert_int_equal(events(s, &p.tom, k, "deadline", "missed", ""), 1);
}

/* The CSRF token of a session's forms (the same on every page). */
static void
csrf_of(const struct srv *s, const char *sess, char *out, size_t outsz)
{
	struct resp	*r = web_page(s, "/account", sess, "en");

	assert_status(r, 200);
	assert_true(web_form_csrf(r->body, out, outsz));
	resp_free(r);
}

static struct resp *
post(const struct srv *s, const char *sess, const char *csrf, const char *path,
    const char *reason)
{
	struct web_form	f = { .len = 0 };

	web_form_add(&f, "csrf", csrf);
	if (reason != NULL)
		web_form_add(&f, "reason", reason);
	return web_post_form(s, path, sess, &f, "en");
}

static void
test_deadlines__web_pages(void **state)
{
	struct srv	*s = *state;
	struct people	 p;
	struct resp	*r;
	json_t		*items;
	char		 tom[200], rita[200], audrey[200], csrf[128];
	char		 a[32], b[32], c[32], k[64], path[200], want[240], out[128];
	long long	 pub;

	boot(s, &p, NULL);
	web_login(s, "tom", TEST_PASSWORD, tom, sizeof(tom));
	web_login(s, "rita", TEST_PASSWORD, rita, sizeof(rita));
	web_login(s, "audrey", TEST_PASSWORD, audrey, sizeof(audrey));
	csrf_of(s, tom, csrf, sizeof(csrf));
	submit(s, &p, "<b>Tagged</b> overflow", a);
	run(s, (long long)time(NULL) + 30 * DAY, out, sizeof(out));
	assert_non_null(strstr(out, "1 deadline missed"));

	/* The dashboard: the overdue report, its title escaped; the nav leads there. */
	r = web_page(s, "/deadlines", tom, "en");
	assert_status(r, 200);
	assert_security_headers(r);
	assert_contains(r->body, "id=\"overdue\"");
	assert_contains(r->body, "id=\"upcoming\"");
	snprintf(want, sizeof(want), "href=\"/reports/%s\"", a);
	assert_contains(r->body, want);
	assert_contains(r->body, "&lt;b&gt;Tagged&lt;/b&gt; overflow");
	assert_not_contains(r->body, "<b>Tagged");
	/* Missed by a run judged 30 days on, so overdue although its due time is to come. */
	assert_contains(r->body, "dl-overdue");
	assert_contains(r->body, "href=\"/deadlines\"");
	assert_not_contains(r->body, "SECRET");
	resp_free(r);
	r = web_page(s, "/deadlines?kind=submission", tom, "en");
	assert_status(r, 200);
	assert_not_contains(r->body, want);
	resp_free(r);
	r = web_page(s, "/deadlines?kind=bogus", tom, "en");
	assert_status(r, 400);
	resp_free(r);
	r = web_page(s, "/deadlines", tom, "zh-CN");
	assert_status(r, 200);
	assert_contains(r->body, "时限看板");
	resp_free(r);
	/* An auditor reads it without titles; a reporter is refused, and has no link. */
	r = web_page(s, "/deadlines", audrey, "en");
	assert_status(r, 200);
	assert_contains(r->body, a);
	assert_not_contains(r->body, "Tagged");
	resp_free(r);
	r = web_page(s, "/deadlines", rita, "en");
	assert_status(r, 403);
	resp_free(r);
	r = web_page(s, "/", rita, "en");
	assert_not_contains(r->body, "href=\"/deadlines\"");
	resp_free(r);

	/* The case page lists the case's clocks with their waiver forms. */
	new_case(s, &p, "Case <i>with</i> clocks", b, k, true);
	snprintf(path, sizeof(path), "?case=%s&kind=publication", k);
	items = list(s, &p.tom, path, &r);
	pub = jid(of_kind(items, "publication"));
	resp_free(r);
	snprintf(path, sizeof(path), "/cases/%s", k);
	r = web_page(s, path, tom, "en");
	assert_status(r, 200);
	assert_contains(r->body, "id=\"clocks\"");
	assert_contains(r->body, "Publication reminder");
	assert_contains(r->body, "Vendor&#39;s answer");
	snprintf(want, sizeof(want), "action=\"/cases/%s/deadlines/%lld/waive\"", k, pub);
	assert_contains(r->body, want);
	assert_contains(r->body, "China time, UTC+8");
	resp_free(r);
	/* Not for the reporter of the case, who sees no clocks. */
	snprintf(path, sizeof(path), "/reports/%s", b);
	r = web_page(s, path, rita, "en");
	assert_status(r, 200);
	assert_not_contains(r->body, "/deadlines/");
	resp_free(r);

	/* A waiver without a reason comes back beside its form; with one, back to the case. */
	snprintf(path, sizeof(path), "/cases/%s/deadlines/%lld/waive", k, pub);
	r = post(s, tom, csrf, path, "");
	assert_status(r, 422);
	assert_contains(r->body, "Waiving a deadline needs a reason.");
	assert_contains(r->body, want);
	resp_free(r);
	r = post(s, rita, csrf, path, "Mine.");
	assert_status(r, 403);
	resp_free(r);
	r = post(s, tom, csrf, path, "Embargo agreed with <acme>.");
	assert_status(r, 303);
	snprintf(want, sizeof(want), "/cases/%s?done=deadline_waived#clocks", k);
	assert_string_equal(resp_header(r, "Location"), want);
	resp_free(r);
	snprintf(path, sizeof(path), "/cases/%s?done=deadline_waived", k);
	r = web_page(s, path, tom, "en");
	assert_status(r, 200);
	assert_contains(r->body, "The clock was waived");
	assert_contains(r->body, "Embargo agreed with &lt;acme&gt;.");
	snprintf(want, sizeof(want), "/deadlines/%lld/waive", pub);
	assert_not_contains(r->body, want);
	resp_free(r);
	/* Another case's clock is not reached through this one. */
	snprintf(path, sizeof(path), "/cases/%.*s-999999/deadlines/%lld/waive",
	    (int)(strrchr(k, '-') - k), k, pub);
	r = post(s, tom, csrf, path, "Wrong case.");
	assert_status(r, 404);
	resp_free(r);

	/* A received report has the acknowledge button, for the staff only. */
	submit(s, &p, "Fresh report", c);
	snprintf(path, sizeof(path), "/reports/%s", c);
	snprintf(want, sizeof(want), "action=\"/reports/%s/acknowledge\"", c);
	r = web_page(s, path, tom, "en");
	assert_status(r, 200);
	assert_contains(r->body, want);
	resp_free(r);
	r = web_page(s, path, rita, "en");
	assert_status(r, 200);
	assert_not_contains(r->body, want);
	resp_free(r);
	snprintf(path, sizeof(path), "/reports/%s/acknowledge", c);
	r = post(s, tom, csrf, path, NULL);
	assert_status(r, 303);
	snprintf(want, sizeof(want), "/reports/%s#acknowledge", c);
	assert_string_equal(resp_header(r, "Location"), want);
	resp_free(r);
	snprintf(path, sizeof(path), "?report=%s", c);
	assert_string_equal(jstr(of_kind(list(s, &p.tom, path, &r), "ack"), "state"), "met");
	resp_free(r);
	snprintf(path, sizeof(path), "/reports/%s", c);
	snprintf(want, sizeof(want), "action=\"/reports/%s/acknowledge\"", c);
	r = web_page(s, path, tom, "en");
	assert_not_contains(r->body, want);
	resp_free(r);
	/* Twice: the report page again, saying why. */
	snprintf(path, sizeof(path), "/reports/%s/acknowledge", c);
	r = post(s, tom, csrf, path, NULL);
	assert_status(r, 422);
	assert_contains(r->body, "id=\"acknowledge\"");
	resp_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_deadlines__ack_clock, srv_setup,
		    srv_teardown),
		cmocka_unit_test_setup_teardown(test_deadlines__needs_info_pauses, srv_setup,
		    srv_teardown),
		cmocka_unit_test_setup_teardown(test_deadlines__overdue, srv_setup,
		    srv_teardown),
		cmocka_unit_test_setup_teardown(test_deadlines__waive, srv_setup, srv_teardown),
		cmocka_unit_test_setup_teardown(test_deadlines__provider_submission_clock,
		    srv_setup, srv_teardown),
		cmocka_unit_test_setup_teardown(test_deadlines__web_pages, srv_setup,
		    srv_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
