/*
 * store/ on a fresh SQLite database, and svc/ (accounts, login, throttling,
 * password change) end to end on the same kind of store.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/log.h"
#include "crypto/crypto.h"
#include "store/store.h"
#include "svc/svc.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define NOW		((int64_t)1700000000)
#define ADDR		"192.0.2.10"

struct fx {
	char		 dir[64];	/* mkdtemp */
	char		 path[128];	/* dir/test.db */
	struct store	*st;
	struct arena	*a;
	struct config	 cfg;
	struct svc_ctx	 c;
	struct user	 admin;		/* svc tests: an admin actor */
};

static int
group_setup(void **state)
{
	(void)state;
	log_threshold = LOG_WARN;
	return crypto_init() == 0 ? 0 : -1;
}

static int
setup(void **state)
{
	struct fx	*fx;
	char		 err[512];

	if ((fx = calloc(1, sizeof(*fx))) == NULL)
		return -1;
	snprintf(fx->dir, sizeof(fx->dir), "/tmp/loudong-store-XXXXXX");
	if (mkdtemp(fx->dir) == NULL) {
		free(fx);
		return -1;
	}
	snprintf(fx->path, sizeof(fx->path), "%s/test.db", fx->dir);
	fx->st = store_open(fx->path, 1000, true, err, sizeof(err));
	if (fx->st == NULL) {
		fprintf(stderr, "store_open: %s\n", err);
		rmdir(fx->dir);
		free(fx);
		return -1;
	}
	fx->a = arena_new();
	config_defaults(&fx->cfg);
	fx->cfg.argon2_memlimit_kib = 8192;
	fx->cfg.argon2_opslimit = 1;
	fx->c.st = fx->st;
	fx->c.a = fx->a;
	fx->c.cfg = &fx->cfg;
	fx->c.now = NOW;
	fx->c.actor = NULL;
	fx->c.addr = ADDR;
	fx->c.system = false;
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fx	*fx = *state;
	char		 p[160];

	store_close(fx->st);
	arena_free(fx->a);
	unlink(fx->path);
	snprintf(p, sizeof(p), "%s-wal", fx->path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", fx->path);
	unlink(p);
	rmdir(fx->dir);
	free(fx);
	return 0;
}

/* Helpers */

static int64_t
mk_org(struct fx *fx, const char *slug)
{
	struct org	o = { 0 };

	o.slug = slug;
	o.name = "测试组织";
	o.kind = ORG_PROVIDER;
	memcpy(o.country, "CN", 3);
	assert_int_equal(store_org_create(fx->st, &o, NOW), APP_OK);
	assert_true(o.id > 0);
	return o.id;
}

static int64_t
mk_user(struct fx *fx, const char *login, const char *email, int64_t org_id)
{
	struct user	 u = { 0 };
	const char	*field = "unset";

	u.login = login;
	u.display_name = login;
	u.email = email;
	u.role = UROLE_REPORTER;
	u.org_id = org_id;
	u.password_hash = "$argon2id$dummy";
	assert_int_equal(store_user_create(fx->st, &u, NOW, &field), APP_OK);
	assert_true(u.id > 0);
	return u.id;
}

/* Migrations */

static void
test_store__migrations_once(void **state)
{
	struct fx	*fx = *state;
	struct store	*again;
	int64_t		 v1 = -1, v2 = -1;
	char		 err[512];
	int		 applied;

	applied = store_migrations_applied(fx->st);
	assert_true(applied >= 1);
	assert_int_equal(store_schema_version(fx->st, &v1), APP_OK);
	assert_true(v1 >= 1);
	assert_true(v1 >= applied);

	/* Reopening applies nothing and keeps the version. */
	again = store_open(fx->path, 1000, true, err, sizeof(err));
	assert_non_null(again);
	assert_int_equal(store_migrations_applied(again), 0);
	assert_int_equal(store_schema_version(again, &v2), APP_OK);
	assert_int_equal(v2, v1);
	store_close(again);

	/* Opening without migrating applies nothing either. */
	again = store_open(fx->path, 1000, false, err, sizeof(err));
	assert_non_null(again);
	assert_int_equal(store_migrations_applied(again), 0);
	store_close(again);
	store_close(NULL);
}

static void
test_store__open_bad_path(void **state)
{
	char	err[512] = "";

	(void)state;
	assert_null(store_open("/nonexistent-loudong-dir/x.db", 1000, true, err,
	    sizeof(err)));
	assert_non_null(strstr(err, "/nonexistent-loudong-dir/x.db"));
}

/* Organisations */

static void
test_store__org_create_and_get(void **state)
{
	struct fx	*fx = *state;
	struct org	 o = { 0 }, got;

	o.slug = "acme";
	o.name = "Acme 漏洞响应";
	o.kind = ORG_SUPPORT_UNIT;
	memcpy(o.country, "US", 3);
	assert_int_equal(store_org_create(fx->st, &o, NOW), APP_OK);
	assert_true(o.id > 0);
	assert_int_equal(o.created_at, NOW);

	memset(&got, 0, sizeof(got));
	assert_int_equal(store_org_by_slug(fx->st, fx->a, "acme", &got), APP_OK);
	assert_int_equal(got.id, o.id);
	assert_string_equal(got.slug, "acme");
	assert_string_equal(got.name, "Acme 漏洞响应");
	assert_int_equal(got.kind, ORG_SUPPORT_UNIT);
	assert_string_equal(got.country, "US");
	assert_int_equal(got.created_at, NOW);

	memset(&got, 0, sizeof(got));
	assert_int_equal(store_org_by_id(fx->st, fx->a, o.id, &got), APP_OK);
	assert_string_equal(got.slug, "acme");

	assert_int_equal(store_org_by_slug(fx->st, fx->a, "nope", &got), APP_NOTFOUND);
	assert_int_equal(store_org_by_slug(fx->st, fx->a, "ACME", &got), APP_NOTFOUND);
	assert_int_equal(store_org_by_id(fx->st, fx->a, o.id + 100, &got), APP_NOTFOUND);
}

static void
test_store__org_duplicate_slug_conflict(void **state)
{
	struct fx	*fx = *state;
	struct org	 o = { 0 };
	struct org	*list;
	size_t		 n;

	mk_org(fx, "acme");
	o.slug = "acme";
	o.name = "Another";
	o.kind = ORG_OPERATOR;
	memcpy(o.country, "CN", 3);
	assert_int_equal(store_org_create(fx->st, &o, NOW), APP_CONFLICT);
	assert_int_equal(store_org_list(fx->st, fx->a, 0, 10, &list, &n), APP_OK);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].name, "测试组织");
}

static void
test_store__org_list_pages(void **state)
{
	struct fx	*fx = *state;
	struct org	*list;
	int64_t		 ids[3];
	size_t		 n;

	ids[0] = mk_org(fx, "org-a");
	ids[1] = mk_org(fx, "org-b");
	ids[2] = mk_org(fx, "org-c");
	assert_int_equal(store_org_list(fx->st, fx->a, 0, 2, &list, &n), APP_OK);
	assert_int_equal(n, 2);
	assert_int_equal(list[0].id, ids[0]);
	assert_int_equal(list[1].id, ids[1]);
	assert_int_equal(store_org_list(fx->st, fx->a, ids[1], 2, &list, &n), APP_OK);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].slug, "org-c");
	assert_int_equal(store_org_list(fx->st, fx->a, ids[2], 2, &list, &n), APP_OK);
	assert_int_equal(n, 0);
}

