#ifndef LOUDONG_SVC_COMPLAINTS_H
#define LOUDONG_SVC_COMPLAINTS_H

/*
 * Complaints (举报, issue 8; 《网络产品安全漏洞收集平台备案管理办法》第九条):
 * the registry's channel where anyone reports a vulnerability collection
 * platform suspected of breaking laws and regulations, by the public form,
 * the API, or the published phone and e-mail (staff record those).
 *
 * Only in the registry role: elsewhere every use case answers APP_NOTFOUND
 * (MSG_ERR_COMPLAINTS_OFF).  Submitting needs no account; everything else
 * is the staff's (svc_staff: PERM_CASES_MANAGE, as the registry's 报送),
 * audited and kept in the complaint's history.  The complainant follows
 * their complaint with its tracking id and the status token given once at
 * submission (only the token's SHA-256 is stored, as for API tokens), or
 * through the account it was sent from.
 *
 * What the complainant wrote, their contact details, the investigation
 * notes and the outcome note are sealed at rest (svc/seal.h); the platform
 * complained about is kept in the clear for the filters and statistics.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/complaint.h"
#include "store/store.h"
#include "svc/intake.h"
#include "svc/svc.h"

/*
 * Submissions per client address and window, for everyone but staff
 * recording a phone or e-mail complaint.  The address is kept only as a
 * hash, and only for the window.
 */
#define COMPLAINT_ADDR_WINDOW	3600	/* seconds */
#define COMPLAINT_ADDR_MAX	10	/* complaints per address per window */

/* The status token's prefix (crypto_token_new): "ldc_" + 43 characters. */
#define COMPLAINT_TOKEN_PREFIX	"ldc_"

/* Platforms the statistics list at most. */
#define COMPLAINT_STATS_PLATFORMS	50

/* A complaint as sent. */
struct complaint_new {
	struct complaint_in	 in;		/* the fields */
	const char		*channel;	/* NULL: "api"; "web"; staff: "phone", "email" */
	bool			 anonymous;	/* do not link it to the actor's account */
	const void		*payload;	/* the exact request received */
	size_t			 payload_len;
};

/* What the complainant gets back, once. */
struct complaint_receipt {
	struct complaint_row	 c;		/* as stored */
	char			 token[CRYPTO_TOKEN_MAX];	/* the status token; wipe after use */
	struct intake_receipt	 r;		/* the leaf, its signed tree head and inclusion proof */
};

/* Whether this instance takes complaints (the registry role). */
bool		svc_complaints_on(const struct svc_ctx *c);

/*
 * Receive a complaint: check every field (APP_INVALID with each problem in
 * p[0..*np), at most COMPLAINT_MAX_PROBLEMS, and the first in f), refuse
 * past the address throttle (APP_THROTTLED, f->iarg the seconds to wait),
 * then in one transaction take the tracking id <[complaints] id_prefix>-
 * <YYYY>-<seq>, seal the text and contact, append the receipt-log leaf
 * (channel web, api, phone or email; submitter "anonymous" unless linked
 * to an account or recorded by staff), store it with the hash of a new
 * status token, write its first history step and the audit entry, and
 * tell the staff.  Channels phone and email are the staff's (APP_FORBIDDEN
 * otherwise): they record a complaint received there, linked to nobody.
 */
enum app_err	svc_complaint_submit(const struct svc_ctx *c, const struct complaint_new *in,
		    struct complaint_receipt *out, struct complaint_problem *p, int *np,
		    struct fault *f);

/* One complaint as its reader may see it. */
struct complaint_view {
	struct complaint_row	 c;
	bool			 full;		/* staff: the fields below are set */
	const char		*text;		/* the complaint */
	const char		*contact;	/* "" if none */
	const char		*outcome_note;	/* "" until closed */
	struct complaint_event	*events;	/* oldest first, notes opened */
	size_t			 nevents;
};

/*
 * Read a complaint.  Staff get everything (the read is audited); the
 * complainant, with the status token (token, any length) or from the
 * account it was sent from, gets the row only: state, outcome, times,
 * never the notes.  Anyone else, a wrong token or an unknown id:
 * APP_NOTFOUND, the same answer for each.
 */
enum app_err	svc_complaint_get(const struct svc_ctx *c, const char *id, const char *token,
		    struct complaint_view *out, struct fault *f);

/*
 * Staff: newest first by the filter (state and category must be words of
 * domain/complaint.h: APP_INVALID naming "state" or "category").
 */
enum app_err	svc_complaint_list(const struct svc_ctx *c, const struct complaint_filter *flt,
		    struct complaint_row **out, size_t *n, struct fault *f);

/*
 * Staff: give an open complaint to assignee (a login; NULL or "": the
 * actor), who must be an active account holding the staff permission
 * (APP_INVALID naming "assignee").  Told by a notice when it is someone
 * else.  The same assignee again changes nothing.  A closed one:
 * APP_CONFLICT.
 */
enum app_err	svc_complaint_assign(const struct svc_ctx *c, const char *id,
		    const char *assignee, struct complaint_row *out, struct fault *f);

/*
 * Staff: an investigation note (sealed) on an assigned or investigating
 * complaint, which is then investigating.  APP_INVALID naming "note";
 * APP_CONFLICT when not yet assigned or closed.
 */
enum app_err	svc_complaint_note(const struct svc_ctx *c, const char *id, const char *note,
		    struct complaint_row *out, struct fault *f);

/*
 * Staff: close with an outcome word and a note (sealed; why, to whom it
 * was referred, which complaint it duplicates).  APP_INVALID naming
 * "outcome" or "note"; APP_CONFLICT (field "outcome") for a step
 * domain/complaint.h does not allow.
 */
enum app_err	svc_complaint_close(const struct svc_ctx *c, const char *id, const char *outcome,
		    const char *note, struct complaint_row *out, struct fault *f);

/* Counts, by state, outcome and category, and the platforms most complained about. */
struct complaint_stats {
	int				 year;		/* 0: all years */
	int64_t				 total;
	int64_t				 by_state[CST__MAX];
	int64_t				 by_outcome[COUT__MAX];	/* [COUT_NONE]: 0 */
	int64_t				 by_category[CCAT__MAX];
	struct complaint_platform_stat	*platforms;	/* most complaints first */
	size_t				 nplatforms;	/* at most COMPLAINT_STATS_PLATFORMS */
};
/* Staff: of complaints numbered in year (0: all). */
enum app_err	svc_complaint_stats(const struct svc_ctx *c, int year,
		    struct complaint_stats *out, struct fault *f);

/* Staff: the active accounts a complaint may be assigned to (by login). */
enum app_err	svc_complaint_assignees(const struct svc_ctx *c, struct user **out,
		    size_t *n, struct fault *f);

#endif
