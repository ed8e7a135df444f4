/*
 * The Art. 9 records of a case, major-event windows, attachment classes,
 * the gate's preview and log, and the readable diff of advisory versions
 * (see advisories.h).
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/arena.h"
#include "core/calendar.h"
#include "core/config.h"
#include "core/sbuf.h"
#include "core/str.h"
#include "core/utf8.h"
#include "domain/authz.h"
#include "formats/formats.h"
#include "svc/advisories.h"
#include "svc/cases.h"
#include "svc/policy.h"

#define REF_MAX		200	/* bytes of a document reference, scope or approver */
#define NOTE_MAX	2000
#define DIFF_LINES_MAX	2000	/* lines per field compared with the LCS */

static bool
blank(const char *s)
{
	return s == NULL || str_trim(str_from(s)).n == 0;
}

/* Single-line UTF-8 text of at most max bytes (NULL: ""). */
static bool
line_ok(const char *s, size_t max)
{
	size_t n = s != NULL ? strlen(s) : 0;

	return n <= max && utf8_text(s != NULL ? s : "", n, false);
}

enum app_err
svc_disclosure_record_add(const struct svc_ctx *c, const char *case_id,
    const struct disclosure_record_in *in, int64_t *id, struct fault *f)
{
	static const char *const kinds[] = { "joint_assessment", "authority_report",
	    "authority_outcome", "mps_consent" };
	struct disclosure_record r = { 0 };
	struct case_row		 k;
	int64_t			 day;
	size_t			 i;
	enum app_err		 er;

	if ((er = svc_staff(c, f)) != APP_OK)
		return er;
	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (in->kind != NULL && strcmp(in->kind, kinds[i]) == 0)
			break;
	if (i == sizeof kinds / sizeof kinds[0])
		return fault_set(f, APP_INVALID, "kind", MSG_ERR_DREC_KIND, 0);
	if (blank(in->reference))
		return fault_set(f, APP_INVALID, "reference", MSG_ERR_FIELD_MISSING, 0);
	if (!line_ok(in->reference, REF_MAX))
		return fault_set(f, APP_INVALID, "reference", MSG_ERR_FIELD_ENCODING, 0);
	if (in->issued_on == NULL || date_parse(in->issued_on, strlen(in->issued_on), &day) != 0)
		return fault_set(f, APP_INVALID, "issued_on", MSG_ERR_DREC_DATE, 0);
	if (!line_ok(in->scope, REF_MAX))
		return fault_set(f, APP_INVALID, "scope", MSG_ERR_FIELD_ENCODING, 0);
	if (!line_ok(in->approver, REF_MAX))
		return fault_set(f, APP_INVALID, "approver", MSG_ERR_FIELD_ENCODING, 0);
	if (in->note != NULL && (strlen(in->note) > NOTE_MAX ||
	    !utf8_valid(in->note, strlen(in->note))))
		return fault_set(f, APP_INVALID, "note", MSG_ERR_FIELD_ENCODING, 0);
	if ((er = store_begin(c->st)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	if ((er = store_case_get(c->st, c->a, case_id != NULL ? case_id : "", &k)) != APP_OK) {
		fault_set(f, er, er == APP_NOTFOUND ? "id" : NULL, er == APP_NOTFOUND ?
		    MSG_ERR_NO_SUCH_CASE : MSG_ERR_STORE, 0);
		goto fail;
	}
	r.case_id = k.id;
	r.kind = kinds[i];
	r.reference = in->reference;
	r.issued_on = in->issued_on;
	r.scope = in->scope;
	r.approver = in->approver;
	r.allow = in->allow;
	r.note = in->note;
	r.created_at = c->now;
	r.created_by = c->actor != NULL ? c->actor->id : 0;
	if ((er = store_disclosure_record_add(c->st, &r, id)) != APP_OK ||
	    (er = svc_case_record(c, k.id, "disclosure_record", "", r.kind, r.reference,
	    r.scope != NULL ? r.scope : "", "case.disclosure_record", arena_printf(c->a,
	    "kind=%s reference=%s", r.kind, r.reference))) != APP_OK ||
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
svc_disclosure_records(const struct svc_ctx *c, const char *case_id,
    struct disclosure_record **out, size_t *n, struct fault *f)
{
	enum app_err er;

	if ((er = svc_staff(c, f)) != APP_OK)
		return er;
	if ((er = store_disclosure_records(c->st, c->a, case_id, out, n)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	return APP_OK;
}

enum app_err
svc_case_disclosure(const struct svc_ctx *c, const char *case_id, const char *const *reports,
    size_t nreports, struct case_disclosure *out, struct fault *f)
{
	size_t		i;
	enum app_err	er;

	memset(out, 0, sizeof(*out));
	if ((er = svc_staff(c, f)) != APP_OK)
		return er;
	if ((er = store_advisories_of_case(c->st, c->a, case_id, &out->advs,
	    &out->nadvs)) != APP_OK ||
	    (er = store_case_exploit_count(c->st, case_id, &out->exploits)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	out->reps = arena_calloc(c->a, nreports + 1, sizeof(*out->reps));
	for (i = 0; i < nreports; i++) {
		out->reps[i].report = reports[i];
		if ((er = store_attachment_list(c->st, c->a, reports[i], &out->reps[i].at,
		    &out->reps[i].nat)) != APP_OK)
			return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	}
	out->nreps = nreports;
	return APP_OK;
}

enum app_err
svc_policy_preview(const struct svc_ctx *c, const char *case_id, const char *action,
    struct policy_decision *d, struct fault *f)
{
	struct policy_subject	s;
	struct policy_recipient	r;
	int			act;
	enum app_err		er;

	if ((er = svc_staff(c, f)) != APP_OK)
		return er;
	if ((act = policy_action_parse(action != NULL ? action : "publish")) < 0)
		return fault_set(f, APP_INVALID, "action", MSG_ERR_POLICY_ACTION, 0);
	if ((er = svc_policy_case(c, case_id != NULL ? case_id : "", &s)) != APP_OK)
		return fault_set(f, er, er == APP_NOTFOUND ? "id" : NULL,
		    er == APP_NOTFOUND ? MSG_ERR_NO_SUCH_CASE : MSG_ERR_STORE, 0);
	/*
	 * The case's own view: remediation is the advisory's to show; assume
	 * it is there.  Publishing actions are judged as the publish step
	 * judges them.
	 */
	s.has_remediation = true;
	if (act == PACT_PUBLISH || act == PACT_SCHEDULE || act == PACT_RELEASE)
		svc_policy_as_publication(&s);
	svc_policy_public(c, &r);
	*d = policy_check((enum policy_action)act, &s, &r, c->now);
	svc_policy_log(c, (enum policy_action)act, &s, &r, d);
	return APP_OK;
}

enum app_err
svc_attachment_classify(const struct svc_ctx *c, const char *report_id,
    int64_t attachment_id, const char *cls, struct fault *f)
{
	static const char *const classes[] = { "", "document", "exploit", "poc_tool" };
	size_t		i;
	enum app_err	er;

	if ((er = svc_staff(c, f)) != APP_OK)
		return er;
	for (i = 0; i < sizeof classes / sizeof classes[0]; i++)
		if (cls != NULL && strcmp(cls, classes[i]) == 0)
			break;
	if (i == sizeof classes / sizeof classes[0])
		return fault_set(f, APP_INVALID, "class", MSG_ERR_ATTACHMENT_CLASS, 0);
	if ((er = store_begin(c->st)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	er = store_attachment_set_class(c->st, report_id != NULL ? report_id : "",
	    attachment_id, classes[i]);
	if (er == APP_NOTFOUND) {
		fault_set(f, er, "attachment", MSG_ERR_NO_SUCH_ATTACHMENT, 0);
		goto fail;
	}
	if (er != APP_OK || (er = store_audit_add(c->st, c->actor != NULL ? c->actor->id : 0,
	    "attachment.classify", arena_printf(c->a, "report:%s", report_id),
	    arena_printf(c->a, "attachment=%lld class=%s", (long long)attachment_id,
	    classes[i]), c->addr, c->now)) != APP_OK || (er = store_commit(c->st)) != APP_OK) {
		fault_set(f, er, NULL, MSG_ERR_STORE, 0);
		goto fail;
	}
	return APP_OK;
fail:
	store_rollback(c->st);
	return f->er;
}

/* Admins enter windows; an authority's account (a registry's) pushes them. */
static bool
may_enter_windows(const struct svc_ctx *c, const char **source)
{
	struct org o;

	*source = "local";
	if (c->system || (c->actor != NULL && c->actor->role == UROLE_ADMIN))
		return true;
	if (c->actor == NULL || c->actor->org_id == 0 ||
	    store_org_by_id(c->st, c->a, c->actor->org_id, &o) != APP_OK ||
	    o.kind != ORG_AUTHORITY)
		return false;
	*source = o.slug;
	return true;
}

enum app_err
svc_window_put(const struct svc_ctx *c, const struct window_in *in, int64_t *id,
    struct fault *f)
{
	struct event_window	 w = { 0 };
	const char		*source;
	enum app_err		 er;

	if (!may_enter_windows(c, &source)) {
		fault_set(f, APP_FORBIDDEN, NULL, MSG_ERR_WINDOWS_DENIED, 0);
		f->rule = "rbac.role";
		return APP_FORBIDDEN;
	}
	if (blank(in->name))
		return fault_set(f, APP_INVALID, "name", MSG_ERR_FIELD_MISSING, 0);
	if (!line_ok(in->name, REF_MAX))
		return fault_set(f, APP_INVALID, "name", MSG_ERR_FIELD_ENCODING, 0);
	if (!line_ok(in->scope, 1000))
		return fault_set(f, APP_INVALID, "scope", MSG_ERR_FIELD_ENCODING, 0);
	if (!line_ok(in->external_id, 100))
		return fault_set(f, APP_INVALID, "external_id", MSG_ERR_FIELD_ENCODING, 0);
	if (in->ends_at <= in->starts_at)
		return fault_set(f, APP_INVALID, "ends_at", MSG_ERR_WINDOW_TIMES, 0);
	w.name = in->name;
	w.starts_at = in->starts_at;
	w.ends_at = in->ends_at;
	w.scope = in->scope;
	w.source = source;
	w.external_id = strcmp(source, "local") != 0 ? in->external_id : NULL;
	w.created_at = c->now;
	w.created_by = c->actor != NULL ? c->actor->id : 0;
	if ((er = store_begin(c->st)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	if ((er = store_window_put(c->st, &w, id)) != APP_OK ||
	    (er = store_audit_add(c->st, w.created_by, "window.put",
	    arena_printf(c->a, "window:%lld", (long long)*id), arena_printf(c->a,
	    "source=%s starts=%lld ends=%lld", source, (long long)w.starts_at,
	    (long long)w.ends_at), c->addr, c->now)) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK) {
		store_rollback(c->st);
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	}
	return APP_OK;
}

enum app_err
svc_window_withdraw(const struct svc_ctx *c, int64_t id, struct fault *f)
{
	const char	*source;
	enum app_err	 er;

	if (!may_enter_windows(c, &source)) {
		fault_set(f, APP_FORBIDDEN, NULL, MSG_ERR_WINDOWS_DENIED, 0);
		f->rule = "rbac.role";
		return APP_FORBIDDEN;
	}
	if ((er = store_begin(c->st)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	er = store_window_withdraw(c->st, id, c->now);
	if (er == APP_OK)
		er = store_audit_add(c->st, c->actor != NULL ? c->actor->id : 0,
		    "window.withdraw", arena_printf(c->a, "window:%lld", (long long)id), "",
		    c->addr, c->now);
	if (er == APP_OK)
		er = store_commit(c->st);
	if (er != APP_OK) {
		store_rollback(c->st);
		return fault_set(f, er, er == APP_NOTFOUND ? "id" : NULL,
		    er == APP_NOTFOUND ? MSG_ERR_NO_SUCH_WINDOW : MSG_ERR_STORE, 0);
	}
	return APP_OK;
}

enum app_err
svc_windows(const struct svc_ctx *c, bool all, struct event_window **out, size_t *n,
    struct fault *f)
{
	const char	*source;
	enum app_err	 er;

	if (!c->system && (c->actor == NULL || !authz_allows(c->actor->role,
	    PERM_CASES_MANAGE)) && !may_enter_windows(c, &source) &&
	    (c->actor == NULL || c->actor->role != UROLE_AUDITOR)) {
		fault_set(f, APP_FORBIDDEN, NULL, MSG_ERR_CASES_DENIED, 0);
		f->rule = "rbac.role";
		return APP_FORBIDDEN;
	}
	if ((er = store_windows(c->st, c->a, c->now, all, out, n)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	return APP_OK;
}

enum app_err
svc_policy_decisions(const struct svc_ctx *c, const char *subject, int64_t cursor,
    int limit, struct policy_log_row **out, size_t *n, struct fault *f)
{
	enum app_err er;

	if (!c->system && (c->actor == NULL || (c->actor->role != UROLE_AUDITOR &&
	    c->actor->role != UROLE_ADMIN))) {
		fault_set(f, APP_FORBIDDEN, NULL, MSG_ERR_POLICY_LOG_DENIED, 0);
		f->rule = "rbac.role";
		return APP_FORBIDDEN;
	}
	if ((er = store_policy_decisions(c->st, c->a, subject, cursor, limit, out, n)) !=
	    APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	return APP_OK;
}

/* ---- the readable diff ---- */

/* Split text into lines (in a); how many. */
static size_t
split_lines(struct arena *a, const char *s, const char ***out)
{
	size_t n = 1, i = 0;
	const char *p;

	for (p = s; *p != '\0'; p++)
		n += *p == '\n';
	*out = arena_calloc(a, n + 1, sizeof **out);
	for (p = s;; ) {
		const char *e = strchr(p, '\n');

		(*out)[i++] = arena_strndup(a, p, e != NULL ? (size_t)(e - p) : strlen(p));
		if (e == NULL)
			break;
		p = e + 1;
	}
	return i;
}

/* A line diff of two texts ("  ", "- ", "+ " prefixes) by the longest common subsequence. */
static void
diff_text(struct arena *a, const char *key, const char *x, const char *y, struct sbuf *out)
{
	const char	**xl, **yl;
	size_t		  nx = split_lines(a, x, &xl), ny = split_lines(a, y, &yl);
	size_t		  i, j;
	unsigned	 *t;

	sbuf_addf(out, "@@ %s\n", key);
	if (nx > DIFF_LINES_MAX || ny > DIFF_LINES_MAX) {
		sbuf_addf(out, "- %s\n+ %s\n", x, y);
		return;
	}
	t = arena_calloc(a, (nx + 1) * (ny + 1), sizeof *t);
#define T(i, j)	t[(i) * (ny + 1) + (j)]
	for (i = nx; i-- > 0; )
		for (j = ny; j-- > 0; )
			T(i, j) = strcmp(xl[i], yl[j]) == 0 ? T(i + 1, j + 1) + 1 :
			    T(i + 1, j) > T(i, j + 1) ? T(i + 1, j) : T(i, j + 1);
	for (i = j = 0; i < nx || j < ny; ) {
		if (i < nx && j < ny && strcmp(xl[i], yl[j]) == 0) {
			sbuf_addf(out, "  %s\n", xl[i]);
			i++, j++;
		} else if (j < ny && (i == nx || T(i, j + 1) >= T(i + 1, j)))
			sbuf_addf(out, "+ %s\n", yl[j++]);
		else
			sbuf_addf(out, "- %s\n", xl[i++]);
	}
#undef T
}

/* The value of a key as text: strings as they are, anything else as compact JSON. */
static const char *
value_text(struct arena *a, const json_t *v)
{
	char *s;
	const char *out;

	if (v == NULL)
		return "";
	if (json_is_string(v))
		return json_string_value(v);
	if ((s = json_dumps(v, JSON_INDENT(1) | JSON_ENCODE_ANY)) == NULL)
		return "";
	out = arena_strdup(a, s);
	free(s);
	return out;
}

enum app_err
svc_advisory_diff(const struct svc_ctx *c, const char *id, int from, int to,
    struct sbuf *out, struct fault *f)
{
	struct advisory_view	 va, vb;
	json_t			*ja, *jb;
	const char		*key;
	json_t			*v;
	enum app_err		 er;

	if ((er = svc_advisory_get(c, id, from, &va, f)) != APP_OK ||
	    (er = svc_advisory_get(c, id, to, &vb, f)) != APP_OK)
		return er;
	ja = fmt_adv_json(&va.doc);
	jb = fmt_adv_json(&vb.doc);
	sbuf_addf(out, "--- %s version %d\n+++ %s version %d\n", va.row.id, va.doc.version,
	    vb.row.id, vb.doc.version);
	json_object_foreach(jb, key, v) {
		const char *x = value_text(c->a, json_object_get(ja, key));
		const char *y = value_text(c->a, v);

		/* The platform's bookkeeping is not the editor's change. */
		if (strcmp(key, "version") == 0 || strcmp(key, "updated_at") == 0)
			continue;
		if (strcmp(x, y) != 0)
			diff_text(c->a, key, x, y, out);
	}
	json_decref(ja);
	json_decref(jb);
	return sbuf_err(out) == APP_OK ? APP_OK : fault_set(f, APP_TOOBIG, NULL,
	    MSG_ERR_FIELD_TOO_LONG, 0);
}
