/*
 * GB/T 28458-2020 XML (formats.h).  The element names are data
 * (data/gbt28458/elements.map, compiled in by cmake/embed.cmake) because
 * they are not yet confirmed against the standard's 附录A: this file fixes
 * the structure, the map names it.  Every text goes through xml_text().
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/embed.h"
#include "core/log.h"
#include "core/sbuf.h"
#include "domain/cvss.h"
#include "formats/formats.h"

extern const struct embed_file gbt28458_data[];	/* data/gbt28458/ */

#define MAP_FILE	"elements.map"
#define NAME_MAX_LEN	64	/* an element name, with the NUL */
#define LINE_MAX_LEN	256	/* a line of the map, for the error message */

/* The map's keys, in the order the record uses them. */
enum gx {
	GX_ROOT,
	GX_ID, GX_NAME, GX_PUBLISHED, GX_PUBLISHER, GX_VERIFIER,
	GX_DISCOVERER, GX_DISCOVERER_NAME, GX_DISCOVERER_ANON,
	GX_CATEGORY, GX_CATEGORY_CODE, GX_CATEGORY_NAME,
	GX_GRADE,
	GX_AFFECTED, GX_PRODUCT, GX_VENDOR, GX_PRODUCT_NAME, GX_MODEL, GX_VERSIONS,
	GX_FIXED, GX_CPE, GX_PURL,
	GX_APP_PACKAGE, GX_APP_PLATFORM, GX_APP_STORE, GX_APP_DEVELOPER,
	GX_RELATED, GX_RELATED_ID, GX_RELATED_SCHEME, GX_RELATED_VALUE,
	GX_EXISTENCE, GX_DETECTION, GX_SOLUTION, GX_MITIGATION, GX_OTHER,
	GX_EXTENSION, GX_REVISION, GX_UPDATED,
	GX_WITHDRAWN, GX_WITHDRAWN_TIME, GX_WITHDRAWN_REASON,
	GX_CVSS, GX_CVSS_VERSION, GX_CVSS_VECTOR, GX_CVSS_SCORE, GX_CVSS_SEVERITY,
	GX_CWE, GX_CWE_ID, GX_CWE_NAME,
	GX_REFS, GX_REF, GX_REF_URL, GX_REF_LABEL,
	GX__MAX
};

static const char *const gx_keys[GX__MAX] = {
	[GX_ROOT] = "root",
	[GX_ID] = "id",
	[GX_NAME] = "name",
	[GX_PUBLISHED] = "published",
	[GX_PUBLISHER] = "publisher",
	[GX_VERIFIER] = "verifier",
	[GX_DISCOVERER] = "discoverer",
	[GX_DISCOVERER_NAME] = "discoverer.name",
	[GX_DISCOVERER_ANON] = "discoverer.anonymous",
	[GX_CATEGORY] = "category",
	[GX_CATEGORY_CODE] = "category.code",
	[GX_CATEGORY_NAME] = "category.name",
	[GX_GRADE] = "grade",
	[GX_AFFECTED] = "affected",
	[GX_PRODUCT] = "affected.product",
	[GX_VENDOR] = "affected.vendor",
	[GX_PRODUCT_NAME] = "affected.name",
	[GX_MODEL] = "affected.model",
	[GX_VERSIONS] = "affected.versions",
	[GX_FIXED] = "affected.fixed",
	[GX_CPE] = "affected.cpe",
	[GX_PURL] = "affected.purl",
	[GX_APP_PACKAGE] = "affected.app.package",
	[GX_APP_PLATFORM] = "affected.app.platform",
	[GX_APP_STORE] = "affected.app.store",
	[GX_APP_DEVELOPER] = "affected.app.developer",
	[GX_RELATED] = "related",
	[GX_RELATED_ID] = "related.id",
	[GX_RELATED_SCHEME] = "related.scheme",
	[GX_RELATED_VALUE] = "related.value",
	[GX_EXISTENCE] = "existence",
	[GX_DETECTION] = "detection",
	[GX_SOLUTION] = "solution",
	[GX_MITIGATION] = "mitigation",
	[GX_OTHER] = "other",
	[GX_EXTENSION] = "extension",
	[GX_REVISION] = "ext.revision",
	[GX_UPDATED] = "ext.updated",
	[GX_WITHDRAWN] = "ext.withdrawn",
	[GX_WITHDRAWN_TIME] = "ext.withdrawn.time",
	[GX_WITHDRAWN_REASON] = "ext.withdrawn.reason",
	[GX_CVSS] = "ext.cvss",
	[GX_CVSS_VERSION] = "ext.cvss.version",
	[GX_CVSS_VECTOR] = "ext.cvss.vector",
	[GX_CVSS_SCORE] = "ext.cvss.score",
	[GX_CVSS_SEVERITY] = "ext.cvss.severity",
	[GX_CWE] = "ext.cwe",
	[GX_CWE_ID] = "ext.cwe.id",
	[GX_CWE_NAME] = "ext.cwe.name",
	[GX_REFS] = "ext.refs",
	[GX_REF] = "ext.ref",
	[GX_REF_URL] = "ext.ref.url",
	[GX_REF_LABEL] = "ext.ref.label",
};

