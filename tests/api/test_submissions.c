/*
 * The 报送 (issue 6; Art. 7(2), Art. 8, R5, R17, R37) on one instance.
 *
 * Provider side, without a registry (manual upload): one draft per case;
 * an incident case has none (Art. 8); a bad value is named; sending an
 * incomplete record lists every missing field (Art. 7(2)); the file for
 * manual upload, its upload and the library's answer; a refusal sends it
 * back to draft; a waiver needs a reason and waives the clock; a case
 * closes only once its 报送 is accepted or waived; reporters and vendors
 * have no access; the registry's endpoint does not exist on a provider.
 *
 * Registry side: only a member organisation's vendor account may send
 * (rbac.org), with an Idempotency-Key, a complete record (Art. 7(2), R37)
 * and only libraries the registry knows (R17); the same key is a replay.
 */
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixtures.h"
#include "harness.h"

/* A known_at for the registry's records. */
#define KNOWN_AT	"2026-11-21T08:04:05+08:00"
#define SCOPE		"About 40,000 routers reachable from the Internet."

/* A report of kind by who, accepted into a new case by coord; the case id. */
static void
new_case(struct srv *s, const struct cred *who, const struct cred *coord, const char *title,
    const char *kind, bool assess, char cid[64])
{
	struct resp	*r;
	char		 body[1024], rid[32];

	snprintf(body, sizeof(body), "{\"title\":\"%s\",\"kind\":\"%s\","
	    "\"vendor\":\"Acme Networks\",\"product\":\"AX Router\",\"model\":\"AX-3000\","
	    "\"versions\":\"2.1\",\"description\":\"TECH: the login handler copies the user "
	    "name into a fixed buffer.\",\"impact\":\"HARM: code execution as root.\"}", title,
	    kind);
	r = fx_call(s, who, "POST", body, 201, "/api/v1/reports");
	snprintf(rid, sizeof(rid), "%s", resp_jstr(r, "id"));
	fx_done(r);
	if (assess)
		fx_done(fx_call(s, coord, "PUT", "{\"cvss_v3\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/"
		    "C:H/I:H/A:H\",\"gbt\":{\"access_path\":\"network\",\"trigger\":\"low\","
		    "\"privilege\":\"none\",\"interaction\":\"none\",\"confidentiality\":\"severe\","
		    "\"integrity\":\"severe\",\"availability\":\"severe\"},\"cwe\":\"121\"}", 200,
		    "/api/v1/reports/%s/assessment", rid));
	r = fx_call(s, coord, "POST", "{\"decision\":\"accept\"}", 200, "/api/v1/reports/%s/triage",
	    rid);
	snprintf(cid, 64, "%s", resp_jstr(r, "case"));
	assert_non_null(strstr(cid, "-C-"));
	fx_done(r);
}

/* Draft the case's 报送 as who; its id. */
static long long
draft(struct srv *s, const struct cred *who, const char *cid)
{
	struct resp	*r = fx_call(s, who, "POST", NULL, 201, "/api/v1/cases/%s/submission", cid);
	long long	 id;

	assert_string_equal(resp_jstr(r, "state"), "draft");
	id = (long long)json_integer_value(json_object_get(resp_json(r), "id"));
	assert_true(id > 0);
	fx_done(r);
	return id;
}

/* Draft and complete the case's 报送 (the impact scope is not drafted). */
static long long
complete_draft(struct srv *s, const struct cred *who, const char *cid)
{
	long long	id = draft(s, who, cid);

	fx_done(fx_call(s, who, "PUT", "{\"impact_scope\":\"" SCOPE "\"}", 200,
	    "/api/v1/submissions/%lld", id));
	return id;
}

/* The state of the case's one clock of kind submission. */
static void
clock_state(struct srv *s, const struct cred *who, const char *cid, const char *want)
{
	struct resp	*r = fx_call(s, who, "GET", NULL, 200,
			    "/api/v1/deadlines?case=%s&kind=submission", cid);
	json_t		*items = json_object_get(resp_json(r), "items");

	assert_int_equal(json_array_size(items), 1);
	assert_string_equal(fx_jstr(json_array_get(items, 0), "state"), want);
	fx_done(r);
}

