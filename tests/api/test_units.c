/*
 * Support units (支撑单位, issue 9; R40; the CAPPVD notice) on a registry.
 *
 * A member of an organisation applies for a type with the dossier, the
 * rating method's evidence and the five declarations (all problems named
 * at once); the staff pass 材料审核 (only once the stamped paper copy has
 * arrived), 专家评审, 现场考察, 颁发证书 (the unit and its certificate) and
 * 公告 (the public list); the applicant sees every stage; withdrawal and
 * rejection; tasks of 权利义务 credited; the star level raised exactly at
 * its thresholds with a new certificate (the old one superseded on the
 * verification page); awards computed, confirmed and published; other
 * roles and other people get 404 or 403.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixtures.h"
#include "harness.h"

#define APP_RE		"^ZC-20[0-9]{2}-[0-9]{6}$"
#define CERT_RE		"^ZCDW20[0-9]{2}[0-9]{4}$"
#define CODE_ACME	"91350100M000100Y43"	/* GB 32100 check character right */
#define CODE_GOV	"91110108MA01ABCD1E"

struct people {
	struct cred	cora;	/* coordinator */
	struct cred	tom;	/* triager */
	struct cred	vic;	/* vendor of acme */
	struct cred	gina;	/* vendor of govco */
	struct cred	rita;	/* reporter, no organisation */
};

static struct srv *
registry_on(void **state, struct people *p, const char *env_day)
{
	struct srv	*s = *state;

	srv_init(s);
	fx_org_add(s, "acme", "Acme Security", "provider");
	fx_org_add(s, "govco", "Govco Apps", "provider");
	fx_person(s, "cora", "coordinator", NULL, "Cora Coordinator", "cora@lib.example",
	    &p->cora);
	fx_person(s, "tom", "triager", NULL, "Tom Triager", "tom@lib.example", &p->tom);
	fx_person(s, "vic", "vendor", "acme", "Vic Vendor", "vic@acme.example", &p->vic);
	fx_person(s, "gina", "vendor", "govco", "Gina Gov", "gina@govco.example", &p->gina);
	fx_person(s, "rita", "reporter", NULL, "Rita Reporter", "rita@example.org", &p->rita);
	srv_start(s, (const char *[]){ "LOUDONG_INSTANCE_ROLE=registry",
	    "LOUDONG_REGISTRY_LIBRARY_NAME=CAPPVD漏洞库",
	    "LOUDONG_UNITS_STAR_THRESHOLDS=1,2,4,6", env_day, NULL });
	return s;
}

static struct srv *
registry(void **state, struct people *p)
{
	return registry_on(state, p, NULL);
}

/* Today in China time (UTC+8), YYYY-MM-DD, and its year. */
static void
today(char out[11], int *year)
{
	time_t		t = time(NULL) + 8 * 3600;
	struct tm	tm;

	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
	if (year != NULL)
		*year = tm.tm_year + 1900;
}

