/*
 * Warnings (预警, issue 9; R40): issuing and delivering them to the entitled
 * support units through the Art. 9(7) gate, reading, acknowledging and
 * withdrawing them, and the public list (svc/warnings.h).
 */
#include <string.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/log.h"
#include "core/parse.h"
#include "core/pubgen.h"
#include "core/sbuf.h"
#include "core/str.h"
#include "domain/report.h"
#include "svc/deadlines.h"
#include "svc/notices.h"
#include "svc/policy.h"
#include "svc/seal.h"
#include "svc/units.h"
#include "svc/warnings.h"

/* Units read to find the entitled ones: far more than a library certifies. */
#define UNITS_READ_MAX	10000

bool
svc_warnings_on(const struct svc_ctx *c)
{
	return c->cfg->role == ROLE_REGISTRY;
}

static enum app_err
stored(struct fault *f, enum app_err er)
{
	return fault_set(f, er, NULL, er == APP_NOTFOUND ? MSG_ERR_NO_SUCH_WARNING :
	    MSG_ERR_STORE, 0);
}

static enum app_err
not_here(struct fault *f)
{
	return fault_set(f, APP_NOTFOUND, NULL, MSG_ERR_WARNINGS_OFF, 0);
}

static enum app_err
no_such(struct fault *f)
{
	return fault_set(f, APP_NOTFOUND, NULL, MSG_ERR_NO_SUCH_WARNING, 0);
}

static int64_t
actor_id(const struct svc_ctx *c)
{
	return c->actor != NULL ? c->actor->id : 0;
}

static bool
regulator(const struct svc_ctx *c)
{
	return c->actor != NULL && c->actor->role == UROLE_REGULATOR;
}

static const char *
body_ad(const struct svc_ctx *c, const char *id)
{
	return arena_printf(c->a, "warning:%s/body", id);
}

/* zh line, then en line, of a message taking the warning's id. */
static const char *
both(const struct svc_ctx *c, enum msg_id m, const char *id)
{
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	return arena_printf(c->a, "%s\n%s", arena_printf(c->a, msg(LANG_ZH, m), id),
	    arena_printf(c->a, msg(LANG_EN, m), id));
#pragma GCC diagnostic pop
}

/* "zh / en" of a one-line message taking the id: a mail's subject. */
static const char *
both_line(const struct svc_ctx *c, enum msg_id m, const char *id)
{
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	return arena_printf(c->a, "%s / %s", arena_printf(c->a, msg(LANG_ZH, m), id),
	    arena_printf(c->a, msg(LANG_EN, m), id));
#pragma GCC diagnostic pop
}

/* A notice to every active account of org and a mail to each that has an address. */
static enum app_err
tell_org(const struct svc_ctx *c, int64_t org_id, const char *kind, const char *subject,
    const char *text, const char *mail_subject, const char *mail_body)
{
	struct wd_member	*m;
	size_t			 n, i;
	enum app_err		 er;

	if ((er = store_wd_org_members(c->st, c->a, org_id, &m, &n)) != APP_OK)
		return er;
	for (i = 0; i < n; i++) {
		if ((er = svc_notice_user(c, m[i].id, kind, subject, text)) != APP_OK)
			return er;
		if (m[i].email[0] != '\0' && (er = store_outbox_add(c->st, m[i].email,
		    mail_subject, mail_body, c->now)) != APP_OK)
			return er;
	}
	return APP_OK;
}

/* A mail's body: what happened, where to read it, never the details (Art. 11). */
static const char *
mail_body(const struct svc_ctx *c, const char *text, const char *id)
{
	return arena_printf(c->a, "%s\n\n详情请登录查看 / Details (login required): "
	    "%s/warnings/%s\n\n" SVC_MAIL_NO_DETAILS, text, c->cfg->base_url, id);
}

bool
svc_warning_may_issue(const struct svc_ctx *c)
{
	struct unit_row	*mine;
	size_t		 n = 0;

	if (!svc_warnings_on(c) || c->actor == NULL)
		return false;
	if (svc_is_staff(c))
		return true;
	return svc_units_mine(c, &mine, &n) == APP_OK && n > 0;
}

/* The named units as "3,5". */
static const char *
unit_list_text(const struct svc_ctx *c, const int64_t *u, size_t n)
{
	struct sbuf	b;
	size_t		i;

	sbuf_init(&b, c->a, 0);
	for (i = 0; i < n; i++)
		sbuf_addf(&b, "%s%lld", i > 0 ? "," : "", (long long)u[i]);
	return b.buf;
}

