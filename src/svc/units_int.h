#ifndef LOUDONG_SVC_UNITS_INT_H
#define LOUDONG_SVC_UNITS_INT_H

/*
 * Inside svc/units*.c only: what the rooms of the support-unit area share
 * (units.c: hooks, configuration, evaluation, awards; units_app.c:
 * applications and their stages; units_unit.c: units, certificates,
 * tasks).
 */
#include "svc/units.h"

/* The kind of every in-app notice of the area. */
#define UNITS_NOTICE_KIND	"support_unit"

/* The rules refusals rest on (the CAPPVD notice's headings, R40). */
#define UNITS_RULE		"R40"
#define UNITS_RULE_SELECTION	"遴选条件"
#define UNITS_RULE_FILING	"申报方式: 纸质材料"
#define UNITS_RULE_PROCESS	"申报流程"
#define UNITS_RULE_TECHNICAL	"权利义务（一）"
#define UNITS_RULE_GOVERNANCE	"权利义务（二）"

enum app_err	 units_not_here(struct fault *f);
/* A store failure as a fault; APP_NOTFOUND with notfound's message. */
enum app_err	 units_stored(struct fault *f, enum app_err er, enum msg_id notfound);
/* A refusal with the rule it rests on. */
enum app_err	 units_refuse(struct fault *f, enum app_err er, const char *field,
		    enum msg_id m, const char *rule);
/* Registry role, then the staff's door. */
enum app_err	 units_staff(const struct svc_ctx *c, struct fault *f);
int64_t		 units_actor(const struct svc_ctx *c);
/* Today, China time, YYYY-MM-DD (in c->a). */
const char	*units_today(const struct svc_ctx *c);
/* Whether the actor is an account of organisation org_id. */
bool		 units_member(const struct svc_ctx *c, int64_t org_id);
/* Text within UNIT_NOTE_MAX characters, UTF-8 (lines allowed); required or not. */
bool		 units_note_ok(const char *s, bool required);

/*
 * Tell in-app and by mail (no details: a pointer to the page), inside the
 * caller's transaction; m takes one %s (arg).  path: the page to log in to.
 */
enum app_err	 units_tell_user(const struct svc_ctx *c, int64_t user_id, const char *subject,
		    enum msg_id m, const char *arg, const char *path);
enum app_err	 units_tell_org(const struct svc_ctx *c, int64_t org_id, const char *subject,
		    enum msg_id m, const char *arg, const char *path);
enum app_err	 units_tell_staff(const struct svc_ctx *c, const char *subject, enum msg_id m,
		    const char *arg);

/* The configured weights and thresholds (checked at start). */
void		 units_weights(const struct svc_ctx *c, struct unit_weights *w);
void		 units_thresholds(const struct svc_ctx *c, struct unit_thresholds *t);

/*
 * Issue a certificate to u at level (the previous one superseded): valid
 * from issued_on for [units] validity_months.  number (64 bytes) receives
 * its number, valid_until (11 bytes) its end.  Inside the transaction.
 */
enum app_err	 units_cert_issue(const struct svc_ctx *c, const struct unit_row *u, int level,
		    const char *issued_on, char number[64], char valid_until[11]);

/* The day `months` months before day (its day clamped to the month's length). */
int64_t		 units_months_before(int64_t day, int months);

/* The comprehensive grade of the assessment of subject ("" if none). */
const char	*units_grade_of(const struct svc_ctx *c, const char *subject);

/* Other processes (the CLI) learn of a public change through meta public_gen. */
enum app_err	 units_mark_public(const struct svc_ctx *c);

#endif
