/*
 * The public Atom feed (RFC 4287; formats.h).  Ids are the pages' https
 * URLs, which never change for an advisory, so readers keep one entry per
 * advisory across edits.  Every text and attribute goes through xml_text().
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "core/sbuf.h"
#include "formats/formats.h"

#define ATOM_NS		"http://www.w3.org/2005/Atom"
#define FEED_PATH	"/advisories.atom"
#define PAGE_PATH	"/advisories/"
#define LIST_PATH	"/advisories"

/*
 * An entry carries no language, and the feed serves readers of both, so
 * the marker of a withdrawn advisory is in both.
 */
#define WITHDRAWN_MARK	"[已撤回 Withdrawn] "

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

/*
 * XML 1.0 text and attribute values: sbuf_add_html escapes & < > " ' and
 * drops the C0 controls XML forbids, and turns bytes that are not UTF-8
 * into U+FFFD; U+FFFE and U+FFFF, valid UTF-8 but not XML characters, are
 * dropped here.
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

/* <name>RFC 3339 UTC</name> (Atom dates are RFC 3339 date-times). */
static void
date_el(struct sbuf *sb, const char *name, int64_t t)
{
	struct tm	 tm;
	time_t		 tt = (time_t)(t > 0 ? t : 0);
	char		 ts[32];

	if (gmtime_r(&tt, &tm) == NULL || strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ",
	    &tm) == 0)
		snprintf(ts, sizeof(ts), "1970-01-01T00:00:00Z");
	sbuf_addf(sb, "<%s>%s</%s>", name, ts, name);
}

/* base_url + PAGE_PATH + the id, percent-encoded: the entry's id and link. */
static void
page_url(struct sbuf *sb, const struct fmt_publisher *p, const char *id)
{
	struct sbuf	 u;

	sbuf_init(&u, sb->arena, 0);
	sbuf_addstr(&u, s0(p->base_url));
	sbuf_addstr(&u, PAGE_PATH);
	sbuf_add_urlenc(&u, s0(id), strlen(s0(id)));
	xml_text(sb, u.buf);
}

static void
text_el(struct sbuf *sb, const char *name, const char *text)
{
	sbuf_addf(sb, "<%s>", name);
	xml_text(sb, text);
	sbuf_addf(sb, "</%s>", name);
}

/*
 * The summary as plain text: the grade (its Chinese name and its code, so
 * both readers have it), then the description.
 */
static void
summary(struct sbuf *sb, const struct atom_entry *e)
{
	const char	*zh = adv_grade_zh(e->grade);

	sbuf_addstr(sb, "<summary type=\"text\">");
	if (!blank(e->grade)) {
		xml_text(sb, *zh != '\0' ? zh : e->grade);
		if (*zh != '\0') {
			sbuf_addstr(sb, " (");
			xml_text(sb, e->grade);
			sbuf_addch(sb, ')');
		}
		if (!blank(e->summary))
			sbuf_addstr(sb, ": ");
	}
	xml_text(sb, s0(e->summary));
	sbuf_addstr(sb, "</summary>");
}

static void
entry(struct sbuf *sb, const struct fmt_publisher *p, const struct atom_entry *e)
{
	int64_t	 updated = e->updated_at;

	/* A withdrawal is a change readers must see: it moves updated. */
	if (e->withdrawn_at > updated)
		updated = e->withdrawn_at;
	sbuf_addstr(sb, "\n<entry>\n<id>");
	page_url(sb, p, e->id);
	sbuf_addstr(sb, "</id>\n<title type=\"text\">");
	if (e->withdrawn_at != 0)
		sbuf_addstr(sb, WITHDRAWN_MARK);
	xml_text(sb, s0(e->title));
	sbuf_addstr(sb, "</title>\n");
	date_el(sb, "updated", updated);
	sbuf_addch(sb, '\n');
	if (e->published_at > 0) {
		date_el(sb, "published", e->published_at);
		sbuf_addch(sb, '\n');
	}
	sbuf_addstr(sb, "<link rel=\"alternate\" type=\"text/html\" href=\"");
	page_url(sb, p, e->id);
	sbuf_addstr(sb, "\"/>\n");
	summary(sb, e);
	sbuf_addstr(sb, "\n</entry>");
}

void
fmt_atom(const struct fmt_publisher *p, const struct atom_entry *e, size_t n,
    int64_t updated, struct sbuf *out)
{
	const char	*base = s0(p->base_url);
	const char	*name = blank(p->name) ? "Loudong" : p->name;
	size_t		 i;

	sbuf_addstr(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
	sbuf_addstr(out, "<feed xmlns=\"" ATOM_NS "\">\n<id>");
	xml_text(out, base);
	sbuf_addstr(out, FEED_PATH "</id>\n<title type=\"text\">");
	xml_text(out, name);
	sbuf_addstr(out, " advisories</title>\n");
	date_el(out, "updated", updated);
	sbuf_addstr(out, "\n<link rel=\"self\" type=\"application/atom+xml\" href=\"");
	xml_text(out, base);
	sbuf_addstr(out, FEED_PATH "\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"");
	xml_text(out, base);
	sbuf_addstr(out, LIST_PATH "\"/>\n<author>");
	/* atom:author needs a name; the instance's is the only one there is. */
	text_el(out, "name", name);
	if (!blank(base))
		text_el(out, "uri", base);
	sbuf_addstr(out, "</author>\n<generator version=\"");
	xml_text(out, s0(p->tool_version));
	sbuf_addstr(out, "\">Loudong</generator>");
	for (i = 0; i < n; i++)
		entry(out, p, &e[i]);
	sbuf_addstr(out, "\n</feed>\n");
}
