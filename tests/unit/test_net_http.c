/*
 * net/http: real POSTs to a loopback HTTP sink in this process
 * (tests/api/httpsink.c): statuses and bodies come back, headers arrive
 * exactly, injection and other schemes are refused before anything is
 * sent, redirects are not followed, and the caps and timeouts hold.
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
#include <netinet/in.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "httpsink.h"
#include "net/http.h"
#include "net/smtp.h"

#define ERRSZ		512
#define URLSZ		128
#define DOC		"{\"case\":\"LD-2026-000001\",\"title\":\"SQL injection\"}"
#define TOKEN		"ldt_federation_secret_0123456789abcdef"
#define IDEM		"3f2a9c1e-7b44-4d0e-9a55-0c6f1e2d8b7a"
#define QUIET_MS	300	/* how long "nothing arrived" is watched for */

static int
group_setup(void **state)
{
	(void)state;
	return net_init();
}

static int
group_teardown(void **state)
{
	(void)state;
	net_cleanup();
	return 0;
}

/* Every test gets its own sink, so replies and delays never leak across. */
static int
setup(void **state)
{
	*state = sink_start();
	return 0;
}

static int
teardown(void **state)
{
	sink_stop(*state);
	return 0;
}

static long
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
sleep_ms(long ms)
{
	struct timespec	ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* A POST of DOC to path on the sink, with the given headers and timeout. */
static int
post(struct httpsink *s, const char *path, const char *bearer, const char *idem,
    int timeout_ms, struct http_result *res, char *err)
{
	char			url[URLSZ];
	struct http_post	p;

	sink_url(s, path, url, sizeof(url));
	memset(&p, 0, sizeof(p));
	p.url = url;
	p.bearer = bearer;
	p.idem_key = idem;
	p.body = DOC;
	p.len = strlen(DOC);
	p.timeout_ms = timeout_ms;
	return http_post_json(&p, res, err, ERRSZ);
}

/* A port on 127.0.0.1 that nobody listens on: bound, read, closed. */
static int
dead_port(void)
{
	struct sockaddr_in	sin;
	socklen_t		len = sizeof(sin);
	int			fd, port;

	assert_true((fd = socket(AF_INET, SOCK_STREAM, 0)) >= 0);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&sin, sizeof(sin)), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&sin, &len), 0);
	port = ntohs(sin.sin_port);
	close(fd);
	return port;
}

static void
test_net_http__created_with_body(void **state)
{
	struct httpsink		*s = *state;
	struct http_result	 res;
	struct sink_req		 rq;
	char			 err[ERRSZ];

	sink_set_reply(s, 201, "{\"id\":\"CNVD-2026-00042\"}");
	assert_int_equal(post(s, "/api/v1/reports", TOKEN, IDEM, 5000, &res, err), 0);
	assert_string_equal(err, "");
	assert_int_equal(res.status, 201);
	assert_non_null(res.body);
	assert_string_equal(res.body, "{\"id\":\"CNVD-2026-00042\"}");
	assert_int_equal(res.len, strlen(res.body));
	http_result_free(&res);
	assert_null(res.body);

	assert_int_equal(sink_count(s), 1);
	assert_true(sink_request(s, 0, &rq));
	assert_string_equal(rq.method, "POST");
	assert_string_equal(rq.path, "/api/v1/reports");
	assert_string_equal(rq.content_type, "application/json");
	assert_string_equal(rq.accept, "application/json");
	assert_int_equal(rq.len, strlen(DOC));
	assert_memory_equal(rq.body, DOC, rq.len);
	sink_req_free(&rq);
}

static void
test_net_http__bearer_and_idempotency_exact(void **state)
{
	struct httpsink		*s = *state;
	struct http_result	 res;
	struct sink_req		 rq;
	char			 err[ERRSZ];

	assert_int_equal(post(s, "/x", TOKEN, IDEM, 5000, &res, err), 0);
	http_result_free(&res);
	assert_true(sink_request(s, 0, &rq));
	assert_true(rq.has_auth);
	assert_string_equal(rq.auth, "Bearer " TOKEN);
	assert_true(rq.has_idem);
	assert_string_equal(rq.idem, IDEM);
	sink_req_free(&rq);
}

