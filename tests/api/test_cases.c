/*
 * Triage and cases (issue 5, first part): a report accepted into a case, a
 * second one marked its duplicate, a third rejected with a structured
 * reason, one sent back with a question; the case moved through its
 * workflow, illegal moves refused with the rule, the timeline and the audit
 * trail holding every step (R34).
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

/* Submit a report of kind kind as rita; its id into id. */
static void
submit(struct srv *s, const struct cred *rita, const char *title, const char *kind,
    char id[32])
{
	char		 body[512];
	struct resp	*r;

	snprintf(body, sizeof(body), "{\"title\":\"%s\",\"kind\":\"%s\",\"vendor\":\"Acme\","
	    "\"product\":\"Router\",\"description\":\"Details.\"}", title, kind);
	r = api(s, "POST", "/api/v1/reports", rita, body, NULL);
	assert_status(r, 201);
	snprintf(id, 32, "%s", resp_jstr(r, "id"));
	resp_free(r);
}

/* POST the triage body; returns the response (caller frees). */
static struct resp *
triage(struct srv *s, const struct cred *who, const char *id, const char *body)
{
	char	path[96];

	snprintf(path, sizeof(path), "/api/v1/reports/%s/triage", id);
	return api(s, "POST", path, who, body, NULL);
}

static struct resp *
move(struct srv *s, const struct cred *who, const char *case_id, const char *body)
{
	char	path[96];

	snprintf(path, sizeof(path), "/api/v1/cases/%s/transition", case_id);
	return api(s, "POST", path, who, body, NULL);
}

static const char *
status_of(struct srv *s, const struct cred *who, const char *id, char buf[32])
{
	char		 path[96];
	struct resp	*r;
	json_t		*o;

	snprintf(path, sizeof(path), "/api/v1/reports/%s", id);
	r = api(s, "GET", path, who, NULL, NULL);
	assert_status(r, 200);
	o = resp_json(r);
	if (json_object_get(o, "report") != NULL)
		o = json_object_get(o, "report");
	snprintf(buf, 32, "%s", json_string_value(json_object_get(o, "status")));
	resp_free(r);
	return buf;
}

/* The "triage" member of a report as who reads it: decision, and key's value (NULL: absent). */
static void
triage_view(struct srv *s, const struct cred *who, const char *id, const char *decision,
    const char *key, const char *want)
{
	char		 path[96];
	struct resp	*r;
	json_t		*t;

	snprintf(path, sizeof(path), "/api/v1/reports/%s", id);
	r = api(s, "GET", path, who, NULL, NULL);
	assert_status(r, 200);
	t = json_object_get(resp_json(r), "triage");
	if (t == NULL)
		t = json_object_get(json_object_get(resp_json(r), "report"), "triage");
	assert_non_null(t);
	assert_string_equal(json_string_value(json_object_get(t, "decision")), decision);
	if (want == NULL)
		assert_null(json_object_get(t, key));
	else
		assert_string_equal(json_string_value(json_object_get(t, key)), want);
	resp_free(r);
}

