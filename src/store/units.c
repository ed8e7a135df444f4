/*
 * Support units (支撑单位, issue 9; R40): applications, stages, units,
 * certificates, the contribution ledger, tasks, evaluations, awards.
 */
#include <string.h>

#include "core/arena.h"
#include "store/store.h"
#include "store/store_int.h"

/* --- units --- */

static void
unit_fill(struct q *q, struct arena *a, struct unit_row *u)
{
	int	k;

	memset(u, 0, sizeof(*u));
	u->id = q_col_i64(q, 0);
	u->org_id = q_col_i64(q, 1);
	u->org_slug = q_col_text(q, 2, a);
	u->country = q_col_text(q, 3, a);
	k = unit_type_parse(str_from(q_col_text(q, 4, a)));
	u->type = k < 0 ? UNIT_TECHNICAL : (enum unit_type)k;
	u->name = q_col_text(q, 5, a);
	u->level = (int)q_col_i64(q, 6);
	k = unit_status_parse(str_from(q_col_text(q, 7, a)));
	u->status = k < 0 ? US_SUSPENDED : (enum unit_status)k;
	u->application_id = q_col_text(q, 8, a);
	u->certified_on = q_col_text(q, 9, a);
	u->valid_until = q_col_text(q, 10, a);
	u->evaluated_on = q_col_text(q, 11, a);
	u->announced_at = q_col_i64(q, 12);
	u->cert_number = q_col_text(q, 13, a);
	u->created_at = q_col_i64(q, 14);
	u->updated_at = q_col_i64(q, 15);
}

enum app_err
store_unit_get(struct store *st, struct arena *a, int64_t id, struct unit_row *out)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;

	q_open(&q, st, STMT_UNIT_GET);
	q_i64(&q, 1, id);
	if (q_step(&q) == Q_ROW) {
		unit_fill(&q, a, out);
		er = APP_OK;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

/* Collect the unit rows of an opened, bound statement. */
static enum app_err
unit_rows(struct q *q, struct arena *a, struct unit_row **out, size_t *n)
{
	size_t	cap = 0;

	while (q_step(q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		unit_fill(q, a, &(*out)[(*n)++]);
	}
	return q_close(q);
}

enum app_err
store_unit_by_org(struct store *st, struct arena *a, int64_t org_id, struct unit_row **out,
    size_t *n)
{
	struct q	q;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_UNIT_BY_ORG);
	q_i64(&q, 1, org_id);
	return unit_rows(&q, a, out, n);
}

enum app_err
store_unit_list(struct store *st, struct arena *a, const struct unit_filter *f,
    struct unit_row **out, size_t *n)
{
	struct q	q;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_UNIT_LIST);
	q_text(&q, 1, f->type >= 0 && f->type < UNIT__MAX ?
	    unit_type_name((enum unit_type)f->type) : NULL);
	q_i64(&q, 2, f->min_level);
	q_text(&q, 3, f->status >= 0 && f->status < US__MAX ?
	    unit_status_name((enum unit_status)f->status) : NULL);
	q_i64(&q, 4, f->announced);
	q_i64(&q, 5, f->cursor);
	q_i64(&q, 6, f->limit > 0 ? f->limit : 1000);
	return unit_rows(&q, a, out, n);
}

enum app_err
store_unit_credit(struct store *st, int64_t unit_id, enum unit_contrib k, const char *grade,
    const char *subject, int points, int64_t at, int64_t recorded_by, const char *note)
{
	struct q	q;

	q_open(&q, st, STMT_UNIT_CREDIT);
	q_i64(&q, 1, unit_id);
	q_text(&q, 2, unit_contrib_name(k));
	q_text(&q, 3, grade != NULL ? grade : "");
	q_text(&q, 4, subject);
	q_i64(&q, 5, points);
	q_i64(&q, 6, at);
	q_i64(&q, 7, recorded_by);
	q_text(&q, 8, note != NULL ? note : "");
	return q_exec_done(&q);
}