/* An application's body for type, with the declarations given (caller frees). */
static char *
application(const char *type, const char *name, const char *code, const bool decl[5],
    bool with_phone)
{
	json_t	*ev = json_array(), *d = json_array(), *o, *contact;
	char	*s;
	int	 i;

	json_array_append_new(ev, json_pack("{s:s, s:i, s:s}", "criterion", "legal_standing",
	    "score", 8, "text", "依法设立，信用记录良好。"));
	json_array_append_new(ev, json_pack("{s:s, s:i, s:s}", "criterion", "team", "score", 12,
	    "text", "二十人安全团队，持 CISP 证书。"));
	json_array_append_new(ev, json_pack("{s:s, s:i, s:s}", "criterion", "remediation",
	    "score", 10, "text", "7x24 应急响应。"));
	json_array_append_new(ev, json_pack("{s:s, s:i, s:s}", "criterion", "warning", "score", 5,
	    "text", "共享预警。"));
	if (strcmp(type, "technical") == 0) {
		json_array_append_new(ev, json_pack("{s:s, s:i, s:s}", "criterion", "discovery",
		    "score", 18, "text", "APP 漏洞挖掘。"));
		json_array_append_new(ev, json_pack("{s:s, s:i, s:s}", "criterion", "research",
		    "score", 0, "text", "无。"));
		json_array_append_new(ev, json_pack("{s:s, s:i, s:s}", "criterion",
		    "verification", "score", 9, "text", "复现与验证流程。"));
	} else {
		json_array_append_new(ev, json_pack("{s:s, s:i, s:s}", "criterion",
		    "own_products", "score", 15, "text", "自有小程序、公众号的漏洞管理。"));
		json_array_append_new(ev, json_pack("{s:s, s:i, s:s}", "criterion",
		    "notification", "score", 10, "text", "协助下发通知。"));
	}
	for (i = 0; i < 5; i++)
		json_array_append_new(d, json_boolean(decl[i]));
	contact = json_pack("{s:s, s:s}", "name", "王经理", "email", "contact@acme.example");
	if (with_phone)
		json_object_set_new(contact, "phone", json_string("010-12345678"));
	o = json_pack("{s:s, s:s, s:s, s:s, s:o, s:{s:i, s:s, s:s}, s:o, s:o, s:[{s:s, s:s, s:s}]}",
	    "type", type, "unit_name", name, "credit_code", code,
	    "address", "北京市海淀区某路1号",
	    "contact", contact,
	    "team", "size", 20, "certificates", "CISP x8", "description", "移动安全实验室。",
	    "evidence", ev, "declarations", d,
	    "documents", "name", "资质.txt", "criterion", "team",
	    "content", "5Zui5Y+45rWL6K+V5paH5Lu2Cg==");
	s = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	assert_non_null(s);
	return s;
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

/* POST a decision on application id. */
static struct resp *
decide(struct srv *s, const struct cred *who, const char *id, const char *body, long want)
{
	return fx_call(s, who, "POST", body, want,
	    "/api/v1/support-units/applications/%s/decision", id);
}

/* The state of application id as who reads it. */
static void
assert_state(struct srv *s, const struct cred *who, const char *id, const char *state)
{
	struct resp	*r = fx_call(s, who, "GET", NULL, 200,
			    "/api/v1/support-units/applications/%s", id);

	assert_string_equal(resp_jstr(r, "state"), state);
	fx_done(r);
}

/* The public list's item for unit id (NULL: not listed); the response into *out. */
static json_t *
listed(struct srv *s, int64_t id, struct resp **out)
{
	json_t	*items, *v;
	size_t	 i;

	*out = http(s, "GET", "/api/v1/support-units", NULL, NULL);
	assert_status(*out, 200);
	items = json_object_get(resp_json(*out), "items");
	json_array_foreach(items, i, v)
		if (json_integer_value(json_object_get(v, "id")) == id)
			return v;
	return NULL;
}

static void
test_units__application_to_certificate_and_listing(void **state)
{
	struct people	 p;
	struct srv	*s = registry(state, &p);
	struct resp	*r;
	json_t		*o, *stages, *st;
	const bool	 all[5] = { true, true, true, true, true };
	const bool	 no3[5] = { true, true, false, true, true };
	char		*b, id[32], day[11], path[160], number[32];
	int64_t		 unit_id;
	size_t		 i;

	today(day, NULL);
	/* Every problem at once: a declaration not made, the phone missing, a bad code. */
	b = application("technical", "Acme Security", "91350100M000100Y44", no3, false);
	r = fx_call(s, &p.vic, "POST", b, 400, "/api/v1/support-units/applications");
	assert_true(errors_name(r, "declarations.3"));
	assert_true(errors_name(r, "contact.phone"));
	assert_true(errors_name(r, "credit_code"));
	assert_false(errors_name(r, "declarations.1"));
	fx_done(r);
	free(b);
	/* Someone without an organisation cannot apply for one. */
	b = application("technical", "Acme Security", CODE_ACME, all, true);
	fx_done(fx_call(s, &p.rita, "POST", b, 403, "/api/v1/support-units/applications"));
	r = fx_call(s, &p.vic, "POST", b, 201, "/api/v1/support-units/applications");
	snprintf(id, sizeof(id), "%s", resp_jstr(r, "id"));
	assert_true(fx_matches(id, APP_RE));
	assert_string_equal(resp_jstr(r, "state"), "material_review");
	assert_int_equal(json_integer_value(json_object_get(resp_json(r), "self_score")),
	    8 + 12 + 10 + 5 + 18 + 0 + 9);
	o = json_object_get(resp_json(r), "receipt");
	assert_true(json_is_string(json_object_get(o, "leaf")));
	assert_int_equal(json_array_size(json_object_get(resp_json(r), "documents")), 1);
	fx_done(r);
	/* One open application per organisation and type. */
	r = fx_call(s, &p.vic, "POST", b, 409, "/api/v1/support-units/applications");
	assert_problem_rule(r, 409, "申报流程");
	fx_done(r);
	free(b);

	/* Need-to-know: another organisation and a reporter get 404; staff read it. */
	snprintf(path, sizeof(path), "/api/v1/support-units/applications/%s", id);
	fx_done(fx_call(s, &p.gina, "GET", NULL, 404, "%s", path));
	fx_done(fx_call(s, &p.rita, "GET", NULL, 404, "%s", path));
	r = fx_call(s, &p.tom, "GET", NULL, 200, "%s", path);
	assert_string_equal(fx_jstr(json_object_get(resp_json(r), "contact"), "phone"),
	    "010-12345678");
	fx_done(r);

	/* 申报方式: material review does not pass before the paper copy arrived. */
	r = decide(s, &p.cora, id, "{\"outcome\":\"pass\"}", 409);
	assert_problem_rule(r, 409, "申报方式: 纸质材料");
	fx_done(r);
	/* Only staff decide. */
	fx_done(decide(s, &p.vic, id, "{\"outcome\":\"pass\"}", 403));
	snprintf(path, sizeof(path), "{\"received_on\":\"%s\"}", day);
	fx_done(fx_call(s, &p.cora, "POST", path, 200,
	    "/api/v1/support-units/applications/%s/paper", id));
	fx_done(decide(s, &p.cora, id, "{\"outcome\":\"pass\",\"notes\":\"材料齐全。\"}", 200));
	assert_state(s, &p.vic, id, "expert_review");
	fx_done(decide(s, &p.cora, id, "{\"outcome\":\"pass\",\"score\":86,"
	    "\"notes\":\"专家评审通过。\"}", 200));
	assert_state(s, &p.vic, id, "site_visit");
	/* Certification and announcement only pass. */
	fx_done(decide(s, &p.cora, id, "{\"outcome\":\"pass\",\"notes\":\"现场考察通过。\"}",
	    200));
	r = decide(s, &p.cora, id, "{\"outcome\":\"fail\",\"notes\":\"x\"}", 409);
	assert_problem_rule(r, 409, "申报流程");
	fx_done(r);
	r = decide(s, &p.cora, id, "{\"outcome\":\"pass\"}", 200);
	assert_string_equal(resp_jstr(r, "state"), "announcement");
	unit_id = json_integer_value(json_object_get(resp_json(r), "unit_id"));
	assert_true(unit_id > 0);
	fx_done(r);
	/* Certified but not announced: not on the public list yet. */
	assert_null(listed(s, unit_id, &r));
	fx_done(r);
	fx_done(decide(s, &p.cora, id, "{\"outcome\":\"pass\"}", 200));
	assert_state(s, &p.vic, id, "done");
	o = listed(s, unit_id, &r);
	assert_non_null(o);
	assert_string_equal(fx_jstr(o, "name"), "Acme Security");
	assert_string_equal(fx_jstr(o, "type"), "technical");
	assert_int_equal(json_integer_value(json_object_get(o, "level")), 1);
	assert_string_equal(fx_jstr(o, "status"), "active");
	assert_string_equal(fx_jstr(o, "certified_on"), day);
	assert_true(fx_matches(fx_jstr(o, "certificate"), CERT_RE));
	snprintf(number, sizeof(number), "%s", fx_jstr(o, "certificate"));
	assert_string_equal(resp_jstr(r, "library"), "CAPPVD漏洞库");
	fx_done(r);

	/* The applicant sees every decided stage: reviewer, outcome, notes, date. */
	r = fx_call(s, &p.vic, "GET", NULL, 200, "/api/v1/support-units/applications/%s", id);
	stages = json_object_get(resp_json(r), "stages");
	assert_int_equal(json_array_size(stages), 5);
	json_array_foreach(stages, i, st) {
		assert_string_equal(fx_jstr(st, "outcome"), "passed");
		assert_string_equal(fx_jstr(st, "reviewer"), "Cora Coordinator");
		assert_string_equal(fx_jstr(st, "held_on"), day);
	}
	assert_string_equal(fx_jstr(json_array_get(stages, 0), "stage"), "material_review");
	assert_string_equal(fx_jstr(json_array_get(stages, 1), "notes"), "专家评审通过。");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(stages, 1),
	    "score")), 86);
	assert_string_equal(fx_jstr(json_array_get(stages, 4), "stage"), "announcement");
	fx_done(r);

	/* The public list page, the verification page and API, the unit's page. */
	r = http(s, "GET", "/support-units", NULL, NULL);
	assert_status(r, 200);
	assert_contains(r->body, "Acme Security");
	assert_contains(r->body, number);
	resp_free(r);
	snprintf(path, sizeof(path), "/support-units/verify/%s", number);
	r = http(s, "GET", path, NULL, NULL);
	assert_status(r, 200);
	assert_contains(r->body, "data-verdict=\"valid\"");
	assert_contains(r->body, "Acme Security");
	resp_free(r);
	r = http(s, "GET", "/support-units/verify/ZCDW20990001", NULL, NULL);
	assert_status(r, 404);
	assert_contains(r->body, "ZCDW20990001");
	resp_free(r);
	r = fx_call(s, NULL, "GET", NULL, 200, "/api/v1/support-units/certificates/%s", number);
	assert_string_equal(resp_jstr(r, "verdict"), "valid");
	assert_int_equal(json_integer_value(json_object_get(resp_json(r), "level")), 1);
	fx_done(r);
	snprintf(path, sizeof(path), "/support-units/%lld", (long long)unit_id);
	r = http(s, "GET", path, NULL, NULL);
	assert_status(r, 200);
	assert_contains(r->body, "Acme Security");
	resp_free(r);

	/* The certificate: a PDF named by its number. */
	snprintf(path, sizeof(path), "/api/v1/support-units/%lld/certificate.pdf",
	    (long long)unit_id);
	r = http(s, "GET", path, NULL, NULL);
	assert_status(r, 200);
	assert_non_null(resp_header(r, "Content-Type"));
	assert_string_equal(resp_header(r, "Content-Type"), "application/pdf");
	assert_contains(resp_header(r, "Content-Disposition"), number);
	assert_true(r->len > 4 && memcmp(r->body, "%PDF", 4) == 0);
	/*
	 * Kept once rendered: the next download is the same document, although
	 * a new rendering would carry a later /CreationDate (a second on).
	 */
	{
		struct resp	*again;

		sleep(1);
		again = http(s, "GET", path, NULL, NULL);
		assert_status(again, 200);
		assert_int_equal(again->len, r->len);
		assert_memory_equal(again->body, r->body, r->len);
		resp_free(again);
	}
	resp_free(r);
}

