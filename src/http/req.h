#ifndef LOUDONG_HTTP_REQ_H
#define LOUDONG_HTTP_REQ_H

/*
 * What a handler (api/, web/) sees of a request, and how it answers.  No
 * libmicrohttpd type crosses this header.  Everything here lives in the
 * request's arena, freed when the response has been sent.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "core/err.h"
#include "core/sbuf.h"
#include "core/str.h"
#include "domain/authz.h"
#include "domain/fault.h"
#include "domain/user.h"
#include "http/form.h"
#include "http/multipart.h"
#include "i18n/i18n.h"

struct arena;
struct config;
struct keyring;
struct store;
struct req;

enum http_method {
	HTTP_GET,
	HTTP_HEAD,
	HTTP_POST,
	HTTP_PUT,
	HTTP_PATCH,
	HTTP_DELETE,
	HTTP__MAX
};

const char	*http_method_name(enum http_method m);

/* How a declared parameter is validated before the handler runs. */
enum param_type {
	PARAM_TEXT,	/* one line of UTF-8 text; min/max in characters */
	PARAM_MULTILINE, /* UTF-8 text that may hold newlines and tabs */
	PARAM_I64,	/* a decimal integer in [min, max] */
	PARAM_BOOL,	/* a checkbox: present and "on"/"1"/"true" is true */
	PARAM_SECRET,	/* a password: bytes up to max, never logged or echoed */
};

/*
 * A parameter a route accepts: from the path ({name} in the pattern), the
 * query string (GET, HEAD, DELETE) or an urlencoded form body (POST, PUT,
 * PATCH on R_FORM routes).  Undeclared parameters are dropped.
 */
struct param {
	const char	*name;		/* as sent */
	enum param_type	 type;		/* how to check it */
	int64_t		 min, max;	/* length in characters, or value range */
	bool		 required;	/* absent or empty is an error */
};

/* A validated parameter. */
struct param_val {
	bool		 present;	/* sent and non-empty */
	struct str	 s;		/* the text (NUL-terminated copy in the arena) */
	int64_t		 i;		/* PARAM_I64 value */
	bool		 b;		/* PARAM_BOOL value */
};

/* Route flags. */
#define R_FORM		0x01u	/* body is an urlencoded form; CSRF field checked */
#define R_JSON		0x02u	/* body must be application/json, parsed into rq->json */
#define R_PWCHANGE_OK	0x04u	/* allowed while the account must change its password */
#define R_WEB		0x08u	/* an HTML page: errors render as pages, not problem+json */
#define R_PUBLIC	0x10u	/* public, cacheable content: no authentication, no cookies */
#define R_MULTI		0x20u	/* body is JSON, or multipart/form-data (fields + files) */
/* R_FORM routes also take multipart/form-data, for forms with file inputs. */

typedef enum app_err (*handler_fn)(struct req *rq);

struct route {
	enum http_method	 method;	/* HEAD is served by GET routes */
	const char		*pattern;	/* "/api/v1/users/{id}" */
	enum perm		 perm;		/* PERM_NONE: anyone */
	unsigned		 flags;		/* R_* */
	const struct param	*params;	/* declared parameters */
	size_t			 nparams;	/* how many */
	handler_fn		 handler;	/* does the work */
};

#define PARAMS(a)	(a), (sizeof(a) / sizeof((a)[0]))
#define NOPARAMS	NULL, 0

enum auth_via {
	AUTH_NONE,	/* anonymous */
	AUTH_SESSION,	/* session cookie */
	AUTH_TOKEN,	/* Authorization: Bearer */
};