enum app_err
store_unit_credit_regrade(struct store *st, int64_t unit_id, const char *subject,
    const char *grade, int points)
{
	struct q	q;

	q_open(&q, st, STMT_UNIT_CREDIT_REGRADE);
	q_i64(&q, 1, unit_id);
	q_text(&q, 2, subject);
	q_text(&q, 3, grade != NULL ? grade : "");
	q_i64(&q, 4, points);
	return q_exec_done(&q);
}

enum app_err
store_unit_counts(struct store *st, int64_t unit_id, int64_t from, int64_t to,
    struct unit_counts *out)
{
	struct q	 q;
	struct arena	*a = arena_new();
	int64_t		 n;
	int		 k, g;
	enum app_err	 er;

	memset(out, 0, sizeof(*out));
	q_open(&q, st, STMT_UNIT_COUNTS);
	q_i64(&q, 1, unit_id);
	q_i64(&q, 2, from);
	q_i64(&q, 3, to);
	while (q_step(&q) == Q_ROW) {
		k = unit_contrib_parse(str_from(q_col_text(&q, 0, a)));
		g = unit_grade_parse(str_from(q_col_text(&q, 1, a)));
		n = q_col_i64(&q, 2);
		switch (k) {
		case UC_REPORT:
			if (g == 0)
				out->critical += n;
			else if (g == 1)
				out->high += n;
			else if (g == 2)
				out->medium += n;
			else if (g == 3)
				out->low += n;
			else
				out->ungraded += n;
			break;
		case UC_WARNING:
			out->warning += n;
			break;
		case UC_VERIFICATION:
			out->verification += n;
			break;
		case UC_ASSISTANCE:
			out->assistance += n;
			break;
		default:
			break;
		}
	}
	er = q_close(&q);
	arena_free(a);
	return er;
}

enum app_err
store_unit_contributions(struct store *st, struct arena *a, int64_t unit_id, int limit,
    struct unit_contrib_row **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;
	int		k;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_UNIT_CONTRIBUTIONS);
	q_i64(&q, 1, unit_id);
	q_i64(&q, 2, limit);
	while (q_step(&q) == Q_ROW) {
		struct unit_contrib_row	*r;

		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		r = &(*out)[(*n)++];
		r->id = q_col_i64(&q, 0);
		k = unit_contrib_parse(str_from(q_col_text(&q, 1, a)));
		r->kind = k < 0 ? UC_REPORT : (enum unit_contrib)k;
		r->grade = q_col_text(&q, 2, a);
		r->subject = q_col_text(&q, 3, a);
		r->points = q_col_i64(&q, 4);
		r->at = q_col_i64(&q, 5);
		r->note = q_col_text(&q, 6, a);
	}
	return q_close(&q);
}

/* Run an UPDATE that must change one row: APP_NOTFOUND otherwise. */
static enum app_err
changed_one(struct q *q)
{
	int64_t		changed = 0;
	enum app_err	er;

	if (q_step(q) == Q_DONE)
		changed = q_changes(q);
	er = q_close(q);
	return er == APP_OK && changed == 0 ? APP_NOTFOUND : er;
}

/* A single integer from a statement taking one integer. */
static enum app_err
one_i64(struct store *st, enum stmt id, int64_t p1, int64_t *out)
{
	struct q	q;

	*out = 0;
	q_open(&q, st, id);
	q_i64(&q, 1, p1);
	if (q_step(&q) == Q_ROW)
		*out = q_col_i64(&q, 0);
	return q_close(&q);
}

/* --- applications --- */

static void
app_fill(struct q *q, struct arena *a, struct unit_app_row *r)
{
	int	k;

	memset(r, 0, sizeof(*r));
	r->rowid = q_col_i64(q, 0);
	r->id = q_col_text(q, 1, a);
	r->org_id = q_col_i64(q, 2);
	r->org_slug = q_col_text(q, 3, a);
	r->org_name = q_col_text(q, 4, a);
	r->applicant_id = q_col_i64(q, 5);
	r->applicant_login = q_col_text(q, 6, a);
	k = unit_type_parse(str_from(q_col_text(q, 7, a)));
	r->type = k < 0 ? UNIT_TECHNICAL : (enum unit_type)k;
	r->unit_name = q_col_text(q, 8, a);
	r->credit_code = q_col_text(q, 9, a);
	k = unit_app_state_parse(str_from(q_col_text(q, 10, a)));
	r->state = k < 0 ? UAS_REJECTED : (enum unit_app_state)k;
	r->criteria_version = q_col_text(q, 11, a);
	r->self_score = (int)q_col_i64(q, 12);
	r->paper_received_on = q_col_text(q, 13, a);
	r->leaf_index = q_col_i64(q, 14);
	r->unit_id = q_col_i64(q, 15);
	r->submitted_at = q_col_i64(q, 16);
	r->updated_at = q_col_i64(q, 17);
}

