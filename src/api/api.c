/* What the API's resources share: body checks, JSON views, pagination. */
#include <string.h>
#include <time.h>

#include "api/api.h"
#include "core/utf8.h"
#include "http/router.h"

size_t
api_tables(struct route_table *out)
{
	size_t	n = 0;

	out[n++] = (struct route_table){ api_meta_routes, api_meta_nroutes };
	out[n++] = (struct route_table){ api_session_routes, api_session_nroutes };
	out[n++] = (struct route_table){ api_user_routes, api_user_nroutes };
	out[n++] = (struct route_table){ api_org_routes, api_org_nroutes };
	out[n++] = (struct route_table){ api_token_routes, api_token_nroutes };
	out[n++] = (struct route_table){ api_report_routes, api_report_nroutes };
	out[n++] = (struct route_table){ api_log_routes, api_log_nroutes };
	out[n++] = (struct route_table){ api_reporter_routes, api_reporter_nroutes };
	out[n++] = (struct route_table){ api_scoring_routes, api_scoring_nroutes };
	out[n++] = (struct route_table){ api_case_routes, api_case_nroutes };
	out[n++] = (struct route_table){ api_product_routes, api_product_nroutes };
	out[n++] = (struct route_table){ api_message_routes, api_message_nroutes };
	out[n++] = (struct route_table){ api_notice_routes, api_notice_nroutes };
	out[n++] = (struct route_table){ api_submission_routes, api_submission_nroutes };
	out[n++] = (struct route_table){ api_user_notice_routes, api_user_notice_nroutes };
	out[n++] = (struct route_table){ api_deadline_routes, api_deadline_nroutes };
	out[n++] = (struct route_table){ api_advisory_routes, api_advisory_nroutes };
	out[n++] = (struct route_table){ api_complaint_routes, api_complaint_nroutes };
	out[n++] = (struct route_table){ api_filing_routes, api_filing_nroutes };
	out[n++] = (struct route_table){ api_pfiling_routes, api_pfiling_nroutes };
	out[n++] = (struct route_table){ api_unit_routes, api_unit_nroutes };
	out[n++] = (struct route_table){ api_stats_routes, api_stats_nroutes };
	out[n++] = (struct route_table){ api_warning_routes, api_warning_nroutes };
	out[n++] = (struct route_table){ api_dispute_routes, api_dispute_nroutes };
	return n;
}

struct svc_ctx
api_svc(struct req *rq)
{
	return (struct svc_ctx){ rq->store, rq->arena, rq->cfg, rq->now,
	    rq->user, rq->addr, false, rq->keys };
}

enum app_err
api_body_object(struct req *rq, const char *const *allowed)
{
	const char	*key;
	json_t		*v;
	size_t		 i;

	if (rq->json == NULL || !json_is_object(rq->json))
		return req_fail(rq, APP_INVALID, NULL, MSG_ERR_JSON_SHAPE,
		    "expected a JSON object");
	json_object_foreach(rq->json, key, v) {
		for (i = 0; allowed[i] != NULL; i++)
			if (strcmp(key, allowed[i]) == 0)
				break;
		if (allowed[i] == NULL)
			return req_fail(rq, APP_INVALID, utf8_valid(key, strlen(key)) ?
			    key : NULL, MSG_ERR_JSON_SHAPE, "unknown member");
	}
	return APP_OK;
}

enum app_err
api_str(struct req *rq, const char *key, bool required, size_t max,
    const char **out, size_t *len)
{
	json_t	*v = json_object_get(rq->json, key);
	size_t	 n;

	*out = NULL;
	if (len != NULL)
		*len = 0;
	if (v == NULL || json_is_null(v)) {
		if (required)
			return req_fail(rq, APP_INVALID, key, MSG_ERR_FIELD_MISSING);
		return APP_OK;
	}
	if (!json_is_string(v))
		return req_fail(rq, APP_INVALID, key, MSG_ERR_JSON_SHAPE,
		    "expected a string");
	n = json_string_length(v);
	if (n > max)
		return req_fail(rq, APP_INVALID, key, MSG_ERR_FIELD_TOO_LONG);
	/* jansson allows \u0000 inside strings; our strings are C strings. */
	if (memchr(json_string_value(v), '\0', n) != NULL)
		return req_fail(rq, APP_INVALID, key, MSG_ERR_FIELD_ENCODING);
	if (required && n == 0)
		return req_fail(rq, APP_INVALID, key, MSG_ERR_FIELD_MISSING);
	*out = json_string_value(v);
	if (len != NULL)
		*len = n;
	return APP_OK;
}

enum app_err
api_bool(struct req *rq, const char *key, bool *out)
{
	json_t	*v = json_object_get(rq->json, key);

	if (v == NULL || json_is_null(v))
		return APP_OK;
	if (!json_is_boolean(v))
		return req_fail(rq, APP_INVALID, key, MSG_ERR_JSON_SHAPE,
		    "expected true or false");
	*out = json_is_true(v);
	return APP_OK;
}

json_t *
api_time(int64_t t)
{
	struct tm	tm;
	time_t		tt = (time_t)t;
	char		buf[32];

	if (t == 0 || gmtime_r(&tt, &tm) == NULL)
		return json_null();
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return json_string(buf);
}

json_t *
api_user_json(const struct user *u)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:b, s:b, s:o}",
	    "id", (json_int_t)u->id,
	    "login", u->login,
	    "display_name", u->display_name,
	    "email", u->email ? u->email : "",
	    "role", user_role_name(u->role),
	    "org", u->org_slug ? json_string(u->org_slug) : json_null(),
	    "must_change_password", u->must_change_password,
	    "disabled", u->disabled,
	    "created_at", api_time(u->created_at));
}

json_t *
api_org_json(const struct org *o)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:o}",
	    "id", (json_int_t)o->id,
	    "slug", o->slug,
	    "name", o->name,
	    "kind", org_kind_name(o->kind),
	    "country", o->country,
	    "created_at", api_time(o->created_at));
}

json_t *
api_product_json(const struct product *p)
{
	json_t	*o;

	o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:o}",
	    "id", (json_int_t)p->id,
	    "name", p->name,
	    "model", p->model,
	    "versions", p->versions,
	    "cpe", p->cpe != NULL ? p->cpe : "",
	    "purl", p->purl != NULL ? p->purl : "",
	    "created_at", api_time(p->created_at));
	if (p->org_slug != NULL) {
		json_object_set_new(o, "org", json_string(p->org_slug));	/* steals */
		json_object_set_new(o, "org_name", json_string(p->org_name));	/* steals */
	}
	return o;
}

json_t *
api_token_json(const struct api_token *t)
{
	return json_pack("{s:I, s:s, s:o, s:o, s:o}",
	    "id", (json_int_t)t->id,
	    "label", t->label,
	    "created_at", api_time(t->created_at),
	    "last_used_at", api_time(t->last_used_at),
	    "revoked_at", api_time(t->revoked_at));
}

json_t *
api_page(json_t *items, size_t n, int limit, int64_t last_id)
{
	json_t	*next = json_null();
	char	 buf[32];

	/* Cursors are positive: after the item numbered 0 there is nothing. */
	if (n == (size_t)limit && n > 0 && last_id > 0) {
		snprintf(buf, sizeof(buf), "%lld", (long long)last_id);
		next = json_string(buf);
	}
	return json_pack("{s:o, s:o}", "items", items, "next_cursor", next);
}
