/*
 * Support units (支撑单位, issue 9; R40; the CAPPVD notice): what other
 * areas call (svc/units.h's first block and the hooks), the configuration,
 * the star-level evaluation with its annual run, and the awards.  The
 * applications are in units_app.c, the units, certificates and tasks in
 * units_unit.c; what they share is units_int.h.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/calendar.h"
#include "core/config.h"
#include "core/log.h"
#include "core/pubgen.h"
#include "core/utf8.h"
#include "crypto/crypto.h"
#include "domain/authz.h"
#include "domain/report.h"
#include "svc/notices.h"
#include "units_int.h"

/* Units one evaluation or award computation reads at most. */
#define UNITS_ALL_MAX	10000

/* The meta key remembering the year of the last annual evaluation. */
#define META_EVAL_YEAR	"units_evaluated_year"

/* --- shared (units_int.h) --- */

bool
svc_units_on(const struct svc_ctx *c)
{
	return c->cfg->role == ROLE_REGISTRY;
}

enum app_err
units_not_here(struct fault *f)
{
	return fault_set(f, APP_NOTFOUND, NULL, MSG_ERR_UNITS_OFF, 0);
}

enum app_err
units_stored(struct fault *f, enum app_err er, enum msg_id notfound)
{
	if (er == APP_NOTFOUND)
		return fault_set(f, APP_NOTFOUND, NULL, notfound, 0);
	return fault_set(f, er == APP_OK ? APP_STORE : er, NULL, MSG_ERR_STORE, 0);
}

enum app_err
units_refuse(struct fault *f, enum app_err er, const char *field, enum msg_id m,
    const char *rule)
{
	fault_set(f, er, field, m, 0);
	f->rule = rule;
	return er;
}

enum app_err
units_staff(const struct svc_ctx *c, struct fault *f)
{
	if (!svc_units_on(c))
		return units_not_here(f);
	return svc_staff(c, f);
}

int64_t
units_actor(const struct svc_ctx *c)
{
	return c->actor != NULL ? c->actor->id : 0;
}

const char *
units_today(const struct svc_ctx *c)
{
	char	buf[16];

	date_format(date_of_time(c->now), buf, sizeof(buf));
	return arena_strdup(c->a, buf);
}

bool
units_member(const struct svc_ctx *c, int64_t org_id)
{
	return c->actor != NULL && org_id != 0 && c->actor->org_id == org_id &&
	    !c->actor->disabled;
}

bool
units_note_ok(const char *s, bool required)
{
	size_t	n;

	if (s == NULL || str_trim(str_from(s)).n == 0)
		return !required;
	n = strlen(s);
	return utf8_text(s, n, true) && utf8_count(s, n) <= UNIT_NOTE_MAX;
}

/* Both languages of a notice, zh first; m takes arg. */
static const char *
notice_text(const struct svc_ctx *c, enum msg_id m, const char *arg)
{
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	return arena_printf(c->a, "%s\n%s", arena_printf(c->a, msg(LANG_ZH, m), arg),
	    arena_printf(c->a, msg(LANG_EN, m), arg));
#pragma GCC diagnostic pop
}

/* A mail that says something happened and where to read it: never any detail. */
static enum app_err
mail(const struct svc_ctx *c, const char *to, enum msg_id m, const char *arg,
    const char *path)
{
	if (to == NULL || to[0] == '\0')
		return APP_OK;
	return store_outbox_add(c->st, to,
	    arena_printf(c->a, "[%s] 支撑单位 / Support units", svc_library_name(c->cfg)),
	    arena_printf(c->a, "%s\n\n详情请登录查看 / Details (login required): %s%s\n\n"
	    SVC_MAIL_NO_DETAILS, notice_text(c, m, arg), c->cfg->base_url, path), c->now);
}

enum app_err
units_tell_user(const struct svc_ctx *c, int64_t user_id, const char *subject,
    enum msg_id m, const char *arg, const char *path)
{
	struct user	u;
	enum app_err	er;

