/*
 * 备案, platform side: the registry's side of the conversation
 * (svc/pfiling.h).  Its answers (to a delivery, to a status read, or
 * recorded by hand) are parsed here without trusting them and applied to
 * the row in one transaction; the outbox renders each delivery from the
 * sent copy at send time.
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/arena.h"
#include "core/calendar.h"
#include "core/config.h"
#include "core/log.h"
#include "core/parse.h"
#include "core/str.h"
#include "core/utf8.h"
#include "svc/deadlines.h"
#include "svc/pfiling_int.h"

/* The GET the app registers at start (net/ is the app's, not svc's). */
static _Atomic(pfiling_fetch_fn)	 fetch_fn;

void
svc_pfiling_use_fetch(pfiling_fetch_fn fn)
{
	fetch_fn = fn;
}

/* --- the registry's answer --- */

/* A string member, checked: at most max bytes of text (lines allowed); "" otherwise. */
static const char *
jtext(struct arena *a, json_t *o, const char *key, size_t max, bool lines)
{
	json_t	*v = json_object_get(o, key);
	size_t	 n;

	if (!json_is_string(v) || (n = json_string_length(v)) > max ||
	    !utf8_text(json_string_value(v), n, lines))
		return "";
	return arena_strndup(a, json_string_value(v), n);
}

static int64_t
jtime(json_t *o, const char *key)
{
	const char	*s;
	int64_t		 t = 0;

	if (!json_is_string(json_object_get(o, key)))
		return 0;
	s = json_string_value(json_object_get(o, key));
	if (strlen(s) > 40 || time_parse_rfc3339(s, &t) != 0)
		return 0;
	return t;
}

static void
items_parse(struct arena *a, json_t *arr, struct pfiling_answer *out)
{
	json_t	*it;
	size_t	 i;

	if (!json_is_array(arr))
		return;
	out->items = arena_calloc(a, PFILING_ITEMS_MAX, sizeof(*out->items));
	out->nitems = 0;
	json_array_foreach(arr, i, it) {
		if (out->nitems == PFILING_ITEMS_MAX)
			break;
		if (!json_is_object(it))
			continue;
		out->items[out->nitems].field = jtext(a, it, "field", 64, false);
		out->items[out->nitems].problem = jtext(a, it, "problem", KIND_MAX, false);
		out->items[out->nitems].note = jtext(a, it, "note", PFILING_NOTE_MAX, true);
		out->nitems++;
	}
}

int
svc_pfiling_answer_parse(struct arena *a, const char *body, size_t len,
    struct pfiling_answer *out)
{
	json_t		*o, *v, *fl;
	json_error_t	 je;
	const char	*s;
	int64_t		 day;

	memset(out, 0, sizeof(*out));
	out->kind = out->state = -1;
	out->id = out->reason = out->number = out->filed_on = "";
	if (body == NULL || len == 0 || len > ANSWER_MAX ||
	    (o = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je)) == NULL)
		return -1;
	if (!json_is_object(o)) {
		json_decref(o);
		return -1;
	}
	s = jtext(a, o, "id", PFILING_ID_MAX, false);
	out->id = pf_app_id_ok(s) ? s : "";
	s = jtext(a, o, "kind", KIND_MAX, false);
	out->kind = filing_app_kind_parse(s, strlen(s));
	s = jtext(a, o, "state", KIND_MAX, false);
	out->state = filing_app_state_parse(s, strlen(s));
	out->review_due_at = jtime(o, "review_due_at");
	out->supplement_due_at = jtime(o, "supplement_due_at");
	out->reason = jtext(a, o, "reason", 2 * PFILING_NOTE_MAX, true);
	/* The POST's answer lists the deficiencies; the GET's has rounds, the last one counts. */
	if (json_is_array(v = json_object_get(o, "rounds")) && json_array_size(v) > 0)
		items_parse(a, json_object_get(json_array_get(v, json_array_size(v) - 1), "items"),
		    out);
	else
		items_parse(a, json_object_get(o, "deficiencies"), out);
	if (json_is_object(fl = json_object_get(o, "filing"))) {
		s = jtext(a, fl, "number", FILING_NUMBER_MAX, false);
		out->number = pf_number_ok(s) ? s : "";
		s = jtext(a, fl, "filed_on", 10, false);
		out->filed_on = date_parse(s, strlen(s), &day) == 0 ? s : "";
		out->deregistered = strcmp(jtext(a, fl, "status", KIND_MAX, false),
		    "deregistered") == 0;
	}
	json_decref(o);
	return 0;
}

