/*
 * App vulnerabilities (issue 9): the app fields of 报送, reports and
 * products, end to end.
 *
 *  - A registry configured as a library of apps (CAPPVD: specialisation
 *    app, id prefix CAPPVD, its name) receives 报送 with app fields: ids
 *    CAPPVD-<YYYY>-<seq>; without [registry] app_required_fields (app_name,
 *    app_platform) a 报送 is refused naming the field (rule R40); a package
 *    that is no reverse domain name on Android is refused.  Staff search
 *    what was received by ?app= (name, package or developer, ASCII case
 *    ignored, wildcards literal) and ?platform=, on the API and on the web
 *    list (a column 应用); the 报送 page shows the app; verifying works.
 *  - On any instance a report accepts the app fields (optional, checked),
 *    returns them, is found by them, and its page shows them; the web form
 *    has the fieldset and names a bad field.
 *  - A provider sending to CAPPVD: a product's app (PUT .../app) pre-fills
 *    the case's 报送, and an advisory drafted from the case carries it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixtures.h"
#include "harness.h"

#define KNOWN_AT	"2026-11-21T08:04:05+08:00"

/* A complete 报送 for the registry with app members (JSON text after a comma, or ""). */
static char *
record(const char *name, const char *app)
{
	char	*out = malloc(4096);

	assert_non_null(out);
	snprintf(out, 4096, "{\"reference\":\"MALL-C-2026-000001\",\"name\":\"%s\","
	    "\"product_name\":\"示例商城\",\"product_model\":\"-\",\"product_versions\":\"5.1\","
	    "\"technical_characteristics\":\"订单接口未鉴权。\",\"harm\":\"读取他人订单。\","
	    "\"impact_scope\":\"全部用户。\",\"vendor\":\"示例科技\",\"grade\":\"high\","
	    "\"contact_name\":\"示例 PSIRT\",\"contact_email\":\"psirt@mall.example\","
	    "\"known_at\":\"" KNOWN_AT "\"%s}", name, app);
	return out;
}

static struct resp *
receive(struct srv *s, const struct cred *who, const char *key, const char *name,
    const char *app)
{
	char		*body = record(name, app), hdr[200];
	struct resp	*r;

	snprintf(hdr, sizeof(hdr), "Idempotency-Key: %s", key);
	r = api(s, "POST", "/api/v1/submissions", who, body, hdr, NULL);
	free(body);
	return r;
}

/* Whether the problem's "errors" name field. */
static bool
errors_name(struct resp *r, const char *field)
{
	json_t	*e = json_object_get(resp_json(r), "errors"), *v;
	size_t	 i;

	json_array_foreach(e, i, v)
		if (fx_jstr(v, "field") != NULL && strcmp(fx_jstr(v, "field"), field) == 0)
			return true;
	return false;
}

/* The library ids a list answer holds, joined by spaces. */
static void
ids_of(struct resp *r, const char *key, char *out, size_t outsz)
{
	json_t	*items = json_object_get(resp_json(r), "items"), *v;
	size_t	 i, n = 0;

	out[0] = '\0';
	json_array_foreach(items, i, v)
		n += (size_t)snprintf(out + n, n < outsz ? outsz - n : 0, "%s ",
		    fx_jstr(v, key) != NULL ? fx_jstr(v, key) : "?");
}

/* GET the registry list with a query; the ids found must be exactly want ("a b "). */
static void
search(struct srv *s, const struct cred *who, const char *query, const char *want)
{
	struct resp	*r = fx_call(s, who, "GET", NULL, 200, "/api/v1/submissions%s", query);
	char		 got[512];

	ids_of(r, "library_id", got, sizeof(got));
	if (strcmp(got, want) != 0)
		fail_msg("GET /api/v1/submissions%s: '%s', want '%s'", query, got, want);
	fx_done(r);
}

