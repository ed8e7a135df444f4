/*
 * Who is asking, and may they: session cookies, bearer tokens, CSRF, and the
 * route's permission.  Secrets are compared only as SHA-256 hashes looked up
 * in the store, or with crypto_memeq.
 */
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/log.h"
#include "crypto/crypto.h"
#include "http/auth.h"
#include "http/http_int.h"
#include "store/store.h"

/* Re-stamp a token's last use at most this often (seconds): saves writes. */
#define TOKEN_TOUCH_INTERVAL	60

static bool
csrf_well_formed(const char *s)
{
	size_t	i;

	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return i == CRYPTO_CSRF_HEX;
}

static enum app_err
load_user(struct req *rq, int64_t id)
{
	struct user	*u = ARENA_NEW(rq->arena, struct user);
	enum app_err	 er;

	if ((er = store_user_by_id(rq->store, rq->arena, id, u)) != APP_OK)
		return er;
	if (u->disabled)
		return APP_NOTFOUND;
	rq->user = u;
	return APP_OK;
}

static enum app_err
resolve_bearer(struct req *rq, const char *authz)
{
	struct api_token	*t;
	char			 hash[CRYPTO_HASH_HEX];
	const char		*tok;
	enum app_err		 er;

	if (strncasecmp(authz, "Bearer ", 7) != 0)
		return req_fail(rq, APP_UNAUTH, "Authorization", MSG_ERR_BAD_TOKEN);
	tok = authz + 7;
	while (*tok == ' ')
		tok++;
	if (strlen(tok) >= CRYPTO_TOKEN_MAX || strncmp(tok, AUTH_API_TOKEN_PREFIX,
	    strlen(AUTH_API_TOKEN_PREFIX)) != 0)
		return req_fail(rq, APP_UNAUTH, "Authorization", MSG_ERR_BAD_TOKEN);
	crypto_hash_hex(tok, strlen(tok), hash);
	t = ARENA_NEW(rq->arena, struct api_token);
	er = store_token_by_hash(rq->store, rq->arena, hash, t);
	if (er == APP_NOTFOUND)
		return req_fail(rq, APP_UNAUTH, "Authorization", MSG_ERR_BAD_TOKEN);
	if (er != APP_OK)
		return er;
	if ((er = load_user(rq, t->user_id)) == APP_NOTFOUND)
		return req_fail(rq, APP_UNAUTH, "Authorization", MSG_ERR_BAD_TOKEN);
	if (er != APP_OK)
		return er;
	if (rq->now - t->last_used_at >= TOKEN_TOUCH_INTERVAL)
		(void)store_token_touch(rq->store, t->id, rq->now);
	rq->via = AUTH_TOKEN;
	return APP_OK;
}

static enum app_err
resolve_session(struct req *rq, const char *cookie)
{
	struct session	*s;
	char		 hash[CRYPTO_HASH_HEX];
	enum app_err	 er;

	if (strlen(cookie) >= CRYPTO_TOKEN_MAX)
		return APP_NOTFOUND;
	crypto_hash_hex(cookie, strlen(cookie), hash);
	s = ARENA_NEW(rq->arena, struct session);
	if ((er = store_session_get(rq->store, rq->arena, hash, rq->now, s)) != APP_OK)
		return er;
	if ((er = load_user(rq, s->user_id)) != APP_OK)
		return er;
	rq->via = AUTH_SESSION;
	rq->session = s;
	rq->session_hash = arena_strdup(rq->arena, hash);
	rq->csrf = s->csrf;
	return APP_OK;
}

enum app_err
auth_resolve(struct req *rq)
{
	const char	*authz, *cookie;
	char		 fresh[CRYPTO_CSRF_HEX + 1];
	enum app_err	 er;

	rq->via = AUTH_NONE;
	if ((authz = req_header(rq, "Authorization")) != NULL)
		return resolve_bearer(rq, authz);
	if ((cookie = req_cookie(rq, AUTH_COOKIE_SESSION)) != NULL) {
		er = resolve_session(rq, cookie);
		if (er == APP_OK)
			return APP_OK;
		if (er != APP_NOTFOUND)
			return er;
		/* Expired or logged out elsewhere: forget the cookie, go on anonymous. */
		rq->user = NULL;
		resp_cookie(rq, AUTH_COOKIE_SESSION, "", 0);
	}
	/*
	 * Anonymous forms (login, register) are protected by a double-submit
	 * token: a random cookie that the form must echo.
	 */
	if ((cookie = req_cookie(rq, AUTH_COOKIE_CSRF)) != NULL &&
	    csrf_well_formed(cookie))
		rq->csrf = arena_strdup(rq->arena, cookie);
	else if (rq->route != NULL && (rq->route->flags & R_WEB)) {
		crypto_random_hex(fresh, CRYPTO_CSRF_HEX / 2);
		rq->csrf = arena_strdup(rq->arena, fresh);
		resp_cookie(rq, AUTH_COOKIE_CSRF, fresh, rq->cfg->session_ttl);
	}
	return APP_OK;
}

enum app_err
auth_authorize(struct req *rq)
{
	char	roles[128];

	if (rq->route->perm == PERM_NONE)
		return APP_OK;
	if (rq->user == NULL)
		return req_fail(rq, APP_UNAUTH, NULL, MSG_ERR_NEED_LOGIN);
	if (!authz_allows(rq->user->role, rq->route->perm)) {
		authz_roles_for(rq->route->perm, roles, sizeof(roles));
		return req_deny(rq, AUTH_RULE_ROLE, MSG_ERR_ROLE_DENIED,
		    user_role_name(rq->user->role), roles);
	}
	if (rq->via == AUTH_SESSION && rq->user->must_change_password &&
	    !(rq->route->flags & R_PWCHANGE_OK))
		return req_deny(rq, AUTH_RULE_PWCHANGE, MSG_ERR_PASSWORD_CHANGE_REQUIRED);
	return APP_OK;
}

enum app_err
auth_check_csrf(struct req *rq, const struct str *form_csrf)
{
	const char	*given = NULL;
	size_t		 n = 0;

	if (rq->method == HTTP_GET || rq->method == HTTP_HEAD)
		return APP_OK;
	if (rq->via == AUTH_TOKEN)
		return APP_OK;	/* not sent by browsers on their own */
	/*
	 * An anonymous JSON request needs no token: it had to carry
	 * Content-Type: application/json, which a cross-site page cannot send
	 * without a CORS preflight that this server never grants.
	 */
	if (rq->via == AUTH_NONE && rq->json_body)
		return APP_OK;
	if (form_csrf != NULL) {
		given = form_csrf->p;
		n = form_csrf->n;
	} else if ((given = req_header(rq, "X-CSRF-Token")) != NULL)
		n = strlen(given);
	if (rq->csrf == NULL || given == NULL || n != strlen(rq->csrf) ||
	    !crypto_memeq(given, rq->csrf, n))
		return req_deny(rq, AUTH_RULE_CSRF, MSG_ERR_CSRF);
	return APP_OK;
}
