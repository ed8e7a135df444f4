/*
 * The API test harness (see harness.h): child processes for the CLI and
 * the server, libcurl for requests, and assertions that name the caller.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <dirent.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "harness.h"

#ifndef LOUDONG_BIN
#error "LOUDONG_BIN must name the loudong binary (tests/CMakeLists.txt sets it)"
#endif

extern char	**environ;

/*
 * Every child gets these: Argon2 cheap enough that each test can hash a few
 * passwords under the sanitizers, a log quiet enough to read, and public
 * intake open on a platform that is not filed (a test installation: 办法
 * 第八条 keeps intake closed until the 备案 otherwise).  Tests override any
 * of them through srv_start's env ("LOUDONG_FILING_OPEN_INTAKE_UNFILED=
 * false" for the go-live gate itself).
 */
static const char *const base_env[] = {
	"LOUDONG_AUTH_ARGON2_MEMLIMIT_KIB=8192",
	"LOUDONG_AUTH_ARGON2_OPSLIMIT=1",
	"LOUDONG_LOG_LEVEL=warn",
	"LOUDONG_FILING_OPEN_INTAKE_UNFILED=true",
	NULL,
};

static void fail_at(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void rm_tree(const char *path);

/*
 * Servers still running.  If the test process dies without its teardown
 * (a sanitizer report in the test itself, exit()), they are killed and
 * their directories removed, so no orphan keeps serving or holds ctest's
 * output pipe open.
 */
#define MAX_LIVE	8
static struct srv	*live[MAX_LIVE];

/* Set by the sanitizer runtime when the tests are built with one. */
extern void __sanitizer_set_death_callback(void (*)(void)) __attribute__((weak));

static void
kill_live(void)
{
	size_t	i;
	int	st;

	for (i = 0; i < MAX_LIVE; i++) {
		if (live[i] == NULL)
			continue;
		if (live[i]->pid > 0) {
			(void)kill(live[i]->pid, SIGKILL);
			(void)waitpid(live[i]->pid, &st, 0);
			live[i]->pid = 0;
		}
		if (live[i]->dir[0] != '\0')
			rm_tree(live[i]->dir);
		live[i] = NULL;
	}
}

static void
live_add(struct srv *s)
{
	size_t	i;

	for (i = 0; i < MAX_LIVE; i++)
		if (live[i] == NULL || live[i] == s) {
			live[i] = s;
			return;
		}
}

static void
live_remove(const struct srv *s)
{
	size_t	i;

	for (i = 0; i < MAX_LIVE; i++)
		if (live[i] == s)
			live[i] = NULL;
}

static void
fail_at(const char *file, int line, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vprint_error(fmt, ap);
	va_end(ap);
	print_error("\n");
	_fail(file, line);
}

#define FAIL(...)	fail_at(__FILE__, __LINE__, __VA_ARGS__)

static void
set_cloexec(int fd)
{
	int	fl = fcntl(fd, F_GETFD);

	if (fl >= 0)
		(void)fcntl(fd, F_SETFD, fl | FD_CLOEXEC);
}

static void
xpipe(int fds[2])
{
	if (pipe(fds) != 0)
		FAIL("pipe: %s", strerror(errno));
	set_cloexec(fds[0]);
	set_cloexec(fds[1]);
}

/* Does "K=V" set the variable named like the "K=..." in other? */
static bool
same_var(const char *a, const char *b)
{
	const char	*ea = strchr(a, '='), *eb = strchr(b, '=');

	if (ea == NULL || eb == NULL)
		return false;
	return ea - a == eb - b && strncmp(a, b, (size_t)(ea - a)) == 0;
}

/*
 * The environment for a child: ours without any LOUDONG_* (a test must not
 * depend on the caller's shell), then base_env, then extra.  Later entries
 * replace earlier ones with the same name.  Caller frees the array only
 * (the strings are borrowed).
 */
static char **
child_env(const char *const *extra)
{
	char	**envp;
	size_t	  n = 0, cap, i, j, k;

	for (i = 0; environ[i] != NULL; i++)
		;
	cap = i + sizeof(base_env) / sizeof(base_env[0]) + SRV_MAX_ENV + 1;
	if ((envp = calloc(cap, sizeof(*envp))) == NULL)
		FAIL("out of memory");
	for (i = 0; environ[i] != NULL; i++)
		if (strncmp(environ[i], "LOUDONG_", 8) != 0)
			envp[n++] = environ[i];
	for (k = 0; k < 2; k++) {
		const char *const *list = k == 0 ? base_env : extra;

		for (i = 0; list != NULL && list[i] != NULL; i++) {
			if (n + 1 >= cap)
				FAIL("too many environment overrides");
			for (j = 0; j < n; j++)
				if (same_var(envp[j], list[i]))
					break;
			/* execve's prototype predates const; it does not write. */
			envp[j] = (char *)list[i];
			if (j == n)
				n++;
		}
	}
	envp[n] = NULL;
	return envp;
}

/*
 * Fork and exec LOUDONG_BIN with args (argv[0] is set here).  in_fd and
 * out_fd become the child's stdin and stdout (-1: /dev/null); stderr is
 * shared with the test so sanitizer reports show in the test log.
 */
static pid_t
spawn(const char *const *args, const char *const *extra_env, int in_fd, int out_fd)
{
	const char	*argv[32];
	char		**envp;
	size_t		 n = 0, i;
	pid_t		 pid;
	int		 devnull;

	argv[n++] = LOUDONG_BIN;
	for (i = 0; args[i] != NULL; i++) {
		if (n + 1 >= sizeof(argv) / sizeof(argv[0]))
			FAIL("too many arguments for loudong");
		argv[n++] = args[i];
	}
	argv[n] = NULL;
	envp = child_env(extra_env);
	if ((devnull = open("/dev/null", O_RDWR | O_CLOEXEC)) < 0)
		FAIL("/dev/null: %s", strerror(errno));
	fflush(stdout);
	fflush(stderr);
	if ((pid = fork()) < 0)
		FAIL("fork: %s", strerror(errno));
	if (pid == 0) {
		/* Only async-signal-safe calls from here on. */
		if (dup2(in_fd >= 0 ? in_fd : devnull, STDIN_FILENO) < 0 ||
		    dup2(out_fd >= 0 ? out_fd : devnull, STDOUT_FILENO) < 0)
			_exit(126);
		/* execve's prototype predates const; it does not write. */
		execve(LOUDONG_BIN, (char *const *)argv, envp);
		_exit(127);
	}
	close(devnull);
	free(envp);
	return pid;
}

/* Read fd to EOF into out (NUL-terminated, the rest dropped). */
static void
read_all(int fd, char *out, size_t outsz)
{
	char	buf[4096];
	size_t	len = 0;
	ssize_t	n;

	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (out != NULL && len + 1 < outsz) {
			size_t	take = (size_t)n;

			if (take > outsz - 1 - len)
				take = outsz - 1 - len;
			memcpy(out + len, buf, take);
			len += take;
		}
	}
	if (out != NULL && outsz > 0)
		out[len] = '\0';
}