static void
test_cases__triage_and_workflow(void **state)
{
	struct cred	 rita, tom;
	struct srv	*s = boot(state, &rita, &tom);
	struct resp	*r;
	json_t		*o, *items;
	char		 a[32], b[32], c[32], d[32], e[32], case_id[64], path[128], st[32];
	char		 body[256];
	size_t		 i;

	submit(s, &rita, "Heap overflow in the frame parser", "generic", a);
	submit(s, &rita, "Frame parser overflow (again)", "generic", b);
	submit(s, &rita, "Not a bug", "generic", c);
	submit(s, &rita, "Unclear crash", "generic", d);
	submit(s, &rita, "Exposed admin panel at plant", "incident", e);

	/* Reporters cannot triage. */
	r = triage(s, &rita, a, "{\"decision\":\"accept\"}");
	assert_problem(r, 403);
	resp_free(r);
	/* Bad input is named. */
	r = triage(s, &tom, a, "{\"decision\":\"maybe\"}");
	assert_problem_field(r, 400, "decision");
	resp_free(r);
	r = triage(s, &tom, c, "{\"decision\":\"reject\",\"reason\":\"meh\"}");
	assert_problem_field(r, 400, "reason");
	resp_free(r);
	r = triage(s, &tom, d, "{\"decision\":\"needs_info\"}");
	assert_problem_field(r, 400, "reason");
	resp_free(r);
	r = triage(s, &tom, b, "{\"decision\":\"duplicate\",\"duplicate_of\":\"LD-2026-999999\"}");
	assert_problem_field(r, 400, "duplicate_of");
	resp_free(r);

	/* Accept: a new case. */
	r = triage(s, &tom, a, "{\"decision\":\"accept\",\"reason\":\"Reproduced on 1.4.\"}");
	assert_status(r, 200);
	o = resp_json(r);
	assert_string_equal(json_string_value(json_object_get(o, "status")), "accepted");
	assert_true(json_is_true(json_object_get(o, "case_created")));
	snprintf(case_id, sizeof(case_id), "%s", json_string_value(json_object_get(o, "case")));
	assert_non_null(strstr(case_id, "-C-"));
	resp_free(r);
	/* Once decided, it stays decided. */
	r = triage(s, &tom, a, "{\"decision\":\"reject\",\"reason\":\"spam\"}");
	assert_problem(r, 409);
	assert_contains(r->body, "accepted");
	resp_free(r);

	/* Duplicate, reject, needs_info. */
	snprintf(body, sizeof(body), "{\"decision\":\"duplicate\",\"duplicate_of\":\"%s\"}", a);
	r = triage(s, &tom, b, body);
	assert_status(r, 200);
	resp_free(r);
	r = triage(s, &tom, c, "{\"decision\":\"reject\",\"reason\":\"not_vulnerability\","
	    "\"note\":\"Works as documented.\"}");
	assert_status(r, 200);
	resp_free(r);
	r = triage(s, &tom, d, "{\"decision\":\"needs_info\",\"reason\":\"Which firmware?\"}");
	assert_status(r, 200);
	resp_free(r);
	assert_string_equal(status_of(s, &rita, b, st), "duplicate");
	assert_string_equal(status_of(s, &rita, c, st), "rejected");
	assert_string_equal(status_of(s, &rita, d, st), "needs_info");

	/* The reporter sees what is addressed to them; staff see the note too. */
	triage_view(s, &rita, d, "needs_info", "question", "Which firmware?");
	triage_view(s, &rita, c, "reject", "note", "Works as documented.");
	triage_view(s, &rita, b, "duplicate", "duplicate_of", a);
	triage_view(s, &rita, a, "accept", "note", NULL);
	triage_view(s, &tom, a, "accept", "note", "Reproduced on 1.4.");

	/* An incident report cannot join a generic case. */
	snprintf(body, sizeof(body), "{\"decision\":\"accept\",\"case\":\"%s\"}", case_id);
	r = triage(s, &tom, e, body);
	assert_problem_rule(r, 409, "R9");
	resp_free(r);

	/* The case, its reports. */
	snprintf(path, sizeof(path), "/api/v1/cases/%s", case_id);
	r = api(s, "GET", path, &tom, NULL, NULL);
	assert_status(r, 200);
	o = resp_json(r);
	assert_string_equal(json_string_value(json_object_get(o, "state")), "verified");
	assert_string_equal(json_string_value(json_object_get(o, "kind")), "generic");
	assert_string_equal(json_string_value(json_array_get(json_object_get(o, "reports"),
	    0)), a);
	resp_free(r);
	r = api(s, "GET", path, &rita, NULL, NULL);
	assert_problem(r, 403);
	resp_free(r);

	/* The workflow: an illegal move is refused, naming what may follow. */
	r = move(s, &tom, case_id, "{\"to\":\"fix_available\"}");
	assert_problem_rule(r, 409, "R34");
	assert_contains(r->body, "graded");
	resp_free(r);
	r = move(s, &tom, case_id, "{\"to\":\"graded\"}");
	assert_status(r, 200);
	assert_string_equal(resp_jstr(r, "state"), "graded");
	resp_free(r);
	/* The reporter follows the case's progress on their report. */
	triage_view(s, &rita, a, "accept", "case_state", "graded");
	r = move(s, &tom, case_id, "{\"to\":\"vendor_notified\"}");
	assert_status(r, 200);
	resp_free(r);
	/* Closing early needs a reason. */
	r = move(s, &tom, case_id, "{\"to\":\"closed\"}");
	assert_problem_rule(r, 409, "R34.reason");
	resp_free(r);
	r = move(s, &tom, case_id, "{\"to\":\"in_remediation\"}");
	assert_status(r, 200);
	resp_free(r);
	r = move(s, &tom, case_id, "{\"to\":\"fix_available\"}");
	assert_status(r, 200);
	resp_free(r);
	/* Publication waits for the disclosure gate. */
	r = move(s, &tom, case_id, "{\"to\":\"published\"}");
	assert_problem_rule(r, 409, "policy.disclosure_gate");
	resp_free(r);
	r = move(s, &tom, case_id, "{\"to\":\"nowhere\"}");
	assert_problem_field(r, 400, "to");
	resp_free(r);

	/* The timeline holds every step, with who and why. */
	snprintf(path, sizeof(path), "/api/v1/cases/%s/timeline", case_id);
	r = api(s, "GET", path, &tom, NULL, NULL);
	assert_status(r, 200);
	items = json_object_get(resp_json(r), "items");
	assert_int_equal(json_array_size(items), 6);
	assert_string_equal(json_string_value(json_object_get(json_array_get(items, 0),
	    "event")), "created");
	assert_string_equal(json_string_value(json_object_get(json_array_get(items, 1),
	    "event")), "report_added");
	assert_string_equal(json_string_value(json_object_get(json_array_get(items, 1),
	    "reason")), "Reproduced on 1.4.");
	for (i = 2; i < 6; i++) {
		assert_string_equal(json_string_value(json_object_get(json_array_get(items, i),
		    "event")), "transition");
		assert_string_equal(json_string_value(json_object_get(json_array_get(items, i),
		    "actor")), "tom");
	}
	assert_string_equal(json_string_value(json_object_get(json_array_get(items, 5),
	    "to")), "fix_available");
	resp_free(r);

	/* The list, filtered by state. */
	r = api(s, "GET", "/api/v1/cases?state=fix_available", &tom, NULL, NULL);
	assert_status(r, 200);
	assert_int_equal(json_array_size(json_object_get(resp_json(r), "items")), 1);
	resp_free(r);
	r = api(s, "GET", "/api/v1/cases?state=verified", &tom, NULL, NULL);
	assert_status(r, 200);
	assert_int_equal(json_array_size(json_object_get(resp_json(r), "items")), 0);
	resp_free(r);

	/* An incident case: verify -> operator notified -> fixed -> closed, never published. */
	r = triage(s, &tom, e, "{\"decision\":\"accept\"}");
	assert_status(r, 200);
	snprintf(case_id, sizeof(case_id), "%s", resp_jstr(r, "case"));
	resp_free(r);
	r = move(s, &tom, case_id, "{\"to\":\"graded\"}");
	assert_problem_rule(r, 409, "R9");
	resp_free(r);
	r = move(s, &tom, case_id, "{\"to\":\"operator_notified\"}");
	assert_status(r, 200);
	resp_free(r);
	r = move(s, &tom, case_id, "{\"to\":\"published\"}");
	assert_problem_rule(r, 409, "R9");
	resp_free(r);
	r = move(s, &tom, case_id, "{\"to\":\"fixed\"}");
	assert_status(r, 200);
	resp_free(r);
	r = move(s, &tom, case_id, "{\"to\":\"closed\"}");
	assert_status(r, 200);
	assert_string_equal(resp_jstr(r, "state"), "closed");
	assert_string_equal(resp_jstr(r, "kind"), "incident");
	resp_free(r);
}

