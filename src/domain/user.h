#ifndef LOUDONG_DOMAIN_USER_H
#define LOUDONG_DOMAIN_USER_H

#include <stdbool.h>
#include <stdint.h>

#include "core/str.h"
#include "i18n/i18n.h"

/*
 * People and organisations: the plain structs every layer passes around,
 * and the rules for their fields.  No I/O here.
 */

enum user_role {
	UROLE_REPORTER,		/* 白帽 / researcher: submits reports */
	UROLE_TRIAGER,		/* verifies and grades reports */
	UROLE_COORDINATOR,	/* runs cases with vendors */
	UROLE_VENDOR,		/* member of a provider organisation */
	UROLE_REGULATOR,	/* read-only oversight */
	UROLE_AUDITOR,		/* reads logs and audit trails */
	UROLE_ADMIN,		/* manages the installation */
	UROLE__MAX
};

enum org_kind {
	ORG_PROVIDER,		/* 网络产品提供者 */
	ORG_OPERATOR,		/* 网络运营者 */
	ORG_PLATFORM,		/* 漏洞收集平台 */
	ORG_AUTHORITY,		/* 工信部, 公安部, 网信办, NVDB ... */
	ORG_SUPPORT_UNIT,	/* 支撑单位 */
	ORG__MAX
};

struct org {
	int64_t		 id;		/* row id */
	const char	*slug;		/* short unique name, [a-z0-9-]{2,40} */
	const char	*name;		/* display name */
	enum org_kind	 kind;		/* what sort of organisation */
	char		 country[3];	/* ISO 3166-1 alpha-2 jurisdiction (Art. 9(7)) */
	int64_t		 created_at;	/* unix seconds */
};

struct user {
	int64_t		 id;		/* row id */
	const char	*login;		/* unique, see user_login_check */
	const char	*display_name;	/* free text */
	const char	*email;		/* may be "" */
	enum user_role	 role;		/* what the account may do */
	int64_t		 org_id;	/* 0: no organisation */
	const char	*org_slug;	/* NULL when org_id == 0 */
	const char	*password_hash;	/* Argon2id encoded; never leaves store/api */
	bool		 must_change_password;	/* set for one-time passwords */
	bool		 disabled;	/* cannot log in */
	int64_t		 created_at;	/* unix seconds */
	/*
	 * Jurisdiction (Art. 9(7)): the account's own ISO 3166-1 code, else its
	 * organisation's, else "" (unknown: [policy] default_country applies).
	 */
	const char	*country;
};

struct product {
	int64_t		 id;		/* row id */
	int64_t		 org_id;	/* the provider */
	const char	*name;		/* product name (Art. 7(2) 产品名称) */
	const char	*model;		/* 型号, may be "" */
	const char	*versions;	/* known versions, free text */
	const char	*cpe;		/* CPE 2.3 formatted string, "" if none (R4) */
	const char	*purl;		/* Package URL, "" if none (R4) */
	const char	*org_slug;	/* the provider's, where a read joins orgs; else NULL */
	const char	*org_name;	/* likewise */
	int64_t		 created_at;	/* unix seconds */
};

/* Names as used in the API, the CLI and the database; -1 if unknown. */
const char	*user_role_name(enum user_role r);
int		 user_role_parse(struct str s);
const char	*org_kind_name(enum org_kind k);
int		 org_kind_parse(struct str s);

/*
 * Field rules.  Each returns MSG_OK, or the message that explains the
 * problem to the person who typed it.
 */
enum msg_id	 user_login_check(struct str login);
enum msg_id	 user_email_check(struct str email);	/* "" is allowed */
enum msg_id	 user_display_name_check(struct str name);
enum msg_id	 user_password_check(struct str pw, int min_chars);
enum msg_id	 org_slug_check(struct str slug);
enum msg_id	 org_name_check(struct str name);
enum msg_id	 org_country_check(struct str cc);	/* assigned ISO 3166-1 codes */

/* The longest password accepted, in bytes (bounds Argon2 input). */
#define USER_PASSWORD_MAX_BYTES	1024


/* A login session; the cookie holds a token whose SHA-256 is token_hash. */
struct session {
	int64_t		 user_id;	/* whose */
	const char	*csrf;		/* the CSRF token for this session's forms */
	int64_t		 created_at;	/* unix seconds */
	int64_t		 expires_at;	/* unix seconds */
};

/* An API token (Authorization: Bearer); only its hash is kept. */
struct api_token {
	int64_t		 id;		/* row id */
	int64_t		 user_id;	/* whose */
	const char	*label;		/* what the owner called it */
	int64_t		 created_at;	/* unix seconds */
	int64_t		 last_used_at;	/* 0: never */
	int64_t		 revoked_at;	/* 0: live */
};

#endif
