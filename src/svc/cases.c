#include <string.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/str.h"
#include "core/utf8.h"
#include "domain/authz.h"
#include "svc/cases.h"
#include "svc/policy.h"
#include "svc/deadlines.h"
#include "svc/submissions.h"
#include "svc/notices.h"
#include "svc/units.h"

#define TIMELINE_MAX	1000	/* events a timeline read returns */

static bool
blank(const char *s)
{
	return s == NULL || str_trim(str_from(s)).n == 0;
}

bool
svc_is_staff(const struct svc_ctx *c)
{
	return c->system || (c->actor != NULL && authz_allows(c->actor->role, PERM_CASES_MANAGE));
}

enum app_err
svc_staff(const struct svc_ctx *c, struct fault *f)
{
	if (svc_is_staff(c))
		return APP_OK;
	fault_set(f, APP_FORBIDDEN, NULL, MSG_ERR_CASES_DENIED, 0);
	f->rule = "rbac.role";
	return APP_FORBIDDEN;
}

enum app_err
svc_staff_accounts(const struct svc_ctx *c, struct user **out, size_t *n, struct fault *f)
{
	enum { PAGE_ROWS = 200 };
	struct user	*page;
	size_t		 np, i, cap = 0, seen;
	int64_t		 after = 0;
	enum app_err	 er;

	*out = NULL;
	*n = 0;
	if ((er = svc_staff(c, f)) != APP_OK)
		return er;
	for (seen = 0; seen < SVC_STAFF_ACCOUNTS_MAX; seen += np) {
		if ((er = store_user_list(c->st, c->a, after, PAGE_ROWS, &page, &np)) != APP_OK)
			return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
		for (i = 0; i < np; i++) {
			if (page[i].disabled || !authz_allows(page[i].role, PERM_CASES_MANAGE))
				continue;
			if (*n == cap) {
				struct user	*grown;

				cap = cap ? 2 * cap : 16;
				grown = arena_calloc(c->a, cap, sizeof(*grown));
				if (*n > 0)
					memcpy(grown, *out, *n * sizeof(*grown));
				*out = grown;
			}
			(*out)[(*n)++] = page[i];
		}
		if (np < PAGE_ROWS)
			break;
		after = page[np - 1].id;
	}
	return APP_OK;
}

static enum app_err
allowed(const struct svc_ctx *c, struct fault *f)
{
	if (c->actor == NULL || !authz_allows(c->actor->role, PERM_CASES_MANAGE)) {
		fault_set(f, APP_FORBIDDEN, NULL, MSG_ERR_CASES_DENIED, 0);
		f->rule = "rbac.role";
		return APP_FORBIDDEN;
	}
	return APP_OK;
}

/* A text field: bounded UTF-8. */
static enum app_err
check_text(const char *s, const char *field, struct fault *f)
{
	if (s == NULL)
		return APP_OK;
	if (strlen(s) > TRIAGE_TEXT_MAX)
		return fault_set(f, APP_INVALID, field, MSG_ERR_FIELD_TOO_LONG, 0);
	if (!utf8_valid(s, strlen(s)))
		return fault_set(f, APP_INVALID, field, MSG_ERR_FIELD_ENCODING, 0);
	return APP_OK;
}

/* Write an event on a case's timeline (actor: none for the system). */
static enum app_err
event(const struct svc_ctx *c, const char *case_id, const char *what, const char *from,
    const char *to, const char *detail, const char *reason)
{
	struct case_event	e = { 0, c->now, c->actor != NULL ? c->actor->id : 0, NULL,
				    what, from, to, detail, reason };

	return store_case_event_add(c->st, case_id, &e);
}

enum app_err
svc_case_record(const struct svc_ctx *c, const char *case_id, const char *what,
    const char *from, const char *to, const char *detail, const char *reason,
    const char *action, const char *audit_detail)
{
	enum app_err	er;

	if ((er = event(c, case_id, what, from, to, detail, reason)) != APP_OK)
		return er;
	return store_audit_add(c->st, c->actor != NULL ? c->actor->id : 0, action,
	    arena_printf(c->a, "case:%s", case_id), audit_detail,
	    c->addr != NULL ? c->addr : "", c->now);
}

/* A new case for report r (inside the transaction). */
static enum app_err
case_create(const struct svc_ctx *c, const struct report *r, const char **id)
{
	struct case_row	 k;
	char		 buf[64];
	int64_t		 seq = 0;
	int		 year = report_id_year(c->now);
	enum app_err	 er;

	if ((er = store_case_next_seq(c->st, year, &seq)) != APP_OK)
		return er;
	case_id_format(buf, sizeof(buf), c->cfg->id_prefix, year, seq);
	memset(&k, 0, sizeof(k));
	k.id = *id = arena_strdup(c->a, buf);
	k.kind = r->kind == RKIND_INCIDENT ? CKIND_INCIDENT : CKIND_GENERIC;
	k.state = CSTATE_VERIFIED;
	k.title = r->title;
	k.created_at = c->now;
	k.created_by = c->actor->id;
	/* Known since the first report arrived (R5); staff may record earlier. */
	k.known_at = r->received_at;
	if ((er = store_case_insert(c->st, &k, year, seq)) != APP_OK ||
	    (er = event(c, k.id, "created", "", case_state_name(k.state), r->id, "")) != APP_OK)
		return er;
	/* The 2-day 报送 (Art. 7(2)) counts from when the vulnerability was known. */
	if (k.kind == CKIND_GENERIC && svc_submissions_on(c))
		return svc_clock_start(c, DL_SUBMISSION, arena_printf(c->a, "case:%s", k.id),
		    k.id, NULL, k.known_at);
	return APP_OK;
}

/* Checks that need no transaction: the decision and its fields. */
static enum app_err
triage_check(const struct svc_ctx *c, const struct report *r, const struct triage_in *in,
    enum triage_decision *d, struct fault *f)
{
	struct report	 o;
	struct sealed	 sd;
	int		 v;
	enum app_err	 er;

