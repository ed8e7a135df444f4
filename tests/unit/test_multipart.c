/*
 * http/multipart: boundary extraction and the strict multipart/form-data
 * parser, with every body copied to a buffer of exactly its size so that
 * ASan catches any read past the end.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/xalloc.h"
#include "http/multipart.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* Boundary extraction */

static void
test_multipart__boundary_table(void **state)
{
	static const struct {
		const char	*ct;
		const char	*want;	/* NULL: refused */
	} t[] = {
		{ "multipart/form-data; boundary=abc", "abc" },
		{ "multipart/form-data;boundary=abc", "abc" },
		{ "Multipart/Form-Data; BOUNDARY=abc", "abc" },
		{ "  multipart/form-data ; boundary = abc  ", "abc" },
		{ "multipart/form-data; boundary=\"abc\"", "abc" },
		{ "multipart/form-data; boundary=\"a b:c?d=e\"", "a b:c?d=e" },
		{ "multipart/form-data; charset=utf-8; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW",
		    "----WebKitFormBoundary7MA4YWxkTrZu0gW" },
		{ "multipart/form-data; boundary=x; charset=\"utf-8\"", "x" },
		{ "multipart/form-data; boundary=1234567890123456789012345678901234567890123456789012345678901234567890",
		    "1234567890123456789012345678901234567890123456789012345678901234567890" },
		{ "multipart/form-data; boundary=12345678901234567890123456789012345678901234567890123456789012345678901",
		    NULL },	/* 71 characters */
		{ "", NULL },
		{ "multipart/form-data", NULL },
		{ "multipart/form-data;", NULL },
		{ "multipart/form-data; boundary=", NULL },
		{ "multipart/form-data; boundary=\"\"", NULL },
		{ "multipart/form-data; boundary=\"abc \"", NULL },	/* space last */
		{ "multipart/form-data; boundary=\"abc", NULL },	/* unterminated */
		{ "multipart/form-data; boundary=\"a\\\"b\"", NULL },	/* escapes */
		{ "multipart/form-data; boundary=a:b", NULL },		/* not a token */
		{ "multipart/form-data; boundary=a b", NULL },
		{ "multipart/form-data; boundary=\"a\tb\"", NULL },
		{ "multipart/form-data; boundary=abc; boundary=abd", NULL },
		{ "multipart/form-data; boundary=abc;", NULL },
		{ "multipart/form-datax; boundary=abc", NULL },
		{ "multipart/mixed; boundary=abc", NULL },
		{ "text/plain; boundary=abc", NULL },
		{ "application/x-www-form-urlencoded", NULL },
		{ "multipart/form-data; =abc", NULL },
		{ "multipart/form-data boundary=abc", NULL },
	};
	struct str	b;
	size_t		i;
	int		r;

	(void)state;
	for (i = 0; i < NELEM(t); i++) {
		b = STR_NULL;
		r = mp_boundary(t[i].ct, &b);
		if (t[i].want == NULL && r != -1)
			fail_msg("mp_boundary(\"%s\") accepted \"%.*s\"", t[i].ct,
			    (int)b.n, b.p);
		if (t[i].want != NULL && (r != 0 || !str_eq(b, t[i].want)))
			fail_msg("mp_boundary(\"%s\") = %d \"%.*s\", want \"%s\"",
			    t[i].ct, r, (int)b.n, b.p ? b.p : "", t[i].want);
	}
	assert_int_equal(mp_boundary(NULL, &b), -1);
}

/* Parsing */

/* A heap copy of exactly n bytes: a read past the end is an ASan error. */
static char *
exact_copy(const char *p, size_t n)
{
	char	*c = xmalloc(n ? n : 1);

	memcpy(c, p, n);
	return c;
}

static int
parse_n(struct arena *a, const char *body, size_t n, const char *boundary,
    struct mp_part *out, int max, char **keep)
{
	*keep = exact_copy(body, n);
	return mp_parse(a, (struct str){ *keep, n }, str_from(boundary), out, max);
}

#define CD	"Content-Disposition: form-data; "

struct pcase {
	const char	*body;
	int		 want;		/* part count or -1 */
	const char	*name0;		/* first part, when want > 0 */
	const char	*file0;
	const char	*ctype0;
	const char	*data0;
};

