#ifndef LOUDONG_DOMAIN_SUPPORT_UNIT_H
#define LOUDONG_DOMAIN_SUPPORT_UNIT_H

/*
 * Support units (支撑单位) of a specialised library (R40; the CAPPVD
 * notice, seeds/004): the two types, the application's stages, the star
 * levels computed from contributions, the awards.  Pure: every number
 * (thresholds, weights, award rules, the rating method's criteria) comes
 * from configuration, parsed here and checked at start.
 *
 * Application:  material_review (材料审核) ─pass─► expert_review (专家评审)
 *   ─pass─► site_visit (现场考察) ─pass─► certification (颁发证书: the unit
 *   and its certificate are made) ─► announcement (公告: on the public list)
 *   ─► done.   Any stage ─fail─► rejected.  The applicant ─► withdrawn
 *   (before done).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/str.h"
#include "i18n/i18n.h"

enum unit_type {
	UNIT_TECHNICAL,		/* 技术支撑单位 */
	UNIT_GOVERNANCE,	/* 漏洞治理合作单位 */
	UNIT__MAX
};
const char	*unit_type_name(enum unit_type t);	/* "technical", "governance" */
int		 unit_type_parse(struct str s);		/* -1 if unknown */
enum msg_id	 unit_type_label(enum unit_type t);	/* 技术支撑单位 / Technical support unit */

enum unit_app_state {
	UAS_MATERIAL_REVIEW,
	UAS_EXPERT_REVIEW,
	UAS_SITE_VISIT,
	UAS_CERTIFICATION,
	UAS_ANNOUNCEMENT,
	UAS_DONE,
	UAS_REJECTED,
	UAS_WITHDRAWN,
	UAS__MAX
};
const char	*unit_app_state_name(enum unit_app_state s);
int		 unit_app_state_parse(struct str s);
enum msg_id	 unit_app_state_label(enum unit_app_state s);
/* The state a passed stage leads to; -1 for done, rejected, withdrawn. */
int		 unit_app_next(enum unit_app_state s);
/* Whether staff may decide the stage s is in (pass or fail). */
bool		 unit_app_decidable(enum unit_app_state s);
/* Whether the applicant may still withdraw. */
bool		 unit_app_withdrawable(enum unit_app_state s);
/*
 * Whether the stage s may be failed (the review stages: 材料审核, 专家评审,
 * 现场考察); 颁发证书 and 公告 are steps that only pass.  The applicant
 * withdraws up to 颁发证书: once certified the unit exists, and ends by
 * revocation.
 */
bool		 unit_app_can_fail(enum unit_app_state s);

enum unit_status {
	US_ACTIVE,
	US_SUSPENDED,
	US_EXPIRED,
	US_REVOKED,
	US__MAX
};
const char	*unit_status_name(enum unit_status s);
int		 unit_status_parse(struct str s);

/* The five eligibility declarations (遴选条件 一–五), all required. */
#define UNIT_DECLARATIONS	5
enum msg_id	 unit_declaration_text(int i);	/* i in 0..4 */

/*
 * The rating method (《CAPPVD支撑单位能力评定方法》): criteria an applicant
 * proves its capability against, each with a maximum score, for one type
 * or both.  Data (data/units/criteria.conf or [units] criteria_file), one
 * criterion a line:
 *	key|type|max|zh label|en label
 * type is technical, governance or any; '#' starts a comment.
 */
#define UNIT_CRITERIA_MAX	32
struct unit_criterion {
	char	key[33];
	int	type;			/* enum unit_type, or -1 for any */
	int	max;			/* the most points it can give */
	char	zh[128];
	char	en[128];
};
struct unit_criteria {
	struct unit_criterion	c[UNIT_CRITERIA_MAX];
	size_t			n;
	char			version[65];	/* SHA-256 (hex) of the text */
};
/*
 * Parse text; 0, or -1 with a sentence naming the line in err.  Both
 * types must have criteria.  version is left empty: the caller hashes the
 * text (domain does no crypto).
 */
int	unit_criteria_parse(const char *text, size_t len, struct unit_criteria *out,
	    char *err, size_t errsz);
