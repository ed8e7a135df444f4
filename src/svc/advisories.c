/*
 * Advisories: drafting from a case, versions, review, publication through
 * the disclosure gate, withdrawal, and the scheduler's releases (see
 * advisories.h).  Every version's record is the JSON of
 * formats/advisory_json.c, sealed until it is published.
 */
#include "svc/advisories.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/arena.h"
#include "core/calendar.h"
#include "core/config.h"
#include "core/log.h"
#include "core/sbuf.h"
#include "core/str.h"
#include "crypto/crypto.h"
#include "domain/assessment.h"
#include "domain/authz.h"
#include "domain/cvss.h"
#include "domain/grade.h"
#include "formats/formats.h"
#include "svc/apps.h"
#include "svc/cases.h"
#include "svc/deadlines.h"
#include "svc/policy.h"
#include "svc/publication.h"
#include "svc/seal.h"

#define SUMMARY_MAX	500	/* bytes of a version's change summary */
#define NOTE_MAX	2000	/* bytes of a review note or a withdrawal reason */
#define CASE_ITEMS_MAX	256

static bool
blank(const char *s)
{
	return s == NULL || str_trim(str_from(s)).n == 0;
}

static int64_t
actor_id(const struct svc_ctx *c)
{
	return c->actor != NULL ? c->actor->id : 0;
}

static enum app_err
store_fault(struct fault *f, enum app_err er)
{
	return fault_set(f, er == APP_OK ? APP_STORE : er, NULL, MSG_ERR_STORE, 0);
}

static const char *
version_ad(const struct svc_ctx *c, const char *id, int version)
{
	return arena_printf(c->a, "advisory:%s:v%d", id, version);
}

/* Seal and store version v of the advisory. */
static enum app_err
version_put(const struct svc_ctx *c, const char *id, int v, const struct adv_doc *d,
    const char *summary)
{
	struct advisory_version	 row = { 0 };
	struct sealed		 sealed;
	char			 hash[CRYPTO_HASH_HEX];
	char			*text = fmt_adv_text(c->a, d);

	if (text == NULL)
		return APP_INTERNAL;
	crypto_hash_hex(text, strlen(text), hash);
	svc_seal(c, text, strlen(text), version_ad(c, id, v), &sealed);
	row.advisory_id = id;
	row.version = v;
	row.doc_sha256 = hash;
	row.summary = summary != NULL ? summary : "";
	row.created_at = c->now;
	row.created_by = actor_id(c);
	return store_advisory_version_add(c->st, &row, &sealed);
}

/* Open version v's record into d. */
static enum app_err
version_doc(const struct svc_ctx *c, const char *id, int v, struct advisory_version *meta,
    struct adv_doc *d)
{
	struct sealed	 s;
	unsigned char	*p;
	size_t		 n;
	json_t		*o;
	json_error_t	 jerr;
	const char	*field;
	enum msg_id	 msg;
	enum app_err	 er;
	int		 rc;

	if ((er = store_advisory_version_get(c->st, c->a, id, v, meta, &s)) != APP_OK)
		return er;
	if ((p = svc_unseal(c, &s, version_ad(c, id, v), &n)) == NULL) {
		log_err("event=unseal_failed what=advisory id=%s version=%d", id, v);
		return APP_INTERNAL;
	}
	if ((o = json_loadb((const char *)p, n, JSON_REJECT_DUPLICATES, &jerr)) == NULL)
		return APP_INTERNAL;
	rc = fmt_adv_from_json(c->a, o, d, &field, &msg);
	json_decref(o);
	return rc == 0 ? APP_OK : APP_INTERNAL;
}

/* ---- drafting from a case ---- */

static const char *
severity_name(const char *vector, int *score10)
{
	struct cvss		cv;
	struct cvss_error	err;

	*score10 = 0;
	if (cvss_parse(vector, &cv, &err) != 0)
		return "";
	if (cv.version == CVSS_V40) {
		*score10 = cv.score;
		return cvss_severity_name(cv.severity);
	}
	*score10 = cv.base;
	return cvss_severity_name(cv.base_severity);
}

/* The CVSS vectors, CWE, category, grade and related ids of the first assessed report. */
static void
draft_assessment(const struct svc_ctx *c, const char **reports, size_t nreports,
    struct adv_doc *d)
{
	struct assessment	 as;
	size_t			 i;

