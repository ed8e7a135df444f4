/*
 * Support units themselves (svc/units.h): the public list and page, the
 * staff's register-by-hand, suspension and revocation, the certificate and
 * its public verification, and the tasks of 权利义务 (verification for
 * technical units, handling assistance for governance units).
 */
#include <string.h>

#include "core/arena.h"
#include "core/calendar.h"
#include "core/config.h"
#include "core/log.h"
#include "core/pubgen.h"
#include "crypto/crypto.h"
#include "domain/report.h"
#include "office/certificate.h"
#include "units_int.h"

/* Tasks one listing returns at most. */
#define TASKS_MAX	500

static enum app_err
no_unit(struct fault *f)
{
	return fault_set(f, APP_NOTFOUND, NULL, MSG_ERR_NO_SUCH_UNIT, 0);
}

static enum app_err
no_task(struct fault *f)
{
	return fault_set(f, APP_NOTFOUND, NULL, MSG_ERR_NO_SUCH_UNIT_TASK, 0);
}

static const char *
unit_subject(const struct svc_ctx *c, int64_t id)
{
	return arena_printf(c->a, "support-unit:%lld", (long long)id);
}

static const char *
unit_path(const struct svc_ctx *c, int64_t id)
{
	return arena_printf(c->a, "/support-units/%lld", (long long)id);
}

/* What the public sees: an announced, active unit. */
static bool
public_unit(const struct unit_row *u)
{
	return u->announced_at != 0 && u->status == US_ACTIVE;
}

/* --- reading --- */

enum app_err
svc_unit_list(const struct svc_ctx *c, const struct unit_filter *flt, struct unit_row **out,
    size_t *n, struct fault *f)
{
	struct unit_filter	g = *flt;
	enum app_err		er;

	*out = NULL;
	*n = 0;
	if (!svc_units_on(c))
		return units_not_here(f);
	if (!svc_is_staff(c)) {
		g.announced = true;
		g.status = US_ACTIVE;
	}
	if (g.min_level < 0 || g.min_level > 4)
		return fault_set(f, APP_INVALID, "level", MSG_ERR_UNIT_LEVEL, 0);
	if (g.limit < 1 || g.limit > 1000)
		g.limit = 1000;
	if ((er = store_unit_list(c->st, c->a, &g, out, n)) != APP_OK)
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT);
	return APP_OK;
}

static const char *
day_text(const struct svc_ctx *c, int64_t day)
{
	char	buf[16];

	date_format(day, buf, sizeof(buf));
	return arena_strdup(c->a, buf);
}

enum app_err
svc_unit_get(const struct svc_ctx *c, int64_t id, struct unit_view *out, struct fault *f)
{
	struct unit_thresholds	t;
	struct unit_weights	w;
	int64_t			today, from;
	enum app_err		er;

	memset(out, 0, sizeof(*out));
	if (!svc_units_on(c))
		return units_not_here(f);
	if ((er = store_unit_get(c->st, c->a, id, &out->u)) != APP_OK)
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT);
	out->staff = svc_is_staff(c);
	out->member = units_member(c, out->u.org_id);
	if (!out->staff && !out->member && !public_unit(&out->u)) {
		memset(out, 0, sizeof(*out));
		return no_unit(f);
	}
	/* Where it stands now: the counts of the period an evaluation today would read. */
	units_thresholds(c, &t);
	units_weights(c, &w);
	today = date_of_time(c->now);
	from = units_months_before(today, c->cfg->unit_period_months) + 1;
	out->period_from = day_text(c, from);
	out->period_to = day_text(c, today);
	if ((er = store_unit_counts(c->st, out->u.id, date_start_time(from),
	    date_start_time(today + 1), &out->counts)) != APP_OK)
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT);
	out->points = unit_points(&w, &out->counts);
	out->level_for_points = unit_level_for(&t, out->points, &out->below_minimum);
	out->next_threshold = unit_next_threshold(&t, out->u.level);
	if (!out->staff && !out->member)
		return APP_OK;
	if ((er = store_unit_certs(c->st, c->a, out->u.id, &out->certs, &out->ncerts)) !=
	    APP_OK ||
	    (er = store_unit_evals(c->st, c->a, out->u.id, 20, &out->evals, &out->nevals)) !=
	    APP_OK ||
	    (er = store_unit_tasks(c->st, c->a, out->u.id, NULL, 50, &out->tasks,
	    &out->ntasks)) != APP_OK)
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT);
	return APP_OK;
}

