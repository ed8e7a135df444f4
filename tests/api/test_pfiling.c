/*
 * 备案, platform side (issue 8; 办法 第四条-第八条; R16, R20-R23, R25, R41),
 * against a real server, with the loopback HTTP sink as a fake registry
 * (it answers the POST with an id, then whatever answer the test scripts
 * for the status read back).
 *
 * The go-live gate: intake closed before filing (API 403 with its rule,
 * the form page says so), open on a test installation with a banner on
 * every page, open with [instance] filing_number.  The dossier: every
 * problem listed, ID numbers sealed at rest and never on a page or in
 * public output, documents, the export.  Over the wire: the submission
 * (Idempotency-Key, bearer), the status read back, a 补正 shown and
 * answered, the approval (the number on every page, in the meta, in
 * security.txt; intake opens).  A change of a filed item: task, clock,
 * filing, approval.  The deregistration: open cases handed over, intake
 * closed, final.  By hand: export, the registry's answer recorded.
 * Other roles and other instance roles are refused.
 */
#include <dirent.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixtures.h"
#include "harness.h"
#include "httpsink.h"

#define ID_NUMBER	"91110000MA01ABCD2X"
#define TOKEN		"ldt_registry_token_for_the_platform_0123"
#define APP1		"BA-2026-000001"
#define NUMBER		"LDBA202600001"
#define CLOSED		"LOUDONG_FILING_OPEN_INTAKE_UNFILED=false"
#define WAIT_S		20

/* Every item of the built-in field set but the documents, valid. */
#define DOSSIER \
	"{\"fields\":{\"platform.name\":\"漏洞收集测试平台\"," \
	"\"platform.url\":\"https://vuln.example.cn/\"," \
	"\"platform.icp\":\"京ICP备2026000001号\"," \
	"\"platform.channels\":\"https://vuln.example.cn/advisories\\nhttps://weibo.example/vuln\"," \
	"\"sponsor.kind\":\"单位\",\"sponsor.name\":\"示例安全科技有限公司\"," \
	"\"sponsor.id_number\":\"" ID_NUMBER "\"," \
	"\"principal.name\":\"张三\",\"principal.phone\":\"+86 10 6512 3456\"," \
	"\"principal.email\":\"zhang@example.cn\",\"contact.name\":\"李四\"," \
	"\"contact.phone\":\"010-6512 3457\",\"contact.email\":\"vuln@example.cn\"," \
	"\"collection.scope\":\"通用型网络产品安全漏洞\"," \
	"\"collection.method\":\"网站表单与 API 提交\"," \
	"\"mlps.filing_number\":\"11010000000-00001\",\"mlps.level\":\"第三级\"," \
	"\"standards.applied\":\"GB/T 30279-2020；GB/T 28458-2020\"}}"

static const char *const doc_keys[] = {
	"rules.verification", "rules.repair_notice", "rules.publication", "rules.identity",
	"rules.classification", "mlps.materials",
};
#define NDOCS	(sizeof(doc_keys) / sizeof(doc_keys[0]))

struct pt {
	struct srv	*s;
	struct httpsink	*reg;		/* the fake registry, or NULL */
	struct cred	 ada, rita, cora;	/* admin, reporter, coordinator (tokens) */
	char		 ada_web[200];	/* ada's session cookie */
};

static int
setup(void **state)
{
	struct pt	*t;
	void		*p;

	if ((t = calloc(1, sizeof(*t))) == NULL)
		return -1;
	*state = t;
	if (srv_setup(&p) != 0)
		return -1;
	t->s = p;
	return 0;
}

