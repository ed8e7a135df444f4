/* The disclosure gate's facts and log, and advisories (issue 7). */
#include <string.h>

#include "core/arena.h"
#include "store/store.h"
#include "store/store_int.h"

enum app_err
store_disclosure_record_add(struct store *st, const struct disclosure_record *r, int64_t *id)
{
	struct q	q;

	q_open(&q, st, STMT_DREC_INSERT);
	q_text(&q, 1, r->case_id);
	q_text(&q, 2, r->kind);
	q_text(&q, 3, r->reference);
	q_text(&q, 4, r->issued_on);
	q_text(&q, 5, r->scope != NULL ? r->scope : "");
	q_text(&q, 6, r->approver != NULL ? r->approver : "");
	q_i64(&q, 7, r->allow);
	q_text(&q, 8, r->note != NULL ? r->note : "");
	q_i64(&q, 9, r->created_at);
	q_i64_or_null(&q, 10, r->created_by);
	if (q_step(&q) == Q_DONE && id != NULL)
		*id = q_last_id(&q);
	return q_close(&q);
}

enum app_err
store_disclosure_records(struct store *st, struct arena *a, const char *case_id,
    struct disclosure_record **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;
	enum q_step	s;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_DREC_LIST);
	q_text(&q, 1, case_id);
	while ((s = q_step(&q)) == Q_ROW) {
		struct disclosure_record *r;

		*out = store_grow(a, *out, *n, &cap, sizeof **out);
		r = &(*out)[(*n)++];
		r->id = q_col_i64(&q, 0);
		r->case_id = q_col_text(&q, 1, a);
		r->kind = q_col_text(&q, 2, a);
		r->reference = q_col_text(&q, 3, a);
		r->issued_on = q_col_text(&q, 4, a);
		r->scope = q_col_text(&q, 5, a);
		r->approver = q_col_text(&q, 6, a);
		r->allow = q_col_i64(&q, 7) != 0;
		r->note = q_col_text(&q, 8, a);
		r->created_at = q_col_i64(&q, 9);
		r->created_by = q_col_i64(&q, 10);
		r->created_by_login = q_col_text(&q, 11, a);
	}
	return q_close(&q);
}

enum app_err
store_window_put(struct store *st, const struct event_window *w, int64_t *id)
{
	struct q	q;
	bool		pushed = w->external_id != NULL && *w->external_id != '\0';

	q_open(&q, st, pushed ? STMT_WINDOW_UPSERT : STMT_WINDOW_INSERT);
	q_text(&q, 1, w->name);
	q_i64(&q, 2, w->starts_at);
	q_i64(&q, 3, w->ends_at);
	q_text(&q, 4, w->scope != NULL ? w->scope : "");
	q_text(&q, 5, w->source != NULL && *w->source != '\0' ? w->source : "local");
	q_text(&q, 6, pushed ? w->external_id : "");
	q_i64(&q, 7, w->created_at);
	q_i64_or_null(&q, 8, w->created_by);
	if (q_step(&q) == Q_ROW && id != NULL)
		*id = q_col_i64(&q, 0);
	return q_close(&q);
}

enum app_err
store_window_withdraw(struct store *st, int64_t id, int64_t at)
{
	struct q	q;
	enum app_err	er;
	int64_t		changed = 0;

	q_open(&q, st, STMT_WINDOW_WITHDRAW);
	q_i64(&q, 1, id);
	q_i64(&q, 2, at);
	if (q_step(&q) == Q_DONE)
		changed = q_changes(&q);
	er = q_close(&q);
	return er == APP_OK && changed == 0 ? APP_NOTFOUND : er;
}

static void
window_fill(struct q *q, struct arena *a, struct event_window *w)
{
	w->id = q_col_i64(q, 0);
	w->name = q_col_text(q, 1, a);
	w->starts_at = q_col_i64(q, 2);
	w->ends_at = q_col_i64(q, 3);
	w->scope = q_col_text(q, 4, a);
	w->source = q_col_text(q, 5, a);
	w->external_id = q_col_text(q, 6, a);
	w->created_at = q_col_i64(q, 7);
	w->created_by = q_col_i64(q, 8);
	w->withdrawn_at = q_col_i64(q, 9);
}

