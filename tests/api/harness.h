#ifndef LOUDONG_TESTS_API_HARNESS_H
#define LOUDONG_TESTS_API_HARNESS_H

/*
 * The API test harness: run the real `loudong` binary (LOUDONG_BIN) in a
 * throw-away data directory, serve it on 127.0.0.1 with an ephemeral port,
 * and talk to it with libcurl.  Nothing here ever connects anywhere but
 * 127.0.0.1.
 *
 * A test typically does:
 *
 *	struct srv *s = *state;			(from srv_setup)
 *	srv_init(s);				init --no-demo, admin password
 *	srv_user_add(s, "rita", "reporter", NULL, NULL, PW);
 *	srv_start(s, (const char *[]){ "LOUDONG_AUTH_THROTTLE_ACCOUNT_MAX=3", NULL });
 *	r = http(s, "GET", "/healthz", NULL, NULL);
 *	...
 *	resp_free(r);
 *
 * and srv_teardown stops the server (asserting that it exited 0, so that a
 * sanitizer report in the server fails the test) and removes the directory.
 * Children get the test's environment without any LOUDONG_* variable, then
 * the harness's base overrides, then the test's (passed to execve, so the
 * test process's own environment is never changed).  If the test process
 * dies without its teardown, an atexit / sanitizer death callback kills the
 * servers it started, so none is left holding ctest's output pipe.
 *
 * Every failure of the harness itself is a cmocka failure naming the
 * caller's file and line where that is useful.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <sys/types.h>

#include <cmocka.h>
#include <jansson.h>

/* Seconds srv_start waits for the "serving on" line. */
#define SRV_START_TIMEOUT	20
/* Seconds srv_stop waits for the server to exit after SIGTERM. */
#define SRV_STOP_TIMEOUT	30
/* Default per-request timeout, seconds. */
#define HTTP_TIMEOUT		30
/* Response bodies are collected up to this many bytes (the rest is counted). */
#define HTTP_BODY_CAP		(8u << 20)
/* Environment overrides a srv_start call may pass. */
#define SRV_MAX_ENV		32

/* A password every helper-created account gets unless the test says otherwise. */
#define TEST_PASSWORD		"correct horse battery staple"

struct srv {
	char	 dir[64];		/* the data directory (mkdtemp) */
	char	 admin_pw[32];		/* the admin one-time password from init */
	pid_t	 pid;			/* the serving child, 0 when not running */
	int	 out_fd;		/* its stdout (read end), -1 when closed */
	int	 port;			/* where it listens */
	char	 base[64];		/* "http://127.0.0.1:<port>" */
	char	*env[SRV_MAX_ENV];	/* overrides for the next start ("K=V", owned) */
	size_t	 nenv;			/* how many */
};

/* A response header. */
struct resp_hdr {
	char	*name;	/* as sent */
	char	*value;	/* trimmed */
};

struct resp {
	int		 cc;		/* CURLcode: 0 when a response arrived */
	char		 error[256];	/* curl's explanation when cc != 0 */
	long		 status;	/* HTTP status, 0 if none */
	char		*body;		/* NUL-terminated, at most HTTP_BODY_CAP bytes */
	size_t		 len;		/* bytes kept in body */
	size_t		 total;		/* bytes received (may exceed len) */
	struct resp_hdr	*hdr;		/* headers of the final response */
	size_t		 nhdr;		/* how many */
	json_t		*json;		/* resp_json's parse, owned */
};

/* Credentials for api(): a session (cookie + CSRF token) or a bearer token. */
struct cred {
	char	 cookie[128];	/* ld_session value, "" if none */
	char	 csrf[128];	/* the session's CSRF token, "" if none */
	char	 bearer[128];	/* API token, "" if none */
	bool	 no_csrf;	/* do not send X-CSRF-Token even if known */
};

/* cmocka fixtures: allocate a struct srv into *state; stop and clean it up. */
int	srv_setup(void **state);
int	srv_teardown(void **state);

/*
 * mkdtemp a data directory under /tmp and run `loudong init --data-dir DIR
 * --no-demo`, remembering the admin one-time password.  Fails the test if
 * init fails or prints no password.
 */
void	srv_init(struct srv *s);

