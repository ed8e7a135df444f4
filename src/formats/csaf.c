/*
 * CSAF 2.0 documents of the csaf_security_advisory profile from an
 * advisory (see formats.h).  One advisory is one vulnerability; its
 * products become the branches vendor -> product_name -> version, one leaf
 * (a Full Product Name with its own CSAFPID) per affected version or range
 * and per fixed version.  What the advisory says that CSAF 2.0 has no
 * place for is left out and said so where it happens.
 *
 * The writer holds itself to the mandatory tests: it numbers the revision
 * history as they demand, never names a range as a product_version, keeps
 * one score per CVSS version, drops a purl or CPE the schema or 6.1.13
 * would refuse, and finally runs csaf_mandatory_check() on the result.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/arena.h"
#include "core/calendar.h"
#include "core/sbuf.h"
#include "domain/advisory.h"
#include "domain/cvss.h"
#include "formats/csaf_check_int.h"
#include "formats/formats.h"

/* Ranges read from one product's versions text. */
#define CSAF_RANGES_MAX		ADV_LIST_MAX

/* The document being built, with a sticky failure as in sbuf. */
struct build {
	struct arena			*a;
	const struct adv_doc		*doc;
	const struct fmt_publisher	*p;
	const char			*why;		/* NULL while all is well */
	json_t				*affected;	/* product ids: known_affected */
	json_t				*fixed;		/* product ids: fixed */
	int				 lastid;	/* the last CSAFPID number given */
	int64_t				 initial;	/* initial_release_date */
	const struct appinfo		*app;		/* the product's app, or NULL */
};

static bool
blank(const char *s)
{
	if (s == NULL)
		return true;
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return false;
	return true;
}

static void
fail(struct build *b, const char *why)
{
	if (b->why == NULL)
		b->why = why;
}

/* A JSON string; jansson refuses text that is not UTF-8. */
static json_t *
jstr(struct build *b, const char *s)
{
	json_t	*v = json_string(s != NULL ? s : "");

	if (v == NULL)
		fail(b, "a text of the advisory is not valid UTF-8");
	return v;
}

/* o[k] = v, stealing v (jansson releases it if the set fails). */
static void
jset(struct build *b, json_t *o, const char *k, json_t *v)
{
	if (json_object_set_new(o, k, v) != 0)
		fail(b, "the CSAF document could not be built");
}

/* Append v to array a, stealing v. */
static void
jpush(struct build *b, json_t *a, json_t *v)
{
	if (json_array_append_new(a, v) != 0)
		fail(b, "the CSAF document could not be built");
}

/* o[k] = s, unless s is blank (CSAF strings are never empty). */
static void
jset_text(struct build *b, json_t *o, const char *k, const char *s)
{
	if (!blank(s))
		jset(b, o, k, jstr(b, s));
}

static json_t *
jdate(struct build *b, int64_t t)
{
	char	buf[32];

	time_format_utc(t, buf, sizeof(buf));
	return jstr(b, buf);
}

void
fmt_csaf_filename(const char *id, char *buf, size_t size)
{
	size_t	i, n = 0;
	bool	gap = false;

	if (size == 0)
		return;
	/* CSAF §5.1: lower case; every run of other characters becomes one '_'. */
	for (i = 0; id != NULL && id[i] != '\0' && n + 6 < size; i++) {
		char ch = id[i] >= 'A' && id[i] <= 'Z' ? (char)(id[i] | 0x20) : id[i];

		if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '+' ||
		    ch == '-') {
			buf[n++] = ch;
			gap = false;
		} else if (!gap) {
			buf[n++] = '_';
			gap = true;
		}
	}
	snprintf(buf + n, size - n, ".json");
}

