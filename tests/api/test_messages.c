/*
 * The conversation of a case (issue 5, R42, Art. 11): who sees which
 * message, who may say what to whom, inbound messages on the receipt log
 * (R2), sealed bodies and attachments, the reporter's answer to triage's
 * question, the retest of a fix, and the report's progress thread.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "harness.h"

#define BOUNDARY	"----loudong-test-boundary-7d1f"

/* The accounts of a conversation. */
struct people {
	struct cred	rita;	/* the reporter of the case's report */
	struct cred	ron;	/* another reporter, no part in the case */
	struct cred	tom;	/* triager (staff) */
	struct cred	vera;	/* vendor member of acme, a vendor of the case */
	struct cred	bob;	/* vendor member of beta, not in the case */
};

static void
org_add(struct srv *s, const char *slug, const char *name)
{
	assert_int_equal(srv_cli(s, NULL, NULL, 0, (const char *[]){ "org", "add",
	    "--data-dir", s->dir, "--slug", slug, "--name", name, "--kind", "provider",
	    "--country", "CN", NULL }), 0);
}

static void
boot(struct srv *s, struct people *p)
{
	srv_init(s);
	org_add(s, "acme", "Acme Networks");
	org_add(s, "beta", "Beta Devices");
	srv_user_add(s, "rita", "reporter", NULL, "Rita Reporter", TEST_PASSWORD);
	srv_user_add(s, "ron", "reporter", NULL, NULL, TEST_PASSWORD);
	srv_user_add(s, "tom", "triager", NULL, "Tom Triager", TEST_PASSWORD);
	srv_user_add(s, "vera", "vendor", "acme", "Vera Vendor", TEST_PASSWORD);
	srv_user_add(s, "bob", "vendor", "beta", NULL, TEST_PASSWORD);
	memset(p, 0, sizeof(*p));
	srv_token_create(s, "rita", p->rita.bearer, sizeof(p->rita.bearer));
	srv_token_create(s, "ron", p->ron.bearer, sizeof(p->ron.bearer));
	srv_token_create(s, "tom", p->tom.bearer, sizeof(p->tom.bearer));
	srv_token_create(s, "vera", p->vera.bearer, sizeof(p->vera.bearer));
	srv_token_create(s, "bob", p->bob.bearer, sizeof(p->bob.bearer));
	srv_start(s, NULL);
}

/* Submit a report as who; its id into id. */
static void
submit(struct srv *s, const struct cred *who, const char *title, char id[32])
{
	char		 body[512];
	struct resp	*r;

	snprintf(body, sizeof(body), "{\"title\":\"%s\",\"kind\":\"generic\",\"vendor\":\"Acme\","
	    "\"product\":\"Router\",\"description\":\"Details.\"}", title);
	r = api(s, "POST", "/api/v1/reports", who, body, NULL);
	assert_status(r, 201);
	snprintf(id, 32, "%s", resp_jstr(r, "id"));
	resp_free(r);
}

/* rita's report accepted into a new case with acme as its vendor; the case id into case_id. */
static void
make_case(struct srv *s, const struct people *p, char report[32], char case_id[64])
{
	char		 path[160];
	struct resp	*r;

	submit(s, &p->rita, "Overflow in the router", report);
	snprintf(path, sizeof(path), "/api/v1/reports/%s/triage", report);
	r = api(s, "POST", path, &p->tom, "{\"decision\":\"accept\"}", NULL);
	assert_status(r, 200);
	snprintf(case_id, 64, "%s", resp_jstr(r, "case"));
	resp_free(r);
	snprintf(path, sizeof(path), "/api/v1/cases/%s/vendors", case_id);
	r = api(s, "POST", path, &p->tom, "{\"org\":\"acme\"}", NULL);
	assert_status(r, 201);
	resp_free(r);
}

/* POST a message as who; the response (caller frees). */
static struct resp *
post(struct srv *s, const struct cred *who, const char *case_id, const char *body)
{
	char	path[160];

	snprintf(path, sizeof(path), "/api/v1/cases/%s/messages", case_id);
	return api(s, "POST", path, who, body, NULL);
}

