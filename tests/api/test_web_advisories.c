/*
 * The staff's advisory pages (issue 7), driven through the pages as a
 * person would, on a case made ready for publication over the API:
 *
 *  - the whole path: the case page's button drafts the advisory; the
 *    editor shows every R31 item; an edit makes version 2 and the diff
 *    shows the change; a bad CVSS vector is refused beside its field; it is
 *    submitted; its author's own review is refused with the rule, a second
 *    staff member approves it; the publish form shows the gate's preview
 *    rule by rule; a major-event window entered on the windows page makes
 *    the preview and the publication refuse with Art. 9(6) and the window;
 *    the window is withdrawn and the advisory published; the public page
 *    shows it; the gate's log lists the refusal and the publication; it is
 *    withdrawn with a reason (none refused); the queue lists it by state;
 *  - a scheduled publication held by a window shows the window and when it
 *    resumes;
 *  - a case's Art. 9 records (added, a bad date refused) and its reports'
 *    attachments marked as exploits (Art. 9(4));
 *  - a reporter and a vendor member get 403 on every staff page and form;
 *  - everything a person typed comes back escaped.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fixtures.h"
#include "harness.h"

#define CVSS31		"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
#define CVE_ID		"CVE-2026-12345"
#define ALIAS		"Rita the Finder"
#define TITLE_XSS	"<script>alert(1)</script> Overflow in Acme HTTPd"
#define TITLE_ESC	"&lt;script&gt;alert(1)&lt;/script&gt; Overflow in Acme HTTPd"
#define SOLUTION	"Upgrade to 2.4.1 or later. <script>alert(2)</script>"
#define SOLUTION_ESC	"Upgrade to 2.4.1 or later. &lt;script&gt;alert(2)&lt;/script&gt;"
#define WINDOW		"Test Summit 重大活动"
/* Seconds the held test waits at most for the scheduler. */
#define SCHED_WAIT	20

struct world {
	struct srv	*s;
	struct cred	 ada, rita, tom, cora, vera;	/* API tokens */
	char		 ada_web[200], tom_web[200], cora_web[200], rita_web[200];
	char		 vera_web[200];
	char		 csrf_ada[128], csrf_tom[128], csrf_cora[128], csrf_rita[128];
	char		 csrf_vera[128];
	long long	 httpd;		/* acme's product */
};

/* The CSRF token of a session's forms (the same on every page). */
static void
csrf_of(const struct srv *s, const char *sess, char *out, size_t outsz)
{
	struct resp	*r = web_page(s, "/account", sess, "en");

	assert_status(r, 200);
	assert_true(web_form_csrf(r->body, out, outsz));
	resp_free(r);
}

/*
 * acme (a provider) and its product; an admin ada, a reporter rita, a
 * triager tom, a coordinator cora, acme's member vera, all logged in.
 */
static struct world *
boot(void **state, const char *const *env)
{
	static struct world	 w;
	struct resp		*r;

	memset(&w, 0, sizeof(w));
	w.s = *state;
	srv_init(w.s);
	fx_org_add(w.s, "acme", "Acme Software", "provider");
	fx_person(w.s, "ada", "admin", NULL, "Ada Admin", "ada@example.org", &w.ada);
	fx_person(w.s, "rita", "reporter", NULL, "Rita Reporter", "rita@example.org", &w.rita);
	fx_person(w.s, "tom", "triager", NULL, "Tom Triager", "tom@example.org", &w.tom);
	fx_person(w.s, "cora", "coordinator", NULL, "Cora Coordinator", "cora@example.org",
	    &w.cora);
	fx_person(w.s, "vera", "vendor", "acme", "Vera Vendor", "vera@example.org", &w.vera);
	srv_start(w.s, env);
	r = fx_call(w.s, &w.ada, "POST", "{\"name\":\"Acme HTTPd\",\"versions\":\"< 2.4.1\"}",
	    201, "/api/v1/admin/orgs/acme/products");
	w.httpd = (long long)json_integer_value(json_object_get(resp_json(r), "id"));
	fx_done(r);
	web_login(w.s, "ada", TEST_PASSWORD, w.ada_web, sizeof(w.ada_web));
	web_login(w.s, "tom", TEST_PASSWORD, w.tom_web, sizeof(w.tom_web));
	web_login(w.s, "cora", TEST_PASSWORD, w.cora_web, sizeof(w.cora_web));
	web_login(w.s, "rita", TEST_PASSWORD, w.rita_web, sizeof(w.rita_web));
	web_login(w.s, "vera", TEST_PASSWORD, w.vera_web, sizeof(w.vera_web));
	csrf_of(w.s, w.ada_web, w.csrf_ada, sizeof(w.csrf_ada));
	csrf_of(w.s, w.tom_web, w.csrf_tom, sizeof(w.csrf_tom));
	csrf_of(w.s, w.cora_web, w.csrf_cora, sizeof(w.csrf_cora));
	csrf_of(w.s, w.rita_web, w.csrf_rita, sizeof(w.csrf_rita));
	csrf_of(w.s, w.vera_web, w.csrf_vera, sizeof(w.csrf_vera));
	return &w;
}

