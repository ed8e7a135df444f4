/*
 * domain/grade: GB/T 30279-2020 tables (built-in and loaded), grading,
 * vocabulary and the category tree.  The built-in technical table is checked
 * against the CVSS v3.1 base formula written out here, independently of
 * scripts/gen-gbt-tables.py.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/embed.h"
#include "core/utf8.h"
#include "crypto/crypto.h"
#include "domain/grade.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

extern const struct embed_file grading_data[];	/* data/grading/ */

/* ---- CVSS v3.1 base score, scope unchanged (specification §7.1, Appendix A) ---- */

/* Weights in the order of grade.h's values (network adjacent local physical, …). */
static const double av_w[] = { 0.85, 0.62, 0.55, 0.2 };
static const double ac_w[] = { 0.77, 0.44 };
static const double pr_w[] = { 0.85, 0.62, 0.27 };
static const double ui_w[] = { 0.85, 0.62 };
static const double cia_w[] = { 0.56, 0.22, 0.0 };	/* severe general none = H L N */

/* Roundup, the integer form; the result in tenths. */
static int
roundup_tenths(double x)
{
	long	i = (long)(x * 100000.0 + 0.5);

	return i % 10000 == 0 ? (int)(i / 10000) : (int)(i / 10000 + 1);
}

static int
v31_base(int av, int ac, int pr, int ui, int c, int i, int a)
{
	double	iss, impact, expl, sum;

	iss = 1 - ((1 - cia_w[c]) * (1 - cia_w[i]) * (1 - cia_w[a]));
	impact = 6.42 * iss;
	expl = 8.22 * av_w[av] * ac_w[ac] * pr_w[pr] * ui_w[ui];
	if (impact <= 0)
		return 0;
	sum = impact + expl;
	return roundup_tenths(sum < 10 ? sum : 10);
}

/* CNNVD bands; 0.0 (no impact) is graded low, as the tables file says. */
static enum gbt_grade
band(int tenths)
{
	if (tenths >= 90)
		return GBT_GRADE_CRITICAL;
	if (tenths >= 70)
		return GBT_GRADE_HIGH;
	if (tenths >= 40)
		return GBT_GRADE_MEDIUM;
	return GBT_GRADE_LOW;
}

static void
set_technical(struct gbt_indicators *in, int av, int ac, int pr, int ui, int c, int i, int a)
{
	gbt_indicators_clear(in);
	in->v[GBT_ACCESS_PATH] = av;
	in->v[GBT_TRIGGER] = ac;
	in->v[GBT_PRIVILEGE] = pr;
	in->v[GBT_INTERACTION] = ui;
	in->v[GBT_CONFIDENTIALITY] = c;
	in->v[GBT_INTEGRITY] = i;
	in->v[GBT_AVAILABILITY] = a;
}

/* ---- built-in tables ---- */

static void *
load_builtin(void *arg)
{
	size_t	n;

	(void)arg;
	return (void *)((uintptr_t)gbt_tables_builtin() ^ (uintptr_t)gbt_categories(&n));
}

/* First in the run, so the pthread_once initialisers race here. */
static void
test_grade__builtin_once_across_threads(void **state)
{
	pthread_t	th[4];
	void		*r[4];
	size_t		 i, n;

	(void)state;
	for (i = 0; i < NELEM(th); i++)
		assert_int_equal(pthread_create(&th[i], NULL, load_builtin, NULL), 0);
	for (i = 0; i < NELEM(th); i++)
		assert_int_equal(pthread_join(th[i], &r[i]), 0);
	for (i = 0; i < NELEM(th); i++)
		assert_ptr_equal(r[i], (void *)((uintptr_t)gbt_tables_builtin() ^
		    (uintptr_t)gbt_categories(&n)));
}