static int
teardown(void **state)
{
	struct pt	*t = *state;
	void		*p;

	if (t == NULL)
		return 0;
	/* The server first, so that none is posting to a sink being stopped. */
	p = t->s;
	t->s = NULL;
	srv_teardown(&p);
	sink_stop(t->reg);
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

/*
 * A platform with an administrator, a reporter and a coordinator; env
 * (NULL-terminated, may be NULL) on top; a registry sink when registry.
 */
static struct pt *
boot(void **state, bool registry, const char *const *env)
{
	struct pt	*t = *state;
	const char	*e[SRV_MAX_ENV];
	char		 url[128];
	size_t		 n = 0, i;

	srv_init(t->s);
	fx_person(t->s, "ada", "admin", NULL, "Ada Admin", "ada@example.cn", &t->ada);
	fx_person(t->s, "rita", "reporter", NULL, "Rita Reporter", "rita@example.org", &t->rita);
	fx_person(t->s, "cora", "coordinator", NULL, "Cora Coord", "cora@example.cn", &t->cora);
	if (registry) {
		t->reg = sink_start();
		sink_set_reply(t->reg, 201, "{\"id\":\"" APP1 "\",\"kind\":\"initial\","
		    "\"state\":\"submitted\"}");
		snprintf(url, sizeof(url), "LOUDONG_FEDERATION_REGISTRY_URL=http://127.0.0.1:%d/",
		    sink_port(t->reg));
		e[n++] = strdup(url);
		e[n++] = "LOUDONG_FEDERATION_REGISTRY_TOKEN=" TOKEN;
	}
	e[n++] = "LOUDONG_OUTBOX_POLL_INTERVAL_MS=100";
	e[n++] = "LOUDONG_OUTBOX_BACKOFF_SECONDS=1";
	for (i = 0; env != NULL && env[i] != NULL && n + 1 < SRV_MAX_ENV; i++)
		e[n++] = env[i];
	e[n] = NULL;
	srv_start(t->s, e);
	if (registry)
		free((char *)e[0]);
	web_login(t->s, "ada", TEST_PASSWORD, t->ada_web, sizeof(t->ada_web));
	return t;
}

/* A report by rita: the status the API answers (201 or a refusal). */
static struct resp *
report(struct pt *t)
{
	return api(t->s, "POST", "/api/v1/reports", &t->rita, "{\"title\":\"Overflow in AX\","
	    "\"kind\":\"generic\",\"vendor\":\"Acme\",\"product\":\"AX Router\","
	    "\"description\":\"The login handler copies the name into a fixed buffer.\"}", NULL);
}

static json_t *
filing(struct pt *t, struct resp **r)
{
	*r = fx_call(t->s, &t->ada, "GET", NULL, 200, "/api/v1/filing");
	return resp_json(*r);
}

static const char *
app_str(json_t *o, const char *key)
{
	return fx_jstr(json_object_get(o, "application"), key);
}

/* Poll GET /api/v1/filing until the application's key is want. */
static void
wait_app(struct pt *t, const char *key, const char *want)
{
	struct resp	*r;
	const char	*got = NULL;
	int		 i;

	for (i = 0; i < WAIT_S * 10; i++) {
		got = app_str(filing(t, &r), key);
		if (got != NULL && strcmp(got, want) == 0) {
			fx_done(r);
			return;
		}
		fx_done(r);
		sleep_ms(100);
	}
	fail_msg("application %s never became %s", key, want);
}

/*
 * The first request to the sink from index from on with method and path
 * (waiting for it); its body parsed (caller frees both).
 */
static json_t *
sink_find(struct httpsink *k, size_t from, const char *method, const char *path,
    struct sink_req *out)
{
	json_error_t	e;
	size_t		i, n;
	int		tries;

	for (tries = 0; tries < WAIT_S * 10; tries++) {
		n = sink_count(k);
		for (i = from; i < n; i++) {
			assert_true(sink_request(k, i, out));
			if (strcmp(out->method, method) == 0 && strcmp(out->path, path) == 0)
				return strcmp(method, "GET") == 0 ? json_object() :
				    json_loadb(out->body, out->len, 0, &e);
			sink_req_free(out);
		}
		sleep_ms(100);
	}
	fail_msg("the registry never got %s %s", method, path);
	return NULL;
}

/* The dossier and its documents, through the API. */
static void
fill(struct pt *t)
{
	char	 body[512], content[64];
	size_t	 i;

	fx_done(fx_call(t->s, &t->ada, "PUT", DOSSIER, 200, "/api/v1/filing"));
	for (i = 0; i < NDOCS; i++) {
		/* base64 of "rules <i>\n" */
		snprintf(content, sizeof(content), "rules %zu\n", i);
		snprintf(body, sizeof(body), "{\"name\":\"%s.txt\",\"content_base64\":\"%s\"}",
		    doc_keys[i], i == 0 ? "cnVsZXMgMAo=" : i == 1 ? "cnVsZXMgMQo=" :
		    i == 2 ? "cnVsZXMgMgo=" : i == 3 ? "cnVsZXMgMwo=" : i == 4 ? "cnVsZXMgNAo=" :
		    "cnVsZXMgNQo=");
		fx_done(fx_call(t->s, &t->ada, "PUT", body, 200, "/api/v1/filing/documents/%s",
		    doc_keys[i]));
	}
}

/* Submit and have the fake registry approve the first filing. */
static void
file_it(struct pt *t)
{
	struct sink_req	 sr;
	struct resp	*r;
	json_t		*o;
	size_t		 mark;

	fill(t);
	mark = sink_count(t->reg);
	fx_done(fx_call(t->s, &t->ada, "POST", "{}", 200, "/api/v1/filing/submit"));
	json_decref(sink_find(t->reg, mark, "POST", "/api/v1/filings/applications", &sr));
	sink_req_free(&sr);
	wait_app(t, "id", APP1);
	sink_set_reply(t->reg, 200, "{\"id\":\"" APP1 "\",\"kind\":\"initial\",\"state\":\"approved\","
	    "\"rounds\":[],\"filing\":{\"number\":\"" NUMBER "\",\"filed_on\":\"2026-11-20\","
	    "\"status\":\"filed\",\"deregistered_on\":null},\"events\":[]}");
	r = fx_call(t->s, &t->ada, "POST", NULL, 200, "/api/v1/filing/refresh");
	o = resp_json(r);
	assert_string_equal(fx_jstr(o, "status"), "filed");
	assert_string_equal(fx_jstr(o, "number"), NUMBER);
	fx_done(r);
}

/* Whether n bytes at p hold needle. */
static bool
holds(const char *p, size_t n, const char *needle)
{
	size_t	k = strlen(needle), i;

	for (i = 0; i + k <= n; i++)
		if (memcmp(p + i, needle, k) == 0)
			return true;
	return false;
}

/* A string never in any file of the data directory (sealed at rest). */
static void
not_on_disk(const char *dir, const char *needle)
{
	DIR		*d = opendir(dir);
	struct dirent	*de;
	struct stat	 sb;
	char		 path[512], *buf;
	FILE		*fp;
	long		 n;

	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode) ||
		    (fp = fopen(path, "rb")) == NULL)
			continue;
		if (fseek(fp, 0, SEEK_END) != 0 || (n = ftell(fp)) <= 0) {
			fclose(fp);
			continue;
		}
		rewind(fp);
		assert_non_null(buf = malloc((size_t)n));
		if (fread(buf, 1, (size_t)n, fp) == (size_t)n &&
		    holds(buf, (size_t)n, needle))
			fail_msg("'%s' is in the clear in %s", needle, path);
		free(buf);
		fclose(fp);
	}
	closedir(d);
}

/* --- the go-live gate --- */

static void
test_pfiling__intake_closed_before_filing(void **state)
{
	struct pt	*t = boot(state, false, (const char *const[]){ CLOSED, NULL });
	struct resp	*r;
	char		 cookie[200];

	r = report(t);
	assert_problem_rule(r, 403, "办法 第八条");
	assert_contains(r->body, "第八条");
	resp_free(r);
	/* The form page says intake is closed, and why. */
	web_login(t->s, "rita", TEST_PASSWORD, cookie, sizeof(cookie));
	r = web_page(t->s, "/reports/new", cookie, "en");
	assert_status(r, 403);
	assert_contains(r->body, "not filed yet");
	assert_contains(r->body, "办法 第八条");
	resp_free(r);
	/* No banner: this is no test installation; the footer says not filed. */
	r = web_page(t->s, "/", NULL, NULL);
	assert_status(r, 200);
	assert_not_contains(r->body, "测试环境");
	assert_contains(r->body, "尚未备案");
	resp_free(r);
	r = http(t->s, "GET", "/api/v1/meta", NULL, NULL);
	assert_status(r, 200);
	assert_false(json_is_true(json_object_get(json_object_get(resp_json(r), "filing"),
	    "intake_open")));
	assert_string_equal(fx_jstr(json_object_get(resp_json(r), "filing"), "status"), "draft");
	resp_free(r);
}

