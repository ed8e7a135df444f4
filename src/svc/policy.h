#ifndef LOUDONG_SVC_POLICY_H
#define LOUDONG_SVC_POLICY_H

/*
 * The disclosure gate's side in svc/: gather the facts domain/policy.c
 * decides on, and log every decision (R44).  A service asks inside its
 * transaction (so the facts are consistent), then logs after its commit or
 * rollback, so a refusal is logged too:
 *
 *	svc_policy_case(c, case_id, &s)            facts of a case
 *	d = policy_check(PACT_INVITE, &s, &r, c->now)
 *	… commit or rollback …
 *	svc_policy_log(c, PACT_INVITE, &s, &r, &d)
 *	if (!d.allow) return svc_policy_fault(&d, f);
 */
#include "domain/policy.h"
#include "svc/svc.h"

struct org;
struct user;

/*
 * The facts of a case into s (strings and arrays in c->a): kind, whether a
 * fix is available (the case reached fix_available or later, or a vendor
 * says fixed), the Art. 9 records, exploit attachments, the providers of
 * its products, its scope keys (vendor slugs, product names), the windows
 * in force or to come, and whether it is disclosed (an advisory of it is
 * published and not withdrawn).  has_remediation is left false: the
 * advisory's text decides it.  APP_NOTFOUND, or a store error.
 */
enum app_err	svc_policy_case(const struct svc_ctx *c, const char *case_id,
		    struct policy_subject *s);

/* A person as a recipient: their jurisdiction, else their organisation's, else [policy] default_country. */
void		svc_policy_person(const struct svc_ctx *c, const struct user *u,
		    struct policy_recipient *r);
/* An organisation as a recipient. */
void		svc_policy_org(const struct svc_ctx *c, const struct org *o,
		    struct policy_recipient *r);
/* Everyone (a publication), or the operator at the console. */
void		svc_policy_public(const struct svc_ctx *c, struct policy_recipient *r);
void		svc_policy_local(const struct svc_ctx *c, struct policy_recipient *r);

/* Write the decision to policy_decisions (outside or inside a transaction). */
void		svc_policy_log(const struct svc_ctx *c, enum policy_action action,
		    const struct policy_subject *s, const struct policy_recipient *r,
		    const struct policy_decision *d);

/*
 * A refusal as a fault: APP_CONFLICT with the rule and the sentence.
 * Returns f->er.
 */
enum app_err	svc_policy_fault(const struct policy_decision *d, struct fault *f);

/* Check, log, and fault when refused: the usual sequence in one call. */
enum app_err	svc_policy_gate(const struct svc_ctx *c, enum policy_action action,
		    const struct policy_subject *s, const struct policy_recipient *r,
		    struct policy_decision *d, struct fault *f);

#endif
