/*
 * The app fields on pages (issue 9; web/apps_int.h): the app of a report,
 * a 报送 or a product, and the apps of an advisory's products.  A library
 * of mobile-internet apps (CAPPVD) lists, searches and shows them; other
 * instances show them where they were given.
 */
#include <string.h>

#include "core/arena.h"
#include "core/str.h"
#include "http/form.h"
#include "web/apps_int.h"
#include "web/layout.h"
#include "web/tmpl.h"

const char *
wa_platform_text(struct req *rq, const char *platform)
{
	int	p;

	if (platform == NULL || platform[0] == '\0')
		return "";
	if ((p = app_platform_parse(str_from(platform))) <= 0)
		return platform;
	return req_msg(rq, app_platform_label((enum app_platform)p));
}

void
wa_cell(struct req *rq, const struct appinfo *app)
{
	const char	*name = appinfo_get(app, AF_NAME);
	const char	*plat = wa_platform_text(rq, appinfo_get(app, AF_PLATFORM));

	if (name[0] == '\0' && plat[0] == '\0') {
		layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_NONE, "</span>");
		return;
	}
	tmpl_text(rq, name[0] != '\0' ? name : appinfo_get(app, AF_PACKAGE));
	if (plat[0] != '\0') {
		tmpl_raw(rq, " <span class=\"badge app-platform\">");	/* literal */
		tmpl_text(rq, plat);
		tmpl_raw(rq, "</span>");	/* literal */
	}
}

void
wa_dl(struct req *rq, const struct appinfo *app)
{
	const char	*v;
	int		 i;

	if (appinfo_empty(app))
		return;
	for (i = 0; i < AF__MAX; i++) {
		v = appinfo_get(app, (enum app_field)i);
		if (v[0] == '\0')
			continue;
		layout_wrap(rq, "<dt>", app_fields[i].label, "</dt><dd>");
		if (i == AF_PLATFORM)
			tmpl_text(rq, wa_platform_text(rq, v));
		else if (i == AF_PACKAGE) {
			tmpl_raw(rq, "<code>");	/* literal */
			tmpl_text(rq, v);
			tmpl_raw(rq, "</code>");	/* literal */
		} else if (i == AF_STORE && app_store_is_url(v)) {
			/* A store page: followed without telling it where from. */
			tmpl_raw(rq, "<a rel=\"noopener noreferrer nofollow\"");	/* literal */
			tmpl_href(rq, v);
			tmpl_raw(rq, ">");	/* literal */
			tmpl_text(rq, v);
			tmpl_raw(rq, "</a>");	/* literal */
		} else
			tmpl_text(rq, v);
		tmpl_raw(rq, "</dd>");	/* literal */
	}
}

/* Whether key is in the comma-separated list. */
static bool
listed(const char *list, const char *key)
{
	struct str	rest = str_from(list != NULL ? list : ""), t;

	while (rest.n > 0) {
		t = str_trim(str_split(&rest, ','));
		if (str_eq(t, key))
			return true;
	}
	return false;
}

/* The platform <select>: "" (not said, or all when filtering) and the six. */
static void
platform_options(struct req *rq, const char *cur, enum msg_id none)
{
	int	p;

	tmpl_raw(rq, "<option value=\"\">");	/* literal */
	tmpl_msg(rq, none);
	tmpl_raw(rq, "</option>");	/* literal */
	for (p = APLAT_NONE + 1; p < APLAT__MAX; p++) {
		tmpl_raw(rq, "<option");	/* literal */
		tmpl_attr(rq, "value", app_platform_name((enum app_platform)p));
		if (cur != NULL && strcmp(cur, app_platform_name((enum app_platform)p)) == 0)
			tmpl_raw(rq, " selected");	/* literal */
		tmpl_raw(rq, ">");	/* literal */
		tmpl_msg(rq, app_platform_label((enum app_platform)p));
		tmpl_raw(rq, "</option>");	/* literal */
	}
}

