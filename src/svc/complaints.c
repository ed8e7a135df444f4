/*
 * Complaints (举报, issue 8; 办法 第九条): receiving them, following them up
 * and counting them, in the registry role (svc/complaints.h).
 */
#include <string.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/log.h"
#include "core/str.h"
#include "crypto/crypto.h"
#include "domain/authz.h"
#include "domain/report.h"
#include "svc/complaints.h"
#include "svc/notices.h"
#include "svc/seal.h"

/* Pages of accounts read when listing who may be assigned, and their size. */

/* The longest login (domain/user.c: 3 to 32 characters) with room to spare. */
#define ASSIGNEE_LOGIN_MAX	64

/* The notice kind staff and assignees are told with. */
#define NOTICE_KIND		"complaint"

bool
svc_complaints_on(const struct svc_ctx *c)
{
	return c->cfg->role == ROLE_REGISTRY;
}

/* A store failure as a fault (the API and the pages explain f, never a bare code). */
static enum app_err
stored(struct fault *f, enum app_err er)
{
	return fault_set(f, er, NULL, er == APP_NOTFOUND ? MSG_ERR_NO_SUCH_COMPLAINT :
	    MSG_ERR_STORE, 0);
}

static enum app_err
not_here(struct fault *f)
{
	return fault_set(f, APP_NOTFOUND, NULL, MSG_ERR_COMPLAINTS_OFF, 0);
}

static enum app_err
no_such(struct fault *f)
{
	return fault_set(f, APP_NOTFOUND, NULL, MSG_ERR_NO_SUCH_COMPLAINT, 0);
}

static int64_t
actor_id(const struct svc_ctx *c)
{
	return c->actor != NULL ? c->actor->id : 0;
}

/* What each sealed value is bound to: its complaint and its place in it. */
static const char *
seal_ad(const struct svc_ctx *c, const char *id, const char *part)
{
	return arena_printf(c->a, "complaint:%s/%s", id, part);
}

static const char *
event_ad(const struct svc_ctx *c, const char *id, int64_t event_id)
{
	return arena_printf(c->a, "complaint:%s/event/%lld", id, (long long)event_id);
}

/* Seal s (if given and not empty) into out; else out stays empty. */
static void
seal_opt(const struct svc_ctx *c, const char *s, const char *ad, struct sealed *out)
{
	memset(out, 0, sizeof(*out));
	if (s != NULL && s[0] != '\0')
		svc_seal(c, s, strlen(s), ad, out);
}

/* Open a sealed value ("" when there is none); NULL when it does not open. */
static const char *
open_opt(const struct svc_ctx *c, const struct sealed *s, const char *ad)
{
	size_t	n;

	if (s->data == NULL)
		return "";
	return (const char *)svc_unseal(c, s, ad, &n);
}

/* One step of the history, with its note sealed to the step's own row. */
static enum app_err
event_add(const struct svc_ctx *c, const char *id, const char *event, const char *from,
    const char *to, const char *detail, const char *note, int64_t actor)
{
	struct complaint_event	e;
	enum app_err		er;

	memset(&e, 0, sizeof(e));
	if ((er = store_complaint_event_next_id(c->st, &e.id)) != APP_OK)
		return er;
	e.complaint_id = id;
	e.at = c->now;
	e.actor_id = actor;
	e.event = event;
	e.from_state = from;
	e.to_state = to;
	e.detail = detail;
	seal_opt(c, note, event_ad(c, id, e.id), &e.note);
	return store_complaint_event_add(c->st, &e);
}

/* Both languages of a notice, zh first (notices are read in either). */
static const char *
notice_text(const struct svc_ctx *c, enum msg_id m, const char *id)
{
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	return arena_printf(c->a, "%s\n%s", arena_printf(c->a, msg(LANG_ZH, m), id),
	    arena_printf(c->a, msg(LANG_EN, m), id));
#pragma GCC diagnostic pop
}

/*
 * The throttle's key: a hash of the client address, never the address,
 * and erased once the window is over (store_complaint_addr_forget).
 */
static const char *
addr_key(const struct svc_ctx *c)
{
	char	hex[CRYPTO_HASH_HEX];
	const char *s;

	if (c->addr == NULL || c->addr[0] == '\0')
		return NULL;
	s = arena_printf(c->a, "complaint-throttle:%s", c->addr);
	crypto_hash_hex(s, strlen(s), hex);
	return arena_strdup(c->a, hex);
}

