/*
 * domain/cvss: v2.0, v3.0 and v3.1 against the Red Hat test vectors and
 * published real-world scores (../shared/data/cvss), then tables of
 * refusals, normalisations, score formatting and severity bands.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "domain/cvss.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

#define REDHAT_DIR	LOUDONG_SHARED_DATA "/cvss/redhat-cvss-tests/"
#define REALWORLD_TSV	LOUDONG_SHARED_DATA "/cvss/real-world-vectors/real_world_vectors.tsv"

#define LINE_MAX_LEN	1024
#define NO_SCORE	(-1)	/* "None" in an expected-score column */

static bool
dir_exists(const char *path)
{
	struct stat	st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * An expected score ("7.5", "10", "-0.0", "None") in tenths, read digit by
 * digit so that no floating-point value stands between the file and the
 * comparison; "None" is NO_SCORE.  false when malformed.
 */
static bool
score_tenths(const char *s, size_t n, int *out)
{
	size_t	i = 0;
	int	whole = 0, frac = 0, digits = 0;

	if (n == 4 && memcmp(s, "None", 4) == 0) {
		*out = NO_SCORE;
		return true;
	}
	if (i < n && s[i] == '-')	/* "-0.0": a float artefact of 0 */
		i++;
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, digits++)
		whole = whole * 10 + (s[i] - '0');
	if (digits == 0 || digits > 2)
		return false;
	if (i < n && s[i] == '.') {
		i++;
		if (i >= n || s[i] < '0' || s[i] > '9')
			return false;
		frac = s[i++] - '0';
	}
	if (i != n || whole * 10 + frac > 100)
		return false;
	*out = whole * 10 + frac;
	return true;
}

static void
strip_eol(char *line)
{
	size_t	n = strlen(line);

	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
}

/*
 * Parsing the normalised form again must give the same form and the same
 * scores, and it holds no not-defined value.
 */
static bool
normalised_stable(const struct cvss *c)
{
	struct cvss		again;
	struct cvss_error	err;

	if (cvss_parse(c->vector, &again, &err) != 0)
		return false;
	return strcmp(again.vector, c->vector) == 0 && again.base == c->base &&
	    again.temporal == c->temporal &&
	    again.environmental == c->environmental &&
	    again.version == c->version && strstr(c->vector, ":X") == NULL &&
	    strstr(c->vector, ":ND") == NULL;
}

/*
 * One Red Hat file: "VECTOR - (base, temporal, env)".  Every line must
 * parse and match every score given; returns the lines checked.
 */
static int
check_redhat_file(const char *name)
{
	char			 path[512], line[LINE_MAX_LEN];
	const char		*sep, *f[3], *end = NULL;
	size_t			 flen[3];
	struct cvss		 c;
	struct cvss_error	 err;
	FILE			*fp;
	int			 checked = 0, bad = 0, lineno = 0, want[3], got[3], k;

	snprintf(path, sizeof(path), "%s%s", REDHAT_DIR, name);
	if ((fp = fopen(path, "r")) == NULL)
		fail_msg("cannot open '%s'", path);
	while (fgets(line, sizeof(line), fp) != NULL) {
		lineno++;
		strip_eol(line);
		if (line[0] == '\0')
			continue;
		if ((sep = strstr(line, " - (")) == NULL ||
		    (end = strchr(sep, ')')) == NULL)
			fail_msg("%s:%d: malformed line '%s'", name, lineno, line);
		f[0] = sep + 4;
		for (k = 0; k < 3; k++) {
			const char *stop = k < 2 ? strstr(f[k], ", ") : end;

			if (stop == NULL || stop > end)
				fail_msg("%s:%d: malformed scores", name, lineno);
			flen[k] = (size_t)(stop - f[k]);
			if (!score_tenths(f[k], flen[k], &want[k]))
				fail_msg("%s:%d: bad score '%.*s'", name, lineno,
				    (int)flen[k], f[k]);
			if (k < 2)
				f[k + 1] = stop + 2;
		}
		line[sep - line] = '\0';
		checked++;
		if (cvss_parse(line, &c, &err) != 0) {
			print_error("%s:%d: '%s' refused: %s %s:%s\n", name, lineno,
			    line, cvss_problem_code(err.problem), err.metric, err.value);
			bad++;
			continue;
		}
		got[0] = c.base;
		got[1] = c.temporal;
		got[2] = c.environmental;
		for (k = 0; k < 3; k++) {
			if (want[k] != NO_SCORE && want[k] != got[k]) {
				print_error("%s:%d: '%s' scores %d/%d/%d tenths, "
				    "want %d/%d/%d\n", name, lineno, line, got[0],
				    got[1], got[2], want[0], want[1], want[2]);
				bad++;
				break;
			}
		}
		if (k == 3 && !normalised_stable(&c)) {
			print_error("%s:%d: normalised '%s' unstable\n", name,
			    lineno, c.vector);
			bad++;
		}
	}
	fclose(fp);
	print_message("%-20s %5d lines checked, %d mismatched\n", name, checked, bad);
	assert_int_equal(bad, 0);
	assert_true(checked > 0);
	return checked;
}

