/*
 * `loudong import cwe` (app/cwecmd.c) and the CWE store functions: small
 * catalogues written here, every refusal leaving the previous list, and
 * MITRE's real 4.15 catalogue (../shared/data/cwe, skipped when absent).
 */
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "app/app.h"
#include "app/app_int.h"
#include "core/arena.h"
#include "core/config.h"
#include "crypto/crypto.h"
#include "store/store.h"

struct fixture {
	char	work[64];	/* mkdtemp */
	char	data[96];	/* work/data, made by app_init */
	char	xml[96];	/* work/cwe.xml */
};

static void
rm_rf(const char *dir)
{
	char	cmd[200];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
}

static int
setup(void **state)
{
	struct fixture		*f = calloc(1, sizeof(*f));
	struct app_init_opts	 o = { NULL, ROLE_PLATFORM, false };

	if (f == NULL)
		return -1;
	snprintf(f->work, sizeof(f->work), "/tmp/loudong-cwe-XXXXXX");
	if (mkdtemp(f->work) == NULL)
		return -1;
	snprintf(f->data, sizeof(f->data), "%s/data", f->work);
	snprintf(f->xml, sizeof(f->xml), "%s/cwe.xml", f->work);
	setenv("LOUDONG_AUTH_ARGON2_MEMLIMIT_KIB", "8192", 1);
	setenv("LOUDONG_AUTH_ARGON2_OPSLIMIT", "1", 1);
	o.data_dir = f->data;
	if (app_init(&o) != 0)
		return -1;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture	*f = *state;

	rm_rf(f->work);
	free(f);
	return 0;
}

static void
write_file(const char *path, const char *text)
{
	FILE	*fp = fopen(path, "w");

	assert_non_null(fp);
	assert_int_equal(fputs(text, fp) >= 0, 1);
	assert_int_equal(fclose(fp), 0);
}

/* app_import_cwe with its standard error captured into err. */
static int
import(const struct fixture *f, const char *path, char *err, size_t errsz)
{
	char	tmp[128];
	int	fd, saved, rc;
	ssize_t	n;

	snprintf(tmp, sizeof(tmp), "%s/stderr", f->work);
	fflush(stderr);
	assert_true((fd = open(tmp, O_RDWR | O_CREAT | O_TRUNC, 0600)) >= 0);
	assert_true((saved = dup(2)) >= 0);
	assert_true(dup2(fd, 2) >= 0);
	rc = app_import_cwe(f->data, path);
	fflush(stderr);
	assert_true(dup2(saved, 2) >= 0);
	close(saved);
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	n = read(fd, err, errsz - 1);
	err[n > 0 ? n : 0] = '\0';
	close(fd);
	return rc;
}

/* Import text (written to the fixture's file); 0 or 1. */
static int
import_text(const struct fixture *f, const char *text, char *err, size_t errsz)
{
	write_file(f->xml, text);
	return import(f, f->xml, err, errsz);
}

static struct store *
open_store(const struct fixture *f)
{
	struct config	 cfg;
	struct store	*st;

	assert_int_equal(app_load_config(f->data, true, &cfg), 0);
	assert_non_null(st = app_open_store(&cfg));
	return st;
}

/* How many entries, and the version, now. */
static int64_t
count(const struct fixture *f, char *version, size_t vsz)
{
	struct store	*st = open_store(f);
	struct arena	*a = arena_new();
	const char	*v;
	int64_t		 n;

	assert_int_equal(store_cwe_count(st, a, &n, &v), APP_OK);
	snprintf(version, vsz, "%s", v);
	arena_free(a);
	store_close(st);
	return n;
}

#define HEAD	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
		"<Weakness_Catalog Name=\"CWE\" Version=\"9.1\" Date=\"2024-07-16\" " \
		"xmlns=\"http://cwe.mitre.org/cwe-7\">\n"

