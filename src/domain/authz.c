#include <stdio.h>
#include <string.h>

#include "domain/authz.h"

#define R(x)	(1u << (x))
#define ANY	((1u << UROLE__MAX) - 1)

static const unsigned perm_roles[PERM__MAX] = {
	ANY,						/* PERM_NONE */
	ANY,						/* PERM_ACCOUNT */
	R(UROLE_ADMIN) | R(UROLE_AUDITOR),		/* PERM_USERS_READ */
	R(UROLE_ADMIN),					/* PERM_USERS_MANAGE */
	R(UROLE_ADMIN) | R(UROLE_AUDITOR) | R(UROLE_REGULATOR) |
	    R(UROLE_TRIAGER) | R(UROLE_COORDINATOR),	/* PERM_ORGS_READ */
	R(UROLE_ADMIN),					/* PERM_ORGS_MANAGE */
	R(UROLE_ADMIN) | R(UROLE_TRIAGER) | R(UROLE_COORDINATOR),	/* PERM_REPORTERS_REVIEW */
	R(UROLE_ADMIN) | R(UROLE_AUDITOR) | R(UROLE_REGULATOR),	/* PERM_AUDIT_READ */
	R(UROLE_ADMIN) | R(UROLE_TRIAGER) | R(UROLE_COORDINATOR),	/* PERM_REPORTS_ASSESS */
	R(UROLE_ADMIN) | R(UROLE_TRIAGER) | R(UROLE_COORDINATOR),	/* PERM_CASES_MANAGE */
	R(UROLE_ADMIN) | R(UROLE_TRIAGER) | R(UROLE_COORDINATOR) |
	    R(UROLE_VENDOR) | R(UROLE_REGULATOR),	/* PERM_CASES_READ */
};

bool
authz_allows(enum user_role role, enum perm perm)
{
	if ((unsigned)role >= UROLE__MAX || (unsigned)perm >= PERM__MAX)
		return false;
	return (perm_roles[perm] & R(role)) != 0;
}

void
authz_roles_for(enum perm perm, char *buf, size_t size)
{
	size_t	len = 0;
	int	r, n;

	if (size == 0)
		return;
	buf[0] = '\0';
	if ((unsigned)perm >= PERM__MAX)
		return;
	for (r = 0; r < UROLE__MAX; r++) {
		if (!(perm_roles[perm] & R(r)))
			continue;
		n = snprintf(buf + len, size - len, "%s%s", len ? ", " : "",
		    user_role_name((enum user_role)r));
		if (n < 0 || (size_t)n >= size - len)
			return;
		len += (size_t)n;
	}
}
