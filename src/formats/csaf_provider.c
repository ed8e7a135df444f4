/*
 * The CSAF trusted provider's files (CSAF 2.0 §7.1): provider-metadata.json,
 * the TLP:WHITE directory's index.txt and changes.csv, and its ROLIE feed.
 * See formats.h.  The layout, under base_url:
 *
 *   /.well-known/csaf/provider-metadata.json
 *   /.well-known/csaf/white/<year>/<file>          the documents
 *   /.well-known/csaf/white/index.txt, changes.csv
 *   /.well-known/csaf/white/feed-tlp-white.json    the ROLIE feed
 *   /.well-known/csaf/openpgp/<fingerprint>.asc    the signing key
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/calendar.h"
#include "core/sbuf.h"
#include "formats/csaf_check_int.h"
#include "formats/formats.h"

#define CSAF_DIR	"/.well-known/csaf"
#define CSAF_WHITE	CSAF_DIR "/white/"
#define CSAF_FEED	"feed-tlp-white.json"
/* What ROLIE feeds say their entries are (CSAF §7.1.15; the IANA registration). */
#define ROLIE_SCHEME	"urn:ietf:params:rolie:category:information-type"
#define CSAF_SCHEMA	"https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json"

/* Building a JSON document: the first failure is kept, as in sbuf. */
struct jb {
	const char	*why;
};

static void
jfail(struct jb *b)
{
	if (b->why == NULL)
		b->why = "the CSAF provider document could not be built";
}

/* o[k] = v, stealing v; a NULL v (text that is not UTF-8) is a failure. */
static void
jset(struct jb *b, json_t *o, const char *k, json_t *v)
{
	if (json_object_set_new(o, k, v) != 0)
		jfail(b);
}

static void
jpush(struct jb *b, json_t *a, json_t *v)
{
	if (json_array_append_new(a, v) != 0)
		jfail(b);
}

static json_t *
jdate(int64_t t)
{
	char	buf[32];

	time_format_utc(t, buf, sizeof(buf));
	return json_string(buf);
}

/* Pretty-print o into out and release it; 0, or -1 with *why. */
static int
finish(struct jb *b, json_t *o, struct sbuf *out, const char **why)
{
	char	*text = NULL;
	int	 rc = -1;

	if (b->why == NULL && (text = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER)) ==
	    NULL)
		jfail(b);
	if (b->why == NULL) {
		sbuf_addstr(out, text);
		sbuf_addch(out, '\n');
		rc = 0;
	} else if (why != NULL)
		*why = b->why;
	free(text);
	json_decref(o);
	return rc;
}

/* An OpenPGP fingerprint as the provider schema has it: 40 or more hex digits. */
static bool
fingerprint_ok(const char *f)
{
	size_t	n = strspn(f, "0123456789abcdefABCDEF");

	return n >= 40 && f[n] == '\0';
}

int
fmt_csaf_provider_metadata(const struct fmt_publisher *p, const char *pgp_fingerprint,
    int64_t last_updated, struct sbuf *out, const char **why)
{
	struct jb	 b = { NULL };
	json_t		*o, *dist, *rolie, *feed, *feeds, *dists, *pub, *keys, *key;

	if (p->base_url == NULL || *p->base_url == '\0') {
		if (why != NULL)
			*why = "the provider metadata needs the base URL";
		return -1;
	}
	o = json_object();
	dist = json_object();
	rolie = json_object();
	feed = json_object();
	feeds = json_array();
	dists = json_array();
	jset(&b, o, "canonical_url", json_sprintf("%s" CSAF_DIR "/provider-metadata.json",
	    p->base_url));
	jset(&b, dist, "directory_url", json_sprintf("%s" CSAF_WHITE, p->base_url));
	jset(&b, feed, "summary", json_sprintf("TLP:WHITE advisories of %s",
	    p->name != NULL ? p->name : ""));
	jset(&b, feed, "tlp_label", json_string("WHITE"));
	jset(&b, feed, "url", json_sprintf("%s" CSAF_WHITE CSAF_FEED, p->base_url));
	jpush(&b, feeds, feed);
	jset(&b, rolie, "feeds", feeds);
	jset(&b, dist, "rolie", rolie);
	jpush(&b, dists, dist);
	jset(&b, o, "distributions", dists);
	jset(&b, o, "last_updated", jdate(last_updated));
	jset(&b, o, "list_on_CSAF_aggregators", json_true());
	jset(&b, o, "metadata_version", json_string("2.0"));
	jset(&b, o, "mirror_on_CSAF_aggregators", json_true());
	if (pgp_fingerprint != NULL && *pgp_fingerprint != '\0') {
		if (!fingerprint_ok(pgp_fingerprint))
			b.why = "the OpenPGP fingerprint is not 40 or more hex digits";
		keys = json_array();
		key = json_object();
		jset(&b, key, "fingerprint", json_string(pgp_fingerprint));
		jset(&b, key, "url", json_sprintf("%s" CSAF_DIR "/openpgp/%s.asc", p->base_url,
		    pgp_fingerprint));
		jpush(&b, keys, key);
		jset(&b, o, "public_openpgp_keys", keys);
	}
	if ((pub = csaf_publisher_json(p, p->contact, &b.why)) != NULL)
		jset(&b, o, "publisher", pub);
	jset(&b, o, "role", json_string("csaf_trusted_provider"));
	return finish(&b, o, out, why);
}