/* The leaf, its signed head and its inclusion proof, read back after the commit. */
static void
receipt_fill(const struct svc_ctx *c, struct complaint_receipt *out)
{
	struct log_leaf	 l;
	int64_t		 idx = out->c.leaf_index;

	out->r.id = out->c.id;
	out->r.leaf_index = idx;
	if (store_log_leaf(c->st, c->a, idx, &l) != APP_OK ||
	    store_log_sth_get(c->st, idx + 1, &out->r.sth) != APP_OK ||
	    svc_log_inclusion(c, idx, idx + 1, out->r.proof, &out->r.nproof) != APP_OK) {
		/* Stored and logged already: the receipt can be had again from staff. */
		log_err("event=complaint_receipt_failed id=%s leaf=%lld", out->c.id,
		    (long long)idx);
		out->r.nproof = 0;
		return;
	}
	out->r.leaf = l.leaf;
	out->r.leaf_len = l.leaf_len;
}

enum app_err
svc_complaint_submit(const struct svc_ctx *c, const struct complaint_new *in,
    struct complaint_receipt *out, struct complaint_problem *p, int *np, struct fault *f)
{
	struct complaint_row	*r = &out->c;
	struct complaint_seals	 s;
	struct svc_ctx		 lc = *c;
	enum complaint_category	 cat = CCAT_OTHER;
	enum complaint_channel	 ch = CCH_API;
	const char		*akey = NULL, *ch_name;
	struct str		 name;
	char			 id[64], hash[CRYPTO_HASH_HEX], tok[CRYPTO_HASH_HEX];
	bool			 recording = false;
	int64_t			 seq = 0, count = 0, oldest = 0, wait;
	int			 year, k;
	size_t			 nstaff;
	enum app_err		 er;

	memset(out, 0, sizeof(*out));
	*np = 0;
	if (!svc_complaints_on(c))
		return not_here(f);
	if (in->channel != NULL && in->channel[0] != '\0') {
		if ((k = complaint_channel_parse(in->channel)) < 0)
			return fault_set(f, APP_INVALID, "channel", MSG_ERR_COMPLAINT_CHANNEL, 0);
		ch = (enum complaint_channel)k;
	}
	/* A complaint received by phone or e-mail is entered by the staff. */
	if (ch == CCH_PHONE || ch == CCH_EMAIL) {
		if (!svc_is_staff(c)) {
			fault_set(f, APP_FORBIDDEN, "channel", MSG_ERR_COMPLAINT_RECORDING, 0);
			f->rule = "rbac.role";
			return APP_FORBIDDEN;
		}
		recording = true;
	}
	if ((k = complaint_check(&in->in, &cat, p, COMPLAINT_MAX_PROBLEMS)) > 0) {
		*np = k < COMPLAINT_MAX_PROBLEMS ? k : COMPLAINT_MAX_PROBLEMS;
		return fault_set(f, APP_INVALID, p[0].field, p[0].msg, 0);
	}
	if (!recording)
		akey = addr_key(c);

	memset(&s, 0, sizeof(s));
	name = str_trim(str_from(in->in.platform_name));
	r->platform_name = arena_strndup(c->a, name.p, name.n);
	r->platform_url = in->in.platform_url != NULL ? in->in.platform_url : "";
	r->filing_number = in->in.filing_number != NULL ? in->in.filing_number : "";
	r->category = cat;
	r->channel = ch;
	/* Linked only to the account that sends it, and only when asked to be. */
	r->anonymous = recording || c->actor == NULL || in->anonymous;
	r->reporter_id = r->anonymous ? 0 : c->actor->id;
	r->reporter_login = r->anonymous ? "" : c->actor->login;
	r->recorded_by = recording ? actor_id(c) : 0;
	r->recorded_by_login = recording && c->actor != NULL ? c->actor->login : "";
	r->received_at = c->now;
	r->state = CST_SUBMITTED;
	r->outcome = COUT_NONE;
	r->updated_at = c->now;
	r->assignee_login = "";
	if (in->payload != NULL)
		crypto_hash_hex(in->payload, in->payload_len, hash);
	else
		crypto_hash_hex(in->in.text, strlen(in->in.text), hash);
	r->payload_sha256 = arena_strdup(c->a, hash);
	/* The leaf names no account of an anonymous complainant. */
	if (r->anonymous && !recording)
		lc.actor = NULL;
	ch_name = complaint_channel_name(ch);