static void
test_cvss__redhat_vectors(void **state)
{
	static const char *const files[] = {
		"vectors_calculator2", "vectors_calculator3", "vectors_cvsslib2",
		"vectors_cvsslib3", "vectors_simple2", "vectors_simple3",
		"vectors_simple31",
	};
	size_t	i;
	int	total = 0;

	(void)state;
	if (!dir_exists(REDHAT_DIR)) {
		print_message("skipping: no CVSS test vectors at '%s'\n", REDHAT_DIR);
		skip();
	}
	for (i = 0; i < NELEM(files); i++)
		total += check_redhat_file(files[i]);
	print_message("%-20s %5d lines checked in all\n", "redhat-cvss-tests", total);
}

/*
 * The published base scores (CVE records, CISA CSAF advisories), with a
 * calculator's score beside each.  Every v2 and v3 line must match the
 * published score; where the publisher and the calculator disagree, the
 * specification (the calculator) wins and the line is counted.  v4.0
 * lines belong to test_cvss4.
 */
static void
test_cvss__real_world_vectors(void **state)
{
	char			 line[LINE_MAX_LEN], *t1, *t2 = NULL, *t3;
	struct cvss		 c;
	struct cvss_error	 err;
	FILE			*fp;
	int			 checked = 0, bad = 0, disagree = 0, lineno = 0, v4 = 0;
	int			 published, calculated, want;

	(void)state;
	if ((fp = fopen(REALWORLD_TSV, "r")) == NULL) {
		print_message("skipping: no real-world CVSS vectors at '%s'\n",
		    REALWORLD_TSV);
		skip();
	}
	while (fgets(line, sizeof(line), fp) != NULL) {
		lineno++;
		strip_eol(line);
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (strncmp(line, "CVSS:4.0/", 9) == 0) {
			v4++;
			continue;
		}
		if ((t1 = strchr(line, '\t')) == NULL ||
		    (t2 = strchr(t1 + 1, '\t')) == NULL)
			fail_msg("line %d: malformed", lineno);
		if ((t3 = strchr(t2 + 1, '\t')) == NULL)
			t3 = t2 + 1 + strlen(t2 + 1);
		*t1 = '\0';
		if (!score_tenths(t1 + 1, (size_t)(t2 - t1 - 1), &published) ||
		    !score_tenths(t2 + 1, (size_t)(t3 - t2 - 1), &calculated) ||
		    published == NO_SCORE || calculated == NO_SCORE)
			fail_msg("line %d: bad scores", lineno);
		want = published;
		if (published != calculated) {
			print_message("line %d: '%s' published %d, calculator %d "
			    "tenths\n", lineno, line, published, calculated);
			disagree++;
			want = calculated;
		}
		checked++;
		if (cvss_parse(line, &c, &err) != 0) {
			print_error("line %d: '%s' refused: %s %s:%s\n", lineno,
			    line, cvss_problem_code(err.problem), err.metric, err.value);
			bad++;
		} else if (c.base != want || !normalised_stable(&c)) {
			print_error("line %d: '%s' base %d tenths, want %d\n",
			    lineno, line, c.base, want);
			bad++;
		}
	}
	fclose(fp);
	print_message("%-20s %5d lines checked, %d mismatched, %d published "
	    "scores disagree with the calculator (%d v4.0 lines left to "
	    "test_cvss4)\n", "real_world_vectors.tsv", checked, bad, disagree, v4);
	assert_int_equal(bad, 0);
	assert_true(checked > 0);
}

