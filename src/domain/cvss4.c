/*
 * CVSS v4.0: parse, validate, normalise and score by the macrovector
 * method of the specification §8, exactly as FIRST's reference calculator
 * (cvss-v4-calculator) does it, with the final-rounding fix of Oct 2024.
 * The tables are generated (cvss4_data.c, see cvss4_int.h).
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/str.h"
#include "domain/cvss4_int.h"
#include "domain/cvss_int.h"

#define CVSS4_PREFIX	"CVSS:4.0/"

/* The metrics in the specification's order (Table 23): the vector's order. */
enum m4 {
	M4_AV, M4_AC, M4_AT, M4_PR, M4_UI,	/* base: exploitability */
	M4_VC, M4_VI, M4_VA, M4_SC, M4_SI, M4_SA,	/* base: impact */
	M4_E,					/* threat */
	M4_CR, M4_IR, M4_AR,			/* environmental: requirements */
	M4_MAV, M4_MAC, M4_MAT, M4_MPR, M4_MUI,	/* environmental: modified base, */
	M4_MVC, M4_MVI, M4_MVA, M4_MSC, M4_MSI, M4_MSA,	/* same order as AV..SA */
	M4_S, M4_AU, M4_R, M4_V, M4_RE, M4_U,	/* supplemental: carried, not scored */
	M4__MAX
};

#define M4_BASE_LAST	M4_SA
#define M4_ENV_FIRST	M4_CR
#define M4_ENV_LAST	M4_MSA

/* Value lists, NULL-terminated; "X" (not defined) first where allowed. */
static const char *const v_av[] = { "N", "A", "L", "P", NULL };
static const char *const v_ac[] = { "L", "H", NULL };
static const char *const v_at[] = { "N", "P", NULL };
static const char *const v_pr[] = { "N", "L", "H", NULL };
static const char *const v_ui[] = { "N", "P", "A", NULL };
static const char *const v_cia[] = { "H", "L", "N", NULL };
static const char *const v_e[] = { "X", "A", "P", "U", NULL };
static const char *const v_req[] = { "X", "H", "M", "L", NULL };
static const char *const v_mav[] = { "X", "N", "A", "L", "P", NULL };
static const char *const v_mac[] = { "X", "L", "H", NULL };
static const char *const v_mat[] = { "X", "N", "P", NULL };
static const char *const v_mpr[] = { "X", "N", "L", "H", NULL };
static const char *const v_mui[] = { "X", "N", "P", "A", NULL };
static const char *const v_mcia[] = { "X", "H", "L", "N", NULL };
static const char *const v_msia[] = { "X", "H", "L", "N", "S", NULL };
static const char *const v_s[] = { "X", "N", "P", NULL };
static const char *const v_au[] = { "X", "N", "Y", NULL };
static const char *const v_r[] = { "X", "A", "U", "I", NULL };
static const char *const v_v[] = { "X", "D", "C", NULL };
static const char *const v_re[] = { "X", "L", "M", "H", NULL };
static const char *const v_u[] = { "X", "Clear", "Green", "Amber", "Red", NULL };

static const struct m4_def {
	const char		*name;		/* as in the vector */
	const char *const	*values;	/* what it takes */
} m4_defs[M4__MAX] = {
	{ "AV", v_av },		/* M4_AV */
	{ "AC", v_ac },		/* M4_AC */
	{ "AT", v_at },		/* M4_AT */
	{ "PR", v_pr },		/* M4_PR */
	{ "UI", v_ui },		/* M4_UI */
	{ "VC", v_cia },	/* M4_VC */
	{ "VI", v_cia },	/* M4_VI */
	{ "VA", v_cia },	/* M4_VA */
	{ "SC", v_cia },	/* M4_SC */
	{ "SI", v_cia },	/* M4_SI */
	{ "SA", v_cia },	/* M4_SA */
	{ "E", v_e },		/* M4_E */
	{ "CR", v_req },	/* M4_CR */
	{ "IR", v_req },	/* M4_IR */
	{ "AR", v_req },	/* M4_AR */
	{ "MAV", v_mav },	/* M4_MAV */
	{ "MAC", v_mac },	/* M4_MAC */
	{ "MAT", v_mat },	/* M4_MAT */
	{ "MPR", v_mpr },	/* M4_MPR */
	{ "MUI", v_mui },	/* M4_MUI */
	{ "MVC", v_mcia },	/* M4_MVC */
	{ "MVI", v_mcia },	/* M4_MVI */
	{ "MVA", v_mcia },	/* M4_MVA */
	{ "MSC", v_mcia },	/* M4_MSC */
	{ "MSI", v_msia },	/* M4_MSI: S = safety impact */
	{ "MSA", v_msia },	/* M4_MSA: S = safety impact */
	{ "S", v_s },		/* M4_S */
	{ "AU", v_au },		/* M4_AU */
	{ "R", v_r },		/* M4_R */
	{ "V", v_v },		/* M4_V */
	{ "RE", v_re },		/* M4_RE */
	{ "U", v_u },		/* M4_U */
};