enum app_err
store_unit_app_next_seq(struct store *st, int year, int64_t *seq)
{
	return one_i64(st, STMT_UNIT_APP_SEQ_NEXT, year, seq);
}

enum app_err
store_unit_app_insert(struct store *st, const struct unit_app_row *r, int year, int64_t seq,
    const struct sealed *dossier)
{
	struct q	q;

	q_open(&q, st, STMT_UNIT_APP_INSERT);
	q_text(&q, 1, r->id);
	q_i64(&q, 2, year);
	q_i64(&q, 3, seq);
	q_i64(&q, 4, r->org_id);
	q_i64(&q, 5, r->applicant_id);
	q_text(&q, 6, unit_type_name(r->type));
	q_text(&q, 7, r->unit_name);
	q_text(&q, 8, r->credit_code != NULL ? r->credit_code : "");
	q_text(&q, 9, r->criteria_version);
	q_i64(&q, 10, r->self_score);
	q_blob(&q, 11, dossier->wrapped, dossier->wrapped_len);
	q_blob(&q, 12, dossier->data, dossier->data_len);
	if (r->leaf_index >= 0)
		q_i64(&q, 13, r->leaf_index);
	else
		q_text(&q, 13, NULL);
	q_i64(&q, 14, r->submitted_at);
	return q_exec_done(&q);
}