struct refusal {
	const char		*vector;
	enum cvss_problem	 want;
	const char		*metric;	/* err.metric */
	const char		*value;		/* err.value, or NULL: not checked */
};

#define V31	"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
#define V2	"AV:N/AC:L/Au:N/C:P/I:P/A:P"

static const struct refusal refusals[] = {
	{ "", CVSS_ERR_EMPTY, "", "" },
	{ "CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", CVSS_ERR_PREFIX, "", "CVSS:3.2" },
	{ "CVSS:3.1", CVSS_ERR_PREFIX, "", "CVSS:3.1" },
	{ "CVSS:31/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", CVSS_ERR_PREFIX, "", "CVSS:31" },
	{ "CVSS:/AV:N", CVSS_ERR_PREFIX, "", "CVSS:" },
	{ "CVSS:1.0/AV:N/AC:L/Au:N/C:P/I:P/A:P", CVSS_ERR_PREFIX, "", "CVSS:1.0" },
	/* A lower-case prefix is no prefix: a v2 vector with a bad metric. */
	{ "cvss:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", CVSS_ERR_METRIC, "cvss", "3.1" },
	{ V31 "/", CVSS_ERR_SYNTAX, "", "" },
	{ "CVSS:3.1/", CVSS_ERR_SYNTAX, "", "" },
	{ "CVSS:3.1//AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", CVSS_ERR_SYNTAX, "", "" },
	{ "CVSS:3.1/AV:N/AC:L//PR:N/UI:N/S:U/C:H/I:H/A:H", CVSS_ERR_SYNTAX, "", "" },
	{ "CVSS:3.1/AVN/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", CVSS_ERR_SYNTAX, "", "AVN" },
	{ "CVSS:3.1/AV:/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", CVSS_ERR_SYNTAX, "", "AV:" },
	{ "CVSS:3.1/:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", CVSS_ERR_SYNTAX, "", ":N" },
	{ "/" V2, CVSS_ERR_SYNTAX, "", "" },
	{ V2 "/", CVSS_ERR_SYNTAX, "", "" },
	{ V31 "/XX:Y", CVSS_ERR_METRIC, "XX", "Y" },
	{ "CVSS:3.1/AV:N/AC:L/Au:N/UI:N/S:U/C:H/I:H/A:H", CVSS_ERR_METRIC, "Au", "N" },
	{ "CVSS:3.1/av:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", CVSS_ERR_METRIC, "av", "N" },
	{ V31 "/CDP:H", CVSS_ERR_METRIC, "CDP", "H" },
	{ V31 "/AT:N", CVSS_ERR_METRIC, "AT", "N" },	/* v4.0's */
	{ "AV:N/AC:L/PR:N/C:P/I:P/A:P", CVSS_ERR_METRIC, "PR", "N" },
	{ "AV:N/AC:L/AU:N/C:P/I:P/A:P", CVSS_ERR_METRIC, "AU", "N" },
	{ V2 "/MAV:N", CVSS_ERR_METRIC, "MAV", "N" },
	{ "CVSS:3.1/ZZ:1/AV:Q", CVSS_ERR_METRIC, "ZZ", "1" },	/* first from the left */
	{ "CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", CVSS_ERR_VALUE, "AV", "Q" },
	{ "CVSS:3.1/AV:n/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", CVSS_ERR_VALUE, "AV", "n" },
	{ "CVSS:3.1/AV:N:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", CVSS_ERR_VALUE, "AV", "N:X" },
	{ "CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", CVSS_ERR_VALUE, "AV", "X" },
	{ V31 "/E:ND", CVSS_ERR_VALUE, "E", "ND" },
	{ V31 "/MPR:R", CVSS_ERR_VALUE, "MPR", "R" },
	{ V31 "/CR:N", CVSS_ERR_VALUE, "CR", "N" },
	{ V2 "/E:X", CVSS_ERR_VALUE, "E", "X" },
	{ V2 "/RL:O", CVSS_ERR_VALUE, "RL", "O" },
	{ V2 "/CDP:M", CVSS_ERR_VALUE, "CDP", "M" },
	{ "AV:N/AC:L/Au:n/C:P/I:P/A:P", CVSS_ERR_VALUE, "Au", "n" },
	{ "AV:N/AC:L/Au:N/C:p/I:P/A:P", CVSS_ERR_VALUE, "C", "p" },
	{ "CVSS:3.1/AV:N/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", CVSS_ERR_DUPLICATE, "AV", "L" },
	{ V31 "/E:X/E:H", CVSS_ERR_DUPLICATE, "E", "H" },
	{ V31 "/A:H", CVSS_ERR_DUPLICATE, "A", "H" },
	{ V2 "/E:ND/E:F", CVSS_ERR_DUPLICATE, "E", "F" },
	{ "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/C:H/I:H/A:H", CVSS_ERR_MISSING, "S", "" },
	{ "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H", CVSS_ERR_MISSING, "A", "" },
	{ "CVSS:3.1/E:H", CVSS_ERR_MISSING, "AV", "" },
	{ "AV:N/AC:L/Au:N/C:P/I:P", CVSS_ERR_MISSING, "A", "" },
	{ "AV:N/AC:L/C:P/I:P/A:P/E:F", CVSS_ERR_MISSING, "Au", "" },
	{ "CVSS:2.0/AV:N", CVSS_ERR_MISSING, "AC", "" },
};

