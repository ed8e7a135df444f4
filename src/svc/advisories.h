#ifndef LOUDONG_SVC_ADVISORIES_H
#define LOUDONG_SVC_ADVISORIES_H

/*
 * Advisories (R31-R33) and the Art. 9 records of a case: drafted from a
 * case, edited in versions (each sealed at rest until published), reviewed
 * by a second person ([advisories] require_review), published now or at a
 * time through the disclosure gate, withdrawn with a reason.  Staff holding
 * PERM_CASES_MANAGE.  The public side (what the world reads) is
 * svc/publication.h.
 */
#include "domain/advisory.h"
#include "domain/policy.h"
#include "store/store.h"
#include "svc/svc.h"

struct sbuf;

/* An advisory as the staff see it: the row, a version's record and every version. */
struct advisory_view {
	struct advisory_row	 row;
	struct adv_doc		 doc;		/* the version asked for */
	int			 public_version;	/* 0: nothing published */
	struct advisory_version	*versions;	/* oldest first */
	size_t			 nversions;
};

/*
 * Draft an advisory from a case: its products and versions, vendors and
 * fixed versions, the reports' grade, category, CVSS vectors, CWE and
 * related ids, the discoverer as the reporters chose to be credited, the
 * publisher and verifier from the configuration.  An incident case is
 * refused (Art. 9(2)).  Version 1, state draft.
 */
enum app_err	svc_advisory_draft(const struct svc_ctx *c, const char *case_id,
		    struct advisory_view *out, struct fault *f);

/* version 0: the newest. */
enum app_err	svc_advisory_get(const struct svc_ctx *c, const char *id, int version,
		    struct advisory_view *out, struct fault *f);
enum app_err	svc_advisory_list(const struct svc_ctx *c, const char *state, int64_t cursor,
		    int limit, struct advisory_row **out, size_t *n, struct fault *f);

/*
 * A new version from the editor's record (adv_check; id, version, dates,
 * publisher and history are the platform's and are set here); summary
 * says what changed.  Before publication the advisory goes back to draft;
 * after it, the published version stays public until the new one is
 * approved and published.  Withdrawn: refused.
 */
enum app_err	svc_advisory_edit(const struct svc_ctx *c, const char *id,
		    const struct adv_doc *in, const char *summary, struct advisory_view *out,
		    struct fault *f);

/* draft -> in_review. */
enum app_err	svc_advisory_submit(const struct svc_ctx *c, const char *id, struct fault *f);

/*
 * The newest version approved ("approve") or sent back ("changes", with a
 * note).  With require_review, the approver is not the version's author.
 */
enum app_err	svc_advisory_review(const struct svc_ctx *c, const char *id,
		    const char *decision, const char *note, struct fault *f);

/*
 * Publish the newest version now (at 0 or not after now) or schedule it
 * (at later).  Refused unless approved (with require_review), and unless
 * the disclosure gate allows it (APP_CONFLICT with the rule: the decision
 * in *d).  Publishing moves the case to published when its workflow
 * allows, and makes every public format (svc/publication.c).
 */
enum app_err	svc_advisory_publish(const struct svc_ctx *c, const char *id, int64_t at,
		    struct advisory_view *out, struct policy_decision *d, struct fault *f);

/* Withdraw a published or scheduled advisory, with a reason; its public page says so. */
enum app_err	svc_advisory_withdraw(const struct svc_ctx *c, const char *id,
		    const char *reason, struct fault *f);

/*
 * The scheduler's part: publish every scheduled advisory that is due and
 * that the gate allows; one held by a major-event window stays scheduled
 * with held_by set and is tried again after the window.  Counts.
 */
enum app_err	svc_advisories_release(const struct svc_ctx *c, size_t *released,
		    size_t *held);

/* A readable diff of two versions, field by field, line by line. */
enum app_err	svc_advisory_diff(const struct svc_ctx *c, const char *id, int from, int to,
		    struct sbuf *out, struct fault *f);

/* The Art. 9 records of a case (joint_assessment, authority_report, authority_outcome, mps_consent). */
struct disclosure_record_in {
	const char	*kind;
	const char	*reference;
	const char	*issued_on;	/* YYYY-MM-DD */
	const char	*scope;
	const char	*approver;
	bool		 allow;
	const char	*note;
};
enum app_err	svc_disclosure_record_add(const struct svc_ctx *c, const char *case_id,
		    const struct disclosure_record_in *in, int64_t *id, struct fault *f);
enum app_err	svc_disclosure_records(const struct svc_ctx *c, const char *case_id,
		    struct disclosure_record **out, size_t *n, struct fault *f);

/*
 * What a case holds for disclosure (staff): its advisories, oldest first,
 * how many of its attachments are marked exploit or PoC tool, and each of
 * the reports given (the case's, from svc_case_get) with its attachments.
 */
struct case_report_files {
	const char		*report;
	struct attachment	*at;
	size_t			 nat;
};
struct case_disclosure {
	struct advisory_row		*advs;
	size_t				 nadvs;
	int64_t				 exploits;
	struct case_report_files	*reps;
	size_t				 nreps;
};
enum app_err	svc_case_disclosure(const struct svc_ctx *c, const char *case_id,
		    const char *const *reports, size_t nreports, struct case_disclosure *out,
		    struct fault *f);

/*
 * What the gate would answer now for an action on a case (staff): the
 * decision, logged like any other.
 */
enum app_err	svc_policy_preview(const struct svc_ctx *c, const char *case_id,
		    const char *action, struct policy_decision *d, struct fault *f);

/* Mark an attachment of a report ('', document, exploit, poc_tool; Art. 9(4)). */
enum app_err	svc_attachment_classify(const struct svc_ctx *c, const char *report_id,
		    int64_t attachment_id, const char *cls, struct fault *f);

/*
 * Major-event windows (R43): admins enter them; an authority's account (a
 * registry) pushes them with its external id, which updates in place.
 */
struct window_in {
	const char	*name;
	int64_t		 starts_at;
	int64_t		 ends_at;
	const char	*scope;
	const char	*external_id;	/* a registry's id, or NULL */
};
enum app_err	svc_window_put(const struct svc_ctx *c, const struct window_in *in,
		    int64_t *id, struct fault *f);
enum app_err	svc_window_withdraw(const struct svc_ctx *c, int64_t id, struct fault *f);
/* Staff, auditors and admins. all: past and withdrawn ones too. */
enum app_err	svc_windows(const struct svc_ctx *c, bool all, struct event_window **out,
		    size_t *n, struct fault *f);

/* The gate's log (auditors, admins): newest first. */
enum app_err	svc_policy_decisions(const struct svc_ctx *c, const char *subject,
		    int64_t cursor, int limit, struct policy_log_row **out, size_t *n,
		    struct fault *f);

#endif
