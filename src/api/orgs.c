/* GET/POST /api/v1/admin/orgs and their products. */
#include "api/api.h"
#include "domain/product.h"
#include "store/store.h"

enum { P_CURSOR, P_LIMIT };
static const struct param page_params[] = { API_PAGE_PARAMS };

enum { PP_SLUG };
static const struct param slug_params[] = {
	{ "slug", PARAM_TEXT, 2, 40, true },	/* PP_SLUG */
};

static const char *const org_keys[] = { "slug", "name", "kind", "country", NULL };
static const char *const product_keys[] = {
	"name", "model", "versions", "cpe", "purl", NULL
};

static enum app_err
org_list(struct req *rq)
{
	struct org	*orgs;
	size_t		 n, i;
	int		 limit = API_PAGE_DEFAULT;
	json_t		*items;
	enum app_err	 er;

	if (req_param(rq, P_LIMIT)->present)
		limit = (int)req_param(rq, P_LIMIT)->i;
	er = store_org_list(rq->store, rq->arena, req_param(rq, P_CURSOR)->i, limit,
	    &orgs, &n);
	if (er != APP_OK)
		return er;
	items = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(items, api_org_json(&orgs[i]));	/* steals */
	return resp_json(rq, 200, api_page(items, n, limit, n ? orgs[n - 1].id : 0));
}

static enum app_err
org_create(struct req *rq)
{
	struct svc_ctx	 c = api_svc(rq);
	struct org	 o;
	struct fault	 f = { .er = APP_OK };
	const char	*slug, *name, *kind, *country;
	enum app_err	 er;

	if ((er = api_body_object(rq, org_keys)) != APP_OK ||
	    (er = api_str(rq, "slug", true, 64, &slug, NULL)) != APP_OK ||
	    (er = api_str(rq, "name", true, 1024, &name, NULL)) != APP_OK ||
	    (er = api_str(rq, "kind", true, 32, &kind, NULL)) != APP_OK ||
	    (er = api_str(rq, "country", true, 8, &country, NULL)) != APP_OK)
		return er;
	if (svc_org_create(&c, slug, name, kind, country, &o, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 201, api_org_json(&o));
}

static enum app_err
product_list(struct req *rq)
{
	struct org	 o;
	struct product	*p;
	size_t		 n, i;
	json_t		*items;
	enum app_err	 er;

	er = store_org_by_slug(rq->store, rq->arena, req_param(rq, PP_SLUG)->s.p, &o);
	if (er == APP_NOTFOUND)
		return req_fail(rq, er, "slug", MSG_ERR_NO_SUCH_ORG);
	if (er != APP_OK ||
	    (er = store_product_list(rq->store, rq->arena, o.id, &p, &n)) != APP_OK)
		return er;
	items = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(items, api_product_json(&p[i]));	/* steals */
	return resp_json(rq, 200, json_pack("{s:o}", "items", items));
}

static enum app_err
product_create(struct req *rq)
{
	struct svc_ctx	 c = api_svc(rq);
	struct product	 p;
	struct fault	 f = { .er = APP_OK };
	const char	*name, *model, *versions, *cpe, *purl;
	enum app_err	 er;

	if ((er = api_body_object(rq, product_keys)) != APP_OK ||
	    (er = api_str(rq, "name", true, 1024, &name, NULL)) != APP_OK ||
	    (er = api_str(rq, "model", false, 1024, &model, NULL)) != APP_OK ||
	    (er = api_str(rq, "versions", false, 1024, &versions, NULL)) != APP_OK ||
	    (er = api_str(rq, "cpe", false, PRODUCT_CPE_MAX, &cpe, NULL)) != APP_OK ||
	    (er = api_str(rq, "purl", false, PRODUCT_PURL_MAX, &purl, NULL)) != APP_OK)
		return er;
	if (svc_product_create(&c, req_param(rq, PP_SLUG)->s.p, name, model,
	    versions, cpe, purl, &p, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 201, api_product_json(&p));
}

const struct route api_org_routes[] = {
	{ HTTP_GET, "/api/v1/admin/orgs", PERM_ORGS_READ, 0, PARAMS(page_params), org_list },
	{ HTTP_POST, "/api/v1/admin/orgs", PERM_ORGS_MANAGE, R_JSON, NOPARAMS, org_create },
	{ HTTP_GET, "/api/v1/admin/orgs/{slug}/products", PERM_ORGS_READ, 0,
	  PARAMS(slug_params), product_list },
	{ HTTP_POST, "/api/v1/admin/orgs/{slug}/products", PERM_ORGS_MANAGE, R_JSON,
	  PARAMS(slug_params), product_create },
};
const size_t api_org_nroutes = sizeof(api_org_routes) / sizeof(api_org_routes[0]);
