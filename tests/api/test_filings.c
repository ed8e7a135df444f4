/*
 * 备案, registry side (issue 8; 《网络产品安全漏洞收集平台备案管理办法》
 * 第四条-第七条; R16, R24, R41; docs/FILING.md) on a registry instance.
 *
 * A platform's account files over the API with an Idempotency-Key: a
 * complete dossier starts the review clock, a deficient one gets a 补正
 * listing every deficiency at once; the answer carries a receipt-log leaf
 * that verifies against a signed tree head (checked here with libsodium).
 * Staff ask for 补正 themselves, approve (the 备案编号 follows the
 * template), reject with reasons; the applicant resubmits and withdraws.
 * An approval lists the platform publicly (JSON, CSV with a BOM and RFC
 * 4180 quoting, the /filings page) and notifies 公安部 and 网信办 (an HTTP
 * sink and a mail sink) with their delivery recorded.  A change updates
 * the public row; a deregistration with a future end date stays filed
 * until the date comes.  The sponsor's ID number is in no public output
 * and sealed at rest.  Other roles answer 404; applicants and reporters
 * get 403 on the staff's routes.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <sodium.h>

#include "fixtures.h"
#include "harness.h"
#include "httpsink.h"
#include "smtpd.h"

#define APPS		"/api/v1/filings/applications"
#define ID_RE		"^BA-20[0-9]{2}-[0-9]{6}$"
#define NOTIFY_TOKEN	"notify-token-for-tests-0123456789"
#define CAC_MAIL	"beian@cac.example"

/* The people of a registry and of the platforms that file with it. */
struct people {
	struct cred	cora;	/* coordinator */
	struct cred	tom;	/* triager */
	struct cred	pat;	/* vendor of the platform organisation vulnhub */
	struct cred	vic;	/* vendor of another platform organisation, bugbase */
	struct cred	rita;	/* reporter */
	struct cred	audrey;	/* auditor */
};

/* What a test starts beside its registry (one test at a time), stopped by teardown. */
static struct httpsink	*mps_sink;	/* 公安部's HTTP endpoint */
static struct smtpd	 cac_smtp;	/* 网信办's mail */
static bool		 cac_mail;	/* cac_smtp runs */

static int
teardown(void **state)
{
	int	rc = srv_teardown(state);

	sink_stop(mps_sink);
	mps_sink = NULL;
	if (cac_mail)
		smtpd_cleanup(&cac_smtp);
	cac_mail = false;
	return rc;
}

/*
 * A registry with its people and two platform organisations, started with
 * the notice targets when targets (mps an HTTP sink, cac a mail sink when
 * one can run here) and env (NULL-terminated, may be NULL).
 */
static struct srv *
registry(void **state, struct people *p, bool targets, const char *const *env)
{
	struct srv	*s = *state;
	const char	*e[SRV_MAX_ENV];
	static char	 mps[256], cac[256];
	char		 url[200];
	size_t		 n = 0;

	srv_init(s);
	fx_org_add(s, "vulnhub", "VulnHub", "platform");
	fx_org_add(s, "bugbase", "BugBase", "platform");
	fx_person(s, "cora", "coordinator", NULL, "Cora", "cora@miit.example", &p->cora);
	fx_person(s, "tom", "triager", NULL, "Tom", "tom@miit.example", &p->tom);
	fx_person(s, "pat", "vendor", "vulnhub", "Pat", "pat@vulnhub.example", &p->pat);
	fx_person(s, "vic", "vendor", "bugbase", "Vic", "vic@bugbase.example", &p->vic);
	fx_person(s, "rita", "reporter", NULL, "Rita", "rita@example.org", &p->rita);
	fx_person(s, "audrey", "auditor", NULL, "Audrey", "audrey@miit.example", &p->audrey);
	e[n++] = "LOUDONG_INSTANCE_ROLE=registry";
	e[n++] = "LOUDONG_INSTANCE_NAME=MIIT test registry";
	e[n++] = "LOUDONG_FILING_NUMBER_PREFIX=TBA";
	e[n++] = "LOUDONG_FILING_NUMBER_TEMPLATE={PREFIX}-{YYYY}-{SEQ:04}";
	e[n++] = "LOUDONG_FILING_NOTIFY_TOKEN=" NOTIFY_TOKEN;
	e[n++] = "LOUDONG_OUTBOX_POLL_INTERVAL_MS=100";
	e[n++] = "LOUDONG_OUTBOX_BACKOFF_SECONDS=1";
	e[n++] = "LOUDONG_DEADLINES_SCHEDULER_INTERVAL=1";
	if (targets) {
		mps_sink = sink_start();
		sink_url(mps_sink, "/beian", url, sizeof(url));
		snprintf(mps, sizeof(mps), "LOUDONG_FILING_NOTIFY_MPS=%s", url);
		e[n++] = mps;
		cac_mail = smtpd_available();
		if (cac_mail) {
			smtpd_init(&cac_smtp, s->dir);
			smtpd_start(&cac_smtp);
			snprintf(cac, sizeof(cac), "LOUDONG_FILING_NOTIFY_CAC=mailto:%s", CAC_MAIL);
			e[n++] = cac;
			e[n++] = cac_smtp.env;
		}
	}
	while (env != NULL && *env != NULL && n < SRV_MAX_ENV - 1)
		e[n++] = *env++;
	e[n] = NULL;
	srv_start(s, e);
	return s;
}

/* 16 random hex digits, upper case (an ID number may hold them). */
static void
marker(char out[17])
{
	unsigned char	b[8];
	size_t		i;

	assert_true(sodium_init() >= 0);
	randombytes_buf(b, sizeof(b));
	sodium_bin2hex(out, 17, b, sizeof(b));
	for (i = 0; out[i] != '\0'; i++)
		if (out[i] >= 'a' && out[i] <= 'f')
			out[i] = (char)(out[i] - 'a' + 'A');
}

/* The document fields of the built-in field set. */
static const char *const doc_keys[] = {
	"rules.verification", "rules.repair_notice", "rules.publication", "rules.identity",
	"rules.classification", "mlps.materials",
};
#define NDOCS	(sizeof(doc_keys) / sizeof(doc_keys[0]))

/* A document's bytes for key, carrying tag. */
static void
doc_bytes(const char *key, const char *tag, char *out, size_t outsz)
{
	snprintf(out, outsz, "%s of the platform, version 1.\nDOC-%s-MARK\n", key, tag);
}

static void
sha256_hex(const void *p, size_t n, char hex[65])
{
	unsigned char	d[32];

	crypto_hash_sha256(d, p, n);
	sodium_bin2hex(hex, 65, d, sizeof(d));
}

/*
 * A whole dossier (the built-in field set) for platform name, the
 * sponsor's ID number idn, with its documents (their bytes tagged tag).
 */
static void
dossier(json_t *body, const char *name, const char *url, const char *idn, const char *tag)
{
	json_t	*f = json_object(), *d = json_object();
	char	 bytes[256], hex[65], val[160], *b64;
	size_t	 i, blen;

	json_object_set_new(f, "platform.name", json_string(name));
	json_object_set_new(f, "platform.url", json_string(url));
	json_object_set_new(f, "platform.icp", json_string("京ICP备12345678号-1"));
	json_object_set_new(f, "platform.channels",
	    json_string("https://vulnhub.example/advisories\nhttps://weibo.example/vulnhub"));
	json_object_set_new(f, "sponsor.kind", json_string("单位"));
	json_object_set_new(f, "sponsor.name", json_string("漏洞汇信息技术有限公司"));
	json_object_set_new(f, "sponsor.id_number", json_string(idn));
	json_object_set_new(f, "principal.name", json_string("张三"));
	json_object_set_new(f, "principal.phone", json_string("+86 10 1234 5678"));
	json_object_set_new(f, "principal.email", json_string("boss@vulnhub.example"));
	json_object_set_new(f, "contact.name", json_string("李四"));
	json_object_set_new(f, "contact.phone", json_string("010-8765-4321"));
	json_object_set_new(f, "contact.email", json_string("contact@vulnhub.example"));
	json_object_set_new(f, "collection.scope", json_string("Web applications and IoT."));
	json_object_set_new(f, "collection.method", json_string("A web form and an API."));
	json_object_set_new(f, "mlps.filing_number", json_string("11010813001-00001"));
	json_object_set_new(f, "mlps.level", json_string("第三级"));
	json_object_set_new(f, "standards.applied", json_string("GB/T 30276-2020, GB/T 30279-2020."));
	for (i = 0; i < NDOCS; i++) {
		doc_bytes(doc_keys[i], tag, bytes, sizeof(bytes));
		blen = strlen(bytes);
		sha256_hex(bytes, blen, hex);
		snprintf(val, sizeof(val), "%s.txt sha256:%s", doc_keys[i], hex);
		json_object_set_new(f, doc_keys[i], json_string(val));
		b64 = malloc(sodium_base64_ENCODED_LEN(blen, sodium_base64_VARIANT_ORIGINAL));
		assert_non_null(b64);
		sodium_bin2base64(b64, sodium_base64_ENCODED_LEN(blen,
		    sodium_base64_VARIANT_ORIGINAL), (const unsigned char *)bytes, blen,
		    sodium_base64_VARIANT_ORIGINAL);
		json_object_set_new(d, doc_keys[i], json_pack("{s:s+, s:s, s:s, s:s}",
		    "name", doc_keys[i], ".txt", "media_type", "application/pdf", "sha256", hex,
		    "content", b64));
		free(b64);
	}
	json_object_set_new(body, "fields", f);
	json_object_set_new(body, "documents", d);
}

