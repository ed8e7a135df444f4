/*
 * i18n/: Accept-Language negotiation, language tags, and the catalog's
 * completeness (both languages, really translated, same printf arguments).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "i18n/i18n.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static void
test_i18n__negotiate_table(void **state)
{
	static const struct {
		const char	*header;
		enum lang	 want;
	} t[] = {
		{ "", LANG_ZH },
		{ "en", LANG_EN },
		{ "zh", LANG_ZH },
		{ "EN", LANG_EN },
		{ "en-US", LANG_EN },
		{ "en-GB", LANG_EN },
		{ "en-US,en;q=0.9", LANG_EN },
		{ "zh-CN,zh;q=0.9,en;q=0.8", LANG_ZH },
		{ "zh-TW", LANG_ZH },
		{ "zh-Hant-TW;q=0.1, en;q=0.05", LANG_ZH },
		{ "fr, en;q=0.5", LANG_EN },
		{ "fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7", LANG_EN },
		{ "de;q=0.9, en-US;q=0.8", LANG_EN },
		{ "en;q=0, zh", LANG_ZH },
		{ "en;q=0.0, fr", LANG_ZH },
		{ "en;q=0.000", LANG_ZH },
		{ "en;q=0.5, zh;q=0.6", LANG_ZH },
		{ "zh;q=0.5, en;q=0.6", LANG_EN },
		{ "en;q=0.5, zh;q=0.5", LANG_EN },	/* tie: the earlier one */
		{ "zh;q=0.5, en;q=0.5", LANG_ZH },
		{ "en;q=0.001", LANG_EN },
		{ "en;q=1", LANG_EN },
		{ "en;q=1.0", LANG_EN },
		{ "en;q=1.000", LANG_EN },
		{ "zh;q=0.9, en;Q=1", LANG_EN },
		{ "en ; q=0.8 , zh ; q=0.9", LANG_ZH },	/* spaces around ; and , */
		{ "  en  ", LANG_EN },
		{ "en;level=1;q=0.9", LANG_EN },
		{ "*", LANG_ZH },
		{ "fr", LANG_ZH },
		{ "fr, de, ja", LANG_ZH },
		{ "english", LANG_ZH },
		{ "eng", LANG_ZH },
		{ "e", LANG_ZH },
		{ ",,,", LANG_ZH },
		{ ";q=1", LANG_ZH },
		{ ",en", LANG_EN },
		/* A malformed q is ignored: the entry does not count. */
		{ "en;q=abc", LANG_ZH },
		{ "en;q=", LANG_ZH },
		{ "en;q=.5", LANG_ZH },
		{ "en;q=1.5", LANG_ZH },
		{ "en;q=1.001", LANG_ZH },
		{ "en;q=2", LANG_ZH },
		{ "en;q=-1", LANG_ZH },
		{ "en;q=0.1234", LANG_ZH },
		{ "en;q=0.5x", LANG_ZH },
		{ "en;q=0,5", LANG_ZH },
		{ "en;q=abc, zh;q=0.1", LANG_ZH },
		{ "zh;q=0.1, en;q=x", LANG_ZH },
		{ "zh;q=bogus, en;q=0.2", LANG_EN },
	};
	enum lang	got;
	size_t		i;

	(void)state;
	for (i = 0; i < NELEM(t); i++) {
		got = lang_negotiate(str_from(t[i].header));
		if (got != t[i].want)
			fail_msg("lang_negotiate(\"%s\") = %s, want %s", t[i].header,
			    lang_tag(got), lang_tag(t[i].want));
	}
	assert_int_equal(lang_negotiate(STR_NULL), LANG_ZH);
}

static void
test_i18n__negotiate_not_nul_terminated(void **state)
{
	/* Only the first 2 bytes are the header. */
	const char	buf[] = { 'e', 'n', '-', 'z', 'h' };

	(void)state;
	assert_int_equal(lang_negotiate((struct str){ buf, 2 }), LANG_EN);
	assert_int_equal(lang_negotiate((struct str){ "zh, en", 2 }), LANG_ZH);
	assert_int_equal(lang_negotiate((struct str){ "fr, en", 2 }), LANG_ZH);
}

