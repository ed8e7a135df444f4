/*
 * The registry's side of the 报送 (svc/submissions.h): receiving from
 * member organisations, the library id, the receipt-log leaf, and the
 * forwards (同步通报, R7; on request, R17).
 */
#include <string.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/log.h"
#include "core/parse.h"
#include "core/str.h"
#include "domain/report.h"
#include "svc/apps.h"
#include "svc/intake.h"
#include "svc/policy.h"
#include "svc/submissions.h"
#include "svc/units.h"
#include "svc_sub_int.h"

#define IDEM_MIN	8
#define IDEM_MAX	128

static const char *
received_ad(const struct svc_ctx *c, const char *id)
{
	return arena_printf(c->a, "received:%s", id);
}

static bool
idem_ok(const char *k)
{
	size_t	n, i;

	if (k == NULL || (n = strlen(k)) < IDEM_MIN || n > IDEM_MAX)
		return false;
	for (i = 0; i < n; i++)
		if (!((k[i] >= 'A' && k[i] <= 'Z') || (k[i] >= 'a' && k[i] <= 'z') ||
		    (k[i] >= '0' && k[i] <= '9') || k[i] == '-' || k[i] == '_'))
			return false;
	return true;
}

/* Every name of forward_to must be one of [registry] libraries; else the first that is not. */
static bool
requested_ok(const struct svc_ctx *c, const char *list, const char **bad)
{
	struct recipient	libs[RECIPIENTS_MAX];
	struct str		rest = str_from(list != NULL ? list : ""), t;
	size_t			nl = config_recipients(c->cfg->libraries, libs, RECIPIENTS_MAX), i;

	while (rest.n > 0) {
		t = str_trim(str_split(&rest, ','));
		if (t.n == 0)
			continue;
		for (i = 0; i < nl; i++)
			if (str_eq(t, libs[i].name))
				break;
		if (i == nl) {
			*bad = arena_strndup(c->a, t.p, t.n);
			return false;
		}
	}
	return true;
}

/* A mail forward: the library id and what identifies the record, no details (Art. 11). */
static enum app_err
forward_mail(const struct svc_ctx *c, const struct received_row *r, const sub_values v,
    const char *addr, int64_t *ob)
{
	const char	*subject, *body;

	subject = arena_printf(c->a, "[%s] 同步通报 / Vulnerability report %s", c->cfg->name,
	    r->id);
	body = arena_printf(c->a,
	    "漏洞库编号 / Library id: %s\n"
	    "漏洞名称 / Name: %s\n"
	    "产品 / Product: %s %s %s\n"
	    "分级 / Grade: %s\n"
	    "报送单位 / Submitted by: %s\n"
	    "接收时间 / Received: %lld\n\n"
	    "详情请通过接口获取 / Details over the authenticated API: %s/api/v1/submissions/%s\n\n"
	    SVC_MAIL_NO_DETAILS,
	    r->id, v[SF_NAME], v[SF_PRODUCT_NAME], v[SF_PRODUCT_MODEL] ? v[SF_PRODUCT_MODEL] : "",
	    v[SF_PRODUCT_VERSIONS] ? v[SF_PRODUCT_VERSIONS] : "",
	    v[SF_GRADE] != NULL ? v[SF_GRADE] : "", r->org_name, (long long)r->received_at,
	    c->cfg->base_url, r->id);
	return store_outbox_add_mail(c->st, addr, subject, body, c->now, ob);
}

/* The gate's decisions (PACT_FEDERATE) on the forwards of one 报送. */
struct fwd_gate {
	struct policy_subject	s;	/* the record received */
	struct policy_recipient	r[2 * RECIPIENTS_MAX];	/* forward_to, then libraries */
	struct policy_decision	d[2 * RECIPIENTS_MAX];
	size_t			n;
};

/*
 * Queue one forward of r to a recipient the gate allows.  A refused one is
 * recorded without a delivery (svc_library_get shows it refused), so that
 * the staff see who was not told.
 */
