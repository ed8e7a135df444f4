/*
 * formats/csaf*: CSAF 2.0 documents from an advisory (valid against the
 * official schema and every mandatory test), the mandatory tests of §6.1
 * against the OASIS test cases and secvisogram's extra ones (both under
 * ../shared/data/csaf), and the trusted provider's files
 * (provider-metadata.json, index.txt, changes.csv, the ROLIE feed).
 *
 * Schema validation runs tests/schema/validate.py (python3-jsonschema);
 * tests that need it or the shared data skip with a message without them.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "core/arena.h"
#include "core/sbuf.h"
#include "formats/csaf_check_int.h"
#include "formats/formats.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

#define CSAF_DATA	LOUDONG_SHARED_DATA "/csaf/oasis-tcs-csaf/csaf_2.0"
#define CSAF_SCHEMA	CSAF_DATA "/json_schema/csaf_json_schema.json"
#define PROVIDER_SCHEMA	CSAF_DATA "/json_schema/provider_json_schema.json"
#define TESTCASES	CSAF_DATA "/test/validator/data"
#define EXTRA_TESTS	LOUDONG_SHARED_DATA "/csaf/secvisogram-extra-testcases/tests"
#define CWE_CSV		LOUDONG_SHARED_DATA "/cwe/cwe_v4.15_ids_names.csv"

#define FINDINGS_MAX	256
#define BASE_URL	"https://vd.example.cn"

static bool
path_exists(const char *path)
{
	struct stat	st;

	return stat(path, &st) == 0;
}

static void
need_data(void)
{
	if (!path_exists(CSAF_DATA) || !path_exists(CWE_CSV)) {
		print_message("skipping: no CSAF test data at '%s' or no CWE list at '%s'\n",
		    CSAF_DATA, CWE_CSV);
		skip();
	}
}

/* python3 with jsonschema, for tests/schema/validate.py. */
static void
need_validator(void)
{
	need_data();
	if (!path_exists("/usr/bin/python3") ||
	    system("/usr/bin/python3 -c 'import jsonschema' >/dev/null 2>&1") != 0) {
		print_message("skipping: /usr/bin/python3 with jsonschema is not installed\n");
		skip();
	}
}

/* Whether text is valid against schema (written to a temporary file). */
static bool
schema_valid(const char *schema, const char *text)
{
	char	 tmpl[] = "/tmp/test_csaf_XXXXXX", cmd[1024];
	int	 fd, rc;
	size_t	 n = strlen(text);

	assert_true((fd = mkstemp(tmpl)) >= 0);
	assert_int_equal(write(fd, text, n), (ssize_t)n);
	close(fd);
	snprintf(cmd, sizeof(cmd), "%s '%s' '%s'", LOUDONG_SCHEMA_VALIDATE, schema, tmpl);
	rc = system(cmd);
	unlink(tmpl);
	return rc == 0;
}

/* The CWE catalogue (id, name) from the shared CSV, for 6.1.11. */
struct cwe_list {
	long	 id[2048];
	char	*name[2048];
	size_t	 n;
};

static const char *
cwe_name(void *arg, long id)
{
	struct cwe_list	*l = arg;

	for (size_t i = 0; i < l->n; i++)
		if (l->id[i] == id)
			return l->name[i];
	return NULL;
}

/* "CWE-79,Weakness,Name or "Name, with commas",…" lines. */
static bool
cwe_load(struct cwe_list *l)
{
	char	 line[2048], *p, *name, *w;
	FILE	*fp;

	l->n = 0;
	if ((fp = fopen(CWE_CSV, "r")) == NULL)
		return false;
	while (fgets(line, sizeof(line), fp) != NULL && l->n < NELEM(l->id)) {
		if (strncmp(line, "CWE-", 4) != 0 || (p = strchr(line, ',')) == NULL ||
		    (p = strchr(p + 1, ',')) == NULL)
			continue;
		name = w = ++p;
		if (*p == '"') {
			for (p++; *p != '\0'; p++) {
				if (*p == '"' && p[1] == '"')
					p++;
				else if (*p == '"')
					break;
				*w++ = *p;
			}
		} else
			while (*p != '\0' && *p != ',' && *p != '\n')
				*w++ = *p++;
		*w = '\0';
		l->id[l->n] = strtol(line + 4, NULL, 10);
		l->name[l->n++] = strdup(name);
	}
	fclose(fp);
	return l->n > 0;
}

static void
cwe_free(struct cwe_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->name[i]);
	l->n = 0;
}

