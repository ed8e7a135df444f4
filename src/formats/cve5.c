/*
 * CVE JSON 5.1 records (formats.h): a PUBLISHED record with the CNA
 * container, valid against CVE_JSON_bundled_5.1.1.json (tests/unit/
 * test_formats.c checks it with the official schema).  Every length limit
 * below is the schema's; text past one is cut at a character boundary with
 * "…", so a long advisory still makes a valid record.
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
#include "core/utf8.h"
#include "domain/cvss.h"
#include "domain/ids.h"
#include "formats/formats.h"

/*
 * The schema's orgId is a version 4 UUID, so the all-zero nil UUID does not
 * validate: this is the nearest placeholder that does, for an instance that
 * has no CVE Program organisation yet.
 */
#define PLACEHOLDER_ORG_ID	"00000000-0000-4000-8000-000000000000"
#define DEFAULT_SHORT_NAME	"loudong"

/* Limits of CVE_JSON_bundled_5.1.1.json, in characters. */
#define TITLE_MAX	256
#define TEXT_MAX	4096	/* description, solution, workaround, credit values */
#define REF_NAME_MAX	512
#define VENDOR_MAX	512
#define PRODUCT_MAX	2048
#define VERSION_MAX	1024
#define SHORT_NAME_MIN	2
#define SHORT_NAME_MAX	32
#define URL_MAX		2048
#define REFS_MAX	512
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

/* Append v to the array a.  Steals v. */
static void
push(struct build *b, json_t *a, json_t *v)
{
	if (v == NULL || json_array_append_new(a, v) != 0)
		b->bad = true;
}

/*
 * s cut to at most max characters (code points, as JSON Schema's maxLength
 * counts), ending in "…" when cut.  Bytes that are not UTF-8 are left for
 * json_string() to refuse.
 */
static const char *
clip(struct build *b, const char *s, size_t max)
{
	size_t	 i = 0, n = strlen(s), chars = 0, cut = 0, len;

	while (i < n) {
		if (chars == max - 1)
			cut = i;
		if (chars == max)
			return arena_printf(b->a, "%.*s\xE2\x80\xA6", (int)cut, s);
		len = utf8_valid_prefix(s + i, n - i);
		i += len > 0 ? len : 1;
		chars++;
	}
	return s;
}

static json_t *
jtext(struct build *b, const char *s, size_t max)
{
	return json_string(clip(b, s, max));
}

/* RFC 3339 UTC; "" if t cannot be converted. */
static void
timestamp(int64_t t, char buf[32])
{
	struct tm	 tm;
	time_t		 tt = (time_t)t;

	buf[0] = '\0';
	if (gmtime_r(&tt, &tm) == NULL || strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		buf[0] = '\0';
}

static void
set_time(struct build *b, json_t *o, const char *k, int64_t t)
{
	char	 ts[32];

	if (t <= 0)
		return;
	timestamp(t, ts);
	if (ts[0] != '\0')
		set(b, o, k, json_string(ts));
}

/* The first related id of scheme CVE that is a well-formed CVE id. */
static const char *
cve_id(const struct adv_doc *doc)
{
	enum xid_scheme	 kind;
	char		 scheme[XID_SCHEME_MAX];
	size_t		 i;

	for (i = 0; i < doc->nids; i++)
		if (xid_check(doc->ids[i].scheme, doc->ids[i].value, &kind, scheme) == XID_OK &&
		    kind == XID_CVE && strlen(doc->ids[i].value) <= 4 + 4 + 1 + 19)
			return doc->ids[i].value;	/* CVE-YYYY-NNNN… up to 19 digits */
	return NULL;
}

/* 8-4-4-4-12 hex digits with version 4 and an RFC 4122 variant (the schema's uuidType). */
static bool
uuid4_ok(const char *s)
{
	size_t	 i;

	if (strlen(s) != 36)
		return false;
	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return false;
		} else if (strchr("0123456789abcdefABCDEF", s[i]) == NULL) {
			return false;
		}
	}
	return s[14] == '4' && strchr("89abAB", s[19]) != NULL;
}

/*
 * A short name as CVE Services registers them: 2-32 letters, digits, '_'
 * and '-' (the schema only bounds the length; the registry is stricter).
 */
static bool
short_name_ok(const char *s)
{
	size_t	 i, n = strlen(s);

	if (n < SHORT_NAME_MIN || n > SHORT_NAME_MAX)
		return false;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_' || s[i] == '-'))
			return false;
	return true;
}