static void
test_pfiling__test_installation_banner(void **state)
{
	struct pt	*t = boot(state, false, NULL);	/* the harness opens intake */
	struct resp	*r;

	r = report(t);
	assert_status(r, 201);
	resp_free(r);
	r = web_page(t->s, "/", NULL, NULL);
	assert_contains(r->body, "测试环境");
	resp_free(r);
	r = web_page(t->s, "/login", NULL, "en");
	assert_contains(r->body, "Test installation");
	resp_free(r);
	r = web_page(t->s, "/staff/filing", t->ada_web, NULL);
	assert_status(r, 200);
	assert_contains(r->body, "测试环境");
	resp_free(r);
	r = http(t->s, "GET", "/api/v1/meta", NULL, NULL);
	assert_true(json_is_true(json_object_get(json_object_get(resp_json(r), "filing"),
	    "test_installation")));
	resp_free(r);
}

/* Filed outside Loudong: [instance] filing_number opens intake (and is shown). */
static void
test_pfiling__configured_number_opens_intake(void **state)
{
	struct pt	*t = boot(state, false, (const char *const[]){ CLOSED,
			    "LOUDONG_INSTANCE_FILING_NUMBER=京ICP备2024000001号", NULL });
	struct resp	*r;

	r = report(t);
	assert_status(r, 201);
	resp_free(r);
	r = http(t->s, "GET", "/api/v1/meta", NULL, NULL);
	assert_string_equal(fx_jstr(json_object_get(resp_json(r), "filing"), "number"),
	    "京ICP备2024000001号");
	resp_free(r);
	r = http(t->s, "GET", "/.well-known/security.txt", NULL, NULL);
	assert_contains(r->body, "# 备案编号 (filing number): 京ICP备2024000001号");
	resp_free(r);
}

/* --- the dossier --- */

static void
test_pfiling__dossier_problems_all_listed(void **state)
{
	struct pt	*t = boot(state, false, (const char *const[]){ CLOSED, NULL });
	struct resp	*r;
	json_t		*o, *errs, *probs, *e;
	size_t		 i;
	bool		 url = false, mail = false, phone = false, idn = false, unk = false,
			 date = false, missing = false;

	/* Every problem at once (R24), each beside its item. */
	r = api(t->s, "PUT", "/api/v1/filing", &t->ada, "{\"fields\":{"
	    "\"platform.url\":\"ftp://x.example\",\"principal.email\":\"nope\","
	    "\"principal.phone\":\"12\",\"sponsor.id_number\":\"!!\",\"no.such\":\"x\","
	    "\"platform.name\":\"ok\"}}", NULL);
	assert_problem_rule(r, 400, "办法 第四条");
	errs = json_object_get(resp_json(r), "errors");
	assert_int_equal(json_array_size(errs), 5);
	json_array_foreach(errs, i, e) {
		const char *f = fx_jstr(e, "field");

		url |= strcmp(f, "platform.url") == 0;
		mail |= strcmp(f, "principal.email") == 0;
		phone |= strcmp(f, "principal.phone") == 0;
		idn |= strcmp(f, "sponsor.id_number") == 0;
		unk |= strcmp(f, "no.such") == 0;
	}
	assert_true(url && mail && phone && idn && unk);
	resp_free(r);
	/* Nothing was saved: the dossier is still empty, every required item missing. */
	o = filing(t, &r);
	assert_string_equal(fx_jstr(o, "status"), "draft");
	assert_string_equal(fx_jstr(json_object_get(o, "fields"), "platform.name"), "");
	probs = json_object_get(o, "problems");
	assert_true(json_array_size(probs) >= 20);
	json_array_foreach(probs, i, e)
		missing |= strcmp(fx_jstr(e, "field"), "rules.publication") == 0 &&
		    strcmp(fx_jstr(e, "problem"), "missing") == 0;
	assert_true(missing);
	fx_done(r);
	/* A document is uploaded, never typed. */
	r = api(t->s, "PUT", "/api/v1/filing", &t->ada, "{\"fields\":{\"rules.publication\":"
	    "\"x.pdf sha256:0000000000000000000000000000000000000000000000000000000000000000\"}}",
	    NULL);
	assert_problem_field(r, 400, "rules.publication");
	resp_free(r);
	/* Saved incomplete; submitting lists what is missing. */
	fx_done(fx_call(t->s, &t->ada, "PUT", "{\"fields\":{\"platform.name\":\"测试\"}}", 200,
	    "/api/v1/filing"));
	r = api(t->s, "POST", "/api/v1/filing/submit", &t->ada, "{}", NULL);
	assert_problem_rule(r, 400, "办法 第四条");
	assert_true(json_array_size(json_object_get(resp_json(r), "errors")) >= 20);
	resp_free(r);
	/* The whole dossier: only the documents are missing, then nothing. */
	fx_done(fx_call(t->s, &t->ada, "PUT", DOSSIER, 200, "/api/v1/filing"));
	o = filing(t, &r);
	assert_int_equal(json_array_size(json_object_get(o, "problems")), NDOCS);
	fx_done(r);
	fill(t);
	o = filing(t, &r);
	assert_int_equal(json_array_size(json_object_get(o, "problems")), 0);
	assert_int_equal(json_array_size(json_object_get(o, "documents")), NDOCS + 1);
	fx_done(r);
	/* A date in the future is not a change date. */
	(void)date;
	r = api(t->s, "PUT", "/api/v1/filing", &t->ada, "{\"fields\":{},\"change_date\":"
	    "\"2999-01-01\"}", NULL);
	assert_problem_field(r, 400, "change_date");
	resp_free(r);
	/* Too large a document. */
	{
		size_t	 n = 3 * 1024 * 1024, b = (n + 2) / 3 * 4;
		char	*big = malloc(b + 64);

		assert_non_null(big);
		i = (size_t)snprintf(big, 64, "{\"name\":\"big.pdf\",\"content_base64\":\"");
		memset(big + i, 'A', b);
		memcpy(big + i + b, "\"}", 3);
		r = api(t->s, "PUT", "/api/v1/filing/documents/rules.publication", &t->ada, big,
		    NULL);
		free(big);
		assert_true(r->status == 400 || r->status == 413);
		resp_free(r);
	}
}

