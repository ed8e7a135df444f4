/*
 * The demo data of `loudong init` (issues 7 and 8): besides its accounts,
 * the demo publishes one advisory, made through the real use cases, so
 * that a fresh `make run` shows every public format at once:
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
 * 备案 (issue 8), on a platform started without the test-installation
 * switch (public intake would stay closed until filed, 办法 第八条):
 *  - init says the platform is filed with a demo 备案编号; every page's
 *    footer shows it, /api/v1/meta says filed, and a report is accepted;
 *    the sponsor's ID number is nowhere public.
 * On a registry (`init --role registry`):
 *  - a filed platform on /filings, /api/v1/filings/public and its CSV,
 *    with the number init printed; an application under review in the
 *    staff queue, seen by the demo registrar (who logs in with the
 *    one-time password init printed); a complaint assigned to the
 *    registrar; no sponsor ID number in any public list.
 * And a demo that fails leaves the directory uninitialised (no
 * loudong.conf), telling the operator to remove it and run init again.
 * One server per role, initialised with the demo and started once for its
 * group.
 */
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

/* The sponsors' ID numbers in the demo dossiers (src/app/demo.c): sealed, never public. */
static const char *const demo_id_numbers[] = {
	"911101080000DEMO1X",	/* the platform's own */
	"911101080000DEMO2X",	/* the registry's filed platform */
	"913101150000DEMO3X",	/* the registry's pending application */
};

/* Started without the test-installation switch: intake opens only once filed. */
#define CLOSED		"LOUDONG_FILING_OPEN_INTAKE_UNFILED=false"

#define HELD_MAX	32	/* responses one test keeps until its teardown */

