#ifndef LOUDONG_SVC_SUBMISSIONS_H
#define LOUDONG_SVC_SUBMISSIONS_H

/*
 * The 报送 (Art. 7(2), R5, R37) and federation with the national library
 * (issue 6).
 *
 * Provider side (and platforms with [federation] submissions): the case's
 * coordinator drafts the record from the case (svc_submission_draft), edits
 * it, and sends it.  Sending queues an HTTP delivery in the outbox to
 * [federation] registry_url (POST {registry}/api/v1/submissions, bearer
 * [federation] registry_token, the submission's idempotency key), or, with
 * no registry configured, makes it a file for manual upload whose upload
 * the person records.  The registry's answer makes it accepted (with the
 * library id) or rejected (with the reason).  A case whose 报送 is neither
 * accepted nor waived cannot close (svc_case_transition asks
 * svc_submission_allows_close).
 *
 * Registry side: member organisations' tokens POST 报送
 * (svc_library_receive): validated, a receipt-log leaf, a library id
 * <PREFIX>-<YYYY>-<seq>, stored sealed; the same idempotency key from the
 * same organisation answers the same record again.  Each accepted 报送 is
 * forwarded (同步通报, R7) to every [registry] forward_to recipient and, on
 * the submitter's request, to the named [registry] libraries (R17), each
 * with its own delivery status.  Staff verify and grade them.
 *
 * The record's fields are sealed at rest on both sides; only the name and
 * the product are kept in the clear for listing.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/submission.h"
#include "store/store.h"
#include "svc/svc.h"

/* A record's values, indexed by enum sub_field (NULL or "": empty). */
typedef const char *sub_values[SF__MAX];

/* Problems with a record (field and message), for the API and the form. */
struct sub_problems {
	struct sub_problem	p[SF__MAX];
	size_t			n;
};

/* Provider side */

/*
 * Draft the case's 报送 from the case: its reports (product, model,
 * versions, description as technical characteristics, impact as harm),
 * the assessment (grade, category, CVSS, CWE, related ids), its vendors
 * (remediation status, fixed version), the upstream component, known_at,
 * the instance as submitting organisation and the actor as contact.
 * APP_CONFLICT if the case has one (f names it); staff holding
 * PERM_CASES_MANAGE; incident cases are not reported (Art. 8).
 */
enum app_err	svc_submission_draft(const struct svc_ctx *c, const char *case_id,
		    struct submission_row *out, struct fault *f);
/* One 报送 with its record opened (v may be NULL when not wanted). */
enum app_err	svc_submission_get(const struct svc_ctx *c, int64_t id,
		    struct submission_row *out, sub_values *v, struct fault *f);
enum app_err	svc_submission_of_case(const struct svc_ctx *c, const char *case_id,
		    struct submission_row *out, sub_values *v, struct fault *f);
enum app_err	svc_submission_list(const struct svc_ctx *c, const char *state,
		    int64_t cursor, int limit, struct submission_row **out, size_t *n,
		    struct fault *f);
/*
 * Replace the fields given (NULL: unchanged) of a draft or a rejected
 * 报送 (which becomes a draft again).  The whole record is checked as a
 * draft: lengths, types, enums (nothing is required yet); problems in *pr
 * with APP_INVALID.
 */
enum app_err	svc_submission_update(const struct svc_ctx *c, int64_t id,
		    const sub_values in, struct submission_row *out,
		    struct sub_problems *pr, struct fault *f);
/*
 * Send: the record must be complete (the legal fields, the name and
 * [federation] required_fields; problems in *pr with APP_INVALID).  With a
 * registry: queued, an outbox delivery (sending again re-queues the same
 * delivery, with the same idempotency key).  Without: queued for manual
 * upload.  Either way the case's content leaves for the national library:
 * the disclosure gate decides first (PACT_FEDERATE,
 * svc_policy_national_library) and logs it; refused, APP_CONFLICT with the
 * rule and nothing changes.
 */
enum app_err	svc_submission_send(const struct svc_ctx *c, int64_t id,
		    struct submission_row *out, struct sub_problems *pr, struct fault *f);
/*
 * Manual upload: the person who uploaded the file records it (queued and
 * manual -> sent); with library_id it is accepted at once.
 */
enum app_err	svc_submission_uploaded(const struct svc_ctx *c, int64_t id,
		    const char *library_id, struct submission_row *out, struct fault *f);
/* The library's answer to a manual upload: accepted (library_id) or rejected (reason). */
enum app_err	svc_submission_outcome(const struct svc_ctx *c, int64_t id, bool accepted,
		    const char *library_id, const char *reason, struct submission_row *out,
		    struct fault *f);
