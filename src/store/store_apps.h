#ifndef LOUDONG_STORE_STORE_APPS_H
#define LOUDONG_STORE_STORE_APPS_H

/*
 * The app fields of reports, received 报送 and products (issue 9;
 * domain/appinfo.h, 0017_app_fields.sql), kept in the clear beside the
 * rows they describe.  Implemented in store/intake.c (reports),
 * store/federation.c (received 报送) and store/products.c.  Include after
 * store/store.h.
 */
#include "domain/appinfo.h"
#include "store/store.h"

/*
 * A report's app.  store_report_insert writes r->app with the row and
 * store_report_get and store_report_list read it back; set replaces it.
 * The strings read live in the arena.
 */
enum app_err	 store_report_app_set(struct store *st, const char *id,
		    const struct appinfo *app);
enum app_err	 store_report_app_get(struct store *st, struct arena *a, const char *id,
		    struct appinfo *out);

/*
 * The report list (store_report_list) with two more filters: app, a
 * substring (ASCII case-insensitive, its %, _ and \ literal) of the app's
 * name, package or developer, and platform, one of the platform names
 * (NULL: either not filtered).  f->q also matches the app's name and
 * package.
 */
enum app_err	 store_report_list_app(struct store *st, struct arena *a,
		    const struct report_filter *f, const char *app, const char *platform,
		    struct report **out, size_t *n);

/* A received 报送's app (received_submissions.app_*). */
enum app_err	 store_received_app_set(struct store *st, const char *id,
		    const struct appinfo *app);
enum app_err	 store_received_app_get(struct store *st, struct arena *a, const char *id,
		    struct appinfo *out);

/* A received 报送 as listed: the row and its app. */
struct received_app_row {
	struct received_row	 r;
	struct appinfo		 app;
};
/* Newest first, rowid < cursor (0: from the newest); NULL filters: all (app as above). */
enum app_err	 store_received_list_app(struct store *st, struct arena *a, const char *state,
		    const char *app, const char *platform, int64_t cursor, int limit,
		    struct received_app_row **out, size_t *n);

/*
 * A product's app: its package, platform, store and developer (the name is
 * the product's own; a product keeps no app version).  APP_NOTFOUND when
 * there is no such product.
 */
enum app_err	 store_product_app_set(struct store *st, int64_t id,
		    const struct appinfo *app);
enum app_err	 store_product_app_get(struct store *st, struct arena *a, int64_t id,
		    struct appinfo *out);

#endif
