/*
 * domain/policy: the disclosure gate (Art. 9).  Every rule is checked both
 * ways, allowed and denied, with the exact rule string and message the
 * caller shows; then the helpers (action names, country lists, windows).
 * policy_check() is pure, so each test builds its facts by hand.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "domain/policy.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

#define NOW		INT64_C(1767225600)	/* 2026-01-01T00:00:00Z */
#define HOUR		INT64_C(3600)

/* The providers of the affected products, for 9(7). */
static const char *const providers[] = { "acme" };

/* A subject every publication rule allows: generic, fixed, with remediation. */
static struct policy_subject
publishable(void)
{
	struct policy_subject s = {
		.id = "advisory:LDSA-2026-000001",		/* for the log only */
		.kind = CKIND_GENERIC,
		.disclosed = false,
		.fix_available = true,
		.has_remediation = true,
		.providers = providers,
		.nproviders = NELEM(providers),
	};

	return s;
}

static struct policy_recipient
rcpt(enum policy_recipient_kind kind, const char *country, const char *org,
    const char *domestic)
{
	struct policy_recipient r = { kind, "test", country, org, domestic };

	return r;
}

static struct policy_recipient
public_rcpt(void)
{
	return rcpt(PREC_PUBLIC, "", NULL, "CN");
}

/*
 * Compare a decision with what is wanted; rule NULL means allowed (then the
 * message is MSG_OK).  what names the case in the failure message.
 */
static void
expect_at(const char *file, int line, struct policy_decision d, const char *rule,
    enum msg_id m, const char *what)
{
	bool want_allow = rule == NULL;

	if (d.allow != want_allow || d.msg != m ||
	    (rule == NULL ? d.rule != NULL : d.rule == NULL || strcmp(d.rule, rule) != 0))
		fail_msg("%s:%d: %s: got allow=%d rule=%s msg=%s, want allow=%d rule=%s msg=%s",
		    file, line, what, d.allow, d.rule != NULL ? d.rule : "(null)",
		    msg_name(d.msg), want_allow, rule != NULL ? rule : "(null)", msg_name(m));
	if (want_allow && (d.window != NULL || d.retry_at != 0))
		fail_msg("%s:%d: %s: allowed with a window or a retry time", file, line, what);
}

#define ALLOWED(d, what)		expect_at(__FILE__, __LINE__, (d), NULL, MSG_OK, (what))
#define DENIED(d, rule, m, what)	expect_at(__FILE__, __LINE__, (d), (rule), (m), (what))

static struct policy_decision
check(enum policy_action a, const struct policy_subject *s, const struct policy_recipient *r)
{
	return policy_check(a, s, r, NOW);
}

/* The publication actions (P) and those that only plan one. */
static const enum policy_action pub_actions[] = { PACT_PUBLISH, PACT_RELEASE };

/* Every share of undisclosed content (S), export to a non-public recipient included. */
static const enum policy_action share_actions[] = { PACT_READ, PACT_MAIL, PACT_INVITE,
    PACT_FEDERATE, PACT_EXPORT };

/* ---- the baseline ---- */

static void
test_policy__publishable_subject_is_allowed(void **state)
{
	struct policy_subject	s = publishable();
	struct policy_recipient	pub = public_rcpt();

	(void)state;
	ALLOWED(check(PACT_PUBLISH, &s, &pub), "publish");
	ALLOWED(check(PACT_RELEASE, &s, &pub), "release");
	ALLOWED(check(PACT_SCHEDULE, &s, &pub), "schedule");
	s.disclosed = true;
	ALLOWED(check(PACT_FEED, &s, &pub), "feed of disclosed");
	ALLOWED(check(PACT_EXPORT, &s, &pub), "public export of disclosed");
}

/* ---- 9(1): no fix ---- */

static void
test_policy__9_1_no_fix_denies_publication(void **state)
{
	struct policy_subject	s = publishable();
	struct policy_recipient	pub = public_rcpt();

	(void)state;
	s.fix_available = false;
	for (size_t i = 0; i < NELEM(pub_actions); i++)
		DENIED(check(pub_actions[i], &s, &pub), "Art. 9(1)", MSG_POLICY_9_1,
		    policy_action_name(pub_actions[i]));
}

static void
test_policy__9_1_fix_allows_publication(void **state)
{
	struct policy_subject	s = publishable();
	struct policy_recipient	pub = public_rcpt();

	(void)state;
	s.fix_available = true;
	for (size_t i = 0; i < NELEM(pub_actions); i++)
		ALLOWED(check(pub_actions[i], &s, &pub), policy_action_name(pub_actions[i]));
}

