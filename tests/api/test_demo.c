/*
 * The demo data of `loudong init` (issue 7): besides its accounts, the
 * demo publishes one advisory, made through the real use cases, so that a
 * fresh `make run` shows every public format at once:
 *  - init names the advisory, its public URL and the analyst's account;
 *  - the public API lists exactly it, published, with its texts; the staff
 *    see who drafted it and that another person approved it, and its case
 *    is published;
 *  - CSAF, CVE JSON 5, OSV and GB/T 28458 answer with their types and
 *    bodies that parse (and are valid against the official schemas when
 *    the shared data is there);
 *  - the public pages and the Atom feed show it;
 *  - the CSAF trusted-provider layout carries it, with hashes that match
 *    and a signature.
 * One server, initialised with the demo and started once for the group.
 */
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <sodium.h>

#include "fixtures.h"
#include "harness.h"

#define CSAF_SCHEMA	"/csaf/oasis-tcs-csaf/csaf_2.0/json_schema/csaf_json_schema.json"
#define CVE5_SCHEMA	"/cve5/schema-cvelib/CVE_JSON_bundled_5.1.1.json"
#define OSV_SCHEMA	"/osv/ossf-osv-schema/validation/schema.json"

/* What the demo is made of (src/app/demo.c). */
#define DEMO_CVE	"CVE-2026-99999"
#define DEMO_ALIAS	"白帽小王 (Wang)"
#define DEMO_FIXED	"1.2.5"
#define DEMO_BASE_URL	"http://127.0.0.1:8080"	/* [instance] base_url's default */

#define HELD_MAX	32	/* responses one test keeps until its teardown */

struct world {
	struct srv	*s;
	char		 out[8192];	/* init's standard output */
	char		 aid[48];	/* the demo advisory, as init named it */
	struct resp	*held[HELD_MAX];	/* freed by release(), even after a skip */
	size_t		 nheld;
};

/* Keep r until the test's teardown; r. */
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

/* GET path without credentials, kept. */
static struct resp *
get(struct world *w, const char *path)
{
	return keep(w, http(w->s, "GET", path, NULL, NULL));
}

/* GET path: 200 with a Content-Type starting with ctype; kept. */
static struct resp *
get_typed(struct world *w, const char *path, const char *ctype)
{
	struct resp	*r = get(w, path);
	const char	*t;

	assert_status(r, 200);
	t = resp_header(r, "Content-Type");
	assert_non_null(t);
	if (strncmp(t, ctype, strlen(ctype)) != 0)
		fail_msg("%s: Content-Type '%s', want '%s'", path, t, ctype);
	return r;
}

/* Per-test teardown: free what the test kept. */
static int
release(void **state)
{
	struct world	*w = *state;

	for (size_t i = 0; i < w->nheld; i++)
		resp_free(w->held[i]);
	w->nheld = 0;
	return 0;
}

/* The id after "demo advisory:" in init's output, into w->aid. */
static bool
advisory_named(struct world *w)
{
	const char	*p = strstr(w->out, "demo advisory:");
	size_t		 n;

	if (p == NULL)
		return false;
	p += strlen("demo advisory:");
	while (*p == ' ')
		p++;
	for (n = 0; p[n] != '\0' && p[n] != ' ' && p[n] != '\n'; n++)
		;
	if (n == 0 || n >= sizeof(w->aid))
		return false;
	memcpy(w->aid, p, n);
	w->aid[n] = '\0';
	return true;
}

/* Group teardown: stop the server, remove its directory. */
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

