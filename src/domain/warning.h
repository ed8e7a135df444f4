#ifndef LOUDONG_DOMAIN_WARNING_H
#define LOUDONG_DOMAIN_WARNING_H

/*
 * Warnings (预警) and disputes (争议协调) of a specialised library's support
 * units (issue 9; R40; the CAPPVD notice, seeds/004: units 共享重大漏洞/
 * 安全事件预警信息 and have 优先参与…活动 and 对漏洞信息披露和处置争议事项的
 * 优先协调权).  Pure: the words, the field checks, who a warning is for,
 * which step each state allows, and the order of the dispute queue.
 *
 * A warning is issued (staff, or a member of an active unit) and delivered
 * at once to every entitled unit, each delivery going through the Art. 9(7)
 * gate (a refused one is kept, with its rule, and sends nothing):
 *
 *	warning:   issued ──withdraw (staff, reason)──► withdrawn
 *	delivery:  delivered ──acknowledge (a member)──► acknowledged
 *	           refused (the gate said no; final)
 *
 * A dispute:
 *
 *	open ──assign (staff)──► coordinating ──resolve (staff, outcome)──► resolved
 *	  └───────────┴──withdraw (the filer)──► withdrawn
 *
 * resolved and withdrawn are final; notes go on any open dispute.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/support_unit.h"
#include "i18n/i18n.h"

/* ---- warnings ---- */

enum warning_kind {
	WK_VULNERABILITY,	/* 重大漏洞 */
	WK_INCIDENT,		/* 安全事件: never public (Art. 9(2)) */
	WK_ACTIVITY,		/* 活动通知 (优先参与…活动) */
	WK__MAX
};

enum warning_severity {
	WSEV_CRITICAL,
	WSEV_HIGH,
	WSEV_MEDIUM,
	WSEV_LOW,
	WSEV__MAX
};

enum warning_state {
	WST_ISSUED,
	WST_WITHDRAWN,
	WST__MAX
};

enum delivery_state {
	WDS_DELIVERED,		/* sent to the unit's members, clock running */
	WDS_ACKNOWLEDGED,	/* a member acknowledged it */
	WDS_REFUSED,		/* the Art. 9(7) gate refused the unit: nothing sent */
	WDS__MAX
};

const char	*warning_kind_name(enum warning_kind k);	/* "vulnerability", … */
int		 warning_kind_parse(const char *s);		/* -1 if unknown */
const char	*warning_severity_name(enum warning_severity s);	/* "critical", … */
int		 warning_severity_parse(const char *s);
const char	*warning_state_name(enum warning_state s);	/* "issued", "withdrawn" */
int		 warning_state_parse(const char *s);
const char	*delivery_state_name(enum delivery_state s);	/* "delivered", … */
int		 delivery_state_parse(const char *s);

/* The unit types a warning is for: a bit per enum unit_type. */
#define WAUD_TECHNICAL	(1u << UNIT_TECHNICAL)
#define WAUD_GOVERNANCE	(1u << UNIT_GOVERNANCE)
#define WAUD_BOTH	(WAUD_TECHNICAL | WAUD_GOVERNANCE)
/* "technical", "governance", "both", or "" (explicit units only) for 0. */
const char	*warning_audience_name(unsigned types);
/* The bits of a word; -1 if unknown ("" is 0). */
int		 warning_audience_parse(const char *s);

/* Bounds of the fields, in bytes. */
#define WARNING_TITLE_MAX	200
#define WARNING_SUMMARY_MAX	1000	/* the public summary */
#define WARNING_BODY_MAX	50000	/* Markdown, sealed */
#define WARNING_RELATED_MAX	500	/* CVE / CNVD / library ids */
#define WARNING_AFFECTED_MAX	2000	/* affected apps and products */
#define WARNING_UNITS_MAX	64	/* explicitly named units */
#define WARNING_REASON_MAX	2000	/* a withdrawal's reason */
#define WARNING_MAX_PROBLEMS	16

/* A warning as typed (unvalidated; NULL or "" where absent). */
struct warning_in {
	const char	*kind;
	const char	*severity;
	const char	*title;		/* one line, in the clear */
	const char	*summary;	/* one paragraph for the public view; required with public_at */
	const char	*body;		/* Markdown: the details, sealed at rest */
	const char	*related;	/* one line */
	const char	*affected;	/* lines */
	const char	*audience;	/* technical, governance, both; "" with units only */
	int		 min_level;	/* 1..4; 0: not given (1) */
	const int64_t	*units;		/* unit ids named explicitly */
	size_t		 nunits;
	/* RFC 3339, or "YYYY-MM-DDTHH:MM" China time (a form); "": never public */
	const char	*public_at;
};

