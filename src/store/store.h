#ifndef LOUDONG_STORE_STORE_H
#define LOUDONG_STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "domain/throttle.h"
#include "domain/user.h"

/*
 * The only way to the database.  It speaks domain structs and enum app_err;
 * no SQL, no SQLite type, no policy crosses this line.  Strings in results
 * are allocated in the arena the caller passes and live as long as it.
 *
 * A struct store is one connection, used by one thread at a time; a server
 * takes one from the pool for each request.  All functions return APP_OK,
 * APP_NOTFOUND (no row), APP_CONFLICT (a uniqueness or state rule) or
 * APP_STORE (logged).
 */
struct arena;
struct store;
struct store_pool;

/*
 * Open (creating if needed) the database at path with WAL, foreign keys,
 * synchronous=FULL and busy_timeout; apply pending migrations if migrate.
 * NULL with a sentence in err on failure.  Close with store_close().
 */
struct store	*store_open(const char *path, int busy_timeout_ms, bool migrate,
		    char *err, size_t errsz);
void		 store_close(struct store *st);	/* accepts NULL */

/* Migrations applied when the store was opened (for init's message). */
int		 store_migrations_applied(const struct store *st);

/* The schema version (highest migration applied). */
enum app_err	 store_schema_version(struct store *st, int64_t *out);

/* n connections for a server; the first applies the migrations. */
struct store_pool *store_pool_open(const char *path, int n, int busy_timeout_ms,
		    char *err, size_t errsz);
void		 store_pool_free(struct store_pool *p);	/* accepts NULL */
struct store	*store_pool_get(struct store_pool *p);	/* blocks until one is free */
void		 store_pool_put(struct store_pool *p, struct store *st);

/* Transactions: BEGIN IMMEDIATE / COMMIT / ROLLBACK. */
enum app_err	 store_begin(struct store *st) __attribute__((warn_unused_result));
enum app_err	 store_commit(struct store *st) __attribute__((warn_unused_result));
void		 store_rollback(struct store *st);

/* Organisations.  create fills o->id and o->created_at (= now). */
enum app_err	 store_org_create(struct store *st, struct org *o, int64_t now);
enum app_err	 store_org_by_slug(struct store *st, struct arena *a,
		    const char *slug, struct org *out);
enum app_err	 store_org_by_id(struct store *st, struct arena *a, int64_t id,
		    struct org *out);
/* Up to limit orgs with id > after, by id; *n set to how many. */
enum app_err	 store_org_list(struct store *st, struct arena *a, int64_t after,
		    int limit, struct org **out, size_t *n);

/* Products of a provider organisation. */
enum app_err	 store_product_create(struct store *st, struct product *p, int64_t now);
enum app_err	 store_product_list(struct store *st, struct arena *a, int64_t org_id,
		    struct product **out, size_t *n);

/*
 * Users.  create fills u->id; on APP_CONFLICT *field (if not NULL) is
 * "login" or "email".  by_* fill org_slug too.
 */
enum app_err	 store_user_create(struct store *st, struct user *u, int64_t now,
		    const char **field);
enum app_err	 store_user_by_login(struct store *st, struct arena *a,
		    const char *login, struct user *out);
enum app_err	 store_user_by_id(struct store *st, struct arena *a, int64_t id,
		    struct user *out);
enum app_err	 store_user_list(struct store *st, struct arena *a, int64_t after,
		    int limit, struct user **out, size_t *n);
enum app_err	 store_user_set_password(struct store *st, int64_t id,
		    const char *hash, bool must_change, int64_t now);
enum app_err	 store_user_count(struct store *st, int64_t *out);

/* Sessions, keyed by the SHA-256 (hex) of the cookie's token. */
enum app_err	 store_session_create(struct store *st, const char *token_hash,
		    const struct session *s);
/* APP_NOTFOUND if absent or expired at now. */
enum app_err	 store_session_get(struct store *st, struct arena *a,
		    const char *token_hash, int64_t now, struct session *out);
enum app_err	 store_session_delete(struct store *st, const char *token_hash);
/* Every session of a user but keep_hash (NULL: all), e.g. on password change. */
enum app_err	 store_session_delete_user(struct store *st, int64_t user_id,
		    const char *keep_hash);
enum app_err	 store_session_purge(struct store *st, int64_t now);

/* API tokens.  create fills t->id. */
enum app_err	 store_token_create(struct store *st, struct api_token *t,
		    const char *token_hash);
/* A live (unrevoked) token by hash. */
enum app_err	 store_token_by_hash(struct store *st, struct arena *a,
		    const char *token_hash, struct api_token *out);
enum app_err	 store_token_list(struct store *st, struct arena *a, int64_t user_id,
		    struct api_token **out, size_t *n);
/* APP_NOTFOUND unless user_id owns a live token id. */
enum app_err	 store_token_revoke(struct store *st, int64_t user_id, int64_t id,
		    int64_t now);
enum app_err	 store_token_touch(struct store *st, int64_t id, int64_t now);

/* Failed logins, per account (login) or per client address. */
enum login_key { LOGIN_KEY_ACCOUNT, LOGIN_KEY_ADDRESS };
enum app_err	 store_login_failure_add(struct store *st, enum login_key kind,
		    const char *key, int64_t now);
enum app_err	 store_login_failures(struct store *st, enum login_key kind,
		    const char *key, int64_t since, struct throttle_count *out);
enum app_err	 store_login_failure_clear(struct store *st, enum login_key kind,
		    const char *key);
/* Forget failures older than before. */
enum app_err	 store_login_failure_purge(struct store *st, int64_t before);

/* The audit log (R18).  actor_id 0: the system or an anonymous client. */
enum app_err	 store_audit_add(struct store *st, int64_t actor_id,
		    const char *action, const char *subject, const char *detail,
		    const char *addr, int64_t now);
/* Rows of the audit log, for tests and the auditor's view. */
struct audit_entry {
	int64_t		 id;		/* row id */
	int64_t		 at;		/* unix seconds */
	int64_t		 actor_id;	/* 0: none */
	const char	*action;	/* e.g. "user.create" */
	const char	*subject;	/* e.g. "user:12" */
	const char	*detail;	/* free text, no secrets */
};
enum app_err	 store_audit_list(struct store *st, struct arena *a, int64_t after,
		    int limit, struct audit_entry **out, size_t *n);

/* Instance metadata (small key/value pairs). */
enum app_err	 store_meta_get(struct store *st, struct arena *a, const char *key,
		    const char **out);
enum app_err	 store_meta_set(struct store *st, const char *key, const char *value);

#endif