static void
test_multipart__parse_table(void **state)
{
	static const struct pcase	t[] = {
		/* Valid */
		{ "--b\r\n" CD "name=\"a\"\r\n\r\nhello\r\n--b--\r\n", 1, "a", "", "", "hello" },
		{ "--b\r\n" CD "name=\"a\"\r\n\r\nhello\r\n--b--", 1, "a", "", "", "hello" },
		{ "--b\r\n" CD "name=a\r\n\r\nx\r\n--b--", 1, "a", "", "", "x" },
		{ "--b\r\n" CD "name=\"a\"\r\n\r\n\r\n--b--", 1, "a", "", "", "" },
		{ "preamble text\r\nmore\r\n--b\r\n" CD "name=\"p\"\r\n\r\nv\r\n--b--\r\nepilogue --b\r\n",
		    1, "p", "", "", "v" },
		{ "--b  \t\r\n" CD "name=\"pad\"\r\n\r\nv\r\n--b \r\n" CD "name=\"q\"\r\n\r\nw\r\n--b--",
		    2, "pad", "", "", "v" },
		{ "--b\r\ncontent-disposition: FORM-DATA; NAME=\"up\"\r\n\r\nv\r\n--b--", 1, "up", "", "", "v" },
		{ "--b\r\n" CD "name=\"f\"; filename=\"C:\\dir\\x.png\"\r\nContent-Type: image/png\r\n\r\nPNG\r\n--b--",
		    1, "f", "x.png", "image/png", "PNG" },
		{ "--b\r\n" CD "name=\"f\"; filename=\"../../etc/passwd\"\r\n\r\nz\r\n--b--",
		    1, "f", "passwd", "", "z" },
		{ "--b\r\n" CD "name=\"f\"; filename=\"dir/\"\r\n\r\nz\r\n--b--", 1, "f", "", "", "z" },
		{ "--b\r\n" CD "name=\"f\"; filename=\"a;b \\\"c\\\".txt\"\r\n\r\nz\r\n--b--",
		    1, "f", "a;b \"c\".txt", "", "z" },
		{ "--b\r\n" CD "name=\"f\"; filename=\"a\\\\b.txt\"\r\n\r\nz\r\n--b--", 1, "f", "b.txt", "", "z" },
		{ "--b\r\n" CD "name=\"q\\\"x\"\r\n\r\nz\r\n--b--", 1, "q\"x", "", "", "z" },
		{ "--b\r\n" CD "filename=\"报告.pdf\"; name=\"附件\"\r\n\r\nz\r\n--b--", 1, "附件", "报告.pdf", "", "z" },
		{ "--b\r\n" CD "name=\"a\"; filename*=UTF-8''x.txt\r\n\r\nz\r\n--b--", 1, "a", "", "", "z" },
		{ "--b\r\n" CD "name=\"a\"\r\nContent-Transfer-Encoding: binary\r\nX-Other: 1\r\n\r\nz\r\n--b--",
		    1, "a", "", "", "z" },
		{ "--b\r\n" CD "name=\"a\"\r\n\r\nline1\r\nline2\r\n--not-b\r\n-b\r\nx--b\r\n--b--",
		    1, "a", "", "", "line1\r\nline2\r\n--not-b\r\n-b\r\nx--b" },
		{ "--b\r\n" CD "name=\"a\"\r\n\r\nv\r\n--b\r\n" CD "name=\"a\"\r\n\r\nw\r\n--b--", 2, "a", "", "", "v" },
		/* A form with no fields: what browsers send for an empty form. */
		{ "--b--\r\n", 0, NULL, NULL, NULL, NULL },
		/* Malformed */
		{ "", -1, NULL, NULL, NULL, NULL },
		{ "no boundary at all", -1, NULL, NULL, NULL, NULL },
		{ "--b", -1, NULL, NULL, NULL, NULL },
		{ "--b\r\n", -1, NULL, NULL, NULL, NULL },
		{ "--b\r\n" CD "name=\"a\"\r\n\r\nhello", -1, NULL, NULL, NULL, NULL },
		{ "--b\r\n" CD "name=\"a\"\r\n\r\nhello\r\n--b", -1, NULL, NULL, NULL, NULL },
		{ "--b\r\n" CD "name=\"a\"\r\n\r\nhello\r\n--b-", -1, NULL, NULL, NULL, NULL },
		{ "--b\r\n" CD "name=\"a\"\r\nhello\r\n--b--", -1, NULL, NULL, NULL, NULL },
		{ "--b\r\n\r\nhello\r\n--b--", -1, NULL, NULL, NULL, NULL },
		{ "--b\r\nContent-Type: text/plain\r\n\r\nhello\r\n--b--", -1, NULL, NULL, NULL, NULL },
		{ "--b\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--b--", -1, NULL, NULL, NULL, NULL },
		{ "--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--", -1, NULL, NULL, NULL, NULL },
		{ "--b\r\nContent-Disposition: form-dataX; name=a\r\n\r\nx\r\n--b--", -1, NULL, NULL, NULL, NULL },
		{ "--b\r\n" CD "filename=\"x\"\r\n\r\nx\r\n--b--", -1, NULL, NULL, NULL, NULL },
		{ "--b\r\n" CD "name=\"\"\r\n\r\nx\r\n--b--", -1, NULL, NULL, NULL, NULL },
		{ "--b\r\n" CD "name=\"a\"; name=\"b\"\r\n\r\nx\r\n--b--", -1, NULL, NULL, NULL, NULL },
		{ "--b\r\n" CD "name=\"a\"; filename=\"x\"; filename=\"y\"\r\n\r\nx\r\n--b--", -1, NULL, NULL, NULL, NULL },
		{ "--b\r\n" CD "name=\"a\r\n" CD "name=\"b\"\r\n\r\nx\r\n--b--", -1, NULL, NULL, NULL, NULL },
		{ "--b\r\n" CD "name=\"a\"\r\n" CD "name=\"b\"\r\n\r\nx\r\n--b--", -1, NULL, NULL, NULL, NULL },
		{ "--b\r\n" CD "name=\"a\"\r\nContent-Type: a/b\r\nContent-Type: c/d\r\n\r\nx\r\n--b--", -1, NULL, NULL, NULL, NULL },
		{ "--b\r\nContent-Disposition: form-data;\r\n name=\"a\"\r\n\r\nx\r\n--b--", -1, NULL, NULL, NULL, NULL },
		{ "--b\r\n" CD "name=\"a\"\nX: y\r\n\r\nx\r\n--b--", -1, NULL, NULL, NULL, NULL },
		{ "--b\r\n" CD "name=\"a\"\rX: y\r\n\r\nx\r\n--b--", -1, NULL, NULL, NULL, NULL },
		{ "--b\r\n" CD "name=\"a\"\r\nNo colon here\r\n\r\nx\r\n--b--", -1, NULL, NULL, NULL, NULL },
		{ "--b\r\n" CD "name=\"a\"\r\n: empty name\r\n\r\nx\r\n--b--", -1, NULL, NULL, NULL, NULL },
		{ "--b\r\n" CD "name=\"a\"\r\nX: a\001b\r\n\r\nx\r\n--b--", -1, NULL, NULL, NULL, NULL },
		{ "--b\r\n" CD "name=\"a\"\r\nContent-Transfer-Encoding: base64\r\n\r\neA==\r\n--b--", -1, NULL, NULL, NULL, NULL },
		{ "--b\r\n" CD "name=\"a\"\r\nContent-Transfer-Encoding: binary\r\nContent-Transfer-Encoding: 8bit\r\n\r\nx\r\n--b--",
		    -1, NULL, NULL, NULL, NULL },
		{ "--b\r\n" CD "name=\"a\"; filename=\"x\r\n\r\nx\r\n--b--", -1, NULL, NULL, NULL, NULL },
		{ "--b\r\n" CD "name=\"a\" junk\r\n\r\nx\r\n--b--", -1, NULL, NULL, NULL, NULL },
		{ "--b\r\n" CD "name=\"a\"\r\n\r\nx\r\n--bX\r\n--b--", -1, NULL, NULL, NULL, NULL },
		{ "--bX\r\n" CD "name=\"a\"\r\n\r\nx\r\n--b--", -1, NULL, NULL, NULL, NULL },
		{ "--b junk\r\n" CD "name=\"a\"\r\n\r\nx\r\n--b--", -1, NULL, NULL, NULL, NULL },
		{ "--b\n" CD "name=\"a\"\n\nx\n--b--", -1, NULL, NULL, NULL, NULL },
		{ "-- b\r\n" CD "name=\"a\"\r\n\r\nx\r\n-- b--", -1, NULL, NULL, NULL, NULL },
	};
	struct mp_part	 parts[MP_MAX_PARTS];
	struct arena	*a = arena_new();
	char		*keep;
	size_t		 i;
	int		 got;

	(void)state;
	for (i = 0; i < NELEM(t); i++) {
		got = parse_n(a, t[i].body, strlen(t[i].body), "b", parts,
		    MP_MAX_PARTS, &keep);
		if (got != t[i].want)
			fail_msg("case %zu: mp_parse = %d, want %d\n%s", i, got,
			    t[i].want, t[i].body);
		if (got > 0) {
			if (!str_eq(parts[0].name, t[i].name0))
				fail_msg("case %zu: name \"%.*s\", want \"%s\"", i,
				    (int)parts[0].name.n, parts[0].name.p, t[i].name0);
			if (!str_eq(parts[0].filename, t[i].file0))
				fail_msg("case %zu: filename \"%.*s\", want \"%s\"", i,
				    (int)parts[0].filename.n, parts[0].filename.p,
				    t[i].file0);
			if (!str_eq(parts[0].ctype, t[i].ctype0))
				fail_msg("case %zu: ctype \"%.*s\", want \"%s\"", i,
				    (int)parts[0].ctype.n, parts[0].ctype.p, t[i].ctype0);
			if (!str_eq(parts[0].data, t[i].data0))
				fail_msg("case %zu: data \"%.*s\", want \"%s\"", i,
				    (int)parts[0].data.n, parts[0].data.p, t[i].data0);
			/* The data points into the body, not into a copy. */
			assert_true(parts[0].data.p >= keep &&
			    parts[0].data.p + parts[0].data.n <= keep + strlen(t[i].body));
		}
		free(keep);
	}
	arena_free(a);
}

