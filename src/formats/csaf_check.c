/*
 * The mandatory tests of CSAF 2.0 (§6.1) on a parsed document: product and
 * group ids, product status, language, purl, hashes, the revision
 * history and versions, the document category, remediations and branch
 * names.  The tests on scores, CWE, profiles and flags are in
 * csaf_check_vex.c.
 * See formats.h.
 *
 * The document may be anything JSON (these tests usually run after the
 * schema, but a caller may skip it): members of the wrong type are passed
 * over, never trusted.  Every loop walks an array of the document, and
 * branches are followed CSAF_DEPTH_MAX deep at most.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/calendar.h"
#include "formats/csaf_check_int.h"
#include "formats/formats.h"

void
csaf_fail(struct csaf_ck *c, const char *test, const char *path, const char *fmt, ...)
{
	struct csaf_finding	*f;
	va_list			 ap;

	if (c->n < c->max) {
		f = &c->out[c->n];
		snprintf(f->test, sizeof(f->test), "%s", test);
		snprintf(f->path, sizeof(f->path), "%s", path);
		va_start(ap, fmt);
		vsnprintf(f->message, sizeof(f->message), fmt, ap);
		va_end(ap);
	}
	c->n++;
}

const char *
csaf_str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

const char *
csaf_path(struct csaf_ck *c, const char *fmt, ...)
{
	char	*p;
	va_list	 ap;

	va_start(ap, fmt);
	p = arena_vprintf(c->a, fmt, ap);
	va_end(ap);
	return p;
}

void
csaf_refs_add(struct csaf_ck *c, struct csaf_refs *r, const char *id, const char *path, int tag)
{
	struct csaf_ref	*nv;

	if (id == NULL)
		return;
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 32;
		nv = arena_calloc(c->a, r->cap, sizeof(*nv));
		if (r->n > 0)
			memcpy(nv, r->v, r->n * sizeof(*nv));
		r->v = nv;
	}
	r->v[r->n] = (struct csaf_ref){ id, path, r->n, tag };
	r->n++;
}

static int
ref_cmp(const void *x, const void *y)
{
	const struct csaf_ref	*a = x, *b = y;
	int			 d;

	if ((d = strcmp(a->id, b->id)) != 0)
		return d;
	if (a->tag != b->tag)
		return a->tag < b->tag ? -1 : 1;
	return a->ord < b->ord ? -1 : a->ord > b->ord;
}

void
csaf_refs_sort(struct csaf_refs *r)
{
	if (r->n > 1)
		qsort(r->v, r->n, sizeof(r->v[0]), ref_cmp);
}

/* The first index of the sorted list r whose id is not below id. */
static size_t
refs_lower(const struct csaf_refs *r, const char *id)
{
	size_t	lo = 0, hi = r->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(r->v[mid].id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Whether id is in the sorted list r. */
bool
csaf_refs_has(const struct csaf_refs *r, const char *id)
{
	size_t	i = refs_lower(r, id);

	return i < r->n && strcmp(r->v[i].id, id) == 0;
}

/* A point in time with its fraction (to 10^-12 s), for ordering only. */
struct when {
	int64_t		 sec;
	int64_t		 frac;
};

static struct when
when_parse(const char *s)
{
	struct when	 w = { 0, 0 };
	int64_t		 scale = 100000000000;	/* 10^11: the first fraction digit */

	if (s == NULL || time_parse_rfc3339(s, &w.sec) != 0)
		return (struct when){ INT64_MIN, 0 };
	if (s[19] == '.')
		for (size_t i = 20; s[i] >= '0' && s[i] <= '9' && scale > 0; i++, scale /= 10)
			w.frac += (s[i] - '0') * scale;
	return w;
}

/* Each string of array a (other members are passed over), with its path. */
void
csaf_refs_add_array(struct csaf_ck *c, struct csaf_refs *r, const json_t *a, const char *path,
    int tag)
{
	const json_t	*v;
	size_t		 i;

	json_array_foreach(a, i, v)
		if (json_is_string(v))
			csaf_refs_add(c, r, json_string_value(v), csaf_path(c, "%s/%zu", path, i),
			    tag);
}

/*
 * Every Full Product Name of the tree, with its path: in branches (at any
 * depth), in full_product_names and in relationships.
 */
typedef void	(*fpn_fn)(struct csaf_ck *c, const json_t *fpn, const char *path, void *arg);

static void
walk_branches(struct csaf_ck *c, const json_t *branches, const char *path, int depth,
    fpn_fn fn, void *arg)
{
	const json_t	*b, *prod;
	const char	*p;
	size_t		 i;

	if (depth >= CSAF_DEPTH_MAX)
		return;
	json_array_foreach(branches, i, b) {
		p = csaf_path(c, "%s/%zu", path, i);
		if (json_is_object(prod = json_object_get(b, "product")))
			fn(c, prod, csaf_path(c, "%s/product", p), arg);
		walk_branches(c, json_object_get(b, "branches"), csaf_path(c, "%s/branches", p),
		    depth + 1, fn, arg);
	}
}

static void
walk_fpn(struct csaf_ck *c, fpn_fn fn, void *arg)
{
	const json_t	*tree = json_object_get(c->doc, "product_tree"), *v, *f;
	size_t		 i;

	walk_branches(c, json_object_get(tree, "branches"), "/product_tree/branches", 0, fn, arg);
	json_array_foreach(json_object_get(tree, "full_product_names"), i, v)
		if (json_is_object(v))
			fn(c, v, csaf_path(c, "/product_tree/full_product_names/%zu", i), arg);
	json_array_foreach(json_object_get(tree, "relationships"), i, v)
		if (json_is_object(f = json_object_get(v, "full_product_name")))
			fn(c, f, csaf_path(c, "/product_tree/relationships/%zu/full_product_name",
			    i), arg);
}

static void
def_collect(struct csaf_ck *c, const json_t *fpn, const char *path, void *arg)
{
	csaf_refs_add(c, arg, csaf_str(fpn, "product_id"), csaf_path(c, "%s/product_id", path), 0);
}

/* The members of a vulnerability that name products, and of what kind. */
static const char *const status_keys[] = {
	"first_affected", "known_affected", "last_affected", "known_not_affected",
	"first_fixed", "fixed", "under_investigation", "recommended",
};
/* The 6.1.6 class of each status: affected, not affected, fixed, under investigation. */
static const int status_class[] = { 0, 0, 0, 1, 2, 2, 3, -1 };

/* Every product id a vulnerability refers to (6.1.1). */
static void
vuln_product_refs(struct csaf_ck *c, struct csaf_refs *r, const json_t *v, size_t vi)
{
	static const struct {
		const char	*list;
		const char	*key;
	} lists[] = {
		{ "remediations", "product_ids" },
		{ "scores", "products" },
		{ "threats", "product_ids" },
		{ "flags", "product_ids" },
	};
	const json_t	*st = json_object_get(v, "product_status"), *it;
	size_t		 k, j;

	for (k = 0; k < sizeof(status_keys) / sizeof(status_keys[0]); k++)
		csaf_refs_add_array(c, r, json_object_get(st, status_keys[k]),
		    csaf_path(c, "/vulnerabilities/%zu/product_status/%s", vi, status_keys[k]), 0);
	for (k = 0; k < sizeof(lists) / sizeof(lists[0]); k++)
		json_array_foreach(json_object_get(v, lists[k].list), j, it)
			csaf_refs_add_array(c, r, json_object_get(it, lists[k].key),
			    csaf_path(c, "/vulnerabilities/%zu/%s/%zu/%s", vi, lists[k].list, j,
			    lists[k].key), 0);
}

/* 6.1.1 Missing Definition of Product ID; 6.1.2 Multiple Definition of Product ID. */
static void
check_product_ids(struct csaf_ck *c)
{
	const json_t	*tree = json_object_get(c->doc, "product_tree"), *v;
	struct csaf_refs	 defs = { 0 }, uses = { 0 };
	size_t		 i;

	walk_fpn(c, def_collect, &defs);
	csaf_refs_sort(&defs);
	for (i = 1; i < defs.n; i++)
		if (strcmp(defs.v[i - 1].id, defs.v[i].id) == 0)
			csaf_fail(c, "6.1.2", defs.v[i].path,
			    "product id '%s' is defined more than once", defs.v[i].id);
	json_array_foreach(json_object_get(tree, "product_groups"), i, v)
		csaf_refs_add_array(c, &uses, json_object_get(v, "product_ids"),
		    csaf_path(c, "/product_tree/product_groups/%zu/product_ids", i), 0);
	json_array_foreach(json_object_get(tree, "relationships"), i, v) {
		csaf_refs_add(c, &uses, csaf_str(v, "product_reference"),
		    csaf_path(c, "/product_tree/relationships/%zu/product_reference", i), 0);
		csaf_refs_add(c, &uses, csaf_str(v, "relates_to_product_reference"),
		    csaf_path(c, "/product_tree/relationships/%zu/relates_to_product_reference",
		    i), 0);
	}
	json_array_foreach(json_object_get(c->doc, "vulnerabilities"), i, v)
		vuln_product_refs(c, &uses, v, i);
	for (i = 0; i < uses.n; i++)
		if (!csaf_refs_has(&defs, uses.v[i].id))
			csaf_fail(c, "6.1.1", uses.v[i].path,
			    "product id '%s' is not defined in the product tree", uses.v[i].id);
}

/* The relationships defining the products relationship i refers to (6.1.3). */
struct rel_node {
	size_t		*child;		/* in the run's arena */
	size_t		 nchild;
	size_t		 next;		/* the next child the walk looks at */
	int		 state;		/* 0 unseen, 1 on the walk, 2 done */
	bool		 circular;	/* in a circle, or refers into one */
};

static void
rel_graph(struct csaf_ck *c, const json_t *rels, const struct csaf_refs *defs,
    struct rel_node *g)
{
	const json_t	*r;
	size_t		 i, j, k, n;

	json_array_foreach(rels, i, r) {
		const char *ref[2] = { csaf_str(r, "product_reference"),
		    csaf_str(r, "relates_to_product_reference") };

		for (k = 0, n = 0; k < 2; k++)
			for (j = ref[k] != NULL ? refs_lower(defs, ref[k]) : defs->n;
			    j < defs->n && strcmp(defs->v[j].id, ref[k]) == 0; j++)
				n++;
		g[i].child = arena_calloc(c->a, n + 1, sizeof(size_t));
		for (k = 0; k < 2; k++)
			for (j = ref[k] != NULL ? refs_lower(defs, ref[k]) : defs->n;
			    j < defs->n && strcmp(defs->v[j].id, ref[k]) == 0; j++)
				g[i].child[g[i].nchild++] = (size_t)defs->v[j].tag;
	}
}

/*
 * 6.1.3 Circular Definition of Product ID.  A depth-first walk of the
 * relationships (an edge from each to those defining what it refers to):
 * an edge back into the walk closes a circle, and whatever refers into a
 * circle ends up in it too.  Each relationship and edge is visited once.
 */
static void
check_circles(struct csaf_ck *c)
{
	const json_t	*rels = json_object_get(json_object_get(c->doc, "product_tree"),
			    "relationships"), *r;
	struct csaf_refs defs = { 0 };
	struct rel_node	*g;
	size_t		*stack, sp, n = json_array_size(rels), i, top, ch;

	if (n == 0)
		return;
	json_array_foreach(rels, i, r)
		csaf_refs_add(c, &defs, csaf_str(json_object_get(r, "full_product_name"),
		    "product_id"), NULL, (int)i);
	csaf_refs_sort(&defs);
	g = arena_calloc(c->a, n, sizeof(*g));
	stack = arena_calloc(c->a, n, sizeof(*stack));
	rel_graph(c, rels, &defs, g);
	for (i = 0; i < n; i++) {
		if (g[i].state != 0)
			continue;
		g[i].state = 1;
		stack[0] = i;
		for (sp = 1; sp > 0;) {
			top = stack[sp - 1];
			if (g[top].next == g[top].nchild) {	/* done: tell the parent */
				g[top].state = 2;
				if (--sp > 0 && g[top].circular)
					g[stack[sp - 1]].circular = true;
				continue;
			}
			ch = g[top].child[g[top].next++];
			if (g[ch].state == 1 || (g[ch].state == 2 && g[ch].circular))
				g[top].circular = true;
			else if (g[ch].state == 0) {
				g[ch].state = 1;
				stack[sp++] = ch;
			}
		}
	}
	for (i = 0; i < n; i++)
		if (g[i].circular)
			csaf_fail(c, "6.1.3", csaf_path(c, "/product_tree/relationships/%zu/"
			    "full_product_name/product_id", i),
			    "product id '%s' is defined through a circle of relationships",
			    csaf_str(json_object_get(json_array_get(rels, i),
			    "full_product_name"), "product_id"));
}

static int
group_cmp(const void *x, const void *y)
{
	const struct csaf_group	*a = x, *b = y;

	return strcmp(a->id, b->id);
}

const json_t *
csaf_group_products(const struct csaf_ck *c, const char *id)
{
	struct csaf_group	 key = { id, NULL }, *g;

	if (id == NULL || c->ngroups == 0)
		return NULL;
	g = bsearch(&key, c->groups, c->ngroups, sizeof(key), group_cmp);
	return g != NULL ? g->products : NULL;
}

/*
 * 6.1.5 Multiple Definition of Product Group ID; 6.1.4 Missing Definition
 * of Product Group ID.  Leaves the groups sorted in c for the other tests.
 */
static void
check_groups(struct csaf_ck *c)
{
	static const char *const lists[] = { "remediations", "threats", "flags" };
	const json_t	*groups = json_object_get(json_object_get(c->doc, "product_tree"),
			    "product_groups"), *g, *v, *it;
	struct csaf_refs	 defs = { 0 }, uses = { 0 };
	size_t		 i, j, k;

	json_array_foreach(groups, i, g)
		csaf_refs_add(c, &defs, csaf_str(g, "group_id"),
		    csaf_path(c, "/product_tree/product_groups/%zu/group_id", i), (int)i);
	csaf_refs_sort(&defs);
	c->groups = arena_calloc(c->a, defs.n + 1, sizeof(*c->groups));
	for (i = 0; i < defs.n; i++) {
		if (i > 0 && strcmp(defs.v[i - 1].id, defs.v[i].id) == 0) {
			csaf_fail(c, "6.1.5", defs.v[i].path,
			    "product group id '%s' is defined more than once", defs.v[i].id);
			continue;
		}
		c->groups[c->ngroups].id = defs.v[i].id;
		c->groups[c->ngroups++].products = json_object_get(json_array_get(groups,
		    (size_t)defs.v[i].tag), "product_ids");
	}
	json_array_foreach(json_object_get(c->doc, "vulnerabilities"), i, v)
		for (k = 0; k < sizeof(lists) / sizeof(lists[0]); k++)
			json_array_foreach(json_object_get(v, lists[k]), j, it)
				csaf_refs_add_array(c, &uses, json_object_get(it, "group_ids"),
				    csaf_path(c, "/vulnerabilities/%zu/%s/%zu/group_ids", i,
				    lists[k], j), 0);
	for (i = 0; i < uses.n; i++)
		if (csaf_group_products(c, uses.v[i].id) == NULL)
			csaf_fail(c, "6.1.4", uses.v[i].path,
			    "product group id '%s' is not defined in the product tree",
			    uses.v[i].id);
}

/* 6.1.6 Contradicting Product Status. */
static void
check_status(struct csaf_ck *c)
{
	static const char *const class_names[] = {
		"affected", "not affected", "fixed", "under investigation",
	};
	const json_t	*v, *st;
	size_t		 vi, k, i;

	json_array_foreach(json_object_get(c->doc, "vulnerabilities"), vi, v) {
		struct csaf_refs in = { 0 };

		st = json_object_get(v, "product_status");
		for (k = 0; k < sizeof(status_keys) / sizeof(status_keys[0]); k++)
			if (status_class[k] >= 0)
				csaf_refs_add_array(c, &in, json_object_get(st, status_keys[k]),
				    csaf_path(c, "/vulnerabilities/%zu/product_status/%s", vi,
				    status_keys[k]), status_class[k]);
		csaf_refs_sort(&in);
		for (i = 1; i < in.n; i++)
			if (strcmp(in.v[i - 1].id, in.v[i].id) == 0 &&
			    in.v[i - 1].tag != in.v[i].tag)
				csaf_fail(c, "6.1.6", in.v[i].path,
				    "product id '%s' is both %s and %s", in.v[i].id,
				    class_names[in.v[i - 1].tag], class_names[in.v[i].tag]);
	}
}

/*
 * ISO 639-1 two-letter codes, which are the registry's two-letter
 * language subtags (with the deprecated in, iw, ji, jw, mo, still
 * registered).
 */
static const char iso639_1[][3] = {
	"aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be",
	"bg", "bh", "bi", "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs",
	"cu", "cv", "cy", "da", "de", "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu",
	"fa", "ff", "fi", "fj", "fo", "fr", "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha",
	"he", "hi", "ho", "hr", "ht", "hu", "hy", "hz", "ia", "id", "ie", "ig", "ii", "ik",
	"in", "io", "is", "it", "iu", "iw", "ja", "ji", "jv", "jw", "ka", "kg", "ki", "kj",
	"kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg",
	"li", "ln", "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mo", "mr",
	"ms", "mt", "my", "na", "nb", "nd", "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny",
	"oc", "oj", "om", "or", "os", "pa", "pi", "pl", "ps", "pt", "qu", "rm", "rn", "ro",
	"ru", "rw", "sa", "sc", "sd", "se", "sg", "sh", "si", "sk", "sl", "sm", "sn", "so",
	"sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti", "tk", "tl",
	"tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo",
	"wa", "wo", "xh", "yi", "yo", "za", "zh", "zu",
};

static int
code_cmp(const void *key, const void *elem)
{
	return strcmp(key, elem);
}

static bool
all_of(const char *s, size_t n, const char *set)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] == '\0' || strchr(set, s[i]) == NULL)
			return false;
	return true;
}

