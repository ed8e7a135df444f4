/*
 * The acknowledgement mail (ISO/IEC 29147 §6.2): a real SMTP server on
 * loopback (Debian's python3-aiosmtpd, writing a Maildir), a report
 * submitted, and the mail with the tracking id read back from the Maildir.
 * The outbox is durable: a mail queued while the SMTP server is down is
 * delivered after both come back, across a restart of Loudong.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "harness.h"

#define SMTPD_PYTHON	"/usr/bin/python3"	/* Debian's, which has aiosmtpd */

struct mailenv {
	struct srv	 srv;		/* Loudong */
	pid_t		 smtpd;		/* the SMTP server, 0 when stopped */
	int		 port;		/* its port */
	char		 maildir[128];	/* where it writes */
	char		 url[64];	/* smtp://127.0.0.1:port */
};

static int
free_port(void)
{
	struct sockaddr_in	sin;
	socklen_t		len = sizeof(sin);
	int			fd, port = -1;

	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) < 0)
		return -1;
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) == 0 &&
	    getsockname(fd, (struct sockaddr *)&sin, &len) == 0)
		port = ntohs(sin.sin_port);
	close(fd);
	return port;
}

static bool
port_open(int port)
{
	struct sockaddr_in	sin;
	int			fd;
	bool			ok;

	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) < 0)
		return false;
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sin.sin_port = htons((uint16_t)port);
	ok = connect(fd, (struct sockaddr *)&sin, sizeof(sin)) == 0;
	close(fd);
	return ok;
}

static void
smtpd_start(struct mailenv *m)
{
	char	listen[32];
	int	i;

	snprintf(listen, sizeof(listen), "127.0.0.1:%d", m->port);
	m->smtpd = fork();
	assert_true(m->smtpd >= 0);
	if (m->smtpd == 0) {
		int	devnull = open("/dev/null", O_WRONLY);

		if (devnull >= 0) {
			dup2(devnull, 1);
			dup2(devnull, 2);
		}
		execl(SMTPD_PYTHON, SMTPD_PYTHON, "-m", "aiosmtpd", "-n", "-l", listen,
		    "-c", "aiosmtpd.handlers.Mailbox", m->maildir, (char *)NULL);
		_exit(127);
	}
	for (i = 0; i < 100 && !port_open(m->port); i++)
		usleep(100 * 1000);
	assert_true(port_open(m->port));
}

static void
smtpd_stop(struct mailenv *m)
{
	if (m->smtpd > 0) {
		kill(m->smtpd, SIGTERM);
		waitpid(m->smtpd, NULL, 0);
		m->smtpd = 0;
	}
}

static int
setup(void **state)
{
	struct mailenv	*m;

	if (access(SMTPD_PYTHON, X_OK) != 0) {
		fprintf(stderr, "skipping: %s not found (apt-get install python3-aiosmtpd)\n",
		    SMTPD_PYTHON);
		return -1;
	}
	m = calloc(1, sizeof(*m));
	assert_non_null(m);
	m->port = free_port();
	assert_true(m->port > 0);
	snprintf(m->url, sizeof(m->url), "smtp://127.0.0.1:%d", m->port);
	*state = m;
	return 0;
}

static void
rm_rf(const char *path)
{
	struct dirent	*de;
	DIR		*d;
	char		 p[512];

	if ((d = opendir(path)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
				continue;
			snprintf(p, sizeof(p), "%s/%s", path, de->d_name);
			rm_rf(p);
		}
		closedir(d);
		rmdir(path);
	} else
		unlink(path);
}

static int
teardown(void **state)
{
	struct mailenv	*m = *state;
	size_t		 i;

	if (m == NULL)
		return 0;
	smtpd_stop(m);
	if (m->srv.pid > 0)
		srv_stop(&m->srv);
	srv_remove(&m->srv);
	for (i = 0; i < m->srv.nenv; i++)
		free(m->srv.env[i]);
	if (m->maildir[0] != '\0')
		rm_rf(m->maildir);
	free(m);
	return 0;
}

static int
b64val(int c)
{
	if (c >= 'A' && c <= 'Z') return c - 'A';
	if (c >= 'a' && c <= 'z') return c - 'a' + 26;
	if (c >= '0' && c <= '9') return c - '0' + 52;
	if (c == '+') return 62;
	if (c == '/') return 63;
	return -1;
}

