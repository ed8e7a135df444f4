/*
 * domain/case: the case workflow (R34, R9), names, and case ids.  The
 * expected transitions are written out here a second time, as a list of
 * edges, and every from x to pair of both kinds is checked against them.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "domain/case.h"
#include "domain/user.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

enum need { FREE, REASON };

struct edge {
	enum case_kind	 k;
	enum case_state	 from, to;
	enum need	 need;
};

/* The workflow as DESIGN.md §3 and case.h describe it. */
static const struct edge edges[] = {
	{ CKIND_GENERIC, CSTATE_VERIFIED, CSTATE_GRADED, FREE },
	{ CKIND_GENERIC, CSTATE_GRADED, CSTATE_VENDOR_NOTIFIED, FREE },
	{ CKIND_GENERIC, CSTATE_VENDOR_NOTIFIED, CSTATE_IN_REMEDIATION, FREE },
	{ CKIND_GENERIC, CSTATE_IN_REMEDIATION, CSTATE_FIX_AVAILABLE, FREE },
	{ CKIND_GENERIC, CSTATE_FIX_AVAILABLE, CSTATE_PUBLISHED, FREE },
	{ CKIND_GENERIC, CSTATE_PUBLISHED, CSTATE_TRACKING, FREE },
	{ CKIND_GENERIC, CSTATE_TRACKING, CSTATE_CLOSED, FREE },
	{ CKIND_GENERIC, CSTATE_TRACKING, CSTATE_REOPENED, REASON },
	{ CKIND_GENERIC, CSTATE_CLOSED, CSTATE_REOPENED, REASON },
	{ CKIND_GENERIC, CSTATE_REOPENED, CSTATE_IN_REMEDIATION, FREE },
	{ CKIND_GENERIC, CSTATE_VERIFIED, CSTATE_CLOSED, REASON },
	{ CKIND_GENERIC, CSTATE_GRADED, CSTATE_CLOSED, REASON },
	{ CKIND_GENERIC, CSTATE_VENDOR_NOTIFIED, CSTATE_CLOSED, REASON },
	{ CKIND_GENERIC, CSTATE_IN_REMEDIATION, CSTATE_CLOSED, REASON },
	{ CKIND_GENERIC, CSTATE_FIX_AVAILABLE, CSTATE_CLOSED, REASON },
	{ CKIND_INCIDENT, CSTATE_VERIFIED, CSTATE_OPERATOR_NOTIFIED, FREE },
	{ CKIND_INCIDENT, CSTATE_OPERATOR_NOTIFIED, CSTATE_FIXED, FREE },
	{ CKIND_INCIDENT, CSTATE_FIXED, CSTATE_CLOSED, FREE },
	{ CKIND_INCIDENT, CSTATE_VERIFIED, CSTATE_CLOSED, REASON },
	{ CKIND_INCIDENT, CSTATE_OPERATOR_NOTIFIED, CSTATE_CLOSED, REASON },
};

static const enum case_state generic_only[] = {
	CSTATE_GRADED, CSTATE_VENDOR_NOTIFIED, CSTATE_IN_REMEDIATION,
	CSTATE_FIX_AVAILABLE, CSTATE_PUBLISHED, CSTATE_TRACKING, CSTATE_REOPENED,
};
static const enum case_state incident_only[] = {
	CSTATE_OPERATOR_NOTIFIED, CSTATE_FIXED,
};

static bool
in(const enum case_state *set, size_t n, enum case_state s)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (set[i] == s)
			return true;
	return false;
}

static bool
belongs(enum case_kind k, enum case_state s)
{
	if (k == CKIND_GENERIC)
		return !in(incident_only, NELEM(incident_only), s);
	return !in(generic_only, NELEM(generic_only), s);
}

static const struct edge *
find_edge(enum case_kind k, enum case_state from, enum case_state to)
{
	size_t	i;

	for (i = 0; i < NELEM(edges); i++)
		if (edges[i].k == k && edges[i].from == from && edges[i].to == to)
			return &edges[i];
	return NULL;
}

struct want {
	enum msg_id	 msg;
	const char	*rule;	/* NULL when allowed */
};

/*
 * The expected answer with a good reason given (or none, when reasonless):
 * the current state's kind first, then the target's, then sameness, then
 * the edge list, then the reason, then the disclosure gate.
 */
