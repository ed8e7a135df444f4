#ifndef LOUDONG_SVC_INTAKE_H
#define LOUDONG_SVC_INTAKE_H

/*
 * Receiving a report (Art. 5, 7(2)): validate, seal the details, assign the
 * tracking id, append the receipt-log leaf and sign the new tree head, queue
 * the acknowledgement, all in one durable transaction.  What this returns
 * APP_OK for is on disk.
 */
#include "domain/report.h"
#include "receipts/merkle.h"
#include "store/store.h"
#include "svc/svc.h"

struct intake_in {
	struct report			 r;		/* fields as submitted */
	const struct attachment_in	*files;		/* attachments */
	int				 nfiles;
	const void			*payload;	/* the exact request body */
	size_t				 payload_len;
};

struct intake_receipt {
	const char	*id;				/* tracking id */
	const char	*leaf;				/* the leaf bytes */
	size_t		 leaf_len;
	int64_t		 leaf_index;
	struct log_sth	 sth;				/* covering the leaf */
	unsigned char	 proof[MERKLE_MAX_PROOF][MERKLE_HASH];	/* inclusion */
	size_t		 nproof;
};

/*
 * Submit.  On APP_INVALID the field problems are in problems[0..*nproblems)
 * (and f says how many); nothing is stored.  APP_FORBIDDEN when anonymous
 * intake is off and there is no actor.  c->keys must be set.
 */
enum app_err	svc_report_submit(const struct svc_ctx *c, struct intake_in *in,
		    struct intake_receipt *out, struct report_problem *problems,
		    int *nproblems, struct fault *f);

/*
 * The intake writer: a thread that writes queued reports in batches (group
 * commit) on st, a connection given to it alone.  svc_report_submit needs
 * it running (APP_INTERNAL otherwise).  Start it once; stop it after the
 * last submitter returned: what is queued is written first.  Start returns
 * 0, or -1 when it could not start or already runs.
 */
int		svc_intake_start(struct store *st);
void		svc_intake_stop(void);

/*
 * Append an inbound item other than a report (a message, a reporter's
 * answer) to the receipt log, inside the caller's transaction on c->st:
 * its leaf {id, received_at = c->now, channel, submitter = c->actor,
 * payload_sha256} and a newly signed tree head.  *index: the leaf's index.
 * c->keys must be set.
 */
enum app_err	svc_log_append(const struct svc_ctx *c, const char *id, const char *channel,
		    const char *payload_sha256, int64_t *index);

/* An inclusion proof for leaf index against the tree of size leaves. */
enum app_err	svc_log_inclusion(const struct svc_ctx *c, int64_t index, int64_t size,
		    unsigned char proof[MERKLE_MAX_PROOF][MERKLE_HASH], size_t *n);

/* A consistency proof between the trees of first and second leaves. */
enum app_err	svc_log_consistency(const struct svc_ctx *c, int64_t first, int64_t second,
		    unsigned char proof[MERKLE_MAX_PROOF][MERKLE_HASH], size_t *n);

/*
 * May the actor read this report's undisclosed details?  Reporters their
 * own only; triagers, coordinators and admins all.  Staff reads are written
 * to the audit log (R18).  APP_NOTFOUND (not FORBIDDEN) for others' reports,
 * so ids cannot be probed.
 */
enum app_err	svc_report_read(const struct svc_ctx *c, const char *id,
		    struct report *out, struct fault *f);

/*
 * One attachment of a report, decrypted into c->a, for a reader who may see
 * the report (the same check and audit as svc_report_read).
 */
enum app_err	svc_attachment_read(const struct svc_ctx *c, const char *report_id,
		    int64_t id, struct attachment *at, const unsigned char **data,
		    size_t *len, struct fault *f);

/* Whether the actor sees every report (staff) or only their own. */
bool		svc_report_sees_all(const struct user *u);

#endif