enum app_err
store_unit_app_get(struct store *st, struct arena *a, const char *id, struct unit_app_row *out,
    struct sealed *dossier)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;

	q_open(&q, st, STMT_UNIT_APP_GET);
	q_text(&q, 1, id);
	if (q_step(&q) == Q_ROW) {
		app_fill(&q, a, out);
		if (dossier != NULL) {
			dossier->wrapped = q_col_blob(&q, 18, a, &dossier->wrapped_len);
			dossier->data = q_col_blob(&q, 19, a, &dossier->data_len);
		}
		er = APP_OK;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

enum app_err
store_unit_app_open_for(struct store *st, struct arena *a, int64_t org_id, enum unit_type t,
    const char **id)
{
	struct q	q;

	*id = NULL;
	q_open(&q, st, STMT_UNIT_APP_OPEN_FOR);
	q_i64(&q, 1, org_id);
	q_text(&q, 2, unit_type_name(t));
	if (q_step(&q) == Q_ROW)
		*id = q_col_text(&q, 0, a);
	return q_close(&q);
}

enum app_err
store_unit_app_list(struct store *st, struct arena *a, const struct unit_app_filter *f,
    struct unit_app_row **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_UNIT_APP_LIST);
	q_text(&q, 1, f->state);
	q_i64(&q, 2, f->org_id);
	q_i64(&q, 3, f->cursor);
	q_i64(&q, 4, f->limit > 0 ? f->limit : 50);
	while (q_step(&q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		app_fill(&q, a, &(*out)[(*n)++]);
	}
	return q_close(&q);
}

enum app_err
store_unit_app_move(struct store *st, const char *id, enum unit_app_state from,
    enum unit_app_state to, int64_t now)
{
	struct q	q;

	q_open(&q, st, STMT_UNIT_APP_MOVE);
	q_text(&q, 1, id);
	q_text(&q, 2, unit_app_state_name(from));
	q_text(&q, 3, unit_app_state_name(to));
	q_i64(&q, 4, now);
	return changed_one(&q);
}

enum app_err
store_unit_app_paper(struct store *st, const char *id, const char *day, int64_t now)
{
	struct q	q;

	q_open(&q, st, STMT_UNIT_APP_PAPER);
	q_text(&q, 1, id);
	q_text(&q, 2, day);
	q_i64(&q, 3, now);
	return changed_one(&q);
}

enum app_err
store_unit_app_set_unit(struct store *st, const char *id, int64_t unit_id, int64_t now)
{
	struct q	q;

	q_open(&q, st, STMT_UNIT_APP_SET_UNIT);
	q_text(&q, 1, id);
	q_i64(&q, 2, unit_id);
	q_i64(&q, 3, now);
	return changed_one(&q);
}

enum app_err
store_unit_stage_add(struct store *st, const struct unit_stage_row *s)
{
	struct q	q;

	q_open(&q, st, STMT_UNIT_STAGE_ADD);
	q_text(&q, 1, s->application_id);
	q_text(&q, 2, s->stage);
	q_text(&q, 3, s->outcome);
	q_i64(&q, 4, s->reviewer_id);
	q_text(&q, 5, s->notes != NULL ? s->notes : "");
	q_text(&q, 6, s->held_on != NULL ? s->held_on : "");
	if (s->has_score)
		q_i64(&q, 7, s->score);
	else
		q_text(&q, 7, NULL);
	q_i64(&q, 8, s->decided_at);
	return q_exec_done(&q);
}

enum app_err
store_unit_stages(struct store *st, struct arena *a, const char *app_id,
    struct unit_stage_row **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_UNIT_STAGES);
	q_text(&q, 1, app_id);
	while (q_step(&q) == Q_ROW) {
		struct unit_stage_row	*s;

		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		s = &(*out)[(*n)++];
		s->id = q_col_i64(&q, 0);
		s->application_id = q_col_text(&q, 1, a);
		s->stage = q_col_text(&q, 2, a);
		s->outcome = q_col_text(&q, 3, a);
		s->reviewer_id = q_col_i64(&q, 4);
		s->reviewer_name = q_col_text(&q, 5, a);
		s->notes = q_col_text(&q, 6, a);
		s->held_on = q_col_text(&q, 7, a);
		s->has_score = q_col_i64(&q, 8) != 0;
		s->score = q_col_i64(&q, 9);
		s->decided_at = q_col_i64(&q, 10);
	}
	return q_close(&q);
}

static void
doc_fill(struct q *q, struct arena *a, struct unit_doc_row *d)
{
	d->id = q_col_i64(q, 0);
	d->application_id = q_col_text(q, 1, a);
	d->criterion = q_col_text(q, 2, a);
	d->filename = q_col_text(q, 3, a);
	d->mime = q_col_text(q, 4, a);
	d->size = q_col_i64(q, 5);
	d->sha256 = q_col_text(q, 6, a);
}

enum app_err
store_unit_doc_add(struct store *st, const struct unit_doc_row *d, const struct sealed *content,
    int64_t *id)
{
	struct q	q;
	enum app_err	er;

	q_open(&q, st, STMT_UNIT_DOC_ADD);
	q_text(&q, 1, d->application_id);
	q_text(&q, 2, d->criterion != NULL ? d->criterion : "");
	q_text(&q, 3, d->filename);
	q_text(&q, 4, d->mime);
	q_i64(&q, 5, d->size);
	q_text(&q, 6, d->sha256);
	q_blob(&q, 7, content->wrapped, content->wrapped_len);
	q_blob(&q, 8, content->data, content->data_len);
	if (q_step(&q) == Q_DONE && id != NULL)
		*id = q_last_id(&q);
	er = q_close(&q);
	return er;
}

enum app_err
store_unit_docs(struct store *st, struct arena *a, const char *app_id,
    struct unit_doc_row **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_UNIT_DOCS);
	q_text(&q, 1, app_id);
	while (q_step(&q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		doc_fill(&q, a, &(*out)[(*n)++]);
	}
	return q_close(&q);
}

