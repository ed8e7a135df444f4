/*
 * Advisories and the disclosure gate (issue 7; Art. 9, R10-R15, R31-R33,
 * R43-R44), end to end on a real server:
 *  - a case walks from a report to a published advisory: drafted from the
 *    case (products, fixed version, CVE id, credit), edited, refused before
 *    approval and on self-review, approved by a second person, published;
 *    the case becomes published; the public API lists and serves it in
 *    every format, each valid against its official schema, and the CSAF
 *    provider layout carries it;
 *  - the gate refuses rule by rule (9(1), 9(2), 9(5)) with the rule and a
 *    plain sentence in zh-CN and en, and lets the Art. 9(1) records open it;
 *  - a scheduled publication is held by a major-event window (9(6)) and
 *    released by the scheduler once the window ends; an MPS consent lets a
 *    publication through during the window;
 *  - undisclosed content goes abroad only to the product's own provider
 *    (9(7));
 *  - nothing unpublished ever reaches a public path; a withdrawn advisory
 *    says so;
 *  - every decision is in the gate's log, for auditors only;
 *  - public reads carry an ETag (304 on If-None-Match), repeat as the same
 *    bytes, and change at once when public content does; publishing meets
 *    the case's publication clock.
 */
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixtures.h"
#include "harness.h"

#define CVSS31		"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
#define CVE_ID		"CVE-2026-12345"
#define ALIAS		"Rita the Finder"
#define SOLUTION	"升级至 2.4.1 或更高版本。Upgrade Acme HTTPd to 2.4.1 or later."
#define SUMMARY		"A heap overflow in the request parser of Acme HTTPd lets a remote " \
			"attacker run code. Acme HTTPd 请求解析器存在堆溢出漏洞。"
#define BASE_URL	"https://psirt.example.org"

#define CSAF_SCHEMA	"/csaf/oasis-tcs-csaf/csaf_2.0/json_schema/csaf_json_schema.json"
#define PROVIDER_SCHEMA	"/csaf/oasis-tcs-csaf/csaf_2.0/json_schema/provider_json_schema.json"
#define CVE5_SCHEMA	"/cve5/schema-cvelib/CVE_JSON_bundled_5.1.1.json"
#define OSV_SCHEMA	"/osv/ossf-osv-schema/validation/schema.json"

/* Seconds the scheduler test waits at most for the release after a window. */
#define RELEASE_WAIT	15

struct world {
	struct srv	*s;
	struct cred	 ada;	/* admin */
	struct cred	 rita;	/* reporter */
	struct cred	 tom;	/* triager: drafts and submits */
	struct cred	 cora;	/* coordinator: reviews */
	struct cred	 aud;	/* auditor */
	long long	 httpd;	/* acme's product */
	long long	 widget;	/* usco's product */
};

/*
 * The accounts, acme (a domestic provider) and usco (a provider in the US),
 * a product of each; env: extra overrides for the server.
 */
static struct world *
boot(void **state, struct world *w, const char *const *env)
{
	const char	*e[SRV_MAX_ENV];
	size_t		 n = 0;
	struct resp	*r;

	memset(w, 0, sizeof(*w));
	w->s = *state;
	srv_init(w->s);
	fx_org_add(w->s, "acme", "Acme Software", "provider");
	assert_int_equal(srv_cli(w->s, NULL, NULL, 0, (const char *[]){ "org", "add",
	    "--data-dir", w->s->dir, "--slug", "usco", "--name", "US Widgets Inc.",
	    "--kind", "provider", "--country", "US", NULL }), 0);
	fx_person(w->s, "ada", "admin", NULL, "Ada Admin", "ada@example.org", &w->ada);
	fx_person(w->s, "rita", "reporter", NULL, "Rita Reporter", "rita@example.org", &w->rita);
	fx_person(w->s, "tom", "triager", NULL, "Tom Triager", "tom@example.org", &w->tom);
	fx_person(w->s, "cora", "coordinator", NULL, "Cora Coordinator", "cora@example.org",
	    &w->cora);
	fx_person(w->s, "aud", "auditor", NULL, "Audrey Auditor", "aud@example.org", &w->aud);
	e[n++] = "LOUDONG_INSTANCE_BASE_URL=" BASE_URL;
	e[n++] = "LOUDONG_INSTANCE_NAME=Loudong Test PSIRT";
	for (; env != NULL && *env != NULL && n < SRV_MAX_ENV - 1; env++)
		e[n++] = *env;
	e[n] = NULL;
	srv_start(w->s, e);
	r = fx_call(w->s, &w->ada, "POST", "{\"name\":\"Acme HTTPd\",\"versions\":\"< 2.4.1\","
	    "\"purl\":\"pkg:generic/acme/acme-httpd\"}", 201, "/api/v1/admin/orgs/acme/products");
	w->httpd = (long long)json_integer_value(json_object_get(resp_json(r), "id"));
	fx_done(r);
	r = fx_call(w->s, &w->ada, "POST", "{\"name\":\"US Widget\"}", 201,
	    "/api/v1/admin/orgs/usco/products");
	w->widget = (long long)json_integer_value(json_object_get(resp_json(r), "id"));
	fx_done(r);
	assert_true(w->httpd > 0 && w->widget > 0);
	return w;
}

/* A report by rita (credited by alias), assessed by tom if assess; its id. */
static void
report(struct world *w, const char *title, const char *kind, bool assess, char rid[32])
{
	struct resp	*r;
	char		 body[1024];

	snprintf(body, sizeof(body), "{\"title\":\"%s\",\"kind\":\"%s\",\"vendor\":\"Acme\","
	    "\"product\":\"Acme HTTPd\",\"versions\":\"2.4.0\",\"description\":\"The request "
	    "parser overflows a heap buffer.\",\"credit\":\"alias\",\"credit_alias\":\"" ALIAS
	    "\"}", title, kind);
	r = fx_call(w->s, &w->rita, "POST", body, 201, "/api/v1/reports");
	snprintf(rid, 32, "%s", resp_jstr(r, "id"));
	fx_done(r);
	if (assess)
		fx_done(fx_call(w->s, &w->tom, "PUT", "{\"cvss_v3\":\"" CVSS31 "\","
		    "\"gbt\":{\"access_path\":\"network\",\"trigger\":\"low\","
		    "\"privilege\":\"none\",\"interaction\":\"none\",\"confidentiality\":\"severe\","
		    "\"integrity\":\"severe\",\"availability\":\"severe\"},\"cwe\":\"122\","
		    "\"related_ids\":[\"" CVE_ID "\"]}", 200, "/api/v1/reports/%s/assessment", rid));
}

/* A report accepted by tom into a new case; the case id. */
static void
new_case(struct world *w, const char *title, const char *kind, bool assess, char cid[64])
{
	struct resp	*r;
	char		 rid[32];

	report(w, title, kind, assess, rid);
	r = fx_call(w->s, &w->tom, "POST", "{\"decision\":\"accept\"}", 200,
	    "/api/v1/reports/%s/triage", rid);
	snprintf(cid, 64, "%s", resp_jstr(r, "case"));
	assert_non_null(strstr(cid, "-C-"));
	fx_done(r);
}

/* Move the case through the states given, NULL-terminated. */
static void
walk(struct world *w, const char *cid, const char *const *states)
{
	char	body[96];

	for (; *states != NULL; states++) {
		snprintf(body, sizeof(body), "{\"to\":\"%s\"}", *states);
		fx_done(fx_call(w->s, &w->tom, "POST", body, 200, "/api/v1/cases/%s/transition",
		    cid));
	}
}

static const char *const to_remediation[] = { "graded", "vendor_notified", "in_remediation",
    NULL };
static const char *const to_fix[] = { "graded", "vendor_notified", "in_remediation",
    "fix_available", NULL };

/* The product in the case with its affected versions. */
static void
case_product(struct world *w, const char *cid, long long product)
{
	char	body[128];

	snprintf(body, sizeof(body), "{\"product\":%lld,\"versions\":\"< 2.4.1\"}", product);
	fx_done(fx_call(w->s, &w->tom, "POST", body, 201, "/api/v1/cases/%s/products", cid));
}