struct world {
	struct srv	*s;
	char		 out[8192];	/* init's standard output */
	char		 aid[48];	/* the demo advisory, as init named it */
	char		 number[72];	/* the demo 备案编号, as init named it */
	char		 pending[48];	/* registry: the application under review */
	char		 complaint[48];	/* registry: the complaint */
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
	srv_start(w->s, (const char *[]){ CLOSED, NULL });
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

/* --- 备案 (issue 8) --- */

/*
 * The word after needle in hay (spaces skipped; up to a space, a comma, a
 * parenthesis or the line's end) into out; false if there is none.
 */
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

/* No sponsor ID number of the demo in text. */
static void
no_id_number(const char *what, const char *text)
{
	for (size_t i = 0; i < sizeof(demo_id_numbers) / sizeof(demo_id_numbers[0]); i++)
		if (strstr(text, demo_id_numbers[i]) != NULL)
			fail_msg("%s shows the ID number %s", what, demo_id_numbers[i]);
}

/*
 * 7. init says the platform is filed, with a demo 备案编号 (LDBA, the
 * year, a sequence: [filing]'s default shape), and that intake is open.
 */
static void
test_demo__platform_filed_at_init(void **state)
{
	struct world	*w = *state;

	assert_true(fx_matches(w->out, "demo platform filing: +filed with demo 备案编号 "
	    "LDBA[0-9]{4}[0-9]{5} \\(fictitious[^)]*\\), public intake open\n"));
	assert_true(word_after(w->out, "demo 备案编号", w->number, sizeof(w->number)));
	assert_true(fx_matches(w->number, "^LDBA[0-9]{9}$"));
	no_id_number("init's output", w->out);
}

/*
 * 8. Every page's footer carries the number, and none says this is a test
 * installation; /api/v1/meta says filed, intake open.  The dossier's ID
 * number is in none of them.
 */
static void
test_demo__platform_footer_and_meta(void **state)
{
	struct world	*w = *state;
	struct resp	*r;
	json_t		*fl;
	char		 want[160], adv[96];
	const char	*pages[] = { "/", "/advisories", adv, "/login" };

	assert_true(w->number[0] != '\0');
	snprintf(adv, sizeof(adv), "/advisories/%s", w->aid);
	snprintf(want, sizeof(want), "<span class=\"filing-number\">%s</span>", w->number);
	for (size_t i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		r = get_typed(w, pages[i], "text/html");
		assert_contains(r->body, want);
		assert_not_contains(r->body, "test-install");
		no_id_number(pages[i], r->body);
	}

	r = get_typed(w, "/api/v1/meta", "application/json");
	fl = json_object_get(resp_json(r), "filing");
	assert_non_null(fl);
	assert_string_equal(fx_jstr(fl, "status"), "filed");
	assert_string_equal(fx_jstr(fl, "number"), w->number);
	assert_true(fx_matches(fx_jstr(fl, "filed_on"), "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"));
	assert_true(json_is_true(json_object_get(fl, "intake_open")));
	assert_true(json_is_false(json_object_get(fl, "test_installation")));
	no_id_number("/api/v1/meta", r->body);
}

/* 9. Public intake is open: a reporter's report is received (201). */
static void
test_demo__platform_intake_open(void **state)
{
	struct world	*w = *state;
	struct cred	 rhea;
	struct resp	*r;

	fx_person(w->s, "rhea", "reporter", NULL, "Rhea Reporter", "rhea@example.org", &rhea);
	r = keep(w, api(w->s, "POST", "/api/v1/reports", &rhea, "{\"title\":\"Overflow in AX\","
	    "\"kind\":\"generic\",\"vendor\":\"Acme\",\"product\":\"AX Router\","
	    "\"description\":\"The login handler copies the name into a fixed buffer.\"}",
	    NULL));
	assert_status(r, 201);
	assert_true(fx_matches(resp_jstr(r, "id"), "^LD-[0-9]{4}-[0-9]{6,}$"));
}

/*
 * `loudong init --data-dir DIR --role registry` with the demo, into a new
 * directory (removed by srv_teardown); its standard output into out.
 * -1 (said on stderr) when init fails.
 */
static int
init_registry_demo(struct srv *s, char *out, size_t outsz)
{
	int	rc;

	snprintf(s->dir, sizeof(s->dir), "/tmp/loudong-test-XXXXXX");
	if (mkdtemp(s->dir) == NULL) {
		s->dir[0] = '\0';
		fprintf(stderr, "mkdtemp failed\n");
		return -1;
	}
	rc = srv_cli(s, NULL, out, outsz, (const char *const[]){ "init", "--data-dir", s->dir,
	    "--role", "registry", NULL });
	if (rc != 0) {
		fprintf(stderr, "'loudong init --role registry' exited with %d:\n%s\n", rc, out);
		return -1;
	}
	return 0;
}

/* Group setup: a registry initialised with the demo, then served. */
static int
boot_registry(void **state)
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
	if (init_registry_demo(w->s, w->out, sizeof(w->out)) != 0 ||
	    !word_after(w->out, "demo 备案编号", w->number, sizeof(w->number)) ||
	    !word_after(w->out, "demo pending application:", w->pending, sizeof(w->pending)) ||
	    !word_after(w->out, "demo complaint:", w->complaint, sizeof(w->complaint))) {
		fprintf(stderr, "init named no filed platform, application or complaint:\n%s\n",
		    w->out);
		shutdown_all(state);
		return -1;
	}
	srv_start(w->s, NULL);
	return 0;
}

/* The one-time password init printed for login (on its account's line), into out. */
static void
one_time_password(struct world *w, const char *login, char *out, size_t outsz)
{
	const char	*p;
	size_t		 n = strlen(login);

	/* The login stands alone on its line (logins are padded): not a prefix of another. */
	for (p = strstr(w->out, login); p != NULL; p = strstr(p + 1, login))
		if (p > w->out && p[-1] == ' ' && p[n] == ' ')
			break;
	assert_non_null(p);
	assert_true(word_after(p, "one-time password:", out, outsz));
	assert_int_equal(strlen(out), 20);
}

/* A session of login, its one-time password changed to new_pw first. */
static void
first_login(struct world *w, const char *login, const char *new_pw, struct cred *c)
{
	char		 otp[32], body[256];
	struct resp	*r;

	one_time_password(w, login, otp, sizeof(otp));
	assert_int_equal(srv_login(w->s, login, otp, c, NULL), 201);
	snprintf(body, sizeof(body), "{\"current_password\":\"%s\",\"new_password\":\"%s\"}",
	    otp, new_pw);
	r = keep(w, api(w->s, "POST", "/api/v1/me/password", c, body, NULL));
	assert_status(r, 204);
}