/* Every triage decision and transition is in the audit trail. */
static void
test_cases__audit_trail(void **state)
{
	struct cred	 rita, tom, admin;
	struct srv	*s = boot(state, &rita, &tom);
	struct resp	*r;
	char		 a[32], case_id[64];

	submit(s, &rita, "Overflow", "generic", a);
	r = triage(s, &tom, a, "{\"decision\":\"accept\"}");
	assert_status(r, 200);
	snprintf(case_id, sizeof(case_id), "%s", resp_jstr(r, "case"));
	resp_free(r);
	r = move(s, &tom, case_id, "{\"to\":\"graded\"}");
	assert_status(r, 200);
	resp_free(r);
	srv_admin_session(s, "admin-password-0123456789", &admin);
	r = api(s, "GET", "/api/v1/admin/audit?limit=200", &admin, NULL, NULL);
	assert_status(r, 200);
	assert_contains(r->body, "report.triage");
	assert_contains(r->body, "case.transition");
	assert_contains(r->body, "verified -> graded");
	resp_free(r);
}

/* Submit with vendor, product and versions. */
static void
submit_full(struct srv *s, const struct cred *rita, const char *title, const char *vendor,
    const char *product, const char *versions, char id[32])
{
	char		 body[768];
	struct resp	*r;

	snprintf(body, sizeof(body), "{\"title\":\"%s\",\"kind\":\"generic\","
	    "\"vendor\":\"%s\",\"product\":\"%s\",\"versions\":\"%s\","
	    "\"description\":\"Details.\"}", title, vendor, product, versions);
	r = api(s, "POST", "/api/v1/reports", rita, body, NULL);
	assert_status(r, 201);
	snprintf(id, 32, "%s", resp_jstr(r, "id"));
	resp_free(r);
}