static void
test_store__products(void **state)
{
	struct fx	*fx = *state;
	struct product	 p = { 0 }, dup = { 0 }, *list;
	int64_t		 org = mk_org(fx, "acme");
	size_t		 n;

	p.org_id = org;
	p.name = "路由器";
	p.model = "AX3000";
	p.versions = "1.0-1.4";
	assert_int_equal(store_product_create(fx->st, &p, NOW), APP_OK);
	assert_true(p.id > 0);
	dup = p;
	assert_int_equal(store_product_create(fx->st, &dup, NOW), APP_CONFLICT);
	dup.model = "AX6000";
	assert_int_equal(store_product_create(fx->st, &dup, NOW), APP_OK);
	assert_int_equal(store_product_list(fx->st, fx->a, org, &list, &n), APP_OK);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].model, "AX3000");
	assert_string_equal(list[0].versions, "1.0-1.4");
	assert_string_equal(list[1].model, "AX6000");
}

/* Users */

static void
test_store__user_create_with_org(void **state)
{
	struct fx	*fx = *state;
	struct user	 u = { 0 }, got;
	const char	*field = NULL;
	int64_t		 org = mk_org(fx, "acme");

	u.login = "alice";
	u.display_name = "爱丽丝";
	u.email = "alice@example.com";
	u.role = UROLE_VENDOR;
	u.org_id = org;
	u.password_hash = "$argon2id$v=19$fake";
	u.must_change_password = true;
	assert_int_equal(store_user_create(fx->st, &u, NOW, &field), APP_OK);
	assert_true(u.id > 0);
	assert_int_equal(u.created_at, NOW);

	memset(&got, 0, sizeof(got));
	assert_int_equal(store_user_by_login(fx->st, fx->a, "alice", &got), APP_OK);
	assert_int_equal(got.id, u.id);
	assert_string_equal(got.login, "alice");
	assert_string_equal(got.display_name, "爱丽丝");
	assert_string_equal(got.email, "alice@example.com");
	assert_int_equal(got.role, UROLE_VENDOR);
	assert_int_equal(got.org_id, org);
	assert_non_null(got.org_slug);
	assert_string_equal(got.org_slug, "acme");
	assert_string_equal(got.password_hash, "$argon2id$v=19$fake");
	assert_true(got.must_change_password);
	assert_false(got.disabled);
	assert_int_equal(got.created_at, NOW);

	memset(&got, 0, sizeof(got));
	assert_int_equal(store_user_by_id(fx->st, fx->a, u.id, &got), APP_OK);
	assert_string_equal(got.login, "alice");
	assert_string_equal(got.org_slug, "acme");
}

static void
test_store__user_without_org(void **state)
{
	struct fx	*fx = *state;
	struct user	 got;
	int64_t		 id = mk_user(fx, "bob", "", 0);

	memset(&got, 0, sizeof(got));
	assert_int_equal(store_user_by_id(fx->st, fx->a, id, &got), APP_OK);
	assert_int_equal(got.org_id, 0);
	assert_null(got.org_slug);
	assert_string_equal(got.email, "");
	assert_int_equal(got.role, UROLE_REPORTER);
}

static void
test_store__user_not_found(void **state)
{
	struct fx	*fx = *state;
	struct user	 got;

	mk_user(fx, "alice", "", 0);
	assert_int_equal(store_user_by_login(fx->st, fx->a, "nobody", &got), APP_NOTFOUND);
	assert_int_equal(store_user_by_login(fx->st, fx->a, "ALICE", &got), APP_NOTFOUND);
	assert_int_equal(store_user_by_login(fx->st, fx->a, "", &got), APP_NOTFOUND);
	assert_int_equal(store_user_by_id(fx->st, fx->a, 9999, &got), APP_NOTFOUND);
}

static void
test_store__user_conflict_field(void **state)
{
	struct fx	*fx = *state;
	struct user	 u = { 0 };
	const char	*field;
	int64_t		 count = 0;

	mk_user(fx, "alice", "alice@example.com", 0);

	/* Same login. */
	u.login = "alice";
	u.display_name = "x";
	u.email = "other@example.com";
	u.role = UROLE_REPORTER;
	u.password_hash = "h";
	field = NULL;
	assert_int_equal(store_user_create(fx->st, &u, NOW, &field), APP_CONFLICT);
	assert_non_null(field);
	assert_string_equal(field, "login");

	/* Same e-mail, other case: still taken. */
	u.login = "alice2";
	u.email = "ALICE@Example.COM";
	field = NULL;
	assert_int_equal(store_user_create(fx->st, &u, NOW, &field), APP_CONFLICT);
	assert_non_null(field);
	assert_string_equal(field, "email");

	/* NULL field pointer is allowed. */
	assert_int_equal(store_user_create(fx->st, &u, NOW, NULL), APP_CONFLICT);

	/* Any number of accounts may have no e-mail. */
	mk_user(fx, "nomail1", "", 0);
	mk_user(fx, "nomail2", "", 0);
	assert_int_equal(store_user_count(fx->st, &count), APP_OK);
	assert_int_equal(count, 3);
}

static void
test_store__user_list_pagination(void **state)
{
	struct fx	*fx = *state;
	struct user	*list;
	int64_t		 ids[5];
	size_t		 n;
	char		 login[16];
	int		 i;

	for (i = 0; i < 5; i++) {
		snprintf(login, sizeof(login), "user%d", i);
		ids[i] = mk_user(fx, arena_strdup(fx->a, login), "", 0);
	}
	assert_int_equal(store_user_list(fx->st, fx->a, 0, 2, &list, &n), APP_OK);
	assert_int_equal(n, 2);
	assert_int_equal(list[0].id, ids[0]);
	assert_int_equal(list[1].id, ids[1]);
	assert_string_equal(list[0].login, "user0");
	/* Lists never carry password hashes. */
	assert_string_equal(list[0].password_hash, "");

	assert_int_equal(store_user_list(fx->st, fx->a, list[1].id, 2, &list, &n), APP_OK);
	assert_int_equal(n, 2);
	assert_int_equal(list[0].id, ids[2]);
	assert_int_equal(list[1].id, ids[3]);

	assert_int_equal(store_user_list(fx->st, fx->a, ids[3], 2, &list, &n), APP_OK);
	assert_int_equal(n, 1);
	assert_int_equal(list[0].id, ids[4]);

	assert_int_equal(store_user_list(fx->st, fx->a, ids[4], 2, &list, &n), APP_OK);
	assert_int_equal(n, 0);

	assert_int_equal(store_user_list(fx->st, fx->a, 0, 100, &list, &n), APP_OK);
	assert_int_equal(n, 5);
	for (i = 1; i < 5; i++)
		assert_true(list[i].id > list[i - 1].id);
}

static void
test_store__user_set_password(void **state)
{
	struct fx	*fx = *state;
	struct user	 got;
	int64_t		 id = mk_user(fx, "alice", "", 0);

	assert_int_equal(store_user_set_password(fx->st, id, "$new", true, NOW + 5), APP_OK);
	assert_int_equal(store_user_by_id(fx->st, fx->a, id, &got), APP_OK);
	assert_string_equal(got.password_hash, "$new");
	assert_true(got.must_change_password);
	assert_int_equal(store_user_set_password(fx->st, id, "$newer", false, NOW + 6), APP_OK);
	assert_int_equal(store_user_by_id(fx->st, fx->a, id, &got), APP_OK);
	assert_string_equal(got.password_hash, "$newer");
	assert_false(got.must_change_password);
	assert_int_equal(store_user_set_password(fx->st, id + 99, "$x", false, NOW),
	    APP_NOTFOUND);
}

/* Sessions */

