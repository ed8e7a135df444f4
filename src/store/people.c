/*
 * Organisations, products, users, sessions, API tokens, login failures, the
 * audit log and metadata, over the backend-neutral query API.
 */
#include <string.h>

#include "core/arena.h"
#include "store/store.h"
#include "store/store_int.h"

enum app_err
store_rows2(struct store *st, struct arena *a, enum stmt id, int64_t p1, int64_t p2,
    size_t elem, void (*row)(struct q *, struct arena *, void *), void **out, size_t *n)
{
	struct q	 q;
	char		*arr = NULL;
	size_t		 cap = 0;

	*n = 0;
	q_open(&q, st, id);
	q_i64(&q, 1, p1);
	q_i64(&q, 2, p2);
	while (q_step(&q) == Q_ROW) {
		arr = store_grow(a, arr, *n, &cap, elem);
		row(&q, a, arr + elem * (*n)++);
	}
	*out = arr;
	return q_close(&q);
}

void *
store_grow(struct arena *a, void *arr, size_t n, size_t *cap, size_t elem)
{
	void	*na;

	if (n < *cap)
		return arr;
	*cap = *cap ? *cap * 2 : 16;
	na = arena_calloc(a, *cap, elem);
	if (n > 0)
		memcpy(na, arr, n * elem);
	return na;
}

const char *
store_like_escape(struct arena *a, const char *text)
{
	size_t	 n = strlen(text), i, j = 0;
	char	*out = arena_alloc(a, 2 * n + 1);

	for (i = 0; i < n; i++) {
		if (text[i] == '%' || text[i] == '_' || text[i] == '\\')
			out[j++] = '\\';
		out[j++] = text[i];
	}
	out[j] = '\0';
	return out;
}

/* Organisations */

static void
org_row(struct q *q, struct arena *a, struct org *o)
{
	const char	*cc;
	int		 k;

	o->id = q_col_i64(q, 0);
	o->slug = q_col_text(q, 1, a);
	o->name = q_col_text(q, 2, a);
	k = org_kind_parse(str_from(q_col_text(q, 3, a)));
	o->kind = k < 0 ? ORG_PROVIDER : (enum org_kind)k;
	cc = q_col_text(q, 4, a);
	memcpy(o->country, cc, strlen(cc) >= 2 ? 2 : 0);
	o->country[2] = '\0';
	o->created_at = q_col_i64(q, 5);
}

enum app_err
store_org_create(struct store *st, struct org *o, int64_t now)
{
	struct q	q;
	enum app_err	er;

	q_open(&q, st, STMT_ORG_INSERT);
	q_text(&q, 1, o->slug);
	q_text(&q, 2, o->name);
	q_text(&q, 3, org_kind_name(o->kind));
	q_text(&q, 4, o->country);
	q_i64(&q, 5, now);
	if (q_step(&q) == Q_DONE) {
		o->id = q_last_id(&q);
		o->created_at = now;
	}
	er = q_close(&q);
	return er;
}