	if ((er = store_begin(c->st)) != APP_OK)
		return stored(f, er);
	if (akey != NULL) {
		if ((er = store_complaint_addr_forget(c->st, c->now - COMPLAINT_ADDR_WINDOW)) !=
		    APP_OK || (er = store_complaint_addr_count(c->st, akey,
		    c->now - COMPLAINT_ADDR_WINDOW, &count, &oldest)) != APP_OK)
			goto fail;
		if (count >= COMPLAINT_ADDR_MAX) {
			store_rollback(c->st);
			wait = oldest + COMPLAINT_ADDR_WINDOW - c->now + 1;
			log_info("event=complaint_throttled wait=%lld", (long long)wait);
			return fault_set(f, APP_THROTTLED, NULL, MSG_ERR_COMPLAINT_THROTTLED,
			    wait > 0 ? (int)wait : 1);
		}
	}
	year = report_id_year(c->now);
	if ((er = store_complaint_next_seq(c->st, year, &seq)) != APP_OK)
		goto fail;
	report_id_format(id, sizeof(id), c->cfg->complaint_prefix, year, seq);
	r->id = arena_strdup(c->a, id);
	seal_opt(c, in->in.text, seal_ad(c, r->id, "text"), &s.text);
	seal_opt(c, in->in.contact, seal_ad(c, r->id, "contact"), &s.contact);
	crypto_token_new(COMPLAINT_TOKEN_PREFIX, out->token);
	crypto_hash_hex(out->token, strlen(out->token), tok);
	s.token_hash = tok;
	if ((er = svc_log_append(&lc, r->id, ch_name, r->payload_sha256, &r->leaf_index)) !=
	    APP_OK ||
	    (er = store_complaint_insert(c->st, r, year, seq, &s, akey)) != APP_OK ||
	    (er = event_add(c, r->id, "submitted", "", complaint_state_name(CST_SUBMITTED),
	    ch_name, NULL, recording ? actor_id(c) : r->reporter_id)) != APP_OK ||
	    /* Never the address of a complainant: the audit keeps the staff's only. */
	    (er = store_audit_add(c->st, recording ? actor_id(c) : r->reporter_id,
	    "complaint.receive", arena_printf(c->a, "complaint:%s", r->id),
	    arena_printf(c->a, "channel=%s leaf=%lld", ch_name, (long long)r->leaf_index),
	    recording ? c->addr : "", c->now)) != APP_OK ||
	    (er = svc_notice_staff(c, NOTICE_KIND, arena_printf(c->a, "complaint:%s", r->id),
	    notice_text(c, MSG_COMPLAINT_NOTICE_NEW, r->id), &nstaff)) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK)
		goto fail;
	log_info("event=complaint_received id=%s channel=%s leaf=%lld", r->id, ch_name,
	    (long long)r->leaf_index);
	receipt_fill(c, out);
	return APP_OK;
fail:
	store_rollback(c->st);
	crypto_wipe(out->token, sizeof(out->token));
	return stored(f, er == APP_NOTFOUND ? APP_STORE : er);
}

/* Does token (as given) hash to the stored one?  Constant time in the hash. */
static bool
token_ok(const char *token, const char *stored_hash)
{
	char	hex[CRYPTO_HASH_HEX];
	size_t	n;

	if (token == NULL || stored_hash == NULL || strlen(stored_hash) != CRYPTO_HASH_HEX - 1)
		return false;
	n = strlen(token);
	if (n == 0 || n >= CRYPTO_TOKEN_MAX)
		return false;
	crypto_hash_hex(token, n, hex);
	return crypto_memeq(hex, stored_hash, CRYPTO_HASH_HEX - 1);
}

/* Everything of a complaint, opened, for staff. */
static enum app_err
open_all(const struct svc_ctx *c, const struct complaint_seals *s, struct complaint_view *v,
    struct fault *f)
{
	const char	*id = v->c.id;
	size_t		 i;
	enum app_err	 er;

