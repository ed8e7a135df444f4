/*
 * domain/warning (预警 and 争议协调, issue 9; R40): the words, the checks of a
 * warning and a dispute, who a warning is for (type, minimum level, status,
 * units named, the issuer's own organisation left out), which step each
 * state allows, the priority a unit earns and the order of the queue.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "domain/warning.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static void
test_warning__words_round_trip(void **state)
{
	int	i;

	(void)state;
	for (i = 0; i < WK__MAX; i++)
		assert_int_equal(warning_kind_parse(warning_kind_name((enum warning_kind)i)), i);
	for (i = 0; i < WSEV__MAX; i++)
		assert_int_equal(warning_severity_parse(warning_severity_name(
		    (enum warning_severity)i)), i);
	for (i = 0; i < WST__MAX; i++)
		assert_int_equal(warning_state_parse(warning_state_name((enum warning_state)i)),
		    i);
	for (i = 0; i < WDS__MAX; i++)
		assert_int_equal(delivery_state_parse(delivery_state_name(
		    (enum delivery_state)i)), i);
	for (i = 0; i < DCAT__MAX; i++)
		assert_int_equal(dispute_category_parse(dispute_category_name(
		    (enum dispute_category)i)), i);
	for (i = 0; i < DST__MAX; i++)
		assert_int_equal(dispute_state_parse(dispute_state_name((enum dispute_state)i)),
		    i);
	assert_int_equal(warning_kind_parse("Incident"), -1);
	assert_int_equal(warning_kind_parse(""), -1);
	assert_int_equal(warning_kind_parse(NULL), -1);
	assert_int_equal(warning_audience_parse("technical"), (int)WAUD_TECHNICAL);
	assert_int_equal(warning_audience_parse("governance"), (int)WAUD_GOVERNANCE);
	assert_int_equal(warning_audience_parse("both"), (int)WAUD_BOTH);
	assert_int_equal(warning_audience_parse(""), 0);
	assert_int_equal(warning_audience_parse("all"), -1);
	assert_string_equal(warning_audience_name(WAUD_BOTH), "both");
	assert_string_equal(warning_audience_name(0), "");
}

/* A warning with every field valid. */
static struct warning_in
good(void)
{
	return (struct warning_in){
		.kind = "vulnerability",
		.severity = "high",
		.title = "某支付 SDK 远程代码执行",
		.summary = "A widely used payment SDK has a flaw; update to 3.2.1.",
		.body = "## 细节\n\n`pay_init()` 未校验签名。",
		.related = "CVE-2026-12345, CAPPVD-2026-000123",
		.affected = "PaySDK < 3.2.1\nAndroid, iOS",
		.audience = "technical",
		.min_level = 2,
		.public_at = "2026-05-01T09:00:00+08:00",
	};
}

/* The first problem's field and message, or fail if there is none. */
static void
one_problem(const struct warning_in *in, const char *field, enum msg_id m, const char *rule)
{
	struct warning_checked	chk;
	struct wd_problem	p[WARNING_MAX_PROBLEMS];
	int			n = warning_check(in, &chk, p, WARNING_MAX_PROBLEMS);

	if (n != 1)
		fail_msg("want one problem (%s), got %d (first: %s)", field, n,
		    n > 0 ? p[0].field : "none");
	assert_string_equal(p[0].field, field);
	assert_int_equal(p[0].msg, m);
	if (rule == NULL)
		assert_null(p[0].rule);
	else
		assert_string_equal(p[0].rule, rule);
}

