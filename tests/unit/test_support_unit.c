/*
 * domain/support_unit (支撑单位, R40): the words and their round trips, the
 * application's chain of stages, the configuration parsers (thresholds,
 * weights, award rules, the rating method) with their errors, the star
 * level at, below and above every threshold, the award candidates, the
 * certificate number and the validity period.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/str.h"
#include "domain/support_unit.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* The defaults of [units] (core/config.c). */
#define THRESHOLDS	"20,50,100,200"
#define WEIGHTS		"critical=10,high=6,medium=3,low=1,warning=4,verification=2,assistance=2"
#define AWARD_RULES	"most_contributing=technical:points:top3," \
			"special_contribution=any:critical:min3," \
			"practice_advanced=any:verification+assistance:top3," \
			"governance_most=governance:points:top1"

static void
test_support_unit__names_round_trip(void **state)
{
	int	i;

	(void)state;
	for (i = 0; i < UNIT__MAX; i++)
		assert_int_equal(unit_type_parse(str_from(unit_type_name((enum unit_type)i))),
		    i);
	for (i = 0; i < UAS__MAX; i++)
		assert_int_equal(unit_app_state_parse(str_from(unit_app_state_name(
		    (enum unit_app_state)i))), i);
	for (i = 0; i < US__MAX; i++)
		assert_int_equal(unit_status_parse(str_from(unit_status_name(
		    (enum unit_status)i))), i);
	for (i = 0; i < UC__MAX; i++)
		assert_int_equal(unit_contrib_parse(str_from(unit_contrib_name(
		    (enum unit_contrib)i))), i);
	for (i = 0; i < UA__MAX; i++)
		assert_int_equal(unit_award_parse(str_from(unit_award_name(
		    (enum unit_award)i))), i);
	assert_string_equal(unit_type_name(UNIT_TECHNICAL), "technical");
	assert_string_equal(unit_type_name(UNIT_GOVERNANCE), "governance");
	assert_string_equal(unit_app_state_name(UAS_MATERIAL_REVIEW), "material_review");
	assert_string_equal(unit_award_name(UA_GOVERNANCE_MOST), "governance_most");
	assert_int_equal(unit_type_parse(str_from("Technical")), -1);
	assert_int_equal(unit_type_parse(str_from("")), -1);
	assert_int_equal(unit_app_state_parse(str_from("done ")), -1);
	assert_int_equal(unit_contrib_parse(STR_NULL), -1);
	assert_string_equal(unit_type_name((enum unit_type)7), "?");
	/* The labels are the notice's words. */
	assert_string_equal(msg(LANG_ZH, unit_type_label(UNIT_TECHNICAL)), "技术支撑单位");
	assert_string_equal(msg(LANG_ZH, unit_type_label(UNIT_GOVERNANCE)), "漏洞治理合作单位");
	assert_string_equal(msg(LANG_ZH, unit_level_label(1)), "一星");
	assert_string_equal(msg(LANG_ZH, unit_level_label(4)), "四星");
	assert_string_equal(msg(LANG_ZH, unit_award_label(UA_MOST_CONTRIBUTING)),
	    "漏洞报送最具贡献单位");
	assert_string_equal(msg(LANG_ZH, unit_app_state_label(UAS_SITE_VISIT)), "现场考察");
	for (i = 0; i < UNIT_DECLARATIONS; i++)
		assert_non_null(strstr(msg(LANG_ZH, unit_declaration_text(i)), "申报单位"));
	assert_non_null(strstr(msg(LANG_ZH, unit_declaration_text(0)), "（一）"));
	assert_non_null(strstr(msg(LANG_ZH, unit_declaration_text(4)), "（五）"));
	assert_int_equal(unit_grade_parse(str_from("critical")), 0);
	assert_int_equal(unit_grade_parse(str_from("low")), 3);
	assert_int_equal(unit_grade_parse(str_from("")), -1);
}

