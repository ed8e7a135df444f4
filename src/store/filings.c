/*
 * 备案, registry side: store_filings.h.
 */
#include <string.h>

#include "core/arena.h"
#include "store/store.h"
#include "store/store_int.h"

enum app_err
store_filing_next_seq(struct store *st, const char *what, int year, int64_t *seq)
{
	struct q	q;
	enum app_err	er = APP_STORE;

	q_open(&q, st, STMT_FILING_SEQ_NEXT);
	q_text(&q, 1, what);
	q_i64(&q, 2, year);
	if (q_step(&q) == Q_ROW) {
		*seq = q_col_i64(&q, 0);
		er = APP_OK;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

/* The columns of FILING_APP_COLS into r; returns the next column. */
static int
app_fill(struct q *q, struct arena *a, struct filing_app_row *r)
{
	const char	*w;
	int		 k;

	memset(r, 0, sizeof(*r));
	r->rowid = q_col_i64(q, 0);
	r->id = q_col_text(q, 1, a);
	w = q_col_text(q, 2, a);
	k = filing_app_kind_parse(w, strlen(w));
	r->kind = k < 0 ? FAK_INITIAL : (enum filing_app_kind)k;
	w = q_col_text(q, 3, a);
	k = filing_app_state_parse(w, strlen(w));
	r->state = k < 0 ? FAS_SUBMITTED : (enum filing_app_state)k;
	r->platform_id = q_col_i64(q, 4);
	r->platform_number = q_col_text(q, 5, a);
	r->org_id = q_col_i64(q, 6);
	r->org_slug = q_col_text(q, 7, a);
	r->org_name = q_col_text(q, 8, a);
	r->submitter_id = q_col_i64(q, 9);
	r->submitter_login = q_col_text(q, 10, a);
	r->idem_key = q_col_text(q, 11, a);
	r->fieldset = q_col_text(q, 12, a);
	r->name = q_col_text(q, 13, a);
	r->url = q_col_text(q, 14, a);
	r->icp = q_col_text(q, 15, a);
	r->sponsor = q_col_text(q, 16, a);
	r->given_number = q_col_text(q, 17, a);
	r->change_date = q_col_text(q, 18, a);
	r->end_date = q_col_text(q, 19, a);
	r->changed = q_col_text(q, 20, a);
	r->note = q_col_text(q, 21, a);
	r->payload_sha256 = q_col_text(q, 22, a);
	r->leaf_index = q_col_i64(q, 23);
	r->submitted_at = q_col_i64(q, 24);
	r->complete_at = q_col_i64(q, 25);
	r->decided_at = q_col_i64(q, 26);
	r->decided_by = q_col_i64(q, 27);
	r->decided_by_login = q_col_text(q, 28, a);
	r->reason = q_col_text(q, 29, a);
	r->reviews = (int)q_col_i64(q, 30);
	r->rounds = (int)q_col_i64(q, 31);
	r->created_at = q_col_i64(q, 32);
	r->updated_at = q_col_i64(q, 33);
	return 34;
}

/* A sealed pair of BLOB columns (key, data) from col. */
static void
sealed_fill(struct q *q, struct arena *a, int col, struct sealed *s)
{
	s->wrapped = q_col_blob(q, col, a, &s->wrapped_len);
	s->data = q_col_blob(q, col + 1, a, &s->data_len);
}

enum app_err
store_filing_app_insert(struct store *st, const struct filing_app_row *r,
    const struct sealed *fields)
{
	struct q	q;

	q_open(&q, st, STMT_FILING_APP_INSERT);
	q_text(&q, 1, r->id);
	q_text(&q, 2, filing_app_kind_name(r->kind));
	q_i64_or_null(&q, 3, r->platform_id);
	q_i64_or_null(&q, 4, r->org_id);
	q_text(&q, 5, r->idem_key != NULL ? r->idem_key : "");
	q_text(&q, 6, filing_app_state_name(r->state));
	q_text(&q, 7, r->fieldset);
	q_blob(&q, 8, fields->wrapped, fields->wrapped_len);
	q_blob(&q, 9, fields->data, fields->data_len);
	q_text(&q, 10, r->name != NULL ? r->name : "");
	q_text(&q, 11, r->url != NULL ? r->url : "");
	q_text(&q, 12, r->icp != NULL ? r->icp : "");
	q_text(&q, 13, r->sponsor != NULL ? r->sponsor : "");
	q_text(&q, 14, r->change_date != NULL ? r->change_date : "");
	q_text(&q, 15, r->end_date != NULL ? r->end_date : "");
	q_i64(&q, 16, r->leaf_index);
	q_i64(&q, 17, r->submitted_at);
	q_i64_or_null(&q, 18, r->complete_at);
	q_i64_or_null(&q, 19, r->submitter_id);
	q_text(&q, 20, r->given_number != NULL ? r->given_number : "");
	q_text(&q, 21, r->changed != NULL ? r->changed : "");
	q_text(&q, 22, r->note != NULL ? r->note : "");
	q_text(&q, 23, r->payload_sha256 != NULL ? r->payload_sha256 : "");
	q_i64(&q, 24, r->reviews);
	q_i64(&q, 25, r->rounds);
	return q_exec_done(&q);
}

/* One application row of statement id bound by the caller to key; APP_NOTFOUND. */
static enum app_err
app_one(struct q *q, struct arena *a, struct filing_app_row *out, struct sealed *fields)
{
	enum app_err	er = APP_NOTFOUND;
	int		col;

	if (q_step(q) == Q_ROW) {
		col = app_fill(q, a, out);
		if (fields != NULL)
			sealed_fill(q, a, col, fields);
		er = APP_OK;
	}
	return q_close(q) != APP_OK ? APP_STORE : er;
}

enum app_err
store_filing_app_get(struct store *st, struct arena *a, const char *id,
    struct filing_app_row *out, struct sealed *fields)
{
	struct q	q;

	q_open(&q, st, STMT_FILING_APP_GET);
	q_text(&q, 1, id);
	return app_one(&q, a, out, fields);
}

enum app_err
store_filing_app_by_key(struct store *st, struct arena *a, int64_t org_id,
    const char *idem_key, struct filing_app_row *out)
{
	struct q	q;

	q_open(&q, st, STMT_FILING_APP_BY_KEY);
	q_i64(&q, 1, org_id);
	q_text(&q, 2, idem_key);
	return app_one(&q, a, out, NULL);
}

enum app_err
store_filing_app_open_for(struct store *st, struct arena *a, int64_t org_id,
    int64_t platform_id, const char **id)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;

	*id = NULL;
	q_open(&q, st, STMT_FILING_APP_OPEN_FOR);
	q_i64(&q, 1, org_id);
	q_i64(&q, 2, platform_id);
	if (q_step(&q) == Q_ROW) {
		*id = q_col_text(&q, 0, a);
		er = APP_OK;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

enum app_err
store_filing_app_dossier_of(struct store *st, struct arena *a, int64_t platform_id,
    struct filing_app_row *out, struct sealed *fields)
{
	struct q	q;

	q_open(&q, st, STMT_FILING_APP_DOSSIER_OF);
	q_i64(&q, 1, platform_id);
	return app_one(&q, a, out, fields);
}

enum app_err
store_filing_app_dereg_of(struct store *st, struct arena *a, int64_t platform_id,
    struct filing_app_row *out)
{
	struct q	q;

	q_open(&q, st, STMT_FILING_APP_DEREG_OF);
	q_i64(&q, 1, platform_id);
	return app_one(&q, a, out, NULL);
}

enum app_err
store_filing_app_list(struct store *st, struct arena *a, const struct filing_app_filter *f,
    struct filing_app_row **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_FILING_APP_LIST);
	q_text(&q, 1, f->state);
	q_text(&q, 2, f->kind);
	q_i64(&q, 3, f->org_id);
	q_i64(&q, 4, f->cursor);
	q_i64(&q, 5, f->limit);
	while (q_step(&q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		app_fill(&q, a, &(*out)[(*n)++]);
	}
	return q_close(&q);
}

enum app_err
store_filing_app_save(struct store *st, const struct filing_app_row *r,
    enum filing_app_state from, const struct sealed *fields)
{
	struct q	q;
	int64_t		changed = 0;
	enum app_err	er;

	q_open(&q, st, STMT_FILING_APP_SAVE);
	q_text(&q, 1, r->id);
	q_text(&q, 2, filing_app_state_name(r->state));
	q_i64(&q, 3, r->platform_id);
	q_text(&q, 4, r->fieldset);
	q_blob(&q, 5, fields != NULL ? fields->wrapped : NULL,
	    fields != NULL ? fields->wrapped_len : 0);
	q_blob(&q, 6, fields != NULL ? fields->data : NULL, fields != NULL ? fields->data_len : 0);
	q_text(&q, 7, r->name != NULL ? r->name : "");
	q_text(&q, 8, r->url != NULL ? r->url : "");
	q_text(&q, 9, r->icp != NULL ? r->icp : "");
	q_text(&q, 10, r->sponsor != NULL ? r->sponsor : "");
	q_text(&q, 11, r->given_number != NULL ? r->given_number : "");
	q_text(&q, 12, r->change_date != NULL ? r->change_date : "");
	q_text(&q, 13, r->end_date != NULL ? r->end_date : "");
	q_text(&q, 14, r->changed != NULL ? r->changed : "");
	q_text(&q, 15, r->note != NULL ? r->note : "");
	q_text(&q, 16, r->payload_sha256 != NULL ? r->payload_sha256 : "");
	q_i64(&q, 17, r->complete_at);
	q_i64(&q, 18, r->decided_at);
	q_i64(&q, 19, r->decided_by);
	q_text(&q, 20, r->reason != NULL ? r->reason : "");
	q_i64(&q, 21, r->reviews);
	q_i64(&q, 22, r->updated_at);
	q_text(&q, 23, filing_app_state_name(from));
	q_i64(&q, 24, r->rounds);
	if (q_step(&q) == Q_DONE)
		changed = q_changes(&q);
	er = q_close(&q);
	return er == APP_OK && changed == 0 ? APP_NOTFOUND : er;
}

enum app_err
store_filing_round_add(struct store *st, const struct filing_round_row *r)
{
	struct q	q;

	q_open(&q, st, STMT_FILING_ROUND_ADD);
	q_text(&q, 1, r->application_id);
	q_i64(&q, 2, r->round);
	q_text(&q, 3, r->items_json);
	q_text(&q, 4, r->note != NULL ? r->note : "");
	q_i64(&q, 5, r->requested_at);
	q_i64(&q, 6, r->requested_by);
	return q_exec_done(&q);
}

enum app_err
store_filing_rounds(struct store *st, struct arena *a, const char *app_id,
    struct filing_round_row **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_FILING_ROUNDS);
	q_text(&q, 1, app_id);
	while (q_step(&q) == Q_ROW) {
		struct filing_round_row	*r;

		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		r = &(*out)[(*n)++];
		r->id = q_col_i64(&q, 0);
		r->application_id = q_col_text(&q, 1, a);
		r->round = (int)q_col_i64(&q, 2);
		r->items_json = q_col_text(&q, 3, a);
		r->note = q_col_text(&q, 4, a);
		r->requested_at = q_col_i64(&q, 5);
		r->requested_by = q_col_i64(&q, 6);
		r->requested_by_login = q_col_text(&q, 7, a);
		r->answered_at = q_col_i64(&q, 8);
		r->answer_key = q_col_text(&q, 9, a);
	}
	return q_close(&q);
}

enum app_err
store_filing_round_answer(struct store *st, const char *app_id, int round, const char *key,
    int64_t at)
{
	struct q	q;
	int64_t		changed = 0;
	enum app_err	er;

	q_open(&q, st, STMT_FILING_ROUND_ANSWER);
	q_text(&q, 1, app_id);
	q_i64(&q, 2, round);
	q_text(&q, 3, key != NULL ? key : "");
	q_i64(&q, 4, at);
	if (q_step(&q) == Q_DONE)
		changed = q_changes(&q);
	er = q_close(&q);
	return er == APP_OK && changed == 0 ? APP_NOTFOUND : er;
}

enum app_err
store_filing_round_key_used(struct store *st, const char *app_id, const char *key,
    bool *used)
{
	struct q	q;

	*used = false;
	q_open(&q, st, STMT_FILING_ROUND_KEY_USED);
	q_text(&q, 1, app_id);
	q_text(&q, 2, key);
	if (q_step(&q) == Q_ROW)
		*used = q_col_i64(&q, 0) > 0;
	return q_close(&q);
}

static void
doc_fill(struct q *q, struct arena *a, struct filing_doc_row *d)
{
	d->application_id = q_col_text(q, 0, a);
	d->field = q_col_text(q, 1, a);
	d->name = q_col_text(q, 2, a);
	d->media_type = q_col_text(q, 3, a);
	d->claimed_type = q_col_text(q, 4, a);
	d->sha256 = q_col_text(q, 5, a);
	d->size = q_col_i64(q, 6);
	d->created_at = q_col_i64(q, 7);
}

enum app_err
store_filing_doc_put(struct store *st, const struct filing_doc_row *d,
    const struct sealed *content)
{
	struct q	q;

	q_open(&q, st, STMT_FILING_DOC_PUT);
	q_text(&q, 1, d->application_id);
	q_text(&q, 2, d->field);
	q_text(&q, 3, d->name);
	q_text(&q, 4, d->media_type);
	q_text(&q, 5, d->claimed_type != NULL ? d->claimed_type : "");
	q_text(&q, 6, d->sha256);
	q_i64(&q, 7, d->size);
	q_blob(&q, 8, content->wrapped, content->wrapped_len);
	q_blob(&q, 9, content->data, content->data_len);
	q_i64(&q, 10, d->created_at);
	return q_exec_done(&q);
}

enum app_err
store_filing_doc_get(struct store *st, struct arena *a, const char *app_id, const char *field,
    struct filing_doc_row *out, struct sealed *content)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;

	q_open(&q, st, STMT_FILING_DOC_GET);
	q_text(&q, 1, app_id);
	q_text(&q, 2, field);
	if (q_step(&q) == Q_ROW) {
		doc_fill(&q, a, out);
		if (content != NULL)
			sealed_fill(&q, a, 8, content);
		er = APP_OK;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

enum app_err
store_filing_docs(struct store *st, struct arena *a, const char *app_id,
    struct filing_doc_row **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_FILING_DOCS);
	q_text(&q, 1, app_id);
	while (q_step(&q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		doc_fill(&q, a, &(*out)[(*n)++]);
	}
	return q_close(&q);
}

enum app_err
store_filing_doc_delete(struct store *st, const char *app_id, const char *field)
{
	struct q	q;

	q_open(&q, st, STMT_FILING_DOC_DELETE);
	q_text(&q, 1, app_id);
	q_text(&q, 2, field);
	return q_exec_done(&q);
}

enum app_err
store_filing_notice_add(struct store *st, const struct filing_notice_row *r, int64_t *id)
{
	struct q	q;
	enum app_err	er;

	q_open(&q, st, STMT_FILING_NOTICE_ADD);
	q_text(&q, 1, r->application_id);
	q_text(&q, 2, r->recipient);
	q_text(&q, 3, r->target != NULL ? r->target : "");
	q_i64(&q, 4, r->created_at);
	if (q_step(&q) == Q_DONE && id != NULL)
		*id = q_last_id(&q);
	er = q_close(&q);
	return er;
}

enum app_err
store_filing_notice_set_outbox(struct store *st, int64_t id, int64_t outbox_id)
{
	struct q	q;

	q_open(&q, st, STMT_FILING_NOTICE_SET_OUTBOX);
	q_i64(&q, 1, id);
	q_i64_or_null(&q, 2, outbox_id);
	return q_exec_done(&q);
}

static void
notice_fill(struct q *q, struct arena *a, struct filing_notice_row *r)
{
	r->id = q_col_i64(q, 0);
	r->application_id = q_col_text(q, 1, a);
	r->recipient = q_col_text(q, 2, a);
	r->target = q_col_text(q, 3, a);
	r->outbox_id = q_col_i64(q, 4);
	r->created_at = q_col_i64(q, 5);
	r->delivery = q_col_text(q, 6, a);
	r->attempts = (int)q_col_i64(q, 7);
	r->last_error = q_col_text(q, 8, a);
	r->http_status = q_col_i64(q, 9);
	r->sent_at = q_col_i64(q, 10);
}

enum app_err
store_filing_notice_get(struct store *st, struct arena *a, int64_t id,
    struct filing_notice_row *out)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;

	q_open(&q, st, STMT_FILING_NOTICE_GET);
	q_i64(&q, 1, id);
	if (q_step(&q) == Q_ROW) {
		notice_fill(&q, a, out);
		er = APP_OK;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

enum app_err
store_filing_notices(struct store *st, struct arena *a, const char *app_id,
    struct filing_notice_row **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_FILING_NOTICES);
	q_text(&q, 1, app_id);
	while (q_step(&q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		notice_fill(&q, a, &(*out)[(*n)++]);
	}
	return q_close(&q);
}

enum app_err
store_filing_event_add(struct store *st, const char *app_id, int64_t at, int64_t actor_id,
    const char *event, const char *note)
{
	struct q	q;

	q_open(&q, st, STMT_FILING_EVENT_ADD);
	q_text(&q, 1, app_id);
	q_i64(&q, 2, at);
	q_i64(&q, 3, actor_id);
	q_text(&q, 4, event);
	q_text(&q, 5, note != NULL ? note : "");
	return q_exec_done(&q);
}

enum app_err
store_filing_events(struct store *st, struct arena *a, const char *app_id,
    struct filing_event_row **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_FILING_EVENTS);
	q_text(&q, 1, app_id);
	while (q_step(&q) == Q_ROW) {
		struct filing_event_row	*e;

		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		e = &(*out)[(*n)++];
		e->id = q_col_i64(&q, 0);
		e->at = q_col_i64(&q, 1);
		e->actor_id = q_col_i64(&q, 2);
		e->actor_login = q_col_text(&q, 3, a);
		e->event = q_col_text(&q, 4, a);
		e->note = q_col_text(&q, 5, a);
	}
	return q_close(&q);
}

static void
platform_fill(struct q *q, struct arena *a, struct filed_platform *p)
{
	p->id = q_col_i64(q, 0);
	p->number = q_col_text(q, 1, a);
	p->name = q_col_text(q, 2, a);
	p->url = q_col_text(q, 3, a);
	p->icp = q_col_text(q, 4, a);
	p->sponsor = q_col_text(q, 5, a);
	p->org_id = q_col_i64(q, 6);
	p->deregistered = strcmp(q_col_text(q, 7, a), "deregistered") == 0;
	p->filed_on = q_col_text(q, 8, a);
	p->deregistered_on = q_col_text(q, 9, a);
	p->updated_at = q_col_i64(q, 10);
}

enum app_err
store_filing_platform_insert(struct store *st, const struct filed_platform *p, int64_t *id)
{
	struct q	q;

	q_open(&q, st, STMT_FILING_PLATFORM_INSERT);
	q_text(&q, 1, p->number);
	q_text(&q, 2, p->name);
	q_text(&q, 3, p->url);
	q_text(&q, 4, p->icp);
	q_text(&q, 5, p->sponsor);
	q_i64(&q, 6, p->org_id);
	q_text(&q, 7, p->filed_on);
	q_i64(&q, 8, p->updated_at);
	if (q_step(&q) == Q_DONE && id != NULL)
		*id = q_last_id(&q);
	return q_close(&q);
}

/* One platform of a statement bound by the caller; APP_NOTFOUND. */
static enum app_err
platform_one(struct q *q, struct arena *a, struct filed_platform *out)
{
	enum app_err	er = APP_NOTFOUND;

	if (q_step(q) == Q_ROW) {
		platform_fill(q, a, out);
		er = APP_OK;
	}
	return q_close(q) != APP_OK ? APP_STORE : er;
}

enum app_err
store_filing_platform_get(struct store *st, struct arena *a, int64_t id,
    struct filed_platform *out)
{
	struct q	q;

	q_open(&q, st, STMT_FILING_PLATFORM_GET);
	q_i64(&q, 1, id);
	return platform_one(&q, a, out);
}

enum app_err
store_filing_platform_by_number(struct store *st, struct arena *a, const char *number,
    struct filed_platform *out)
{
	struct q	q;

	q_open(&q, st, STMT_FILING_PLATFORM_BY_NUMBER);
	q_text(&q, 1, number);
	return platform_one(&q, a, out);
}

enum app_err
store_filing_platform_update(struct store *st, const struct filed_platform *p)
{
	struct q	q;

	q_open(&q, st, STMT_FILING_PLATFORM_UPDATE);
	q_i64(&q, 1, p->id);
	q_text(&q, 2, p->name);
	q_text(&q, 3, p->url);
	q_text(&q, 4, p->icp);
	q_text(&q, 5, p->sponsor);
	q_text(&q, 6, p->deregistered ? "deregistered" : "filed");
	q_text(&q, 7, p->deregistered_on != NULL ? p->deregistered_on : "");
	q_i64(&q, 8, p->updated_at);
	return q_exec_done(&q);
}

/* Rows of a platform statement bound by the caller. */
static enum app_err
platform_rows(struct q *q, struct arena *a, struct filed_platform **out, size_t *n)
{
	size_t	cap = 0;

	*out = NULL;
	*n = 0;
	while (q_step(q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		platform_fill(q, a, &(*out)[(*n)++]);
	}
	return q_close(q);
}

enum app_err
store_filing_platform_list(struct store *st, struct arena *a,
    const struct filed_platform_filter *f, struct filed_platform **out, size_t *n)
{
	struct q	q;

	q_open(&q, st, STMT_FILING_PLATFORM_LIST);
	q_text(&q, 1, f->status);
	q_text(&q, 2, f->q);
	q_i64(&q, 3, f->offset);
	q_i64(&q, 4, f->limit);
	return platform_rows(&q, a, out, n);
}

enum app_err
store_filing_platforms_ending(struct store *st, struct arena *a, const char *today,
    int limit, struct filed_platform **out, size_t *n)
{
	struct q	q;

	q_open(&q, st, STMT_FILING_PLATFORMS_ENDING);
	q_text(&q, 1, today);
	q_i64(&q, 2, limit);
	return platform_rows(&q, a, out, n);
}

enum app_err
store_filing_platform_deregister(struct store *st, int64_t id, int64_t now)
{
	struct q	q;
	int64_t		changed = 0;
	enum app_err	er;

	q_open(&q, st, STMT_FILING_PLATFORM_DEREGISTER);
	q_i64(&q, 1, id);
	q_i64(&q, 2, now);
	if (q_step(&q) == Q_DONE)
		changed = q_changes(&q);
	er = q_close(&q);
	return er == APP_OK && changed == 0 ? APP_NOTFOUND : er;
}
