/*
 * Products and the supply chain (issue 5, Art. 7(1), R4): products with a
 * CPE and a purl (bad ones refused, naming the field), components across
 * vendors (a vendor member only for their own products, no loops), a
 * case's affected products, and the proposals of whom to notify: the
 * upstream supplier of a flawed component and the downstream vendors whose
 * products include it, each with why and the path; the timeline and the
 * audit trail of every product added to a case.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

struct world {
	struct srv	*s;
	struct cred	 admin, rita, tom, vera, bob;	/* vera: acme, bob: beta */
	long long	 libfoo, router, gateway;	/* beta's, acme's, gamma's */
};

static void
org_add(struct srv *s, const char *slug, const char *name)
{
	assert_int_equal(srv_cli(s, NULL, NULL, 0, (const char *[]){ "org", "add",
	    "--data-dir", s->dir, "--slug", slug, "--name", name, "--kind", "provider",
	    "--country", "CN", NULL }), 0);
}

/* POST a product as admin; its id. */
static long long
product_add(struct world *w, const char *org, const char *body)
{
	char		 path[128];
	struct resp	*r;
	long long	 id;

	snprintf(path, sizeof(path), "/api/v1/admin/orgs/%s/products", org);
	r = api(w->s, "POST", path, &w->admin, body, NULL);
	assert_status(r, 201);
	id = (long long)json_integer_value(json_object_get(resp_json(r), "id"));
	assert_true(id > 0);
	resp_free(r);
	return id;
}

static struct resp *
component_add(struct world *w, const struct cred *who, long long product, long long comp)
{
	char	path[96], body[96];

	snprintf(path, sizeof(path), "/api/v1/products/%lld/components", product);
	snprintf(body, sizeof(body), "{\"component\":%lld,\"versions\":\"1.2.x\"}", comp);
	return api(w->s, "POST", path, who, body, NULL);
}

static void
boot(void **state, struct world *w)
{
	memset(w, 0, sizeof(*w));
	w->s = *state;
	srv_init(w->s);
	org_add(w->s, "acme", "Acme Networks");
	org_add(w->s, "beta", "Beta Libraries");
	org_add(w->s, "gamma", "Gamma Gateways");
	srv_user_add(w->s, "rita", "reporter", NULL, NULL, TEST_PASSWORD);
	srv_user_add(w->s, "tom", "triager", NULL, NULL, TEST_PASSWORD);
	srv_user_add(w->s, "vera", "vendor", "acme", NULL, TEST_PASSWORD);
	srv_user_add(w->s, "bob", "vendor", "beta", NULL, TEST_PASSWORD);
	srv_token_create(w->s, "rita", w->rita.bearer, sizeof(w->rita.bearer));
	srv_token_create(w->s, "tom", w->tom.bearer, sizeof(w->tom.bearer));
	srv_token_create(w->s, "vera", w->vera.bearer, sizeof(w->vera.bearer));
	srv_token_create(w->s, "bob", w->bob.bearer, sizeof(w->bob.bearer));
	srv_start(w->s, NULL);
	srv_admin_session(w->s, "admin-password-0123456789", &w->admin);
	w->libfoo = product_add(w, "beta", "{\"name\":\"libfoo\",\"versions\":\"1.0-1.2\","
	    "\"cpe\":\"cpe:2.3:a:beta:libfoo:1.2:*:*:*:*:*:*:*\","
	    "\"purl\":\"pkg:generic/beta/libfoo@1.2\"}");
	w->router = product_add(w, "acme", "{\"name\":\"Router X1\",\"model\":\"X1\","
	    "\"cpe\":\"cpe:2.3:h:acme:router_x1:-:*:*:*:*:*:*:*\"}");
	w->gateway = product_add(w, "gamma", "{\"name\":\"Gateway G\"}");
}