/* A parsed vector: the index of each metric's value, or -1 if not given. */
struct v4 {
	int	val[M4__MAX];
};

/* Severity distances from a highest-severity vector, per metric. */
struct dist {
	double	av, pr, ui, ac, at, vc, vi, va, sc, si, sa, cr, ir, ar;
};

static void
set_err(struct cvss_error *err, enum cvss_problem p, struct str metric, struct str value)
{
	err->problem = p;
	snprintf(err->metric, sizeof(err->metric), "%.*s", (int)metric.n,
	    metric.n ? metric.p : "");
	snprintf(err->value, sizeof(err->value), "%.*s", (int)value.n,
	    value.n ? value.p : "");
}

static bool
is_set(const struct v4 *v, enum m4 m)
{
	return v->val[m] >= 0 && strcmp(m4_defs[m].values[v->val[m]], "X") != 0;
}

static char
letter(const struct v4 *v, enum m4 m)
{
	return m4_defs[m].values[v->val[m]][0];
}

/*
 * The value the score uses (the calculator's m()): a modified metric
 * overrides its base metric; E not defined counts as A (Attacked), CR, IR
 * and AR not defined as H, the worst case the specification assumes.
 * MSI:S / MSA:S come through as SI / SA = S.
 */
static char
eff(const struct v4 *v, enum m4 m)
{
	if (m <= M4_BASE_LAST && is_set(v, (enum m4)(M4_MAV + m)))
		return letter(v, (enum m4)(M4_MAV + m));
	if (m == M4_E && !is_set(v, m))
		return 'A';
	if ((m == M4_CR || m == M4_IR || m == M4_AR) && !is_set(v, m))
		return 'H';
	return letter(v, m);
}

/*
 * Severity levels, in the calculator's units (multiples of 0.1, as
 * doubles: the reference sums and divides these, and so must we).
 */
static double
level(enum m4 m, char c)
{
	switch (m) {
	case M4_AV:
		return c == 'N' ? 0.0 : c == 'A' ? 0.1 : c == 'L' ? 0.2 : 0.3;
	case M4_PR:
		return c == 'N' ? 0.0 : c == 'L' ? 0.1 : 0.2;
	case M4_UI:
		return c == 'N' ? 0.0 : c == 'P' ? 0.1 : 0.2;
	case M4_AC:
		return c == 'L' ? 0.0 : 0.1;
	case M4_AT:
		return c == 'N' ? 0.0 : 0.1;
	case M4_VC:
	case M4_VI:
	case M4_VA:
		return c == 'H' ? 0.0 : c == 'L' ? 0.1 : 0.2;
	case M4_SC:
	case M4_SI:
	case M4_SA:
		return c == 'S' ? 0.0 : c == 'H' ? 0.1 : c == 'L' ? 0.2 : 0.3;
	case M4_CR:
	case M4_IR:
	case M4_AR:
		return c == 'H' ? 0.0 : c == 'M' ? 0.1 : 0.2;
	default:
		return 0.0;
	}
}

/* A macrovector's score, or -1 if it does not exist (the calculator's NaN). */
static double
lookup(int e1, int e2, int e3, int e4, int e5, int e6)
{
	if (e1 > 2 || e2 > 1 || e3 > 2 || e4 > 2 || e5 > 2 || e6 > 1)
		return -1.0;
	return cvss4_lookup[e1][e2][e3][e4][e5][e6];
}

/*
 * Distances of the vector from one composed highest-severity vector; true
 * if none is negative, i.e. the vector lies below that maximum.
 */
