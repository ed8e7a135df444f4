/*
 * Declared parameters: each route says what it accepts; this binds path
 * captures, query arguments and form fields to them and validates, so a
 * handler only ever sees typed, bounded values.
 */
#include <string.h>

#include "core/arena.h"
#include "core/parse.h"
#include "core/utf8.h"
#include "http/form.h"
#include "http/http_int.h"
#include "http/router.h"

/* Where a parameter's raw text comes from, in order of precedence. */
static const struct str *
find_raw(struct req *rq, const struct route_match *m, const struct form_pair *form,
    int nform, const char *name, struct str *tmp)
{
	const struct str	*v;
	const char		*q;
	size_t			 i;

	for (i = 0; i < m->ncap; i++)
		if (str_eq(m->cap_name[i], name)) {
			*tmp = m->cap_val[i];
			return tmp;
		}
	if (form != NULL && (v = form_get(form, nform, name)) != NULL)
		return v;
	if ((rq->route->flags & R_FORM) && rq->method != HTTP_GET &&
	    rq->method != HTTP_HEAD)
		return NULL;	/* a form route takes its fields from the body only */
	if ((q = req_query(rq, name, &tmp->n)) != NULL) {
		tmp->p = q;
		return tmp;
	}
	return NULL;
}

static enum msg_id
check_text(struct str s, const struct param *d, bool multiline)
{
	size_t	count;

	if (!utf8_text(s.p, s.n, multiline))
		return MSG_ERR_FIELD_ENCODING;
	count = utf8_count(s.p, s.n);
	if ((int64_t)count > d->max)
		return MSG_ERR_FIELD_TOO_LONG;
	if ((int64_t)count < d->min)
		return MSG_ERR_FIELD_MISSING;
	return MSG_OK;
}

enum app_err
req_bind_params(struct req *rq, const struct route_match *m,
    const struct form_pair *form, int nform)
{
	const struct route	*r = rq->route;
	const struct str	*raw;
	struct str		 tmp;
	struct param_val	*v;
	enum msg_id		 e;
	size_t			 i;

	rq->params = arena_calloc(rq->arena, r->nparams ? r->nparams : 1,
	    sizeof(*rq->params));
	for (i = 0; i < r->nparams; i++) {
		const struct param *d = &r->params[i];

		v = &rq->params[i];
		raw = find_raw(rq, m, form, nform, d->name, &tmp);
		if (raw == NULL || raw->n == 0) {
			if (d->required)
				return req_fail(rq, APP_INVALID, d->name,
				    MSG_ERR_FIELD_MISSING);
			continue;
		}
		/* A private NUL-terminated copy: the validators see every byte. */
		v->s.p = arena_strndup(rq->arena, raw->p, raw->n);
		v->s.n = raw->n;
		v->present = true;
		switch (d->type) {
		case PARAM_TEXT:
		case PARAM_MULTILINE:
			e = check_text(v->s, d, d->type == PARAM_MULTILINE);
			if (e != MSG_OK)
				return req_fail(rq, APP_INVALID, d->name, e);
			break;
		case PARAM_SECRET:
			if ((int64_t)v->s.n > d->max)
				return req_fail(rq, APP_INVALID, d->name,
				    MSG_ERR_FIELD_TOO_LONG);
			break;
		case PARAM_I64:
			if (parse_i64(v->s.p, v->s.n, d->min, d->max, &v->i) != 0)
				return req_fail(rq, APP_INVALID, d->name,
				    MSG_ERR_FIELD_NUMBER);
			break;
		case PARAM_BOOL:
			v->b = str_eq(v->s, "on") || str_eq(v->s, "1") ||
			    str_eq(v->s, "true");
			break;
		}
	}
	return APP_OK;
}
