#ifndef LOUDONG_SVC_USERNOTICES_H
#define LOUDONG_SVC_USERNOTICES_H

/*
 * Notices of risk and remedy to users and downstream vendors (Art. 7(3),
 * R6, issue 6).  Once a case has a fix, the coordinator tells the affected
 * users and the downstream vendors what the risk is and what to do about
 * it, and where to get technical support.
 *
 * svc_user_notice_draft proposes the text from the case (its title as the
 * risk, the affected products and versions, the vendors' fixed versions,
 * the grade when assessed) and the recipients (the members of the case's
 * downstream vendors, and of the organisations the supply chain proposes
 * downstream that are not yet in the case).  The person edits it and
 * svc_user_notice_send sends it: one outbox mail per recipient, whose row
 * is the delivery evidence (status, attempts, error, time sent), and the
 * recipients with where each came from, kept with the notice.  The text is
 * meant for users: the draft holds no technical detail beyond the risk
 * summary and the remedy.  Staff holding PERM_CASES_MANAGE only.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "svc/svc.h"

#define UNOTICE_SUBJECT_MAX	200	/* bytes of a subject (one line) */
#define UNOTICE_BODY_MAX	20000	/* bytes of a body */
#define UNOTICE_SUPPORT_MAX	500	/* bytes of the support channel (one line) */
#define UNOTICE_RCPTS_MAX	200	/* recipients of one notice, after removing repeats */

/* An organisation downstream of the case, and its members' addresses. */
struct unotice_org {
	int64_t		 org_id;
	const char	*slug;
	const char	*name;
	bool		 in_case;	/* a downstream vendor of the case; else proposed */
	const char	**addresses;	/* its active vendor members' e-mail addresses */
	size_t		 naddresses;
};

/* What the draft proposes; every string lives in c->a. */
struct user_notice_draft {
	const char		*case_id;
	enum case_state		 state;
	bool			 fix_available;	/* the notice may be sent now (Art. 7(3)) */
	const char		*subject;	/* zh-CN, then en */
	const char		*body;		/* zh-CN, then en */
	const char		*support_channel;	/* "" */
	struct unotice_org	*downstream;	/* who include_downstream reaches */
	size_t			 ndownstream;
};

/*
 * Propose a notice for case_id (any state; fix_available says whether it
 * may be sent).  The read of the case is audited (svc_case_get).
 * APP_FORBIDDEN for anyone but the staff, APP_NOTFOUND (field "id").
 */
enum app_err	svc_user_notice_draft(const struct svc_ctx *c, const char *case_id,
		    struct user_notice_draft *out, struct fault *f);

/* One recipient of a sent notice, with its delivery evidence (rcpt.delivery...). */
struct user_notice_to {
	struct user_notice_rcpt	 r;
	const char		*org_slug;	/* source downstream: the organisation, else "" */
	const char		*org_name;
};

/* A sent notice, who sent it and its recipients (by address). */
struct user_notice_item {
	struct user_notice_row	 n;
	const char		*author;	/* the sender's login, "" when gone */
	struct user_notice_to	*to;
	size_t			 nto;
};

/*
 * Send a notice of case_id: subject (1..UNOTICE_SUBJECT_MAX bytes, one
 * line), body (1..UNOTICE_BODY_MAX bytes), support_channel (NULL or up to
 * UNOTICE_SUPPORT_MAX bytes, one line), each UTF-8; to the manual
 * addresses (each checked by user_email_check; field "recipients") and,
 * when include_downstream, to the draft's downstream organisations'
 * members.  Repeated addresses (ASCII case ignored) go once, the first
 * kept; at most UNOTICE_RCPTS_MAX, and at least one (else APP_INVALID,
 * field "recipients").  Only once a fix exists: a generic case in
 * fix_available, published, tracking or closed, an incident case fixed or
 * closed; otherwise APP_CONFLICT with rule "Art. 7(3)".  Each recipient
 * passes the disclosure gate (PACT_MAIL, svc_policy_mailbox: the account
 * the address belongs to, else an address of unknown jurisdiction); every
 * decision is logged.  A refused recipient gets no mail and is kept with
 * delivery "refused" and the reason as its last error; when every one is
 * refused, nothing is kept and the answer is APP_CONFLICT with the rule
 * ("Art. 9(7)").  One transaction: the notice, one outbox mail per allowed
 * recipient (the subject; the body and, when given, the support channel
 * line), the recipients, the timeline event "user_notice" and the audit
 * entry "case.user_notice".  *out: the notice with its recipients
 * (deliveries pending, or refused).
 */
enum app_err	svc_user_notice_send(const struct svc_ctx *c, const char *case_id,
		    const char *subject, const char *body, const char *support_channel,
		    const char *const *manual, size_t nmanual, bool include_downstream,
		    struct user_notice_item *out, struct fault *f);

/*
 * The notices of case_id, newest first, each with its recipients and
 * their delivery status from the outbox.  Staff only; APP_NOTFOUND (field
 * "id") for an unknown case.
 */
enum app_err	svc_user_notices(const struct svc_ctx *c, const char *case_id,
		    struct user_notice_item **out, size_t *n, struct fault *f);

/* Whether a case of kind k in state s has a fix, so that notices may go out. */
bool		svc_user_notice_allowed(enum case_kind k, enum case_state s);

#endif
