/*
 * Output escaping: sbuf_add_html, sbuf_add_urlenc and the web/tmpl.h
 * functions built on them (text, attributes, the href scheme allowlist).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/sbuf.h"
#include "core/utf8.h"
#include "http/req.h"
#include "i18n/i18n.h"
#include "web/tmpl.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define FFFD		"\xEF\xBF\xBD"

struct esc_case {
	const char	*in;	/* bytes */
	size_t		 n;	/* how many */
	const char	*out;	/* expected, NUL-terminated */
};

#define E(lit, out)	{ lit, sizeof(lit) - 1, out }

/* sbuf_add_html */

static const struct esc_case html_cases[] = {
	E("", ""),
	E("plain text 123", "plain text 123"),
	E("&", "&amp;"),
	E("<", "&lt;"),
	E(">", "&gt;"),
	E("\"", "&quot;"),
	E("'", "&#39;"),
	E("a&b<c>d\"e'f", "a&amp;b&lt;c&gt;d&quot;e&#39;f"),
	E("<script>alert('x')</script>",
	    "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"),
	E("\" onmouseover=\"x", "&quot; onmouseover=&quot;x"),
	E("&amp;", "&amp;amp;"),		/* no double-unescaping */
	E("漏洞披露平台", "漏洞披露平台"),
	E("中文，标点。“引号”", "中文，标点。“引号”"),
	E("<b>中</b>&", "&lt;b&gt;中&lt;/b&gt;&amp;"),
	E("emoji \xF0\x9F\x98\x80 ok", "emoji \xF0\x9F\x98\x80 ok"),
	E("tab\there\nnew\rline", "tab\there\nnew\rline"),
	E("a\x01" "b\x1f" "c\x1b[31m", "abc[31m"),
	E("\x00", ""),
	E("a\0b", "ab"),
	E("\x7f", "\x7f"),
	E("\xff", FFFD),
	E("\xfe\xff", FFFD FFFD),
	E("a\x80" "b", "a" FFFD "b"),
	E("a\xC0\x80" "b", "a" FFFD FFFD "b"),		/* overlong NUL */
	E("\xC0\xBC", FFFD FFFD),			/* overlong '<' */
	E("\xE0\x80\xBC", FFFD FFFD FFFD),		/* overlong '<' */
	E("\xED\xA0\x80", FFFD FFFD FFFD),		/* surrogate */
	E("\xF4\x90\x80\x80", FFFD FFFD FFFD FFFD),	/* past U+10FFFF */
	E("\xC2<", FFFD "&lt;"),			/* truncated before '<' */
	E("x\xE4\xB8", "x" FFFD FFFD),			/* truncated at the end */
	E(FFFD, FFFD),					/* a real U+FFFD is kept */
};

static void
test_escape__html_table(void **state)
{
	struct arena	*a = arena_new();
	struct sbuf	 sb;
	size_t		 i;

	(void)state;
	for (i = 0; i < NELEM(html_cases); i++) {
		sbuf_init(&sb, a, 0);
		sbuf_add_html(&sb, html_cases[i].in, html_cases[i].n);
		assert_int_equal(sbuf_err(&sb), APP_OK);
		if (sb.len != strlen(html_cases[i].out) ||
		    memcmp(sb.buf, html_cases[i].out, sb.len) != 0)
			fail_msg("html case %zu: got \"%s\", want \"%s\"", i,
			    sb.buf, html_cases[i].out);
		/* Whatever went in, what comes out is clean UTF-8. */
		if (!utf8_valid(sb.buf, sb.len))
			fail_msg("html case %zu: output is not valid UTF-8", i);
	}
	arena_free(a);
}