static void
test_support_unit__app_chain(void **state)
{
	enum unit_app_state	s = UAS_MATERIAL_REVIEW;
	static const enum unit_app_state chain[] = {
		UAS_MATERIAL_REVIEW, UAS_EXPERT_REVIEW, UAS_SITE_VISIT, UAS_CERTIFICATION,
		UAS_ANNOUNCEMENT, UAS_DONE,
	};
	size_t			i;

	(void)state;
	for (i = 0; i + 1 < NELEM(chain); i++) {
		assert_int_equal(s, chain[i]);
		assert_true(unit_app_decidable(s));
		s = (enum unit_app_state)unit_app_next(s);
	}
	assert_int_equal(s, UAS_DONE);
	assert_int_equal(unit_app_next(UAS_DONE), -1);
	assert_int_equal(unit_app_next(UAS_REJECTED), -1);
	assert_int_equal(unit_app_next(UAS_WITHDRAWN), -1);
	assert_false(unit_app_decidable(UAS_DONE));
	assert_false(unit_app_decidable(UAS_REJECTED));
	assert_false(unit_app_decidable(UAS_WITHDRAWN));
	/* Only the review stages fail; certification and announcement only pass. */
	assert_true(unit_app_can_fail(UAS_MATERIAL_REVIEW));
	assert_true(unit_app_can_fail(UAS_EXPERT_REVIEW));
	assert_true(unit_app_can_fail(UAS_SITE_VISIT));
	assert_false(unit_app_can_fail(UAS_CERTIFICATION));
	assert_false(unit_app_can_fail(UAS_ANNOUNCEMENT));
	assert_false(unit_app_can_fail(UAS_DONE));
	assert_true(unit_app_withdrawable(UAS_MATERIAL_REVIEW));
	assert_true(unit_app_withdrawable(UAS_CERTIFICATION));
	assert_false(unit_app_withdrawable(UAS_ANNOUNCEMENT));
	assert_false(unit_app_withdrawable(UAS_DONE));
	assert_false(unit_app_withdrawable(UAS_REJECTED));
	assert_false(unit_app_withdrawable(UAS_WITHDRAWN));
}

static void
test_support_unit__thresholds_parse(void **state)
{
	static const struct {
		const char	*text;
		const char	*err;	/* a fragment of the error; NULL: parses */
	} cases[] = {
		{ THRESHOLDS, NULL },
		{ " 0 , 1,2 ,3 ", NULL },
		{ "20,50,100", "four thresholds" },
		{ "20,50,100,200,300", "more than four" },
		{ "20,50,50,200", "must be above threshold 2" },
		{ "20,10,100,200", "ascend" },
		{ "20,x,100,200", "threshold 2 ('x')" },
		{ "", "threshold 1" },
		{ "-1,50,100,200", "threshold 1" },
		{ "20,,100,200", "threshold 2" },
		{ "20,50,100,99999999999", "threshold 4" },
	};
	struct unit_thresholds	t;
	char			err[160];
	size_t			i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		err[0] = '\0';
		if (cases[i].err == NULL) {
			if (unit_thresholds_parse(cases[i].text, &t, err, sizeof(err)) != 0)
				fail_msg("'%s' refused: %s", cases[i].text, err);
			continue;
		}
		if (unit_thresholds_parse(cases[i].text, &t, err, sizeof(err)) == 0)
			fail_msg("'%s' accepted", cases[i].text);
		if (strstr(err, cases[i].err) == NULL)
			fail_msg("'%s': error \"%s\" lacks \"%s\"", cases[i].text, err,
			    cases[i].err);
	}
	assert_int_equal(unit_thresholds_parse(THRESHOLDS, &t, err, sizeof(err)), 0);
	assert_int_equal(t.star[0], 20);
	assert_int_equal(t.star[3], 200);
}

