/*
 * The 报送 of a case, sent to the registry (provider side), and the
 * outbox's HTTP deliveries of it (svc/submissions.h).  The registry's side
 * is svc/library.c.
 */
#include <string.h>

#include "core/arena.h"
#include "core/calendar.h"
#include "core/config.h"
#include "core/log.h"
#include "core/pack.h"
#include "core/parse.h"
#include "core/str.h"
#include "core/utf8.h"
#include "domain/authz.h"
#include "store/store_apps.h"
#include "svc/cases.h"
#include "svc/deadlines.h"
#include "svc/filings.h"
#include "svc/intake.h"
#include "svc/pfiling.h"
#include "svc/policy.h"
#include "svc/seal.h"
#include "svc/submissions.h"
#include "svc_sub_int.h"

#define REASON_MAX	2000	/* bytes of a waiver's reason or a refusal */
#define LIBRARY_ID_MAX	64	/* bytes of a library id typed in */

void
sub_seal(const struct svc_ctx *c, const sub_values v, const char *ad, struct sealed *out)
{
	size_t		 len;
	unsigned char	*p = pack_strings(c->a, v, SF__MAX, &len);

	svc_seal(c, p, len, ad, out);
}

enum app_err
sub_open(const struct svc_ctx *c, const struct sealed *s, const char *ad, sub_values *v)
{
	unsigned char	*p;
	size_t		 n;

	if ((p = svc_unseal(c, s, ad, &n)) == NULL)
		goto fail;
	if (unpack_strings(c->a, p, n, *v, SF__MAX) == 0)
		return APP_OK;
	/*
	 * A record sealed before the app fields were appended (issue 9)
	 * holds the fields before them; the app fields are empty.
	 */
	if (unpack_strings(c->a, p, n, *v, SF_BEFORE_APP) == 0) {
		for (int i = SF_BEFORE_APP; i < SF__MAX; i++)
			(*v)[i] = "";
		return APP_OK;
	}
fail:
	log_err("event=unseal_failed what=submission ad=\"%s\"", ad);
	return APP_INTERNAL;
}

bool
sub_reason_ok(const char *s, const char *field, struct fault *f)
{
	if (s == NULL || str_trim(str_from(s)).n == 0) {
		fault_set(f, APP_INVALID, field, MSG_ERR_FIELD_MISSING, 0);
		return false;
	}
	if (strlen(s) > REASON_MAX) {
		fault_set(f, APP_INVALID, field, MSG_ERR_FIELD_TOO_LONG, 0);
		return false;
	}
	if (!utf8_valid(s, strlen(s))) {
		fault_set(f, APP_INVALID, field, MSG_ERR_FIELD_ENCODING, 0);
		return false;
	}
	return true;
}

/* The sealed record of a case's 报送 is bound to the case. */
static const char *
sub_ad(const struct svc_ctx *c, const char *case_id)
{
	return arena_printf(c->a, "submission:%s", case_id);
}

static const char *
case_subject(const struct svc_ctx *c, const char *case_id)
{
	return arena_printf(c->a, "case:%s", case_id);
}

/* "2026-11-21T08:00:00+08:00": the submission's times are China time. */
static const char *
rfc3339_cst(struct arena *a, int64_t t)
{
	char	buf[40];

	time_format_cst(t, true, buf, sizeof(buf));
	return arena_strdup(a, buf);
}

/* What the case's vendors say, as a remediation status and plan. */
static void
draft_remediation(const struct svc_ctx *c, const struct case_row *cs,
    const struct case_vendor *vs, size_t nv, sub_values v)
{
	const char	*fixed = "";
	size_t		 i;

	for (i = 0; i < nv; i++)
		if (vs[i].fixed_version != NULL && vs[i].fixed_version[0] != '\0')
			fixed = arena_printf(c->a, "%s%s%s: %s", fixed, fixed[0] ? "; " : "",
			    vs[i].org_name, vs[i].fixed_version);
	switch (cs->state) {
	case CSTATE_FIX_AVAILABLE:
	case CSTATE_PUBLISHED:
	case CSTATE_TRACKING:
	case CSTATE_CLOSED:
	case CSTATE_FIXED:
		v[SF_REMEDIATION_STATUS] = "fix_available";
		break;
	case CSTATE_IN_REMEDIATION:
		v[SF_REMEDIATION_STATUS] = "in_progress";
		break;
	default:
		v[SF_REMEDIATION_STATUS] = "none";
	}
	v[SF_REMEDIATION_PLAN] = fixed;
	v[SF_USER_NOTIFICATION] = "not_started";
}