	if (user_id == 0)
		return APP_OK;
	if ((er = store_user_by_id(c->st, c->a, user_id, &u)) == APP_NOTFOUND)
		return APP_OK;
	if (er != APP_OK)
		return er;
	if (u.disabled)
		return APP_OK;
	if ((er = svc_notice_user(c, user_id, UNITS_NOTICE_KIND, subject,
	    notice_text(c, m, arg))) != APP_OK)
		return er;
	return mail(c, u.email, m, arg, path);
}

enum app_err
units_tell_org(const struct svc_ctx *c, int64_t org_id, const char *subject, enum msg_id m,
    const char *arg, const char *path)
{
	const char	**to;
	size_t		  n, i;
	enum app_err	  er;

	if ((er = svc_notice_org(c, org_id, UNITS_NOTICE_KIND, subject, notice_text(c, m, arg),
	    &n)) != APP_OK ||
	    (er = store_org_member_emails(c->st, c->a, org_id, &to, &n)) != APP_OK)
		return er;
	for (i = 0; i < n; i++)
		if ((er = mail(c, to[i], m, arg, path)) != APP_OK)
			return er;
	return APP_OK;
}

enum app_err
units_tell_staff(const struct svc_ctx *c, const char *subject, enum msg_id m, const char *arg)
{
	size_t	n;

	return svc_notice_staff(c, UNITS_NOTICE_KIND, subject, notice_text(c, m, arg), &n);
}

void
units_weights(const struct svc_ctx *c, struct unit_weights *w)
{
	char	err[160];

	if (unit_weights_parse(c->cfg->unit_weights, w, err, sizeof(err)) != 0)
		log_err("event=unit_weights_bad error=\"%s\"", err);
}

void
units_thresholds(const struct svc_ctx *c, struct unit_thresholds *t)
{
	char	err[160];

	if (unit_thresholds_parse(c->cfg->unit_star_thresholds, t, err, sizeof(err)) != 0)
		log_err("event=unit_thresholds_bad error=\"%s\"", err);
}

enum app_err
units_cert_issue(const struct svc_ctx *c, const struct unit_row *u, int level,
    const char *issued_on, char number[64], char valid_until[11])
{
	struct unit_cert_row	cr;
	int64_t			day, seq = 0;
	int			y, m, d;
	enum app_err		er;

	if (date_parse(issued_on, strlen(issued_on), &day) != 0 ||
	    !unit_valid_until(issued_on, c->cfg->unit_validity_months, valid_until))
		return APP_INTERNAL;
	date_to_ymd(day, &y, &m, &d);
	if ((er = store_unit_cert_next_seq(c->st, y, &seq)) != APP_OK)
		return er;
	if (!unit_cert_number(number, 64, c->cfg->unit_cert_prefix, y, seq))
		return APP_INTERNAL;
	memset(&cr, 0, sizeof(cr));
	cr.number = number;
	cr.unit_id = u->id;
	cr.unit_name = u->name;
	cr.type = u->type;
	cr.level = level;
	cr.issued_on = issued_on;
	cr.valid_until = valid_until;
	cr.issued_by = units_actor(c);
	cr.created_at = c->now;
	if ((er = store_unit_cert_issue(c->st, &cr, y, seq)) != APP_OK)
		return er;
	return store_audit_add(c->st, units_actor(c), "unit.certificate",
	    arena_printf(c->a, "unit:%lld", (long long)u->id),
	    arena_printf(c->a, "number=%s level=%d valid_until=%s", number, level, valid_until),
	    c->addr != NULL ? c->addr : "", c->now);
}

enum app_err
units_mark_public(const struct svc_ctx *c)
{
	char	gen[48];

	snprintf(gen, sizeof(gen), "%lld.%llu", (long long)c->now,
	    (unsigned long long)crypto_random_uniform(1000000000u));
	return store_meta_set(c->st, "public_gen", gen);
}