static void
test_pfiling__id_number_sealed_and_never_shown(void **state)
{
	struct pt	*t = boot(state, false, (const char *const[]){ CLOSED, NULL });
	struct resp	*r;
	json_t		*o, *docs;
	const char	*masked;

	fill(t);
	o = filing(t, &r);
	masked = fx_jstr(json_object_get(o, "fields"), "sponsor.id_number");
	assert_non_null(masked);
	assert_string_equal(masked, "911***********CD2X");
	assert_not_contains(r->body, ID_NUMBER);
	fx_done(r);
	/* Not on the page (the masked copy, an empty input), nor anywhere public. */
	r = web_page(t->s, "/staff/filing", t->ada_web, NULL);
	assert_status(r, 200);
	assert_not_contains(r->body, ID_NUMBER);
	assert_contains(r->body, "911***********CD2X");
	assert_contains(r->body, "（一）平台名称");
	assert_contains(r->body, "统一社会信用代码");
	resp_free(r);
	r = web_page(t->s, "/staff/filing", t->ada_web, "en");
	assert_not_contains(r->body, ID_NUMBER);
	assert_contains(r->body, "Sponsor&#39;s name");
	resp_free(r);
	r = http(t->s, "GET", "/api/v1/meta", NULL, NULL);
	assert_not_contains(r->body, ID_NUMBER);
	resp_free(r);
	r = http(t->s, "GET", "/.well-known/security.txt", NULL, NULL);
	assert_not_contains(r->body, ID_NUMBER);
	resp_free(r);
	/* Saving the page's form without typing it keeps it. */
	fx_done(fx_call(t->s, &t->ada, "PUT", "{\"fields\":{\"contact.name\":\"王五\"}}", 200,
	    "/api/v1/filing"));
	/* The export carries it: the dossier as the registry receives it. */
	r = fx_call(t->s, &t->ada, "GET", NULL, 200, "/api/v1/filing/export");
	o = resp_json(r);
	assert_string_equal(fx_jstr(o, "kind"), "initial");
	assert_string_equal(fx_jstr(json_object_get(o, "fields"), "sponsor.id_number"), ID_NUMBER);
	assert_string_equal(fx_jstr(json_object_get(o, "fields"), "contact.name"), "王五");
	assert_non_null(fx_jstr(o, "fieldset"));
	docs = json_object_get(o, "documents");
	assert_int_equal(json_object_size(docs), NDOCS);
	assert_string_equal(fx_jstr(json_object_get(docs, "rules.publication"), "content"),
	    "cnVsZXMgMgo=");
	assert_string_equal(fx_jstr(json_object_get(docs, "rules.publication"), "name"),
	    "rules.publication.txt");
	assert_contains(resp_header(r, "Content-Disposition"), "attachment");
	fx_done(r);
	/* A document comes back as it went. */
	r = fx_call(t->s, &t->ada, "GET", NULL, 200, "/api/v1/filing/documents/rules.publication");
	assert_int_equal(r->len, strlen("rules 2\n"));
	assert_memory_equal(r->body, "rules 2\n", r->len);
	fx_done(r);
	/* Sealed at rest: nowhere in the data directory's files. */
	srv_stop(t->s);
	not_on_disk(t->s->dir, ID_NUMBER);
	not_on_disk(t->s->dir, "rules 2\n");
}

/* --- over the wire --- */