static void
test_app_fields__library_of_apps(void **state)
{
	struct srv	*s = *state;
	struct cred	 bot, nina;
	struct resp	*r;
	json_t		*o, *rec;
	char		 mall[64], mini[64], photo[64], want[256], cookie[256], path[128];

	srv_init(s);
	fx_org_add(s, "mall-psirt", "示例科技 PSIRT", "provider");
	fx_person(s, "mall-bot", "vendor", "mall-psirt", "Mall federation", "bot@mall.example",
	    &bot);
	fx_person(s, "nina", "coordinator", NULL, "Nina Registrar", "nina@cappvd.example", &nina);
	srv_start(s, (const char *[]){ "LOUDONG_INSTANCE_ROLE=registry",
	    "LOUDONG_REGISTRY_SPECIALISATION=app", "LOUDONG_REGISTRY_ID_PREFIX=CAPPVD",
	    "LOUDONG_REGISTRY_LIBRARY_NAME=CAPPVD漏洞库", NULL });

	/* [registry] app_required_fields: app_name and app_platform (R40). */
	r = receive(s, &bot, "key-mall-0001", "订单越权", ",\"app_name\":\"示例商城\"");
	assert_problem_rule(r, 400, "R40");
	assert_string_equal(resp_jstr(r, "field"), "app_platform");
	assert_true(errors_name(r, "app_platform"));
	fx_done(r);
	r = receive(s, &bot, "key-mall-0001", "订单越权", "");
	assert_problem_rule(r, 400, "R40");
	assert_string_equal(resp_jstr(r, "field"), "app_name");
	assert_true(errors_name(r, "app_name"));
	assert_true(errors_name(r, "app_platform"));
	fx_done(r);
	/* A platform of the six; an Android package is a reverse domain name. */
	r = receive(s, &bot, "key-mall-0001", "订单越权",
	    ",\"app_name\":\"示例商城\",\"app_platform\":\"symbian\"");
	assert_problem_field(r, 400, "app_platform");
	fx_done(r);
	r = receive(s, &bot, "key-mall-0001", "订单越权",
	    ",\"app_name\":\"示例商城\",\"app_platform\":\"android\",\"app_package\":\"mall app\"");
	assert_problem_field(r, 400, "app_package");
	fx_done(r);
	/* Nothing was received meanwhile. */
	search(s, &nina, "", "");

	/* Three received: an Android app, a 小程序, an iOS app. */
	r = receive(s, &bot, "key-mall-0001", "订单越权",
	    ",\"app_name\":\"示例商城\",\"app_package\":\"com.example.mall\","
	    "\"app_version\":\"5.1.0\",\"app_platform\":\"android\","
	    "\"app_store\":\"https://store.example.cn/app/mall\",\"app_developer\":\"示例科技\"");
	assert_status(r, 201);
	o = resp_json(r);
	snprintf(mall, sizeof(mall), "%s", fx_jstr(o, "library_id"));
	assert_true(fx_matches(mall, "^CAPPVD-[0-9]{4}-[0-9]{6}$"));
	assert_string_equal(fx_jstr(o, "app_platform"), "android");
	assert_string_equal(fx_jstr(o, "app_package"), "com.example.mall");
	fx_done(r);
	r = receive(s, &bot, "key-mall-0002", "登录绕过",
	    ",\"app_name\":\"示例商城小程序\",\"app_package\":\"wx0123456789abcdef\","
	    "\"app_platform\":\"miniprogram\",\"app_developer\":\"示例科技\"");
	assert_status(r, 201);
	snprintf(mini, sizeof(mini), "%s", resp_jstr(r, "library_id"));
	fx_done(r);
	r = receive(s, &bot, "key-mall-0003", "任意文件读取",
	    ",\"app_name\":\"Photo 100%\",\"app_package\":\"com.pixelsoft.photo\","
	    "\"app_platform\":\"ios\",\"app_developer\":\"PixelSoft Ltd\"");
	assert_status(r, 201);
	snprintf(photo, sizeof(photo), "%s", resp_jstr(r, "library_id"));
	fx_done(r);

	/* Searched by the app: name, package or developer; and by platform. */
	snprintf(want, sizeof(want), "%s %s %s ", photo, mini, mall);
	search(s, &nina, "", want);
	snprintf(want, sizeof(want), "%s ", mall);
	search(s, &nina, "?platform=android", want);
	search(s, &nina, "?app=%E7%A4%BA%E4%BE%8B%E5%95%86%E5%9F%8E&platform=android", want);
	search(s, &nina, "?app=EXAMPLE.MALL", want);	/* the package, case ignored */
	snprintf(want, sizeof(want), "%s ", mini);
	search(s, &nina, "?platform=miniprogram", want);
	snprintf(want, sizeof(want), "%s ", photo);
	search(s, &nina, "?app=pixelsoft", want);	/* the developer */
	search(s, &nina, "?app=100%25", want);		/* % is literal */
	snprintf(want, sizeof(want), "%s %s ", mini, mall);
	search(s, &nina, "?app=%E7%A4%BA%E4%BE%8B", want);	/* 示例: name and developer */
	search(s, &nina, "?app=%25%25", "");
	search(s, &nina, "?app=_", "");			/* _ is literal too */
	search(s, &nina, "?platform=harmonyos", "");
	search(s, &nina, "?state=verified&platform=ios", "");
	snprintf(want, sizeof(want), "%s ", photo);
	search(s, &nina, "?state=received&platform=ios&app=Photo", want);
	r = fx_call(s, &nina, "GET", NULL, 400, "/api/v1/submissions?platform=symbian");
	assert_problem_field(r, 400, "platform");
	fx_done(r);
	/* The list carries the app, as its column does. */
	r = fx_call(s, &nina, "GET", NULL, 200, "/api/v1/submissions?platform=miniprogram");
	o = json_array_get(json_object_get(resp_json(r), "items"), 0);
	assert_string_equal(fx_jstr(o, "app_name"), "示例商城小程序");
	assert_string_equal(fx_jstr(o, "app_developer"), "示例科技");
	fx_done(r);

	/* One 报送: the app in its record and at the top. */
	r = fx_call(s, &nina, "GET", NULL, 200, "/api/v1/submissions/%s", mall);
	o = resp_json(r);
	assert_string_equal(fx_jstr(o, "app_store"), "https://store.example.cn/app/mall");
	rec = json_object_get(o, "record");
	assert_string_equal(fx_jstr(rec, "app_version"), "5.1.0");
	assert_string_equal(fx_jstr(rec, "app_platform"), "android");
	fx_done(r);
	/* Verified (the unit that sent it, if any, is credited in the same step). */
	r = fx_call(s, &nina, "POST", "{\"state\":\"verified\"}", 200,
	    "/api/v1/submissions/%s/decision", mall);
	assert_string_equal(resp_jstr(r, "state"), "verified");
	fx_done(r);

	/* The web list: the 应用 column and the same filters. */
	web_login(s, "nina", TEST_PASSWORD, cookie, sizeof(cookie));
	r = web_page(s, "/submissions?app=%E7%A4%BA%E4%BE%8B&platform=android", cookie, "zh-CN");
	assert_status(r, 200);
	assert_contains(r->body, mall);
	assert_not_contains(r->body, mini);
	assert_not_contains(r->body, photo);
	assert_contains(r->body, "<th scope=\"col\">应用</th>");
	assert_contains(r->body, "Android（安卓）");
	assert_contains(r->body, "name=\"platform\"");
	fx_done(r);
	r = web_page(s, "/submissions?platform=miniprogram", cookie, "zh-CN");
	assert_status(r, 200);
	assert_contains(r->body, mini);
	assert_contains(r->body, "小程序");
	assert_not_contains(r->body, mall);
	fx_done(r);
	/* The 报送's page shows the app. */
	snprintf(path, sizeof(path), "/submissions/%s", photo);
	r = web_page(s, path, cookie, "en");
	assert_status(r, 200);
	assert_contains(r->body, "com.pixelsoft.photo");
	assert_contains(r->body, "PixelSoft Ltd");
	assert_contains(r->body, "iOS");
	fx_done(r);
}

