#ifndef LOUDONG_SVC_ASSESSMENT_H
#define LOUDONG_SVC_ASSESSMENT_H

/*
 * Triage's assessment of a report: CVSS vectors, GB/T 30279-2020
 * indicators, category, CWE and related ids, with the grades computed from
 * the process's grading tables (gbt_tables_current) and every change kept
 * in the history with its reason (R27-R30, R38).  Staff holding
 * PERM_REPORTS_ASSESS only.
 */
#include "domain/assessment.h"
#include "domain/cvss.h"
#include "domain/report.h"
#include "svc/svc.h"

/*
 * What triage entered, as typed.  A PUT replaces the whole assessment: a
 * NULL or "" field clears it.  Indicators in English or Chinese terms; cwe
 * as "CWE-79" or "79"; related ids with an optional scheme each.
 */
struct assessment_in {
	const char		*cvss_v2;
	const char		*cvss_v3;
	const char		*cvss_v4;
	const char		*gbt[GBT__NINDICATORS];
	const char		*category_path;
	const char		*cwe;
	const struct related_id	*related;	/* scheme may be NULL */
	size_t			 nrelated;
	const char		*reason;	/* required when a grade changes (R30) */
};

#define ASSESS_MAX_PROBLEMS	(GBT__NINDICATORS + 8 + ASSESS_RELATED_MAX)

/*
 * Check, grade and record.  On APP_INVALID every bad field is in
 * problems[0..*np) (report_problem: field, message and its %s) and nothing
 * is written.  APP_NOTFOUND for an unknown report.  Unchanged input writes
 * nothing.  *out is the assessment as stored afterwards.
 */
enum app_err	svc_assessment_put(const struct svc_ctx *c, const char *report_id,
		    const struct assessment_in *in, struct assessment *out,
		    struct report_problem *problems, int *np, struct fault *f);

/* The assessment of a report (cleared, updated_at 0, if never assessed). */
enum app_err	svc_assessment_get(const struct svc_ctx *c, const char *report_id,
		    struct assessment *out, struct fault *f);

/* Its history, newest first (up to limit). */
enum app_err	svc_assessment_history(const struct svc_ctx *c, const char *report_id,
		    int limit, struct assessment_change **out, size_t *n, struct fault *f);

#endif