static void
test_net_http__no_bearer_no_authorization(void **state)
{
	struct httpsink		*s = *state;
	struct http_result	 res;
	struct sink_req		 rq;
	char			 err[ERRSZ];

	assert_int_equal(post(s, "/x", NULL, NULL, 5000, &res, err), 0);
	http_result_free(&res);
	/* "" means "none" as well. */
	assert_int_equal(post(s, "/x", "", "", 5000, &res, err), 0);
	http_result_free(&res);
	assert_int_equal(sink_count(s), 2);
	assert_true(sink_request(s, 0, &rq));
	assert_false(rq.has_auth);
	assert_false(rq.has_idem);
	sink_req_free(&rq);
	assert_true(sink_request(s, 1, &rq));
	assert_false(rq.has_auth);
	assert_false(rq.has_idem);
	sink_req_free(&rq);
}

/* GET: the answer comes back; Accept and the bearer go, no body, no key, no type. */
static void
test_net_http__get_json(void **state)
{
	struct httpsink		*s = *state;
	struct http_get		 g;
	struct http_result	 res;
	struct sink_req		 rq;
	char			 url[URLSZ], err[ERRSZ];

	sink_set_reply(s, 200, "{\"id\":\"BA-2026-000001\",\"state\":\"submitted\"}");
	sink_url(s, "/api/v1/filings/applications/BA-2026-000001", url, sizeof(url));
	g = (struct http_get){ url, TOKEN, 5000 };
	assert_int_equal(http_get_json(&g, &res, err, ERRSZ), 0);
	assert_string_equal(err, "");
	assert_int_equal(res.status, 200);
	assert_string_equal(res.body, "{\"id\":\"BA-2026-000001\",\"state\":\"submitted\"}");
	http_result_free(&res);
	assert_true(sink_request(s, 0, &rq));
	assert_string_equal(rq.method, "GET");
	assert_string_equal(rq.path, "/api/v1/filings/applications/BA-2026-000001");
	assert_string_equal(rq.accept, "application/json");
	assert_string_equal(rq.content_type, "");
	assert_string_equal(rq.auth, "Bearer " TOKEN);
	assert_false(rq.has_idem);
	assert_int_equal(rq.len, 0);
	sink_req_free(&rq);
	/* Without a bearer, no Authorization; a 404 is an answer like any other. */
	sink_set_reply(s, 404, "{\"title\":\"no such application\"}");
	g.bearer = NULL;
	assert_int_equal(http_get_json(&g, &res, err, ERRSZ), 0);
	assert_int_equal(res.status, 404);
	http_result_free(&res);
	assert_true(sink_request(s, 1, &rq));
	assert_false(rq.has_auth);
	sink_req_free(&rq);
}

/* The GET keeps the POST's rules: other schemes, injected lines, caps. */
static void
test_net_http__get_refusals(void **state)
{
	struct httpsink		*s = *state;
	struct http_get		 g;
	struct http_result	 res;
	char			 url[URLSZ], err[ERRSZ], *big;

	g = (struct http_get){ "file:///etc/passwd", NULL, 5000 };
	assert_int_equal(http_get_json(&g, &res, err, ERRSZ), -1);
	assert_null(res.body);
	assert_non_null(strstr(err, "http"));
	sink_url(s, "/x", url, sizeof(url));
	g = (struct http_get){ url, "ldt_x\r\nX-Evil: 1", 5000 };
	assert_int_equal(http_get_json(&g, &res, err, ERRSZ), -1);
	assert_null(strstr(err, "ldt_x"));
	assert_int_equal(http_get_json(NULL, &res, err, ERRSZ), -1);
	assert_int_equal(sink_count(s), 0);
	/* An answer past HTTP_RESPONSE_MAX is refused, not kept. */
	big = malloc(HTTP_RESPONSE_MAX + 2);
	assert_non_null(big);
	memset(big, 'a', HTTP_RESPONSE_MAX + 1);
	big[HTTP_RESPONSE_MAX + 1] = '\0';
	sink_set_reply_len(s, 200, big, HTTP_RESPONSE_MAX + 1);
	free(big);
	g = (struct http_get){ url, NULL, 5000 };
	assert_int_equal(http_get_json(&g, &res, err, ERRSZ), -1);
	assert_string_equal(err, "response too large");
	assert_null(res.body);
	http_result_free(&res);
}

static void
test_net_http__503_is_an_answer(void **state)
{
	struct httpsink		*s = *state;
	struct http_result	 res;
	char			 err[ERRSZ];

	sink_set_reply(s, 503, "{\"error\":\"down\"}");
	assert_int_equal(post(s, "/x", TOKEN, IDEM, 5000, &res, err), 0);
	assert_int_equal(res.status, 503);
	assert_string_equal(res.body, "{\"error\":\"down\"}");
	http_result_free(&res);
}