static void
test_pfiling__submit_supplement_approve(void **state)
{
	struct pt	*t = boot(state, true, (const char *const[]){ CLOSED, NULL });
	const char	*pages[] = { "/", "/login", "/advisories", "/staff/filing" };
	struct sink_req	 sr;
	struct resp	*r;
	json_t		*o, *doc, *items;
	char		 idem1[512];
	size_t		 i, mark;

	fill(t);
	o = filing(t, &r);
	assert_true(json_is_true(json_object_get(json_object_get(o, "may"), "submit")));
	fx_done(r);
	mark = sink_count(t->reg);
	r = fx_call(t->s, &t->ada, "POST", "{\"note\":\"首次备案\"}", 200, "/api/v1/filing/submit");
	assert_string_equal(fx_jstr(resp_json(r), "status"), "submitted");
	fx_done(r);
	/* The outbox POSTs the application with its key and the registry token. */
	doc = sink_find(t->reg, mark, "POST", "/api/v1/filings/applications", &sr);
	assert_true(sr.has_idem);
	snprintf(idem1, sizeof(idem1), "%s", sr.idem);
	assert_string_equal(sr.auth, "Bearer " TOKEN);
	assert_string_equal(fx_jstr(doc, "kind"), "initial");
	assert_string_equal(fx_jstr(doc, "note"), "首次备案");
	assert_string_equal(fx_jstr(json_object_get(doc, "fields"), "sponsor.id_number"),
	    ID_NUMBER);
	assert_int_equal(json_object_size(json_object_get(doc, "documents")), NDOCS);
	json_decref(doc);
	sink_req_free(&sr);
	wait_app(t, "id", APP1);
	/* Not filed yet: intake stays closed. */
	r = report(t);
	assert_problem_rule(r, 403, "办法 第八条");
	resp_free(r);
	/* The registry asks for a 补正: read back, shown with its items. */
	sink_set_reply(t->reg, 200, "{\"id\":\"" APP1 "\",\"kind\":\"initial\","
	    "\"state\":\"supplement_requested\",\"supplement_due_at\":\"2026-12-04T16:00:00Z\","
	    "\"rounds\":[{\"round\":1,\"requested_at\":\"2026-11-20T02:00:00Z\","
	    "\"answered_at\":null,\"items\":[{\"field\":\"rules.publication\","
	    "\"problem\":\"format\",\"note\":\"请提供加盖公章的版本\"}]}],\"events\":[]}");
	mark = sink_count(t->reg);
	r = fx_call(t->s, &t->ada, "POST", NULL, 200, "/api/v1/filing/refresh");
	o = resp_json(r);
	assert_string_equal(fx_jstr(o, "status"), "supplement_requested");
	items = json_object_get(json_object_get(o, "application"), "deficiencies");
	assert_int_equal(json_array_size(items), 1);
	assert_string_equal(fx_jstr(json_array_get(items, 0), "note"), "请提供加盖公章的版本");
	assert_non_null(app_str(o, "supplement_due_at"));
	fx_done(r);
	json_decref(sink_find(t->reg, mark, "GET", "/api/v1/filings/applications/" APP1, &sr));
	assert_string_equal(sr.auth, "Bearer " TOKEN);
	sink_req_free(&sr);
	r = web_page(t->s, "/staff/filing", t->ada_web, NULL);
	assert_contains(r->body, "请提供加盖公章的版本");
	assert_contains(r->body, "需补正");
	resp_free(r);
	/* Answer it: a new document, then the resubmission to the application. */
	fx_done(fx_call(t->s, &t->ada, "PUT", "{\"name\":\"发布规则（盖章）.pdf\","
	    "\"content_base64\":\"JVBERi0xLjQK\"}", 200, "/api/v1/filing/documents/rules.publication"));
	sink_set_reply(t->reg, 200, "{\"id\":\"" APP1 "\",\"kind\":\"initial\","
	    "\"state\":\"resubmitted\"}");
	mark = sink_count(t->reg);
	r = fx_call(t->s, &t->ada, "POST", "{}", 200, "/api/v1/filing/submit");
	assert_string_equal(fx_jstr(resp_json(r), "status"), "resubmitted");
	fx_done(r);
	doc = sink_find(t->reg, mark, "POST", "/api/v1/filings/applications/" APP1 "/resubmission",
	    &sr);
	assert_true(sr.has_idem);
	assert_string_not_equal(sr.idem, idem1);
	assert_string_equal(fx_jstr(json_object_get(json_object_get(doc, "documents"),
	    "rules.publication"), "content"), "JVBERi0xLjQK");
	json_decref(doc);
	sink_req_free(&sr);
	wait_app(t, "state", "resubmitted");
	/* Approved: filed, with the registry's number and date. */
	sink_set_reply(t->reg, 200, "{\"id\":\"" APP1 "\",\"kind\":\"initial\",\"state\":\"approved\","
	    "\"rounds\":[],\"filing\":{\"number\":\"" NUMBER "\",\"filed_on\":\"2026-11-20\","
	    "\"status\":\"filed\",\"deregistered_on\":null},\"events\":[]}");
	r = fx_call(t->s, &t->ada, "POST", NULL, 200, "/api/v1/filing/refresh");
	o = resp_json(r);
	assert_string_equal(fx_jstr(o, "status"), "filed");
	assert_string_equal(fx_jstr(o, "number"), NUMBER);
	assert_string_equal(fx_jstr(o, "filed_on"), "2026-11-20");
	assert_true(json_is_true(json_object_get(o, "intake_open")));
	fx_done(r);
	/* Every page's footer shows the number (cached public pages too), no banner. */
	for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		r = web_page(t->s, pages[i], strcmp(pages[i], "/staff/filing") == 0 ?
		    t->ada_web : NULL, i % 2 ? "en" : NULL);
		assert_status(r, 200);
		assert_contains(r->body, "<span class=\"filing-number\">" NUMBER "</span>");
		assert_not_contains(r->body, "尚未备案");
		assert_not_contains(r->body, "test-install");
		resp_free(r);
	}
	r = http(t->s, "GET", "/api/v1/meta", NULL, NULL);
	o = json_object_get(resp_json(r), "filing");
	assert_string_equal(fx_jstr(o, "number"), NUMBER);
	assert_string_equal(fx_jstr(o, "status"), "filed");
	assert_true(json_is_true(json_object_get(o, "intake_open")));
	resp_free(r);
	r = http(t->s, "GET", "/.well-known/security.txt", NULL, NULL);
	assert_contains(r->body, "# 备案编号 (filing number): " NUMBER);
	resp_free(r);
	/* Intake opens. */
	r = report(t);
	assert_status(r, 201);
	resp_free(r);
}

/* A refusal (4xx) sends the first filing back to a draft, with the reason. */
static void
test_pfiling__refused_back_to_draft(void **state)
{
	struct pt	*t = boot(state, true, NULL);
	struct sink_req	 sr;
	struct resp	*r;
	json_t		*o;
	size_t		 mark;
	int		 i;

	sink_set_reply(t->reg, 409, "{\"title\":\"Conflict\",\"detail\":\"已有申请正在审核\"}");
	fill(t);
	mark = sink_count(t->reg);
	fx_done(fx_call(t->s, &t->ada, "POST", "{}", 200, "/api/v1/filing/submit"));
	json_decref(sink_find(t->reg, mark, "POST", "/api/v1/filings/applications", &sr));
	sink_req_free(&sr);
	for (i = 0; i < WAIT_S * 10; i++) {
		o = filing(t, &r);
		if (strcmp(fx_jstr(o, "status"), "draft") == 0)
			break;
		fx_done(r);
		sleep_ms(100);
	}
	assert_string_equal(fx_jstr(o, "status"), "draft");
	assert_string_equal(app_str(o, "reason"), "已有申请正在审核");
	fx_done(r);
}

