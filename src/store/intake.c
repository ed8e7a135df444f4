/* Reports, attachments, the receipt log and the outbox. */
#include <string.h>

#include "core/arena.h"
#include "core/sbuf.h"
#include "receipts/merkle.h"
#include "store/store.h"
#include "store/store_apps.h"
#include "store/store_int.h"


enum app_err
store_report_next_seq(struct store *st, int year, int n, int64_t *first)
{
	struct q	q;

	q_open(&q, st, STMT_REPORT_SEQ_NEXT);
	q_i64(&q, 1, year);
	q_i64(&q, 2, n);
	if (q_step(&q) == Q_ROW)
		*first = q_col_i64(&q, 0) - n + 1;
	return q_close(&q);
}

enum app_err
store_report_insert(struct store *st, const struct report *r, int year,
    int64_t seq, const struct sealed *d)
{
	struct q	q;
	enum app_err	er;

	q_open(&q, st, STMT_REPORT_INSERT);
	q_text(&q, 1, r->id);
	q_i64(&q, 2, year);
	q_i64(&q, 3, seq);
	q_i64_or_null(&q, 4, r->reporter_id);
	q_text(&q, 5, report_channel_name(r->channel));
	q_text(&q, 6, report_status_name(r->status));
	q_text(&q, 7, report_kind_name(r->kind));
	q_text(&q, 8, r->title);
	q_text(&q, 9, r->vendor ? r->vendor : "");
	q_text(&q, 10, r->product);
	q_text(&q, 11, r->model ? r->model : "");
	q_text(&q, 12, r->versions ? r->versions : "");
	q_text(&q, 13, r->weakness ? r->weakness : "");
	q_text(&q, 14, r->cvss_vector ? r->cvss_vector : "");
	q_text(&q, 15, r->discovered_at ? r->discovered_at : "");
	q_i64(&q, 16, r->vendor_contacted);
	q_text(&q, 17, report_credit_name(r->credit));
	q_text(&q, 18, r->credit_alias ? r->credit_alias : "");
	q_blob(&q, 19, d->wrapped, d->wrapped_len);
	q_blob(&q, 20, d->data, d->data_len);
	q_text(&q, 21, r->payload_sha256);
	q_i64(&q, 22, r->received_at);
	q_i64(&q, 23, r->leaf_index);
	if ((er = q_exec_done(&q)) != APP_OK)
		return er;
	/* The app, when the report names one (issue 9), in the same transaction. */
	return appinfo_empty(&r->app) ? APP_OK : store_report_app_set(st, r->id, &r->app);
}

/* Bind the app's fields to ?first .. ?first+5. */
static void
app_bind(struct q *q, int first, const struct appinfo *app)
{
	int	i;

	for (i = 0; i < AF__MAX; i++)
		q_text(q, first + i, appinfo_get(app, (enum app_field)i));
}

/* Read the app's fields from columns col .. col+5. */
static void
app_read(struct q *q, int col, struct arena *a, struct appinfo *out)
{
	int	i;

	for (i = 0; i < AF__MAX; i++)
		out->v[i] = q_col_text(q, col + i, a);
}

enum app_err
store_report_app_set(struct store *st, const char *id, const struct appinfo *app)
{
	struct q	q;
	enum app_err	er;

	q_open(&q, st, STMT_APP_REPORT_SET);
	q_text(&q, 1, id);
	app_bind(&q, 2, app);
	if ((er = q_exec_done(&q)) != APP_OK)
		return er;
	return q_changes(&q) > 0 ? APP_OK : APP_NOTFOUND;
}

