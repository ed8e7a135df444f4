/* Deadlines, their reminders, and the outbox's HTTP deliveries (issue 6). */
#include "core/arena.h"
#include "store/store.h"
#include "store/store_int.h"

/* The DL_COLS columns from col on into d. */
static int
deadline_fill(struct q *q, struct arena *a, struct deadline_row *d, int col)
{
	int	v;

	d->id = q_col_i64(q, col + 0);
	v = deadline_kind_parse(str_from(q_col_text(q, col + 1, a)));
	d->kind = v < 0 ? DL_ACK : (enum deadline_kind)v;
	d->subject = q_col_text(q, col + 2, a);
	d->case_id = q_col_text(q, col + 3, a);
	d->report_id = q_col_text(q, col + 4, a);
	d->basis_at = q_col_i64(q, col + 5);
	d->due_at = q_col_i64(q, col + 6);
	d->period = q_col_text(q, col + 7, a);
	d->rule = q_col_text(q, col + 8, a);
	d->calendar_version = q_col_text(q, col + 9, a);
	d->provisional = q_col_i64(q, col + 10) != 0;
	v = deadline_state_parse(str_from(q_col_text(q, col + 11, a)));
	d->state = v < 0 ? DLS_OPEN : (enum deadline_state)v;
	d->paused_at = q_col_i64(q, col + 12);
	d->met_at = q_col_i64(q, col + 13);
	d->missed_at = q_col_i64(q, col + 14);
	d->reason = q_col_text(q, col + 15, a);
	d->actor_id = q_col_i64(q, col + 16);
	d->created_at = q_col_i64(q, col + 17);
	d->updated_at = q_col_i64(q, col + 18);
	return col + 19;
}

static void
deadline_row_cb(struct q *q, struct arena *a, void *item)
{
	deadline_fill(q, a, item, 0);
}

enum app_err
store_deadline_add(struct store *st, const struct deadline_row *d, const int64_t *remind_off,
    const int64_t *remind_at, size_t nremind, int64_t *id, bool *created)
{
	struct q	q;
	enum app_err	er;
	size_t		i;

	q_open(&q, st, STMT_DEADLINE_INSERT);
	q_text(&q, 1, deadline_kind_name(d->kind));
	q_text(&q, 2, d->subject);
	q_text(&q, 3, d->case_id != NULL && d->case_id[0] != '\0' ? d->case_id : NULL);
	q_text(&q, 4, d->report_id != NULL && d->report_id[0] != '\0' ? d->report_id : NULL);
	q_i64(&q, 5, d->basis_at);
	q_i64(&q, 6, d->due_at);
	q_text(&q, 7, d->period);
	q_text(&q, 8, d->rule);
	q_text(&q, 9, d->calendar_version);
	q_i64(&q, 10, d->provisional ? 1 : 0);
	q_i64(&q, 11, d->created_at);
	/* A row back: inserted; none: the subject has its clock already. */
	*created = q_step(&q) == Q_ROW;
	*id = *created ? q_col_i64(&q, 0) : 0;
	if ((er = q_close(&q)) != APP_OK)
		return er;
	if (!*created) {
		q_open(&q, st, STMT_DEADLINE_FIND_ID);
		q_text(&q, 1, deadline_kind_name(d->kind));
		q_text(&q, 2, d->subject);
		er = q_step(&q) == Q_ROW ? APP_OK : APP_STORE;
		*id = q_col_i64(&q, 0);
		if (q_close(&q) != APP_OK || er != APP_OK)
			return APP_STORE;
		return APP_OK;
	}
	for (i = 0; i < nremind; i++) {
		q_open(&q, st, STMT_REMINDER_INSERT);
		q_i64(&q, 1, *id);
		q_i64(&q, 2, remind_off[i]);
		q_i64(&q, 3, remind_at[i]);
		if ((er = q_exec_done(&q)) != APP_OK)
			return er;
	}
	return APP_OK;
}