/* Post body with visibility vis (NULL: default) as who, expecting 201; its id. */
static json_int_t
post_ok(struct srv *s, const struct cred *who, const char *case_id, const char *text,
    const char *vis, const char *want_vis)
{
	json_t		*o;
	char		*body;
	struct resp	*r;
	json_int_t	 id;

	o = vis != NULL ? json_pack("{s:s, s:s}", "body", text, "visibility", vis) :
	    json_pack("{s:s}", "body", text);
	body = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	r = post(s, who, case_id, body);
	free(body);
	assert_status(r, 201);
	assert_string_equal(resp_jstr(r, "body"), text);
	assert_string_equal(resp_jstr(r, "visibility"), want_vis);
	assert_string_equal(resp_jstr(r, "kind"), "message");
	assert_string_equal(resp_jstr(r, "case"), case_id);
	id = json_integer_value(json_object_get(resp_json(r), "id"));
	assert_true(id > 0);
	resp_free(r);
	return id;
}

static json_int_t
tree_size(struct srv *s)
{
	struct resp	*r = api(s, "GET", "/api/v1/log/sth", NULL, NULL, NULL);
	json_int_t	 n;

	assert_status(r, 200);
	n = json_integer_value(json_object_get(resp_json(r), "tree_size"));
	resp_free(r);
	return n;
}

/* GET the messages of case_id as who, expecting 200; the response (caller frees). */
static struct resp *
list(struct srv *s, const struct cred *who, const char *case_id)
{
	char		 path[160];
	struct resp	*r;

	snprintf(path, sizeof(path), "/api/v1/cases/%s/messages", case_id);
	r = api(s, "GET", path, who, NULL, NULL);
	assert_status(r, 200);
	return r;
}

/* The bodies of a listing, joined by '|' in order, into out. */
static const char *
bodies(struct resp *r, char *out, size_t outsz)
{
	json_t	*items = json_object_get(resp_json(r), "items"), *m;
	size_t	 i, n = 0;

	out[0] = '\0';
	json_array_foreach(items, i, m)
		n += (size_t)snprintf(out + n, outsz - n, "%s%s", i ? "|" : "",
		    json_string_value(json_object_get(m, "body")));
	return out;
}

static bool
audit_has(struct srv *s, const struct cred *admin, const char *action, const char *subject)
{
	struct resp	*r;
	json_t		*e;
	size_t		 i;
	bool		 found = false;

	r = api(s, "GET", "/api/v1/admin/audit?limit=200", admin, NULL, NULL);
	assert_status(r, 200);
	json_array_foreach(json_object_get(resp_json(r), "items"), i, e)
		if (strcmp(json_string_value(json_object_get(e, "action")), action) == 0 &&
		    strcmp(json_string_value(json_object_get(e, "subject")), subject) == 0)
			found = true;
	resp_free(r);
	return found;
}