enum app_err
store_unit_doc_get(struct store *st, struct arena *a, const char *app_id, int64_t id,
    struct unit_doc_row *out, struct sealed *content)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;

	q_open(&q, st, STMT_UNIT_DOC_GET);
	q_text(&q, 1, app_id);
	q_i64(&q, 2, id);
	if (q_step(&q) == Q_ROW) {
		doc_fill(&q, a, out);
		content->wrapped = q_col_blob(&q, 7, a, &content->wrapped_len);
		content->data = q_col_blob(&q, 8, a, &content->data_len);
		er = APP_OK;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

/* --- units: changes --- */

enum app_err
store_unit_insert(struct store *st, const struct unit_row *u, int64_t *id)
{
	struct q	q;

	q_open(&q, st, STMT_UNIT_INSERT);
	q_i64(&q, 1, u->org_id);
	q_text(&q, 2, unit_type_name(u->type));
	q_text(&q, 3, u->name);
	q_i64(&q, 4, u->level);
	q_text(&q, 5, unit_status_name(u->status));
	q_text(&q, 6, u->application_id != NULL ? u->application_id : "");
	q_text(&q, 7, u->certified_on);
	q_text(&q, 8, u->valid_until);
	q_text(&q, 9, u->evaluated_on != NULL ? u->evaluated_on : "");
	q_i64(&q, 10, u->announced_at);
	q_i64(&q, 11, u->created_at);
	if (q_step(&q) == Q_DONE)
		*id = q_last_id(&q);
	return q_close(&q);
}

enum app_err
store_unit_set_level(struct store *st, int64_t id, int level, const char *certified_on,
    const char *valid_until, const char *evaluated_on, int64_t now)
{
	struct q	q;

	q_open(&q, st, STMT_UNIT_SET_LEVEL);
	q_i64(&q, 1, id);
	q_i64(&q, 2, level);
	q_text(&q, 3, certified_on);
	q_text(&q, 4, valid_until);
	q_text(&q, 5, evaluated_on);
	q_i64(&q, 6, now);
	return changed_one(&q);
}

enum app_err
store_unit_set_evaluated(struct store *st, int64_t id, const char *day, int64_t now)
{
	struct q	q;

	q_open(&q, st, STMT_UNIT_SET_EVALUATED);
	q_i64(&q, 1, id);
	q_text(&q, 2, day);
	q_i64(&q, 3, now);
	return changed_one(&q);
}

enum app_err
store_unit_set_status(struct store *st, int64_t id, enum unit_status s, int64_t now)
{
	struct q	q;

	q_open(&q, st, STMT_UNIT_SET_STATUS);
	q_i64(&q, 1, id);
	q_text(&q, 2, unit_status_name(s));
	q_i64(&q, 3, now);
	return changed_one(&q);
}

enum app_err
store_unit_announce(struct store *st, int64_t id, int64_t at)
{
	struct q	q;

	q_open(&q, st, STMT_UNIT_ANNOUNCE);
	q_i64(&q, 1, id);
	q_i64(&q, 2, at);
	return changed_one(&q);
}

enum app_err
store_unit_expire(struct store *st, const char *day, int64_t now, int64_t *n)
{
	struct q	q;

	*n = 0;
	q_open(&q, st, STMT_UNIT_EXPIRE);
	q_text(&q, 1, day);
	q_i64(&q, 2, now);
	if (q_step(&q) == Q_DONE)
		*n = q_changes(&q);
	return q_close(&q);
}

/* --- certificates --- */

static void
cert_fill(struct q *q, struct arena *a, struct unit_cert_row *c)
{
	int	k;

	memset(c, 0, sizeof(*c));
	c->number = q_col_text(q, 0, a);
	c->unit_id = q_col_i64(q, 1);
	c->unit_name = q_col_text(q, 2, a);
	k = unit_type_parse(str_from(q_col_text(q, 3, a)));
	c->type = k < 0 ? UNIT_TECHNICAL : (enum unit_type)k;
	c->level = (int)q_col_i64(q, 4);
	c->issued_on = q_col_text(q, 5, a);
	c->valid_until = q_col_text(q, 6, a);
	c->status = q_col_text(q, 7, a);
	c->issued_by = q_col_i64(q, 8);
	c->created_at = q_col_i64(q, 9);
	c->announced = q_col_i64(q, 10) != 0;
	k = unit_status_parse(str_from(q_col_text(q, 11, a)));
	c->unit_status = k < 0 ? US_SUSPENDED : (enum unit_status)k;
}

enum app_err
store_unit_cert_next_seq(struct store *st, int year, int64_t *seq)
{
	return one_i64(st, STMT_UNIT_CERT_SEQ_NEXT, year, seq);
}

enum app_err
store_unit_cert_issue(struct store *st, const struct unit_cert_row *c, int year, int64_t seq)
{
	struct q	q;
	enum app_err	er;

	q_open(&q, st, STMT_UNIT_CERT_SUPERSEDE);
	q_i64(&q, 1, c->unit_id);
	if ((er = q_exec_done(&q)) != APP_OK)
		return er;
	q_open(&q, st, STMT_UNIT_CERT_INSERT);
	q_text(&q, 1, c->number);
	q_i64(&q, 2, year);
	q_i64(&q, 3, seq);
	q_i64(&q, 4, c->unit_id);
	q_text(&q, 5, c->unit_name);
	q_text(&q, 6, unit_type_name(c->type));
	q_i64(&q, 7, c->level);
	q_text(&q, 8, c->issued_on);
	q_text(&q, 9, c->valid_until);
	q_i64(&q, 10, c->issued_by);
	q_i64(&q, 11, c->created_at);
	return q_exec_done(&q);
}

enum app_err
store_unit_cert_revoke(struct store *st, int64_t unit_id)
{
	struct q	q;

	q_open(&q, st, STMT_UNIT_CERT_REVOKE);
	q_i64(&q, 1, unit_id);
	return q_exec_done(&q);
}

enum app_err
store_unit_cert_get(struct store *st, struct arena *a, const char *number,
    struct unit_cert_row *out)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;

	q_open(&q, st, STMT_UNIT_CERT_GET);
	q_text(&q, 1, number);
	if (q_step(&q) == Q_ROW) {
		cert_fill(&q, a, out);
		er = APP_OK;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

enum app_err
store_unit_cert_pdf_get(struct store *st, struct arena *a, const char *number, const char *key,
    const unsigned char **pdf, size_t *len)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;

	*pdf = NULL;
	*len = 0;
	q_open(&q, st, STMT_UNIT_CERT_PDF_GET);
	q_text(&q, 1, number);
	q_text(&q, 2, key);
	if (q_step(&q) == Q_ROW) {
		*pdf = q_col_blob(&q, 0, a, len);
		er = *len > 0 ? APP_OK : APP_NOTFOUND;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

enum app_err
store_unit_cert_pdf_put(struct store *st, const char *number, const char *key, const void *pdf,
    size_t len)
{
	struct q	q;

	q_open(&q, st, STMT_UNIT_CERT_PDF_PUT);
	q_text(&q, 1, number);
	q_blob(&q, 2, pdf, len);
	q_text(&q, 3, key);
	q_step(&q);
	return q_close(&q);
}

enum app_err
store_unit_certs(struct store *st, struct arena *a, int64_t unit_id,
    struct unit_cert_row **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_UNIT_CERTS);
	q_i64(&q, 1, unit_id);
	while (q_step(&q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		cert_fill(&q, a, &(*out)[(*n)++]);
	}
	return q_close(&q);
}

/* --- tasks --- */

static void
task_fill(struct q *q, struct arena *a, struct unit_task_row *t)
{
	int	k;

	memset(t, 0, sizeof(*t));
	t->id = q_col_i64(q, 0);
	t->unit_id = q_col_i64(q, 1);
	t->unit_name = q_col_text(q, 2, a);
	t->org_id = q_col_i64(q, 3);
	k = unit_contrib_parse(str_from(q_col_text(q, 4, a)));
	t->kind = k < 0 ? UC_VERIFICATION : (enum unit_contrib)k;
	t->subject = q_col_text(q, 5, a);
	t->grade = q_col_text(q, 6, a);
	t->state = q_col_text(q, 7, a);
	t->brief = q_col_text(q, 8, a);
	t->result = q_col_text(q, 9, a);
	t->assigned_by = q_col_i64(q, 10);
	t->assigned_at = q_col_i64(q, 11);
	t->done_at = q_col_i64(q, 12);
	t->confirmed_by = q_col_i64(q, 13);
	t->confirmed_at = q_col_i64(q, 14);
}

enum app_err
store_unit_task_insert(struct store *st, const struct unit_task_row *t, int64_t *id)
{
	struct q	q;

	q_open(&q, st, STMT_UNIT_TASK_INSERT);
	q_i64(&q, 1, t->unit_id);
	q_text(&q, 2, unit_contrib_name(t->kind));
	q_text(&q, 3, t->subject);
	q_text(&q, 4, t->grade != NULL ? t->grade : "");
	q_text(&q, 5, t->brief != NULL ? t->brief : "");
	q_i64(&q, 6, t->assigned_by);
	q_i64(&q, 7, t->assigned_at);
	if (q_step(&q) == Q_DONE)
		*id = q_last_id(&q);
	return q_close(&q);
}

enum app_err
store_unit_task_get(struct store *st, struct arena *a, int64_t id, struct unit_task_row *out)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;

	q_open(&q, st, STMT_UNIT_TASK_GET);
	q_i64(&q, 1, id);
	if (q_step(&q) == Q_ROW) {
		task_fill(&q, a, out);
		er = APP_OK;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

enum app_err
store_unit_tasks(struct store *st, struct arena *a, int64_t unit_id, const char *state,
    int limit, struct unit_task_row **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_UNIT_TASKS);
	q_i64(&q, 1, unit_id);
	q_text(&q, 2, state);
	q_i64(&q, 3, limit > 0 ? limit : 200);
	while (q_step(&q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		task_fill(&q, a, &(*out)[(*n)++]);
	}
	return q_close(&q);
}

enum app_err
store_unit_task_done(struct store *st, int64_t id, const char *result, int64_t now)
{
	struct q	q;

	q_open(&q, st, STMT_UNIT_TASK_DONE);
	q_i64(&q, 1, id);
	q_text(&q, 2, result);
	q_i64(&q, 3, now);
	return changed_one(&q);
}

enum app_err
store_unit_task_confirm(struct store *st, int64_t id, const char *grade, int64_t by,
    int64_t now)
{
	struct q	q;

	q_open(&q, st, STMT_UNIT_TASK_CONFIRM);
	q_i64(&q, 1, id);
	q_text(&q, 2, grade != NULL ? grade : "");
	q_i64(&q, 3, by);
	q_i64(&q, 4, now);
	return changed_one(&q);
}

enum app_err
store_unit_task_cancel(struct store *st, int64_t id, int64_t by, int64_t now)
{
	struct q	q;

	q_open(&q, st, STMT_UNIT_TASK_CANCEL);
	q_i64(&q, 1, id);
	q_i64(&q, 2, by);
	q_i64(&q, 3, now);
	return changed_one(&q);
}

/* --- evaluations --- */

enum app_err
store_unit_eval_add(struct store *st, const struct unit_eval_row *e)
{
	struct q	q;

	q_open(&q, st, STMT_UNIT_EVAL_ADD);
	q_i64(&q, 1, e->unit_id);
	q_text(&q, 2, e->period_from);
	q_text(&q, 3, e->period_to);
	q_text(&q, 4, e->counts_json);
	q_i64(&q, 5, e->points);
	q_i64(&q, 6, e->level_before);
	q_i64(&q, 7, e->level_after);
	q_i64(&q, 8, e->below_minimum);
	q_i64(&q, 9, e->evaluated_at);
	q_i64(&q, 10, e->evaluated_by);
	return q_exec_done(&q);
}

enum app_err
store_unit_evals(struct store *st, struct arena *a, int64_t unit_id, int limit,
    struct unit_eval_row **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_UNIT_EVALS);
	q_i64(&q, 1, unit_id);
	q_i64(&q, 2, limit);
	while (q_step(&q) == Q_ROW) {
		struct unit_eval_row	*e;

		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		e = &(*out)[(*n)++];
		e->id = q_col_i64(&q, 0);
		e->unit_id = q_col_i64(&q, 1);
		e->period_from = q_col_text(&q, 2, a);
		e->period_to = q_col_text(&q, 3, a);
		e->counts_json = q_col_text(&q, 4, a);
		e->points = q_col_i64(&q, 5);
		e->level_before = (int)q_col_i64(&q, 6);
		e->level_after = (int)q_col_i64(&q, 7);
		e->below_minimum = q_col_i64(&q, 8) != 0;
		e->evaluated_at = q_col_i64(&q, 9);
		e->evaluated_by = q_col_i64(&q, 10);
	}
	return q_close(&q);
}

/* --- awards --- */

static void
award_fill(struct q *q, struct arena *a, struct unit_award_row *w)
{
	int	k;

	memset(w, 0, sizeof(*w));
	w->id = q_col_i64(q, 0);
	w->year = (int)q_col_i64(q, 1);
	k = unit_award_parse(str_from(q_col_text(q, 2, a)));
	w->award = k < 0 ? UA_MOST_CONTRIBUTING : (enum unit_award)k;
	w->unit_id = q_col_i64(q, 3);
	w->unit_name = q_col_text(q, 4, a);
	k = unit_type_parse(str_from(q_col_text(q, 5, a)));
	w->type = k < 0 ? UNIT_TECHNICAL : (enum unit_type)k;
	w->level = (int)q_col_i64(q, 6);
	w->metric = q_col_i64(q, 7);
	w->rank = (int)q_col_i64(q, 8);
	w->state = q_col_text(q, 9, a);
	w->decided_by = q_col_i64(q, 10);
	w->decided_at = q_col_i64(q, 11);
	w->published_at = q_col_i64(q, 12);
}

enum app_err
store_unit_award_clear(struct store *st, int year)
{
	struct q	q;

	q_open(&q, st, STMT_UNIT_AWARD_CLEAR);
	q_i64(&q, 1, year);
	return q_exec_done(&q);
}

enum app_err
store_unit_award_put(struct store *st, int year, enum unit_award aw, int64_t unit_id,
    int64_t metric, int rank)
{
	struct q	q;

	q_open(&q, st, STMT_UNIT_AWARD_PUT);
	q_i64(&q, 1, year);
	q_text(&q, 2, unit_award_name(aw));
	q_i64(&q, 3, unit_id);
	q_i64(&q, 4, metric);
	q_i64(&q, 5, rank);
	return q_exec_done(&q);
}

enum app_err
store_unit_award_get(struct store *st, struct arena *a, int64_t id, struct unit_award_row *out)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;

	q_open(&q, st, STMT_UNIT_AWARD_GET);
	q_i64(&q, 1, id);
	if (q_step(&q) == Q_ROW) {
		award_fill(&q, a, out);
		er = APP_OK;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

enum app_err
store_unit_award_decide(struct store *st, int64_t id, const char *state, int64_t by,
    int64_t now)
{
	struct q	q;

	q_open(&q, st, STMT_UNIT_AWARD_DECIDE);
	q_i64(&q, 1, id);
	q_text(&q, 2, state);
	q_i64(&q, 3, by);
	q_i64(&q, 4, now);
	return changed_one(&q);
}

enum app_err
store_unit_award_publish(struct store *st, int year, int64_t now, int64_t *n)
{
	struct q	q;

	*n = 0;
	q_open(&q, st, STMT_UNIT_AWARD_PUBLISH);
	q_i64(&q, 1, year);
	q_i64(&q, 2, now);
	if (q_step(&q) == Q_DONE)
		*n = q_changes(&q);
	return q_close(&q);
}

enum app_err
store_unit_awards(struct store *st, struct arena *a, int year, const char *state,
    struct unit_award_row **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_UNIT_AWARDS);
	q_i64(&q, 1, year);
	q_text(&q, 2, state);
	while (q_step(&q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof(**out));
		award_fill(&q, a, &(*out)[(*n)++]);
	}
	return q_close(&q);
}
