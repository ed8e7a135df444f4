/*
 * OSV records (formats.h), schema 1.6, valid against ossf/osv-schema's
 * validation/schema.json (tests/unit/test_formats.c checks it).  A product
 * with a Package URL of a known type becomes an OSV package; any other is
 * still listed, without a package (the schema allows it), so that nothing
 * the advisory says is lost, though OSV tools match only packages.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <jansson.h>

#include "core/arena.h"
#include "core/sbuf.h"
#include "core/str.h"
#include "domain/cvss.h"
#include "domain/ids.h"
#include "formats/formats.h"
#include "i18n/i18n.h"

#define SCHEMA_VERSION	"1.6.0"
/* The schema's id prefix for a database without a registered one. */
#define PRIVATE_PREFIX	"x_"
#define RANGES_MAX	ADV_LIST_MAX	/* ranges read from one product's versions */

/* Where one record is being built: the arena for copies, and a sticky failure. */
struct build {
	struct arena	*a;
	bool		 bad;	/* a jansson call failed (memory, or text that is not UTF-8) */
};

static const char *
s0(const char *s)
{
	return s != NULL ? s : "";
}

static bool
blank(const char *s)
{
	for (s = s0(s); *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return false;
	return true;
}

/* o[k] = v; a NULL v (jansson's failure) marks the build bad.  Steals v. */
static void
set(struct build *b, json_t *o, const char *k, json_t *v)
{
	if (v == NULL || json_object_set_new(o, k, v) != 0)
		b->bad = true;
}

/* o[k] = v when v is not NULL (an optional member).  Steals v. */
static void
set_opt(struct build *b, json_t *o, const char *k, json_t *v)
{
	if (v != NULL)
		set(b, o, k, v);
}

/* o[k] = s unless s is blank. */
static void
set_text(struct build *b, json_t *o, const char *k, const char *s)
{
	if (!blank(s))
		set(b, o, k, json_string(s));
}

/* Append v to the array a.  Steals v. */
static void
push(struct build *b, json_t *a, json_t *v)
{
	if (v == NULL || json_array_append_new(a, v) != 0)
		b->bad = true;
}

/* Append v unless an equal item is there.  Steals v. */
static void
push_unique(struct build *b, json_t *arr, json_t *v)
{
	size_t	 i;

	if (v == NULL) {
		b->bad = true;
		return;
	}
	for (i = 0; i < json_array_size(arr); i++)
		if (json_equal(json_array_get(arr, i), v)) {
			json_decref(v);
			return;
		}
	push(b, arr, v);
}

static json_t *
new_array(struct build *b)
{
	json_t	*a = json_array();

	if (a == NULL)
		b->bad = true;
	return a;
}

static json_t *
new_object(struct build *b)
{
	json_t	*o = json_object();

	if (o == NULL)
		b->bad = true;
	return o;
}

/* An array member only when it has items; the empty one is dropped. */
static void
set_nonempty(struct build *b, json_t *o, const char *k, json_t *arr)
{
	if (arr != NULL && json_array_size(arr) == 0) {
		json_decref(arr);
		return;
	}
	set_opt(b, o, k, arr);
}

/* RFC 3339 UTC, with the schema's "Z". */
static void
set_time(struct build *b, json_t *o, const char *k, int64_t t)
{
	struct tm	 tm;
	time_t		 tt = (time_t)t;
	char		 ts[32];

	if (gmtime_r(&tt, &tm) == NULL || strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ",
	    &tm) == 0) {
		b->bad = true;
		return;
	}
	set(b, o, k, json_string(ts));
}

/*
 * The record's id: osv_prefix (if configured) and the advisory id.  The
 * schema accepts only registered database prefixes or "x_", so an id that
 * is neither gets "x_": "LD-2026-000001" becomes "x_LD-2026-000001".
 */
static const char *
osv_id(struct build *b, const struct adv_doc *doc, const struct fmt_publisher *p)
{
	enum xid_scheme	 kind;
	char		 scheme[XID_SCHEME_MAX];
	const char	*id = arena_printf(b->a, "%s%s", s0(p->osv_prefix), s0(doc->id));

	if (xid_check("OSV", id, &kind, scheme) == XID_OK)
		return id;
	return arena_printf(b->a, PRIVATE_PREFIX "%s", id);
}