#define ALPHA	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
#define DIGIT	"0123456789"
#define ALNUM	ALPHA DIGIT

/*
 * A language tag (RFC 5646) whose language subtag exists.  Two-letter
 * subtags are checked against ISO 639-1; three-letter ones (ISO 639-2/3,
 * thousands of codes) and the script, region and variant subtags are
 * checked for their form only, since the registry is not built in.
 */
static bool
lang_valid(const char *t)
{
	const char	*s = t, *e;
	size_t		 n;
	int		 stage = 0;	/* 1 extlang, 3 script, 4 region or variant */
	char		 lo[3];

	if (*t == '\0')
		return false;
	if (strcasecmp(t, "i-default") == 0 || strcasecmp(t, "i-mingo") == 0)
		return true;
	for (; *s != '\0'; s = *e == '-' ? e + 1 : e) {
		e = strchr(s, '-');
		if (e == NULL)
			e = s + strlen(s);
		if ((n = (size_t)(e - s)) == 0 || n > 8 || !all_of(s, n, ALNUM))
			return false;
		if (s == t) {
			if (n == 1)	/* "x-…": private use only */
				return (*s == 'x' || *s == 'X') && *e == '-';
			if (n > 3 || !all_of(s, n, ALPHA))
				return false;	/* 4-8 letters: reserved or none registered */
			if (n == 2) {
				lo[0] = (char)(s[0] | 0x20);
				lo[1] = (char)(s[1] | 0x20);
				lo[2] = '\0';
				if (bsearch(lo, iso639_1, sizeof(iso639_1) / sizeof(iso639_1[0]),
				    sizeof(iso639_1[0]), code_cmp) == NULL)
					return false;
			}
			stage = 1;
			continue;
		}
		if (n == 1)	/* an extension or private use: the rest is free-form */
			return *e == '-';
		if (stage <= 1 && n == 3 && all_of(s, n, ALPHA))
			stage = 1;
		else if (stage <= 2 && n == 4 && all_of(s, n, ALPHA))
			stage = 3;
		else if (stage <= 3 && ((n == 2 && all_of(s, n, ALPHA)) ||
		    (n == 3 && all_of(s, n, DIGIT))))
			stage = 4;
		else if (n >= 5 || (n == 4 && s[0] >= '0' && s[0] <= '9'))
			stage = 4;
		else
			return false;
	}
	return true;
}

