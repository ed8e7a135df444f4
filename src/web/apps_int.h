#ifndef LOUDONG_WEB_APPS_INT_H
#define LOUDONG_WEB_APPS_INT_H

/*
 * The app fields on pages (issue 9; domain/appinfo.h), shared by the
 * pages that show them: the report form and page, the 报送 pages of both
 * sides, the registry's lists, the advisory pages.  In advisory_app.c.
 */
#include <stdbool.h>

#include "domain/advisory.h"
#include "domain/appinfo.h"
#include "http/req.h"

/* A platform name's label in the page's language; the name itself if unknown, "" for "". */
const char	*wa_platform_text(struct req *rq, const char *platform);

/* A list's cell: the app's name and its platform ("微信 · 小程序"), or a muted "none". */
void		 wa_cell(struct req *rq, const struct appinfo *app);

/*
 * The app's fields as <dt>/<dd> pairs inside a <dl>, the platform by its
 * label, a store that is a web address as a link; nothing when empty.
 */
void		 wa_dl(struct req *rq, const struct appinfo *app);

/*
 * The app fieldset of a form (应用信息 / App): one input per field, named
 * by its key (app_name, ...), with what was typed and each field's
 * problem from rq->errors.  Inside a <details> that is open when open is
 * set (a library of apps) or something was typed.  required: the keys
 * marked required ("" or NULL: none).
 */
void		 wa_fieldset(struct req *rq, const struct appinfo *typed, bool open,
		    const char *required);

/*
 * The app fields of a posted form (rq->form, which holds every field
 * posted: the report form declares none of them), into out (the strings
 * in the arena; "" when not sent).  A value holding NUL is refused later
 * as an encoding problem.
 */
void		 wa_read_form(struct req *rq, struct appinfo *out);

/* The two filters of a list's form: the app (a text field "app") and the platform ("platform"). */
void		 wa_filters(struct req *rq, const char *app, const char *platform);

/*
 * An advisory's products that are apps (d->apps), as a table under the
 * products (应用信息); nothing when none is.
 */
void		 wa_advisory_apps(struct req *rq, const struct adv_doc *d);

#endif
