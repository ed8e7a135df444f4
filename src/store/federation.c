/*
 * The 报送 (provider side), what a registry receives and forwards, and the
 * notices of risk and remedy to users (issue 6).
 */
#include <string.h>

#include "core/arena.h"
#include "store/store.h"
#include "store/store_apps.h"
#include "store/store_int.h"

/* The provider's 报送 */

static int
submission_fill(struct q *q, struct arena *a, struct submission_row *r)
{
	int	v;

	r->id = q_col_i64(q, 0);
	r->case_id = q_col_text(q, 1, a);
	v = sub_state_parse(str_from(q_col_text(q, 2, a)));
	r->state = v < 0 ? SUB_DRAFT : (enum sub_state)v;
	r->target_library = q_col_text(q, 3, a);
	r->title = q_col_text(q, 4, a);
	r->product_name = q_col_text(q, 5, a);
	r->idem_key = q_col_text(q, 6, a);
	r->manual = q_col_i64(q, 7) != 0;
	r->outbox_id = q_col_i64(q, 8);
	r->library_id = q_col_text(q, 9, a);
	r->reason = q_col_text(q, 10, a);
	r->created_by = q_col_i64(q, 11);
	r->created_at = q_col_i64(q, 12);
	r->updated_at = q_col_i64(q, 13);
	r->sent_by = q_col_i64(q, 14);
	r->sent_at = q_col_i64(q, 15);
	r->uploaded_by = q_col_i64(q, 16);
	r->uploaded_at = q_col_i64(q, 17);
	r->decided_at = q_col_i64(q, 18);
	r->delivery = q_col_text(q, 19, a);
	r->attempts = (int)q_col_i64(q, 20);
	r->last_error = q_col_text(q, 21, a);
	r->http_status = q_col_i64(q, 22);
	return 23;
}

enum app_err
store_submission_insert(struct store *st, const struct submission_row *r,
    const struct sealed *fields, int64_t *id)
{
	struct q	q;
	enum app_err	er;

	q_open(&q, st, STMT_SUB_INSERT);
	q_text(&q, 1, r->case_id);
	q_text(&q, 2, sub_state_name(r->state));
	q_text(&q, 3, r->target_library);
	q_text(&q, 4, r->title);
	q_text(&q, 5, r->product_name);
	q_blob(&q, 6, fields->wrapped, fields->wrapped_len);
	q_blob(&q, 7, fields->data, fields->data_len);
	q_text(&q, 8, r->idem_key);
	q_i64_or_null(&q, 9, r->created_by);
	q_i64(&q, 10, r->created_at);
	if (q_step(&q) == Q_DONE)
		*id = q_last_id(&q);
	er = q_close(&q);
	return er;
}

static enum app_err
submission_one(struct q *q, struct arena *a, struct submission_row *out,
    struct sealed *fields)
{
	enum app_err	er = APP_NOTFOUND;
	int		col;

	if (q_step(q) == Q_ROW) {
		col = submission_fill(q, a, out);
		if (fields != NULL) {
			fields->wrapped = q_col_blob(q, col, a, &fields->wrapped_len);
			fields->data = q_col_blob(q, col + 1, a, &fields->data_len);
		}
		er = APP_OK;
	}
	return q_close(q) != APP_OK ? APP_STORE : er;
}

enum app_err
store_submission_get(struct store *st, struct arena *a, int64_t id,
    struct submission_row *out, struct sealed *fields)
{
	struct q	q;

	q_open(&q, st, STMT_SUB_GET);
	q_i64(&q, 1, id);
	return submission_one(&q, a, out, fields);
}

enum app_err
store_submission_of_case(struct store *st, struct arena *a, const char *case_id,
    struct submission_row *out, struct sealed *fields)
{
	struct q	q;

	q_open(&q, st, STMT_SUB_OF_CASE);
	q_text(&q, 1, case_id);
	return submission_one(&q, a, out, fields);
}