static void
test_policy__9_1_all_three_records_allow_without_fix(void **state)
{
	struct policy_subject	s = publishable();
	struct policy_recipient	pub = public_rcpt();

	(void)state;
	s.fix_available = false;
	s.joint_assessment = true;
	s.authority_report = true;
	s.authority_outcome = true;
	for (size_t i = 0; i < NELEM(pub_actions); i++)
		ALLOWED(check(pub_actions[i], &s, &pub), policy_action_name(pub_actions[i]));
}

static void
test_policy__9_1_two_of_three_records_deny(void **state)
{
	static const struct {
		bool		 joint, report, outcome;
		const char	*what;
	} cases[] = {
		{ false, true, true, "no joint assessment" },
		{ true, false, true, "no report to the authorities" },
		{ true, true, false, "no outcome allowing it" },
		{ true, false, false, "only the joint assessment" },
		{ false, false, true, "only the outcome" },
	};
	struct policy_recipient	pub = public_rcpt();

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		struct policy_subject s = publishable();

		s.fix_available = false;
		s.joint_assessment = cases[i].joint;
		s.authority_report = cases[i].report;
		s.authority_outcome = cases[i].outcome;
		DENIED(check(PACT_PUBLISH, &s, &pub), "Art. 9(1)", MSG_POLICY_9_1,
		    cases[i].what);
		DENIED(check(PACT_RELEASE, &s, &pub), "Art. 9(1)", MSG_POLICY_9_1,
		    cases[i].what);
	}
}

/* Planning is allowed before a fix: 9(1) is checked again when it comes due. */
static void
test_policy__9_1_schedule_without_fix_is_allowed(void **state)
{
	struct policy_subject	s = publishable();
	struct policy_recipient	pub = public_rcpt();

	(void)state;
	s.fix_available = false;
	ALLOWED(check(PACT_SCHEDULE, &s, &pub), "schedule");
	DENIED(check(PACT_RELEASE, &s, &pub), "Art. 9(1)", MSG_POLICY_9_1, "release");
}

/* ---- 9(2): incident cases ---- */

static void
test_policy__9_2_incident_denied_for_publication_and_feed(void **state)
{
	static const enum policy_action acts[] = { PACT_PUBLISH, PACT_RELEASE,
	    PACT_SCHEDULE, PACT_FEED };
	struct policy_subject	s = publishable();
	struct policy_recipient	pub = public_rcpt();

	(void)state;
	s.kind = CKIND_INCIDENT;
	for (size_t i = 0; i < NELEM(acts); i++)
		DENIED(check(acts[i], &s, &pub), "Art. 9(2)", MSG_POLICY_9_2,
		    policy_action_name(acts[i]));
	/* Even when something of it were public, and even to the public by export. */
	s.disclosed = true;
	DENIED(check(PACT_FEED, &s, &pub), "Art. 9(2)", MSG_POLICY_9_2, "feed of disclosed");
	DENIED(check(PACT_EXPORT, &s, &pub), "Art. 9(2)", MSG_POLICY_9_2, "public export");
}

static void
test_policy__9_2_generic_allowed_for_publication_and_feed(void **state)
{
	static const enum policy_action acts[] = { PACT_PUBLISH, PACT_RELEASE,
	    PACT_SCHEDULE };
	struct policy_subject	s = publishable();
	struct policy_recipient	pub = public_rcpt();

	(void)state;
	s.kind = CKIND_GENERIC;
	for (size_t i = 0; i < NELEM(acts); i++)
		ALLOWED(check(acts[i], &s, &pub), policy_action_name(acts[i]));
	s.disclosed = true;
	ALLOWED(check(PACT_FEED, &s, &pub), "feed");
}

/* 9(2) forbids publishing; a domestic colleague may still read the case. */
static void
test_policy__9_2_incident_shared_domestically(void **state)
{
	struct policy_subject	s = publishable();
	struct policy_recipient	r = rcpt(PREC_PERSON, "CN", NULL, "CN");

	(void)state;
	s.kind = CKIND_INCIDENT;
	ALLOWED(check(PACT_READ, &s, &r), "read");
	ALLOWED(check(PACT_INVITE, &s, &r), "invite");
}

/* ---- 9(4): exploit tools ---- */

static void
test_policy__9_4_exploit_denied_for_publish_and_feed(void **state)
{
	static const enum policy_action acts[] = { PACT_PUBLISH, PACT_RELEASE,
	    PACT_SCHEDULE, PACT_FEED };
	struct policy_subject	s = publishable();
	struct policy_recipient	pub = public_rcpt();

	(void)state;
	s.exploit_attached = true;
	s.disclosed = true;	/* feed: what is public still never carries one */
	for (size_t i = 0; i < NELEM(acts); i++)
		DENIED(check(acts[i], &s, &pub), "Art. 9(4)", MSG_POLICY_9_4,
		    policy_action_name(acts[i]));
	DENIED(check(PACT_EXPORT, &s, &pub), "Art. 9(4)", MSG_POLICY_9_4, "public export");
}

