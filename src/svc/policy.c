/*
 * The disclosure gate's facts and its log (see policy.h).  The decision
 * itself is domain/policy.c's; nothing here decides.
 */
#include "svc/policy.h"

#include <string.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/log.h"
#include "core/str.h"
#include "domain/user.h"
#include "store/store.h"

#define CASE_PRODUCTS_MAX	256

static bool
fixed_state(enum case_state s)
{
	return s == CSTATE_FIX_AVAILABLE || s == CSTATE_PUBLISHED || s == CSTATE_TRACKING ||
	    s == CSTATE_FIXED;
}

/* The Art. 9 records of the case into s. */
static enum app_err
records(const struct svc_ctx *c, const char *case_id, struct policy_subject *s)
{
	struct disclosure_record *r;
	struct policy_consent	 *cons;
	size_t			  n, nc = 0;
	enum app_err		  er;

	if ((er = store_disclosure_records(c->st, c->a, case_id, &r, &n)) != APP_OK)
		return er;
	cons = arena_calloc(c->a, n + 1, sizeof *cons);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(r[i].kind, "joint_assessment") == 0)
			s->joint_assessment = true;
		else if (strcmp(r[i].kind, "authority_report") == 0)
			s->authority_report = true;
		else if (strcmp(r[i].kind, "authority_outcome") == 0 && r[i].allow)
			s->authority_outcome = true;
		else if (strcmp(r[i].kind, "mps_consent") == 0 && r[i].allow)
			cons[nc++] = (struct policy_consent){ r[i].reference, r[i].scope };
	}
	s->consents = cons;
	s->nconsents = nc;
	return APP_OK;
}

static enum app_err
windows(const struct svc_ctx *c, struct policy_subject *s)
{
	struct event_window	*w;
	struct policy_window	*pw;
	size_t			 n;
	enum app_err		 er;

	if ((er = store_windows(c->st, c->a, c->now, false, &w, &n)) != APP_OK)
		return er;
	pw = arena_calloc(c->a, n + 1, sizeof *pw);
	for (size_t i = 0; i < n; i++)
		pw[i] = (struct policy_window){ w[i].id, w[i].name, w[i].starts_at,
		    w[i].ends_at, w[i].scope };
	s->windows = pw;
	s->nwindows = n;
	return APP_OK;
}

/* Providers of the case's products, scope keys, and whether a vendor says fixed. */
static enum app_err
parties(const struct svc_ctx *c, const char *case_id, struct policy_subject *s)
{
	struct case_product	*p;
	struct case_vendor	*v;
	const char		**prov, **keys;
	size_t			 np, nv, npr = 0, nk = 0;
	enum app_err		 er;

	if ((er = store_case_products(c->st, c->a, case_id, CASE_PRODUCTS_MAX, &p, &np)) !=
	    APP_OK || (er = store_case_vendors(c->st, c->a, case_id, &v, &nv)) != APP_OK)
		return er;
	prov = arena_calloc(c->a, np + 1, sizeof *prov);
	keys = arena_calloc(c->a, 2 * np + nv + 1, sizeof *keys);
	for (size_t i = 0; i < np; i++) {
		prov[npr++] = p[i].p.org_slug;
		keys[nk++] = p[i].p.org_slug;
		keys[nk++] = p[i].p.name;
	}
	for (size_t i = 0; i < nv; i++) {
		keys[nk++] = v[i].org_slug;
		if (v[i].status == VSTATUS_FIXED)
			s->fix_available = true;
	}
	s->providers = prov;
	s->nproviders = npr;
	s->scope_keys = keys;
	s->nscope_keys = nk;
	return APP_OK;
}

enum app_err
svc_policy_case(const struct svc_ctx *c, const char *case_id, struct policy_subject *s)
{
	struct case_row		 k;
	struct advisory_row	*adv;
	size_t			 nadv;
	int64_t			 exploits;
	enum app_err		 er;

	memset(s, 0, sizeof *s);
	if ((er = store_case_get(c->st, c->a, case_id, &k)) != APP_OK)
		return er;
	s->id = arena_printf(c->a, "case:%s", k.id);
	s->kind = k.kind;
	s->fix_available = fixed_state(k.state);
	if ((er = parties(c, k.id, s)) != APP_OK || (er = records(c, k.id, s)) != APP_OK ||
	    (er = windows(c, s)) != APP_OK ||
	    (er = store_case_exploit_count(c->st, k.id, &exploits)) != APP_OK ||
	    (er = store_advisories_of_case(c->st, c->a, k.id, &adv, &nadv)) != APP_OK)
		return er;
	s->exploit_attached = exploits > 0;
	for (size_t i = 0; i < nadv; i++)
		if (strcmp(adv[i].state, "published") == 0)
			s->disclosed = true;
	return APP_OK;
}