static struct want
expect(enum case_kind k, enum case_state from, enum case_state to, bool reason)
{
	const struct edge	*e;
	const char		*kr = k == CKIND_INCIDENT ? "R9" : "R34";

	if (!belongs(k, from))
		return (struct want){ MSG_ERR_CASE_NOT_OF_KIND, kr };
	if (!belongs(k, to))
		return (struct want){ k == CKIND_INCIDENT && to == CSTATE_PUBLISHED ?
		    MSG_ERR_CASE_INCIDENT_PUBLISH : MSG_ERR_CASE_NOT_OF_KIND, kr };
	if (from == to)
		return (struct want){ MSG_ERR_CASE_SAME, "R34" };
	if ((e = find_edge(k, from, to)) == NULL)
		return (struct want){ MSG_ERR_CASE_MOVE, "R34" };
	if (e->need == REASON && !reason)
		return (struct want){ MSG_ERR_CASE_REASON, "R34.reason" };
	if (to == CSTATE_PUBLISHED)
		return (struct want){ MSG_ERR_CASE_PUBLISH_GATE, "policy.disclosure_gate" };
	return (struct want){ MSG_OK, NULL };
}

static void
check_pair(enum case_kind k, enum case_state from, enum case_state to,
    const char *reason, bool good)
{
	struct want	 w = expect(k, from, to, good);
	const char	*rule = "unset";
	enum msg_id	 m;

	m = case_transition_check(k, from, to, reason, &rule);
	if (m != w.msg || (w.rule == NULL) != (rule == NULL) ||
	    (w.rule != NULL && strcmp(w.rule, rule) != 0))
		fail_msg("%s %s -> %s (reason %s): got msg %d rule %s, want msg %d rule %s",
		    case_kind_name(k), case_state_name(from), case_state_name(to),
		    reason ? "given" : "NULL", (int)m, rule ? rule : "(null)",
		    (int)w.msg, w.rule ? w.rule : "(null)");
}

static void
test_case__transition_matrix(void **state)
{
	static const char *const bad[] = { NULL, "", "  \n", " \t\r\n " };
	int	k, from, to;
	size_t	i;
	(void)state;

	for (k = 0; k < CKIND__MAX; k++)
		for (from = 0; from < CSTATE__MAX; from++)
			for (to = 0; to < CSTATE__MAX; to++) {
				check_pair(k, from, to, "x", true);
				check_pair(k, from, to, "  why \n", true);
				for (i = 0; i < NELEM(bad); i++)
					check_pair(k, from, to, bad[i], false);
			}
}

static void
test_case__transition_edge_count(void **state)
{
	int	k, from, to, ok[CKIND__MAX] = { 0 }, gated = 0;
	(void)state;

	/* The matrix test agrees with itself; this pins the numbers down. */
	for (k = 0; k < CKIND__MAX; k++)
		for (from = 0; from < CSTATE__MAX; from++)
			for (to = 0; to < CSTATE__MAX; to++) {
				enum msg_id m = case_transition_check(k, from, to,
				    "x", NULL);

				if (m == MSG_OK)
					ok[k]++;
				if (m == MSG_ERR_CASE_PUBLISH_GATE)
					gated++;
			}
	assert_int_equal(ok[CKIND_GENERIC], 14);	/* 15 edges, one gated */
	assert_int_equal(ok[CKIND_INCIDENT], 5);
	assert_int_equal(gated, 1);
}