static void
test_policy__9_4_no_exploit_allowed(void **state)
{
	struct policy_subject	s = publishable();
	struct policy_recipient	pub = public_rcpt();

	(void)state;
	s.exploit_attached = false;
	ALLOWED(check(PACT_PUBLISH, &s, &pub), "publish");
	s.disclosed = true;
	ALLOWED(check(PACT_FEED, &s, &pub), "feed");
}

/* ---- 9(5): remediation ---- */

static void
test_policy__9_5_no_remediation_denied(void **state)
{
	static const enum policy_action acts[] = { PACT_PUBLISH, PACT_RELEASE,
	    PACT_SCHEDULE };
	struct policy_subject	s = publishable();
	struct policy_recipient	pub = public_rcpt();

	(void)state;
	s.has_remediation = false;
	for (size_t i = 0; i < NELEM(acts); i++)
		DENIED(check(acts[i], &s, &pub), "Art. 9(5)", MSG_POLICY_9_5,
		    policy_action_name(acts[i]));
}

static void
test_policy__9_5_remediation_allows(void **state)
{
	static const enum policy_action acts[] = { PACT_PUBLISH, PACT_RELEASE,
	    PACT_SCHEDULE };
	struct policy_subject	s = publishable();
	struct policy_recipient	pub = public_rcpt();

	(void)state;
	s.has_remediation = true;
	for (size_t i = 0; i < NELEM(acts); i++)
		ALLOWED(check(acts[i], &s, &pub), policy_action_name(acts[i]));
}

/* ---- 9(6): major-event windows ---- */

static struct policy_window
window(const char *name, int64_t starts_at, int64_t ends_at, const char *scope)
{
	struct policy_window w = { 7, name, starts_at, ends_at, scope };

	return w;
}

static void
test_policy__9_6_active_window_holds_publication(void **state)
{
	struct policy_window	w = window("两会", NOW - HOUR, NOW + HOUR, "");
	struct policy_subject	s = publishable();
	struct policy_recipient	pub = public_rcpt();

	(void)state;
	s.windows = &w;
	s.nwindows = 1;
	for (size_t i = 0; i < NELEM(pub_actions); i++) {
		struct policy_decision d = check(pub_actions[i], &s, &pub);

		DENIED(d, "Art. 9(6)", MSG_POLICY_9_6, policy_action_name(pub_actions[i]));
		assert_ptr_equal(d.window, &w);
		assert_int_equal(d.retry_at, w.ends_at);
	}
}

static void
test_policy__9_6_null_scope_covers_everything(void **state)
{
	struct policy_window	w = window("w", NOW - HOUR, NOW + HOUR, NULL);
	struct policy_subject	s = publishable();
	struct policy_recipient	pub = public_rcpt();

	(void)state;
	s.windows = &w;
	s.nwindows = 1;
	DENIED(check(PACT_PUBLISH, &s, &pub), "Art. 9(6)", MSG_POLICY_9_6, "NULL scope");
}

static void
test_policy__9_6_consent_lifts_the_hold(void **state)
{
	static const struct {
		const char	*scope;
		bool		 allows;
		const char	*what;
	} cases[] = {
		{ "", true, "consent for any window" },
		{ NULL, true, "consent without a scope" },
		{ "两会", true, "consent naming the window" },
		{ "进博会", false, "consent naming another window" },
	};
	struct policy_window	w = window("两会", NOW - HOUR, NOW + HOUR, "");
	struct policy_recipient	pub = public_rcpt();

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		struct policy_consent	c = { "公安部〔2026〕1号", cases[i].scope };
		struct policy_subject	s = publishable();

		s.windows = &w;
		s.nwindows = 1;
		s.consents = &c;
		s.nconsents = 1;
		for (size_t j = 0; j < NELEM(pub_actions); j++) {
			struct policy_decision d = check(pub_actions[j], &s, &pub);

			if (cases[i].allows)
				ALLOWED(d, cases[i].what);
			else {
				DENIED(d, "Art. 9(6)", MSG_POLICY_9_6, cases[i].what);
				assert_ptr_equal(d.window, &w);
				assert_int_equal(d.retry_at, NOW + HOUR);
			}
		}
	}
}