/* The first report's facts, the case's assessment and products into v. */
static enum app_err
draft_from_reports(const struct svc_ctx *c, const char *const *reports, size_t nr,
    sub_values v, struct fault *f)
{
	struct assessment	 as;
	struct report		 r;
	const char		*related = "", *cvss = "";
	enum app_err		 er;
	size_t			 i;

	if (nr == 0)
		return APP_OK;
	if ((er = svc_report_read(c, reports[0], &r, f)) != APP_OK)
		return er;
	v[SF_PRODUCT_NAME] = r.product;
	v[SF_PRODUCT_MODEL] = r.model;
	v[SF_PRODUCT_VERSIONS] = r.versions;
	v[SF_AFFECTED_VERSIONS] = r.versions;
	v[SF_VENDOR] = r.vendor;
	v[SF_DISCOVERED_AT] = r.discovered_at;
	v[SF_TECHNICAL] = r.details.description;
	v[SF_HARM] = r.details.impact;
	v[SF_VERIFICATION] = r.details.reproduction;
	for (i = 0; i < AF__MAX; i++)
		v[SF_APP_NAME + i] = appinfo_get(&r.app, (enum app_field)i);
	er = store_assessment_get(c->st, c->a, arena_printf(c->a, "report:%s", reports[0]), &as);
	if (er == APP_NOTFOUND)		/* not assessed yet: no grade to propose */
		assessment_clear(&as, "");
	else if (er != APP_OK)
		return er;
	v[SF_GRADE] = as.comprehensive_grade[0] ? as.comprehensive_grade : as.technical_grade;
	v[SF_CATEGORY] = as.category_path;
	if (as.cwe_id > 0)
		v[SF_CWE] = arena_printf(c->a, "CWE-%lld", (long long)as.cwe_id);
	if (as.cvss_v4[0] != '\0')
		cvss = as.cvss_v4;
	if (as.cvss_v3[0] != '\0')
		cvss = arena_printf(c->a, "%s%s%s", cvss, cvss[0] ? "\n" : "", as.cvss_v3);
	if (as.cvss_v2[0] != '\0')
		cvss = arena_printf(c->a, "%s%s%s", cvss, cvss[0] ? "\n" : "", as.cvss_v2);
	v[SF_CVSS] = cvss;
	for (i = 0; i < as.nrelated; i++)
		related = arena_printf(c->a, "%s%s%s", related, related[0] ? ", " : "",
		    as.related[i].value);
	v[SF_RELATED_IDS] = related;
	return APP_OK;
}

/*
 * The app (issue 9): for a library of apps ([federation] target_library
 * CAPPVD), or when a product of the case is an app, from the first such
 * product: its name and package, platform, store and developer, and the
 * affected versions as the app's: the provider's own record of its app
 * rather than what the first report said (draft_from_reports), which
 * stays where the product says nothing.
 */
static void
draft_app(const struct svc_ctx *c, const struct case_product *cp, size_t np, sub_values v)
{
	struct appinfo	app;
	bool		library = strcmp(c->cfg->target_library, "CAPPVD") == 0;
	size_t		i;
	int		k;

	for (i = 0; i < np; i++) {
		if (store_product_app_get(c->st, c->a, cp[i].p.id, &app) != APP_OK)
			continue;
		if (appinfo_platform(&app) == APLAT_NONE && !library)
			continue;
		app.v[AF_VERSION] = cp[i].versions;
		for (k = 0; k < AF__MAX; k++)
			if (appinfo_get(&app, (enum app_field)k)[0] != '\0')
				v[SF_APP_NAME + k] = app.v[k];
		return;
	}
}

enum app_err
svc_submission_draft(const struct svc_ctx *c, const char *case_id,
    struct submission_row *out, struct fault *f)
{
	struct case_row		 cs;
	struct case_vendor	*vs;
	struct case_product	*cp;
	struct submission_row	 r;
	struct sealed		 sealed;
	const char		**reports;
	sub_values		 v = { 0 };
	char			 key[33];
	size_t			 nr, nv, np, i;
	int64_t			 id;
	enum app_err		 er;

