/*
 * domain/ids: the R38 schemes, GHSA and OSV ids, classification without a
 * scheme, opaque pairs, and every id and alias of the Go vulnerability
 * database (../shared/data/osv/golang-vulndb, skipped when absent).
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "domain/ids.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

struct icase {
	const char	*scheme;	/* as given (NULL: none) */
	const char	*value;
	enum xid_problem want;
	enum xid_scheme	 kind;		/* when want is XID_OK */
	const char	*scheme_out;	/* when want is XID_OK */
};

static void
run_table(const struct icase *t, size_t n)
{
	enum xid_scheme		kind;
	enum xid_problem	got;
	char			out[XID_SCHEME_MAX];
	size_t			i;

	for (i = 0; i < n; i++) {
		kind = XID__NSCHEMES;
		memset(out, 0, sizeof(out));
		got = xid_check(t[i].scheme, t[i].value, &kind, out);
		if (got != t[i].want)
			fail_msg("xid_check(%s, \"%s\") = %s, want %s",
			    t[i].scheme ? t[i].scheme : "NULL", t[i].value ? t[i].value : "NULL",
			    xid_problem_code(got), xid_problem_code(t[i].want));
		if (got != XID_OK)
			continue;
		if (kind != t[i].kind || strcmp(out, t[i].scheme_out) != 0)
			fail_msg("xid_check(%s, \"%s\"): %s \"%s\", want %s \"%s\"",
			    t[i].scheme ? t[i].scheme : "NULL", t[i].value,
			    xid_scheme_name(kind), out, xid_scheme_name(t[i].kind),
			    t[i].scheme_out);
	}
}

#define OK(sch, v, k, name)	{ sch, v, XID_OK, k, name }
#define NO(sch, v, why)		{ sch, v, why, XID__NSCHEMES, NULL }

static void
test_ids__cve(void **state)
{
	static const struct icase t[] = {
		OK("CVE", "CVE-2024-1234", XID_CVE, "CVE"),
		OK("CVE", "CVE-2024-1234567", XID_CVE, "CVE"),
		OK("CVE", "CVE-1999-0001", XID_CVE, "CVE"),
		OK("cve", "CVE-2021-44228", XID_CVE, "CVE"),
		OK("Cve", "CVE-2021-44228", XID_CVE, "CVE"),
		NO("CVE", "CVE-2024-123", XID_ERR_FORMAT),
		NO("CVE", "CVE-24-1234", XID_ERR_FORMAT),
		NO("CVE", "CVE-20240-1234", XID_ERR_FORMAT),
		NO("CVE", "cve-2024-1234", XID_ERR_FORMAT),
		NO("CVE", "CVE-2024-", XID_ERR_FORMAT),
		NO("CVE", "CVE-2024", XID_ERR_FORMAT),
		NO("CVE", "CVE-2024-12a4", XID_ERR_FORMAT),
		NO("CVE", "CVE 2024-1234", XID_ERR_FORMAT),
		NO("CVE", " CVE-2024-1234", XID_ERR_FORMAT),
		NO("CVE", "CVE-2024-1234 ", XID_ERR_FORMAT),
		NO("CVE", "CVE-2024-1234\n", XID_ERR_FORMAT),
		NO("CVE", "CVE_2024_1234", XID_ERR_FORMAT),
		NO("CVE", "CVE-２０２４-1234", XID_ERR_FORMAT),	/* fullwidth digits */
		NO("CVE", "GHSA-6vm3-jj99-7229", XID_ERR_FORMAT),
		NO("CVE", "", XID_ERR_EMPTY),
		NO("CVE", NULL, XID_ERR_EMPTY),
	};

	(void)state;
	run_table(t, NELEM(t));
}

static void
test_ids__cnvd(void **state)
{
	static const struct icase t[] = {
		OK("CNVD", "CNVD-2024-12345", XID_CNVD, "CNVD"),
		OK("cnvd", "CNVD-2021-00001", XID_CNVD, "CNVD"),
		NO("CNVD", "CNVD-2024-1234", XID_ERR_FORMAT),
		NO("CNVD", "CNVD-2024-123456", XID_ERR_FORMAT),
		NO("CNVD", "CNVD-24-12345", XID_ERR_FORMAT),
		NO("CNVD", "cnvd-2024-12345", XID_ERR_FORMAT),
		NO("CNVD", "CNVD-C-2024-12345", XID_ERR_FORMAT),
		NO("CNVD", "CNVD-2024-1234x", XID_ERR_FORMAT),
	};

	(void)state;
	run_table(t, NELEM(t));
}

