#ifndef LOUDONG_DOMAIN_POLICY_H
#define LOUDONG_DOMAIN_POLICY_H

/*
 * The disclosure gate (Art. 9 of 《网络产品安全漏洞管理规定》; R10-R15,
 * R43-R44).  One function decides whether something may leave the
 * platform: every publication (now or scheduled), public feed and page,
 * export, read of undisclosed content, mail with case content, invitation
 * of a participant and federation push asks policy_check() first and does
 * what it answers.  Pure: the caller (svc/policy.c) gathers the facts into
 * the subject and the recipient, and logs every decision.
 *
 * Rules, by action (P = the publication actions publish and release, F =
 * feed and public export, S = every other share of undisclosed content):
 *   9(1) P   no fix available and not all three Art. 9(1) records (joint
 *            assessment with the provider, report to 工信部 and 公安部, their
 *            outcome allowing it): denied.
 *   9(2) P F an incident case (an operator's live system): never its details.
 *   9(4) P F an exploit tool or weaponised PoC in the output: denied.
 *   9(5) P   no remediation and no mitigation text: denied.
 *   9(6) P   inside an active major-event window whose scope covers the
 *            subject, without an MPS consent covering the window: denied,
 *            with the window's end as the time to retry.
 *   9(7) S   undisclosed content to a recipient outside the domestic
 *            jurisdictions (or of unknown jurisdiction: deny by default),
 *            unless the recipient is the affected product's own provider.
 * F and S on content that is already public are allowed (after 9(2) and
 * 9(4) for F); F on content that is not published is denied (only the
 * publish step makes something public).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/case.h"
#include "i18n/i18n.h"

enum policy_action {
	PACT_PUBLISH,		/* publish an advisory now */
	PACT_RELEASE,		/* a scheduled publication comes due */
	PACT_SCHEDULE,		/* plan a publication for later (9(6) only holds it) */
	PACT_FEED,		/* a public page, feed or API lists or shows it */
	PACT_EXPORT,		/* a file or format leaves (CLI export, download) */
	PACT_READ,		/* a person reads undisclosed content (API, web) */
	PACT_MAIL,		/* an e-mail carries case content */
	PACT_INVITE,		/* a person or organisation is brought into a case */
	PACT_FEDERATE,		/* a federation push (报送, forward to a library) */
	PACT__MAX
};

const char	*policy_action_name(enum policy_action a);	/* "publish", … */
int		 policy_action_parse(const char *text);		/* -1 if unknown */

/* A major-event window (重大活动期间, R43). */
struct policy_window {
	int64_t		 id;
	const char	*name;
	int64_t		 starts_at;	/* unix seconds, inclusive */
	int64_t		 ends_at;	/* exclusive */
	const char	*scope;		/* "" : everything; else comma-separated keys */
};

/* An MPS consent (公安部同意, Art. 9(6)) recorded on the case. */
struct policy_consent {
	const char	*reference;
	const char	*scope;		/* "" : any window; else the window's name */
};

/* What would leave, and the facts the rules look at. */
struct policy_subject {
	const char	*id;		/* for the log: "case:<id>", "advisory:<id>" */
	enum case_kind	 kind;		/* 9(2) */
	bool		 disclosed;	/* its content is already public */
	bool		 fix_available;	/* 9(1): a fix exists (the case or a vendor says so) */
	bool		 joint_assessment;	/* 9(1) records present … */
	bool		 authority_report;
	bool		 authority_outcome;	/* … and the outcome allows it */
	bool		 has_remediation;	/* 9(5): solution or mitigation text */
	bool		 exploit_attached;	/* 9(4): the output carries one */
	const char	*const *providers;	/* 9(7): org slugs owning the affected products */
	size_t		 nproviders;
	const char	*const *scope_keys;	/* 9(6): vendor slugs, product names, the grade */
	size_t		 nscope_keys;
	const struct policy_consent *consents;	/* 9(6) */
	size_t		 nconsents;
	const struct policy_window *windows;	/* 9(6): the windows not withdrawn */
	size_t		 nwindows;
};

enum policy_recipient_kind {
	PREC_PUBLIC,		/* everyone: a publication */
	PREC_PERSON,		/* a user account */
	PREC_ORG,		/* an organisation (a vendor brought in) */
	PREC_ADDRESS,		/* an e-mail address outside the accounts */
	PREC_LIBRARY,		/* a national library (federation) */
	PREC_LOCAL,		/* the operator of this installation (the CLI) */
	PREC__MAX
};

struct policy_recipient {
	enum policy_recipient_kind kind;
	const char	*name;		/* for the log: "user:<login>", "org:<slug>", … */
	const char	*country;	/* ISO 3166-1 alpha-2; "" or NULL: unknown */
	const char	*org_slug;	/* the recipient's organisation; NULL: none */
	const char	*domestic;	/* comma-separated domestic codes ([policy] domestic_countries) */
};

struct policy_decision {
	bool		 allow;
	const char	*rule;		/* "Art. 9(1)" … ; NULL when allowed */
	enum msg_id	 msg;		/* the plain sentence (zh-CN and en); MSG_OK when allowed */
	const struct policy_window *window;	/* 9(6): the window that holds it */
	int64_t		 retry_at;	/* 9(6): when it may be tried again (the window's end) */
};

struct policy_decision policy_check(enum policy_action action,
		    const struct policy_subject *subject,
		    const struct policy_recipient *recipient, int64_t now);

/* Whether a window holds at `now` and its scope covers the subject. */
bool		 policy_window_covers(const struct policy_window *w,
		    const struct policy_subject *s, int64_t now);

/* Whether country is in the comma-separated list (ASCII case-insensitive). */
bool		 policy_country_in(const char *country, const char *list);

#endif
