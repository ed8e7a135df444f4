/*
 * Report intake over the API: submission (JSON and multipart), the receipt
 * and its verification by code written here from the specifications (FIPS
 * 180-4 SHA-256, RFC 9162 Merkle proofs, Ed25519 through libsodium), not
 * by the server's receipt code; validation, sealed storage, need-to-know,
 * durability across kill -9, and the log and receipt commands.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "harness.h"

#define HASH		32	/* SHA-256 */
#define MAX_PROOF	64
#define BOUNDARY	"----LoudongIntakeTest7f3a9c2d"

/* FIPS 180-4 SHA-256 */

struct sha256 {
	uint32_t	h[8];
	uint64_t	len;		/* bytes hashed so far */
	unsigned char	buf[64];
	size_t		nbuf;
};

static const uint32_t sha_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#define ROTR(x, n)	(((x) >> (n)) | ((x) << (32 - (n))))

static void
sha256_block(uint32_t h[8], const unsigned char p[64])
{
	uint32_t	w[64], a, b, c, d, e, f, g, hh, t1, t2;
	int		t;

	for (t = 0; t < 16; t++)
		w[t] = (uint32_t)p[4 * t] << 24 | (uint32_t)p[4 * t + 1] << 16 |
		    (uint32_t)p[4 * t + 2] << 8 | (uint32_t)p[4 * t + 3];
	for (t = 16; t < 64; t++) {
		uint32_t s0 = ROTR(w[t - 15], 7) ^ ROTR(w[t - 15], 18) ^ (w[t - 15] >> 3);
		uint32_t s1 = ROTR(w[t - 2], 17) ^ ROTR(w[t - 2], 19) ^ (w[t - 2] >> 10);

		w[t] = s1 + w[t - 7] + s0 + w[t - 16];
	}
	a = h[0]; b = h[1]; c = h[2]; d = h[3];
	e = h[4]; f = h[5]; g = h[6]; hh = h[7];
	for (t = 0; t < 64; t++) {
		t1 = hh + (ROTR(e, 6) ^ ROTR(e, 11) ^ ROTR(e, 25)) +
		    ((e & f) ^ (~e & g)) + sha_k[t] + w[t];
		t2 = (ROTR(a, 2) ^ ROTR(a, 13) ^ ROTR(a, 22)) +
		    ((a & b) ^ (a & c) ^ (b & c));
		hh = g; g = f; f = e; e = d + t1;
		d = c; c = b; b = a; a = t1 + t2;
	}
	h[0] += a; h[1] += b; h[2] += c; h[3] += d;
	h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

static void
sha256_init(struct sha256 *c)
{
	static const uint32_t	iv[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
	};

	memcpy(c->h, iv, sizeof(iv));
	c->len = 0;
	c->nbuf = 0;
}

static void
sha256_update(struct sha256 *c, const void *data, size_t n)
{
	const unsigned char	*p = data;
	size_t			 take;

	c->len += n;
	while (n > 0) {
		take = 64 - c->nbuf < n ? 64 - c->nbuf : n;
		memcpy(c->buf + c->nbuf, p, take);
		c->nbuf += take;
		p += take;
		n -= take;
		if (c->nbuf == 64) {
			sha256_block(c->h, c->buf);
			c->nbuf = 0;
		}
	}
}

static void
sha256_final(struct sha256 *c, unsigned char out[HASH])
{
	uint64_t	bits = c->len * 8;
	unsigned char	pad = 0x80, zero = 0, lenb[8];
	int		i;

	sha256_update(c, &pad, 1);
	while (c->nbuf != 56)
		sha256_update(c, &zero, 1);
	for (i = 0; i < 8; i++)
		lenb[i] = (unsigned char)(bits >> (56 - 8 * i));
	sha256_update(c, lenb, 8);
	for (i = 0; i < 8; i++) {
		out[4 * i] = (unsigned char)(c->h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(c->h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(c->h[i] >> 8);
		out[4 * i + 3] = (unsigned char)c->h[i];
	}
}

static void
sha256(const void *p, size_t n, unsigned char out[HASH])
{
	struct sha256	c;

	sha256_init(&c);
	sha256_update(&c, p, n);
	sha256_final(&c, out);
}

static void
hex(const unsigned char *p, size_t n, char *out)
{
	static const char	digits[] = "0123456789abcdef";
	size_t			i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 15];
	}
	out[2 * n] = '\0';
}

static void
sha256_hex(const void *p, size_t n, char out[2 * HASH + 1])
{
	unsigned char	h[HASH];

	sha256(p, n, h);
	hex(h, HASH, out);
}

/* RFC 4648 base64, with padding; decoding is strict. */

static const char b64_alpha[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* The encoding of n bytes; caller frees. */
static char *
b64_enc(const void *data, size_t n)
{
	const unsigned char	*p = data;
	char			*out, *o;
	size_t			 i;

	out = malloc((n + 2) / 3 * 4 + 1);
	assert_non_null(out);
	o = out;
	for (i = 0; i + 2 < n; i += 3) {
		*o++ = b64_alpha[p[i] >> 2];
		*o++ = b64_alpha[(p[i] & 3) << 4 | p[i + 1] >> 4];
		*o++ = b64_alpha[(p[i + 1] & 15) << 2 | p[i + 2] >> 6];
		*o++ = b64_alpha[p[i + 2] & 63];
	}
	if (n - i == 1) {
		*o++ = b64_alpha[p[i] >> 2];
		*o++ = b64_alpha[(p[i] & 3) << 4];
		*o++ = '=';
		*o++ = '=';
	} else if (n - i == 2) {
		*o++ = b64_alpha[p[i] >> 2];
		*o++ = b64_alpha[(p[i] & 3) << 4 | p[i + 1] >> 4];
		*o++ = b64_alpha[(p[i + 1] & 15) << 2];
		*o++ = '=';
	}
	*o = '\0';
	return out;
}

static int
b64_val(char c)
{
	const char	*p = c != '\0' ? strchr(b64_alpha, c) : NULL;

	return p != NULL ? (int)(p - b64_alpha) : -1;
}

/* Decode s into out; the byte count, or -1 if s is not base64 or too long. */
static long
b64_dec(const char *s, unsigned char *out, size_t outsz)
{
	size_t	n = strlen(s), i, o = 0, pad = 0, len;
	int	v[4], k;

	if (n % 4 != 0)
		return -1;
	if (n > 0 && s[n - 1] == '=')
		pad++;
	if (n > 1 && s[n - 2] == '=')
		pad++;
	len = n / 4 * 3 - pad;
	if (len > outsz)
		return -1;
	for (i = 0; i < n; i += 4) {
		for (k = 0; k < 4; k++) {
			if (i + (size_t)k >= n - pad)
				v[k] = 0;
			else if ((v[k] = b64_val(s[i + (size_t)k])) < 0)
				return -1;
		}
		if (o < len)
			out[o++] = (unsigned char)(v[0] << 2 | v[1] >> 4);
		if (o < len)
			out[o++] = (unsigned char)((v[1] & 15) << 4 | v[2] >> 2);
		if (o < len)
			out[o++] = (unsigned char)((v[2] & 3) << 6 | v[3]);
	}
	return (long)o;
}

/* RFC 9162 §2.1: hashes, MTH, PATH, PROOF and the two verifiers */

static void
leaf_hash(const void *leaf, size_t n, unsigned char out[HASH])
{
	struct sha256	c;
	unsigned char	prefix = 0x00;

	sha256_init(&c);
	sha256_update(&c, &prefix, 1);
	sha256_update(&c, leaf, n);
	sha256_final(&c, out);
}

static void
node_hash(const unsigned char l[HASH], const unsigned char r[HASH],
    unsigned char out[HASH])
{
	struct sha256	c;
	unsigned char	prefix = 0x01;

	sha256_init(&c);
	sha256_update(&c, &prefix, 1);
	sha256_update(&c, l, HASH);
	sha256_update(&c, r, HASH);
	sha256_final(&c, out);
}

/* The largest power of two smaller than n (n >= 2). */
static size_t
split(size_t n)
{
	size_t	k = 1;

	while (k * 2 < n)
		k *= 2;
	return k;
}

/* MTH(D[0:n]) from the leaf hashes, as the RFC defines it. */
static void
mth(const unsigned char (*lh)[HASH], size_t n, unsigned char out[HASH])
{
	unsigned char	l[HASH], r[HASH];
	size_t		k;

	if (n == 0) {
		sha256("", 0, out);
		return;
	}
	if (n == 1) {
		memcpy(out, lh[0], HASH);
		return;
	}
	k = split(n);
	mth(lh, k, l);
	mth(lh + k, n - k, r);
	node_hash(l, r, out);
}

/* PATH(m, D[0:n]) appended to proof (leaf side first). */
static void
path(size_t m, const unsigned char (*lh)[HASH], size_t n,
    unsigned char proof[][HASH], size_t *np)
{
	size_t	k;

	if (n <= 1)
		return;
	k = split(n);
	if (m < k) {
		path(m, lh, k, proof, np);
		mth(lh + k, n - k, proof[(*np)++]);
	} else {
		path(m - k, lh + k, n - k, proof, np);
		mth(lh, k, proof[(*np)++]);
	}
}

/* SUBPROOF(m, D[0:n], b) appended to proof. */
static void
subproof(size_t m, const unsigned char (*lh)[HASH], size_t n, bool b,
    unsigned char proof[][HASH], size_t *np)
{
	size_t	k;

	if (m == n) {
		if (!b)
			mth(lh, n, proof[(*np)++]);
		return;
	}
	k = split(n);
	if (m <= k) {
		subproof(m, lh, k, b, proof, np);
		mth(lh + k, n - k, proof[(*np)++]);
	} else {
		subproof(m - k, lh + k, n - k, false, proof, np);
		mth(lh, k, proof[(*np)++]);
	}
}

/* §2.1.3.2 */
static bool
verify_inclusion(const unsigned char lh[HASH], uint64_t idx, uint64_t size,
    const unsigned char proof[][HASH], size_t n, const unsigned char root[HASH])
{
	unsigned char	r[HASH];
	uint64_t	fn, sn;
	size_t		i;

	if (idx >= size)
		return false;
	fn = idx;
	sn = size - 1;
	memcpy(r, lh, HASH);
	for (i = 0; i < n; i++) {
		if (sn == 0)
			return false;
		if ((fn & 1) == 1 || fn == sn) {
			node_hash(proof[i], r, r);
			if ((fn & 1) == 0)
				while ((fn & 1) == 0 && fn != 0) {
					fn >>= 1;
					sn >>= 1;
				}
		} else
			node_hash(r, proof[i], r);
		fn >>= 1;
		sn >>= 1;
	}
	return sn == 0 && memcmp(r, root, HASH) == 0;
}

/* §2.1.4.2, with first == second meaning the same tree and an empty proof. */
static bool
verify_consistency(uint64_t first, uint64_t second,
    const unsigned char first_root[HASH], const unsigned char second_root[HASH],
    const unsigned char proof[][HASH], size_t n)
{
	unsigned char	path0[MAX_PROOF + 1][HASH], fr[HASH], sr[HASH];
	uint64_t	fn, sn;
	size_t		i, np = 0;

	if (first == 0 || first > second || n > MAX_PROOF)
		return false;
	if (first == second)
		return n == 0 && memcmp(first_root, second_root, HASH) == 0;
	if (n == 0)						/* 1 */
		return false;
	if ((first & (first - 1)) == 0)				/* 2 */
		memcpy(path0[np++], first_root, HASH);
	for (i = 0; i < n; i++)
		memcpy(path0[np++], proof[i], HASH);
	fn = first - 1;						/* 3 */
	sn = second - 1;
	if ((fn & 1) == 1)					/* 4 */
		while ((fn & 1) == 1) {
			fn >>= 1;
			sn >>= 1;
		}
	memcpy(fr, path0[0], HASH);				/* 5 */
	memcpy(sr, path0[0], HASH);
	for (i = 1; i < np; i++) {				/* 6 */
		if (sn == 0)
			return false;
		if ((fn & 1) == 1 || fn == sn) {
			node_hash(path0[i], fr, fr);
			node_hash(path0[i], sr, sr);
			if ((fn & 1) == 0)
				while ((fn & 1) == 0 && fn != 0) {
					fn >>= 1;
					sn >>= 1;
				}
		} else
			node_hash(sr, path0[i], sr);
		fn >>= 1;
		sn >>= 1;
	}
	return memcmp(fr, first_root, HASH) == 0 &&		/* 7 */
	    memcmp(sr, second_root, HASH) == 0 && sn == 0;
}

/* Receipts and signed tree heads as the API sends them */

struct sth {
	int64_t		size;
	int64_t		ts;
	unsigned char	root[HASH];
	unsigned char	sig[64];
};

struct rcpt {
	char		 id[48];
	unsigned char	*leaf;		/* malloc'd */
	size_t		 leaf_len;
	int64_t		 idx;
	struct sth	 sth;
	unsigned char	 proof[MAX_PROOF][HASH];
	size_t		 nproof;
};

/* A base64 string member of o that decodes to exactly want bytes. */
static void
b64_member(json_t *o, const char *key, unsigned char *out, size_t want)
{
	const char	*s = json_string_value(json_object_get(o, key));
	char		*again;

	if (s == NULL)
		fail_msg("no string '%s' in %s", key, json_dumps(o, JSON_COMPACT));
	if (b64_dec(s, out, want) != (long)want)
		fail_msg("'%s' is not the base64 of %zu bytes: %s", key, want, s);
	/* Canonical: what is signed is the text, so it must be the one encoding. */
	again = b64_enc(out, want);
	assert_string_equal(again, s);
	free(again);
}

static void
sth_parse(json_t *o, struct sth *out)
{
	json_t	*v;

	assert_true(json_is_object(o));
	assert_int_equal(json_object_size(o), 4);
	v = json_object_get(o, "tree_size");
	assert_true(json_is_integer(v));
	out->size = json_integer_value(v);
	assert_true(out->size >= 1);
	v = json_object_get(o, "timestamp");
	assert_true(json_is_integer(v));
	out->ts = json_integer_value(v);
	/* Milliseconds: after 2020, not in the far future. */
	assert_true(out->ts > INT64_C(1577836800000));
	assert_true(out->ts < ((int64_t)time(NULL) + 3600) * 1000);
	b64_member(o, "root_hash", out->root, HASH);
	b64_member(o, "signature", out->sig, 64);
}

static void
proof_parse(json_t *arr, unsigned char proof[][HASH], size_t *n)
{
	json_t	*v;
	size_t	 i;
	char	*s;

	assert_true(json_is_array(arr));
	assert_true(json_array_size(arr) <= MAX_PROOF);
	*n = json_array_size(arr);
	json_array_foreach(arr, i, v) {
		assert_true(json_is_string(v));
		assert_int_equal(b64_dec(json_string_value(v), proof[i], HASH), HASH);
		s = b64_enc(proof[i], HASH);
		assert_string_equal(s, json_string_value(v));
		free(s);
	}
}

static bool
is_report_id(const char *id)
{
	size_t	i;

	if (id == NULL || strlen(id) != 14 || strncmp(id, "LD-", 3) != 0 || id[7] != '-')
		return false;
	for (i = 3; i < 14; i++)
		if (i != 7 && (id[i] < '0' || id[i] > '9'))
			return false;
	return true;
}

static long
id_seq(const char *id)
{
	assert_true(is_report_id(id));
	return strtol(id + 8, NULL, 10);
}

/* The 201 body of a submission into rc (its leaf is malloc'd). */
static void
receipt_parse(json_t *body, struct rcpt *rc)
{
	json_t		*r, *v;
	const char	*id, *leaf;
	long		 n;

	memset(rc, 0, sizeof(*rc));
	assert_true(json_is_object(body));
	id = json_string_value(json_object_get(body, "id"));
	if (!is_report_id(id))
		fail_msg("the id '%s' is not LD-YYYY-NNNNNN", id ? id : "(none)");
	snprintf(rc->id, sizeof(rc->id), "%s", id);
	r = json_object_get(body, "receipt");
	assert_true(json_is_object(r));
	assert_int_equal(json_object_size(r), 4);
	leaf = json_string_value(json_object_get(r, "leaf"));
	assert_non_null(leaf);
	rc->leaf = malloc(strlen(leaf) + 1);
	assert_non_null(rc->leaf);
	n = b64_dec(leaf, rc->leaf, strlen(leaf));
	assert_true(n > 0);
	rc->leaf_len = (size_t)n;
	v = json_object_get(r, "leaf_index");
	assert_true(json_is_integer(v));
	rc->idx = json_integer_value(v);
	assert_true(rc->idx >= 0);
	sth_parse(json_object_get(r, "sth"), &rc->sth);
	proof_parse(json_object_get(r, "inclusion_proof"), rc->proof, &rc->nproof);
}

static void
receipt_free(struct rcpt *rc)
{
	free(rc->leaf);
	rc->leaf = NULL;
}

/* Ed25519 over "loudong-sth:v1:<tree_size>:<timestamp>:<root b64>". */
static bool
sth_signed(const struct sth *s, const unsigned char pk[crypto_sign_PUBLICKEYBYTES])
{
	char	msg[160], *root = b64_enc(s->root, HASH);
	int	n;

	n = snprintf(msg, sizeof(msg), "loudong-sth:v1:%" PRId64 ":%" PRId64 ":%s",
	    s->size, s->ts, root);
	free(root);
	assert_true(n > 0 && (size_t)n < sizeof(msg));
	return crypto_sign_verify_detached(s->sig, (const unsigned char *)msg,
	    (unsigned long long)n, pk) == 0;
}

/* The signature of the head and the leaf's path to its root. */
static bool
receipt_ok(const struct rcpt *rc, const unsigned char pk[crypto_sign_PUBLICKEYBYTES])
{
	unsigned char	lh[HASH];

	if (!sth_signed(&rc->sth, pk))
		return false;
	leaf_hash(rc->leaf, rc->leaf_len, lh);
	return verify_inclusion(lh, (uint64_t)rc->idx, (uint64_t)rc->sth.size,
	    (const unsigned char (*)[HASH])rc->proof, rc->nproof, rc->sth.root);
}

static bool
is_rfc3339z(const char *t)
{
	static const char	shape[] = "dddd-dd-ddTdd:dd:ddZ";
	size_t			i;

	if (t == NULL || strlen(t) != sizeof(shape) - 1)
		return false;
	for (i = 0; shape[i] != '\0'; i++)
		if (shape[i] == 'd' ? (t[i] < '0' || t[i] > '9') : t[i] != shape[i])
			return false;
	return true;
}

/*
 * The leaf is exactly {"id","received_at","channel","submitter",
 * "payload_sha256"}, in that order, without whitespace, for this report and
 * the payload bytes sent.
 */
static void
check_leaf(const struct rcpt *rc, const char *channel, const char *submitter,
    const void *payload, size_t plen)
{
	static const char *const keys[] = { "id", "received_at", "channel",
		"submitter", "payload_sha256" };
	json_error_t	 jerr;
	json_t		*o;
	void		*it;
	const char	*at;
	char		 want_hash[2 * HASH + 1], want[512];
	size_t		 i;
	int		 n;

	o = json_loadb((const char *)rc->leaf, rc->leaf_len, JSON_REJECT_DUPLICATES, &jerr);
	if (o == NULL)
		fail_msg("the leaf is not JSON (%s): %.*s", jerr.text, (int)rc->leaf_len,
		    (const char *)rc->leaf);
	assert_true(json_is_object(o));
	assert_int_equal(json_object_size(o), 5);
	for (i = 0, it = json_object_iter(o); it != NULL;
	    i++, it = json_object_iter_next(o, it)) {
		assert_true(i < 5);
		assert_string_equal(json_object_iter_key(it), keys[i]);
		assert_true(json_is_string(json_object_iter_value(it)));
	}
	assert_string_equal(json_string_value(json_object_get(o, "id")), rc->id);
	at = json_string_value(json_object_get(o, "received_at"));
	if (!is_rfc3339z(at))
		fail_msg("received_at '%s' is not YYYY-MM-DDTHH:MM:SSZ", at);
	assert_string_equal(json_string_value(json_object_get(o, "channel")), channel);
	assert_string_equal(json_string_value(json_object_get(o, "submitter")), submitter);
	sha256_hex(payload, plen, want_hash);
	assert_string_equal(json_string_value(json_object_get(o, "payload_sha256")),
	    want_hash);
	/* Byte for byte: the hash covers these bytes, not their meaning. */
	n = snprintf(want, sizeof(want), "{\"id\":\"%s\",\"received_at\":\"%s\","
	    "\"channel\":\"%s\",\"submitter\":\"%s\",\"payload_sha256\":\"%s\"}",
	    rc->id, at, channel, submitter, want_hash);
	assert_true(n > 0 && (size_t)n < sizeof(want));
	if ((size_t)n != rc->leaf_len || memcmp(want, rc->leaf, rc->leaf_len) != 0)
		fail_msg("the leaf is\n%.*s\nnot\n%s", (int)rc->leaf_len,
		    (const char *)rc->leaf, want);
	json_decref(o);
}

/* The log's public key from GET /api/v1/log/key (no login). */
static void
log_key(const struct srv *s, unsigned char pk[crypto_sign_PUBLICKEYBYTES])
{
	struct resp	*r = http(s, "GET", "/api/v1/log/key", NULL, NULL);

	assert_status(r, 200);
	assert_non_null(resp_json(r));
	assert_string_equal(resp_jstr(r, "algorithm"), "Ed25519");
	b64_member(resp_json(r), "public_key", pk, crypto_sign_PUBLICKEYBYTES);
	resp_free(r);
}

/* GET /api/v1/log/sth (size 0: the current one) into out. */
static void
log_sth(const struct srv *s, int64_t size, struct sth *out)
{
	struct resp	*r;
	char		 p[96];

	if (size > 0)
		snprintf(p, sizeof(p), "/api/v1/log/sth?tree_size=%" PRId64, size);
	else
		snprintf(p, sizeof(p), "/api/v1/log/sth");
	r = http(s, "GET", p, NULL, NULL);
	assert_status(r, 200);
	assert_non_null(resp_json(r));
	sth_parse(resp_json(r), out);
	if (size > 0)
		assert_int_equal(out->size, size);
	resp_free(r);
}

/* The current tree size, 0 for the empty log. */
static int64_t
log_size(const struct srv *s)
{
	struct resp	*r = http(s, "GET", "/api/v1/log/sth", NULL, NULL);
	json_t		*v;
	int64_t		 n;

	assert_status(r, 200);
	v = json_object_get(resp_json(r), "tree_size");
	assert_true(json_is_integer(v));
	n = json_integer_value(v);
	resp_free(r);
	return n;
}

/* People */

struct who {
	char		login[32];
	struct cred	c;	/* the bearer token from the CLI */
	int64_t		id;	/* from /api/v1/me once the server runs */
	char		submitter[40];
};

/* Before the server starts: the account and its token. */
static void
person(struct srv *s, const char *login, const char *role, struct who *w)
{
	memset(w, 0, sizeof(*w));
	snprintf(w->login, sizeof(w->login), "%s", login);
	srv_user_add(s, login, role, NULL, NULL, TEST_PASSWORD);
	srv_token_create(s, login, w->c.bearer, sizeof(w->c.bearer));
}

/* Once it runs: the account's id and the submitter its leaves name. */
static void
person_id(const struct srv *s, struct who *w)
{
	struct resp	*r = api(s, "GET", "/api/v1/me", &w->c, NULL, NULL);
	json_t		*id;

	assert_status(r, 200);
	id = json_object_get(json_object_get(resp_json(r), "user"), "id");
	assert_true(json_is_integer(id));
	w->id = json_integer_value(id);
	snprintf(w->submitter, sizeof(w->submitter), "user:%" PRId64, w->id);
	resp_free(r);
}

/* Requests */

/* A valid report as JSON text; caller frees. */
static char *
report_json(const char *title, const char *description)
{
	json_t	*o;
	char	*text;

	o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:s}",
	    "title", title,
	    "kind", "generic",
	    "vendor", "ACME",
	    "product", "RoadRunner Router",
	    "versions", "< 2.4.1",
	    "description", description,
	    "discovered_at", "2026-01-15",
	    "vendor_contacted", 0,
	    "credit", "name");
	assert_non_null(o);
	text = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	assert_non_null(text);
	return text;
}