/* 10. init names every registry demo item with its id and the accounts with passwords. */
static void
test_demo__registry_init_names_items(void **state)
{
	struct world	*w = *state;

	assert_true(fx_matches(w->out,
	    "demo registrar account: +demo-registrar +one-time password: [A-Za-z0-9]{20}"));
	assert_true(fx_matches(w->out,
	    "demo applicant account: +demo-applicant +one-time password: [A-Za-z0-9]{20}"));
	assert_true(fx_matches(w->out,
	    "demo applicant account: +demo-applicant-2 +one-time password: [A-Za-z0-9]{20}"));
	assert_true(fx_matches(w->number, "^LDBA[0-9]{9}$"));
	assert_true(fx_matches(w->out, "demo filed platform: +示例漏洞收集平台, demo 备案编号 "
	    "LDBA[0-9]{9} \\(application BA-[0-9]{4}-[0-9]{6}, approved by demo-registrar\\)"));
	assert_true(fx_matches(w->pending, "^BA-[0-9]{4}-[0-9]{6}$"));
	assert_true(fx_matches(w->complaint, "^JB-[0-9]{4}-[0-9]{6}$"));
	/* The existing demo still runs on a registry: its advisory is published. */
	assert_true(advisory_named(w));
	no_id_number("init's output", w->out);
}

/*
 * 11. The public list (page, JSON, CSV) shows the filed platform with the
 * number init printed, and not the one under review; no ID number.
 */
static void
test_demo__registry_public_list(void **state)
{
	struct world	*w = *state;
	struct resp	*r;
	json_t		*items;

	r = get_typed(w, "/api/v1/filings/public", "application/json");
	items = json_object_get(resp_json(r), "items");
	assert_int_equal(json_array_size(items), 1);
	assert_string_equal(jpath(items, "0/number"), w->number);
	assert_string_equal(jpath(items, "0/name"), "示例漏洞收集平台");
	assert_string_equal(jpath(items, "0/sponsor"), "示例网络安全技术有限公司");
	assert_string_equal(jpath(items, "0/url"), "https://vuln.example.cn/");
	assert_string_equal(jpath(items, "0/status"), "filed");
	no_id_number("/api/v1/filings/public", r->body);

	r = get_typed(w, "/api/v1/filings/public.csv", "text/csv");
	assert_contains(r->body, w->number);
	assert_contains(r->body, "示例漏洞收集平台");
	assert_not_contains(r->body, "样例漏洞响应平台");
	no_id_number("/api/v1/filings/public.csv", r->body);

	r = get_typed(w, "/filings", "text/html");
	assert_contains(r->body, w->number);
	assert_contains(r->body, "示例漏洞收集平台");
	assert_not_contains(r->body, "样例漏洞响应平台");
	no_id_number("/filings", r->body);
}

/*
 * 12. The demo registrar, logged in with init's one-time password, finds
 * the pending application in the staff queue, under review with its clock,
 * and the filed one approved.
 */
static void
test_demo__registry_staff_queue(void **state)
{
	struct world	*w = *state;
	struct cred	 reg;
	struct resp	*r;
	json_t		*items, *it, *o;
	bool		 found = false;
	char		 path[128];

	first_login(w, "demo-registrar", "demo registrar password 2026", &reg);
	r = keep(w, api(w->s, "GET", "/api/v1/filings/applications?state=open", &reg, NULL,
	    NULL));
	assert_status(r, 200);
	items = json_object_get(resp_json(r), "items");
	assert_int_equal(json_array_size(items), 1);
	for (size_t i = 0; i < json_array_size(items); i++) {
		it = json_array_get(items, i);
		if (strcmp(fx_jstr(it, "id"), w->pending) != 0)
			continue;
		found = true;
		assert_string_equal(fx_jstr(it, "state"), "submitted");
		assert_string_equal(fx_jstr(it, "kind"), "initial");
		assert_string_equal(jpath(it, "platform/name"), "样例漏洞响应平台");
		assert_string_equal(jpath(it, "org/slug"), "example-platform-2");
		assert_true(json_is_string(json_object_get(it, "due_at")));
	}
	assert_true(found);

	snprintf(path, sizeof(path), "/api/v1/filings/applications/%s", w->pending);
	r = keep(w, api(w->s, "GET", path, &reg, NULL, NULL));
	assert_status(r, 200);
	o = resp_json(r);
	assert_string_equal(fx_jstr(o, "state"), "submitted");
	assert_true(json_is_string(json_object_get(o, "review_due_at")));
	assert_int_equal(json_array_size(json_object_get(o, "deficiencies")), 0);
	/* The staff see the whole dossier, its documents among it. */
	assert_string_equal(jpath(o, "fields/sponsor.id_number"), "913101150000DEMO3X");
	assert_true(json_array_size(json_object_get(o, "documents")) >= 6);

	r = keep(w, api(w->s, "GET", "/api/v1/filings/applications?state=approved", &reg, NULL,
	    NULL));
	assert_status(r, 200);
	items = json_object_get(resp_json(r), "items");
	assert_int_equal(json_array_size(items), 1);
	assert_string_equal(jpath(items, "0/filing_number"), w->number);
	assert_string_equal(jpath(items, "0/org/slug"), "example-platform");
}