/* ---- the map ---- */

static pthread_once_t	 map_once = PTHREAD_ONCE_INIT;
static char		 names[GX__MAX][NAME_MAX_LEN];	/* filled once, read-only after */

static bool
name_start(unsigned char c)
{
	/* Bytes >= 0x80 start UTF-8 letters: XML 1.0 (5th ed.) allows most. */
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c >= 0x80;
}

/*
 * An XML 1.0 Name without ':' (no namespaces here).  Not the letter-by-
 * letter XML rule for non-ASCII: the tests parse the output with expat.
 */
static bool
name_ok(const char *s, size_t n)
{
	size_t	 i;

	if (n == 0 || n >= NAME_MAX_LEN || !name_start((unsigned char)s[0]))
		return false;
	if (n >= 3 && (s[0] | 0x20) == 'x' && (s[1] | 0x20) == 'm' && (s[2] | 0x20) == 'l')
		return false;	/* reserved by XML */
	for (i = 1; i < n; i++)
		if (!name_start((unsigned char)s[i]) && !(s[i] >= '0' && s[i] <= '9') &&
		    s[i] != '-' && s[i] != '.')
			return false;
	return true;
}

static int
key_index(const char *s, size_t n)
{
	int	 i;

	for (i = 0; i < GX__MAX; i++)
		if (strlen(gx_keys[i]) == n && memcmp(gx_keys[i], s, n) == 0)
			return i;
	return -1;
}

/* Read the next whitespace-separated word of [*p, end); false at the end. */
static bool
word(const char **p, const char *end, const char **w, size_t *n)
{
	const char	*s = *p;

	while (s < end && (*s == ' ' || *s == '\t' || *s == '\r'))
		s++;
	if (s == end)
		return false;
	*w = s;
	while (s < end && *s != ' ' && *s != '\t' && *s != '\r')
		s++;
	*n = (size_t)(s - *w);
	*p = s;
	return true;
}

/* One line (comment stripped): "" or "key name".  0, or -1 with err set. */
static int
map_line(const char *s, const char *end, char *err, size_t errsize)
{
	const char	*k, *v, *extra;
	size_t		 kn, vn, xn;
	int		 i;

	if (!word(&s, end, &k, &kn))
		return 0;
	if (!word(&s, end, &v, &vn) || word(&s, end, &extra, &xn)) {
		snprintf(err, errsize, "expected \"key element_name\"");
		return -1;
	}
	if ((i = key_index(k, kn)) < 0) {
		snprintf(err, errsize, "unknown key '%.*s'", (int)kn, k);
		return -1;
	}
	if (names[i][0] != '\0') {
		snprintf(err, errsize, "key '%s' given twice", gx_keys[i]);
		return -1;
	}
	if (!name_ok(v, vn)) {
		snprintf(err, errsize, "'%.*s' is not an XML element name", (int)vn, v);
		return -1;
	}
	memcpy(names[i], v, vn);
	names[i][vn] = '\0';
	return 0;
}

/* 0, or -1 with err naming the line and the problem. */
static int
map_parse(const char *text, size_t len, char *err, size_t errsize)
{
	const char	*p = text, *end = text + len, *nl, *hash;
	char		 why[LINE_MAX_LEN];
	int		 line = 0, i;

	while (p < end) {
		line++;
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		hash = memchr(p, '#', (size_t)(nl - p));
		if (map_line(p, hash != NULL ? hash : nl, why, sizeof(why)) != 0) {
			snprintf(err, errsize, "line %d: %s", line, why);
			return -1;
		}
		p = nl < end ? nl + 1 : end;
	}
	for (i = 0; i < GX__MAX; i++)
		if (names[i][0] == '\0') {
			snprintf(err, errsize, "key '%s' missing", gx_keys[i]);
			return -1;
		}
	return 0;
}

static void
map_load(void)
{
	const struct embed_file	*f = embed_find(gbt28458_data, MAP_FILE);
	char			 err[LINE_MAX_LEN * 2] = "file missing";

	if (f == NULL || map_parse((const char *)f->data, f->len, err, sizeof(err)) != 0) {
		/* A build defect, not input: the file is compiled in and tested. */
		log_err("event=gbt28458_map_bad file=%s error=\"%s\"", MAP_FILE, err);
		abort();
	}
}