static void
mk_session(struct fx *fx, const char *hash, int64_t user_id, int64_t expires)
{
	struct session	s = { user_id, "csrf-token", NOW, expires };

	assert_int_equal(store_session_create(fx->st, hash, &s), APP_OK);
}

static void
test_store__session_create_get(void **state)
{
	struct fx	*fx = *state;
	struct session	 s;
	int64_t		 uid = mk_user(fx, "alice", "", 0);

	mk_session(fx, "h1", uid, NOW + 100);
	memset(&s, 0, sizeof(s));
	assert_int_equal(store_session_get(fx->st, fx->a, "h1", NOW, &s), APP_OK);
	assert_int_equal(s.user_id, uid);
	assert_string_equal(s.csrf, "csrf-token");
	assert_int_equal(s.created_at, NOW);
	assert_int_equal(s.expires_at, NOW + 100);
	assert_int_equal(store_session_get(fx->st, fx->a, "h1", NOW + 99, &s), APP_OK);
	assert_int_equal(store_session_get(fx->st, fx->a, "nope", NOW, &s), APP_NOTFOUND);
}

static void
test_store__session_expires(void **state)
{
	struct fx	*fx = *state;
	struct session	 s;
	int64_t		 uid = mk_user(fx, "alice", "", 0);

	mk_session(fx, "h1", uid, NOW + 100);
	/* At expires_at the session is over. */
	assert_int_equal(store_session_get(fx->st, fx->a, "h1", NOW + 100, &s), APP_NOTFOUND);
	assert_int_equal(store_session_get(fx->st, fx->a, "h1", NOW + 5000, &s), APP_NOTFOUND);
	/* Purge removes it for good. */
	mk_session(fx, "h2", uid, NOW + 1000);
	assert_int_equal(store_session_purge(fx->st, NOW + 100), APP_OK);
	assert_int_equal(store_session_get(fx->st, fx->a, "h1", NOW, &s), APP_NOTFOUND);
	assert_int_equal(store_session_get(fx->st, fx->a, "h2", NOW, &s), APP_OK);
}

static void
test_store__session_duplicate_hash(void **state)
{
	struct fx	*fx = *state;
	struct session	 s = { 0, "c", NOW, NOW + 10 };

	s.user_id = mk_user(fx, "alice", "", 0);
	assert_int_equal(store_session_create(fx->st, "h1", &s), APP_OK);
	assert_int_equal(store_session_create(fx->st, "h1", &s), APP_CONFLICT);
}

static void
test_store__session_delete(void **state)
{
	struct fx	*fx = *state;
	struct session	 s;
	int64_t		 uid = mk_user(fx, "alice", "", 0);

	mk_session(fx, "h1", uid, NOW + 100);
	mk_session(fx, "h2", uid, NOW + 100);
	assert_int_equal(store_session_delete(fx->st, "h1"), APP_OK);
	assert_int_equal(store_session_get(fx->st, fx->a, "h1", NOW, &s), APP_NOTFOUND);
	assert_int_equal(store_session_get(fx->st, fx->a, "h2", NOW, &s), APP_OK);
	/* Deleting what is not there is fine. */
	assert_int_equal(store_session_delete(fx->st, "h1"), APP_OK);
}

static void
test_store__session_delete_user_keeps_one(void **state)
{
	struct fx	*fx = *state;
	struct session	 s;
	int64_t		 alice = mk_user(fx, "alice", "", 0);
	int64_t		 bob = mk_user(fx, "bob", "", 0);

	mk_session(fx, "a1", alice, NOW + 100);
	mk_session(fx, "a2", alice, NOW + 100);
	mk_session(fx, "a3", alice, NOW + 100);
	mk_session(fx, "b1", bob, NOW + 100);
	assert_int_equal(store_session_delete_user(fx->st, alice, "a2"), APP_OK);
	assert_int_equal(store_session_get(fx->st, fx->a, "a1", NOW, &s), APP_NOTFOUND);
	assert_int_equal(store_session_get(fx->st, fx->a, "a2", NOW, &s), APP_OK);
	assert_int_equal(store_session_get(fx->st, fx->a, "a3", NOW, &s), APP_NOTFOUND);
	assert_int_equal(store_session_get(fx->st, fx->a, "b1", NOW, &s), APP_OK);
	/* NULL keeps none. */
	assert_int_equal(store_session_delete_user(fx->st, alice, NULL), APP_OK);
	assert_int_equal(store_session_get(fx->st, fx->a, "a2", NOW, &s), APP_NOTFOUND);
	assert_int_equal(store_session_get(fx->st, fx->a, "b1", NOW, &s), APP_OK);
}

/* API tokens */

static void
test_store__tokens(void **state)
{
	struct fx		*fx = *state;
	struct api_token	 t = { 0 }, got, *list;
	int64_t			 alice = mk_user(fx, "alice", "", 0);
	int64_t			 bob = mk_user(fx, "bob", "", 0);
	size_t			 n;

	t.user_id = alice;
	t.label = "ci 构建";
	t.created_at = NOW;
	assert_int_equal(store_token_create(fx->st, &t, "th1"), APP_OK);
	assert_true(t.id > 0);

	memset(&got, 0, sizeof(got));
	assert_int_equal(store_token_by_hash(fx->st, fx->a, "th1", &got), APP_OK);
	assert_int_equal(got.id, t.id);
	assert_int_equal(got.user_id, alice);
	assert_string_equal(got.label, "ci 构建");
	assert_int_equal(got.created_at, NOW);
	assert_int_equal(got.last_used_at, 0);
	assert_int_equal(got.revoked_at, 0);
	assert_int_equal(store_token_by_hash(fx->st, fx->a, "th2", &got), APP_NOTFOUND);

	assert_int_equal(store_token_touch(fx->st, t.id, NOW + 7), APP_OK);
	assert_int_equal(store_token_by_hash(fx->st, fx->a, "th1", &got), APP_OK);
	assert_int_equal(got.last_used_at, NOW + 7);

	/* Someone else's token: not found, and it stays live. */
	assert_int_equal(store_token_revoke(fx->st, bob, t.id, NOW + 8), APP_NOTFOUND);
	assert_int_equal(store_token_by_hash(fx->st, fx->a, "th1", &got), APP_OK);
	/* No such token. */
	assert_int_equal(store_token_revoke(fx->st, alice, t.id + 50, NOW + 8), APP_NOTFOUND);

	assert_int_equal(store_token_revoke(fx->st, alice, t.id, NOW + 9), APP_OK);
	assert_int_equal(store_token_by_hash(fx->st, fx->a, "th1", &got), APP_NOTFOUND);
	/* Revoking twice: not a live token any more. */
	assert_int_equal(store_token_revoke(fx->st, alice, t.id, NOW + 10), APP_NOTFOUND);

	/* The list still shows it, revoked. */
	assert_int_equal(store_token_list(fx->st, fx->a, alice, &list, &n), APP_OK);
	assert_int_equal(n, 1);
	assert_int_equal(list[0].id, t.id);
	assert_int_equal(list[0].revoked_at, NOW + 9);
	assert_int_equal(store_token_list(fx->st, fx->a, bob, &list, &n), APP_OK);
	assert_int_equal(n, 0);
}

static void
test_store__token_hash_unique(void **state)
{
	struct fx		*fx = *state;
	struct api_token	 t = { 0 };

	t.user_id = mk_user(fx, "alice", "", 0);
	t.label = "a";
	t.created_at = NOW;
	assert_int_equal(store_token_create(fx->st, &t, "same"), APP_OK);
	assert_int_equal(store_token_create(fx->st, &t, "same"), APP_CONFLICT);
}

