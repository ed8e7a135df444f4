/*
 * The clocks and their scheduler (svc/deadlines.h).  Every clock is a row
 * (store: deadlines, deadline_reminders); the services start and meet them
 * inside their own transactions, and svc_deadlines_run fires reminders and
 * marks clocks missed, each in a transaction of its own, so a crash never
 * loses a reminder nor sends one twice.
 */
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/calendar.h"
#include "core/config.h"
#include "core/log.h"
#include "core/str.h"
#include "core/utf8.h"
#include "domain/authz.h"
#include "svc/cases.h"
#include "svc/deadlines.h"
#include "svc/notices.h"
#include "svc/warnings.h"

#define RUN_BATCH	100	/* reminders or clocks read per round */
#define REASON_MAX	2000	/* bytes of a waiver's reason */
#define DEADLINE_LIST_MAX	1000	/* clocks one listing returns at most */

static const enum msg_id kind_msg[DL__MAX] = {
	[DL_ACK] = MSG_DL_ACK,
	[DL_VENDOR_RESPONSE] = MSG_DL_VENDOR_RESPONSE,
	[DL_SUBMISSION] = MSG_DL_SUBMISSION,
	[DL_PUBLICATION] = MSG_DL_PUBLICATION,
	[DL_FILING_REVIEW] = MSG_DL_FILING_REVIEW,
	[DL_FILING_SUPPLEMENT] = MSG_DL_FILING_SUPPLEMENT,
	[DL_CHANGE_FILING] = MSG_DL_CHANGE_FILING,
	[DL_INITIAL_FILING] = MSG_DL_INITIAL_FILING,
	[DL_DISPUTE] = MSG_DL_DISPUTE,
	[DL_WARNING_ACK] = MSG_DL_WARNING_ACK,
};

bool
svc_submissions_on(const struct svc_ctx *c)
{
	return c->cfg->role == ROLE_PROVIDER ||
	    (c->cfg->role == ROLE_PLATFORM && c->cfg->submissions);
}

enum app_err
svc_clock_start(const struct svc_ctx *c, enum deadline_kind k, const char *subject,
    const char *case_id, const char *report_id, int64_t basis)
{
	const struct calendar	*cal = calendar_current();
	struct deadline_plan	 p;
	struct deadline_row	 d;
	int64_t			 id;
	bool			 created;
	enum app_err		 er;

	deadline_plan(c->cfg, cal, k, basis, &p);
	memset(&d, 0, sizeof(d));
	d.kind = k;
	d.subject = subject;
	d.case_id = case_id;
	d.report_id = report_id;
	d.basis_at = p.basis_at;
	d.due_at = p.due_at;
	d.period = p.period;
	d.rule = deadline_kind_rule(k);
	d.calendar_version = calendar_version(cal);
	d.provisional = p.provisional;
	d.created_at = c->now;
	if ((er = store_deadline_add(c->st, &d, p.remind_off, p.remind_at, p.nremind, &id,
	    &created)) != APP_OK)
		return er;
	if (created)
		log_debug("event=clock_start kind=%s subject=\"%s\" due=%lld",
		    deadline_kind_name(k), subject, (long long)p.due_at);
	return APP_OK;
}

/* Apply a move to the clock of kind k for subject; none, or not movable: APP_OK. */
static enum app_err
clock_move(const struct svc_ctx *c, enum deadline_kind k, const char *subject,
    enum app_err (*fn)(struct store *, int64_t, int64_t))
{
	struct deadline_row	d;
	enum app_err		er;

	if ((er = store_deadline_find(c->st, c->a, k, subject, &d)) == APP_NOTFOUND)
		return APP_OK;
	if (er != APP_OK)
		return er;
	er = fn(c->st, d.id, c->now);
	return er == APP_NOTFOUND ? APP_OK : er;
}

enum app_err
svc_clock_met(const struct svc_ctx *c, enum deadline_kind k, const char *subject)
{
	return clock_move(c, k, subject, store_deadline_met);
}