/* acme in the case, marked fixed in 2.4.1. */
static void
acme_fixed(struct world *w, const char *cid)
{
	fx_done(fx_call(w->s, &w->tom, "POST", "{\"org\":\"acme\"}", 201,
	    "/api/v1/cases/%s/vendors", cid));
	fx_done(fx_call(w->s, &w->tom, "PUT", "{\"status\":\"fixed\",\"fixed_version\":\"2.4.1\"}",
	    200, "/api/v1/cases/%s/vendors/acme", cid));
}

/* A case ready for publication: assessed, acme's product, acme fixed, fix_available. */
static void
ready_case(struct world *w, const char *title, char cid[64])
{
	new_case(w, title, "generic", true, cid);
	case_product(w, cid, w->httpd);
	acme_fixed(w, cid);
	walk(w, cid, to_fix);
}

/* Draft the case's advisory as tom; its id. */
static void
draft(struct world *w, const char *cid, char aid[48])
{
	struct resp	*r = fx_call(w->s, &w->tom, "POST", NULL, 201, "/api/v1/cases/%s/advisory",
			    cid);

	assert_string_equal(resp_jstr(r, "state"), "draft");
	snprintf(aid, 48, "%s", resp_jstr(r, "id"));
	assert_true(fx_matches(aid, "^LDSA-[0-9]{4}-[0-9]{6,}$"));
	fx_done(r);
}

/*
 * A new version as who: the newest record with the given texts (NULL: kept
 * as they are); the PUT must answer 200.
 */
static void
edit(struct world *w, const struct cred *who, const char *aid, const char *solution,
    const char *mitigation, const char *summary)
{
	struct resp	*r = fx_call(w->s, who, "GET", NULL, 200, "/api/v1/advisories/%s/draft",
			    aid);
	json_t		*doc = json_deep_copy(json_object_get(resp_json(r), "advisory"));
	char		*body;

	fx_done(r);
	assert_non_null(doc);
	if (solution != NULL)
		json_object_set_new(doc, "solution", json_string(solution));	/* steals */
	if (mitigation != NULL)
		json_object_set_new(doc, "mitigation", json_string(mitigation));	/* steals */
	if (summary != NULL)
		json_object_set_new(doc, "summary", json_string(summary));	/* steals */
	json_object_set_new(doc, "summary_of_changes", json_string("edited by the test"));
	body = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	assert_non_null(body);
	fx_done(fx_call(w->s, who, "PUT", body, 200, "/api/v1/advisories/%s/draft", aid));
	free(body);
}

/* tom submits, cora approves. */
static void
approve(struct world *w, const char *aid)
{
	fx_done(fx_call(w->s, &w->tom, "POST", NULL, 200, "/api/v1/advisories/%s/submit", aid));
	fx_done(fx_call(w->s, &w->cora, "POST", "{\"decision\":\"approve\"}", 200,
	    "/api/v1/advisories/%s/review", aid));
}

/* POST .../publish as tom with body ("{}" : now); the response. */
static struct resp *
publish(struct world *w, const char *aid, const char *body)
{
	char	path[128];

	snprintf(path, sizeof(path), "/api/v1/advisories/%s/publish", aid);
	return api(w->s, "POST", path, &w->tom, body, NULL);
}

/* The advisory as the staff see it: its row member key (a string, or NULL). */
static void
staff_view(struct world *w, const char *aid, const char *key, char *out, size_t outsz)
{
	struct resp	*r = fx_call(w->s, &w->tom, "GET", NULL, 200,
			    "/api/v1/advisories/%s/draft", aid);
	const char	*v = resp_jstr(r, key);

	snprintf(out, outsz, "%s", v != NULL ? v : "");
	fx_done(r);
}

static void
case_state(struct world *w, const char *cid, const char *want)
{
	struct resp	*r = fx_call(w->s, &w->tom, "GET", NULL, 200, "/api/v1/cases/%s", cid);

	assert_string_equal(resp_jstr(r, "state"), want);
	fx_done(r);
}

/* The public list's item for aid (a copy the caller decrefs), or NULL. */
static json_t *
listed(struct world *w, const char *aid)
{
	struct resp	*r = api(w->s, "GET", "/api/v1/advisories?limit=100", NULL, NULL, NULL);
	json_t		*it, *found = NULL;
	size_t		 i;

	assert_status(r, 200);
	json_array_foreach(json_object_get(resp_json(r), "items"), i, it)
		if (strcmp(fx_jstr(it, "id"), aid) == 0)
			found = json_deep_copy(it);
	resp_free(r);
	return found;
}

/* The public paths know nothing of aid. */
static void
not_public(struct world *w, const char *aid)
{
	static const char *const formats[] = { "", "/csaf", "/cve5", "/osv", "/gbt28458" };
	struct resp	*r;
	json_t		*it;
	char		 path[160];
	size_t		 i;

	it = listed(w, aid);
	if (it != NULL)
		fail_msg("%s is listed by the public API", aid);
	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		snprintf(path, sizeof(path), "/api/v1/advisories/%s%s", aid, formats[i]);
		r = api(w->s, "GET", path, NULL, NULL, NULL);
		assert_problem(r, 404);
		assert_not_contains(r->body, "Acme HTTPd");
		resp_free(r);
	}
	/* A public page (if the web side has one yet) does not exist either. */
	snprintf(path, sizeof(path), "/advisories/%s", aid);
	r = http(w->s, "GET", path, NULL, NULL);
	assert_int_equal(r->status, 404);
	resp_free(r);
}

/* A disclosure record on the case (allow as given). */
static void
record(struct world *w, const char *cid, const char *kind, const char *scope, bool allow)
{
	char	body[512];

	snprintf(body, sizeof(body), "{\"kind\":\"%s\",\"reference\":\"工信部-2026-%s\","
	    "\"issued_on\":\"2026-03-02\",\"scope\":\"%s\",\"approver\":\"MIIT\","
	    "\"allow\":%s}", kind, kind, scope, allow ? "true" : "false");
	fx_done(fx_call(w->s, &w->tom, "POST", body, 201, "/api/v1/cases/%s/disclosure-records",
	    cid));
}

/* What the gate would answer for publishing the case now: allow, rule (or NULL). */
static void
preview(struct world *w, const char *cid, bool allow, const char *rule)
{
	struct resp	*r = fx_call(w->s, &w->tom, "GET", NULL, 200,
			    "/api/v1/cases/%s/policy?action=publish", cid);
	json_t		*o = resp_json(r);

	assert_int_equal(json_is_true(json_object_get(o, "allow")), allow);
	if (rule == NULL) {
		assert_true(json_is_null(json_object_get(o, "rule")));
		assert_true(json_is_null(json_object_get(o, "message")));
	} else {
		assert_string_equal(fx_jstr(o, "rule"), rule);
		assert_true(json_string_length(json_object_get(o, "message")) > 0);
	}
	fx_done(r);
}

/* RFC 3339 UTC. */
static void
rfc3339(time_t t, char out[32])
{
	struct tm	tm;

	assert_non_null(gmtime_r(&t, &tm));
	assert_true(strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) > 0);
}

static double
now_real(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * Sleep to just after the next second boundary, so that a time the test
 * computes in whole seconds is the server's too; that second.
 */
static time_t
second_start(void)
{
	struct timespec	ts, d;

	clock_gettime(CLOCK_REALTIME, &ts);
	d.tv_sec = 0;
	d.tv_nsec = 1000000000L - ts.tv_nsec + 20000000L;
	if (d.tv_nsec >= 1000000000L) {
		d.tv_sec = 1;
		d.tv_nsec -= 1000000000L;
	}
	nanosleep(&d, NULL);
	clock_gettime(CLOCK_REALTIME, &ts);
	return ts.tv_sec;
}

static void
pause_ms(long ms)
{
	struct timespec d = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&d, NULL);
}

static bool
shared_data(void)
{
	if (access(LOUDONG_SHARED_DATA, R_OK) == 0)
		return true;
	print_message("no shared data at '%s': the schema checks are skipped\n",
	    LOUDONG_SHARED_DATA);
	return false;
}

/*
 * Validate text with tests/schema/validate.py against the schema below the
 * shared data (a temporary file, removed).  Fails the test when the
 * document is invalid; says so and goes on when the validator cannot run.
 */