	for (i = 0; i < nreports; i++) {
		const char *subject = arena_printf(c->a, "report:%s", reports[i]);

		if (store_assessment_get(c->st, c->a, subject, &as) == APP_OK &&
		    as.updated_at != 0)
			break;
	}
	if (i == nreports)
		return;
	d->cvss = arena_calloc(c->a, 3, sizeof *d->cvss);
	for (const char *const *v = (const char *const[]){ as.cvss_v4, as.cvss_v3,
	    as.cvss_v2, NULL }; *v != NULL; v++)
		if (**v != '\0') {
			struct adv_cvss *x = &d->cvss[d->ncvss++];

			x->vector = *v;
			x->severity = severity_name(*v, &x->score10);
		}
	d->grade = *as.comprehensive_grade != '\0' ? as.comprehensive_grade :
	    as.technical_grade;
	if (*as.category_path != '\0') {
		const struct gbt_category *cat = gbt_category_find(as.category_path);

		d->category = as.category_path;
		d->category_name = cat != NULL ? cat->zh : "";
	}
	if (as.cwe_id > 0) {
		struct cwe_entry e;

		d->cwes = arena_calloc(c->a, 1, sizeof *d->cwes);
		d->cwes[0].id = arena_printf(c->a, "CWE-%lld", (long long)as.cwe_id);
		d->cwes[0].name = store_cwe_get(c->st, c->a, as.cwe_id, &e) == APP_OK ?
		    e.name : "";
		d->ncwes = 1;
	}
	d->ids = arena_calloc(c->a, as.nrelated + 1, sizeof *d->ids);
	for (i = 0; i < as.nrelated; i++)
		d->ids[d->nids++] = (struct adv_id){ as.related[i].scheme, as.related[i].value };
}

/* The discoverer as the reports' authors chose to be credited (R31). */
static void
draft_credit(const struct svc_ctx *c, const char **reports, size_t nreports,
    struct adv_doc *d)
{
	struct sbuf	names;
	bool		any_named = false;

	sbuf_init(&names, c->a, 1024);
	d->discoverer_anonymous = true;
	for (size_t i = 0; i < nreports; i++) {
		struct report	r;
		struct sealed	sealed;	/* unused; store_report_get fills it */
		struct user	u;
		const char	*name = NULL;

		if (store_report_get(c->st, c->a, reports[i], &r, &sealed) != APP_OK)
			continue;
		if (r.credit == RCREDIT_ALIAS && !blank(r.credit_alias))
			name = r.credit_alias;
		else if (r.credit == RCREDIT_NAME && r.reporter_id != 0 &&
		    store_user_by_id(c->st, c->a, r.reporter_id, &u) == APP_OK)
			name = u.display_name;
		if (name == NULL)
			continue;
		if (any_named)
			sbuf_addstr(&names, ", ");
		sbuf_addstr(&names, name);
		any_named = true;
	}
	d->discoverer_anonymous = !any_named;
	d->discoverer = any_named ? (names.buf != NULL ? names.buf : "") : "";
}

/* Products, versions and fixes; the solution says which version fixes what. */
static void
draft_products(const struct svc_ctx *c, const char *case_id, struct adv_doc *d)
{
	struct case_product	*p;
	struct case_vendor	*v;
	size_t			 np = 0, nv = 0;
	struct sbuf		 sol;

	if (store_case_products(c->st, c->a, case_id, CASE_ITEMS_MAX, &p, &np) != APP_OK)
		np = 0;
	if (store_case_vendors(c->st, c->a, case_id, &v, &nv) != APP_OK)
		nv = 0;
	sbuf_init(&sol, c->a, 8192);
	d->products = arena_calloc(c->a, np + 1, sizeof *d->products);
	for (size_t i = 0; i < np; i++) {
		struct adv_product *q = &d->products[d->nproducts++];

		q->vendor = p[i].p.org_name != NULL ? p[i].p.org_name : p[i].p.org_slug;
		q->vendor_slug = p[i].p.org_slug;
		q->product = p[i].p.name;
		q->model = p[i].p.model;
		q->versions = *p[i].versions != '\0' ? p[i].versions : p[i].p.versions;
		q->cpe = p[i].p.cpe;
		q->purl = p[i].p.purl;
		q->fixed_version = "";
		for (size_t j = 0; j < nv; j++)
			if (strcmp(v[j].org_slug, p[i].p.org_slug) == 0 &&
			    *v[j].fixed_version != '\0')
				q->fixed_version = v[j].fixed_version;
		if (*q->fixed_version != '\0')
			sbuf_addf(&sol, "升级 %s %s 至 %s 或更高版本。Upgrade %s to %s or later.\n",
			    q->vendor, q->product, q->fixed_version, q->product,
			    q->fixed_version);
	}
	d->solution = (sol.buf != NULL ? sol.buf : "");
}