enum app_err
svc_clock_pause(const struct svc_ctx *c, enum deadline_kind k, const char *subject)
{
	if (!deadline_kind_pauses(k))
		return APP_OK;
	return clock_move(c, k, subject, store_deadline_pause);
}

enum app_err
svc_clock_resume(const struct svc_ctx *c, enum deadline_kind k, const char *subject)
{
	return clock_move(c, k, subject, store_deadline_resume);
}

enum app_err
svc_clock_waive(const struct svc_ctx *c, enum deadline_kind k, const char *subject,
    const char *reason)
{
	struct deadline_row	d;
	enum app_err		er;

	if ((er = store_deadline_find(c->st, c->a, k, subject, &d)) == APP_NOTFOUND)
		return APP_OK;
	if (er != APP_OK)
		return er;
	er = store_deadline_waive(c->st, d.id, reason, c->actor != NULL ? c->actor->id : 0,
	    c->now);
	return er == APP_NOTFOUND ? APP_OK : er;
}

/* Staff and auditors read the clocks; coordinators (PERM_CASES_MANAGE) waive them. */
static enum app_err
may_read(const struct svc_ctx *c, struct fault *f)
{
	/*
	 * Not every holder of PERM_AUDIT_READ: a regulator sees only the cases
	 * they observe, and clock subjects name cases and vendors.
	 */
	if (c->system || (c->actor != NULL && (authz_allows(c->actor->role, PERM_CASES_MANAGE) ||
	    c->actor->role == UROLE_AUDITOR)))
		return APP_OK;
	fault_set(f, APP_FORBIDDEN, NULL, MSG_ERR_DEADLINES_DENIED, 0);
	f->rule = "rbac.role";
	return APP_FORBIDDEN;
}

enum app_err
svc_deadline_list(const struct svc_ctx *c, const struct deadline_query *q,
    struct deadline_row **out, size_t *n, struct fault *f)
{
	struct deadline_filter	 df;
	int			 k = -1;
	enum app_err		 er;

	if ((er = may_read(c, f)) != APP_OK)
		return er;
	if (q->state != NULL && strcmp(q->state, "overdue") != 0 &&
	    deadline_state_parse(str_from(q->state)) < 0)
		return fault_set(f, APP_INVALID, "state", MSG_ERR_DEADLINE_STATE, 0);
	if (q->kind != NULL && (k = deadline_kind_parse(str_from(q->kind))) < 0)
		return fault_set(f, APP_INVALID, "kind", MSG_ERR_DEADLINE_KIND, 0);
	df = (struct deadline_filter){ q->state, q->case_id, q->report_id, k, c->now,
	    q->skip > 0 ? q->skip : 0,
	    q->limit > 0 && q->limit <= DEADLINE_LIST_MAX ? q->limit : DEADLINE_LIST_MAX };
	return store_deadline_list(c->st, c->a, &df, out, n);
}

enum app_err
svc_deadline_get(const struct svc_ctx *c, int64_t id, struct deadline_row *out,
    struct reminder_row **rem, size_t *nrem, struct fault *f)
{
	enum app_err	er;

	if ((er = may_read(c, f)) != APP_OK)
		return er;
	if ((er = store_deadline_get(c->st, c->a, id, out)) == APP_NOTFOUND)
		return fault_set(f, APP_NOTFOUND, NULL, MSG_ERR_NO_SUCH_DEADLINE, 0);
	if (er != APP_OK)
		return er;
	return store_reminders_of(c->st, c->a, id, rem, nrem);
}

enum app_err
svc_deadline_waive(const struct svc_ctx *c, int64_t id, const char *reason,
    struct deadline_row *out, struct fault *f)
{
	struct deadline_row	d;
	enum app_err		er;