/* A provider with a reporter, a coordinator and a vendor member. */
static struct srv *
provider(void **state, struct cred *rita, struct cred *cora, struct cred *vic)
{
	struct srv	*s = *state;

	srv_init(s);
	fx_org_add(s, "acme", "Acme Networks", "provider");
	fx_person(s, "rita", "reporter", NULL, "Rita Reporter", "rita@example.org", rita);
	fx_person(s, "cora", "coordinator", NULL, "Cora Coordinator", "cora@acme.example", cora);
	fx_person(s, "vic", "vendor", "acme", "Vic Vendor", "vic@acme.example", vic);
	srv_start(s, (const char *[]){ "LOUDONG_INSTANCE_ROLE=provider",
	    "LOUDONG_INSTANCE_NAME=Acme PSIRT", NULL });
	return s;
}

static void
test_submissions__manual_upload(void **state)
{
	struct cred	 rita, cora, vic;
	struct srv	*s = provider(state, &rita, &cora, &vic);
	struct resp	*r;
	json_t		*o;
	char		 a[64], b[64], c[64], d[64], inc[64], want[128];
	const char	*v;
	long long	 ida, idb, idd;
	size_t		 i;
	bool		 seen;

	new_case(s, &rita, &cora, "Stack overflow in the AX-3000 web admin", "generic", true, a);

	/* One draft per case. */
	ida = draft(s, &cora, a);
	r = fx_call(s, &cora, "POST", NULL, 409, "/api/v1/cases/%s/submission", a);
	assert_problem(r, 409);
	fx_done(r);

	/* Reporters and vendors have no access to 报送. */
	fx_done(fx_call(s, &rita, "POST", NULL, 403, "/api/v1/cases/%s/submission", a));
	fx_done(fx_call(s, &rita, "GET", NULL, 403, "/api/v1/cases/%s/submission", a));
	fx_done(fx_call(s, &rita, "GET", NULL, 403, "/api/v1/submissions/%lld", ida));
	fx_done(fx_call(s, &vic, "GET", NULL, 403, "/api/v1/submissions"));
	fx_done(fx_call(s, &vic, "GET", NULL, 403, "/api/v1/submissions/%lld", ida));
	fx_done(fx_call(s, &vic, "PUT", "{\"grade\":\"low\"}", 403, "/api/v1/submissions/%lld", ida));
	fx_done(fx_call(s, &vic, "POST", NULL, 403, "/api/v1/submissions/%lld/send", ida));
	fx_done(fx_call(s, &vic, "POST", "{\"reason\":\"no\"}", 403, "/api/v1/submissions/%lld/waive",
	    ida));
	/* The registry's endpoint does not exist on a provider. */
	r = api(s, "POST", "/api/v1/submissions", &vic, "{\"name\":\"x\"}",
	    "Idempotency-Key: 0123456789abcdef", NULL);
	assert_problem(r, 404);
	fx_done(r);

	/* An incident on an operator's system is not reported (Art. 8). */
	new_case(s, &rita, &cora, "Exposed admin panel at a plant", "incident", false, inc);
	r = fx_call(s, &cora, "POST", NULL, 409, "/api/v1/cases/%s/submission", inc);
	assert_problem_rule(r, 409, "Art. 8");
	fx_done(r);

	/* A bad value is named. */
	r = fx_call(s, &cora, "PUT", "{\"grade\":\"severe\"}", 400, "/api/v1/submissions/%lld", ida);
	assert_problem_field(r, 400, "grade");
	fx_done(r);
	r = fx_call(s, &cora, "PUT", "{\"no_such_field\":\"x\"}", 400, "/api/v1/submissions/%lld",
	    ida);
	assert_problem(r, 400);
	fx_done(r);

	/* A draft may be incomplete; sending it lists what is missing. */
	fx_done(fx_call(s, &cora, "PUT", "{\"product_name\":\"\",\"impact_scope\":\"" SCOPE "\"}",
	    200, "/api/v1/submissions/%lld", ida));
	fx_done(fx_call(s, &cora, "PUT", "{\"harm\":\"\",\"contact_email\":\"\"}", 200,
	    "/api/v1/submissions/%lld", ida));
	r = fx_call(s, &cora, "POST", NULL, 400, "/api/v1/submissions/%lld/send", ida);
	assert_problem_rule(r, 400, "Art. 7(2)");
	assert_string_equal(resp_jstr(r, "field"), "product_name");
	o = json_object_get(resp_json(r), "errors");
	assert_int_equal(json_array_size(o), 3);
	assert_contains(r->body, "\"field\":\"product_name\"");
	assert_contains(r->body, "\"field\":\"harm\"");
	assert_contains(r->body, "\"field\":\"contact_email\"");	/* [federation] required_fields */
	fx_done(r);
	/* Refused: still a draft. */
	r = fx_call(s, &cora, "GET", NULL, 200, "/api/v1/submissions/%lld", ida);
	assert_string_equal(resp_jstr(r, "state"), "draft");
	fx_done(r);
	fx_done(fx_call(s, &cora, "PUT", "{\"product_name\":\"AX Router\",\"harm\":\"Code execution "
	    "as root.\",\"contact_email\":\"psirt@acme.example\"}", 200,
	    "/api/v1/submissions/%lld", ida));

	/* Sent: queued for manual upload, no delivery. */
	r = fx_call(s, &cora, "POST", NULL, 202, "/api/v1/submissions/%lld/send", ida);
	assert_string_equal(resp_jstr(r, "state"), "queued");
	assert_true(json_is_true(json_object_get(resp_json(r), "manual")));
	assert_null(json_object_get(resp_json(r), "delivery"));
	assert_true(json_is_string(json_object_get(resp_json(r), "sent_at")));
	fx_done(r);
	/* No more edits once sent (R5). */
	r = fx_call(s, &cora, "PUT", "{\"grade\":\"low\"}", 409, "/api/v1/submissions/%lld", ida);
	assert_problem_rule(r, 409, "R5");
	fx_done(r);
	/* Still not accepted: the case cannot close. */
	r = fx_call(s, &cora, "POST", "{\"to\":\"closed\",\"reason\":\"withdrawn\"}", 409,
	    "/api/v1/cases/%s/transition", a);
	assert_problem_rule(r, 409, "Art. 7(2)");
	fx_done(r);

	/* The file to upload: the document a registry would receive. */
	r = fx_call(s, &cora, "GET", NULL, 200, "/api/v1/submissions/%lld/file", ida);
	v = resp_header(r, "Content-Disposition");
	assert_non_null(v);
	assert_contains(v, "attachment");
	snprintf(want, sizeof(want), "submission-%s.json", a);
	assert_contains(v, want);
	assert_contains(resp_header(r, "Content-Type"), "application/json");
	o = resp_json(r);
	assert_non_null(o);
	assert_string_equal(fx_jstr(o, "reference"), a);
	assert_string_equal(fx_jstr(o, "product_name"), "AX Router");
	assert_string_equal(fx_jstr(o, "product_model"), "AX-3000");
	assert_string_equal(fx_jstr(o, "impact_scope"), SCOPE);
	assert_string_equal(fx_jstr(o, "harm"), "Code execution as root.");
	assert_string_equal(fx_jstr(o, "grade"), "critical");
	assert_true(fx_matches(fx_jstr(o, "known_at"),
	    "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\+08:00$"));
	assert_string_equal(fx_jstr(o, "reporter_role"), "provider");
	fx_done(r);
	fx_done(fx_call(s, &rita, "GET", NULL, 403, "/api/v1/submissions/%lld/file", ida));

	/* Uploaded by hand: sent, the clock met. */
	r = fx_call(s, &cora, "POST", "{}", 200, "/api/v1/submissions/%lld/uploaded", ida);
	assert_string_equal(resp_jstr(r, "state"), "sent");
	assert_true(json_is_string(json_object_get(resp_json(r), "uploaded_at")));
	fx_done(r);
	clock_state(s, &cora, a, "met");
	/* Uploaded once. */
	fx_done(fx_call(s, &cora, "POST", "{}", 409, "/api/v1/submissions/%lld/uploaded", ida));
	/* The library's answer: accepted needs its id. */
	r = fx_call(s, &cora, "POST", "{\"accepted\":true}", 400, "/api/v1/submissions/%lld/outcome",
	    ida);
	assert_problem_field(r, 400, "library_id");
	fx_done(r);
	r = fx_call(s, &cora, "POST", "{\"accepted\":true,\"library_id\":\"CNVD 2026\"}", 400,
	    "/api/v1/submissions/%lld/outcome", ida);
	assert_problem_field(r, 400, "library_id");
	fx_done(r);
	r = fx_call(s, &cora, "POST", "{\"accepted\":true,\"library_id\":\"CNVD-2026-12345\"}", 200,
	    "/api/v1/submissions/%lld/outcome", ida);
	assert_string_equal(resp_jstr(r, "state"), "accepted");
	assert_string_equal(resp_jstr(r, "library_id"), "CNVD-2026-12345");
	fx_done(r);
	/* Accepted is final: no waiver. */
	r = fx_call(s, &cora, "POST", "{\"reason\":\"changed our mind\"}", 409,
	    "/api/v1/submissions/%lld/waive", ida);
	assert_problem_rule(r, 409, "R5");
	fx_done(r);
	/* Now the case may close. */
	r = fx_call(s, &cora, "POST", "{\"to\":\"closed\",\"reason\":\"reported and fixed\"}", 200,
	    "/api/v1/cases/%s/transition", a);
	assert_string_equal(resp_jstr(r, "state"), "closed");
	fx_done(r);

	/* A second case: the 报送 waived, with a reason only; its clock waived too. */
	new_case(s, &rita, &cora, "Second flaw", "generic", true, b);
	idb = draft(s, &cora, b);
	clock_state(s, &cora, b, "open");
	r = fx_call(s, &cora, "POST", "{}", 400, "/api/v1/submissions/%lld/waive", idb);
	assert_problem_field(r, 400, "reason");
	fx_done(r);
	r = fx_call(s, &cora, "POST", "{\"reason\":\"  \"}", 400, "/api/v1/submissions/%lld/waive",
	    idb);
	assert_problem_field(r, 400, "reason");
	fx_done(r);
	r = fx_call(s, &cora, "POST", "{\"reason\":\"The upstream vendor reported it already.\"}",
	    200, "/api/v1/submissions/%lld/waive", idb);
	assert_string_equal(resp_jstr(r, "state"), "waived");
	assert_string_equal(resp_jstr(r, "reason"), "The upstream vendor reported it already.");
	fx_done(r);
	clock_state(s, &cora, b, "waived");
	fx_done(fx_call(s, &cora, "POST", NULL, 409, "/api/v1/submissions/%lld/send", idb));
	fx_done(fx_call(s, &cora, "POST", "{\"to\":\"closed\",\"reason\":\"waived\"}", 200,
	    "/api/v1/cases/%s/transition", b));

	/* A third case without any 报送 cannot close. */
	new_case(s, &rita, &cora, "Third flaw", "generic", true, c);
	r = fx_call(s, &cora, "POST", "{\"to\":\"closed\",\"reason\":\"withdrawn\"}", 409,
	    "/api/v1/cases/%s/transition", c);
	assert_problem_rule(r, 409, "Art. 7(2)");
	fx_done(r);

	/* A fourth: the library refuses it; it is a draft again, and is sent again. */
	new_case(s, &rita, &cora, "Fourth flaw", "generic", true, d);
	idd = complete_draft(s, &cora, d);
	fx_done(fx_call(s, &cora, "POST", NULL, 202, "/api/v1/submissions/%lld/send", idd));
	r = fx_call(s, &cora, "POST", "{\"accepted\":false}", 400, "/api/v1/submissions/%lld/outcome",
	    idd);
	assert_problem_field(r, 400, "reason");
	fx_done(r);
	r = fx_call(s, &cora, "POST", "{\"accepted\":false,\"reason\":\"Duplicate of CNVD-2026-1.\"}",
	    200, "/api/v1/submissions/%lld/outcome", idd);
	assert_string_equal(resp_jstr(r, "state"), "rejected");
	assert_string_equal(resp_jstr(r, "reason"), "Duplicate of CNVD-2026-1.");
	fx_done(r);
	r = fx_call(s, &cora, "PUT", "{\"related_ids\":\"CNVD-2026-1\"}", 200,
	    "/api/v1/submissions/%lld", idd);
	assert_string_equal(resp_jstr(r, "state"), "draft");
	fx_done(r);
	r = fx_call(s, &cora, "POST", NULL, 202, "/api/v1/submissions/%lld/send", idd);
	assert_string_equal(resp_jstr(r, "state"), "queued");
	fx_done(r);

	/* The list, and its filter. */
	r = fx_call(s, &cora, "GET", NULL, 200, "/api/v1/submissions?state=queued");
	o = json_object_get(resp_json(r), "items");
	assert_int_equal(json_array_size(o), 1);
	assert_string_equal(fx_jstr(json_array_get(o, 0), "case_id"), d);
	fx_done(r);
	r = fx_call(s, &cora, "GET", NULL, 200, "/api/v1/submissions");
	o = json_object_get(resp_json(r), "items");
	assert_int_equal(json_array_size(o), 3);
	fx_done(r);
	r = fx_call(s, &cora, "GET", NULL, 400, "/api/v1/submissions?state=lost");
	assert_problem_field(r, 400, "state");
	fx_done(r);

	/* Every step is on the case's timeline. */
	r = fx_call(s, &cora, "GET", NULL, 200, "/api/v1/cases/%s/timeline", a);
	seen = false;
	o = json_object_get(resp_json(r), "items");
	if (o == NULL)
		o = resp_json(r);
	for (i = 0; i < json_array_size(o); i++)
		if (fx_jstr(json_array_get(o, i), "event") != NULL &&
		    strcmp(fx_jstr(json_array_get(o, i), "event"), "submission") == 0)
			seen = true;
	assert_true(seen);
	assert_contains(r->body, "\"to\":\"accepted\"");
	fx_done(r);
}