	if ((er = svc_staff(c, f)) != APP_OK)
		return er;
	if ((er = svc_case_get(c, case_id, &cs, &reports, &nr, &vs, &nv, f)) != APP_OK)
		return er;
	if (cs.kind == CKIND_INCIDENT) {
		fault_set(f, APP_CONFLICT, NULL, MSG_ERR_SUB_INCIDENT, 0);
		f->rule = "Art. 8";
		return APP_CONFLICT;
	}
	if ((er = draft_from_reports(c, reports, nr, v, f)) != APP_OK)
		return er;
	if ((er = store_case_products(c->st, c->a, case_id, 100, &cp, &np)) != APP_OK)
		return er;
	for (i = 0; i < np; i++) {
		if (cp[i].upstream)
			v[SF_UPSTREAM] = arena_printf(c->a, "%s (%s)", cp[i].p.name,
			    cp[i].p.org_name);
		else if (v[SF_PRODUCT_NAME] == NULL || v[SF_PRODUCT_NAME][0] == '\0') {
			v[SF_PRODUCT_NAME] = cp[i].p.name;
			v[SF_PRODUCT_MODEL] = cp[i].p.model;
			v[SF_PRODUCT_VERSIONS] = cp[i].versions;
			v[SF_VENDOR] = cp[i].p.org_name;
		}
	}
	draft_app(c, cp, np, v);
	draft_remediation(c, &cs, vs, nv, v);
	v[SF_NAME] = cs.title;
	v[SF_KNOWN_AT] = rfc3339_cst(c->a, cs.known_at);
	v[SF_REPORTER_ORG] = c->cfg->name;
	v[SF_REPORTER_ROLE] = c->cfg->role == ROLE_PROVIDER ? "provider" : "platform";
	if (c->actor != NULL) {
		v[SF_CONTACT_NAME] = c->actor->display_name;
		v[SF_CONTACT_EMAIL] = c->actor->email;
	}
	v[SF_TARGET_LIBRARY] = c->cfg->target_library;
	memset(&r, 0, sizeof(r));
	r.case_id = cs.id;
	r.state = SUB_DRAFT;
	r.target_library = c->cfg->target_library;
	r.title = cs.title;
	r.product_name = v[SF_PRODUCT_NAME] != NULL ? v[SF_PRODUCT_NAME] : "";
	crypto_random_hex(key, 16);
	r.idem_key = key;
	r.created_by = c->actor != NULL ? c->actor->id : 0;
	r.created_at = c->now;
	sub_seal(c, v, sub_ad(c, cs.id), &sealed);
	if ((er = store_begin(c->st)) != APP_OK)
		return er;
	if ((er = store_submission_insert(c->st, &r, &sealed, &id)) == APP_CONFLICT) {
		store_rollback(c->st);
		fault_set(f, APP_CONFLICT, NULL, MSG_ERR_SUB_EXISTS, 0);
		return APP_CONFLICT;
	}
	if (er != APP_OK ||
	    (er = svc_case_record(c, cs.id, "submission", "", "draft",
	    arena_printf(c->a, "%lld", (long long)id), "", "submission.draft",
	    arena_printf(c->a, "id=%lld", (long long)id))) != APP_OK ||
	    (er = store_submission_get(c->st, c->a, id, out, NULL)) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK) {
		store_rollback(c->st);
		return er;
	}
	return APP_OK;
}

static enum app_err
opened(const struct svc_ctx *c, struct submission_row *out, const struct sealed *s,
    sub_values *v)
{
	if (v == NULL)
		return APP_OK;
	return sub_open(c, s, sub_ad(c, out->case_id), v);
}

enum app_err
svc_submission_get(const struct svc_ctx *c, int64_t id, struct submission_row *out,
    sub_values *v, struct fault *f)
{
	struct sealed	s;
	enum app_err	er;

	if ((er = svc_staff(c, f)) != APP_OK)
		return er;
	if ((er = store_submission_get(c->st, c->a, id, out, &s)) == APP_NOTFOUND)
		return fault_set(f, APP_NOTFOUND, NULL, MSG_ERR_NO_SUCH_SUBMISSION, 0);
	if (er != APP_OK)
		return er;
	if (v != NULL && (er = store_audit_add(c->st, c->actor != NULL ? c->actor->id : 0,
	    "submission.read", case_subject(c, out->case_id),
	    arena_printf(c->a, "id=%lld", (long long)id), c->addr, c->now)) != APP_OK)
		return er;
	return opened(c, out, &s, v);
}