json_t *
csaf_publisher_json(const struct fmt_publisher *p, const char *contact, const char **why)
{
	static const char *const categories[] = {
		"coordinator", "discoverer", "other", "translator", "user", "vendor",
	};
	struct build	 b = { .why = NULL };
	const char	*cat = blank(p->category) ? "coordinator" : p->category;
	const char	*ns = !blank(p->namespace_url) ? p->namespace_url : p->base_url;
	json_t		*o;
	size_t		 i;

	for (i = 0; i < sizeof(categories) / sizeof(categories[0]); i++)
		if (strcmp(cat, categories[i]) == 0)
			break;
	if (i == sizeof(categories) / sizeof(categories[0])) {
		*why = "the publisher category is not one of CSAF's";
		return NULL;
	}
	if (blank(p->name) || blank(ns)) {
		*why = "the publisher needs a name and a base URL";
		return NULL;
	}
	o = json_object();
	jset(&b, o, "category", jstr(&b, cat));
	jset(&b, o, "name", jstr(&b, p->name));
	jset(&b, o, "namespace", jstr(&b, ns));
	jset_text(&b, o, "contact_details", contact);
	if (b.why != NULL) {
		json_decref(o);
		*why = b.why;
		return NULL;
	}
	return o;
}

/*
 * The revision history.  The mandatory tests want the numbers 1, 2, 3 …
 * in date order with the last one the document's version (6.1.14, 6.1.16,
 * 6.1.21); the platform's versions count drafts too, so when they are not
 * already that, the entries are numbered by position and the platform's
 * number is kept as legacy_version.
 */
static json_t *
revisions(struct build *b, int *version, int64_t *first, int64_t *last)
{
	const struct adv_doc		*d = b->doc;
	const struct adv_revision	 only = { d->version, d->published_at ?
					    d->published_at : d->updated_at, NULL };
	const struct adv_revision	*h = d->nhistory > 0 ? d->history : &only;
	size_t				 n = d->nhistory > 0 ? d->nhistory : 1, i;
	bool				 renumber = h[n - 1].version != d->version;
	json_t				*hist = json_array();

	for (i = 0; i < n; i++) {
		renumber = renumber || h[i].version != (int)i + 1;
		if (i > 0 && h[i].date < h[i - 1].date)
			fail(b, "the revision history is not in date order");
	}
	for (i = 0; i < n; i++) {
		json_t *r = json_object();

		jset(b, r, "date", jdate(b, h[i].date));
		if (renumber)
			jset(b, r, "legacy_version", jstr(b, arena_printf(b->a, "%d",
			    h[i].version)));
		/* Unless renumbered, the versions already are 1 … n. */
		jset(b, r, "number", jstr(b, arena_printf(b->a, "%zu", i + 1)));
		jset(b, r, "summary", jstr(b, !blank(h[i].summary) ? h[i].summary : i == 0 ?
		    "Initial version." : arena_printf(b->a, "Version %d.", h[i].version)));
		jpush(b, hist, r);
	}
	*version = renumber ? (int)n : d->version;
	*first = h[0].date;
	*last = h[n - 1].date;
	return hist;
}

static json_t *
tracking(struct build *b)
{
	const struct adv_doc	*d = b->doc;
	json_t			*t = json_object(), *hist, *gen = json_object();
	json_t			*eng = json_object();
	int64_t			 last;
	int			 version;

	hist = revisions(b, &version, &b->initial, &last);
	if (b->initial <= 0)
		fail(b, "the advisory has no release date");
	jset(b, t, "current_release_date", jdate(b, d->updated_at > last ? d->updated_at : last));
	jset(b, eng, "name", jstr(b, "Loudong"));
	jset_text(b, eng, "version", b->p->tool_version);
	jset(b, gen, "engine", eng);
	jset(b, t, "generator", gen);
	jset(b, t, "id", jstr(b, d->id));
	jset(b, t, "initial_release_date", jdate(b, b->initial));
	jset(b, t, "revision_history", hist);
	jset(b, t, "status", jstr(b, "final"));
	jset(b, t, "version", jstr(b, arena_printf(b->a, "%d", version)));
	return t;
}

static void
note(struct build *b, json_t *notes, const char *category, const char *title, const char *text)
{
	json_t	*n;

	if (blank(text))
		return;
	n = json_object();
	jset(b, n, "category", jstr(b, category));
	jset(b, n, "text", jstr(b, text));
	jset(b, n, "title", jstr(b, title));
	jpush(b, notes, n);
}