static void
test_escape__html_no_special_bytes_survive(void **state)
{
	struct arena	*a = arena_new();
	struct sbuf	 sb;
	char		 all[256];
	size_t		 i;

	(void)state;
	for (i = 0; i < 256; i++)
		all[i] = (char)i;
	sbuf_init(&sb, a, 0);
	sbuf_add_html(&sb, all, sizeof(all));
	assert_int_equal(sbuf_err(&sb), APP_OK);
	assert_true(utf8_valid(sb.buf, sb.len));
	for (i = 0; i < sb.len; i++) {
		unsigned char c = (unsigned char)sb.buf[i];

		assert_true(c != '<' && c != '>' && c != '"' && c != '\'');
		assert_true(c >= 0x20 || c == '\t' || c == '\n' || c == '\r');
		if (c == '&')
			assert_true(strncmp(sb.buf + i, "&amp;", 5) == 0 ||
			    strncmp(sb.buf + i, "&lt;", 4) == 0 ||
			    strncmp(sb.buf + i, "&gt;", 4) == 0 ||
			    strncmp(sb.buf + i, "&quot;", 6) == 0 ||
			    strncmp(sb.buf + i, "&#39;", 5) == 0);
	}
	arena_free(a);
}

static void
test_escape__html_appends_and_respects_cap(void **state)
{
	struct arena	*a = arena_new();
	struct sbuf	 sb;

	(void)state;
	sbuf_init(&sb, a, 0);
	sbuf_addstr(&sb, "<p>");
	sbuf_add_html(&sb, "1 < 2", 5);
	sbuf_addstr(&sb, "</p>");
	assert_string_equal(sb.buf, "<p>1 &lt; 2</p>");

	/* An escape that would pass the cap is refused, and sticks. */
	sbuf_init(&sb, a, 5);
	sbuf_add_html(&sb, "ab<", 3);
	assert_int_equal(sbuf_err(&sb), APP_TOOBIG);
	assert_string_equal(sb.buf, "ab");
	sbuf_add_html(&sb, "c", 1);
	assert_string_equal(sb.buf, "ab");
	arena_free(a);
}

/* sbuf_add_urlenc */

static const struct esc_case url_cases[] = {
	E("", ""),
	E("abcXYZ019-._~", "abcXYZ019-._~"),
	E(" ", "%20"),
	E("a b", "a%20b"),
	E("+", "%2B"),
	E("/?&=#%", "%2F%3F%26%3D%23%25"),
	E(":@!$'()*,;", "%3A%40%21%24%27%28%29%2A%2C%3B"),
	E("<>\"", "%3C%3E%22"),
	E("中", "%E4%B8%AD"),
	E("\x00", "%00"),
	E("a\0b", "a%00b"),
	E("\xff\x80\x0a", "%FF%80%0A"),
	E("https://x.example/?q=1", "https%3A%2F%2Fx.example%2F%3Fq%3D1"),
};

static void
test_escape__urlenc_table(void **state)
{
	struct arena	*a = arena_new();
	struct sbuf	 sb;
	size_t		 i;

	(void)state;
	for (i = 0; i < NELEM(url_cases); i++) {
		sbuf_init(&sb, a, 0);
		sbuf_add_urlenc(&sb, url_cases[i].in, url_cases[i].n);
		if (strcmp(sb.buf, url_cases[i].out) != 0 ||
		    sb.len != strlen(url_cases[i].out))
			fail_msg("urlenc case %zu: got \"%s\", want \"%s\"", i,
			    sb.buf, url_cases[i].out);
	}
	arena_free(a);
}

/* tmpl_* on a request */

struct fixture {
	struct req	rq;
};

static int
setup_req(void **state)
{
	struct fixture	*fx;

	fx = test_calloc(1, sizeof(*fx));
	if (fx == NULL)
		return -1;
	fx->rq.arena = arena_new();
	sbuf_init(&fx->rq.out, fx->rq.arena, 0);
	fx->rq.lang = LANG_ZH;
	*state = fx;
	return 0;
}

static int
teardown_req(void **state)
{
	struct fixture	*fx = *state;

	arena_free(fx->rq.arena);
	test_free(fx);
	return 0;
}

static const char *
href_of(struct req *rq, const char *url)
{
	sbuf_reset(&rq->out);
	tmpl_href(rq, url);
	return rq->out.buf;
}

