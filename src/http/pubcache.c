/*
 * The public-content cache (pubcache.h): a chained hash table under one
 * mutex, a list from oldest to newest for eviction, entries made of one
 * allocation each.  The lock covers only pointer work; building an entry
 * and freeing one happen outside it.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/xalloc.h"
#include "crypto/crypto.h"
#include "http/pubcache.h"
#include "http/req.h"

#define NBUCKETS	4096u	/* a power of two */

struct entry {
	struct pc_entry	 pub;		/* what callers see; first */
	atomic_size_t	 refs;		/* the table's and each sender's */
	struct entry	*bnext;		/* bucket chain */
	struct entry	*older;		/* eviction list */
	struct entry	*newer;
	uint64_t	 hash;		/* of the key */
	uint64_t	 gen;		/* public generation it was made at */
	int64_t		 born;		/* unix seconds */
	size_t		 size;		/* bytes counted against the bound */
	size_t		 keylen;
	const char	*key;
	bool		 linked;	/* in the table */
	void		*native[PC_NATIVE__MAX];	/* ready answers, or NULL */
	void		(*destroy)(void *);		/* frees each */
};

struct pubcache {
	pthread_mutex_t	 mu;
	struct entry	*buckets[NBUCKETS];
	struct entry	*oldest, *newest;
	size_t		 bytes, max_bytes, entries;
	int64_t		 max_age;	/* seconds */
	uint64_t	 hits, misses;
};

