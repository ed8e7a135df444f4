/* Disputes (争议协调, issue 9; R40): the queue, its steps and its timeline. */
#include <string.h>

#include "core/arena.h"
#include "core/str.h"
#include "store/store.h"
#include "store/store_int.h"

/* The columns of DISPUTE_COLS into d; returns the next column. */
static int
dispute_fill(struct q *q, struct arena *a, struct dispute_row *d)
{
	int	k;

	d->rowid = q_col_i64(q, 0);
	d->id = q_col_text(q, 1, a);
	k = dispute_category_parse(q_col_text(q, 2, a));
	d->category = k < 0 ? DCAT_DISCLOSURE : (enum dispute_category)k;
	d->subject_ref = q_col_text(q, 3, a);
	d->other_party = q_col_text(q, 4, a);
	d->title = q_col_text(q, 5, a);
	d->filer_id = q_col_i64(q, 6);
	d->filer_login = q_col_text(q, 7, a);
	d->filer_org_id = q_col_i64(q, 8);
	d->filer_org_name = q_col_text(q, 9, a);
	d->recorded_by = q_col_i64(q, 10);
	d->recorded_by_login = q_col_text(q, 11, a);
	d->priority = (int)q_col_i64(q, 12);
	k = dispute_state_parse(q_col_text(q, 13, a));
	d->state = k < 0 ? DST_WITHDRAWN : (enum dispute_state)k;
	d->assignee_id = q_col_i64(q, 14);
	d->assignee_login = q_col_text(q, 15, a);
	d->payload_sha256 = q_col_text(q, 16, a);
	d->leaf_index = q_col_i64(q, 17);
	d->filed_at = q_col_i64(q, 18);
	d->updated_at = q_col_i64(q, 19);
	d->closed_at = q_col_i64(q, 20);
	d->due_at = q_col_i64(q, 21);
	d->clock_state = deadline_state_parse(str_from(q_col_text(q, 22, a)));
	return 23;
}

static void
sealed_fill(struct q *q, struct arena *a, int col, struct sealed *s)
{
	s->wrapped = q_col_blob(q, col, a, &s->wrapped_len);
	s->data = q_col_blob(q, col + 1, a, &s->data_len);
}

enum app_err
store_dispute_insert(struct store *st, const struct dispute_row *d, int year, int64_t seq,
    const struct dispute_seals *s)
{
	struct q	q;

	q_open(&q, st, STMT_DISPUTE_INSERT);
	q_text(&q, 1, d->id);
	q_i64(&q, 2, year);
	q_i64(&q, 3, seq);
	q_text(&q, 4, dispute_category_name(d->category));
	q_text(&q, 5, d->subject_ref);
	q_text(&q, 6, d->other_party);
	q_text(&q, 7, d->title);
	q_blob(&q, 8, s->statement.wrapped, s->statement.wrapped_len);
	q_blob(&q, 9, s->statement.data, s->statement.data_len);
	q_blob(&q, 10, s->wanted.wrapped, s->wanted.wrapped_len);
	q_blob(&q, 11, s->wanted.data, s->wanted.data_len);
	q_i64_or_null(&q, 12, d->filer_id);
	q_i64_or_null(&q, 13, d->filer_org_id);
	q_i64_or_null(&q, 14, d->recorded_by);
	q_i64(&q, 15, d->priority);
	q_text(&q, 16, d->payload_sha256);
	q_i64(&q, 17, d->leaf_index);
	q_i64(&q, 18, d->filed_at);
	return q_exec_done(&q);
}