/* One of several consents is enough; a consent for one window does not lift another. */
static void
test_policy__9_6_consent_per_window(void **state)
{
	struct policy_window	ws[2] = {
		window("A", NOW - HOUR, NOW + HOUR, ""),
		window("B", NOW - 2 * HOUR, NOW + 2 * HOUR, ""),
	};
	struct policy_consent	cs[2] = { { "ref-1", "X" }, { "ref-2", "A" } };
	struct policy_subject	s = publishable();
	struct policy_recipient	pub = public_rcpt();
	struct policy_decision	d;

	(void)state;
	ws[1].id = 8;
	s.windows = ws;
	s.nwindows = 2;
	s.consents = cs;
	s.nconsents = 2;
	d = check(PACT_PUBLISH, &s, &pub);
	DENIED(d, "Art. 9(6)", MSG_POLICY_9_6, "B not consented");
	assert_ptr_equal(d.window, &ws[1]);
	assert_int_equal(d.retry_at, NOW + 2 * HOUR);
	cs[0].scope = "B";
	ALLOWED(check(PACT_PUBLISH, &s, &pub), "both consented");
}

static void
test_policy__9_6_scope_matches_subject_keys(void **state)
{
	static const struct {
		const char	*scope;
		const char	*key;
		bool		 covers;
	} cases[] = {
		{ "acme", "acme", true },
		{ "acme", "ACME", true },
		{ "ACME", "acme", true },
		{ "beta, acme", "Acme", true },
		{ " acme ,beta", "acme", true },
		{ "acme", "beta", false },
		{ "acme", "acm", false },
		{ "acme", "acme-corp", false },
		{ "acme", "", false },
	};
	struct policy_recipient	pub = public_rcpt();

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		struct policy_window	w = window("w", NOW - HOUR, NOW + HOUR, cases[i].scope);
		const char		*keys[] = { "router x1", cases[i].key };
		struct policy_subject	s = publishable();
		char			what[96];

		s.windows = &w;
		s.nwindows = 1;
		s.scope_keys = keys;
		s.nscope_keys = NELEM(keys);
		snprintf(what, sizeof what, "scope '%s' key '%s'", cases[i].scope, cases[i].key);
		assert_int_equal(policy_window_covers(&w, &s, NOW), cases[i].covers);
		if (cases[i].covers)
			DENIED(check(PACT_PUBLISH, &s, &pub), "Art. 9(6)", MSG_POLICY_9_6, what);
		else
			ALLOWED(check(PACT_PUBLISH, &s, &pub), what);
	}
}

static void
test_policy__9_6_scope_without_subject_keys(void **state)
{
	struct policy_window	w = window("w", NOW - HOUR, NOW + HOUR, "acme");
	struct policy_subject	s = publishable();
	struct policy_recipient	pub = public_rcpt();

	(void)state;
	s.windows = &w;
	s.nwindows = 1;
	ALLOWED(check(PACT_PUBLISH, &s, &pub), "no keys");
}

static void
test_policy__9_6_window_not_started_or_ended_allows(void **state)
{
	struct policy_window	ws[] = {
		window("later", NOW + 1, NOW + HOUR, ""),
		window("past", NOW - HOUR, NOW, ""),		/* ends_at is exclusive */
		window("long past", NOW - 2 * HOUR, NOW - HOUR, ""),
	};
	struct policy_subject	s = publishable();
	struct policy_recipient	pub = public_rcpt();

	(void)state;
	s.windows = ws;
	s.nwindows = NELEM(ws);
	for (size_t i = 0; i < NELEM(pub_actions); i++)
		ALLOWED(check(pub_actions[i], &s, &pub), policy_action_name(pub_actions[i]));
}

/* Scheduling during a window is allowed: the release is what the window holds. */
static void
test_policy__9_6_schedule_allowed_during_window(void **state)
{
	struct policy_window	w = window("w", NOW - HOUR, NOW + HOUR, "");
	struct policy_subject	s = publishable();
	struct policy_recipient	pub = public_rcpt();

	(void)state;
	s.windows = &w;
	s.nwindows = 1;
	ALLOWED(check(PACT_SCHEDULE, &s, &pub), "schedule");
	DENIED(check(PACT_RELEASE, &s, &pub), "Art. 9(6)", MSG_POLICY_9_6, "release");
	ALLOWED(policy_check(PACT_RELEASE, &s, &pub, NOW + HOUR), "release at the end");
}

/* ---- 9(7): undisclosed content abroad ---- */

static void
check_shares(const struct policy_subject *s, const struct policy_recipient *r,
    const char *rule, enum msg_id m, const char *what)
{
	char buf[128];

	for (size_t i = 0; i < NELEM(share_actions); i++) {
		snprintf(buf, sizeof buf, "%s: %s", policy_action_name(share_actions[i]), what);
		expect_at(__FILE__, __LINE__, check(share_actions[i], s, r), rule, m, buf);
	}
}

