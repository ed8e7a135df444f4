/*
 * The whole story of a case (issue 5), end to end on a real server with a
 * real SMTP server on loopback:
 *  - two reporters report the same router flaw; triage sees the second as a
 *    likely duplicate of the first, accepts the first into a case and marks
 *    the second a duplicate (its reporter is told by mail);
 *  - the flaw is in a Wi-Fi SDK that the router vendor buys from an upstream
 *    supplier: Loudong proposes the supplier, the coordinator confirms, and
 *    both vendors are notified by mail (the supplier's mail says the flaw is
 *    in a component it supplies) and in-app;
 *  - a member of a third vendor cannot read the case (404); the router
 *    vendor's member reads it (their first look is recorded), never sees the
 *    internal note or who reported, and answers; a regulator added as an
 *    observer reads the case and the participants' messages, and says nothing;
 *  - an illegal transition is refused with its rule; the case moves on to
 *    fix_available; the reporter follows their report's progress and
 *    confirms the fix;
 *  - the receipt log holds every inbound item and verifies, and the audit
 *    trail holds every step.
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

struct story {
	struct srv	srv;
	struct smtpd	smtp;
};

static int
setup(void **state)
{
	struct story	*t;

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
	struct story	*t = *state;
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

static void
org(struct srv *s, const char *slug, const char *name)
{
	assert_int_equal(srv_cli(s, NULL, NULL, 0, (const char *[]){ "org", "add",
	    "--data-dir", s->dir, "--slug", slug, "--name", name, "--kind", "provider",
	    "--country", "CN", NULL }), 0);
}

/* A product of an organisation (admin API); its id. */
static long long
product(struct srv *s, const struct cred *admin, const char *slug, const char *body)
{
	struct resp	*r;
	char		 path[128];
	json_t		*v;
	long long	 id;

	snprintf(path, sizeof(path), "/api/v1/admin/orgs/%s/products", slug);
	r = api(s, "POST", path, admin, body, NULL);
	assert_status(r, 201);
	v = json_object_get(resp_json(r), "id");
	assert_true(json_is_integer(v));
	id = json_integer_value(v);
	resp_free(r);
	return id;
}

