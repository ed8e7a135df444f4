#include <pthread.h>
#include <stdbool.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "core/sbuf.h"
#include "core/str.h"
#include "web/markdown.h"

/*
 * 1 MiB of Markdown is far more than any report needs, and cmark's worst
 * cases grow faster than linearly, so the bound keeps one request's
 * rendering time in check.
 */
#define MARKDOWN_MAX_BYTES	(1024u * 1024)

/*
 * Safe mode (no CMARK_OPT_UNSAFE: raw HTML becomes a comment, dangerous
 * URLs become empty) and invalid UTF-8 replaced by U+FFFD, so the HTML we
 * hand on is well-formed text.
 */
#define MARKDOWN_PARSE_OPTS	(CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8)

/*
 * cmark-gfm 0.29.0.gfm.6 (Debian 12) pads every table row out to the
 * header's width, so a delimiter row of k columns over r short lines makes
 * k * r cells: 12 KB of input renders to 40 MB in seconds (later upstream
 * releases cap the padding).  Bounding k * r before parsing keeps the
 * output linear in the input; past the bound, tables stay plain text.
 */
#define MARKDOWN_MAX_TABLE_CELLS	(512u * 1024)

static const char *const extensions[] = {
	"table",		/* GFM tables: keep first, see tables_bounded() */
	"strikethrough",	/* ~~text~~ */
	"autolink",		/* bare www. and http(s) URLs, e-mail addresses */
	"tagfilter",		/* GFM's disallowed raw HTML tags, should any get through */
};

static pthread_once_t	registered = PTHREAD_ONCE_INIT;

/*
 * cmark-gfm registers its extensions into a global list with an unguarded
 * flag; once, before any parser, keeps concurrent requests off that race.
 */
static void
register_extensions(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

/*
 * The allowlist: http, https and mailto, plus relative URLs (no scheme).
 * Any ':' before the first '/', '?' or '#' counts as a scheme, even one a
 * browser would not parse as such: refusing an odd relative URL costs
 * nothing, guessing a browser's scheme rules wrong could.
 */
static bool
url_allowed(const char *url)
{
	struct str	scheme;
	size_t		n;

	n = strcspn(url, ":/?#");
	if (url[n] != ':')
		return true;
	scheme = (struct str){ url, n };
	return str_caseeq(scheme, "http") || str_caseeq(scheme, "https") ||
	    str_caseeq(scheme, "mailto");
}

/*
 * An upper bound on the table cells n bytes can make is within
 * MARKDOWN_MAX_TABLE_CELLS.  A delimiter row has a '-' per column and
 * columns one more than its pipes at most, so the widest line by
 * min(dashes, pipes + 1) bounds every table's width; the line count bounds
 * its rows.  Over-counting (pipes in code, list dashes) only errs safe.
 */
static bool
tables_bounded(const char *md, size_t n)
{
	size_t	i, lines = 1, pipes = 0, dashes = 0, cols, widest = 0;

	for (i = 0; i <= n; i++) {
		if (i < n && md[i] == '|')
			pipes++;
		else if (i < n && md[i] == '-')
			dashes++;
		else if (i == n || md[i] == '\n' ||
		    (md[i] == '\r' && (i + 1 == n || md[i + 1] != '\n'))) {
			cols = dashes < pipes + 1 ? dashes : pipes + 1;
			if (cols > widest)
				widest = cols;
			pipes = dashes = 0;
			if (i < n)
				lines++;
		}
	}
	return widest <= MARKDOWN_MAX_TABLE_CELLS / lines;
}

/* Empty the destination of every link and image whose scheme is not allowed. */
static int
neutralise_urls(cmark_node *doc)
{
	cmark_iter		*it;
	cmark_node		*node;
	cmark_event_type	 ev;
	const char		*url;
	int			 ret = 0;

	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		node = cmark_iter_get_node(it);
		if (cmark_node_get_type(node) != CMARK_NODE_LINK &&
		    cmark_node_get_type(node) != CMARK_NODE_IMAGE)
			continue;
		url = cmark_node_get_url(node);
		if (url != NULL && !url_allowed(url) && !cmark_node_set_url(node, ""))
			ret = -1;
	}
	cmark_iter_free(it);
	return ret;
}

enum app_err
markdown_render(const char *md, size_t n, struct sbuf *out)
{
	cmark_parser		*parser = NULL;
	cmark_node		*doc = NULL;
	cmark_syntax_extension	*ext;
	char			*html = NULL;
	size_t			 i, first;
	enum app_err		 er = APP_INTERNAL;

	if (n > MARKDOWN_MAX_BYTES) {
		er = APP_TOOBIG;
		goto out;
	}
	if (pthread_once(&registered, register_extensions) != 0)
		goto out;
	if ((parser = cmark_parser_new(MARKDOWN_PARSE_OPTS)) == NULL)
		goto out;
	first = tables_bounded(md, n) ? 0 : 1;	/* 1 skips "table" */
	for (i = first; i < sizeof(extensions) / sizeof(extensions[0]); i++) {
		if ((ext = cmark_find_syntax_extension(extensions[i])) == NULL ||
		    !cmark_parser_attach_syntax_extension(parser, ext))
			goto out;
	}
	if (n > 0)
		cmark_parser_feed(parser, md, n);
	if ((doc = cmark_parser_finish(parser)) == NULL)
		goto out;
	if (neutralise_urls(doc) != 0)
		goto out;
	/* Never CMARK_OPT_UNSAFE: the renderer is where raw HTML would pass. */
	html = cmark_render_html(doc, CMARK_OPT_DEFAULT,
	    cmark_parser_get_syntax_extensions(parser));
	if (html == NULL)
		goto out;
	sbuf_addstr(out, html);
	er = sbuf_err(out);
out:
	if (html != NULL)
		cmark_get_default_mem_allocator()->free(html);
	if (doc != NULL)
		cmark_node_free(doc);
	if (parser != NULL)
		cmark_parser_free(parser);
	return er;
}
