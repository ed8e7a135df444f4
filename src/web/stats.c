/*
 * Statistics (issue 9): the registry's pages with server-rendered charts.
 *
 *   /statistics		the library's figures: 报送 and reports by grade
 *				and app platform per month, the clocks that fell
 *				due, the units that contributed most (staff,
 *				regulators, auditors); a unit's member is sent to
 *				the unit's page (or, with several, shown the list)
 *   /statistics/units/{id}	one support unit: its contributions by kind and
 *				grade, its organisation's 报送 (those, and the
 *				unit's members)
 *
 * ?from= and ?to= choose the period (a GET form, nothing changes); each
 * page links the same figures as a workbook (GET /api/v1/statistics.xlsx).
 * Every route answers 404 outside the registry role.
 */
#include <string.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/sbuf.h"
#include "svc/stats.h"
#include "svc/units.h"
#include "web/chart.h"
#include "web/layout.h"
#include "web/tmpl.h"
#include "web/web.h"
#include "web/web_int.h"

enum { SP_FROM, SP_TO, SP__MAX };
static const struct param period_params[SP__MAX] = {
	[SP_FROM] = { "from", PARAM_TEXT, .max = 10 },	/* YYYY-MM-DD, svc checks */
	[SP_TO] = { "to", PARAM_TEXT, .max = 10 },	/* YYYY-MM-DD */
};

enum { SU_ID, SU_FROM, SU_TO, SU__MAX };
static const struct param unit_params[SU__MAX] = {
	[SU_ID] = { "id", PARAM_I64, .min = 1, .max = INT64_MAX, .required = true },
	[SU_FROM] = { "from", PARAM_TEXT, .max = 10 },	/* YYYY-MM-DD, svc checks */
	[SU_TO] = { "to", PARAM_TEXT, .max = 10 },	/* YYYY-MM-DD */
};

static const enum msg_id level_msgs[5] = {
	MSG_WEB_NONE, MSG_UNIT_LEVEL_1, MSG_UNIT_LEVEL_2, MSG_UNIT_LEVEL_3, MSG_UNIT_LEVEL_4,
};

static enum app_err
not_registry(struct req *rq)
{
	return req_fail(rq, APP_NOTFOUND, NULL, MSG_ERR_STATS_OFF);
}

/* The labels of a table's keys, in the page's language. */
static const char **
key_labels(struct req *rq, const struct stats_table *t)
{
	const char	**l = arena_calloc(rq->arena, t->nkeys ? t->nkeys : 1, sizeof(*l));
	size_t		  k;

	for (k = 0; k < t->nkeys; k++)
		l[k] = req_msg(rq, svc_stats_key_label(t->keys, k));
	return l;
}

/* A month-by-key table as a stacked bar chart. */
static void
table_chart(struct req *rq, const char *id, enum msg_id title, const struct stats_table *t)
{
	double	*v = arena_calloc(rq->arena, t->nmonths * t->nkeys + 1, sizeof(*v));
	size_t	 i;

	for (i = 0; i < t->nmonths * t->nkeys; i++)
		v[i] = (double)t->n[i];
	chart_bars(rq, &(struct chart){ id, req_msg(rq, title), req_msg(rq, MSG_STATS_COL_MONTH),
	    t->months, t->nmonths, key_labels(rq, t), t->nkeys, v, NULL });
}

/* "?from=...&to=..." of the period shown (with a leading separator sep). */
static const char *
period_query(struct req *rq, const struct stats_period *p, const char *sep)
{
	return arena_printf(rq->arena, "%sfrom=%s&to=%s", sep, p->from, p->to);
}

/* The period, its form (GET) and the workbook's link. */
static void
period_box(struct req *rq, const char *action, const struct stats_period *p,
    const char *xlsx)
{
	tmpl_raw(rq, "<p class=\"lead\">");	/* literal */
	tmpl_text(rq, layout_msgf(rq, MSG_STATS_PERIOD_TEXT, p->from, p->to));
	tmpl_raw(rq, "</p>\n<form class=\"filters\" method=\"get\"");	/* literal */
	tmpl_attr(rq, "action", action);
	tmpl_raw(rq, " aria-label=\"");	/* literal */
	tmpl_msg(rq, MSG_STATS_PERIOD);
	tmpl_raw(rq, "\"><div class=\"field\"><label for=\"st-from\">");	/* literal */
	tmpl_msg(rq, MSG_STATS_FROM);
	tmpl_raw(rq, "</label><input type=\"date\" id=\"st-from\" name=\"from\"");	/* literal */
	tmpl_attr(rq, "value", p->from);
	tmpl_raw(rq, "></div><div class=\"field\"><label for=\"st-to\">");	/* literal */
	tmpl_msg(rq, MSG_STATS_TO);
	tmpl_raw(rq, "</label><input type=\"date\" id=\"st-to\" name=\"to\"");	/* literal */
	tmpl_attr(rq, "value", p->to);
	tmpl_raw(rq, "></div><div class=\"field\"><button type=\"submit\" "
	    "class=\"primary\">");	/* literal */
	tmpl_msg(rq, MSG_STATS_SHOW);
	tmpl_raw(rq, "</button></div></form>\n<p><a");	/* literal */
	tmpl_href(rq, xlsx);
	tmpl_raw(rq, " download>");	/* literal */
	tmpl_msg(rq, MSG_STATS_DOWNLOAD);
	tmpl_raw(rq, "</a></p>\n");	/* literal */
}

