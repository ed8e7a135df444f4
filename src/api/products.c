/*
 * Products and the supply chain (Art. 7(1), R4): GET /api/v1/products
 * (a picker's search), /api/v1/products/{id} with its components and the
 * products that include it, POST .../components; a case's products and
 * GET /api/v1/cases/{id}/supply-chain, the proposals of whom to notify.
 */
#include <string.h>

#include "api/api.h"
#include "core/arena.h"
#include "core/sbuf.h"
#include "svc/apps.h"
#include "svc/products.h"

/* {id, name, model, org} */
static json_t *
product_brief(const struct product *p)
{
	return json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)p->id, "name", p->name,
	    "model", p->model, "org", p->org_slug != NULL ? p->org_slug : "");
}

static json_t *
link_json(const struct product_link *l)
{
	json_t	*o = product_brief(&l->p);

	json_object_set_new(o, "org_name", json_string(l->p.org_name));	/* steals */
	json_object_set_new(o, "versions", json_string(l->versions));	/* steals */
	json_object_set_new(o, "depth", json_integer(l->depth));	/* steals */
	json_object_set_new(o, "via", json_integer(l->via));	/* steals */
	return o;
}

/* A positive integer member (an id): APP_OK with *out, or a 400 naming key. */
static enum app_err
api_id(struct req *rq, const char *key, int64_t *out)
{
	json_t	*v = json_object_get(rq->json, key);

	if (v == NULL || json_is_null(v))
		return req_fail(rq, APP_INVALID, key, MSG_ERR_FIELD_MISSING);
	if (!json_is_integer(v) || json_integer_value(v) < 1)
		return req_fail(rq, APP_INVALID, key, MSG_ERR_FIELD_NUMBER);
	*out = (int64_t)json_integer_value(v);
	return APP_OK;
}

enum { S_ORG, S_Q, S_LIMIT };
static const struct param search_params[] = {
	{ "org", PARAM_TEXT, 1, 40, false },				/* S_ORG */
	{ "q", PARAM_TEXT, 1, 100, false },				/* S_Q */
	{ "limit", PARAM_I64, 1, PRODUCT_SEARCH_MAX, false },		/* S_LIMIT */
};

static enum app_err
products_search(struct req *rq)
{
	struct svc_ctx	 c = api_svc(rq);
	struct product	*p;
	struct fault	 f = { .er = APP_OK };
	size_t		 n, i;
	int		 limit = PRODUCT_SEARCH_DEFAULT;
	json_t		*items;

	if (req_param(rq, S_LIMIT)->present)
		limit = (int)req_param(rq, S_LIMIT)->i;
	if (svc_product_search(&c, req_param(rq, S_ORG)->present ?
	    req_param(rq, S_ORG)->s.p : NULL, req_param(rq, S_Q)->present ?
	    req_param(rq, S_Q)->s.p : NULL, limit, &p, &n, &f) != APP_OK)
		return req_fault(rq, &f);
	items = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(items, api_product_json(&p[i]));	/* steals */
	return resp_json(rq, 200, json_pack("{s:o}", "items", items));
}

/* A product's app fields as members of o (the name is the product's: not repeated). */
static void
app_members(json_t *o, const struct appinfo *app)
{
	int	i;

	for (i = 0; i < AF__MAX; i++)
		if (i != AF_NAME && i != AF_VERSION)
			json_object_set_new(o, app_fields[i].key,	/* steals */
			    json_string(appinfo_get(app, (enum app_field)i)));
}

enum { P_ID };
static const struct param product_params[] = {
	{ "id", PARAM_I64, 1, INT64_MAX, true },	/* P_ID */
};