/* 13. The complaint is there, assigned to the demo registrar. */
static void
test_demo__registry_complaint(void **state)
{
	struct world	*w = *state;
	struct cred	 cora;
	struct resp	*r;
	json_t		*o;
	char		 path[128];

	/* Another staff member: the registrar's first login belongs to test 12. */
	fx_person(w->s, "cora", "coordinator", NULL, "Cora", "cora@registry.example", &cora);
	snprintf(path, sizeof(path), "/api/v1/complaints/%s", w->complaint);
	r = keep(w, api(w->s, "GET", path, &cora, NULL, NULL));
	assert_status(r, 200);
	o = resp_json(r);
	assert_string_equal(fx_jstr(o, "id"), w->complaint);
	assert_string_equal(fx_jstr(o, "state"), "assigned");
	assert_string_equal(fx_jstr(o, "assignee"), "demo-registrar");
	assert_string_equal(fx_jstr(o, "category"), "no_filing");
	assert_string_equal(jpath(o, "platform/name"), "某漏洞交流论坛（示例）");
	assert_contains(fx_jstr(o, "description"), "演示数据");

	r = keep(w, api(w->s, "GET", "/api/v1/complaints", &cora, NULL, NULL));
	assert_status(r, 200);
	assert_int_equal(json_array_size(json_object_get(resp_json(r), "items")), 1);
}

/*
 * Run `loudong init --data-dir dir` with extra environment ("K=V", NULL
 * ended; the harness's cheap Argon2 too), its standard output and error
 * into out; the exit status, or -1.
 */