/* ---- writing ---- */

/*
 * XML 1.0 text: sbuf_add_html escapes & < > " ' and drops the C0 controls
 * XML forbids (it keeps tab, newline, carriage return) and turns bytes that
 * are not UTF-8 into U+FFFD; U+FFFE and U+FFFF, valid UTF-8 but not XML
 * characters, are dropped here.
 */
static void
xml_text(struct sbuf *sb, const char *s)
{
	const char	*p = s;
	size_t		 n = strlen(s), i = 0;

	while (i + 2 < n) {
		if ((unsigned char)p[i] == 0xEF && (unsigned char)p[i + 1] == 0xBF &&
		    ((unsigned char)p[i + 2] == 0xBE || (unsigned char)p[i + 2] == 0xBF)) {
			sbuf_add_html(sb, p, i);
			p += i + 3;
			n -= i + 3;
			i = 0;
			continue;
		}
		i++;
	}
	sbuf_add_html(sb, p, n);
}

/* The writer: where, and how deep (two spaces a level). */
struct xw {
	struct sbuf	*sb;
	int		 depth;
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

static void
indent(struct xw *w)
{
	sbuf_addf(w->sb, "\n%*s", w->depth * 2, "");
}

static void
open_el(struct xw *w, enum gx k)
{
	indent(w);
	sbuf_addf(w->sb, "<%s>", names[k]);
	w->depth++;
}

static void
close_el(struct xw *w, enum gx k)
{
	w->depth--;
	indent(w);
	sbuf_addf(w->sb, "</%s>", names[k]);
}

/* <name>text</name>; an empty element for a blank text. */
static void
leaf(struct xw *w, enum gx k, const char *text)
{
	indent(w);
	if (blank(text)) {
		sbuf_addf(w->sb, "<%s/>", names[k]);
		return;
	}
	sbuf_addf(w->sb, "<%s>", names[k]);
	xml_text(w->sb, text);
	sbuf_addf(w->sb, "</%s>", names[k]);
}

/* A leaf only when there is something to say (optional items). */
static void
leaf_opt(struct xw *w, enum gx k, const char *text)
{
	if (!blank(text))
		leaf(w, k, text);
}

static void
leaf_time(struct xw *w, enum gx k, int64_t t)
{
	struct tm	 tm;
	time_t		 tt = (time_t)t;
	char		 ts[32] = "";

	if (t > 0 && (gmtime_r(&tt, &tm) == NULL ||
	    strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0))
		ts[0] = '\0';
	leaf(w, k, ts);
}

/* 发现者: the name only when the reporter agreed to be credited. */
static void
discoverer(struct xw *w, const struct adv_doc *doc)
{
	bool	 anon = doc->discoverer_anonymous;

	open_el(w, GX_DISCOVERER);
	if (!anon)
		leaf_opt(w, GX_DISCOVERER_NAME, doc->discoverer);
	leaf(w, GX_DISCOVERER_ANON, anon ? "true" : "false");
	close_el(w, GX_DISCOVERER);
}

static void
affected(struct xw *w, const struct adv_doc *doc)
{
	size_t	 i;

	open_el(w, GX_AFFECTED);
	for (i = 0; i < doc->nproducts; i++) {
		const struct adv_product	*p = &doc->products[i];
		const struct appinfo		*app;

		open_el(w, GX_PRODUCT);
		leaf(w, GX_VENDOR, p->vendor);
		leaf(w, GX_PRODUCT_NAME, p->product);
		leaf_opt(w, GX_MODEL, p->model);
		leaf(w, GX_VERSIONS, p->versions);
		leaf_opt(w, GX_FIXED, p->fixed_version);
		leaf_opt(w, GX_CPE, p->cpe);
		leaf_opt(w, GX_PURL, p->purl);
		/* An app's fields (issue 9): the product element's extra children. */
		if ((app = adv_product_app(doc, i)) != NULL) {
			leaf_opt(w, GX_APP_PACKAGE, appinfo_get(app, AF_PACKAGE));
			leaf_opt(w, GX_APP_PLATFORM,
			    app_platform_zh(appinfo_platform(app)));
			leaf_opt(w, GX_APP_STORE, appinfo_get(app, AF_STORE));
			leaf_opt(w, GX_APP_DEVELOPER, appinfo_get(app, AF_DEVELOPER));
		}
		close_el(w, GX_PRODUCT);
	}
	close_el(w, GX_AFFECTED);
}

static void
related(struct xw *w, const struct adv_doc *doc)
{
	size_t	 i;

	open_el(w, GX_RELATED);
	for (i = 0; i < doc->nids; i++) {
		open_el(w, GX_RELATED_ID);
		leaf(w, GX_RELATED_SCHEME, doc->ids[i].scheme);
		leaf(w, GX_RELATED_VALUE, doc->ids[i].value);
		close_el(w, GX_RELATED_ID);
	}
	close_el(w, GX_RELATED);
}

static void
cvss(struct xw *w, const struct adv_cvss *cv)
{
	struct cvss		 parsed;
	struct cvss_error	 err;
	char			 score[8];

	open_el(w, GX_CVSS);
	if (cv->vector != NULL && cvss_parse(cv->vector, &parsed, &err) == 0)
		leaf(w, GX_CVSS_VERSION, cvss_version_name(parsed.version));
	leaf(w, GX_CVSS_VECTOR, cv->vector);
	if (cv->score10 >= 0 && cv->score10 <= 100) {
		cvss_format_score(cv->score10, score);
		leaf(w, GX_CVSS_SCORE, score);
	}
	leaf_opt(w, GX_CVSS_SEVERITY, cv->severity);
	close_el(w, GX_CVSS);
}

/* What the standard has no item for: CVSS, CWE, references, versions, withdrawal. */
static void
extension(struct xw *w, const struct adv_doc *doc)
{
	char	 rev[16];
	size_t	 i;