/* 6.1.12 Language; 6.1.15 Translator; 6.1.28 Translation. */
static void
check_lang(struct csaf_ck *c)
{
	const json_t	*d = json_object_get(c->doc, "document");
	const char	*lang = csaf_str(d, "lang"), *src = csaf_str(d, "source_lang");
	const char	*pub = csaf_str(json_object_get(d, "publisher"), "category");

	if (lang != NULL && !lang_valid(lang))
		csaf_fail(c, "6.1.12", "/document/lang", "'%s' is not a valid language", lang);
	if (src != NULL && !lang_valid(src))
		csaf_fail(c, "6.1.12", "/document/source_lang", "'%s' is not a valid language",
		    src);
	if (pub != NULL && strcmp(pub, "translator") == 0 && (src == NULL || *src == '\0'))
		csaf_fail(c, "6.1.15", "/document/source_lang",
		    "a translator's document must give its source language");
	if (lang != NULL && src != NULL && strcasecmp(lang, src) == 0)
		csaf_fail(c, "6.1.28", "/document/source_lang",
		    "the source language and the document language are both '%s'", lang);
}

static bool
hex_digit(char ch)
{
	return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
}

/* Characters a purl may hold unencoded (URI characters, '%' for escapes). */
static bool
purl_chars(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch <= 0x20 || ch >= 0x7f || strchr("\"<>\\^`{|}", ch) != NULL)
			return false;
		if (ch == '%' && (i + 2 >= n || !hex_digit(s[i + 1]) || !hex_digit(s[i + 2])))
			return false;
	}
	return true;
}

