/*
 * domain/similar: title similarity (Dice over character bigrams, Chinese
 * included) and the likely-duplicate score with its reasons.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "domain/similar.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

struct pct_case {
	const char	*x, *y;
	int		 lo, hi;	/* expected percent, inclusive range */
};

static void
check_pct(const struct pct_case *t, size_t n)
{
	size_t	i;
	int	p, q;

	for (i = 0; i < n; i++) {
		p = similar_title_pct(t[i].x, t[i].y);
		q = similar_title_pct(t[i].y, t[i].x);
		if (p != q)
			fail_msg("similar_title_pct not symmetric for \"%s\" / \"%s\": %d vs %d",
			    t[i].x ? t[i].x : "(null)", t[i].y ? t[i].y : "(null)", p, q);
		if (p < t[i].lo || p > t[i].hi)
			fail_msg("similar_title_pct(\"%s\", \"%s\") = %d, want %d..%d",
			    t[i].x ? t[i].x : "(null)", t[i].y ? t[i].y : "(null)", p,
			    t[i].lo, t[i].hi);
	}
}

static void
test_similar__title_identical(void **state)
{
	static const struct pct_case t[] = {
		{ "Stack overflow in httpd", "Stack overflow in httpd", 100, 100 },
		{ "ab", "ab", 100, 100 },
		{ "a", "a", 100, 100 },		/* equal single characters */
		{ "x y", "x y", 100, 100 },	/* single-character runs only */
		{ "路由器", "路由器", 100, 100 },
	};
	(void)state;

	check_pct(t, NELEM(t));
}

static void
test_similar__title_disjoint(void **state)
{
	static const struct pct_case t[] = {
		{ "abc", "xyz", 0, 0 },
		{ "buffer overflow", "sql injection", 0, 0 },
		{ "路由器", "摄像头", 0, 0 },
		{ "a", "b", 0, 0 },
		{ "a", "ab", 0, 0 },		/* no bigram on one side */
		{ "ab", "ba", 0, 0 },
	};
	(void)state;

	check_pct(t, NELEM(t));
}

static void
test_similar__title_exact_values(void **state)
{
	static const struct pct_case t[] = {
		/* {ab,bc,cd} vs {ab,bc,ce}: 2*2/6 */
		{ "abcd", "abce", 66, 66 },
		/* multiset: {aa,aa} vs {aa}: 2*1/3 */
		{ "aaa", "aa", 66, 66 },
		/* runs: "ab cd" has {ab,cd}, not "bc"; "abcd" has {ab,bc,cd}: 2*2/5 */
		{ "ab cd", "abcd", 80, 80 },
	};
	(void)state;

	check_pct(t, NELEM(t));
}

static void
test_similar__title_folding(void **state)
{
	static const struct pct_case t[] = {
		{ "Buffer OVERFLOW", "buffer overflow", 100, 100 },
		/* fullwidth "ＲＯＵＴＥＲ１２" and "ｒｏｕｔｅｒ１２" */
		{ "\xEF\xBC\xB2\xEF\xBC\xAF\xEF\xBC\xB5\xEF\xBC\xB4\xEF\xBC\xA5"
		  "\xEF\xBC\xB2\xEF\xBC\x91\xEF\xBC\x92", "router12", 100, 100 },
		{ "\xEF\xBD\x92\xEF\xBD\x8F\xEF\xBD\x95\xEF\xBD\x94\xEF\xBD\x85"
		  "\xEF\xBD\x92", "ROUTER", 100, 100 },
		/* non-ASCII letters are kept as they are, not folded */
		{ "Größe", "größe", 100, 100 },
	};
	(void)state;

	check_pct(t, NELEM(t));
}

static void
test_similar__title_chinese(void **state)
{
	static const struct pct_case t[] = {
		/* 8 common of 9 + 13 bigrams: 2*8/22 */
		{ "路由器固件缓冲区溢出", "路由器固件中的缓冲区溢出漏洞", 72, 72 },
	};
	(void)state;

	check_pct(t, NELEM(t));
	assert_true(similar_title_pct("路由器固件缓冲区溢出",
	    "路由器固件中的缓冲区溢出漏洞") > SIMILAR_TITLE_MIN);
}