/* --- the staff's changes --- */

enum app_err
svc_unit_register(const struct svc_ctx *c, const struct unit_register *in, struct unit_row *out,
    struct fault *f)
{
	struct unit_row	 u, *old;
	struct org	 o;
	char		 number[64], until[11];
	const char	*today;
	size_t		 n, i;
	int		 t;
	int64_t		 day;
	bool		 reuse = false;
	enum app_err	 er;

	memset(out, 0, sizeof(*out));
	if ((er = units_staff(c, f)) != APP_OK)
		return er;
	if (in->type == NULL || (t = unit_type_parse(str_from(in->type))) < 0)
		return fault_set(f, APP_INVALID, "type", MSG_ERR_UNIT_TYPE, 0);
	if (in->level < 1 || in->level > 4)
		return fault_set(f, APP_INVALID, "level", MSG_ERR_UNIT_LEVEL, 0);
	if (in->certified_on == NULL || date_parse(in->certified_on, strlen(in->certified_on),
	    &day) != 0 || day > date_of_time(c->now))
		return fault_set(f, APP_INVALID, "certified_on", MSG_ERR_UNIT_DATE, 0);
	if (in->name != NULL && in->name[0] != '\0' && !units_note_ok(in->name, true))
		return fault_set(f, APP_INVALID, "name", MSG_ERR_UNIT_NOTE_LONG, 0);
	if (in->org == NULL || in->org[0] == '\0' || strlen(in->org) > 64)
		return fault_set(f, APP_INVALID, "org", MSG_ERR_UNIT_ORG, 0);
	today = units_today(c);
	if ((er = store_begin(c->st)) != APP_OK)
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT);
	if ((er = store_org_by_slug(c->st, c->a, in->org, &o)) != APP_OK) {
		store_rollback(c->st);
		if (er == APP_NOTFOUND)
			return fault_set(f, APP_INVALID, "org", MSG_ERR_UNIT_ORG, 0);
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT);
	}
	if ((er = store_unit_by_org(c->st, c->a, o.id, &old, &n)) != APP_OK)
		goto fail;
	memset(&u, 0, sizeof(u));
	for (i = 0; i < n; i++)
		if (old[i].type == (enum unit_type)t) {
			if (old[i].status == US_ACTIVE || old[i].status == US_SUSPENDED) {
				store_rollback(c->st);
				return units_refuse(f, APP_CONFLICT, "org", MSG_ERR_UNIT_EXISTS,
				    UNITS_RULE_PROCESS);
			}
			u = old[i];
			reuse = true;
		}
	u.org_id = o.id;
	u.type = (enum unit_type)t;
	u.name = in->name != NULL && in->name[0] != '\0' ? in->name : o.name;
	u.level = (int)in->level;
	u.status = US_ACTIVE;
	u.application_id = "";
	u.certified_on = in->certified_on;
	u.valid_until = today;
	u.announced_at = in->announce ? c->now : 0;
	u.created_at = c->now;
	if (!reuse && (er = store_unit_insert(c->st, &u, &u.id)) != APP_OK)
		goto fail;
	if (reuse && ((er = store_unit_set_status(c->st, u.id, US_ACTIVE, c->now)) != APP_OK ||
	    (in->announce && (er = store_unit_announce(c->st, u.id, c->now)) != APP_OK)))
		goto fail;
	/* Certified before Loudong: the Loudong certificate starts today. */
	if ((er = units_cert_issue(c, &u, u.level, today, number, until)) != APP_OK ||
	    (er = store_unit_set_level(c->st, u.id, u.level, u.certified_on, until, NULL,
	    c->now)) != APP_OK ||
	    (er = store_audit_add(c->st, units_actor(c), "unit.register", unit_subject(c, u.id),
	    arena_printf(c->a, "org=%s type=%s level=%d certified_on=%s certificate=%s",
	    o.slug, unit_type_name(u.type), u.level, u.certified_on, number),
	    c->addr != NULL ? c->addr : "", c->now)) != APP_OK ||
	    (er = units_tell_org(c, o.id, unit_subject(c, u.id), MSG_UNIT_NOTICE_REGISTERED,
	    number, unit_path(c, u.id))) != APP_OK ||
	    (in->announce && (er = units_mark_public(c)) != APP_OK) ||
	    (er = store_unit_get(c->st, c->a, u.id, out)) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK)
		goto fail;
	if (in->announce)
		pubgen_bump();
	log_info("event=unit_registered unit=%lld org=%s certificate=%s", (long long)u.id,
	    o.slug, number);
	return APP_OK;