static void
test_ids__cnvd_c(void **state)
{
	static const struct icase t[] = {
		OK("CNVD-C", "CNVD-C-2024-1", XID_CNVD_C, "CNVD-C"),
		OK("cnvd-c", "CNVD-C-2023-123456789", XID_CNVD_C, "CNVD-C"),
		NO("CNVD-C", "CNVD-C-2024-", XID_ERR_FORMAT),
		NO("CNVD-C", "CNVD-C-202-1", XID_ERR_FORMAT),
		NO("CNVD-C", "CNVD-2024-12345", XID_ERR_FORMAT),
		NO("CNVD-C", "CNVD-c-2024-1", XID_ERR_FORMAT),
		NO("CNVD-C", "CNVD-C-2024-1-1", XID_ERR_FORMAT),
	};

	(void)state;
	run_table(t, NELEM(t));
}

static void
test_ids__cnnvd(void **state)
{
	static const struct icase t[] = {
		OK("CNNVD", "CNNVD-202401-001", XID_CNNVD, "CNNVD"),
		OK("CNNVD", "CNNVD-202412-1234", XID_CNNVD, "CNNVD"),
		OK("cnnvd", "CNNVD-201910-12345", XID_CNNVD, "CNNVD"),
		NO("CNNVD", "CNNVD-202413-001", XID_ERR_FORMAT),	/* month 13 */
		NO("CNNVD", "CNNVD-202400-001", XID_ERR_FORMAT),	/* month 00 */
		NO("CNNVD", "CNNVD-202401-01", XID_ERR_FORMAT),
		NO("CNNVD", "CNNVD-20241-001", XID_ERR_FORMAT),
		NO("CNNVD", "CNNVD-2024011-001", XID_ERR_FORMAT),
		NO("CNNVD", "CNVD-202401-001", XID_ERR_FORMAT),
	};

	(void)state;
	run_table(t, NELEM(t));
}

static void
test_ids__ghsa(void **state)
{
	static const struct icase t[] = {
		OK("GHSA", "GHSA-6vm3-jj99-7229", XID_GHSA, "GHSA"),
		OK("ghsa", "GHSA-9v2f-6vcg-3hgv", XID_GHSA, "GHSA"),
		NO("GHSA", "GHSA-6vm3-jj99-722", XID_ERR_FORMAT),
		NO("GHSA", "GHSA-6vm3-jj99-72299", XID_ERR_FORMAT),
		NO("GHSA", "GHSA-6VM3-jj99-7229", XID_ERR_FORMAT),	/* upper case */
		NO("GHSA", "GHSA-6vm3-jj99-7221", XID_ERR_FORMAT),	/* '1' not in the alphabet */
		NO("GHSA", "GHSA-6am3-jj99-7229", XID_ERR_FORMAT),	/* 'a' not in the alphabet */
		NO("GHSA", "ghsa-6vm3-jj99-7229", XID_ERR_FORMAT),
		NO("GHSA", "GHSA-6vm3-jj99", XID_ERR_FORMAT),
		NO("GHSA", "GHSA-6vm3-jj99-7229-", XID_ERR_FORMAT),
	};

	(void)state;
	run_table(t, NELEM(t));
}