static void
test_net_http__422_body_comes_back(void **state)
{
	struct httpsink		*s = *state;
	struct http_result	 res;
	char			 err[ERRSZ];
	const char		*problem =
	    "{\"type\":\"about:blank\",\"title\":\"invalid\",\"field\":\"cvss\"}";

	sink_set_reply(s, 422, problem);
	assert_int_equal(post(s, "/x", TOKEN, NULL, 5000, &res, err), 0);
	assert_int_equal(res.status, 422);
	assert_string_equal(res.body, problem);
	assert_int_equal(res.len, strlen(problem));
	http_result_free(&res);
}

static void
test_net_http__empty_answer_is_empty_string(void **state)
{
	struct httpsink		*s = *state;
	struct http_result	 res;
	char			 err[ERRSZ];

	sink_set_reply(s, 204, NULL);
	assert_int_equal(post(s, "/x", NULL, NULL, 5000, &res, err), 0);
	assert_int_equal(res.status, 204);
	assert_non_null(res.body);
	assert_string_equal(res.body, "");
	assert_int_equal(res.len, 0);
	http_result_free(&res);
}

static void
test_net_http__connection_refused(void **state)
{
	struct http_result	res;
	struct http_post	p;
	char			url[URLSZ], err[ERRSZ];

	(void)state;
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/x", dead_port());
	memset(&p, 0, sizeof(p));
	p.url = url;
	p.bearer = TOKEN;
	p.body = DOC;
	p.len = strlen(DOC);
	p.timeout_ms = 5000;
	assert_int_equal(http_post_json(&p, &res, err, sizeof(err)), -1);
	assert_int_equal(res.status, 0);
	assert_null(res.body);
	assert_true(strlen(err) > 0);
	/* curl's own words follow ours. */
	assert_non_null(strstr(err, "cannot reach the peer over HTTP: "));
	assert_null(strstr(err, TOKEN));
	http_result_free(&res);
}

static void
test_net_http__timeout(void **state)
{
	struct httpsink		*s = *state;
	struct http_result	 res;
	char			 err[ERRSZ];
	long			 t0, took;

	sink_set_delay_ms(s, 5000);
	t0 = now_ms();
	assert_int_equal(post(s, "/slow", TOKEN, IDEM, 500, &res, err), -1);
	took = now_ms() - t0;
	assert_true(took >= 400);
	assert_true(took < 2500);
	assert_true(strlen(err) > 0);
	assert_null(strstr(err, TOKEN));
	assert_null(res.body);
	http_result_free(&res);
	/* It did reach the sink: the time was spent waiting for the answer. */
	assert_true(sink_wait(s, 1, 2));
}

static void
test_net_http__too_large(void **state)
{
	struct httpsink		*s = *state;
	struct http_result	 res;
	char			 err[ERRSZ];
	char			*big;
	size_t			 n = HTTP_RESPONSE_MAX + 1;

	big = malloc(n);
	assert_non_null(big);
	memset(big, 'a', n);
	sink_set_reply_len(s, 200, big, n);
	assert_int_equal(post(s, "/x", TOKEN, NULL, 5000, &res, err), -1);
	assert_string_equal(err, "response too large");
	assert_null(res.body);
	http_result_free(&res);

	/* Without Content-Length the cap still holds, byte by byte. */
	sink_set_chunked(s, true);
	assert_int_equal(post(s, "/x", TOKEN, NULL, 5000, &res, err), -1);
	assert_string_equal(err, "response too large");
	assert_null(res.body);
	http_result_free(&res);
	free(big);
}

static void
test_net_http__exactly_max_is_kept(void **state)
{
	struct httpsink		*s = *state;
	struct http_result	 res;
	char			 err[ERRSZ];
	char			*big;
	size_t			 n = HTTP_RESPONSE_MAX, i;
	int			 chunked;

	big = malloc(n);
	assert_non_null(big);
	for (i = 0; i < n; i++)
		big[i] = (char)('a' + i % 26);
	sink_set_reply_len(s, 200, big, n);
	for (chunked = 0; chunked < 2; chunked++) {
		sink_set_chunked(s, chunked != 0);
		assert_int_equal(post(s, "/x", NULL, NULL, 5000, &res, err), 0);
		assert_int_equal(res.len, n);
		assert_memory_equal(res.body, big, n);
		assert_int_equal(res.body[n], '\0');
		http_result_free(&res);
	}
	free(big);
}

