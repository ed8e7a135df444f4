/* GET/POST /api/v1/tokens, DELETE /api/v1/tokens/{id}: the caller's API tokens. */
#include "api/api.h"
#include "crypto/crypto.h"
#include "store/store.h"

enum { P_ID };
static const struct param id_params[] = {
	{ "id", PARAM_I64, 1, INT64_MAX, true },	/* P_ID */
};

static const char *const token_keys[] = { "label", NULL };

static enum app_err
token_list(struct req *rq)
{
	struct api_token	*t;
	size_t			 n, i;
	json_t			*items;
	enum app_err		 er;

	if ((er = store_token_list(rq->store, rq->arena, rq->user->id, &t, &n)) != APP_OK)
		return er;
	items = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(items, api_token_json(&t[i]));	/* steals */
	return resp_json(rq, 200, json_pack("{s:o}", "items", items));
}

static enum app_err
token_create(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct api_token	 t;
	struct fault		 f = { .er = APP_OK };
	char			 raw[CRYPTO_TOKEN_MAX];
	const char		*label = NULL;
	json_t			*o;
	enum app_err		 er;

	if (rq->json != NULL && (er = api_body_object(rq, token_keys)) != APP_OK)
		return er;
	if (rq->json != NULL && (er = api_str(rq, "label", false, 256, &label,
	    NULL)) != APP_OK)
		return er;
	if (svc_token_create(&c, rq->user->id, label, raw, &t, &f) != APP_OK)
		return req_fault(rq, &f);
	o = api_token_json(&t);
	/* The one time the token is shown; only its hash is kept. */
	json_object_set_new(o, "token", json_string(raw));	/* steals */
	crypto_wipe(raw, sizeof(raw));
	return resp_json(rq, 201, o);
}

static enum app_err
token_revoke(struct req *rq)
{
	struct svc_ctx	c = api_svc(rq);
	struct fault	f = { .er = APP_OK };

	if (svc_token_revoke(&c, rq->user->id, req_param(rq, P_ID)->i, &f) != APP_OK)
		return req_fault(rq, &f);
	rq->status = 204;
	rq->ctype = NULL;
	return APP_OK;
}

const struct route api_token_routes[] = {
	{ HTTP_GET, "/api/v1/tokens", PERM_ACCOUNT, 0, NOPARAMS, token_list },
	{ HTTP_POST, "/api/v1/tokens", PERM_ACCOUNT, R_JSON, NOPARAMS, token_create },
	{ HTTP_DELETE, "/api/v1/tokens/{id}", PERM_ACCOUNT, 0, PARAMS(id_params),
	  token_revoke },
};
const size_t api_token_nroutes = sizeof(api_token_routes) / sizeof(api_token_routes[0]);