/* Three weaknesses, with what is not one around them. */
static const char cat_a[] = HEAD
"<Weaknesses>\n"
"  <Weakness ID=\"79\" Name=\"Improper Neutralization of Input During Web Page "
"Generation ('Cross-site Scripting')\" Abstraction=\"Base\" Structure=\"Simple\" "
"Status=\"Stable\">\n"
"    <Description>XSS &amp; more</Description>\n"
"    <Related_Weaknesses><Related_Weakness Nature=\"ChildOf\" CWE_ID=\"74\"/>"
"</Related_Weaknesses>\n"
"  </Weakness>\n"
"  <Weakness ID=\"89\" Name=\"Improper Neutralization of Special Elements used in an "
"SQL Command ('SQL Injection')\" Abstraction=\"Base\" Status=\"Stable\"/>\n"
"  <Weakness ID=\"1\" Name=\"Old &lt;thing&gt;\" Abstraction=\"Class\" "
"Status=\"Deprecated\"/>\n"
"</Weaknesses>\n"
"<Categories>\n"
"  <Category ID=\"1000001\" Name=\"A category\" Status=\"Draft\"/>\n"
"</Categories>\n"
"<Views><View ID=\"1000\" Name=\"Research Concepts\" Type=\"Graph\" Status=\"Draft\"/>"
"</Views>\n"
"<External_References><Weakness ID=\"5\" Name=\"not in Weaknesses\"/></External_References>\n"
"</Weakness_Catalog>\n";

/* Two, one of them renamed, in a later version. */
static const char cat_b[] = HEAD
"<Weaknesses>\n"
"  <Weakness ID=\"79\" Name=\"XSS, renamed\" Abstraction=\"Base\" Status=\"Draft\"/>\n"
"  <Weakness ID=\"20\" Name=\"Improper Input Validation\" Abstraction=\"Class\" "
"Status=\"Stable\"/>\n"
"</Weaknesses>\n"
"</Weakness_Catalog>\n";

static void
test_cwe_import__small_catalogue(void **state)
{
	struct fixture		*f = *state;
	struct store		*st;
	struct arena		*a;
	struct cwe_entry	 e;
	char			 err[1024], v[32];

	assert_int_equal(import_text(f, cat_a, err, sizeof(err)), 0);
	assert_int_equal(count(f, v, sizeof(v)), 3);
	assert_string_equal(v, "9.1");
	st = open_store(f);
	a = arena_new();
	assert_int_equal(store_cwe_get(st, a, 79, &e), APP_OK);
	assert_non_null(strstr(e.name, "('Cross-site Scripting')"));
	assert_string_equal(e.abstraction, "Base");
	assert_string_equal(e.status, "Stable");
	assert_string_equal(e.version, "9.1");
	assert_int_equal(store_cwe_get(st, a, 1, &e), APP_OK);
	assert_string_equal(e.name, "Old <thing>");	/* entities decoded */
	/* Neither the category, the view, nor a <Weakness> outside <Weaknesses>. */
	assert_int_equal(store_cwe_get(st, a, 1000001, &e), APP_NOTFOUND);
	assert_int_equal(store_cwe_get(st, a, 1000, &e), APP_NOTFOUND);
	assert_int_equal(store_cwe_get(st, a, 5, &e), APP_NOTFOUND);
	arena_free(a);
	store_close(st);
}

static void
test_cwe_import__reimport_replaces(void **state)
{
	struct fixture		*f = *state;
	struct store		*st;
	struct arena		*a;
	struct cwe_entry	 e;
	char			 err[1024], v[32], *b;

	assert_int_equal(import_text(f, cat_a, err, sizeof(err)), 0);
	b = strdup(cat_b);
	assert_non_null(b);
	memcpy(strstr(b, "9.1"), "9.2", 3);
	assert_int_equal(import_text(f, b, err, sizeof(err)), 0);
	free(b);
	assert_int_equal(count(f, v, sizeof(v)), 2);
	assert_string_equal(v, "9.2");
	st = open_store(f);
	a = arena_new();
	assert_int_equal(store_cwe_get(st, a, 79, &e), APP_OK);
	assert_string_equal(e.name, "XSS, renamed");
	assert_string_equal(e.status, "Draft");
	assert_int_equal(store_cwe_get(st, a, 20, &e), APP_OK);
	assert_int_equal(store_cwe_get(st, a, 89, &e), APP_NOTFOUND);
	arena_free(a);
	store_close(st);
}