/* An initial application's body (caller frees). */
static char *
initial_body(const char *name, const char *idn, const char *tag)
{
	json_t	*o = json_pack("{s:s}", "kind", "initial");
	char	*s;

	dossier(o, name, "https://vulnhub.example/", idn, tag);
	s = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	assert_non_null(s);
	return s;
}

/* POST body to path as who with Idempotency-Key key: the status must be want. */
static struct resp *
send_as(struct srv *s, const struct cred *who, const char *path, const char *body,
    const char *key, long want)
{
	char		 hdr[200];
	struct resp	*r;

	snprintf(hdr, sizeof(hdr), "Idempotency-Key: %s", key);
	r = api(s, "POST", path, who, body, hdr, NULL);
	assert_status(r, want);
	return r;
}

/* A complete initial application as pat: its id into id. */
static void
filed_complete(struct srv *s, const struct people *p, const char *name, const char *idn,
    const char *key, char id[32])
{
	char		*b = initial_body(name, idn, key);
	struct resp	*r = send_as(s, &p->pat, APPS, b, key, 201);

	snprintf(id, 32, "%s", resp_jstr(r, "id"));
	assert_true(fx_matches(id, ID_RE));
	assert_string_equal(resp_jstr(r, "state"), "submitted");
	resp_free(r);
	free(b);
}

/* Approve application id as who: the answer's filing number into number (may be NULL). */
static void
approved(struct srv *s, const struct cred *who, const char *id, char number[80])
{
	struct resp	*r = fx_call(s, who, "POST", "{\"note\":\"All items present.\"}", 200,
			    APPS "/%s/approve", id);

	assert_string_equal(resp_jstr(r, "state"), "approved");
	if (number != NULL)
		snprintf(number, 80, "%s", fx_jstr(json_object_get(resp_json(r), "filing"),
		    "number"));
	resp_free(r);
}

/* The deficiency of field in a list, or NULL. */
static json_t *
deficiency(json_t *items, const char *field)
{
	json_t	*it;
	size_t	 i;

	json_array_foreach(items, i, it)
		if (fx_jstr(it, "field") != NULL && strcmp(fx_jstr(it, "field"), field) == 0)
			return it;
	return NULL;
}

static void
has_problem(json_t *items, const char *field, const char *problem)
{
	json_t	*it = deficiency(items, field);

	if (it == NULL)
		fail_msg("no deficiency of %s", field);
	assert_string_equal(fx_jstr(it, "problem"), problem);
}

/* Standard base64 into out (at most max bytes); the byte count. */
static size_t
b64_dec(const char *s, unsigned char *out, size_t max)
{
	size_t	n = 0;

	assert_non_null(s);
	assert_int_equal(sodium_base642bin(out, max, s, strlen(s), NULL, &n, NULL,
	    sodium_base64_VARIANT_ORIGINAL), 0);
	return n;
}

/* RFC 9162 §2.1.3.2 with SHA-256(0x00 || leaf) and SHA-256(0x01 || l || r). */
static void
node_hash(const unsigned char l[32], const unsigned char r[32], unsigned char out[32])
{
	crypto_hash_sha256_state	st;
	unsigned char			one = 0x01;

	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, &one, 1);
	crypto_hash_sha256_update(&st, l, 32);
	crypto_hash_sha256_update(&st, r, 32);
	crypto_hash_sha256_final(&st, out);
}

static bool
inclusion_ok(const unsigned char *leaf, size_t nleaf, uint64_t idx, uint64_t size,
    unsigned char proof[][32], size_t n, const unsigned char root[32])
{
	crypto_hash_sha256_state	st;
	unsigned char			r[32], z = 0x00;
	uint64_t			fn = idx, sn = size - 1;
	size_t				i;

	if (idx >= size)
		return false;
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, &z, 1);
	crypto_hash_sha256_update(&st, leaf, nleaf);
	crypto_hash_sha256_final(&st, r);
	for (i = 0; i < n; i++) {
		if (sn == 0)
			return false;
		if ((fn & 1) == 1 || fn == sn) {
			node_hash(proof[i], r, r);
			while ((fn & 1) == 0 && fn != 0) {
				fn >>= 1;
				sn >>= 1;
			}
		} else
			node_hash(r, proof[i], r);
		fn >>= 1;
		sn >>= 1;
	}
	return sn == 0 && memcmp(r, root, 32) == 0;
}

/*
 * The answer's receipt: its leaf names leaf_id, channel federation, the
 * SHA-256 of the exact body; the proof takes it to the head's root, and
 * the head is signed by the log's key.
 */
static void
receipt_verifies(struct srv *s, json_t *o, const char *body, const char *leaf_id)
{
	json_t		*rc = json_object_get(o, "receipt"), *sth, *v;
	unsigned char	 leaf[2048], root[32], sig[64], pk[32], proof[64][32];
	char		 want[256], hex[65], msg[160];
	size_t		 nleaf, np = 0, i;
	int64_t		 idx, size, ts;
	struct resp	*k;

	assert_true(json_is_object(rc));
	idx = json_integer_value(json_object_get(rc, "leaf_index"));
	nleaf = b64_dec(fx_jstr(rc, "leaf"), leaf, sizeof(leaf) - 1);
	leaf[nleaf] = '\0';
	snprintf(want, sizeof(want), "{\"id\":\"%s\",", leaf_id);
	assert_contains((char *)leaf, want);
	assert_contains((char *)leaf, "\"channel\":\"federation\"");
	sha256_hex(body, strlen(body), hex);
	snprintf(want, sizeof(want), "\"payload_sha256\":\"%s\"", hex);
	assert_contains((char *)leaf, want);
	sth = json_object_get(rc, "sth");
	size = json_integer_value(json_object_get(sth, "tree_size"));
	ts = json_integer_value(json_object_get(sth, "timestamp"));
	assert_int_equal(size, idx + 1);
	assert_int_equal(b64_dec(fx_jstr(sth, "root_hash"), root, sizeof(root)), 32);
	assert_int_equal(b64_dec(fx_jstr(sth, "signature"), sig, sizeof(sig)), 64);
	json_array_foreach(json_object_get(rc, "inclusion_proof"), i, v) {
		assert_true(np < 64);
		assert_int_equal(b64_dec(json_string_value(v), proof[np++], 32), 32);
	}
	assert_true(inclusion_ok(leaf, nleaf, (uint64_t)idx, (uint64_t)size, proof, np, root));
	k = http(s, "GET", "/api/v1/log/key", NULL, NULL);
	assert_status(k, 200);
	assert_int_equal(b64_dec(resp_jstr(k, "public_key"), pk, sizeof(pk)), 32);
	resp_free(k);
	snprintf(msg, sizeof(msg), "loudong-sth:v1:%lld:%lld:%s", (long long)size,
	    (long long)ts, fx_jstr(sth, "root_hash"));
	assert_int_equal(crypto_sign_verify_detached(sig, (const unsigned char *)msg,
	    strlen(msg), pk), 0);
}

/* The clock of kind for subject in the deadlines API (staff), or fail. */
static json_t *
clock_of(struct srv *s, const struct cred *who, const char *kind, const char *subject,
    struct resp **keep)
{
	json_t	*it;
	size_t	 i;

	*keep = fx_call(s, who, "GET", NULL, 200, "/api/v1/deadlines?kind=%s&limit=200", kind);
	json_array_foreach(json_object_get(resp_json(*keep), "items"), i, it)
		if (fx_jstr(it, "subject") != NULL && strcmp(fx_jstr(it, "subject"), subject) == 0)
			return it;
	fail_msg("no %s clock for %s", kind, subject);
	return NULL;
}

