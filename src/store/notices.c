/* In-app notices and the follow-up of vendors that do not answer (issue 5). */
#include "core/arena.h"
#include "store/store.h"
#include "store/store_int.h"

enum app_err
store_notice_add(struct store *st, int64_t user_id, const char *kind, const char *subject,
    const char *text, int64_t now, int64_t *id)
{
	struct q	q;
	enum app_err	er;

	q_open(&q, st, STMT_NOTICE_INSERT);
	q_i64(&q, 1, user_id);
	q_text(&q, 2, kind);
	q_text(&q, 3, subject);
	q_text(&q, 4, text);
	q_i64(&q, 5, now);
	if (q_step(&q) == Q_DONE && id != NULL)
		*id = q_last_id(&q);
	er = q_close(&q);
	return er;
}

enum app_err
store_notice_add_org(struct store *st, int64_t org_id, const char *kind,
    const char *subject, const char *text, int64_t now, int64_t *n)
{
	struct q	q;
	enum app_err	er;

	*n = 0;
	q_open(&q, st, STMT_NOTICE_INSERT_ORG);
	q_i64(&q, 1, org_id);
	q_text(&q, 2, kind);
	q_text(&q, 3, subject);
	q_text(&q, 4, text);
	q_i64(&q, 5, now);
	if ((er = q_exec_done(&q)) == APP_OK)
		*n = q_changes(&q);
	return er;
}

enum app_err
store_notice_add_staff(struct store *st, const char *kind, const char *subject,
    const char *text, int64_t now, int64_t *n)
{
	struct q	q;
	enum app_err	er;

	*n = 0;
	q_open(&q, st, STMT_NOTICE_INSERT_STAFF);
	q_text(&q, 1, kind);
	q_text(&q, 2, subject);
	q_text(&q, 3, text);
	q_i64(&q, 4, now);
	if ((er = q_exec_done(&q)) == APP_OK)
		*n = q_changes(&q);
	return er;
}

static void
notice_fill(struct q *q, struct arena *a, struct notice_row *o)
{
	o->id = q_col_i64(q, 0);
	o->user_id = q_col_i64(q, 1);
	o->kind = q_col_text(q, 2, a);
	o->subject = q_col_text(q, 3, a);
	o->text = q_col_text(q, 4, a);
	o->created_at = q_col_i64(q, 5);
	o->seen_at = q_col_i64(q, 6);
}

enum app_err
store_notice_list(struct store *st, struct arena *a, int64_t user_id, bool unseen_only,
    int64_t cursor, int limit, struct notice_row **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_NOTICE_LIST);
	q_i64(&q, 1, user_id);
	q_i64(&q, 2, unseen_only ? 1 : 0);
	q_i64(&q, 3, cursor);
	q_i64(&q, 4, limit);
	while (q_step(&q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		notice_fill(&q, a, &(*out)[(*n)++]);
	}
	return q_close(&q);
}

enum app_err
store_notice_get(struct store *st, struct arena *a, int64_t user_id, int64_t id,
    struct notice_row *out)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;

	q_open(&q, st, STMT_NOTICE_GET);
	q_i64(&q, 1, user_id);
	q_i64(&q, 2, id);
	if (q_step(&q) == Q_ROW) {
		notice_fill(&q, a, out);
		er = APP_OK;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

enum app_err
store_notice_seen(struct store *st, int64_t user_id, int64_t id, int64_t now)
{
	struct q	q;

	q_open(&q, st, STMT_NOTICE_SEEN);
	q_i64(&q, 1, user_id);
	q_i64(&q, 2, id);
	q_i64(&q, 3, now);
	return q_exec_done(&q);
}

enum app_err
store_case_vendor_unresponsive(struct store *st, const char *case_id, int64_t org_id,
    int64_t before, int64_t now)
{
	struct q	q;
	enum app_err	er;

	q_open(&q, st, STMT_CVENDOR_UNRESPONSIVE);
	q_text(&q, 1, case_id);
	q_i64(&q, 2, org_id);
	q_i64(&q, 3, before);
	q_i64(&q, 4, now);
	if ((er = q_exec_done(&q)) != APP_OK)
		return er;
	if (q_changes(&q) == 0)
		return APP_NOTFOUND;	/* answered meanwhile, or marked already */
	q_open(&q, st, STMT_CASE_FLAG_UNRESPONSIVE);
	q_text(&q, 1, case_id);
	q_i64(&q, 2, now);
	return q_exec_done(&q);
}

enum app_err
store_coordinator_emails(struct store *st, struct arena *a, const char ***out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_COORDINATOR_EMAILS);
	while (q_step(&q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		(*out)[(*n)++] = q_col_text(&q, 0, a);
	}
	return q_close(&q);
}
