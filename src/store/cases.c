/* Cases, their reports and timeline, and triage decisions. */
#include <string.h>

#include "core/arena.h"
#include "core/str.h"
#include "store/store.h"
#include "store/store_int.h"

enum app_err
store_case_next_seq(struct store *st, int year, int64_t *seq)
{
	struct q	q;

	q_open(&q, st, STMT_CASE_SEQ_NEXT);
	q_i64(&q, 1, year);
	if (q_step(&q) == Q_ROW)
		*seq = q_col_i64(&q, 0);
	return q_close(&q);
}

enum app_err
store_case_insert(struct store *st, const struct case_row *c, int year, int64_t seq)
{
	struct q	q;

	q_open(&q, st, STMT_CASE_INSERT);
	q_text(&q, 1, c->id);
	q_i64(&q, 2, year);
	q_i64(&q, 3, seq);
	q_text(&q, 4, case_kind_name(c->kind));
	q_text(&q, 5, case_state_name(c->state));
	q_text(&q, 6, c->title);
	q_i64(&q, 7, c->created_at);
	q_i64_or_null(&q, 8, c->created_by);
	q_i64(&q, 9, c->known_at != 0 ? c->known_at : c->created_at);
	return q_exec_done(&q);
}

static void
case_row(struct q *q, struct arena *a, struct case_row *c)
{
	int	v;

	c->rowid = q_col_i64(q, 0);
	c->id = q_col_text(q, 1, a);
	v = case_kind_parse(q_col_text(q, 2, a));
	c->kind = v < 0 ? CKIND_GENERIC : (enum case_kind)v;
	v = case_state_parse(q_col_text(q, 3, a));
	c->state = v < 0 ? CSTATE_VERIFIED : (enum case_state)v;
	c->title = q_col_text(q, 4, a);
	c->vendor_unresponsive = q_col_i64(q, 5) != 0;
	c->created_at = q_col_i64(q, 6);
	c->created_by = q_col_i64(q, 7);
	c->updated_at = q_col_i64(q, 8);
	c->known_at = q_col_i64(q, 9);
}