static json_t *
doc_notes(struct build *b)
{
	const struct adv_doc	*d = b->doc;
	json_t			*notes = json_array();

	note(b, notes, "summary", "Summary", d->summary);
	note(b, notes, "description", "Existence", d->existence);
	note(b, notes, "details", "Detection", d->detection);
	note(b, notes, "other", "Other", d->other);
	if (!blank(d->category))
		note(b, notes, "general", "Category (GB/T 30279-2020)", blank(d->category_name) ?
		    d->category : arena_printf(b->a, "%s %s", d->category, d->category_name));
	if (d->withdrawn_at != 0)
		note(b, notes, "general", "Withdrawn", !blank(d->withdrawn_reason) ?
		    d->withdrawn_reason : "This advisory has been withdrawn.");
	return notes;
}

static json_t *
reference(struct build *b, const char *category, const char *summary, const char *url)
{
	json_t	*r = json_object();

	jset(b, r, "category", jstr(b, category));
	jset(b, r, "summary", jstr(b, summary));
	jset(b, r, "url", jstr(b, url));
	return r;
}

static json_t *
references(struct build *b)
{
	const struct adv_doc	*d = b->doc;
	json_t			*refs = json_array();
	char			 file[160];
	time_t			 t = (time_t)b->initial;
	struct tm		 tm;

	fmt_csaf_filename(d->id, file, sizeof(file));
	if (gmtime_r(&t, &tm) == NULL) {
		fail(b, "the advisory has no release date");
		return refs;
	}
	jpush(b, refs, reference(b, "self", "The canonical URL.", arena_printf(b->a,
	    "%s/.well-known/csaf/white/%d/%s", b->p->base_url, tm.tm_year + 1900, file)));
	for (size_t i = 0; i < d->nrefs; i++)
		if (!blank(d->refs[i].url))
			jpush(b, refs, reference(b, "external", !blank(d->refs[i].label) ?
			    d->refs[i].label : d->refs[i].url, d->refs[i].url));
	return refs;
}

static json_t *
acknowledgments(struct build *b)
{
	const struct adv_doc	*d = b->doc;
	bool			 zh = d->lang != NULL && strncmp(d->lang, "zh", 2) == 0;
	json_t			*acks = json_array(), *a;

	/* The reporter chose how to be credited; anonymous means not at all. */
	if (!d->discoverer_anonymous && !blank(d->discoverer)) {
		a = json_object();
		jset(b, a, "names", json_array());
		jpush(b, json_object_get(a, "names"), jstr(b, d->discoverer));
		jset(b, a, "summary", jstr(b, zh ? "发现者" : "Discoverer"));
		jpush(b, acks, a);
	}
	if (!blank(d->verifier)) {
		a = json_object();
		jset(b, a, "organization", jstr(b, d->verifier));
		jset(b, a, "summary", jstr(b, zh ? "验证者" : "Verifier"));
		jpush(b, acks, a);
	}
	return acks;
}

static json_t *
document(struct build *b)
{
	const struct adv_doc	*d = b->doc;
	json_t			*o = json_object(), *tlp = json_object();
	json_t			*dist = json_object(), *pub, *acks, *notes, *track, *sev;
	const char		*why = NULL;

	if (blank(d->title) || blank(d->id) || blank(b->p->base_url))
		fail(b, "CSAF needs the advisory's title and id and the base URL");
	if ((pub = csaf_publisher_json(b->p, !blank(b->p->contact) ? b->p->contact :
	    d->publisher_contact, &why)) == NULL)
		fail(b, why);
	track = tracking(b);
	if (json_array_size(acks = acknowledgments(b)) > 0)
		jset(b, o, "acknowledgments", acks);
	else
		json_decref(acks);
	if (!blank(d->grade)) {
		sev = json_object();
		jset(b, sev, "text", jstr(b, d->grade));
		jset(b, o, "aggregate_severity", sev);
	}
	jset(b, o, "category", jstr(b, "csaf_security_advisory"));
	jset(b, o, "csaf_version", jstr(b, "2.0"));
	/* Only published advisories are exported: they are public. */
	jset(b, tlp, "label", jstr(b, "WHITE"));
	jset(b, tlp, "url", jstr(b, "https://www.first.org/tlp/"));
	jset(b, dist, "tlp", tlp);
	jset(b, o, "distribution", dist);
	jset_text(b, o, "lang", d->lang);
	if (json_array_size(notes = doc_notes(b)) > 0)
		jset(b, o, "notes", notes);
	else
		json_decref(notes);
	if (pub != NULL)
		jset(b, o, "publisher", pub);
	if (b->why == NULL)
		jset(b, o, "references", references(b));
	jset(b, o, "title", jstr(b, d->title));
	jset(b, o, "tracking", track);
	return o;
}