static struct resp *
submit(const struct srv *s, const struct cred *c, const char *body)
{
	return api(s, "POST", "/api/v1/reports", c, body, NULL);
}

/* Submit body, expect 201 with a Location, and fill rc. */
static void
submit_ok(const struct srv *s, const struct cred *c, const char *body, struct rcpt *rc)
{
	struct resp	*r = submit(s, c, body);
	char		 loc[96];

	assert_status(r, 201);
	assert_true(contains_ci(resp_header(r, "Content-Type"), "application/json"));
	assert_non_null(resp_json(r));
	receipt_parse(resp_json(r), rc);
	snprintf(loc, sizeof(loc), "/api/v1/reports/%s", rc->id);
	assert_non_null(resp_header(r, "Location"));
	assert_string_equal(resp_header(r, "Location"), loc);
	resp_free(r);
}

struct buf {
	char	*p;
	size_t	 n, cap;
};

static void
buf_add(struct buf *b, const void *p, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		while (b->n + n + 1 > b->cap)
			b->cap = b->cap ? b->cap * 2 : 4096;
		b->p = realloc(b->p, b->cap);
		assert_non_null(b->p);
	}
	memcpy(b->p + b->n, p, n);
	b->n += n;
	b->p[b->n] = '\0';
}

static void buf_addf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
buf_addf(struct buf *b, const char *fmt, ...)
{
	char	tmp[1024];
	va_list	ap;
	int	n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	assert_true(n >= 0 && (size_t)n < sizeof(tmp));
	buf_add(b, tmp, (size_t)n);
}

