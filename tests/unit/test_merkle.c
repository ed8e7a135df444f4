/*
 * receipts/merkle: RFC 9162 hashing, the stored complete subtrees, roots,
 * inclusion and consistency proofs and their verification.  Known answers
 * are the Certificate Transparency reference vectors
 * (google/certificate-transparency, cpp/merkletree/merkle_tree_test.cc);
 * everything else is checked against a reference written here straight
 * from the RFC's recursive definitions, hashing the leaves directly.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "crypto/crypto.h"
#include "receipts/merkle.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define MAX_LEAVES	1100	/* largest tree the in-memory store holds */
#define MAX_LEVELS	11	/* 2^10 <= MAX_LEAVES < 2^11 */
#define NO_FAIL		UINT32_MAX

static const char	empty_root_hex[] =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/*
 * The in-memory node store behind merkle_get_fn.  Only nodes merkle_append
 * returned are in it, so a read of anything else (an incomplete node, or one
 * past the tree) fails, and the code under test must never need one.
 */
struct store {
	unsigned char	node[MAX_LEVELS][MAX_LEAVES][MERKLE_HASH];
	bool		have[MAX_LEVELS][MAX_LEAVES];
	unsigned char	leaf[MAX_LEAVES][MERKLE_HASH];	/* leaf hashes, for the reference */
	uint64_t	size;				/* leaves appended */
	uint32_t	gets;				/* reads so far */
	uint32_t	fail_at;			/* read number that fails, or NO_FAIL */
};

static int
store_get(void *arg, unsigned level, uint64_t index, unsigned char out[MERKLE_HASH])
{
	struct store	*st = arg;

	if (st->gets++ == st->fail_at)
		return -1;
	if (level >= MAX_LEVELS || index >= MAX_LEAVES || !st->have[level][index])
		return -1;
	memcpy(out, st->node[level][index], MERKLE_HASH);
	return 0;
}

static int
setup_store(void **state)
{
	struct store	*st;

	if ((st = calloc(1, sizeof(*st))) == NULL)
		return -1;
	st->fail_at = NO_FAIL;
	*state = st;
	return 0;
}

static int
teardown_store(void **state)
{
	free(*state);
	return 0;
}

static int
group_setup(void **state)
{
	(void)state;
	return crypto_init() == 0 ? 0 : -1;
}

/* Reference implementation: RFC 9162 §2.1 as written, no stored nodes. */

static void
ref_leaf(const void *p, size_t n, unsigned char out[MERKLE_HASH])
{
	static const unsigned char	zero = 0x00;

	crypto_sha256(out, &zero, 1, p, n, NULL, 0);
}

static void
ref_node(const unsigned char l[MERKLE_HASH], const unsigned char r[MERKLE_HASH],
    unsigned char out[MERKLE_HASH])
{
	static const unsigned char	one = 0x01;

	crypto_sha256(out, &one, 1, l, MERKLE_HASH, r, MERKLE_HASH);
}

/* The largest power of two smaller than n (n > 1). */
static size_t
ref_split(size_t n)
{
	size_t	k = 1;

	while (k * 2 < n)
		k *= 2;
	return k;
}

static void
ref_mth(const unsigned char lh[][MERKLE_HASH], size_t n,
    unsigned char out[MERKLE_HASH])
{
	unsigned char	l[MERKLE_HASH], r[MERKLE_HASH];
	size_t		k;

	if (n == 0) {
		crypto_sha256(out, NULL, 0, NULL, 0, NULL, 0);
		return;
	}
	if (n == 1) {
		memcpy(out, lh[0], MERKLE_HASH);
		return;
	}
	k = ref_split(n);
	ref_mth(lh, k, l);
	ref_mth(lh + k, n - k, r);
	ref_node(l, r, out);
}

/* PATH(m, D[n]), appended to out at *count. */
static void
ref_path(size_t m, const unsigned char lh[][MERKLE_HASH], size_t n,
    unsigned char out[][MERKLE_HASH], size_t *count)
{
	size_t	k;

	if (n <= 1)
		return;
	k = ref_split(n);
	if (m < k) {
		ref_path(m, lh, k, out, count);
		ref_mth(lh + k, n - k, out[(*count)++]);
	} else {
		ref_path(m - k, lh + k, n - k, out, count);
		ref_mth(lh, k, out[(*count)++]);
	}
}

/* SUBPROOF(m, D[n], b), appended to out at *count. */
static void
ref_subproof(size_t m, const unsigned char lh[][MERKLE_HASH], size_t n, bool b,
    unsigned char out[][MERKLE_HASH], size_t *count)
{
	size_t	k;

	if (m == n) {
		if (!b)
			ref_mth(lh, n, out[(*count)++]);
		return;
	}
	k = ref_split(n);
	if (m <= k) {
		ref_subproof(m, lh, k, b, out, count);
		ref_mth(lh + k, n - k, out[(*count)++]);
	} else {
		ref_subproof(m - k, lh + k, n - k, false, out, count);
		ref_mth(lh, k, out[(*count)++]);
	}
}

/* Lengths of PATH and PROOF, without hashing. */
static size_t
ref_path_len(size_t m, size_t n)
{
	size_t	k;

	if (n <= 1)
		return 0;
	k = ref_split(n);
	return 1 + (m < k ? ref_path_len(m, k) : ref_path_len(m - k, n - k));
}