static void
test_i18n__parse_table(void **state)
{
	static const struct {
		const char	*s;
		int		 want;
	} t[] = {
		{ "zh", LANG_ZH },
		{ "ZH", LANG_ZH },
		{ "zh-CN", LANG_ZH },
		{ "zh-cn", LANG_ZH },
		{ "zh-Hans-CN", LANG_ZH },
		{ "zh-TW", LANG_ZH },
		{ "en", LANG_EN },
		{ "En", LANG_EN },
		{ "en-US", LANG_EN },
		{ "en-GB", LANG_EN },
		{ "", -1 },
		{ "-", -1 },
		{ "-en", -1 },
		{ "fr", -1 },
		{ "fr-CA", -1 },
		{ "e", -1 },
		{ "eng", -1 },
		{ "zho", -1 },
		{ "english", -1 },
		{ "*", -1 },
		{ " en", -1 },
		{ "中文", -1 },
	};
	size_t	i;
	int	got;

	(void)state;
	for (i = 0; i < NELEM(t); i++) {
		got = lang_parse(str_from(t[i].s));
		if (got != t[i].want)
			fail_msg("lang_parse(\"%s\") = %d, want %d", t[i].s, got,
			    t[i].want);
	}
}

static void
test_i18n__tags(void **state)
{
	(void)state;
	assert_string_equal(lang_tag(LANG_ZH), "zh-CN");
	assert_string_equal(lang_tag(LANG_EN), "en");
	/* The tags parse back to their language. */
	assert_int_equal(lang_parse(str_from(lang_tag(LANG_ZH))), LANG_ZH);
	assert_int_equal(lang_parse(str_from(lang_tag(LANG_EN))), LANG_EN);
}

static void
test_i18n__lookup_bounds(void **state)
{
	(void)state;
	assert_string_equal(msg(LANG_EN, MSG__MAX), "?");
	assert_string_equal(msg(LANG_ZH, (enum msg_id)-1), "?");
	assert_string_equal(msg_name(MSG__MAX), "?");
	assert_string_equal(msg_name(MSG_OK), "MSG_OK");
	assert_string_equal(msg_name(MSG_ERR_LOGIN_FAILED), "MSG_ERR_LOGIN_FAILED");
	/* An unknown language falls back to the default, zh. */
	assert_string_equal(msg(LANG__MAX, MSG_ERR_LOGIN_FAILED),
	    msg(LANG_ZH, MSG_ERR_LOGIN_FAILED));
	assert_string_equal(msg(LANG_EN, MSG_ERR_LOGIN_FAILED),
	    "The login or the password is wrong.");
}

/* Catalog completeness */

/*
 * Messages whose zh and en texts may be identical although they hold
 * letters (a brand, a protocol name).  Keep this list short and explicit.
 */
static const enum msg_id same_text_allowed[] = {
	MSG_WEB_LANG_EN,	/* "English": a language's own name, in the switcher */
};

static bool
same_text_ok(enum msg_id id)
{
	size_t	i;

	for (i = 0; i < NELEM(same_text_allowed); i++)
		if (same_text_allowed[i] == id)
			return true;
	return false;
}

static bool
has_ascii_letter(const char *s)
{
	for (; *s != '\0'; s++)
		if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'))
			return true;
	return false;
}

#define MAXCONV	8

/*
 * The printf conversions in s, each as its text from '%' to the conversion
 * character ("%d", "%zu", "%-5s"), without "%%".  Returns the count, or -1
 * if a '%' does not start a well-formed conversion.
 */
static int
conversions(const char *s, char conv[MAXCONV][16])
{
	static const char	flags[] = "-+ #0";
	static const char	convs[] = "diouxXeEfFgGaAcsp";
	const char		*start;
	size_t			 len;
	int			 n = 0;

	while ((s = strchr(s, '%')) != NULL) {
		start = s++;
		if (*s == '%') {
			s++;
			continue;
		}
		while (*s != '\0' && strchr(flags, *s) != NULL)
			s++;
		while (*s >= '0' && *s <= '9')
			s++;
		if (*s == '.') {
			s++;
			while (*s >= '0' && *s <= '9')
				s++;
		}
		if (s[0] == 'h' && s[1] == 'h')
			s += 2;
		else if (s[0] == 'l' && s[1] == 'l')
			s += 2;
		else if (*s != '\0' && strchr("hlzjtL", *s) != NULL)
			s++;
		if (*s == '\0' || strchr(convs, *s) == NULL)
			return -1;
		s++;
		len = (size_t)(s - start);
		if (n == MAXCONV || len >= 16)
			return -1;
		memcpy(conv[n], start, len);
		conv[n][len] = '\0';
		n++;
	}
	return n;
}