fail:
	store_rollback(c->st);
	return units_stored(f, er == APP_NOTFOUND ? APP_CONFLICT : er, MSG_ERR_NO_SUCH_UNIT);
}

enum app_err
svc_unit_set_status(const struct svc_ctx *c, int64_t id, const char *status, const char *reason,
    struct unit_row *out, struct fault *f)
{
	struct unit_row	u;
	int		s;
	enum app_err	er;

	memset(out, 0, sizeof(*out));
	if ((er = units_staff(c, f)) != APP_OK)
		return er;
	s = status != NULL ? unit_status_parse(str_from(status)) : -1;
	if (s < 0 || s == US_EXPIRED)
		return fault_set(f, APP_INVALID, "status", MSG_ERR_UNIT_STATUS, 0);
	if (!units_note_ok(reason, true))
		return fault_set(f, APP_INVALID, "reason", reason == NULL ||
		    str_trim(str_from(reason)).n == 0 ? MSG_ERR_UNIT_REASON :
		    MSG_ERR_UNIT_NOTE_LONG, 0);
	if ((er = store_begin(c->st)) != APP_OK)
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT);
	if ((er = store_unit_get(c->st, c->a, id, &u)) != APP_OK) {
		store_rollback(c->st);
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT);
	}
	/* A revoked unit stays revoked: it applies again. */
	if (u.status == (enum unit_status)s || u.status == US_REVOKED) {
		store_rollback(c->st);
		return units_refuse(f, APP_CONFLICT, "status", MSG_ERR_UNIT_STATUS, UNITS_RULE);
	}
	if ((er = store_unit_set_status(c->st, u.id, (enum unit_status)s, c->now)) != APP_OK ||
	    (s == US_REVOKED && (er = store_unit_cert_revoke(c->st, u.id)) != APP_OK) ||
	    (er = store_audit_add(c->st, units_actor(c), "unit.status", unit_subject(c, u.id),
	    arena_printf(c->a, "from=%s to=%s reason=%s", unit_status_name(u.status),
	    unit_status_name((enum unit_status)s), reason), c->addr != NULL ? c->addr : "",
	    c->now)) != APP_OK ||
	    (er = units_tell_org(c, u.org_id, unit_subject(c, u.id), MSG_UNIT_NOTICE_STATUS,
	    unit_status_name((enum unit_status)s), unit_path(c, u.id))) != APP_OK ||
	    /* The list and the certificate's verification page change. */
	    (er = units_mark_public(c)) != APP_OK ||
	    (er = store_unit_get(c->st, c->a, u.id, out)) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK) {
		store_rollback(c->st);
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT);
	}
	pubgen_bump();
	log_info("event=unit_status unit=%lld status=%s", (long long)u.id,
	    unit_status_name((enum unit_status)s));
	return APP_OK;
}

/* --- certificates --- */

enum app_err
svc_unit_certificate(const struct svc_ctx *c, int64_t id, struct unit_row *u,
    struct unit_cert_row *cert, struct fault *f)
{
	enum app_err	er;

	memset(cert, 0, sizeof(*cert));
	if (!svc_units_on(c))
		return units_not_here(f);
	if ((er = store_unit_get(c->st, c->a, id, u)) != APP_OK)
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT);
	if (!public_unit(u) && !svc_is_staff(c) && !units_member(c, u->org_id))
		return no_unit(f);
	if (u->cert_number[0] == '\0')
		return fault_set(f, APP_NOTFOUND, NULL, MSG_ERR_NO_SUCH_UNIT_CERT, 0);
	if ((er = store_unit_cert_get(c->st, c->a, u->cert_number, cert)) != APP_OK)
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT_CERT);
	return APP_OK;
}

