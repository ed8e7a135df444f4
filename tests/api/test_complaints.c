/*
 * Complaints (举报, issue 8; 《网络产品安全漏洞收集平台备案管理办法》第九条)
 * on a registry instance.
 *
 * Anyone may complain, without an account: the answer carries a tracking
 * id, a receipt-log leaf that verifies against a signed tree head (checked
 * here with libsodium, not the server's receipt code) and a status token
 * with which the complainant, and only they, read the state and outcome.
 * Staff assign, note and close; each step is audited and in the history;
 * the statistics count by platform, outcome, state and category.  Bad
 * input names the field; submissions are throttled per address; the text,
 * contact and notes are sealed at rest; other roles answer 404; the web
 * form, the receipt page, the status lookup and the staff's pages work and
 * escape what people typed.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
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

#define ID_RE		"^JB-20[0-9]{2}-[0-9]{6}$"
#define TOKEN_RE	"^ldc_[A-Za-z0-9_-]{43}$"
#define TOKEN_HDR	"X-Complaint-Token: "
#define THROTTLE_MAX	10	/* svc/complaints.h COMPLAINT_ADDR_MAX */

/* The people of a registry. */
struct staff {
	struct cred	cora;	/* coordinator */
	struct cred	tom;	/* triager */
	struct cred	rita;	/* reporter */
	struct cred	audrey;	/* auditor */
};

/* A registry with its people, started with env (NULL-terminated, may be NULL). */
static struct srv *
registry(void **state, struct staff *p, const char *const *env)
{
	struct srv	*s = *state;
	const char	*e[SRV_MAX_ENV];
	size_t		 n = 0;

	srv_init(s);
	fx_person(s, "cora", "coordinator", NULL, "Cora Coordinator", "cora@nvdb.example",
	    &p->cora);
	fx_person(s, "tom", "triager", NULL, "Tom Triager", "tom@nvdb.example", &p->tom);
	fx_person(s, "rita", "reporter", NULL, "Rita Reporter", "rita@example.org", &p->rita);
	fx_person(s, "audrey", "auditor", NULL, "Audrey Auditor", "audrey@nvdb.example",
	    &p->audrey);
	e[n++] = "LOUDONG_INSTANCE_ROLE=registry";
	e[n++] = "LOUDONG_INSTANCE_NAME=NVDB";
	while (env != NULL && *env != NULL && n < SRV_MAX_ENV - 1)
		e[n++] = *env++;
	e[n] = NULL;
	srv_start(s, e);
	return s;
}

/* A complaint's JSON body (caller frees). */
static char *
complaint_body(const char *platform, const char *category, const char *text,
    const char *contact)
{
	json_t	*o = json_pack("{s:s, s:s, s:s}", "platform_name", platform, "category",
		    category, "description", text);
	char	*s;

	if (contact != NULL)
		json_object_set_new(o, "contact", json_string(contact));
	s = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	assert_non_null(s);
	return s;
}

/* POST a complaint as who (NULL: anonymous): the status must be want. */
static struct resp *
complain(struct srv *s, const struct cred *who, const char *body, long want)
{
	struct resp	*r = api(s, "POST", "/api/v1/complaints", who, body, NULL);

	assert_status(r, want);
	return r;
}

/* A complaint filed anonymously: its id and token into id and tok. */
static void
filed(struct srv *s, const char *platform, const char *category, const char *text,
    char id[32], char tok[64])
{
	char		*b = complaint_body(platform, category, text, NULL);
	struct resp	*r = complain(s, NULL, b, 201);

	snprintf(id, 32, "%s", resp_jstr(r, "id"));
	snprintf(tok, 64, "%s", resp_jstr(r, "status_token"));
	assert_true(fx_matches(id, ID_RE));
	assert_true(fx_matches(tok, TOKEN_RE));
	resp_free(r);
	free(b);
}

/* GET a complaint with a token header (NULL: none) as who. */
static struct resp *
status_of(struct srv *s, const struct cred *who, const char *id, const char *tok)
{
	char	path[128], hdr[160];

	snprintf(path, sizeof(path), "/api/v1/complaints/%s", id);
	if (tok == NULL)
		return api(s, "GET", path, who, NULL, NULL);
	snprintf(hdr, sizeof(hdr), TOKEN_HDR "%s", tok);
	return api(s, "GET", path, who, NULL, hdr, NULL);
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

/* RFC 9162: leaf hash SHA-256(0x00 || leaf), node SHA-256(0x01 || l || r). */
static void
leaf_hash(const unsigned char *leaf, size_t n, unsigned char out[32])
{
	crypto_hash_sha256_state	st;
	unsigned char			z = 0x00;

	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, &z, 1);
	crypto_hash_sha256_update(&st, leaf, n);
	crypto_hash_sha256_final(&st, out);
}

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

