/*
 * The acknowledgement mail (ISO/IEC 29147 §6.2): a real SMTP server on
 * loopback (Debian's python3-aiosmtpd, writing a Maildir), a report
 * submitted, and the mail with the tracking id read back from the Maildir.
 * The outbox is durable: a mail queued while the SMTP server is down is
 * delivered after both come back, across a restart of Loudong.
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

struct mailenv {
	struct srv	 srv;		/* Loudong */
	struct smtpd	 smtp;		/* the SMTP server */
};

static int
setup(void **state)
{
	struct mailenv	*m;

	if (!smtpd_available())
		return -1;
	m = calloc(1, sizeof(*m));
	assert_non_null(m);
	*state = m;
	return 0;
}

static int
teardown(void **state)
{
	struct mailenv	*m = *state;
	size_t		 i;

	if (m == NULL)
		return 0;
	smtpd_cleanup(&m->smtp);
	if (m->srv.pid > 0)
		srv_stop(&m->srv);
	srv_remove(&m->srv);
	for (i = 0; i < m->srv.nenv; i++)
		free(m->srv.env[i]);
	free(m);
	return 0;
}

/* Submit a report as login's token holder; its id into id. */
static void
submit(struct mailenv *m, const char *token, char *id, size_t idsz)
{
	struct cred	 c = { 0 };
	struct resp	*r;
	const char	*v;

	snprintf(c.bearer, sizeof(c.bearer), "%s", token);
	r = api(&m->srv, "POST", "/api/v1/reports", &c,
	    "{\"title\":\"acknowledge me\",\"kind\":\"generic\",\"product\":\"EX\","
	    "\"description\":\"SECRET-DETAIL-must-not-be-mailed\"}", NULL);
	assert_status(r, 201);
	assert_non_null(v = resp_jstr(r, "id"));
	snprintf(id, idsz, "%s", v);
	resp_free(r);
}

static void
add_reporter(struct mailenv *m, char *token, size_t toksz)
{
	const char *const argv[] = { "user", "add", "--data-dir", m->srv.dir, "--login",
	    "mailme", "--role", "reporter", "--email", "mailme@example.org",
	    "--password-stdin", NULL };

	assert_int_equal(srv_cli(&m->srv, TEST_PASSWORD "\n", NULL, 0, argv), 0);
	srv_token_create(&m->srv, "mailme", token, toksz);
}

/* Wait for any message; its text into buf. */
static bool
wait_mail(const struct mailenv *m, int seconds, char *buf, size_t bufsz)
{
	char	body[8192];

	return smtpd_wait(&m->smtp, seconds, NULL, "", buf, bufsz, body, sizeof(body));
}

static void
test_mail__acknowledgement_arrives(void **state)
{
	struct mailenv	*m = *state;
	char		 token[128], id[64], msg[16384], body[8192];
	const char	*envs[4];

	srv_init(&m->srv);
	smtpd_init(&m->smtp, m->srv.dir);
	smtpd_start(&m->smtp);
	add_reporter(m, token, sizeof(token));
	envs[0] = m->smtp.env;
	envs[1] = "LOUDONG_OUTBOX_POLL_INTERVAL_MS=100";
	envs[2] = "LOUDONG_INSTANCE_BASE_URL=https://vuln.example";
	envs[3] = NULL;
	srv_start(&m->srv, envs);
	submit(m, token, id, sizeof(id));
	assert_true(wait_mail(m, 20, msg, sizeof(msg)));
	assert_contains(msg, "To: mailme@example.org");
	assert_contains(msg, "Content-Type: text/plain; charset=utf-8");
	smtpd_body(msg, body, sizeof(body));
	assert_contains(body, id);
	assert_contains(body, "https://vuln.example/reports/");
	/* The tracking id and a link, never the details. */
	assert_not_contains(body, "SECRET-DETAIL");
	assert_not_contains(msg, "SECRET-DETAIL");
}

/* A triage decision reaches the reporter: the outcome and a link, not the question. */
static void
test_mail__triage_decision_reaches_reporter(void **state)
{
	struct mailenv	*m = *state;
	struct cred	 tom = { 0 };
	struct resp	*r;
	char		 token[128], id[64], msg[16384], body[8192], path[128];
	const char	*envs[4];

	srv_init(&m->srv);
	smtpd_init(&m->smtp, m->srv.dir);
	smtpd_start(&m->smtp);
	add_reporter(m, token, sizeof(token));
	srv_user_add(&m->srv, "tom", "triager", NULL, NULL, TEST_PASSWORD);
	srv_token_create(&m->srv, "tom", tom.bearer, sizeof(tom.bearer));
	envs[0] = m->smtp.env;
	envs[1] = "LOUDONG_OUTBOX_POLL_INTERVAL_MS=100";
	envs[2] = "LOUDONG_INSTANCE_BASE_URL=https://vuln.example";
	envs[3] = NULL;
	srv_start(&m->srv, envs);
	submit(m, token, id, sizeof(id));
	snprintf(path, sizeof(path), "/api/v1/reports/%s/triage", id);
	r = api(&m->srv, "POST", path, &tom, "{\"decision\":\"needs_info\","
	    "\"reason\":\"SECRET-QUESTION: which firmware?\"}", NULL);
	assert_status(r, 200);
	resp_free(r);
	/* The body names the report, the outcome and the link. */
	assert_true(smtpd_wait(&m->smtp, 20, NULL, "needs more information", msg, sizeof(msg),
	    body, sizeof(body)));
	assert_contains(body, id);
	assert_contains(body, "https://vuln.example/reports/");
	assert_not_contains(body, "SECRET-QUESTION");
	assert_not_contains(msg, "SECRET-QUESTION");
}

static void
test_mail__queued_mail_survives_restart(void **state)
{
	struct mailenv	*m = *state;
	char		 token[128], id[64], msg[16384], body[8192];
	const char	*envs[5];

	srv_init(&m->srv);
	smtpd_init(&m->smtp, m->srv.dir);
	add_reporter(m, token, sizeof(token));
	envs[0] = m->smtp.env;
	envs[1] = "LOUDONG_OUTBOX_POLL_INTERVAL_MS=100";
	envs[2] = "LOUDONG_OUTBOX_BACKOFF_SECONDS=1";
	envs[3] = NULL;
	/* The SMTP server is down: the first attempts fail and are retried. */
	srv_start(&m->srv, envs);
	submit(m, token, id, sizeof(id));
	sleep(1);
	srv_stop(&m->srv);
	/* Both come back; the queued mail goes out from the outbox. */
	smtpd_start(&m->smtp);
	srv_start(&m->srv, envs);
	assert_true(wait_mail(m, 20, msg, sizeof(msg)));
	smtpd_body(msg, body, sizeof(body));
	assert_contains(body, id);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_mail__acknowledgement_arrives,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_mail__queued_mail_survives_restart,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_mail__triage_decision_reaches_reporter,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