/* "key=value&…": keys [A-Za-z.-_][A-Za-z0-9.-_]*, unique; values non-empty. */
static bool
purl_qualifiers(const char *q, size_t n)
{
	const char	*end = q + n, *amp, *eq, *o, *oe, *oq;

	for (const char *s = q; s < end; s = amp + 1) {
		if ((amp = memchr(s, '&', (size_t)(end - s))) == NULL)
			amp = end;
		if ((eq = memchr(s, '=', (size_t)(amp - s))) == NULL || eq == s || eq + 1 == amp)
			return false;
		if ((*s >= '0' && *s <= '9') ||
		    !all_of(s, (size_t)(eq - s), ALNUM ".-_"))
			return false;
		for (o = q; o < s; o = oe + 1) {	/* an earlier key, the same? */
			oe = memchr(o, '&', (size_t)(s - o));
			oq = memchr(o, '=', (size_t)(oe - o));
			if (oq - o == eq - s && strncasecmp(o, s, (size_t)(eq - s)) == 0)
				return false;
		}
		if (amp == end)
			break;
	}
	return true;
}

bool
csaf_purl_valid(const char *text)
{
	const char	*s, *end, *hash, *q, *slash, *at, *name;
	size_t		 n;

	if (text == NULL || strncmp(text, "pkg:", 4) != 0 || (n = strlen(text)) > 4096 ||
	    !purl_chars(text, n))
		return false;
	s = text + 4;
	end = text + n;
	if ((hash = strchr(s, '#')) != NULL) {	/* subpath: no "." or ".." segment */
		for (const char *p = hash + 1, *e; p <= end; p = e + 1) {
			if ((e = memchr(p, '/', (size_t)(end - p))) == NULL)
				e = end;
			if ((e - p == 1 && p[0] == '.') || (e - p == 2 && strncmp(p, "..", 2) == 0))
				return false;
		}
		end = hash;
	}
	if ((q = memchr(s, '?', (size_t)(end - s))) != NULL) {
		if (!purl_qualifiers(q + 1, (size_t)(end - q - 1)))
			return false;
		end = q;
	}
	while (s < end && *s == '/')
		s++;
	if ((slash = memchr(s, '/', (size_t)(end - s))) == NULL || slash == s ||
	    !all_of(s, 1, ALPHA) || !all_of(s, (size_t)(slash - s), ALNUM ".+-"))
		return false;
	s = slash + 1;
	for (at = end; at > s && at[-1] != '@'; at--)
		;
	if (at > s) {		/* "@version": not empty */
		if (at == end)
			return false;
		end = at - 1;
	}
	while (end > s && end[-1] == '/')
		end--;
	for (name = end; name > s && name[-1] != '/'; name--)
		;
	return name < end;
}

