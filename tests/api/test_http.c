/*
 * The HTTP layer seen from outside: health, security headers, limits,
 * problem+json, content negotiation, slow clients, shutdown.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

/* The anonymous body limit the limit tests run with. */
#define ANON_MAX	4096
#define ANON_MAX_ENV	"LOUDONG_SERVER_BODY_MAX_ANON_BYTES=4096"

static struct srv *
boot(void **state, const char *const *env)
{
	struct srv	*s = *state;

	srv_init(s);
	srv_start(s, env);
	return s;
}

static void
test_http__healthz_ok(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;
	json_t		*o;

	r = http(s, "GET", "/healthz", NULL, NULL);
	assert_status(r, 200);
	assert_non_null(resp_header(r, "Content-Type"));
	assert_true(contains_ci(resp_header(r, "Content-Type"), "application/json"));
	o = resp_json(r);
	assert_non_null(o);
	assert_true(json_is_object(o));
	assert_string_equal(json_string_value(json_object_get(o, "status")), "ok");
	resp_free(r);

	/* HEAD is served by the GET route, without a body. */
	r = http(s, "HEAD", "/healthz", NULL, NULL);
	assert_status(r, 200);
	assert_int_equal(r->len, 0);
	resp_free(r);
}

static void
test_http__security_headers_on_every_response(void **state)
{
	struct srv	*s = boot(state, (const char *const[]){ ANON_MAX_ENV, NULL });
	struct resp	*r;
	char		*big;
	const char	*id1;
	char		 first_id[64];

	r = http(s, "GET", "/healthz", NULL, NULL);
	assert_status(r, 200);
	assert_security_headers(r);
	id1 = resp_header(r, "X-Request-Id");
	snprintf(first_id, sizeof(first_id), "%s", id1);
	resp_free(r);

	/* Each request has its own id. */
	r = http(s, "GET", "/healthz", NULL, NULL);
	assert_security_headers(r);
	assert_string_not_equal(resp_header(r, "X-Request-Id"), first_id);
	resp_free(r);

	r = http(s, "GET", "/no/such/page", NULL, NULL);
	assert_status(r, 404);
	assert_security_headers(r);
	resp_free(r);

	r = http(s, "GET", "/api/v1/no-such-endpoint", NULL, NULL);
	assert_status(r, 404);
	assert_security_headers(r);
	resp_free(r);

	r = http(s, "DELETE", "/healthz", NULL, NULL);
	assert_status(r, 405);
	assert_security_headers(r);
	resp_free(r);

	r = http(s, "GET", "/api/v1/me", NULL, NULL);
	assert_status(r, 401);
	assert_security_headers(r);
	resp_free(r);

	r = http(s, "POST", "/api/v1/session", "{", "Content-Type: application/json",
	    NULL);
	assert_status(r, 400);
	assert_security_headers(r);
	resp_free(r);

	r = http(s, "POST", "/api/v1/session", "{}", "Content-Type: text/plain", NULL);
	assert_status(r, 415);
	assert_security_headers(r);
	resp_free(r);

	big = malloc(ANON_MAX + 2);
	assert_non_null(big);
	memset(big, 'x', ANON_MAX + 1);
	big[ANON_MAX + 1] = '\0';
	r = http(s, "POST", "/api/v1/session", big, "Content-Type: application/json",
	    "Expect: 100-continue", NULL);
	free(big);
	assert_status(r, 413);
	assert_security_headers(r);
	resp_free(r);

	r = http(s, "GET", "/api/v1/openapi.json", NULL, NULL);
	assert_status(r, 200);
	assert_security_headers(r);
	resp_free(r);
}

