/* A loopback SMTP server for the API tests (see smtpd.h). */
#include <dirent.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "smtpd.h"

bool
smtpd_available(void)
{
	if (access(SMTPD_PYTHON, X_OK) == 0)
		return true;
	fprintf(stderr, "skipping: %s not found (apt-get install python3-aiosmtpd)\n",
	    SMTPD_PYTHON);
	return false;
}

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

void
smtpd_init(struct smtpd *m, const char *dir)
{
	memset(m, 0, sizeof(*m));
	m->port = free_port();
	assert_true(m->port > 0);
	snprintf(m->url, sizeof(m->url), "smtp://127.0.0.1:%d", m->port);
	snprintf(m->env, sizeof(m->env), "LOUDONG_MAIL_SMTP_URL=%s", m->url);
	snprintf(m->maildir, sizeof(m->maildir), "%s-maildir", dir);
}

void
smtpd_start(struct smtpd *m)
{
	char	listen[32];
	int	i;

	snprintf(listen, sizeof(listen), "127.0.0.1:%d", m->port);
	m->pid = fork();
	assert_true(m->pid >= 0);
	if (m->pid == 0) {
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

void
smtpd_stop(struct smtpd *m)
{
	if (m->pid > 0) {
		kill(m->pid, SIGTERM);
		waitpid(m->pid, NULL, 0);
		m->pid = 0;
	}
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

void
smtpd_cleanup(struct smtpd *m)
{
	smtpd_stop(m);
	if (m->maildir[0] != '\0')
		rm_rf(m->maildir);
	m->maildir[0] = '\0';
}

static int
b64val(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
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

void
smtpd_body(const char *msg, char *out, size_t outsz)
{
	const char	*b = strstr(msg, "\n\n");

	if (b == NULL)
		b = strstr(msg, "\r\n\r\n");
	assert_non_null(b);
	b64dec(b, out, outsz);
}

/* Whether the raw message msg is addressed to `to` (a "To:" header line). */
static bool
addressed_to(const char *msg, const char *to)
{
	char	want[256];

	if (to == NULL)
		return true;
	snprintf(want, sizeof(want), "To: %s", to);
	return strstr(msg, want) != NULL;
}

/*
 * Visit the Maildir's messages: calls match for each until it returns
 * true; returns how many matched (stopping at the first when first_only).
 */
static int
scan(const struct smtpd *m, const char *to, const char *needle, bool first_only,
    char *msg, size_t msgsz, char *body, size_t bodysz)
{
	struct dirent	*de;
	DIR		*d;
	char		 dir[256], path[512];
	FILE		*fp;
	size_t		 n;
	int		 found = 0;

	snprintf(dir, sizeof(dir), "%s/new", m->maildir);
	if ((d = opendir(dir)) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if ((fp = fopen(path, "r")) == NULL)
			continue;
		n = fread(msg, 1, msgsz - 1, fp);
		fclose(fp);
		msg[n] = '\0';
		smtpd_body(msg, body, bodysz);
		if (addressed_to(msg, to) && strstr(body, needle) != NULL) {
			found++;
			if (first_only)
				break;
		}
	}
	closedir(d);
	return found;
}

bool
smtpd_wait(const struct smtpd *m, int seconds, const char *to, const char *needle,
    char *msg, size_t msgsz, char *body, size_t bodysz)
{
	int	i;

	for (i = 0; i < seconds * 10; i++) {
		if (scan(m, to, needle, true, msg, msgsz, body, bodysz) > 0)
			return true;
		usleep(100 * 1000);
	}
	return false;
}

int
smtpd_count(const struct smtpd *m, const char *to, const char *needle)
{
	char	*msg = malloc(65536), *body = malloc(32768);
	int	 n;

	assert_non_null(msg);
	assert_non_null(body);
	n = scan(m, to, needle, false, msg, 65536, body, 32768);
	free(msg);
	free(body);
	return n;
}