static void
purl_check(struct csaf_ck *c, const json_t *fpn, const char *path, void *arg)
{
	const json_t	*h = json_object_get(fpn, "product_identification_helper");
	const char	*purl = csaf_str(h, "purl");

	(void)arg;
	if (purl != NULL && !csaf_purl_valid(purl))
		csaf_fail(c, "6.1.13", csaf_path(c, "%s/product_identification_helper/purl",
		    path), "'%s' is not a valid package URL", purl);
}

/* 6.1.25 Multiple Use of Same Hash Algorithm. */
static void
hash_check(struct csaf_ck *c, const json_t *fpn, const char *path, void *arg)
{
	const json_t	*h = json_object_get(fpn, "product_identification_helper"), *it;
	size_t		 i, j, k;

	(void)arg;
	json_array_foreach(json_object_get(h, "hashes"), i, it) {
		const json_t *fh = json_object_get(it, "file_hashes");

		for (j = 1; j < json_array_size(fh); j++) {
			const char *alg = csaf_str(json_array_get(fh, j), "algorithm");

			for (k = 0; alg != NULL && k < j; k++) {
				const char *o = csaf_str(json_array_get(fh, k), "algorithm");

				if (o != NULL && strcasecmp(o, alg) == 0) {
					csaf_fail(c, "6.1.25", csaf_path(c, "%s/product_"
					    "identification_helper/hashes/%zu/file_hashes/%zu",
					    path, i, j),
					    "hash algorithm '%s' is used twice", alg);
					break;
				}
			}
		}
	}
}

/* 6.1.26 Prohibited Document Category Name. */
static void
check_category(struct csaf_ck *c)
{
	static const char *const profiles[] = {
		"csaf_base", "csaf_security_incident_response", "csaf_informational_advisory",
		"csaf_security_advisory", "csaf_vex",
	};
	/* Names and values of the profiles but CSAF Base, with - _ and spaces removed. */
	static const char *const prohibited[] = {
		"securityincidentresponse", "informationaladvisory", "securityadvisory", "vex",
		"csafsecurityincidentresponse", "csafinformationaladvisory",
		"csafsecurityadvisory", "csafvex",
	};
	const char	*cat = c->category;
	char		 norm[64];
	size_t		 i, n = 0;

	for (i = 0; i < sizeof(profiles) / sizeof(profiles[0]); i++)
		if (strcmp(cat, profiles[i]) == 0)
			return;
	if (strncasecmp(cat, "csaf_", 5) == 0) {
		csaf_fail(c, "6.1.26", "/document/category",
		    "the prefix 'csaf_' is reserved for the profiles ('%s')", cat);
		return;
	}
	for (i = 0; cat[i] != '\0' && n + 1 < sizeof(norm); i++)
		if (cat[i] != '-' && cat[i] != '_' && cat[i] != ' ' &&
		    (cat[i] < '\t' || cat[i] > '\r'))
			norm[n++] = (char)(cat[i] >= 'A' && cat[i] <= 'Z' ? cat[i] | 0x20 :
			    cat[i]);
	norm[n] = '\0';
	for (i = 0; i < sizeof(prohibited) / sizeof(prohibited[0]); i++)
		if (strcmp(norm, prohibited[i]) == 0)
			csaf_fail(c, "6.1.26", "/document/category",
			    "'%s' is the name of a profile other than CSAF Base", cat);
}

