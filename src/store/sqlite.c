/*
 * The SQLite backend: connections, the statement texts, migrations, the
 * connection pool and the q_* query API that the aggregate code uses.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "core/arena.h"
#include "core/embed.h"
#include "core/log.h"
#include "core/parse.h"
#include "core/xalloc.h"
#include "store/store.h"
#include "store/store_int.h"

extern const struct embed_file migrations_sqlite[];	/* sql/sqlite/NNNN_*.sql */

/* The statement texts (store/sqlite_sql.c), indexed by enum stmt. */
extern const char *const sqlite_sql[STMT__MAX];

/*
 * Writers of this process queue here: before BEGIN IMMEDIATE, and around
 * any writing statement run outside a transaction (q_open takes it, q_close
 * gives it back).  SQLite's own busy handler sleeps in steps of up to 100 ms
 * and does not wake when the lock frees, which gave seconds of tail latency
 * under load; a mutex hands the write lock over at once.  Other processes
 * (the CLI) still meet SQLite's lock and busy_timeout.
 */
static pthread_mutex_t	write_mu = PTHREAD_MUTEX_INITIALIZER;

struct store {
	sqlite3		*db;			/* the connection */
	bool		 holds_write;		/* this connection holds write_mu */
	sqlite3_stmt	*stmts[STMT__MAX];	/* prepared on first use, kept */
	int		 migrations_applied;	/* by store_open */
};

static void
log_db(struct store *st, const char *what)
{
	log_err("event=store_error what=\"%s\" code=%d msg=\"%s\"", what,
	    sqlite3_extended_errcode(st->db), sqlite3_errmsg(st->db));
}

/* Run one static SQL script (migrations, pragmas).  0 or -1. */
static int
exec_script(struct store *st, const char *sql, char *err, size_t errsz)
{
	char	*msg = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		snprintf(err, errsz, "database error: %s", msg ? msg : "unknown");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static int
migrate(struct store *st, char *err, size_t errsz)
{
	const struct embed_file	*m;
	struct q		 q;
	int64_t			 have = 0, version;
	char			 name[128];

	if (exec_script(st, "CREATE TABLE IF NOT EXISTS schema_migrations ("
	    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
	    "applied_at INTEGER NOT NULL) STRICT", err, errsz) != 0)
		return -1;
	q_open(&q, st, STMT_SCHEMA_VERSION);
	if (q_step(&q) == Q_ROW)
		have = q_col_i64(&q, 0);
	if (q_close(&q) != APP_OK) {
		snprintf(err, errsz, "cannot read the schema version");
		return -1;
	}
	/* The table is sorted by name, and names start with the version. */
	for (m = migrations_sqlite; m->name != NULL; m++) {
		size_t	z = 0;

		/* "0001_people.sql": four digits, zero-padded, then '_'. */
		while (z < 3 && m->name[z] == '0')
			z++;
		if (strlen(m->name) < 6 || m->name[4] != '_' ||
		    parse_i64(m->name + z, 4 - z, 1, 9999, &version) != 0) {
			snprintf(err, errsz, "bad migration name '%s'", m->name);
			return -1;
		}
		if (version <= have)
			continue;
		snprintf(name, sizeof(name), "%s", m->name);
		if (exec_script(st, "BEGIN IMMEDIATE", err, errsz) != 0)
			return -1;
		if (exec_script(st, (const char *)m->data, err, errsz) != 0) {
			sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
			snprintf(err + strlen(err), errsz - strlen(err),
			    " (in migration %s)", name);
			return -1;
		}
		{
			sqlite3_stmt	*s = NULL;
			int		 rc;

			rc = sqlite3_prepare_v2(st->db, "INSERT INTO schema_migrations "
			    "(version, name, applied_at) VALUES (?1, ?2, unixepoch())",
			    -1, &s, NULL);
			if (rc == SQLITE_OK) {
				sqlite3_bind_int64(s, 1, version);
				sqlite3_bind_text(s, 2, name, -1, SQLITE_TRANSIENT);
				rc = sqlite3_step(s) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
			}
			sqlite3_finalize(s);
			if (rc != SQLITE_OK ||
			    exec_script(st, "COMMIT", err, errsz) != 0) {
				sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
				snprintf(err, errsz, "cannot record migration %s", name);
				return -1;
			}
		}
		st->migrations_applied++;
		have = version;
	}
	return 0;
}

struct store *
store_open(const char *path, int busy_timeout_ms, bool do_migrate, char *err,
    size_t errsz)
{
	struct store	*st;
	int		 rc;

	st = xcalloc(1, sizeof(*st));
	rc = sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errsz, "cannot open database '%s': %s", path,
		    st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
		goto fail;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, busy_timeout_ms);
	/*
	 * synchronous=FULL: a commit is on disk before we answer, so what the
	 * API acknowledged survives power loss and kill -9.  temp_store=MEMORY:
	 * no temporary files to create after privileges are dropped.
	 */
	if (exec_script(st, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
	    "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; "
	    "PRAGMA trusted_schema=OFF;", err, errsz) != 0)
		goto fail;
	if (do_migrate && migrate(st, err, errsz) != 0)
		goto fail;
	return st;
fail:
	store_close(st);
	return NULL;
}

