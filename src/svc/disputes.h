#ifndef LOUDONG_SVC_DISPUTES_H
#define LOUDONG_SVC_DISPUTES_H

/*
 * Disputes (争议协调, issue 9; R40; the CAPPVD notice grants support units
 * 对漏洞信息披露和处置争议事项的优先协调权): an account of an organisation
 * (a vendor, a platform, a unit…), or staff on behalf of one, asks the
 * registry to coordinate a dispute about a vulnerability's disclosure or
 * handling.  Each gets an id <[units] dispute_prefix>-YYYY-NNNNNN, a
 * receipt-log leaf, a 'dispute' clock ("dispute:<id>") and a priority: the
 * filer organisation's highest active unit level + 1, else 0, kept as
 * computed at filing.  The staff's queue orders open ones first, then by
 * priority, due time and id (domain/warning.h dispute_queue_cmp).
 *
 * Steps (each an event on the timeline, an audit entry and a notice to the
 * filer): staff assign (open -> coordinating), staff and the filer add
 * notes (staff also the other party's statement), staff resolve with an
 * outcome (the clock met), the filer withdraws (the clock waived).  The
 * statement, the desired outcome, the notes and the outcome are sealed.
 *
 * Readers: staff, and the filer (or whoever recorded it for them); anyone
 * else APP_NOTFOUND.  Registry role only.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/warning.h"
#include "store/store.h"
#include "svc/svc.h"

#define DISPUTE_NOTICE_KIND	"dispute"

bool		svc_disputes_on(const struct svc_ctx *c);

struct dispute_new {
	struct dispute_in	 in;
	const char		*on_behalf_of;	/* staff: the filer's login; NULL or "": the actor */
	const char		*channel;	/* the receipt leaf's: "api" or "web" */
	const void		*payload;	/* the exact request received (NULL: the statement) */
	size_t			 payload_len;
};

/*
 * File a dispute: the fields checked (APP_INVALID, problems as for
 * warnings); the filer needs an organisation (APP_FORBIDDEN, rule "R40",
 * field "on_behalf_of" for staff naming someone without one); on_behalf_of
 * is the staff's (APP_FORBIDDEN otherwise) and must name an active
 * account (APP_INVALID).
 */
enum app_err	svc_dispute_file(const struct svc_ctx *c, const struct dispute_new *in,
		    struct dispute_row *out, struct wd_problem *p, int *np, struct fault *f);

struct dispute_view {
	struct dispute_row	 d;
	bool			 staff;
	bool			 filer;
	const char		*statement;
	const char		*outcome_wanted;	/* "" */
	const char		*resolution;		/* "" until resolved */
	struct dispute_event	*events;	/* oldest first, notes opened */
	size_t			 nevents;
};
enum app_err	svc_dispute_get(const struct svc_ctx *c, const char *id, struct dispute_view *out,
		    struct fault *f);

/*
 * Staff: the queue (state a word or NULL, open_only); anyone else their
 * own disputes in the same order.
 */
enum app_err	svc_dispute_list(const struct svc_ctx *c, const char *state, bool open_only,
		    int64_t skip, int limit, struct dispute_row **out, size_t *n,
		    struct fault *f);

/* Staff: give it to assignee (a staff login; NULL or "": the actor); open -> coordinating. */
enum app_err	svc_dispute_assign(const struct svc_ctx *c, const char *id, const char *assignee,
		    struct dispute_row *out, struct fault *f);
/*
 * Staff or the filer: a note on an open dispute; party (staff only): the
 * note is the other party's statement.
 */
enum app_err	svc_dispute_note(const struct svc_ctx *c, const char *id, const char *note,
		    bool party, struct dispute_row *out, struct fault *f);
/* Staff: coordinating -> resolved with the outcome (sealed); the clock met. */
enum app_err	svc_dispute_resolve(const struct svc_ctx *c, const char *id, const char *outcome,
		    struct dispute_row *out, struct fault *f);
/* The filer: open or coordinating -> withdrawn (reason optional); the clock waived. */
enum app_err	svc_dispute_withdraw(const struct svc_ctx *c, const char *id, const char *reason,
		    struct dispute_row *out, struct fault *f);

/* Staff: the accounts a dispute may be given to. */
enum app_err	svc_dispute_assignees(const struct svc_ctx *c, struct user **out, size_t *n,
		    struct fault *f);

#endif