enum app_err
svc_submission_of_case(const struct svc_ctx *c, const char *case_id,
    struct submission_row *out, sub_values *v, struct fault *f)
{
	struct sealed	s;
	enum app_err	er;

	if ((er = svc_staff(c, f)) != APP_OK)
		return er;
	if ((er = store_submission_of_case(c->st, c->a, case_id, out, &s)) == APP_NOTFOUND)
		return fault_set(f, APP_NOTFOUND, NULL, MSG_ERR_NO_SUCH_SUBMISSION, 0);
	if (er != APP_OK)
		return er;
	return opened(c, out, &s, v);
}

enum app_err
svc_submission_list(const struct svc_ctx *c, const char *state, int64_t cursor, int limit,
    struct submission_row **out, size_t *n, struct fault *f)
{
	enum app_err	er;

	if ((er = svc_staff(c, f)) != APP_OK)
		return er;
	if (state != NULL && sub_state_parse(str_from(state)) < 0)
		return fault_set(f, APP_INVALID, "state", MSG_ERR_SUB_STATE, 0);
	return store_submission_list(c->st, c->a, state, cursor, limit, out, n);
}

/*
 * Read a 报送 for a change inside a transaction already begun: the row
 * and its record.  On failure the transaction is rolled back.
 */
static enum app_err
begin_change(const struct svc_ctx *c, int64_t id, struct submission_row *r,
    struct sealed *s, sub_values *v, struct fault *f)
{
	enum app_err	er;

	if ((er = svc_staff(c, f)) != APP_OK)
		return er;
	if ((er = store_begin(c->st)) != APP_OK)
		return er;
	if ((er = store_submission_get(c->st, c->a, id, r, s)) != APP_OK) {
		store_rollback(c->st);
		if (er == APP_NOTFOUND)
			return fault_set(f, APP_NOTFOUND, NULL, MSG_ERR_NO_SUCH_SUBMISSION, 0);
		return er;
	}
	if (v != NULL && (er = opened(c, r, s, v)) != APP_OK) {
		store_rollback(c->st);
		return er;
	}
	return APP_OK;
}

/* Refuse a step the state does not allow (rolls back). */
static enum app_err
wrong_state(const struct svc_ctx *c, const struct submission_row *r, struct fault *f)
{
	store_rollback(c->st);
	fault_set(f, APP_CONFLICT, NULL, MSG_ERR_SUB_WRONG_STATE, 0);
	f->sarg = sub_state_name(r->state);
	f->rule = "R5";
	return APP_CONFLICT;
}

/* Save r (and the record when s), record the step, reread into out, commit. */
static enum app_err
finish(const struct svc_ctx *c, struct submission_row *r, const struct sealed *s,
    const char *from, const char *reason, struct submission_row *out)
{
	enum app_err	er;

	r->updated_at = c->now;
	if ((er = store_submission_save(c->st, r, s)) != APP_OK ||
	    (er = svc_case_record(c, r->case_id, "submission", from, sub_state_name(r->state),
	    arena_printf(c->a, "%lld", (long long)r->id), reason != NULL ? reason : "",
	    arena_printf(c->a, "submission.%s", sub_state_name(r->state)),
	    arena_printf(c->a, "id=%lld library_id=%s", (long long)r->id,
	    r->library_id))) != APP_OK ||
	    (er = store_submission_get(c->st, c->a, r->id, out, NULL)) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK) {
		store_rollback(c->st);
		return er;
	}
	return APP_OK;
}

enum app_err
svc_submission_update(const struct svc_ctx *c, int64_t id, const sub_values in,
    struct submission_row *out, struct sub_problems *pr, struct fault *f)
{
	struct submission_row	 r;
	struct sealed		 s;
	sub_values		 v;
	const char		*from;
	size_t			 j, k;
	int			 i;
	enum app_err		 er;