/*
 * A case ready for publication, over the API: rita's report (credited by
 * alias, with an attachment), assessed and accepted by tom, acme's product
 * in it, acme fixed in 2.4.1, the case at fix_available.  The case and
 * report ids.
 */
static void
ready_case(struct world *w, const char *title, char cid[64], char rid[32])
{
	static const char *const states[] = { "graded", "vendor_notified", "in_remediation",
	    "fix_available", NULL };
	const char *const	*st;
	struct resp		*r;
	char			 body[1024];

	snprintf(body, sizeof(body), "{\"title\":\"%s\",\"kind\":\"generic\",\"vendor\":\"Acme\","
	    "\"product\":\"Acme HTTPd\",\"versions\":\"2.4.0\",\"description\":\"The request "
	    "parser overflows a heap buffer.\",\"credit\":\"alias\",\"credit_alias\":\"" ALIAS
	    "\",\"attachments\":[{\"filename\":\"poc.py\",\"content_base64\":"
	    "\"cHJpbnQoJ2Jvb20nKQo=\"}]}", title);
	r = fx_call(w->s, &w->rita, "POST", body, 201, "/api/v1/reports");
	snprintf(rid, 32, "%s", resp_jstr(r, "id"));
	fx_done(r);
	fx_done(fx_call(w->s, &w->tom, "PUT", "{\"cvss_v3\":\"" CVSS31 "\",\"gbt\":{"
	    "\"access_path\":\"network\",\"trigger\":\"low\",\"privilege\":\"none\","
	    "\"interaction\":\"none\",\"confidentiality\":\"severe\",\"integrity\":\"severe\","
	    "\"availability\":\"severe\"},\"cwe\":\"122\",\"related_ids\":[\"" CVE_ID "\"]}",
	    200, "/api/v1/reports/%s/assessment", rid));
	r = fx_call(w->s, &w->tom, "POST", "{\"decision\":\"accept\"}", 200,
	    "/api/v1/reports/%s/triage", rid);
	snprintf(cid, 64, "%s", resp_jstr(r, "case"));
	fx_done(r);
	snprintf(body, sizeof(body), "{\"product\":%lld,\"versions\":\"< 2.4.1\"}", w->httpd);
	fx_done(fx_call(w->s, &w->tom, "POST", body, 201, "/api/v1/cases/%s/products", cid));
	fx_done(fx_call(w->s, &w->tom, "POST", "{\"org\":\"acme\"}", 201,
	    "/api/v1/cases/%s/vendors", cid));
	fx_done(fx_call(w->s, &w->tom, "PUT", "{\"status\":\"fixed\",\"fixed_version\":"
	    "\"2.4.1\"}", 200, "/api/v1/cases/%s/vendors/acme", cid));
	for (st = states; *st != NULL; st++) {
		snprintf(body, sizeof(body), "{\"to\":\"%s\"}", *st);
		fx_done(fx_call(w->s, &w->tom, "POST", body, 200, "/api/v1/cases/%s/transition",
		    cid));
	}
}

/* POST a form (its fields as key, value pairs, NULL-ended) with the session's token. */
static struct resp *
post(const struct world *w, const char *sess, const char *csrf, const char *path, ...)
{
	struct web_form	 f = { .len = 0 };
	const char	*k, *v;
	va_list		 ap;

	web_form_add(&f, "csrf", csrf);
	va_start(ap, path);
	while ((k = va_arg(ap, const char *)) != NULL) {
		v = va_arg(ap, const char *);
		web_form_add(&f, k, v);
	}
	va_end(ap);
	return web_post_form(w->s, path, sess, &f, "en");
}

/* A page as sess, in English, expecting want. */
static struct resp *
page(const struct world *w, const char *sess, const char *path, long want)
{
	struct resp	*r = web_page(w->s, path, sess, "en");

	assert_status(r, want);
	return r;
}

/* Expect a 303 to exactly want, and free the response. */
static void
post_ok(struct resp *r, const char *want)
{
	assert_status(r, 303);
	assert_string_equal(resp_header(r, "Location"), want);
	resp_free(r);
}

/* Draft the case's advisory with the case page's button: its id into aid. */
static void
draft(struct world *w, const char *cid, char aid[48])
{
	char		 path[128];
	const char	*loc, *q;
	struct resp	*r;

	snprintf(path, sizeof(path), "/staff/cases/%s/advisory", cid);
	r = post(w, w->tom_web, w->csrf_tom, path, NULL);
	assert_status(r, 303);
	loc = resp_header(r, "Location");
	assert_non_null(loc);
	assert_true(strncmp(loc, "/staff/advisories/", 18) == 0);
	assert_non_null(q = strstr(loc, "?done=drafted#edit"));
	snprintf(aid, 48, "%.*s", (int)(q - loc - 18), loc + 18);
	assert_true(fx_matches(aid, "^LDSA-[0-9]{4}-[0-9]{6,}$"));
	resp_free(r);
}

