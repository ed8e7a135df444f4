/*
 * core/: the arena, sbuf (growth, the sticky cap), str, utf8 and the
 * number/boolean/host:port parsers.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/parse.h"
#include "core/sbuf.h"
#include "core/str.h"
#include "core/utf8.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* Arena */

static void
test_arena__alignment(void **state)
{
	static const size_t	 sizes[] = { 1, 3, 7, 8, 9, 15, 16, 17, 31, 33,
				    100, 255, 1000, 4095, 5000 };
	struct arena		*a = arena_new();
	size_t			 i, j;

	(void)state;
	for (j = 0; j < 4; j++) {
		for (i = 0; i < NELEM(sizes); i++) {
			unsigned char *p = arena_alloc(a, sizes[i]);

			assert_non_null(p);
			assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
			/* The whole block is writable (ASan checks this). */
			memset(p, 0xA5, sizes[i]);
		}
	}
	/* Zero bytes still give a distinct, aligned pointer. */
	{
		void *p = arena_alloc(a, 0), *q = arena_alloc(a, 0);

		assert_non_null(p);
		assert_non_null(q);
		assert_ptr_not_equal(p, q);
		assert_int_equal((uintptr_t)q % _Alignof(max_align_t), 0);
	}
	arena_free(a);
}

static void
test_arena__allocations_do_not_overlap(void **state)
{
	struct arena	*a = arena_new();
	unsigned char	*p[200];
	size_t		 i, j;

	(void)state;
	for (i = 0; i < NELEM(p); i++) {
		p[i] = arena_alloc(a, 50 + i);
		memset(p[i], (int)i, 50 + i);
	}
	for (i = 0; i < NELEM(p); i++)
		for (j = 0; j < 50 + i; j++)
			assert_int_equal(p[i][j], (unsigned char)i);
	arena_free(a);
}

static void
test_arena__big_allocations(void **state)
{
	struct arena	*a = arena_new();
	unsigned char	*small1, *big, *small2, *huge;
	size_t		 i;

	(void)state;
	small1 = arena_alloc(a, 10);
	memset(small1, 'a', 10);
	big = arena_alloc(a, 1024 * 1024);
	memset(big, 'b', 1024 * 1024);
	small2 = arena_alloc(a, 10);
	memset(small2, 'c', 10);
	huge = arena_alloc(a, 8 * 1024 * 1024 + 3);
	memset(huge, 'd', 8 * 1024 * 1024 + 3);
	assert_int_equal((uintptr_t)big % _Alignof(max_align_t), 0);
	assert_int_equal((uintptr_t)huge % _Alignof(max_align_t), 0);
	for (i = 0; i < 10; i++) {
		assert_int_equal(small1[i], 'a');
		assert_int_equal(small2[i], 'c');
	}
	assert_int_equal(big[0], 'b');
	assert_int_equal(big[1024 * 1024 - 1], 'b');
	assert_int_equal(huge[8 * 1024 * 1024 + 2], 'd');
	assert_true(arena_used(a) >= 10 + 1024 * 1024 + 10 + 8 * 1024 * 1024 + 3);
	arena_free(a);
}

static void
test_arena__used_counts_bytes(void **state)
{
	struct arena	*a = arena_new();
	size_t		 before;

	(void)state;
	assert_int_equal(arena_used(a), 0);
	(void)arena_alloc(a, 100);
	assert_int_equal(arena_used(a), 100);
	before = arena_used(a);
	(void)arena_alloc(a, 1);
	assert_int_equal(arena_used(a), before + 1);
	arena_free(a);
}

static void
test_arena__zalloc_and_calloc_zero(void **state)
{
	struct arena	*a = arena_new();
	unsigned char	*p;
	int		*v;
	size_t		 i;

	(void)state;
	/* Dirty some memory first so zeroing is not an accident. */
	memset(arena_alloc(a, 3000), 0xFF, 3000);
	p = arena_zalloc(a, 777);
	for (i = 0; i < 777; i++)
		assert_int_equal(p[i], 0);
	v = arena_calloc(a, 300, sizeof(*v));
	for (i = 0; i < 300; i++)
		assert_int_equal(v[i], 0);
	{
		struct pt { int x, y; } *pt = ARENA_NEW(a, struct pt);

		assert_int_equal(pt->x, 0);
		assert_int_equal(pt->y, 0);
	}
	arena_free(a);
}