/* Login failures */

static void
test_store__login_failures(void **state)
{
	struct fx		*fx = *state;
	struct throttle_count	 c;

	assert_int_equal(store_login_failures(fx->st, LOGIN_KEY_ACCOUNT, "alice", 0, &c), APP_OK);
	assert_int_equal(c.failures, 0);
	assert_int_equal(c.oldest, 0);

	assert_int_equal(store_login_failure_add(fx->st, LOGIN_KEY_ACCOUNT, "alice", 100), APP_OK);
	assert_int_equal(store_login_failure_add(fx->st, LOGIN_KEY_ACCOUNT, "alice", 200), APP_OK);
	assert_int_equal(store_login_failure_add(fx->st, LOGIN_KEY_ACCOUNT, "alice", 300), APP_OK);
	assert_int_equal(store_login_failure_add(fx->st, LOGIN_KEY_ADDRESS, ADDR, 250), APP_OK);
	assert_int_equal(store_login_failure_add(fx->st, LOGIN_KEY_ACCOUNT, "bob", 150), APP_OK);

	assert_int_equal(store_login_failures(fx->st, LOGIN_KEY_ACCOUNT, "alice", 0, &c), APP_OK);
	assert_int_equal(c.failures, 3);
	assert_int_equal(c.oldest, 100);
	/* Only failures after since count. */
	assert_int_equal(store_login_failures(fx->st, LOGIN_KEY_ACCOUNT, "alice", 150, &c), APP_OK);
	assert_int_equal(c.failures, 2);
	assert_int_equal(c.oldest, 200);
	assert_int_equal(store_login_failures(fx->st, LOGIN_KEY_ACCOUNT, "alice", 300, &c), APP_OK);
	assert_int_equal(c.failures, 0);
	/* Keys are per kind. */
	assert_int_equal(store_login_failures(fx->st, LOGIN_KEY_ADDRESS, "alice", 0, &c), APP_OK);
	assert_int_equal(c.failures, 0);
	assert_int_equal(store_login_failures(fx->st, LOGIN_KEY_ADDRESS, ADDR, 0, &c), APP_OK);
	assert_int_equal(c.failures, 1);
	assert_int_equal(c.oldest, 250);

	/* Clear one account only. */
	assert_int_equal(store_login_failure_clear(fx->st, LOGIN_KEY_ACCOUNT, "alice"), APP_OK);
	assert_int_equal(store_login_failures(fx->st, LOGIN_KEY_ACCOUNT, "alice", 0, &c), APP_OK);
	assert_int_equal(c.failures, 0);
	assert_int_equal(store_login_failures(fx->st, LOGIN_KEY_ACCOUNT, "bob", 0, &c), APP_OK);
	assert_int_equal(c.failures, 1);
	assert_int_equal(store_login_failures(fx->st, LOGIN_KEY_ADDRESS, ADDR, 0, &c), APP_OK);
	assert_int_equal(c.failures, 1);

	/* Purge forgets what is old, whatever the key. */
	assert_int_equal(store_login_failure_purge(fx->st, 200), APP_OK);
	assert_int_equal(store_login_failures(fx->st, LOGIN_KEY_ACCOUNT, "bob", 0, &c), APP_OK);
	assert_int_equal(c.failures, 0);
	assert_int_equal(store_login_failures(fx->st, LOGIN_KEY_ADDRESS, ADDR, 0, &c), APP_OK);
	assert_int_equal(c.failures, 1);
}

/* Audit */

static void
test_store__audit(void **state)
{
	struct fx		*fx = *state;
	struct audit_entry	*list;
	int64_t			 uid = mk_user(fx, "alice", "", 0);
	size_t			 n;

	assert_int_equal(store_audit_add(fx->st, 0, "system.init", "instance", "", "", NOW), APP_OK);
	assert_int_equal(store_audit_add(fx->st, uid, "user.create", "user:2",
	    "login=bob", ADDR, NOW + 1), APP_OK);
	assert_int_equal(store_audit_add(fx->st, uid, "session.create", "user:1",
	    NULL, NULL, NOW + 2), APP_OK);

	assert_int_equal(store_audit_list(fx->st, fx->a, 0, 10, &list, &n), APP_OK);
	assert_int_equal(n, 3);
	assert_int_equal(list[0].actor_id, 0);
	assert_string_equal(list[0].action, "system.init");
	assert_string_equal(list[0].subject, "instance");
	assert_int_equal(list[0].at, NOW);
	assert_int_equal(list[1].actor_id, uid);
	assert_string_equal(list[1].action, "user.create");
	assert_string_equal(list[1].subject, "user:2");
	assert_string_equal(list[1].detail, "login=bob");
	assert_string_equal(list[2].detail, "");
	assert_true(list[1].id > list[0].id);

	assert_int_equal(store_audit_list(fx->st, fx->a, list[0].id, 1, &list, &n), APP_OK);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].action, "user.create");
}

/* Meta */

static void
test_store__meta(void **state)
{
	struct fx	*fx = *state;
	const char	*v = NULL;

	assert_int_equal(store_meta_get(fx->st, fx->a, "instance_id", &v), APP_NOTFOUND);
	assert_int_equal(store_meta_set(fx->st, "instance_id", "abc"), APP_OK);
	assert_int_equal(store_meta_get(fx->st, fx->a, "instance_id", &v), APP_OK);
	assert_string_equal(v, "abc");
	/* Setting again updates. */
	assert_int_equal(store_meta_set(fx->st, "instance_id", "值"), APP_OK);
	assert_int_equal(store_meta_get(fx->st, fx->a, "instance_id", &v), APP_OK);
	assert_string_equal(v, "值");
	assert_int_equal(store_meta_set(fx->st, "other", ""), APP_OK);
	assert_int_equal(store_meta_get(fx->st, fx->a, "other", &v), APP_OK);
	assert_string_equal(v, "");
	assert_int_equal(store_meta_get(fx->st, fx->a, "instance_id", &v), APP_OK);
	assert_string_equal(v, "值");
}

/* Transactions */

static void
test_store__transaction_rollback(void **state)
{
	struct fx	*fx = *state;
	struct org	 o = { 0 }, got;
	int64_t		 count = -1;

	assert_int_equal(store_begin(fx->st), APP_OK);
	o.slug = "temp";
	o.name = "Temp";
	o.kind = ORG_PROVIDER;
	memcpy(o.country, "CN", 3);
	assert_int_equal(store_org_create(fx->st, &o, NOW), APP_OK);
	mk_user(fx, "ghost", "", o.id);
	assert_int_equal(store_meta_set(fx->st, "k", "v"), APP_OK);
	/* Visible inside the transaction. */
	assert_int_equal(store_org_by_slug(fx->st, fx->a, "temp", &got), APP_OK);
	store_rollback(fx->st);

	assert_int_equal(store_org_by_slug(fx->st, fx->a, "temp", &got), APP_NOTFOUND);
	assert_int_equal(store_user_count(fx->st, &count), APP_OK);
	assert_int_equal(count, 0);
	{
		const char *v;

		assert_int_equal(store_meta_get(fx->st, fx->a, "k", &v), APP_NOTFOUND);
	}
	/* Rollback outside a transaction is harmless. */
	store_rollback(fx->st);
}