static void
test_filings__complete_application_review_clock_receipt_and_replay(void **state)
{
	struct people	 p;
	struct srv	*s = registry(state, &p, false, NULL);
	struct resp	*r, *k;
	json_t		*o, *ck;
	char		*body, id[32], idn[17], subject[64], again[32];

	marker(idn);
	body = initial_body("VulnHub", idn, "k-initial-0001");
	r = send_as(s, &p.pat, APPS, body, "k-initial-0001", 201);
	o = resp_json(r);
	snprintf(id, sizeof(id), "%s", fx_jstr(o, "id"));
	assert_true(fx_matches(id, ID_RE));
	assert_string_equal(fx_jstr(o, "kind"), "initial");
	assert_string_equal(fx_jstr(o, "state"), "submitted");
	assert_true(json_is_string(json_object_get(o, "review_due_at")));
	assert_true(json_is_null(json_object_get(o, "supplement_due_at")));
	assert_int_equal(json_array_size(json_object_get(o, "deficiencies")), 0);
	assert_true(json_is_false(json_object_get(o, "replay")));
	assert_true(json_is_null(json_object_get(o, "filing")));
	assert_contains(resp_header(r, "Location"), id);
	/* The applicant never gets the dossier back, nor the ID number in it. */
	assert_null(json_object_get(o, "fields"));
	assert_not_contains(r->body, idn);
	receipt_verifies(s, o, body, id);
	resp_free(r);

	/* The review clock runs on filing:<id> (10 working days, 第五条). */
	snprintf(subject, sizeof(subject), "filing:%s", id);
	ck = clock_of(s, &p.cora, "filing_review", subject, &k);
	assert_string_equal(fx_jstr(ck, "state"), "open");
	resp_free(k);

	/* The same key again: the same application, nothing new. */
	r = send_as(s, &p.pat, APPS, body, "k-initial-0001", 200);
	assert_string_equal(resp_jstr(r, "id"), id);
	assert_true(json_is_true(json_object_get(resp_json(r), "replay")));
	assert_true(json_is_null(json_object_get(resp_json(r), "receipt")));
	resp_free(r);
	/* Another key while it is under review: 409, naming the open one. */
	r = send_as(s, &p.pat, APPS, body, "k-initial-0002", 409);
	assert_problem(r, 409);
	assert_contains(resp_jstr(r, "detail"), id);
	resp_free(r);
	free(body);
	/* Another organisation may file its own platform meanwhile. */
	body = initial_body("BugBase", idn, "k-bugbase-0001");
	r = send_as(s, &p.vic, APPS, body, "k-bugbase-0001", 201);
	snprintf(again, sizeof(again), "%s", resp_jstr(r, "id"));
	assert_string_not_equal(again, id);
	resp_free(r);
	free(body);

	/* The applicant reads it; another organisation and a reporter get 404. */
	r = fx_call(s, &p.pat, "GET", NULL, 200, APPS "/%s", id);
	assert_string_equal(resp_jstr(r, "state"), "submitted");
	assert_null(json_object_get(resp_json(r), "fields"));
	assert_not_contains(r->body, idn);
	resp_free(r);
	fx_done(fx_call(s, &p.vic, "GET", NULL, 404, APPS "/%s", id));
	fx_done(fx_call(s, &p.rita, "GET", NULL, 404, APPS "/%s", id));
	fx_done(fx_call(s, &p.pat, "GET", NULL, 404, APPS "/BA-2001-999999"));
	/* Staff see the dossier, ID number included, and the read is audited. */
	r = fx_call(s, &p.cora, "GET", NULL, 200, APPS "/%s", id);
	assert_string_equal(fx_jstr(json_object_get(resp_json(r), "fields"),
	    "sponsor.id_number"), idn);
	assert_string_equal(fx_jstr(json_object_get(resp_json(r), "org"), "slug"), "vulnhub");
	assert_int_equal(json_array_size(json_object_get(resp_json(r), "documents")), NDOCS);
	resp_free(r);
	r = fx_call(s, &p.audrey, "GET", NULL, 200, "/api/v1/admin/audit?limit=200");
	assert_contains(r->body, "filing.receive");
	assert_contains(r->body, "filing.read");
	assert_not_contains(r->body, idn);
	resp_free(r);
	/* The queue, with the clock's due time. */
	r = fx_call(s, &p.tom, "GET", NULL, 200, APPS "?state=open");
	assert_int_equal(json_array_size(json_object_get(resp_json(r), "items")), 2);
	assert_true(json_is_string(json_object_get(json_array_get(json_object_get(resp_json(r),
	    "items"), 0), "due_at")));
	resp_free(r);
	/* A document's bytes, to staff only. */
	r = fx_call(s, &p.cora, "GET", NULL, 200, APPS "/%s/documents/rules.publication", id);
	assert_contains(r->body, "DOC-k-initial-0001-MARK");
	assert_string_equal(resp_header(r, "Content-Type"), "application/octet-stream");
	assert_contains(resp_header(r, "Content-Disposition"), "attachment");
	resp_free(r);
	fx_done(fx_call(s, &p.pat, "GET", NULL, 403, APPS "/%s/documents/rules.publication",
	    id));
	fx_done(fx_call(s, &p.cora, "GET", NULL, 404, APPS "/%s/documents/nothing.here", id));

	/* Bad bodies: 400 naming what is wrong; no Idempotency-Key, a bad kind. */
	r = api(s, "POST", APPS, &p.pat, "{\"kind\":\"initial\"}", NULL);
	assert_problem_field(r, 400, "Idempotency-Key");
	resp_free(r);
	r = send_as(s, &p.pat, APPS, "{\"kind\":\"takeover\"}", "k-bad-0000001", 400);
	assert_problem_field(r, 400, "kind");
	resp_free(r);
	r = send_as(s, &p.pat, APPS, "{\"kind\":\"initial\",\"fields\":[1]}", "k-bad-0000002",
	    400);
	assert_problem_field(r, 400, "fields");
	resp_free(r);
	r = send_as(s, &p.pat, APPS, "{\"kind\":\"initial\",\"fields\":{\"platform.name\":7}}",
	    "k-bad-0000003", 400);
	assert_problem_field(r, 400, "fields.platform.name");
	resp_free(r);
	r = send_as(s, &p.pat, APPS, "{\"kind\":\"initial\",\"colour\":\"red\"}",
	    "k-bad-0000004", 400);
	assert_problem_field(r, 400, "colour");
	resp_free(r);
}

