#ifndef LOUDONG_SVC_APPS_H
#define LOUDONG_SVC_APPS_H

/*
 * App vulnerabilities (issue 9): the use cases around the app fields of
 * reports, 报送 and products (domain/appinfo.h).  A registry configured as
 * a specialised library ([registry] specialisation = app, e.g. CAPPVD)
 * requires [registry] app_required_fields on the 报送 it receives (R40,
 * svc_library_receive) and lists and searches them by app; every instance
 * accepts the app fields on reports, and on its products.
 *
 * Implemented beside the areas they belong to: svc/library.c (the
 * registry's list), svc/products.c (products), svc/submissions.c (the
 * provider's draft).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/advisory.h"
#include "domain/appinfo.h"
#include "store/store.h"
#include "store/store_apps.h"
#include "svc/svc.h"

/* Whether the instance is a registry specialised in apps ([registry] specialisation = app). */
bool		 svc_app_library(const struct config *cfg);

/*
 * Check the filters of a search by app: app (NULL or "": any) a line of
 * at most APP_QUERY_MAX characters, platform (NULL or "": any) one of the
 * platform names.  APP_OK, or APP_INVALID with the field ("app",
 * "platform") in f.
 */
enum app_err	 svc_app_filters(const char *app, const char *platform, struct fault *f);

/*
 * Staff: the 报送 received, newest first, with their apps, filtered by
 * state (NULL: all), app and platform as svc_app_filters takes them.
 * Registry role only.
 */
enum app_err	 svc_library_search(const struct svc_ctx *c, const char *state,
		    const char *app, const char *platform, int64_t cursor, int limit,
		    struct received_app_row **out, size_t *n, struct fault *f);

/*
 * A product's app, for whoever may read the product (svc_product_get's
 * rule); APP_NOTFOUND (field "id") otherwise.
 */
enum app_err	 svc_product_app_get(const struct svc_ctx *c, int64_t id,
		    struct appinfo *out, struct fault *f);

/*
 * Set a product's app (package, platform, store, developer; its name is the
 * product's): staff holding PERM_ORGS_MANAGE or PERM_CASES_MANAGE, or a
 * member of the product's organisation.  Checked as appinfo_check does
 * (problems in out[0..*np), APP_INVALID naming the first).  Audited as
 * product.app on "product:<id>".
 */
enum app_err	 svc_product_app_set(const struct svc_ctx *c, int64_t id,
		    const struct appinfo *app, struct app_problem out[AF__MAX], size_t *np,
		    struct fault *f);

/*
 * The apps of a drafted advisory's products (d->apps) from the products
 * of the case it was drafted from, in the same order (no check: the
 * drafting staff read the case).  d->apps stays NULL when none is an app.
 */
void		 svc_advisory_apps(const struct svc_ctx *c, const char *case_id,
		    struct adv_doc *d);

#endif