enum app_err
store_window_get(struct store *st, struct arena *a, int64_t id, struct event_window *out)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;

	q_open(&q, st, STMT_WINDOW_GET);
	q_i64(&q, 1, id);
	if (q_step(&q) == Q_ROW) {
		window_fill(&q, a, out);
		er = APP_OK;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

enum app_err
store_windows(struct store *st, struct arena *a, int64_t after, bool all,
    struct event_window **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_WINDOW_LIST);
	q_i64(&q, 1, after);
	q_i64(&q, 2, all);
	while (q_step(&q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof **out);
		window_fill(&q, a, &(*out)[(*n)++]);
	}
	return q_close(&q);
}

enum app_err
store_policy_log(struct store *st, const struct policy_log_row *r)
{
	struct q	q;

	q_open(&q, st, STMT_POLICY_LOG);
	q_i64(&q, 1, r->at);
	q_text(&q, 2, r->action);
	q_text(&q, 3, r->subject);
	q_text(&q, 4, r->recipient != NULL ? r->recipient : "");
	q_i64(&q, 5, r->allowed);
	q_text(&q, 6, r->rule != NULL ? r->rule : "");
	q_i64_or_null(&q, 7, r->actor_id);
	return q_exec_done(&q);
}

enum app_err
store_policy_decisions(struct store *st, struct arena *a, const char *subject,
    int64_t cursor, int limit, struct policy_log_row **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_POLICY_LIST);
	q_text(&q, 1, subject != NULL ? subject : "");
	q_i64(&q, 2, cursor);
	q_i64(&q, 3, limit);
	while (q_step(&q) == Q_ROW) {
		struct policy_log_row *r;

		*out = store_grow(a, *out, *n, &cap, sizeof **out);
		r = &(*out)[(*n)++];
		r->id = q_col_i64(&q, 0);
		r->at = q_col_i64(&q, 1);
		r->action = q_col_text(&q, 2, a);
		r->subject = q_col_text(&q, 3, a);
		r->recipient = q_col_text(&q, 4, a);
		r->allowed = q_col_i64(&q, 5) != 0;
		r->rule = q_col_text(&q, 6, a);
		r->actor_id = q_col_i64(&q, 7);
		r->actor_login = q_col_text(&q, 8, a);
	}
	return q_close(&q);
}

enum app_err
store_attachment_set_class(struct store *st, const char *report_id, int64_t attachment_id,
    const char *cls)
{
	struct q	q;
	enum app_err	er;
	int64_t		changed = 0;

	q_open(&q, st, STMT_ATTACHMENT_CLASS);
	q_text(&q, 1, report_id);
	q_i64(&q, 2, attachment_id);
	q_text(&q, 3, cls);
	if (q_step(&q) == Q_DONE)
		changed = q_changes(&q);
	er = q_close(&q);
	return er == APP_OK && changed == 0 ? APP_NOTFOUND : er;
}

enum app_err
store_case_exploit_count(struct store *st, const char *case_id, int64_t *n)
{
	struct q	q;

	*n = 0;
	q_open(&q, st, STMT_CASE_EXPLOITS);
	q_text(&q, 1, case_id);
	if (q_step(&q) == Q_ROW)
		*n = q_col_i64(&q, 0);
	return q_close(&q);
}

/* ---- advisories ---- */

enum app_err
store_advisory_next_seq(struct store *st, int year, int64_t *seq)
{
	struct q	q;

	q_open(&q, st, STMT_ADV_SEQ_NEXT);
	q_i64(&q, 1, year);
	if (q_step(&q) == Q_ROW)
		*seq = q_col_i64(&q, 0);
	return q_close(&q);
}

enum app_err
store_advisory_insert(struct store *st, const struct advisory_row *r)
{
	struct q	q;

	q_open(&q, st, STMT_ADV_INSERT);
	q_text(&q, 1, r->id);
	q_text(&q, 2, r->case_id);
	q_text(&q, 3, r->state);
	q_i64(&q, 4, r->version);
	q_i64(&q, 5, r->created_at);
	q_i64_or_null(&q, 6, r->created_by);
	return q_exec_done(&q);
}

enum app_err
store_advisory_save(struct store *st, const struct advisory_row *r)
{
	struct q	q;

	q_open(&q, st, STMT_ADV_SAVE);
	q_text(&q, 1, r->id);
	q_text(&q, 2, r->state);
	q_i64(&q, 3, r->version);
	q_i64_or_null(&q, 4, r->publish_at);
	q_i64_or_null(&q, 5, r->held_by);
	q_i64_or_null(&q, 6, r->published_at);
	q_i64_or_null(&q, 7, r->withdrawn_at);
	q_text(&q, 8, r->withdrawn_reason != NULL ? r->withdrawn_reason : "");
	q_i64(&q, 9, r->updated_at);
	return q_exec_done(&q);
}