static void
schema_valid(const char *schema, const char *what, const char *text)
{
	char	 tmpl[] = "/tmp/test_disclosure_XXXXXX", cmd[2048];
	size_t	 n = strlen(text);
	int	 fd, rc;

	assert_true((fd = mkstemp(tmpl)) >= 0);
	assert_int_equal(write(fd, text, n), (ssize_t)n);
	close(fd);
	snprintf(cmd, sizeof(cmd), "%s '%s%s' '%s'", LOUDONG_SCHEMA_VALIDATE,
	    LOUDONG_SHARED_DATA, schema, tmpl);
	rc = system(cmd);
	unlink(tmpl);
	if (rc != -1 && WIFEXITED(rc) && WEXITSTATUS(rc) == 2) {
		print_message("the validator cannot run for %s ('%s')\n", what, cmd);
		return;
	}
	if (rc != 0)
		fail_msg("the %s document is not valid against %s:\n%.4000s", what, schema,
		    text);
}

/* GET a public format of aid: 200 with the type; the response. */
static struct resp *
public_format(struct world *w, const char *aid, const char *fmt, const char *ctype)
{
	struct resp	*r;
	char		 path[160];

	snprintf(path, sizeof(path), "/api/v1/advisories/%s/%s", aid, fmt);
	r = api(w->s, "GET", path, NULL, NULL, NULL);
	assert_status(r, 200);
	assert_non_null(resp_header(r, "Content-Type"));
	assert_true(strncmp(resp_header(r, "Content-Type"), ctype, strlen(ctype)) == 0);
	return r;
}

/* A string at a '/'-separated path of objects and array indexes, or NULL. */
static const char *
jpath(json_t *o, const char *path)
{
	char	 buf[256], *p, *save = NULL;

	snprintf(buf, sizeof(buf), "%s", path);
	for (p = strtok_r(buf, "/", &save); p != NULL && o != NULL;
	    p = strtok_r(NULL, "/", &save))
		o = json_is_array(o) ? json_array_get(o, strtoul(p, NULL, 10)) :
		    json_object_get(o, p);
	return json_string_value(o);
}

/* The CSAF trusted-provider layout carries the advisory (if served yet). */
static void
csaf_layout(struct world *w, const char *aid, const char *csaf_body)
{
	struct resp	*r;
	json_t		*doc;
	char		 file[96], path[192], year[8];
	size_t		 i;

	r = http(w->s, "GET", "/.well-known/csaf/provider-metadata.json", NULL, NULL);
	if (r->status == 404) {
		print_message("/.well-known/csaf/ is not served yet: the provider layout "
		    "checks are skipped\n");
		resp_free(r);
		return;
	}
	assert_status(r, 200);
	assert_string_equal(jpath(resp_json(r), "canonical_url"),
	    BASE_URL "/.well-known/csaf/provider-metadata.json");
	if (shared_data())
		schema_valid(PROVIDER_SCHEMA, "provider-metadata", r->body);
	resp_free(r);
	/* The file is <year>/<lower-cased id>.json (CSAF §5.1, §7.1.11). */
	for (i = 0; aid[i] != '\0' && i < sizeof(file) - 6; i++)
		file[i] = (char)(aid[i] >= 'A' && aid[i] <= 'Z' ? aid[i] - 'A' + 'a' : aid[i]);
	snprintf(file + i, sizeof(file) - i, ".json");
	doc = json_loads(csaf_body, 0, NULL);
	assert_non_null(doc);
	snprintf(year, sizeof(year), "%.4s", jpath(doc, "document/tracking/initial_release_date"));
	json_decref(doc);
	r = http(w->s, "GET", "/.well-known/csaf/white/index.txt", NULL, NULL);
	assert_status(r, 200);
	snprintf(path, sizeof(path), "%s/%s", year, file);
	assert_contains(r->body, path);
	resp_free(r);
	r = http(w->s, "GET", "/.well-known/csaf/white/changes.csv", NULL, NULL);
	assert_status(r, 200);
	assert_contains(r->body, path);
	resp_free(r);
	r = http(w->s, "GET", "/.well-known/csaf/white/feed-tlp-white.json", NULL, NULL);
	assert_status(r, 200);
	assert_contains(r->body, aid);
	resp_free(r);
	snprintf(path, sizeof(path), "/.well-known/csaf/white/%s/%s", year, file);
	r = http(w->s, "GET", path, NULL, NULL);
	assert_status(r, 200);
	assert_string_equal(jpath(resp_json(r), "document/tracking/id"), aid);
	resp_free(r);
	snprintf(path, sizeof(path), "/.well-known/csaf/white/%s/%s.sha256", year, file);
	r = http(w->s, "GET", path, NULL, NULL);
	assert_status(r, 200);
	assert_contains(r->body, file);
	resp_free(r);
}

/*
 * 1. A case from a report to a published advisory, and every public export.
 */