/* A time as a datetime-local control sends it, in China time: "2026-11-21T08:00". */
static void
cst_local(time_t t, char out[32])
{
	struct tm	tm;
	time_t		x = t + 8 * 3600;

	assert_non_null(gmtime_r(&x, &tm));
	assert_true(strftime(out, 32, "%Y-%m-%dT%H:%M", &tm) > 0);
}

static void
pause_ms(long ms)
{
	struct timespec d = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&d, NULL);
}

/* RFC 3339 UTC. */
static void
rfc3339(time_t t, char out[32])
{
	struct tm	tm;

	assert_non_null(gmtime_r(&t, &tm));
	assert_true(strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) > 0);
}

/* ada enters a window on the windows page, from an hour ago for a day; its id. */
static long long
window_add(struct world *w, const char *name)
{
	struct resp	*r;
	char		 t0[32], t1[32];
	const char	*p;
	long long	 id;

	cst_local(time(NULL) - 3600, t0);
	cst_local(time(NULL) + 86400, t1);
	r = post(w, w->ada_web, w->csrf_ada, "/staff/windows", "name", name, "starts_at", t0,
	    "ends_at", t1, "scope", "", NULL);
	post_ok(r, "/staff/windows?done=window_added");
	r = page(w, w->ada_web, "/staff/windows?done=window_added", 200);
	assert_contains(r->body, "The window was entered.");
	assert_contains(r->body, name);
	assert_contains(r->body, "In force");
	assert_non_null(p = strstr(r->body, "action=\"/staff/windows/"));
	id = strtoll(p + strlen("action=\"/staff/windows/"), NULL, 10);
	assert_true(id > 0);
	resp_free(r);
	return id;
}

