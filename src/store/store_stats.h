#ifndef LOUDONG_STORE_STORE_STATS_H
#define LOUDONG_STORE_STORE_STATS_H

/*
 * Part of store.h (included from it): the statistics of a library (issue
 * 9): reports and 报送 by grade, app platform and state per month, the
 * clocks' compliance, the support units' contributions.  Everything is
 * aggregated in SQL (stmt_stats.def, sqlite_stats.inc); months are
 * "YYYY-MM" in China time.  The period is [from, to) in unix seconds.
 */

/* What a month-by-key count is of. */
enum stats_query {
	SQ_SUB_GRADE,		/* received 报送 by grade ('' ungraded); scope: org id */
	SQ_SUB_PLATFORM,	/* received 报送 by app platform ('' none); scope: org id */
	SQ_SUB_STATE,		/* received 报送 by state; scope: org id */
	SQ_REP_GRADE,		/* reports by grade; scope must be 0 */
	SQ_REP_PLATFORM,	/* reports by app platform; scope must be 0 */
	SQ_REP_STATUS,		/* reports by status; scope must be 0 */
	SQ_UNIT_KIND,		/* a unit's contributions by kind; scope: unit id */
	SQ_UNIT_GRADE,		/* a unit's report contributions by grade; scope: unit id */
	SQ__MAX
};

/* One group: a month, a key, how many, and the points (contributions; else 0). */
struct stats_cell {
	const char	*month;		/* "2025-03" */
	const char	*key;		/* a grade, platform, state or kind word; "" */
	int64_t		 n;
	int64_t		 points;
};

/* The groups of q over [from, to), by month then key.  scope 0: all. */
enum app_err	 store_stats_cells(struct store *st, struct arena *a, enum stats_query q,
		    int64_t from, int64_t to, int64_t scope, struct stats_cell **out, size_t *n);

/* The clocks of one kind due in the period. */
struct stats_sla_row {
	const char	*kind;		/* deadline kind word */
	int64_t		 on_time;	/* met by the due time */
	int64_t		 late;		/* met after it */
	int64_t		 missed;	/* past due, not met */
	int64_t		 open;		/* open or paused */
	int64_t		 waived;
};
/* By kind (its word's order). */
enum app_err	 store_stats_sla(struct store *st, struct arena *a, int64_t from, int64_t to,
		    struct stats_sla_row **out, size_t *n);

/* A unit and what it was credited with in the period. */
struct stats_top_row {
	int64_t		 unit_id;
	const char	*name;
	const char	*type;		/* technical, governance */
	int		 level;		/* 1..4 */
	const char	*status;	/* active, suspended, expired, revoked */
	int64_t		 points;
	int64_t		 n;		/* contributions */
};
/* The limit units with the most points, then the most contributions. */
enum app_err	 store_stats_top(struct store *st, struct arena *a, int64_t from, int64_t to,
		    int limit, struct stats_top_row **out, size_t *n);

#endif
