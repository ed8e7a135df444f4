#ifndef LOUDONG_SVC_REPORTERS_H
#define LOUDONG_SVC_REPORTERS_H

/*
 * Reporter identity verification and levels.  The personal data (real name,
 * identity number, phone) are sealed at rest; staff see them only through
 * svc_profile_get(unseal), which is audited.
 */
#include "domain/reporter.h"
#include "svc/svc.h"

struct profile_in {
	const char	*real_name;
	const char	*id_type;	/* id_type_name() */
	const char	*id_number;
	const char	*phone;
};

/* The actor (a reporter) submits or replaces their identity: back to pending, level 0. */
enum app_err	svc_profile_submit(const struct svc_ctx *c, const struct profile_in *in,
		    struct reporter_profile *out, struct fault *f);

/*
 * One profile.  unseal: decrypt the personal data (staff reviewing; the read
 * is audited).  A reporter may get only their own, masked.
 */
enum app_err	svc_profile_get(const struct svc_ctx *c, int64_t user_id, bool unseal,
		    struct reporter_profile *out, struct fault *f);

/* Staff decide: "verified" (level at least 1) or "rejected" (reason required, level 0). */
enum app_err	svc_profile_review(const struct svc_ctx *c, int64_t user_id,
		    const char *decision, const char *reason, struct fault *f);

/* Staff set a level 0..3 (rules: domain/reporter.c, thresholds: [reporters]). */
enum app_err	svc_profile_level(const struct svc_ctx *c, int64_t user_id, int level,
		    struct fault *f);

/* The actor's level (0 without a profile). */
int		svc_reporter_level(const struct svc_ctx *c);

#endif
