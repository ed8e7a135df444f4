#ifndef LOUDONG_FORMATS_CSAF_CHECK_INT_H
#define LOUDONG_FORMATS_CSAF_CHECK_INT_H

/*
 * Inside the CSAF part of formats/ (csaf.c, csaf_check.c, csaf_check_vex.c,
 * csaf_provider.c): what the writer and the mandatory tests share, and the
 * state one run of the tests carries.  Not for other modules.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "formats/formats.h"

struct arena;

/*
 * The catalogue's name of CWE-id, or NULL when the catalogue has no such
 * weakness.  The CWE list lives in the store (`loudong import cwe`), which
 * formats/ must not reach, so the caller passes a lookup.
 */
typedef const char *(*csaf_cwe_name_fn)(void *arg, long id);

/*
 * csaf_mandatory_check() with a CWE catalogue for test 6.1.11 (name must
 * match the catalogue).  With cwe NULL, 6.1.11 checks only the id's form
 * and that a name is given.
 */
size_t		 csaf_mandatory_check_cwe(const json_t *doc, csaf_cwe_name_fn cwe,
		    void *cwe_arg, struct csaf_finding *out, size_t max);

/* Whether text is a package URL the purl specification accepts (6.1.13). */
bool		 csaf_purl_valid(const char *text);
/* Whether a product_version branch name reads as a range (6.1.31). */
bool		 csaf_name_is_range(const char *name);
/* document/publisher from the configuration; NULL with *why on failure. */
json_t		*csaf_publisher_json(const struct fmt_publisher *p, const char *contact,
		    const char **why);

/* Nesting of product_tree branches followed at most (the schema sets none). */
#define CSAF_DEPTH_MAX		32
/* Longest JSON path kept in a finding (struct csaf_finding.path). */
#define CSAF_PATH_MAX		160

/* A product group: its id and its product_ids array (borrowed). */
struct csaf_group {
	const char	*id;
	const json_t	*products;
};

/* One run of the mandatory tests. */
struct csaf_ck {
	struct arena		*a;		/* everything the run allocates */
	const json_t		*doc;		/* the document (borrowed) */
	struct csaf_finding	*out;		/* where findings go */
	size_t			 max;		/* room in out */
	size_t			 n;		/* findings so far (may pass max) */
	csaf_cwe_name_fn	 cwe;		/* NULL: no catalogue */
	void			*cwe_arg;
	const char		*category;	/* /document/category, "" if none */
	struct csaf_group	*groups;	/* sorted by id */
	size_t			 ngroups;
};

/* A string met in the document, where, and in which order. */
struct csaf_ref {
	const char	*id;
	const char	*path;		/* in the run's arena */
	size_t		 ord;		/* the order it was met in */
	int		 tag;		/* what the test needs: a status class, … */
};

/* A growable list of csaf_refs in the run's arena (old blocks stay there). */
struct csaf_refs {
	struct csaf_ref	*v;
	size_t		 n;
	size_t		 cap;
};

/* Add id (nothing if NULL); add each string of array a, at path/index. */
void		 csaf_refs_add(struct csaf_ck *c, struct csaf_refs *r, const char *id,
		    const char *path, int tag);
void		 csaf_refs_add_array(struct csaf_ck *c, struct csaf_refs *r, const json_t *a,
		    const char *path, int tag);
/* Sort by id, then tag, then order; then look ids up. */
void		 csaf_refs_sort(struct csaf_refs *r);
bool		 csaf_refs_has(const struct csaf_refs *r, const char *id);

/* A JSON path, printf-like, in the run's arena. */
const char	*csaf_path(struct csaf_ck *c, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
/* Record a failed test at path (a JSON pointer); the message is printf-like. */
void		 csaf_fail(struct csaf_ck *c, const char *test, const char *path,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* A string member of o, or NULL when absent or not a string. */
const char	*csaf_str(const json_t *o, const char *key);
/* The product_ids of group id, or NULL when no such group is defined. */
const json_t	*csaf_group_products(const struct csaf_ck *c, const char *id);

/* csaf_check_vex.c: the tests on /vulnerabilities. */
void		 csaf_check_scores(struct csaf_ck *c);	/* 6.1.7 - 6.1.10 */
void		 csaf_check_cwe(struct csaf_ck *c);	/* 6.1.11 */
void		 csaf_check_profiles(struct csaf_ck *c);	/* 6.1.27.1 - 6.1.27.11 */
void		 csaf_check_flags(struct csaf_ck *c);	/* 6.1.32, 6.1.33 */

#endif
