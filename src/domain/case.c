#include <stdio.h>
#include <string.h>

#include "core/str.h"
#include "domain/case.h"

static const char *const kind_names[CKIND__MAX] = { "generic", "incident" };
static const char *const state_names[CSTATE__MAX] = {
	"verified",		/* CSTATE_VERIFIED */
	"graded",		/* CSTATE_GRADED */
	"vendor_notified",	/* CSTATE_VENDOR_NOTIFIED */
	"in_remediation",	/* CSTATE_IN_REMEDIATION */
	"fix_available",	/* CSTATE_FIX_AVAILABLE */
	"published",		/* CSTATE_PUBLISHED */
	"tracking",		/* CSTATE_TRACKING */
	"closed",		/* CSTATE_CLOSED */
	"reopened",		/* CSTATE_REOPENED */
	"operator_notified",	/* CSTATE_OPERATOR_NOTIFIED */
	"fixed",		/* CSTATE_FIXED */
};
static const char *const decision_names[TRIAGE__MAX] = {
	"accept", "reject", "duplicate", "needs_info",
};
static const char *const reject_names[REJECT__MAX] = {
	"out_of_scope", "not_reproducible", "not_vulnerability",
	"insufficient_info", "spam", "already_public",
};

/* Which states each kind's workflow has. */
static const bool kind_has[CKIND__MAX][CSTATE__MAX] = {
	[CKIND_GENERIC] = {
		[CSTATE_VERIFIED] = true, [CSTATE_GRADED] = true,
		[CSTATE_VENDOR_NOTIFIED] = true, [CSTATE_IN_REMEDIATION] = true,
		[CSTATE_FIX_AVAILABLE] = true, [CSTATE_PUBLISHED] = true,
		[CSTATE_TRACKING] = true, [CSTATE_CLOSED] = true,
		[CSTATE_REOPENED] = true,
	},
	[CKIND_INCIDENT] = {
		[CSTATE_VERIFIED] = true, [CSTATE_OPERATOR_NOTIFIED] = true,
		[CSTATE_FIXED] = true, [CSTATE_CLOSED] = true,
	},
};

enum move {
	MOVE_NONE,	/* not in the workflow (zero: the default) */
	MOVE_FREE,	/* allowed */
	MOVE_REASON,	/* allowed with a non-blank reason */
};

/*
 * The workflow (R34, DESIGN.md §3): moves[kind][from][to].  The order is
 * strict; the only side roads are the early closes (withdrawn before
 * publication) and the reopenings, and both need a reason.
 */
static const unsigned char moves[CKIND__MAX][CSTATE__MAX][CSTATE__MAX] = {
	[CKIND_GENERIC] = {
		[CSTATE_VERIFIED] = {
			[CSTATE_GRADED] = MOVE_FREE,
			[CSTATE_CLOSED] = MOVE_REASON,
		},
		[CSTATE_GRADED] = {
			[CSTATE_VENDOR_NOTIFIED] = MOVE_FREE,
			[CSTATE_CLOSED] = MOVE_REASON,
		},
		[CSTATE_VENDOR_NOTIFIED] = {
			[CSTATE_IN_REMEDIATION] = MOVE_FREE,
			[CSTATE_CLOSED] = MOVE_REASON,
		},
		[CSTATE_IN_REMEDIATION] = {
			[CSTATE_FIX_AVAILABLE] = MOVE_FREE,
			[CSTATE_CLOSED] = MOVE_REASON,
		},
		[CSTATE_FIX_AVAILABLE] = {
			[CSTATE_PUBLISHED] = MOVE_FREE,	/* but see the gate below */
			[CSTATE_CLOSED] = MOVE_REASON,
		},
		[CSTATE_PUBLISHED] = {
			[CSTATE_TRACKING] = MOVE_FREE,
		},
		[CSTATE_TRACKING] = {
			[CSTATE_CLOSED] = MOVE_FREE,
			[CSTATE_REOPENED] = MOVE_REASON,
		},
		[CSTATE_CLOSED] = {
			[CSTATE_REOPENED] = MOVE_REASON,
		},
		[CSTATE_REOPENED] = {
			[CSTATE_IN_REMEDIATION] = MOVE_FREE,
		},
	},
	[CKIND_INCIDENT] = {
		[CSTATE_VERIFIED] = {
			[CSTATE_CLOSED] = MOVE_REASON,
			[CSTATE_OPERATOR_NOTIFIED] = MOVE_FREE,
		},
		[CSTATE_OPERATOR_NOTIFIED] = {
			[CSTATE_CLOSED] = MOVE_REASON,
			[CSTATE_FIXED] = MOVE_FREE,
		},
		[CSTATE_FIXED] = {
			[CSTATE_CLOSED] = MOVE_FREE,
		},
	},
};

const char *
case_kind_name(enum case_kind k)
{
	return (unsigned)k < CKIND__MAX ? kind_names[k] : "?";
}

const char *
case_state_name(enum case_state s)
{
	return (unsigned)s < CSTATE__MAX ? state_names[s] : "?";
}

const char *
triage_decision_name(enum triage_decision d)
{
	return (unsigned)d < TRIAGE__MAX ? decision_names[d] : "?";
}