enum app_err
store_report_app_get(struct store *st, struct arena *a, const char *id, struct appinfo *out)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;

	memset(out, 0, sizeof(*out));
	q_open(&q, st, STMT_APP_REPORT_GET);
	q_text(&q, 1, id);
	if (q_step(&q) == Q_ROW) {
		app_read(&q, 0, a, out);
		er = APP_OK;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

static void
report_row(struct q *q, struct arena *a, struct report *r)
{
	int	v;

	memset(r, 0, sizeof(*r));
	r->id = q_col_text(q, 0, a);
	r->reporter_id = q_col_i64(q, 1);
	r->reporter_login = q_col_null(q, 2) ? NULL : q_col_text(q, 2, a);
	v = 0;
	for (; v < RCHAN__MAX; v++)
		if (strcmp(q_col_text(q, 3, a), report_channel_name((enum report_channel)v)) == 0)
			break;
	r->channel = v < RCHAN__MAX ? (enum report_channel)v : RCHAN_API;
	v = report_status_parse(str_from(q_col_text(q, 4, a)));
	r->status = v < 0 ? RSTATUS_RECEIVED : (enum report_status)v;
	v = report_kind_parse(str_from(q_col_text(q, 5, a)));
	r->kind = v < 0 ? RKIND_GENERIC : (enum report_kind)v;
	r->title = q_col_text(q, 6, a);
	r->vendor = q_col_text(q, 7, a);
	r->product = q_col_text(q, 8, a);
	r->model = q_col_text(q, 9, a);
	r->versions = q_col_text(q, 10, a);
	r->weakness = q_col_text(q, 11, a);
	r->cvss_vector = q_col_text(q, 12, a);
	r->discovered_at = q_col_text(q, 13, a);
	r->vendor_contacted = q_col_i64(q, 14) != 0;
	v = report_credit_parse(str_from(q_col_text(q, 15, a)));
	r->credit = v < 0 ? RCREDIT_ANONYMOUS : (enum report_credit)v;
	r->credit_alias = q_col_text(q, 16, a);
	r->payload_sha256 = q_col_text(q, 17, a);
	r->received_at = q_col_i64(q, 18);
	r->leaf_index = q_col_i64(q, 19);
	r->nattachments = (int)q_col_i64(q, 20);
}

enum app_err
store_report_get(struct store *st, struct arena *a, const char *id,
    struct report *out, struct sealed *d)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;

	q_open(&q, st, STMT_REPORT_GET);
	q_text(&q, 1, id);
	if (q_step(&q) == Q_ROW) {
		report_row(&q, a, out);
		d->wrapped = q_col_blob(&q, 21, a, &d->wrapped_len);
		d->data = q_col_blob(&q, 22, a, &d->data_len);
		er = APP_OK;
	}
	if (q_close(&q) != APP_OK)
		return APP_STORE;
	if (er == APP_OK)
		er = store_report_app_get(st, a, id, &out->app);
	return er;
}

enum app_err
store_report_list(struct store *st, struct arena *a, const struct report_filter *f,
    struct report **out, size_t *n)
{
	return store_report_list_app(st, a, f, NULL, NULL, out, n);
}

/* "%text%" for LIKE, the user's %, _ and \ literal; NULL for NULL or "". */
static const char *
like_pattern(struct arena *a, const char *text)
{
	struct sbuf	like;
	size_t		i;

	if (text == NULL || text[0] == '\0')
		return NULL;
	sbuf_init(&like, a, 1024);
	sbuf_addch(&like, '%');
	for (i = 0; text[i] != '\0'; i++) {
		if (text[i] == '%' || text[i] == '_' || text[i] == '\\')
			sbuf_addch(&like, '\\');
		sbuf_addch(&like, text[i]);
	}
	sbuf_addch(&like, '%');
	return like.buf;
}

enum app_err
store_report_list_app(struct store *st, struct arena *a, const struct report_filter *f,
    const char *app, const char *platform, struct report **out, size_t *n)
{
	struct q	 q;
	struct report	*arr = NULL;
	size_t		 cap = 0;
	bool		 search = f->q != NULL && f->q[0] != '\0';

	*n = 0;
	q_open(&q, st, STMT_APP_REPORT_LIST);
	q_text(&q, 1, f->status);
	q_text(&q, 2, f->kind);
	q_i64_or_null(&q, 3, f->reporter_id);
	/* A substring match: the user's %, _ and \ are literal. */
	q_text(&q, 4, search ? like_pattern(a, f->q) : NULL);
	q_i64(&q, 5, f->before);
	q_i64(&q, 6, f->limit);
	q_text(&q, 7, search ? f->q : NULL);
	q_text(&q, 8, like_pattern(a, app));
	q_text(&q, 9, platform != NULL && platform[0] != '\0' ? platform : NULL);
	while (q_step(&q) == Q_ROW) {
		arr = store_grow(a, arr, *n, &cap, sizeof(*arr));
		report_row(&q, a, &arr[*n]);
		app_read(&q, 21, a, &arr[*n].app);
		(*n)++;
	}
	*out = arr;
	return q_close(&q);
}