/* ---- details ---- */

/*
 * Headings of the details' sections, in the document's language (not the
 * reader's: the record is one text).  Kept here rather than in the UI
 * catalog because they are part of a published document's body.
 */
enum section { SEC_EXISTENCE, SEC_DETECTION, SEC_SOLUTION, SEC_MITIGATION, SEC__MAX };
static const char *const headings[LANG__MAX][SEC__MAX] = {
	[LANG_ZH] = { "存在性说明", "检测方法", "解决方案", "缓解措施" },
	[LANG_EN] = { "Existence", "Detection", "Solution", "Workarounds" },
};

/*
 * The description, then existence, detection, solution and mitigation
 * under Markdown headings.  The texts are already the editor's Markdown,
 * so they go as they are (OSV readers render details as CommonMark).
 */
static json_t *
details(struct build *b, const struct adv_doc *doc)
{
	const char	*texts[SEC__MAX] = { doc->existence, doc->detection, doc->solution,
	    doc->mitigation };
	struct sbuf	 sb;
	json_t		*v = NULL;
	int		 l = lang_parse(str_from(s0(doc->lang)));
	int		 i;

	if (l < 0)
		l = LANG_EN;
	sbuf_init(&sb, b->a, 0);
	if (!blank(doc->summary))
		sbuf_addstr(&sb, doc->summary);
	for (i = 0; i < SEC__MAX; i++) {
		if (blank(texts[i]))
			continue;
		if (sb.len > 0)
			sbuf_addstr(&sb, "\n\n");
		sbuf_addf(&sb, "## %s\n\n%s", headings[l][i], texts[i]);
	}
	if (sb.len == 0)
		return NULL;
	if (sbuf_err(&sb) != APP_OK || (v = json_string(sb.buf)) == NULL)
		b->bad = true;
	return v;
}

/* ---- severity ---- */

static json_t *
severity(struct build *b, const struct adv_doc *doc)
{
	static const char *const types[CVSS__NVERSIONS] = {
		"CVSS_V2",	/* CVSS_V2 */
		"CVSS_V3",	/* CVSS_V30 */
		"CVSS_V3",	/* CVSS_V31 */
		"CVSS_V4",	/* CVSS_V40 */
	};
	struct cvss		 cv;
	struct cvss_error	 err;
	json_t			*arr, *s;
	size_t			 i;

	if ((arr = new_array(b)) == NULL)
		return NULL;
	for (i = 0; i < doc->ncvss; i++) {
		/* Normalised vectors: v2 bare, as the schema's CVSS_V2 pattern wants. */
		if (doc->cvss[i].vector == NULL || cvss_parse(doc->cvss[i].vector, &cv, &err) != 0)
			continue;
		if ((s = new_object(b)) == NULL)
			break;
		set(b, s, "type", json_string(types[cv.version]));
		set(b, s, "score", json_string(cv.vector));
		push_unique(b, arr, s);
	}
	return arr;
}

/* ---- affected ---- */

/* How a purl type's namespace and name make the OSV package name. */
enum name_rule {
	NAME_ONLY,	/* the name */
	NAME_SLASH,	/* namespace/name (Go module paths, Packagist vendor/name) */
	NAME_COLON,	/* namespace:name (Maven groupId:artifactId) */
	NAME_NPM,	/* @scope/name */
	NAME_PEP503,	/* the name normalised as PEP 503 says (PyPI) */
};

