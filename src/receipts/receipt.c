#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/sbuf.h"
#include "crypto/crypto.h"
#include "receipts/receipt.h"

/* A JSON string: quotes, backslash and controls escaped; UTF-8 kept as is. */
static void
json_str(struct sbuf *sb, const char *s)
{
	static const char	hex[] = "0123456789abcdef";
	const unsigned char	*p;

	sbuf_addch(sb, '"');
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\') {
			sbuf_addch(sb, '\\');
			sbuf_addch(sb, (char)*p);
		} else if (*p < 0x20) {
			char	e[6] = { '\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 15] };

			sbuf_add(sb, e, sizeof(e));
		} else
			sbuf_addch(sb, (char)*p);
	}
	sbuf_addch(sb, '"');
}

char *
receipt_leaf(struct arena *a, const char *id, int64_t received_at,
    const char *channel, const char *submitter, const char *payload_sha256,
    size_t *len)
{
	struct sbuf	sb;
	char		t[32];

	receipt_time(received_at, t);
	sbuf_init(&sb, a, 4096);
	sbuf_addstr(&sb, "{\"id\":");
	json_str(&sb, id);
	sbuf_addstr(&sb, ",\"received_at\":");
	json_str(&sb, t);
	sbuf_addstr(&sb, ",\"channel\":");
	json_str(&sb, channel);
	sbuf_addstr(&sb, ",\"submitter\":");
	json_str(&sb, submitter);
	sbuf_addstr(&sb, ",\"payload_sha256\":");
	json_str(&sb, payload_sha256);
	sbuf_addch(&sb, '}');
	*len = sb.len;
	return sb.buf;
}

void
receipt_time(int64_t t, char out[32])
{
	struct tm	tm;
	time_t		tt = (time_t)t;

	if (gmtime_r(&tt, &tm) == NULL) {
		snprintf(out, 32, "1970-01-01T00:00:00Z");
		return;
	}
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

size_t
receipt_sth_message(char out[RECEIPT_STH_MSG_MAX], uint64_t tree_size,
    int64_t timestamp_ms, const unsigned char root[MERKLE_HASH])
{
	char	b64[CRYPTO_B64_LEN(MERKLE_HASH)];
	int	n;

	crypto_b64_encode(b64, sizeof(b64), root, MERKLE_HASH);
	n = snprintf(out, RECEIPT_STH_MSG_MAX, "loudong-sth:v1:%" PRIu64 ":%" PRId64 ":%s",
	    tree_size, timestamp_ms, b64);
	return n > 0 && n < RECEIPT_STH_MSG_MAX ? (size_t)n : 0;
}

void
receipt_submitter(char out[32], int64_t user_id)
{
	if (user_id == 0)
		snprintf(out, 32, "anonymous");
	else
		snprintf(out, 32, "user:%" PRId64, user_id);
}