/* One field of the rendering key, with its length so no two inputs run together. */
static void
key_add(struct sbuf *sb, const char *s)
{
	sbuf_addf(sb, "%zu:", strlen(s));
	sbuf_addstr(sb, s);
}

enum app_err
svc_unit_certificate_pdf(const struct svc_ctx *c, int64_t id, struct unit_cert_row *cert,
    const unsigned char **pdf, size_t *len, struct fault *f)
{
	struct unit_row	 u;
	struct cert_doc	 d;
	struct sbuf	 key, out;
	char		 hex[CRYPTO_HASH_HEX], err[256], lv[4];
	enum app_err	 er;

	*pdf = NULL;
	*len = 0;
	if ((er = svc_unit_certificate(c, id, &u, cert, f)) != APP_OK)
		return er;
	memset(&d, 0, sizeof(d));
	d.library = svc_library_name(c->cfg);
	d.issuer = c->cfg->unit_issuer[0] != '\0' ? c->cfg->unit_issuer : d.library;
	d.number = cert->number;
	d.unit_name = cert->unit_name;
	d.type_zh = msg(LANG_ZH, unit_type_label(cert->type));
	d.type_en = msg(LANG_EN, unit_type_label(cert->type));
	d.level = cert->level;
	d.issued_on = cert->issued_on;
	d.valid_until = cert->valid_until;
	d.verify_url = arena_printf(c->a, "%s/support-units/verify/%s", c->cfg->base_url,
	    cert->number);
	d.font = c->cfg->unit_font;
	snprintf(lv, sizeof(lv), "%d", d.level);
	sbuf_init(&key, c->a, 4096);
	key_add(&key, d.library);
	key_add(&key, d.issuer);
	key_add(&key, d.number);
	key_add(&key, d.unit_name);
	key_add(&key, d.type_zh);
	key_add(&key, d.type_en);
	key_add(&key, lv);
	key_add(&key, d.issued_on);
	key_add(&key, d.valid_until);
	key_add(&key, d.verify_url);
	key_add(&key, d.font);
	if (sbuf_err(&key) != APP_OK)
		return fault_set(f, APP_STORE, NULL, MSG_ERR_STORE, 0);
	crypto_hash_hex(key.buf, key.len, hex);
	er = store_unit_cert_pdf_get(c->st, c->a, cert->number, hex, pdf, len);
	if (er != APP_NOTFOUND)
		return er == APP_OK ? APP_OK : units_stored(f, er, MSG_ERR_NO_SUCH_UNIT_CERT);
	sbuf_init(&out, c->a, 16u << 20);
	err[0] = '\0';
	if (office_certificate_pdf(&d, &out, err, sizeof(err)) != 0 || sbuf_err(&out) != APP_OK) {
		log_err("event=certificate_render number=%s error=\"%s\"", cert->number,
		    err[0] != '\0' ? err : "too large");
		fault_set(f, APP_STORE, NULL, MSG_ERR_UNIT_CERT_RENDER, 0);
		f->sarg = arena_strdup(c->a, err[0] != '\0' ? err : "-");
		return APP_STORE;
	}
	/* Kept for the next download; a failure to keep it costs only a rendering. */
	if ((er = store_unit_cert_pdf_put(c->st, cert->number, hex, out.buf, out.len)) != APP_OK)
		log_err("event=certificate_keep number=%s error=%s", cert->number,
		    app_strerror(er));
	*pdf = (const unsigned char *)out.buf;
	*len = out.len;
	return APP_OK;
}

enum app_err
svc_unit_cert_verify(const struct svc_ctx *c, const char *number, struct unit_cert_row *out,
    const char **verdict, struct fault *f)
{
	enum app_err	er;

	*verdict = NULL;
	memset(out, 0, sizeof(*out));
	if (!svc_units_on(c))
		return units_not_here(f);
	if (number == NULL || number[0] == '\0' || strlen(number) > 63)
		return fault_set(f, APP_NOTFOUND, NULL, MSG_ERR_NO_SUCH_UNIT_CERT, 0);
	if ((er = store_unit_cert_get(c->st, c->a, number, out)) != APP_OK)
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT_CERT);
	if (strcmp(out->status, "valid") != 0)
		*verdict = out->status;		/* superseded, revoked */
	else if (strcmp(out->valid_until, units_today(c)) < 0)
		*verdict = "expired";
	else
		*verdict = "valid";
	return APP_OK;
}