/* The document's language as a BCP 47 tag ("en" if none was recorded). */
static const char *
doc_lang(const struct adv_doc *doc)
{
	return blank(doc->lang) ? "en" : doc->lang;
}

static bool
is_english(const char *lang)
{
	return strncmp(lang, "en", 2) == 0 && (lang[2] == '\0' || lang[2] == '-' ||
	    lang[2] == '_');
}

/* {lang, value}: the schema's description object. */
static json_t *
description(struct build *b, const char *lang, const char *text)
{
	json_t	*d = json_object();

	if (d == NULL) {
		b->bad = true;
		return NULL;
	}
	set(b, d, "lang", json_string(lang));
	set(b, d, "value", jtext(b, text, TEXT_MAX));
	return d;
}

/*
 * The schema requires one description in English.  The platform keeps one
 * text per advisory, in doc->lang; when that is not English the same text
 * is also given under "en", untranslated, because a record without it is
 * refused and a machine translation would put words in the editor's mouth.
 */
static json_t *
descriptions(struct build *b, const struct adv_doc *doc)
{
	json_t		*arr = json_array();
	const char	*lang = doc_lang(doc);
	const char	*text = blank(doc->summary) ? s0(doc->title) : doc->summary;

	if (arr == NULL) {
		b->bad = true;
		return NULL;
	}
	push(b, arr, description(b, lang, text));
	if (!is_english(lang))
		push(b, arr, description(b, "en", text));
	return arr;
}

/* One {version, status, …} entry; NULL for a range that says nothing. */
static json_t *
version_entry(struct build *b, const struct adv_range *r)
{
	json_t	*v;

	if (*r->exact == '\0' && *r->introduced == '\0' && *r->fixed == '\0' &&
	    *r->last_affected == '\0')
		return NULL;	/* every version: the product's defaultStatus says it */
	if ((v = json_object()) == NULL) {
		b->bad = true;
		return NULL;
	}
	if (*r->exact != '\0') {
		set(b, v, "version", jtext(b, r->exact, VERSION_MAX));
		set(b, v, "status", json_string("affected"));
		return v;
	}
	/* "0" is the schema's convention for "from the earliest version". */
	set(b, v, "version", jtext(b, *r->introduced != '\0' ? r->introduced : "0", VERSION_MAX));
	set(b, v, "status", json_string("affected"));
	/* The platform does not know each product's version scheme. */
	set(b, v, "versionType", json_string("custom"));
	if (*r->fixed != '\0')
		set(b, v, "lessThan", jtext(b, r->fixed, VERSION_MAX));
	else if (*r->last_affected != '\0')
		set(b, v, "lessThanOrEqual", jtext(b, r->last_affected, VERSION_MAX));
	else
		set(b, v, "lessThan", json_string("*"));	/* open above: "arbitrarily large" */
	return v;
}

/* Append v unless an equal entry is there (the schema wants unique items). */
static void
push_unique(struct build *b, json_t *arr, json_t *v)
{
	size_t	 i;

	if (v == NULL)
		return;
	for (i = 0; i < json_array_size(arr); i++)
		if (json_equal(json_array_get(arr, i), v)) {
			json_decref(v);
			return;
		}
	push(b, arr, v);
}

/*
 * The versions of one product and its defaultStatus.  Text that cannot be
 * read into ranges goes as one plain version with defaultStatus "unknown":
 * claiming every other version unaffected would be a guess.
 */
static void
product_versions(struct build *b, const struct adv_product *pr, json_t *o)
{
	struct adv_range	 r[RANGES_MAX];
	json_t			*vs;
	const char		*deflt = "unaffected";
	int			 n, i;

	if ((vs = json_array()) == NULL) {
		b->bad = true;
		return;
	}
	n = adv_versions_parse(b->a, s0(pr->versions), s0(pr->fixed_version), r, RANGES_MAX);
	if (n < 0) {
		json_t	*v = json_object();

		if (v == NULL)
			b->bad = true;
		else {
			set(b, v, "version", jtext(b, s0(pr->versions), VERSION_MAX));
			set(b, v, "status", json_string("affected"));
			push(b, vs, v);
		}
		deflt = "unknown";
	}
	for (i = 0; i < n; i++) {
		json_t	*v = version_entry(b, &r[i]);

		if (v == NULL && !b->bad)
			deflt = "affected";	/* a range without bounds: every version */
		push_unique(b, vs, v);
	}
	if (json_array_size(vs) > 0)
		set(b, o, "versions", vs);
	else
		json_decref(vs);
	set(b, o, "defaultStatus", json_string(deflt));
}