/* "<year>/<file>" of an entry, in a. */
static const char *
entry_path(struct arena *a, const struct csaf_entry *e)
{
	char	file[160];

	fmt_csaf_filename(e->id, file, sizeof(file));
	return arena_printf(a, "%d/%s", e->year, file);
}

void
fmt_csaf_index(const struct csaf_entry *e, size_t n, struct sbuf *out)
{
	for (size_t i = 0; i < n; i++)
		sbuf_addf(out, "%s\n", entry_path(out->arena, &e[i]));
}

/* Newest first; equal times by path, so the file is the same every time. */
static int
newest_first(const void *x, const void *y)
{
	const struct csaf_entry	*a = *(const struct csaf_entry *const *)x;
	const struct csaf_entry	*b = *(const struct csaf_entry *const *)y;

	if (a->current_release != b->current_release)
		return a->current_release > b->current_release ? -1 : 1;
	if (a->year != b->year)
		return a->year > b->year ? -1 : 1;
	return strcmp(a->id != NULL ? a->id : "", b->id != NULL ? b->id : "");
}

/* The entries in newest-first order (pointers into e, in a). */
static const struct csaf_entry **
sorted(struct arena *a, const struct csaf_entry *e, size_t n)
{
	const struct csaf_entry	**s = arena_calloc(a, n + 1, sizeof(*s));

	for (size_t i = 0; i < n; i++)
		s[i] = &e[i];
	if (n > 1)
		qsort(s, n, sizeof(*s), newest_first);
	return s;
}

void
fmt_csaf_changes(const struct csaf_entry *e, size_t n, struct sbuf *out)
{
	const struct csaf_entry	**s = sorted(out->arena, e, n);
	char			  date[32];

	/* §7.1.14: "<path>","<current_release_date>", no heading; paths hold no '"'. */
	for (size_t i = 0; i < n; i++) {
		time_format_utc(s[i]->current_release, date, sizeof(date));
		sbuf_addf(out, "\"%s\",\"%s\"\n", entry_path(out->arena, s[i]), date);
	}
}

static json_t *
rolie_entry(struct jb *b, const struct fmt_publisher *p, const struct csaf_entry *e,
    struct arena *a)
{
	json_t		*o = json_object(), *links = json_array(), *self = json_object();
	json_t		*content = json_object(), *format = json_object(), *summary;
	const char	*url = arena_printf(a, "%s" CSAF_WHITE "%s", p->base_url,
			    entry_path(a, e));

	jset(b, o, "id", json_string(e->id));
	jset(b, o, "title", json_string(e->title != NULL && *e->title ? e->title : e->id));
	jset(b, self, "rel", json_string("self"));
	jset(b, self, "href", json_string(url));
	jpush(b, links, self);
	jset(b, o, "link", links);
	/* struct csaf_entry carries one time: the current release stands for both. */
	jset(b, o, "published", jdate(e->current_release));
	jset(b, o, "updated", jdate(e->current_release));
	if (e->title != NULL && *e->title != '\0') {
		summary = json_object();
		jset(b, summary, "content", json_string(e->title));
		jset(b, o, "summary", summary);
	}
	jset(b, content, "type", json_string("application/json"));
	jset(b, content, "src", json_string(url));
	jset(b, o, "content", content);
	jset(b, format, "schema", json_string(CSAF_SCHEMA));
	jset(b, format, "version", json_string("2.0"));
	jset(b, o, "format", format);
	return o;
}

int
fmt_csaf_rolie(const struct fmt_publisher *p, const struct csaf_entry *e, size_t n,
    int64_t updated, struct sbuf *out, const char **why)
{
	struct jb		  b = { NULL };
	const struct csaf_entry	**s;
	json_t			 *root = json_object(), *feed = json_object();
	json_t			 *links = json_array(), *self = json_object();
	json_t			 *cats = json_array(), *cat = json_object();
	json_t			 *entries = json_array();

	if (p->base_url == NULL || *p->base_url == '\0')
		b.why = "the ROLIE feed needs the base URL";
	for (size_t i = 0; i < n; i++)
		if (e[i].id == NULL || *e[i].id == '\0')
			b.why = "every ROLIE entry needs an advisory id";
	/* An Atom id is a permanent, unique IRI: the feed's own URL is one. */
	jset(&b, feed, "id", json_sprintf("%s" CSAF_WHITE CSAF_FEED,
	    p->base_url != NULL ? p->base_url : ""));
	jset(&b, feed, "title", json_sprintf("%s CSAF feed (TLP:WHITE)",
	    p->name != NULL ? p->name : ""));
	jset(&b, self, "rel", json_string("self"));
	jset(&b, self, "href", json_sprintf("%s" CSAF_WHITE CSAF_FEED,
	    p->base_url != NULL ? p->base_url : ""));
	jpush(&b, links, self);
	jset(&b, feed, "link", links);
	jset(&b, cat, "scheme", json_string(ROLIE_SCHEME));
	jset(&b, cat, "term", json_string("csaf"));
	jpush(&b, cats, cat);
	jset(&b, feed, "category", cats);
	jset(&b, feed, "updated", jdate(updated));
	if (b.why == NULL) {
		s = sorted(out->arena, e, n);
		for (size_t i = 0; i < n; i++)
			jpush(&b, entries, rolie_entry(&b, p, s[i], out->arena));
	}
	jset(&b, feed, "entry", entries);
	jset(&b, root, "feed", feed);
	return finish(&b, root, out, why);
}
