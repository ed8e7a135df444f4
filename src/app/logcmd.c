/*
 * The receipt log from the command line: `log verify` recomputes the whole
 * log from its leaves and checks every signed head; `log purge` drops leaf
 * content past the retention period (keeping the hashes); `receipt verify`
 * checks a saved receipt offline, with nothing but the public key.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "app/app.h"
#include "app/app_int.h"
#include "core/arena.h"
#include "core/config.h"
#include "core/parse.h"
#include "crypto/crypto.h"
#include "receipts/merkle.h"
#include "receipts/receipt.h"
#include "store/store.h"

/* Leaves read per batch while verifying. */
#define VERIFY_BATCH	1024

/*
 * The right edge of the tree while leaves are added in order: complete
 * subtrees of decreasing size.  The root of what was added so far is their
 * fold from the right (RFC 9162's split at the largest power of two).
 */
struct frontier {
	unsigned char	hash[65][MERKLE_HASH];
	unsigned	level[65];
	int		n;
};

/* Add a leaf hash; report each completed node to check. */
static int
frontier_add(struct frontier *f, uint64_t idx, const unsigned char h[MERKLE_HASH],
    struct store *st, char *err, size_t errsz)
{
	unsigned char	stored[MERKLE_HASH];
	uint64_t	pos = idx;

	memcpy(f->hash[f->n], h, MERKLE_HASH);
	f->level[f->n++] = 0;
	for (;;) {
		unsigned lvl = f->level[f->n - 1];

		/* Each completed node must be what the store will serve proofs from. */
		if (store_log_node(st, lvl, (int64_t)(pos >> lvl), stored) != APP_OK ||
		    memcmp(stored, f->hash[f->n - 1], MERKLE_HASH) != 0) {
			snprintf(err, errsz, "tree node (level %u, index %" PRIu64 ") is "
			    "missing or differs from its leaves", lvl, pos >> lvl);
			return -1;
		}
		if (f->n < 2 || f->level[f->n - 2] != lvl)
			break;
		merkle_node_hash(f->hash[f->n - 2], f->hash[f->n - 1], f->hash[f->n - 2]);
		f->level[f->n - 2] = lvl + 1;
		f->n--;
	}
	return 0;
}

static void
frontier_root(const struct frontier *f, unsigned char out[MERKLE_HASH])
{
	int	i;

	if (f->n == 0) {
		crypto_sha256(out, NULL, 0, NULL, 0, NULL, 0);
		return;
	}
	memcpy(out, f->hash[f->n - 1], MERKLE_HASH);
	for (i = f->n - 2; i >= 0; i--)
		merkle_node_hash(f->hash[i], out, out);
}

static int
check_sth(const struct log_sth *s, const unsigned char root[MERKLE_HASH],
    const unsigned char pk[CRYPTO_SIGN_PUBLIC], char *err, size_t errsz)
{
	char	m[RECEIPT_STH_MSG_MAX];
	size_t	mlen;

	if (memcmp(s->root, root, MERKLE_HASH) != 0) {
		snprintf(err, errsz, "the signed head of tree size %" PRId64 " has a root "
		    "that the leaves do not give", s->tree_size);
		return -1;
	}
	mlen = receipt_sth_message(m, (uint64_t)s->tree_size, s->timestamp, s->root);
	if (crypto_sign_verify(pk, m, mlen, s->signature) != 0) {
		snprintf(err, errsz, "the signature of the head of tree size %" PRId64
		    " does not verify with this instance's key", s->tree_size);
		return -1;
	}
	return 0;
}