/*
 * A CPE 2.3 formatted string's shape: "cpe:2.3:" and ten more components
 * (13 in all, ':' escaped as "\:" inside one), printable ASCII without
 * spaces.  The schema's pattern is stricter still; this keeps a CPE that
 * is plainly not one from spoiling the whole record.
 */
static bool
cpe_ok(const char *s)
{
	int	 colons = 0;
	bool	 escaped = false;

	if (strncmp(s, "cpe:2.3:", 8) != 0)
		return false;
	for (; *s != '\0'; s++) {
		if ((unsigned char)*s <= 0x20 || (unsigned char)*s >= 0x7f)
			return false;
		if (escaped)
			escaped = false;
		else if (*s == '\\')
			escaped = true;
		else if (*s == ':')
			colons++;
	}
	return colons == 12 && !escaped;
}

/*
 * One affected product.  CVE JSON 5.1 has no model field, so the model is
 * appended to the product name; it has no purl either (5.2 adds
 * packageURL), so the purl is left to the formats that carry one.
 */
static json_t *
product(struct build *b, const struct adv_product *pr)
{
	json_t		*o, *cpes;
	const char	*name = s0(pr->product);

	if ((o = json_object()) == NULL) {
		b->bad = true;
		return NULL;
	}
	if (!blank(pr->model))
		name = arena_printf(b->a, "%s %s", name, pr->model);
	/* "N/A" is the schema's word for a product without a vendor. */
	set(b, o, "vendor", jtext(b, blank(pr->vendor) ? "N/A" : pr->vendor, VENDOR_MAX));
	set(b, o, "product", jtext(b, name, PRODUCT_MAX));
	if (!blank(pr->cpe) && cpe_ok(pr->cpe)) {
		if ((cpes = json_array()) == NULL)
			b->bad = true;
		else {
			push(b, cpes, json_string(pr->cpe));
			set(b, o, "cpes", cpes);
		}
	}
	product_versions(b, pr, o);
	return o;
}

/*
 * An app's fields (issue 9): its package name or bundle id as packageName,
 * its platform in platforms, and a store that is a web address as the
 * collectionURL the package name is found in.
 */
static void
product_app(struct build *b, const struct appinfo *app, json_t *o)
{
	const char	*plat = app_platform_en(appinfo_platform(app));
	const char	*pkg = appinfo_get(app, AF_PACKAGE), *store = appinfo_get(app, AF_STORE);
	json_t		*platforms;

	if (o == NULL || app == NULL)
		return;
	if (!blank(pkg))
		set(b, o, "packageName", jtext(b, pkg, PRODUCT_MAX));
	if (!blank(pkg) && app_store_is_url(store) && strlen(store) <= URL_MAX)
		set(b, o, "collectionURL", json_string(store));
	if (plat[0] != '\0') {
		if ((platforms = json_array()) == NULL)
			b->bad = true;
		else {
			push(b, platforms, json_string(plat));
			set(b, o, "platforms", platforms);
		}
	}
}

static json_t *
affected(struct build *b, const struct adv_doc *doc)
{
	json_t	*arr = json_array();
	size_t	 i;

	if (arr == NULL) {
		b->bad = true;
		return NULL;
	}
	for (i = 0; i < doc->nproducts; i++)
		if (!blank(doc->products[i].product)) {
			json_t	*o = product(b, &doc->products[i]);

			product_app(b, adv_product_app(doc, i), o);
			push(b, arr, o);
		}
	return arr;
}