/* A report by rita accepted by tom: the new case's id into case_id. */
static void
new_case(struct world *w, const char *title, char case_id[64])
{
	char		 body[256], path[96];
	struct resp	*r;

	snprintf(body, sizeof(body), "{\"title\":\"%s\",\"kind\":\"generic\",\"vendor\":\"Acme\","
	    "\"product\":\"Router X1\",\"description\":\"Details.\"}", title);
	r = api(w->s, "POST", "/api/v1/reports", &w->rita, body, NULL);
	assert_status(r, 201);
	snprintf(path, sizeof(path), "/api/v1/reports/%s/triage", resp_jstr(r, "id"));
	resp_free(r);
	r = api(w->s, "POST", path, &w->tom, "{\"decision\":\"accept\"}", NULL);
	assert_status(r, 200);
	snprintf(case_id, 64, "%s", resp_jstr(r, "case"));
	resp_free(r);
}

static struct resp *
case_product_add(struct world *w, const struct cred *who, const char *case_id,
    const char *body)
{
	char	path[128];

	snprintf(path, sizeof(path), "/api/v1/cases/%s/products", case_id);
	return api(w->s, "POST", path, who, body, NULL);
}

static struct resp *
supply_chain(struct world *w, const struct cred *who, const char *case_id)
{
	char	path[128];

	snprintf(path, sizeof(path), "/api/v1/cases/%s/supply-chain", case_id);
	return api(w->s, "GET", path, who, NULL, NULL);
}

/* The i-th element of arr's member key as an integer. */
static long long
jint(json_t *o, const char *key)
{
	return (long long)json_integer_value(json_object_get(o, key));
}

static const char *
jstr(json_t *o, const char *key)
{
	const char	*s = json_string_value(json_object_get(o, key));

	return s != NULL ? s : "(absent)";
}

/* Check one proposal: org, role, and its first reason with the path's text. */
static void
check_proposal(json_t *p, const char *org, const char *role, const char *reason,
    const char *path_text, size_t path_len)
{
	json_t	*why;

	assert_non_null(p);
	assert_string_equal(jstr(p, "org"), org);
	assert_string_equal(jstr(p, "role"), role);
	why = json_array_get(json_object_get(p, "why"), 0);
	assert_non_null(why);
	assert_string_equal(jstr(why, "reason"), reason);
	assert_string_equal(jstr(why, "path_text"), path_text);
	assert_int_equal(json_array_size(json_object_get(why, "path")), path_len);
}

