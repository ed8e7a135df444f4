/*
 * Support-unit applications (申报, the CAPPVD notice's 申报方式 and
 * 申报流程): receiving them with their sealed dossier and evidence files,
 * the five stages decided by the staff, certification (the unit and its
 * first certificate), announcement, withdrawal (svc/units.h).
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/arena.h"
#include "core/calendar.h"
#include "core/config.h"
#include "core/log.h"
#include "core/pubgen.h"
#include "core/utf8.h"
#include "crypto/crypto.h"
#include "domain/report.h"
#include "media/sniff.h"
#include "svc/seal.h"
#include "units_int.h"

#define FILENAME_MAX_CHARS	200

static enum app_err
no_such(struct fault *f)
{
	return fault_set(f, APP_NOTFOUND, NULL, MSG_ERR_NO_SUCH_UNIT_APP, 0);
}

static const char *
dossier_ad(const struct svc_ctx *c, const char *id)
{
	return arena_printf(c->a, "unit-app:%s/dossier", id);
}

static const char *
doc_ad(const struct svc_ctx *c, const char *id, const char *sha256)
{
	return arena_printf(c->a, "unit-app:%s/doc/%s", id, sha256);
}

static const char *
app_subject(const struct svc_ctx *c, const char *id)
{
	return arena_printf(c->a, "support-unit-application:%s", id);
}

static const char *
app_path(const struct svc_ctx *c, const char *id)
{
	return arena_printf(c->a, "/support-units/applications/%s", id);
}

/* --- the dossier --- */

static void
set_str(json_t *o, const char *key, const char *v)
{
	json_object_set_new(o, key, json_string(v != NULL ? v : ""));	/* steals */
}

/* The dossier as one JSON object (in c->a); NULL only when out of memory. */
static char *
dossier_text(const struct svc_ctx *c, const struct unit_app_in *in, size_t *len)
{
	json_t	*o = json_object(), *contact = json_object(), *team = json_object();
	json_t	*ev = json_array(), *decl = json_array();
	char	*s, *out;
	size_t	 i;

	set_str(o, "address", in->address);
	set_str(contact, "name", in->contact_name);
	set_str(contact, "phone", in->contact_phone);
	set_str(contact, "email", in->contact_email);
	json_object_set_new(o, "contact", contact);	/* steals */
	json_object_set_new(team, "size", json_integer(in->team_size));
	set_str(team, "certificates", in->team_certificates);
	set_str(team, "description", in->team_description);
	json_object_set_new(o, "team", team);	/* steals */
	for (i = 0; i < in->nevidence; i++)
		json_array_append_new(ev, json_pack("{s:s, s:I, s:s}",
		    "criterion", in->evidence[i].criterion,
		    "score", (json_int_t)in->evidence[i].score,
		    "text", in->evidence[i].text));	/* steals */
	json_object_set_new(o, "evidence", ev);	/* steals */
	for (i = 0; i < UNIT_DECLARATIONS; i++)
		json_array_append_new(decl, json_boolean(in->declarations[i]));	/* steals */
	json_object_set_new(o, "declarations", decl);	/* steals */
	s = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (s == NULL)
		return NULL;
	*len = strlen(s);
	out = arena_strndup(c->a, s, *len);
	crypto_wipe(s, *len);
	free(s);
	return out;
}

static const char *
jstr(const struct svc_ctx *c, json_t *o, const char *key)
{
	json_t	*v = json_object_get(o, key);

	return json_is_string(v) ? arena_strndup(c->a, json_string_value(v),
	    json_string_length(v)) : "";
}

