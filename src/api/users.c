/* POST /api/v1/users (self-registration); GET/POST /api/v1/admin/users. */
#include <string.h>

#include "api/api.h"
#include "core/config.h"
#include "store/store.h"

enum { P_CURSOR, P_LIMIT };
static const struct param page_params[] = { API_PAGE_PARAMS };

static const char *const register_keys[] = {
	"login", "password", "display_name", "email", NULL
};
static const char *const admin_keys[] = {
	"login", "password", "display_name", "email", "role", "org",
	"must_change_password", NULL
};

/* Read the fields both creation paths share. */
static enum app_err
read_user(struct req *rq, struct user_new *in)
{
	enum app_err	er;

	if ((er = api_str(rq, "login", true, 64, &in->login, NULL)) != APP_OK ||
	    (er = api_str(rq, "password", true, 4 * USER_PASSWORD_MAX_BYTES,
	    &in->password, &in->password_len)) != APP_OK ||
	    (er = api_str(rq, "display_name", false, 512, &in->display_name,
	    NULL)) != APP_OK ||
	    (er = api_str(rq, "email", false, 512, &in->email, NULL)) != APP_OK)
		return er;
	return APP_OK;
}

static enum app_err
create(struct req *rq, struct user_new *in)
{
	struct svc_ctx	c = api_svc(rq);
	struct user	u;
	struct fault	f = { .er = APP_OK };

	if (svc_user_create(&c, in, &u, &f) != APP_OK)
		return req_fault(rq, &f);
	resp_header(rq, "Location", "/api/v1/me");
	return resp_json(rq, 201, api_user_json(&u));
}

static enum app_err
user_register(struct req *rq)
{
	struct user_new	in = { .role = UROLE_REPORTER };
	enum app_err	er;

	if (!rq->cfg->allow_registration)
		return req_deny(rq, "auth.allow_registration", MSG_ERR_REGISTRATION_CLOSED);
	if ((er = api_body_object(rq, register_keys)) != APP_OK ||
	    (er = read_user(rq, &in)) != APP_OK)
		return er;
	return create(rq, &in);
}

static enum app_err
admin_user_create(struct req *rq)
{
	struct user_new	 in = { .must_change_password = true };
	const char	*role;
	int		 r;
	enum app_err	 er;

	if ((er = api_body_object(rq, admin_keys)) != APP_OK ||
	    (er = read_user(rq, &in)) != APP_OK ||
	    (er = api_str(rq, "role", true, 32, &role, NULL)) != APP_OK ||
	    (er = api_str(rq, "org", false, 64, &in.org_slug, NULL)) != APP_OK ||
	    (er = api_bool(rq, "must_change_password", &in.must_change_password)) != APP_OK)
		return er;
	if ((r = user_role_parse(str_from(role))) < 0)
		return req_fail(rq, APP_INVALID, "role", MSG_ERR_ROLE);
	in.role = (enum user_role)r;
	return create(rq, &in);
}

static enum app_err
admin_user_list(struct req *rq)
{
	struct user	*users;
	size_t		 n, i;
	int		 limit = API_PAGE_DEFAULT;
	json_t		*items;
	enum app_err	 er;

	if (req_param(rq, P_LIMIT)->present)
		limit = (int)req_param(rq, P_LIMIT)->i;
	er = store_user_list(rq->store, rq->arena, req_param(rq, P_CURSOR)->i,
	    limit, &users, &n);
	if (er != APP_OK)
		return er;
	items = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(items, api_user_json(&users[i]));	/* steals */
	return resp_json(rq, 200, api_page(items, n, limit, n ? users[n - 1].id : 0));
}

static enum app_err
audit_list(struct req *rq)
{
	struct audit_entry	*e;
	size_t			 n, i;
	int			 limit = API_PAGE_DEFAULT;
	json_t			*items;
	enum app_err		 er;

	if (req_param(rq, P_LIMIT)->present)
		limit = (int)req_param(rq, P_LIMIT)->i;
	er = store_audit_list(rq->store, rq->arena, req_param(rq, P_CURSOR)->i, limit,
	    &e, &n);
	if (er != APP_OK)
		return er;
	items = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(items, json_pack("{s:I, s:o, s:o, s:s, s:s, s:s}",	/* steals */
		    "id", (json_int_t)e[i].id, "at", api_time(e[i].at),
		    "actor_id", e[i].actor_id ? json_integer(e[i].actor_id) : json_null(),
		    "action", e[i].action, "subject", e[i].subject, "detail", e[i].detail));
	return resp_json(rq, 200, api_page(items, n, limit, n ? e[n - 1].id : 0));
}

const struct route api_user_routes[] = {
	{ HTTP_GET, "/api/v1/admin/audit", PERM_AUDIT_READ, 0, PARAMS(page_params), audit_list },
	{ HTTP_POST, "/api/v1/users", PERM_NONE, R_JSON, NOPARAMS, user_register },
	{ HTTP_GET, "/api/v1/admin/users", PERM_USERS_READ, 0, PARAMS(page_params),
	  admin_user_list },
	{ HTTP_POST, "/api/v1/admin/users", PERM_USERS_MANAGE, R_JSON, NOPARAMS,
	  admin_user_create },
};
const size_t api_user_nroutes = sizeof(api_user_routes) / sizeof(api_user_routes[0]);
