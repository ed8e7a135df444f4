#ifndef LOUDONG_HTTP_PUBCACHE_H
#define LOUDONG_HTTP_PUBCACHE_H

/*
 * Answers to public reads, kept in memory (inside http/ only).
 *
 * An R_PUBLIC route's answer depends on nothing but its path, its declared
 * parameters, the language and the public content (core/pubgen.h).  A 200
 * answer is copied into an entry keyed by the first three and stamped with
 * the generation read before the handler ran; a later request with the same
 * key is answered from the entry while the generation is unchanged, with no
 * database round trip.  Entries are immutable and reference-counted: the
 * table holds one reference, each response being sent holds one, and the
 * last release frees the entry in a single free().  The table is bounded in
 * bytes; the oldest entries go first.
 */
#include <stddef.h>
#include <stdint.h>

struct resp_header;

/* An ETag: '"', 32 hex digits, '"', NUL. */
#define PC_ETAG_SIZE	35

struct pc_entry {
	const char	*ctype;		/* Content-Type */
	const char	*etag;		/* strong validator, quoted */
	const char	*const *hdrs;	/* name, value, name, value ... */
	size_t		 nhdrs;		/* pairs */
	const char	*body;		/* the bytes */
	size_t		 len;		/* how many */
};

struct pubcache;

/*
 * A cache of at most max_bytes whose entries live at most max_age seconds
 * (so what an answer computes from the clock, such as security.txt's
 * Expires, stays fresh); NULL when max_bytes is 0 (no cache).
 */
struct pubcache	*pubcache_new(size_t max_bytes, int64_t max_age);
void		 pubcache_free(struct pubcache *pc);	/* accepts NULL */

/*
 * The entry for key made at generation gen, with a reference the caller
 * releases; NULL if none (or pc is NULL).  An entry of another generation
 * is dropped on the way.
 */
const struct pc_entry *pubcache_get(struct pubcache *pc, const char *key,
		    size_t keylen, uint64_t gen, int64_t now);

/*
 * Keep a copy of a 200 answer made at generation gen, with the handler's
 * extra headers; replaces any entry for the key.  Answers larger than an
 * eighth of the cache are not kept.  Accepts a NULL pc.
 */
void		 pubcache_put(struct pubcache *pc, const char *key, size_t keylen,
		    uint64_t gen, int64_t now, const char *ctype, const char *etag,
		    const struct resp_header *headers, const void *body, size_t len);

/* Drop a reference from pubcache_get. */
void		 pubcache_release(const struct pc_entry *e);

/* The strong ETag of a body (a truncated SHA-256), quoted. */
void		 pubcache_etag(const void *body, size_t len, char out[PC_ETAG_SIZE]);

/*
 * Does an If-None-Match value name etag (weak comparison, RFC 9110
 * 13.1.2)?  "*" matches anything.
 */
int		 pubcache_etag_match(const char *if_none_match, const char *etag);

/* Figures for the operator: entries, bytes, hits, misses. */
struct pc_stats {
	size_t		 entries;
	size_t		 bytes;
	uint64_t	 hits;
	uint64_t	 misses;
};
void		 pubcache_stats(struct pubcache *pc, struct pc_stats *out);

#endif