static void
test_support_unit__levels_at_thresholds(void **state)
{
	struct unit_thresholds	t;
	char			err[160];
	bool			below;
	int			i;

	(void)state;
	assert_int_equal(unit_thresholds_parse(THRESHOLDS, &t, err, sizeof(err)), 0);
	for (i = 0; i < 4; i++) {
		/* Exactly at a threshold: that star. */
		assert_int_equal(unit_level_for(&t, t.star[i], &below), i + 1);
		assert_false(below);
		/* One point above: still that star. */
		assert_int_equal(unit_level_for(&t, t.star[i] + 1, &below), i + 1);
		assert_false(below);
		/* One point below: the star before (at least one, flagged under 一星). */
		assert_int_equal(unit_level_for(&t, t.star[i] - 1, &below), i > 0 ? i : 1);
		assert_int_equal(below, i == 0);
	}
	assert_int_equal(unit_level_for(&t, 0, &below), 1);
	assert_true(below);
	assert_int_equal(unit_level_for(&t, 1000000, NULL), 4);
	assert_int_equal(unit_next_threshold(&t, 1), 50);
	assert_int_equal(unit_next_threshold(&t, 3), 200);
	assert_int_equal(unit_next_threshold(&t, 4), -1);
	/* A threshold of 0 for 一星: nothing is below it. */
	assert_int_equal(unit_thresholds_parse("0,1,2,3", &t, err, sizeof(err)), 0);
	assert_int_equal(unit_level_for(&t, 0, &below), 1);
	assert_false(below);
	assert_int_equal(unit_level_for(&t, 2, &below), 3);
}

static void
test_support_unit__weights(void **state)
{
	static const struct {
		const char	*text;
		const char	*err;
	} bad[] = {
		{ "critical=10,high=6,medium=3,low=1,warning=4,verification=2", "'assistance' is missing" },
		{ "critical=10,critical=9,high=6,medium=3,low=1,warning=4,verification=2,assistance=2", "given twice" },
		{ "severe=10,high=6,medium=3,low=1,warning=4,verification=2,assistance=2", "unknown weight 'severe'" },
		{ "critical=1001,high=6,medium=3,low=1,warning=4,verification=2,assistance=2", "'critical' must be 0 to 1000" },
		{ "critical,high=6", "is not key=points" },
		{ "critical=-1,high=6,medium=3,low=1,warning=4,verification=2,assistance=2", "'critical'" },
		{ "", "'critical' is missing" },
	};
	struct unit_weights	w;
	struct unit_counts	c;
	char			err[160];
	size_t			i;

	(void)state;
	for (i = 0; i < NELEM(bad); i++) {
		err[0] = '\0';
		if (unit_weights_parse(bad[i].text, &w, err, sizeof(err)) == 0)
			fail_msg("'%s' accepted", bad[i].text);
		if (strstr(err, bad[i].err) == NULL)
			fail_msg("'%s': error \"%s\" lacks \"%s\"", bad[i].text, err, bad[i].err);
	}
	assert_int_equal(unit_weights_parse(" high = 6 , critical=10,medium=3,low=1,warning=4,"
	    "verification=2,assistance=0", &w, err, sizeof(err)), 0);
	assert_int_equal(w.assistance, 0);
	assert_int_equal(unit_weights_parse(WEIGHTS, &w, err, sizeof(err)), 0);
	assert_int_equal(unit_weight_of(&w, UC_REPORT, "critical"), 10);
	assert_int_equal(unit_weight_of(&w, UC_REPORT, "high"), 6);
	assert_int_equal(unit_weight_of(&w, UC_REPORT, "medium"), 3);
	assert_int_equal(unit_weight_of(&w, UC_REPORT, "low"), 1);
	/* Ungraded: the lowest report weight. */
	assert_int_equal(unit_weight_of(&w, UC_REPORT, ""), 1);
	assert_int_equal(unit_weight_of(&w, UC_REPORT, NULL), 1);
	assert_int_equal(unit_weight_of(&w, UC_WARNING, NULL), 4);
	assert_int_equal(unit_weight_of(&w, UC_VERIFICATION, "critical"), 2);
	assert_int_equal(unit_weight_of(&w, UC_ASSISTANCE, ""), 2);
	memset(&c, 0, sizeof(c));
	assert_int_equal(unit_points(&w, &c), 0);
	c.critical = 1;
	c.high = 2;
	c.medium = 3;
	c.low = 4;
	c.ungraded = 5;
	c.warning = 6;
	c.verification = 7;
	c.assistance = 8;
	assert_int_equal(unit_points(&w, &c), 10 + 12 + 9 + 4 + 5 + 24 + 14 + 16);
}