static void
test_multipart__two_parts_fields(void **state)
{
	static const char	body[] =
	    "--XyZ\r\n"
	    CD "name=\"title\"\r\n"
	    "\r\n"
	    "SQL injection in /login\r\n"
	    "--XyZ\r\n"
	    CD "name=\"poc\"; filename=\"/home/me/poc.py\"\r\n"
	    "Content-Type: text/x-python\r\n"
	    "\r\n"
	    "print('hi')\n\r\n"
	    "--XyZ--\r\n";
	struct mp_part	 p[4];
	struct arena	*a = arena_new();
	char		*keep;

	(void)state;
	assert_int_equal(parse_n(a, body, sizeof(body) - 1, "XyZ", p, 4, &keep), 2);
	assert_true(str_eq(p[0].name, "title"));
	assert_true(str_eq(p[0].filename, ""));
	assert_true(str_eq(p[0].ctype, ""));
	assert_true(str_eq(p[0].data, "SQL injection in /login"));
	assert_true(str_eq(p[1].name, "poc"));
	assert_true(str_eq(p[1].filename, "poc.py"));
	assert_true(str_eq(p[1].ctype, "text/x-python"));
	assert_true(str_eq(p[1].data, "print('hi')\n"));
	/* Names are NUL-terminated copies in the arena. */
	assert_int_equal(p[1].name.p[p[1].name.n], '\0');
	/* A smaller max refuses the body rather than cutting it short. */
	assert_int_equal(mp_parse(a, (struct str){ keep, sizeof(body) - 1 },
	    STR_LIT("XyZ"), p, 1), -1);
	assert_int_equal(mp_parse(a, (struct str){ keep, sizeof(body) - 1 },
	    STR_LIT("XyZ"), p, 0), -1);
	/* The wrong boundary finds nothing. */
	assert_int_equal(mp_parse(a, (struct str){ keep, sizeof(body) - 1 },
	    STR_LIT("XyW"), p, 4), -1);
	assert_int_equal(mp_parse(a, (struct str){ keep, sizeof(body) - 1 },
	    STR_NULL, p, 4), -1);
	assert_int_equal(mp_parse(a, STR_NULL, STR_LIT("XyZ"), p, 4), -1);
	free(keep);
	arena_free(a);
}