static int
wait_exit(pid_t pid)
{
	int	st;

	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return st;
}

int
srv_cli(struct srv *s, const char *stdin_text, char *out, size_t outsz,
    const char *const *argv)
{
	int	in[2], outp[2], st;
	pid_t	pid;
	size_t	off = 0, len;
	ssize_t	n;

	(void)s;
	xpipe(in);
	xpipe(outp);
	pid = spawn(argv, NULL, in[0], outp[1]);
	close(in[0]);
	close(outp[1]);
	len = stdin_text != NULL ? strlen(stdin_text) : 0;
	while (off < len) {
		n = write(in[1], stdin_text + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;	/* it stopped reading; its exit status says why */
		off += (size_t)n;
	}
	close(in[1]);
	read_all(outp[0], out, outsz);
	close(outp[0]);
	st = wait_exit(pid);
	if (st < 0 || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

/* Remove path and everything below it; errors are reported, not fatal. */
static void
rm_tree(const char *path)
{
	struct dirent	*de;
	struct stat	 sb;
	DIR		*d;
	char		 sub[1024];

	if (lstat(path, &sb) != 0)
		return;
	if (S_ISDIR(sb.st_mode) && (d = opendir(path)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
				continue;
			if ((size_t)snprintf(sub, sizeof(sub), "%s/%s", path,
			    de->d_name) >= sizeof(sub))
				continue;
			rm_tree(sub);
		}
		closedir(d);
		if (rmdir(path) != 0)
			fprintf(stderr, "harness: cannot remove '%s': %s\n", path,
			    strerror(errno));
		return;
	}
	if (unlink(path) != 0)
		fprintf(stderr, "harness: cannot remove '%s': %s\n", path,
		    strerror(errno));
}

/* srv_init, with the demo data when demo; init's standard output into out. */
static void
init_dir(struct srv *s, bool demo, char *out, size_t outsz)
{
	const char	*key = "one-time password:";
	const char	*p;
	size_t		 n;
	int		 rc;

	snprintf(s->dir, sizeof(s->dir), "/tmp/loudong-test-XXXXXX");
	if (mkdtemp(s->dir) == NULL)
		FAIL("mkdtemp: %s", strerror(errno));
	live_add(s);
	rc = srv_cli(s, NULL, out, outsz, demo ?
	    (const char *const[]){ "init", "--data-dir", s->dir, NULL } :
	    (const char *const[]){ "init", "--data-dir", s->dir, "--no-demo", NULL });
	if (rc != 0)
		FAIL("'loudong init' exited with %d; it printed:\n%s", rc, out);
	/* The box line: "│ one-time password:        <20 chars>           │". */
	if ((p = strstr(out, key)) == NULL)
		FAIL("'loudong init' printed no one-time password:\n%s", out);
	p += strlen(key);
	while (*p == ' ')
		p++;
	for (n = 0; p[n] != '\0' && p[n] != ' ' && p[n] != '\n'; n++)
		;
	if (n != 20 || n >= sizeof(s->admin_pw))
		FAIL("the one-time password is not 20 characters: '%.*s'", (int)n, p);
	memcpy(s->admin_pw, p, n);
	s->admin_pw[n] = '\0';
}

void
srv_init(struct srv *s)
{
	char	out[8192];

	init_dir(s, false, out, sizeof(out));
}

void
srv_init_demo(struct srv *s, char *out, size_t outsz)
{
	if (out == NULL || outsz < 1024)
		FAIL("srv_init_demo needs room for init's output");
	init_dir(s, true, out, outsz);
}

void
srv_user_add(struct srv *s, const char *login, const char *role,
    const char *org, const char *name, const char *password)
{
	const char	*argv[16];
	char		 in[1100], out[1024];
	size_t		 n = 0;
	int		 rc;

	argv[n++] = "user";
	argv[n++] = "add";
	argv[n++] = "--data-dir";
	argv[n++] = s->dir;
	argv[n++] = "--login";
	argv[n++] = login;
	argv[n++] = "--role";
	argv[n++] = role;
	if (org != NULL) {
		argv[n++] = "--org";
		argv[n++] = org;
	}
	if (name != NULL) {
		argv[n++] = "--name";
		argv[n++] = name;
	}
	argv[n++] = "--password-stdin";
	argv[n] = NULL;
	snprintf(in, sizeof(in), "%s\n", password != NULL ? password : TEST_PASSWORD);
	if ((rc = srv_cli(s, in, out, sizeof(out), argv)) != 0)
		FAIL("'loudong user add --login %s' exited with %d: %s", login, rc, out);
}

void
srv_token_create(struct srv *s, const char *login, char *out, size_t outsz)
{
	size_t	n;
	int	rc;

	rc = srv_cli(s, NULL, out, outsz, (const char *const[]){ "token", "create",
	    "--data-dir", s->dir, "--login", login, NULL });
	if (rc != 0)
		FAIL("'loudong token create --login %s' exited with %d", login, rc);
	n = strlen(out);
	while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == '\r'))
		out[--n] = '\0';
	if (n == 0 || strchr(out, '\n') != NULL)
		FAIL("'loudong token create' printed more or less than a token: '%s'", out);
}

static int64_t
ms_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The port in "loudong: serving on http://127.0.0.1:<port>/ ...", or -1. */
static int
parse_port(const char *line)
{
	const char	*p, *colon;
	char		*end;
	long		 port;

	if ((p = strstr(line, "serving on http://")) == NULL)
		return -1;
	p += strlen("serving on http://");
	if ((colon = strchr(p, ':')) == NULL)
		return -1;
	errno = 0;
	port = strtol(colon + 1, &end, 10);
	if (errno != 0 || end == colon + 1 || *end != '/' || port < 1 || port > 65535)
		return -1;
	return (int)port;
}

void
srv_start(struct srv *s, const char *const *env)
{
	srv_start_on(s, 0, env);
}

void
srv_start_on(struct srv *s, int port_want, const char *const *env)
{
	char	 line[1024], why[64], listen[32];
	size_t	 len = 0, i;
	int64_t	 deadline;
	pid_t	 got;
	int	 outp[2], st, port = -1, left;
	ssize_t	 n;

	if (s->pid != 0)
		FAIL("the server is already running");
	for (i = 0; env != NULL && env[i] != NULL; i++) {
		if (s->nenv >= SRV_MAX_ENV - 1)
			FAIL("too many environment overrides");
		if ((s->env[s->nenv++] = strdup(env[i])) == NULL)
			FAIL("out of memory");
	}
	s->env[s->nenv] = NULL;
	if (port_want < 0 || port_want > 65535)
		FAIL("srv_start_on: no such port %d", port_want);
	snprintf(listen, sizeof(listen), "127.0.0.1:%d", port_want);
	xpipe(outp);
	s->pid = spawn((const char *const[]){ "serve", "--data-dir", s->dir,
	    "--listen", listen, NULL }, (const char *const *)s->env, -1,
	    outp[1]);
	close(outp[1]);
	s->out_fd = outp[0];
	deadline = ms_now() + SRV_START_TIMEOUT * 1000;
	while (port < 0) {
		struct pollfd	pfd = { s->out_fd, POLLIN, 0 };

		left = (int)(deadline - ms_now());
		if (left <= 0) {
			srv_stop_status(s);
			FAIL("the server printed no 'serving on' line within %d s",
			    SRV_START_TIMEOUT);
		}
		if (poll(&pfd, 1, left) < 0) {
			if (errno == EINTR)
				continue;
			FAIL("poll: %s", strerror(errno));
		}
		if (pfd.revents == 0)
			continue;
		n = read(s->out_fd, line + len, sizeof(line) - 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			got = waitpid(s->pid, &st, 0);
			s->pid = 0;
			close(s->out_fd);
			s->out_fd = -1;
			if (got > 0 && WIFEXITED(st))
				snprintf(why, sizeof(why), "exit status %d", WEXITSTATUS(st));
			else if (got > 0 && WIFSIGNALED(st))
				snprintf(why, sizeof(why), "signal %d", WTERMSIG(st));
			else
				snprintf(why, sizeof(why), "unknown status");
			line[len] = '\0';
			FAIL("the server exited (%s) before listening; stdout: '%s'",
			    why, line);
		}
		len += (size_t)n;
		line[len] = '\0';
		if (strchr(line, '\n') != NULL || len == sizeof(line) - 1) {
			port = parse_port(line);
			if (port < 0) {
				srv_stop_status(s);
				FAIL("cannot read the port from the server's line '%s'",
				    line);
			}
		}
	}
	if (port_want != 0 && port != port_want) {
		srv_stop_status(s);
		FAIL("the server listens on port %d, not on %d as asked", port, port_want);
	}
	s->port = port;
	snprintf(s->base, sizeof(s->base), "http://127.0.0.1:%d", port);
}

int
srv_stop_status(struct srv *s)
{
	int64_t	deadline;
	pid_t	got;
	int	st = -1;

	if (s->pid == 0)
		return -1;
	(void)kill(s->pid, SIGTERM);
	deadline = ms_now() + SRV_STOP_TIMEOUT * 1000;
	for (;;) {
		got = waitpid(s->pid, &st, WNOHANG);
		if (got == s->pid)
			break;
		if (got < 0 && errno != EINTR) {
			st = -1;
			break;
		}
		if (ms_now() > deadline) {
			fprintf(stderr, "harness: the server did not exit within %d s "
			    "of SIGTERM; killing it\n", SRV_STOP_TIMEOUT);
			(void)kill(s->pid, SIGKILL);
			st = wait_exit(s->pid);
			break;
		}
		usleep(20 * 1000);
	}
	s->pid = 0;
	if (s->out_fd >= 0) {
		close(s->out_fd);
		s->out_fd = -1;
	}
	return st;
}

static void
check_exit_zero(int st, const char *file, int line)
{
	if (st == -1)
		fail_at(file, line, "the server could not be waited for");
	else if (WIFSIGNALED(st))
		fail_at(file, line, "the server died of signal %d", WTERMSIG(st));
	else if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		fail_at(file, line, "the server exited with status %d (a sanitizer "
		    "report above?)", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
}

void
srv_stop(struct srv *s)
{
	check_exit_zero(srv_stop_status(s), __FILE__, __LINE__);
}

int
srv_kill(struct srv *s)
{
	int	st;

	if (s->pid == 0)
		return -1;
	(void)kill(s->pid, SIGKILL);
	st = wait_exit(s->pid);
	s->pid = 0;
	if (s->out_fd >= 0) {
		close(s->out_fd);
		s->out_fd = -1;
	}
	return st;
}

void
srv_remove(struct srv *s)
{
	if (s->dir[0] != '\0')
		rm_tree(s->dir);
	s->dir[0] = '\0';
	if (s->pid == 0)
		live_remove(s);
}

int
srv_setup(void **state)
{
	static bool	 once;
	struct srv	*s;

	if (!once) {
		/* A child that stops reading its stdin must not kill the test. */
		signal(SIGPIPE, SIG_IGN);
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
			return -1;
		atexit(kill_live);
		if (__sanitizer_set_death_callback != NULL)
			__sanitizer_set_death_callback(kill_live);
		once = true;
	}
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return -1;
	s->out_fd = -1;
	*state = s;
	return 0;
}

int
srv_teardown(void **state)
{
	struct srv	*s = *state;
	size_t		 i;
	int		 st = 0;
	bool		 ran;

	if (s == NULL)
		return 0;
	ran = s->pid != 0;
	if (ran)
		st = srv_stop_status(s);
	srv_remove(s);
	live_remove(s);
	for (i = 0; i < s->nenv; i++)
		free(s->env[i]);
	free(s);
	*state = NULL;
	if (ran)
		check_exit_zero(st, __FILE__, __LINE__);
	return 0;
}

int
srv_connect(const struct srv *s)
{
	struct sockaddr_in	sin;
	int			fd;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)s->port);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
		FAIL("socket: %s", strerror(errno));
	if (connect(fd, (struct sockaddr *)&sin, sizeof(sin)) != 0)
		FAIL("connect to 127.0.0.1:%d: %s", s->port, strerror(errno));
	return fd;
}