struct req {
	/* The request */
	struct arena		*arena;		/* everything below lives here */
	const struct config	*cfg;		/* read-only configuration */
	struct store		*store;		/* this request's connection */
	const struct keyring	*keys;		/* instance keys */
	const struct route	*route;		/* what matched */
	enum http_method	 method;	/* as sent (HEAD kept) */
	const char		*path;		/* decoded path, NUL-terminated */
	struct str		 body;		/* the raw body */
	json_t			*json;		/* R_JSON/R_MULTI: the parsed body (borrowed) */
	struct mp_part		*files;		/* multipart file parts (filename given) */
	int			 nfiles;	/* how many */
	const struct form_pair	*form;		/* form fields (urlencoded or multipart) */
	int			 nform;		/* how many */
	bool			 json_body;	/* the body was sent as application/json */
	struct param_val	*params;	/* [route->nparams], validated */
	enum lang		 lang;		/* chosen for this request */
	const char		*addr;		/* client address, text */
	char			 id[17];	/* request id, hex */
	int64_t			 now;		/* unix seconds at arrival */

	/* Who is asking */
	enum auth_via		 via;		/* how they authenticated */
	struct user		*user;		/* NULL when anonymous */
	struct session		*session;	/* AUTH_SESSION only */
	const char		*session_hash;	/* AUTH_SESSION only */
	const char		*csrf;		/* the token this client's forms carry */

	/* The answer, built by the handler */
	int			 status;	/* 0 until set */
	const char		*ctype;		/* Content-Type */
	struct sbuf		 out;		/* response body */
	struct resp_header	*headers;	/* extra headers, newest first */

	/* A failure's explanation, set by req_fail() */
	enum app_err		 err;		/* what went wrong */
	const char		*err_field;	/* the offending field, or NULL */
	const char		*err_detail;	/* localised sentence, or NULL */
	const char		*err_rule;	/* the rule a denial rests on, or NULL */
	int			 retry_after;	/* APP_THROTTLED: seconds */
	struct field_error	*errors;	/* every bad field, when there are several */
	int			 nerrors;	/* how many */

	void			*conn;		/* http/ only */
};

struct field_error {
	const char	*field;		/* the member or form field */
	const char	*detail;	/* localised sentence */
};

struct resp_header {
	struct resp_header	*next;
	const char		*name;
	const char		*value;
};

/* A validated parameter by index in the route's declaration. */
const struct param_val	*req_param(const struct req *rq, size_t idx);
/* A text parameter, or NULL when it was not sent (or sent empty). */
const char	*req_opt(const struct req *rq, size_t idx);

/* A request header (NULL if absent), a cookie (NULL if absent). */
const char	*req_header(struct req *rq, const char *name);
const char	*req_cookie(struct req *rq, const char *name);

/* The localised text of id in the request's language. */
const char	*req_msg(const struct req *rq, enum msg_id id);

/*
 * Record why the request fails and return er, for `return req_fail(...)`.
 * detail is a catalog message formatted with the arguments, in the
 * request's language; field names the offending input (or NULL).
 */
enum app_err	 req_fail(struct req *rq, enum app_err er, const char *field,
		    enum msg_id detail, ...);

/* As req_fail, naming the rule (article, policy) the denial rests on. */
enum app_err	 req_deny(struct req *rq, const char *rule, enum msg_id detail, ...);

/* Add one field's problem to rq->errors (problem+json "errors"; the web shows each beside its field). */
void		 req_field_error(struct req *rq, const char *field, enum msg_id detail, ...);

/* Answer with a fault from svc/ or domain/ (its message, field and rule). */
enum app_err	 req_fault(struct req *rq, const struct fault *f);

/* Add a response header (copied into the arena). */
void		 resp_header(struct req *rq, const char *name, const char *value);

/* Set-Cookie with HttpOnly, SameSite=Strict, Path=/ and Secure behind TLS. */
void		 resp_cookie(struct req *rq, const char *name, const char *value,
		    int64_t max_age);

/* A JSON response; steals v. */
enum app_err	 resp_json(struct req *rq, int status, json_t *v);

/* 303 See Other to a local path. */
enum app_err	 resp_redirect(struct req *rq, const char *location);

/* Begin an HTML response: the handler then writes rq->out. */
void		 resp_html(struct req *rq, int status);

/* The HTTP status for an app_err (the one mapping in the code base). */
int		 resp_status_for(enum app_err er);

/* The catalog title of the problem an app_err stands for. */
enum msg_id	 resp_title_for(enum app_err er);

#endif
