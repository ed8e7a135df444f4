/*
 * Federation (issue 6): two real instances on loopback, a provider (a
 * vendor's PSIRT) and a registry (the national library), with in-process
 * HTTP sinks as the registry's downstream recipients.
 *
 *  - The provider drafts the 报送 of a case (prefilled from the case), fills
 *    what is missing and sends it.  The registry is not there yet: first a
 *    sink answers 503 on its port, then nothing listens there at all; the
 *    delivery is retried, the 报送 stays queued with the attempts and the
 *    last error showing, and the case cannot close (Art. 7(2)).
 *  - The registry starts on that port: within a bounded wait the 报送 is
 *    accepted with a library id NVDB-<YYYY>-<seq>; the registry holds
 *    exactly one record of it (the same document posted again by hand with
 *    the same Idempotency-Key is a replay), equal to what the provider
 *    sent, with a receipt-log leaf over the SHA-256 of the exact bytes.
 *  - The registry forwards it (同步通报, R7) to every configured recipient
 *    once, with its bearer token, and to a library only when the record
 *    asks for it (R17); a recipient answering 503 stays pending with its
 *    attempts counted; a mail recipient gets a mail without details.
 *  - The provider's submission clock is met and the case can close.
 *  - A second case whose 报送 is not sent: the scheduler's 24 h reminder
 *    fires once, and the staff get one notice.
 *  - The disclosure gate (Art. 9(7)): the 报送 to the configured national
 *    library is domestic and goes; forwards to recipients abroad (the
 *    registry's [policy] default_country elsewhere) are refused, kept as
 *    refused and never sent; a provider where nothing is domestic cannot
 *    send; every decision is in the gate's log on both sides.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <sodium.h>

#include "fixtures.h"
#include "harness.h"
#include "httpsink.h"
#include "smtpd.h"

#define HOUR		3600
#define REG_TOKEN_ENV	"LOUDONG_FEDERATION_REGISTRY_TOKEN="
#define FWD_TOKEN	"fwd-secret-0123456789"

struct fed {
	struct srv	*prov;		/* the provider instance */
	struct srv	*reg;		/* the registry instance */
	struct httpsink	*front;		/* answers 503 on the registry's port before it runs */
	struct httpsink	*cncert;	/* a 同步通报 recipient */
	struct httpsink	*down;		/* a recipient that answers 503 */
	struct httpsink	*cnvd;		/* a library the record asks for (R17) */
	struct httpsink	*cnnvd;		/* a library the record does not ask for */
	struct smtpd	 smtp;		/* a mail recipient, when aiosmtpd is there */
	bool		 mail;
};

static int
setup(void **state)
{
	struct fed	*t;
	void		*p;

	if ((t = calloc(1, sizeof(*t))) == NULL)
		return -1;
	*state = t;
	if (srv_setup(&p) != 0)
		return -1;
	t->prov = p;
	if (srv_setup(&p) != 0)
		return -1;
	t->reg = p;
	return 0;
}

static int
teardown(void **state)
{
	struct fed	*t = *state;
	void		*p;

	if (t == NULL)
		return 0;
	/* The servers first, so that none is posting to a sink being stopped. */
	p = t->prov;
	t->prov = NULL;
	srv_teardown(&p);
	p = t->reg;
	t->reg = NULL;
	srv_teardown(&p);
	sink_stop(t->front);
	sink_stop(t->cncert);
	sink_stop(t->down);
	sink_stop(t->cnvd);
	sink_stop(t->cnnvd);
	if (t->mail)
		smtpd_cleanup(&t->smtp);
	free(t);
	*state = NULL;
	return 0;
}

static int64_t
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The JSON body of GET path as who, which must answer 200 (caller decrefs). */
static json_t *
get_json(struct srv *s, const struct cred *who, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static json_t *
get_json(struct srv *s, const struct cred *who, const char *fmt, ...)
{
	struct resp	*r;
	char		 path[512];
	json_t		*o;
	va_list		 ap;

	va_start(ap, fmt);
	vsnprintf(path, sizeof(path), fmt, ap);
	va_end(ap);
	r = api(s, "GET", path, who, NULL, NULL);
	assert_status(r, 200);
	o = resp_json(r);
	assert_non_null(o);
	json_incref(o);
	resp_free(r);
	return o;
}

/* A report by who, accepted into a new case by coord; the report and case ids. */
static void
new_case(struct srv *s, const struct cred *who, const struct cred *coord, const char *title,
    char rid[32], char cid[64])
{
	struct resp	*r;
	char		 body[1024];

	snprintf(body, sizeof(body), "{\"title\":\"%s\",\"kind\":\"generic\","
	    "\"vendor\":\"Acme Networks\",\"product\":\"AX Router\",\"model\":\"AX-3000\","
	    "\"versions\":\"2.1\",\"description\":\"TECH: the login handler copies the user "
	    "name into a fixed buffer.\",\"impact\":\"HARM: code execution as root.\","
	    "\"reproduction\":\"POST a 600-byte user name to /login.\"}", title);
	r = fx_call(s, who, "POST", body, 201, "/api/v1/reports");
	snprintf(rid, 32, "%s", resp_jstr(r, "id"));
	fx_done(r);
	r = fx_call(s, coord, "POST", "{\"decision\":\"accept\"}", 200, "/api/v1/reports/%s/triage",
	    rid);
	snprintf(cid, 64, "%s", resp_jstr(r, "case"));
	assert_non_null(strstr(cid, "-C-"));
	fx_done(r);
}

/* "2026-11-21T08:00:00Z" or "...+08:00" as unix seconds; -1 if it is neither. */
static int64_t
parse_time(const char *s)
{
	struct tm	tm;
	int		y, mo, d, h, mi, se, n = 0;
	int64_t		t;

	if (s == NULL || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &se,
	    &n) != 6)
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	t = (int64_t)timegm(&tm);
	if (strcmp(s + n, "Z") == 0)
		return t;
	if (strcmp(s + n, "+08:00") == 0)
		return t - 8 * HOUR;
	return -1;
}

