/*
 * net/smtp: real mail to a real SMTP server on loopback (Debian's
 * python3-aiosmtpd with its Maildir handler), read back from the Maildir
 * and decoded here; header injection refused; a dead server reported.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/xalloc.h"
#include "crypto/crypto.h"
#include "net/smtp.h"

#define FROM		"noreply@loudong.example"
#define TO		"researcher@example.cn"
#define ERRSZ		512
#define START_WAIT_MS	15000	/* Python takes a moment to start */

/* Where aiosmtpd may live: Debian's interpreter first (pyenv's lacks it). */
static const char *const pythons[] = { "/usr/bin/python3", "python3" };

struct server {
	pid_t		 pid;		/* the aiosmtpd process, or 0 */
	int		 port;		/* where it listens */
	char		 dir[64];	/* temporary directory */
	char		 maildir[96];	/* dir/mail: the Maildir aiosmtpd creates */
	char		 url[64];	/* smtp://127.0.0.1:port */
	const char	*python;	/* the interpreter that has aiosmtpd */
};

static struct server	srv;

static void
sleep_ms(long ms)
{
	struct timespec	ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* A port nobody listens on right now: bind to 0, read it back, close. */
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
port_accepts(int port)
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

/* Run argv with stdout and stderr to logpath (or /dev/null); returns the pid. */
static pid_t
spawn(char *const argv[], const char *logpath)
{
	pid_t	pid;
	int	fd;

	if ((pid = fork()) != 0)
		return pid;
	fd = open(logpath ? logpath : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd >= 0) {
		dup2(fd, 1);
		dup2(fd, 2);
		close(fd);
	}
	execvp(argv[0], argv);
	_exit(127);
}

static bool
has_aiosmtpd(const char *python)
{
	char *const	argv[] = { (char *)python, "-c", "import aiosmtpd", NULL };
	pid_t		pid;
	int		status;

	if ((pid = spawn(argv, NULL)) < 0 || waitpid(pid, &status, 0) != pid)
		return false;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static int
start_server(void)
{
	char	listen[32], log[128];
	int	waited, status;
	size_t	i;

	for (i = 0; i < sizeof(pythons) / sizeof(pythons[0]); i++)
		if (has_aiosmtpd(pythons[i])) {
			srv.python = pythons[i];
			break;
		}
	if (srv.python == NULL)
		return 0;	/* the tests that need it skip */
	if ((srv.port = free_port()) < 0)
		return -1;
	snprintf(listen, sizeof(listen), "127.0.0.1:%d", srv.port);
	snprintf(log, sizeof(log), "%s/aiosmtpd.log", srv.dir);
	snprintf(srv.url, sizeof(srv.url), "smtp://127.0.0.1:%d", srv.port);
	{
		char *const	argv[] = { (char *)srv.python, "-m", "aiosmtpd", "-n",
		    "-l", listen, "-c", "aiosmtpd.handlers.Mailbox", srv.maildir, NULL };

		if ((srv.pid = spawn(argv, log)) < 0)
			return -1;
	}
	for (waited = 0; waited < START_WAIT_MS; waited += 50) {
		if (port_accepts(srv.port))
			return 0;
		if (waitpid(srv.pid, &status, WNOHANG) == srv.pid) {
			srv.pid = 0;
			fprintf(stderr, "aiosmtpd exited; see %s\n", log);
			return -1;
		}
		sleep_ms(50);
	}
	return -1;
}

/* Remove every file in dir, then dir (one level: the Maildir's own). */
static void
remove_dir(const char *dir)
{
	DIR		*d;
	struct dirent	*e;
	char		 path[512];

	if ((d = opendir(dir)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
			if (unlink(path) != 0)
				remove_dir(path);
		}
		closedir(d);
	}
	rmdir(dir);
}

static int
group_setup(void **state)
{
	(void)state;
	if (crypto_init() != 0 || net_init() != 0)
		return -1;
	memcpy(srv.dir, "/tmp/test_smtp.XXXXXX", sizeof("/tmp/test_smtp.XXXXXX"));
	if (mkdtemp(srv.dir) == NULL)
		return -1;
	snprintf(srv.maildir, sizeof(srv.maildir), "%s/mail", srv.dir);
	return start_server();
}

static int
group_teardown(void **state)
{
	int	status;

	(void)state;
	if (srv.pid > 0) {
		kill(srv.pid, SIGTERM);
		waitpid(srv.pid, &status, 0);
		srv.pid = 0;
	}
	remove_dir(srv.dir);
	net_cleanup();
	return 0;
}

static void
need_server(void)
{
	if (srv.python == NULL) {
		fprintf(stderr, "python3-aiosmtpd is not installed: skipped\n");
		skip();
	}
}

static struct smtp_cfg
cfg_for(const char *url)
{
	return (struct smtp_cfg){
		.url = url,
		.from = FROM,
		.username = "",
		.password = "",
		.timeout_ms = 10000,
		.require_tls = 0,
	};
}

/* Count the messages delivered so far. */
static int
count_new(void)
{
	char		 path[160];
	DIR		*d;
	struct dirent	*e;
	int		 n = 0;

	snprintf(path, sizeof(path), "%s/new", srv.maildir);
	if ((d = opendir(path)) == NULL)
		return 0;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

/*
 * The one message in new/, read, with every CR removed (the Maildir may
 * store LF or CRLF), and deleted so the next test starts empty.
 */
static char *
take_message(void)
{
	char		 dirpath[160], path[512];
	DIR		*d;
	struct dirent	*e;
	FILE		*f;
	char		*buf = NULL;
	size_t		 n = 0, i, o;
	long		 len;
	int		 tries;

	snprintf(dirpath, sizeof(dirpath), "%s/new", srv.maildir);
	for (tries = 0; tries < 100 && count_new() == 0; tries++)
		sleep_ms(50);
	assert_int_equal(count_new(), 1);
	assert_non_null(d = opendir(dirpath));
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dirpath, e->d_name);
		assert_non_null(f = fopen(path, "rb"));
		assert_int_equal(fseek(f, 0, SEEK_END), 0);
		assert_true((len = ftell(f)) > 0);
		rewind(f);
		buf = xmalloc((size_t)len + 1);
		n = fread(buf, 1, (size_t)len, f);
		fclose(f);
		unlink(path);
		break;
	}
	closedir(d);
	assert_non_null(buf);
	for (i = o = 0; i < n; i++)
		if (buf[i] != '\r')
			buf[o++] = buf[i];
	buf[o] = '\0';
	return buf;
}

/*
 * The unfolded value of header name (case-sensitive, as we wrote it) in
 * out, or NULL.  Continuation lines are joined without their line break.
 */
static char *
header(const char *m, const char *name, char *out, size_t outsz)
{
	size_t		 nl = strlen(name), o = 0;
	const char	*p = m, *eol;

	while (*p != '\0' && *p != '\n') {
		eol = strchr(p, '\n');
		if (eol == NULL)
			eol = p + strlen(p);
		if (strncmp(p, name, nl) == 0 && p[nl] == ':') {
			p += nl + 1;
			while (*p == ' ')
				p++;
			for (;;) {
				while (p < eol && o + 1 < outsz)
					out[o++] = *p++;
				p = *eol ? eol + 1 : eol;
				if (*p != ' ' && *p != '\t')
					break;
				eol = strchr(p, '\n');
				if (eol == NULL)
					eol = p + strlen(p);
			}
			out[o] = '\0';
			return out;
		}
		p = *eol ? eol + 1 : eol;
	}
	return NULL;
}

/* Decode an RFC 2047 value made of "=?UTF-8?B?...?=" words only. */
static void
decode_2047(const char *v, char *out, size_t outsz)
{
	const char	*end;
	size_t		 o = 0;
	int		 n;

	while (*v != '\0') {
		while (*v == ' ' || *v == '\t')
			v++;	/* whitespace between encoded-words is dropped */
		if (*v == '\0')
			break;
		assert_int_equal(strncmp(v, "=?UTF-8?B?", 10), 0);
		v += 10;
		assert_non_null(end = strstr(v, "?="));
		/* RFC 2047 §2: an encoded-word is at most 75 characters. */
		assert_true((size_t)(end - v) + 12 <= 75);
		n = crypto_b64_decode(out + o, outsz - o - 1, v, (size_t)(end - v));
		assert_true(n >= 0);
		o += (size_t)n;
		v = end + 2;
	}
	out[o] = '\0';
}

/* The body after the blank line: base64 lines of at most 76, decoded. */
static char *
decode_body(const char *m)
{
	const char	*p, *eol;
	char		*b64, *out;
	size_t		 n = 0, len;
	int		 r;

	assert_non_null(p = strstr(m, "\n\n"));
	p += 2;
	b64 = xmalloc(strlen(p) + 1);
	for (; *p != '\0'; p = *eol ? eol + 1 : eol) {
		eol = strchr(p, '\n');
		if (eol == NULL)
			eol = p + strlen(p);
		len = (size_t)(eol - p);
		assert_true(len <= 76);
		memcpy(b64 + n, p, len);
		n += len;
	}
	out = xmalloc(n + 1);
	r = crypto_b64_decode(out, n + 1, b64, n);
	assert_true(r >= 0);
	out[r] = '\0';
	free(b64);
	return out;
}

static void
test_smtp__send_chinese(void **state)
{
	static const char	subject[] =
	    "漏洞报告已收到：登录页面存在 SQL 注入漏洞（CVE-2025-0001），请尽快处理";
	static const char	body[] =
	    "您好，\n\n我们已收到您的漏洞报告，编号 LD-2025-0001。\n"
	    ".这一行以句点开头\n"
	    ".\n"
	    "A long line that is longer than seventy-six characters, so base64 has to wrap it more than once.\r\n"
	    "末行没有换行";
	static const char	want_body[] =
	    "您好，\r\n\r\n我们已收到您的漏洞报告，编号 LD-2025-0001。\r\n"
	    ".这一行以句点开头\r\n"
	    ".\r\n"
	    "A long line that is longer than seventy-six characters, so base64 has to wrap it more than once.\r\n"
	    "末行没有换行";
	struct smtp_cfg	 cfg;
	char		 err[ERRSZ], v[1024], dec[1024];
	char		*m, *b;
	size_t		 i;

	(void)state;
	need_server();
	cfg = cfg_for(srv.url);
	if (smtp_send(&cfg, TO, subject, body, err, sizeof(err)) != 0)
		fail_msg("smtp_send: %s", err);
	m = take_message();

	assert_non_null(header(m, "From", v, sizeof(v)));
	assert_string_equal(v, FROM);
	assert_non_null(header(m, "To", v, sizeof(v)));
	assert_string_equal(v, TO);
	/* The envelope, as aiosmtpd's handler records it. */
	assert_non_null(header(m, "X-MailFrom", v, sizeof(v)));
	assert_string_equal(v, FROM);
	assert_non_null(header(m, "X-RcptTo", v, sizeof(v)));
	assert_string_equal(v, TO);

	assert_non_null(header(m, "Subject", v, sizeof(v)));
	assert_int_equal(strncmp(v, "=?UTF-8?B?", 10), 0);
	decode_2047(v, dec, sizeof(dec));
	assert_string_equal(dec, subject);

	assert_non_null(header(m, "MIME-Version", v, sizeof(v)));
	assert_string_equal(v, "1.0");
	assert_non_null(header(m, "Content-Type", v, sizeof(v)));
	assert_string_equal(v, "text/plain; charset=utf-8");
	assert_non_null(header(m, "Content-Transfer-Encoding", v, sizeof(v)));
	assert_string_equal(v, "base64");

	/* "<32 hex digits@the From domain>" */
	assert_non_null(header(m, "Message-ID", v, sizeof(v)));
	assert_int_equal(strlen(v), 1 + 32 + 1 + strlen("loudong.example") + 1);
	assert_int_equal(v[0], '<');
	for (i = 1; i <= 32; i++)
		assert_non_null(strchr("0123456789abcdef", v[i]));
	assert_string_equal(v + 33, "@loudong.example>");

	/* "Thu, 01 Jan 2026 12:00:00 +0000" */
	assert_non_null(header(m, "Date", v, sizeof(v)));
	assert_int_equal(strlen(v), 31);
	assert_non_null(strstr("Mon,Tue,Wed,Thu,Fri,Sat,Sun,", (char[]){ v[0], v[1], v[2], v[3], 0 }));
	assert_string_equal(v + 25, " +0000");
	assert_int_equal(v[19], ':');
	assert_int_equal(v[22], ':');

	b = decode_body(m);
	assert_string_equal(b, want_body);
	free(b);
	free(m);
}

static void
test_smtp__send_ascii(void **state)
{
	struct smtp_cfg	 cfg;
	char		 err[ERRSZ], v[256];
	char		*m, *b;

	(void)state;
	need_server();
	cfg = cfg_for(srv.url);
	/*
	 * Credentials never go in the clear: this server offers no STARTTLS, so
	 * a send with a username is refused, and the password is not in the error.
	 */
	cfg.username = "mailer";
	cfg.password = "hunter2-secret";
	assert_int_equal(smtp_send(&cfg, TO, "Weekly digest", "one line", err,
	    sizeof(err)), -1);
	assert_null(strstr(err, "hunter2"));
	cfg.username = NULL;
	cfg.password = NULL;
	if (smtp_send(&cfg, TO, "Weekly digest", "one line", err, sizeof(err)) != 0)
		fail_msg("smtp_send: %s", err);
	m = take_message();
	assert_non_null(header(m, "Subject", v, sizeof(v)));
	assert_string_equal(v, "Weekly digest");
	b = decode_body(m);
	assert_string_equal(b, "one line");
	free(b);
	free(m);

	/* ASCII that looks like an encoded-word is encoded, so it reads back as sent. */
	if (smtp_send(&cfg, TO, "=?UTF-8?B?5pS75Ye7?=", "", err, sizeof(err)) != 0)
		fail_msg("smtp_send: %s", err);
	m = take_message();
	assert_non_null(header(m, "Subject", v, sizeof(v)));
	assert_string_not_equal(v, "=?UTF-8?B?5pS75Ye7?=");
	{
		char	dec[256];

		decode_2047(v, dec, sizeof(dec));
		assert_string_equal(dec, "=?UTF-8?B?5pS75Ye7?=");
	}
	free(m);
}

static void
test_smtp__refuses_injection(void **state)
{
	static const struct {
		const char	*from;
		const char	*to;
		const char	*subject;
	} t[] = {
		{ FROM, TO, "hello\r\nBcc: victim@example.com" },
		{ FROM, TO, "hello\nBcc: victim@example.com" },
		{ FROM, TO, "hello\r" },
		{ FROM, TO, NULL },
		{ FROM, TO "\r\nBcc: victim@example.com", "hello" },
		{ FROM, TO ">\r\nRCPT TO:<victim@example.com", "hello" },
		{ FROM, "Researcher <" TO ">", "hello" },
		{ FROM, "a@b@c", "hello" },
		{ FROM, "@example.cn", "hello" },
		{ FROM, "nobody@", "hello" },
		{ FROM, "no at sign", "hello" },
		{ FROM, "", "hello" },
		{ FROM, NULL, "hello" },
		{ FROM "\nX: y", TO, "hello" },
		{ "", TO, "hello" },
		{ NULL, TO, "hello" },
	};
	struct smtp_cfg	cfg;
	char		err[ERRSZ];
	size_t		i;
	int		before;

	(void)state;
	before = srv.python != NULL ? count_new() : 0;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		/* A live server if there is one: nothing may reach it. */
		cfg = cfg_for(srv.python != NULL ? srv.url : "smtp://127.0.0.1:1");
		cfg.from = t[i].from;
		err[0] = '\0';
		if (smtp_send(&cfg, t[i].to, t[i].subject, "body", err, sizeof(err)) != -1)
			fail_msg("case %zu was sent", i);
		if (err[0] == '\0')
			fail_msg("case %zu: no error sentence", i);
	}
	if (srv.python != NULL) {
		sleep_ms(100);
		assert_int_equal(count_new(), before);
	}
	/* No configuration at all. */
	assert_int_equal(smtp_send(NULL, TO, "s", "b", err, sizeof(err)), -1);
	assert_true(err[0] != '\0');
	/* A NULL err is allowed. */
	cfg = cfg_for("smtp://127.0.0.1:1");
	assert_int_equal(smtp_send(&cfg, TO, "a\nb", "b", NULL, 0), -1);
}