enum app_err
svc_advisory_draft(const struct svc_ctx *c, const char *case_id, struct advisory_view *out,
    struct fault *f)
{
	struct case_row	  k;
	const char	**reports;
	size_t		  nreports;
	struct adv_doc	  d = { 0 };
	char		  id[48];
	int64_t		  seq;
	int		  year;
	enum app_err	  er;

	if ((er = svc_staff(c, f)) != APP_OK)
		return er;
	if ((er = store_case_get(c->st, c->a, case_id != NULL ? case_id : "", &k)) != APP_OK)
		return er == APP_NOTFOUND ? fault_set(f, er, "id", MSG_ERR_NO_SUCH_CASE, 0) :
		    store_fault(f, er);
	if (k.kind == CKIND_INCIDENT) {
		fault_set(f, APP_CONFLICT, NULL, MSG_POLICY_9_2, 0);
		f->rule = "Art. 9(2)";
		return APP_CONFLICT;
	}
	if ((er = store_case_reports(c->st, c->a, k.id, &reports, &nreports)) != APP_OK)
		return store_fault(f, er);
	d.lang = "zh-CN";
	d.title = k.title;
	d.summary = "";
	d.publisher = c->cfg->name;
	d.publisher_url = c->cfg->base_url;
	d.verifier = c->cfg->name;
	d.version = 1;
	d.updated_at = c->now;
	draft_products(c, k.id, &d);
	svc_advisory_apps(c, k.id, &d);	/* which apps the products are (issue 9) */
	draft_assessment(c, reports, nreports, &d);
	draft_credit(c, reports, nreports, &d);
	if ((er = store_begin(c->st)) != APP_OK)
		return store_fault(f, er);
	{
		int m, dd;

		date_to_ymd(date_of_time(c->now), &year, &m, &dd);	/* the year in China */
	}
	if ((er = store_advisory_next_seq(c->st, year, &seq)) != APP_OK)
		goto fail;
	adv_id_format(id, sizeof id, c->cfg->adv_prefix, year, seq);
	d.id = arena_strdup(c->a, id);
	{
		struct advisory_row r = { .id = d.id, .case_id = k.id, .state = "draft",
		    .version = 1, .created_at = c->now, .created_by = actor_id(c) };

		if ((er = store_advisory_insert(c->st, &r)) != APP_OK)
			goto fail;
	}
	if ((er = version_put(c, d.id, 1, &d, "draft from the case")) != APP_OK ||
	    (er = svc_case_record(c, k.id, "advisory", "", "draft", d.id, "",
	    "advisory.draft", arena_printf(c->a, "advisory=%s", d.id))) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK)
		goto fail;
	return svc_advisory_get(c, d.id, 0, out, f);
fail:
	store_rollback(c->st);
	return store_fault(f, er);
}

enum app_err
svc_advisory_get(const struct svc_ctx *c, const char *id, int version,
    struct advisory_view *out, struct fault *f)
{
	struct advisory_version	 meta;
	struct public_advisory	 pub;
	enum app_err		 er;

	memset(out, 0, sizeof *out);
	if ((er = svc_staff(c, f)) != APP_OK)
		return er;
	if ((er = store_advisory_get(c->st, c->a, id != NULL ? id : "", &out->row)) != APP_OK)
		return er == APP_NOTFOUND ? fault_set(f, er, "id", MSG_ERR_NO_SUCH_ADVISORY, 0) :
		    store_fault(f, er);
	if (version <= 0)
		version = out->row.version;
	if ((er = version_doc(c, out->row.id, version, &meta, &out->doc)) != APP_OK)
		return er == APP_NOTFOUND ? fault_set(f, er, "version",
		    MSG_ERR_NO_SUCH_ADVISORY_VERSION, 0) : store_fault(f, er);
	if ((er = store_advisory_versions(c->st, c->a, out->row.id, &out->versions,
	    &out->nversions)) != APP_OK)
		return store_fault(f, er);
	if (store_public_get(c->st, c->a, out->row.id, &pub) == APP_OK)
		out->public_version = pub.version;
	return APP_OK;
}

