/*
 * The statistics' queries (store_stats.h): each one statement, grouped
 * and counted by SQLite; the rows are copied into the caller's arena.
 */
#include "store/store.h"
#include "store/store_int.h"

static const enum stmt cell_stmts[SQ__MAX] = {
	[SQ_SUB_GRADE] = STMT_STATS_SUB_GRADE,
	[SQ_SUB_PLATFORM] = STMT_STATS_SUB_PLATFORM,
	[SQ_SUB_STATE] = STMT_STATS_SUB_STATE,
	[SQ_REP_GRADE] = STMT_STATS_REP_GRADE,
	[SQ_REP_PLATFORM] = STMT_STATS_REP_PLATFORM,
	[SQ_REP_STATUS] = STMT_STATS_REP_STATUS,
	[SQ_UNIT_KIND] = STMT_STATS_UNIT_KIND,
	[SQ_UNIT_GRADE] = STMT_STATS_UNIT_GRADE,
};

enum app_err
store_stats_cells(struct store *st, struct arena *a, enum stats_query which, int64_t from,
    int64_t to, int64_t scope, struct stats_cell **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	if ((unsigned)which >= SQ__MAX)
		return APP_INTERNAL;
	q_open(&q, st, cell_stmts[which]);
	q_i64(&q, 1, from);
	q_i64(&q, 2, to);
	q_i64(&q, 3, scope);
	while (q_step(&q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		(*out)[*n].month = q_col_text(&q, 0, a);
		(*out)[*n].key = q_col_text(&q, 1, a);
		(*out)[*n].n = q_col_i64(&q, 2);
		(*out)[*n].points = q_col_i64(&q, 3);
		(*n)++;
	}
	return q_close(&q);
}

enum app_err
store_stats_sla(struct store *st, struct arena *a, int64_t from, int64_t to,
    struct stats_sla_row **out, size_t *n)
{
	struct q		 q;
	struct stats_sla_row	*r;
	size_t			 cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_STATS_SLA);
	q_i64(&q, 1, from);
	q_i64(&q, 2, to);
	while (q_step(&q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		r = &(*out)[(*n)++];
		r->kind = q_col_text(&q, 0, a);
		r->on_time = q_col_i64(&q, 1);
		r->late = q_col_i64(&q, 2);
		r->missed = q_col_i64(&q, 3);
		r->open = q_col_i64(&q, 4);
		r->waived = q_col_i64(&q, 5);
	}
	return q_close(&q);
}

enum app_err
store_stats_top(struct store *st, struct arena *a, int64_t from, int64_t to, int limit,
    struct stats_top_row **out, size_t *n)
{
	struct q		 q;
	struct stats_top_row	*r;
	size_t			 cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_STATS_TOP);
	q_i64(&q, 1, from);
	q_i64(&q, 2, to);
	q_i64(&q, 3, limit);
	while (q_step(&q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		r = &(*out)[(*n)++];
		r->unit_id = q_col_i64(&q, 0);
		r->name = q_col_text(&q, 1, a);
		r->type = q_col_text(&q, 2, a);
		r->level = (int)q_col_i64(&q, 3);
		r->status = q_col_text(&q, 4, a);
		r->points = q_col_i64(&q, 5);
		r->n = q_col_i64(&q, 6);
	}
	return q_close(&q);
}
