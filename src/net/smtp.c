#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

#include "core/arena.h"
#include "core/sbuf.h"
#include "core/utf8.h"
#include "crypto/crypto.h"
#include "net/smtp.h"

/*
 * The whole message is built in memory before curl reads it: notifications
 * are small, and a cap keeps a runaway body from growing without bound.
 */
#define SMTP_MAX_MESSAGE	(8u * 1024 * 1024)
#define SMTP_MAX_ADDR		254	/* RFC 5321 path limit, less the brackets */
#define SMTP_DEFAULT_TIMEOUT_MS	30000	/* when the caller passes <= 0: never wait forever */

/*
 * RFC 2047: an encoded-word is at most 75 characters; "=?UTF-8?B?" and "?="
 * take 12, leaving 63, so at most 60 base64 characters, which carry 45 bytes.
 */
#define SUBJ_WORD_BYTES		45
/* A plain ASCII subject longer than this is encoded too, so it gets folded. */
#define SUBJ_PLAIN_MAX		900
/* 57 bytes make 76 base64 characters: the longest line RFC 2045 allows. */
#define BODY_LINE_BYTES		57

struct upload {
	const char	*p;	/* next byte to hand to curl */
	size_t		 left;	/* bytes not yet handed over */
};

static const char *const wday[7] = {
	"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat",
};
static const char *const month[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
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
 * A bare address ("local@domain"), nothing a header or an SMTP command
 * could be bent with: printable ASCII without spaces, brackets, quotes,
 * commas or CR/LF, and exactly one '@' with something on both sides.
 * Display names are not supported, so the check can stay this strict.
 */
static bool
addr_ok(const char *s)
{
	const char	*at = NULL;
	size_t		 i;

	if (s == NULL || s[0] == '\0')
		return false;
	for (i = 0; s[i] != '\0'; i++) {
		unsigned char c = (unsigned char)s[i];

		if (i >= SMTP_MAX_ADDR || c <= 0x20 || c >= 0x7f ||
		    strchr("<>()[],;:\"\\", c) != NULL)
			return false;
		if (c == '@') {
			if (at != NULL)
				return false;
			at = s + i;
		}
	}
	return at != NULL && at != s && at[1] != '\0';
}

/* The part after '@': the From domain names our Message-IDs. */
static const char *
addr_domain(const char *addr)
{
	return strrchr(addr, '@') + 1;
}

static bool
has_crlf(const char *s)
{
	return strpbrk(s, "\r\n") != NULL;
}

/* "Date: Thu, 01 Jan 2026 12:00:00 +0000" (RFC 5322 §3.3), always UTC. */
static void
add_date(struct sbuf *sb)
{
	struct tm	tm;
	time_t		now = time(NULL);

	/* Tables, not strftime: %a and %b follow the locale. */
	if (gmtime_r(&now, &tm) == NULL)
		memset(&tm, 0, sizeof(tm));
	sbuf_addf(sb, "Date: %s, %02d %s %04d %02d:%02d:%02d +0000\r\n",
	    wday[tm.tm_wday % 7], tm.tm_mday, month[tm.tm_mon % 12],
	    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static void
add_b64(struct sbuf *sb, const char *p, size_t n)
{
	char	enc[CRYPTO_B64_LEN(BODY_LINE_BYTES)];

	crypto_b64_encode(enc, sizeof(enc), p, n);
	sbuf_addstr(sb, enc);
}

/*
 * The Subject as is when it is short printable ASCII that cannot be taken
 * for an encoded-word; otherwise as RFC 2047 B encoded-words of whole UTF-8
 * characters (a character split across words would be mangled by readers),
 * folded one word per line.
 */
static void
add_subject(struct sbuf *sb, const char *subject)
{
	size_t	 i, n = strlen(subject), start, len, clen;
	bool	 plain = n <= SUBJ_PLAIN_MAX && strstr(subject, "=?") == NULL;

	for (i = 0; plain && i < n; i++)
		if ((unsigned char)subject[i] < 0x20 || (unsigned char)subject[i] >= 0x7f)
			plain = false;
	sbuf_addstr(sb, "Subject:");
	if (plain)
		sbuf_addf(sb, " %s", subject);
	for (start = 0; !plain && start < n; start += len) {
		len = 0;
		while (start + len < n) {
			clen = utf8_valid_prefix(subject + start + len, n - start - len);
			if (clen == 0)
				clen = 1;	/* not UTF-8: still sent, byte by byte */
			if (len + clen > SUBJ_WORD_BYTES)
				break;
			len += clen;
		}
		sbuf_addstr(sb, start == 0 ? " " : "\r\n ");
		sbuf_addstr(sb, "=?UTF-8?B?");
		add_b64(sb, subject + start, len);
		sbuf_addstr(sb, "?=");
	}
	sbuf_addstr(sb, "\r\n");
}

/*
 * The body in base64, 76 characters a line.  base64 keeps any line length
 * and any byte safe in transit; text/plain is encoded in its canonical
 * form, so lone LF and CR become CRLF first (RFC 2045 §6.8).
 */
static int
add_body(struct arena *a, struct sbuf *sb, const char *body)
{
	struct sbuf	canon;
	size_t		i, n = strlen(body);

	sbuf_init(&canon, a, SMTP_MAX_MESSAGE);
	for (i = 0; i < n; i++) {
		if (body[i] == '\r' || body[i] == '\n') {
			sbuf_add(&canon, "\r\n", 2);
			if (body[i] == '\r' && i + 1 < n && body[i + 1] == '\n')
				i++;
		} else
			sbuf_addch(&canon, body[i]);
	}
	if (sbuf_err(&canon) != APP_OK)
		return -1;
	for (i = 0; i < canon.len; i += BODY_LINE_BYTES) {
		add_b64(sb, canon.buf + i,
		    canon.len - i < BODY_LINE_BYTES ? canon.len - i : BODY_LINE_BYTES);
		sbuf_addstr(sb, "\r\n");
	}
	return sbuf_err(sb) == APP_OK ? 0 : -1;
}

/* 0, or -1 when the message would pass SMTP_MAX_MESSAGE. */
static int
build_message(struct arena *a, struct sbuf *sb, const char *from,
    const char *to, const char *subject, const char *body)
{
	char	id[32 + 1];

	crypto_random_hex(id, 16);
	add_date(sb);
	sbuf_addf(sb, "From: %s\r\n", from);
	sbuf_addf(sb, "To: %s\r\n", to);
	add_subject(sb, subject);
	sbuf_addf(sb, "Message-ID: <%s@%s>\r\n", id, addr_domain(from));
	/* RFC 3834: machine-sent, so vacation responders stay quiet. */
	sbuf_addstr(sb, "Auto-Submitted: auto-generated\r\n");
	sbuf_addstr(sb, "MIME-Version: 1.0\r\n");
	sbuf_addstr(sb, "Content-Type: text/plain; charset=utf-8\r\n");
	sbuf_addstr(sb, "Content-Transfer-Encoding: base64\r\n");
	sbuf_addstr(sb, "\r\n");
	return add_body(a, sb, body);
}

static size_t
read_cb(char *buf, size_t size, size_t nitems, void *userdata)
{
	struct upload	*up = userdata;
	size_t		 n = size * nitems;

	if (n > up->left)
		n = up->left;
	memcpy(buf, up->p, n);
	up->p += n;
	up->left -= n;
	return n;
}

int
smtp_send(const struct smtp_cfg *cfg, const char *to, const char *subject,
    const char *body, char *err, size_t errsz)
{
	struct arena		*a = NULL;
	struct curl_slist	*rcpt = NULL;
	CURL			*c = NULL;
	struct upload		 up;
	struct sbuf		 msg;
	char			 cerr[CURL_ERROR_SIZE];
	char			 from_path[SMTP_MAX_ADDR + 3], to_path[SMTP_MAX_ADDR + 3];
	CURLcode		 rc;
	int			 ret = -1;
	bool			 has_auth;

	if (err != NULL && errsz > 0)
		err[0] = '\0';
	if (cfg == NULL || cfg->url == NULL || cfg->url[0] == '\0') {
		seterr(err, errsz, "no SMTP server is configured", NULL);
		goto out;
	}
	if (!addr_ok(cfg->from)) {
		seterr(err, errsz, "the sender address is not a plain e-mail address", NULL);
		goto out;
	}
	if (!addr_ok(to)) {
		seterr(err, errsz, "the recipient address is not a plain e-mail address", NULL);
		goto out;
	}
	if (subject == NULL || has_crlf(subject)) {
		seterr(err, errsz, "the subject is missing or contains a line break", NULL);
		goto out;
	}
	if (body == NULL)
		body = "";

	a = arena_new();
	sbuf_init(&msg, a, SMTP_MAX_MESSAGE);
	if (build_message(a, &msg, cfg->from, to, subject, body) != 0) {
		seterr(err, errsz, "the message is too large to send", NULL);
		goto out;
	}
	up.p = msg.buf;
	up.left = msg.len;

	/* Brackets make each address one SMTP path, whatever curl's parsing. */
	snprintf(from_path, sizeof(from_path), "<%s>", cfg->from);
	snprintf(to_path, sizeof(to_path), "<%s>", to);
	if ((rcpt = curl_slist_append(NULL, to_path)) == NULL ||
	    (c = curl_easy_init()) == NULL) {
		seterr(err, errsz, "cannot set up the SMTP transfer", NULL);
		goto out;
	}
	cerr[0] = '\0';
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, cerr);
	/*
	 * Only mail: a misconfigured URL must not turn into a fetch of
	 * something else, so a curl that cannot restrict protocols is refused.
	 */
	if (curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps") != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_URL, cfg->url) != CURLE_OK) {
		seterr(err, errsz, "cannot set up the SMTP transfer", cerr);
		goto out;
	}
	/*
	 * No proxy, even if ALL_PROXY is set in the environment: the mail path
	 * is chosen by the configured URL alone, not by ambient variables meant
	 * for other clients.  Add a setting if a relay ever has to be tunnelled.
	 */
	curl_easy_setopt(c, CURLOPT_PROXY, "");
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS,
	    (long)(cfg->timeout_ms > 0 ? cfg->timeout_ms : SMTP_DEFAULT_TIMEOUT_MS));
	/*
	 * For smtps:// TLS is implicit; for smtp:// this decides about STARTTLS.
	 * Credentials never go in the clear: with a username, TLS is required.
	 */
	has_auth = cfg->username != NULL && cfg->username[0] != '\0';
	if (curl_easy_setopt(c, CURLOPT_USE_SSL,
	    (long)(cfg->require_tls || has_auth ? CURLUSESSL_ALL : CURLUSESSL_TRY)) != CURLE_OK) {
		seterr(err, errsz, "this libcurl cannot use TLS for SMTP", NULL);
		goto out;
	}
	if (cfg->username != NULL && cfg->username[0] != '\0') {
		curl_easy_setopt(c, CURLOPT_USERNAME, cfg->username);
		curl_easy_setopt(c, CURLOPT_PASSWORD,
		    cfg->password != NULL ? cfg->password : "");
	}
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from_path);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(c, CURLOPT_READDATA, &up);
	curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)msg.len);

	/* curl's messages name hosts and SMTP replies, never the password. */
	if ((rc = curl_easy_perform(c)) != CURLE_OK) {
		seterr(err, errsz, "cannot send the mail over SMTP",
		    cerr[0] != '\0' ? cerr : curl_easy_strerror(rc));
		goto out;
	}
	ret = 0;
out:
	if (c != NULL)
		curl_easy_cleanup(c);
	curl_slist_free_all(rcpt);
	arena_free(a);
	return ret;
}

int
net_init(void)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

void
net_cleanup(void)
{
	curl_global_cleanup();
}
