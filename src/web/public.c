/*
 * The public site (issue 7): what anyone may read without an account, all
 * made from the public record (svc/publication.h) and nothing else.
 *
 *   GET /advisories                 the list: vendor, product, grade, from, to, q
 *   GET /advisories/{id}            one advisory with every GB/T 28458 item
 *   GET /advisories.atom            the Atom feed
 *   GET /.well-known/security.txt   RFC 9116, Expires always ahead
 *   GET /.well-known/csaf/...       the CSAF trusted-provider layout
 *
 * Every route is R_PUBLIC: no session is looked at, so one answer fits
 * every reader of a language and shared caches may keep it (http/ adds
 * Cache-Control from [advisories] public_cache_seconds and an ETag, and
 * answers repeated reads from its cache: http/pubcache.h).
 */
#include <string.h>

#include "core/arena.h"
#include "core/calendar.h"
#include "core/config.h"
#include "core/sbuf.h"
#include "formats/formats.h"
#include "svc/pfiling.h"
#include "svc/publication.h"
#include "web/apps_int.h"
#include "web/layout.h"
#include "web/tmpl.h"
#include "web/web.h"
#include "web/web_int.h"

#define LIST_ROWS	50
#define FEED_ROWS	100

static const char *
grade_label(struct req *rq, const char *grade)
{
	static const struct { const char *key; enum msg_id m; } g[] = {
		{ "critical", MSG_PUB_GRADE_CRITICAL }, { "high", MSG_PUB_GRADE_HIGH },
		{ "medium", MSG_PUB_GRADE_MEDIUM }, { "low", MSG_PUB_GRADE_LOW },
	};

	for (size_t i = 0; grade != NULL && i < sizeof g / sizeof g[0]; i++)
		if (strcmp(grade, g[i].key) == 0)
			return req_msg(rq, g[i].m);
	return "";
}

/* ---- the list ---- */

enum { L_VENDOR, L_PRODUCT, L_GRADE, L_FROM, L_TO, L_Q, L_PAGE };
static const struct param list_params[] = {
	{ "vendor", PARAM_TEXT, 1, 200, false },
	{ "product", PARAM_TEXT, 1, 200, false },
	{ "grade", PARAM_TEXT, 1, 16, false },
	{ "from", PARAM_TEXT, 10, 10, false },	/* YYYY-MM-DD */
	{ "to", PARAM_TEXT, 10, 10, false },
	{ "q", PARAM_TEXT, 1, 200, false },
	{ "page", PARAM_I64, 1, 10000, false },
};

static void
filter_field(struct req *rq, const char *name, enum msg_id label, const char *value,
    const char *type)
{
	tmpl_raw(rq, "<label>");
	tmpl_msg(rq, label);
	tmpl_raw(rq, " <input");
	tmpl_attr(rq, "type", type);
	tmpl_attr(rq, "name", name);
	tmpl_attr(rq, "value", value != NULL ? value : "");
	tmpl_raw(rq, "></label>\n");
}

static void
filter_form(struct req *rq)
{
	static const char *const grades[] = { "critical", "high", "medium", "low" };
	const char *g = req_opt(rq, L_GRADE);

	tmpl_raw(rq, "<form class=\"filters\" method=\"get\" action=\"/advisories\">\n");
	filter_field(rq, "q", MSG_PUB_SEARCH, req_opt(rq, L_Q), "search");
	filter_field(rq, "vendor", MSG_PUB_VENDOR, req_opt(rq, L_VENDOR), "text");
	filter_field(rq, "product", MSG_PUB_PRODUCT, req_opt(rq, L_PRODUCT), "text");
	tmpl_raw(rq, "<label>");
	tmpl_msg(rq, MSG_PUB_GRADE);
	tmpl_raw(rq, " <select name=\"grade\"><option value=\"\">—</option>");
	for (size_t i = 0; i < sizeof grades / sizeof grades[0]; i++) {
		tmpl_raw(rq, "<option");
		tmpl_attr(rq, "value", grades[i]);
		if (g != NULL && strcmp(g, grades[i]) == 0)
			tmpl_raw(rq, " selected");
		tmpl_raw(rq, ">");
		tmpl_text(rq, grade_label(rq, grades[i]));
		tmpl_raw(rq, "</option>");
	}
	tmpl_raw(rq, "</select></label>\n");
	filter_field(rq, "from", MSG_PUB_FROM, req_opt(rq, L_FROM), "date");
	filter_field(rq, "to", MSG_PUB_TO, req_opt(rq, L_TO), "date");
	layout_submit(rq, MSG_PUB_FILTER);
	tmpl_raw(rq, "</form>\n");
}