	if (r->status == RSTATUS_ACCEPTED || r->status == RSTATUS_DUPLICATE ||
	    r->status == RSTATUS_REJECTED) {
		fault_set(f, APP_CONFLICT, "decision", MSG_ERR_TRIAGE_DONE, 0);
		f->sarg = report_status_name(r->status);
		f->rule = "R34";
		return APP_CONFLICT;
	}
	if ((v = triage_decision_parse(in->decision)) < 0)
		return fault_set(f, APP_INVALID, "decision", MSG_ERR_TRIAGE_DECISION, 0);
	*d = (enum triage_decision)v;
	if ((er = check_text(in->reason, "reason", f)) != APP_OK ||
	    (er = check_text(in->note, "note", f)) != APP_OK)
		return er;
	switch (*d) {
	case TRIAGE_REJECT:
		if (reject_reason_parse(in->reason) < 0)
			return fault_set(f, APP_INVALID, "reason", MSG_ERR_TRIAGE_REJECT_REASON, 0);
		break;
	case TRIAGE_NEEDS_INFO:
		if (blank(in->reason))
			return fault_set(f, APP_INVALID, "reason", MSG_ERR_TRIAGE_QUESTION, 0);
		break;
	case TRIAGE_DUPLICATE:
		if (blank(in->duplicate_of) || strcmp(in->duplicate_of, r->id) == 0)
			return fault_set(f, APP_INVALID, "duplicate_of",
			    MSG_ERR_TRIAGE_DUPLICATE_OF, 0);
		er = store_report_get(c->st, c->a, in->duplicate_of, &o, &sd);
		if (er == APP_NOTFOUND)
			return fault_set(f, APP_INVALID, "duplicate_of",
			    MSG_ERR_TRIAGE_DUPLICATE_OF, 0);
		if (er != APP_OK)
			return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
		break;
	default:
		break;
	}
	return APP_OK;
}

/* Accept: into the named case (same kind, not closed) or a new one. */
static enum app_err
triage_accept(const struct svc_ctx *c, const struct report *r, const struct triage_in *in,
    struct triage_result *out, struct fault *f)
{
	struct case_row	k;
	enum app_err	er;