/* The child branch array of the branch called name in list, made if missing. */
static json_t *
branch(struct build *b, json_t *list, const char *category, const char *name)
{
	json_t		*br;
	const char	*have;
	size_t		 i;

	json_array_foreach(list, i, br)
		if ((have = json_string_value(json_object_get(br, "name"))) != NULL &&
		    strcmp(have, name) == 0)
			return json_object_get(br, "branches");
	br = json_object();
	jset(b, br, "category", jstr(b, category));
	jset(b, br, "name", jstr(b, name));
	jset(b, br, "branches", json_array());
	jpush(b, list, br);
	return json_object_get(br, "branches");
}

/*
 * A CPE the schema accepts: a 2.3 formatted string (part, then ten
 * components, the seventh a language) or a 2.2 URI.
 */
static bool
cpe_valid(const char *s)
{
	const char	*p;
	int		 k;

	if (strncmp(s, "cpe:/", 5) == 0) {
		for (p = s + 5, k = 0; *p != '\0'; p++)
			if (*p == ':' ? ++k > 6 : strchr("abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-~%", *p) == NULL)
				return false;
		return s[5] == '\0' || s[5] == ':' || (strchr("AHOaho", s[5]) != NULL &&
		    (s[6] == '\0' || s[6] == ':'));
	}
	if (strncmp(s, "cpe:2.3:", 8) != 0 || strchr("aho*-", s[8]) == NULL || s[8] == '\0' ||
	    s[9] != ':')
		return false;
	for (p = s + 10, k = 0; k < 10; k++) {
		const char *e = strchr(p, ':');
		size_t n;

		/* A ':' escaped with '\' belongs to the component. */
		while (e != NULL && e > p && e[-1] == '\\')
			e = strchr(e + 1, ':');
		if (e == NULL)
			e = p + strlen(p);
		if ((e[0] == '\0') != (k == 9) || (n = (size_t)(e - p)) == 0)
			return false;
		if (!(n == 1 && (*p == '*' || *p == '-')))
			for (size_t i = 0; i < n; i++)
				if (p[i] == '\\' ? ++i >= n : strchr("abcdefghijklmnopqrstuvwxyz"
				    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._*?", p[i]) == NULL)
					return false;
		if (k == 6 && !(n == 1 && (*p == '*' || *p == '-')) &&
		    strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") < 2)
			return false;
		p = *e != '\0' ? e + 1 : e;
	}
	return true;
}

/*
 * An app's package (issue 9) that is a URI (a 快应用's or a 小程序's link,
 * say) as x_generic_uris; a package name or bundle id is no URI, and goes
 * into the full product name instead (product()).
 */
static void
app_uris(struct build *b, json_t *helper)
{
	const char	*pkg = appinfo_get(b->app, AF_PACKAGE), *slash;
	json_t		*uris, *u;

	if (b->app == NULL || !str_http_url(str_from(pkg)))
		return;
	/* The namespace: the scheme and host the link lives under. */
	slash = strchr(strstr(pkg, "//") + 2, '/');
	uris = json_array();
	u = json_object();
	jset(b, u, "namespace", jstr(b, slash != NULL ? arena_strndup(b->a, pkg,
	    (size_t)(slash - pkg) + 1) : arena_printf(b->a, "%s/", pkg)));
	jset(b, u, "uri", jstr(b, pkg));
	jpush(b, uris, u);
	jset(b, helper, "x_generic_uris", uris);
}

/* One leaf: a version or range branch with its Full Product Name. */
static void
leaf(struct build *b, json_t *leaves, const struct adv_product *pr, const char *pname,
    bool range, const char *name, const char *label, json_t *status)
{
	json_t	*br = json_object(), *prod = json_object(), *helper = json_object();
	char	 id[24];

	snprintf(id, sizeof(id), "CSAFPID-%04d", ++b->lastid);
	jset(b, br, "category", jstr(b, range ? "product_version_range" : "product_version"));
	jset(b, br, "name", jstr(b, name));
	jset(b, prod, "name", jstr(b, arena_printf(b->a, "%s %s %s", pr->vendor, pname, label)));
	jset(b, prod, "product_id", jstr(b, id));
	/* A malformed purl or CPE would fail the schema or 6.1.13: left out. */
	if (!blank(pr->cpe) && cpe_valid(pr->cpe))
		jset(b, helper, "cpe", jstr(b, pr->cpe));
	if (!blank(pr->purl) && csaf_purl_valid(pr->purl))
		jset(b, helper, "purl", jstr(b, pr->purl));
	app_uris(b, helper);
	if (json_object_size(helper) > 0)
		jset(b, prod, "product_identification_helper", helper);
	else
		json_decref(helper);
	jset(b, br, "product", prod);
	jpush(b, leaves, br);
	jpush(b, status, jstr(b, id));
}

/* A range as vers ("vers:generic/>=1.2|<2.0") and as people read it (">= 1.2, < 2.0"). */
static void
range_text(struct build *b, const struct adv_range *r, const char **vers, const char **human)
{
	const char	*lo = *r->introduced ? r->introduced : NULL;
	const char	*hi = *r->fixed ? r->fixed : *r->last_affected ? r->last_affected : NULL;
	const char	*op = *r->fixed ? "<" : "<=";

	if (lo == NULL && hi == NULL) {
		*vers = "vers:generic/*";
		*human = "*";
	} else if (lo == NULL) {
		*vers = arena_printf(b->a, "vers:generic/%s%s", op, hi);
		*human = arena_printf(b->a, "%s %s", op, hi);
	} else if (hi == NULL) {
		*vers = arena_printf(b->a, "vers:generic/>=%s", lo);
		*human = arena_printf(b->a, ">= %s", lo);
	} else {
		*vers = arena_printf(b->a, "vers:generic/>=%s|%s%s", lo, op, hi);
		*human = arena_printf(b->a, ">= %s, %s %s", lo, op, hi);
	}
}

static void
product(struct build *b, json_t *vendors, const struct adv_product *pr)
{
	struct adv_range	 r[CSAF_RANGES_MAX];
	const char		*pname, *fname, *vers, *human;
	json_t			*leaves;
	int			 n, i;

	if (blank(pr->vendor) || blank(pr->product)) {
		fail(b, "every product needs a vendor and a name");
		return;
	}
	pname = blank(pr->model) ? pr->product : arena_printf(b->a, "%s %s", pr->product,
	    pr->model);
	fname = pname;
	/* An app (issue 9): its platform in the product's name, its package id in the full names. */
	b->app = adv_product_app(b->doc, (size_t)(pr - b->doc->products));
	if (b->app != NULL) {
		const char	*plat = app_platform_en(appinfo_platform(b->app));
		const char	*pkg = appinfo_get(b->app, AF_PACKAGE);

		if (plat[0] != '\0')
			pname = arena_printf(b->a, "%s (%s)", pname, plat);
		fname = pname;
		if (!blank(pkg) && !str_http_url(str_from(pkg)))
			fname = arena_printf(b->a, "%s [%s]", pname, pkg);
	}
	leaves = branch(b, branch(b, vendors, "vendor", pr->vendor), "product_name", pname);
	n = adv_versions_parse(b->a, pr->versions, pr->fixed_version, r, CSAF_RANGES_MAX);
	if (n < 0)	/* unreadable: CSAF takes a range in words as it is */
		leaf(b, leaves, pr, fname, true, pr->versions, pr->versions, b->affected);
	for (i = 0; i < n; i++) {
		if (*r[i].exact != '\0') {
			if (!blank(pr->fixed_version) && strcmp(r[i].exact, pr->fixed_version) == 0)
				fail(b, "a fixed version is also listed as affected");
			leaf(b, leaves, pr, fname, csaf_name_is_range(r[i].exact), r[i].exact,
			    r[i].exact, b->affected);
			continue;
		}
		range_text(b, &r[i], &vers, &human);
		leaf(b, leaves, pr, fname, true, vers, human, b->affected);
	}
	if (!blank(pr->fixed_version))
		leaf(b, leaves, pr, fname, csaf_name_is_range(pr->fixed_version),
		    pr->fixed_version, pr->fixed_version, b->fixed);
	b->app = NULL;
}

static json_t *
product_tree(struct build *b)
{
	json_t	*tree = json_object(), *vendors = json_array();

	if (b->doc->nproducts == 0 || b->doc->nproducts > ADV_LIST_MAX)
		fail(b, "CSAF needs one to ADV_LIST_MAX affected products");
	for (size_t i = 0; i < b->doc->nproducts && i < ADV_LIST_MAX; i++)
		product(b, vendors, &b->doc->products[i]);
	jset(b, tree, "branches", vendors);
	return tree;
}

/* One CVSS object; NULL for versions CSAF 2.0 has no place for. */
static json_t *
cvss_json(struct build *b, const struct cvss *cv)
{
	bool	 v3 = cv->version == CVSS_V30 || cv->version == CVSS_V31;
	json_t	*o = json_object();

	jset(b, o, "version", jstr(b, cvss_version_name(cv->version)));
	jset(b, o, "vectorString", jstr(b, cv->vector));
	jset(b, o, "baseScore", json_real(cv->base / 10.0));
	if (v3)
		jset(b, o, "baseSeverity", jstr(b, cvss_severity_name(cvss_severity_of(cv->base))));
	if (cv->has_temporal) {
		jset(b, o, "temporalScore", json_real(cv->temporal / 10.0));
		if (v3)
			jset(b, o, "temporalSeverity", jstr(b,
			    cvss_severity_name(cvss_severity_of(cv->temporal))));
	}
	if (cv->has_environmental) {
		jset(b, o, "environmentalScore", json_real(cv->environmental / 10.0));
		if (v3)
			jset(b, o, "environmentalSeverity", jstr(b,
			    cvss_severity_name(cvss_severity_of(cv->environmental))));
	}
	return o;
}

/*
 * Scores: the scores are computed again from the vectors (6.1.9: the
 * vector wins), one per CVSS version (6.1.7), for every affected product.
 * CSAF 2.0 has no slot for CVSS v4.0 (CSAF 2.1 adds cvss_v4): v4 vectors
 * are left out.
 */
static json_t *
scores(struct build *b)
{
	bool		 have[CVSS__NVERSIONS] = { false };
	json_t		*list = json_array(), *s;
	struct cvss	 cv;
	struct cvss_error err;

	for (size_t i = 0; i < b->doc->ncvss; i++) {
		if (b->doc->cvss[i].vector == NULL ||
		    cvss_parse(b->doc->cvss[i].vector, &cv, &err) != 0 ||
		    cv.version == CVSS_V40 || have[cv.version])
			continue;
		have[cv.version] = true;
		s = json_object();
		jset(b, s, "products", json_copy(b->affected));
		jset(b, s, cv.version == CVSS_V2 ? "cvss_v2" : "cvss_v3", cvss_json(b, &cv));
		jpush(b, list, s);
	}
	return list;
}

static json_t *
remediation(struct build *b, const char *category, const char *details)
{
	json_t	*r = json_object();

	jset(b, r, "category", jstr(b, category));
	jset(b, r, "details", jstr(b, details));
	jset(b, r, "product_ids", json_copy(b->affected));
	return r;
}

/* cve, ids and cwe: the related ids and the first named CWE. */
static void
vuln_ids(struct build *b, json_t *v)
{
	const struct adv_doc	*d = b->doc;
	json_t			*ids = json_array(), *id, *cwe;
	const char		*cve = NULL;
	bool			 dup;
	size_t			 i;

	for (i = 0; i < d->nids; i++) {
		const char *sch = d->ids[i].scheme, *val = d->ids[i].value;
		size_t n = val != NULL ? strlen(val) : 0;

		if (blank(sch) || blank(val))
			continue;
		/* The first CVE id is the vulnerability's cve (^CVE-[0-9]{4}-[0-9]{4,}$). */
		if (cve == NULL && strcasecmp(sch, "CVE") == 0 && n >= 13 &&
		    strncmp(val, "CVE-", 4) == 0 && strspn(val + 4, "0123456789") == 4 &&
		    val[8] == '-' && strspn(val + 9, "0123456789") == n - 9) {
			jset(b, v, "cve", jstr(b, val));
			cve = val;
			continue;
		}
		id = json_object();
		jset(b, id, "system_name", jstr(b, sch));
		jset(b, id, "text", jstr(b, val));
		/* ids are uniqueItems; the cve is not repeated among them. */
		dup = cve != NULL && strcmp(val, cve) == 0;
		for (size_t k = 0; k < json_array_size(ids) && !dup; k++)
			dup = json_equal(json_array_get(ids, k), id);
		if (!dup)
			jpush(b, ids, id);
		else
			json_decref(id);
	}
	if (json_array_size(ids) > 0)
		jset(b, v, "ids", ids);
	else
		json_decref(ids);
	/*
	 * CSAF 2.0 has one CWE per vulnerability and requires its name; a CWE
	 * without the catalogue's name is left out rather than named wrongly
	 * (6.1.11).
	 */
	for (i = 0; i < d->ncwes; i++)
		if (!blank(d->cwes[i].id) && !blank(d->cwes[i].name)) {
			cwe = json_object();
			jset(b, cwe, "id", jstr(b, d->cwes[i].id));
			jset(b, cwe, "name", jstr(b, d->cwes[i].name));
			jset(b, v, "cwe", cwe);
			break;
		}
}

static json_t *
vulnerability(struct build *b)
{
	const struct adv_doc	*d = b->doc;
	json_t			*v = json_object(), *notes = json_array();
	json_t			*st = json_object(), *rem = json_array(), *sc;

	jset(b, v, "title", jstr(b, d->title));
	vuln_ids(b, v);
	/* 6.1.27.5: a security advisory's vulnerability has notes. */
	note(b, notes, "description", "Description", !blank(d->summary) ? d->summary : d->title);
	jset(b, v, "notes", notes);
	if (json_array_size(b->affected) > 0)
		jset(b, st, "known_affected", json_copy(b->affected));
	if (json_array_size(b->fixed) > 0) {
		jset(b, st, "fixed", json_copy(b->fixed));
		jset(b, st, "recommended", json_copy(b->fixed));
	}
	jset(b, v, "product_status", st);
	if (d->published_at > 0)
		jset(b, v, "release_date", jdate(b, b->initial));
	if (!blank(d->solution) && json_array_size(b->affected) > 0)
		jpush(b, rem, remediation(b, "vendor_fix", d->solution));
	if (!blank(d->mitigation) && json_array_size(b->affected) > 0)
		jpush(b, rem, remediation(b, "mitigation", d->mitigation));
	if (json_array_size(rem) > 0)
		jset(b, v, "remediations", rem);
	else
		json_decref(rem);
	if (json_array_size(sc = scores(b)) > 0)
		jset(b, v, "scores", sc);
	else
		json_decref(sc);
	return v;
}

int
fmt_csaf(const struct adv_doc *doc, const struct fmt_publisher *p, struct sbuf *out,
    const char **why)
{
	struct build		 b = { .a = out->arena, .doc = doc, .p = p };
	json_t			*root = json_object(), *vulns = json_array();
	char			*text = NULL;
	int			 rc = -1;

	b.affected = json_array();
	b.fixed = json_array();
	jset(&b, root, "document", document(&b));
	jset(&b, root, "product_tree", product_tree(&b));
	jpush(&b, vulns, vulnerability(&b));
	jset(&b, root, "vulnerabilities", vulns);
	if (b.why != NULL)
		goto out;
	/* Never publish what a CSAF consumer must refuse. */
	if (csaf_mandatory_check(root, NULL, 0) > 0) {
		b.why = "the CSAF document fails a mandatory test of CSAF 2.0";
		goto out;
	}
	if ((text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(4))) == NULL) {
		b.why = "the CSAF document could not be written";
		goto out;
	}
	sbuf_addstr(out, text);
	sbuf_addch(out, '\n');
	rc = 0;
out:
	if (rc != 0 && why != NULL)
		*why = b.why;
	free(text);
	json_decref(b.affected);
	json_decref(b.fixed);
	json_decref(root);
	return rc;
}