static void
test_policy__9_7_domestic_person_allowed(void **state)
{
	struct policy_subject	s = publishable();
	struct policy_recipient	r = rcpt(PREC_PERSON, "CN", NULL, "CN");

	(void)state;
	check_shares(&s, &r, NULL, MSG_OK, "CN person");
	r = rcpt(PREC_ADDRESS, "CN", NULL, "CN");
	check_shares(&s, &r, NULL, MSG_OK, "CN address");
	r = rcpt(PREC_LIBRARY, "CN", NULL, "CN");
	check_shares(&s, &r, NULL, MSG_OK, "national library");
}

static void
test_policy__9_7_foreign_person_denied(void **state)
{
	struct policy_subject	s = publishable();
	struct policy_recipient	r = rcpt(PREC_PERSON, "US", NULL, "CN");

	(void)state;
	check_shares(&s, &r, "Art. 9(7)", MSG_POLICY_9_7, "US person");
	r = rcpt(PREC_PERSON, "US", "other", "CN");
	check_shares(&s, &r, "Art. 9(7)", MSG_POLICY_9_7, "US person of a non-provider");
	r = rcpt(PREC_ORG, "DE", "globex", "CN");
	check_shares(&s, &r, "Art. 9(7)", MSG_POLICY_9_7, "DE org, not a provider");
}

static void
test_policy__9_7_foreign_provider_allowed(void **state)
{
	struct policy_subject	s = publishable();
	struct policy_recipient	r = rcpt(PREC_ORG, "US", "acme", "CN");

	(void)state;
	check_shares(&s, &r, NULL, MSG_OK, "US org, the provider");
	r = rcpt(PREC_PERSON, "US", "acme", "CN");
	check_shares(&s, &r, NULL, MSG_OK, "US member of the provider");
	/* The slug compares exactly: another organisation is not the provider. */
	r = rcpt(PREC_ORG, "US", "acme2", "CN");
	check_shares(&s, &r, "Art. 9(7)", MSG_POLICY_9_7, "US org acme2");
}

static void
test_policy__9_7_unknown_country_denied_unless_provider(void **state)
{
	static const char *const unknown[] = { "", NULL, "USA", "C" };
	struct policy_subject	s = publishable();

	(void)state;
	for (size_t i = 0; i < NELEM(unknown); i++) {
		struct policy_recipient	r = rcpt(PREC_PERSON, unknown[i], NULL, "CN");
		char			what[64];

		snprintf(what, sizeof what, "country '%s'", unknown[i] != NULL ? unknown[i] :
		    "(null)");
		check_shares(&s, &r, "Art. 9(7)", MSG_POLICY_9_7_UNKNOWN, what);
		r = rcpt(PREC_ORG, unknown[i], "globex", "CN");
		check_shares(&s, &r, "Art. 9(7)", MSG_POLICY_9_7_UNKNOWN, what);
		r = rcpt(PREC_ORG, unknown[i], "acme", "CN");
		check_shares(&s, &r, NULL, MSG_OK, what);
	}
}

/* No recipient at all: nobody is known to be domestic. */
static void
test_policy__9_7_no_recipient_denied(void **state)
{
	struct policy_subject s = publishable();

	(void)state;
	check_shares(&s, NULL, "Art. 9(7)", MSG_POLICY_9_7_UNKNOWN, "no recipient");
	s.disclosed = true;
	check_shares(&s, NULL, NULL, MSG_OK, "no recipient, disclosed");
}

static void
test_policy__9_7_disclosed_content_to_anyone(void **state)
{
	struct policy_subject	s = publishable();
	struct policy_recipient	rs[] = {
		rcpt(PREC_PERSON, "US", NULL, "CN"),
		rcpt(PREC_PERSON, "", NULL, "CN"),
		rcpt(PREC_ORG, NULL, NULL, "CN"),
		rcpt(PREC_ADDRESS, "HK", NULL, "CN"),
	};

	(void)state;
	s.disclosed = true;
	for (size_t i = 0; i < NELEM(rs); i++)
		check_shares(&s, &rs[i], NULL, MSG_OK, "disclosed");
}

static void
test_policy__9_7_local_operator_allowed(void **state)
{
	struct policy_subject	s = publishable();
	struct policy_recipient	r = rcpt(PREC_LOCAL, "", NULL, "CN");

	(void)state;
	check_shares(&s, &r, NULL, MSG_OK, "local");
	r.country = NULL;
	check_shares(&s, &r, NULL, MSG_OK, "local, NULL country");
}