static int64_t
day_param(struct req *rq, size_t i, bool end)
{
	const char	*s = req_opt(rq, i);
	int64_t		 day;

	if (s == NULL || date_parse(s, strlen(s), &day) != 0)
		return 0;
	return date_start_time(end ? day + 1 : day);
}

static enum app_err
list_get(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct public_filter	 flt = { 0 };
	struct public_advisory	*p;
	struct fault		 f;
	size_t			 n;
	int			 page = req_param(rq, L_PAGE)->present ?
				    (int)req_param(rq, L_PAGE)->i : 1;

	flt.vendor = req_opt(rq, L_VENDOR);
	flt.product = req_opt(rq, L_PRODUCT);
	flt.grade = req_opt(rq, L_GRADE);
	flt.q = req_opt(rq, L_Q);
	flt.from = day_param(rq, L_FROM, false);
	flt.to = day_param(rq, L_TO, true);
	flt.withdrawn = true;
	if (svc_public_list(&c, &flt, (page - 1) * LIST_ROWS, LIST_ROWS, false, &p, &n, &f) !=
	    APP_OK)
		return req_fault(rq, &f);
	resp_html(rq, 200);
	layout_begin(rq, MSG_PUB_ADVISORIES);
	tmpl_raw(rq, "<h1>");
	tmpl_msg(rq, MSG_PUB_ADVISORIES);
	tmpl_raw(rq, "</h1>\n<p><a href=\"/advisories.atom\">Atom</a> · "
	    "<a href=\"/.well-known/csaf/provider-metadata.json\">CSAF</a> · "
	    "<a href=\"/api/v1/advisories\">JSON</a></p>\n");
	filter_form(rq);
	if (n == 0) {
		tmpl_raw(rq, "<p>");
		tmpl_msg(rq, MSG_PUB_NONE);
		tmpl_raw(rq, "</p>\n");
	} else {
		tmpl_raw(rq, "<table class=\"list\"><thead><tr><th>");
		tmpl_msg(rq, MSG_PUB_ID);
		tmpl_raw(rq, "</th><th>");
		tmpl_msg(rq, MSG_PUB_TITLE);
		tmpl_raw(rq, "</th><th>");
		tmpl_msg(rq, MSG_PUB_GRADE);
		tmpl_raw(rq, "</th><th>");
		tmpl_msg(rq, MSG_PUB_PUBLISHED);
		tmpl_raw(rq, "</th></tr></thead><tbody>\n");
	}
	for (size_t i = 0; i < n; i++) {
		tmpl_raw(rq, "<tr><td><a");
		tmpl_href(rq, arena_printf(rq->arena, "/advisories/%s", p[i].id));
		tmpl_raw(rq, ">");
		tmpl_text(rq, p[i].id);
		tmpl_raw(rq, "</a></td><td>");
		if (p[i].withdrawn_at != 0) {
			tmpl_raw(rq, "<s>");
			tmpl_text(rq, p[i].title);
			tmpl_raw(rq, "</s> ");
			tmpl_msg(rq, MSG_PUB_WITHDRAWN);
		} else
			tmpl_text(rq, p[i].title);
		tmpl_raw(rq, "</td><td>");
		tmpl_text(rq, grade_label(rq, p[i].grade));
		tmpl_raw(rq, "</td><td>");
		tmpl_time(rq, p[i].published_at);
		tmpl_raw(rq, "</td></tr>\n");
	}
	if (n > 0)
		tmpl_raw(rq, "</tbody></table>\n");
	if (n == LIST_ROWS) {
		tmpl_raw(rq, "<p><a");
		tmpl_href(rq, arena_printf(rq->arena, "/advisories?page=%d", page + 1));
		tmpl_raw(rq, ">");
		tmpl_msg(rq, MSG_PUB_MORE);
		tmpl_raw(rq, "</a></p>\n");
	}
	layout_end(rq);
	return APP_OK;
}

/* ---- one advisory ---- */

enum { V_ID };
static const struct param view_params[] = {
	{ "id", PARAM_TEXT, 1, 64, true },
};