/* What is kept of an answer: the same shape, parsed back by the view. */
static const char *
answer_json(const struct svc_ctx *c, const struct pfiling_answer *ans)
{
	json_t	*o = json_object(), *items = json_array(), *round;
	char	 t[40], *s;
	const char *r;
	size_t	 i;

	json_object_set_new(o, "id", json_string(ans->id));
	if (ans->kind >= 0)
		json_object_set_new(o, "kind", json_string(filing_app_kind_name(ans->kind)));
	if (ans->state >= 0)
		json_object_set_new(o, "state", json_string(filing_app_state_name(ans->state)));
	if (ans->review_due_at != 0) {
		time_format_utc(ans->review_due_at, t, sizeof(t));
		json_object_set_new(o, "review_due_at", json_string(t));
	}
	if (ans->supplement_due_at != 0) {
		time_format_utc(ans->supplement_due_at, t, sizeof(t));
		json_object_set_new(o, "supplement_due_at", json_string(t));
	}
	json_object_set_new(o, "reason", json_string(ans->reason));
	for (i = 0; i < ans->nitems; i++)
		json_array_append_new(items, json_pack("{s:s, s:s, s:s}",
		    "field", ans->items[i].field, "problem", ans->items[i].problem,
		    "note", ans->items[i].note));	/* steals */
	round = json_pack("{s:o}", "items", items);	/* steals items */
	json_object_set_new(o, "rounds", json_pack("[o]", round));	/* steals round */
	if (ans->number[0] != '\0' || ans->deregistered)
		json_object_set_new(o, "filing", json_pack("{s:s, s:s, s:s}",
		    "number", ans->number, "filed_on", ans->filed_on,
		    "status", ans->deregistered ? "deregistered" : "filed"));
	s = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (s == NULL)
		abort();	/* out of memory: as xmalloc */
	r = arena_strdup(c->a, s);
	free(s);
	return r;
}

/* --- the registry's answers --- */

/* A day has come: today is on or after date. */
bool
pf_reached(const struct svc_ctx *c, const char *date)
{
	int64_t	day;

	return date != NULL && date_parse(date, strlen(date), &day) == 0 &&
	    day <= date_of_time(c->now);
}

/* Leave an event (inside the transaction). */
enum app_err
pf_note_event(const struct svc_ctx *c, const struct pfiling_row *r, const char *event,
    const char *note)
{
	struct pfiling_event	e;

	memset(&e, 0, sizeof(e));
	e.at = c->now;
	e.actor_id = pf_actor_id(c);
	e.event = event;
	e.kind = r->app_kind;
	e.application_id = r->application_id;
	e.note = note;
	return store_pfiling_event_add(c->st, &e, NULL);
}

/*
 * Apply an answer to the row (inside the transaction): the registry's
 * state, its 补正 items, and what a decision means for the platform.
 */