static void
test_filings__deficient_application_lists_every_deficiency(void **state)
{
	struct people	 p;
	struct srv	*s = registry(state, &p, false, NULL);
	struct resp	*r, *k;
	json_t		*o, *b, *f, *d, *items, *ck;
	char		*body, id[32], idn[17], subject[64], path[128], leaf[48];

	marker(idn);
	/* Missing ID number, a bad e-mail, an unknown key, a document not the one named. */
	b = json_pack("{s:s}", "kind", "initial");
	dossier(b, "VulnHub", "https://vulnhub.example/", idn, "deficient");
	f = json_object_get(b, "fields");
	d = json_object_get(b, "documents");
	json_object_del(f, "sponsor.id_number");
	json_object_set_new(f, "principal.email", json_string("not an address"));
	json_object_set_new(f, "bogus.field", json_string("x"));
	json_object_set_new(json_object_get(d, "rules.identity"), "content",
	    json_string("b3RoZXIgYnl0ZXM="));
	json_object_del(d, "mlps.materials");
	body = json_dumps(b, JSON_COMPACT);
	json_decref(b);
	r = send_as(s, &p.pat, APPS, body, "k-deficient-01", 201);
	o = resp_json(r);
	snprintf(id, sizeof(id), "%s", fx_jstr(o, "id"));
	assert_string_equal(fx_jstr(o, "state"), "supplement_requested");
	assert_true(json_is_null(json_object_get(o, "review_due_at")));
	assert_true(json_is_string(json_object_get(o, "supplement_due_at")));
	items = json_object_get(o, "deficiencies");
	/* Every one at once (R24). */
	assert_int_equal(json_array_size(items), 5);
	has_problem(items, "sponsor.id_number", "missing");
	has_problem(items, "principal.email", "format");
	has_problem(items, "bogus.field", "unknown");
	has_problem(items, "rules.identity", "mismatch");
	has_problem(items, "mlps.materials", "mismatch");
	assert_int_equal(json_array_size(json_object_get(o, "rounds")), 1);
	receipt_verifies(s, o, body, id);
	resp_free(r);
	free(body);
	snprintf(subject, sizeof(subject), "filing:%s", id);
	ck = clock_of(s, &p.cora, "filing_supplement", subject, &k);
	assert_string_equal(fx_jstr(ck, "state"), "open");
	resp_free(k);
	/* Nothing to decide while it awaits 补正. */
	r = fx_call(s, &p.cora, "POST", "{}", 409, APPS "/%s/approve", id);
	assert_problem_rule(r, 409, "办法 第五条");
	resp_free(r);

	/* Still deficient: a second round, every remaining deficiency, the first clock met. */
	b = json_pack("{s:s}", "kind", "initial");
	dossier(b, "VulnHub", "https://vulnhub.example/", idn, "deficient");
	json_object_set_new(json_object_get(b, "fields"), "contact.phone", json_string("call me"));
	d = json_object_get(b, "documents");
	json_object_del(d, "rules.identity");
	json_object_del(d, "mlps.materials");
	body = json_dumps(b, JSON_COMPACT);
	json_decref(b);
	fx_done(send_as(s, &p.pat, APPS "/BA-2001-000001/resubmission", body, "k-deficient-02",
	    404));
	snprintf(path, sizeof(path), APPS "/%s/resubmission", id);
	fx_done(send_as(s, &p.vic, path, body, "k-deficient-02", 404));
	r = send_as(s, &p.pat, path, body, "k-deficient-02", 200);
	o = resp_json(r);
	assert_string_equal(fx_jstr(o, "state"), "supplement_requested");
	items = json_object_get(o, "deficiencies");
	assert_int_equal(json_array_size(items), 3);
	has_problem(items, "contact.phone", "format");
	has_problem(items, "rules.identity", "mismatch");
	has_problem(items, "mlps.materials", "mismatch");
	assert_int_equal(json_array_size(json_object_get(o, "rounds")), 2);
	assert_true(json_is_string(json_object_get(json_array_get(json_object_get(o, "rounds"),
	    0), "answered_at")));
	snprintf(leaf, sizeof(leaf), "%s/R1", id);
	receipt_verifies(s, o, body, leaf);
	resp_free(r);
	free(body);
	ck = clock_of(s, &p.cora, "filing_supplement", subject, &k);
	assert_string_equal(fx_jstr(ck, "state"), "met");
	resp_free(k);
	/* The second round's clock has its own subject. */
	snprintf(subject, sizeof(subject), "filing:%s/2", id);
	ck = clock_of(s, &p.cora, "filing_supplement", subject, &k);
	assert_string_equal(fx_jstr(ck, "state"), "open");
	resp_free(k);

	/* The documents sent before need not come again; those never sent still do. */
	b = json_pack("{s:s}", "kind", "initial");
	dossier(b, "VulnHub", "https://vulnhub.example/", idn, "deficient");
	json_object_del(b, "documents");
	body = json_dumps(b, JSON_COMPACT);
	json_decref(b);
	/* A resubmission of another kind is refused. */
	fx_done(send_as(s, &p.pat, path, "{\"kind\":\"change\"}", "k-deficient-09", 400));
	r = send_as(s, &p.pat, path, body, "k-deficient-03", 200);
	items = json_object_get(resp_json(r), "deficiencies");
	assert_int_equal(json_array_size(items), 2);
	has_problem(items, "rules.identity", "mismatch");
	has_problem(items, "mlps.materials", "mismatch");
	resp_free(r);
	free(body);
	b = json_pack("{s:s}", "kind", "initial");
	dossier(b, "VulnHub", "https://vulnhub.example/", idn, "deficient");
	d = json_object_get(b, "documents");
	json_object_del(d, "rules.verification");
	json_object_del(d, "rules.publication");
	body = json_dumps(b, JSON_COMPACT);
	json_decref(b);
	r = send_as(s, &p.pat, path, body, "k-deficient-04", 200);
	o = resp_json(r);
	assert_string_equal(fx_jstr(o, "state"), "resubmitted");
	assert_int_equal(json_array_size(json_object_get(o, "deficiencies")), 0);
	assert_true(json_is_string(json_object_get(o, "review_due_at")));
	assert_true(json_is_null(json_object_get(o, "supplement_due_at")));
	resp_free(r);
	/* The same key again answers again, changing nothing. */
	r = send_as(s, &p.pat, path, body, "k-deficient-04", 200);
	assert_true(json_is_true(json_object_get(resp_json(r), "replay")));
	assert_string_equal(resp_jstr(r, "state"), "resubmitted");
	resp_free(r);
	/* A new key: nothing awaits 补正 any more. */
	fx_done(send_as(s, &p.pat, path, body, "k-deficient-05", 409));
	free(body);
	/* Every document is there for the staff. */
	r = fx_call(s, &p.cora, "GET", NULL, 200, APPS "/%s", id);
	assert_int_equal(json_array_size(json_object_get(resp_json(r), "documents")), NDOCS);
	resp_free(r);
	/* The review clock of the resubmission runs under its own subject. */
	snprintf(subject, sizeof(subject), "filing:%s", id);
	ck = clock_of(s, &p.cora, "filing_review", subject, &k);
	assert_string_equal(fx_jstr(ck, "state"), "open");
	resp_free(k);
}

/* Wait up to seconds until the staff see both notices of id delivered. */
static bool
notices_sent(struct srv *s, const struct cred *who, const char *id, size_t want, int seconds)
{
	struct resp	*r;
	json_t		*n;
	size_t		 i, sent;
	int		 t;

	for (t = 0; t < seconds * 10; t++) {
		r = fx_call(s, who, "GET", NULL, 200, APPS "/%s", id);
		sent = 0;
		json_array_foreach(json_object_get(resp_json(r), "notices"), i, n)
			if (strcmp(fx_jstr(n, "delivery"), "sent") == 0)
				sent++;
		resp_free(r);
		if (sent >= want)
			return true;
		usleep(100 * 1000);
	}
	return false;
}

/* A CSV's body must open with the BOM and the header line. */
static void
csv_head(const struct resp *r)
{
	assert_true(r->len > 3);
	assert_memory_equal(r->body, "\xef\xbb\xbf", 3);
	assert_true(strncmp(r->body + 3, "number,name,sponsor,url,icp,filed_on,status,"
	    "deregistered_on\r\n", 57) == 0);
}

