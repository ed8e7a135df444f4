/*
 * CVSS v2.0, v3.0 and v3.1: parse, validate, normalise and score; v4.0 is
 * handed to cvss4.c after the checks common to every version.
 *
 * Sources: the CVSS v2 Complete Guide (first.org/cvss/v2/guide, §3.2),
 * the CVSS v3.0 Specification (§8) and the CVSS v3.1 Specification (§7,
 * Appendix A).
 *
 * Rounding.  Each version's formulas are evaluated in double, as the
 * specifications and FIRST's calculators do, and rounded once per step of
 * the formula into integer tenths.  Floating point puts a result that is
 * exactly on a rounding edge (a v2 score of x.x5, a v3 score of exactly
 * x.x) a few ulps to either side of it, so the v2 and v3.0 roundings look
 * through a guard of 1e-6 on the score times ten:
 *
 *   v2    round half up:  floor(10x + 0.5 + 1e-6)
 *   v3.0  Roundup, the smallest tenth >= x:  ceil(10x - 1e-6)
 *   v3.1  Roundup as Appendix A writes it (integer form)
 *
 * The guard is safe because it cannot reach a real value.  Enumerating
 * every combination of metric values in exact rational arithmetic, no
 * value that is rounded lies closer than 5e-4 (in units of 10x) to a v2
 * half-tenth without being on it, nor closer than 2.5e-4 above a v3
 * tenth without being on it, while double's error here is below 1e-12.
 * The same enumeration shows that v3.0's Roundup and v3.1's integer
 * Roundup give the same tenths for every reachable input, and that no
 * input lands within 2.6e-9 of the half that Appendix A's round() must
 * decide; the two versions differ only in v3.1's ModifiedImpact formula.
 * Do not replace either guard by a bare ceil() or floor(): hundreds of
 * reachable values sit exactly on an edge (10.0 x 0.92 = 9.2 is computed
 * as 9.200000000000001, and v2's 3.0 x 0.95 = 2.85 as 2.8499999999999996).
 */
#include <stdbool.h>
#include <string.h>

#include "domain/cvss_int.h"

/* Every rounding step looks through this much on the score times ten. */
#define ROUND_GUARD	1e-6

enum group {
	G_BASE,		/* mandatory */
	G_TEMPORAL,
	G_ENV,
	G__MAX
};

/*
 * A metric and its values, as the vector writes them.  For temporal and
 * environmental metrics, value 0 is "not defined" (X or ND).  Modified
 * v3 metrics list X and then exactly their base metric's values, so that
 * value i > 0 of MAV is value i - 1 of AV.
 */
struct metric {
	const char		*name;
	enum group		 group;
	const char *const	*values;	/* NULL-terminated */
};

/* CVSS v3.x, in the specification's order (also the normalised order). */
enum v3_metric {
	V3_AV, V3_AC, V3_PR, V3_UI, V3_S, V3_C, V3_I, V3_A,
	V3_E, V3_RL, V3_RC,
	V3_CR, V3_IR, V3_AR, V3_MAV, V3_MAC, V3_MPR, V3_MUI, V3_MS, V3_MC, V3_MI, V3_MA,
	V3__MAX
};

static const char *const v3_av[] = { "N", "A", "L", "P", NULL };
static const char *const v3_ac[] = { "L", "H", NULL };
static const char *const v3_pr[] = { "N", "L", "H", NULL };
static const char *const v3_ui[] = { "N", "R", NULL };
static const char *const v3_s[] = { "U", "C", NULL };
static const char *const v3_cia[] = { "H", "L", "N", NULL };
static const char *const v3_e[] = { "X", "H", "F", "P", "U", NULL };
static const char *const v3_rl[] = { "X", "U", "W", "T", "O", NULL };
static const char *const v3_rc[] = { "X", "C", "R", "U", NULL };
static const char *const v3_req[] = { "X", "H", "M", "L", NULL };
static const char *const v3_mav[] = { "X", "N", "A", "L", "P", NULL };
static const char *const v3_mac[] = { "X", "L", "H", NULL };
static const char *const v3_mpr[] = { "X", "N", "L", "H", NULL };
static const char *const v3_mui[] = { "X", "N", "R", NULL };
static const char *const v3_ms[] = { "X", "U", "C", NULL };
static const char *const v3_mcia[] = { "X", "H", "L", "N", NULL };