static enum app_err
product_get(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct product		 p;
	struct product_link	*comp, *users;
	struct appinfo		 app;
	struct fault		 f = { .er = APP_OK };
	size_t			 ncomp, nusers, i;
	json_t			*o, *a, *b;

	if (svc_product_get(&c, req_param(rq, P_ID)->i, &p, &comp, &ncomp, &users, &nusers,
	    &f) != APP_OK)
		return req_fault(rq, &f);
	o = api_product_json(&p);
	/* The app it is (issue 9): package, platform, store, developer. */
	if (svc_product_app_get(&c, p.id, &app, &f) != APP_OK) {
		json_decref(o);
		return req_fault(rq, &f);
	}
	app_members(o, &app);
	a = json_array();
	for (i = 0; i < ncomp; i++)
		json_array_append_new(a, link_json(&comp[i]));	/* steals */
	b = json_array();
	for (i = 0; i < nusers; i++)
		json_array_append_new(b, link_json(&users[i]));	/* steals */
	json_object_set_new(o, "components", a);	/* steals */
	json_object_set_new(o, "used_by", b);	/* steals */
	return resp_json(rq, 200, o);
}

static const char *const app_keys[] = { "app_package", "app_platform", "app_store",
	"app_developer", NULL };

/* PUT /api/v1/products/{id}/app: the app a product is (issue 9); absent members are emptied. */
static enum app_err
product_app_put(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct fault		 f = { .er = APP_OK };
	struct appinfo		 app;
	struct app_problem	 pr[AF__MAX];
	size_t			 np = 0, i;
	json_t			*o;
	enum app_err		 er;

	memset(&app, 0, sizeof(app));
	if ((er = api_body_object(rq, app_keys)) != APP_OK)
		return er;
	for (i = 0; app_keys[i] != NULL; i++) {
		int	k = app_field_parse(str_from(app_keys[i]));

		if ((er = api_str(rq, app_keys[i], false, app_fields[k].max * 4,
		    &app.v[k], NULL)) != APP_OK)
			return er;
	}
	if (svc_product_app_set(&c, req_param(rq, P_ID)->i, &app, pr, &np, &f) != APP_OK) {
		for (i = 0; i < np; i++)
			req_field_error(rq, app_fields[pr[i].field].key, pr[i].msg);
		return req_fault(rq, &f);
	}
	if (svc_product_app_get(&c, req_param(rq, P_ID)->i, &app, &f) != APP_OK)
		return req_fault(rq, &f);
	o = json_pack("{s:I}", "id", (json_int_t)req_param(rq, P_ID)->i);
	app_members(o, &app);
	return resp_json(rq, 200, o);
}

static const char *const component_keys[] = { "component", "versions", NULL };

static enum app_err
product_component_add(struct req *rq)
{
	struct svc_ctx	 c = api_svc(rq);
	struct fault	 f = { .er = APP_OK };
	const char	*versions;
	int64_t		 comp = 0;
	enum app_err	 er;

	if ((er = api_body_object(rq, component_keys)) != APP_OK ||
	    (er = api_id(rq, "component", &comp)) != APP_OK ||
	    (er = api_str(rq, "versions", false, PRODUCT_VERSIONS_MAX, &versions, NULL)) !=
	    APP_OK)
		return er;
	if (svc_product_component_add(&c, req_param(rq, P_ID)->i, comp, versions, &f) !=
	    APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 201, json_pack("{s:I, s:I, s:s}", "product",
	    (json_int_t)req_param(rq, P_ID)->i, "component", (json_int_t)comp,
	    "versions", versions != NULL ? versions : ""));
}

enum { C_ID };
static const struct param case_params[] = {
	{ "id", PARAM_TEXT, 1, 64, true },	/* C_ID */
};

static const char *const case_product_keys[] = { "product", "versions", "upstream", NULL };