static enum app_err
forward_one(const struct svc_ctx *c, const struct received_row *r, const sub_values v,
    const struct recipient *to, bool on_request, struct fwd_gate *g)
{
	struct forward_row	 fw;
	struct policy_recipient	*pr = &g->r[g->n];
	struct policy_decision	*d = &g->d[g->n];
	int64_t			 id, ob = 0;
	enum app_err		 er;

	/*
	 * Where the recipient is (Art. 9(7)): the configuration records no
	 * jurisdiction per recipient, and only the national library an
	 * instance reports to is domestic by definition; so a recipient is in
	 * [policy] default_country, as a person who records none is ("":
	 * unknown, and every forward is refused).
	 */
	svc_policy_library(c, to->name, c->cfg->default_country, pr);
	*d = policy_check(PACT_FEDERATE, &g->s, pr, c->now);
	g->n++;
	memset(&fw, 0, sizeof(fw));
	fw.submission_id = r->id;
	fw.recipient = to->name;
	fw.target = to->target;
	fw.on_request = on_request;
	fw.created_at = c->now;
	if ((er = store_forward_add(c->st, &fw, &id)) != APP_OK)
		return er;
	if (!d->allow) {
		log_warnx("event=forward_refused id=%s recipient=\"%s\" rule=\"%s\"", r->id,
		    to->name, d->rule);
		return APP_OK;
	}
	if (strncmp(to->target, "mailto:", 7) == 0)
		er = forward_mail(c, r, v, to->target + 7, &ob);
	else
		er = store_outbox_add_http(c->st, to->target, arena_printf(c->a,
		    "forward:%lld", (long long)id), arena_printf(c->a, "%s-f%lld", r->id,
		    (long long)id), c->now, &ob);
	if (er != APP_OK)
		return er;
	return store_forward_set_outbox(c->st, id, ob);
}

/* 同步通报 to every configured recipient, then the libraries asked for. */
static enum app_err
forward_all(const struct svc_ctx *c, const struct received_row *r, const sub_values v,
    struct fwd_gate *g)
{
	struct recipient	to[RECIPIENTS_MAX];
	size_t			n, i;
	enum app_err		er;

	svc_policy_record(c, arena_printf(c->a, "submission:%s", r->id), &g->s);
	n = config_recipients(c->cfg->forward_to, to, RECIPIENTS_MAX);
	for (i = 0; i < n; i++)
		if ((er = forward_one(c, r, v, &to[i], false, g)) != APP_OK)
			return er;
	n = config_recipients(c->cfg->libraries, to, RECIPIENTS_MAX);
	for (i = 0; i < n; i++)
		if (sub_list_has(v[SF_FORWARD_TO], to[i].name) &&
		    (er = forward_one(c, r, v, &to[i], true, g)) != APP_OK)
			return er;
	return APP_OK;
}

/* Log the gate's decisions after the commit or the rollback (R44: refusals too). */
static void
forward_log(const struct svc_ctx *c, const struct fwd_gate *g)
{
	size_t	i;

	for (i = 0; i < g->n; i++)
		svc_policy_log(c, PACT_FEDERATE, &g->s, &g->r[i], &g->d[i]);
}

/* The app of a record (its SF_APP_* fields). */
static void
record_app(const sub_values v, struct appinfo *app)
{
	int	i;

	for (i = 0; i < AF__MAX; i++)
		app->v[i] = v[SF_APP_NAME + i] != NULL ? v[SF_APP_NAME + i] : "";
}

/*
 * A library specialised in apps requires [registry] app_required_fields
 * (R40; the CAPPVD notice: a library of app vulnerabilities): every one
 * missing is a problem, the first names the refusal.
 */
static bool
app_required_ok(const struct svc_ctx *c, const sub_values v, struct sub_problems *pr,
    struct fault *f)
{
	struct appinfo		app;
	struct app_problem	ap[AF__MAX];
	size_t			na, i;

	if (!svc_app_library(c->cfg))
		return true;
	record_app(v, &app);
	if ((na = appinfo_missing(&app, c->cfg->app_required_fields, ap)) == 0)
		return true;
	pr->n = 0;
	for (i = 0; i < na; i++)
		pr->p[pr->n++] = (struct sub_problem){ (enum sub_field)(SF_APP_NAME +
		    ap[i].field), ap[i].msg };
	fault_set(f, APP_INVALID, app_fields[ap[0].field].key, MSG_ERR_APP_REQUIRED, 0);
	f->sarg = app_fields[ap[0].field].key;
	f->rule = "R40";
	return false;
}

