#ifndef LOUDONG_RECEIPTS_RECEIPT_H
#define LOUDONG_RECEIPTS_RECEIPT_H

/*
 * The receipt log's byte formats, fixed here once so that the server, the
 * CLI verifier and any outside auditor agree:
 *  - a leaf is the UTF-8 JSON object
 *      {"id":..,"received_at":..,"channel":..,"submitter":..,"payload_sha256":..}
 *    with exactly these keys in this order, no whitespace, and JSON string
 *    escaping of '"', '\\' and control characters (as \\u00hh);
 *  - a signed tree head signs the ASCII bytes
 *      loudong-sth:v1:<tree_size>:<timestamp>:<root_hash base64>
 *    with Ed25519; timestamp is milliseconds since the epoch.
 */
#include <stddef.h>
#include <stdint.h>

#include "receipts/merkle.h"

struct arena;

/* The leaf bytes (NUL-terminated; *len without it), in the arena. */
char	*receipt_leaf(struct arena *a, const char *id, int64_t received_at,
	    const char *channel, const char *submitter, const char *payload_sha256,
	    size_t *len);

/* RFC 3339 UTC ("2026-11-21T06:00:00Z") of a unix time. */
void	receipt_time(int64_t t, char out[32]);

#define RECEIPT_STH_MSG_MAX	128

/* The signed message of a tree head into out; returns its length. */
size_t	receipt_sth_message(char out[RECEIPT_STH_MSG_MAX], uint64_t tree_size,
	    int64_t timestamp_ms, const unsigned char root[MERKLE_HASH]);

/* "anonymous", or the opaque reference of an account ("user:<id>"). */
void	receipt_submitter(char out[32], int64_t user_id);

#endif
