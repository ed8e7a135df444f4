#ifndef LOUDONG_SVC_NOTICES_H
#define LOUDONG_SVC_NOTICES_H

/*
 * In-app notices (issue 5): what a user is told inside Loudong besides
 * mail.  (The follow-up of vendors that do not answer is a clock now:
 * svc/deadlines.h.)
 *
 * A notice's subject names what it is about ("case:<id>" or "report:<id>")
 * and its text says what happened; neither ever carries undisclosed
 * details (the recipient logs in and opens the case to read them).
 */
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "svc/svc.h"

#define NOTICE_KIND_MAX		64	/* bytes of a kind */
#define NOTICE_SUBJECT_MAX	128	/* bytes of a subject */
#define NOTICE_TEXT_MAX		1000	/* bytes of a text */
#define NOTICE_LIST_MAX		100	/* notices one listing returns at most */

/*
 * Tell user_id: kind (e.g. "vendor_notified", "vendor_unresponsive"),
 * subject ("case:<id>"), text (what happened, no details).  Runs INSIDE
 * the caller's transaction (no begin/commit).  APP_INVALID for an empty or
 * oversized field, else APP_OK or APP_STORE.
 */
enum app_err	svc_notice_user(const struct svc_ctx *c, int64_t user_id, const char *kind,
		    const char *subject, const char *text);

/*
 * Tell every active member with role vendor of organisation org_id; *n
 * receives how many were told.  Inside the caller's transaction.
 */
enum app_err	svc_notice_org(const struct svc_ctx *c, int64_t org_id, const char *kind,
		    const char *subject, const char *text, size_t *n);

/*
 * Tell every active coordinator and admin; *n receives how many were told.
 * Inside the caller's transaction.
 */
enum app_err	svc_notice_staff(const struct svc_ctx *c, const char *kind,
		    const char *subject, const char *text, size_t *n);

/*
 * The actor's notices, newest first: only unseen ones when unseen_only,
 * with id below cursor (0: from the newest), up to limit (1..NOTICE_LIST_MAX).
 * Rows live in c->a.  APP_UNAUTH without an actor.
 */
enum app_err	svc_notice_list(const struct svc_ctx *c, bool unseen_only, int64_t cursor,
		    int limit, struct notice_row **out, size_t *n, struct fault *f);

/*
 * Mark one of the actor's own notices seen (seen again: nothing changes).
 * Another user's notice, or none: APP_NOTFOUND.  When a vendor member sees
 * a "vendor_notified" notice about "case:<id>", the case records that the
 * vendor saw it (case_vendors.first_seen_at, once), a 'vendor_seen'
 * timeline event and an audit entry, in the same transaction.
 */
enum app_err	svc_notice_seen(const struct svc_ctx *c, int64_t id, struct fault *f);

#endif