static void
test_multipart__binary_data(void **state)
{
	static const char	head[] = "--bin\r\n" CD "name=\"f\"; filename=\"x.bin\"\r\n"
	    "Content-Type: application/octet-stream\r\n\r\n";
	static const char	tail[] = "\r\n--bin--\r\n";
	unsigned char		data[4096];
	struct mp_part		p[2];
	struct arena		*a = arena_new();
	char			*body, *keep;
	size_t			 i, n;

	(void)state;
	/* Every byte value, NULs, and near-delimiters that are not delimiters. */
	for (i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)(i * 7 + (i >> 8));
	memcpy(data + 100, "\r\n--bi\0n", 8);
	memcpy(data + 200, "\r\n--bix", 7);
	memcpy(data + 300, "\r\r\n--b\r\n", 8);
	memset(data + 400, 0, 64);
	n = sizeof(head) - 1 + sizeof(data) + sizeof(tail) - 1;
	body = xmalloc(n);
	memcpy(body, head, sizeof(head) - 1);
	memcpy(body + sizeof(head) - 1, data, sizeof(data));
	memcpy(body + sizeof(head) - 1 + sizeof(data), tail, sizeof(tail) - 1);
	assert_int_equal(parse_n(a, body, n, "bin", p, 2, &keep), 1);
	assert_int_equal(p[0].data.n, sizeof(data));
	assert_memory_equal(p[0].data.p, data, sizeof(data));
	free(keep);

	/*
	 * Only body.n bytes are the body: the close delimiter just past the end
	 * must not be seen (the copy is exact, so ASan would flag a read).
	 */
	assert_int_equal(parse_n(a, body, n - (sizeof(tail) - 1), "bin", p, 2, &keep), -1);
	free(keep);
	assert_int_equal(parse_n(a, body, n - 3, "bin", p, 2, &keep), -1);
	free(keep);
	free(body);
	arena_free(a);
}

