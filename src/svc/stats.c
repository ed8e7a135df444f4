/*
 * Statistics (svc/stats.h): the period, who may read, and the store's
 * month-by-key groups spread over every month of the period.
 */
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/calendar.h"
#include "core/config.h"
#include "domain/appinfo.h"
#include "domain/deadline.h"
#include "svc/stats.h"

const char *const stats_grade_keys[5] = { "critical", "high", "medium", "low", "" };
const char *const stats_platform_keys[7] = {
	"android", "ios", "harmonyos", "miniprogram", "official_account", "quickapp", "",
};
const char *const stats_kind_keys[4] = { "report", "warning", "verification", "assistance" };
const char *const stats_sub_state_keys[3] = { "received", "verified", "rejected" };
const char *const stats_rep_status_keys[7] = {
	"received", "acknowledged", "triage", "needs_info", "accepted", "duplicate", "rejected",
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const enum msg_id grade_msgs[] = {
	MSG_PUB_GRADE_CRITICAL, MSG_PUB_GRADE_HIGH, MSG_PUB_GRADE_MEDIUM, MSG_PUB_GRADE_LOW,
	MSG_STATS_UNGRADED,
};
static const enum msg_id kind_msgs[] = {
	MSG_STATS_KIND_REPORT, MSG_STATS_KIND_WARNING, MSG_STATS_KIND_VERIFICATION,
	MSG_STATS_KIND_ASSISTANCE,
};
static const enum msg_id sub_state_msgs[] = {
	MSG_STATS_ST_RECEIVED, MSG_STATS_ST_VERIFIED, MSG_STATS_ST_REJECTED,
};
static const enum msg_id rep_status_msgs[] = {
	MSG_STATS_ST_RECEIVED, MSG_STATS_ST_ACKNOWLEDGED, MSG_STATS_ST_TRIAGE,
	MSG_STATS_ST_NEEDS_INFO, MSG_STATS_ST_ACCEPTED, MSG_STATS_ST_DUPLICATE,
	MSG_STATS_ST_REJECTED,
};
static const enum msg_id clock_msgs[DL__MAX] = {
	[DL_ACK] = MSG_DL_ACK,
	[DL_VENDOR_RESPONSE] = MSG_DL_VENDOR_RESPONSE,
	[DL_SUBMISSION] = MSG_DL_SUBMISSION,
	[DL_PUBLICATION] = MSG_DL_PUBLICATION,
	[DL_FILING_REVIEW] = MSG_DL_FILING_REVIEW,
	[DL_FILING_SUPPLEMENT] = MSG_DL_FILING_SUPPLEMENT,
	[DL_CHANGE_FILING] = MSG_DL_CHANGE_FILING,
	[DL_INITIAL_FILING] = MSG_DL_INITIAL_FILING,
	[DL_DISPUTE] = MSG_DL_DISPUTE,
	[DL_WARNING_ACK] = MSG_DL_WARNING_ACK,
};

enum msg_id
svc_stats_key_label(const char *const *keys, size_t k)
{
	int	p;

	if (keys == stats_grade_keys && k < NELEM(grade_msgs))
		return grade_msgs[k];
	if (keys == stats_kind_keys && k < NELEM(kind_msgs))
		return kind_msgs[k];
	if (keys == stats_sub_state_keys && k < NELEM(sub_state_msgs))
		return sub_state_msgs[k];
	if (keys == stats_rep_status_keys && k < NELEM(rep_status_msgs))
		return rep_status_msgs[k];
	if (keys == stats_platform_keys && k < NELEM(stats_platform_keys)) {
		p = app_platform_parse(str_from(keys[k]));
		return p > 0 ? app_platform_label((enum app_platform)p) : MSG_STATS_NO_PLATFORM;
	}
	return MSG_OK;
}

enum msg_id
svc_stats_clock_label(const char *kind)
{
	int	k = deadline_kind_parse(str_from(kind));

	return k >= 0 && k < DL__MAX ? clock_msgs[k] : MSG_OK;
}

static enum app_err
not_here(struct fault *f)
{
	return fault_set(f, APP_NOTFOUND, NULL, MSG_ERR_STATS_OFF, 0);
}

static enum app_err
stored(struct fault *f, enum app_err er)
{
	return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
}

/* A month as a number: year * 12 + month - 1. */
static int64_t
month_no(int64_t day)
{
	int	y, m, d;

	date_to_ymd(day, &y, &m, &d);
	return (int64_t)y * 12 + m - 1;
}

enum app_err
svc_stats_period(const struct svc_ctx *c, const char *from, const char *to,
    struct stats_period *out, struct fault *f)
{
	int64_t	dfrom, dto, m;

	memset(out, 0, sizeof(*out));
	if (to != NULL && to[0] != '\0') {
		if (date_parse(to, strlen(to), &dto) != 0)
			return fault_set(f, APP_INVALID, "to", MSG_ERR_STATS_DATE, 0);
	} else
		dto = date_of_time(c->now);
	if (from != NULL && from[0] != '\0') {
		if (date_parse(from, strlen(from), &dfrom) != 0)
			return fault_set(f, APP_INVALID, "from", MSG_ERR_STATS_DATE, 0);
	} else {
		m = month_no(dto) - 11;
		dfrom = date_from_ymd((int)(m / 12), (int)(m % 12) + 1, 1);
	}
	if (dto < dfrom)
		return fault_set(f, APP_INVALID, "to", MSG_ERR_STATS_ORDER, 0);
	if (month_no(dto) - month_no(dfrom) + 1 > STATS_MONTHS_MAX)
		return fault_set(f, APP_INVALID, "from", MSG_ERR_STATS_SPAN, STATS_MONTHS_MAX);
	date_format(dfrom, out->from, sizeof(out->from));
	date_format(dto, out->to, sizeof(out->to));
	out->from_t = date_start_time(dfrom);
	out->to_t = date_start_time(dto + 1);
	return APP_OK;
}

bool
svc_stats_library_reader(const struct svc_ctx *c)
{
	return svc_is_staff(c) || (c->actor != NULL && (c->actor->role == UROLE_REGULATOR ||
	    c->actor->role == UROLE_AUDITOR));
}

/* "YYYY-MM" into a month number; -1 if it is not one. */
static int64_t
parse_month(const char *s)
{
	int64_t	day;
	char	buf[11];

	if (strlen(s) != 7)
		return -1;
	snprintf(buf, sizeof(buf), "%.7s-01", s);
	if (date_parse(buf, 10, &day) != 0)
		return -1;
	return month_no(day);
}

/*
 * The table of query q: every month of the period with nkeys keys, filled
 * from the store's groups.  A key the list does not name goes to the last
 * key when that is "" (none), else it is left out.
 */
static enum app_err
table(const struct svc_ctx *c, const struct stats_period *p, enum stats_query q,
    int64_t scope, const char *const *keys, size_t nkeys, bool points, struct stats_table *t)
{
	struct stats_cell	*cells;
	size_t			 ncells, i, k;
	int64_t			 first, last, m;
	enum app_err		 er;

	memset(t, 0, sizeof(*t));
	first = month_no(date_of_time(p->from_t));
	last = month_no(date_of_time(p->to_t - 1));
	t->keys = keys;
	t->nkeys = nkeys;
	t->nmonths = (size_t)(last - first + 1);
	t->months = arena_calloc(c->a, t->nmonths, sizeof(*t->months));
	t->n = arena_calloc(c->a, t->nmonths * nkeys, sizeof(*t->n));
	t->points = points ? arena_calloc(c->a, t->nmonths * nkeys, sizeof(*t->points)) : NULL;
	t->key_total = arena_calloc(c->a, nkeys, sizeof(*t->key_total));
	for (i = 0; i < t->nmonths; i++) {
		m = first + (int64_t)i;
		t->months[i] = arena_printf(c->a, "%04d-%02d", (int)(m / 12), (int)(m % 12) + 1);
	}
	if ((er = store_stats_cells(c->st, c->a, q, p->from_t, p->to_t, scope, &cells,
	    &ncells)) != APP_OK)
		return er;
	for (i = 0; i < ncells; i++) {
		if ((m = parse_month(cells[i].month)) < first || m > last)
			continue;
		for (k = 0; k < nkeys && strcmp(keys[k], cells[i].key) != 0; k++)
			;
		if (k == nkeys) {
			if (keys[nkeys - 1][0] != '\0')
				continue;
			k = nkeys - 1;
		}
		t->n[(size_t)(m - first) * nkeys + k] += cells[i].n;
		if (t->points != NULL)
			t->points[(size_t)(m - first) * nkeys + k] += cells[i].points;
		t->key_total[k] += cells[i].n;
		t->total += cells[i].n;
	}
	return APP_OK;
}

static void
sla_share(struct stats_sla *s)
{
	int64_t	due = s->r.on_time + s->r.late + s->r.missed;

	s->on_time_share = due > 0 ? (double)s->r.on_time / (double)due : 0;
}

enum app_err
svc_stats_library(const struct svc_ctx *c, const char *from, const char *to,
    struct stats_library *out, struct fault *f)
{
	struct stats_sla_row	*rows;
	size_t			 i;
	enum app_err		 er;

	memset(out, 0, sizeof(*out));
	if (c->cfg->role != ROLE_REGISTRY)
		return not_here(f);
	if (!svc_stats_library_reader(c)) {
		fault_set(f, APP_FORBIDDEN, NULL, MSG_ERR_STATS_READER, 0);
		f->rule = "rbac.role";
		return APP_FORBIDDEN;
	}
	if ((er = svc_stats_period(c, from, to, &out->p, f)) != APP_OK)
		return er;
	if ((er = table(c, &out->p, SQ_SUB_GRADE, 0, stats_grade_keys,
	    NELEM(stats_grade_keys), false, &out->sub_grade)) != APP_OK ||
	    (er = table(c, &out->p, SQ_SUB_PLATFORM, 0, stats_platform_keys,
	    NELEM(stats_platform_keys), false, &out->sub_platform)) != APP_OK ||
	    (er = table(c, &out->p, SQ_SUB_STATE, 0, stats_sub_state_keys, NELEM(stats_sub_state_keys),
	    false, &out->sub_state)) != APP_OK ||
	    (er = table(c, &out->p, SQ_REP_GRADE, 0, stats_grade_keys,
	    NELEM(stats_grade_keys), false, &out->rep_grade)) != APP_OK ||
	    (er = table(c, &out->p, SQ_REP_PLATFORM, 0, stats_platform_keys,
	    NELEM(stats_platform_keys), false, &out->rep_platform)) != APP_OK ||
	    (er = table(c, &out->p, SQ_REP_STATUS, 0, stats_rep_status_keys, NELEM(stats_rep_status_keys),
	    false, &out->rep_status)) != APP_OK)
		return stored(f, er);
	if ((er = store_stats_sla(c->st, c->a, out->p.from_t, out->p.to_t, &rows,
	    &out->nsla)) != APP_OK)
		return stored(f, er);
	out->sla = arena_calloc(c->a, out->nsla ? out->nsla : 1, sizeof(*out->sla));
	out->sla_total.r.kind = "";
	for (i = 0; i < out->nsla; i++) {
		out->sla[i].r = rows[i];
		sla_share(&out->sla[i]);
		out->sla_total.r.on_time += rows[i].on_time;
		out->sla_total.r.late += rows[i].late;
		out->sla_total.r.missed += rows[i].missed;
		out->sla_total.r.open += rows[i].open;
		out->sla_total.r.waived += rows[i].waived;
	}
	sla_share(&out->sla_total);
	if ((er = store_stats_top(c->st, c->a, out->p.from_t, out->p.to_t, STATS_TOP_MAX,
	    &out->top, &out->ntop)) != APP_OK)
		return stored(f, er);
	return APP_OK;
}

enum app_err
svc_stats_unit(const struct svc_ctx *c, int64_t unit_id, const char *from, const char *to,
    struct stats_unit *out, struct fault *f)
{
	enum app_err	er;
	size_t		i;

	memset(out, 0, sizeof(*out));
	if (c->cfg->role != ROLE_REGISTRY)
		return not_here(f);
	if ((er = svc_stats_period(c, from, to, &out->p, f)) != APP_OK)
		return er;
	if ((er = store_unit_get(c->st, c->a, unit_id, &out->unit)) == APP_NOTFOUND)
		return fault_set(f, APP_NOTFOUND, NULL, MSG_ERR_STATS_NO_UNIT, 0);
	if (er != APP_OK)
		return stored(f, er);
	/* Not a reader and not a member: as if there were no such unit. */
	if (!svc_stats_library_reader(c) && (c->actor == NULL || c->actor->org_id == 0 ||
	    c->actor->org_id != out->unit.org_id))
		return fault_set(f, APP_NOTFOUND, NULL, MSG_ERR_STATS_NO_UNIT, 0);
	if ((er = table(c, &out->p, SQ_UNIT_KIND, unit_id, stats_kind_keys,
	    NELEM(stats_kind_keys), true, &out->kind)) != APP_OK ||
	    (er = table(c, &out->p, SQ_UNIT_GRADE, unit_id, stats_grade_keys,
	    NELEM(stats_grade_keys), true, &out->grade)) != APP_OK ||
	    (er = table(c, &out->p, SQ_SUB_GRADE, out->unit.org_id, stats_grade_keys,
	    NELEM(stats_grade_keys), false, &out->sub_grade)) != APP_OK ||
	    (er = table(c, &out->p, SQ_SUB_PLATFORM, out->unit.org_id, stats_platform_keys,
	    NELEM(stats_platform_keys), false, &out->sub_platform)) != APP_OK)
		return stored(f, er);
	for (i = 0; i < out->kind.nmonths * out->kind.nkeys; i++)
		out->points += out->kind.points[i];
	return APP_OK;
}