/* --- the first block: what other areas call --- */

const char *
svc_library_name(const struct config *cfg)
{
	return cfg->library_name[0] != '\0' ? cfg->library_name : cfg->name;
}

enum app_err
svc_units_credit(const struct svc_ctx *c, int64_t org_id, enum unit_contrib k,
    const char *grade, const char *subject)
{
	struct unit_weights	 w;
	struct unit_row		*u;
	size_t			 n, i;
	int			 points;
	enum app_err		 er;

	if (!svc_units_on(c) || org_id == 0 || subject == NULL || (unsigned)k >= UC__MAX)
		return APP_OK;
	if (grade == NULL || unit_grade_parse(str_from(grade)) < 0)
		grade = "";
	units_weights(c, &w);
	if ((er = store_unit_by_org(c->st, c->a, org_id, &u, &n)) != APP_OK)
		return er;
	points = unit_weight_of(&w, k, grade);
	for (i = 0; i < n; i++) {
		if (u[i].status != US_ACTIVE)
			continue;
		if ((er = store_unit_credit(c->st, u[i].id, k, grade, subject, points, c->now,
		    units_actor(c), "")) != APP_OK)
			return er;
		/* A report graded anew counts with its new grade. */
		if (k == UC_REPORT && (er = store_unit_credit_regrade(c->st, u[i].id, subject,
		    grade, points)) != APP_OK)
			return er;
		log_info("event=unit_credited unit=%lld kind=%s subject=%s points=%d",
		    (long long)u[i].id, unit_contrib_name(k), subject, points);
	}
	return APP_OK;
}

enum app_err
svc_units_mine(const struct svc_ctx *c, struct unit_row **out, size_t *n)
{
	struct unit_row	*u;
	size_t		 m, i;
	enum app_err	 er;

	*out = NULL;
	*n = 0;
	if (!svc_units_on(c) || c->actor == NULL || c->actor->org_id == 0)
		return APP_OK;
	if ((er = store_unit_by_org(c->st, c->a, c->actor->org_id, &u, &m)) != APP_OK)
		return er;
	for (i = 0; i < m; i++)
		if (u[i].status == US_ACTIVE)
			u[(*n)++] = u[i];
	*out = *n > 0 ? u : NULL;
	return APP_OK;
}

const char *
units_grade_of(const struct svc_ctx *c, const char *subject)
{
	struct assessment	as;

	if (store_assessment_get(c->st, c->a, subject, &as) != APP_OK ||
	    as.comprehensive_grade == NULL)
		return "";
	return as.comprehensive_grade;
}

enum app_err
svc_units_credit_user(const struct svc_ctx *c, int64_t user_id, const char *subject)
{
	struct user	u;
	enum app_err	er;

	if (!svc_units_on(c) || user_id == 0)
		return APP_OK;
	if ((er = store_user_by_id(c->st, c->a, user_id, &u)) == APP_NOTFOUND)
		return APP_OK;
	if (er != APP_OK || u.org_id == 0)
		return er;
	return svc_units_credit(c, u.org_id, UC_REPORT, units_grade_of(c, subject), subject);
}

/* The organisation an item's ledger rows belong to (0: none). */
static enum app_err
item_org(const struct svc_ctx *c, const char *subject, int64_t *org)
{
	struct received_row	rr;
	struct report		r;
	struct sealed		d;
	struct user		u;
	enum app_err		er;

	*org = 0;
	if (strncmp(subject, "submission:", 11) == 0) {
		er = store_received_get(c->st, c->a, subject + 11, &rr, NULL);
		if (er == APP_OK)
			*org = rr.org_id;
	} else if (strncmp(subject, "report:", 7) == 0) {
		er = store_report_get(c->st, c->a, subject + 7, &r, &d);
		if (er == APP_OK && r.reporter_id != 0 &&
		    (er = store_user_by_id(c->st, c->a, r.reporter_id, &u)) == APP_OK)
			*org = u.org_id;
	} else
		return APP_OK;
	return er == APP_NOTFOUND ? APP_OK : er;
}