static enum app_err
apply(const struct svc_ctx *c, struct pfiling_row *r, struct pfiling_seals *s,
    const struct pfiling_answer *ans)
{
	const struct filing_fieldset	*fs = filing_fieldset_current();
	enum platform_filing_status	 next;
	struct dossier			 work, filed;
	const char			*state, *date, *diff;
	int				 k = pf_kind_of(r->app_kind);
	enum app_err			 er;

	if (ans->state < 0 || k < 0)
		return APP_OK;	/* nothing to go by */
	if (ans->state == FAS_APPROVED && k == FAK_INITIAL && ans->number[0] == '\0') {
		/* Approved without a number is not filed: nothing to show (R41); read again. */
		log_warnx("event=pfiling_no_number application=%s", r->application_id);
		return APP_OK;
	}
	state = filing_app_state_name(ans->state);
	if (r->application_id[0] == '\0' && ans->id[0] != '\0')
		r->application_id = ans->id;
	r->answer_json = answer_json(c, ans);
	if (strcmp(state, r->app_state) == 0 && !(ans->state == FAS_APPROVED &&
	    k == FAK_DEREGISTRATION && ans->deregistered && r->status != PFS_DEREGISTERED))
		return APP_OK;
	r->app_state = state;
	next = svc_pfiling_status_after(r->status, (enum filing_app_kind)k,
	    (enum filing_app_state)ans->state, k == FAK_DEREGISTRATION &&
	    (ans->deregistered || pf_reached(c, r->end_date)));
	if ((er = pf_note_event(c, r, "status", state)) != APP_OK)
		return er;
	switch (ans->state) {
	case FAS_APPROVED:
		r->reason = "";
		r->poll_at = 0;
		if (k == FAK_DEREGISTRATION)
			break;
		if (ans->number[0] != '\0')
			r->number = ans->number;
		if (k == FAK_INITIAL)
			r->filed_on = ans->filed_on[0] != '\0' ? ans->filed_on : pf_today(c);
		/* What was sent is what is filed now (R22). */
		if (s->sent.data != NULL && (er = pf_copy_move(c, &s->sent, AD_SENT, AD_FILED, fs,
		    &s->filed)) != APP_OK)
			return er;
		r->filed_fieldset = r->fieldset;
		r->change_date = r->changed = "";
		if ((er = svc_clock_met(c, DL_INITIAL_FILING, SUBJECT)) != APP_OK ||
		    (k == FAK_CHANGE && (er = pf_tasks_move(c, "filed", "confirmed", NULL, true)) !=
		    APP_OK))
			return er;
		break;
	case FAS_REJECTED:
	case FAS_WITHDRAWN:
		r->reason = ans->reason;
		r->poll_at = 0;
		if (k == FAK_DEREGISTRATION)
			r->end_date = "";
		if (k != FAK_CHANGE)
			break;
		/* The change still waits to be filed: a task again, from its first date. */
		if ((er = pf_tasks_earliest(c, "filed", &date)) != APP_OK ||
		    (er = pf_tasks_move(c, "filed", "rejected", NULL, false)) != APP_OK ||
		    (er = pf_copy_open(c, &s->work, AD_WORK, fs, &work)) != APP_OK ||
		    (er = pf_copy_open(c, &s->filed, AD_FILED, fs, &filed)) != APP_OK)
			return er;
		diff = svc_pfiling_diff(c->a, fs, filed.v, filed.n, work.v, work.n);
		r->change_date = r->changed = "";
		if ((er = pf_tasks_sync(c, diff, date[0] != '\0' ? date : pf_today(c))) != APP_OK)
			return er;
		break;
	default:
		break;
	}
	if (next != r->status)
		r->status = next;
	return APP_OK;
}

/* Save, audit the new state, commit (the caller began). */
static enum app_err
apply_done(const struct svc_ctx *c, struct pfiling_row *r, const struct pfiling_seals *s,
    const char *before, const char *action)
{
	enum app_err	er;

	if ((er = pf_row_save(c, r, s)) != APP_OK)
		return er;
	if (strcmp(before, r->app_state) != 0 && (er = pf_audit(c, action,
	    arena_printf(c->a, "application=%s state=%s status=%s", r->application_id,
	    r->app_state, platform_filing_status_name(r->status)))) != APP_OK)
		return er;
	return store_commit(c->st);
}