static void
test_pfiling__change_then_deregistration(void **state)
{
	struct pt	*t = boot(state, true, NULL);
	struct sink_req	 sr;
	struct resp	*r;
	json_t		*o, *ch, *doc, *tl, *e;
	char		 day[16], today[16], body[256], rid[40], cid[64];
	size_t		 i, mark;
	bool		 handed = false;

	file_it(t);
	/* A filed item changes: a change task with a 30-day clock (第六条). */
	cst_day(-2, day);
	snprintf(body, sizeof(body), "{\"fields\":{\"platform.url\":\"https://new.example.cn/\"},"
	    "\"change_date\":\"%s\"}", day);
	o = resp_json(r = fx_call(t->s, &t->ada, "PUT", body, 200, "/api/v1/filing"));
	assert_string_equal(fx_jstr(o, "status"), "filed");
	ch = json_array_get(json_object_get(o, "changes"), 0);
	assert_string_equal(fx_jstr(ch, "state"), "open");
	assert_string_equal(fx_jstr(ch, "change_date"), day);
	assert_string_equal(json_string_value(json_array_get(json_object_get(ch, "fields"), 0)),
	    "platform.url");
	assert_string_equal(fx_jstr(json_object_get(ch, "clock"), "state"), "open");
	assert_non_null(fx_jstr(json_object_get(ch, "clock"), "due_at"));
	assert_true(json_is_true(json_object_get(json_object_get(o, "may"), "change")));
	fx_done(r);
	/* Another item extends the same task. */
	fx_done(fx_call(t->s, &t->ada, "PUT", "{\"fields\":{\"contact.name\":\"王五\"}}", 200,
	    "/api/v1/filing"));
	o = filing(t, &r);
	assert_int_equal(json_array_size(json_object_get(o, "changes")), 1);
	assert_int_equal(json_array_size(json_object_get(json_array_get(json_object_get(o,
	    "changes"), 0), "fields")), 2);
	fx_done(r);
	/* The page shows the task and its due date. */
	r = web_page(t->s, "/staff/filing", t->ada_web, NULL);
	assert_contains(r->body, "待办理");
	assert_contains(r->body, "首页网址");
	resp_free(r);
	/* File it: the application carries the number, the date and the keys. */
	sink_set_reply(t->reg, 201, "{\"id\":\"BA-2026-000002\",\"kind\":\"change\","
	    "\"state\":\"submitted\"}");
	mark = sink_count(t->reg);
	o = resp_json(r = fx_call(t->s, &t->ada, "POST", "{}", 200, "/api/v1/filing/change"));
	assert_string_equal(fx_jstr(o, "status"), "change_pending");
	fx_done(r);
	doc = sink_find(t->reg, mark, "POST", "/api/v1/filings/applications", &sr);
	assert_string_equal(fx_jstr(doc, "kind"), "change");
	assert_string_equal(fx_jstr(doc, "filing_number"), NUMBER);
	assert_string_equal(fx_jstr(doc, "change_date"), day);
	assert_int_equal(json_array_size(json_object_get(doc, "changed")), 2);
	assert_string_equal(fx_jstr(json_object_get(doc, "fields"), "platform.url"),
	    "https://new.example.cn/");
	json_decref(doc);
	sink_req_free(&sr);
	wait_app(t, "id", "BA-2026-000002");
	/* Filed: its clock is met; intake stays open meanwhile. */
	o = filing(t, &r);
	ch = json_array_get(json_object_get(o, "changes"), 0);
	assert_string_equal(fx_jstr(ch, "state"), "filed");
	assert_string_equal(fx_jstr(json_object_get(ch, "clock"), "state"), "met");
	assert_true(json_is_true(json_object_get(o, "intake_open")));
	fx_done(r);
	sink_set_reply(t->reg, 200, "{\"id\":\"BA-2026-000002\",\"kind\":\"change\","
	    "\"state\":\"approved\",\"filing\":{\"number\":\"" NUMBER "\",\"filed_on\":"
	    "\"2026-11-20\",\"status\":\"filed\"}}");
	o = resp_json(r = fx_call(t->s, &t->ada, "POST", NULL, 200, "/api/v1/filing/refresh"));
	assert_string_equal(fx_jstr(o, "status"), "filed");
	assert_string_equal(fx_jstr(json_array_get(json_object_get(o, "changes"), 0), "state"),
	    "confirmed");
	assert_int_equal(json_array_size(json_object_get(o, "pending_change")), 0);
	fx_done(r);
	/* An open case: deregistration waits until it is handed over (第七条). */
	r = report(t);
	assert_status(r, 201);
	snprintf(rid, sizeof(rid), "%s", resp_jstr(r, "id"));
	resp_free(r);
	r = fx_call(t->s, &t->cora, "POST", "{\"decision\":\"accept\"}", 200,
	    "/api/v1/reports/%s/triage", rid);
	snprintf(cid, sizeof(cid), "%s", resp_jstr(r, "case"));
	fx_done(r);
	cst_day(0, today);
	snprintf(body, sizeof(body), "{\"end_date\":\"%s\",\"note\":\"停止运营\"}", today);
	r = api(t->s, "POST", "/api/v1/filing/deregister", &t->ada, body, NULL);
	assert_problem_rule(r, 409, "办法 第七条");
	resp_free(r);
	r = fx_call(t->s, &t->ada, "POST", "{\"to\":\"国家信息安全漏洞共享平台\"}", 200,
	    "/api/v1/filing/handover");
	assert_int_equal(json_integer_value(json_object_get(resp_json(r), "handed_over")), 1);
	fx_done(r);
	/* Recorded on the case, with the receiving organisation. */
	r = fx_call(t->s, &t->cora, "GET", NULL, 200, "/api/v1/cases/%s/timeline", cid);
	tl = json_object_get(resp_json(r), "items");
	json_array_foreach(tl, i, e)
		handed |= strcmp(fx_jstr(e, "event"), "handover") == 0 &&
		    strcmp(fx_jstr(e, "detail"), "国家信息安全漏洞共享平台") == 0;
	assert_true(handed);
	fx_done(r);
	/* Deregister: intake closes at once; the registry gets it. */
	sink_set_reply(t->reg, 201, "{\"id\":\"BA-2026-000003\",\"kind\":\"deregistration\","
	    "\"state\":\"submitted\"}");
	mark = sink_count(t->reg);
	o = resp_json(r = fx_call(t->s, &t->ada, "POST", body, 200, "/api/v1/filing/deregister"));
	assert_string_equal(fx_jstr(o, "status"), "deregistration_pending");
	assert_false(json_is_true(json_object_get(o, "intake_open")));
	fx_done(r);
	r = report(t);
	assert_problem_rule(r, 403, "办法 第八条");
	resp_free(r);
	doc = sink_find(t->reg, mark, "POST", "/api/v1/filings/applications", &sr);
	assert_string_equal(fx_jstr(doc, "kind"), "deregistration");
	assert_string_equal(fx_jstr(doc, "end_date"), today);
	assert_string_equal(fx_jstr(doc, "filing_number"), NUMBER);
	json_decref(doc);
	sink_req_free(&sr);
	wait_app(t, "id", "BA-2026-000003");
	sink_set_reply(t->reg, 200, "{\"id\":\"BA-2026-000003\",\"kind\":\"deregistration\","
	    "\"state\":\"approved\",\"filing\":{\"number\":\"" NUMBER "\",\"status\":"
	    "\"deregistered\",\"filed_on\":\"2026-11-20\"}}");
	o = resp_json(r = fx_call(t->s, &t->ada, "POST", NULL, 200, "/api/v1/filing/refresh"));
	assert_string_equal(fx_jstr(o, "status"), "deregistered");
	fx_done(r);
	/* Final: nothing more to file; the footer says so; the logs stay. */
	r = api(t->s, "POST", "/api/v1/filing/submit", &t->ada, "{}", NULL);
	assert_problem_rule(r, 409, "R20");
	resp_free(r);
	r = web_page(t->s, "/", NULL, NULL);
	assert_contains(r->body, "已注销");
	resp_free(r);
	r = web_page(t->s, "/staff/filing", t->ada_web, NULL);
	assert_contains(r->body, "接收日志");
	resp_free(r);
	r = report(t);
	assert_problem_rule(r, 403, "办法 第八条");
	resp_free(r);
}

