/*
 * The public record and everything made from it (see publication.h).
 */
#include "svc/publication.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/arena.h"
#include "core/calendar.h"
#include "core/config.h"
#include "core/log.h"
#include "core/pubgen.h"
#include "core/sbuf.h"
#include "crypto/crypto.h"
#include "crypto/openpgp.h"

#ifndef LOUDONG_VERSION
#define LOUDONG_VERSION "0"
#endif

#define PUBLIC_ALL_MAX	100000	/* advisories listed by the CSAF index and feeds */

static const char *const format_names[PFMT__MAX] = { "json", "csaf", "cve5", "osv",
    "gbt28458" };

const char *
pub_format_name(enum pub_format f)
{
	return (unsigned)f < PFMT__MAX ? format_names[f] : "?";
}

int
pub_format_parse(const char *text)
{
	for (int i = 0; text != NULL && i < PFMT__MAX; i++)
		if (strcmp(text, format_names[i]) == 0)
			return i;
	return -1;
}

const char *
pub_format_type(enum pub_format f)
{
	switch (f) {
	case PFMT_GBT28458:
		return "application/xml; charset=utf-8";
	default:
		return "application/json";
	}
}

const char *
pub_format_ext(enum pub_format f)
{
	return f == PFMT_GBT28458 ? ".xml" : ".json";
}

const char *
svc_openpgp_home(const struct svc_ctx *c)
{
	return arena_printf(c->a, "%s/openpgp", c->cfg->data_dir);
}

void
svc_fmt_publisher(const struct svc_ctx *c, struct fmt_publisher *p)
{
	const struct config *cfg = c->cfg;

	memset(p, 0, sizeof *p);
	p->name = cfg->name;
	p->base_url = cfg->base_url;
	if (*cfg->adv_contact != '\0')
		p->contact = cfg->adv_contact;
	else if (*cfg->mail_from != '\0' && strchr(cfg->mail_from, '<') == NULL)
		p->contact = arena_printf(c->a, "mailto:%s", cfg->mail_from);
	else
		p->contact = arena_printf(c->a, "%s/report", cfg->base_url);
	p->namespace_url = cfg->base_url;
	p->category = *cfg->csaf_category != '\0' ? cfg->csaf_category :
	    cfg->role == ROLE_PROVIDER ? "vendor" : "coordinator";
	p->cve_org_id = cfg->cve_org_id;
	p->cve_short_name = cfg->cve_short_name;
	p->osv_prefix = "";
	p->tool_version = LOUDONG_VERSION;
}

/* ASCII lower-case copy (the search column; CJK text is unchanged). */
static void
add_lower(struct sbuf *sb, const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		sbuf_addch(sb, *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s);
	sbuf_addch(sb, '\n');
}

/* The previous public record's history and first publication, if any. */
static void
previous(const struct svc_ctx *c, const char *id, struct adv_doc *prev, bool *had)
{
	struct public_advisory	 p;
	json_t			*o;
	const char		*field;
	enum msg_id		 msg;

	*had = false;
	memset(prev, 0, sizeof *prev);
	if (store_public_get(c->st, c->a, id, &p) != APP_OK || p.doc == NULL)
		return;
	if ((o = json_loads(p.doc, 0, NULL)) == NULL)
		return;
	*had = fmt_adv_from_json(c->a, o, prev, &field, &msg) == 0;
	json_decref(o);
}

static enum app_err
put_public(const struct svc_ctx *c, const struct adv_doc *d, int version, int64_t published_at)
{
	struct public_advisory	 p = { 0 };
	struct sbuf		 vendors, products, search;
	char			*doc;

	sbuf_init(&vendors, c->a, 1 << 16);
	sbuf_init(&products, c->a, 1 << 16);
	sbuf_init(&search, c->a, 1 << 20);
	add_lower(&search, d->id);
	add_lower(&search, d->title);
	add_lower(&search, d->summary);
	for (size_t i = 0; i < d->nproducts; i++) {
		sbuf_addf(&vendors, "%s%s", i ? "\n" : "", d->products[i].vendor);
		sbuf_addf(&products, "%s%s", i ? "\n" : "", d->products[i].product);
		add_lower(&search, d->products[i].vendor);
		add_lower(&search, d->products[i].product);
	}
	for (size_t i = 0; i < d->nids; i++)
		add_lower(&search, d->ids[i].value);
	for (size_t i = 0; i < d->ncwes; i++)
		add_lower(&search, d->cwes[i].id);
	if ((doc = fmt_adv_text(c->a, d)) == NULL || sbuf_err(&search) != APP_OK)
		return APP_INTERNAL;
	p.id = d->id;
	p.version = version;
	p.doc = doc;
	p.title = d->title;
	p.grade = d->grade;
	p.vendors = vendors.buf != NULL ? vendors.buf : "";
	p.products = products.buf != NULL ? products.buf : "";
	p.search = search.buf != NULL ? search.buf : "";
	p.published_at = published_at;
	p.updated_at = d->updated_at;
	return store_public_put(c->st, &p);
}

/* Other processes (the CLI) learn of the change through meta public_gen. */
static enum app_err
mark_changed(const struct svc_ctx *c)
{
	char gen[32];

	snprintf(gen, sizeof gen, "%lld.%llu", (long long)c->now,
	    (unsigned long long)crypto_random_uniform(1000000000u));
	return store_meta_set(c->st, "public_gen", gen);
}