/* Package URL types OSV has an ecosystem for (purl-spec PURL-TYPES). */
static const struct purl_type {
	const char	*type;		/* purl type, lower case */
	const char	*ns;		/* required namespace, or NULL for any */
	const char	*ecosystem;	/* OSV ecosystem */
	enum name_rule	 rule;
	bool		 semver;	/* the ecosystem's versions are SemVer */
} purl_types[] = {
	{ "npm", NULL, "npm", NAME_NPM, true },
	{ "golang", NULL, "Go", NAME_SLASH, true },
	{ "cargo", NULL, "crates.io", NAME_ONLY, true },
	{ "pypi", NULL, "PyPI", NAME_PEP503, false },
	{ "maven", NULL, "Maven", NAME_COLON, false },
	{ "nuget", NULL, "NuGet", NAME_ONLY, false },
	{ "composer", NULL, "Packagist", NAME_SLASH, false },
	{ "gem", NULL, "RubyGems", NAME_ONLY, false },
	{ "hex", NULL, "Hex", NAME_ONLY, false },
	{ "pub", NULL, "Pub", NAME_ONLY, false },
	{ "cran", NULL, "CRAN", NAME_ONLY, false },
	{ "hackage", NULL, "Hackage", NAME_ONLY, false },
	{ "conan", NULL, "ConanCenter", NAME_ONLY, false },
	/* Ubuntu and Alpine need a release suffix the purl does not carry. */
	{ "deb", "debian", "Debian", NAME_ONLY, false },
};

/* A Package URL read into its parts (decoded, in the arena). */
struct purl {
	const char	*type;
	const char	*ns;	/* "" if none */
	const char	*name;
	const char	*bare;	/* the purl without version, qualifiers and subpath */
};

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* p[0..n) percent-decoded; NULL if it decodes to a NUL or is malformed. */
static const char *
pct_decode(struct arena *a, const char *p, size_t n)
{
	char	*out = arena_alloc(a, n + 1);
	size_t	 i, k = 0;
	int	 hi, lo;

	for (i = 0; i < n; i++) {
		if (p[i] != '%') {
			out[k++] = p[i];
			continue;
		}
		if (i + 2 >= n)
			return NULL;
		if ((hi = hexval(p[i + 1])) < 0 || (lo = hexval(p[i + 2])) < 0 ||
		    (hi == 0 && lo == 0))
			return NULL;
		out[k++] = (char)(hi * 16 + lo);
		i += 2;
	}
	out[k] = '\0';
	return out;
}

/*
 * pkg:type/namespace/name@version?qualifiers#subpath.  0, or -1 when s is
 * not a purl this reader understands.
 */
static int
purl_parse(struct arena *a, const char *s, struct purl *u)
{
	const char	*t, *slash, *end, *at, *last;
	char		*type;
	size_t		 i;

	if (strncmp(s, "pkg:", 4) != 0)
		return -1;
	t = s + 4;
	while (*t == '/')
		t++;	/* "pkg://npm/…" is tolerated by the spec */
	if ((slash = strchr(t, '/')) == NULL || slash == t)
		return -1;
	end = t + strcspn(t, "?#");
	if (slash > end)
		return -1;
	last = slash;
	for (at = slash; at < end; at++)
		if (*at == '/')
			last = at;	/* the name follows the last '/' */
	at = memchr(last, '@', (size_t)(end - last));
	if (at != NULL)
		end = at;
	while (end > last + 1 && end[-1] == '/')
		end--;
	if (end <= last + 1)
		return -1;
	type = arena_strndup(a, t, (size_t)(slash - t));
	for (i = 0; type[i] != '\0'; i++)
		if (type[i] >= 'A' && type[i] <= 'Z')
			type[i] = (char)(type[i] - 'A' + 'a');
	u->type = type;
	u->ns = last > slash ? pct_decode(a, slash + 1, (size_t)(last - slash - 1)) : "";
	u->name = pct_decode(a, last + 1, (size_t)(end - last - 1));
	u->bare = arena_printf(a, "pkg:%s/%.*s", type, (int)(end - slash - 1), slash + 1);
	return u->ns != NULL && u->name != NULL ? 0 : -1;
}

/* PEP 503: lower case, every run of '-', '_' and '.' one '-'. */
static const char *
pep503(struct arena *a, const char *name)
{
	char	*out = arena_alloc(a, strlen(name) + 1);
	size_t	 k = 0;

	for (; *name != '\0'; name++) {
		if (*name == '-' || *name == '_' || *name == '.') {
			if (k == 0 || out[k - 1] != '-')
				out[k++] = '-';
			continue;
		}
		out[k++] = (*name >= 'A' && *name <= 'Z') ? (char)(*name - 'A' + 'a') : *name;
	}
	out[k] = '\0';
	return out;
}

