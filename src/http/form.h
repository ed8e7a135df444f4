#ifndef LOUDONG_HTTP_FORM_H
#define LOUDONG_HTTP_FORM_H

#include <stddef.h>

#include "core/str.h"

struct arena;

/*
 * application/x-www-form-urlencoded (and query strings): pairs decoded into
 * the arena ('+' is a space, %XX a byte; a malformed escape is kept as
 * text).  Values are NUL-terminated copies whose length is also given, so
 * an embedded %00 is visible to the validators.
 */
struct form_pair {
	struct str	name;	/* decoded */
	struct str	value;	/* decoded */
};

#define FORM_MAX_PAIRS	256	/* more is refused as malformed */

/* Parse; returns the number of pairs, or -1 if there are too many. */
int	form_parse(struct arena *a, struct str body, struct form_pair **out);

/* The first value for name, or NULL. */
const struct str *form_get(const struct form_pair *pairs, int n, const char *name);

/* Percent-decode n bytes into the arena ('+' -> ' ' when plus is set). */
struct str	form_decode(struct arena *a, const char *p, size_t n, int plus);

#endif