enum app_err
svc_pfiling_manual(const struct svc_ctx *c, const struct pfiling_manual *in, struct fault *f)
{
	struct pfiling_row	 r;
	struct pfiling_seals	 s;
	struct pfiling_answer	 ans;
	struct pfiling_item	 item;
	const char		*before;
	int64_t			 day;
	int			 st;
	enum app_err		 er;

	if ((er = pf_admit(c, f)) != APP_OK)
		return er;
	st = in->outcome != NULL ? filing_app_state_parse(in->outcome, strlen(in->outcome)) : -1;
	if (st != FAS_APPROVED && st != FAS_SUPPLEMENT_REQUESTED && st != FAS_REJECTED)
		return pf_refuse(f, APP_INVALID, "outcome", MSG_ERR_PFILING_OUTCOME,
		    PFILING_RULE_ITEMS);
	if (in->application_id != NULL && in->application_id[0] != '\0' &&
	    !pf_app_id_ok(in->application_id))
		return pf_refuse(f, APP_INVALID, "application_id", MSG_ERR_PFILING_APP_ID,
		    PFILING_RULE_ITEMS);
	if (in->number != NULL && in->number[0] != '\0' && !pf_number_ok(in->number))
		return pf_refuse(f, APP_INVALID, "number", MSG_ERR_PFILING_NUMBER, PFILING_RULE_ITEMS);
	if (in->filed_on != NULL && in->filed_on[0] != '\0' &&
	    date_parse(in->filed_on, strlen(in->filed_on), &day) != 0)
		return pf_refuse(f, APP_INVALID, "filed_on", MSG_ERR_PFILING_DATE, PFILING_RULE_ITEMS);
	if (!pf_note_ok(in->note, f))
		return APP_INVALID;
	if (st == FAS_REJECTED && (in->note == NULL || str_trim(str_from(in->note)).n == 0))
		return pf_refuse(f, APP_INVALID, "note", MSG_ERR_FIELD_MISSING, PFILING_RULE_ITEMS);
	if ((er = store_begin(c->st)) != APP_OK)
		return er;
	if ((er = pf_row_load(c, &r, &s, NULL)) != APP_OK)
		goto fail;
	if (!r.manual || !pf_under_way(&r))
		return pf_wrong_state(c, &r, f);
	if (st == FAS_APPROVED && strcmp(r.app_kind, "initial") == 0 &&
	    (in->number == NULL || in->number[0] == '\0')) {
		store_rollback(c->st);
		return pf_refuse(f, APP_INVALID, "number", MSG_ERR_PFILING_NUMBER,
		    PFILING_RULE_ITEMS);
	}
	memset(&ans, 0, sizeof(ans));
	ans.kind = pf_kind_of(r.app_kind);
	ans.state = st;
	ans.id = in->application_id != NULL && in->application_id[0] != '\0' ?
	    in->application_id : r.application_id;
	ans.reason = st == FAS_REJECTED ? in->note : "";
	ans.number = in->number != NULL ? in->number : "";
	ans.filed_on = in->filed_on != NULL ? in->filed_on : "";
	if (st == FAS_SUPPLEMENT_REQUESTED && in->note != NULL && in->note[0] != '\0') {
		item = (struct pfiling_item){ "", "", in->note };
		ans.items = &item;
		ans.nitems = 1;
	}
	r.application_id = ans.id;
	before = r.app_state;
	if ((er = apply(c, &r, &s, &ans)) != APP_OK ||
	    (er = pf_note_event(c, &r, "manual_outcome", in->note != NULL ? in->note : "")) !=
	    APP_OK || (er = apply_done(c, &r, &s, before, "pfiling.manual")) != APP_OK)
		goto fail;
	return pf_committed(c, &r);
fail:
	store_rollback(c->st);
	return er;
}

/* Whether the row waits on the registry's decision over the network. */
static bool
pollable(const struct svc_ctx *c, const struct pfiling_row *r)
{
	return c->cfg->registry_url[0] != '\0' && !r->manual && r->application_id[0] != '\0' &&
	    pf_under_way(r);
}

