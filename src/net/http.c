#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "core/xalloc.h"
#include "crypto/crypto.h"
#include "net/http.h"

#define HTTP_DEFAULT_TIMEOUT_MS	30000	/* when the caller passes <= 0: never wait forever */
/*
 * A peer that does not even accept the connection within this is down;
 * failing early leaves the rest of the budget unspent rather than letting
 * one SYN eat the whole timeout.  Never more than the whole timeout.
 */
#define HTTP_CONNECT_TIMEOUT_MS	10000
/*
 * Tokens and idempotency keys are short; a longer value is a mistake, and
 * the cap keeps the header lines in fixed buffers.
 */
#define HTTP_HEADER_VALUE_MAX	2048
#define HTTP_URL_MAX		2048

/* The answer as it arrives: grows to HTTP_RESPONSE_MAX, never past it. */
struct rbuf {
	char	*p;		/* xmalloc'd, room for a NUL after len */
	size_t	 len;
	size_t	 cap;
	bool	 toobig;	/* the peer sent more than HTTP_RESPONSE_MAX */
};

static void
seterr(char *err, size_t errsz, const char *s, const char *detail)
{
	if (err == NULL || errsz == 0)
		return;
	if (detail != NULL && detail[0] != '\0')
		snprintf(err, errsz, "%s: %s", s, detail);
	else
		snprintf(err, errsz, "%s", s);
}

/*
 * Whether s may go into a header line: no CR or LF (they would end the
 * line and start a header of the sender's choosing), no other control
 * character (RFC 9110 §5.5 allows none but HTAB), and a bounded length.
 */
static bool
header_value_ok(const char *s)
{
	size_t	i;

	for (i = 0; s[i] != '\0'; i++) {
		unsigned char c = (unsigned char)s[i];

		if (i >= HTTP_HEADER_VALUE_MAX || (c < 0x20 && c != '\t') || c == 0x7f)
			return false;
	}
	return true;
}

/*
 * http:// or https:// and no control characters or spaces.  curl would
 * refuse the other schemes too (CURLOPT_PROTOCOLS_STR); checking here
 * gives a plain sentence, and keeps file:, ftp: and friends from ever
 * reaching the URL parser.
 */
static bool
url_ok(const char *s)
{
	size_t	i;

	if (strncasecmp(s, "http://", 7) != 0 && strncasecmp(s, "https://", 8) != 0)
		return false;
	for (i = 0; s[i] != '\0'; i++) {
		unsigned char c = (unsigned char)s[i];

		if (i >= HTTP_URL_MAX || c <= 0x20 || c == 0x7f)
			return false;
	}
	return true;
}

static size_t
write_cb(char *data, size_t size, size_t nmemb, void *userdata)
{
	struct rbuf	*sk = userdata;
	size_t		 n = size * nmemb;

	/*
	 * A chunked answer has no Content-Length for CURLOPT_MAXFILESIZE to
	 * catch, so the cap is enforced here as well; returning short makes
	 * curl stop with CURLE_WRITE_ERROR.
	 */
	if (n > HTTP_RESPONSE_MAX - sk->len) {
		sk->toobig = true;
		return 0;
	}
	if (sk->len + n + 1 > sk->cap) {
		size_t ncap = sk->cap == 0 ? 4096 : sk->cap;

		while (ncap < sk->len + n + 1)
			ncap *= 2;
		if (ncap > HTTP_RESPONSE_MAX + 1)
			ncap = HTTP_RESPONSE_MAX + 1;
		sk->p = xrealloc(sk->p, ncap);
		sk->cap = ncap;
	}
	memcpy(sk->p + sk->len, data, n);
	sk->len += n;
	sk->p[sk->len] = '\0';
	return n;
}

/*
 * Append the line head + value ("Accept: " + "application/json");
 * false when curl cannot allocate.
 */
static bool
add_header(struct curl_slist **h, const char *head, const char *value)
{
	char			 line[HTTP_HEADER_VALUE_MAX + 64];
	struct curl_slist	*n;

	snprintf(line, sizeof(line), "%s%s", head, value);
	n = curl_slist_append(*h, line);
	/* The line may hold the bearer token: not left behind on the stack. */
	crypto_wipe(line, sizeof(line));
	if (n == NULL)
		return false;
	*h = n;
	return true;
}

/* curl copied the lines, the token among them: wipe the copies, then free. */
static void
free_headers(struct curl_slist *h)
{
	struct curl_slist	*l;

	for (l = h; l != NULL; l = l->next)
		crypto_wipe(l->data, strlen(l->data));
	curl_slist_free_all(h);
}

/* One request: a POST of body (post) or a GET; the checks and options both share. */
struct exchange {
	const char	*url;
	const char	*bearer;
	const char	*idem_key;	/* POST only */
	const char	*body;		/* POST only */
	size_t		 len;
	int		 timeout_ms;
	bool		 post;
};

