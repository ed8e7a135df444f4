#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "http/router.h"

struct router_entry {
	const struct route	*route;		/* the declaration */
	struct str		 seg[16];	/* pattern segments */
	size_t			 nseg;		/* how many */
	unsigned		 literal_mask;	/* bit i: segment i is literal */
};

#define MAX_SEGMENTS	16

/*
 * Routes by their number of segments, each list in declaration order: a
 * path is compared only with the patterns as long as it is (every request
 * goes through here, so a scan of all several hundred was a tenth of the
 * server's time on public reads).
 */
struct router {
	struct router_entry	*e;	/* every route */
	size_t			 n;	/* how many */
	size_t			*byseg[MAX_SEGMENTS + 1];	/* indices into e */
	size_t			 nbyseg[MAX_SEGMENTS + 1];
};

/* Split path into segments (no empty ones but for "/"); -1 if too many. */
static int
split(const char *path, struct str *seg, size_t *nseg)
{
	struct str	rest = str_from(path), s;

	*nseg = 0;
	if (rest.n == 0 || rest.p[0] != '/')
		return -1;
	rest.p++;
	rest.n--;
	while (rest.n > 0) {
		s = str_split(&rest, '/');
		if (*nseg == MAX_SEGMENTS)
			return -1;
		seg[(*nseg)++] = s;
	}
	return 0;
}

static bool
is_capture(struct str s)
{
	return s.n >= 3 && s.p[0] == '{' && s.p[s.n - 1] == '}';
}

struct router *
router_new(const struct route_table *tables, size_t ntables)
{
	struct router	*r;
	size_t		 t, i, j, total = 0, ncap;

	for (t = 0; t < ntables; t++)
		total += tables[t].n;
	r = xcalloc(1, sizeof(*r));
	r->e = xcalloc(total, sizeof(*r->e));
	for (t = 0; t < ntables; t++) {
		for (i = 0; i < tables[t].n; i++) {
			struct router_entry *e = &r->e[r->n++];

			e->route = &tables[t].routes[i];
			if (split(e->route->pattern, e->seg, &e->nseg) != 0) {
				fprintf(stderr, "fatal: bad route pattern '%s'\n",
				    e->route->pattern);
				abort();
			}
			for (j = 0, ncap = 0; j < e->nseg; j++) {
				if (!is_capture(e->seg[j]))
					e->literal_mask |= 1u << j;
				else
					ncap++;
			}
			if (ncap > ROUTER_MAX_CAPTURES) {
				fprintf(stderr, "fatal: too many captures in '%s'\n",
				    e->route->pattern);
				abort();
			}
		}
	}
	for (i = 0; i < r->n; i++)
		r->nbyseg[r->e[i].nseg]++;
	for (j = 0; j <= MAX_SEGMENTS; j++) {
		r->byseg[j] = xcalloc(r->nbyseg[j] + 1, sizeof(size_t));
		r->nbyseg[j] = 0;
	}
	for (i = 0; i < r->n; i++)
		r->byseg[r->e[i].nseg][r->nbyseg[r->e[i].nseg]++] = i;
	return r;
}

void
router_free(struct router *r)
{
	size_t	j;

	if (r == NULL)
		return;
	for (j = 0; j <= MAX_SEGMENTS; j++)
		free(r->byseg[j]);
	free(r->e);
	free(r);
}

/* Does e match the path segments?  Fill captures if so. */
static bool
entry_matches(const struct router_entry *e, const struct str *seg, size_t nseg,
    struct route_match *out)
{
	size_t	i;

	if (e->nseg != nseg)
		return false;
	out->ncap = 0;
	for (i = 0; i < nseg; i++) {
		if (e->literal_mask & (1u << i)) {
			if (e->seg[i].n != seg[i].n ||
			    memcmp(e->seg[i].p, seg[i].p, seg[i].n) != 0)
				return false;
		} else {
			if (seg[i].n == 0)
				return false;
			out->cap_name[out->ncap] = (struct str){ e->seg[i].p + 1,
			    e->seg[i].n - 2 };
			out->cap_val[out->ncap++] = seg[i];
		}
	}
	return true;
}

/* More literal segments, earlier, is more specific. */
static bool
more_specific(const struct router_entry *a, const struct router_entry *b)
{
	size_t	i;

	for (i = 0; i < a->nseg; i++) {
		bool la = a->literal_mask & (1u << i);
		bool lb = b->literal_mask & (1u << i);

		if (la != lb)
			return la;
	}
	return false;
}

enum match_result
router_match(const struct router *r, enum http_method m, const char *path,
    struct route_match *out)
{
	struct str			 seg[MAX_SEGMENTS];
	struct route_match		 tmp;
	const struct router_entry	*best = NULL;
	size_t				 nseg, i;
	unsigned			 allow = 0;
	enum http_method		 want = m == HTTP_HEAD ? HTTP_GET : m;

	memset(out, 0, sizeof(*out));
	if (split(path, seg, &nseg) != 0)
		return MATCH_NOPATH;
	memset(&tmp, 0, sizeof(tmp));	/* entry_matches sets what it uses */
	for (i = 0; i < r->nbyseg[nseg]; i++) {
		const struct router_entry *e = &r->e[r->byseg[nseg][i]];

		if (!entry_matches(e, seg, nseg, &tmp))
			continue;
		if (e->route->method != want) {
			allow |= 1u << e->route->method;
			if (e->route->method == HTTP_GET)
				allow |= 1u << HTTP_HEAD;
			continue;
		}
		if (best == NULL || more_specific(e, best)) {
			best = e;
			*out = tmp;
			out->route = e->route;
		}
	}
	if (best != NULL)
		return MATCH_OK;
	out->allow = allow;
	return allow ? MATCH_NOMETHOD : MATCH_NOPATH;
}
