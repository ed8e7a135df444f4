/* CWE entries and assessments (scores, grades, related ids, history). */
#include <string.h>

#include "core/arena.h"
#include "store/store.h"
#include "store/store_int.h"

enum app_err
store_cwe_clear(struct store *st)
{
	struct q	q;

	q_open(&q, st, STMT_CWE_CLEAR);
	return q_exec_done(&q);
}

enum app_err
store_cwe_put(struct store *st, const struct cwe_entry *e)
{
	struct q	q;

	q_open(&q, st, STMT_CWE_PUT);
	q_i64(&q, 1, e->id);
	q_text(&q, 2, e->name);
	q_text(&q, 3, e->abstraction ? e->abstraction : "");
	q_text(&q, 4, e->status ? e->status : "");
	q_text(&q, 5, e->version ? e->version : "");
	return q_exec_done(&q);
}

static void
cwe_row(struct q *q, struct arena *a, struct cwe_entry *e)
{
	e->id = q_col_i64(q, 0);
	e->name = q_col_text(q, 1, a);
	e->abstraction = q_col_text(q, 2, a);
	e->status = q_col_text(q, 3, a);
	e->version = q_col_text(q, 4, a);
}

enum app_err
store_cwe_get(struct store *st, struct arena *a, int64_t id, struct cwe_entry *out)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;

	q_open(&q, st, STMT_CWE_GET);
	q_i64(&q, 1, id);
	if (q_step(&q) == Q_ROW) {
		cwe_row(&q, a, out);
		er = APP_OK;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

enum app_err
store_cwe_search(struct store *st, struct arena *a, int64_t id, const char *text,
    int limit, struct cwe_entry **out, size_t *n)
{
	struct q	 q;
	size_t		 cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_CWE_SEARCH);
	q_i64(&q, 1, id);
	q_text(&q, 2, store_like_escape(a, text != NULL ? text : ""));
	q_i64(&q, 3, limit);
	while (q_step(&q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		cwe_row(&q, a, &(*out)[(*n)++]);
	}
	return q_close(&q);
}

enum app_err
store_cwe_count(struct store *st, struct arena *a, int64_t *n, const char **version)
{
	struct q	q;

	*n = 0;
	*version = "";
	q_open(&q, st, STMT_CWE_COUNT);
	if (q_step(&q) == Q_ROW) {
		*n = q_col_i64(&q, 0);
		*version = q_col_text(&q, 1, a);
	}
	return q_close(&q);
}

enum app_err
store_assessment_get(struct store *st, struct arena *a, const char *subject,
    struct assessment *out)
{
	struct q	 q;
	enum app_err	 er = APP_NOTFOUND;
	size_t		 cap = 0;
	int		 i;

	assessment_clear(out, arena_strdup(a, subject));
	q_open(&q, st, STMT_ASSESS_GET);
	q_text(&q, 1, subject);
	if (q_step(&q) == Q_ROW) {
		out->cvss_v2 = q_col_text(&q, 0, a);
		out->cvss_v3 = q_col_text(&q, 1, a);
		out->cvss_v4 = q_col_text(&q, 2, a);
		for (i = 0; i < GBT__NINDICATORS; i++)
			out->gbt[i] = q_col_text(&q, 3 + i, a);
		out->technical_grade = q_col_text(&q, 13, a);
		out->comprehensive_grade = q_col_text(&q, 14, a);
		out->grading_scheme = q_col_text(&q, 15, a);
		out->tables_version = q_col_text(&q, 16, a);
		out->tables_sha256 = q_col_text(&q, 17, a);
		out->category_path = q_col_text(&q, 18, a);
		out->cwe_id = q_col_i64(&q, 19);
		out->updated_at = q_col_i64(&q, 20);
		out->updated_by = q_col_i64(&q, 21);
		er = APP_OK;
	}
	if (q_close(&q) != APP_OK)
		return APP_STORE;
	if (er != APP_OK)
		return er;
	q_open(&q, st, STMT_RELATED_LIST);
	q_text(&q, 1, subject);
	while (q_step(&q) == Q_ROW) {
		out->related = store_grow(a, out->related, out->nrelated, &cap,
		    sizeof(*out->related));
		out->related[out->nrelated].scheme = q_col_text(&q, 0, a);
		out->related[out->nrelated].value = q_col_text(&q, 1, a);
		out->nrelated++;
	}
	return q_close(&q);
}

enum app_err
store_assessment_put(struct store *st, const struct assessment *in)
{
	struct q	q;
	enum app_err	er;
	size_t		i;
	int		k;

	q_open(&q, st, STMT_ASSESS_PUT);
	q_text(&q, 1, in->subject);
	q_text(&q, 2, in->cvss_v2);
	q_text(&q, 3, in->cvss_v3);
	q_text(&q, 4, in->cvss_v4);
	for (k = 0; k < GBT__NINDICATORS; k++)
		q_text(&q, 5 + k, in->gbt[k]);
	q_text(&q, 15, in->technical_grade);
	q_text(&q, 16, in->comprehensive_grade);
	q_text(&q, 17, in->grading_scheme);
	q_text(&q, 18, in->tables_version);
	q_text(&q, 19, in->tables_sha256);
	q_text(&q, 20, in->category_path);
	q_i64_or_null(&q, 21, in->cwe_id);
	q_i64(&q, 22, in->updated_at);
	q_i64_or_null(&q, 23, in->updated_by);
	if ((er = q_exec_done(&q)) != APP_OK)
		return er;
	q_open(&q, st, STMT_RELATED_CLEAR);
	q_text(&q, 1, in->subject);
	if ((er = q_exec_done(&q)) != APP_OK)
		return er;
	for (i = 0; i < in->nrelated; i++) {
		q_open(&q, st, STMT_RELATED_ADD);
		q_text(&q, 1, in->subject);
		q_text(&q, 2, in->related[i].scheme);
		q_text(&q, 3, in->related[i].value);
		if ((er = q_exec_done(&q)) != APP_OK)
			return er;
	}
	return APP_OK;
}

enum app_err
store_assessment_history_add(struct store *st, const char *subject, int64_t at,
    int64_t actor_id, const char *field, const char *old, const char *new,
    const char *reason)
{
	struct q	q;

	q_open(&q, st, STMT_ASSESS_HISTORY_ADD);
	q_text(&q, 1, subject);
	q_i64(&q, 2, at);
	q_i64_or_null(&q, 3, actor_id);
	q_text(&q, 4, field);
	q_text(&q, 5, old);
	q_text(&q, 6, new);
	q_text(&q, 7, reason != NULL ? reason : "");
	return q_exec_done(&q);
}

enum app_err
store_assessment_history(struct store *st, struct arena *a, const char *subject,
    int limit, struct assessment_change **out, size_t *n)
{
	struct q			 q;
	struct assessment_change	*c;
	size_t				 cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_ASSESS_HISTORY);
	q_text(&q, 1, subject);
	q_i64(&q, 2, limit);
	while (q_step(&q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		c = &(*out)[(*n)++];
		c->id = q_col_i64(&q, 0);
		c->at = q_col_i64(&q, 1);
		c->actor_id = q_col_i64(&q, 2);
		c->actor_login = q_col_text(&q, 3, a);
		c->field = q_col_text(&q, 4, a);
		c->old = q_col_text(&q, 5, a);
		c->new = q_col_text(&q, 6, a);
		c->reason = q_col_text(&q, 7, a);
	}
	return q_close(&q);
}