/* The built-in set (data/units/criteria.conf), parsed once (version empty). */
const struct unit_criteria	*unit_criteria_builtin(void);
/* The built-in set's text (embedded). */
void	unit_criteria_builtin_text(const char **text, size_t *len);
/* Whether criterion c is one type t is scored against. */
bool	unit_criterion_applies(const struct unit_criterion *c, enum unit_type t);
/* The criterion key of type t, or NULL. */
const struct unit_criterion	*unit_criterion_find(const struct unit_criteria *cs,
				    enum unit_type t, const char *key);

/* Contribution kinds of the ledger, and the grades a report carries. */
enum unit_contrib {
	UC_REPORT,		/* an accepted original report or 报送 (by grade) */
	UC_WARNING,		/* a warning shared */
	UC_VERIFICATION,	/* a verification task confirmed */
	UC_ASSISTANCE,		/* a handling-assistance task confirmed */
	UC__MAX
};
const char	*unit_contrib_name(enum unit_contrib k);
int		 unit_contrib_parse(struct str s);
/* A report grade: 0 critical, 1 high, 2 medium, 3 low; -1 otherwise ("" too). */
int		 unit_grade_parse(struct str s);

/* What an evaluation counts over its period. */
struct unit_counts {
	int64_t	critical, high, medium, low;	/* accepted reports by grade */
	int64_t	ungraded;			/* accepted reports without a grade */
	int64_t	warning, verification, assistance;
};

/* [units] weights: points per report grade and per other contribution. */
struct unit_weights {
	int	critical, high, medium, low;
	int	warning, verification, assistance;
};
/* "critical=10,high=6,..." (every key once, points 0..1000); 0 or -1 + err. */
int	unit_weights_parse(const char *text, struct unit_weights *out, char *err, size_t errsz);
/* The points one contribution is worth (grade "" or NULL: a report's lowest weight). */
int	unit_weight_of(const struct unit_weights *w, enum unit_contrib k, const char *grade);
int64_t	unit_points(const struct unit_weights *w, const struct unit_counts *c);

/* [units] star_thresholds: the points for 一星..四星, strictly ascending. */
struct unit_thresholds {
	int64_t	star[4];
};
int	unit_thresholds_parse(const char *text, struct unit_thresholds *out, char *err,
	    size_t errsz);
/*
 * The level points earn: the highest star whose threshold is met, at
 * least 1 (a certified unit is 一星); *below (if not NULL) tells whether
 * the points fall short of the 一星 threshold, for staff to decide on.
 */
int	unit_level_for(const struct unit_thresholds *t, int64_t points, bool *below);
enum msg_id	unit_level_label(int level);	/* 一星 .. 四星 */
/* The points the level after `level` needs; -1 at 四星. */
int64_t	unit_next_threshold(const struct unit_thresholds *t, int level);

/*
 * [units] award_rules: award=type:metric:selector, comma-separated, each of
 * the four awards at most once.
 *   type      technical | governance | any
 *   metric    points, or a '+'-joined sum of critical, high, medium, low,
 *             reports (all graded reports), warning, verification, assistance
 *   selector  topN (the N best, ties included) | minN (all with at least N)
 */
enum unit_award {
	UA_MOST_CONTRIBUTING,	/* 漏洞报送最具贡献单位 */
	UA_SPECIAL_CONTRIBUTION,	/* 漏洞报送特别贡献单位 */
	UA_PRACTICE_ADVANCED,	/* 漏洞管理实践先进单位 */
	UA_GOVERNANCE_MOST,	/* 漏洞治理合作最具贡献单位 */
	UA__MAX
};
const char	*unit_award_name(enum unit_award a);	/* "most_contributing", ... */
int		 unit_award_parse(struct str s);
enum msg_id	 unit_award_label(enum unit_award a);

#define UNIT_METRIC_TERMS	8
struct unit_award_rule {
	bool	set;			/* configured */
	int	type;			/* enum unit_type, or -1 for any */
	bool	points;			/* metric is the points */
	unsigned terms;			/* else: bit (1 << i) of critical, high, medium, low,
					   reports, warning, verification, assistance */
	bool	top;			/* topN, else minN */
	int64_t	n;
};
struct unit_award_rules {
	struct unit_award_rule	r[UA__MAX];
};
int	unit_award_rules_parse(const char *text, struct unit_award_rules *out, char *err,
	    size_t errsz);