enum app_err
svc_units_regrade(const struct svc_ctx *c, const char *subject, const char *grade)
{
	struct unit_weights	 w;
	struct unit_row		*u;
	size_t			 n, i;
	int64_t			 org;
	enum app_err		 er;

	if (!svc_units_on(c) || subject == NULL)
		return APP_OK;
	if (grade == NULL || unit_grade_parse(str_from(grade)) < 0)
		grade = "";
	if ((er = item_org(c, subject, &org)) != APP_OK || org == 0)
		return er;
	units_weights(c, &w);
	if ((er = store_unit_by_org(c->st, c->a, org, &u, &n)) != APP_OK)
		return er;
	/* Only what was credited (accepted, verified) follows the new grade. */
	for (i = 0; i < n; i++)
		if ((er = store_unit_credit_regrade(c->st, u[i].id, subject, grade,
		    unit_weight_of(&w, UC_REPORT, grade))) != APP_OK)
			return er;
	return APP_OK;
}

/* --- configuration --- */

static struct unit_criteria	configured;
static _Atomic(const struct unit_criteria *) current;	/* NULL: the built-in */
static pthread_once_t		builtin_once = PTHREAD_ONCE_INIT;
static struct unit_criteria	builtin;

static void
builtin_versioned(void)
{
	const char	*text;
	size_t		 len;
	char		 hex[CRYPTO_HASH_HEX];

	builtin = *unit_criteria_builtin();
	unit_criteria_builtin_text(&text, &len);
	crypto_hash_hex(text, len, hex);
	snprintf(builtin.version, sizeof(builtin.version), "%s", hex);
}

const struct unit_criteria *
svc_units_criteria(void)
{
	const struct unit_criteria	*cs;

	if ((cs = atomic_load_explicit(&current, memory_order_acquire)) != NULL)
		return cs;
	(void)pthread_once(&builtin_once, builtin_versioned);
	return &builtin;
}

int
svc_units_configure(const struct config *cfg, const char *text, size_t len, char *err,
    size_t errsz)
{
	struct unit_thresholds	t;
	struct unit_weights	w;
	struct unit_award_rules	r;
	char			why[256], hex[CRYPTO_HASH_HEX];

	if (unit_thresholds_parse(cfg->unit_star_thresholds, &t, why, sizeof(why)) != 0) {
		snprintf(err, errsz, "[units] star_thresholds: %s", why);
		return -1;
	}
	if (unit_weights_parse(cfg->unit_weights, &w, why, sizeof(why)) != 0) {
		snprintf(err, errsz, "[units] weights: %s", why);
		return -1;
	}
	if (unit_award_rules_parse(cfg->unit_award_rules, &r, why, sizeof(why)) != 0) {
		snprintf(err, errsz, "[units] award_rules: %s", why);
		return -1;
	}
	if (text == NULL)
		return 0;
	if (atomic_load_explicit(&current, memory_order_acquire) != NULL)
		return 0;	/* taken once per process */
	if (unit_criteria_parse(text, len, &configured, why, sizeof(why)) != 0) {
		snprintf(err, errsz, "[units] criteria_file: %s", why);
		return -1;
	}
	crypto_hash_hex(text, len, hex);
	snprintf(configured.version, sizeof(configured.version), "%s", hex);
	atomic_store_explicit(&current, &configured, memory_order_release);
	return 0;
}

/* --- evaluation --- */

int64_t
units_months_before(int64_t day, int months)
{
	int	y, m, d, len;
	int64_t	mm;

	date_to_ymd(day, &y, &m, &d);
	mm = (int64_t)y * 12 + (m - 1) - months;
	y = (int)(mm / 12);
	m = (int)(mm % 12) + 1;
	len = (int)(date_from_ymd(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) -
	    date_from_ymd(y, m, 1));
	return date_from_ymd(y, m, d > len ? len : d);
}