static void
test_app_fields__reports_carry_the_app(void **state)
{
	struct srv	*s = *state;
	struct cred	 rita, cora;
	struct resp	*r;
	struct web_form	 f;
	json_t		*o;
	char		 rid[32], plain[32], want[128], got[512], cookie[256], path[64];
	char		 csrf[128];

	srv_init(s);
	fx_person(s, "rita", "reporter", NULL, "Rita Reporter", "rita@example.org", &rita);
	fx_person(s, "cora", "coordinator", NULL, "Cora Coordinator", "cora@x.example", &cora);
	srv_start(s, (const char *[]){ "LOUDONG_INSTANCE_ROLE=provider", NULL });

	/* Optional everywhere, and checked. */
	r = fx_call(s, &rita, "POST", "{\"title\":\"越权\",\"kind\":\"generic\","
	    "\"product\":\"示例商城\",\"description\":\"订单接口未鉴权。\","
	    "\"app_platform\":\"android\",\"app_package\":\"示例\"}", 400, "/api/v1/reports");
	assert_problem_field(r, 400, "app_package");
	fx_done(r);
	r = fx_call(s, &rita, "POST", "{\"title\":\"越权\",\"kind\":\"generic\","
	    "\"product\":\"示例商城\",\"description\":\"订单接口未鉴权。\","
	    "\"app_platform\":\"wechat\"}", 400, "/api/v1/reports");
	assert_true(errors_name(r, "app_platform"));
	fx_done(r);
	r = fx_call(s, &rita, "POST", "{\"title\":\"越权\",\"kind\":\"generic\","
	    "\"product\":\"示例商城\",\"description\":\"订单接口未鉴权。\","
	    "\"app_name\":\"示例商城\",\"app_package\":\"com.example.mall\","
	    "\"app_version\":\"5.1.0\",\"app_platform\":\"android\","
	    "\"app_store\":\"华为应用市场\",\"app_developer\":\"示例科技\"}", 201,
	    "/api/v1/reports");
	snprintf(rid, sizeof(rid), "%s", resp_jstr(r, "id"));
	fx_done(r);
	r = fx_call(s, &rita, "POST", "{\"title\":\"Overflow\",\"kind\":\"generic\","
	    "\"product\":\"AX Router\",\"description\":\"A stack overflow.\"}", 201,
	    "/api/v1/reports");
	snprintf(plain, sizeof(plain), "%s", resp_jstr(r, "id"));
	fx_done(r);

	/* Read back by its reporter. */
	r = fx_call(s, &rita, "GET", NULL, 200, "/api/v1/reports/%s", rid);
	o = resp_json(r);
	assert_string_equal(fx_jstr(o, "app_name"), "示例商城");
	assert_string_equal(fx_jstr(o, "app_package"), "com.example.mall");
	assert_string_equal(fx_jstr(o, "app_platform"), "android");
	assert_string_equal(fx_jstr(o, "app_store"), "华为应用市场");
	fx_done(r);
	r = fx_call(s, &rita, "GET", NULL, 200, "/api/v1/reports/%s", plain);
	assert_string_equal(resp_jstr(r, "app_platform"), "");
	fx_done(r);

	/* The staff list, searched by the app. */
	snprintf(want, sizeof(want), "%s ", rid);
	r = fx_call(s, &cora, "GET", NULL, 200, "/api/v1/reports?app=MALL");
	ids_of(r, "id", got, sizeof(got));
	assert_string_equal(got, want);
	fx_done(r);
	r = fx_call(s, &cora, "GET", NULL, 200, "/api/v1/reports?platform=android");
	ids_of(r, "id", got, sizeof(got));
	assert_string_equal(got, want);
	fx_done(r);
	r = fx_call(s, &cora, "GET", NULL, 200, "%s",
	    "/api/v1/reports?app=%E7%A4%BA%E4%BE%8B%E7%A7%91%E6%8A%80");	/* 示例科技 */
	ids_of(r, "id", got, sizeof(got));
	assert_string_equal(got, want);
	fx_done(r);
	r = fx_call(s, &cora, "GET", NULL, 200, "/api/v1/reports?platform=ios");
	ids_of(r, "id", got, sizeof(got));
	assert_string_equal(got, "");
	fx_done(r);
	r = fx_call(s, &cora, "GET", NULL, 200, "/api/v1/reports");
	ids_of(r, "id", got, sizeof(got));
	snprintf(want, sizeof(want), "%s %s ", plain, rid);
	assert_string_equal(got, want);
	fx_done(r);
	r = fx_call(s, &cora, "GET", NULL, 400, "/api/v1/reports?platform=Android");
	assert_problem_field(r, 400, "platform");
	fx_done(r);

	/* The report's page shows the app; the staff list has the column. */
	web_login(s, "rita", TEST_PASSWORD, cookie, sizeof(cookie));
	snprintf(path, sizeof(path), "/reports/%s", rid);
	r = web_page(s, path, cookie, "zh-CN");
	assert_status(r, 200);
	assert_contains(r->body, "com.example.mall");
	assert_contains(r->body, "华为应用市场");
	assert_contains(r->body, "Android（安卓）");
	assert_contains(r->body, "应用名称");
	fx_done(r);

	/* The form: the fieldset, and a bad field named beside it (422). */
	r = web_page(s, "/reports/new", cookie, "zh-CN");
	assert_status(r, 200);
	assert_contains(r->body, "应用信息");
	assert_contains(r->body, "name=\"app_package\"");
	assert_contains(r->body, "<option value=\"quickapp\">快应用</option>");
	assert_true(web_form_csrf(r->body, csrf, sizeof(csrf)));
	fx_done(r);
	memset(&f, 0, sizeof(f));
	web_form_add(&f, "csrf", csrf);
	web_form_add(&f, "title", "越权访问");
	web_form_add(&f, "kind", "generic");
	web_form_add(&f, "product", "示例商城");
	web_form_add(&f, "description", "订单接口未鉴权。");
	web_form_add(&f, "app_name", "示例商城");
	web_form_add(&f, "app_platform", "ios");
	web_form_add(&f, "app_package", "not a bundle id");
	r = web_post_form(s, "/reports/new", cookie, &f, "en");
	assert_status(r, 422);
	assert_contains(r->body, "reverse domain name");
	assert_contains(r->body, "value=\"not a bundle id\"");
	assert_contains(r->body, "<details class=\"app-fields\" open>");
	fx_done(r);
	memset(&f, 0, sizeof(f));
	web_form_add(&f, "csrf", csrf);
	web_form_add(&f, "title", "越权访问");
	web_form_add(&f, "kind", "generic");
	web_form_add(&f, "product", "示例商城");
	web_form_add(&f, "description", "订单接口未鉴权。");
	web_form_add(&f, "app_name", "示例商城 iOS");
	web_form_add(&f, "app_platform", "ios");
	web_form_add(&f, "app_package", "com.example.mall-ios");
	r = web_post_form(s, "/reports/new", cookie, &f, "en");
	assert_status(r, 303);
	fx_done(r);
	r = fx_call(s, &cora, "GET", NULL, 200, "/api/v1/reports?platform=ios");
	o = json_array_get(json_object_get(resp_json(r), "items"), 0);
	assert_non_null(o);
	assert_string_equal(fx_jstr(o, "app_package"), "com.example.mall-ios");
	assert_string_equal(fx_jstr(o, "channel"), "web");
	fx_done(r);
	/* The staff's web list: the app filters and the 应用 column. */
	web_login(s, "cora", TEST_PASSWORD, cookie, sizeof(cookie));
	r = web_page(s, "/reports?platform=android", cookie, "zh-CN");
	assert_status(r, 200);
	assert_contains(r->body, rid);
	assert_not_contains(r->body, plain);
	assert_contains(r->body, "<th scope=\"col\">应用</th>");
	assert_contains(r->body, "name=\"app\"");
	fx_done(r);
	r = web_page(s, "/reports?app=PIXEL", cookie, "zh-CN");
	assert_status(r, 200);
	assert_not_contains(r->body, rid);
	fx_done(r);
}

