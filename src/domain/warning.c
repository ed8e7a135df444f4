/* Warnings (预警) and disputes (争议协调), issue 9; R40: words, checks, steps; pure. */
#include <stdio.h>
#include <string.h>

#include "core/calendar.h"
#include "core/str.h"
#include "core/utf8.h"
#include "domain/warning.h"

static const char *const kind_names[WK__MAX] = {
	"vulnerability",	/* WK_VULNERABILITY */
	"incident",		/* WK_INCIDENT */
	"activity",		/* WK_ACTIVITY */
};

static const char *const severity_names[WSEV__MAX] = {
	"critical",	/* WSEV_CRITICAL */
	"high",		/* WSEV_HIGH */
	"medium",	/* WSEV_MEDIUM */
	"low",		/* WSEV_LOW */
};

static const char *const wstate_names[WST__MAX] = {
	"issued",	/* WST_ISSUED */
	"withdrawn",	/* WST_WITHDRAWN */
};

static const char *const dstate_names[WDS__MAX] = {
	"delivered",	/* WDS_DELIVERED */
	"acknowledged",	/* WDS_ACKNOWLEDGED */
	"refused",	/* WDS_REFUSED */
};

static const char *const category_names[DCAT__MAX] = {
	"disclosure",	/* DCAT_DISCLOSURE */
	"handling",	/* DCAT_HANDLING */
};

static const char *const dispute_state_names[DST__MAX] = {
	"open",		/* DST_OPEN */
	"coordinating",	/* DST_COORDINATING */
	"resolved",	/* DST_RESOLVED */
	"withdrawn",	/* DST_WITHDRAWN */
};

static int
find(const char *const *names, int n, const char *s)
{
	return s != NULL && s[0] != '\0' ? str_index(names, n, str_from(s)) : -1;
}

#define NAME_OF(table, max, v)	((unsigned)(v) < (max) ? (table)[v] : "?")

const char *
warning_kind_name(enum warning_kind k)
{
	return NAME_OF(kind_names, WK__MAX, k);
}

int
warning_kind_parse(const char *s)
{
	return find(kind_names, WK__MAX, s);
}

const char *
warning_severity_name(enum warning_severity s)
{
	return NAME_OF(severity_names, WSEV__MAX, s);
}

int
warning_severity_parse(const char *s)
{
	return find(severity_names, WSEV__MAX, s);
}

const char *
warning_state_name(enum warning_state s)
{
	return NAME_OF(wstate_names, WST__MAX, s);
}

int
warning_state_parse(const char *s)
{
	return find(wstate_names, WST__MAX, s);
}

const char *
delivery_state_name(enum delivery_state s)
{
	return NAME_OF(dstate_names, WDS__MAX, s);
}

int
delivery_state_parse(const char *s)
{
	return find(dstate_names, WDS__MAX, s);
}

const char *
dispute_category_name(enum dispute_category c)
{
	return NAME_OF(category_names, DCAT__MAX, c);
}

int
dispute_category_parse(const char *s)
{
	return find(category_names, DCAT__MAX, s);
}

const char *
dispute_state_name(enum dispute_state s)
{
	return NAME_OF(dispute_state_names, DST__MAX, s);
}

int
dispute_state_parse(const char *s)
{
	return find(dispute_state_names, DST__MAX, s);
}

const char *
warning_audience_name(unsigned types)
{
	switch (types & WAUD_BOTH) {
	case WAUD_TECHNICAL:
		return "technical";
	case WAUD_GOVERNANCE:
		return "governance";
	case WAUD_BOTH:
		return "both";
	default:
		return "";
	}
}

int
warning_audience_parse(const char *s)
{
	if (s == NULL || s[0] == '\0')
		return 0;
	if (strcmp(s, "technical") == 0)
		return (int)WAUD_TECHNICAL;
	if (strcmp(s, "governance") == 0)
		return (int)WAUD_GOVERNANCE;
	if (strcmp(s, "both") == 0)
		return (int)WAUD_BOTH;
	return -1;
}

/* Only ASCII white space: nothing was said. */
static bool
blank(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return false;
	return true;
}

static void
add(struct wd_problem *p, int max, int *n, const char *field, enum msg_id m,
    const char *rule)
{
	if (*n < max) {
		p[*n].field = field;
		p[*n].msg = m;
		p[*n].rule = rule;
	}
	(*n)++;
}

/* A field of at most max bytes, one line unless lines; MSG_OK when fine or absent and optional. */
static enum msg_id
field_check(const char *s, bool required, size_t max, bool lines)
{
	size_t	n;

	if (s == NULL || blank(s))
		return required ? MSG_ERR_FIELD_MISSING : MSG_OK;
	n = strlen(s);
	if (n > max)
		return MSG_ERR_FIELD_TOO_LONG;
	if (!utf8_text(s, n, lines))
		return lines ? MSG_ERR_FIELD_ENCODING : MSG_ERR_NOTICE_ONE_LINE;
	return MSG_OK;
}

