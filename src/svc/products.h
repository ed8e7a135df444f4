#ifndef LOUDONG_SVC_PRODUCTS_H
#define LOUDONG_SVC_PRODUCTS_H

/*
 * Products and the supply chain of a case (Art. 7(1), R4).  A product
 * lists its components (other products, possibly other vendors'); a case
 * lists the products it affects, each possibly marked upstream (the flaw
 * is in it as a component of others).  From these Loudong proposes whom
 * to notify: the upstream suppliers and the downstream vendors whose
 * products include an affected one.  The coordinator confirms a proposal
 * by adding the organisation to the case (svc_case_vendor_add).
 *
 * Who may: staff holding PERM_ORGS_READ read products; a vendor member
 * reads their own organisation's products (of the products that include
 * one, only their own organisation's), and searches all of them by name
 * for the pickers.  Components are changed by staff holding
 * PERM_ORGS_MANAGE or PERM_CASES_MANAGE, or by a vendor member for their
 * own organisation's products.  A case's products: PERM_CASES_MANAGE
 * (a vendor member reads those of a case shared with their organisation).
 */
#include "store/store.h"
#include "svc/svc.h"

#define SUPPLY_DEPTH		4	/* levels of components followed up or down */
#define SUPPLY_NODES		200	/* products one walk reaches at most */
#define SUPPLY_CYCLE_DEPTH	32	/* levels searched before adding a component */
#define SUPPLY_CYCLE_NODES	2000	/* products searched before adding a component */
#define CASE_PRODUCTS_MAX	100	/* products of a case read (and accepted) */
#define PRODUCT_SEARCH_DEFAULT	20	/* search results */
#define PRODUCT_SEARCH_MAX	50
#define PRODUCT_VERSIONS_MAX	1024	/* bytes of a versions text */

/*
 * A product with its components and the products that include it ("used
 * by"), each a walk of up to SUPPLY_DEPTH levels (see store_product_walk).
 * APP_NOTFOUND (field "id") for a product the actor may not read.
 */
enum app_err	svc_product_get(const struct svc_ctx *c, int64_t id, struct product *out,
		    struct product_link **components, size_t *ncomponents,
		    struct product_link **used_by, size_t *nused_by, struct fault *f);

/*
 * Record that product_id includes component_id (versions: those it ships,
 * may be NULL).  Refused: APP_NOTFOUND ("id", "component"), APP_FORBIDDEN
 * (rule rbac.role or rbac.org), APP_INVALID (itself, versions too long),
 * APP_CONFLICT (already a component, or the component includes the
 * product: a loop).  Audited as product.component_add on "product:<id>".
 */
enum app_err	svc_product_component_add(const struct svc_ctx *c, int64_t product_id,
		    int64_t component_id, const char *versions, struct fault *f);

/*
 * Products for a picker: of the organisation org_slug (NULL or "": any)
 * whose name, model, CPE or purl contains q (NULL or "": all), up to limit
 * (1..PRODUCT_SEARCH_MAX).
 */
enum app_err	svc_product_search(const struct svc_ctx *c, const char *org_slug,
		    const char *q, int limit, struct product **out, size_t *n,
		    struct fault *f);

/*
 * Add a product the case affects (versions may be NULL); upstream: the
 * flaw is in it as a component of others.  Writes the timeline event
 * product_added and the audit entry case.product_add on "case:<id>" in the
 * same transaction.  Refused: APP_NOTFOUND ("id" the case, "product"),
 * APP_CONFLICT (already in the case), APP_INVALID (versions too long, or
 * past CASE_PRODUCTS_MAX).
 */
enum app_err	svc_case_product_add(const struct svc_ctx *c, const char *case_id,
		    int64_t product_id, const char *versions, bool upstream,
		    struct fault *f);

/* The products of a case, in the order they were added. */
enum app_err	svc_case_products(const struct svc_ctx *c, const char *case_id,
		    struct case_product **out, size_t *n, struct fault *f);

/* Why an organisation is proposed, strongest first. */
enum supply_reason {
	SUPPLY_FLAW_IN_COMPONENT,	/* its product is affected, marked upstream */
	SUPPLY_AFFECTED_PRODUCT,	/* its product is affected */
	SUPPLY_COMPONENT_OF_AFFECTED,	/* its product is a component of an affected one */
	SUPPLY_INCLUDES_AFFECTED,	/* its product includes an affected one */
	SUPPLY__MAX
};
/* "flaw_in_component", ...; the role it proposes: "upstream", "vendor", "downstream". */
const char	*supply_reason_name(enum supply_reason r);
const char	*supply_reason_role(enum supply_reason r);

/* One reason: the product concerned and the path from the affected product to it. */
struct supply_why {
	enum supply_reason	 reason;
	const struct product	*product;	/* the organisation's product */
	const struct product	**path;		/* [0] the affected product ... [npath-1] product */
	size_t			 npath;
};

/* An organisation to notify, with every reason found. */
struct supply_proposal {
	int64_t			 org_id;
	const char		*org_slug;
	const char		*org_name;
	const char		*role;		/* of the strongest reason */
	enum supply_reason	 best;		/* the strongest reason */
	bool			 already_in_case;	/* a vendor of the case already */
	struct supply_why	*why;		/* in the order found */
	size_t			 nwhy;
	const struct product	**products;	/* its products concerned, by id */
	size_t			 nproducts;
};

/*
 * Whom to notify about a case: for each affected product, its own vendor
 * ("vendor", or "upstream" when marked upstream), the vendors of its
 * components ("upstream" candidates) and the vendors of the products that
 * include it ("downstream"), walks of SUPPLY_DEPTH levels.  One proposal
 * per organisation, its role that of its strongest reason; ordered by that
 * reason (enum supply_reason) and then slug.  Organisations already vendors
 * of the case are marked already_in_case.
 */
enum app_err	svc_case_supply_chain(const struct svc_ctx *c, const char *case_id,
		    struct supply_proposal **out, size_t *n, struct fault *f);

#endif