/* Open the sealed dossier into v; -1 when it does not open. */
static int
dossier_open(const struct svc_ctx *c, const struct sealed *s, struct unit_app_view *v)
{
	const struct unit_criteria	*cs = svc_units_criteria();
	const struct unit_criterion	*cr;
	unsigned char			*plain;
	json_t				*o, *ev, *e, *decl, *contact, *team;
	json_error_t			 je;
	size_t				 len, i;

	if ((plain = svc_unseal(c, s, dossier_ad(c, v->a.id), &len)) == NULL)
		return -1;
	o = json_loadb((const char *)plain, len, 0, &je);
	crypto_wipe(plain, len);
	if (o == NULL || !json_is_object(o)) {
		json_decref(o);
		return -1;
	}
	v->address = jstr(c, o, "address");
	contact = json_object_get(o, "contact");
	v->contact_name = jstr(c, contact, "name");
	v->contact_phone = jstr(c, contact, "phone");
	v->contact_email = jstr(c, contact, "email");
	team = json_object_get(o, "team");
	v->team_size = json_integer_value(json_object_get(team, "size"));
	v->team_certificates = jstr(c, team, "certificates");
	v->team_description = jstr(c, team, "description");
	ev = json_object_get(o, "evidence");
	v->evidence = arena_calloc(c->a, json_array_size(ev) + 1, sizeof(*v->evidence));
	json_array_foreach(ev, i, e) {
		struct unit_evidence	*x = &v->evidence[v->nevidence++];

		x->criterion = jstr(c, e, "criterion");
		x->score = json_integer_value(json_object_get(e, "score"));
		x->text = jstr(c, e, "text");
		cr = unit_criterion_find(cs, v->a.type, x->criterion);
		x->label_zh = cr != NULL ? cr->zh : "";
		x->label_en = cr != NULL ? cr->en : "";
		x->max = cr != NULL ? cr->max : 0;
	}
	decl = json_object_get(o, "declarations");
	for (i = 0; i < UNIT_DECLARATIONS; i++)
		v->declarations[i] = json_is_true(json_array_get(decl, i));
	json_decref(o);
	v->full = true;
	return 0;
}

/* The application, its stages and files; the dossier opened when open_it. */
static enum app_err
view_fill(const struct svc_ctx *c, const char *id, bool open_it, struct unit_app_view *v)
{
	struct sealed	s;
	enum app_err	er;

	memset(v, 0, sizeof(*v));
	if ((er = store_unit_app_get(c->st, c->a, id, &v->a, &s)) != APP_OK ||
	    (er = store_unit_stages(c->st, c->a, id, &v->stages, &v->nstages)) != APP_OK ||
	    (er = store_unit_docs(c->st, c->a, id, &v->docs, &v->ndocs)) != APP_OK)
		return er;
	if (open_it && dossier_open(c, &s, v) != 0) {
		log_err("event=unseal_failed unit_application=%s", id);
		return APP_INTERNAL;
	}
	return APP_OK;
}

/* --- applying --- */

static bool
filename_ok(const char *s)
{
	size_t	n;

	if (s == NULL || (n = strlen(s)) == 0 || strchr(s, '/') != NULL ||
	    strchr(s, '\\') != NULL || !utf8_text(s, n, false))
		return false;
	return utf8_count(s, n) <= FILENAME_MAX_CHARS;
}

/* The documents' problems, after the dossier's. */
static void
docs_check(const struct svc_ctx *c, const struct unit_app_new *in, int type,
    struct unit_problem *p, size_t *np)
{
	const struct unit_criteria	*cs = svc_units_criteria();
	size_t				 i;

#define DOC_PROBLEM(fld, m) do { \
		if (*np < UNIT_MAX_PROBLEMS) { \
			p[*np].field = (fld); \
			p[*np].msg = (m); \
		} \
		(*np)++; \
	} while (0)
	if (in->ndocs > UNIT_DOCS_MAX) {
		DOC_PROBLEM("documents", MSG_ERR_UNIT_DOC_COUNT);
		return;
	}
	for (i = 0; i < in->ndocs; i++) {
		const struct unit_doc_in	*d = &in->docs[i];

		if (!filename_ok(d->filename))
			DOC_PROBLEM(arena_printf(c->a, "documents[%zu].filename", i),
			    MSG_ERR_UNIT_DOC_NAME);
		if (d->too_large)
			DOC_PROBLEM(arena_printf(c->a, "documents[%zu].content", i),
			    MSG_ERR_UNIT_DOC_TOO_LARGE);
		else if (d->content == NULL || d->len == 0)
			DOC_PROBLEM(arena_printf(c->a, "documents[%zu].content", i),
			    MSG_ERR_UNIT_DOC_CONTENT);
		if (d->criterion != NULL && d->criterion[0] != '\0' && type >= 0 &&
		    unit_criterion_find(cs, (enum unit_type)type, d->criterion) == NULL)
			DOC_PROBLEM(arena_printf(c->a, "documents[%zu].criterion", i),
			    MSG_ERR_UNIT_CRITERION);
	}