/* Decode base64, skipping whitespace; returns the byte count. */
static size_t
b64dec(const char *s, char *out, size_t outsz)
{
	unsigned	acc = 0;
	int		bits = 0, v;
	size_t		n = 0;

	for (; *s != '\0' && *s != '='; s++) {
		if ((v = b64val((unsigned char)*s)) < 0)
			continue;
		acc = acc << 6 | (unsigned)v;
		bits += 6;
		if (bits >= 8 && n + 1 < outsz) {
			bits -= 8;
			out[n++] = (char)(acc >> bits & 0xff);
		}
	}
	out[n] = '\0';
	return n;
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

/* The body of a base64 text/plain message, decoded. */
static void
mail_body(const char *msg, char *out, size_t outsz)
{
	const char	*b = strstr(msg, "\n\n");

	if (b == NULL)
		b = strstr(msg, "\r\n\r\n");
	assert_non_null(b);
	b64dec(b, out, outsz);
}

/*
 * Wait for a message whose decoded body contains needle; the raw message
 * into msg and the body into body.
 */
static bool
wait_body_with(const struct mailenv *m, int seconds, const char *needle, char *msg,
    size_t msgsz, char *body, size_t bodysz)
{
	struct dirent	*de;
	DIR		*d;
	char		 dir[256], path[512];
	FILE		*fp;
	size_t		 n;
	int		 i;

	snprintf(dir, sizeof(dir), "%s/new", m->maildir);
	for (i = 0; i < seconds * 10; i++) {
		if ((d = opendir(dir)) != NULL) {
			while ((de = readdir(d)) != NULL) {
				if (de->d_name[0] == '.')
					continue;
				snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
				if ((fp = fopen(path, "r")) == NULL)
					continue;
				n = fread(msg, 1, msgsz - 1, fp);
				fclose(fp);
				msg[n] = '\0';
				mail_body(msg, body, bodysz);
				if (strstr(body, needle) != NULL) {
					closedir(d);
					return true;
				}
			}
			closedir(d);
		}
		usleep(100 * 1000);
	}
	return false;
}

/* Wait for any message; its text into buf. */
static bool
wait_mail(const struct mailenv *m, int seconds, char *buf, size_t bufsz)
{
	char	body[8192];

	return wait_body_with(m, seconds, "", buf, bufsz, body, sizeof(body));
}

static void
test_mail__acknowledgement_arrives(void **state)
{
	struct mailenv	*m = *state;
	char		 token[128], id[64], msg[16384], body[8192], env[96];
	const char	*envs[4];

	srv_init(&m->srv);
	snprintf(m->maildir, sizeof(m->maildir), "%s-maildir", m->srv.dir);
	smtpd_start(m);
	add_reporter(m, token, sizeof(token));
	snprintf(env, sizeof(env), "LOUDONG_MAIL_SMTP_URL=%s", m->url);
	envs[0] = env;
	envs[1] = "LOUDONG_OUTBOX_POLL_INTERVAL_MS=100";
	envs[2] = "LOUDONG_INSTANCE_BASE_URL=https://vuln.example";
	envs[3] = NULL;
	srv_start(&m->srv, envs);
	submit(m, token, id, sizeof(id));
	assert_true(wait_mail(m, 20, msg, sizeof(msg)));
	assert_contains(msg, "To: mailme@example.org");
	assert_contains(msg, "Content-Type: text/plain; charset=utf-8");
	mail_body(msg, body, sizeof(body));
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
	char		 token[128], id[64], msg[16384], body[8192], env[96], path[128];
	const char	*envs[4];

	srv_init(&m->srv);
	snprintf(m->maildir, sizeof(m->maildir), "%s-maildir", m->srv.dir);
	smtpd_start(m);
	add_reporter(m, token, sizeof(token));
	srv_user_add(&m->srv, "tom", "triager", NULL, NULL, TEST_PASSWORD);
	srv_token_create(&m->srv, "tom", tom.bearer, sizeof(tom.bearer));
	snprintf(env, sizeof(env), "LOUDONG_MAIL_SMTP_URL=%s", m->url);
	envs[0] = env;
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
	assert_true(wait_body_with(m, 20, "needs more information", msg, sizeof(msg), body,
	    sizeof(body)));
	assert_contains(body, id);
	assert_contains(body, "https://vuln.example/reports/");
	assert_not_contains(body, "SECRET-QUESTION");
	assert_not_contains(msg, "SECRET-QUESTION");
}

static void
test_mail__queued_mail_survives_restart(void **state)
{
	struct mailenv	*m = *state;
	char		 token[128], id[64], msg[16384], body[8192], env[96];
	const char	*envs[5];

	srv_init(&m->srv);
	snprintf(m->maildir, sizeof(m->maildir), "%s-maildir", m->srv.dir);
	add_reporter(m, token, sizeof(token));
	snprintf(env, sizeof(env), "LOUDONG_MAIL_SMTP_URL=%s", m->url);
	envs[0] = env;
	envs[1] = "LOUDONG_OUTBOX_POLL_INTERVAL_MS=100";
	envs[2] = "LOUDONG_OUTBOX_BACKOFF_SECONDS=1";
	envs[3] = NULL;
	/* The SMTP server is down: the first attempts fail and are retried. */
	srv_start(&m->srv, envs);
	submit(m, token, id, sizeof(id));
	sleep(1);
	srv_stop(&m->srv);
	/* Both come back; the queued mail goes out from the outbox. */
	smtpd_start(m);
	srv_start(&m->srv, envs);
	assert_true(wait_mail(m, 20, msg, sizeof(msg)));
	mail_body(msg, body, sizeof(body));
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