struct part {
	const char	*name;
	const char	*filename;	/* NULL: a field */
	const char	*ctype;		/* NULL: none */
	const void	*data;
	size_t		 len;
};

/* A multipart/form-data body with BOUNDARY; caller frees b->p. */
static void
multipart(struct buf *b, const struct part *parts, size_t n)
{
	size_t	i;

	memset(b, 0, sizeof(*b));
	for (i = 0; i < n; i++) {
		buf_addf(b, "--%s\r\nContent-Disposition: form-data; name=\"%s\"",
		    BOUNDARY, parts[i].name);
		if (parts[i].filename != NULL)
			buf_addf(b, "; filename=\"%s\"", parts[i].filename);
		buf_addf(b, "\r\n");
		if (parts[i].ctype != NULL)
			buf_addf(b, "Content-Type: %s\r\n", parts[i].ctype);
		buf_addf(b, "\r\n");
		buf_add(b, parts[i].data, parts[i].len);
		buf_addf(b, "\r\n");
	}
	buf_addf(b, "--%s--\r\n", BOUNDARY);
}

static struct resp *
post_multipart(const struct srv *s, const struct who *w, const struct buf *body)
{
	char		 auth[200];
	const char	*hdrs[3] = { "Content-Type: multipart/form-data; boundary=" BOUNDARY,
			    NULL, NULL };
	struct http_req	 rq = { "POST", "/api/v1/reports", hdrs, body->p, body->n, 0, 0 };

	if (w != NULL) {
		snprintf(auth, sizeof(auth), "Authorization: Bearer %s", w->c.bearer);
		hdrs[1] = auth;
	}
	return http_do(s, &rq);
}

/* GET path as c, expecting 200; the response (caller frees). */
static struct resp *
get_ok(const struct srv *s, const struct cred *c, const char *p)
{
	struct resp	*r = api(s, "GET", p, c, NULL, NULL);

	assert_status(r, 200);
	assert_non_null(resp_json(r));
	return r;
}

static struct resp *
getf(const struct srv *s, const struct cred *c, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static struct resp *
getf(const struct srv *s, const struct cred *c, const char *fmt, ...)
{
	char	p[512];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(p, sizeof(p), fmt, ap);
	va_end(ap);
	return api(s, "GET", p, c, NULL, NULL);
}

/* The ids GET /api/v1/reports lists for c (first page, up to 200). */
static size_t
list_ids(const struct srv *s, const struct cred *c, char ids[][48], size_t max)
{
	struct resp	*r = get_ok(s, c, "/api/v1/reports?limit=200");
	json_t		*items = json_object_get(resp_json(r), "items"), *it;
	size_t		 i;

	assert_true(json_is_array(items));
	assert_true(json_array_size(items) <= max);
	json_array_foreach(items, i, it) {
		const char *id = json_string_value(json_object_get(it, "id"));

		assert_true(is_report_id(id));
		snprintf(ids[i], 48, "%s", id);
	}
	i = json_array_size(items);
	resp_free(r);
	return i;
}

static bool
has_id(char ids[][48], size_t n, const char *id)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(ids[i], id) == 0)
			return true;
	return false;
}

/* n random bytes as hex into out (2n + 1). */
static void
random_hex(char *out, size_t n)
{
	unsigned char	raw[32];

	assert_true(n <= sizeof(raw));
	randombytes_buf(raw, n);
	hex(raw, n, out);
}

/* Files */

static void
write_file(const char *path, const void *p, size_t n)
{
	FILE	*fp = fopen(path, "w");

	assert_non_null(fp);
	assert_int_equal(fwrite(p, 1, n, fp), n);
	assert_int_equal(fclose(fp), 0);
}

static bool
mem_has(const unsigned char *hay, size_t n, const char *needle)
{
	size_t	k = strlen(needle), i;

	for (i = 0; k > 0 && i + k <= n; i++)
		if (hay[i] == (unsigned char)needle[0] && memcmp(hay + i, needle, k) == 0)
			return true;
	return false;
}

/*
 * Read every regular file under dir (recursively); count them into *files,
 * and record the paths that contain needle (up to max) into where.
 */
static size_t
scan_tree(const char *dir, const char *needle, size_t *files, char where[][512],
    size_t max)
{
	struct dirent	*de;
	struct stat	 sb;
	DIR		*d;
	char		 p[512];
	size_t		 found = 0;

	d = opendir(dir);
	if (d == NULL)
		fail_msg("opendir %s: %s", dir, strerror(errno));
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		assert_true((size_t)snprintf(p, sizeof(p), "%s/%s", dir, de->d_name) <
		    sizeof(p));
		assert_int_equal(lstat(p, &sb), 0);
		if (S_ISDIR(sb.st_mode)) {
			found += scan_tree(p, needle, files, where + found,
			    max > found ? max - found : 0);
		} else if (S_ISREG(sb.st_mode)) {
			unsigned char	*data = malloc((size_t)sb.st_size + 1);
			size_t		 got = 0;
			ssize_t		 n;
			int		 fd = open(p, O_RDONLY | O_CLOEXEC);

			assert_true(fd >= 0);
			assert_non_null(data);
			while ((n = read(fd, data + got, (size_t)sb.st_size - got)) > 0)
				got += (size_t)n;
			close(fd);
			(*files)++;
			if (mem_has(data, got, needle)) {
				if (found < max)
					snprintf(where[found], 512, "%s", p);
				found++;
			}
			free(data);
		}
	}
	closedir(d);
	return found;
}

/* Tests */