#undef DOC_PROBLEM
}

/* The organisation already has an open application or a unit of type t? */
static enum app_err
already(const struct svc_ctx *c, int64_t org, enum unit_type t, struct fault *f)
{
	struct unit_row	*u;
	const char	*open;
	size_t		 n, i;
	enum app_err	 er;

	if ((er = store_unit_app_open_for(c->st, c->a, org, t, &open)) != APP_OK)
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT_APP);
	if (open != NULL) {
		units_refuse(f, APP_CONFLICT, "type", MSG_ERR_UNIT_APP_OPEN, UNITS_RULE_PROCESS);
		f->sarg = open;
		return APP_CONFLICT;
	}
	if ((er = store_unit_by_org(c->st, c->a, org, &u, &n)) != APP_OK)
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT_APP);
	for (i = 0; i < n; i++)
		if (u[i].type == t && (u[i].status == US_ACTIVE || u[i].status == US_SUSPENDED))
			return units_refuse(f, APP_CONFLICT, "type", MSG_ERR_UNIT_EXISTS,
			    UNITS_RULE_PROCESS);
	return APP_OK;
}

/* The leaf, its signed head and its inclusion proof, read back after the commit. */
static void
receipt_fill(const struct svc_ctx *c, const char *id, int64_t idx, struct intake_receipt *r)
{
	struct log_leaf	l;

	memset(r, 0, sizeof(*r));
	r->id = id;
	r->leaf_index = idx;
	if (store_log_leaf(c->st, c->a, idx, &l) != APP_OK ||
	    store_log_sth_get(c->st, idx + 1, &r->sth) != APP_OK ||
	    svc_log_inclusion(c, idx, idx + 1, r->proof, &r->nproof) != APP_OK) {
		/* Stored and logged already: the proof can be had from the log. */
		log_err("event=unit_app_receipt_failed id=%s leaf=%lld", id, (long long)idx);
		r->nproof = 0;
		return;
	}
	r->leaf = l.leaf;
	r->leaf_len = l.leaf_len;
}

enum app_err
svc_unit_apply(const struct svc_ctx *c, const struct unit_app_new *in,
    struct unit_app_view *out, struct unit_problem *p, size_t *np, struct fault *f)
{
	struct unit_app_row	 r;
	struct sealed		 sd, *ds = NULL;
	struct unit_doc_row	 dr;
	enum unit_type		 type = UNIT_TECHNICAL;
	const char		*id, **mimes = NULL, **hashes = NULL;
	char			*text, *fields, hash[CRYPTO_HASH_HEX], idbuf[64], mime[128];
	size_t			 len = 0, i;
	int			 score = 0, t;
	int64_t			 seq = 0, year;
	enum app_err		 er;