static bool
distances(const struct v4 *v, const char *m1, const char *m2, const char *m36,
    const char *m4, struct dist *d)
{
	d->av = level(M4_AV, eff(v, M4_AV)) - level(M4_AV, m1[0]);
	d->pr = level(M4_PR, eff(v, M4_PR)) - level(M4_PR, m1[1]);
	d->ui = level(M4_UI, eff(v, M4_UI)) - level(M4_UI, m1[2]);
	d->ac = level(M4_AC, eff(v, M4_AC)) - level(M4_AC, m2[0]);
	d->at = level(M4_AT, eff(v, M4_AT)) - level(M4_AT, m2[1]);
	d->vc = level(M4_VC, eff(v, M4_VC)) - level(M4_VC, m36[0]);
	d->vi = level(M4_VI, eff(v, M4_VI)) - level(M4_VI, m36[1]);
	d->va = level(M4_VA, eff(v, M4_VA)) - level(M4_VA, m36[2]);
	d->cr = level(M4_CR, eff(v, M4_CR)) - level(M4_CR, m36[3]);
	d->ir = level(M4_IR, eff(v, M4_IR)) - level(M4_IR, m36[4]);
	d->ar = level(M4_AR, eff(v, M4_AR)) - level(M4_AR, m36[5]);
	d->sc = level(M4_SC, eff(v, M4_SC)) - level(M4_SC, m4[0]);
	d->si = level(M4_SI, eff(v, M4_SI)) - level(M4_SI, m4[1]);
	d->sa = level(M4_SA, eff(v, M4_SA)) - level(M4_SA, m4[2]);
	return !(d->av < 0 || d->pr < 0 || d->ui < 0 || d->ac < 0 || d->at < 0 ||
	    d->vc < 0 || d->vi < 0 || d->va < 0 || d->sc < 0 || d->si < 0 ||
	    d->sa < 0 || d->cr < 0 || d->ir < 0 || d->ar < 0);
}

/*
 * The first composed maximum (calculator order: EQ1 outermost, then EQ2,
 * EQ3+EQ6, EQ4) the vector lies below.  Should none fit, the calculator
 * keeps the last one tried; so do we.
 */
static void
find_max(const struct v4 *v, int e1, int e2, int e3, int e4, int e6, struct dist *d)
{
	const char *const	*x1 = cvss4_max_eq1[e1], *const *x2 = cvss4_max_eq2[e2];
	const char *const	*x36 = cvss4_max_eq3eq6[e3][e6], *const *x4 = cvss4_max_eq4[e4];
	int			 i1, i2, i3, i4;

	for (i1 = 0; x1[i1] != NULL; i1++)
		for (i2 = 0; x2[i2] != NULL; i2++)
			for (i3 = 0; x36[i3] != NULL; i3++)
				for (i4 = 0; x4[i4] != NULL; i4++)
					if (distances(v, x1[i1], x2[i2], x36[i3], x4[i4], d))
						return;
}

/*
 * Math.round(x) for 0 <= x < INT_MAX: the nearest integer, halves up.
 * Done on the exact fraction (x - (int)x is exact for a non-negative
 * double), so no libm and no double rounding in x + 0.5.
 */
static int
round_half_up(double x)
{
	int	i = (int)x;

	return x - i >= 0.5 ? i + 1 : i;
}

/*
 * The score in tenths: specification §8.2, line for line after the
 * reference calculator's score(), so that every double operation happens
 * in the same order as there (the results are compared to one decimal,
 * but a different order can move a value across a rounding boundary).
 */