static void
test_similar__title_punctuation_ignored(void **state)
{
	static const struct pct_case t[] = {
		{ "buffer overflow!", "buffer, overflow.", 100, 100 },
		{ "  (buffer)   --overflow--  ", "buffer overflow", 100, 100 },
		/* CJK and fullwidth punctuation, ideographic space */
		{ "路由器，固件。溢出", "路由器 固件 溢出", 100, 100 },
		{ "「路由器」\xE3\x80\x80固件！", "路由器 固件", 100, 100 },
		/* general punctuation: em dash, curly quotes */
		{ "\xE2\x80\x9C" "buffer\xE2\x80\x94overflow" "\xE2\x80\x9D",
		  "buffer overflow", 100, 100 },
		/* invalid bytes are skipped */
		{ "buf\xFF" "fer", "buffer", 100, 100 },
	};
	(void)state;

	check_pct(t, NELEM(t));
}

static void
test_similar__title_empty(void **state)
{
	static const struct pct_case t[] = {
		{ NULL, NULL, 0, 0 },
		{ "", "", 0, 0 },
		{ NULL, "buffer overflow", 0, 0 },
		{ "", "buffer overflow", 0, 0 },
		{ "!!!", "!!!", 0, 0 },		/* nothing kept */
		{ "\xFF\xFE", "\xFF\xFE", 0, 0 },
	};
	(void)state;

	check_pct(t, NELEM(t));
}

static void
test_similar__title_bounded(void **state)
{
	static char	x[10 * 1024 + 1], y[10 * 1024 + 1];
	size_t		i;
	int		p;
	(void)state;

	for (i = 0; i < sizeof(x) - 1; i++) {
		x[i] = (char)('a' + i % 26);
		y[i] = (char)('a' + i % 26);
	}
	x[sizeof(x) - 1] = '\0';
	y[sizeof(y) - 1] = '\0';
	assert_int_equal(similar_title_pct(x, y), 100);
	/* Past the bound the texts differ: not seen. */
	y[5000] = 'Z';
	assert_int_equal(similar_title_pct(x, y), 100);
	/* Chinese, 3 bytes each, and long separator runs. */
	for (i = 0; i + 3 <= sizeof(x) - 1; i += 3)
		memcpy(x + i, "路", 3);
	x[i] = '\0';
	memset(y, ' ', sizeof(y) - 1);
	p = similar_title_pct(x, y);
	assert_int_equal(p, 0);
	p = similar_title_pct(x, x);
	assert_int_equal(p, 100);
}

static const char *const ids_a[] = { "CVE-2024-1234", "CNVD-2024-00001" };
static const char *const ids_b[] = { "CNVD-2024-99999", "cve-2024-1234" };
static const char *const ids_c[] = { "CVE-2023-0001" };

static void
assert_reasons(const struct similar_score *s, const enum similar_reason *want,
    size_t n)
{
	size_t	i;

	assert_int_equal(s->nreasons, n);
	for (i = 0; i < n; i++)
		if (s->reasons[i] != want[i])
			fail_msg("reason %zu is %s, want %s", i,
			    similar_reason_name(s->reasons[i]),
			    similar_reason_name(want[i]));
}

static void
test_similar__compare_shared_id_only(void **state)
{
	struct similar_doc	a = { .title = "buffer overflow", .vendor = "Acme",
	    .product = "Router", .ids = ids_a, .nids = NELEM(ids_a) };
	struct similar_doc	b = { .title = "sql injection", .vendor = "Other",
	    .product = "Camera", .ids = ids_b, .nids = NELEM(ids_b) };
	struct similar_score	s;
	static const enum similar_reason want[] = { SIM_SHARED_ID };
	(void)state;

	similar_compare(&a, &b, &s);
	assert_int_equal(s.score, 60);
	assert_reasons(&s, want, NELEM(want));
	assert_ptr_equal(s.shared_id, ids_b[1]);	/* b's own element */
	assert_int_equal(s.title_pct, 0);

	/* No id in common; NULL arrays; NULL entries. */
	b.ids = ids_c;
	b.nids = NELEM(ids_c);
	similar_compare(&a, &b, &s);
	assert_int_equal(s.score, 0);
	assert_null(s.shared_id);
	b.ids = NULL;
	b.nids = 3;
	similar_compare(&a, &b, &s);
	assert_int_equal(s.score, 0);
}