	memset(out, 0, sizeof(*out));
	*np = 0;
	if (!svc_units_on(c))
		return units_not_here(f);
	if (c->actor == NULL || c->actor->org_id == 0)
		return units_refuse(f, APP_FORBIDDEN, NULL, MSG_ERR_UNIT_NOT_MEMBER, "rbac.org");
	fields = arena_calloc(c->a, UNIT_MAX_PROBLEMS, 48);
	*np = unit_app_check(&in->in, svc_units_criteria(), p, UNIT_MAX_PROBLEMS, fields,
	    &type, &score);
	t = in->in.type != NULL ? unit_type_parse(str_from(in->in.type)) : -1;
	docs_check(c, in, t, p, np);
	if (*np > 0) {
		if (*np > UNIT_MAX_PROBLEMS)
			*np = UNIT_MAX_PROBLEMS;
		return fault_set(f, APP_INVALID, p[0].field, p[0].msg, 0);
	}
	/* What the files are, from their bytes; sealed below. */
	if (in->ndocs > 0) {
		mimes = arena_calloc(c->a, in->ndocs, sizeof(*mimes));
		hashes = arena_calloc(c->a, in->ndocs, sizeof(*hashes));
	}
	for (i = 0; i < in->ndocs; i++) {
		sniff_mime(in->docs[i].content, in->docs[i].len, mime, sizeof(mime));
		mimes[i] = arena_strdup(c->a, mime);
		crypto_hash_hex(in->docs[i].content, in->docs[i].len, hash);
		hashes[i] = arena_strdup(c->a, hash);
	}
	if ((text = dossier_text(c, &in->in, &len)) == NULL)
		return fault_set(f, APP_INTERNAL, NULL, MSG_ERR_INTERNAL, 0);
	if (in->payload != NULL && in->payload_len > 0)
		crypto_hash_hex(in->payload, in->payload_len, hash);
	else
		crypto_hash_hex(text, len, hash);

	memset(&r, 0, sizeof(r));
	r.org_id = c->actor->org_id;
	r.applicant_id = c->actor->id;
	r.type = type;
	{
		struct str	nm = str_trim(str_from(in->in.unit_name));

		r.unit_name = arena_strndup(c->a, nm.p, nm.n);
	}
	r.credit_code = in->in.credit_code;
	r.criteria_version = svc_units_criteria()->version;
	r.self_score = score;
	r.submitted_at = c->now;
	if ((er = store_begin(c->st)) != APP_OK)
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT_APP);
	if ((er = already(c, r.org_id, type, f)) != APP_OK) {
		store_rollback(c->st);
		return er;
	}
	year = report_id_year(c->now);
	if ((er = store_unit_app_next_seq(c->st, (int)year, &seq)) != APP_OK)
		goto fail;
	report_id_format(idbuf, sizeof(idbuf), c->cfg->unit_app_prefix, (int)year, seq);
	id = r.id = arena_strdup(c->a, idbuf);
	svc_seal(c, text, len, dossier_ad(c, id), &sd);
	crypto_wipe(text, len);
	if ((er = svc_log_append(c, id, in->channel != NULL ? in->channel : "api", hash,
	    &r.leaf_index)) != APP_OK ||
	    (er = store_unit_app_insert(c->st, &r, (int)year, seq, &sd)) != APP_OK)
		goto fail;
	for (i = 0; i < in->ndocs; i++) {
		if (ds == NULL)
			ds = arena_zalloc(c->a, sizeof(*ds));
		memset(&dr, 0, sizeof(dr));
		dr.application_id = id;
		dr.criterion = in->docs[i].criterion != NULL ? in->docs[i].criterion : "";
		dr.filename = in->docs[i].filename;
		dr.mime = mimes[i];
		dr.size = (int64_t)in->docs[i].len;
		dr.sha256 = hashes[i];
		svc_seal(c, in->docs[i].content, in->docs[i].len, doc_ad(c, id, hashes[i]), ds);
		if ((er = store_unit_doc_add(c->st, &dr, ds, NULL)) != APP_OK)
			goto fail;
	}
	if ((er = store_audit_add(c->st, c->actor->id, "unit_app.submit",
	    app_subject(c, id), arena_printf(c->a, "type=%s org=%lld leaf=%lld files=%zu",
	    unit_type_name(type), (long long)r.org_id, (long long)r.leaf_index, in->ndocs),
	    c->addr != NULL ? c->addr : "", c->now)) != APP_OK ||
	    (er = units_tell_staff(c, app_subject(c, id), MSG_UNIT_NOTICE_APPLIED, id)) !=
	    APP_OK ||
	    (er = units_tell_user(c, c->actor->id, app_subject(c, id), MSG_UNIT_NOTICE_RECEIVED,
	    id, app_path(c, id))) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK)
		goto fail;
	log_info("event=unit_app_received id=%s type=%s leaf=%lld", id, unit_type_name(type),
	    (long long)r.leaf_index);
	if ((er = view_fill(c, id, true, out)) != APP_OK)
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT_APP);
	receipt_fill(c, id, out->a.leaf_index, &out->receipt);
	return APP_OK;
