#ifndef LOUDONG_CORE_ERR_H
#define LOUDONG_CORE_ERR_H

/*
 * The result of any operation whose callers must tell failures apart.
 * Exactly one function (http/resp.c: resp_status_for) maps it to HTTP.
 */
enum app_err {
	APP_OK = 0,
	APP_INVALID,	/* the input is malformed or out of bounds */
	APP_UNAUTH,	/* no or bad credentials */
	APP_FORBIDDEN,	/* authenticated, but not allowed */
	APP_NOTFOUND,	/* no such thing (or not visible to the caller) */
	APP_CONFLICT,	/* would violate uniqueness or a state rule */
	APP_TOOBIG,	/* over a size limit */
	APP_THROTTLED,	/* too many attempts; retry later */
	APP_STORE,	/* the database failed */
	APP_UPSTREAM,	/* a remote peer failed */
	APP_INTERNAL,	/* a bug or an unexpected system failure */
	APP__MAX
};

/* A short lowercase English description, for logs. */
const char *app_strerror(enum app_err e);

#endif