static size_t
ref_subproof_len(size_t m, size_t n, bool b)
{
	size_t	k;

	if (m == n)
		return b ? 0 : 1;
	k = ref_split(n);
	return 1 + (m <= k ? ref_subproof_len(m, k, b) :
	    ref_subproof_len(m - k, n - k, false));
}

/* Helpers */

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Decode lowercase hex into out; returns the byte count. */
static size_t
unhex(const char *s, unsigned char *out, size_t outsz)
{
	size_t	n = strlen(s), i;

	assert_int_equal(n % 2, 0);
	assert_true(n / 2 <= outsz);
	for (i = 0; i < n / 2; i++) {
		int	hi = hexval(s[2 * i]), lo = hexval(s[2 * i + 1]);

		assert_true(hi >= 0 && lo >= 0);
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return n / 2;
}

static void
unhex_hash(const char *s, unsigned char out[MERKLE_HASH])
{
	assert_int_equal(unhex(s, out, MERKLE_HASH), MERKLE_HASH);
}

static void
flip(unsigned char h[MERKLE_HASH], unsigned bit)
{
	h[(bit / 8) % MERKLE_HASH] ^= (unsigned char)(1u << (bit % 8));
}

/* Append one leaf and store what merkle_append returns. */
static void
store_append(struct store *st, const void *data, size_t n)
{
	struct merkle_node	out[MERKLE_MAX_PROOF + 1];
	unsigned char		h[MERKLE_HASH];
	uint64_t		i = st->size;
	int			count, j;

	assert_true(i < MAX_LEAVES);
	ref_leaf(data, n, st->leaf[i]);
	merkle_leaf_hash(data, n, h);
	assert_memory_equal(h, st->leaf[i], MERKLE_HASH);
	count = merkle_append(store_get, st, i, h, out);
	assert_true(count >= 1);
	for (j = 0; j < count; j++) {
		assert_true(out[j].level < MAX_LEVELS);
		assert_true(out[j].index < MAX_LEAVES);
		assert_false(st->have[out[j].level][out[j].index]);
		memcpy(st->node[out[j].level][out[j].index], out[j].hash,
		    MERKLE_HASH);
		st->have[out[j].level][out[j].index] = true;
	}
	st->size++;
}

/* Leaf i's bytes: distinct for every i, and of varying length. */
static size_t
test_leaf(uint64_t i, unsigned char buf[8])
{
	size_t	n = 1 + i % 5;

	memset(buf, 0xA5, 8);
	buf[0] = (unsigned char)(i & 0xff);
	buf[1] = (unsigned char)(i >> 8);
	return n < 2 ? 2 : n;
}

static void
store_grow(struct store *st, uint64_t size)
{
	unsigned char	buf[8];

	while (st->size < size)
		store_append(st, buf, test_leaf(st->size, buf));
}

/* Certificate Transparency reference vectors */

static const char *const	ct_leaves[8] = {
	"",
	"00",
	"10",
	"2021",
	"3031",
	"40414243",
	"5051525354555657",
	"606162636465666768696a6b6c6d6e6f",
};

static const char *const	ct_roots[8] = {	/* sizes 1..8 */
	"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
	"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
	"aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
	"d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
	"4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
	"76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
	"ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
	"5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
};

/* The CT file numbers leaves from 1; these indexes are 0-based. */
static const struct {
	uint64_t	 index;		/* leaf */
	uint64_t	 size;		/* tree size */
	size_t		 n;		/* path length */
	const char	*path[3];	/* leaf to root */
} ct_paths[] = {
	{ 0, 1, 0, { NULL } },
	{ 0, 8, 3, {
	    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
	    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
	    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4" } },
	{ 5, 8, 3, {
	    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
	    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
	    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7" } },
	{ 2, 3, 1, {
	    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125" } },
	{ 1, 5, 3, {
	    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
	    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
	    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b" } },
};

static const struct {
	uint64_t	 first;		/* older tree size */
	uint64_t	 second;	/* newer tree size */
	size_t		 n;		/* proof length */
	const char	*proof[3];
} ct_proofs[] = {
	{ 1, 1, 0, { NULL } },
	{ 1, 8, 3, {
	    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
	    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
	    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4" } },
	{ 6, 8, 3, {
	    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
	    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
	    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7" } },
	{ 2, 5, 2, {
	    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
	    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b" } },
};

static void
store_ct(struct store *st)
{
	unsigned char	buf[16];
	size_t		i;

	for (i = 0; i < NELEM(ct_leaves); i++)
		store_append(st, buf, unhex(ct_leaves[i], buf, sizeof(buf)));
}

/*
 * Every way of damaging an inclusion proof must fail.  Sizes are only
 * tried where the proof has another shape (see
 * test_merkle__inclusion_proof_does_not_bind_size).
 */
static void
check_inclusion_rejects(const unsigned char leaf[MERKLE_HASH], uint64_t index,
    uint64_t size, const unsigned char proof[][MERKLE_HASH], size_t n,
    const unsigned char root[MERKLE_HASH], bool every_bit)
{
	unsigned char	bad[MERKLE_MAX_PROOF + 1][MERKLE_HASH], h[MERKLE_HASH];
	uint64_t	i, s;
	size_t		j;
	unsigned	bit;

	assert_true(merkle_verify_inclusion(leaf, index, size, proof, n, root));
	/* A flipped bit anywhere in the proof, the leaf or the root. */
	for (j = 0; j < n; j++) {
		for (bit = 0; bit < 256; bit++) {
			if (!every_bit && bit != (index * 31 + j * 7 + 3) % 256)
				continue;
			memcpy(bad, proof, n * MERKLE_HASH);
			flip(bad[j], bit);
			assert_false(merkle_verify_inclusion(leaf, index, size,
			    bad, n, root));
		}
	}
	memcpy(h, leaf, MERKLE_HASH);
	flip(h, (unsigned)index % 256);
	assert_false(merkle_verify_inclusion(h, index, size, proof, n, root));
	memcpy(h, root, MERKLE_HASH);
	flip(h, (unsigned)size % 256);
	assert_false(merkle_verify_inclusion(leaf, index, size, proof, n, h));
	/* Every other index, and indexes outside the tree. */
	for (i = 0; i < size + 2; i++) {
		if (i != index)
			assert_false(merkle_verify_inclusion(leaf, i, size,
			    proof, n, root));
	}
	assert_false(merkle_verify_inclusion(leaf, UINT64_MAX, size, proof, n,
	    root));
	/* Sizes that do not hold the leaf, or give the path another shape. */
	for (s = 0; s <= 2 * size + 1; s++) {
		if (s == size)
			continue;
		if (s <= index || ref_path_len(index, s) != n)
			assert_false(merkle_verify_inclusion(leaf, index, s,
			    proof, n, root));
	}
	assert_false(merkle_verify_inclusion(leaf, index, size * 2, proof, n,
	    root));
	assert_false(merkle_verify_inclusion(leaf, index, size / 2, proof, n,
	    root));
	/* Truncated, extended at either end, and emptied. */
	if (n > 0) {
		assert_false(merkle_verify_inclusion(leaf, index, size, proof,
		    n - 1, root));
		assert_false(merkle_verify_inclusion(leaf, index, size,
		    proof + 1, n - 1, root));
		assert_false(merkle_verify_inclusion(leaf, index, size, proof,
		    0, root));
	}
	memcpy(bad, proof, n * MERKLE_HASH);
	memset(bad[n], 0, MERKLE_HASH);
	assert_false(merkle_verify_inclusion(leaf, index, size,
	    bad, n + 1, root));
	memcpy(bad[n], root, MERKLE_HASH);
	assert_false(merkle_verify_inclusion(leaf, index, size,
	    bad, n + 1, root));
	memset(bad[0], 0, MERKLE_HASH);
	memcpy(bad[1], proof, n * MERKLE_HASH);
	assert_false(merkle_verify_inclusion(leaf, index, size,
	    bad, n + 1, root));
}

/* The same for consistency proofs, first < second. */
static void
check_consistency_rejects(uint64_t first, uint64_t second,
    const unsigned char r1[MERKLE_HASH], const unsigned char r2[MERKLE_HASH],
    const unsigned char proof[][MERKLE_HASH], size_t n, bool every_bit)
{
	unsigned char	bad[MERKLE_MAX_PROOF + 1][MERKLE_HASH], h[MERKLE_HASH];
	uint64_t	m, s;
	size_t		j;
	unsigned	bit;

	assert_true(first < second && n > 0);
	assert_true(merkle_verify_consistency(first, second, r1, r2, proof, n));
	for (j = 0; j < n; j++) {
		for (bit = 0; bit < 256; bit++) {
			if (!every_bit && bit != (first * 13 + j * 5 + 1) % 256)
				continue;
			memcpy(bad, proof, n * MERKLE_HASH);
			flip(bad[j], bit);
			assert_false(merkle_verify_consistency(first, second,
			    r1, r2, bad, n));
		}
	}
	memcpy(h, r1, MERKLE_HASH);
	flip(h, (unsigned)first % 256);
	assert_false(merkle_verify_consistency(first, second, h, r2, proof, n));
	memcpy(h, r2, MERKLE_HASH);
	flip(h, (unsigned)second % 256);
	assert_false(merkle_verify_consistency(first, second, r1, h, proof, n));
	assert_false(merkle_verify_consistency(first, second, r2, r1, proof, n));
	/* Every other first size. */
	for (m = 0; m <= second + 1; m++) {
		if (m != first)
			assert_false(merkle_verify_consistency(m, second, r1, r2,
			    proof, n));
	}
	/* Second sizes before first, or giving the proof another shape. */
	for (s = 0; s <= 2 * second + 1; s++) {
		if (s == second)
			continue;
		if (s < first || ref_subproof_len(first, s, true) != n)
			assert_false(merkle_verify_consistency(first, s, r1, r2,
			    proof, n));
	}
	assert_false(merkle_verify_consistency(first, second * 2, r1, r2,
	    proof, n));
	assert_false(merkle_verify_consistency(first, second / 2, r1, r2,
	    proof, n));
	assert_false(merkle_verify_consistency(first, second, r1, r2, proof,
	    n - 1));
	assert_false(merkle_verify_consistency(first, second, r1, r2,
	    proof + 1, n - 1));
	assert_false(merkle_verify_consistency(first, second, r1, r2, proof, 0));
	memcpy(bad, proof, n * MERKLE_HASH);
	memset(bad[n], 0, MERKLE_HASH);
	assert_false(merkle_verify_consistency(first, second, r1, r2,
	    bad, n + 1));
	memcpy(bad[n], proof[n - 1], MERKLE_HASH);
	assert_false(merkle_verify_consistency(first, second, r1, r2,
	    bad, n + 1));
	memset(bad[0], 0, MERKLE_HASH);
	memcpy(bad[1], proof, n * MERKLE_HASH);
	assert_false(merkle_verify_consistency(first, second, r1, r2,
	    bad, n + 1));
	memcpy(bad[0], proof[0], MERKLE_HASH);
	assert_false(merkle_verify_consistency(first, second, r1, r2,
	    bad, n + 1));
}

/* Hashing */

static void
test_merkle__hashes_are_rfc9162(void **state)
{
	static const unsigned char	zero = 0x00, one = 0x01;
	unsigned char			want[MERKLE_HASH], got[MERKLE_HASH];
	unsigned char			l[MERKLE_HASH], r[MERKLE_HASH];
	unsigned char			both[2 * MERKLE_HASH];

	(void)state;
	merkle_leaf_hash("", 0, got);
	unhex_hash(ct_roots[0], want);
	assert_memory_equal(got, want, MERKLE_HASH);
	merkle_leaf_hash("abc", 3, got);
	crypto_sha256(want, &zero, 1, "abc", 3, NULL, 0);
	assert_memory_equal(got, want, MERKLE_HASH);

	merkle_leaf_hash("left", 4, l);
	merkle_leaf_hash("right", 5, r);
	merkle_node_hash(l, r, got);
	crypto_sha256(want, &one, 1, l, MERKLE_HASH, r, MERKLE_HASH);
	assert_memory_equal(got, want, MERKLE_HASH);
	/* Order matters, and a leaf cannot pose as a node. */
	merkle_node_hash(r, l, want);
	assert_memory_not_equal(got, want, MERKLE_HASH);
	memcpy(both, l, MERKLE_HASH);
	memcpy(both + MERKLE_HASH, r, MERKLE_HASH);
	merkle_leaf_hash(both, sizeof(both), want);
	assert_memory_not_equal(got, want, MERKLE_HASH);
	/* Folding in place, as the verifiers do. */
	memcpy(want, got, MERKLE_HASH);
	merkle_node_hash(l, r, l);
	assert_memory_equal(l, want, MERKLE_HASH);
	merkle_leaf_hash("left", 4, l);
	merkle_node_hash(l, r, r);
	assert_memory_equal(r, want, MERKLE_HASH);
}

static int
get_never(void *arg, unsigned level, uint64_t index, unsigned char out[MERKLE_HASH])
{
	(void)arg;
	(void)level;
	(void)index;
	memset(out, 0, MERKLE_HASH);
	fail_msg("get called for an empty tree");
	return -1;
}

static void
test_merkle__empty_tree_root(void **state)
{
	unsigned char	want[MERKLE_HASH], got[MERKLE_HASH];

	(void)state;
	unhex_hash(empty_root_hex, want);
	assert_int_equal(merkle_root(get_never, NULL, 0, got), 0);
	assert_memory_equal(got, want, MERKLE_HASH);
}

/* Known answers */

static void
test_merkle__ct_root_vectors(void **state)
{
	struct store	*st = *state;
	unsigned char	buf[16], want[MERKLE_HASH], got[MERKLE_HASH];
	size_t		i, j;

	for (i = 0; i < NELEM(ct_leaves); i++) {
		store_append(st, buf, unhex(ct_leaves[i], buf, sizeof(buf)));
		/* Every earlier size stays answerable as the tree grows. */
		for (j = 0; j <= i; j++) {
			unhex_hash(ct_roots[j], want);
			assert_int_equal(merkle_root(store_get, st, j + 1, got), 0);
			assert_memory_equal(got, want, MERKLE_HASH);
		}
		unhex_hash(empty_root_hex, want);
		assert_int_equal(merkle_root(store_get, st, 0, got), 0);
		assert_memory_equal(got, want, MERKLE_HASH);
		/* A size past the stored tree needs nodes that are not there. */
		assert_int_equal(merkle_root(store_get, st, i + 2, got), -1);
	}
}

static void
test_merkle__ct_inclusion_vectors(void **state)
{
	struct store	*st = *state;
	unsigned char	proof[MERKLE_MAX_PROOF][MERKLE_HASH];
	unsigned char	want[MERKLE_HASH], root[MERKLE_HASH];
	size_t		i, j, n;

	store_ct(st);
	for (i = 0; i < NELEM(ct_paths); i++) {
		assert_int_equal(merkle_inclusion_proof(store_get, st,
		    ct_paths[i].index, ct_paths[i].size, proof, &n), 0);
		assert_int_equal(n, ct_paths[i].n);
		for (j = 0; j < n; j++) {
			unhex_hash(ct_paths[i].path[j], want);
			assert_memory_equal(proof[j], want, MERKLE_HASH);
		}
		unhex_hash(ct_roots[ct_paths[i].size - 1], root);
		check_inclusion_rejects(st->leaf[ct_paths[i].index],
		    ct_paths[i].index, ct_paths[i].size, proof, n, root, true);
	}
}

static void
test_merkle__ct_consistency_vectors(void **state)
{
	struct store	*st = *state;
	unsigned char	proof[MERKLE_MAX_PROOF][MERKLE_HASH];
	unsigned char	want[MERKLE_HASH], r1[MERKLE_HASH], r2[MERKLE_HASH];
	size_t		i, j, n;

	store_ct(st);
	for (i = 0; i < NELEM(ct_proofs); i++) {
		assert_int_equal(merkle_consistency_proof(store_get, st,
		    ct_proofs[i].first, ct_proofs[i].second, proof, &n), 0);
		assert_int_equal(n, ct_proofs[i].n);
		for (j = 0; j < n; j++) {
			unhex_hash(ct_proofs[i].proof[j], want);
			assert_memory_equal(proof[j], want, MERKLE_HASH);
		}
		unhex_hash(ct_roots[ct_proofs[i].first - 1], r1);
		unhex_hash(ct_roots[ct_proofs[i].second - 1], r2);
		if (ct_proofs[i].first == ct_proofs[i].second)
			assert_true(merkle_verify_consistency(ct_proofs[i].first,
			    ct_proofs[i].second, r1, r2, proof, n));
		else
			check_consistency_rejects(ct_proofs[i].first,
			    ct_proofs[i].second, r1, r2, proof, n, true);
	}
}

/* Appending */

static void
test_merkle__append_completes_subtrees(void **state)
{
	struct store		*st = *state;
	struct merkle_node	 out[MERKLE_MAX_PROOF + 1];
	unsigned char		 buf[8], want[MERKLE_HASH];
	uint64_t		 i, t;
	int			 count, j, ones;

	for (i = 0; i < MAX_LEAVES; i++) {
		merkle_leaf_hash(buf, test_leaf(i, buf), st->leaf[i]);
		count = merkle_append(store_get, st, i, st->leaf[i], out);
		/*
		 * Leaf i completes one subtree per trailing one bit of i (each
		 * is a right child whose left sibling is done), plus itself.
		 */
		for (ones = 0, t = i; (t & 1) != 0; t >>= 1)
			ones++;
		assert_int_equal(count, 1 + ones);
		for (j = 0; j < count; j++) {
			uint64_t	w = (uint64_t)1 << j;

			assert_int_equal(out[j].level, j);
			assert_int_equal(out[j].index, i >> j);
			/* The node covers the 2^j leaves ending with leaf i. */
			assert_int_equal((out[j].index + 1) * w, i + 1);
			ref_mth(st->leaf + (i + 1 - w), w, want);
			assert_memory_equal(out[j].hash, want, MERKLE_HASH);
			memcpy(st->node[j][out[j].index], out[j].hash,
			    MERKLE_HASH);
			st->have[j][out[j].index] = true;
		}
		st->size++;
	}
	/* Spot checks of the count: 1 + trailing ones of the index. */
	memset(st, 0, sizeof(*st));
	st->fail_at = NO_FAIL;
	store_grow(st, 7);
	assert_int_equal(merkle_append(store_get, st, 7, st->leaf[0], out), 4);
	assert_int_equal(out[3].level, 3);
	assert_int_equal(out[3].index, 0);
}

static void
test_merkle__append_leaf_zero_reads_nothing(void **state)
{
	struct merkle_node	out[MERKLE_MAX_PROOF + 1];
	unsigned char		leaf[MERKLE_HASH];

	(void)state;
	merkle_leaf_hash("x", 1, leaf);
	/* Even indexes are left children: nothing to combine, nothing read. */
	assert_int_equal(merkle_append(get_never, NULL, 0, leaf, out), 1);
	assert_int_equal(merkle_append(get_never, NULL, 6, leaf, out), 1);
	assert_int_equal(out[0].level, 0);
	assert_int_equal(out[0].index, 6);
	assert_memory_equal(out[0].hash, leaf, MERKLE_HASH);
}

static void
test_merkle__append_missing_sibling_fails(void **state)
{
	struct store		*st = *state;
	struct merkle_node	 out[MERKLE_MAX_PROOF + 1];
	unsigned char		 leaf[MERKLE_HASH];

	merkle_leaf_hash("x", 1, leaf);
	assert_int_equal(merkle_append(store_get, st, 1, leaf, out), -1);
	store_grow(st, 3);
	st->gets = 0;
	st->fail_at = 1;	/* (0, 2) is read, (1, 0) is not */
	assert_int_equal(merkle_append(store_get, st, 3, leaf, out), -1);
	assert_int_equal(st->gets, 2);
}

/*
 * A real tree of *arg leaves, all the same ("x"), so that any complete
 * node at level l has the same hash and the largest trees cost 64 hashes a
 * read.  Reads of incomplete nodes fail, as they would from a real store.
 */
static int
get_uniform(void *arg, unsigned level, uint64_t index,
    unsigned char out[MERKLE_HASH])
{
	const uint64_t	*size = arg;
	unsigned	 l;

	if (level >= 64 || index >= (*size >> level))
		return -1;
	merkle_leaf_hash("x", 1, out);
	for (l = 0; l < level; l++)
		merkle_node_hash(out, out, out);
	return 0;
}

static void
test_merkle__sixty_four_bit_edges(void **state)
{
	struct merkle_node	out[MERKLE_MAX_PROOF + 1];
	unsigned char		proof[MERKLE_MAX_PROOF][MERKLE_HASH];
	unsigned char		leaf[MERKLE_HASH], root[MERKLE_HASH];
	unsigned char		r1[MERKLE_HASH];
	uint64_t		size = UINT64_MAX, last = UINT64_MAX - 1;
	uint64_t		first, second;
	size_t			n;
	int			j;

	(void)state;
	/* The 2^64th leaf would complete 65 nodes: out[] is exactly big enough. */
	merkle_leaf_hash("x", 1, leaf);
	assert_int_equal(merkle_append(get_uniform, &size, UINT64_MAX, leaf, out),
	    MERKLE_MAX_PROOF + 1);
	for (j = 0; j <= MERKLE_MAX_PROOF; j++) {
		assert_int_equal(out[j].level, j);
		assert_int_equal(out[j].index, j == 64 ? 0 : UINT64_MAX >> j);
	}
	size = (uint64_t)1 << 63;
	assert_int_equal(merkle_append(get_uniform, &size, size - 1, leaf, out),
	    64);

	/* The largest tree: 64 complete subtrees in its root, 64-hash paths. */
	size = UINT64_MAX;
	assert_int_equal(merkle_root(get_uniform, &size, size, root), 0);
	assert_int_equal(merkle_inclusion_proof(get_uniform, &size, 0, size, proof,
	    &n), 0);
	assert_int_equal(n, 64);
	assert_int_equal(get_uniform(&size, 0, 0, leaf), 0);
	assert_true(merkle_verify_inclusion(leaf, 0, size, proof, n, root));
	assert_false(merkle_verify_inclusion(leaf, 0, size >> 1,
	    proof, n, root));
	assert_int_equal(merkle_inclusion_proof(get_uniform, &size, last, size,
	    proof, &n), 0);
	assert_int_equal(n, 63);
	assert_int_equal(get_uniform(&size, 0, last, leaf), 0);
	assert_true(merkle_verify_inclusion(leaf, last, size, proof, n, root));
	assert_int_equal(merkle_consistency_proof(get_uniform, &size, 1, size,
	    proof, &n), 0);
	assert_int_equal(n, 64);
	assert_int_equal(get_uniform(&size, 0, 0, r1), 0);
	assert_true(merkle_verify_consistency(1, size, r1, root, proof, n));
	/*
	 * A consistency proof can need ceil(log2(second)) + 1 hashes: the walk
	 * descends once per level and then sends the first tree's part, which
	 * is a single leaf here.  Past 2^63 leaves that is 65, more than the
	 * proof array holds: refused rather than overflowed.
	 */
	first = ((uint64_t)1 << 63) + 1;
	assert_int_equal(merkle_consistency_proof(get_uniform, &size, first,
	    size, proof, &n), -1);
	assert_int_equal(n, 0);
	first = ((uint64_t)1 << 62) + 3;
	assert_int_equal(merkle_consistency_proof(get_uniform, &size, first,
	    size, proof, &n), -1);
	/* The same older tree against 2^63 leaves takes exactly 64. */
	second = (uint64_t)1 << 63;
	assert_int_equal(merkle_root(get_uniform, &size, first, r1), 0);
	assert_int_equal(merkle_root(get_uniform, &size, second, root), 0);
	assert_int_equal(merkle_consistency_proof(get_uniform, &size, first,
	    second, proof, &n), 0);
	assert_int_equal(n, MERKLE_MAX_PROOF);
	assert_true(merkle_verify_consistency(first, second, r1, root, proof,
	    n));
	assert_false(merkle_verify_consistency(first, second, root, r1, proof,
	    n));
	assert_false(merkle_verify_consistency(first, second, r1, root, proof,
	    n - 1));
}

/* Against the reference */

static void
test_merkle__root_matches_reference(void **state)
{
	static const uint64_t	 big[] = { 511, 512, 513, 1023, 1024, 1025,
				    1099, 1100 };
	struct store		*st = *state;
	unsigned char		 want[MERKLE_HASH], got[MERKLE_HASH];
	uint64_t		 s;
	size_t			 i;

	store_grow(st, 300);
	for (s = 0; s <= 300; s++) {
		ref_mth(st->leaf, s, want);
		assert_int_equal(merkle_root(store_get, st, s, got), 0);
		assert_memory_equal(got, want, MERKLE_HASH);
	}
	store_grow(st, MAX_LEAVES);
	for (i = 0; i < NELEM(big); i++) {
		ref_mth(st->leaf, big[i], want);
		assert_int_equal(merkle_root(store_get, st, big[i], got), 0);
		assert_memory_equal(got, want, MERKLE_HASH);
	}
}

static void
check_inclusion(struct store *st, uint64_t index, uint64_t size)
{
	unsigned char	proof[MERKLE_MAX_PROOF][MERKLE_HASH];
	unsigned char	want[MERKLE_MAX_PROOF][MERKLE_HASH];
	unsigned char	root[MERKLE_HASH];
	size_t		n, wn = 0;

	ref_path(index, st->leaf, size, want, &wn);
	ref_mth(st->leaf, size, root);
	assert_int_equal(merkle_inclusion_proof(store_get, st, index, size,
	    proof, &n), 0);
	assert_int_equal(n, wn);
	if (n > 0)
		assert_memory_equal(proof, want, n * MERKLE_HASH);
	assert_true(merkle_verify_inclusion(st->leaf[index], index, size,
	    proof, n, root));
}

static void
test_merkle__inclusion_matches_reference(void **state)
{
	static const uint64_t	 big[][2] = { { 0, 1100 }, { 511, 1100 },
				    { 1023, 1100 }, { 1024, 1100 }, { 1099, 1100 },
				    { 1024, 1025 }, { 0, 1025 }, { 700, 1024 } };
	struct store		*st = *state;
	uint64_t		 s, i;
	size_t			 j;

	store_grow(st, 130);
	for (s = 1; s <= 130; s++) {
		for (i = 0; i < s; i++)
			check_inclusion(st, i, s);
	}
	store_grow(st, MAX_LEAVES);
	for (j = 0; j < NELEM(big); j++)
		check_inclusion(st, big[j][0], big[j][1]);
}

static void
check_consistency(struct store *st, uint64_t first, uint64_t second)
{
	unsigned char	proof[MERKLE_MAX_PROOF][MERKLE_HASH];
	unsigned char	want[MERKLE_MAX_PROOF][MERKLE_HASH];
	unsigned char	r1[MERKLE_HASH], r2[MERKLE_HASH];
	size_t		n, wn = 0;

	ref_subproof(first, st->leaf, second, true, want, &wn);
	ref_mth(st->leaf, first, r1);
	ref_mth(st->leaf, second, r2);
	assert_int_equal(merkle_consistency_proof(store_get, st, first, second,
	    proof, &n), 0);
	assert_int_equal(n, wn);
	if (n > 0)
		assert_memory_equal(proof, want, n * MERKLE_HASH);
	assert_true(merkle_verify_consistency(first, second, r1, r2, proof, n));
}

static void
test_merkle__consistency_matches_reference(void **state)
{
	static const uint64_t	 big[][2] = { { 1, 1100 }, { 511, 1100 },
				    { 1023, 1100 }, { 1024, 1100 }, { 1025, 1100 },
				    { 1099, 1100 }, { 1100, 1100 }, { 3, 1024 },
				    { 1023, 1025 } };
	struct store		*st = *state;
	uint64_t		 m, n;
	size_t			 j;

	store_grow(st, 70);
	for (n = 1; n <= 70; n++) {
		for (m = 1; m <= n; m++)
			check_consistency(st, m, n);
	}
	store_grow(st, MAX_LEAVES);
	for (j = 0; j < NELEM(big); j++)
		check_consistency(st, big[j][0], big[j][1]);
}

/* Rejection */

static void
test_merkle__inclusion_rejects_tampering(void **state)
{
	struct store	*st = *state;
	unsigned char	proof[MERKLE_MAX_PROOF][MERKLE_HASH];
	unsigned char	root[MERKLE_HASH];
	uint64_t	s, i;
	size_t		n;

	store_grow(st, 48);
	for (s = 1; s <= 48; s++) {
		ref_mth(st->leaf, s, root);
		for (i = 0; i < s; i++) {
			assert_int_equal(merkle_inclusion_proof(store_get, st, i,
			    s, proof, &n), 0);
			check_inclusion_rejects(st->leaf[i], i, s,
			    proof, n, root, s <= 9);
		}
	}
}

static void
test_merkle__consistency_rejects_tampering(void **state)
{
	struct store	*st = *state;
	unsigned char	proof[MERKLE_MAX_PROOF][MERKLE_HASH];
	unsigned char	r1[MERKLE_HASH], r2[MERKLE_HASH];
	uint64_t	m, s;
	size_t		n;

	store_grow(st, 40);
	for (s = 2; s <= 40; s++) {
		ref_mth(st->leaf, s, r2);
		for (m = 1; m < s; m++) {
			ref_mth(st->leaf, m, r1);
			assert_int_equal(merkle_consistency_proof(store_get, st,
			    m, s, proof, &n), 0);
			check_consistency_rejects(m, s, r1, r2,
			    proof, n, s <= 9);
		}
	}
}

/*
 * RFC 9162's verifier takes the size only to shape the path, so a proof
 * also verifies against sizes whose path has the same shape: leaf 0 of
 * the 5-leaf tree sits under the same three left turns in a 6-leaf tree.
 * What binds the size is the root, which is why callers must take size and
 * root together from one signed tree head.  Pinned here so nobody "fixes"
 * the verifier away from the RFC that auditors implement.
 */
static void
test_merkle__inclusion_proof_does_not_bind_size(void **state)
{
	struct store	*st = *state;
	unsigned char	proof[MERKLE_MAX_PROOF][MERKLE_HASH];
	unsigned char	root[MERKLE_HASH];
	size_t		n;

	store_grow(st, 5);
	assert_int_equal(merkle_inclusion_proof(store_get, st, 0, 5, proof, &n),
	    0);
	assert_int_equal(merkle_root(store_get, st, 5, root), 0);
	assert_true(merkle_verify_inclusion(st->leaf[0], 0, 5, proof, n, root));
	assert_true(merkle_verify_inclusion(st->leaf[0], 0, 6, proof, n, root));
	assert_false(merkle_verify_inclusion(st->leaf[0], 0, 9,
	    proof, n, root));
}

static void
test_merkle__verify_edge_cases(void **state)
{
	unsigned char	leaf[MERKLE_HASH], other[MERKLE_HASH];
	unsigned char	one[1][MERKLE_HASH];

	(void)state;
	merkle_leaf_hash("a", 1, leaf);
	merkle_leaf_hash("b", 1, other);
	memcpy(one[0], other, MERKLE_HASH);
	/* A one-leaf tree's root is its leaf, with the empty path. */
	assert_true(merkle_verify_inclusion(leaf, 0, 1, NULL, 0, leaf));
	assert_false(merkle_verify_inclusion(leaf, 0, 1, NULL, 0, other));
	assert_false(merkle_verify_inclusion(leaf, 0, 1, one, 1, leaf));
	assert_false(merkle_verify_inclusion(leaf, 0, 0, NULL, 0, leaf));
	assert_false(merkle_verify_inclusion(leaf, 1, 1, NULL, 0, leaf));
	assert_false(merkle_verify_inclusion(leaf, UINT64_MAX, UINT64_MAX, NULL,
	    0, leaf));

	/* A tree is consistent with itself by the empty proof, and only so. */
	assert_true(merkle_verify_consistency(1, 1, leaf, leaf, NULL, 0));
	assert_true(merkle_verify_consistency(7, 7, leaf, leaf, NULL, 0));
	assert_false(merkle_verify_consistency(7, 7, leaf, other, NULL, 0));
	assert_false(merkle_verify_consistency(7, 7, leaf, leaf, one, 1));
	/* Going back in time, from the empty tree, or with no proof. */
	assert_false(merkle_verify_consistency(2, 1, leaf, leaf, NULL, 0));
	assert_false(merkle_verify_consistency(0, 0, leaf, leaf, NULL, 0));
	assert_false(merkle_verify_consistency(0, 1, leaf, leaf, NULL, 0));
	assert_false(merkle_verify_consistency(1, 2, leaf, leaf, NULL, 0));
	assert_false(merkle_verify_consistency(UINT64_MAX, 1, leaf, leaf,
	    one, 1));
}

static void
test_merkle__generators_reject_bad_arguments(void **state)
{
	struct store	*st = *state;
	unsigned char	proof[MERKLE_MAX_PROOF][MERKLE_HASH];
	size_t		n;

	store_grow(st, 10);
	n = 99;
	assert_int_equal(merkle_inclusion_proof(store_get, st, 0, 0, proof, &n),
	    -1);
	assert_int_equal(n, 0);
	assert_int_equal(merkle_inclusion_proof(store_get, st, 10, 10, proof,
	    &n), -1);
	assert_int_equal(merkle_inclusion_proof(store_get, st, 11, 10, proof,
	    &n), -1);
	assert_int_equal(merkle_inclusion_proof(store_get, st, UINT64_MAX, 10,
	    proof, &n), -1);
	n = 99;
	assert_int_equal(merkle_consistency_proof(store_get, st, 0, 0, proof,
	    &n), -1);
	assert_int_equal(n, 0);
	assert_int_equal(merkle_consistency_proof(store_get, st, 0, 5, proof,
	    &n), -1);
	assert_int_equal(merkle_consistency_proof(store_get, st, 6, 5, proof,
	    &n), -1);
	assert_int_equal(merkle_consistency_proof(store_get, st, UINT64_MAX, 5,
	    proof, &n), -1);
	/* Valid arguments, but a tree larger than the store holds. */
	assert_int_equal(merkle_inclusion_proof(store_get, st, 3, 11, proof,
	    &n), -1);
	assert_int_equal(merkle_consistency_proof(store_get, st, 3, 11, proof,
	    &n), -1);
	/* And the valid ones work. */
	assert_int_equal(merkle_inclusion_proof(store_get, st, 9, 10, proof,
	    &n), 0);
	assert_int_equal(merkle_consistency_proof(store_get, st, 10, 10, proof,
	    &n), 0);
	assert_int_equal(n, 0);
}

/*
 * Run op once to count its reads, then once per read with that read
 * failing: every failure must surface as -1.
 */
enum op { OP_APPEND, OP_ROOT, OP_INCLUSION, OP_CONSISTENCY, OP__MAX };

static int
run_op(struct store *st, enum op op)
{
	struct merkle_node	out[MERKLE_MAX_PROOF + 1];
	unsigned char		proof[MERKLE_MAX_PROOF][MERKLE_HASH];
	unsigned char		root[MERKLE_HASH];
	size_t			n;
	int			rc = -1;

	switch (op) {
	case OP_APPEND:		/* leaf 127 completes 7 parents: 7 reads */
		rc = merkle_append(store_get, st, 127, st->leaf[0], out);
		rc = rc == 8 ? 0 : -1;
		break;
	case OP_ROOT:
		rc = merkle_root(store_get, st, 127, root);
		break;
	case OP_INCLUSION:
		rc = merkle_inclusion_proof(store_get, st, 37, 127, proof, &n);
		break;
	case OP_CONSISTENCY:
		rc = merkle_consistency_proof(store_get, st, 37, 127, proof, &n);
		break;
	case OP__MAX:
		break;
	}
	return rc;
}

static void
test_merkle__get_failure_propagates(void **state)
{
	struct store	*st = *state;
	uint32_t	reads, k;
	int		op;

	store_grow(st, 127);
	for (op = 0; op < OP__MAX; op++) {
		st->gets = 0;
		st->fail_at = NO_FAIL;
		assert_int_equal(run_op(st, (enum op)op), 0);
		reads = st->gets;
		assert_true(reads > 0);
		for (k = 0; k < reads; k++) {
			st->gets = 0;
			st->fail_at = k;
			assert_int_equal(run_op(st, (enum op)op), -1);
		}
	}
	st->fail_at = NO_FAIL;
}

int
main(void)
{
#define T(f)	cmocka_unit_test_setup_teardown(f, setup_store, teardown_store)
	const struct CMUnitTest tests[] = {
		T(test_merkle__hashes_are_rfc9162),
		T(test_merkle__empty_tree_root),
		T(test_merkle__ct_root_vectors),
		T(test_merkle__ct_inclusion_vectors),
		T(test_merkle__ct_consistency_vectors),
		T(test_merkle__append_completes_subtrees),
		T(test_merkle__append_leaf_zero_reads_nothing),
		T(test_merkle__append_missing_sibling_fails),
		T(test_merkle__sixty_four_bit_edges),
		T(test_merkle__root_matches_reference),
		T(test_merkle__inclusion_matches_reference),
		T(test_merkle__consistency_matches_reference),
		T(test_merkle__inclusion_rejects_tampering),
		T(test_merkle__consistency_rejects_tampering),
		T(test_merkle__inclusion_proof_does_not_bind_size),
		T(test_merkle__verify_edge_cases),
		T(test_merkle__generators_reject_bad_arguments),
		T(test_merkle__get_failure_propagates),
	};
#undef T

	return cmocka_run_group_tests(tests, group_setup, NULL);
}