static void
test_filings__supplement_resubmit_approve_publish_notify(void **state)
{
	struct people	 p;
	struct srv	*s = registry(state, &p, true, NULL);
	struct resp	*r;
	struct sink_req	 sr;
	json_t		*o, *items, *n;
	json_error_t	 je;
	char		*body, id[32], idn[17], path[128], number[80], want[200], year[8];
	const char	*name = "Vuln, \"Hub\" 漏洞汇";
	time_t		 now = time(NULL);
	struct tm	 tm;
	size_t		 i;

	marker(idn);
	body = initial_body(name, idn, "k-story-000001");
	r = send_as(s, &p.pat, APPS, body, "k-story-000001", 201);
	snprintf(id, sizeof(id), "%s", resp_jstr(r, "id"));
	resp_free(r);

	/* The staff's 补正: every deficiency at once, each with a note (R24). */
	fx_done(fx_call(s, &p.pat, "POST", "{\"items\":[{\"field\":\"platform.icp\","
	    "\"note\":\"x\"}]}", 403, APPS "/%s/supplement", id));
	r = fx_call(s, &p.cora, "POST", "{\"items\":[]}", 400, APPS "/%s/supplement", id);
	assert_problem_field(r, 400, "items");
	resp_free(r);
	r = fx_call(s, &p.cora, "POST", "{\"items\":[{\"field\":\"platform.colour\",\"note\":"
	    "\"x\"}]}", 400, APPS "/%s/supplement", id);
	assert_problem_field(r, 400, "items");
	resp_free(r);
	r = fx_call(s, &p.cora, "POST", "{\"items\":[{\"field\":\"platform.icp\",\"note\":"
	    "\"\"}]}", 400, APPS "/%s/supplement", id);
	assert_problem_field(r, 400, "items");
	resp_free(r);
	r = fx_call(s, &p.cora, "POST", "{\"items\":[{\"field\":\"platform.icp\",\"note\":\"a\"},"
	    "{\"field\":\"platform.icp\",\"note\":\"b\"}]}", 400, APPS "/%s/supplement", id);
	assert_problem_field(r, 400, "items");
	resp_free(r);
	r = fx_call(s, &p.cora, "POST", "{\"items\":[{\"field\":\"platform.icp\",\"note\":"
	    "\"The ICP number does not match the MIIT record.\"},{\"field\":\"rules.publication\","
	    "\"note\":\"Say how long a vendor gets before publication.\"}],\"note\":"
	    "\"Two items.\"}", 200, APPS "/%s/supplement", id);
	assert_string_equal(resp_jstr(r, "state"), "supplement_requested");
	resp_free(r);
	/* The applicant's account is told. */
	r = fx_call(s, &p.pat, "GET", NULL, 200, "/api/v1/notices");
	assert_contains(r->body, "needs 补正");
	resp_free(r);
	/* The applicant reads both, and the date they are due. */
	r = fx_call(s, &p.pat, "GET", NULL, 200, APPS "/%s", id);
	o = resp_json(r);
	items = json_object_get(o, "deficiencies");
	assert_int_equal(json_array_size(items), 2);
	assert_true(json_is_null(json_object_get(deficiency(items, "platform.icp"), "problem")));
	assert_string_equal(fx_jstr(deficiency(items, "rules.publication"), "note"),
	    "Say how long a vendor gets before publication.");
	assert_true(json_is_string(json_object_get(o, "supplement_due_at")));
	assert_true(json_is_null(json_object_get(o, "review_due_at")));
	resp_free(r);

	/* The answer, complete: under review again. */
	snprintf(path, sizeof(path), APPS "/%s/resubmission", id);
	r = send_as(s, &p.pat, path, body, "k-story-000002", 200);
	assert_string_equal(resp_jstr(r, "state"), "resubmitted");
	resp_free(r);
	free(body);

	/* Only the staff decide. */
	fx_done(fx_call(s, &p.pat, "POST", "{}", 403, APPS "/%s/approve", id));
	fx_done(fx_call(s, &p.rita, "POST", "{}", 403, APPS "/%s/approve", id));
	approved(s, &p.tom, id, number);
	/* {PREFIX}-{YYYY}-{SEQ:04} */
	now += 8 * 3600;	/* numbers take the year in China time */
	gmtime_r(&now, &tm);
	snprintf(year, sizeof(year), "%04d", (tm.tm_year + 1900) % 10000);
	snprintf(want, sizeof(want), "TBA-%s-0001", year);
	assert_string_equal(number, want);
	/* Decided is decided. */
	fx_done(fx_call(s, &p.cora, "POST", "{}", 409, APPS "/%s/approve", id));
	fx_done(fx_call(s, &p.cora, "POST", "{\"reason\":\"x\"}", 409, APPS "/%s/reject", id));
	fx_done(fx_call(s, &p.pat, "POST", "{}", 409, APPS "/%s/withdraw", id));

	/* The applicant sees the number. */
	r = fx_call(s, &p.pat, "GET", NULL, 200, APPS "/%s", id);
	assert_string_equal(fx_jstr(json_object_get(resp_json(r), "filing"), "number"), number);
	assert_string_equal(fx_jstr(json_object_get(resp_json(r), "filing"), "status"), "filed");
	resp_free(r);

	/* The public list: JSON, CSV, the page; never the ID number. */
	r = http(s, "GET", "/api/v1/filings/public", NULL, NULL);
	assert_status(r, 200);
	o = json_object_get(resp_json(r), "items");
	assert_int_equal(json_array_size(o), 1);
	assert_string_equal(fx_jstr(json_array_get(o, 0), "number"), number);
	assert_string_equal(fx_jstr(json_array_get(o, 0), "name"), name);
	assert_string_equal(fx_jstr(json_array_get(o, 0), "sponsor"), "漏洞汇信息技术有限公司");
	assert_string_equal(fx_jstr(json_array_get(o, 0), "url"), "https://vulnhub.example/");
	assert_string_equal(fx_jstr(json_array_get(o, 0), "icp"), "京ICP备12345678号-1");
	assert_string_equal(fx_jstr(json_array_get(o, 0), "status"), "filed");
	assert_true(json_is_null(json_object_get(json_array_get(o, 0), "deregistered_on")));
	assert_not_contains(r->body, idn);
	assert_non_null(resp_header(r, "ETag"));
	resp_free(r);
	r = http(s, "GET", "/api/v1/filings/public.csv", NULL, NULL);
	assert_status(r, 200);
	assert_contains(resp_header(r, "Content-Type"), "text/csv");
	csv_head(r);
	/* RFC 4180: the comma and the quotes of the name are quoted. */
	snprintf(want, sizeof(want), "%s,\"Vuln, \"\"Hub\"\" 漏洞汇\",漏洞汇信息技术有限公司,"
	    "https://vulnhub.example/,京ICP备12345678号-1,", number);
	assert_contains(r->body, want);
	assert_contains(r->body, ",filed,\r\n");
	assert_not_contains(r->body, idn);
	resp_free(r);
	r = http(s, "GET", "/filings", NULL, NULL);
	assert_status(r, 200);
	assert_contains(r->body, number);
	assert_contains(r->body, "Vuln, &quot;Hub&quot; 漏洞汇");
	assert_not_contains(r->body, idn);
	assert_not_contains(r->body, "name=\"csrf\"");
	resp_free(r);
	r = http(s, "GET", "/api/v1/filings/public?status=deregistered", NULL, NULL);
	assert_int_equal(json_array_size(json_object_get(resp_json(r), "items")), 0);
	resp_free(r);
	r = http(s, "GET", "/api/v1/filings/public?q=VULN", NULL, NULL);
	assert_int_equal(json_array_size(json_object_get(resp_json(r), "items")), 1);
	resp_free(r);
	r = http(s, "GET", "/api/v1/filings/public?status=gone", NULL, NULL);
	assert_problem_field(r, 400, "status");
	resp_free(r);

	/* 公安部 over HTTP, with the bearer and the idempotency key, the public facts only. */
	assert_true(sink_wait(mps_sink, 1, 20));
	assert_true(sink_request(mps_sink, 0, &sr));
	assert_string_equal(sr.method, "POST");
	assert_string_equal(sr.path, "/beian");
	assert_string_equal(sr.auth, "Bearer " NOTIFY_TOKEN);
	assert_true(fx_matches(sr.idem, "^filing-notice-[0-9]+$"));
	o = json_loadb(sr.body, sr.len, 0, &je);
	assert_non_null(o);
	assert_string_equal(fx_jstr(o, "event"), "filed");
	assert_string_equal(fx_jstr(o, "number"), number);
	assert_string_equal(fx_jstr(o, "name"), name);
	assert_string_equal(fx_jstr(o, "registry"), "MIIT test registry");
	assert_string_equal(fx_jstr(o, "application_id"), id);
	assert_true(json_is_null(json_object_get(o, "deregistered_on")));
	assert_null(strstr(sr.body, idn));
	json_decref(o);
	sink_req_free(&sr);
	/* 网信办 by mail, the same facts. */
	if (cac_mail) {
		char	msg[16384], mbody[8192];

		assert_true(smtpd_wait(&cac_smtp, 20, CAC_MAIL, number, msg, sizeof(msg), mbody,
		    sizeof(mbody)));
		assert_contains(mbody, "漏洞汇信息技术有限公司");
		assert_not_contains(mbody, idn);
		assert_not_contains(msg, idn);
	}
	/* Both deliveries are recorded with the application. */
	assert_true(notices_sent(s, &p.cora, id, cac_mail ? 2 : 1, 20));
	r = fx_call(s, &p.cora, "GET", NULL, 200, APPS "/%s", id);
	json_array_foreach(json_object_get(resp_json(r), "notices"), i, n) {
		if (strcmp(fx_jstr(n, "recipient"), "mps") == 0)
			assert_int_equal(json_integer_value(json_object_get(n, "http_status")), 200);
		if (!cac_mail && strcmp(fx_jstr(n, "recipient"), "cac") == 0)
			assert_string_equal(fx_jstr(n, "delivery"), "not_configured");
	}
	assert_int_equal(json_array_size(json_object_get(resp_json(r), "notices")), 2);
	assert_contains(r->body, "\"notice_delivered\"");
	resp_free(r);
	/* Exactly once. */
	usleep(1200 * 1000);
	assert_int_equal(sink_count(mps_sink), 1);
}

/*
 * The CLI reads the role from the data directory's loudong.conf (the
 * server got it from the environment): a registry's file says so.
 */
static void
conf_registry(struct srv *s)
{
	char	 path[160], *buf, *at;
	FILE	*fp;
	long	 n;

	snprintf(path, sizeof(path), "%s/loudong.conf", s->dir);
	assert_non_null(fp = fopen(path, "rb"));
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	n = ftell(fp);
	rewind(fp);
	assert_non_null(buf = calloc(1, (size_t)n + 16));
	assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	assert_non_null(at = strstr(buf, "role = platform"));
	assert_non_null(fp = fopen(path, "wb"));
	fwrite(buf, 1, (size_t)(at - buf), fp);
	fputs("role = registry", fp);
	fputs(at + strlen("role = platform"), fp);
	fclose(fp);
	free(buf);
}

/* `loudong deadlines run --as-of t` on the registry's data: its output into out. */
static void
deadlines_run(struct srv *s, int64_t t, char *out, size_t outsz)
{
	char	at[32];

	snprintf(at, sizeof(at), "%lld", (long long)t);
	assert_int_equal(srv_cli(s, NULL, out, outsz, (const char *[]){ "deadlines", "run",
	    "--data-dir", s->dir, "--as-of", at, NULL }), 0);
}

/* "YYYY-MM-DD" in China time, days after now. */
static void
cst_date(int days, char out[16])
{
	time_t		t = time(NULL) + 8 * 3600 + (time_t)days * 86400;
	struct tm	tm;

	gmtime_r(&t, &tm);
	snprintf(out, 16, "%04d-%02d-%02d", (tm.tm_year + 1900) % 10000, (tm.tm_mon + 1) % 100,
	    tm.tm_mday % 100);
}

