/*
 * formats/: CVE JSON 5.1 and OSV records checked against their official
 * schemas (../shared/data, with tests/schema/validate.py), GB/T 28458 XML
 * and the Atom feed parsed with expat, from one advisory that has a bit of
 * everything: several products (purls of four ecosystems, ranges, exact
 * versions, a fix, text no reader understands), CVE, GHSA and CNVD ids,
 * v3.1, v4.0 and v2 vectors, CWEs, references, and texts that need
 * escaping.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <expat.h>
#include <jansson.h>

#include "core/arena.h"
#include "core/sbuf.h"
#include "domain/cvss.h"
#include "formats/formats.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

#define CVE_SCHEMA	LOUDONG_SHARED_DATA "/cve5/schema-cvelib/CVE_JSON_bundled_5.1.1.json"
#define OSV_SCHEMA	LOUDONG_SHARED_DATA "/osv/ossf-osv-schema/validation/schema.json"

#define HOSTILE		"<script>alert(\"x\")</script> & 'q'"
#define TITLE		"存储型跨站脚本 " HOSTILE
#define T_PUBLISHED	1795219200	/* 2026-11-21T00:00:00Z */
#define T_UPDATED	1795248000	/* 2026-11-21T08:00:00Z */

/* ---- the advisory ---- */

static struct adv_product products[] = {
	{ "Acme <Corp>", "acme", "widget", "", ">= 1.0.0, < 1.4.2", "1.4.2", "",
	    "pkg:npm/%40acme/widget@1.2.3" },
	{ "Acme", "acme", "core", "", "2.1, 2.2", "2.3", "", "pkg:maven/com.acme/core@2.1" },
	{ "Acme", "acme", "py-tools", "", "<= 3.0.1", "", "", "pkg:pypi/Acme_Py.Tools" },
	{ "Acme", "acme", "mod", "", "< v1.5.0", "", "",
	    "pkg:golang/github.com/acme/mod@v1.2.0" },
	{ "路由器厂商 \"R\"", "", "路由器 <Y> & \"X\"", "AX-1'", "1.0 - 2.3", "2.4",
	    "cpe:2.3:h:acme:ax-1:-:*:*:*:*:*:*:*", "" },
	{ "Acme", "acme", "firmware", "", "before the 2024 firmware", "", "", "" },
	{ "Acme", "acme", "cloud console", "", "*", "", "", "" },
};

static struct adv_id ids[] = {
	{ "CVE", "CVE-2026-12345" },
	{ "GHSA", "GHSA-2c8f-9m3q-wx7v" },
	{ "CNVD", "CNVD-2026-12345" },
};

