/*
 * Products and the supply chain of a case (Art. 7(1), R4): reading and
 * linking products, the products a case affects, and the proposals of
 * whom to notify upstream and downstream.
 */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "domain/authz.h"
#include "svc/apps.h"
#include "svc/cases.h"
#include "svc/products.h"

/* The products of a case an advisory's draft reads (svc/advisories.c's CASE_ITEMS_MAX). */
#define ADV_PRODUCTS_MAX	256

static const char *const reason_names[SUPPLY__MAX] = {
	"flaw_in_component",	/* SUPPLY_FLAW_IN_COMPONENT */
	"affected_product",	/* SUPPLY_AFFECTED_PRODUCT */
	"component_of_affected",	/* SUPPLY_COMPONENT_OF_AFFECTED */
	"includes_affected",	/* SUPPLY_INCLUDES_AFFECTED */
};
static const char *const reason_roles[SUPPLY__MAX] = {
	"upstream",		/* SUPPLY_FLAW_IN_COMPONENT */
	"vendor",		/* SUPPLY_AFFECTED_PRODUCT */
	"upstream",		/* SUPPLY_COMPONENT_OF_AFFECTED */
	"downstream",		/* SUPPLY_INCLUDES_AFFECTED */
};

const char *
supply_reason_name(enum supply_reason r)
{
	return (unsigned)r < SUPPLY__MAX ? reason_names[r] : "?";
}

const char *
supply_reason_role(enum supply_reason r)
{
	return (unsigned)r < SUPPLY__MAX ? reason_roles[r] : "?";
}

static enum app_err
denied(struct fault *f, enum msg_id m, const char *rule)
{
	fault_set(f, APP_FORBIDDEN, NULL, m, 0);
	f->rule = rule;
	return APP_FORBIDDEN;
}

/* The actor's organisation when they are a vendor member of one, else 0. */
static int64_t
vendor_org(const struct svc_ctx *c)
{
	return c->actor != NULL && c->actor->role == UROLE_VENDOR ? c->actor->org_id : 0;
}

static bool
holds(const struct svc_ctx *c, enum perm p)
{
	return c->actor != NULL && authz_allows(c->actor->role, p);
}

/* Staff who read products, or a vendor member of some organisation. */
static enum app_err
may_read(const struct svc_ctx *c, struct fault *f)
{
	if (holds(c, PERM_ORGS_READ) || vendor_org(c) != 0)
		return APP_OK;
	return denied(f, MSG_ERR_PRODUCTS_DENIED, "rbac.role");
}

static enum app_err
cases_allowed(const struct svc_ctx *c, struct fault *f)
{
	if (holds(c, PERM_CASES_MANAGE))
		return APP_OK;
	return denied(f, MSG_ERR_CASES_DENIED, "rbac.role");
}

/* A bounded UTF-8 versions text (NULL allowed). */
static enum app_err
check_versions(const char *s, struct fault *f)
{
	if (s == NULL)
		return APP_OK;
	if (strlen(s) > PRODUCT_VERSIONS_MAX)
		return fault_set(f, APP_INVALID, "versions", MSG_ERR_FIELD_TOO_LONG, 0);
	if (!utf8_valid(s, strlen(s)))
		return fault_set(f, APP_INVALID, "versions", MSG_ERR_FIELD_ENCODING, 0);
	return APP_OK;
}

/* The product named by id; APP_NOTFOUND as a fault on field. */
static enum app_err
product_load(const struct svc_ctx *c, int64_t id, const char *field, struct product *out,
    struct fault *f)
{
	enum app_err	er;

