/*
 * domain/appinfo (issue 9): the app fields of reports, 报送 and products:
 * the platforms and their labels, the checks (lengths, encodings, the
 * package's reverse-DNS form on android, ios and harmonyos), the required
 * list of a library of apps, and the app fields of the 报送 and report
 * records (appended to the 报送 field table, checked by sub_check and
 * report_check).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/pack.h"
#include "domain/advisory.h"
#include "domain/appinfo.h"
#include "domain/report.h"
#include "domain/submission.h"
#include "i18n/i18n.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static struct appinfo
app(const char *name, const char *pkg, const char *ver, const char *plat, const char *store,
    const char *dev)
{
	struct appinfo	a = { { name, pkg, ver, plat, store, dev } };

	return a;
}

/* The one problem of a, or MSG_OK; fails on more than one. */
static enum msg_id
only_problem(const struct appinfo *a, enum app_field *field)
{
	struct app_problem	pr[AF__MAX];
	size_t			n = appinfo_check(a, pr);

	if (n > 1)
		fail_msg("%zu problems, first %s on %s", n, msg_name(pr[0].msg),
		    app_fields[pr[0].field].key);
	if (n == 0)
		return MSG_OK;
	if (field != NULL)
		*field = pr[0].field;
	return pr[0].msg;
}

static void
test_appinfo__platforms(void **state)
{
	static const char *const names[] = { "android", "ios", "harmonyos", "miniprogram",
	    "official_account", "quickapp" };
	static const char *const en[] = { "Android", "iOS", "HarmonyOS", "Mini Program",
	    "Official Account", "Quick App" };
	size_t	i;
	int	p;

	(void)state;
	assert_int_equal(APLAT__MAX, 7);
	for (i = 0; i < NELEM(names); i++) {
		p = app_platform_parse(str_from(names[i]));
		assert_int_equal(p, (int)i + 1);
		assert_string_equal(app_platform_name((enum app_platform)p), names[i]);
		assert_string_equal(app_platform_en((enum app_platform)p), en[i]);
		assert_true(app_platform_label((enum app_platform)p) != MSG_OK);
	}
	assert_int_equal(app_platform_parse(str_from("")), APLAT_NONE);
	assert_int_equal(app_platform_parse(str_from("Android")), -1);
	assert_int_equal(app_platform_parse(str_from("wechat")), -1);
	assert_string_equal(app_platform_name(APLAT__MAX), "");
	/* The labels the pages show: Chinese for the Chinese platforms. */
	assert_string_equal(msg(LANG_ZH, app_platform_label(APLAT_MINIPROGRAM)), "小程序");
	assert_string_equal(msg(LANG_ZH, app_platform_label(APLAT_OFFICIAL_ACCOUNT)), "公众号");
	assert_string_equal(msg(LANG_ZH, app_platform_label(APLAT_QUICKAPP)), "快应用");
	assert_string_equal(msg(LANG_EN, app_platform_label(APLAT_IOS)), "iOS");
	assert_string_equal(app_platform_zh(APLAT_QUICKAPP), "快应用");
	assert_string_equal(app_platform_zh(APLAT_HARMONYOS), "HarmonyOS");
}

static void
test_appinfo__fields(void **state)
{
	static const char *const keys[AF__MAX] = { "app_name", "app_package", "app_version",
	    "app_platform", "app_store", "app_developer" };
	struct appinfo	a = app(NULL, "", "  ", NULL, NULL, NULL);
	int		i;

	(void)state;
	for (i = 0; i < AF__MAX; i++) {
		assert_string_equal(app_fields[i].key, keys[i]);
		assert_int_equal(app_field_parse(str_from(keys[i])), i);
	}
	assert_int_equal(app_field_parse(str_from("app")), -1);
	/* NULL, "" and spaces are all empty; appinfo_get never answers NULL. */
	assert_true(appinfo_empty(&a));
	assert_true(appinfo_empty(NULL));
	assert_string_equal(appinfo_get(&a, AF_NAME), "");
	assert_string_equal(appinfo_get(NULL, AF_STORE), "");
	a.v[AF_DEVELOPER] = "某公司";
	assert_false(appinfo_empty(&a));
	a.v[AF_PLATFORM] = "ios";
	assert_int_equal(appinfo_platform(&a), APLAT_IOS);
	a.v[AF_PLATFORM] = "IOS";
	assert_int_equal(appinfo_platform(&a), APLAT_NONE);
}

