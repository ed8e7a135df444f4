#ifndef LOUDONG_DOMAIN_ASSESSMENT_H
#define LOUDONG_DOMAIN_ASSESSMENT_H

/*
 * An assessment: what triage records about a report (later also a case):
 * CVSS vectors (v2, v3.x, v4.0), the GB/T 30279-2020 indicators, category
 * and grades with the scheme and table version that gave them (R27-R29),
 * the CWE and related ids of other libraries (R38).  Every change is kept
 * as history: who, when, field, old -> new, reason (R30).  Plain structs
 * and rules, no I/O.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/cvss.h"
#include "domain/grade.h"
#include "i18n/i18n.h"

#define ASSESS_SCHEME		"GB/T 30279-2020"
#define ASSESS_REASON_MAX	2000	/* bytes of a change's reason */
#define ASSESS_RELATED_MAX	32	/* related ids per subject */

struct related_id {
	const char	*scheme;	/* CVE, CNVD, CNVD-C, CNNVD, GHSA, OSV, or opaque */
	const char	*value;
};

struct assessment {
	const char		*subject;	/* "report:LD-2026-000001" */
	const char		*cvss_v2;	/* normalised vectors, "" when none */
	const char		*cvss_v3;
	const char		*cvss_v4;
	const char		*gbt[GBT__NINDICATORS];	/* English terms, "" when unset */
	const char		*technical_grade;	/* "critical" … "low", or "" */
	const char		*comprehensive_grade;
	const char		*grading_scheme;	/* ASSESS_SCHEME once graded */
	const char		*tables_version;
	const char		*tables_sha256;
	const char		*category_path;		/* "" when none */
	int64_t			 cwe_id;		/* 0: none */
	struct related_id	*related;
	size_t			 nrelated;
	int64_t			 updated_at;		/* 0: never assessed */
	int64_t			 updated_by;
};

/* One recorded change. */
struct assessment_change {
	int64_t		 id;
	int64_t		 at;
	int64_t		 actor_id;
	const char	*actor_login;	/* "" when the account is gone */
	const char	*field;		/* "cvss_v3", "technical_grade", "gbt.access_path", … */
	const char	*old;
	const char	*new;
	const char	*reason;
};

/*
 * R30: a grade that changes from one value to another (an upgrade or a
 * downgrade, not the first grading) needs a reviewer's reason.
 */
bool		assessment_grade_change_needs_reason(const char *old_grade, const char *new_grade);

/*
 * The message for a refused CVSS vector, and its %s (the metric, or
 * "metric:value" for a bad value) written to arg.
 */
#define ASSESS_CVSS_ARG_MAX	(2 * CVSS_METRIC_MAX + 8)
enum msg_id	assessment_cvss_msg(const struct cvss_error *e, char arg[ASSESS_CVSS_ARG_MAX]);

/* Set every field of a to "its empty value" (strings "", ids 0). */
void		assessment_clear(struct assessment *a, const char *subject);

#endif