/*
 * A case whose report has no assessment yet: its 报送 is drafted with the
 * grade left empty.  (Regression: the draft once failed on the missing
 * assessment without setting its fault, and the server died of SIGSEGV
 * reading the handler's uninitialised struct fault.)
 */
static void
test_submissions__draft_without_assessment(void **state)
{
	struct cred	 rita, cora, vic;
	struct srv	*s = provider(state, &rita, &cora, &vic);
	struct resp	*r;
	json_t		*rec;
	char		 a[64];
	long long	 id;

	new_case(s, &rita, &cora, "Not assessed yet", "generic", false, a);
	r = fx_call(s, &cora, "POST", NULL, 201, "/api/v1/cases/%s/submission", a);
	id = (long long)json_integer_value(json_object_get(resp_json(r), "id"));
	fx_done(r);
	r = fx_call(s, &cora, "GET", NULL, 200, "/api/v1/submissions/%lld", id);
	rec = json_object_get(resp_json(r), "record");
	assert_string_equal(fx_jstr(rec, "product_name"), "AX Router");
	assert_string_equal(fx_jstr(rec, "grade"), "");
	assert_string_equal(fx_jstr(rec, "cwe"), "");
	fx_done(r);
}

/*
 * known_at is RFC 3339 with any hour and minute.  (Regression: the hour and
 * the minute were read with parse_i64, which refuses leading zeros, so
 * 00-09 was refused, and so was every PUT and send of a draft whose own
 * prefilled known_at had an hour or a minute below 10, China time.)
 */