static void
test_smtp__closed_port(void **state)
{
	struct smtp_cfg	cfg;
	char		url[64], err[ERRSZ];
	int		port;

	(void)state;
	assert_true((port = free_port()) > 0);
	snprintf(url, sizeof(url), "smtp://127.0.0.1:%d", port);
	cfg = cfg_for(url);
	cfg.username = "mailer";
	cfg.password = "hunter2-secret";
	err[0] = '\0';
	assert_int_equal(smtp_send(&cfg, TO, "s", "b", err, sizeof(err)), -1);
	assert_true(strlen(err) > 10);
	assert_null(strchr(err, '\n'));
	assert_null(strstr(err, "hunter2"));
	/* Other schemes are refused before anything is fetched. */
	cfg = cfg_for("http://127.0.0.1:1/");
	err[0] = '\0';
	assert_int_equal(smtp_send(&cfg, TO, "s", "b", err, sizeof(err)), -1);
	assert_true(err[0] != '\0');
	cfg = cfg_for("file:///etc/passwd");
	assert_int_equal(smtp_send(&cfg, TO, "s", "b", err, sizeof(err)), -1);
}

static void
test_smtp__require_tls(void **state)
{
	struct smtp_cfg	cfg;
	char		err[ERRSZ];
	int		before;

	(void)state;
	need_server();
	/* The test server offers no STARTTLS: required TLS means no mail. */
	before = count_new();
	cfg = cfg_for(srv.url);
	cfg.require_tls = 1;
	err[0] = '\0';
	assert_int_equal(smtp_send(&cfg, TO, "secret report", "b", err, sizeof(err)), -1);
	assert_true(err[0] != '\0');
	sleep_ms(100);
	assert_int_equal(count_new(), before);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_smtp__send_chinese),
		cmocka_unit_test(test_smtp__send_ascii),
		cmocka_unit_test(test_smtp__refuses_injection),
		cmocka_unit_test(test_smtp__closed_port),
		cmocka_unit_test(test_smtp__require_tls),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
