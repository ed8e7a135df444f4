#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/pack.h"
#include "crypto/crypto.h"
#include "domain/authz.h"
#include "store/store.h"
#include "svc/reporters.h"
#include "svc/seal.h"

/* "YYYYMMDD" of now in China, for the birth-date check of identity cards. */
static int32_t
today(int64_t now)
{
	struct tm	tm;
	time_t		t = (time_t)(now + 8 * 3600);

	if (gmtime_r(&t, &tm) == NULL)
		return 20000101;
	return (int32_t)((tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday);
}

/* The profile's row binding for sealing. */
static const char *
profile_ad(const struct svc_ctx *c, int64_t user_id)
{
	return arena_printf(c->a, "profile:%lld", (long long)user_id);
}

enum app_err
svc_profile_submit(const struct svc_ctx *c, const struct profile_in *in,
    struct reporter_profile *out, struct fault *f)
{
	struct sealed		 pii;
	const char		*fields[3];
	unsigned char		*plain;
	char			*idm, *phm;
	size_t			 n;
	enum msg_id		 m;
	int			 t;
	enum app_err		 er;

	memset(out, 0, sizeof(*out));
	if (c->actor == NULL)
		return fault_set(f, APP_UNAUTH, NULL, MSG_ERR_NEED_LOGIN, 0);
	if (c->actor->role != UROLE_REPORTER)
		return fault_set(f, APP_FORBIDDEN, NULL, MSG_ERR_NOT_REPORTER, 0);
	if ((m = reporter_name_check(str_from(in->real_name ? in->real_name : ""))) != MSG_OK)
		return fault_set(f, APP_INVALID, "real_name", m, 0);
	if (in->id_type == NULL || (t = id_type_parse(str_from(in->id_type))) < 0)
		return fault_set(f, APP_INVALID, "id_type", MSG_ERR_ID_TYPE, 0);
	if ((m = id_number_check((enum id_type)t, str_from(in->id_number ? in->id_number : ""),
	    today(c->now))) != MSG_OK)
		return fault_set(f, APP_INVALID, "id_number", m, 0);
	if ((m = phone_check(str_from(in->phone ? in->phone : ""))) != MSG_OK)
		return fault_set(f, APP_INVALID, "phone", m, 0);
	out->user_id = c->actor->id;
	out->login = c->actor->login;
	out->id_type = (enum id_type)t;
	n = strlen(in->id_number) + 1;
	idm = arena_alloc(c->a, n);
	id_number_mask(str_from(in->id_number), idm, n);
	n = strlen(in->phone) + 1;
	phm = arena_alloc(c->a, n);
	id_number_mask(str_from(in->phone), phm, n);
	out->id_masked = idm;
	out->phone_masked = phm;
	out->status = PSTATUS_PENDING;
	/* The three personal fields travel as one sealed record. */
	fields[0] = in->real_name;
	fields[1] = in->id_number;
	fields[2] = in->phone;
	plain = pack_strings(c->a, fields, 3, &n);
	svc_seal(c, plain, n, profile_ad(c, out->user_id), &pii);
	crypto_wipe(plain, n);
	if ((er = store_begin(c->st)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	er = store_profile_put(c->st, out, &pii, c->now);
	if (er == APP_OK)
		er = store_audit_add(c->st, c->actor->id, "profile.submit",
		    arena_printf(c->a, "user:%lld", (long long)out->user_id),
		    arena_printf(c->a, "id_type=%s", id_type_name(out->id_type)),
		    c->addr, c->now);
	if (er == APP_OK && (er = store_commit(c->st)) == APP_OK)
		return APP_OK;
	store_rollback(c->st);
	return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
}

enum app_err
svc_profile_get(const struct svc_ctx *c, int64_t user_id, bool unseal,
    struct reporter_profile *out, struct fault *f)
{
	struct sealed		 pii;
	unsigned char		*plain;
	const char		*fields[3];
	size_t			 n;
	bool			 staff;
	enum app_err		 er;

	if (c->actor == NULL)
		return fault_set(f, APP_UNAUTH, NULL, MSG_ERR_NEED_LOGIN, 0);
	staff = authz_allows(c->actor->role, PERM_REPORTERS_REVIEW);
	if (!staff && c->actor->id != user_id)
		return fault_set(f, APP_NOTFOUND, NULL, MSG_ERR_NO_PROFILE, 0);
	er = store_profile_get(c->st, c->a, user_id, out, &pii);
	if (er == APP_NOTFOUND)
		return fault_set(f, er, NULL, MSG_ERR_NO_PROFILE, 0);
	if (er != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	if (!unseal || !staff)
		return APP_OK;
	if ((plain = svc_unseal(c, &pii, profile_ad(c, user_id), &n)) == NULL ||
	    unpack_strings(c->a, plain, n, fields, 3) != 0)
		return fault_set(f, APP_INTERNAL, NULL, MSG_ERR_INTERNAL, 0);
	crypto_wipe(plain, n);
	out->real_name = fields[0];
	out->id_number = fields[1];
	out->phone = fields[2];
	/* Personal data seen by staff leaves a trace. */
	if ((er = store_audit_add(c->st, c->actor->id, "profile.read",
	    arena_printf(c->a, "user:%lld", (long long)user_id), "personal data",
	    c->addr, c->now)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	return APP_OK;
}

static enum app_err
staff_change(const struct svc_ctx *c, int64_t user_id, const char *action,
    const char *detail, enum profile_status status, const char *reason, int level,
    bool review, struct fault *f)
{
	enum app_err	er;

	if ((er = store_begin(c->st)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	er = review ? store_profile_review(c->st, user_id, status, reason, level,
	    c->actor->id, c->now) : store_profile_level(c->st, user_id, level,
	    c->actor->id, c->now);
	if (er == APP_OK)
		er = store_audit_add(c->st, c->actor->id, action,
		    arena_printf(c->a, "user:%lld", (long long)user_id), detail, c->addr,
		    c->now);
	if (er == APP_OK && (er = store_commit(c->st)) == APP_OK)
		return APP_OK;
	store_rollback(c->st);
	if (er == APP_NOTFOUND)
		return fault_set(f, er, NULL, MSG_ERR_NO_PROFILE, 0);
	return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
}

enum app_err
svc_profile_review(const struct svc_ctx *c, int64_t user_id, const char *decision,
    const char *reason, struct fault *f)
{
	struct reporter_profile	 p;
	struct sealed		 pii;
	int			 st;
	enum app_err		 er;

	if (c->actor == NULL || !authz_allows(c->actor->role, PERM_REPORTERS_REVIEW))
		return fault_set(f, APP_FORBIDDEN, NULL, MSG_ERR_ROLE, 0);
	if (decision == NULL || (st = profile_status_parse(str_from(decision))) < 0 ||
	    st == PSTATUS_PENDING)
		return fault_set(f, APP_INVALID, "decision", MSG_ERR_REVIEW_DECISION, 0);
	if (st == PSTATUS_REJECTED && (reason == NULL || str_trim(str_from(reason)).n == 0))
		return fault_set(f, APP_INVALID, "reason", MSG_ERR_REVIEW_REASON, 0);
	if (reason != NULL && strlen(reason) > 2000)
		return fault_set(f, APP_INVALID, "reason", MSG_ERR_FIELD_TOO_LONG, 0);
	if ((er = store_profile_get(c->st, c->a, user_id, &p, &pii)) == APP_NOTFOUND)
		return fault_set(f, er, NULL, MSG_ERR_NO_PROFILE, 0);
	if (er != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	return staff_change(c, user_id, "profile.review", decision,
	    (enum profile_status)st, st == PSTATUS_REJECTED ? reason : "",
	    st == PSTATUS_VERIFIED ? (p.level > 1 ? p.level : 1) : 0, true, f);
}

enum app_err
svc_profile_level(const struct svc_ctx *c, int64_t user_id, int level,
    struct fault *f)
{
	struct reporter_profile	 p;
	struct sealed		 pii;
	struct reporter_levels	 lv;
	int64_t			 accepted = 0;
	int			 need = 0;
	enum msg_id		 m;
	enum app_err		 er;

	if (c->actor == NULL || !authz_allows(c->actor->role, PERM_REPORTERS_REVIEW))
		return fault_set(f, APP_FORBIDDEN, NULL, MSG_ERR_ROLE, 0);
	if ((er = store_profile_get(c->st, c->a, user_id, &p, &pii)) == APP_NOTFOUND)
		return fault_set(f, er, NULL, MSG_ERR_NO_PROFILE, 0);
	if (er != APP_OK || (er = store_reports_accepted(c->st, user_id, &accepted)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	lv.level2_accepted = c->cfg->level2_accepted;
	lv.level3_accepted = c->cfg->level3_accepted;
	if ((m = reporter_level_check(level, p.status, accepted, &lv, &need)) != MSG_OK) {
		fault_set(f, m == MSG_ERR_LEVEL_RANGE ? APP_INVALID : APP_CONFLICT, "level",
		    m, need);
		f->rule = "reporters.levels";
		return f->er;
	}
	return staff_change(c, user_id, "profile.level",
	    arena_printf(c->a, "level=%d", level), p.status, NULL, level, false, f);
}

int
svc_reporter_level(const struct svc_ctx *c)
{
	struct reporter_profile	p;
	struct sealed		pii;

	if (c->actor == NULL ||
	    store_profile_get(c->st, c->a, c->actor->id, &p, &pii) != APP_OK)
		return 0;
	return p.level;
}