enum app_err
store_submission_save(struct store *st, const struct submission_row *r,
    const struct sealed *fields)
{
	struct q	q;
	enum app_err	er;

	q_open(&q, st, STMT_SUB_SAVE);
	q_i64(&q, 1, r->id);
	q_text(&q, 2, sub_state_name(r->state));
	q_text(&q, 3, r->target_library);
	q_text(&q, 4, r->title);
	q_text(&q, 5, r->product_name);
	q_i64(&q, 6, r->manual ? 1 : 0);
	q_i64_or_null(&q, 7, r->outbox_id);
	q_text(&q, 8, r->library_id);
	q_text(&q, 9, r->reason);
	q_i64(&q, 10, r->updated_at);
	q_i64_or_null(&q, 11, r->sent_by);
	q_i64_or_null(&q, 12, r->sent_at);
	q_i64_or_null(&q, 13, r->uploaded_by);
	q_i64_or_null(&q, 14, r->uploaded_at);
	q_i64_or_null(&q, 15, r->decided_at);
	if ((er = q_exec_done(&q)) != APP_OK || fields == NULL)
		return er;
	q_open(&q, st, STMT_SUB_SAVE_FIELDS);
	q_i64(&q, 1, r->id);
	q_blob(&q, 2, fields->wrapped, fields->wrapped_len);
	q_blob(&q, 3, fields->data, fields->data_len);
	return q_exec_done(&q);
}

enum app_err
store_submission_list(struct store *st, struct arena *a, const char *state, int64_t cursor,
    int limit, struct submission_row **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_SUB_LIST);
	q_text(&q, 1, state);
	q_i64(&q, 2, cursor);
	q_i64(&q, 3, limit);
	while (q_step(&q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		submission_fill(&q, a, &(*out)[(*n)++]);
	}
	return q_close(&q);
}

/* What a registry receives */

enum app_err
store_library_next_seq(struct store *st, int year, int64_t *seq)
{
	struct q	q;

	q_open(&q, st, STMT_LIBRARY_SEQ_NEXT);
	q_i64(&q, 1, year);
	if (q_step(&q) == Q_ROW)
		*seq = q_col_i64(&q, 0);
	return q_close(&q);
}

static int
received_fill(struct q *q, struct arena *a, struct received_row *r)
{
	r->rowid = q_col_i64(q, 0);
	r->id = q_col_text(q, 1, a);
	r->org_id = q_col_i64(q, 2);
	r->org_slug = q_col_text(q, 3, a);
	r->org_name = q_col_text(q, 4, a);
	r->submitter_id = q_col_i64(q, 5);
	r->idem_key = q_col_text(q, 6, a);
	r->target_library = q_col_text(q, 7, a);
	r->title = q_col_text(q, 8, a);
	r->product_name = q_col_text(q, 9, a);
	r->payload_sha256 = q_col_text(q, 10, a);
	r->leaf_index = q_col_i64(q, 11);
	r->state = q_col_text(q, 12, a);
	r->reason = q_col_text(q, 13, a);
	r->received_at = q_col_i64(q, 14);
	r->updated_at = q_col_i64(q, 15);
	r->verified_by = q_col_i64(q, 16);
	r->verified_at = q_col_i64(q, 17);
	return 18;
}

enum app_err
store_received_insert(struct store *st, const struct received_row *r, int year,
    int64_t seq, const struct sealed *fields)
{
	struct q	q;

	q_open(&q, st, STMT_REC_INSERT);
	q_text(&q, 1, r->id);
	q_i64(&q, 2, year);
	q_i64(&q, 3, seq);
	q_i64(&q, 4, r->org_id);
	q_i64_or_null(&q, 5, r->submitter_id);
	q_text(&q, 6, r->idem_key);
	q_text(&q, 7, r->target_library);
	q_text(&q, 8, r->title);
	q_text(&q, 9, r->product_name);
	q_blob(&q, 10, fields->wrapped, fields->wrapped_len);
	q_blob(&q, 11, fields->data, fields->data_len);
	q_text(&q, 12, r->payload_sha256);
	q_i64(&q, 13, r->leaf_index);
	q_i64(&q, 14, r->received_at);
	return q_exec_done(&q);
}

static enum app_err
received_one(struct q *q, struct arena *a, struct received_row *out, struct sealed *fields)
{
	enum app_err	er = APP_NOTFOUND;
	int		col;

	if (q_step(q) == Q_ROW) {
		col = received_fill(q, a, out);
		if (fields != NULL) {
			fields->wrapped = q_col_blob(q, col, a, &fields->wrapped_len);
			fields->data = q_col_blob(q, col + 1, a, &fields->data_len);
		}
		er = APP_OK;
	}
	return q_close(q) != APP_OK ? APP_STORE : er;
}