static void
test_arena__strdup_strndup_printf(void **state)
{
	struct arena	*a = arena_new();
	const char	 bytes[] = { 'a', 'b', 'c', 'd' };	/* no NUL */
	char		*s;

	(void)state;
	s = arena_strdup(a, "hello 世界");
	assert_string_equal(s, "hello 世界");
	s = arena_strndup(a, bytes, 3);
	assert_string_equal(s, "abc");
	s = arena_strndup(a, bytes, 0);
	assert_string_equal(s, "");
	s = arena_strndup(a, "a\0b", 3);
	assert_int_equal(s[0], 'a');
	assert_int_equal(s[1], '\0');
	assert_int_equal(s[2], 'b');
	assert_int_equal(s[3], '\0');
	s = arena_printf(a, "%s=%d;%05.1f", "x", -42, 3.14159);
	assert_string_equal(s, "x=-42;003.1");
	s = arena_printf(a, "%s", "");
	assert_string_equal(s, "");
	arena_free(a);
}

static void
test_arena__printf_large(void **state)
{
	struct arena	*a = arena_new();
	char		*big, *s;
	size_t		 n = 100000;

	(void)state;
	big = arena_alloc(a, n + 1);
	memset(big, 'z', n);
	big[n] = '\0';
	s = arena_printf(a, "<%s>", big);
	assert_int_equal(strlen(s), n + 2);
	assert_int_equal(s[0], '<');
	assert_int_equal(s[n + 1], '>');
	arena_free(a);
}

static void
test_arena__free_null(void **state)
{
	struct arena	*a = arena_new();

	(void)state;
	arena_free(NULL);	/* accepted, no crash */
	assert_non_null(a);
	assert_int_equal(arena_used(a), 0);
	arena_free(a);
}

/* sbuf */

static void
test_arena__sbuf_init_empty(void **state)
{
	struct arena	*a = arena_new();
	struct sbuf	 sb;

	(void)state;
	sbuf_init(&sb, a, 0);
	assert_non_null(sb.buf);
	assert_string_equal(sb.buf, "");
	assert_int_equal(sb.len, 0);
	assert_int_equal(sb.max, SBUF_DEFAULT_MAX);
	assert_int_equal(sbuf_err(&sb), APP_OK);
	sbuf_init(&sb, a, 10);
	assert_int_equal(sb.max, 10);
	arena_free(a);
}

static void
test_arena__sbuf_growth(void **state)
{
	struct arena	*a = arena_new();
	struct sbuf	 sb;
	size_t		 i;

	(void)state;
	sbuf_init(&sb, a, 0);
	for (i = 0; i < 10000; i++)
		sbuf_addch(&sb, (char)('a' + i % 26));
	assert_int_equal(sb.len, 10000);
	assert_int_equal(strlen(sb.buf), 10000);
	assert_true(sb.cap > sb.len);
	for (i = 0; i < 10000; i++)
		assert_int_equal(sb.buf[i], 'a' + i % 26);
	assert_int_equal(sbuf_err(&sb), APP_OK);

	/* One big append, several times the current capacity. */
	{
		char *chunk = arena_alloc(a, 300000);

		memset(chunk, 'Q', 300000);
		sbuf_add(&sb, chunk, 300000);
	}
	assert_int_equal(sb.len, 310000);
	assert_int_equal(sb.buf[309999], 'Q');
	assert_int_equal(sb.buf[310000], '\0');
	assert_int_equal(sb.buf[9999], 'a' + 9999 % 26);
	arena_free(a);
}

static void
test_arena__sbuf_add_variants(void **state)
{
	struct arena	*a = arena_new();
	struct sbuf	 sb;

	(void)state;
	sbuf_init(&sb, a, 0);
	sbuf_addstr(&sb, "abc");
	sbuf_add(&sb, "defXYZ", 3);
	sbuf_addch(&sb, '-');
	sbuf_add(&sb, "ignored", 0);
	sbuf_addstr(&sb, "");
	sbuf_add(&sb, "x\0y", 3);	/* embedded NUL kept, counted in len */
	assert_int_equal(sb.len, 10);
	assert_memory_equal(sb.buf, "abcdef-x\0y", 11);
	sbuf_reset(&sb);
	assert_int_equal(sb.len, 0);
	assert_string_equal(sb.buf, "");
	sbuf_addstr(&sb, "again");
	assert_string_equal(sb.buf, "again");
	arena_free(a);
}

static void
test_arena__sbuf_cap_sticky(void **state)
{
	struct arena	*a = arena_new();
	struct sbuf	 sb;

	(void)state;
	sbuf_init(&sb, a, 10);
	sbuf_addstr(&sb, "12345678");
	assert_int_equal(sbuf_err(&sb), APP_OK);
	sbuf_addstr(&sb, "abc");	/* 11 > 10: dropped whole */
	assert_int_equal(sbuf_err(&sb), APP_TOOBIG);
	assert_string_equal(sb.buf, "12345678");
	assert_int_equal(sb.len, 8);
	/* Sticky: appends that would fit are ignored too. */
	sbuf_addch(&sb, 'x');
	sbuf_addstr(&sb, "y");
	sbuf_addf(&sb, "%d", 1);
	sbuf_add_html(&sb, "z", 1);
	sbuf_add_urlenc(&sb, "w", 1);
	assert_string_equal(sb.buf, "12345678");
	assert_int_equal(sb.len, 8);
	assert_int_equal(sbuf_err(&sb), APP_TOOBIG);
	/* reset empties but clears no error */
	sbuf_reset(&sb);
	assert_int_equal(sb.len, 0);
	assert_int_equal(sbuf_err(&sb), APP_TOOBIG);
	sbuf_addstr(&sb, "q");
	assert_string_equal(sb.buf, "");
	arena_free(a);
}