static void
test_case__reason_required(void **state)
{
	static const struct {
		enum case_kind	k;
		enum case_state	from, to;
	} need[] = {
		{ CKIND_GENERIC, CSTATE_VERIFIED, CSTATE_CLOSED },
		{ CKIND_GENERIC, CSTATE_GRADED, CSTATE_CLOSED },
		{ CKIND_GENERIC, CSTATE_VENDOR_NOTIFIED, CSTATE_CLOSED },
		{ CKIND_GENERIC, CSTATE_IN_REMEDIATION, CSTATE_CLOSED },
		{ CKIND_GENERIC, CSTATE_FIX_AVAILABLE, CSTATE_CLOSED },
		{ CKIND_GENERIC, CSTATE_TRACKING, CSTATE_REOPENED },
		{ CKIND_GENERIC, CSTATE_CLOSED, CSTATE_REOPENED },
		{ CKIND_INCIDENT, CSTATE_VERIFIED, CSTATE_CLOSED },
		{ CKIND_INCIDENT, CSTATE_OPERATOR_NOTIFIED, CSTATE_CLOSED },
	};
	const char	*rule;
	size_t		 i;
	(void)state;

	for (i = 0; i < NELEM(need); i++) {
		rule = NULL;
		assert_int_equal(case_transition_check(need[i].k, need[i].from,
		    need[i].to, NULL, &rule), MSG_ERR_CASE_REASON);
		assert_string_equal(rule, "R34.reason");
		assert_int_equal(case_transition_check(need[i].k, need[i].from,
		    need[i].to, "", &rule), MSG_ERR_CASE_REASON);
		assert_int_equal(case_transition_check(need[i].k, need[i].from,
		    need[i].to, "  \n", &rule), MSG_ERR_CASE_REASON);
		assert_int_equal(case_transition_check(need[i].k, need[i].from,
		    need[i].to, "x", &rule), MSG_OK);
		assert_null(rule);
	}
	/* The ordinary close needs none. */
	assert_int_equal(case_transition_check(CKIND_GENERIC, CSTATE_TRACKING,
	    CSTATE_CLOSED, NULL, &rule), MSG_OK);
	assert_int_equal(case_transition_check(CKIND_INCIDENT, CSTATE_FIXED,
	    CSTATE_CLOSED, NULL, &rule), MSG_OK);
}

static void
test_case__publish_refused(void **state)
{
	const char	*rule = NULL;
	(void)state;

	/* Generic: the workflow's move, refused by the gate, reason or not. */
	assert_int_equal(case_transition_check(CKIND_GENERIC, CSTATE_FIX_AVAILABLE,
	    CSTATE_PUBLISHED, NULL, &rule), MSG_ERR_CASE_PUBLISH_GATE);
	assert_string_equal(rule, "policy.disclosure_gate");
	assert_int_equal(case_transition_check(CKIND_GENERIC, CSTATE_FIX_AVAILABLE,
	    CSTATE_PUBLISHED, "please", &rule), MSG_ERR_CASE_PUBLISH_GATE);
	assert_string_equal(rule, "policy.disclosure_gate");
	/* Not the workflow's move: the workflow says so first. */
	assert_int_equal(case_transition_check(CKIND_GENERIC, CSTATE_VERIFIED,
	    CSTATE_PUBLISHED, "x", &rule), MSG_ERR_CASE_MOVE);
	assert_string_equal(rule, "R34");
	/* Incident: never, from any of its states. */
	assert_int_equal(case_transition_check(CKIND_INCIDENT, CSTATE_FIXED,
	    CSTATE_PUBLISHED, "x", &rule), MSG_ERR_CASE_INCIDENT_PUBLISH);
	assert_string_equal(rule, "R9");
	assert_int_equal(case_transition_check(CKIND_INCIDENT, CSTATE_VERIFIED,
	    CSTATE_PUBLISHED, NULL, &rule), MSG_ERR_CASE_INCIDENT_PUBLISH);
	assert_string_equal(rule, "R9");
}