static char *
build_parts(int count, size_t *n)
{
	char	*body = xmalloc((size_t)count * 80 + 16);
	size_t	 o = 0;
	int	 i;

	for (i = 0; i < count; i++)
		o += (size_t)snprintf(body + o, 80, "--b\r\n" CD "name=\"f%d\"\r\n\r\n%d\r\n", i, i);
	o += (size_t)snprintf(body + o, 16, "--b--\r\n");
	*n = o;
	return body;
}

static void
test_multipart__part_limit(void **state)
{
	struct mp_part	 p[MP_MAX_PARTS + 1];
	struct arena	*a = arena_new();
	char		*body, *keep;
	size_t		 n;

	(void)state;
	body = build_parts(MP_MAX_PARTS, &n);
	assert_int_equal(parse_n(a, body, n, "b", p, MP_MAX_PARTS, &keep), MP_MAX_PARTS);
	assert_true(str_eq(p[MP_MAX_PARTS - 1].name, "f63"));
	assert_true(str_eq(p[MP_MAX_PARTS - 1].data, "63"));
	free(keep);
	/* max above the limit is the limit */
	assert_int_equal(parse_n(a, body, n, "b", p, MP_MAX_PARTS + 1, &keep), MP_MAX_PARTS);
	free(keep);
	assert_int_equal(parse_n(a, body, n, "b", p, MP_MAX_PARTS - 1, &keep), -1);
	free(keep);
	free(body);

	body = build_parts(MP_MAX_PARTS + 1, &n);
	assert_int_equal(parse_n(a, body, n, "b", p, MP_MAX_PARTS + 1, &keep), -1);
	free(keep);
	free(body);
	arena_free(a);
}

/* A part whose header block (lines with their CRLFs) is exactly len bytes. */
static char *
header_body(size_t len, size_t *n)
{
	static const char	first[] = CD "name=\"a\"\r\nX-Pad: ";
	char			*body = xmalloc(len + 64);
	size_t			 o = 0, pad;

	assert_true(len >= sizeof(first) - 1 + 2);
	memcpy(body, "--b\r\n", 5);
	o = 5;
	memcpy(body + o, first, sizeof(first) - 1);
	o += sizeof(first) - 1;
	pad = len - (sizeof(first) - 1) - 2;
	memset(body + o, 'p', pad);
	o += pad;
	memcpy(body + o, "\r\n\r\nv\r\n--b--", 12);
	o += 12;
	*n = o;
	return body;
}