/* Group setup: init with the demo, then serve it. */
static int
boot(void **state)
{
	struct world	*w;
	void		*sp = NULL;

	if (sodium_init() < 0 || (w = calloc(1, sizeof(*w))) == NULL)
		return -1;
	*state = w;
	if (srv_setup(&sp) != 0) {
		free(w);
		*state = NULL;
		return -1;
	}
	w->s = sp;
	srv_init_demo(w->s, w->out, sizeof(w->out));
	if (!advisory_named(w)) {
		fprintf(stderr, "init named no demo advisory:\n%s\n", w->out);
		shutdown_all(state);
		return -1;
	}
	srv_start(w->s, NULL);
	return 0;
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

/* "<year>/<lower-cased id>.json", the CSAF document's place below white/. */
static void
csaf_file(struct world *w, const char *year, char *out, size_t outsz)
{
	char	file[64];
	size_t	i;

	for (i = 0; w->aid[i] != '\0' && i < sizeof(file) - 1; i++)
		file[i] = (char)(w->aid[i] >= 'A' && w->aid[i] <= 'Z' ?
		    w->aid[i] - 'A' + 'a' : w->aid[i]);
	file[i] = '\0';
	snprintf(out, outsz, "%s/%s.json", year, file);
}

/*
 * 1. init says what it made: the advisory (published, with its public
 * URL) and the analyst's account among the others.
 */
static void
test_demo__init_names_the_advisory(void **state)
{
	struct world	*w = *state;
	char		 line[256];

	assert_true(fx_matches(w->aid, "^LDSA-[0-9]{4}-[0-9]{6,}$"));
	snprintf(line, sizeof(line), "%s published — " DEMO_BASE_URL "/advisories/%s\n",
	    w->aid, w->aid);
	assert_contains(w->out, line);
	assert_true(fx_matches(w->out,
	    "demo analyst account: +demo-analyst +one-time password: [A-Za-z0-9]{20}"));
	assert_true(fx_matches(w->out,
	    "demo reporter account: +demo-reporter +one-time password: [A-Za-z0-9]{20}"));
	assert_true(fx_matches(w->out,
	    "demo vendor account: +demo-vendor +one-time password: [A-Za-z0-9]{20}"));
}

/*
 * 2. The public API lists exactly the demo advisory, published and
 * complete; the staff see that a second person approved it and that its
 * case is published.
 */
static void
test_demo__published_through_the_workflow(void **state)
{
	struct world	*w = *state;
	struct resp	*r;
	struct cred	 admin;
	json_t		*o, *items;
	char		 path[160], cid[64];

	r = get_typed(w, "/api/v1/advisories", "application/json");
	items = json_object_get(resp_json(r), "items");
	assert_int_equal(json_array_size(items), 1);
	assert_string_equal(jpath(items, "0/id"), w->aid);
	assert_string_equal(jpath(items, "0/grade"), "critical");
	assert_true(json_is_string(json_object_get(json_array_get(items, 0), "published_at")));
	assert_true(json_is_null(json_object_get(json_array_get(items, 0), "withdrawn_at")));

	snprintf(path, sizeof(path), "/api/v1/advisories/%s", w->aid);
	r = get_typed(w, path, "application/json");
	o = resp_json(r);
	assert_non_null(o);
	assert_string_equal(fx_jstr(o, "id"), w->aid);
	assert_true(json_is_string(json_object_get(o, "published_at")));
	assert_true(json_is_null(json_object_get(o, "withdrawn_at")));
	assert_true(strlen(fx_jstr(o, "solution")) > 0);
	assert_contains(fx_jstr(o, "solution"), DEMO_FIXED);
	assert_true(strlen(fx_jstr(o, "mitigation")) > 0);
	assert_contains(fx_jstr(o, "summary"), "栈缓冲区溢出");
	assert_contains(fx_jstr(o, "summary"), "stack-based buffer overflow");
	assert_string_equal(fx_jstr(o, "discoverer"), DEMO_ALIAS);
	assert_string_equal(jpath(o, "products/0/vendor_slug"), "example-vendor");
	assert_string_equal(jpath(o, "products/0/fixed_version"), DEMO_FIXED);
	assert_string_equal(jpath(o, "ids/0/value"), DEMO_CVE);
	assert_string_equal(jpath(o, "cwes/0/id"), "CWE-121");
	assert_string_equal(jpath(o, "cvss/0/severity"), "CRITICAL");

	/* As the staff see it: drafted by the analyst, approved by admin. */
	srv_admin_session(w->s, "demo admin password 2026", &admin);
	snprintf(path, sizeof(path), "/api/v1/advisories/%s/draft", w->aid);
	r = keep(w, api(w->s, "GET", path, &admin, NULL, NULL));
	assert_status(r, 200);
	o = resp_json(r);
	assert_string_equal(fx_jstr(o, "state"), "published");
	assert_int_equal(json_integer_value(json_object_get(o, "public_version")), 2);
	assert_string_equal(jpath(o, "versions/0/created_by"), "demo-analyst");
	assert_string_equal(jpath(o, "versions/1/created_by"), "demo-analyst");
	assert_string_equal(jpath(o, "versions/1/reviewed_by"), "admin");
	assert_string_equal(jpath(o, "versions/1/review"), "approved");
	snprintf(cid, sizeof(cid), "%s", fx_jstr(o, "case"));
	assert_non_null(strstr(cid, "-C-"));
	snprintf(path, sizeof(path), "/api/v1/cases/%s", cid);
	r = keep(w, api(w->s, "GET", path, &admin, NULL, NULL));
	assert_status(r, 200);
	assert_string_equal(resp_jstr(r, "state"), "published");
}

/* 3. Every export format: its type, a body that parses, the advisory in it. */
static void
test_demo__every_format(void **state)
{
	struct world	*w = *state;
	struct resp	*r;
	json_t		*o;
	char		 path[160];

	snprintf(path, sizeof(path), "/api/v1/advisories/%s/csaf", w->aid);
	r = get_typed(w, path, "application/json");
	assert_non_null(o = resp_json(r));
	assert_string_equal(jpath(o, "document/tracking/id"), w->aid);
	assert_string_equal(jpath(o, "document/csaf_version"), "2.0");
	assert_contains(r->body, DEMO_CVE);
	assert_contains(r->body, DEMO_FIXED);

	snprintf(path, sizeof(path), "/api/v1/advisories/%s/cve5", w->aid);
	r = get_typed(w, path, "application/json");
	assert_non_null(o = resp_json(r));
	assert_string_equal(jpath(o, "dataType"), "CVE_RECORD");
	assert_string_equal(jpath(o, "cveMetadata/cveId"), DEMO_CVE);
	assert_contains(r->body, "EX-R3000");

	snprintf(path, sizeof(path), "/api/v1/advisories/%s/osv", w->aid);
	r = get_typed(w, path, "application/json");
	assert_non_null(o = resp_json(r));
	assert_non_null(jpath(o, "id"));
	assert_contains(jpath(o, "id"), w->aid);
	assert_string_equal(jpath(o, "aliases/0"), DEMO_CVE);
	assert_string_equal(jpath(o, "credits/0/name"), DEMO_ALIAS);

	snprintf(path, sizeof(path), "/api/v1/advisories/%s/gbt28458", w->aid);
	r = get_typed(w, path, "application/xml");
	assert_true(strncmp(r->body, "<?xml", 5) == 0);
	snprintf(path, sizeof(path), "<identifier>%s</identifier>", w->aid);
	assert_contains(r->body, path);
	assert_contains(r->body, "<grade>超危</grade>");
	assert_contains(r->body, DEMO_CVE);
}

/*
 * Validate text with tests/schema/validate.py against the schema below the
 * shared data (a temporary file, removed).  Fails the test when the
 * document is invalid; says so and goes on when the validator cannot run.
 */
static void
schema_valid(const char *schema, const char *what, const char *text)
{
	char	 tmpl[] = "/tmp/test_demo_XXXXXX", cmd[2048];
	size_t	 n = strlen(text);
	int	 fd, rc;

	assert_true((fd = mkstemp(tmpl)) >= 0);
	if (write(fd, text, n) != (ssize_t)n) {
		close(fd);
		unlink(tmpl);
		fail_msg("cannot write '%s'", tmpl);
	}
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
		fail_msg("the demo's %s document is not valid against %s:\n%.4000s", what,
		    schema, text);
}

/* 4. CSAF, CVE JSON 5 and OSV are valid against their official schemas. */
static void
test_demo__formats_valid_against_schemas(void **state)
{
	static const struct {
		const char	*fmt, *schema, *what;
	} docs[] = {
		{ "csaf", CSAF_SCHEMA, "CSAF" },
		{ "cve5", CVE5_SCHEMA, "CVE JSON 5" },
		{ "osv", OSV_SCHEMA, "OSV" },
	};
	struct world	*w = *state;
	struct resp	*r;
	char		 path[160];

	if (access(LOUDONG_SHARED_DATA, R_OK) != 0) {
		print_message("no shared data at '%s': the schema checks are skipped\n",
		    LOUDONG_SHARED_DATA);
		skip();
	}
	for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		snprintf(path, sizeof(path), "/api/v1/advisories/%s/%s", w->aid, docs[i].fmt);
		r = get_typed(w, path, "application/json");
		schema_valid(docs[i].schema, docs[i].what, r->body);
	}
}