static void
test_policy__9_7_domestic_list(void **state)
{
	struct policy_subject	s = publishable();
	struct policy_recipient	r = rcpt(PREC_PERSON, "mo", NULL, "CN, MO");

	(void)state;
	check_shares(&s, &r, NULL, MSG_OK, "mo in 'CN, MO'");
	r.country = "MO";
	check_shares(&s, &r, NULL, MSG_OK, "MO in 'CN, MO'");
	r.country = "cn";
	check_shares(&s, &r, NULL, MSG_OK, "cn in 'CN, MO'");
	r.country = "HK";
	check_shares(&s, &r, "Art. 9(7)", MSG_POLICY_9_7, "HK in 'CN, MO'");
	/* The default list is CN alone: Hong Kong and Macao are not domestic. */
	r = rcpt(PREC_PERSON, "HK", NULL, "CN");
	check_shares(&s, &r, "Art. 9(7)", MSG_POLICY_9_7, "HK, default list");
	r.country = "MO";
	check_shares(&s, &r, "Art. 9(7)", MSG_POLICY_9_7, "MO, default list");
	/* No list at all: nobody is domestic. */
	r = rcpt(PREC_PERSON, "CN", NULL, NULL);
	check_shares(&s, &r, "Art. 9(7)", MSG_POLICY_9_7, "CN, no list");
}

/*
 * A mail to an address outside the accounts: nobody verified where it is,
 * so undisclosed content is refused to it; once disclosed it may go.
 */
static void
test_policy__9_7_mail_to_an_unverified_address(void **state)
{
	struct policy_subject	s = publishable();
	struct policy_recipient	r = rcpt(PREC_ADDRESS, "", NULL, "CN");

	(void)state;
	DENIED(check(PACT_MAIL, &s, &r), "Art. 9(7)", MSG_POLICY_9_7_UNKNOWN, "address, ''");
	r.country = NULL;
	DENIED(check(PACT_MAIL, &s, &r), "Art. 9(7)", MSG_POLICY_9_7_UNKNOWN, "address, NULL");
	s.disclosed = true;
	ALLOWED(check(PACT_MAIL, &s, &r), "address, disclosed");
}

/*
 * A federation push goes by the destination's jurisdiction; a library is
 * no organisation, so the provider's exception never opens it.
 */
static void
test_policy__9_7_federate_by_the_library_jurisdiction(void **state)
{
	struct policy_subject	s = publishable();
	struct policy_recipient	r = rcpt(PREC_LIBRARY, "CN", NULL, "CN");

	(void)state;
	ALLOWED(check(PACT_FEDERATE, &s, &r), "CN library");
	r.country = "US";
	DENIED(check(PACT_FEDERATE, &s, &r), "Art. 9(7)", MSG_POLICY_9_7, "US library");
	r.country = "";
	DENIED(check(PACT_FEDERATE, &s, &r), "Art. 9(7)", MSG_POLICY_9_7_UNKNOWN,
	    "library, unknown");
	r.domestic = "";
	r.country = "CN";
	DENIED(check(PACT_FEDERATE, &s, &r), "Art. 9(7)", MSG_POLICY_9_7,
	    "CN library, nobody domestic");
	s.disclosed = true;
	r.country = "US";
	ALLOWED(check(PACT_FEDERATE, &s, &r), "US library, disclosed");
}

/* ---- feed and public export ---- */

static void
test_policy__feed_of_undisclosed_denied(void **state)
{
	struct policy_subject	s = publishable();
	struct policy_recipient	pub = public_rcpt();

	(void)state;
	s.disclosed = false;
	DENIED(check(PACT_FEED, &s, &pub), "Art. 9(1)", MSG_POLICY_NOT_PUBLISHED, "feed");
	DENIED(check(PACT_FEED, &s, NULL), "Art. 9(1)", MSG_POLICY_NOT_PUBLISHED,
	    "feed, no recipient");
	s.disclosed = true;
	ALLOWED(check(PACT_FEED, &s, &pub), "feed of disclosed");
}

static void
test_policy__public_export_behaves_like_feed(void **state)
{
	struct policy_recipient	pub = public_rcpt();
	struct policy_subject	s;

	(void)state;
	s = publishable();
	DENIED(check(PACT_EXPORT, &s, &pub), "Art. 9(1)", MSG_POLICY_NOT_PUBLISHED,
	    "undisclosed");
	s.disclosed = true;
	ALLOWED(check(PACT_EXPORT, &s, &pub), "disclosed");
	s.kind = CKIND_INCIDENT;
	DENIED(check(PACT_EXPORT, &s, &pub), "Art. 9(2)", MSG_POLICY_9_2, "incident");
	s = publishable();
	s.disclosed = true;
	s.exploit_attached = true;
	DENIED(check(PACT_EXPORT, &s, &pub), "Art. 9(4)", MSG_POLICY_9_4, "exploit");
	/* To a domestic person an export is a share, not a publication. */
	s.disclosed = false;
	s.exploit_attached = false;
	pub = rcpt(PREC_PERSON, "CN", NULL, "CN");
	ALLOWED(check(PACT_EXPORT, &s, &pub), "domestic person");
}

