#ifndef LOUDONG_HTTP_AUTH_H
#define LOUDONG_HTTP_AUTH_H

/* Names shared by http/, api/ and web/ for credentials. */

#define AUTH_COOKIE_SESSION	"ld_session"	/* the session token */
#define AUTH_COOKIE_CSRF	"ld_csrf"	/* pre-session double-submit token */
#define AUTH_COOKIE_LANG	"ld_lang"	/* "zh" or "en" */
/* Token prefixes: AUTH_SESSION_TOKEN_PREFIX, AUTH_API_TOKEN_PREFIX in crypto/crypto.h. */

/* Rules named in denials (problem+json "rule"). */
#define AUTH_RULE_ROLE		"rbac.role"	/* least privilege (R18) */
#define AUTH_RULE_CSRF		"csrf.token"
#define AUTH_RULE_PWCHANGE	"account.must_change_password"

#endif