static void
test_disclosure__walk_to_publication_and_exports(void **state)
{
	struct world	 w0, *w = boot(state, &w0, NULL);
	struct resp	*r;
	json_t		*o, *adv, *p, *it;
	char		 cid[64], aid[48], path[160], csaf[65536];
	const char	*s;
	size_t		 i;
	bool		 found;

	ready_case(w, "Heap overflow in the Acme HTTPd request parser", cid);

	/* Drafted from the case: products, the fix, the CVE id, the credit. */
	r = fx_call(w->s, &w->tom, "POST", NULL, 201, "/api/v1/cases/%s/advisory", cid);
	o = resp_json(r);
	snprintf(aid, sizeof(aid), "%s", fx_jstr(o, "id"));
	snprintf(path, sizeof(path), "/api/v1/advisories/%s/draft", aid);
	assert_string_equal(resp_header(r, "Location"), path);
	assert_string_equal(fx_jstr(o, "state"), "draft");
	assert_string_equal(fx_jstr(o, "case"), cid);
	assert_int_equal(json_integer_value(json_object_get(o, "version")), 1);
	assert_true(json_is_null(json_object_get(o, "public_version")));
	adv = json_object_get(o, "advisory");
	assert_string_equal(fx_jstr(adv, "id"), aid);
	assert_string_equal(fx_jstr(adv, "title"), "Heap overflow in the Acme HTTPd request parser");
	assert_int_equal(json_array_size(json_object_get(adv, "products")), 1);
	p = json_array_get(json_object_get(adv, "products"), 0);
	assert_string_equal(fx_jstr(p, "product"), "Acme HTTPd");
	assert_string_equal(fx_jstr(p, "vendor"), "Acme Software");
	assert_string_equal(fx_jstr(p, "vendor_slug"), "acme");
	assert_string_equal(fx_jstr(p, "versions"), "< 2.4.1");
	assert_string_equal(fx_jstr(p, "fixed_version"), "2.4.1");
	assert_string_equal(fx_jstr(p, "purl"), "pkg:generic/acme/acme-httpd");
	found = false;
	json_array_foreach(json_object_get(adv, "ids"), i, it)
		found |= strcmp(fx_jstr(it, "value"), CVE_ID) == 0 &&
		    strcmp(fx_jstr(it, "scheme"), "CVE") == 0;
	assert_true(found);
	assert_string_equal(fx_jstr(adv, "discoverer"), ALIAS);
	assert_false(json_is_true(json_object_get(adv, "discoverer_anonymous")));
	assert_string_equal(jpath(adv, "cvss/0/vector"), CVSS31);
	assert_string_equal(jpath(adv, "cvss/0/severity"), "CRITICAL");
	assert_string_equal(fx_jstr(adv, "grade"), "critical");
	assert_string_equal(jpath(adv, "cwes/0/id"), "CWE-122");
	assert_contains(fx_jstr(adv, "solution"), "2.4.1");
	assert_string_equal(fx_jstr(adv, "publisher"), "Loudong Test PSIRT");
	fx_done(r);
	/* Nothing of it is public yet. */
	not_public(w, aid);

	/* The editor's version: the solution and the summary. */
	edit(w, &w->tom, aid, SOLUTION, NULL, SUMMARY);
	r = fx_call(w->s, &w->tom, "GET", NULL, 200, "/api/v1/advisories/%s/draft", aid);
	o = resp_json(r);
	assert_int_equal(json_integer_value(json_object_get(o, "version")), 2);
	assert_int_equal(json_array_size(json_object_get(o, "versions")), 2);
	assert_string_equal(jpath(o, "versions/1/summary"), "edited by the test");
	assert_string_equal(jpath(o, "versions/1/created_by"), "tom");
	assert_string_equal(jpath(o, "advisory/solution"), SOLUTION);
	assert_string_equal(jpath(o, "advisory/summary"), SUMMARY);
	fx_done(r);

	/* Not before a second person approved it. */
	r = publish(w, aid, "{}");
	assert_problem_rule(r, 409, "advisories.require_review");
	resp_free(r);
	r = fx_call(w->s, &w->tom, "POST", NULL, 200, "/api/v1/advisories/%s/submit", aid);
	assert_string_equal(resp_jstr(r, "state"), "in_review");
	fx_done(r);
	snprintf(path, sizeof(path), "/api/v1/advisories/%s/review", aid);
	r = api(w->s, "POST", path, &w->tom, "{\"decision\":\"approve\"}", NULL);
	assert_problem_rule(r, 403, "advisories.require_review");
	resp_free(r);
	r = publish(w, aid, "{}");
	assert_problem_rule(r, 409, "advisories.require_review");
	resp_free(r);
	not_public(w, aid);
	r = fx_call(w->s, &w->cora, "POST", "{\"decision\":\"approve\",\"note\":\"LGTM\"}", 200,
	    "/api/v1/advisories/%s/review", aid);
	assert_string_equal(resp_jstr(r, "state"), "approved");
	assert_string_equal(jpath(resp_json(r), "versions/1/reviewed_by"), "cora");
	assert_string_equal(jpath(resp_json(r), "versions/1/review"), "approved");
	fx_done(r);
	not_public(w, aid);

	/* Published: the advisory, and the case with it. */
	r = publish(w, aid, "{}");
	assert_status(r, 200);
	o = resp_json(r);
	assert_string_equal(fx_jstr(o, "state"), "published");
	assert_int_equal(json_integer_value(json_object_get(o, "public_version")), 2);
	assert_true(json_is_string(json_object_get(o, "published_at")));
	resp_free(r);
	case_state(w, cid, "published");

	/* The public list and the public JSON. */
	it = listed(w, aid);
	assert_non_null(it);
	assert_string_equal(fx_jstr(it, "title"), "Heap overflow in the Acme HTTPd request parser");
	assert_string_equal(fx_jstr(it, "grade"), "critical");
	assert_true(json_is_string(json_object_get(it, "published_at")));
	assert_true(json_is_null(json_object_get(it, "withdrawn_at")));
	snprintf(path, sizeof(path), BASE_URL "/api/v1/advisories/%s", aid);
	assert_string_equal(fx_jstr(it, "url"), path);
	json_decref(it);
	r = api(w->s, "GET", "/api/v1/advisories?q=acme%20httpd", NULL, NULL, NULL);
	assert_status(r, 200);
	assert_contains(r->body, aid);
	resp_free(r);
	r = api(w->s, "GET", "/api/v1/advisories?vendor=nobody", NULL, NULL, NULL);
	assert_status(r, 200);
	assert_not_contains(r->body, aid);
	resp_free(r);
	snprintf(path, sizeof(path), "/api/v1/advisories/%s", aid);
	r = api(w->s, "GET", path, NULL, NULL, NULL);
	assert_status(r, 200);
	o = resp_json(r);
	assert_non_null(o);
	assert_string_equal(fx_jstr(o, "id"), aid);
	assert_string_equal(fx_jstr(o, "solution"), SOLUTION);
	assert_string_equal(fx_jstr(o, "summary"), SUMMARY);
	assert_string_equal(fx_jstr(o, "discoverer"), ALIAS);
	assert_true(json_is_string(json_object_get(o, "published_at")));
	assert_true(json_is_null(json_object_get(o, "withdrawn_at")));
	assert_int_equal(json_array_size(json_object_get(o, "history")), 1);
	/* The staff's bookkeeping is not public. */
	assert_null(json_object_get(o, "versions"));
	assert_null(json_object_get(o, "state"));
	assert_not_contains(r->body, "\"tom\"");
	assert_not_contains(r->body, "cora");
	assert_not_contains(r->body, "Rita Reporter");
	resp_free(r);

	/* Every format, valid against its official schema. */
	r = public_format(w, aid, "csaf", "application/json");
	o = resp_json(r);
	assert_non_null(o);
	assert_string_equal(jpath(o, "document/tracking/id"), aid);
	assert_string_equal(jpath(o, "document/csaf_version"), "2.0");
	assert_contains(r->body, CVE_ID);
	assert_contains(r->body, "2.4.1");
	assert_true(r->len < sizeof(csaf));
	snprintf(csaf, sizeof(csaf), "%s", r->body);
	if (shared_data())
		schema_valid(CSAF_SCHEMA, "CSAF", r->body);
	resp_free(r);
	r = public_format(w, aid, "cve5", "application/json");
	o = resp_json(r);
	assert_non_null(o);
	assert_string_equal(jpath(o, "dataType"), "CVE_RECORD");
	assert_string_equal(jpath(o, "cveMetadata/cveId"), CVE_ID);
	assert_contains(r->body, "Acme HTTPd");
	if (shared_data())
		schema_valid(CVE5_SCHEMA, "CVE JSON 5", r->body);
	resp_free(r);
	r = public_format(w, aid, "osv", "application/json");
	o = resp_json(r);
	assert_non_null(o);
	s = jpath(o, "id");
	assert_non_null(s);
	assert_contains(s, aid);
	assert_contains(r->body, CVE_ID);
	assert_contains(r->body, "pkg:generic/acme/acme-httpd");
	assert_contains(r->body, "2.4.1");
	if (shared_data())
		schema_valid(OSV_SCHEMA, "OSV", r->body);
	resp_free(r);
	r = public_format(w, aid, "gbt28458", "application/xml");
	assert_true(strncmp(r->body, "<?xml", 5) == 0);
	assert_contains(r->body, aid);
	assert_contains(r->body, CVE_ID);
	assert_contains(r->body, "Acme HTTPd");
	resp_free(r);
	snprintf(path, sizeof(path), "/api/v1/advisories/%s/pdf", aid);
	r = api(w->s, "GET", path, NULL, NULL, NULL);
	assert_problem_field(r, 404, "format");
	resp_free(r);

	/* The CSAF trusted-provider layout. */
	csaf_layout(w, aid, csaf);

	/* The staff queue shows it published; reporters see no queue. */
	r = fx_call(w->s, &w->tom, "GET", NULL, 200, "/api/v1/advisory-queue?state=published");
	assert_contains(r->body, aid);
	fx_done(r);
	fx_done(fx_call(w->s, &w->rita, "GET", NULL, 403, "/api/v1/advisory-queue"));
	fx_done(fx_call(w->s, &w->rita, "GET", NULL, 403, "/api/v1/advisories/%s/draft", aid));
}

/* The problem's detail in lang, for publishing aid; checks the rule. */
static void
detail_in(struct world *w, const char *aid, const char *lang, const char *rule, char *out,
    size_t outsz)
{
	struct resp	*r;
	char		 path[128], hdr[64];

	snprintf(path, sizeof(path), "/api/v1/advisories/%s/publish", aid);
	snprintf(hdr, sizeof(hdr), "Accept-Language: %s", lang);
	r = api(w->s, "POST", path, &w->tom, "{}", hdr, NULL);
	assert_problem_rule(r, 409, rule);
	snprintf(out, outsz, "%s", resp_jstr(r, "detail"));
	assert_true(strlen(out) > 0);
	resp_free(r);
}

/*
 * 2. The gate, rule by rule, through the API.  Review is off here so that
 * each refusal is the gate's own.
 */
