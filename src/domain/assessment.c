#include <stdio.h>
#include <string.h>

#include "domain/assessment.h"

bool
assessment_grade_change_needs_reason(const char *old_grade, const char *new_grade)
{
	if (old_grade == NULL || old_grade[0] == '\0')
		return false;	/* the first grading */
	return new_grade == NULL || strcmp(old_grade, new_grade) != 0;
}

void
assessment_clear(struct assessment *a, const char *subject)
{
	int	i;

	memset(a, 0, sizeof(*a));
	a->subject = subject;
	a->cvss_v2 = a->cvss_v3 = a->cvss_v4 = "";
	for (i = 0; i < GBT__NINDICATORS; i++)
		a->gbt[i] = "";
	a->technical_grade = a->comprehensive_grade = "";
	a->grading_scheme = a->tables_version = a->tables_sha256 = "";
	a->category_path = "";
}

enum msg_id
assessment_cvss_msg(const struct cvss_error *e, char arg[ASSESS_CVSS_ARG_MAX])
{
	snprintf(arg, ASSESS_CVSS_ARG_MAX, "%s", e->metric);
	switch (e->problem) {
	case CVSS_ERR_EMPTY:
		return MSG_ERR_CVSS_EMPTY;
	case CVSS_ERR_TOO_LONG:
		return MSG_ERR_CVSS_TOO_LONG;
	case CVSS_ERR_PREFIX:
		/* The calculator keeps the prefix it could not read as the value. */
		snprintf(arg, ASSESS_CVSS_ARG_MAX, "%s", e->value);
		return MSG_ERR_CVSS_PREFIX;
	case CVSS_ERR_METRIC:
		return MSG_ERR_CVSS_METRIC;
	case CVSS_ERR_VALUE:
		snprintf(arg, ASSESS_CVSS_ARG_MAX, "%s:%s", e->metric, e->value);
		return MSG_ERR_CVSS_VALUE;
	case CVSS_ERR_DUPLICATE:
		return MSG_ERR_CVSS_DUPLICATE;
	case CVSS_ERR_MISSING:
		return MSG_ERR_CVSS_MISSING;
	case CVSS_ERR_SYNTAX:
	default:
		if (e->value[0] != '\0')
			snprintf(arg, ASSESS_CVSS_ARG_MAX, "%s:%s", e->metric, e->value);
		return MSG_ERR_CVSS_SYNTAX;
	}
}