static enum app_err
deadline_one(struct store *st, struct arena *a, struct q *q, struct deadline_row *out)
{
	enum app_err	er = APP_NOTFOUND;

	(void)st;
	if (q_step(q) == Q_ROW) {
		deadline_fill(q, a, out, 0);
		er = APP_OK;
	}
	return q_close(q) != APP_OK ? APP_STORE : er;
}

enum app_err
store_deadline_get(struct store *st, struct arena *a, int64_t id, struct deadline_row *out)
{
	struct q	q;

	q_open(&q, st, STMT_DEADLINE_GET);
	q_i64(&q, 1, id);
	return deadline_one(st, a, &q, out);
}

enum app_err
store_deadline_find(struct store *st, struct arena *a, enum deadline_kind k,
    const char *subject, struct deadline_row *out)
{
	struct q	q;

	q_open(&q, st, STMT_DEADLINE_FIND);
	q_text(&q, 1, deadline_kind_name(k));
	q_text(&q, 2, subject);
	return deadline_one(st, a, &q, out);
}

enum app_err
store_deadline_list(struct store *st, struct arena *a, const struct deadline_filter *f,
    struct deadline_row **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_DEADLINE_LIST);
	q_text(&q, 1, f->state);
	q_text(&q, 2, f->case_id);
	q_text(&q, 3, f->report_id);
	q_text(&q, 4, f->kind >= 0 ? deadline_kind_name((enum deadline_kind)f->kind) : NULL);
	q_i64(&q, 5, f->now);
	q_i64(&q, 6, f->limit);
	q_i64(&q, 7, f->cursor);
	while (q_step(&q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		deadline_fill(&q, a, &(*out)[(*n)++], 0);
	}
	return q_close(&q);
}

/* Run a move statement binding (id, now); APP_NOTFOUND when no row moved. */
static enum app_err
move(struct store *st, enum stmt id_stmt, int64_t id, int64_t now)
{
	struct q	q;
	enum app_err	er;

	q_open(&q, st, id_stmt);
	q_i64(&q, 1, id);
	q_i64(&q, 2, now);
	if ((er = q_exec_done(&q)) != APP_OK)
		return er;
	return q_changes(&q) > 0 ? APP_OK : APP_NOTFOUND;
}

enum app_err
store_deadline_met(struct store *st, int64_t id, int64_t now)
{
	return move(st, STMT_DEADLINE_MET, id, now);
}

enum app_err
store_deadline_pause(struct store *st, int64_t id, int64_t now)
{
	return move(st, STMT_DEADLINE_PAUSE, id, now);
}

enum app_err
store_deadline_missed(struct store *st, int64_t id, int64_t now)
{
	return move(st, STMT_DEADLINE_MISSED, id, now);
}

enum app_err
store_deadline_waive(struct store *st, int64_t id, const char *reason, int64_t actor_id,
    int64_t now)
{
	struct q	q;
	enum app_err	er;

	q_open(&q, st, STMT_DEADLINE_WAIVE);
	q_i64(&q, 1, id);
	q_text(&q, 2, reason);
	q_i64_or_null(&q, 3, actor_id);
	q_i64(&q, 4, now);
	if ((er = q_exec_done(&q)) != APP_OK)
		return er;
	return q_changes(&q) > 0 ? APP_OK : APP_NOTFOUND;
}

enum app_err
store_deadline_resume(struct store *st, int64_t id, int64_t now)
{
	struct deadline_row	 d;
	struct arena		*a = arena_new();
	struct q		 q;
	enum app_err		 er;
	int64_t			 shift;

	er = store_deadline_get(st, a, id, &d);
	shift = d.paused_at > 0 && now > d.paused_at ? now - d.paused_at : 0;
	arena_free(a);
	if (er != APP_OK)
		return er;
	if (d.state != DLS_PAUSED)
		return APP_NOTFOUND;
	q_open(&q, st, STMT_DEADLINE_RESUME);
	q_i64(&q, 1, id);
	q_i64(&q, 2, shift);
	q_i64(&q, 3, now);
	if ((er = q_exec_done(&q)) != APP_OK)
		return er;
	q_open(&q, st, STMT_REMINDER_SHIFT);
	q_i64(&q, 1, id);
	q_i64(&q, 2, shift);
	return q_exec_done(&q);
}