static int
verify(struct store *st, const struct keyring *keys, char *err, size_t errsz,
    int64_t *nleaves, int64_t *nsth, int64_t *npurged)
{
	struct arena		*a = NULL, *sa = NULL;
	struct frontier		*f;
	struct log_leaf		*leaves;
	struct log_sth		*sths = NULL;
	unsigned char		 pk[CRYPTO_SIGN_PUBLIC], root[MERKLE_HASH], h[MERKLE_HASH];
	size_t			 n, i, nsths = 0, si = 0;
	int64_t			 next = 0, after = 0, unmatched = 0, reports = 0;
	int			 rc = -1;

	crypto_keys_public(keys, pk);
	f = calloc(1, sizeof(*f));
	if (f == NULL)
		return -1;
	for (;;) {
		arena_free(a);
		a = arena_new();
		if (store_log_leaves(st, a, next, VERIFY_BATCH, &leaves, &n) != APP_OK) {
			snprintf(err, errsz, "cannot read the log");
			goto out;
		}
		if (n == 0)
			break;
		for (i = 0; i < n; i++) {
			const struct log_leaf *l = &leaves[i];

			if (l->idx != next) {
				snprintf(err, errsz, "leaf %" PRId64 " is missing", next);
				goto out;
			}
			if (l->leaf != NULL) {
				merkle_leaf_hash(l->leaf, l->leaf_len, h);
				if (memcmp(h, l->hash, MERKLE_HASH) != 0) {
					snprintf(err, errsz, "leaf %" PRId64 " does not match "
					    "its hash (altered?)", l->idx);
					goto out;
				}
			} else
				(*npurged)++;
			if (frontier_add(f, (uint64_t)l->idx, l->hash, st, err, errsz) != 0)
				goto out;
			next++;
			/* Check every signed head whose size we have just reached. */
			for (;;) {
				if (si == nsths) {
					/* Heads live in their own arena: they outlast a leaf batch. */
					arena_free(sa);
					sa = arena_new();
					if (store_log_sths(st, sa, after, VERIFY_BATCH, &sths,
					    &nsths) != APP_OK) {
						snprintf(err, errsz, "cannot read the signed heads");
						goto out;
					}
					si = 0;
					if (nsths == 0)
						break;
				}
				if (sths[si].tree_size > next)
					break;
				if (sths[si].tree_size < next) {
					snprintf(err, errsz, "signed head of size %" PRId64
					    " is out of order", sths[si].tree_size);
					goto out;
				}
				frontier_root(f, root);
				if (check_sth(&sths[si], root, pk, err, errsz) != 0)
					goto out;
				after = sths[si].tree_size;
				si++;
				(*nsth)++;
			}
		}
	}
	*nleaves = next;
	/* A head for a size the leaves never reached is a lie about the log. */
	if (si < nsths || (store_log_sths(st, a, after, 1, &sths, &nsths) == APP_OK &&
	    nsths > 0)) {
		snprintf(err, errsz, "a signed head claims more leaves than the log has");
		goto out;
	}
	if (store_log_unmatched_reports(st, &unmatched) != APP_OK ||
	    store_report_count(st, &reports) != APP_OK) {
		snprintf(err, errsz, "cannot read the reports");
		goto out;
	}
	if (unmatched > 0) {
		snprintf(err, errsz, "%" PRId64 " report(s) have no leaf of their own", unmatched);
		goto out;
	}
	if (reports > next) {
		snprintf(err, errsz, "there are more reports (%" PRId64 ") than leaves", reports);
		goto out;
	}
	rc = 0;
out:
	arena_free(a);
	arena_free(sa);
	free(f);
	return rc;
}

int
app_log_verify(const char *data_dir)
{
	struct config	 cfg;
	struct store	*st = NULL;
	struct keyring	*keys = NULL;
	char		 err[512];
	int64_t		 nleaves = 0, nsth = 0, npurged = 0;
	int		 rc = 1;

	if (app_load_config(data_dir, true, &cfg) != 0)
		return 1;
	if ((keys = crypto_keys_load(data_dir, err, sizeof(err))) == NULL) {
		fprintf(stderr, "loudong: %s\n", err);
		return 1;
	}
	if ((st = app_open_store(&cfg)) == NULL)
		goto out;
	if (verify(st, keys, err, sizeof(err), &nleaves, &nsth, &npurged) != 0) {
		fprintf(stderr, "loudong: log verify failed: %s\n", err);
		goto out;
	}
	printf("ok: %" PRId64 " leaves (%" PRId64 " purged, hashes kept), %" PRId64
	    " signed tree heads, every report has its leaf\n", nleaves, npurged, nsth);
	rc = 0;
out:
	store_close(st);
	crypto_keys_free(keys);
	return rc;
}