static void
test_arena__sbuf_cap_exact(void **state)
{
	struct arena	*a = arena_new();
	struct sbuf	 sb;

	(void)state;
	sbuf_init(&sb, a, 5);
	sbuf_addstr(&sb, "12345");	/* exactly max: fine */
	assert_int_equal(sbuf_err(&sb), APP_OK);
	assert_string_equal(sb.buf, "12345");
	sbuf_add(&sb, "", 0);		/* nothing to add: still fine */
	assert_int_equal(sbuf_err(&sb), APP_OK);
	sbuf_addch(&sb, '6');
	assert_int_equal(sbuf_err(&sb), APP_TOOBIG);
	assert_string_equal(sb.buf, "12345");
	arena_free(a);
}

static void
test_arena__sbuf_cap_large(void **state)
{
	struct arena	*a = arena_new();
	struct sbuf	 sb;
	char		*chunk;
	size_t		 i;

	(void)state;
	chunk = arena_alloc(a, 1000);
	memset(chunk, 'k', 1000);
	sbuf_init(&sb, a, 5000);
	for (i = 0; i < 5; i++)
		sbuf_add(&sb, chunk, 1000);
	assert_int_equal(sb.len, 5000);
	assert_int_equal(sbuf_err(&sb), APP_OK);
	sbuf_add(&sb, chunk, 1);
	assert_int_equal(sbuf_err(&sb), APP_TOOBIG);
	assert_int_equal(sb.len, 5000);
	assert_int_equal(strlen(sb.buf), 5000);
	arena_free(a);
}

static void
test_arena__sbuf_addf(void **state)
{
	struct arena	*a = arena_new();
	struct sbuf	 sb;
	char		*big;

	(void)state;
	sbuf_init(&sb, a, 0);
	sbuf_addf(&sb, "%s-%d-%lld", "a", 7, (long long)INT64_MIN);
	assert_string_equal(sb.buf, "a-7--9223372036854775808");
	sbuf_addf(&sb, "%s", "");
	assert_string_equal(sb.buf, "a-7--9223372036854775808");
	/* Longer than the initial capacity: must grow and keep the prefix. */
	big = arena_alloc(a, 5001);
	memset(big, 'B', 5000);
	big[5000] = '\0';
	sbuf_addf(&sb, "[%s]", big);
	assert_int_equal(sb.len, 24 + 5002);
	assert_int_equal(strlen(sb.buf), sb.len);
	assert_memory_equal(sb.buf, "a-7--9223372036854775808[", 25);
	assert_int_equal(sb.buf[sb.len - 1], ']');
	assert_int_equal(sbuf_err(&sb), APP_OK);
	arena_free(a);
}

static void
test_arena__sbuf_addf_cap(void **state)
{
	struct arena	*a = arena_new();
	struct sbuf	 sb;

	(void)state;
	/* Fits in the allocation (64 bytes) but not under the cap. */
	sbuf_init(&sb, a, 10);
	sbuf_addf(&sb, "%s", "abc");
	sbuf_addf(&sb, "%s", "hello world");
	assert_int_equal(sbuf_err(&sb), APP_TOOBIG);
	assert_string_equal(sb.buf, "abc");
	assert_int_equal(sb.len, 3);
	sbuf_addf(&sb, "%d", 1);
	assert_string_equal(sb.buf, "abc");

	/* Past both the allocation and the cap. */
	sbuf_init(&sb, a, 100);
	sbuf_addf(&sb, "%s", "head");
	sbuf_addf(&sb, "%0200d", 5);
	assert_int_equal(sbuf_err(&sb), APP_TOOBIG);
	assert_string_equal(sb.buf, "head");
	assert_int_equal(sb.len, 4);

	/* Exactly the cap. */
	sbuf_init(&sb, a, 10);
	sbuf_addf(&sb, "%010d", 42);
	assert_int_equal(sbuf_err(&sb), APP_OK);
	assert_string_equal(sb.buf, "0000000042");
	arena_free(a);
}

/* str */