static void
test_units__withdraw_and_reject(void **state)
{
	struct people	 p;
	struct srv	*s = registry(state, &p);
	struct resp	*r;
	json_t		*stages, *last;
	const bool	 all[5] = { true, true, true, true, true };
	char		*b, id[32], id2[32];

	b = application("governance", "Govco Apps", CODE_GOV, all, true);
	r = fx_call(s, &p.gina, "POST", b, 201, "/api/v1/support-units/applications");
	snprintf(id, sizeof(id), "%s", resp_jstr(r, "id"));
	fx_done(r);
	/* Only the applying organisation withdraws; to others it is not there. */
	fx_done(fx_call(s, &p.vic, "POST", "{}", 404,
	    "/api/v1/support-units/applications/%s/withdraw", id));
	r = fx_call(s, &p.gina, "POST", "{\"reason\":\"改年再报。\"}", 200,
	    "/api/v1/support-units/applications/%s/withdraw", id);
	assert_string_equal(resp_jstr(r, "state"), "withdrawn");
	stages = json_object_get(resp_json(r), "stages");
	last = json_array_get(stages, json_array_size(stages) - 1);
	assert_string_equal(fx_jstr(last, "outcome"), "withdrawn");
	assert_string_equal(fx_jstr(last, "notes"), "改年再报。");
	fx_done(r);
	fx_done(fx_call(s, &p.gina, "POST", "{}", 409,
	    "/api/v1/support-units/applications/%s/withdraw", id));

	/* Applying again is allowed once nothing is open; failing needs notes. */
	r = fx_call(s, &p.gina, "POST", b, 201, "/api/v1/support-units/applications");
	snprintf(id2, sizeof(id2), "%s", resp_jstr(r, "id"));
	assert_string_not_equal(id, id2);
	fx_done(r);
	r = decide(s, &p.cora, id2, "{\"outcome\":\"fail\"}", 400);
	assert_problem_field(r, 400, "notes");
	fx_done(r);
	fx_done(decide(s, &p.cora, id2, "{\"outcome\":\"maybe\",\"notes\":\"x\"}", 400));
	fx_done(decide(s, &p.cora, id2, "{\"outcome\":\"fail\",\"notes\":\"能力证明不足。\"}",
	    200));
	r = fx_call(s, &p.gina, "GET", NULL, 200, "/api/v1/support-units/applications/%s", id2);
	assert_string_equal(resp_jstr(r, "state"), "rejected");
	stages = json_object_get(resp_json(r), "stages");
	assert_int_equal(json_array_size(stages), 1);
	assert_string_equal(fx_jstr(json_array_get(stages, 0), "outcome"), "failed");
	assert_string_equal(fx_jstr(json_array_get(stages, 0), "notes"), "能力证明不足。");
	assert_string_equal(fx_jstr(json_array_get(stages, 0), "reviewer"), "Cora Coordinator");
	fx_done(r);
	/* A rejected application takes no further decision. */
	r = decide(s, &p.cora, id2, "{\"outcome\":\"pass\"}", 409);
	assert_problem_rule(r, 409, "申报流程");
	fx_done(r);
	/* The applicant's own list holds both; staff see every application. */
	r = fx_call(s, &p.gina, "GET", NULL, 200, "/api/v1/support-units/applications");
	assert_int_equal(json_array_size(json_object_get(resp_json(r), "items")), 2);
	fx_done(r);
	r = fx_call(s, &p.vic, "GET", NULL, 200, "/api/v1/support-units/applications");
	assert_int_equal(json_array_size(json_object_get(resp_json(r), "items")), 0);
	fx_done(r);
	free(b);
}