enum app_err
store_deadlines_to_miss(struct store *st, struct arena *a, int64_t now, int limit,
    struct deadline_row **out, size_t *n)
{
	return store_rows2(st, a, STMT_DEADLINES_TO_MISS, now, limit, sizeof(**out),
	    deadline_row_cb, (void **)out, n);
}

static void
reminder_due_cb(struct q *q, struct arena *a, void *item)
{
	struct reminder_due	*r = item;
	int			 col = deadline_fill(q, a, &r->d, 0);

	r->offset_s = q_col_i64(q, col);
	r->fire_at = q_col_i64(q, col + 1);
}

enum app_err
store_reminders_due(struct store *st, struct arena *a, int64_t now, int limit,
    struct reminder_due **out, size_t *n)
{
	return store_rows2(st, a, STMT_REMINDERS_DUE, now, limit, sizeof(**out),
	    reminder_due_cb, (void **)out, n);
}

enum app_err
store_reminder_fire(struct store *st, int64_t deadline_id, int64_t offset_s, bool told,
    int64_t now)
{
	struct q	q;
	enum app_err	er;

	q_open(&q, st, STMT_REMINDER_FIRE);
	q_i64(&q, 1, deadline_id);
	q_i64(&q, 2, offset_s);
	q_i64(&q, 3, now);
	q_i64(&q, 4, told ? 1 : 0);
	if ((er = q_exec_done(&q)) != APP_OK)
		return er;
	return q_changes(&q) > 0 ? APP_OK : APP_NOTFOUND;
}

enum app_err
store_reminders_of(struct store *st, struct arena *a, int64_t deadline_id,
    struct reminder_row **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_REMINDERS_OF);
	q_i64(&q, 1, deadline_id);
	while (q_step(&q) == Q_ROW) {
		struct reminder_row	*r;

		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		r = &(*out)[(*n)++];
		r->offset_s = q_col_i64(&q, 0);
		r->fire_at = q_col_i64(&q, 1);
		r->fired_at = q_col_i64(&q, 2);
		r->told = q_col_i64(&q, 3) != 0;
	}
	return q_close(&q);
}

enum app_err
store_clocks_missing(struct store *st, struct arena *a, enum deadline_kind k, int limit,
    struct clock_missing **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	if (k == DL_PUBLICATION)
		return APP_OK;
	q_open(&q, st, k == DL_ACK ? STMT_BACKFILL_ACK : k == DL_VENDOR_RESPONSE ?
	    STMT_BACKFILL_VENDOR : STMT_BACKFILL_SUBMISSION);
	q_i64(&q, 1, limit);
	while (q_step(&q) == Q_ROW) {
		struct clock_missing	*m;

		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		m = &(*out)[(*n)++];
		m->id = q_col_text(&q, 0, a);
		m->org = q_col_text(&q, 1, a);
		m->basis = q_col_i64(&q, 2);
	}
	return q_close(&q);
}

enum app_err
store_deadlines_close_case(struct store *st, const char *case_id, const char *reason,
    int64_t now)
{
	struct q	q;

	q_open(&q, st, STMT_DEADLINES_CLOSE_CASE);
	q_text(&q, 1, case_id);
	q_text(&q, 2, reason);
	q_i64(&q, 3, now);
	return q_exec_done(&q);
}

enum app_err
store_case_set_known_at(struct store *st, const char *case_id, int64_t at, int64_t now)
{
	struct q	q;

	q_open(&q, st, STMT_CASE_SET_KNOWN_AT);
	q_text(&q, 1, case_id);
	q_i64(&q, 2, at);
	q_i64(&q, 3, now);
	return q_exec_done(&q);
}

