/*
 * Helpers several API tests share (tests/api/fixtures.h): accounts with
 * tokens, organisations, checked calls.
 */
#include <regex.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "fixtures.h"

/* An account with a display name and an e-mail address, and its API token. */
void
fx_person(struct srv *s, const char *login, const char *role, const char *org,
    const char *name, const char *email, struct cred *c)
{
	const char	*argv[20];
	int		 n = 0;

	argv[n++] = "user";
	argv[n++] = "add";
	argv[n++] = "--data-dir";
	argv[n++] = s->dir;
	argv[n++] = "--login";
	argv[n++] = login;
	argv[n++] = "--role";
	argv[n++] = role;
	argv[n++] = "--name";
	argv[n++] = name;
	argv[n++] = "--email";
	argv[n++] = email;
	if (org != NULL) {
		argv[n++] = "--org";
		argv[n++] = org;
	}
	argv[n++] = "--password-stdin";
	argv[n] = NULL;
	assert_int_equal(srv_cli(s, TEST_PASSWORD "\n", NULL, 0, argv), 0);
	memset(c, 0, sizeof(*c));
	srv_token_create(s, login, c->bearer, sizeof(c->bearer));
}

void
fx_org_add(struct srv *s, const char *slug, const char *name, const char *kind)
{
	assert_int_equal(srv_cli(s, NULL, NULL, 0, (const char *[]){ "org", "add",
	    "--data-dir", s->dir, "--slug", slug, "--name", name, "--kind", kind,
	    "--country", "CN", NULL }), 0);
}

struct resp *
fx_call(struct srv *s, const struct cred *who, const char *method, const char *body,
    long want, const char *fmt, ...)
{
	struct resp	*r;
	char		 path[512];
	va_list		 ap;

	va_start(ap, fmt);
	vsnprintf(path, sizeof(path), fmt, ap);
	va_end(ap);
	r = api(s, method, path, who, body, NULL);
	assert_status(r, want);
	return r;
}

void
fx_done(struct resp *r)
{
	resp_free(r);
}

const char *
fx_jstr(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

bool
fx_matches(const char *s, const char *pattern)
{
	regex_t	re;
	bool	ok;

	assert_int_equal(regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB), 0);
	ok = s != NULL && regexec(&re, s, 0, NULL, 0) == 0;
	regfree(&re);
	return ok;
}