/* 6.1.29 Remediation without Product Reference; 6.1.23; 6.1.24. */
static void
check_vuln_lists(struct csaf_ck *c)
{
	const json_t	*v, *it;
	struct csaf_refs	 cves = { 0 };
	size_t		 i, j, k;

	json_array_foreach(json_object_get(c->doc, "vulnerabilities"), i, v) {
		const json_t *inv = json_object_get(v, "involvements");

		csaf_refs_add(c, &cves, csaf_str(v, "cve"),
		    csaf_path(c, "/vulnerabilities/%zu/cve", i), 0);
		json_array_foreach(json_object_get(v, "remediations"), j, it)
			if (json_object_get(it, "product_ids") == NULL &&
			    json_object_get(it, "group_ids") == NULL)
				csaf_fail(c, "6.1.29", csaf_path(c,
				    "/vulnerabilities/%zu/remediations/%zu", i, j),
				    "the remediation names no product or group");
		/* 6.1.24 Multiple Definition in Involvements: party and date once. */
		for (j = 1; j < json_array_size(inv); j++) {
			const json_t *a = json_array_get(inv, j);
			const char *party = csaf_str(a, "party"), *date = csaf_str(a, "date");
			struct when wa = when_parse(date), wb;

			for (k = 0; party != NULL && date != NULL && k < j; k++) {
				const json_t *b = json_array_get(inv, k);
				const char *pb = csaf_str(b, "party"), *db = csaf_str(b, "date");

				if (pb == NULL || db == NULL || strcmp(pb, party) != 0)
					continue;
				wb = when_parse(db);
				if (strcmp(db, date) == 0 || (wa.sec != INT64_MIN &&
				    wa.sec == wb.sec && wa.frac == wb.frac)) {
					csaf_fail(c, "6.1.24", csaf_path(c,
					    "/vulnerabilities/%zu/involvements/%zu", i, j),
					    "party '%s' has two involvements at %s", party, date);
					break;
				}
			}
		}
	}
	/* 6.1.23 Multiple Use of Same CVE. */
	csaf_refs_sort(&cves);
	for (i = 1; i < cves.n; i++)
		if (strcmp(cves.v[i - 1].id, cves.v[i].id) == 0)
			csaf_fail(c, "6.1.23", cves.v[i].path,
			    "%s is used in more than one vulnerability", cves.v[i].id);
}

bool
csaf_name_is_range(const char *name)
{
	static const char *const words[] = {
		"after", "all", "before", "earlier", "later", "prior", "versions",
	};
	const char	*s, *e;
	size_t		 n, k;

	if (strpbrk(name, "<>") != NULL)
		return true;
	for (s = name; *s != '\0'; s = e) {
		while (*s == ' ' || (*s >= '\t' && *s <= '\r'))
			s++;
		for (e = s; *e != '\0' && *e != ' ' && (*e < '\t' || *e > '\r'); e++)
			;
		n = (size_t)(e - s);
		for (k = 0; n > 0 && k < sizeof(words) / sizeof(words[0]); k++)
			if (strlen(words[k]) == n && strncasecmp(s, words[k], n) == 0)
				return true;
	}
	return false;
}

/* 6.1.31 Version Range in Product Version. */
static void
check_branch_names(struct csaf_ck *c, const json_t *branches, const char *path, int depth)
{
	const json_t	*b;
	const char	*cat, *name;
	size_t		 i;

	if (depth >= CSAF_DEPTH_MAX)
		return;
	json_array_foreach(branches, i, b) {
		cat = csaf_str(b, "category");
		name = csaf_str(b, "name");
		if (cat != NULL && name != NULL && strcmp(cat, "product_version") == 0 &&
		    csaf_name_is_range(name))
			csaf_fail(c, "6.1.31", csaf_path(c, "%s/%zu/name", path, i),
			    "product version '%s' is a range", name);
		check_branch_names(c, json_object_get(b, "branches"),
		    csaf_path(c, "%s/%zu/branches", path, i), depth + 1);
	}
}

/*
 * Versions (integer or semantic) and dates with their fractions: the
 * revision history tests 6.1.14 and 6.1.16 - 6.1.22, and 6.1.30.
 */
struct ver {
	bool		 ok;		/* integer or semantic versioning */
	bool		 semver;
	const char	*s;
	const char	*num[3];	/* major, minor, patch digits ("" for integers) */
	size_t		 numlen[3];
	const char	*pre;		/* pre-release, without '-' */
	size_t		 prelen;	/* 0: none */
	size_t		 corelen;	/* bytes before build metadata */
};

/* Digits without a leading zero (or "0"); how many, or 0. */
static size_t
number_len(const char *s)
{
	size_t	n = 0;

	while (s[n] >= '0' && s[n] <= '9')
		n++;
	return n > 1 && s[0] == '0' ? 0 : n;
}