static const char *
package_name(struct arena *a, const struct purl_type *pt, const struct purl *u)
{
	switch (pt->rule) {
	case NAME_SLASH:
		return *u->ns != '\0' ? arena_printf(a, "%s/%s", u->ns, u->name) : u->name;
	case NAME_COLON:
		return *u->ns != '\0' ? arena_printf(a, "%s:%s", u->ns, u->name) : NULL;
	case NAME_NPM:
		if (*u->ns == '\0')
			return u->name;
		return arena_printf(a, "%s%s/%s", u->ns[0] == '@' ? "" : "@", u->ns, u->name);
	case NAME_PEP503:
		return pep503(a, u->name);
	case NAME_ONLY:
	default:
		return u->name;
	}
}

/* The OSV package a purl names, or NULL (*pt then unset). */
static json_t *
package(struct build *b, const char *purl, const struct purl_type **pt)
{
	struct purl	 u;
	const char	*name;
	json_t		*o;
	size_t		 i;

	if (blank(purl) || purl_parse(b->a, purl, &u) != 0)
		return NULL;
	for (i = 0; i < sizeof(purl_types) / sizeof(purl_types[0]); i++) {
		if (strcmp(purl_types[i].type, u.type) != 0 || (purl_types[i].ns != NULL &&
		    strcasecmp(purl_types[i].ns, u.ns) != 0))
			continue;
		if ((name = package_name(b->a, &purl_types[i], &u)) == NULL || *name == '\0')
			return NULL;
		if ((o = new_object(b)) == NULL)
			return NULL;
		set(b, o, "ecosystem", json_string(purl_types[i].ecosystem));
		set(b, o, "name", json_string(name));
		/* OSV's purl names the package, so no version or qualifiers. */
		set(b, o, "purl", json_string(u.bare));
		*pt = &purl_types[i];
		return o;
	}
	return NULL;
}

static bool
digits(const char **s)
{
	const char	*p = *s;

	if (*p < '0' || *p > '9' || (*p == '0' && p[1] >= '0' && p[1] <= '9'))
		return false;	/* SemVer numbers have no leading zeros */
	while (*p >= '0' && *p <= '9')
		p++;
	*s = p;
	return true;
}

/* MAJOR.MINOR.PATCH with optional -pre and +build (SemVer 2.0.0, loosely). */
static bool
semver_ok(const char *v)
{
	if (!digits(&v) || *v++ != '.' || !digits(&v) || *v++ != '.' || !digits(&v))
		return false;
	if (*v != '\0' && *v != '-' && *v != '+')
		return false;
	for (; *v != '\0'; v++)
		if (!((*v >= '0' && *v <= '9') || (*v >= 'a' && *v <= 'z') ||
		    (*v >= 'A' && *v <= 'Z') || *v == '-' || *v == '+' || *v == '.'))
			return false;
	return true;
}

/* Go module versions carry a 'v' that OSV's Go records leave out. */
static const char *
version_text(const struct purl_type *pt, const char *v)
{
	if (pt != NULL && strcmp(pt->ecosystem, "Go") == 0 && v[0] == 'v' && v[1] >= '0' &&
	    v[1] <= '9')
		return v + 1;
	return v;
}

/* SEMVER when the ecosystem is SemVer and every bound is; ECOSYSTEM otherwise. */
static const char *
range_type(const struct purl_type *pt, const struct adv_range *r, int n)
{
	int	 i;

	if (pt == NULL || !pt->semver)
		return "ECOSYSTEM";
	for (i = 0; i < n; i++) {
		const char	*v[3] = { r[i].introduced, r[i].fixed, r[i].last_affected };

		for (int k = 0; k < 3; k++)
			if (*v[k] != '\0' && !semver_ok(version_text(pt, v[k])))
				return "ECOSYSTEM";
	}
	return "SEMVER";
}