enum app_err
svc_publication_put(const struct svc_ctx *c, const struct advisory_row *r,
    const struct adv_doc *in)
{
	struct adv_doc	 d = *in, prev;
	bool		 had;
	size_t		 n;
	enum app_err	 er;

	previous(c, r->id, &prev, &had);
	d.id = r->id;
	d.publisher = c->cfg->name;
	d.publisher_url = c->cfg->base_url;
	d.published_at = had && prev.published_at != 0 ? prev.published_at : c->now;
	d.updated_at = c->now;
	d.withdrawn_at = 0;
	d.withdrawn_reason = "";
	/* Public revisions count 1, 2, 3 … (CSAF §6.1.21: no gaps). */
	n = had ? prev.nhistory : 0;
	d.history = arena_calloc(c->a, n + 1, sizeof *d.history);
	if (n > 0)
		memcpy(d.history, prev.history, n * sizeof *d.history);
	d.history[n].version = (int)n + 1;
	d.history[n].date = c->now;
	d.history[n].summary = n == 0 ? "Initial public release. 首次发布。" :
	    arena_printf(c->a, "Revision %zu. 第 %zu 次修订。", n + 1, n + 1);
	d.nhistory = n + 1;
	d.version = (int)n + 1;
	if ((er = put_public(c, &d, r->version, d.published_at)) != APP_OK)
		return er;
	return mark_changed(c);
}

enum app_err
svc_publication_withdraw(const struct svc_ctx *c, const struct advisory_row *r)
{
	struct adv_doc	 d;
	bool		 had;
	enum app_err	 er;

	previous(c, r->id, &d, &had);
	if (!had)
		return APP_OK;
	d.withdrawn_at = c->now;
	d.withdrawn_reason = r->withdrawn_reason;
	if ((er = put_public(c, &d, r->version, d.published_at)) != APP_OK ||
	    (er = store_public_withdraw(c->st, r->id, c->now)) != APP_OK)
		return er;
	return mark_changed(c);
}

void
svc_publication_changed(const struct svc_ctx *c)
{
	(void)c;
	pubgen_bump();
}

enum app_err
svc_public_list(const struct svc_ctx *c, const struct public_filter *flt, int offset,
    int limit, bool with_doc, struct public_advisory **out, size_t *n, struct fault *f)
{
	struct public_filter	 lf = *flt;
	enum app_err		 er;

	if (lf.q != NULL && *lf.q != '\0') {
		struct sbuf q;

		sbuf_init(&q, c->a, 1024);
		add_lower(&q, lf.q);
		q.buf[q.len - 1] = '\0';	/* no trailing newline */
		lf.q = q.buf;
	}
	if ((er = store_public_list(c->st, c->a, &lf, offset, limit, with_doc, out, n)) !=
	    APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	return APP_OK;
}

enum app_err
svc_public_get(const struct svc_ctx *c, const char *id, struct public_advisory *row,
    struct adv_doc *doc, struct fault *f)
{
	json_t		*o;
	const char	*field;
	enum msg_id	 msg;
	enum app_err	 er;
	int		 rc;

	if ((er = store_public_get(c->st, c->a, id != NULL ? id : "", row)) != APP_OK)
		return er == APP_NOTFOUND ? fault_set(f, er, "id", MSG_ERR_NO_SUCH_ADVISORY, 0) :
		    fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	if (doc == NULL)
		return APP_OK;
	if ((o = json_loads(row->doc, 0, NULL)) == NULL)
		return fault_set(f, APP_INTERNAL, NULL, MSG_ERR_STORE, 0);
	rc = fmt_adv_from_json(c->a, o, doc, &field, &msg);
	json_decref(o);
	if (rc != 0)
		return fault_set(f, APP_INTERNAL, NULL, MSG_ERR_STORE, 0);
	return APP_OK;
}

enum app_err
svc_public_render(const struct svc_ctx *c, const char *id, enum pub_format fmt,
    struct sbuf *out, struct fault *f)
{
	struct public_advisory	 row;
	struct adv_doc		 doc;
	struct fmt_publisher	 p;
	const char		*why = NULL;
	enum app_err		 er;
	int			 rc = 0;

	if ((er = svc_public_get(c, id, &row, &doc, f)) != APP_OK)
		return er;
	svc_fmt_publisher(c, &p);
	switch (fmt) {
	case PFMT_JSON:
		sbuf_addstr(out, row.doc);
		break;
	case PFMT_CSAF:
		rc = fmt_csaf(&doc, &p, out, &why);
		break;
	case PFMT_CVE5:
		rc = fmt_cve5(&doc, &p, out, &why);
		break;
	case PFMT_OSV:
		rc = fmt_osv(&doc, &p, out, &why);
		break;
	case PFMT_GBT28458:
		rc = fmt_gbt28458(&doc, &p, out, &why);
		break;
	case PFMT__MAX:
		rc = -1;
		break;
	}
	if (rc != 0) {
		fault_set(f, APP_INVALID, "format", MSG_ERR_FORMAT_CANNOT, 0);
		f->sarg = why != NULL ? why : "";
		return APP_INVALID;
	}
	if (sbuf_err(out) != APP_OK)
		return fault_set(f, APP_TOOBIG, NULL, MSG_ERR_STORE, 0);
	return APP_OK;
}
