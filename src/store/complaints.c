/* Complaints (举报, issue 8; 办法 第九条) and their history. */
#include <string.h>

#include "core/arena.h"
#include "store/store.h"
#include "store/store_int.h"

enum app_err
store_complaint_next_seq(struct store *st, int year, int64_t *seq)
{
	struct q	q;

	q_open(&q, st, STMT_COMPLAINT_SEQ_NEXT);
	q_i64(&q, 1, year);
	if (q_step(&q) == Q_ROW)
		*seq = q_col_i64(&q, 0);
	return q_close(&q);
}

enum app_err
store_complaint_insert(struct store *st, const struct complaint_row *c, int year,
    int64_t seq, const struct complaint_seals *s, const char *addr_hash)
{
	struct q	q;

	q_open(&q, st, STMT_COMPLAINT_INSERT);
	q_text(&q, 1, c->id);
	q_i64(&q, 2, year);
	q_i64(&q, 3, seq);
	q_text(&q, 4, c->platform_name);
	q_text(&q, 5, c->platform_url != NULL ? c->platform_url : "");
	q_text(&q, 6, c->filing_number != NULL ? c->filing_number : "");
	q_text(&q, 7, complaint_category_name(c->category));
	q_text(&q, 8, complaint_channel_name(c->channel));
	q_i64(&q, 9, c->anonymous);
	q_i64_or_null(&q, 10, c->reporter_id);
	q_i64_or_null(&q, 11, c->recorded_by);
	q_blob(&q, 12, s->text.wrapped, s->text.wrapped_len);
	q_blob(&q, 13, s->text.data, s->text.data_len);
	q_blob(&q, 14, s->contact.wrapped, s->contact.wrapped_len);
	q_blob(&q, 15, s->contact.data, s->contact.data_len);
	q_text(&q, 16, s->token_hash);
	q_text(&q, 17, addr_hash);
	q_text(&q, 18, c->payload_sha256);
	q_i64(&q, 19, c->received_at);
	q_i64(&q, 20, c->leaf_index);
	return q_exec_done(&q);
}

/* The columns of COMPLAINT_COLS into out; returns the next column. */
static int
complaint_fill(struct q *q, struct arena *a, struct complaint_row *c)
{
	int	k;

	c->rowid = q_col_i64(q, 0);
	c->id = q_col_text(q, 1, a);
	c->platform_name = q_col_text(q, 2, a);
	c->platform_url = q_col_text(q, 3, a);
	c->filing_number = q_col_text(q, 4, a);
	k = complaint_category_parse(q_col_text(q, 5, a));
	c->category = k < 0 ? CCAT_OTHER : (enum complaint_category)k;
	k = complaint_channel_parse(q_col_text(q, 6, a));
	c->channel = k < 0 ? CCH_API : (enum complaint_channel)k;
	c->anonymous = q_col_i64(q, 7) != 0;
	c->reporter_id = q_col_i64(q, 8);
	c->reporter_login = q_col_text(q, 9, a);
	c->recorded_by = q_col_i64(q, 10);
	c->recorded_by_login = q_col_text(q, 11, a);
	c->payload_sha256 = q_col_text(q, 12, a);
	c->received_at = q_col_i64(q, 13);
	c->leaf_index = q_col_i64(q, 14);
	k = complaint_state_parse(q_col_text(q, 15, a));
	c->state = k < 0 ? CST_SUBMITTED : (enum complaint_state)k;
	c->assignee_id = q_col_i64(q, 16);
	c->assignee_login = q_col_text(q, 17, a);
	k = complaint_outcome_parse(q_col_text(q, 18, a));
	c->outcome = k < 0 ? COUT_NONE : (enum complaint_outcome)k;
	c->closed_at = q_col_i64(q, 19);
	c->updated_at = q_col_i64(q, 20);
	return 21;
}

/* A sealed pair of BLOB columns (key, data) from col. */
static void
sealed_fill(struct q *q, struct arena *a, int col, struct sealed *s)
{
	s->wrapped = q_col_blob(q, col, a, &s->wrapped_len);
	s->data = q_col_blob(q, col + 1, a, &s->data_len);
}