static void
test_appinfo__check_table(void **state)
{
	static const struct {
		const char	*plat, *pkg;
		enum msg_id	 want;
	} pkgs[] = {
		{ "android", "com.example.app", MSG_OK },
		{ "android", "com.tencent.mm", MSG_OK },
		{ "ios", "com.apple.Mobile-Safari", MSG_OK },
		{ "harmonyos", "com.huawei.hmos.browser_2", MSG_OK },
		{ "android", "example", MSG_ERR_APP_PACKAGE },		/* one part */
		{ "android", "com..example", MSG_ERR_APP_PACKAGE },	/* an empty part */
		{ "android", "com.example.", MSG_ERR_APP_PACKAGE },
		{ "ios", ".com.example", MSG_ERR_APP_PACKAGE },
		{ "ios", "1com.example", MSG_ERR_APP_PACKAGE },	/* starts with a digit */
		{ "harmonyos", "com.example app", MSG_ERR_APP_PACKAGE },
		{ "android", "com.例子.app", MSG_ERR_APP_PACKAGE },
		/* Free text on the other platforms, and when no platform is said. */
		{ "miniprogram", "wx1234567890abcdef", MSG_OK },
		{ "official_account", "gh_0123456789ab", MSG_OK },
		{ "quickapp", "某快应用", MSG_OK },
		{ "", "whatever it is", MSG_OK },
		{ "android", "", MSG_OK },
	};
	char		long_name[APP_NAME_MAX * 3 + 8], max_name[APP_NAME_MAX * 3 + 1];
	char		long_pkg[APP_PACKAGE_MAX + 2];
	struct appinfo	a;
	enum app_field	f;
	size_t		i;

	(void)state;
	for (i = 0; i < NELEM(pkgs); i++) {
		a = app("应用", pkgs[i].pkg, "1.0", pkgs[i].plat, NULL, NULL);
		f = AF__MAX;
		if (only_problem(&a, &f) != pkgs[i].want)
			fail_msg("%s on %s: %s, want %s", pkgs[i].pkg, pkgs[i].plat,
			    msg_name(only_problem(&a, NULL)), msg_name(pkgs[i].want));
		if (pkgs[i].want != MSG_OK)
			assert_int_equal(f, AF_PACKAGE);
	}
	/* The platform is one of the six names. */
	a = app("x", NULL, NULL, "wechat", NULL, NULL);
	assert_int_equal(only_problem(&a, &f), MSG_ERR_APP_PLATFORM);
	assert_int_equal(f, AF_PLATFORM);
	/* Characters, not bytes: 128 Chinese characters fit, 129 do not. */
	for (i = 0; i < APP_NAME_MAX; i++)
		memcpy(max_name + 3 * i, "应", 3);
	max_name[3 * APP_NAME_MAX] = '\0';
	a = app(max_name, NULL, NULL, NULL, NULL, NULL);
	assert_int_equal(only_problem(&a, NULL), MSG_OK);
	snprintf(long_name, sizeof(long_name), "%s%s", max_name, "用");
	a = app(long_name, NULL, NULL, NULL, NULL, NULL);
	assert_int_equal(only_problem(&a, &f), MSG_ERR_FIELD_TOO_LONG);
	assert_int_equal(f, AF_NAME);
	memset(long_pkg, 'a', sizeof(long_pkg) - 1);
	long_pkg[sizeof(long_pkg) - 1] = '\0';
	a = app(NULL, long_pkg, NULL, "quickapp", NULL, NULL);
	assert_int_equal(only_problem(&a, &f), MSG_ERR_FIELD_TOO_LONG);
	assert_int_equal(f, AF_PACKAGE);
	/* One line, no controls, well-formed UTF-8. */
	a = app(NULL, NULL, "1.0\n2.0", NULL, NULL, NULL);
	assert_int_equal(only_problem(&a, &f), MSG_ERR_FIELD_ENCODING);
	assert_int_equal(f, AF_VERSION);
	a = app(NULL, NULL, NULL, NULL, "\xff\xfe", NULL);
	assert_int_equal(only_problem(&a, &f), MSG_ERR_FIELD_ENCODING);
	assert_int_equal(f, AF_STORE);
	a = app(NULL, NULL, NULL, NULL, NULL, "a\tb");
	assert_int_equal(only_problem(&a, &f), MSG_ERR_FIELD_ENCODING);
	assert_int_equal(f, AF_DEVELOPER);
}

static void
test_appinfo__check_names_every_field(void **state)
{
	struct appinfo		a = app("\x01", "bad pkg", "\x7f", "nope", "\x02", "\x03");
	struct app_problem	pr[AF__MAX];
	size_t			n;
	bool			seen[AF__MAX] = { false };

	(void)state;
	/* An unknown platform: the package is free text then, so 5 problems. */
	n = appinfo_check(&a, pr);
	assert_int_equal(n, 5);
	for (size_t i = 0; i < n; i++)
		seen[pr[i].field] = true;
	assert_false(seen[AF_PACKAGE]);
	a.v[AF_PLATFORM] = "android";
	n = appinfo_check(&a, pr);
	assert_int_equal(n, 5);
	assert_int_equal(pr[n - 1].field, AF_PACKAGE);
	assert_int_equal(pr[n - 1].msg, MSG_ERR_APP_PACKAGE);
}