/* --- tasks --- */

/* Does subject name a 报送 (submission:<id>) or a report (report:<id>) held here? */
static enum app_err
subject_known(const struct svc_ctx *c, const char *subject)
{
	struct received_row	rr;
	struct report_brief	rb;

	if (subject == NULL || strlen(subject) > 100)
		return APP_NOTFOUND;
	if (strncmp(subject, "submission:", 11) == 0 && report_id_valid(str_from(subject + 11)))
		return store_received_get(c->st, c->a, subject + 11, &rr, NULL);
	if (strncmp(subject, "report:", 7) == 0 && report_id_valid(str_from(subject + 7)))
		return store_report_brief(c->st, c->a, subject + 7, &rb);
	return APP_NOTFOUND;
}

static const char *
task_subject(const struct svc_ctx *c, int64_t id)
{
	return arena_printf(c->a, "support-unit-task:%lld", (long long)id);
}

enum app_err
svc_unit_task_assign(const struct svc_ctx *c, const struct unit_task_new *in,
    struct unit_task_row *out, struct fault *f)
{
	struct unit_task_row	t;
	struct unit_row		u;
	int			k;
	enum app_err		er;

	memset(out, 0, sizeof(*out));
	if ((er = units_staff(c, f)) != APP_OK)
		return er;
	k = in->kind != NULL ? unit_contrib_parse(str_from(in->kind)) : -1;
	if (k != UC_VERIFICATION && k != UC_ASSISTANCE)
		return fault_set(f, APP_INVALID, "kind", MSG_ERR_UNIT_TASK_KIND, 0);
	if (!units_note_ok(in->brief, true))
		return fault_set(f, APP_INVALID, "brief", in->brief == NULL ||
		    str_trim(str_from(in->brief)).n == 0 ? MSG_ERR_FIELD_MISSING :
		    MSG_ERR_UNIT_NOTE_LONG, 0);
	if ((er = store_begin(c->st)) != APP_OK)
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT);
	if ((er = store_unit_get(c->st, c->a, in->unit_id, &u)) != APP_OK) {
		store_rollback(c->st);
		if (er == APP_NOTFOUND)
			return fault_set(f, APP_INVALID, "unit_id", MSG_ERR_NO_SUCH_UNIT, 0);
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT);
	}
	if (u.status != US_ACTIVE) {
		store_rollback(c->st);
		return units_refuse(f, APP_CONFLICT, "unit_id", MSG_ERR_UNIT_NOT_ACTIVE, UNITS_RULE);
	}
	/* 权利义务: verification is a technical unit's duty, assistance a governance unit's. */
	if (k == UC_VERIFICATION && u.type != UNIT_TECHNICAL) {
		store_rollback(c->st);
		return units_refuse(f, APP_CONFLICT, "kind", MSG_ERR_UNIT_TASK_TECHNICAL,
		    UNITS_RULE_TECHNICAL);
	}
	if (k == UC_ASSISTANCE && u.type != UNIT_GOVERNANCE) {
		store_rollback(c->st);
		return units_refuse(f, APP_CONFLICT, "kind", MSG_ERR_UNIT_TASK_GOVERNANCE,
		    UNITS_RULE_GOVERNANCE);
	}
	if ((er = subject_known(c, in->subject)) != APP_OK) {
		store_rollback(c->st);
		if (er == APP_NOTFOUND)
			return fault_set(f, APP_INVALID, "subject", MSG_ERR_UNIT_TASK_SUBJECT, 0);
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT);
	}
	memset(&t, 0, sizeof(t));
	t.unit_id = u.id;
	t.kind = (enum unit_contrib)k;
	t.subject = in->subject;
	t.grade = units_grade_of(c, in->subject);
	t.brief = in->brief;
	t.assigned_by = units_actor(c);
	t.assigned_at = c->now;
	if ((er = store_unit_task_insert(c->st, &t, &t.id)) != APP_OK ||
	    (er = store_audit_add(c->st, units_actor(c), "unit.task.assign",
	    task_subject(c, t.id), arena_printf(c->a, "unit=%lld kind=%s subject=%s",
	    (long long)u.id, unit_contrib_name(t.kind), t.subject),
	    c->addr != NULL ? c->addr : "", c->now)) != APP_OK ||
	    (er = units_tell_org(c, u.org_id, task_subject(c, t.id), MSG_UNIT_NOTICE_TASK,
	    arena_printf(c->a, "#%lld", (long long)t.id), "/support-units/mine")) != APP_OK ||
	    (er = store_unit_task_get(c->st, c->a, t.id, out)) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK) {
		store_rollback(c->st);
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT_TASK);
	}
	return APP_OK;
}