/* The unit as the gate sees it: its organisation, in its country. */
static void
unit_recipient(const struct svc_ctx *c, const struct unit_row *u, struct policy_recipient *r)
{
	struct org	o;

	memset(&o, 0, sizeof(o));
	o.id = u->org_id;
	o.slug = u->org_slug;
	o.name = u->name;
	if (u->country != NULL)
		memcpy(o.country, u->country, strnlen(u->country, 2));
	svc_policy_org(c, &o, r);
}

/*
 * Deliver to one entitled unit, inside the issuing transaction: the gate,
 * then the delivery row, and for a delivered unit its clock and (once per
 * organisation: *told) its members' notices and mails.
 */
static enum app_err
deliver(const struct svc_ctx *c, const struct warning_row *w, const struct unit_row *u,
    bool *told, size_t *ndelivered)
{
	struct warning_delivery	 d;
	struct policy_subject	 s;
	struct policy_recipient	 r;
	struct policy_decision	 dec;
	const char		*text;
	enum app_err		 er;

	svc_policy_record(c, arena_printf(c->a, "warning:%s", w->id), &s);
	if (w->kind == WK_INCIDENT)
		s.kind = CKIND_INCIDENT;
	unit_recipient(c, u, &r);
	dec = policy_check(PACT_READ, &s, &r, c->now);
	svc_policy_log(c, PACT_READ, &s, &r, &dec);
	memset(&d, 0, sizeof(d));
	d.warning_id = w->id;
	d.unit_id = u->id;
	if (!dec.allow) {
		/* Kept, with the rule, so the staff see who was not told and why. */
		d.state = WDS_REFUSED;
		d.rule = dec.rule != NULL && dec.rule[0] != '\0' ? dec.rule : "Art. 9(7)";
		log_info("event=warning_refused id=%s unit=%lld rule=\"%s\"", w->id,
		    (long long)u->id, d.rule);
		return store_warning_delivery_add(c->st, &d, c->now);
	}
	d.state = WDS_DELIVERED;
	d.delivered_at = c->now;
	if ((er = store_warning_delivery_add(c->st, &d, c->now)) != APP_OK ||
	    (er = svc_clock_start(c, DL_WARNING_ACK, arena_printf(c->a, "warning:%s/%lld",
	    w->id, (long long)u->id), NULL, NULL, c->now)) != APP_OK)
		return er;
	(*ndelivered)++;
	if (*told)
		return APP_OK;
	*told = true;
	text = both(c, MSG_WARNING_NOTICE_DELIVERED, w->id);
	return tell_org(c, u->org_id, WARNING_NOTICE_KIND, arena_printf(c->a, "warning:%s",
	    w->id), text, both_line(c, MSG_WARNING_MAIL_DELIVERED, w->id),
	    mail_body(c, text, w->id));
}

/* Has an organisation been told already in this issue (both of its units entitled)? */
static bool *
told_of(int64_t org_id, int64_t *orgs, bool *told, size_t *n, size_t cap)
{
	size_t	i;

	for (i = 0; i < *n; i++)
		if (orgs[i] == org_id)
			return &told[i];
	if (*n == cap)
		return NULL;
	orgs[*n] = org_id;
	told[*n] = false;
	return &told[(*n)++];
}

/* Every unit the audience reaches, delivered or refused. */
static enum app_err
deliver_all(const struct svc_ctx *c, const struct warning_row *w,
    const struct warning_audience *aud, struct unit_row *units, size_t nunits,
    size_t *ndelivered, size_t *nrefused)
{
	int64_t		*orgs = arena_calloc(c->a, nunits + 1, sizeof(*orgs));
	bool		*told = arena_calloc(c->a, nunits + 1, sizeof(*told)), *t;
	size_t		 norgs = 0, i, before;
	enum app_err	 er;

	for (i = 0; i < nunits; i++) {
		struct warning_unit	wu = {
			.id = units[i].id, .org_id = units[i].org_id, .type = units[i].type,
			.level = units[i].level, .status = units[i].status,
		};

		if (!warning_entitled(aud, &wu))
			continue;
		if ((t = told_of(units[i].org_id, orgs, told, &norgs, nunits + 1)) == NULL)
			return APP_INTERNAL;
		before = *ndelivered;
		if ((er = deliver(c, w, &units[i], t, ndelivered)) != APP_OK)
			return er;
		if (*ndelivered == before)
			(*nrefused)++;
	}
	return APP_OK;
}

