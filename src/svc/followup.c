/*
 * The follow-up of vendors that do not answer (issue 5; Art. 7(1): the
 * provider must act on a notified vulnerability; R34: the case carries a
 * vendor_unresponsive flag).  A periodic check, run by the server's
 * background worker and by `loudong followup`.
 */
#include <string.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/log.h"
#include "svc/cases.h"
#include "svc/notices.h"

#define FOLLOWUP_BATCH	100	/* overdue vendors read per round */
#define DAY		86400	/* seconds */

/* The coordinators' mail about one vendor: the case id and a link, no details. */
static enum app_err
mail_coordinators(const struct svc_ctx *c, const struct vendor_overdue *v)
{
	const char	**to, *subject, *body;
	size_t		  i, n;
	enum app_err	  er;

	if ((er = store_coordinator_emails(c->st, c->a, &to, &n)) != APP_OK)
		return er;
	if (n == 0)
		return APP_OK;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	subject = arena_printf(c->a, "%s / %s",
	    arena_printf(c->a, msg(LANG_ZH, MSG_MAIL_VENDOR_UNRESPONSIVE_SUBJECT), v->case_id),
	    arena_printf(c->a, msg(LANG_EN, MSG_MAIL_VENDOR_UNRESPONSIVE_SUBJECT), v->case_id));
#pragma GCC diagnostic pop
	body = arena_printf(c->a,
	    "案件 %s 的厂商 %s 未在 %d 天内答复。\n"
	    "A vendor (%s) has not answered within %d days in case %s.\n\n"
	    "详情请登录查看 / Details (login required): %s/cases/%s\n\n"
	    SVC_MAIL_NO_DETAILS,
	    v->case_id, v->org_slug, c->cfg->vendor_response_days, v->org_slug,
	    c->cfg->vendor_response_days, v->case_id, c->cfg->base_url, v->case_id);
	for (i = 0; i < n; i++)
		if ((er = store_outbox_add(c->st, to[i], subject, body, c->now)) != APP_OK)
			return er;
	return APP_OK;
}

/* The staff's notice: zh, then en, each naming the vendor. */
static const char *
notice_text(const struct svc_ctx *c, const char *slug)
{
	const char	*t;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	t = arena_printf(c->a, msg(LANG_ZH, MSG_NOTICE_VENDOR_UNRESPONSIVE), slug);
	t = arena_printf(c->a, "%s\n%s", t,
	    arena_printf(c->a, msg(LANG_EN, MSG_NOTICE_VENDOR_UNRESPONSIVE), slug));
#pragma GCC diagnostic pop
	return t;
}

/*
 * Mark one vendor, in its own transaction.  *marked: whether it was (a
 * vendor that answered since it was read, or that another run marked, is
 * left alone).
 */
static enum app_err
mark(const struct svc_ctx *c, const struct vendor_overdue *v, int64_t before, bool *marked)
{
	const char		*subject;
	size_t			 n;
	enum app_err		 er;

	*marked = false;
	if ((er = store_begin(c->st)) != APP_OK)
		return er;
	er = store_case_vendor_unresponsive(c->st, v->case_id, v->org_id, before, c->now);
	if (er == APP_NOTFOUND) {
		store_rollback(c->st);
		return APP_OK;
	}
	if (er != APP_OK)
		goto fail;
	subject = arena_printf(c->a, "case:%s", v->case_id);
	if ((er = svc_case_record(c, v->case_id, "vendor_unresponsive", "notified",
	    "unresponsive", v->org_slug, "", "case.vendor_unresponsive",
	    arena_printf(c->a, "org=%s days=%d", v->org_slug,
	    c->cfg->vendor_response_days))) != APP_OK ||
	    (er = svc_notice_staff(c, "vendor_unresponsive", subject,
	    notice_text(c, v->org_slug), &n)) != APP_OK ||
	    (er = mail_coordinators(c, v)) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK)
		goto fail;
	*marked = true;
	log_info("event=vendor_unresponsive case=%s org=\"%s\"", v->case_id, v->org_slug);
	return APP_OK;
fail:
	store_rollback(c->st);
	return er;
}

enum app_err
svc_vendor_followup(const struct svc_ctx *c, size_t *marked)
{
	return svc_vendor_followup_as_of(c, c->now, marked);
}

enum app_err
svc_vendor_followup_as_of(const struct svc_ctx *c, int64_t as_of, size_t *marked)
{
	struct vendor_overdue	*v;
	int64_t			 before;
	size_t			 i, n, round;
	bool			 done;
	enum app_err		 er;

	*marked = 0;
	/* Notified strictly more than vendor_response_days ago (calendar days, see config.c). */
	before = as_of - (int64_t)c->cfg->vendor_response_days * DAY;
	do {
		if ((er = store_vendors_overdue(c->st, c->a, before, FOLLOWUP_BATCH, &v, &n)) !=
		    APP_OK)
			return er;
		/*
		 * Every vendor read is either marked now or has left 'notified'
		 * meanwhile, so the next read starts past this batch; a round that
		 * marks nothing ends the loop all the same.
		 */
		for (i = round = 0; i < n; i++) {
			if ((er = mark(c, &v[i], before, &done)) != APP_OK)
				return er;
			round += done ? 1 : 0;
		}
		*marked += round;
	} while (n == FOLLOWUP_BATCH && round > 0);
	return APP_OK;
}