static void
test_arena__str_basics(void **state)
{
	struct str	s;

	(void)state;
	s = str_from(NULL);
	assert_int_equal(s.n, 0);
	s = str_from("abc");
	assert_int_equal(s.n, 3);
	assert_true(str_eq(s, "abc"));
	assert_false(str_eq(s, "ab"));
	assert_false(str_eq(s, "abcd"));
	assert_false(str_eq(s, "ABC"));
	assert_true(str_eq(STR_NULL, ""));
	assert_true(str_eq(STR_LIT("x\0y"), "x") == false);
	assert_int_equal(STR_LIT("x\0y").n, 3);

	assert_true(str_caseeq(str_from("Content-Type"), "content-type"));
	assert_true(str_caseeq(str_from("ABC"), "abc"));
	assert_false(str_caseeq(str_from("ABC"), "abd"));
	assert_false(str_caseeq(str_from("ABC"), "ab"));
	assert_true(str_caseeq(STR_NULL, ""));
	/* Only ASCII folds. */
	assert_false(str_caseeq(str_from("\xC3\x89"), "\xC3\xA9"));

	assert_true(str_has_prefix(str_from("Bearer xyz"), "Bearer "));
	assert_true(str_has_prefix(str_from("abc"), ""));
	assert_true(str_has_prefix(str_from("abc"), "abc"));
	assert_false(str_has_prefix(str_from("ab"), "abc"));
	assert_false(str_has_prefix(str_from("bearer x"), "Bearer "));
}

static void
test_arena__str_trim(void **state)
{
	static const struct {
		const char	*in;
		const char	*out;
	} t[] = {
		{ "", "" },
		{ "a", "a" },
		{ "  a", "a" },
		{ "a  ", "a" },
		{ "\t a b \t", "a b" },
		{ "   ", "" },
		{ "\n a \n", "\n a \n" },	/* only spaces and tabs */
	};
	size_t	i;

	(void)state;
	for (i = 0; i < NELEM(t); i++) {
		struct str r = str_trim(str_from(t[i].in));

		assert_int_equal(r.n, strlen(t[i].out));
		if (r.n > 0)
			assert_memory_equal(r.p, t[i].out, r.n);
	}
}

static void
test_arena__str_split(void **state)
{
	/* A buffer that is not NUL-terminated after the part we pass. */
	const char	 buf[] = "a; b;;c;XXXX";
	struct str	 rest = { buf, 8 }, part;
	static const char *const want[] = { "a", " b", "", "c" };
	size_t		 i;

	(void)state;
	for (i = 0; i < NELEM(want); i++) {
		part = str_split(&rest, ';');
		assert_true(str_eq(part, want[i]));
	}
	assert_int_equal(rest.n, 0);
	part = str_split(&rest, ';');
	assert_int_equal(part.n, 0);

	rest = str_from("nosep");
	part = str_split(&rest, ',');
	assert_true(str_eq(part, "nosep"));
	assert_int_equal(rest.n, 0);

	rest = str_from("x,");
	part = str_split(&rest, ',');
	assert_true(str_eq(part, "x"));
	assert_int_equal(rest.n, 0);

	rest = STR_NULL;
	part = str_split(&rest, ',');
	assert_int_equal(part.n, 0);
	assert_int_equal(rest.n, 0);
}

/* Links a page may carry: http(s), a host, nothing that ends or bends it. */
static void
test_arena__str_http_url(void **state)
{
	static const struct {
		const char	*in;
		bool		 ok;
	} t[] = {
		{ "https://vuln.example.cn/", true },
		{ "http://a.example", true },
		{ "HTTPS://A.EXAMPLE/x?y=1#z", true },
		{ "https://漏洞.example/路径", true },
		{ "https://", false },
		{ "http:///path", false },
		{ "https://.example", false },
		{ "ftp://a.example", false },
		{ "javascript:alert(1)", false },
		{ "https://a.example/with space", false },
		{ "https://a.example/\ttab", false },
		{ "https://a.example/\x7f", false },
		{ " https://a.example", false },
		{ "", false },
	};
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (str_http_url(str_from(t[i].in)) != t[i].ok)
			fail_msg("'%s': want %d", t[i].in, t[i].ok);
}

/* Typed text: UTF-8, no controls; lines allow newline, return and tab. */
static void
test_arena__utf8_text(void **state)
{
	(void)state;
	assert_true(utf8_text("平台名称 ok", strlen("平台名称 ok"), false));
	assert_true(utf8_text("", 0, false));
	assert_false(utf8_text("a\nb", 3, false));
	assert_true(utf8_text("a\r\nb\tc", 6, true));
	assert_false(utf8_text("a\x01b", 3, true));
	assert_false(utf8_text("a\x7f", 2, true));
	assert_false(utf8_text("\xff\xfe", 2, true));
	assert_false(utf8_text("a\0b", 3, true));
}