	if (c->actor == NULL || !authz_allows(c->actor->role, PERM_CASES_MANAGE)) {
		fault_set(f, APP_FORBIDDEN, NULL, MSG_ERR_CASES_DENIED, 0);
		f->rule = "rbac.role";
		return APP_FORBIDDEN;
	}
	if (reason == NULL || str_trim(str_from(reason)).n == 0)
		return fault_set(f, APP_INVALID, "reason", MSG_ERR_DEADLINE_WAIVE_REASON, 0);
	if (strlen(reason) > REASON_MAX)
		return fault_set(f, APP_INVALID, "reason", MSG_ERR_FIELD_TOO_LONG, 0);
	if (!utf8_valid(reason, strlen(reason)))
		return fault_set(f, APP_INVALID, "reason", MSG_ERR_FIELD_ENCODING, 0);
	if ((er = store_begin(c->st)) != APP_OK)
		return er;
	if ((er = store_deadline_get(c->st, c->a, id, &d)) != APP_OK) {
		store_rollback(c->st);
		if (er == APP_NOTFOUND)
			return fault_set(f, APP_NOTFOUND, NULL, MSG_ERR_NO_SUCH_DEADLINE, 0);
		return er;
	}
	if (d.kind == DL_SUBMISSION) {
		store_rollback(c->st);
		fault_set(f, APP_CONFLICT, NULL, MSG_ERR_DEADLINE_SUBMISSION, 0);
		f->rule = "R5";
		return APP_CONFLICT;
	}
	if ((er = store_deadline_waive(c->st, id, reason, c->actor->id, c->now)) ==
	    APP_NOTFOUND) {
		store_rollback(c->st);
		fault_set(f, APP_CONFLICT, NULL, MSG_ERR_DEADLINE_NOT_OPEN, 0);
		f->rule = deadline_kind_rule(d.kind);
		return APP_CONFLICT;
	}
	if (er != APP_OK)
		goto fail;
	if (d.case_id[0] != '\0')
		er = svc_case_record(c, d.case_id, "deadline", deadline_state_name(d.state),
		    "waived", arena_printf(c->a, "%s %s", deadline_kind_name(d.kind),
		    d.subject), reason, "deadline.waive",
		    arena_printf(c->a, "id=%lld kind=%s", (long long)id,
		    deadline_kind_name(d.kind)));
	else
		er = store_audit_add(c->st, c->actor->id, "deadline.waive", d.subject,
		    arena_printf(c->a, "id=%lld kind=%s", (long long)id,
		    deadline_kind_name(d.kind)), c->addr, c->now);
	if (er != APP_OK || (er = store_deadline_get(c->st, c->a, id, out)) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK)
		goto fail;
	return APP_OK;
fail:
	store_rollback(c->st);
	return er;
}

/* "2026-11-23 10:00 (UTC+8)": deadlines are kept in China Standard Time. */
static const char *
cst(struct arena *a, int64_t t)
{
	char	buf[40];

	time_format_cst(t, false, buf, sizeof(buf));
	return arena_strdup(a, buf);
}

/* The notices' and mails' subject: the case, or else the report, or else its own. */
static const char *
about(const struct svc_ctx *c, const struct deadline_row *d)
{
	if (d->case_id[0] != '\0')
		return arena_printf(c->a, "case:%s", d->case_id);
	if (d->report_id[0] != '\0')
		return arena_printf(c->a, "report:%s", d->report_id);
	/* A warning's acknowledgement ("warning:<id>/<unit>"): the warning (issue 9). */
	if (strncmp(d->subject, "warning:", 8) == 0 && strchr(d->subject, '/') != NULL)
		return arena_printf(c->a, "%.*s", (int)(strchr(d->subject, '/') - d->subject),
		    d->subject);
	/* A clock of neither (备案: "filing:<id>" or "filing:<id>/<n>"): its subject. */
	return d->subject;
}

