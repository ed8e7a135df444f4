#ifndef LOUDONG_SVC_STATS_H
#define LOUDONG_SVC_STATS_H

/*
 * Statistics of a library (issue 9): for a period (whole days in China
 * time; by default the last twelve months, this one included), the
 * reports and received 报送 by grade and by app platform per month, the
 * clocks' compliance, the support units that contributed most; and for
 * one support unit its contributions by kind and grade per month and its
 * 报送 by grade and platform.
 *
 * Registry role only (elsewhere APP_NOTFOUND).  Who sees what: the
 * library's figures, staff (svc_is_staff), regulators and auditors; a
 * unit's, those and the unit's members (accounts of its organisation).
 * Reads only: nothing is written, nothing audited.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "svc/svc.h"

#define STATS_MONTHS_MAX	120	/* a period spans at most ten years of months */
#define STATS_TOP_MAX		20	/* top contributors listed */

/* The period: inclusive dates, and the [from_t, to_t) unix bounds they make. */
struct stats_period {
	char	 from[11];	/* YYYY-MM-DD */
	char	 to[11];
	int64_t	 from_t;	/* 00:00 CST of from */
	int64_t	 to_t;		/* 00:00 CST of the day after to */
};

/*
 * Counts by month and key: months are every month of the period (none
 * skipped, so a chart's axis is the calendar), keys a fixed list (the
 * grades, platforms, states or kinds, "" last for none).
 */
struct stats_table {
	const char *const	*keys;		/* nkeys words: "critical", ..., "" */
	size_t			 nkeys;
	const char		**months;	/* nmonths "YYYY-MM" */
	size_t			 nmonths;
	int64_t			*n;		/* [month * nkeys + key] */
	int64_t			*points;	/* contributions: the same shape; else NULL */
	int64_t			*key_total;	/* [key] over the period */
	int64_t			 total;
};

/* The clocks of one kind due in the period (store_stats.h), and the share met on time. */
struct stats_sla {
	struct stats_sla_row	 r;
	double			 on_time_share;	/* on_time / (on_time + late + missed); 0 if none */
};

struct stats_library {
	struct stats_period	 p;
	struct stats_table	 sub_grade, sub_platform, sub_state;	/* received 报送 */
	struct stats_table	 rep_grade, rep_platform, rep_status;	/* reports */
	struct stats_sla	*sla;		/* by kind */
	size_t			 nsla;
	struct stats_sla	 sla_total;	/* kind "": all kinds */
	struct stats_top_row	*top;		/* at most STATS_TOP_MAX */
	size_t			 ntop;
};

struct stats_unit {
	struct stats_period	 p;
	struct unit_row		 unit;
	struct stats_table	 kind;		/* contributions by kind (n and points) */
	struct stats_table	 grade;		/* report contributions by grade */
	struct stats_table	 sub_grade, sub_platform;	/* the organisation's 报送 */
	int64_t			 points;	/* over the period */
};

/* The fixed keys, exported for the labels of pages and sheets. */
extern const char *const	stats_grade_keys[5];	/* critical, high, medium, low, "" */
extern const char *const	stats_platform_keys[7];	/* android, ..., quickapp, "" */
extern const char *const	stats_kind_keys[4];	/* report, warning, verification, assistance */
extern const char *const	stats_sub_state_keys[3];	/* received, verified, rejected */
extern const char *const	stats_rep_status_keys[7];	/* received, ..., rejected */

/* The label of key k of one of the key lists above ("": none, not graded). */
enum msg_id	svc_stats_key_label(const char *const *keys, size_t k);
/* The label of a deadline kind word; MSG_OK if it is not one. */
enum msg_id	svc_stats_clock_label(const char *kind);

/*
 * The period from the dates given (NULL or "": the default end today, the
 * default start the first of the month eleven months before the end's).
 * APP_INVALID naming "from" or "to": not a date, to before from, or more
 * than STATS_MONTHS_MAX months.
 */
enum app_err	svc_stats_period(const struct svc_ctx *c, const char *from, const char *to,
		    struct stats_period *out, struct fault *f);

/* Whether the actor may see the library's figures (staff, regulators, auditors). */
bool		svc_stats_library_reader(const struct svc_ctx *c);

/*
 * The library's figures.  APP_NOTFOUND off the registry role,
 * APP_FORBIDDEN (rule rbac.role) for anyone not a library reader.
 */
enum app_err	svc_stats_library(const struct svc_ctx *c, const char *from, const char *to,
		    struct stats_library *out, struct fault *f);

/*
 * A unit's figures.  APP_NOTFOUND off the registry role, for a unit that
 * does not exist, and for an actor who is neither a library reader nor a
 * member of the unit's organisation (the unit's figures are its own).
 */
enum app_err	svc_stats_unit(const struct svc_ctx *c, int64_t unit_id, const char *from,
		    const char *to, struct stats_unit *out, struct fault *f);

#endif