static void
test_app_fields__product_app_prefills_and_publishes(void **state)
{
	struct srv	*s = *state;
	struct cred	 adam, rita, cora, vic;
	struct resp	*r;
	json_t		*o, *p;
	char		 rid[32], cid[64], adv[64], body[128], cookie[256], path[128];
	long long	 pid, sid;

	srv_init(s);
	fx_org_add(s, "mall", "示例科技", "provider");
	fx_person(s, "adam", "admin", NULL, "Adam Admin", "adam@x.example", &adam);
	fx_person(s, "rita", "reporter", NULL, "Rita Reporter", "rita@example.org", &rita);
	fx_person(s, "cora", "coordinator", NULL, "Cora Coordinator", "cora@x.example", &cora);
	fx_person(s, "vic", "vendor", "mall", "Vic Vendor", "vic@mall.example", &vic);
	srv_start(s, (const char *[]){ "LOUDONG_INSTANCE_ROLE=provider",
	    "LOUDONG_FEDERATION_TARGET_LIBRARY=CAPPVD", NULL });

	r = fx_call(s, &adam, "POST", "{\"name\":\"示例商城\",\"versions\":\"5.x\"}", 201,
	    "/api/v1/admin/orgs/mall/products");
	pid = (long long)json_integer_value(json_object_get(resp_json(r), "id"));
	fx_done(r);
	/* The product's app: checked, set by its organisation's member or staff. */
	r = fx_call(s, &vic, "PUT", "{\"app_platform\":\"android\",\"app_package\":\"x\"}", 400,
	    "/api/v1/products/%lld/app", pid);
	assert_problem_field(r, 400, "app_package");
	fx_done(r);
	fx_done(fx_call(s, &rita, "PUT", "{\"app_platform\":\"android\"}", 403,
	    "/api/v1/products/%lld/app", pid));
	r = fx_call(s, &vic, "PUT", "{\"app_platform\":\"android\",\"app_package\":"
	    "\"com.example.mall\",\"app_store\":\"https://store.example.cn/app/mall\","
	    "\"app_developer\":\"示例科技有限公司\"}", 200, "/api/v1/products/%lld/app", pid);
	assert_string_equal(resp_jstr(r, "app_platform"), "android");
	fx_done(r);
	r = fx_call(s, &cora, "GET", NULL, 200, "/api/v1/products/%lld", pid);
	assert_string_equal(resp_jstr(r, "app_package"), "com.example.mall");
	assert_string_equal(resp_jstr(r, "app_developer"), "示例科技有限公司");
	fx_done(r);

	/* A case about it. */
	r = fx_call(s, &rita, "POST", "{\"title\":\"订单越权\",\"kind\":\"generic\","
	    "\"vendor\":\"示例科技\",\"product\":\"示例商城\",\"versions\":\"5.1\","
	    "\"description\":\"订单接口未鉴权。\",\"impact\":\"读取他人订单。\"}", 201,
	    "/api/v1/reports");
	snprintf(rid, sizeof(rid), "%s", resp_jstr(r, "id"));
	fx_done(r);
	r = fx_call(s, &cora, "POST", "{\"decision\":\"accept\"}", 200,
	    "/api/v1/reports/%s/triage", rid);
	snprintf(cid, sizeof(cid), "%s", resp_jstr(r, "case"));
	fx_done(r);
	snprintf(body, sizeof(body), "{\"product\":%lld,\"versions\":\"< 5.2.0\"}", pid);
	fx_done(fx_call(s, &cora, "POST", body, 201, "/api/v1/cases/%s/products", cid));

	/* Its 报送 for CAPPVD, drafted from the product's app. */
	r = fx_call(s, &cora, "POST", NULL, 201, "/api/v1/cases/%s/submission", cid);
	sid = (long long)json_integer_value(json_object_get(resp_json(r), "id"));
	fx_done(r);
	r = fx_call(s, &cora, "GET", NULL, 200, "/api/v1/submissions/%lld", sid);
	o = json_object_get(resp_json(r), "record");
	assert_string_equal(fx_jstr(o, "target_library"), "CAPPVD");
	assert_string_equal(fx_jstr(o, "app_name"), "示例商城");
	assert_string_equal(fx_jstr(o, "app_package"), "com.example.mall");
	assert_string_equal(fx_jstr(o, "app_platform"), "android");
	assert_string_equal(fx_jstr(o, "app_version"), "< 5.2.0");
	assert_string_equal(fx_jstr(o, "app_developer"), "示例科技有限公司");
	fx_done(r);
	/* Edited like any field; a bad package refused, naming it. */
	r = fx_call(s, &cora, "PUT", "{\"app_package\":\"com example\"}", 400,
	    "/api/v1/submissions/%lld", sid);
	assert_problem_field(r, 400, "app_package");
	fx_done(r);
	fx_done(fx_call(s, &cora, "PUT", "{\"app_version\":\"5.1.0\"}", 200,
	    "/api/v1/submissions/%lld", sid));
	r = fx_call(s, &cora, "GET", NULL, 200, "/api/v1/submissions/%lld", sid);
	assert_string_equal(fx_jstr(json_object_get(resp_json(r), "record"), "app_version"),
	    "5.1.0");
	fx_done(r);

	/* An advisory drafted from the case carries the app. */
	r = fx_call(s, &cora, "POST", NULL, 201, "/api/v1/cases/%s/advisory", cid);
	snprintf(adv, sizeof(adv), "%s", resp_jstr(r, "id"));
	fx_done(r);
	r = fx_call(s, &cora, "GET", NULL, 200, "/api/v1/advisories/%s/draft", adv);
	o = json_object_get(resp_json(r), "advisory");
	p = json_array_get(json_object_get(o, "products"), 0);
	if (p == NULL)
		fail_msg("no product in %s", r->body);
	assert_string_equal(fx_jstr(p, "app_platform"), "android");
	assert_string_equal(fx_jstr(p, "app_package"), "com.example.mall");
	assert_string_equal(fx_jstr(p, "app_store"), "https://store.example.cn/app/mall");
	fx_done(r);
	/* The advisory's page lists the products that are apps. */
	web_login(s, "cora", TEST_PASSWORD, cookie, sizeof(cookie));
	snprintf(path, sizeof(path), "/staff/advisories/%s", adv);
	r = web_page(s, path, cookie, "zh-CN");
	assert_status(r, 200);
	assert_contains(r->body, "<table class=\"data adv-apps\">");
	assert_contains(r->body, "<code>com.example.mall</code>");
	assert_contains(r->body, "示例科技有限公司");
	assert_contains(r->body, "href=\"https://store.example.cn/app/mall\"");
	fx_done(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_app_fields__library_of_apps, srv_setup,
		    srv_teardown),
		cmocka_unit_test_setup_teardown(test_app_fields__reports_carry_the_app, srv_setup,
		    srv_teardown),
		cmocka_unit_test_setup_teardown(test_app_fields__product_app_prefills_and_publishes,
		    srv_setup, srv_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