static const struct metric v3_metrics[V3__MAX] = {
	{ "AV", G_BASE, v3_av },		/* V3_AV */
	{ "AC", G_BASE, v3_ac },		/* V3_AC */
	{ "PR", G_BASE, v3_pr },		/* V3_PR */
	{ "UI", G_BASE, v3_ui },		/* V3_UI */
	{ "S", G_BASE, v3_s },			/* V3_S */
	{ "C", G_BASE, v3_cia },		/* V3_C */
	{ "I", G_BASE, v3_cia },		/* V3_I */
	{ "A", G_BASE, v3_cia },		/* V3_A */
	{ "E", G_TEMPORAL, v3_e },		/* V3_E */
	{ "RL", G_TEMPORAL, v3_rl },		/* V3_RL */
	{ "RC", G_TEMPORAL, v3_rc },		/* V3_RC */
	{ "CR", G_ENV, v3_req },		/* V3_CR */
	{ "IR", G_ENV, v3_req },		/* V3_IR */
	{ "AR", G_ENV, v3_req },		/* V3_AR */
	{ "MAV", G_ENV, v3_mav },		/* V3_MAV */
	{ "MAC", G_ENV, v3_mac },		/* V3_MAC */
	{ "MPR", G_ENV, v3_mpr },		/* V3_MPR */
	{ "MUI", G_ENV, v3_mui },		/* V3_MUI */
	{ "MS", G_ENV, v3_ms },			/* V3_MS */
	{ "MC", G_ENV, v3_mcia },		/* V3_MC */
	{ "MI", G_ENV, v3_mcia },		/* V3_MI */
	{ "MA", G_ENV, v3_mcia },		/* V3_MA */
};

/* v3 weights, indexed like the value lists above. */
static const double v3_w_av[] = { 0.85, 0.62, 0.55, 0.2 };
static const double v3_w_ac[] = { 0.77, 0.44 };
static const double v3_w_pr_u[] = { 0.85, 0.62, 0.27 };	/* scope unchanged */
static const double v3_w_pr_c[] = { 0.85, 0.68, 0.5 };	/* scope changed */
static const double v3_w_ui[] = { 0.85, 0.62 };
static const double v3_w_cia[] = { 0.56, 0.22, 0 };
static const double v3_w_e[] = { 1, 1, 0.97, 0.94, 0.91 };
static const double v3_w_rl[] = { 1, 1, 0.97, 0.96, 0.95 };
static const double v3_w_rc[] = { 1, 1, 0.96, 0.92 };
static const double v3_w_req[] = { 1, 1.5, 1, 0.5 };

#define V3_S_CHANGED	1	/* index of "C" in v3_s */

/* CVSS v2, in the guide's order (also the normalised order). */
enum v2_metric {
	V2_AV, V2_AC, V2_AU, V2_C, V2_I, V2_A,
	V2_E, V2_RL, V2_RC,
	V2_CDP, V2_TD, V2_CR, V2_IR, V2_AR,
	V2__MAX
};

#define METRICS_MAX	22	/* v3 has the most */
_Static_assert(V3__MAX == METRICS_MAX, "METRICS_MAX is v3's count");
_Static_assert(V2__MAX <= METRICS_MAX, "METRICS_MAX holds every v2 metric");

