/* In-app notices (issue 5): telling users inside Loudong, and what seeing one means. */
#include <string.h>

#include "core/arena.h"
#include "svc/cases.h"
#include "svc/notices.h"

#define NOTICE_VENDOR_NOTIFIED	"vendor_notified"	/* the kind whose reading counts */

/* Kind, subject and text: present and bounded (they are ours, not typed). */
static bool
fields_ok(const char *kind, const char *subject, const char *text)
{
	return kind != NULL && kind[0] != '\0' && strlen(kind) <= NOTICE_KIND_MAX &&
	    subject != NULL && subject[0] != '\0' && strlen(subject) <= NOTICE_SUBJECT_MAX &&
	    text != NULL && text[0] != '\0' && strlen(text) <= NOTICE_TEXT_MAX;
}

enum app_err
svc_notice_user(const struct svc_ctx *c, int64_t user_id, const char *kind,
    const char *subject, const char *text)
{
	if (!fields_ok(kind, subject, text) || user_id <= 0)
		return APP_INVALID;
	return store_notice_add(c->st, user_id, kind, subject, text, c->now, NULL);
}

enum app_err
svc_notice_org(const struct svc_ctx *c, int64_t org_id, const char *kind,
    const char *subject, const char *text, size_t *n)
{
	int64_t		k = 0;
	enum app_err	er;

	*n = 0;
	if (!fields_ok(kind, subject, text) || org_id <= 0)
		return APP_INVALID;
	if ((er = store_notice_add_org(c->st, org_id, kind, subject, text, c->now, &k)) ==
	    APP_OK)
		*n = (size_t)k;
	return er;
}

enum app_err
svc_notice_staff(const struct svc_ctx *c, const char *kind, const char *subject,
    const char *text, size_t *n)
{
	int64_t		k = 0;
	enum app_err	er;

	*n = 0;
	if (!fields_ok(kind, subject, text))
		return APP_INVALID;
	if ((er = store_notice_add_staff(c->st, kind, subject, text, c->now, &k)) == APP_OK)
		*n = (size_t)k;
	return er;
}

enum app_err
svc_notice_list(const struct svc_ctx *c, bool unseen_only, int64_t cursor, int limit,
    struct notice_row **out, size_t *n, struct fault *f)
{
	enum app_err	er;

	*out = NULL;
	*n = 0;
	if (c->actor == NULL)
		return fault_set(f, APP_UNAUTH, NULL, MSG_PROBLEM_UNAUTH, 0);
	if (limit < 1 || limit > NOTICE_LIST_MAX)
		limit = NOTICE_LIST_MAX;
	if ((er = store_notice_list(c->st, c->a, c->actor->id, unseen_only,
	    cursor > 0 ? cursor : 0, limit, out, n)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	return APP_OK;
}

/*
 * A vendor member saw the notice that their organisation was told of a
 * case: the case records the vendor's first look, once (the timeline and
 * the audit say when).  Nothing when the organisation is not (or no
 * longer) a vendor of the case.
 */
static enum app_err
vendor_saw(const struct svc_ctx *c, const struct notice_row *o)
{
	struct case_vendor	 v;
	const char		*case_id;
	enum app_err		 er;

	if (c->actor->role != UROLE_VENDOR || c->actor->org_id == 0 ||
	    strcmp(o->kind, NOTICE_VENDOR_NOTIFIED) != 0 ||
	    strncmp(o->subject, "case:", 5) != 0 || o->subject[5] == '\0')
		return APP_OK;
	case_id = o->subject + 5;
	er = store_case_vendor_get(c->st, c->a, case_id, c->actor->org_id, &v);
	if (er == APP_NOTFOUND || (er == APP_OK && v.first_seen_at != 0))
		return APP_OK;
	if (er != APP_OK ||
	    (er = store_case_vendor_seen(c->st, case_id, c->actor->org_id, c->now)) != APP_OK)
		return er;
	return svc_case_record(c, case_id, "vendor_seen", "", "", v.org_slug, "",
	    "case.vendor_seen", arena_printf(c->a, "org=%s via=notice:%lld", v.org_slug,
	    (long long)o->id));
}

enum app_err
svc_notice_seen(const struct svc_ctx *c, int64_t id, struct fault *f)
{
	struct notice_row	o;
	enum app_err		er;

	if (c->actor == NULL)
		return fault_set(f, APP_UNAUTH, NULL, MSG_PROBLEM_UNAUTH, 0);
	if ((er = store_begin(c->st)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	/* Someone else's notice is as absent as one that never was. */
	if ((er = store_notice_get(c->st, c->a, c->actor->id, id, &o)) != APP_OK) {
		fault_set(f, er, er == APP_NOTFOUND ? "id" : NULL, er == APP_NOTFOUND ?
		    MSG_ERR_NO_SUCH_NOTICE : MSG_ERR_STORE, 0);
		goto fail;
	}
	if (o.seen_at != 0) {
		store_rollback(c->st);
		return APP_OK;
	}
	if ((er = store_notice_seen(c->st, c->actor->id, o.id, c->now)) != APP_OK ||
	    (er = vendor_saw(c, &o)) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK) {
		fault_set(f, er, NULL, MSG_ERR_STORE, 0);
		goto fail;
	}
	return APP_OK;
fail:
	store_rollback(c->st);
	return f->er;
}
