#ifndef LOUDONG_SVC_UNITS_H
#define LOUDONG_SVC_UNITS_H

/*
 * Support units (支撑单位, issue 9; R40; the CAPPVD notice): a registry's
 * applications and their five stages, the units with their star levels
 * and certificates, the contribution ledger, tasks, the annual
 * evaluation, the awards.  Registry role only: elsewhere every use case
 * answers APP_NOTFOUND.
 *
 * The first block is what other areas call (warnings, disputes, the
 * 报送's verification, statistics); the rest is this area's.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/support_unit.h"
#include "store/store.h"
#include "svc/svc.h"

/* The library's display name: [registry] library_name, else [instance] name. */
const char	*svc_library_name(const struct config *cfg);

/*
 * Credit a contribution to every active unit of an organisation (none: a
 * no-op), with the points [units] weights give it now.  Inside the
 * caller's transaction; a contribution already credited stays as it is,
 * except a report's grade and points, which follow a re-grading (the
 * assessment's hook calls this again with the new grade).  grade: "",
 * critical, high, medium or low (anything else counts as "").
 */
enum app_err	 svc_units_credit(const struct svc_ctx *c, int64_t org_id, enum unit_contrib k,
		    const char *grade, const char *subject);

/* The active units of the actor's organisation (n = 0: the actor is in none). */
enum app_err	 svc_units_mine(const struct svc_ctx *c, struct unit_row **out, size_t *n);

/* ---- this area's own ---- */

#include "svc/intake.h"

/* A document's bytes at most, and documents per application at most. */
#define UNIT_DOC_MAX		(5 * 1024 * 1024)
#define UNIT_DOCS_MAX		20
/* Characters of stage notes, reasons, task briefs and results. */
#define UNIT_NOTE_MAX		4000

/* Whether this instance has support units (the registry role). */
bool		svc_units_on(const struct svc_ctx *c);

/*
 * Check [units] star_thresholds, weights and award_rules, and take the
 * rating method: text (a criteria_file's bytes; NULL: the built-in one),
 * its version the SHA-256 of the text.  Once at start (app/); 0, or -1
 * with a sentence naming the key.
 */
int		svc_units_configure(const struct config *cfg, const char *text, size_t len,
		    char *err, size_t errsz);
/* The rating method in use (with its version). */
const struct unit_criteria *svc_units_criteria(void);

/*
 * Hooks of other areas, inside their transactions.  credit_user: a
 * report of user_id's accepted (its grade from the assessment of
 * subject); regrade: the assessment of subject ("report:<id>" or
 * "submission:<id>") changed grade, so its ledger rows follow.
 */
enum app_err	svc_units_credit_user(const struct svc_ctx *c, int64_t user_id,
		    const char *subject);
enum app_err	svc_units_regrade(const struct svc_ctx *c, const char *subject,
		    const char *grade);

/* --- applications (units_app.c) --- */

/* An evidence file as the API or the form decoded it. */
struct unit_doc_in {
	const char		*criterion;	/* NULL or "": general */
	const char		*filename;
	const unsigned char	*content;	/* NULL: not decodable */
	size_t			 len;
	bool			 too_large;	/* over UNIT_DOC_MAX */
};
struct unit_app_new {
	struct unit_app_in	 in;
	const struct unit_doc_in *docs;
	size_t			 ndocs;
	const void		*payload;	/* the bytes received (their hash is the leaf's) */
	size_t			 payload_len;
	const char		*channel;	/* "web" or "api" */
};
/* What the dossier holds, opened. */
struct unit_evidence {
	const char	*criterion;
	const char	*label_zh;	/* "" if the rating method no longer has it */
	const char	*label_en;
	int64_t		 max;
	int64_t		 score;
	const char	*text;
};
struct unit_app_view {
	struct unit_app_row	 a;
	struct unit_stage_row	*stages;
	size_t			 nstages;
	struct unit_doc_row	*docs;
	size_t			 ndocs;
	bool			 full;		/* the dossier below was opened */
	const char		*address;
	const char		*contact_name;
	const char		*contact_phone;
	const char		*contact_email;
	int64_t			 team_size;
	const char		*team_certificates;
	const char		*team_description;
	struct unit_evidence	*evidence;
	size_t			 nevidence;
	bool			 declarations[UNIT_DECLARATIONS];
	struct intake_receipt	 receipt;	/* after svc_unit_apply only */
};
/*
 * Apply (申报): the actor's organisation for in.type.  APP_INVALID with
 * every problem in p[0..*np) (documents too); APP_CONFLICT when the
 * organisation has an open application or an active unit of the type;
 * APP_FORBIDDEN without an organisation.  Logged (a receipt-log leaf),
 * audited, staff told.
 */
