/*
 * Notices of risk and remedy to users and downstream vendors (issue 6,
 * Art. 7(3), R6), on a real server with a real SMTP server on loopback:
 *  - a case whose router vendor (acme) fixes the flaw in 2.2, with a
 *    downstream vendor (dsco) in the case and another organisation (gamma)
 *    whose product includes the router, proposed by the supply chain;
 *  - before the fix a notice is refused (409, rule Art. 7(3));
 *  - the draft proposes dsco's member's address, the fixed version, the
 *    affected versions, and no undisclosed detail;
 *  - a bad address, no recipients at all: 400 naming "recipients"; a
 *    vendor member may neither send nor read (403);
 *  - sent with the downstream vendors and an address typed by hand (a
 *    customer's account; the same address twice goes once): 201 with two
 *    recipients; both mails arrive with the subject, the text and the
 *    support channel line, and the listing shows both delivered; the
 *    timeline has the user_notice event and the audit log the entry;
 *  - the case page shows the staff the section, the notice (escaped) and
 *    the form; a refused form comes back with its refusal, a good one
 *    redirects to the section (an address outside the accounts is refused
 *    by Art. 9(7), the downstream vendor still told);
 *  - Art. 9(7) (the disclosure gate): a notice of an undisclosed case goes
 *    to no one abroad and to no address of unknown jurisdiction, except the
 *    affected product's own provider; refused recipients are kept, marked
 *    refused, and never mailed; when nobody is left, 409 with the rule;
 *    every decision is in the gate's log.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "harness.h"
#include "smtpd.h"

#define SUPPORT		"https://support.acme.example/hotline"
#define SUBJECT		"Router fix <b>now</b> & then"

struct world {
	struct srv	srv;
	struct smtpd	smtp;
};

static int
setup(void **state)
{
	struct world	*t;

	if (!smtpd_available())
		return -1;
	t = calloc(1, sizeof(*t));
	assert_non_null(t);
	*state = t;
	return 0;
}

static int
teardown(void **state)
{
	struct world	*t = *state;
	size_t		 i;

	if (t == NULL)
		return 0;
	smtpd_cleanup(&t->smtp);
	if (t->srv.pid > 0)
		srv_stop(&t->srv);
	srv_remove(&t->srv);
	for (i = 0; i < t->srv.nenv; i++)
		free(t->srv.env[i]);
	free(t);
	return 0;
}

/* An account with an e-mail address, and its API token. */
static void
person(struct srv *s, const char *login, const char *role, const char *org,
    const char *email, struct cred *c)
{
	const char	*argv[16];
	int		 n = 0;

	argv[n++] = "user";
	argv[n++] = "add";
	argv[n++] = "--data-dir";
	argv[n++] = s->dir;
	argv[n++] = "--login";
	argv[n++] = login;
	argv[n++] = "--role";
	argv[n++] = role;
	argv[n++] = "--email";
	argv[n++] = email;
	if (org != NULL) {
		argv[n++] = "--org";
		argv[n++] = org;
	}
	argv[n++] = "--password-stdin";
	argv[n] = NULL;
	assert_int_equal(srv_cli(s, TEST_PASSWORD "\n", NULL, 0, argv), 0);
	memset(c, 0, sizeof(*c));
	srv_token_create(s, login, c->bearer, sizeof(c->bearer));
}

/* A provider organisation in country. */
static void
org_in(struct srv *s, const char *slug, const char *name, const char *country)
{
	assert_int_equal(srv_cli(s, NULL, NULL, 0, (const char *[]){ "org", "add",
	    "--data-dir", s->dir, "--slug", slug, "--name", name, "--kind", "provider",
	    "--country", country, NULL }), 0);
}

static void
org(struct srv *s, const char *slug, const char *name)
{
	org_in(s, slug, name, "CN");
}

/* method path as who with body: the status must be want; the response is returned. */
static struct resp *
call(struct srv *s, const struct cred *who, const char *method, const char *body,
    long want, const char *fmt, ...)
{
	struct resp	*r;
	char		 path[256];
	va_list		 ap;

	va_start(ap, fmt);
	vsnprintf(path, sizeof(path), fmt, ap);
	va_end(ap);
	r = api(s, method, path, who, body, NULL);
	assert_status(r, want);
	return r;
}

static void
done(struct resp *r)
{
	resp_free(r);
}