static void
test_similar__compare_same_product_versions(void **state)
{
	struct similar_doc	a = { .title = "alpha", .vendor = "  ACME ",
	    .product = "Router X1", .versions = "1.0 - 1.4" };
	struct similar_doc	b = { .title = "omega", .vendor = "acme",
	    .product = "router x1\t", .versions = " 1.0 - 1.4 " };
	struct similar_score	s;
	static const enum similar_reason want[] = { SIM_SAME_PRODUCT,
	    SIM_SAME_VERSIONS };
	(void)state;

	similar_compare(&a, &b, &s);
	assert_int_equal(s.score, 40);
	assert_reasons(&s, want, NELEM(want));
	assert_null(s.shared_id);

	/* One contains the other. */
	b.versions = "V1.0 - 1.4 and earlier";
	similar_compare(&a, &b, &s);
	assert_int_equal(s.score, 40);
	assert_reasons(&s, want, NELEM(want));
	similar_compare(&b, &a, &s);
	assert_int_equal(s.score, 40);

	/* Unknown vendors on both sides: the product alone. */
	a.vendor = NULL;
	b.vendor = "";
	similar_compare(&a, &b, &s);
	assert_int_equal(s.score, 40);
}

static void
test_similar__compare_same_product_other_versions(void **state)
{
	struct similar_doc	a = { .title = "alpha", .vendor = "Acme",
	    .product = "Router", .versions = "1.0" };
	struct similar_doc	b = { .title = "omega", .vendor = "ACME",
	    .product = "ROUTER", .versions = "2.3" };
	struct similar_score	s;
	static const enum similar_reason want[] = { SIM_SAME_PRODUCT };
	(void)state;

	similar_compare(&a, &b, &s);
	assert_int_equal(s.score, 30);
	assert_reasons(&s, want, NELEM(want));

	/* Unknown versions are not the same versions. */
	a.versions = "";
	b.versions = NULL;
	similar_compare(&a, &b, &s);
	assert_int_equal(s.score, 30);
	assert_reasons(&s, want, NELEM(want));
}

static void
test_similar__compare_product_mismatch(void **state)
{
	struct similar_doc	a = { .vendor = "Acme", .product = "Router" };
	struct similar_doc	b = { .vendor = "", .product = "Router" };
	struct similar_score	s;
	(void)state;

	/* A known vendor against an unknown one. */
	similar_compare(&a, &b, &s);
	assert_int_equal(s.score, 0);
	similar_compare(&b, &a, &s);
	assert_int_equal(s.score, 0);
	/* Another vendor. */
	b.vendor = "Acme Corp";
	similar_compare(&a, &b, &s);
	assert_int_equal(s.score, 0);
	/* Both products unknown. */
	a.product = b.product = "";
	a.vendor = b.vendor = "Acme";
	similar_compare(&a, &b, &s);
	assert_int_equal(s.score, 0);
	assert_int_equal(s.nreasons, 0);
}

static void
test_similar__compare_title_only(void **state)
{
	struct similar_doc	a = { .title = "路由器固件缓冲区溢出" };
	struct similar_doc	b = { .title = "路由器固件中的缓冲区溢出漏洞" };
	struct similar_score	s;
	static const enum similar_reason want[] = { SIM_SIMILAR_TITLE };
	(void)state;

	similar_compare(&a, &b, &s);
	assert_int_equal(s.title_pct, 72);
	assert_int_equal(s.score, 72 * 40 / 100);
	assert_reasons(&s, want, NELEM(want));

	/* Below the threshold: computed, but no score and no reason. */
	a.title = "abcdefgh";
	b.title = "abcxyzuv";	/* {ab,bc} common: 2*2/14 = 28 */
	similar_compare(&a, &b, &s);
	assert_int_equal(s.title_pct, 28);
	assert_int_equal(s.score, 0);
	assert_int_equal(s.nreasons, 0);
}

