/* Warnings (预警, issue 9; R40): warnings, their deliveries, and what disputes share. */
#include <string.h>

#include "core/arena.h"
#include "core/str.h"
#include "store/store.h"
#include "store/store_int.h"

enum app_err
store_wd_next_seq(struct store *st, const char *what, int year, int64_t *seq)
{
	struct q	q;

	q_open(&q, st, STMT_WD_SEQ_NEXT);
	q_text(&q, 1, what);
	q_i64(&q, 2, year);
	if (q_step(&q) == Q_ROW)
		*seq = q_col_i64(&q, 0);
	return q_close(&q);
}

enum app_err
store_wd_org_members(struct store *st, struct arena *a, int64_t org_id,
    struct wd_member **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_WD_ORG_MEMBERS);
	q_i64(&q, 1, org_id);
	while (q_step(&q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		(*out)[*n].id = q_col_i64(&q, 0);
		(*out)[*n].login = q_col_text(&q, 1, a);
		(*out)[*n].email = q_col_text(&q, 2, a);
		(*n)++;
	}
	return q_close(&q);
}

/* A word of the row, or def when it is not one (a row the CHECKs let through cannot be). */
static int
word(int k, int def)
{
	return k < 0 ? def : k;
}

/* The columns of WARNING_COLS into w; returns the next column. */
static int
warning_fill(struct q *q, struct arena *a, struct warning_row *w)
{
	int	k;

	w->rowid = q_col_i64(q, 0);
	w->id = q_col_text(q, 1, a);
	w->kind = (enum warning_kind)word(warning_kind_parse(q_col_text(q, 2, a)),
	    WK_VULNERABILITY);
	w->severity = (enum warning_severity)word(warning_severity_parse(q_col_text(q, 3, a)),
	    WSEV_LOW);
	w->title = q_col_text(q, 4, a);
	w->summary = q_col_text(q, 5, a);
	w->related = q_col_text(q, 6, a);
	w->affected = q_col_text(q, 7, a);
	k = warning_audience_parse(q_col_text(q, 8, a));
	w->audience = k < 0 ? 0 : (unsigned)k;
	w->min_level = (int)q_col_i64(q, 9);
	w->unit_ids = q_col_text(q, 10, a);
	w->public_at = q_col_i64(q, 11);
	w->issuer_id = q_col_i64(q, 12);
	w->issuer_login = q_col_text(q, 13, a);
	w->issuer_org_id = q_col_i64(q, 14);
	w->issuer_org_name = q_col_text(q, 15, a);
	w->state = (enum warning_state)word(warning_state_parse(q_col_text(q, 16, a)),
	    WST_WITHDRAWN);
	w->withdrawn_at = q_col_i64(q, 17);
	w->withdrawn_by_login = q_col_text(q, 18, a);
	w->withdraw_reason = q_col_text(q, 19, a);
	w->issued_at = q_col_i64(q, 20);
	w->updated_at = q_col_i64(q, 21);
	w->ndelivered = q_col_i64(q, 22);
	w->nacknowledged = q_col_i64(q, 23);
	w->nrefused = q_col_i64(q, 24);
	return 25;
}

enum app_err
store_warning_insert(struct store *st, const struct warning_row *w, int year, int64_t seq,
    const struct sealed *body)
{
	struct q	q;

	q_open(&q, st, STMT_WARNING_INSERT);
	q_text(&q, 1, w->id);
	q_i64(&q, 2, year);
	q_i64(&q, 3, seq);
	q_text(&q, 4, warning_kind_name(w->kind));
	q_text(&q, 5, warning_severity_name(w->severity));
	q_text(&q, 6, w->title);
	q_text(&q, 7, w->summary != NULL ? w->summary : "");
	q_text(&q, 8, w->related != NULL ? w->related : "");
	q_text(&q, 9, w->affected != NULL ? w->affected : "");
	q_text(&q, 10, warning_audience_name(w->audience));
	q_i64(&q, 11, w->min_level);
	q_text(&q, 12, w->unit_ids != NULL ? w->unit_ids : "");
	q_blob(&q, 13, body->wrapped, body->wrapped_len);
	q_blob(&q, 14, body->data, body->data_len);
	q_i64(&q, 15, w->public_at);
	q_i64_or_null(&q, 16, w->issuer_id);
	q_i64_or_null(&q, 17, w->issuer_org_id);
	q_i64(&q, 18, w->issued_at);
	return q_exec_done(&q);
}