	if ((er = begin_change(c, id, &r, &s, &v, f)) != APP_OK)
		return er;
	if (!sub_can_edit(r.state))
		return wrong_state(c, &r, f);
	for (i = 0; i < SF__MAX; i++)
		if (in[i] != NULL)
			v[i] = in[i];
	/* A draft may be incomplete: only the shape of what is there is checked. */
	(void)sub_check(v, NULL, pr->p, &pr->n);
	for (j = k = 0; j < pr->n; j++)
		if (pr->p[j].msg != MSG_ERR_FIELD_MISSING)
			pr->p[k++] = pr->p[j];
	pr->n = k;
	if (pr->n > 0) {
		store_rollback(c->st);
		return fault_set(f, APP_INVALID, sub_fields[pr->p[0].field].key, pr->p[0].msg, 0);
	}
	from = sub_state_name(r.state);
	r.state = SUB_DRAFT;
	r.reason = "";
	r.title = v[SF_NAME] != NULL ? v[SF_NAME] : "";
	r.product_name = v[SF_PRODUCT_NAME] != NULL ? v[SF_PRODUCT_NAME] : "";
	if (v[SF_TARGET_LIBRARY] != NULL && v[SF_TARGET_LIBRARY][0] != '\0')
		r.target_library = v[SF_TARGET_LIBRARY];
	sub_seal(c, v, sub_ad(c, r.case_id), &s);
	return finish(c, &r, &s, from, NULL, out);
}

enum app_err
svc_submission_send(const struct svc_ctx *c, int64_t id, struct submission_row *out,
    struct sub_problems *pr, struct fault *f)
{
	struct submission_row	 r;
	struct sealed		 s;
	struct policy_subject	 ps;
	struct policy_recipient	 lib;
	struct policy_decision	 d;
	sub_values		 v;
	const char		*from, *url;
	int64_t			 ob;
	enum app_err		 er;

	if ((er = begin_change(c, id, &r, &s, &v, f)) != APP_OK)
		return er;
	if (!sub_can_send(r.state))
		return wrong_state(c, &r, f);
	if (!sub_check(v, c->cfg->required_fields, pr->p, &pr->n)) {
		store_rollback(c->st);
		fault_set(f, APP_INVALID, sub_fields[pr->p[0].field].key, pr->p[0].msg, 0);
		f->rule = sub_fields[pr->p[0].field].legal ? "Art. 7(2)" : "R37";
		return APP_INVALID;
	}
	/*
	 * The case's content leaves for the national library, over the wire
	 * or as a file someone uploads there: the gate decides (Art. 9(7)).
	 */
	if ((er = svc_policy_case(c, r.case_id, &ps)) != APP_OK) {
		store_rollback(c->st);
		return er;
	}
	svc_policy_national_library(c, r.target_library, &lib);
	if (!(d = policy_check(PACT_FEDERATE, &ps, &lib, c->now)).allow) {
		store_rollback(c->st);
		svc_policy_log(c, PACT_FEDERATE, &ps, &lib, &d);
		return svc_policy_fault(&d, f);
	}
	from = sub_state_name(r.state);
	r.state = SUB_QUEUED;
	r.reason = "";
	r.sent_by = c->actor != NULL ? c->actor->id : 0;
	r.sent_at = c->now;
	if (c->cfg->registry_url[0] == '\0') {
		/* No registry: a file for manual upload (GET .../file), then recorded. */
		r.manual = true;
	} else if (r.outbox_id != 0 && store_outbox_requeue(c->st, r.outbox_id, c->now) ==
	    APP_OK) {
		/* The same delivery again, with the same idempotency key. */
		r.manual = false;
	} else {
		url = arena_printf(c->a, "%s%sapi/v1/submissions", c->cfg->registry_url,
		    c->cfg->registry_url[strlen(c->cfg->registry_url) - 1] == '/' ? "" : "/");
		if ((er = store_outbox_add_http(c->st, url, arena_printf(c->a,
		    "submission:%lld", (long long)r.id), r.idem_key, c->now, &ob)) != APP_OK) {
			store_rollback(c->st);
			svc_policy_log(c, PACT_FEDERATE, &ps, &lib, &d);
			return er;
		}
		r.outbox_id = ob;
		r.manual = false;
	}
	er = finish(c, &r, NULL, from, NULL, out);
	svc_policy_log(c, PACT_FEDERATE, &ps, &lib, &d);
	return er;
}

static bool
library_id_ok(const char *s)
{
	size_t	n, i;

	if (s == NULL || (n = strlen(s)) == 0 || n > LIBRARY_ID_MAX)
		return false;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == '_'))
			return false;
	return true;
}

/* The 报送 reached the library: its clock is met. */
static enum app_err
delivered(const struct svc_ctx *c, const struct submission_row *r)
{
	return svc_clock_met(c, DL_SUBMISSION, case_subject(c, r->case_id));
}