enum app_err
store_received_by_key(struct store *st, struct arena *a, int64_t org_id,
    const char *idem_key, struct received_row *out)
{
	struct q	q;

	q_open(&q, st, STMT_REC_BY_KEY);
	q_i64(&q, 1, org_id);
	q_text(&q, 2, idem_key);
	return received_one(&q, a, out, NULL);
}

enum app_err
store_received_get(struct store *st, struct arena *a, const char *id,
    struct received_row *out, struct sealed *fields)
{
	struct q	q;

	q_open(&q, st, STMT_REC_GET);
	q_text(&q, 1, id);
	return received_one(&q, a, out, fields);
}

enum app_err
store_received_list(struct store *st, struct arena *a, const char *state, int64_t cursor,
    int limit, struct received_row **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_REC_LIST);
	q_text(&q, 1, state);
	q_i64(&q, 2, cursor);
	q_i64(&q, 3, limit);
	while (q_step(&q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		received_fill(&q, a, &(*out)[(*n)++]);
	}
	return q_close(&q);
}

enum app_err
store_received_decide(struct store *st, const char *id, const char *state,
    const char *reason, int64_t actor_id, int64_t now)
{
	struct q	q;
	enum app_err	er;

	q_open(&q, st, STMT_REC_DECIDE);
	q_text(&q, 1, id);
	q_text(&q, 2, state);
	q_text(&q, 3, reason);
	q_i64_or_null(&q, 4, actor_id);
	q_i64(&q, 5, now);
	if ((er = q_exec_done(&q)) != APP_OK)
		return er;
	return q_changes(&q) > 0 ? APP_OK : APP_NOTFOUND;
}

/* The app of a received 报送 (issue 9) */

static void
app_bind(struct q *q, int first, const struct appinfo *app)
{
	int	i;

	for (i = 0; i < AF__MAX; i++)
		q_text(q, first + i, appinfo_get(app, (enum app_field)i));
}

static void
app_read(struct q *q, int col, struct arena *a, struct appinfo *out)
{
	int	i;

	for (i = 0; i < AF__MAX; i++)
		out->v[i] = q_col_text(q, col + i, a);
}

enum app_err
store_received_app_set(struct store *st, const char *id, const struct appinfo *app)
{
	struct q	q;
	enum app_err	er;

	q_open(&q, st, STMT_APP_REC_SET);
	q_text(&q, 1, id);
	app_bind(&q, 2, app);
	if ((er = q_exec_done(&q)) != APP_OK)
		return er;
	return q_changes(&q) > 0 ? APP_OK : APP_NOTFOUND;
}