/* utf8 */

struct utf8_case {
	const char	*s;	/* bytes */
	size_t		 n;	/* how many */
	size_t		 want;	/* utf8_valid_prefix */
	const char	*what;	/* for failure messages */
};

#define U(lit, want, what)	{ lit, sizeof(lit) - 1, want, what }

static const struct utf8_case utf8_cases[] = {
	U("A", 1, "ASCII"),
	U("\x7f", 1, "DEL is ASCII"),
	U("\xC2\x80", 2, "U+0080, smallest 2-byte"),
	U("\xC2\xA9", 2, "copyright sign"),
	U("\xDF\xBF", 2, "U+07FF, largest 2-byte"),
	U("\xE0\xA0\x80", 3, "U+0800, smallest 3-byte"),
	U("\xE4\xB8\xAD", 3, "中"),
	U("\xED\x9F\xBF", 3, "U+D7FF, below the surrogates"),
	U("\xEE\x80\x80", 3, "U+E000, above the surrogates"),
	U("\xEF\xBF\xBD", 3, "U+FFFD"),
	U("\xEF\xBF\xBF", 3, "U+FFFF"),
	U("\xF0\x90\x80\x80", 4, "U+10000, smallest 4-byte"),
	U("\xF0\x9F\x98\x80", 4, "emoji"),
	U("\xF4\x8F\xBF\xBF", 4, "U+10FFFF, the last code point"),
	U("\xE4\xB8\xAD" "abc", 3, "only the first sequence"),

	U("\x80", 0, "lone continuation byte"),
	U("\xBF", 0, "lone continuation byte"),
	U("\xC0\x80", 0, "overlong NUL"),
	U("\xC0\xAF", 0, "overlong '/'"),
	U("\xC1\xBF", 0, "overlong U+007F"),
	U("\xE0\x80\x80", 0, "overlong 3-byte NUL"),
	U("\xE0\x80\xAF", 0, "overlong 3-byte '/'"),
	U("\xE0\x9F\xBF", 0, "overlong U+07FF"),
	U("\xF0\x80\x80\x80", 0, "overlong 4-byte NUL"),
	U("\xF0\x8F\xBF\xBF", 0, "overlong U+FFFF"),
	U("\xED\xA0\x80", 0, "surrogate U+D800"),
	U("\xED\xAD\xBF", 0, "surrogate U+DB7F"),
	U("\xED\xB0\x80", 0, "surrogate U+DC00"),
	U("\xED\xBF\xBF", 0, "surrogate U+DFFF"),
	U("\xF4\x90\x80\x80", 0, "U+110000"),
	U("\xF5\x80\x80\x80", 0, "lead byte F5"),
	U("\xF7\xBF\xBF\xBF", 0, "lead byte F7"),
	U("\xF8\x88\x80\x80\x80", 0, "5-byte form"),
	U("\xFC\x84\x80\x80\x80\x80", 0, "6-byte form"),
	U("\xFE", 0, "FE"),
	U("\xFF", 0, "FF"),
	U("\xC2", 0, "truncated 2-byte"),
	U("\xE4\xB8", 0, "truncated 3-byte"),
	U("\xE4", 0, "truncated 3-byte, lead only"),
	U("\xF0\x9F\x98", 0, "truncated 4-byte"),
	U("\xF0\x9F", 0, "truncated 4-byte"),
	U("\xC2\x41", 0, "bad continuation"),
	U("\xE4\x41\xAD", 0, "bad second byte"),
	U("\xE4\xB8\x41", 0, "bad third byte"),
	U("\xF0\x9F\x98\x41", 0, "bad fourth byte"),
	U("\xC2\xC2", 0, "lead where continuation expected"),
};

static void
test_arena__utf8_valid_prefix_table(void **state)
{
	size_t	i, got;

	(void)state;
	for (i = 0; i < NELEM(utf8_cases); i++) {
		got = utf8_valid_prefix(utf8_cases[i].s, utf8_cases[i].n);
		if (got != utf8_cases[i].want)
			fail_msg("utf8_valid_prefix(%s): got %zu, want %zu",
			    utf8_cases[i].what, got, utf8_cases[i].want);
		/* utf8_valid agrees on single sequences. */
		if (utf8_cases[i].want == utf8_cases[i].n &&
		    !utf8_valid(utf8_cases[i].s, utf8_cases[i].n))
			fail_msg("utf8_valid(%s) false", utf8_cases[i].what);
		if (utf8_cases[i].want == 0 &&
		    utf8_valid(utf8_cases[i].s, utf8_cases[i].n))
			fail_msg("utf8_valid(%s) true", utf8_cases[i].what);
	}
}