static void
test_messages__visibility_need_to_know(void **state)
{
	struct srv	*s = *state;
	struct people	 p;
	struct cred	 admin;
	struct resp	*r;
	json_t		*m;
	char		 report[32], case_id[64], got[2048], subject[96], out[4096];
	json_int_t	 size, leaf1, leaf2;
	int		 rc;

	boot(s, &p);
	make_case(s, &p, report, case_id);

	/* Staff say anything to anyone; no leaf for what the platform says. */
	post_ok(s, &p.tom, case_id, "T-internal", "internal", "internal");
	post_ok(s, &p.tom, case_id, "T-participants", "participants", "participants");
	post_ok(s, &p.tom, case_id, "T-reporter", "reporter", "reporter");
	post_ok(s, &p.tom, case_id, "T-acme", "vendor:acme", "vendor:acme");
	post_ok(s, &p.tom, case_id, "T-default", NULL, "internal");
	r = post(s, &p.tom, case_id, "{\"body\":\"x\",\"visibility\":\"vendor:beta\"}");
	assert_problem_field(r, 400, "visibility");
	resp_free(r);
	r = post(s, &p.tom, case_id, "{\"body\":\"x\",\"visibility\":\"internal\"}");
	assert_status(r, 201);
	assert_true(json_is_null(json_object_get(resp_json(r), "leaf_index")));
	assert_string_equal(json_string_value(json_object_get(json_object_get(resp_json(r),
	    "author"), "login")), "tom");
	resp_free(r);

	/* A vendor's message is inbound: a leaf on the receipt log. */
	size = tree_size(s);
	r = post(s, &p.vera, case_id, "{\"body\":\"V-participants\",\"visibility\":\"participants\"}");
	assert_status(r, 201);
	m = json_object_get(resp_json(r), "leaf_index");
	assert_true(json_is_integer(m));
	leaf1 = json_integer_value(m);
	assert_int_equal(leaf1, size);
	assert_int_equal(strlen(resp_jstr(r, "body_sha256")), 64);
	assert_string_equal(json_string_value(json_object_get(json_object_get(resp_json(r),
	    "author"), "org")), "acme");
	resp_free(r);
	assert_int_equal(tree_size(s), size + 1);
	post_ok(s, &p.vera, case_id, "V-own", NULL, "vendor:acme");
	assert_int_equal(tree_size(s), size + 2);
	/* ...but not to staff alone, nor to another vendor. */
	r = post(s, &p.vera, case_id, "{\"body\":\"x\",\"visibility\":\"internal\"}");
	assert_problem_rule(r, 403, "R42");
	assert_problem_field(r, 403, "visibility");
	resp_free(r);
	r = post(s, &p.vera, case_id, "{\"body\":\"x\",\"visibility\":\"vendor:beta\"}");
	assert_problem_rule(r, 403, "R42");
	resp_free(r);
	r = post(s, &p.vera, case_id, "{\"body\":\"x\",\"visibility\":\"reporter\"}");
	assert_problem_rule(r, 403, "R42");
	resp_free(r);

	/* The reporter writes to the coordinators, also with a leaf. */
	r = post(s, &p.rita, case_id, "{\"body\":\"R-hello\"}");
	assert_status(r, 201);
	assert_string_equal(resp_jstr(r, "visibility"), "reporter");
	leaf2 = json_integer_value(json_object_get(resp_json(r), "leaf_index"));
	assert_int_equal(leaf2, size + 2);
	resp_free(r);
	assert_int_equal(tree_size(s), size + 3);
	r = post(s, &p.rita, case_id, "{\"body\":\"x\",\"visibility\":\"participants\"}");
	assert_problem_rule(r, 403, "R42");
	resp_free(r);
	assert_int_equal(tree_size(s), size + 3);

	/* Who sees what. */
	r = list(s, &p.tom, case_id);
	assert_string_equal(bodies(r, got, sizeof(got)), "T-internal|T-participants|T-reporter|"
	    "T-acme|T-default|x|V-participants|V-own|R-hello");
	resp_free(r);
	r = list(s, &p.vera, case_id);
	assert_string_equal(bodies(r, got, sizeof(got)), "T-participants|T-acme|"
	    "V-participants|V-own");
	resp_free(r);
	r = list(s, &p.rita, case_id);
	assert_string_equal(bodies(r, got, sizeof(got)), "T-participants|T-reporter|"
	    "V-participants|R-hello");
	resp_free(r);

	/* No part in the case, no case. */
	snprintf(got, sizeof(got), "/api/v1/cases/%s/messages", case_id);
	r = api(s, "GET", got, &p.bob, NULL, NULL);
	assert_problem_field(r, 404, "id");
	resp_free(r);
	r = api(s, "GET", got, &p.ron, NULL, NULL);
	assert_problem(r, 404);
	resp_free(r);
	r = post(s, &p.bob, case_id, "{\"body\":\"x\",\"visibility\":\"participants\"}");
	assert_problem(r, 404);
	resp_free(r);
	r = api(s, "GET", "/api/v1/cases/LD-C-2026-999999/messages", &p.tom, NULL, NULL);
	assert_problem(r, 404);
	resp_free(r);
	r = api(s, "GET", got, NULL, NULL, NULL);
	assert_problem(r, 401);
	resp_free(r);

	/* Staff and vendor reads are audited; the timeline has the posts, not the bodies. */
	srv_admin_session(s, "a much better admin password", &admin);
	snprintf(subject, sizeof(subject), "case:%s", case_id);
	assert_true(audit_has(s, &admin, "case.messages.read", subject));
	assert_true(audit_has(s, &admin, "case.message", subject));
	snprintf(got, sizeof(got), "/api/v1/cases/%s/timeline", case_id);
	r = api(s, "GET", got, &p.tom, NULL, NULL);
	assert_status(r, 200);
	assert_contains(r->body, "\"event\":\"message\"");
	assert_contains(r->body, "visibility=vendor:acme");
	assert_not_contains(r->body, "V-participants");
	resp_free(r);

	/* The log still verifies with the message leaves in it. */
	rc = srv_cli(s, NULL, out, sizeof(out), (const char *const[]){ "log", "verify",
	    "--data-dir", s->dir, NULL });
	if (rc != 0)
		fail_msg("'loudong log verify' exited %d: %s", rc, out);
	assert_non_null(strstr(out, "ok:"));
}