static void
test_store__transaction_commit(void **state)
{
	struct fx	*fx = *state;
	struct org	 got;
	struct store	*other;
	char		 err[512];

	assert_int_equal(store_begin(fx->st), APP_OK);
	mk_org(fx, "kept");
	assert_int_equal(store_commit(fx->st), APP_OK);
	/* Another connection sees it. */
	other = store_open(fx->path, 1000, false, err, sizeof(err));
	assert_non_null(other);
	assert_int_equal(store_org_by_slug(other, fx->a, "kept", &got), APP_OK);
	store_close(other);
	/* Commit without begin fails. */
	assert_int_not_equal(store_commit(fx->st), APP_OK);
}

/* svc: accounts */

static struct user_new
new_user(const char *login, const char *password)
{
	struct user_new	in;

	memset(&in, 0, sizeof(in));
	in.login = login;
	in.password = password;
	in.password_len = password ? strlen(password) : 0;
	in.role = UROLE_REPORTER;
	return in;
}

/* Create an account as the system and load it back, with its hash. */
static struct user *
svc_mk(struct fx *fx, const char *login, const char *pw, enum user_role role)
{
	struct svc_ctx	 c = fx->c;
	struct user_new	 in = new_user(login, pw);
	struct user	 out, *u;
	struct fault	 f = { 0 };

	c.system = true;
	in.role = role;
	if (svc_user_create(&c, &in, &out, &f) != APP_OK)
		fail_msg("svc_user_create(%s): %s field %s", login,
		    app_strerror(f.er), f.field ? f.field : "-");
	u = arena_zalloc(fx->a, sizeof(*u));
	assert_int_equal(store_user_by_login(fx->st, fx->a, login, u), APP_OK);
	return u;
}

static void
test_store__svc_user_create_validation(void **state)
{
	static const struct {
		const char	*login;
		const char	*display_name;
		const char	*email;
		const char	*password;
		int		 role;
		const char	*org;
		enum app_err	 er;
		const char	*field;
		enum msg_id	 msg;
	} t[] = {
		{ "", NULL, NULL, "long enough pw", UROLE_REPORTER, NULL,
		  APP_INVALID, "login", MSG_ERR_FIELD_MISSING },
		{ NULL, NULL, NULL, "long enough pw", UROLE_REPORTER, NULL,
		  APP_INVALID, "login", MSG_ERR_FIELD_MISSING },
		{ "Bad Login", NULL, NULL, "long enough pw", UROLE_REPORTER, NULL,
		  APP_INVALID, "login", MSG_ERR_LOGIN_FORMAT },
		{ "ok-login", "bad\x01name", NULL, "long enough pw", UROLE_REPORTER, NULL,
		  APP_INVALID, "display_name", MSG_ERR_NAME_FORMAT },
		{ "ok-login", NULL, "not-an-email", "long enough pw", UROLE_REPORTER, NULL,
		  APP_INVALID, "email", MSG_ERR_EMAIL_FORMAT },
		{ "ok-login", NULL, NULL, "short", UROLE_REPORTER, NULL,
		  APP_INVALID, "password", MSG_ERR_PASSWORD_SHORT },
		{ "ok-login", NULL, NULL, NULL, UROLE_REPORTER, NULL,
		  APP_INVALID, "password", MSG_ERR_FIELD_MISSING },
		{ "ok-login", NULL, NULL, "long enough pw", UROLE__MAX, NULL,
		  APP_INVALID, "role", MSG_ERR_ROLE },
		{ "ok-login", NULL, NULL, "long enough pw", UROLE_VENDOR, "no-such-org",
		  APP_NOTFOUND, "org", MSG_ERR_NO_SUCH_ORG },
	};
	struct fx	*fx = *state;
	struct svc_ctx	 c = fx->c;
	struct user_new	 in;
	struct user	 out;
	struct fault	 f;
	int64_t		 count = -1;
	size_t		 i;
	enum app_err	 er;

	c.system = true;
	for (i = 0; i < NELEM(t); i++) {
		in = new_user(t[i].login, t[i].password);
		in.display_name = t[i].display_name;
		in.email = t[i].email;
		in.role = (enum user_role)t[i].role;
		in.org_slug = t[i].org;
		memset(&f, 0, sizeof(f));
		er = svc_user_create(&c, &in, &out, &f);
		if (er != t[i].er || f.er != t[i].er)
			fail_msg("case %zu: %s, want %s", i, app_strerror(er),
			    app_strerror(t[i].er));
		if (f.field == NULL || strcmp(f.field, t[i].field) != 0)
			fail_msg("case %zu: field %s, want %s", i,
			    f.field ? f.field : "NULL", t[i].field);
		if (f.msg != t[i].msg)
			fail_msg("case %zu: %s, want %s", i, msg_name(f.msg),
			    msg_name(t[i].msg));
	}
	/* The short password names the minimum. */
	in = new_user("ok-login", "short");
	assert_int_equal(svc_user_create(&c, &in, &out, &f), APP_INVALID);
	assert_int_equal(f.iarg, fx->cfg.password_min_length);
	/* Nothing was written. */
	assert_int_equal(store_user_count(fx->st, &count), APP_OK);
	assert_int_equal(count, 0);
}

static void
test_store__svc_self_registration_closed(void **state)
{
	struct fx	*fx = *state;
	struct user_new	 in = new_user("alice", "long enough pw");
	struct user	 out;
	struct fault	 f = { 0 };
	int64_t		 count = -1;

	fx->cfg.allow_registration = false;
	assert_int_equal(svc_user_create(&fx->c, &in, &out, &f), APP_FORBIDDEN);
	assert_int_equal(f.er, APP_FORBIDDEN);
	assert_int_equal(f.msg, MSG_ERR_REGISTRATION_CLOSED);
	assert_int_equal(store_user_count(fx->st, &count), APP_OK);
	assert_int_equal(count, 0);
}

static void
test_store__svc_self_registration_reporter_only(void **state)
{
	struct fx	*fx = *state;
	struct user_new	 in;
	struct user	 out;
	struct fault	 f;
	int		 r;

	mk_org(fx, "acme");
	fx->cfg.allow_registration = true;
	for (r = 0; r < UROLE__MAX; r++) {
		if (r == UROLE_REPORTER)
			continue;
		in = new_user("alice", "long enough pw");
		in.role = (enum user_role)r;
		memset(&f, 0, sizeof(f));
		assert_int_equal(svc_user_create(&fx->c, &in, &out, &f), APP_FORBIDDEN);
		assert_non_null(f.field);
		assert_string_equal(f.field, "role");
		assert_int_equal(f.msg, MSG_ERR_SELF_REGISTER_ROLE);
	}
	/* A reporter, but in an organisation, or with a one-time password. */
	in = new_user("alice", "long enough pw");
	in.org_slug = "acme";
	assert_int_equal(svc_user_create(&fx->c, &in, &out, &f), APP_FORBIDDEN);
	in = new_user("alice", "long enough pw");
	in.must_change_password = true;
	assert_int_equal(svc_user_create(&fx->c, &in, &out, &f), APP_FORBIDDEN);

	/* A plain reporter is fine. */
	in = new_user("alice", "long enough pw");
	assert_int_equal(svc_user_create(&fx->c, &in, &out, &f), APP_OK);
	assert_true(out.id > 0);
	assert_int_equal(out.role, UROLE_REPORTER);
	assert_string_equal(out.display_name, "alice");	/* defaults to the login */
	assert_string_equal(out.email, "");
}