static void
submit(struct srv *s, const struct cred *who, const char *title, char id[32])
{
	struct resp	*r;
	char		 body[512];

	snprintf(body, sizeof(body), "{\"title\":\"%s\",\"kind\":\"generic\","
	    "\"vendor\":\"Acme Networks\",\"product\":\"AX Router\",\"versions\":\"2.1\","
	    "\"description\":\"SECRET-DETAIL: the web admin overflows.\"}", title);
	r = api(s, "POST", "/api/v1/reports", who, body, NULL);
	assert_status(r, 201);
	snprintf(id, 32, "%s", resp_jstr(r, "id"));
	resp_free(r);
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

/* The tree size of the receipt log's latest signed head. */
static long long
log_size(struct srv *s)
{
	struct resp	*r = api(s, "GET", "/api/v1/log/sth", NULL, NULL, NULL);
	long long	 n;

	assert_status(r, 200);
	n = json_integer_value(json_object_get(resp_json(r), "tree_size"));
	resp_free(r);
	return n;
}

static void
test_story__case_from_reports_to_fix(void **state)
{
	struct story	*t = *state;
	struct srv	*s = &t->srv;
	struct cred	 rita, ray, tom, cora, vic, chen, olga, gina, admin;
	struct resp	*r;
	char		 a[32], b[32], kase[64], msg[16384], body[8192], out[4096];
	char		 json[512];
	long long	 sdk, router, size0, size1;
	const char	*envs[4];

	srv_init(s);
	smtpd_init(&t->smtp, s->dir);
	smtpd_start(&t->smtp);
	org(s, "acme", "Acme Networks");
	org(s, "chipco", "ChipCo Semiconductor");
	org(s, "other", "Other Devices");
	person(s, "rita", "reporter", NULL, "rita@example.org", &rita);
	person(s, "ray", "reporter", NULL, "ray@example.org", &ray);
	person(s, "tom", "triager", NULL, "tom@example.org", &tom);
	person(s, "cora", "coordinator", NULL, "cora@example.org", &cora);
	person(s, "vic", "vendor", "acme", "vic@acme.example", &vic);
	person(s, "chen", "vendor", "chipco", "chen@chipco.example", &chen);
	person(s, "olga", "vendor", "other", "olga@other.example", &olga);
	person(s, "gina", "regulator", NULL, "gina@gov.example", &gina);
	envs[0] = t->smtp.env;
	envs[1] = "LOUDONG_OUTBOX_POLL_INTERVAL_MS=100";
	envs[2] = "LOUDONG_INSTANCE_BASE_URL=https://vuln.example";
	envs[3] = NULL;
	srv_start(s, envs);
	srv_admin_session(s, "admin-password-0123456789", &admin);

	/* The router includes the upstream supplier's SDK. */
	sdk = product(s, &admin, "chipco", "{\"name\":\"WiFi SDK\",\"versions\":\"4.0-4.2\"}");
	router = product(s, &admin, "acme", "{\"name\":\"AX Router\",\"versions\":\"2.0-2.1\"}");
	snprintf(json, sizeof(json), "{\"component\":%lld,\"versions\":\"4.1\"}", sdk);
	done(call(s, &admin, "POST", json, 201, "/api/v1/products/%lld/components", router));

	/* Two reporters, the same flaw. */
	submit(s, &rita, "Stack overflow in the AX Router web admin login", a);
	submit(s, &ray, "AX Router web admin login stack overflow", b);
	size0 = log_size(s);
	assert_true(size0 >= 2);

	/* Triage sees the likely duplicate, and why. */
	r = call(s, &tom, "GET", NULL, 200, "/api/v1/reports/%s/similar", b);
	assert_contains(r->body, a);
	assert_contains(r->body, "same_product");
	done(r);
	r = call(s, &tom, "POST", "{\"decision\":\"accept\"}", 200, "/api/v1/reports/%s/triage",
	    a);
	snprintf(kase, sizeof(kase), "%s", resp_jstr(r, "case"));
	done(r);
	snprintf(json, sizeof(json), "{\"decision\":\"duplicate\",\"duplicate_of\":\"%s\"}", a);
	done(call(s, &tom, "POST", json, 200, "/api/v1/reports/%s/triage", b));
	assert_true(smtpd_wait(&t->smtp, 20, "ray@example.org", "duplicates an earlier report",
	    msg, sizeof(msg), body, sizeof(body)));
	assert_contains(body, b);
	assert_not_contains(body, "SECRET-DETAIL");

	/* The people of the case: the reporter and the triager who opened it. */
	snprintf(json, sizeof(json), "{\"user\":\"cora\",\"role\":\"coordinator\"}");
	done(call(s, &tom, "POST", json, 201, "/api/v1/cases/%s/participants", kase));
	r = call(s, &cora, "GET", NULL, 200, "/api/v1/cases/%s/participants", kase);
	assert_contains(r->body, "\"login\":\"rita\"");
	assert_contains(r->body, "\"party_type\":\"reporter\"");
	assert_contains(r->body, "\"login\":\"cora\"");
	done(r);

	/* The flaw is in the SDK: Loudong proposes its supplier upstream. */
	snprintf(json, sizeof(json), "{\"product\":%lld,\"versions\":\"2.1\"}", router);
	done(call(s, &cora, "POST", json, 201, "/api/v1/cases/%s/products", kase));
	snprintf(json, sizeof(json), "{\"product\":%lld,\"versions\":\"4.1\",\"upstream\":true}",
	    sdk);
	done(call(s, &cora, "POST", json, 201, "/api/v1/cases/%s/products", kase));
	r = call(s, &cora, "GET", NULL, 200, "/api/v1/cases/%s/supply-chain", kase);
	assert_contains(r->body, "\"org\":\"chipco\"");
	assert_contains(r->body, "\"role\":\"upstream\"");
	done(r);
	/* The coordinator confirms: the router vendor and the upstream supplier. */
	done(call(s, &cora, "POST", "{\"org\":\"acme\"}", 201, "/api/v1/cases/%s/vendors",
	    kase));
	done(call(s, &cora, "POST", "{\"org\":\"chipco\",\"role\":\"upstream\"}", 201,
	    "/api/v1/cases/%s/vendors", kase));
	done(call(s, &cora, "POST", NULL, 200, "/api/v1/cases/%s/vendors/acme/notify", kase));
	done(call(s, &cora, "POST", NULL, 200, "/api/v1/cases/%s/vendors/chipco/notify", kase));
	assert_true(smtpd_wait(&t->smtp, 20, "chen@chipco.example", "component you supply",
	    msg, sizeof(msg), body, sizeof(body)));
	assert_contains(body, kase);
	assert_contains(body, "https://vuln.example/cases/");
	assert_not_contains(body, "SECRET-DETAIL");
	assert_true(smtpd_wait(&t->smtp, 20, "vic@acme.example", kase, msg, sizeof(msg), body,
	    sizeof(body)));
	/* And in-app. */
	r = call(s, &chen, "GET", NULL, 200, "/api/v1/notices?unseen=1");
	assert_contains(r->body, kase);
	done(r);

	/* Need-to-know: another vendor's member does not find the case. */
	done(call(s, &olga, "GET", NULL, 404, "/api/v1/cases/%s", kase));
	done(call(s, &olga, "GET", NULL, 404, "/api/v1/cases/%s/messages", kase));

	/* An internal note and a message to the participants. */
	done(call(s, &cora, "POST", "{\"body\":\"INTERNAL-NOTE: vic's fix looks thin\","
	    "\"visibility\":\"internal\"}", 201, "/api/v1/cases/%s/messages", kase));
	done(call(s, &cora, "POST", "{\"body\":\"Please confirm the SDK version you ship.\","
	    "\"visibility\":\"participants\"}", 201, "/api/v1/cases/%s/messages", kase));
	r = call(s, &vic, "GET", NULL, 200, "/api/v1/cases/%s/messages", kase);
	assert_contains(r->body, "Please confirm the SDK version");
	assert_not_contains(r->body, "INTERNAL-NOTE");
	done(r);
	r = call(s, &vic, "GET", NULL, 200, "/api/v1/cases/%s", kase);
	assert_not_contains(r->body, "INTERNAL-NOTE");
	assert_not_contains(r->body, a);	/* reports stay with the platform */
	done(r);
	/* Who reported stays with the staff: a vendor sees that a reporter takes part. */
	r = call(s, &vic, "GET", NULL, 200, "/api/v1/cases/%s/participants", kase);
	assert_contains(r->body, "\"role\":\"reporter\"");
	assert_not_contains(r->body, "rita");
	assert_contains(r->body, "\"role\":\"upstream\"");
	done(r);

	/* A regulator observes: reads the case and the participants' messages, says nothing. */
	done(call(s, &gina, "GET", NULL, 404, "/api/v1/cases/%s", kase));
	done(call(s, &cora, "POST", "{\"user\":\"gina\",\"role\":\"observer\"}", 201,
	    "/api/v1/cases/%s/participants", kase));
	r = call(s, &gina, "GET", NULL, 200, "/api/v1/cases/%s", kase);
	assert_not_contains(r->body, a);
	done(r);
	r = call(s, &gina, "GET", NULL, 200, "/api/v1/cases/%s/messages", kase);
	assert_contains(r->body, "Please confirm the SDK version");
	assert_not_contains(r->body, "INTERNAL-NOTE");
	done(r);
	r = call(s, &gina, "POST", "{\"body\":\"hello\",\"visibility\":\"participants\"}",
	    403, "/api/v1/cases/%s/messages", kase);
	assert_contains(r->body, "R42");
	done(r);
	/* A reporter cannot be taken off the case. */
	done(call(s, &cora, "DELETE", NULL, 409, "/api/v1/cases/%s/participants/rita", kase));

	/* The vendors answer; inbound messages are received like reports. */
	size1 = log_size(s);
	done(call(s, &vic, "POST", "{\"body\":\"We ship SDK 4.1; a fix is in 2.2.\","
	    "\"visibility\":\"participants\"}", 201, "/api/v1/cases/%s/messages", kase));
	assert_int_equal(log_size(s), size1 + 1);
	done(call(s, &vic, "PUT", "{\"status\":\"affected\",\"statement\":\"Fixed in 2.2.\"}",
	    200, "/api/v1/cases/%s/vendors/acme", kase));
	done(call(s, &chen, "PUT", "{\"status\":\"fixed\",\"fixed_version\":\"4.3\"}", 200,
	    "/api/v1/cases/%s/vendors/chipco", kase));
	/* A vendor does not speak for another. */
	done(call(s, &chen, "PUT", "{\"status\":\"fixed\"}", 404,
	    "/api/v1/cases/%s/vendors/acme", kase));

	/* The workflow: an illegal move is refused with its rule. */
	r = call(s, &cora, "POST", "{\"to\":\"published\"}", 409,
	    "/api/v1/cases/%s/transition", kase);
	assert_contains(r->body, "\"rule\"");
	done(r);
	r = call(s, &cora, "POST", "{\"to\":\"fix_available\"}", 409,
	    "/api/v1/cases/%s/transition", kase);
	assert_contains(r->body, "R34");
	done(r);
	done(call(s, &cora, "POST", "{\"to\":\"graded\"}", 200, "/api/v1/cases/%s/transition",
	    kase));
	done(call(s, &cora, "POST", "{\"to\":\"vendor_notified\"}", 200,
	    "/api/v1/cases/%s/transition", kase));
	done(call(s, &cora, "POST", "{\"to\":\"in_remediation\"}", 200,
	    "/api/v1/cases/%s/transition", kase));
	done(call(s, &cora, "POST", "{\"to\":\"fix_available\"}", 200,
	    "/api/v1/cases/%s/transition", kase));

	/* The reporter follows their report and confirms the fix. */
	r = call(s, &rita, "GET", NULL, 200, "/api/v1/reports/%s", a);
	assert_contains(r->body, kase);
	assert_contains(r->body, "fix_available");
	done(r);
	r = call(s, &rita, "GET", NULL, 200, "/api/v1/reports/%s/messages", a);
	assert_not_contains(r->body, "INTERNAL-NOTE");
	done(r);
	size1 = log_size(s);
	done(call(s, &rita, "POST", "{\"outcome\":\"confirmed\",\"body\":\"2.2 holds.\"}", 201,
	    "/api/v1/cases/%s/retest", kase));
	assert_int_equal(log_size(s), size1 + 1);
	/* The other reporter's report is not theirs to read. */
	done(call(s, &ray, "GET", NULL, 404, "/api/v1/reports/%s", a));

	/* The timeline and the audit trail hold every step. */
	r = call(s, &cora, "GET", NULL, 200, "/api/v1/cases/%s/timeline", kase);
	assert_contains(r->body, "\"event\":\"report_added\"");
	assert_contains(r->body, "\"event\":\"product_added\"");
	assert_contains(r->body, "\"event\":\"vendor_added\"");
	assert_contains(r->body, "\"event\":\"vendor_notified\"");
	assert_contains(r->body, "\"event\":\"vendor_status\"");
	assert_contains(r->body, "\"event\":\"message\"");
	assert_contains(r->body, "\"event\":\"retest\"");
	assert_contains(r->body, "\"to\":\"fix_available\"");
	done(r);
	r = call(s, &admin, "GET", NULL, 200, "/api/v1/admin/audit?limit=200");
	assert_contains(r->body, "report.triage");
	assert_contains(r->body, "case.participant_add");
	assert_contains(r->body, "case.vendor_seen");
	assert_contains(r->body, "\"case.read\"");
	assert_contains(r->body, "as=vendor");
	assert_contains(r->body, "as=observer");
	assert_contains(r->body, "case.messages.read");
	assert_contains(r->body, "case.product_add");
	assert_contains(r->body, "case.vendor_add");
	assert_contains(r->body, "case.vendor_notify");
	assert_contains(r->body, "case.vendor_status");
	assert_contains(r->body, "case.transition");
	done(r);

	/* Every inbound item is in the receipt log, and the log verifies. */
	assert_true(log_size(s) >= size0 + 2);
	srv_stop(s);
	assert_int_equal(srv_cli(s, NULL, out, sizeof(out), (const char *[]){ "log", "verify",
	    "--data-dir", s->dir, NULL }), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_story__case_from_reports_to_fix, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