static enum app_err
org_one(struct store *st, struct arena *a, enum stmt id, const char *s,
    int64_t i, struct org *out)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;

	q_open(&q, st, id);
	if (s != NULL)
		q_text(&q, 1, s);
	else
		q_i64(&q, 1, i);
	if (q_step(&q) == Q_ROW) {
		org_row(&q, a, out);
		er = APP_OK;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

enum app_err
store_org_by_slug(struct store *st, struct arena *a, const char *slug, struct org *out)
{
	return org_one(st, a, STMT_ORG_BY_SLUG, slug, 0, out);
}

enum app_err
store_org_by_id(struct store *st, struct arena *a, int64_t id, struct org *out)
{
	return org_one(st, a, STMT_ORG_BY_ID, NULL, id, out);
}

static void
org_item(struct q *q, struct arena *a, void *item)
{
	org_row(q, a, item);
}

enum app_err
store_org_list(struct store *st, struct arena *a, int64_t after, int limit,
    struct org **out, size_t *n)
{
	void		*arr;
	enum app_err	 er;

	er = store_rows2(st, a, STMT_ORG_LIST, after, limit, sizeof(**out), org_item,
	    &arr, n);
	*out = arr;
	return er;
}

/* Products */

enum app_err
store_product_create(struct store *st, struct product *p, int64_t now)
{
	struct q	q;

	q_open(&q, st, STMT_PRODUCT_INSERT);
	q_i64(&q, 1, p->org_id);
	q_text(&q, 2, p->name);
	q_text(&q, 3, p->model ? p->model : "");
	q_text(&q, 4, p->versions ? p->versions : "");
	q_i64(&q, 5, now);
	q_text(&q, 6, p->cpe ? p->cpe : "");
	q_text(&q, 7, p->purl ? p->purl : "");
	if (q_step(&q) == Q_DONE) {
		p->id = q_last_id(&q);
		p->created_at = now;
	}
	return q_close(&q);
}

enum app_err
store_product_list(struct store *st, struct arena *a, int64_t org_id,
    struct product **out, size_t *n)
{
	struct q	 q;
	struct product	*arr = NULL, *p;
	size_t		 cap = 0;

	*n = 0;
	q_open(&q, st, STMT_PRODUCT_LIST);
	q_i64(&q, 1, org_id);
	while (q_step(&q) == Q_ROW) {
		arr = store_grow(a, arr, *n, &cap, sizeof(*arr));
		p = &arr[(*n)++];
		p->id = q_col_i64(&q, 0);
		p->org_id = q_col_i64(&q, 1);
		p->name = q_col_text(&q, 2, a);
		p->model = q_col_text(&q, 3, a);
		p->versions = q_col_text(&q, 4, a);
		p->created_at = q_col_i64(&q, 5);
		p->cpe = q_col_text(&q, 6, a);
		p->purl = q_col_text(&q, 7, a);
		p->org_slug = p->org_name = NULL;
	}
	*out = arr;
	return q_close(&q);
}

/* Users */

static void
user_row(struct q *q, struct arena *a, struct user *u)
{
	int	r;

	u->id = q_col_i64(q, 0);
	u->login = q_col_text(q, 1, a);
	u->display_name = q_col_text(q, 2, a);
	u->email = q_col_text(q, 3, a);
	r = user_role_parse(str_from(q_col_text(q, 4, a)));
	/* The CHECK constraint makes this impossible; fail closed if not. */
	u->role = r < 0 ? UROLE_REPORTER : (enum user_role)r;
	u->org_id = q_col_i64(q, 5);
	u->org_slug = q_col_null(q, 6) ? NULL : q_col_text(q, 6, a);
	u->password_hash = q_col_text(q, 7, a);
	u->must_change_password = q_col_i64(q, 8) != 0;
	u->disabled = q_col_i64(q, 9) != 0;
	u->created_at = q_col_i64(q, 10);
	u->country = q_col_text(q, 11, a);
}

enum app_err
store_user_create(struct store *st, struct user *u, int64_t now, const char **field)
{
	struct q	q;
	enum app_err	er;

	q_open(&q, st, STMT_USER_INSERT);
	q_text(&q, 1, u->login);
	q_text(&q, 2, u->display_name);
	q_text(&q, 3, u->email ? u->email : "");
	q_text(&q, 4, user_role_name(u->role));
	q_i64_or_null(&q, 5, u->org_id);
	q_text(&q, 6, u->password_hash);
	q_i64(&q, 7, u->must_change_password);
	q_i64(&q, 8, u->disabled);
	q_i64(&q, 9, now);
	if (q_step(&q) == Q_DONE) {
		u->id = q_last_id(&q);
		u->created_at = now;
	}
	if (field != NULL)
		*field = q.conflict;
	er = q_close(&q);
	return er;
}

static enum app_err
user_one(struct store *st, struct arena *a, enum stmt id, const char *s,
    int64_t i, struct user *out)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;

	q_open(&q, st, id);
	if (s != NULL)
		q_text(&q, 1, s);
	else
		q_i64(&q, 1, i);
	if (q_step(&q) == Q_ROW) {
		user_row(&q, a, out);
		er = APP_OK;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

enum app_err
store_user_by_login(struct store *st, struct arena *a, const char *login,
    struct user *out)
{
	return user_one(st, a, STMT_USER_BY_LOGIN, login, 0, out);
}

enum app_err
store_user_by_id(struct store *st, struct arena *a, int64_t id, struct user *out)
{
	return user_one(st, a, STMT_USER_BY_ID, NULL, id, out);
}

enum app_err
store_user_by_email(struct store *st, struct arena *a, const char *email,
    struct user *out)
{
	return user_one(st, a, STMT_USER_BY_EMAIL, email, 0, out);
}

static void
user_item(struct q *q, struct arena *a, void *item)
{
	user_row(q, a, item);
}

enum app_err
store_user_list(struct store *st, struct arena *a, int64_t after, int limit,
    struct user **out, size_t *n)
{
	void		*arr;
	enum app_err	 er;

	er = store_rows2(st, a, STMT_USER_LIST, after, limit, sizeof(**out), user_item,
	    &arr, n);
	*out = arr;
	return er;
}

enum app_err
store_user_set_password(struct store *st, int64_t id, const char *hash,
    bool must_change, int64_t now)
{
	struct q	q;
	enum app_err	er;

	q_open(&q, st, STMT_USER_SET_PASSWORD);
	q_i64(&q, 1, id);
	q_text(&q, 2, hash);
	q_i64(&q, 3, must_change);
	q_i64(&q, 4, now);
	er = q_exec_done(&q);
	if (er == APP_OK && q_changes(&q) == 0)
		er = APP_NOTFOUND;
	return er;
}

enum app_err
store_user_count(struct store *st, int64_t *out)
{
	struct q	q;

	q_open(&q, st, STMT_USER_COUNT);
	if (q_step(&q) == Q_ROW)
		*out = q_col_i64(&q, 0);
	return q_close(&q);
}

/* Sessions */

enum app_err
store_session_create(struct store *st, const char *token_hash, const struct session *s)
{
	struct q	q;

	q_open(&q, st, STMT_SESSION_INSERT);
	q_text(&q, 1, token_hash);
	q_i64(&q, 2, s->user_id);
	q_text(&q, 3, s->csrf);
	q_i64(&q, 4, s->created_at);
	q_i64(&q, 5, s->expires_at);
	return q_exec_done(&q);
}

enum app_err
store_session_get(struct store *st, struct arena *a, const char *token_hash,
    int64_t now, struct session *out)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;

	q_open(&q, st, STMT_SESSION_GET);
	q_text(&q, 1, token_hash);
	q_i64(&q, 2, now);
	if (q_step(&q) == Q_ROW) {
		out->user_id = q_col_i64(&q, 0);
		out->csrf = q_col_text(&q, 1, a);
		out->created_at = q_col_i64(&q, 2);
		out->expires_at = q_col_i64(&q, 3);
		er = APP_OK;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

enum app_err
store_session_delete(struct store *st, const char *token_hash)
{
	struct q	q;

	q_open(&q, st, STMT_SESSION_DELETE);
	q_text(&q, 1, token_hash);
	return q_exec_done(&q);
}

enum app_err
store_session_delete_user(struct store *st, int64_t user_id, const char *keep_hash)
{
	struct q	q;

	q_open(&q, st, STMT_SESSION_DELETE_USER);
	q_i64(&q, 1, user_id);
	q_text(&q, 2, keep_hash);
	return q_exec_done(&q);
}

enum app_err
store_session_purge(struct store *st, int64_t now)
{
	struct q	q;

	q_open(&q, st, STMT_SESSION_PURGE);
	q_i64(&q, 1, now);
	return q_exec_done(&q);
}

/* API tokens */

static void
token_row(struct q *q, struct arena *a, struct api_token *t)
{
	t->id = q_col_i64(q, 0);
	t->user_id = q_col_i64(q, 1);
	t->label = q_col_text(q, 2, a);
	t->created_at = q_col_i64(q, 3);
	t->last_used_at = q_col_i64(q, 4);
	t->revoked_at = q_col_i64(q, 5);
}

enum app_err
store_token_create(struct store *st, struct api_token *t, const char *token_hash)
{
	struct q	q;

	q_open(&q, st, STMT_TOKEN_INSERT);
	q_i64(&q, 1, t->user_id);
	q_text(&q, 2, t->label);
	q_text(&q, 3, token_hash);
	q_i64(&q, 4, t->created_at);
	if (q_step(&q) == Q_DONE)
		t->id = q_last_id(&q);
	return q_close(&q);
}

enum app_err
store_token_by_hash(struct store *st, struct arena *a, const char *token_hash,
    struct api_token *out)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;

	q_open(&q, st, STMT_TOKEN_BY_HASH);
	q_text(&q, 1, token_hash);
	if (q_step(&q) == Q_ROW) {
		token_row(&q, a, out);
		er = APP_OK;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

enum app_err
store_token_list(struct store *st, struct arena *a, int64_t user_id,
    struct api_token **out, size_t *n)
{
	struct q		 q;
	struct api_token	*arr = NULL;
	size_t			 cap = 0;

	*n = 0;
	q_open(&q, st, STMT_TOKEN_LIST);
	q_i64(&q, 1, user_id);
	while (q_step(&q) == Q_ROW) {
		arr = store_grow(a, arr, *n, &cap, sizeof(*arr));
		token_row(&q, a, &arr[(*n)++]);
	}
	*out = arr;
	return q_close(&q);
}

enum app_err
store_token_revoke(struct store *st, int64_t user_id, int64_t id, int64_t now)
{
	struct q	q;
	enum app_err	er;

	q_open(&q, st, STMT_TOKEN_REVOKE);
	q_i64(&q, 1, user_id);
	q_i64(&q, 2, id);
	q_i64(&q, 3, now);
	er = q_exec_done(&q);
	if (er == APP_OK && q_changes(&q) == 0)
		er = APP_NOTFOUND;
	return er;
}

enum app_err
store_token_touch(struct store *st, int64_t id, int64_t now)
{
	struct q	q;

	q_open(&q, st, STMT_TOKEN_TOUCH);
	q_i64(&q, 1, id);
	q_i64(&q, 2, now);
	return q_exec_done(&q);
}

/* Login failures */

static const char *
login_key_name(enum login_key k)
{
	return k == LOGIN_KEY_ACCOUNT ? "account" : "address";
}

enum app_err
store_login_failure_add(struct store *st, enum login_key kind, const char *key,
    int64_t now)
{
	struct q	q;

	q_open(&q, st, STMT_LOGIN_FAILURE_INSERT);
	q_text(&q, 1, login_key_name(kind));
	q_text(&q, 2, key);
	q_i64(&q, 3, now);
	return q_exec_done(&q);
}

enum app_err
store_login_failures(struct store *st, enum login_key kind, const char *key,
    int64_t since, struct throttle_count *out)
{
	struct q	q;

	out->failures = 0;
	out->oldest = 0;
	q_open(&q, st, STMT_LOGIN_FAILURE_COUNT);
	q_text(&q, 1, login_key_name(kind));
	q_text(&q, 2, key);
	q_i64(&q, 3, since);
	if (q_step(&q) == Q_ROW) {
		out->failures = (int)q_col_i64(&q, 0);
		out->oldest = q_col_i64(&q, 1);
	}
	return q_close(&q);
}

enum app_err
store_login_failure_clear(struct store *st, enum login_key kind, const char *key)
{
	struct q	q;

	q_open(&q, st, STMT_LOGIN_FAILURE_CLEAR);
	q_text(&q, 1, login_key_name(kind));
	q_text(&q, 2, key);
	return q_exec_done(&q);
}

enum app_err
store_login_failure_purge(struct store *st, int64_t before)
{
	struct q	q;

	q_open(&q, st, STMT_LOGIN_FAILURE_PURGE);
	q_i64(&q, 1, before);
	return q_exec_done(&q);
}

/* Audit log */

enum app_err
store_audit_add(struct store *st, int64_t actor_id, const char *action,
    const char *subject, const char *detail, const char *addr, int64_t now)
{
	struct q	q;

	q_open(&q, st, STMT_AUDIT_INSERT);
	q_i64(&q, 1, now);
	q_i64_or_null(&q, 2, actor_id);
	q_text(&q, 3, action);
	q_text(&q, 4, subject);
	q_text(&q, 5, detail ? detail : "");
	q_text(&q, 6, addr ? addr : "");
	return q_exec_done(&q);
}

static void
audit_item(struct q *q, struct arena *a, void *item)
{
	struct audit_entry	*e = item;

	e->id = q_col_i64(q, 0);
	e->at = q_col_i64(q, 1);
	e->actor_id = q_col_i64(q, 2);
	e->action = q_col_text(q, 3, a);
	e->subject = q_col_text(q, 4, a);
	e->detail = q_col_text(q, 5, a);
}

enum app_err
store_audit_list(struct store *st, struct arena *a, int64_t after, int limit,
    struct audit_entry **out, size_t *n)
{
	void		*arr;
	enum app_err	 er;

	er = store_rows2(st, a, STMT_AUDIT_LIST, after, limit, sizeof(**out), audit_item,
	    &arr, n);
	*out = arr;
	return er;
}

/* Metadata */

enum app_err
store_meta_get(struct store *st, struct arena *a, const char *key, const char **out)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;

	q_open(&q, st, STMT_META_GET);
	q_text(&q, 1, key);
	if (q_step(&q) == Q_ROW) {
		*out = q_col_text(&q, 0, a);
		er = APP_OK;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

enum app_err
store_meta_set(struct store *st, const char *key, const char *value)
{
	struct q	q;

	q_open(&q, st, STMT_META_SET);
	q_text(&q, 1, key);
	q_text(&q, 2, value);
	return q_exec_done(&q);
}