enum app_err
store_case_get(struct store *st, struct arena *a, const char *id, struct case_row *out)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;

	q_open(&q, st, STMT_CASE_GET);
	q_text(&q, 1, id);
	if (q_step(&q) == Q_ROW) {
		case_row(&q, a, out);
		er = APP_OK;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

enum app_err
store_case_set_state(struct store *st, const char *id, enum case_state s, int64_t now)
{
	struct q	q;

	q_open(&q, st, STMT_CASE_SET_STATE);
	q_text(&q, 1, id);
	q_text(&q, 2, case_state_name(s));
	q_i64(&q, 3, now);
	return q_exec_done(&q);
}

enum app_err
store_case_list(struct store *st, struct arena *a, const char *state, int64_t cursor,
    int limit, struct case_row **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_CASE_LIST);
	q_i64(&q, 1, cursor);
	q_i64(&q, 2, limit);
	q_text(&q, 3, state != NULL ? state : "");
	while (q_step(&q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		case_row(&q, a, &(*out)[(*n)++]);
	}
	return q_close(&q);
}

enum app_err
store_case_add_report(struct store *st, const char *case_id, const char *report_id,
    int64_t now)
{
	struct q	q;

	q_open(&q, st, STMT_CASE_ADD_REPORT);
	q_text(&q, 1, case_id);
	q_text(&q, 2, report_id);
	q_i64(&q, 3, now);
	return q_exec_done(&q);
}

enum app_err
store_case_reports(struct store *st, struct arena *a, const char *case_id,
    const char ***ids, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*ids = NULL;
	*n = 0;
	q_open(&q, st, STMT_CASE_REPORTS);
	q_text(&q, 1, case_id);
	while (q_step(&q) == Q_ROW) {
		*ids = store_grow(a, *ids, *n, &cap, sizeof(**ids));
		(*ids)[(*n)++] = q_col_text(&q, 0, a);
	}
	return q_close(&q);
}

enum app_err
store_case_of_report(struct store *st, struct arena *a, const char *report_id,
    const char **case_id)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;

	q_open(&q, st, STMT_CASE_OF_REPORT);
	q_text(&q, 1, report_id);
	if (q_step(&q) == Q_ROW) {
		*case_id = q_col_text(&q, 0, a);
		er = APP_OK;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

enum app_err
store_case_event_add(struct store *st, const char *case_id, const struct case_event *e)
{
	struct q	q;

	q_open(&q, st, STMT_CASE_TIMELINE_ADD);
	q_text(&q, 1, case_id);
	q_i64(&q, 2, e->at);
	q_i64_or_null(&q, 3, e->actor_id);
	q_text(&q, 4, e->event);
	q_text(&q, 5, e->from_state != NULL ? e->from_state : "");
	q_text(&q, 6, e->to_state != NULL ? e->to_state : "");
	q_text(&q, 7, e->detail != NULL ? e->detail : "");
	q_text(&q, 8, e->reason != NULL ? e->reason : "");
	return q_exec_done(&q);
}

enum app_err
store_case_timeline(struct store *st, struct arena *a, const char *case_id, int limit,
    struct case_event **out, size_t *n)
{
	struct q		 q;
	struct case_event	*e;
	size_t			 cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_CASE_TIMELINE);
	q_text(&q, 1, case_id);
	q_i64(&q, 2, limit);
	while (q_step(&q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		e = &(*out)[(*n)++];
		e->id = q_col_i64(&q, 0);
		e->at = q_col_i64(&q, 1);
		e->actor_id = q_col_i64(&q, 2);
		e->actor_login = q_col_text(&q, 3, a);
		e->event = q_col_text(&q, 4, a);
		e->from_state = q_col_text(&q, 5, a);
		e->to_state = q_col_text(&q, 6, a);
		e->detail = q_col_text(&q, 7, a);
		e->reason = q_col_text(&q, 8, a);
	}
	return q_close(&q);
}

enum app_err
store_report_set_status(struct store *st, const char *report_id, enum report_status s)
{
	struct q	q;
	enum app_err	er;

	q_open(&q, st, STMT_REPORT_SET_STATUS);
	q_text(&q, 1, report_id);
	q_text(&q, 2, report_status_name(s));
	if ((er = q_exec_done(&q)) != APP_OK)
		return er;
	return q_changes(&q) == 1 ? APP_OK : APP_NOTFOUND;
}

enum app_err
store_triage_add(struct store *st, const char *report_id, int64_t at, int64_t actor_id,
    enum triage_decision d, const char *reject_reason, const char *duplicate_of,
    const char *case_id, const char *reason)
{
	struct q	q;

	q_open(&q, st, STMT_TRIAGE_ADD);
	q_text(&q, 1, report_id);
	q_i64(&q, 2, at);
	q_i64_or_null(&q, 3, actor_id);
	q_text(&q, 4, triage_decision_name(d));
	q_text(&q, 5, reject_reason != NULL ? reject_reason : "");
	q_text(&q, 6, duplicate_of);
	q_text(&q, 7, case_id);
	q_text(&q, 8, reason != NULL ? reason : "");
	return q_exec_done(&q);
}

enum app_err
store_triage_last(struct store *st, struct arena *a, const char *report_id,
    struct triage_row *out)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;
	int		v;

	q_open(&q, st, STMT_TRIAGE_LAST);
	q_text(&q, 1, report_id);
	if (q_step(&q) == Q_ROW) {
		out->at = q_col_i64(&q, 0);
		v = triage_decision_parse(q_col_text(&q, 1, a));
		out->decision = v < 0 ? TRIAGE_ACCEPT : (enum triage_decision)v;
		out->reject_reason = q_col_text(&q, 2, a);
		out->duplicate_of = q_col_text(&q, 3, a);
		out->case_id = q_col_text(&q, 4, a);
		out->reason = q_col_text(&q, 5, a);
		er = APP_OK;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

static void
brief_row(struct q *q, struct arena *a, struct report_brief *b)
{
	int	v;

	b->id = q_col_text(q, 0, a);
	b->title = q_col_text(q, 1, a);
	b->vendor = q_col_text(q, 2, a);
	b->product = q_col_text(q, 3, a);
	b->versions = q_col_text(q, 4, a);
	v = report_status_parse(str_from(q_col_text(q, 5, a)));
	b->status = v < 0 ? RSTATUS_RECEIVED : (enum report_status)v;
	b->shared_id = NULL;
}

/* Collect brief rows of an opened, bound statement. */
static enum app_err
briefs(struct q *q, struct arena *a, struct report_brief **out, size_t *n)
{
	size_t	cap = 0;

	*out = NULL;
	*n = 0;
	while (q_step(q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		brief_row(q, a, &(*out)[(*n)++]);
	}
	return q_close(q);
}

enum app_err
store_report_brief(struct store *st, struct arena *a, const char *id,
    struct report_brief *out)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;

	q_open(&q, st, STMT_REPORT_BRIEF);
	q_text(&q, 1, id);
	if (q_step(&q) == Q_ROW) {
		brief_row(&q, a, out);
		er = APP_OK;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

enum app_err
store_reports_same_product(struct store *st, struct arena *a, const char *exclude_id,
    const char *product, int limit, struct report_brief **out, size_t *n)
{
	struct q	q;

	q_open(&q, st, STMT_REPORTS_SAME_PRODUCT);
	q_text(&q, 1, exclude_id);
	q_text(&q, 2, product);
	q_i64(&q, 3, limit);
	return briefs(&q, a, out, n);
}

enum app_err
store_reports_recent(struct store *st, struct arena *a, const char *exclude_id, int limit,
    struct report_brief **out, size_t *n)
{
	struct q	q;

	q_open(&q, st, STMT_REPORTS_RECENT);
	q_text(&q, 1, exclude_id);
	q_i64(&q, 2, limit);
	return briefs(&q, a, out, n);
}

enum app_err
store_reports_sharing_ids(struct store *st, struct arena *a, const char *id, int limit,
    struct report_brief **out, size_t *n)
{
	struct q		 q;
	struct report_brief	*b;
	size_t			 cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_REPORTS_SHARING_IDS);
	q_text(&q, 1, id);
	q_i64(&q, 2, limit);
	while (q_step(&q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		b = &(*out)[(*n)++];
		memset(b, 0, sizeof(*b));
		b->id = q_col_text(&q, 0, a);
		b->shared_id = q_col_text(&q, 1, a);
	}
	return q_close(&q);
}

enum app_err
store_case_vendor_add(struct store *st, const char *case_id, int64_t org_id,
    enum vendor_role role, enum party_type party, int64_t now)
{
	struct q	q;

	q_open(&q, st, STMT_CVENDOR_ADD);
	q_text(&q, 1, case_id);
	q_i64(&q, 2, org_id);
	q_i64(&q, 3, now);
	q_text(&q, 4, vendor_role_name(role));
	q_text(&q, 5, party_type_name(party));
	return q_exec_done(&q);
}

static void
vendor_row(struct q *q, struct arena *a, struct case_vendor *v)
{
	int	k;

	v->org_id = q_col_i64(q, 0);
	v->org_slug = q_col_text(q, 1, a);
	v->org_name = q_col_text(q, 2, a);
	k = vendor_status_parse(q_col_text(q, 3, a));
	v->status = k < 0 ? VSTATUS_NOT_CONTACTED : (enum vendor_status)k;
	v->justification = q_col_text(q, 4, a);
	v->fixed_version = q_col_text(q, 5, a);
	v->statement = q_col_text(q, 6, a);
	v->statement_approved = q_col_i64(q, 7) != 0;
	v->notified_at = q_col_i64(q, 8);
	v->first_seen_at = q_col_i64(q, 9);
	v->updated_at = q_col_i64(q, 10);
	k = vendor_role_parse(q_col_text(q, 11, a));
	v->role = k < 0 ? VROLE_VENDOR : (enum vendor_role)k;
	k = party_type_parse(q_col_text(q, 12, a));
	v->party_type = k < 0 ? PARTY_PROVIDER : (enum party_type)k;
	v->unresponsive_at = q_col_i64(q, 13);
}

enum app_err
store_case_vendor_get(struct store *st, struct arena *a, const char *case_id,
    int64_t org_id, struct case_vendor *out)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;

	q_open(&q, st, STMT_CVENDOR_GET);
	q_text(&q, 1, case_id);
	q_i64(&q, 2, org_id);
	if (q_step(&q) == Q_ROW) {
		vendor_row(&q, a, out);
		er = APP_OK;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

enum app_err
store_case_vendors(struct store *st, struct arena *a, const char *case_id,
    struct case_vendor **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_CVENDOR_LIST);
	q_text(&q, 1, case_id);
	while (q_step(&q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		vendor_row(&q, a, &(*out)[(*n)++]);
	}
	return q_close(&q);
}

/* Run an UPDATE of one (case, org) row with a time; APP_NOTFOUND if no row changed. */
static enum app_err
vendor_touch(struct store *st, enum stmt id, const char *case_id, int64_t org_id,
    int64_t now)
{
	struct q	q;
	enum app_err	er;

	q_open(&q, st, id);
	q_text(&q, 1, case_id);
	q_i64(&q, 2, org_id);
	q_i64(&q, 3, now);
	if ((er = q_exec_done(&q)) != APP_OK)
		return er;
	return q_changes(&q) > 0 ? APP_OK : APP_NOTFOUND;
}

enum app_err
store_case_vendor_update(struct store *st, const char *case_id, int64_t org_id,
    enum vendor_status s, const char *justification, const char *fixed_version,
    const char *statement, int64_t now)
{
	struct q	q;
	enum app_err	er;

	q_open(&q, st, STMT_CVENDOR_UPDATE);
	q_text(&q, 1, case_id);
	q_i64(&q, 2, org_id);
	q_text(&q, 3, vendor_status_name(s));
	q_text(&q, 4, justification != NULL ? justification : "");
	q_text(&q, 5, fixed_version != NULL ? fixed_version : "");
	q_text(&q, 6, statement != NULL ? statement : "");
	q_i64(&q, 7, now);
	if ((er = q_exec_done(&q)) != APP_OK)
		return er;
	return q_changes(&q) > 0 ? APP_OK : APP_NOTFOUND;
}

enum app_err
store_case_vendor_notified(struct store *st, const char *case_id, int64_t org_id,
    int64_t now)
{
	return vendor_touch(st, STMT_CVENDOR_NOTIFIED, case_id, org_id, now);
}

enum app_err
store_case_vendor_approve(struct store *st, const char *case_id, int64_t org_id,
    int64_t now)
{
	return vendor_touch(st, STMT_CVENDOR_APPROVE, case_id, org_id, now);
}

enum app_err
store_case_vendor_seen(struct store *st, const char *case_id, int64_t org_id, int64_t now)
{
	enum app_err	er = vendor_touch(st, STMT_CVENDOR_SEEN, case_id, org_id, now);

	return er == APP_NOTFOUND ? APP_OK : er;	/* seen before: nothing to do */
}

enum app_err
store_org_member_emails(struct store *st, struct arena *a, int64_t org_id,
    const char ***out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_ORG_MEMBER_EMAILS);
	q_i64(&q, 1, org_id);
	while (q_step(&q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		(*out)[(*n)++] = q_col_text(&q, 0, a);
	}
	return q_close(&q);
}

static enum app_err
case_list_for(struct store *st, struct arena *a, enum stmt id, int64_t who,
    const char *state, int64_t cursor, int limit, struct case_row **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, id);
	q_i64(&q, 1, cursor);
	q_i64(&q, 2, limit);
	q_i64(&q, 3, who);
	q_text(&q, 4, state != NULL ? state : "");
	while (q_step(&q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		case_row(&q, a, &(*out)[(*n)++]);
	}
	return q_close(&q);
}

enum app_err
store_case_list_for_org(struct store *st, struct arena *a, int64_t org_id,
    const char *state, int64_t cursor, int limit, struct case_row **out, size_t *n)
{
	return case_list_for(st, a, STMT_CASE_LIST_FOR_ORG, org_id, state, cursor, limit,
	    out, n);
}

enum app_err
store_case_list_for_observer(struct store *st, struct arena *a, int64_t user_id,
    const char *state, int64_t cursor, int limit, struct case_row **out, size_t *n)
{
	return case_list_for(st, a, STMT_CASE_LIST_FOR_OBSERVER, user_id, state, cursor,
	    limit, out, n);
}

enum app_err
store_case_participant_add(struct store *st, const char *case_id, int64_t user_id,
    enum participant_role role, enum party_type party, int64_t by, int64_t now,
    bool ignore_dup)
{
	struct q	q;

	q_open(&q, st, ignore_dup ? STMT_PARTICIPANT_ADD_IGNORE : STMT_PARTICIPANT_ADD);
	q_text(&q, 1, case_id);
	q_i64(&q, 2, user_id);
	q_text(&q, 3, participant_role_name(role));
	q_text(&q, 4, party_type_name(party));
	q_i64(&q, 5, by);
	q_i64(&q, 6, now);
	return q_exec_done(&q);
}

static void
participant_row(struct q *q, struct arena *a, struct case_participant *p)
{
	int	k;

	p->user_id = q_col_i64(q, 0);
	p->login = q_col_text(q, 1, a);
	p->display_name = q_col_text(q, 2, a);
	k = user_role_parse(str_from(q_col_text(q, 3, a)));
	p->user_role = k < 0 ? UROLE_REPORTER : (enum user_role)k;
	p->org_slug = q_col_text(q, 4, a);
	k = participant_role_parse(q_col_text(q, 5, a));
	p->role = k < 0 ? PROLE_OBSERVER : (enum participant_role)k;
	k = party_type_parse(q_col_text(q, 6, a));
	p->party_type = k < 0 ? PARTY_USER : (enum party_type)k;
	p->added_at = q_col_i64(q, 7);
}

enum app_err
store_case_participant_get(struct store *st, struct arena *a, const char *case_id,
    int64_t user_id, struct case_participant *out)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;

	q_open(&q, st, STMT_PARTICIPANT_GET);
	q_text(&q, 1, case_id);
	q_i64(&q, 2, user_id);
	if (q_step(&q) == Q_ROW) {
		participant_row(&q, a, out);
		er = APP_OK;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

enum app_err
store_case_participants(struct store *st, struct arena *a, const char *case_id,
    struct case_participant **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_PARTICIPANT_LIST);
	q_text(&q, 1, case_id);
	while (q_step(&q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		participant_row(&q, a, &(*out)[(*n)++]);
	}
	return q_close(&q);
}

enum app_err
store_case_participant_remove(struct store *st, const char *case_id, int64_t user_id)
{
	struct q	q;
	enum app_err	er;

	q_open(&q, st, STMT_PARTICIPANT_REMOVE);
	q_text(&q, 1, case_id);
	q_i64(&q, 2, user_id);
	if ((er = q_exec_done(&q)) != APP_OK)
		return er;
	return q_changes(&q) > 0 ? APP_OK : APP_NOTFOUND;
}