static void
test_case__specific_refusals(void **state)
{
	const char	*rule = NULL;
	(void)state;

	assert_int_equal(case_transition_check(CKIND_INCIDENT, CSTATE_VERIFIED,
	    CSTATE_GRADED, "x", &rule), MSG_ERR_CASE_NOT_OF_KIND);
	assert_string_equal(rule, "R9");
	assert_int_equal(case_transition_check(CKIND_INCIDENT, CSTATE_CLOSED,
	    CSTATE_REOPENED, "x", &rule), MSG_ERR_CASE_NOT_OF_KIND);
	assert_string_equal(rule, "R9");
	assert_int_equal(case_transition_check(CKIND_GENERIC, CSTATE_VERIFIED,
	    CSTATE_OPERATOR_NOTIFIED, "x", &rule), MSG_ERR_CASE_NOT_OF_KIND);
	assert_string_equal(rule, "R34");
	assert_int_equal(case_transition_check(CKIND_GENERIC, CSTATE_FIXED,
	    CSTATE_CLOSED, "x", &rule), MSG_ERR_CASE_NOT_OF_KIND);
	assert_string_equal(rule, "R34");
	assert_int_equal(case_transition_check(CKIND_GENERIC, CSTATE_GRADED,
	    CSTATE_GRADED, "x", &rule), MSG_ERR_CASE_SAME);
	assert_string_equal(rule, "R34");
	assert_int_equal(case_transition_check(CKIND_GENERIC, CSTATE_VERIFIED,
	    CSTATE_VENDOR_NOTIFIED, "x", &rule), MSG_ERR_CASE_MOVE);
	assert_string_equal(rule, "R34");
	assert_int_equal(case_transition_check(CKIND_GENERIC, CSTATE_REOPENED,
	    CSTATE_CLOSED, "x", &rule), MSG_ERR_CASE_MOVE);
	assert_int_equal(case_transition_check(CKIND_GENERIC, CSTATE_PUBLISHED,
	    CSTATE_CLOSED, "x", &rule), MSG_ERR_CASE_MOVE);
	assert_int_equal(case_transition_check(CKIND_INCIDENT, CSTATE_CLOSED,
	    CSTATE_VERIFIED, "x", &rule), MSG_ERR_CASE_MOVE);
	/* Out-of-range enums; a NULL rule pointer is allowed. */
	assert_int_equal(case_transition_check(CKIND__MAX, CSTATE_VERIFIED,
	    CSTATE_GRADED, "x", &rule), MSG_ERR_CASE_NOT_OF_KIND);
	assert_int_equal(case_transition_check((enum case_kind)-1, CSTATE_VERIFIED,
	    CSTATE_GRADED, "x", NULL), MSG_ERR_CASE_NOT_OF_KIND);
	assert_int_equal(case_transition_check(CKIND_GENERIC, CSTATE__MAX,
	    CSTATE_GRADED, "x", &rule), MSG_ERR_CASE_NOT_OF_KIND);
	assert_int_equal(case_transition_check(CKIND_INCIDENT, CSTATE_VERIFIED,
	    CSTATE__MAX, "x", &rule), MSG_ERR_CASE_NOT_OF_KIND);
	assert_int_equal(case_transition_check(CKIND_GENERIC,
	    (enum case_state)-1, CSTATE_GRADED, "x", &rule), MSG_ERR_CASE_NOT_OF_KIND);
}

static void
test_case__next_states(void **state)
{
	enum case_state	out[CSTATE__MAX];
	int		k, from, to;
	size_t		n, i, want;
	(void)state;

	for (k = 0; k < CKIND__MAX; k++)
		for (from = 0; from < CSTATE__MAX; from++) {
			memset(out, 0xff, sizeof(out));
			n = case_next_states(k, from, out);
			want = 0;
			for (to = 0; to < CSTATE__MAX; to++)
				if (belongs(k, from) && find_edge(k, from, to) != NULL)
					want++;
			if (n != want)
				fail_msg("%s %s: %zu next states, want %zu",
				    case_kind_name(k), case_state_name(from), n, want);
			for (i = 0; i < n; i++) {
				assert_non_null(find_edge(k, from, out[i]));
				if (i > 0)
					assert_true(out[i - 1] < out[i]);
			}
		}
	/* A few spelled out, in enum order. */
	n = case_next_states(CKIND_GENERIC, CSTATE_FIX_AVAILABLE, out);
	assert_int_equal(n, 2);
	assert_int_equal(out[0], CSTATE_PUBLISHED);
	assert_int_equal(out[1], CSTATE_CLOSED);
	n = case_next_states(CKIND_GENERIC, CSTATE_TRACKING, out);
	assert_int_equal(n, 2);
	assert_int_equal(out[0], CSTATE_CLOSED);
	assert_int_equal(out[1], CSTATE_REOPENED);
	n = case_next_states(CKIND_GENERIC, CSTATE_CLOSED, out);
	assert_int_equal(n, 1);
	assert_int_equal(out[0], CSTATE_REOPENED);
	n = case_next_states(CKIND_INCIDENT, CSTATE_CLOSED, out);
	assert_int_equal(n, 0);
	n = case_next_states(CKIND_INCIDENT, CSTATE_VERIFIED, out);
	assert_int_equal(n, 2);
	assert_int_equal(out[0], CSTATE_CLOSED);
	assert_int_equal(out[1], CSTATE_OPERATOR_NOTIFIED);
	assert_int_equal(case_next_states(CKIND_INCIDENT, CSTATE_GRADED, out), 0);
	assert_int_equal(case_next_states(CKIND__MAX, CSTATE_VERIFIED, out), 0);
	assert_int_equal(case_next_states(CKIND_GENERIC, CSTATE__MAX, out), 0);
}

