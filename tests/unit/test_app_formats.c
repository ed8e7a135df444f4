/*
 * The app fields in the advisory formats (issue 9): an advisory whose
 * products are apps carries them into CVE JSON 5 (packageName, platforms,
 * collectionURL), CSAF 2.0 (the platform in the product names, the
 * package id in the full product names, a package that is a URI in
 * x_generic_uris), OSV (database_specific) and GB/T 28458 XML (the product
 * element's extra children), and the platform's own JSON keeps them; the
 * CVE and CSAF documents still validate against their schemas (as
 * test_formats.c and test_csaf.c do; skipped without the shared data or
 * python3-jsonschema) and CSAF passes its mandatory tests.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "core/arena.h"
#include "core/sbuf.h"
#include "formats/formats.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

#define CVE_SCHEMA	LOUDONG_SHARED_DATA "/cve5/schema-cvelib/CVE_JSON_bundled_5.1.1.json"
#define OSV_SCHEMA	LOUDONG_SHARED_DATA "/osv/ossf-osv-schema/validation/schema.json"
#define CSAF_SCHEMA	LOUDONG_SHARED_DATA \
			"/csaf/oasis-tcs-csaf/csaf_2.0/json_schema/csaf_json_schema.json"

#define T_PUBLISHED	1795219200	/* 2026-11-21T00:00:00Z */

/* Three products: an Android app with a store page, a 小程序 whose id is a link, a router. */
static struct adv_product products[] = {
	{ "示例科技", "example", "示例商城", "", "< 5.2.0", "5.2.0", "", "" },
	{ "示例科技", "example", "示例商城小程序", "", "2.1", "2.2", "", "" },
	{ "Acme", "acme", "Router", "AX-1", "1.0 - 2.3", "2.4", "", "" },
};

static struct appinfo apps[] = {
	{ { "", "com.example.mall", "", "android", "https://app.example.cn/store/mall",
	    "示例科技有限公司" } },
	{ { "", "https://mp.example.cn/wx1234567890", "", "miniprogram", "微信", "示例科技" } },
	{ { "", "", "", "", "", "" } },
};