	v->text = open_opt(c, &s->text, seal_ad(c, id, "text"));
	v->contact = open_opt(c, &s->contact, seal_ad(c, id, "contact"));
	v->outcome_note = open_opt(c, &s->outcome, seal_ad(c, id, "outcome"));
	if (v->text == NULL || v->contact == NULL || v->outcome_note == NULL)
		goto unsealed;
	if ((er = store_complaint_events(c->st, c->a, id, &v->events, &v->nevents)) != APP_OK)
		return stored(f, er);
	for (i = 0; i < v->nevents; i++) {
		v->events[i].note_text = open_opt(c, &v->events[i].note,
		    event_ad(c, id, v->events[i].id));
		if (v->events[i].note_text == NULL)
			goto unsealed;
	}
	v->full = true;
	return APP_OK;
unsealed:
	log_err("event=unseal_failed complaint=%s", id);
	return fault_set(f, APP_INTERNAL, NULL, MSG_ERR_INTERNAL, 0);
}

enum app_err
svc_complaint_get(const struct svc_ctx *c, const char *id, const char *token,
    struct complaint_view *out, struct fault *f)
{
	struct complaint_seals	s;
	bool			own;
	enum app_err		er;

	memset(out, 0, sizeof(*out));
	if (!svc_complaints_on(c))
		return not_here(f);
	if (id == NULL || !report_id_valid(str_from(id)))
		return no_such(f);
	if ((er = store_complaint_get(c->st, c->a, id, &out->c, &s)) != APP_OK)
		return stored(f, er);
	if (svc_is_staff(c)) {
		/* Staff reading what a complainant wrote leaves a trace (R18). */
		if ((er = store_audit_add(c->st, actor_id(c), "complaint.read",
		    arena_printf(c->a, "complaint:%s", id), "", c->addr, c->now)) != APP_OK)
			return stored(f, er);
		return open_all(c, &s, out, f);
	}
	own = c->actor != NULL && out->c.reporter_id != 0 && out->c.reporter_id == c->actor->id;
	if (!own && !token_ok(token, s.token_hash)) {
		memset(out, 0, sizeof(*out));
		return no_such(f);
	}
	return APP_OK;
}

enum app_err
svc_complaint_list(const struct svc_ctx *c, const struct complaint_filter *flt,
    struct complaint_row **out, size_t *n, struct fault *f)
{
	struct complaint_filter	g = *flt;
	enum app_err		er;

	*out = NULL;
	*n = 0;
	if (!svc_complaints_on(c))
		return not_here(f);
	if ((er = svc_staff(c, f)) != APP_OK)
		return er;
	if (g.state != NULL && complaint_state_parse(g.state) < 0)
		return fault_set(f, APP_INVALID, "state", MSG_ERR_FIELD_CHOICE, 0);
	if (g.category != NULL && complaint_category_parse(g.category) < 0)
		return fault_set(f, APP_INVALID, "category", MSG_ERR_COMPLAINT_CATEGORY, 0);
	if (g.platform != NULL && g.platform[0] == '\0')
		g.platform = NULL;
	if (g.limit < 1 || g.limit > 1000)
		g.limit = 50;
	if ((er = store_complaint_list(c->st, c->a, &g, out, n)) != APP_OK)
		return stored(f, er);
	return APP_OK;
}

/* Begin a staff step on an open complaint: the row, inside the transaction. */
static enum app_err
step_begin(const struct svc_ctx *c, const char *id, struct complaint_row *r, struct fault *f)
{
	enum app_err	er;

	if (!svc_complaints_on(c))
		return not_here(f);
	if ((er = svc_staff(c, f)) != APP_OK)
		return er;
	if (id == NULL || !report_id_valid(str_from(id)))
		return no_such(f);
	if ((er = store_begin(c->st)) != APP_OK)
		return stored(f, er);
	if ((er = store_complaint_get(c->st, c->a, id, r, NULL)) != APP_OK) {
		store_rollback(c->st);
		return stored(f, er);
	}
	return APP_OK;
}