static void
test_arena__utf8_length_limits(void **state)
{
	(void)state;
	/* n, not the NUL, bounds the sequence. */
	assert_int_equal(utf8_valid_prefix("\xE4\xB8\xAD", 0), 0);
	assert_int_equal(utf8_valid_prefix("\xE4\xB8\xAD", 2), 0);
	assert_int_equal(utf8_valid_prefix("\xE4\xB8\xAD", 3), 3);
	assert_int_equal(utf8_valid_prefix("\xF0\x9F\x98\x80", 3), 0);
	assert_int_equal(utf8_valid_prefix("\xC2\xA9", 1), 0);
}

static void
test_arena__utf8_valid_strings(void **state)
{
	static const struct {
		const char	*s;
		size_t		 n;
		bool		 ok;
	} t[] = {
		{ "", 0, true },
		{ "hello", 5, true },
		{ "漏洞披露平台", 18, true },
		{ "mixed 中文 and 😀", 21, true },
		{ "a\0b", 3, false },		/* NUL refused */
		{ "\0", 1, false },
		{ "abc\xC0\x80", 5, false },	/* overlong at the end */
		{ "abc\xE4\xB8", 5, false },	/* truncated at the end */
		{ "\xE4\xB8\xAD\xED\xA0\x80", 6, false },
		{ "\xE4\xB8\xAD\xE4\xB8\xAD", 5, false },	/* n cuts the second */
	};
	size_t	i;

	(void)state;
	for (i = 0; i < NELEM(t); i++)
		if (utf8_valid(t[i].s, t[i].n) != t[i].ok)
			fail_msg("utf8_valid case %zu: want %d", i, t[i].ok);
}

static void
test_arena__utf8_count(void **state)
{
	(void)state;
	assert_int_equal(utf8_count("", 0), 0);
	assert_int_equal(utf8_count("abc", 3), 3);
	assert_int_equal(utf8_count("中文abc", 9), 5);
	assert_int_equal(utf8_count("\xF0\x9F\x98\x80", 4), 1);
	assert_int_equal(utf8_count("\xC2\xA9\xC2\xA9", 4), 2);
	assert_int_equal(utf8_count("密码密码", 12), 4);
}

/* parse_i64 */

struct i64_case {
	const char	*s;
	size_t		 n;	/* (size_t)-1: strlen(s) */
	int64_t		 min, max;
	int		 rc;
	int64_t		 want;
};

#define ALL	INT64_MIN, INT64_MAX
#define LEN	((size_t)-1)

static const struct i64_case i64_cases[] = {
	{ "0", LEN, ALL, 0, 0 },
	{ "1", LEN, ALL, 0, 1 },
	{ "123", LEN, ALL, 0, 123 },
	{ "-1", LEN, ALL, 0, -1 },
	{ "-123", LEN, ALL, 0, -123 },
	{ "10", LEN, ALL, 0, 10 },
	{ "9223372036854775807", LEN, ALL, 0, INT64_MAX },
	{ "9223372036854775806", LEN, ALL, 0, INT64_MAX - 1 },
	{ "-9223372036854775808", LEN, ALL, 0, INT64_MIN },
	{ "-9223372036854775807", LEN, ALL, 0, INT64_MIN + 1 },
	{ "123", 2, ALL, 0, 12 },		/* n bounds the text */
	{ "5", LEN, 5, 5, 0, 5 },
	{ "0", LEN, 0, 65535, 0, 0 },
	{ "65535", LEN, 0, 65535, 0, 65535 },

	{ "-0", LEN, ALL, -1, 0 },
	{ "00", LEN, ALL, -1, 0 },
	{ "01", LEN, ALL, -1, 0 },
	{ "007", LEN, ALL, -1, 0 },
	{ "-01", LEN, ALL, -1, 0 },
	{ "-00", LEN, ALL, -1, 0 },
	{ "", LEN, ALL, -1, 0 },
	{ "-", LEN, ALL, -1, 0 },
	{ "--1", LEN, ALL, -1, 0 },
	{ "+1", LEN, ALL, -1, 0 },
	{ "+0", LEN, ALL, -1, 0 },
	{ " 1", LEN, ALL, -1, 0 },
	{ "1 ", LEN, ALL, -1, 0 },
	{ "\t1", LEN, ALL, -1, 0 },
	{ "1\n", LEN, ALL, -1, 0 },
	{ "1a", LEN, ALL, -1, 0 },
	{ "a1", LEN, ALL, -1, 0 },
	{ "0x10", LEN, ALL, -1, 0 },
	{ "1.0", LEN, ALL, -1, 0 },
	{ "1e3", LEN, ALL, -1, 0 },
	{ "1,000", LEN, ALL, -1, 0 },
	{ "1-", LEN, ALL, -1, 0 },
	{ "\xEF\xBC\x91", LEN, ALL, -1, 0 },	/* fullwidth digit one */
	{ "1\0" "2", 3, ALL, -1, 0 },		/* embedded NUL */
	{ "9223372036854775808", LEN, ALL, -1, 0 },
	{ "9223372036854775810", LEN, ALL, -1, 0 },
	{ "18446744073709551615", LEN, ALL, -1, 0 },
	{ "18446744073709551616", LEN, ALL, -1, 0 },
	{ "99999999999999999999999", LEN, ALL, -1, 0 },
	{ "-9223372036854775809", LEN, ALL, -1, 0 },
	{ "-18446744073709551616", LEN, ALL, -1, 0 },
	{ "5", LEN, 0, 4, -1, 0 },		/* above max */
	{ "-1", LEN, 0, 10, -1, 0 },		/* below min */
	{ "65536", LEN, 0, 65535, -1, 0 },
	{ "-9223372036854775808", LEN, -1, 0, -1, 0 },	/* INT64_MIN < min */
	{ "9223372036854775807", LEN, 0, INT64_MAX - 1, -1, 0 },
};

