#ifndef LOUDONG_SVC_MESSAGES_H
#define LOUDONG_SVC_MESSAGES_H

/*
 * The conversation of a case (R42, Art. 11) and the reporter's side of it:
 * messages with a visibility, sealed Markdown bodies and sealed attachments;
 * the reporter's answer to triage's question; the reporter's retest of a
 * fix; the progress thread of a report.  What a reader gets is only what
 * their part in the case lets them see (need-to-know):
 *
 *   staff (PERM_CASES_MANAGE)	everything
 *   a vendor member		participants, and vendor messages for their own
 *				organisation; never internal or reporter ones.
 *				Their organisation must be a vendor of the case.
 *   a reporter of the case	participants and reporter messages
 *   anyone else		APP_NOTFOUND "no such case" (ids cannot be probed)
 *
 * Messages from a vendor or a reporter are inbound: each gets a receipt-log
 * leaf (R2) like a report.  Every write (message row, attachments, leaf,
 * timeline event, audit entry) is one transaction.  Reads of message bodies
 * by staff or vendors are audited ("case.messages.read").  The API and the
 * web pages call the same functions; the body is Markdown, rendered by the
 * web layer (web/markdown.c), returned as is by the API.
 */
#include "domain/report.h"
#include "store/store.h"
#include "svc/svc.h"

#define MESSAGE_BODY_MAX	20000	/* bytes of a message's Markdown body */

/* What a message is made of, as typed (unvalidated). */
struct message_in {
	const char			*body;		/* Markdown: UTF-8, not blank,
							 * <= MESSAGE_BODY_MAX bytes */
	const char			*visibility;	/* "internal", "participants", "reporter"
							 * or "vendor:<org-slug>"; NULL or "":
							 * the actor's default (staff internal,
							 * vendor vendor:<own>, reporter reporter) */
	const struct attachment_in	*files;		/* attachments, or NULL */
	int				 nfiles;	/* the same limits as a report's */
	const char			*channel;	/* "api" or "web", for the leaf */
	const void			*payload;	/* the exact request body (hashed for
							 * the leaf and body_sha256); NULL: body */
	size_t				 payload_len;
};

/* What the actor may do in a case's conversation. */
struct message_access {
	bool		 staff;		/* sees and posts everything */
	int64_t		 vendor_org_id;	/* a vendor member of the case: their org, else 0 */
	const char	*vendor_org_slug;	/* NULL unless vendor_org_id */
	bool		 reporter;	/* a reporter of the case */
	bool		 observer;	/* a regulator observing it: reads participants' messages */
	struct case_row	 k;		/* the case */
};

/*
 * The actor's part in case_id.  APP_UNAUTH without an actor, APP_NOTFOUND
 * ("no such case", field "id") when the case is absent or the actor has no
 * part in it.  For the web pages: which visibilities to offer, whether to
 * show the retest form.
 */
enum app_err	svc_message_access(const struct svc_ctx *c, const char *case_id,
		    struct message_access *out, struct fault *f);

/*
 * Post a message to case_id.  Staff may use any visibility; a vendor
 * member "participants" or "vendor:<own org>" only; a reporter of the case
 * "reporter" only (APP_FORBIDDEN, field "visibility", f->rule "R42"
 * otherwise).  APP_INVALID with the field named ("body": blank, not UTF-8
 * or over MESSAGE_BODY_MAX; "visibility"; "files") for bad input;
 * APP_TOOBIG ("files") past the attachment limits.
 * On APP_OK *out is the stored message (body, attachments, leaf_index:
 * -1 for staff, the leaf for vendors and reporters), in c->a.
 */
enum app_err	svc_message_post(const struct svc_ctx *c, const char *case_id,
		    const struct message_in *in, struct message *out, struct fault *f);

/*
 * The messages of case_id the actor may see, oldest first, bodies opened and
 * attachments listed, in c->a.  Staff and vendor reads are audited.
 */
enum app_err	svc_message_list(const struct svc_ctx *c, const char *case_id,
		    struct message **out, size_t *n, struct fault *f);

/*
 * One attachment of a message of case_id, decrypted into c->a (*data, *len;
 * *at says its name and sniffed type), for a reader who may see the message
 * (APP_NOTFOUND otherwise, as for an absent one).  Audited like a list.
 */
enum app_err	svc_message_attachment_read(const struct svc_ctx *c, const char *case_id,
		    int64_t message_id, int64_t id, struct message_attachment *at,
		    const unsigned char **data, size_t *len, struct fault *f);

/*
 * The reporter answers triage's question: only the report's own reporter,
 * only while the report's status is needs_info (APP_CONFLICT, field
 * "status", f->rule "R34" otherwise).  Stores a message (kind reply,
 * visibility reporter, on the report), appends its leaf, puts the report
 * back to triage, audits.  in->visibility must be NULL, "" or "reporter".
 */
enum app_err	svc_report_reply(const struct svc_ctx *c, const char *report_id,
		    const struct message_in *in, struct message *out, struct fault *f);

/*
 * A reporter of case_id retests the fix: outcome "confirmed" or "disputed"
 * (APP_INVALID, field "outcome", otherwise), body optional (NULL or "": none;
 * checked like a message's when given).  Only while the case is
 * fix_available, tracking, closed or (incident) fixed: APP_CONFLICT with
 * f->rule "R34" in other states.  A message of kind retest_confirmed or
 * retest_disputed, visibility reporter, with a leaf; timeline event
 * "retest" (detail the outcome); audit.
 */
enum app_err	svc_case_retest(const struct svc_ctx *c, const char *case_id,
		    const char *outcome, const struct message_in *in, struct message *out,
		    struct fault *f);

/*
 * The progress thread of a report, for its own reporter and for staff
 * (APP_NOTFOUND "no such report" for anyone else): triage's questions
 * (kind question, id 0), the reporter's replies, and, once the report is in
 * a case, the case messages a reporter may see (participants, reporter);
 * oldest first.  *case_id: the report's case, or NULL.  Staff reads are
 * audited.
 */
enum app_err	svc_report_thread(const struct svc_ctx *c, const char *report_id,
		    struct message **out, size_t *n, const char **case_id, struct fault *f);

#endif