/*
 * srv_init with the demo data (`loudong init` without --no-demo: the
 * demo accounts and a published demo advisory); init's standard output
 * goes to out (NUL-terminated, at least 1024 bytes) for the test to read.
 */
void	srv_init_demo(struct srv *s, char *out, size_t outsz);

/*
 * Run `loudong ARGS...` (argv without the program; NULL-terminated) with
 * the harness's base environment, stdin_text on standard input (or none),
 * standard output captured into out (NUL-terminated, may be NULL).
 * Returns the exit status, or -1 if it did not exit normally.
 */
int	srv_cli(struct srv *s, const char *stdin_text, char *out, size_t outsz,
	    const char *const *argv);

/* `loudong user add` with the password on stdin; fails the test unless 0. */
void	srv_user_add(struct srv *s, const char *login, const char *role,
	    const char *org, const char *name, const char *password);

/* `loudong token create --login LOGIN`: the token into out; fails unless 0. */
void	srv_token_create(struct srv *s, const char *login, char *out, size_t outsz);

/*
 * Start `loudong serve --data-dir DIR --listen 127.0.0.1:0` with the base
 * environment (fast Argon2, log level warn) plus env ("KEY=VALUE" strings,
 * NULL-terminated, may be NULL; later entries win).  Waits up to
 * SRV_START_TIMEOUT seconds for the "serving on" line and fails the test if
 * the child exits or says nothing.
 */
void	srv_start(struct srv *s, const char *const *env);
/*
 * srv_start listening on 127.0.0.1:port (0: an ephemeral port), for a
 * test that must know the port before the server runs (a peer configured
 * with its URL) or restart it where it was.  Fails the test if the server
 * cannot listen there.
 */
void	srv_start_on(struct srv *s, int port, const char *const *env);

/*
 * SIGTERM, wait, and return the raw wait status (see waitpid); the test
 * decides what to assert.  -1 if there was no server.
 */
int	srv_stop_status(struct srv *s);

/* srv_stop_status, asserting a normal exit with status 0. */
void	srv_stop(struct srv *s);

/*
 * SIGKILL the server (a crash: no shutdown code runs) and reap it; returns
 * the raw wait status without asserting anything, -1 if there was none.
 * srv_start may then start it again on the same data directory.
 */
int	srv_kill(struct srv *s);

/* Remove the data directory recursively (after srv_stop). */
void	srv_remove(struct srv *s);

/* A new TCP connection to the server (blocking socket), or fail the test. */
int	srv_connect(const struct srv *s);

/*
 * One request.  headers is a NULL-terminated list of "Name: value" lines
 * (may be NULL); body of body_len bytes (body NULL: none).  stream_len > 0
 * sends a body of that many bytes produced piecewise with
 * CURLOPT_READFUNCTION and "Transfer-Encoding: chunked" instead.
 * timeout is in seconds (0: HTTP_TIMEOUT).  Never fails the test itself:
 * a transport failure is reported in cc/error with status 0.
 */
struct http_req {
	const char		*method;	/* GET, POST, ... */
	const char		*path;		/* starts with '/' */
	const char *const	*headers;	/* extra request headers */
	const char		*body;		/* or NULL */
	size_t			 body_len;	/* bytes of body */
	size_t			 stream_len;	/* chunked body of this size */
	long			 timeout;	/* seconds */
};
struct resp	*http_do(const struct srv *s, const struct http_req *rq);

/*
 * n requests at once, each on its own connection; out[i] receives the
 * response to rqs[i] (caller frees each).
 */
void		 http_parallel(const struct srv *s, const struct http_req *rqs,
		    size_t n, struct resp **out);

/*
 * n requests with at most inflight of them under way at once (connections
 * are reused between requests).  As each finishes, done(i, response, arg)
 * is called with the response to rqs[i], which the callee owns; it may stop
 * or kill the server, and the requests still to come then fail in cc.
 */
typedef void	(*http_done_fn)(size_t i, struct resp *r, void *arg);
void		 http_pool(const struct srv *s, const struct http_req *rqs,
		    size_t n, size_t inflight, http_done_fn done, void *arg);

/* http_do with a NUL-terminated body (or NULL) and headers as varargs. */
struct resp	*http(const struct srv *s, const char *method, const char *path,
		    const char *body, ...) __attribute__((sentinel));