static const char *
day_text(const struct svc_ctx *c, int64_t day)
{
	char	buf[16];

	date_format(day, buf, sizeof(buf));
	return arena_strdup(c->a, buf);
}

static const char *
counts_json(const struct svc_ctx *c, const struct unit_counts *k)
{
	return arena_printf(c->a, "{\"critical\":%lld,\"high\":%lld,\"medium\":%lld,"
	    "\"low\":%lld,\"ungraded\":%lld,\"warning\":%lld,\"verification\":%lld,"
	    "\"assistance\":%lld}", (long long)k->critical, (long long)k->high,
	    (long long)k->medium, (long long)k->low, (long long)k->ungraded,
	    (long long)k->warning, (long long)k->verification, (long long)k->assistance);
}

/* One unit's evaluation as of day, in its own transaction. */
static enum app_err
evaluate_one(const struct svc_ctx *c, int64_t unit_id, int64_t day, bool annual,
    struct unit_eval_result *res, bool *bump)
{
	struct unit_thresholds	 t;
	struct unit_weights	 w;
	struct unit_eval_row	 e;
	struct unit_row		 u;
	const char		*as_of = day_text(c, day), *subject;
	char			 number[64] = "", until[11];
	/* The period ends with the day of the evaluation: (day - months, day]. */
	int64_t			 from = units_months_before(day, c->cfg->unit_period_months) + 1;
	enum app_err		 er;

	units_thresholds(c, &t);
	units_weights(c, &w);
	memset(res, 0, sizeof(*res));
	if ((er = store_begin(c->st)) != APP_OK)
		return er;
	if ((er = store_unit_get(c->st, c->a, unit_id, &u)) != APP_OK)
		goto fail;
	if (u.status != US_ACTIVE) {
		er = APP_CONFLICT;
		goto fail;
	}
	res->unit_id = u.id;
	res->name = u.name;
	res->level_before = u.level;
	if ((er = store_unit_counts(c->st, u.id, date_start_time(from),
	    date_start_time(day + 1), &res->counts)) != APP_OK)
		goto fail;
	res->points = unit_points(&w, &res->counts);
	res->level_after = unit_level_for(&t, res->points, &res->below_minimum);
	memset(&e, 0, sizeof(e));
	e.unit_id = u.id;
	e.period_from = day_text(c, from);
	e.period_to = as_of;
	e.counts_json = counts_json(c, &res->counts);
	e.points = res->points;
	e.level_before = res->level_before;
	e.level_after = res->level_after;
	e.below_minimum = res->below_minimum;
	e.evaluated_at = c->now;
	e.evaluated_by = units_actor(c);
	subject = arena_printf(c->a, "support-unit:%lld", (long long)u.id);
	if ((er = store_unit_eval_add(c->st, &e)) != APP_OK)
		goto fail;
	if (res->level_after != res->level_before || annual) {
		/* A new level, or the year's renewal: a new certificate, a new validity. */
		if ((er = units_cert_issue(c, &u, res->level_after, as_of, number, until)) !=
		    APP_OK ||
		    (er = store_unit_set_level(c->st, u.id, res->level_after, u.certified_on,
		    until, as_of, c->now)) != APP_OK ||
		    (er = units_tell_org(c, u.org_id, subject, MSG_UNIT_NOTICE_EVALUATED, number,
		    arena_printf(c->a, "/support-units/%lld", (long long)u.id))) != APP_OK)
			goto fail;
		res->cert_number = arena_strdup(c->a, number);
		/* The list and the old certificate's verification page changed. */
		if ((er = units_mark_public(c)) != APP_OK)
			goto fail;
		*bump = true;
	} else {
		res->cert_number = "";
		if ((er = store_unit_set_evaluated(c->st, u.id, as_of, c->now)) != APP_OK)
			goto fail;
	}
	/* Below 一星: not removed, staff decide (a unit's level never drops below 1). */
	if (res->below_minimum && (er = units_tell_staff(c, subject, MSG_UNIT_NOTICE_BELOW,
	    u.name)) != APP_OK)
		goto fail;
	if ((er = store_audit_add(c->st, units_actor(c), "unit.evaluate", subject,
	    arena_printf(c->a, "as_of=%s points=%lld level=%d->%d%s%s%s", as_of,
	    (long long)res->points, res->level_before, res->level_after,
	    res->below_minimum ? " below_minimum" : "", number[0] ? " certificate=" : "",
	    number), c->addr != NULL ? c->addr : "", c->now)) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK)
		goto fail;
	log_info("event=unit_evaluated unit=%lld points=%lld level=%d->%d", (long long)u.id,
	    (long long)res->points, res->level_before, res->level_after);
	return APP_OK;
fail:
	store_rollback(c->st);
	return er;
}