static void
test_products__cpe_purl_and_refusals(void **state)
{
	struct world	 w;
	struct resp	*r;
	json_t		*items, *p;
	char		 path[96];
	size_t		 i;
	bool		 found = false;

	boot(state, &w);
	/* Bad machine names are refused, naming the field. */
	r = api(w.s, "POST", "/api/v1/admin/orgs/acme/products", &w.admin,
	    "{\"name\":\"Bad\",\"cpe\":\"cpe:2.3:a:acme:bad:1.0\"}", NULL);
	assert_problem_field(r, 400, "cpe");
	assert_contains(r->body, "13");
	resp_free(r);
	r = api(w.s, "POST", "/api/v1/admin/orgs/acme/products", &w.admin,
	    "{\"name\":\"Bad\",\"cpe\":\"cpe:2.3:x:acme:bad:1.0:*:*:*:*:*:*:*\"}", NULL);
	assert_problem_field(r, 400, "cpe");
	resp_free(r);
	r = api(w.s, "POST", "/api/v1/admin/orgs/acme/products", &w.admin,
	    "{\"name\":\"Bad\",\"purl\":\"npm/bad@1.0\"}", NULL);
	assert_problem_field(r, 400, "purl");
	resp_free(r);
	r = api(w.s, "POST", "/api/v1/admin/orgs/acme/products", &w.admin,
	    "{\"name\":\"Bad\",\"purl\":\"pkg:npm/bad@\"}", NULL);
	assert_problem_field(r, 400, "purl");
	resp_free(r);
	r = api(w.s, "POST", "/api/v1/admin/orgs/acme/products", &w.admin,
	    "{\"name\":\"Bad\",\"sku\":\"1\"}", NULL);
	assert_problem_field(r, 400, "sku");
	resp_free(r);

	/* The organisation's list shows them. */
	r = api(w.s, "GET", "/api/v1/admin/orgs/beta/products", &w.admin, NULL, NULL);
	assert_status(r, 200);
	items = json_object_get(resp_json(r), "items");
	assert_int_equal(json_array_size(items), 1);
	p = json_array_get(items, 0);
	assert_string_equal(jstr(p, "cpe"), "cpe:2.3:a:beta:libfoo:1.2:*:*:*:*:*:*:*");
	assert_string_equal(jstr(p, "purl"), "pkg:generic/beta/libfoo@1.2");
	resp_free(r);

	/* One product, with its organisation. */
	snprintf(path, sizeof(path), "/api/v1/products/%lld", w.router);
	r = api(w.s, "GET", path, &w.tom, NULL, NULL);
	assert_status(r, 200);
	p = resp_json(r);
	assert_int_equal(jint(p, "id"), w.router);
	assert_string_equal(jstr(p, "org"), "acme");
	assert_string_equal(jstr(p, "org_name"), "Acme Networks");
	assert_string_equal(jstr(p, "cpe"), "cpe:2.3:h:acme:router_x1:-:*:*:*:*:*:*:*");
	assert_string_equal(jstr(p, "purl"), "");
	resp_free(r);
	r = api(w.s, "GET", "/api/v1/products/999999", &w.tom, NULL, NULL);
	assert_problem_field(r, 404, "id");
	resp_free(r);

	/* Search for pickers: by fragment and organisation; reporters are refused. */
	r = api(w.s, "GET", "/api/v1/products?q=LIBF", &w.vera, NULL, NULL);
	assert_status(r, 200);
	items = json_object_get(resp_json(r), "items");
	assert_int_equal(json_array_size(items), 1);
	assert_int_equal(jint(json_array_get(items, 0), "id"), w.libfoo);
	assert_string_equal(jstr(json_array_get(items, 0), "org"), "beta");
	resp_free(r);
	r = api(w.s, "GET", "/api/v1/products?org=acme", &w.tom, NULL, NULL);
	assert_status(r, 200);
	items = json_object_get(resp_json(r), "items");
	for (i = 0; i < json_array_size(items); i++) {
		assert_string_equal(jstr(json_array_get(items, i), "org"), "acme");
		found |= jint(json_array_get(items, i), "id") == w.router;
	}
	assert_true(found);
	resp_free(r);
	r = api(w.s, "GET", "/api/v1/products?q=%25", &w.tom, NULL, NULL);
	assert_status(r, 200);
	assert_int_equal(json_array_size(json_object_get(resp_json(r), "items")), 0);
	resp_free(r);
	r = api(w.s, "GET", "/api/v1/products?org=nobody", &w.tom, NULL, NULL);
	assert_problem_field(r, 404, "org");
	resp_free(r);
	r = api(w.s, "GET", "/api/v1/products?q=lib", &w.rita, NULL, NULL);
	assert_problem_rule(r, 403, "rbac.role");
	resp_free(r);
	r = api(w.s, "GET", path, &w.rita, NULL, NULL);
	assert_problem_rule(r, 403, "rbac.role");
	resp_free(r);
}