static void
test_arena__parse_i64_table(void **state)
{
	size_t	i, n;
	int64_t	out;
	int	rc;

	(void)state;
	for (i = 0; i < NELEM(i64_cases); i++) {
		const struct i64_case *c = &i64_cases[i];

		n = c->n == LEN ? strlen(c->s) : c->n;
		out = 777;
		rc = parse_i64(c->s, n, c->min, c->max, &out);
		if (rc != c->rc)
			fail_msg("parse_i64(\"%s\", %zu): rc %d, want %d", c->s, n,
			    rc, c->rc);
		if (rc == 0 && out != c->want)
			fail_msg("parse_i64(\"%s\"): %lld, want %lld", c->s,
			    (long long)out, (long long)c->want);
		if (rc != 0 && out != 777)
			fail_msg("parse_i64(\"%s\") failed but changed *out", c->s);
	}
}

static void
test_arena__parse_i64_null(void **state)
{
	int64_t	out = 5;

	(void)state;
	assert_int_equal(parse_i64(NULL, 0, ALL, &out), -1);
	assert_int_equal(out, 5);
}

/* parse_bool */

static void
test_arena__parse_bool_table(void **state)
{
	static const struct {
		const char	*s;
		int		 rc;
		bool		 v;
	} t[] = {
		{ "true", 0, true }, { "TRUE", 0, true }, { "True", 0, true },
		{ "yes", 0, true }, { "YES", 0, true }, { "on", 0, true },
		{ "On", 0, true }, { "1", 0, true },
		{ "false", 0, false }, { "FALSE", 0, false }, { "no", 0, false },
		{ "No", 0, false }, { "off", 0, false }, { "OFF", 0, false },
		{ "0", 0, false },
		{ "", -1, false }, { "2", -1, false }, { "-1", -1, false },
		{ "tru", -1, false }, { "truee", -1, false }, { " true", -1, false },
		{ "true ", -1, false }, { "y", -1, false }, { "n", -1, false },
		{ "01", -1, false }, { "enabled", -1, false }, { "是", -1, false },
	};
	size_t	i;
	bool	b;
	int	rc;

	(void)state;
	for (i = 0; i < NELEM(t); i++) {
		b = !t[i].v;
		rc = parse_bool(t[i].s, strlen(t[i].s), &b);
		if (rc != t[i].rc)
			fail_msg("parse_bool(\"%s\"): rc %d, want %d", t[i].s, rc,
			    t[i].rc);
		if (rc == 0 && b != t[i].v)
			fail_msg("parse_bool(\"%s\"): wrong value", t[i].s);
	}
	/* n, not the NUL, decides. */
	assert_int_equal(parse_bool("true", 3, &b), -1);
	assert_int_equal(parse_bool("onward", 2, &b), 0);
	assert_true(b);
}

/* parse_hostport */