enum app_err
svc_units_evaluate(const struct svc_ctx *c, int64_t unit_id, const char *as_of, bool annual,
    struct unit_eval_result **out, size_t *n, struct fault *f)
{
	struct unit_filter	 flt;
	struct unit_row		*u, one;
	size_t			 nu, i;
	int64_t			 day;
	bool			 bump = false;
	enum app_err		 er;

	*out = NULL;
	*n = 0;
	if ((er = units_staff(c, f)) != APP_OK)
		return er;
	if (as_of == NULL || as_of[0] == '\0')
		day = date_of_time(c->now);
	else if (date_parse(as_of, strlen(as_of), &day) != 0)
		return fault_set(f, APP_INVALID, "as_of", MSG_ERR_UNIT_AS_OF, 0);
	if (unit_id != 0) {
		if ((er = store_unit_get(c->st, c->a, unit_id, &one)) != APP_OK)
			return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT);
		if (one.status != US_ACTIVE)
			return units_refuse(f, APP_CONFLICT, NULL, MSG_ERR_UNIT_NOT_ACTIVE,
			    UNITS_RULE);
		u = &one;
		nu = 1;
	} else {
		memset(&flt, 0, sizeof(flt));
		flt.type = -1;
		flt.status = US_ACTIVE;
		flt.limit = UNITS_ALL_MAX;
		if ((er = store_unit_list(c->st, c->a, &flt, &u, &nu)) != APP_OK)
			return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT);
	}
	*out = arena_calloc(c->a, nu + 1, sizeof(**out));
	for (i = 0; i < nu; i++) {
		er = evaluate_one(c, u[i].id, day, annual, &(*out)[*n], &bump);
		if (er == APP_CONFLICT)
			continue;	/* changed status meanwhile */
		if (er != APP_OK) {
			if (bump)
				pubgen_bump();
			return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT);
		}
		(*n)++;
	}
	if (bump)
		pubgen_bump();
	return APP_OK;
}

/* The year of a YYYY-MM-DD day. */
static int
atoi_year(const char *day)
{
	return (day[0] - '0') * 1000 + (day[1] - '0') * 100 + (day[2] - '0') * 10 +
	    (day[3] - '0');
}

