/*
 * Disputes (争议协调, issue 9; R40): filing them with the priority a support
 * unit earns, the staff's queue and its clock, and each step of the
 * coordination (svc/disputes.h).
 */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/log.h"
#include "core/str.h"
#include "crypto/crypto.h"
#include "domain/authz.h"
#include "domain/report.h"
#include "svc/deadlines.h"
#include "svc/disputes.h"
#include "svc/intake.h"
#include "svc/notices.h"
#include "svc/seal.h"

/* The longest login (domain/user.c: 3 to 32 characters) with room to spare. */
#define LOGIN_MAX		64

bool
svc_disputes_on(const struct svc_ctx *c)
{
	return c->cfg->role == ROLE_REGISTRY;
}

static enum app_err
stored(struct fault *f, enum app_err er)
{
	return fault_set(f, er, NULL, er == APP_NOTFOUND ? MSG_ERR_NO_SUCH_DISPUTE :
	    MSG_ERR_STORE, 0);
}

static enum app_err
not_here(struct fault *f)
{
	return fault_set(f, APP_NOTFOUND, NULL, MSG_ERR_DISPUTES_OFF, 0);
}

static enum app_err
no_such(struct fault *f)
{
	return fault_set(f, APP_NOTFOUND, NULL, MSG_ERR_NO_SUCH_DISPUTE, 0);
}

static int64_t
actor_id(const struct svc_ctx *c)
{
	return c->actor != NULL ? c->actor->id : 0;
}

static const char *
subject_of(const struct svc_ctx *c, const char *id)
{
	return arena_printf(c->a, "dispute:%s", id);
}

static const char *
seal_ad(const struct svc_ctx *c, const char *id, const char *part)
{
	return arena_printf(c->a, "dispute:%s/%s", id, part);
}

static const char *
event_ad(const struct svc_ctx *c, const char *id, int64_t event_id)
{
	return arena_printf(c->a, "dispute:%s/event/%lld", id, (long long)event_id);
}

static void
seal_opt(const struct svc_ctx *c, const char *s, const char *ad, struct sealed *out)
{
	memset(out, 0, sizeof(*out));
	if (s != NULL && s[0] != '\0')
		svc_seal(c, s, strlen(s), ad, out);
}

static const char *
open_opt(const struct svc_ctx *c, const struct sealed *s, const char *ad)
{
	size_t	n;

	if (s->data == NULL)
		return "";
	return (const char *)svc_unseal(c, s, ad, &n);
}

/* Both languages of a notice taking the dispute's id, zh first. */
static const char *
notice_text(const struct svc_ctx *c, enum msg_id m, const char *id)
{
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	return arena_printf(c->a, "%s\n%s", arena_printf(c->a, msg(LANG_ZH, m), id),
	    arena_printf(c->a, msg(LANG_EN, m), id));
#pragma GCC diagnostic pop
}

/* s without the white space around it, in c->a. */
static const char *
trimmed(const struct svc_ctx *c, const char *s)
{
	struct str	t = str_trim(str_from(s));

	return arena_strndup(c->a, t.p, t.n);
}

/* One step of the timeline, its text sealed to the step's own row. */
static enum app_err
event_add(const struct svc_ctx *c, const char *id, const char *event, const char *from,
    const char *to, const char *detail, const char *note)
{
	struct dispute_event	e;
	enum app_err		er;

	memset(&e, 0, sizeof(e));
	if ((er = store_dispute_event_next_id(c->st, &e.id)) != APP_OK)
		return er;
	e.dispute_id = id;
	e.at = c->now;
	e.actor_id = actor_id(c);
	e.event = event;
	e.from_state = from;
	e.to_state = to;
	e.detail = detail;
	seal_opt(c, note, event_ad(c, id, e.id), &e.note);
	return store_dispute_event_add(c->st, &e);
}

/* The filer is told of every step someone else takes. */
static enum app_err
tell_filer(const struct svc_ctx *c, const struct dispute_row *d, enum msg_id m)
{
	if (d->filer_id == 0 || d->filer_id == actor_id(c))
		return APP_OK;
	return svc_notice_user(c, d->filer_id, DISPUTE_NOTICE_KIND, subject_of(c, d->id),
	    notice_text(c, m, d->id));
}