/*
 * A date-time: RFC 3339, or what a datetime-local control sends
 * ("YYYY-MM-DDTHH:MM", read as China time, the time every page shows).
 */
static int
when_parse(const char *s, int64_t *out)
{
	char	buf[40];
	size_t	n = strlen(s);

	if (n == 16 && s[10] == 'T') {
		snprintf(buf, sizeof(buf), "%.16s:00+08:00", s);
		return time_parse_rfc3339(buf, out);
	}
	return time_parse_rfc3339(s, out);
}

int
warning_check(const struct warning_in *in, struct warning_checked *out,
    struct wd_problem *p, int max)
{
	enum msg_id	m;
	int		n = 0, k;
	size_t		i, j;
	int64_t		t;

	memset(out, 0, sizeof(*out));
	out->kind = WK_VULNERABILITY;
	if (in->kind == NULL || in->kind[0] == '\0')
		add(p, max, &n, "kind", MSG_ERR_FIELD_MISSING, NULL);
	else if ((k = warning_kind_parse(in->kind)) < 0)
		add(p, max, &n, "kind", MSG_ERR_WARNING_KIND, NULL);
	else
		out->kind = (enum warning_kind)k;
	if (in->severity == NULL || in->severity[0] == '\0')
		add(p, max, &n, "severity", MSG_ERR_FIELD_MISSING, NULL);
	else if ((k = warning_severity_parse(in->severity)) < 0)
		add(p, max, &n, "severity", MSG_ERR_WARNING_SEVERITY, NULL);
	else
		out->severity = (enum warning_severity)k;
	if ((m = field_check(in->title, true, WARNING_TITLE_MAX, false)) != MSG_OK)
		add(p, max, &n, "title", m, NULL);
	if ((m = field_check(in->summary, false, WARNING_SUMMARY_MAX, true)) != MSG_OK)
		add(p, max, &n, "summary", m, NULL);
	if ((m = field_check(in->body, true, WARNING_BODY_MAX, true)) != MSG_OK)
		add(p, max, &n, "body", m, NULL);
	if ((m = field_check(in->related, false, WARNING_RELATED_MAX, false)) != MSG_OK)
		add(p, max, &n, "related", m, NULL);
	if ((m = field_check(in->affected, false, WARNING_AFFECTED_MAX, true)) != MSG_OK)
		add(p, max, &n, "affected", m, NULL);
	if ((k = warning_audience_parse(in->audience)) < 0)
		add(p, max, &n, "audience", MSG_ERR_WARNING_AUDIENCE, NULL);
	else if (k == 0 && in->nunits == 0)
		/* Nobody to tell: a type, or the units by name. */
		add(p, max, &n, "audience", MSG_ERR_WARNING_NO_AUDIENCE, NULL);
	else
		out->audience = (unsigned)k;
	if (in->min_level == 0)
		out->min_level = 1;
	else if (in->min_level < 1 || in->min_level > 4)
		add(p, max, &n, "min_level", MSG_ERR_WARNING_LEVEL, NULL);
	else
		out->min_level = in->min_level;
	if (in->nunits > WARNING_UNITS_MAX)
		add(p, max, &n, "units", MSG_ERR_WARNING_UNITS, NULL);
	else
		for (i = 0; i < in->nunits; i++) {
			bool	dup = false;

			for (j = 0; j < i; j++)
				dup = dup || in->units[j] == in->units[i];
			if (in->units[i] <= 0 || dup) {
				add(p, max, &n, "units", MSG_ERR_WARNING_UNITS, NULL);
				break;
			}
		}
	if (in->public_at != NULL && !blank(in->public_at)) {
		if (strlen(in->public_at) > 40 || when_parse(in->public_at, &t) != 0 || t <= 0)
			add(p, max, &n, "public_at", MSG_ERR_WARNING_PUBLIC_AT, NULL);
		else if (out->kind == WK_INCIDENT)
			/* An operator's live system: never public (规定 Art. 9(2)). */
			add(p, max, &n, "public_at", MSG_ERR_WARNING_INCIDENT_PUBLIC,
			    "Art. 9(2)");
		else if (in->summary == NULL || blank(in->summary))
			/* The public sees the summary, never the body. */
			add(p, max, &n, "summary", MSG_ERR_WARNING_SUMMARY_NEEDED, NULL);
		else
			out->public_at = t;
	}
	return n;
}

bool
warning_entitled(const struct warning_audience *a, const struct warning_unit *u)
{
	size_t	i;

	if (u->status != US_ACTIVE)
		return false;
	/* A unit's own warning is not delivered back to it. */
	if (a->issuer_org != 0 && u->org_id == a->issuer_org)
		return false;
	for (i = 0; i < a->nunits; i++)
		if (a->units[i] == u->id)
			return true;
	if ((unsigned)u->type >= UNIT__MAX || (a->types & (1u << u->type)) == 0)
		return false;
	return u->level >= a->min_level;
}