static void
test_arena__parse_hostport_table(void **state)
{
	static const struct {
		const char	*s;
		int		 rc;
		const char	*host;
		uint16_t	 port;
	} t[] = {
		{ "127.0.0.1:8080", 0, "127.0.0.1", 8080 },
		{ "localhost:8080", 0, "localhost", 8080 },
		{ "0.0.0.0:0", 0, "0.0.0.0", 0 },
		{ "255.255.255.255:65535", 0, "255.255.255.255", 65535 },
		{ "[::1]:0", 0, "::1", 0 },
		{ "[::1]:443", 0, "::1", 443 },
		{ "[::]:80", 0, "::", 80 },
		{ "[2001:db8::1]:8443", 0, "2001:db8::1", 8443 },
		{ "[::ffff:192.0.2.1]:80", 0, "::ffff:192.0.2.1", 80 },

		{ "256.1.1.1:80", -1, NULL, 0 },
		{ "1.256.1.1:80", -1, NULL, 0 },
		{ "1.2.3:80", -1, NULL, 0 },
		{ "1.2.3.4.5:80", -1, NULL, 0 },
		{ "1..2.3:80", -1, NULL, 0 },
		{ ".1.2.3:80", -1, NULL, 0 },
		{ "1.2.3.:80", -1, NULL, 0 },
		{ "01.2.3.4:80", -1, NULL, 0 },
		{ "-1.2.3.4:80", -1, NULL, 0 },
		{ "a.b.c.d:80", -1, NULL, 0 },
		{ "example.com:80", -1, NULL, 0 },
		{ "localhost", -1, NULL, 0 },
		{ "localhost:", -1, NULL, 0 },
		{ "localhost:65536", -1, NULL, 0 },
		{ "localhost:99999", -1, NULL, 0 },
		{ "localhost:-1", -1, NULL, 0 },
		{ "localhost:+80", -1, NULL, 0 },
		{ "localhost:080", -1, NULL, 0 },
		{ "localhost:80 ", -1, NULL, 0 },
		{ "localhost: 80", -1, NULL, 0 },
		{ "localhost:http", -1, NULL, 0 },
		{ "localhostx:80", -1, NULL, 0 },
		{ ":80", -1, NULL, 0 },
		{ "", -1, NULL, 0 },
		{ "nonsense", -1, NULL, 0 },
		{ "[::1]", -1, NULL, 0 },
		{ "[::1:80", -1, NULL, 0 },
		{ "[]:80", -1, NULL, 0 },
		{ "[zz::1]:80", -1, NULL, 0 },
		{ "[::1]x:80", -1, NULL, 0 },
		{ "::1:80", -1, NULL, 0 },
		{ "[::1]:65536", -1, NULL, 0 },
		{ "1.2.3.4:80:90", -1, NULL, 0 },
		{ "[" "1111:2222:3333:4444:5555:6666:7777:8888:9999:aaaa:bbbb:cccc:dd"
		  "]:80", -1, NULL, 0 },	/* host of 64+ bytes */
	};
	char		host[64];
	uint16_t	port;
	size_t		i;
	int		rc;

	(void)state;
	for (i = 0; i < NELEM(t); i++) {
		memset(host, 'X', sizeof(host));
		port = 4242;
		rc = parse_hostport(t[i].s, host, &port);
		if (rc != t[i].rc)
			fail_msg("parse_hostport(\"%s\"): rc %d, want %d", t[i].s,
			    rc, t[i].rc);
		if (rc != 0)
			continue;
		if (strcmp(host, t[i].host) != 0)
			fail_msg("parse_hostport(\"%s\"): host \"%s\", want \"%s\"",
			    t[i].s, host, t[i].host);
		if (port != t[i].port)
			fail_msg("parse_hostport(\"%s\"): port %u, want %u", t[i].s,
			    port, t[i].port);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arena__alignment),
		cmocka_unit_test(test_arena__allocations_do_not_overlap),
		cmocka_unit_test(test_arena__big_allocations),
		cmocka_unit_test(test_arena__used_counts_bytes),
		cmocka_unit_test(test_arena__zalloc_and_calloc_zero),
		cmocka_unit_test(test_arena__strdup_strndup_printf),
		cmocka_unit_test(test_arena__printf_large),
		cmocka_unit_test(test_arena__free_null),
		cmocka_unit_test(test_arena__sbuf_init_empty),
		cmocka_unit_test(test_arena__sbuf_growth),
		cmocka_unit_test(test_arena__sbuf_add_variants),
		cmocka_unit_test(test_arena__sbuf_cap_sticky),
		cmocka_unit_test(test_arena__sbuf_cap_exact),
		cmocka_unit_test(test_arena__sbuf_cap_large),
		cmocka_unit_test(test_arena__sbuf_addf),
		cmocka_unit_test(test_arena__sbuf_addf_cap),
		cmocka_unit_test(test_arena__str_basics),
		cmocka_unit_test(test_arena__str_trim),
		cmocka_unit_test(test_arena__str_split),
		cmocka_unit_test(test_arena__utf8_valid_prefix_table),
		cmocka_unit_test(test_arena__utf8_length_limits),
		cmocka_unit_test(test_arena__utf8_valid_strings),
		cmocka_unit_test(test_arena__utf8_count),
		cmocka_unit_test(test_arena__parse_i64_table),
		cmocka_unit_test(test_arena__parse_i64_null),
		cmocka_unit_test(test_arena__parse_bool_table),
		cmocka_unit_test(test_arena__parse_hostport_table),
		cmocka_unit_test(test_arena__str_http_url),
		cmocka_unit_test(test_arena__utf8_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