enum app_err
svc_submission_uploaded(const struct svc_ctx *c, int64_t id, const char *library_id,
    struct submission_row *out, struct fault *f)
{
	struct submission_row	r;
	struct sealed		s;
	enum app_err		er;

	if (library_id != NULL && library_id[0] != '\0' && !library_id_ok(library_id))
		return fault_set(f, APP_INVALID, "library_id", MSG_ERR_SUB_LIBRARY_ID, 0);
	if ((er = begin_change(c, id, &r, &s, NULL, f)) != APP_OK)
		return er;
	if (r.state != SUB_QUEUED || !r.manual)
		return wrong_state(c, &r, f);
	r.uploaded_by = c->actor != NULL ? c->actor->id : 0;
	r.uploaded_at = c->now;
	r.state = SUB_SENT;
	if (library_id != NULL && library_id[0] != '\0') {
		r.state = SUB_ACCEPTED;
		r.library_id = library_id;
		r.decided_at = c->now;
	}
	if ((er = delivered(c, &r)) != APP_OK) {
		store_rollback(c->st);
		return er;
	}
	return finish(c, &r, NULL, "queued", NULL, out);
}

enum app_err
svc_submission_outcome(const struct svc_ctx *c, int64_t id, bool accepted,
    const char *library_id, const char *reason, struct submission_row *out,
    struct fault *f)
{
	struct submission_row	r;
	struct sealed		s;
	const char		*from;
	enum app_err		er;

	if (accepted && !library_id_ok(library_id))
		return fault_set(f, APP_INVALID, "library_id", MSG_ERR_SUB_LIBRARY_ID, 0);
	if (!accepted && !sub_reason_ok(reason, "reason", f))
		return APP_INVALID;
	if ((er = begin_change(c, id, &r, &s, NULL, f)) != APP_OK)
		return er;
	if (!r.manual || (r.state != SUB_SENT && r.state != SUB_QUEUED))
		return wrong_state(c, &r, f);
	from = sub_state_name(r.state);
	r.state = accepted ? SUB_ACCEPTED : SUB_REJECTED;
	r.library_id = accepted ? library_id : "";
	r.reason = accepted ? "" : reason;
	r.decided_at = c->now;
	return finish(c, &r, NULL, from, accepted ? NULL : reason, out);
}

enum app_err
svc_submission_waive(const struct svc_ctx *c, int64_t id, const char *reason,
    struct submission_row *out, struct fault *f)
{
	struct submission_row	r;
	struct sealed		s;
	const char		*from;
	enum app_err		er;

	if (!sub_reason_ok(reason, "reason", f))
		return APP_INVALID;
	if ((er = begin_change(c, id, &r, &s, NULL, f)) != APP_OK)
		return er;
	if (!sub_can_waive(r.state))
		return wrong_state(c, &r, f);
	from = sub_state_name(r.state);
	r.state = SUB_WAIVED;
	r.reason = reason;
	r.decided_at = c->now;
	if ((er = svc_clock_waive(c, DL_SUBMISSION, case_subject(c, r.case_id), reason)) !=
	    APP_OK) {
		store_rollback(c->st);
		return er;
	}
	/* A delivery still waiting is called off: a waived 报送 is not sent. */
	if (r.outbox_id != 0 && strcmp(r.delivery, "pending") == 0 &&
	    (er = store_outbox_http_result(c->st, r.outbox_id, false, r.attempts, c->now, 0,
	    "", "cancelled: the 报送 was waived", true, c->now)) != APP_OK) {
		store_rollback(c->st);
		return er;
	}
	return finish(c, &r, NULL, from, reason, out);
}

enum app_err
svc_submission_allows_close(const struct svc_ctx *c, const char *case_id,
    enum case_kind kind, bool *ok)
{
	struct submission_row	r;
	enum app_err		er;

	*ok = true;
	if (!svc_submissions_on(c) || kind == CKIND_INCIDENT)
		return APP_OK;
	er = store_submission_of_case(c->st, c->a, case_id, &r, NULL);
	if (er == APP_NOTFOUND) {
		*ok = false;
		return APP_OK;
	}
	if (er != APP_OK)
		return er;
	*ok = sub_allows_close(r.state);
	return APP_OK;
}

/* The outbox's deliveries */