/* Requests */

static size_t
on_body(char *p, size_t size, size_t nmemb, void *arg)
{
	struct resp	*r = arg;
	size_t		 n = size * nmemb, take = n, cap;
	char		*nb;

	r->total += n;
	if (r->len + take > HTTP_BODY_CAP)
		take = HTTP_BODY_CAP - r->len;
	if (take > 0) {
		cap = 4096;
		while (cap < r->len + take + 1)
			cap *= 2;
		if ((nb = realloc(r->body, cap)) == NULL)
			return 0;
		r->body = nb;
		memcpy(r->body + r->len, p, take);
		r->len += take;
		r->body[r->len] = '\0';
	}
	return n;
}

static void
clear_headers(struct resp *r)
{
	size_t	i;

	for (i = 0; i < r->nhdr; i++) {
		free(r->hdr[i].name);
		free(r->hdr[i].value);
	}
	free(r->hdr);
	r->hdr = NULL;
	r->nhdr = 0;
}

static size_t
on_header(char *p, size_t size, size_t nmemb, void *arg)
{
	struct resp	*r = arg;
	struct resp_hdr	*nh;
	size_t		 n = size * nmemb, k, vs, ve;

	/* A new status line (after 100 Continue): keep only the final headers. */
	if (n >= 5 && memcmp(p, "HTTP/", 5) == 0) {
		clear_headers(r);
		return n;
	}
	for (k = 0; k < n && p[k] != ':'; k++)
		;
	if (k == 0 || k == n)
		return n;	/* the blank line, or a malformed one */
	vs = k + 1;
	while (vs < n && (p[vs] == ' ' || p[vs] == '\t'))
		vs++;
	ve = n;
	while (ve > vs && (p[ve - 1] == '\r' || p[ve - 1] == '\n' ||
	    p[ve - 1] == ' ' || p[ve - 1] == '\t'))
		ve--;
	if ((nh = realloc(r->hdr, (r->nhdr + 1) * sizeof(*nh))) == NULL)
		return 0;
	r->hdr = nh;
	nh[r->nhdr].name = strndup(p, k);
	nh[r->nhdr].value = strndup(p + vs, ve - vs);
	if (nh[r->nhdr].name == NULL || nh[r->nhdr].value == NULL)
		return 0;
	r->nhdr++;
	return n;
}

