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

/*
 * A mailbox as a recipient (a mail with case content): the account whose
 * e-mail address it is (ASCII case ignored), described as a person as by
 * svc_policy_person; else an address outside the accounts (PREC_ADDRESS,
 * "address:<address>"), whose jurisdiction nobody verified: unknown, so
 * undisclosed content is refused to it.  A store error is returned, and r
 * then describes the bare address (refused too).
 */
enum app_err	svc_policy_mailbox(const struct svc_ctx *c, const char *address,
		    struct policy_recipient *r);

/*
 * The configured national library as a recipient (PREC_LIBRARY,
 * "library:<library>"): [federation] registry_url, or the manual upload to
 * the library the 报送 names.  Domestic by definition: described with the
 * first of [policy] domestic_countries (none listed: unknown, refused).
 */
void		svc_policy_national_library(const struct svc_ctx *c, const char *library,
		    struct policy_recipient *r);

/*
 * Any other library or federation destination (PREC_LIBRARY,
 * "library:<name>") in country (ISO 3166-1 alpha-2; "" or NULL: unknown,
 * refused).  name is copied.
 */
void		svc_policy_library(const struct svc_ctx *c, const char *name,
		    const char *country, struct policy_recipient *r);

/*
 * The facts of undisclosed content that is no case of this instance (a
 * 报送 the registry received): id for the log ("submission:<id>"), a
 * generic kind, not disclosed, no provider known.  id is copied.
 */
void		svc_policy_record(const struct svc_ctx *c, const char *id,
		    struct policy_subject *s);

/*
 * What a recipient the gate refused shows instead of a delivery error (a
 * user notice's recipient, a forward): MSG_POLICY_REFUSED_RCPT in zh-CN,
 * then en, in c->a.
 */
const char	*svc_policy_refused_note(const struct svc_ctx *c);

/*
 * The facts of s as a publication of its case's advisory judges them (the
 * publish step and the preview, so the two never disagree): not disclosed
 * yet (this publication is what would disclose it), and no exploit in the
 * output, because an advisory carries no attachments: one kept on the case
 * stays there (Art. 9(4) guards outputs that would carry them).
 */
void		svc_policy_as_publication(struct policy_subject *s);

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