static struct adv_cvss vectors[] = {
	{ "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 0, "" },
	{ "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N", 0, "" },
	{ "AV:N/AC:M/Au:N/C:N/I:P/A:N", 0, "" },
};

static struct adv_cwe cwes[] = {
	{ "CWE-79", "Improper Neutralization of Input During Web Page Generation" },
	{ "CWE-116", "" },
};

static struct adv_ref refs[] = {
	{ "https://github.com/acme/widget/commit/0123456789abcdef", "修复补丁 (fix)" },
	{ "https://example.com/blog/xss?a=1&b=2", "Write-up <blog>" },
	{ "https://vuln.example.cn/advisories/LD-2026-000042", "本公告" },
};

static struct adv_revision history[] = {
	{ 1, T_PUBLISHED, "首次发布" },
	{ 2, T_UPDATED, "更正受影响版本" },
};

/* Scores and severities as the domain computes them, so bands always agree. */
static void
score_vectors(void)
{
	struct cvss		 c;
	struct cvss_error	 err;
	size_t			 i;

	for (i = 0; i < NELEM(vectors); i++) {
		assert_int_equal(cvss_parse(vectors[i].vector, &c, &err), 0);
		vectors[i].score10 = c.version == CVSS_V40 ? c.score : c.base;
		vectors[i].severity = cvss_severity_name(c.version == CVSS_V40 ? c.severity :
		    c.base_severity);
	}
}

static void
rich_doc(struct adv_doc *d)
{
	score_vectors();
	memset(d, 0, sizeof(*d));
	d->id = "LD-2026-000042";
	d->version = 2;
	d->lang = "zh-CN";
	d->title = TITLE;
	d->summary = "攻击者可通过评论字段注入脚本 " HOSTILE "。";
	d->published_at = T_PUBLISHED;
	d->updated_at = T_UPDATED;
	d->publisher = "漏洞平台 & Co";
	d->publisher_url = "https://vuln.example.cn";
	d->publisher_contact = "mailto:psirt@vuln.example.cn";
	d->verifier = "平台验证组";
	d->discoverer = "张三 <zhang@example.cn>";
	d->discoverer_anonymous = false;
	d->category = "G01";
	d->category_name = "代码问题";
	d->grade = "medium";
	d->products = products;
	d->nproducts = NELEM(products);
	d->ids = ids;
	d->nids = NELEM(ids);
	d->cvss = vectors;
	d->ncvss = NELEM(vectors);
	d->cwes = cwes;
	d->ncwes = NELEM(cwes);
	d->existence = "在 1.3.0 上复现。";
	d->detection = "检查 /comments 返回的 HTML。";
	d->solution = "升级到 1.4.2 或更高版本。";
	d->mitigation = "启用 CSP: `script-src 'self'`。";
	d->other = "无";
	d->refs = refs;
	d->nrefs = NELEM(refs);
	d->history = history;
	d->nhistory = NELEM(history);
}

static const struct fmt_publisher publisher = {
	.name = "Loudong",
	.base_url = "https://vuln.example.cn",
	.contact = "mailto:psirt@vuln.example.cn",
	.namespace_url = "https://vuln.example.cn",
	.category = "coordinator",
	.cve_org_id = "",
	.cve_short_name = "",
	.osv_prefix = "",
	.tool_version = "0.1.0",
};

/* ---- helpers ---- */

/* A temporary file holding s; its path in path (caller unlinks). */
static void
write_temp(const char *s, size_t n, char path[64])
{
	int	 fd;

	snprintf(path, 64, "/tmp/test_formats_XXXXXX");
	assert_true((fd = mkstemp(path)) >= 0);
	assert_int_equal(write(fd, s, n), (ssize_t)n);
	assert_int_equal(close(fd), 0);
}

/* Whether the schema file and the validator's interpreter are there. */
static bool
validator_present(const char *schema)
{
	char	 interp[256];
	size_t	 n;

	n = strcspn(LOUDONG_SCHEMA_VALIDATE, " ");
	snprintf(interp, sizeof(interp), "%.*s", (int)n, LOUDONG_SCHEMA_VALIDATE);
	return access(schema, R_OK) == 0 && access(interp, X_OK) == 0;
}

/*
 * Validate docs against schema: the validator's exit status, 0 when every
 * document is valid, 2 when it cannot run (schema or interpreter absent,
 * no jsonschema module, unreadable files); it prints each error with its
 * JSON path.  Callers
 * release what they hold before skipping or failing on it.
 */
static int
validate(const char *schema, char paths[][64], size_t n)
{
	char	 cmd[2048];
	size_t	 len, i;
	int	 rc;

	if (!validator_present(schema)) {
		print_message("no schema at '%s' or no validator\n", schema);
		return 2;
	}
	len = (size_t)snprintf(cmd, sizeof(cmd), "%s '%s'", LOUDONG_SCHEMA_VALIDATE, schema);
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(cmd + len, sizeof(cmd) - len, " '%s'", paths[i]);
	if (len >= sizeof(cmd))
		return 1;
	rc = system(cmd);
	if (rc == -1 || !WIFEXITED(rc))
		return 1;
	if (WEXITSTATUS(rc) == 2)
		print_message("the validator cannot run ('%s')\n", cmd);
	return WEXITSTATUS(rc);
}

/* After validate(): skip when it could not run, fail when a document is invalid. */
static void
assert_valid(int rc)
{
	if (rc == 2)
		skip();
	assert_int_equal(rc, 0);
}

static json_t *
load_json(const char *s)
{
	json_error_t	 jerr;
	json_t		*j = json_loads(s, JSON_REJECT_DUPLICATES, &jerr);

	if (j == NULL)
		fail_msg("not JSON: %s (line %d)", jerr.text, jerr.line);
	return j;
}

/* Whether the array arr holds the string s. */
static bool
has_string(const json_t *arr, const char *s)
{
	size_t	 i;

	for (i = 0; i < json_array_size(arr); i++)
		if (json_is_string(json_array_get(arr, i)) &&
		    strcmp(json_string_value(json_array_get(arr, i)), s) == 0)
			return true;
	return false;
}

/* The element of arr whose member key is the string value, or NULL. */
static json_t *
find_by(const json_t *arr, const char *key, const char *value)
{
	size_t	 i;
	json_t	*o;

	for (i = 0; i < json_array_size(arr); i++) {
		o = json_array_get(arr, i);
		if (json_is_string(json_object_get(o, key)) &&
		    strcmp(json_string_value(json_object_get(o, key)), value) == 0)
			return o;
	}
	return NULL;
}

static const char *
jstr(const json_t *o, const char *key)
{
	const char	*s = json_string_value(json_object_get(o, key));

	return s != NULL ? s : "";
}

/* ---- expat: well-formedness and the text of every element ---- */

#define XML_ELS_MAX	512
#define XML_DEPTH_MAX	32

struct xml_seen {
	char	*name[XML_ELS_MAX];	/* every element, in document order of its end */
	char	*text[XML_ELS_MAX];	/* its direct character data */
	size_t	 n;
	char	*open_name[XML_DEPTH_MAX];
	char	*open_text[XML_DEPTH_MAX];
	int	 depth;
	bool	 overflow;
};

static char *
xstrndup(const char *s, size_t n)
{
	char	*p = malloc(n + 1);

	assert_non_null(p);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static void XMLCALL
on_start(void *ud, const XML_Char *name, const XML_Char **attrs)
{
	struct xml_seen	*x = ud;

	(void)attrs;
	if (x->depth == XML_DEPTH_MAX) {
		x->overflow = true;
		return;
	}
	x->open_name[x->depth] = xstrndup(name, strlen(name));
	x->open_text[x->depth] = xstrndup("", 0);
	x->depth++;
}

static void XMLCALL
on_text(void *ud, const XML_Char *s, int len)
{
	struct xml_seen	*x = ud;
	char		*t, *old;
	size_t		 n;

	if (x->depth == 0 || x->overflow)
		return;
	old = x->open_text[x->depth - 1];
	n = strlen(old);
	t = malloc(n + (size_t)len + 1);
	assert_non_null(t);
	memcpy(t, old, n);
	memcpy(t + n, s, (size_t)len);
	t[n + (size_t)len] = '\0';
	free(old);
	x->open_text[x->depth - 1] = t;
}

static void XMLCALL
on_end(void *ud, const XML_Char *name)
{
	struct xml_seen	*x = ud;

	(void)name;
	if (x->overflow || x->depth == 0)
		return;
	x->depth--;
	if (x->n == XML_ELS_MAX) {
		x->overflow = true;
		free(x->open_name[x->depth]);
		free(x->open_text[x->depth]);
		return;
	}
	x->name[x->n] = x->open_name[x->depth];
	x->text[x->n] = x->open_text[x->depth];
	x->n++;
}

static void
xml_free(struct xml_seen *x)
{
	size_t	 i;

	for (i = 0; i < x->n; i++) {
		free(x->name[i]);
		free(x->text[i]);
	}
	for (; x->depth > 0; x->depth--) {
		free(x->open_name[x->depth - 1]);
		free(x->open_text[x->depth - 1]);
	}
	memset(x, 0, sizeof(*x));
}

/* Parse s with expat; fails the test, with expat's reason, unless well-formed. */
static void
xml_parse(const char *s, size_t n, struct xml_seen *x)
{
	XML_Parser	 p = XML_ParserCreate("UTF-8");
	enum XML_Status	 st;

	memset(x, 0, sizeof(*x));
	assert_non_null(p);
	XML_SetUserData(p, x);
	XML_SetElementHandler(p, on_start, on_end);
	XML_SetCharacterDataHandler(p, on_text);
	st = XML_Parse(p, s, (int)n, 1);
	if (st != XML_STATUS_OK)
		print_message("expat: %s at line %lu\n%s\n",
		    XML_ErrorString(XML_GetErrorCode(p)),
		    (unsigned long)XML_GetCurrentLineNumber(p), s);
	XML_ParserFree(p);
	assert_int_equal(st, XML_STATUS_OK);
	assert_false(x->overflow);
}

/* The text of the k-th (from 0) element called name, or NULL. */
static const char *
xml_text_of(const struct xml_seen *x, const char *name, int k)
{
	size_t	 i;

	for (i = 0; i < x->n; i++)
		if (strcmp(x->name[i], name) == 0 && k-- == 0)
			return x->text[i];
	return NULL;
}

static int
xml_count(const struct xml_seen *x, const char *name)
{
	size_t	 i;
	int	 c = 0;

	for (i = 0; i < x->n; i++)
		c += strcmp(x->name[i], name) == 0;
	return c;
}

/* ---- CVE JSON 5.1 ---- */

static void
test_formats__cve5_rich_record(void **state)
{
	struct arena	*a = *state;
	struct sbuf	 sb;
	struct adv_doc	 d;
	const char	*why = NULL;
	json_t		*j, *cna, *aff, *p, *m;
	char		 path[1][64];
	int		 rc;

	rich_doc(&d);
	sbuf_init(&sb, a, 0);
	assert_int_equal(fmt_cve5(&d, &publisher, &sb, &why), 0);
	j = load_json(sb.buf);
	assert_string_equal(jstr(json_object_get(j, "cveMetadata"), "cveId"), "CVE-2026-12345");
	assert_string_equal(jstr(json_object_get(j, "cveMetadata"), "assignerOrgId"),
	    "00000000-0000-4000-8000-000000000000");
	assert_string_equal(jstr(json_object_get(j, "cveMetadata"), "dateUpdated"),
	    "2026-11-21T08:00:00Z");
	cna = json_object_get(json_object_get(j, "containers"), "cna");
	assert_string_equal(jstr(cna, "title"), TITLE);
	/* The schema's English description: the zh-CN text again, under "en". */
	assert_non_null(find_by(json_object_get(cna, "descriptions"), "lang", "zh-CN"));
	assert_non_null(find_by(json_object_get(cna, "descriptions"), "lang", "en"));
	aff = json_object_get(cna, "affected");
	assert_int_equal(json_array_size(aff), NELEM(products));
	/* A range with its fix, exact versions, a model, unreadable text, "*". */
	p = find_by(aff, "product", "widget");
	assert_string_equal(jstr(json_array_get(json_object_get(p, "versions"), 0), "lessThan"),
	    "1.4.2");
	p = find_by(aff, "product", "core");
	assert_int_equal(json_array_size(json_object_get(p, "versions")), 2);
	p = find_by(aff, "product", "路由器 <Y> & \"X\" AX-1'");
	assert_non_null(p);
	assert_string_equal(jstr(json_array_get(json_object_get(p, "versions"), 0),
	    "lessThanOrEqual"), "2.3");
	assert_true(has_string(json_object_get(p, "cpes"),
	    "cpe:2.3:h:acme:ax-1:-:*:*:*:*:*:*:*"));
	assert_string_equal(jstr(find_by(aff, "product", "firmware"), "defaultStatus"),
	    "unknown");
	assert_string_equal(jstr(find_by(aff, "product", "cloud console"), "defaultStatus"),
	    "affected");
	m = json_object_get(cna, "metrics");
	assert_int_equal(json_array_size(m), 3);
	assert_string_equal(jstr(json_object_get(json_array_get(m, 0), "cvssV3_1"),
	    "baseSeverity"), "MEDIUM");
	assert_non_null(json_object_get(json_array_get(m, 1), "cvssV4_0"));
	assert_non_null(json_object_get(json_array_get(m, 2), "cvssV2_0"));
	assert_string_equal(jstr(json_array_get(json_object_get(json_array_get(
	    json_object_get(cna, "problemTypes"), 0), "descriptions"), 0), "cweId"), "CWE-79");
	assert_non_null(find_by(json_object_get(cna, "credits"), "type", "finder"));
	assert_non_null(find_by(json_object_get(cna, "credits"), "type", "analyst"));
	/* The own page first; a reference repeating it is not listed twice. */
	assert_string_equal(jstr(json_array_get(json_object_get(cna, "references"), 0), "url"),
	    "https://vuln.example.cn/advisories/LD-2026-000042");
	assert_int_equal(json_array_size(json_object_get(cna, "references")), 3);
	json_decref(j);

	write_temp(sb.buf, sb.len, path[0]);
	rc = validate(CVE_SCHEMA, path, 1);
	unlink(path[0]);
	assert_valid(rc);
}

/*
 * Variants that must still validate: English, an anonymous discoverer (no
 * finder credit), a configured organisation, texts past the schema's
 * lengths, no CWE, no vector, no reference.
 */
static void
test_formats__cve5_variants_validate(void **state)
{
	static const struct fmt_publisher p2 = {
		.name = "漏洞平台", .base_url = "https://v.example.org",
		.category = "vendor", .cve_org_id = "8254265b-2729-46b6-b9e3-3dfca2d5bfca",
		.cve_short_name = "example_psirt", .tool_version = "0.1.0",
	};
	static struct adv_product odd = { "Acme", "", "gadget", "", "< 2.0", "", "cpe:2.3:a:acme",
	    "" };
	struct arena	*a = *state;
	struct sbuf	 sb[3];
	struct adv_doc	 d;
	const char	*why = NULL;
	char		 path[3][64], *longtext;
	json_t		*j;
	size_t		 i;
	int		 rc;

	rich_doc(&d);
	d.lang = "en";
	d.discoverer_anonymous = true;
	sbuf_init(&sb[0], a, 0);
	assert_int_equal(fmt_cve5(&d, &p2, &sb[0], &why), 0);
	j = load_json(sb[0].buf);
	assert_null(find_by(json_object_get(json_object_get(json_object_get(j, "containers"),
	    "cna"), "credits"), "type", "finder"));
	assert_null(strstr(sb[0].buf, "zhang@example.cn"));
	assert_string_equal(jstr(json_object_get(j, "cveMetadata"), "assignerShortName"),
	    "example_psirt");
	json_decref(j);

	/* 5,000 Chinese characters of description, 300 of title. */
	longtext = arena_alloc(a, 5000 * 3 + 1);
	for (i = 0; i < 5000; i++)
		memcpy(longtext + i * 3, "漏", 3);
	longtext[5000 * 3] = '\0';
	rich_doc(&d);
	d.summary = longtext;
	d.title = longtext + (5000 - 300) * 3;
	d.solution = longtext;
	sbuf_init(&sb[1], a, 0);
	assert_int_equal(fmt_cve5(&d, &publisher, &sb[1], &why), 0);

	/* Bare: no CWE, vector, reference or credit; a CPE that is not one. */
	rich_doc(&d);
	d.ncwes = d.ncvss = d.nrefs = 0;
	d.discoverer = d.verifier = d.solution = d.mitigation = "";
	d.published_at = 0;
	d.products = &odd;
	d.nproducts = 1;
	sbuf_init(&sb[2], a, 0);
	assert_int_equal(fmt_cve5(&d, &publisher, &sb[2], &why), 0);
	assert_null(strstr(sb[2].buf, "cpes"));

	for (i = 0; i < NELEM(sb); i++)
		write_temp(sb[i].buf, sb[i].len, path[i]);
	rc = validate(CVE_SCHEMA, path, NELEM(path));
	for (i = 0; i < NELEM(sb); i++)
		unlink(path[i]);
	assert_valid(rc);
}

static void
test_formats__cve5_refusals(void **state)
{
	static const struct fmt_publisher bad_org = {
		.name = "x", .base_url = "https://v.example.org", .cve_org_id = "not-a-uuid",
	};
	struct arena	*a = *state;
	struct sbuf	 sb;
	struct adv_doc	 d;
	const char	*why = NULL;

	rich_doc(&d);
	d.ids = ids + 1;	/* GHSA and CNVD only */
	d.nids = NELEM(ids) - 1;
	sbuf_init(&sb, a, 0);
	assert_int_equal(fmt_cve5(&d, &publisher, &sb, &why), -1);
	assert_string_equal(why, "CVE JSON needs a CVE id");
	assert_int_equal(sb.len, 0);

	rich_doc(&d);
	d.withdrawn_at = T_UPDATED + 60;
	why = NULL;
	assert_int_equal(fmt_cve5(&d, &publisher, &sb, &why), -1);
	assert_non_null(why);

	rich_doc(&d);
	why = NULL;
	assert_int_equal(fmt_cve5(&d, &bad_org, &sb, &why), -1);
	assert_non_null(why);

	/* Text that is not UTF-8 is refused, not written half. */
	rich_doc(&d);
	d.summary = "bad \xff byte";
	why = NULL;
	assert_int_equal(fmt_cve5(&d, &publisher, &sb, &why), -1);
	assert_non_null(why);
	assert_int_equal(sb.len, 0);
}

/* ---- OSV ---- */

static void
test_formats__osv_rich_record(void **state)
{
	struct arena	*a = *state;
	struct sbuf	 sb;
	struct adv_doc	 d;
	const char	*why = NULL;
	json_t		*j, *aff, *p, *r, *sev, *ds;
	char		 path[1][64];
	int		 rc;

	rich_doc(&d);
	sbuf_init(&sb, a, 0);
	assert_int_equal(fmt_osv(&d, &publisher, &sb, &why), 0);
	j = load_json(sb.buf);
	/* LD is no registered OSV database: the schema's private prefix. */
	assert_string_equal(jstr(j, "id"), "x_LD-2026-000042");
	assert_string_equal(jstr(j, "modified"), "2026-11-21T08:00:00Z");
	assert_string_equal(jstr(j, "published"), "2026-11-21T00:00:00Z");
	assert_null(json_object_get(j, "withdrawn"));
	assert_true(has_string(json_object_get(j, "aliases"), "CVE-2026-12345"));
	assert_true(has_string(json_object_get(j, "aliases"), "GHSA-2c8f-9m3q-wx7v"));
	assert_true(has_string(json_object_get(j, "aliases"), "CNVD-2026-12345"));
	assert_string_equal(jstr(j, "summary"), TITLE);
	assert_non_null(strstr(jstr(j, "details"), "## 解决方案"));
	sev = json_object_get(j, "severity");
	assert_non_null(find_by(sev, "type", "CVSS_V3"));
	assert_non_null(find_by(sev, "type", "CVSS_V4"));
	assert_non_null(find_by(sev, "type", "CVSS_V2"));

	aff = json_object_get(j, "affected");
	assert_int_equal(json_array_size(aff), NELEM(products));
	/* npm: the scope decoded, SemVer, the range closed by its fix. */
	p = json_object_get(json_array_get(aff, 0), "package");
	assert_string_equal(jstr(p, "ecosystem"), "npm");
	assert_string_equal(jstr(p, "name"), "@acme/widget");
	assert_string_equal(jstr(p, "purl"), "pkg:npm/%40acme/widget");
	r = json_array_get(json_object_get(json_array_get(aff, 0), "ranges"), 0);
	assert_string_equal(jstr(r, "type"), "SEMVER");
	assert_string_equal(jstr(json_array_get(json_object_get(r, "events"), 0), "introduced"),
	    "1.0.0");
	assert_string_equal(jstr(json_array_get(json_object_get(r, "events"), 1), "fixed"),
	    "1.4.2");
	/* Maven: exact versions. */
	p = json_array_get(aff, 1);
	assert_string_equal(jstr(json_object_get(p, "package"), "name"), "com.acme:core");
	assert_true(has_string(json_object_get(p, "versions"), "2.2"));
	assert_null(json_object_get(p, "ranges"));
	/* PyPI: the PEP 503 name, last_affected. */
	p = json_array_get(aff, 2);
	assert_string_equal(jstr(json_object_get(p, "package"), "name"), "acme-py-tools");
	r = json_array_get(json_object_get(p, "ranges"), 0);
	assert_string_equal(jstr(r, "type"), "ECOSYSTEM");
	assert_string_equal(jstr(json_array_get(json_object_get(r, "events"), 1),
	    "last_affected"), "3.0.1");
	/* Go: the module path, versions without their 'v'. */
	p = json_array_get(aff, 3);
	assert_string_equal(jstr(json_object_get(p, "package"), "ecosystem"), "Go");
	assert_string_equal(jstr(json_object_get(p, "package"), "name"), "github.com/acme/mod");
	r = json_array_get(json_object_get(p, "ranges"), 0);
	assert_string_equal(jstr(r, "type"), "SEMVER");
	assert_string_equal(jstr(json_array_get(json_object_get(r, "events"), 1), "fixed"),
	    "1.5.0");
	/* No purl: no package; the product is in database_specific. */
	p = json_array_get(aff, 4);
	assert_null(json_object_get(p, "package"));
	assert_string_equal(jstr(json_object_get(p, "database_specific"), "model"), "AX-1'");
	p = json_array_get(aff, 5);
	assert_null(json_object_get(p, "ranges"));
	assert_string_equal(jstr(json_object_get(p, "database_specific"), "versions"),
	    "before the 2024 firmware");

	assert_string_equal(jstr(json_array_get(json_object_get(j, "references"), 0), "type"),
	    "ADVISORY");
	assert_string_equal(jstr(find_by(json_object_get(j, "references"), "url",
	    "https://github.com/acme/widget/commit/0123456789abcdef"), "type"), "FIX");
	assert_string_equal(jstr(find_by(json_object_get(j, "credits"), "type", "FINDER"),
	    "name"), "张三 <zhang@example.cn>");
	ds = json_object_get(j, "database_specific");
	assert_string_equal(jstr(ds, "grade"), "medium");
	assert_true(has_string(json_object_get(ds, "cwe_ids"), "CWE-116"));
	json_decref(j);

	write_temp(sb.buf, sb.len, path[0]);
	rc = validate(OSV_SCHEMA, path, 1);
	unlink(path[0]);
	assert_valid(rc);
}

/* Withdrawn, anonymous, a configured prefix, and a bare minimum: all valid. */
static void
test_formats__osv_variants_validate(void **state)
{
	static struct adv_product odd[] = {
		{ "Debian", "", "curl", "", "< 7.88.1-10", "", "",
		    "pkg:deb/debian/curl@7.88.1-9?arch=amd64&distro=bookworm" },
		{ "Acme", "", "fw", "", "1.0", "", "", "pkg:generic/acme/fw@1.0" },
	};
	struct fmt_publisher	 p2 = publisher;
	struct arena		*a = *state;
	struct sbuf		 sb[3];
	struct adv_doc		 d;
	const char		*why = NULL;
	char			 path[3][64];
	json_t			*j, *aff;
	size_t			 i;
	int		 rc;

	rich_doc(&d);
	d.withdrawn_at = T_UPDATED + 3600;
	d.withdrawn_reason = "重复 <dup>";
	d.discoverer_anonymous = true;
	sbuf_init(&sb[0], a, 0);
	assert_int_equal(fmt_osv(&d, &publisher, &sb[0], &why), 0);
	j = load_json(sb[0].buf);
	assert_string_equal(jstr(j, "withdrawn"), "2026-11-21T09:00:00Z");
	assert_string_equal(jstr(j, "modified"), "2026-11-21T09:00:00Z");
	assert_null(find_by(json_object_get(j, "credits"), "type", "FINDER"));
	json_decref(j);

	p2.osv_prefix = "x_LOUDONG-";
	rich_doc(&d);
	sbuf_init(&sb[1], a, 0);
	assert_int_equal(fmt_osv(&d, &p2, &sb[1], &why), 0);
	j = load_json(sb[1].buf);
	assert_string_equal(jstr(j, "id"), "x_LOUDONG-LD-2026-000042");
	json_decref(j);

	/* Bare, with a Debian purl and one of a type OSV has no ecosystem for. */
	rich_doc(&d);
	d.nids = d.ncvss = d.ncwes = d.nrefs = 0;
	d.products = odd;
	d.nproducts = NELEM(odd);
	d.published_at = 0;
	d.summary = d.existence = d.detection = d.solution = d.mitigation = "";
	sbuf_init(&sb[2], a, 0);
	assert_int_equal(fmt_osv(&d, &publisher, &sb[2], &why), 0);
	j = load_json(sb[2].buf);
	assert_null(json_object_get(j, "details"));
	assert_null(json_object_get(j, "aliases"));
	aff = json_object_get(j, "affected");
	assert_string_equal(jstr(json_object_get(json_array_get(aff, 0), "package"),
	    "ecosystem"), "Debian");
	assert_string_equal(jstr(json_object_get(json_array_get(aff, 0), "package"), "purl"),
	    "pkg:deb/debian/curl");
	assert_null(json_object_get(json_array_get(aff, 1), "package"));
	assert_string_equal(jstr(json_object_get(json_array_get(aff, 1), "database_specific"),
	    "purl"), "pkg:generic/acme/fw@1.0");
	json_decref(j);

	for (i = 0; i < NELEM(sb); i++)
		write_temp(sb[i].buf, sb[i].len, path[i]);
	rc = validate(OSV_SCHEMA, path, NELEM(path));
	for (i = 0; i < NELEM(sb); i++)
		unlink(path[i]);
	assert_valid(rc);

	/* Text that is not UTF-8 is refused. */
	rich_doc(&d);
	d.title = "\xc3\x28";
	why = NULL;
	sbuf_init(&sb[0], a, 0);
	assert_int_equal(fmt_osv(&d, &publisher, &sb[0], &why), -1);
	assert_non_null(why);
	assert_int_equal(sb[0].len, 0);
}

/* ---- GB/T 28458 ---- */

static void
test_formats__gbt28458_well_formed_and_escaped(void **state)
{
	struct arena	*a = *state;
	struct sbuf	 sb;
	struct adv_doc	 d;
	struct xml_seen	 x;
	const char	*why = NULL;

	rich_doc(&d);
	/* What XML 1.0 cannot carry: C0 controls, U+FFFE, a byte that is not UTF-8. */
	d.other = "a\x01" "b\xEF\xBF\xBE" "c\xff" "d";
	sbuf_init(&sb, a, 0);
	assert_int_equal(fmt_gbt28458(&d, &publisher, &sb, &why), 0);
	assert_true(strncmp(sb.buf, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 38) == 0);
	xml_parse(sb.buf, sb.len, &x);
	assert_string_equal(x.name[x.n - 1], "vulnerability");
	assert_string_equal(xml_text_of(&x, "identifier", 0), "LD-2026-000042");
	assert_string_equal(xml_text_of(&x, "name", 0), TITLE);
	assert_string_equal(xml_text_of(&x, "publishTime", 0), "2026-11-21T00:00:00Z");
	assert_string_equal(xml_text_of(&x, "grade", 0), "中危");
	assert_string_equal(xml_text_of(&x, "discovererName", 0), "张三 <zhang@example.cn>");
	assert_string_equal(xml_text_of(&x, "anonymous", 0), "false");
	assert_int_equal(xml_count(&x, "product"), (int)NELEM(products));
	assert_string_equal(xml_text_of(&x, "productName", 4), "路由器 <Y> & \"X\"");
	assert_string_equal(xml_text_of(&x, "model", 0), "AX-1'");
	assert_string_equal(xml_text_of(&x, "value", 0), "CVE-2026-12345");
	assert_int_equal(xml_count(&x, "cvss"), 3);
	assert_string_equal(xml_text_of(&x, "cweId", 1), "CWE-116");
	assert_string_equal(xml_text_of(&x, "other", 0), "ab" "c\xEF\xBF\xBD" "d");
	/* Escaped in the bytes, not merely parsed back. */
	assert_non_null(strstr(sb.buf, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; "
	    "&amp; &#39;q&#39;"));
	xml_free(&x);

	/* Anonymous: the flag, and no name anywhere. */
	rich_doc(&d);
	d.discoverer_anonymous = true;
	d.withdrawn_at = T_UPDATED + 60;
	d.withdrawn_reason = "误报 & 重复";
	sbuf_init(&sb, a, 0);
	assert_int_equal(fmt_gbt28458(&d, &publisher, &sb, &why), 0);
	xml_parse(sb.buf, sb.len, &x);
	assert_null(xml_text_of(&x, "discovererName", 0));
	assert_string_equal(xml_text_of(&x, "anonymous", 0), "true");
	assert_null(strstr(sb.buf, "张三"));
	assert_string_equal(xml_text_of(&x, "withdrawReason", 0), "误报 & 重复");
	xml_free(&x);
}

/* ---- Atom ---- */

static void
test_formats__atom_well_formed_and_escaped(void **state)
{
	static const struct atom_entry e[] = {
		{ "LD-2026-000043", TITLE, "摘要 " HOSTILE, "high", T_UPDATED, T_UPDATED, 0 },
		{ "LD-2026-000042", "Old & withdrawn", "x", "", T_PUBLISHED, T_PUBLISHED,
		    T_UPDATED + 60 },
		{ "LD-2026-000041", "Draft <never published>", "", "low", 0, T_PUBLISHED, 0 },
	};
	struct fmt_publisher	 p = publisher;
	struct arena		*a = *state;
	struct sbuf		 sb;
	struct xml_seen		 x;

	p.name = "Loudong <&> \"平台\"";
	sbuf_init(&sb, a, 0);
	fmt_atom(&p, e, NELEM(e), T_UPDATED + 60, &sb);
	assert_int_equal(sbuf_err(&sb), APP_OK);
	xml_parse(sb.buf, sb.len, &x);
	assert_string_equal(x.name[x.n - 1], "feed");
	assert_non_null(strstr(sb.buf, "<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
	/* Elements are listed as they end: the feed's own come first. */
	assert_string_equal(xml_text_of(&x, "id", 0), "https://vuln.example.cn/advisories.atom");
	assert_string_equal(xml_text_of(&x, "title", 0), "Loudong <&> \"平台\" advisories");
	assert_string_equal(xml_text_of(&x, "updated", 0), "2026-11-21T08:01:00Z");
	assert_string_equal(xml_text_of(&x, "id", 1),
	    "https://vuln.example.cn/advisories/LD-2026-000043");
	assert_string_equal(xml_text_of(&x, "title", 1), TITLE);
	assert_string_equal(xml_text_of(&x, "summary", 0), "高危 (high): 摘要 " HOSTILE);
	/* Newest first, as given; the withdrawn one marked, its updated moved. */
	assert_string_equal(xml_text_of(&x, "title", 2), "[已撤回 Withdrawn] Old & withdrawn");
	assert_string_equal(xml_text_of(&x, "updated", 2), "2026-11-21T08:01:00Z");
	assert_string_equal(xml_text_of(&x, "summary", 1), "x");
	assert_string_equal(xml_text_of(&x, "summary", 2), "低危 (low)");
	assert_int_equal(xml_count(&x, "entry"), 3);
	assert_int_equal(xml_count(&x, "published"), 2);
	assert_non_null(strstr(sb.buf, "<link rel=\"alternate\" type=\"text/html\" "
	    "href=\"https://vuln.example.cn/advisories/LD-2026-000042\"/>"));
	assert_non_null(strstr(sb.buf, "Draft &lt;never published&gt;"));
	xml_free(&x);

	/* An empty feed is still a feed. */
	sbuf_init(&sb, a, 0);
	fmt_atom(&p, NULL, 0, T_UPDATED, &sb);
	xml_parse(sb.buf, sb.len, &x);
	assert_int_equal(xml_count(&x, "entry"), 0);
	xml_free(&x);
}

/* Each test's arena, freed even when the test skips or fails (cmocka runs the teardown). */
static int
arena_up(void **state)
{
	*state = arena_new();
	return 0;
}

static int
arena_down(void **state)
{
	arena_free(*state);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_formats__cve5_rich_record, arena_up, arena_down),
		cmocka_unit_test_setup_teardown(test_formats__cve5_variants_validate, arena_up, arena_down),
		cmocka_unit_test_setup_teardown(test_formats__cve5_refusals, arena_up, arena_down),
		cmocka_unit_test_setup_teardown(test_formats__osv_rich_record, arena_up, arena_down),
		cmocka_unit_test_setup_teardown(test_formats__osv_variants_validate, arena_up, arena_down),
		cmocka_unit_test_setup_teardown(test_formats__gbt28458_well_formed_and_escaped, arena_up, arena_down),
		cmocka_unit_test_setup_teardown(test_formats__atom_well_formed_and_escaped, arena_up, arena_down),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