	if ((er = store_product_get(c->st, c->a, id, out)) == APP_NOTFOUND)
		return fault_set(f, er, field, MSG_ERR_NO_SUCH_PRODUCT, 0);
	if (er != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	return APP_OK;
}

enum app_err
svc_product_get(const struct svc_ctx *c, int64_t id, struct product *out,
    struct product_link **components, size_t *ncomponents, struct product_link **used_by,
    size_t *nused_by, struct fault *f)
{
	int64_t		org = vendor_org(c);
	size_t		i, k;
	enum app_err	er;

	*components = *used_by = NULL;
	*ncomponents = *nused_by = 0;
	if ((er = may_read(c, f)) != APP_OK)
		return er;
	if ((er = product_load(c, id, "id", out, f)) != APP_OK)
		return er;
	/* A vendor member reads their own organisation's products only. */
	if (org != 0 && !holds(c, PERM_ORGS_READ) && out->org_id != org)
		return fault_set(f, APP_NOTFOUND, "id", MSG_ERR_NO_SUCH_PRODUCT, 0);
	if ((er = store_product_walk(c->st, c->a, id, PRODUCT_COMPONENTS, SUPPLY_DEPTH,
	    SUPPLY_NODES, components, ncomponents, NULL)) != APP_OK ||
	    (er = store_product_walk(c->st, c->a, id, PRODUCT_USERS, SUPPLY_DEPTH,
	    SUPPLY_NODES, used_by, nused_by, NULL)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	/*
	 * Who else builds on a vendor's product is the other vendors' business:
	 * a vendor member sees only their own organisation's products there.
	 */
	if (org != 0 && !holds(c, PERM_ORGS_READ)) {
		for (i = k = 0; i < *nused_by; i++)
			if ((*used_by)[i].p.org_id == org)
				(*used_by)[k++] = (*used_by)[i];
		*nused_by = k;
	}
	return APP_OK;
}

enum app_err
svc_product_component_add(const struct svc_ctx *c, int64_t product_id,
    int64_t component_id, const char *versions, struct fault *f)
{
	struct product		 p, comp;
	struct product_link	*down;
	size_t			 n, i;
	bool			 cut;
	int64_t			 org = vendor_org(c);
	enum app_err		 er;

	if (!holds(c, PERM_ORGS_MANAGE) && !holds(c, PERM_CASES_MANAGE) && org == 0)
		return denied(f, MSG_ERR_PRODUCT_NOT_YOURS, "rbac.role");
	if ((er = check_versions(versions, f)) != APP_OK)
		return er;
	if ((er = store_begin(c->st)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	if (product_load(c, product_id, "id", &p, f) != APP_OK)
		goto fail;
	if (!holds(c, PERM_ORGS_MANAGE) && !holds(c, PERM_CASES_MANAGE) && p.org_id != org) {
		denied(f, MSG_ERR_PRODUCT_NOT_YOURS, "rbac.org");
		goto fail;
	}
	if (product_load(c, component_id, "component", &comp, f) != APP_OK)
		goto fail;
	if (comp.id == p.id) {
		fault_set(f, APP_INVALID, "component", MSG_ERR_COMPONENT_SELF, 0);
		goto fail;
	}
	/* A supply chain never loops: the component must not include the product. */
	if ((er = store_product_walk(c->st, c->a, comp.id, PRODUCT_COMPONENTS,
	    SUPPLY_CYCLE_DEPTH, SUPPLY_CYCLE_NODES, &down, &n, &cut)) != APP_OK) {
		fault_set(f, er, NULL, MSG_ERR_STORE, 0);
		goto fail;
	}
	for (i = 0; i < n; i++)
		if (down[i].p.id == p.id) {
			fault_set(f, APP_CONFLICT, "component", MSG_ERR_COMPONENT_CYCLE, 0);
			f->rule = "R4";
			goto fail;
		}
	er = store_product_component_add(c->st, p.id, comp.id, versions, c->now);
	if (er == APP_CONFLICT) {
		fault_set(f, er, "component", MSG_ERR_COMPONENT_ALREADY, 0);
		goto fail;
	}
	if (er != APP_OK ||
	    (er = store_audit_add(c->st, c->actor->id, "product.component_add",
	    arena_printf(c->a, "product:%lld", (long long)p.id),
	    arena_printf(c->a, "component=%lld org=%s%s", (long long)comp.id,
	    comp.org_slug, cut ? " loop_check=truncated" : ""), c->addr, c->now)) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK) {
		fault_set(f, er, NULL, MSG_ERR_STORE, 0);
		goto fail;
	}
	return APP_OK;
fail:
	store_rollback(c->st);
	return f->er;
}

enum app_err
svc_product_search(const struct svc_ctx *c, const char *org_slug, const char *q,
    int limit, struct product **out, size_t *n, struct fault *f)
{
	struct org	o;
	enum app_err	er;

	*out = NULL;
	*n = 0;
	if ((er = may_read(c, f)) != APP_OK)
		return er;
	if (limit < 1 || limit > PRODUCT_SEARCH_MAX)
		return fault_set(f, APP_INVALID, "limit", MSG_ERR_FIELD_NUMBER, 0);
	o.id = 0;
	if (org_slug != NULL && org_slug[0] != '\0') {
		if ((er = store_org_by_slug(c->st, c->a, org_slug, &o)) == APP_NOTFOUND)
			return fault_set(f, er, "org", MSG_ERR_NO_SUCH_ORG, 0);
		if (er != APP_OK)
			return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	}
	if ((er = store_product_search(c->st, c->a, o.id, q, limit, out, n)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	return APP_OK;
}

/* The case named by id; APP_NOTFOUND as a fault on "id". */
static enum app_err
case_load(const struct svc_ctx *c, const char *id, struct case_row *k, struct fault *f)
{
	enum app_err	er;

	if ((er = store_case_get(c->st, c->a, id != NULL ? id : "", k)) == APP_NOTFOUND)
		return fault_set(f, er, "id", MSG_ERR_NO_SUCH_CASE, 0);
	if (er != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	return APP_OK;
}

enum app_err
svc_case_product_add(const struct svc_ctx *c, const char *case_id, int64_t product_id,
    const char *versions, bool upstream, struct fault *f)
{
	struct case_row		 k;
	struct case_product	*have;
	struct product		 p;
	size_t			 n;
	enum app_err		 er;

	if ((er = cases_allowed(c, f)) != APP_OK || (er = check_versions(versions, f)) != APP_OK)
		return er;
	if ((er = store_begin(c->st)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	if (case_load(c, case_id, &k, f) != APP_OK ||
	    product_load(c, product_id, "product", &p, f) != APP_OK)
		goto fail;
	if ((er = store_case_products(c->st, c->a, k.id, CASE_PRODUCTS_MAX, &have, &n)) !=
	    APP_OK) {
		fault_set(f, er, NULL, MSG_ERR_STORE, 0);
		goto fail;
	}
	if (n >= CASE_PRODUCTS_MAX) {
		fault_set(f, APP_INVALID, "product", MSG_ERR_FIELD_TOO_LONG, 0);
		goto fail;
	}
	if ((er = store_case_product_add(c->st, k.id, p.id, versions, upstream, c->actor->id,
	    c->now)) == APP_CONFLICT) {
		fault_set(f, er, "product", MSG_ERR_CASE_PRODUCT_ALREADY, 0);
		goto fail;
	}
	if (er != APP_OK ||
	    (er = svc_case_record(c, k.id, "product_added", "", "", arena_printf(c->a,
	    "product:%lld%s", (long long)p.id, upstream ? " upstream" : ""), "",
	    "case.product_add", arena_printf(c->a, "product=%lld org=%s upstream=%d",
	    (long long)p.id, p.org_slug, upstream ? 1 : 0))) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK) {
		fault_set(f, er, NULL, MSG_ERR_STORE, 0);
		goto fail;
	}
	return APP_OK;
fail:
	store_rollback(c->st);
	return f->er;
}

enum app_err
svc_case_products(const struct svc_ctx *c, const char *case_id, struct case_product **out,
    size_t *n, struct fault *f)
{
	struct case_row		k;
	struct case_vendor	mine;
	int64_t			org = vendor_org(c);
	enum app_err		er;

	*out = NULL;
	*n = 0;
	if (org == 0 && (er = cases_allowed(c, f)) != APP_OK)
		return er;
	if ((er = case_load(c, case_id, &k, f)) != APP_OK)
		return er;
	if (org != 0 && !holds(c, PERM_CASES_MANAGE)) {
		/* Need-to-know (Art. 11): a case not shared with the vendor does not exist. */
		er = store_case_vendor_get(c->st, c->a, k.id, org, &mine);
		if (er == APP_NOTFOUND)
			return fault_set(f, er, "id", MSG_ERR_NO_SUCH_CASE, 0);
		if (er != APP_OK)
			return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	}
	if ((er = store_case_products(c->st, c->a, k.id, CASE_PRODUCTS_MAX, out, n)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	return APP_OK;
}

/* Proposals being collected. */
struct proposals {
	const struct svc_ctx	*c;
	struct supply_proposal	*v;
	size_t			 n;
};

/* An arena copy of arr with room for one more (zeroed) item; these arrays stay small. */
static void *
grow1(struct arena *a, const void *arr, size_t n, size_t elem)
{
	void	*na = arena_calloc(a, n + 1, elem);

	if (n > 0)
		memcpy(na, arr, n * elem);
	return na;
}

/* The proposal of p's organisation, new if need be. */
static struct supply_proposal *
proposal_of(struct proposals *ps, const struct product *p)
{
	size_t	i;

	for (i = 0; i < ps->n; i++)
		if (ps->v[i].org_id == p->org_id)
			return &ps->v[i];
	ps->v = grow1(ps->c->a, ps->v, ps->n, sizeof(*ps->v));
	ps->v[ps->n].org_id = p->org_id;
	ps->v[ps->n].org_slug = p->org_slug;
	ps->v[ps->n].org_name = p->org_name;
	ps->v[ps->n].best = SUPPLY__MAX;
	return &ps->v[ps->n++];
}

/* Record reason r for product path[npath-1] (path starts at the affected product). */
static void
propose(struct proposals *ps, enum supply_reason r, const struct product **path,
    size_t npath)
{
	const struct product	*p = path[npath - 1];
	struct supply_proposal	*o = proposal_of(ps, p);
	struct supply_why	*w;
	size_t			 i;

	o->why = grow1(ps->c->a, o->why, o->nwhy, sizeof(*o->why));
	w = &o->why[o->nwhy++];
	w->reason = r;
	w->product = p;
	w->path = path;
	w->npath = npath;
	if (r < o->best) {
		o->best = r;
		o->role = supply_reason_role(r);
	}
	for (i = 0; i < o->nproducts; i++)
		if (o->products[i]->id == p->id)
			return;
	/* Kept sorted by id. */
	o->products = grow1(ps->c->a, o->products, o->nproducts, sizeof(*o->products));
	for (i = o->nproducts; i > 0 && o->products[i - 1]->id > p->id; i--)
		o->products[i] = o->products[i - 1];
	o->products[i] = p;
	o->nproducts++;
}

/*
 * The path from start to l[i] in a breadth-first walk: start, then each via
 * in turn.  A product at depth d was reached from one at depth d - 1 found
 * before it, so the path has depth + 1 products.
 */
static const struct product **
walk_path(struct arena *a, const struct product *start, const struct product_link *l,
    size_t i, size_t *npath)
{
	const struct product	**path;
	size_t			  len = (size_t)l[i].depth + 1, k, j, at = i;

	path = arena_calloc(a, len, sizeof(*path));
	path[0] = start;
	path[len - 1] = &l[i].p;
	for (k = len - 1; k > 1; k--) {
		for (j = 0; j < at && l[j].p.id != l[at].via; j++)
			;
		path[k - 1] = &l[j].p;
		at = j;
	}
	*npath = len;
	return path;
}

static int
proposal_cmp(const void *x, const void *y)
{
	const struct supply_proposal	*a = x, *b = y;

	if (a->best != b->best)
		return a->best < b->best ? -1 : 1;
	return strcmp(a->org_slug, b->org_slug);
}

/* Walk from an affected product in one direction and propose each product's vendor. */
static enum app_err
propose_walk(struct proposals *ps, const struct product *start, enum product_dir dir)
{
	struct product_link	*l;
	const struct product	**path;
	size_t			 n, i, np;
	enum app_err		 er;

	if ((er = store_product_walk(ps->c->st, ps->c->a, start->id, dir, SUPPLY_DEPTH,
	    SUPPLY_NODES, &l, &n, NULL)) != APP_OK)
		return er;
	for (i = 0; i < n; i++) {
		path = walk_path(ps->c->a, start, l, i, &np);
		propose(ps, dir == PRODUCT_COMPONENTS ? SUPPLY_COMPONENT_OF_AFFECTED :
		    SUPPLY_INCLUDES_AFFECTED, path, np);
	}
	return APP_OK;
}

enum app_err
svc_case_supply_chain(const struct svc_ctx *c, const char *case_id,
    struct supply_proposal **out, size_t *n, struct fault *f)
{
	struct proposals	 ps = { c, NULL, 0 };
	struct case_row		 k;
	struct case_product	*cp;
	struct case_vendor	*v;
	const struct product	**path;
	size_t			 ncp, nv, i, j;
	enum app_err		 er;

	*out = NULL;
	*n = 0;
	if ((er = cases_allowed(c, f)) != APP_OK || (er = case_load(c, case_id, &k, f)) != APP_OK)
		return er;
	if ((er = store_case_products(c->st, c->a, k.id, CASE_PRODUCTS_MAX, &cp, &ncp)) !=
	    APP_OK || (er = store_case_vendors(c->st, c->a, k.id, &v, &nv)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	for (i = 0; i < ncp; i++) {
		path = arena_calloc(c->a, 1, sizeof(*path));
		path[0] = &cp[i].p;
		propose(&ps, cp[i].upstream ? SUPPLY_FLAW_IN_COMPONENT : SUPPLY_AFFECTED_PRODUCT,
		    path, 1);
		if ((er = propose_walk(&ps, &cp[i].p, PRODUCT_COMPONENTS)) != APP_OK ||
		    (er = propose_walk(&ps, &cp[i].p, PRODUCT_USERS)) != APP_OK)
			return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	}
	for (i = 0; i < ps.n; i++)
		for (j = 0; j < nv; j++)
			if (v[j].org_id == ps.v[i].org_id)
				ps.v[i].already_in_case = true;
	if (ps.n > 1)
		qsort(ps.v, ps.n, sizeof(*ps.v), proposal_cmp);
	*out = ps.v;
	*n = ps.n;
	return APP_OK;
}

/* A product's app (issue 9) */

enum app_err
svc_product_app_get(const struct svc_ctx *c, int64_t id, struct appinfo *out,
    struct fault *f)
{
	struct product	p;
	int64_t		org = vendor_org(c);
	enum app_err	er;

	memset(out, 0, sizeof(*out));
	if ((er = may_read(c, f)) != APP_OK || (er = product_load(c, id, "id", &p, f)) != APP_OK)
		return er;
	/* A vendor member reads their own organisation's products only (svc_product_get). */
	if (org != 0 && !holds(c, PERM_ORGS_READ) && p.org_id != org)
		return fault_set(f, APP_NOTFOUND, "id", MSG_ERR_NO_SUCH_PRODUCT, 0);
	if ((er = store_product_app_get(c->st, c->a, id, out)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	return APP_OK;
}

enum app_err
svc_product_app_set(const struct svc_ctx *c, int64_t id, const struct appinfo *app,
    struct app_problem out[AF__MAX], size_t *np, struct fault *f)
{
	struct product	p;
	struct appinfo	a = *app;
	int64_t		org = vendor_org(c);
	enum app_err	er;

	*np = 0;
	if (!holds(c, PERM_ORGS_MANAGE) && !holds(c, PERM_CASES_MANAGE) && org == 0)
		return denied(f, MSG_ERR_PRODUCT_NOT_YOURS, "rbac.role");
	/* The product's own name is the app's: a product keeps no other name or version. */
	a.v[AF_NAME] = "";
	a.v[AF_VERSION] = "";
	if ((*np = appinfo_check(&a, out)) > 0)
		return fault_set(f, APP_INVALID, app_fields[out[0].field].key, out[0].msg, 0);
	if ((er = store_begin(c->st)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	if (product_load(c, id, "id", &p, f) != APP_OK)
		goto fail;
	if (!holds(c, PERM_ORGS_MANAGE) && !holds(c, PERM_CASES_MANAGE) && p.org_id != org) {
		/* Another organisation's product: not found, as for reading it. */
		fault_set(f, APP_NOTFOUND, "id", MSG_ERR_NO_SUCH_PRODUCT, 0);
		goto fail;
	}
	if ((er = store_product_app_set(c->st, id, &a)) != APP_OK ||
	    (er = store_audit_add(c->st, c->actor->id, "product.app",
	    arena_printf(c->a, "product:%lld", (long long)id),
	    arena_printf(c->a, "platform=%s package=%s", appinfo_get(&a, AF_PLATFORM),
	    appinfo_get(&a, AF_PACKAGE)), c->addr, c->now)) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK) {
		fault_set(f, er, NULL, MSG_ERR_STORE, 0);
		goto fail;
	}
	return APP_OK;
fail:
	store_rollback(c->st);
	return f->er;
}

void
svc_advisory_apps(const struct svc_ctx *c, const char *case_id, struct adv_doc *d)
{
	struct case_product	*p;
	struct appinfo		*apps;
	size_t			 np = 0, i;
	bool			 any = false;

	d->apps = NULL;
	/* The products in the order draft_products (svc/advisories.c) reads them. */
	if (d->nproducts == 0 || store_case_products(c->st, c->a, case_id,
	    ADV_PRODUCTS_MAX, &p, &np) != APP_OK || np != d->nproducts)
		return;
	apps = arena_calloc(c->a, np + 1, sizeof(*apps));
	for (i = 0; i < np; i++) {
		if (store_product_app_get(c->st, c->a, p[i].p.id, &apps[i]) != APP_OK)
			continue;
		/* The advisory names the product; its app fields say which app it is. */
		apps[i].v[AF_NAME] = "";
		any = any || !appinfo_empty(&apps[i]);
	}
	if (any)
		d->apps = apps;
}
