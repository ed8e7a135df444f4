/*
 * 备案 end to end (issue 8; 《漏洞收集平台备案管理办法》 第四条-第九条):
 * two real instances on loopback, a registry and a collection platform
 * that files with it through the outbox.
 *
 * The platform fills its dossier and files; its intake stays closed (第八条).
 * The registry asks for a 补正 listing its deficiencies; the platform reads
 * it back, answers it and resubmits; the registry approves within its review
 * clock (第五条), mints the 备案编号 and notifies 公安部 and 网信办.  The
 * number then shows in the platform's footer on every page, intake opens,
 * and the registry's public list (page, JSON, CSV) shows the platform.  The
 * platform changes its URL and files the change (第六条), which the registry
 * approves into its list; then it deregisters (第七条) and the registry's
 * list shows it deregistered.  A complaint about it (第九条) is taken and
 * handled.  No page or public output of either instance carries the
 * sponsor's ID number.
 */
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "fixtures.h"
#include "harness.h"
#include "httpsink.h"

#define ID_NUMBER	"91310000MA1FL4XQ7K"
#define WAIT_S		30

/* Every item of the built-in field set but the documents. */
#define DOSSIER \
	"{\"fields\":{\"platform.name\":\"白帽漏洞收集平台\"," \
	"\"platform.url\":\"https://bugs.example.cn/\"," \
	"\"platform.icp\":\"沪ICP备2026001234号\"," \
	"\"platform.channels\":\"https://bugs.example.cn/advisories\"," \
	"\"sponsor.kind\":\"单位\",\"sponsor.name\":\"白帽安全技术有限公司\"," \
	"\"sponsor.id_number\":\"" ID_NUMBER "\"," \
	"\"principal.name\":\"赵一\",\"principal.phone\":\"+86 21 6000 0001\"," \
	"\"principal.email\":\"zhao@example.cn\",\"contact.name\":\"钱二\"," \
	"\"contact.phone\":\"021-6000 0002\",\"contact.email\":\"psirt@example.cn\"," \
	"\"collection.scope\":\"通用型网络产品安全漏洞\"," \
	"\"collection.method\":\"网页表单与 API\"," \
	"\"mlps.filing_number\":\"31010000000-00002\",\"mlps.level\":\"第三级\"," \
	"\"standards.applied\":\"GB/T 30279-2020\"}}"

static const char *const doc_keys[] = {
	"rules.verification", "rules.repair_notice", "rules.publication", "rules.identity",
	"rules.classification", "mlps.materials",
};
#define NDOCS	(sizeof(doc_keys) / sizeof(doc_keys[0]))

struct e2e {
	struct srv	*reg, *plat;
	struct httpsink	*mps, *cac;	/* 公安部's and 网信办's notice endpoints */
	struct cred	 nina;		/* the registry's reviewer */
	struct cred	 bot;		/* the platform's account at the registry */
	struct cred	 ada, rita;	/* the platform's admin and a reporter */
	char		 ada_web[200];
};

static int
setup(void **state)
{
	struct e2e	*t;
	void		*p;

	if ((t = calloc(1, sizeof(*t))) == NULL)
		return -1;
	*state = t;
	if (srv_setup(&p) != 0)
		return -1;
	t->reg = p;
	if (srv_setup(&p) != 0)
		return -1;
	t->plat = p;
	return 0;
}

static int
teardown(void **state)
{
	struct e2e	*t = *state;
	void		*p;

	if (t == NULL)
		return 0;
	/* The platform first: it posts to the registry, which posts to the sinks. */
	p = t->plat;
	srv_teardown(&p);
	p = t->reg;
	srv_teardown(&p);
	sink_stop(t->mps);
	sink_stop(t->cac);
	free(t);
	*state = NULL;
	return 0;
}

