/*
 * Deadlines: names, the rule behind each kind, the configured periods and
 * reminders, the plan of a new clock and the state machine.  Pure.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/calendar.h"
#include "core/config.h"
#include "core/str.h"
#include "domain/deadline.h"

/* config.h indexes dl_period/dl_reminders in enum deadline_kind order. */
_Static_assert(DL__MAX == CONFIG_DL_KINDS, "config.h CONFIG_DL_KINDS != DL__MAX");

static const char *const kind_names[DL__MAX] = {
	"ack",			/* DL_ACK */
	"vendor_response",	/* DL_VENDOR_RESPONSE */
	"submission",		/* DL_SUBMISSION */
	"publication",		/* DL_PUBLICATION */
	"filing_review",	/* DL_FILING_REVIEW */
	"filing_supplement",	/* DL_FILING_SUPPLEMENT */
	"change_filing",	/* DL_CHANGE_FILING */
	"initial_filing",	/* DL_INITIAL_FILING */
	"dispute",		/* DL_DISPUTE */
	"warning_ack",		/* DL_WARNING_ACK */
};

static const char *const kind_rules[DL__MAX] = {
	"R42 (ISO/IEC 29147 6.2)",		/* DL_ACK */
	"R34 (Art. 8)",				/* DL_VENDOR_RESPONSE */
	"R5 (Art. 7(2))",			/* DL_SUBMISSION */
	"R34 (Art. 9; CNVD practice)",		/* DL_PUBLICATION */
	"R24 (办法 第五条)",			/* DL_FILING_REVIEW */
	"R24 (办法 第五条)",			/* DL_FILING_SUPPLEMENT */
	"R22 (办法 第六条)",			/* DL_CHANGE_FILING */
	"R25 (办法 第八条)",			/* DL_INITIAL_FILING */
	"R40 (CAPPVD 支撑单位: 争议协调)",	/* DL_DISPUTE */
	"R40 (CAPPVD 支撑单位: 预警)",		/* DL_WARNING_ACK */
};

/*
 * The configuration defaults, used only if a config that never went
 * through config_load holds a bad period (it cannot after validation).
 */
static const struct period kind_default[DL__MAX] = {
	{ PERIOD_WORKDAYS, 3 },		/* DL_ACK */
	{ PERIOD_WORKDAYS, 10 },	/* DL_VENDOR_RESPONSE */
	{ PERIOD_HOURS, 48 },		/* DL_SUBMISSION */
	{ PERIOD_DAYS, 45 },		/* DL_PUBLICATION */
	{ PERIOD_WORKDAYS, 10 },	/* DL_FILING_REVIEW */
	{ PERIOD_WORKDAYS, 10 },	/* DL_FILING_SUPPLEMENT */
	{ PERIOD_DAYS, 30 },		/* DL_CHANGE_FILING */
	{ PERIOD_WORKDAYS, 10 },	/* DL_INITIAL_FILING */
	{ PERIOD_WORKDAYS, 10 },	/* DL_DISPUTE */
	{ PERIOD_HOURS, 24 },		/* DL_WARNING_ACK */
};

static const char *const state_names[DLS__MAX] = {
	"open",		/* DLS_OPEN */
	"met",		/* DLS_MET */
	"missed",	/* DLS_MISSED */
	"paused",	/* DLS_PAUSED */
	"waived",	/* DLS_WAIVED */
};

/*
 * moves[from][to].  missed -> missed is "met late": the state stays
 * missed (the record keeps that the clock ran out) and met_at is set.
 * met and waived are final.  A paused clock does not run, so it cannot
 * be missed; it is resumed (open), or the step happens (met), or waived.
 */
static const bool moves[DLS__MAX][DLS__MAX] = {
	/*		  open   met    missed paused waived */
	[DLS_OPEN]   = { false, true,  true,  true,  true  },
	[DLS_MET]    = { false, false, false, false, false },
	[DLS_MISSED] = { false, false, true,  false, true  },
	[DLS_PAUSED] = { true,  true,  false, false, true  },
	[DLS_WAIVED] = { false, false, false, false, false },
};

const char *
deadline_kind_name(enum deadline_kind k)
{
	return (unsigned)k < DL__MAX ? kind_names[k] : "unknown";
}

int
deadline_kind_parse(struct str s)
{
	return str_index(kind_names, DL__MAX, s);
}

const char *
deadline_state_name(enum deadline_state s)
{
	return (unsigned)s < DLS__MAX ? state_names[s] : "unknown";
}

int
deadline_state_parse(struct str s)
{
	return str_index(state_names, DLS__MAX, s);
}

const char *
deadline_kind_rule(enum deadline_kind k)
{
	return (unsigned)k < DL__MAX ? kind_rules[k] : "";
}

bool
deadline_kind_pauses(enum deadline_kind k)
{
	/* The legal 2-day 报送 (Art. 7(2)) runs whatever the reporter does. */
	return k == DL_ACK || k == DL_VENDOR_RESPONSE || k == DL_PUBLICATION;
}

void
deadline_period(const struct config *cfg, enum deadline_kind k, struct period *out)
{
	const char	*s = cfg->dl_period[k];

	if (period_parse(s, strnlen(s, sizeof(cfg->dl_period[k])), out) != 0)
		*out = kind_default[k];
}

size_t
deadline_reminders(const struct config *cfg, enum deadline_kind k,
    int64_t out[DEADLINE_REMINDERS_MAX])
{
	char	buf[sizeof(cfg->dl_reminders[k])];
	size_t	n;

	/* A copy, so a field that somehow lost its NUL is still read bounded. */
	memcpy(buf, cfg->dl_reminders[k], sizeof(buf));
	buf[sizeof(buf) - 1] = '\0';
	if (period_list_parse(buf, out, DEADLINE_REMINDERS_MAX, &n) != 0)
		return 0;
	return n;
}

void
deadline_plan(const struct config *cfg, const struct calendar *cal,
    enum deadline_kind k, int64_t basis, struct deadline_plan *out)
{
	struct period	p;
	int64_t		offs[DEADLINE_REMINDERS_MAX];
	size_t		n, i;

	memset(out, 0, sizeof(*out));
	deadline_period(cfg, k, &p);
	out->basis_at = basis;
	out->due_at = period_due(cal, &p, basis, &out->provisional);
	period_format(&p, out->period, sizeof(out->period));
	n = deadline_reminders(cfg, k, offs);
	/* Offsets are largest first, so reminders come out earliest first. */
	for (i = 0; i < n; i++) {
		if (out->due_at - offs[i] <= basis)
			continue;	/* already past when the clock starts */
		out->remind_at[out->nremind] = out->due_at - offs[i];
		out->remind_off[out->nremind] = offs[i];
		out->nremind++;
	}
}

bool
deadline_move_ok(enum deadline_state from, enum deadline_state to)
{
	if ((unsigned)from >= DLS__MAX || (unsigned)to >= DLS__MAX)
		return false;
	return moves[from][to];
}

bool
deadline_overdue(enum deadline_state s, int64_t due_at, int64_t met_at, int64_t now)
{
	/* Due at 24:00 means the instant due_at is already late. */
	if (s == DLS_OPEN)
		return now >= due_at;
	return s == DLS_MISSED && met_at == 0;
}