static void
test_store__svc_non_admin_actor_cannot_create_others(void **state)
{
	struct fx	*fx = *state;
	struct svc_ctx	 c = fx->c;
	struct user	*rep = svc_mk(fx, "reporter1", "long enough pw", UROLE_REPORTER);
	struct user	*aud = svc_mk(fx, "auditor1", "long enough pw", UROLE_AUDITOR);
	struct user_new	 in = new_user("newbie", "long enough pw");
	struct user	 out;
	struct fault	 f = { 0 };

	in.role = UROLE_TRIAGER;
	c.actor = rep;
	assert_int_equal(svc_user_create(&c, &in, &out, &f), APP_FORBIDDEN);
	c.actor = aud;
	assert_int_equal(svc_user_create(&c, &in, &out, &f), APP_FORBIDDEN);
	/* Closed registration closes it for logged-in non-admins too. */
	fx->cfg.allow_registration = false;
	in.role = UROLE_REPORTER;
	assert_int_equal(svc_user_create(&c, &in, &out, &f), APP_FORBIDDEN);
}

static void
test_store__svc_admin_and_system_create_any_role(void **state)
{
	struct fx	*fx = *state;
	struct svc_ctx	 c = fx->c;
	struct user	*admin, got;
	struct user_new	 in;
	struct user	 out;
	struct fault	 f = { 0 };
	struct audit_entry *log;
	size_t		 n, i;
	bool		 seen = false;

	mk_org(fx, "acme");
	fx->cfg.allow_registration = false;	/* does not bind admins or the system */

	/* The system (CLI, init) may create an admin. */
	admin = svc_mk(fx, "root-admin", "long enough pw", UROLE_ADMIN);
	assert_int_equal(admin->role, UROLE_ADMIN);
	assert_int_equal(crypto_password_verify(admin->password_hash,
	    "long enough pw", 14), 0);

	/* An admin may create a vendor in an organisation, with a one-time password. */
	c.actor = admin;
	in = new_user("vendor1", "one-time password");
	in.role = UROLE_VENDOR;
	in.org_slug = "acme";
	in.email = "V@Example.com";
	in.display_name = "供应商";
	in.must_change_password = true;
	assert_int_equal(svc_user_create(&c, &in, &out, &f), APP_OK);
	assert_int_equal(store_user_by_login(fx->st, fx->a, "vendor1", &got), APP_OK);
	assert_int_equal(got.role, UROLE_VENDOR);
	assert_string_equal(got.org_slug, "acme");
	assert_string_equal(got.display_name, "供应商");
	assert_true(got.must_change_password);
	/* The stored hash is Argon2id of the password, never the password. */
	assert_true(strncmp(got.password_hash, "$argon2id$", 10) == 0);
	assert_int_equal(crypto_password_verify(got.password_hash,
	    "one-time password", 17), 0);

	/* Each creation is audited with its actor. */
	assert_int_equal(store_audit_list(fx->st, fx->a, 0, 100, &log, &n), APP_OK);
	for (i = 0; i < n; i++)
		if (strcmp(log[i].action, "user.create") == 0 &&
		    log[i].actor_id == admin->id &&
		    strstr(log[i].detail, "vendor1") != NULL) {
			seen = true;
			assert_null(strstr(log[i].detail, "one-time password"));
		}
	assert_true(seen);
}

static void
test_store__svc_user_create_conflicts(void **state)
{
	struct fx	*fx = *state;
	struct svc_ctx	 c = fx->c;
	struct user_new	 in;
	struct user	 out;
	struct fault	 f;

	c.system = true;
	in = new_user("alice", "long enough pw");
	in.email = "alice@example.com";
	assert_int_equal(svc_user_create(&c, &in, &out, &f), APP_OK);

	in = new_user("alice", "long enough pw");
	memset(&f, 0, sizeof(f));
	assert_int_equal(svc_user_create(&c, &in, &out, &f), APP_CONFLICT);
	assert_string_equal(f.field, "login");
	assert_int_equal(f.msg, MSG_ERR_LOGIN_TAKEN);

	in = new_user("alice2", "long enough pw");
	in.email = "Alice@EXAMPLE.com";
	memset(&f, 0, sizeof(f));
	assert_int_equal(svc_user_create(&c, &in, &out, &f), APP_CONFLICT);
	assert_string_equal(f.field, "email");
	assert_int_equal(f.msg, MSG_ERR_EMAIL_TAKEN);

	/* The failed attempts left the store usable (no open transaction). */
	in = new_user("alice3", "long enough pw");
	assert_int_equal(svc_user_create(&c, &in, &out, &f), APP_OK);
}

/* svc: login */

static void
test_store__svc_login_wrong_password(void **state)
{
	struct fx		*fx = *state;
	struct login_result	 r;
	struct fault		 f = { 0 };
	struct throttle_count	 cnt;

	svc_mk(fx, "alice", "correct horse battery", UROLE_REPORTER);
	assert_int_equal(svc_login(&fx->c, "alice", "wrong password", 14, &r, &f),
	    APP_UNAUTH);
	assert_int_equal(f.msg, MSG_ERR_LOGIN_FAILED);
	assert_null(r.user);
	assert_string_equal(r.token, "");
	/* Unknown login: the same answer. */
	memset(&f, 0, sizeof(f));
	assert_int_equal(svc_login(&fx->c, "mallory", "whatever", 8, &r, &f), APP_UNAUTH);
	assert_int_equal(f.msg, MSG_ERR_LOGIN_FAILED);
	assert_int_equal(svc_login(&fx->c, "", "whatever", 8, &r, &f), APP_UNAUTH);
	assert_int_equal(svc_login(&fx->c, NULL, "whatever", 8, &r, &f), APP_UNAUTH);
	/* Both failures were counted, per account and per address. */
	assert_int_equal(store_login_failures(fx->st, LOGIN_KEY_ACCOUNT, "alice",
	    NOW - 900, &cnt), APP_OK);
	assert_int_equal(cnt.failures, 1);
	assert_int_equal(store_login_failures(fx->st, LOGIN_KEY_ACCOUNT, "mallory",
	    NOW - 900, &cnt), APP_OK);
	assert_int_equal(cnt.failures, 1);
	assert_int_equal(store_login_failures(fx->st, LOGIN_KEY_ADDRESS, ADDR,
	    NOW - 900, &cnt), APP_OK);
	assert_true(cnt.failures >= 2);
}

static void
test_store__svc_login_success(void **state)
{
	struct fx		*fx = *state;
	struct login_result	 r;
	struct fault		 f = { 0 };
	struct throttle_count	 cnt;
	struct session		 s;
	struct audit_entry	*log;
	char			 hash[CRYPTO_HASH_HEX];
	size_t			 i, n;
	bool			 seen = false;
	struct user		*u = svc_mk(fx, "alice", "correct horse battery", UROLE_REPORTER);

	/* Two failures first... */
	assert_int_equal(svc_login(&fx->c, "alice", "nope", 4, &r, &f), APP_UNAUTH);
	assert_int_equal(svc_login(&fx->c, "alice", "nope", 4, &r, &f), APP_UNAUTH);
	assert_int_equal(store_login_failures(fx->st, LOGIN_KEY_ACCOUNT, "alice",
	    NOW - 900, &cnt), APP_OK);
	assert_int_equal(cnt.failures, 2);

	/* ...then the right password. */
	memset(&f, 0, sizeof(f));
	assert_int_equal(svc_login(&fx->c, "alice", "correct horse battery", 21, &r, &f),
	    APP_OK);
	assert_non_null(r.user);
	assert_int_equal(r.user->id, u->id);
	assert_true(strncmp(r.token, "lds_", 4) == 0);
	assert_int_equal(strlen(r.token), 4 + 43);
	assert_int_equal(strlen(r.csrf), CRYPTO_CSRF_HEX);
	assert_int_equal(r.expires_at, NOW + fx->cfg.session_ttl);

	/* The account's failures are cleared. */
	assert_int_equal(store_login_failures(fx->st, LOGIN_KEY_ACCOUNT, "alice",
	    NOW - 900, &cnt), APP_OK);
	assert_int_equal(cnt.failures, 0);

	/* The session is stored under the token's hash, never the token. */
	crypto_hash_hex(r.token, strlen(r.token), hash);
	assert_int_equal(store_session_get(fx->st, fx->a, hash, NOW, &s), APP_OK);
	assert_int_equal(s.user_id, u->id);
	assert_string_equal(s.csrf, r.csrf);
	assert_int_equal(store_session_get(fx->st, fx->a, r.token, NOW, &s), APP_NOTFOUND);

	/* And audited. */
	assert_int_equal(store_audit_list(fx->st, fx->a, 0, 100, &log, &n), APP_OK);
	for (i = 0; i < n; i++)
		if (strcmp(log[i].action, "session.create") == 0 &&
		    log[i].actor_id == u->id)
			seen = true;
	assert_true(seen);

	/* Logout ends it. */
	fx->c.actor = u;
	assert_int_equal(svc_logout(&fx->c, hash), APP_OK);
	assert_int_equal(store_session_get(fx->st, fx->a, hash, NOW, &s), APP_NOTFOUND);
}

