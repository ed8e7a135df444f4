#ifndef LOUDONG_DOMAIN_CASE_H
#define LOUDONG_DOMAIN_CASE_H

/*
 * Cases (处置, R34): what triage makes of one or more reports, and the one
 * state machine every role follows (../shared/DESIGN.md §3).
 *
 *   generic (通用型):  verified -> graded -> vendor_notified -> in_remediation
 *                      -> fix_available -> published -> tracking -> closed,
 *                      with reopened from tracking or closed (back to
 *                      in_remediation), and closed early (withdrawn) from
 *                      any state before publication, with a reason.
 *   incident (事件型, an operator's live system, Art. 8, R9):
 *                      verified -> operator_notified -> fixed -> closed,
 *                      closed early from verified or operator_notified with a
 *                      reason; never published.
 *
 * Publication is decided by the disclosure gate (domain/policy): a bare
 * move to published is refused; publishing the case's advisory makes it.
 * vendor_unresponsive is a flag on the case, not a state.  Pure: no I/O.
 */
#include <stdbool.h>
#include <stddef.h>

#include "i18n/i18n.h"

enum case_kind {
	CKIND_GENERIC,
	CKIND_INCIDENT,
	CKIND__MAX
};

enum case_state {
	CSTATE_VERIFIED,
	CSTATE_GRADED,
	CSTATE_VENDOR_NOTIFIED,
	CSTATE_IN_REMEDIATION,
	CSTATE_FIX_AVAILABLE,
	CSTATE_PUBLISHED,
	CSTATE_TRACKING,
	CSTATE_CLOSED,
	CSTATE_REOPENED,
	CSTATE_OPERATOR_NOTIFIED,	/* incident only */
	CSTATE_FIXED,			/* incident only */
	CSTATE__MAX
};

/* What triage decides about a report (POST /api/v1/reports/{id}/triage). */
enum triage_decision {
	TRIAGE_ACCEPT,		/* joins a new or an existing case */
	TRIAGE_REJECT,		/* with a structured reason */
	TRIAGE_DUPLICATE,	/* linked to the original report */
	TRIAGE_NEEDS_INFO,	/* a question to the reporter; waits for the answer */
	TRIAGE__MAX
};

/* Why a report is rejected. */
enum reject_reason {
	REJECT_OUT_OF_SCOPE,		/* not a network product this platform handles */
	REJECT_NOT_REPRODUCIBLE,
	REJECT_NOT_VULNERABILITY,	/* works as intended, no security impact */
	REJECT_INSUFFICIENT_INFO,	/* asked, no usable answer */
	REJECT_SPAM,
	REJECT_ALREADY_PUBLIC,		/* already fixed and disclosed upstream */
	REJECT__MAX
};

/* The names used in the API and the database ("verified", "incident", …). */
const char	*case_kind_name(enum case_kind k);
const char	*case_state_name(enum case_state s);
const char	*triage_decision_name(enum triage_decision d);
const char	*reject_reason_name(enum reject_reason r);
/* -1 when text is not one of the names. */
int		 case_kind_parse(const char *text);
int		 case_state_parse(const char *text);
int		 triage_decision_parse(const char *text);
int		 reject_reason_parse(const char *text);

/* Whether a state belongs to a kind's workflow. */
bool		 case_state_of_kind(enum case_kind k, enum case_state s);

/*
 * May a case of kind k move from `from` to `to`?  MSG_OK, or the message
 * saying why not: not a state of this kind, the same state, not a move the
 * workflow has (the message names the states that may follow), a reason
 * required (an early close, a reopening) but reason is NULL or blank, or
 * publication (the disclosure gate decides).  *rule is set to the rule the
 * refusal rests on ("R34", "R34.reason", "R9", "policy.disclosure_gate").
 */
enum msg_id	 case_transition_check(enum case_kind k, enum case_state from,
		    enum case_state to, const char *reason, const char **rule);

/*
 * Whether the workflow has the move from `from` to published (the gate
 * aside): the advisory's publication then moves the case.
 */
bool		 case_publish_move_ok(enum case_kind k, enum case_state from);

/*
 * The states that may follow `from` in kind k's workflow, into out (at most
 * CSTATE__MAX); how many.
 */