/* A step on a task, inside the transaction: the row; staff or (member) its unit's accounts. */
static enum app_err
task_begin(const struct svc_ctx *c, int64_t id, bool member, struct unit_task_row *t,
    struct fault *f)
{
	enum app_err	er;

	if (!svc_units_on(c))
		return units_not_here(f);
	if (!member && (er = svc_staff(c, f)) != APP_OK)
		return er;
	if ((er = store_begin(c->st)) != APP_OK)
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT_TASK);
	if ((er = store_unit_task_get(c->st, c->a, id, t)) != APP_OK) {
		store_rollback(c->st);
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT_TASK);
	}
	if (member && !units_member(c, t->org_id)) {
		store_rollback(c->st);
		return no_task(f);
	}
	return APP_OK;
}

static enum app_err
task_refused(const struct svc_ctx *c, struct fault *f)
{
	store_rollback(c->st);
	return units_refuse(f, APP_CONFLICT, NULL, MSG_ERR_UNIT_TASK_STATE, UNITS_RULE);
}

enum app_err
svc_unit_task_answer(const struct svc_ctx *c, int64_t id, const char *result,
    struct unit_task_row *out, struct fault *f)
{
	struct unit_task_row	t;
	enum app_err		er;

	memset(out, 0, sizeof(*out));
	if (!units_note_ok(result, true))
		return fault_set(f, APP_INVALID, "result", result == NULL ||
		    str_trim(str_from(result)).n == 0 ? MSG_ERR_FIELD_MISSING :
		    MSG_ERR_UNIT_NOTE_LONG, 0);
	if ((er = task_begin(c, id, true, &t, f)) != APP_OK)
		return er;
	if (strcmp(t.state, "assigned") != 0)
		return task_refused(c, f);
	if ((er = store_unit_task_done(c->st, id, result, c->now)) != APP_OK ||
	    (er = store_audit_add(c->st, units_actor(c), "unit.task.answer",
	    task_subject(c, id), "", c->addr != NULL ? c->addr : "", c->now)) != APP_OK ||
	    (er = units_tell_staff(c, task_subject(c, id), MSG_UNIT_NOTICE_TASK_DONE,
	    arena_printf(c->a, "#%lld", (long long)id))) != APP_OK ||
	    (er = store_unit_task_get(c->st, c->a, id, out)) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK) {
		store_rollback(c->st);
		return units_stored(f, er == APP_NOTFOUND ? APP_CONFLICT : er,
		    MSG_ERR_NO_SUCH_UNIT_TASK);
	}
	return APP_OK;
}

enum app_err
svc_unit_task_confirm(const struct svc_ctx *c, int64_t id, struct unit_task_row *out,
    struct fault *f)
{
	struct unit_task_row	 t;
	struct unit_weights	 w;
	const char		*grade;
	int			 points;
	enum app_err		 er;

	memset(out, 0, sizeof(*out));
	if ((er = task_begin(c, id, false, &t, f)) != APP_OK)
		return er;
	if (strcmp(t.state, "done") != 0)
		return task_refused(c, f);
	/* Credited with the item's grade as it is now. */
	grade = units_grade_of(c, t.subject);
	units_weights(c, &w);
	points = unit_weight_of(&w, t.kind, grade);
	if ((er = store_unit_task_confirm(c->st, id, grade, units_actor(c), c->now)) != APP_OK ||
	    (er = store_unit_credit(c->st, t.unit_id, t.kind, grade, arena_printf(c->a, "task:%lld", (long long)id),
	    points, c->now, units_actor(c), t.subject)) != APP_OK ||
	    (er = store_audit_add(c->st, units_actor(c), "unit.task.confirm",
	    task_subject(c, id), arena_printf(c->a, "unit=%lld kind=%s points=%d",
	    (long long)t.unit_id, unit_contrib_name(t.kind), points),
	    c->addr != NULL ? c->addr : "", c->now)) != APP_OK ||
	    (er = units_tell_org(c, t.org_id, task_subject(c, id),
	    MSG_UNIT_NOTICE_TASK_CONFIRMED, arena_printf(c->a, "#%lld", (long long)id),
	    "/support-units/mine")) != APP_OK ||
	    (er = store_unit_task_get(c->st, c->a, id, out)) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK) {
		store_rollback(c->st);
		return units_stored(f, er == APP_NOTFOUND ? APP_CONFLICT : er,
		    MSG_ERR_NO_SUCH_UNIT_TASK);
	}
	return APP_OK;
}