/* Is id among the suggestions, with reason why? */
static bool
suggested(json_t *items, const char *id, const char *why)
{
	size_t	i, k;
	json_t	*it;

	json_array_foreach(items, i, it) {
		if (strcmp(json_string_value(json_object_get(it, "id")), id) != 0)
			continue;
		for (k = 0; k < json_array_size(json_object_get(it, "reasons")); k++)
			if (strcmp(json_string_value(json_array_get(json_object_get(it,
			    "reasons"), k)), why) == 0)
				return true;
	}
	return false;
}

/* Likely duplicates: same product, a shared CVE, a similar (Chinese) title, with why. */
static void
test_cases__likely_duplicates(void **state)
{
	struct cred	 rita, tom;
	struct srv	*s = boot(state, &rita, &tom);
	struct resp	*r;
	json_t		*items;
	char		 a[32], b[32], c[32], d[32], e[32], path[96];
	size_t		 i;

	submit_full(s, &rita, "某路由器固件缓冲区溢出", "Acme", "Router X1", "1.0-1.4", a);
	submit_full(s, &rita, "Stack overflow in login page", "Acme", "Router X1", "1.2", b);
	submit_full(s, &rita, "Unrelated printer issue", "Other", "Printer P9", "2.0", c);
	submit_full(s, &rita, "路由器固件中的缓冲区溢出漏洞", "Beta", "Gateway G2", "3.1", d);
	submit_full(s, &rita, "Weird thing", "Gamma", "Camera C3", "7", e);
	/* e and a share a CVE through their assessments. */
	snprintf(path, sizeof(path), "/api/v1/reports/%s/assessment", a);
	r = api(s, "PUT", path, &tom, "{\"related_ids\":[\"CVE-2024-4242\"]}", NULL);
	assert_status(r, 200);
	resp_free(r);
	snprintf(path, sizeof(path), "/api/v1/reports/%s/assessment", e);
	r = api(s, "PUT", path, &tom, "{\"related_ids\":[\"CVE-2024-4242\"]}", NULL);
	assert_status(r, 200);
	resp_free(r);

	snprintf(path, sizeof(path), "/api/v1/reports/%s/similar", a);
	r = api(s, "GET", path, &tom, NULL, NULL);
	assert_status(r, 200);
	items = json_object_get(resp_json(r), "items");
	assert_true(json_array_size(items) <= 5);
	assert_true(suggested(items, b, "same_product"));
	assert_true(suggested(items, d, "similar_title"));
	assert_true(suggested(items, e, "shared_id"));
	for (i = 0; i < json_array_size(items); i++) {
		assert_string_not_equal(json_string_value(json_object_get(json_array_get(items, i),
		    "id")), a);
		assert_string_not_equal(json_string_value(json_object_get(json_array_get(items, i),
		    "id")), c);
	}
	/* Best first: the shared CVE outranks the rest. */
	assert_string_equal(json_string_value(json_object_get(json_array_get(items, 0), "id")), e);
	resp_free(r);

	r = api(s, "GET", path, &rita, NULL, NULL);
	assert_problem(r, 403);
	resp_free(r);
	r = api(s, "GET", "/api/v1/reports/LD-2026-999999/similar", &tom, NULL, NULL);
	assert_problem(r, 404);
	resp_free(r);
}

static struct resp *
vendor_put(struct srv *s, const struct cred *who, const char *case_id, const char *org,
    const char *body)
{
	char	path[160];

	snprintf(path, sizeof(path), "/api/v1/cases/%s/vendors/%s", case_id, org);
	return api(s, "PUT", path, who, body, NULL);
}