static void
test_http__body_over_content_length_limit_is_413(void **state)
{
	struct srv	*s = boot(state, (const char *const[]){ ANON_MAX_ENV, NULL });
	struct resp	*r;
	char		*big;

	big = malloc(ANON_MAX + 2);
	assert_non_null(big);
	memset(big, ' ', ANON_MAX + 1);
	big[0] = '{';
	big[ANON_MAX] = '}';
	big[ANON_MAX + 1] = '\0';
	/* One byte over, declared in Content-Length: refused before the body. */
	r = http(s, "POST", "/api/v1/session", big, "Content-Type: application/json",
	    "Expect: 100-continue", NULL);
	assert_problem(r, 413);
	resp_free(r);

	/* The same, without Expect: the body is on its way when the 413 is sent. */
	r = http(s, "POST", "/api/v1/session", big, "Content-Type: application/json",
	    "Expect:", NULL);
	assert_problem(r, 413);
	resp_free(r);

	/* Exactly at the limit it is read (and then judged on its content). */
	big[ANON_MAX - 1] = '}';
	big[ANON_MAX] = '\0';
	r = http(s, "POST", "/api/v1/session", big, "Content-Type: application/json",
	    NULL);
	assert_problem(r, 400);
	resp_free(r);
	free(big);

	r = http(s, "GET", "/healthz", NULL, NULL);
	assert_status(r, 200);
	resp_free(r);
}

static void
test_http__chunked_body_growing_past_limit_is_413(void **state)
{
	struct srv	*s = boot(state, (const char *const[]){ ANON_MAX_ENV, NULL });
	struct http_req	 rq = { "POST", "/api/v1/session",
			    (const char *const[]){ "Content-Type: application/json",
			    NULL }, NULL, 0, 3 * ANON_MAX, 0 };
	struct resp	*r;

	/* No Content-Length: the limit is enforced while the body arrives. */
	r = http_do(s, &rq);
	assert_problem(r, 413);
	resp_free(r);

	/* A chunked body under the limit is read normally. */
	rq.stream_len = ANON_MAX / 2;
	r = http_do(s, &rq);
	assert_problem(r, 400);	/* "aaaa..." is not JSON */
	resp_free(r);

	r = http(s, "GET", "/healthz", NULL, NULL);
	assert_status(r, 200);
	resp_free(r);
}

static void
test_http__endless_chunked_body_is_cut_off(void **state)
{
	struct srv	*s = boot(state, (const char *const[]){ ANON_MAX_ENV, NULL });
	struct http_req	 rq = { "POST", "/api/v1/session",
			    (const char *const[]){ "Content-Type: application/json",
			    NULL }, NULL, 0, 64u << 20, 20 };
	struct resp	*r;

	/*
	 * 64 MiB against a 4 KiB limit: the server must not read it all.  It
	 * either answers 413 or closes the connection; the request must end
	 * well before the whole body could have been sent, and nothing may
	 * have been accepted.
	 */
	r = http_do(s, &rq);
	if (r->cc == 0)
		assert_int_equal(r->status, 413);
	else if (r->status != 0 && r->status != 100 && r->status != 413)
		fail_msg("cut off with HTTP %ld (%s)", r->status, r->error);
	resp_free(r);

	r = http(s, "GET", "/healthz", NULL, NULL);
	assert_status(r, 200);
	resp_free(r);
}

static void
test_http__malformed_json_names_the_line(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;
	const char	*bad = "{\n  \"login\": \"admin\",\n  \"password\": \n}";
	const char	*d;

	r = http(s, "POST", "/api/v1/session", bad, "Content-Type: application/json",
	    "Accept-Language: en", NULL);
	assert_problem(r, 400);
	d = resp_jstr(r, "detail");
	assert_non_null(d);
	assert_contains(d, "line 4");
	assert_contains(d, "not valid JSON");
	resp_free(r);

	/* The Chinese detail carries the line too. */
	r = http(s, "POST", "/api/v1/session", bad, "Content-Type: application/json",
	    NULL);
	assert_problem(r, 400);
	assert_contains(resp_jstr(r, "detail"), "第 4 行");
	resp_free(r);

	/* A JSON document that is not an object is a shape error, not a crash. */
	r = http(s, "POST", "/api/v1/session", "[1,2,3]",
	    "Content-Type: application/json", NULL);
	assert_problem(r, 400);
	resp_free(r);

	/* Duplicate keys are rejected. */
	r = http(s, "POST", "/api/v1/session",
	    "{\"login\":\"a\",\"login\":\"b\",\"password\":\"x\"}",
	    "Content-Type: application/json", NULL);
	assert_problem(r, 400);
	resp_free(r);
}