fail:
	store_rollback(c->st);
	return units_stored(f, er == APP_NOTFOUND ? APP_STORE : er, MSG_ERR_NO_SUCH_UNIT_APP);
}

/* --- reading --- */

enum app_err
svc_unit_app_get(const struct svc_ctx *c, const char *id, struct unit_app_view *out,
    struct fault *f)
{
	struct unit_app_row	r;
	bool			staff;
	enum app_err		er;

	memset(out, 0, sizeof(*out));
	if (!svc_units_on(c))
		return units_not_here(f);
	if (id == NULL || !report_id_valid(str_from(id)))
		return no_such(f);
	if ((er = store_unit_app_get(c->st, c->a, id, &r, NULL)) != APP_OK)
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT_APP);
	staff = svc_is_staff(c);
	/* Need-to-know: the applying organisation and the staff; to others it is not there. */
	if (!staff && !units_member(c, r.org_id))
		return no_such(f);
	if (staff && c->actor != NULL && !units_member(c, r.org_id) &&
	    (er = store_audit_add(c->st, c->actor->id, "unit_app.read", app_subject(c, id), "",
	    c->addr != NULL ? c->addr : "", c->now)) != APP_OK)
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT_APP);
	if ((er = view_fill(c, id, true, out)) != APP_OK)
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT_APP);
	return APP_OK;
}

enum app_err
svc_unit_app_list(const struct svc_ctx *c, const struct unit_app_filter *flt,
    struct unit_app_row **out, size_t *n, struct fault *f)
{
	struct unit_app_filter	g = *flt;
	enum app_err		er;

	*out = NULL;
	*n = 0;
	if (!svc_units_on(c))
		return units_not_here(f);
	if (!svc_is_staff(c)) {
		if (c->actor == NULL)
			return fault_set(f, APP_UNAUTH, NULL, MSG_ERR_UNIT_NOT_MEMBER, 0);
		if (c->actor->org_id == 0)
			return APP_OK;
		g.org_id = c->actor->org_id;
	}
	if (g.state != NULL && g.state[0] == '\0')
		g.state = NULL;
	if (g.state != NULL && strcmp(g.state, "open") != 0 &&
	    unit_app_state_parse(str_from(g.state)) < 0)
		return fault_set(f, APP_INVALID, "state", MSG_ERR_FIELD_CHOICE, 0);
	if (g.limit < 1 || g.limit > 1000)
		g.limit = 50;
	if ((er = store_unit_app_list(c->st, c->a, &g, out, n)) != APP_OK)
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT_APP);
	return APP_OK;
}

enum app_err
svc_unit_app_doc(const struct svc_ctx *c, const char *id, int64_t doc_id,
    struct unit_doc_row *row, const unsigned char **bytes, size_t *len, struct fault *f)
{
	struct unit_app_row	r;
	struct sealed		s;
	enum app_err		er;

	*bytes = NULL;
	*len = 0;
	if (!svc_units_on(c))
		return units_not_here(f);
	if (id == NULL || !report_id_valid(str_from(id)))
		return no_such(f);
	if ((er = store_unit_app_get(c->st, c->a, id, &r, NULL)) != APP_OK)
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT_APP);
	if (!svc_is_staff(c) && !units_member(c, r.org_id))
		return no_such(f);
	if ((er = store_unit_doc_get(c->st, c->a, id, doc_id, row, &s)) != APP_OK)
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT_APP);
	if ((*bytes = svc_unseal(c, &s, doc_ad(c, id, row->sha256), len)) == NULL) {
		log_err("event=unseal_failed unit_application=%s doc=%lld", id, (long long)doc_id);
		return fault_set(f, APP_INTERNAL, NULL, MSG_ERR_INTERNAL, 0);
	}
	return APP_OK;
}