/* The other shares to "everyone" are not a way round the publish step. */
static void
test_policy__share_to_public_of_undisclosed_denied(void **state)
{
	static const enum policy_action acts[] = { PACT_READ, PACT_MAIL, PACT_INVITE,
	    PACT_FEDERATE };
	struct policy_subject	s = publishable();
	struct policy_recipient	pub = public_rcpt();

	(void)state;
	for (size_t i = 0; i < NELEM(acts); i++)
		DENIED(check(acts[i], &s, &pub), "Art. 9(1)", MSG_POLICY_NOT_PUBLISHED,
		    policy_action_name(acts[i]));
}

/* The order of the checks decides which rule a refusal names. */
static void
test_policy__rule_precedence(void **state)
{
	struct policy_window	w = window("w", NOW - HOUR, NOW + HOUR, "");
	struct policy_subject	s = publishable();
	struct policy_recipient	pub = public_rcpt();

	(void)state;
	s.kind = CKIND_INCIDENT;
	s.exploit_attached = true;
	s.fix_available = false;
	s.has_remediation = false;
	s.windows = &w;
	s.nwindows = 1;
	DENIED(check(PACT_PUBLISH, &s, &pub), "Art. 9(2)", MSG_POLICY_9_2, "all");
	s.kind = CKIND_GENERIC;
	DENIED(check(PACT_PUBLISH, &s, &pub), "Art. 9(4)", MSG_POLICY_9_4, "no 9(2)");
	s.exploit_attached = false;
	DENIED(check(PACT_PUBLISH, &s, &pub), "Art. 9(1)", MSG_POLICY_9_1, "no 9(4)");
	DENIED(check(PACT_SCHEDULE, &s, &pub), "Art. 9(5)", MSG_POLICY_9_5, "schedule");
	s.fix_available = true;
	DENIED(check(PACT_PUBLISH, &s, &pub), "Art. 9(5)", MSG_POLICY_9_5, "no 9(1)");
	s.has_remediation = true;
	DENIED(check(PACT_PUBLISH, &s, &pub), "Art. 9(6)", MSG_POLICY_9_6, "no 9(5)");
}

static void
test_policy__unknown_action_denied(void **state)
{
	struct policy_subject	s = publishable();
	struct policy_recipient	pub = public_rcpt();

	(void)state;
	s.disclosed = true;
	DENIED(check(PACT__MAX, &s, &pub), "policy", MSG_POLICY_UNKNOWN_ACTION, "PACT__MAX");
}

/* ---- helpers ---- */

static void
test_policy__action_names_round_trip(void **state)
{
	static const char *const names[PACT__MAX] = { "publish", "release", "schedule",
	    "feed", "export", "read", "mail", "invite", "federate" };
	static const char *const bad[] = { "", "Publish", "PUBLISH", "publish ", "publishx",
	    "pub", "?", "delete" };

	(void)state;
	for (int a = 0; a < PACT__MAX; a++) {
		assert_string_equal(policy_action_name((enum policy_action)a), names[a]);
		assert_int_equal(policy_action_parse(names[a]), a);
		assert_int_equal(policy_action_parse(
		    policy_action_name((enum policy_action)a)), a);
	}
	assert_string_equal(policy_action_name(PACT__MAX), "?");
	for (size_t i = 0; i < NELEM(bad); i++)
		assert_int_equal(policy_action_parse(bad[i]), -1);
	assert_int_equal(policy_action_parse(NULL), -1);
}

static void
test_policy__country_in(void **state)
{
	static const struct {
		const char	*country, *list;
		bool		 in;
	} cases[] = {
		{ "CN", "CN", true },
		{ "cn", "CN", true },
		{ "CN", "cn", true },
		{ "MO", "CN, MO", true },
		{ "mo", "CN, MO", true },
		{ "MO", " CN ,\tMO\t", true },
		{ "CN", ",,CN,", true },
		{ "HK", "CN", false },
		{ "HK", "CN, MO", false },
		{ "", "CN", false },
		{ NULL, "CN", false },
		{ "CN", NULL, false },
		{ "CN", "", false },
		{ "CN", ",", false },
		{ "C", "C", false },
		{ "CHN", "CHN", false },
		{ "CN ", "CN", false },
		{ "CN", "CNN", false },
		{ "CN", "XCN", false },
		{ "CN", "C N", false },
		{ "CN", "CN;MO", false },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++)
		if (policy_country_in(cases[i].country, cases[i].list) != cases[i].in)
			fail_msg("policy_country_in('%s', '%s') != %d",
			    cases[i].country != NULL ? cases[i].country : "(null)",
			    cases[i].list != NULL ? cases[i].list : "(null)", cases[i].in);
}