/* Where the staff read what a clock is about. */
static const char *
about_link(const struct svc_ctx *c, const struct deadline_row *d)
{
	const char	*id;
	size_t		 n;

	if (d->case_id[0] != '\0')
		return arena_printf(c->a, "%s/cases/%s", c->cfg->base_url, d->case_id);
	if (d->report_id[0] != '\0')
		return arena_printf(c->a, "%s/reports/%s", c->cfg->base_url, d->report_id);
	if (strncmp(d->subject, "filing:", 7) == 0) {
		id = d->subject + 7;
		n = strcspn(id, "/");
		return arena_printf(c->a, "%s/staff/filings/%.*s", c->cfg->base_url, (int)n, id);
	}
	/* Warnings and disputes (issue 9): their pages, the staff's and the units' alike. */
	if (strncmp(d->subject, "warning:", 8) == 0) {
		id = d->subject + 8;
		n = strcspn(id, "/");
		return arena_printf(c->a, "%s/warnings/%.*s", c->cfg->base_url, (int)n, id);
	}
	if (strncmp(d->subject, "dispute:", 8) == 0)
		return arena_printf(c->a, "%s/disputes/%s", c->cfg->base_url, d->subject + 8);
	/* A platform's own 备案: its change tasks and its R25 first filing. */
	if (strncmp(d->subject, "change:", 7) == 0 || strcmp(d->subject, "platform-filing") == 0)
		return arena_printf(c->a, "%s/staff/filing", c->cfg->base_url);
	return arena_printf(c->a, "%s/deadlines", c->cfg->base_url);
}

/* zh line, then en line: "<prefix with the due time><clock> <subject>". */
static const char *
tell_text(const struct svc_ctx *c, const struct deadline_row *d, enum msg_id prefix)
{
	const char	*due = cst(c->a, d->due_at), *zh, *en;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	zh = arena_printf(c->a, msg(LANG_ZH, prefix), due);
	en = arena_printf(c->a, msg(LANG_EN, prefix), due);
#pragma GCC diagnostic pop
	return arena_printf(c->a, "%s%s %s\n%s%s %s", zh, msg(LANG_ZH, kind_msg[d->kind]),
	    d->subject, en, msg(LANG_EN, kind_msg[d->kind]), d->subject);
}

/* A notice to the staff and a mail to each coordinator: no details, a link. */
static enum app_err
tell(const struct svc_ctx *c, const struct deadline_row *d, const char *kind,
    enum msg_id prefix, enum msg_id subject_msg)
{
	const char	**to, *text = tell_text(c, d, prefix), *subj, *body, *link;
	size_t		  i, n;
	enum app_err	  er;

	if ((er = svc_notice_staff(c, kind, about(c, d), text, &n)) != APP_OK ||
	    (er = store_coordinator_emails(c->st, c->a, &to, &n)) != APP_OK)
		return er;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	subj = arena_printf(c->a, "%s / %s",
	    arena_printf(c->a, msg(LANG_ZH, subject_msg), d->subject),
	    arena_printf(c->a, msg(LANG_EN, subject_msg), d->subject));
#pragma GCC diagnostic pop
	link = about_link(c, d);
	body = arena_printf(c->a, "%s\n%s: %s\n\n详情请登录查看 / Details (login required): %s\n\n"
	    SVC_MAIL_NO_DETAILS, text, "依据 / Rule", d->rule, link);
	for (i = 0; i < n; i++)
		if ((er = store_outbox_add(c->st, to[i], subj, body, c->now)) != APP_OK)
			return er;
	/* A unit that has not acknowledged a warning is told too (issue 9). */
	if (d->kind == DL_WARNING_ACK)
		return svc_warning_clock_tell(c, d->subject, kind, text, subj, body);
	return APP_OK;
}

/*
 * The reminders of one clock due at one run, in one transaction: all are
 * marked fired, only the one nearest the due time (smallest offset, first
 * in the list) is told.
 */