static void
test_web_advisories__draft_review_publish_withdraw(void **state)
{
	struct world	*w = boot(state, NULL);
	struct resp	*r;
	char		 cid[64], rid[32], aid[48], path[160], want[256], ed[96];
	long long	 wid;

	ready_case(w, "Heap overflow in Acme HTTPd", cid, rid);

	/* The case page offers the draft, and links to the Art. 9 records. */
	snprintf(path, sizeof(path), "/cases/%s", cid);
	r = page(w, w->tom_web, path, 200);
	assert_contains(r->body, "id=\"advisory\"");
	snprintf(want, sizeof(want), "action=\"/staff/cases/%s/advisory\"", cid);
	assert_contains(r->body, want);
	assert_contains(r->body, "Draft the advisory");
	snprintf(want, sizeof(want), "href=\"/staff/cases/%s/disclosure\"", cid);
	assert_contains(r->body, want);
	/* The staff's navigation reaches the queue and the windows. */
	assert_contains(r->body, "href=\"/staff/advisories\"");
	assert_contains(r->body, "href=\"/staff/windows\"");
	resp_free(r);

	/* Drafted from the case: every R31 item, from the case. */
	draft(w, cid, aid);
	snprintf(ed, sizeof(ed), "/staff/advisories/%s", aid);
	snprintf(path, sizeof(path), "%s?done=drafted", ed);
	r = page(w, w->tom_web, path, 200);
	assert_contains(r->body, "was drafted from the case");
	assert_contains(r->body, aid);
	assert_contains(r->body, "astate-draft");
	assert_contains(r->body, "Heap overflow in Acme HTTPd");
	assert_contains(r->body, "Acme HTTPd");
	assert_contains(r->body, "&lt; 2.4.1");		/* affected versions */
	assert_contains(r->body, "<code>2.4.1</code>");	/* fixed in */
	assert_contains(r->body, CVE_ID);
	assert_contains(r->body, ALIAS);
	assert_contains(r->body, "CWE-122");
	assert_contains(r->body, CVSS31);
	assert_contains(r->body, "Publisher");
	assert_contains(r->body, "Existence");
	assert_contains(r->body, "Detection");
	assert_contains(r->body, "Mitigation");
	assert_contains(r->body, "Revision history");
	assert_contains(r->body, "draft from the case");
	snprintf(want, sizeof(want), "action=\"%s/submit\"", ed);
	assert_contains(r->body, want);
	snprintf(want, sizeof(want), "action=\"%s\"", ed);
	assert_contains(r->body, want);
	assert_contains(r->body, "name=\"summary_of_changes\"");
	/* Before the review, no publication. */
	assert_contains(r->body, "Publication comes after another person&#39;s approval.");
	snprintf(want, sizeof(want), "action=\"%s/publish\"", ed);
	assert_not_contains(r->body, want);
	resp_free(r);

	/* A vector that cannot be read: refused beside its field, nothing saved. */
	r = post(w, w->tom_web, w->csrf_tom, ed, "cvss", CVSS31 "\nCVSS:3.1/AV:X",
	    "summary_of_changes", "a bad vector", NULL);
	assert_status(r, 422);
	assert_contains(r->body, "id=\"f-cvss-error\"");
	assert_contains(r->body, "Line 2: This CVSS vector cannot be read");
	resp_free(r);

	/* An edit with markup: version 2, escaped everywhere it shows. */
	r = post(w, w->tom_web, w->csrf_tom, ed, "title", TITLE_XSS, "solution", SOLUTION,
	    "summary_of_changes", "Clarified the <b>solution</b>", NULL);
	snprintf(want, sizeof(want), "%s?done=saved#versions", ed);
	post_ok(r, want);
	r = page(w, w->tom_web, ed, 200);
	assert_not_contains(r->body, "<script>alert");
	assert_contains(r->body, TITLE_ESC);
	assert_contains(r->body, SOLUTION_ESC);
	assert_contains(r->body, "Clarified the &lt;b&gt;solution&lt;/b&gt;");
	assert_contains(r->body, "id=\"version-2\"");
	assert_contains(r->body, "Version 2");
	/* Items the form did not send are kept. */
	assert_contains(r->body, CVE_ID);
	assert_contains(r->body, "CWE-122");
	snprintf(want, sizeof(want), "href=\"%s?from=1&amp;to=2#diff\"", ed);
	assert_contains(r->body, want);
	resp_free(r);

	/* The diff of the two versions shows the change, readably and escaped. */
	snprintf(path, sizeof(path), "%s?from=1&to=2", ed);
	r = page(w, w->tom_web, path, 200);
	assert_contains(r->body, "id=\"diff\"");
	assert_contains(r->body, "Changes from version 1 to version 2");
	assert_contains(r->body, "Solution <code class=\"muted\">solution</code>");
	assert_contains(r->body, "<ins class=\"diff-ins\">+ " SOLUTION_ESC "</ins>");
	assert_contains(r->body, "<del class=\"diff-del\">- Heap overflow in Acme HTTPd</del>");
	assert_not_contains(r->body, "<script>alert");
	resp_free(r);
	/* An older version is shown as it was, without the edit form. */
	snprintf(path, sizeof(path), "%s?version=1", ed);
	r = page(w, w->tom_web, path, 200);
	assert_contains(r->body, "You are looking at version 1; the newest is version 2.");
	assert_contains(r->body, "The record (version 1)");
	assert_not_contains(r->body, "name=\"summary_of_changes\"");
	resp_free(r);

	/* Submitted; its author may not review it (the rule is shown). */
	snprintf(path, sizeof(path), "%s/submit", ed);
	snprintf(want, sizeof(want), "%s?done=submitted#workflow", ed);
	post_ok(post(w, w->tom_web, w->csrf_tom, path, NULL), want);
	snprintf(path, sizeof(path), "%s/review", ed);
	r = post(w, w->tom_web, w->csrf_tom, path, "decision", "approve", "note", "", NULL);
	assert_status(r, 403);
	assert_contains(r->body, "Another person must review what you wrote");
	assert_contains(r->body, "<code>advisories.require_review</code>");
	assert_contains(r->body, "id=\"review\"");
	resp_free(r);
	/* Sending back needs a note. */
	r = post(w, w->cora_web, w->csrf_cora, path, "decision", "changes", "note", "", NULL);
	assert_status(r, 422);
	assert_contains(r->body, "id=\"f-review-note-error\"");
	assert_contains(r->body, "Say what must change.");
	resp_free(r);
	/* A second staff member approves it. */
	r = page(w, w->cora_web, ed, 200);
	assert_contains(r->body, "Version 2 was written by tom.");
	resp_free(r);
	snprintf(want, sizeof(want), "%s?done=approved#workflow", ed);
	post_ok(post(w, w->cora_web, w->csrf_cora, path, "decision", "approve", "note",
	    "Reads well.", NULL), want);

	/* The publish form, with the gate's preview rule by rule. */
	r = page(w, w->tom_web, ed, 200);
	assert_contains(r->body, "astate-approved");
	assert_contains(r->body, "Approved by cora");
	snprintf(want, sizeof(want), "action=\"%s/publish\"", ed);
	assert_contains(r->body, want);
	assert_contains(r->body, "What the disclosure gate would answer now");
	assert_contains(r->body, "Publishing now would be allowed.");
	assert_contains(r->body, "<code>Art. 9(1)</code>");
	assert_contains(r->body, "<code>Art. 9(2)</code>");
	assert_contains(r->body, "<code>Art. 9(4)</code>");
	assert_contains(r->body, "<code>Art. 9(5)</code>");
	assert_contains(r->body, "<code>Art. 9(6)</code>");
	assert_contains(r->body, "The advisory carries a solution or a mitigation.");
	assert_contains(r->body, "gate-pass");
	assert_not_contains(r->body, "gate-refuse");
	assert_contains(r->body, "type=\"datetime-local\"");
	resp_free(r);

	/* A major-event window, entered on the windows page: the preview and publishing refuse. */
	wid = window_add(w, WINDOW);
	r = page(w, w->tom_web, ed, 200);
	assert_contains(r->body, "Publishing now would be refused.");
	assert_contains(r->body, "gate-refuse");
	assert_contains(r->body, "Window: “" WINDOW "”, until ");
	resp_free(r);
	snprintf(path, sizeof(path), "%s/publish", ed);
	r = post(w, w->tom_web, w->csrf_tom, path, "at", "", NULL);
	assert_status(r, 422);
	assert_contains(r->body, "<code>Art. 9(6)</code>");
	assert_contains(r->body, "A major-event window is in force");
	assert_contains(r->body, "<p class=\"window\">Window: “" WINDOW "”, until ");
	assert_contains(r->body, "astate-approved");
	resp_free(r);
	/* A time that cannot be read is refused beside its field. */
	r = post(w, w->tom_web, w->csrf_tom, path, "at", "next tuesday", NULL);
	assert_status(r, 422);
	assert_contains(r->body, "id=\"f-publish-at-error\"");
	assert_contains(r->body, "value=\"next tuesday\"");
	resp_free(r);

	/* Only admins enter or withdraw windows; the staff see them. */
	r = post(w, w->tom_web, w->csrf_tom, "/staff/windows", "name", "x", "starts_at",
	    "2026-01-01T00:00", "ends_at", "2026-01-02T00:00", NULL);
	assert_status(r, 403);
	assert_contains(r->body, "rbac.role");
	resp_free(r);
	r = page(w, w->tom_web, "/staff/windows", 200);
	assert_contains(r->body, WINDOW);
	assert_not_contains(r->body, "action=\"/staff/windows\"");
	resp_free(r);
	/* A window that ends before it starts is refused beside the field. */
	r = post(w, w->ada_web, w->csrf_ada, "/staff/windows", "name", "Backwards",
	    "starts_at", "2026-01-02T00:00", "ends_at", "2026-01-01T00:00", NULL);
	assert_status(r, 422);
	assert_contains(r->body, "id=\"f-ends_at-error\"");
	assert_contains(r->body, "A window ends after it starts.");
	resp_free(r);

	/* The window withdrawn: published. */
	snprintf(path, sizeof(path), "/staff/windows/%lld/withdraw", wid);
	post_ok(post(w, w->ada_web, w->csrf_ada, path, NULL),
	    "/staff/windows?done=window_withdrawn");
	r = page(w, w->ada_web, "/staff/windows?all=1", 200);
	assert_contains(r->body, WINDOW);
	assert_contains(r->body, "badge badge-off\">Withdrawn");
	resp_free(r);
	snprintf(path, sizeof(path), "%s/publish", ed);
	snprintf(want, sizeof(want), "%s?done=published#workflow", ed);
	post_ok(post(w, w->tom_web, w->csrf_tom, path, "at", "", NULL), want);
	r = page(w, w->tom_web, ed, 200);
	assert_contains(r->body, "astate-published");
	snprintf(want, sizeof(want), "href=\"/advisories/%s\"", aid);
	assert_contains(r->body, want);
	snprintf(want, sizeof(want), "action=\"%s/withdraw\"", ed);
	assert_contains(r->body, want);
	resp_free(r);

	/* The public page shows it, escaped. */
	snprintf(path, sizeof(path), "/advisories/%s", aid);
	r = http(w->s, "GET", path, NULL, "Accept-Language: en", NULL);
	assert_status(r, 200);
	assert_contains(r->body, TITLE_ESC);
	assert_contains(r->body, SOLUTION_ESC);
	assert_not_contains(r->body, "<script>alert");
	resp_free(r);

	/* The gate's log: the refusal with its rule, then the publication; for admins. */
	snprintf(path, sizeof(path), "/staff/decisions?subject=advisory:%s", aid);
	r = page(w, w->ada_web, path, 200);
	assert_contains(r->body, "<code>Art. 9(6)</code>");
	assert_contains(r->body, "badge badge-warn\">Denied");
	assert_contains(r->body, "badge badge-on\">Allowed");
	assert_contains(r->body, "<code>publish</code>");
	assert_contains(r->body, "tom");
	resp_free(r);
	r = page(w, w->tom_web, "/staff/decisions", 403);
	assert_contains(r->body, "Only auditors and admins read the disclosure gate&#39;s log.");
	resp_free(r);

	/* Withdrawn with a reason (none: refused beside the field). */
	snprintf(path, sizeof(path), "%s/withdraw", ed);
	r = post(w, w->tom_web, w->csrf_tom, path, "reason", "", NULL);
	assert_status(r, 422);
	assert_contains(r->body, "id=\"f-withdraw-reason-error\"");
	assert_contains(r->body, "Withdrawing an advisory needs a reason.");
	resp_free(r);
	snprintf(want, sizeof(want), "%s?done=withdrawn#workflow", ed);
	post_ok(post(w, w->tom_web, w->csrf_tom, path, "reason",
	    "A duplicate of <i>LDSA-2025-000001</i>.", NULL), want);
	r = page(w, w->tom_web, ed, 200);
	assert_contains(r->body, "astate-withdrawn");
	assert_contains(r->body, "A duplicate of &lt;i&gt;LDSA-2025-000001&lt;/i&gt;.");
	assert_not_contains(r->body, "name=\"summary_of_changes\"");
	resp_free(r);
	snprintf(path, sizeof(path), "/advisories/%s", aid);
	r = http(w->s, "GET", path, NULL, "Accept-Language: en", NULL);
	assert_status(r, 200);
	assert_contains(r->body, "Withdrawn.");
	assert_contains(r->body, "A duplicate of &lt;i&gt;LDSA-2025-000001&lt;/i&gt;.");
	resp_free(r);

	/* The queue, by state. */
	r = page(w, w->tom_web, "/staff/advisories", 200);
	assert_contains(r->body, "id=\"state-draft\"");
	assert_contains(r->body, "id=\"state-withdrawn\"");
	snprintf(want, sizeof(want), "href=\"%s\"", ed);
	assert_contains(r->body, want);
	assert_contains(r->body, TITLE_ESC);
	assert_not_contains(r->body, "<script>alert");
	resp_free(r);
	r = page(w, w->tom_web, "/staff/advisories?state=withdrawn", 200);
	assert_contains(r->body, aid);
	assert_not_contains(r->body, "id=\"state-draft\"");
	resp_free(r);
	r = page(w, w->tom_web, "/staff/advisories?state=draft", 200);
	assert_not_contains(r->body, aid);
	resp_free(r);
	r = page(w, w->tom_web, "/staff/advisories?state=bogus", 400);
	resp_free(r);

	/* In Chinese too. */
	r = web_page(w->s, ed, w->tom_web, "zh-CN");
	assert_status(r, 200);
	assert_contains(r->body, "审核与发布");
	assert_contains(r->body, "已撤回");
	resp_free(r);

	/* Nothing for an id that is not one. */
	r = page(w, w->tom_web, "/staff/advisories/LDSA-2026-999999", 404);
	resp_free(r);
	r = page(w, w->tom_web, "/staff/advisories/..%2Fx", 404);
	resp_free(r);
}