static void
test_net_http__crlf_in_headers_refused(void **state)
{
	static const char *const bad[] = {
		"tok\r\nX-Evil: 1",
		"tok\nX-Evil: 1",
		"tok\r",
		"\n",
		"tok\001en",
	};
	struct httpsink		*s = *state;
	struct http_result	 res;
	char			 err[ERRSZ];
	size_t			 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(post(s, "/x", bad[i], IDEM, 5000, &res, err), -1);
		assert_non_null(strstr(err, "bearer token"));
		assert_null(strstr(err, "X-Evil"));
		http_result_free(&res);
		assert_int_equal(post(s, "/x", TOKEN, bad[i], 5000, &res, err), -1);
		assert_non_null(strstr(err, "idempotency key"));
		assert_null(strstr(err, TOKEN));
		http_result_free(&res);
	}
	sleep_ms(QUIET_MS);
	assert_int_equal(sink_count(s), 0);
}

static void
test_net_http__overlong_header_refused(void **state)
{
	struct httpsink		*s = *state;
	struct http_result	 res;
	char			 err[ERRSZ];
	char			*long_tok;

	long_tok = malloc(8192 + 1);
	assert_non_null(long_tok);
	memset(long_tok, 'k', 8192);
	long_tok[8192] = '\0';
	assert_int_equal(post(s, "/x", long_tok, NULL, 5000, &res, err), -1);
	http_result_free(&res);
	free(long_tok);
	sleep_ms(QUIET_MS);
	assert_int_equal(sink_count(s), 0);
}

static void
test_net_http__only_http_and_https(void **state)
{
	struct httpsink		*s = *state;
	struct http_result	 res;
	struct http_post	 p;
	char			 err[ERRSZ], ftp[URLSZ], crlf[URLSZ], gopher[URLSZ];
	const char		*urls[6];
	size_t			 i;

	snprintf(ftp, sizeof(ftp), "ftp://127.0.0.1:%d/x", sink_port(s));
	snprintf(gopher, sizeof(gopher), "gopher://127.0.0.1:%d/x", sink_port(s));
	snprintf(crlf, sizeof(crlf), "http://127.0.0.1:%d/x\r\nX-Evil: 1", sink_port(s));
	urls[0] = "file:///etc/passwd";
	urls[1] = ftp;
	urls[2] = gopher;
	urls[3] = crlf;
	urls[4] = "";
	urls[5] = "127.0.0.1/x";
	for (i = 0; i < sizeof(urls) / sizeof(urls[0]); i++) {
		memset(&p, 0, sizeof(p));
		p.url = urls[i];
		p.body = DOC;
		p.len = strlen(DOC);
		p.timeout_ms = 2000;
		assert_int_equal(http_post_json(&p, &res, err, sizeof(err)), -1);
		assert_true(strlen(err) > 0);
		assert_null(res.body);
		http_result_free(&res);
	}
	sleep_ms(QUIET_MS);
	assert_int_equal(sink_count(s), 0);
}

static void
test_net_http__redirect_not_followed(void **state)
{
	struct httpsink		*s = *state;
	struct http_result	 res;
	char			 err[ERRSZ], there[URLSZ];

	sink_url(s, "/elsewhere", there, sizeof(there));
	sink_set_reply(s, 302, "{}");
	sink_set_header(s, "Location", there);
	assert_int_equal(post(s, "/x", TOKEN, IDEM, 5000, &res, err), 0);
	assert_int_equal(res.status, 302);
	http_result_free(&res);
	sleep_ms(QUIET_MS);
	/* One request, to /x: /elsewhere never saw the document or the token. */
	assert_int_equal(sink_count(s), 1);
}

static void
test_net_http__bad_arguments(void **state)
{
	struct http_result	res;
	struct http_post	p;
	char			err[ERRSZ];

	(void)state;
	assert_int_equal(http_post_json(NULL, &res, err, sizeof(err)), -1);
	assert_true(strlen(err) > 0);
	http_result_free(&res);
	memset(&p, 0, sizeof(p));
	assert_int_equal(http_post_json(&p, &res, err, sizeof(err)), -1);
	http_result_free(&res);
	http_result_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_net_http__created_with_body, setup, teardown),
		cmocka_unit_test_setup_teardown(test_net_http__bearer_and_idempotency_exact,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_net_http__no_bearer_no_authorization,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_net_http__get_json, setup, teardown),
		cmocka_unit_test_setup_teardown(test_net_http__get_refusals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_net_http__503_is_an_answer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_net_http__422_body_comes_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_net_http__empty_answer_is_empty_string,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_net_http__connection_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_net_http__timeout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_net_http__too_large, setup, teardown),
		cmocka_unit_test_setup_teardown(test_net_http__exactly_max_is_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_net_http__crlf_in_headers_refused,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_net_http__overlong_header_refused,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_net_http__only_http_and_https, setup, teardown),
		cmocka_unit_test_setup_teardown(test_net_http__redirect_not_followed,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_net_http__bad_arguments, setup, teardown),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