/* The recorded request i of a sink, its body parsed (caller frees both). */
static json_t *
sink_json(struct httpsink *k, size_t i, struct sink_req *out)
{
	json_error_t	e;
	json_t		*o;

	assert_true(sink_request(k, i, out));
	o = json_loadb(out->body, out->len, 0, &e);
	if (o == NULL)
		fail_msg("the sink got no JSON: %.500s", out->body);
	return o;
}

/* The forward of recipient name in a registry record's "forwards", or NULL. */
static json_t *
forward_of(json_t *rec, const char *name)
{
	json_t	*a = json_object_get(rec, "forwards"), *it;
	size_t	 i;

	json_array_foreach(a, i, it)
		if (fx_jstr(it, "recipient") != NULL && strcmp(fx_jstr(it, "recipient"), name) == 0)
			return it;
	return NULL;
}

/* The number of notices of kind about subject among who's. */
static int
notices_of(struct srv *s, const struct cred *who, const char *kind, const char *subject)
{
	json_t	*o = get_json(s, who, "/api/v1/notices?limit=100"), *it;
	size_t	 i;
	int	 n = 0;

	json_array_foreach(json_object_get(o, "items"), i, it)
		if (strcmp(fx_jstr(it, "kind"), kind) == 0 && strcmp(fx_jstr(it, "subject"), subject) == 0)
			n++;
	json_decref(o);
	return n;
}

/* `loudong deadlines run --as-of as_of` on the provider's data: its output. */
static void
deadlines_run(struct srv *s, int64_t as_of, char *out, size_t outsz)
{
	char	when[32];

	snprintf(when, sizeof(when), "%lld", (long long)as_of);
	assert_int_equal(srv_cli(s, NULL, out, outsz, (const char *[]){ "deadlines", "run",
	    "--data-dir", s->dir, "--as-of", when, NULL }), 0);
}