static void
test_multipart__header_limit(void **state)
{
	struct mp_part	 p[1];
	struct arena	*a = arena_new();
	char		*body, *keep;
	size_t		 n;

	(void)state;
	body = header_body(MP_MAX_HEADER_BYTES, &n);
	assert_int_equal(parse_n(a, body, n, "b", p, 1, &keep), 1);
	assert_true(str_eq(p[0].data, "v"));
	free(keep);
	free(body);
	body = header_body(MP_MAX_HEADER_BYTES + 1, &n);
	assert_int_equal(parse_n(a, body, n, "b", p, 1, &keep), -1);
	free(keep);
	free(body);
	arena_free(a);
}

/*
 * Adversarial data: megabytes of lines that almost match the delimiter.
 * A naive rescan would be quadratic; the result must simply be right.
 */
static void
test_multipart__near_boundaries(void **state)
{
	static const char	bnd[] =
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab";
	static const char	head[] = "\r\n--b\r\n" CD "name=\"big\"\r\n\r\n";
	struct mp_part		 p[1];
	struct arena		*a = arena_new();
	char			*body, *keep;
	size_t			 n, o, i, lines = 300000, datan;
	char			 line[80];
	int			 ln;

	(void)state;
	/* Boundary "b": lines of "\r\n--" without the b, and "\r\n-" alone. */
	n = (sizeof(head) - 1) + lines * 8 + 16;
	body = xmalloc(n);
	o = 0;
	memcpy(body, head + 2, sizeof(head) - 3);
	o = sizeof(head) - 3;
	for (i = 0; i < lines; i++) {
		memcpy(body + o, i % 2 ? "\r\n--c\r\r" : "\r\n-\r\n--", 8);
		o += 8;
	}
	datan = o - (sizeof(head) - 3);
	memcpy(body + o, "\r\n--b--", 7);
	o += 7;
	assert_int_equal(parse_n(a, body, o, "b", p, 1, &keep), 1);
	assert_int_equal(p[0].data.n, datan);
	free(keep);
	free(body);

	/*
	 * A 70-character boundary of repeated letters, and lines that match
	 * all but its last character: the worst case for a naive search.
	 */
	ln = snprintf(line, sizeof(line), "\r\n--%.*s", 69, bnd);
	n = 256 + (size_t)ln * 40000;
	body = xmalloc(n);
	o = (size_t)snprintf(body, 256, "--%s\r\n" CD "name=\"big\"\r\n\r\n", bnd);
	for (i = 0; i < 40000; i++) {
		memcpy(body + o, line, (size_t)ln);
		o += (size_t)ln;
	}
	datan = (size_t)ln * 40000;
	o += (size_t)snprintf(body + o, n - o, "\r\n--%s--", bnd);
	assert_int_equal(parse_n(a, body, o, bnd, p, 1, &keep), 1);
	assert_int_equal(p[0].data.n, datan);
	free(keep);
	free(body);

	/* And a body with no delimiter after the first: refused, not hung. */
	n = 4 * 1024 * 1024;
	body = xmalloc(n);
	memcpy(body, "--b\r\n" CD "name=\"x\"\r\n\r\n", 5 + sizeof(CD) - 1 + 12);
	for (i = 5 + sizeof(CD) - 1 + 12; i + 4 <= n; i += 4)
		memcpy(body + i, "\r\n--", 4);
	assert_int_equal(parse_n(a, body, i, "b", p, 1, &keep), -1);
	free(keep);
	free(body);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_multipart__boundary_table),
		cmocka_unit_test(test_multipart__parse_table),
		cmocka_unit_test(test_multipart__two_parts_fields),
		cmocka_unit_test(test_multipart__binary_data),
		cmocka_unit_test(test_multipart__part_limit),
		cmocka_unit_test(test_multipart__header_limit),
		cmocka_unit_test(test_multipart__near_boundaries),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