enum app_err
svc_units_tick(const struct svc_ctx *c, bool *ran)
{
	struct unit_eval_result	*res;
	struct svc_ctx		 sc = *c;
	struct fault		 f = { .er = APP_OK };
	const char		*last = NULL, *today;
	char			 year[8];
	int64_t			 n = 0;
	size_t			 nres;
	enum app_err		 er;

	*ran = false;
	if (!svc_units_on(c))
		return APP_OK;
	today = units_today(c);
	/* Certificates past their validity and not renewed. */
	if ((er = store_unit_expire(c->st, today, c->now, &n)) != APP_OK)
		return er;
	if (n > 0) {
		log_info("event=units_expired n=%lld", (long long)n);
		pubgen_bump();
	}
	snprintf(year, sizeof(year), "%.4s", today);
	if ((er = store_meta_get(c->st, c->a, META_EVAL_YEAR, &last)) != APP_OK &&
	    er != APP_NOTFOUND)
		return er;
	if (last == NULL || last[0] == '\0') {
		/*
		 * The first run of an installation: it starts counting from now.
		 * Past this year's evaluation day, the first annual run is next
		 * year's (its units were just certified); before it, this year's.
		 */
		snprintf(year, sizeof(year), "%04d", atoi_year(today) -
		    (strcmp(today + 5, c->cfg->unit_evaluation_day) < 0 ? 1 : 0));
		return store_meta_set(c->st, META_EVAL_YEAR, year);
	}
	if (strcmp(today + 5, c->cfg->unit_evaluation_day) < 0 || strcmp(last, year) >= 0)
		return APP_OK;
	/* The scheduler acts as the system. */
	sc.system = true;
	sc.actor = NULL;
	if ((er = svc_units_evaluate(&sc, 0, today, true, &res, &nres, &f)) != APP_OK)
		return er;
	if ((er = store_meta_set(c->st, META_EVAL_YEAR, year)) != APP_OK)
		return er;
	log_info("event=units_annual_evaluation year=%s units=%zu", year, nres);
	*ran = true;
	return APP_OK;
}

/* --- awards --- */

static bool
year_ok(int year)
{
	return year >= 2000 && year <= 9999;
}

enum app_err
svc_unit_awards_compute(const struct svc_ctx *c, int year, struct unit_award_row **out,
    size_t *n, struct fault *f)
{
	struct unit_award_rules	 rules;
	struct unit_weights	 w;
	struct unit_filter	 flt;
	struct unit_row		*u;
	struct unit_standing	*s;
	struct unit_candidate	*cand;
	size_t			 nu, i, nc;
	int64_t			 from, to;
	char			 err[256];
	enum app_err		 er;

	*out = NULL;
	*n = 0;
	if ((er = units_staff(c, f)) != APP_OK)
		return er;
	if (!year_ok(year))
		return fault_set(f, APP_INVALID, "year", MSG_ERR_UNIT_YEAR, 0);
	if (unit_award_rules_parse(c->cfg->unit_award_rules, &rules, err, sizeof(err)) != 0) {
		log_err("event=unit_award_rules_bad error=\"%s\"", err);
		return fault_set(f, APP_INTERNAL, NULL, MSG_ERR_INTERNAL, 0);
	}
	units_weights(c, &w);
	from = date_start_time(date_from_ymd(year, 1, 1));
	to = date_start_time(date_from_ymd(year + 1, 1, 1));
	memset(&flt, 0, sizeof(flt));
	flt.type = -1;
	flt.status = US_ACTIVE;
	flt.limit = UNITS_ALL_MAX;
	if ((er = store_begin(c->st)) != APP_OK)
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT);
	if ((er = store_unit_list(c->st, c->a, &flt, &u, &nu)) != APP_OK)
		goto fail;
	s = arena_calloc(c->a, nu + 1, sizeof(*s));
	cand = arena_calloc(c->a, nu * UA__MAX + 1, sizeof(*cand));
	for (i = 0; i < nu; i++) {
		s[i].unit_id = u[i].id;
		s[i].type = u[i].type;
		if ((er = store_unit_counts(c->st, u[i].id, from, to, &s[i].counts)) != APP_OK)
			goto fail;
		s[i].points = unit_points(&w, &s[i].counts);
	}
	nc = unit_award_candidates(&rules, s, nu, cand);
	if ((er = store_unit_award_clear(c->st, year)) != APP_OK)
		goto fail;
	for (i = 0; i < nc; i++)
		if ((er = store_unit_award_put(c->st, year, cand[i].award, s[cand[i].idx].unit_id,
		    cand[i].metric, cand[i].rank)) != APP_OK)
			goto fail;
	if ((er = store_audit_add(c->st, units_actor(c), "unit.awards.compute",
	    arena_printf(c->a, "awards:%d", year), arena_printf(c->a, "units=%zu candidates=%zu",
	    nu, nc), c->addr != NULL ? c->addr : "", c->now)) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK)
		goto fail;
	if ((er = store_unit_awards(c->st, c->a, year, NULL, out, n)) != APP_OK)
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT_AWARD);
	return APP_OK;
