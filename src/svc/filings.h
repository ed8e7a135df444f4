#ifndef LOUDONG_SVC_FILINGS_H
#define LOUDONG_SVC_FILINGS_H

/*
 * 备案, registry side (issue 8; 《漏洞收集平台备案管理办法》 第四条-第七条;
 * R16, R24, R41): receiving applications from platforms over federation,
 * review with its clocks, 补正, approval with a 备案编号, the notices to
 * 公安部 and 网信办, the public list, changes and deregistrations.
 * The wire protocol is docs/FILING.md.
 *
 * Only in the registry role: elsewhere every use case answers
 * APP_NOTFOUND (MSG_ERR_RF_OFF).  Applicants are accounts of a member
 * organisation (a vendor-role member of a provider or platform
 * organisation: the door of the 报送); the staff hold PERM_CASES_MANAGE.
 * The dossier (ID numbers included) and the documents are sealed at rest
 * (svc/seal.h); only name, URL, ICP number and sponsor are kept in the
 * clear, and only they reach the public list.  Every refusal names the
 * rule it rests on.
 *
 * Clocks (svc/deadlines.h): filing_review on a complete submission (第五条,
 * 10 working days), filing_supplement on a 补正 (10 working days).  The
 * first of each kind has the subject "filing:<id>", the n-th
 * "filing:<id>/<n>" (a clock's subject is unique per kind).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/filing.h"
#include "store/store.h"
#include "svc/intake.h"
#include "svc/submissions.h"
#include "svc/svc.h"

/* A document's bytes at most (FILING.md). */
#define FILING_DOC_MAX		(2 * 1024 * 1024)
/* The deficiencies one round lists at most. */
#define FILING_ITEMS_MAX	512
/* Characters of a deficiency's note, a round's note, an approval's note. */
#define FILING_NOTE_MAX		2000
/* Characters of a rejection's or a withdrawal's reasons. */
#define FILING_REASON_MAX	4000

/*
 * The registry's own problems, beside domain/filing.h's (missing,
 * too_long, format, unknown, duplicate, encoding).
 */
#define FILING_P_MISMATCH	"mismatch"	/* a document absent, unreadable or not the one named */
#define FILING_P_TOO_LARGE	"too_large"	/* a document over FILING_DOC_MAX */
#define FILING_P_NOT_FILED	"not_filed"	/* a 备案编号 unknown, another's, or deregistered */

/* Whether this instance takes filings (the registry role). */
bool		svc_filings_on(const struct svc_ctx *c);

/* A document sent beside the dossier, as the API decoded it. */
struct filing_doc_in {
	const char		*field;		/* the documents member: a document field's key */
	const char		*name;		/* the file's name; NULL: not given */
	const char		*media_type;	/* the applicant's claim; NULL */
	const char		*sha256;	/* the applicant's claim (hex); NULL */
	const unsigned char	*content;	/* the bytes; NULL: not base64, or too large */
	size_t			 len;
	bool			 too_large;	/* over FILING_DOC_MAX */
};

/* An application or a resubmission as sent (the API checked the shapes only). */
struct filing_in {
	const char		*kind;		/* initial, change, deregistration */
	const char		*fieldset;	/* the applicant's field-set version; NULL */
	const struct filing_value *fields;	/* the dossier, as sent */
	size_t			 nfields;
	const struct filing_doc_in *docs;
	size_t			 ndocs;
	const char		*filing_number;	/* change, deregistration; NULL */
	const char		*change_date;	/* change; NULL */
	const char		*end_date;	/* deregistration; NULL */
	const char *const	*changed;	/* change: the keys changed */
	size_t			 nchanged;
	const char		*note;		/* NULL */
	const char		*idem_key;	/* the Idempotency-Key header */
	const char		*payload_sha256;	/* of the exact body received */
};

/* One deficiency of a 补正 round. */
struct filing_item {
	const char	*field;		/* a dossier key, or filing_number, change_date, ... */
	const char	*problem;	/* a word; NULL: described by the staff's note */
	const char	*note;		/* "" */
};

/* A 补正 round, its items read back. */
struct filing_round {
	int			 round;
	const char		*note;
	int64_t			 requested_at;
	const char		*requested_by;	/* a staff login; "": the automatic check */
	int64_t			 answered_at;	/* 0: not yet */
	struct filing_item	*items;
	size_t			 nitems;
};

/* An application as its reader may see it. */
struct filing_view {
	struct filing_app_row	 a;
	bool			 has_platform;	/* p is set */
	struct filed_platform	 p;		/* the platform it concerns (its number once filed) */
	struct deadline_row	 review;	/* the current review clock, if has_review */
	bool			 has_review;
	struct deadline_row	 supplement;	/* the current 补正 clock, if has_supplement */
	bool			 has_supplement;
	int64_t			 review_due_at;	/* 0: no review clock runs */
	int64_t			 supplement_due_at;	/* 0: no 补正 clock runs */
	struct filing_round	*rounds;	/* oldest first */
	size_t			 nrounds;
	struct filing_event_row	*events;	/* oldest first */
	size_t			 nevents;
	/* The staff's (full): */
	bool			 full;
	struct filing_value	*fields;	/* opened: the set's order, then keys it lacks */
	size_t			 nfields;
	struct filing_doc_row	*docs;
	size_t			 ndocs;
	struct filing_notice_row *notices;
	size_t			 nnotices;
	struct filing_value	*previous;	/* change: the platform's filed dossier */
	size_t			 nprevious;
};

/* What an applicant gets back. */
struct filing_receipt {
	struct filing_view	 v;
	bool			 replay;	/* the same Idempotency-Key again: nothing new */
	struct intake_receipt	 r;		/* this submission's leaf (r.leaf NULL on a replay) */
};