static void
test_http__unknown_json_member_is_named(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;

	r = http(s, "POST", "/api/v1/session",
	    "{\"login\":\"admin\",\"password\":\"whatever-it-is\",\"remember_me\":true}",
	    "Content-Type: application/json", "Accept-Language: en", NULL);
	assert_problem_field(r, 400, "remember_me");
	resp_free(r);

	r = http(s, "POST", "/api/v1/users",
	    "{\"login\":\"newbie\",\"password\":\"" TEST_PASSWORD "\",\"role\":\"admin\"}",
	    "Content-Type: application/json", NULL);
	assert_problem_field(r, 400, "role");
	resp_free(r);

	/* A member of the wrong type is named as well. */
	r = http(s, "POST", "/api/v1/session", "{\"login\":42,\"password\":\"x\"}",
	    "Content-Type: application/json", NULL);
	assert_problem_field(r, 400, "login");
	resp_free(r);
}

static void
test_http__wrong_content_type_is_415(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;
	const char	*body = "{\"login\":\"admin\",\"password\":\"whatever-it-is\"}";

	r = http(s, "POST", "/api/v1/session", body, "Content-Type: text/plain", NULL);
	assert_problem(r, 415);
	resp_free(r);

	r = http(s, "POST", "/api/v1/session", "login=admin&password=x",
	    "Content-Type: application/x-www-form-urlencoded", NULL);
	assert_problem(r, 415);
	resp_free(r);

	/* No Content-Type at all. */
	r = http(s, "POST", "/api/v1/session", body, "Content-Type:", NULL);
	assert_problem(r, 415);
	resp_free(r);

	/* A prefix is not a match. */
	r = http(s, "POST", "/api/v1/session", body,
	    "Content-Type: application/jsonp", NULL);
	assert_problem(r, 415);
	resp_free(r);

	/* Parameters after the media type are fine. */
	r = http(s, "POST", "/api/v1/session", body,
	    "Content-Type: application/json; charset=utf-8", NULL);
	assert_problem(r, 401);
	resp_free(r);
}

static void
test_http__unknown_path_is_404_problem(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;

	r = http(s, "GET", "/api/v1/no-such-endpoint", NULL, NULL);
	assert_problem(r, 404);
	assert_string_equal(resp_jstr(r, "instance"), "/api/v1/no-such-endpoint");
	assert_non_null(resp_jstr(r, "request_id"));
	assert_string_equal(resp_jstr(r, "request_id"), resp_header(r, "X-Request-Id"));
	resp_free(r);

	/* Deeper than the router splits, and odd characters: still a clean 404. */
	r = http(s, "GET", "/api/v1/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t/u", NULL,
	    NULL);
	assert_problem(r, 404);
	resp_free(r);

	/* Outside the API an unknown path is a page for a person, still a 404. */
	r = http(s, "GET", "/no/such/page", NULL, NULL);
	assert_status(r, 404);
	assert_true(contains_ci(resp_header(r, "Content-Type"), "text/html"));
	resp_free(r);
	r = http(s, "GET", "/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t/u", NULL, NULL);
	assert_status(r, 404);
	resp_free(r);

	r = http(s, "GET", "/api/v1/%00%ff%fe", NULL, NULL);
	assert_true(r->status == 404 || r->status == 400);
	resp_free(r);

	r = http(s, "GET", "/healthz", NULL, NULL);
	assert_status(r, 200);
	resp_free(r);
}

static void
test_http__wrong_method_is_405_with_allow(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;
	const char	*allow;

	r = http(s, "DELETE", "/healthz", NULL, NULL);
	assert_problem(r, 405);
	allow = resp_header(r, "Allow");
	assert_non_null(allow);
	assert_contains(allow, "GET");
	assert_not_contains(allow, "DELETE");
	resp_free(r);

	r = http(s, "PUT", "/api/v1/session", "{}", "Content-Type: application/json",
	    NULL);
	assert_problem(r, 405);
	allow = resp_header(r, "Allow");
	assert_non_null(allow);
	assert_contains(allow, "POST");
	assert_contains(allow, "DELETE");
	resp_free(r);

	/*
	 * A method the server does not know at all is refused, not crashed on:
	 * 501, as RFC 9110 §15.6.2 says for an unrecognised method.
	 */
	r = http(s, "BREW", "/healthz", NULL, NULL);
	assert_problem(r, 501);
	resp_free(r);

	r = http(s, "GET", "/healthz", NULL, NULL);
	assert_status(r, 200);
	resp_free(r);
}