size_t		 case_next_states(enum case_kind k, enum case_state from,
		    enum case_state out[CSTATE__MAX]);

/*
 * A vendor organisation in a case (VINCE-style per-vendor status).  The
 * coordinator adds and notifies it; its members then say where they stand.
 * not_affected needs a VEX justification (CSAF 2.0 flags); fixed may name
 * the fixed version.
 */
enum vendor_status {
	VSTATUS_NOT_CONTACTED,
	VSTATUS_NOTIFIED,
	VSTATUS_UNRESPONSIVE,
	VSTATUS_INVESTIGATING,
	VSTATUS_AFFECTED,
	VSTATUS_NOT_AFFECTED,
	VSTATUS_FIXED,
	VSTATUS_WONT_FIX,
	VSTATUS__MAX
};

enum vex_justification {
	VEX_COMPONENT_NOT_PRESENT,
	VEX_VULNERABLE_CODE_NOT_PRESENT,
	VEX_VULNERABLE_CODE_NOT_IN_EXECUTE_PATH,
	VEX_VULNERABLE_CODE_CANNOT_BE_CONTROLLED_BY_ADVERSARY,
	VEX_INLINE_MITIGATIONS_ALREADY_EXIST,
	VEX__MAX
};

const char	*vendor_status_name(enum vendor_status s);
int		 vendor_status_parse(const char *text);	/* -1 if unknown */
const char	*vex_justification_name(enum vex_justification j);
int		 vex_justification_parse(const char *text);	/* -1 if unknown */

/*
 * May this party set a vendor's status to s?  A vendor's own member sets
 * what it knows (investigating, affected, not_affected, fixed, wont_fix);
 * the coordinator also records contact (not_contacted, notified,
 * unresponsive).  not_affected needs a justification (justification < 0:
 * none given).  MSG_OK, or the message; *field names the offending input.
 */
enum msg_id	 vendor_status_check(enum vendor_status s, bool coordinator,
		    int justification, const char **field);

/*
 * Parties (R35).  Every participant of a case has a party type, so that a
 * registry or a platform can assign duties by type; and a role in the case.
 * Organisations take part as vendors in one of three roles: the affected
 * product's own vendor, the upstream supplier of a flawed component
 * (Art. 7(1)), or a downstream vendor whose product includes the affected
 * one.  People take part as the reporters of the case's reports, the
 * coordinators in charge, or observers (an emergency organisation's
 * analyst, a registry's staff), who read the case and its participants'
 * conversation but change nothing.
 */
enum party_type {
	PARTY_USER,
	PARTY_PROVIDER,
	PARTY_OPERATOR,
	PARTY_REPOSITORY_ORG,
	PARTY_EMERGENCY_ORG,
	PARTY_REPORTER,
	PARTY__MAX
};

enum vendor_role {
	VROLE_VENDOR,
	VROLE_UPSTREAM,
	VROLE_DOWNSTREAM,
	VROLE__MAX
};

enum participant_role {
	PROLE_REPORTER,
	PROLE_COORDINATOR,
	PROLE_OBSERVER,
	PROLE__MAX
};

const char	*party_type_name(enum party_type t);
int		 party_type_parse(const char *text);	/* -1 if unknown */
const char	*vendor_role_name(enum vendor_role r);
int		 vendor_role_parse(const char *text);	/* -1 if unknown */
const char	*participant_role_name(enum participant_role r);
int		 participant_role_parse(const char *text);	/* -1 if unknown */

/*
 * The party type an organisation takes part as, from its kind (the enum
 * org_kind of domain/user.h, as an int to keep this header light):
 * provider -> provider, operator -> operator, a collection platform or an
 * authority (a national library) -> repository_org, a support unit ->
 * emergency_org (it helps handle vulnerabilities).
 */
enum party_type	 party_type_of_org_kind(int org_kind);

/* A case id: "<prefix>-C-<year>-<seq, at least 6 digits>", e.g. LD-C-2026-000001. */
void		 case_id_format(char *buf, size_t size, const char *prefix, int year,
		    long long seq);
/* Whether text has that form (any prefix of 1-16 [A-Z0-9]). */
bool		 case_id_valid(const char *text);

#endif