static void
test_grade__builtin_parses(void **state)
{
	const struct gbt_tables	*t = gbt_tables_builtin();
	const struct embed_file	*f = embed_find(grading_data, "gbt30279-2020.tables");
	unsigned char		 d[CRYPTO_SHA256_BYTES];
	char			 hex[2 * CRYPTO_SHA256_BYTES + 1];
	size_t			 i;

	(void)state;
	assert_non_null(t);
	assert_ptr_equal(t, gbt_tables_builtin());
	assert_string_equal(gbt_tables_version(t), "gbt30279-2020/cvss31-equivalence-1");
	/* The digest recorded with each grade is the digest of the built-in bytes. */
	assert_non_null(f);
	crypto_sha256(d, f->data, f->len, NULL, 0, NULL, 0);
	for (i = 0; i < sizeof(d); i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
	assert_string_equal(gbt_tables_sha256(t), hex);
	/* No override: the process uses the built-in tables. */
	gbt_tables_use(NULL);
	assert_ptr_equal(gbt_tables_current(), t);
}

/* The formula above against published v3.1 scores, so it is not wrong alike. */
static void
test_grade__v31_formula_known_scores(void **state)
{
	static const struct {
		int	v[7];	/* av ac pr ui c i a */
		int	tenths;
	} known[] = {
		{ { 0, 0, 0, 0, 0, 0, 0 }, 98 },	/* AV:N/AC:L/PR:N/UI:N/C:H/I:H/A:H */
		{ { 0, 0, 0, 0, 0, 0, 2 }, 91 },	/* …/C:H/I:H/A:N */
		{ { 0, 0, 1, 0, 0, 0, 0 }, 88 },	/* PR:L */
		{ { 1, 0, 0, 0, 0, 0, 0 }, 88 },	/* AV:A */
		{ { 2, 0, 1, 0, 0, 0, 0 }, 78 },	/* AV:L/AC:L/PR:L/UI:N/C:H/I:H/A:H */
		{ { 0, 0, 0, 0, 0, 2, 2 }, 75 },	/* AV:N/AC:L/PR:N/UI:N/C:H/I:N/A:N */
		{ { 0, 0, 0, 1, 1, 1, 2 }, 54 },	/* AV:N/AC:L/PR:N/UI:R/C:L/I:L/A:N */
		{ { 0, 1, 0, 0, 0, 2, 2 }, 59 },	/* AV:N/AC:H/PR:N/UI:N/C:H/I:N/A:N */
		{ { 0, 0, 0, 0, 1, 2, 2 }, 53 },	/* AV:N/AC:L/PR:N/UI:N/C:L/I:N/A:N */
		{ { 3, 1, 2, 1, 1, 2, 2 }, 16 },	/* AV:P/AC:H/PR:H/UI:R/C:L/I:N/A:N */
		{ { 0, 0, 0, 0, 2, 2, 2 }, 0 },		/* no impact */
	};
	size_t	k;

	(void)state;
	for (k = 0; k < NELEM(known); k++) {
		const int *v = known[k].v;

		assert_int_equal(v31_base(v[0], v[1], v[2], v[3], v[4], v[5], v[6]),
		    known[k].tenths);
	}
}

/* Grade tables fully covered: all 48 x 27 combinations. */
static void
test_grade__builtin_technical_is_cvss31_band(void **state)
{
	const struct gbt_tables	*t = gbt_tables_builtin();
	struct gbt_indicators	 in;
	struct gbt_result	 r;
	enum gbt_indicator	 missing;
	int			 av, ac, pr, ui, c, i, a, want, n = 0;
	int			 count[GBT__NGRADES] = { 0 };

	(void)state;
	for (av = 0; av < 4; av++)
	for (ac = 0; ac < 2; ac++)
	for (pr = 0; pr < 3; pr++)
	for (ui = 0; ui < 2; ui++)
	for (c = 0; c < 3; c++)
	for (i = 0; i < 3; i++)
	for (a = 0; a < 3; a++) {
		set_technical(&in, av, ac, pr, ui, c, i, a);
		assert_int_equal(gbt_grade(t, &in, &r, &missing), 0);
		want = band(v31_base(av, ac, pr, ui, c, i, a));
		if ((int)r.technical != want)
			fail_msg("AV%d AC%d PR%d UI%d C%d I%d A%d: got %s want %s (%d)",
			    av, ac, pr, ui, c, i, a, gbt_grade_key(r.technical),
			    gbt_grade_key(want), v31_base(av, ac, pr, ui, c, i, a));
		assert_false(r.has_comprehensive);
		assert_true(r.exploitability[0] != '\0' && r.impact[0] != '\0');
		count[r.technical]++;
		n++;
	}
	assert_int_equal(n, 48 * 27);
	/* Every grade occurs; none of the 48 no-impact rows is above low. */
	for (i = 0; i < GBT__NGRADES; i++)
		assert_true(count[i] > 0);
	set_technical(&in, 0, 0, 0, 0, 2, 2, 2);
	assert_int_equal(gbt_grade(t, &in, &r, NULL), 0);
	assert_int_equal(r.technical, GBT_GRADE_LOW);
	assert_string_equal(r.impact, "I0");
	set_technical(&in, 0, 0, 0, 0, 0, 0, 0);
	assert_int_equal(gbt_grade(t, &in, &r, NULL), 0);
	assert_int_equal(r.technical, GBT_GRADE_CRITICAL);
	assert_string_equal(r.impact, "I9");
}

/* The documented default: points, N level, one grade up or down. */
static const char *
env_rule(int cost, int fix, int scope)
{
	static const int	cost_pts[] = { 2, 1, 0 };	/* low medium high */
	static const int	fix_pts[] = { 2, 1, 0 };	/* high medium low */
	static const int	scope_pts[] = { 2, 1, 0 };	/* high medium low (none: N0) */
	int			p;

	if (scope == 3)
		return "N0";
	p = cost_pts[cost] + fix_pts[fix] + scope_pts[scope];
	return p >= 5 ? "N3" : p >= 2 ? "N2" : "N1";
}

static enum gbt_grade
comprehensive_rule(enum gbt_grade tech, const char *n)
{
	int	g = (int)tech;

	if (strcmp(n, "N3") == 0)
		g = g > 0 ? g - 1 : 0;
	else if (strcmp(n, "N2") != 0)
		g = g < GBT__NGRADES - 1 ? g + 1 : GBT__NGRADES - 1;
	return (enum gbt_grade)g;
}

/* Every environment cell, for a technical combination of every grade. */
static void
test_grade__builtin_environment_and_comprehensive(void **state)
{
	/* technical combinations graded critical, high, medium, low */
	static const int	tech[GBT__NGRADES][7] = {
		{ 0, 0, 0, 0, 0, 0, 0 },	/* 9.8 */
		{ 0, 0, 0, 0, 0, 2, 2 },	/* 7.5 */
		{ 0, 0, 0, 1, 1, 1, 2 },	/* 5.4 */
		{ 3, 1, 2, 1, 1, 2, 2 },	/* 1.6 */
	};
	const struct gbt_tables	*t = gbt_tables_builtin();
	struct gbt_indicators	 in;
	struct gbt_result	 r;
	int			 g, cost, fix, scope, n = 0;

	(void)state;
	for (g = 0; g < GBT__NGRADES; g++)
	for (cost = 0; cost < 3; cost++)
	for (fix = 0; fix < 3; fix++)
	for (scope = 0; scope < 4; scope++) {
		const int *v = tech[g];

		set_technical(&in, v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
		in.v[GBT_EXPLOIT_COST] = cost;
		in.v[GBT_FIX_DIFFICULTY] = fix;
		in.v[GBT_SCOPE] = scope;
		assert_int_equal(gbt_grade(t, &in, &r, NULL), 0);
		assert_int_equal(r.technical, g);
		assert_true(r.has_comprehensive);
		assert_string_equal(r.environment, env_rule(cost, fix, scope));
		assert_int_equal(r.comprehensive,
		    comprehensive_rule(r.technical, r.environment));
		n++;
	}
	assert_int_equal(n, 4 * 36);
	/* the corners */
	set_technical(&in, 0, 0, 0, 0, 0, 0, 0);
	in.v[GBT_EXPLOIT_COST] = gbt_value_parse(GBT_EXPLOIT_COST, "low");
	in.v[GBT_FIX_DIFFICULTY] = gbt_value_parse(GBT_FIX_DIFFICULTY, "high");
	in.v[GBT_SCOPE] = gbt_value_parse(GBT_SCOPE, "high");
	assert_int_equal(gbt_grade(t, &in, &r, NULL), 0);
	assert_string_equal(r.environment, "N3");
	assert_int_equal(r.comprehensive, GBT_GRADE_CRITICAL);	/* capped */
	in.v[GBT_SCOPE] = gbt_value_parse(GBT_SCOPE, "none");
	assert_int_equal(gbt_grade(t, &in, &r, NULL), 0);
	assert_int_equal(r.comprehensive, GBT_GRADE_HIGH);	/* lowered */
}

static void
test_grade__missing_indicators(void **state)
{
	const struct gbt_tables	*t = gbt_tables_builtin();
	struct gbt_indicators	 in;
	struct gbt_result	 r;
	enum gbt_indicator	 missing = GBT__NINDICATORS;
	int			 i;

	(void)state;
	gbt_indicators_clear(&in);
	for (i = 0; i < GBT__NINDICATORS; i++)
		assert_int_equal(in.v[i], -1);
	assert_int_equal(gbt_grade(t, &in, &r, &missing), -1);
	assert_int_equal(missing, GBT_ACCESS_PATH);
	set_technical(&in, 0, 0, 0, 0, 0, 0, 0);
	in.v[GBT_INTEGRITY] = 3;				/* out of range */
	assert_int_equal(gbt_grade(t, &in, &r, &missing), -1);
	assert_int_equal(missing, GBT_INTEGRITY);
	in.v[GBT_INTEGRITY] = 0;
	in.v[GBT_AVAILABILITY] = -1;
	assert_int_equal(gbt_grade(t, &in, &r, NULL), -1);	/* missing may be NULL */
	/* Environment incomplete or out of range: technical grade only. */
	set_technical(&in, 0, 0, 0, 0, 0, 0, 0);
	in.v[GBT_EXPLOIT_COST] = 0;
	in.v[GBT_FIX_DIFFICULTY] = 0;
	assert_int_equal(gbt_grade(t, &in, &r, &missing), 0);
	assert_false(r.has_comprehensive);
	assert_string_equal(r.environment, "");
	in.v[GBT_SCOPE] = 4;
	assert_int_equal(gbt_grade(t, &in, &r, &missing), 0);
	assert_false(r.has_comprehensive);
}

/* ---- parsing tables ---- */

#define LINES_MAX	160
#define LINE_LEN	96

struct text {
	char	line[LINES_MAX][LINE_LEN];
	int	n;
};

static void
addl(struct text *x, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
addl(struct text *x, const char *fmt, ...)
{
	va_list	ap;

	assert_true(x->n < LINES_MAX);
	va_start(ap, fmt);
	vsnprintf(x->line[x->n++], LINE_LEN, fmt, ap);
	va_end(ap);
}

/*
 * A small complete tables file (123 lines): two E levels (EH when network
 * and low trigger), two I levels (IH when confidentiality is severe), one
 * N level that keeps the technical grade.
 */
static void
small_tables(struct text *x)
{
	static const char *const grade_keys[] = { "critical", "high", "medium", "low" };
	int	a, b, c, d;

	x->n = 0;
	addl(x, "version = test/1");					/* line 1 */
	addl(x, "levels exploitability = EH EL");
	addl(x, "levels impact = IH IL");
	addl(x, "levels environment = NA");				/* line 4 */
	for (a = 0; a < 4; a++)						/* lines 5-52 */
	for (b = 0; b < 2; b++)
	for (c = 0; c < 3; c++)
	for (d = 0; d < 2; d++)
		addl(x, "exploitability %s %s %s %s = %s",
		    gbt_value_key(GBT_ACCESS_PATH, a), gbt_value_key(GBT_TRIGGER, b),
		    gbt_value_key(GBT_PRIVILEGE, c), gbt_value_key(GBT_INTERACTION, d),
		    a == 0 && b == 0 ? "EH" : "EL");
	for (a = 0; a < 3; a++)						/* lines 53-79 */
	for (b = 0; b < 3; b++)
	for (c = 0; c < 3; c++)
		addl(x, "impact %s %s %s = %s", gbt_value_key(GBT_CONFIDENTIALITY, a),
		    gbt_value_key(GBT_INTEGRITY, b), gbt_value_key(GBT_AVAILABILITY, c),
		    a == 0 ? "IH" : "IL");
	addl(x, "technical EH IH = critical");				/* line 80 */
	addl(x, "technical EH IL = medium");
	addl(x, "technical EL IH = high");
	addl(x, "technical EL IL = low");				/* line 83 */
	for (a = 0; a < 3; a++)						/* lines 84-119 */
	for (b = 0; b < 3; b++)
	for (c = 0; c < 4; c++)
		addl(x, "environment %s %s %s = NA", gbt_value_key(GBT_EXPLOIT_COST, a),
		    gbt_value_key(GBT_FIX_DIFFICULTY, b), gbt_value_key(GBT_SCOPE, c));
	for (a = 0; a < 4; a++)						/* lines 120-123 */
		addl(x, "comprehensive %s NA = %s", grade_keys[a], grade_keys[a]);
	assert_int_equal(x->n, 123);
}

static char *
join(const struct text *x, const char *eol, size_t *len)
{
	static char	buf[LINES_MAX * (LINE_LEN + 2)];
	size_t		used = 0;
	int		i;

	for (i = 0; i < x->n; i++)
		used += (size_t)snprintf(buf + used, sizeof(buf) - used, "%s%s", x->line[i], eol);
	*len = used;
	return buf;
}

static struct gbt_tables *
parse_text(const struct text *x, char *err, size_t errsz)
{
	size_t	len;
	char	*s = join(x, "\n", &len);

	return gbt_tables_parse(s, len, "00", err, errsz);
}

static void
set_line(struct text *x, int lineno, const char *s)
{
	snprintf(x->line[lineno - 1], LINE_LEN, "%s", s);
}

static void
remove_line(struct text *x, int lineno)
{
	memmove(x->line[lineno - 1], x->line[lineno], (size_t)(x->n - lineno) * LINE_LEN);
	x->n--;
}

static void
insert_line(struct text *x, int lineno, const char *s)
{
	assert_true(x->n < LINES_MAX);
	memmove(x->line[lineno], x->line[lineno - 1], (size_t)(x->n - lineno + 1) * LINE_LEN);
	x->n++;
	set_line(x, lineno, s);
}

static void
test_grade__custom_tables_override(void **state)
{
	static struct text	 x;
	struct gbt_tables	*t;
	struct gbt_indicators	 in;
	struct gbt_result	 r;
	char			 err[200];
	size_t			 len;
	char			*s;

	(void)state;
	small_tables(&x);
	t = parse_text(&x, err, sizeof(err));
	assert_non_null(t);
	assert_string_equal(gbt_tables_version(t), "test/1");
	assert_string_equal(gbt_tables_sha256(t), "00");
	gbt_tables_use(t);
	assert_ptr_equal(gbt_tables_current(), t);
	/* network/low/high/required with C severe: EH IH = critical here (4.x in v3.1). */
	set_technical(&in, 0, 0, 2, 1, 0, 2, 2);
	assert_int_equal(gbt_grade(gbt_tables_current(), &in, &r, NULL), 0);
	assert_string_equal(r.exploitability, "EH");
	assert_string_equal(r.impact, "IH");
	assert_int_equal(r.technical, GBT_GRADE_CRITICAL);
	in.v[GBT_EXPLOIT_COST] = 2;
	in.v[GBT_FIX_DIFFICULTY] = 2;
	in.v[GBT_SCOPE] = 3;
	assert_int_equal(gbt_grade(gbt_tables_current(), &in, &r, NULL), 0);
	assert_true(r.has_comprehensive);
	assert_string_equal(r.environment, "NA");
	assert_int_equal(r.comprehensive, GBT_GRADE_CRITICAL);
	set_technical(&in, 1, 0, 0, 0, 1, 0, 0);
	assert_int_equal(gbt_grade(NULL, &in, &r, NULL), 0);	/* NULL: current */
	assert_int_equal(r.technical, GBT_GRADE_LOW);
	gbt_tables_use(NULL);
	assert_ptr_equal(gbt_tables_current(), gbt_tables_builtin());
	gbt_tables_free(t);
	gbt_tables_free(NULL);

	/* CRLF, comments, blank lines, Chinese values, case, no final newline */
	small_tables(&x);
	set_line(&x, 5, "exploitability 网络 低 无 不需要 = EH   # AV:N");
	set_line(&x, 6, "exploitability NETWORK Low none required=EH");
	insert_line(&x, 1, "# a comment");
	insert_line(&x, 2, "");
	insert_line(&x, 3, "\t  ");
	s = join(&x, "\r\n", &len);
	t = gbt_tables_parse(s, len - 2, NULL, err, sizeof(err));
	if (t == NULL)
		fail_msg("%s", err);
	assert_string_equal(gbt_tables_sha256(t), "");
	gbt_tables_free(t);
}

/* Each bad file is refused with the line of the problem. */
static void
test_grade__parse_errors_name_the_line(void **state)
{
	enum edit { SET, DEL, INS };
	static const struct {
		enum edit	 op;
		int		 line;		/* where to edit */
		const char	*text;		/* the new line (SET, INS) */
		const char	*want;		/* err starts with this */
	} cases[] = {
		/* missing cell (reported at the last line) */
		{ DEL, 83, NULL, "line 122: end of input: no technical row for EL IL" },
		{ DEL, 5, NULL, "line 122: end of input: no exploitability row for "
		  "network low none none" },
		{ DEL, 119, NULL, "line 122: end of input: no environment row for "
		  "high low none" },
		{ DEL, 4, NULL, "line 83: environment row before 'levels environment'" },
		/* duplicate cell */
		{ INS, 6, "exploitability network low none none = EL",
		  "line 6: duplicate exploitability row for network low none none "
		  "(first at line 5)" },
		{ SET, 81, "technical EH IH = medium",
		  "line 81: duplicate technical row for EH IH (first at line 80)" },
		{ SET, 123, "comprehensive high NA = low",
		  "line 123: duplicate comprehensive row for high NA (first at line 121)" },
		/* unknown level or grade */
		{ SET, 80, "technical EX IH = critical",
		  "line 80: unknown exploitability level 'EX'" },
		{ SET, 53, "impact severe severe severe = I9",
		  "line 53: unknown impact level 'I9'" },
		{ SET, 80, "technical EH IH = severe", "line 80: unknown grade 'severe'" },
		{ SET, 120, "comprehensive urgent NA = critical", "line 120: unknown grade 'urgent'" },
		/* unknown indicator value */
		{ SET, 5, "exploitability internet low none none = EH",
		  "line 5: unknown access_path value 'internet'" },
		{ SET, 53, "impact severe severe 严重的 = IH",
		  "line 53: unknown availability value '严重的'" },
		{ SET, 84, "environment low 高 extreme = NA",
		  "line 84: unknown scope value 'extreme'" },
		/* bad lines */
		{ SET, 5, "exploitability network low none = EH",
		  "line 5: malformed exploitability row" },
		{ SET, 5, "exploitability network low none none none = EH",
		  "line 5: malformed exploitability row" },
		{ SET, 80, "technical EH IH critical", "line 80: malformed technical row" },
		{ SET, 80, "technical EH = IH = critical", "line 80: malformed technical row" },
		{ SET, 30, "tecnical EH IH = critical", "line 30: unknown statement 'tecnical'" },
		{ SET, 30, "=", "line 30: unknown statement '='" },
		{ SET, 9, "exploitability network low\x01 none none = EH",
		  "line 9: control character 0x01" },
		{ SET, 9, "exploitability network \xff low none none = EH", "line 9: not UTF-8" },
		{ SET, 1, "version =", "line 1: malformed version statement" },
		{ SET, 1, "# no version", "line 2: the first statement must be 'version" },
		{ INS, 3, "version = again", "line 3: 'version' given twice" },
		{ SET, 1, "version = 0123456789012345678901234567890123456789012345678901234"
		  "567890123", "line 1: version longer than 63 bytes" },
		{ INS, 4, "levels impact = X", "line 4: impact levels declared twice" },
		{ SET, 3, "levels impact = IH IH", "line 3: impact level 'IH' declared twice" },
		{ SET, 3, "levels impact = IH I/L", "line 3: bad level name 'I/L'" },
		{ SET, 3, "levels impact = IH IL0123456789ABCDEF", "line 3: bad level name" },
		{ SET, 3, "levels severity = IH IL", "line 3: unknown level kind 'severity'" },
		{ SET, 3, "levels impact =", "line 3: malformed levels statement" },
	};
	static struct text	 x;
	struct gbt_tables	*t;
	char			 err[200];
	size_t			 k;

	(void)state;
	for (k = 0; k < NELEM(cases); k++) {
		small_tables(&x);
		if (cases[k].op == SET)
			set_line(&x, cases[k].line, cases[k].text);
		else if (cases[k].op == DEL)
			remove_line(&x, cases[k].line);
		else
			insert_line(&x, cases[k].line, cases[k].text);
		memset(err, 0, sizeof(err));
		t = parse_text(&x, err, sizeof(err));
		if (t != NULL || strncmp(err, cases[k].want, strlen(cases[k].want)) != 0) {
			gbt_tables_free(t);
			fail_msg("case %zu: got '%s', want '%s…'", k, err, cases[k].want);
		}
	}
}

static void
test_grade__parse_edge_inputs(void **state)
{
	static const char	nul[] = "version = a\0b\n";
	char			err[100];

	(void)state;
	assert_null(gbt_tables_parse("", 0, NULL, err, sizeof(err)));
	assert_string_equal(err, "line 1: end of input without 'version = <word>'");
	assert_null(gbt_tables_parse("version = v\n", 12, NULL, err, sizeof(err)));
	assert_string_equal(err, "line 1: end of input without 'levels exploitability'");
	assert_null(gbt_tables_parse(nul, sizeof(nul) - 1, NULL, err, sizeof(err)));
	assert_string_equal(err, "line 1: not UTF-8 text");
	/* err may be NULL or tiny */
	assert_null(gbt_tables_parse("x", 1, NULL, NULL, 0));
	assert_null(gbt_tables_parse("x", 1, NULL, err, 4));
	assert_string_equal(err, "lin");
	/* 64 levels of a kind at most */
	{
		char	buf[1024];
		int	used, i;

		used = snprintf(buf, sizeof(buf), "version = v\nlevels impact =");
		for (i = 0; i < 64; i++)
			used += snprintf(buf + used, sizeof(buf) - (size_t)used, " L%d", i);
		assert_null(gbt_tables_parse(buf, (size_t)used, NULL, err, sizeof(err)));
		assert_string_equal(err, "line 2: end of input without 'levels exploitability'");
		used += snprintf(buf + used, sizeof(buf) - (size_t)used, " L64");
		assert_null(gbt_tables_parse(buf, (size_t)used, NULL, err, sizeof(err)));
		assert_string_equal(err, "line 2: more than 64 impact levels");
	}
	/* The built-in bytes parse through the public call too. */
	{
		const struct embed_file	*f = embed_find(grading_data, "gbt30279-2020.tables");
		struct gbt_tables	*t;

		t = gbt_tables_parse((const char *)f->data, f->len, "x", err, sizeof(err));
		assert_non_null(t);
		assert_string_equal(gbt_tables_version(t), "gbt30279-2020/cvss31-equivalence-1");
		gbt_tables_free(t);
	}
}

/* ---- vocabulary ---- */

static void
test_grade__value_parse(void **state)
{
	static const struct {
		enum gbt_indicator	 i;
		const char		*text;
		int			 want;
	} cases[] = {
		{ GBT_ACCESS_PATH, "网络", 0 },
		{ GBT_ACCESS_PATH, "邻接", 1 },
		{ GBT_ACCESS_PATH, "本地", 2 },
		{ GBT_ACCESS_PATH, "物理", 3 },
		{ GBT_ACCESS_PATH, "network", 0 },
		{ GBT_ACCESS_PATH, "NETWORK", 0 },
		{ GBT_ACCESS_PATH, "Physical", 3 },
		{ GBT_ACCESS_PATH, "remote", -1 },
		{ GBT_ACCESS_PATH, "", -1 },
		{ GBT_ACCESS_PATH, " network", -1 },
		{ GBT_ACCESS_PATH, "低", -1 },
		{ GBT_TRIGGER, "低", 0 },
		{ GBT_TRIGGER, "高", 1 },
		{ GBT_TRIGGER, "HIGH", 1 },
		{ GBT_TRIGGER, "中", -1 },
		{ GBT_PRIVILEGE, "无", 0 },
		{ GBT_PRIVILEGE, "低", 1 },
		{ GBT_PRIVILEGE, "高", 2 },
		{ GBT_PRIVILEGE, "None", 0 },
		{ GBT_INTERACTION, "不需要", 0 },
		{ GBT_INTERACTION, "需要", 1 },
		{ GBT_INTERACTION, "required", 1 },
		{ GBT_INTERACTION, "无", -1 },
		{ GBT_CONFIDENTIALITY, "严重", 0 },
		{ GBT_CONFIDENTIALITY, "一般", 1 },
		{ GBT_CONFIDENTIALITY, "无", 2 },
		{ GBT_INTEGRITY, "Severe", 0 },
		{ GBT_AVAILABILITY, "general", 1 },
		{ GBT_AVAILABILITY, "高", -1 },
		{ GBT_EXPLOIT_COST, "低", 0 },
		{ GBT_EXPLOIT_COST, "中", 1 },
		{ GBT_EXPLOIT_COST, "高", 2 },
		{ GBT_FIX_DIFFICULTY, "高", 0 },
		{ GBT_FIX_DIFFICULTY, "中", 1 },
		{ GBT_FIX_DIFFICULTY, "低", 2 },
		{ GBT_FIX_DIFFICULTY, "medium", 1 },
		{ GBT_SCOPE, "高", 0 },
		{ GBT_SCOPE, "中", 1 },
		{ GBT_SCOPE, "低", 2 },
		{ GBT_SCOPE, "无", 3 },
		{ GBT_SCOPE, "none", 3 },
		{ GBT__NINDICATORS, "low", -1 },
	};
	static const int counts[GBT__NINDICATORS] = { 4, 2, 3, 2, 3, 3, 3, 3, 3, 4 };
	size_t	k;
	int	i, v;

	(void)state;
	for (k = 0; k < NELEM(cases); k++)
		if (gbt_value_parse(cases[k].i, cases[k].text) != cases[k].want)
			fail_msg("case %zu: '%s' -> %d, want %d", k, cases[k].text,
			    gbt_value_parse(cases[k].i, cases[k].text), cases[k].want);
	assert_int_equal(gbt_value_parse(GBT_SCOPE, NULL), -1);
	/* counts, keys and names round-trip */
	for (i = 0; i < GBT__NINDICATORS; i++) {
		assert_int_equal(gbt_value_count(i), counts[i]);
		for (v = 0; v < counts[i]; v++) {
			assert_int_equal(gbt_value_parse(i, gbt_value_key(i, v)), v);
			assert_int_equal(gbt_value_parse(i, gbt_value_name(i, v, LANG_ZH)), v);
			assert_true(strlen(gbt_value_name(i, v, LANG_EN)) > 0);
		}
		assert_null(gbt_value_key(i, counts[i]));
		assert_null(gbt_value_key(i, -1));
		assert_null(gbt_value_name(i, counts[i], LANG_ZH));
	}
	assert_int_equal(gbt_value_count(GBT__NINDICATORS), 0);
	assert_string_equal(gbt_value_name(GBT_ACCESS_PATH, 1, LANG_ZH), "邻接");
	assert_string_equal(gbt_value_name(GBT_ACCESS_PATH, 1, LANG_EN), "Adjacent");
	assert_string_equal(gbt_value_name(GBT_INTERACTION, 0, LANG_ZH), "不需要");
}

static void
test_grade__indicator_and_grade_names(void **state)
{
	static const char *const keys[GBT__NINDICATORS] = {
		"access_path", "trigger", "privilege", "interaction", "confidentiality",
		"integrity", "availability", "exploit_cost", "fix_difficulty", "scope",
	};
	static const char *const zh[GBT__NGRADES] = { "超危", "高危", "中危", "低危" };
	int	i;

	(void)state;
	for (i = 0; i < GBT__NINDICATORS; i++) {
		assert_string_equal(gbt_indicator_key(i), keys[i]);
		assert_int_equal(gbt_indicator_parse(keys[i]), i);
		assert_true(strlen(gbt_indicator_name(i, LANG_ZH)) > 0);
		assert_true(strlen(gbt_indicator_name(i, LANG_EN)) > 0);
	}
	assert_string_equal(gbt_indicator_name(GBT_ACCESS_PATH, LANG_ZH), "访问路径");
	assert_string_equal(gbt_indicator_name(GBT_SCOPE, LANG_ZH), "影响范围");
	assert_int_equal(gbt_indicator_parse("bogus"), -1);
	assert_int_equal(gbt_indicator_parse(NULL), -1);
	assert_null(gbt_indicator_key(GBT__NINDICATORS));
	for (i = 0; i < GBT__NGRADES; i++) {
		assert_int_equal(gbt_grade_parse(gbt_grade_key(i)), i);
		assert_string_equal(gbt_grade_name(i, LANG_ZH), zh[i]);
		assert_int_equal(gbt_grade_parse(zh[i]), i);
		assert_int_equal(gbt_grade_parse(gbt_grade_name(i, LANG_EN)), i);
	}
	assert_string_equal(gbt_grade_key(GBT_GRADE_CRITICAL), "critical");
	assert_string_equal(gbt_grade_name(GBT_GRADE_CRITICAL, LANG_EN), "Critical");
	assert_int_equal(gbt_grade_parse("CRITICAL"), GBT_GRADE_CRITICAL);
	assert_int_equal(gbt_grade_parse("低"), -1);
	assert_int_equal(gbt_grade_parse("severe"), -1);
	assert_int_equal(gbt_grade_parse(NULL), -1);
	assert_null(gbt_grade_key(GBT__NGRADES));
}

/* ---- categories ---- */

static void
test_grade__categories_tree(void **state)
{
	static const char *const top[] = { "code", "configuration", "environment", "other" };
	const struct gbt_category	*c, *p;
	char				 parent[128];
	size_t				 n, i, j, k, l, ntop = 0;

	(void)state;
	c = gbt_categories(&n);
	assert_non_null(c);
	assert_true(n > 20);
	assert_string_equal(gbt_categories_version(), "gbt30279-2020/1");
	for (i = 0; i < n; i++) {
		assert_true(strlen(c[i].zh) > 0 && utf8_valid(c[i].zh, strlen(c[i].zh)));
		assert_true(strlen(c[i].en) > 0);
		assert_ptr_equal(gbt_category_find(c[i].path), &c[i]);
		if (c[i].depth == 1) {
			assert_true(ntop < NELEM(top));
			assert_string_equal(c[i].path, top[ntop]);
			ntop++;
			continue;
		}
		/* the parent exists, one level up, earlier in the file */
		snprintf(parent, sizeof(parent), "%s", c[i].path);
		*strrchr(parent, '.') = '\0';
		p = gbt_category_find(parent);
		if (p == NULL || p > &c[i] || p->depth != c[i].depth - 1)
			fail_msg("'%s' has no parent before it", c[i].path);
		/* a CWE id is listed once in the whole tree */
		for (j = 0; j < c[i].ncwe; j++)
			for (k = 0; k < n; k++)
				for (l = 0; l < c[k].ncwe; l++)
					if (c[k].cwe[l] == c[i].cwe[j] && (k != i || l != j))
						fail_msg("CWE-%d listed twice", c[i].cwe[j]);
	}
	assert_int_equal(ntop, 4);
	assert_string_equal(gbt_category_find("code")->zh, "代码问题");
	assert_string_equal(gbt_category_find("configuration")->zh, "配置错误");
	assert_string_equal(gbt_category_find("environment")->zh, "环境问题");
	assert_string_equal(gbt_category_find("other")->zh, "其他");
	assert_null(gbt_category_find("code.input_validation.injection.sq"));
	assert_null(gbt_category_find(""));
	assert_null(gbt_category_find(NULL));
	c = gbt_category_find("code.input_validation.injection.sql");
	assert_non_null(c);
	assert_string_equal(c->zh, "SQL注入");
	assert_string_equal(c->en, "SQL injection");
	assert_int_equal(c->depth, 4);
}

static void
test_grade__categories_for_cwe(void **state)
{
	static const struct {
		int		 cwe;
		const char	*path;
	} cases[] = {
		{ 89, "code.input_validation.injection.sql" },
		{ 94, "code.input_validation.injection.code" },
		{ 78, "code.input_validation.injection.command" },
		{ 77, "code.input_validation.injection.command" },
		{ 79, "code.input_validation.xss" },
		{ 22, "code.input_validation.path_traversal" },
		{ 352, "code.input_validation.csrf" },
		{ 787, "code.input_validation.buffer" },
		{ 119, "code.input_validation.buffer" },
		{ 20, "code.input_validation" },
		{ 190, "code.numeric" },
		{ 362, "code.race_condition" },
		{ 327, "code.crypto" },
		{ 862, "code.authorization" },
		{ 416, "code.resource_management" },
		{ 59, "code.input_validation.link_following" },
		{ 16, "configuration" },
		{ 200, "environment.information_leak" },
		{ 532, "environment.information_leak.log" },
		{ 209, "environment.information_leak.debug" },
		{ 203, "environment.information_leak.side_channel" },
	};
	const struct gbt_category	*c;
	size_t				 k;

	(void)state;
	for (k = 0; k < NELEM(cases); k++) {
		c = gbt_category_for_cwe(cases[k].cwe);
		if (c == NULL || strcmp(c->path, cases[k].path) != 0)
			fail_msg("CWE-%d -> %s, want %s", cases[k].cwe,
			    c != NULL ? c->path : "(none)", cases[k].path);
	}
	assert_null(gbt_category_for_cwe(0));
	assert_null(gbt_category_for_cwe(-1));
	assert_null(gbt_category_for_cwe(99999));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grade__builtin_once_across_threads),
		cmocka_unit_test(test_grade__builtin_parses),
		cmocka_unit_test(test_grade__v31_formula_known_scores),
		cmocka_unit_test(test_grade__builtin_technical_is_cvss31_band),
		cmocka_unit_test(test_grade__builtin_environment_and_comprehensive),
		cmocka_unit_test(test_grade__missing_indicators),
		cmocka_unit_test(test_grade__custom_tables_override),
		cmocka_unit_test(test_grade__parse_errors_name_the_line),
		cmocka_unit_test(test_grade__parse_edge_inputs),
		cmocka_unit_test(test_grade__value_parse),
		cmocka_unit_test(test_grade__indicator_and_grade_names),
		cmocka_unit_test(test_grade__categories_tree),
		cmocka_unit_test(test_grade__categories_for_cwe),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