static void
test_http__oversized_headers_are_refused(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;
	size_t		 n = 64 * 1024;
	char		*h;

	h = malloc(n + 16);
	assert_non_null(h);
	memcpy(h, "X-Big: ", 7);
	memset(h + 7, 'b', n);
	h[7 + n] = '\0';
	r = http(s, "GET", "/healthz", NULL, h, NULL);
	free(h);
	assert_int_equal(r->cc, 0);
	assert_true(r->status >= 400);
	assert_true(r->status == 431 || r->status == 413 || r->status == 400);
	resp_free(r);

	/* Many headers that add up past the limit. */
	{
		const char	*many[80];
		char		*buf = malloc(80 * 1024);
		size_t		 i;
		struct http_req	 rq = { "GET", "/healthz", many, NULL, 0, 0, 0 };

		assert_non_null(buf);
		for (i = 0; i < 79; i++) {
			char	*line = buf + i * 1024;

			snprintf(line, 1024, "X-H%zu: ", i);
			memset(line + strlen(line), 'v', 1000 - strlen(line));
			line[1000] = '\0';
			many[i] = line;
		}
		many[79] = NULL;
		r = http_do(s, &rq);
		free(buf);
		assert_int_equal(r->cc, 0);
		assert_true(r->status >= 400);
		resp_free(r);
	}

	r = http(s, "GET", "/healthz", NULL, NULL);
	assert_status(r, 200);
	resp_free(r);
}

static void
test_http__openapi_document(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;
	json_t		*o, *paths;

	r = http(s, "GET", "/api/v1/openapi.json", NULL, NULL);
	assert_status(r, 200);
	assert_true(contains_ci(resp_header(r, "Content-Type"), "application/json"));
	o = resp_json(r);
	assert_non_null(o);
	assert_true(json_is_object(o));
	assert_true(json_is_string(json_object_get(o, "openapi")));
	assert_true(strncmp(json_string_value(json_object_get(o, "openapi")), "3.", 2) == 0);
	paths = json_object_get(o, "paths");
	assert_true(json_is_object(paths));
	assert_non_null(json_object_get(paths, "/api/v1/session"));
	assert_non_null(json_object_get(paths, "/api/v1/me"));
	resp_free(r);
}

/* The problem title of GET /api/v1/no-such-endpoint with these headers. */
static char *
title_404(const struct srv *s, const char *h1, const char *h2)
{
	struct resp	*r;
	const char	*t;
	char		*out;

	r = http(s, "GET", "/api/v1/no-such-endpoint", NULL, h1, h2, NULL);
	assert_problem(r, 404);
	t = resp_jstr(r, "title");
	assert_non_null(t);
	out = strdup(t);
	assert_non_null(out);
	resp_free(r);
	return out;
}