/* One unit's standing for a year's awards. */
struct unit_standing {
	int64_t			unit_id;
	enum unit_type		type;
	struct unit_counts	counts;
	int64_t			points;
};
/* One candidate: which award, which unit (index into the standings), the metric, the rank. */
struct unit_candidate {
	enum unit_award	award;
	size_t		idx;
	int64_t		metric;
	int		rank;		/* 1 = best; equal metrics share a rank */
};
/*
 * The candidates of every configured award among n standings (units with a
 * zero metric are never candidates).  out holds at most n * UA__MAX;
 * returns how many.  Order: award, then rank, then unit id.
 */
size_t	unit_award_candidates(const struct unit_award_rules *rules,
	    const struct unit_standing *s, size_t n, struct unit_candidate *out);
/* The value rule r ranks standing s by. */
int64_t	unit_award_metric(const struct unit_award_rule *r, const struct unit_standing *s);

/*
 * The certificate number: <prefix><YYYY><NNNN> (seq zero-padded to 4,
 * wider if larger).  Returns false if it does not fit size.
 */
bool	unit_cert_number(char *buf, size_t size, const char *prefix, int year, int64_t seq);

/*
 * A date months after ymd (YYYY-MM-DD), minus one day: a certificate
 * issued on 2026-03-01 for 12 months is valid until 2027-02-28.  The day
 * is clamped to the target month's length: when that month has no such
 * day the period ends on its last day (2024-02-29 + 12 months:
 * 2025-02-28; 2026-01-31 + 1 month: 2026-02-28).  false on a bad date.
 */
bool	unit_valid_until(const char *ymd, int months, char out[11]);

/*
 * An application as sent (api/ and web/ checked the shapes only): what
 * unit_app_check judges, listing every problem at once (like filing_check).
 */
#define UNIT_NAME_MAX		200	/* characters: unit name */
#define UNIT_ADDRESS_MAX	500
#define UNIT_CONTACT_MAX	100	/* the contact's name */
#define UNIT_TEAM_MAX		4000	/* team description, certificates */
#define UNIT_EVIDENCE_MAX	4000	/* one criterion's evidence text */
#define UNIT_TEAM_SIZE_MAX	100000
#define UNIT_MAX_PROBLEMS	64
struct unit_evidence_in {
	const char	*criterion;	/* a key of the rating method */
	const char	*text;		/* how the applicant meets it */
	int64_t		 score;		/* self-assessed, 0..the criterion's max */
	bool		 has_score;
};
struct unit_app_in {
	const char		*type;		/* technical, governance */
	const char		*unit_name;
	const char		*credit_code;	/* 统一社会信用代码 (GB 32100) */
	const char		*address;
	const char		*contact_name;
	const char		*contact_phone;
	const char		*contact_email;
	int64_t			 team_size;	/* people; 0: not given */
	const char		*team_certificates;	/* qualifications held (optional) */
	const char		*team_description;
	const struct unit_evidence_in *evidence;
	size_t			 nevidence;
	bool			 declarations[UNIT_DECLARATIONS];
};
/* One problem: the field ("evidence.team.score", "declarations.3") and why. */
struct unit_problem {
	const char	*field;		/* static or in the caller's strings */
	enum msg_id	 msg;
};
/*
 * Judge in against the rating method cs: every problem into p (at most
 * max; returns how many there are).  With none, *type and *self_score (the
 * sum of the evidence's scores) are set.  A criterion of the type with no
 * evidence is a problem; so is evidence for a criterion the type does not
 * have.  Field names of evidence point into fields (a caller's buffer of
 * max * 48 bytes).
 */
size_t	unit_app_check(const struct unit_app_in *in, const struct unit_criteria *cs,
	    struct unit_problem *p, size_t max, char *fields, enum unit_type *type,
	    int *self_score);
/* A 统一社会信用代码: 18 characters of GB 32100's alphabet, check digit right. */
bool	unit_credit_code_ok(const char *s);
/* A phone number: 5-32 of digits, spaces, '-', '(', ')' and a leading '+'. */
bool	unit_phone_ok(const char *s);

#endif