bool
warning_delivery_reads(enum delivery_state s)
{
	return s == WDS_DELIVERED || s == WDS_ACKNOWLEDGED;
}

enum msg_id
warning_can_ack(enum warning_state w, enum delivery_state d)
{
	if (w != WST_ISSUED)
		return MSG_ERR_WARNING_WITHDRAWN;
	if (d == WDS_ACKNOWLEDGED)
		return MSG_ERR_WARNING_ACKED;
	if (d != WDS_DELIVERED)
		return MSG_ERR_NO_SUCH_WARNING;
	return MSG_OK;
}

enum msg_id
warning_can_withdraw(enum warning_state w)
{
	return w == WST_ISSUED ? MSG_OK : MSG_ERR_WARNING_WITHDRAWN;
}

bool
warning_public(enum warning_kind k, enum warning_state s, int64_t public_at, int64_t now)
{
	return k != WK_INCIDENT && s == WST_ISSUED && public_at > 0 && public_at <= now;
}

enum msg_id
warning_reason_check(const char *reason)
{
	return field_check(reason, true, WARNING_REASON_MAX, true);
}

int
dispute_check(const struct dispute_in *in, enum dispute_category *cat, struct wd_problem *p,
    int max)
{
	enum msg_id	m;
	int		n = 0, k;

	*cat = DCAT_DISCLOSURE;
	if (in->category == NULL || in->category[0] == '\0')
		add(p, max, &n, "category", MSG_ERR_FIELD_MISSING, NULL);
	else if ((k = dispute_category_parse(in->category)) < 0)
		add(p, max, &n, "category", MSG_ERR_DISPUTE_CATEGORY, NULL);
	else
		*cat = (enum dispute_category)k;
	if ((m = field_check(in->subject_ref, true, DISPUTE_SUBJECT_MAX, false)) != MSG_OK)
		add(p, max, &n, "subject_ref", m, NULL);
	if ((m = field_check(in->other_party, true, DISPUTE_PARTY_MAX, false)) != MSG_OK)
		add(p, max, &n, "other_party", m, NULL);
	if ((m = field_check(in->title, true, DISPUTE_TITLE_MAX, false)) != MSG_OK)
		add(p, max, &n, "title", m, NULL);
	if ((m = field_check(in->statement, true, DISPUTE_TEXT_MAX, true)) != MSG_OK)
		add(p, max, &n, "statement", m, NULL);
	if ((m = field_check(in->outcome_wanted, false, DISPUTE_TEXT_MAX, true)) != MSG_OK)
		add(p, max, &n, "outcome_wanted", m, NULL);
	return n;
}

enum msg_id
dispute_text_check(const char *s)
{
	return field_check(s, true, DISPUTE_TEXT_MAX, true);
}

bool
dispute_open(enum dispute_state s)
{
	return s == DST_OPEN || s == DST_COORDINATING;
}

enum msg_id
dispute_can_assign(enum dispute_state s, enum dispute_state *to)
{
	if (!dispute_open(s))
		return MSG_ERR_DISPUTE_CLOSED;
	if (to != NULL)
		*to = DST_COORDINATING;
	return MSG_OK;
}

enum msg_id
dispute_can_note(enum dispute_state s)
{
	return dispute_open(s) ? MSG_OK : MSG_ERR_DISPUTE_CLOSED;
}

enum msg_id
dispute_can_resolve(enum dispute_state s)
{
	if (!dispute_open(s))
		return MSG_ERR_DISPUTE_CLOSED;
	/* Coordinated by someone first: an outcome nobody worked on is no coordination. */
	return s == DST_COORDINATING ? MSG_OK : MSG_ERR_DISPUTE_UNASSIGNED;
}

enum msg_id
dispute_can_withdraw(enum dispute_state s)
{
	return dispute_open(s) ? MSG_OK : MSG_ERR_DISPUTE_CLOSED;
}

int
dispute_priority(const int *levels, size_t n)
{
	int	best = 0;
	size_t	i;

	for (i = 0; i < n; i++)
		if (levels[i] >= 1 && levels[i] <= 4 && levels[i] > best)
			best = levels[i];
	return best > 0 ? best + 1 : 0;
}

int
dispute_queue_cmp(const struct dispute_key *a, const struct dispute_key *b)
{
	int	c;

	if (a->open != b->open)
		return a->open ? -1 : 1;
	if (a->priority != b->priority)
		return a->priority > b->priority ? -1 : 1;
	if (a->due_at != b->due_at) {
		if (a->due_at == 0 || b->due_at == 0)
			return a->due_at == 0 ? 1 : -1;
		return a->due_at < b->due_at ? -1 : 1;
	}
	c = strcmp(a->id != NULL ? a->id : "", b->id != NULL ? b->id : "");
	return c < 0 ? -1 : c > 0;
}