static void
test_support_unit__award_rules_parse(void **state)
{
	static const struct {
		const char	*text;
		const char	*err;
	} bad[] = {
		{ "best=any:points:top3", "unknown award 'best'" },
		{ "most_contributing=any:points:top3,most_contributing=any:points:top1", "two rules" },
		{ "most_contributing=robots:points:top3", "unknown type 'robots'" },
		{ "most_contributing=any:karma:top3", "unknown metric 'karma'" },
		{ "most_contributing=any:high+high:top3", "names 'high' twice" },
		{ "most_contributing=any:points:best3", "topN or minN" },
		{ "most_contributing=any:points:top0", "N of the selector" },
		{ "most_contributing=any:points:top", "N of the selector" },
		{ "most_contributing=any:points", "type:metric:selector" },
		{ "most_contributing=any:points:top3:x", "type:metric:selector" },
		{ "most_contributing", "award=type:metric:selector" },
		{ "most_contributing=any:points:top3,,governance_most=any:points:top1", "empty rule" },
	};
	struct unit_award_rules	r;
	char			err[256];
	size_t			i;

	(void)state;
	for (i = 0; i < NELEM(bad); i++) {
		err[0] = '\0';
		if (unit_award_rules_parse(bad[i].text, &r, err, sizeof(err)) == 0)
			fail_msg("'%s' accepted", bad[i].text);
		if (strstr(err, bad[i].err) == NULL)
			fail_msg("'%s': error \"%s\" lacks \"%s\"", bad[i].text, err, bad[i].err);
	}
	assert_int_equal(unit_award_rules_parse(AWARD_RULES, &r, err, sizeof(err)), 0);
	assert_true(r.r[UA_MOST_CONTRIBUTING].set);
	assert_int_equal(r.r[UA_MOST_CONTRIBUTING].type, UNIT_TECHNICAL);
	assert_true(r.r[UA_MOST_CONTRIBUTING].points);
	assert_true(r.r[UA_MOST_CONTRIBUTING].top);
	assert_int_equal(r.r[UA_MOST_CONTRIBUTING].n, 3);
	assert_int_equal(r.r[UA_SPECIAL_CONTRIBUTION].type, -1);
	assert_false(r.r[UA_SPECIAL_CONTRIBUTION].top);
	assert_int_equal(r.r[UA_SPECIAL_CONTRIBUTION].terms, 1u << 0);
	assert_int_equal(r.r[UA_PRACTICE_ADVANCED].terms, (1u << 6) | (1u << 7));
	assert_int_equal(r.r[UA_GOVERNANCE_MOST].type, UNIT_GOVERNANCE);
	/* Nothing configured: no award has a rule. */
	assert_int_equal(unit_award_rules_parse("", &r, err, sizeof(err)), 0);
	for (i = 0; i < UA__MAX; i++)
		assert_false(r.r[i].set);
}

static struct unit_standing
standing(int64_t id, enum unit_type t, int64_t points, int64_t critical, int64_t verification)
{
	struct unit_standing	s;

	memset(&s, 0, sizeof(s));
	s.unit_id = id;
	s.type = t;
	s.points = points;
	s.counts.critical = critical;
	s.counts.verification = verification;
	return s;
}