/* --- the stages --- */

/* A staff step on an application: the row, inside the transaction. */
static enum app_err
step_begin(const struct svc_ctx *c, const char *id, struct unit_app_row *r, struct fault *f)
{
	enum app_err	er;

	if ((er = units_staff(c, f)) != APP_OK)
		return er;
	if (id == NULL || !report_id_valid(str_from(id)))
		return no_such(f);
	if ((er = store_begin(c->st)) != APP_OK)
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT_APP);
	if ((er = store_unit_app_get(c->st, c->a, id, r, NULL)) != APP_OK) {
		store_rollback(c->st);
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT_APP);
	}
	return APP_OK;
}

static enum app_err
step_refused(const struct svc_ctx *c, enum msg_id m, const char *field, const char *rule,
    struct fault *f)
{
	store_rollback(c->st);
	return units_refuse(f, APP_CONFLICT, field, m, rule);
}

/* A date of the past or today: 0, or -1. */
static int
past_day(const struct svc_ctx *c, const char *s)
{
	int64_t	day;

	if (s == NULL || date_parse(s, strlen(s), &day) != 0)
		return -1;
	return day <= date_of_time(c->now) ? 0 : -1;
}

/* Certification (颁发证书): the unit (or the organisation's old one again) and its certificate. */
static enum app_err
certify(const struct svc_ctx *c, const struct unit_app_row *r, char number[64])
{
	struct unit_row	 u, *old;
	char		 until[11];
	const char	*today = units_today(c);
	size_t		 n, i;
	enum app_err	 er;

	memset(&u, 0, sizeof(u));
	if ((er = store_unit_by_org(c->st, c->a, r->org_id, &old, &n)) != APP_OK)
		return er;
	for (i = 0; i < n; i++)
		if (old[i].type == r->type)
			u = old[i];
	/* The first level is 一星; evaluations raise it from the ledger. */
	if (u.id == 0) {
		u.org_id = r->org_id;
		u.type = r->type;
		u.name = r->unit_name;
		u.level = 1;
		u.status = US_ACTIVE;
		u.application_id = r->id;
		u.certified_on = today;
		u.valid_until = today;	/* set with the certificate below */
		u.created_at = c->now;
		if ((er = store_unit_insert(c->st, &u, &u.id)) != APP_OK)
			return er;
	} else if ((er = store_unit_set_status(c->st, u.id, US_ACTIVE, c->now)) != APP_OK)
		return er;
	u.level = 1;
	u.name = r->unit_name;
	if ((er = units_cert_issue(c, &u, 1, today, number, until)) != APP_OK ||
	    (er = store_unit_set_level(c->st, u.id, 1, today, until, NULL, c->now)) != APP_OK ||
	    (er = store_unit_app_set_unit(c->st, r->id, u.id, c->now)) != APP_OK)
		return er;
	log_info("event=unit_certified application=%s unit=%lld certificate=%s", r->id,
	    (long long)u.id, number);
	return APP_OK;
}

enum app_err
svc_unit_app_decide(const struct svc_ctx *c, const char *id, const struct unit_decision *d,
    struct unit_app_view *out, struct fault *f)
{
	struct unit_app_row	 r;
	struct unit_stage_row	 s;
	enum unit_app_state	 to;
	enum msg_id		 tell;
	const char		*held;
	char			 number[64] = "";
	bool			 pass, announced = false;
	enum app_err		 er;

