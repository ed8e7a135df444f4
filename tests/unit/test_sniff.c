/*
 * media/sniff: the MIME type from the bytes, through libmagic, with the
 * octet-stream fallback.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pthread.h>

#include <cmocka.h>

#include "core/xalloc.h"
#include "media/sniff.h"

#define MIME_MAX	128

static int
setup(void **state)
{
	(void)state;
	return sniff_init();
}

static int
teardown(void **state)
{
	(void)state;
	sniff_cleanup();
	return 0;
}

static const char *
mime(const void *p, size_t n)
{
	static char	out[MIME_MAX];

	memset(out, '#', sizeof(out));
	sniff_mime(p, n, out, sizeof(out));
	return out;
}

/* A 1x1 PNG: signature, IHDR, IDAT, IEND. */
static const unsigned char png[] = {
	0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
	0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0,
	0x1f, 0x15, 0xc4, 0x89,
	0, 0, 0, 13, 'I', 'D', 'A', 'T', 0x78, 0x9c, 0x63, 0, 1, 0, 0, 5, 0, 1,
	0x0d, 0x0a, 0x2d, 0xb4,
	0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82,
};

static const char pdf[] =
    "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    "2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    "trailer\n<< /Root 1 0 R >>\n%%EOF\n";

/* The start of a 64-bit little-endian ELF executable header. */
static const unsigned char elf[64] = {
	0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	2, 0, 0x3e, 0, 1, 0, 0, 0,		/* ET_EXEC, x86-64, version 1 */
	0x78, 0x00, 0x40, 0, 0, 0, 0, 0,	/* entry */
	0x40, 0, 0, 0, 0, 0, 0, 0,		/* phoff */
	0, 0, 0, 0, 0, 0, 0, 0,			/* shoff */
	0, 0, 0, 0, 64, 0, 56, 0,		/* flags, ehsize, phentsize */
	0, 0, 64, 0, 0, 0, 0, 0,		/* phnum, shentsize, shnum, shstrndx */
};

static void
test_sniff__png(void **state)
{
	(void)state;
	assert_string_equal(mime(png, sizeof(png)), "image/png");
	/* The signature alone is enough: the name or client type never counts. */
	assert_string_equal(mime(png, 16), "image/png");
}

static void
test_sniff__pdf(void **state)
{
	(void)state;
	assert_string_equal(mime(pdf, sizeof(pdf) - 1), "application/pdf");
}

static void
test_sniff__text(void **state)
{
	static const char	ascii[] = "Steps to reproduce:\n1. open the page\n2. log in\n";
	static const char	utf8[] = "漏洞描述：登录页面存在 SQL 注入。\n复现步骤如下。\n";

	(void)state;
	assert_string_equal(mime(ascii, sizeof(ascii) - 1), "text/plain");
	/* No charset: the type alone. */
	assert_string_equal(mime(utf8, sizeof(utf8) - 1), "text/plain");
}

static void
test_sniff__elf(void **state)
{
	const char	*m;

	(void)state;
	m = mime(elf, sizeof(elf));
	if (strncmp(m, "application/", 12) != 0 || strcmp(m, "application/octet-stream") == 0)
		fail_msg("ELF sniffed as \"%s\"", m);
}

static void
test_sniff__fallbacks(void **state)
{
	static const unsigned char	noise[] = { 0x00, 0xff, 0x13, 0x80, 0x00, 0x01, 0xfe, 0x7f, 0x00, 0x9c };
	char				small[8];
	const char			*m;

	(void)state;
	/* Empty input has no type. */
	assert_string_equal(mime("", 0), "application/octet-stream");
	assert_string_equal(mime(NULL, 0), "application/octet-stream");
	/* Bytes libmagic cannot name. */
	m = mime(noise, sizeof(noise));
	assert_true(strcmp(m, "application/octet-stream") == 0 ||
	    strncmp(m, "application/", 12) == 0);
	/* A buffer too small for the type: the fallback, cut, still terminated. */
	sniff_mime(png, sizeof(png), small, sizeof(small));
	assert_int_equal(small[sizeof(small) - 1], '\0');
	assert_string_equal(small, "applica");
	sniff_mime(png, sizeof(png), small, 0);
}

static void
test_sniff__large_input(void **state)
{
	size_t	 n = 8 * 1024 * 1024;
	char	*big = xmalloc(n);

	(void)state;
	/* A big PNG-looking upload: only the start is examined. */
	memset(big, 'A', n);
	memcpy(big, png, sizeof(png));
	assert_string_equal(mime(big, n), "image/png");
	free(big);
}

static void
test_sniff__not_initialised(void **state)
{
	(void)state;
	sniff_cleanup();
	assert_string_equal(mime(png, sizeof(png)), "application/octet-stream");
	assert_int_equal(sniff_init(), 0);
	assert_string_equal(mime(png, sizeof(png)), "image/png");
	/* Initialising twice replaces the handle, no leak (ASan checks). */
	assert_int_equal(sniff_init(), 0);
	assert_string_equal(mime(png, sizeof(png)), "image/png");
}

static void *
sniff_many(void *arg)
{
	char	out[MIME_MAX];
	int	i, *bad = arg;

	for (i = 0; i < 200; i++) {
		sniff_mime(i % 2 ? (const void *)png : (const void *)pdf,
		    i % 2 ? sizeof(png) : sizeof(pdf) - 1, out, sizeof(out));
		if (strcmp(out, i % 2 ? "image/png" : "application/pdf") != 0)
			(*bad)++;
	}
	return NULL;
}

static void
test_sniff__threads(void **state)
{
	pthread_t	t[4];
	int		bad[4] = { 0 };
	int		i;

	(void)state;
	/* One shared handle, many request threads: the lock keeps results apart. */
	for (i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&t[i], NULL, sniff_many, &bad[i]), 0);
	for (i = 0; i < 4; i++) {
		assert_int_equal(pthread_join(t[i], NULL), 0);
		assert_int_equal(bad[i], 0);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sniff__png),
		cmocka_unit_test(test_sniff__pdf),
		cmocka_unit_test(test_sniff__text),
		cmocka_unit_test(test_sniff__elf),
		cmocka_unit_test(test_sniff__fallbacks),
		cmocka_unit_test(test_sniff__large_input),
		cmocka_unit_test(test_sniff__threads),
		cmocka_unit_test(test_sniff__not_initialised),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