static size_t
on_read(char *buf, size_t size, size_t nmemb, void *arg)
{
	size_t	*left = arg;
	size_t	 n = size * nmemb;

	if (n > *left)
		n = *left;
	if (n > 1000)
		n = 1000;	/* many small chunks, as a trickling client sends */
	memset(buf, 'a', n);
	*left -= n;
	return n;
}

/* One request in flight: its handle, header list and streamed-body state. */
struct xfer {
	CURL			*h;
	struct curl_slist	*hl;
	struct resp		*r;
	size_t			 left;	/* streamed body bytes still to send */
};

static void
xfer_open(const struct srv *s, const struct http_req *rq, struct xfer *x)
{
	char	url[2048];
	CURL	*h;
	size_t	i;

	memset(x, 0, sizeof(*x));
	x->left = rq->stream_len;
	if ((x->r = calloc(1, sizeof(*x->r))) == NULL)
		FAIL("out of memory");
	snprintf(url, sizeof(url), "%s%s", s->base, rq->path);
	if ((h = x->h = curl_easy_init()) == NULL)
		FAIL("curl_easy_init failed");
	curl_easy_setopt(h, CURLOPT_URL, url);
	/* Only ever the loopback server: no proxy from the environment. */
	curl_easy_setopt(h, CURLOPT_NOPROXY, "*");
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http");
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, rq->timeout > 0 ? rq->timeout :
	    (long)HTTP_TIMEOUT);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, x->r->error);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, x->r);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, x->r);
	for (i = 0; rq->headers != NULL && rq->headers[i] != NULL; i++)
		x->hl = curl_slist_append(x->hl, rq->headers[i]);
	if (rq->stream_len > 0) {
		x->hl = curl_slist_append(x->hl, "Transfer-Encoding: chunked");
		curl_easy_setopt(h, CURLOPT_POST, 1L);
		curl_easy_setopt(h, CURLOPT_READFUNCTION, on_read);
		curl_easy_setopt(h, CURLOPT_READDATA, &x->left);
		if (strcmp(rq->method, "POST") != 0)
			curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, rq->method);
	} else if (strcmp(rq->method, "HEAD") == 0) {
		curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
	} else if (rq->body != NULL || strcmp(rq->method, "POST") == 0) {
		curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE,
		    (curl_off_t)(rq->body != NULL ? rq->body_len : 0));
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, rq->body != NULL ? rq->body : "");
		if (strcmp(rq->method, "POST") != 0)
			curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, rq->method);
	} else if (strcmp(rq->method, "GET") != 0) {
		curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, rq->method);
	}
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, x->hl);
}

