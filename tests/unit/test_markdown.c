/*
 * web/markdown: GFM rendering, and that hostile Markdown comes out as
 * harmless HTML (no script, no event handlers, no javascript:/data: URLs,
 * no raw HTML).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/sbuf.h"
#include "core/xalloc.h"
#include "web/markdown.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static int
lower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

/* ASCII case-insensitive strstr (strcasestr is a GNU extension). */
static bool
contains_ci(const char *hay, const char *needle)
{
	size_t	i, n = strlen(needle);

	for (; *hay != '\0'; hay++) {
		for (i = 0; i < n && hay[i] != '\0'; i++)
			if (lower((unsigned char)hay[i]) != lower((unsigned char)needle[i]))
				break;
		if (i == n)
			return true;
	}
	return false;
}

/* Render md (n bytes) into a fresh buffer in a; returns the HTML. */
static const char *
render_n(struct arena *a, const char *md, size_t n)
{
	struct sbuf	sb;

	sbuf_init(&sb, a, 0);
	assert_int_equal(markdown_render(md, n, &sb), APP_OK);
	return sb.buf;
}

static const char *
render(struct arena *a, const char *md)
{
	return render_n(a, md, strlen(md));
}

static void
test_markdown__basic(void **state)
{
	static const struct {
		const char	*md;
		const char	*want;	/* a substring of the HTML */
	} t[] = {
		{ "# Title", "<h1>Title</h1>" },
		{ "Hello *world*", "<p>Hello <em>world</em></p>" },
		{ "**bold**", "<strong>bold</strong>" },
		{ "`a < b`", "<code>a &lt; b</code>" },
		{ "```c\nint x = 1 << 2;\n```", "<pre><code class=\"language-c\">int x = 1 &lt;&lt; 2;\n</code></pre>" },
		{ "- one\n- two", "<li>two</li>" },
		{ "~~gone~~", "<del>gone</del>" },
		{ "| a | b |\n|---|---|\n| 1 | 2 |", "<td>2</td>" },
		{ "| a | b |\n|---|---|\n| 1 | 2 |", "<th>a</th>" },
		{ "see https://example.com/x now", "<a href=\"https://example.com/x\">https://example.com/x</a>" },
		{ "see www.example.com now", "<a href=\"http://www.example.com\">www.example.com</a>" },
		{ "mail sec@example.com", "<a href=\"mailto:sec@example.com\">sec@example.com</a>" },
		{ "[ok](https://example.com/a?b=1&c=2)", "<a href=\"https://example.com/a?b=1&amp;c=2\">ok</a>" },
		{ "[m](mailto:psirt@example.com)", "href=\"mailto:psirt@example.com\"" },
		{ "[rel](/reports/12)", "<a href=\"/reports/12\">rel</a>" },
		{ "[frag](#cve)", "<a href=\"#cve\">frag</a>" },
		{ "[q](?page=2)", "<a href=\"?page=2\">q</a>" },
		{ "[proto](//cdn.example.com/x)", "href=\"//cdn.example.com/x\"" },
		{ "[up](HTTPS://EXAMPLE.COM)", "href=\"HTTPS://EXAMPLE.COM\"" },
		{ "![shot](https://example.com/a.png)", "<img src=\"https://example.com/a.png\" alt=\"shot\" />" },
		{ "5 > 3 & 2 < 4", "<p>5 &gt; 3 &amp; 2 &lt; 4</p>" },
		{ "中文 **粗体**", "<p>中文 <strong>粗体</strong></p>" },
	};
	struct arena	*a = arena_new();
	const char	*html;
	size_t		 i;

	(void)state;
	for (i = 0; i < NELEM(t); i++) {
		html = render(a, t[i].md);
		if (strstr(html, t[i].want) == NULL)
			fail_msg("markdown \"%s\"\ngave  %s\nwanted %s", t[i].md, html,
			    t[i].want);
	}
	arena_free(a);
}

static bool
in_list(const char *const *list, size_t n, const char *s, size_t len)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strlen(list[i]) == len && strncmp(list[i], s, len) == 0)
			return true;
	return false;
}

/* A URL in href or src: empty, relative without a scheme, or http(s)/mailto. */
static bool
url_ok(const char *v, size_t len)
{
	size_t	i;

	for (i = 0; i < len; i++) {
		if (v[i] == '/' || v[i] == '?' || v[i] == '#')
			return true;
		if (v[i] == ':')
			return (i == 4 && strncmp(v, "http", 4) == 0) ||
			    (i == 5 && strncmp(v, "https", 5) == 0) ||
			    (i == 6 && strncmp(v, "mailto", 6) == 0) ||
			    (i == 4 && strncmp(v, "HTTP", 4) == 0) ||
			    (i == 5 && strncmp(v, "HTTPS", 5) == 0);
	}
	return true;
}

