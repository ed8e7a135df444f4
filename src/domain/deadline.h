#ifndef LOUDONG_DOMAIN_DEADLINE_H
#define LOUDONG_DOMAIN_DEADLINE_H

/*
 * Deadlines (时限): one engine for every clock the rules set.  A clock has
 * a kind, a subject ("report:<id>", "case:<id>", "vendor:<case>/<org>"),
 * the time it counts from (basis), the time it is due, the rule it comes
 * from, the period it was computed with ("48h", "3wd") and the calendar
 * version used (R26), and a state:
 *
 *	open ──met──► met          (the step happened in time)
 *	  ├─due passes─► missed ──met──► missed, met_at set (late)
 *	  │                 └─waive──► waived
 *	  ├─pause──► paused ──resume──► open (due moved by the paused time)
 *	  │            ├─met──► met
 *	  │            └─waive──► waived
 *	  └─waive (reason)──► waived
 *
 * met and waived are final.  A paused clock does not run, so it is never
 * missed while paused.  Only kinds with deadline_kind_pauses() pause.
 *
 * Reminders fire at configured offsets before the due time, each once.
 * Pure: no I/O; the store keeps the clocks, svc/deadlines.c runs them.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/str.h"

struct config;

enum deadline_kind {
	DL_ACK,			/* acknowledge a report (default 3 working days) */
	DL_VENDOR_RESPONSE,	/* a notified vendor's first answer (10 working days) */
	DL_SUBMISSION,		/* the 2-day 报送 to the national library (R5) */
	DL_PUBLICATION,		/* publication reminder after vendor notice (45 days) */
	DL_FILING_REVIEW,	/* registry: decide a complete 备案 filing (10 working days) */
	DL_FILING_SUPPLEMENT,	/* applicant: answer a 补正 request (10 working days) */
	DL_CHANGE_FILING,	/* platform: file a change of filed information (30 days) */
	DL_INITIAL_FILING,	/* platform live before the 办法: file (10 working days) */
	DL_DISPUTE,		/* registry: coordinate a disclosure/handling dispute (争议协调, R40) */
	DL_WARNING_ACK,		/* a support unit acknowledges a warning (预警) delivered to it */
	DL__MAX
};

enum deadline_state {
	DLS_OPEN,
	DLS_MET,
	DLS_MISSED,
	DLS_PAUSED,
	DLS_WAIVED,
	DLS__MAX
};

const char	*deadline_kind_name(enum deadline_kind k);	/* "ack", "submission" */
int		 deadline_kind_parse(struct str s);		/* -1 if unknown */
const char	*deadline_state_name(enum deadline_state s);	/* "open" */
int		 deadline_state_parse(struct str s);
/* The rule a kind comes from, e.g. "R5 (Art. 7(2))". */
const char	*deadline_kind_rule(enum deadline_kind k);
/*
 * Whether a kind's clock pauses while its case or report waits on the
 * reporter: ack, vendor_response and publication do; submission (the
 * legal 2-day 报送) never does.
 */
bool		 deadline_kind_pauses(enum deadline_kind k);

/*
 * The period and the reminder offsets configured for a kind
 * ([deadlines] <kind> and <kind>_reminders).  The configuration was
 * validated at load, so these cannot fail; offsets are seconds before the
 * due time, largest first, at most DEADLINE_REMINDERS_MAX.
 */
#define DEADLINE_REMINDERS_MAX	8
void	deadline_period(const struct config *cfg, enum deadline_kind k, struct period *out);
size_t	deadline_reminders(const struct config *cfg, enum deadline_kind k,
	    int64_t out[DEADLINE_REMINDERS_MAX]);

/* A computed clock, before it is stored. */
struct deadline_plan {
	int64_t		 basis_at;
	int64_t		 due_at;
	char		 period[16];		/* "48h" */
	bool		 provisional;		/* the calendar did not cover a day used */
	int64_t		 remind_at[DEADLINE_REMINDERS_MAX];	/* each due_at - offset */
	int64_t		 remind_off[DEADLINE_REMINDERS_MAX];	/* the offsets */
	size_t		 nremind;		/* only those after basis_at */
};

/*
 * The clock of kind k counted from basis on calendar cal (NULL: the
 * current one): due_at by period_due, the period text, provisional, and
 * one reminder per configured offset whose time (due_at - offset) is
 * strictly after basis, earliest first.
 */
void	deadline_plan(const struct config *cfg, const struct calendar *cal,
	    enum deadline_kind k, int64_t basis, struct deadline_plan *out);

/*
 * Whether a clock in state `from` may go to `to`, as the diagram above:
 *
 *	from \ to	open	met	missed	paused	waived
 *	open		-	yes	yes	yes	yes
 *	paused		yes	yes	-	-	yes
 *	missed		-	-	yes	-	yes
 *	met, waived	-	-	-	-	-
 *
 * Meeting a missed clock is missed -> missed with met_at set (met late):
 * missed -> met is refused, so the record keeps that the time ran out.
 */
bool	deadline_move_ok(enum deadline_state from, enum deadline_state to);

/*
 * Whether a clock is overdue at now, for lists and pages: open and
 * now >= due_at (due at 24:00 means that instant is late), or missed and
 * not met since (met_at == 0).  Paused, met and waived clocks never are.
 */
bool	deadline_overdue(enum deadline_state s, int64_t due_at, int64_t met_at, int64_t now);

#endif