/* The active units and the named ones (any status: the predicate decides), once each. */
static enum app_err
candidates(const struct svc_ctx *c, const int64_t *named, size_t nnamed,
    struct unit_row **out, size_t *n, struct fault *f)
{
	struct unit_filter	 flt;
	struct unit_row		*all, *u;
	size_t			 nall = 0, i, j;
	enum app_err		 er;

	memset(&flt, 0, sizeof(flt));
	flt.type = -1;
	flt.status = US_ACTIVE;
	flt.limit = UNITS_READ_MAX;
	if ((er = store_unit_list(c->st, c->a, &flt, &all, &nall)) != APP_OK)
		return stored(f, er);
	u = arena_calloc(c->a, nall + nnamed + 1, sizeof(*u));
	if (nall > 0)
		memcpy(u, all, nall * sizeof(*u));
	*n = nall;
	for (i = 0; i < nnamed; i++) {
		bool	have = false;

		for (j = 0; j < *n && !have; j++)
			have = u[j].id == named[i];
		if (have)
			continue;
		er = store_unit_get(c->st, c->a, named[i], &u[*n]);
		if (er == APP_NOTFOUND)
			return fault_set(f, APP_INVALID, "units", MSG_ERR_WARNING_UNIT_UNKNOWN, 0);
		if (er != APP_OK)
			return stored(f, er);
		(*n)++;
	}
	*out = u;
	return APP_OK;
}

enum app_err
svc_warning_issue(const struct svc_ctx *c, const struct warning_in *in,
    struct warning_row *out, struct wd_problem *p, int *np, struct fault *f)
{
	struct warning_checked	 chk;
	struct warning_audience	 aud;
	struct warning_row	 w;
	struct unit_row		*mine = NULL, *units = NULL;
	struct sealed		 body;
	struct str		 title;
	size_t			 nmine = 0, nunits = 0, ndelivered = 0, nrefused = 0, nstaff;
	char			 id[64];
	int64_t			 seq = 0;
	int			 year, k;
	bool			 staff;
	enum app_err		 er;

	memset(out, 0, sizeof(*out));
	*np = 0;
	if (!svc_warnings_on(c))
		return not_here(f);
	staff = svc_is_staff(c);
	if (!staff) {
		if (c->actor == NULL || (er = svc_units_mine(c, &mine, &nmine)) != APP_OK ||
		    nmine == 0) {
			fault_set(f, APP_FORBIDDEN, NULL, MSG_ERR_WARNING_ISSUER, 0);
			f->rule = "R40";
			return APP_FORBIDDEN;
		}
	}
	if ((k = warning_check(in, &chk, p, WARNING_MAX_PROBLEMS)) > 0) {
		*np = k < WARNING_MAX_PROBLEMS ? k : WARNING_MAX_PROBLEMS;
		fault_set(f, APP_INVALID, p[0].field, p[0].msg, 0);
		f->rule = p[0].rule;
		return APP_INVALID;
	}
	if ((er = candidates(c, in->units, in->nunits, &units, &nunits, f)) != APP_OK)
		return er;

	memset(&w, 0, sizeof(w));
	w.kind = chk.kind;
	w.severity = chk.severity;
	title = str_trim(str_from(in->title));
	w.title = arena_strndup(c->a, title.p, title.n);
	w.summary = in->summary != NULL ? in->summary : "";
	w.related = in->related != NULL ? in->related : "";
	w.affected = in->affected != NULL ? in->affected : "";
	w.audience = chk.audience;
	w.min_level = chk.min_level;
	w.unit_ids = unit_list_text(c, in->units, in->nunits);
	w.public_at = chk.public_at;
	w.issuer_id = actor_id(c);
	/* Staff issue for the registry; a member for its unit's organisation. */
	w.issuer_org_id = staff ? 0 : c->actor->org_id;
	w.state = WST_ISSUED;
	w.issued_at = c->now;
	w.updated_at = c->now;
	memset(&aud, 0, sizeof(aud));
	aud.types = chk.audience;
	aud.min_level = chk.min_level;
	aud.units = in->units;
	aud.nunits = in->nunits;
	aud.issuer_org = w.issuer_org_id;