/* Dot-separated identifiers of [0-9A-Za-z-]; numeric ones without leading zeros if strict. */
static size_t
idents_len(const char *s, bool strict)
{
	size_t	n = 0, start;
	bool	digits;

	for (;;) {
		start = n;
		digits = true;
		while (s[n] != '\0' && strchr(ALNUM "-", s[n]) != NULL) {
			digits = digits && s[n] >= '0' && s[n] <= '9';
			n++;
		}
		if (n == start || (strict && digits && n - start > 1 && s[start] == '0'))
			return 0;
		if (s[n] != '.')
			return n;
		n++;
	}
}

static struct ver
ver_parse(const char *s)
{
	struct ver	 v = { .s = s != NULL ? s : "" };
	const char	*p = v.s;
	size_t		 n, k;

	if ((n = number_len(p)) == 0)
		return v;
	v.num[0] = p, v.numlen[0] = n;
	v.num[1] = v.num[2] = "";
	if (p[n] == '\0') {
		v.ok = true;
		v.corelen = n;
		return v;
	}
	for (p += n, k = 1; k < 3; k++) {
		if (*p != '.' || (n = number_len(p + 1)) == 0)
			return v;
		v.num[k] = p + 1, v.numlen[k] = n;
		p += 1 + n;
	}
	if (*p == '-') {
		if ((v.prelen = idents_len(p + 1, true)) == 0)
			return v;
		v.pre = p + 1;
		p += 1 + v.prelen;
	}
	v.corelen = (size_t)(p - v.s);
	if (*p == '+') {
		if ((n = idents_len(p + 1, false)) == 0 || p[1 + n] != '\0')
			return v;
	} else if (*p != '\0')
		return v;
	v.ok = v.semver = true;
	return v;
}

static int
digits_cmp(const char *a, size_t na, const char *b, size_t nb)
{
	if (na != nb)
		return na < nb ? -1 : 1;
	return memcmp(a, b, na);
}

/* Pre-release precedence (SemVer 2.0.0 §11): field by field. */
static int
pre_cmp(const char *a, size_t na, const char *b, size_t nb)
{
	size_t	i = 0, j = 0, ei, ej;
	int	d;

	if (na == 0 || nb == 0)
		return na == nb ? 0 : na == 0 ? 1 : -1;
	while (i < na && j < nb) {
		bool da = true, db = true;

		for (ei = i; ei < na && a[ei] != '.'; ei++)
			da = da && a[ei] >= '0' && a[ei] <= '9';
		for (ej = j; ej < nb && b[ej] != '.'; ej++)
			db = db && b[ej] >= '0' && b[ej] <= '9';
		if (da && db)
			d = digits_cmp(a + i, ei - i, b + j, ej - j);
		else if (da || db)
			d = da ? -1 : 1;
		else if ((d = strncmp(a + i, b + j, ei - i < ej - j ? ei - i : ej - j)) == 0)
			d = ei - i == ej - j ? 0 : ei - i < ej - j ? -1 : 1;
		if (d != 0)
			return d;
		i = ei + 1, j = ej + 1;
	}
	return (i >= na) == (j >= nb) ? 0 : i >= na ? -1 : 1;
}

static int
ver_cmp(const struct ver *a, const struct ver *b)
{
	int	d;

	if (!a->ok || !b->ok)
		return strcmp(a->s, b->s);
	for (int k = 0; k < 3; k++)
		if ((d = digits_cmp(a->num[k], a->numlen[k], b->num[k], b->numlen[k])) != 0)
			return d;
	return pre_cmp(a->pre, a->prelen, b->pre, b->prelen);
}

struct rev {
	struct ver	 v;
	struct when	 w;
	size_t		 idx;		/* in revision_history */
};