static void
item(struct req *rq, enum msg_id label, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	tmpl_raw(rq, "<dt>");
	tmpl_msg(rq, label);
	tmpl_raw(rq, "</dt><dd>");
	tmpl_text(rq, value);
	tmpl_raw(rq, "</dd>\n");
}

/* A multi-line text as paragraphs, escaped (never Markdown: the public page shows text). */
static void
section(struct req *rq, enum msg_id heading, const char *text)
{
	if (text == NULL || *text == '\0')
		return;
	tmpl_raw(rq, "<h2>");
	tmpl_msg(rq, heading);
	tmpl_raw(rq, "</h2>\n<div class=\"text\">");
	tmpl_text(rq, text);
	tmpl_raw(rq, "</div>\n");
}

static void
products_table(struct req *rq, const struct adv_doc *d)
{
	tmpl_raw(rq, "<h2>");
	tmpl_msg(rq, MSG_PUB_AFFECTED);
	tmpl_raw(rq, "</h2>\n<table class=\"list\"><thead><tr><th>");
	tmpl_msg(rq, MSG_PUB_VENDOR);
	tmpl_raw(rq, "</th><th>");
	tmpl_msg(rq, MSG_PUB_PRODUCT);
	tmpl_raw(rq, "</th><th>");
	tmpl_msg(rq, MSG_PUB_VERSIONS);
	tmpl_raw(rq, "</th><th>");
	tmpl_msg(rq, MSG_PUB_FIXED_IN);
	tmpl_raw(rq, "</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < d->nproducts; i++) {
		const struct adv_product *p = &d->products[i];

		tmpl_raw(rq, "<tr><td>");
		tmpl_text(rq, p->vendor);
		tmpl_raw(rq, "</td><td>");
		tmpl_text(rq, p->product);
		if (*p->model != '\0') {
			tmpl_raw(rq, " ");
			tmpl_text(rq, p->model);
		}
		tmpl_raw(rq, "</td><td>");
		tmpl_text(rq, *p->versions != '\0' ? p->versions : "*");
		tmpl_raw(rq, "</td><td>");
		tmpl_text(rq, p->fixed_version);
		tmpl_raw(rq, "</td></tr>\n");
	}
	tmpl_raw(rq, "</tbody></table>\n");
}

static void
facts(struct req *rq, const struct public_advisory *row, const struct adv_doc *d)
{
	struct sbuf ids, cvss;

	sbuf_init(&ids, rq->arena, 4096);
	sbuf_init(&cvss, rq->arena, 4096);
	for (size_t i = 0; i < d->nids; i++)
		sbuf_addf(&ids, "%s%s", i ? ", " : "", d->ids[i].value);
	for (size_t i = 0; i < d->ncvss; i++)
		sbuf_addf(&cvss, "%s%s (%d.%d)", i ? "; " : "", d->cvss[i].vector,
		    d->cvss[i].score10 / 10, d->cvss[i].score10 % 10);
	tmpl_raw(rq, "<dl class=\"facts\">\n");
	item(rq, MSG_PUB_ID, d->id);
	tmpl_raw(rq, "<dt>");
	tmpl_msg(rq, MSG_PUB_PUBLISHED);
	tmpl_raw(rq, "</dt><dd>");
	tmpl_time(rq, row->published_at);
	tmpl_raw(rq, "</dd>\n<dt>");
	tmpl_msg(rq, MSG_PUB_UPDATED);
	tmpl_raw(rq, "</dt><dd>");
	tmpl_time(rq, row->updated_at);
	tmpl_raw(rq, "</dd>\n");
	item(rq, MSG_PUB_PUBLISHER, d->publisher);
	item(rq, MSG_PUB_VERIFIER, d->verifier);
	item(rq, MSG_PUB_DISCOVERER, d->discoverer_anonymous ? req_msg(rq, MSG_PUB_ANONYMOUS) :
	    d->discoverer);
	item(rq, MSG_PUB_CATEGORY, *d->category_name != '\0' ? d->category_name : d->category);
	item(rq, MSG_PUB_GRADE, grade_label(rq, d->grade));
	item(rq, MSG_PUB_RELATED, ids.buf);
	item(rq, MSG_PUB_CVSS, cvss.buf);
	if (d->ncwes > 0)
		item(rq, MSG_PUB_CWE, arena_printf(rq->arena, "%s %s", d->cwes[0].id,
		    d->cwes[0].name));
	tmpl_raw(rq, "</dl>\n");
}