/*
 * Nothing in html can run script or load a dangerous URL: every tag is one
 * cmark emits for Markdown, every attribute is on a short allowlist with a
 * double-quoted value holding no '<' or '"', and every href and src passes
 * url_ok.  Comments are cmark's "raw HTML omitted" only.
 */
static void
assert_harmless(const char *md, const char *html)
{
	static const char *const tags[] = {
		"p", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "code",
		"pre", "a", "img", "ul", "ol", "li", "blockquote", "hr", "br",
		"table", "thead", "tbody", "tr", "th", "td", "del",
	};
	static const char *const attrs[] = {
		"href", "src", "alt", "title", "class", "align", "start",
	};
	const char	*p = html, *name, *val;
	size_t		 len, vlen;

	while ((p = strchr(p, '<')) != NULL) {
		p++;
		if (strncmp(p, "!-- raw HTML omitted -->", 24) == 0) {
			p += 24;
			continue;
		}
		if (*p == '/')
			p++;
		for (name = p; (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'); p++)
			;
		if (!in_list(tags, NELEM(tags), name, (size_t)(p - name)))
			fail_msg("markdown \"%s\" gave \"%s\": tag <%.*s", md, html,
			    (int)(p - name + 1), name);
		for (;;) {
			while (*p == ' ')
				p++;
			if (*p == '>' || (p[0] == '/' && p[1] == '>'))
				break;
			for (name = p; *p >= 'a' && *p <= 'z'; p++)
				;
			len = (size_t)(p - name);
			if (len == 0 || !in_list(attrs, NELEM(attrs), name, len) ||
			    p[0] != '=' || p[1] != '"')
				fail_msg("markdown \"%s\" gave \"%s\": attribute at \"%.20s\"",
				    md, html, name);
			val = p + 2;
			vlen = strcspn(val, "\"<>");
			if (val[vlen] != '"')
				fail_msg("markdown \"%s\" gave \"%s\": value at \"%.20s\"",
				    md, html, val);
			if ((strncmp(name, "href", len) == 0 || strncmp(name, "src", len) == 0) &&
			    !url_ok(val, vlen))
				fail_msg("markdown \"%s\" gave \"%s\": URL \"%.*s\"", md,
				    html, (int)vlen, val);
			p = val + vlen + 1;
		}
	}
	if (contains_ci(html, "<script") || contains_ci(html, "javascript:\""))
		fail_msg("markdown \"%s\" gave \"%s\"", md, html);
}

static void
test_markdown__xss(void **state)
{
	static const char *const t[] = {
		"<script>alert(1)</script>",
		"hi <script>alert(1)</script> there",
		"<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
		"<img src=x onerror=alert(1)>",
		"text <img src=x onerror=alert(1)> text",
		"<svg onload=alert(1)>",
		"<iframe src=\"https://evil.example\"></iframe>",
		"<div onclick=\"alert(1)\">\nclick\n</div>",
		"<style>body{display:none}</style>",
		"<a href=\"javascript:alert(1)\">x</a>",
		"<form action=x><input type=submit formaction=javascript:alert(1)></form>",
		"<textarea><script>alert(1)</script></textarea>",
		"<!-- comment --><script>alert(1)</script>",
		"<p style=\"background:url(javascript:alert(1))\">x</p>",
		"[x](javascript:alert(1))",
		"[x](JaVaScRiPt:alert(1))",
		"[x](javascript&#58;alert(1))",
		"[x](javascript&colon;alert(1))",
		"[x](&#x6A;avascript:alert(1))",
		"[x](<javascript:alert(1)>)",
		"[x]( javascript:alert(1))",
		"[x](vbscript:msgbox(1))",
		"[x](file:///etc/passwd)",
		"[x](ftp://example.com/x)",
		"[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
		"[x](data:text/html,<script>alert(1)</script>)",
		"![x](data:image/png;base64,iVBORw0KGgo=)",
		"![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)",
		"![x](javascript:alert(1))",
		"![x](x \"onerror=alert(1)\")",
		"[x](https://ok.example \"\\\" onmouseover=alert(1) x=\\\"\")",
		"[x][r]\n\n[r]: javascript:alert(1)",
		"<javascript:alert(1)>",
		"<data:text/html,x>",
		"[a](java\\\nscript:alert(1))",
		"| a |\n|---|\n| <script>alert(1)</script> |",
		"~~<img src=x onerror=alert(1)>~~",
		"```\n</code><script>alert(1)</script>\n```",
	};
	struct arena	*a = arena_new();
	const char	*html;
	size_t		 i;

	(void)state;
	for (i = 0; i < NELEM(t); i++) {
		html = render(a, t[i]);
		assert_harmless(t[i], html);
	}
	/* Links to dangerous places keep their text but lose their target. */
	html = render(a, "[click](javascript:alert(1))");
	assert_non_null(strstr(html, "<a href=\"\">click</a>"));
	html = render(a, "![x](data:image/png;base64,iVBORw0KGgo=)");
	assert_non_null(strstr(html, "<img src=\"\" alt=\"x\" />"));
	/* Raw HTML is dropped, not escaped into view. */
	html = render(a, "<script>alert(1)</script>");
	assert_non_null(strstr(html, "raw HTML omitted"));
	arena_free(a);
}

static void
test_markdown__bytes(void **state)
{
	static const char	bad_utf8[] = "a\xff\xfe b \xc3\x28 c";
	static const char	nul[] = "x\0y";
	struct arena		*a = arena_new();
	const char		*html;

	(void)state;
	/* Invalid UTF-8 becomes U+FFFD; the HTML is always valid text. */
	html = render_n(a, bad_utf8, sizeof(bad_utf8) - 1);
	assert_non_null(strstr(html, "\xef\xbf\xbd"));
	assert_null(strstr(html, "\xff"));
	html = render_n(a, nul, sizeof(nul) - 1);
	assert_non_null(strstr(html, "x\xef\xbf\xbdy"));
	/* Only n bytes are read. */
	html = render_n(a, "*a* and more", 3);
	assert_string_equal(html, "<p><em>a</em></p>\n");
	html = render_n(a, NULL, 0);
	assert_string_equal(html, "");
	arena_free(a);
}

static void
test_markdown__limits(void **state)
{
	struct arena	*a = arena_new();
	struct sbuf	 sb;
	size_t		 n = 1024 * 1024;
	char		*big = xmalloc(n + 1);

	(void)state;
	memset(big, 'a', n + 1);
	sbuf_init(&sb, a, 0);
	assert_int_equal(markdown_render(big, n, &sb), APP_OK);
	assert_true(sb.len > n);
	sbuf_init(&sb, a, 0);
	sbuf_addstr(&sb, "keep");
	assert_int_equal(markdown_render(big, n + 1, &sb), APP_TOOBIG);
	assert_string_equal(sb.buf, "keep");
	free(big);

	/* The output buffer's cap is reported too. */
	sbuf_init(&sb, a, 16);
	assert_int_equal(markdown_render("a long enough paragraph of text", 31, &sb),
	    APP_TOOBIG);
	/* And output is appended to what was there. */
	sbuf_init(&sb, a, 0);
	sbuf_addstr(&sb, "<div>");
	assert_int_equal(markdown_render("*x*", 3, &sb), APP_OK);
	assert_string_equal(sb.buf, "<div><p><em>x</em></p>\n");
	arena_free(a);
}

/*
 * A wide delimiter row over many short lines: cmark-gfm pads every row to
 * the header's width, so this would render k * r cells (here about 4
 * million, 40 MB).  Tables that big stay text; normal tables still render.
 */
static void
test_markdown__table_amplification(void **state)
{
	struct arena	*a = arena_new();
	struct sbuf	 sb;
	char		*md;
	size_t		 k = 2000, r = 2000, o = 0, i;

	(void)state;
	md = xmalloc(4 * k + 2 * r + 4);
	md[o++] = '|';
	for (i = 0; i < k; i++, o += 2)
		memcpy(md + o, "x|", 2);
	memcpy(md + o, "\n|", 2);
	o += 2;
	for (i = 0; i < k; i++, o += 2)
		memcpy(md + o, "-|", 2);
	md[o++] = '\n';
	for (i = 0; i < r; i++, o += 2)
		memcpy(md + o, "a\n", 2);
	sbuf_init(&sb, a, 0);
	assert_int_equal(markdown_render(md, o, &sb), APP_OK);
	assert_null(strstr(sb.buf, "<td>"));
	assert_true(sb.len < 4 * o);
	free(md);

	/* A wide table over few lines is fine: 300 columns, 3 lines. */
	md = xmalloc(4 * 300 + 64);
	o = 0;
	md[o++] = '|';
	for (i = 0; i < 300; i++, o += 2)
		memcpy(md + o, "h|", 2);
	memcpy(md + o, "\n|", 2);
	o += 2;
	for (i = 0; i < 300; i++, o += 2)
		memcpy(md + o, "-|", 2);
	memcpy(md + o, "\n1\n", 3);
	o += 3;
	sbuf_init(&sb, a, 0);
	assert_int_equal(markdown_render(md, o, &sb), APP_OK);
	assert_non_null(strstr(sb.buf, "<th>h</th>"));
	assert_non_null(strstr(sb.buf, "<td>1</td>"));
	free(md);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_markdown__basic),
		cmocka_unit_test(test_markdown__xss),
		cmocka_unit_test(test_markdown__bytes),
		cmocka_unit_test(test_markdown__limits),
		cmocka_unit_test(test_markdown__table_amplification),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