static void
test_cvss__refusals(void **state)
{
	struct cvss		c;
	struct cvss_error	err;
	size_t			i;
	int			rc;

	(void)state;
	for (i = 0; i < NELEM(refusals); i++) {
		const struct refusal *r = &refusals[i];

		memset(&err, 0x5a, sizeof(err));
		rc = cvss_parse(r->vector, &c, &err);
		if (rc != -1 || err.problem != r->want)
			fail_msg("'%s': rc %d, %s, want %s", r->vector, rc,
			    cvss_problem_code(err.problem), cvss_problem_code(r->want));
		if (strcmp(err.metric, r->metric) != 0)
			fail_msg("'%s': metric '%s', want '%s'", r->vector,
			    err.metric, r->metric);
		if (r->value != NULL && strcmp(err.value, r->value) != 0)
			fail_msg("'%s': value '%s', want '%s'", r->vector,
			    err.value, r->value);
	}
	assert_int_equal(cvss_parse(NULL, &c, &err), -1);
	assert_int_equal(err.problem, CVSS_ERR_EMPTY);
	/* err may be NULL when the caller only wants yes or no. */
	assert_int_equal(cvss_parse("AV:N", &c, NULL), -1);
	assert_int_equal(cvss_parse(V31, &c, NULL), 0);
}

static void
test_cvss__length_limit(void **state)
{
	char			v[CVSS_VECTOR_MAX + 8];
	struct cvss		c;
	struct cvss_error	err;
	size_t			n;

	(void)state;
	/* A valid vector padded with X values to exactly the limit - 1. */
	n = (size_t)snprintf(v, sizeof(v), "%s", V31 "/E:X/RL:X/RC:X/CR:X/IR:X/AR:X"
	    "/MAV:X/MAC:X/MPR:X/MUI:X/MS:X/MC:X/MI:X/MA:X");
	assert_true(n < CVSS_VECTOR_MAX - 2);
	v[n++] = '/';
	memset(v + n, 'x', CVSS_VECTOR_MAX - 1 - n);
	v[CVSS_VECTOR_MAX - 1] = '\0';
	/* 255 bytes: not too long, so the tail without ':' is what is refused. */
	assert_int_equal(cvss_parse(v, &c, &err), -1);
	assert_int_equal(err.problem, CVSS_ERR_SYNTAX);

	/* 256 bytes: too long, whatever the content. */
	v[CVSS_VECTOR_MAX - 1] = 'x';
	v[CVSS_VECTOR_MAX] = '\0';
	assert_int_equal(cvss_parse(v, &c, &err), -1);
	assert_int_equal(err.problem, CVSS_ERR_TOO_LONG);
	memset(v, 'A', sizeof(v) - 1);
	v[sizeof(v) - 1] = '\0';
	assert_int_equal(cvss_parse(v, &c, &err), -1);
	assert_int_equal(err.problem, CVSS_ERR_TOO_LONG);

	/* The longest canonical v3.1 vector with every value spelt out fits. */
	assert_int_equal(cvss_parse(V31 "/E:U/RL:O/RC:U/CR:L/IR:L/AR:L/MAV:P/"
	    "MAC:H/MPR:H/MUI:R/MS:C/MC:N/MI:N/MA:N", &c, &err), 0);
}