/* What the filer does is told to whoever coordinates it, else to the staff. */
static enum app_err
tell_staff(const struct svc_ctx *c, const struct dispute_row *d, enum msg_id m)
{
	size_t	n;

	if (d->assignee_id != 0 && d->assignee_id != actor_id(c))
		return svc_notice_user(c, d->assignee_id, DISPUTE_NOTICE_KIND,
		    subject_of(c, d->id), notice_text(c, m, d->id));
	if (d->assignee_id != 0)
		return APP_OK;
	return svc_notice_staff(c, DISPUTE_NOTICE_KIND, subject_of(c, d->id),
	    notice_text(c, m, d->id), &n);
}

/* The priority of an organisation: its active units' best level + 1, else 0. */
static enum app_err
priority_of(const struct svc_ctx *c, int64_t org_id, int *out)
{
	struct unit_row	*u;
	size_t		 n = 0, i, k = 0;
	int		*levels;
	enum app_err	 er;

	*out = 0;
	if (org_id == 0)
		return APP_OK;
	if ((er = store_unit_by_org(c->st, c->a, org_id, &u, &n)) != APP_OK)
		return er;
	levels = arena_calloc(c->a, n + 1, sizeof(*levels));
	for (i = 0; i < n; i++)
		if (u[i].status == US_ACTIVE)
			levels[k++] = u[i].level;
	*out = dispute_priority(levels, k);
	return APP_OK;
}

/* Who files: the actor, or (staff) the account named; the fault when neither may. */
static enum app_err
filer_of(const struct svc_ctx *c, const char *on_behalf_of, struct user *u, int64_t *recorder,
    struct fault *f)
{
	bool		staff = svc_is_staff(c);
	enum app_err	er;

	*recorder = 0;
	if (on_behalf_of == NULL || on_behalf_of[0] == '\0') {
		*u = *c->actor;
		if (u->org_id == 0 && !staff) {
			/* The right is an organisation's (a vendor, a platform, a unit…). */
			fault_set(f, APP_FORBIDDEN, NULL, MSG_ERR_DISPUTE_NO_ORG, 0);
			f->rule = "R40";
			return APP_FORBIDDEN;
		}
		return APP_OK;
	}
	if (!staff) {
		fault_set(f, APP_FORBIDDEN, "on_behalf_of", MSG_ERR_DISPUTE_ON_BEHALF, 0);
		f->rule = "rbac.role";
		return APP_FORBIDDEN;
	}
	er = strlen(on_behalf_of) <= LOGIN_MAX ?
	    store_user_by_login(c->st, c->a, on_behalf_of, u) : APP_NOTFOUND;
	if (er == APP_OK && (u->disabled || u->org_id == 0))
		er = APP_NOTFOUND;
	if (er == APP_NOTFOUND)
		return fault_set(f, APP_INVALID, "on_behalf_of", MSG_ERR_DISPUTE_FILER, 0);
	if (er != APP_OK)
		return stored(f, er);
	*recorder = c->actor->id;
	return APP_OK;
}

enum app_err
svc_dispute_file(const struct svc_ctx *c, const struct dispute_new *in,
    struct dispute_row *out, struct wd_problem *p, int *np, struct fault *f)
{
	struct dispute_row	 d;
	struct dispute_seals	 s;
	struct user		 filer;
	enum dispute_category	 cat;
	const char		*channel;
	char			 id[64], hash[CRYPTO_HASH_HEX];
	int64_t			 seq = 0, recorder = 0;
	size_t			 nstaff;
	int			 year, k, prio = 0;
	enum app_err		 er;

	memset(out, 0, sizeof(*out));
	*np = 0;
	if (!svc_disputes_on(c))
		return not_here(f);
	if (c->actor == NULL)
		return fault_set(f, APP_UNAUTH, NULL, MSG_ERR_NEED_LOGIN, 0);
	if ((er = filer_of(c, in->on_behalf_of, &filer, &recorder, f)) != APP_OK)
		return er;
	if ((k = dispute_check(&in->in, &cat, p, DISPUTE_MAX_PROBLEMS)) > 0) {
		*np = k < DISPUTE_MAX_PROBLEMS ? k : DISPUTE_MAX_PROBLEMS;
		return fault_set(f, APP_INVALID, p[0].field, p[0].msg, 0);
	}
	channel = in->channel != NULL && strcmp(in->channel, "web") == 0 ? "web" : "api";
	memset(&d, 0, sizeof(d));
	d.category = cat;
	d.subject_ref = trimmed(c, in->in.subject_ref);
	d.other_party = trimmed(c, in->in.other_party);
	d.title = trimmed(c, in->in.title);
	d.filer_id = filer.id;
	d.filer_org_id = filer.org_id;
	d.recorded_by = recorder;
	d.state = DST_OPEN;
	d.filed_at = c->now;
	if (in->payload != NULL)
		crypto_hash_hex(in->payload, in->payload_len, hash);
	else
		crypto_hash_hex(in->in.statement, strlen(in->in.statement), hash);
	d.payload_sha256 = arena_strdup(c->a, hash);

