#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "crypto/crypto.h"
#include "receipts/merkle.h"

_Static_assert(MERKLE_HASH == CRYPTO_SHA256_BYTES, "merkle hash is SHA-256");

/* RFC 9162 §2.1.1 domain separation: a leaf can never pose as a node. */
static const unsigned char leaf_prefix = 0x00;
static const unsigned char node_prefix = 0x01;

/* The largest power of two smaller than n, for n >= 2 (RFC 9162's k). */
static uint64_t
split_point(uint64_t n)
{
	uint64_t	p = n - 1;

	p |= p >> 1;
	p |= p >> 2;
	p |= p >> 4;
	p |= p >> 8;
	p |= p >> 16;
	p |= p >> 32;
	return (p >> 1) + 1;
}

static bool
is_pow2(uint64_t n)
{
	return n != 0 && (n & (n - 1)) == 0;
}

/* log2 of a power of two. */
static unsigned
log2_exact(uint64_t n)
{
	unsigned	l = 0;

	while (n > 1) {
		n >>= 1;
		l++;
	}
	return l;
}

void
merkle_leaf_hash(const void *leaf, size_t n, unsigned char out[MERKLE_HASH])
{
	unsigned char	h[MERKLE_HASH];

	/* Through h: out may alias the input, and crypto_sha256 does not say. */
	crypto_sha256(h, &leaf_prefix, 1, leaf, n, NULL, 0);
	memcpy(out, h, MERKLE_HASH);
}

void
merkle_node_hash(const unsigned char left[MERKLE_HASH],
    const unsigned char right[MERKLE_HASH], unsigned char out[MERKLE_HASH])
{
	unsigned char	h[MERKLE_HASH];

	/*
	 * Through h: callers fold in place (out is left or right), and
	 * crypto_sha256 does not promise to read its input before writing out.
	 */
	crypto_sha256(h, &node_prefix, 1, left, MERKLE_HASH, right, MERKLE_HASH);
	memcpy(out, h, MERKLE_HASH);
}

int
merkle_append(merkle_get_fn get, void *arg, uint64_t index,
    const unsigned char leaf_hash[MERKLE_HASH],
    struct merkle_node out[MERKLE_MAX_PROOF + 1])
{
	unsigned char	sibling[MERKLE_HASH];
	uint64_t	i = index;
	unsigned	level = 0;
	int		count = -1;

	out[0].level = 0;
	out[0].index = index;
	memcpy(out[0].hash, leaf_hash, MERKLE_HASH);
	/*
	 * A node with an odd index is a right child, so its left sibling is
	 * already complete and stored, and together they complete the parent.
	 * The new node itself is not stored yet, so it comes from out[], never
	 * from get.  At most 64 odd indices in a row: out[] holds 65 nodes.
	 */
	while ((i & 1) != 0) {
		if (get(arg, level, i - 1, sibling) != 0)
			goto out;
		merkle_node_hash(sibling, out[level].hash, out[level + 1].hash);
		level++;
		i >>= 1;
		out[level].level = level;
		out[level].index = i;
	}
	count = (int)level + 1;
out:
	return count;
}

/*
 * MTH(D[a:b]) for 0 <= a < b, from stored complete nodes: an aligned
 * power-of-two range is one stored node; any other range splits like
 * RFC 9162's MTH, at the largest power of two below its size.  Both halves
 * have a smaller ceil(log2(size)), so depth never exceeds 64 for a 64-bit
 * range; the bound is there so a broken caller fails instead of recursing.
 */
static int
range_hash(merkle_get_fn get, void *arg, uint64_t a, uint64_t b,
    unsigned depth, unsigned char out[MERKLE_HASH])
{
	unsigned char	left[MERKLE_HASH], right[MERKLE_HASH];
	uint64_t	n = b - a, k;
	unsigned	level;
	int		rc = -1;

	if (depth > MERKLE_MAX_PROOF || b <= a)
		goto out;
	if (is_pow2(n) && a % n == 0) {
		level = log2_exact(n);
		rc = get(arg, level, a >> level, out) == 0 ? 0 : -1;
		goto out;
	}
	k = split_point(n);
	if (range_hash(get, arg, a, a + k, depth + 1, left) != 0)
		goto out;
	if (range_hash(get, arg, a + k, b, depth + 1, right) != 0)
		goto out;
	merkle_node_hash(left, right, out);
	rc = 0;
out:
	return rc;
}