static json_t *
event(struct build *b, const char *kind, const char *version)
{
	json_t	*e = new_object(b);

	if (e != NULL)
		set(b, e, kind, json_string(version));
	return e;
}

/*
 * One range per bounded interval: OSV forbids fixed and last_affected in
 * one range, and "1.0 - 2.3, < 0.9" mixes them.  "0" is OSV's "from the
 * first version".
 */
static json_t *
range(struct build *b, const struct purl_type *pt, const char *type, const struct adv_range *r)
{
	json_t	*o, *ev;

	if ((o = new_object(b)) == NULL || (ev = new_array(b)) == NULL) {
		json_decref(o);
		return NULL;
	}
	set(b, o, "type", json_string(type));
	push(b, ev, event(b, "introduced", *r->introduced != '\0' ?
	    version_text(pt, r->introduced) : "0"));
	if (*r->fixed != '\0')
		push(b, ev, event(b, "fixed", version_text(pt, r->fixed)));
	else if (*r->last_affected != '\0')
		push(b, ev, event(b, "last_affected", version_text(pt, r->last_affected)));
	set(b, o, "events", ev);
	return o;
}

/* ranges[] and versions[] of one product, from its versions as written. */
static void
product_ranges(struct build *b, const struct adv_product *pr, const struct purl_type *pt,
    json_t *o)
{
	struct adv_range	 r[RANGES_MAX];
	json_t			*ranges, *versions;
	const char		*type;
	int			 n, i;

	n = adv_versions_parse(b->a, s0(pr->versions), s0(pr->fixed_version), r, RANGES_MAX);
	if (n <= 0)
		return;	/* unreadable: database_specific.versions keeps the text */
	ranges = new_array(b);
	versions = new_array(b);
	type = range_type(pt, r, n);
	for (i = 0; ranges != NULL && versions != NULL && i < n; i++) {
		if (*r[i].exact != '\0')
			push_unique(b, versions, json_string(version_text(pt, r[i].exact)));
		else
			push_unique(b, ranges, range(b, pt, type, &r[i]));
	}
	set_nonempty(b, o, "ranges", ranges);
	set_nonempty(b, o, "versions", versions);
}

/* What OSV has no field for: the product as the advisory names it. */
static json_t *
product_specific(struct build *b, const struct adv_product *pr, bool has_package)
{
	json_t	*o = new_object(b);

	if (o == NULL)
		return NULL;
	set_text(b, o, "vendor", pr->vendor);
	set_text(b, o, "product", pr->product);
	set_text(b, o, "model", pr->model);
	set_text(b, o, "versions", pr->versions);
	set_text(b, o, "fixed_version", pr->fixed_version);
	set_text(b, o, "cpe", pr->cpe);
	if (!has_package)
		set_text(b, o, "purl", pr->purl);	/* a purl type OSV has no ecosystem for */
	return o;
}

/*
 * An app's fields (issue 9), which OSV has no ecosystem for: into the
 * product's database_specific, as app_name, app_package, ... (the platform
 * by its name, android, ios, ...).
 */
static void
app_specific(struct build *b, const struct appinfo *app, json_t *o)
{
	int	i;

	if (app == NULL || o == NULL)
		return;
	for (i = 0; i < AF__MAX; i++)
		set_text(b, o, app_fields[i].key, appinfo_get(app, (enum app_field)i));
}

static json_t *
affected_one(struct build *b, const struct adv_product *pr, const struct appinfo *app)
{
	const struct purl_type	*pt = NULL;
	json_t			*o, *pkg, *ds;

	if ((o = new_object(b)) == NULL)
		return NULL;
	pkg = package(b, pr->purl, &pt);
	set_opt(b, o, "package", pkg);
	product_ranges(b, pr, pt, o);
	ds = product_specific(b, pr, pkg != NULL);
	app_specific(b, app, ds);
	set(b, o, "database_specific", ds);
	return o;
}

static json_t *
affected(struct build *b, const struct adv_doc *doc)
{
	json_t	*arr = new_array(b);
	size_t	 i;

	for (i = 0; arr != NULL && i < doc->nproducts; i++)
		push(b, arr, affected_one(b, &doc->products[i], adv_product_app(doc, i)));
	return arr;
}

