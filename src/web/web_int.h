#ifndef LOUDONG_WEB_WEB_INT_H
#define LOUDONG_WEB_WEB_INT_H

/*
 * Shared inside web/ only: the handlers that live outside pages.c (whose
 * route table names them), their parameter tables, and small helpers.
 */
#include <stdbool.h>
#include <stdint.h>

#include "core/embed.h"
#include "domain/report.h"
#include "domain/user.h"
#include "http/req.h"
#include "svc/svc.h"

/* The files under src/web/static, compiled in by cmake/embed.cmake. */
extern const struct embed_file	web_static[];

/* Rows per page of the administration tables. */
#define WEB_PAGE_ROWS	50

/* The longest "next" path a login or language switch carries. */
#define WEB_NEXT_MAX	512

/* account.c */
enum { ACCOUNT_CHANGED, ACCOUNT_REVOKED, ACCOUNT__MAX };
enum { PWCHANGE_CURRENT, PWCHANGE_NEW, PWCHANGE_NEW2, PWCHANGE__MAX };
enum { TOKEN_NEW_LABEL, TOKEN_NEW__MAX };
enum { TOKEN_REVOKE_ID, TOKEN_REVOKE__MAX };
extern const struct param	account_params[ACCOUNT__MAX];
extern const struct param	pwchange_params[PWCHANGE__MAX];
extern const struct param	token_new_params[TOKEN_NEW__MAX];
extern const struct param	token_revoke_params[TOKEN_REVOKE__MAX];
enum app_err	account_get(struct req *rq);
enum app_err	account_password_post(struct req *rq);
enum app_err	account_token_post(struct req *rq);
enum app_err	account_token_revoke_post(struct req *rq);

/* admin.c */
enum { USERS_AFTER, USERS_CREATED, USERS__MAX };
enum { USER_NEW_LOGIN, USER_NEW_NAME, USER_NEW_EMAIL, USER_NEW_ROLE,
	USER_NEW_ORG, USER_NEW_PASSWORD, USER_NEW__MAX };
enum { ORGS_AFTER, ORGS_CREATED, ORGS__MAX };
enum { ORG_NEW_SLUG, ORG_NEW_NAME, ORG_NEW_KIND, ORG_NEW_COUNTRY, ORG_NEW__MAX };
extern const struct param	users_params[USERS__MAX];
extern const struct param	user_new_params[USER_NEW__MAX];
extern const struct param	orgs_params[ORGS__MAX];
extern const struct param	org_new_params[ORG_NEW__MAX];
enum app_err	admin_users_get(struct req *rq);
enum app_err	admin_users_post(struct req *rq);
enum app_err	admin_orgs_get(struct req *rq);
enum app_err	admin_orgs_post(struct req *rq);

/* reports.c */
enum { REPORT_NEW_TITLE, REPORT_NEW_KIND, REPORT_NEW_VENDOR, REPORT_NEW_PRODUCT,
	REPORT_NEW_MODEL, REPORT_NEW_VERSIONS, REPORT_NEW_WEAKNESS, REPORT_NEW_CVSS,
	REPORT_NEW_DISCOVERED, REPORT_NEW_DESCRIPTION, REPORT_NEW_REPRODUCTION,
	REPORT_NEW_IMPACT, REPORT_NEW_FIX, REPORT_NEW_CONTACTED, REPORT_NEW_CONTACT,
	REPORT_NEW_PLAN, REPORT_NEW_CREDIT, REPORT_NEW_ALIAS, REPORT_NEW__MAX };
enum { REPORTS_STATUS, REPORTS_KIND, REPORTS_Q, REPORTS_BEFORE, REPORTS_APP,
	REPORTS_PLATFORM, REPORTS__MAX };
enum { REPORT_ID, REPORT__MAX };
enum { RECEIPT_ID, RECEIPT_NEW, RECEIPT__MAX };
extern const struct param	report_new_params[REPORT_NEW__MAX];
extern const struct param	reports_params[REPORTS__MAX];
extern const struct param	report_params[REPORT__MAX];
extern const struct param	receipt_params[RECEIPT__MAX];
enum app_err	reports_new_get(struct req *rq);
enum app_err	reports_new_post(struct req *rq);
enum app_err	reports_list_get(struct req *rq);
enum app_err	reports_view_get(struct req *rq);
enum app_err	reports_receipt_get(struct req *rq);
enum app_err	reports_receipt_json_get(struct req *rq);

/* profiles.c: a reporter's identity, and staff reviewing identities */
enum { IDENTITY_FILED, IDENTITY__MAX };
enum { IDENTITY_NEW_NAME, IDENTITY_NEW_TYPE, IDENTITY_NEW_NUMBER,
	IDENTITY_NEW_PHONE, IDENTITY_NEW__MAX };
enum { REPORTERS_STATUS, REPORTERS_AFTER, REPORTERS__MAX };
enum { REPORTER_ID, REPORTER_SAVED, REPORTER__MAX };
enum { REPORTER_REVIEW_ID, REPORTER_REVIEW_DECISION, REPORTER_REVIEW_REASON,
	REPORTER_REVIEW__MAX };
enum { REPORTER_LEVEL_ID, REPORTER_LEVEL_LEVEL, REPORTER_LEVEL__MAX };
extern const struct param	identity_params[IDENTITY__MAX];
extern const struct param	identity_new_params[IDENTITY_NEW__MAX];
extern const struct param	reporters_params[REPORTERS__MAX];
extern const struct param	reporter_params[REPORTER__MAX];
extern const struct param	reporter_review_params[REPORTER_REVIEW__MAX];
extern const struct param	reporter_level_params[REPORTER_LEVEL__MAX];
enum app_err	identity_get(struct req *rq);
enum app_err	identity_post(struct req *rq);
enum app_err	admin_reporters_get(struct req *rq);
enum app_err	admin_reporter_get(struct req *rq);
enum app_err	admin_reporter_review_post(struct req *rq);
enum app_err	admin_reporter_level_post(struct req *rq);

/* Who is acting, for svc/ calls. */
static inline struct svc_ctx
web_ctx(const struct req *rq)
{
	return (struct svc_ctx){
		.st = rq->store,
		.a = rq->arena,
		.cfg = rq->cfg,
		.now = rq->now,
		.actor = rq->user,
		.addr = rq->addr,
		.keys = rq->keys,
	};
}

/* A parameter's text, "" when it was not sent (never NULL). */
static inline const char *
web_pstr(const struct param_val *v)
{
	return v->present ? v->s.p : "";
}

/*
 * A path parameter that is a tracking id (PREFIX-YYYY-digits: reports,
 * complaints, filing applications), safe in a URL as it is; NULL (answer
 * not found) when it cannot be one.
 */
static inline const char *
web_path_id(struct req *rq, size_t idx)
{
	const struct param_val	*p = req_param(rq, idx);

	return p->present && report_id_valid(p->s) ? p->s.p : NULL;
}

/* True if two secrets typed into a form are the same (constant time). */
bool		web_same_secret(const struct param_val *a, const struct param_val *b);

/* True if p is a path on this site that is safe to redirect to. */
bool		web_local_path(const char *p);

/*
 * Make a svc/ failure the request's error, even when the use case did not
 * fill f (then f gets a generic message for er).  Returns the error code.
 */
enum app_err	web_fault(struct req *rq, enum app_err er, struct fault *f);

/*
 * The status to show a form again with after the failure web_fault
 * recorded (422 for input the person can correct, 429 with Retry-After when
 * throttled), or 0 when the error page should answer instead.
 */
int		web_form_status(struct req *rq, enum app_err er,
		    const struct fault *f);

#endif