static int
score(const struct v4 *v)
{
	/* Final rounding fix (calculator, Oct 2024): x + 1e-6 before rounding. */
	static const double	epsilon = 1e-6;
	const double		step = 0.1;
	struct dist		d = { 0 };	/* the tables are never empty; for the compiler */
	double			value, lower1, lower2, lower36, lower4, lower5;
	double			l, r, n1 = 0, n2 = 0, n36 = 0, n4 = 0, n5 = 0;
	double			cur1, cur2, cur36, cur4, mean;
	int			e1, e2, e3, e4, e5, e6, n = 0;
	char			av, pr, ui, vc, vi, va, sc, si, sa;

	av = eff(v, M4_AV);
	pr = eff(v, M4_PR);
	ui = eff(v, M4_UI);
	vc = eff(v, M4_VC);
	vi = eff(v, M4_VI);
	va = eff(v, M4_VA);
	sc = eff(v, M4_SC);
	si = eff(v, M4_SI);
	sa = eff(v, M4_SA);

	/* No impact on either system: 0.0 whatever else (the calculator's shortcut). */
	if (vc == 'N' && vi == 'N' && va == 'N' && sc == 'N' && si == 'N' && sa == 'N')
		return 0;

	/* The macrovector: EQ1..EQ6, specification Tables 24-29. */
	if (av == 'N' && pr == 'N' && ui == 'N')
		e1 = 0;
	else if ((av == 'N' || pr == 'N' || ui == 'N') && av != 'P')
		e1 = 1;
	else
		e1 = 2;
	e2 = eff(v, M4_AC) == 'L' && eff(v, M4_AT) == 'N' ? 0 : 1;
	if (vc == 'H' && vi == 'H')
		e3 = 0;
	else if (vc == 'H' || vi == 'H' || va == 'H')
		e3 = 1;
	else
		e3 = 2;
	if (si == 'S' || sa == 'S')
		e4 = 0;
	else if (sc == 'H' || si == 'H' || sa == 'H')
		e4 = 1;
	else
		e4 = 2;
	switch (eff(v, M4_E)) {
	case 'A':
		e5 = 0;
		break;
	case 'P':
		e5 = 1;
		break;
	default:
		e5 = 2;
		break;
	}
	e6 = (eff(v, M4_CR) == 'H' && vc == 'H') || (eff(v, M4_IR) == 'H' && vi == 'H') ||
	    (eff(v, M4_AR) == 'H' && va == 'H') ? 0 : 1;

	value = lookup(e1, e2, e3, e4, e5, e6);

	/* The next lower macrovector of each EQ; EQ3 and EQ6 move together. */
	lower1 = lookup(e1 + 1, e2, e3, e4, e5, e6);
	lower2 = lookup(e1, e2 + 1, e3, e4, e5, e6);
	if (e3 == 0 && e6 == 0) {
		/* Two ways down (00 -> 01, 00 -> 10): the higher-scoring one. */
		l = lookup(e1, e2, e3, e4, e5, e6 + 1);
		r = lookup(e1, e2, e3 + 1, e4, e5, e6);
		lower36 = l > r ? l : r;
	} else if (e3 == 1 && e6 == 0)
		lower36 = lookup(e1, e2, e3, e4, e5, e6 + 1);
	else if (e3 == 2)
		lower36 = -1.0;	/* 21 -> 32 does not exist */
	else
		lower36 = lookup(e1, e2, e3 + 1, e4, e5, e6);
	lower4 = lookup(e1, e2, e3, e4 + 1, e5, e6);
	lower5 = lookup(e1, e2, e3, e4, e5 + 1, e6);

	find_max(v, e1, e2, e3, e4, e6, &d);
	cur1 = d.av + d.pr + d.ui;
	cur2 = d.ac + d.at;
	cur36 = d.vc + d.vi + d.va + d.cr + d.ir + d.ar;
	cur4 = d.sc + d.si + d.sa;

	/*
	 * Each EQ with a lower macrovector moves the score towards it by the
	 * vector's share of the macrovector's depth; EQ5 counts, at 0.
	 */
	if (lower1 >= 0) {
		n++;
		n1 = (value - lower1) * (cur1 / (cvss4_depth_eq1[e1] * step));
	}
	if (lower2 >= 0) {
		n++;
		n2 = (value - lower2) * (cur2 / (cvss4_depth_eq2[e2] * step));
	}
	if (lower36 >= 0) {
		n++;
		n36 = (value - lower36) * (cur36 / (cvss4_depth_eq3eq6[e3][e6] * step));
	}
	if (lower4 >= 0) {
		n++;
		n4 = (value - lower4) * (cur4 / (cvss4_depth_eq4[e4] * step));
	}
	if (lower5 >= 0) {
		n++;
		n5 = 0;	/* EQ5's proportion is always 0 */
	}
	mean = n == 0 ? 0 : (n1 + n2 + n36 + n4 + n5) / n;

	value -= mean;
	if (value < 0)
		value = 0.0;
	if (value > 10)
		value = 10.0;
	return round_half_up((value + epsilon) * 10);
}

static int
find_metric(struct str name)
{
	int	i;

	for (i = 0; i < M4__MAX; i++)
		if (str_eq(name, m4_defs[i].name))
			return i;
	return -1;
}

static int
find_value(enum m4 m, struct str value)
{
	const char *const	*vals = m4_defs[m].values;
	int			 i;

	for (i = 0; vals[i] != NULL; i++)
		if (str_eq(value, vals[i]))
			return i;
	return -1;
}

/*
 * Metrics "metric:value" separated by '/'.
 *
 * Metrics are accepted in any order and written back in the
 * specification's (§7, Table 23) by cvss_parse's normalised vector.  The
 * specification is not consistent on whether order is mandatory, and
 * published vectors exist out of order (advisories listing
 * VC/SC/VI/SI/VA/SA); a platform that receives reports reads them as the
 * same vector, as it does for v3, and only ever publishes the normalised
 * form, which the CVSS v4.0 JSON schema accepts.  Metric names and values are
 * case-sensitive.
 */