/* "YYYY-MM-DD" as 00:00 UTC of that day; -1 if malformed. */
static int
parse_date(const char *s, int64_t *out)
{
	int64_t	y, m, d;
	int64_t	days;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    parse_i64(s, 4, 1970, 9999, &y) != 0)
		return -1;
	if (s[5] < '0' || s[5] > '9' || s[6] < '0' || s[6] > '9' ||
	    s[8] < '0' || s[8] > '9' || s[9] < '0' || s[9] > '9')
		return -1;
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	/* Days from the civil date (Howard Hinnant's algorithm). */
	y -= m <= 2;
	{
		int64_t	era = y / 400;
		int64_t	yoe = y - era * 400;
		int64_t	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
		int64_t	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

		days = era * 146097 + doe - 719468;
	}
	*out = days * 86400;
	return 0;
}

int
app_log_purge(const char *data_dir, const char *before)
{
	struct config	 cfg;
	struct store	*st = NULL;
	int64_t		 cutoff, now = (int64_t)time(NULL), limit, n = 0;
	int		 rc = 1;

	if (parse_date(before, &cutoff) != 0) {
		fprintf(stderr, "loudong: --before must be a date written YYYY-MM-DD\n");
		return 2;
	}
	if (app_load_config(data_dir, true, &cfg) != 0)
		return 1;
	/* Art. 5: at least six months; the configuration may only lengthen it. */
	limit = now - (int64_t)cfg.retention_days * 86400;
	if (cutoff > limit) {
		fprintf(stderr, "loudong: refusing to purge entries younger than %d days "
		    "([receipts] retention_days; Art. 5 requires at least 6 months): "
		    "--before must be on or before the date %d days ago\n",
		    cfg.retention_days, cfg.retention_days);
		return 1;
	}
	if ((st = app_open_store(&cfg)) == NULL)
		return 1;
	if (store_begin(st) != APP_OK)
		goto out;
	if (store_log_purge(st, cutoff, now, &n) != APP_OK ||
	    store_audit_add(st, 0, "log.purge", "log", before, "", now) != APP_OK ||
	    store_commit(st) != APP_OK) {
		store_rollback(st);
		fprintf(stderr, "loudong: the purge failed; nothing was changed\n");
		goto out;
	}
	printf("purged the content of %" PRId64 " leaves received before %s; "
	    "their hashes stay in the log\n", n, before);
	rc = 0;
out:
	store_close(st);
	return rc;
}

/* Decode a base64 member of o into out (exactly want bytes unless want is 0). */
static int
b64_member(json_t *o, const char *key, unsigned char *out, size_t outsz,
    size_t want, size_t *got)
{
	json_t	*v = json_object_get(o, key);
	int	 n;

	if (!json_is_string(v))
		return -1;
	n = crypto_b64_decode(out, outsz, json_string_value(v), json_string_length(v));
	if (n < 0 || (want != 0 && (size_t)n != want))
		return -1;
	if (got != NULL)
		*got = (size_t)n;
	return 0;
}

/* KEY: base64 of the 32-byte key, or a file holding it or /api/v1/log/key's JSON. */
static int
load_key(const char *arg, unsigned char pk[CRYPTO_SIGN_PUBLIC])
{
	json_t		*j;
	json_error_t	 jerr;
	char		 buf[256];
	FILE		*fp;
	size_t		 n;

	if (crypto_b64_decode(pk, CRYPTO_SIGN_PUBLIC, arg, strlen(arg)) == CRYPTO_SIGN_PUBLIC)
		return 0;
	if ((fp = fopen(arg, "r")) == NULL)
		return -1;
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	fclose(fp);
	buf[n] = '\0';
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	if (crypto_b64_decode(pk, CRYPTO_SIGN_PUBLIC, buf, n) == CRYPTO_SIGN_PUBLIC)
		return 0;
	if ((j = json_loadb(buf, n, 0, &jerr)) == NULL)
		return -1;
	n = 0;
	if (b64_member(j, "public_key", pk, CRYPTO_SIGN_PUBLIC, CRYPTO_SIGN_PUBLIC, NULL) != 0)
		n = 1;
	json_decref(j);
	return n == 0 ? 0 : -1;
}