static enum app_err
remind(const struct svc_ctx *c, const struct reminder_due *r, size_t n, bool *told)
{
	enum app_err	er;
	size_t		i;

	*told = false;
	if ((er = store_begin(c->st)) != APP_OK)
		return er;
	for (i = 0; i < n; i++) {
		er = store_reminder_fire(c->st, r[i].d.id, r[i].offset_s, i == 0, c->now);
		if (er == APP_NOTFOUND && i == 0) {
			/* Another run fired it meanwhile. */
			store_rollback(c->st);
			return APP_OK;
		}
		if (er != APP_OK && er != APP_NOTFOUND)
			goto fail;
	}
	if ((er = tell(c, &r[0].d, "deadline_reminder", MSG_NOTICE_DEADLINE_REMINDER,
	    MSG_MAIL_DEADLINE_REMINDER_SUBJECT)) != APP_OK ||
	    (er = store_audit_add(c->st, 0, "deadline.remind", r[0].d.subject,
	    arena_printf(c->a, "id=%lld kind=%s offset=%lld", (long long)r[0].d.id,
	    deadline_kind_name(r[0].d.kind), (long long)r[0].offset_s), "", c->now)) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK)
		goto fail;
	*told = true;
	log_info("event=deadline_reminder id=%lld kind=%s subject=\"%s\" offset=%lld",
	    (long long)r[0].d.id, deadline_kind_name(r[0].d.kind), r[0].d.subject,
	    (long long)r[0].offset_s);
	return APP_OK;
fail:
	store_rollback(c->st);
	return er;
}

/* "vendor:<case>/<slug>" into its case and organisation; false if malformed. */
static bool
vendor_subject(const struct svc_ctx *c, const char *subject, const char **case_id,
    const char **slug)
{
	const char	*p, *slash;

	if (strncmp(subject, "vendor:", 7) != 0)
		return false;
	p = subject + 7;
	if ((slash = strrchr(p, '/')) == NULL || slash == p || slash[1] == '\0')
		return false;
	*case_id = arena_strndup(c->a, p, (size_t)(slash - p));
	*slug = slash + 1;
	return true;
}

/* A vendor's answer is late: mark it unresponsive and flag the case (R34). */
static enum app_err
vendor_late(const struct svc_ctx *c, const struct deadline_row *d)
{
	const char	*case_id, *slug;
	struct org	 o;
	enum app_err	 er;

	if (!vendor_subject(c, d->subject, &case_id, &slug))
		return APP_OK;
	if ((er = store_org_by_slug(c->st, c->a, slug, &o)) == APP_NOTFOUND)
		return APP_OK;
	if (er != APP_OK)
		return er;
	er = store_case_vendor_unresponsive(c->st, case_id, o.id, INT64_MAX, c->now);
	if (er == APP_NOTFOUND)		/* it answered, or the coordinator moved it */
		return APP_OK;
	if (er != APP_OK)
		return er;
	log_info("event=vendor_unresponsive case=%s org=\"%s\"", case_id, slug);
	return svc_case_record(c, case_id, "vendor_unresponsive", "notified", "unresponsive",
	    slug, "", "case.vendor_unresponsive",
	    arena_printf(c->a, "org=%s period=%s", slug, d->period));
}

/* One clock past due, in its own transaction. */
static enum app_err
miss(const struct svc_ctx *c, const struct deadline_row *d, bool *marked)
{
	enum app_err	er;

	*marked = false;
	if ((er = store_begin(c->st)) != APP_OK)
		return er;
	if ((er = store_deadline_missed(c->st, d->id, c->now)) == APP_NOTFOUND) {
		store_rollback(c->st);
		return APP_OK;
	}
	if (er != APP_OK)
		goto fail;
	if (d->kind == DL_VENDOR_RESPONSE && (er = vendor_late(c, d)) != APP_OK)
		goto fail;
	if (d->case_id[0] != '\0' && d->kind != DL_VENDOR_RESPONSE)
		er = svc_case_record(c, d->case_id, "deadline", "open", "missed",
		    arena_printf(c->a, "%s %s", deadline_kind_name(d->kind), d->subject),
		    "", "deadline.missed", arena_printf(c->a, "id=%lld kind=%s due=%lld",
		    (long long)d->id, deadline_kind_name(d->kind), (long long)d->due_at));
	else if (d->case_id[0] == '\0')
		er = store_audit_add(c->st, 0, "deadline.missed", d->subject,
		    arena_printf(c->a, "id=%lld kind=%s due=%lld", (long long)d->id,
		    deadline_kind_name(d->kind), (long long)d->due_at), "", c->now);
	if (er != APP_OK || (er = tell(c, d, d->kind == DL_VENDOR_RESPONSE ?
	    "vendor_unresponsive" : "deadline_missed", MSG_NOTICE_DEADLINE_MISSED,
	    MSG_MAIL_DEADLINE_MISSED_SUBJECT)) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK)
		goto fail;
	*marked = true;
	log_info("event=deadline_missed id=%lld kind=%s subject=\"%s\"", (long long)d->id,
	    deadline_kind_name(d->kind), d->subject);
	return APP_OK;
fail:
	store_rollback(c->st);
	return er;
}