/* The public row of number (fails if absent): its status into status. */
static void
public_status(struct srv *s, const char *number, char status[32], char on[16])
{
	struct resp	*r = http(s, "GET", "/api/v1/filings/public", NULL, NULL);
	json_t		*it;
	size_t		 i;

	assert_status(r, 200);
	status[0] = '\0';
	json_array_foreach(json_object_get(resp_json(r), "items"), i, it)
		if (strcmp(fx_jstr(it, "number"), number) == 0) {
			snprintf(status, 32, "%s", fx_jstr(it, "status"));
			snprintf(on, 16, "%s", json_is_string(json_object_get(it,
			    "deregistered_on")) ? fx_jstr(it, "deregistered_on") : "");
		}
	resp_free(r);
	if (status[0] == '\0')
		fail_msg("%s is not on the public list", number);
}

static void
test_filings__change_and_deregistration(void **state)
{
	struct people	 p;
	struct srv	*s = registry(state, &p, false, NULL);
	struct resp	*r;
	json_t		*b, *o;
	char		*body, id[32], idn[17], number[80], other[80], st[32], on[16], tomorrow[16];
	char		 today[16], out[1024], chg[32];
	int		 t;

	marker(idn);
	filed_complete(s, &p, "VulnHub", idn, "k-change-00001", id);
	approved(s, &p.cora, id, number);

	/* A change: the new name and address, when they changed, which keys. */
	b = json_pack("{s:s, s:s, s:s, s:[s, s]}", "kind", "change", "filing_number", number,
	    "change_date", "2026-01-15", "changed", "platform.name", "platform.url");
	dossier(b, "VulnHub 2", "https://new.vulnhub.example/", idn, "k-change-00002");
	body = json_dumps(b, JSON_COMPACT);
	json_decref(b);
	/* Another organisation cannot change this platform's filing. */
	r = send_as(s, &p.vic, APPS, body, "k-change-00002", 201);
	assert_string_equal(resp_jstr(r, "state"), "supplement_requested");
	has_problem(json_object_get(resp_json(r), "deficiencies"), "filing_number", "not_filed");
	resp_free(r);
	r = send_as(s, &p.pat, APPS, body, "k-change-00002", 201);
	o = resp_json(r);
	snprintf(chg, sizeof(chg), "%s", fx_jstr(o, "id"));
	assert_string_equal(fx_jstr(o, "state"), "submitted");
	assert_string_equal(fx_jstr(json_object_get(o, "filing"), "number"), number);
	resp_free(r);
	/* One open application for a platform at a time. */
	r = send_as(s, &p.pat, APPS, body, "k-change-00003", 409);
	assert_problem_rule(r, 409, "R24");
	resp_free(r);
	free(body);
	/* The staff see what it was before. */
	r = fx_call(s, &p.cora, "GET", NULL, 200, APPS "/%s", chg);
	assert_string_equal(fx_jstr(json_object_get(resp_json(r), "previous"), "platform.name"),
	    "VulnHub");
	assert_string_equal(fx_jstr(json_object_get(resp_json(r), "fields"), "platform.name"),
	    "VulnHub 2");
	resp_free(r);
	/* Still listed as it was until the change is approved. */
	r = http(s, "GET", "/api/v1/filings/public", NULL, NULL);
	assert_contains(r->body, "\"VulnHub\"");
	resp_free(r);
	approved(s, &p.cora, chg, NULL);
	r = http(s, "GET", "/api/v1/filings/public", NULL, NULL);
	o = json_array_get(json_object_get(resp_json(r), "items"), 0);
	assert_string_equal(fx_jstr(o, "number"), number);
	assert_string_equal(fx_jstr(o, "name"), "VulnHub 2");
	assert_string_equal(fx_jstr(o, "url"), "https://new.vulnhub.example/");
	resp_free(r);

	/* A deregistration ending tomorrow: filed until the day comes (第七条). */
	cst_date(1, tomorrow);
	cst_date(0, today);
	b = json_pack("{s:s, s:s, s:s, s:s}", "kind", "deregistration", "filing_number", number,
	    "end_date", "2001-01-01", "note", "We close the platform.");
	body = json_dumps(b, JSON_COMPACT);
	json_decref(b);
	/* An end date before the filing is not one. */
	r = send_as(s, &p.pat, APPS, body, "k-dereg-000001", 201);
	has_problem(json_object_get(resp_json(r), "deficiencies"), "end_date", "format");
	snprintf(id, sizeof(id), "%s", resp_jstr(r, "id"));
	resp_free(r);
	free(body);
	b = json_pack("{s:s, s:s, s:s}", "kind", "deregistration", "filing_number", number,
	    "end_date", tomorrow);
	body = json_dumps(b, JSON_COMPACT);
	json_decref(b);
	{
		char	path[128];

		snprintf(path, sizeof(path), APPS "/%s/resubmission", id);
		r = send_as(s, &p.pat, path, body, "k-dereg-000002", 200);
		assert_string_equal(resp_jstr(r, "state"), "resubmitted");
		resp_free(r);
	}
	free(body);
	approved(s, &p.cora, id, NULL);
	public_status(s, number, st, on);
	assert_string_equal(st, "filed");
	r = fx_call(s, &p.pat, "GET", NULL, 200, APPS "/%s", id);
	assert_string_equal(fx_jstr(json_object_get(resp_json(r), "filing"), "ends_on"),
	    tomorrow);
	assert_string_equal(fx_jstr(json_object_get(resp_json(r), "filing"), "status"), "filed");
	resp_free(r);
	/* The scheduler's run today changes nothing... */
	conf_registry(s);
	deadlines_run(s, (int64_t)time(NULL), out, sizeof(out));
	assert_contains(out, "0 deregistrations took effect");
	public_status(s, number, st, on);
	assert_string_equal(st, "filed");
	/* ...and on the day it takes effect; the server's cache follows. */
	deadlines_run(s, (int64_t)time(NULL) + 2 * 86400, out, sizeof(out));
	assert_contains(out, "1 deregistration took effect");
	for (t = 0; t < 100; t++) {
		public_status(s, number, st, on);
		if (strcmp(st, "deregistered") == 0)
			break;
		usleep(100 * 1000);
	}
	assert_string_equal(st, "deregistered");
	assert_string_equal(on, tomorrow);
	r = fx_call(s, &p.pat, "GET", NULL, 200, APPS "/%s", id);
	assert_contains(r->body, "\"deregistered\"");
	resp_free(r);
	/* A deregistered platform takes no change. */
	b = json_pack("{s:s, s:s, s:s}", "kind", "change", "filing_number", number,
	    "change_date", today);
	dossier(b, "VulnHub 3", "https://vulnhub.example/", idn, "k-change-00009");
	body = json_dumps(b, JSON_COMPACT);
	json_decref(b);
	r = send_as(s, &p.pat, APPS, body, "k-change-00009", 201);
	has_problem(json_object_get(resp_json(r), "deficiencies"), "filing_number", "not_filed");
	resp_free(r);
	free(body);

	/* An end date that has come: deregistered at once on approval. */
	filed_complete(s, &p, "Second", idn, "k-second-00001", id);
	approved(s, &p.cora, id, other);
	b = json_pack("{s:s, s:s, s:s}", "kind", "deregistration", "filing_number", other,
	    "end_date", today);
	body = json_dumps(b, JSON_COMPACT);
	json_decref(b);
	r = send_as(s, &p.pat, APPS, body, "k-second-00002", 201);
	snprintf(id, sizeof(id), "%s", resp_jstr(r, "id"));
	resp_free(r);
	free(body);
	approved(s, &p.cora, id, NULL);
	public_status(s, other, st, on);
	assert_string_equal(st, "deregistered");
	assert_string_equal(on, today);
	r = http(s, "GET", "/api/v1/filings/public.csv?status=deregistered", NULL, NULL);
	csv_head(r);
	assert_contains(r->body, ",deregistered,");
	resp_free(r);
}