static void
test_support_unit__award_candidates(void **state)
{
	struct unit_award_rules	r;
	struct unit_standing	s[7];
	struct unit_candidate	out[7 * UA__MAX];
	char			err[160];
	size_t			n, i;

	(void)state;
	s[0] = standing(10, UNIT_TECHNICAL, 90, 5, 0);
	s[1] = standing(11, UNIT_TECHNICAL, 120, 2, 1);
	s[2] = standing(12, UNIT_TECHNICAL, 90, 3, 0);
	s[3] = standing(13, UNIT_TECHNICAL, 40, 0, 0);
	s[4] = standing(14, UNIT_TECHNICAL, 0, 0, 0);		/* zero: never a candidate */
	s[5] = standing(15, UNIT_GOVERNANCE, 500, 9, 0);	/* not technical */
	s[6] = standing(16, UNIT_TECHNICAL, 20, 0, 0);

	/* top2 with a tie at 2nd place: three candidates, ranks 1, 2, 2 (ids ascending). */
	assert_int_equal(unit_award_rules_parse("most_contributing=technical:points:top2", &r,
	    err, sizeof(err)), 0);
	n = unit_award_candidates(&r, s, NELEM(s), out);
	assert_int_equal(n, 3);
	assert_int_equal(s[out[0].idx].unit_id, 11);
	assert_int_equal(out[0].rank, 1);
	assert_int_equal(out[0].metric, 120);
	assert_int_equal(s[out[1].idx].unit_id, 10);
	assert_int_equal(out[1].rank, 2);
	assert_int_equal(s[out[2].idx].unit_id, 12);
	assert_int_equal(out[2].rank, 2);
	for (i = 0; i < n; i++)
		assert_int_equal(out[i].award, UA_MOST_CONTRIBUTING);

	/* top3: the tie takes places 2 and 3, so the 4th (40) is out. */
	assert_int_equal(unit_award_rules_parse("most_contributing=technical:points:top3", &r,
	    err, sizeof(err)), 0);
	assert_int_equal(unit_award_candidates(&r, s, NELEM(s), out), 3);
	/* top4: the next after a tie of two at 2 has rank 4. */
	assert_int_equal(unit_award_rules_parse("most_contributing=technical:points:top4", &r,
	    err, sizeof(err)), 0);
	n = unit_award_candidates(&r, s, NELEM(s), out);
	assert_int_equal(n, 4);
	assert_int_equal(s[out[3].idx].unit_id, 13);
	assert_int_equal(out[3].rank, 4);
	/* top100: every technical unit but the zero one. */
	assert_int_equal(unit_award_rules_parse("most_contributing=technical:points:top100", &r,
	    err, sizeof(err)), 0);
	assert_int_equal(unit_award_candidates(&r, s, NELEM(s), out), 5);

	/* min3 of critical, any type: 15 (9), 10 (5), 12 (3); not 11 (2). */
	assert_int_equal(unit_award_rules_parse("special_contribution=any:critical:min3", &r,
	    err, sizeof(err)), 0);
	n = unit_award_candidates(&r, s, NELEM(s), out);
	assert_int_equal(n, 3);
	assert_int_equal(s[out[0].idx].unit_id, 15);
	assert_int_equal(s[out[1].idx].unit_id, 10);
	assert_int_equal(s[out[2].idx].unit_id, 12);
	assert_int_equal(out[2].rank, 3);

	/* Type filter: governance only. */
	assert_int_equal(unit_award_rules_parse("governance_most=governance:points:top3", &r,
	    err, sizeof(err)), 0);
	n = unit_award_candidates(&r, s, NELEM(s), out);
	assert_int_equal(n, 1);
	assert_int_equal(s[out[0].idx].unit_id, 15);

	/* A metric everyone has zero of: nobody. */
	assert_int_equal(unit_award_rules_parse("practice_advanced=any:assistance:top3", &r,
	    err, sizeof(err)), 0);
	assert_int_equal(unit_award_candidates(&r, s, NELEM(s), out), 0);

	/* All four awards at once: ordered by award, then rank. */
	assert_int_equal(unit_award_rules_parse(AWARD_RULES, &r, err, sizeof(err)), 0);
	n = unit_award_candidates(&r, s, NELEM(s), out);
	for (i = 1; i < n; i++)
		assert_true(out[i - 1].award < out[i].award ||
		    (out[i - 1].award == out[i].award && out[i - 1].rank <= out[i].rank));
	/* practice_advanced = verification + assistance: only unit 11. */
	for (i = 0; i < n; i++)
		if (out[i].award == UA_PRACTICE_ADVANCED)
			assert_int_equal(s[out[i].idx].unit_id, 11);
	/* The sum metric "reports" counts every graded report. */
	s[0].counts.high = 4;
	s[0].counts.ungraded = 100;
	r.r[UA_MOST_CONTRIBUTING].points = false;
	r.r[UA_MOST_CONTRIBUTING].terms = 1u << 4;
	assert_int_equal(unit_award_metric(&r.r[UA_MOST_CONTRIBUTING], &s[0]), 9);
}