/* Record how the transfer ended, release it, return its response. */
static struct resp *
xfer_close(struct xfer *x, CURLcode cc)
{
	struct resp	*r = x->r;

	r->cc = (int)cc;
	if (cc == CURLE_OK || cc == CURLE_SEND_ERROR || cc == CURLE_RECV_ERROR)
		curl_easy_getinfo(x->h, CURLINFO_RESPONSE_CODE, &r->status);
	if (cc != CURLE_OK && r->error[0] == '\0')
		snprintf(r->error, sizeof(r->error), "%s", curl_easy_strerror(cc));
	curl_easy_cleanup(x->h);
	curl_slist_free_all(x->hl);
	if (r->body == NULL && (r->body = calloc(1, 1)) == NULL)
		FAIL("out of memory");
	return r;
}

struct resp *
http_do(const struct srv *s, const struct http_req *rq)
{
	struct xfer	x;

	xfer_open(s, rq, &x);
	return xfer_close(&x, curl_easy_perform(x.h));
}

void
http_parallel(const struct srv *s, const struct http_req *rqs, size_t n,
    struct resp **out)
{
	struct xfer	*x;
	CURLM		*m;
	CURLMsg		*msg;
	size_t		 i, done = 0;
	int		 running = 0, queued;

	if ((x = calloc(n ? n : 1, sizeof(*x))) == NULL || (m = curl_multi_init()) == NULL)
		FAIL("out of memory");
	/* All at once: one connection each, no reuse between them. */
	curl_multi_setopt(m, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)n);
	for (i = 0; i < n; i++) {
		xfer_open(s, &rqs[i], &x[i]);
		curl_easy_setopt(x[i].h, CURLOPT_PRIVATE, (void *)&x[i]);
		curl_easy_setopt(x[i].h, CURLOPT_FORBID_REUSE, 1L);
		curl_multi_add_handle(m, x[i].h);
		out[i] = NULL;
	}
	while (done < n) {
		if (curl_multi_perform(m, &running) != CURLM_OK)
			FAIL("curl_multi_perform failed");
		while ((msg = curl_multi_info_read(m, &queued)) != NULL) {
			struct xfer	*xi;
			void		*priv = NULL;

			if (msg->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &priv);
			xi = priv;
			curl_multi_remove_handle(m, xi->h);
			out[xi - x] = xfer_close(xi, msg->data.result);
			done++;
		}
		if (done < n && running > 0)
			curl_multi_poll(m, NULL, 0, 1000, NULL);
	}
	curl_multi_cleanup(m);
	free(x);
}