static void
test_store__svc_login_throttled(void **state)
{
	struct fx		*fx = *state;
	struct login_result	 r;
	struct fault		 f = { 0 };
	int			 i;

	svc_mk(fx, "alice", "correct horse battery", UROLE_REPORTER);
	for (i = 0; i < fx->cfg.throttle_account_max; i++) {
		fx->c.now = NOW + i;
		assert_int_equal(svc_login(&fx->c, "alice", "wrong", 5, &r, &f), APP_UNAUTH);
	}
	/* Now even the right password is refused, with a wait. */
	fx->c.now = NOW + 10;
	memset(&f, 0, sizeof(f));
	assert_int_equal(svc_login(&fx->c, "alice", "correct horse battery", 21, &r, &f),
	    APP_THROTTLED);
	assert_int_equal(f.er, APP_THROTTLED);
	assert_int_equal(f.msg, MSG_ERR_THROTTLED);
	assert_true(f.iarg > 0);
	/* The oldest failure (at NOW) leaves the window at NOW + window. */
	assert_int_equal(f.iarg, fx->cfg.throttle_window - 10);
	assert_null(r.user);
	assert_string_equal(r.token, "");

	/* Another account from another address is unaffected. */
	svc_mk(fx, "bob", "correct horse battery", UROLE_REPORTER);
	fx->c.addr = "198.51.100.7";
	assert_int_equal(svc_login(&fx->c, "bob", "correct horse battery", 21, &r, &f),
	    APP_OK);

	/* Once the window has passed, alice may log in again. */
	fx->c.addr = ADDR;
	fx->c.now = NOW + fx->cfg.throttle_window + 1;
	assert_int_equal(svc_login(&fx->c, "alice", "correct horse battery", 21, &r, &f),
	    APP_OK);
}

static void
test_store__svc_login_throttled_by_address(void **state)
{
	struct fx		*fx = *state;
	struct login_result	 r;
	struct fault		 f = { 0 };
	char			 login[16];
	int			 i;

	fx->cfg.throttle_address_max = 3;
	svc_mk(fx, "alice", "correct horse battery", UROLE_REPORTER);
	/* Spread over different logins: the address limit catches it. */
	for (i = 0; i < 3; i++) {
		snprintf(login, sizeof(login), "guess%d", i);
		assert_int_equal(svc_login(&fx->c, login, "x", 1, &r, &f), APP_UNAUTH);
	}
	memset(&f, 0, sizeof(f));
	assert_int_equal(svc_login(&fx->c, "alice", "correct horse battery", 21, &r, &f),
	    APP_THROTTLED);
	assert_true(f.iarg > 0);
	assert_true(f.iarg <= fx->cfg.throttle_window);
}

/* svc: password change */

static void
test_store__svc_password_change(void **state)
{
	struct fx		*fx = *state;
	struct svc_ctx		 c = fx->c;
	struct login_result	 r1, r2;
	struct fault		 f = { 0 };
	struct session		 s;
	struct user		*u;
	char			 h1[CRYPTO_HASH_HEX], h2[CRYPTO_HASH_HEX];

	u = svc_mk(fx, "alice", "old password 1", UROLE_REPORTER);
	assert_int_equal(svc_login(&fx->c, "alice", "old password 1", 14, &r1, &f), APP_OK);
	assert_int_equal(svc_login(&fx->c, "alice", "old password 1", 14, &r2, &f), APP_OK);
	crypto_hash_hex(r1.token, strlen(r1.token), h1);
	crypto_hash_hex(r2.token, strlen(r2.token), h2);

	/* Nobody logged in. */
	assert_int_equal(svc_password_change(&c, "old password 1", 14,
	    "new password 22", 15, h1, &f), APP_UNAUTH);

	c.actor = u;
	/* Wrong current password. */
	memset(&f, 0, sizeof(f));
	assert_int_equal(svc_password_change(&c, "not my password", 15,
	    "new password 22", 15, h1, &f), APP_FORBIDDEN);
	assert_string_equal(f.field, "current_password");
	assert_int_equal(f.msg, MSG_ERR_CURRENT_PASSWORD);
	assert_int_equal(svc_password_change(&c, NULL, 0, "new password 22", 15,
	    h1, &f), APP_FORBIDDEN);
	/* Right current password, new one too short. */
	memset(&f, 0, sizeof(f));
	assert_int_equal(svc_password_change(&c, "old password 1", 14, "short", 5,
	    h1, &f), APP_INVALID);
	assert_string_equal(f.field, "new_password");
	assert_int_equal(f.msg, MSG_ERR_PASSWORD_SHORT);
	assert_int_equal(f.iarg, fx->cfg.password_min_length);
	/* Nothing changed so far: the old password still works. */
	assert_int_equal(svc_login(&fx->c, "alice", "old password 1", 14, &r2, &f), APP_OK);
	crypto_hash_hex(r2.token, strlen(r2.token), h2);

	/* Right. */
	assert_int_equal(svc_password_change(&c, "old password 1", 14,
	    "new password 22", 15, h1, &f), APP_OK);
	/* The kept session lives, the other ends. */
	assert_int_equal(store_session_get(fx->st, fx->a, h1, NOW, &s), APP_OK);
	assert_int_equal(store_session_get(fx->st, fx->a, h2, NOW, &s), APP_NOTFOUND);
	/* The old password no longer works; the new one does. */
	assert_int_equal(svc_login(&fx->c, "alice", "old password 1", 14, &r2, &f),
	    APP_UNAUTH);
	assert_int_equal(svc_login(&fx->c, "alice", "new password 22", 15, &r2, &f),
	    APP_OK);
}

static void
test_store__svc_password_change_clears_must_change(void **state)
{
	struct fx	*fx = *state;
	struct svc_ctx	 c = fx->c;
	struct user_new	 in = new_user("alice", "one-time password");
	struct user	 out, got;
	struct fault	 f = { 0 };

	c.system = true;
	in.must_change_password = true;
	assert_int_equal(svc_user_create(&c, &in, &out, &f), APP_OK);
	assert_int_equal(store_user_by_login(fx->st, fx->a, "alice", &got), APP_OK);
	assert_true(got.must_change_password);
	c.system = false;
	c.actor = &got;
	assert_int_equal(svc_password_change(&c, "one-time password", 17,
	    "my own password", 15, NULL, &f), APP_OK);
	assert_int_equal(store_user_by_login(fx->st, fx->a, "alice", &got), APP_OK);
	assert_false(got.must_change_password);
}

