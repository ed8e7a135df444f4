/*
 * 备案, platform side: store_pfiling.h.
 */
#include <string.h>

#include "core/arena.h"
#include "store/store.h"
#include "store/store_int.h"

/* Rows a listing reads at most, whatever the caller asks. */
#define PF_LIST_MAX	1000

static int
list_limit(int limit)
{
	return limit <= 0 || limit > PF_LIST_MAX ? PF_LIST_MAX : limit;
}

static void
sealed_col(struct q *q, int col, struct arena *a, struct sealed *s)
{
	s->wrapped = q_col_blob(q, col, a, &s->wrapped_len);
	s->data = q_col_blob(q, col + 1, a, &s->data_len);
	/* A copy not made is NULL in both columns: none. */
	if (s->data == NULL || s->wrapped == NULL) {
		s->wrapped = s->data = NULL;
		s->wrapped_len = s->data_len = 0;
	}
}

enum app_err
store_pfiling_get(struct store *st, struct arena *a, struct pfiling_row *out,
    struct pfiling_seals *s)
{
	struct q	 q;
	enum app_err	 er = APP_NOTFOUND;
	const char	*st_name;
	int		 v;

	memset(out, 0, sizeof(*out));
	q_open(&q, st, STMT_PFILING_GET);
	if (q_step(&q) == Q_ROW) {
		st_name = q_col_text(&q, 0, a);
		v = platform_filing_status_parse(st_name, strlen(st_name));
		out->status = v < 0 ? PFS_DRAFT : (enum platform_filing_status)v;
		out->fieldset = q_col_text(&q, 1, a);
		out->public_json = q_col_text(&q, 2, a);
		out->filed_fieldset = q_col_text(&q, 3, a);
		out->number = q_col_text(&q, 4, a);
		out->filed_on = q_col_text(&q, 5, a);
		out->end_date = q_col_text(&q, 6, a);
		out->application_id = q_col_text(&q, 7, a);
		out->app_kind = q_col_text(&q, 8, a);
		out->app_state = q_col_text(&q, 9, a);
		out->manual = q_col_i64(&q, 10) != 0;
		out->sent_event = q_col_i64(&q, 11);
		out->submitted_at = q_col_i64(&q, 12);
		out->poll_at = q_col_i64(&q, 13);
		out->polled_at = q_col_i64(&q, 14);
		out->answer_json = q_col_text(&q, 15, a);
		out->reason = q_col_text(&q, 16, a);
		out->change_date = q_col_text(&q, 17, a);
		out->changed = q_col_text(&q, 18, a);
		out->updated_at = q_col_i64(&q, 19);
		if (s != NULL) {
			sealed_col(&q, 20, a, &s->work);
			sealed_col(&q, 22, a, &s->sent);
			sealed_col(&q, 24, a, &s->filed);
		}
		er = APP_OK;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

static void
bind_sealed(struct q *q, int idx, const struct sealed *s)
{
	q_blob(q, idx, s->data != NULL ? s->wrapped : NULL, s->wrapped_len);
	q_blob(q, idx + 1, s->data, s->data_len);
}

enum app_err
store_pfiling_put(struct store *st, const struct pfiling_row *r, const struct pfiling_seals *s)
{
	struct q	q;

	q_open(&q, st, STMT_PFILING_PUT);
	q_text(&q, 1, platform_filing_status_name(r->status));
	q_text(&q, 2, r->fieldset);
	q_text(&q, 3, r->public_json);
	q_text(&q, 4, r->filed_fieldset);
	q_text(&q, 5, r->number);
	q_text(&q, 6, r->filed_on);
	q_text(&q, 7, r->end_date);
	q_text(&q, 8, r->application_id);
	q_text(&q, 9, r->app_kind);
	q_text(&q, 10, r->app_state);
	q_i64(&q, 11, r->manual ? 1 : 0);
	q_i64(&q, 12, r->sent_event);
	q_i64_or_null(&q, 13, r->submitted_at);
	q_i64_or_null(&q, 14, r->poll_at);
	q_i64_or_null(&q, 15, r->polled_at);
	q_text(&q, 16, r->answer_json);
	q_text(&q, 17, r->reason);
	q_text(&q, 18, r->change_date);
	q_text(&q, 19, r->changed);
	q_i64(&q, 20, r->updated_at);
	bind_sealed(&q, 21, &s->work);
	bind_sealed(&q, 23, &s->sent);
	bind_sealed(&q, 25, &s->filed);
	return q_exec_done(&q);
}

/* Events */

enum app_err
store_pfiling_event_add(struct store *st, const struct pfiling_event *e, int64_t *id)
{
	struct q	q;

	q_open(&q, st, STMT_PFILING_EVENT_ADD);
	q_i64(&q, 1, e->at);
	q_i64_or_null(&q, 2, e->actor_id);
	q_text(&q, 3, e->event);
	q_text(&q, 4, e->kind != NULL ? e->kind : "");
	q_i64(&q, 5, e->resubmission ? 1 : 0);
	q_text(&q, 6, e->application_id != NULL ? e->application_id : "");
	q_text(&q, 7, e->note != NULL ? e->note : "");
	q_i64_or_null(&q, 8, e->outbox_id);
	if (q_step(&q) == Q_DONE && id != NULL)
		*id = q_last_id(&q);
	return q_close(&q);
}

enum app_err
store_pfiling_event_set_outbox(struct store *st, int64_t id, int64_t outbox_id)
{
	struct q	q;

	q_open(&q, st, STMT_PFILING_EVENT_OUTBOX);
	q_i64(&q, 1, id);
	q_i64_or_null(&q, 2, outbox_id);
	return q_exec_done(&q);
}

static void
event_fill(struct q *q, struct arena *a, struct pfiling_event *e)
{
	e->id = q_col_i64(q, 0);
	e->at = q_col_i64(q, 1);
	e->actor_id = q_col_i64(q, 2);
	e->actor_login = q_col_text(q, 3, a);
	e->event = q_col_text(q, 4, a);
	e->kind = q_col_text(q, 5, a);
	e->resubmission = q_col_i64(q, 6) != 0;
	e->application_id = q_col_text(q, 7, a);
	e->note = q_col_text(q, 8, a);
	e->outbox_id = q_col_i64(q, 9);
	e->delivery = q_col_text(q, 10, a);
	e->attempts = (int)q_col_i64(q, 11);
	e->last_error = q_col_text(q, 12, a);
	e->http_status = q_col_i64(q, 13);
}

enum app_err
store_pfiling_event_get(struct store *st, struct arena *a, int64_t id,
    struct pfiling_event *out)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;

	q_open(&q, st, STMT_PFILING_EVENT_GET);
	q_i64(&q, 1, id);
	if (q_step(&q) == Q_ROW) {
		event_fill(&q, a, out);
		er = APP_OK;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

enum app_err
store_pfiling_events(struct store *st, struct arena *a, int limit, struct pfiling_event **out,
    size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_PFILING_EVENTS);
	q_i64(&q, 1, list_limit(limit));
	while (q_step(&q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		event_fill(&q, a, &(*out)[(*n)++]);
	}
	return q_close(&q);
}

/* Change tasks */

enum app_err
store_pfiling_change_add(struct store *st, const char *fields, const char *change_date,
    int64_t now, int64_t *id)
{
	struct q	q;

	q_open(&q, st, STMT_PFILING_CHANGE_ADD);
	q_text(&q, 1, fields);
	q_text(&q, 2, change_date);
	q_i64(&q, 3, now);
	if (q_step(&q) == Q_DONE)
		*id = q_last_id(&q);
	return q_close(&q);
}

enum app_err
store_pfiling_change_save(struct store *st, const struct pfiling_change *c, int64_t now)
{
	struct q	q;

	q_open(&q, st, STMT_PFILING_CHANGE_SAVE);
	q_i64(&q, 1, c->id);
	q_text(&q, 2, c->fields);
	q_text(&q, 3, c->state);
	q_text(&q, 4, c->application_id);
	q_i64(&q, 5, now);
	return q_exec_done(&q);
}

enum app_err
store_pfiling_changes(struct store *st, struct arena *a, const char *state, int limit,
    struct pfiling_change **out, size_t *n)
{
	struct q		 q;
	struct pfiling_change	*c;
	size_t			 cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, state != NULL ? STMT_PFILING_CHANGES_STATE : STMT_PFILING_CHANGES);
	q_i64(&q, 1, list_limit(limit));
	if (state != NULL)
		q_text(&q, 2, state);
	while (q_step(&q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		c = &(*out)[(*n)++];
		c->id = q_col_i64(&q, 0);
		c->fields = q_col_text(&q, 1, a);
		c->change_date = q_col_text(&q, 2, a);
		c->state = q_col_text(&q, 3, a);
		c->application_id = q_col_text(&q, 4, a);
		c->created_at = q_col_i64(&q, 5);
		c->updated_at = q_col_i64(&q, 6);
	}
	return q_close(&q);
}

/* Documents */

static void
doc_fill(struct q *q, struct arena *a, struct pfiling_doc *d)
{
	d->key = q_col_text(q, 0, a);
	d->sha256 = q_col_text(q, 1, a);
	d->name = q_col_text(q, 2, a);
	d->media_type = q_col_text(q, 3, a);
	d->size = q_col_i64(q, 4);
	d->uploaded_by = q_col_i64(q, 5);
	d->uploaded_at = q_col_i64(q, 6);
}

enum app_err
store_pfiling_doc_put(struct store *st, const struct pfiling_doc *d, const struct sealed *content)
{
	struct q	q;

	q_open(&q, st, STMT_PFILING_DOC_PUT);
	q_text(&q, 1, d->key);
	q_text(&q, 2, d->sha256);
	q_text(&q, 3, d->name);
	q_text(&q, 4, d->media_type);
	q_i64(&q, 5, d->size);
	q_blob(&q, 6, content->wrapped, content->wrapped_len);
	q_blob(&q, 7, content->data, content->data_len);
	q_i64_or_null(&q, 8, d->uploaded_by);
	q_i64(&q, 9, d->uploaded_at);
	return q_exec_done(&q);
}

enum app_err
store_pfiling_doc_get(struct store *st, struct arena *a, const char *key, const char *sha256,
    struct pfiling_doc *out, struct sealed *content)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;

	q_open(&q, st, STMT_PFILING_DOC_GET);
	q_text(&q, 1, key);
	q_text(&q, 2, sha256);
	if (q_step(&q) == Q_ROW) {
		doc_fill(&q, a, out);
		if (content != NULL) {
			content->wrapped = q_col_blob(&q, 7, a, &content->wrapped_len);
			content->data = q_col_blob(&q, 8, a, &content->data_len);
		}
		er = APP_OK;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

enum app_err
store_pfiling_docs(struct store *st, struct arena *a, struct pfiling_doc **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_PFILING_DOCS);
	while (q_step(&q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		doc_fill(&q, a, &(*out)[(*n)++]);
	}
	return q_close(&q);
}

enum app_err
store_pfiling_doc_prune(struct store *st, const char *key, const char *const keep[3])
{
	struct q	q;
	int		i;

	q_open(&q, st, STMT_PFILING_DOC_PRUNE);
	q_text(&q, 1, key);
	for (i = 0; i < 3; i++)
		q_text(&q, 2 + i, keep[i] != NULL ? keep[i] : "");
	return q_exec_done(&q);
}

/* Cases before a deregistration */

enum app_err
store_pfiling_open_cases(struct store *st, struct arena *a, int limit,
    struct pfiling_case **out, size_t *n, int64_t *pending)
{
	struct q		 q;
	struct pfiling_case	*c;
	size_t			 cap = 0;
	enum app_err		 er;

	*out = NULL;
	*n = 0;
	*pending = 0;
	q_open(&q, st, STMT_PFILING_OPEN_CASES);
	q_i64(&q, 1, list_limit(limit));
	while (q_step(&q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		c = &(*out)[(*n)++];
		c->id = q_col_text(&q, 0, a);
		c->title = q_col_text(&q, 1, a);
		c->state = q_col_text(&q, 2, a);
		c->handed_to = q_col_text(&q, 3, a);
		c->handed_at = q_col_i64(&q, 4);
	}
	if ((er = q_close(&q)) != APP_OK)
		return er;
	q_open(&q, st, STMT_PFILING_PENDING_CASES);
	if (q_step(&q) == Q_ROW)
		*pending = q_col_i64(&q, 0);
	return q_close(&q);
}

enum app_err
store_pfiling_handover_add(struct store *st, const char *case_id, const char *to_org,
    const char *note, int64_t actor_id, int64_t now)
{
	struct q	q;

	q_open(&q, st, STMT_PFILING_HANDOVER_ADD);
	q_text(&q, 1, case_id);
	q_text(&q, 2, to_org);
	q_text(&q, 3, note != NULL ? note : "");
	q_i64_or_null(&q, 4, actor_id);
	q_i64(&q, 5, now);
	return q_exec_done(&q);
}