/* One read-back; force: now, with the faults for the refresh button. */
static enum app_err
poll(const struct svc_ctx *c, bool force, struct fault *f)
{
	pfiling_fetch_fn	 fn = fetch_fn;
	struct pfiling_row	 r, r2;
	struct pfiling_seals	 s;
	struct pfiling_answer	 ans;
	const char		*base = c->cfg->registry_url, *url, *body = NULL, *before;
	char			 err[256] = "";
	long			 status = 0;
	size_t			 len = 0;
	bool			 got;
	enum app_err		 er;

	if (base[0] == '\0' || fn == NULL)
		return force ? pf_refuse(f, APP_CONFLICT, NULL, MSG_ERR_PFILING_NO_REGISTRY,
		    PFILING_RULE_ITEMS) : APP_OK;
	if ((er = store_pfiling_get(c->st, c->a, &r, NULL)) == APP_NOTFOUND || (er == APP_OK &&
	    !pollable(c, &r)))
		return force ? pf_refuse(f, APP_CONFLICT, NULL, MSG_ERR_PFILING_NOTHING_PENDING,
		    PFILING_RULE_ITEMS) : APP_OK;
	if (er != APP_OK)
		return er;
	if (!force && (r.poll_at == 0 || r.poll_at > c->now))
		return APP_OK;
	url = arena_printf(c->a, "%s%sapi/v1/filings/applications/%s", base,
	    base[strlen(base) - 1] == '/' ? "" : "/", r.application_id);
	/* No transaction is held while the registry answers. */
	got = fn(c->a, url, c->cfg->registry_token, c->cfg->federation_timeout_ms, &status,
	    &body, &len, err, sizeof(err)) == 0 && status >= 200 && status < 300 &&
	    svc_pfiling_answer_parse(c->a, body, len, &ans) == 0;
	if ((er = store_begin(c->st)) != APP_OK)
		return er;
	if ((er = store_pfiling_get(c->st, c->a, &r2, &s)) != APP_OK)
		goto fail;
	/* Moved on meanwhile (another read, a step): this answer is stale. */
	if (strcmp(r2.application_id, r.application_id) != 0 || !pollable(c, &r2)) {
		store_rollback(c->st);
		return APP_OK;
	}
	r2.polled_at = c->now;
	r2.poll_at = c->now + c->cfg->filing_poll_s;
	before = r2.app_state;
	if (got && (er = apply(c, &r2, &s, &ans)) != APP_OK)
		goto fail;
	if ((er = apply_done(c, &r2, &s, before, "pfiling.status")) != APP_OK)
		goto fail;
	pf_committed(c, &r2);
	if (!got) {
		log_warnx("event=pfiling_poll_failed application=%s status=%ld error=\"%s\"",
		    r.application_id, status, err);
		if (force) {
			fault_set(f, APP_UPSTREAM, NULL, MSG_ERR_PFILING_UNREACHABLE, 0);
			f->sarg = err[0] != '\0' ? arena_strdup(c->a, err) :
			    arena_printf(c->a, "HTTP %ld", status);
			f->rule = PFILING_RULE_ITEMS;
			return APP_UPSTREAM;
		}
	}
	return APP_OK;
fail:
	store_rollback(c->st);
	return er;
}

enum app_err
svc_pfiling_poll(const struct svc_ctx *c)
{
	struct fault	f;

	if (!pf_platform(c))
		return APP_OK;
	return poll(c, false, &f);
}

enum app_err
svc_pfiling_refresh(const struct svc_ctx *c, struct fault *f)
{
	enum app_err	er;

	if ((er = pf_admit(c, f)) != APP_OK)
		return er;
	return poll(c, true, f);
}

/* --- the outbox --- */

static enum app_err
ref_event(const struct svc_ctx *c, const struct outbox_row *m, struct pfiling_event *ev)
{
	struct str	ref = str_from(m->ref);
	int64_t		id;

	if (!str_has_prefix(ref, "pfiling:") ||
	    parse_i64(ref.p + 8, ref.n - 8, 1, INT64_MAX, &id) != 0)
		return APP_NOTFOUND;
	return store_pfiling_event_get(c->st, c->a, id, ev);
}

enum app_err
svc_pfiling_payload(const struct svc_ctx *c, const struct outbox_row *m,
    struct fed_payload *out)
{
	struct pfiling_row	 r;
	struct pfiling_seals	 s;
	struct pfiling_event	 ev;
	struct dossier		 sent;
	int			 k;
	enum app_err		 er;

