#ifndef LOUDONG_TESTS_HTTPSINK_H
#define LOUDONG_TESTS_HTTPSINK_H

/*
 * A loopback HTTP server for tests of outbound HTTP (federation): runs in
 * the test process on 127.0.0.1 and an ephemeral port (libmicrohttpd with
 * its own thread), records every request it gets and answers each with
 * the reply set last.  Bound to 127.0.0.1 only, never to every interface.
 *
 * The default reply is 200 with "{}".  All functions are safe to call
 * while the server runs; the recorded requests are behind a mutex.
 */
#include <stdbool.h>
#include <stddef.h>

#define SINK_BODY_MAX		(1024u * 1024)	/* request bytes kept; the rest is dropped */
#define SINK_MAX_REQUESTS	4096		/* requests recorded; later ones are answered only */

struct httpsink;

/* One recorded request, copied out by sink_request(). */
struct sink_req {
	char	 method[16];		/* "POST" */
	char	 path[512];		/* the path, without the query string */
	char	 auth[1024];		/* the Authorization value, "" when absent */
	bool	 has_auth;		/* whether an Authorization header came */
	char	 idem[512];		/* the Idempotency-Key value, "" when absent */
	bool	 has_idem;		/* whether an Idempotency-Key header came */
	char	 content_type[128];	/* the Content-Type value, "" when absent */
	char	 accept[128];		/* the Accept value, "" when absent */
	char	*body;			/* malloc'd, NUL-terminated (sink_req_free) */
	size_t	 len;			/* bytes kept, at most SINK_BODY_MAX */
	bool	 truncated;		/* the body was longer than SINK_BODY_MAX */
};

/* Start a sink; fails the running cmocka test when it cannot. */
struct httpsink	*sink_start(void);
/* Stop it, answer nothing more, free everything.  NULL is fine. */
void		 sink_stop(struct httpsink *s);

int		 sink_port(const struct httpsink *s);
/* "http://127.0.0.1:<port><path>" into buf (path starts with '/'). */
void		 sink_url(const struct httpsink *s, const char *path, char *buf, size_t bufsz);

/* How many requests were recorded so far. */
size_t		 sink_count(struct httpsink *s);
/* Wait up to seconds until at least n requests were recorded. */
bool		 sink_wait(struct httpsink *s, size_t n, int seconds);
/*
 * Copy request i (0 = the first) into out; false if there is no such
 * request.  Free out with sink_req_free.
 */
bool		 sink_request(struct httpsink *s, size_t i, struct sink_req *out);
void		 sink_req_free(struct sink_req *r);

/*
 * The answer from now on: status and a JSON body (copied; NULL: empty).
 * The Content-Type is application/json.
 */
void		 sink_set_reply(struct httpsink *s, unsigned status, const char *json);
/* The answer from now on with len bytes of body (large or binary answers). */
void		 sink_set_reply_len(struct httpsink *s, unsigned status, const char *body,
		    size_t len);
/* One extra answer header from now on, e.g. Location for a 302; NULL name clears it. */
void		 sink_set_header(struct httpsink *s, const char *name, const char *value);
/* Send the body chunked, without Content-Length, from now on. */
void		 sink_set_chunked(struct httpsink *s, bool chunked);
/*
 * Wait ms after reading a request before answering it (0: at once).
 * The request is recorded before the wait.  sink_stop cuts the wait short.
 */
void		 sink_set_delay_ms(struct httpsink *s, int ms);

#endif