static int
rev_cmp(const void *x, const void *y)
{
	const struct rev	*a = x, *b = y;
	int			 d;

	if (a->w.sec != b->w.sec)
		return a->w.sec < b->w.sec ? -1 : 1;
	if (a->w.frac != b->w.frac)
		return a->w.frac < b->w.frac ? -1 : 1;
	if ((d = ver_cmp(&a->v, &b->v)) != 0)
		return d;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* The major version (or the integer) as a number, saturated. */
static uint64_t
ver_major(const struct ver *v)
{
	uint64_t	n = 0;

	for (size_t i = 0; i < v->numlen[0]; i++)
		n = n > (UINT64_MAX - 9) / 10 ? UINT64_MAX - 1 :
		    n * 10 + (uint64_t)(v->num[0][i] - '0');
	return n;
}

/* 6.1.14 Sorted Revision History; 6.1.16 Latest Document Version; 6.1.21 Missing Item. */
static void
check_history_order(struct csaf_ck *c, const struct rev *r, size_t n, const struct ver *version,
    bool draft)
{
	const struct ver	*last;
	size_t			 i, la, lb;

	for (i = 1; i < n; i++)
		if (r[i - 1].v.ok && r[i].v.ok && ver_cmp(&r[i - 1].v, &r[i].v) > 0) {
			csaf_fail(c, "6.1.14", "/document/tracking/revision_history",
			    "version %s is dated before version %s", r[i - 1].v.s, r[i].v.s);
			break;
		}
	last = &r[n - 1].v;
	if (version->ok && last->ok) {
		la = draft && version->prelen ? (size_t)(version->pre - 1 - version->s) :
		    version->corelen;
		lb = draft && last->prelen ? (size_t)(last->pre - 1 - last->s) : last->corelen;
		if (la != lb || memcmp(version->s, last->s, la) != 0)
			csaf_fail(c, "6.1.16", "/document/tracking/version",
			    "the document version is %s but the latest revision is %s",
			    version->s, last->s);
	}
	for (i = 0; i < n && !r[i].v.ok; i++)
		;
	if (i < n && ver_major(&r[i].v) > 1)
		csaf_fail(c, "6.1.21", "/document/tracking/revision_history",
		    "the first revision is %s, not 0 or 1", r[i].v.s);
	for (i = 1; i < n; i++)
		if (r[i - 1].v.ok && r[i].v.ok && ver_major(&r[i].v) > ver_major(&r[i - 1].v) + 1) {
			csaf_fail(c, "6.1.21", "/document/tracking/revision_history",
			    "a revision between %s and %s is missing", r[i - 1].v.s, r[i].v.s);
			break;
		}
}

/* 6.1.17 - 6.1.20, 6.1.22, 6.1.30: versions against the status and each other. */
static void
check_versions(struct csaf_ck *c, const struct rev *r, size_t n, const struct ver *version,
    const char *status)
{
	bool		 released = status != NULL && (strcmp(status, "final") == 0 ||
			    strcmp(status, "interim") == 0);
	size_t		 i, j, ints = 0, sems = 0;

	if (version->ok && status != NULL && strcmp(status, "draft") != 0 &&
	    (ver_major(version) == 0 || version->prelen > 0))
		csaf_fail(c, "6.1.17", "/document/tracking/status",
		    "version %s is a draft's but the status is '%s'", version->s, status);
	if (released && version->prelen > 0)
		csaf_fail(c, "6.1.20", "/document/tracking/version",
		    "a %s document's version %s has a pre-release part", status, version->s);
	ints += version->ok && !version->semver;
	sems += version->semver;
	for (i = 0; i < n; i++) {
		const char *path = csaf_path(c, "/document/tracking/revision_history/%zu/number",
		    r[i].idx);

		ints += r[i].v.ok && !r[i].v.semver;
		sems += r[i].v.semver;
		if (released && r[i].v.ok && ver_major(&r[i].v) == 0)
			csaf_fail(c, "6.1.18", path, "a %s document lists draft revision %s",
			    status, r[i].v.s);
		if (r[i].v.prelen > 0)
			csaf_fail(c, "6.1.19", path, "revision %s is a pre-release", r[i].v.s);
		for (j = 0; j < i; j++)
			if (strcmp(r[i].v.s, r[j].v.s) == 0) {
				csaf_fail(c, "6.1.22", path, "revision %s is listed twice",
				    r[i].v.s);
				break;
			}
	}
	if (ints > 0 && sems > 0)
		csaf_fail(c, "6.1.30", "/document/tracking",
		    "integer and semantic versioning are mixed");
}

static void
check_history(struct csaf_ck *c)
{
	const json_t	*tr = json_object_get(json_object_get(c->doc, "document"), "tracking");
	const json_t	*hist = json_object_get(tr, "revision_history"), *it;
	const char	*status = csaf_str(tr, "status");
	struct ver	 version = ver_parse(csaf_str(tr, "version"));
	struct rev	*r;
	size_t		 n = 0, i;

	r = arena_calloc(c->a, json_array_size(hist) + 1, sizeof(*r));
	json_array_foreach(hist, i, it) {
		const char *num = csaf_str(it, "number");

		if (num == NULL)
			continue;
		r[n].v = ver_parse(num);
		r[n].w = when_parse(csaf_str(it, "date"));
		r[n++].idx = i;
	}
	qsort(r, n, sizeof(*r), rev_cmp);
	if (n > 0)
		check_history_order(c, r, n, &version, status != NULL &&
		    strcmp(status, "draft") == 0);
	check_versions(c, r, n, &version, status);
}

size_t
csaf_mandatory_check_cwe(const json_t *doc, csaf_cwe_name_fn cwe, void *cwe_arg,
    struct csaf_finding *out, size_t max)
{
	struct csaf_ck	 c = { .doc = doc, .out = out, .max = out != NULL ? max : 0,
			    .cwe = cwe, .cwe_arg = cwe_arg };
	const char	*cat;

	if (!json_is_object(doc))
		return 0;
	c.a = arena_new();
	cat = csaf_str(json_object_get(doc, "document"), "category");
	c.category = cat != NULL ? cat : "";
	check_product_ids(&c);		/* 6.1.1, 6.1.2 */
	check_circles(&c);		/* 6.1.3 */
	check_groups(&c);		/* 6.1.4, 6.1.5 */
	check_status(&c);		/* 6.1.6 */
	csaf_check_scores(&c);		/* 6.1.7 - 6.1.10 */
	csaf_check_cwe(&c);		/* 6.1.11 */
	check_lang(&c);			/* 6.1.12, 6.1.15, 6.1.28 */
	walk_fpn(&c, purl_check, NULL);	/* 6.1.13 */
	check_history(&c);		/* 6.1.14, 6.1.16 - 6.1.22, 6.1.30 */
	check_vuln_lists(&c);		/* 6.1.23, 6.1.24, 6.1.29 */
	walk_fpn(&c, hash_check, NULL);	/* 6.1.25 */
	check_category(&c);		/* 6.1.26 */
	csaf_check_profiles(&c);	/* 6.1.27.1 - 6.1.27.11 */
	check_branch_names(&c, json_object_get(json_object_get(doc, "product_tree"), "branches"),
	    "/product_tree/branches", 0);	/* 6.1.31 */
	csaf_check_flags(&c);		/* 6.1.32, 6.1.33 */
	arena_free(c.a);
	return c.n;
}

size_t
csaf_mandatory_check(const json_t *doc, struct csaf_finding *out, size_t max)
{
	return csaf_mandatory_check_cwe(doc, NULL, NULL, out, max);
}
