#ifndef LOUDONG_CORE_STR_H
#define LOUDONG_CORE_STR_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/*
 * Untrusted bytes: a pointer and a length, never assumed NUL-terminated
 * (H2O's h2o_iovec_t).  A str does not own its bytes.
 */
struct str {
	const char	*p;	/* the bytes (may be NULL when n == 0) */
	size_t		 n;	/* how many */
};

#define STR_NULL	((struct str){ NULL, 0 })
#define STR_LIT(s)	((struct str){ (s), sizeof(s) - 1 })

static inline struct str
str_from(const char *s)
{
	return (struct str){ s, s ? strlen(s) : 0 };
}

/* Byte-wise equality with a C string. */
static inline bool
str_eq(struct str a, const char *b)
{
	size_t	n = strlen(b);

	return a.n == n && (n == 0 || memcmp(a.p, b, n) == 0);
}

/* ASCII case-insensitive equality with a C string. */
bool	str_caseeq(struct str a, const char *b);

/* True if a starts with the C string prefix. */
bool	str_has_prefix(struct str a, const char *prefix);

/*
 * An http:// or https:// URL (scheme in any case) with a host, and no
 * space, control character or DEL anywhere: what may be stored, linked
 * and fetched.  Escaping is still the writer's.
 */
bool	str_http_url(struct str u);

/* The index of s in names[0..n) (exact match), or -1: enum names from text. */
int		str_index(const char *const *names, int n, struct str s);

/* a without leading and trailing ASCII spaces and tabs. */
struct str	str_trim(struct str a);

/*
 * Split *rest at the first sep: returns the part before it and advances
 * *rest past it (or to the end).  For walking "a; b; c" style headers.
 */
struct str	str_split(struct str *rest, char sep);

#endif