static uint64_t
hash_key(const char *k, size_t n)
{
	uint64_t	h = 0xcbf29ce484222325ull;	/* FNV-1a */
	size_t		i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)k[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

struct pubcache *
pubcache_new(size_t max_bytes, int64_t max_age)
{
	struct pubcache	*pc;

	if (max_bytes == 0)
		return NULL;
	pc = xcalloc(1, sizeof(*pc));
	pthread_mutex_init(&pc->mu, NULL);
	pc->max_bytes = max_bytes;
	pc->max_age = max_age;
	return pc;
}

static void
entry_unref(struct entry *e)
{
	int	i;

	if (atomic_fetch_sub(&e->refs, 1) != 1)
		return;
	for (i = 0; i < PC_NATIVE__MAX; i++)
		if (e->native[i] != NULL)
			e->destroy(e->native[i]);
	free(e);
}

void
pubcache_release(const struct pc_entry *e)
{
	if (e != NULL)
		entry_unref((struct entry *)(uintptr_t)e);
}

/* Take e out of the table (lock held); the caller drops the table's reference. */
static void
unlink_entry(struct pubcache *pc, struct entry *e)
{
	struct entry	**pp = &pc->buckets[e->hash & (NBUCKETS - 1)];

	while (*pp != e)
		pp = &(*pp)->bnext;
	*pp = e->bnext;
	if (e->older != NULL)
		e->older->newer = e->newer;
	else
		pc->oldest = e->newer;
	if (e->newer != NULL)
		e->newer->older = e->older;
	else
		pc->newest = e->older;
	pc->bytes -= e->size;
	pc->entries--;
	e->linked = false;
}

static struct entry *
find(struct pubcache *pc, uint64_t h, const char *key, size_t keylen)
{
	struct entry	*e;

	for (e = pc->buckets[h & (NBUCKETS - 1)]; e != NULL; e = e->bnext)
		if (e->hash == h && e->keylen == keylen &&
		    memcmp(e->key, key, keylen) == 0)
			return e;
	return NULL;
}

const struct pc_entry *
pubcache_get(struct pubcache *pc, const char *key, size_t keylen, uint64_t gen,
    int64_t now, void *native[PC_NATIVE__MAX])
{
	struct entry	*e, *stale = NULL;
	uint64_t	 h;

	if (native != NULL)
		memset(native, 0, PC_NATIVE__MAX * sizeof(*native));
	if (pc == NULL)
		return NULL;
	h = hash_key(key, keylen);
	pthread_mutex_lock(&pc->mu);
	if ((e = find(pc, h, key, keylen)) != NULL &&
	    (e->gen != gen || now - e->born >= pc->max_age)) {
		unlink_entry(pc, e);
		stale = e;
		e = NULL;
	}
	if (e != NULL) {
		atomic_fetch_add(&e->refs, 1);
		if (native != NULL)
			memcpy(native, e->native, sizeof(e->native));
		pc->hits++;
	} else
		pc->misses++;
	pthread_mutex_unlock(&pc->mu);
	if (stale != NULL)
		entry_unref(stale);
	return e != NULL ? &e->pub : NULL;
}

/* Copy s (n bytes) to *p, NUL-terminate, advance; the copy. */
static const char *
put_bytes(char **p, const char *s, size_t n)
{
	char	*d = *p;

	if (n > 0)
		memcpy(d, s, n);
	d[n] = '\0';
	*p += n + 1;
	return d;
}

const struct pc_entry *
pubcache_put(struct pubcache *pc, const char *key, size_t keylen, uint64_t gen,
    int64_t now, const char *ctype, const char *etag, const struct resp_header *headers,
    const void *body, size_t len)
{
	const struct resp_header *h;
	struct entry		*e, *old, *victims = NULL;
	const char		**hdrs;
	size_t			 nh = 0, size, i;
	char			*p;

	if (pc == NULL || len > pc->max_bytes / 8)
		return NULL;
	if (ctype == NULL)
		ctype = "application/octet-stream";
	size = sizeof(*e) + keylen + 1 + strlen(ctype) + 1 + strlen(etag) + 1 + len + 1;
	for (h = headers; h != NULL; h = h->next) {
		if (strcasecmp(h->name, "Set-Cookie") == 0)
			return NULL;	/* somebody's answer: never shared */
		size += 2 * sizeof(char *) + strlen(h->name) + 1 + strlen(h->value) + 1;
		nh++;
	}
	e = xcalloc(1, size);
	hdrs = (const char **)(void *)(e + 1);
	p = (char *)(hdrs + 2 * nh);
	/* headers is newest first: keep them in the order they were added. */
	i = nh;
	for (h = headers; h != NULL; h = h->next) {
		i--;
		hdrs[2 * i] = put_bytes(&p, h->name, strlen(h->name));
		hdrs[2 * i + 1] = put_bytes(&p, h->value, strlen(h->value));
	}
	e->key = put_bytes(&p, key, keylen);
	e->keylen = keylen;
	e->pub.ctype = put_bytes(&p, ctype, strlen(ctype));
	e->pub.etag = put_bytes(&p, etag, strlen(etag));
	e->pub.hdrs = hdrs;
	e->pub.nhdrs = nh;
	e->pub.body = put_bytes(&p, body, len);
	e->pub.len = len;
	e->hash = hash_key(key, keylen);
	e->gen = gen;
	e->born = now;
	e->size = size;
	atomic_init(&e->refs, 2);	/* the table's and the caller's */
	e->linked = true;

	pthread_mutex_lock(&pc->mu);
	if ((old = find(pc, e->hash, key, keylen)) != NULL) {
		unlink_entry(pc, old);
		old->bnext = victims;
		victims = old;
	}
	while (pc->oldest != NULL && pc->bytes + size > pc->max_bytes) {
		old = pc->oldest;
		unlink_entry(pc, old);
		old->bnext = victims;
		victims = old;
	}
	e->bnext = pc->buckets[e->hash & (NBUCKETS - 1)];
	pc->buckets[e->hash & (NBUCKETS - 1)] = e;
	e->older = pc->newest;
	if (pc->newest != NULL)
		pc->newest->newer = e;
	else
		pc->oldest = e;
	pc->newest = e;
	pc->bytes += size;
	pc->entries++;
	pthread_mutex_unlock(&pc->mu);

	while (victims != NULL) {
		old = victims;
		victims = old->bnext;
		entry_unref(old);
	}
	return &e->pub;
}

void
pubcache_attach(struct pubcache *pc, const struct pc_entry *pe,
    void *native[PC_NATIVE__MAX], void (*destroy)(void *), size_t bytes)
{
	struct entry	*e = (struct entry *)(uintptr_t)pe;

	/* Under the lock: a reader copies e->native in pubcache_get. */
	pthread_mutex_lock(&pc->mu);
	memcpy(e->native, native, sizeof(e->native));
	e->destroy = destroy;
	e->size += bytes;
	if (e->linked)
		pc->bytes += bytes;
	pthread_mutex_unlock(&pc->mu);
}

void
pubcache_free(struct pubcache *pc)
{
	struct entry	*e, *next;

	if (pc == NULL)
		return;
	for (e = pc->oldest; e != NULL; e = next) {
		next = e->newer;
		entry_unref(e);
	}
	pthread_mutex_destroy(&pc->mu);
	free(pc);
}

void
pubcache_stats(struct pubcache *pc, struct pc_stats *out)
{
	memset(out, 0, sizeof(*out));
	if (pc == NULL)
		return;
	pthread_mutex_lock(&pc->mu);
	out->entries = pc->entries;
	out->bytes = pc->bytes;
	out->hits = pc->hits;
	out->misses = pc->misses;
	pthread_mutex_unlock(&pc->mu);
}

void
pubcache_etag(const void *body, size_t len, char out[PC_ETAG_SIZE])
{
	char	hex[CRYPTO_HASH_HEX];

	crypto_hash_hex(body, len, hex);
	out[0] = '"';
	memcpy(out + 1, hex, 32);
	out[33] = '"';
	out[34] = '\0';
}

int
pubcache_etag_match(const char *inm, const char *etag)
{
	size_t		 elen;
	const char	*p, *q;

	if (inm == NULL || etag == NULL)
		return 0;
	elen = strlen(etag);
	for (p = inm; *p != '\0'; ) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p == '\0')
			break;
		if (*p == '*')
			return 1;
		if (p[0] == 'W' && p[1] == '/')
			p += 2;		/* weak comparison: the opaque tags alone */
		if (*p != '"')
			return 0;	/* not a list of entity tags: no match */
		if ((q = strchr(p + 1, '"')) == NULL)
			return 0;
		if ((size_t)(q + 1 - p) == elen && memcmp(p, etag, elen) == 0)
			return 1;
		p = q + 1;
	}
	return 0;
}