static void
test_disclosure__gate_rule_by_rule(void **state)
{
	struct world	 w0, *w = boot(state, &w0, (const char *[]){
			    "LOUDONG_ADVISORIES_REQUIRE_REVIEW=false", NULL });
	struct resp	*r;
	json_t		*items;
	char		 cid[64], fcid[64], icid[64], aid[48], faid[48], zh[1024], en[1024];

	/* 9(1): no fix yet and no records.  It is asked before 9(5). */
	new_case(w, "Overflow, fix pending", "generic", true, cid);
	case_product(w, cid, w->httpd);
	fx_done(fx_call(w->s, &w->tom, "POST", "{\"org\":\"acme\"}", 201,
	    "/api/v1/cases/%s/vendors", cid));
	walk(w, cid, to_remediation);
	draft(w, cid, aid);
	preview(w, cid, false, "Art. 9(1)");
	detail_in(w, aid, "zh-CN", "Art. 9(1)", zh, sizeof(zh));
	detail_in(w, aid, "en", "Art. 9(1)", en, sizeof(en));
	assert_string_not_equal(zh, en);
	assert_contains(zh, "第九条");
	assert_contains(en, "Art. 9(1)");
	not_public(w, aid);

	/* The records, one by one; an outcome that does not allow it is no outcome. */
	record(w, cid, "joint_assessment", "", true);
	preview(w, cid, false, "Art. 9(1)");
	record(w, cid, "authority_report", "", true);
	record(w, cid, "authority_outcome", "", false);
	preview(w, cid, false, "Art. 9(1)");
	record(w, cid, "authority_outcome", "", true);
	preview(w, cid, true, NULL);
	r = fx_call(w->s, &w->tom, "GET", NULL, 200, "/api/v1/cases/%s/disclosure-records", cid);
	items = json_object_get(resp_json(r), "items");
	assert_int_equal(json_array_size(items), 4);
	assert_string_equal(jpath(items, "0/kind"), "joint_assessment");
	assert_string_equal(jpath(items, "0/created_by"), "tom");
	assert_false(json_is_true(json_object_get(json_array_get(items, 2), "allow")));
	fx_done(r);
	/* Bad records are named. */
	fx_done(fx_call(w->s, &w->tom, "POST", "{\"kind\":\"blessing\",\"reference\":\"x\","
	    "\"issued_on\":\"2026-03-02\"}", 400, "/api/v1/cases/%s/disclosure-records", cid));
	fx_done(fx_call(w->s, &w->tom, "POST", "{\"kind\":\"mps_consent\",\"reference\":\"x\","
	    "\"issued_on\":\"March\"}", 400, "/api/v1/cases/%s/disclosure-records", cid));
	fx_done(fx_call(w->s, &w->rita, "POST", "{\"kind\":\"mps_consent\",\"reference\":\"x\","
	    "\"issued_on\":\"2026-03-02\"}", 403, "/api/v1/cases/%s/disclosure-records", cid));

	/* 9(5): now only the remediation text is missing. */
	edit(w, &w->tom, aid, "", "", SUMMARY);
	detail_in(w, aid, "zh-CN", "Art. 9(5)", zh, sizeof(zh));
	detail_in(w, aid, "en", "Art. 9(5)", en, sizeof(en));
	assert_string_not_equal(zh, en);
	assert_contains(zh, "第九条");
	assert_contains(en, "Art. 9(5)");
	/* Blank text is no text. */
	edit(w, &w->tom, aid, " \n ", NULL, NULL);
	r = publish(w, aid, "{}");
	assert_problem_rule(r, 409, "Art. 9(5)");
	resp_free(r);
	not_public(w, aid);
	/* A mitigation is enough: published under the three records. */
	edit(w, &w->tom, aid, NULL, "Block port 8080 at the firewall until the fix ships.", NULL);
	r = publish(w, aid, "{}");
	assert_status(r, 200);
	assert_string_equal(resp_jstr(r, "state"), "published");
	resp_free(r);
	items = listed(w, aid);
	assert_non_null(items);
	json_decref(items);

	/* 9(5) on a case with a fix: the fix alone does not open it. */
	new_case(w, "Overflow, fixed", "generic", true, fcid);
	case_product(w, fcid, w->httpd);
	walk(w, fcid, to_fix);
	preview(w, fcid, true, NULL);
	draft(w, fcid, faid);
	edit(w, &w->tom, faid, "", "", SUMMARY);
	r = publish(w, faid, "{}");
	assert_problem_rule(r, 409, "Art. 9(5)");
	resp_free(r);
	not_public(w, faid);

	/* 9(2): an incident case has no advisory, and the gate says why. */
	new_case(w, "Exposed admin panel at a plant", "incident", false, icid);
	r = api(w->s, "POST", "/api/v1/cases/x/advisory", &w->tom, NULL, NULL);
	assert_problem(r, 404);
	resp_free(r);
	snprintf(zh, sizeof(zh), "/api/v1/cases/%s/advisory", icid);
	r = api(w->s, "POST", zh, &w->tom, NULL, "Accept-Language: zh-CN", NULL);
	assert_problem_rule(r, 409, "Art. 9(2)");
	assert_contains(resp_jstr(r, "detail"), "第九条");
	resp_free(r);
	r = api(w->s, "POST", zh, &w->tom, NULL, "Accept-Language: en", NULL);
	assert_problem_rule(r, 409, "Art. 9(2)");
	assert_contains(resp_jstr(r, "detail"), "Art. 9(2)");
	resp_free(r);
	preview(w, icid, false, "Art. 9(2)");
	r = fx_call(w->s, &w->tom, "GET", NULL, 200, "/api/v1/advisory-queue");
	assert_not_contains(r->body, icid);
	fx_done(r);

	/* The preview: other actions, bad ones, no such case, no permission. */
	r = fx_call(w->s, &w->tom, "GET", NULL, 200, "/api/v1/cases/%s/policy?action=feed",
	    fcid);
	assert_false(json_is_true(json_object_get(resp_json(r), "allow")));
	assert_string_equal(resp_jstr(r, "rule"), "Art. 9(1)");
	fx_done(r);
	r = fx_call(w->s, &w->tom, "GET", NULL, 400, "/api/v1/cases/%s/policy?action=leak", fcid);
	assert_problem_field(r, 400, "action");
	fx_done(r);
	r = fx_call(w->s, &w->tom, "GET", NULL, 404, "/api/v1/cases/LD-C-2026-999999/policy");
	fx_done(r);
	fx_done(fx_call(w->s, &w->rita, "GET", NULL, 403, "/api/v1/cases/%s/policy", fcid));
}

/* The id of the window named name (GET /api/v1/major-events as ada), or 0. */
static long long
window_id(struct world *w, const char *name)
{
	struct resp	*r = fx_call(w->s, &w->ada, "GET", NULL, 200, "/api/v1/major-events");
	json_t		*it;
	long long	 id = 0;
	size_t		 i;

	json_array_foreach(json_object_get(resp_json(r), "items"), i, it)
		if (strcmp(fx_jstr(it, "name"), name) == 0)
			id = (long long)json_integer_value(json_object_get(it, "id"));
	fx_done(r);
	return id;
}

/*
 * 3. A scheduled publication held by a major-event window (9(6)) and
 * released once it ends; publishing now during the window needs an MPS
 * consent.
 */