static void
test_products__components_across_vendors(void **state)
{
	struct world	 w;
	struct resp	*r;
	json_t		*p, *c, *u;
	char		 path[96];

	boot(state, &w);
	/* vera (acme) says her router ships beta's libfoo. */
	r = component_add(&w, &w.vera, w.router, w.libfoo);
	assert_status(r, 201);
	assert_int_equal(jint(resp_json(r), "component"), w.libfoo);
	resp_free(r);
	/* bob (beta) cannot touch acme's product; rita cannot touch any. */
	r = component_add(&w, &w.bob, w.router, w.gateway);
	assert_problem_rule(r, 403, "rbac.org");
	resp_free(r);
	r = component_add(&w, &w.rita, w.router, w.gateway);
	assert_problem_rule(r, 403, "rbac.role");
	resp_free(r);
	/* Staff record that gamma's gateway includes the router. */
	r = component_add(&w, &w.tom, w.gateway, w.router);
	assert_status(r, 201);
	resp_free(r);
	/* Refusals: twice, itself, a loop, no such component, not an id. */
	r = component_add(&w, &w.vera, w.router, w.libfoo);
	assert_problem_field(r, 409, "component");
	resp_free(r);
	r = component_add(&w, &w.tom, w.router, w.router);
	assert_problem_field(r, 400, "component");
	resp_free(r);
	r = component_add(&w, &w.bob, w.libfoo, w.gateway);
	assert_problem_rule(r, 409, "R4");
	resp_free(r);
	r = component_add(&w, &w.tom, w.router, 999999);
	assert_problem_field(r, 404, "component");
	resp_free(r);
	snprintf(path, sizeof(path), "/api/v1/products/%lld/components", w.router);
	r = api(w.s, "POST", path, &w.tom, "{\"component\":\"libfoo\"}", NULL);
	assert_problem_field(r, 400, "component");
	resp_free(r);

	/* The router: built from libfoo, used by the gateway (staff see both). */
	snprintf(path, sizeof(path), "/api/v1/products/%lld", w.router);
	r = api(w.s, "GET", path, &w.tom, NULL, NULL);
	assert_status(r, 200);
	p = resp_json(r);
	assert_int_equal(json_array_size(json_object_get(p, "components")), 1);
	c = json_array_get(json_object_get(p, "components"), 0);
	assert_int_equal(jint(c, "id"), w.libfoo);
	assert_string_equal(jstr(c, "org"), "beta");
	assert_string_equal(jstr(c, "versions"), "1.2.x");
	assert_int_equal(jint(c, "depth"), 1);
	assert_int_equal(jint(c, "via"), w.router);
	assert_int_equal(json_array_size(json_object_get(p, "used_by")), 1);
	u = json_array_get(json_object_get(p, "used_by"), 0);
	assert_int_equal(jint(u, "id"), w.gateway);
	assert_string_equal(jstr(u, "org"), "gamma");
	resp_free(r);
	/* The gateway: libfoo two levels down, through the router. */
	snprintf(path, sizeof(path), "/api/v1/products/%lld", w.gateway);
	r = api(w.s, "GET", path, &w.tom, NULL, NULL);
	assert_status(r, 200);
	p = resp_json(r);
	assert_int_equal(json_array_size(json_object_get(p, "components")), 2);
	c = json_array_get(json_object_get(p, "components"), 1);
	assert_int_equal(jint(c, "id"), w.libfoo);
	assert_int_equal(jint(c, "depth"), 2);
	assert_int_equal(jint(c, "via"), w.router);
	resp_free(r);
	/* vera sees her router's components, but not who else builds on it. */
	snprintf(path, sizeof(path), "/api/v1/products/%lld", w.router);
	r = api(w.s, "GET", path, &w.vera, NULL, NULL);
	assert_status(r, 200);
	assert_int_equal(json_array_size(json_object_get(resp_json(r), "components")), 1);
	assert_int_equal(json_array_size(json_object_get(resp_json(r), "used_by")), 0);
	resp_free(r);
	/* Another vendor's product is not hers to read. */
	snprintf(path, sizeof(path), "/api/v1/products/%lld", w.libfoo);
	r = api(w.s, "GET", path, &w.vera, NULL, NULL);
	assert_problem_field(r, 404, "id");
	resp_free(r);
	/* libfoo's own vendor sees the router among its users only if it were theirs. */
	r = api(w.s, "GET", path, &w.bob, NULL, NULL);
	assert_status(r, 200);
	assert_int_equal(json_array_size(json_object_get(resp_json(r), "used_by")), 0);
	resp_free(r);
}