static void
test_i18n__conversion_parser(void **state)
{
	char	c[MAXCONV][16];

	(void)state;
	/* The helper itself, so the catalog check below means something. */
	assert_int_equal(conversions("none", c), 0);
	assert_int_equal(conversions("100%% sure", c), 0);
	assert_int_equal(conversions("%d of %zu: %s", c), 3);
	assert_string_equal(c[0], "%d");
	assert_string_equal(c[1], "%zu");
	assert_string_equal(c[2], "%s");
	assert_int_equal(conversions("%-5.2lld|%hhx", c), 2);
	assert_string_equal(c[0], "%-5.2lld");
	assert_string_equal(c[1], "%hhx");
	assert_int_equal(conversions("50%", c), -1);
	assert_int_equal(conversions("50%!", c), -1);
	assert_int_equal(conversions("50% off", c), 1);	/* "% o" is a conversion */
	assert_int_equal(conversions("%n", c), -1);	/* never in a catalog */
}

static void
test_i18n__catalog_complete(void **state)
{
	const char	*zh, *en;
	int		 id;

	(void)state;
	assert_true(MSG__MAX > 1);
	for (id = 0; id < MSG__MAX; id++) {
		zh = msg(LANG_ZH, (enum msg_id)id);
		en = msg(LANG_EN, (enum msg_id)id);
		if (zh == NULL || zh[0] == '\0')
			fail_msg("%s has no zh text", msg_name((enum msg_id)id));
		if (en == NULL || en[0] == '\0')
			fail_msg("%s has no en text", msg_name((enum msg_id)id));
		if (strncmp(msg_name((enum msg_id)id), "MSG_", 4) != 0)
			fail_msg("message %d is named \"%s\"", id,
			    msg_name((enum msg_id)id));
	}
}

static void
test_i18n__catalog_translated(void **state)
{
	const char	*zh, *en;
	int		 id;

	(void)state;
	for (id = 0; id < MSG__MAX; id++) {
		zh = msg(LANG_ZH, (enum msg_id)id);
		en = msg(LANG_EN, (enum msg_id)id);
		if (strcmp(zh, en) != 0)
			continue;
		if (!has_ascii_letter(en) || same_text_ok((enum msg_id)id))
			continue;
		fail_msg("%s is not translated: zh and en are both \"%s\"",
		    msg_name((enum msg_id)id), en);
	}
}

static void
test_i18n__catalog_same_conversions(void **state)
{
	char		 zc[MAXCONV][16], ec[MAXCONV][16];
	const char	*zh, *en;
	int		 id, nz, ne, i;

	(void)state;
	for (id = 0; id < MSG__MAX; id++) {
		zh = msg(LANG_ZH, (enum msg_id)id);
		en = msg(LANG_EN, (enum msg_id)id);
		nz = conversions(zh, zc);
		ne = conversions(en, ec);
		if (nz < 0)
			fail_msg("%s: malformed %% in zh \"%s\"",
			    msg_name((enum msg_id)id), zh);
		if (ne < 0)
			fail_msg("%s: malformed %% in en \"%s\"",
			    msg_name((enum msg_id)id), en);
		if (nz != ne)
			fail_msg("%s: zh has %d conversions, en has %d",
			    msg_name((enum msg_id)id), nz, ne);
		for (i = 0; i < nz; i++)
			if (strcmp(zc[i], ec[i]) != 0)
				fail_msg("%s: conversion %d is %s in zh but %s in en",
				    msg_name((enum msg_id)id), i + 1, zc[i], ec[i]);
	}
}

static void
test_i18n__catalog_known_arguments(void **state)
{
	char	c[MAXCONV][16];

	(void)state;
	/* Callers pass these arguments; the texts must keep taking them. */
	assert_int_equal(conversions(msg(LANG_EN, MSG_ERR_PASSWORD_SHORT), c), 1);
	assert_string_equal(c[0], "%d");
	assert_int_equal(conversions(msg(LANG_EN, MSG_ERR_THROTTLED), c), 1);
	assert_string_equal(c[0], "%d");
	assert_int_equal(conversions(msg(LANG_EN, MSG_ERR_BODY_TOO_BIG), c), 1);
	assert_string_equal(c[0], "%zu");
	assert_int_equal(conversions(msg(LANG_EN, MSG_ERR_ROLE_DENIED), c), 2);
	assert_string_equal(c[0], "%s");
	assert_string_equal(c[1], "%s");
	assert_int_equal(conversions(msg(LANG_EN, MSG_OK), c), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_i18n__negotiate_table),
		cmocka_unit_test(test_i18n__negotiate_not_nul_terminated),
		cmocka_unit_test(test_i18n__parse_table),
		cmocka_unit_test(test_i18n__tags),
		cmocka_unit_test(test_i18n__lookup_bounds),
		cmocka_unit_test(test_i18n__conversion_parser),
		cmocka_unit_test(test_i18n__catalog_complete),
		cmocka_unit_test(test_i18n__catalog_translated),
		cmocka_unit_test(test_i18n__catalog_same_conversions),
		cmocka_unit_test(test_i18n__catalog_known_arguments),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