/* A step the state does not allow: the transaction ends, APP_CONFLICT. */
static enum app_err
step_refused(const struct svc_ctx *c, enum msg_id m, const char *field, struct fault *f)
{
	store_rollback(c->st);
	fault_set(f, APP_CONFLICT, field, m, 0);
	f->rule = "办法 第九条";
	return APP_CONFLICT;
}

/* End a staff step: the row again, then the commit. */
static enum app_err
step_end(const struct svc_ctx *c, const char *id, struct complaint_row *out, struct fault *f)
{
	enum app_err	er;

	if ((er = store_complaint_get(c->st, c->a, id, out, NULL)) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK) {
		store_rollback(c->st);
		return stored(f, er == APP_NOTFOUND ? APP_STORE : er);
	}
	return APP_OK;
}

enum app_err
svc_complaint_assign(const struct svc_ctx *c, const char *id, const char *assignee,
    struct complaint_row *out, struct fault *f)
{
	struct complaint_row	r;
	struct user		u;
	enum complaint_state	to;
	enum msg_id		m;
	enum app_err		er;

	if (assignee == NULL || assignee[0] == '\0')
		assignee = c->actor != NULL ? c->actor->login : NULL;
	if ((er = step_begin(c, id, &r, f)) != APP_OK)
		return er;
	if ((m = complaint_can_assign(r.state, &to)) != MSG_OK)
		return step_refused(c, m, NULL, f);
	er = assignee != NULL && strlen(assignee) <= ASSIGNEE_LOGIN_MAX ?
	    store_user_by_login(c->st, c->a, assignee, &u) : APP_NOTFOUND;
	/* Only an active account of the staff takes complaints. */
	if (er == APP_OK && (u.disabled || !authz_allows(u.role, PERM_CASES_MANAGE)))
		er = APP_NOTFOUND;
	if (er != APP_OK) {
		store_rollback(c->st);
		if (er != APP_NOTFOUND)
			return stored(f, er);
		return fault_set(f, APP_INVALID, "assignee", MSG_ERR_COMPLAINT_ASSIGNEE, 0);
	}
	if (r.assignee_id == u.id) {
		/* Already theirs: nothing to record. */
		store_rollback(c->st);
		*out = r;
		return APP_OK;
	}
	if ((er = store_complaint_assign(c->st, r.id, u.id, to, c->now)) != APP_OK ||
	    (er = event_add(c, r.id, "assigned", complaint_state_name(r.state),
	    complaint_state_name(to), u.login, NULL, actor_id(c))) != APP_OK ||
	    (er = store_audit_add(c->st, actor_id(c), "complaint.assign",
	    arena_printf(c->a, "complaint:%s", r.id), arena_printf(c->a, "assignee=%s",
	    u.login), c->addr, c->now)) != APP_OK ||
	    (u.id != actor_id(c) && (er = svc_notice_user(c, u.id, NOTICE_KIND,
	    arena_printf(c->a, "complaint:%s", r.id), notice_text(c,
	    MSG_COMPLAINT_NOTICE_ASSIGNED, r.id))) != APP_OK)) {
		store_rollback(c->st);
		return stored(f, er == APP_NOTFOUND ? APP_CONFLICT : er);
	}
	return step_end(c, r.id, out, f);
}

enum app_err
svc_complaint_note(const struct svc_ctx *c, const char *id, const char *note,
    struct complaint_row *out, struct fault *f)
{
	struct complaint_row	r;
	enum complaint_state	to;
	enum msg_id		m;
	enum app_err		er;

	if ((er = step_begin(c, id, &r, f)) != APP_OK)
		return er;
	if ((m = complaint_note_check(note)) != MSG_OK) {
		store_rollback(c->st);
		return fault_set(f, APP_INVALID, "note", m, 0);
	}
	if ((m = complaint_can_note(r.state, &to)) != MSG_OK)
		return step_refused(c, m, NULL, f);
	if ((to != r.state && (er = store_complaint_set_state(c->st, r.id, to, c->now)) !=
	    APP_OK) ||
	    (er = event_add(c, r.id, "note", to != r.state ? complaint_state_name(r.state) : "",
	    to != r.state ? complaint_state_name(to) : "", "", note, actor_id(c))) != APP_OK ||
	    (er = store_audit_add(c->st, actor_id(c), "complaint.note",
	    arena_printf(c->a, "complaint:%s", r.id), "", c->addr, c->now)) != APP_OK) {
		store_rollback(c->st);
		return stored(f, er == APP_NOTFOUND ? APP_CONFLICT : er);
	}
	return step_end(c, r.id, out, f);
}