static void
test_support_unit__cert_number(void **state)
{
	char	buf[32], tiny[8];

	(void)state;
	assert_true(unit_cert_number(buf, sizeof(buf), "ZCDW", 2026, 1));
	assert_string_equal(buf, "ZCDW20260001");
	assert_true(unit_cert_number(buf, sizeof(buf), "ZCDW", 2026, 9999));
	assert_string_equal(buf, "ZCDW20269999");
	/* Wider when larger. */
	assert_true(unit_cert_number(buf, sizeof(buf), "ZCDW", 2027, 12345));
	assert_string_equal(buf, "ZCDW202712345");
	assert_true(unit_cert_number(buf, sizeof(buf), "", 2026, 7));
	assert_string_equal(buf, "20260007");
	/* Does not fit. */
	assert_false(unit_cert_number(tiny, sizeof(tiny), "ZCDW", 2026, 1));
	assert_false(unit_cert_number(buf, sizeof(buf), "ZCDW", 2026, -1));
	assert_false(unit_cert_number(buf, sizeof(buf), "ZCDW", 10000, 1));
}

static void
test_support_unit__valid_until(void **state)
{
	static const struct {
		const char	*from;
		int		 months;
		const char	*until;
	} cases[] = {
		{ "2026-03-01", 12, "2027-02-28" },	/* the header's example */
		{ "2026-01-01", 12, "2026-12-31" },
		{ "2023-03-01", 12, "2024-02-29" },	/* ends in a leap February */
		{ "2024-02-29", 12, "2025-02-28" },	/* from a leap day: clamped */
		{ "2024-02-29", 48, "2028-02-28" },	/* leap to leap: the day before */
		{ "2026-01-31", 1, "2026-02-28" },	/* month end, short month */
		{ "2024-01-31", 1, "2024-02-29" },
		{ "2026-08-31", 1, "2026-09-30" },
		{ "2026-03-31", 1, "2026-04-30" },
		{ "2026-04-30", 1, "2026-05-29" },
		{ "2026-12-15", 1, "2027-01-14" },	/* across the year */
		{ "2026-11-01", 3, "2027-01-31" },
		{ "2026-05-10", 0, "2026-05-09" },
		{ "2026-06-15", 120, "2036-06-14" },
	};
	char	out[11];
	size_t	i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		if (!unit_valid_until(cases[i].from, cases[i].months, out))
			fail_msg("%s + %d refused", cases[i].from, cases[i].months);
		if (strcmp(out, cases[i].until) != 0)
			fail_msg("%s + %d months: %s, not %s", cases[i].from, cases[i].months, out,
			    cases[i].until);
	}
	assert_false(unit_valid_until("2026-02-30", 12, out));
	assert_false(unit_valid_until("2026-2-01", 12, out));
	assert_false(unit_valid_until("", 12, out));
	assert_false(unit_valid_until(NULL, 12, out));
	assert_false(unit_valid_until("2026-01-01", -1, out));
}

static void
test_support_unit__criteria(void **state)
{
	static const struct {
		const char	*text;
		const char	*err;
	} bad[] = {
		{ "a|any|10|甲|A\nb|any|10|乙\n", "line 2: fewer than 5 fields" },
		{ "a|any|10|甲|A|x\n", "line 1: more than 5 fields" },
		{ "# c\n\nBad-Key|any|10|甲|A\n", "line 3: a key" },
		{ "a|robots|10|甲|A\n", "line 1: unknown type 'robots'" },
		{ "a|any|0|甲|A\n", "line 1: max" },
		{ "a|any|1001|甲|A\n", "line 1: max" },
		{ "a|any|x|甲|A\n", "line 1: max" },
		{ "a|any|10||A\n", "line 1: both labels" },
		{ "a|any|10|甲|A\nb|any|5|乙|B\na|technical|3|丙|C\n", "line 3: the key 'a' is used twice" },
		{ "a|technical|10|甲|A\n", "both types" },
		{ "", "both types" },
		{ "a|any|10|\xff\xfe|A\n", "not UTF-8" },
	};
	struct unit_criteria		 cs;
	const struct unit_criteria	*b;
	const char			*text;
	size_t				 len, i, ntech = 0, ngov = 0;
	char				 err[256];

	(void)state;
	for (i = 0; i < NELEM(bad); i++) {
		err[0] = '\0';
		if (unit_criteria_parse(bad[i].text, strlen(bad[i].text), &cs, err,
		    sizeof(err)) == 0)
			fail_msg("'%s' accepted", bad[i].text);
		if (strstr(err, bad[i].err) == NULL)
			fail_msg("'%s': error \"%s\" lacks \"%s\"", bad[i].text, err, bad[i].err);
	}
	text = "# x\r\nk1 | technical | 20 | 甲 | A \r\nk2|governance|5|乙|B\n";
	assert_int_equal(unit_criteria_parse(text, strlen(text), &cs, err, sizeof(err)), 0);
	assert_int_equal(cs.n, 2);
	assert_string_equal(cs.c[0].key, "k1");
	assert_int_equal(cs.c[0].type, UNIT_TECHNICAL);
	assert_int_equal(cs.c[0].max, 20);
	assert_string_equal(cs.c[0].zh, "甲");
	assert_string_equal(cs.c[0].en, "A");
	assert_non_null(unit_criterion_find(&cs, UNIT_TECHNICAL, "k1"));
	assert_null(unit_criterion_find(&cs, UNIT_GOVERNANCE, "k1"));
	assert_null(unit_criterion_find(&cs, UNIT_TECHNICAL, "k3"));

	/* The built-in rating method parses and has criteria of each type. */
	unit_criteria_builtin_text(&text, &len);
	assert_true(len > 0);
	b = unit_criteria_builtin();
	assert_true(b->n >= 4);
	for (i = 0; i < b->n; i++) {
		ntech += unit_criterion_applies(&b->c[i], UNIT_TECHNICAL);
		ngov += unit_criterion_applies(&b->c[i], UNIT_GOVERNANCE);
	}
	assert_true(ntech > 0 && ngov > 0);
	assert_non_null(unit_criterion_find(b, UNIT_TECHNICAL, "verification"));
	assert_non_null(unit_criterion_find(b, UNIT_GOVERNANCE, "own_products"));
}