/* RFC 9162 §2.1.3.2: does the proof take leaf idx of a tree of size to root? */
static bool
inclusion_ok(const unsigned char lh[32], uint64_t idx, uint64_t size,
    unsigned char proof[][32], size_t n, const unsigned char root[32])
{
	unsigned char	r[32];
	uint64_t	fn = idx, sn = size - 1;
	size_t		i;

	if (idx >= size)
		return false;
	memcpy(r, lh, 32);
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
 * The 201 answer's receipt: its leaf names the complaint, its channel and
 * submitter and the SHA-256 of the exact body; the inclusion proof takes
 * it to the signed head's root; the head is signed by the log's key.
 */
static void
receipt_verifies(struct srv *s, json_t *o, const char *body, const char *submitter)
{
	json_t		*rc = json_object_get(o, "receipt"), *sth, *v;
	unsigned char	 leaf[2048], lh[32], root[32], sig[64], pk[32], proof[64][32];
	unsigned char	 digest[32];
	char		 want[256], hex[65], msg[160], *root64;
	size_t		 nleaf, np = 0, i;
	int64_t		 idx, size, ts;
	struct resp	*k;

	assert_true(json_is_object(rc));
	idx = json_integer_value(json_object_get(o, "leaf_index"));
	assert_int_equal(json_integer_value(json_object_get(rc, "leaf_index")), idx);
	nleaf = b64_dec(fx_jstr(rc, "leaf"), leaf, sizeof(leaf) - 1);
	leaf[nleaf] = '\0';
	crypto_hash_sha256(digest, (const unsigned char *)body, strlen(body));
	sodium_bin2hex(hex, sizeof(hex), digest, sizeof(digest));
	snprintf(want, sizeof(want), "{\"id\":\"%s\",", fx_jstr(o, "id"));
	assert_contains((char *)leaf, want);
	assert_contains((char *)leaf, "\"channel\":\"api\"");
	snprintf(want, sizeof(want), "\"submitter\":\"%s", submitter);
	assert_contains((char *)leaf, want);
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
	leaf_hash(leaf, nleaf, lh);
	assert_true(inclusion_ok(lh, (uint64_t)idx, (uint64_t)size, proof, np, root));
	/* The head is the log's: loudong-sth:v1:<size>:<ts>:<root base64>. */
	k = http(s, "GET", "/api/v1/log/key", NULL, NULL);
	assert_status(k, 200);
	assert_int_equal(b64_dec(resp_jstr(k, "public_key"), pk, sizeof(pk)), 32);
	resp_free(k);
	root64 = (char *)fx_jstr(sth, "root_hash");
	snprintf(msg, sizeof(msg), "loudong-sth:v1:%lld:%lld:%s", (long long)size,
	    (long long)ts, root64);
	assert_int_equal(crypto_sign_verify_detached(sig, (const unsigned char *)msg,
	    strlen(msg), pk), 0);
}

static void
test_complaints__anonymous_receipt_and_status(void **state)
{
	struct staff	 p;
	struct srv	*s = registry(state, &p, NULL);
	struct resp	*r, *pr;
	char		*body, id[32], tok[64], path[160], id2[32];
	json_t		*o;
	int64_t		 idx;

	assert_true(sodium_init() >= 0);
	body = complaint_body("VulnHub-X", "sale_of_vulnerabilities",
	    "They sell unpatched router bugs on their forum.", "jubao@example.org");
	r = complain(s, NULL, body, 201);
	o = resp_json(r);
	assert_true(fx_matches(fx_jstr(o, "id"), ID_RE));
	assert_true(fx_matches(fx_jstr(o, "status_token"), TOKEN_RE));
	assert_string_equal(fx_jstr(o, "state"), "submitted");
	assert_true(fx_matches(fx_jstr(o, "received_at"), "^20[0-9]{2}-[0-9]{2}-[0-9]{2}T"));
	assert_true(json_is_integer(json_object_get(o, "leaf_index")));
	snprintf(path, sizeof(path), "/api/v1/complaints/%s", fx_jstr(o, "id"));
	assert_string_equal(resp_header(r, "Location"), path);
	assert_string_equal(resp_header(r, "Cache-Control"), "no-store");
	receipt_verifies(s, o, body, "anonymous");
	snprintf(id, sizeof(id), "%s", fx_jstr(o, "id"));
	snprintf(tok, sizeof(tok), "%s", fx_jstr(o, "status_token"));
	idx = json_integer_value(json_object_get(o, "leaf_index"));
	resp_free(r);
	free(body);

	/* The staff find the same leaf in the log. */
	pr = fx_call(s, &p.tom, "GET", NULL, 200, "/api/v1/log/proof?index=%lld&tree_size=%lld",
	    (long long)idx, (long long)idx + 1);
	assert_non_null(fx_jstr(resp_json(pr), "leaf"));
	fx_done(pr);

	/* The complainant reads the state with the token: no notes, nobody named. */
	r = status_of(s, NULL, id, tok);
	assert_status(r, 200);
	assert_string_equal(resp_jstr(r, "state"), "submitted");
	assert_true(json_is_null(json_object_get(resp_json(r), "outcome")));
	assert_string_equal(fx_jstr(json_object_get(resp_json(r), "platform"), "name"),
	    "VulnHub-X");
	assert_null(json_object_get(resp_json(r), "description"));
	assert_null(json_object_get(resp_json(r), "contact"));
	assert_null(json_object_get(resp_json(r), "history"));
	assert_null(json_object_get(resp_json(r), "assignee"));
	assert_not_contains(r->body, "jubao@example.org");
	resp_free(r);
	/* A wrong token, none, an unknown or malformed id: the same 404. */
	tok[10] = tok[10] == 'A' ? 'B' : 'A';
	r = status_of(s, NULL, id, tok);
	assert_problem(r, 404);
	resp_free(r);
	r = status_of(s, NULL, id, NULL);
	assert_problem(r, 404);
	resp_free(r);
	r = status_of(s, &p.rita, id, NULL);
	assert_problem(r, 404);
	resp_free(r);
	r = status_of(s, NULL, "JB-2001-999999", tok);
	assert_problem(r, 404);
	resp_free(r);
	r = status_of(s, NULL, "not-an-id", tok);
	assert_problem(r, 404);
	resp_free(r);

	/* A reporter's complaint is theirs to follow from the account... */
	body = complaint_body("BugMarket", "no_filing", "No 备案编号 anywhere on the site.", NULL);
	r = complain(s, &p.rita, body, 201);
	snprintf(id2, sizeof(id2), "%s", resp_jstr(r, "id"));
	assert_int_equal(json_integer_value(json_object_get(resp_json(r), "leaf_index")),
	    idx + 1);
	receipt_verifies(s, resp_json(r), body, "user:");
	resp_free(r);
	free(body);
	r = status_of(s, &p.rita, id2, NULL);
	assert_status(r, 200);
	assert_string_equal(resp_jstr(r, "state"), "submitted");
	resp_free(r);
	r = status_of(s, &p.audrey, id2, NULL);
	assert_problem(r, 404);
	resp_free(r);
	/* ...unless asked not to be linked: then the leaf names nobody either. */
	r = complain(s, &p.rita, "{\"platform_name\":\"BugMarket\",\"category\":\"other\","
	    "\"description\":\"Second thoughts.\",\"anonymous\":true}", 201);
	receipt_verifies(s, resp_json(r), "{\"platform_name\":\"BugMarket\",\"category\":"
	    "\"other\",\"description\":\"Second thoughts.\",\"anonymous\":true}", "anonymous");
	snprintf(id2, sizeof(id2), "%s", resp_jstr(r, "id"));
	resp_free(r);
	r = status_of(s, &p.rita, id2, NULL);
	assert_problem(r, 404);
	resp_free(r);

	/* The published channels, to anyone. */
	r = http(s, "GET", "/api/v1/complaints/channels", NULL, NULL);
	assert_status(r, 200);
	assert_true(json_is_null(json_object_get(resp_json(r), "phone")));
	assert_contains(resp_jstr(r, "form"), "/complaints/new");
	assert_contains(r->body, "第九条");
	assert_contains(r->body, "sale_of_vulnerabilities");
	resp_free(r);
}

/* POST path (printf) as who with body: the status must be want. */
static struct resp *
step(struct srv *s, const struct cred *who, const char *body, long want, const char *id,
    const char *what)
{
	return fx_call(s, who, "POST", body, want, "/api/v1/complaints/%s/%s", id, what);
}

static void
test_complaints__staff_workflow(void **state)
{
	struct staff	 p;
	struct srv	*s = registry(state, &p, NULL);
	struct resp	*r;
	json_t		*h;
	char		 id[32], tok[64];

	filed(s, "VulnHub-X", "foreign_transfer", "They pass reports to a foreign buyer.", id,
	    tok);

	/* Only staff list, assign, note, close and count. */
	r = api(s, "GET", "/api/v1/complaints", NULL, NULL, NULL);
	assert_problem(r, 401);
	resp_free(r);
	fx_done(fx_call(s, &p.rita, "GET", NULL, 403, "/api/v1/complaints"));
	fx_done(fx_call(s, &p.audrey, "GET", NULL, 403, "/api/v1/complaints"));
	fx_done(fx_call(s, &p.rita, "GET", NULL, 403, "/api/v1/complaints/statistics"));
	fx_done(step(s, &p.rita, "{}", 403, id, "assign"));
	fx_done(step(s, &p.rita, "{\"note\":\"x\"}", 403, id, "notes"));
	fx_done(step(s, &p.rita, "{\"outcome\":\"withdrawn\",\"note\":\"x\"}", 403, id, "close"));
	r = fx_call(s, &p.cora, "GET", NULL, 200, "/api/v1/complaints");
	assert_int_equal(json_array_size(json_object_get(resp_json(r), "items")), 1);
	resp_free(r);

	/* Nothing to note before it is assigned; no finding before an investigation. */
	r = step(s, &p.cora, "{\"note\":\"Looked at the forum.\"}", 409, id, "notes");
	assert_problem(r, 409);
	resp_free(r);
	/* Only an active staff account takes it. */
	r = step(s, &p.cora, "{\"assignee\":\"rita\"}", 400, id, "assign");
	assert_problem_field(r, 400, "assignee");
	resp_free(r);
	r = step(s, &p.cora, "{\"assignee\":\"nobody\"}", 400, id, "assign");
	assert_problem_field(r, 400, "assignee");
	resp_free(r);
	r = step(s, &p.cora, "{\"assignee\":\"tom\"}", 200, id, "assign");
	assert_string_equal(resp_jstr(r, "state"), "assigned");
	assert_string_equal(resp_jstr(r, "assignee"), "tom");
	resp_free(r);
	/* The same assignee again records nothing. */
	fx_done(step(s, &p.cora, "{\"assignee\":\"tom\"}", 200, id, "assign"));
	/* The assignee is told. */
	r = fx_call(s, &p.tom, "GET", NULL, 200, "/api/v1/notices");
	assert_contains(r->body, id);
	resp_free(r);
	r = step(s, &p.tom, "{\"outcome\":\"substantiated\",\"note\":\"It is true.\"}", 409, id,
	    "close");
	assert_problem_field(r, 409, "outcome");
	resp_free(r);
	r = step(s, &p.tom, "{\"note\":\"   \"}", 400, id, "notes");
	assert_problem_field(r, 400, "note");
	resp_free(r);
	r = step(s, &p.tom, "{\"note\":\"Forum post 4711 offers CNVD drafts to a foreign "
	    "buyer; screenshots kept.\"}", 201, id, "notes");
	assert_string_equal(resp_jstr(r, "state"), "investigating");
	resp_free(r);
	/* A bad outcome or a missing note is named. */
	r = step(s, &p.tom, "{\"outcome\":\"guilty\",\"note\":\"x\"}", 400, id, "close");
	assert_problem_field(r, 400, "outcome");
	resp_free(r);
	r = step(s, &p.tom, "{\"outcome\":\"substantiated\"}", 400, id, "close");
	assert_problem_field(r, 400, "note");
	resp_free(r);
	r = step(s, &p.tom, "{\"outcome\":\"substantiated\",\"note\":\"Confirmed; rectification "
	    "ordered and referred to 公安部.\"}", 200, id, "close");
	assert_string_equal(resp_jstr(r, "state"), "closed");
	assert_string_equal(resp_jstr(r, "outcome"), "substantiated");
	resp_free(r);
	/* Closed stays closed. */
	fx_done(step(s, &p.tom, "{\"outcome\":\"withdrawn\",\"note\":\"x\"}", 409, id, "close"));
	fx_done(step(s, &p.tom, "{\"note\":\"more\"}", 409, id, "notes"));
	fx_done(step(s, &p.cora, "{}", 409, id, "assign"));

	/* The complainant sees the outcome, never the notes. */
	r = status_of(s, NULL, id, tok);
	assert_status(r, 200);
	assert_string_equal(resp_jstr(r, "state"), "closed");
	assert_string_equal(resp_jstr(r, "outcome"), "substantiated");
	assert_true(json_is_string(json_object_get(resp_json(r), "closed_at")));
	assert_not_contains(r->body, "rectification");
	assert_not_contains(r->body, "4711");
	assert_not_contains(r->body, "tom");
	resp_free(r);

	/* Staff see it all, with every step in the history. */
	r = status_of(s, &p.cora, id, NULL);
	assert_status(r, 200);
	assert_string_equal(resp_jstr(r, "description"), "They pass reports to a foreign buyer.");
	assert_contains(resp_jstr(r, "outcome_note"), "rectification ordered");
	assert_string_equal(resp_jstr(r, "assignee"), "tom");
	assert_string_equal(resp_jstr(r, "channel"), "api");
	assert_true(json_is_true(json_object_get(resp_json(r), "anonymous")));
	h = json_object_get(resp_json(r), "history");
	assert_int_equal(json_array_size(h), 4);
	assert_string_equal(fx_jstr(json_array_get(h, 0), "event"), "submitted");
	assert_true(json_is_null(json_object_get(json_array_get(h, 0), "actor")));
	assert_string_equal(fx_jstr(json_array_get(h, 1), "event"), "assigned");
	assert_string_equal(fx_jstr(json_array_get(h, 1), "actor"), "cora");
	assert_string_equal(fx_jstr(json_array_get(h, 1), "detail"), "tom");
	assert_string_equal(fx_jstr(json_array_get(h, 2), "event"), "note");
	assert_contains(fx_jstr(json_array_get(h, 2), "note"), "Forum post 4711");
	assert_string_equal(fx_jstr(json_array_get(h, 2), "to_state"), "investigating");
	assert_string_equal(fx_jstr(json_array_get(h, 3), "event"), "closed");
	assert_string_equal(fx_jstr(json_array_get(h, 3), "detail"), "substantiated");
	resp_free(r);

	/* Every staff step and read is in the audit log. */
	r = fx_call(s, &p.audrey, "GET", NULL, 200, "/api/v1/admin/audit?limit=200");
	assert_contains(r->body, "complaint.receive");
	assert_contains(r->body, "complaint.assign");
	assert_contains(r->body, "complaint.note");
	assert_contains(r->body, "complaint.close");
	assert_contains(r->body, "complaint.read");
	assert_contains(r->body, "outcome=substantiated");
	/* What was written never is. */
	assert_not_contains(r->body, "4711");
	assert_not_contains(r->body, "foreign buyer");
	resp_free(r);

	/* Without a note, referred, duplicate and withdrawn close from any open state. */
	filed(s, "VulnHub-X", "other", "Same as before.", id, tok);
	r = step(s, &p.cora, "{\"outcome\":\"duplicate\",\"note\":\"Duplicate of the first.\"}",
	    200, id, "close");
	assert_string_equal(resp_jstr(r, "outcome"), "duplicate");
	resp_free(r);
	/* Assigning with no body names the actor. */
	filed(s, "VulnHub-X", "other", "Third.", id, tok);
	r = step(s, &p.cora, "{}", 200, id, "assign");
	assert_string_equal(resp_jstr(r, "assignee"), "cora");
	resp_free(r);
}

/* Close complaint id as who after a note, with outcome. */
static void
investigate_and_close(struct srv *s, const struct cred *who, const char *id,
    const char *outcome)
{
	char	body[128];

	fx_done(step(s, who, "{}", 200, id, "assign"));
	fx_done(step(s, who, "{\"note\":\"Checked.\"}", 201, id, "notes"));
	snprintf(body, sizeof(body), "{\"outcome\":\"%s\",\"note\":\"Done.\"}", outcome);
	fx_done(step(s, who, body, 200, id, "close"));
}

static int64_t
jint(json_t *o, const char *a, const char *b)
{
	json_t	*v = json_object_get(o, a);

	if (b != NULL)
		v = json_object_get(v, b);
	assert_true(json_is_integer(v));
	return (int64_t)json_integer_value(v);
}

static void
test_complaints__statistics_and_filters(void **state)
{
	struct staff	 p;
	struct srv	*s = registry(state, &p, NULL);
	struct resp	*r;
	json_t		*o, *pl, *items;
	char		 a[32], b[32], c[32], d[32], e[32], tok[64], year[16], next[32];
	time_t		 now = time(NULL) + 8 * 3600;
	struct tm	 tm;

	filed(s, "VulnHub-X", "sale_of_vulnerabilities", "One.", a, tok);
	filed(s, "vulnhub-x ", "foreign_transfer", "Two.", b, tok);
	filed(s, "VULNHUB-X", "sale_of_vulnerabilities", "Three.", c, tok);
	filed(s, "BugMarket", "no_filing", "Four.", d, tok);
	filed(s, "Other Site", "other", "Five.", e, tok);
	investigate_and_close(s, &p.tom, a, "substantiated");
	investigate_and_close(s, &p.tom, d, "unsubstantiated");
	fx_done(step(s, &p.cora, "{\"outcome\":\"duplicate\",\"note\":\"Same as one.\"}", 200, c,
	    "close"));
	fx_done(step(s, &p.cora, "{\"outcome\":\"withdrawn\",\"note\":\"Called back.\"}", 200, e,
	    "close"));
	fx_done(step(s, &p.cora, "{\"assignee\":\"tom\"}", 200, b, "assign"));

	r = fx_call(s, &p.cora, "GET", NULL, 200, "/api/v1/complaints/statistics");
	o = resp_json(r);
	assert_true(json_is_null(json_object_get(o, "year")));
	assert_int_equal(jint(o, "total", NULL), 5);
	assert_int_equal(jint(o, "by_state", "closed"), 4);
	assert_int_equal(jint(o, "by_state", "assigned"), 1);
	assert_int_equal(jint(o, "by_state", "submitted"), 0);
	assert_int_equal(jint(o, "by_state", "investigating"), 0);
	assert_int_equal(jint(o, "by_outcome", "substantiated"), 1);
	assert_int_equal(jint(o, "by_outcome", "unsubstantiated"), 1);
	assert_int_equal(jint(o, "by_outcome", "duplicate"), 1);
	assert_int_equal(jint(o, "by_outcome", "withdrawn"), 1);
	assert_int_equal(jint(o, "by_outcome", "referred"), 0);
	assert_int_equal(jint(o, "by_category", "sale_of_vulnerabilities"), 2);
	assert_int_equal(jint(o, "by_category", "mismanagement"), 0);
	/* One platform however its name was written, most complained about first. */
	pl = json_object_get(o, "by_platform");
	assert_int_equal(json_array_size(pl), 3);
	assert_string_equal(fx_jstr(json_array_get(pl, 0), "name"), "VULNHUB-X");
	assert_int_equal(jint(json_array_get(pl, 0), "total", NULL), 3);
	assert_int_equal(jint(json_array_get(pl, 0), "open", NULL), 1);
	assert_int_equal(jint(json_array_get(pl, 0), "substantiated", NULL), 1);
	assert_int_equal(jint(json_array_get(pl, 1), "total", NULL), 1);
	assert_int_equal(jint(json_array_get(pl, 1), "substantiated", NULL), 0);
	resp_free(r);
	/* By the year of the tracking ids. */
	gmtime_r(&now, &tm);
	snprintf(year, sizeof(year), "%d", tm.tm_year + 1900);
	r = fx_call(s, &p.cora, "GET", NULL, 200, "/api/v1/complaints/statistics?year=%s", year);
	assert_int_equal(jint(resp_json(r), "total", NULL), 5);
	assert_int_equal(jint(resp_json(r), "year", NULL), tm.tm_year + 1900);
	resp_free(r);
	r = fx_call(s, &p.cora, "GET", NULL, 200, "/api/v1/complaints/statistics?year=2001");
	assert_int_equal(jint(resp_json(r), "total", NULL), 0);
	assert_int_equal(json_array_size(json_object_get(resp_json(r), "by_platform")), 0);
	resp_free(r);
	fx_done(fx_call(s, &p.cora, "GET", NULL, 400, "/api/v1/complaints/statistics?year=99"));

	/* The list's filters. */
	r = fx_call(s, &p.cora, "GET", NULL, 200, "/api/v1/complaints?state=closed");
	assert_int_equal(json_array_size(json_object_get(resp_json(r), "items")), 4);
	resp_free(r);
	r = fx_call(s, &p.cora, "GET", NULL, 200,
	    "/api/v1/complaints?category=sale_of_vulnerabilities");
	assert_int_equal(json_array_size(json_object_get(resp_json(r), "items")), 2);
	resp_free(r);
	r = fx_call(s, &p.cora, "GET", NULL, 200, "/api/v1/complaints?platform=bugmar");
	items = json_object_get(resp_json(r), "items");
	assert_int_equal(json_array_size(items), 1);
	assert_string_equal(fx_jstr(json_array_get(items, 0), "id"), d);
	assert_string_equal(fx_jstr(json_array_get(items, 0), "outcome"), "unsubstantiated");
	/* A list row carries no sealed part. */
	assert_null(json_object_get(json_array_get(items, 0), "description"));
	resp_free(r);
	r = fx_call(s, &p.cora, "GET", NULL, 200, "/api/v1/complaints?platform=%%25");
	assert_int_equal(json_array_size(json_object_get(resp_json(r), "items")), 0);
	resp_free(r);
	r = fx_call(s, &p.cora, "GET", NULL, 400, "/api/v1/complaints?state=open");
	assert_problem_field(r, 400, "state");
	resp_free(r);
	r = fx_call(s, &p.cora, "GET", NULL, 400, "/api/v1/complaints?category=spam");
	assert_problem_field(r, 400, "category");
	resp_free(r);
	/* Pages, newest first. */
	r = fx_call(s, &p.cora, "GET", NULL, 200, "/api/v1/complaints?limit=2");
	items = json_object_get(resp_json(r), "items");
	assert_int_equal(json_array_size(items), 2);
	assert_string_equal(fx_jstr(json_array_get(items, 0), "id"), e);
	assert_string_equal(fx_jstr(json_array_get(items, 1), "id"), d);
	snprintf(next, sizeof(next), "%s", resp_jstr(r, "next_cursor"));
	resp_free(r);
	r = fx_call(s, &p.cora, "GET", NULL, 200, "/api/v1/complaints?limit=2&cursor=%s", next);
	items = json_object_get(resp_json(r), "items");
	assert_int_equal(json_array_size(items), 2);
	assert_string_equal(fx_jstr(json_array_get(items, 0), "id"), c);
	assert_string_equal(fx_jstr(json_array_get(items, 1), "id"), b);
	resp_free(r);
}

/* The current tree size of the receipt log. */
static int64_t
log_size(struct srv *s)
{
	struct resp	*r = http(s, "GET", "/api/v1/log/sth", NULL, NULL);
	int64_t		 n;

	assert_status(r, 200);
	n = jint(resp_json(r), "tree_size", NULL);
	resp_free(r);
	return n;
}

static void
test_complaints__bad_input_names_the_field(void **state)
{
	struct staff	 p;
	struct srv	*s = registry(state, &p, NULL);
	struct resp	*r;
	char		*big, *body;
	json_t		*errs, *o;
	int64_t		 size = log_size(s);

	/* Missing platform. */
	r = complain(s, NULL, "{\"category\":\"other\",\"description\":\"x\"}", 400);
	assert_problem_field(r, 400, "platform_name");
	resp_free(r);
	r = complain(s, NULL, "{\"platform_name\":\" \",\"category\":\"other\","
	    "\"description\":\"x\"}", 400);
	assert_problem_field(r, 400, "platform_name");
	resp_free(r);
	/* Too long a text. */
	big = malloc(20002);
	assert_non_null(big);
	memset(big, 'a', 20001);
	big[20001] = '\0';
	body = complaint_body("VulnHub-X", "other", big, NULL);
	r = complain(s, NULL, body, 400);
	assert_problem_field(r, 400, "description");
	resp_free(r);
	free(body);
	/* Exactly the limit is fine. */
	big[20000] = '\0';
	body = complaint_body("VulnHub-X", "other", big, NULL);
	fx_done(complain(s, NULL, body, 201));
	free(body);
	free(big);
	size++;
	/* An unknown category. */
	r = complain(s, NULL, "{\"platform_name\":\"X\",\"category\":\"spam\","
	    "\"description\":\"x\"}", 400);
	assert_problem_field(r, 400, "category");
	resp_free(r);
	/* Every problem at once, the first named. */
	r = complain(s, NULL, "{\"platform_url\":\"javascript:alert(1)\",\"category\":\"spam\","
	    "\"contact\":\"a\\nb\"}", 400);
	assert_problem_field(r, 400, "platform_name");
	errs = json_object_get(resp_json(r), "errors");
	assert_int_equal(json_array_size(errs), 5);
	assert_contains(r->body, "\"platform_url\"");
	assert_contains(r->body, "\"contact\"");
	assert_contains(r->body, "\"description\"");
	resp_free(r);
	/* The body's shape. */
	r = complain(s, NULL, "{\"platform_name\":\"X\",\"category\":\"other\","
	    "\"description\":\"x\",\"evil\":1}", 400);
	assert_problem_field(r, 400, "evil");
	resp_free(r);
	r = complain(s, NULL, "{\"platform_name\":7,\"category\":\"other\",\"description\":\"x\"}",
	    400);
	assert_problem_field(r, 400, "platform_name");
	resp_free(r);
	r = complain(s, NULL, "[]", 400);
	assert_problem(r, 400);
	resp_free(r);
	/* Phone and e-mail complaints are recorded by staff only. */
	r = complain(s, NULL, "{\"platform_name\":\"X\",\"category\":\"other\","
	    "\"description\":\"x\",\"channel\":\"phone\"}", 403);
	assert_problem_field(r, 403, "channel");
	resp_free(r);
	r = complain(s, &p.rita, "{\"platform_name\":\"X\",\"category\":\"other\","
	    "\"description\":\"x\",\"channel\":\"email\"}", 403);
	assert_problem_field(r, 403, "channel");
	resp_free(r);
	r = complain(s, NULL, "{\"platform_name\":\"X\",\"category\":\"other\","
	    "\"description\":\"x\",\"channel\":\"fax\"}", 400);
	assert_problem_field(r, 400, "channel");
	resp_free(r);
	/* Nothing refused reached the log. */
	assert_int_equal(log_size(s), size);
	/* Staff record a call: linked to nobody, the leaf names who entered it. */
	r = complain(s, &p.cora, "{\"platform_name\":\"X\",\"category\":\"other\","
	    "\"description\":\"A caller says X sells bugs.\",\"channel\":\"phone\","
	    "\"contact\":\"010-5555 1234\"}", 201);
	o = json_object_get(resp_json(r), "receipt");
	{
		unsigned char	leaf[1024];
		size_t		n = b64_dec(fx_jstr(o, "leaf"), leaf, sizeof(leaf) - 1);

		leaf[n] = '\0';
		assert_contains((char *)leaf, "\"channel\":\"phone\"");
		assert_contains((char *)leaf, "\"submitter\":\"user:");
	}
	body = strdup(resp_jstr(r, "id"));
	resp_free(r);
	r = status_of(s, &p.cora, body, NULL);
	assert_string_equal(resp_jstr(r, "channel"), "phone");
	assert_string_equal(resp_jstr(r, "recorded_by"), "cora");
	assert_true(json_is_null(json_object_get(resp_json(r), "reporter")));
	assert_string_equal(resp_jstr(r, "contact"), "010-5555 1234");
	resp_free(r);
	free(body);
}

static void
test_complaints__throttled_per_address(void **state)
{
	struct staff	 p;
	struct srv	*s = registry(state, &p, NULL);
	struct resp	*r;
	int		 i;

	for (i = 0; i < THROTTLE_MAX; i++)
		fx_done(complain(s, NULL, "{\"platform_name\":\"Spam\",\"category\":\"other\","
		    "\"description\":\"again\"}", 201));
	r = complain(s, NULL, "{\"platform_name\":\"Spam\",\"category\":\"other\","
	    "\"description\":\"again\"}", 429);
	assert_problem(r, 429);
	assert_non_null(resp_header(r, "Retry-After"));
	assert_true(strtol(resp_header(r, "Retry-After"), NULL, 10) > 0);
	resp_free(r);
	/* The same address with an account is the same address. */
	fx_done(complain(s, &p.rita, "{\"platform_name\":\"Spam\",\"category\":\"other\","
	    "\"description\":\"again\"}", 429));
	/* Staff recording a call are not held back. */
	fx_done(complain(s, &p.cora, "{\"platform_name\":\"Spam\",\"category\":\"other\","
	    "\"description\":\"by phone\",\"channel\":\"phone\"}", 201));
}

static void
test_complaints__not_found_outside_a_registry(void **state)
{
	struct srv	*s = *state;
	struct cred	 cora, rita;
	struct resp	*r;
	char		 ck[300];
	const char	*const paths[] = { "/api/v1/complaints/channels",
			    "/api/v1/complaints/JB-2026-000001" };
	size_t		 i;

	srv_init(s);
	fx_person(s, "cora", "coordinator", NULL, "Cora", "cora@x.example", &cora);
	fx_person(s, "rita", "reporter", NULL, "Rita", "rita@x.example", &rita);
	srv_start(s, (const char *[]){ "LOUDONG_INSTANCE_ROLE=platform", NULL });
	r = complain(s, NULL, "{\"platform_name\":\"X\",\"category\":\"other\","
	    "\"description\":\"x\"}", 404);
	assert_problem(r, 404);
	resp_free(r);
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		r = api(s, "GET", paths[i], NULL, NULL, NULL);
		assert_problem(r, 404);
		resp_free(r);
	}
	fx_done(fx_call(s, &cora, "GET", NULL, 404, "/api/v1/complaints"));
	fx_done(fx_call(s, &cora, "GET", NULL, 404, "/api/v1/complaints/statistics"));
	fx_done(fx_call(s, &cora, "POST", "{}", 404, "/api/v1/complaints/JB-2026-000001/assign"));
	fx_done(fx_call(s, &cora, "POST", "{\"note\":\"x\"}", 404,
	    "/api/v1/complaints/JB-2026-000001/notes"));
	fx_done(fx_call(s, &cora, "POST", "{\"outcome\":\"withdrawn\",\"note\":\"x\"}", 404,
	    "/api/v1/complaints/JB-2026-000001/close"));
	/* The pages too, and no complaint link in the navigation. */
	r = web_page(s, "/complaints/new", NULL, NULL);
	assert_status(r, 404);
	resp_free(r);
	r = web_page(s, "/complaints/status", NULL, NULL);
	assert_status(r, 404);
	resp_free(r);
	web_login(s, "cora", TEST_PASSWORD, ck, sizeof(ck));
	r = web_page(s, "/staff/complaints", ck, NULL);
	assert_status(r, 404);
	resp_free(r);
	r = web_page(s, "/", ck, NULL);
	assert_status(r, 200);
	assert_not_contains(r->body, "/complaints/new");
	assert_not_contains(r->body, "/staff/complaints");
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
test_complaints__sealed_at_rest(void **state)
{
	struct staff	 p;
	struct srv	*s = registry(state, &p, NULL);
	struct resp	*r;
	char		 text[160], contact[80], note[80], outcome[80], platform[80], body[600];
	char		 id[32], rnd[17];
	unsigned char	 b[8];

	assert_true(sodium_init() >= 0);
	randombytes_buf(b, sizeof(b));
	sodium_bin2hex(rnd, sizeof(rnd), b, sizeof(b));
	snprintf(text, sizeof(text), "TEXT-%s-MARK the platform sells exploits", rnd);
	snprintf(contact, sizeof(contact), "CONTACT-%s-MARK", rnd);
	snprintf(note, sizeof(note), "NOTE-%s-MARK", rnd);
	snprintf(outcome, sizeof(outcome), "OUTCOME-%s-MARK", rnd);
	snprintf(platform, sizeof(platform), "PLATFORM-%s-MARK", rnd);
	snprintf(body, sizeof(body), "{\"platform_name\":\"%s\",\"category\":\"sale_of_"
	    "vulnerabilities\",\"description\":\"%s\",\"contact\":\"%s\"}", platform, text,
	    contact);
	r = complain(s, NULL, body, 201);
	snprintf(id, sizeof(id), "%s", resp_jstr(r, "id"));
	resp_free(r);
	fx_done(step(s, &p.tom, "{}", 200, id, "assign"));
	snprintf(body, sizeof(body), "{\"note\":\"%s\"}", note);
	fx_done(step(s, &p.tom, body, 201, id, "notes"));
	snprintf(body, sizeof(body), "{\"outcome\":\"referred\",\"note\":\"%s\"}", outcome);
	fx_done(step(s, &p.tom, body, 200, id, "close"));
	/* The server still has it all. */
	r = status_of(s, &p.tom, id, NULL);
	assert_contains(r->body, text);
	assert_contains(r->body, contact);
	assert_contains(r->body, note);
	assert_contains(r->body, outcome);
	resp_free(r);
	/* On disk, while it runs (WAL) and once it stopped: never in the clear. */
	assert_int_equal(files_holding(s->dir, "TEXT-"), 0);
	srv_stop(s);
	assert_int_equal(files_holding(s->dir, text), 0);
	assert_int_equal(files_holding(s->dir, contact), 0);
	assert_int_equal(files_holding(s->dir, note), 0);
	assert_int_equal(files_holding(s->dir, outcome), 0);
	/* The scan does find what is kept in the clear. */
	assert_true(files_holding(s->dir, platform) >= 1);
}

/* The hidden CSRF field of a page into out. */
static void
page_csrf(const struct resp *r, char *out, size_t outsz)
{
	assert_true(web_form_csrf(r->body, out, outsz));
}

/* What follows key in hay up to the next '<', into out. */
static void
text_after(const char *hay, const char *key, char *out, size_t outsz)
{
	const char	*p = strstr(hay, key), *e;

	if (p == NULL)
		fail_msg("'%s' not in the page", key);
	p += strlen(key);
	e = strchr(p, '<');
	assert_non_null(e);
	assert_true((size_t)(e - p) < outsz);
	memcpy(out, p, (size_t)(e - p));
	out[e - p] = '\0';
}

static void
test_complaints__web_form_receipt_and_staff_pages(void **state)
{
	struct staff	 p;
	struct srv	*s = registry(state, &p, (const char *[]){
			    "LOUDONG_COMPLAINTS_PHONE=010-1234 5678",
			    "LOUDONG_COMPLAINTS_EMAIL=jubao@nvdb.example", NULL });
	struct resp	*r;
	struct web_form	 f;
	char		 ck[128], cookie[300], csrf[160], id[32], tok[64], path[128], rita[300];
	char		 link[128];
	char		 cora[300];

	/* The public form, with the published channels; not a cached public answer. */
	r = web_page(s, "/complaints/new", NULL, NULL);
	assert_status(r, 200);
	assert_contains(r->body, "举报漏洞收集平台");
	assert_contains(r->body, "010-1234 5678");
	assert_contains(r->body, "jubao@nvdb.example");
	assert_contains(r->body, "name=\"platform_name\"");
	assert_contains(r->body, "value=\"sale_of_vulnerabilities\"");
	assert_not_contains(r->body, "name=\"channel\"");
	assert_not_contains(r->body, "name=\"anonymous\"");
	assert_true(resp_cookie(r, "ld_csrf", ck, sizeof(ck)));
	page_csrf(r, csrf, sizeof(csrf));
	resp_free(r);
	r = web_page(s, "/complaints/new", NULL, "en");
	assert_contains(r->body, "Report a vulnerability collection platform");
	resp_free(r);
	snprintf(cookie, sizeof(cookie), "ld_csrf=%s", ck);

	/* Refused: each problem beside its field, what was typed kept. */
	memset(&f, 0, sizeof(f));
	web_form_add(&f, "csrf", csrf);
	web_form_add(&f, "platform_name", "");
	web_form_add(&f, "category", "spam");
	web_form_add(&f, "description", "<b>kept</b>");
	r = web_post_form(s, "/complaints/new", cookie, &f, NULL);
	assert_status(r, 422);
	assert_contains(r->body, "id=\"f-platform_name-error\"");
	assert_contains(r->body, "id=\"f-category-error\"");
	assert_contains(r->body, "&lt;b&gt;kept&lt;/b&gt;");
	assert_not_contains(r->body, "<b>kept</b>");
	resp_free(r);
	/* Without the CSRF token: refused. */
	memset(&f, 0, sizeof(f));
	web_form_add(&f, "platform_name", "X");
	r = web_post_form(s, "/complaints/new", cookie, &f, NULL);
	assert_status(r, 403);
	resp_free(r);

	/* Accepted: the receipt, with the token shown once. */
	memset(&f, 0, sizeof(f));
	web_form_add(&f, "csrf", csrf);
	web_form_add(&f, "platform_name", "<script>alert(1)</script> Hub");
	web_form_add(&f, "platform_url", "https://hub.example/");
	web_form_add(&f, "category", "unauthorised_publication");
	web_form_add(&f, "description", "They published \"0-day\" <img src=x onerror=alert(2)>.");
	web_form_add(&f, "contact", "anon@example.org");
	r = web_post_form(s, "/complaints/new", cookie, &f, NULL);
	assert_status(r, 201);
	assert_string_equal(resp_header(r, "Cache-Control"), "no-store");
	text_after(r->body, "<code class=\"complaint-id\">", id, sizeof(id));
	text_after(r->body, "<code class=\"hash status-token\">", tok, sizeof(tok));
	assert_true(fx_matches(id, ID_RE));
	assert_true(fx_matches(tok, TOKEN_RE));
	assert_contains(r->body, "class=\"leaf-index\"");
	assert_contains(r->body, "&quot;channel&quot;:&quot;web&quot;");
	assert_contains(r->body, "&quot;submitter&quot;:&quot;anonymous&quot;");
	resp_free(r);

	/* The status lookup: right token, wrong token. */
	r = web_page(s, "/complaints/status", cookie, NULL);
	assert_status(r, 200);
	page_csrf(r, csrf, sizeof(csrf));
	resp_free(r);
	memset(&f, 0, sizeof(f));
	web_form_add(&f, "csrf", csrf);
	web_form_add(&f, "id", id);
	web_form_add(&f, "token", tok);
	r = web_post_form(s, "/complaints/status", cookie, &f, NULL);
	assert_status(r, 200);
	assert_contains(r->body, "已提交");
	assert_contains(r->body, "&lt;script&gt;alert(1)&lt;/script&gt; Hub");
	assert_not_contains(r->body, "<script>alert(1)");
	assert_not_contains(r->body, tok);	/* a secret is never echoed */
	assert_not_contains(r->body, "onerror");
	resp_free(r);
	memset(&f, 0, sizeof(f));
	web_form_add(&f, "csrf", csrf);
	web_form_add(&f, "id", id);
	web_form_add(&f, "token", "ldc_wrong");
	r = web_post_form(s, "/complaints/status", cookie, &f, NULL);
	assert_status(r, 404);
	assert_contains(r->body, "id=\"f-token-error\"");
	assert_not_contains(r->body, "已提交");
	resp_free(r);

	/* The staff's pages: not for a reporter. */
	web_login(s, "rita", TEST_PASSWORD, rita, sizeof(rita));
	r = web_page(s, "/staff/complaints", rita, NULL);
	assert_status(r, 403);
	resp_free(r);
	snprintf(path, sizeof(path), "/staff/complaints/%s", id);
	r = web_page(s, path, rita, NULL);
	assert_status(r, 403);
	resp_free(r);
	/* A reporter's navigation offers the form; a coordinator's, the list. */
	r = web_page(s, "/", rita, NULL);
	assert_contains(r->body, "href=\"/complaints/new\"");
	assert_not_contains(r->body, "href=\"/staff/complaints\"");
	resp_free(r);
	web_login(s, "cora", TEST_PASSWORD, cora, sizeof(cora));
	/* The staff's notice of it links to its page. */
	r = web_page(s, "/cases", cora, NULL);
	assert_status(r, 200);
	snprintf(link, sizeof(link), "href=\"/staff/complaints/%s\"", id);
	assert_contains(r->body, link);
	resp_free(r);
	r = web_page(s, "/staff/complaints", cora, NULL);
	assert_status(r, 200);
	assert_contains(r->body, "href=\"/staff/complaints\"");
	assert_contains(r->body, id);
	assert_contains(r->body, "&lt;script&gt;alert(1)&lt;/script&gt; Hub");
	assert_not_contains(r->body, "<script>alert(1)");
	assert_contains(r->body, "complaint-stats");
	resp_free(r);
	r = web_page(s, "/staff/complaints?state=closed", cora, NULL);
	assert_status(r, 200);
	assert_not_contains(r->body, id);
	resp_free(r);

	/* One complaint: the text escaped, the forms. */
	r = web_page(s, path, cora, "en");
	assert_status(r, 200);
	assert_contains(r->body, "&lt;img src=x onerror=alert(2)&gt;");
	assert_not_contains(r->body, "<img src=x");
	assert_contains(r->body, "anon@example.org");
	assert_contains(r->body, "hub.example");
	assert_not_contains(r->body, "href=\"https://hub.example/\"");
	assert_contains(r->body, "/assign\"");
	assert_not_contains(r->body, "/notes\"");	/* not before it is assigned */
	page_csrf(r, csrf, sizeof(csrf));
	resp_free(r);
	/* Assign to tom: post, redirect, get. */
	memset(&f, 0, sizeof(f));
	web_form_add(&f, "csrf", csrf);
	web_form_add(&f, "assignee", "tom");
	snprintf(path, sizeof(path), "/staff/complaints/%s/assign", id);
	r = web_post_form(s, path, cora, &f, NULL);
	assert_status(r, 303);
	assert_contains(resp_header(r, "Location"), "done=assigned");
	resp_free(r);
	/* A refused close: the page again, the problem beside the note. */
	memset(&f, 0, sizeof(f));
	web_form_add(&f, "csrf", csrf);
	web_form_add(&f, "outcome", "referred");
	web_form_add(&f, "note", "");
	snprintf(path, sizeof(path), "/staff/complaints/%s/close", id);
	r = web_post_form(s, path, cora, &f, NULL);
	assert_status(r, 422);
	assert_contains(r->body, "id=\"f-close-note-error\"");
	assert_not_contains(r->body, "id=\"f-note-error\"");
	resp_free(r);
	/* A note, then closing. */
	memset(&f, 0, sizeof(f));
	web_form_add(&f, "csrf", csrf);
	web_form_add(&f, "note", "Checked <the> post.");
	snprintf(path, sizeof(path), "/staff/complaints/%s/notes", id);
	r = web_post_form(s, path, cora, &f, NULL);
	assert_status(r, 303);
	resp_free(r);
	memset(&f, 0, sizeof(f));
	web_form_add(&f, "csrf", csrf);
	web_form_add(&f, "outcome", "substantiated");
	web_form_add(&f, "note", "Rectification ordered.");
	r = web_post_form(s, "/staff/complaints/x/close", cora, &f, NULL);
	assert_status(r, 404);
	resp_free(r);
	snprintf(path, sizeof(path), "/staff/complaints/%s/close", id);
	r = web_post_form(s, path, cora, &f, NULL);
	assert_status(r, 303);
	resp_free(r);
	snprintf(path, sizeof(path), "/staff/complaints/%s?done=closed", id);
	r = web_page(s, path, cora, NULL);
	assert_status(r, 200);
	assert_contains(r->body, "举报已办结。");
	assert_contains(r->body, "举报属实");
	assert_contains(r->body, "Checked &lt;the&gt; post.");
	assert_contains(r->body, "Rectification ordered.");
	assert_not_contains(r->body, "/assign\"");
	resp_free(r);
	/* A reporter posting a staff form: refused. */
	memset(&f, 0, sizeof(f));
	web_form_add(&f, "csrf", csrf);
	web_form_add(&f, "assignee", "");
	snprintf(path, sizeof(path), "/staff/complaints/%s/assign", id);
	r = web_post_form(s, path, rita, &f, NULL);
	assert_status(r, 403);
	resp_free(r);

	/* Staff record a phone complaint on the same form. */
	r = web_page(s, "/complaints/new", cora, NULL);
	assert_contains(r->body, "name=\"channel\"");
	assert_contains(r->body, "name=\"anonymous\"");
	page_csrf(r, csrf, sizeof(csrf));
	resp_free(r);
	memset(&f, 0, sizeof(f));
	web_form_add(&f, "csrf", csrf);
	web_form_add(&f, "platform_name", "Caller's platform");
	web_form_add(&f, "category", "other");
	web_form_add(&f, "description", "Told by phone.");
	web_form_add(&f, "channel", "phone");
	r = web_post_form(s, "/complaints/new", cora, &f, NULL);
	assert_status(r, 201);
	assert_contains(r->body, "&quot;channel&quot;:&quot;phone&quot;");
	resp_free(r);
	/* A reporter cannot pretend to be the phone line. */
	r = web_page(s, "/complaints/new", rita, NULL);
	page_csrf(r, csrf, sizeof(csrf));
	resp_free(r);
	memset(&f, 0, sizeof(f));
	web_form_add(&f, "csrf", csrf);
	web_form_add(&f, "platform_name", "P");
	web_form_add(&f, "category", "other");
	web_form_add(&f, "description", "x");
	web_form_add(&f, "channel", "phone");
	r = web_post_form(s, "/complaints/new", rita, &f, NULL);
	assert_status(r, 422);
	/* No such control on a reporter's form: the refusal heads the form. */
	assert_contains(r->body, "只有漏洞库工作人员可以登记");
	resp_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_complaints__anonymous_receipt_and_status,
		    srv_setup, srv_teardown),
		cmocka_unit_test_setup_teardown(test_complaints__staff_workflow, srv_setup,
		    srv_teardown),
		cmocka_unit_test_setup_teardown(test_complaints__statistics_and_filters,
		    srv_setup, srv_teardown),
		cmocka_unit_test_setup_teardown(test_complaints__bad_input_names_the_field,
		    srv_setup, srv_teardown),
		cmocka_unit_test_setup_teardown(test_complaints__throttled_per_address,
		    srv_setup, srv_teardown),
		cmocka_unit_test_setup_teardown(test_complaints__not_found_outside_a_registry,
		    srv_setup, srv_teardown),
		cmocka_unit_test_setup_teardown(test_complaints__sealed_at_rest, srv_setup,
		    srv_teardown),
		cmocka_unit_test_setup_teardown(test_complaints__web_form_receipt_and_staff_pages,
		    srv_setup, srv_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