/* Each refused file leaves cat_a as it was; err must contain want. */
struct refusal {
	const char	*xml;
	const char	*want;
};

static void
expect_refused(const struct fixture *f, const char *xml, const char *want)
{
	char	err[2048], v[32];

	if (import_text(f, xml, err, sizeof(err)) != 1)
		fail_msg("accepted: %s", xml);
	if (strstr(err, want) == NULL)
		fail_msg("error \"%s\" does not say \"%s\"", err, want);
	if (strstr(err, "unchanged") == NULL)
		fail_msg("error \"%s\" does not say the list is unchanged", err);
	assert_int_equal(count(f, v, sizeof(v)), 3);
	assert_string_equal(v, "9.1");
}

static void
test_cwe_import__malformed_keeps_previous(void **state)
{
	struct fixture	*f = *state;
	char		 err[1024];

	assert_int_equal(import_text(f, cat_a, err, sizeof(err)), 0);
	/* The weakness opened on line 4 is never closed: line 5 closes another. */
	expect_refused(f, HEAD "<Weaknesses>\n<Weakness ID=\"7\" Name=\"x\">\n"
	    "</Weaknesses>\n</Weakness_Catalog>\n", "mismatched tag (line 5, column 2)");
	expect_refused(f, HEAD "<Weaknesses>\n<Weakness ID=\"7\" Name=\"x\"/>\n",
	    "not well-formed XML");	/* truncated */
	expect_refused(f, "", "not well-formed XML");
	expect_refused(f, "just text\n", "not well-formed XML");
	expect_refused(f, HEAD "<Weaknesses><Weakness ID=\"7\" Name=\"a & b\"/>"
	    "</Weaknesses></Weakness_Catalog>", "line 3");
	/* Entities: no DOCTYPE at all (billion laughs, external entities). */
	expect_refused(f, "<?xml version=\"1.0\"?>\n<!DOCTYPE Weakness_Catalog [\n"
	    "<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n"
	    "<Weakness_Catalog Version=\"1\"><Weaknesses><Weakness ID=\"7\" Name=\"&b;\"/>"
	    "</Weaknesses></Weakness_Catalog>\n", "DOCTYPE");
	expect_refused(f, "<?xml version=\"1.0\"?>\n<!DOCTYPE Weakness_Catalog SYSTEM "
	    "\"file:///etc/passwd\">\n<Weakness_Catalog Version=\"1\"><Weaknesses>"
	    "<Weakness ID=\"7\" Name=\"x\"/></Weaknesses></Weakness_Catalog>\n", "DOCTYPE");
}

static void
test_cwe_import__not_a_catalogue(void **state)
{
	struct fixture	*f = *state;
	char		 err[1024];

	assert_int_equal(import_text(f, cat_a, err, sizeof(err)), 0);
	expect_refused(f, "<?xml version=\"1.0\"?>\n<Attack_Pattern_Catalog Version=\"3.9\">"
	    "<Weaknesses><Weakness ID=\"7\" Name=\"x\"/></Weaknesses>"
	    "</Attack_Pattern_Catalog>\n", "not a CWE catalogue");
	expect_refused(f, "<Weakness_Catalog><Weaknesses><Weakness ID=\"7\" Name=\"x\"/>"
	    "</Weaknesses></Weakness_Catalog>", "no Version");
	expect_refused(f, "<Weakness_Catalog Version=\"4 15\"><Weaknesses>"
	    "<Weakness ID=\"7\" Name=\"x\"/></Weaknesses></Weakness_Catalog>", "no Version");
	expect_refused(f, HEAD "<Weaknesses/><Categories><Category ID=\"2\" Name=\"c\"/>"
	    "</Categories></Weakness_Catalog>", "no <Weakness> entries");
}