void
http_pool(const struct srv *s, const struct http_req *rqs, size_t n,
    size_t inflight, http_done_fn done, void *arg)
{
	struct xfer	*x;
	CURLM		*m;
	CURLMsg		*msg;
	size_t		 next = 0, finished = 0, active = 0;
	int		 running = 0, queued;

	if (inflight == 0)
		inflight = 1;
	if ((x = calloc(n ? n : 1, sizeof(*x))) == NULL || (m = curl_multi_init()) == NULL)
		FAIL("out of memory");
	curl_multi_setopt(m, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)inflight);
	while (finished < n) {
		for (; active < inflight && next < n; next++, active++) {
			xfer_open(s, &rqs[next], &x[next]);
			curl_easy_setopt(x[next].h, CURLOPT_PRIVATE, (void *)&x[next]);
			curl_multi_add_handle(m, x[next].h);
		}
		if (curl_multi_perform(m, &running) != CURLM_OK)
			FAIL("curl_multi_perform failed");
		while ((msg = curl_multi_info_read(m, &queued)) != NULL) {
			struct xfer	*xi;
			struct resp	*r;
			void		*priv = NULL;
			CURLcode	 cc;

			if (msg->msg != CURLMSG_DONE)
				continue;
			cc = msg->data.result;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &priv);
			xi = priv;
			curl_multi_remove_handle(m, xi->h);
			r = xfer_close(xi, cc);
			active--;
			finished++;
			done((size_t)(xi - x), r, arg);
		}
		if (finished < n && running > 0)
			curl_multi_poll(m, NULL, 0, 100, NULL);
	}
	curl_multi_cleanup(m);
	free(x);
}

/* Collect varargs strings until NULL into list (room for max - 1). */
static size_t
collect(va_list ap, const char **list, size_t n, size_t max)
{
	const char	*h;

	while ((h = va_arg(ap, const char *)) != NULL) {
		if (n + 1 >= max)
			FAIL("too many request headers");
		list[n++] = h;
	}
	list[n] = NULL;
	return n;
}

struct resp *
http(const struct srv *s, const char *method, const char *path, const char *body, ...)
{
	const char	*hdrs[32];
	struct http_req	 rq = { method, path, hdrs, body, body ? strlen(body) : 0, 0, 0 };
	va_list		 ap;

	va_start(ap, body);
	collect(ap, hdrs, 0, sizeof(hdrs) / sizeof(hdrs[0]));
	va_end(ap);
	return http_do(s, &rq);
}

struct resp *
api(const struct srv *s, const char *method, const char *path,
    const struct cred *c, const char *body, ...)
{
	const char	*hdrs[32];
	char		 cookie[200], csrf[200], bearer[200];
	struct http_req	 rq = { method, path, hdrs, body, body ? strlen(body) : 0, 0, 0 };
	size_t		 n = 0;
	va_list		 ap;

	if (body != NULL)
		hdrs[n++] = "Content-Type: application/json";
	if (c != NULL && c->cookie[0] != '\0') {
		snprintf(cookie, sizeof(cookie), "Cookie: ld_session=%s", c->cookie);
		hdrs[n++] = cookie;
		if (c->csrf[0] != '\0' && !c->no_csrf) {
			snprintf(csrf, sizeof(csrf), "X-CSRF-Token: %s", c->csrf);
			hdrs[n++] = csrf;
		}
	}
	if (c != NULL && c->bearer[0] != '\0') {
		snprintf(bearer, sizeof(bearer), "Authorization: Bearer %s", c->bearer);
		hdrs[n++] = bearer;
	}
	va_start(ap, body);
	collect(ap, hdrs, n, sizeof(hdrs) / sizeof(hdrs[0]));
	va_end(ap);
	return http_do(s, &rq);
}

void
resp_free(struct resp *r)
{
	if (r == NULL)
		return;
	clear_headers(r);
	if (r->json != NULL)
		json_decref(r->json);
	free(r->body);
	free(r);
}

const char *
resp_header_n(const struct resp *r, const char *name, size_t idx)
{
	size_t	i;

	for (i = 0; i < r->nhdr; i++)
		if (strcasecmp(r->hdr[i].name, name) == 0 && idx-- == 0)
			return r->hdr[i].value;
	return NULL;
}

const char *
resp_header(const struct resp *r, const char *name)
{
	return resp_header_n(r, name, 0);
}

const char *
resp_set_cookie(const struct resp *r, const char *name)
{
	const char	*v;
	size_t		 i, n = strlen(name);

	for (i = 0; (v = resp_header_n(r, "Set-Cookie", i)) != NULL; i++)
		if (strncmp(v, name, n) == 0 && v[n] == '=')
			return v;
	return NULL;
}