	if ((er = store_begin(c->st)) != APP_OK)
		return stored(f, er);
	year = report_id_year(c->now);
	if ((er = store_wd_next_seq(c->st, "warning", year, &seq)) != APP_OK)
		goto fail;
	report_id_format(id, sizeof(id), c->cfg->unit_warning_prefix, year, seq);
	w.id = arena_strdup(c->a, id);
	svc_seal(c, in->body, strlen(in->body), body_ad(c, w.id), &body);
	if ((er = store_warning_insert(c->st, &w, year, seq, &body)) != APP_OK ||
	    (er = deliver_all(c, &w, &aud, units, nunits, &ndelivered, &nrefused)) != APP_OK ||
	    (er = store_audit_add(c->st, actor_id(c), "warning.issue",
	    arena_printf(c->a, "warning:%s", w.id), arena_printf(c->a,
	    "kind=%s severity=%s audience=%s min_level=%d units=%s delivered=%zu refused=%zu "
	    "public_at=%lld", warning_kind_name(w.kind), warning_severity_name(w.severity),
	    warning_audience_name(w.audience), w.min_level, w.unit_ids, ndelivered, nrefused,
	    (long long)w.public_at), c->addr, c->now)) != APP_OK)
		goto fail;
	if (!staff) {
		/* Shared by a unit: a contribution (权利义务), and the staff are told. */
		if ((er = svc_units_credit(c, w.issuer_org_id, UC_WARNING, "",
		    arena_printf(c->a, "warning:%s", w.id))) != APP_OK ||
		    (er = svc_notice_staff(c, WARNING_NOTICE_KIND, arena_printf(c->a,
		    "warning:%s", w.id), both(c, MSG_WARNING_NOTICE_BY_UNIT, w.id),
		    &nstaff)) != APP_OK)
			goto fail;
	}
	if ((er = store_commit(c->st)) != APP_OK)
		goto fail;
	if (w.public_at != 0)
		pubgen_bump();
	log_info("event=warning_issued id=%s delivered=%zu refused=%zu", w.id, ndelivered,
	    nrefused);
	if ((er = store_warning_get(c->st, c->a, w.id, out, NULL)) != APP_OK)
		return stored(f, er == APP_NOTFOUND ? APP_STORE : er);
	return APP_OK;
fail:
	store_rollback(c->st);
	return stored(f, er == APP_NOTFOUND ? APP_STORE : er);
}

/* The deliveries of w to units of the actor's organisation: whether any reads, acks. */
static void
member_view(const struct svc_ctx *c, struct warning_view *v, const struct warning_delivery *d,
    size_t n)
{
	size_t	i;

	v->acked_by = "";
	if (c->actor == NULL || c->actor->org_id == 0)
		return;
	for (i = 0; i < n; i++) {
		if (d[i].org_id != c->actor->org_id || !warning_delivery_reads(d[i].state))
			continue;
		v->member = true;
		if (d[i].state == WDS_DELIVERED && v->w.state == WST_ISSUED)
			v->can_ack = true;
		if (d[i].state == WDS_ACKNOWLEDGED && d[i].acknowledged_at > v->acked_at) {
			v->acked_at = d[i].acknowledged_at;
			v->acked_by = d[i].acknowledged_login;
		}
	}
}

/* Read one for the actor; audit the read when audit. */
static enum app_err
get_inner(const struct svc_ctx *c, const char *id, bool audit, struct warning_view *out,
    struct fault *f)
{
	struct sealed	 body;
	size_t		 n;
	bool		 issuer;
	enum app_err	 er;

	memset(out, 0, sizeof(*out));
	out->acked_by = "";
	if (!svc_warnings_on(c))
		return not_here(f);
	if (c->actor == NULL || id == NULL || !report_id_valid(str_from(id)))
		return no_such(f);
	if ((er = store_warning_get(c->st, c->a, id, &out->w, &body)) != APP_OK ||
	    (er = store_warning_deliveries(c->st, c->a, id, &out->deliveries,
	    &out->ndeliveries)) != APP_OK)
		return stored(f, er);
	out->staff = svc_is_staff(c) || regulator(c);
	if (!out->staff) {
		/* Need-to-know: a unit it was delivered to, or the unit that issued it. */
		member_view(c, out, out->deliveries, out->ndeliveries);
		issuer = c->actor->org_id != 0 && c->actor->org_id == out->w.issuer_org_id;
		out->deliveries = NULL;
		out->ndeliveries = 0;
		if (!out->member && !issuer) {
			memset(out, 0, sizeof(*out));
			return no_such(f);
		}
	}
	if (audit && (er = store_audit_add(c->st, actor_id(c), "warning.read",
	    arena_printf(c->a, "warning:%s", id), "", c->addr, c->now)) != APP_OK)
		return stored(f, er);
	if ((out->body = (const char *)svc_unseal(c, &body, body_ad(c, id), &n)) == NULL) {
		log_err("event=unseal_failed warning=%s", id);
		return fault_set(f, APP_INTERNAL, NULL, MSG_ERR_INTERNAL, 0);
	}
	return APP_OK;
}

