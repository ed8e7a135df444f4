#ifndef LOUDONG_NET_HTTP_H
#define LOUDONG_NET_HTTP_H

/*
 * One HTTP POST of a JSON document with libcurl, for federation (the 报送
 * to a registry, 同步通报 to downstream recipients), and one GET of a JSON
 * answer (a 备案 application's status read back from the registry).  The
 * outbox worker owns retries; each call makes exactly one attempt.  Redirects are not followed, only
 * http:// and https:// are allowed (CURLOPT_PROTOCOLS_STR), TLS peers are
 * verified, and the answer is kept up to HTTP_RESPONSE_MAX bytes.
 */
#include <stddef.h>

/* The largest response body kept (the rest is an error: "response too large"). */
#define HTTP_RESPONSE_MAX	(64u * 1024)

struct http_post {
	const char	*url;		/* http:// or https:// */
	const char	*bearer;	/* NULL or "": no Authorization header; never logged */
	const char	*idem_key;	/* NULL or "": no Idempotency-Key header */
	const char	*body;		/* the JSON document */
	size_t		 len;
	int		 timeout_ms;	/* the whole exchange; <= 0: 30 s */
};

struct http_result {
	long	 status;		/* the HTTP status, 0 when no answer came */
	char	*body;			/* the answer, NUL-terminated, malloc'd (http_result_free);
					   "" for an empty answer, NULL after -1 */
	size_t	 len;			/* bytes in body, without the NUL */
};

/*
 * POST with Content-Type: application/json and Accept: application/json,
 * plus Authorization: Bearer <bearer> and Idempotency-Key: <idem_key> when
 * given.  Returns 0 when an answer arrived (whatever its status, 3xx
 * included: the caller decides), or -1 with one sentence in err
 * (connection refused, timeout, TLS, a bad URL, an answer larger than
 * HTTP_RESPONSE_MAX: "response too large"); transport failures carry
 * curl's own text after a colon.  err never holds the token.
 *
 * Refused before anything is sent: a URL that is not http:// or https://
 * or has spaces or control characters; a bearer or idempotency key with
 * CR, LF or another control character, or longer than 2 KiB.
 *
 * out is always initialised (call http_result_free either way); after -1
 * out->status still holds the status if one arrived (e.g. with a too
 * large answer), and out->body is NULL.  No proxy from the environment is
 * used.  Thread-safe once net_init() (net/smtp.h) has run.
 */
int	http_post_json(const struct http_post *p, struct http_result *out,
	    char *err, size_t errsz) __attribute__((warn_unused_result));
struct http_get {
	const char	*url;		/* http:// or https:// */
	const char	*bearer;	/* NULL or "": no Authorization header; never logged */
	int		 timeout_ms;	/* the whole exchange; <= 0: 30 s */
};

/*
 * GET with Accept: application/json (and Authorization: Bearer <bearer>
 * when given): the same rules, caps and results as http_post_json, with
 * no body, no Content-Type and no Idempotency-Key.
 */
int	http_get_json(const struct http_get *g, struct http_result *out,
	    char *err, size_t errsz) __attribute__((warn_unused_result));

/* Frees r->body (r itself is the caller's); r may be NULL. */
void	http_result_free(struct http_result *r);

#endif