static void
test_federation__submission_to_the_registry_and_on(void **state)
{
	struct fed	*t = *state;
	struct srv	*prov = t->prov, *reg = t->reg;
	struct cred	 rita, cora, bot, nina;
	struct sink_req	 sr;
	struct resp	*r;
	json_t		*o, *rec, *sent, *fw, *it;
	char		 rid[32], kase[64], rid2[32], kase2[64], lib[64], *raw;
	char		 regtok[128], envtok[200], envurl[128], envfwd[2048], envlib[1024];
	char		 url1[256], url2[256], url3[256], url4[256], idem[600], out[512];
	char		 hdr_idem[700], path[128], hex[crypto_hash_sha256_BYTES * 2 + 1];
	unsigned char	 sha[crypto_hash_sha256_BYTES], leaf[4096];
	const char	*penv[10], *renv[12], *k;
	const char	*last_error;
	long long	 sid, attempts0, leaf_index, size;
	int64_t		 deadline, known, due;
	size_t		 leaflen;
	int		 port;

	assert_true(sodium_init() >= 0);

	/* a. The registry: a member organisation, its vendor account and token; staff. */
	srv_init(reg);
	fx_org_add(reg, "acme-psirt", "Acme PSIRT", "provider");
	fx_person(reg, "acme-bot", "vendor", "acme-psirt", "Acme federation", "psirt@acme.example",
	    &bot);
	fx_person(reg, "nina", "coordinator", NULL, "Nina Registrar", "nina@nvdb.example", &nina);
	snprintf(regtok, sizeof(regtok), "%s", bot.bearer);

	/* b. The registry's port: a sink answering 503 holds it until the registry runs. */
	t->front = sink_start();
	sink_set_reply(t->front, 503, "{\"title\":\"registry down\"}");
	port = sink_port(t->front);
	t->cncert = sink_start();
	t->down = sink_start();
	sink_set_reply(t->down, 503, "{\"title\":\"busy\"}");
	t->cnvd = sink_start();
	t->cnnvd = sink_start();

	/* The provider, pointing at the registry. */
	srv_init(prov);
	fx_person(prov, "rita", "reporter", NULL, "Rita Reporter", "rita@example.org", &rita);
	fx_person(prov, "cora", "coordinator", NULL, "Cora Coordinator", "cora@acme.example",
	    &cora);
	snprintf(envurl, sizeof(envurl), "LOUDONG_FEDERATION_REGISTRY_URL=http://127.0.0.1:%d",
	    port);
	snprintf(envtok, sizeof(envtok), REG_TOKEN_ENV "%s", regtok);
	penv[0] = "LOUDONG_INSTANCE_ROLE=provider";
	penv[1] = "LOUDONG_INSTANCE_NAME=Acme PSIRT";
	penv[2] = envurl;
	penv[3] = envtok;
	penv[4] = "LOUDONG_OUTBOX_POLL_INTERVAL_MS=100";
	penv[5] = "LOUDONG_OUTBOX_BACKOFF_SECONDS=1";
	penv[6] = NULL;
	srv_start(prov, penv);

	/* c. A report, accepted into a case. */
	new_case(prov, &rita, &cora, "Stack overflow in the AX-3000 web admin", rid, kase);
	/* No 报送 yet: the case cannot close. */
	r = fx_call(prov, &cora, "POST", "{\"to\":\"closed\",\"reason\":\"withdrawn\"}", 409,
	    "/api/v1/cases/%s/transition", kase);
	assert_problem_rule(r, 409, "Art. 7(2)");
	fx_done(r);
	fx_done(fx_call(prov, &cora, "GET", NULL, 404, "/api/v1/cases/%s/submission", kase));
	/* The provider grades the flaw (GB/T 30279) before its 报送. */
	fx_done(fx_call(prov, &cora, "PUT", "{\"cvss_v3\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/"
	    "I:H/A:H\",\"gbt\":{\"access_path\":\"network\",\"trigger\":\"low\","
	    "\"privilege\":\"none\",\"interaction\":\"none\",\"confidentiality\":\"severe\","
	    "\"integrity\":\"severe\",\"availability\":\"severe\"},\"cwe\":\"121\","
	    "\"related_ids\":[\"CVE-2026-12345\"]}", 200, "/api/v1/reports/%s/assessment", rid));

	/* The draft, prefilled from the case. */
	r = fx_call(prov, &cora, "POST", NULL, 201, "/api/v1/cases/%s/submission", kase);
	o = resp_json(r);
	assert_string_equal(fx_jstr(o, "state"), "draft");
	assert_string_equal(fx_jstr(o, "case_id"), kase);
	assert_string_equal(fx_jstr(o, "product_name"), "AX Router");
	sid = (long long)json_integer_value(json_object_get(o, "id"));
	assert_true(sid > 0);
	fx_done(r);
	o = get_json(prov, &cora, "/api/v1/cases/%s/submission", kase);
	rec = json_object_get(o, "record");
	assert_non_null(rec);
	assert_string_equal(fx_jstr(rec, "name"), "Stack overflow in the AX-3000 web admin");
	assert_string_equal(fx_jstr(rec, "product_name"), "AX Router");
	assert_string_equal(fx_jstr(rec, "product_model"), "AX-3000");
	assert_string_equal(fx_jstr(rec, "product_versions"), "2.1");
	assert_string_equal(fx_jstr(rec, "vendor"), "Acme Networks");
	assert_contains(fx_jstr(rec, "technical_characteristics"), "TECH:");
	assert_contains(fx_jstr(rec, "harm"), "HARM:");
	assert_string_equal(fx_jstr(rec, "reporter_org"), "Acme PSIRT");
	assert_string_equal(fx_jstr(rec, "reporter_role"), "provider");
	assert_string_equal(fx_jstr(rec, "contact_name"), "Cora Coordinator");
	assert_string_equal(fx_jstr(rec, "contact_email"), "cora@acme.example");
	assert_string_equal(fx_jstr(rec, "target_library"), "CNVDB");
	assert_true(fx_matches(fx_jstr(rec, "known_at"),
	    "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\+08:00$"));
	known = parse_time(fx_jstr(rec, "known_at"));
	/* From the assessment. */
	assert_string_equal(fx_jstr(rec, "grade"), "critical");
	assert_string_equal(fx_jstr(rec, "cwe"), "CWE-121");
	assert_contains(fx_jstr(rec, "cvss"), "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
	assert_contains(fx_jstr(rec, "related_ids"), "CVE-2026-12345");
	/* Not filled from the case: the impact scope. */
	assert_string_equal(fx_jstr(rec, "impact_scope"), "");
	json_decref(o);
	/* known_at is when the report came in. */
	o = get_json(prov, &rita, "/api/v1/reports/%s", rid);
	if (json_object_get(o, "report") != NULL)
		k = fx_jstr(json_object_get(o, "report"), "received_at");
	else
		k = fx_jstr(o, "received_at");
	assert_int_equal(known, parse_time(k));
	json_decref(o);

	/* Sending an incomplete record names what is missing. */
	r = fx_call(prov, &cora, "POST", NULL, 400, "/api/v1/submissions/%lld/send", sid);
	assert_problem_rule(r, 400, "Art. 7(2)");
	assert_problem_field(r, 400, "impact_scope");
	assert_contains(r->body, "\"field\":\"impact_scope\"");
	assert_not_contains(r->body, "\"field\":\"grade\"");
	fx_done(r);
	/* Fill it in; ask for the record to go on to CNVD too (R17). */
	fx_done(fx_call(prov, &cora, "PUT", "{\"impact_scope\":\"About 40,000 routers reachable from "
	    "the Internet.\",\"grade\":\"high\",\"forward_to\":\"CNVD\"}", 200,
	    "/api/v1/submissions/%lld", sid));

	/* Send: queued for the registry, which does not answer yet. */
	r = fx_call(prov, &cora, "POST", NULL, 202, "/api/v1/submissions/%lld/send", sid);
	assert_string_equal(resp_jstr(r, "state"), "queued");
	assert_true(json_is_false(json_object_get(resp_json(r), "manual")));
	fx_done(r);
	assert_true(sink_wait(t->front, 1, 20));
	/* What the provider sends, as the registry would get it. */
	sent = sink_json(t->front, 0, &sr);
	assert_string_equal(sr.method, "POST");
	assert_string_equal(sr.path, "/api/v1/submissions");
	snprintf(out, sizeof(out), "Bearer %s", regtok);
	assert_string_equal(sr.auth, out);
	assert_true(sr.has_idem);
	assert_true(strlen(sr.idem) >= 8);
	snprintf(idem, sizeof(idem), "%s", sr.idem);
	assert_contains(sr.content_type, "application/json");
	assert_string_equal(fx_jstr(sent, "reference"), kase);
	assert_string_equal(fx_jstr(sent, "product_name"), "AX Router");
	assert_string_equal(fx_jstr(sent, "grade"), "high");
	assert_string_equal(fx_jstr(sent, "forward_to"), "CNVD");
	/* The exact bytes: the registry's leaf is over their SHA-256. */
	crypto_hash_sha256(sha, (const unsigned char *)sr.body, sr.len);
	sodium_bin2hex(hex, sizeof(hex), sha, sizeof(sha));
	raw = strdup(sr.body);
	assert_non_null(raw);
	sink_req_free(&sr);

	/* The failure shows, the 报送 stays queued. */
	deadline = now_ms() + 20000;
	for (;;) {
		o = get_json(prov, &cora, "/api/v1/submissions/%lld", sid);
		it = json_object_get(o, "delivery");
		if (it != NULL && json_integer_value(json_object_get(it, "attempts")) >= 1)
			break;
		json_decref(o);
		if (now_ms() > deadline)
			fail_msg("the provider recorded no failed attempt within 20 s");
		usleep(100 * 1000);
	}
	assert_string_equal(fx_jstr(o, "state"), "queued");
	assert_string_equal(fx_jstr(it, "status"), "pending");
	assert_true(strlen(fx_jstr(it, "last_error")) > 0);
	assert_int_equal(json_integer_value(json_object_get(it, "http_status")), 503);
	attempts0 = (long long)json_integer_value(json_object_get(it, "attempts"));
	json_decref(o);
	r = fx_call(prov, &cora, "POST", "{\"to\":\"closed\",\"reason\":\"withdrawn\"}", 409,
	    "/api/v1/cases/%s/transition", kase);
	assert_problem_rule(r, 409, "Art. 7(2)");
	fx_done(r);

	/* Now nothing listens there at all: the next attempt cannot connect. */
	sink_stop(t->front);
	t->front = NULL;
	deadline = now_ms() + 30000;
	for (;;) {
		o = get_json(prov, &cora, "/api/v1/submissions/%lld", sid);
		it = json_object_get(o, "delivery");
		if (json_integer_value(json_object_get(it, "attempts")) > attempts0 &&
		    json_is_null(json_object_get(it, "http_status")))
			break;
		json_decref(o);
		if (now_ms() > deadline)
			fail_msg("no attempt at a closed port within 30 s");
		usleep(100 * 1000);
	}
	assert_string_equal(fx_jstr(o, "state"), "queued");
	assert_string_equal(fx_jstr(it, "status"), "pending");
	last_error = fx_jstr(it, "last_error");
	assert_true(last_error != NULL && strlen(last_error) > 0);
	assert_null(strstr(last_error, regtok));	/* the token is never in an error */
	attempts0 = (long long)json_integer_value(json_object_get(it, "attempts"));
	assert_true(attempts0 >= 2);
	json_decref(o);

	/* d. The registry starts where the provider looks for it. */
	sink_url(t->cncert, "/inbox", url1, sizeof(url1));
	sink_url(t->down, "/in", url2, sizeof(url2));
	sink_url(t->cnvd, "/lib", url3, sizeof(url3));
	sink_url(t->cnnvd, "/lib", url4, sizeof(url4));
	t->mail = smtpd_available();
	if (t->mail) {
		smtpd_init(&t->smtp, reg->dir);
		smtpd_start(&t->smtp);
		snprintf(envfwd, sizeof(envfwd), "LOUDONG_REGISTRY_FORWARD_TO=CNCERT=%s,"
		    "DOWN=%s,CERT-MAIL=mailto:cert@cert.example", url1, url2);
	} else
		snprintf(envfwd, sizeof(envfwd), "LOUDONG_REGISTRY_FORWARD_TO=CNCERT=%s,DOWN=%s",
		    url1, url2);
	snprintf(envlib, sizeof(envlib), "LOUDONG_REGISTRY_LIBRARIES=CNVD=%s,CNNVD=%s", url3,
	    url4);
	renv[0] = "LOUDONG_INSTANCE_ROLE=registry";
	renv[1] = "LOUDONG_INSTANCE_NAME=NVDB test registry";
	renv[2] = envfwd;
	renv[3] = envlib;
	renv[4] = "LOUDONG_REGISTRY_FORWARD_TOKEN=" FWD_TOKEN;
	renv[5] = "LOUDONG_OUTBOX_POLL_INTERVAL_MS=100";
	renv[6] = "LOUDONG_OUTBOX_BACKOFF_SECONDS=1";
	renv[7] = t->mail ? t->smtp.env : NULL;
	renv[8] = NULL;
	srv_start_on(reg, port, renv);

	/* Within a bounded wait the provider's 报送 is accepted. */
	deadline = now_ms() + 30000;
	for (;;) {
		o = get_json(prov, &cora, "/api/v1/submissions/%lld", sid);
		if (strcmp(fx_jstr(o, "state"), "queued") != 0)
			break;
		json_decref(o);
		if (now_ms() > deadline)
			fail_msg("the 报送 was not accepted within 30 s of the registry's start");
		usleep(100 * 1000);
	}
	assert_string_equal(fx_jstr(o, "state"), "accepted");
	snprintf(lib, sizeof(lib), "%s", fx_jstr(o, "library_id"));
	assert_true(fx_matches(lib, "^NVDB-[0-9]{4}-[0-9]{6}$"));
	it = json_object_get(o, "delivery");
	assert_string_equal(fx_jstr(it, "status"), "sent");
	assert_int_equal(json_integer_value(json_object_get(it, "http_status")), 201);
	assert_true(json_integer_value(json_object_get(it, "attempts")) > attempts0);
	assert_true(json_is_string(json_object_get(o, "decided_at")));
	json_decref(o);

	/* Exactly one record at the registry. */
	o = get_json(reg, &nina, "/api/v1/submissions");
	assert_int_equal(json_array_size(json_object_get(o, "items")), 1);
	it = json_array_get(json_object_get(o, "items"), 0);
	assert_string_equal(fx_jstr(it, "library_id"), lib);
	assert_string_equal(fx_jstr(it, "organisation"), "acme-psirt");
	assert_string_equal(fx_jstr(it, "state"), "received");
	json_decref(o);
	/* The same document again, the same key: a replay, still one record. */
	snprintf(hdr_idem, sizeof(hdr_idem), "Idempotency-Key: %s", idem);
	r = api(reg, "POST", "/api/v1/submissions", &bot, raw, hdr_idem, NULL);
	assert_status(r, 200);
	assert_true(json_is_true(json_object_get(resp_json(r), "replay")));
	assert_string_equal(resp_jstr(r, "library_id"), lib);
	fx_done(r);
	o = get_json(reg, &nina, "/api/v1/submissions");
	assert_int_equal(json_array_size(json_object_get(o, "items")), 1);
	json_decref(o);
	/* Not without the member's token. */
	r = api(reg, "POST", "/api/v1/submissions", &nina, "{}", hdr_idem, NULL);
	assert_problem_rule(r, 403, "rbac.org");
	fx_done(r);

	/* The record is what the provider sent. */
	rec = get_json(reg, &nina, "/api/v1/submissions/%s", lib);
	assert_string_equal(fx_jstr(rec, "library_id"), lib);
	assert_string_equal(fx_jstr(rec, "organisation_name"), "Acme PSIRT");
	assert_string_equal(fx_jstr(rec, "target_library"), "CNVDB");
	assert_string_equal(fx_jstr(rec, "payload_sha256"), hex);
	o = json_object_get(rec, "record");
	assert_non_null(o);
	{
		const char	*key;
		json_t		*v;

		json_object_foreach(o, key, v) {
			if (fx_jstr(sent, key) == NULL)
				fail_msg("the registry's record has '%s', the provider sent none",
				    key);
			if (strcmp(json_string_value(v), fx_jstr(sent, key)) != 0)
				fail_msg("'%s' is '%s' at the registry, '%s' as sent", key,
				    json_string_value(v), fx_jstr(sent, key));
		}
	}
	assert_string_equal(fx_jstr(o, "impact_scope"),
	    "About 40,000 routers reachable from the Internet.");
	assert_true(json_is_integer(json_object_get(rec, "leaf_index")));
	leaf_index = (long long)json_integer_value(json_object_get(rec, "leaf_index"));
	assert_true(leaf_index >= 0);

	/* Its receipt-log leaf: the library id, the channel, the digest of the bytes. */
	o = get_json(reg, NULL, "/api/v1/log/sth");
	size = (long long)json_integer_value(json_object_get(o, "tree_size"));
	assert_true(size > leaf_index);
	json_decref(o);
	o = get_json(reg, &nina, "/api/v1/log/proof?index=%lld&tree_size=%lld", leaf_index, size);
	assert_true(json_is_string(json_object_get(o, "leaf")));
	assert_int_equal(sodium_base642bin(leaf, sizeof(leaf) - 1, fx_jstr(o, "leaf"),
	    strlen(fx_jstr(o, "leaf")), NULL, &leaflen, NULL, sodium_base64_VARIANT_ORIGINAL), 0);
	leaf[leaflen] = '\0';
	assert_contains((const char *)leaf, lib);
	assert_contains((const char *)leaf, "federation");
	assert_contains((const char *)leaf, hex);
	json_decref(o);

	/* e. 同步通报: each recipient once, with the registry's token. */
	assert_true(sink_wait(t->cncert, 1, 20));
	assert_true(sink_wait(t->cnvd, 1, 20));
	assert_true(sink_wait(t->down, 1, 20));
	/* The forwards' outcomes are recorded: CNCERT and CNVD sent. */
	deadline = now_ms() + 20000;
	for (;;) {
		json_decref(rec);
		rec = get_json(reg, &nina, "/api/v1/submissions/%s", lib);
		fw = forward_of(rec, "CNCERT");
		it = forward_of(rec, "CNVD");
		if (fw != NULL && it != NULL && strcmp(fx_jstr(fw, "status"), "sent") == 0 &&
		    strcmp(fx_jstr(it, "status"), "sent") == 0 &&
		    (!t->mail || (forward_of(rec, "CERT-MAIL") != NULL &&
		    strcmp(fx_jstr(forward_of(rec, "CERT-MAIL"), "status"), "sent") == 0)))
			break;
		if (now_ms() > deadline)
			fail_msg("the forwards were not all sent within 20 s: %s",
			    json_dumps(json_object_get(rec, "forwards"), JSON_COMPACT));
		usleep(100 * 1000);
	}
	assert_true(json_is_false(json_object_get(fw, "on_request")));
	assert_string_equal(fx_jstr(fw, "target"), "http");
	assert_int_equal(json_integer_value(json_object_get(fw, "http_status")), 200);
	assert_true(json_is_true(json_object_get(it, "on_request")));
	/* Not asked for: CNNVD gets nothing. */
	assert_null(forward_of(rec, "CNNVD"));
	assert_int_equal(sink_count(t->cnnvd), 0);
	/* A recipient answering 503 stays pending, its attempts counted. */
	it = forward_of(rec, "DOWN");
	assert_non_null(it);
	assert_string_equal(fx_jstr(it, "status"), "pending");
	assert_true(json_integer_value(json_object_get(it, "attempts")) >= 1);
	assert_int_equal(json_integer_value(json_object_get(it, "http_status")), 503);
	assert_true(strlen(fx_jstr(it, "last_error")) > 0);
	assert_true(json_is_null(json_object_get(it, "delivered_at")));
	json_decref(rec);

	/* What CNCERT got: one POST, the library id and the record, the bearer. */
	o = sink_json(t->cncert, 0, &sr);
	assert_string_equal(sr.method, "POST");
	assert_string_equal(sr.path, "/inbox");
	assert_string_equal(sr.auth, "Bearer " FWD_TOKEN);
	assert_true(sr.has_idem);
	assert_string_equal(fx_jstr(o, "library_id"), lib);
	assert_string_equal(fx_jstr(o, "submitter"), "Acme PSIRT");
	assert_true(json_is_string(json_object_get(o, "received_at")));
	assert_string_equal(fx_jstr(json_object_get(o, "record"), "product_name"), "AX Router");
	assert_string_equal(fx_jstr(json_object_get(o, "record"), "impact_scope"),
	    "About 40,000 routers reachable from the Internet.");
	sink_req_free(&sr);
	json_decref(o);
	o = sink_json(t->cnvd, 0, &sr);
	assert_string_equal(sr.path, "/lib");
	assert_string_equal(sr.auth, "Bearer " FWD_TOKEN);
	assert_string_equal(fx_jstr(o, "library_id"), lib);
	sink_req_free(&sr);
	json_decref(o);
	if (t->mail) {
		char	msg[16384], mbody[8192];

		assert_true(smtpd_wait(&t->smtp, 20, "cert@cert.example", lib, msg, sizeof(msg),
		    mbody, sizeof(mbody)));
		/* The mail names the record, no details (Art. 11). */
		assert_not_contains(mbody, "TECH:");
		assert_not_contains(mbody, "HARM:");
	}
	/* Exactly once: nothing more comes to the recipients that answered. */
	usleep(1500 * 1000);
	assert_int_equal(sink_count(t->cncert), 1);
	assert_int_equal(sink_count(t->cnvd), 1);
	assert_int_equal(sink_count(t->cnnvd), 0);
	if (t->mail)
		assert_int_equal(smtpd_count(&t->smtp, "cert@cert.example", ""), 1);

	/* f. The provider's submission clock is met; the case may close now. */
	o = get_json(prov, &cora, "/api/v1/deadlines?case=%s&kind=submission", kase);
	it = json_array_get(json_object_get(o, "items"), 0);
	assert_non_null(it);
	assert_int_equal(json_array_size(json_object_get(o, "items")), 1);
	assert_string_equal(fx_jstr(it, "state"), "met");
	json_decref(o);
	r = fx_call(prov, &cora, "POST",
	    "{\"to\":\"closed\",\"reason\":\"fixed upstream, reported\"}", 200,
	    "/api/v1/cases/%s/transition", kase);
	assert_string_equal(resp_jstr(r, "state"), "closed");
	fx_done(r);

	/* g. A second case whose 报送 is never sent: the 24 h reminder fires once. */
	new_case(prov, &rita, &cora, "Second flaw, no 报送 yet", rid2, kase2);
	o = get_json(prov, &cora, "/api/v1/deadlines?case=%s&kind=submission", kase2);
	it = json_array_get(json_object_get(o, "items"), 0);
	assert_non_null(it);
	assert_string_equal(fx_jstr(it, "state"), "open");
	due = parse_time(fx_jstr(it, "due_at"));
	json_decref(o);
	o = get_json(prov, &rita, "/api/v1/reports/%s", rid2);
	if (json_object_get(o, "report") != NULL)
		k = fx_jstr(json_object_get(o, "report"), "received_at");
	else
		k = fx_jstr(o, "received_at");
	assert_int_equal(due, parse_time(k) + 48 * HOUR);
	json_decref(o);
	deadlines_run(prov, due - 23 * HOUR, out, sizeof(out));
	assert_contains(out, "1 reminder sent");
	deadlines_run(prov, due - 23 * HOUR, out, sizeof(out));
	assert_contains(out, "0 reminders sent");
	snprintf(path, sizeof(path), "case:%s", kase2);
	assert_int_equal(notices_of(prov, &cora, "deadline_reminder", path), 1);
	/* The first case's clock was met: nothing about it. */
	snprintf(path, sizeof(path), "case:%s", kase);
	assert_int_equal(notices_of(prov, &cora, "deadline_reminder", path), 0);

	json_decref(sent);
	free(raw);
}

/* Whether who's gate log on s holds a federate decision about subject for recipient. */
static bool
federate_logged(struct srv *s, const struct cred *who, const char *subject,
    const char *recipient, bool allowed)
{
	json_t	*o = get_json(s, who, "/api/v1/policy-decisions?subject=%s&limit=100", subject);
	json_t	*it, *rule;
	size_t	 i;
	bool	 found = false;

	json_array_foreach(json_object_get(o, "items"), i, it) {
		if (strcmp(fx_jstr(it, "action"), "federate") != 0 ||
		    strcmp(fx_jstr(it, "subject"), subject) != 0 ||
		    strcmp(fx_jstr(it, "recipient"), recipient) != 0 ||
		    json_is_true(json_object_get(it, "allowed")) != allowed)
			continue;
		rule = json_object_get(it, "rule");
		if (allowed ? rule == NULL || json_is_null(rule) :
		    json_is_string(rule) && strcmp(json_string_value(rule), "Art. 9(7)") == 0)
			found = true;
	}
	json_decref(o);
	return found;
}

/* Draft the 报送 of case kase on prov and complete it for sending; its id. */
static long long
complete_draft(struct srv *prov, const struct cred *cora, const char *kase)
{
	struct resp	*r;
	long long	 sid;

	r = fx_call(prov, cora, "POST", NULL, 201, "/api/v1/cases/%s/submission", kase);
	sid = (long long)json_integer_value(json_object_get(resp_json(r), "id"));
	assert_true(sid > 0);
	fx_done(r);
	fx_done(fx_call(prov, cora, "PUT", "{\"impact_scope\":\"About 40,000 routers.\","
	    "\"grade\":\"high\",\"forward_to\":\"CNVD\"}", 200, "/api/v1/submissions/%lld",
	    sid));
	return sid;
}

static void
test_federation__push_abroad_refused_and_logged(void **state)
{
	struct fed	*t = *state;
	struct srv	*prov = t->prov, *reg = t->reg;
	struct cred	 rita, cora, paul, bot, nina, aud;
	struct resp	*r;
	json_t		*o, *rec, *fw;
	char		 rid[32], kase[64], rid2[32], kase2[64], lib[64], subj[96];
	char		 envtok[200], envurl[128], envfwd[600], envlib[600], url1[256], url3[256];
	const char	*penv[8], *renv[10];
	const char	*names[] = { "CNCERT", "CNVD" };
	int64_t		 deadline;
	long long	 sid;
	size_t		 i;

	/* The registry: its recipients record no jurisdiction, and its default is the US. */
	srv_init(reg);
	fx_org_add(reg, "acme-psirt", "Acme PSIRT", "provider");
	fx_person(reg, "acme-bot", "vendor", "acme-psirt", "Acme federation", "psirt@acme.example",
	    &bot);
	fx_person(reg, "nina", "coordinator", NULL, "Nina Registrar", "nina@nvdb.example", &nina);
	fx_person(reg, "aud", "auditor", NULL, "Audrey Auditor", "aud@nvdb.example", &aud);
	t->cncert = sink_start();
	t->cnvd = sink_start();
	sink_url(t->cncert, "/inbox", url1, sizeof(url1));
	sink_url(t->cnvd, "/lib", url3, sizeof(url3));
	snprintf(envfwd, sizeof(envfwd), "LOUDONG_REGISTRY_FORWARD_TO=CNCERT=%s", url1);
	snprintf(envlib, sizeof(envlib), "LOUDONG_REGISTRY_LIBRARIES=CNVD=%s", url3);
	renv[0] = "LOUDONG_INSTANCE_ROLE=registry";
	renv[1] = "LOUDONG_INSTANCE_NAME=NVDB test registry";
	renv[2] = envfwd;
	renv[3] = envlib;
	renv[4] = "LOUDONG_REGISTRY_FORWARD_TOKEN=" FWD_TOKEN;
	renv[5] = "LOUDONG_POLICY_DEFAULT_COUNTRY=US";
	renv[6] = "LOUDONG_OUTBOX_POLL_INTERVAL_MS=100";
	renv[7] = "LOUDONG_OUTBOX_BACKOFF_SECONDS=1";
	renv[8] = NULL;
	srv_start(reg, renv);

	/* The provider, reporting to that registry: its national library. */
	srv_init(prov);
	fx_person(prov, "rita", "reporter", NULL, "Rita Reporter", "rita@example.org", &rita);
	fx_person(prov, "cora", "coordinator", NULL, "Cora Coordinator", "cora@acme.example",
	    &cora);
	fx_person(prov, "paul", "auditor", NULL, "Paul Auditor", "paul@acme.example", &paul);
	snprintf(envurl, sizeof(envurl), "LOUDONG_FEDERATION_REGISTRY_URL=%s", reg->base);
	snprintf(envtok, sizeof(envtok), REG_TOKEN_ENV "%s", bot.bearer);
	penv[0] = "LOUDONG_INSTANCE_ROLE=provider";
	penv[1] = "LOUDONG_INSTANCE_NAME=Acme PSIRT";
	penv[2] = envurl;
	penv[3] = envtok;
	penv[4] = "LOUDONG_OUTBOX_POLL_INTERVAL_MS=100";
	penv[5] = "LOUDONG_OUTBOX_BACKOFF_SECONDS=1";
	penv[6] = NULL;
	srv_start(prov, penv);

	/* The 报送 goes to the national library, domestic by definition: accepted. */
	new_case(prov, &rita, &cora, "Overflow in the AX-3000 admin", rid, kase);
	sid = complete_draft(prov, &cora, kase);
	r = fx_call(prov, &cora, "POST", NULL, 202, "/api/v1/submissions/%lld/send", sid);
	assert_string_equal(resp_jstr(r, "state"), "queued");
	fx_done(r);
	deadline = now_ms() + 30000;
	for (;;) {
		o = get_json(prov, &cora, "/api/v1/submissions/%lld", sid);
		if (strcmp(fx_jstr(o, "state"), "queued") != 0)
			break;
		json_decref(o);
		if (now_ms() > deadline)
			fail_msg("the 报送 was not accepted within 30 s");
		usleep(100 * 1000);
	}
	assert_string_equal(fx_jstr(o, "state"), "accepted");
	snprintf(lib, sizeof(lib), "%s", fx_jstr(o, "library_id"));
	json_decref(o);
	snprintf(subj, sizeof(subj), "case:%s", kase);
	assert_true(federate_logged(prov, &paul, subj, "library:CNVDB", true));

	/* At the registry: both forwards refused, kept as such, nothing sent. */
	rec = get_json(reg, &nina, "/api/v1/submissions/%s", lib);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		fw = forward_of(rec, names[i]);
		if (fw == NULL)
			fail_msg("no forward %s: %s", names[i],
			    json_dumps(json_object_get(rec, "forwards"), JSON_COMPACT));
		assert_string_equal(fx_jstr(fw, "status"), "refused");
		assert_contains(fx_jstr(fw, "last_error"), "Art. 9(7)");
		assert_int_equal(json_integer_value(json_object_get(fw, "attempts")), 0);
		assert_true(json_is_null(json_object_get(fw, "delivered_at")));
	}
	assert_true(json_is_true(json_object_get(forward_of(rec, "CNVD"), "on_request")));
	json_decref(rec);
	usleep(1500 * 1000);
	assert_int_equal(sink_count(t->cncert), 0);
	assert_int_equal(sink_count(t->cnvd), 0);
	snprintf(subj, sizeof(subj), "submission:%s", lib);
	assert_true(federate_logged(reg, &aud, subj, "library:CNCERT", false));
	assert_true(federate_logged(reg, &aud, subj, "library:CNVD", false));

	/* A provider where nothing is domestic: its 报送 does not leave. */
	srv_stop(prov);
	penv[6] = "LOUDONG_POLICY_DOMESTIC_COUNTRIES=";
	penv[7] = NULL;
	srv_start(prov, penv);
	new_case(prov, &rita, &cora, "Second overflow, nobody domestic", rid2, kase2);
	sid = complete_draft(prov, &cora, kase2);
	r = fx_call(prov, &cora, "POST", NULL, 409, "/api/v1/submissions/%lld/send", sid);
	assert_problem_rule(r, 409, "Art. 9(7)");
	fx_done(r);
	o = get_json(prov, &cora, "/api/v1/submissions/%lld", sid);
	assert_string_equal(fx_jstr(o, "state"), "draft");
	assert_null(json_object_get(o, "delivery"));
	json_decref(o);
	snprintf(subj, sizeof(subj), "case:%s", kase2);
	assert_true(federate_logged(prov, &paul, subj, "library:CNVDB", false));
	o = get_json(reg, &nina, "/api/v1/submissions");
	assert_int_equal(json_array_size(json_object_get(o, "items")), 1);
	json_decref(o);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_federation__submission_to_the_registry_and_on,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_federation__push_abroad_refused_and_logged,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
