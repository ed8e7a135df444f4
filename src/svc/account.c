/*
 * Accounts, sessions, organisations, products and API tokens: each change
 * validated with the domain rules and written with its audit entry in one
 * transaction.
 */
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/log.h"
#include "domain/authz.h"
#include "domain/product.h"
#include "domain/throttle.h"
#include "store/store.h"
#include "svc/svc.h"

static int64_t
actor_id(const struct svc_ctx *c)
{
	return c->actor != NULL ? c->actor->id : 0;
}

/* Commit, or roll back and return the failure. */
static enum app_err
finish(const struct svc_ctx *c, enum app_err er)
{
	if (er == APP_OK && (er = store_commit(c->st)) == APP_OK)
		return APP_OK;
	store_rollback(c->st);
	return er;
}

static bool
empty(const char *s)
{
	return s == NULL || s[0] == '\0';
}

enum app_err
svc_user_create(const struct svc_ctx *c, const struct user_new *in,
    struct user *out, struct fault *f)
{
	struct org	 org;
	char		 hash[CRYPTO_PWHASH_MAX];
	const char	*field = NULL;
	enum msg_id	 m;
	enum app_err	 er;

	memset(out, 0, sizeof(*out));
	if (!c->system && (c->actor == NULL ||
	    !authz_allows(c->actor->role, PERM_USERS_MANAGE))) {
		/* Self-registration: a reporter account and nothing more. */
		if (!c->cfg->allow_registration)
			return fault_set(f, APP_FORBIDDEN, NULL,
			    MSG_ERR_REGISTRATION_CLOSED, 0);
		if (in->role != UROLE_REPORTER || !empty(in->org_slug) ||
		    in->must_change_password)
			return fault_set(f, APP_FORBIDDEN, "role",
			    MSG_ERR_SELF_REGISTER_ROLE, 0);
	}
	if (empty(in->login))
		return fault_set(f, APP_INVALID, "login", MSG_ERR_FIELD_MISSING, 0);
	if ((m = user_login_check(str_from(in->login))) != MSG_OK)
		return fault_set(f, APP_INVALID, "login", m, 0);
	out->display_name = empty(in->display_name) ? in->login : in->display_name;
	if ((m = user_display_name_check(str_from(out->display_name))) != MSG_OK)
		return fault_set(f, APP_INVALID, "display_name", m, 0);
	out->email = empty(in->email) ? "" : in->email;
	if ((m = user_email_check(str_from(out->email))) != MSG_OK)
		return fault_set(f, APP_INVALID, "email", m, 0);
	if ((unsigned)in->role >= UROLE__MAX)
		return fault_set(f, APP_INVALID, "role", MSG_ERR_ROLE, 0);
	if (in->password == NULL)
		return fault_set(f, APP_INVALID, "password", MSG_ERR_FIELD_MISSING, 0);
	m = user_password_check((struct str){ in->password, in->password_len },
	    c->cfg->password_min_length);
	if (m != MSG_OK)
		return fault_set(f, APP_INVALID, "password", m,
		    c->cfg->password_min_length);
	out->login = in->login;
	out->role = in->role;
	out->must_change_password = in->must_change_password;
	if (!empty(in->org_slug)) {
		er = store_org_by_slug(c->st, c->a, in->org_slug, &org);
		if (er == APP_NOTFOUND)
			return fault_set(f, APP_NOTFOUND, "org", MSG_ERR_NO_SUCH_ORG, 0);
		if (er != APP_OK)
			return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
		out->org_id = org.id;
		out->org_slug = org.slug;
	}
	/* Hash before the transaction: Argon2 is slow and must not hold the lock. */
	if (crypto_password_hash(in->password, in->password_len,
	    c->cfg->argon2_opslimit, c->cfg->argon2_memlimit_kib, hash) != 0)
		return fault_set(f, APP_INTERNAL, NULL, MSG_ERR_INTERNAL, 0);
	out->password_hash = arena_strdup(c->a, hash);
	crypto_wipe(hash, sizeof(hash));
	if ((er = store_begin(c->st)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	er = store_user_create(c->st, out, c->now, &field);
	if (er == APP_OK)
		er = store_audit_add(c->st, actor_id(c), "user.create",
		    arena_printf(c->a, "user:%lld", (long long)out->id),
		    arena_printf(c->a, "login=%s role=%s", out->login,
		    user_role_name(out->role)), c->addr, c->now);
	if ((er = finish(c, er)) == APP_OK)
		return APP_OK;
	if (er == APP_CONFLICT && field != NULL && strcmp(field, "email") == 0)
		return fault_set(f, er, "email", MSG_ERR_EMAIL_TAKEN, 0);
	if (er == APP_CONFLICT)
		return fault_set(f, er, "login", MSG_ERR_LOGIN_TAKEN, 0);
	return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
}

/* Count recent failures for both keys and decide. */
static enum app_err
throttle_check(const struct svc_ctx *c, const char *login, int *wait)
{
	struct throttle_rule	 rule = { c->cfg->throttle_window,
				    c->cfg->throttle_account_max,
				    c->cfg->throttle_address_max };
	struct throttle_count	 acc, adr;
	int64_t			 since = c->now - rule.window;
	enum app_err		 er;

	if ((er = store_login_failures(c->st, LOGIN_KEY_ACCOUNT, login, since, &acc)) != APP_OK ||
	    (er = store_login_failures(c->st, LOGIN_KEY_ADDRESS, c->addr, since, &adr)) != APP_OK)
		return er;
	return throttle_allows(&rule, &acc, &adr, c->now, wait) ? APP_OK : APP_THROTTLED;
}

static enum app_err
record_failure(const struct svc_ctx *c, const char *login)
{
	enum app_err	er;

	if ((er = store_begin(c->st)) != APP_OK)
		return er;
	er = store_login_failure_add(c->st, LOGIN_KEY_ACCOUNT, login, c->now);
	if (er == APP_OK)
		er = store_login_failure_add(c->st, LOGIN_KEY_ADDRESS, c->addr, c->now);
	if (er == APP_OK)
		er = store_login_failure_purge(c->st, c->now - c->cfg->throttle_window);
	return finish(c, er);
}

enum app_err
svc_login(const struct svc_ctx *c, const char *login, const char *password,
    size_t password_len, struct login_result *out, struct fault *f)
{
	struct session	 s;
	char		 hash[CRYPTO_HASH_HEX];
	int		 wait = 0;
	bool		 found;
	enum app_err	 er;

	memset(out, 0, sizeof(*out));
	if (login == NULL || login[0] == '\0' || strlen(login) > 64)
		return fault_set(f, APP_UNAUTH, "login", MSG_ERR_LOGIN_FAILED, 0);
	if (password_len > USER_PASSWORD_MAX_BYTES)
		return fault_set(f, APP_UNAUTH, "password", MSG_ERR_LOGIN_FAILED, 0);
	if ((er = throttle_check(c, login, &wait)) == APP_THROTTLED) {
		log_info("event=login_throttled addr=%s wait=%d", c->addr, wait);
		return fault_set(f, APP_THROTTLED, NULL, MSG_ERR_THROTTLED, wait);
	}
	if (er != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	out->user = arena_zalloc(c->a, sizeof(*out->user));
	er = store_user_by_login(c->st, c->a, login, out->user);
	if (er != APP_OK && er != APP_NOTFOUND)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	found = er == APP_OK;
	if (!found)
		crypto_password_dummy_verify(password, password_len,
		    c->cfg->argon2_opslimit, c->cfg->argon2_memlimit_kib);
	if (!found || crypto_password_verify(out->user->password_hash, password,
	    password_len) != 0) {
		if ((er = record_failure(c, login)) != APP_OK)
			return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
		log_info("event=login_failed addr=%s", c->addr);
		out->user = NULL;
		return fault_set(f, APP_UNAUTH, NULL, MSG_ERR_LOGIN_FAILED, 0);
	}
	if (out->user->disabled) {
		out->user = NULL;
		return fault_set(f, APP_FORBIDDEN, NULL, MSG_ERR_DISABLED, 0);
	}
	crypto_token_new(AUTH_SESSION_TOKEN_PREFIX, out->token);
	crypto_hash_hex(out->token, strlen(out->token), hash);
	crypto_random_hex(out->csrf, CRYPTO_CSRF_HEX / 2);
	s.user_id = out->user->id;
	s.csrf = out->csrf;
	s.created_at = c->now;
	s.expires_at = out->expires_at = c->now + c->cfg->session_ttl;
	if ((er = store_begin(c->st)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	er = store_session_create(c->st, hash, &s);
	if (er == APP_OK)
		er = store_login_failure_clear(c->st, LOGIN_KEY_ACCOUNT, login);
	if (er == APP_OK)
		er = store_session_purge(c->st, c->now);
	if (er == APP_OK)
		er = store_audit_add(c->st, out->user->id, "session.create",
		    arena_printf(c->a, "user:%lld", (long long)out->user->id), "",
		    c->addr, c->now);
	if ((er = finish(c, er)) != APP_OK) {
		crypto_wipe(out->token, sizeof(out->token));
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	}
	return APP_OK;
}

enum app_err
svc_logout(const struct svc_ctx *c, const char *session_hash)
{
	enum app_err	er;

	if (session_hash == NULL)
		return APP_OK;
	if ((er = store_begin(c->st)) != APP_OK)
		return er;
	er = store_session_delete(c->st, session_hash);
	if (er == APP_OK)
		er = store_audit_add(c->st, actor_id(c), "session.delete",
		    arena_printf(c->a, "user:%lld", (long long)actor_id(c)), "",
		    c->addr, c->now);
	return finish(c, er);
}

enum app_err
svc_password_change(const struct svc_ctx *c, const char *current,
    size_t current_len, const char *next, size_t next_len,
    const char *keep_session_hash, struct fault *f)
{
	char		hash[CRYPTO_PWHASH_MAX];
	enum msg_id	m;
	enum app_err	er;

	if (c->actor == NULL)
		return fault_set(f, APP_UNAUTH, NULL, MSG_ERR_NEED_LOGIN, 0);
	if (current == NULL || crypto_password_verify(c->actor->password_hash,
	    current, current_len) != 0)
		return fault_set(f, APP_FORBIDDEN, "current_password",
		    MSG_ERR_CURRENT_PASSWORD, 0);
	if (next == NULL)
		return fault_set(f, APP_INVALID, "new_password", MSG_ERR_FIELD_MISSING, 0);
	m = user_password_check((struct str){ next, next_len },
	    c->cfg->password_min_length);
	if (m != MSG_OK)
		return fault_set(f, APP_INVALID, "new_password", m,
		    c->cfg->password_min_length);
	if (crypto_password_hash(next, next_len, c->cfg->argon2_opslimit,
	    c->cfg->argon2_memlimit_kib, hash) != 0)
		return fault_set(f, APP_INTERNAL, NULL, MSG_ERR_INTERNAL, 0);
	if ((er = store_begin(c->st)) != APP_OK)
		goto out;
	er = store_user_set_password(c->st, c->actor->id, hash, false, c->now);
	if (er == APP_OK)
		er = store_session_delete_user(c->st, c->actor->id, keep_session_hash);
	if (er == APP_OK)
		er = store_audit_add(c->st, c->actor->id, "user.password",
		    arena_printf(c->a, "user:%lld", (long long)c->actor->id), "",
		    c->addr, c->now);
	er = finish(c, er);
out:
	crypto_wipe(hash, sizeof(hash));
	if (er != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	return APP_OK;
}

enum app_err
svc_org_create(const struct svc_ctx *c, const char *slug, const char *name,
    const char *kind, const char *country, struct org *out, struct fault *f)
{
	enum msg_id	m;
	enum app_err	er;
	int		k;

	memset(out, 0, sizeof(*out));
	if (slug == NULL || (m = org_slug_check(str_from(slug))) != MSG_OK)
		return fault_set(f, APP_INVALID, "slug", MSG_ERR_SLUG_FORMAT, 0);
	if (name == NULL || (m = org_name_check(str_from(name))) != MSG_OK)
		return fault_set(f, APP_INVALID, "name", MSG_ERR_ORG_NAME, 0);
	if (kind == NULL || (k = org_kind_parse(str_from(kind))) < 0)
		return fault_set(f, APP_INVALID, "kind", MSG_ERR_ORG_KIND, 0);
	if (country == NULL || org_country_check(str_from(country)) != MSG_OK)
		return fault_set(f, APP_INVALID, "country", MSG_ERR_COUNTRY, 0);
	out->slug = slug;
	out->name = name;
	out->kind = (enum org_kind)k;
	memcpy(out->country, country, 3);
	if ((er = store_begin(c->st)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	er = store_org_create(c->st, out, c->now);
	if (er == APP_OK)
		er = store_audit_add(c->st, actor_id(c), "org.create",
		    arena_printf(c->a, "org:%lld", (long long)out->id),
		    arena_printf(c->a, "slug=%s kind=%s country=%s", slug, kind, country),
		    c->addr, c->now);
	if ((er = finish(c, er)) == APP_CONFLICT)
		return fault_set(f, er, "slug", MSG_ERR_SLUG_TAKEN, 0);
	if (er != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	return APP_OK;
}

enum app_err
svc_product_create(const struct svc_ctx *c, const char *org_slug,
    const char *name, const char *model, const char *versions,
    const char *cpe, const char *purl, struct product *out, struct fault *f)
{
	struct org	org;
	enum msg_id	m;
	enum app_err	er;

	memset(out, 0, sizeof(*out));
	if (org_slug == NULL)
		return fault_set(f, APP_INVALID, "org", MSG_ERR_FIELD_MISSING, 0);
	if ((er = store_org_by_slug(c->st, c->a, org_slug, &org)) == APP_NOTFOUND)
		return fault_set(f, er, "org", MSG_ERR_NO_SUCH_ORG, 0);
	if (er != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	if (name == NULL || org_name_check(str_from(name)) != MSG_OK)
		return fault_set(f, APP_INVALID, "name", MSG_ERR_NAME_FORMAT, 0);
	if (model != NULL && model[0] != '\0' && org_name_check(str_from(model)) != MSG_OK)
		return fault_set(f, APP_INVALID, "model", MSG_ERR_NAME_FORMAT, 0);
	if (versions != NULL && strlen(versions) > 1024)
		return fault_set(f, APP_INVALID, "versions", MSG_ERR_FIELD_TOO_LONG, 0);
	if (!empty(cpe) && (m = product_cpe_check(str_from(cpe))) != MSG_OK)
		return fault_set(f, APP_INVALID, "cpe", m, 0);
	if (!empty(purl) && (m = product_purl_check(str_from(purl))) != MSG_OK)
		return fault_set(f, APP_INVALID, "purl", m, 0);
	out->org_id = org.id;
	out->name = name;
	out->model = model ? model : "";
	out->versions = versions ? versions : "";
	out->cpe = cpe ? cpe : "";
	out->purl = purl ? purl : "";
	out->org_slug = org.slug;
	out->org_name = org.name;
	if ((er = store_begin(c->st)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	er = store_product_create(c->st, out, c->now);
	if (er == APP_OK)
		er = store_audit_add(c->st, actor_id(c), "product.create",
		    arena_printf(c->a, "product:%lld", (long long)out->id),
		    arena_printf(c->a, "org=%s", org_slug), c->addr, c->now);
	if ((er = finish(c, er)) == APP_CONFLICT)
		return fault_set(f, er, "name", MSG_ERR_FIELD_CHOICE, 0);
	if (er != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	return APP_OK;
}

enum app_err
svc_token_create(const struct svc_ctx *c, int64_t user_id, const char *label,
    char raw[CRYPTO_TOKEN_MAX], struct api_token *out, struct fault *f)
{
	char		hash[CRYPTO_HASH_HEX];
	enum app_err	er;

	memset(out, 0, sizeof(*out));
	if (label == NULL || label[0] == '\0')
		label = "api";
	if (user_display_name_check(str_from(label)) != MSG_OK)
		return fault_set(f, APP_INVALID, "label", MSG_ERR_NAME_FORMAT, 0);
	crypto_token_new(AUTH_API_TOKEN_PREFIX, raw);
	crypto_hash_hex(raw, strlen(raw), hash);
	out->user_id = user_id;
	out->label = label;
	out->created_at = c->now;
	if ((er = store_begin(c->st)) != APP_OK)
		goto fail;
	er = store_token_create(c->st, out, hash);
	if (er == APP_OK)
		er = store_audit_add(c->st, actor_id(c), "token.create",
		    arena_printf(c->a, "token:%lld", (long long)out->id),
		    arena_printf(c->a, "user=%lld", (long long)user_id), c->addr, c->now);
	if ((er = finish(c, er)) == APP_OK)
		return APP_OK;
fail:
	crypto_wipe(raw, CRYPTO_TOKEN_MAX);
	return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
}

enum app_err
svc_token_revoke(const struct svc_ctx *c, int64_t user_id, int64_t token_id,
    struct fault *f)
{
	enum app_err	er;

	if ((er = store_begin(c->st)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	er = store_token_revoke(c->st, user_id, token_id, c->now);
	if (er == APP_OK)
		er = store_audit_add(c->st, actor_id(c), "token.revoke",
		    arena_printf(c->a, "token:%lld", (long long)token_id),
		    arena_printf(c->a, "user=%lld", (long long)user_id), c->addr, c->now);
	if ((er = finish(c, er)) == APP_NOTFOUND)
		return fault_set(f, er, "id", MSG_ERR_NO_SUCH_TOKEN, 0);
	if (er != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	return APP_OK;
}