static void
test_policy__window_covers_bounds(void **state)
{
	struct policy_window	w = window("w", NOW, NOW + HOUR, "");
	struct policy_subject	s = publishable();

	(void)state;
	assert_false(policy_window_covers(&w, &s, NOW - 1));
	assert_true(policy_window_covers(&w, &s, NOW));			/* inclusive */
	assert_true(policy_window_covers(&w, &s, NOW + HOUR - 1));
	assert_false(policy_window_covers(&w, &s, NOW + HOUR));		/* exclusive */
	/* The same through the gate. */
	s.windows = &w;
	s.nwindows = 1;
	DENIED(policy_check(PACT_PUBLISH, &s, NULL, NOW), "Art. 9(6)", MSG_POLICY_9_6,
	    "at the start");
	ALLOWED(policy_check(PACT_PUBLISH, &s, NULL, NOW + HOUR), "at the end");
}

static void
test_policy__window_blank_scope_covers_everything(void **state)
{
	static const char *const blank[] = { "", " ", ",", " , ," };
	struct policy_subject	s = publishable();

	(void)state;
	for (size_t i = 0; i < NELEM(blank); i++) {
		struct policy_window w = window("w", NOW - HOUR, NOW + HOUR, blank[i]);

		if (!policy_window_covers(&w, &s, NOW))
			fail_msg("scope '%s' does not cover a subject without keys", blank[i]);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_policy__publishable_subject_is_allowed),
		cmocka_unit_test(test_policy__9_1_no_fix_denies_publication),
		cmocka_unit_test(test_policy__9_1_fix_allows_publication),
		cmocka_unit_test(test_policy__9_1_all_three_records_allow_without_fix),
		cmocka_unit_test(test_policy__9_1_two_of_three_records_deny),
		cmocka_unit_test(test_policy__9_1_schedule_without_fix_is_allowed),
		cmocka_unit_test(test_policy__9_2_incident_denied_for_publication_and_feed),
		cmocka_unit_test(test_policy__9_2_generic_allowed_for_publication_and_feed),
		cmocka_unit_test(test_policy__9_2_incident_shared_domestically),
		cmocka_unit_test(test_policy__9_4_exploit_denied_for_publish_and_feed),
		cmocka_unit_test(test_policy__9_4_no_exploit_allowed),
		cmocka_unit_test(test_policy__9_5_no_remediation_denied),
		cmocka_unit_test(test_policy__9_5_remediation_allows),
		cmocka_unit_test(test_policy__9_6_active_window_holds_publication),
		cmocka_unit_test(test_policy__9_6_null_scope_covers_everything),
		cmocka_unit_test(test_policy__9_6_consent_lifts_the_hold),
		cmocka_unit_test(test_policy__9_6_consent_per_window),
		cmocka_unit_test(test_policy__9_6_scope_matches_subject_keys),
		cmocka_unit_test(test_policy__9_6_scope_without_subject_keys),
		cmocka_unit_test(test_policy__9_6_window_not_started_or_ended_allows),
		cmocka_unit_test(test_policy__9_6_schedule_allowed_during_window),
		cmocka_unit_test(test_policy__9_7_domestic_person_allowed),
		cmocka_unit_test(test_policy__9_7_foreign_person_denied),
		cmocka_unit_test(test_policy__9_7_foreign_provider_allowed),
		cmocka_unit_test(test_policy__9_7_unknown_country_denied_unless_provider),
		cmocka_unit_test(test_policy__9_7_no_recipient_denied),
		cmocka_unit_test(test_policy__9_7_disclosed_content_to_anyone),
		cmocka_unit_test(test_policy__9_7_local_operator_allowed),
		cmocka_unit_test(test_policy__9_7_domestic_list),
		cmocka_unit_test(test_policy__9_7_mail_to_an_unverified_address),
		cmocka_unit_test(test_policy__9_7_federate_by_the_library_jurisdiction),
		cmocka_unit_test(test_policy__feed_of_undisclosed_denied),
		cmocka_unit_test(test_policy__public_export_behaves_like_feed),
		cmocka_unit_test(test_policy__share_to_public_of_undisclosed_denied),
		cmocka_unit_test(test_policy__rule_precedence),
		cmocka_unit_test(test_policy__unknown_action_denied),
		cmocka_unit_test(test_policy__action_names_round_trip),
		cmocka_unit_test(test_policy__country_in),
		cmocka_unit_test(test_policy__window_covers_bounds),
		cmocka_unit_test(test_policy__window_blank_scope_covers_everything),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