static void
test_filings__reject_and_withdraw(void **state)
{
	struct people	 p;
	struct srv	*s = registry(state, &p, false, NULL);
	struct resp	*r;
	char		 id[32], idn[17];

	marker(idn);
	filed_complete(s, &p, "VulnHub", idn, "k-reject-00001", id);
	r = fx_call(s, &p.cora, "POST", "{}", 400, APPS "/%s/reject", id);
	assert_problem_field(r, 400, "reason");
	resp_free(r);
	r = fx_call(s, &p.cora, "POST", "{\"reason\":\"   \"}", 400, APPS "/%s/reject", id);
	assert_problem_field(r, 400, "reason");
	resp_free(r);
	r = fx_call(s, &p.cora, "POST", "{\"reason\":\"The platform collects only its own "
	    "products' vulnerabilities (第二条): no filing is needed.\"}", 200,
	    APPS "/%s/reject", id);
	assert_string_equal(resp_jstr(r, "state"), "rejected");
	resp_free(r);
	/* The applicant reads the reasons. */
	r = fx_call(s, &p.pat, "GET", NULL, 200, APPS "/%s", id);
	assert_string_equal(resp_jstr(r, "state"), "rejected");
	assert_contains(resp_jstr(r, "reason"), "第二条");
	resp_free(r);
	fx_done(fx_call(s, &p.cora, "POST", "{}", 409, APPS "/%s/approve", id));

	/* A new application after a rejection is allowed; then withdrawn. */
	filed_complete(s, &p, "VulnHub", idn, "k-reject-00002", id);
	fx_done(fx_call(s, &p.vic, "POST", "{}", 404, APPS "/%s/withdraw", id));
	fx_done(fx_call(s, &p.cora, "POST", "{}", 403, APPS "/%s/withdraw", id));
	r = fx_call(s, &p.pat, "POST", "{\"reason\":\"Filed by mistake.\"}", 200,
	    APPS "/%s/withdraw", id);
	assert_string_equal(resp_jstr(r, "state"), "withdrawn");
	assert_true(json_is_null(json_object_get(resp_json(r), "review_due_at")));
	resp_free(r);
	fx_done(fx_call(s, &p.pat, "POST", "{}", 409, APPS "/%s/withdraw", id));
	fx_done(fx_call(s, &p.cora, "POST", "{}", 409, APPS "/%s/approve", id));
	r = fx_call(s, &p.cora, "GET", NULL, 200, "/api/v1/deadlines?kind=filing_review&"
	    "limit=200");
	assert_contains(r->body, "waived");
	resp_free(r);
	/* Nothing public came of either. */
	r = http(s, "GET", "/api/v1/filings/public", NULL, NULL);
	assert_int_equal(json_array_size(json_object_get(resp_json(r), "items")), 0);
	resp_free(r);
}

/* Files under dir holding needle (recursively); how many. */
static size_t
files_holding(const char *dir, const char *needle)
{
	struct dirent	*de;
	struct stat	 sb;
	DIR		*d = opendir(dir);
	char		 path[1024];
	size_t		 found = 0, k = strlen(needle);

	if (d == NULL)
		fail_msg("opendir %s: %s", dir, strerror(errno));
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		assert_int_equal(lstat(path, &sb), 0);
		if (S_ISDIR(sb.st_mode))
			found += files_holding(path, needle);
		else if (S_ISREG(sb.st_mode) && sb.st_size > 0) {
			unsigned char	*buf = malloc((size_t)sb.st_size);
			FILE		*fp = fopen(path, "rb");
			size_t		 n, i;

			assert_non_null(buf);
			assert_non_null(fp);
			n = fread(buf, 1, (size_t)sb.st_size, fp);
			fclose(fp);
			for (i = 0; i + k <= n; i++)
				if (memcmp(buf + i, needle, k) == 0) {
					found++;
					break;
				}
			free(buf);
		}
	}
	closedir(d);
	return found;
}

static void
test_filings__id_numbers_and_documents_sealed_at_rest(void **state)
{
	struct people	 p;
	struct srv	*s = registry(state, &p, false, NULL);
	struct resp	*r;
	char		 id[32], idn[17], other[17], tag[40], doc[64], name[40];

	marker(idn);
	marker(other);
	snprintf(tag, sizeof(tag), "SEAL-%s", other);
	snprintf(doc, sizeof(doc), "DOC-%s-MARK", tag);
	snprintf(name, sizeof(name), "Platform-%s", other);
	filed_complete(s, &p, name, idn, tag, id);
	approved(s, &p.cora, id, NULL);
	/* The server still has them. */
	r = fx_call(s, &p.cora, "GET", NULL, 200, APPS "/%s", id);
	assert_contains(r->body, idn);
	resp_free(r);
	r = fx_call(s, &p.cora, "GET", NULL, 200, APPS "/%s/documents/rules.identity", id);
	assert_contains(r->body, doc);
	resp_free(r);
	/* On disk, while it runs (WAL) and once it stopped: never in the clear. */
	assert_int_equal(files_holding(s->dir, idn), 0);
	srv_stop(s);
	assert_int_equal(files_holding(s->dir, idn), 0);
	assert_int_equal(files_holding(s->dir, doc), 0);
	assert_int_equal(files_holding(s->dir, "DOC-SEAL-"), 0);
	/* The scan does find what is kept in the clear: the public part. */
	assert_true(files_holding(s->dir, name) >= 1);
}

static void
test_filings__not_found_outside_a_registry(void **state)
{
	struct srv	*s = *state;
	struct cred	 cora, pat;
	struct resp	*r;
	char		 ck[300];
	const char	*const paths[] = { "/api/v1/filings/public", "/api/v1/filings/public.csv" };
	size_t		 i;

	srv_init(s);
	fx_org_add(s, "vulnhub", "VulnHub", "platform");
	fx_person(s, "cora", "coordinator", NULL, "Cora", "cora@x.example", &cora);
	fx_person(s, "pat", "vendor", "vulnhub", "Pat", "pat@x.example", &pat);
	srv_start(s, (const char *[]){ "LOUDONG_INSTANCE_ROLE=platform", NULL });
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		r = api(s, "GET", paths[i], NULL, NULL, NULL);
		assert_problem(r, 404);
		resp_free(r);
	}
	fx_done(send_as(s, &pat, APPS, "{\"kind\":\"initial\"}", "k-platform-01", 404));
	fx_done(fx_call(s, &cora, "GET", NULL, 404, APPS));
	fx_done(fx_call(s, &cora, "GET", NULL, 404, APPS "/BA-2026-000001"));
	fx_done(fx_call(s, &cora, "POST", "{}", 404, APPS "/BA-2026-000001/approve"));
	fx_done(fx_call(s, &cora, "POST", "{\"reason\":\"x\"}", 404,
	    APPS "/BA-2026-000001/reject"));
	fx_done(fx_call(s, &cora, "POST", "{\"items\":[{\"field\":\"platform.name\","
	    "\"note\":\"x\"}]}", 404, APPS "/BA-2026-000001/supplement"));
	r = web_page(s, "/filings", NULL, NULL);
	assert_status(r, 404);
	resp_free(r);
	web_login(s, "cora", TEST_PASSWORD, ck, sizeof(ck));
	r = web_page(s, "/staff/filings", ck, NULL);
	assert_status(r, 404);
	resp_free(r);
	r = web_page(s, "/", ck, NULL);
	assert_not_contains(r->body, "href=\"/staff/filings\"");
	assert_not_contains(r->body, "href=\"/filings\"");
	resp_free(r);
}

static void
test_filings__who_may_do_what(void **state)
{
	struct people	 p;
	struct srv	*s = registry(state, &p, false, NULL);
	struct resp	*r;
	char		 id[32], idn[17], ck[300], *body;

	marker(idn);
	filed_complete(s, &p, "VulnHub", idn, "k-roles-000001", id);
	/* A reporter, a staff member: not a member organisation's account. */
	body = initial_body("X", idn, "k-roles-000002");
	r = send_as(s, &p.rita, APPS, body, "k-roles-000002", 403);
	assert_problem_rule(r, 403, "rbac.org");
	resp_free(r);
	fx_done(send_as(s, &p.cora, APPS, body, "k-roles-000002", 403));
	r = api(s, "POST", APPS, NULL, body, "Idempotency-Key: k-roles-000002", NULL);
	assert_problem(r, 401);
	resp_free(r);
	free(body);
	/* The staff's routes: 403 for the applicant's and a reporter's tokens. */
	fx_done(fx_call(s, &p.pat, "GET", NULL, 403, APPS));
	fx_done(fx_call(s, &p.rita, "GET", NULL, 403, APPS));
	fx_done(fx_call(s, &p.pat, "POST", "{\"items\":[{\"field\":\"platform.name\","
	    "\"note\":\"x\"}]}", 403, APPS "/%s/supplement", id));
	fx_done(fx_call(s, &p.pat, "POST", "{}", 403, APPS "/%s/approve", id));
	fx_done(fx_call(s, &p.rita, "POST", "{\"reason\":\"x\"}", 403, APPS "/%s/reject", id));
	fx_done(fx_call(s, &p.pat, "GET", NULL, 403, APPS "/%s/documents/rules.identity", id));
	/* ...and their pages. */
	web_login(s, "pat", TEST_PASSWORD, ck, sizeof(ck));
	r = web_page(s, "/staff/filings", ck, NULL);
	assert_status(r, 403);
	resp_free(r);
	r = web_page(s, "/staff/filings/BA-2026-000001", ck, NULL);
	assert_status(r, 403);
	resp_free(r);
	r = web_page(s, "/", ck, NULL);
	assert_not_contains(r->body, "href=\"/staff/filings\"");
	assert_contains(r->body, "href=\"/filings\"");
	resp_free(r);
	/* A triager is staff. */
	fx_done(fx_call(s, &p.tom, "GET", NULL, 200, APPS));
}

