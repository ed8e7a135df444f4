#ifndef LOUDONG_RECEIPTS_MERKLE_H
#define LOUDONG_RECEIPTS_MERKLE_H

/*
 * The Merkle tree of the receipt log, with RFC 9162 (Certificate
 * Transparency v2) hashing:
 *   leaf hash  = SHA-256(0x00 || leaf bytes)
 *   node hash  = SHA-256(0x01 || left || right)
 *   MTH({})    = SHA-256("")
 * The tree is kept as its complete subtrees: node (level, index) is the
 * hash of leaves [index * 2^level, (index + 1) * 2^level).  Appending a leaf
 * completes at most log2(n) + 1 such nodes; the caller persists them and
 * hands them back through a merkle_get_fn.  Roots and proofs then take
 * O(log n) lookups (O(log^2 n) for the right edge of an incomplete tree).
 * Pure code: no I/O, no allocation beyond the caller's buffers.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MERKLE_HASH		32	/* SHA-256 */
/*
 * Proof length bound.  Inclusion proofs fit for any size; a consistency
 * proof needs ceil(log2(second)) + 1 hashes, so trees are limited to 2^63
 * leaves (the generators return -1 beyond).
 */
#define MERKLE_MAX_PROOF	64

/*
 * Fetch the stored node (level, index) into out.  0, or -1 if it is not
 * stored (which, for a node the tree says is complete, is corruption).
 */
typedef int (*merkle_get_fn)(void *arg, unsigned level, uint64_t index,
    unsigned char out[MERKLE_HASH]);

struct merkle_node {
	unsigned	level;			/* 0 for the leaf itself */
	uint64_t	index;			/* position at that level */
	unsigned char	hash[MERKLE_HASH];	/* the hash */
};

/* RFC 9162 hashing. */
void	merkle_leaf_hash(const void *leaf, size_t n, unsigned char out[MERKLE_HASH]);
void	merkle_node_hash(const unsigned char left[MERKLE_HASH],
	    const unsigned char right[MERKLE_HASH], unsigned char out[MERKLE_HASH]);

/*
 * The nodes that appending leaf number index (0-based; the tree had index
 * leaves before) with hash leaf_hash completes, the leaf's own (0, index)
 * first.  Returns how many were written to out (at most MERKLE_MAX_PROOF+1),
 * or -1 if a sibling could not be fetched.
 */
int	merkle_append(merkle_get_fn get, void *arg, uint64_t index,
	    const unsigned char leaf_hash[MERKLE_HASH],
	    struct merkle_node out[MERKLE_MAX_PROOF + 1])
	    __attribute__((warn_unused_result));

/* The root of the first size leaves.  0, or -1 if a node is missing. */
int	merkle_root(merkle_get_fn get, void *arg, uint64_t size,
	    unsigned char out[MERKLE_HASH])
	    __attribute__((warn_unused_result));

/*
 * RFC 9162 §2.1.3.1 inclusion proof of leaf index in the tree of size
 * leaves (index < size).  Writes *n hashes to proof.  0, or -1.
 */
int	merkle_inclusion_proof(merkle_get_fn get, void *arg, uint64_t index,
	    uint64_t size, unsigned char proof[MERKLE_MAX_PROOF][MERKLE_HASH],
	    size_t *n)
	    __attribute__((warn_unused_result));

/*
 * RFC 9162 §2.1.4.1 consistency proof between the trees of first and
 * second leaves (0 < first <= second).  Writes *n hashes.  0, or -1.
 */
int	merkle_consistency_proof(merkle_get_fn get, void *arg, uint64_t first,
	    uint64_t second, unsigned char proof[MERKLE_MAX_PROOF][MERKLE_HASH],
	    size_t *n)
	    __attribute__((warn_unused_result));

/*
 * RFC 9162 §2.1.3.2: does proof show leaf_hash at index in root's tree?
 * The size only shapes the path: a proof may also verify with another size
 * of the same shape, so always take size and root together from one signed
 * tree head.
 */
bool	merkle_verify_inclusion(const unsigned char leaf_hash[MERKLE_HASH],
	    uint64_t index, uint64_t size,
	    const unsigned char proof[][MERKLE_HASH], size_t n,
	    const unsigned char root[MERKLE_HASH]);

/*
 * RFC 9162 §2.1.4.2: is the tree of second leaves an extension of first's?
 * first == second holds only with an empty proof and equal roots; first == 0
 * never verifies.
 */
bool	merkle_verify_consistency(uint64_t first, uint64_t second,
	    const unsigned char first_root[MERKLE_HASH],
	    const unsigned char second_root[MERKLE_HASH],
	    const unsigned char proof[][MERKLE_HASH], size_t n);

#endif