/* Register a unit of org by hand (announced): its id and certificate number. */
static int64_t
register_unit(struct srv *s, const struct cred *who, const char *org, const char *type,
    char number[32])
{
	struct resp	*r;
	char		 body[256];
	int64_t		 id;

	snprintf(body, sizeof(body), "{\"org\":\"%s\",\"type\":\"%s\",\"level\":1,"
	    "\"certified_on\":\"2024-10-01\",\"announce\":true}", org, type);
	r = fx_call(s, who, "POST", body, 201, "/api/v1/support-units");
	id = json_integer_value(json_object_get(resp_json(r), "id"));
	assert_true(fx_matches(resp_jstr(r, "certificate"), CERT_RE));
	snprintf(number, 32, "%s", resp_jstr(r, "certificate"));
	assert_string_equal(resp_jstr(r, "certified_on"), "2024-10-01");
	fx_done(r);
	return id;
}

/* A report by who: its id. */
static void
report(struct srv *s, const struct cred *who, const char *title, char id[32])
{
	char		 body[256];
	struct resp	*r;

	snprintf(body, sizeof(body), "{\"title\":\"%s\",\"kind\":\"generic\",\"vendor\":\"Acme\","
	    "\"product\":\"App\",\"description\":\"Details.\"}", title);
	r = fx_call(s, who, "POST", body, 201, "/api/v1/reports");
	snprintf(id, 32, "%s", resp_jstr(r, "id"));
	fx_done(r);
}

/* Give unit a task about subject, answered by member and confirmed by staff. */
static void
task_done(struct srv *s, struct people *p, int64_t unit, const char *kind,
    const char *subject, const struct cred *member)
{
	struct resp	*r;
	char		 body[256];
	int64_t		 tid;

	snprintf(body, sizeof(body), "{\"unit_id\":%lld,\"kind\":\"%s\",\"subject\":\"%s\","
	    "\"brief\":\"请复现并确认。\"}", (long long)unit, kind, subject);
	r = fx_call(s, &p->cora, "POST", body, 201, "/api/v1/support-units/tasks");
	tid = json_integer_value(json_object_get(resp_json(r), "id"));
	assert_string_equal(resp_jstr(r, "state"), "assigned");
	fx_done(r);
	/* Confirming what was not answered is refused; another org's member cannot answer. */
	fx_done(fx_call(s, &p->tom, "POST", "{}", 409,
	    "/api/v1/support-units/tasks/%lld/confirm", (long long)tid));
	fx_done(fx_call(s, &p->rita, "POST", "{\"result\":\"x\"}", 404,
	    "/api/v1/support-units/tasks/%lld/answer", (long long)tid));
	fx_done(fx_call(s, member, "POST", "{\"result\":\"已复现，影响 3.2 版。\"}", 200,
	    "/api/v1/support-units/tasks/%lld/answer", (long long)tid));
	r = fx_call(s, &p->tom, "POST", "{}", 200, "/api/v1/support-units/tasks/%lld/confirm",
	    (long long)tid);
	assert_string_equal(resp_jstr(r, "state"), "confirmed");
	fx_done(r);
}

/* Evaluate one unit: its level after and the new certificate ("" none) into number. */
static int
evaluate(struct srv *s, const struct cred *who, int64_t unit, char number[32])
{
	struct resp	*r;
	json_t		*it;
	char		 body[64];
	int		 level;

	snprintf(body, sizeof(body), "{\"unit_id\":%lld}", (long long)unit);
	r = fx_call(s, who, "POST", body, 200, "/api/v1/support-units/evaluate");
	it = json_array_get(json_object_get(resp_json(r), "items"), 0);
	assert_non_null(it);
	level = (int)json_integer_value(json_object_get(it, "level_after"));
	snprintf(number, 32, "%s", fx_jstr(it, "certificate") != NULL ?
	    fx_jstr(it, "certificate") : "");
	fx_done(r);
	return level;
}

static const char *
verdict_of(struct srv *s, const char *number)
{
	static char	 v[32];
	struct resp	*r = fx_call(s, NULL, "GET", NULL, 200,
			    "/api/v1/support-units/certificates/%s", number);

	snprintf(v, sizeof(v), "%s", resp_jstr(r, "verdict"));
	fx_done(r);
	return v;
}