/* A product of an organisation (admin API); its id. */
static long long
product(struct srv *s, const struct cred *admin, const char *slug, const char *body)
{
	struct resp	*r;
	long long	 id;

	r = call(s, admin, "POST", body, 201, "/api/v1/admin/orgs/%s/products", slug);
	id = json_integer_value(json_object_get(resp_json(r), "id"));
	assert_true(id > 0);
	resp_free(r);
	return id;
}

/* The recipient `address` of the first notice listed, or fail. */
static json_t *
recipient(json_t *list, const char *address)
{
	json_t	*n = json_array_get(json_object_get(list, "items"), 0), *r;
	size_t	 i;

	json_array_foreach(json_object_get(n, "recipients"), i, r)
		if (strcmp(json_string_value(json_object_get(r, "address")), address) == 0)
			return r;
	fail_msg("no recipient %s", address);
	return NULL;
}

/* Wait until every recipient of the newest notice is delivered (or refused: never sent). */
static void
wait_delivered(struct srv *s, const struct cred *who, const char *kase)
{
	struct resp	*r;
	json_t		*n, *x;
	size_t		 i;
	int		 tries, pending;

	for (tries = 0; tries < 100; tries++) {
		r = call(s, who, "GET", NULL, 200, "/api/v1/cases/%s/user-notices", kase);
		n = json_array_get(json_object_get(resp_json(r), "items"), 0);
		pending = 0;
		json_array_foreach(json_object_get(n, "recipients"), i, x)
			if (strcmp(json_string_value(json_object_get(x, "status")), "sent") != 0 &&
			    strcmp(json_string_value(json_object_get(x, "status")), "refused") != 0)
				pending++;
		resp_free(r);
		if (pending == 0)
			return;
		usleep(200 * 1000);
	}
	fail_msg("the notice's mails were not all delivered");
}

/* The CSRF token of a web session's forms. */
static void
csrf_of(const struct srv *s, const char *sess, char *out, size_t outsz)
{
	struct resp	*r = web_page(s, "/account", sess, "en");

	assert_status(r, 200);
	assert_true(web_form_csrf(r->body, out, outsz));
	resp_free(r);
}