static void
test_submissions__known_at_leading_zero(void **state)
{
	struct cred	 rita, cora, vic;
	struct srv	*s = provider(state, &rita, &cora, &vic);
	struct resp	*r;
	char		 a[64];
	long long	 id;

	new_case(s, &rita, &cora, "Leading zeros", "generic", true, a);
	id = draft(s, &cora, a);
	/* Refused as it should be. */
	r = fx_call(s, &cora, "PUT", "{\"known_at\":\"2026-11-21T24:00:00+08:00\"}", 400,
	    "/api/v1/submissions/%lld", id);
	assert_problem_field(r, 400, "known_at");
	fx_done(r);
	r = fx_call(s, &cora, "PUT", "{\"known_at\":\"2026-11-21 12:00\"}", 400,
	    "/api/v1/submissions/%lld", id);
	assert_problem_field(r, 400, "known_at");
	fx_done(r);
	/* Seconds and offsets with a leading zero pass. */
	fx_done(fx_call(s, &cora, "PUT", "{\"known_at\":\"2026-11-21T12:34:05+08:00\"}", 200,
	    "/api/v1/submissions/%lld", id));
	fx_done(fx_call(s, &cora, "PUT", "{\"known_at\":\"2026-11-21T12:34:56Z\"}", 200,
	    "/api/v1/submissions/%lld", id));
	/* An hour or a minute 00-09. */
	fx_done(fx_call(s, &cora, "PUT", "{\"known_at\":\"2026-11-21T08:34:56+08:00\"}", 200,
	    "/api/v1/submissions/%lld", id));
	fx_done(fx_call(s, &cora, "PUT", "{\"known_at\":\"2026-11-21T12:05:56+08:00\"}", 200,
	    "/api/v1/submissions/%lld", id));
	fx_done(fx_call(s, &cora, "PUT", "{\"known_at\":\"2026-11-21T00:00:00Z\"}", 200,
	    "/api/v1/submissions/%lld", id));
}