enum app_err
store_report_count(struct store *st, int64_t *out)
{
	struct q	q;

	q_open(&q, st, STMT_REPORT_COUNT);
	if (q_step(&q) == Q_ROW)
		*out = q_col_i64(&q, 0);
	return q_close(&q);
}

enum app_err
store_attachment_insert(struct store *st, const struct attachment *at,
    const struct sealed *c, int64_t *id)
{
	struct q	q;

	q_open(&q, st, STMT_ATTACHMENT_INSERT);
	q_text(&q, 1, at->report_id);
	q_text(&q, 2, at->filename);
	q_text(&q, 3, at->mime);
	q_i64(&q, 4, at->size);
	q_text(&q, 5, at->sha256);
	q_blob(&q, 6, c->wrapped, c->wrapped_len);
	q_blob(&q, 7, c->data, c->data_len);
	if (q_step(&q) == Q_DONE && id != NULL)
		*id = q_last_id(&q);
	return q_close(&q);
}

static void
attachment_row(struct q *q, struct arena *a, struct attachment *at)
{
	at->id = q_col_i64(q, 0);
	at->report_id = q_col_text(q, 1, a);
	at->filename = q_col_text(q, 2, a);
	at->mime = q_col_text(q, 3, a);
	at->size = q_col_i64(q, 4);
	at->sha256 = q_col_text(q, 5, a);
}

enum app_err
store_attachment_list(struct store *st, struct arena *a, const char *report_id,
    struct attachment **out, size_t *n)
{
	struct q		 q;
	struct attachment	*arr = NULL;
	size_t			 cap = 0;

	*n = 0;
	q_open(&q, st, STMT_ATTACHMENT_LIST);
	q_text(&q, 1, report_id);
	while (q_step(&q) == Q_ROW) {
		arr = store_grow(a, arr, *n, &cap, sizeof(*arr));
		attachment_row(&q, a, &arr[(*n)++]);
	}
	*out = arr;
	return q_close(&q);
}

