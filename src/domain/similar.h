#ifndef LOUDONG_DOMAIN_SIMILAR_H
#define LOUDONG_DOMAIN_SIMILAR_H

/*
 * Likely duplicates (issue 5, triage): how much a candidate report looks
 * like the one being triaged, and why.  Signals: the same vendor and
 * product (case-insensitive, surrounding space ignored), overlapping
 * versions, ids of other libraries they share (CVE, CNVD, …), and similar
 * titles: the Dice coefficient of character bigrams over letters and digits
 * (Unicode code points, ASCII folded to lower case), so Chinese titles
 * compare as well as English ones.  Pure: no I/O, no allocation.
 */
#include <stdbool.h>
#include <stddef.h>

struct similar_doc {
	const char	*title;
	const char	*vendor;
	const char	*product;
	const char	*versions;
	const char *const *ids;		/* related ids ("CVE-2024-1234"), may be NULL */
	size_t		 nids;
};

enum similar_reason {
	SIM_SAME_PRODUCT,	/* same vendor and product */
	SIM_SAME_VERSIONS,	/* and the same version text, or one contains the other */
	SIM_SHARED_ID,		/* a related id in common */
	SIM_SIMILAR_TITLE,	/* title similarity at or above SIMILAR_TITLE_MIN */
	SIM__MAX
};

#define SIMILAR_TITLE_MIN	40	/* percent */
#define SIMILAR_MAX_REASONS	SIM__MAX

struct similar_score {
	int			 score;		/* 0..100; 0: not similar */
	int			 title_pct;	/* title similarity, 0..100 */
	enum similar_reason	 reasons[SIMILAR_MAX_REASONS];
	size_t			 nreasons;
	const char		*shared_id;	/* SIM_SHARED_ID: the first shared id */
};

/*
 * Compare candidate b with report a.  score: 60 for a shared id, 30 for
 * the same product (+10 with the same versions), plus the title similarity
 * weighted to at most 40; capped at 100; 0 when nothing matched.
 */
void		similar_compare(const struct similar_doc *a, const struct similar_doc *b,
		    struct similar_score *out);

/* Dice coefficient of the two texts' character bigrams, in percent (0..100). */
int		similar_title_pct(const char *x, const char *y);

/* "same_product", "same_versions", "shared_id", "similar_title". */
const char	*similar_reason_name(enum similar_reason r);

#endif