enum app_err
svc_deadlines_run(const struct svc_ctx *c, int64_t as_of, size_t *reminded, size_t *missed)
{
	struct reminder_due	*r;
	struct deadline_row	*d;
	size_t			 i, j, n, round;
	bool			 done;
	enum app_err		 er;

	*reminded = *missed = 0;
	/*
	 * Reminders first, so a clock that is both reminded and missed in one
	 * run says so in that order.  Every reminder read is fired now (or was
	 * by another run), so each round starts past the last one.
	 */
	do {
		if ((er = store_reminders_due(c->st, c->a, as_of, RUN_BATCH, &r, &n)) != APP_OK)
			return er;
		for (i = round = 0; i < n; i = j) {
			for (j = i + 1; j < n && r[j].d.id == r[i].d.id; j++)
				;
			/* A clock cut by the batch limit waits for the next round. */
			if (j == n && n == RUN_BATCH && i > 0)
				break;
			if ((er = remind(c, &r[i], j - i, &done)) != APP_OK)
				return er;
			round += done ? 1 : 0;
		}
		*reminded += round;
	} while (n == RUN_BATCH && round > 0);
	do {
		if ((er = store_deadlines_to_miss(c->st, c->a, as_of, RUN_BATCH, &d, &n)) !=
		    APP_OK)
			return er;
		for (i = round = 0; i < n; i++) {
			if ((er = miss(c, &d[i], &done)) != APP_OK)
				return er;
			round += done ? 1 : 0;
		}
		*missed += round;
	} while (n == RUN_BATCH && round > 0);
	return APP_OK;
}

enum app_err
svc_deadlines_backfill(const struct svc_ctx *c, size_t *started)
{
	static const enum deadline_kind kinds[] = { DL_ACK, DL_VENDOR_RESPONSE, DL_SUBMISSION };
	struct clock_missing	*m;
	const char		*subject, *case_id, *report_id;
	size_t			 i, k, n;
	enum app_err		 er;

	*started = 0;
	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		if (kinds[k] == DL_SUBMISSION && !svc_submissions_on(c))
			continue;
		/* Each round gives every row read a clock, so the next read starts past them. */
		do {
			if ((er = store_clocks_missing(c->st, c->a, kinds[k], RUN_BATCH, &m, &n)) !=
			    APP_OK)
				return er;
			if (n == 0)
				break;
			if ((er = store_begin(c->st)) != APP_OK)
				return er;
			for (i = 0; i < n; i++) {
				case_id = report_id = NULL;
				if (kinds[k] == DL_ACK) {
					subject = arena_printf(c->a, "report:%s", m[i].id);
					report_id = m[i].id;
				} else if (kinds[k] == DL_VENDOR_RESPONSE) {
					subject = arena_printf(c->a, "vendor:%s/%s", m[i].id,
					    m[i].org);
					case_id = m[i].id;
				} else {
					subject = arena_printf(c->a, "case:%s", m[i].id);
					case_id = m[i].id;
				}
				if ((er = svc_clock_start(c, kinds[k], subject, case_id, report_id,
				    m[i].basis)) != APP_OK) {
					store_rollback(c->st);
					return er;
				}
			}
			if ((er = store_commit(c->st)) != APP_OK) {
				store_rollback(c->st);
				return er;
			}
			*started += n;
		} while (n == RUN_BATCH);
	}
	return APP_OK;
}