struct buf {
	char	*p;
	size_t	 n, cap;
};

static void
buf_add(struct buf *b, const void *p, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		while (b->n + n + 1 > b->cap)
			b->cap = b->cap ? b->cap * 2 : 4096;
		b->p = realloc(b->p, b->cap);
		assert_non_null(b->p);
	}
	memcpy(b->p + b->n, p, n);
	b->n += n;
	b->p[b->n] = '\0';
}

static void
buf_str(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

/* multipart/form-data: a "message" JSON part and one file. */
static struct resp *
post_multipart(struct srv *s, const struct cred *who, const char *case_id, const char *json,
    const char *filename, const void *data, size_t len)
{
	struct buf	 b = { 0 };
	char		 auth[200], path[160];
	const char	*hdrs[] = { "Content-Type: multipart/form-data; boundary=" BOUNDARY,
			    auth, NULL };
	struct http_req	 rq = { "POST", path, hdrs, NULL, 0, 0, 0 };
	struct resp	*r;

	snprintf(auth, sizeof(auth), "Authorization: Bearer %s", who->bearer);
	snprintf(path, sizeof(path), "/api/v1/cases/%s/messages", case_id);
	buf_str(&b, "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"message\"\r\n\r\n");
	buf_str(&b, json);
	buf_str(&b, "\r\n--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"files[]\"; "
	    "filename=\"");
	buf_str(&b, filename);
	buf_str(&b, "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
	buf_add(&b, data, len);
	buf_str(&b, "\r\n--" BOUNDARY "--\r\n");
	rq.body = b.p;
	rq.body_len = b.n;
	r = http_do(s, &rq);
	free(b.p);
	return r;
}

static bool
mem_has(const unsigned char *p, size_t n, const char *needle)
{
	size_t	k = strlen(needle), i;

	for (i = 0; k <= n && i <= n - k; i++)
		if (memcmp(p + i, needle, k) == 0)
			return true;
	return false;
}

/* How many regular files under dir contain needle; *files counts those read. */
static size_t
scan_tree(const char *dir, const char *needle, size_t *files)
{
	struct dirent	*de;
	struct stat	 sb;
	DIR		*d;
	char		 p[512];
	size_t		 found = 0;

	d = opendir(dir);
	if (d == NULL)
		fail_msg("opendir %s: %s", dir, strerror(errno));
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		assert_true((size_t)snprintf(p, sizeof(p), "%s/%s", dir, de->d_name) <
		    sizeof(p));
		assert_int_equal(lstat(p, &sb), 0);
		if (S_ISDIR(sb.st_mode))
			found += scan_tree(p, needle, files);
		else if (S_ISREG(sb.st_mode)) {
			unsigned char	*data = malloc((size_t)sb.st_size + 1);
			size_t		 got = 0;
			ssize_t		 n;
			int		 fd = open(p, O_RDONLY | O_CLOEXEC);

			assert_true(fd >= 0);
			assert_non_null(data);
			while ((n = read(fd, data + got, (size_t)sb.st_size - got)) > 0)
				got += (size_t)n;
			close(fd);
			(*files)++;
			if (mem_has(data, got, needle))
				found++;
			free(data);
		}
	}
	closedir(d);
	return found;
}

static void
test_messages__attachments_sealed_at_rest(void **state)
{
	struct srv	*s = *state;
	struct people	 p;
	struct resp	*r, *d;
	json_t		*at, *o;
	char		 report[32], case_id[64], path[256], marker[64], file[128], json[512];
	char		 b64[256], rnd[9];
	size_t		 files = 0;
	json_int_t	 mid, aid;

	randombytes_buf(rnd, 4);
	snprintf(marker, sizeof(marker), "MSG-SECRET-%02x%02x%02x%02x-MARK",
	    (unsigned char)rnd[0], (unsigned char)rnd[1], (unsigned char)rnd[2],
	    (unsigned char)rnd[3]);
	snprintf(file, sizeof(file), "crash log: %s\n", marker);
	boot(s, &p);
	make_case(s, &p, report, case_id);

	/* Multipart: the message JSON and a file; the body holds the marker too. */
	snprintf(json, sizeof(json), "{\"body\":\"See the **log**: %s\"}", marker);
	r = post_multipart(s, &p.rita, case_id, json, "crash.txt", file, strlen(file));
	assert_status(r, 201);
	o = resp_json(r);
	mid = json_integer_value(json_object_get(o, "id"));
	at = json_array_get(json_object_get(o, "attachments"), 0);
	assert_non_null(at);
	assert_string_equal(json_string_value(json_object_get(at, "filename")), "crash.txt");
	assert_int_equal(json_integer_value(json_object_get(at, "size")), strlen(file));
	assert_string_equal(json_string_value(json_object_get(at, "mime")), "text/plain");
	aid = json_integer_value(json_object_get(at, "id"));
	assert_true(json_is_integer(json_object_get(o, "leaf_index")));
	resp_free(r);

	/* It round-trips, always as a download. */
	snprintf(path, sizeof(path), "/api/v1/cases/%s/messages/%" JSON_INTEGER_FORMAT
	    "/attachments/%" JSON_INTEGER_FORMAT, case_id, mid, aid);
	d = api(s, "GET", path, &p.rita, NULL, NULL);
	assert_status(d, 200);
	assert_int_equal(d->len, strlen(file));
	assert_memory_equal(d->body, file, strlen(file));
	assert_true(contains_ci(resp_header(d, "Content-Disposition"), "attachment"));
	assert_string_equal(resp_header(d, "X-Loudong-Sniffed-Type"), "text/plain");
	assert_true(contains_ci(resp_header(d, "Content-Type"), "application/octet-stream"));
	resp_free(d);
	d = api(s, "GET", path, &p.tom, NULL, NULL);
	assert_status(d, 200);
	assert_memory_equal(d->body, file, strlen(file));
	resp_free(d);
	/* A reporter's message is not the vendor's to read, nor its files. */
	d = api(s, "GET", path, &p.vera, NULL, NULL);
	assert_problem(d, 404);
	resp_free(d);
	d = api(s, "GET", path, &p.ron, NULL, NULL);
	assert_problem(d, 404);
	resp_free(d);
	snprintf(path, sizeof(path), "/api/v1/cases/%s/messages/%" JSON_INTEGER_FORMAT
	    "/attachments/%" JSON_INTEGER_FORMAT, case_id, mid, aid + 100);
	d = api(s, "GET", path, &p.rita, NULL, NULL);
	assert_problem(d, 404);
	resp_free(d);

	/* JSON with base64 attachments, from the vendor to everyone. */
	sodium_bin2base64(b64, sizeof(b64), (const unsigned char *)file, strlen(file),
	    sodium_base64_VARIANT_ORIGINAL);
	snprintf(json, sizeof(json), "{\"body\":\"patch notes\",\"visibility\":\"participants\","
	    "\"attachments\":[{\"filename\":\"n.txt\",\"content_base64\":\"%s\"}]}", b64);
	r = post(s, &p.vera, case_id, json);
	assert_status(r, 201);
	mid = json_integer_value(json_object_get(resp_json(r), "id"));
	aid = json_integer_value(json_object_get(json_array_get(json_object_get(resp_json(r),
	    "attachments"), 0), "id"));
	resp_free(r);
	snprintf(path, sizeof(path), "/api/v1/cases/%s/messages/%" JSON_INTEGER_FORMAT
	    "/attachments/%" JSON_INTEGER_FORMAT, case_id, mid, aid);
	d = api(s, "GET", path, &p.rita, NULL, NULL);
	assert_status(d, 200);
	assert_memory_equal(d->body, file, strlen(file));
	resp_free(d);

	/* The server has it; the disk does not, running or stopped. */
	r = list(s, &p.rita, case_id);
	assert_contains(r->body, marker);
	resp_free(r);
	assert_int_equal(scan_tree(s->dir, marker, &files), 0);
	srv_stop(s);
	files = 0;
	assert_int_equal(scan_tree(s->dir, marker, &files), 0);
	assert_true(files >= 2);
	/* The scan does see what is stored in the clear. */
	assert_true(scan_tree(s->dir, "Overflow in the router", &files) >= 1);
}

static const char *
status_of(struct srv *s, const struct cred *who, const char *id, char buf[32])
{
	char		 path[96];
	struct resp	*r;

	snprintf(path, sizeof(path), "/api/v1/reports/%s", id);
	r = api(s, "GET", path, who, NULL, NULL);
	assert_status(r, 200);
	snprintf(buf, 32, "%s", resp_jstr(r, "status"));
	resp_free(r);
	return buf;
}

static struct resp *
reply(struct srv *s, const struct cred *who, const char *id, const char *body)
{
	char	path[96];

	snprintf(path, sizeof(path), "/api/v1/reports/%s/reply", id);
	return api(s, "POST", path, who, body, NULL);
}

static void
test_messages__needs_info_reply(void **state)
{
	struct srv	*s = *state;
	struct people	 p;
	struct resp	*r;
	json_t		*items, *m;
	char		 a[32], path[96], st[32];
	json_int_t	 size;

	boot(s, &p);
	submit(s, &p.rita, "Unclear crash", a);

	/* Nothing was asked: nothing to answer. */
	r = reply(s, &p.rita, a, "{\"body\":\"Firmware 2.1\"}");
	assert_problem_rule(r, 409, "R34");
	assert_problem_field(r, 409, "status");
	resp_free(r);

	snprintf(path, sizeof(path), "/api/v1/reports/%s/triage", a);
	r = api(s, "POST", path, &p.tom, "{\"decision\":\"needs_info\","
	    "\"reason\":\"Which firmware?\"}", NULL);
	assert_status(r, 200);
	resp_free(r);
	assert_string_equal(status_of(s, &p.rita, a, st), "needs_info");

	/* Only the report's own reporter answers; the body is checked. */
	r = reply(s, &p.ron, a, "{\"body\":\"Firmware 2.1\"}");
	assert_problem(r, 404);
	resp_free(r);
	r = reply(s, &p.tom, a, "{\"body\":\"Firmware 2.1\"}");
	assert_problem(r, 404);
	resp_free(r);
	r = reply(s, &p.rita, a, "{\"body\":\"   \"}");
	assert_problem_field(r, 400, "body");
	resp_free(r);
	r = reply(s, &p.rita, a, "{\"body\":\"x\",\"visibility\":\"participants\"}");
	assert_problem(r, 400);
	resp_free(r);
	assert_string_equal(status_of(s, &p.rita, a, st), "needs_info");

	size = tree_size(s);
	r = reply(s, &p.rita, a, "{\"body\":\"Firmware **2.1**, build 7.\"}");
	assert_status(r, 201);
	assert_string_equal(resp_jstr(r, "kind"), "reply");
	assert_string_equal(resp_jstr(r, "visibility"), "reporter");
	assert_string_equal(resp_jstr(r, "report"), a);
	assert_true(json_is_null(json_object_get(resp_json(r), "case")));
	assert_string_equal(resp_jstr(r, "report_status"), "triage");
	assert_int_equal(json_integer_value(json_object_get(resp_json(r), "leaf_index")), size);
	resp_free(r);
	assert_int_equal(tree_size(s), size + 1);
	assert_string_equal(status_of(s, &p.rita, a, st), "triage");
	assert_string_equal(status_of(s, &p.tom, a, st), "triage");

	/* Answered once: not waiting any more. */
	r = reply(s, &p.rita, a, "{\"body\":\"And again\"}");
	assert_problem_rule(r, 409, "R34");
	assert_contains(r->body, "triage");
	resp_free(r);

	/* The progress thread: the question, then the answer. */
	snprintf(path, sizeof(path), "/api/v1/reports/%s/messages", a);
	r = api(s, "GET", path, &p.rita, NULL, NULL);
	assert_status(r, 200);
	assert_true(json_is_null(json_object_get(resp_json(r), "case")));
	items = json_object_get(resp_json(r), "items");
	assert_int_equal(json_array_size(items), 2);
	m = json_array_get(items, 0);
	assert_string_equal(json_string_value(json_object_get(m, "kind")), "question");
	assert_string_equal(json_string_value(json_object_get(m, "body")), "Which firmware?");
	assert_true(json_is_null(json_object_get(m, "id")));
	m = json_array_get(items, 1);
	assert_string_equal(json_string_value(json_object_get(m, "kind")), "reply");
	assert_string_equal(json_string_value(json_object_get(m, "body")),
	    "Firmware **2.1**, build 7.");
	resp_free(r);
	r = api(s, "GET", path, &p.tom, NULL, NULL);
	assert_status(r, 200);
	assert_int_equal(json_array_size(json_object_get(resp_json(r), "items")), 2);
	resp_free(r);
	r = api(s, "GET", path, &p.ron, NULL, NULL);
	assert_problem(r, 404);
	resp_free(r);
	r = api(s, "GET", path, &p.vera, NULL, NULL);
	assert_problem(r, 404);
	resp_free(r);

	/* Accepted into a case, the thread follows the case's messages for the reporter. */
	snprintf(path, sizeof(path), "/api/v1/reports/%s/triage", a);
	r = api(s, "POST", path, &p.tom, "{\"decision\":\"accept\"}", NULL);
	assert_status(r, 200);
	{
		char	case_id[64], got[512];

		snprintf(case_id, sizeof(case_id), "%s", resp_jstr(r, "case"));
		resp_free(r);
		post_ok(s, &p.tom, case_id, "Staff only", "internal", "internal");
		post_ok(s, &p.tom, case_id, "Thanks, confirmed.", "reporter", "reporter");
		snprintf(path, sizeof(path), "/api/v1/reports/%s/messages", a);
		r = api(s, "GET", path, &p.rita, NULL, NULL);
		assert_status(r, 200);
		assert_string_equal(resp_jstr(r, "case"), case_id);
		assert_string_equal(bodies(r, got, sizeof(got)),
		    "Which firmware?|Firmware **2.1**, build 7.|Thanks, confirmed.");
		resp_free(r);
	}
}

static struct resp *
retest(struct srv *s, const struct cred *who, const char *case_id, const char *body)
{
	char	path[160];

	snprintf(path, sizeof(path), "/api/v1/cases/%s/retest", case_id);
	return api(s, "POST", path, who, body, NULL);
}

static void
move(struct srv *s, const struct cred *who, const char *case_id, const char *to)
{
	char		 path[160], body[64];
	struct resp	*r;

	snprintf(path, sizeof(path), "/api/v1/cases/%s/transition", case_id);
	snprintf(body, sizeof(body), "{\"to\":\"%s\"}", to);
	r = api(s, "POST", path, who, body, NULL);
	assert_status(r, 200);
	resp_free(r);
}

static void
test_messages__retest(void **state)
{
	struct srv	*s = *state;
	struct people	 p;
	struct resp	*r;
	char		 report[32], case_id[64], path[160], got[512];
	json_int_t	 size;

	boot(s, &p);
	make_case(s, &p, report, case_id);

	/* No fix yet: refused in verified. */
	r = retest(s, &p.rita, case_id, "{\"outcome\":\"confirmed\"}");
	assert_problem_rule(r, 409, "R34");
	assert_contains(r->body, "verified");
	resp_free(r);

	move(s, &p.tom, case_id, "graded");
	move(s, &p.tom, case_id, "vendor_notified");
	move(s, &p.tom, case_id, "in_remediation");
	r = retest(s, &p.rita, case_id, "{\"outcome\":\"confirmed\"}");
	assert_problem_rule(r, 409, "R34");
	resp_free(r);
	move(s, &p.tom, case_id, "fix_available");

	r = retest(s, &p.rita, case_id, "{\"outcome\":\"maybe\"}");
	assert_problem_field(r, 400, "outcome");
	resp_free(r);
	r = retest(s, &p.tom, case_id, "{\"outcome\":\"confirmed\"}");
	assert_problem(r, 403);
	resp_free(r);
	r = retest(s, &p.vera, case_id, "{\"outcome\":\"confirmed\"}");
	assert_problem(r, 403);
	resp_free(r);
	r = retest(s, &p.ron, case_id, "{\"outcome\":\"confirmed\"}");
	assert_problem(r, 404);
	resp_free(r);

	size = tree_size(s);
	r = retest(s, &p.rita, case_id, "{\"outcome\":\"confirmed\"}");
	assert_status(r, 201);
	assert_string_equal(resp_jstr(r, "kind"), "retest_confirmed");
	assert_string_equal(resp_jstr(r, "visibility"), "reporter");
	assert_int_equal(json_integer_value(json_object_get(resp_json(r), "leaf_index")), size);
	resp_free(r);
	r = retest(s, &p.rita, case_id, "{\"outcome\":\"disputed\",\"body\":\"Still crashes "
	    "with a longer frame.\"}");
	assert_status(r, 201);
	assert_string_equal(resp_jstr(r, "kind"), "retest_disputed");
	assert_string_equal(resp_jstr(r, "body"), "Still crashes with a longer frame.");
	resp_free(r);
	assert_int_equal(tree_size(s), size + 2);

	/* On the timeline with the outcome; staff see the retests, the vendor does not. */
	snprintf(path, sizeof(path), "/api/v1/cases/%s/timeline", case_id);
	r = api(s, "GET", path, &p.tom, NULL, NULL);
	assert_status(r, 200);
	assert_contains(r->body, "\"event\":\"retest\"");
	assert_contains(r->body, "\"detail\":\"disputed\"");
	resp_free(r);
	r = list(s, &p.tom, case_id);
	assert_string_equal(bodies(r, got, sizeof(got)),
	    "|Still crashes with a longer frame.");
	resp_free(r);
	r = list(s, &p.vera, case_id);
	assert_int_equal(json_array_size(json_object_get(resp_json(r), "items")), 0);
	resp_free(r);
}

static void
test_messages__bad_input_named(void **state)
{
	struct srv	*s = *state;
	struct people	 p;
	struct resp	*r;
	char		 report[32], case_id[64], *big, *body;
	size_t		 n = 20001;

	boot(s, &p);
	make_case(s, &p, report, case_id);

	r = post(s, &p.tom, case_id, "{\"body\":\"hi\",\"visibility\":\"everyone\"}");
	assert_problem_field(r, 400, "visibility");
	resp_free(r);
	r = post(s, &p.tom, case_id, "{\"body\":\"hi\",\"visibility\":\"vendor:\"}");
	assert_problem_field(r, 400, "visibility");
	resp_free(r);
	r = post(s, &p.tom, case_id, "{\"body\":\" \\n\\t \"}");
	assert_problem_field(r, 400, "body");
	resp_free(r);
	r = post(s, &p.tom, case_id, "{\"visibility\":\"internal\"}");
	assert_problem_field(r, 400, "body");
	resp_free(r);
	r = post(s, &p.tom, case_id, "{\"body\":42}");
	assert_problem_field(r, 400, "body");
	resp_free(r);
	r = post(s, &p.tom, case_id, "{\"body\":\"hi\",\"colour\":\"red\"}");
	assert_problem(r, 400);
	resp_free(r);
	r = post(s, &p.tom, case_id, "{\"body\":\"hi\",\"attachments\":[{\"filename\":\"../x\","
	    "\"content_base64\":\"aGk=\"}]}");
	assert_problem_field(r, 400, "attachments");
	resp_free(r);

	/* Oversize: one byte past MESSAGE_BODY_MAX (20000). */
	big = malloc(n + 1);
	assert_non_null(big);
	memset(big, 'a', n);
	big[n] = '\0';
	body = malloc(n + 32);
	assert_non_null(body);
	snprintf(body, n + 32, "{\"body\":\"%s\"}", big);
	r = post(s, &p.tom, case_id, body);
	assert_problem_field(r, 400, "body");
	assert_contains(r->body, "20000");
	resp_free(r);
	/* Exactly the limit is fine. */
	big[n - 1] = '\0';
	snprintf(body, n + 32, "{\"body\":\"%s\"}", big);
	r = post(s, &p.tom, case_id, body);
	assert_status(r, 201);
	assert_int_equal(strlen(resp_jstr(r, "body")), 20000);
	resp_free(r);
	free(big);
	free(body);

	/* Nothing of the refused ones was stored. */
	r = list(s, &p.tom, case_id);
	assert_int_equal(json_array_size(json_object_get(resp_json(r), "items")), 1);
	resp_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_messages__visibility_need_to_know,
		    srv_setup, srv_teardown),
		cmocka_unit_test_setup_teardown(test_messages__attachments_sealed_at_rest,
		    srv_setup, srv_teardown),
		cmocka_unit_test_setup_teardown(test_messages__needs_info_reply,
		    srv_setup, srv_teardown),
		cmocka_unit_test_setup_teardown(test_messages__retest,
		    srv_setup, srv_teardown),
		cmocka_unit_test_setup_teardown(test_messages__bad_input_named,
		    srv_setup, srv_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