enum app_err
svc_warning_get(const struct svc_ctx *c, const char *id, struct warning_view *out,
    struct fault *f)
{
	return get_inner(c, id, true, out, f);
}

enum app_err
svc_warning_list(const struct svc_ctx *c, int64_t cursor, int limit,
    struct warning_row **out, size_t *n, struct fault *f)
{
	struct warning_filter	flt;
	enum app_err		er;

	*out = NULL;
	*n = 0;
	if (!svc_warnings_on(c))
		return not_here(f);
	if (c->actor == NULL)
		return fault_set(f, APP_UNAUTH, NULL, MSG_ERR_NEED_LOGIN, 0);
	memset(&flt, 0, sizeof(flt));
	if (!svc_is_staff(c) && !regulator(c)) {
		if (c->actor->org_id == 0)
			return APP_OK;
		flt.org_id = c->actor->org_id;
	}
	flt.cursor = cursor;
	flt.limit = limit < 1 || limit > 1000 ? 50 : limit;
	if ((er = store_warning_list(c->st, c->a, &flt, out, n)) != APP_OK)
		return stored(f, er);
	return APP_OK;
}

enum app_err
svc_warning_ack(const struct svc_ctx *c, const char *id, struct warning_view *out,
    struct fault *f)
{
	struct warning_row	 w;
	struct warning_delivery	*d;
	size_t			 n, i, changed = 0;
	bool			 member = false;
	enum msg_id		 m;
	enum app_err		 er;

	if (!svc_warnings_on(c))
		return not_here(f);
	if (c->actor == NULL || c->actor->org_id == 0 || id == NULL ||
	    !report_id_valid(str_from(id)))
		return no_such(f);
	if ((er = store_begin(c->st)) != APP_OK)
		return stored(f, er);
	if ((er = store_warning_get(c->st, c->a, id, &w, NULL)) != APP_OK ||
	    (er = store_warning_deliveries(c->st, c->a, id, &d, &n)) != APP_OK)
		goto fail;
	for (i = 0; i < n; i++) {
		if (d[i].org_id != c->actor->org_id || !warning_delivery_reads(d[i].state))
			continue;
		member = true;
		if ((m = warning_can_ack(w.state, d[i].state)) == MSG_ERR_WARNING_ACKED)
			continue;
		if (m != MSG_OK) {
			store_rollback(c->st);
			fault_set(f, APP_CONFLICT, NULL, m, 0);
			f->rule = "R40";
			return APP_CONFLICT;
		}
		if ((er = store_warning_ack(c->st, id, d[i].unit_id, c->actor->id, c->now)) !=
		    APP_OK || (er = svc_clock_met(c, DL_WARNING_ACK, arena_printf(c->a,
		    "warning:%s/%lld", id, (long long)d[i].unit_id))) != APP_OK)
			goto fail;
		changed++;
	}
	if (!member) {
		store_rollback(c->st);
		return no_such(f);
	}
	if (changed == 0) {
		/* Acknowledged already: nothing to record. */
		store_rollback(c->st);
		return get_inner(c, id, false, out, f);
	}
	if ((er = store_audit_add(c->st, actor_id(c), "warning.acknowledge",
	    arena_printf(c->a, "warning:%s", id), arena_printf(c->a, "org=%lld deliveries=%zu",
	    (long long)c->actor->org_id, changed), c->addr, c->now)) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK)
		goto fail;
	log_info("event=warning_acknowledged id=%s org=%lld", id, (long long)c->actor->org_id);
	return get_inner(c, id, false, out, f);
fail:
	store_rollback(c->st);
	return stored(f, er == APP_NOTFOUND ? APP_STORE : er);
}

