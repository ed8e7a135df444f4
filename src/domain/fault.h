#ifndef LOUDONG_DOMAIN_FAULT_H
#define LOUDONG_DOMAIN_FAULT_H

#include "core/err.h"
#include "i18n/i18n.h"

/*
 * Why something was refused, in a form every layer can pass up unchanged:
 * the kind of failure, the offending field, the rule it rests on (an
 * article such as "Art. 9(1)", or a house rule such as "rbac.role"), and the
 * catalog message that explains it.  A message takes at most one argument,
 * an int (iarg) or, when sarg is set, a string; handlers turn a fault into
 * a localised answer.
 */
struct fault {
	enum app_err	 er;	/* APP_OK: no fault */
	const char	*field;	/* offending input, or NULL */
	const char	*rule;	/* the rule a denial rests on, or NULL */
	enum msg_id	 msg;	/* explanation */
	int		 iarg;	/* the message's %d, if any */
	const char	*sarg;	/* the message's %s instead, or NULL */
};

/* Record a fault and return its code: `return fault_set(f, APP_INVALID, ...)`. */
static inline enum app_err
fault_set(struct fault *f, enum app_err er, const char *field, enum msg_id m,
    int iarg)
{
	f->er = er;
	f->field = field;
	f->rule = NULL;
	f->msg = m;
	f->iarg = iarg;
	f->sarg = NULL;
	return er;
}

#endif