enum app_err
svc_advisory_list(const struct svc_ctx *c, const char *state, int64_t cursor, int limit,
    struct advisory_row **out, size_t *n, struct fault *f)
{
	enum app_err er;

	if ((er = svc_staff(c, f)) != APP_OK)
		return er;
	if (!blank(state) && adv_state_parse(state) < 0)
		return fault_set(f, APP_INVALID, "state", MSG_ERR_FIELD_CHOICE, 0);
	if ((er = store_advisory_list(c->st, c->a, state, cursor, limit, out, n)) != APP_OK)
		return store_fault(f, er);
	return APP_OK;
}

/* The row inside a transaction, or a fault. */
static enum app_err
row_for_change(const struct svc_ctx *c, const char *id, struct advisory_row *r,
    struct fault *f)
{
	enum app_err er;

	if ((er = store_advisory_get(c->st, c->a, id != NULL ? id : "", r)) != APP_OK)
		return er == APP_NOTFOUND ? fault_set(f, er, "id", MSG_ERR_NO_SUCH_ADVISORY, 0) :
		    store_fault(f, er);
	if (strcmp(r->state, "withdrawn") == 0)
		return fault_set(f, APP_CONFLICT, NULL, MSG_ERR_ADV_WITHDRAWN, 0);
	return APP_OK;
}

enum app_err
svc_advisory_edit(const struct svc_ctx *c, const char *id, const struct adv_doc *in,
    const char *summary, struct advisory_view *out, struct fault *f)
{
	struct advisory_row	 r;
	struct adv_doc		 d = *in;
	const char		*field;
	enum msg_id		 m;
	enum app_err		 er;

	if ((er = svc_staff(c, f)) != APP_OK)
		return er;
	if ((m = adv_check(c->a, in, &field)) != MSG_OK)
		return fault_set(f, APP_INVALID, field, m, 0);
	if (summary != NULL && strlen(summary) > SUMMARY_MAX)
		return fault_set(f, APP_INVALID, "summary_of_changes", MSG_ERR_FIELD_TOO_LONG, 0);
	/* Scores are the calculator's, never the editor's. */
	for (size_t i = 0; i < d.ncvss; i++)
		d.cvss[i].severity = severity_name(d.cvss[i].vector, &d.cvss[i].score10);
	if ((er = store_begin(c->st)) != APP_OK)
		return store_fault(f, er);
	if (row_for_change(c, id, &r, f) != APP_OK)
		goto fail;
	d.id = r.id;
	d.version = r.version + 1;
	d.lang = blank(in->lang) ? "zh-CN" : in->lang;
	d.publisher = c->cfg->name;
	d.publisher_url = c->cfg->base_url;
	d.published_at = 0;
	d.updated_at = c->now;
	d.history = NULL;
	d.nhistory = 0;
	d.withdrawn_at = 0;
	d.withdrawn_reason = "";
	r.version = d.version;
	/* Before publication an edit goes back to draft; after it the public one stays. */
	if (strcmp(r.state, "published") != 0) {
		r.state = "draft";
		r.publish_at = 0;
		r.held_by = 0;
	}
	r.updated_at = c->now;
	if ((er = version_put(c, r.id, d.version, &d, blank(summary) ? "" : summary)) !=
	    APP_OK || (er = store_advisory_save(c->st, &r)) != APP_OK ||
	    (er = svc_case_record(c, r.case_id, "advisory", "", "edited", r.id,
	    summary != NULL ? summary : "", "advisory.edit", arena_printf(c->a,
	    "advisory=%s version=%d", r.id, d.version))) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK) {
		store_fault(f, er);
		goto fail;
	}
	return svc_advisory_get(c, r.id, 0, out, f);
fail:
	store_rollback(c->st);
	return f->er;
}

enum app_err
svc_advisory_submit(const struct svc_ctx *c, const char *id, struct fault *f)
{
	struct advisory_row	r;
	enum app_err		er;

	if ((er = svc_staff(c, f)) != APP_OK)
		return er;
	if ((er = store_begin(c->st)) != APP_OK)
		return store_fault(f, er);
	if (row_for_change(c, id, &r, f) != APP_OK)
		goto fail;
	if (strcmp(r.state, "draft") != 0) {
		fault_set(f, APP_CONFLICT, NULL, MSG_ERR_ADV_NOT_DRAFT, 0);
		goto fail;
	}
	r.state = "in_review";
	r.updated_at = c->now;
	if ((er = store_advisory_save(c->st, &r)) != APP_OK ||
	    (er = svc_case_record(c, r.case_id, "advisory", "draft", "in_review", r.id, "",
	    "advisory.submit", arena_printf(c->a, "advisory=%s version=%d", r.id,
	    r.version))) != APP_OK || (er = store_commit(c->st)) != APP_OK) {
		store_fault(f, er);
		goto fail;
	}
	return APP_OK;
fail:
	store_rollback(c->st);
	return f->er;
}