static struct adv_id ids[] = { { "CVE", "CVE-2026-23456" } };
static struct adv_cvss vectors[] = {
	{ "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 75, "HIGH" },
};
static struct adv_cwe cwes[] = { { "CWE-200", "" } };
static struct adv_ref refs[] = { { "https://vd.example.cn/advisories/CAPPVD-2026-000007", "" } };
static struct adv_revision history[] = { { 1, T_PUBLISHED, "首次发布" } };

static void
app_doc(struct adv_doc *d)
{
	memset(d, 0, sizeof(*d));
	d->id = "CAPPVD-2026-000007";
	d->version = 1;
	d->lang = "zh-CN";
	d->title = "示例商城信息泄露漏洞";
	d->summary = "示例商城的接口未鉴权，可读取他人订单。";
	d->published_at = T_PUBLISHED;
	d->updated_at = T_PUBLISHED;
	d->publisher = "CAPPVD漏洞库";
	d->publisher_url = "https://vd.example.cn";
	d->publisher_contact = "mailto:vd@example.cn";
	d->verifier = "CAPPVD漏洞库";
	d->discoverer = "李四";
	d->grade = "high";
	d->products = products;
	d->nproducts = NELEM(products);
	d->apps = apps;
	d->ids = ids;
	d->nids = NELEM(ids);
	d->cvss = vectors;
	d->ncvss = NELEM(vectors);
	d->cwes = cwes;
	d->ncwes = NELEM(cwes);
	d->solution = "升级到 5.2.0 或更高版本。";
	d->refs = refs;
	d->nrefs = NELEM(refs);
	d->history = history;
	d->nhistory = NELEM(history);
}

static const struct fmt_publisher publisher = {
	.name = "CAPPVD漏洞库",
	.base_url = "https://vd.example.cn",
	.contact = "mailto:vd@example.cn",
	.namespace_url = "https://vd.example.cn",
	.category = "coordinator",
	.cve_org_id = "",
	.cve_short_name = "",
	.osv_prefix = "",
	.tool_version = "0.1.0",
};

/* ---- helpers ---- */

static json_t *
load_json(const char *s)
{
	json_error_t	 jerr;
	json_t		*j = json_loads(s, JSON_REJECT_DUPLICATES, &jerr);

	if (j == NULL)
		fail_msg("not JSON: %s (line %d)", jerr.text, jerr.line);
	return j;
}

static bool
has_string(const json_t *arr, const char *s)
{
	size_t	 i;

	for (i = 0; i < json_array_size(arr); i++)
		if (json_is_string(json_array_get(arr, i)) &&
		    strcmp(json_string_value(json_array_get(arr, i)), s) == 0)
			return true;
	return false;
}

static const char *
str_at(const json_t *o, const char *key)
{
	const json_t	*v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

/*
 * Whether text is valid against schema: 0 valid, 1 invalid, 2 cannot tell
 * (no schema, no python3 with jsonschema).
 */
static int
schema_check(const char *schema, const char *text)
{
	char		 tmpl[] = "/tmp/test_app_formats_XXXXXX", cmd[1024];
	struct stat	 st;
	size_t		 n = strlen(text);
	int		 fd, rc;

	if (stat(schema, &st) != 0 || stat("/usr/bin/python3", &st) != 0 ||
	    system("/usr/bin/python3 -c 'import jsonschema' >/dev/null 2>&1") != 0)
		return 2;
	assert_true((fd = mkstemp(tmpl)) >= 0);
	assert_int_equal(write(fd, text, n), (ssize_t)n);
	close(fd);
	snprintf(cmd, sizeof(cmd), "%s '%s' '%s'", LOUDONG_SCHEMA_VALIDATE, schema, tmpl);
	rc = system(cmd);
	unlink(tmpl);
	if (rc == -1 || !WIFEXITED(rc))
		return 1;
	return WEXITSTATUS(rc) == 0 ? 0 : WEXITSTATUS(rc) == 2 ? 2 : 1;
}

/* ---- the tests ---- */

static void
test_app_formats__cve5_carries_the_app(void **state)
{
	struct arena	*a = arena_new();
	struct adv_doc	 d;
	struct sbuf	 out;
	const char	*why = NULL;
	json_t		*j, *aff, *p;
	int		 rc;

	(void)state;
	app_doc(&d);
	sbuf_init(&out, a, 0);
	assert_int_equal(fmt_cve5(&d, &publisher, &out, &why), 0);
	j = load_json(out.buf);
	aff = json_object_get(json_object_get(json_object_get(j, "containers"), "cna"),
	    "affected");
	assert_int_equal(json_array_size(aff), 3);
	/* The Android app: package, platform, and its store as the collection. */
	p = json_array_get(aff, 0);
	assert_string_equal(str_at(p, "packageName"), "com.example.mall");
	assert_string_equal(str_at(p, "collectionURL"), "https://app.example.cn/store/mall");
	assert_true(has_string(json_object_get(p, "platforms"), "Android"));
	assert_string_equal(str_at(p, "product"), "示例商城");
	/* The 小程序: its store is no URL, so no collectionURL. */
	p = json_array_get(aff, 1);
	assert_string_equal(str_at(p, "packageName"), "https://mp.example.cn/wx1234567890");
	assert_null(json_object_get(p, "collectionURL"));
	assert_true(has_string(json_object_get(p, "platforms"), "Mini Program"));
	/* The router is no app: none of it. */
	p = json_array_get(aff, 2);
	assert_null(json_object_get(p, "packageName"));
	assert_null(json_object_get(p, "platforms"));
	rc = schema_check(CVE_SCHEMA, out.buf);
	json_decref(j);
	arena_free(a);
	if (rc == 2)
		skip();
	assert_int_equal(rc, 0);
}

static void
test_app_formats__csaf_carries_the_app(void **state)
{
	struct arena		*a = arena_new();
	struct adv_doc		 d;
	struct sbuf		 out;
	struct csaf_finding	 f[16];
	const char		*why = NULL, *s;
	json_t			*j;
	size_t			 nf;
	int			 rc;

	(void)state;
	app_doc(&d);
	sbuf_init(&out, a, 0);
	if (fmt_csaf(&d, &publisher, &out, &why) != 0)
		fail_msg("csaf: %s", why != NULL ? why : "?");
	j = load_json(out.buf);
	s = out.buf;
	/* The platform in the product's name, the package id in the full names. */
	assert_non_null(strstr(s, "\"示例商城 (Android)\""));
	assert_non_null(strstr(s, "示例科技 示例商城 (Android) [com.example.mall]"));
	assert_non_null(strstr(s, "\"示例商城小程序 (Mini Program)\""));
	/* A package that is a URI: x_generic_uris, not the full name. */
	assert_non_null(strstr(s, "\"x_generic_uris\""));
	assert_non_null(strstr(s, "\"uri\": \"https://mp.example.cn/wx1234567890\""));
	assert_non_null(strstr(s, "\"namespace\": \"https://mp.example.cn/\""));
	assert_null(strstr(s, "[https://mp.example.cn"));
	/* The router is named as before. */
	assert_non_null(strstr(s, "\"Router AX-1\""));
	nf = csaf_mandatory_check(j, f, NELEM(f));
	for (size_t i = 0; i < nf && i < NELEM(f); i++)
		print_message("%s %s: %s\n", f[i].test, f[i].path, f[i].message);
	assert_int_equal(nf, 0);
	rc = schema_check(CSAF_SCHEMA, out.buf);
	json_decref(j);
	arena_free(a);
	if (rc == 2)
		skip();
	assert_int_equal(rc, 0);
}

static void
test_app_formats__osv_carries_the_app(void **state)
{
	struct arena	*a = arena_new();
	struct adv_doc	 d;
	struct sbuf	 out;
	const char	*why = NULL;
	json_t		*j, *aff, *ds;
	int		 rc;

	(void)state;
	app_doc(&d);
	sbuf_init(&out, a, 0);
	assert_int_equal(fmt_osv(&d, &publisher, &out, &why), 0);
	j = load_json(out.buf);
	aff = json_object_get(j, "affected");
	assert_int_equal(json_array_size(aff), 3);
	ds = json_object_get(json_array_get(aff, 0), "database_specific");
	assert_string_equal(str_at(ds, "app_package"), "com.example.mall");
	assert_string_equal(str_at(ds, "app_platform"), "android");
	assert_string_equal(str_at(ds, "app_store"), "https://app.example.cn/store/mall");
	assert_string_equal(str_at(ds, "app_developer"), "示例科技有限公司");
	ds = json_object_get(json_array_get(aff, 1), "database_specific");
	assert_string_equal(str_at(ds, "app_platform"), "miniprogram");
	ds = json_object_get(json_array_get(aff, 2), "database_specific");
	assert_null(json_object_get(ds, "app_platform"));
	rc = schema_check(OSV_SCHEMA, out.buf);
	json_decref(j);
	arena_free(a);
	if (rc == 2)
		skip();
	assert_int_equal(rc, 0);
}

static void
test_app_formats__gbt28458_carries_the_app(void **state)
{
	struct arena	*a = arena_new();
	struct adv_doc	 d;
	struct sbuf	 out;
	const char	*why = NULL, *s, *router;

	(void)state;
	app_doc(&d);
	sbuf_init(&out, a, 0);
	assert_int_equal(fmt_gbt28458(&d, &publisher, &out, &why), 0);
	s = out.buf;
	assert_non_null(strstr(s, "<appPackage>com.example.mall</appPackage>"));
	assert_non_null(strstr(s, "<appPlatform>Android</appPlatform>"));
	assert_non_null(strstr(s, "<appPlatform>小程序</appPlatform>"));
	assert_non_null(strstr(s, "<appDeveloper>示例科技有限公司</appDeveloper>"));
	/* The router's product element has none. */
	assert_non_null(router = strstr(s, "<productName>Router</productName>"));
	assert_null(strstr(router, "<appPlatform>"));
	arena_free(a);
}

/* The platform's own JSON keeps the apps, and a document without any stays as it was. */
static void
test_app_formats__own_json_round_trip(void **state)
{
	struct arena	*a = arena_new();
	struct adv_doc	 d, back;
	const char	*field = NULL;
	enum msg_id	 m = MSG_OK;
	json_t		*j, *p;

	(void)state;
	app_doc(&d);
	j = fmt_adv_json(&d);
	p = json_array_get(json_object_get(j, "products"), 0);
	assert_string_equal(str_at(p, "app_platform"), "android");
	assert_null(json_object_get(json_array_get(json_object_get(j, "products"), 2),
	    "app_platform"));
	memset(&back, 0, sizeof(back));
	if (fmt_adv_from_json(a, j, &back, &field, &m) != 0)
		fail_msg("read back: %s %s", field != NULL ? field : "?", msg_name(m));
	assert_non_null(back.apps);
	assert_string_equal(appinfo_get(adv_product_app(&back, 0), AF_PACKAGE),
	    "com.example.mall");
	assert_string_equal(appinfo_get(adv_product_app(&back, 1), AF_PLATFORM),
	    "miniprogram");
	assert_null(adv_product_app(&back, 2));
	json_decref(j);
	/* No app anywhere: no app keys, and none read back. */
	d.apps = NULL;
	j = fmt_adv_json(&d);
	assert_null(json_object_get(json_array_get(json_object_get(j, "products"), 0),
	    "app_package"));
	memset(&back, 0, sizeof(back));
	assert_int_equal(fmt_adv_from_json(a, j, &back, &field, &m), 0);
	assert_null(back.apps);
	json_decref(j);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_app_formats__cve5_carries_the_app),
		cmocka_unit_test(test_app_formats__csaf_carries_the_app),
		cmocka_unit_test(test_app_formats__osv_carries_the_app),
		cmocka_unit_test(test_app_formats__gbt28458_carries_the_app),
		cmocka_unit_test(test_app_formats__own_json_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