enum app_err
svc_outbox_payload(const struct svc_ctx *c, const struct outbox_row *m,
    struct fed_payload *out)
{
	struct submission_row	r;
	struct sealed		s;
	struct str		ref = str_from(m->ref);
	int64_t			id;
	enum app_err		er;

	memset(out, 0, sizeof(*out));
	if (str_has_prefix(ref, "forward:"))
		return sub_forward_payload(c, m, out);
	if (str_has_prefix(ref, "filing_notice:"))
		return svc_filing_notice_payload(c, m, out);
	if (str_has_prefix(ref, "pfiling:"))
		return svc_pfiling_payload(c, m, out);
	if (!str_has_prefix(ref, "submission:") ||
	    parse_i64(ref.p + 11, ref.n - 11, 1, INT64_MAX, &id) != 0)
		return APP_NOTFOUND;
	if ((er = store_submission_get(c->st, c->a, id, &r, &s)) != APP_OK)
		return er;
	/* Waived (or taken back to a draft) since it was queued: nothing to send. */
	if (r.state != SUB_QUEUED)
		return APP_NOTFOUND;
	if ((er = sub_open(c, &s, sub_ad(c, r.case_id), &out->v)) != APP_OK)
		return er;
	out->ref = r.case_id;
	out->bearer = c->cfg->registry_token;
	return APP_OK;
}

/* The registry's answer to the provider's 报送. */
static enum app_err
submission_delivered(const struct svc_ctx *c, int64_t id, const struct fed_result *res)
{
	struct submission_row	r;
	const char		*from;
	enum app_err		er;

	if ((er = store_submission_get(c->st, c->a, id, &r, NULL)) != APP_OK)
		return er == APP_NOTFOUND ? APP_OK : er;
	if (r.state != SUB_QUEUED)
		return APP_OK;	/* waived or edited meanwhile: the answer is kept on the outbox row */
	from = sub_state_name(r.state);
	if (res->done) {
		r.state = res->library_id[0] != '\0' ? SUB_ACCEPTED : SUB_SENT;
		r.library_id = res->library_id;
		r.decided_at = res->library_id[0] != '\0' ? c->now : 0;
		if ((er = delivered(c, &r)) != APP_OK)
			return er;
	} else if (res->final && res->status >= 400 && res->status < 500) {
		r.state = SUB_REJECTED;
		r.reason = res->reason[0] != '\0' ? res->reason :
		    arena_printf(c->a, "HTTP %ld", res->status);
		r.decided_at = c->now;
	} else
		return APP_OK;	/* a retry, or out of attempts: it stays queued, the error shows */
	r.updated_at = c->now;
	if ((er = store_submission_save(c->st, &r, NULL)) != APP_OK)
		return er;
	return svc_case_record(c, r.case_id, "submission", from, sub_state_name(r.state),
	    arena_printf(c->a, "%lld", (long long)r.id), r.reason,
	    arena_printf(c->a, "submission.%s", sub_state_name(r.state)),
	    arena_printf(c->a, "id=%lld library_id=%s http=%ld", (long long)r.id, r.library_id,
	    res->status));
}

enum app_err
svc_outbox_delivered(const struct svc_ctx *c, const struct outbox_row *m,
    const struct fed_result *res)
{
	struct str	ref = str_from(m->ref);
	int64_t		id;
	enum app_err	er;

	if ((er = store_begin(c->st)) != APP_OK)
		return er;
	if ((er = store_outbox_http_result(c->st, m->id, res->done, res->attempts, res->next,
	    res->status, res->response, res->error, !res->done && res->final, c->now)) !=
	    APP_OK)
		goto fail;
	if (str_has_prefix(ref, "submission:") &&
	    parse_i64(ref.p + 11, ref.n - 11, 1, INT64_MAX, &id) == 0)
		er = submission_delivered(c, id, res);
	else if (str_has_prefix(ref, "forward:"))
		er = sub_forward_delivered(c, m, res);
	else if (str_has_prefix(ref, "filing_notice:"))
		er = svc_filing_notice_delivered(c, m, res);
	else if (str_has_prefix(ref, "pfiling:"))
		er = svc_pfiling_delivered(c, m, res);
	if (er != APP_OK || (er = store_commit(c->st)) != APP_OK)
		goto fail;
	return APP_OK;
fail:
	store_rollback(c->st);
	return er;
}