static void
test_cvss__error_text_truncated(void **state)
{
	struct cvss		c;
	struct cvss_error	err;

	(void)state;
	assert_int_equal(cvss_parse("CVSS:3.1/AVERYLONGMETRICNAME:"
	    "AVERYLONGVALUEINDEEDMUCHTOOLONG", &c, &err), -1);
	assert_int_equal(err.problem, CVSS_ERR_METRIC);
	assert_string_equal(err.metric, "AVERYLO");
	assert_string_equal(err.value, "AVERYLONGVALUEI");

	/* Seven two-byte characters fit in fifteen bytes; the eighth is cut whole. */
	assert_int_equal(cvss_parse("CVSS:3.1/AV:\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", &c, &err), -1);
	assert_int_equal(err.problem, CVSS_ERR_VALUE);
	assert_int_equal(strlen(err.value), 14);
	assert_memory_equal(err.value, "\xc3\xa9\xc3\xa9", 4);
}

struct norm {
	const char		*in;
	const char		*want;		/* the normalised vector */
	enum cvss_version	 version;
	int			 base, temporal, env;	/* tenths */
	bool			 has_temporal, has_env;
};

static const struct norm norms[] = {
	{ "CVSS:3.0/S:U/AV:N/AC:L/PR:H/UI:N/C:L/I:L/A:N/E:F/RL:X",
	  "CVSS:3.0/AV:N/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:N/E:F",
	  CVSS_V30, 38, 37, 37, true, false },
	{ "CVSS:3.1/MA:X/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X/RL:X/RC:X/CR:X",
	  "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
	  CVSS_V31, 98, 98, 98, false, false },
	{ "CVSS:3.1/MA:H/MI:H/MC:H/MS:C/MUI:N/MPR:L/MAV:N/MAC:L/AR:H/IR:H/CR:H/"
	  "RC:C/RL:O/E:H/A:N/I:H/C:H/S:C/UI:R/PR:N/AC:L/AV:N",
	  "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:N/E:H/RL:O/RC:C/CR:H/IR:H/"
	  "AR:H/MAV:N/MAC:L/MPR:L/MUI:N/MS:C/MC:H/MI:H/MA:H",
	  CVSS_V31, 93, 89, 95, true, true },
	{ "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N/MC:L",
	  "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N/MC:L",
	  CVSS_V31, 0, 0, 53, false, true },
	{ "CVSS:2.0/AV:N/AC:L/Au:N/C:C/I:C/A:C", "AV:N/AC:L/Au:N/C:C/I:C/A:C",
	  CVSS_V2, 100, 100, 100, false, false },
	{ "A:C/I:C/C:C/Au:N/AC:L/AV:N/E:ND/RL:ND/RC:ND/CDP:ND/TD:ND/CR:ND/IR:ND/AR:ND",
	  "AV:N/AC:L/Au:N/C:C/I:C/A:C", CVSS_V2, 100, 100, 100, false, false },
	{ "AR:L/IR:L/CR:M/TD:M/CDP:LM/RC:C/RL:OF/E:POC/A:P/I:P/C:N/Au:S/AC:H/AV:A",
	  "AV:A/AC:H/Au:S/C:N/I:P/A:P/E:POC/RL:OF/RC:C/CDP:LM/TD:M/CR:M/IR:L/AR:L",
	  CVSS_V2, 29, 23, 28, true, true },
	{ "AV:N/AC:L/Au:N/C:N/I:N/A:N", "AV:N/AC:L/Au:N/C:N/I:N/A:N",
	  CVSS_V2, 0, 0, 0, false, false },
	{ "AV:N/AC:L/Au:N/C:N/I:N/A:N/TD:H/CDP:H", "AV:N/AC:L/Au:N/C:N/I:N/A:N/CDP:H/TD:H",
	  CVSS_V2, 0, 0, 50, false, true },
	{ "AV:N/AC:L/Au:N/C:C/I:C/A:C/TD:N", "AV:N/AC:L/Au:N/C:C/I:C/A:C/TD:N",
	  CVSS_V2, 100, 100, 0, false, true },
};