	if (blank(in->case_id)) {
		if ((er = case_create(c, r, &out->case_id)) != APP_OK)
			return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
		out->case_created = true;
	} else {
		if ((er = store_case_get(c->st, c->a, in->case_id, &k)) == APP_NOTFOUND)
			return fault_set(f, APP_INVALID, "case", MSG_ERR_NO_SUCH_CASE, 0);
		if (er != APP_OK)
			return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
		if ((k.kind == CKIND_INCIDENT) != (r->kind == RKIND_INCIDENT)) {
			fault_set(f, APP_CONFLICT, "case", MSG_ERR_TRIAGE_CASE_KIND, 0);
			f->rule = "R9";
			return APP_CONFLICT;
		}
		out->case_id = k.id;
	}
	if ((er = store_case_add_report(c->st, out->case_id, r->id, c->now)) != APP_OK ||
	    (er = event(c, out->case_id, "report_added", "", "", r->id,
	    in->reason != NULL ? in->reason : "")) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	/* The reporter takes part (R35); whoever opened the case coordinates it. */
	if ((r->reporter_id != 0 && (er = store_case_participant_add(c->st, out->case_id,
	    r->reporter_id, PROLE_REPORTER, PARTY_REPORTER, c->actor->id, c->now,
	    true)) != APP_OK) ||
	    (out->case_created && (er = store_case_participant_add(c->st, out->case_id,
	    c->actor->id, PROLE_COORDINATOR, PARTY_USER, c->actor->id, c->now,
	    true)) != APP_OK))
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	return APP_OK;
}

/*
 * A decision acknowledges the report (its clock is met); a question to the
 * reporter pauses the clock until they answer (svc/messages.c resumes it).
 */
static enum app_err
triage_clock(const struct svc_ctx *c, const struct report *r, enum triage_decision d)
{
	const char	*subject = arena_printf(c->a, "report:%s", r->id);

	if (d == TRIAGE_NEEDS_INFO)
		return svc_clock_pause(c, DL_ACK, subject);
	return svc_clock_met(c, DL_ACK, subject);
}

/*
 * Tell the reporter (ISO/IEC 29147 §6.5) through the outbox, inside the
 * decision's transaction: the outcome and a link, never the details or the
 * question itself (those stay behind the login).
 */
static enum app_err
tell_reporter(const struct svc_ctx *c, const struct report *r, enum triage_decision d)
{
	static const char *const zh[TRIAGE__MAX] = {
		"已确认并进入处置流程", "未被采纳", "与已有报告重复", "需要您补充信息",
	};
	static const char *const en[TRIAGE__MAX] = {
		"was accepted and is being handled", "was not accepted",
		"duplicates an earlier report", "needs more information from you",
	};
	struct user	u;
	enum app_err	er;

	if (r->reporter_id == 0)
		return APP_OK;
	if ((er = store_user_by_id(c->st, c->a, r->reporter_id, &u)) == APP_NOTFOUND)
		return APP_OK;
	if (er != APP_OK)
		return er;
	if (u.email == NULL || u.email[0] == '\0')
		return APP_OK;
	return store_outbox_add(c->st, u.email,
	    arena_printf(c->a, "[%s] 报告处理进展 / Update on your report", r->id),
	    arena_printf(c->a,
	    "您的漏洞报告 %s %s。\n"
	    "Your vulnerability report %s %s.\n\n"
	    "详情请登录查看 / Details (login required): %s/reports/%s\n\n"
	    SVC_MAIL_NO_DETAILS,
	    r->id, zh[d], r->id, en[d], c->cfg->base_url, r->id), c->now);
}

enum app_err
svc_report_triage(const struct svc_ctx *c, const char *report_id,
    const struct triage_in *in, struct triage_result *out, struct fault *f)
{
	static const enum report_status to[TRIAGE__MAX] = {
		RSTATUS_ACCEPTED, RSTATUS_REJECTED, RSTATUS_DUPLICATE, RSTATUS_NEEDS_INFO,
	};
	struct report		 r;
	struct sealed		 sd;
	enum triage_decision	 d;
	const char		*detail;
	enum app_err		 er;

	memset(out, 0, sizeof(*out));
	if ((er = allowed(c, f)) != APP_OK)
		return er;
	/* Read and decide under the write lock: a report is triaged once. */
	if ((er = store_begin(c->st)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	if ((er = store_report_get(c->st, c->a, report_id, &r, &sd)) != APP_OK) {
		fault_set(f, er, er == APP_NOTFOUND ? "id" : NULL, er == APP_NOTFOUND ?
		    MSG_ERR_NO_SUCH_REPORT : MSG_ERR_STORE, 0);
		goto fail;
	}
	if (triage_check(c, &r, in, &d, f) != APP_OK)
		goto fail;
	out->decision = d;
	out->status = to[d];
	if (d == TRIAGE_ACCEPT && (er = triage_accept(c, &r, in, out, f)) != APP_OK)
		goto fail;
	detail = arena_printf(c->a, "decision=%s%s%s%s%s", triage_decision_name(d),
	    d == TRIAGE_REJECT ? " reason=" : "", d == TRIAGE_REJECT ? in->reason : "",
	    out->case_id != NULL ? " case=" : "", out->case_id != NULL ? out->case_id : "");
	if ((er = store_report_set_status(c->st, r.id, to[d])) != APP_OK ||
	    (er = store_triage_add(c->st, r.id, c->now, c->actor->id, d,
	    d == TRIAGE_REJECT ? in->reason : "",
	    d == TRIAGE_DUPLICATE ? in->duplicate_of : NULL, out->case_id,
	    d == TRIAGE_REJECT ? (in->note != NULL ? in->note : "") :
	    (in->reason != NULL ? in->reason : ""))) != APP_OK ||
	    (er = tell_reporter(c, &r, d)) != APP_OK ||
	    (er = triage_clock(c, &r, d)) != APP_OK ||
	    /* A support unit's member's report accepted counts for the unit (R40). */
	    (d == TRIAGE_ACCEPT && (er = svc_units_credit_user(c, r.reporter_id,
	    arena_printf(c->a, "report:%s", r.id))) != APP_OK) ||
	    (er = store_audit_add(c->st, c->actor->id, "report.triage",
	    arena_printf(c->a, "report:%s", r.id), detail, c->addr, c->now)) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK) {
		fault_set(f, er, NULL, MSG_ERR_STORE, 0);
		goto fail;
	}
	return APP_OK;
fail:
	store_rollback(c->st);
	return f->er;
}

enum app_err
svc_report_acknowledge(const struct svc_ctx *c, const char *report_id, struct fault *f)
{
	struct report	r;
	struct sealed	sd;
	enum app_err	er;

	if ((er = allowed(c, f)) != APP_OK)
		return er;
	if ((er = store_begin(c->st)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	if ((er = store_report_get(c->st, c->a, report_id, &r, &sd)) != APP_OK) {
		fault_set(f, er, er == APP_NOTFOUND ? "id" : NULL, er == APP_NOTFOUND ?
		    MSG_ERR_NO_SUCH_REPORT : MSG_ERR_STORE, 0);
		goto fail;
	}
	if (r.status != RSTATUS_RECEIVED) {
		fault_set(f, APP_CONFLICT, NULL, MSG_ERR_TRIAGE_DONE, 0);
		f->sarg = report_status_name(r.status);
		goto fail;
	}
	if ((er = store_report_set_status(c->st, r.id, RSTATUS_ACKNOWLEDGED)) != APP_OK ||
	    (er = svc_clock_met(c, DL_ACK, arena_printf(c->a, "report:%s", r.id))) != APP_OK ||
	    (er = store_audit_add(c->st, c->actor->id, "report.acknowledge",
	    arena_printf(c->a, "report:%s", r.id), "", c->addr, c->now)) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK) {
		fault_set(f, er, NULL, MSG_ERR_STORE, 0);
		goto fail;
	}
	return APP_OK;
fail:
	store_rollback(c->st);
	return f->er;
}

/* The actor's organisation when they are a vendor member, else 0. */
static int64_t
vendor_org(const struct svc_ctx *c)
{
	return c->actor != NULL && c->actor->role == UROLE_VENDOR ? c->actor->org_id : 0;
}

/*
 * What a vendor member may see of the vendors: their own row whole; of the
 * others, the status and an approved statement only.
 */
static void
vendors_for(struct case_vendor *v, size_t n, int64_t org)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (v[i].org_id == org)
			continue;
		v[i].justification = v[i].statement_approved ? v[i].justification : "";
		v[i].fixed_version = v[i].statement_approved ? v[i].fixed_version : "";
		if (!v[i].statement_approved)
			v[i].statement = "";
		v[i].notified_at = v[i].first_seen_at = 0;
	}
}

/* Whether the actor handles cases (triager, coordinator, admin). */
static bool
staff(const struct svc_ctx *c)
{
	return c->actor != NULL && authz_allows(c->actor->role, PERM_CASES_MANAGE);
}

/*
 * Is the actor an observer of case id?  APP_OK, APP_NOTFOUND (not one: the
 * case is not found for them), or a store error.
 */
static enum app_err
observer_of(const struct svc_ctx *c, const char *id)
{
	struct case_participant	p;
	enum app_err		er;

	if (c->actor == NULL || c->actor->role != UROLE_REGULATOR)
		return APP_NOTFOUND;
	er = store_case_participant_get(c->st, c->a, id, c->actor->id, &p);
	if (er == APP_OK && p.role != PROLE_OBSERVER)
		return APP_NOTFOUND;
	return er;
}

/*
 * A vendor's first look at a case, recorded once (the vendor's "seen",
 * VINCE-style): first_seen_at, the timeline event and the audit entry.
 * Whether it came through the notice (svc_notice_seen) or the case itself.
 */
static enum app_err
first_look(const struct svc_ctx *c, const char *case_id, const struct case_vendor *v)
{
	struct case_vendor	now;
	enum app_err		er;

	if ((er = store_begin(c->st)) != APP_OK)
		return er;
	/* Read again under the write lock: two members may look at once. */
	if ((er = store_case_vendor_get(c->st, c->a, case_id, v->org_id, &now)) == APP_OK &&
	    now.first_seen_at == 0 &&
	    ((er = store_case_vendor_seen(c->st, case_id, v->org_id, c->now)) != APP_OK ||
	    (er = svc_case_record(c, case_id, "vendor_seen", "", "", v->org_slug, "",
	    "case.vendor_seen", arena_printf(c->a, "org=%s via=case", v->org_slug))) !=
	    APP_OK))
		goto fail;
	if (er != APP_OK || (er = store_commit(c->st)) != APP_OK)
		goto fail;
	return APP_OK;
fail:
	store_rollback(c->st);
	return er;
}

/*
 * Art. 9(7): a vendor member or an observer reads undisclosed content only
 * from within the domestic jurisdictions, or as the product's provider.
 * The staff are the platform's own.  Every decision is logged.
 */
static enum app_err
read_gate(const struct svc_ctx *c, const char *case_id, struct fault *f)
{
	struct policy_subject	s;
	struct policy_recipient	r;
	struct policy_decision	d;

	if (svc_policy_case(c, case_id, &s) != APP_OK)
		return fault_set(f, APP_STORE, NULL, MSG_ERR_STORE, 0);
	svc_policy_person(c, c->actor, &r);
	return svc_policy_gate(c, PACT_READ, &s, &r, &d, f);
}

/*
 * The case as the actor may see it (see svc_case_get); audit: write the
 * read to the audit log (Art. 11: every read of undisclosed content).
 */
static enum app_err
case_get(const struct svc_ctx *c, const char *id, bool audit, struct case_row *out,
    const char ***reports, size_t *nreports, struct case_vendor **vendors,
    size_t *nvendors, struct fault *f)
{
	struct case_vendor	 mine;
	int64_t			 org = vendor_org(c);
	bool			 observer = false;
	enum app_err		 er;

	*reports = NULL;
	*nreports = 0;
	if (org == 0 && !staff(c)) {
		if (c->actor == NULL || c->actor->role != UROLE_REGULATOR)
			return allowed(c, f);
		if ((er = observer_of(c, id)) == APP_NOTFOUND)
			return fault_set(f, er, "id", MSG_ERR_NO_SUCH_CASE, 0);
		if (er != APP_OK)
			return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
		observer = true;
		if ((er = read_gate(c, id, f)) != APP_OK)
			return er;
	}
	if ((er = store_case_get(c->st, c->a, id, out)) == APP_NOTFOUND)
		return fault_set(f, er, "id", MSG_ERR_NO_SUCH_CASE, 0);
	if (er != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	if (org != 0) {
		/* Need-to-know (Art. 11): only cases shared with the vendor, as not found. */
		er = store_case_vendor_get(c->st, c->a, out->id, org, &mine);
		if (er == APP_NOTFOUND)
			return fault_set(f, er, "id", MSG_ERR_NO_SUCH_CASE, 0);
		if (er == APP_OK && (er = read_gate(c, out->id, f)) != APP_OK)
			return er;
		if (er != APP_OK ||
		    (mine.first_seen_at == 0 && (er = first_look(c, out->id, &mine)) != APP_OK))
			return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	} else if (!observer &&
	    (er = store_case_reports(c->st, c->a, id, reports, nreports)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	/* An observer and a vendor read the case; the reports stay with the staff. */
	if ((er = store_case_vendors(c->st, c->a, out->id, vendors, nvendors)) != APP_OK ||
	    (audit && (er = store_audit_add(c->st, c->actor->id, "case.read",
	    arena_printf(c->a, "case:%s", out->id), observer ? "as=observer" : org != 0 ?
	    "as=vendor" : "as=staff", c->addr, c->now)) != APP_OK))
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	if (org != 0 || observer)
		vendors_for(*vendors, *nvendors, org);
	return APP_OK;
}

enum app_err
svc_case_get(const struct svc_ctx *c, const char *id, struct case_row *out,
    const char ***reports, size_t *nreports, struct case_vendor **vendors,
    size_t *nvendors, struct fault *f)
{
	return case_get(c, id, true, out, reports, nreports, vendors, nvendors, f);
}

enum app_err
svc_case_list(const struct svc_ctx *c, const char *state, int64_t cursor, int limit,
    struct case_row **out, size_t *n, struct fault *f)
{
	int64_t		org = vendor_org(c);
	enum app_err	er;

	if (org == 0 && (c->actor == NULL || c->actor->role != UROLE_REGULATOR) &&
	    (er = allowed(c, f)) != APP_OK)
		return er;
	if (state != NULL && case_state_parse(state) < 0)
		return fault_set(f, APP_INVALID, "state", MSG_ERR_FIELD_CHOICE, 0);
	if (org != 0)
		er = store_case_list_for_org(c->st, c->a, org, state, cursor, limit, out, n);
	else if (c->actor != NULL && c->actor->role == UROLE_REGULATOR)
		er = store_case_list_for_observer(c->st, c->a, c->actor->id, state, cursor,
		    limit, out, n);
	else
		er = store_case_list(c->st, c->a, state, cursor, limit, out, n);
	if (er != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	return APP_OK;
}

/* The case and the organisation named by slug; inside or outside a transaction. */
static enum app_err
case_and_org(const struct svc_ctx *c, const char *case_id, const char *slug,
    struct case_row *k, struct org *o, struct fault *f)
{
	enum app_err	er;

	if ((er = store_case_get(c->st, c->a, case_id, k)) == APP_NOTFOUND)
		return fault_set(f, er, "id", MSG_ERR_NO_SUCH_CASE, 0);
	if (er != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	if ((er = store_org_by_slug(c->st, c->a, slug != NULL ? slug : "", o)) ==
	    APP_NOTFOUND)
		return fault_set(f, APP_NOTFOUND, "org", MSG_ERR_NO_SUCH_ORG_IN_CASE, 0);
	if (er != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	return APP_OK;
}

enum app_err
svc_case_vendor_add(const struct svc_ctx *c, const char *case_id, const char *org_slug,
    const char *role, const char *party, struct fault *f)
{
	struct case_row	 k;
	struct org	 o;
	struct policy_subject	ps;
	struct policy_recipient	pr;
	struct policy_decision	d;
	enum party_type	 pt;
	int		 vr = VROLE_VENDOR, p = -1;
	enum app_err	 er;

	if ((er = allowed(c, f)) != APP_OK)
		return er;
	if (!blank(role) && (vr = vendor_role_parse(role)) < 0)
		return fault_set(f, APP_INVALID, "role", MSG_ERR_VENDOR_ROLE, 0);
	if (!blank(party) && (p = party_type_parse(party)) < 0)
		return fault_set(f, APP_INVALID, "party_type", MSG_ERR_PARTY_TYPE, 0);
	if ((er = store_begin(c->st)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	if (case_and_org(c, case_id, org_slug, &k, &o, f) != APP_OK)
		goto fail;
	/* Products come from providers; an incident's system from its operator (Art. 8). */
	if (o.kind != ORG_PROVIDER && !(k.kind == CKIND_INCIDENT && o.kind == ORG_OPERATOR)) {
		fault_set(f, APP_INVALID, "org", MSG_ERR_NOT_A_PROVIDER, 0);
		goto fail;
	}
	/* An incident has its operator only: no supply chain to notify (Art. 8). */
	if (k.kind == CKIND_INCIDENT && vr != VROLE_VENDOR) {
		fault_set(f, APP_CONFLICT, "role", MSG_ERR_VENDOR_ROLE_INCIDENT, 0);
		f->rule = "R9";
		goto fail;
	}
	/* Art. 9(7): undisclosed content goes abroad only to the product's own provider. */
	if (svc_policy_case(c, k.id, &ps) != APP_OK) {
		fault_set(f, APP_STORE, NULL, MSG_ERR_STORE, 0);
		goto fail;
	}
	svc_policy_org(c, &o, &pr);
	if (!(d = policy_check(PACT_INVITE, &ps, &pr, c->now)).allow) {
		store_rollback(c->st);
		svc_policy_log(c, PACT_INVITE, &ps, &pr, &d);
		return svc_policy_fault(&d, f);
	}
	pt = p >= 0 ? (enum party_type)p : party_type_of_org_kind((int)o.kind);
	er = store_case_vendor_add(c->st, k.id, o.id, (enum vendor_role)vr, pt, c->now);
	if (er == APP_CONFLICT) {
		fault_set(f, APP_CONFLICT, "org", MSG_ERR_VENDOR_ALREADY, 0);
		goto fail;
	}
	if (er != APP_OK ||
	    (er = svc_case_record(c, k.id, "vendor_added", "", vendor_role_name((enum vendor_role)vr),
	    o.slug, "", "case.vendor_add", arena_printf(c->a, "org=%s role=%s party=%s",
	    o.slug, vendor_role_name((enum vendor_role)vr), party_type_name(pt)))) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK) {
		fault_set(f, er, NULL, MSG_ERR_STORE, 0);
		goto fail;
	}
	svc_policy_log(c, PACT_INVITE, &ps, &pr, &d);
	return APP_OK;
fail:
	store_rollback(c->st);
	return f->er;
}

/*
 * What a vendor is told, by mail and in-app: the case and the vendor's part
 * in it, no details (Art. 11).  An upstream supplier learns that the flaw
 * is in a component it supplies (Art. 7(1), R4).
 */
static const char *
notice_text(const struct svc_ctx *c, const struct case_row *k, enum vendor_role role)
{
	switch (role) {
	case VROLE_UPSTREAM:
		return arena_printf(c->a,
		    "%s 的漏洞案件 %s 涉及贵方提供的组件，请核实并告知修复计划（《网络产品安全漏洞管理规定》第七条第一项）。\n"
		    "%s's vulnerability case %s concerns a component you supply; please verify "
		    "it and tell us your fix plan (Art. 7(1)).", c->cfg->name, k->id,
		    c->cfg->name, k->id);
	case VROLE_DOWNSTREAM:
		return arena_printf(c->a,
		    "%s 的漏洞案件 %s 涉及贵方产品所包含的上游组件，请评估影响。\n"
		    "%s's vulnerability case %s concerns an upstream component your products "
		    "include; please assess the impact.", c->cfg->name, k->id, c->cfg->name,
		    k->id);
	default:
		return arena_printf(c->a,
		    "%s 有一个涉及贵方产品的漏洞案件需要处理：%s\n"
		    "%s has a vulnerability case about your products: %s", c->cfg->name, k->id,
		    c->cfg->name, k->id);
	}
}

enum app_err
svc_case_vendor_notify(const struct svc_ctx *c, const char *case_id, const char *org_slug,
    size_t *nmails, struct fault *f)
{
	struct case_row	  k;
	struct case_vendor v;
	struct org	  o;
	const char	**to, *what;
	size_t		  i, nnotices = 0;
	enum app_err	  er;

	*nmails = 0;
	if ((er = allowed(c, f)) != APP_OK)
		return er;
	if ((er = store_begin(c->st)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	if (case_and_org(c, case_id, org_slug, &k, &o, f) != APP_OK)
		goto fail;
	if ((er = store_case_vendor_get(c->st, c->a, k.id, o.id, &v)) != APP_OK) {
		fault_set(f, er, er == APP_NOTFOUND ? "org" : NULL, er == APP_NOTFOUND ?
		    MSG_ERR_NO_SUCH_ORG_IN_CASE : MSG_ERR_STORE, 0);
		goto fail;
	}
	if ((er = store_org_member_emails(c->st, c->a, o.id, &to, nmails)) != APP_OK)
		goto store_fail;
	what = notice_text(c, &k, v.role);
	/* The case id and a link: details only behind the login (Art. 11). */
	for (i = 0; i < *nmails; i++)
		if ((er = store_outbox_add(c->st, to[i],
		    arena_printf(c->a, "[%s] %s", k.id, v.role == VROLE_UPSTREAM ?
		    "上游组件漏洞通知 / Vulnerability in a component you supply" :
		    "漏洞协调通知 / Vulnerability coordination"),
		    arena_printf(c->a, "%s\n\n请登录查看 / Please log in: %s/cases/%s\n\n"
		    SVC_MAIL_NO_DETAILS, what, c->cfg->base_url, k.id), c->now)) != APP_OK)
			goto store_fail;
	/* And inside Loudong, where reading it is recorded (first_seen_at). */
	if ((er = svc_notice_org(c, o.id, "vendor_notified",
	    arena_printf(c->a, "case:%s", k.id), what, &nnotices)) != APP_OK)
		goto store_fail;
	/*
	 * The vendor's answer is timed from its first notice (one clock per
	 * vendor and case), and the publication reminder from the case's first.
	 */
	if ((er = svc_clock_start(c, DL_VENDOR_RESPONSE, arena_printf(c->a, "vendor:%s/%s",
	    k.id, o.slug), k.id, NULL, c->now)) != APP_OK ||
	    (k.kind == CKIND_GENERIC && (er = svc_clock_start(c, DL_PUBLICATION,
	    arena_printf(c->a, "case:%s", k.id), k.id, NULL, c->now)) != APP_OK))
		goto store_fail;
	if ((er = store_case_vendor_notified(c->st, k.id, o.id, c->now)) != APP_OK ||
	    (er = svc_case_record(c, k.id, "vendor_notified", vendor_status_name(v.status),
	    v.status == VSTATUS_NOT_CONTACTED || v.status == VSTATUS_UNRESPONSIVE ?
	    "notified" : vendor_status_name(v.status), o.slug,
	    arena_printf(c->a, "%zu mail(s), %zu notice(s)", *nmails, nnotices),
	    "case.vendor_notify", arena_printf(c->a, "org=%s role=%s mails=%zu notices=%zu",
	    o.slug, vendor_role_name(v.role), *nmails, nnotices))) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK)
		goto store_fail;
	return APP_OK;
store_fail:
	fault_set(f, er, NULL, MSG_ERR_STORE, 0);
fail:
	store_rollback(c->st);
	return f->er;
}

enum app_err
svc_case_vendor_update(const struct svc_ctx *c, const char *case_id, const char *org_slug,
    const struct vendor_in *in, struct fault *f)
{
	struct case_row	   k;
	struct case_vendor v;
	struct org	   o;
	const char	  *field;
	bool		   coord = c->actor != NULL &&
			    authz_allows(c->actor->role, PERM_CASES_MANAGE);
	int		   s, j = -1;
	enum msg_id	   m;
	enum app_err	   er;

	if (c->actor == NULL || (!coord && vendor_org(c) == 0))
		return allowed(c, f);
	if ((s = vendor_status_parse(in->status)) < 0)
		return fault_set(f, APP_INVALID, "status", MSG_ERR_VENDOR_STATUS, 0);
	if (in->justification != NULL && in->justification[0] != '\0' &&
	    (j = vex_justification_parse(in->justification)) < 0)
		return fault_set(f, APP_INVALID, "justification", MSG_ERR_VEX_JUSTIFICATION, 0);
	if ((m = vendor_status_check((enum vendor_status)s, coord, j, &field)) != MSG_OK)
		return fault_set(f, APP_INVALID, field, m, 0);
	if ((er = check_text(in->fixed_version, "fixed_version", f)) != APP_OK)
		return er;
	if (in->statement != NULL && strlen(in->statement) > VENDOR_TEXT_MAX)
		return fault_set(f, APP_INVALID, "statement", MSG_ERR_FIELD_TOO_LONG, 0);
	if (in->statement != NULL && !utf8_valid(in->statement, strlen(in->statement)))
		return fault_set(f, APP_INVALID, "statement", MSG_ERR_FIELD_ENCODING, 0);
	if ((er = store_begin(c->st)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	if (case_and_org(c, case_id, org_slug, &k, &o, f) != APP_OK)
		goto fail;
	/* A member speaks for their own organisation only; others' cases are not found. */
	if (!coord && o.id != vendor_org(c)) {
		fault_set(f, APP_NOTFOUND, "id", MSG_ERR_NO_SUCH_CASE, 0);
		goto fail;
	}
	if ((er = store_case_vendor_get(c->st, c->a, k.id, o.id, &v)) != APP_OK) {
		fault_set(f, er, er == APP_NOTFOUND ? (coord ? "org" : "id") : NULL,
		    er != APP_NOTFOUND ? MSG_ERR_STORE : coord ? MSG_ERR_NO_SUCH_ORG_IN_CASE :
		    MSG_ERR_NO_SUCH_CASE, 0);
		goto fail;
	}
	/* Any answer of the vendor's own meets the clock of its answer. */
	if (s != VSTATUS_NOT_CONTACTED && s != VSTATUS_NOTIFIED && s != VSTATUS_UNRESPONSIVE &&
	    (er = svc_clock_met(c, DL_VENDOR_RESPONSE, arena_printf(c->a, "vendor:%s/%s",
	    k.id, o.slug))) != APP_OK) {
		fault_set(f, er, NULL, MSG_ERR_STORE, 0);
		goto fail;
	}
	if ((er = store_case_vendor_update(c->st, k.id, o.id, (enum vendor_status)s,
	    j >= 0 ? vex_justification_name((enum vex_justification)j) : "",
	    in->fixed_version, in->statement != NULL ? in->statement : v.statement,
	    c->now)) != APP_OK ||
	    (er = svc_case_record(c, k.id, "vendor_status", vendor_status_name(v.status),
	    vendor_status_name((enum vendor_status)s), o.slug,
	    j >= 0 ? vex_justification_name((enum vex_justification)j) : "",
	    "case.vendor_status", arena_printf(c->a, "org=%s %s -> %s", o.slug,
	    vendor_status_name(v.status), vendor_status_name((enum vendor_status)s)))) !=
	    APP_OK ||
	    (er = store_commit(c->st)) != APP_OK) {
		fault_set(f, er, NULL, MSG_ERR_STORE, 0);
		goto fail;
	}
	return APP_OK;
fail:
	store_rollback(c->st);
	return f->er;
}

enum app_err
svc_case_vendor_approve(const struct svc_ctx *c, const char *case_id, const char *org_slug,
    struct fault *f)
{
	struct case_row	 k;
	struct org	 o;
	enum app_err	 er;

	if ((er = allowed(c, f)) != APP_OK)
		return er;
	if ((er = store_begin(c->st)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	if (case_and_org(c, case_id, org_slug, &k, &o, f) != APP_OK)
		goto fail;
	if ((er = store_case_vendor_approve(c->st, k.id, o.id, c->now)) == APP_NOTFOUND) {
		fault_set(f, APP_NOTFOUND, "org", MSG_ERR_NO_SUCH_ORG_IN_CASE, 0);
		goto fail;
	}
	if (er != APP_OK ||
	    (er = svc_case_record(c, k.id, "statement_approved", "", "", o.slug, "",
	    "case.statement_approve", arena_printf(c->a, "org=%s", o.slug))) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK) {
		fault_set(f, er, NULL, MSG_ERR_STORE, 0);
		goto fail;
	}
	return APP_OK;
fail:
	store_rollback(c->st);
	return f->er;
}

/* "graded, closed" for a refused move's message. */
static const char *
next_names(const struct svc_ctx *c, enum case_kind k, enum case_state from)
{
	enum case_state	 next[CSTATE__MAX];
	const char	*s = "";
	size_t		 n, i;

	n = case_next_states(k, from, next);
	for (i = 0; i < n; i++)
		s = arena_printf(c->a, "%s%s%s", s, i ? ", " : "", case_state_name(next[i]));
	return n > 0 ? s : "-";
}

/*
 * What a move means for the case's clocks, inside its transaction: a case
 * closes only once its 报送 is accepted or waived (R5: f says why not);
 * publishing meets the publication reminder; closing meets it too and
 * waives whatever else still runs (nobody waits on a closed case).
 */
static enum app_err
transition_clocks(const struct svc_ctx *c, const struct case_row *k, enum case_state to,
    struct fault *f)
{
	const char	*subject = arena_printf(c->a, "case:%s", k->id);
	bool		 ok;
	enum app_err	 er;

	if (to == CSTATE_CLOSED) {
		if ((er = svc_submission_allows_close(c, k->id, k->kind, &ok)) != APP_OK)
			return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
		if (!ok) {
			fault_set(f, APP_CONFLICT, "to", MSG_ERR_SUB_CLOSE, 0);
			f->rule = "Art. 7(2)";
			return APP_CONFLICT;
		}
	}
	if (to != CSTATE_PUBLISHED && to != CSTATE_CLOSED)
		return APP_OK;
	if ((er = svc_clock_met(c, DL_PUBLICATION, subject)) != APP_OK ||
	    (to == CSTATE_CLOSED && (er = store_deadlines_close_case(c->st, k->id,
	    "case closed", c->now)) != APP_OK))
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	return APP_OK;
}

enum app_err
svc_case_transition(const struct svc_ctx *c, const char *id, const char *to,
    const char *reason, struct case_row *out, struct fault *f)
{
	struct case_row	 k;
	const char	*rule = NULL;
	enum msg_id	 m;
	int		 v;
	enum app_err	 er;

	if ((er = allowed(c, f)) != APP_OK)
		return er;
	if ((v = case_state_parse(to)) < 0)
		return fault_set(f, APP_INVALID, "to", MSG_ERR_FIELD_CHOICE, 0);
	if ((er = check_text(reason, "reason", f)) != APP_OK)
		return er;
	if ((er = store_begin(c->st)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	/* Read and move under the write lock: two coordinators cannot race. */
	if ((er = store_case_get(c->st, c->a, id, &k)) != APP_OK) {
		store_rollback(c->st);
		return fault_set(f, er, er == APP_NOTFOUND ? "id" : NULL,
		    er == APP_NOTFOUND ? MSG_ERR_NO_SUCH_CASE : MSG_ERR_STORE, 0);
	}
	if ((m = case_transition_check(k.kind, k.state, (enum case_state)v, reason,
	    &rule)) != MSG_OK) {
		store_rollback(c->st);
		fault_set(f, APP_CONFLICT, m == MSG_ERR_CASE_REASON ? "reason" : "to", m, 0);
		if (m == MSG_ERR_CASE_MOVE)
			f->sarg = next_names(c, k.kind, k.state);
		f->rule = rule;
		return APP_CONFLICT;
	}
	if ((er = transition_clocks(c, &k, (enum case_state)v, f)) != APP_OK) {
		store_rollback(c->st);
		return er;
	}
	if ((er = store_case_set_state(c->st, k.id, (enum case_state)v, c->now)) != APP_OK ||
	    (er = svc_case_record(c, k.id, "transition", case_state_name(k.state), to, "",
	    reason != NULL ? reason : "", "case.transition", arena_printf(c->a, "%s -> %s",
	    case_state_name(k.state), to))) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK) {
		store_rollback(c->st);
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	}
	k.state = (enum case_state)v;
	k.updated_at = c->now;
	*out = k;
	return APP_OK;
}

enum app_err
svc_case_timeline(const struct svc_ctx *c, const char *id, struct case_event **out,
    size_t *n, struct fault *f)
{
	struct case_row	k;
	enum app_err	er;

	if ((er = allowed(c, f)) != APP_OK)
		return er;
	if ((er = store_case_get(c->st, c->a, id, &k)) == APP_NOTFOUND)
		return fault_set(f, er, "id", MSG_ERR_NO_SUCH_CASE, 0);
	if (er != APP_OK ||
	    (er = store_case_timeline(c->st, c->a, id, TIMELINE_MAX, out, n)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	return APP_OK;
}

enum app_err
svc_case_participants(const struct svc_ctx *c, const char *case_id,
    struct case_participant **people, size_t *npeople, struct case_vendor **vendors,
    size_t *nvendors, struct fault *f)
{
	struct case_row	 k;
	const char	**reports;
	size_t		 nreports, i;
	enum app_err	 er;

	/* The same need-to-know as the case itself (who takes part is no secret to them). */
	if ((er = case_get(c, case_id, false, &k, &reports, &nreports, vendors, nvendors,
	    f)) != APP_OK)
		return er;
	if ((er = store_case_participants(c->st, c->a, k.id, people, npeople)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	/* Who reported is the staff's to know (Art. 11): others see that a reporter takes part. */
	if (!staff(c))
		for (i = 0; i < *npeople; i++)
			if ((*people)[i].role == PROLE_REPORTER) {
				(*people)[i].user_id = 0;
				(*people)[i].login = "";
				(*people)[i].display_name = "";
				(*people)[i].org_slug = "";
			}
	return APP_OK;
}

enum app_err
svc_case_participant_add(const struct svc_ctx *c, const char *case_id, const char *login,
    const char *role, const char *party, struct fault *f)
{
	struct case_row	 k;
	struct user	 u;
	struct policy_subject	ps;
	struct policy_recipient	pr;
	struct policy_decision	d;
	int		 r, p = -1;
	enum party_type	 pt;
	enum app_err	 er;

	if ((er = allowed(c, f)) != APP_OK)
		return er;
	if ((r = participant_role_parse(role)) < 0 || r == PROLE_REPORTER)
		return fault_set(f, APP_INVALID, "role", MSG_ERR_PARTICIPANT_ROLE, 0);
	if (!blank(party) && (p = party_type_parse(party)) < 0)
		return fault_set(f, APP_INVALID, "party_type", MSG_ERR_PARTY_TYPE, 0);
	if ((er = store_begin(c->st)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	if ((er = store_case_get(c->st, c->a, case_id, &k)) != APP_OK) {
		fault_set(f, er, er == APP_NOTFOUND ? "id" : NULL,
		    er == APP_NOTFOUND ? MSG_ERR_NO_SUCH_CASE : MSG_ERR_STORE, 0);
		goto fail;
	}
	if ((er = store_user_by_login(c->st, c->a, login != NULL ? login : "", &u)) !=
	    APP_OK || u.disabled) {
		fault_set(f, er == APP_OK || er == APP_NOTFOUND ? APP_INVALID : er, "user",
		    er == APP_OK || er == APP_NOTFOUND ? MSG_ERR_PARTICIPANT_USER :
		    MSG_ERR_STORE, 0);
		goto fail;
	}
	/*
	 * A coordinator handles cases; an observer is a regulator's or a
	 * registry's person who follows this one.  Reporters and vendors take
	 * part through their reports and their organisations.
	 */
	if ((r == PROLE_COORDINATOR && !authz_allows(u.role, PERM_CASES_MANAGE)) ||
	    (r == PROLE_OBSERVER && u.role != UROLE_REGULATOR)) {
		fault_set(f, APP_INVALID, "user", r == PROLE_COORDINATOR ?
		    MSG_ERR_PARTICIPANT_NOT_STAFF : MSG_ERR_PARTICIPANT_NOT_OBSERVER, 0);
		goto fail;
	}
	/* Art. 9(7): no undisclosed content to a person abroad (but the provider's own). */
	if (svc_policy_case(c, k.id, &ps) != APP_OK) {
		fault_set(f, APP_STORE, NULL, MSG_ERR_STORE, 0);
		goto fail;
	}
	svc_policy_person(c, &u, &pr);
	if (!(d = policy_check(PACT_INVITE, &ps, &pr, c->now)).allow) {
		store_rollback(c->st);
		svc_policy_log(c, PACT_INVITE, &ps, &pr, &d);
		return svc_policy_fault(&d, f);
	}
	pt = p >= 0 ? (enum party_type)p : r == PROLE_OBSERVER ? PARTY_REPOSITORY_ORG :
	    PARTY_USER;
	er = store_case_participant_add(c->st, k.id, u.id, (enum participant_role)r, pt,
	    c->actor->id, c->now, false);
	if (er == APP_CONFLICT) {
		fault_set(f, er, "user", MSG_ERR_PARTICIPANT_ALREADY, 0);
		goto fail;
	}
	if (er != APP_OK ||
	    (er = svc_case_record(c, k.id, "participant_added", "", role, u.login,
	    party_type_name(pt), "case.participant_add", arena_printf(c->a,
	    "user=%s role=%s party=%s", u.login, role, party_type_name(pt)))) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK) {
		fault_set(f, er, NULL, MSG_ERR_STORE, 0);
		goto fail;
	}
	svc_policy_log(c, PACT_INVITE, &ps, &pr, &d);
	return APP_OK;
fail:
	store_rollback(c->st);
	return f->er;
}

enum app_err
svc_case_participant_remove(const struct svc_ctx *c, const char *case_id,
    const char *login, struct fault *f)
{
	struct case_participant	 p;
	struct user		 u;
	enum app_err		 er;

	if ((er = allowed(c, f)) != APP_OK)
		return er;
	if ((er = store_begin(c->st)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	if ((er = store_user_by_login(c->st, c->a, login != NULL ? login : "", &u)) ==
	    APP_OK)
		er = store_case_participant_get(c->st, c->a, case_id, u.id, &p);
	if (er != APP_OK) {
		fault_set(f, er, er == APP_NOTFOUND ? "user" : NULL, er == APP_NOTFOUND ?
		    MSG_ERR_PARTICIPANT_NONE : MSG_ERR_STORE, 0);
		goto fail;
	}
	/* A reporter stays while their report is in the case. */
	if (p.role == PROLE_REPORTER) {
		fault_set(f, APP_CONFLICT, "user", MSG_ERR_PARTICIPANT_REPORTER, 0);
		f->rule = "R35";
		goto fail;
	}
	if ((er = store_case_participant_remove(c->st, case_id, u.id)) != APP_OK ||
	    (er = svc_case_record(c, case_id, "participant_removed", participant_role_name(p.role),
	    "", u.login, "", "case.participant_remove", arena_printf(c->a, "user=%s",
	    u.login))) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK) {
		fault_set(f, er, NULL, MSG_ERR_STORE, 0);
		goto fail;
	}
	return APP_OK;
fail:
	store_rollback(c->st);
	return f->er;
}

/* How many candidates of each kind are compared. */
#define SIMILAR_SAME_PRODUCT	200
#define SIMILAR_RECENT		300
#define SIMILAR_SHARED		50

/* Keep the best SIMILAR_SUGGESTIONS in out[0..*n), best first. */
static void
keep_best(struct similar_item *out, size_t *n, const struct report_brief *r,
    const struct similar_score *sc)
{
	size_t	i, at;

	if (sc->score <= 0)
		return;
	for (i = 0; i < *n; i++)
		if (strcmp(out[i].r.id, r->id) == 0)
			return;	/* already there (found twice) */
	for (at = *n; at > 0 && out[at - 1].s.score < sc->score; at--)
		;
	if (at >= SIMILAR_SUGGESTIONS)
		return;
	if (*n < SIMILAR_SUGGESTIONS)
		(*n)++;
	for (i = *n - 1; i > at; i--)
		out[i] = out[i - 1];
	out[at].r = *r;
	out[at].s = *sc;
}

enum app_err
svc_report_similar(const struct svc_ctx *c, const char *report_id,
    struct similar_item out[SIMILAR_SUGGESTIONS], size_t *n, struct fault *f)
{
	struct report_brief	 me, *same = NULL, *recent = NULL, *shared = NULL, full;
	struct assessment	 as;
	struct similar_doc	 a, b;
	struct similar_score	 sc;
	const char		**ids = NULL, *one[1];
	size_t			 nsame = 0, nrecent = 0, nshared = 0, nids = 0, i;
	enum app_err		 er;

	*n = 0;
	if ((er = allowed(c, f)) != APP_OK)
		return er;
	if ((er = store_report_brief(c->st, c->a, report_id, &me)) == APP_NOTFOUND)
		return fault_set(f, er, "id", MSG_ERR_NO_SUCH_REPORT, 0);
	if (er != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	er = store_assessment_get(c->st, c->a, arena_printf(c->a, "report:%s", me.id), &as);
	if (er == APP_OK && as.nrelated > 0) {
		ids = arena_zalloc(c->a, as.nrelated * sizeof(*ids));
		for (i = 0; i < as.nrelated; i++)
			ids[nids++] = as.related[i].value;
	} else if (er != APP_OK && er != APP_NOTFOUND)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	if ((er = store_reports_same_product(c->st, c->a, me.id, me.product,
	    SIMILAR_SAME_PRODUCT, &same, &nsame)) != APP_OK ||
	    (er = store_reports_recent(c->st, c->a, me.id, SIMILAR_RECENT, &recent,
	    &nrecent)) != APP_OK ||
	    (er = store_reports_sharing_ids(c->st, c->a, me.id, SIMILAR_SHARED, &shared,
	    &nshared)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);

	a = (struct similar_doc){ me.title, me.vendor, me.product, me.versions, ids, nids };
	/* Reports sharing an id first: b carries that id. */
	for (i = 0; i < nshared; i++) {
		if (store_report_brief(c->st, c->a, shared[i].id, &full) != APP_OK)
			continue;
		one[0] = shared[i].shared_id;
		b = (struct similar_doc){ full.title, full.vendor, full.product, full.versions,
		    one, 1 };
		similar_compare(&a, &b, &sc);
		keep_best(out, n, &full, &sc);
	}
	for (i = 0; i < nsame + nrecent; i++) {
		const struct report_brief *r = i < nsame ? &same[i] : &recent[i - nsame];

		b = (struct similar_doc){ r->title, r->vendor, r->product, r->versions, NULL, 0 };
		similar_compare(&a, &b, &sc);
		keep_best(out, n, r, &sc);
	}
	return APP_OK;
}