static void
test_appinfo__required(void **state)
{
	struct appinfo		a = app("微信", NULL, NULL, NULL, NULL, NULL);
	struct app_problem	pr[AF__MAX];
	struct str		bad;

	(void)state;
	/* The default of [registry] app_required_fields. */
	assert_int_equal(appinfo_missing(&a, "app_name,app_platform", pr), 1);
	assert_int_equal(pr[0].field, AF_PLATFORM);
	assert_int_equal(pr[0].msg, MSG_ERR_FIELD_MISSING);
	/* Spaces around names, names that are no field, "" and NULL. */
	assert_int_equal(appinfo_missing(&a, " app_package , app_store,bogus", pr), 2);
	assert_int_equal(pr[0].field, AF_PACKAGE);
	assert_int_equal(pr[1].field, AF_STORE);
	assert_int_equal(appinfo_missing(&a, "", pr), 0);
	assert_int_equal(appinfo_missing(&a, NULL, pr), 0);
	/* Blank is missing. */
	a.v[AF_PLATFORM] = " ";
	assert_int_equal(appinfo_missing(&a, "app_platform", pr), 1);
	a.v[AF_PLATFORM] = "android";
	assert_int_equal(appinfo_missing(&a, "app_name,app_platform", pr), 0);
	assert_true(appinfo_fields_known("app_name, app_platform", NULL));
	assert_false(appinfo_fields_known("app_name,app_os", &bad));
	assert_int_equal(bad.n, 6);
	assert_memory_equal(bad.p, "app_os", 6);
}

static void
test_appinfo__store_and_query(void **state)
{
	char	q[APP_QUERY_MAX + 2];

	(void)state;
	assert_true(app_store_is_url("https://apps.apple.com/cn/app/id414478124"));
	assert_true(app_store_is_url("http://app.mi.com/details?id=com.example"));
	assert_false(app_store_is_url("华为应用市场"));
	assert_false(app_store_is_url("javascript:alert(1)"));
	assert_false(app_store_is_url("https://a b"));
	assert_false(app_store_is_url(NULL));
	assert_true(app_query_ok("微信"));
	assert_true(app_query_ok(""));
	assert_false(app_query_ok("a\nb"));
	memset(q, 'q', sizeof(q) - 1);
	q[sizeof(q) - 1] = '\0';
	assert_false(app_query_ok(q));
	q[APP_QUERY_MAX] = '\0';
	assert_true(app_query_ok(q));
}

/* The 报送 record: the app fields appended, checked, and required by name. */
static void
test_appinfo__submission_fields(void **state)
{
	const char		*v[SF__MAX] = { 0 };
	struct sub_problem	 pr[SF__MAX];
	size_t			 n, i;

	(void)state;
	/* Appended after everything sealed before them. */
	assert_int_equal(SF_BEFORE_APP, SF_FORWARD_TO + 1);
	for (i = 0; i < AF__MAX; i++) {
		assert_string_equal(sub_fields[SF_APP_NAME + i].key, app_fields[i].key);
		assert_false(sub_fields[SF_APP_NAME + i].legal);
		assert_int_equal(sub_app_field((enum sub_field)(SF_APP_NAME + i)), (int)i);
	}
	assert_int_equal(sub_app_field(SF_NAME), -1);
	assert_true(sub_fields_known("app_name,app_platform,vendor", NULL));
	v[SF_NAME] = "n";
	v[SF_PRODUCT_NAME] = "p";
	v[SF_PRODUCT_MODEL] = "m";
	v[SF_PRODUCT_VERSIONS] = "1";
	v[SF_TECHNICAL] = "t";
	v[SF_HARM] = "h";
	v[SF_IMPACT_SCOPE] = "i";
	assert_true(sub_check(v, NULL, pr, &n));
	/* Required by name, like any other field ([federation] required_fields). */
	assert_false(sub_check(v, "app_platform", pr, &n));
	assert_int_equal(n, 1);
	assert_int_equal(pr[0].field, SF_APP_PLATFORM);
	assert_int_equal(pr[0].msg, MSG_ERR_FIELD_MISSING);
	/* The platform is one of the words; the package follows the platform's rule. */
	v[SF_APP_PLATFORM] = "symbian";
	assert_false(sub_check(v, NULL, pr, &n));
	assert_int_equal(n, 1);
	assert_int_equal(pr[0].field, SF_APP_PLATFORM);
	v[SF_APP_PLATFORM] = "android";
	v[SF_APP_PACKAGE] = "not a package";
	assert_false(sub_check(v, NULL, pr, &n));
	assert_int_equal(n, 1);
	assert_int_equal(pr[0].field, SF_APP_PACKAGE);
	assert_int_equal(pr[0].msg, MSG_ERR_APP_PACKAGE);
	v[SF_APP_PACKAGE] = "com.example.app";
	v[SF_APP_NAME] = "示例";
	assert_true(sub_check(v, "app_name,app_platform", pr, &n));
}