static const char *
pct(struct req *rq, double share)
{
	return arena_printf(rq->arena, "%.1f%%", share * 100);
}

/* The clocks by kind: on time, late, missed, open, waived, stacked. */
static void
sla_chart(struct req *rq, const struct stats_library *l)
{
	static const enum msg_id heads[] = {
		MSG_STATS_COL_ON_TIME, MSG_STATS_COL_LATE, MSG_STATS_COL_MISSED,
		MSG_STATS_COL_OPEN, MSG_STATS_COL_WAIVED,
	};
	/* green, amber, red, blue, grey: the usual reading of a status */
	static const char *const colours[] = {
		"#188038", "#f9ab00", "#c5221f", "#1a73e8", "#80868b",
	};
	const char	**cats = arena_calloc(rq->arena, l->nsla + 1, sizeof(*cats));
	const char	**series = arena_calloc(rq->arena, 5, sizeof(*series));
	double		 *v = arena_calloc(rq->arena, 5 * l->nsla + 1, sizeof(*v));
	enum msg_id	  m;
	size_t		  i;

	for (i = 0; i < 5; i++)
		series[i] = req_msg(rq, heads[i]);
	for (i = 0; i < l->nsla; i++) {
		m = svc_stats_clock_label(l->sla[i].r.kind);
		cats[i] = m != MSG_OK ? req_msg(rq, m) : l->sla[i].r.kind;
		v[5 * i] = (double)l->sla[i].r.on_time;
		v[5 * i + 1] = (double)l->sla[i].r.late;
		v[5 * i + 2] = (double)l->sla[i].r.missed;
		v[5 * i + 3] = (double)l->sla[i].r.open;
		v[5 * i + 4] = (double)l->sla[i].r.waived;
	}
	chart_hbars(rq, &(struct chart){ "sla", req_msg(rq, MSG_STATS_CH_SLA),
	    req_msg(rq, MSG_STATS_COL_CLOCK), cats, l->nsla, series, 5, v, colours });
	if (l->sla_total.r.on_time + l->sla_total.r.late + l->sla_total.r.missed > 0) {
		tmpl_raw(rq, "<p>");	/* literal */
		tmpl_text(rq, layout_msgf(rq, MSG_STATS_ON_TIME_SHARE,
		    pct(rq, l->sla_total.on_time_share)));
		tmpl_raw(rq, "</p>\n");	/* literal */
	}
}

/* The top contributors: a chart, then the table with links to each unit's page. */
static void
top_section(struct req *rq, const struct stats_library *l)
{
	const char	**cats = arena_calloc(rq->arena, l->ntop + 1, sizeof(*cats));
	double		 *v = arena_calloc(rq->arena, l->ntop + 1, sizeof(*v));
	size_t		  i;
	int		  t;

	for (i = 0; i < l->ntop; i++) {
		cats[i] = l->top[i].name;
		v[i] = (double)l->top[i].points;
	}
	chart_hbars(rq, &(struct chart){ "top", req_msg(rq, MSG_STATS_CH_TOP),
	    req_msg(rq, MSG_STATS_COL_UNIT), cats, l->ntop, NULL, 1, v, NULL });
	if (l->ntop == 0)
		return;
	tmpl_raw(rq, "<table class=\"stats-top\"><thead><tr>");	/* literal */
	layout_th(rq, MSG_STATS_COL_RANK);
	layout_th(rq, MSG_STATS_COL_UNIT);
	layout_th(rq, MSG_STATS_COL_TYPE);
	layout_th(rq, MSG_STATS_COL_LEVEL);
	layout_th(rq, MSG_STATS_COL_POINTS);
	layout_th(rq, MSG_STATS_COL_CONTRIBS);
	tmpl_raw(rq, "</tr></thead><tbody>");	/* literal */
	for (i = 0; i < l->ntop; i++) {
		tmpl_raw(rq, "<tr><td class=\"num\">");	/* literal */
		tmpl_i64(rq, (int64_t)i + 1);
		tmpl_raw(rq, "</td><td><a");	/* literal */
		tmpl_href(rq, arena_printf(rq->arena, "/statistics/units/%lld%s",
		    (long long)l->top[i].unit_id, period_query(rq, &l->p, "?")));
		tmpl_raw(rq, ">");	/* literal */
		tmpl_text(rq, l->top[i].name);
		tmpl_raw(rq, "</a></td><td>");	/* literal */
		t = unit_type_parse(str_from(l->top[i].type));
		tmpl_text(rq, t >= 0 ? req_msg(rq, unit_type_label((enum unit_type)t)) :
		    l->top[i].type);
		tmpl_raw(rq, "</td><td class=\"num\">");	/* literal */
		tmpl_i64(rq, l->top[i].level);
		tmpl_raw(rq, "</td><td class=\"num\">");	/* literal */
		tmpl_i64(rq, l->top[i].points);
		tmpl_raw(rq, "</td><td class=\"num\">");	/* literal */
		tmpl_i64(rq, l->top[i].n);
		tmpl_raw(rq, "</td></tr>");	/* literal */
	}
	tmpl_raw(rq, "</tbody></table>\n");	/* literal */
}

