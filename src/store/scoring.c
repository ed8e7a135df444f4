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

/* q with LIKE's wildcards (and the escape character) escaped by '\'. */
static const char *
like_escape(struct arena *a, const char *q)
{
	size_t	 n = strlen(q), i, j = 0;
	char	*out = arena_alloc(a, 2 * n + 1);

	for (i = 0; i < n; i++) {
		if (q[i] == '%' || q[i] == '_' || q[i] == '\\')
			out[j++] = '\\';
		out[j++] = q[i];
	}
	out[j] = '\0';
	return out;
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
	q_text(&q, 2, like_escape(a, text != NULL ? text : ""));
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