static void
test_ids__osv(void **state)
{
	static const struct icase t[] = {
		OK("OSV", "GO-2022-0001", XID_OSV, "OSV"),
		OK("osv", "PYSEC-2021-1", XID_OSV, "OSV"),
		OK("OSV", "RUSTSEC-2020-0001", XID_OSV, "OSV"),
		OK("OSV", "OSV-2020-111", XID_OSV, "OSV"),
		OK("OSV", "DSA-5000-1", XID_OSV, "OSV"),
		OK("OSV", "RHSA-2024:4546", XID_OSV, "OSV"),
		OK("OSV", "SUSE-FU-2022:0444-1", XID_OSV, "OSV"),
		OK("OSV", "openSUSE-SU-2024:12345-1", XID_OSV, "OSV"),
		OK("OSV", "ASB-A-123456789", XID_OSV, "OSV"),
		OK("OSV", "MAL-2024-10238", XID_OSV, "OSV"),
		OK("OSV", "PHSA-2022-4.0-0123", XID_OSV, "OSV"),
		OK("OSV", "UBUNTU-CVE-2024-1234", XID_OSV, "OSV"),
		OK("OSV", "FreeBSD-kernel-2024-1", XID_OSV, "OSV"),
		OK("OSV", "x_example-42", XID_OSV, "OSV"),
		/* The CVE and GHSA databases are their own schemes. */
		OK("OSV", "CVE-2021-3114", XID_CVE, "CVE"),
		OK("OSV", "GHSA-vp9c-fpxx-744v", XID_GHSA, "GHSA"),
		NO("OSV", "CVE-2021-311", XID_ERR_FORMAT),
		NO("OSV", "GHSA-vp9c-fpxx-744", XID_ERR_FORMAT),
		NO("OSV", "go-2022-0001", XID_ERR_FORMAT),	/* prefixes are case-sensitive */
		NO("OSV", "NOPE-2022-0001", XID_ERR_FORMAT),	/* not a known database */
		NO("OSV", "GO-", XID_ERR_FORMAT),
		NO("OSV", "GO", XID_ERR_FORMAT),
		NO("OSV", "GO-2022-0001-", XID_ERR_FORMAT),
		NO("OSV", "GO-2022 0001", XID_ERR_FORMAT),
		NO("OSV", "GO-2022/0001", XID_ERR_FORMAT),
		NO("OSV", "x_-1", XID_ERR_FORMAT),
		NO("OSV", "x_example", XID_ERR_FORMAT),
		NO("OSV", "x_example-", XID_ERR_FORMAT),
	};

	(void)state;
	run_table(t, NELEM(t));
}

static void
test_ids__classify_without_scheme(void **state)
{
	static const struct icase t[] = {
		OK(NULL, "CVE-2024-1234567", XID_CVE, "CVE"),
		OK("", "CVE-2024-1234", XID_CVE, "CVE"),
		OK(NULL, "CNVD-2024-12345", XID_CNVD, "CNVD"),
		OK(NULL, "CNVD-C-2024-7", XID_CNVD_C, "CNVD-C"),
		OK(NULL, "CNNVD-202406-123", XID_CNNVD, "CNNVD"),
		OK(NULL, "GHSA-6vm3-jj99-7229", XID_GHSA, "GHSA"),
		OK(NULL, "GO-2022-0001", XID_OSV, "OSV"),
		OK(NULL, "RUSTSEC-2020-0001", XID_OSV, "OSV"),
		OK(NULL, "PYSEC-2021-1", XID_OSV, "OSV"),
		OK(NULL, "OSV-2020-111", XID_OSV, "OSV"),
		OK(NULL, "RHSA-2024:4546", XID_OSV, "OSV"),
		/* Not a known database: opaque, the scheme before the first '-'. */
		OK(NULL, "EDB-12345", XID_OTHER, "EDB"),
		OK(NULL, "ZDI-24-1234", XID_OTHER, "ZDI"),
		OK(NULL, "go-2022-0001", XID_OTHER, "go"),
		OK(NULL, "CVEX-1", XID_OTHER, "CVEX"),
		/* Looks like an R38 scheme (in any case) but does not match it. */
		NO(NULL, "CVE-24-1", XID_ERR_FORMAT),
		NO(NULL, "CVE-2024-123", XID_ERR_FORMAT),
		NO(NULL, "cve-2024-1234", XID_ERR_FORMAT),
		NO(NULL, "CVE2024-1234", XID_ERR_FORMAT),
		NO(NULL, "CVE", XID_ERR_FORMAT),
		NO(NULL, "CNVD-2024-1234", XID_ERR_FORMAT),
		NO(NULL, "CNVD-C-2024-", XID_ERR_FORMAT),
		NO(NULL, "CNNVD-202413-001", XID_ERR_FORMAT),
		NO(NULL, "GHSA-6vm3-jj99-7221", XID_ERR_FORMAT),
		NO(NULL, "ghsa-6vm3-jj99-7229", XID_ERR_FORMAT),
		NO(NULL, "CVE-2024-1234 ", XID_ERR_FORMAT),
		/* A known OSV prefix: the entry must be well-formed. */
		NO(NULL, "GO-2022-0001-", XID_ERR_FORMAT),
		NO(NULL, "GO-", XID_ERR_FORMAT),
		/* No scheme to take. */
		NO(NULL, "12345", XID_ERR_SCHEME),
		NO(NULL, "-12345", XID_ERR_SCHEME),
		OK(NULL, "EDB-", XID_OTHER, "EDB"),	/* opaque: the rest is not judged */
		NO(NULL, "E/DB-1", XID_ERR_SCHEME),
		NO(NULL, "ABCDEFGHIJABCDEFGHIJABCDEFGHIJAB-1", XID_ERR_TOO_LONG),	/* 32 bytes */
		OK(NULL, "ABCDEFGHIJABCDEFGHIJABCDEFGHIJA-1", XID_OTHER,
		    "ABCDEFGHIJABCDEFGHIJABCDEFGHIJA"),
		NO(NULL, " EDB-12345", XID_ERR_CHARS),
		NO(NULL, "EDB-123 45", XID_ERR_CHARS),
		NO(NULL, "", XID_ERR_EMPTY),
		NO(NULL, NULL, XID_ERR_EMPTY),
	};

	(void)state;
	run_table(t, NELEM(t));
}

