/*
 * The case pages (issue 5): the coordinator's case list and case page
 * (status, reports with their grades, vendors, timeline, the forms that
 * move the case, bring a vendor in, notify it), a refused move shown with
 * its rule, the vendor inbox (only their organisation's cases, their own
 * status form, never an internal note), the conversation, and the
 * reporter's progress on their report (the triage outcome, the steps, the
 * reply to a question, the retest of a fix), the affected products with
 * the supply chain's proposals confirmed by a button, and the participants
 * form (an observer added, a reporter refused as coordinator, removal), in
 * Chinese and English.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define V31_CRITICAL	"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"

/* Who takes part, and their sessions. */
struct world {
	struct srv	*s;
	struct cred	 rita, tom;	/* API: the reporter, the triager */
	char		 tom_web[200], vera_web[200], bob_web[200], rita_web[200];
	char		 gina_web[200];	/* a regulator */
	char		 csrf_tom[128], csrf_vera[128], csrf_rita[128];
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
 * Two provider organisations (acme, beta), an authority (gov); a reporter
 * rita, a triager tom, vendor members vera (acme) and bob (beta), a
 * regulator gina.
 */
static struct world *
boot(void **state)
{
	static struct world	 w;
	const char		*orgs[][3] = { { "acme", "Acme Networks", "provider" },
				    { "beta", "Beta Devices", "provider" },
				    { "gov", "A Regulator", "authority" } };
	size_t			 i;

	memset(&w, 0, sizeof(w));
	w.s = *state;
	srv_init(w.s);
	for (i = 0; i < 3; i++)
		assert_int_equal(srv_cli(w.s, NULL, NULL, 0, (const char *[]){ "org", "add",
		    "--data-dir", w.s->dir, "--slug", orgs[i][0], "--name", orgs[i][1],
		    "--kind", orgs[i][2], "--country", "CN", NULL }), 0);
	srv_user_add(w.s, "rita", "reporter", NULL, "Rita Reporter", TEST_PASSWORD);
	srv_user_add(w.s, "tom", "triager", NULL, "Tom Triager", TEST_PASSWORD);
	srv_user_add(w.s, "vera", "vendor", "acme", "Vera Vendor", TEST_PASSWORD);
	srv_user_add(w.s, "bob", "vendor", "beta", "Bob Vendor", TEST_PASSWORD);
	srv_user_add(w.s, "gina", "regulator", NULL, "Gina Regulator", TEST_PASSWORD);
	srv_token_create(w.s, "rita", w.rita.bearer, sizeof(w.rita.bearer));
	srv_token_create(w.s, "tom", w.tom.bearer, sizeof(w.tom.bearer));
	srv_start(w.s, NULL);
	web_login(w.s, "tom", TEST_PASSWORD, w.tom_web, sizeof(w.tom_web));
	web_login(w.s, "vera", TEST_PASSWORD, w.vera_web, sizeof(w.vera_web));
	web_login(w.s, "bob", TEST_PASSWORD, w.bob_web, sizeof(w.bob_web));
	web_login(w.s, "rita", TEST_PASSWORD, w.rita_web, sizeof(w.rita_web));
	web_login(w.s, "gina", TEST_PASSWORD, w.gina_web, sizeof(w.gina_web));
	csrf_of(w.s, w.tom_web, w.csrf_tom, sizeof(w.csrf_tom));
	csrf_of(w.s, w.vera_web, w.csrf_vera, sizeof(w.csrf_vera));
	csrf_of(w.s, w.rita_web, w.csrf_rita, sizeof(w.csrf_rita));
	return &w;
}

/* rita submits a report through the API; its id into id. */
static void
submit(struct world *w, const char *title, char id[32])
{
	char		 body[512];
	struct resp	*r;

	snprintf(body, sizeof(body), "{\"title\":\"%s\",\"kind\":\"generic\",\"vendor\":"
	    "\"Acme\",\"product\":\"Router\",\"description\":\"Details.\"}", title);
	r = api(w->s, "POST", "/api/v1/reports", &w->rita, body, NULL);
	assert_status(r, 201);
	snprintf(id, 32, "%s", resp_jstr(r, "id"));
	resp_free(r);
}

/* tom triages a report (API); the case id into case_id when accepted. */
static void
triage(struct world *w, const char *id, const char *body, char *case_id, size_t csz)
{
	char		 path[96];
	struct resp	*r;

	snprintf(path, sizeof(path), "/api/v1/reports/%s/triage", id);
	r = api(w->s, "POST", path, &w->tom, body, NULL);
	assert_status(r, 200);
	if (case_id != NULL)
		snprintf(case_id, csz, "%s", resp_jstr(r, "case"));
	resp_free(r);
}

/* A report accepted into a new case. */
static void
new_case(struct world *w, const char *title, char report[32], char case_id[64])
{
	submit(w, title, report);
	triage(w, report, "{\"decision\":\"accept\",\"reason\":\"Reproduced.\"}", case_id, 64);
}

/* tom moves a case through the API. */
static void
api_move(struct world *w, const char *case_id, const char *to)
{
	char		 path[96], body[96];
	struct resp	*r;

	snprintf(path, sizeof(path), "/api/v1/cases/%s/transition", case_id);
	snprintf(body, sizeof(body), "{\"to\":\"%s\"}", to);
	r = api(w->s, "POST", path, &w->tom, body, NULL);
	assert_status(r, 200);
	resp_free(r);
}

/* GET a page whose path is the concatenation of the strings (NULL-ended), expecting want. */
static struct resp *
page(const struct world *w, const char *sess, const char *lang, long want, ...)
{
	char		 path[256];
	const char	*part;
	size_t		 n = 0;
	struct resp	*r;
	va_list		 ap;

	path[0] = '\0';
	va_start(ap, want);
	while ((part = va_arg(ap, const char *)) != NULL) {
		snprintf(path + n, sizeof(path) - n, "%s", part);
		n = strlen(path);
	}
	va_end(ap);
	r = web_page(w->s, path, sess, lang);
	assert_status(r, want);
	return r;
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

/* Expect a status, and free the response. */
static void
expect(struct resp *r, long want)
{
	assert_status(r, want);
	resp_free(r);
}

/* POST and expect the redirect back to where want says. */
static void
post_ok(struct resp *r, const char *want)
{
	assert_status(r, 303);
	assert_string_equal(resp_header(r, "Location"), want);
	resp_free(r);
}

static void
test_web_cases__staff_case_page(void **state)
{
	struct world	*w = boot(state);
	struct resp	*r;
	char		 a[32], k[64], path[160], want[200], cookie[300], v[16];

	new_case(w, "Overflow in the <frame> parser", a, k);
	/* triage's scores and grades, shown for the case's report */
	snprintf(path, sizeof(path), "/api/v1/reports/%s/assessment", a);
	r = api(w->s, "PUT", path, &w->tom, "{\"cvss_v3\":\"" V31_CRITICAL "\",\"gbt\":{"
	    "\"access_path\":\"network\",\"trigger\":\"low\",\"privilege\":\"none\","
	    "\"interaction\":\"none\",\"confidentiality\":\"severe\",\"integrity\":"
	    "\"severe\",\"availability\":\"severe\"}}", NULL);
	assert_status(r, 200);
	resp_free(r);

	/* Bring acme in through the form, then notify it. */
	snprintf(path, sizeof(path), "/cases/%s/vendors", k);
	snprintf(want, sizeof(want), "/cases/%s?done=vendor_added#vendors", k);
	post_ok(post(w, w->tom_web, w->csrf_tom, path, "org", "acme", "role", "vendor",
	    NULL), want);
	/* Twice is refused, beside the form. */
	r = post(w, w->tom_web, w->csrf_tom, path, "org", "acme", "role", "vendor", NULL);
	assert_status(r, 422);
	assert_contains(r->body, "That organisation is already a vendor in this case.");
	assert_contains(r->body, "id=\"f-vendor-org\" name=\"org\" "
	    "aria-describedby=\"f-vendor-org-hint f-vendor-org-error\" aria-invalid=\"true\"");
	resp_free(r);
	/* An authority is no vendor. */
	r = post(w, w->tom_web, w->csrf_tom, path, "org", "gov", "role", "vendor", NULL);
	assert_status(r, 422);
	assert_contains(r->body, "Only a provider organisation can be a vendor in a case.");
	resp_free(r);

	r = page(w, w->tom_web, "en", 200, "/cases/", k, NULL);
	assert_security_headers(r);
	assert_not_contains(r->body, "<script>");
	snprintf(want, sizeof(want), "<code>%s</code> <span class=\"badge cstate "
	    "cstate-verified\">Verified</span>", k);
	assert_contains(r->body, want);
	/* The title is escaped. */
	assert_contains(r->body, "<h1>Overflow in the &lt;frame&gt; parser</h1>");
	/* The report, its score and its grade. */
	snprintf(want, sizeof(want), "<a href=\"/reports/%s\"><code>%s</code></a>", a, a);
	assert_contains(r->body, want);
	assert_contains(r->body, "9.8 CRITICAL");
	assert_contains(r->body, "badge grade grade-critical");
	/* The vendor with its status, and the forms. */
	assert_contains(r->body, "<h3>Acme Networks <code>acme</code></h3>");
	assert_contains(r->body, "vstatus-not_contacted\">Not contacted</span>");
	snprintf(want, sizeof(want), "action=\"/cases/%s/vendors/acme/notify\"", k);
	assert_contains(r->body, want);
	snprintf(want, sizeof(want), "action=\"/cases/%s/vendors\"", k);
	assert_contains(r->body, want);
	snprintf(want, sizeof(want), "action=\"/cases/%s/transition\"", k);
	assert_contains(r->body, want);
	/* Only the moves the workflow allows from verified are offered. */
	assert_contains(r->body, "<option value=\"graded\">Graded</option>");
	assert_not_contains(r->body, "<option value=\"fix_available\">");
	/* The timeline. */
	assert_contains(r->body, "<h2>Timeline</h2>");
	assert_contains(r->body, "Case opened");
	assert_contains(r->body, "Report added");
	assert_contains(r->body, "Vendor added");
	assert_contains(r->body, "Reproduced.");
	/* The conversation form (internal by default for staff). */
	assert_contains(r->body, "<option value=\"internal\" selected>");
	assert_contains(r->body, "<option value=\"vendor:acme\">");
	assert_contains(r->body, "enctype=\"multipart/form-data\"");
	resp_free(r);

	snprintf(path, sizeof(path), "/cases/%s/vendors/acme/notify", k);
	snprintf(want, sizeof(want), "/cases/%s?done=notified#vendors", k);
	post_ok(post(w, w->tom_web, w->csrf_tom, path, NULL), want);
	r = page(w, w->tom_web, "en", 200, "/cases/", k, "?done=notified", NULL);
	assert_contains(r->body, "vstatus-notified\">Notified</span>");
	assert_contains(r->body, "The vendor&#39;s members were notified");
	assert_contains(r->body, "Notify again");
	resp_free(r);

	/* The list, newest first, with a state filter. */
	r = page(w, w->tom_web, "en", 200, "/cases", NULL);
	snprintf(want, sizeof(want), "<a href=\"/cases/%s\"><code>%s</code></a>", k, k);
	assert_contains(r->body, want);
	assert_contains(r->body, "<h1>Cases</h1>");
	/* The navigation leads here. */
	assert_contains(r->body, "<a href=\"/cases\" aria-current=\"page\">Cases</a>");
	resp_free(r);
	r = page(w, w->tom_web, "en", 200, "/cases?state=graded", NULL);
	assert_not_contains(r->body, want);
	assert_contains(r->body, "No cases match.");
	resp_free(r);
	r = page(w, w->tom_web, "en", 400, "/cases?state=bogus", NULL);
	resp_free(r);
	r = page(w, w->tom_web, "en", 404, "/cases/LD-C-2026-999999", NULL);
	resp_free(r);
	r = page(w, w->tom_web, "en", 404, "/cases/not-a-case", NULL);
	resp_free(r);

	/* In Chinese, by the language switch. */
	snprintf(path, sizeof(path), "/lang?to=zh&next=/cases/%s", k);
	r = web_page(w->s, path, w->tom_web, "en");
	assert_status(r, 303);
	assert_string_equal(resp_header(r, "Location"), path + strlen("/lang?to=zh&next="));
	assert_true(resp_cookie(r, "ld_lang", v, sizeof(v)));
	assert_string_equal(v, "zh");
	resp_free(r);
	snprintf(cookie, sizeof(cookie), "%s; ld_lang=zh", w->tom_web);
	r = page(w, cookie, "en", 200, "/cases/", k, NULL);
	assert_contains(r->body, "<html lang=\"zh-CN\">");
	assert_contains(r->body, "cstate-verified\">已验证</span>");
	assert_contains(r->body, "<h2>处置时间线</h2>");
	assert_contains(r->body, "vstatus-notified\">已通知</span>");
	assert_contains(r->body, "超危");
	assert_contains(r->body, "<option value=\"graded\">已定级</option>");
	resp_free(r);
	r = page(w, cookie, "en", 200, "/", NULL);
	assert_contains(r->body, "<a href=\"/cases\">案件</a>");
	resp_free(r);

	/* A reporter has no case pages. */
	r = page(w, w->rita_web, "en", 403, "/cases", NULL);
	resp_free(r);
}

static void
test_web_cases__illegal_move_shows_the_rule(void **state)
{
	struct world	*w = boot(state);
	struct resp	*r;
	char		 a[32], k[64], path[160], want[200];

	new_case(w, "Overflow", a, k);
	snprintf(path, sizeof(path), "/cases/%s/transition", k);

	/* Not a move the workflow has: the message names what may follow, and the rule. */
	r = post(w, w->tom_web, w->csrf_tom, path, "to", "fix_available", "reason", "", NULL);
	assert_status(r, 422);
	assert_security_headers(r);
	assert_contains(r->body, "The workflow does not allow this move; from here the case "
	    "can go to: graded");
	assert_contains(r->body, "<p class=\"rule\">Rule: <code>R34</code></p>");
	/* Nothing changed. */
	assert_contains(r->body, "cstate-verified\">Verified</span>");
	resp_free(r);

	/* Closing early needs a reason: said beside the reason field. */
	r = post(w, w->tom_web, w->csrf_tom, path, "to", "closed", "reason", "", NULL);
	assert_status(r, 422);
	assert_contains(r->body, "<code>R34.reason</code>");
	assert_contains(r->body, "<p class=\"error\" id=\"f-reason-error\">This move needs a "
	    "reason.</p>");
	assert_contains(r->body, "<option value=\"closed\" selected>");
	resp_free(r);

	/* In Chinese too. */
	{
		struct web_form	f = { .len = 0 };

		web_form_add(&f, "csrf", w->csrf_tom);
		web_form_add(&f, "to", "fix_available");
		r = web_post_form(w->s, path, w->tom_web, &f, "zh-CN");
		assert_status(r, 422);
		assert_contains(r->body, "处置流程不允许此变更");
		assert_contains(r->body, "<code>R34</code>");
		resp_free(r);
	}

	/* A vendor member may not move a case. */
	r = post(w, w->vera_web, w->csrf_vera, path, "to", "graded", NULL);
	assert_status(r, 403);
	resp_free(r);

	/* A legal move: back to the case, on the timeline with its reason. */
	snprintf(want, sizeof(want), "/cases/%s?done=moved#move", k);
	post_ok(post(w, w->tom_web, w->csrf_tom, path, "to", "graded", "reason",
	    "CVSS & grade agreed", NULL), want);
	r = page(w, w->tom_web, "en", 200, "/cases/", k, "?done=moved", NULL);
	assert_contains(r->body, "cstate-graded\">Graded</span>");
	assert_contains(r->body, "The case was moved.");
	assert_contains(r->body, "State changed");
	assert_contains(r->body, "CVSS &amp; grade agreed");
	assert_contains(r->body, "<li class=\"step done\">Verified</li>"
	    "<li class=\"step current\" aria-current=\"step\">Graded</li>");
	resp_free(r);
}

static void
test_web_cases__vendor_inbox(void **state)
{
	struct world	*w = boot(state);
	struct resp	*r;
	char		 a[32], b[32], k1[64], k2[64], path[160], want[200], id1[200], id2[200];
	char		 notice_form[160];
	const char	*p, *q;

	new_case(w, "Router overflow", a, k1);
	new_case(w, "Camera overflow", b, k2);
	snprintf(path, sizeof(path), "/cases/%s/vendors", k1);
	expect(post(w, w->tom_web, w->csrf_tom, path, "org", "acme", NULL), 303);
	snprintf(path, sizeof(path), "/cases/%s/vendors/acme/notify", k1);
	expect(post(w, w->tom_web, w->csrf_tom, path, NULL), 303);
	snprintf(path, sizeof(path), "/cases/%s/vendors", k2);
	expect(post(w, w->tom_web, w->csrf_tom, path, "org", "beta", NULL), 303);

	/* Vera's inbox: acme's case only, and the notice about it. */
	snprintf(id1, sizeof(id1), "<a href=\"/cases/%s\"><code>%s</code></a>", k1, k1);
	snprintf(id2, sizeof(id2), "<a href=\"/cases/%s\"><code>%s</code></a>", k2, k2);
	r = page(w, w->vera_web, "en", 200, "/cases", NULL);
	assert_security_headers(r);
	assert_contains(r->body, "<h1>Vendor inbox</h1>");
	assert_contains(r->body, "The cases shared with your organisation (acme).");
	assert_contains(r->body, id1);
	assert_not_contains(r->body, id2);
	assert_contains(r->body, "<h2>New notices</h2>");
	assert_contains(r->body, "has a vulnerability case about your products");
	/* Mark it seen: it leaves the list. */
	p = strstr(r->body, "action=\"/notices/");
	assert_non_null(p);
	q = strchr(p + 8, '"');
	assert_non_null(q);
	snprintf(notice_form, sizeof(notice_form), "%.*s", (int)(q - (p + 8)), p + 8);
	resp_free(r);
	post_ok(post(w, w->vera_web, w->csrf_vera, notice_form, NULL), "/cases#notices");
	r = page(w, w->vera_web, "en", 200, "/cases", NULL);
	assert_not_contains(r->body, "New notices");
	assert_contains(r->body, id1);
	resp_free(r);
	/* In Chinese. */
	r = page(w, w->vera_web, "zh-CN", 200, "/cases", NULL);
	assert_contains(r->body, "<h1>厂商收件箱</h1>");
	resp_free(r);

	/* Another organisation's case is not found, as one that does not exist. */
	r = page(w, w->vera_web, "en", 404, "/cases/", k2, NULL);
	assert_contains(r->body, "There is no such case.");
	resp_free(r);
	r = page(w, w->bob_web, "en", 404, "/cases/", k1, NULL);
	resp_free(r);

	/* The case as vera sees it: her status form, no reports, no timeline. */
	r = page(w, w->vera_web, "en", 200, "/cases/", k1, NULL);
	assert_contains(r->body, "<h2>Your organisation in this case</h2>");
	snprintf(want, sizeof(want), "action=\"/cases/%s/vendors/acme/status\"", k1);
	assert_contains(r->body, want);
	assert_contains(r->body, "<option value=\"not_affected\">Not affected</option>");
	/* Contact states are the coordinator's: not offered. */
	assert_not_contains(r->body, "<option value=\"unresponsive\"");
	snprintf(want, sizeof(want), "/reports/%s", a);
	assert_not_contains(r->body, want);
	assert_not_contains(r->body, "<h2>Timeline</h2>");
	assert_not_contains(r->body, "Move the case");
	assert_not_contains(r->body, "Bring a vendor in");
	assert_not_contains(r->body, "Reproduced.");
	resp_free(r);

	/* not_affected needs a justification: said beside it. */
	snprintf(path, sizeof(path), "/cases/%s/vendors/acme/status", k1);
	r = post(w, w->vera_web, w->csrf_vera, path, "status", "not_affected", "statement",
	    "No such parser in our firmware.", NULL);
	assert_status(r, 422);
	assert_contains(r->body, "id=\"f-justification-error\"");
	assert_contains(r->body, "not_affected needs a VEX justification");
	/* What was typed comes back. */
	assert_contains(r->body, "No such parser in our firmware.</textarea>");
	resp_free(r);
	snprintf(want, sizeof(want), "/cases/%s?done=status#mine", k1);
	post_ok(post(w, w->vera_web, w->csrf_vera, path, "status", "not_affected",
	    "justification", "component_not_present", "statement",
	    "No such parser in our firmware.", NULL), want);
	r = page(w, w->vera_web, "en", 200, "/cases/", k1, "?done=status", NULL);
	assert_contains(r->body, "vstatus-not_affected\">Not affected</span>");
	assert_contains(r->body, "The component is not present");
	assert_contains(r->body, "Not approved yet: only the coordinators see it");
	resp_free(r);
	/* Not for another organisation. */
	snprintf(path, sizeof(path), "/cases/%s/vendors/beta/status", k1);
	r = post(w, w->vera_web, w->csrf_vera, path, "status", "affected", NULL);
	assert_status(r, 404);
	resp_free(r);

	/* The conversation: an internal note and a message for acme. */
	snprintf(path, sizeof(path), "/cases/%s/messages", k1);
	snprintf(want, sizeof(want), "/cases/%s?done=posted#conversation", k1);
	post_ok(post(w, w->tom_web, w->csrf_tom, path, "body",
	    "Internal: the exploit is **trivial**", "visibility", "internal", NULL), want);
	post_ok(post(w, w->tom_web, w->csrf_tom, path, "body",
	    "Please confirm the firmware version.", "visibility", "vendor:acme", NULL), want);
	/* Vera answers (her default: to acme's thread). */
	post_ok(post(w, w->vera_web, w->csrf_vera, path, "body",
	    "Version 2.4 <script>alert(1)</script>", NULL), want);
	/* An empty message is refused beside the field. */
	r = post(w, w->vera_web, w->csrf_vera, path, "body", "", NULL);
	assert_status(r, 422);
	assert_contains(r->body, "id=\"f-body-error\"");
	resp_free(r);

	r = page(w, w->vera_web, "en", 200, "/cases/", k1, NULL);
	assert_contains(r->body, "Please confirm the firmware version.");
	assert_contains(r->body, "Version 2.4");
	assert_not_contains(r->body, "<script>alert(1)</script>");
	/* Never an internal note. */
	assert_not_contains(r->body, "the exploit is");
	assert_not_contains(r->body, "<option value=\"internal\"");
	resp_free(r);
	/* Staff see all three, the Markdown rendered. */
	r = page(w, w->tom_web, "en", 200, "/cases/", k1, NULL);
	assert_contains(r->body, "Internal: the exploit is <strong>trivial</strong>");
	assert_contains(r->body, "Internal note (staff only)");
	assert_contains(r->body, "Please confirm the firmware version.");
	assert_contains(r->body, "Version 2.4");
	assert_not_contains(r->body, "<script>alert(1)</script>");
	/* Vera's statement waits for approval; the coordinator may approve it. */
	snprintf(want, sizeof(want), "action=\"/cases/%s/vendors/acme/approve\"", k1);
	assert_contains(r->body, want);
	resp_free(r);
	snprintf(path, sizeof(path), "/cases/%s/vendors/acme/approve", k1);
	snprintf(want, sizeof(want), "/cases/%s?done=approved#vendors", k1);
	post_ok(post(w, w->tom_web, w->csrf_tom, path, NULL), want);
	r = page(w, w->tom_web, "en", 200, "/cases/", k1, NULL);
	assert_contains(r->body, "Approved: shared with the other participants");
	resp_free(r);
}

static void
test_web_cases__reporter_progress(void **state)
{
	struct world	*w = boot(state);
	struct resp	*r;
	char		 a[32], d[32], k[64], path[160], want[200];

	/* A question from triage, answered on the report page. */
	submit(w, "Unclear crash", d);
	triage(w, d, "{\"decision\":\"needs_info\",\"reason\":\"Which firmware <version>?\"}",
	    NULL, 0);
	r = page(w, w->rita_web, "en", 200, "/reports/", d, NULL);
	assert_security_headers(r);
	assert_contains(r->body, "<h2>Progress of your report</h2>");
	assert_contains(r->body, "More information needed from you");
	assert_contains(r->body, "Which firmware &lt;version&gt;?");
	snprintf(want, sizeof(want), "action=\"/reports/%s/reply\"", d);
	assert_contains(r->body, want);
	resp_free(r);
	/* Staff do not get the reporter's panel. */
	r = page(w, w->tom_web, "en", 200, "/reports/", d, NULL);
	assert_not_contains(r->body, "Progress of your report");
	resp_free(r);

	snprintf(path, sizeof(path), "/reports/%s/reply", d);
	r = post(w, w->rita_web, w->csrf_rita, path, "body", "", NULL);
	assert_status(r, 422);
	assert_contains(r->body, "id=\"f-reply-body-error\"");
	resp_free(r);
	snprintf(want, sizeof(want), "/reports/%s#progress", d);
	post_ok(post(w, w->rita_web, w->csrf_rita, path, "body",
	    "Firmware **1.4.2**, build 77.", NULL), want);
	r = page(w, w->rita_web, "en", 200, "/reports/", d, NULL);
	assert_contains(r->body, "Firmware <strong>1.4.2</strong>, build 77.");
	assert_contains(r->body, "Question from triage");
	/* Back with triage: no second answer form. */
	snprintf(want, sizeof(want), "action=\"/reports/%s/reply\"", d);
	assert_not_contains(r->body, want);
	resp_free(r);
	/* Nobody else answers for rita. */
	r = post(w, w->tom_web, w->csrf_tom, path, "body", "Not mine to answer.", NULL);
	assert_true(r->status == 404 || r->status == 409 || r->status == 422);
	resp_free(r);

	/* An accepted report: the case's steps, then a retest once it is fixed. */
	new_case(w, "Heap overflow", a, k);
	r = page(w, w->rita_web, "en", 200, "/reports/", a, NULL);
	assert_contains(r->body, "Accepted and being handled");
	snprintf(want, sizeof(want), "<code>%s</code> <span class=\"badge cstate "
	    "cstate-verified\">Verified</span>", k);
	assert_contains(r->body, want);
	assert_contains(r->body, "<li class=\"step current\" aria-current=\"step\">"
	    "Verified</li><li class=\"step\">Graded</li>");
	snprintf(want, sizeof(want), "action=\"/reports/%s/retest\"", a);
	assert_not_contains(r->body, want);
	/* The staff's note stays with the staff. */
	assert_not_contains(r->body, "Reproduced.");
	resp_free(r);
	api_move(w, k, "graded");
	api_move(w, k, "vendor_notified");
	api_move(w, k, "in_remediation");
	api_move(w, k, "fix_available");
	r = page(w, w->rita_web, "zh-CN", 200, "/reports/", a, NULL);
	assert_contains(r->body, "<h2>报告处理进展</h2>");
	assert_contains(r->body, "<li class=\"step done\">修复中</li>"
	    "<li class=\"step current\" aria-current=\"step\">已有修复</li>");
	assert_contains(r->body, want);
	resp_free(r);

	snprintf(path, sizeof(path), "/reports/%s/retest", a);
	r = post(w, w->rita_web, w->csrf_rita, path, "outcome", "maybe", NULL);
	assert_status(r, 422);
	assert_contains(r->body, "id=\"f-outcome-error\"");
	resp_free(r);
	snprintf(want, sizeof(want), "/reports/%s#progress", a);
	post_ok(post(w, w->rita_web, w->csrf_rita, path, "outcome", "confirmed", "body",
	    "Patched build no longer crashes.", NULL), want);
	r = page(w, w->rita_web, "en", 200, "/reports/", a, NULL);
	assert_contains(r->body, "Retest: fix confirmed");
	assert_contains(r->body, "Patched build no longer crashes.");
	resp_free(r);
	/* The coordinator sees it on the timeline. */
	r = page(w, w->tom_web, "en", 200, "/cases/", k, NULL);
	assert_contains(r->body, "Retest by the reporter");
	resp_free(r);
}

/* POST a product of org as the admin (API); its id. */
static long long
product_add(struct world *w, const struct cred *admin, const char *org, const char *body)
{
	char		 path[128];
	struct resp	*r;
	long long	 id;

	snprintf(path, sizeof(path), "/api/v1/admin/orgs/%s/products", org);
	r = api(w->s, "POST", path, admin, body, NULL);
	assert_status(r, 201);
	id = (long long)json_integer_value(json_object_get(resp_json(r), "id"));
	assert_true(id > 0);
	resp_free(r);
	return id;
}

/* The part of body from the first occurrence of from up to the next until (or the end). */
static char *
slice(const char *body, const char *from, const char *until)
{
	const char	*p = strstr(body, from), *q;
	char		*out;

	assert_non_null(p);
	q = strstr(p + strlen(from), until);
	out = strndup(p, q != NULL ? (size_t)(q - p) : strlen(p));
	assert_non_null(out);
	return out;
}

static void
test_web_cases__products_and_supply_chain(void **state)
{
	struct world	*w = boot(state);
	struct cred	 admin;
	struct resp	*r;
	long long	 libfoo, router;
	char		 a[32], k[64], path[160], want[400], body[96], *part;

	/* beta's library is a component of acme's router (API, as the admin). */
	srv_admin_session(w->s, "admin-password-0123456789", &admin);
	libfoo = product_add(w, &admin, "beta", "{\"name\":\"libfoo\",\"versions\":"
	    "\"1.0-1.2\",\"purl\":\"pkg:generic/beta/libfoo@1.2\"}");
	router = product_add(w, &admin, "acme", "{\"name\":\"Router X1\",\"model\":"
	    "\"X1\"}");
	snprintf(path, sizeof(path), "/api/v1/products/%lld/components", router);
	snprintf(body, sizeof(body), "{\"component\":%lld,\"versions\":\"1.2.x\"}", libfoo);
	r = api(w->s, "POST", path, &admin, body, NULL);
	assert_status(r, 201);
	resp_free(r);

	new_case(w, "Overflow in libfoo's parser", a, k);
	r = page(w, w->tom_web, "en", 200, "/cases/", k, NULL);
	assert_contains(r->body, "<h2>Affected products</h2>");
	assert_contains(r->body, "No affected product has been recorded yet.");
	assert_contains(r->body, "<h2>Supply chain</h2>");
	assert_contains(r->body, "No proposal yet: add the affected products first.");
	snprintf(want, sizeof(want), "action=\"/cases/%s/products\"", k);
	assert_contains(r->body, want);
	assert_contains(r->body, "<input type=\"checkbox\" value=\"on\" id=\"f-upstream\" "
	    "name=\"upstream\">");
	assert_not_contains(r->body, "<script");
	resp_free(r);

	/* The picker: a GET search listing products with their numbers. */
	r = page(w, w->tom_web, "en", 200, "/cases/", k, "?product_q=LIBF", NULL);
	snprintf(want, sizeof(want), "<tr><td><code class=\"product-id\">%lld</code></td>"
	    "<td>libfoo</td><td>Beta Devices <code>beta</code></td></tr>", libfoo);
	assert_contains(r->body, want);
	assert_contains(r->body, "name=\"product_q\" maxlength=\"100\" value=\"LIBF\"");
	assert_not_contains(r->body, "<td>Router X1");
	resp_free(r);
	r = page(w, w->tom_web, "en", 200, "/cases/", k, "?product_q=%3Cnothing%3E", NULL);
	assert_contains(r->body, "No product matches.");
	assert_contains(r->body, "value=\"&lt;nothing&gt;\"");
	resp_free(r);

	/* A product that does not exist is refused beside the field, as typed. */
	snprintf(path, sizeof(path), "/cases/%s/products", k);
	r = post(w, w->tom_web, w->csrf_tom, path, "product", "999999", "versions", "2.x",
	    "upstream", "on", NULL);
	assert_status(r, 422);
	assert_contains(r->body, "<p class=\"error\" id=\"f-product-error\">There is no such "
	    "product.</p>");
	assert_contains(r->body, "aria-invalid=\"true\" value=\"999999\"");
	assert_contains(r->body, "name=\"versions\" aria-describedby=\"f-versions-hint\" "
	    "value=\"2.x\"");
	assert_contains(r->body, "name=\"upstream\" checked>");
	assert_contains(r->body, "No affected product has been recorded yet.");
	resp_free(r);
	/* No number at all: the same. */
	r = post(w, w->tom_web, w->csrf_tom, path, "versions", "2.x", NULL);
	assert_status(r, 422);
	assert_contains(r->body, "id=\"f-product-error\">There is no such product.</p>");
	resp_free(r);

	/* libfoo, marked upstream: the flaw is in the component. */
	snprintf(body, sizeof(body), "%lld", libfoo);
	snprintf(want, sizeof(want), "/cases/%s?done=product_added#products", k);
	post_ok(post(w, w->tom_web, w->csrf_tom, path, "product", body, "versions",
	    "1.0-1.2", "upstream", "on", NULL), want);
	/* Twice is refused. */
	r = post(w, w->tom_web, w->csrf_tom, path, "product", body, NULL);
	assert_status(r, 422);
	assert_contains(r->body, "That product is already in this case.");
	resp_free(r);

	r = page(w, w->tom_web, "en", 200, "/cases/", k, "?done=product_added", NULL);
	assert_contains(r->body, "The product was added to the case.");
	assert_contains(r->body, "<tr><td>libfoo <span class=\"badge upstream\">Upstream "
	    "component</span></td><td></td><td>Beta Devices <code>beta</code></td>"
	    "<td>1.0-1.2</td></tr>");
	assert_contains(r->body, "Affected product added");
	/* The proposals: beta upstream (the flaw is in its library), acme downstream. */
	part = slice(r->body, "<li class=\"proposal\"><h3>Beta Devices <code>beta</code>",
	    "</li>\n");
	assert_contains(part, "<span class=\"badge\">Upstream supplier of a component</span>");
	assert_contains(part, "<li>The flaw is in its product, a component of others: "
	    "<span class=\"supply-path\">libfoo</span></li>");
	snprintf(want, sizeof(want), "action=\"/cases/%s/vendors\">", k);
	assert_contains(part, want);
	assert_contains(part, "<input type=\"hidden\" name=\"org\" value=\"beta\">"
	    "<input type=\"hidden\" name=\"role\" value=\"upstream\">");
	assert_contains(part, "Add to the case as proposed");
	free(part);
	part = slice(r->body, "<li class=\"proposal\"><h3>Acme Networks <code>acme</code>",
	    "</li>\n");
	assert_contains(part, "<span class=\"badge\">Downstream vendor including the "
	    "product</span>");
	assert_contains(part, "<li>Its product includes an affected product: "
	    "<span class=\"supply-path\">libfoo → Router X1</span></li>");
	assert_contains(part, "name=\"role\" value=\"downstream\"");
	free(part);
	/* Strongest reason first: beta before acme. */
	assert_true(strstr(r->body, "<h3>Beta Devices <code>beta</code>") <
	    strstr(r->body, "<h3>Acme Networks <code>acme</code>"));
	resp_free(r);

	/* Confirm beta with its button: the add-vendor handler, role upstream. */
	snprintf(path, sizeof(path), "/cases/%s/vendors", k);
	snprintf(want, sizeof(want), "/cases/%s?done=vendor_added#vendors", k);
	post_ok(post(w, w->tom_web, w->csrf_tom, path, "org", "beta", "role", "upstream",
	    NULL), want);
	r = page(w, w->tom_web, "en", 200, "/cases/", k, NULL);
	part = slice(r->body, "<li class=\"vendor-card\"><h3>Beta Devices <code>beta</code>",
	    "</li>\n");
	assert_contains(part, "vstatus-not_contacted\">Not contacted</span> "
	    "<span class=\"badge\">Upstream supplier of a component</span>");
	free(part);
	/* Now listed as in the case, without a button; acme still proposed. */
	part = slice(r->body, "<li class=\"proposal in-case\"><h3>Beta Devices "
	    "<code>beta</code>", "</li>\n");
	assert_contains(part, "<span class=\"badge in-case\">Already in the case</span>");
	assert_not_contains(part, "<form");
	free(part);
	assert_contains(r->body, "<li class=\"proposal\"><h3>Acme Networks <code>acme</code>");
	assert_contains(r->body, "<input type=\"hidden\" name=\"org\" value=\"acme\">");
	assert_not_contains(r->body, "<input type=\"hidden\" name=\"org\" value=\"beta\">");
	resp_free(r);

	/* In Chinese. */
	r = page(w, w->tom_web, "zh-CN", 200, "/cases/", k, NULL);
	assert_contains(r->body, "<h2>受影响产品</h2>");
	assert_contains(r->body, "<span class=\"badge upstream\">上游组件</span>");
	assert_contains(r->body, "<h2>供应链</h2>");
	assert_contains(r->body, "<li>其产品包含受影响的产品：<span class=\"supply-path\">"
	    "libfoo → Router X1</span></li>");
	assert_contains(r->body, "<span class=\"badge in-case\">已在本案件中</span>");
	resp_free(r);

	/* Not for a vendor member: no products section, and the form is refused. */
	r = page(w, w->bob_web, "en", 200, "/cases/", k, NULL);
	assert_not_contains(r->body, "Affected products");
	assert_not_contains(r->body, "Supply chain");
	resp_free(r);
	{
		char	csrf_bob[128];

		csrf_of(w->s, w->bob_web, csrf_bob, sizeof(csrf_bob));
		snprintf(path, sizeof(path), "/cases/%s/products", k);
		snprintf(body, sizeof(body), "%lld", router);
		expect(post(w, w->bob_web, csrf_bob, path, "product", body, NULL), 403);
	}
}

static void
test_web_cases__participants_form(void **state)
{
	struct world	*w = boot(state);
	struct resp	*r;
	char		 a[32], k[64], path[160], want[200], *part;

	new_case(w, "Overflow", a, k);
	r = page(w, w->tom_web, "en", 200, "/cases/", k, NULL);
	snprintf(want, sizeof(want), "action=\"/cases/%s/participants\"", k);
	assert_contains(r->body, want);
	assert_contains(r->body, "<option value=\"coordinator\" selected>Coordinator</option>"
	    "<option value=\"observer\">Observer</option>");
	/* The reporter is listed with their party type, and cannot be removed. */
	part = slice(r->body, "<li>Rita Reporter", "</li>");
	assert_contains(part, "<span class=\"badge\">Reporter</span>");
	assert_contains(part, "<span class=\"party\" title=\"Party type\">");
	assert_not_contains(part, "<form");
	free(part);
	snprintf(want, sizeof(want), "/cases/%s/participants/rita/remove", k);
	assert_not_contains(r->body, want);
	resp_free(r);
	/* Gina cannot see the case before she is added. */
	r = page(w, w->gina_web, "en", 404, "/cases/", k, NULL);
	resp_free(r);

	/* A regulator as observer. */
	snprintf(path, sizeof(path), "/cases/%s/participants", k);
	snprintf(want, sizeof(want), "/cases/%s?done=participant_added#participants", k);
	post_ok(post(w, w->tom_web, w->csrf_tom, path, "login", "gina", "role", "observer",
	    NULL), want);
	r = page(w, w->tom_web, "en", 200, "/cases/", k, "?done=participant_added", NULL);
	assert_contains(r->body, "The person now takes part in the case.");
	part = slice(r->body, "<li>Gina Regulator", "</li>");
	assert_contains(part, "<span class=\"badge\">Observer</span> <span class=\"party\" "
	    "title=\"Party type\">Vulnerability repository organisation</span>");
	snprintf(want, sizeof(want), "action=\"/cases/%s/participants/gina/remove\"", k);
	assert_contains(part, want);
	free(part);
	assert_contains(r->body, "Participant added");
	resp_free(r);
	/* She now reads the case. */
	r = page(w, w->gina_web, "en", 200, "/cases/", k, NULL);
	assert_not_contains(r->body, "Add a person");
	assert_not_contains(r->body, "/remove\"");
	resp_free(r);
	/* In Chinese, with her party type. */
	r = page(w, w->tom_web, "zh-CN", 200, "/cases/", k, NULL);
	assert_contains(r->body, "<span class=\"badge\">观察员</span> <span class=\"party\" "
	    "title=\"参与方类型\">漏洞收录组织</span>");
	resp_free(r);

	/* A reporter's account as coordinator: refused beside the login, as typed. */
	r = post(w, w->tom_web, w->csrf_tom, path, "login", "rita", "role", "coordinator",
	    NULL);
	assert_status(r, 422);
	assert_contains(r->body, "<p class=\"error\" id=\"f-login-error\">A coordinator must "
	    "be a triager, coordinator or admin account.</p>");
	assert_contains(r->body, "aria-invalid=\"true\" value=\"rita\"");
	assert_contains(r->body, "<option value=\"coordinator\" selected>");
	resp_free(r);
	/* Nobody by that login. */
	r = post(w, w->tom_web, w->csrf_tom, path, "login", "nobody", "role", "observer",
	    NULL);
	assert_status(r, 422);
	assert_contains(r->body, "There is no active account with that login.");
	assert_contains(r->body, "<option value=\"observer\" selected>");
	resp_free(r);
	/* Twice. */
	r = post(w, w->tom_web, w->csrf_tom, path, "login", "gina", "role", "observer", NULL);
	assert_status(r, 422);
	assert_contains(r->body, "That person already takes part in this case.");
	resp_free(r);
	/* A vendor member may not add anyone. */
	expect(post(w, w->vera_web, w->csrf_vera, path, "login", "gina", "role", "observer",
	    NULL), 403);

	/* The reporter cannot be removed, even by a hand-made form: the rule says why. */
	snprintf(path, sizeof(path), "/cases/%s/participants/rita/remove", k);
	r = post(w, w->tom_web, w->csrf_tom, path, NULL);
	assert_status(r, 422);
	assert_contains(r->body, "A reporter takes part while their report is in the case "
	    "and cannot be removed.");
	assert_contains(r->body, "<code>R35</code>");
	resp_free(r);

	/* Remove the observer. */
	snprintf(path, sizeof(path), "/cases/%s/participants/gina/remove", k);
	snprintf(want, sizeof(want), "/cases/%s?done=participant_removed#participants", k);
	post_ok(post(w, w->tom_web, w->csrf_tom, path, NULL), want);
	r = page(w, w->tom_web, "en", 200, "/cases/", k, "?done=participant_removed", NULL);
	assert_contains(r->body, "The person no longer takes part in the case.");
	assert_not_contains(r->body, "<li>Gina Regulator");
	assert_contains(r->body, "Participant removed");
	resp_free(r);
	r = page(w, w->gina_web, "en", 404, "/cases/", k, NULL);
	resp_free(r);
	/* Gone already: said beside the list. */
	r = post(w, w->tom_web, w->csrf_tom, path, NULL);
	assert_status(r, 422);
	assert_contains(r->body, "That person does not take part in this case.");
	resp_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_web_cases__staff_case_page, srv_setup,
		    srv_teardown),
		cmocka_unit_test_setup_teardown(test_web_cases__illegal_move_shows_the_rule,
		    srv_setup, srv_teardown),
		cmocka_unit_test_setup_teardown(test_web_cases__vendor_inbox, srv_setup,
		    srv_teardown),
		cmocka_unit_test_setup_teardown(test_web_cases__reporter_progress, srv_setup,
		    srv_teardown),
		cmocka_unit_test_setup_teardown(test_web_cases__products_and_supply_chain,
		    srv_setup, srv_teardown),
		cmocka_unit_test_setup_teardown(test_web_cases__participants_form, srv_setup,
		    srv_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