static void
test_case__state_of_kind(void **state)
{
	int	k, s;
	(void)state;

	for (k = 0; k < CKIND__MAX; k++)
		for (s = 0; s < CSTATE__MAX; s++)
			assert_int_equal(case_state_of_kind(k, s), belongs(k, s));
	assert_false(case_state_of_kind(CKIND__MAX, CSTATE_VERIFIED));
	assert_false(case_state_of_kind(CKIND_GENERIC, CSTATE__MAX));
}

/* ---- names ---- */

static void
round_trip(const char *const *names, size_t n, const char *(*name)(int),
    int (*parse)(const char *))
{
	size_t	i;

	for (i = 0; i < n; i++) {
		assert_string_equal(name((int)i), names[i]);
		assert_int_equal(parse(names[i]), (int)i);
	}
	assert_string_equal(name((int)n), "?");
	assert_string_equal(name(-1), "?");
	assert_int_equal(parse(NULL), -1);
	assert_int_equal(parse(""), -1);
	assert_int_equal(parse("nope"), -1);
}

static const char *
kind_name(int i)
{
	return case_kind_name(i);
}

static const char *
state_name(int i)
{
	return case_state_name(i);
}

static const char *
decision_name(int i)
{
	return triage_decision_name(i);
}

static const char *
reject_name(int i)
{
	return reject_reason_name(i);
}

static void
test_case__names(void **state)
{
	static const char *const kinds[] = { "generic", "incident" };
	static const char *const states[] = {
		"verified", "graded", "vendor_notified", "in_remediation",
		"fix_available", "published", "tracking", "closed", "reopened",
		"operator_notified", "fixed",
	};
	static const char *const decisions[] = {
		"accept", "reject", "duplicate", "needs_info",
	};
	static const char *const rejects[] = {
		"out_of_scope", "not_reproducible", "not_vulnerability",
		"insufficient_info", "spam", "already_public",
	};
	(void)state;

	assert_int_equal(NELEM(kinds), CKIND__MAX);
	assert_int_equal(NELEM(states), CSTATE__MAX);
	assert_int_equal(NELEM(decisions), TRIAGE__MAX);
	assert_int_equal(NELEM(rejects), REJECT__MAX);
	round_trip(kinds, NELEM(kinds), kind_name, case_kind_parse);
	round_trip(states, NELEM(states), state_name, case_state_parse);
	round_trip(decisions, NELEM(decisions), decision_name, triage_decision_parse);
	round_trip(rejects, NELEM(rejects), reject_name, reject_reason_parse);
}

static void
test_case__parse_exact(void **state)
{
	(void)state;

	assert_int_equal(case_kind_parse("Generic"), -1);
	assert_int_equal(case_kind_parse("generic "), -1);
	assert_int_equal(case_kind_parse(" incident"), -1);
	assert_int_equal(case_state_parse("VERIFIED"), -1);
	assert_int_equal(case_state_parse("vendor-notified"), -1);
	assert_int_equal(case_state_parse("fix"), -1);
	assert_int_equal(case_state_parse("fixedx"), -1);
	assert_int_equal(case_state_parse("vendor_unresponsive"), -1);	/* a flag */
	assert_int_equal(triage_decision_parse("Accept"), -1);
	assert_int_equal(triage_decision_parse("needs-info"), -1);
	assert_int_equal(reject_reason_parse("SPAM"), -1);
	assert_int_equal(reject_reason_parse("spam\n"), -1);
}

/* ---- ids ---- */

static void
test_case__id_format(void **state)
{
	char	buf[64];
	(void)state;

	case_id_format(buf, sizeof(buf), "LD", 2026, 1);
	assert_string_equal(buf, "LD-C-2026-000001");
	assert_true(case_id_valid(buf));
	case_id_format(buf, sizeof(buf), "CNVD2", 2031, 1234567);
	assert_string_equal(buf, "CNVD2-C-2031-1234567");
	assert_true(case_id_valid(buf));
	case_id_format(buf, sizeof(buf), "LD", 2026, 999999);
	assert_string_equal(buf, "LD-C-2026-999999");
	/* Truncated, still terminated. */
	case_id_format(buf, 6, "LD", 2026, 1);
	assert_string_equal(buf, "LD-C-");
	case_id_format(NULL, 0, "LD", 2026, 1);
}