static void
dl_num(struct req *rq, enum msg_id term, int64_t n)
{
	layout_wrap(rq, "<dt>", term, "</dt><dd>");
	tmpl_i64(rq, n);
	tmpl_raw(rq, "</dd>");	/* literal */
}

/*
 * A member of one or more units who is not a library reader: the unit's
 * page straight away, or the list of them, or the note that there is none.
 */
static enum app_err
member_page(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct unit_row		*units;
	size_t			 n = 0, i;
	const char		*from = web_pstr(req_param(rq, SP_FROM));
	const char		*to = web_pstr(req_param(rq, SP_TO));
	struct sbuf		 q;

	if (svc_units_mine(&c, &units, &n) != APP_OK)
		n = 0;
	sbuf_init(&q, rq->arena, 64);
	if (from[0] != '\0' || to[0] != '\0') {
		sbuf_addstr(&q, "?from=");
		sbuf_add_urlenc(&q, from, strlen(from));
		sbuf_addstr(&q, "&to=");
		sbuf_add_urlenc(&q, to, strlen(to));
	}
	if (n == 1)
		return resp_redirect(rq, arena_printf(rq->arena, "/statistics/units/%lld%s",
		    (long long)units[0].id, q.buf));
	resp_html(rq, 200);
	layout_begin(rq, MSG_STATS_TITLE);
	layout_wrap(rq, "<h1>", MSG_STATS_TITLE, "</h1>\n");
	if (n == 0) {
		layout_wrap(rq, "<p class=\"muted\">", MSG_STATS_NOT_A_UNIT, "</p>\n");
	} else {
		layout_wrap(rq, "<h2>", MSG_STATS_YOUR_UNITS, "</h2>\n<ul>");
		for (i = 0; i < n; i++) {
			tmpl_raw(rq, "<li><a");	/* literal */
			tmpl_href(rq, arena_printf(rq->arena, "/statistics/units/%lld%s",
			    (long long)units[i].id, q.buf));
			tmpl_raw(rq, ">");	/* literal */
			tmpl_text(rq, units[i].name);
			tmpl_raw(rq, "</a> (");	/* literal */
			tmpl_msg(rq, unit_type_label(units[i].type));
			tmpl_raw(rq, ")</li>");	/* literal */
		}
		tmpl_raw(rq, "</ul>\n");	/* literal */
	}
	layout_end(rq);
	return APP_OK;
}

static enum app_err
library_get(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct stats_library	 l;
	enum app_err		 er;

	if (rq->cfg->role != ROLE_REGISTRY)
		return not_registry(rq);
	/* A vendor account may be a unit's member; anyone else not a reader is refused below. */
	if (!svc_stats_library_reader(&c) && rq->user != NULL && rq->user->role == UROLE_VENDOR)
		return member_page(rq);
	if ((er = svc_stats_library(&c, web_pstr(req_param(rq, SP_FROM)),
	    web_pstr(req_param(rq, SP_TO)), &l, &f)) != APP_OK)
		return web_fault(rq, er, &f);
	resp_html(rq, 200);
	layout_begin(rq, MSG_STATS_TITLE);
	layout_wrap(rq, "<h1>", MSG_STATS_TITLE, "</h1>\n");
	period_box(rq, "/statistics", &l.p, arena_printf(rq->arena,
	    "/api/v1/statistics.xlsx%s", period_query(rq, &l.p, "?")));
	tmpl_raw(rq, "<dl class=\"meta stats-summary\">");	/* literal */
	dl_num(rq, MSG_STATS_SUB_TOTAL, l.sub_grade.total);
	dl_num(rq, MSG_STATS_REP_TOTAL, l.rep_grade.total);
	dl_num(rq, MSG_STATS_UNITS_CONTRIB, (int64_t)l.ntop);
	tmpl_raw(rq, "</dl>\n");	/* literal */
	layout_wrap(rq, "<section class=\"stats\"><h2>", MSG_STATS_SECTION_LIBRARY, "</h2>\n");
	table_chart(rq, "sub-grade", MSG_STATS_CH_SUB_GRADE, &l.sub_grade);
	table_chart(rq, "rep-grade", MSG_STATS_CH_REP_GRADE, &l.rep_grade);
	table_chart(rq, "sub-platform", MSG_STATS_CH_SUB_PLATFORM, &l.sub_platform);
	table_chart(rq, "rep-platform", MSG_STATS_CH_REP_PLATFORM, &l.rep_platform);
	sla_chart(rq, &l);
	layout_wrap(rq, "</section>\n<section class=\"stats\"><h2>", MSG_STATS_SECTION_UNITS,
	    "</h2>\n");
	top_section(rq, &l);
	tmpl_raw(rq, "</section>\n");	/* literal */
	layout_end(rq);
	return APP_OK;
}

