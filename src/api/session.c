/* POST/DELETE /api/v1/session, GET /api/v1/me, POST /api/v1/me/password. */
#include <string.h>

#include "api/api.h"
#include "core/config.h"
#include "crypto/crypto.h"
#include "http/auth.h"

static const char *const login_keys[] = { "login", "password", NULL };

static enum app_err
session_create(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct login_result	 res;
	struct fault		 f = { .er = APP_OK };
	const char		*login, *pw;
	size_t			 pwlen;
	json_t			*o;
	enum app_err		 er;

	if ((er = api_body_object(rq, login_keys)) != APP_OK ||
	    (er = api_str(rq, "login", true, 64, &login, NULL)) != APP_OK ||
	    (er = api_str(rq, "password", true, USER_PASSWORD_MAX_BYTES, &pw,
	    &pwlen)) != APP_OK)
		return er;
	if (svc_login(&c, login, pw, pwlen, &res, &f) != APP_OK)
		return req_fault(rq, &f);
	resp_cookie(rq, AUTH_COOKIE_SESSION, res.token, rq->cfg->session_ttl);
	crypto_wipe(res.token, sizeof(res.token));
	o = json_pack("{s:o, s:s, s:o}",
	    "user", api_user_json(res.user),
	    "csrf_token", res.csrf,
	    "expires_at", api_time(res.expires_at));
	return resp_json(rq, 201, o);
}

static enum app_err
session_delete(struct req *rq)
{
	struct svc_ctx	c = api_svc(rq);
	enum app_err	er;

	if (rq->via != AUTH_SESSION)
		return req_fail(rq, APP_INVALID, NULL, MSG_ERR_NEED_LOGIN);
	if ((er = svc_logout(&c, rq->session_hash)) != APP_OK)
		return er;
	resp_cookie(rq, AUTH_COOKIE_SESSION, "", 0);
	rq->status = 204;
	rq->ctype = NULL;
	return APP_OK;
}

static enum app_err
me_get(struct req *rq)
{
	json_t	*o;

	o = json_pack("{s:o, s:s}", "user", api_user_json(rq->user),
	    "auth", rq->via == AUTH_SESSION ? "session" : "token");
	if (rq->via == AUTH_SESSION)
		json_object_set_new(o, "csrf_token", json_string(rq->csrf));	/* steals */
	return resp_json(rq, 200, o);
}

static const char *const password_keys[] = { "current_password", "new_password", NULL };

static enum app_err
me_password(struct req *rq)
{
	struct svc_ctx	 c = api_svc(rq);
	struct fault	 f = { .er = APP_OK };
	const char	*cur, *next;
	size_t		 curlen, nextlen;
	enum app_err	 er;

	if ((er = api_body_object(rq, password_keys)) != APP_OK ||
	    (er = api_str(rq, "current_password", true, USER_PASSWORD_MAX_BYTES,
	    &cur, &curlen)) != APP_OK ||
	    (er = api_str(rq, "new_password", true, 4 * USER_PASSWORD_MAX_BYTES,
	    &next, &nextlen)) != APP_OK)
		return er;
	if (svc_password_change(&c, cur, curlen, next, nextlen, rq->session_hash,
	    &f) != APP_OK)
		return req_fault(rq, &f);
	rq->status = 204;
	rq->ctype = NULL;
	return APP_OK;
}

const struct route api_session_routes[] = {
	{ HTTP_POST, "/api/v1/session", PERM_NONE, R_JSON, NOPARAMS, session_create },
	{ HTTP_DELETE, "/api/v1/session", PERM_ACCOUNT, R_PWCHANGE_OK, NOPARAMS,
	  session_delete },
	{ HTTP_GET, "/api/v1/me", PERM_ACCOUNT, R_PWCHANGE_OK, NOPARAMS, me_get },
	{ HTTP_POST, "/api/v1/me/password", PERM_ACCOUNT, R_JSON | R_PWCHANGE_OK,
	  NOPARAMS, me_password },
};
const size_t api_session_nroutes = sizeof(api_session_routes) / sizeof(api_session_routes[0]);