static void
test_cvss__normalisation(void **state)
{
	struct cvss		c;
	struct cvss_error	err;
	size_t			i;

	(void)state;
	for (i = 0; i < NELEM(norms); i++) {
		const struct norm *t = &norms[i];

		if (cvss_parse(t->in, &c, &err) != 0)
			fail_msg("'%s' refused: %s %s:%s", t->in,
			    cvss_problem_code(err.problem), err.metric, err.value);
		if (strcmp(c.vector, t->want) != 0)
			fail_msg("'%s' normalised to '%s', want '%s'", t->in,
			    c.vector, t->want);
		if (c.version != t->version || c.base != t->base ||
		    c.temporal != t->temporal || c.environmental != t->env ||
		    c.has_temporal != t->has_temporal ||
		    c.has_environmental != t->has_env)
			fail_msg("'%s': v%s %d/%d/%d t%d e%d", t->in,
			    cvss_version_name(c.version), c.base, c.temporal,
			    c.environmental, c.has_temporal, c.has_environmental);
		assert_true(normalised_stable(&c));
	}
}

/*
 * Scores whose exact value sits on a rounding edge, that tell v3.0 from
 * v3.1, or that take v2's AdjustedBase below zero; the Red Hat files
 * have few or none of these.  Expected values come from the formulas
 * evaluated in exact rational arithmetic.
 */
static const struct {
	const char	*vector;
	int		 base, temporal, env;	/* tenths */
} edges[] = {
	/* 10.0 x 0.92 is 9.2 exactly; a bare ceil() on doubles gives 9.3. */
	{ "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H/RC:U", 100, 92, 92 },
	{ "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H/RC:U", 100, 92, 92 },
	{ "CVSS:3.0/AV:L/AC:H/PR:L/UI:R/S:U/C:N/I:H/A:L/RC:U", 50, 46, 46 },
	{ "CVSS:3.0/AV:L/AC:L/PR:H/UI:R/S:C/C:L/I:N/A:H/RC:U/AR:H/MAV:N/MPR:N/"
	  "MUI:N/MC:H/MA:H", 63, 58, 92 },
	/* v3.1 changed ModifiedImpact under a changed scope: 6.7 against 6.8. */
	{ "CVSS:3.0/AV:L/AC:H/PR:H/UI:R/S:C/C:H/I:H/A:H/RL:T/IR:H/AR:L/MAV:P/"
	  "MAC:H/MUI:N/MC:L", 72, 70, 67 },
	{ "CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:C/C:H/I:H/A:H/RL:T/IR:H/AR:L/MAV:P/"
	  "MAC:H/MUI:N/MC:L", 72, 70, 68 },
	/* v2 ties (3.0 x 0.95 = 2.85) round up; doubles see 2.8499999. */
	{ "AV:L/AC:M/Au:S/C:N/I:P/A:P/RC:UR", 30, 29, 29 },
	{ "AV:L/AC:H/Au:N/C:C/I:N/A:N/E:POC/TD:M/CR:L", 40, 36, 11 },
	{ "AV:A/AC:H/Au:M/C:N/I:C/A:N/E:F/RL:W/RC:UR/TD:M/CR:M/IR:L/AR:H", 40, 34, 11 },
	/* v2 AdjustedBase below zero (-0.2): kept, and the final score held at 0. */
	{ "AV:L/AC:H/Au:M/C:N/I:P/A:N/E:H/RL:TF/RC:C/CDP:MH/TD:M/CR:M/IR:L/AR:M", 8, 7, 29 },
	{ "AV:L/AC:H/Au:M/C:N/I:N/A:P/RL:U/TD:M/IR:M/AR:L", 8, 8, 0 },
};