	if ((er = store_begin(c->st)) != APP_OK)
		return stored(f, er);
	/* Computed at filing and kept: a later level does not reorder a filed dispute. */
	if ((er = priority_of(c, filer.org_id, &prio)) != APP_OK)
		goto fail;
	d.priority = prio;
	year = report_id_year(c->now);
	if ((er = store_wd_next_seq(c->st, "dispute", year, &seq)) != APP_OK)
		goto fail;
	report_id_format(id, sizeof(id), c->cfg->unit_dispute_prefix, year, seq);
	d.id = arena_strdup(c->a, id);
	memset(&s, 0, sizeof(s));
	seal_opt(c, in->in.statement, seal_ad(c, d.id, "statement"), &s.statement);
	seal_opt(c, in->in.outcome_wanted, seal_ad(c, d.id, "wanted"), &s.wanted);
	if ((er = svc_log_append(c, d.id, channel, d.payload_sha256, &d.leaf_index)) != APP_OK ||
	    (er = store_dispute_insert(c->st, &d, year, seq, &s)) != APP_OK ||
	    (er = event_add(c, d.id, "filed", "", dispute_state_name(DST_OPEN),
	    recorder != 0 ? filer.login : channel, NULL)) != APP_OK ||
	    (er = svc_clock_start(c, DL_DISPUTE, subject_of(c, d.id), NULL, NULL, c->now)) !=
	    APP_OK ||
	    (er = store_audit_add(c->st, actor_id(c), "dispute.file", subject_of(c, d.id),
	    arena_printf(c->a, "category=%s priority=%d filer=%s leaf=%lld",
	    dispute_category_name(cat), prio, filer.login, (long long)d.leaf_index), c->addr,
	    c->now)) != APP_OK ||
	    (er = svc_notice_staff(c, DISPUTE_NOTICE_KIND, subject_of(c, d.id),
	    notice_text(c, prio > 0 ? MSG_DISPUTE_NOTICE_NEW_PRIORITY : MSG_DISPUTE_NOTICE_NEW,
	    d.id), &nstaff)) != APP_OK ||
	    (er = tell_filer(c, &d, MSG_DISPUTE_NOTICE_RECORDED)) != APP_OK ||
	    (er = store_dispute_get(c->st, c->a, d.id, out, NULL)) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK)
		goto fail;
	log_info("event=dispute_filed id=%s priority=%d leaf=%lld", d.id, prio,
	    (long long)d.leaf_index);
	return APP_OK;
fail:
	store_rollback(c->st);
	memset(out, 0, sizeof(*out));
	return stored(f, er == APP_NOTFOUND ? APP_STORE : er);
}

/* May the actor read d: staff, the filer, or who recorded it for them. */
static bool
reads(const struct svc_ctx *c, const struct dispute_row *d)
{
	if (svc_is_staff(c))
		return true;
	return c->actor != NULL && (d->filer_id == c->actor->id ||
	    d->recorded_by == c->actor->id);
}

enum app_err
svc_dispute_get(const struct svc_ctx *c, const char *id, struct dispute_view *out,
    struct fault *f)
{
	struct dispute_seals	s;
	size_t			i;
	enum app_err		er;

