/*
 * Statistics (issue 9), registry role only (404 elsewhere):
 *
 *	GET /api/v1/statistics		the library's figures (staff, regulators,
 *					auditors); with ?unit= one support unit's
 *					(those, and the unit's members)
 *	GET /api/v1/statistics.xlsx	the same as an Excel workbook: 概览, 按等级,
 *					按平台, 时限, 贡献单位, and with ?unit= the
 *					unit's sheets (a member gets only those)
 *
 * ?from= and ?to= (YYYY-MM-DD, China time) choose the period; by default
 * the last twelve months.  svc/stats.c decides who sees what.
 */
#include <string.h>

#include "api/api.h"
#include "core/arena.h"
#include "core/config.h"
#include "core/log.h"
#include "office/workbook.h"
#include "svc/stats.h"
#include "svc/units.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* The largest workbook answered: a ten-year period is some tens of kilobytes. */
#define XLSX_MAX	(4u * 1024 * 1024)

enum { P_FROM, P_TO, P_UNIT };
static const struct param stats_params[] = {
	{ "from", PARAM_TEXT, 1, 10, false },		/* P_FROM: YYYY-MM-DD, svc checks */
	{ "to", PARAM_TEXT, 1, 10, false },		/* P_TO */
	{ "unit", PARAM_I64, 1, INT64_MAX, false },	/* P_UNIT: a support unit's id */
};

static enum app_err
not_registry(struct req *rq)
{
	return req_fail(rq, APP_NOTFOUND, NULL, MSG_ERR_STATS_OFF);
}