enum app_err
store_attachment_get(struct store *st, struct arena *a, const char *report_id,
    int64_t id, struct attachment *out, struct sealed *c)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;

	q_open(&q, st, STMT_ATTACHMENT_GET);
	q_text(&q, 1, report_id);
	q_i64(&q, 2, id);
	if (q_step(&q) == Q_ROW) {
		attachment_row(&q, a, out);
		c->wrapped = q_col_blob(&q, 6, a, &c->wrapped_len);
		c->data = q_col_blob(&q, 7, a, &c->data_len);
		er = APP_OK;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

/* The receipt log */

enum app_err
store_log_size(struct store *st, int64_t *size)
{
	struct q	q;

	q_open(&q, st, STMT_LOG_SIZE);
	if (q_step(&q) == Q_ROW)
		*size = q_col_i64(&q, 0);
	return q_close(&q);
}

enum app_err
store_log_node(struct store *st, unsigned level, int64_t idx, unsigned char out[32])
{
	struct q		 q;
	const void		*b;
	enum app_err		 er = APP_NOTFOUND;
	struct arena		*a = NULL;
	size_t			 n;

	q_open(&q, st, STMT_LOG_NODE_GET);
	q_i64(&q, 1, level);
	q_i64(&q, 2, idx);
	if (q_step(&q) == Q_ROW) {
		/* 32 bytes: copied straight out, no arena needed. */
		a = arena_new();
		b = q_col_blob(&q, 0, a, &n);
		if (b != NULL && n == 32) {
			memcpy(out, b, 32);
			er = APP_OK;
		} else
			er = APP_STORE;
		arena_free(a);
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

enum app_err
store_log_append(struct store *st, const struct log_leaf *leaf,
    const struct merkle_node *nodes, int nnodes)
{
	struct q	q;
	enum app_err	er;
	int		i;

	q_open(&q, st, STMT_LOG_LEAF_INSERT);
	q_i64(&q, 1, leaf->idx);
	q_blob(&q, 2, leaf->leaf, leaf->leaf_len);
	q_blob(&q, 3, leaf->hash, 32);
	q_text(&q, 4, leaf->report_id);
	q_i64(&q, 5, leaf->received_at);
	if ((er = q_exec_done(&q)) != APP_OK)
		return er;
	for (i = 0; i < nnodes; i++) {
		q_open(&q, st, STMT_LOG_NODE_INSERT);
		q_i64(&q, 1, nodes[i].level);
		q_i64(&q, 2, (int64_t)nodes[i].index);
		q_blob(&q, 3, nodes[i].hash, 32);
		if ((er = q_exec_done(&q)) != APP_OK)
			return er;
	}
	return APP_OK;
}

static void
leaf_row(struct q *q, struct arena *a, struct log_leaf *l)
{
	const unsigned char	*h;
	size_t			 n;

	memset(l, 0, sizeof(*l));
	l->idx = q_col_i64(q, 0);
	l->leaf = (const char *)q_col_blob(q, 1, a, &l->leaf_len);
	h = q_col_blob(q, 2, a, &n);
	if (h != NULL && n == 32)
		memcpy(l->hash, h, 32);
	l->report_id = q_col_null(q, 3) ? NULL : q_col_text(q, 3, a);
	l->received_at = q_col_i64(q, 4);
	l->purged_at = q_col_i64(q, 5);
}

enum app_err
store_log_leaf(struct store *st, struct arena *a, int64_t idx, struct log_leaf *out)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;

	q_open(&q, st, STMT_LOG_LEAF_GET);
	q_i64(&q, 1, idx);
	if (q_step(&q) == Q_ROW) {
		leaf_row(&q, a, out);
		er = APP_OK;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

static void
leaf_item(struct q *q, struct arena *a, void *item)
{
	leaf_row(q, a, item);
}

enum app_err
store_log_leaves(struct store *st, struct arena *a, int64_t from, int limit,
    struct log_leaf **out, size_t *n)
{
	void		*arr;
	enum app_err	 er;

	er = store_rows2(st, a, STMT_LOG_LEAVES, from, limit, sizeof(**out), leaf_item,
	    &arr, n);
	*out = arr;
	return er;
}

enum app_err
store_log_sth_put(struct store *st, const struct log_sth *s)
{
	struct q	q;

	q_open(&q, st, STMT_LOG_STH_INSERT);
	q_i64(&q, 1, s->tree_size);
	q_i64(&q, 2, s->timestamp);
	q_blob(&q, 3, s->root, 32);
	q_blob(&q, 4, s->signature, 64);
	return q_exec_done(&q);
}

static bool
sth_row(struct q *q, struct log_sth *s)
{
	struct arena		*a = arena_new();
	const unsigned char	*r, *g;
	size_t			 rn, gn;
	bool			 ok;

	s->tree_size = q_col_i64(q, 0);
	s->timestamp = q_col_i64(q, 1);
	r = q_col_blob(q, 2, a, &rn);
	g = q_col_blob(q, 3, a, &gn);
	ok = r != NULL && rn == 32 && g != NULL && gn == 64;
	if (ok) {
		memcpy(s->root, r, 32);
		memcpy(s->signature, g, 64);
	}
	arena_free(a);
	return ok;
}

enum app_err
store_log_sth_get(struct store *st, int64_t tree_size, struct log_sth *out)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;

	q_open(&q, st, tree_size > 0 ? STMT_LOG_STH_GET : STMT_LOG_STH_LATEST);
	if (tree_size > 0)
		q_i64(&q, 1, tree_size);
	if (q_step(&q) == Q_ROW)
		er = sth_row(&q, out) ? APP_OK : APP_STORE;
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

enum app_err
store_log_sths(struct store *st, struct arena *a, int64_t after, int limit,
    struct log_sth **out, size_t *n)
{
	struct q	 q;
	struct log_sth	*arr = NULL;
	size_t		 cap = 0;
	enum app_err	 er = APP_OK;

	*n = 0;
	q_open(&q, st, STMT_LOG_STHS);
	q_i64(&q, 1, after);
	q_i64(&q, 2, limit);
	while (q_step(&q) == Q_ROW) {
		arr = store_grow(a, arr, *n, &cap, sizeof(*arr));
		if (!sth_row(&q, &arr[(*n)++]))
			er = APP_STORE;
	}
	*out = arr;
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

enum app_err
store_log_purge(struct store *st, int64_t before, int64_t now, int64_t *n)
{
	struct q	q;
	enum app_err	er;

	q_open(&q, st, STMT_LOG_PURGE);
	q_i64(&q, 1, before);
	q_i64(&q, 2, now);
	er = q_exec_done(&q);
	*n = er == APP_OK ? q_changes(&q) : 0;
	return er;
}

enum app_err
store_log_unmatched_reports(struct store *st, int64_t *n)
{
	struct q	q;

	q_open(&q, st, STMT_LOG_UNMATCHED);
	if (q_step(&q) == Q_ROW)
		*n = q_col_i64(&q, 0);
	return q_close(&q);
}

/* The outbox */

enum app_err
store_outbox_add(struct store *st, const char *recipient, const char *subject,
    const char *body, int64_t now)
{
	return store_outbox_add_mail(st, recipient, subject, body, now, NULL);
}

static void
outbox_row(struct q *q, struct arena *a, struct outbox_msg *m)
{
	m->id = q_col_i64(q, 0);
	m->recipient = q_col_text(q, 1, a);
	m->subject = q_col_text(q, 2, a);
	m->body = q_col_text(q, 3, a);
	m->attempts = (int)q_col_i64(q, 4);
	m->next_attempt_at = q_col_i64(q, 5);
	m->status = q_col_text(q, 6, a);
	m->last_error = q_col_text(q, 7, a);
}

enum app_err
store_outbox_list(struct store *st, struct arena *a, int limit,
    struct outbox_msg **out, size_t *n)
{
	struct q		 q;
	struct outbox_msg	*arr = NULL;
	size_t			 cap = 0;

	*n = 0;
	q_open(&q, st, STMT_OUTBOX_LIST);
	q_i64(&q, 1, limit);
	while (q_step(&q) == Q_ROW) {
		arr = store_grow(a, arr, *n, &cap, sizeof(*arr));
		outbox_row(&q, a, &arr[(*n)++]);
	}
	*out = arr;
	return q_close(&q);
}

enum app_err
store_outbox_sent(struct store *st, int64_t id, int64_t now)
{
	struct q	q;

	q_open(&q, st, STMT_OUTBOX_SENT);
	q_i64(&q, 1, id);
	q_i64(&q, 2, now);
	return q_exec_done(&q);
}

enum app_err
store_outbox_retry(struct store *st, int64_t id, int attempts, int64_t next,
    const char *error, bool final)
{
	struct q	q;

	q_open(&q, st, STMT_OUTBOX_RETRY);
	q_i64(&q, 1, id);
	q_i64(&q, 2, attempts);
	q_i64(&q, 3, next);
	q_text(&q, 4, error);
	q_i64(&q, 5, final);
	return q_exec_done(&q);
}

/* Reporter profiles */

static void
profile_row(struct q *q, struct arena *a, struct reporter_profile *p)
{
	int	v;

	memset(p, 0, sizeof(*p));
	p->user_id = q_col_i64(q, 0);
	p->login = q_col_text(q, 1, a);
	v = id_type_parse(str_from(q_col_text(q, 2, a)));
	p->id_type = v < 0 ? ID_OTHER : (enum id_type)v;
	p->id_masked = q_col_text(q, 3, a);
	p->phone_masked = q_col_text(q, 4, a);
	v = profile_status_parse(str_from(q_col_text(q, 5, a)));
	p->status = v < 0 ? PSTATUS_PENDING : (enum profile_status)v;
	p->reason = q_col_text(q, 6, a);
	p->reviewed_by = q_col_i64(q, 7);
	p->reviewed_at = q_col_i64(q, 8);
	p->level = (int)q_col_i64(q, 9);
	p->updated_at = q_col_i64(q, 10);
}

enum app_err
store_profile_put(struct store *st, const struct reporter_profile *p,
    const struct sealed *pii, int64_t now)
{
	struct q	q;

	q_open(&q, st, STMT_PROFILE_PUT);
	q_i64(&q, 1, p->user_id);
	q_text(&q, 2, id_type_name(p->id_type));
	q_text(&q, 3, p->id_masked);
	q_text(&q, 4, p->phone_masked);
	q_blob(&q, 5, pii->wrapped, pii->wrapped_len);
	q_blob(&q, 6, pii->data, pii->data_len);
	q_i64(&q, 7, now);
	return q_exec_done(&q);
}

enum app_err
store_profile_get(struct store *st, struct arena *a, int64_t user_id,
    struct reporter_profile *out, struct sealed *pii)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;

	q_open(&q, st, STMT_PROFILE_GET);
	q_i64(&q, 1, user_id);
	if (q_step(&q) == Q_ROW) {
		profile_row(&q, a, out);
		pii->wrapped = q_col_blob(&q, 11, a, &pii->wrapped_len);
		pii->data = q_col_blob(&q, 12, a, &pii->data_len);
		er = APP_OK;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

enum app_err
store_profile_list(struct store *st, struct arena *a, const char *status,
    int64_t after, int limit, struct reporter_profile **out, size_t *n)
{
	struct q		 q;
	struct reporter_profile	*arr = NULL;
	size_t			 cap = 0;

	*n = 0;
	q_open(&q, st, STMT_PROFILE_LIST);
	q_text(&q, 1, status);
	q_i64(&q, 2, after);
	q_i64(&q, 3, limit);
	while (q_step(&q) == Q_ROW) {
		arr = store_grow(a, arr, *n, &cap, sizeof(*arr));
		profile_row(&q, a, &arr[(*n)++]);
	}
	*out = arr;
	return q_close(&q);
}

enum app_err
store_profile_review(struct store *st, int64_t user_id, enum profile_status status,
    const char *reason, int level, int64_t reviewer, int64_t now)
{
	struct q	q;
	enum app_err	er;

	q_open(&q, st, STMT_PROFILE_REVIEW);
	q_i64(&q, 1, user_id);
	q_text(&q, 2, profile_status_name(status));
	q_text(&q, 3, reason ? reason : "");
	q_i64(&q, 4, level);
	q_i64_or_null(&q, 5, reviewer);
	q_i64(&q, 6, now);
	er = q_exec_done(&q);
	if (er == APP_OK && q_changes(&q) == 0)
		er = APP_NOTFOUND;
	return er;
}

enum app_err
store_profile_level(struct store *st, int64_t user_id, int level, int64_t reviewer,
    int64_t now)
{
	struct q	q;
	enum app_err	er;

	q_open(&q, st, STMT_PROFILE_LEVEL);
	q_i64(&q, 1, user_id);
	q_i64(&q, 2, level);
	q_i64_or_null(&q, 3, reviewer);
	q_i64(&q, 4, now);
	er = q_exec_done(&q);
	if (er == APP_OK && q_changes(&q) == 0)
		er = APP_NOTFOUND;
	return er;
}

enum app_err
store_reports_accepted(struct store *st, int64_t user_id, int64_t *n)
{
	struct q	q;

	*n = 0;
	q_open(&q, st, STMT_REPORTS_ACCEPTED);
	q_i64(&q, 1, user_id);
	if (q_step(&q) == Q_ROW)
		*n = q_col_i64(&q, 0);
	return q_close(&q);
}