	memset(out, 0, sizeof(*out));
	if ((er = units_staff(c, f)) != APP_OK)
		return er;
	if (d->outcome == NULL || (strcmp(d->outcome, "pass") != 0 &&
	    strcmp(d->outcome, "fail") != 0))
		return fault_set(f, APP_INVALID, "outcome", MSG_ERR_UNIT_OUTCOME, 0);
	pass = strcmp(d->outcome, "pass") == 0;
	if (!units_note_ok(d->notes, !pass))
		return fault_set(f, APP_INVALID, "notes", d->notes == NULL ||
		    str_trim(str_from(d->notes)).n == 0 ? MSG_ERR_UNIT_NOTES :
		    MSG_ERR_UNIT_NOTE_LONG, 0);
	held = d->held_on != NULL && d->held_on[0] != '\0' ? d->held_on : units_today(c);
	if (past_day(c, held) != 0)
		return fault_set(f, APP_INVALID, "held_on", MSG_ERR_UNIT_DATE, 0);
	if (d->has_score && (d->score < 0 || d->score > 1000))
		return fault_set(f, APP_INVALID, "score", MSG_ERR_UNIT_STAGE_SCORE, 0);
	if ((er = step_begin(c, id, &r, f)) != APP_OK)
		return er;
	if (!unit_app_decidable(r.state))
		return step_refused(c, MSG_ERR_UNIT_STAGE, NULL, UNITS_RULE_PROCESS, f);
	if (!pass && !unit_app_can_fail(r.state))
		return step_refused(c, MSG_ERR_UNIT_CANNOT_FAIL, "outcome", UNITS_RULE_PROCESS, f);
	/* 申报方式: the stamped paper copy comes with the online application. */
	if (pass && r.state == UAS_MATERIAL_REVIEW && r.paper_received_on[0] == '\0')
		return step_refused(c, MSG_ERR_UNIT_PAPER, "paper_received_on",
		    UNITS_RULE_FILING, f);
	to = pass ? (enum unit_app_state)unit_app_next(r.state) : UAS_REJECTED;
	tell = pass ? MSG_UNIT_NOTICE_PASSED : MSG_UNIT_NOTICE_REJECTED;
	if (pass && r.state == UAS_CERTIFICATION) {
		if ((er = certify(c, &r, number)) != APP_OK)
			goto fail;
		tell = MSG_UNIT_NOTICE_CERTIFIED;
	} else if (pass && r.state == UAS_ANNOUNCEMENT) {
		/* 公告: the unit goes on the public list. */
		if ((er = store_unit_announce(c->st, r.unit_id, c->now)) != APP_OK ||
		    (er = units_mark_public(c)) != APP_OK)
			goto fail;
		announced = true;
		tell = MSG_UNIT_NOTICE_ANNOUNCED;
	}
	memset(&s, 0, sizeof(s));
	s.application_id = r.id;
	s.stage = unit_app_state_name(r.state);
	s.outcome = pass ? "passed" : "failed";
	s.reviewer_id = units_actor(c);
	s.notes = d->notes != NULL ? d->notes : "";
	s.held_on = held;
	s.has_score = d->has_score;
	s.score = d->score;
	s.decided_at = c->now;
	if ((er = store_unit_app_move(c->st, r.id, r.state, to, c->now)) != APP_OK ||
	    (er = store_unit_stage_add(c->st, &s)) != APP_OK ||
	    (er = store_audit_add(c->st, units_actor(c), "unit_app.decide",
	    app_subject(c, r.id), arena_printf(c->a, "stage=%s outcome=%s%s%s",
	    s.stage, s.outcome, number[0] ? " certificate=" : "", number),
	    c->addr != NULL ? c->addr : "", c->now)) != APP_OK ||
	    (er = units_tell_user(c, r.applicant_id, app_subject(c, r.id), tell, r.id,
	    app_path(c, r.id))) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK)
		goto fail;
	if (announced)
		pubgen_bump();
	log_info("event=unit_app_decided id=%s stage=%s outcome=%s", r.id, s.stage, s.outcome);
	if ((er = view_fill(c, r.id, true, out)) != APP_OK)
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT_APP);
	return APP_OK;