static void
test_http__problem_titles_are_localised(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;
	char		*t;

	t = title_404(s, "Accept-Language: en", NULL);
	assert_string_equal(t, "Not found");
	free(t);
	t = title_404(s, "Accept-Language: en-US,en;q=0.9", NULL);
	assert_string_equal(t, "Not found");
	free(t);
	t = title_404(s, "Accept-Language: zh-CN", NULL);
	assert_string_equal(t, "未找到");
	free(t);
	t = title_404(s, "Accept-Language: zh-CN,zh;q=0.9,en;q=0.8", NULL);
	assert_string_equal(t, "未找到");
	free(t);
	/* No preference: Chinese is the default. */
	t = title_404(s, NULL, NULL);
	assert_string_equal(t, "未找到");
	free(t);
	/* A language we do not have falls back to Chinese. */
	t = title_404(s, "Accept-Language: fr-FR", NULL);
	assert_string_equal(t, "未找到");
	free(t);
	/* The ld_lang cookie wins over the header. */
	t = title_404(s, "Accept-Language: zh-CN", "Cookie: ld_lang=en");
	assert_string_equal(t, "Not found");
	free(t);

	/* Details follow the same choice, and Content-Language says which. */
	r = http(s, "GET", "/api/v1/me", NULL, "Accept-Language: en", NULL);
	assert_problem(r, 401);
	assert_string_equal(resp_jstr(r, "title"), "Authentication required");
	assert_string_equal(resp_jstr(r, "detail"), "Log in first.");
	assert_string_equal(resp_header(r, "Content-Language"), "en");
	resp_free(r);
	r = http(s, "GET", "/api/v1/me", NULL, NULL);
	assert_problem(r, 401);
	assert_string_equal(resp_jstr(r, "title"), "需要登录");
	assert_string_equal(resp_header(r, "Content-Language"), "zh-CN");
	resp_free(r);
}

static int64_t
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
test_http__slow_client_does_not_block_others(void **state)
{
	struct srv	*s = boot(state, (const char *const[]){
			    "LOUDONG_SERVER_THREADS=2", NULL });
	struct http_req	 rq = { "GET", "/healthz", NULL, NULL, 0, 0, 5 };
	struct resp	*r;
	int		 idle[8], partial[8];
	size_t		 i;
	int64_t		 t0;

	/*
	 * More silent connections than worker threads, and as many that sent
	 * half a request line and stopped: a thread-per-connection server
	 * would be stuck on them.
	 */
	for (i = 0; i < 8; i++) {
		idle[i] = srv_connect(s);
		partial[i] = srv_connect(s);
		assert_int_equal(send(partial[i], "GET /heal", 9, MSG_NOSIGNAL), 9);
	}
	for (i = 0; i < 5; i++) {
		t0 = now_ms();
		r = http_do(s, &rq);
		assert_status(r, 200);
		assert_true(now_ms() - t0 < 3000);
		resp_free(r);
	}
	/* The half-sent request can still be finished and is answered. */
	{
		const char	*rest = "thz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
		char		 buf[4096];
		struct pollfd	 pfd = { partial[0], POLLIN, 0 };
		ssize_t		 n;

		assert_int_equal(send(partial[0], rest, strlen(rest), MSG_NOSIGNAL),
		    (ssize_t)strlen(rest));
		assert_int_equal(poll(&pfd, 1, 5000), 1);
		n = recv(partial[0], buf, sizeof(buf) - 1, 0);
		assert_true(n > 12);
		buf[n] = '\0';
		assert_true(strncmp(buf, "HTTP/1.1 200", 12) == 0);
	}
	for (i = 0; i < 8; i++) {
		close(idle[i]);
		close(partial[i]);
	}
}

static void
test_http__idle_connection_times_out(void **state)
{
	struct srv	*s = boot(state, (const char *const[]){
			    "LOUDONG_SERVER_CONNECTION_TIMEOUT=1", NULL });
	struct pollfd	 pfd;
	char		 c;
	int		 fd;

	/* A client that never sends is disconnected after the timeout. */
	fd = srv_connect(s);
	pfd.fd = fd;
	pfd.events = POLLIN;
	pfd.revents = 0;
	assert_int_equal(poll(&pfd, 1, 10000), 1);
	assert_true(recv(fd, &c, 1, 0) <= 0);
	close(fd);
}

static void
test_http__sigterm_exits_zero(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;
	int		 st, fd;

	r = http(s, "GET", "/healthz", NULL, NULL);
	assert_status(r, 200);
	resp_free(r);
	/* An open, idle connection must not keep it from stopping. */
	fd = srv_connect(s);
	st = srv_stop_status(s);
	close(fd);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
}

