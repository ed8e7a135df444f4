/* The conversation of a case (R42): messages, their attachments, triage's questions. */
#include <string.h>

#include "core/arena.h"
#include "store/store.h"
#include "store/store_int.h"

enum app_err
store_message_next_id(struct store *st, int64_t *id)
{
	struct q	q;

	q_open(&q, st, STMT_MESSAGE_NEXT_ID);
	if (q_step(&q) == Q_ROW)
		*id = q_col_i64(&q, 0);
	return q_close(&q);
}

/* "" stands for SQL NULL in the optional text columns. */
static void
text_or_null(struct q *q, int idx, const char *s)
{
	q_text(q, idx, s != NULL && s[0] != '\0' ? s : NULL);
}

enum app_err
store_message_insert(struct store *st, const struct message *m, const struct sealed *body)
{
	struct q	q;

	q_open(&q, st, STMT_MESSAGE_INSERT);
	q_i64(&q, 1, m->id);
	text_or_null(&q, 2, m->case_id);
	text_or_null(&q, 3, m->report_id);
	q_i64_or_null(&q, 4, m->author_id);
	q_i64_or_null(&q, 5, m->author_org_id);
	q_text(&q, 6, m->kind);
	q_text(&q, 7, m->visibility);
	q_i64_or_null(&q, 8, m->vendor_org_id);
	q_blob(&q, 9, body->wrapped, body->wrapped_len);
	q_blob(&q, 10, body->data, body->data_len);
	q_text(&q, 11, m->body_sha256);
	/* Leaf 0 is a real leaf: only a negative index means none. */
	if (m->leaf_index >= 0)
		q_i64(&q, 12, m->leaf_index);
	else
		q_text(&q, 12, NULL);
	q_i64(&q, 13, m->created_at);
	return q_exec_done(&q);
}

static void
message_row(struct q *q, struct arena *a, struct message *m, struct sealed *body)
{
	memset(m, 0, sizeof(*m));
	m->id = q_col_i64(q, 0);
	m->case_id = q_col_text(q, 1, a);
	m->report_id = q_col_text(q, 2, a);
	m->author_id = q_col_i64(q, 3);
	m->author_login = q_col_text(q, 4, a);
	m->author_name = q_col_text(q, 5, a);
	m->author_org_id = q_col_i64(q, 6);
	m->author_org_slug = q_col_text(q, 7, a);
	m->kind = q_col_text(q, 8, a);
	m->visibility = q_col_text(q, 9, a);
	m->vendor_org_id = q_col_i64(q, 10);
	m->vendor_org_slug = q_col_text(q, 11, a);
	m->body_sha256 = q_col_text(q, 12, a);
	m->leaf_index = q_col_i64(q, 13);
	m->created_at = q_col_i64(q, 14);
	body->wrapped = q_col_blob(q, 15, a, &body->wrapped_len);
	body->data = q_col_blob(q, 16, a, &body->data_len);
}