int
app_receipt_verify(const char *path, const char *key)
{
	json_t		*doc = NULL, *rc, *sth, *proof, *v;
	json_error_t	 jerr;
	unsigned char	 pk[CRYPTO_SIGN_PUBLIC], root[MERKLE_HASH], sig[CRYPTO_SIGN_BYTES];
	unsigned char	 lh[MERKLE_HASH], (*p)[MERKLE_HASH] = NULL;
	unsigned char	*leaf = NULL;
	char		 m[RECEIPT_STH_MSG_MAX];
	size_t		 leaflen = 0, np, i, mlen;
	json_int_t	 index, size, ts;
	int		 ret = 1;

	if (load_key(key, pk) != 0) {
		fprintf(stderr, "loudong: --key must be the base64 public key, or a file "
		    "holding it or the JSON of GET /api/v1/log/key\n");
		return 2;
	}
	if ((doc = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr)) == NULL) {
		fprintf(stderr, "loudong: cannot read '%s': %s (line %d)\n", path,
		    jerr.text, jerr.line);
		return 1;
	}
	/* The whole 201 answer, or just its "receipt". */
	rc = json_object_get(doc, "receipt") ? json_object_get(doc, "receipt") : doc;
	sth = json_object_get(rc, "sth");
	proof = json_object_get(rc, "inclusion_proof");
	v = json_object_get(rc, "leaf");
	if (!json_is_object(sth) || !json_is_array(proof) || !json_is_string(v) ||
	    !json_is_integer(json_object_get(rc, "leaf_index")) ||
	    !json_is_integer(json_object_get(sth, "tree_size")) ||
	    !json_is_integer(json_object_get(sth, "timestamp")) ||
	    json_array_size(proof) > MERKLE_MAX_PROOF) {
		fprintf(stderr, "loudong: '%s' is not a Loudong receipt\n", path);
		goto out;
	}
	index = json_integer_value(json_object_get(rc, "leaf_index"));
	size = json_integer_value(json_object_get(sth, "tree_size"));
	ts = json_integer_value(json_object_get(sth, "timestamp"));
	leaf = malloc(json_string_length(v) + 4);
	p = malloc(sizeof(*p) * (json_array_size(proof) + 1));
	if (leaf == NULL || p == NULL ||
	    b64_member(rc, "leaf", leaf, json_string_length(v) + 4, 0, &leaflen) != 0 ||
	    b64_member(sth, "root_hash", root, sizeof(root), MERKLE_HASH, NULL) != 0 ||
	    b64_member(sth, "signature", sig, sizeof(sig), CRYPTO_SIGN_BYTES, NULL) != 0) {
		fprintf(stderr, "loudong: '%s' has a malformed leaf, root or signature\n", path);
		goto out;
	}
	np = json_array_size(proof);
	for (i = 0; i < np; i++) {
		json_t	*h = json_array_get(proof, i);
		int	 n;

		if (!json_is_string(h) || (n = crypto_b64_decode(p[i], MERKLE_HASH,
		    json_string_value(h), json_string_length(h))) != MERKLE_HASH) {
			fprintf(stderr, "loudong: proof element %zu is not a base64 hash\n", i);
			goto out;
		}
	}
	mlen = receipt_sth_message(m, (uint64_t)size, ts, root);
	if (crypto_sign_verify(pk, m, mlen, sig) != 0) {
		fprintf(stderr, "loudong: FAILED: the tree head's signature does not verify "
		    "with this key\n");
		goto out;
	}
	merkle_leaf_hash(leaf, leaflen, lh);
	if (index < 0 || size < 1 || index >= size ||
	    !merkle_verify_inclusion(lh, (uint64_t)index, (uint64_t)size,
	    (const unsigned char (*)[MERKLE_HASH])p, np, root)) {
		fprintf(stderr, "loudong: FAILED: the leaf is not included in the signed "
		    "tree (altered receipt?)\n");
		goto out;
	}
	printf("ok: leaf %" JSON_INTEGER_FORMAT " of the signed tree of size %"
	    JSON_INTEGER_FORMAT " (signed at %" JSON_INTEGER_FORMAT " ms): %.*s\n",
	    index, size, ts, (int)leaflen, (const char *)leaf);
	ret = 0;
out:
	free(leaf);
	free(p);
	json_decref(doc);
	return ret;
}