static void
test_http__authenticated_clients_get_the_larger_body_limit(void **state)
{
	struct srv	*s = *state;
	struct resp	*r;
	struct cred	 c;
	char		*body;
	size_t		 n = 3 * ANON_MAX;

	srv_init(s);
	srv_user_add(s, "rita", "reporter", NULL, NULL, TEST_PASSWORD);
	srv_start(s, (const char *const[]){ ANON_MAX_ENV,
	    "LOUDONG_SERVER_BODY_MAX_BYTES=65536", NULL });
	assert_int_equal(srv_login(s, "rita", TEST_PASSWORD, &c, NULL), 201);

	/* {"label":"xxx...x"}: three times the anonymous limit. */
	body = malloc(n + 1);
	assert_non_null(body);
	memset(body, 'x', n);
	memcpy(body, "{\"label\":\"", 10);
	memcpy(body + n - 2, "\"}", 2);
	body[n] = '\0';
	r = api(s, "POST", "/api/v1/tokens", &c, body, NULL);
	/* Read and judged: the label is too long, but the body was not too big. */
	assert_problem_field(r, 400, "label");
	resp_free(r);
	/* Anonymous, the same size is refused before it is read. */
	r = http(s, "POST", "/api/v1/session", body, "Content-Type: application/json",
	    "Accept-Language: en", NULL);
	assert_problem(r, 413);
	assert_contains(resp_jstr(r, "detail"), "4096");
	resp_free(r);
	free(body);
}

static void
test_http__json_strings_with_nul_are_refused(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;

	/* jansson refuses \u0000 while parsing (no JSON_ALLOW_NUL). */
	r = http(s, "POST", "/api/v1/session",
	    "{\"login\":\"rita\\u0000admin\",\"password\":\"x\"}",
	    "Content-Type: application/json", NULL);
	assert_problem(r, 400);
	resp_free(r);
	/* Not UTF-8. */
	r = http(s, "POST", "/api/v1/session",
	    "{\"login\":\"\xff\xfe\",\"password\":\"x\"}",
	    "Content-Type: application/json", NULL);
	assert_problem(r, 400);
	resp_free(r);
	/* An empty body is no JSON object. */
	r = http(s, "POST", "/api/v1/session", "", "Content-Type: application/json",
	    NULL);
	assert_problem(r, 400);
	resp_free(r);
}

static void
test_http__no_cross_origin_grants(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;
	size_t		 i;

	/* A preflight is never granted, and no answer opens itself to other sites. */
	r = http(s, "OPTIONS", "/api/v1/session", NULL,
	    "Origin: https://evil.example", "Access-Control-Request-Method: POST",
	    "Access-Control-Request-Headers: content-type", NULL);
	assert_true(r->status >= 400);
	for (i = 0; i < r->nhdr; i++)
		assert_false(contains_ci(r->hdr[i].name, "Access-Control-Allow"));
	resp_free(r);
	r = http(s, "GET", "/healthz", NULL, "Origin: https://evil.example", NULL);
	assert_status(r, 200);
	for (i = 0; i < r->nhdr; i++)
		assert_false(contains_ci(r->hdr[i].name, "Access-Control-Allow"));
	resp_free(r);
}

/*
 * Send raw bytes on a new connection and read until the server closes it
 * (or timeout_ms passes); the statuses of every response seen, in order.
 */
static size_t
raw_exchange(const struct srv *s, const char *req, int *statuses, size_t max,
    int timeout_ms)
{
	static char	buf[65536];
	size_t		len = 0, n = 0;
	const char	*p;
	int64_t		deadline = now_ms() + timeout_ms;
	ssize_t		got;
	int		fd = srv_connect(s);

	assert_int_equal(send(fd, req, strlen(req), MSG_NOSIGNAL), (ssize_t)strlen(req));
	for (;;) {
		struct pollfd	pfd = { fd, POLLIN, 0 };
		int		left = (int)(deadline - now_ms());

		if (left <= 0 || poll(&pfd, 1, left) <= 0)
			break;
		got = recv(fd, buf + len, sizeof(buf) - 1 - len, 0);
		if (got <= 0)
			break;
		len += (size_t)got;
		if (len == sizeof(buf) - 1)
			break;
	}
	close(fd);
	buf[len] = '\0';
	for (p = buf; (p = strstr(p, "HTTP/1.1 ")) != NULL && n < max; p += 9) {
		char	*end;
		long	 st = strtol(p + 9, &end, 10);

		if (end == p + 12)
			statuses[n++] = (int)st;
	}
	return n;
}