static enum app_err
case_product_add(struct req *rq)
{
	struct svc_ctx	 c = api_svc(rq);
	struct fault	 f = { .er = APP_OK };
	const char	*versions;
	int64_t		 product = 0;
	bool		 upstream = false;
	enum app_err	 er;

	if ((er = api_body_object(rq, case_product_keys)) != APP_OK ||
	    (er = api_id(rq, "product", &product)) != APP_OK ||
	    (er = api_str(rq, "versions", false, PRODUCT_VERSIONS_MAX, &versions, NULL)) !=
	    APP_OK ||
	    (er = api_bool(rq, "upstream", &upstream)) != APP_OK)
		return er;
	if (svc_case_product_add(&c, req_param(rq, C_ID)->s.p, product, versions, upstream,
	    &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 201, json_pack("{s:s, s:I, s:s, s:b}", "case",
	    req_param(rq, C_ID)->s.p, "product", (json_int_t)product,
	    "versions", versions != NULL ? versions : "", "upstream", upstream));
}

static enum app_err
case_products(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct case_product	*cp;
	struct fault		 f = { .er = APP_OK };
	size_t			 n, i;
	json_t			*items;

	if (svc_case_products(&c, req_param(rq, C_ID)->s.p, &cp, &n, &f) != APP_OK)
		return req_fault(rq, &f);
	items = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(items, json_pack("{s:o, s:s, s:b, s:o}",	/* steals */
		    "product", api_product_json(&cp[i].p), "versions", cp[i].versions,
		    "upstream", cp[i].upstream, "added_at", api_time(cp[i].added_at)));
	return resp_json(rq, 200, json_pack("{s:s, s:o}", "case", req_param(rq, C_ID)->s.p,
	    "items", items));
}

/* {reason, product, path: [{id, name, model, org}], path_text: "A → B"} */
static json_t *
why_json(struct req *rq, const struct supply_why *w)
{
	struct sbuf	 text;
	json_t		*path;
	size_t		 i;

	sbuf_init(&text, rq->arena, 4096);
	path = json_array();
	for (i = 0; i < w->npath; i++) {
		json_array_append_new(path, product_brief(w->path[i]));	/* steals */
		sbuf_addf(&text, "%s%s", i > 0 ? " → " : "", w->path[i]->name);
	}
	return json_pack("{s:s, s:I, s:o, s:s}", "reason", supply_reason_name(w->reason),
	    "product", (json_int_t)w->product->id, "path", path,	/* steals */
	    "path_text", text.buf);
}

static json_t *
proposal_json(struct req *rq, const struct supply_proposal *p)
{
	json_t	*products, *why;
	size_t	 i;

	products = json_array();
	for (i = 0; i < p->nproducts; i++)
		json_array_append_new(products, product_brief(p->products[i]));	/* steals */
	why = json_array();
	for (i = 0; i < p->nwhy; i++)
		json_array_append_new(why, why_json(rq, &p->why[i]));	/* steals */
	return json_pack("{s:s, s:s, s:s, s:o, s:o}", "org", p->org_slug, "name", p->org_name,
	    "role", p->role, "products", products, "why", why);	/* steals */
}

static enum app_err
case_supply_chain(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct supply_proposal	*p;
	struct fault		 f = { .er = APP_OK };
	size_t			 n, i;
	json_t			*proposed, *present;

	if (svc_case_supply_chain(&c, req_param(rq, C_ID)->s.p, &p, &n, &f) != APP_OK)
		return req_fault(rq, &f);
	proposed = json_array();
	present = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(p[i].already_in_case ? present : proposed,	/* steals */
		    proposal_json(rq, &p[i]));
	return resp_json(rq, 200, json_pack("{s:s, s:o, s:o}", "case",
	    req_param(rq, C_ID)->s.p, "proposals", proposed, "already_in_case", present));
}

const struct route api_product_routes[] = {
	{ HTTP_GET, "/api/v1/products", PERM_ACCOUNT, 0, PARAMS(search_params),
	  products_search },
	{ HTTP_GET, "/api/v1/products/{id}", PERM_ACCOUNT, 0, PARAMS(product_params),
	  product_get },
	{ HTTP_POST, "/api/v1/products/{id}/components", PERM_ACCOUNT, R_JSON,
	  PARAMS(product_params), product_component_add },
	{ HTTP_PUT, "/api/v1/products/{id}/app", PERM_ACCOUNT, R_JSON,
	  PARAMS(product_params), product_app_put },
	{ HTTP_GET, "/api/v1/cases/{id}/products", PERM_CASES_READ, 0, PARAMS(case_params),
	  case_products },
	{ HTTP_POST, "/api/v1/cases/{id}/products", PERM_CASES_MANAGE, R_JSON,
	  PARAMS(case_params), case_product_add },
	{ HTTP_GET, "/api/v1/cases/{id}/supply-chain", PERM_CASES_MANAGE, 0,
	  PARAMS(case_params), case_supply_chain },
};
const size_t api_product_nroutes = sizeof(api_product_routes) / sizeof(api_product_routes[0]);