static void
test_disclosure__scheduled_publication_held_by_major_event_window(void **state)
{
	struct world	 w0, *w = boot(state, &w0, (const char *[]){
			    "LOUDONG_DEADLINES_SCHEDULER_INTERVAL=1", NULL });
	struct resp	*r;
	json_t		*o, *it;
	char		 a[64], b[64], c[64], aa[48], ab[48], ac[48], body[512], t0[32], t1[32];
	char		 st[32], at[32];
	time_t		 now;
	long long	 held = 0, wid;
	bool		 seen_held = false;
	double		 end;
	int		 i;

	ready_case(w, "Overflow to be published at a set time", a);
	ready_case(w, "Overflow published during the event with consent", b);
	ready_case(w, "Overflow published during the event with a general consent", c);
	draft(w, a, aa);
	draft(w, b, ab);
	draft(w, c, ac);
	approve(w, aa);
	approve(w, ab);
	approve(w, ac);

	/* Only admins (and authorities) enter windows; bad ones are named. */
	fx_done(fx_call(w->s, &w->tom, "POST", "{\"name\":\"x\",\"starts_at\":"
	    "\"2026-01-01T00:00:00Z\",\"ends_at\":\"2026-01-02T00:00:00Z\"}", 403,
	    "/api/v1/major-events"));
	r = fx_call(w->s, &w->ada, "POST", "{\"name\":\"x\",\"starts_at\":"
	    "\"2026-01-02T00:00:00Z\",\"ends_at\":\"2026-01-01T00:00:00Z\"}", 400,
	    "/api/v1/major-events");
	assert_problem_field(r, 400, "ends_at");
	fx_done(r);
	r = fx_call(w->s, &w->ada, "POST", "{\"name\":\"x\",\"starts_at\":\"tomorrow\","
	    "\"ends_at\":\"2026-01-01T00:00:00Z\"}", 400, "/api/v1/major-events");
	assert_problem_field(r, 400, "starts_at");
	fx_done(r);

	/* The window: from a second ago to four seconds from now. */
	now = second_start();
	end = (double)now + 4;
	rfc3339(now - 1, t0);
	rfc3339(now + 4, t1);
	snprintf(body, sizeof(body), "{\"name\":\"重大活动保障期 Test Summit\",\"starts_at\":\"%s\","
	    "\"ends_at\":\"%s\"}", t0, t1);
	fx_done(fx_call(w->s, &w->ada, "POST", body, 201, "/api/v1/major-events"));

	/* Planned for a second from now: allowed (the gate asks again when it is due). */
	rfc3339(now + 1, at);
	snprintf(body, sizeof(body), "{\"at\":\"%s\"}", at);
	r = publish(w, aa, body);
	assert_status(r, 200);
	o = resp_json(r);
	assert_string_equal(fx_jstr(o, "state"), "scheduled");
	assert_string_equal(fx_jstr(o, "publish_at"), at);
	assert_true(json_is_null(json_object_get(o, "held_by")));
	resp_free(r);

	/* Now, during the window: 9(6), with the window and when to retry. */
	r = publish(w, ab, "{}");
	assert_problem_rule(r, 409, "Art. 9(6)");
	resp_free(r);
	r = fx_call(w->s, &w->tom, "GET", NULL, 200, "/api/v1/cases/%s/policy?action=publish", b);
	o = resp_json(r);
	assert_false(json_is_true(json_object_get(o, "allow")));
	assert_string_equal(fx_jstr(o, "rule"), "Art. 9(6)");
	assert_string_equal(fx_jstr(o, "window"), "重大活动保障期 Test Summit");
	assert_string_equal(fx_jstr(o, "retry_at"), t1);
	fx_done(r);
	/* A consent for another event does not cover this one; this event's does. */
	record(w, b, "mps_consent", "Another Summit", true);
	r = publish(w, ab, "{}");
	assert_problem_rule(r, 409, "Art. 9(6)");
	resp_free(r);
	record(w, b, "mps_consent", "重大活动保障期 Test Summit", true);
	r = publish(w, ab, "{}");
	assert_status(r, 200);
	assert_string_equal(resp_jstr(r, "state"), "published");
	resp_free(r);
	/* A consent without a scope covers any window. */
	record(w, c, "mps_consent", "", true);
	r = publish(w, ac, "{}");
	assert_status(r, 200);
	assert_string_equal(resp_jstr(r, "state"), "published");
	resp_free(r);
	if (now_real() >= end - 1.5)
		print_message("warning: the consent steps took until %.1f s into a 4 s window\n",
		    now_real() - (double)now);

	/* While the window lasts: never public, scheduled, held once due. */
	while (now_real() < end - 0.3) {
		it = listed(w, aa);
		if (it != NULL)
			fail_msg("%s is public during the window", aa);
		r = fx_call(w->s, &w->tom, "GET", NULL, 200, "/api/v1/advisories/%s/draft", aa);
		o = resp_json(r);
		assert_string_equal(fx_jstr(o, "state"), "scheduled");
		if (json_is_integer(json_object_get(o, "held_by"))) {
			seen_held = true;
			held = (long long)json_integer_value(json_object_get(o, "held_by"));
		}
		fx_done(r);
		pause_ms(150);
	}
	assert_true(seen_held);
	wid = window_id(w, "重大活动保障期 Test Summit");
	assert_true(wid > 0);
	assert_int_equal(held, wid);

	/* After it: released by the scheduler, without anyone asking. */
	st[0] = '\0';
	for (i = 0; i < RELEASE_WAIT * 4; i++) {
		staff_view(w, aa, "state", st, sizeof(st));
		if (strcmp(st, "published") == 0)
			break;
		pause_ms(250);
	}
	assert_string_equal(st, "published");
	r = fx_call(w->s, &w->tom, "GET", NULL, 200, "/api/v1/advisories/%s/draft", aa);
	assert_true(json_is_null(json_object_get(resp_json(r), "held_by")));
	assert_true(json_is_null(json_object_get(resp_json(r), "publish_at")));
	fx_done(r);
	it = listed(w, aa);
	assert_non_null(it);
	json_decref(it);
	case_state(w, a, "published");
	/* The timeline tells that it was held. */
	r = fx_call(w->s, &w->tom, "GET", NULL, 200, "/api/v1/cases/%s/timeline", a);
	assert_contains(r->body, "\"held\"");
	assert_contains(r->body, "\"scheduled\"");
	fx_done(r);
	/* The window is over: it is no longer listed, unless all are asked for. */
	r = fx_call(w->s, &w->ada, "GET", NULL, 200, "/api/v1/major-events");
	assert_not_contains(r->body, "Test Summit");
	fx_done(r);
	r = fx_call(w->s, &w->ada, "GET", NULL, 200, "/api/v1/major-events?all=true");
	assert_contains(r->body, "Test Summit");
	fx_done(r);
}

/*
 * 4. Art. 9(7): a foreign organisation is brought into an undisclosed case
 * only as the affected product's own provider.
 */
static void
test_disclosure__foreign_vendor_refused_art_9_7(void **state)
{
	struct world	 w0, *w = boot(state, &w0, NULL);
	struct resp	*r;
	char		 a[64], b[64], path[128], zh[1024];

	new_case(w, "Overflow in Acme HTTPd", "generic", true, a);
	case_product(w, a, w->httpd);
	snprintf(path, sizeof(path), "/api/v1/cases/%s/vendors", a);
	r = api(w->s, "POST", path, &w->tom, "{\"org\":\"usco\"}", "Accept-Language: zh-CN", NULL);
	assert_problem_rule(r, 409, "Art. 9(7)");
	snprintf(zh, sizeof(zh), "%s", resp_jstr(r, "detail"));
	assert_contains(zh, "第九条");
	resp_free(r);
	r = api(w->s, "POST", path, &w->tom, "{\"org\":\"usco\"}", "Accept-Language: en", NULL);
	assert_problem_rule(r, 409, "Art. 9(7)");
	assert_string_not_equal(resp_jstr(r, "detail"), zh);
	assert_contains(resp_jstr(r, "detail"), "Art. 9(7)");
	resp_free(r);
	/* Nothing was added; the domestic provider is. */
	r = fx_call(w->s, &w->tom, "GET", NULL, 200, "/api/v1/cases/%s/participants", a);
	assert_not_contains(r->body, "usco");
	fx_done(r);
	fx_done(fx_call(w->s, &w->tom, "POST", "{\"org\":\"acme\"}", 201,
	    "/api/v1/cases/%s/vendors", a));

	/* The same organisation owning the case's product is its provider: allowed. */
	new_case(w, "Overflow in US Widget", "generic", true, b);
	case_product(w, b, w->widget);
	r = fx_call(w->s, &w->tom, "POST", "{\"org\":\"usco\"}", 201, "/api/v1/cases/%s/vendors", b);
	assert_string_equal(resp_jstr(r, "org"), "usco");
	fx_done(r);
	r = fx_call(w->s, &w->tom, "GET", NULL, 200, "/api/v1/cases/%s/participants", b);
	assert_contains(r->body, "usco");
	fx_done(r);
}

/*
 * 5. Drafts, advisories in review, approved and scheduled ones never reach
 * a public path; a withdrawn one says so.
 */
