#ifndef LOUDONG_HTTP_HTTP_INT_H
#define LOUDONG_HTTP_HTTP_INT_H

/* Shared inside http/ only. */
#include "http/req.h"
#include "http/server.h"

/* Write an RFC 9457 problem+json body for status into rq. */
void		 resp_problem(struct req *rq, int status, const char *slug,
		    enum msg_id title);

/*
 * Answer rq->err (set by req_fail or a handler's return) for API routes.
 * Retry-After is the caller's (server.c adds it for every kind of answer).
 */
void		 resp_error(struct req *rq, enum app_err er);

/*
 * Resolve who is asking (session cookie or bearer token) and check the
 * route's permission.  Runs before the body is read.  APP_OK or a failure
 * recorded with req_fail.
 */
enum app_err	 auth_resolve(struct req *rq);
enum app_err	 auth_authorize(struct req *rq);

/* CSRF check for state-changing requests, after the body is parsed. */
enum app_err	 auth_check_csrf(struct req *rq, const struct str *form_csrf);

/* A query-string argument, decoded, with its length; NULL if absent. */
const char	*req_query(struct req *rq, const char *name, size_t *len);

/* Validate declared parameters from captures, query and form. */
struct route_match;
struct form_pair;
enum app_err	 req_bind_params(struct req *rq, const struct route_match *m,
		    const struct form_pair *form, int nform);

#endif