/* A scheduled publication held by a major-event window shows the window and its end. */
static void
test_web_advisories__scheduled_held_by_window(void **state)
{
	struct world	*w = boot(state, (const char *[]){
			    "LOUDONG_DEADLINES_SCHEDULER_INTERVAL=1", NULL });
	struct resp	*r;
	char		 cid[64], rid[32], aid[48], ed[96], path[160], want[256], at[32];
	bool		 held = false;
	int		 i;

	ready_case(w, "Overflow to be published at a set time", cid, rid);
	draft(w, cid, aid);
	snprintf(ed, sizeof(ed), "/staff/advisories/%s", aid);
	snprintf(path, sizeof(path), "%s/submit", ed);
	snprintf(want, sizeof(want), "%s?done=submitted#workflow", ed);
	post_ok(post(w, w->tom_web, w->csrf_tom, path, NULL), want);
	snprintf(path, sizeof(path), "%s/review", ed);
	snprintf(want, sizeof(want), "%s?done=approved#workflow", ed);
	post_ok(post(w, w->cora_web, w->csrf_cora, path, "decision", "approve", NULL), want);
	(void)window_add(w, WINDOW);

	/* Planned for a few seconds from now: scheduled (the gate asks again when it is due). */
	rfc3339(time(NULL) + 4, at);
	snprintf(path, sizeof(path), "%s/publish", ed);
	snprintf(want, sizeof(want), "%s?done=scheduled#workflow", ed);
	post_ok(post(w, w->tom_web, w->csrf_tom, path, "at", at, NULL), want);
	snprintf(path, sizeof(path), "%s?done=scheduled", ed);
	r = page(w, w->tom_web, path, 200);
	assert_contains(r->body, "astate-scheduled");
	assert_contains(r->body, "The publication was scheduled.");
	assert_not_contains(r->body, "holds this scheduled publication");
	resp_free(r);

	/* Due during the window: held, and the page says by which window until when. */
	for (i = 0; i < SCHED_WAIT * 4 && !held; i++) {
		pause_ms(250);
		r = page(w, w->tom_web, ed, 200);
		held = strstr(r->body, "holds this scheduled publication until") != NULL;
		if (held) {
			assert_contains(r->body, "The major-event window “" WINDOW "” holds");
			assert_contains(r->body, "(UTC+8)");
			assert_contains(r->body, "<code>Art. 9(6)</code>");
			assert_contains(r->body, "astate-scheduled");
		}
		resp_free(r);
	}
	assert_true(held);
	r = page(w, w->tom_web, "/staff/advisories?state=scheduled", 200);
	assert_contains(r->body, aid);
	assert_contains(r->body, "held by a major event");
	resp_free(r);
	/* Never public meanwhile. */
	snprintf(path, sizeof(path), "/advisories/%s", aid);
	r = http(w->s, "GET", path, NULL, NULL);
	assert_int_equal(r->status, 404);
	resp_free(r);
}