enum app_err
store_warning_get(struct store *st, struct arena *a, const char *id, struct warning_row *out,
    struct sealed *body)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;
	int		col;

	q_open(&q, st, STMT_WARNING_GET);
	q_text(&q, 1, id);
	if (q_step(&q) == Q_ROW) {
		col = warning_fill(&q, a, out);
		if (body != NULL) {
			body->wrapped = q_col_blob(&q, col, a, &body->wrapped_len);
			body->data = q_col_blob(&q, col + 1, a, &body->data_len);
		}
		er = APP_OK;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

enum app_err
store_warning_list(struct store *st, struct arena *a, const struct warning_filter *f,
    struct warning_row **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_WARNING_LIST);
	q_i64(&q, 1, f->org_id);
	q_i64(&q, 2, f->cursor);
	q_i64(&q, 3, f->limit);
	while (q_step(&q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		warning_fill(&q, a, &(*out)[(*n)++]);
	}
	return q_close(&q);
}

enum app_err
store_warning_public(struct store *st, struct arena *a, int64_t now, int64_t skip, int limit,
    struct warning_row **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_WARNING_PUBLIC);
	q_i64(&q, 1, now);
	q_i64(&q, 2, skip);
	q_i64(&q, 3, limit);
	while (q_step(&q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		warning_fill(&q, a, &(*out)[(*n)++]);
	}
	return q_close(&q);
}

/* Run an UPDATE that must change one row: APP_NOTFOUND otherwise. */
static enum app_err
changed_one(struct q *q)
{
	int64_t		changed = 0;
	enum app_err	er;

	if (q_step(q) == Q_DONE)
		changed = q_changes(q);
	er = q_close(q);
	return er == APP_OK && changed == 0 ? APP_NOTFOUND : er;
}

enum app_err
store_warning_withdraw(struct store *st, const char *id, int64_t by, const char *reason,
    int64_t now)
{
	struct q	q;

	q_open(&q, st, STMT_WARNING_WITHDRAW);
	q_text(&q, 1, id);
	q_i64_or_null(&q, 2, by);
	q_text(&q, 3, reason);
	q_i64(&q, 4, now);
	return changed_one(&q);
}

enum app_err
store_warning_delivery_add(struct store *st, const struct warning_delivery *d, int64_t now)
{
	struct q	q;

	q_open(&q, st, STMT_WARNING_DELIVERY_ADD);
	q_text(&q, 1, d->warning_id);
	q_i64(&q, 2, d->unit_id);
	q_text(&q, 3, delivery_state_name(d->state));
	q_text(&q, 4, d->rule != NULL ? d->rule : "");
	q_i64(&q, 5, d->delivered_at);
	q_i64(&q, 6, now);
	return q_exec_done(&q);
}

enum app_err
store_warning_deliveries(struct store *st, struct arena *a, const char *id,
    struct warning_delivery **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;
	int		k;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_WARNING_DELIVERIES);
	q_text(&q, 1, id);
	while (q_step(&q) == Q_ROW) {
		struct warning_delivery	*d;

		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		d = &(*out)[(*n)++];
		d->warning_id = q_col_text(&q, 0, a);
		d->unit_id = q_col_i64(&q, 1);
		d->unit_name = q_col_text(&q, 2, a);
		d->org_id = q_col_i64(&q, 3);
		k = unit_type_parse(str_from(q_col_text(&q, 4, a)));
		d->unit_type = k < 0 ? UNIT_TECHNICAL : (enum unit_type)k;
		d->level = (int)q_col_i64(&q, 5);
		d->state = (enum delivery_state)word(delivery_state_parse(q_col_text(&q, 6, a)),
		    WDS_REFUSED);
		d->rule = q_col_text(&q, 7, a);
		d->delivered_at = q_col_i64(&q, 8);
		d->acknowledged_at = q_col_i64(&q, 9);
		d->acknowledged_by = q_col_i64(&q, 10);
		d->acknowledged_login = q_col_text(&q, 11, a);
	}
	return q_close(&q);
}

enum app_err
store_warning_ack(struct store *st, const char *id, int64_t unit_id, int64_t user_id,
    int64_t now)
{
	struct q	q;

	q_open(&q, st, STMT_WARNING_ACK);
	q_text(&q, 1, id);
	q_i64(&q, 2, unit_id);
	q_i64_or_null(&q, 3, user_id);
	q_i64(&q, 4, now);
	return changed_one(&q);
}