/* A catalogue of one weakness with the given attributes. */
static char *
one(const char *attrs)
{
	static const char	 fmt[] = HEAD "<Weaknesses>\n<Weakness %s/>\n</Weaknesses>\n"
				    "</Weakness_Catalog>\n";
	size_t			 n = sizeof(fmt) + strlen(attrs);
	char			*s = malloc(n);

	if (s != NULL)
		snprintf(s, n, fmt, attrs);
	return s;
}

static void
test_cwe_import__bounds(void **state)
{
	static const struct refusal bad[] = {
		{ "ID=\"0\" Name=\"x\"", "no ID from 1 to 10000000 (line 4)" },
		{ "ID=\"-1\" Name=\"x\"", "no ID from 1 to" },
		{ "ID=\"10000001\" Name=\"x\"", "no ID from 1 to" },
		{ "ID=\"99999999999999999999\" Name=\"x\"", "no ID from 1 to" },
		{ "ID=\"079\" Name=\"x\"", "no ID from 1 to" },
		{ "ID=\"7 \" Name=\"x\"", "no ID from 1 to" },
		{ "ID=\"CWE-7\" Name=\"x\"", "no ID from 1 to" },
		{ "ID=\"\" Name=\"x\"", "no ID from 1 to" },
		{ "Name=\"x\"", "no ID from 1 to" },
		{ "ID=\"7\"", "CWE-7 has no Name" },
		{ "ID=\"7\" Name=\"\"", "CWE-7 has no Name" },
		{ "ID=\"7\" Name=\"a&#10;b\"", "control characters" },
		{ "ID=\"7\" Name=\"x\" Status=\"Very Stable\"", "not a short word" },
		{ "ID=\"7\" Name=\"x\" Abstraction=\"ABCDEFGHIJABCDEFGHIJABCDEFGHIJAB\"",
		    "not a short word" },
	};
	struct fixture	*f = *state;
	char		 err[1024], attrs[700], v[32], *x;
	size_t		 i;

	assert_int_equal(import_text(f, cat_a, err, sizeof(err)), 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_non_null(x = one(bad[i].xml));
		expect_refused(f, x, bad[i].want);
		free(x);
	}
	/* A name of 513 bytes is refused, and one of 512 taken. */
	memcpy(attrs, "ID=\"7\" Name=\"", 13);
	memset(attrs + 13, 'n', 513);
	memcpy(attrs + 13 + 513, "\"", 2);
	assert_non_null(x = one(attrs));
	expect_refused(f, x, "the name of CWE-7 is over 512 bytes");
	free(x);
	memcpy(attrs + 13 + 512, "\"", 2);
	assert_non_null(x = one(attrs));
	assert_int_equal(import_text(f, x, err, sizeof(err)), 0);
	free(x);
	assert_int_equal(count(f, v, sizeof(v)), 1);
	/* The largest id is taken too. */
	assert_int_equal(import_text(f, cat_a, err, sizeof(err)), 0);
	assert_non_null(x = one("ID=\"10000000\" Name=\"x\""));
	assert_int_equal(import_text(f, x, err, sizeof(err)), 0);
	free(x);
	assert_int_equal(count(f, v, sizeof(v)), 1);
	/* An id twice. */
	assert_int_equal(import_text(f, cat_a, err, sizeof(err)), 0);
	expect_refused(f, HEAD "<Weaknesses>\n<Weakness ID=\"7\" Name=\"x\"/>\n"
	    "<Weakness ID=\"8\" Name=\"y\"/>\n<Weakness ID=\"7\" Name=\"z\"/>\n"
	    "</Weaknesses></Weakness_Catalog>", "CWE-7 appears twice (lines 4 and 6)");
	/* No such file. */
	assert_int_equal(import(f, "/nonexistent/cwe.xml", err, sizeof(err)), 1);
	assert_non_null(strstr(err, "cannot open '/nonexistent/cwe.xml'"));
}