static void
sleep_ms(long ms)
{
	struct timespec	ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* YYYY-MM-DD in China time, days from today. */
static void
cst_day(int days, char out[16])
{
	time_t		t = time(NULL) + 8 * 3600 + (time_t)days * 86400;
	struct tm	tm;

	gmtime_r(&t, &tm);
	strftime(out, 16, "%Y-%m-%d", &tm);
}

/* The platform's filing as its admin sees it (caller frees r). */
static json_t *
pfiling(struct e2e *t, struct resp **r)
{
	*r = fx_call(t->plat, &t->ada, "GET", NULL, 200, "/api/v1/filing");
	return resp_json(*r);
}

/*
 * Read the registry's answer back (the refresh button) until the
 * platform's status is want.
 */
static void
wait_status(struct e2e *t, const char *want)
{
	struct resp	*r;
	const char	*got = "";
	char		 last[64] = "";
	int		 i;

	for (i = 0; i < WAIT_S * 10; i++) {
		r = api(t->plat, "POST", "/api/v1/filing/refresh", &t->ada, NULL, NULL);
		if (r->status == 200 && (got = resp_jstr(r, "status")) != NULL) {
			snprintf(last, sizeof(last), "%s", got);
			if (strcmp(got, want) == 0) {
				resp_free(r);
				return;
			}
		}
		resp_free(r);
		sleep_ms(100);
	}
	fail_msg("the platform's filing never became %s (last %s)", want, last);
}

/* The platform's current application id, once the registry answered the delivery. */
static void
wait_app_id(struct e2e *t, const char *not, char *out, size_t outsz)
{
	struct resp	*r;
	const char	*id;
	int		 i;

	for (i = 0; i < WAIT_S * 10; i++) {
		id = fx_jstr(json_object_get(pfiling(t, &r), "application"), "id");
		if (id != NULL && id[0] != '\0' && (not == NULL || strcmp(id, not) != 0)) {
			snprintf(out, outsz, "%s", id);
			fx_done(r);
			return;
		}
		fx_done(r);
		sleep_ms(100);
	}
	fail_msg("the registry's application id never came back");
}

/* The registry's application as its reviewer sees it (caller frees r). */
static json_t *
application(struct e2e *t, const char *id, struct resp **r)
{
	*r = fx_call(t->reg, &t->nina, "GET", NULL, 200, "/api/v1/filings/applications/%s", id);
	return resp_json(*r);
}

/* Wait until the registry's application is in state want. */
static void
wait_reg_state(struct e2e *t, const char *id, const char *want)
{
	struct resp	*r;
	int		 i;

	for (i = 0; i < WAIT_S * 10; i++) {
		if (strcmp(fx_jstr(application(t, id, &r), "state"), want) == 0) {
			fx_done(r);
			return;
		}
		fx_done(r);
		sleep_ms(100);
	}
	fail_msg("application %s never became %s at the registry", id, want);
}

/* A report by rita on the platform (the go-live gate decides). */
static struct resp *
report(struct e2e *t)
{
	return api(t->plat, "POST", "/api/v1/reports", &t->rita, "{\"title\":\"XSS in the "
	    "portal\",\"kind\":\"generic\",\"vendor\":\"Acme\",\"product\":\"Portal\","
	    "\"description\":\"The search box reflects its input unescaped.\"}", NULL);
}

/* The public entry of the registry's list with this number, or NULL (o owns it). */
static json_t *
listed(json_t *o, const char *number)
{
	json_t	*e;
	size_t	 i;

	json_array_foreach(json_object_get(o, "items"), i, e)
		if (fx_jstr(e, "number") != NULL && strcmp(fx_jstr(e, "number"), number) == 0)
			return e;
	return NULL;
}

/* Every request a sink got carries the facts, and never the ID number. */
static void
notified(struct httpsink *k, const char *number, const char *event)
{
	struct sink_req	 sr;
	size_t		 i, n;
	bool		 seen = false;
	int		 tries;

	for (tries = 0; tries < WAIT_S * 10 && !seen; tries++) {
		n = sink_count(k);
		for (i = 0; i < n; i++) {
			assert_true(sink_request(k, i, &sr));
			assert_null(strstr(sr.body, ID_NUMBER));
			if (strstr(sr.body, number) != NULL && strstr(sr.body, event) != NULL)
				seen = true;
			sink_req_free(&sr);
		}
		if (!seen)
			sleep_ms(100);
	}
	if (!seen)
		fail_msg("no %s notice for %s", event, number);
}

/* A page or document never shows the sponsor's ID number; pages carry a footer. */
static void
clean(struct resp *r, const char *what)
{
	assert_int_equal(r->status, 200);
	if (strstr(r->body, ID_NUMBER) != NULL)
		fail_msg("%s shows the sponsor's ID number", what);
}

static void
test_filing_e2e__file_change_deregister_complain(void **state)
{
	struct e2e	*t = *state;
	const char	*renv[12], *penv[12];
	const char	*ppages[] = { "/", "/login", "/advisories", "/.well-known/security.txt",
			    "/api/v1/meta" };
	const char	*rpages[] = { "/filings", "/api/v1/filings/public",
			    "/api/v1/filings/public.csv", "/", "/complaints/new" };
	char		 mps[160], cac[160], url[160], tok[200], app1[40], app2[40], app3[40];
	char		 number[80], body[1024], day[16], today[16], cid[40], due[40];
	struct resp	*r;
	json_t		*o, *e, *items;
	size_t		 i;

	/* The registry, notifying two sinks standing in for 公安部 and 网信办. */
	srv_init(t->reg);
	fx_org_add(t->reg, "baimao", "白帽安全技术有限公司", "platform");
	fx_person(t->reg, "baimao-bot", "vendor", "baimao", "白帽平台接口", "psirt@example.cn",
	    &t->bot);
	fx_person(t->reg, "nina", "coordinator", NULL, "Nina Registrar", "nina@registry.example",
	    &t->nina);
	t->mps = sink_start();
	t->cac = sink_start();
	snprintf(mps, sizeof(mps), "LOUDONG_FILING_NOTIFY_MPS=http://127.0.0.1:%d/mps",
	    sink_port(t->mps));
	snprintf(cac, sizeof(cac), "LOUDONG_FILING_NOTIFY_CAC=http://127.0.0.1:%d/cac",
	    sink_port(t->cac));
	renv[0] = "LOUDONG_INSTANCE_ROLE=registry";
	renv[1] = "LOUDONG_INSTANCE_NAME=漏洞收集平台备案（测试）";
	renv[2] = mps;
	renv[3] = cac;
	renv[4] = "LOUDONG_OUTBOX_POLL_INTERVAL_MS=100";
	renv[5] = "LOUDONG_OUTBOX_BACKOFF_SECONDS=1";
	renv[6] = "LOUDONG_DEADLINES_SCHEDULER_INTERVAL=1";
	renv[7] = NULL;
	srv_start(t->reg, renv);

	/* The platform, filing with that registry; no test-installation switch. */
	srv_init(t->plat);
	fx_person(t->plat, "ada", "admin", NULL, "Ada Admin", "ada@example.cn", &t->ada);
	fx_person(t->plat, "rita", "reporter", NULL, "Rita Reporter", "rita@example.org",
	    &t->rita);
	snprintf(url, sizeof(url), "LOUDONG_FEDERATION_REGISTRY_URL=%s", t->reg->base);
	snprintf(tok, sizeof(tok), "LOUDONG_FEDERATION_REGISTRY_TOKEN=%s", t->bot.bearer);
	penv[0] = url;
	penv[1] = tok;
	penv[2] = "LOUDONG_FILING_OPEN_INTAKE_UNFILED=false";
	penv[3] = "LOUDONG_OUTBOX_POLL_INTERVAL_MS=100";
	penv[4] = "LOUDONG_OUTBOX_BACKOFF_SECONDS=1";
	penv[5] = "LOUDONG_FILING_POLL_SECONDS=10";
	penv[6] = NULL;
	srv_start(t->plat, penv);
	web_login(t->plat, "ada", TEST_PASSWORD, t->ada_web, sizeof(t->ada_web));

	/* Not filed: public intake is closed (第八条). */
	r = report(t);
	assert_int_equal(r->status, 403);
	assert_non_null(strstr(r->body, "办法 第八条"));
	resp_free(r);

	/* The dossier and its rule documents; then the filing goes out. */
	fx_done(fx_call(t->plat, &t->ada, "PUT", DOSSIER, 200, "/api/v1/filing"));
	for (i = 0; i < NDOCS; i++) {
		snprintf(body, sizeof(body), "{\"name\":\"%s.txt\",\"content_base64\":"
		    "\"566s5LiA54mI5Lym5YiZCg==\"}", doc_keys[i]);	/* "第一版规则\n" */
		fx_done(fx_call(t->plat, &t->ada, "PUT", body, 200, "/api/v1/filing/documents/%s",
		    doc_keys[i]));
	}
	fx_done(fx_call(t->plat, &t->ada, "POST", "{\"note\":\"首次备案\"}", 200,
	    "/api/v1/filing/submit"));
	wait_app_id(t, NULL, app1, sizeof(app1));
	assert_true(fx_matches(app1, "^BA-[0-9]{4}-[0-9]{6}$"));

	/* At the registry: complete, under review with its 10-working-day clock. */
	o = application(t, app1, &r);
	assert_string_equal(fx_jstr(o, "kind"), "initial");
	assert_string_equal(fx_jstr(o, "state"), "submitted");
	assert_non_null(fx_jstr(o, "review_due_at"));
	/* The reviewer sees the ID number; the applicant never gets it back. */
	assert_string_equal(fx_jstr(json_object_get(o, "fields"), "sponsor.id_number"), ID_NUMBER);
	fx_done(r);
	r = fx_call(t->reg, &t->bot, "GET", NULL, 200, "/api/v1/filings/applications/%s", app1);
	clean(r, "the applicant's view of its application");
	fx_done(r);

	/* A 补正 listing every deficiency at once (R24). */
	fx_done(fx_call(t->reg, &t->nina, "POST", "{\"items\":["
	    "{\"field\":\"rules.publication\",\"note\":\"发布规则未写明境外提供的限制\"},"
	    "{\"field\":\"contact.phone\",\"note\":\"联系电话无法接通\"}]}", 200,
	    "/api/v1/filings/applications/%s/supplement", app1));
	wait_status(t, "supplement_requested");
	o = pfiling(t, &r);
	items = json_object_get(json_object_get(o, "application"), "deficiencies");
	assert_int_equal(json_array_size(items), 2);
	fx_done(r);
	r = web_page(t->plat, "/staff/filing", t->ada_web, NULL);
	assert_non_null(strstr(r->body, "发布规则未写明境外提供的限制"));
	assert_non_null(strstr(r->body, "联系电话无法接通"));
	resp_free(r);

	/* The platform answers it: a new rule document and phone, resubmitted. */
	fx_done(fx_call(t->plat, &t->ada, "PUT", "{\"name\":\"发布规则（第二版）.txt\","
	    "\"content_base64\":\"56ys5LqM54mI6KeE5YiZCg==\"}", 200,
	    "/api/v1/filing/documents/rules.publication"));
	fx_done(fx_call(t->plat, &t->ada, "PUT", "{\"fields\":{\"contact.phone\":"
	    "\"021-6000 0003\"}}", 200, "/api/v1/filing"));
	fx_done(fx_call(t->plat, &t->ada, "POST", "{}", 200, "/api/v1/filing/submit"));
	wait_reg_state(t, app1, "resubmitted");

	/* Approved within its clock: the number, the list, the notices. */
	o = application(t, app1, &r);
	assert_non_null(fx_jstr(o, "review_due_at"));
	snprintf(due, sizeof(due), "%s", fx_jstr(o, "review_due_at"));
	fx_done(r);
	r = fx_call(t->reg, &t->nina, "POST", "{\"note\":\"材料齐全，予以备案\"}", 200,
	    "/api/v1/filings/applications/%s/approve", app1);
	o = resp_json(r);
	assert_string_equal(fx_jstr(o, "state"), "approved");
	snprintf(number, sizeof(number), "%s", fx_jstr(json_object_get(o, "filing"), "number"));
	fx_done(r);
	assert_true(fx_matches(number, "^LDBA[0-9]{4}[0-9]{5}$"));
	o = application(t, app1, &r);
	/* Decided before its review clock was due (RFC 3339 UTC strings sort as times). */
	assert_non_null(fx_jstr(o, "decided_at"));
	assert_true(strcmp(fx_jstr(o, "decided_at"), due) < 0);
	fx_done(r);
	notified(t->mps, number, "filed");
	notified(t->cac, number, "filed");

	/* The platform reads it back: filed, its number on every page, intake open. */
	wait_status(t, "filed");
	for (i = 0; i < sizeof(ppages) / sizeof(ppages[0]); i++) {
		r = http(t->plat, "GET", ppages[i], NULL, NULL);
		clean(r, ppages[i]);
		assert_non_null(strstr(r->body, number));
		resp_free(r);
	}
	r = web_page(t->plat, "/staff/filing", t->ada_web, NULL);
	assert_non_null(strstr(r->body, number));
	resp_free(r);
	r = report(t);
	assert_int_equal(r->status, 201);
	resp_free(r);

	/* On the registry's public list, page, JSON and CSV alike, without the ID number. */
	for (i = 0; i < sizeof(rpages) / sizeof(rpages[0]); i++) {
		r = http(t->reg, "GET", rpages[i], NULL, NULL);
		clean(r, rpages[i]);
		if (i < 3) {
			assert_non_null(strstr(r->body, number));
			assert_non_null(strstr(r->body, "白帽漏洞收集平台"));
			assert_non_null(strstr(r->body, "沪ICP备2026001234号"));
		}
		resp_free(r);
	}
	r = http(t->reg, "GET", "/api/v1/filings/public", NULL, NULL);
	assert_non_null(e = listed(resp_json(r), number));
	assert_string_equal(fx_jstr(e, "status"), "filed");
	assert_string_equal(fx_jstr(e, "url"), "https://bugs.example.cn/");
	assert_string_equal(fx_jstr(e, "sponsor"), "白帽安全技术有限公司");
	resp_free(r);

	/* The URL changes two days ago: a change task with its 30-day clock (第六条). */
	cst_day(-2, day);
	snprintf(body, sizeof(body), "{\"fields\":{\"platform.url\":\"https://vuln.example.cn/\"},"
	    "\"change_date\":\"%s\"}", day);
	o = resp_json(r = fx_call(t->plat, &t->ada, "PUT", body, 200, "/api/v1/filing"));
	e = json_array_get(json_object_get(o, "changes"), 0);
	assert_string_equal(fx_jstr(e, "state"), "open");
	assert_non_null(fx_jstr(json_object_get(e, "clock"), "due_at"));
	fx_done(r);
	/* Until the registry confirms it, the filed URL stays the public one (R22). */
	fx_done(fx_call(t->plat, &t->ada, "POST", "{}", 200, "/api/v1/filing/change"));
	wait_app_id(t, app1, app2, sizeof(app2));
	o = application(t, app2, &r);
	assert_string_equal(fx_jstr(o, "kind"), "change");
	assert_string_equal(fx_jstr(o, "state"), "submitted");
	fx_done(r);
	r = http(t->reg, "GET", "/api/v1/filings/public", NULL, NULL);
	assert_string_equal(fx_jstr(listed(resp_json(r), number), "url"),
	    "https://bugs.example.cn/");
	resp_free(r);
	fx_done(fx_call(t->reg, &t->nina, "POST", "{}", 200,
	    "/api/v1/filings/applications/%s/approve", app2));
	r = http(t->reg, "GET", "/api/v1/filings/public", NULL, NULL);
	assert_string_equal(fx_jstr(listed(resp_json(r), number), "url"),
	    "https://vuln.example.cn/");
	resp_free(r);
	notified(t->mps, number, "changed");
	wait_status(t, "filed");
	o = pfiling(t, &r);
	assert_string_equal(fx_jstr(json_array_get(json_object_get(o, "changes"), 0), "state"),
	    "confirmed");
	assert_string_equal(fx_jstr(o, "number"), number);
	fx_done(r);

	/* The business ends today (第七条): open cases handed over, then deregistered. */
	fx_done(fx_call(t->plat, &t->ada, "POST", "{\"to\":\"国家信息安全漏洞共享平台\"}", 200,
	    "/api/v1/filing/handover"));
	cst_day(0, today);
	snprintf(body, sizeof(body), "{\"end_date\":\"%s\",\"note\":\"停止漏洞收集业务\"}", today);
	o = resp_json(r = fx_call(t->plat, &t->ada, "POST", body, 200, "/api/v1/filing/deregister"));
	assert_string_equal(fx_jstr(o, "status"), "deregistration_pending");
	fx_done(r);
	r = report(t);
	assert_int_equal(r->status, 403);
	resp_free(r);
	wait_app_id(t, app2, app3, sizeof(app3));
	o = application(t, app3, &r);
	assert_string_equal(fx_jstr(o, "kind"), "deregistration");
	fx_done(r);
	fx_done(fx_call(t->reg, &t->nina, "POST", "{}", 200,
	    "/api/v1/filings/applications/%s/approve", app3));
	/* The end date is today: the list shows it deregistered (the scheduler, at once). */
	for (i = 0; i < WAIT_S * 10; i++) {
		r = http(t->reg, "GET", "/api/v1/filings/public", NULL, NULL);
		e = listed(resp_json(r), number);
		if (e != NULL && strcmp(fx_jstr(e, "status"), "deregistered") == 0)
			break;
		resp_free(r);
		r = NULL;
		sleep_ms(100);
	}
	assert_non_null(r);
	assert_string_equal(fx_jstr(e, "deregistered_on"), today);
	resp_free(r);
	notified(t->cac, number, "deregistered");
	wait_status(t, "deregistered");
	r = http(t->reg, "GET", "/filings", NULL, NULL);
	clean(r, "/filings after the deregistration");
	assert_non_null(strstr(r->body, number));
	resp_free(r);

	/* A complaint about the platform (第九条): taken, assigned, investigated, closed. */
	snprintf(body, sizeof(body), "{\"platform_name\":\"白帽漏洞收集平台\","
	    "\"platform_url\":\"https://vuln.example.cn/\",\"filing_number\":\"%s\","
	    "\"category\":\"unauthorised_publication\",\"description\":\"注销后仍在发布未修补漏洞的细节。\"}",
	    number);
	r = api(t->reg, "POST", "/api/v1/complaints", NULL, body, NULL);
	assert_int_equal(r->status, 201);
	snprintf(cid, sizeof(cid), "%s", resp_jstr(r, "id"));
	resp_free(r);
	fx_done(fx_call(t->reg, &t->nina, "POST", "{\"assignee\":\"nina\"}", 200,
	    "/api/v1/complaints/%s/assign", cid));
	fx_done(fx_call(t->reg, &t->nina, "POST", "{\"note\":\"已核实页面仍在更新。\"}", 201,
	    "/api/v1/complaints/%s/notes", cid));
	o = resp_json(r = fx_call(t->reg, &t->nina, "POST", "{\"outcome\":\"substantiated\","
	    "\"note\":\"移交主管部门处理。\"}", 200, "/api/v1/complaints/%s/close", cid));
	assert_string_equal(fx_jstr(o, "state"), "closed");
	assert_string_equal(fx_jstr(o, "outcome"), "substantiated");
	fx_done(r);
	o = resp_json(r = fx_call(t->reg, &t->nina, "GET", NULL, 200,
	    "/api/v1/complaints?platform=%s", "%E7%99%BD%E5%B8%BD"));	/* 白帽 */
	assert_true(json_array_size(json_object_get(o, "items")) >= 1);
	fx_done(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_filing_e2e__file_change_deregister_complain,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