	memset(out, 0, sizeof(*out));
	if (!svc_disputes_on(c))
		return not_here(f);
	if (c->actor == NULL || id == NULL || !report_id_valid(str_from(id)))
		return no_such(f);
	if ((er = store_dispute_get(c->st, c->a, id, &out->d, &s)) != APP_OK)
		return stored(f, er);
	if (!reads(c, &out->d)) {
		memset(out, 0, sizeof(*out));
		return no_such(f);
	}
	out->staff = svc_is_staff(c);
	out->filer = out->d.filer_id == c->actor->id;
	if ((er = store_audit_add(c->st, actor_id(c), "dispute.read", subject_of(c, id), "",
	    c->addr, c->now)) != APP_OK ||
	    (er = store_dispute_events(c->st, c->a, id, &out->events, &out->nevents)) != APP_OK)
		return stored(f, er);
	out->statement = open_opt(c, &s.statement, seal_ad(c, id, "statement"));
	out->outcome_wanted = open_opt(c, &s.wanted, seal_ad(c, id, "wanted"));
	out->resolution = open_opt(c, &s.resolution, seal_ad(c, id, "resolution"));
	if (out->statement == NULL || out->outcome_wanted == NULL || out->resolution == NULL)
		goto unsealed;
	for (i = 0; i < out->nevents; i++)
		if ((out->events[i].note_text = open_opt(c, &out->events[i].note,
		    event_ad(c, id, out->events[i].id))) == NULL)
			goto unsealed;
	return APP_OK;
unsealed:
	log_err("event=unseal_failed dispute=%s", id);
	return fault_set(f, APP_INTERNAL, NULL, MSG_ERR_INTERNAL, 0);
}

static int
queue_cmp(const void *pa, const void *pb)
{
	const struct dispute_row	*a = pa, *b = pb;
	struct dispute_key		 ka = { dispute_open(a->state), a->priority, a->due_at,
					    a->id };
	struct dispute_key		 kb = { dispute_open(b->state), b->priority, b->due_at,
					    b->id };

	return dispute_queue_cmp(&ka, &kb);
}

enum app_err
svc_dispute_list(const struct svc_ctx *c, const char *state, bool open_only, int64_t skip,
    int limit, struct dispute_row **out, size_t *n, struct fault *f)
{
	struct dispute_filter	flt;
	enum app_err		er;

	*out = NULL;
	*n = 0;
	if (!svc_disputes_on(c))
		return not_here(f);
	if (c->actor == NULL)
		return fault_set(f, APP_UNAUTH, NULL, MSG_ERR_NEED_LOGIN, 0);
	if (state != NULL && state[0] != '\0' && dispute_state_parse(state) < 0)
		return fault_set(f, APP_INVALID, "state", MSG_ERR_FIELD_CHOICE, 0);
	memset(&flt, 0, sizeof(flt));
	flt.filer_id = svc_is_staff(c) ? 0 : c->actor->id;
	flt.state = state != NULL && state[0] != '\0' ? state : NULL;
	flt.open_only = open_only;
	flt.skip = skip < 0 ? 0 : skip;
	flt.limit = limit < 1 || limit > 1000 ? 50 : limit;
	if ((er = store_dispute_list(c->st, c->a, &flt, out, n)) != APP_OK)
		return stored(f, er);
	/* The store reads in this order; the rule is the domain's, so it decides. */
	if (*n > 1)
		qsort(*out, *n, sizeof(**out), queue_cmp);
	return APP_OK;
}

/* Begin a step: the row inside the transaction (staff only when staff_only). */
static enum app_err
step_begin(const struct svc_ctx *c, const char *id, bool staff_only, struct dispute_row *d,
    struct fault *f)
{
	enum app_err	er;

	if (!svc_disputes_on(c))
		return not_here(f);
	if (c->actor == NULL)
		return fault_set(f, APP_UNAUTH, NULL, MSG_ERR_NEED_LOGIN, 0);
	if (id == NULL || !report_id_valid(str_from(id)))
		return no_such(f);
	if (staff_only && (er = svc_staff(c, f)) != APP_OK)
		return er;
	if ((er = store_begin(c->st)) != APP_OK)
		return stored(f, er);
	if ((er = store_dispute_get(c->st, c->a, id, d, NULL)) != APP_OK) {
		store_rollback(c->st);
		return stored(f, er);
	}
	if (!reads(c, d)) {
		store_rollback(c->st);
		return no_such(f);
	}
	return APP_OK;
}

static enum app_err
step_refused(const struct svc_ctx *c, enum app_err er, enum msg_id m, const char *field,
    const char *rule, struct fault *f)
{
	store_rollback(c->st);
	fault_set(f, er, field, m, 0);
	f->rule = rule;
	return er;
}