static void
test_intake__sha256_known_answers(void **state)
{
	static const struct { const char *in; const char *out; } kat[] = {
		{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
		{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
		{ "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
		  "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
		  "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1" },
	};
	struct sha256	c;
	unsigned char	h[HASH], *m;
	char		out[2 * HASH + 1];
	size_t		i;
	char		*e;
	unsigned char	back[8];

	(void)state;
	for (i = 0; i < sizeof(kat) / sizeof(kat[0]); i++) {
		sha256_hex(kat[i].in, strlen(kat[i].in), out);
		assert_string_equal(out, kat[i].out);
	}
	/* A million 'a', fed in odd pieces. */
	m = malloc(1000000);
	assert_non_null(m);
	memset(m, 'a', 1000000);
	sha256_init(&c);
	for (i = 0; i < 1000000; i += 977)
		sha256_update(&c, m + i, 1000000 - i < 977 ? 1000000 - i : 977);
	sha256_final(&c, h);
	hex(h, HASH, out);
	assert_string_equal(out,
	    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(m);
	/* And the base64 helpers, RFC 4648 §10. */
	e = b64_enc("foobar", 6);
	assert_string_equal(e, "Zm9vYmFy");
	free(e);
	e = b64_enc("fooba", 5);
	assert_string_equal(e, "Zm9vYmE=");
	free(e);
	e = b64_enc("foob", 4);
	assert_string_equal(e, "Zm9vYg==");
	free(e);
	assert_int_equal(b64_dec("Zm9vYg==", back, sizeof(back)), 4);
	assert_memory_equal(back, "foob", 4);
	assert_int_equal(b64_dec("Zm9vYmE=", back, sizeof(back)), 5);
	assert_int_equal(b64_dec("Zm9v!mE=", back, sizeof(back)), -1);
	assert_int_equal(b64_dec("Zm9", back, sizeof(back)), -1);
}

static void
test_intake__submit_returns_a_receipt(void **state)
{
	struct srv	*s = *state;
	struct who	 rita;
	struct cred	 sess;
	struct rcpt	 a, b;
	struct resp	*r;
	unsigned char	 pk[crypto_sign_PUBLICKEYBYTES], lh0[HASH], lh1[HASH], root[HASH];
	char		*body, p[96];
	const char	*pretty;
	json_t		*o;

	srv_init(s);
	person(s, "rita", "reporter", &rita);
	srv_start(s, NULL);
	person_id(s, &rita);
	log_key(s, pk);
	assert_int_equal(log_size(s), 0);

	/* With the bearer token. */
	body = report_json("Stack overflow in the admin UI", "Send a long Host header.");
	submit_ok(s, &rita.c, body, &a);
	assert_int_equal(id_seq(a.id), 1);
	assert_int_equal(a.idx, 0);
	assert_int_equal(a.sth.size, 1);
	assert_int_equal(a.nproof, 0);
	check_leaf(&a, "api", rita.submitter, body, strlen(body));
	assert_true(receipt_ok(&a, pk));
	leaf_hash(a.leaf, a.leaf_len, lh0);
	assert_memory_equal(a.sth.root, lh0, HASH);	/* MTH of one leaf */
	free(body);

	/* With the session cookie and its CSRF token; the hash is of the exact bytes. */
	assert_int_equal(srv_login(s, "rita", TEST_PASSWORD, &sess, NULL), 201);
	pretty = "{\n  \"title\": \"Hard-coded \\u5bc6\\u7801 in firmware\",\n"
	    "  \"kind\": \"incident\",\n  \"product\": \"Gateway\",\n"
	    "  \"description\":   \"strings(1) shows it\\n\"\n}\n";
	submit_ok(s, &sess, pretty, &b);
	assert_int_equal(id_seq(b.id), 2);
	assert_int_equal(b.idx, 1);
	assert_int_equal(b.sth.size, 2);
	check_leaf(&b, "api", rita.submitter, pretty, strlen(pretty));
	assert_true(receipt_ok(&b, pk));
	/* The path of leaf 1 in a tree of 2 is leaf 0's hash. */
	assert_int_equal(b.nproof, 1);
	assert_memory_equal(b.proof[0], lh0, HASH);
	leaf_hash(b.leaf, b.leaf_len, lh1);
	node_hash(lh0, lh1, root);
	assert_memory_equal(b.sth.root, root, HASH);

	/* The session without its CSRF token stores nothing. */
	sess.no_csrf = true;
	r = submit(s, &sess, pretty);
	assert_problem(r, 403);
	resp_free(r);
	assert_int_equal(log_size(s), 2);

	/* The report reads back with what was sent and what the leaf says. */
	snprintf(p, sizeof(p), "/api/v1/reports/%s", b.id);
	r = get_ok(s, &rita.c, p);
	o = resp_json(r);
	assert_string_equal(json_string_value(json_object_get(o, "id")), b.id);
	assert_string_equal(json_string_value(json_object_get(o, "kind")), "incident");
	assert_string_equal(json_string_value(json_object_get(o, "channel")), "api");
	assert_string_equal(json_string_value(json_object_get(o, "status")), "received");
	assert_string_equal(json_string_value(json_object_get(o, "title")),
	    "Hard-coded \xe5\xaf\x86\xe7\xa0\x81 in firmware");
	assert_string_equal(json_string_value(json_object_get(o, "reporter")), "rita");
	assert_int_equal(json_integer_value(json_object_get(o, "leaf_index")), 1);
	assert_string_equal(json_string_value(json_object_get(json_object_get(o,
	    "details"), "description")), "strings(1) shows it\n");
	{
		json_t	*leaf = json_loadb((const char *)b.leaf, b.leaf_len, 0, NULL);

		assert_non_null(leaf);
		assert_string_equal(json_string_value(json_object_get(o, "received_at")),
		    json_string_value(json_object_get(leaf, "received_at")));
		json_decref(leaf);
	}
	resp_free(r);
	receipt_free(&a);
	receipt_free(&b);
}

#define RV_N	21

static void
test_intake__receipts_verify_independently(void **state)
{
	struct srv	*s = *state;
	struct who	 w[2];
	struct rcpt	*rc;
	struct sth	 cur, hist;
	struct resp	*r;
	unsigned char	 pk[crypto_sign_PUBLICKEYBYTES], (*lh)[HASH], root[HASH];
	unsigned char	 mine[MAX_PROOF][HASH], theirs[MAX_PROOF][HASH], bad[HASH];
	size_t		 i, nmine, ntheirs, k;
	char		*body, title[64];
	static const int64_t pairs[][2] = {
		{ 1, 21 }, { 2, 21 }, { 3, 21 }, { 4, 21 }, { 5, 21 }, { 7, 21 },
		{ 8, 21 }, { 13, 21 }, { 16, 21 }, { 20, 21 }, { 21, 21 }, { 3, 8 },
		{ 5, 6 }, { 6, 13 }, { 1, 2 }, { 9, 16 }, { 12, 17 },
	};

	srv_init(s);
	person(s, "rita", "reporter", &w[0]);
	person(s, "bob", "reporter", &w[1]);
	srv_start(s, NULL);
	person_id(s, &w[0]);
	person_id(s, &w[1]);
	log_key(s, pk);
	rc = calloc(RV_N, sizeof(*rc));
	lh = calloc(RV_N, sizeof(*lh));
	assert_non_null(rc);
	assert_non_null(lh);

	for (i = 0; i < RV_N; i++) {
		snprintf(title, sizeof(title), "Report number %zu", i);
		body = report_json(title, "details");
		submit_ok(s, &w[i % 2].c, body, &rc[i]);
		check_leaf(&rc[i], "api", w[i % 2].submitter, body, strlen(body));
		free(body);
		assert_int_equal(rc[i].idx, (int64_t)i);
		assert_int_equal(rc[i].sth.size, (int64_t)i + 1);
		assert_int_equal(id_seq(rc[i].id), (long)i + 1);
		leaf_hash(rc[i].leaf, rc[i].leaf_len, lh[i]);
		/* Signature and path, and the root is the RFC's MTH of the leaves. */
		assert_true(receipt_ok(&rc[i], pk));
		mth((const unsigned char (*)[HASH])lh, i + 1, root);
		assert_memory_equal(rc[i].sth.root, root, HASH);
		/* The proof is exactly the RFC's PATH. */
		nmine = 0;
		path(i, (const unsigned char (*)[HASH])lh, i + 1, mine, &nmine);
		assert_int_equal(rc[i].nproof, nmine);
		assert_memory_equal(rc[i].proof, mine, nmine * HASH);
		/* Heads are signed in order. */
		if (i > 0)
			assert_true(rc[i].sth.ts >= rc[i - 1].sth.ts);
	}

	/* The verifier is not vacuous: any change breaks it. */
	{
		struct rcpt	t = rc[10];

		t.idx = 11;
		assert_false(receipt_ok(&t, pk));
		t.idx = 10;
		t.sth.ts++;
		assert_false(receipt_ok(&t, pk));
		t.sth.ts--;
		t.sth.sig[5] ^= 1;
		assert_false(receipt_ok(&t, pk));
		t.sth.sig[5] ^= 1;
		t.proof[1][0] ^= 0x80;
		assert_false(receipt_ok(&t, pk));
		t.proof[1][0] ^= 0x80;
		t.leaf[3] ^= 1;
		assert_false(receipt_ok(&t, pk));
		t.leaf[3] ^= 1;
		assert_true(receipt_ok(&t, pk));
	}

	/* Every head stays retrievable by size, unchanged. */
	log_sth(s, 0, &cur);
	assert_int_equal(cur.size, RV_N);
	assert_true(sth_signed(&cur, pk));
	assert_memory_equal(&cur, &rc[RV_N - 1].sth, sizeof(cur));
	for (i = 0; i < RV_N; i++) {
		log_sth(s, (int64_t)i + 1, &hist);
		assert_memory_equal(&hist, &rc[i].sth, sizeof(hist));
	}

	/* Fresh inclusion proofs in the latest tree, asked by each leaf's owner. */
	for (i = 0; i < RV_N; i++) {
		json_t	*o;

		r = getf(s, &w[i % 2].c, "/api/v1/log/proof?index=%zu&tree_size=%d", i, RV_N);
		assert_status(r, 200);
		o = resp_json(r);
		assert_int_equal(json_integer_value(json_object_get(o, "leaf_index")), i);
		assert_int_equal(json_integer_value(json_object_get(o, "tree_size")), RV_N);
		{
			unsigned char	leaf[512];
			long		n = b64_dec(json_string_value(json_object_get(o,
					    "leaf")), leaf, sizeof(leaf));

			assert_int_equal(n, rc[i].leaf_len);
			assert_memory_equal(leaf, rc[i].leaf, rc[i].leaf_len);
		}
		sth_parse(json_object_get(o, "sth"), &hist);
		assert_memory_equal(&hist, &cur, sizeof(hist));
		proof_parse(json_object_get(o, "inclusion_proof"), theirs, &ntheirs);
		assert_true(verify_inclusion(lh[i], i, RV_N,
		    (const unsigned char (*)[HASH])theirs, ntheirs, cur.root));
		nmine = 0;
		path(i, (const unsigned char (*)[HASH])lh, RV_N, mine, &nmine);
		assert_int_equal(ntheirs, nmine);
		assert_memory_equal(theirs, mine, nmine * HASH);
		resp_free(r);
	}

	/* Consistency between heads of many sizes (RFC 9162 §2.1.4). */
	for (k = 0; k < sizeof(pairs) / sizeof(pairs[0]); k++) {
		int64_t		 m = pairs[k][0], n = pairs[k][1];
		struct sth	 a, b;
		json_t		*o;

		r = getf(s, &w[0].c, "/api/v1/log/consistency?first=%" PRId64
		    "&second=%" PRId64, m, n);
		assert_status(r, 200);
		o = resp_json(r);
		assert_int_equal(json_integer_value(json_object_get(o, "first")), m);
		assert_int_equal(json_integer_value(json_object_get(o, "second")), n);
		sth_parse(json_object_get(o, "first_sth"), &a);
		sth_parse(json_object_get(o, "second_sth"), &b);
		assert_memory_equal(&a, &rc[m - 1].sth, sizeof(a));
		assert_memory_equal(&b, &rc[n - 1].sth, sizeof(b));
		proof_parse(json_object_get(o, "consistency_proof"), theirs, &ntheirs);
		if (!verify_consistency((uint64_t)m, (uint64_t)n, a.root, b.root,
		    (const unsigned char (*)[HASH])theirs, ntheirs))
			fail_msg("the consistency proof %" PRId64 " -> %" PRId64
			    " does not verify: %s", m, n, r->body);
		nmine = 0;
		subproof((size_t)m, (const unsigned char (*)[HASH])lh, (size_t)n, true,
		    mine, &nmine);
		assert_int_equal(ntheirs, nmine);
		assert_memory_equal(theirs, mine, nmine * HASH);
		/* Nor is this verifier vacuous. */
		if (m < n) {
			memcpy(bad, a.root, HASH);
			bad[0] ^= 1;
			assert_false(verify_consistency((uint64_t)m, (uint64_t)n, bad,
			    b.root, (const unsigned char (*)[HASH])theirs, ntheirs));
			assert_false(verify_consistency((uint64_t)m, (uint64_t)n, a.root,
			    a.root, (const unsigned char (*)[HASH])theirs, ntheirs));
		}
		resp_free(r);
	}
	/* Sizes without a head, or backwards, are refused. */
	r = api(s, "GET", "/api/v1/log/consistency?first=5&second=3", &w[0].c, NULL, NULL);
	assert_problem(r, 400);
	resp_free(r);
	r = api(s, "GET", "/api/v1/log/consistency?first=5&second=99", &w[0].c, NULL, NULL);
	assert_problem(r, 404);
	resp_free(r);

	for (i = 0; i < RV_N; i++)
		receipt_free(&rc[i]);
	free(rc);
	free(lh);
}

/* Is field named in the problem's errors array, and how often. */
static int
error_count(struct resp *r, const char *field)
{
	json_t	*errs = json_object_get(resp_json(r), "errors"), *e;
	size_t	 i;
	int	 n = 0;

	json_array_foreach(errs, i, e)
		if (strcmp(json_string_value(json_object_get(e, "field")), field) == 0)
			n++;
	return n;
}

static void
test_intake__bad_input_names_every_field(void **state)
{
	struct srv	*s = *state;
	struct who	 rita, tom;
	struct rcpt	 rc;
	struct resp	*r;
	char		*body, ids[200][48];
	size_t		 nlist, i;
	json_t		*errs, *e;
	static const char *const named[] = { "title", "kind", "bogus_member",
		"description", "discovered_at" };

	srv_init(s);
	person(s, "rita", "reporter", &rita);
	person(s, "tom", "triager", &tom);
	srv_start(s, NULL);
	body = report_json("A good one first", "fine");
	submit_ok(s, &rita.c, body, &rc);
	free(body);
	receipt_free(&rc);
	nlist = list_ids(s, &tom.c, ids, 200);
	assert_int_equal(nlist, 1);
	assert_int_equal(log_size(s), 1);

	r = submit(s, &rita.c, "{\"kind\":\"x\",\"product\":\"Router\","
	    "\"bogus_member\":true,\"description\":42,\"discovered_at\":\"2026-02-30\","
	    "\"credit\":\"alias\"}");
	assert_problem(r, 400);
	errs = json_object_get(resp_json(r), "errors");
	if (!json_is_array(errs))
		fail_msg("no errors array: %s", r->body);
	json_array_foreach(errs, i, e) {
		assert_true(json_is_string(json_object_get(e, "field")));
		assert_true(json_is_string(json_object_get(e, "detail")));
		assert_true(json_string_length(json_object_get(e, "detail")) > 0);
	}
	for (i = 0; i < sizeof(named) / sizeof(named[0]); i++)
		if (error_count(r, named[i]) != 1)
			fail_msg("'%s' is named %d times in: %s", named[i],
			    error_count(r, named[i]), r->body);
	/* The alias credit without an alias: the missing alias is the fault. */
	if (error_count(r, "credit_alias") + error_count(r, "credit") != 1)
		fail_msg("the alias credit without credit_alias is not named once: %s",
		    r->body);
	/* Nothing about the fields that were fine. */
	assert_int_equal(error_count(r, "product"), 0);
	resp_free(r);
	/* A control character, a bad credit, wrong types: each named. */
	r = submit(s, &rita.c, "{\"title\":\"a\\u0001b\",\"kind\":\"generic\","
	    "\"product\":\"P\",\"description\":\"d\",\"credit\":\"fame\","
	    "\"vendor_contacted\":\"yes\",\"attachments\":{}}");
	assert_problem(r, 400);
	assert_int_equal(error_count(r, "title"), 1);
	assert_int_equal(error_count(r, "credit"), 1);
	assert_int_equal(error_count(r, "vendor_contacted"), 1);
	assert_int_equal(error_count(r, "attachments"), 1);
	assert_int_equal(error_count(r, "description"), 0);
	resp_free(r);

	/* Not JSON by its Content-Type: 415, whatever the body. */
	body = report_json("Right body, wrong type", "x");
	{
		char	auth[200];

		snprintf(auth, sizeof(auth), "Authorization: Bearer %s", rita.c.bearer);
		r = http(s, "POST", "/api/v1/reports", body, "Content-Type: text/plain", auth,
		    NULL);
		assert_problem(r, 415);
		resp_free(r);
		r = http(s, "POST", "/api/v1/reports", body,
		    "Content-Type: application/x-www-form-urlencoded", auth, NULL);
		assert_problem(r, 415);
		resp_free(r);
		r = http(s, "POST", "/api/v1/reports", body, auth, NULL);
		assert_problem(r, 415);
		resp_free(r);
	}
	free(body);

	/* Malformed JSON, and JSON that is not an object. */
	r = submit(s, &rita.c, "{\"title\": \"cut short\", \"kind\": ");
	assert_problem(r, 400);
	resp_free(r);
	r = submit(s, &rita.c, "{\"title\":\"a\",\"title\":\"b\"}");
	assert_problem(r, 400);
	resp_free(r);
	r = submit(s, &rita.c, "[\"title\"]");
	assert_problem(r, 400);
	resp_free(r);
	r = submit(s, &rita.c, "");
	assert_problem(r, 400);
	resp_free(r);

	/* None of it was stored or logged. */
	nlist = list_ids(s, &tom.c, ids, 200);
	assert_int_equal(nlist, 1);
	assert_string_equal(ids[0], rc.id);
	assert_int_equal(log_size(s), 1);
}

/* A tiny PNG header: binary, with NUL bytes, that libmagic knows. */
static const unsigned char png[] = {
	0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
	0x00, 0x00, 0x00, 0x0d, 'I', 'H', 'D', 'R',
	0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00,
	0x90, 0x77, 0x53, 0xde,
	0x00, 0x00, 0x00, 0x00, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82,
	0x00, 0xff, 0x00, 0x00, 0x0d, 0x0a, 0x2d, 0x2d,	/* CRLF "--" in the data */
};

static void
test_intake__multipart_with_attachments(void **state)
{
	struct srv	*s = *state;
	struct who	 rita, tom;
	struct rcpt	 rc;
	struct resp	*r;
	struct buf	 b;
	unsigned char	 pk[crypto_sign_PUBLICKEYBYTES], big[2000];
	char		*json, want[2 * HASH + 1];
	const char	*text = "GET /cgi-bin/;id HTTP/1.1\r\nHost: router\r\n\r\n";
	json_t		*o, *files, *f;
	size_t		 i;
	int64_t		 size;
	struct part	 parts[3];

	srv_init(s);
	person(s, "rita", "reporter", &rita);
	person(s, "tom", "triager", &tom);
	srv_start(s, NULL);
	person_id(s, &rita);
	log_key(s, pk);

	json = report_json("Command injection via CGI", "See the attached request.");
	parts[0] = (struct part){ "report", NULL, "application/json", json, strlen(json) };
	parts[1] = (struct part){ "files[]", "request.txt", "text/plain", text, strlen(text) };
	parts[2] = (struct part){ "files[]", "crash.png", "application/octet-stream",
	    png, sizeof(png) };
	multipart(&b, parts, 3);
	r = post_multipart(s, &rita, &b);
	assert_status(r, 201);
	receipt_parse(resp_json(r), &rc);
	resp_free(r);
	/* The payload hash is of the whole multipart body as sent. */
	check_leaf(&rc, "api", rita.submitter, b.p, b.n);
	assert_true(receipt_ok(&rc, pk));
	free(b.p);

	r = getf(s, &rita.c, "/api/v1/reports/%s", rc.id);
	assert_status(r, 200);
	o = resp_json(r);
	assert_string_equal(json_string_value(json_object_get(o, "title")),
	    "Command injection via CGI");
	files = json_object_get(o, "attachments");
	assert_true(json_is_array(files));
	assert_int_equal(json_array_size(files), 2);
	f = json_array_get(files, 0);
	assert_string_equal(json_string_value(json_object_get(f, "filename")), "request.txt");
	assert_string_equal(json_string_value(json_object_get(f, "mime")), "text/plain");
	assert_int_equal(json_integer_value(json_object_get(f, "size")), strlen(text));
	sha256_hex(text, strlen(text), want);
	assert_string_equal(json_string_value(json_object_get(f, "sha256")), want);
	f = json_array_get(files, 1);
	assert_string_equal(json_string_value(json_object_get(f, "filename")), "crash.png");
	assert_string_equal(json_string_value(json_object_get(f, "mime")), "image/png");
	assert_int_equal(json_integer_value(json_object_get(f, "size")), sizeof(png));
	sha256_hex(png, sizeof(png), want);
	assert_string_equal(json_string_value(json_object_get(f, "sha256")), want);

	/* Each file comes back byte for byte, as a download, to owner and staff. */
	for (i = 0; i < 2; i++) {
		const void	*data = i == 0 ? (const void *)text : (const void *)png;
		size_t		 len = i == 0 ? strlen(text) : sizeof(png);
		json_int_t	 aid = json_integer_value(json_object_get(
				    json_array_get(files, i), "id"));
		struct resp	*d;
		const struct cred *who[2] = { &rita.c, &tom.c };
		size_t		 k;

		for (k = 0; k < 2; k++) {
			d = getf(s, who[k], "/api/v1/reports/%s/attachments/%" JSON_INTEGER_FORMAT,
			    rc.id, aid);
			assert_status(d, 200);
			assert_int_equal(d->len, len);
			assert_memory_equal(d->body, data, len);
			assert_non_null(resp_header(d, "Content-Disposition"));
			assert_true(strncmp(resp_header(d, "Content-Disposition"),
			    "attachment", 10) == 0);
			assert_string_equal(resp_header(d, "Content-Type"),
			    "application/octet-stream");
			assert_string_equal(resp_header(d, "X-Content-Type-Options"), "nosniff");
			resp_free(d);
		}
	}
	resp_free(r);
	r = getf(s, &rita.c, "/api/v1/reports/%s/attachments/999999", rc.id);
	assert_problem(r, 404);
	resp_free(r);
	{
		char	ids[200][48];

		assert_int_equal(list_ids(s, &rita.c, ids, 200), 1);
	}
	{
		struct resp *l = get_ok(s, &rita.c, "/api/v1/reports");

		assert_int_equal(json_integer_value(json_object_get(json_array_get(
		    json_object_get(resp_json(l), "items"), 0), "attachments")), 2);
		resp_free(l);
	}
	receipt_free(&rc);

	/* Files may also come inside the JSON, as base64. */
	{
		char		*b64 = b64_enc(png, sizeof(png));
		json_t		*jo, *fl;
		char		*jtext;
		struct resp	*d;
		json_int_t	 aid;

		jo = json_pack("{s:s, s:s, s:s, s:s, s:[{s:s, s:s}]}", "title", "Inline file",
		    "kind", "generic", "product", "P", "description", "d",
		    "attachments", "filename", "na\xc3\xafve \"q\";x.png", "content_base64", b64);
		assert_non_null(jo);
		jtext = json_dumps(jo, JSON_COMPACT);
		json_decref(jo);
		submit_ok(s, &rita.c, jtext, &rc);
		check_leaf(&rc, "api", rita.submitter, jtext, strlen(jtext));
		free(jtext);
		free(b64);
		r = getf(s, &rita.c, "/api/v1/reports/%s", rc.id);
		assert_status(r, 200);
		fl = json_array_get(json_object_get(resp_json(r), "attachments"), 0);
		assert_string_equal(json_string_value(json_object_get(fl, "mime")), "image/png");
		sha256_hex(png, sizeof(png), want);
		assert_string_equal(json_string_value(json_object_get(fl, "sha256")), want);
		aid = json_integer_value(json_object_get(fl, "id"));
		resp_free(r);
		d = getf(s, &rita.c, "/api/v1/reports/%s/attachments/%" JSON_INTEGER_FORMAT,
		    rc.id, aid);
		assert_status(d, 200);
		assert_int_equal(d->len, sizeof(png));
		assert_memory_equal(d->body, png, sizeof(png));
		/* The name cannot break out of the header. */
		assert_string_equal(resp_header(d, "Content-Disposition"),
		    "attachment; filename=\"attachment.bin\"; "
		    "filename*=UTF-8''na%C3%AFve%20%22q%22%3Bx.png");
		resp_free(d);
		receipt_free(&rc);
	}

	/* The limits come from the configuration and name "files". */
	srv_stop(s);
	srv_start(s, (const char *const[]){ "LOUDONG_INTAKE_ATTACHMENTS_MAX=1",
	    "LOUDONG_INTAKE_ATTACHMENT_MAX_BYTES=1024", NULL });
	size = log_size(s);
	multipart(&b, parts, 3);
	r = post_multipart(s, &rita, &b);
	assert_problem_field(r, 400, "files");
	resp_free(r);
	free(b.p);
	memset(big, 'B', sizeof(big));
	parts[1] = (struct part){ "files[]", "big.bin", NULL, big, sizeof(big) };
	multipart(&b, parts, 2);
	r = post_multipart(s, &rita, &b);
	assert_problem_field(r, 413, "files");
	resp_free(r);
	free(b.p);
	assert_int_equal(log_size(s), size);
	/* At the limits it goes through. */
	parts[1] = (struct part){ "files[]", "edge.bin", NULL, big, 1024 };
	multipart(&b, parts, 2);
	r = post_multipart(s, &rita, &b);
	assert_status(r, 201);
	resp_free(r);
	free(b.p);
	assert_int_equal(log_size(s), size + 1);
	free(json);
}

static void
test_intake__details_are_sealed_at_rest(void **state)
{
	struct srv	*s = *state;
	struct who	 rita;
	struct rcpt	 rc1, rc2;
	struct resp	*r;
	struct buf	 b;
	char		 secret[80], title[80], product[80], rnd[33], desc[256], file[256];
	char		 where[8][512], *json;
	size_t		 files = 0, n;
	json_t		*o;
	struct part	 parts[2];

	random_hex(rnd, 16);
	snprintf(secret, sizeof(secret), "SECRET-%s-MARK", rnd);
	random_hex(rnd, 16);
	snprintf(title, sizeof(title), "TITLE-%s", rnd);
	random_hex(rnd, 16);
	snprintf(product, sizeof(product), "PRODUCT-%s", rnd);
	snprintf(desc, sizeof(desc), "The undisclosed detail is %s, keep it quiet.", secret);
	snprintf(file, sizeof(file), "exploit payload: %s\n", secret);

	srv_init(s);
	person(s, "rita", "reporter", &rita);
	srv_start(s, NULL);

	/* JSON, with the marker in the sealed text fields. */
	o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "title", title, "kind", "generic",
	    "product", product, "description", desc, "reproduction", secret,
	    "impact", secret);
	json = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	submit_ok(s, &rita.c, json, &rc1);
	free(json);
	/* Multipart, with the marker in the description and in a file. */
	o = json_pack("{s:s, s:s, s:s, s:s}", "title", title, "kind", "generic",
	    "product", product, "description", desc);
	json = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	parts[0] = (struct part){ "report", NULL, NULL, json, strlen(json) };
	parts[1] = (struct part){ "files[]", "poc.txt", "text/plain", file, strlen(file) };
	multipart(&b, parts, 2);
	r = post_multipart(s, &rita, &b);
	assert_status(r, 201);
	receipt_parse(resp_json(r), &rc2);
	resp_free(r);
	free(b.p);
	free(json);

	/* The server itself still has it all. */
	r = getf(s, &rita.c, "/api/v1/reports/%s", rc1.id);
	assert_status(r, 200);
	assert_contains(r->body, desc);
	resp_free(r);
	r = getf(s, &rita.c, "/api/v1/reports/%s", rc2.id);
	assert_status(r, 200);
	{
		json_int_t aid = json_integer_value(json_object_get(json_array_get(
		    json_object_get(resp_json(r), "attachments"), 0), "id"));
		struct resp *d = getf(s, &rita.c, "/api/v1/reports/%s/attachments/%"
		    JSON_INTEGER_FORMAT, rc2.id, aid);

		assert_status(d, 200);
		assert_int_equal(d->len, strlen(file));
		assert_memory_equal(d->body, file, strlen(file));
		resp_free(d);
	}
	resp_free(r);

	/* At rest, nowhere under the data directory: while it runs (WAL)... */
	n = scan_tree(s->dir, secret, &files, where, 8);
	if (n > 0)
		fail_msg("the undisclosed detail is in plaintext in %zu file(s), e.g. %s",
		    n, where[0]);
	assert_true(scan_tree(s->dir, title, &files, where, 8) >= 1);
	/* ...and once it has stopped and checkpointed. */
	srv_stop(s);
	files = 0;
	n = scan_tree(s->dir, secret, &files, where, 8);
	if (n > 0)
		fail_msg("the undisclosed detail is in plaintext in %zu file(s), e.g. %s",
		    n, where[0]);
	/* The scan does see what is stored in the clear (title and product). */
	assert_true(files >= 2);
	n = scan_tree(s->dir, title, &files, where, 8);
	assert_true(n >= 1);
	assert_non_null(strstr(where[0], "loudong.db"));
	n = scan_tree(s->dir, product, &files, where, 8);
	assert_true(n >= 1);
	assert_non_null(strstr(where[0], "loudong.db"));
	receipt_free(&rc1);
	receipt_free(&rc2);
}

static void
test_intake__need_to_know(void **state)
{
	struct srv	*s = *state;
	struct who	 a, b, t;
	struct rcpt	 ra1, ra2, rb, rn;
	struct resp	*r, *nf;
	struct buf	 mp;
	unsigned char	 pk[crypto_sign_PUBLICKEYBYTES];
	char		*json, ids[200][48];
	json_int_t	 bfile;
	int64_t		 size;
	size_t		 n;
	struct part	 parts[2];

	srv_init(s);
	person(s, "alice", "reporter", &a);
	person(s, "bert", "reporter", &b);
	person(s, "tess", "triager", &t);
	srv_start(s, NULL);
	person_id(s, &a);
	person_id(s, &b);
	log_key(s, pk);

	json = report_json("Alice's first", "a1");
	submit_ok(s, &a.c, json, &ra1);
	free(json);
	json = report_json("Bert's only", "bert's secret details");
	parts[0] = (struct part){ "report", NULL, NULL, json, strlen(json) };
	parts[1] = (struct part){ "files[]", "b.bin", NULL, png, sizeof(png) };
	multipart(&mp, parts, 2);
	r = post_multipart(s, &b, &mp);
	assert_status(r, 201);
	receipt_parse(resp_json(r), &rb);
	resp_free(r);
	free(mp.p);
	free(json);
	json = report_json("Alice's second", "a2");
	submit_ok(s, &a.c, json, &ra2);
	free(json);
	size = log_size(s);
	assert_int_equal(size, 3);

	/* Bert's attachment id, as Bert sees it. */
	r = getf(s, &b.c, "/api/v1/reports/%s", rb.id);
	assert_status(r, 200);
	bfile = json_integer_value(json_object_get(json_array_get(json_object_get(
	    resp_json(r), "attachments"), 0), "id"));
	assert_true(bfile > 0);
	resp_free(r);

	/* Alice cannot tell Bert's report from one that does not exist. */
	nf = getf(s, &a.c, "/api/v1/reports/LD-2026-999999");
	assert_problem(nf, 404);
	r = getf(s, &a.c, "/api/v1/reports/%s", rb.id);
	assert_problem(r, 404);
	assert_string_equal(resp_jstr(r, "type"), resp_jstr(nf, "type"));
	assert_string_equal(resp_jstr(r, "title"), resp_jstr(nf, "title"));
	assert_string_equal(resp_jstr(r, "detail"), resp_jstr(nf, "detail"));
	assert_not_contains(r->body, "Bert");
	assert_not_contains(r->body, "secret");
	resp_free(r);
	resp_free(nf);
	r = getf(s, &a.c, "/api/v1/reports/%s/attachments/%" JSON_INTEGER_FORMAT, rb.id,
	    bfile);
	assert_problem(r, 404);
	assert_not_contains(r->body, "PNG");
	resp_free(r);
	r = getf(s, &a.c, "/api/v1/log/proof?index=%" PRId64 "&tree_size=%" PRId64,
	    rb.idx, size);
	assert_problem(r, 404);
	assert_not_contains(r->body, rb.id);
	resp_free(r);
	/* Her own leaves she may prove. */
	r = getf(s, &a.c, "/api/v1/log/proof?index=%" PRId64 "&tree_size=%" PRId64,
	    ra1.idx, size);
	assert_status(r, 200);
	resp_free(r);

	/* Each lists only their own. */
	n = list_ids(s, &a.c, ids, 200);
	assert_int_equal(n, 2);
	assert_true(has_id(ids, n, ra1.id));
	assert_true(has_id(ids, n, ra2.id));
	n = list_ids(s, &b.c, ids, 200);
	assert_int_equal(n, 1);
	assert_string_equal(ids[0], rb.id);
	r = get_ok(s, &a.c, "/api/v1/reports");
	assert_not_contains(r->body, rb.id);
	assert_not_contains(r->body, "bert");
	resp_free(r);

	/* Staff see everything: the list, the details, the files, the proofs. */
	n = list_ids(s, &t.c, ids, 200);
	assert_int_equal(n, 3);
	assert_true(has_id(ids, n, rb.id));
	r = getf(s, &t.c, "/api/v1/reports/%s", rb.id);
	assert_status(r, 200);
	assert_string_equal(json_string_value(json_object_get(json_object_get(resp_json(r),
	    "details"), "description")), "bert's secret details");
	assert_string_equal(json_string_value(json_object_get(resp_json(r), "reporter")),
	    "bert");
	resp_free(r);
	r = getf(s, &t.c, "/api/v1/reports/%s/attachments/%" JSON_INTEGER_FORMAT, rb.id,
	    bfile);
	assert_status(r, 200);
	assert_int_equal(r->len, sizeof(png));
	resp_free(r);
	r = getf(s, &t.c, "/api/v1/log/proof?index=%" PRId64 "&tree_size=%" PRId64,
	    rb.idx, size);
	assert_status(r, 200);
	resp_free(r);

	/* Without an account: the key and heads are public, nothing else. */
	r = http(s, "GET", "/api/v1/log/key", NULL, NULL);
	assert_status(r, 200);
	resp_free(r);
	r = http(s, "GET", "/api/v1/log/sth", NULL, NULL);
	assert_status(r, 200);
	resp_free(r);
	r = getf(s, NULL, "/api/v1/log/proof?index=0&tree_size=%" PRId64, size);
	assert_problem(r, 401);
	resp_free(r);
	r = getf(s, NULL, "/api/v1/log/consistency?first=1&second=%" PRId64, size);
	assert_problem(r, 401);
	resp_free(r);
	r = getf(s, NULL, "/api/v1/reports");
	assert_problem(r, 401);
	resp_free(r);
	r = getf(s, NULL, "/api/v1/reports/%s", ra1.id);
	assert_problem(r, 401);
	resp_free(r);

	/* Anonymous submission is off by default. */
	json = report_json("From nobody", "anonymous tip");
	r = submit(s, NULL, json);
	assert_problem(r, 403);
	resp_free(r);
	assert_int_equal(log_size(s), size);

	/* Switched on, it is logged as "anonymous". */
	srv_stop(s);
	srv_start(s, (const char *const[]){ "LOUDONG_INTAKE_ALLOW_ANONYMOUS=true", NULL });
	submit_ok(s, NULL, json, &rn);
	check_leaf(&rn, "api", "anonymous", json, strlen(json));
	assert_true(receipt_ok(&rn, pk));
	assert_int_equal(rn.idx, size);
	r = getf(s, NULL, "/api/v1/reports/%s", rn.id);
	assert_problem(r, 401);
	resp_free(r);
	/* No reporter has it; staff do. */
	r = getf(s, &a.c, "/api/v1/reports/%s", rn.id);
	assert_problem(r, 404);
	resp_free(r);
	r = getf(s, &t.c, "/api/v1/reports/%s", rn.id);
	assert_status(r, 200);
	assert_true(json_is_null(json_object_get(resp_json(r), "reporter")));
	resp_free(r);
	free(json);
	receipt_free(&ra1);
	receipt_free(&ra2);
	receipt_free(&rb);
	receipt_free(&rn);
}

/*
 * Following next_cursor from the first page reaches every report exactly
 * once and ends with a null cursor, also when a page ends at leaf 0.
 */
static void
test_intake__list_pages_to_the_end(void **state)
{
	struct srv	*s = *state;
	struct who	 rita, tom;
	struct rcpt	 rc;
	const struct cred *who[2];
	char		*json, seen[8][48], cursor[32];
	size_t		 i, k, n, pages;

	srv_init(s);
	person(s, "rita", "reporter", &rita);
	person(s, "tom", "triager", &tom);
	srv_start(s, NULL);
	who[0] = &rita.c;
	who[1] = &tom.c;
	for (i = 0; i < 4; i++) {
		json = report_json("One of four", "x");
		submit_ok(s, &rita.c, json, &rc);
		free(json);
		receipt_free(&rc);
	}
	for (k = 0; k < 2; k++) {
		cursor[0] = '\0';
		n = 0;
		for (pages = 0; pages < 10; pages++) {
			struct resp	*r;
			json_t		*items, *it, *next;
			size_t		 j;

			if (cursor[0] == '\0')
				r = getf(s, who[k], "/api/v1/reports?limit=2");
			else
				r = getf(s, who[k], "/api/v1/reports?limit=2&cursor=%s", cursor);
			if (r->status != 200)
				fail_msg("page %zu (cursor '%s') answered %ld: %s", pages + 1,
				    cursor, r->status, r->body);
			items = json_object_get(resp_json(r), "items");
			assert_true(json_is_array(items));
			json_array_foreach(items, j, it) {
				const char *id = json_string_value(json_object_get(it, "id"));

				assert_true(n < 8);
				assert_false(has_id(seen, n, id));
				snprintf(seen[n++], 48, "%s", id);
			}
			next = json_object_get(resp_json(r), "next_cursor");
			if (json_is_null(next)) {
				resp_free(r);
				break;
			}
			assert_true(json_is_string(next));
			snprintf(cursor, sizeof(cursor), "%s", json_string_value(next));
			resp_free(r);
		}
		assert_int_equal(n, 4);
	}
}

/* Durability: 300 concurrent submissions, kill -9 half way */

#define DUR_TOTAL	300
#define DUR_INFLIGHT	32
#define DUR_PEOPLE	4
#define DUR_KILL_AFTER	150

struct dur {
	struct srv	*s;
	char		*body[DUR_TOTAL];
	struct rcpt	*rc;		/* [DUR_TOTAL] */
	bool		 ok[DUR_TOTAL];	/* answered 201 with a whole receipt */
	size_t		 finished;
	size_t		 nok;
	bool		 killed;
};

static void
dur_done(size_t i, struct resp *r, void *arg)
{
	struct dur	*d = arg;

	/* Until the crash, every single one is accepted. */
	if (!d->killed && (r->cc != 0 || r->status != 201))
		fail_msg("submission %zu before the kill: HTTP %ld (curl: %s): %.500s",
		    i, r->status, r->cc ? r->error : "ok", r->body);
	/* After it, whatever got a whole 201 is recorded; the rest just failed. */
	if (r->cc == 0 && r->status == 201) {
		receipt_parse(resp_json(r), &d->rc[i]);
		d->ok[i] = true;
		d->nok++;
	}
	resp_free(r);
	if (++d->finished == DUR_KILL_AFTER && !d->killed) {
		srv_kill(d->s);
		d->killed = true;
	}
}

/* `loudong log verify` exits 0 and says ok; its output into out. */
static void
log_verify_ok(struct srv *s, char *out, size_t outsz)
{
	int	rc;

	rc = srv_cli(s, NULL, out, outsz, (const char *const[]){ "log", "verify",
	    "--data-dir", s->dir, NULL });
	if (rc != 0)
		fail_msg("'loudong log verify' exited %d: %s", rc, out);
	assert_non_null(strstr(out, "ok:"));
}

static void
test_intake__durable_across_kill_9(void **state)
{
	struct srv	*s = *state;
	struct who	 w[DUR_PEOPLE], tom;
	struct dur	*d;
	struct http_req	*rqs;
	struct sth	 cur, got;
	struct rcpt	 more;
	unsigned char	 pk[crypto_sign_PUBLICKEYBYTES], pk2[crypto_sign_PUBLICKEYBYTES];
	unsigned char	 lh[HASH], proof[MAX_PROOF][HASH];
	char		 auth[DUR_PEOPLE][200], title[64], *json, out[4096];
	const char	*hdrs[DUR_PEOPLE][3];
	const char	*maxid;
	size_t		 i, j, np;
	long		 maxseq;
	struct resp	*r;

	srv_init(s);
	for (i = 0; i < DUR_PEOPLE; i++) {
		char	login[16];

		snprintf(login, sizeof(login), "rep%zu", i);
		person(s, login, "reporter", &w[i]);
	}
	person(s, "tom", "triager", &tom);
	srv_start(s, (const char *const[]){ "LOUDONG_SERVER_THREADS=8", NULL });
	for (i = 0; i < DUR_PEOPLE; i++)
		person_id(s, &w[i]);
	log_key(s, pk);

	d = calloc(1, sizeof(*d));
	assert_non_null(d);
	d->rc = calloc(DUR_TOTAL, sizeof(*d->rc));
	rqs = calloc(DUR_TOTAL, sizeof(*rqs));
	assert_non_null(d->rc);
	assert_non_null(rqs);
	d->s = s;
	for (i = 0; i < DUR_PEOPLE; i++) {
		snprintf(auth[i], sizeof(auth[i]), "Authorization: Bearer %s", w[i].c.bearer);
		hdrs[i][0] = "Content-Type: application/json";
		hdrs[i][1] = auth[i];
		hdrs[i][2] = NULL;
	}
	for (i = 0; i < DUR_TOTAL; i++) {
		snprintf(title, sizeof(title), "Concurrent report %zu", i);
		d->body[i] = report_json(title, "submitted while the server is killed");
		rqs[i] = (struct http_req){ "POST", "/api/v1/reports", hdrs[i % DUR_PEOPLE],
		    d->body[i], strlen(d->body[i]), 0, 60 };
	}
	http_pool(s, rqs, DUR_TOTAL, DUR_INFLIGHT, dur_done, d);
	assert_true(d->killed);
	assert_true(d->nok >= DUR_KILL_AFTER);
	assert_true(d->nok < DUR_TOTAL);
	print_message("durability: %zu of %d submissions answered 201 before and "
	    "around the kill\n", d->nok, DUR_TOTAL);

	/* Ids and leaves are unique among what was acknowledged. */
	for (i = 0; i < DUR_TOTAL; i++)
		for (j = i + 1; d->ok[i] && j < DUR_TOTAL; j++)
			if (d->ok[j]) {
				assert_string_not_equal(d->rc[i].id, d->rc[j].id);
				assert_true(d->rc[i].idx != d->rc[j].idx);
			}

	/* The log is whole right after the crash, and again once serving. */
	log_verify_ok(s, out, sizeof(out));
	srv_start(s, NULL);
	log_key(s, pk2);
	assert_memory_equal(pk, pk2, sizeof(pk));
	log_sth(s, 0, &cur);
	assert_true(sth_signed(&cur, pk));
	assert_true(cur.size >= (int64_t)d->nok);

	for (i = 0; i < DUR_TOTAL; i++) {
		struct rcpt	*rc = &d->rc[i];
		const struct who *o = &w[i % DUR_PEOPLE];
		json_t		*js;

		if (!d->ok[i])
			continue;
		check_leaf(rc, "api", o->submitter, d->body[i], strlen(d->body[i]));
		/* Its own head and path, as issued before the crash. */
		if (!receipt_ok(rc, pk))
			fail_msg("the receipt of %s does not verify", rc->id);
		assert_true(rc->sth.size <= cur.size);
		/*
		 * Issued with the head of the batch its leaf was committed in
		 * (group commit: one signed head per batch), which covers it...
		 */
		assert_true(rc->sth.size > rc->idx);
		/* ...which is the head the log still keeps for that size. */
		log_sth(s, rc->sth.size, &got);
		if (memcmp(&got, &rc->sth, sizeof(got)) != 0)
			fail_msg("the head of size %" PRId64 " changed across the crash",
			    rc->sth.size);
		/* Still there for its reporter. */
		r = getf(s, &o->c, "/api/v1/reports/%s", rc->id);
		assert_status(r, 200);
		assert_string_equal(resp_jstr(r, "id"), rc->id);
		assert_int_equal(json_integer_value(json_object_get(resp_json(r),
		    "leaf_index")), rc->idx);
		resp_free(r);
		/* In the new head, by a fresh proof. */
		r = getf(s, &o->c, "/api/v1/log/proof?index=%" PRId64 "&tree_size=%" PRId64,
		    rc->idx, cur.size);
		assert_status(r, 200);
		js = resp_json(r);
		sth_parse(json_object_get(js, "sth"), &got);
		assert_memory_equal(&got, &cur, sizeof(got));
		{
			unsigned char	leaf[512];
			long		n = b64_dec(json_string_value(json_object_get(js,
					    "leaf")), leaf, sizeof(leaf));

			assert_int_equal(n, rc->leaf_len);
			assert_memory_equal(leaf, rc->leaf, rc->leaf_len);
		}
		proof_parse(json_object_get(js, "inclusion_proof"), proof, &np);
		leaf_hash(rc->leaf, rc->leaf_len, lh);
		if (!verify_inclusion(lh, (uint64_t)rc->idx, (uint64_t)cur.size,
		    (const unsigned char (*)[HASH])proof, np, cur.root))
			fail_msg("%s (leaf %" PRId64 ") is not in the head of size %" PRId64,
			    rc->id, rc->idx, cur.size);
		resp_free(r);
		/* And the head it was issued under is a prefix of the new one. */
		r = getf(s, &tom.c, "/api/v1/log/consistency?first=%" PRId64 "&second=%"
		    PRId64, rc->sth.size, cur.size);
		assert_status(r, 200);
		proof_parse(json_object_get(resp_json(r), "consistency_proof"), proof, &np);
		if (!verify_consistency((uint64_t)rc->sth.size, (uint64_t)cur.size,
		    rc->sth.root, cur.root, (const unsigned char (*)[HASH])proof, np))
			fail_msg("the head of size %" PRId64 " is not a prefix of the head "
			    "of size %" PRId64 " after the restart", rc->sth.size, cur.size);
		resp_free(r);
	}

	/* Numbering goes on after the highest id ever given, never reusing one. */
	r = get_ok(s, &tom.c, "/api/v1/reports?limit=1");
	maxid = json_string_value(json_object_get(json_array_get(json_object_get(
	    resp_json(r), "items"), 0), "id"));
	assert_true(is_report_id(maxid));
	maxseq = id_seq(maxid);
	print_message("durability: after the restart the log has %" PRId64 " leaves, "
	    "the highest id is %s\n", cur.size, maxid);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(
	    json_object_get(resp_json(r), "items"), 0), "leaf_index")), cur.size - 1);
	resp_free(r);
	for (i = 0; i < DUR_TOTAL; i++)
		if (d->ok[i])
			assert_true(id_seq(d->rc[i].id) <= maxseq);
	for (i = 0; i < 5; i++) {
		snprintf(title, sizeof(title), "After the restart %zu", i);
		json = report_json(title, "later");
		submit_ok(s, &w[0].c, json, &more);
		free(json);
		assert_int_equal(id_seq(more.id), maxseq + 1 + (long)i);
		assert_int_equal(more.idx, cur.size + (int64_t)i);
		assert_true(receipt_ok(&more, pk));
		for (j = 0; j < DUR_TOTAL; j++)
			if (d->ok[j])
				assert_string_not_equal(d->rc[j].id, more.id);
		receipt_free(&more);
	}
	log_verify_ok(s, out, sizeof(out));

	for (i = 0; i < DUR_TOTAL; i++) {
		receipt_free(&d->rc[i]);
		free(d->body[i]);
	}
	free(d->rc);
	free(d);
	free(rqs);
}