static void
recipient(const struct svc_ctx *c, enum policy_recipient_kind kind, const char *name,
    const char *country, const char *org, struct policy_recipient *r)
{
	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->name = name;
	r->country = country;
	r->org_slug = org;
	r->domestic = c->cfg->domestic_countries;
}

void
svc_policy_person(const struct svc_ctx *c, const struct user *u, struct policy_recipient *r)
{
	const char *cc = u->country != NULL && *u->country != '\0' ? u->country :
	    c->cfg->default_country;

	recipient(c, PREC_PERSON, arena_printf(c->a, "user:%s", u->login), cc,
	    u->org_slug, r);
}

void
svc_policy_org(const struct svc_ctx *c, const struct org *o, struct policy_recipient *r)
{
	recipient(c, PREC_ORG, arena_printf(c->a, "org:%s", o->slug),
	    arena_strdup(c->a, o->country), o->slug, r);
}

void
svc_policy_public(const struct svc_ctx *c, struct policy_recipient *r)
{
	recipient(c, PREC_PUBLIC, "public", "", NULL, r);
}

void
svc_policy_local(const struct svc_ctx *c, struct policy_recipient *r)
{
	recipient(c, PREC_LOCAL, "local", "", NULL, r);
}

enum app_err
svc_policy_mailbox(const struct svc_ctx *c, const char *address, struct policy_recipient *r)
{
	struct user	u;
	enum app_err	er;

	/* Until an account says otherwise, nobody knows where an address is. */
	recipient(c, PREC_ADDRESS, arena_printf(c->a, "address:%s", address), "", NULL, r);
	if ((er = store_user_by_email(c->st, c->a, address, &u)) == APP_NOTFOUND)
		return APP_OK;
	if (er != APP_OK)
		return er;
	svc_policy_person(c, &u, r);
	return APP_OK;
}

void
svc_policy_national_library(const struct svc_ctx *c, const char *library,
    struct policy_recipient *r)
{
	struct str	rest = str_from(c->cfg->domestic_countries), cc = { "", 0 };

	/* config_load checked the list's shape: two-letter codes, comma-separated. */
	while (rest.n > 0 && cc.n == 0)
		cc = str_trim(str_split(&rest, ','));
	recipient(c, PREC_LIBRARY, arena_printf(c->a, "library:%s", library),
	    arena_strndup(c->a, cc.p, cc.n), NULL, r);
}

void
svc_policy_library(const struct svc_ctx *c, const char *name, const char *country,
    struct policy_recipient *r)
{
	recipient(c, PREC_LIBRARY, arena_printf(c->a, "library:%s", name),
	    arena_strdup(c->a, country != NULL ? country : ""), NULL, r);
}

void
svc_policy_record(const struct svc_ctx *c, const char *id, struct policy_subject *s)
{
	memset(s, 0, sizeof *s);
	s->id = arena_strdup(c->a, id);
	s->kind = CKIND_GENERIC;
}

const char *
svc_policy_refused_note(const struct svc_ctx *c)
{
	return arena_printf(c->a, "%s / %s", msg(LANG_ZH, MSG_POLICY_REFUSED_RCPT),
	    msg(LANG_EN, MSG_POLICY_REFUSED_RCPT));
}

void
svc_policy_as_publication(struct policy_subject *s)
{
	s->disclosed = false;
	s->exploit_attached = false;
}

void
svc_policy_log(const struct svc_ctx *c, enum policy_action action,
    const struct policy_subject *s, const struct policy_recipient *r,
    const struct policy_decision *d)
{
	struct policy_log_row row = {
		.at = c->now,
		.action = policy_action_name(action),
		.subject = s->id != NULL ? s->id : "",
		.recipient = r != NULL && r->name != NULL ? r->name : "",
		.allowed = d->allow,
		.rule = d->allow ? "" : d->rule,
		.actor_id = c->actor != NULL ? c->actor->id : 0,
	};

	/* A lost log line must not pass unnoticed, but it does not undo the decision. */
	if (store_policy_log(c->st, &row) != APP_OK)
		log_err("policy: could not log %s %s -> %s (%s)", row.action,
		    row.subject, row.recipient, d->allow ? "allowed" : d->rule);
}

enum app_err
svc_policy_fault(const struct policy_decision *d, struct fault *f)
{
	fault_set(f, APP_CONFLICT, NULL, d->msg, 0);
	f->rule = d->rule;
	return f->er;
}

enum app_err
svc_policy_gate(const struct svc_ctx *c, enum policy_action action,
    const struct policy_subject *s, const struct policy_recipient *r,
    struct policy_decision *d, struct fault *f)
{
	*d = policy_check(action, s, r, c->now);
	svc_policy_log(c, action, s, r, d);
	return d->allow ? APP_OK : svc_policy_fault(d, f);
}
