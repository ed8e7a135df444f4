#ifndef LOUDONG_SVC_WARNINGS_H
#define LOUDONG_SVC_WARNINGS_H

/*
 * Warnings (预警, issue 9; R40; the CAPPVD notice: 共享重大漏洞/安全事件预警
 * 信息, 优先参与…活动): a registry's staff, or a member of one of its active
 * support units, issue a warning about a major vulnerability, an incident
 * or an activity; it is delivered at once to every unit entitled to it
 * (domain/warning.h warning_entitled: need-to-know), each delivery through
 * the Art. 9(7) gate with the unit organisation's country.  A delivered
 * unit's members are told (a notice each, a mail each without details) and
 * a warning_ack clock ("warning:<id>/<unit id>") runs until one of them
 * acknowledges.  A refused unit keeps a delivery row with the rule and is
 * sent nothing.
 *
 * Readers: staff, regulators (read-only), and the members of a unit with a
 * delivered or acknowledged delivery (every such read is audited), and the
 * members of the issuing unit; anyone else gets APP_NOTFOUND, the answer an
 * unknown id gets, so a warning's existence is not revealed.  The public
 * sees, from public_at on, title, kind, severity, the summary and the date,
 * never the body, and never an incident (Art. 9(2)).
 *
 * Registry role only: elsewhere every use case answers APP_NOTFOUND.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/warning.h"
#include "store/store.h"
#include "svc/svc.h"

/* The notice kind of everything this area tells people. */
#define WARNING_NOTICE_KIND	"warning"

bool		svc_warnings_on(const struct svc_ctx *c);

/* May the actor issue warnings (staff, or a member of an active unit)? */
bool		svc_warning_may_issue(const struct svc_ctx *c);

/*
 * Issue a warning: every field checked (APP_INVALID with each problem in
 * p[0..*np), at most WARNING_MAX_PROBLEMS, the first in f), named units
 * must exist (APP_INVALID naming "units"); then in one transaction the
 * warning, one delivery per entitled unit through the gate, the notices,
 * mails and clocks of the delivered ones, the audit entry, and (issued by
 * a unit) the contribution credited to the issuing organisation's units.
 * Neither staff nor a unit member: APP_FORBIDDEN (rule "R40").
 */
enum app_err	svc_warning_issue(const struct svc_ctx *c, const struct warning_in *in,
		    struct warning_row *out, struct wd_problem *p, int *np, struct fault *f);

/* One warning as its reader may see it. */
struct warning_view {
	struct warning_row	 w;
	const char		*body;		/* Markdown, opened */
	bool			 staff;		/* the deliveries below are set */
	struct warning_delivery	*deliveries;
	size_t			 ndeliveries;
	bool			 member;	/* the reader is a member of a delivered unit */
	bool			 can_ack;	/* …with a delivery still to acknowledge */
	int64_t			 acked_at;	/* …acknowledged (0: not yet) */
	const char		*acked_by;	/* "" */
};

/* Read one (see above for who may); APP_NOTFOUND for anyone else. */
enum app_err	svc_warning_get(const struct svc_ctx *c, const char *id, struct warning_view *out,
		    struct fault *f);

/*
 * The warnings for the actor, newest first: staff and regulators all;
 * anyone else those delivered to a unit of their organisation, or issued
 * by it (none without an organisation).
 */
enum app_err	svc_warning_list(const struct svc_ctx *c, int64_t cursor, int limit,
		    struct warning_row **out, size_t *n, struct fault *f);

/*
 * A member acknowledges: every delivery of the warning to a unit of the
 * actor's organisation still delivered becomes acknowledged (who, when),
 * its clock met.  Withdrawn: APP_CONFLICT; acknowledged already: APP_OK,
 * nothing changes; not a member of a delivered unit: APP_NOTFOUND.
 */
enum app_err	svc_warning_ack(const struct svc_ctx *c, const char *id, struct warning_view *out,
		    struct fault *f);

/*
 * Staff withdraw a warning with a reason: the open clocks of its
 * deliveries are waived and the delivered units' members told.
 */
enum app_err	svc_warning_withdraw(const struct svc_ctx *c, const char *id, const char *reason,
		    struct warning_row *out, struct fault *f);

/* The public list (anyone): skip, then up to limit. */
enum app_err	svc_warning_public(const struct svc_ctx *c, int64_t skip, int limit,
		    struct warning_row **out, size_t *n, struct fault *f);

/*
 * For the scheduler (svc/deadlines.c), inside its transaction: a
 * warning_ack clock of subject "warning:<id>/<unit id>" was reminded or
 * missed; tell the unit's members too (a notice each, a mail each with the
 * subject and body given).  Another subject: nothing.
 */
enum app_err	svc_warning_clock_tell(const struct svc_ctx *c, const char *subject,
		    const char *notice_kind, const char *text, const char *mail_subject,
		    const char *mail_body);

#endif