const char *
reject_reason_name(enum reject_reason r)
{
	return (unsigned)r < REJECT__MAX ? reject_names[r] : "?";
}

int
case_kind_parse(const char *text)
{
	return str_index(kind_names, CKIND__MAX, str_from(text));
}

int
case_state_parse(const char *text)
{
	return str_index(state_names, CSTATE__MAX, str_from(text));
}

int
triage_decision_parse(const char *text)
{
	return str_index(decision_names, TRIAGE__MAX, str_from(text));
}

int
reject_reason_parse(const char *text)
{
	return str_index(reject_names, REJECT__MAX, str_from(text));
}

bool
case_state_of_kind(enum case_kind k, enum case_state s)
{
	return (unsigned)k < CKIND__MAX && (unsigned)s < CSTATE__MAX &&
	    kind_has[k][s];
}

/* NULL, empty, or only spaces, tabs and line breaks. */
static bool
blank(const char *s)
{
	if (s == NULL)
		return true;
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

/*
 * Why state s is not one of kind k's: an incident case refuses the generic
 * states under R9 (Art. 8: an operator's live system, never published); a
 * generic case refuses the incident ones under R34.
 */
static enum msg_id
not_of_kind(enum case_kind k, enum case_state s, const char **rule)
{
	if (k == CKIND_INCIDENT && (unsigned)s < CSTATE__MAX) {
		*rule = "R9";
		return s == CSTATE_PUBLISHED ? MSG_ERR_CASE_INCIDENT_PUBLISH :
		    MSG_ERR_CASE_NOT_OF_KIND;
	}
	*rule = "R34";
	return MSG_ERR_CASE_NOT_OF_KIND;
}

enum msg_id
case_transition_check(enum case_kind k, enum case_state from,
    enum case_state to, const char *reason, const char **rule)
{
	const char	*dummy;
	enum msg_id	 m;

	if (rule == NULL)
		rule = &dummy;
	*rule = "R34";
	if ((unsigned)k >= CKIND__MAX) {
		m = MSG_ERR_CASE_NOT_OF_KIND;
		goto out;
	}
	/*
	 * The current state first: a case cannot be where its kind has no
	 * state, so that is the refusal whatever the target.
	 */
	if (!case_state_of_kind(k, from)) {
		if (k == CKIND_INCIDENT && (unsigned)from < CSTATE__MAX)
			*rule = "R9";
		m = MSG_ERR_CASE_NOT_OF_KIND;
		goto out;
	}
	if (!case_state_of_kind(k, to)) {
		m = not_of_kind(k, to, rule);
		goto out;
	}
	if (from == to) {
		m = MSG_ERR_CASE_SAME;
		goto out;
	}
	switch (moves[k][from][to]) {
	case MOVE_NONE:
		m = MSG_ERR_CASE_MOVE;
		goto out;
	case MOVE_REASON:
		if (blank(reason)) {
			*rule = "R34.reason";
			m = MSG_ERR_CASE_REASON;
			goto out;
		}
		break;
	default:
		break;
	}
	/*
	 * A case is published by publishing its advisory, which asks the
	 * disclosure gate (Art. 9) first (svc/advisories.c uses
	 * case_publish_move_ok); a bare move is refused.  Do not drop this
	 * check when the table above allows the move.
	 */
	if (to == CSTATE_PUBLISHED) {
		*rule = "policy.disclosure_gate";
		m = MSG_ERR_CASE_PUBLISH_GATE;
		goto out;
	}
	*rule = NULL;
	m = MSG_OK;
out:
	return m;
}

bool
case_publish_move_ok(enum case_kind k, enum case_state from)
{
	const char *rule;
	enum msg_id m = case_transition_check(k, from, CSTATE_PUBLISHED, NULL, &rule);

	return m == MSG_ERR_CASE_PUBLISH_GATE;
}

size_t
case_next_states(enum case_kind k, enum case_state from,
    enum case_state out[CSTATE__MAX])
{
	size_t	n = 0;
	int	to;

	if (!case_state_of_kind(k, from))
		return 0;
	for (to = 0; to < CSTATE__MAX; to++)
		if (moves[k][from][to] != MOVE_NONE)
			out[n++] = (enum case_state)to;
	return n;
}

void
case_id_format(char *buf, size_t size, const char *prefix, int year,
    long long seq)
{
	if (buf == NULL || size == 0)
		return;
	snprintf(buf, size, "%s-C-%d-%06lld", prefix != NULL ? prefix : "",
	    year, seq);
}

/* How many ASCII digits start s. */
static size_t
digits(const char *s)
{
	size_t	n = 0;

	while (s[n] >= '0' && s[n] <= '9')
		n++;
	return n;
}

bool
case_id_valid(const char *text)
{
	size_t	i = 0, n;

	if (text == NULL)
		return false;
	while ((text[i] >= 'A' && text[i] <= 'Z') ||
	    (text[i] >= '0' && text[i] <= '9'))
		i++;
	if (i == 0 || i > 16 || strncmp(text + i, "-C-", 3) != 0)
		return false;
	i += 3;
	if (digits(text + i) != 4 || text[i + 4] != '-')
		return false;
	i += 5;
	/* At least 6 digits; at most 19, what a long long seq can print. */
	n = digits(text + i);
	return n >= 6 && n <= 19 && text[i + n] == '\0';
}