fail:
	store_rollback(c->st);
	return units_stored(f, er == APP_NOTFOUND ? APP_STORE : er, MSG_ERR_NO_SUCH_UNIT);
}

enum app_err
svc_unit_award_decide(const struct svc_ctx *c, int64_t id, bool confirm,
    struct unit_award_row *out, struct fault *f)
{
	struct unit_award_row	w;
	const char		*to = confirm ? "confirmed" : "dismissed";
	enum app_err		er;

	if ((er = units_staff(c, f)) != APP_OK)
		return er;
	if ((er = store_begin(c->st)) != APP_OK)
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT_AWARD);
	if ((er = store_unit_award_get(c->st, c->a, id, &w)) != APP_OK) {
		store_rollback(c->st);
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT_AWARD);
	}
	if (strcmp(w.state, "published") == 0) {
		store_rollback(c->st);
		return units_refuse(f, APP_CONFLICT, NULL, MSG_ERR_UNIT_AWARD_STATE, UNITS_RULE);
	}
	if ((er = store_unit_award_decide(c->st, id, to, units_actor(c), c->now)) != APP_OK ||
	    (er = store_audit_add(c->st, units_actor(c), "unit.award.decide",
	    arena_printf(c->a, "awards:%d", w.year), arena_printf(c->a,
	    "award=%s unit=%lld state=%s", unit_award_name(w.award), (long long)w.unit_id, to),
	    c->addr != NULL ? c->addr : "", c->now)) != APP_OK ||
	    (er = store_unit_award_get(c->st, c->a, id, out)) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK) {
		store_rollback(c->st);
		return units_stored(f, er == APP_NOTFOUND ? APP_CONFLICT : er,
		    MSG_ERR_NO_SUCH_UNIT_AWARD);
	}
	return APP_OK;
}

enum app_err
svc_unit_awards_publish(const struct svc_ctx *c, int year, int64_t *n, struct fault *f)
{
	enum app_err	er;

	*n = 0;
	if ((er = units_staff(c, f)) != APP_OK)
		return er;
	if (!year_ok(year))
		return fault_set(f, APP_INVALID, "year", MSG_ERR_UNIT_YEAR, 0);
	if ((er = store_begin(c->st)) != APP_OK)
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT_AWARD);
	if ((er = store_unit_award_publish(c->st, year, c->now, n)) != APP_OK ||
	    (er = store_audit_add(c->st, units_actor(c), "unit.awards.publish",
	    arena_printf(c->a, "awards:%d", year), arena_printf(c->a, "published=%lld",
	    (long long)*n), c->addr != NULL ? c->addr : "", c->now)) != APP_OK ||
	    (er = units_mark_public(c)) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK) {
		store_rollback(c->st);
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT_AWARD);
	}
	/* The public awards page changed. */
	pubgen_bump();
	log_info("event=unit_awards_published year=%d n=%lld", year, (long long)*n);
	return APP_OK;
}

enum app_err
svc_unit_awards(const struct svc_ctx *c, int year, bool published_only,
    struct unit_award_row **out, size_t *n, struct fault *f)
{
	enum app_err	er;

	*out = NULL;
	*n = 0;
	if (!svc_units_on(c))
		return units_not_here(f);
	if (!year_ok(year))
		return fault_set(f, APP_INVALID, "year", MSG_ERR_UNIT_YEAR, 0);
	if (!published_only && !svc_is_staff(c))
		published_only = true;
	if ((er = store_unit_awards(c->st, c->a, year, published_only ? "published" : NULL,
	    out, n)) != APP_OK)
		return units_stored(f, er, MSG_ERR_NO_SUCH_UNIT_AWARD);
	return APP_OK;
}