static void
test_warning__check(void **state)
{
	struct warning_in	in = good();
	struct warning_checked	chk;
	struct wd_problem	p[WARNING_MAX_PROBLEMS];
	int64_t			units[] = { 3, 5 }, dup[] = { 3, 3 };
	char			big[WARNING_TITLE_MAX + 2];

	(void)state;
	assert_int_equal(warning_check(&in, &chk, p, WARNING_MAX_PROBLEMS), 0);
	assert_int_equal(chk.kind, WK_VULNERABILITY);
	assert_int_equal(chk.severity, WSEV_HIGH);
	assert_int_equal(chk.audience, WAUD_TECHNICAL);
	assert_int_equal(chk.min_level, 2);
	assert_int_equal(chk.public_at, 1777597200);	/* 2026-05-01 01:00 UTC */
	/* A form's datetime-local value is China time. */
	in.public_at = "2026-05-01T09:00";
	assert_int_equal(warning_check(&in, &chk, p, WARNING_MAX_PROBLEMS), 0);
	assert_int_equal(chk.public_at, 1777597200);
	/* No public date: never public, and no summary needed. */
	in.public_at = "";
	in.summary = NULL;
	assert_int_equal(warning_check(&in, &chk, p, WARNING_MAX_PROBLEMS), 0);
	assert_int_equal(chk.public_at, 0);
	/* The level defaults to 一星. */
	in.min_level = 0;
	assert_int_equal(warning_check(&in, &chk, p, WARNING_MAX_PROBLEMS), 0);
	assert_int_equal(chk.min_level, 1);

	in = good();
	in.kind = "rumour";
	one_problem(&in, "kind", MSG_ERR_WARNING_KIND, NULL);
	in = good();
	in.severity = NULL;
	one_problem(&in, "severity", MSG_ERR_FIELD_MISSING, NULL);
	in = good();
	memset(big, 't', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	in.title = big;
	one_problem(&in, "title", MSG_ERR_FIELD_TOO_LONG, NULL);
	in = good();
	in.title = "two\nlines";
	one_problem(&in, "title", MSG_ERR_NOTICE_ONE_LINE, NULL);
	in = good();
	in.body = "   \n";
	one_problem(&in, "body", MSG_ERR_FIELD_MISSING, NULL);
	in = good();
	in.audience = "everyone";
	one_problem(&in, "audience", MSG_ERR_WARNING_AUDIENCE, NULL);
	in = good();
	in.audience = "";
	one_problem(&in, "audience", MSG_ERR_WARNING_NO_AUDIENCE, NULL);
	/* Named units alone are an audience. */
	in.units = units;
	in.nunits = NELEM(units);
	assert_int_equal(warning_check(&in, &chk, p, WARNING_MAX_PROBLEMS), 0);
	assert_int_equal(chk.audience, 0u);
	in.units = dup;
	one_problem(&in, "units", MSG_ERR_WARNING_UNITS, NULL);
	in = good();
	in.min_level = 5;
	one_problem(&in, "min_level", MSG_ERR_WARNING_LEVEL, NULL);
	in.min_level = -1;
	one_problem(&in, "min_level", MSG_ERR_WARNING_LEVEL, NULL);
	in = good();
	in.public_at = "next tuesday";
	one_problem(&in, "public_at", MSG_ERR_WARNING_PUBLIC_AT, NULL);
	/* An incident is never public (Art. 9(2)). */
	in = good();
	in.kind = "incident";
	one_problem(&in, "public_at", MSG_ERR_WARNING_INCIDENT_PUBLIC, "Art. 9(2)");
	in.public_at = NULL;
	assert_int_equal(warning_check(&in, &chk, p, WARNING_MAX_PROBLEMS), 0);
	assert_int_equal(chk.kind, WK_INCIDENT);
	/* The public reads the summary, never the body: required with a public date. */
	in = good();
	in.summary = "";
	one_problem(&in, "summary", MSG_ERR_WARNING_SUMMARY_NEEDED, NULL);
	/* Every problem at once. */
	memset(&in, 0, sizeof(in));
	assert_int_equal(warning_check(&in, &chk, p, WARNING_MAX_PROBLEMS), 5);
	assert_string_equal(p[0].field, "kind");
	assert_string_equal(p[1].field, "severity");
	assert_string_equal(p[2].field, "title");
	assert_string_equal(p[3].field, "body");
	assert_string_equal(p[4].field, "audience");
}

static void
test_warning__entitlement(void **state)
{
	int64_t			named[] = { 40 };
	struct warning_audience	a = { WAUD_TECHNICAL, 2, NULL, 0, 0 };
	/* id, org, type, level, status */
	const struct {
		struct warning_unit	u;
		bool			want;
		const char		*why;
	} t[] = {
		{ { 10, 1, UNIT_TECHNICAL, 2, US_ACTIVE }, true, "technical at the minimum" },
		{ { 11, 2, UNIT_TECHNICAL, 4, US_ACTIVE }, true, "technical above it" },
		{ { 12, 3, UNIT_TECHNICAL, 1, US_ACTIVE }, false, "technical below it" },
		{ { 13, 4, UNIT_GOVERNANCE, 4, US_ACTIVE }, false, "the other type" },
		{ { 14, 5, UNIT_TECHNICAL, 3, US_SUSPENDED }, false, "suspended" },
		{ { 15, 6, UNIT_TECHNICAL, 3, US_EXPIRED }, false, "expired" },
		{ { 16, 7, UNIT_TECHNICAL, 3, US_REVOKED }, false, "revoked" },
		{ { 40, 8, UNIT_GOVERNANCE, 1, US_ACTIVE }, true, "named, whatever type and level" },
		{ { 41, 9, UNIT_GOVERNANCE, 1, US_ACTIVE }, false, "not named" },
	};
	struct warning_unit	named_off = { 40, 8, UNIT_GOVERNANCE, 1, US_SUSPENDED };
	struct warning_unit	own = { 17, 99, UNIT_TECHNICAL, 4, US_ACTIVE };
	size_t			i;

	(void)state;
	a.units = named;
	a.nunits = NELEM(named);
	for (i = 0; i < NELEM(t); i++)
		if (warning_entitled(&a, &t[i].u) != t[i].want)
			fail_msg("unit %lld (%s): want %s", (long long)t[i].u.id, t[i].why,
			    t[i].want ? "entitled" : "not");
	/* Named but not active: nothing. */
	assert_false(warning_entitled(&a, &named_off));
	/* Both types. */
	a.types = WAUD_BOTH;
	assert_true(warning_entitled(&a, &t[3].u));
	/* Named only: the types no longer reach anyone. */
	a.types = 0;
	assert_false(warning_entitled(&a, &t[1].u));
	assert_true(warning_entitled(&a, &t[7].u));
	/* The issuing unit's organisation is never delivered to, named or not. */
	a.types = WAUD_BOTH;
	a.issuer_org = 99;
	assert_false(warning_entitled(&a, &own));
	own.org_id = 98;
	assert_true(warning_entitled(&a, &own));
	a.issuer_org = 8;
	assert_false(warning_entitled(&a, &t[7].u));
}

static void
test_warning__steps(void **state)
{
	(void)state;
	assert_int_equal(warning_can_ack(WST_ISSUED, WDS_DELIVERED), MSG_OK);
	assert_int_equal(warning_can_ack(WST_ISSUED, WDS_ACKNOWLEDGED), MSG_ERR_WARNING_ACKED);
	assert_int_equal(warning_can_ack(WST_ISSUED, WDS_REFUSED), MSG_ERR_NO_SUCH_WARNING);
	assert_int_equal(warning_can_ack(WST_WITHDRAWN, WDS_DELIVERED),
	    MSG_ERR_WARNING_WITHDRAWN);
	assert_int_equal(warning_can_withdraw(WST_ISSUED), MSG_OK);
	assert_int_equal(warning_can_withdraw(WST_WITHDRAWN), MSG_ERR_WARNING_WITHDRAWN);
	assert_true(warning_delivery_reads(WDS_DELIVERED));
	assert_true(warning_delivery_reads(WDS_ACKNOWLEDGED));
	assert_false(warning_delivery_reads(WDS_REFUSED));
	/* Public: issued, not an incident, the date reached. */
	assert_true(warning_public(WK_VULNERABILITY, WST_ISSUED, 100, 100));
	assert_false(warning_public(WK_VULNERABILITY, WST_ISSUED, 101, 100));
	assert_false(warning_public(WK_VULNERABILITY, WST_ISSUED, 0, 100));
	assert_false(warning_public(WK_VULNERABILITY, WST_WITHDRAWN, 50, 100));
	assert_false(warning_public(WK_INCIDENT, WST_ISSUED, 50, 100));
	assert_true(warning_public(WK_ACTIVITY, WST_ISSUED, 50, 100));
	assert_int_equal(warning_reason_check("duplicate of YJ-2026-000001"), MSG_OK);
	assert_int_equal(warning_reason_check(""), MSG_ERR_FIELD_MISSING);

	/* Disputes: open -> coordinating -> resolved; withdrawn from either open state. */
	{
		enum dispute_state	to = DST__MAX;

		assert_int_equal(dispute_can_assign(DST_OPEN, &to), MSG_OK);
		assert_int_equal(to, DST_COORDINATING);
		assert_int_equal(dispute_can_assign(DST_COORDINATING, &to), MSG_OK);
		assert_int_equal(dispute_can_assign(DST_RESOLVED, &to), MSG_ERR_DISPUTE_CLOSED);
		assert_int_equal(dispute_can_assign(DST_WITHDRAWN, NULL), MSG_ERR_DISPUTE_CLOSED);
	}
	assert_int_equal(dispute_can_resolve(DST_OPEN), MSG_ERR_DISPUTE_UNASSIGNED);
	assert_int_equal(dispute_can_resolve(DST_COORDINATING), MSG_OK);
	assert_int_equal(dispute_can_resolve(DST_RESOLVED), MSG_ERR_DISPUTE_CLOSED);
	assert_int_equal(dispute_can_withdraw(DST_OPEN), MSG_OK);
	assert_int_equal(dispute_can_withdraw(DST_COORDINATING), MSG_OK);
	assert_int_equal(dispute_can_withdraw(DST_RESOLVED), MSG_ERR_DISPUTE_CLOSED);
	assert_int_equal(dispute_can_withdraw(DST_WITHDRAWN), MSG_ERR_DISPUTE_CLOSED);
	assert_int_equal(dispute_can_note(DST_COORDINATING), MSG_OK);
	assert_int_equal(dispute_can_note(DST_WITHDRAWN), MSG_ERR_DISPUTE_CLOSED);
	assert_true(dispute_open(DST_OPEN));
	assert_false(dispute_open(DST_RESOLVED));
}

static void
test_warning__dispute_check(void **state)
{
	struct dispute_in	in = {
		.category = "disclosure",
		.subject_ref = "CAPPVD-2026-000042",
		.other_party = "某应用开发商",
		.title = "厂商反对按期公开",
		.statement = "The vendor asks us to wait another 90 days.",
	};
	struct wd_problem	p[DISPUTE_MAX_PROBLEMS];
	enum dispute_category	cat;
	char			ref[DISPUTE_SUBJECT_MAX + 2];

	(void)state;
	assert_int_equal(dispute_check(&in, &cat, p, DISPUTE_MAX_PROBLEMS), 0);
	assert_int_equal(cat, DCAT_DISCLOSURE);
	in.category = "handling";
	assert_int_equal(dispute_check(&in, &cat, p, DISPUTE_MAX_PROBLEMS), 0);
	assert_int_equal(cat, DCAT_HANDLING);
	memset(ref, 'r', sizeof(ref) - 1);
	ref[sizeof(ref) - 1] = '\0';
	in.subject_ref = ref;
	in.category = "gossip";
	assert_int_equal(dispute_check(&in, &cat, p, DISPUTE_MAX_PROBLEMS), 2);
	assert_string_equal(p[0].field, "category");
	assert_int_equal(p[0].msg, MSG_ERR_DISPUTE_CATEGORY);
	assert_string_equal(p[1].field, "subject_ref");
	assert_int_equal(p[1].msg, MSG_ERR_FIELD_TOO_LONG);
	memset(&in, 0, sizeof(in));
	assert_int_equal(dispute_check(&in, &cat, p, DISPUTE_MAX_PROBLEMS), 5);
	assert_int_equal(dispute_text_check("ok"), MSG_OK);
	assert_int_equal(dispute_text_check(" "), MSG_ERR_FIELD_MISSING);
}

static int
cmp(const void *a, const void *b)
{
	return dispute_queue_cmp(a, b);
}

static void
test_warning__priority_and_queue(void **state)
{
	const int		none[] = { 0 }, one[] = { 1 }, mixed[] = { 2, 4 }, bad[] = { 7 };
	/* open, priority, due, id */
	struct dispute_key	k[] = {
		{ false, 5, 100, "ZY-2026-000001" },	/* resolved: after every open one */
		{ true, 0, 50, "ZY-2026-000002" },	/* ordinary, due first */
		{ true, 4, 900, "ZY-2026-000009" },	/* 三星 unit, filed later */
		{ true, 4, 300, "ZY-2026-000010" },	/* 三星, due sooner */
		{ true, 5, 0, "ZY-2026-000011" },	/* 四星, no clock */
		{ true, 0, 50, "ZY-2026-000003" },	/* same as 2 but a later id */
		{ true, 0, 0, "ZY-2026-000004" },	/* ordinary without a clock: last open */
	};
	const char		*want[] = { "ZY-2026-000011", "ZY-2026-000010", "ZY-2026-000009",
				    "ZY-2026-000002", "ZY-2026-000003", "ZY-2026-000004",
				    "ZY-2026-000001" };
	size_t			i;

	(void)state;
	assert_int_equal(dispute_priority(none, 0), 0);
	assert_int_equal(dispute_priority(none, 1), 0);
	assert_int_equal(dispute_priority(one, 1), 2);
	assert_int_equal(dispute_priority(mixed, 2), 5);
	assert_int_equal(dispute_priority(bad, 1), 0);
	qsort(k, NELEM(k), sizeof(k[0]), cmp);
	for (i = 0; i < NELEM(k); i++)
		assert_string_equal(k[i].id, want[i]);
	/* Antisymmetric, and equal only to itself. */
	for (i = 0; i + 1 < NELEM(k); i++) {
		assert_true(dispute_queue_cmp(&k[i], &k[i + 1]) < 0);
		assert_true(dispute_queue_cmp(&k[i + 1], &k[i]) > 0);
		assert_int_equal(dispute_queue_cmp(&k[i], &k[i]), 0);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_warning__words_round_trip),
		cmocka_unit_test(test_warning__check),
		cmocka_unit_test(test_warning__entitlement),
		cmocka_unit_test(test_warning__steps),
		cmocka_unit_test(test_warning__dispute_check),
		cmocka_unit_test(test_warning__priority_and_queue),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