/* ---- references, credits, aliases ---- */

/* The OSV reference type a label names, by keyword; WEB otherwise. */
static const char *
ref_type(const char *label)
{
	static const struct {
		const char	*word;	/* matched ignoring ASCII case */
		const char	*type;
	} words[] = {
		{ "fix", "FIX" }, { "patch", "FIX" }, { "commit", "FIX" }, { "修复", "FIX" },
		{ "补丁", "FIX" },
		{ "advisory", "ADVISORY" }, { "bulletin", "ADVISORY" }, { "公告", "ADVISORY" },
		{ "exploit", "EVIDENCE" }, { "poc", "EVIDENCE" }, { "proof", "EVIDENCE" },
		{ "report", "REPORT" }, { "issue", "REPORT" }, { "bug", "REPORT" },
		{ "introduced", "INTRODUCED" },
		{ "detection", "DETECTION" }, { "检测", "DETECTION" },
		{ "discussion", "DISCUSSION" }, { "mailing list", "DISCUSSION" },
		{ "article", "ARTICLE" }, { "blog", "ARTICLE" }, { "文章", "ARTICLE" },
		{ "package", "PACKAGE" }, { "download", "PACKAGE" },
	};
	size_t	 i, j, n = strlen(label), k;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		k = strlen(words[i].word);
		for (j = 0; j + k <= n; j++)
			if (strncasecmp(label + j, words[i].word, k) == 0)
				return words[i].type;
	}
	return "WEB";
}

static void
reference(struct build *b, json_t *arr, const char *type, const char *url)
{
	json_t	*r;
	size_t	 i;

	if (blank(url))
		return;
	for (i = 0; i < json_array_size(arr); i++)
		if (strcmp(s0(json_string_value(json_object_get(json_array_get(arr, i), "url"))),
		    url) == 0)
			return;	/* one entry per URL; the own page comes first */
	if ((r = new_object(b)) == NULL)
		return;
	set(b, r, "type", json_string(type));
	set(b, r, "url", json_string(url));
	push(b, arr, r);
}

static json_t *
references(struct build *b, const struct adv_doc *doc, const struct fmt_publisher *p)
{
	json_t		*arr = new_array(b);
	struct sbuf	 url;
	size_t		 i;

	if (arr == NULL)
		return NULL;
	sbuf_init(&url, b->a, 0);
	sbuf_addstr(&url, s0(p->base_url));
	sbuf_addstr(&url, "/advisories/");
	sbuf_add_urlenc(&url, s0(doc->id), strlen(s0(doc->id)));
	if (!blank(p->base_url) && sbuf_err(&url) == APP_OK)
		reference(b, arr, "ADVISORY", url.buf);
	for (i = 0; i < doc->nrefs; i++)
		reference(b, arr, ref_type(s0(doc->refs[i].label)), s0(doc->refs[i].url));
	return arr;
}

static void
credit(struct build *b, json_t *arr, const char *name, const char *type)
{
	json_t	*c = new_object(b);

	if (c == NULL)
		return;
	set(b, c, "name", json_string(name));
	set(b, c, "type", json_string(type));
	push_unique(b, arr, c);
}

/* The discoverer unless anonymous (FINDER); the verifier (验证者) as ANALYST. */
static json_t *
credits(struct build *b, const struct adv_doc *doc)
{
	json_t	*arr = new_array(b);

	if (arr == NULL)
		return NULL;
	if (!doc->discoverer_anonymous && !blank(doc->discoverer))
		credit(b, arr, doc->discoverer, "FINDER");
	if (!blank(doc->verifier))
		credit(b, arr, doc->verifier, "ANALYST");
	return arr;
}

/* Every related id, CVE, GHSA, CNVD and CNNVD alike: the same vulnerability. */
static json_t *
aliases(struct build *b, const struct adv_doc *doc, const char *self)
{
	json_t	*arr = new_array(b);
	size_t	 i;

	for (i = 0; arr != NULL && i < doc->nids; i++)
		if (!blank(doc->ids[i].value) && strcmp(doc->ids[i].value, self) != 0)
			push_unique(b, arr, json_string(doc->ids[i].value));
	return arr;
}