void
wa_fieldset(struct req *rq, const struct appinfo *typed, bool open, const char *required)
{
	struct layout_control	 c;
	const char		*v;
	int			 i;

	open = open || !appinfo_empty(typed);
	for (i = 0; i < AF__MAX && !open; i++)
		open = layout_field_problem(rq, app_fields[i].key) != NULL;
	tmpl_raw(rq, open ? "<details class=\"app-fields\" open>" :
	    "<details class=\"app-fields\">");	/* literal: either */
	layout_wrap(rq, "<summary>", MSG_APP_SECTION, "</summary>");
	tmpl_raw(rq, "<fieldset class=\"group\"><legend>");	/* literal */
	tmpl_msg(rq, MSG_APP_SECTION);
	tmpl_raw(rq, "</legend>");	/* literal */
	layout_wrap(rq, "<p class=\"hint\">", MSG_APP_SECTION_HINT, "</p>");
	for (i = 0; i < AF__MAX; i++) {
		memset(&c, 0, sizeof(c));
		c.name = app_fields[i].key;
		c.id = arena_printf(rq->arena, "f-%s", app_fields[i].key);
		c.label = app_fields[i].label;
		c.hint = i == AF_PACKAGE ? MSG_APP_F_PACKAGE_HINT : MSG_OK;
		c.err = layout_field_problem(rq, app_fields[i].key);
		c.optional = !listed(required, app_fields[i].key);
		v = appinfo_get(typed, (enum app_field)i);
		if (i == AF_PLATFORM) {
			layout_control_open(rq, &c);
			tmpl_raw(rq, "<select");	/* literal */
			layout_control_attrs(rq, &c);
			tmpl_raw(rq, ">");	/* literal */
			platform_options(rq, v, MSG_WEB_SUB_NOT_CHOSEN);
			tmpl_raw(rq, "</select></div>\n");	/* literal */
		} else
			layout_text_input(rq, &c, "text", v, app_fields[i].max, !c.optional);
	}
	tmpl_raw(rq, "</fieldset></details>\n");	/* literal */
}

void
wa_read_form(struct req *rq, struct appinfo *out)
{
	const struct str	*s;
	int			 i;

	for (i = 0; i < AF__MAX; i++) {
		out->v[i] = "";
		if ((s = form_get(rq->form, rq->nform, app_fields[i].key)) == NULL ||
		    s->n == 0)
			continue;
		/* A NUL cannot be kept in a C string: DEL stands in, which the check refuses. */
		out->v[i] = memchr(s->p, '\0', s->n) != NULL ? "\x7f" :
		    arena_strndup(rq->arena, s->p, s->n);
	}
}

void
wa_filters(struct req *rq, const char *app, const char *platform)
{
	tmpl_raw(rq, "<div class=\"field\"><label for=\"q-app\">");	/* literal */
	tmpl_msg(rq, MSG_APP_FILTER);
	tmpl_raw(rq, "</label><input type=\"search\" id=\"q-app\" name=\"app\" "
	    "maxlength=\"100\"");	/* literal */
	tmpl_attr(rq, "value", app != NULL ? app : "");
	tmpl_raw(rq, "></div><div class=\"field\"><label for=\"q-platform\">");	/* literal */
	tmpl_msg(rq, MSG_APP_FILTER_PLATFORM);
	tmpl_raw(rq, "</label><select id=\"q-platform\" name=\"platform\">");	/* literal */
	platform_options(rq, platform, MSG_APP_ALL_PLATFORMS);
	tmpl_raw(rq, "</select></div>");	/* literal */
}

void
wa_advisory_apps(struct req *rq, const struct adv_doc *d)
{
	const struct appinfo	*app;
	size_t			 i;
	bool			 any = false;

	for (i = 0; i < d->nproducts && !any; i++)
		any = adv_product_app(d, i) != NULL;
	if (!any)
		return;
	layout_wrap(rq, "<h3>", MSG_APP_SECTION, "</h3>\n");
	tmpl_raw(rq, "<div class=\"table-wrap\"><table class=\"data adv-apps\"><thead><tr>");	/* literal */
	layout_th(rq, MSG_PUB_PRODUCT);
	layout_th(rq, MSG_APP_F_PLATFORM);
	layout_th(rq, MSG_APP_F_PACKAGE);
	layout_th(rq, MSG_APP_F_STORE);
	layout_th(rq, MSG_APP_F_DEVELOPER);
	tmpl_raw(rq, "</tr></thead><tbody>\n");	/* literal */
	for (i = 0; i < d->nproducts; i++) {
		if ((app = adv_product_app(d, i)) == NULL)
			continue;
		tmpl_raw(rq, "<tr><td>");	/* literal */
		tmpl_text(rq, appinfo_get(app, AF_NAME)[0] != '\0' ?
		    appinfo_get(app, AF_NAME) : d->products[i].product);
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_text(rq, wa_platform_text(rq, appinfo_get(app, AF_PLATFORM)));
		tmpl_raw(rq, "</td><td><code>");	/* literal */
		tmpl_text(rq, appinfo_get(app, AF_PACKAGE));
		tmpl_raw(rq, "</code></td><td>");	/* literal */
		if (app_store_is_url(appinfo_get(app, AF_STORE))) {
			tmpl_raw(rq, "<a rel=\"noopener noreferrer nofollow\"");	/* literal */
			tmpl_href(rq, appinfo_get(app, AF_STORE));
			tmpl_raw(rq, ">");	/* literal */
			tmpl_msg(rq, MSG_APP_STORE_LINK);
			tmpl_raw(rq, "</a>");	/* literal */
		} else
			tmpl_text(rq, appinfo_get(app, AF_STORE));
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_text(rq, appinfo_get(app, AF_DEVELOPER));
		tmpl_raw(rq, "</td></tr>\n");	/* literal */
	}
	tmpl_raw(rq, "</tbody></table></div>\n");	/* literal */
}