/* Make the data directory's configuration a registry's with the test's thresholds. */
static void
registry_conf(struct srv *s)
{
	char	 path[128], *buf, *p;
	FILE	*f;
	long	 n;

	snprintf(path, sizeof(path), "%s/loudong.conf", s->dir);
	assert_non_null(f = fopen(path, "r"));
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	rewind(f);
	buf = calloc(1, (size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	assert_non_null(p = strstr(buf, "role = platform"));
	assert_non_null(f = fopen(path, "w"));
	fprintf(f, "%.*srole = registry%s\n[units]\nstar_thresholds = 1,2,4,6\n", (int)(p - buf),
	    buf, p + strlen("role = platform"));
	fclose(f);
	free(buf);
}

static void
test_units__tasks_levels_and_awards(void **state)
{
	struct people	 p;
	struct srv	*s = registry(state, &p);
	struct resp	*r;
	json_t		*items, *v, *standing;
	char		 rep[32], rep2[32], subject[48], body[160], path[96];
	char		 c_acme[32], c_gov[32], c2[32], c3[32], none[32];
	int64_t		 acme, gov, cand_most = 0, cand_gov = 0;
	size_t		 i;
	int		 year;

	today(c2, &year);
	/* Units registered by hand (certified before Loudong) get a Loudong certificate. */
	acme = register_unit(s, &p.cora, "acme", "technical", c_acme);
	gov = register_unit(s, &p.cora, "govco", "governance", c_gov);
	fx_done(fx_call(s, &p.cora, "POST", "{\"org\":\"acme\",\"type\":\"technical\","
	    "\"level\":1,\"certified_on\":\"2024-10-01\"}", 409, "/api/v1/support-units"));
	fx_done(fx_call(s, &p.vic, "POST", "{\"org\":\"acme\",\"type\":\"governance\","
	    "\"level\":1,\"certified_on\":\"2024-10-01\"}", 403, "/api/v1/support-units"));

	/* 权利义务: verification is a technical unit's, assistance a governance unit's. */
	report(s, &p.rita, "SQL injection in the app's login", rep);
	snprintf(subject, sizeof(subject), "report:%s", rep);
	snprintf(body, sizeof(body), "{\"unit_id\":%lld,\"kind\":\"assistance\",\"subject\":"
	    "\"%s\",\"brief\":\"x\"}", (long long)acme, subject);
	r = fx_call(s, &p.cora, "POST", body, 409, "/api/v1/support-units/tasks");
	assert_problem_rule(r, 409, "权利义务（二）");
	fx_done(r);
	snprintf(body, sizeof(body), "{\"unit_id\":%lld,\"kind\":\"verification\",\"subject\":"
	    "\"%s\",\"brief\":\"x\"}", (long long)gov, subject);
	r = fx_call(s, &p.cora, "POST", body, 409, "/api/v1/support-units/tasks");
	assert_problem_rule(r, 409, "权利义务（一）");
	fx_done(r);
	snprintf(body, sizeof(body), "{\"unit_id\":%lld,\"kind\":\"verification\",\"subject\":"
	    "\"report:LD-2020-999999\",\"brief\":\"x\"}", (long long)acme);
	r = fx_call(s, &p.cora, "POST", body, 400, "/api/v1/support-units/tasks");
	assert_problem_field(r, 400, "subject");
	fx_done(r);

	/* Nothing credited yet: 0 points, still 一星 (below it, flagged), no new certificate. */
	assert_int_equal(evaluate(s, &p.cora, acme, none), 1);
	assert_string_equal(none, "");
	/* One verification (2 points): exactly at 二星's threshold (2). */
	task_done(s, &p, acme, "verification", subject, &p.vic);
	assert_int_equal(evaluate(s, &p.cora, acme, c2), 2);
	assert_true(fx_matches(c2, CERT_RE));
	assert_string_not_equal(c2, c_acme);
	assert_string_equal(verdict_of(s, c_acme), "superseded");
	assert_string_equal(verdict_of(s, c2), "valid");
	snprintf(path, sizeof(path), "/support-units/verify/%s", c_acme);
	r = http(s, "GET", path, NULL, NULL);
	assert_status(r, 200);
	assert_contains(r->body, "data-verdict=\"superseded\"");
	resp_free(r);
	/* The same points again: no change, no certificate. */
	assert_int_equal(evaluate(s, &p.cora, acme, none), 2);
	assert_string_equal(none, "");
	/* A second verification: 4 points, exactly 三星's threshold. */
	report(s, &p.rita, "Token leak in the app's logs", rep2);
	snprintf(subject, sizeof(subject), "report:%s", rep2);
	task_done(s, &p, acme, "verification", subject, &p.vic);
	assert_int_equal(evaluate(s, &p.cora, acme, c3), 3);
	assert_string_equal(verdict_of(s, c2), "superseded");
	assert_string_equal(verdict_of(s, c3), "valid");
	/* The public list shows the level and the new certificate. */
	r = http(s, "GET", "/api/v1/support-units?level=3", NULL, NULL);
	assert_status(r, 200);
	items = json_object_get(resp_json(r), "items");
	assert_int_equal(json_array_size(items), 1);
	assert_string_equal(fx_jstr(json_array_get(items, 0), "certificate"), c3);
	fx_done(r);

	/* A unit member's report accepted counts for the unit (ungraded: 1 point). */
	report(s, &p.vic, "Our own app: weak TLS pinning", rep);
	fx_done(fx_call(s, &p.tom, "POST", "{\"decision\":\"accept\"}", 200,
	    "/api/v1/reports/%s/triage", rep));
	r = fx_call(s, &p.vic, "GET", NULL, 200, "/api/v1/support-units/%lld", (long long)acme);
	standing = json_object_get(resp_json(r), "standing");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(standing, "counts"),
	    "ungraded")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(standing, "counts"),
	    "verification")), 2);
	assert_int_equal(json_integer_value(json_object_get(standing, "points")), 5);
	assert_int_equal(json_integer_value(json_object_get(standing, "next_threshold")), 6);
	assert_true(json_array_size(json_object_get(resp_json(r), "certificates")) == 3);
	fx_done(r);
	/* The governance unit's assistance. */
	task_done(s, &p, gov, "assistance", subject, &p.gina);
	/* The unit's members see their tasks. */
	r = fx_call(s, &p.gina, "GET", NULL, 200, "/api/v1/support-units/mine");
	assert_int_equal(json_array_size(json_object_get(resp_json(r), "units")), 1);
	assert_int_equal(json_array_size(json_object_get(resp_json(r), "tasks")), 1);
	fx_done(r);

	/* Awards: candidates by the rules, confirmed or dismissed, then published. */
	snprintf(path, sizeof(path), "/api/v1/support-units/awards/%d", year);
	r = http(s, "GET", path, NULL, NULL);
	assert_status(r, 200);
	assert_int_equal(json_array_size(json_object_get(resp_json(r), "items")), 0);
	resp_free(r);
	fx_done(fx_call(s, &p.vic, "POST", "{}", 403, "/api/v1/support-units/awards/%d/compute",
	    year));
	r = fx_call(s, &p.cora, "POST", "{}", 200, "/api/v1/support-units/awards/%d/compute",
	    year);
	items = json_object_get(resp_json(r), "items");
	json_array_foreach(items, i, v) {
		if (strcmp(fx_jstr(v, "award"), "most_contributing") == 0) {
			assert_int_equal(json_integer_value(json_object_get(v, "unit_id")), acme);
			assert_int_equal(json_integer_value(json_object_get(v, "rank")), 1);
			cand_most = json_integer_value(json_object_get(v, "id"));
		}
		if (strcmp(fx_jstr(v, "award"), "governance_most") == 0) {
			assert_int_equal(json_integer_value(json_object_get(v, "unit_id")), gov);
			cand_gov = json_integer_value(json_object_get(v, "id"));
		}
		/* No unit has a critical report: special_contribution has no candidate. */
		assert_string_not_equal(fx_jstr(v, "award"), "special_contribution");
		assert_string_equal(fx_jstr(v, "state"), "candidate");
	}
	assert_true(cand_most > 0 && cand_gov > 0);
	fx_done(r);
	fx_done(fx_call(s, &p.cora, "POST", "{}", 200,
	    "/api/v1/support-units/award-candidates/%lld/confirm", (long long)cand_most));
	fx_done(fx_call(s, &p.cora, "POST", "{}", 200,
	    "/api/v1/support-units/award-candidates/%lld/dismiss", (long long)cand_gov));
	/* Recomputing keeps what was decided. */
	r = fx_call(s, &p.cora, "POST", "{}", 200, "/api/v1/support-units/awards/%d/compute",
	    year);
	json_array_foreach(json_object_get(resp_json(r), "items"), i, v)
		if (json_integer_value(json_object_get(v, "id")) == cand_most)
			assert_string_equal(fx_jstr(v, "state"), "confirmed");
	fx_done(r);
	r = fx_call(s, &p.cora, "POST", "{}", 200, "/api/v1/support-units/awards/%d/publish",
	    year);
	assert_int_equal(json_integer_value(json_object_get(resp_json(r), "published")), 1);
	fx_done(r);
	r = http(s, "GET", path, NULL, NULL);
	assert_status(r, 200);
	items = json_object_get(resp_json(r), "items");
	assert_int_equal(json_array_size(items), 1);
	assert_string_equal(fx_jstr(json_array_get(items, 0), "award"), "most_contributing");
	assert_string_equal(fx_jstr(json_array_get(items, 0), "unit_name"), "Acme Security");
	resp_free(r);
	snprintf(path, sizeof(path), "/support-units/awards/%d", year);
	r = http(s, "GET", path, NULL, NULL);
	assert_status(r, 200);
	assert_contains(r->body, "Acme Security");
	assert_contains(r->body, "漏洞报送最具贡献单位");
	resp_free(r);

	/* The unit's members were told in-app of their new certificates. */
	r = fx_call(s, &p.vic, "GET", NULL, 200, "/api/v1/notices");
	assert_contains(r->body, "support_unit");
	assert_contains(r->body, c3);
	fx_done(r);

	/* Revoked: off the list, its certificate revoked on the verification page. */
	fx_done(fx_call(s, &p.cora, "POST", "{\"status\":\"revoked\"}", 400,
	    "/api/v1/support-units/%lld/status", (long long)gov));
	fx_done(fx_call(s, &p.cora, "POST", "{\"status\":\"revoked\",\"reason\":\"不再履行义务。\"}",
	    200, "/api/v1/support-units/%lld/status", (long long)gov));
	assert_string_equal(verdict_of(s, c_gov), "revoked");
	assert_null(listed(s, gov, &r));
	fx_done(r);
	fx_done(fx_call(s, NULL, "GET", NULL, 404, "/api/v1/support-units/%lld",
	    (long long)gov));
	/* The pages: a unit for its staff (their forms) and members (their tasks); the queue. */
	{
		char	cookie[160], page[96];

		web_login(s, "cora", TEST_PASSWORD, cookie, sizeof(cookie));
		snprintf(page, sizeof(page), "/support-units/%lld", (long long)acme);
		r = web_page(s, page, cookie, NULL);
		assert_status(r, 200);
		assert_contains(r->body, c3);
		assert_contains(r->body, "/staff/support-units/evaluate");
		assert_contains(r->body, "派发任务");
		assert_contains(r->body, "三星");
		resp_free(r);
		snprintf(page, sizeof(page), "/staff/support-units?year=%d", year);
		r = web_page(s, page, cookie, NULL);
		assert_status(r, 200);
		assert_contains(r->body, "漏洞报送最具贡献单位");
		assert_contains(r->body, "Govco Apps");
		resp_free(r);
		web_login(s, "vic", TEST_PASSWORD, cookie, sizeof(cookie));
		r = web_page(s, "/support-units/mine", cookie, NULL);
		assert_status(r, 200);
		assert_contains(r->body, "已复现，影响 3.2 版。");
		resp_free(r);
	}

	/*
	 * The command line (the data directory made a registry with the same
	 * thresholds, as the server was through its environment) evaluates the
	 * active units and computes the candidates; a bad date is a usage error.
	 */
	registry_conf(s);
	{
		char	out[2048], y[16];

		snprintf(y, sizeof(y), "%d", year);
		assert_int_equal(srv_cli(s, NULL, out, sizeof(out), (const char *[]){ "units",
		    "evaluate", "--data-dir", s->dir, NULL }), 0);
		assert_contains(out, "1 unit evaluated");
		assert_contains(out, "Acme Security\tpoints=5\tlevel=3->3");
		assert_int_equal(srv_cli(s, NULL, out, sizeof(out), (const char *[]){ "units",
		    "awards", y, "--data-dir", s->dir, NULL }), 0);
		assert_contains(out, "most_contributing");
		assert_int_equal(srv_cli(s, NULL, out, sizeof(out), (const char *[]){ "units",
		    "list", "--data-dir", s->dir, NULL }), 0);
		assert_contains(out, "revoked");
		assert_int_equal(srv_cli(s, NULL, NULL, 0, (const char *[]){ "units",
		    "evaluate", "--as-of", "2026-13-40", "--data-dir", s->dir, NULL }), 2);
	}
}