int
merkle_root(merkle_get_fn get, void *arg, uint64_t size,
    unsigned char out[MERKLE_HASH])
{
	unsigned char	part[MERKLE_MAX_PROOF][MERKLE_HASH];
	uint64_t	start = 0;
	unsigned	level, count = 0;
	int		rc = -1;

	if (size == 0) {
		crypto_sha256(out, NULL, 0, NULL, 0, NULL, 0);
		rc = 0;
		goto out;
	}
	/*
	 * Each set bit of size, highest first, is one complete subtree.  MTH
	 * splits at the largest power of two below n, which is exactly the
	 * first of these subtrees whenever there is more than one, so folding
	 * from the right (the last subtree is the innermost right child)
	 * reproduces the RFC's recursion.
	 */
	for (level = 64; level-- > 0;) {
		if (((size >> level) & 1) == 0)
			continue;
		if (get(arg, level, start >> level, part[count]) != 0)
			goto out;
		start += (uint64_t)1 << level;
		count++;
	}
	memcpy(out, part[count - 1], MERKLE_HASH);
	while (count-- > 1)
		merkle_node_hash(part[count - 1], out, out);
	rc = 0;
out:
	return rc;
}

/* Reverse the first n hashes: proofs are collected root first, sent leaf first. */
static void
reverse(unsigned char proof[][MERKLE_HASH], size_t n)
{
	unsigned char	t[MERKLE_HASH];
	size_t		i;

	for (i = 0; i < n / 2; i++) {
		memcpy(t, proof[i], MERKLE_HASH);
		memcpy(proof[i], proof[n - 1 - i], MERKLE_HASH);
		memcpy(proof[n - 1 - i], t, MERKLE_HASH);
	}
}

int
merkle_inclusion_proof(merkle_get_fn get, void *arg, uint64_t index,
    uint64_t size, unsigned char proof[MERKLE_MAX_PROOF][MERKLE_HASH],
    size_t *n)
{
	uint64_t	a = 0, b = size, k;
	size_t		count = 0;
	int		rc = -1;

	*n = 0;
	if (index >= size)
		goto out;
	/*
	 * RFC 9162 PATH(m, D[a:b]) unrolled from the top: at each split the
	 * half without the leaf contributes its MTH, and the walk goes on into
	 * the half with it.  PATH lists those from the leaf up, hence reverse().
	 */
	while (b - a > 1) {
		if (count == MERKLE_MAX_PROOF)
			goto out;
		k = split_point(b - a);
		if (index < a + k) {
			if (range_hash(get, arg, a + k, b, 0, proof[count]) != 0)
				goto out;
			b = a + k;
		} else {
			if (range_hash(get, arg, a, a + k, 0, proof[count]) != 0)
				goto out;
			a += k;
		}
		count++;
	}
	reverse(proof, count);
	*n = count;
	rc = 0;
out:
	return rc;
}

int
merkle_consistency_proof(merkle_get_fn get, void *arg, uint64_t first,
    uint64_t second, unsigned char proof[MERKLE_MAX_PROOF][MERKLE_HASH],
    size_t *n)
{
	uint64_t	a = 0, b = second, k;
	size_t		count = 0;
	bool		whole = true;	/* RFC's b: D[a:b] is the whole first tree */
	int		rc = -1;

	*n = 0;
	if (first == 0 || first > second)
		goto out;
	/*
	 * RFC 9162 SUBPROOF(m, D[a:b], b) unrolled from the top.  The walk ends
	 * when the range is exactly the first tree's part in it; that part's MTH
	 * is sent unless it is the first tree's whole root, which the verifier
	 * already has.
	 */
	for (;;) {
		if (b == first) {
			if (whole)
				break;
			if (count == MERKLE_MAX_PROOF)
				goto out;
			if (range_hash(get, arg, a, b, 0, proof[count]) != 0)
				goto out;
			count++;
			break;
		}
		if (count == MERKLE_MAX_PROOF)
			goto out;
		k = split_point(b - a);
		if (first <= a + k) {
			if (range_hash(get, arg, a + k, b, 0, proof[count]) != 0)
				goto out;
			b = a + k;
		} else {
			if (range_hash(get, arg, a, a + k, 0, proof[count]) != 0)
				goto out;
			a += k;
			whole = false;
		}
		count++;
	}
	reverse(proof, count);
	*n = count;
	rc = 0;
out:
	return rc;
}