enum app_err
store_received_app_get(struct store *st, struct arena *a, const char *id,
    struct appinfo *out)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;

	memset(out, 0, sizeof(*out));
	q_open(&q, st, STMT_APP_REC_GET);
	q_text(&q, 1, id);
	if (q_step(&q) == Q_ROW) {
		app_read(&q, 0, a, out);
		er = APP_OK;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

enum app_err
store_received_list_app(struct store *st, struct arena *a, const char *state,
    const char *app, const char *platform, int64_t cursor, int limit,
    struct received_app_row **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;
	int		col;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_APP_REC_LIST);
	q_text(&q, 1, state);
	q_i64(&q, 2, cursor);
	q_i64(&q, 3, limit);
	/* A substring: the user's %, _ and \ are literal (ESCAPE '\'). */
	q_text(&q, 4, app != NULL && app[0] != '\0' ?
	    arena_printf(a, "%%%s%%", store_like_escape(a, app)) : NULL);
	q_text(&q, 5, platform != NULL && platform[0] != '\0' ? platform : NULL);
	while (q_step(&q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		memset(&(*out)[*n], 0, sizeof(**out));
		col = received_fill(&q, a, &(*out)[*n].r);
		app_read(&q, col, a, &(*out)[*n].app);
		(*n)++;
	}
	return q_close(&q);
}

/* Forwards */

static void
forward_fill(struct q *q, struct arena *a, struct forward_row *r)
{
	r->id = q_col_i64(q, 0);
	r->submission_id = q_col_text(q, 1, a);
	r->recipient = q_col_text(q, 2, a);
	r->target = q_col_text(q, 3, a);
	r->on_request = q_col_i64(q, 4) != 0;
	r->outbox_id = q_col_i64(q, 5);
	r->created_at = q_col_i64(q, 6);
	r->delivery = q_col_text(q, 7, a);
	r->attempts = (int)q_col_i64(q, 8);
	r->last_error = q_col_text(q, 9, a);
	r->http_status = q_col_i64(q, 10);
	r->sent_at = q_col_i64(q, 11);
}

enum app_err
store_forward_add(struct store *st, const struct forward_row *r, int64_t *id)
{
	struct q	q;

	q_open(&q, st, STMT_FWD_INSERT);
	q_text(&q, 1, r->submission_id);
	q_text(&q, 2, r->recipient);
	q_text(&q, 3, r->target);
	q_i64(&q, 4, r->on_request ? 1 : 0);
	q_i64(&q, 5, r->created_at);
	if (q_step(&q) == Q_DONE)
		*id = q_last_id(&q);
	return q_close(&q);
}

enum app_err
store_forward_set_outbox(struct store *st, int64_t id, int64_t outbox_id)
{
	struct q	q;

	q_open(&q, st, STMT_FWD_SET_OUTBOX);
	q_i64(&q, 1, id);
	q_i64(&q, 2, outbox_id);
	return q_exec_done(&q);
}

enum app_err
store_forward_get(struct store *st, struct arena *a, int64_t id, struct forward_row *out)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;

	q_open(&q, st, STMT_FWD_GET);
	q_i64(&q, 1, id);
	if (q_step(&q) == Q_ROW) {
		forward_fill(&q, a, out);
		er = APP_OK;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

enum app_err
store_forwards(struct store *st, struct arena *a, const char *submission_id,
    struct forward_row **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_FWD_LIST);
	q_text(&q, 1, submission_id);
	while (q_step(&q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		forward_fill(&q, a, &(*out)[(*n)++]);
	}
	return q_close(&q);
}

/* Notices to users and downstream vendors */

enum app_err
store_user_notice_add(struct store *st, const struct user_notice_row *r, int64_t *id)
{
	struct q	q;

	q_open(&q, st, STMT_UNOTICE_INSERT);
	q_text(&q, 1, r->case_id);
	q_text(&q, 2, r->subject);
	q_text(&q, 3, r->body);
	q_text(&q, 4, r->support_channel);
	q_i64_or_null(&q, 5, r->created_by);
	q_i64(&q, 6, r->created_at);
	if (q_step(&q) == Q_DONE)
		*id = q_last_id(&q);
	return q_close(&q);
}

enum app_err
store_user_notice_rcpt_add(struct store *st, const struct user_notice_rcpt *r)
{
	struct q	q;

	q_open(&q, st, STMT_UNOTICE_RCPT_INSERT);
	q_i64(&q, 1, r->notice_id);
	q_text(&q, 2, r->address);
	q_text(&q, 3, r->source);
	q_i64_or_null(&q, 4, r->org_id);
	q_i64_or_null(&q, 5, r->outbox_id);
	return q_exec_done(&q);
}

enum app_err
store_user_notices(struct store *st, struct arena *a, const char *case_id,
    struct user_notice_row **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_UNOTICE_LIST);
	q_text(&q, 1, case_id);
	while (q_step(&q) == Q_ROW) {
		struct user_notice_row	*r;

		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		r = &(*out)[(*n)++];
		r->id = q_col_i64(&q, 0);
		r->case_id = q_col_text(&q, 1, a);
		r->subject = q_col_text(&q, 2, a);
		r->body = q_col_text(&q, 3, a);
		r->support_channel = q_col_text(&q, 4, a);
		r->created_by = q_col_i64(&q, 5);
		r->created_at = q_col_i64(&q, 6);
	}
	return q_close(&q);
}

enum app_err
store_user_notice_rcpts(struct store *st, struct arena *a, int64_t notice_id,
    struct user_notice_rcpt **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_UNOTICE_RCPTS);
	q_i64(&q, 1, notice_id);
	while (q_step(&q) == Q_ROW) {
		struct user_notice_rcpt	*r;

		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		r = &(*out)[(*n)++];
		r->notice_id = q_col_i64(&q, 0);
		r->address = q_col_text(&q, 1, a);
		r->source = q_col_text(&q, 2, a);
		r->org_id = q_col_i64(&q, 3);
		r->outbox_id = q_col_i64(&q, 4);
		r->delivery = q_col_text(&q, 5, a);
		r->attempts = (int)q_col_i64(&q, 6);
		r->last_error = q_col_text(&q, 7, a);
		r->sent_at = q_col_i64(&q, 8);
	}
	return q_close(&q);
}