static void
downloads(struct req *rq, const char *id)
{
	static const char *const fmts[] = { "csaf", "cve5", "osv", "gbt28458" };

	tmpl_raw(rq, "<p class=\"formats\">");
	tmpl_msg(rq, MSG_PUB_FORMATS);
	tmpl_raw(rq, " <a");
	tmpl_href(rq, arena_printf(rq->arena, "/api/v1/advisories/%s", id));
	tmpl_raw(rq, ">JSON</a>");
	for (size_t i = 0; i < sizeof fmts / sizeof fmts[0]; i++) {
		tmpl_raw(rq, " · <a");
		tmpl_href(rq, arena_printf(rq->arena, "/api/v1/advisories/%s/%s", id, fmts[i]));
		tmpl_raw(rq, ">");
		tmpl_text(rq, fmts[i]);
		tmpl_raw(rq, "</a>");
	}
	tmpl_raw(rq, "</p>\n");
}

static enum app_err
view_get(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct public_advisory	 row;
	struct adv_doc		 d;
	struct fault		 f;

	if (svc_public_get(&c, req_param(rq, V_ID)->s.p, &row, &d, &f) != APP_OK)
		return req_fault(rq, &f);
	resp_html(rq, 200);
	layout_begin(rq, MSG_PUB_ADVISORY);
	tmpl_raw(rq, "<h1>");
	tmpl_text(rq, d.title);
	tmpl_raw(rq, "</h1>\n");
	if (row.withdrawn_at != 0) {
		tmpl_raw(rq, "<p class=\"flash error\">");
		tmpl_msg(rq, MSG_PUB_WITHDRAWN);
		tmpl_raw(rq, " ");
		tmpl_text(rq, d.withdrawn_reason);
		tmpl_raw(rq, "</p>\n");
	}
	facts(rq, &row, &d);
	section(rq, MSG_PUB_SUMMARY, d.summary);
	products_table(rq, &d);
	wa_advisory_apps(rq, &d);	/* the products that are apps (issue 9) */
	section(rq, MSG_PUB_EXISTENCE, d.existence);
	section(rq, MSG_PUB_DETECTION, d.detection);
	section(rq, MSG_PUB_SOLUTION, d.solution);
	section(rq, MSG_PUB_MITIGATION, d.mitigation);
	section(rq, MSG_PUB_OTHER, d.other);
	if (d.nrefs > 0) {
		tmpl_raw(rq, "<h2>");
		tmpl_msg(rq, MSG_PUB_REFERENCES);
		tmpl_raw(rq, "</h2>\n<ul>\n");
		for (size_t i = 0; i < d.nrefs; i++) {
			tmpl_raw(rq, "<li><a rel=\"nofollow noopener\"");
			tmpl_href(rq, d.refs[i].url);
			tmpl_raw(rq, ">");
			tmpl_text(rq, *d.refs[i].label != '\0' ? d.refs[i].label : d.refs[i].url);
			tmpl_raw(rq, "</a></li>\n");
		}
		tmpl_raw(rq, "</ul>\n");
	}
	downloads(rq, d.id);
	layout_end(rq);
	return APP_OK;
}

/* ---- the feed, security.txt, CSAF ---- */

static enum app_err
atom_get(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct public_filter	 flt = { .withdrawn = true };
	struct public_advisory	*p;
	struct atom_entry	*e;
	struct fmt_publisher	 pub;
	struct fault		 f;
	size_t			 n;
	int64_t			 updated = 0;

	if (svc_public_list(&c, &flt, 0, FEED_ROWS, false, &p, &n, &f) != APP_OK)
		return req_fault(rq, &f);
	e = arena_calloc(rq->arena, n + 1, sizeof *e);
	for (size_t i = 0; i < n; i++) {
		e[i] = (struct atom_entry){ p[i].id, p[i].title, "", p[i].grade,
		    p[i].published_at, p[i].updated_at, p[i].withdrawn_at };
		if (p[i].updated_at > updated)
			updated = p[i].updated_at;
	}
	svc_fmt_publisher(&c, &pub);
	sbuf_reset(&rq->out);
	fmt_atom(&pub, e, n, updated != 0 ? updated : rq->now, &rq->out);
	rq->status = 200;
	rq->ctype = "application/atom+xml; charset=utf-8";
	return APP_OK;
}