/* What the checks made of it. */
struct warning_checked {
	enum warning_kind	 kind;
	enum warning_severity	 severity;
	unsigned		 audience;	/* WAUD_* bits */
	int			 min_level;	/* 1..4 */
	int64_t			 public_at;	/* 0: never public */
};

struct wd_problem {
	const char	*field;
	enum msg_id	 msg;
	const char	*rule;		/* the rule it rests on, or NULL */
};

/*
 * Check every field; the problems (at most max) into p, the count
 * returned (it may exceed max).  0: out is filled.  An incident with a
 * public_at: field public_at, rule "Art. 9(2)".
 */
int	warning_check(const struct warning_in *in, struct warning_checked *out,
	    struct wd_problem *p, int max);

/* Who a warning is for. */
struct warning_audience {
	unsigned	 types;		/* WAUD_* */
	int		 min_level;	/* 1..4 */
	const int64_t	*units;		/* named explicitly */
	size_t		 nunits;
	int64_t		 issuer_org;	/* the issuing unit's organisation; 0: staff */
};
/* One unit as the audience looks at it. */
struct warning_unit {
	int64_t			 id;
	int64_t			 org_id;
	enum unit_type		 type;
	int			 level;
	enum unit_status	 status;
};
/*
 * Entitled (need-to-know): an active unit, not of the issuer's
 * organisation, whose type is in the audience at the minimum level or
 * above, or that is named explicitly.
 */
bool	warning_entitled(const struct warning_audience *a, const struct warning_unit *u);

/* May a delivery's members read the warning (delivered or acknowledged)? */
bool	warning_delivery_reads(enum delivery_state s);
/* May a member acknowledge: MSG_OK, or why not. */
enum msg_id	warning_can_ack(enum warning_state w, enum delivery_state d);
/* May staff withdraw it: MSG_OK, or why not. */
enum msg_id	warning_can_withdraw(enum warning_state w);
/* Is it on the public list at now: issued, not an incident, public_at set and past. */
bool	warning_public(enum warning_kind k, enum warning_state s, int64_t public_at,
	    int64_t now);
/* The reason of a withdrawal: MSG_OK or the problem. */
enum msg_id	warning_reason_check(const char *reason);

/* ---- disputes ---- */

enum dispute_category {
	DCAT_DISCLOSURE,	/* 披露 */
	DCAT_HANDLING,		/* 处置 */
	DCAT__MAX
};

enum dispute_state {
	DST_OPEN,
	DST_COORDINATING,
	DST_RESOLVED,
	DST_WITHDRAWN,
	DST__MAX
};

const char	*dispute_category_name(enum dispute_category c);
int		 dispute_category_parse(const char *s);
const char	*dispute_state_name(enum dispute_state s);
int		 dispute_state_parse(const char *s);

#define DISPUTE_SUBJECT_MAX	64	/* a case, 报送, advisory or report id */
#define DISPUTE_PARTY_MAX	200
#define DISPUTE_TITLE_MAX	200
#define DISPUTE_TEXT_MAX	20000	/* statement, desired outcome, notes, the outcome */
#define DISPUTE_MAX_PROBLEMS	8

struct dispute_in {
	const char	*category;
	const char	*subject_ref;	/* one line */
	const char	*other_party;	/* one line: the other side's organisation */
	const char	*title;		/* one line, in the clear */
	const char	*statement;	/* sealed */
	const char	*outcome_wanted;	/* sealed; optional */
};
int	dispute_check(const struct dispute_in *in, enum dispute_category *cat,
	    struct wd_problem *p, int max);
/* A note, an outcome, a reason: required text of at most DISPUTE_TEXT_MAX bytes. */
enum msg_id	dispute_text_check(const char *s);

bool		dispute_open(enum dispute_state s);
enum msg_id	dispute_can_assign(enum dispute_state s, enum dispute_state *to);
enum msg_id	dispute_can_note(enum dispute_state s);
enum msg_id	dispute_can_resolve(enum dispute_state s);
enum msg_id	dispute_can_withdraw(enum dispute_state s);

/*
 * The priority a filer's organisation earns (the right to 优先协调): 0
 * without an active unit, else its highest star level + 1 (2..5).
 */
int	dispute_priority(const int *levels, size_t n);

/* Where a dispute stands in the queue. */
struct dispute_key {
	bool		 open;		/* open or coordinating */
	int		 priority;
	int64_t		 due_at;	/* the clock's; 0: none (after every due one) */
	const char	*id;
};
/* Open first, then priority (highest first), then due (soonest first), then id. */
int	dispute_queue_cmp(const struct dispute_key *a, const struct dispute_key *b);

#endif