enum app_err
svc_warning_withdraw(const struct svc_ctx *c, const char *id, const char *reason,
    struct warning_row *out, struct fault *f)
{
	struct warning_row	 w;
	struct warning_delivery	*d;
	const char		*text, *subject;
	size_t			 n, i, j;
	bool			 seen;
	enum msg_id		 m;
	enum app_err		 er;

	if (!svc_warnings_on(c))
		return not_here(f);
	if ((er = svc_staff(c, f)) != APP_OK)
		return er;
	if (id == NULL || !report_id_valid(str_from(id)))
		return no_such(f);
	if ((m = warning_reason_check(reason)) != MSG_OK)
		return fault_set(f, APP_INVALID, "reason", m, 0);
	if ((er = store_begin(c->st)) != APP_OK)
		return stored(f, er);
	if ((er = store_warning_get(c->st, c->a, id, &w, NULL)) != APP_OK ||
	    (er = store_warning_deliveries(c->st, c->a, id, &d, &n)) != APP_OK) {
		store_rollback(c->st);
		return stored(f, er);
	}
	if ((m = warning_can_withdraw(w.state)) != MSG_OK) {
		store_rollback(c->st);
		fault_set(f, APP_CONFLICT, NULL, m, 0);
		f->rule = "R40";
		return APP_CONFLICT;
	}
	if ((er = store_warning_withdraw(c->st, id, actor_id(c), reason, c->now)) != APP_OK)
		goto fail;
	text = both(c, MSG_WARNING_NOTICE_WITHDRAWN, id);
	subject = arena_printf(c->a, "warning:%s", id);
	for (i = 0; i < n; i++) {
		if (!warning_delivery_reads(d[i].state))
			continue;
		if (d[i].state == WDS_DELIVERED && (er = svc_clock_waive(c, DL_WARNING_ACK,
		    arena_printf(c->a, "warning:%s/%lld", id, (long long)d[i].unit_id),
		    reason)) != APP_OK)
			goto fail;
		/* Each organisation once, though both its units had it. */
		for (seen = false, j = 0; j < i && !seen; j++)
			seen = d[j].org_id == d[i].org_id && warning_delivery_reads(d[j].state);
		if (!seen && (er = tell_org(c, d[i].org_id, WARNING_NOTICE_KIND, subject, text,
		    both_line(c, MSG_WARNING_MAIL_WITHDRAWN, id), mail_body(c, text, id))) !=
		    APP_OK)
			goto fail;
	}
	if ((er = store_audit_add(c->st, actor_id(c), "warning.withdraw", subject, "",
	    c->addr, c->now)) != APP_OK ||
	    (er = store_warning_get(c->st, c->a, id, out, NULL)) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK)
		goto fail;
	if (w.public_at != 0)
		pubgen_bump();
	log_info("event=warning_withdrawn id=%s", id);
	return APP_OK;
fail:
	store_rollback(c->st);
	return stored(f, er == APP_NOTFOUND ? APP_STORE : er);
}

enum app_err
svc_warning_public(const struct svc_ctx *c, int64_t skip, int limit,
    struct warning_row **out, size_t *n, struct fault *f)
{
	enum app_err	er;

	*out = NULL;
	*n = 0;
	if (!svc_warnings_on(c))
		return not_here(f);
	if (limit < 1 || limit > 1000)
		limit = 50;
	if ((er = store_warning_public(c->st, c->a, c->now, skip < 0 ? 0 : skip, limit, out,
	    n)) != APP_OK)
		return stored(f, er);
	return APP_OK;
}

enum app_err
svc_warning_clock_tell(const struct svc_ctx *c, const char *subject, const char *notice_kind,
    const char *text, const char *mail_subject, const char *mail_body_text)
{
	struct unit_row	 u;
	const char	*slash;
	int64_t		 unit_id;
	enum app_err	 er;

	if (subject == NULL || strncmp(subject, "warning:", 8) != 0 ||
	    (slash = strrchr(subject, '/')) == NULL ||
	    parse_i64(slash + 1, strlen(slash + 1), 1, INT64_MAX, &unit_id) != 0)
		return APP_OK;
	if ((er = store_unit_get(c->st, c->a, unit_id, &u)) == APP_NOTFOUND)
		return APP_OK;
	if (er != APP_OK)
		return er;
	return tell_org(c, u.org_id, notice_kind, arena_printf(c->a, "%.*s",
	    (int)(slash - subject), subject), text, mail_subject, mail_body_text);
}