/* --- by hand --- */

static void
test_pfiling__manual_filing(void **state)
{
	struct pt	*t = boot(state, false, (const char *const[]){ CLOSED, NULL });
	struct resp	*r;
	json_t		*o;

	fill(t);
	/* Refresh has nothing to read without a registry. */
	r = api(t->s, "POST", "/api/v1/filing/refresh", &t->ada, NULL, NULL);
	assert_problem(r, 409);
	resp_free(r);
	o = resp_json(r = fx_call(t->s, &t->ada, "POST", "{}", 200, "/api/v1/filing/submit"));
	assert_string_equal(fx_jstr(o, "status"), "submitted");
	assert_true(json_is_true(json_object_get(json_object_get(o, "application"), "manual")));
	fx_done(r);
	/* An approval needs the number; a refusal its reasons. */
	r = api(t->s, "POST", "/api/v1/filing/manual", &t->ada, "{\"outcome\":\"approved\"}", NULL);
	assert_problem_field(r, 400, "number");
	resp_free(r);
	r = api(t->s, "POST", "/api/v1/filing/manual", &t->ada, "{\"outcome\":\"rejected\"}", NULL);
	assert_problem_field(r, 400, "note");
	resp_free(r);
	r = api(t->s, "POST", "/api/v1/filing/manual", &t->ada, "{\"outcome\":\"maybe\"}", NULL);
	assert_problem_field(r, 400, "outcome");
	resp_free(r);
	o = resp_json(r = fx_call(t->s, &t->ada, "POST", "{\"outcome\":\"approved\","
	    "\"application_id\":\"BA-2026-000077\",\"number\":\"LDBA202600077\","
	    "\"filed_on\":\"2026-11-21\"}", 200, "/api/v1/filing/manual"));
	assert_string_equal(fx_jstr(o, "status"), "filed");
	assert_string_equal(fx_jstr(o, "number"), "LDBA202600077");
	fx_done(r);
	r = web_page(t->s, "/", NULL, NULL);
	assert_contains(r->body, "LDBA202600077");
	resp_free(r);
	r = report(t);
	assert_status(r, 201);
	resp_free(r);
}

/* R25: live before the 办法, the first filing is due 10 working days after it. */
static void
test_pfiling__initial_filing_clock(void **state)
{
	struct pt	*t = boot(state, false, (const char *const[]){
			    "LOUDONG_FILING_LIVE_BEFORE_EFFECTIVE=true",
			    "LOUDONG_FILING_EFFECTIVE_DATE=2026-01-05", NULL });
	struct resp	*r;
	json_t		*o, *c;

	o = filing(t, &r);
	c = json_object_get(o, "initial_filing_clock");
	assert_true(json_is_object(c));
	/*
	 * 10 working days counted from the day after 2026-01-05 (Monday): due
	 * at the end of Monday 2026-01-19, China time.
	 */
	assert_string_equal(fx_jstr(c, "due_at"), "2026-01-19T16:00:00Z");
	assert_string_equal(fx_jstr(c, "rule"), "R25 (办法 第八条)");
	fx_done(r);
}

/* --- the pages --- */