/* A catalog message whose one conversion is %s, formatted in the request's language. */
static const char *
msg_s(struct req *rq, enum msg_id id, const char *arg)
{
	const char	*s;

	/* The catalog's formats are ours (messages_stats.def: one %s each). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	s = arena_printf(rq->arena, req_msg(rq, id), arg);
#pragma GCC diagnostic pop
	return s;
}

/* A key in JSON: its word, "none" for the empty one. */
static const char *
key_word(const char *k)
{
	return k[0] != '\0' ? k : "none";
}

/* {"months": [...], "counts": {key: [per month]}, "totals": {key: n}, "total": n} */
static json_t *
table_json(const struct stats_table *t)
{
	json_t	*months = json_array(), *counts = json_object(), *totals = json_object();
	json_t	*points = t->points != NULL ? json_object() : NULL, *a, *p, *o;
	size_t	 m, k;

	for (m = 0; m < t->nmonths; m++)
		json_array_append_new(months, json_string(t->months[m]));
	for (k = 0; k < t->nkeys; k++) {
		a = json_array();
		p = points != NULL ? json_array() : NULL;
		for (m = 0; m < t->nmonths; m++) {
			json_array_append_new(a, json_integer(t->n[m * t->nkeys + k]));
			if (p != NULL)
				json_array_append_new(p, json_integer(t->points[m * t->nkeys + k]));
		}
		json_object_set_new(counts, key_word(t->keys[k]), a);	/* steals a */
		json_object_set_new(totals, key_word(t->keys[k]),
		    json_integer(t->key_total[k]));
		if (p != NULL)
			json_object_set_new(points, key_word(t->keys[k]), p);	/* steals p */
	}
	o = json_pack("{s:o, s:o, s:o, s:I}", "months", months, "counts", counts, "totals",
	    totals, "total", (json_int_t)t->total);
	if (points != NULL)
		json_object_set_new(o, "points", points);	/* steals points */
	return o;
}

static json_t *
sla_json(const struct stats_sla *s)
{
	return json_pack("{s:s?, s:I, s:I, s:I, s:I, s:I, s:f}",
	    "kind", s->r.kind[0] != '\0' ? s->r.kind : NULL,
	    "on_time", (json_int_t)s->r.on_time, "late", (json_int_t)s->r.late,
	    "missed", (json_int_t)s->r.missed, "open", (json_int_t)s->r.open,
	    "waived", (json_int_t)s->r.waived, "on_time_share", s->on_time_share);
}

static json_t *
period_json(const struct stats_period *p)
{
	return json_pack("{s:s, s:s, s:s}", "from", p->from, "to", p->to, "timezone",
	    "+08:00");
}

static json_t *
library_json(const struct stats_library *l)
{
	json_t	*sla = json_array(), *top = json_array();
	size_t	 i;

	for (i = 0; i < l->nsla; i++)
		json_array_append_new(sla, sla_json(&l->sla[i]));
	for (i = 0; i < l->ntop; i++)
		json_array_append_new(top, json_pack("{s:I, s:s, s:s, s:i, s:s, s:I, s:I}",
		    "unit_id", (json_int_t)l->top[i].unit_id, "name", l->top[i].name,
		    "type", l->top[i].type, "level", l->top[i].level,
		    "status", l->top[i].status, "points", (json_int_t)l->top[i].points,
		    "contributions", (json_int_t)l->top[i].n));
	return json_pack("{s:o, s:{s:o, s:o, s:o}, s:{s:o, s:o, s:o}, s:{s:o, s:o}, s:o}",
	    "period", period_json(&l->p),
	    "submissions", "by_grade", table_json(&l->sub_grade),
	    "by_platform", table_json(&l->sub_platform),
	    "by_state", table_json(&l->sub_state),
	    "reports", "by_grade", table_json(&l->rep_grade),
	    "by_platform", table_json(&l->rep_platform),
	    "by_status", table_json(&l->rep_status),
	    "sla", "by_kind", sla, "total", sla_json(&l->sla_total),
	    "top_contributors", top);
}

static json_t *
unit_json(const struct stats_unit *u)
{
	return json_pack("{s:o, s:{s:I, s:s, s:s, s:i, s:s}, s:I, s:{s:o, s:o}, s:{s:o, s:o}}",
	    "period", period_json(&u->p),
	    "unit", "id", (json_int_t)u->unit.id, "name", u->unit.name,
	    "type", unit_type_name(u->unit.type), "level", u->unit.level,
	    "status", unit_status_name(u->unit.status),
	    "points", (json_int_t)u->points,
	    "contributions", "by_kind", table_json(&u->kind),
	    "reports_by_grade", table_json(&u->grade),
	    "submissions", "by_grade", table_json(&u->sub_grade),
	    "by_platform", table_json(&u->sub_platform));
}

static enum app_err
stats_json(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct fault		 f = { .er = APP_OK };
	struct stats_library	 l;
	struct stats_unit	 u;

	if (rq->cfg->role != ROLE_REGISTRY)
		return not_registry(rq);
	if (req_param(rq, P_UNIT)->present) {
		if (svc_stats_unit(&c, req_param(rq, P_UNIT)->i, req_opt(rq, P_FROM),
		    req_opt(rq, P_TO), &u, &f) != APP_OK)
			return req_fault(rq, &f);
		return resp_json(rq, 200, unit_json(&u));
	}
	if (svc_stats_library(&c, req_opt(rq, P_FROM), req_opt(rq, P_TO), &l, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, library_json(&l));
}

/* ---- the workbook ---- */

/* A sheet being filled: ncols headers, rows appended cell by cell. */
struct sheet {
	const char	**headers;
	size_t		  ncols;
	struct wb_cell	 *cells;
	size_t		  ncells, cap;
};

static void
sheet_init(struct req *rq, struct sheet *s, size_t ncols)
{
	memset(s, 0, sizeof(*s));
	s->headers = arena_calloc(rq->arena, ncols, sizeof(*s->headers));
	s->ncols = ncols;
}

static void
cell(struct req *rq, struct sheet *s, enum wb_kind k, const char *text, double num)
{
	struct wb_cell	*nc;

	if (s->ncells == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		nc = arena_calloc(rq->arena, s->cap, sizeof(*nc));
		if (s->ncells > 0)
			memcpy(nc, s->cells, s->ncells * sizeof(*nc));
		s->cells = nc;
	}
	s->cells[s->ncells++] = (struct wb_cell){ k, text, num };
}

static void
text(struct req *rq, struct sheet *s, const char *t)
{
	cell(rq, s, WB_TEXT, t, 0);
}

static void
number(struct req *rq, struct sheet *s, int64_t n)
{
	cell(rq, s, WB_NUMBER, NULL, (double)n);
}

static void
add_sheet(struct req *rq, struct wb_sheet *out, size_t *n, enum msg_id name,
    const struct sheet *s)
{
	out[*n] = (struct wb_sheet){ req_msg(rq, name), (const char *const *)s->headers,
	    s->ncols, s->cells, s->ncols ? s->ncells / s->ncols : 0 };
	(*n)++;
}

/* An item and its value in the summary sheet. */
static void
item(struct req *rq, struct sheet *s, const char *label, int64_t n)
{
	text(rq, s, label);
	number(rq, s, n);
}

/* Key columns' headers of a table, from column first on. */
static void
key_headers(struct req *rq, struct sheet *s, size_t first, const char *const *keys,
    size_t nkeys)
{
	size_t	k;

	for (k = 0; k < nkeys; k++)
		s->headers[first + k] = req_msg(rq, svc_stats_key_label(keys, k));
}

/* One row per month: month, [source], the keys' counts, the total. */
static void
table_rows(struct req *rq, struct sheet *s, const struct stats_table *t, const char *source)
{
	size_t	m, k;
	int64_t	sum;

	for (m = 0; m < t->nmonths; m++) {
		text(rq, s, t->months[m]);
		if (source != NULL)
			text(rq, s, source);
		for (k = 0, sum = 0; k < t->nkeys; k++) {
			number(rq, s, t->n[m * t->nkeys + k]);
			sum += t->n[m * t->nkeys + k];
		}
		number(rq, s, sum);
	}
}

/* 按等级 or 按平台: month × key for the 报送 and the reports. */
static void
by_sheet(struct req *rq, struct sheet *s, const struct stats_table *sub,
    const struct stats_table *rep)
{
	sheet_init(rq, s, 3 + sub->nkeys);
	s->headers[0] = req_msg(rq, MSG_STATS_COL_MONTH);
	s->headers[1] = req_msg(rq, MSG_STATS_COL_SOURCE);
	key_headers(rq, s, 2, sub->keys, sub->nkeys);
	s->headers[2 + sub->nkeys] = req_msg(rq, MSG_CHART_TOTAL);
	table_rows(rq, s, sub, req_msg(rq, MSG_STATS_SRC_SUB));
	table_rows(rq, s, rep, req_msg(rq, MSG_STATS_SRC_REP));
}

static void
summary_period(struct req *rq, struct sheet *s, const struct stats_period *p)
{
	sheet_init(rq, s, 2);
	s->headers[0] = req_msg(rq, MSG_STATS_COL_ITEM);
	s->headers[1] = req_msg(rq, MSG_STATS_COL_VALUE);
	text(rq, s, req_msg(rq, MSG_STATS_FROM));
	text(rq, s, p->from);
	text(rq, s, req_msg(rq, MSG_STATS_TO));
	text(rq, s, p->to);
}

/* The library's sheets into out[*n...]: 概览, 按等级, 按平台, 时限, 贡献单位. */
static void
library_sheets(struct req *rq, const struct stats_library *l, struct wb_sheet *out, size_t *n)
{
	struct sheet	*s = arena_calloc(rq->arena, 5, sizeof(*s));
	const char	*lbl;
	size_t		 i, k;

	summary_period(rq, &s[0], &l->p);
	item(rq, &s[0], req_msg(rq, MSG_STATS_SUB_TOTAL), l->sub_state.total);
	for (k = 0; k < l->sub_state.nkeys; k++) {
		lbl = req_msg(rq, svc_stats_key_label(l->sub_state.keys, k));
		item(rq, &s[0], msg_s(rq, MSG_STATS_SUB_BY, lbl),
		    l->sub_state.key_total[k]);
	}
	item(rq, &s[0], req_msg(rq, MSG_STATS_REP_TOTAL), l->rep_status.total);
	for (k = 0; k < l->rep_status.nkeys; k++) {
		lbl = req_msg(rq, svc_stats_key_label(l->rep_status.keys, k));
		item(rq, &s[0], msg_s(rq, MSG_STATS_REP_BY, lbl),
		    l->rep_status.key_total[k]);
	}
	item(rq, &s[0], req_msg(rq, MSG_STATS_CLOCKS_DUE), l->sla_total.r.on_time +
	    l->sla_total.r.late + l->sla_total.r.missed + l->sla_total.r.open +
	    l->sla_total.r.waived);
	text(rq, &s[0], req_msg(rq, MSG_STATS_COL_SHARE));
	cell(rq, &s[0], WB_PERCENT, NULL, l->sla_total.on_time_share);
	item(rq, &s[0], req_msg(rq, MSG_STATS_UNITS_CONTRIB), (int64_t)l->ntop);
	add_sheet(rq, out, n, MSG_STATS_SHEET_SUMMARY, &s[0]);

	by_sheet(rq, &s[1], &l->sub_grade, &l->rep_grade);
	add_sheet(rq, out, n, MSG_STATS_SHEET_GRADE, &s[1]);
	by_sheet(rq, &s[2], &l->sub_platform, &l->rep_platform);
	add_sheet(rq, out, n, MSG_STATS_SHEET_PLATFORM, &s[2]);

	sheet_init(rq, &s[3], 7);
	s[3].headers[0] = req_msg(rq, MSG_STATS_COL_CLOCK);
	s[3].headers[1] = req_msg(rq, MSG_STATS_COL_ON_TIME);
	s[3].headers[2] = req_msg(rq, MSG_STATS_COL_LATE);
	s[3].headers[3] = req_msg(rq, MSG_STATS_COL_MISSED);
	s[3].headers[4] = req_msg(rq, MSG_STATS_COL_OPEN);
	s[3].headers[5] = req_msg(rq, MSG_STATS_COL_WAIVED);
	s[3].headers[6] = req_msg(rq, MSG_STATS_COL_SHARE);
	for (i = 0; i <= l->nsla; i++) {
		const struct stats_sla	*r = i < l->nsla ? &l->sla[i] : &l->sla_total;
		enum msg_id		 m = i < l->nsla ? svc_stats_clock_label(r->r.kind) :
					    MSG_CHART_TOTAL;

		text(rq, &s[3], m != MSG_OK ? req_msg(rq, m) : r->r.kind);
		number(rq, &s[3], r->r.on_time);
		number(rq, &s[3], r->r.late);
		number(rq, &s[3], r->r.missed);
		number(rq, &s[3], r->r.open);
		number(rq, &s[3], r->r.waived);
		cell(rq, &s[3], WB_PERCENT, NULL, r->on_time_share);
	}
	add_sheet(rq, out, n, MSG_STATS_SHEET_SLA, &s[3]);

	sheet_init(rq, &s[4], 6);
	s[4].headers[0] = req_msg(rq, MSG_STATS_COL_RANK);
	s[4].headers[1] = req_msg(rq, MSG_STATS_COL_UNIT);
	s[4].headers[2] = req_msg(rq, MSG_STATS_COL_TYPE);
	s[4].headers[3] = req_msg(rq, MSG_STATS_COL_LEVEL);
	s[4].headers[4] = req_msg(rq, MSG_STATS_COL_POINTS);
	s[4].headers[5] = req_msg(rq, MSG_STATS_COL_CONTRIBS);
	for (i = 0; i < l->ntop; i++) {
		int	t = unit_type_parse(str_from(l->top[i].type));

		number(rq, &s[4], (int64_t)i + 1);
		text(rq, &s[4], l->top[i].name);
		text(rq, &s[4], t >= 0 ? req_msg(rq, unit_type_label((enum unit_type)t)) :
		    l->top[i].type);
		number(rq, &s[4], l->top[i].level);
		number(rq, &s[4], l->top[i].points);
		number(rq, &s[4], l->top[i].n);
	}
	add_sheet(rq, out, n, MSG_STATS_SHEET_TOP, &s[4]);
}

/* A unit's sheets: 单位贡献 (month × kind, points), 单位报送 (month × grade and platform). */
static void
unit_sheets(struct req *rq, const struct stats_unit *u, bool summary, struct wb_sheet *out,
    size_t *n)
{
	struct sheet	*s = arena_calloc(rq->arena, 3, sizeof(*s));
	const struct stats_table *g = &u->sub_grade, *p = &u->sub_platform;
	size_t		 m, k;
	int64_t		 pts, tot;

	if (summary) {
		summary_period(rq, &s[0], &u->p);
		text(rq, &s[0], req_msg(rq, MSG_STATS_COL_UNIT));
		text(rq, &s[0], u->unit.name);
		item(rq, &s[0], req_msg(rq, MSG_STATS_COL_LEVEL), u->unit.level);
		item(rq, &s[0], req_msg(rq, MSG_STATS_UNIT_POINTS), u->points);
		item(rq, &s[0], req_msg(rq, MSG_STATS_COL_CONTRIBS), u->kind.total);
		item(rq, &s[0], req_msg(rq, MSG_STATS_SUB_TOTAL), u->sub_grade.total);
		add_sheet(rq, out, n, MSG_STATS_SHEET_SUMMARY, &s[0]);
	}

	sheet_init(rq, &s[1], 2 + u->kind.nkeys + 1);
	s[1].headers[0] = req_msg(rq, MSG_STATS_COL_MONTH);
	key_headers(rq, &s[1], 1, u->kind.keys, u->kind.nkeys);
	s[1].headers[1 + u->kind.nkeys] = req_msg(rq, MSG_CHART_TOTAL);
	s[1].headers[2 + u->kind.nkeys] = req_msg(rq, MSG_STATS_COL_POINTS);
	for (m = 0; m < u->kind.nmonths; m++) {
		text(rq, &s[1], u->kind.months[m]);
		for (k = 0, pts = 0, tot = 0; k < u->kind.nkeys; k++) {
			number(rq, &s[1], u->kind.n[m * u->kind.nkeys + k]);
			tot += u->kind.n[m * u->kind.nkeys + k];
			pts += u->kind.points[m * u->kind.nkeys + k];
		}
		number(rq, &s[1], tot);
		number(rq, &s[1], pts);
	}
	add_sheet(rq, out, n, MSG_STATS_SHEET_UNIT_CONTRIB, &s[1]);

	sheet_init(rq, &s[2], 1 + g->nkeys + p->nkeys + 1);
	s[2].headers[0] = req_msg(rq, MSG_STATS_COL_MONTH);
	key_headers(rq, &s[2], 1, g->keys, g->nkeys);
	key_headers(rq, &s[2], 1 + g->nkeys, p->keys, p->nkeys);
	s[2].headers[1 + g->nkeys + p->nkeys] = req_msg(rq, MSG_CHART_TOTAL);
	for (m = 0; m < g->nmonths; m++) {
		text(rq, &s[2], g->months[m]);
		for (k = 0, tot = 0; k < g->nkeys; k++) {
			number(rq, &s[2], g->n[m * g->nkeys + k]);
			tot += g->n[m * g->nkeys + k];
		}
		for (k = 0; k < p->nkeys; k++)
			number(rq, &s[2], p->n[m * p->nkeys + k]);
		number(rq, &s[2], tot);
	}
	add_sheet(rq, out, n, MSG_STATS_SHEET_UNIT_SUB, &s[2]);
}

static enum app_err
stats_xlsx(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct fault		 f = { .er = APP_OK };
	struct stats_library	 l;
	struct stats_unit	 u;
	struct wb_sheet		 sheets[8];
	struct sbuf		 x;
	const struct stats_period *p;
	const char		*fname;
	char			 err[256];
	size_t			 n = 0;
	bool			 unit = req_param(rq, P_UNIT)->present;
	bool			 library = !unit || svc_stats_library_reader(&c);

	if (rq->cfg->role != ROLE_REGISTRY)
		return not_registry(rq);
	if (unit && svc_stats_unit(&c, req_param(rq, P_UNIT)->i, req_opt(rq, P_FROM),
	    req_opt(rq, P_TO), &u, &f) != APP_OK)
		return req_fault(rq, &f);
	if (library && svc_stats_library(&c, req_opt(rq, P_FROM), req_opt(rq, P_TO), &l,
	    &f) != APP_OK)
		return req_fault(rq, &f);
	if (library)
		library_sheets(rq, &l, sheets, &n);
	if (unit)
		unit_sheets(rq, &u, !library, sheets, &n);
	p = library ? &l.p : &u.p;
	sbuf_init(&x, rq->arena, XLSX_MAX);
	if (office_workbook_xlsx(msg_s(rq, MSG_STATS_WB_TITLE,
	    unit ? u.unit.name : svc_library_name(rq->cfg)), svc_library_name(rq->cfg),
	    sheets, n, &x, err, sizeof(err)) != 0) {
		log_err("event=stats_xlsx_failed err=\"%s\"", err);
		return req_fail(rq, APP_INTERNAL, NULL, MSG_ERR_INTERNAL);
	}
	rq->status = 200;
	rq->ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	sbuf_add(&rq->out, x.buf, x.len);
	fname = unit ? arena_printf(rq->arena, "statistics-unit-%lld-%s_%s.xlsx",
	    (long long)u.unit.id, p->from, p->to) :
	    arena_printf(rq->arena, "statistics-%s_%s.xlsx", p->from, p->to);
	resp_header(rq, "Content-Disposition", arena_printf(rq->arena,
	    "attachment; filename=\"%s\"", fname));
	return APP_OK;
}

/* Any account may ask; svc/stats.c answers by who it is. */
const struct route api_stats_routes[] = {
	{ HTTP_GET, "/api/v1/statistics", PERM_ACCOUNT, 0, PARAMS(stats_params), stats_json },
	{ HTTP_GET, "/api/v1/statistics.xlsx", PERM_ACCOUNT, 0, PARAMS(stats_params),
	    stats_xlsx },
};
const size_t api_stats_nroutes = sizeof(api_stats_routes) / sizeof(api_stats_routes[0]);