fail:
	store_rollback(c->st);
	return units_stored(f, er == APP_NOTFOUND ? APP_CONFLICT : er, MSG_ERR_NO_SUCH_UNIT_APP);
}

enum app_err
svc_unit_app_paper(const struct svc_ctx *c, const char *id, const char *day,
    struct unit_app_view *out, struct fault *f)
{
	struct unit_app_row	r;
	enum app_err		er;

	memset(out, 0, sizeof(*out));
	if ((er = units_staff(c, f)) != APP_OK)
		return er;
	if (past_day(c, day) != 0)
		return fault_set(f, APP_INVALID, "paper_received_on", MSG_ERR_UNIT_DATE, 0);
	if ((er = step_begin(c, id, &r, f)) != APP_OK)
		return er;
	if (!unit_app_decidable(r.state))
		return step_refused(c, MSG_ERR_UNIT_STAGE, NULL, UNITS_RULE_PROCESS, f);
	if ((er = store_unit_app_paper(c->st, r.id, day, c->now)) != APP_OK ||
	    (er = store_audit_add(c->st, units_actor(c), "unit_app.paper", app_subject(c, r.id),
	    arena_printf(c->a, "received_on=%s", day), c->addr != NULL ? c->addr : "",
	    c->now)) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK) {
		store_rollback(c->st);
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT_APP);
	}
	if ((er = view_fill(c, r.id, true, out)) != APP_OK)
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT_APP);
	return APP_OK;
}

enum app_err
svc_unit_app_withdraw(const struct svc_ctx *c, const char *id, const char *reason,
    struct unit_app_view *out, struct fault *f)
{
	struct unit_app_row	r;
	struct unit_stage_row	s;
	enum app_err		er;

	memset(out, 0, sizeof(*out));
	if (!svc_units_on(c))
		return units_not_here(f);
	if (id == NULL || !report_id_valid(str_from(id)))
		return no_such(f);
	if (!units_note_ok(reason, false))
		return fault_set(f, APP_INVALID, "reason", MSG_ERR_UNIT_NOTE_LONG, 0);
	if ((er = store_begin(c->st)) != APP_OK)
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT_APP);
	if ((er = store_unit_app_get(c->st, c->a, id, &r, NULL)) != APP_OK) {
		store_rollback(c->st);
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT_APP);
	}
	/* The applying organisation withdraws; to anyone else it is not there. */
	if (!units_member(c, r.org_id)) {
		store_rollback(c->st);
		return no_such(f);
	}
	if (!unit_app_withdrawable(r.state))
		return step_refused(c, MSG_ERR_UNIT_WITHDRAW, NULL, UNITS_RULE_PROCESS, f);
	memset(&s, 0, sizeof(s));
	s.application_id = r.id;
	s.stage = "withdrawn";
	s.outcome = "withdrawn";
	s.reviewer_id = units_actor(c);
	s.notes = reason != NULL ? reason : "";
	s.held_on = units_today(c);
	s.decided_at = c->now;
	if ((er = store_unit_app_move(c->st, r.id, r.state, UAS_WITHDRAWN, c->now)) != APP_OK ||
	    (er = store_unit_stage_add(c->st, &s)) != APP_OK ||
	    (er = store_audit_add(c->st, units_actor(c), "unit_app.withdraw",
	    app_subject(c, r.id), arena_printf(c->a, "from=%s",
	    unit_app_state_name(r.state)), c->addr != NULL ? c->addr : "", c->now)) !=
	    APP_OK ||
	    (er = units_tell_staff(c, app_subject(c, r.id), MSG_UNIT_NOTICE_WITHDRAWN,
	    r.id)) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK) {
		store_rollback(c->st);
		return units_stored(f, er == APP_NOTFOUND ? APP_CONFLICT : er,
		    MSG_ERR_NO_SUCH_UNIT_APP);
	}
	if ((er = view_fill(c, r.id, true, out)) != APP_OK)
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT_APP);
	return APP_OK;
}