static int
init_with_env(const char *dir, const char *const *extra, char *out, size_t outsz)
{
	extern char	**environ;
	const char	*base[] = { "LOUDONG_AUTH_ARGON2_MEMLIMIT_KIB=8192",
			    "LOUDONG_AUTH_ARGON2_OPSLIMIT=1", "LOUDONG_LOG_LEVEL=warn", NULL };
	const char	*argv[] = { LOUDONG_BIN, "init", "--data-dir", dir, NULL };
	const char	*envp[256];
	size_t		 n = 0, off = 0, i;
	ssize_t		 got;
	int		 fds[2], st;
	pid_t		 pid;

	for (i = 0; environ[i] != NULL && n < 200; i++)
		if (strncmp(environ[i], "LOUDONG_", 8) != 0)
			envp[n++] = environ[i];
	for (i = 0; base[i] != NULL; i++)
		envp[n++] = base[i];
	for (i = 0; extra[i] != NULL && n < 254; i++)
		envp[n++] = extra[i];
	envp[n] = NULL;
	if (pipe(fds) != 0 || (pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		close(fds[0]);
		close(fds[1]);
		/* execve's prototype predates const; it does not write. */
		execve(LOUDONG_BIN, (char *const *)argv, (char *const *)envp);
		_exit(127);
	}
	close(fds[1]);
	while ((got = read(fds[0], out + off, outsz - 1 - off)) > 0 && off + 1 < outsz)
		off += (size_t)got;
	out[off] = '\0';
	close(fds[0]);
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

/*
 * 14. Issue 8: a demo that fails leaves no loudong.conf, so the directory
 * does not count as initialised, and init says to remove it and run init
 * again.  Here the demo fails because a field set of its own asks for an
 * item the demo cannot fill in.
 */
static void
test_demo__issue8_failed_demo_not_initialised(void **state)
{
	struct srv	*s = *state;
	char		 fields[128], env[160], data[96], conf[256], out[16384];
	FILE		*f;

	snprintf(s->dir, sizeof(s->dir), "/tmp/loudong-test-XXXXXX");
	assert_non_null(mkdtemp(s->dir));
	snprintf(fields, sizeof(fields), "%s/fields.conf", s->dir);
	assert_non_null(f = fopen(fields, "w"));
	fputs("1|platform.name|text|required,public|100|名称|Name\n"
	    "1|platform.url|url|required,public|500|网址|URL\n"
	    "1|platform.icp|text|required,public|64|ICP 备案号|ICP number\n"
	    "2|sponsor.name|text|required,public|200|主办者|Sponsor\n"
	    "6|other.unknown_to_the_demo|text|required|100|演示不知道的项|An item the demo "
	    "does not know\n", f);
	assert_int_equal(fclose(f), 0);
	snprintf(env, sizeof(env), "LOUDONG_FILING_FIELDS_FILE=%s", fields);
	/* A directory init makes itself: the message may say to remove it. */
	snprintf(data, sizeof(data), "%s/data", s->dir);
	assert_int_equal(init_with_env(data, (const char *[]){ env, NULL }, out, sizeof(out)),
	    1);
	assert_contains(out, "other.unknown_to_the_demo");
	assert_contains(out, "the demo data could not be made");
	snprintf(conf, sizeof(conf), "'%s' is not initialised; remove the directory and run "
	    "'loudong init' again", data);
	assert_contains(out, conf);
	/* Nothing claims otherwise, and no password is shown for a directory to remove. */
	assert_not_contains(out, "Initialised");
	assert_not_contains(out, "one-time password");
	snprintf(conf, sizeof(conf), "%s/loudong.conf", data);
	assert_int_not_equal(access(conf, F_OK), 0);
	/* So serve refuses it as not initialised. */
	assert_int_not_equal(srv_cli(s, NULL, out, sizeof(out), (const char *const[]){ "serve",
	    "--data-dir", data, "--listen", "127.0.0.1:0", NULL }), 0);
}

int
main(void)
{
	const struct CMUnitTest platform[] = {
		cmocka_unit_test_teardown(test_demo__init_names_the_advisory, release),
		cmocka_unit_test_teardown(test_demo__published_through_the_workflow, release),
		cmocka_unit_test_teardown(test_demo__every_format, release),
		cmocka_unit_test_teardown(test_demo__formats_valid_against_schemas, release),
		cmocka_unit_test_teardown(test_demo__pages_and_feed, release),
		cmocka_unit_test_teardown(test_demo__csaf_provider_layout, release),
		cmocka_unit_test_teardown(test_demo__platform_filed_at_init, release),
		cmocka_unit_test_teardown(test_demo__platform_footer_and_meta, release),
		cmocka_unit_test_teardown(test_demo__platform_intake_open, release),
	};
	const struct CMUnitTest registry[] = {
		cmocka_unit_test_teardown(test_demo__registry_init_names_items, release),
		cmocka_unit_test_teardown(test_demo__registry_public_list, release),
		cmocka_unit_test_teardown(test_demo__registry_staff_queue, release),
		cmocka_unit_test_teardown(test_demo__registry_complaint, release),
	};
	const struct CMUnitTest failing[] = {
		cmocka_unit_test_setup_teardown(test_demo__issue8_failed_demo_not_initialised,
		    srv_setup, srv_teardown),
	};
	int	rc = 0;

	rc |= cmocka_run_group_tests_name("platform", platform, boot, shutdown_all);
	rc |= cmocka_run_group_tests_name("registry", registry, boot_registry, shutdown_all);
	rc |= cmocka_run_group_tests_name("failing demo", failing, NULL, NULL);
	return rc;
}