/* The outbox */

enum app_err
store_outbox_add_mail(struct store *st, const char *recipient, const char *subject,
    const char *body, int64_t now, int64_t *id)
{
	struct q	q;
	enum app_err	er;

	q_open(&q, st, STMT_OUTBOX_INSERT);
	q_text(&q, 1, recipient);
	q_text(&q, 2, subject);
	q_text(&q, 3, body);
	q_i64(&q, 4, now);
	if (q_step(&q) == Q_DONE && id != NULL)
		*id = q_last_id(&q);
	er = q_close(&q);
	return er;
}

enum app_err
store_outbox_add_http(struct store *st, const char *url, const char *ref,
    const char *idem_key, int64_t now, int64_t *id)
{
	struct q	q;

	q_open(&q, st, STMT_OUTBOX_INSERT_HTTP);
	q_text(&q, 1, url);
	q_text(&q, 2, ref);
	q_text(&q, 3, idem_key);
	q_i64(&q, 4, now);
	if (q_step(&q) == Q_DONE && id != NULL)
		*id = q_last_id(&q);
	return q_close(&q);
}

static void
outbox_fill(struct q *q, struct arena *a, void *item)
{
	struct outbox_row	*o = item;

	o->id = q_col_i64(q, 0);
	o->kind = q_col_text(q, 1, a);
	o->recipient = q_col_text(q, 2, a);
	o->subject = q_col_text(q, 3, a);
	o->ref = q_col_text(q, 4, a);
	o->idem_key = q_col_text(q, 5, a);
	o->status = q_col_text(q, 6, a);
	o->attempts = (int)q_col_i64(q, 7);
	o->next_attempt_at = q_col_i64(q, 8);
	o->last_error = q_col_text(q, 9, a);
	o->http_status = q_col_i64(q, 10);
	o->response = q_col_text(q, 11, a);
	o->created_at = q_col_i64(q, 12);
	o->sent_at = q_col_i64(q, 13);
	o->body = q_col_text(q, 14, a);
}

enum app_err
store_outbox_get(struct store *st, struct arena *a, int64_t id, struct outbox_row *out)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;

	q_open(&q, st, STMT_OUTBOX_GET);
	q_i64(&q, 1, id);
	if (q_step(&q) == Q_ROW) {
		outbox_fill(&q, a, out);
		er = APP_OK;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

enum app_err
store_outbox_due_rows(struct store *st, struct arena *a, int64_t now, bool mail, int limit,
    struct outbox_row **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_OUTBOX_DUE_ROWS);
	q_i64(&q, 1, now);
	q_i64(&q, 2, limit);
	q_i64(&q, 3, mail ? 1 : 0);
	while (q_step(&q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		outbox_fill(&q, a, &(*out)[(*n)++]);
	}
	return q_close(&q);
}

enum app_err
store_outbox_http_result(struct store *st, int64_t id, bool done, int attempts, int64_t next,
    long status, const char *response, const char *error, bool failed, int64_t now)
{
	struct q	q;

	q_open(&q, st, STMT_OUTBOX_HTTP_RESULT);
	q_i64(&q, 1, id);
	q_i64(&q, 2, done ? 1 : 0);
	q_i64(&q, 3, attempts);
	q_i64(&q, 4, next);
	q_i64_or_null(&q, 5, (int64_t)status);
	q_text(&q, 6, response != NULL ? response : "");
	q_text(&q, 7, error != NULL ? error : "");
	q_i64(&q, 8, now);
	q_i64(&q, 9, failed ? 1 : 0);
	return q_exec_done(&q);
}

enum app_err
store_outbox_requeue(struct store *st, int64_t id, int64_t now)
{
	return move(st, STMT_OUTBOX_REQUEUE, id, now);
}