/* The unit's current certificate number into out. */
static void
current_cert(struct srv *s, const struct cred *who, int64_t id, char out[32])
{
	struct resp	*r = fx_call(s, who, "GET", NULL, 200, "/api/v1/support-units/%lld",
			    (long long)id);

	snprintf(out, 32, "%s", resp_jstr(r, "certificate") != NULL ?
	    resp_jstr(r, "certificate") : "");
	fx_done(r);
}

static void
test_units__annual_evaluation_renews(void **state)
{
	struct people	 p;
	struct srv	*s;
	char		 day[11], env_day[48], c1[32], c2[32];
	int64_t		 id;
	int		 i, year;

	today(day, &year);
	/* [units] evaluation_day is MM-DD with a day of 01-28, and must be ahead first. */
	if (strcmp(day + 8, "28") > 0 || strncmp(day + 5, "12", 2) == 0)
		skip();
	/* Installed before this year's evaluation day: this year's run is still to come. */
	s = registry_on(state, &p, "LOUDONG_UNITS_EVALUATION_DAY=12-28");
	id = register_unit(s, &p.cora, "acme", "technical", c1);
	current_cert(s, &p.cora, id, c2);
	assert_string_equal(c1, c2);
	srv_stop(s);
	/* The day has come: the scheduler's first run renews every certificate, once a year. */
	snprintf(env_day, sizeof(env_day), "LOUDONG_UNITS_EVALUATION_DAY=%.5s", day + 5);
	srv_start(s, (const char *[]){ "LOUDONG_INSTANCE_ROLE=registry",
	    "LOUDONG_UNITS_STAR_THRESHOLDS=1,2,4,6", env_day, NULL });
	for (i = 0; i < 100; i++) {
		current_cert(s, &p.cora, id, c2);
		if (strcmp(c1, c2) != 0)
			break;
		usleep(100 * 1000);
	}
	assert_string_not_equal(c1, c2);
	assert_string_equal(verdict_of(s, c1), "superseded");
	assert_string_equal(verdict_of(s, c2), "valid");
}