/* One problemTypes entry holding every CWE; NULL when there is none. */
static json_t *
problem_types(struct build *b, const struct adv_doc *doc)
{
	json_t	*arr, *pt, *ds, *d;
	size_t	 i;

	if (doc->ncwes == 0)
		return NULL;
	arr = json_array();
	pt = json_object();
	ds = json_array();
	if (arr == NULL || pt == NULL || ds == NULL) {
		json_decref(arr);
		json_decref(pt);
		json_decref(ds);
		b->bad = true;
		return NULL;
	}
	for (i = 0; i < doc->ncwes; i++) {
		const struct adv_cwe	*c = &doc->cwes[i];

		if ((d = json_object()) == NULL) {
			b->bad = true;
			break;
		}
		/* CWE names are English whatever the advisory's language. */
		set(b, d, "lang", json_string("en"));
		set(b, d, "description", jtext(b, blank(c->name) ? s0(c->id) :
		    arena_printf(b->a, "%s %s", s0(c->id), c->name), TEXT_MAX));
		set(b, d, "cweId", json_string(s0(c->id)));
		set(b, d, "type", json_string("CWE"));
		push_unique(b, ds, d);
	}
	set(b, pt, "descriptions", ds);
	push(b, arr, pt);
	return arr;
}

/*
 * One metrics entry: {format, scenarios, cvssVx_y {version, vectorString,
 * baseScore, baseSeverity}}.  The vector is normalised by cvss_parse (v2
 * without prefix, as the schema's pattern wants); the severity is the band
 * of the document's score, since the schema checks the pair for v4.0.
 */
static json_t *
metric(struct build *b, const struct adv_cvss *cv)
{
	static const char *const keys[CVSS__NVERSIONS] = {
		"cvssV2_0",	/* CVSS_V2 */
		"cvssV3_0",	/* CVSS_V30 */
		"cvssV3_1",	/* CVSS_V31 */
		"cvssV4_0",	/* CVSS_V40 */
	};
	struct cvss		 parsed;
	struct cvss_error	 err;
	json_t			*m, *c, *sc, *s;

	if (cv->vector == NULL || cvss_parse(cv->vector, &parsed, &err) != 0 ||
	    cv->score10 < 0 || cv->score10 > 100)
		return NULL;	/* adv_check refuses these: nothing true to say */
	m = json_object();
	c = json_object();
	sc = json_array();
	s = json_object();
	if (m == NULL || c == NULL || sc == NULL || s == NULL) {
		json_decref(m);
		json_decref(c);
		json_decref(sc);
		json_decref(s);
		b->bad = true;
		return NULL;
	}
	set(b, c, "version", json_string(cvss_version_name(parsed.version)));
	set(b, c, "vectorString", json_string(parsed.vector));
	set(b, c, "baseScore", json_real(cv->score10 / 10.0));
	if (parsed.version != CVSS_V2)
		set(b, c, "baseSeverity", json_string(cvss_severity_name(
		    cvss_severity_of(cv->score10))));
	set(b, m, "format", json_string("CVSS"));
	set(b, s, "lang", json_string("en"));
	set(b, s, "value", json_string("GENERAL"));
	push(b, sc, s);
	set(b, m, "scenarios", sc);
	set(b, m, keys[parsed.version], c);
	return m;
}