static void
test_escape__href_allowlist(void **state)
{
	static const struct {
		const char	*url;
		const char	*out;
	} t[] = {
		/* kept */
		{ "/x", " href=\"/x\"" },
		{ "/", " href=\"/\"" },
		{ "/reports/42?tab=log", " href=\"/reports/42?tab=log\"" },
		{ "https://x", " href=\"https://x\"" },
		{ "http://x.example/", " href=\"http://x.example/\"" },
		{ "HTTPS://X.EXAMPLE/", " href=\"HTTPS://X.EXAMPLE/\"" },
		{ "https://x.example/?a=1&b=2", " href=\"https://x.example/?a=1&amp;b=2\"" },
		{ "/a\"onmouseover=\"alert(1)",
		  " href=\"/a&quot;onmouseover=&quot;alert(1)\"" },
		{ "/<script>", " href=\"/&lt;script&gt;\"" },
		/* refused */
		{ "javascript:alert(1)", " href=\"#\"" },
		{ "JAVASCRIPT:alert(1)", " href=\"#\"" },
		{ "JavaScript:alert(1)", " href=\"#\"" },
		{ " javascript:alert(1)", " href=\"#\"" },
		{ "\tjavascript:alert(1)", " href=\"#\"" },
		{ "java\nscript:alert(1)", " href=\"#\"" },
		{ "vbscript:msgbox(1)", " href=\"#\"" },
		{ "data:text/html,<script>alert(1)</script>", " href=\"#\"" },
		{ "DATA:text/html;base64,PHNjcmlwdD4=", " href=\"#\"" },
		{ "file:///etc/passwd", " href=\"#\"" },
		{ "ftp://x.example/", " href=\"#\"" },
		{ "//evil.example", " href=\"#\"" },
		{ "//evil.example/path", " href=\"#\"" },
		{ "/\\evil.example", " href=\"#\"" },
		{ "https:evil.example", " href=\"#\"" },
		{ "http:/evil.example", " href=\"#\"" },
		{ "relative/path", " href=\"#\"" },
		{ "#frag", " href=\"#\"" },
		{ "", " href=\"#\"" },
	};
	struct fixture	*fx = *state;
	size_t		 i;
	const char	*got;

	for (i = 0; i < NELEM(t); i++) {
		got = href_of(&fx->rq, t[i].url);
		if (strcmp(got, t[i].out) != 0)
			fail_msg("tmpl_href(\"%s\"): got '%s', want '%s'", t[i].url,
			    got, t[i].out);
	}
	assert_string_equal(href_of(&fx->rq, NULL), " href=\"#\"");
}

/*
 * Browsers drop ASCII tab, CR and LF anywhere in a URL before parsing it
 * (WHATWG URL), so "/\t/evil.example" is followed as "//evil.example", a
 * link to another site.  Whatever tmpl_href emits, once a browser has
 * removed those bytes it must not be scheme-relative.
 */
static void
test_escape__href_whitespace_cannot_make_scheme_relative(void **state)
{
	static const char *const t[] = {
		"/\t/evil.example",
		"/\n/evil.example",
		"/\r/evil.example",
		"/\r\n/evil.example/x",
		"/\t\\evil.example",
		"/\n\\evil.example",
	};
	struct fixture	*fx = *state;
	char		 seen[256];
	const char	*got, *v;
	size_t		 i, o;

	for (i = 0; i < NELEM(t); i++) {
		got = href_of(&fx->rq, t[i]);
		assert_true(strncmp(got, " href=\"", 7) == 0);
		/* The attribute value as the URL parser sees it. */
		for (v = got + 7, o = 0; *v != '\0' && *v != '"' && o + 1 < sizeof(seen); v++)
			if (*v != '\t' && *v != '\n' && *v != '\r')
				seen[o++] = *v;
		seen[o] = '\0';
		if (strncmp(seen, "//", 2) == 0 || strncmp(seen, "/\\", 2) == 0)
			fail_msg("tmpl_href case %zu emitted '%s', which a browser "
			    "follows as '%s' (another host)", i, got, seen);
	}
}

static void
test_escape__tmpl_text_escapes(void **state)
{
	struct fixture	*fx = *state;

	tmpl_raw(&fx->rq, "<p>");	/* literal */
	tmpl_text(&fx->rq, "<img src=x onerror='alert(1)'>");
	tmpl_textn(&fx->rq, "&&&", 2);
	tmpl_text(&fx->rq, NULL);
	tmpl_raw(&fx->rq, "</p>");	/* literal */
	assert_string_equal(fx->rq.out.buf,
	    "<p>&lt;img src=x onerror=&#39;alert(1)&#39;&gt;&amp;&amp;</p>");
}