/* Names that hold LIKE's wildcards, to show they are taken literally. */
static const char cat_like[] = HEAD
"<Weaknesses>\n"
"  <Weakness ID=\"89\" Name=\"SQL Injection\" Status=\"Stable\"/>\n"
"  <Weakness ID=\"564\" Name=\"SQL Injection: Hibernate\" Status=\"Incomplete\"/>\n"
"  <Weakness ID=\"3\" Name=\"Old SQL thing\" Status=\"Deprecated\"/>\n"
"  <Weakness ID=\"400\" Name=\"Uses 100% of a CPU\"/>\n"
"  <Weakness ID=\"401\" Name=\"Bad_Name in C\"/>\n"
"  <Weakness ID=\"402\" Name=\"Back\\slash\"/>\n"
"  <Weakness ID=\"403\" Name=\"Bad Name in C\"/>\n"
"</Weaknesses>\n"
"</Weakness_Catalog>\n";

/* The ids store_cwe_search gives, in order, as "89,564,3". */
static void
search(struct store *st, int64_t id, const char *q, const char *want)
{
	struct arena		*a = arena_new();
	struct cwe_entry	*e;
	char			 got[256] = "";
	size_t			 n, i, len;

	assert_int_equal(store_cwe_search(st, a, id, q, 50, &e, &n), APP_OK);
	for (i = 0; i < n; i++) {
		len = strlen(got);
		snprintf(got + len, sizeof(got) - len, "%s%lld", i ? "," : "",
		    (long long)e[i].id);
	}
	if (strcmp(got, want) != 0)
		fail_msg("search(%lld, \"%s\") = \"%s\", want \"%s\"", (long long)id, q,
		    got, want);
	arena_free(a);
}

static void
test_cwe_import__search(void **state)
{
	struct fixture	*f = *state;
	struct store	*st;
	char		 err[1024];

	assert_int_equal(import_text(f, cat_like, err, sizeof(err)), 0);
	st = open_store(f);
	search(st, 89, "", "89");
	search(st, 564, "", "564");
	search(st, 999, "", "");
	search(st, -1, "", "");
	/* By name, any case; deprecated last. */
	search(st, -1, "SQL", "89,564,3");
	search(st, -1, "sql injection", "89,564");
	/* The exact id first, then the name matches. */
	search(st, 564, "SQL", "564,89,3");
	/* LIKE's wildcards and the escape character are literal. */
	search(st, -1, "%", "400");
	search(st, -1, "_", "401");
	search(st, -1, "Bad_", "401");
	search(st, -1, "\\", "402");
	search(st, -1, "100%", "400");
	search(st, -1, "S%L", "");
	search(st, -1, "S_L", "");
	store_close(st);
}

static void
test_cwe_import__real_catalogue(void **state)
{
	const char		*path = LOUDONG_SHARED_DATA "/cwe/cwec_v4.15.xml";
	struct fixture		*f = *state;
	struct store		*st;
	struct arena		*a;
	struct cwe_entry	 e;
	char			 err[1024], v[32];

	if (access(path, R_OK) != 0) {
		fprintf(stderr, "%s is absent: skipped\n", path);
		skip();
	}
	if (import(f, path, err, sizeof(err)) != 0)
		fail_msg("import failed: %s", err);
	assert_true(count(f, v, sizeof(v)) >= 900);
	assert_string_equal(v, "4.15");
	st = open_store(f);
	a = arena_new();
	assert_int_equal(store_cwe_get(st, a, 79, &e), APP_OK);
	assert_non_null(strstr(e.name, "Cross-site Scripting"));
	assert_string_equal(e.abstraction, "Base");
	assert_string_equal(e.status, "Stable");
	/* Categories are not loaded: CWE-16 is the category "Configuration". */
	assert_int_equal(store_cwe_get(st, a, 16, &e), APP_NOTFOUND);
	/* 4.15 has four names with "SQL" in them; the id asked for comes first. */
	search(st, -1, "SQL", "89,564,566,1073");
	search(st, 566, "sql", "566,89,564,1073");
	search(st, 1073, "", "1073");
	arena_free(a);
	store_close(st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_cwe_import__small_catalogue, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_cwe_import__reimport_replaces, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_cwe_import__malformed_keeps_previous,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_cwe_import__not_a_catalogue, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_cwe_import__bounds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cwe_import__search, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cwe_import__real_catalogue, setup,
		    teardown),
	};

	if (crypto_init() != 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