static void
test_ids__opaque_pairs_kept(void **state)
{
	static const struct icase t[] = {
		OK("EDB", "12345", XID_OTHER, "EDB"),
		OK("jvndb", "JVNDB-2024-000123", XID_OTHER, "jvndb"),
		OK("vendor.psirt_id", "ABC:2024/7#1", XID_OTHER, "vendor.psirt_id"),
		OK("NVD", "CVE-2024-1", XID_OTHER, "NVD"),	/* opaque: not checked as CVE */
		OK("CNCVE", "漏洞-2024-0001", XID_OTHER, "CNCVE"),
		OK("ABCDEFGHIJABCDEFGHIJABCDEFGHIJA", "1", XID_OTHER,
		    "ABCDEFGHIJABCDEFGHIJABCDEFGHIJA"),			/* 31 bytes */
		NO("ABCDEFGHIJABCDEFGHIJABCDEFGHIJAB", "1", XID_ERR_TOO_LONG),
		NO("E D B", "1", XID_ERR_SCHEME),
		NO("EDB/x", "1", XID_ERR_SCHEME),
		NO(" ", "1", XID_ERR_SCHEME),
		NO("漏洞", "1", XID_ERR_SCHEME),
		NO("EDB", "123 45", XID_ERR_CHARS),
		NO("EDB", "12345\t", XID_ERR_CHARS),
		NO("EDB", "12345\n", XID_ERR_CHARS),
		NO("EDB", "1\x7f", XID_ERR_CHARS),
		NO("EDB", "12\xc2\xa0" "3", XID_ERR_CHARS),		/* no-break space */
		NO("EDB", "12\xe3\x80\x80" "3", XID_ERR_CHARS),	/* ideographic space */
		NO("EDB", "12\xe2\x80\x8b" "3", XID_ERR_CHARS),	/* zero-width space */
		NO("EDB", "12\xef\xbb\xbf", XID_ERR_CHARS),		/* BOM */
		NO("EDB", "12\xff", XID_ERR_CHARS),			/* not UTF-8 */
		NO("EDB", "\xc0\xaf", XID_ERR_CHARS),			/* overlong */
		NO("EDB", "", XID_ERR_EMPTY),
	};

	(void)state;
	run_table(t, NELEM(t));
}

static void
test_ids__value_limit(void **state)
{
	char			v[XID_VALUE_MAX + 8], out[XID_SCHEME_MAX];
	enum xid_scheme		kind;

	(void)state;
	/* The longest CVE that fits: XID_VALUE_MAX - 1 bytes. */
	memcpy(v, "CVE-2024-", 9);
	memset(v + 9, '7', XID_VALUE_MAX - 1 - 9);
	v[XID_VALUE_MAX - 1] = '\0';
	assert_int_equal(xid_check("CVE", v, &kind, out), XID_OK);
	assert_int_equal(xid_check(NULL, v, &kind, out), XID_OK);
	v[XID_VALUE_MAX - 1] = '7';
	v[XID_VALUE_MAX] = '\0';
	assert_int_equal(xid_check("CVE", v, &kind, out), XID_ERR_TOO_LONG);
	assert_int_equal(xid_check(NULL, v, &kind, out), XID_ERR_TOO_LONG);
	assert_int_equal(xid_check("EDB", v, &kind, out), XID_ERR_TOO_LONG);
}