/*
 * An applicant files (POST /api/v1/filings/applications).  Refused only
 * outside the registry (APP_NOTFOUND), for an actor not of a member
 * organisation (APP_FORBIDDEN, rule rbac.org), a bad Idempotency-Key or
 * kind (APP_INVALID), and while the same platform has an application under
 * review or awaiting 补正 (APP_CONFLICT, sarg its id).  Anything else is
 * recorded: in one transaction the id <[filing] application_prefix>-
 * <YYYY>-<seq>, the receipt-log leaf (channel federation, the SHA-256 of
 * the exact body), the sealed dossier and documents, then either the
 * review clock (complete) or an automatic 补正 round listing every
 * deficiency with its clock, the events, the audit entry and a notice to
 * the staff.  The same key from the same organisation answers the stored
 * application again (replay).
 */
enum app_err	svc_filing_apply(const struct svc_ctx *c, const struct filing_in *in,
		    struct filing_receipt *out, struct fault *f);

/*
 * The applicant answers a 补正 with the whole dossier again: only in
 * supplement_requested (APP_CONFLICT), of the application's kind
 * (APP_INVALID, field kind).  Checked again: complete, it is resubmitted
 * with a new review clock; still deficient, a new round lists every
 * deficiency.  The round's clock is met either way.  A key that answered a
 * round before answers again with replay set.
 */
enum app_err	svc_filing_resubmit(const struct svc_ctx *c, const char *id,
		    const struct filing_in *in, struct filing_receipt *out, struct fault *f);

/* The applicant withdraws an open application (reason may be NULL). */
enum app_err	svc_filing_withdraw(const struct svc_ctx *c, const char *id,
		    const char *reason, struct filing_view *out, struct fault *f);

/*
 * Read an application: staff get everything, the dossier opened (ID
 * numbers included; the read is audited); the applicant's organisation
 * the state, rounds, events and filing, never the dossier.  Anyone else,
 * or an unknown id: APP_NOTFOUND.
 */
enum app_err	svc_filing_get(const struct svc_ctx *c, const char *id,
		    struct filing_view *out, struct fault *f);

/*
 * Staff: the queue, newest first (state a state word or "open", kind a
 * kind word: APP_INVALID naming them), each row's current clock due into
 * due[i] (0: none; may be NULL).
 */
enum app_err	svc_filing_list(const struct svc_ctx *c, const struct filing_app_filter *flt,
		    struct filing_app_row **out, int64_t **due, size_t *n, struct fault *f);

/*
 * Staff: a 补正 listing every deficiency at once (R24): 1 to
 * FILING_ITEMS_MAX items, each a field of the set (or filing_number,
 * change_date, end_date, changed) once, with a note (APP_INVALID naming
 * "items"); note is the round's own words (NULL: none).  The review clock
 * is waived (the submission was not complete) and a 补正 clock starts.
 */
enum app_err	svc_filing_supplement(const struct svc_ctx *c, const char *id,
		    const struct filing_item *items, size_t nitems, const char *note,
		    struct filing_view *out, struct fault *f);

/*
 * Staff: approve an application under review (APP_CONFLICT otherwise):
 * initial mints the 备案编号 ([filing] number_template) and lists the
 * platform; change puts the new name, URL, ICP number and sponsor on its
 * row; deregistration sets the end date, the platform deregistered at once
 * when it has come (else svc_filings_run on the day).  Every approval
 * queues a notice to [filing] notify_mps and notify_cac (recorded even
 * when not configured) and moves the public generation.
 */
enum app_err	svc_filing_approve(const struct svc_ctx *c, const char *id, const char *note,
		    struct filing_view *out, struct fault *f);

/* Staff: reject an open application with its reasons (required: APP_INVALID naming "reason"). */
enum app_err	svc_filing_reject(const struct svc_ctx *c, const char *id, const char *reason,
		    struct filing_view *out, struct fault *f);

/* Staff: a document's row and bytes (opened into c->a; the read is audited). */
enum app_err	svc_filing_document(const struct svc_ctx *c, const char *id, const char *field,
		    struct filing_doc_row *out, const unsigned char **data, size_t *len,
		    struct fault *f);

/*
 * The public list (anyone; R41): status "filed" or "deregistered" (NULL:
 * both; else APP_INVALID naming "status"), q a fragment of the number,
 * name, sponsor, URL or ICP number.  Never a field flagged secret.
 */
enum app_err	svc_filing_public(const struct svc_ctx *c, const char *status, const char *q,
		    int64_t offset, int limit, struct filed_platform **out, size_t *n,
		    struct fault *f);

/*
 * Deregistrations whose end date is on or before the CST date of as_of
 * take effect (第七条), each in its own transaction with its event and
 * audit entry; the public generation moves.  *applied: how many.
 * Registry role only (else nothing).  `loudong deadlines run --as-of`
 * runs it too.
 */
enum app_err	svc_filings_run(const struct svc_ctx *c, int64_t as_of, size_t *applied);

/* The outbox's notice deliveries (ref "filing_notice:<id>"): svc_outbox_payload's. */
enum app_err	svc_filing_notice_payload(const struct svc_ctx *c, const struct outbox_row *m,
		    struct fed_payload *out);
enum app_err	svc_filing_notice_delivered(const struct svc_ctx *c,
		    const struct outbox_row *m, const struct fed_result *r);

/*
 * The scheduler's turn (app/sched.c, every [deadlines] scheduler_interval;
 * registry role only, else nothing): deregistrations whose end date has
 * come take effect (svc_filings_run at c->now).
 */
enum app_err	svc_filings_tick(const struct svc_ctx *c);

#endif