static int
exchange(const struct exchange *p, struct http_result *out, char *err, size_t errsz)
{
	struct curl_slist	*hdr = NULL;
	CURL			*c = NULL;
	struct rbuf		 sk = { NULL, 0, 0, false };
	char			 cerr[CURL_ERROR_SIZE];
	CURLcode		 rc;
	long			 timeout, connect_timeout, status = 0;
	bool			 has_bearer, has_idem;
	int			 ret = -1;

	if (err != NULL && errsz > 0)
		err[0] = '\0';
	if (out != NULL)
		memset(out, 0, sizeof(*out));
	if (out == NULL || p->url == NULL || (p->body == NULL && p->len > 0)) {
		seterr(err, errsz, "the request is incomplete", NULL);
		goto out;
	}
	if (!url_ok(p->url)) {
		seterr(err, errsz, "the URL is not a plain http:// or https:// URL", NULL);
		goto out;
	}
	has_bearer = p->bearer != NULL && p->bearer[0] != '\0';
	has_idem = p->idem_key != NULL && p->idem_key[0] != '\0';
	if (has_bearer && !header_value_ok(p->bearer)) {
		seterr(err, errsz,
		    "the bearer token contains a line break or control character, or is too long",
		    NULL);
		goto out;
	}
	if (has_idem && !header_value_ok(p->idem_key)) {
		seterr(err, errsz,
		    "the idempotency key contains a line break or control character, or is too long",
		    NULL);
		goto out;
	}

	/*
	 * "Expect:" (empty) stops curl from sending Expect: 100-continue for
	 * larger bodies and then waiting for a 100 that many servers never
	 * send.
	 */
	if ((p->post && !add_header(&hdr, "Content-Type: ", "application/json")) ||
	    !add_header(&hdr, "Accept: ", "application/json") ||
	    (p->post && !add_header(&hdr, "Expect:", "")) ||
	    (has_bearer && !add_header(&hdr, "Authorization: Bearer ", p->bearer)) ||
	    (has_idem && !add_header(&hdr, "Idempotency-Key: ", p->idem_key))) {
		seterr(err, errsz, "cannot set up the HTTP request", NULL);
		goto out;
	}
	if ((c = curl_easy_init()) == NULL) {
		seterr(err, errsz, "cannot set up the HTTP request", NULL);
		goto out;
	}
	cerr[0] = '\0';
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, cerr);
	/*
	 * Only http and https: a URL from configuration or from a peer must
	 * never become a file read or a request in another protocol, so a curl
	 * that cannot restrict protocols is refused rather than trusted.
	 */
	if (curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https") != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "https") != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_URL, p->url) != CURLE_OK) {
		seterr(err, errsz, "cannot set up the HTTP request", cerr);
		goto out;
	}
	/*
	 * A redirect is an answer like any other and goes back to the caller:
	 * following it would re-send the document, and the bearer token, to a
	 * place nobody configured.
	 */
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	/*
	 * No proxy from the environment (http_proxy, ALL_PROXY): where reports
	 * go is decided by the configured URL alone, as for mail in smtp.c.
	 * Add a setting if a deployment ever has to go through a proxy.
	 */
	curl_easy_setopt(c, CURLOPT_PROXY, "");
	/* Never trust an unverified peer with a report; these are the defaults, stated. */
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	/* The outbox worker is a thread: no SIGALRM for name resolution. */
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	timeout = p->timeout_ms > 0 ? p->timeout_ms : HTTP_DEFAULT_TIMEOUT_MS;
	connect_timeout = timeout < HTTP_CONNECT_TIMEOUT_MS ? timeout : HTTP_CONNECT_TIMEOUT_MS;
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, connect_timeout);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "loudong/" LOUDONG_VERSION);
	/*
	 * CURLOPT_ACCEPT_ENCODING stays unset: no compressed answers, so the
	 * cap below counts the bytes we keep, not a zip bomb's compressed size.
	 */
	curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)HTTP_RESPONSE_MAX);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, write_cb);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &sk);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
	if (p->post) {
		curl_easy_setopt(c, CURLOPT_POST, 1L);
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, p->body != NULL ? p->body : "");
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)p->len);
	} else
		curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);

	/*
	 * curl's error text names the host, port and what went wrong, never
	 * request headers, so the token cannot leak through it.
	 */
	rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	out->status = status;
	if (sk.toobig || rc == CURLE_FILESIZE_EXCEEDED) {
		seterr(err, errsz, "response too large", NULL);
		goto out;
	}
	if (rc != CURLE_OK) {
		seterr(err, errsz, "cannot reach the peer over HTTP",
		    cerr[0] != '\0' ? cerr : curl_easy_strerror(rc));
		goto out;
	}
	if (sk.p == NULL)
		sk.p = xstrdup("");
	out->body = sk.p;
	out->len = sk.len;
	sk.p = NULL;
	ret = 0;
out:
	if (c != NULL)
		curl_easy_cleanup(c);
	free_headers(hdr);
	free(sk.p);
	return ret;
}

int
http_post_json(const struct http_post *p, struct http_result *out,
    char *err, size_t errsz)
{
	struct exchange	x;

	if (p == NULL) {
		if (out != NULL)
			memset(out, 0, sizeof(*out));
		seterr(err, errsz, "the request is incomplete", NULL);
		return -1;
	}
	x = (struct exchange){ p->url, p->bearer, p->idem_key, p->body, p->len,
	    p->timeout_ms, true };
	return exchange(&x, out, err, errsz);
}

int
http_get_json(const struct http_get *g, struct http_result *out, char *err, size_t errsz)
{
	struct exchange	x;

	if (g == NULL) {
		if (out != NULL)
			memset(out, 0, sizeof(*out));
		seterr(err, errsz, "the request is incomplete", NULL);
		return -1;
	}
	x = (struct exchange){ g->url, g->bearer, NULL, NULL, 0, g->timeout_ms, false };
	return exchange(&x, out, err, errsz);
}

void
http_result_free(struct http_result *r)
{
	if (r == NULL)
		return;
	free(r->body);
	r->body = NULL;
	r->len = 0;
}