/* A case's Art. 9 records, and its reports' attachments marked (Art. 9(4)). */
static void
test_web_advisories__records_and_attachments(void **state)
{
	struct world	*w = boot(state, NULL);
	struct resp	*r;
	char		 cid[64], rid[32], path[160], want[256], dp[128];
	const char	*p;
	long long	 att;

	ready_case(w, "Overflow with a proof of concept", cid, rid);
	snprintf(dp, sizeof(dp), "/staff/cases/%s/disclosure", cid);
	r = page(w, w->tom_web, dp, 200);
	assert_contains(r->body, "No record yet.");
	assert_contains(r->body, "No advisory yet.");
	snprintf(want, sizeof(want), "action=\"/staff/cases/%s/advisory\"", cid);
	assert_contains(r->body, want);
	snprintf(want, sizeof(want), "action=\"%s\"", dp);
	assert_contains(r->body, want);
	assert_contains(r->body, "poc.py");
	assert_contains(r->body, "marked as an exploit or a PoC tool: 0.");
	snprintf(want, sizeof(want), "action=\"/staff/cases/%s/reports/%s/attachments/", cid,
	    rid);
	assert_non_null(p = strstr(r->body, want));
	att = strtoll(p + strlen(want), NULL, 10);
	assert_true(att > 0);
	resp_free(r);

	/* A record with a date that is not one: refused beside the field. */
	r = post(w, w->tom_web, w->csrf_tom, dp, "kind", "joint_assessment", "reference",
	    "JA-1", "issued_on", "2026-13-01", "allow", "yes", NULL);
	assert_status(r, 422);
	assert_contains(r->body, "id=\"f-issued_on-error\"");
	assert_contains(r->body, "Write the document&#39;s date as YYYY-MM-DD.");
	assert_contains(r->body, "value=\"JA-1\"");
	resp_free(r);
	/* An unknown kind is named too. */
	r = post(w, w->tom_web, w->csrf_tom, dp, "kind", "rumour", "reference", "x",
	    "issued_on", "2026-03-02", NULL);
	assert_status(r, 422);
	assert_contains(r->body, "id=\"f-kind-error\"");
	resp_free(r);
	/* Two records; what was typed comes back escaped. */
	snprintf(want, sizeof(want), "%s?done=recorded#records", dp);
	post_ok(post(w, w->tom_web, w->csrf_tom, dp, "kind", "joint_assessment", "reference",
	    "JA-2026-7", "issued_on", "2026-03-02", "approver", "Acme PSIRT", "allow", "yes",
	    NULL), want);
	post_ok(post(w, w->tom_web, w->csrf_tom, dp, "kind", "authority_outcome", "reference",
	    "<b>工信部</b>-2026-9", "issued_on", "2026-03-05", "allow", "no", "note",
	    "Not before the fix.", NULL), want);
	r = page(w, w->tom_web, dp, 200);
	assert_contains(r->body, "Joint assessment with the product&#39;s provider");
	assert_contains(r->body, "JA-2026-7");
	assert_contains(r->body, "Acme PSIRT");
	assert_contains(r->body, "&lt;b&gt;工信部&lt;/b&gt;-2026-9");
	assert_not_contains(r->body, "<b>工信部</b>");
	assert_contains(r->body, "Does not allow publication");
	assert_contains(r->body, "Not before the fix.");
	resp_free(r);

	/* The attachment marked as an exploit; a class that is not one is named. */
	snprintf(path, sizeof(path), "/staff/cases/%s/reports/%s/attachments/%lld/class", cid,
	    rid, att);
	r = post(w, w->tom_web, w->csrf_tom, path, "class", "weapon", NULL);
	assert_status(r, 422);
	assert_contains(r->body, "The class must be empty, document, exploit or poc_tool.");
	resp_free(r);
	snprintf(want, sizeof(want), "%s?done=classified#attachments", dp);
	post_ok(post(w, w->tom_web, w->csrf_tom, path, "class", "exploit", NULL), want);
	r = page(w, w->tom_web, want, 200);
	assert_contains(r->body, "The attachment&#39;s marking was saved.");
	assert_contains(r->body, "marked as an exploit or a PoC tool: 1.");
	resp_free(r);
	/*
	 * The exploit stays on the case: an advisory carries no attachments, so
	 * the preview, like the publish step, does not refuse with Art. 9(4).
	 */
	r = fx_call(w->s, &w->tom, "GET", NULL, 200, "/api/v1/cases/%s/policy?action=publish",
	    cid);
	assert_true(json_is_true(json_object_get(resp_json(r), "allow")));
	fx_done(r);
	/* Another case's report is not this case's. */
	snprintf(path, sizeof(path), "/staff/cases/%s/reports/%s/attachments/%lld/class", cid,
	    "LD-2026-999999", att);
	r = post(w, w->tom_web, w->csrf_tom, path, "class", "", NULL);
	assert_status(r, 404);
	resp_free(r);
}