enum app_err
svc_library_receive(const struct svc_ctx *c, const char *idem_key, const sub_values v,
    const char *payload_sha256, struct library_receipt *out, struct sub_problems *pr,
    struct fault *f)
{
	struct received_row	 r;
	struct sealed		 s;
	struct org		 o;
	struct fwd_gate		 g;
	struct appinfo		 app;
	const char		*bad;
	char			 id[64];
	int			 year;
	int64_t			 seq;
	enum app_err		 er;

	memset(out, 0, sizeof(*out));
	memset(&g, 0, sizeof(g));
	pr->n = 0;
	if (c->cfg->role != ROLE_REGISTRY)
		return fault_set(f, APP_NOTFOUND, NULL, MSG_ERR_NOT_REGISTRY, 0);
	if (c->actor == NULL || c->actor->org_id == 0 || c->actor->role != UROLE_VENDOR ||
	    store_org_by_id(c->st, c->a, c->actor->org_id, &o) != APP_OK ||
	    (o.kind != ORG_PROVIDER && o.kind != ORG_PLATFORM)) {
		fault_set(f, APP_FORBIDDEN, NULL, MSG_ERR_NOT_MEMBER, 0);
		f->rule = "rbac.org";
		return APP_FORBIDDEN;
	}
	if (!idem_ok(idem_key))
		return fault_set(f, APP_INVALID, "Idempotency-Key", MSG_ERR_IDEM_KEY, 0);
	if (!sub_check(v, c->cfg->required_fields, pr->p, &pr->n)) {
		fault_set(f, APP_INVALID, sub_fields[pr->p[0].field].key, pr->p[0].msg, 0);
		f->rule = sub_fields[pr->p[0].field].legal ? "Art. 7(2)" : "R37";
		return APP_INVALID;
	}
	if (!app_required_ok(c, v, pr, f))
		return APP_INVALID;
	if (!requested_ok(c, v[SF_FORWARD_TO], &bad)) {
		fault_set(f, APP_INVALID, "forward_to", MSG_ERR_FORWARD_UNKNOWN, 0);
		f->sarg = bad;
		f->rule = "R17";
		return APP_INVALID;
	}
	if ((er = store_begin(c->st)) != APP_OK)
		return er;
	/* The same key from the same organisation: the same record, nothing new. */
	if ((er = store_received_by_key(c->st, c->a, o.id, idem_key, &out->r)) == APP_OK) {
		store_rollback(c->st);
		out->replay = true;
		out->leaf_index = out->r.leaf_index;
		return APP_OK;
	}
	if (er != APP_NOTFOUND)
		goto fail;
	year = report_id_year(c->now);
	if ((er = store_library_next_seq(c->st, year, &seq)) != APP_OK)
		goto fail;
	report_id_format(id, sizeof(id), c->cfg->library_prefix, year, seq);
	memset(&r, 0, sizeof(r));
	r.id = arena_strdup(c->a, id);
	r.org_id = o.id;
	r.org_slug = o.slug;
	r.org_name = o.name;
	r.submitter_id = c->actor->id;
	r.idem_key = idem_key;
	r.target_library = v[SF_TARGET_LIBRARY] != NULL && v[SF_TARGET_LIBRARY][0] != '\0' ?
	    v[SF_TARGET_LIBRARY] : c->cfg->target_library;
	r.title = v[SF_NAME];
	r.product_name = v[SF_PRODUCT_NAME];
	/* The app is kept in the clear too: the library lists and searches by it. */
	record_app(v, &app);
	r.payload_sha256 = payload_sha256;
	r.state = "received";
	r.received_at = c->now;
	sub_seal(c, v, received_ad(c, r.id), &s);
	if ((er = svc_log_append(c, r.id, "federation", payload_sha256, &r.leaf_index)) !=
	    APP_OK ||
	    (er = store_received_insert(c->st, &r, year, seq, &s)) != APP_OK ||
	    (er = store_received_app_set(c->st, r.id, &app)) != APP_OK ||
	    (er = forward_all(c, &r, v, &g)) != APP_OK ||
	    (er = store_audit_add(c->st, c->actor->id, "submission.receive",
	    arena_printf(c->a, "submission:%s", r.id), arena_printf(c->a,
	    "org=%s leaf=%lld sha256=%s", o.slug, (long long)r.leaf_index, payload_sha256),
	    c->addr, c->now)) != APP_OK ||
	    (er = store_received_get(c->st, c->a, r.id, &out->r, NULL)) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK)
		goto fail;
	forward_log(c, &g);
	out->leaf_index = r.leaf_index;
	log_info("event=submission_received id=%s org=\"%s\" leaf=%lld", r.id, o.slug,
	    (long long)r.leaf_index);
	return APP_OK;
fail:
	store_rollback(c->st);
	forward_log(c, &g);
	return er;
}