enum app_err
svc_advisory_review(const struct svc_ctx *c, const char *id, const char *decision,
    const char *note, struct fault *f)
{
	struct advisory_row	r;
	struct advisory_version	v;
	bool			approve;
	enum app_err		er;

	if ((er = svc_staff(c, f)) != APP_OK)
		return er;
	if (decision == NULL || (strcmp(decision, "approve") != 0 &&
	    strcmp(decision, "changes") != 0))
		return fault_set(f, APP_INVALID, "decision", MSG_ERR_ADV_DECISION, 0);
	approve = strcmp(decision, "approve") == 0;
	if (note != NULL && strlen(note) > NOTE_MAX)
		return fault_set(f, APP_INVALID, "note", MSG_ERR_FIELD_TOO_LONG, 0);
	if (!approve && blank(note))
		return fault_set(f, APP_INVALID, "note", MSG_ERR_ADV_NOTE, 0);
	if ((er = store_begin(c->st)) != APP_OK)
		return store_fault(f, er);
	if (row_for_change(c, id, &r, f) != APP_OK)
		goto fail;
	/* In review, or a new version of a published advisory. */
	if (strcmp(r.state, "in_review") != 0 && strcmp(r.state, "published") != 0) {
		fault_set(f, APP_CONFLICT, NULL, MSG_ERR_ADV_NOT_IN_REVIEW, 0);
		goto fail;
	}
	if ((er = store_advisory_version_get(c->st, c->a, r.id, r.version, &v, NULL)) !=
	    APP_OK) {
		store_fault(f, er);
		goto fail;
	}
	if (*v.review != '\0') {
		fault_set(f, APP_CONFLICT, NULL, MSG_ERR_ADV_REVIEWED, 0);
		goto fail;
	}
	if (c->cfg->adv_require_review && v.created_by != 0 && v.created_by == actor_id(c)) {
		fault_set(f, APP_FORBIDDEN, NULL, MSG_ERR_ADV_SELF_REVIEW, 0);
		f->rule = "advisories.require_review";
		goto fail;
	}
	if (strcmp(r.state, "in_review") == 0)
		r.state = approve ? "approved" : "draft";
	r.updated_at = c->now;
	if ((er = store_advisory_version_review(c->st, r.id, r.version, actor_id(c), c->now,
	    approve ? "approved" : "changes_requested", note)) != APP_OK ||
	    (er = store_advisory_save(c->st, &r)) != APP_OK ||
	    (er = svc_case_record(c, r.case_id, "advisory", "", approve ? "approved" :
	    "changes_requested", r.id, note != NULL ? note : "", "advisory.review",
	    arena_printf(c->a, "advisory=%s version=%d decision=%s", r.id, r.version,
	    decision))) != APP_OK || (er = store_commit(c->st)) != APP_OK) {
		store_fault(f, er);
		goto fail;
	}
	return APP_OK;
fail:
	store_rollback(c->st);
	return f->er;
}

/* The gate's facts for publishing version doc of the advisory row. */
static enum app_err
publish_subject(const struct svc_ctx *c, const struct advisory_row *r,
    const struct adv_doc *doc, struct policy_subject *s)
{
	enum app_err er;

	if ((er = svc_policy_case(c, r->case_id, s)) != APP_OK)
		return er;
	s->id = arena_printf(c->a, "advisory:%s", r->id);
	s->has_remediation = adv_has_remediation(doc);
	svc_policy_as_publication(s);
	if (doc->grade != NULL && *doc->grade != '\0') {
		const char **keys = arena_calloc(c->a, s->nscope_keys + 2, sizeof *keys);

		memcpy(keys, s->scope_keys, s->nscope_keys * sizeof *keys);
		keys[s->nscope_keys] = doc->grade;
		s->scope_keys = keys;
		s->nscope_keys++;
	}
	return APP_OK;
}