static void
test_similar__compare_nothing(void **state)
{
	struct similar_doc	a = { 0 }, b = { 0 };
	struct similar_score	s;
	(void)state;

	memset(&s, 0x5A, sizeof(s));
	similar_compare(&a, &b, &s);
	assert_int_equal(s.score, 0);
	assert_int_equal(s.title_pct, 0);
	assert_int_equal(s.nreasons, 0);
	assert_null(s.shared_id);

	a = (struct similar_doc){ .title = "buffer overflow", .vendor = "Acme",
	    .product = "Router", .versions = "1.0", .ids = ids_a,
	    .nids = NELEM(ids_a) };
	b = (struct similar_doc){ .title = "sql injection", .vendor = "Other",
	    .product = "Camera", .versions = "1.0", .ids = ids_c,
	    .nids = NELEM(ids_c) };
	similar_compare(&a, &b, &s);
	assert_int_equal(s.score, 0);
	assert_int_equal(s.nreasons, 0);
}

static void
test_similar__compare_cap_and_order(void **state)
{
	struct similar_doc	a = { .title = "Stack overflow in httpd",
	    .vendor = "Acme", .product = "Router", .versions = "1.0",
	    .ids = ids_a, .nids = NELEM(ids_a) };
	struct similar_doc	b = a;
	struct similar_score	s;
	static const enum similar_reason want[] = { SIM_SAME_PRODUCT,
	    SIM_SAME_VERSIONS, SIM_SHARED_ID, SIM_SIMILAR_TITLE };
	(void)state;

	/* 30 + 10 + 60 + 40 = 140, capped. */
	similar_compare(&a, &b, &s);
	assert_int_equal(s.score, 100);
	assert_int_equal(s.title_pct, 100);
	assert_reasons(&s, want, NELEM(want));
	assert_ptr_equal(s.shared_id, ids_a[0]);

	/* Shared id and title without the product: 60 + 40. */
	b.product = "Camera";
	similar_compare(&a, &b, &s);
	assert_int_equal(s.score, 100);
	assert_reasons(&s, want + 2, 2);
}

static void
test_similar__reason_names(void **state)
{
	(void)state;

	assert_string_equal(similar_reason_name(SIM_SAME_PRODUCT), "same_product");
	assert_string_equal(similar_reason_name(SIM_SAME_VERSIONS), "same_versions");
	assert_string_equal(similar_reason_name(SIM_SHARED_ID), "shared_id");
	assert_string_equal(similar_reason_name(SIM_SIMILAR_TITLE), "similar_title");
	assert_string_equal(similar_reason_name(SIM__MAX), "?");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_similar__title_identical),
		cmocka_unit_test(test_similar__title_disjoint),
		cmocka_unit_test(test_similar__title_exact_values),
		cmocka_unit_test(test_similar__title_folding),
		cmocka_unit_test(test_similar__title_chinese),
		cmocka_unit_test(test_similar__title_punctuation_ignored),
		cmocka_unit_test(test_similar__title_empty),
		cmocka_unit_test(test_similar__title_bounded),
		cmocka_unit_test(test_similar__compare_shared_id_only),
		cmocka_unit_test(test_similar__compare_same_product_versions),
		cmocka_unit_test(test_similar__compare_same_product_other_versions),
		cmocka_unit_test(test_similar__compare_product_mismatch),
		cmocka_unit_test(test_similar__compare_title_only),
		cmocka_unit_test(test_similar__compare_nothing),
		cmocka_unit_test(test_similar__compare_cap_and_order),
		cmocka_unit_test(test_similar__reason_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