static void
advisory_fill(struct q *q, struct arena *a, struct advisory_row *r)
{
	r->rowid = q_col_i64(q, 0);
	r->id = q_col_text(q, 1, a);
	r->case_id = q_col_text(q, 2, a);
	r->state = q_col_text(q, 3, a);
	r->version = (int)q_col_i64(q, 4);
	r->publish_at = q_col_i64(q, 5);
	r->held_by = q_col_i64(q, 6);
	r->published_at = q_col_i64(q, 7);
	r->withdrawn_at = q_col_i64(q, 8);
	r->withdrawn_reason = q_col_text(q, 9, a);
	r->created_at = q_col_i64(q, 10);
	r->created_by = q_col_i64(q, 11);
	r->updated_at = q_col_i64(q, 12);
	r->title = q_col_text(q, 13, a);
}

static enum app_err
advisory_rows(struct q *q, struct arena *a, struct advisory_row **out, size_t *n)
{
	size_t	cap = 0;

	*out = NULL;
	*n = 0;
	while (q_step(q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof **out);
		advisory_fill(q, a, &(*out)[(*n)++]);
	}
	return q_close(q);
}

enum app_err
store_advisory_get(struct store *st, struct arena *a, const char *id, struct advisory_row *out)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;

	q_open(&q, st, STMT_ADV_GET);
	q_text(&q, 1, id);
	if (q_step(&q) == Q_ROW) {
		advisory_fill(&q, a, out);
		er = APP_OK;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

enum app_err
store_advisories_of_case(struct store *st, struct arena *a, const char *case_id,
    struct advisory_row **out, size_t *n)
{
	struct q	q;

	q_open(&q, st, STMT_ADV_OF_CASE);
	q_text(&q, 1, case_id);
	return advisory_rows(&q, a, out, n);
}

enum app_err
store_advisory_list(struct store *st, struct arena *a, const char *state, int64_t cursor,
    int limit, struct advisory_row **out, size_t *n)
{
	struct q	q;

	q_open(&q, st, STMT_ADV_LIST);
	q_i64(&q, 1, cursor);
	q_i64(&q, 2, limit);
	q_text(&q, 3, state != NULL ? state : "");
	return advisory_rows(&q, a, out, n);
}

enum app_err
store_advisories_due(struct store *st, struct arena *a, int64_t now, int limit,
    struct advisory_row **out, size_t *n)
{
	struct q	q;

	q_open(&q, st, STMT_ADV_DUE);
	q_i64(&q, 1, now);
	q_i64(&q, 2, limit);
	return advisory_rows(&q, a, out, n);
}

enum app_err
store_advisory_version_add(struct store *st, const struct advisory_version *v,
    const struct sealed *doc)
{
	struct q	q;

	q_open(&q, st, STMT_ADVV_INSERT);
	q_text(&q, 1, v->advisory_id);
	q_i64(&q, 2, v->version);
	q_blob(&q, 3, doc->wrapped, doc->wrapped_len);
	q_blob(&q, 4, doc->data, doc->data_len);
	q_text(&q, 5, v->doc_sha256);
	q_text(&q, 6, v->summary != NULL ? v->summary : "");
	q_i64(&q, 7, v->created_at);
	q_i64_or_null(&q, 8, v->created_by);
	return q_exec_done(&q);
}

static void
version_fill(struct q *q, struct arena *a, struct advisory_version *v)
{
	v->advisory_id = q_col_text(q, 0, a);
	v->version = (int)q_col_i64(q, 1);
	v->doc_sha256 = q_col_text(q, 2, a);
	v->summary = q_col_text(q, 3, a);
	v->created_at = q_col_i64(q, 4);
	v->created_by = q_col_i64(q, 5);
	v->created_by_login = q_col_text(q, 6, a);
	v->reviewed_at = q_col_i64(q, 7);
	v->reviewed_by = q_col_i64(q, 8);
	v->reviewed_by_login = q_col_text(q, 9, a);
	v->review = q_col_text(q, 10, a);
	v->review_note = q_col_text(q, 11, a);
}

enum app_err
store_advisory_version_get(struct store *st, struct arena *a, const char *id, int version,
    struct advisory_version *out, struct sealed *doc)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;

	q_open(&q, st, STMT_ADVV_GET);
	q_text(&q, 1, id);
	q_i64(&q, 2, version);
	if (q_step(&q) == Q_ROW) {
		version_fill(&q, a, out);
		if (doc != NULL) {
			doc->wrapped = q_col_blob(&q, 12, a, &doc->wrapped_len);
			doc->data = q_col_blob(&q, 13, a, &doc->data_len);
		}
		er = APP_OK;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

enum app_err
store_advisory_versions(struct store *st, struct arena *a, const char *id,
    struct advisory_version **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_ADVV_LIST);
	q_text(&q, 1, id);
	while (q_step(&q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof **out);
		version_fill(&q, a, &(*out)[(*n)++]);
	}
	return q_close(&q);
}

enum app_err
store_advisory_version_review(struct store *st, const char *id, int version,
    int64_t reviewer, int64_t at, const char *review, const char *note)
{
	struct q	q;

	q_open(&q, st, STMT_ADVV_REVIEW);
	q_text(&q, 1, id);
	q_i64(&q, 2, version);
	q_i64_or_null(&q, 3, reviewer);
	q_i64_or_null(&q, 4, at);
	q_text(&q, 5, review);
	q_text(&q, 6, note != NULL ? note : "");
	return q_exec_done(&q);
}

/* ---- the public record ---- */

enum app_err
store_public_put(struct store *st, const struct public_advisory *p)
{
	struct q	q;

	q_open(&q, st, STMT_PUB_PUT);
	q_text(&q, 1, p->id);
	q_i64(&q, 2, p->version);
	q_text(&q, 3, p->doc);
	q_text(&q, 4, p->title);
	q_text(&q, 5, p->grade != NULL ? p->grade : "");
	q_text(&q, 6, p->vendors != NULL ? p->vendors : "");
	q_text(&q, 7, p->products != NULL ? p->products : "");
	q_text(&q, 8, p->search != NULL ? p->search : "");
	q_i64(&q, 9, p->published_at);
	q_i64(&q, 10, p->updated_at);
	return q_exec_done(&q);
}

enum app_err
store_public_withdraw(struct store *st, const char *id, int64_t at)
{
	struct q	q;

	q_open(&q, st, STMT_PUB_WITHDRAW);
	q_text(&q, 1, id);
	q_i64(&q, 2, at);
	return q_exec_done(&q);
}

static void
public_fill(struct q *q, struct arena *a, struct public_advisory *p)
{
	p->id = q_col_text(q, 0, a);
	p->version = (int)q_col_i64(q, 1);
	p->title = q_col_text(q, 2, a);
	p->grade = q_col_text(q, 3, a);
	p->vendors = q_col_text(q, 4, a);
	p->products = q_col_text(q, 5, a);
	p->search = q_col_text(q, 6, a);
	p->published_at = q_col_i64(q, 7);
	p->updated_at = q_col_i64(q, 8);
	p->withdrawn_at = q_col_i64(q, 9);
	p->doc = q_col_null(q, 10) ? NULL : q_col_text(q, 10, a);
}

enum app_err
store_public_get(struct store *st, struct arena *a, const char *id, struct public_advisory *out)
{
	struct q	q;
	enum app_err	er = APP_NOTFOUND;

	q_open(&q, st, STMT_PUB_GET);
	q_text(&q, 1, id);
	if (q_step(&q) == Q_ROW) {
		public_fill(&q, a, out);
		er = APP_OK;
	}
	return q_close(&q) != APP_OK ? APP_STORE : er;
}

enum app_err
store_public_list(struct store *st, struct arena *a, const struct public_filter *f,
    int offset, int limit, bool with_doc, struct public_advisory **out, size_t *n)
{
	struct q	q;
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	q_open(&q, st, STMT_PUB_LIST);
	q_text(&q, 1, f->vendor != NULL ? f->vendor : "");
	q_text(&q, 2, f->product != NULL ? f->product : "");
	q_text(&q, 3, f->grade != NULL ? f->grade : "");
	q_i64(&q, 4, f->from);
	q_i64(&q, 5, f->to);
	q_text(&q, 6, f->q != NULL ? f->q : "");
	q_i64(&q, 7, f->withdrawn);
	q_i64(&q, 8, offset);
	q_i64(&q, 9, limit);
	q_i64(&q, 10, with_doc);
	while (q_step(&q) == Q_ROW) {
		*out = store_grow(a, *out, *n, &cap, sizeof **out);
		public_fill(&q, a, &(*out)[(*n)++]);
	}
	return q_close(&q);
}