/* The hidden CSRF field of a page into out. */
static void
page_csrf(const struct resp *r, char *out, size_t outsz)
{
	assert_true(web_form_csrf(r->body, out, outsz));
}

static void
test_filings__staff_pages(void **state)
{
	struct people	 p;
	struct srv	*s = registry(state, &p, false, NULL);
	struct resp	*r;
	struct web_form	 f;
	char		 id[32], idn[17], ck[300], csrf[128], path[160], fieldset[80], *body;
	const char	*v, *e;
	json_t		*items;

	marker(idn);
	filed_complete(s, &p, "<b>Hub</b>", idn, "k-pages-000001", id);
	web_login(s, "cora", TEST_PASSWORD, ck, sizeof(ck));
	/* The queue. */
	r = web_page(s, "/staff/filings", ck, NULL);
	assert_status(r, 200);
	snprintf(path, sizeof(path), "href=\"/staff/filings/%s\"", id);
	assert_contains(r->body, path);
	assert_contains(r->body, "&lt;b&gt;Hub&lt;/b&gt;");
	assert_not_contains(r->body, "<b>Hub</b>");
	resp_free(r);
	r = web_page(s, "/staff/filings?state=approved", ck, NULL);
	assert_not_contains(r->body, path);
	resp_free(r);
	/* One application: every field, the ID number (audited), one note box per field. */
	snprintf(path, sizeof(path), "/staff/filings/%s", id);
	r = web_page(s, path, ck, "en");
	assert_status(r, 200);
	assert_contains(r->body, idn);
	assert_contains(r->body, "Sponsor&#39;s name");
	assert_contains(r->body, "name=\"n00\"");
	assert_contains(r->body, "name=\"n06\"");
	assert_contains(r->body, "rules.publication.txt");
	assert_contains(r->body, "action=\"/staff/filings/");
	page_csrf(r, csrf, sizeof(csrf));
	v = strstr(r->body, "name=\"fieldset\" value=\"");
	assert_non_null(v);
	v += strlen("name=\"fieldset\" value=\"");
	e = strchr(v, '"');
	assert_non_null(e);
	snprintf(fieldset, sizeof(fieldset), "%.*s", (int)(e - v), v);
	resp_free(r);
	/* The 补正 form: the notes written are the deficiencies, all at once. */
	memset(&f, 0, sizeof(f));
	web_form_add(&f, "csrf", csrf);
	web_form_add(&f, "fieldset", fieldset);
	web_form_add(&f, "n00", "The name must match the ICP record.");
	web_form_add(&f, "n06", "The ID number is not a unified social credit code.");
	web_form_add(&f, "n01", "");
	web_form_add(&f, "note", "Please answer within 10 working days.");
	snprintf(path, sizeof(path), "/staff/filings/%s/supplement", id);
	r = web_post_form(s, path, ck, &f, NULL);
	assert_status(r, 303);
	resp_free(r);
	r = fx_call(s, &p.pat, "GET", NULL, 200, APPS "/%s", id);
	items = json_object_get(resp_json(r), "deficiencies");
	assert_int_equal(json_array_size(items), 2);
	assert_string_equal(fx_jstr(deficiency(items, "platform.name"), "note"),
	    "The name must match the ICP record.");
	assert_non_null(deficiency(items, "sponsor.id_number"));
	resp_free(r);
	snprintf(path, sizeof(path), "/staff/filings/%s", id);
	r = web_page(s, path, ck, "en");
	assert_contains(r->body, "The ID number is not a unified social credit code.");
	assert_not_contains(r->body, "name=\"n00\"");	/* no 补正 while one is awaited */
	page_csrf(r, csrf, sizeof(csrf));
	resp_free(r);
	/* Approving now is refused, and the page says why. */
	memset(&f, 0, sizeof(f));
	web_form_add(&f, "csrf", csrf);
	snprintf(path, sizeof(path), "/staff/filings/%s/approve", id);
	r = web_post_form(s, path, ck, &f, "en");
	assert_status(r, 422);
	assert_contains(r->body, "awaits the applicant");
	assert_contains(r->body, "办法 第五条");
	resp_free(r);

	/* The applicant answers; the staff approve on the page. */
	body = initial_body("<b>Hub</b>", idn, "k-pages-000001");
	snprintf(path, sizeof(path), APPS "/%s/resubmission", id);
	fx_done(send_as(s, &p.pat, path, body, "k-pages-000002", 200));
	free(body);
	snprintf(path, sizeof(path), "/staff/filings/%s", id);
	r = web_page(s, path, ck, NULL);
	page_csrf(r, csrf, sizeof(csrf));
	resp_free(r);
	memset(&f, 0, sizeof(f));
	web_form_add(&f, "csrf", csrf);
	snprintf(path, sizeof(path), "/staff/filings/%s/reject", id);
	r = web_post_form(s, path, ck, &f, "en");
	assert_status(r, 422);
	assert_contains(r->body, "Give the reasons");
	resp_free(r);
	memset(&f, 0, sizeof(f));
	web_form_add(&f, "csrf", csrf);
	web_form_add(&f, "note", "Complete.");
	snprintf(path, sizeof(path), "/staff/filings/%s/approve", id);
	r = web_post_form(s, path, ck, &f, NULL);
	assert_status(r, 303);
	resp_free(r);
	snprintf(path, sizeof(path), "/staff/filings/%s?done=approved", id);
	r = web_page(s, path, ck, "en");
	assert_contains(r->body, "Approved.");
	assert_contains(r->body, "Not configured");	/* no notice target is set */
	resp_free(r);
	/* The public page, escaped, in both languages. */
	r = web_page(s, "/filings", NULL, "en");
	assert_status(r, 200);
	assert_contains(r->body, "&lt;b&gt;Hub&lt;/b&gt;");
	assert_not_contains(r->body, "<b>Hub</b>");
	assert_contains(r->body, "Filed vulnerability collection platforms");
	assert_not_contains(r->body, idn);
	resp_free(r);
	r = web_page(s, "/filings", NULL, "zh-CN");
	assert_contains(r->body, "已备案的漏洞收集平台");
	resp_free(r);
	/* A reporter posting a staff form: refused. */
	web_login(s, "rita", TEST_PASSWORD, ck, sizeof(ck));
	memset(&f, 0, sizeof(f));
	web_form_add(&f, "csrf", csrf);
	web_form_add(&f, "reason", "x");
	snprintf(path, sizeof(path), "/staff/filings/%s/reject", id);
	r = web_post_form(s, path, ck, &f, NULL);
	assert_status(r, 403);
	resp_free(r);
}

static void
test_filings__missed_clock_tells_the_staff(void **state)
{
	struct people	 p;
	struct srv	*s = registry(state, &p, false, NULL);
	struct resp	*r;
	char		 id[32], idn[17], out[1024], want[96];

	marker(idn);
	filed_complete(s, &p, "VulnHub", idn, "k-missed-00001", id);
	/* 10 working days are long past in 40 days: the review clock is missed. */
	conf_registry(s);
	deadlines_run(s, (int64_t)time(NULL) + 40 * 86400, out, sizeof(out));
	assert_contains(out, "1 deadline missed");
	/* The staff are told, about the application (its page, not a report's). */
	r = fx_call(s, &p.cora, "GET", NULL, 200, "/api/v1/notices");
	snprintf(want, sizeof(want), "\"subject\":\"filing:%s\"", id);
	assert_contains(r->body, want);
	assert_contains(r->body, "deadline_missed");
	assert_not_contains(r->body, "\"subject\":\"report:\"");
	resp_free(r);
	r = fx_call(s, &p.cora, "GET", NULL, 200, "/api/v1/deadlines?kind=filing_review");
	assert_contains(r->body, "\"missed\"");
	resp_free(r);
	/* Late is still decidable. */
	approved(s, &p.cora, id, NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_filings__complete_application_review_clock_receipt_and_replay, srv_setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_filings__deficient_application_lists_every_deficiency, srv_setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_filings__supplement_resubmit_approve_publish_notify, srv_setup, teardown),
		cmocka_unit_test_setup_teardown(test_filings__change_and_deregistration, srv_setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_filings__reject_and_withdraw, srv_setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_filings__id_numbers_and_documents_sealed_at_rest,
		    srv_setup, teardown),
		cmocka_unit_test_setup_teardown(test_filings__not_found_outside_a_registry,
		    srv_setup, teardown),
		cmocka_unit_test_setup_teardown(test_filings__who_may_do_what, srv_setup, teardown),
		cmocka_unit_test_setup_teardown(test_filings__staff_pages, srv_setup, teardown),
		cmocka_unit_test_setup_teardown(test_filings__missed_clock_tells_the_staff,
		    srv_setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