enum app_err	svc_unit_apply(const struct svc_ctx *c, const struct unit_app_new *in,
		    struct unit_app_view *out, struct unit_problem *p, size_t *np,
		    struct fault *f);
/* One application: staff, or an account of the applying organisation (else 404). */
enum app_err	svc_unit_app_get(const struct svc_ctx *c, const char *id,
		    struct unit_app_view *out, struct fault *f);
/* Staff: every application (filter); others: their organisation's only. */
enum app_err	svc_unit_app_list(const struct svc_ctx *c, const struct unit_app_filter *flt,
		    struct unit_app_row **out, size_t *n, struct fault *f);
/* A stage decided by the staff (the actor is the reviewer). */
struct unit_decision {
	const char	*outcome;	/* pass, fail */
	const char	*notes;		/* required to fail */
	const char	*held_on;	/* YYYY-MM-DD; NULL: today */
	int64_t		 score;
	bool		 has_score;
};
enum app_err	svc_unit_app_decide(const struct svc_ctx *c, const char *id,
		    const struct unit_decision *d, struct unit_app_view *out, struct fault *f);
/* The day the stamped paper copy arrived (申报方式), before material review passes. */
enum app_err	svc_unit_app_paper(const struct svc_ctx *c, const char *id, const char *day,
		    struct unit_app_view *out, struct fault *f);
/* The applicant's organisation withdraws (before certification). */
enum app_err	svc_unit_app_withdraw(const struct svc_ctx *c, const char *id,
		    const char *reason, struct unit_app_view *out, struct fault *f);
/* One evidence file, opened (staff or the applicant's organisation). */
enum app_err	svc_unit_app_doc(const struct svc_ctx *c, const char *id, int64_t doc_id,
		    struct unit_doc_row *row, const unsigned char **bytes, size_t *len,
		    struct fault *f);

/* --- units, certificates, tasks (units_unit.c) --- */

struct unit_view {
	struct unit_row		 u;
	bool			 member;	/* the actor is an account of the unit's org */
	bool			 staff;
	const char		*period_from;	/* the current period's counts, */
	const char		*period_to;	/* inclusive */
	struct unit_counts	 counts;
	int64_t			 points;
	int			 level_for_points;
	int64_t			 next_threshold;	/* -1 at 四星 */
	bool			 below_minimum;
	struct unit_cert_row	*certs;		/* staff and members only */
	size_t			 ncerts;
	struct unit_eval_row	*evals;
	size_t			 nevals;
	struct unit_task_row	*tasks;
	size_t			 ntasks;
};
/* Public: announced active units; staff: filter as given. */
enum app_err	svc_unit_list(const struct svc_ctx *c, const struct unit_filter *flt,
		    struct unit_row **out, size_t *n, struct fault *f);
/* Public for an announced active unit; staff and members always (else 404). */
enum app_err	svc_unit_get(const struct svc_ctx *c, int64_t id, struct unit_view *out,
		    struct fault *f);
/* Staff: a unit certified before Loudong, by hand; it gets a Loudong certificate. */
struct unit_register {
	const char	*org;		/* slug */
	const char	*type;
	int64_t		 level;
	const char	*certified_on;	/* YYYY-MM-DD */
	const char	*name;		/* NULL: the organisation's name */
	bool		 announce;	/* on the public list at once */
};
enum app_err	svc_unit_register(const struct svc_ctx *c, const struct unit_register *in,
		    struct unit_row *out, struct fault *f);
/* Staff: suspended, revoked (the certificate too) or active again; reason required. */
enum app_err	svc_unit_set_status(const struct svc_ctx *c, int64_t id, const char *status,
		    const char *reason, struct unit_row *out, struct fault *f);
/* The unit's valid certificate (public for an announced active unit, like its page). */
enum app_err	svc_unit_certificate(const struct svc_ctx *c, int64_t id, struct unit_row *u,
		    struct unit_cert_row *cert, struct fault *f);