bool
resp_cookie(const struct resp *r, const char *name, char *out, size_t outsz)
{
	const char	*v = resp_set_cookie(r, name), *e;
	size_t		 n;

	if (v == NULL)
		return false;
	v += strlen(name) + 1;
	e = strchr(v, ';');
	n = e != NULL ? (size_t)(e - v) : strlen(v);
	if (n >= outsz)
		return false;
	memcpy(out, v, n);
	out[n] = '\0';
	return true;
}

json_t *
resp_json(struct resp *r)
{
	json_error_t	jerr;

	if (r->json == NULL && r->len > 0)
		r->json = json_loadb(r->body, r->len, JSON_DECODE_ANY, &jerr);
	return r->json;
}

const char *
resp_jstr(struct resp *r, const char *key)
{
	json_t	*o = resp_json(r);

	if (o == NULL || !json_is_object(o))
		return NULL;
	return json_string_value(json_object_get(o, key));
}

bool
contains_ci(const char *hay, const char *needle)
{
	size_t	n = strlen(needle);

	if (hay == NULL)
		return false;
	for (; *hay != '\0'; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return true;
	return false;
}

long
srv_login(const struct srv *s, const char *login, const char *password,
    struct cred *c, struct resp **out)
{
	struct resp	*r;
	json_t		*o;
	char		*body;
	const char	*csrf;
	long		 status;

	memset(c, 0, sizeof(*c));
	o = json_pack("{s:s, s:s}", "login", login, "password", password);
	if (o == NULL || (body = json_dumps(o, JSON_COMPACT)) == NULL)
		FAIL("cannot build the login body");
	json_decref(o);
	r = api(s, "POST", "/api/v1/session", NULL, body, NULL);
	free(body);
	status = r->status;
	if (status == 201) {
		if (!resp_cookie(r, "ld_session", c->cookie, sizeof(c->cookie)))
			FAIL("login answered 201 without an ld_session cookie");
		if ((csrf = resp_jstr(r, "csrf_token")) == NULL ||
		    strlen(csrf) >= sizeof(c->csrf))
			FAIL("login answered 201 without a csrf_token: %s", r->body);
		snprintf(c->csrf, sizeof(c->csrf), "%s", csrf);
	}
	if (out != NULL)
		*out = r;
	else
		resp_free(r);
	return status;
}

void
srv_admin_session(struct srv *s, const char *new_password, struct cred *c)
{
	struct resp	*r;
	json_t		*o;
	char		*body;
	long		 st;

	if ((st = srv_login(s, "admin", s->admin_pw, c, NULL)) != 201)
		FAIL("admin login with the one-time password answered %ld", st);
	o = json_pack("{s:s, s:s}", "current_password", s->admin_pw,
	    "new_password", new_password);
	if (o == NULL || (body = json_dumps(o, JSON_COMPACT)) == NULL)
		FAIL("cannot build the password body");
	json_decref(o);
	r = api(s, "POST", "/api/v1/me/password", c, body, NULL);
	free(body);
	if (r->status != 204)
		FAIL("changing the admin password answered %ld: %s", r->status, r->body);
	resp_free(r);
}

/* Assertions */

void
check_status(const struct resp *r, long want, const char *file, int line)
{
	if (r == NULL)
		fail_at(file, line, "no response");
	else if (r->status != want)
		fail_at(file, line, "expected HTTP %ld, got %ld (curl: %s); body: %.2000s",
		    want, r->status, r->cc ? r->error : "ok", r->body);
}

void
check_problem(struct resp *r, long want, const char *file, int line)
{
	const char	*ct;
	json_t		*o, *st;
	const char	*keys[] = { "type", "title", "detail" };
	size_t		 i;

	check_status(r, want, file, line);
	ct = resp_header(r, "Content-Type");
	if (ct == NULL || strncasecmp(ct, "application/problem+json", 24) != 0)
		fail_at(file, line, "expected Content-Type application/problem+json, "
		    "got '%s'", ct ? ct : "(none)");
	if ((o = resp_json(r)) == NULL || !json_is_object(o))
		fail_at(file, line, "the problem body is not a JSON object: %.2000s",
		    r->body);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		json_t	*v = json_object_get(o, keys[i]);

		if (!json_is_string(v) || json_string_length(v) == 0)
			fail_at(file, line, "the problem has no string '%s': %.2000s",
			    keys[i], r->body);
	}
	st = json_object_get(o, "status");
	if (!json_is_integer(st) || json_integer_value(st) != want)
		fail_at(file, line, "the problem's status is not %ld: %.2000s", want,
		    r->body);
}

void
check_problem_member(struct resp *r, long want, const char *key,
    const char *value, const char *file, int line)
{
	const char	*v;

	check_problem(r, want, file, line);
	v = resp_jstr(r, key);
	if (v == NULL || strcmp(v, value) != 0)
		fail_at(file, line, "expected problem %s '%s', got '%s': %.2000s", key,
		    value, v ? v : "(none)", r->body);
}