static void
test_cvss__rounding_edges(void **state)
{
	struct cvss		c;
	struct cvss_error	err;
	size_t			i;

	(void)state;
	for (i = 0; i < NELEM(edges); i++) {
		if (cvss_parse(edges[i].vector, &c, &err) != 0)
			fail_msg("'%s' refused: %s", edges[i].vector,
			    cvss_problem_code(err.problem));
		if (c.base != edges[i].base || c.temporal != edges[i].temporal ||
		    c.environmental != edges[i].env)
			fail_msg("'%s': %d/%d/%d tenths, want %d/%d/%d",
			    edges[i].vector, c.base, c.temporal, c.environmental,
			    edges[i].base, edges[i].temporal, edges[i].env);
	}
}

static void
test_cvss__base_severity(void **state)
{
	struct cvss		c;
	struct cvss_error	err;

	(void)state;
	assert_int_equal(cvss_parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N",
	    &c, &err), 0);
	assert_int_equal(c.base_severity, CVSS_SEV_NONE);
	assert_int_equal(cvss_parse(V31, &c, &err), 0);
	assert_int_equal(c.base_severity, CVSS_SEV_CRITICAL);
	assert_int_equal(cvss_parse("CVSS:3.0/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N",
	    &c, &err), 0);
	assert_int_equal(c.base, 31);
	assert_int_equal(c.base_severity, CVSS_SEV_LOW);
	/* v2 has no NONE: NVD rates 0.0 LOW. */
	assert_int_equal(cvss_parse("AV:N/AC:L/Au:N/C:N/I:N/A:N", &c, &err), 0);
	assert_int_equal(c.base_severity, CVSS_SEV_LOW);
	assert_int_equal(cvss_parse("AV:N/AC:L/Au:N/C:C/I:C/A:C", &c, &err), 0);
	assert_int_equal(c.base_severity, CVSS_SEV_HIGH);
}

static void
test_cvss__v4_is_handed_on(void **state)
{
	struct cvss		c;
	struct cvss_error	err;

	(void)state;
	assert_int_equal(cvss_parse("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/"
	    "VA:H/SC:N/SI:N/SA:N", &c, &err), 0);
	assert_int_equal(c.version, CVSS_V40);
	/* v3 metrics are not v4's: the refusal comes from the v4 parser. */
	assert_int_equal(cvss_parse("CVSS:4.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
	    &c, &err), -1);
	assert_int_not_equal(err.problem, CVSS_ERR_PREFIX);
}

static void
test_cvss__format_score(void **state)
{
	static const struct {
		int		 tenths;
		const char	*want;
	} t[] = {
		{ 0, "0.0" }, { 1, "0.1" }, { 9, "0.9" }, { 10, "1.0" }, { 39, "3.9" },
		{ 75, "7.5" }, { 99, "9.9" }, { 100, "10.0" },
		{ -5, "0.0" }, { 250, "10.0" },	/* out of range: clamped */
	};
	char	buf[5];
	size_t	i;

	(void)state;
	for (i = 0; i < NELEM(t); i++) {
		memset(buf, '#', sizeof(buf));
		cvss_format_score(t[i].tenths, buf);
		assert_string_equal(buf, t[i].want);
	}
}