/* "evidence.<key>.<part>" in a static buffer. */
static const char *
field_of(const char *key, const char *part)
{
	static char	buf[96];

	snprintf(buf, sizeof(buf), "evidence.%s.%s", key, part);
	return buf;
}

static void
test_support_unit__credit_code_and_phone(void **state)
{
	(void)state;
	/* GB 32100-2015: the check character of the published example, and of others. */
	assert_true(unit_credit_code_ok("91350100M000100Y43"));
	assert_true(unit_credit_code_ok("91110108MA01ABCD1E"));
	assert_true(unit_credit_code_ok("91110000600037341L"));
	assert_false(unit_credit_code_ok("91350100M000100Y44"));	/* wrong check */
	assert_false(unit_credit_code_ok("91350100M000100Y4"));	/* 17 characters */
	assert_false(unit_credit_code_ok("91350100M000100Y433"));
	assert_false(unit_credit_code_ok("91350100I000100Y43"));	/* I is not in the alphabet */
	assert_false(unit_credit_code_ok("91350100m000100y43"));
	assert_false(unit_credit_code_ok(""));
	assert_false(unit_credit_code_ok(NULL));
	assert_true(unit_phone_ok("010-12345678"));
	assert_true(unit_phone_ok("+86 (10) 1234 5678"));
	assert_false(unit_phone_ok("12-3"));
	assert_false(unit_phone_ok("010+1234567"));
	assert_false(unit_phone_ok("call me"));
}

/* A valid technical application against the built-in rating method. */
static void
good_app(struct unit_app_in *in, struct unit_evidence_in *ev, size_t *nev)
{
	const struct unit_criteria	*cs = unit_criteria_builtin();
	size_t				 i;

	memset(in, 0, sizeof(*in));
	in->type = "technical";
	in->unit_name = "某某信息安全技术有限公司";
	in->credit_code = "91350100M000100Y43";
	in->address = "北京市海淀区";
	in->contact_name = "王某";
	in->contact_phone = "010-12345678";
	in->contact_email = "wang@example.com";
	in->team_size = 20;
	in->team_description = "移动安全团队。";
	*nev = 0;
	for (i = 0; i < cs->n; i++)
		if (unit_criterion_applies(&cs->c[i], UNIT_TECHNICAL)) {
			ev[*nev].criterion = cs->c[i].key;
			ev[*nev].text = "证明。";
			ev[*nev].score = cs->c[i].max;
			ev[*nev].has_score = true;
			(*nev)++;
		}
	in->evidence = ev;
	in->nevidence = *nev;
	for (i = 0; i < UNIT_DECLARATIONS; i++)
		in->declarations[i] = true;
}