/* 5. The public pages and the Atom feed show it. */
static void
test_demo__pages_and_feed(void **state)
{
	struct world	*w = *state;
	struct resp	*r;
	char		 path[160];

	r = get_typed(w, "/advisories", "text/html");
	assert_contains(r->body, w->aid);
	assert_contains(r->body, "EX-R3000");

	snprintf(path, sizeof(path), "/advisories/%s", w->aid);
	r = get_typed(w, path, "text/html");
	assert_contains(r->body, w->aid);
	assert_contains(r->body, DEMO_FIXED);
	assert_contains(r->body, DEMO_CVE);

	r = get_typed(w, "/advisories.atom", "application/atom+xml");
	assert_contains(r->body, "<feed");
	assert_contains(r->body, w->aid);
}

/* Lower-case hex of a digest. */
static void
hex(const unsigned char *d, size_t n, char *out)
{
	static const char	digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[d[i] >> 4];
		out[2 * i + 1] = digits[d[i] & 15];
	}
	out[2 * n] = '\0';
}

/*
 * 6. The CSAF trusted-provider layout: the provider metadata, the index
 * and the feed name it; the document is there, its .sha256 and .sha512
 * are the digests of what is served, and its .asc is a signature.
 */
static void
test_demo__csaf_provider_layout(void **state)
{
	struct world	*w = *state;
	struct resp	*r, *doc;
	unsigned char	 d256[crypto_hash_sha256_BYTES], d512[crypto_hash_sha512_BYTES];
	char		 year[8], file[96], path[192], want[2 * crypto_hash_sha512_BYTES + 128];
	char		 digest[2 * crypto_hash_sha512_BYTES + 1];
	const char	*base;

	r = get_typed(w, "/.well-known/csaf/provider-metadata.json", "application/json");
	assert_non_null(resp_json(r));
	assert_string_equal(jpath(resp_json(r), "canonical_url"),
	    DEMO_BASE_URL "/.well-known/csaf/provider-metadata.json");

	/* The year of the first release, from the document itself (CSAF §7.1.11). */
	snprintf(path, sizeof(path), "/api/v1/advisories/%s/csaf", w->aid);
	r = get_typed(w, path, "application/json");
	assert_non_null(jpath(resp_json(r), "document/tracking/initial_release_date"));
	snprintf(year, sizeof(year), "%.4s",
	    jpath(resp_json(r), "document/tracking/initial_release_date"));
	csaf_file(w, year, file, sizeof(file));

	r = get_typed(w, "/.well-known/csaf/white/index.txt", "text/plain");
	assert_contains(r->body, file);
	r = get_typed(w, "/.well-known/csaf/white/feed-tlp-white.json", "application/json");
	assert_contains(r->body, w->aid);

	snprintf(path, sizeof(path), "/.well-known/csaf/white/%s", file);
	doc = get_typed(w, path, "application/json");
	assert_string_equal(jpath(resp_json(doc), "document/tracking/id"), w->aid);
	base = strrchr(file, '/') + 1;

	crypto_hash_sha256(d256, (const unsigned char *)doc->body, doc->len);
	hex(d256, sizeof(d256), digest);
	snprintf(want, sizeof(want), "%s  %s\n", digest, base);
	snprintf(path, sizeof(path), "/.well-known/csaf/white/%s.sha256", file);
	r = get_typed(w, path, "text/plain");
	assert_string_equal(r->body, want);

	crypto_hash_sha512(d512, (const unsigned char *)doc->body, doc->len);
	hex(d512, sizeof(d512), digest);
	snprintf(want, sizeof(want), "%s  %s\n", digest, base);
	snprintf(path, sizeof(path), "/.well-known/csaf/white/%s.sha512", file);
	r = get_typed(w, path, "text/plain");
	assert_string_equal(r->body, want);

	snprintf(path, sizeof(path), "/.well-known/csaf/white/%s.asc", file);
	r = get_typed(w, path, "application/pgp-signature");
	assert_true(strncmp(r->body, "-----BEGIN PGP SIGNATURE-----", 29) == 0);
	assert_contains(r->body, "-----END PGP SIGNATURE-----");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_demo__init_names_the_advisory, release),
		cmocka_unit_test_teardown(test_demo__published_through_the_workflow, release),
		cmocka_unit_test_teardown(test_demo__every_format, release),
		cmocka_unit_test_teardown(test_demo__formats_valid_against_schemas, release),
		cmocka_unit_test_teardown(test_demo__pages_and_feed, release),
		cmocka_unit_test_teardown(test_demo__csaf_provider_layout, release),
	};

	return cmocka_run_group_tests(tests, boot, shutdown_all);
}