enum app_err
store_complaint_get(struct store *st, struct arena *a, const char *id,
    struct complaint_row *out, struct complaint_seals *s)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;
	int		col;

	q_open(&q, st, STMT_COMPLAINT_GET);
	q_text(&q, 1, id);
	if (q_step(&q) == Q_ROW) {
		col = complaint_fill(&q, a, out);
		if (s != NULL) {
			sealed_fill(&q, a, col, &s->text);
			sealed_fill(&q, a, col + 2, &s->contact);
			sealed_fill(&q, a, col + 4, &s->outcome);
			s->token_hash = q_col_text(&q, col + 6, a);
		}
		er = APP_OK;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

enum app_err
store_complaint_list(struct store *st, struct arena *a, const struct complaint_filter *f,
    struct complaint_row **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_COMPLAINT_LIST);
	q_text(&q, 1, f->state);
	q_text(&q, 2, f->category);
	q_text(&q, 3, f->platform != NULL ? arena_printf(a, "%%%s%%",
	    store_like_escape(a, f->platform)) : NULL);
	q_i64(&q, 4, f->cursor);
	q_i64(&q, 5, f->limit);
	while (q_step(&q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		complaint_fill(&q, a, &(*out)[(*n)++]);
	}
	return q_close(&q);
}

/* Run an UPDATE that must change one open complaint: APP_NOTFOUND otherwise. */
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
store_complaint_assign(struct store *st, const char *id, int64_t assignee_id,
    enum complaint_state to, int64_t now)
{
	struct q	q;

	q_open(&q, st, STMT_COMPLAINT_ASSIGN);
	q_text(&q, 1, id);
	q_i64_or_null(&q, 2, assignee_id);
	q_text(&q, 3, complaint_state_name(to));
	q_i64(&q, 4, now);
	return changed_one(&q);
}

enum app_err
store_complaint_set_state(struct store *st, const char *id, enum complaint_state to,
    int64_t now)
{
	struct q	q;

	q_open(&q, st, STMT_COMPLAINT_SET_STATE);
	q_text(&q, 1, id);
	q_text(&q, 2, complaint_state_name(to));
	q_i64(&q, 3, now);
	return changed_one(&q);
}

enum app_err
store_complaint_close(struct store *st, const char *id, enum complaint_outcome o,
    const struct sealed *note, int64_t now)
{
	struct q	q;

	q_open(&q, st, STMT_COMPLAINT_CLOSE);
	q_text(&q, 1, id);
	q_text(&q, 2, complaint_outcome_name(o));
	q_blob(&q, 3, note->wrapped, note->wrapped_len);
	q_blob(&q, 4, note->data, note->data_len);
	q_i64(&q, 5, now);
	return changed_one(&q);
}

enum app_err
store_complaint_event_next_id(struct store *st, int64_t *id)
{
	struct q	q;

	q_open(&q, st, STMT_COMPLAINT_EVENT_NEXT_ID);
	if (q_step(&q) == Q_ROW)
		*id = q_col_i64(&q, 0);
	return q_close(&q);
}

enum app_err
store_complaint_event_add(struct store *st, const struct complaint_event *e)
{
	struct q	q;

	q_open(&q, st, STMT_COMPLAINT_EVENT_INSERT);
	q_i64(&q, 1, e->id);
	q_text(&q, 2, e->complaint_id);
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
store_complaint_events(struct store *st, struct arena *a, const char *id,
    struct complaint_event **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_COMPLAINT_EVENTS);
	q_text(&q, 1, id);
	while (q_step(&q) == Q_ROW) {
		struct complaint_event	*e;

		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		e = &(*out)[(*n)++];
		memset(e, 0, sizeof(*e));
		e->id = q_col_i64(&q, 0);
		e->complaint_id = q_col_text(&q, 1, a);
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

enum app_err
store_complaint_addr_count(struct store *st, const char *addr_hash, int64_t since,
    int64_t *n, int64_t *oldest)
{
	struct q	q;

	*n = 0;
	*oldest = 0;
	q_open(&q, st, STMT_COMPLAINT_ADDR_COUNT);
	q_text(&q, 1, addr_hash);
	q_i64(&q, 2, since);
	if (q_step(&q) == Q_ROW) {
		*n = q_col_i64(&q, 0);
		*oldest = q_col_i64(&q, 1);
	}
	return q_close(&q);
}

enum app_err
store_complaint_addr_forget(struct store *st, int64_t before)
{
	struct q	q;

	q_open(&q, st, STMT_COMPLAINT_ADDR_FORGET);
	q_i64(&q, 1, before);
	return q_exec_done(&q);
}

/* The statement of each statistic. */
static const enum stmt count_stmts[CSTAT__MAX] = {
	STMT_COMPLAINT_BY_STATE,	/* CSTAT_STATE */
	STMT_COMPLAINT_BY_OUTCOME,	/* CSTAT_OUTCOME */
	STMT_COMPLAINT_BY_CATEGORY,	/* CSTAT_CATEGORY */
};

enum app_err
store_complaint_counts(struct store *st, struct arena *a, enum complaint_stat which,
    int year, struct complaint_count **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	if ((unsigned)which >= CSTAT__MAX)
		return APP_INTERNAL;
	q_open(&q, st, count_stmts[which]);
	q_i64(&q, 1, year);
	while (q_step(&q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		(*out)[*n].key = q_col_text(&q, 0, a);
		(*out)[*n].n = q_col_i64(&q, 1);
		(*n)++;
	}
	return q_close(&q);
}

enum app_err
store_complaint_platforms(struct store *st, struct arena *a, int year, int limit,
    struct complaint_platform_stat **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_COMPLAINT_PLATFORMS);
	q_i64(&q, 1, year);
	q_i64(&q, 2, limit);
	while (q_step(&q) == Q_ROW) {
		struct complaint_platform_stat	*p;

		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		p = &(*out)[(*n)++];
		p->name = q_col_text(&q, 0, a);
		p->total = q_col_i64(&q, 1);
		p->open = q_col_i64(&q, 2);
		p->substantiated = q_col_i64(&q, 3);
		p->last_at = q_col_i64(&q, 4);
	}
	return q_close(&q);
}