enum app_err
svc_library_list(const struct svc_ctx *c, const char *state, int64_t cursor, int limit,
    struct received_row **out, size_t *n, struct fault *f)
{
	enum app_err	er;

	if ((er = svc_staff(c, f)) != APP_OK)
		return er;
	if (state != NULL && strcmp(state, "received") != 0 && strcmp(state, "verified") != 0 &&
	    strcmp(state, "rejected") != 0)
		return fault_set(f, APP_INVALID, "state", MSG_ERR_RECEIVED_STATE, 0);
	return store_received_list(c->st, c->a, state, cursor, limit, out, n);
}

enum app_err
svc_library_get(const struct svc_ctx *c, const char *id, struct received_row *out,
    sub_values *v, struct forward_row **fw, size_t *nfw, struct fault *f)
{
	struct sealed	s;
	enum app_err	er;

	if ((er = svc_staff(c, f)) != APP_OK)
		return er;
	if ((er = store_received_get(c->st, c->a, id, out, &s)) == APP_NOTFOUND)
		return fault_set(f, APP_NOTFOUND, NULL, MSG_ERR_NO_SUCH_SUBMISSION, 0);
	if (er != APP_OK)
		return er;
	if (v != NULL && ((er = store_audit_add(c->st, c->actor != NULL ? c->actor->id : 0,
	    "submission.read", arena_printf(c->a, "submission:%s", id), "", c->addr,
	    c->now)) != APP_OK || (er = sub_open(c, &s, received_ad(c, id), v)) != APP_OK))
		return er;
	if ((er = store_forwards(c->st, c->a, id, fw, nfw)) != APP_OK)
		return er;
	/*
	 * A forward the gate allowed got its outbox row in the same
	 * transaction, and outbox rows are never deleted: one without was
	 * refused.
	 */
	for (size_t i = 0; i < *nfw; i++)
		if ((*fw)[i].outbox_id == 0) {
			(*fw)[i].delivery = "refused";
			(*fw)[i].last_error = svc_policy_refused_note(c);
		}
	return APP_OK;
}

/*
 * A verified 报送 counts for the support unit that sent it (R40: accepted
 * original reports by grade), with the grade staff gave it ("" if none).
 */
static enum app_err
credit_unit(const struct svc_ctx *c, const struct received_row *r)
{
	struct assessment	 as;
	const char		*subject = arena_printf(c->a, "submission:%s", r->id);
	const char		*grade = "";
	enum app_err		 er;

	if ((er = store_assessment_get(c->st, c->a, subject, &as)) == APP_OK)
		grade = as.comprehensive_grade;
	else if (er != APP_NOTFOUND)
		return er;
	return svc_units_credit(c, r->org_id, UC_REPORT, grade, subject);
}