static const char *const v2_av[] = { "L", "A", "N", NULL };
static const char *const v2_ac[] = { "H", "M", "L", NULL };
static const char *const v2_au[] = { "M", "S", "N", NULL };
static const char *const v2_cia[] = { "N", "P", "C", NULL };
static const char *const v2_e[] = { "ND", "U", "POC", "F", "H", NULL };
static const char *const v2_rl[] = { "ND", "OF", "TF", "W", "U", NULL };
static const char *const v2_rc[] = { "ND", "UC", "UR", "C", NULL };
static const char *const v2_cdp[] = { "ND", "N", "L", "LM", "MH", "H", NULL };
static const char *const v2_td[] = { "ND", "N", "L", "M", "H", NULL };
static const char *const v2_req[] = { "ND", "L", "M", "H", NULL };

static const struct metric v2_metrics[V2__MAX] = {
	{ "AV", G_BASE, v2_av },		/* V2_AV */
	{ "AC", G_BASE, v2_ac },		/* V2_AC */
	{ "Au", G_BASE, v2_au },		/* V2_AU */
	{ "C", G_BASE, v2_cia },		/* V2_C */
	{ "I", G_BASE, v2_cia },		/* V2_I */
	{ "A", G_BASE, v2_cia },		/* V2_A */
	{ "E", G_TEMPORAL, v2_e },		/* V2_E */
	{ "RL", G_TEMPORAL, v2_rl },		/* V2_RL */
	{ "RC", G_TEMPORAL, v2_rc },		/* V2_RC */
	{ "CDP", G_ENV, v2_cdp },		/* V2_CDP */
	{ "TD", G_ENV, v2_td },			/* V2_TD */
	{ "CR", G_ENV, v2_req },		/* V2_CR */
	{ "IR", G_ENV, v2_req },		/* V2_IR */
	{ "AR", G_ENV, v2_req },		/* V2_AR */
};

static const double v2_w_av[] = { 0.395, 0.646, 1.0 };
static const double v2_w_ac[] = { 0.35, 0.61, 0.71 };
static const double v2_w_au[] = { 0.45, 0.56, 0.704 };
static const double v2_w_cia[] = { 0, 0.275, 0.660 };
static const double v2_w_e[] = { 1, 0.85, 0.9, 0.95, 1 };
static const double v2_w_rl[] = { 1, 0.87, 0.9, 0.95, 1 };
static const double v2_w_rc[] = { 1, 0.9, 0.95, 1 };
static const double v2_w_cdp[] = { 0, 0, 0.1, 0.3, 0.4, 0.5 };
static const double v2_w_td[] = { 1, 0, 0.25, 0.75, 1 };
static const double v2_w_req[] = { 1, 0.5, 1, 1.51 };

static const char *const severity_names[] = {
	"NONE", "LOW", "MEDIUM", "HIGH", "CRITICAL",
};
static const char *const nomenclature_names[] = {
	"CVSS-B", "CVSS-BT", "CVSS-BE", "CVSS-BTE",
};
static const char *const problem_codes[CVSS__NPROBLEMS] = {
	"ok", "empty", "too_long", "prefix", "syntax", "unknown_metric",
	"unknown_value", "duplicate", "missing",
};
static const char *const version_names[CVSS__NVERSIONS] = {
	"2.0", "3.0", "3.1", "4.0",
};

/*
 * Copy n bytes of untrusted text into dst, truncated to fit without
 * splitting a UTF-8 sequence, always NUL-terminated.
 */
