#ifndef LOUDONG_SVC_CASES_H
#define LOUDONG_SVC_CASES_H

/*
 * Triage and cases (R34): a report is accepted into a new or an existing
 * case, rejected with a structured reason, marked a duplicate of another,
 * or sent back to its reporter with a question; a case moves through the
 * workflow of domain/case.c, one checked transition at a time, each on the
 * case's timeline and in the audit log.  Staff holding PERM_CASES_MANAGE.
 */
#include "domain/case.h"
#include "domain/similar.h"
#include "store/store.h"
#include "svc/svc.h"

/*
 * A step of a case, inside the step's transaction: its timeline event
 * (what, from, to, detail, reason) and the audit entry (action on
 * "case:<id>" with audit_detail).  The actor is c->actor, or the system
 * when there is none.  Every service that changes a case records it here.
 */
enum app_err	svc_case_record(const struct svc_ctx *c, const char *case_id,
		    const char *what, const char *from, const char *to, const char *detail,
		    const char *reason, const char *action, const char *audit_detail);

/*
 * Staff acknowledge a received report (ISO/IEC 29147 6.2, R42): received
 * -> acknowledged, which meets its acknowledgement clock.  A report past
 * received answers APP_CONFLICT (MSG_ERR_TRIAGE_DONE).
 */
enum app_err	svc_report_acknowledge(const struct svc_ctx *c, const char *report_id,
		    struct fault *f);

struct triage_in {
	const char	*decision;	/* accept, reject, duplicate, needs_info */
	const char	*reason;	/* reject: a reject_reason; needs_info: the question;
					 * otherwise a note (optional) */
	const char	*note;		/* reject: optional explanation */
	const char	*duplicate_of;	/* duplicate: the original report */
	const char	*case_id;	/* accept: join this case (NULL: a new one) */
};

struct triage_result {
	enum triage_decision	 decision;
	enum report_status	 status;	/* the report's, afterwards */
	const char		*case_id;	/* accept: the case */
	bool			 case_created;
};

#define TRIAGE_TEXT_MAX		2000	/* bytes of a note, question or reason */

enum app_err	svc_report_triage(const struct svc_ctx *c, const char *report_id,
		    const struct triage_in *in, struct triage_result *out, struct fault *f);

/*
 * A case with its reports and vendors.  Staff see everything.  A vendor
 * member sees only a case shared with their organisation (any other answers
 * APP_NOTFOUND), no reports, their own vendor row, and of the other vendors
 * only the status and an approved statement; their first look is recorded.
 * A regulator added as an observer sees what a vendor sees of the vendors,
 * and no reports.  Every read is written to the audit log ("case.read").
 */
enum app_err	svc_case_get(const struct svc_ctx *c, const char *id, struct case_row *out,
		    const char ***reports, size_t *nreports, struct case_vendor **vendors,
		    size_t *nvendors, struct fault *f);
/* Staff: every case; a vendor member: those shared with their organisation. */
enum app_err	svc_case_list(const struct svc_ctx *c, const char *state, int64_t cursor,
		    int limit, struct case_row **out, size_t *n, struct fault *f);

/*
 * The coordinator brings a provider (or, for an incident, operator)
 * organisation in, as role "vendor" (NULL: the default), "upstream" or
 * "downstream" (the supply chain, Art. 7(1)); party (NULL: from the
 * organisation's kind) is its R35 party type.
 */
enum app_err	svc_case_vendor_add(const struct svc_ctx *c, const char *case_id,
		    const char *org_slug, const char *role, const char *party,
		    struct fault *f);
/*
 * Tell the organisation's members by mail (outbox) and by an in-app notice:
 * the case id, their part in it and a link, no details.  An upstream
 * supplier is told the flaw is in a component it supplies (R4).
 */
enum app_err	svc_case_vendor_notify(const struct svc_ctx *c, const char *case_id,
		    const char *org_slug, size_t *nmails, struct fault *f);

struct vendor_in {
	const char	*status;
	const char	*justification;	/* VEX, for not_affected */
	const char	*fixed_version;
	const char	*statement;
};
#define VENDOR_TEXT_MAX		4000	/* bytes of a statement */

/* The vendor's own member, or the coordinator, records where the vendor stands. */
enum app_err	svc_case_vendor_update(const struct svc_ctx *c, const char *case_id,
		    const char *org_slug, const struct vendor_in *in, struct fault *f);
/* The coordinator shares a vendor's statement with the other participants. */
enum app_err	svc_case_vendor_approve(const struct svc_ctx *c, const char *case_id,
		    const char *org_slug, struct fault *f);
/*
 * The people of a case (reporters, coordinators, observers) and its
 * vendors, each with a role and a party type (R35).  Who may: whoever may
 * read the case (svc_case_get); only the staff see who the reporters are.
 */
enum app_err	svc_case_participants(const struct svc_ctx *c, const char *case_id,
		    struct case_participant **people, size_t *npeople,
		    struct case_vendor **vendors, size_t *nvendors, struct fault *f);
/*
 * The staff add a person by login: role "coordinator" (someone who handles
 * cases) or "observer" (a regulator's account, who then reads the case);
 * party (NULL: user for a coordinator, repository_org for an observer).
 */
enum app_err	svc_case_participant_add(const struct svc_ctx *c, const char *case_id,
		    const char *login, const char *role, const char *party,
		    struct fault *f);
/* A reporter cannot be removed (their report is in the case). */
enum app_err	svc_case_participant_remove(const struct svc_ctx *c, const char *case_id,
		    const char *login, struct fault *f);

/*
 * Move a case to state `to` (a state name).  A refused move is APP_CONFLICT
 * with the reason and the rule (f->rule), and changes nothing.
 */
enum app_err	svc_case_transition(const struct svc_ctx *c, const char *id, const char *to,
		    const char *reason, struct case_row *out, struct fault *f);
enum app_err	svc_case_timeline(const struct svc_ctx *c, const char *id,
		    struct case_event **out, size_t *n, struct fault *f);

/*
 * Up to SIMILAR_SUGGESTIONS likely duplicates of a report, best first,
 * each with why (domain/similar.c): other reports of the same product, the
 * newest reports (for similar titles), and reports whose assessment shares
 * a related id.
 */
#define SIMILAR_SUGGESTIONS	5
struct similar_item {
	struct report_brief	r;
	struct similar_score	s;
};
enum app_err	svc_report_similar(const struct svc_ctx *c, const char *report_id,
		    struct similar_item out[SIMILAR_SUGGESTIONS], size_t *n, struct fault *f);

#endif