static enum app_err
step_end(const struct svc_ctx *c, const char *id, struct dispute_row *out, struct fault *f)
{
	enum app_err	er;

	if ((er = store_dispute_get(c->st, c->a, id, out, NULL)) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK) {
		store_rollback(c->st);
		return stored(f, er == APP_NOTFOUND ? APP_STORE : er);
	}
	return APP_OK;
}

static enum app_err
step_failed(const struct svc_ctx *c, enum app_err er, struct fault *f)
{
	store_rollback(c->st);
	return stored(f, er == APP_NOTFOUND ? APP_CONFLICT : er);
}

enum app_err
svc_dispute_assign(const struct svc_ctx *c, const char *id, const char *assignee,
    struct dispute_row *out, struct fault *f)
{
	struct dispute_row	d;
	struct user		u;
	enum dispute_state	to;
	enum msg_id		m;
	enum app_err		er;

	if (assignee == NULL || assignee[0] == '\0')
		assignee = c->actor != NULL ? c->actor->login : NULL;
	if ((er = step_begin(c, id, true, &d, f)) != APP_OK)
		return er;
	if ((m = dispute_can_assign(d.state, &to)) != MSG_OK)
		return step_refused(c, APP_CONFLICT, m, NULL, "R40", f);
	er = assignee != NULL && strlen(assignee) <= LOGIN_MAX ?
	    store_user_by_login(c->st, c->a, assignee, &u) : APP_NOTFOUND;
	if (er == APP_OK && (u.disabled || !authz_allows(u.role, PERM_CASES_MANAGE)))
		er = APP_NOTFOUND;
	if (er != APP_OK) {
		store_rollback(c->st);
		if (er != APP_NOTFOUND)
			return stored(f, er);
		return fault_set(f, APP_INVALID, "assignee", MSG_ERR_DISPUTE_ASSIGNEE, 0);
	}
	if (d.assignee_id == u.id) {
		store_rollback(c->st);
		*out = d;
		return APP_OK;
	}
	if ((er = store_dispute_assign(c->st, d.id, u.id, c->now)) != APP_OK ||
	    (er = event_add(c, d.id, "assigned", dispute_state_name(d.state),
	    dispute_state_name(to), u.login, NULL)) != APP_OK ||
	    (er = store_audit_add(c->st, actor_id(c), "dispute.assign", subject_of(c, d.id),
	    arena_printf(c->a, "assignee=%s", u.login), c->addr, c->now)) != APP_OK ||
	    (er = tell_filer(c, &d, MSG_DISPUTE_NOTICE_COORDINATING)) != APP_OK ||
	    (u.id != actor_id(c) && (er = svc_notice_user(c, u.id, DISPUTE_NOTICE_KIND,
	    subject_of(c, d.id), notice_text(c, MSG_DISPUTE_NOTICE_ASSIGNED, d.id))) != APP_OK))
		return step_failed(c, er, f);
	return step_end(c, d.id, out, f);
}

enum app_err
svc_dispute_note(const struct svc_ctx *c, const char *id, const char *note, bool party,
    struct dispute_row *out, struct fault *f)
{
	struct dispute_row	d;
	bool			staff;
	enum msg_id		m;
	enum app_err		er;

	if ((er = step_begin(c, id, false, &d, f)) != APP_OK)
		return er;
	staff = svc_is_staff(c);
	if (party && !staff)
		return step_refused(c, APP_FORBIDDEN, MSG_ERR_DISPUTE_PARTY, "party", "rbac.role",
		    f);
	if ((m = dispute_text_check(note)) != MSG_OK) {
		store_rollback(c->st);
		return fault_set(f, APP_INVALID, "note", m, 0);
	}
	if ((m = dispute_can_note(d.state)) != MSG_OK)
		return step_refused(c, APP_CONFLICT, m, NULL, "R40", f);
	if ((er = store_dispute_touch(c->st, d.id, c->now)) != APP_OK ||
	    (er = event_add(c, d.id, party ? "party" : "note", "", "", "", note)) != APP_OK ||
	    (er = store_audit_add(c->st, actor_id(c), party ? "dispute.party" : "dispute.note",
	    subject_of(c, d.id), "", c->addr, c->now)) != APP_OK ||
	    (er = staff ? tell_filer(c, &d, MSG_DISPUTE_NOTICE_NOTE) :
	    tell_staff(c, &d, MSG_DISPUTE_NOTICE_FILER_NOTE)) != APP_OK)
		return step_failed(c, er, f);
	return step_end(c, d.id, out, f);
}