/*
 * A complete record for a registry without the member skip (NULL: none),
 * with extra members (JSON text after a comma, e.g. ",\"a\":\"b\""; or "").
 */
static char *
record(const char *skip, const char *extra)
{
	static const char *const fields[][2] = {
		{ "name", "Stack overflow in the AX-3000 web admin" },
		{ "product_name", "AX Router" },
		{ "product_model", "AX-3000" },
		{ "product_versions", "2.1" },
		{ "technical_characteristics", "The login handler copies the user name." },
		{ "harm", "Code execution as root." },
		{ "impact_scope", SCOPE },
		{ "vendor", "Acme Networks" },
		{ "grade", "high" },
		{ "contact_name", "Acme PSIRT" },
		{ "contact_email", "psirt@acme.example" },
		{ "known_at", KNOWN_AT },
	};
	char	*out = malloc(4096);
	size_t	 i, n = 0;

	assert_non_null(out);
	n += (size_t)snprintf(out + n, 4096 - n, "{\"reference\":\"ACME-C-2026-000001\"");
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (skip == NULL || strcmp(skip, fields[i][0]) != 0)
			n += (size_t)snprintf(out + n, 4096 - n, ",\"%s\":\"%s\"", fields[i][0],
			    fields[i][1]);
	snprintf(out + n, 4096 - n, "%s}", extra);
	return out;
}