enum app_err
svc_complaint_close(const struct svc_ctx *c, const char *id, const char *outcome,
    const char *note, struct complaint_row *out, struct fault *f)
{
	struct complaint_row	r;
	struct sealed		s;
	enum complaint_outcome	o;
	enum msg_id		m;
	int			k;
	enum app_err		er;

	if ((er = step_begin(c, id, &r, f)) != APP_OK)
		return er;
	if ((k = complaint_outcome_parse(outcome)) < 0) {
		store_rollback(c->st);
		return fault_set(f, APP_INVALID, "outcome", MSG_ERR_COMPLAINT_OUTCOME, 0);
	}
	if ((m = complaint_note_check(note)) != MSG_OK) {
		store_rollback(c->st);
		return fault_set(f, APP_INVALID, "note", m, 0);
	}
	o = (enum complaint_outcome)k;
	if ((m = complaint_can_close(r.state, o)) != MSG_OK)
		return step_refused(c, m, "outcome", f);
	svc_seal(c, note, strlen(note), seal_ad(c, r.id, "outcome"), &s);
	if ((er = store_complaint_close(c->st, r.id, o, &s, c->now)) != APP_OK ||
	    (er = event_add(c, r.id, "closed", complaint_state_name(r.state),
	    complaint_state_name(CST_CLOSED), complaint_outcome_name(o), NULL,
	    actor_id(c))) != APP_OK ||
	    (er = store_audit_add(c->st, actor_id(c), "complaint.close",
	    arena_printf(c->a, "complaint:%s", r.id), arena_printf(c->a, "outcome=%s",
	    complaint_outcome_name(o)), c->addr, c->now)) != APP_OK) {
		store_rollback(c->st);
		return stored(f, er == APP_NOTFOUND ? APP_CONFLICT : er);
	}
	return step_end(c, r.id, out, f);
}

enum app_err
svc_complaint_stats(const struct svc_ctx *c, int year, struct complaint_stats *out,
    struct fault *f)
{
	struct complaint_count	*rows;
	size_t			 n, i;
	int			 k;
	enum app_err		 er;

	memset(out, 0, sizeof(*out));
	if (!svc_complaints_on(c))
		return not_here(f);
	if ((er = svc_staff(c, f)) != APP_OK)
		return er;
	if (year != 0 && (year < 2000 || year > 9999))
		return fault_set(f, APP_INVALID, "year", MSG_ERR_FIELD_NUMBER, 0);
	out->year = year;
	if ((er = store_complaint_counts(c->st, c->a, CSTAT_STATE, year, &rows, &n)) != APP_OK)
		return stored(f, er);
	for (i = 0; i < n; i++)
		if ((k = complaint_state_parse(rows[i].key)) >= 0) {
			out->by_state[k] = rows[i].n;
			out->total += rows[i].n;
		}
	if ((er = store_complaint_counts(c->st, c->a, CSTAT_OUTCOME, year, &rows, &n)) != APP_OK)
		return stored(f, er);
	for (i = 0; i < n; i++)
		if ((k = complaint_outcome_parse(rows[i].key)) > 0)
			out->by_outcome[k] = rows[i].n;
	if ((er = store_complaint_counts(c->st, c->a, CSTAT_CATEGORY, year, &rows, &n)) !=
	    APP_OK)
		return stored(f, er);
	for (i = 0; i < n; i++)
		if ((k = complaint_category_parse(rows[i].key)) >= 0)
			out->by_category[k] = rows[i].n;
	if ((er = store_complaint_platforms(c->st, c->a, year, COMPLAINT_STATS_PLATFORMS,
	    &out->platforms, &out->nplatforms)) != APP_OK)
		return stored(f, er);
	return APP_OK;
}

enum app_err
svc_complaint_assignees(const struct svc_ctx *c, struct user **out, size_t *n,
    struct fault *f)
{
	if (!svc_complaints_on(c)) {
		*out = NULL;
		*n = 0;
		return not_here(f);
	}
	return svc_staff_accounts(c, out, n, f);
}