static void
test_intake__cli_receipt_verify_and_purge(void **state)
{
	struct srv	*s = *state;
	struct who	 rita;
	struct rcpt	 rc;
	struct resp	*r = NULL, *k;
	char		 rpath[128], kpath[128], out[4096], today[16], *json, *text, *leaf64;
	char		*b64key;
	unsigned char	 pk[crypto_sign_PUBLICKEYBYTES], *leaf;
	json_t		*doc;
	size_t		 i;
	int		 st;
	time_t		 now = time(NULL);
	struct tm	 tm;

	srv_init(s);
	person(s, "rita", "reporter", &rita);
	srv_start(s, NULL);
	log_key(s, pk);
	for (i = 0; i < 5; i++) {
		json = report_json("For the CLI", "x");
		if (r != NULL)
			resp_free(r);
		r = submit(s, &rita.c, json);
		assert_status(r, 201);
		free(json);
	}
	receipt_parse(resp_json(r), &rc);
	assert_int_equal(rc.idx, 4);
	assert_int_equal(rc.sth.size, 5);
	snprintf(rpath, sizeof(rpath), "%s/receipt.json", s->dir);
	snprintf(kpath, sizeof(kpath), "%s/key.json", s->dir);
	write_file(rpath, r->body, r->len);
	k = http(s, "GET", "/api/v1/log/key", NULL, NULL);
	assert_status(k, 200);
	write_file(kpath, k->body, k->len);
	resp_free(k);

#define RECEIPT_VERIFY(key) srv_cli(s, NULL, out, sizeof(out), (const char *const[]){ \
	    "receipt", "verify", rpath, "--key", (key), NULL })

	/* The saved 201 body verifies, with the key as JSON file or as base64. */
	st = RECEIPT_VERIFY(kpath);
	if (st != 0)
		fail_msg("receipt verify exited %d: %s", st, out);
	b64key = b64_enc(pk, sizeof(pk));
	assert_int_equal(RECEIPT_VERIFY(b64key), 0);

	/* One character of the leaf changed (and re-encoded): refused. */
	leaf = malloc(rc.leaf_len + 1);
	assert_non_null(leaf);
	memcpy(leaf, rc.leaf, rc.leaf_len);
	leaf[rc.leaf_len - 4] = leaf[rc.leaf_len - 4] == 'a' ? 'b' : 'a';	/* in the hash */
	leaf64 = b64_enc(leaf, rc.leaf_len);
	doc = json_loadb(r->body, r->len, 0, NULL);
	assert_non_null(doc);
	json_object_set_new(json_object_get(doc, "receipt"), "leaf", json_string(leaf64));
	text = json_dumps(doc, JSON_COMPACT);
	write_file(rpath, text, strlen(text));
	free(text);
	assert_int_equal(RECEIPT_VERIFY(kpath), 1);
	json_decref(doc);
	free(leaf64);
	free(leaf);

	/* Another leaf index in the same tree: refused. */
	doc = json_loadb(r->body, r->len, 0, NULL);
	json_object_set_new(json_object_get(doc, "receipt"), "leaf_index", json_integer(3));
	text = json_dumps(doc, JSON_COMPACT);
	write_file(rpath, text, strlen(text));
	free(text);
	assert_int_equal(RECEIPT_VERIFY(kpath), 1);
	json_decref(doc);

	/* The right receipt under another key: refused. */
	write_file(rpath, r->body, r->len);
	{
		unsigned char	other[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
		char		*o64;

		crypto_sign_keypair(other, sk);
		o64 = b64_enc(other, sizeof(other));
		assert_int_equal(RECEIPT_VERIFY(o64), 1);
		free(o64);
	}
	assert_int_equal(RECEIPT_VERIFY(kpath), 0);
#undef RECEIPT_VERIFY
	free(b64key);
	resp_free(r);
	receipt_free(&rc);

	/* Purging younger than the retention period is refused; older is fine. */
	srv_stop(s);
	assert_non_null(gmtime_r(&now, &tm));
	assert_true(strftime(today, sizeof(today), "%Y-%m-%d", &tm) == 10);
	st = srv_cli(s, NULL, out, sizeof(out), (const char *const[]){ "log", "purge",
	    "--data-dir", s->dir, "--before", today, NULL });
	assert_true(st != 0);
	log_verify_ok(s, out, sizeof(out));
	assert_non_null(strstr(out, "ok: 5 leaves (0 purged"));
	st = srv_cli(s, NULL, out, sizeof(out), (const char *const[]){ "log", "purge",
	    "--data-dir", s->dir, "--before", "2000-01-01", NULL });
	if (st != 0)
		fail_msg("'log purge --before 2000-01-01' exited %d: %s", st, out);
	log_verify_ok(s, out, sizeof(out));
	assert_non_null(strstr(out, "ok: 5 leaves"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn)	cmocka_unit_test_setup_teardown(fn, srv_setup, srv_teardown)
		T(test_intake__sha256_known_answers),
		T(test_intake__submit_returns_a_receipt),
		T(test_intake__receipts_verify_independently),
		T(test_intake__bad_input_names_every_field),
		T(test_intake__multipart_with_attachments),
		T(test_intake__details_are_sealed_at_rest),
		T(test_intake__need_to_know),
		T(test_intake__list_pages_to_the_end),
		T(test_intake__durable_across_kill_9),
		T(test_intake__cli_receipt_verify_and_purge),
#undef T
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