	memset(out, 0, sizeof(*out));
	if ((er = ref_event(c, m, &ev)) != APP_OK ||
	    (er = store_pfiling_get(c->st, c->a, &r, &s)) != APP_OK)
		return er;
	/* Superseded (refused, taken back) since it was queued: nothing to send. */
	if (r.sent_event != ev.id || (k = pf_kind_of(ev.kind)) < 0 || !pf_under_way(&r))
		return APP_NOTFOUND;
	if ((er = pf_copy_open(c, &s.sent, AD_SENT, filing_fieldset_current(), &sent)) != APP_OK)
		return er;
	out->body = pf_document_json(c, (enum filing_app_kind)k, &sent, &r, ev.note, &out->body_len);
	out->ref = SUBJECT;
	out->bearer = c->cfg->registry_token;
	return APP_OK;
}

enum app_err
svc_pfiling_delivered(const struct svc_ctx *c, const struct outbox_row *m,
    const struct fed_result *res)
{
	struct pfiling_row	 r;
	struct pfiling_seals	 s;
	struct pfiling_event	 ev;
	struct pfiling_answer	 ans;
	const char		*reason;
	int			 k;
	enum app_err		 er;

	/* Inside svc_outbox_delivered's transaction. */
	if ((er = ref_event(c, m, &ev)) == APP_NOTFOUND)
		return APP_OK;
	if (er != APP_OK)
		return er;
	if ((er = store_pfiling_get(c->st, c->a, &r, &s)) == APP_NOTFOUND)
		return APP_OK;
	if (er != APP_OK)
		return er;
	if (r.sent_event != ev.id || (k = pf_kind_of(ev.kind)) < 0)
		return APP_OK;	/* superseded: the answer stays on the outbox row */
	if (res->done) {
		if (!ev.resubmission && pf_app_id_ok(res->library_id))
			r.application_id = arena_strdup(c->a, res->library_id);
		r.app_state = ev.resubmission ? "resubmitted" : "submitted";
		/* Read the whole answer back at once (the one kept here is cut short). */
		r.poll_at = c->now;
		if ((er = pf_note_event(c, &r, "delivered", arena_printf(c->a, "HTTP %ld",
		    res->status))) != APP_OK)
			return er;
		if (k == FAK_CHANGE && !ev.resubmission &&
		    (er = pf_tasks_move(c, "filed", "filed", r.application_id, true)) != APP_OK)
			return er;
		if (svc_pfiling_answer_parse(c->a, res->response, strlen(res->response), &ans) ==
		    0 && (ans.id[0] == '\0' || strcmp(ans.id, r.application_id) == 0) &&
		    (er = apply(c, &r, &s, &ans)) != APP_OK)
			return er;
	} else if (res->final && res->status >= 400 && res->status < 500) {
		reason = res->reason[0] != '\0' ? res->reason :
		    arena_printf(c->a, "HTTP %ld", res->status);
		if ((er = pf_note_event(c, &r, "refused", reason)) != APP_OK)
			return er;
		r.reason = reason;
		r.poll_at = 0;
		if (ev.resubmission) {
			/* The 补正 still waits for an answer the registry takes. */
			r.app_state = "supplement_requested";
			if (r.status == PFS_RESUBMITTED)
				r.status = PFS_SUPPLEMENT_REQUESTED;
		} else {
			r.app_state = "";
			r.app_kind = "";
			r.sent_event = 0;
			r.status = k == FAK_INITIAL ? PFS_DRAFT : PFS_FILED;
			if (k == FAK_DEREGISTRATION)
				r.end_date = "";
			if (k == FAK_CHANGE) {
				r.change_date = r.changed = "";
				if ((er = pf_tasks_move(c, "filed", "open", NULL, false)) != APP_OK)
					return er;
			}
		}
	} else
		return APP_OK;	/* to retry, or out of attempts: it may be sent again */
	if ((er = pf_row_save(c, &r, &s)) != APP_OK ||
	    (er = pf_audit(c, res->done ? "pfiling.delivered" : "pfiling.refused",
	    arena_printf(c->a, "event=%lld application=%s http=%ld", (long long)ev.id,
	    r.application_id, res->status))) != APP_OK)
		return er;
	/* Before the caller's commit: the scheduler's tick puts it right should that fail. */
	pf_shown_set(&r);
	return APP_OK;
}