static void
test_user_notices__after_the_fix_to_users_and_downstream(void **state)
{
	struct world	*t = *state;
	struct srv	*s = &t->srv;
	struct cred	 rita, cora, vic, dave, uma, admin;
	struct resp	*r;
	struct web_form	 form;
	json_t		*o, *ds, *x;
	char		 kase[64], rid[32], json[1024], msg[16384], body[8192], path[128];
	char		 cora_web[200], csrf[128], loc[160];
	long long	 router, gw, gamma_box;
	const char	*envs[3];
	size_t		 i;
	int		 seen_dsco = 0, seen_gamma = 0;

	srv_init(s);
	smtpd_init(&t->smtp, s->dir);
	smtpd_start(&t->smtp);
	org(s, "acme", "Acme Networks");
	org(s, "dsco", "Downstream Systems");
	org(s, "gamma", "Gamma Appliances");
	person(s, "rita", "reporter", NULL, "rita@example.org", &rita);
	person(s, "cora", "coordinator", NULL, "cora@example.org", &cora);
	person(s, "vic", "vendor", "acme", "vic@acme.example", &vic);
	person(s, "dave", "vendor", "dsco", "dave@dsco.example", &dave);
	/* A customer with an account: where she is is known (Art. 9(7)). */
	person(s, "uma", "reporter", NULL, "user@customer.example", &uma);
	envs[0] = t->smtp.env;
	envs[1] = "LOUDONG_OUTBOX_POLL_INTERVAL_MS=100";
	envs[2] = NULL;
	srv_start(s, envs);
	srv_admin_session(s, "admin-password-0123456789", &admin);

	/* dsco's gateway and gamma's box include acme's router. */
	router = product(s, &admin, "acme", "{\"name\":\"AX Router\",\"versions\":\"2.0-2.2\"}");
	gw = product(s, &admin, "dsco", "{\"name\":\"DS Gateway\"}");
	gamma_box = product(s, &admin, "gamma", "{\"name\":\"Gamma Box\"}");
	snprintf(json, sizeof(json), "{\"component\":%lld,\"versions\":\"2.1\"}", router);
	done(call(s, &admin, "POST", json, 201, "/api/v1/products/%lld/components", gw));
	done(call(s, &admin, "POST", json, 201, "/api/v1/products/%lld/components", gamma_box));

	/* The case: the router is affected; acme is its vendor, dsco downstream. */
	r = call(s, &rita, "POST", "{\"title\":\"Login overflow in the AX Router\","
	    "\"kind\":\"generic\",\"vendor\":\"Acme Networks\",\"product\":\"AX Router\","
	    "\"description\":\"SECRET-DETAIL: the web admin overflows.\"}", 201,
	    "/api/v1/reports");
	snprintf(rid, sizeof(rid), "%s", resp_jstr(r, "id"));
	done(r);
	r = call(s, &cora, "POST", "{\"decision\":\"accept\"}", 200, "/api/v1/reports/%s/triage",
	    rid);
	snprintf(kase, sizeof(kase), "%s", resp_jstr(r, "case"));
	done(r);
	snprintf(json, sizeof(json), "{\"product\":%lld,\"versions\":\"2.0-2.1\"}", router);
	done(call(s, &cora, "POST", json, 201, "/api/v1/cases/%s/products", kase));
	done(call(s, &cora, "POST", "{\"org\":\"acme\"}", 201, "/api/v1/cases/%s/vendors",
	    kase));
	done(call(s, &cora, "POST", "{\"org\":\"dsco\",\"role\":\"downstream\"}", 201,
	    "/api/v1/cases/%s/vendors", kase));
	done(call(s, &vic, "PUT", "{\"status\":\"fixed\",\"fixed_version\":\"2.2\"}", 200,
	    "/api/v1/cases/%s/vendors/acme", kase));

	/* Before the fix: refused, with the article it rests on. */
	snprintf(json, sizeof(json), "{\"subject\":\"Early\",\"body\":\"Too early.\","
	    "\"recipients\":[\"user@customer.example\"]}");
	r = call(s, &cora, "POST", json, 409, "/api/v1/cases/%s/user-notices", kase);
	assert_problem_rule(r, 409, "Art. 7(3)");
	done(r);
	r = call(s, &cora, "GET", NULL, 200, "/api/v1/cases/%s/user-notices/draft", kase);
	assert_false(json_is_true(json_object_get(resp_json(r), "fix_available")));
	done(r);

	done(call(s, &cora, "POST", "{\"to\":\"graded\"}", 200, "/api/v1/cases/%s/transition",
	    kase));
	done(call(s, &cora, "POST", "{\"to\":\"vendor_notified\"}", 200,
	    "/api/v1/cases/%s/transition", kase));
	done(call(s, &cora, "POST", "{\"to\":\"in_remediation\"}", 200,
	    "/api/v1/cases/%s/transition", kase));
	done(call(s, &cora, "POST", "{\"to\":\"fix_available\"}", 200,
	    "/api/v1/cases/%s/transition", kase));

	/* The draft: dsco's member, gamma proposed, the fix and the versions; no detail. */
	r = call(s, &cora, "GET", NULL, 200, "/api/v1/cases/%s/user-notices/draft", kase);
	o = resp_json(r);
	assert_true(json_is_true(json_object_get(o, "fix_available")));
	assert_string_equal(json_string_value(json_object_get(o, "support_channel")), "");
	assert_contains(json_string_value(json_object_get(o, "subject")),
	    "Login overflow in the AX Router");
	assert_contains(json_string_value(json_object_get(o, "body")), "2.2");
	assert_contains(json_string_value(json_object_get(o, "body")), "2.0-2.1");
	assert_contains(json_string_value(json_object_get(o, "body")), "Acme Networks");
	assert_contains(json_string_value(json_object_get(o, "body")), "修补措施");
	assert_not_contains(r->body, "SECRET-DETAIL");
	ds = json_object_get(o, "downstream");
	json_array_foreach(ds, i, x) {
		if (strcmp(json_string_value(json_object_get(x, "org")), "dsco") == 0) {
			seen_dsco++;
			assert_true(json_is_true(json_object_get(x, "in_case")));
			assert_string_equal(json_string_value(json_array_get(json_object_get(x,
			    "addresses"), 0)), "dave@dsco.example");
		} else if (strcmp(json_string_value(json_object_get(x, "org")), "gamma") == 0) {
			seen_gamma++;
			assert_false(json_is_true(json_object_get(x, "in_case")));
			assert_int_equal(json_array_size(json_object_get(x, "addresses")), 0);
		}
		assert_string_not_equal(json_string_value(json_object_get(x, "org")), "acme");
	}
	assert_int_equal(seen_dsco, 1);
	assert_int_equal(seen_gamma, 1);
	done(r);

	/* A bad address, no recipients at all: 400 naming the field. */
	r = call(s, &cora, "POST", "{\"subject\":\"S\",\"body\":\"B\",\"recipients\":"
	    "[\"user@customer.example\",\"not an address\"]}", 400,
	    "/api/v1/cases/%s/user-notices", kase);
	assert_problem_field(r, 400, "recipients");
	assert_contains(r->body, "not an address");
	done(r);
	r = call(s, &cora, "POST", "{\"subject\":\"S\",\"body\":\"B\",\"recipients\":[],"
	    "\"include_downstream\":false}", 400, "/api/v1/cases/%s/user-notices", kase);
	assert_problem_field(r, 400, "recipients");
	done(r);
	r = call(s, &cora, "POST", "{\"subject\":\"S\",\"body\":\"\",\"recipients\":"
	    "[\"user@customer.example\"]}", 400, "/api/v1/cases/%s/user-notices", kase);
	assert_problem_field(r, 400, "body");
	done(r);
	r = call(s, &cora, "POST", "{\"subject\":\"S\",\"body\":\"B\",\"recipients\":"
	    "[\"user@customer.example\"],\"bcc\":\"x@y.example\"}", 400,
	    "/api/v1/cases/%s/user-notices", kase);
	assert_problem_field(r, 400, "bcc");
	done(r);
	/* A vendor member neither sends nor reads them. */
	done(call(s, &vic, "POST", json, 403, "/api/v1/cases/%s/user-notices", kase));
	done(call(s, &dave, "GET", NULL, 403, "/api/v1/cases/%s/user-notices", kase));
	done(call(s, &dave, "GET", NULL, 403, "/api/v1/cases/%s/user-notices/draft", kase));
	/* Nothing was sent by any of that. */
	r = call(s, &cora, "GET", NULL, 200, "/api/v1/cases/%s/user-notices", kase);
	assert_int_equal(json_array_size(json_object_get(resp_json(r), "items")), 0);
	done(r);

	/* Sent: dsco's member (downstream) and a user typed by hand; dave typed again goes once. */
	snprintf(json, sizeof(json), "{\"subject\":\"" SUBJECT "\",\"body\":\"The AX Router "
	    "2.0-2.1 can be taken over from the network.\\nInstall 2.2.\",\"support_channel\":"
	    "\"" SUPPORT "\",\"recipients\":[\"user@customer.example\",\"Dave@DSCO.example\"],"
	    "\"include_downstream\":true}");
	r = call(s, &cora, "POST", json, 201, "/api/v1/cases/%s/user-notices", kase);
	o = resp_json(r);
	assert_non_null(resp_header(r, "Location"));
	assert_string_equal(json_string_value(json_object_get(o, "subject")), SUBJECT);
	assert_string_equal(json_string_value(json_object_get(o, "support_channel")), SUPPORT);
	assert_string_equal(json_string_value(json_object_get(o, "created_by")), "cora");
	assert_int_equal(json_array_size(json_object_get(o, "recipients")), 2);
	json_array_foreach(json_object_get(o, "recipients"), i, x) {
		if (strcmp(json_string_value(json_object_get(x, "address")),
		    "dave@dsco.example") == 0) {
			assert_string_equal(json_string_value(json_object_get(x, "source")),
			    "downstream");
			assert_string_equal(json_string_value(json_object_get(x, "org")), "dsco");
		} else {
			assert_string_equal(json_string_value(json_object_get(x, "address")),
			    "user@customer.example");
			assert_string_equal(json_string_value(json_object_get(x, "source")),
			    "manual");
			assert_true(json_is_null(json_object_get(x, "org")));
		}
	}
	done(r);

	/* Both mails arrive: the subject, the text, the support channel line. */
	assert_true(smtpd_wait(&t->smtp, 20, "dave@dsco.example", "Install 2.2.", msg,
	    sizeof(msg), body, sizeof(body)));
	assert_contains(msg, "Router fix <b>now</b> & then");
	assert_contains(body, "can be taken over from the network");
	assert_contains(body, "Technical support: " SUPPORT);
	assert_contains(body, "技术支持：" SUPPORT);
	assert_true(smtpd_wait(&t->smtp, 20, "user@customer.example", "Install 2.2.", msg,
	    sizeof(msg), body, sizeof(body)));
	assert_contains(body, "Technical support: " SUPPORT);
	assert_int_equal(smtpd_count(&t->smtp, "dave@dsco.example", "Install 2.2."), 1);

	/* The listing shows both delivered. */
	wait_delivered(s, &cora, kase);
	r = call(s, &cora, "GET", NULL, 200, "/api/v1/cases/%s/user-notices", kase);
	o = resp_json(r);
	assert_int_equal(json_array_size(json_object_get(o, "items")), 1);
	x = recipient(o, "dave@dsco.example");
	assert_string_equal(json_string_value(json_object_get(x, "status")), "sent");
	assert_true(json_integer_value(json_object_get(x, "attempts")) >= 1);
	assert_false(json_is_null(json_object_get(x, "sent_at")));
	x = recipient(o, "user@customer.example");
	assert_string_equal(json_string_value(json_object_get(x, "status")), "sent");
	done(r);

	/* The timeline and the audit log. */
	r = call(s, &cora, "GET", NULL, 200, "/api/v1/cases/%s/timeline", kase);
	assert_contains(r->body, "\"event\":\"user_notice\"");
	assert_contains(r->body, "2 recipients");
	done(r);
	r = call(s, &admin, "GET", NULL, 200, "/api/v1/admin/audit?limit=200");
	assert_contains(r->body, "case.user_notice");
	done(r);

	/* The case page: the section, the notice escaped, the form with the draft. */
	web_login(s, "cora", TEST_PASSWORD, cora_web, sizeof(cora_web));
	csrf_of(s, cora_web, csrf, sizeof(csrf));
	snprintf(path, sizeof(path), "/cases/%s", kase);
	r = web_page(s, path, cora_web, "en");
	assert_status(r, 200);
	assert_contains(r->body, "id=\"user-notices\"");
	assert_contains(r->body, "Notices to users and downstream vendors");
	assert_contains(r->body, "Router fix &lt;b&gt;now&lt;/b&gt; &amp; then");
	assert_not_contains(r->body, "<b>now</b>");
	assert_contains(r->body, "dave@dsco.example");
	assert_contains(r->body, "Gamma Appliances");
	assert_contains(r->body, "name=\"include_downstream\"");
	snprintf(loc, sizeof(loc), "action=\"/cases/%s/user-notices\"", kase);
	assert_contains(r->body, loc);
	done(r);
	r = web_page(s, path, cora_web, "zh-CN");
	assert_status(r, 200);
	assert_contains(r->body, "用户与下游告知");
	done(r);
	/* A vendor member's page has no such section. */
	web_login(s, "vic", TEST_PASSWORD, body, 200);
	r = web_page(s, path, body, "en");
	assert_status(r, 200);
	assert_not_contains(r->body, "id=\"user-notices\"");
	done(r);

	/* A refused form comes back with its refusal and what was typed. */
	snprintf(path, sizeof(path), "/cases/%s/user-notices", kase);
	memset(&form, 0, sizeof(form));
	web_form_add(&form, "csrf", csrf);
	web_form_add(&form, "subject", "Web <notice>");
	web_form_add(&form, "body", "Install 2.2 now.");
	web_form_add(&form, "support_channel", "+86 10 1234 5678");
	web_form_add(&form, "recipients", "ok@customer.example\r\nnot-an-address\r\n");
	r = web_post_form(s, path, cora_web, &form, "en");
	assert_status(r, 422);
	assert_contains(r->body, "not-an-address");
	assert_contains(r->body, "Web &lt;notice&gt;");
	assert_contains(r->body, "+86 10 1234 5678");
	done(r);
	/*
	 * And a good one redirects to the section: the downstream vendor is
	 * told; the address typed is nobody's account, so nobody knows where
	 * it is, and the case is not disclosed: refused (Art. 9(7)).
	 */
	memset(&form, 0, sizeof(form));
	web_form_add(&form, "csrf", csrf);
	web_form_add(&form, "subject", "Web notice");
	web_form_add(&form, "body", "Install 2.2 now.");
	web_form_add(&form, "recipients", "ok@customer.example\r\n\r\n");
	web_form_add(&form, "include_downstream", "on");
	r = web_post_form(s, path, cora_web, &form, "en");
	assert_status(r, 303);
	snprintf(loc, sizeof(loc), "/cases/%s#user-notices", kase);
	assert_string_equal(resp_header(r, "Location"), loc);
	done(r);
	r = call(s, &cora, "GET", NULL, 200, "/api/v1/cases/%s/user-notices", kase);
	o = resp_json(r);
	assert_int_equal(json_array_size(json_object_get(o, "items")), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    json_object_get(o, "items"), 0), "subject")), "Web notice");
	assert_int_equal(json_array_size(json_object_get(json_array_get(
	    json_object_get(o, "items"), 0), "recipients")), 2);
	x = recipient(o, "ok@customer.example");
	assert_string_equal(json_string_value(json_object_get(x, "status")), "refused");
	assert_contains(json_string_value(json_object_get(x, "last_error")), "Art. 9(7)");
	done(r);
	assert_true(smtpd_wait(&t->smtp, 20, "dave@dsco.example", "Install 2.2 now.", msg,
	    sizeof(msg), body, sizeof(body)));
	assert_int_equal(smtpd_count(&t->smtp, "ok@customer.example", ""), 0);
}