enum app_err
svc_library_decide(const struct svc_ctx *c, const char *id, const char *state,
    const char *reason, struct received_row *out, struct fault *f)
{
	struct received_row	r;
	bool			reject;
	enum app_err		er;

	if ((er = svc_staff(c, f)) != APP_OK)
		return er;
	if (state == NULL || (strcmp(state, "verified") != 0 && strcmp(state, "rejected") != 0))
		return fault_set(f, APP_INVALID, "state", MSG_ERR_RECEIVED_STATE, 0);
	reject = strcmp(state, "rejected") == 0;
	if (reject && !sub_reason_ok(reason, "reason", f))
		return APP_INVALID;
	if ((er = store_begin(c->st)) != APP_OK)
		return er;
	if ((er = store_received_get(c->st, c->a, id, &r, NULL)) != APP_OK) {
		store_rollback(c->st);
		if (er == APP_NOTFOUND)
			return fault_set(f, APP_NOTFOUND, NULL, MSG_ERR_NO_SUCH_SUBMISSION, 0);
		return er;
	}
	if (strcmp(r.state, "received") != 0) {
		store_rollback(c->st);
		fault_set(f, APP_CONFLICT, "state", MSG_ERR_RECEIVED_STATE, 0);
		return APP_CONFLICT;
	}
	if ((er = store_received_decide(c->st, id, state, reject ? reason : "",
	    c->actor != NULL ? c->actor->id : 0, c->now)) != APP_OK ||
	    (!reject && (er = credit_unit(c, &r)) != APP_OK) ||
	    (er = store_audit_add(c->st, c->actor != NULL ? c->actor->id : 0,
	    reject ? "submission.reject" : "submission.verify",
	    arena_printf(c->a, "submission:%s", id), "", c->addr, c->now)) != APP_OK ||
	    (er = store_received_get(c->st, c->a, id, out, NULL)) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK) {
		store_rollback(c->st);
		return er;
	}
	return APP_OK;
}

enum app_err
sub_forward_payload(const struct svc_ctx *c, const struct outbox_row *m,
    struct fed_payload *out)
{
	struct forward_row	fw;
	struct received_row	r;
	struct sealed		s;
	struct str		ref = str_from(m->ref);
	int64_t			id;
	enum app_err		er;

	if (parse_i64(ref.p + 8, ref.n - 8, 1, INT64_MAX, &id) != 0)
		return APP_NOTFOUND;
	if ((er = store_forward_get(c->st, c->a, id, &fw)) != APP_OK ||
	    (er = store_received_get(c->st, c->a, fw.submission_id, &r, &s)) != APP_OK ||
	    (er = sub_open(c, &s, received_ad(c, r.id), &out->v)) != APP_OK)
		return er;
	out->forward = true;
	out->ref = r.id;
	out->library_id = r.id;
	out->submitter = r.org_name;
	out->received_at = r.received_at;
	out->bearer = c->cfg->forward_token;
	return APP_OK;
}

enum app_err
sub_forward_delivered(const struct svc_ctx *c, const struct outbox_row *m,
    const struct fed_result *res)
{
	if (!res->done && !res->final)
		return APP_OK;
	return store_audit_add(c->st, 0, res->done ? "submission.forwarded" :
	    "submission.forward_failed", m->ref, arena_printf(c->a, "http=%ld url=%s",
	    res->status, m->recipient), "", c->now);
}

/* The app fields (issue 9) */

bool
svc_app_library(const struct config *cfg)
{
	return cfg->role == ROLE_REGISTRY && strcmp(cfg->specialisation, "app") == 0;
}

enum app_err
svc_app_filters(const char *app, const char *platform, struct fault *f)
{
	if (app != NULL && app[0] != '\0' && !app_query_ok(app))
		return fault_set(f, APP_INVALID, "app", MSG_ERR_APP_QUERY, 0);
	if (platform != NULL && platform[0] != '\0' &&
	    app_platform_parse(str_from(platform)) <= 0)
		return fault_set(f, APP_INVALID, "platform", MSG_ERR_APP_PLATFORM, 0);
	return APP_OK;
}

enum app_err
svc_library_search(const struct svc_ctx *c, const char *state, const char *app,
    const char *platform, int64_t cursor, int limit, struct received_app_row **out,
    size_t *n, struct fault *f)
{
	enum app_err	er;

	*out = NULL;
	*n = 0;
	if (c->cfg->role != ROLE_REGISTRY)
		return fault_set(f, APP_NOTFOUND, NULL, MSG_ERR_NOT_REGISTRY, 0);
	if ((er = svc_staff(c, f)) != APP_OK)
		return er;
	if (state != NULL && strcmp(state, "received") != 0 && strcmp(state, "verified") != 0 &&
	    strcmp(state, "rejected") != 0)
		return fault_set(f, APP_INVALID, "state", MSG_ERR_RECEIVED_STATE, 0);
	if ((er = svc_app_filters(app, platform, f)) != APP_OK)
		return er;
	if ((er = store_received_list_app(c->st, c->a, state, app, platform, cursor, limit,
	    out, n)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	return APP_OK;
}