/* svc: organisations and tokens */

static void
test_store__svc_org_create(void **state)
{
	struct fx	*fx = *state;
	struct org	 o;
	struct fault	 f;

	memset(&f, 0, sizeof(f));
	assert_int_equal(svc_org_create(&fx->c, "acme", "Acme", "provider", "XX", &o, &f),
	    APP_INVALID);
	assert_string_equal(f.field, "country");
	assert_int_equal(svc_org_create(&fx->c, "Acme", "Acme", "provider", "CN", &o, &f),
	    APP_INVALID);
	assert_string_equal(f.field, "slug");
	assert_int_equal(svc_org_create(&fx->c, "acme", "Acme", "vendor", "CN", &o, &f),
	    APP_INVALID);
	assert_string_equal(f.field, "kind");
	assert_int_equal(svc_org_create(&fx->c, "acme", "", "provider", "CN", &o, &f),
	    APP_INVALID);
	assert_string_equal(f.field, "name");
	assert_int_equal(svc_org_create(&fx->c, "acme", "Acme", "provider", "CN", &o, &f),
	    APP_OK);
	assert_true(o.id > 0);
	assert_int_equal(svc_org_create(&fx->c, "acme", "Acme 2", "operator", "US", &o, &f),
	    APP_CONFLICT);
	assert_string_equal(f.field, "slug");
	assert_int_equal(f.msg, MSG_ERR_SLUG_TAKEN);
}

static void
test_store__svc_tokens(void **state)
{
	struct fx		*fx = *state;
	struct user		*alice = svc_mk(fx, "alice", "long enough pw", UROLE_REPORTER);
	struct user		*bob = svc_mk(fx, "bob", "long enough pw", UROLE_REPORTER);
	struct api_token	 t, got;
	struct fault		 f = { 0 };
	char			 raw[CRYPTO_TOKEN_MAX], hash[CRYPTO_HASH_HEX];

	fx->c.actor = alice;
	assert_int_equal(svc_token_create(&fx->c, alice->id, NULL, raw, &t, &f), APP_OK);
	assert_true(strncmp(raw, "ldt_", 4) == 0);
	assert_int_equal(strlen(raw), 4 + 43);
	assert_string_equal(t.label, "api");
	crypto_hash_hex(raw, strlen(raw), hash);
	assert_int_equal(store_token_by_hash(fx->st, fx->a, hash, &got), APP_OK);
	assert_int_equal(got.user_id, alice->id);
	/* Only the hash is stored. */
	assert_int_equal(store_token_by_hash(fx->st, fx->a, raw, &got), APP_NOTFOUND);

	memset(&f, 0, sizeof(f));
	assert_int_equal(svc_token_revoke(&fx->c, bob->id, t.id, &f), APP_NOTFOUND);
	assert_string_equal(f.field, "id");
	assert_int_equal(svc_token_revoke(&fx->c, alice->id, t.id, &f), APP_OK);
	assert_int_equal(store_token_by_hash(fx->st, fx->a, hash, &got), APP_NOTFOUND);

	assert_int_equal(svc_token_create(&fx->c, alice->id, "bad\nlabel", raw, &t, &f),
	    APP_INVALID);
	assert_string_equal(f.field, "label");
}

/* A transaction that holds the write lock for a while, on its own thread. */
struct holder {
	struct store	*st;
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	bool		 began;
	enum app_err	 er;
};

static void *
hold_write(void *arg)
{
	struct holder		*h = arg;
	struct timespec		 pause = { 0, 200 * 1000000L };

	h->er = store_begin(h->st);
	pthread_mutex_lock(&h->mu);
	h->began = true;
	pthread_cond_signal(&h->cv);
	pthread_mutex_unlock(&h->mu);
	if (h->er != APP_OK)
		return NULL;
	nanosleep(&pause, NULL);
	if ((h->er = store_audit_add(h->st, 0, "test.hold", "t:1", "", "", NOW)) == APP_OK)
		h->er = store_commit(h->st);
	return NULL;
}

/*
 * A lone write (no transaction) while another connection of the process is
 * inside one waits for it on the process's write lock; SQLite's busy
 * handler alone (10 ms here) would give up with "database is locked".
 */
static void
test_store__lone_write_waits_for_a_transaction(void **state)
{
	struct fx		*fx = *state;
	struct holder		 h;
	struct store		*b;
	struct audit_entry	*rows;
	pthread_t		 t;
	size_t			 n;
	char			 err[512];

	memset(&h, 0, sizeof(h));
	pthread_mutex_init(&h.mu, NULL);
	pthread_cond_init(&h.cv, NULL);
	assert_non_null(h.st = store_open(fx->path, 1000, false, err, sizeof(err)));
	assert_non_null(b = store_open(fx->path, 10, false, err, sizeof(err)));
	assert_int_equal(pthread_create(&t, NULL, hold_write, &h), 0);
	pthread_mutex_lock(&h.mu);
	while (!h.began)
		pthread_cond_wait(&h.cv, &h.mu);
	pthread_mutex_unlock(&h.mu);

	assert_int_equal(store_audit_add(b, 0, "test.lone", "t:2", "", "", NOW), APP_OK);
	pthread_join(t, NULL);
	assert_int_equal(h.er, APP_OK);
	/* Both rows are there, one from each connection. */
	assert_int_equal(store_audit_list(fx->st, fx->a, 0, 10, &rows, &n), APP_OK);
	assert_int_equal(n, 2);
	assert_true((strcmp(rows[0].action, "test.hold") == 0) !=
	    (strcmp(rows[1].action, "test.hold") == 0));
	store_close(b);
	store_close(h.st);
	pthread_cond_destroy(&h.cv);
	pthread_mutex_destroy(&h.mu);
}

#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_store__migrations_once),
		T(test_store__lone_write_waits_for_a_transaction),
		cmocka_unit_test(test_store__open_bad_path),
		T(test_store__org_create_and_get),
		T(test_store__org_duplicate_slug_conflict),
		T(test_store__org_list_pages),
		T(test_store__products),
		T(test_store__user_create_with_org),
		T(test_store__user_without_org),
		T(test_store__user_not_found),
		T(test_store__user_conflict_field),
		T(test_store__user_list_pagination),
		T(test_store__user_set_password),
		T(test_store__session_create_get),
		T(test_store__session_expires),
		T(test_store__session_duplicate_hash),
		T(test_store__session_delete),
		T(test_store__session_delete_user_keeps_one),
		T(test_store__tokens),
		T(test_store__token_hash_unique),
		T(test_store__login_failures),
		T(test_store__audit),
		T(test_store__meta),
		T(test_store__transaction_rollback),
		T(test_store__transaction_commit),
		T(test_store__svc_user_create_validation),
		T(test_store__svc_self_registration_closed),
		T(test_store__svc_self_registration_reporter_only),
		T(test_store__svc_non_admin_actor_cannot_create_others),
		T(test_store__svc_admin_and_system_create_any_role),
		T(test_store__svc_user_create_conflicts),
		T(test_store__svc_login_wrong_password),
		T(test_store__svc_login_success),
		T(test_store__svc_login_throttled),
		T(test_store__svc_login_throttled_by_address),
		T(test_store__svc_password_change),
		T(test_store__svc_password_change_clears_must_change),
		T(test_store__svc_org_create),
		T(test_store__svc_tokens),
	};

	return cmocka_run_group_tests(tests, group_setup, NULL);
}