enum app_err
store_dispute_get(struct store *st, struct arena *a, const char *id, struct dispute_row *out,
    struct dispute_seals *s)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;
	int		col;

	q_open(&q, st, STMT_DISPUTE_GET);
	q_text(&q, 1, id);
	if (q_step(&q) == Q_ROW) {
		col = dispute_fill(&q, a, out);
		if (s != NULL) {
			sealed_fill(&q, a, col, &s->statement);
			sealed_fill(&q, a, col + 2, &s->wanted);
			sealed_fill(&q, a, col + 4, &s->resolution);
		}
		er = APP_OK;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

enum app_err
store_dispute_list(struct store *st, struct arena *a, const struct dispute_filter *f,
    struct dispute_row **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_DISPUTE_LIST);
	q_i64(&q, 1, f->filer_id);
	q_text(&q, 2, f->state);
	q_i64(&q, 3, f->open_only);
	q_i64(&q, 4, f->skip);
	q_i64(&q, 5, f->limit);
	while (q_step(&q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		dispute_fill(&q, a, &(*out)[(*n)++]);
	}
	return q_close(&q);
}

/* Run an UPDATE that must change one open dispute: APP_NOTFOUND otherwise. */
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
store_dispute_assign(struct store *st, const char *id, int64_t assignee_id, int64_t now)
{
	struct q	q;

	q_open(&q, st, STMT_DISPUTE_ASSIGN);
	q_text(&q, 1, id);
	q_i64_or_null(&q, 2, assignee_id);
	q_i64(&q, 3, now);
	return changed_one(&q);
}

enum app_err
store_dispute_touch(struct store *st, const char *id, int64_t now)
{
	struct q	q;

	q_open(&q, st, STMT_DISPUTE_TOUCH);
	q_text(&q, 1, id);
	q_i64(&q, 2, now);
	return changed_one(&q);
}

enum app_err
store_dispute_close(struct store *st, const char *id, enum dispute_state to,
    const struct sealed *resolution, int64_t now)
{
	struct q	q;

	q_open(&q, st, STMT_DISPUTE_CLOSE);
	q_text(&q, 1, id);
	q_text(&q, 2, dispute_state_name(to));
	q_blob(&q, 3, resolution != NULL ? resolution->wrapped : NULL,
	    resolution != NULL ? resolution->wrapped_len : 0);
	q_blob(&q, 4, resolution != NULL ? resolution->data : NULL,
	    resolution != NULL ? resolution->data_len : 0);
	q_i64(&q, 5, now);
	return changed_one(&q);
}

enum app_err
store_dispute_event_next_id(struct store *st, int64_t *id)
{
	struct q	q;

	q_open(&q, st, STMT_DISPUTE_EVENT_NEXT_ID);
	if (q_step(&q) == Q_ROW)
		*id = q_col_i64(&q, 0);
	return q_close(&q);
}

enum app_err
store_dispute_event_add(struct store *st, const struct dispute_event *e)
{
	struct q	q;

	q_open(&q, st, STMT_DISPUTE_EVENT_INSERT);
	q_i64(&q, 1, e->id);
	q_text(&q, 2, e->dispute_id);
	q_i64(&q, 3, e->at);
	q_i64_or_null(&q, 4, e->actor_id);
	q_text(&q, 5, e->event);
	q_text(&q, 6, e->from_state != NULL ? e->from_state : "");
	q_text(&q, 7, e->to_state != NULL ? e->to_state : "");
	q_text(&q, 8, e->detail != NULL ? e->detail : "");
	q_blob(&q, 9, e->note.wrapped, e->note.wrapped_len);
	q_blob(&q, 10, e->note.data, e->note.data_len);
	return q_exec_done(&q);
}

enum app_err
store_dispute_events(struct store *st, struct arena *a, const char *id,
    struct dispute_event **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_DISPUTE_EVENTS);
	q_text(&q, 1, id);
	while (q_step(&q) == Q_ROW) {
		struct dispute_event	*e;

		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		e = &(*out)[(*n)++];
		memset(e, 0, sizeof(*e));
		e->id = q_col_i64(&q, 0);
		e->dispute_id = q_col_text(&q, 1, a);
		e->at = q_col_i64(&q, 2);
		e->actor_id = q_col_i64(&q, 3);
		e->actor_login = q_col_text(&q, 4, a);
		e->event = q_col_text(&q, 5, a);
		e->from_state = q_col_text(&q, 6, a);
		e->to_state = q_col_text(&q, 7, a);
		e->detail = q_col_text(&q, 8, a);
		sealed_fill(&q, a, 9, &e->note);
	}
	return q_close(&q);
}
