/*
 * Notices of risk and remedy to users and downstream vendors (issue 6;
 * Art. 7(3), R6), staff only:
 *	GET  /api/v1/cases/{id}/user-notices/draft	the proposal from the case
 *	POST /api/v1/cases/{id}/user-notices		send one (once a fix exists)
 *	GET  /api/v1/cases/{id}/user-notices		those sent, with delivery status
 */
#include <string.h>

#include "api/api.h"
#include "core/arena.h"
#include "svc/usernotices.h"

static json_t *
draft_json(const struct user_notice_draft *d)
{
	json_t	*ds = json_array(), *addrs;
	size_t	 i, j;

	for (i = 0; i < d->ndownstream; i++) {
		addrs = json_array();
		for (j = 0; j < d->downstream[i].naddresses; j++)
			json_array_append_new(addrs, json_string(d->downstream[i].addresses[j]));
		json_array_append_new(ds, json_pack("{s:s, s:s, s:b, s:o}",	/* steals */
		    "org", d->downstream[i].slug,
		    "name", d->downstream[i].name,
		    "in_case", d->downstream[i].in_case,
		    "addresses", addrs));
	}
	return json_pack("{s:s, s:s, s:b, s:s, s:s, s:s, s:o}",
	    "case_id", d->case_id,
	    "state", case_state_name(d->state),
	    "fix_available", d->fix_available,
	    "subject", d->subject,
	    "body", d->body,
	    "support_channel", d->support_channel,
	    "downstream", ds);
}

static json_t *
notice_json(const struct user_notice_item *it)
{
	const struct user_notice_to	*t;
	json_t				*rs = json_array();
	size_t				 i;

	for (i = 0; i < it->nto; i++) {
		t = &it->to[i];
		json_array_append_new(rs, json_pack("{s:s, s:s, s:o, s:s, s:i, s:s, s:o}",
		    "address", t->r.address,
		    "source", t->r.source,
		    "org", t->org_slug[0] != '\0' ? json_string(t->org_slug) : json_null(),
		    "status", t->r.delivery,
		    "attempts", t->r.attempts,
		    "last_error", t->r.last_error,
		    "sent_at", api_time(t->r.sent_at)));
	}
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:o}",
	    "id", (json_int_t)it->n.id,
	    "case_id", it->n.case_id,
	    "subject", it->n.subject,
	    "body", it->n.body,
	    "support_channel", it->n.support_channel,
	    "created_by", it->author[0] != '\0' ? json_string(it->author) : json_null(),
	    "created_at", api_time(it->n.created_at),
	    "recipients", rs);
}

enum { C_ID };
static const struct param case_params[] = {
	{ "id", PARAM_TEXT, 1, 64, true },	/* C_ID */
};

static enum app_err
draft_get(struct req *rq)
{
	struct svc_ctx			c = api_svc(rq);
	struct user_notice_draft	d;
	struct fault			f = { .er = APP_OK };

	if (svc_user_notice_draft(&c, req_param(rq, C_ID)->s.p, &d, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, draft_json(&d));
}

static enum app_err
list_get(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct user_notice_item	*items;
	struct fault		 f = { .er = APP_OK };
	json_t			*a;
	size_t			 n, i;

	if (svc_user_notices(&c, req_param(rq, C_ID)->s.p, &items, &n, &f) != APP_OK)
		return req_fault(rq, &f);
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, notice_json(&items[i]));	/* steals */
	return resp_json(rq, 200, json_pack("{s:o}", "items", a));
}

/* "recipients": an array of at most UNOTICE_RCPTS_MAX strings (svc checks each). */
static enum app_err
read_recipients(struct req *rq, const char ***out, size_t *n)
{
	json_t	*arr = json_object_get(rq->json, "recipients"), *it;
	size_t	 i;

	*out = NULL;
	*n = 0;
	if (arr == NULL || json_is_null(arr))
		return APP_OK;
	if (!json_is_array(arr))
		return req_fail(rq, APP_INVALID, "recipients", MSG_ERR_JSON_SHAPE,
		    "expected an array of e-mail addresses");
	if (json_array_size(arr) > UNOTICE_RCPTS_MAX)
		return req_fail(rq, APP_INVALID, "recipients", MSG_ERR_NOTICE_TOO_MANY,
		    UNOTICE_RCPTS_MAX);
	*out = arena_calloc(rq->arena, json_array_size(arr) + 1, sizeof(**out));
	json_array_foreach(arr, i, it) {
		/* Our strings are C strings: no NUL inside. */
		if (!json_is_string(it) || memchr(json_string_value(it), '\0',
		    json_string_length(it)) != NULL)
			return req_fail(rq, APP_INVALID, "recipients", MSG_ERR_JSON_SHAPE,
			    "expected an array of e-mail addresses");
		(*out)[i] = json_string_value(it);
	}
	*n = json_array_size(arr);
	return APP_OK;
}

static const char *const send_keys[] = { "subject", "body", "support_channel", "recipients",
	"include_downstream", NULL };

static enum app_err
send_post(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct user_notice_item	 it;
	struct fault		 f = { .er = APP_OK };
	const char		*subject = NULL, *body = NULL, *support = NULL, **rcpts;
	size_t			 len, nrcpts;
	bool			 downstream = false;
	enum app_err		 er;

	if ((er = api_body_object(rq, send_keys)) != APP_OK ||
	    (er = api_str(rq, "subject", true, UNOTICE_SUBJECT_MAX, &subject, &len)) != APP_OK ||
	    (er = api_str(rq, "body", true, UNOTICE_BODY_MAX, &body, &len)) != APP_OK ||
	    (er = api_str(rq, "support_channel", false, UNOTICE_SUPPORT_MAX, &support,
	    &len)) != APP_OK ||
	    (er = api_bool(rq, "include_downstream", &downstream)) != APP_OK ||
	    (er = read_recipients(rq, &rcpts, &nrcpts)) != APP_OK)
		return er;
	if (svc_user_notice_send(&c, req_param(rq, C_ID)->s.p, subject, body, support, rcpts,
	    nrcpts, downstream, &it, &f) != APP_OK)
		return req_fault(rq, &f);
	resp_header(rq, "Location", arena_printf(rq->arena, "/api/v1/cases/%s/user-notices",
	    it.n.case_id));
	return resp_json(rq, 201, notice_json(&it));
}

const struct route api_user_notice_routes[] = {
	{ HTTP_GET, "/api/v1/cases/{id}/user-notices/draft", PERM_CASES_MANAGE, 0,
	  PARAMS(case_params), draft_get },
	{ HTTP_GET, "/api/v1/cases/{id}/user-notices", PERM_CASES_MANAGE, 0,
	  PARAMS(case_params), list_get },
	{ HTTP_POST, "/api/v1/cases/{id}/user-notices", PERM_CASES_MANAGE, R_JSON,
	  PARAMS(case_params), send_post },
};
const size_t api_user_notice_nroutes =
    sizeof(api_user_notice_routes) / sizeof(api_user_notice_routes[0]);