void
store_close(struct store *st)
{
	int	i;

	if (st == NULL)
		return;
	for (i = 0; i < STMT__MAX; i++)
		sqlite3_finalize(st->stmts[i]);
	sqlite3_close(st->db);
	free(st);
}

int
store_migrations_applied(const struct store *st)
{
	return st->migrations_applied;
}

enum app_err
store_schema_version(struct store *st, int64_t *out)
{
	struct q	q;

	q_open(&q, st, STMT_SCHEMA_VERSION);
	if (q_step(&q) == Q_ROW)
		*out = q_col_i64(&q, 0);
	return q_close(&q);
}

/* Transactions */

static void
release_write(struct store *st)
{
	if (st->holds_write) {
		st->holds_write = false;
		pthread_mutex_unlock(&write_mu);
	}
}

enum app_err
store_begin(struct store *st)
{
	struct q	q;
	enum app_err	er;

	pthread_mutex_lock(&write_mu);
	st->holds_write = true;
	q_open(&q, st, STMT_BEGIN);
	if ((er = q_exec_done(&q)) != APP_OK)
		release_write(st);
	return er;
}

enum app_err
store_commit(struct store *st)
{
	struct q	q;
	enum app_err	er;

	q_open(&q, st, STMT_COMMIT);
	/* A failed COMMIT leaves the transaction open: the caller rolls back. */
	if ((er = q_exec_done(&q)) == APP_OK)
		release_write(st);
	return er;
}

void
store_rollback(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	release_write(st);
}

/* The pool */

struct store_pool {
	pthread_mutex_t	  mu;		/* guards free_n */
	pthread_cond_t	  cv;		/* signalled on put */
	struct store	**all;		/* every connection */
	struct store	**free_list;	/* those not in use */
	int		  n;		/* how many in all */
	int		  free_n;	/* how many in free_list */
};

struct store_pool *
store_pool_open(const char *path, int n, int busy_timeout_ms, char *err, size_t errsz)
{
	struct store_pool	*p;
	int			 i;

	p = xcalloc(1, sizeof(*p));
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	p->all = xcalloc((size_t)n, sizeof(*p->all));
	p->free_list = xcalloc((size_t)n, sizeof(*p->free_list));
	for (i = 0; i < n; i++) {
		p->all[i] = store_open(path, busy_timeout_ms, i == 0, err, errsz);
		if (p->all[i] == NULL) {
			store_pool_free(p);
			return NULL;
		}
		p->n++;
		p->free_list[p->free_n++] = p->all[i];
	}
	return p;
}

void
store_pool_free(struct store_pool *p)
{
	int	i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++)
		store_close(p->all[i]);
	pthread_cond_destroy(&p->cv);
	pthread_mutex_destroy(&p->mu);
	free(p->all);
	free(p->free_list);
	free(p);
}

struct store *
store_pool_get(struct store_pool *p)
{
	struct store	*st;

	pthread_mutex_lock(&p->mu);
	while (p->free_n == 0)
		pthread_cond_wait(&p->cv, &p->mu);
	st = p->free_list[--p->free_n];
	pthread_mutex_unlock(&p->mu);
	return st;
}

void
store_pool_put(struct store_pool *p, struct store *st)
{
	/* A handler that failed mid-transaction must not leak it to the next. */
	store_rollback(st);
	pthread_mutex_lock(&p->mu);
	p->free_list[p->free_n++] = st;
	pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
}

/* The query API */

void
q_open(struct q *q, struct store *st, enum stmt id)
{
	int	rc;

	q->st = st;
	q->id = id;
	q->err = APP_OK;
	q->conflict = NULL;
	q->h = NULL;
	q->locked = false;
	if (st->stmts[id] == NULL) {
		rc = sqlite3_prepare_v3(st->db, sqlite_sql[id], -1,
		    SQLITE_PREPARE_PERSISTENT, &st->stmts[id], NULL);
		if (rc != SQLITE_OK) {
			log_db(st, "prepare");
			q->err = APP_STORE;
			return;
		}
	}
	q->h = st->stmts[id];
	/* A lone write (autocommit) queues with the transactions. */
	q->locked = false;
	if (!st->holds_write && !sqlite3_stmt_readonly(q->h) &&
	    sqlite3_get_autocommit(st->db)) {
		pthread_mutex_lock(&write_mu);
		q->locked = true;
	}
}