static void
test_disclosure__public_never_shows_unpublished(void **state)
{
	struct world	 w0, *w = boot(state, &w0, NULL);
	struct resp	*r;
	json_t		*it;
	char		 cid[64], d[48], rv[48], ap[48], sc[48], pub[48], body[128], at[32];
	char		 path[160];
	bool		 atom;

	ready_case(w, "Overflow with many advisories", cid);
	draft(w, cid, d);
	draft(w, cid, rv);
	fx_done(fx_call(w->s, &w->tom, "POST", NULL, 200, "/api/v1/advisories/%s/submit", rv));
	draft(w, cid, ap);
	approve(w, ap);
	draft(w, cid, sc);
	approve(w, sc);
	rfc3339(time(NULL) + 3600, at);
	snprintf(body, sizeof(body), "{\"at\":\"%s\"}", at);
	r = publish(w, sc, body);
	assert_status(r, 200);
	assert_string_equal(resp_jstr(r, "state"), "scheduled");
	resp_free(r);
	draft(w, cid, pub);
	approve(w, pub);
	r = publish(w, pub, "{}");
	assert_status(r, 200);
	resp_free(r);

	r = http(w->s, "GET", "/advisories.atom", NULL, NULL);
	atom = r->status != 404;
	if (!atom)
		print_message("/advisories.atom is not served yet: the feed checks are skipped\n");
	else {
		assert_status(r, 200);
		assert_contains(r->body, pub);
	}
	resp_free(r);
	for (const char *const *id = (const char *const[]){ d, rv, ap, sc, NULL }; *id != NULL;
	    id++) {
		not_public(w, *id);
		if (atom) {
			r = http(w->s, "GET", "/advisories.atom", NULL, NULL);
			assert_not_contains(r->body, *id);
			resp_free(r);
		}
	}
	/* The published one is, with the case's other advisories still out of sight. */
	it = listed(w, pub);
	assert_non_null(it);
	assert_true(json_is_null(json_object_get(it, "withdrawn_at")));
	json_decref(it);

	/* Withdrawn: a reason is needed; the public record says when. */
	fx_done(fx_call(w->s, &w->tom, "POST", "{\"reason\":\" \"}", 400,
	    "/api/v1/advisories/%s/withdraw", pub));
	fx_done(fx_call(w->s, &w->tom, "POST", "{\"reason\":\"x\"}", 409,
	    "/api/v1/advisories/%s/withdraw", d));
	r = fx_call(w->s, &w->tom, "POST", "{\"reason\":\"The flaw was a false positive.\"}", 200,
	    "/api/v1/advisories/%s/withdraw", pub);
	assert_string_equal(resp_jstr(r, "state"), "withdrawn");
	assert_true(json_is_string(json_object_get(resp_json(r), "withdrawn_at")));
	fx_done(r);
	it = listed(w, pub);
	assert_non_null(it);
	assert_true(json_is_string(json_object_get(it, "withdrawn_at")));
	json_decref(it);
	snprintf(path, sizeof(path), "/api/v1/advisories/%s", pub);
	r = api(w->s, "GET", path, NULL, NULL, NULL);
	assert_status(r, 200);
	assert_true(json_is_string(json_object_get(resp_json(r), "withdrawn_at")));
	assert_string_equal(resp_jstr(r, "withdrawn_reason"), "The flaw was a false positive.");
	resp_free(r);
	/* A withdrawn advisory is not edited again. */
	r = fx_call(w->s, &w->tom, "POST", NULL, 409, "/api/v1/advisories/%s/submit", pub);
	fx_done(r);

	/* A scheduled one withdrawn never comes out. */
	fx_done(fx_call(w->s, &w->tom, "POST", "{\"reason\":\"Superseded.\"}", 200,
	    "/api/v1/advisories/%s/withdraw", sc));
	not_public(w, sc);
	r = fx_call(w->s, &w->tom, "GET", NULL, 200, "/api/v1/advisories/%s/draft", sc);
	assert_string_equal(resp_jstr(r, "state"), "withdrawn");
	assert_true(json_is_null(json_object_get(resp_json(r), "publish_at")));
	fx_done(r);
	/* Unknown ids are simply not found. */
	r = api(w->s, "GET", "/api/v1/advisories/LDSA-2026-999999", NULL, NULL, NULL);
	assert_problem(r, 404);
	resp_free(r);
}

/* Whether the log's items hold one with action, subject, allowed, rule (NULL: none). */
static bool
logged(json_t *items, const char *action, const char *subject, bool allowed,
    const char *rule)
{
	json_t	*it;
	size_t	 i;

	json_array_foreach(items, i, it) {
		const char *r = fx_jstr(it, "rule");

		if (strcmp(fx_jstr(it, "action"), action) != 0 ||
		    strcmp(fx_jstr(it, "subject"), subject) != 0 ||
		    json_is_true(json_object_get(it, "allowed")) != allowed)
			continue;
		if (rule == NULL ? r == NULL : r != NULL && strcmp(r, rule) == 0)
			return true;
	}
	return false;
}

/*
 * 6. Every decision of the gate, allowed or denied, is in its log, which
 * auditors and admins read and nobody else.
 */
static void
test_disclosure__policy_log(void **state)
{
	struct world	 w0, *w = boot(state, &w0, (const char *[]){
			    "LOUDONG_ADVISORIES_REQUIRE_REVIEW=false", NULL });
	struct resp	*r;
	json_t		*items, *it;
	char		 cid[64], icid[64], aid[48], subj[96], csubj[96], path[192];
	size_t		 i;

	new_case(w, "Overflow under the log", "generic", true, cid);
	case_product(w, cid, w->httpd);
	walk(w, cid, to_remediation);
	draft(w, cid, aid);
	edit(w, &w->tom, aid, SOLUTION, NULL, SUMMARY);
	r = publish(w, aid, "{}");
	assert_problem_rule(r, 409, "Art. 9(1)");
	resp_free(r);
	snprintf(path, sizeof(path), "/api/v1/cases/%s/vendors", cid);
	r = api(w->s, "POST", path, &w->tom, "{\"org\":\"usco\"}", NULL);
	assert_problem_rule(r, 409, "Art. 9(7)");
	resp_free(r);
	fx_done(fx_call(w->s, &w->tom, "POST", "{\"org\":\"acme\"}", 201,
	    "/api/v1/cases/%s/vendors", cid));
	preview(w, cid, false, "Art. 9(1)");
	record(w, cid, "joint_assessment", "", true);
	record(w, cid, "authority_report", "", true);
	record(w, cid, "authority_outcome", "", true);
	r = publish(w, aid, "{}");
	assert_status(r, 200);
	resp_free(r);
	new_case(w, "Incident under the log", "incident", false, icid);
	preview(w, icid, false, "Art. 9(2)");

	/* The auditor reads it all, newest first. */
	snprintf(subj, sizeof(subj), "advisory:%s", aid);
	snprintf(csubj, sizeof(csubj), "case:%s", cid);
	r = fx_call(w->s, &w->aud, "GET", NULL, 200, "/api/v1/policy-decisions?limit=100");
	items = json_object_get(resp_json(r), "items");
	assert_true(logged(items, "publish", subj, false, "Art. 9(1)"));
	assert_true(logged(items, "publish", subj, true, NULL));
	assert_true(logged(items, "invite", csubj, false, "Art. 9(7)"));
	assert_true(logged(items, "invite", csubj, true, NULL));
	assert_true(logged(items, "publish", csubj, false, "Art. 9(1)"));
	snprintf(path, sizeof(path), "case:%s", icid);
	assert_true(logged(items, "publish", path, false, "Art. 9(2)"));
	json_array_foreach(items, i, it) {
		assert_true(json_is_integer(json_object_get(it, "id")));
		assert_true(json_is_string(json_object_get(it, "at")));
		if (i > 0)
			assert_true(json_integer_value(json_object_get(it, "id")) <
			    json_integer_value(json_object_get(json_array_get(items, i - 1), "id")));
		if (strcmp(fx_jstr(it, "subject"), subj) == 0) {
			assert_string_equal(fx_jstr(it, "recipient"), "public");
			assert_string_equal(fx_jstr(it, "actor"), "tom");
		}
		if (strcmp(fx_jstr(it, "action"), "invite") == 0 &&
		    !json_is_true(json_object_get(it, "allowed")))
			assert_string_equal(fx_jstr(it, "recipient"), "org:usco");
	}
	fx_done(r);

	/* By subject. */
	snprintf(path, sizeof(path), "/api/v1/policy-decisions?subject=advisory:%s", aid);
	r = fx_call(w->s, &w->aud, "GET", NULL, 200, "%s", path);
	items = json_object_get(resp_json(r), "items");
	assert_int_equal(json_array_size(items), 2);
	json_array_foreach(items, i, it)
		assert_string_equal(fx_jstr(it, "subject"), subj);
	assert_true(json_is_true(json_object_get(json_array_get(items, 0), "allowed")));
	assert_string_equal(jpath(items, "1/rule"), "Art. 9(1)");
	fx_done(r);
	/* Paged. */
	r = fx_call(w->s, &w->aud, "GET", NULL, 200, "/api/v1/policy-decisions?limit=1");
	assert_int_equal(json_array_size(json_object_get(resp_json(r), "items")), 1);
	fx_done(r);

	/* Admins too; nobody else. */
	fx_done(fx_call(w->s, &w->ada, "GET", NULL, 200, "/api/v1/policy-decisions"));
	r = fx_call(w->s, &w->tom, "GET", NULL, 403, "/api/v1/policy-decisions");
	assert_problem(r, 403);
	fx_done(r);
	fx_done(fx_call(w->s, &w->cora, "GET", NULL, 403, "/api/v1/policy-decisions"));
	fx_done(fx_call(w->s, &w->rita, "GET", NULL, 403, "/api/v1/policy-decisions"));
	r = api(w->s, "GET", "/api/v1/policy-decisions", NULL, NULL, NULL);
	assert_problem(r, 401);
	resp_free(r);
}