/* The vendor row of org in a case as who sees it (NULL if absent); caller frees r. */
static json_t *
vendor_row(struct srv *s, const struct cred *who, const char *case_id, const char *org,
    struct resp **r)
{
	char	path[128];
	json_t	*v;
	size_t	i;

	snprintf(path, sizeof(path), "/api/v1/cases/%s", case_id);
	*r = api(s, "GET", path, who, NULL, NULL);
	assert_status(*r, 200);
	json_array_foreach(json_object_get(resp_json(*r), "vendors"), i, v)
		if (strcmp(json_string_value(json_object_get(v, "org")), org) == 0)
			return v;
	return NULL;
}

/*
 * Vendors (VINCE-style): brought in and notified by the coordinator; a
 * member sees only cases shared with their organisation, answers for it
 * alone, and sees another vendor's statement only once approved.
 */
static void
test_cases__vendors_need_to_know(void **state)
{
	struct srv	*s = *state;
	struct cred	 rita = { 0 }, tom = { 0 }, vera = { 0 }, bob = { 0 };
	struct resp	*r;
	json_t		*v;
	char		 a[32], case_id[64], path[160];
	const char	*orgs[][2] = { { "acme", "Acme Networks" }, { "beta", "Beta Devices" } };
	size_t		 i;

	srv_init(s);
	for (i = 0; i < 2; i++)
		assert_int_equal(srv_cli(s, NULL, NULL, 0, (const char *[]){ "org", "add",
		    "--data-dir", s->dir, "--slug", orgs[i][0], "--name", orgs[i][1],
		    "--kind", "provider", "--country", "CN", NULL }), 0);
	assert_int_equal(srv_cli(s, NULL, NULL, 0, (const char *[]){ "org", "add",
	    "--data-dir", s->dir, "--slug", "gov", "--name", "A Regulator",
	    "--kind", "authority", "--country", "CN", NULL }), 0);
	srv_user_add(s, "rita", "reporter", NULL, NULL, TEST_PASSWORD);
	srv_user_add(s, "tom", "triager", NULL, NULL, TEST_PASSWORD);
	srv_user_add(s, "vera", "vendor", "acme", NULL, TEST_PASSWORD);
	srv_user_add(s, "bob", "vendor", "beta", NULL, TEST_PASSWORD);
	srv_token_create(s, "rita", rita.bearer, sizeof(rita.bearer));
	srv_token_create(s, "tom", tom.bearer, sizeof(tom.bearer));
	srv_token_create(s, "vera", vera.bearer, sizeof(vera.bearer));
	srv_token_create(s, "bob", bob.bearer, sizeof(bob.bearer));
	srv_start(s, NULL);

	submit(s, &rita, "Overflow in the router", "generic", a);
	r = triage(s, &tom, a, "{\"decision\":\"accept\"}");
	assert_status(r, 200);
	snprintf(case_id, sizeof(case_id), "%s", resp_jstr(r, "case"));
	resp_free(r);

	/* The coordinator brings vendors in: providers only, once each. */
	snprintf(path, sizeof(path), "/api/v1/cases/%s/vendors", case_id);
	r = api(s, "POST", path, &tom, "{\"org\":\"acme\"}", NULL);
	assert_status(r, 201);
	resp_free(r);
	r = api(s, "POST", path, &tom, "{\"org\":\"acme\"}", NULL);
	assert_problem_field(r, 409, "org");
	resp_free(r);
	r = api(s, "POST", path, &tom, "{\"org\":\"gov\"}", NULL);
	assert_problem_field(r, 400, "org");
	resp_free(r);
	r = api(s, "POST", path, &tom, "{\"org\":\"nobody\"}", NULL);
	assert_problem_field(r, 404, "org");
	resp_free(r);
	r = api(s, "POST", path, &vera, "{\"org\":\"beta\"}", NULL);
	assert_problem(r, 403);
	resp_free(r);
	snprintf(path, sizeof(path), "/api/v1/cases/%s/vendors/acme/notify", case_id);
	r = api(s, "POST", path, &tom, NULL, NULL);
	assert_status(r, 200);
	resp_free(r);

	/* Need-to-know: vera sees the case shared with acme; bob sees nothing. */
	r = api(s, "GET", "/api/v1/cases", &vera, NULL, NULL);
	assert_status(r, 200);
	assert_int_equal(json_array_size(json_object_get(resp_json(r), "items")), 1);
	resp_free(r);
	r = api(s, "GET", "/api/v1/cases?state=graded", &vera, NULL, NULL);
	assert_status(r, 200);
	assert_int_equal(json_array_size(json_object_get(resp_json(r), "items")), 0);
	resp_free(r);
	r = api(s, "GET", "/api/v1/cases", &bob, NULL, NULL);
	assert_status(r, 200);
	assert_int_equal(json_array_size(json_object_get(resp_json(r), "items")), 0);
	resp_free(r);
	snprintf(path, sizeof(path), "/api/v1/cases/%s", case_id);
	r = api(s, "GET", path, &bob, NULL, NULL);
	assert_problem(r, 404);
	resp_free(r);
	v = vendor_row(s, &vera, case_id, "acme", &r);
	assert_non_null(v);
	assert_string_equal(json_string_value(json_object_get(v, "status")), "notified");
	assert_false(json_is_null(json_object_get(v, "notified_at")));
	assert_null(json_object_get(resp_json(r), "reports"));
	resp_free(r);
	r = api(s, "GET", path, &rita, NULL, NULL);
	assert_problem(r, 403);
	resp_free(r);

	/* Vera answers for acme: contact states are not hers; not_affected needs VEX. */
	r = vendor_put(s, &vera, case_id, "acme", "{\"status\":\"unresponsive\"}");
	assert_problem_field(r, 400, "status");
	resp_free(r);
	r = vendor_put(s, &vera, case_id, "acme", "{\"status\":\"not_affected\"}");
	assert_problem_field(r, 400, "justification");
	resp_free(r);
	r = vendor_put(s, &vera, case_id, "acme", "{\"status\":\"not_affected\","
	    "\"justification\":\"component_not_present\","
	    "\"statement\":\"Our firmware has no such parser.\"}");
	assert_status(r, 200);
	resp_free(r);
	/* Not for another organisation. */
	r = vendor_put(s, &vera, case_id, "beta", "{\"status\":\"affected\"}");
	assert_problem(r, 404);
	resp_free(r);

	/* Bob, once beta is in, sees acme's status but not its unapproved statement. */
	snprintf(path, sizeof(path), "/api/v1/cases/%s/vendors", case_id);
	r = api(s, "POST", path, &tom, "{\"org\":\"beta\"}", NULL);
	assert_status(r, 201);
	resp_free(r);
	v = vendor_row(s, &bob, case_id, "acme", &r);
	assert_non_null(v);
	assert_string_equal(json_string_value(json_object_get(v, "status")), "not_affected");
	assert_null(json_object_get(v, "statement"));
	assert_null(json_object_get(v, "justification"));
	resp_free(r);
	snprintf(path, sizeof(path), "/api/v1/cases/%s/vendors/acme/approve", case_id);
	r = api(s, "POST", path, &tom, NULL, NULL);
	assert_status(r, 200);
	resp_free(r);
	v = vendor_row(s, &bob, case_id, "acme", &r);
	assert_string_equal(json_string_value(json_object_get(v, "statement")),
	    "Our firmware has no such parser.");
	resp_free(r);
	/* The coordinator sees everything, including when each vendor first looked. */
	v = vendor_row(s, &tom, case_id, "acme", &r);
	assert_false(json_is_null(json_object_get(v, "first_seen_at")));
	resp_free(r);

	/* The timeline holds the vendor steps. */
	snprintf(path, sizeof(path), "/api/v1/cases/%s/timeline", case_id);
	r = api(s, "GET", path, &tom, NULL, NULL);
	assert_status(r, 200);
	assert_contains(r->body, "\"event\":\"vendor_added\"");
	assert_contains(r->body, "\"event\":\"vendor_notified\"");
	assert_contains(r->body, "\"event\":\"vendor_status\"");
	assert_contains(r->body, "\"event\":\"statement_approved\"");
	resp_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_cases__triage_and_workflow, srv_setup,
		    srv_teardown),
		cmocka_unit_test_setup_teardown(test_cases__audit_trail, srv_setup,
		    srv_teardown),
		cmocka_unit_test_setup_teardown(test_cases__likely_duplicates, srv_setup,
		    srv_teardown),
		cmocka_unit_test_setup_teardown(test_cases__vendors_need_to_know, srv_setup,
		    srv_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