static void
test_http__early_answers_keep_the_connection_in_step(void **state)
{
	struct srv	*s = boot(state, NULL);
	int		 st[8];
	size_t		 n;
	/* A body that is itself a request: it must never be taken for one. */
	const char	*smuggled = "GET /api/v1/openapi.json HTTP/1.1\r\nHost: x\r\n\r\n";
	char		 req[1024];

	/* Refused at the headers (401), with a body; then a second request. */
	snprintf(req, sizeof(req),
	    "POST /api/v1/admin/orgs HTTP/1.1\r\nHost: 127.0.0.1\r\n"
	    "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n%s"
	    "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
	    strlen(smuggled), smuggled);
	n = raw_exchange(s, req, st, 8, 5000);
	assert_true(n >= 1);
	assert_int_equal(st[0], 401);
	/* Either the connection was closed after the refusal, or kept in step. */
	assert_true(n <= 2);
	if (n == 2)
		assert_int_equal(st[1], 200);

	/* The same after a 405 and a 404. */
	snprintf(req, sizeof(req),
	    "PUT /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n"
	    "Content-Length: %zu\r\n\r\n%s"
	    "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
	    strlen(smuggled), smuggled);
	n = raw_exchange(s, req, st, 8, 5000);
	assert_true(n >= 1 && n <= 2);
	assert_int_equal(st[0], 405);
	if (n == 2)
		assert_int_equal(st[1], 200);
	snprintf(req, sizeof(req),
	    "POST /api/v1/nothing-here HTTP/1.1\r\nHost: 127.0.0.1\r\n"
	    "Content-Length: %zu\r\n\r\n%s"
	    "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
	    strlen(smuggled), smuggled);
	n = raw_exchange(s, req, st, 8, 5000);
	assert_true(n >= 1 && n <= 2);
	assert_int_equal(st[0], 404);
	if (n == 2)
		assert_int_equal(st[1], 200);

	/* A refused chunked body, then a second request. */
	snprintf(req, sizeof(req),
	    "POST /api/v1/admin/orgs HTTP/1.1\r\nHost: 127.0.0.1\r\n"
	    "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "%zx\r\n%s\r\n0\r\n\r\n"
	    "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
	    strlen(smuggled), smuggled);
	n = raw_exchange(s, req, st, 8, 5000);
	assert_true(n >= 1 && n <= 2);
	assert_int_equal(st[0], 401);
	if (n == 2)
		assert_int_equal(st[1], 200);

	/* Keep-alive after a success works as well. */
	n = raw_exchange(s, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
	    "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
	    st, 8, 5000);
	assert_int_equal(n, 2);
	assert_int_equal(st[0], 200);
	assert_int_equal(st[1], 200);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn)	cmocka_unit_test_setup_teardown(fn, srv_setup, srv_teardown)
		T(test_http__healthz_ok),
		T(test_http__security_headers_on_every_response),
		T(test_http__body_over_content_length_limit_is_413),
		T(test_http__chunked_body_growing_past_limit_is_413),
		T(test_http__endless_chunked_body_is_cut_off),
		T(test_http__malformed_json_names_the_line),
		T(test_http__unknown_json_member_is_named),
		T(test_http__wrong_content_type_is_415),
		T(test_http__unknown_path_is_404_problem),
		T(test_http__wrong_method_is_405_with_allow),
		T(test_http__oversized_headers_are_refused),
		T(test_http__openapi_document),
		T(test_http__problem_titles_are_localised),
		T(test_http__slow_client_does_not_block_others),
		T(test_http__idle_connection_times_out),
		T(test_http__sigterm_exits_zero),
		T(test_http__authenticated_clients_get_the_larger_body_limit),
		T(test_http__json_strings_with_nul_are_refused),
		T(test_http__no_cross_origin_grants),
		T(test_http__early_answers_keep_the_connection_in_step),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