/* The Location of a 303 without its query ("/support-units/applications/ZC-…"). */
static void
location(struct resp *r, char *out, size_t outsz)
{
	const char	*loc = resp_header(r, "Location");
	size_t		 n;

	assert_non_null(loc);
	n = strcspn(loc, "?");
	snprintf(out, outsz, "%.*s", (int)n, loc);
}

/* The typical form of a technical application, declarations as given. */
static void
web_application(struct web_form *f, const char *csrf, bool declare)
{
	static const char *const crit[] = {
		"legal_standing", "team", "discovery", "research", "verification", "remediation",
		"warning",
	};
	char	name[64];
	size_t	i;

	memset(f, 0, sizeof(*f));
	web_form_add(f, "csrf", csrf);
	web_form_add(f, "type", "technical");
	web_form_add(f, "unit_name", "Acme <Web> Lab");
	web_form_add(f, "credit_code", CODE_ACME);
	web_form_add(f, "address", "Beijing");
	web_form_add(f, "contact.name", "Wang");
	web_form_add(f, "contact.phone", "010-12345678");
	web_form_add(f, "contact.email", "wang@acme.example");
	web_form_add(f, "team.size", "12");
	web_form_add(f, "team.description", "A lab.");
	for (i = 0; i < sizeof(crit) / sizeof(crit[0]); i++) {
		snprintf(name, sizeof(name), "evidence.%s.score", crit[i]);
		web_form_add(f, name, "3");
		snprintf(name, sizeof(name), "evidence.%s.text", crit[i]);
		web_form_add(f, name, "Yes.");
	}
	for (i = 1; declare && i <= 5; i++) {
		snprintf(name, sizeof(name), "declarations.%zu", i);
		web_form_add(f, name, "on");
	}
}

