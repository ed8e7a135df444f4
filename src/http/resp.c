/*
 * Building answers: status mapping, problem+json, JSON, redirects, cookies,
 * and the request helpers handlers use to explain a failure.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/log.h"
#include "http/http_int.h"

static const char *const method_names[HTTP__MAX] = {
	"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE",
};

const char *
http_method_name(enum http_method m)
{
	return (unsigned)m < HTTP__MAX ? method_names[m] : "?";
}

/* Per app_err: status, problem type slug, title. */
static const struct {
	int		 status;
	const char	*slug;
	enum msg_id	 title;
} err_map[APP__MAX] = {
	{ 200, "ok", MSG_OK },					/* APP_OK */
	{ 400, "invalid-request", MSG_PROBLEM_INVALID },	/* APP_INVALID */
	{ 401, "unauthenticated", MSG_PROBLEM_UNAUTH },		/* APP_UNAUTH */
	{ 403, "forbidden", MSG_PROBLEM_FORBIDDEN },		/* APP_FORBIDDEN */
	{ 404, "not-found", MSG_PROBLEM_NOTFOUND },		/* APP_NOTFOUND */
	{ 409, "conflict", MSG_PROBLEM_CONFLICT },		/* APP_CONFLICT */
	{ 413, "too-large", MSG_PROBLEM_TOOBIG },		/* APP_TOOBIG */
	{ 429, "throttled", MSG_PROBLEM_THROTTLED },		/* APP_THROTTLED */
	{ 503, "storage", MSG_PROBLEM_STORE },			/* APP_STORE */
	{ 502, "upstream", MSG_PROBLEM_UPSTREAM },		/* APP_UPSTREAM */
	{ 500, "internal", MSG_PROBLEM_INTERNAL },		/* APP_INTERNAL */
};

int
resp_status_for(enum app_err er)
{
	return (unsigned)er < APP__MAX ? err_map[er].status : 500;
}

enum msg_id
resp_title_for(enum app_err er)
{
	return (unsigned)er < APP__MAX ? err_map[er].title : MSG_PROBLEM_INTERNAL;
}

const struct param_val *
req_param(const struct req *rq, size_t idx)
{
	static const struct param_val	absent;

	if (rq->params == NULL || idx >= rq->route->nparams)
		return &absent;
	return &rq->params[idx];
}

const char *
req_opt(const struct req *rq, size_t idx)
{
	const struct param_val *v = req_param(rq, idx);

	return v->present ? v->s.p : NULL;
}

const char *
req_msg(const struct req *rq, enum msg_id id)
{
	return msg(rq->lang, id);
}

static enum app_err
vfail(struct req *rq, enum app_err er, const char *field, const char *rule,
    enum msg_id detail, va_list ap)
{
	rq->err = er;
	rq->err_field = field;
	rq->err_rule = rule;
	/* The catalog's formats are ours, not the client's. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	rq->err_detail = arena_vprintf(rq->arena, msg(rq->lang, detail), ap);
#pragma GCC diagnostic pop
	return er;
}

enum app_err
req_fail(struct req *rq, enum app_err er, const char *field, enum msg_id detail, ...)
{
	va_list	ap;

	va_start(ap, detail);
	vfail(rq, er, field, NULL, detail, ap);
	va_end(ap);
	return er;
}

enum app_err
req_deny(struct req *rq, const char *rule, enum msg_id detail, ...)
{
	va_list	ap;

	va_start(ap, detail);
	vfail(rq, APP_FORBIDDEN, NULL, rule, detail, ap);
	va_end(ap);
	return APP_FORBIDDEN;
}

void
req_field_error(struct req *rq, const char *field, enum msg_id detail, ...)
{
	struct field_error	*e;
	va_list			 ap;
	int			 cap = 32;

	if (rq->errors == NULL)
		rq->errors = arena_calloc(rq->arena, (size_t)cap, sizeof(*rq->errors));
	if (rq->nerrors >= cap)
		return;
	e = &rq->errors[rq->nerrors++];
	e->field = field;
	va_start(ap, detail);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	e->detail = arena_vprintf(rq->arena, msg(rq->lang, detail), ap);
#pragma GCC diagnostic pop
	va_end(ap);
}

enum app_err
req_fault(struct req *rq, const struct fault *f)
{
	enum app_err	er = f->er;

	/* A use case that failed without saying why: say what we know. */
	if (er == APP_OK)
		return req_fail(rq, APP_INTERNAL, NULL, MSG_ERR_INTERNAL);
	if (f->sarg != NULL)
		req_fail(rq, er, f->field, f->msg, f->sarg);
	else
		req_fail(rq, er, f->field, f->msg, f->iarg);
	rq->err_rule = f->rule;
	if (er == APP_THROTTLED)
		rq->retry_after = f->iarg;
	return er;
}