enum app_err
store_message_get(struct store *st, struct arena *a, int64_t id, struct message *out,
    struct sealed *body)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;

	q_open(&q, st, STMT_MESSAGE_GET);
	q_i64(&q, 1, id);
	if (q_step(&q) == Q_ROW) {
		message_row(&q, a, out, body);
		er = APP_OK;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

/* The rows of a message listing keyed by one text parameter. */
static enum app_err
messages_by(struct store *st, struct arena *a, enum stmt id, const char *key,
    struct message **out, struct sealed **bodies, size_t *n)
{
	struct q	 q;
	struct message	*arr = NULL;
	struct sealed	*bs = NULL;
	size_t		 cap = 0, bcap = 0;

	*n = 0;
	q_open(&q, st, id);
	q_text(&q, 1, key);
	while (q_step(&q) == Q_ROW) {
		arr = store_grow(a, arr, *n, &cap, sizeof(*arr));
		bs = store_grow(a, bs, *n, &bcap, sizeof(*bs));
		message_row(&q, a, &arr[*n], &bs[*n]);
		(*n)++;
	}
	*out = arr;
	*bodies = bs;
	return q_close(&q);
}

enum app_err
store_messages_of_case(struct store *st, struct arena *a, const char *case_id,
    struct message **out, struct sealed **bodies, size_t *n)
{
	return messages_by(st, a, STMT_MESSAGES_OF_CASE, case_id, out, bodies, n);
}

enum app_err
store_messages_of_report(struct store *st, struct arena *a, const char *report_id,
    struct message **out, struct sealed **bodies, size_t *n)
{
	return messages_by(st, a, STMT_MESSAGES_OF_REPORT, report_id, out, bodies, n);
}

enum app_err
store_report_questions(struct store *st, struct arena *a, const char *report_id,
    struct message **out, size_t *n)
{
	struct q	 q;
	struct message	*arr = NULL, *m;
	size_t		 cap = 0;

	*n = 0;
	q_open(&q, st, STMT_REPORT_QUESTIONS);
	q_text(&q, 1, report_id);
	while (q_step(&q) == Q_ROW) {
		arr = store_grow(a, arr, *n, &cap, sizeof(*arr));
		m = &arr[(*n)++];
		memset(m, 0, sizeof(*m));
		m->case_id = "";
		m->report_id = arena_strdup(a, report_id);
		m->created_at = q_col_i64(&q, 0);
		m->author_id = q_col_i64(&q, 1);
		m->author_login = q_col_text(&q, 2, a);
		m->author_name = q_col_text(&q, 3, a);
		m->author_org_slug = "";
		m->kind = "question";
		m->visibility = "reporter";
		m->vendor_org_slug = "";
		m->body = q_col_text(&q, 4, a);
		m->body_len = strlen(m->body);
		m->body_sha256 = "";
		m->leaf_index = -1;
	}
	*out = arr;
	return q_close(&q);
}

enum app_err
store_message_attachment_insert(struct store *st, const struct message_attachment *at,
    const struct sealed *content, int64_t *id)
{
	struct q	q;

	q_open(&q, st, STMT_MATTACH_INSERT);
	q_i64(&q, 1, at->message_id);
	q_text(&q, 2, at->filename);
	q_text(&q, 3, at->mime);
	q_i64(&q, 4, at->size);
	q_text(&q, 5, at->sha256);
	q_blob(&q, 6, content->wrapped, content->wrapped_len);
	q_blob(&q, 7, content->data, content->data_len);
	if (q_step(&q) == Q_DONE && id != NULL)
		*id = q_last_id(&q);
	return q_close(&q);
}

static void
mattach_row(struct q *q, struct arena *a, struct message_attachment *at)
{
	at->id = q_col_i64(q, 0);
	at->message_id = q_col_i64(q, 1);
	at->filename = q_col_text(q, 2, a);
	at->mime = q_col_text(q, 3, a);
	at->size = q_col_i64(q, 4);
	at->sha256 = q_col_text(q, 5, a);
}

enum app_err
store_message_attachments(struct store *st, struct arena *a, int64_t message_id,
    struct message_attachment **out, size_t *n)
{
	struct q			 q;
	struct message_attachment	*arr = NULL;
	size_t				 cap = 0;

	*n = 0;
	q_open(&q, st, STMT_MATTACH_LIST);
	q_i64(&q, 1, message_id);
	while (q_step(&q) == Q_ROW) {
		arr = store_grow(a, arr, *n, &cap, sizeof(*arr));
		mattach_row(&q, a, &arr[(*n)++]);
	}
	*out = arr;
	return q_close(&q);
}

enum app_err
store_message_attachment_get(struct store *st, struct arena *a, int64_t message_id,
    int64_t id, struct message_attachment *out, struct sealed *content)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;

	q_open(&q, st, STMT_MATTACH_GET);
	q_i64(&q, 1, message_id);
	q_i64(&q, 2, id);
	if (q_step(&q) == Q_ROW) {
		mattach_row(&q, a, out);
		content->wrapped = q_col_blob(&q, 6, a, &content->wrapped_len);
		content->data = q_col_blob(&q, 7, a, &content->data_len);
		er = APP_OK;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

enum app_err
store_case_has_reporter(struct store *st, const char *case_id, int64_t user_id, bool *out)
{
	struct q	q;

	*out = false;
	q_open(&q, st, STMT_CASE_HAS_REPORTER);
	q_text(&q, 1, case_id);
	q_i64(&q, 2, user_id);
	if (q_step(&q) == Q_ROW)
		*out = q_col_i64(&q, 0) != 0;
	return q_close(&q);
}