/* Waive the 报送 with a reason (its clock is waived too); not once accepted. */
enum app_err	svc_submission_waive(const struct svc_ctx *c, int64_t id, const char *reason,
		    struct submission_row *out, struct fault *f);
/*
 * Whether case_id may close: true when the instance keeps no 报送, the
 * case is an incident, or its 报送 is accepted or waived (R5).
 */
enum app_err	svc_submission_allows_close(const struct svc_ctx *c, const char *case_id,
		    enum case_kind kind, bool *ok);

/* What the outbox worker sends for an HTTP row (rendered at send time, never stored). */
struct fed_payload {
	bool		 forward;	/* a 同步通报 / forward, else the provider's 报送 */
	sub_values	 v;		/* the record */
	const char	*ref;		/* the sender's own id: case id, or the library id */
	const char	*library_id;	/* forward: the registry's id */
	const char	*submitter;	/* forward: the submitting organisation's name */
	int64_t		 received_at;	/* forward */
	const char	*bearer;	/* from the configuration; never logged or stored */
	/*
	 * A document rendered whole by its owner (备案: svc/filings.c,
	 * svc/pfiling.c); NULL: the outbox renders the 报送 above.
	 */
	const char	*body;
	size_t		 body_len;
};
/*
 * The payload of outbox row m; APP_NOTFOUND when what it delivers is gone.
 * Rows of other owners go to them by their ref: "filing_notice:" to
 * svc_filing_notice_payload (registry), "pfiling:" to svc_pfiling_payload
 * (platform); svc_outbox_delivered likewise.
 */
enum app_err	svc_outbox_payload(const struct svc_ctx *c, const struct outbox_row *m,
		    struct fed_payload *out);
/*
 * Record the outcome of one attempt at outbox row m, in one transaction
 * with the outbox row: done (a 2xx answer: library_id from it, may be
 * ""), or not done and final (a refusal: reason), or to retry at next.
 * A 报送 becomes accepted, sent or rejected; its clock is met on delivery.
 */
struct fed_result {
	bool		 done;		/* a 2xx answer */
	bool		 final;		/* no more attempts (a refusal, or out of attempts) */
	int		 attempts;
	int64_t		 next;		/* retry time when neither */
	long		 status;	/* HTTP status, 0 when none */
	const char	*response;	/* the answer, bounded; "" */
	const char	*error;		/* why it failed; "" */
	const char	*library_id;	/* done: the registry's id, or "" */
	const char	*reason;	/* refused: the registry's explanation */
};
enum app_err	svc_outbox_delivered(const struct svc_ctx *c, const struct outbox_row *m,
		    const struct fed_result *r);

/* Registry side */

/*
 * Receive a 报送 from the actor's organisation (a member organisation's
 * API token): check every field (problems in *pr, APP_INVALID), then in
 * one transaction assign the library id, append the receipt-log leaf
 * (channel "federation", the SHA-256 of the exact body), store it sealed
 * and queue the forwards.  Each forward passes the disclosure gate first
 * (PACT_FEDERATE; the recipient in [policy] default_country) and every
 * decision is logged; a refused one is kept without a delivery, and
 * svc_library_get shows it with delivery "refused".  The same idem_key
 * from the same organisation answers the stored record with *replay set,
 * and changes nothing.
 * forward_to naming a library not in [registry] libraries is refused
 * (field forward_to).  Only in the registry role.
 */
struct library_receipt {
	struct received_row	 r;
	bool			 replay;
	int64_t			 leaf_index;
};
enum app_err	svc_library_receive(const struct svc_ctx *c, const char *idem_key,
		    const sub_values v, const char *payload_sha256, struct library_receipt *out,
		    struct sub_problems *pr, struct fault *f);
/* Staff: the 报送 received, newest first; one with its record and forwards. */
enum app_err	svc_library_list(const struct svc_ctx *c, const char *state, int64_t cursor,
		    int limit, struct received_row **out, size_t *n, struct fault *f);
enum app_err	svc_library_get(const struct svc_ctx *c, const char *id,
		    struct received_row *out, sub_values *v, struct forward_row **fw,
		    size_t *nfw, struct fault *f);
/* Staff verify (state "verified") or reject (with a reason) a received 报送. */
enum app_err	svc_library_decide(const struct svc_ctx *c, const char *id, const char *state,
		    const char *reason, struct received_row *out, struct fault *f);

#endif
