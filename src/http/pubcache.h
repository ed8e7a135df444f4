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
 *
 * An entry may also carry its answers ready to send (PC_NATIVE_*: made by
 * server.c, opaque here, destroyed with the entry), so a hit costs neither
 * a response nor its headers.
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

/* The ready answers an entry may carry. */
enum pc_native {
	PC_NATIVE_200,		/* the answer */
	PC_NATIVE_304,		/* Not Modified, for If-None-Match */
	PC_NATIVE__MAX
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
 * releases; NULL if none (or pc is NULL).  An entry of another generation,
 * or older than max_age at now (unix seconds), is dropped on the way.
 * native (may be NULL) gets the ready answers attached so far, or NULLs;
 * they live as long as the reference.
 */
const struct pc_entry *pubcache_get(struct pubcache *pc, const char *key,
		    size_t keylen, uint64_t gen, int64_t now,
		    void *native[PC_NATIVE__MAX]);

/*
 * Keep a copy of a 200 answer made at generation gen, with the handler's
 * extra headers; replaces any entry for the key.  Answers larger than an
 * eighth of the cache are not kept.  The new entry with a reference for
 * the caller (to attach ready answers), or NULL if it was not kept (or pc
 * is NULL).
 */
const struct pc_entry *pubcache_put(struct pubcache *pc, const char *key, size_t keylen,
		    uint64_t gen, int64_t now, const char *ctype, const char *etag,
		    const struct resp_header *headers, const void *body, size_t len);

/*
 * Give e its ready answers, which destroy() frees when the entry goes;
 * bytes is what they hold, counted against the bound.  Once, by the
 * caller of the pubcache_put that returned e.
 */
void		 pubcache_attach(struct pubcache *pc, const struct pc_entry *e,
		    void *native[PC_NATIVE__MAX], void (*destroy)(void *), size_t bytes);

/* Drop a reference from pubcache_get or pubcache_put. */
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