/* ---- the record ---- */

/*
 * What OSV has no field for: grade (GB/T 30279), category (GB/T 30279),
 * publisher, CWE ids (as GitHub's records carry them), the advisory's own
 * id and version, and why it was withdrawn.
 */
static json_t *
database_specific(struct build *b, const struct adv_doc *doc, const char *id)
{
	json_t	*o = new_object(b), *cat, *cwes;
	size_t	 i;

	if (o == NULL)
		return NULL;
	if (strcmp(id, s0(doc->id)) != 0)
		set_text(b, o, "advisory_id", doc->id);
	set(b, o, "version", json_integer(doc->version));
	set_text(b, o, "grade", doc->grade);
	if (!blank(doc->category) || !blank(doc->category_name)) {
		if ((cat = new_object(b)) != NULL) {
			set_text(b, cat, "code", doc->category);
			set_text(b, cat, "name", doc->category_name);
			set(b, o, "category", cat);
		}
	}
	set_text(b, o, "publisher", doc->publisher);
	set_text(b, o, "publisher_url", doc->publisher_url);
	if ((cwes = new_array(b)) != NULL) {
		for (i = 0; i < doc->ncwes; i++)
			if (!blank(doc->cwes[i].id))
				push_unique(b, cwes, json_string(doc->cwes[i].id));
		set_nonempty(b, o, "cwe_ids", cwes);
	}
	if (doc->withdrawn_at != 0)
		set_text(b, o, "withdrawn_reason", doc->withdrawn_reason);
	return o;
}

/* modified: the latest of this version's time, publication and withdrawal. */
static int64_t
modified(const struct adv_doc *doc)
{
	int64_t	 t = doc->updated_at;

	if (doc->published_at > t)
		t = doc->published_at;
	if (doc->withdrawn_at > t)
		t = doc->withdrawn_at;
	return t > 0 ? t : 0;
}

static void
record(struct build *b, json_t *root, const struct adv_doc *doc,
    const struct fmt_publisher *p)
{
	const char	*id = osv_id(b, doc, p);

	set(b, root, "schema_version", json_string(SCHEMA_VERSION));
	set(b, root, "id", json_string(id));
	set_time(b, root, "modified", modified(doc));
	if (doc->published_at > 0)
		set_time(b, root, "published", doc->published_at);
	if (doc->withdrawn_at > 0)
		set_time(b, root, "withdrawn", doc->withdrawn_at);
	set_nonempty(b, root, "aliases", aliases(b, doc, id));
	set_text(b, root, "summary", doc->title);
	set_opt(b, root, "details", details(b, doc));
	set_nonempty(b, root, "severity", severity(b, doc));
	set_nonempty(b, root, "affected", affected(b, doc));
	set_nonempty(b, root, "references", references(b, doc, p));
	set_nonempty(b, root, "credits", credits(b, doc));
	set(b, root, "database_specific", database_specific(b, doc, id));
}

int
fmt_osv(const struct adv_doc *doc, const struct fmt_publisher *p, struct sbuf *out,
    const char **why)
{
	struct build	 b = { out->arena, false };
	json_t		*root;
	char		*text = NULL;
	int		 rc = -1;

	if (blank(doc->id)) {
		*why = "OSV needs an advisory id";
		return -1;
	}
	if ((root = json_object()) == NULL)
		b.bad = true;
	else
		record(&b, root, doc, p);
	if (!b.bad && (text = json_dumps(root, JSON_COMPACT)) == NULL)
		b.bad = true;
	if (b.bad) {
		*why = "the record could not be built (memory, or text that is not UTF-8)";
		goto out;
	}
	sbuf_addstr(out, text);
	if (sbuf_err(out) != APP_OK) {
		*why = "the record is larger than the output buffer allows";
		goto out;
	}
	rc = 0;
out:
	free(text);
	json_decref(root);
	return rc;
}