/* Make it public: the public record, the case's state, the timeline. Inside the transaction. */
static enum app_err
go_public(const struct svc_ctx *c, struct advisory_row *r, const struct adv_doc *doc,
    const char *how)
{
	struct case_row	k;
	enum app_err	er;

	if ((er = svc_publication_put(c, r, doc)) != APP_OK)
		return er;
	r->state = "published";
	if (r->published_at == 0)
		r->published_at = c->now;
	r->publish_at = 0;
	r->held_by = 0;
	r->updated_at = c->now;
	if ((er = store_advisory_save(c->st, r)) != APP_OK ||
	    (er = store_case_get(c->st, c->a, r->case_id, &k)) != APP_OK)
		return er;
	if (case_publish_move_ok(k.kind, k.state) &&
	    ((er = store_case_set_state(c->st, k.id, CSTATE_PUBLISHED, c->now)) != APP_OK ||
	    (er = svc_case_record(c, k.id, "transition", case_state_name(k.state),
	    "published", r->id, how, "case.transition", arena_printf(c->a,
	    "to=published advisory=%s", r->id))) != APP_OK))
		return er;
	/* Published: the publication clock (started at the first vendor notice) is met. */
	if ((er = svc_clock_met(c, DL_PUBLICATION, arena_printf(c->a, "case:%s", k.id))) != APP_OK)
		return er;
	return svc_case_record(c, k.id, "advisory", "", "published", r->id, how,
	    "advisory.publish", arena_printf(c->a, "advisory=%s version=%d %s", r->id,
	    r->version, how));
}

enum app_err
svc_advisory_publish(const struct svc_ctx *c, const char *id, int64_t at,
    struct advisory_view *out, struct policy_decision *d, struct fault *f)
{
	struct advisory_row	 r;
	struct advisory_version	 v;
	struct adv_doc		 doc;
	struct policy_subject	 s;
	struct policy_recipient	 pub;
	enum policy_action	 act = at > c->now ? PACT_SCHEDULE : PACT_PUBLISH;
	enum app_err		 er;

	memset(d, 0, sizeof *d);
	d->allow = true;
	if ((er = svc_staff(c, f)) != APP_OK)
		return er;
	if ((er = store_begin(c->st)) != APP_OK)
		return store_fault(f, er);
	if (row_for_change(c, id, &r, f) != APP_OK)
		goto fail;
	if ((er = version_doc(c, r.id, r.version, &v, &doc)) != APP_OK) {
		store_fault(f, er);
		goto fail;
	}
	if (c->cfg->adv_require_review && strcmp(v.review, "approved") != 0) {
		fault_set(f, APP_CONFLICT, NULL, MSG_ERR_ADV_NOT_APPROVED, 0);
		f->rule = "advisories.require_review";
		goto fail;
	}
	if (strcmp(r.state, "published") == 0 && at > c->now) {
		fault_set(f, APP_CONFLICT, "at", MSG_ERR_ADV_UPDATE_NOW, 0);
		goto fail;
	}
	if ((er = publish_subject(c, &r, &doc, &s)) != APP_OK) {
		store_fault(f, er);
		goto fail;
	}
	svc_policy_public(c, &pub);
	*d = policy_check(act, &s, &pub, c->now);
	if (!d->allow) {
		store_rollback(c->st);
		svc_policy_log(c, act, &s, &pub, d);
		return svc_policy_fault(d, f);
	}
	if (act == PACT_SCHEDULE) {
		r.state = "scheduled";
		r.publish_at = at;
		r.held_by = 0;
		r.updated_at = c->now;
		er = store_advisory_save(c->st, &r);
		if (er == APP_OK)
			er = svc_case_record(c, r.case_id, "advisory", "", "scheduled", r.id, "",
			    "advisory.schedule", arena_printf(c->a, "advisory=%s at=%lld", r.id,
			    (long long)at));
	} else
		er = go_public(c, &r, &doc, "");
	if (er != APP_OK || (er = store_commit(c->st)) != APP_OK) {
		store_fault(f, er);
		goto fail;
	}
	svc_policy_log(c, act, &s, &pub, d);
	if (act == PACT_PUBLISH)
		svc_publication_changed(c);
	return svc_advisory_get(c, r.id, 0, out, f);
fail:
	store_rollback(c->st);
	return f->er;
}