static void
test_pfiling__web_editor(void **state)
{
	struct pt	*t = boot(state, false, (const char *const[]){ CLOSED, NULL });
	struct web_form	 f = { .len = 0 };
	struct resp	*r;
	char		 csrf[128], body[2048], hdr[300];
	json_t		*o;

	r = web_page(t->s, "/staff/filing", t->ada_web, NULL);
	assert_status(r, 200);
	assert_true(web_form_csrf(r->body, csrf, sizeof(csrf)));
	assert_contains(r->body, "action=\"/staff/filing\"");
	assert_contains(r->body, "（三）漏洞收集范围和方式及各项规则");
	assert_contains(r->body, "name=\"platform.name\"");
	resp_free(r);
	/* A bad value: the page again, the problem beside its item. */
	web_form_add(&f, "csrf", csrf);
	web_form_add(&f, "platform.name", "网页填写的平台");
	web_form_add(&f, "platform.url", "javascript:alert(1)");
	web_form_add(&f, "sponsor.id_number", ID_NUMBER);
	r = web_post_form(t->s, "/staff/filing", t->ada_web, &f, "en");
	assert_status(r, 422);
	assert_contains(r->body, "has-error");
	assert_contains(r->body, "Not in the form this item takes");
	assert_not_contains(r->body, ID_NUMBER);
	assert_contains(r->body, "网页填写的平台");
	resp_free(r);
	/* Corrected: saved, back to the page. */
	f.len = 0;
	web_form_add(&f, "csrf", csrf);
	web_form_add(&f, "platform.name", "网页填写的平台");
	web_form_add(&f, "platform.url", "https://web.example.cn/");
	web_form_add(&f, "sponsor.id_number", ID_NUMBER);
	r = web_post_form(t->s, "/staff/filing", t->ada_web, &f, NULL);
	assert_status(r, 303);
	resp_free(r);
	/* Again without the ID number: the stored one is kept. */
	f.len = 0;
	web_form_add(&f, "csrf", csrf);
	web_form_add(&f, "platform.name", "网页填写的平台");
	web_form_add(&f, "sponsor.id_number", "");
	r = web_post_form(t->s, "/staff/filing", t->ada_web, &f, NULL);
	assert_status(r, 303);
	resp_free(r);
	o = filing(t, &r);
	assert_string_equal(fx_jstr(json_object_get(o, "fields"), "platform.name"),
	    "网页填写的平台");
	assert_string_equal(fx_jstr(json_object_get(o, "fields"), "sponsor.id_number"),
	    "911***********CD2X");
	fx_done(r);
	/* A document through the form (multipart). */
	snprintf(body, sizeof(body), "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n"
	    "%s\r\n--XyZ\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nrules.identity\r\n"
	    "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"身份 核实.txt\"\r\n"
	    "Content-Type: application/pdf\r\n\r\nidentity rules\r\n--XyZ--\r\n", csrf);
	snprintf(hdr, sizeof(hdr), "Cookie: %s", t->ada_web);
	r = http(t->s, "POST", "/staff/filing/documents", body,
	    "Content-Type: multipart/form-data; boundary=XyZ", hdr, NULL);
	assert_status(r, 303);
	resp_free(r);
	r = web_page(t->s, "/staff/filing", t->ada_web, NULL);
	assert_contains(r->body, "身份_核实.txt");
	assert_contains(r->body, "text/plain");	/* sniffed, not the client's claim */
	resp_free(r);
	r = web_page(t->s, "/staff/filing/documents/rules.identity", t->ada_web, NULL);
	assert_status(r, 200);
	assert_string_equal(r->body, "identity rules");
	resp_free(r);
	/* Submitting an incomplete dossier lists what is missing. */
	f.len = 0;
	web_form_add(&f, "csrf", csrf);
	r = web_post_form(t->s, "/staff/filing/submit", t->ada_web, &f, NULL);
	assert_status(r, 422);
	assert_contains(r->body, "此项为必填项");
	resp_free(r);
	/* The export downloads. */
	r = web_page(t->s, "/staff/filing/export", t->ada_web, NULL);
	assert_status(r, 200);
	assert_contains(r->body, "\"kind\":\"initial\"");
	resp_free(r);
}

/* --- who may --- */

static void
test_pfiling__other_roles_refused(void **state)
{
	struct pt	*t = boot(state, false, NULL);
	struct resp	*r;
	char		 cookie[200];

	r = api(t->s, "GET", "/api/v1/filing", &t->cora, NULL, NULL);
	assert_problem_rule(r, 403, "rbac.role");
	resp_free(r);
	r = api(t->s, "PUT", "/api/v1/filing", &t->rita, "{\"fields\":{}}", NULL);
	assert_problem_rule(r, 403, "rbac.role");
	resp_free(r);
	r = api(t->s, "GET", "/api/v1/filing/export", &t->cora, NULL, NULL);
	assert_problem_rule(r, 403, "rbac.role");
	resp_free(r);
	r = api(t->s, "GET", "/api/v1/filing", NULL, NULL, NULL);
	assert_problem(r, 401);
	resp_free(r);
	web_login(t->s, "cora", TEST_PASSWORD, cookie, sizeof(cookie));
	r = web_page(t->s, "/staff/filing", cookie, NULL);
	assert_status(r, 403);
	resp_free(r);
	/* Only the administrator's navigation has it. */
	r = web_page(t->s, "/", cookie, NULL);
	assert_not_contains(r->body, "href=\"/staff/filing\"");
	resp_free(r);
	r = web_page(t->s, "/", t->ada_web, NULL);
	assert_contains(r->body, "href=\"/staff/filing\"");
	resp_free(r);
}

static void
test_pfiling__not_found_outside_a_platform(void **state)
{
	struct pt	*t = boot(state, false, (const char *const[]){
			    "LOUDONG_INSTANCE_ROLE=provider", NULL });
	struct resp	*r;

	r = api(t->s, "GET", "/api/v1/filing", &t->ada, NULL, NULL);
	assert_problem(r, 404);
	resp_free(r);
	r = api(t->s, "POST", "/api/v1/filing/submit", &t->ada, "{}", NULL);
	assert_problem(r, 404);
	resp_free(r);
	r = web_page(t->s, "/staff/filing", t->ada_web, NULL);
	assert_status(r, 404);
	resp_free(r);
	/* The meta has no filing there. */
	r = http(t->s, "GET", "/api/v1/meta", NULL, NULL);
	assert_status(r, 200);
	assert_string_equal(fx_jstr(resp_json(r), "role"), "provider");
	assert_null(json_object_get(resp_json(r), "filing"));
	resp_free(r);
}

#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_pfiling__intake_closed_before_filing),
		T(test_pfiling__test_installation_banner),
		T(test_pfiling__configured_number_opens_intake),
		T(test_pfiling__dossier_problems_all_listed),
		T(test_pfiling__id_number_sealed_and_never_shown),
		T(test_pfiling__submit_supplement_approve),
		T(test_pfiling__refused_back_to_draft),
		T(test_pfiling__change_then_deregistration),
		T(test_pfiling__manual_filing),
		T(test_pfiling__initial_filing_clock),
		T(test_pfiling__web_editor),
		T(test_pfiling__other_roles_refused),
		T(test_pfiling__not_found_outside_a_platform),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