enum app_err
svc_unit_task_cancel(const struct svc_ctx *c, int64_t id, struct unit_task_row *out,
    struct fault *f)
{
	struct unit_task_row	t;
	enum app_err		er;

	memset(out, 0, sizeof(*out));
	if ((er = task_begin(c, id, false, &t, f)) != APP_OK)
		return er;
	if (strcmp(t.state, "assigned") != 0 && strcmp(t.state, "done") != 0)
		return task_refused(c, f);
	if ((er = store_unit_task_cancel(c->st, id, units_actor(c), c->now)) != APP_OK ||
	    (er = store_audit_add(c->st, units_actor(c), "unit.task.cancel",
	    task_subject(c, id), "", c->addr != NULL ? c->addr : "", c->now)) != APP_OK ||
	    (er = store_unit_task_get(c->st, c->a, id, out)) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK) {
		store_rollback(c->st);
		return units_stored(f, er == APP_NOTFOUND ? APP_CONFLICT : er,
		    MSG_ERR_NO_SUCH_UNIT_TASK);
	}
	return APP_OK;
}

enum app_err
svc_unit_tasks(const struct svc_ctx *c, int64_t unit_id, const char *state,
    struct unit_task_row **out, size_t *n, struct fault *f)
{
	static const char *const states[] = { "assigned", "done", "confirmed", "cancelled" };
	struct unit_task_row	*part;
	struct unit_row		*u;
	size_t			 nu, np, i, j, cap = 0;
	enum app_err		 er;

	*out = NULL;
	*n = 0;
	if (!svc_units_on(c))
		return units_not_here(f);
	if (state != NULL && state[0] == '\0')
		state = NULL;
	if (state != NULL && str_index(states, 4, str_from(state)) < 0)
		return fault_set(f, APP_INVALID, "state", MSG_ERR_FIELD_CHOICE, 0);
	if (svc_is_staff(c)) {
		if ((er = store_unit_tasks(c->st, c->a, unit_id, state, TASKS_MAX, out, n)) !=
		    APP_OK)
			return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT_TASK);
		return APP_OK;
	}
	if (c->actor == NULL || c->actor->org_id == 0)
		return unit_id != 0 ? no_unit(f) : APP_OK;
	if ((er = store_unit_by_org(c->st, c->a, c->actor->org_id, &u, &nu)) != APP_OK)
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT);
	for (i = 0; i < nu; i++) {
		if (unit_id != 0 && u[i].id != unit_id)
			continue;
		if ((er = store_unit_tasks(c->st, c->a, u[i].id, state, TASKS_MAX, &part, &np)) !=
		    APP_OK)
			return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT_TASK);
		for (j = 0; j < np; j++) {
			if (*n == cap) {
				struct unit_task_row	*grown;

				cap = cap ? 2 * cap : 16;
				grown = arena_calloc(c->a, cap, sizeof(*grown));
				if (*n > 0)
					memcpy(grown, *out, *n * sizeof(*grown));
				*out = grown;
			}
			(*out)[(*n)++] = part[j];
		}
	}
	return APP_OK;
}

enum app_err
svc_unit_task_get(const struct svc_ctx *c, int64_t id, struct unit_task_row *out,
    struct fault *f)
{
	enum app_err	er;

	memset(out, 0, sizeof(*out));
	if (!svc_units_on(c))
		return units_not_here(f);
	if ((er = store_unit_task_get(c->st, c->a, id, out)) != APP_OK)
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT_TASK);
	if (!svc_is_staff(c) && !units_member(c, out->org_id)) {
		memset(out, 0, sizeof(*out));
		return no_task(f);
	}
	return APP_OK;
}