static void
test_products__supply_chain_of_a_case(void **state)
{
	struct world	 w;
	struct resp	*r;
	json_t		*o, *props, *done, *it, *why;
	char		 case1[64], case2[64], path[160], body[160], want[96];
	size_t		 i;
	bool		 found = false;

	boot(state, &w);
	r = component_add(&w, &w.vera, w.router, w.libfoo);
	assert_status(r, 201);
	resp_free(r);
	r = component_add(&w, &w.tom, w.gateway, w.router);
	assert_status(r, 201);
	resp_free(r);

	/* Case 1: the flaw is in beta's libfoo, a component of acme's router. */
	new_case(&w, "Overflow in libfoo's parser", case1);
	snprintf(body, sizeof(body), "{\"product\":%lld,\"versions\":\"1.0-1.2\","
	    "\"upstream\":true}", w.libfoo);
	r = case_product_add(&w, &w.rita, case1, body);
	assert_problem(r, 403);
	resp_free(r);
	r = case_product_add(&w, &w.vera, case1, body);
	assert_problem(r, 403);
	resp_free(r);
	r = case_product_add(&w, &w.tom, case1, "{\"product\":999999}");
	assert_problem_field(r, 404, "product");
	resp_free(r);
	r = case_product_add(&w, &w.tom, case1, "{\"product\":1,\"upstream\":\"yes\"}");
	assert_problem_field(r, 400, "upstream");
	resp_free(r);
	r = case_product_add(&w, &w.tom, "LD-C-2026-999999", body);
	assert_problem_field(r, 404, "id");
	resp_free(r);
	r = case_product_add(&w, &w.tom, case1, body);
	assert_status(r, 201);
	assert_true(json_is_true(json_object_get(resp_json(r), "upstream")));
	resp_free(r);
	r = case_product_add(&w, &w.tom, case1, body);
	assert_problem_field(r, 409, "product");
	resp_free(r);

	/* The case's products. */
	snprintf(path, sizeof(path), "/api/v1/cases/%s/products", case1);
	r = api(w.s, "GET", path, &w.tom, NULL, NULL);
	assert_status(r, 200);
	o = json_object_get(resp_json(r), "items");
	assert_int_equal(json_array_size(o), 1);
	it = json_array_get(o, 0);
	assert_int_equal(jint(json_object_get(it, "product"), "id"), w.libfoo);
	assert_string_equal(jstr(json_object_get(it, "product"), "org"), "beta");
	assert_string_equal(jstr(it, "versions"), "1.0-1.2");
	assert_true(json_is_true(json_object_get(it, "upstream")));
	resp_free(r);
	/* A vendor member of an organisation not in the case sees no such case. */
	r = api(w.s, "GET", path, &w.bob, NULL, NULL);
	assert_problem_field(r, 404, "id");
	resp_free(r);

	/* Proposals: beta upstream; acme and gamma downstream, with their paths. */
	r = supply_chain(&w, &w.vera, case1);
	assert_problem(r, 403);
	resp_free(r);
	r = supply_chain(&w, &w.tom, case1);
	assert_status(r, 200);
	o = resp_json(r);
	assert_string_equal(jstr(o, "case"), case1);
	props = json_object_get(o, "proposals");
	assert_int_equal(json_array_size(props), 3);
	check_proposal(json_array_get(props, 0), "beta", "upstream", "flaw_in_component",
	    "libfoo", 1);
	check_proposal(json_array_get(props, 1), "acme", "downstream", "includes_affected",
	    "libfoo → Router X1", 2);
	check_proposal(json_array_get(props, 2), "gamma", "downstream", "includes_affected",
	    "libfoo → Router X1 → Gateway G", 3);
	it = json_array_get(props, 2);
	assert_string_equal(jstr(it, "name"), "Gamma Gateways");
	assert_int_equal(jint(json_array_get(json_object_get(it, "products"), 0), "id"),
	    w.gateway);
	why = json_array_get(json_object_get(it, "why"), 0);
	assert_int_equal(jint(why, "product"), w.gateway);
	assert_int_equal(jint(json_array_get(json_object_get(why, "path"), 0), "id"),
	    w.libfoo);
	assert_int_equal(jint(json_array_get(json_object_get(why, "path"), 1), "id"),
	    w.router);
	assert_int_equal(json_array_size(json_object_get(o, "already_in_case")), 0);
	resp_free(r);

	/* The coordinator confirms acme; it moves to already_in_case. */
	snprintf(path, sizeof(path), "/api/v1/cases/%s/vendors", case1);
	r = api(w.s, "POST", path, &w.tom, "{\"org\":\"acme\"}", NULL);
	assert_status(r, 201);
	resp_free(r);
	r = supply_chain(&w, &w.tom, case1);
	assert_status(r, 200);
	props = json_object_get(resp_json(r), "proposals");
	done = json_object_get(resp_json(r), "already_in_case");
	assert_int_equal(json_array_size(props), 2);
	assert_string_equal(jstr(json_array_get(props, 0), "org"), "beta");
	assert_string_equal(jstr(json_array_get(props, 1), "org"), "gamma");
	assert_int_equal(json_array_size(done), 1);
	assert_string_equal(jstr(json_array_get(done, 0), "org"), "acme");
	resp_free(r);
	/* Now in the case, vera reads its products. */
	snprintf(path, sizeof(path), "/api/v1/cases/%s/products", case1);
	r = api(w.s, "GET", path, &w.vera, NULL, NULL);
	assert_status(r, 200);
	assert_int_equal(json_array_size(json_object_get(resp_json(r), "items")), 1);
	resp_free(r);

	/* Case 2: acme's router itself: acme the vendor, beta an upstream candidate. */
	new_case(&w, "Command injection in the router UI", case2);
	snprintf(body, sizeof(body), "{\"product\":%lld}", w.router);
	r = case_product_add(&w, &w.tom, case2, body);
	assert_status(r, 201);
	assert_false(json_is_true(json_object_get(resp_json(r), "upstream")));
	resp_free(r);
	r = supply_chain(&w, &w.tom, case2);
	assert_status(r, 200);
	props = json_object_get(resp_json(r), "proposals");
	assert_int_equal(json_array_size(props), 3);
	check_proposal(json_array_get(props, 0), "acme", "vendor", "affected_product",
	    "Router X1", 1);
	check_proposal(json_array_get(props, 1), "beta", "upstream", "component_of_affected",
	    "Router X1 → libfoo", 2);
	check_proposal(json_array_get(props, 2), "gamma", "downstream", "includes_affected",
	    "Router X1 → Gateway G", 2);
	resp_free(r);

	/* The timeline and the audit trail of case 1's product. */
	snprintf(path, sizeof(path), "/api/v1/cases/%s/timeline", case1);
	r = api(w.s, "GET", path, &w.tom, NULL, NULL);
	assert_status(r, 200);
	o = json_object_get(resp_json(r), "items");
	snprintf(want, sizeof(want), "product:%lld upstream", w.libfoo);
	for (i = 0; i < json_array_size(o); i++) {
		it = json_array_get(o, i);
		if (strcmp(jstr(it, "event"), "product_added") != 0)
			continue;
		assert_false(found);	/* once: the refused second add left nothing */
		found = true;
		assert_string_equal(jstr(it, "detail"), want);
		assert_string_equal(jstr(it, "actor"), "tom");
	}
	assert_true(found);
	resp_free(r);
	r = api(w.s, "GET", "/api/v1/admin/audit?limit=200", &w.admin, NULL, NULL);
	assert_status(r, 200);
	o = json_object_get(resp_json(r), "items");
	snprintf(want, sizeof(want), "product=%lld org=beta upstream=1", w.libfoo);
	found = false;
	for (i = 0; i < json_array_size(o); i++) {
		it = json_array_get(o, i);
		if (strcmp(jstr(it, "action"), "case.product_add") != 0 ||
		    strcmp(jstr(it, "detail"), want) != 0)
			continue;
		found = true;
		snprintf(path, sizeof(path), "case:%s", case1);
		assert_string_equal(jstr(it, "subject"), path);
	}
	assert_true(found);
	snprintf(want, sizeof(want), "product:%lld", w.router);
	found = false;
	for (i = 0; i < json_array_size(o); i++) {
		it = json_array_get(o, i);
		if (strcmp(jstr(it, "action"), "product.component_add") == 0 &&
		    strcmp(jstr(it, "subject"), want) == 0)
			found = true;
	}
	assert_true(found);
	resp_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_products__cpe_purl_and_refusals,
		    srv_setup, srv_teardown),
		cmocka_unit_test_setup_teardown(test_products__components_across_vendors,
		    srv_setup, srv_teardown),
		cmocka_unit_test_setup_teardown(test_products__supply_chain_of_a_case,
		    srv_setup, srv_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