static void
copy_trunc(char *dst, size_t dstsz, const char *s, size_t n)
{
	if (n >= dstsz) {
		n = dstsz - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(dst, s, n);
	dst[n] = '\0';
}

static int
refuse(struct cvss_error *err, enum cvss_problem p, const char *metric,
    size_t mlen, const char *value, size_t vlen)
{
	err->problem = p;
	copy_trunc(err->metric, sizeof(err->metric), metric, mlen);
	copy_trunc(err->value, sizeof(err->value), value, vlen);
	return -1;
}

/* Index of the NUL-terminated name equal to s[0..n), or -1. */
static int
lookup(const char *const *names, const char *s, size_t n)
{
	int	i;

	for (i = 0; names[i] != NULL; i++)
		if (strlen(names[i]) == n && memcmp(names[i], s, n) == 0)
			return i;
	return -1;
}

static int
metric_lookup(const struct metric *defs, int ndefs, const char *s, size_t n)
{
	int	i;

	for (i = 0; i < ndefs; i++)
		if (strlen(defs[i].name) == n && memcmp(defs[i].name, s, n) == 0)
			return i;
	return -1;
}

/*
 * Parse "M:V/M:V..." (s, n bytes, after any prefix), in any order, against
 * defs into val[]: each metric's value index, 0 ("not defined") for an
 * absent temporal or environmental metric.  The error is the first
 * offending part from the left, else the first missing base metric in
 * the specification's order.
 */
static int
parse_metrics(const char *s, size_t n, const struct metric *defs, int ndefs,
    int *val, struct cvss_error *err)
{
	const char	*end = s + n, *p = s, *q, *colon;
	int		 m, v, i;

	for (i = 0; i < ndefs; i++)
		val[i] = -1;
	for (;;) {
		q = memchr(p, '/', (size_t)(end - p));
		if (q == NULL)
			q = end;
		colon = memchr(p, ':', (size_t)(q - p));
		if (colon == NULL || colon == p || colon + 1 == q)
			return refuse(err, CVSS_ERR_SYNTAX, "", 0, p, (size_t)(q - p));
		if ((m = metric_lookup(defs, ndefs, p, (size_t)(colon - p))) < 0)
			return refuse(err, CVSS_ERR_METRIC, p, (size_t)(colon - p),
			    colon + 1, (size_t)(q - colon - 1));
		if ((v = lookup(defs[m].values, colon + 1, (size_t)(q - colon - 1))) < 0)
			return refuse(err, CVSS_ERR_VALUE, defs[m].name,
			    strlen(defs[m].name), colon + 1, (size_t)(q - colon - 1));
		if (val[m] >= 0)
			return refuse(err, CVSS_ERR_DUPLICATE, defs[m].name,
			    strlen(defs[m].name), colon + 1, (size_t)(q - colon - 1));
		val[m] = v;
		if (q == end)
			break;
		p = q + 1;	/* a trailing '/' leaves an empty part: syntax */
	}
	for (i = 0; i < ndefs; i++) {
		if (val[i] >= 0)
			continue;
		if (defs[i].group == G_BASE)
			return refuse(err, CVSS_ERR_MISSING, defs[i].name,
			    strlen(defs[i].name), "", 0);
		val[i] = 0;	/* absent means not defined */
	}
	return 0;
}

static void
append(char *buf, size_t *len, const char *s)
{
	size_t	n = strlen(s);

	/* Never truncates: the result is never longer than the input. */
	if (*len + n >= CVSS_VECTOR_MAX)
		return;
	memcpy(buf + *len, s, n + 1);
	*len += n;
}

/*
 * The normalised vector: prefix, then each metric with a defined value in
 * table order; has_temporal / has_environmental from the same walk.
 */
static void
normalise(struct cvss *out, const char *prefix, const struct metric *defs,
    int ndefs, const int *val)
{
	size_t	len = 0;
	int	i;

	out->vector[0] = '\0';
	append(out->vector, &len, prefix);
	for (i = 0; i < ndefs; i++) {
		if (defs[i].group != G_BASE && val[i] == 0)
			continue;
		if (len > 0 && out->vector[len - 1] != '/')
			append(out->vector, &len, "/");
		append(out->vector, &len, defs[i].name);
		append(out->vector, &len, ":");
		append(out->vector, &len, defs[i].values[val[i]]);
		if (defs[i].group == G_TEMPORAL)
			out->has_temporal = true;
		else if (defs[i].group == G_ENV)
			out->has_environmental = true;
	}
}

static double
min_d(double a, double b)
{
	return a < b ? a : b;
}

/* b^e for small e >= 0, without libm. */
static double
ipow(double b, int e)
{
	double	r = 1;

	while (e-- > 0)
		r *= b;
	return r;
}

/*
 * v2 round_to_1_decimal: half up (see the top of this file).  x may be
 * slightly negative inside the environmental equation.  AdjustedBase and
 * AdjustedTemporal have no negative ties, and a negative final score is
 * held at 0, so half up and half away from zero give the same scores.
 */
static int
round_v2(double x)
{
	double	t = x * 10 + 0.5 + ROUND_GUARD;
	int	k = (int)t;

	return (double)k > t ? k - 1 : k;	/* floor */
}

/* v3.0 Roundup: the smallest tenth equal to or above x. */
static int
roundup_v30(double x)
{
	double	t = x * 10 - ROUND_GUARD;
	int	k;

	if (t <= 0)
		return 0;
	k = (int)t;
	return (double)k < t ? k + 1 : k;
}

/* v3.1 Roundup, Appendix A's integer form. */
static int
roundup_v31(double x)
{
	long	i;

	if (x <= 0)
		return 0;
	i = (long)(x * 100000 + 0.5);
	if (i % 10000 == 0)
		return (int)(i / 10000);
	return (int)(i / 10000 + 1);
}

static int
roundup_v3(enum cvss_version ver, double x)
{
	return ver == CVSS_V30 ? roundup_v30(x) : roundup_v31(x);
}

static void
score_v3(enum cvss_version ver, const int *val, struct cvss *out)
{
	const double	*w_pr, *w_mpr;
	double		 iss, impact, expl, tm, miss, mimpact, mexpl, cr, ir, ar;
	bool		 changed, mchanged;
	int		 mav, mac, mpr, mui, mc, mi, ma, inner;

	/* Base (§7.1 of 3.1, §8.1 of 3.0). */
	changed = val[V3_S] == V3_S_CHANGED;
	w_pr = changed ? v3_w_pr_c : v3_w_pr_u;
	iss = 1 - (1 - v3_w_cia[val[V3_C]]) * (1 - v3_w_cia[val[V3_I]]) *
	    (1 - v3_w_cia[val[V3_A]]);
	if (changed)
		impact = 7.52 * (iss - 0.029) - 3.25 * ipow(iss - 0.02, 15);
	else
		impact = 6.42 * iss;
	expl = 8.22 * v3_w_av[val[V3_AV]] * v3_w_ac[val[V3_AC]] *
	    w_pr[val[V3_PR]] * v3_w_ui[val[V3_UI]];
	if (impact <= 0)
		out->base = 0;
	else if (changed)
		out->base = roundup_v3(ver, min_d(1.08 * (impact + expl), 10));
	else
		out->base = roundup_v3(ver, min_d(impact + expl, 10));

	/* Temporal: on the rounded base score (X weighs 1). */
	tm = v3_w_e[val[V3_E]] * v3_w_rl[val[V3_RL]] * v3_w_rc[val[V3_RC]];
	out->temporal = roundup_v3(ver, out->base / 10.0 * tm);

	/* Environmental: a modified metric given as X takes the base value. */
	mav = val[V3_MAV] > 0 ? val[V3_MAV] - 1 : val[V3_AV];
	mac = val[V3_MAC] > 0 ? val[V3_MAC] - 1 : val[V3_AC];
	mpr = val[V3_MPR] > 0 ? val[V3_MPR] - 1 : val[V3_PR];
	mui = val[V3_MUI] > 0 ? val[V3_MUI] - 1 : val[V3_UI];
	mc = val[V3_MC] > 0 ? val[V3_MC] - 1 : val[V3_C];
	mi = val[V3_MI] > 0 ? val[V3_MI] - 1 : val[V3_I];
	ma = val[V3_MA] > 0 ? val[V3_MA] - 1 : val[V3_A];
	mchanged = val[V3_MS] > 0 ? val[V3_MS] - 1 == V3_S_CHANGED : changed;
	cr = v3_w_req[val[V3_CR]];
	ir = v3_w_req[val[V3_IR]];
	ar = v3_w_req[val[V3_AR]];
	w_mpr = mchanged ? v3_w_pr_c : v3_w_pr_u;

	miss = min_d(1 - (1 - cr * v3_w_cia[mc]) * (1 - ir * v3_w_cia[mi]) *
	    (1 - ar * v3_w_cia[ma]), 0.915);
	if (!mchanged)
		mimpact = 6.42 * miss;
	else if (ver == CVSS_V30)
		mimpact = 7.52 * (miss - 0.029) - 3.25 * ipow(miss - 0.02, 15);
	else
		mimpact = 7.52 * (miss - 0.029) - 3.25 * ipow(miss * 0.9731 - 0.02, 13);
	mexpl = 8.22 * v3_w_av[mav] * v3_w_ac[mac] * w_mpr[mpr] * v3_w_ui[mui];
	if (mimpact <= 0) {
		out->environmental = 0;
	} else {
		if (mchanged)
			inner = roundup_v3(ver, min_d(1.08 * (mimpact + mexpl), 10));
		else
			inner = roundup_v3(ver, min_d(mimpact + mexpl, 10));
		out->environmental = roundup_v3(ver, inner / 10.0 * tm);
	}
	out->base_severity = cvss_severity_of(out->base);
}

/* The v2 base equation with a given impact; 0 when impact is 0. */
static int
base_v2(double impact, bool noimpact, double expl)
{
	if (noimpact)
		return 0;
	return round_v2((0.6 * impact + 0.4 * expl - 1.5) * 1.176);
}

static void
score_v2(const int *val, struct cvss *out)
{
	double	c, i, a, cr, ir, ar, impact, adjimpact, expl, tm, cdp, td, at;
	bool	noimpact;

	/* Base (guide §3.2.1). */
	c = v2_w_cia[val[V2_C]];
	i = v2_w_cia[val[V2_I]];
	a = v2_w_cia[val[V2_A]];
	noimpact = val[V2_C] == 0 && val[V2_I] == 0 && val[V2_A] == 0;
	impact = 10.41 * (1 - (1 - c) * (1 - i) * (1 - a));
	expl = 20 * v2_w_av[val[V2_AV]] * v2_w_ac[val[V2_AC]] * v2_w_au[val[V2_AU]];
	out->base = base_v2(impact, noimpact, expl);

	/* Temporal (§3.2.2; ND weighs 1). */
	tm = v2_w_e[val[V2_E]] * v2_w_rl[val[V2_RL]] * v2_w_rc[val[V2_RC]];
	out->temporal = round_v2(out->base / 10.0 * tm);

	/*
	 * Environmental (§3.2.3): the temporal equation again, on a base
	 * whose impact is adjusted by the requirements, each step rounded.
	 * Low requirements can take AdjustedBase below zero (54 of the 18,954
	 * impact and exploitability combinations, down to -0.2, e.g.
	 * AV:L/AC:H/Au:M/I:P/IR:L).  The guide does not clamp, so neither do
	 * the intermediate steps here; only the final score is held at 0.0,
	 * the bottom of the scale.
	 */
	cr = v2_w_req[val[V2_CR]];
	ir = v2_w_req[val[V2_IR]];
	ar = v2_w_req[val[V2_AR]];
	cdp = v2_w_cdp[val[V2_CDP]];
	td = v2_w_td[val[V2_TD]];
	adjimpact = min_d(10, 10.41 * (1 - (1 - c * cr) * (1 - i * ir) * (1 - a * ar)));
	at = round_v2(base_v2(adjimpact, noimpact, expl) / 10.0 * tm) / 10.0;
	out->environmental = round_v2((at + cdp * (10 - at)) * td);
	if (out->environmental < 0)
		out->environmental = 0;
	out->base_severity = cvss2_severity_of(out->base);
}

int
cvss_parse(const char *vector, struct cvss *out, struct cvss_error *err)
{
	static const char	 pfx[] = "CVSS:";
	struct cvss_error	 scratch;
	const char		*body, *slash;
	size_t			 n;
	int			 val[METRICS_MAX];

	if (err == NULL)
		err = &scratch;
	memset(err, 0, sizeof(*err));
	memset(out, 0, sizeof(*out));
	if (vector == NULL || vector[0] == '\0')
		return refuse(err, CVSS_ERR_EMPTY, "", 0, "", 0);
	for (n = 0; n < CVSS_VECTOR_MAX && vector[n] != '\0'; n++)
		continue;
	if (n >= CVSS_VECTOR_MAX)
		return refuse(err, CVSS_ERR_TOO_LONG, "", 0, "", 0);

	if (n < sizeof(pfx) - 1 || memcmp(vector, pfx, sizeof(pfx) - 1) != 0) {
		out->version = CVSS_V2;
		body = vector;
	} else if (strncmp(vector, "CVSS:4.0/", 9) == 0) {
		return cvss4_parse(vector, out, err);
	} else if (strncmp(vector, "CVSS:3.1/", 9) == 0) {
		out->version = CVSS_V31;
		body = vector + 9;
	} else if (strncmp(vector, "CVSS:3.0/", 9) == 0) {
		out->version = CVSS_V30;
		body = vector + 9;
	} else if (strncmp(vector, "CVSS:2.0/", 9) == 0) {
		out->version = CVSS_V2;
		body = vector + 9;
	} else {
		slash = memchr(vector, '/', n);
		return refuse(err, CVSS_ERR_PREFIX, "", 0, vector,
		    slash != NULL ? (size_t)(slash - vector) : n);
	}
	n -= (size_t)(body - vector);

	if (out->version == CVSS_V2) {
		if (parse_metrics(body, n, v2_metrics, V2__MAX, val, err) != 0)
			return -1;
		normalise(out, "", v2_metrics, V2__MAX, val);
		score_v2(val, out);
	} else {
		if (parse_metrics(body, n, v3_metrics, V3__MAX, val, err) != 0)
			return -1;
		normalise(out, out->version == CVSS_V30 ? "CVSS:3.0/" : "CVSS:3.1/",
		    v3_metrics, V3__MAX, val);
		score_v3(out->version, val, out);
	}
	return 0;
}

const char *
cvss_version_name(enum cvss_version v)
{
	return (unsigned)v < CVSS__NVERSIONS ? version_names[v] : "?";
}

const char *
cvss_severity_name(enum cvss_severity s)
{
	return (unsigned)s <= CVSS_SEV_CRITICAL ? severity_names[s] : "?";
}

const char *
cvss_nomenclature_name(enum cvss_nomenclature n)
{
	return (unsigned)n <= CVSS_NOM_BTE ? nomenclature_names[n] : "?";
}

const char *
cvss_problem_code(enum cvss_problem p)
{
	return (unsigned)p < CVSS__NPROBLEMS ? problem_codes[p] : "?";
}

enum cvss_severity
cvss_severity_of(int tenths)
{
	if (tenths <= 0)
		return CVSS_SEV_NONE;
	if (tenths <= 39)
		return CVSS_SEV_LOW;
	if (tenths <= 69)
		return CVSS_SEV_MEDIUM;
	if (tenths <= 89)
		return CVSS_SEV_HIGH;
	return CVSS_SEV_CRITICAL;
}

enum cvss_severity
cvss2_severity_of(int tenths)
{
	if (tenths <= 39)
		return CVSS_SEV_LOW;
	if (tenths <= 69)
		return CVSS_SEV_MEDIUM;
	return CVSS_SEV_HIGH;
}

void
cvss_format_score(int tenths, char buf[5])
{
	/* Out of range is a caller's bug; clamp rather than overrun buf. */
	if (tenths < 0)
		tenths = 0;
	if (tenths > 100)
		tenths = 100;
	if (tenths == 100) {
		memcpy(buf, "10.0", 5);
		return;
	}
	buf[0] = (char)('0' + tenths / 10);
	buf[1] = '.';
	buf[2] = (char)('0' + tenths % 10);
	buf[3] = '\0';
}