static json_t *
metrics(struct build *b, const struct adv_doc *doc)
{
	json_t	*arr;
	size_t	 i;

	if (doc->ncvss == 0)
		return NULL;
	if ((arr = json_array()) == NULL) {
		b->bad = true;
		return NULL;
	}
	for (i = 0; i < doc->ncvss; i++)
		push_unique(b, arr, metric(b, &doc->cvss[i]));
	if (json_array_size(arr) == 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

/* [{lang, value}] of one text, or NULL when it is blank. */
static json_t *
one_text(struct build *b, const struct adv_doc *doc, const char *text)
{
	json_t	*arr;

	if (blank(text))
		return NULL;
	if ((arr = json_array()) == NULL) {
		b->bad = true;
		return NULL;
	}
	push(b, arr, description(b, doc_lang(doc), text));
	return arr;
}

static void
credit(struct build *b, json_t *arr, const struct adv_doc *doc, const char *who,
    const char *type)
{
	json_t	*c;

	if ((c = description(b, doc_lang(doc), who)) == NULL)
		return;
	set(b, c, "type", json_string(type));
	push_unique(b, arr, c);
}

/*
 * The discoverer (unless they asked for no credit) as "finder", and the
 * verifier (验证者, GB/T 28458) as "analyst": the schema's role for whoever
 * "validates the vulnerability to ensure accuracy or severity".
 */
static json_t *
credits(struct build *b, const struct adv_doc *doc)
{
	json_t	*arr = json_array();

	if (arr == NULL) {
		b->bad = true;
		return NULL;
	}
	if (!doc->discoverer_anonymous && !blank(doc->discoverer))
		credit(b, arr, doc, doc->discoverer, "finder");
	if (!blank(doc->verifier))
		credit(b, arr, doc, doc->verifier, "analyst");
	if (json_array_size(arr) == 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

/* The schema's reference tag for a label, by keyword; NULL for none. */
static const char *
ref_tag(const char *label)
{
	static const struct {
		const char	*word;	/* matched ignoring ASCII case */
		const char	*tag;
	} words[] = {
		{ "patch", "patch" },
		{ "fix", "patch" },
		{ "补丁", "patch" },
		{ "exploit", "exploit" },
		{ "poc", "exploit" },
		{ "mitigation", "mitigation" },
		{ "workaround", "mitigation" },
		{ "缓解", "mitigation" },
		{ "release note", "release-notes" },
		{ "changelog", "release-notes" },
		{ "issue", "issue-tracking" },
		{ "bug", "issue-tracking" },
		{ "vendor advisory", "vendor-advisory" },
		{ "厂商公告", "vendor-advisory" },
	};
	size_t	 i, j, n, k;

	n = strlen(label);
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		k = strlen(words[i].word);
		for (j = 0; j + k <= n; j++)
			if (strncasecmp(label + j, words[i].word, k) == 0)
				return words[i].tag;
	}
	return NULL;
}

static void
reference(struct build *b, json_t *arr, const char *url, const char *name, const char *tag)
{
	json_t	*r, *tags;
	size_t	 i;

	if (blank(url) || strlen(url) > URL_MAX || json_array_size(arr) >= REFS_MAX)
		return;
	for (i = 0; i < json_array_size(arr); i++)
		if (strcmp(s0(json_string_value(json_object_get(json_array_get(arr, i),
		    "url"))), url) == 0)
			return;	/* one entry per URL, the first (own page) wins */
	if ((r = json_object()) == NULL) {
		b->bad = true;
		return;
	}
	set(b, r, "url", json_string(url));
	if (!blank(name))
		set(b, r, "name", jtext(b, name, REF_NAME_MAX));
	if (tag != NULL) {
		if ((tags = json_array()) == NULL)
			b->bad = true;
		else {
			push(b, tags, json_string(tag));
			set(b, r, "tags", tags);
		}
	}
	push(b, arr, r);
}

/*
 * The advisory's own page first (the schema wants at least one reference,
 * and this one always exists), tagged by who publishes: a vendor's own
 * advisory or a third party's.  Then the document's references.
 */
static json_t *
references(struct build *b, const struct adv_doc *doc, const struct fmt_publisher *p)
{
	json_t		*arr = json_array();
	struct sbuf	 url;
	size_t		 i;

	if (arr == NULL) {
		b->bad = true;
		return NULL;
	}
	sbuf_init(&url, b->a, URL_MAX + 1);
	sbuf_addstr(&url, s0(p->base_url));
	sbuf_addstr(&url, "/advisories/");
	sbuf_add_urlenc(&url, s0(doc->id), strlen(s0(doc->id)));
	if (sbuf_err(&url) == APP_OK)
		reference(b, arr, url.buf, doc->title, strcmp(s0(p->category), "vendor") == 0 ?
		    "vendor-advisory" : "third-party-advisory");
	for (i = 0; i < doc->nrefs; i++)
		reference(b, arr, s0(doc->refs[i].url), s0(doc->refs[i].label),
		    ref_tag(s0(doc->refs[i].label)));
	return arr;
}

static json_t *
provider(struct build *b, const struct adv_doc *doc, const char *org, const char *shortname)
{
	json_t	*o = json_object();

	if (o == NULL) {
		b->bad = true;
		return NULL;
	}
	set(b, o, "orgId", json_string(org));
	set(b, o, "shortName", json_string(shortname));
	set_time(b, o, "dateUpdated", doc->updated_at);
	return o;
}

/* A generator stamp: x_ properties are the schema's room for extensions. */
static json_t *
generator(struct build *b, const struct fmt_publisher *p)
{
	json_t	*o = json_object();

	if (o == NULL) {
		b->bad = true;
		return NULL;
	}
	set(b, o, "engine", json_string(arena_printf(b->a, "Loudong %s", s0(p->tool_version))));
	return o;
}

/* Set o[k] = v when v is not NULL (an optional member). */
static void
set_opt(struct build *b, json_t *o, const char *k, json_t *v)
{
	if (v != NULL)
		set(b, o, k, v);
}

static json_t *
cna(struct build *b, const struct adv_doc *doc, const struct fmt_publisher *p,
    const char *org, const char *shortname)
{
	json_t	*c = json_object();

	if (c == NULL) {
		b->bad = true;
		return NULL;
	}
	set(b, c, "providerMetadata", provider(b, doc, org, shortname));
	set_time(b, c, "datePublic", doc->published_at);
	if (!blank(doc->title))
		set(b, c, "title", jtext(b, doc->title, TITLE_MAX));
	set(b, c, "descriptions", descriptions(b, doc));
	set(b, c, "affected", affected(b, doc));
	set_opt(b, c, "problemTypes", problem_types(b, doc));
	set_opt(b, c, "metrics", metrics(b, doc));
	set_opt(b, c, "solutions", one_text(b, doc, doc->solution));
	set_opt(b, c, "workarounds", one_text(b, doc, doc->mitigation));
	set_opt(b, c, "credits", credits(b, doc));
	set(b, c, "references", references(b, doc, p));
	set(b, c, "x_generator", generator(b, p));
	return c;
}

static json_t *
metadata(struct build *b, const struct adv_doc *doc, const char *cve, const char *org,
    const char *shortname)
{
	json_t	*m = json_object();

	if (m == NULL) {
		b->bad = true;
		return NULL;
	}
	set(b, m, "cveId", json_string(cve));
	set(b, m, "assignerOrgId", json_string(org));
	set(b, m, "assignerShortName", json_string(shortname));
	set(b, m, "state", json_string("PUBLISHED"));
	set_time(b, m, "datePublished", doc->published_at);
	set_time(b, m, "dateUpdated", doc->updated_at);
	return m;
}

/* Whether the document has what the schema cannot do without; *why if not. */
static bool
expressible(const struct adv_doc *doc, const char **why)
{
	size_t	 i;

	if (doc->withdrawn_at != 0) {
		/*
		 * A CVE id outlives our advisory (it may be another CNA's), so
		 * a withdrawal is not a REJECTED record: there is no record.
		 */
		*why = "a withdrawn advisory has no CVE record";
		return false;
	}
	if (blank(doc->summary) && blank(doc->title)) {
		*why = "CVE JSON needs a description";
		return false;
	}
	for (i = 0; i < doc->nproducts; i++)
		if (!blank(doc->products[i].product))
			return true;
	*why = "CVE JSON needs an affected product";
	return false;
}

int
fmt_cve5(const struct adv_doc *doc, const struct fmt_publisher *p, struct sbuf *out,
    const char **why)
{
	struct build	 b = { out->arena, false };
	json_t		*root = NULL, *containers = NULL;
	const char	*cve, *org, *shortname;
	char		*text = NULL;
	int		 rc = -1;

	if ((cve = cve_id(doc)) == NULL) {
		*why = "CVE JSON needs a CVE id";
		goto out;
	}
	if (!expressible(doc, why))
		goto out;
	org = blank(p->cve_org_id) ? PLACEHOLDER_ORG_ID : p->cve_org_id;
	if (!uuid4_ok(org)) {
		*why = "the configured CVE organisation id is not a version 4 UUID";
		goto out;
	}
	shortname = !blank(p->cve_short_name) ? p->cve_short_name :
	    short_name_ok(s0(p->name)) ? p->name : DEFAULT_SHORT_NAME;
	if (!short_name_ok(shortname)) {
		*why = "the configured CVE short name is not 2-32 letters, digits, '_' or '-'";
		goto out;
	}
	root = json_object();
	containers = json_object();
	if (root == NULL || containers == NULL) {
		b.bad = true;
		goto done;
	}
	set(&b, root, "dataType", json_string("CVE_RECORD"));
	set(&b, root, "dataVersion", json_string("5.1"));
	set(&b, root, "cveMetadata", metadata(&b, doc, cve, org, shortname));
	set(&b, containers, "cna", cna(&b, doc, p, org, shortname));
	set(&b, root, "containers", containers);	/* steals containers */
	containers = NULL;
done:
	if (!b.bad && (text = json_dumps(root, JSON_COMPACT | JSON_REAL_PRECISION(15))) == NULL)
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
	json_decref(containers);
	json_decref(root);
	return rc;
}