/* POST a record to the registry as who with an Idempotency-Key (NULL: none). */
static struct resp *
receive(struct srv *s, const struct cred *who, const char *key, const char *skip,
    const char *extra)
{
	char		*body = record(skip, extra), hdr[200];
	struct resp	*r;

	snprintf(hdr, sizeof(hdr), "Idempotency-Key: %s", key != NULL ? key : "");
	r = api(s, "POST", "/api/v1/submissions", who, body, key != NULL ? hdr : NULL, NULL);
	free(body);
	return r;
}

static void
test_submissions__registry_receives(void **state)
{
	struct srv	*s = *state;
	struct cred	 bot, opr, rex, nina;
	struct resp	*r;
	json_t		*o;
	char		 lib[64], loc[128];

	srv_init(s);
	fx_org_add(s, "acme-psirt", "Acme PSIRT", "provider");
	fx_org_add(s, "plant", "A Plant Operator", "operator");
	fx_person(s, "acme-bot", "vendor", "acme-psirt", "Acme federation", "bot@acme.example",
	    &bot);
	fx_person(s, "opr", "vendor", "plant", "Plant vendor account", "opr@plant.example", &opr);
	fx_person(s, "rex", "reporter", NULL, "Rex Reporter", "rex@example.org", &rex);
	fx_person(s, "nina", "coordinator", NULL, "Nina Registrar", "nina@nvdb.example", &nina);
	srv_start(s, (const char *[]){ "LOUDONG_INSTANCE_ROLE=registry",
	    "LOUDONG_REGISTRY_LIBRARIES=CNVD=http://127.0.0.1:9/lib", NULL });

	/* Only a member organisation's vendor account (rbac.org). */
	r = receive(s, &rex, "key-rex-0001", NULL, "");
	assert_problem_rule(r, 403, "rbac.org");
	fx_done(r);
	r = receive(s, &opr, "key-opr-0001", NULL, "");
	assert_problem_rule(r, 403, "rbac.org");
	fx_done(r);
	r = receive(s, &nina, "key-nina-0001", NULL, "");
	assert_problem_rule(r, 403, "rbac.org");
	fx_done(r);
	r = receive(s, NULL, "key-anon-0001", NULL, "");
	assert_problem(r, 401);
	fx_done(r);

	/* An Idempotency-Key, of a sane shape. */
	r = receive(s, &bot, NULL, NULL, "");
	assert_problem_field(r, 400, "Idempotency-Key");
	fx_done(r);
	r = receive(s, &bot, "short", NULL, "");
	assert_problem_field(r, 400, "Idempotency-Key");
	fx_done(r);

	/* A complete record: the legal fields (Art. 7(2)), then the configured ones (R37). */
	r = receive(s, &bot, "key-acme-0001", "harm", "");
	assert_problem_rule(r, 400, "Art. 7(2)");
	assert_string_equal(resp_jstr(r, "field"), "harm");
	fx_done(r);
	r = receive(s, &bot, "key-acme-0001", "vendor", "");
	assert_problem_rule(r, 400, "R37");
	assert_string_equal(resp_jstr(r, "field"), "vendor");
	fx_done(r);
	r = receive(s, &bot, "key-acme-0001", "grade", ",\"grade\":\"severe\"");
	assert_problem_field(r, 400, "grade");
	fx_done(r);
	r = receive(s, &bot, "key-acme-0001", NULL, ",\"unknown_field\":\"x\"");
	assert_problem(r, 400);
	fx_done(r);
	/* Only libraries the registry knows (R17). */
	r = receive(s, &bot, "key-acme-0001", NULL, ",\"forward_to\":\"CNVD,NOPE\"");
	assert_problem_rule(r, 400, "R17");
	assert_string_equal(resp_jstr(r, "field"), "forward_to");
	assert_contains(r->body, "NOPE");
	fx_done(r);
	/* Nothing was received meanwhile. */
	r = fx_call(s, &nina, "GET", NULL, 200, "/api/v1/submissions");
	assert_int_equal(json_array_size(json_object_get(resp_json(r), "items")), 0);
	fx_done(r);

	/* Received: a library id; the same key again is a replay. */
	r = receive(s, &bot, "key-acme-0001", NULL, "");
	assert_status(r, 201);
	o = resp_json(r);
	snprintf(lib, sizeof(lib), "%s", fx_jstr(o, "library_id"));
	assert_true(fx_matches(lib, "^NVDB-[0-9]{4}-[0-9]{6}$"));
	assert_true(json_is_false(json_object_get(o, "replay")));
	assert_true(json_is_integer(json_object_get(o, "leaf_index")));
	assert_string_equal(fx_jstr(o, "organisation"), "acme-psirt");
	assert_string_equal(fx_jstr(o, "reference"), "ACME-C-2026-000001");
	snprintf(loc, sizeof(loc), "/api/v1/submissions/%s", lib);
	assert_string_equal(resp_header(r, "Location"), loc);
	fx_done(r);
	r = receive(s, &bot, "key-acme-0001", NULL, "");
	assert_status(r, 200);
	assert_true(json_is_true(json_object_get(resp_json(r), "replay")));
	assert_string_equal(resp_jstr(r, "library_id"), lib);
	fx_done(r);
	r = fx_call(s, &nina, "GET", NULL, 200, "/api/v1/submissions");
	assert_int_equal(json_array_size(json_object_get(resp_json(r), "items")), 1);
	fx_done(r);
	/* Members do not read the library. */
	fx_done(fx_call(s, &bot, "GET", NULL, 403, "/api/v1/submissions"));
	fx_done(fx_call(s, &bot, "GET", NULL, 403, "/api/v1/submissions/%s", lib));
	/* The staff verify it, once. */
	r = fx_call(s, &nina, "POST", "{\"state\":\"verified\"}", 200,
	    "/api/v1/submissions/%s/decision", lib);
	assert_string_equal(resp_jstr(r, "state"), "verified");
	fx_done(r);
	fx_done(fx_call(s, &nina, "POST", "{\"state\":\"rejected\",\"reason\":\"late\"}", 409,
	    "/api/v1/submissions/%s/decision", lib));
	fx_done(fx_call(s, &nina, "GET", NULL, 404, "/api/v1/submissions/NVDB-2026-999999"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_submissions__manual_upload, srv_setup,
		    srv_teardown),
		cmocka_unit_test_setup_teardown(test_submissions__registry_receives, srv_setup,
		    srv_teardown),
		cmocka_unit_test_setup_teardown(test_submissions__known_at_leading_zero,
		    srv_setup, srv_teardown),
		cmocka_unit_test_setup_teardown(test_submissions__draft_without_assessment,
		    srv_setup, srv_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