/* A rich advisory: several products, ranges, fixes, ids, vectors, CWEs, history. */
static struct adv_product products[] = {
	{ "Acme", "acme", "Router", "AX-1", "< 2.4.1", "2.4.1",
	    "cpe:2.3:h:acme:router_ax-1:*:*:*:*:*:*:*:*", "" },
	{ "Acme", "acme", "Router", "AX-2", ">= 1.2, < 2.0", "2.0", "", "" },
	{ "Acme", "acme", "Web Console", "", "2.1, 2.2", "2.3", "not a cpe",
	    "pkg:npm/%40acme/console" },
	{ "Beta Soft", "", "Library", "", "1.0 - 2.3", "", "", "pkg:maven/com.beta/lib" },
	{ "Beta Soft", "", "Agent", "", "*", "", "", "pkg:maven/@1.0" },
	{ "Gamma", "", "Thing", "", "before 3.0 and all later betas", "3.0", "", "" },
};
static struct adv_id ids[] = {
	{ "CVE", "CVE-2024-12345" }, { "CNVD", "CNVD-2024-01234" },
	{ "CNNVD", "CNNVD-202401-1234" },
};
static struct adv_cvss vectors[] = {
	/* The stored 9.9 is wrong: the score is computed again (9.8). */
	{ "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 99, "CRITICAL" },
	{ "AV:N/AC:L/Au:N/C:P/I:P/A:P", 75, "HIGH" },
	{ "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 93, "CRITICAL" },
	/* A second v3.1 vector: left out (6.1.7). */
	{ "CVSS:3.1/AV:L/AC:L/PR:H/UI:R/S:U/C:H/I:H/A:H/E:P", 63, "MEDIUM" },
};
static struct adv_cwe cwes[] = {
	{ "CWE-79", "Improper Neutralization of Input During Web Page Generation "
	    "('Cross-site Scripting')" },
	{ "CWE-20", "Improper Input Validation" },
};
static struct adv_ref refs[] = {
	{ "https://acme.example.com/security/2024-01", "Vendor advisory" },
	{ "https://www.cve.org/CVERecord?id=CVE-2024-12345", "" },
};
static struct adv_revision history[] = {
	{ 1, 1717200000, "首次发布。" },	/* 2024-06-01 */
	{ 2, 1718000000, "" },
};

static void
rich_doc(struct adv_doc *d, bool anonymous)
{
	memset(d, 0, sizeof(*d));
	d->id = "LD-2024-000123";
	d->version = 2;
	d->lang = "zh-CN";
	d->title = "Acme 路由器 Web 管理界面跨站脚本漏洞";
	d->summary = "管理界面未对输入转义。";
	d->published_at = 1717200000;
	d->updated_at = 1718000000;
	d->publisher = "漏洞平台";
	d->verifier = anonymous ? "" : "Verification Lab";
	d->discoverer = "Alice Zhang";
	d->discoverer_anonymous = anonymous;
	d->category = "XSS";
	d->category_name = "跨站脚本";
	d->grade = "high";
	d->products = products;
	d->nproducts = NELEM(products);
	d->ids = ids;
	d->nids = NELEM(ids);
	d->cvss = vectors;
	d->ncvss = NELEM(vectors);
	d->cwes = cwes;
	d->ncwes = NELEM(cwes);
	d->existence = "版本低于 2.4.1 的固件存在此问题。";
	d->detection = "查看固件版本。";
	d->solution = "升级到 2.4.1。";
	d->mitigation = "限制管理界面的访问。";
	d->other = "无。";
	d->refs = refs;
	d->nrefs = NELEM(refs);
	d->history = history;
	d->nhistory = NELEM(history);
}

static const struct fmt_publisher publisher = {
	.name = "Loudong Test Platform",
	.base_url = BASE_URL,
	.contact = "mailto:psirt@vd.example.cn",
	.namespace_url = "",
	.category = "",
	.tool_version = "0.1.0",
};

/* Render d; the JSON parsed back (caller decrefs), the text in *text (arena). */
static json_t *
render(struct arena *a, const struct adv_doc *d, const char **text)
{
	struct sbuf	 sb;
	const char	*why = NULL;
	json_error_t	 jerr;
	json_t		*o;

	sbuf_init(&sb, a, 0);
	if (fmt_csaf(d, &publisher, &sb, &why) != 0)
		fail_msg("fmt_csaf: %s", why ? why : "?");
	assert_int_equal(sbuf_err(&sb), APP_OK);
	if ((o = json_loads(sb.buf, JSON_REJECT_DUPLICATES, &jerr)) == NULL)
		fail_msg("output is not JSON: %s", jerr.text);
	*text = sb.buf;
	return o;
}

static size_t
findings_print(const json_t *doc, bool with_cwe, struct cwe_list *cwe)
{
	struct csaf_finding	f[FINDINGS_MAX];
	size_t			n, i;

	n = with_cwe ? csaf_mandatory_check_cwe(doc, cwe_name, cwe, f, NELEM(f)) :
	    csaf_mandatory_check(doc, f, NELEM(f));
	for (i = 0; i < n && i < NELEM(f); i++)
		print_message("  %s %s: %s\n", f[i].test, f[i].path, f[i].message);
	return n;
}

static json_t *
jpath(json_t *o, const char *path)
{
	char	 buf[256], *seg, *save = NULL;

	snprintf(buf, sizeof(buf), "%s", path);
	for (seg = strtok_r(buf, "/", &save); seg != NULL && o != NULL;
	    seg = strtok_r(NULL, "/", &save))
		o = json_is_array(o) ? json_array_get(o, strtoul(seg, NULL, 10)) :
		    json_object_get(o, seg);
	return o;
}

static const char *
jstr_at(json_t *o, const char *path)
{
	return json_string_value(jpath(o, path));
}

static void
test_csaf__document_content(void **state)
{
	struct arena	*a = arena_new();
	struct adv_doc	 d;
	const char	*text;
	json_t		*o, *v;

	(void)state;
	rich_doc(&d, false);
	o = render(a, &d, &text);
	assert_string_equal(jstr_at(o, "document/category"), "csaf_security_advisory");
	assert_string_equal(jstr_at(o, "document/csaf_version"), "2.0");
	assert_string_equal(jstr_at(o, "document/lang"), "zh-CN");
	assert_string_equal(jstr_at(o, "document/publisher/category"), "coordinator");
	assert_string_equal(jstr_at(o, "document/publisher/namespace"), BASE_URL);
	assert_string_equal(jstr_at(o, "document/distribution/tlp/label"), "WHITE");
	assert_string_equal(jstr_at(o, "document/tracking/id"), "LD-2024-000123");
	assert_string_equal(jstr_at(o, "document/tracking/status"), "final");
	assert_string_equal(jstr_at(o, "document/tracking/version"), "2");
	assert_string_equal(jstr_at(o, "document/tracking/initial_release_date"),
	    "2024-06-01T00:00:00Z");
	assert_string_equal(jstr_at(o, "document/tracking/revision_history/1/number"), "2");
	assert_null(jpath(o, "document/tracking/revision_history/0/legacy_version"));
	assert_string_equal(jstr_at(o, "document/tracking/generator/engine/name"), "Loudong");
	assert_string_equal(jstr_at(o, "document/references/0/category"), "self");
	assert_string_equal(jstr_at(o, "document/references/0/url"),
	    BASE_URL "/.well-known/csaf/white/2024/ld-2024-000123.json");
	assert_string_equal(jstr_at(o, "document/references/1/summary"), "Vendor advisory");
	assert_string_equal(jstr_at(o, "document/acknowledgments/0/names/0"), "Alice Zhang");
	assert_string_equal(jstr_at(o, "document/notes/0/category"), "summary");
	/* Vendors merge; Acme's two routers and its console are three product names. */
	assert_int_equal(json_array_size(jpath(o, "product_tree/branches")), 3);
	assert_int_equal(json_array_size(jpath(o, "product_tree/branches/0/branches")), 3);
	assert_string_equal(jstr_at(o, "product_tree/branches/0/branches/0/name"), "Router AX-1");
	assert_string_equal(jstr_at(o, "product_tree/branches/0/branches/0/branches/0/name"),
	    "vers:generic/<2.4.1");
	assert_string_equal(jstr_at(o, "product_tree/branches/0/branches/0/branches/0/category"),
	    "product_version_range");
	assert_string_equal(jstr_at(o, "product_tree/branches/0/branches/0/branches/1/name"),
	    "2.4.1");
	assert_string_equal(jstr_at(o, "product_tree/branches/0/branches/0/branches/1/category"),
	    "product_version");
	assert_string_equal(jstr_at(o, "product_tree/branches/0/branches/1/branches/0/name"),
	    "vers:generic/>=1.2|<2.0");
	/* The unreadable text is a range in words, never a product_version (6.1.31). */
	assert_string_equal(jstr_at(o, "product_tree/branches/2/branches/0/branches/0/category"),
	    "product_version_range");
	assert_string_equal(jstr_at(o, "product_tree/branches/0/branches/0/branches/0/product/"
	    "product_identification_helper/cpe"), "cpe:2.3:h:acme:router_ax-1:*:*:*:*:*:*:*:*");
	assert_null(strstr(text, "not a cpe"));
	assert_null(strstr(text, "pkg:maven/@1.0"));	/* an invalid purl is left out */
	assert_non_null(strstr(text, "pkg:npm/%40acme/console"));
	v = jpath(o, "vulnerabilities/0");
	assert_string_equal(jstr_at(v, "cve"), "CVE-2024-12345");
	assert_string_equal(jstr_at(v, "ids/0/system_name"), "CNVD");
	assert_string_equal(jstr_at(v, "cwe/id"), "CWE-79");
	assert_string_equal(jstr_at(v, "notes/0/category"), "description");
	/* Affected leaves: 1 + 1 + 2 + 1 + 1 + 1 (products[]); fixed: four. */
	assert_int_equal(json_array_size(jpath(v, "product_status/known_affected")), 7);
	assert_int_equal(json_array_size(jpath(v, "product_status/fixed")), 4);
	assert_string_equal(jstr_at(v, "remediations/0/category"), "vendor_fix");
	assert_string_equal(jstr_at(v, "remediations/1/category"), "mitigation");
	/* One v3.1 (recomputed: 9.8, not the stored 9.9) and the v2; no v4, no second v3.1. */
	assert_int_equal(json_array_size(jpath(v, "scores")), 2);
	assert_string_equal(jstr_at(v, "scores/0/cvss_v3/version"), "3.1");
	assert_true(json_real_value(jpath(v, "scores/0/cvss_v3/baseScore")) == 9.8);
	assert_string_equal(jstr_at(v, "scores/0/cvss_v3/baseSeverity"), "CRITICAL");
	assert_string_equal(jstr_at(v, "scores/1/cvss_v2/vectorString"),
	    "AV:N/AC:L/Au:N/C:P/I:P/A:P");
	assert_null(strstr(text, "CVSS:4.0"));
	assert_null(strstr(text, "E:P"));
	assert_non_null(strstr(text, "\"baseScore\": 9.8,"));
	json_decref(o);
	arena_free(a);
}

static void
test_csaf__document_anonymous_and_renumbered(void **state)
{
	static struct adv_revision gaps[] = {
		{ 3, 1717200000, "Initial version." }, { 6, 1718000000, "Fixed versions." },
	};
	struct arena	*a = arena_new();
	struct adv_doc	 d;
	const char	*text;
	json_t		*o;

	(void)state;
	rich_doc(&d, true);
	d.history = gaps;
	d.version = 6;
	o = render(a, &d, &text);
	assert_null(strstr(text, "Alice"));
	assert_null(jpath(o, "document/acknowledgments"));
	/* Platform versions 3 and 6 are CSAF revisions 1 and 2 (6.1.21). */
	assert_string_equal(jstr_at(o, "document/tracking/version"), "2");
	assert_string_equal(jstr_at(o, "document/tracking/revision_history/0/number"), "1");
	assert_string_equal(jstr_at(o, "document/tracking/revision_history/0/legacy_version"),
	    "3");
	assert_string_equal(jstr_at(o, "document/tracking/revision_history/1/legacy_version"),
	    "6");
	assert_int_equal(csaf_mandatory_check(o, NULL, 0), 0);
	json_decref(o);
	/* No history at all: one revision. */
	d.history = NULL;
	d.nhistory = 0;
	d.version = 1;
	o = render(a, &d, &text);
	assert_int_equal(json_array_size(jpath(o, "document/tracking/revision_history")), 1);
	assert_string_equal(jstr_at(o, "document/tracking/version"), "1");
	json_decref(o);
	arena_free(a);
}

/* (a) Both variants: valid against the schema and every mandatory test. */
static void
test_csaf__document_valid(void **state)
{
	struct cwe_list	*cwe;
	struct arena	*a;
	struct adv_doc	 d;
	const char	*text;
	json_t		*o;

	(void)state;
	need_validator();
	cwe = calloc(1, sizeof(*cwe));
	a = arena_new();
	assert_non_null(cwe);
	assert_true(cwe_load(cwe));
	for (int anonymous = 0; anonymous < 2; anonymous++) {
		rich_doc(&d, anonymous);
		o = render(a, &d, &text);
		assert_true(schema_valid(CSAF_SCHEMA, text));
		assert_int_equal(findings_print(o, false, NULL), 0);
		assert_int_equal(findings_print(o, true, cwe), 0);
		json_decref(o);
	}
	cwe_free(cwe);
	free(cwe);
	arena_free(a);
}

static void
test_csaf__document_refused(void **state)
{
	static struct adv_product both[] = {
		{ "Acme", "", "Router", "", "2.1, 2.2", "2.2", "", "" },
	};
	struct arena	*a = arena_new();
	struct adv_doc	 d;
	struct sbuf	 sb;
	const char	*why = NULL;
	struct fmt_publisher p = publisher;

	(void)state;
	sbuf_init(&sb, a, 0);
	rich_doc(&d, false);
	d.nproducts = 0;
	assert_int_equal(fmt_csaf(&d, &publisher, &sb, &why), -1);
	assert_non_null(why);
	rich_doc(&d, false);
	d.products = both;
	d.nproducts = 1;
	why = NULL;
	assert_int_equal(fmt_csaf(&d, &publisher, &sb, &why), -1);
	assert_string_equal(why, "a fixed version is also listed as affected");
	rich_doc(&d, false);
	p.category = "government";
	why = NULL;
	assert_int_equal(fmt_csaf(&d, &p, &sb, &why), -1);
	assert_non_null(why);
	rich_doc(&d, false);
	d.title = "bad \xff utf-8";
	why = NULL;
	assert_int_equal(fmt_csaf(&d, &publisher, &sb, &why), -1);
	assert_non_null(why);
	assert_int_equal(sb.len, 0);
	arena_free(a);
}

static void
test_csaf__filename(void **state)
{
	static const struct {
		const char	*id;
		const char	*file;
	} t[] = {
		{ "LD-2024-000123", "ld-2024-000123.json" },
		{ "OASIS_CSAF_TC-CSAF_2.0-2021-5-1-11", "oasis_csaf_tc-csaf_2_0-2021-5-1-11.json" },
		{ "OASIS: #/CSAF_TC-CSAF_2.0-2021-5-1-13",
		    "oasis_csaf_tc-csaf_2_0-2021-5-1-13.json" },
		{ "Example Company - 2019-YH3234", "example_company_-_2019-yh3234.json" },
		{ "RHBA-2019:0024", "rhba-2019_0024.json" },
		{ "a+b", "a+b.json" },
	};
	char	buf[64];

	(void)state;
	for (size_t i = 0; i < NELEM(t); i++) {
		fmt_csaf_filename(t[i].id, buf, sizeof(buf));
		assert_string_equal(buf, t[i].file);
	}
	fmt_csaf_filename("LD-2024-000123", buf, 8);
	assert_true(strlen(buf) < 8);
}

/* The official names of §5.1: each valid file is named after its id. */
static void
test_csaf__filename_testcases(void **state)
{
	const char	*dir = CSAF_DATA "/test/filenames/data/valid";
	char		 path[1024], buf[256];
	struct dirent	*de;
	json_t		*o;
	DIR		*d;
	size_t		 n = 0;

	(void)state;
	need_data();
	assert_non_null(d = opendir(dir));
	while ((de = readdir(d)) != NULL) {
		if (strstr(de->d_name, ".json") == NULL)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		assert_non_null(o = json_load_file(path, 0, NULL));
		fmt_csaf_filename(jstr_at(o, "document/tracking/id"), buf, sizeof(buf));
		assert_string_equal(buf, de->d_name);
		json_decref(o);
		n++;
	}
	closedir(d);
	assert_true(n >= 3);
}

/* Whether findings hold test id ("6.1.27.9" is filed as "6.1.27" + message). */
static bool
found(const struct csaf_finding *f, size_t n, const char *test)
{
	size_t	len = strlen(test);

	for (size_t i = 0; i < n; i++) {
		if (strcmp(f[i].test, test) == 0)
			return true;
		if (len > 7 && strncmp(test, "6.1.27.", 7) == 0 &&
		    strcmp(f[i].test, "6.1.27") == 0 && strncmp(f[i].message, test, len) == 0 &&
		    f[i].message[len] == ':')
			return true;
	}
	return false;
}

/* Check one file for one test: failing, it must be found; valid, it must not. */
static bool
check_case(const char *path, const char *test, bool valid, struct cwe_list *cwe)
{
	struct csaf_finding	 f[FINDINGS_MAX];
	json_error_t		 jerr;
	json_t			*o;
	size_t			 n;
	bool			 ok;

	if ((o = json_load_file(path, 0, &jerr)) == NULL)
		fail_msg("%s: %s", path, jerr.text);
	n = csaf_mandatory_check_cwe(o, cwe_name, cwe, f, NELEM(f));
	if (n > NELEM(f))
		n = NELEM(f);
	ok = found(f, n, test) != valid;
	if (!ok) {
		print_message("%s: test %s %s\n", path, test, valid ? "failed wrongly" :
		    "did not fail");
		for (size_t i = 0; i < n; i++)
			print_message("  %s %s: %s\n", f[i].test, f[i].path, f[i].message);
	}
	json_decref(o);
	return ok;
}

/* (b) Every mandatory test case of testcases.json. */
static void
test_csaf__official_testcases(void **state)
{
	static const char *const lists[] = { "failures", "valid" };
	struct cwe_list	*cwe;
	json_t		*tc, *t, *it;
	char		 path[1024];
	size_t		 i, j, k, checked[2] = { 0, 0 }, bad = 0, tests = 0;

	(void)state;
	need_data();
	cwe = calloc(1, sizeof(*cwe));
	assert_non_null(cwe);
	assert_true(cwe_load(cwe));
	assert_non_null(tc = json_load_file(TESTCASES "/testcases.json", 0, NULL));
	json_array_foreach(json_object_get(tc, "tests"), i, t) {
		const char *id = json_string_value(json_object_get(t, "id"));
		const char *group = json_string_value(json_object_get(t, "group"));

		if (group == NULL || strcmp(group, "mandatory") != 0)
			continue;
		tests++;
		for (k = 0; k < NELEM(lists); k++)
			json_array_foreach(json_object_get(t, lists[k]), j, it) {
				snprintf(path, sizeof(path), "%s/%s", TESTCASES,
				    json_string_value(json_object_get(it, "name")));
				bad += !check_case(path, id, k == 1, cwe);
				checked[k]++;
			}
	}
	print_message("%zu mandatory tests: %zu failing and %zu valid files checked, "
	    "%zu wrong\n", tests, checked[0], checked[1], bad);
	assert_int_equal(bad, 0);
	/* testcases.json @27af37f: 43 tests, 87 failing and 60 valid files. */
	assert_int_equal(tests, 43);
	assert_int_equal(checked[0], 87);
	assert_int_equal(checked[1], 60);
	json_decref(tc);
	cwe_free(cwe);
	free(cwe);
}

/* secvisogram's extra cases: tests/mandatoryTest_6_1_N/{failing,valid}/NAME.json. */
static void
test_csaf__extra_testcases(void **state)
{
	struct cwe_list	*cwe;
	char		 dir[1024], path[1536], test[16];
	struct dirent	*de, *fe;
	DIR		*d, *sub;
	size_t		 checked = 0, bad = 0;

	(void)state;
	need_data();
	if ((d = opendir(EXTRA_TESTS)) == NULL) {
		print_message("skipping: no secvisogram test cases at '%s'\n", EXTRA_TESTS);
		skip();
	}
	assert_non_null(cwe = calloc(1, sizeof(*cwe)));
	assert_true(cwe_load(cwe));
	while ((de = readdir(d)) != NULL) {
		const char *num = de->d_name + strlen("mandatoryTest_");

		if (strncmp(de->d_name, "mandatoryTest_6_1_", 18) != 0)
			continue;
		snprintf(test, sizeof(test), "%s", num);
		for (char *p = test; *p != '\0'; p++)
			*p = *p == '_' ? '.' : *p;
		for (int valid = 0; valid < 2; valid++) {
			snprintf(dir, sizeof(dir), "%s/%s/%s", EXTRA_TESTS, de->d_name,
			    valid ? "valid" : "failing");
			if ((sub = opendir(dir)) == NULL)
				continue;
			while ((fe = readdir(sub)) != NULL) {
				if (strstr(fe->d_name, ".json") == NULL)
					continue;
				snprintf(path, sizeof(path), "%s/%s", dir, fe->d_name);
				bad += !check_case(path, test, valid, cwe);
				checked++;
			}
			closedir(sub);
		}
	}
	closedir(d);
	print_message("%zu secvisogram mandatory test files checked, %zu wrong\n", checked, bad);
	assert_int_equal(bad, 0);
	assert_true(checked >= 22);
	cwe_free(cwe);
	free(cwe);
}

/* The OASIS examples (and VEX examples) pass every mandatory test. */
static void
test_csaf__examples_pass(void **state)
{
	static const char *const dirs[] = {
		CSAF_DATA "/examples/csaf", CSAF_DATA "/examples/csaf/csaf_vex",
	};
	struct cwe_list	*cwe;
	char		 path[1024];
	struct dirent	*de;
	json_t		*o;
	DIR		*d;
	size_t		 checked = 0, bad = 0, n;

	(void)state;
	need_data();
	assert_non_null(cwe = calloc(1, sizeof(*cwe)));
	assert_true(cwe_load(cwe));
	for (size_t i = 0; i < NELEM(dirs); i++) {
		assert_non_null(d = opendir(dirs[i]));
		while ((de = readdir(d)) != NULL) {
			if (strstr(de->d_name, ".json") == NULL)
				continue;
			snprintf(path, sizeof(path), "%s/%s", dirs[i], de->d_name);
			assert_non_null(o = json_load_file(path, 0, NULL));
			if ((n = findings_print(o, true, cwe)) != 0) {
				print_message("%s: %zu findings\n", path, n);
				bad++;
			}
			json_decref(o);
			checked++;
		}
		closedir(d);
	}
	print_message("%zu OASIS examples checked, %zu with findings\n", checked, bad);
	assert_int_equal(bad, 0);
	assert_true(checked >= 10);
	cwe_free(cwe);
	free(cwe);
}

static void
test_csaf__findings_capped(void **state)
{
	struct csaf_finding	 f[2];
	json_t			*o;

	(void)state;
	/* Three undefined products: three findings counted, two kept. */
	o = json_pack("{s:{s:[{s:s, s:[s,s,s]}]}}", "product_tree", "product_groups",
	    "group_id", "G1", "product_ids", "A", "B", "C");
	assert_non_null(o);
	assert_int_equal(csaf_mandatory_check(o, f, NELEM(f)), 3);
	assert_string_equal(f[0].test, "6.1.1");
	assert_string_equal(f[1].path, "/product_tree/product_groups/0/product_ids/1");
	assert_int_equal(csaf_mandatory_check(o, NULL, 0), 3);
	json_decref(o);
	o = json_string("not a document");
	assert_int_equal(csaf_mandatory_check(o, f, NELEM(f)), 0);
	json_decref(o);
}

/* 6.1.3 through two relationships, and a product built on the circle. */
static void
test_csaf__indirect_circle(void **state)
{
	static const char doc[] =
	    "{\"product_tree\": {\"full_product_names\": [{\"name\": \"A\", "
	    "\"product_id\": \"P1\"}], \"relationships\": ["
	    "{\"category\": \"installed_on\", \"full_product_name\": {\"name\": \"B\", "
	    "\"product_id\": \"P2\"}, \"product_reference\": \"P1\", "
	    "\"relates_to_product_reference\": \"P3\"},"
	    "{\"category\": \"installed_on\", \"full_product_name\": {\"name\": \"C\", "
	    "\"product_id\": \"P3\"}, \"product_reference\": \"P1\", "
	    "\"relates_to_product_reference\": \"P2\"},"
	    "{\"category\": \"installed_on\", \"full_product_name\": {\"name\": \"D\", "
	    "\"product_id\": \"P4\"}, \"product_reference\": \"P2\", "
	    "\"relates_to_product_reference\": \"P1\"},"
	    "{\"category\": \"installed_on\", \"full_product_name\": {\"name\": \"E\", "
	    "\"product_id\": \"P5\"}, \"product_reference\": \"P1\", "
	    "\"relates_to_product_reference\": \"P1\"}]}}";
	struct csaf_finding	 f[8];
	json_t			*o;
	size_t			 n;

	(void)state;
	assert_non_null(o = json_loads(doc, 0, NULL));
	n = csaf_mandatory_check(o, f, NELEM(f));
	assert_int_equal(n, 3);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(f[i].test, "6.1.3");
		assert_null(strstr(f[i].path, "relationships/3"));
	}
	json_decref(o);
}

static void
test_csaf__purl_table(void **state)
{
	static const struct {
		const char	*purl;
		bool		 ok;
	} t[] = {
		{ "pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1", true },
		{ "pkg:npm/%40angular/animation@12.3.1", true },
		{ "pkg:rpm/redhat/kernel@4.18.0-305.el8?arch=src", true },
		{ "pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie", true },
		{ "pkg:golang/google.golang.org/genproto#googleapis/api/annotations", true },
		{ "pkg:generic/openssl@1.1.10g", true },
		{ "pkg:oci/debian@sha256%3A244fd47e07d10?repository_url=docker.io/library/debian",
		    true },
		{ "pkg:maven/@1.3.4", false },
		{ "pkg:maven/", false },
		{ "pkg:/name", false },
		{ "pkg:1abc/name", false },
		{ "pkg:npm/foo@", false },
		{ "pkg:npm/foo bar", false },
		{ "pkg:npm/foo%zz", false },
		{ "pkg:npm/foo?a=1&a=2", false },
		{ "pkg:npm/foo?=1", false },
		{ "pkg:npm/foo?a=", false },
		{ "pkg:npm/foo#../x", false },
		{ "npm/foo", false },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(t); i++)
		if (csaf_purl_valid(t[i].purl) != t[i].ok)
			fail_msg("purl '%s': want %s", t[i].purl, t[i].ok ? "valid" : "invalid");
}

static void
test_csaf__lang_and_ranges_table(void **state)
{
	static const struct {
		const char	*lang;
		bool		 ok;
	} langs[] = {
		{ "en", true }, { "en-US", true }, { "zh-CN", true }, { "zh-Hans-CN", true },
		{ "de-DE-1996", true }, { "i-default", true }, { "x-private", true },
		{ "qtx", true }, { "en-Qabc", true }, { "sr-Latn-RS", true },
		{ "EZ", false }, { "jp", false }, { "english", false }, { "e", false },
		{ "en--US", false }, { "en-US-x", false }, { "", false },
	};
	static const struct {
		const char	*name;
		bool		 range;
	} names[] = {
		{ "4.2", false }, { "after-eight", false }, { "1.0-alpha", false },
		{ "prior to 4.2", true }, { "<4.2", true }, { "<= 4.1", true },
		{ "4.1 and earlier", true }, { "All", true }, { "3.X versions", true },
	};
	char	doc[256];
	json_t	*o;

	(void)state;
	for (size_t i = 0; i < NELEM(langs); i++) {
		snprintf(doc, sizeof(doc), "{\"document\":{\"lang\":\"%s\"}}", langs[i].lang);
		assert_non_null(o = json_loads(doc, 0, NULL));
		if ((csaf_mandatory_check(o, NULL, 0) == 0) != langs[i].ok)
			fail_msg("lang '%s': want %s", langs[i].lang, langs[i].ok ? "valid" :
			    "invalid");
		json_decref(o);
	}
	for (size_t i = 0; i < NELEM(names); i++)
		if (csaf_name_is_range(names[i].name) != names[i].range)
			fail_msg("'%s': want %s", names[i].name, names[i].range ? "a range" :
			    "a version");
}

/* (c) provider-metadata.json against the provider schema. */
static void
test_csaf__provider_metadata(void **state)
{
	struct arena		*a;
	struct sbuf		 sb;
	const char		*why = NULL;
	struct fmt_publisher	 p = publisher;
	json_t			*o;

	(void)state;
	need_validator();
	a = arena_new();
	sbuf_init(&sb, a, 0);
	assert_int_equal(fmt_csaf_provider_metadata(&publisher,
	    "8F5F267907B2C4559DB360DB2294BA7D2B2298B1", 1718000000, &sb, &why), 0);
	assert_true(schema_valid(PROVIDER_SCHEMA, sb.buf));
	assert_non_null(o = json_loads(sb.buf, 0, NULL));
	assert_string_equal(jstr_at(o, "canonical_url"),
	    BASE_URL "/.well-known/csaf/provider-metadata.json");
	assert_string_equal(jstr_at(o, "distributions/0/directory_url"),
	    BASE_URL "/.well-known/csaf/white/");
	assert_string_equal(jstr_at(o, "distributions/0/rolie/feeds/0/url"),
	    BASE_URL "/.well-known/csaf/white/feed-tlp-white.json");
	assert_string_equal(jstr_at(o, "public_openpgp_keys/0/url"), BASE_URL
	    "/.well-known/csaf/openpgp/8F5F267907B2C4559DB360DB2294BA7D2B2298B1.asc");
	assert_string_equal(jstr_at(o, "last_updated"), "2024-06-10T06:13:20Z");
	assert_string_equal(jstr_at(o, "role"), "csaf_trusted_provider");
	assert_true(json_is_true(jpath(o, "mirror_on_CSAF_aggregators")));
	json_decref(o);
	/* Without a key, and with a vendor's category. */
	sbuf_reset(&sb);
	p.category = "vendor";
	assert_int_equal(fmt_csaf_provider_metadata(&p, "", 1718000000, &sb, &why), 0);
	assert_true(schema_valid(PROVIDER_SCHEMA, sb.buf));
	assert_null(strstr(sb.buf, "public_openpgp_keys"));
	/* Refused: a bad fingerprint, no base URL. */
	sbuf_reset(&sb);
	assert_int_equal(fmt_csaf_provider_metadata(&p, "not-hex", 0, &sb, &why), -1);
	p.base_url = "";
	assert_int_equal(fmt_csaf_provider_metadata(&p, "", 0, &sb, &why), -1);
	assert_int_equal(sb.len, 0);
	arena_free(a);
}

static const struct csaf_entry entries[] = {
	{ "LD-2024-000001", 2024, 1717200000, "First" },	/* 2024-06-01T00:00:00Z */
	{ "LD-2023-000007", 2023, 1718000000, "Second" },	/* 2024-06-10T06:13:20Z */
	{ "LD-2024-000002", 2024, 1717300000, "" },		/* 2024-06-02T03:46:40Z */
};

static void
test_csaf__index_and_changes(void **state)
{
	struct arena	*a = arena_new();
	struct sbuf	 sb;

	(void)state;
	sbuf_init(&sb, a, 0);
	fmt_csaf_index(entries, NELEM(entries), &sb);
	assert_string_equal(sb.buf,
	    "2024/ld-2024-000001.json\n"
	    "2023/ld-2023-000007.json\n"
	    "2024/ld-2024-000002.json\n");
	sbuf_reset(&sb);
	fmt_csaf_changes(entries, NELEM(entries), &sb);
	assert_string_equal(sb.buf,
	    "\"2023/ld-2023-000007.json\",\"2024-06-10T06:13:20Z\"\n"
	    "\"2024/ld-2024-000002.json\",\"2024-06-02T03:46:40Z\"\n"
	    "\"2024/ld-2024-000001.json\",\"2024-06-01T00:00:00Z\"\n");
	sbuf_reset(&sb);
	fmt_csaf_changes(entries, 0, &sb);
	fmt_csaf_index(entries, 0, &sb);
	assert_string_equal(sb.buf, "");
	arena_free(a);
}

static void
test_csaf__rolie(void **state)
{
	struct arena	*a = arena_new();
	struct sbuf	 sb;
	const char	*why = NULL;
	json_t		*o, *e;

	(void)state;
	sbuf_init(&sb, a, 0);
	assert_int_equal(fmt_csaf_rolie(&publisher, entries, NELEM(entries), 1718000000, &sb,
	    &why), 0);
	assert_non_null(o = json_loads(sb.buf, JSON_REJECT_DUPLICATES, NULL));
	assert_string_equal(jstr_at(o, "feed/id"),
	    BASE_URL "/.well-known/csaf/white/feed-tlp-white.json");
	assert_string_equal(jstr_at(o, "feed/title"),
	    "Loudong Test Platform CSAF feed (TLP:WHITE)");
	assert_string_equal(jstr_at(o, "feed/link/0/rel"), "self");
	assert_string_equal(jstr_at(o, "feed/link/0/href"),
	    BASE_URL "/.well-known/csaf/white/feed-tlp-white.json");
	assert_string_equal(jstr_at(o, "feed/category/0/scheme"),
	    "urn:ietf:params:rolie:category:information-type");
	assert_string_equal(jstr_at(o, "feed/category/0/term"), "csaf");
	assert_string_equal(jstr_at(o, "feed/updated"), "2024-06-10T06:13:20Z");
	assert_int_equal(json_array_size(jpath(o, "feed/entry")), 3);
	e = jpath(o, "feed/entry/0");	/* newest first */
	assert_string_equal(jstr_at(e, "id"), "LD-2023-000007");
	assert_string_equal(jstr_at(e, "title"), "Second");
	assert_string_equal(jstr_at(e, "link/0/href"),
	    BASE_URL "/.well-known/csaf/white/2023/ld-2023-000007.json");
	assert_string_equal(jstr_at(e, "content/src"), jstr_at(e, "link/0/href"));
	assert_string_equal(jstr_at(e, "content/type"), "application/json");
	assert_string_equal(jstr_at(e, "format/schema"),
	    "https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json");
	assert_string_equal(jstr_at(e, "format/version"), "2.0");
	assert_string_equal(jstr_at(o, "feed/entry/2/id"), "LD-2024-000001");
	assert_string_equal(jstr_at(o, "feed/entry/1/title"), "LD-2024-000002");
	json_decref(o);
	/* An empty feed is still a feed. */
	sbuf_reset(&sb);
	assert_int_equal(fmt_csaf_rolie(&publisher, entries, 0, 1718000000, &sb, &why), 0);
	assert_non_null(o = json_loads(sb.buf, 0, NULL));
	assert_int_equal(json_array_size(jpath(o, "feed/entry")), 0);
	json_decref(o);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csaf__document_content),
		cmocka_unit_test(test_csaf__document_anonymous_and_renumbered),
		cmocka_unit_test(test_csaf__document_valid),
		cmocka_unit_test(test_csaf__document_refused),
		cmocka_unit_test(test_csaf__filename),
		cmocka_unit_test(test_csaf__filename_testcases),
		cmocka_unit_test(test_csaf__official_testcases),
		cmocka_unit_test(test_csaf__extra_testcases),
		cmocka_unit_test(test_csaf__examples_pass),
		cmocka_unit_test(test_csaf__findings_capped),
		cmocka_unit_test(test_csaf__indirect_circle),
		cmocka_unit_test(test_csaf__purl_table),
		cmocka_unit_test(test_csaf__lang_and_ranges_table),
		cmocka_unit_test(test_csaf__provider_metadata),
		cmocka_unit_test(test_csaf__index_and_changes),
		cmocka_unit_test(test_csaf__rolie),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