/* Whether the gate's log holds a mail decision about subject for recipient. */
static bool
mail_logged(json_t *items, const char *subject, const char *recipient, bool allowed)
{
	json_t		*it, *rule;
	size_t		 i;

	json_array_foreach(items, i, it) {
		if (strcmp(json_string_value(json_object_get(it, "action")), "mail") != 0 ||
		    strcmp(json_string_value(json_object_get(it, "subject")), subject) != 0 ||
		    strcmp(json_string_value(json_object_get(it, "recipient")), recipient) != 0 ||
		    json_is_true(json_object_get(it, "allowed")) != allowed)
			continue;
		rule = json_object_get(it, "rule");
		if (allowed ? json_is_null(rule) || rule == NULL :
		    json_is_string(rule) && strcmp(json_string_value(rule), "Art. 9(7)") == 0)
			return true;
	}
	return false;
}

/* The status of recipient `address` in a notice object, or fail. */
static const char *
status_of(json_t *notice, const char *address, const char **last_error)
{
	json_t	*x;
	size_t	 i;

	json_array_foreach(json_object_get(notice, "recipients"), i, x)
		if (strcmp(json_string_value(json_object_get(x, "address")), address) == 0) {
			if (last_error != NULL)
				*last_error = json_string_value(json_object_get(x, "last_error"));
			return json_string_value(json_object_get(x, "status"));
		}
	fail_msg("no recipient %s", address);
	return NULL;
}

