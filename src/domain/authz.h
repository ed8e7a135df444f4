#ifndef LOUDONG_DOMAIN_AUTHZ_H
#define LOUDONG_DOMAIN_AUTHZ_H

#include <stdbool.h>
#include <stddef.h>

#include "domain/user.h"

/*
 * Role-based permissions (least privilege, R18).  Every route names the
 * permission it needs; the table in authz.c is the one place that says
 * which roles hold it.  Need-to-know checks on individual cases come on top
 * of this, in the case rules.
 */
enum perm {
	PERM_NONE,		/* anyone, logged in or not */
	PERM_ACCOUNT,		/* any logged-in account: own profile, own tokens */
	PERM_USERS_READ,	/* list accounts */
	PERM_USERS_MANAGE,	/* create, change, disable accounts */
	PERM_ORGS_READ,		/* list organisations */
	PERM_ORGS_MANAGE,	/* create and change organisations and products */
	PERM_REPORTERS_REVIEW,	/* verify reporters' identities, set their levels */
	PERM_AUDIT_READ,	/* read the audit log */
	PERM_REPORTS_ASSESS,	/* score and grade reports (triage), see their history */
	PERM_CASES_MANAGE,	/* triage reports into cases, move cases through their workflow */
	PERM_CASES_READ,	/* see cases: staff all, a vendor member those shared with its
				 * org, a regulator those they observe */
	PERM__MAX
};

/* True if role holds perm. */
bool	authz_allows(enum user_role role, enum perm perm);

/* The roles holding perm, comma-separated ("admin"), for denial messages. */
void	authz_roles_for(enum perm perm, char *buf, size_t size);

#endif