static enum app_err
security_txt_get(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fmt_publisher	 pub;
	struct pfiling_shown	 sh;
	const struct config	*cfg = rq->cfg;
	char			 expires[32];

	svc_fmt_publisher(&c, &pub);
	/* RFC 9116 §2.5.5: always ahead, never more than a year. */
	time_format_utc(rq->now + (int64_t)cfg->sectxt_expires_days * 86400, expires,
	    sizeof expires);
	sbuf_reset(&rq->out);
	sbuf_addf(&rq->out, "# %s\n", cfg->name);
	/*
	 * A collection platform's 备案编号 (办法 第五条, R41) as a comment:
	 * RFC 9116 has no field for it, and parsers skip comments.
	 */
	if (cfg->role == ROLE_PLATFORM) {
		svc_pfiling_shown(cfg, &sh);
		if (sh.number[0] != '\0')
			sbuf_addf(&rq->out, "# 备案编号 (filing number): %s\n", sh.number);
		else
			sbuf_addf(&rq->out, "# 备案 (filing): %s\n",
			    platform_filing_status_name(sh.status));
	}
	sbuf_addf(&rq->out, "Contact: %s\n", pub.contact);
	sbuf_addf(&rq->out, "Contact: %s/reports/new\n", cfg->base_url);
	sbuf_addf(&rq->out, "Expires: %s\n", expires);
	if (*cfg->sectxt_policy != '\0')	/* optional (§2.5.7): only a real page */
		sbuf_addf(&rq->out, "Policy: %s\n", cfg->sectxt_policy);
	sbuf_addf(&rq->out, "Preferred-Languages: %s\n", cfg->sectxt_languages);
	sbuf_addf(&rq->out, "Canonical: %s/.well-known/security.txt\n", cfg->base_url);
	sbuf_addf(&rq->out, "CSAF: %s/.well-known/csaf/provider-metadata.json\n",
	    cfg->base_url);
	rq->status = 200;
	rq->ctype = "text/plain; charset=utf-8";
	resp_header(rq, "Cache-Control", "public, max-age=3600");
	return APP_OK;
}

enum { CS_A, CS_B, CS_C };
static const struct param csaf_params[] = {
	{ "a", PARAM_TEXT, 1, 64, true },
	{ "b", PARAM_TEXT, 1, 128, false },
	{ "c", PARAM_TEXT, 1, 128, false },
};

static enum app_err
csaf_get(struct req *rq)
{
	struct svc_ctx	 c = web_ctx(rq);
	struct fault	 f;
	const char	*type = NULL, *path = req_param(rq, CS_A)->s.p;

	if (req_opt(rq, CS_B) != NULL)
		path = arena_printf(rq->arena, "%s/%s", path, req_opt(rq, CS_B));
	if (req_opt(rq, CS_C) != NULL)
		path = arena_printf(rq->arena, "%s/%s", path, req_opt(rq, CS_C));
	sbuf_reset(&rq->out);
	if (svc_csaf_file(&c, path, &rq->out, &type, &f) != APP_OK)
		return req_fault(rq, &f);
	rq->status = 200;
	rq->ctype = type;
	return APP_OK;
}

const struct route public_web_routes[] = {
	{ HTTP_GET, "/advisories", PERM_NONE, R_WEB | R_PUBLIC, PARAMS(list_params), list_get },
	{ HTTP_GET, "/advisories.atom", PERM_NONE, R_PUBLIC, NOPARAMS, atom_get },
	{ HTTP_GET, "/advisories/{id}", PERM_NONE, R_WEB | R_PUBLIC, PARAMS(view_params),
	  view_get },
	{ HTTP_GET, "/.well-known/security.txt", PERM_NONE, R_PUBLIC, NOPARAMS,
	  security_txt_get },
	{ HTTP_GET, "/.well-known/csaf/{a}", PERM_NONE, R_PUBLIC, PARAMS(csaf_params),
	  csaf_get },
	{ HTTP_GET, "/.well-known/csaf/{a}/{b}", PERM_NONE, R_PUBLIC, PARAMS(csaf_params),
	  csaf_get },
	{ HTTP_GET, "/.well-known/csaf/{a}/{b}/{c}", PERM_NONE, R_PUBLIC, PARAMS(csaf_params),
	  csaf_get },
};
const size_t public_web_nroutes = sizeof(public_web_routes) / sizeof(public_web_routes[0]);
