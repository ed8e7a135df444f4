/*
 * Products and the supply chain (Art. 7(1), R4): a product with its
 * organisation, its components and the products that include it, the
 * products a case affects.
 */
#include <string.h>

#include "core/arena.h"
#include "store/store.h"
#include "store/store_apps.h"
#include "store/store_int.h"

/* How many direct components (or users) one product contributes to a walk. */
#define EDGES_MAX	500

/* Columns 0..9 of the product statements: the product and its organisation. */
static void
product_row(struct q *q, struct arena *a, struct product *p)
{
	p->id = q_col_i64(q, 0);
	p->org_id = q_col_i64(q, 1);
	p->name = q_col_text(q, 2, a);
	p->model = q_col_text(q, 3, a);
	p->versions = q_col_text(q, 4, a);
	p->created_at = q_col_i64(q, 5);
	p->cpe = q_col_text(q, 6, a);
	p->purl = q_col_text(q, 7, a);
	p->org_slug = q_col_text(q, 8, a);
	p->org_name = q_col_text(q, 9, a);
}

enum app_err
store_product_get(struct store *st, struct arena *a, int64_t id, struct product *out)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;

	q_open(&q, st, STMT_PRODUCT_GET);
	q_i64(&q, 1, id);
	if (q_step(&q) == Q_ROW) {
		product_row(&q, a, out);
		er = APP_OK;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

enum app_err
store_product_component_add(struct store *st, int64_t product_id, int64_t component_id,
    const char *versions, int64_t now)
{
	struct q	q;

	q_open(&q, st, STMT_PRODUCT_COMPONENT_ADD);
	q_i64(&q, 1, product_id);
	q_i64(&q, 2, component_id);
	q_text(&q, 3, versions != NULL ? versions : "");
	q_i64(&q, 4, now);
	return q_exec_done(&q);
}

/* Was id reached already (or is it the start)? */
static bool
seen(const struct product_link *l, size_t n, int64_t start, int64_t id)
{
	size_t	i;

	if (id == start)
		return true;
	for (i = 0; i < n; i++)
		if (l[i].p.id == id)
			return true;
	return false;
}

enum app_err
store_product_walk(struct store *st, struct arena *a, int64_t id, enum product_dir dir,
    int max_depth, size_t max_nodes, struct product_link **out, size_t *n,
    bool *truncated)
{
	struct product_link	*l = NULL, row;
	struct q		 q;
	size_t			 cap = 0, head = 0;
	int64_t			 from;
	int			 depth;
	enum app_err		 er = APP_OK;

	*n = 0;
	if (truncated != NULL)
		*truncated = false;
	/* The queue is the result: l[head] is the next product to expand. */
	for (from = id, depth = 0; er == APP_OK; from = l[head++].p.id) {
		if (head > 0)
			depth = l[head - 1].depth;
		if (depth < max_depth) {
			q_open(&q, st, dir == PRODUCT_COMPONENTS ? STMT_PRODUCT_COMPONENTS :
			    STMT_PRODUCT_USERS);
			q_i64(&q, 1, from);
			q_i64(&q, 2, EDGES_MAX);
			while (q_step(&q) == Q_ROW) {
				memset(&row, 0, sizeof(row));
				product_row(&q, a, &row.p);
				if (seen(l, *n, id, row.p.id))
					continue;
				if (*n == max_nodes) {
					if (truncated != NULL)
						*truncated = true;
					break;
				}
				row.versions = q_col_text(&q, 10, a);
				row.via = from;
				row.depth = depth + 1;
				l = store_grow(a, l, *n, &cap, sizeof(*l));
				l[(*n)++] = row;
			}
			er = q_close(&q);
		}
		if (head == *n)
			break;
	}
	*out = l;
	return er;
}

enum app_err
store_product_search(struct store *st, struct arena *a, int64_t org_id, const char *text,
    int limit, struct product **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_PRODUCT_SEARCH);
	q_i64(&q, 1, org_id);
	q_text(&q, 2, store_like_escape(a, text != NULL ? text : ""));
	q_i64(&q, 3, limit);
	while (q_step(&q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		product_row(&q, a, &(*out)[(*n)++]);
	}
	return q_close(&q);
}

enum app_err
store_case_product_add(struct store *st, const char *case_id, int64_t product_id,
    const char *versions, bool upstream, int64_t actor_id, int64_t now)
{
	struct q	q;

	q_open(&q, st, STMT_CASE_PRODUCT_ADD);
	q_text(&q, 1, case_id);
	q_i64(&q, 2, product_id);
	q_text(&q, 3, versions != NULL ? versions : "");
	q_i64(&q, 4, upstream ? 1 : 0);
	q_i64(&q, 5, now);
	q_i64_or_null(&q, 6, actor_id);
	return q_exec_done(&q);
}

enum app_err
store_case_products(struct store *st, struct arena *a, const char *case_id, int limit,
    struct case_product **out, size_t *n)
{
	struct case_product	*cp;
	struct q		 q;
	size_t			 cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_CASE_PRODUCTS);
	q_text(&q, 1, case_id);
	q_i64(&q, 2, limit);
	while (q_step(&q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		cp = &(*out)[(*n)++];
		product_row(&q, a, &cp->p);
		cp->versions = q_col_text(&q, 10, a);
		cp->upstream = q_col_i64(&q, 11) != 0;
		cp->added_at = q_col_i64(&q, 12);
		cp->added_by = q_col_i64(&q, 13);
	}
	return q_close(&q);
}

/* A product's app (issue 9) */

enum app_err
store_product_app_set(struct store *st, int64_t id, const struct appinfo *app)
{
	struct q	q;
	enum app_err	er;

	q_open(&q, st, STMT_APP_PRODUCT_SET);
	q_i64(&q, 1, id);
	q_text(&q, 2, appinfo_get(app, AF_PACKAGE));
	q_text(&q, 3, appinfo_get(app, AF_PLATFORM));
	q_text(&q, 4, appinfo_get(app, AF_STORE));
	q_text(&q, 5, appinfo_get(app, AF_DEVELOPER));
	if ((er = q_exec_done(&q)) != APP_OK)
		return er;
	return q_changes(&q) > 0 ? APP_OK : APP_NOTFOUND;
}

enum app_err
store_product_app_get(struct store *st, struct arena *a, int64_t id, struct appinfo *out)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;
	int		i;

	memset(out, 0, sizeof(*out));
	q_open(&q, st, STMT_APP_PRODUCT_GET);
	q_i64(&q, 1, id);
	if (q_step(&q) == Q_ROW) {
		for (i = 0; i < AF__MAX; i++)
			out->v[i] = q_col_text(&q, i, a);
		er = APP_OK;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}