/*
 * Art. 9(7): the case is not disclosed, so its notice goes to nobody
 * abroad and to no address whose jurisdiction nobody verified, other than
 * the affected products' own provider; a refused recipient is kept,
 * marked refused and never mailed; with nobody left the answer is 409 with
 * the rule; every decision is in the gate's log.
 */
static void
test_user_notices__art_9_7_abroad_refused_domestic_sent(void **state)
{
	struct world	*t = *state;
	struct srv	*s = &t->srv;
	struct cred	 rita, cora, vic, dave, ulla, ursula, aud, admin;
	struct resp	*r;
	json_t		*o, *items;
	char		 kase[64], rid[32], json[1024], msg[16384], body[8192], subj[96];
	char		 zh[1024], path[128];
	const char	*envs[3], *err;
	long long	 router, gw, usbox, widget;

	srv_init(s);
	smtpd_init(&t->smtp, s->dir);
	smtpd_start(&t->smtp);
	org(s, "acme", "Acme Networks");
	org(s, "dsco", "Downstream Systems");
	org_in(s, "usdown", "US Downstream Inc.", "US");
	org_in(s, "usco", "US Widgets Inc.", "US");
	person(s, "rita", "reporter", NULL, "rita@example.org", &rita);
	person(s, "cora", "coordinator", NULL, "cora@example.org", &cora);
	person(s, "vic", "vendor", "acme", "vic@acme.example", &vic);
	person(s, "dave", "vendor", "dsco", "dave@dsco.example", &dave);
	person(s, "ulla", "vendor", "usdown", "ulla@usdown.example", &ulla);
	person(s, "ursula", "vendor", "usco", "ursula@usco.example", &ursula);
	person(s, "aud", "auditor", NULL, "aud@example.org", &aud);
	envs[0] = t->smtp.env;
	envs[1] = "LOUDONG_OUTBOX_POLL_INTERVAL_MS=100";
	envs[2] = NULL;
	srv_start(s, envs);
	srv_admin_session(s, "admin-password-0123456789", &admin);

	/* dsco's gateway (in China) and usdown's box (in the US) include acme's router. */
	router = product(s, &admin, "acme", "{\"name\":\"AX Router\",\"versions\":\"2.0-2.2\"}");
	gw = product(s, &admin, "dsco", "{\"name\":\"DS Gateway\"}");
	usbox = product(s, &admin, "usdown", "{\"name\":\"US Box\"}");
	widget = product(s, &admin, "usco", "{\"name\":\"US Widget\"}");
	snprintf(json, sizeof(json), "{\"component\":%lld,\"versions\":\"2.1\"}", router);
	done(call(s, &admin, "POST", json, 201, "/api/v1/products/%lld/components", gw));
	done(call(s, &admin, "POST", json, 201, "/api/v1/products/%lld/components", usbox));

	/* The case: acme's router and usco's widget; dsco downstream; fixed. */
	r = call(s, &rita, "POST", "{\"title\":\"Login overflow in the AX Router\","
	    "\"kind\":\"generic\",\"vendor\":\"Acme Networks\",\"product\":\"AX Router\","
	    "\"description\":\"SECRET-DETAIL: the web admin overflows.\"}", 201,
	    "/api/v1/reports");
	snprintf(rid, sizeof(rid), "%s", resp_jstr(r, "id"));
	done(r);
	r = call(s, &cora, "POST", "{\"decision\":\"accept\"}", 200, "/api/v1/reports/%s/triage",
	    rid);
	snprintf(kase, sizeof(kase), "%s", resp_jstr(r, "case"));
	done(r);
	snprintf(subj, sizeof(subj), "case:%s", kase);
	snprintf(json, sizeof(json), "{\"product\":%lld,\"versions\":\"2.0-2.1\"}", router);
	done(call(s, &cora, "POST", json, 201, "/api/v1/cases/%s/products", kase));
	snprintf(json, sizeof(json), "{\"product\":%lld,\"versions\":\"1.0\"}", widget);
	done(call(s, &cora, "POST", json, 201, "/api/v1/cases/%s/products", kase));
	done(call(s, &cora, "POST", "{\"org\":\"acme\"}", 201, "/api/v1/cases/%s/vendors",
	    kase));
	done(call(s, &cora, "POST", "{\"org\":\"dsco\",\"role\":\"downstream\"}", 201,
	    "/api/v1/cases/%s/vendors", kase));
	done(call(s, &vic, "PUT", "{\"status\":\"fixed\",\"fixed_version\":\"2.2\"}", 200,
	    "/api/v1/cases/%s/vendors/acme", kase));
	done(call(s, &cora, "POST", "{\"to\":\"graded\"}", 200, "/api/v1/cases/%s/transition",
	    kase));
	done(call(s, &cora, "POST", "{\"to\":\"vendor_notified\"}", 200,
	    "/api/v1/cases/%s/transition", kase));
	done(call(s, &cora, "POST", "{\"to\":\"in_remediation\"}", 200,
	    "/api/v1/cases/%s/transition", kase));
	done(call(s, &cora, "POST", "{\"to\":\"fix_available\"}", 200,
	    "/api/v1/cases/%s/transition", kase));

	/* Nobody left: an address nobody verified alone is 409, the rule, in zh and en. */
	snprintf(path, sizeof(path), "/api/v1/cases/%s/user-notices", kase);
	r = api(s, "POST", path, &cora, "{\"subject\":\"Fix\",\"body\":\"Install 2.2.\","
	    "\"recipients\":[\"someone@abroad.example\"]}", "Accept-Language: zh-CN", NULL);
	assert_problem_rule(r, 409, "Art. 9(7)");
	snprintf(zh, sizeof(zh), "%s", resp_jstr(r, "detail"));
	assert_contains(zh, "第九条");
	done(r);
	r = api(s, "POST", path, &cora, "{\"subject\":\"Fix\",\"body\":\"Install 2.2.\","
	    "\"recipients\":[\"someone@abroad.example\"]}", "Accept-Language: en", NULL);
	assert_problem_rule(r, 409, "Art. 9(7)");
	assert_string_not_equal(resp_jstr(r, "detail"), zh);
	assert_contains(resp_jstr(r, "detail"), "not known");
	done(r);
	/* A person abroad alone (her organisation is in the US): 409, abroad. */
	r = api(s, "POST", path, &cora, "{\"subject\":\"Fix\",\"body\":\"Install 2.2.\","
	    "\"recipients\":[\"ULLA@usdown.example\"]}", "Accept-Language: en", NULL);
	assert_problem_rule(r, 409, "Art. 9(7)");
	assert_contains(resp_jstr(r, "detail"), "abroad");
	done(r);
	/* Nothing was kept. */
	r = call(s, &cora, "GET", NULL, 200, "/api/v1/cases/%s/user-notices", kase);
	assert_int_equal(json_array_size(json_object_get(resp_json(r), "items")), 0);
	done(r);

	/*
	 * Some left: the downstream vendor in China, the US provider of an
	 * affected product (its own provider: allowed), the US downstream
	 * organisation proposed by the supply chain and the unverified address
	 * (both refused).
	 */
	r = call(s, &cora, "POST", "{\"subject\":\"Router fix\",\"body\":\"Install 2.2 "
	    "(9-7 test).\",\"recipients\":[\"someone@abroad.example\",\"ursula@usco.example\"],"
	    "\"include_downstream\":true}", 201, "/api/v1/cases/%s/user-notices", kase);
	o = resp_json(r);
	assert_int_equal(json_array_size(json_object_get(o, "recipients")), 4);
	assert_string_not_equal(status_of(o, "dave@dsco.example", NULL), "refused");
	assert_string_not_equal(status_of(o, "ursula@usco.example", NULL), "refused");
	assert_string_equal(status_of(o, "ulla@usdown.example", &err), "refused");
	assert_contains(err, "Art. 9(7)");
	assert_contains(err, "第九条");
	assert_string_equal(status_of(o, "someone@abroad.example", &err), "refused");
	assert_contains(err, "Art. 9(7)");
	done(r);

	/* The allowed ones are mailed, the refused ones never. */
	assert_true(smtpd_wait(&t->smtp, 20, "dave@dsco.example", "9-7 test", msg, sizeof(msg),
	    body, sizeof(body)));
	assert_true(smtpd_wait(&t->smtp, 20, "ursula@usco.example", "9-7 test", msg, sizeof(msg),
	    body, sizeof(body)));
	wait_delivered(s, &cora, kase);
	assert_int_equal(smtpd_count(&t->smtp, "ulla@usdown.example", ""), 0);
	assert_int_equal(smtpd_count(&t->smtp, "someone@abroad.example", ""), 0);

	/* The listing keeps who was refused; the timeline says so. */
	r = call(s, &cora, "GET", NULL, 200, "/api/v1/cases/%s/user-notices", kase);
	o = json_array_get(json_object_get(resp_json(r), "items"), 0);
	assert_string_equal(status_of(o, "dave@dsco.example", NULL), "sent");
	assert_string_equal(status_of(o, "ursula@usco.example", NULL), "sent");
	assert_string_equal(status_of(o, "ulla@usdown.example", NULL), "refused");
	assert_string_equal(status_of(o, "someone@abroad.example", NULL), "refused");
	done(r);
	r = call(s, &cora, "GET", NULL, 200, "/api/v1/cases/%s/timeline", kase);
	assert_contains(r->body, "2 recipients, 2 refused (Art. 9(7))");
	done(r);
	/* The case page marks them refused, not pending. */
	{
		char	web[200];

		web_login(s, "cora", TEST_PASSWORD, web, sizeof(web));
		snprintf(path, sizeof(path), "/cases/%s", kase);
		r = web_page(s, path, web, "en");
		assert_status(r, 200);
		assert_contains(r->body, "delivery-refused\">Refused (Art. 9(7))");
		assert_contains(r->body, "delivery-sent");
		done(r);
	}

	/* Every decision is in the gate's log. */
	r = call(s, &aud, "GET", NULL, 200, "/api/v1/policy-decisions?limit=100");
	items = json_object_get(resp_json(r), "items");
	assert_true(mail_logged(items, subj, "address:someone@abroad.example", false));
	assert_true(mail_logged(items, subj, "user:ulla", false));
	assert_true(mail_logged(items, subj, "user:dave", true));
	assert_true(mail_logged(items, subj, "user:ursula", true));
	done(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_user_notices__after_the_fix_to_users_and_downstream, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_user_notices__art_9_7_abroad_refused_domestic_sent, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