void
resp_header(struct req *rq, const char *name, const char *value)
{
	struct resp_header	*h = ARENA_NEW(rq->arena, struct resp_header);

	h->name = arena_strdup(rq->arena, name);
	h->value = arena_strdup(rq->arena, value);
	h->next = rq->headers;
	rq->headers = h;
}

void
resp_cookie(struct req *rq, const char *name, const char *value, int64_t max_age)
{
	char	*c;

	c = arena_printf(rq->arena, "%s=%s; Path=/; Max-Age=%lld; HttpOnly; "
	    "SameSite=Strict%s", name, value, (long long)max_age,
	    config_is_tls(rq->cfg) ? "; Secure" : "");
	resp_header(rq, "Set-Cookie", c);
}

enum app_err
resp_json(struct req *rq, int status, json_t *v)
{
	char	*s;

	rq->status = status;
	rq->ctype = "application/json";
	sbuf_reset(&rq->out);
	if (v == NULL)
		return APP_INTERNAL;
	/*
	 * The API's reals are decimals such as CVSS scores (8.8): fifteen
	 * significant digits print them as written, where jansson's default
	 * seventeen would show the binary value (8.8000000000000007).
	 */
	s = json_dumps(v, JSON_COMPACT | JSON_REAL_PRECISION(15));
	json_decref(v);
	if (s == NULL)
		return APP_INTERNAL;
	sbuf_addstr(&rq->out, s);
	free(s);
	return sbuf_err(&rq->out);
}

enum app_err
resp_redirect(struct req *rq, const char *location)
{
	/* Only local paths: an attacker-chosen "next" must not leave the site. */
	if (location[0] != '/' || location[1] == '/' || location[1] == '\\')
		location = "/";
	rq->status = 303;
	rq->ctype = "text/plain; charset=utf-8";
	resp_header(rq, "Location", location);
	sbuf_reset(&rq->out);
	return APP_OK;
}

void
resp_html(struct req *rq, int status)
{
	rq->status = status;
	rq->ctype = "text/html; charset=utf-8";
	sbuf_reset(&rq->out);
}

void
resp_problem(struct req *rq, int status, const char *slug, enum msg_id title)
{
	json_t	*o;

	o = json_object();
	json_object_set_new(o, "type", json_string(arena_printf(rq->arena,
	    "urn:loudong:problem:%s", slug)));		/* steals */
	json_object_set_new(o, "title", json_string(msg(rq->lang, title)));
	json_object_set_new(o, "status", json_integer(status));
	if (rq->err_detail != NULL)
		json_object_set_new(o, "detail", json_string(rq->err_detail));
	if (rq->err_field != NULL)
		json_object_set_new(o, "field", json_string(rq->err_field));
	if (rq->err_rule != NULL)
		json_object_set_new(o, "rule", json_string(rq->err_rule));
	if (rq->nerrors > 0) {
		json_t	*list = json_array();
		int	 i;

		for (i = 0; i < rq->nerrors; i++)
			json_array_append_new(list, json_pack("{s:s, s:s}",	/* steals */
			    "field", rq->errors[i].field, "detail", rq->errors[i].detail));
		json_object_set_new(o, "errors", list);	/* steals */
	}
	if (rq->path != NULL)
		json_object_set_new(o, "instance", json_string(rq->path));	/* NULL if not UTF-8: skipped */
	json_object_set_new(o, "request_id", json_string(rq->id));
	resp_json(rq, status, o);
	rq->ctype = "application/problem+json";
}

void
resp_error(struct req *rq, enum app_err er)
{
	if ((unsigned)er >= APP__MAX || er == APP_OK)
		er = APP_INTERNAL;
	if (rq->err_detail == NULL) {
		if (er == APP_STORE)
			req_fail(rq, er, NULL, MSG_ERR_STORE);
		else if (er == APP_INTERNAL)
			req_fail(rq, er, NULL, MSG_ERR_INTERNAL);
	}
	rq->err = er;
	if (er == APP_UNAUTH && !(rq->route && (rq->route->flags & R_WEB)))
		resp_header(rq, "WWW-Authenticate", "Bearer realm=\"loudong\"");
	resp_problem(rq, err_map[er].status, err_map[er].slug, err_map[er].title);
}