static void
test_ids__names(void **state)
{
	(void)state;
	assert_string_equal(xid_scheme_name(XID_CVE), "CVE");
	assert_string_equal(xid_scheme_name(XID_CNVD_C), "CNVD-C");
	assert_string_equal(xid_scheme_name(XID_OSV), "OSV");
	assert_string_equal(xid_scheme_name(XID_OTHER), "other");
	assert_string_equal(xid_scheme_name(XID__NSCHEMES), "");
	assert_string_equal(xid_problem_code(XID_ERR_EMPTY), "empty");
	assert_string_equal(xid_problem_code(XID_ERR_TOO_LONG), "too_long");
	assert_string_equal(xid_problem_code(XID_ERR_FORMAT), "format");
	assert_string_equal(xid_problem_code(XID_ERR_SCHEME), "scheme");
	assert_string_equal(xid_problem_code(XID_ERR_CHARS), "chars");
	assert_string_equal(xid_problem_code(XID__NPROBLEMS), "");
}

/* The scheme an id of the Go database's records is given by its form. */
static const char *
scheme_by_form(const char *id)
{
	if (strncmp(id, "CVE-", 4) == 0)
		return "CVE";
	if (strncmp(id, "GHSA-", 5) == 0)
		return "GHSA";
	return "OSV";
}

/* Check one id with its scheme given and without; counts into *n. */
static void
check_real_id(const char *file, const char *id, enum xid_scheme want, size_t *n)
{
	enum xid_scheme		kind;
	enum xid_problem	pr;
	char			out[XID_SCHEME_MAX];

	if ((pr = xid_check(scheme_by_form(id), id, &kind, out)) != XID_OK || kind != want)
		fail_msg("%s: \"%s\" (as %s): %s, %s", file, id, scheme_by_form(id),
		    xid_problem_code(pr), xid_scheme_name(kind));
	if ((pr = xid_check(NULL, id, &kind, out)) != XID_OK || kind != want)
		fail_msg("%s: \"%s\" (no scheme): %s, %s", file, id, xid_problem_code(pr),
		    xid_scheme_name(kind));
	(*n)++;
}

static enum xid_scheme
kind_by_form(const char *id)
{
	const char *s = scheme_by_form(id);

	return strcmp(s, "CVE") == 0 ? XID_CVE : strcmp(s, "GHSA") == 0 ? XID_GHSA : XID_OSV;
}

static void
test_ids__golang_vulndb(void **state)
{
	const char	*dir = LOUDONG_SHARED_DATA "/osv/golang-vulndb/data/osv";
	char		 path[1024];
	struct dirent	*de;
	json_error_t	 jerr;
	json_t		*doc, *v, *aliases;
	DIR		*d;
	size_t		 files = 0, ids = 0, i;

	(void)state;
	if ((d = opendir(dir)) == NULL) {
		fprintf(stderr, "%s is absent: skipped\n", dir);
		skip();
	}
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);

		if (len < 5 || strcmp(de->d_name + len - 5, ".json") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if ((doc = json_load_file(path, 0, &jerr)) == NULL)
			fail_msg("%s: %s", path, jerr.text);
		v = json_object_get(doc, "id");
		assert_true(json_is_string(v));
		check_real_id(de->d_name, json_string_value(v),
		    kind_by_form(json_string_value(v)), &ids);
		aliases = json_object_get(doc, "aliases");
		for (i = 0; i < json_array_size(aliases); i++) {
			v = json_array_get(aliases, i);
			assert_true(json_is_string(v));
			check_real_id(de->d_name, json_string_value(v),
			    kind_by_form(json_string_value(v)), &ids);
		}
		json_decref(doc);
		files++;
	}
	closedir(d);
	/* The snapshot holds 4,291 records (SOURCE.md). */
	assert_true(files >= 4000);
	fprintf(stderr, "golang-vulndb: %zu ids and aliases in %zu records\n", ids, files);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ids__cve),
		cmocka_unit_test(test_ids__cnvd),
		cmocka_unit_test(test_ids__cnvd_c),
		cmocka_unit_test(test_ids__cnnvd),
		cmocka_unit_test(test_ids__ghsa),
		cmocka_unit_test(test_ids__osv),
		cmocka_unit_test(test_ids__classify_without_scheme),
		cmocka_unit_test(test_ids__opaque_pairs_kept),
		cmocka_unit_test(test_ids__value_limit),
		cmocka_unit_test(test_ids__names),
		cmocka_unit_test(test_ids__golang_vulndb),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
