#ifndef LOUDONG_SVC_SVC_H
#define LOUDONG_SVC_SVC_H

/*
 * Use cases: the one function per state change that the API, the web pages
 * and the CLI all call.  Each validates with the domain rules, runs its
 * writes and its audit entry in one transaction, and explains any refusal
 * in a struct fault.  No HTTP, no JSON, no SQL here.
 */
#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "crypto/crypto.h"
#include "domain/fault.h"
#include "domain/user.h"

struct arena;
struct config;
struct keyring;
struct store;

/* Who is acting, where, and when. */
/*
 * The last lines of every mail the platform sends: no vulnerability detail
 * ever travels by mail (Art. 11); the recipient logs in to read it.
 */
#define SVC_MAIL_NO_DETAILS \
	"本邮件由系统自动发送，不含漏洞细节。\n" \
	"This message was sent automatically and carries no vulnerability details.\n"

struct svc_ctx {
	struct store		*st;	/* the connection to use */
	struct arena		*a;	/* results live here */
	const struct config	*cfg;	/* limits, Argon2 parameters, throttling */
	int64_t			 now;	/* unix seconds */
	const struct user	*actor;	/* NULL: anonymous or the system */
	const char		*addr;	/* client address, "" for the CLI */
	bool			 system;	/* the CLI or init: the operator of the machine */
	const struct keyring	*keys;	/* for sealing and signing; NULL where unused */
};

/*
 * The staff's door: the system (CLI) or an actor holding PERM_CASES_MANAGE;
 * anyone else gets APP_FORBIDDEN with rule rbac.role (svc/cases.c).
 */
enum app_err	svc_staff(const struct svc_ctx *c, struct fault *f);
/* The same question, without the refusal. */
bool		svc_is_staff(const struct svc_ctx *c);
/*
 * The accounts that may be given staff work (enabled, PERM_CASES_MANAGE),
 * for an assignee list: read page by page, at most SVC_STAFF_ACCOUNTS_MAX
 * accounts scanned.  Asks svc_staff of the actor first.
 */
#define SVC_STAFF_ACCOUNTS_MAX	4000
enum app_err	svc_staff_accounts(const struct svc_ctx *c, struct user **out, size_t *n,
		    struct fault *f);

/* What an account is made of, as typed (unvalidated). */
struct user_new {
	const char	*login;
	const char	*display_name;	/* NULL or "": the login */
	const char	*email;		/* NULL or "": none */
	enum user_role	 role;
	const char	*org_slug;	/* NULL or "": none */
	const char	*password;	/* plain; wiped by nobody: caller's */
	size_t		 password_len;
	bool		 must_change_password;	/* a one-time password */
};

/*
 * Create an account.  Who may: the system, or an actor holding
 * PERM_USERS_MANAGE; anyone else only registers themselves as a reporter,
 * without an organisation, when auth.allow_registration is on (otherwise
 * APP_FORBIDDEN).  Checks every field (login, name, e-mail, password
 * length, organisation), hashes the password with Argon2id.  On success
 * fills *out.  Faults: APP_INVALID (field), APP_CONFLICT (login or email
 * taken), APP_NOTFOUND (org).
 */
enum app_err	svc_user_create(const struct svc_ctx *c, const struct user_new *in,
		    struct user *out, struct fault *f);

/* A new login session: the raw token for the cookie, shown once. */
struct login_result {
	struct user	*user;			/* who logged in */
	char		 token[CRYPTO_TOKEN_MAX];	/* cookie value; wipe after use */
	char		 csrf[CRYPTO_CSRF_HEX + 1];	/* for the session's forms */
	int64_t		 expires_at;		/* unix seconds */
};

/*
 * Log in: refuses with APP_THROTTLED (f->iarg = seconds to wait) past the
 * per-account or per-address failure limits, APP_UNAUTH for a wrong login
 * or password (the same answer for both, in the same time), APP_FORBIDDEN
 * for a disabled account.  Failures are counted; success clears the
 * account's count and creates the session.
 */
enum app_err	svc_login(const struct svc_ctx *c, const char *login,
		    const char *password, size_t password_len,
		    struct login_result *out, struct fault *f);

/* End the session whose token hash is given. */
enum app_err	svc_logout(const struct svc_ctx *c, const char *session_hash);

/*
 * Change the actor's password after checking the current one; ends every
 * other session of the account and clears must_change_password.
 */
enum app_err	svc_password_change(const struct svc_ctx *c, const char *current,
		    size_t current_len, const char *next, size_t next_len,
		    const char *keep_session_hash, struct fault *f);

/* Create an organisation (slug, name, kind, ISO country) into *out. */
enum app_err	svc_org_create(const struct svc_ctx *c, const char *slug,
		    const char *name, const char *kind, const char *country,
		    struct org *out, struct fault *f);

/*
 * Add a product to an organisation.  model, versions, cpe and purl may be
 * NULL or "" (none); a CPE must be a CPE 2.3 formatted string and a purl a
 * Package URL (domain/product.h), else APP_INVALID naming "cpe" or "purl".
 */
enum app_err	svc_product_create(const struct svc_ctx *c, const char *org_slug,
		    const char *name, const char *model, const char *versions,
		    const char *cpe, const char *purl, struct product *out,
		    struct fault *f);

/*
 * A new API token for user_id: raw receives the token, shown once and never
 * stored (only its hash is).  label: 1..64 characters, default "api".
 */
enum app_err	svc_token_create(const struct svc_ctx *c, int64_t user_id,
		    const char *label, char raw[CRYPTO_TOKEN_MAX],
		    struct api_token *out, struct fault *f);

/* Revoke one of user_id's tokens. */
enum app_err	svc_token_revoke(const struct svc_ctx *c, int64_t user_id,
		    int64_t token_id, struct fault *f);

#endif