enum app_err
svc_dispute_resolve(const struct svc_ctx *c, const char *id, const char *outcome,
    struct dispute_row *out, struct fault *f)
{
	struct dispute_row	d;
	struct sealed		s;
	enum msg_id		m;
	enum app_err		er;

	if ((er = step_begin(c, id, true, &d, f)) != APP_OK)
		return er;
	if ((m = dispute_text_check(outcome)) != MSG_OK) {
		store_rollback(c->st);
		return fault_set(f, APP_INVALID, "outcome", m, 0);
	}
	if ((m = dispute_can_resolve(d.state)) != MSG_OK)
		return step_refused(c, APP_CONFLICT, m, NULL, "R40", f);
	svc_seal(c, outcome, strlen(outcome), seal_ad(c, d.id, "resolution"), &s);
	if ((er = store_dispute_close(c->st, d.id, DST_RESOLVED, &s, c->now)) != APP_OK ||
	    (er = event_add(c, d.id, "resolved", dispute_state_name(d.state),
	    dispute_state_name(DST_RESOLVED), "", NULL)) != APP_OK ||
	    (er = svc_clock_met(c, DL_DISPUTE, subject_of(c, d.id))) != APP_OK ||
	    (er = store_audit_add(c->st, actor_id(c), "dispute.resolve", subject_of(c, d.id),
	    "", c->addr, c->now)) != APP_OK ||
	    (er = tell_filer(c, &d, MSG_DISPUTE_NOTICE_RESOLVED)) != APP_OK)
		return step_failed(c, er, f);
	log_info("event=dispute_resolved id=%s", d.id);
	return step_end(c, d.id, out, f);
}

enum app_err
svc_dispute_withdraw(const struct svc_ctx *c, const char *id, const char *reason,
    struct dispute_row *out, struct fault *f)
{
	struct dispute_row	d;
	enum msg_id		m;
	enum app_err		er;

	if ((er = step_begin(c, id, false, &d, f)) != APP_OK)
		return er;
	/* The filer's to withdraw (or staff who recorded it for them), nobody else's. */
	if (d.filer_id != c->actor->id && d.recorded_by != c->actor->id)
		return step_refused(c, APP_FORBIDDEN, MSG_ERR_DISPUTE_NOT_FILER, NULL, "R40", f);
	if (reason != NULL && reason[0] != '\0' && (m = dispute_text_check(reason)) != MSG_OK) {
		store_rollback(c->st);
		return fault_set(f, APP_INVALID, "reason", m, 0);
	}
	if ((m = dispute_can_withdraw(d.state)) != MSG_OK)
		return step_refused(c, APP_CONFLICT, m, NULL, "R40", f);
	if ((er = store_dispute_close(c->st, d.id, DST_WITHDRAWN, NULL, c->now)) != APP_OK ||
	    (er = event_add(c, d.id, "withdrawn", dispute_state_name(d.state),
	    dispute_state_name(DST_WITHDRAWN), "", reason)) != APP_OK ||
	    (er = svc_clock_waive(c, DL_DISPUTE, subject_of(c, d.id),
	    "withdrawn by the filer / 申请人撤回")) != APP_OK ||
	    (er = store_audit_add(c->st, actor_id(c), "dispute.withdraw", subject_of(c, d.id),
	    "", c->addr, c->now)) != APP_OK ||
	    (er = tell_filer(c, &d, MSG_DISPUTE_NOTICE_WITHDRAWN)) != APP_OK ||
	    (er = tell_staff(c, &d, MSG_DISPUTE_NOTICE_WITHDRAWN)) != APP_OK)
		return step_failed(c, er, f);
	log_info("event=dispute_withdrawn id=%s", d.id);
	return step_end(c, d.id, out, f);
}

enum app_err
svc_dispute_assignees(const struct svc_ctx *c, struct user **out, size_t *n, struct fault *f)
{
	if (!svc_disputes_on(c)) {
		*out = NULL;
		*n = 0;
		return not_here(f);
	}
	return svc_staff_accounts(c, out, n, f);
}