/*
 * A 报送 sealed before the app fields holds SF_BEFORE_APP strings: it does
 * not unpack as a whole new record, and does as the old one (sub_open in
 * svc/submissions.c reads it so, with the app fields empty); a new record
 * never unpacks as an old one.
 */
static void
test_appinfo__old_records_unpack(void **state)
{
	struct arena		*a = arena_new();
	const char		*old[SF__MAX] = { 0 }, *back[SF__MAX];
	const unsigned char	*p;
	size_t			 len;

	(void)state;
	old[SF_NAME] = "旧报送";
	old[SF_FORWARD_TO] = "CNVD";
	p = pack_strings(a, old, SF_BEFORE_APP, &len);
	assert_int_equal(unpack_strings(a, p, len, back, SF__MAX), -1);
	assert_int_equal(unpack_strings(a, p, len, back, SF_BEFORE_APP), 0);
	assert_string_equal(back[SF_NAME], "旧报送");
	assert_string_equal(back[SF_FORWARD_TO], "CNVD");
	old[SF_APP_PLATFORM] = "ios";
	p = pack_strings(a, old, SF__MAX, &len);
	assert_int_equal(unpack_strings(a, p, len, back, SF_BEFORE_APP), -1);
	assert_int_equal(unpack_strings(a, p, len, back, SF__MAX), 0);
	assert_string_equal(back[SF_APP_PLATFORM], "ios");
	arena_free(a);
}

/* A report's app fields: optional, checked with the rest, named by their keys. */
static void
test_appinfo__report_fields(void **state)
{
	struct report		r;
	struct report_problem	pr[REPORT_MAX_PROBLEMS];
	int			n;

	(void)state;
	memset(&r, 0, sizeof(r));
	r.title = "标题";
	r.product = "产品";
	r.kind = RKIND_GENERIC;
	r.credit = RCREDIT_ANONYMOUS;
	r.details.description = "描述";
	assert_int_equal(report_check(&r, pr, REPORT_MAX_PROBLEMS), 0);
	r.app = app("示例", "com.example", "2.1", "ios", "App Store", "示例公司");
	assert_int_equal(report_check(&r, pr, REPORT_MAX_PROBLEMS), 0);
	r.app.v[AF_PACKAGE] = "示例";
	r.app.v[AF_PLATFORM] = "blackberry";
	n = report_check(&r, pr, REPORT_MAX_PROBLEMS);
	assert_int_equal(n, 1);
	assert_string_equal(pr[0].field, "app_platform");
	r.app.v[AF_PLATFORM] = "harmonyos";
	n = report_check(&r, pr, REPORT_MAX_PROBLEMS);
	assert_int_equal(n, 1);
	assert_string_equal(pr[0].field, "app_package");
	assert_int_equal(pr[0].msg, MSG_ERR_APP_PACKAGE);
}

/* An advisory's products and their apps (the parallel array). */
static void
test_appinfo__advisory_products(void **state)
{
	struct adv_product	p[2] = { { .product = "A" }, { .product = "B" } };
	struct appinfo		apps[2] = { app(NULL, NULL, NULL, NULL, NULL, NULL),
				    app(NULL, "com.b", NULL, "android", NULL, NULL) };
	struct adv_doc		d = { .products = p, .nproducts = 2 };

	(void)state;
	assert_null(adv_product_app(&d, 1));
	d.apps = apps;
	assert_null(adv_product_app(&d, 0));
	assert_non_null(adv_product_app(&d, 1));
	assert_string_equal(appinfo_get(adv_product_app(&d, 1), AF_PACKAGE), "com.b");
	assert_null(adv_product_app(&d, 2));
	assert_null(adv_product_app(NULL, 0));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_appinfo__platforms),
		cmocka_unit_test(test_appinfo__fields),
		cmocka_unit_test(test_appinfo__check_table),
		cmocka_unit_test(test_appinfo__check_names_every_field),
		cmocka_unit_test(test_appinfo__required),
		cmocka_unit_test(test_appinfo__store_and_query),
		cmocka_unit_test(test_appinfo__submission_fields),
		cmocka_unit_test(test_appinfo__old_records_unpack),
		cmocka_unit_test(test_appinfo__report_fields),
		cmocka_unit_test(test_appinfo__advisory_products),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