/*
 * A JSON API call: body (JSON text or NULL) goes with
 * Content-Type: application/json; c (may be NULL) adds the session cookie and
 * X-CSRF-Token, or Authorization: Bearer; extra headers follow, NULL-ended.
 */
struct resp	*api(const struct srv *s, const char *method, const char *path,
		    const struct cred *c, const char *body, ...)
		    __attribute__((sentinel));

void		 resp_free(struct resp *r);

/* The first header called name (case-insensitive), or NULL. */
const char	*resp_header(const struct resp *r, const char *name);
/* The idx-th header called name, or NULL. */
const char	*resp_header_n(const struct resp *r, const char *name, size_t idx);
/* The Set-Cookie header value that sets cookie name, or NULL. */
const char	*resp_set_cookie(const struct resp *r, const char *name);
/* The value that Set-Cookie gives cookie name into out; false if none. */
bool		 resp_cookie(const struct resp *r, const char *name, char *out,
		    size_t outsz);
/* The body parsed as JSON (cached; owned by r), or NULL if it is not JSON. */
json_t		*resp_json(struct resp *r);
/* A string member of the JSON body's top-level object, or NULL. */
const char	*resp_jstr(struct resp *r, const char *key);

/* Does haystack contain needle, ignoring ASCII case? */
bool		 contains_ci(const char *haystack, const char *needle);

/*
 * POST /api/v1/session; on 201 fills *c (cookie and csrf) and returns 201;
 * otherwise returns the status with *c cleared.  If out is not NULL it
 * receives the response (caller frees).
 */
long	srv_login(const struct srv *s, const char *login, const char *password,
	    struct cred *c, struct resp **out);

/* Log in as admin with the one-time password and change it to new_password. */
void	srv_admin_session(struct srv *s, const char *new_password, struct cred *c);

/*
 * Assertions with the caller's location.
 * assert_status: r->status == want, printing the body when it is not.
 * assert_problem: status, Content-Type application/problem+json, and a body
 *   with string type/title/detail and integer status equal to want.
 * assert_problem_field / _rule: and its "field" / "rule" is as given.
 * assert_security_headers: CSP without 'unsafe-inline', nosniff,
 *   Referrer-Policy, X-Frame-Options: DENY, X-Request-Id.
 */
#define assert_status(r, want)	check_status((r), (want), __FILE__, __LINE__)
#define assert_problem(r, want)	check_problem((r), (want), __FILE__, __LINE__)
#define assert_problem_field(r, want, field) \
	check_problem_member((r), (want), "field", (field), __FILE__, __LINE__)
#define assert_problem_rule(r, want, rule) \
	check_problem_member((r), (want), "rule", (rule), __FILE__, __LINE__)
#define assert_security_headers(r) \
	check_security_headers((r), __FILE__, __LINE__)
#define assert_contains(hay, needle) \
	check_contains((hay), (needle), true, __FILE__, __LINE__)
#define assert_not_contains(hay, needle) \
	check_contains((hay), (needle), false, __FILE__, __LINE__)

void	check_status(const struct resp *r, long want, const char *file, int line);
void	check_problem(struct resp *r, long want, const char *file, int line);
void	check_problem_member(struct resp *r, long want, const char *key,
	    const char *value, const char *file, int line);
void	check_security_headers(const struct resp *r, const char *file, int line);
void	check_contains(const char *hay, const char *needle, bool want,
	    const char *file, int line);


/*
 * Web forms.  A growing application/x-www-form-urlencoded body; the first
 * hidden csrf field of a page; GET a page and POST a form with an optional
 * Cookie header value ("ld_session=...") and Accept-Language (NULL: none);
 * log in through the form, "ld_session=<token>" into out.
 */
struct web_form {
	char	buf[4096];	/* the encoded body */
	size_t	len;		/* bytes used */
};
void		 web_form_add(struct web_form *f, const char *key, const char *value);
bool		 web_form_csrf(const char *html, char *out, size_t outsz);
struct resp	*web_page(const struct srv *s, const char *path, const char *cookie,
		    const char *lang);
struct resp	*web_post_form(const struct srv *s, const char *path, const char *cookie,
		    const struct web_form *f, const char *lang);
void		 web_login(const struct srv *s, const char *login, const char *pw,
		    char *out, size_t outsz);

#endif