	open_el(w, GX_EXTENSION);
	snprintf(rev, sizeof(rev), "%d", doc->version);
	leaf(w, GX_REVISION, rev);
	leaf_time(w, GX_UPDATED, doc->updated_at);
	if (doc->withdrawn_at != 0) {
		open_el(w, GX_WITHDRAWN);
		leaf_time(w, GX_WITHDRAWN_TIME, doc->withdrawn_at);
		leaf_opt(w, GX_WITHDRAWN_REASON, doc->withdrawn_reason);
		close_el(w, GX_WITHDRAWN);
	}
	for (i = 0; i < doc->ncvss; i++)
		cvss(w, &doc->cvss[i]);
	for (i = 0; i < doc->ncwes; i++) {
		open_el(w, GX_CWE);
		leaf(w, GX_CWE_ID, doc->cwes[i].id);
		leaf_opt(w, GX_CWE_NAME, doc->cwes[i].name);
		close_el(w, GX_CWE);
	}
	if (doc->nrefs > 0) {
		open_el(w, GX_REFS);
		for (i = 0; i < doc->nrefs; i++) {
			open_el(w, GX_REF);
			leaf(w, GX_REF_URL, doc->refs[i].url);
			leaf_opt(w, GX_REF_LABEL, doc->refs[i].label);
			close_el(w, GX_REF);
		}
		close_el(w, GX_REFS);
	}
	close_el(w, GX_EXTENSION);
}

/*
 * The items of the standard in its order; an item the advisory leaves
 * empty is an empty element, so every record has the same shape.  The
 * mitigation is part of 解决方案 but has its own element, after it.
 */
static void
record(struct xw *w, const struct adv_doc *doc)
{
	leaf(w, GX_ID, doc->id);
	leaf(w, GX_NAME, doc->title);
	leaf_time(w, GX_PUBLISHED, doc->published_at);
	leaf(w, GX_PUBLISHER, doc->publisher);
	leaf(w, GX_VERIFIER, doc->verifier);
	discoverer(w, doc);
	open_el(w, GX_CATEGORY);
	leaf(w, GX_CATEGORY_CODE, doc->category);
	leaf(w, GX_CATEGORY_NAME, doc->category_name);
	close_el(w, GX_CATEGORY);
	leaf(w, GX_GRADE, adv_grade_zh(doc->grade));
	affected(w, doc);
	related(w, doc);
	leaf(w, GX_EXISTENCE, doc->existence);
	leaf(w, GX_DETECTION, doc->detection);
	leaf(w, GX_SOLUTION, doc->solution);
	leaf_opt(w, GX_MITIGATION, doc->mitigation);
	leaf(w, GX_OTHER, doc->other);
	extension(w, doc);
}

int
fmt_gbt28458(const struct adv_doc *doc, const struct fmt_publisher *p, struct sbuf *out,
    const char **why)
{
	struct xw	 w = { out, 0 };

	(void)p;	/* the publisher is the document's 发布单位 */
	if (pthread_once(&map_once, map_load) != 0)
		abort();
	sbuf_addstr(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
	indent(&w);
	sbuf_addf(out, "<%s xml:lang=\"", names[GX_ROOT]);
	xml_text(out, blank(doc->lang) ? "zh-CN" : doc->lang);
	sbuf_addstr(out, "\">");
	w.depth++;
	record(&w, doc);
	close_el(&w, GX_ROOT);
	sbuf_addch(out, '\n');
	if (sbuf_err(out) != APP_OK) {
		*why = "the record is larger than the output buffer allows";
		return -1;
	}
	return 0;
}
