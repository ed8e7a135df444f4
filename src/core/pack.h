#ifndef LOUDONG_CORE_PACK_H
#define LOUDONG_CORE_PACK_H

/*
 * A fixed list of strings as one byte string, for sealing as a unit: a
 * version byte '1', then each string followed by a NUL.  The strings must
 * not hold NUL (callers validate text before packing).
 */
#include <stddef.h>

struct arena;

/* Pack n strings (NULL counts as ""); *len receives the size. */
unsigned char	*pack_strings(struct arena *a, const char *const *s, int n, size_t *len);

/* Unpack exactly n strings into s (pointing into an arena copy).  0 or -1. */
int		 unpack_strings(struct arena *a, const unsigned char *p, size_t len,
		    const char **s, int n) __attribute__((warn_unused_result));

#endif