static enum app_err
unit_get(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct stats_unit	 u;
	enum app_err		 er;
	double			*v;
	size_t			 i;

	if (rq->cfg->role != ROLE_REGISTRY)
		return not_registry(rq);
	if ((er = svc_stats_unit(&c, req_param(rq, SU_ID)->i, web_pstr(req_param(rq, SU_FROM)),
	    web_pstr(req_param(rq, SU_TO)), &u, &f)) != APP_OK)
		return web_fault(rq, er, &f);
	resp_html(rq, 200);
	layout_begin(rq, MSG_STATS_UNIT_TITLE);
	tmpl_raw(rq, "<h1>");	/* literal */
	tmpl_text(rq, u.unit.name);
	tmpl_raw(rq, "</h1>\n<p>");	/* literal */
	tmpl_msg(rq, unit_type_label(u.unit.type));
	tmpl_raw(rq, " · ");	/* literal */
	tmpl_msg(rq, level_msgs[u.unit.level >= 1 && u.unit.level <= 4 ? u.unit.level : 0]);
	tmpl_raw(rq, "</p>\n");	/* literal */
	period_box(rq, arena_printf(rq->arena, "/statistics/units/%lld", (long long)u.unit.id),
	    &u.p, arena_printf(rq->arena, "/api/v1/statistics.xlsx?unit=%lld%s",
	    (long long)u.unit.id, period_query(rq, &u.p, "&")));
	tmpl_raw(rq, "<dl class=\"meta stats-summary\">");	/* literal */
	dl_num(rq, MSG_STATS_UNIT_POINTS, u.points);
	dl_num(rq, MSG_STATS_COL_CONTRIBS, u.kind.total);
	dl_num(rq, MSG_STATS_SUB_TOTAL, u.sub_grade.total);
	tmpl_raw(rq, "</dl>\n<section class=\"stats\">");	/* literal */
	table_chart(rq, "unit-kind", MSG_STATS_CH_UNIT_KIND, &u.kind);
	table_chart(rq, "unit-grade", MSG_STATS_CH_UNIT_GRADE, &u.grade);
	table_chart(rq, "unit-sub-grade", MSG_STATS_CH_UNIT_SUB_GRADE, &u.sub_grade);
	table_chart(rq, "unit-sub-platform", MSG_STATS_CH_UNIT_SUB_PLATFORM, &u.sub_platform);
	/* the points per month, one series */
	v = arena_calloc(rq->arena, u.kind.nmonths + 1, sizeof(*v));
	for (i = 0; i < u.kind.nmonths * u.kind.nkeys; i++)
		v[i / u.kind.nkeys] += (double)u.kind.points[i];
	chart_bars(rq, &(struct chart){ "unit-points", req_msg(rq, MSG_STATS_UNIT_POINTS),
	    req_msg(rq, MSG_STATS_COL_MONTH), u.kind.months, u.kind.nmonths, NULL,
	    1, v, NULL });
	tmpl_raw(rq, "</section>\n");	/* literal */
	layout_end(rq);
	return APP_OK;
}

/* Any account; svc/stats.c decides who sees which figures. */
const struct route stats_web_routes[] = {
	{ HTTP_GET, "/statistics", PERM_ACCOUNT, R_WEB, PARAMS(period_params), library_get },
	{ HTTP_GET, "/statistics/units/{id}", PERM_ACCOUNT, R_WEB, PARAMS(unit_params),
	    unit_get },
};
const size_t stats_web_nroutes = sizeof(stats_web_routes) / sizeof(stats_web_routes[0]);