void
check_security_headers(const struct resp *r, const char *file, int line)
{
	const char	*v;

	if ((v = resp_header(r, "Content-Security-Policy")) == NULL)
		fail_at(file, line, "no Content-Security-Policy (HTTP %ld)", r->status);
	else if (strstr(v, "unsafe-inline") != NULL || strstr(v, "unsafe-eval") != NULL)
		fail_at(file, line, "the CSP allows unsafe code: %s", v);
	else if (strstr(v, "default-src") == NULL)
		fail_at(file, line, "the CSP sets no default-src: %s", v);
	if ((v = resp_header(r, "X-Content-Type-Options")) == NULL ||
	    strcasecmp(v, "nosniff") != 0)
		fail_at(file, line, "X-Content-Type-Options is '%s' (HTTP %ld)",
		    v ? v : "(none)", r->status);
	if ((v = resp_header(r, "Referrer-Policy")) == NULL || v[0] == '\0' ||
	    strcasecmp(v, "unsafe-url") == 0)
		fail_at(file, line, "Referrer-Policy is '%s' (HTTP %ld)",
		    v ? v : "(none)", r->status);
	if ((v = resp_header(r, "X-Frame-Options")) == NULL || strcasecmp(v, "DENY") != 0)
		fail_at(file, line, "X-Frame-Options is '%s' (HTTP %ld)",
		    v ? v : "(none)", r->status);
	if ((v = resp_header(r, "X-Request-Id")) == NULL || v[0] == '\0')
		fail_at(file, line, "no X-Request-Id (HTTP %ld)", r->status);
}

void
check_contains(const char *hay, const char *needle, bool want, const char *file,
    int line)
{
	bool	has = hay != NULL && strstr(hay, needle) != NULL;

	if (has != want)
		fail_at(file, line, "expected the text %sto contain '%s'; it is: %.3000s",
		    want ? "" : "not ", needle, hay ? hay : "(null)");
}

/* Web forms */

void
web_form_add(struct web_form *f, const char *key, const char *value)
{
	static const char	hex[] = "0123456789ABCDEF";
	const char		*parts[2] = { key, value };
	size_t			 i;

	if (f->len > 0) {
		assert_true(f->len + 1 < sizeof(f->buf));
		f->buf[f->len++] = '&';
	}
	for (i = 0; i < 2; i++) {
		const unsigned char *p = (const unsigned char *)parts[i];

		for (; *p != '\0'; p++) {
			assert_true(f->len + 4 < sizeof(f->buf));
			if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' ||
			    *p == '.' || *p == '~')
				f->buf[f->len++] = (char)*p;
			else if (*p == ' ')
				f->buf[f->len++] = '+';
			else {
				f->buf[f->len++] = '%';
				f->buf[f->len++] = hex[*p >> 4];
				f->buf[f->len++] = hex[*p & 15];
			}
		}
		if (i == 0)
			f->buf[f->len++] = '=';
	}
	f->buf[f->len] = '\0';
}

bool
web_form_csrf(const char *html, char *out, size_t outsz)
{
	const char	*key = "name=\"csrf\" value=\"", *p, *e;

	if ((p = strstr(html, key)) == NULL)
		return false;
	p += strlen(key);
	if ((e = strchr(p, '"')) == NULL || (size_t)(e - p) >= outsz)
		return false;
	memcpy(out, p, (size_t)(e - p));
	out[e - p] = '\0';
	return true;
}

struct resp *
web_page(const struct srv *s, const char *path, const char *cookie, const char *lang)
{
	char	ch[400], lh[100];

	snprintf(ch, sizeof(ch), "Cookie: %s", cookie ? cookie : "");
	snprintf(lh, sizeof(lh), "Accept-Language: %s", lang ? lang : "");
	return http(s, "GET", path, NULL, cookie ? ch : "X-No-Cookie: 1",
	    lang ? lh : "X-No-Lang: 1", NULL);
}

struct resp *
web_post_form(const struct srv *s, const char *path, const char *cookie,
    const struct web_form *f, const char *lang)
{
	char	ch[400], lh[100];

	snprintf(ch, sizeof(ch), "Cookie: %s", cookie ? cookie : "");
	snprintf(lh, sizeof(lh), "Accept-Language: %s", lang ? lang : "");
	return http(s, "POST", path, f->buf,
	    "Content-Type: application/x-www-form-urlencoded",
	    cookie ? ch : "X-No-Cookie: 1", lang ? lh : "X-No-Lang: 1", NULL);
}

void
web_login(const struct srv *s, const char *login, const char *pw, char *out,
    size_t outsz)
{
	struct resp	*r = web_page(s, "/login", NULL, NULL);
	struct web_form	 f = { .len = 0 };
	char		 ck[128], field[128], cookie[200], tok[128];

	assert_status(r, 200);
	assert_true(resp_cookie(r, "ld_csrf", ck, sizeof(ck)));
	assert_true(web_form_csrf(r->body, field, sizeof(field)));
	resp_free(r);
	web_form_add(&f, "csrf", field);
	web_form_add(&f, "login", login);
	web_form_add(&f, "password", pw);
	snprintf(cookie, sizeof(cookie), "ld_csrf=%s", ck);
	r = web_post_form(s, "/login", cookie, &f, NULL);
	assert_status(r, 303);
	assert_true(resp_cookie(r, "ld_session", tok, sizeof(tok)));
	snprintf(out, outsz, "ld_session=%s", tok);
	resp_free(r);
}