/* Every staff page and form: 403 for a reporter and for a vendor member. */
static void
test_web_advisories__reporters_and_vendors_refused(void **state)
{
	struct world	*w = boot(state, NULL);
	struct resp	*r;
	char		 cid[64], rid[32], aid[48], paths[6][160], forms[8][160];
	const char	*who[2], *csrf[2];
	size_t		 i, j;

	ready_case(w, "Overflow nobody else may handle", cid, rid);
	draft(w, cid, aid);
	snprintf(paths[0], sizeof(paths[0]), "/staff/advisories");
	snprintf(paths[1], sizeof(paths[1]), "/staff/advisories/%s", aid);
	snprintf(paths[2], sizeof(paths[2]), "/staff/advisories/%s?from=1&to=1", aid);
	snprintf(paths[3], sizeof(paths[3]), "/staff/cases/%s/disclosure", cid);
	snprintf(paths[4], sizeof(paths[4]), "/staff/windows");
	snprintf(paths[5], sizeof(paths[5]), "/staff/decisions");
	snprintf(forms[0], sizeof(forms[0]), "/staff/cases/%s/advisory", cid);
	snprintf(forms[1], sizeof(forms[1]), "/staff/advisories/%s", aid);
	snprintf(forms[2], sizeof(forms[2]), "/staff/advisories/%s/submit", aid);
	snprintf(forms[3], sizeof(forms[3]), "/staff/advisories/%s/review", aid);
	snprintf(forms[4], sizeof(forms[4]), "/staff/advisories/%s/publish", aid);
	snprintf(forms[5], sizeof(forms[5]), "/staff/advisories/%s/withdraw", aid);
	snprintf(forms[6], sizeof(forms[6]), "/staff/cases/%s/disclosure", cid);
	snprintf(forms[7], sizeof(forms[7]), "/staff/windows");
	who[0] = w->rita_web;
	csrf[0] = w->csrf_rita;
	who[1] = w->vera_web;
	csrf[1] = w->csrf_vera;
	for (j = 0; j < 2; j++) {
		for (i = 0; i < 6; i++) {
			r = web_page(w->s, paths[i], who[j], "en");
			if (r->status != 403)
				fail_msg("GET %s as %s: %ld", paths[i], j == 0 ? "rita" : "vera",
				    r->status);
			assert_not_contains(r->body, "Overflow nobody else may handle");
			resp_free(r);
		}
		for (i = 0; i < 8; i++) {
			r = post(w, who[j], csrf[j], forms[i], "reason", "x", "name", "x", NULL);
			if (r->status != 403)
				fail_msg("POST %s as %s: %ld", forms[i], j == 0 ? "rita" : "vera",
				    r->status);
			resp_free(r);
		}
		/* Nor does their navigation offer the pages. */
		r = web_page(w->s, "/account", who[j], "en");
		assert_status(r, 200);
		assert_not_contains(r->body, "href=\"/staff/advisories\"");
		assert_not_contains(r->body, "href=\"/staff/windows\"");
		assert_not_contains(r->body, "href=\"/staff/decisions\"");
		resp_free(r);
	}
	/* The advisory is as it was: a draft of version 1. */
	r = page(w, w->tom_web, paths[1], 200);
	assert_contains(r->body, "astate-draft");
	assert_not_contains(r->body, "id=\"version-2\"");
	resp_free(r);
	/* The admin's navigation has the log. */
	r = page(w, w->ada_web, "/account", 200);
	assert_contains(r->body, "href=\"/staff/decisions\"");
	resp_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_web_advisories__draft_review_publish_withdraw,
		    srv_setup, srv_teardown),
		cmocka_unit_test_setup_teardown(test_web_advisories__scheduled_held_by_window,
		    srv_setup, srv_teardown),
		cmocka_unit_test_setup_teardown(test_web_advisories__records_and_attachments,
		    srv_setup, srv_teardown),
		cmocka_unit_test_setup_teardown(test_web_advisories__reporters_and_vendors_refused,
		    srv_setup, srv_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