/*
 * The certificate as a PDF (office/certificate.h), read as svc_unit_certificate
 * reads.  Rendered once and kept with the certificate (a download is then a
 * read: cairo costs CPU and loses memory per rendering), again only when
 * what the page shows beyond the row changes (the library's name, the
 * issuer, the base URL, the font).  A failed rendering: APP_STORE with
 * MSG_ERR_UNIT_CERT_RENDER and cairo's or fontconfig's reason.
 */
enum app_err	svc_unit_certificate_pdf(const struct svc_ctx *c, int64_t id,
		    struct unit_cert_row *cert, const unsigned char **pdf, size_t *len,
		    struct fault *f);
/* The public verification of a number: valid, superseded, revoked or expired. */
enum app_err	svc_unit_cert_verify(const struct svc_ctx *c, const char *number,
		    struct unit_cert_row *out, const char **verdict, struct fault *f);

/* Staff give a unit a task about a report or 报送. */
struct unit_task_new {
	int64_t		 unit_id;
	const char	*kind;		/* verification, assistance */
	const char	*subject;	/* submission:<id> or report:<id> */
	const char	*brief;
};
enum app_err	svc_unit_task_assign(const struct svc_ctx *c, const struct unit_task_new *in,
		    struct unit_task_row *out, struct fault *f);
/* A member of the unit answers (assigned -> done). */
enum app_err	svc_unit_task_answer(const struct svc_ctx *c, int64_t id, const char *result,
		    struct unit_task_row *out, struct fault *f);
/* Staff confirm (done -> confirmed: credited) or cancel. */
enum app_err	svc_unit_task_confirm(const struct svc_ctx *c, int64_t id,
		    struct unit_task_row *out, struct fault *f);
enum app_err	svc_unit_task_cancel(const struct svc_ctx *c, int64_t id,
		    struct unit_task_row *out, struct fault *f);
/* Staff: any unit's (0: all); members: their own units' only. */
enum app_err	svc_unit_tasks(const struct svc_ctx *c, int64_t unit_id, const char *state,
		    struct unit_task_row **out, size_t *n, struct fault *f);
enum app_err	svc_unit_task_get(const struct svc_ctx *c, int64_t id, struct unit_task_row *out,
		    struct fault *f);

/* --- evaluation and awards (units.c) --- */

struct unit_eval_result {
	int64_t			 unit_id;
	const char		*name;
	struct unit_counts	 counts;
	int64_t			 points;
	int			 level_before;
	int			 level_after;
	bool			 below_minimum;
	const char		*cert_number;	/* the new certificate's; "" none */
};
/*
 * Evaluate one unit (unit_id) or every active one (0) over the [units]
 * period_months that end with as_of (YYYY-MM-DD, included; NULL: today,
 * China time).  A
 * level change, or a renewal (annual: the scheduler's run) issues a new
 * certificate.  Staff or the system.
 */
enum app_err	svc_units_evaluate(const struct svc_ctx *c, int64_t unit_id, const char *as_of,
		    bool annual, struct unit_eval_result **out, size_t *n, struct fault *f);
/*
 * The scheduler's tick (registry role): once a year, on [units]
 * evaluation_day or the first tick after it, the annual evaluation of
 * every unit (meta units_evaluated_year remembers the year; a new
 * installation's first tick only starts the count).  Also marks expired
 * the units whose certificate ran out.  *ran: whether the annual run ran.
 */
enum app_err	svc_units_tick(const struct svc_ctx *c, bool *ran);

/* Candidates of a year by [units] award_rules (undecided ones replaced); staff. */
enum app_err	svc_unit_awards_compute(const struct svc_ctx *c, int year,
		    struct unit_award_row **out, size_t *n, struct fault *f);
/* Staff: confirm (true) or dismiss a candidate. */
enum app_err	svc_unit_award_decide(const struct svc_ctx *c, int64_t id, bool confirm,
		    struct unit_award_row *out, struct fault *f);
/* Staff: the year's confirmed awards become public; *n how many. */
enum app_err	svc_unit_awards_publish(const struct svc_ctx *c, int year, int64_t *n,
		    struct fault *f);
/* A year's awards: staff all, everyone else the published ones. */
enum app_err	svc_unit_awards(const struct svc_ctx *c, int year, bool published_only,
		    struct unit_award_row **out, size_t *n, struct fault *f);

#endif