/* GET path with one extra header (or NULL); the response. */
static struct resp *
get_with(struct world *w, const char *method, const char *path, const char *hdr)
{
	if (hdr == NULL)
		return http(w->s, method, path, NULL, NULL);
	return http(w->s, method, path, NULL, hdr, NULL);
}

/*
 * 7. Public reads carry a strong ETag and Cache-Control; If-None-Match gets
 * 304 with no body; a repeated read answers the same bytes (from http/'s
 * cache); a withdrawal is seen at once; languages are kept apart; errors
 * are not for keeping.
 */
static void
test_disclosure__public_reads_etag_304_and_fresh_after_change(void **state)
{
	struct world	 w0, *w = boot(state, &w0, NULL);
	struct resp	*r, *r2;
	char		 cid[64], aid[48], path[128], page[192], etag[64], etag2[64], hdr[128];
	char		 zh_etag[64];

	ready_case(w, "Overflow read by the world", cid);
	/* Notified: the case's publication clock runs until the advisory is out. */
	fx_done(fx_call(w->s, &w->tom, "POST", NULL, 200, "/api/v1/cases/%s/vendors/acme/notify",
	    cid));
	draft(w, cid, aid);
	edit(w, &w->tom, aid, SOLUTION, NULL, SUMMARY);
	approve(w, aid);
	r = publish(w, aid, "{}");
	assert_status(r, 200);
	resp_free(r);
	r = fx_call(w->s, &w->tom, "GET", NULL, 200, "/api/v1/deadlines?case=%s&kind=publication",
	    cid);
	assert_string_equal(jpath(resp_json(r), "items/0/state"), "met");
	fx_done(r);
	snprintf(path, sizeof(path), "/api/v1/advisories/%s", aid);

	/* A validator and a freshness lifetime ([advisories] public_cache_seconds). */
	r = get_with(w, "GET", path, NULL);
	assert_status(r, 200);
	assert_non_null(resp_header(r, "ETag"));
	snprintf(etag, sizeof(etag), "%s", resp_header(r, "ETag"));
	assert_true(fx_matches(etag, "^\"[0-9a-f]{32}\"$"));
	assert_string_equal(resp_header(r, "Cache-Control"), "public, max-age=60");
	assert_contains(r->body, aid);
	/* The same bytes again, whatever undeclared parameters ride along. */
	snprintf(page, sizeof(page), "%s?utm_source=scanner", path);
	r2 = get_with(w, "GET", page, NULL);
	assert_status(r2, 200);
	assert_string_equal(resp_header(r2, "ETag"), etag);
	assert_int_equal(r2->len, r->len);
	assert_memory_equal(r2->body, r->body, r->len);
	/* A shared answer: every security header, but nobody's request id. */
	assert_string_equal(resp_header(r2, "X-Frame-Options"), "DENY");
	assert_string_equal(resp_header(r2, "X-Content-Type-Options"), "nosniff");
	assert_non_null(resp_header(r2, "Content-Security-Policy"));
	assert_string_equal(resp_header(r2, "Cache-Control"), "public, max-age=60");
	assert_string_equal(resp_header(r2, "Content-Type"), resp_header(r, "Content-Type"));
	assert_non_null(resp_header(r, "X-Request-Id"));
	assert_null(resp_header(r2, "X-Request-Id"));
	resp_free(r2);
	resp_free(r);

	/* The client has it: 304, no body, the same validator. */
	snprintf(hdr, sizeof(hdr), "If-None-Match: %s", etag);
	r = get_with(w, "GET", path, hdr);
	assert_status(r, 304);
	assert_int_equal(r->len, 0);
	assert_string_equal(resp_header(r, "ETag"), etag);
	assert_string_equal(resp_header(r, "Cache-Control"), "public, max-age=60");
	resp_free(r);
	snprintf(hdr, sizeof(hdr), "If-None-Match: \"0123\", W/%s", etag);
	r = get_with(w, "GET", path, hdr);
	assert_status(r, 304);
	resp_free(r);
	r = get_with(w, "GET", path, "If-None-Match: \"00000000000000000000000000000000\"");
	assert_status(r, 200);
	assert_contains(r->body, aid);
	resp_free(r);
	r = get_with(w, "HEAD", path, NULL);
	assert_status(r, 200);
	assert_int_equal(r->len, 0);
	assert_string_equal(resp_header(r, "ETag"), etag);
	resp_free(r);

	/* Each language its own page and validator. */
	snprintf(page, sizeof(page), "/advisories/%s", aid);
	r = get_with(w, "GET", page, "Accept-Language: zh-CN");
	assert_status(r, 200);
	assert_string_equal(resp_header(r, "Content-Language"), "zh-CN");
	snprintf(zh_etag, sizeof(zh_etag), "%s", resp_header(r, "ETag"));
	resp_free(r);
	r = get_with(w, "GET", page, "Accept-Language: en");
	assert_status(r, 200);
	assert_string_equal(resp_header(r, "Content-Language"), "en");
	assert_string_not_equal(resp_header(r, "ETag"), zh_etag);
	resp_free(r);
	r = get_with(w, "GET", page, "Accept-Language: zh-CN");
	assert_string_equal(resp_header(r, "ETag"), zh_etag);
	assert_string_equal(resp_header(r, "Content-Language"), "zh-CN");
	resp_free(r);

	/* Withdrawn: every reader sees it at once, and the old validator no longer fits. */
	r = api(w->s, "GET", "/api/v1/advisories", NULL, NULL, NULL);
	assert_status(r, 200);
	assert_contains(r->body, aid);
	assert_not_contains(r->body, "Only a test.");
	resp_free(r);
	fx_done(fx_call(w->s, &w->tom, "POST", "{\"reason\":\"Only a test.\"}", 200,
	    "/api/v1/advisories/%s/withdraw", aid));
	snprintf(hdr, sizeof(hdr), "If-None-Match: %s", etag);
	r = get_with(w, "GET", path, hdr);
	assert_status(r, 200);
	assert_true(json_is_string(json_object_get(resp_json(r), "withdrawn_at")));
	snprintf(etag2, sizeof(etag2), "%s", resp_header(r, "ETag"));
	assert_string_not_equal(etag2, etag);
	resp_free(r);
	r = api(w->s, "GET", "/api/v1/advisories", NULL, NULL, NULL);
	assert_contains(r->body, "withdrawn_at\":\"");
	resp_free(r);
	r = get_with(w, "GET", page, "Accept-Language: zh-CN");
	assert_string_not_equal(resp_header(r, "ETag"), zh_etag);
	resp_free(r);

	/* Errors carry no validator and are nobody's to keep. */
	r = get_with(w, "GET", "/api/v1/advisories/LDSA-2000-999999", NULL);
	assert_status(r, 404);
	assert_null(resp_header(r, "ETag"));
	assert_string_equal(resp_header(r, "Cache-Control"), "no-store");
	resp_free(r);
	/* Nor do the staff's answers. */
	r = fx_call(w->s, &w->tom, "GET", NULL, 200, "/api/v1/advisories/%s/draft", aid);
	assert_null(resp_header(r, "ETag"));
	assert_string_equal(resp_header(r, "Cache-Control"), "no-store");
	fx_done(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_disclosure__walk_to_publication_and_exports,
		    srv_setup, srv_teardown),
		cmocka_unit_test_setup_teardown(test_disclosure__gate_rule_by_rule, srv_setup,
		    srv_teardown),
		cmocka_unit_test_setup_teardown(
		    test_disclosure__scheduled_publication_held_by_major_event_window,
		    srv_setup, srv_teardown),
		cmocka_unit_test_setup_teardown(test_disclosure__foreign_vendor_refused_art_9_7,
		    srv_setup, srv_teardown),
		cmocka_unit_test_setup_teardown(test_disclosure__public_never_shows_unpublished,
		    srv_setup, srv_teardown),
		cmocka_unit_test_setup_teardown(test_disclosure__policy_log, srv_setup,
		    srv_teardown),
		cmocka_unit_test_setup_teardown(
		    test_disclosure__public_reads_etag_304_and_fresh_after_change,
		    srv_setup, srv_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
