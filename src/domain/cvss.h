#ifndef LOUDONG_DOMAIN_CVSS_H
#define LOUDONG_DOMAIN_CVSS_H

/*
 * CVSS vectors: parse, validate, normalise and score, exactly as FIRST
 * specifies each version (R29, R38-adjacent interop with CNVD, CNNVD, CVE).
 *
 *   v2.0  with or without a "CVSS:2.0/" prefix; base, temporal, environmental
 *   v3.0, v3.1  base, temporal, environmental; v3.1 Roundup (integer form)
 *   v4.0  CVSS-B/BT/BE/BTE by the macrovector method (spec §8), with the
 *         final rounding fix; supplemental metrics carried, not scored
 *
 * Scores are integers in tenths (0..100), so no floating-point artefact
 * (8.549999) can reach a caller: the calculators round exactly as each
 * specification says and convert once.  Pure: no I/O, no allocation.
 */
#include <stdbool.h>
#include <stddef.h>

enum cvss_version {
	CVSS_V2,
	CVSS_V30,
	CVSS_V31,
	CVSS_V40,
	CVSS__NVERSIONS
};

/* Qualitative ratings.  v2 has no NONE or CRITICAL (NVD's v2 bands). */
enum cvss_severity {
	CVSS_SEV_NONE,
	CVSS_SEV_LOW,
	CVSS_SEV_MEDIUM,
	CVSS_SEV_HIGH,
	CVSS_SEV_CRITICAL
};

/* v4.0 nomenclature: which metric groups the score takes into account. */
enum cvss_nomenclature {
	CVSS_NOM_B,		/* CVSS-B */
	CVSS_NOM_BT,		/* CVSS-BT */
	CVSS_NOM_BE,		/* CVSS-BE */
	CVSS_NOM_BTE		/* CVSS-BTE */
};

/* Why a vector was refused. */
enum cvss_problem {
	CVSS_OK,
	CVSS_ERR_EMPTY,		/* nothing given */
	CVSS_ERR_TOO_LONG,	/* longer than CVSS_VECTOR_MAX - 1 */
	CVSS_ERR_PREFIX,	/* an unknown or malformed "CVSS:x.y/" prefix */
	CVSS_ERR_SYNTAX,	/* not metric:value/metric:value… (empty part, no ':') */
	CVSS_ERR_METRIC,	/* a metric this version does not have */
	CVSS_ERR_VALUE,		/* a value this metric does not take */
	CVSS_ERR_DUPLICATE,	/* a metric given twice */
	CVSS_ERR_MISSING,	/* a mandatory (base) metric absent */
	CVSS__NPROBLEMS
};

#define CVSS_VECTOR_MAX		256	/* with the NUL; longest v4 vector is ~180 */
#define CVSS_METRIC_MAX		8	/* longest metric name ("MAV", "CDP", "U") + NUL */

struct cvss_error {
	enum cvss_problem	problem;
	char			metric[CVSS_METRIC_MAX];	/* the metric concerned, or "" */
	char			value[CVSS_METRIC_MAX * 2];	/* the value concerned, or "" */
};

struct cvss {
	enum cvss_version	version;
	/*
	 * Normalised: the version's canonical prefix ("CVSS:3.1/", "CVSS:4.0/";
	 * none for v2, as NVD and CVE JSON 5 write it), then every metric given
	 * with a defined value in the specification's order; metrics given as
	 * X / ND (not defined) are left out, since they mean "absent".
	 */
	char			vector[CVSS_VECTOR_MAX];

	/* v2, v3: tenths.  temporal and environmental are always computed. */
	int			base;
	int			temporal;
	int			environmental;
	bool			has_temporal;		/* the vector gave a temporal metric */
	bool			has_environmental;	/* the vector gave an environmental one */
	enum cvss_severity	base_severity;

	/* v4: the one score, its severity and nomenclature. */
	int			score;
	enum cvss_severity	severity;
	enum cvss_nomenclature	nomenclature;
};

/*
 * Parse and score a vector.  0 and *out filled, or -1 with *err saying
 * why (out is then unspecified).  Metric names and values are
 * case-sensitive, as every version's specification says.  The version
 * comes from the prefix: "CVSS:4.0/", "CVSS:3.1/", "CVSS:3.0/",
 * "CVSS:2.0/" or none (v2).
 */
int		cvss_parse(const char *vector, struct cvss *out, struct cvss_error *err);

/* "2.0", "3.0", "3.1", "4.0". */
const char	*cvss_version_name(enum cvss_version v);
/* "NONE", "LOW", "MEDIUM", "HIGH", "CRITICAL" (as CVE JSON 5 and NVD). */
const char	*cvss_severity_name(enum cvss_severity s);
/* "CVSS-B", "CVSS-BT", "CVSS-BE", "CVSS-BTE". */
const char	*cvss_nomenclature_name(enum cvss_nomenclature n);
/* A stable code for a problem: "empty", "too_long", "prefix", "syntax",
 * "unknown_metric", "unknown_value", "duplicate", "missing". */
const char	*cvss_problem_code(enum cvss_problem p);

/* The v3/v4 bands: 0.0 NONE, 0.1-3.9 LOW, 4.0-6.9 MEDIUM, 7.0-8.9 HIGH, 9.0-10.0 CRITICAL. */
enum cvss_severity cvss_severity_of(int tenths);
/* NVD's v2 bands: 0.0-3.9 LOW, 4.0-6.9 MEDIUM, 7.0-10.0 HIGH. */
enum cvss_severity cvss2_severity_of(int tenths);

/* Write tenths as "7.5" / "10.0" into buf (at least 5 bytes). */
void		cvss_format_score(int tenths, char buf[5]);

#endif