static void
bind_check(struct q *q, int rc)
{
	if (rc != SQLITE_OK && q->err == APP_OK) {
		log_db(q->st, "bind");
		q->err = APP_STORE;
	}
}

void
q_i64(struct q *q, int idx, int64_t v)
{
	if (q->h != NULL)
		bind_check(q, sqlite3_bind_int64(q->h, idx, v));
}

void
q_i64_or_null(struct q *q, int idx, int64_t v)
{
	if (q->h == NULL)
		return;
	if (v == 0)
		bind_check(q, sqlite3_bind_null(q->h, idx));
	else
		bind_check(q, sqlite3_bind_int64(q->h, idx, v));
}

void
q_text(struct q *q, int idx, const char *s)
{
	if (q->h == NULL)
		return;
	if (s == NULL)
		bind_check(q, sqlite3_bind_null(q->h, idx));
	else
		bind_check(q, sqlite3_bind_text(q->h, idx, s, -1, SQLITE_STATIC));
}

/* "UNIQUE constraint failed: users.login" -> "login" */
static const char *
conflict_column(struct store *st)
{
	const char	*m = sqlite3_errmsg(st->db), *dot;

	if (strstr(m, "users.login") != NULL)
		return "login";
	if (strstr(m, "users.email") != NULL || strstr(m, "index 'users_email'") != NULL)
		return "email";
	if ((dot = strrchr(m, '.')) != NULL && dot[1] != '\0') {
		if (strcmp(dot + 1, "slug") == 0)
			return "slug";
		if (strcmp(dot + 1, "model") == 0)
			return "name";
	}
	return NULL;
}

void
q_blob(struct q *q, int idx, const void *p, size_t n)
{
	if (q->h == NULL)
		return;
	if (p == NULL)
		bind_check(q, sqlite3_bind_null(q->h, idx));
	else
		bind_check(q, sqlite3_bind_blob64(q->h, idx, p, n, SQLITE_STATIC));
}

enum q_step
q_step(struct q *q)
{
	int	rc;

	if (q->err != APP_OK || q->h == NULL)
		return Q_ERR;
	rc = sqlite3_step(q->h);
	if (rc == SQLITE_ROW)
		return Q_ROW;
	if (rc == SQLITE_DONE)
		return Q_DONE;
	if ((rc & 0xff) == SQLITE_CONSTRAINT &&
	    rc != SQLITE_CONSTRAINT_FOREIGNKEY) {
		q->err = APP_CONFLICT;
		q->conflict = conflict_column(q->st);
		log_debug("event=store_conflict msg=\"%s\"", sqlite3_errmsg(q->st->db));
	} else {
		log_db(q->st, "step");
		q->err = APP_STORE;
	}
	return Q_ERR;
}

int64_t
q_col_i64(struct q *q, int col)
{
	return sqlite3_column_int64(q->h, col);
}

const char *
q_col_text(struct q *q, int col, struct arena *a)
{
	const unsigned char	*t = sqlite3_column_text(q->h, col);
	int			 n = sqlite3_column_bytes(q->h, col);

	if (t == NULL)
		return "";
	return arena_strndup(a, (const char *)t, (size_t)n);
}

const unsigned char *
q_col_blob(struct q *q, int col, struct arena *a, size_t *n)
{
	const void	*b = sqlite3_column_blob(q->h, col);
	int		 len = sqlite3_column_bytes(q->h, col);
	unsigned char	*c;

	*n = 0;
	if (b == NULL || len <= 0)
		return NULL;
	c = arena_alloc(a, (size_t)len);
	memcpy(c, b, (size_t)len);
	*n = (size_t)len;
	return c;
}

bool
q_col_null(struct q *q, int col)
{
	return sqlite3_column_type(q->h, col) == SQLITE_NULL;
}

int64_t
q_last_id(struct q *q)
{
	return sqlite3_last_insert_rowid(q->st->db);
}

int64_t
q_changes(struct q *q)
{
	return sqlite3_changes64(q->st->db);
}

enum app_err
q_close(struct q *q)
{
	if (q->h != NULL) {
		sqlite3_reset(q->h);
		sqlite3_clear_bindings(q->h);
	}
	if (q->locked) {
		q->locked = false;
		pthread_mutex_unlock(&write_mu);
	}
	return q->err;
}

enum app_err
q_exec_done(struct q *q)
{
	enum q_step	r;

	while ((r = q_step(q)) == Q_ROW)
		;
	return q_close(q);
}