static void
test_units__web_apply_decide_and_navigate(void **state)
{
	struct people	 p;
	struct srv	*s = registry(state, &p);
	struct resp	*r;
	struct web_form	 f;
	char		 vic[160], cora[160], csrf[128], page[128], path[192], day[11];

	today(day, NULL);
	web_login(s, "vic", TEST_PASSWORD, vic, sizeof(vic));
	web_login(s, "cora", TEST_PASSWORD, cora, sizeof(cora));
	/* The navigation: the public list for everyone, the queue for staff, mine for members. */
	r = web_page(s, "/", NULL, NULL);
	assert_contains(r->body, "href=\"/support-units\"");
	resp_free(r);
	r = web_page(s, "/", vic, NULL);
	assert_contains(r->body, "href=\"/support-units/mine\"");
	assert_not_contains(r->body, "href=\"/staff/support-units\"");
	resp_free(r);
	r = web_page(s, "/", cora, NULL);
	assert_contains(r->body, "href=\"/staff/support-units\"");
	resp_free(r);

	/* The type first, then the rating method's criteria of that type and the declarations. */
	r = web_page(s, "/support-units/apply", vic, NULL);
	assert_status(r, 200);
	assert_contains(r->body, "/support-units/apply?type=governance");
	resp_free(r);
	r = web_page(s, "/support-units/apply?type=technical", vic, NULL);
	assert_status(r, 200);
	assert_contains(r->body, "漏洞审核与验证能力");
	assert_not_contains(r->body, "自有APP、小程序、公众号的漏洞管理");
	assert_contains(r->body, "（五）申报单位应遵守CAPPVD漏洞库管理要求");
	assert_contains(r->body, "name=\"evidence.verification.score\"");
	assert_true(web_form_csrf(r->body, csrf, sizeof(csrf)));
	resp_free(r);
	/* Without the declarations: the form again, each problem beside its box, input kept. */
	web_application(&f, csrf, false);
	r = web_post_form(s, "/support-units/apply", vic, &f, NULL);
	assert_status(r, 422);
	assert_contains(r->body, "id=\"f-declarations.1-error\"");
	assert_contains(r->body, "id=\"f-declarations.5-error\"");
	assert_contains(r->body, "Acme &lt;Web&gt; Lab");
	resp_free(r);
	web_application(&f, csrf, true);
	r = web_post_form(s, "/support-units/apply", vic, &f, NULL);
	assert_status(r, 303);
	location(r, page, sizeof(page));
	assert_true(fx_matches(page, "^/support-units/applications/ZC-20[0-9]{2}-[0-9]{6}$"));
	resp_free(r);
	r = web_page(s, page, vic, NULL);
	assert_status(r, 200);
	assert_contains(r->body, "尚未收到加盖公章的纸质材料");
	assert_contains(r->body, "Acme &lt;Web&gt; Lab");
	assert_not_contains(r->body, "/decision");
	resp_free(r);
	/* Another organisation's account does not see it. */
	r = fx_call(s, &p.gina, "GET", NULL, 404, "/api/v1%s", page);
	fx_done(r);

	/* The staff's queue lists it; material review without the paper copy: the page again. */
	r = web_page(s, "/staff/support-units", cora, NULL);
	assert_status(r, 200);
	assert_contains(r->body, page + strlen("/support-units/applications/"));
	resp_free(r);
	r = web_page(s, page, cora, NULL);
	assert_true(web_form_csrf(r->body, csrf, sizeof(csrf)));
	assert_contains(r->body, "/decision");
	resp_free(r);
	memset(&f, 0, sizeof(f));
	web_form_add(&f, "csrf", csrf);
	web_form_add(&f, "outcome", "pass");
	snprintf(path, sizeof(path), "%s/decision", page);
	r = web_post_form(s, path, cora, &f, NULL);
	assert_status(r, 422);
	assert_contains(r->body, "尚未收到加盖公章的纸质申报材料");
	resp_free(r);
	memset(&f, 0, sizeof(f));
	web_form_add(&f, "csrf", csrf);
	web_form_add(&f, "paper_received_on", day);
	snprintf(path, sizeof(path), "%s/paper", page);
	r = web_post_form(s, path, cora, &f, NULL);
	assert_status(r, 303);
	resp_free(r);
	memset(&f, 0, sizeof(f));
	web_form_add(&f, "csrf", csrf);
	web_form_add(&f, "outcome", "pass");
	web_form_add(&f, "notes", "Complete.");
	snprintf(path, sizeof(path), "%s/decision", page);
	r = web_post_form(s, path, cora, &f, NULL);
	assert_status(r, 303);
	resp_free(r);
	/* The applicant sees the stage decided: who, what, when. */
	r = web_page(s, page, vic, NULL);
	assert_contains(r->body, "data-stage=\"material_review\"");
	assert_contains(r->body, "Cora Coordinator");
	assert_contains(r->body, "Complete.");
	assert_contains(r->body, "专家评审");
	resp_free(r);
	/* The member's own page. */
	r = web_page(s, "/support-units/mine", vic, NULL);
	assert_status(r, 200);
	assert_contains(r->body, page + strlen("/support-units/applications/"));
	resp_free(r);
	/* The in-app notice of the decision links to the application. */
	r = web_page(s, "/cases", vic, NULL);
	assert_status(r, 200);
	snprintf(path, sizeof(path), "href=\"%s\"", page);
	assert_contains(r->body, path);
	resp_free(r);
}

static void
test_units__others_are_refused(void **state)
{
	struct srv	*s = *state;
	struct cred	 cora, vic;
	struct resp	*r;

	/* A platform has no support units: every route answers 404. */
	srv_init(s);
	fx_org_add(s, "acme", "Acme Security", "provider");
	fx_person(s, "cora", "coordinator", NULL, "Cora", "cora@p.example", &cora);
	fx_person(s, "vic", "vendor", "acme", "Vic", "vic@acme.example", &vic);
	srv_start(s, NULL);
	r = http(s, "GET", "/api/v1/support-units", NULL, NULL);
	assert_status(r, 404);
	resp_free(r);
	r = http(s, "GET", "/support-units", NULL, NULL);
	assert_status(r, 404);
	resp_free(r);
	fx_done(fx_call(s, &vic, "POST", "{\"type\":\"technical\"}", 404,
	    "/api/v1/support-units/applications"));
	fx_done(fx_call(s, &cora, "POST", "{}", 404, "/api/v1/support-units/evaluate"));
	fx_done(fx_call(s, &cora, "POST", "{}", 404,
	    "/api/v1/support-units/awards/2026/compute"));
	/* The CLI says so too. */
	assert_int_equal(srv_cli(s, NULL, NULL, 0, (const char *[]){ "units", "list",
	    "--data-dir", s->dir, NULL }), 1);
	assert_int_equal(srv_cli(s, NULL, NULL, 0, (const char *[]){ "units", "awards",
	    "nineteen", "--data-dir", s->dir, NULL }), 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_units__application_to_certificate_and_listing, srv_setup, srv_teardown),
		cmocka_unit_test_setup_teardown(test_units__withdraw_and_reject, srv_setup,
		    srv_teardown),
		cmocka_unit_test_setup_teardown(test_units__tasks_levels_and_awards, srv_setup,
		    srv_teardown),
		cmocka_unit_test_setup_teardown(test_units__annual_evaluation_renews, srv_setup,
		    srv_teardown),
		cmocka_unit_test_setup_teardown(test_units__web_apply_decide_and_navigate,
		    srv_setup, srv_teardown),
		cmocka_unit_test_setup_teardown(test_units__others_are_refused, srv_setup,
		    srv_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