static void
test_case__id_valid(void **state)
{
	static const struct {
		const char	*text;
		bool		 ok;
	} t[] = {
		{ "LD-C-2026-000001", true },
		{ "A-C-2026-000000", true },
		{ "ABCDEFGHIJKLMNOP-C-2026-000001", true },	/* 16 */
		{ "C-C-1999-123456789", true },
		{ "LD2-C-2026-1234567890123456789", true },	/* 19 digits */
		{ "LD-C-2026-00001", false },			/* 5 digits */
		{ "ld-C-2026-000001", false },			/* lower case prefix */
		{ "Ld-C-2026-000001", false },
		{ "LD-C-2026-000001x", false },			/* trailing junk */
		{ "LD-C-2026-000001 ", false },
		{ "LD-C-2026-000001-", false },
		{ " LD-C-2026-000001", false },
		{ "LD-c-2026-000001", false },
		{ "LD-2026-000001", false },			/* a report id */
		{ "LD-C-226-000001", false },
		{ "LD-C-20261-000001", false },
		{ "LD-C-2O26-000001", false },
		{ "LD-C-2026000001", false },
		{ "LD-C--000001", false },
		{ "-C-2026-000001", false },
		{ "ABCDEFGHIJKLMNOPQ-C-2026-000001", false },	/* 17 */
		{ "L_D-C-2026-000001", false },
		{ "LD-C-2026-", false },
		{ "LD-C-2026-12345678901234567890", false },	/* 20 digits */
		{ "LD-C-2026--00001", false },
		{ "LD-C-2026-+00001", false },
		{ "", false },
		{ NULL, false },
	};
	size_t	i;
	(void)state;

	for (i = 0; i < NELEM(t); i++)
		if (case_id_valid(t[i].text) != t[i].ok)
			fail_msg("case_id_valid(\"%s\") is not %s",
			    t[i].text ? t[i].text : "(null)", t[i].ok ? "true" : "false");
}

/* Party types (R35) and roles: every name parses back; others do not. */
static void
test_case__parties_and_roles(void **state)
{
	int	i;

	(void)state;
	for (i = 0; i < PARTY__MAX; i++)
		assert_int_equal(party_type_parse(party_type_name((enum party_type)i)), i);
	for (i = 0; i < VROLE__MAX; i++)
		assert_int_equal(vendor_role_parse(vendor_role_name((enum vendor_role)i)), i);
	for (i = 0; i < PROLE__MAX; i++)
		assert_int_equal(participant_role_parse(
		    participant_role_name((enum participant_role)i)), i);
	assert_string_equal(party_type_name(PARTY_EMERGENCY_ORG), "emergency_org");
	assert_string_equal(vendor_role_name(VROLE_UPSTREAM), "upstream");
	assert_int_equal(party_type_parse("Provider"), -1);
	assert_int_equal(party_type_parse(""), -1);
	assert_int_equal(party_type_parse(NULL), -1);
	assert_int_equal(vendor_role_parse("supplier"), -1);
	assert_int_equal(participant_role_parse("reporters"), -1);
	/* The party type an organisation takes part as, by its kind. */
	assert_int_equal(party_type_of_org_kind(ORG_PROVIDER), PARTY_PROVIDER);
	assert_int_equal(party_type_of_org_kind(ORG_OPERATOR), PARTY_OPERATOR);
	assert_int_equal(party_type_of_org_kind(ORG_PLATFORM), PARTY_REPOSITORY_ORG);
	assert_int_equal(party_type_of_org_kind(ORG_AUTHORITY), PARTY_REPOSITORY_ORG);
	assert_int_equal(party_type_of_org_kind(ORG_SUPPORT_UNIT), PARTY_EMERGENCY_ORG);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_case__transition_matrix),
		cmocka_unit_test(test_case__transition_edge_count),
		cmocka_unit_test(test_case__reason_required),
		cmocka_unit_test(test_case__publish_refused),
		cmocka_unit_test(test_case__specific_refusals),
		cmocka_unit_test(test_case__next_states),
		cmocka_unit_test(test_case__state_of_kind),
		cmocka_unit_test(test_case__names),
		cmocka_unit_test(test_case__parse_exact),
		cmocka_unit_test(test_case__id_format),
		cmocka_unit_test(test_case__id_valid),
		cmocka_unit_test(test_case__parties_and_roles),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