enum app_err
svc_advisory_withdraw(const struct svc_ctx *c, const char *id, const char *reason,
    struct fault *f)
{
	struct advisory_row	r;
	bool			was_public;
	enum app_err		er;

	if ((er = svc_staff(c, f)) != APP_OK)
		return er;
	if (blank(reason))
		return fault_set(f, APP_INVALID, "reason", MSG_ERR_ADV_REASON, 0);
	if (strlen(reason) > NOTE_MAX)
		return fault_set(f, APP_INVALID, "reason", MSG_ERR_FIELD_TOO_LONG, 0);
	if ((er = store_begin(c->st)) != APP_OK)
		return store_fault(f, er);
	if (row_for_change(c, id, &r, f) != APP_OK)
		goto fail;
	was_public = strcmp(r.state, "published") == 0;
	if (!was_public && strcmp(r.state, "scheduled") != 0) {
		fault_set(f, APP_CONFLICT, NULL, MSG_ERR_ADV_NOT_PUBLISHED, 0);
		goto fail;
	}
	r.state = "withdrawn";
	r.withdrawn_at = c->now;
	r.withdrawn_reason = reason;
	r.publish_at = 0;
	r.held_by = 0;
	r.updated_at = c->now;
	if ((er = store_advisory_save(c->st, &r)) != APP_OK ||
	    (was_public && (er = svc_publication_withdraw(c, &r)) != APP_OK) ||
	    (er = svc_case_record(c, r.case_id, "advisory", "", "withdrawn", r.id, reason,
	    "advisory.withdraw", arena_printf(c->a, "advisory=%s", r.id))) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK) {
		store_fault(f, er);
		goto fail;
	}
	if (was_public)
		svc_publication_changed(c);
	return APP_OK;
fail:
	store_rollback(c->st);
	return f->er;
}

/* One due advisory: released, held by a window, or refused (logged, left scheduled). */
static enum app_err
release_one(const struct svc_ctx *c, struct advisory_row *r, bool *released, bool *held)
{
	struct advisory_version	 v;
	struct adv_doc		 doc;
	struct policy_subject	 s;
	struct policy_recipient	 pub;
	struct policy_decision	 d;
	enum app_err		 er;

	*released = *held = false;
	if ((er = store_begin(c->st)) != APP_OK)
		return er;
	if ((er = store_advisory_get(c->st, c->a, r->id, r)) != APP_OK ||
	    strcmp(r->state, "scheduled") != 0 || r->publish_at > c->now ||
	    (er = version_doc(c, r->id, r->version, &v, &doc)) != APP_OK ||
	    (er = publish_subject(c, r, &doc, &s)) != APP_OK)
		goto out;
	svc_policy_public(c, &pub);
	d = policy_check(PACT_RELEASE, &s, &pub, c->now);
	if (d.allow) {
		er = go_public(c, r, &doc, "scheduled");
		*released = er == APP_OK;
	} else if (d.window != NULL && r->held_by != d.window->id) {
		/* Held: wait for the window's end, once on the timeline. */
		r->held_by = d.window->id;
		r->updated_at = c->now;
		if ((er = store_advisory_save(c->st, r)) == APP_OK)
			er = svc_case_record(c, r->case_id, "policy_denied", "", "held", r->id,
			    d.rule, "advisory.held", arena_printf(c->a,
			    "advisory=%s window=%lld until=%lld", r->id, (long long)d.window->id,
			    (long long)d.retry_at));
		*held = true;
	} else
		*held = d.window != NULL;
	if (er == APP_OK && (er = store_commit(c->st)) == APP_OK) {
		svc_policy_log(c, PACT_RELEASE, &s, &pub, &d);
		return APP_OK;
	}
out:
	store_rollback(c->st);
	return er;
}

enum app_err
svc_advisories_release(const struct svc_ctx *c, size_t *released, size_t *held)
{
	struct advisory_row	*due;
	size_t			 n;
	enum app_err		 er;

	*released = *held = 0;
	if ((er = store_advisories_due(c->st, c->a, c->now, 100, &due, &n)) != APP_OK)
		return er;
	for (size_t i = 0; i < n; i++) {
		bool rel, hld;

		if ((er = release_one(c, &due[i], &rel, &hld)) != APP_OK)
			log_err("event=advisory_release_failed advisory=%s err=%d", due[i].id,
			    (int)er);
		*released += rel;
		*held += hld;
	}
	if (*released > 0)
		svc_publication_changed(c);
	return APP_OK;
}
