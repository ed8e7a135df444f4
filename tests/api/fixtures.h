#ifndef LOUDONG_TESTS_API_FIXTURES_H
#define LOUDONG_TESTS_API_FIXTURES_H

/*
 * Helpers several API tests share, on top of the harness: each fails the
 * test (cmocka) when a step does not go as asked.
 */
#include <stdbool.h>

#include "harness.h"

/* An account (display name, e-mail, optional organisation) and its API token into *c. */
void		 fx_person(struct srv *s, const char *login, const char *role, const char *org,
		    const char *name, const char *email, struct cred *c);
/* `loudong org add` of kind in China. */
void		 fx_org_add(struct srv *s, const char *slug, const char *name, const char *kind);
/* method path (printf fmt) as who with body: the status must be want; the response. */
struct resp	*fx_call(struct srv *s, const struct cred *who, const char *method,
		    const char *body, long want, const char *fmt, ...)
		    __attribute__((format(printf, 6, 7)));
void		 fx_done(struct resp *r);	/* resp_free */
/* A string member of o, or NULL. */
const char	*fx_jstr(json_t *o, const char *key);
/* Whether s matches the extended regular expression pattern (s may be NULL). */
bool		 fx_matches(const char *s, const char *pattern);

#endif