bool
merkle_verify_inclusion(const unsigned char leaf_hash[MERKLE_HASH],
    uint64_t index, uint64_t size, const unsigned char proof[][MERKLE_HASH],
    size_t n, const unsigned char root[MERKLE_HASH])
{
	unsigned char	r[MERKLE_HASH];
	uint64_t	fn, sn;
	size_t		i;
	bool		ok = false;

	/* The steps are RFC 9162 §2.1.3.2's, numbered as there. */
	if (index >= size)					/* 1 */
		goto out;
	fn = index;						/* 2 */
	sn = size - 1;
	memcpy(r, leaf_hash, MERKLE_HASH);			/* 3 */
	for (i = 0; i < n; i++) {				/* 4 */
		if (sn == 0)					/* 4a */
			goto out;
		if ((fn & 1) != 0 || fn == sn) {		/* 4b */
			merkle_node_hash(proof[i], r, r);
			while ((fn & 1) == 0 && fn != 0) {
				fn >>= 1;
				sn >>= 1;
			}
		} else
			merkle_node_hash(r, proof[i], r);
		fn >>= 1;					/* 4c */
		sn >>= 1;
	}
	ok = sn == 0 && memcmp(r, root, MERKLE_HASH) == 0;	/* 5 */
out:
	return ok;
}

bool
merkle_verify_consistency(uint64_t first, uint64_t second,
    const unsigned char first_root[MERKLE_HASH],
    const unsigned char second_root[MERKLE_HASH],
    const unsigned char proof[][MERKLE_HASH], size_t n)
{
	unsigned char	fr[MERKLE_HASH], sr[MERKLE_HASH];
	uint64_t	fn, sn;
	size_t		i;
	bool		ok = false;

	/*
	 * The RFC's algorithm is for 0 < first < second.  A tree is an
	 * extension of itself with the empty proof (what the generator makes);
	 * the empty tree is refused because the generator never proves from it.
	 */
	if (first == 0 || first > second)
		goto out;
	if (first == second) {
		ok = n == 0 && memcmp(first_root, second_root, MERKLE_HASH) == 0;
		goto out;
	}
	/* The steps are RFC 9162 §2.1.4.2's, numbered as there. */
	if (n == 0)						/* 1 */
		goto out;
	/*
	 * 2 and 5: rather than prepend first_root to the caller's array, start
	 * from it and take every element as a "subsequent value".
	 */
	i = 0;
	if (is_pow2(first))
		memcpy(fr, first_root, MERKLE_HASH);
	else
		memcpy(fr, proof[i++], MERKLE_HASH);
	memcpy(sr, fr, MERKLE_HASH);
	fn = first - 1;						/* 3 */
	sn = second - 1;
	while ((fn & 1) != 0) {					/* 4 */
		fn >>= 1;
		sn >>= 1;
	}
	for (; i < n; i++) {					/* 6 */
		if (sn == 0)					/* 6a */
			goto out;
		if ((fn & 1) != 0 || fn == sn) {		/* 6b */
			merkle_node_hash(proof[i], fr, fr);
			merkle_node_hash(proof[i], sr, sr);
			while ((fn & 1) == 0 && fn != 0) {
				fn >>= 1;
				sn >>= 1;
			}
		} else
			merkle_node_hash(sr, proof[i], sr);
		fn >>= 1;					/* 6c */
		sn >>= 1;
	}
	ok = memcmp(fr, first_root, MERKLE_HASH) == 0 &&	/* 7 */
	    memcmp(sr, second_root, MERKLE_HASH) == 0 && sn == 0;
out:
	return ok;
}