static int
parse_metrics(struct str rest, struct v4 *v, struct cvss_error *err)
{
	const char	*p = rest.p, *end = rest.p + rest.n, *q, *colon;
	struct str	 name, value;
	int		 m, i;

	for (i = 0; i < M4__MAX; i++)
		v->val[i] = -1;
	for (;;) {
		q = memchr(p, '/', (size_t)(end - p));
		if (q == NULL)
			q = end;
		colon = memchr(p, ':', (size_t)(q - p));
		if (colon == NULL) {
			set_err(err, CVSS_ERR_SYNTAX, (struct str){ p, (size_t)(q - p) }, STR_NULL);
			return -1;
		}
		name = (struct str){ p, (size_t)(colon - p) };
		value = (struct str){ colon + 1, (size_t)(q - colon - 1) };
		if (name.n == 0 || value.n == 0 || memchr(value.p, ':', value.n) != NULL) {
			set_err(err, CVSS_ERR_SYNTAX, name, value);
			return -1;
		}
		if ((m = find_metric(name)) < 0) {
			set_err(err, CVSS_ERR_METRIC, name, value);
			return -1;
		}
		if ((i = find_value((enum m4)m, value)) < 0) {
			set_err(err, CVSS_ERR_VALUE, name, value);
			return -1;
		}
		if (v->val[m] >= 0) {
			set_err(err, CVSS_ERR_DUPLICATE, name, value);
			return -1;
		}
		v->val[m] = i;
		if (q == end)
			break;
		p = q + 1;	/* a trailing '/' gives an empty part: refused above */
	}
	for (m = 0; m <= M4_BASE_LAST; m++)
		if (v->val[m] < 0) {
			set_err(err, CVSS_ERR_MISSING, str_from(m4_defs[m].name), STR_NULL);
			return -1;
		}
	return 0;
}

/* "CVSS:4.0/" and every metric with a defined value, in order. */
static void
normalise(const struct v4 *v, char *buf, size_t size)
{
	size_t	n;
	int	m;

	n = (size_t)snprintf(buf, size, "CVSS:4.0");
	for (m = 0; m < M4__MAX && n < size; m++) {
		if (!is_set(v, (enum m4)m))
			continue;
		n += (size_t)snprintf(buf + n, size - n, "/%s:%s", m4_defs[m].name,
		    m4_defs[m].values[v->val[m]]);
	}
}

int
cvss4_parse(const char *vector, struct cvss *out, struct cvss_error *err)
{
	struct cvss_error	 dummy;
	struct v4		 v;
	struct str		 s;
	bool			 threat = false, env = false;
	int			 m, rc = -1;

	if (err == NULL)
		err = &dummy;
	set_err(err, CVSS_OK, STR_NULL, STR_NULL);
	s = (struct str){ vector, vector ? strnlen(vector, CVSS_VECTOR_MAX) : 0 };
	if (s.n == 0) {
		err->problem = CVSS_ERR_EMPTY;
		goto out;
	}
	if (s.n >= CVSS_VECTOR_MAX) {
		err->problem = CVSS_ERR_TOO_LONG;
		goto out;
	}
	if (!str_has_prefix(s, CVSS4_PREFIX)) {
		err->problem = CVSS_ERR_PREFIX;
		goto out;
	}
	s.p += sizeof(CVSS4_PREFIX) - 1;
	s.n -= sizeof(CVSS4_PREFIX) - 1;
	if (s.n == 0) {
		/* "CVSS:4.0/" alone: say what is missing rather than "syntax". */
		set_err(err, CVSS_ERR_MISSING, str_from(m4_defs[M4_AV].name), STR_NULL);
		goto out;
	}
	if (parse_metrics(s, &v, err) != 0)
		goto out;

	memset(out, 0, sizeof(*out));
	out->version = CVSS_V40;
	normalise(&v, out->vector, sizeof(out->vector));
	out->score = score(&v);
	out->severity = cvss_severity_of(out->score);
	/* Nomenclature: E defined adds T, any CR..MSA defined adds E. */
	threat = is_set(&v, M4_E);
	for (m = M4_ENV_FIRST; m <= M4_ENV_LAST; m++)
		if (is_set(&v, (enum m4)m))
			env = true;
	out->nomenclature = threat ? (env ? CVSS_NOM_BTE : CVSS_NOM_BT) :
	    (env ? CVSS_NOM_BE : CVSS_NOM_B);
	/* v4 has one score; the v2/v3 fields carry it for callers that read those. */
	out->base = out->temporal = out->environmental = out->score;
	out->has_temporal = out->has_environmental = false;
	out->base_severity = out->severity;
	rc = 0;
out:
	return rc;
}