static bool
names(const struct unit_problem *p, size_t n, const char *field, enum msg_id m)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(p[i].field, field) == 0 && p[i].msg == m)
			return true;
	return false;
}

static void
test_support_unit__app_check_lists_every_problem(void **state)
{
	const struct unit_criteria	*cs = unit_criteria_builtin();
	struct unit_evidence_in		 ev[UNIT_CRITERIA_MAX + 2];
	struct unit_problem		 p[UNIT_MAX_PROBLEMS];
	struct unit_app_in		 in;
	char				 fields[UNIT_MAX_PROBLEMS * 48];
	enum unit_type			 t = UNIT__MAX;
	size_t				 nev, n, i;
	int				 score = -1, sum = 0;

	(void)state;
	good_app(&in, ev, &nev);
	assert_int_equal(unit_app_check(&in, cs, p, UNIT_MAX_PROBLEMS, fields, &t, &score), 0);
	assert_int_equal(t, UNIT_TECHNICAL);
	for (i = 0; i < nev; i++)
		sum += (int)ev[i].score;
	assert_int_equal(score, sum);

	/* Many problems at once, each named. */
	in.credit_code = "91350100M000100Y44";
	in.contact_phone = "";
	in.contact_email = "not-an-address";
	in.team_size = 0;
	in.declarations[2] = false;
	in.declarations[4] = false;
	ev[0].score = 1000;				/* over its max */
	ev[1].text = "  ";				/* evidence text missing */
	ev[nev].criterion = "own_products";		/* governance only */
	ev[nev].text = "x";
	ev[nev].has_score = true;
	in.nevidence = nev + 1;
	n = unit_app_check(&in, cs, p, UNIT_MAX_PROBLEMS, fields, &t, &score);
	assert_int_equal(n, 9);
	assert_true(names(p, n, "credit_code", MSG_ERR_UNIT_CREDIT_CODE));
	assert_true(names(p, n, "contact.phone", MSG_ERR_FIELD_MISSING));
	assert_true(names(p, n, "contact.email", MSG_ERR_UNIT_EMAIL));
	assert_true(names(p, n, "team.size", MSG_ERR_FIELD_MISSING));
	assert_true(names(p, n, "declarations.3", MSG_ERR_UNIT_DECLARATION));
	assert_true(names(p, n, "declarations.5", MSG_ERR_UNIT_DECLARATION));
	assert_true(names(p, n, field_of(ev[0].criterion, "score"),
	    MSG_ERR_UNIT_SCORE));
	assert_true(names(p, n, "evidence.own_products.criterion", MSG_ERR_UNIT_CRITERION));
	/* A criterion of the type left out; a type unknown. */
	good_app(&in, ev, &nev);
	in.nevidence = nev - 1;
	n = unit_app_check(&in, cs, p, UNIT_MAX_PROBLEMS, fields, &t, &score);
	assert_int_equal(n, 1);
	assert_int_equal(p[0].msg, MSG_ERR_UNIT_EVIDENCE_MISSING);
	in.type = "robots";
	n = unit_app_check(&in, cs, p, UNIT_MAX_PROBLEMS, fields, &t, &score);
	assert_true(names(p, n, "type", MSG_ERR_UNIT_TYPE));
	/* At most max are written, all are counted. */
	memset(&in, 0, sizeof(in));
	n = unit_app_check(&in, cs, p, 2, fields, &t, &score);
	assert_true(n > 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_support_unit__names_round_trip),
		cmocka_unit_test(test_support_unit__app_chain),
		cmocka_unit_test(test_support_unit__thresholds_parse),
		cmocka_unit_test(test_support_unit__levels_at_thresholds),
		cmocka_unit_test(test_support_unit__weights),
		cmocka_unit_test(test_support_unit__award_rules_parse),
		cmocka_unit_test(test_support_unit__award_candidates),
		cmocka_unit_test(test_support_unit__cert_number),
		cmocka_unit_test(test_support_unit__valid_until),
		cmocka_unit_test(test_support_unit__criteria),
		cmocka_unit_test(test_support_unit__credit_code_and_phone),
		cmocka_unit_test(test_support_unit__app_check_lists_every_problem),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
