#ifndef LOUDONG_SVC_DEADLINES_H
#define LOUDONG_SVC_DEADLINES_H

/*
 * The clocks (issue 6; domain/deadline.h): started, met, paused and
 * resumed by the services whose steps they time, inside those steps'
 * transactions, and run by the scheduler, which fires each reminder once
 * and marks clocks missed (a vendor whose answer is late becomes
 * unresponsive, R34).  Computed on the process's working-day calendar
 * (calendar_current(), R26).
 *
 * Subjects: "report:<id>" (ack), "vendor:<case>/<org slug>"
 * (vendor_response), "case:<id>" (submission, publication).
 */
#include <stddef.h>
#include <stdint.h>

#include "domain/deadline.h"
#include "store/store.h"
#include "svc/svc.h"

/*
 * Inside the caller's transaction.  start: a clock of kind k for subject
 * counting from basis, with its reminders, unless the subject has one of
 * that kind already (nothing changes then).  met: the step happened (a
 * missed clock records that it was met late); pause / resume: while the
 * subject waits on the reporter (only kinds that pause).  A subject
 * without such a clock, or one not in a state the move starts from, is
 * left alone (APP_OK).
 */
enum app_err	svc_clock_start(const struct svc_ctx *c, enum deadline_kind k,
		    const char *subject, const char *case_id, const char *report_id,
		    int64_t basis);
enum app_err	svc_clock_met(const struct svc_ctx *c, enum deadline_kind k,
		    const char *subject);
enum app_err	svc_clock_pause(const struct svc_ctx *c, enum deadline_kind k,
		    const char *subject);
enum app_err	svc_clock_resume(const struct svc_ctx *c, enum deadline_kind k,
		    const char *subject);
/* Waive, inside the caller's transaction, with reason (the 报送's own waiver). */
enum app_err	svc_clock_waive(const struct svc_ctx *c, enum deadline_kind k,
		    const char *subject, const char *reason);
/* Whether this instance keeps the 2-day 报送 clock (provider role, or [federation] submissions). */
bool		svc_submissions_on(const struct svc_ctx *c);

/*
 * The clocks, soonest due first, for the staff and the auditor: filter
 * state (a state name or "overdue"), case_id, report_id, kind (NULL:
 * all), skip rows then up to limit.
 */
struct deadline_query {
	const char	*state;
	const char	*case_id;
	const char	*report_id;
	const char	*kind;
	int64_t		 skip;
	int		 limit;
};
enum app_err	svc_deadline_list(const struct svc_ctx *c, const struct deadline_query *q,
		    struct deadline_row **out, size_t *n, struct fault *f);
/* One clock with its reminders. */
enum app_err	svc_deadline_get(const struct svc_ctx *c, int64_t id, struct deadline_row *out,
		    struct reminder_row **rem, size_t *nrem, struct fault *f);
/*
 * A coordinator waives a clock with a reason (its own transaction; on the
 * case's timeline and in the audit log).  The 报送's clock is waived with
 * the 报送 (svc_submission_waive), so the reason stays on the record.
 */
enum app_err	svc_deadline_waive(const struct svc_ctx *c, int64_t id, const char *reason,
		    struct deadline_row *out, struct fault *f);

/*
 * One run of the scheduler, judging as if the clock read as_of (c->now is
 * what it records): every reminder due fires once, in the transaction that
 * queues its notices and mail (of several due at once for one clock, only
 * the latest is told); every open clock past due becomes missed, with its
 * effect (a vendor's answer: the vendor is marked unresponsive and the
 * case flagged), a notice to the staff and a mail to the coordinators.
 */
enum app_err	svc_deadlines_run(const struct svc_ctx *c, int64_t as_of, size_t *reminded,
		    size_t *missed);

/*
 * Give a clock to what should have one and has none (data kept before
 * clocks existed, or a platform that turned [federation] submissions on),
 * counted from its real basis, so a clock already past due is missed at
 * the next run.  *started: how many.  The scheduler runs it at start.
 */
enum app_err	svc_deadlines_backfill(const struct svc_ctx *c, size_t *started);

#endif