static void
test_cvss__severity_bands(void **state)
{
	static const struct {
		int			tenths;
		enum cvss_severity	v3, v2;
	} t[] = {
		{ 0, CVSS_SEV_NONE, CVSS_SEV_LOW },
		{ 1, CVSS_SEV_LOW, CVSS_SEV_LOW },
		{ 39, CVSS_SEV_LOW, CVSS_SEV_LOW },
		{ 40, CVSS_SEV_MEDIUM, CVSS_SEV_MEDIUM },
		{ 69, CVSS_SEV_MEDIUM, CVSS_SEV_MEDIUM },
		{ 70, CVSS_SEV_HIGH, CVSS_SEV_HIGH },
		{ 89, CVSS_SEV_HIGH, CVSS_SEV_HIGH },
		{ 90, CVSS_SEV_CRITICAL, CVSS_SEV_HIGH },
		{ 100, CVSS_SEV_CRITICAL, CVSS_SEV_HIGH },
	};
	size_t	i;

	(void)state;
	for (i = 0; i < NELEM(t); i++) {
		if (cvss_severity_of(t[i].tenths) != t[i].v3)
			fail_msg("cvss_severity_of(%d) = %s", t[i].tenths,
			    cvss_severity_name(cvss_severity_of(t[i].tenths)));
		if (cvss2_severity_of(t[i].tenths) != t[i].v2)
			fail_msg("cvss2_severity_of(%d) = %s", t[i].tenths,
			    cvss_severity_name(cvss2_severity_of(t[i].tenths)));
	}
}

static void
test_cvss__names(void **state)
{
	(void)state;
	assert_string_equal(cvss_version_name(CVSS_V2), "2.0");
	assert_string_equal(cvss_version_name(CVSS_V30), "3.0");
	assert_string_equal(cvss_version_name(CVSS_V31), "3.1");
	assert_string_equal(cvss_version_name(CVSS_V40), "4.0");
	assert_string_equal(cvss_version_name(CVSS__NVERSIONS), "?");
	assert_string_equal(cvss_severity_name(CVSS_SEV_NONE), "NONE");
	assert_string_equal(cvss_severity_name(CVSS_SEV_LOW), "LOW");
	assert_string_equal(cvss_severity_name(CVSS_SEV_MEDIUM), "MEDIUM");
	assert_string_equal(cvss_severity_name(CVSS_SEV_HIGH), "HIGH");
	assert_string_equal(cvss_severity_name(CVSS_SEV_CRITICAL), "CRITICAL");
	assert_string_equal(cvss_nomenclature_name(CVSS_NOM_B), "CVSS-B");
	assert_string_equal(cvss_nomenclature_name(CVSS_NOM_BT), "CVSS-BT");
	assert_string_equal(cvss_nomenclature_name(CVSS_NOM_BE), "CVSS-BE");
	assert_string_equal(cvss_nomenclature_name(CVSS_NOM_BTE), "CVSS-BTE");
	assert_string_equal(cvss_problem_code(CVSS_OK), "ok");
	assert_string_equal(cvss_problem_code(CVSS_ERR_EMPTY), "empty");
	assert_string_equal(cvss_problem_code(CVSS_ERR_TOO_LONG), "too_long");
	assert_string_equal(cvss_problem_code(CVSS_ERR_PREFIX), "prefix");
	assert_string_equal(cvss_problem_code(CVSS_ERR_SYNTAX), "syntax");
	assert_string_equal(cvss_problem_code(CVSS_ERR_METRIC), "unknown_metric");
	assert_string_equal(cvss_problem_code(CVSS_ERR_VALUE), "unknown_value");
	assert_string_equal(cvss_problem_code(CVSS_ERR_DUPLICATE), "duplicate");
	assert_string_equal(cvss_problem_code(CVSS_ERR_MISSING), "missing");
	assert_string_equal(cvss_problem_code(CVSS__NPROBLEMS), "?");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cvss__redhat_vectors),
		cmocka_unit_test(test_cvss__real_world_vectors),
		cmocka_unit_test(test_cvss__refusals),
		cmocka_unit_test(test_cvss__length_limit),
		cmocka_unit_test(test_cvss__error_text_truncated),
		cmocka_unit_test(test_cvss__normalisation),
		cmocka_unit_test(test_cvss__rounding_edges),
		cmocka_unit_test(test_cvss__base_severity),
		cmocka_unit_test(test_cvss__v4_is_handed_on),
		cmocka_unit_test(test_cvss__format_score),
		cmocka_unit_test(test_cvss__severity_bands),
		cmocka_unit_test(test_cvss__names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