static void
test_escape__tmpl_textf_escapes_values(void **state)
{
	struct fixture	*fx = *state;

	tmpl_textf(&fx->rq, "%s scored %d", "<b>eve</b>", 10);
	assert_string_equal(fx->rq.out.buf, "&lt;b&gt;eve&lt;/b&gt; scored 10");
}

static void
test_escape__tmpl_attr_escapes(void **state)
{
	struct fixture	*fx = *state;

	tmpl_attr(&fx->rq, "title", "\"><script>x</script>");
	assert_string_equal(fx->rq.out.buf,
	    " title=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\"");
	sbuf_reset(&fx->rq.out);
	tmpl_attr(&fx->rq, "value", NULL);
	assert_string_equal(fx->rq.out.buf, " value=\"\"");
	sbuf_reset(&fx->rq.out);
	tmpl_attr(&fx->rq, "alt", "它's");
	assert_string_equal(fx->rq.out.buf, " alt=\"它&#39;s\"");
}

static void
test_escape__tmpl_msg_uses_request_language(void **state)
{
	struct fixture	*fx = *state;

	fx->rq.lang = LANG_EN;
	tmpl_msg(&fx->rq, MSG_PROBLEM_NOTFOUND);
	assert_string_equal(fx->rq.out.buf, msg(LANG_EN, MSG_PROBLEM_NOTFOUND));
	sbuf_reset(&fx->rq.out);
	fx->rq.lang = LANG_ZH;
	tmpl_msg(&fx->rq, MSG_PROBLEM_NOTFOUND);
	assert_string_equal(fx->rq.out.buf, msg(LANG_ZH, MSG_PROBLEM_NOTFOUND));
	assert_string_not_equal(msg(LANG_ZH, MSG_PROBLEM_NOTFOUND),
	    msg(LANG_EN, MSG_PROBLEM_NOTFOUND));
}

static void
test_escape__tmpl_i64_and_time(void **state)
{
	struct fixture	*fx = *state;

	tmpl_i64(&fx->rq, INT64_MIN);
	assert_string_equal(fx->rq.out.buf, "-9223372036854775808");
	sbuf_reset(&fx->rq.out);
	tmpl_time(&fx->rq, 0);		/* the epoch, in UTC+8 */
	assert_string_equal(fx->rq.out.buf, "1970-01-01 08:00");
	sbuf_reset(&fx->rq.out);
	tmpl_time(&fx->rq, 1700000000);	/* 2023-11-14 22:13:20 UTC */
	assert_string_equal(fx->rq.out.buf, "2023-11-15 06:13");
}

static void
test_escape__tmpl_csrf_field(void **state)
{
	struct fixture	*fx = *state;

	fx->rq.csrf = "abc\"def";
	tmpl_csrf(&fx->rq);
	assert_string_equal(fx->rq.out.buf,
	    "<input type=\"hidden\" name=\"csrf\" value=\"abc&quot;def\">");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape__html_table),
		cmocka_unit_test(test_escape__html_no_special_bytes_survive),
		cmocka_unit_test(test_escape__html_appends_and_respects_cap),
		cmocka_unit_test(test_escape__urlenc_table),
		cmocka_unit_test_setup_teardown(test_escape__href_allowlist,
		    setup_req, teardown_req),
		cmocka_unit_test_setup_teardown(test_escape__href_whitespace_cannot_make_scheme_relative,
		    setup_req, teardown_req),
		cmocka_unit_test_setup_teardown(test_escape__tmpl_text_escapes,
		    setup_req, teardown_req),
		cmocka_unit_test_setup_teardown(test_escape__tmpl_textf_escapes_values,
		    setup_req, teardown_req),
		cmocka_unit_test_setup_teardown(test_escape__tmpl_attr_escapes,
		    setup_req, teardown_req),
		cmocka_unit_test_setup_teardown(test_escape__tmpl_msg_uses_request_language,
		    setup_req, teardown_req),
		cmocka_unit_test_setup_teardown(test_escape__tmpl_i64_and_time,
		    setup_req, teardown_req),
		cmocka_unit_test_setup_teardown(test_escape__tmpl_csrf_field,
		    setup_req, teardown_req),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
