#ifndef LOUDONG_HTTP_ROUTER_H
#define LOUDONG_HTTP_ROUTER_H

#include <stddef.h>

#include "http/req.h"

/*
 * Matches a method and a decoded path against declared routes.  Patterns
 * are '/'-separated segments, literal or "{name}"; a {name} segment matches
 * one non-empty segment.  Literal segments win over captures, so
 * "/users/me" can sit beside "/users/{id}".
 */
struct router;

/* A table of routes; the router keeps the pointer, not a copy. */
struct route_table {
	const struct route	*routes;	/* the entries */
	size_t			 n;		/* how many */
};

/* Build from tables; aborts on a malformed pattern (a programming error). */
struct router	*router_new(const struct route_table *tables, size_t ntables);
void		 router_free(struct router *r);	/* accepts NULL */

#define ROUTER_MAX_CAPTURES	4

struct route_match {
	const struct route	*route;		/* MATCH_OK: the route */
	struct str		 cap_name[ROUTER_MAX_CAPTURES];	/* {name}s */
	struct str		 cap_val[ROUTER_MAX_CAPTURES];	/* their values */
	size_t			 ncap;		/* how many */
	unsigned		 allow;		/* MATCH_NOMETHOD: bit per allowed method */
};

enum match_result {
	MATCH_OK,
	MATCH_NOPATH,	/* 404 */
	MATCH_NOMETHOD,	/* 405, with allow set */
};

enum match_result	router_match(const struct router *r, enum http_method m,
			    const char *path, struct route_match *out);

#endif
