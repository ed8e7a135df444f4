#ifndef LOUDONG_STORE_STORE_UNITS_H
#define LOUDONG_STORE_STORE_UNITS_H

/*
 * Part of store.h (included from it): support units (支撑单位, issue 9;
 * R40): applications and their stages, units, certificates, the
 * contribution ledger, tasks, evaluations, awards.  Tables:
 * store/sql/sqlite/0015_support_units.sql.  Statements: stmt_units.def and
 * sqlite_units.inc.  svc/units.c seals and opens the dossier.
 *
 * The first block is what other areas read (warnings, disputes,
 * statistics); the rest is svc/units.c's.
 */
#include "domain/support_unit.h"

/* A unit as stored, with its organisation and its valid certificate. */
struct unit_row {
	int64_t			 id;
	int64_t			 org_id;
	const char		*org_slug;
	const char		*country;	/* the organisation's (Art. 9(7)); "" if none */
	enum unit_type		 type;
	const char		*name;
	int			 level;		/* 1..4 */
	enum unit_status	 status;
	const char		*application_id;	/* "" if registered by hand */
	const char		*certified_on;	/* YYYY-MM-DD */
	const char		*valid_until;	/* YYYY-MM-DD */
	const char		*evaluated_on;	/* "" if never */
	int64_t			 announced_at;	/* 0: not on the public list */
	const char		*cert_number;	/* the valid certificate's; "" if none */
	int64_t			 created_at;
	int64_t			 updated_at;
};

/* Filters of a listing: -1 / 0 / false do not filter. */
struct unit_filter {
	int		 type;		/* enum unit_type, -1: any */
	int		 min_level;	/* 0: any */
	int		 status;	/* enum unit_status, -1: any */
	bool		 announced;	/* only those on the public list */
	int64_t		 cursor;	/* id above this (0: from the first) */
	int		 limit;
};

/* One unit.  APP_NOTFOUND. */
enum app_err	 store_unit_get(struct store *st, struct arena *a, int64_t id,
		    struct unit_row *out);
/* The units of an organisation (at most one per type), any status. */
enum app_err	 store_unit_by_org(struct store *st, struct arena *a, int64_t org_id,
		    struct unit_row **out, size_t *n);
/* Units by level (highest first), then name, then id; f->cursor pages by id. */
enum app_err	 store_unit_list(struct store *st, struct arena *a, const struct unit_filter *f,
		    struct unit_row **out, size_t *n);
/*
 * One ledger row (inside the caller's transaction).  A row of the same
 * unit, kind and subject already there is left as it is (APP_OK): a
 * contribution is credited once.
 */
enum app_err	 store_unit_credit(struct store *st, int64_t unit_id, enum unit_contrib k,
		    const char *grade, const char *subject, int points, int64_t at,
		    int64_t recorded_by, const char *note);

/* ---- svc/units.c's own (applications, stages, certificates, ...) ---- */

/* An application as stored, without its sealed dossier. */
struct unit_app_row {
	int64_t			 rowid;		/* list cursor */
	const char		*id;		/* ZC-2026-000001 */
	int64_t			 org_id;
	const char		*org_slug;
	const char		*org_name;
	int64_t			 applicant_id;	/* 0: the account is gone */
	const char		*applicant_login;	/* "" */
	enum unit_type		 type;
	const char		*unit_name;
	const char		*credit_code;
	enum unit_app_state	 state;
	const char		*criteria_version;
	int			 self_score;
	const char		*paper_received_on;	/* "" until the paper copy arrived */
	int64_t			 leaf_index;	/* -1: none */
	int64_t			 unit_id;	/* 0 until certified */
	int64_t			 submitted_at;
	int64_t			 updated_at;
};

/* The next number of a year's applications (inside the inserting transaction). */
enum app_err	 store_unit_app_next_seq(struct store *st, int year, int64_t *seq);
/* Insert r (its id, seq_year/seq from year and seq) with its sealed dossier. */
enum app_err	 store_unit_app_insert(struct store *st, const struct unit_app_row *r,
		    int year, int64_t seq, const struct sealed *dossier);
/* One application; dossier (if not NULL) receives the sealed dossier.  APP_NOTFOUND. */
enum app_err	 store_unit_app_get(struct store *st, struct arena *a, const char *id,
		    struct unit_app_row *out, struct sealed *dossier);
/* The open application (not done, rejected or withdrawn) of org for type; *id NULL: none. */
enum app_err	 store_unit_app_open_for(struct store *st, struct arena *a, int64_t org_id,
		    enum unit_type t, const char **id);
/* Filters of a listing of applications: NULL / 0 do not filter. */
struct unit_app_filter {
	const char	*state;		/* a state word, or "open" (not done, rejected, withdrawn) */
	int64_t		 org_id;
	int64_t		 cursor;	/* rowid below this; 0: from the newest */
	int		 limit;
};
/* Newest first. */
enum app_err	 store_unit_app_list(struct store *st, struct arena *a,
		    const struct unit_app_filter *f, struct unit_app_row **out, size_t *n);
/* Move an application from state `from` (APP_NOTFOUND when not in it any more). */
enum app_err	 store_unit_app_move(struct store *st, const char *id, enum unit_app_state from,
		    enum unit_app_state to, int64_t now);
/* The day the stamped paper copy arrived (申报方式). */
enum app_err	 store_unit_app_paper(struct store *st, const char *id, const char *day,
		    int64_t now);
/* The unit an application made. */
enum app_err	 store_unit_app_set_unit(struct store *st, const char *id, int64_t unit_id,
		    int64_t now);

/* One decided stage of an application (or the withdrawal). */
struct unit_stage_row {
	int64_t		 id;
	const char	*application_id;
	const char	*stage;		/* a state word, or "withdrawn" */
	const char	*outcome;	/* passed, failed, withdrawn */
	int64_t		 reviewer_id;	/* 0: the system or gone */
	const char	*reviewer_name;	/* display name, "" */
	const char	*notes;
	const char	*held_on;	/* "" if none */
	bool		 has_score;
	int64_t		 score;
	int64_t		 decided_at;
};
enum app_err	 store_unit_stage_add(struct store *st, const struct unit_stage_row *s);
/* Oldest first. */
enum app_err	 store_unit_stages(struct store *st, struct arena *a, const char *app_id,
		    struct unit_stage_row **out, size_t *n);

/* An evidence file of an application (content sealed). */
struct unit_doc_row {
	int64_t		 id;
	const char	*application_id;
	const char	*criterion;	/* "" : general */
	const char	*filename;
	const char	*mime;		/* sniffed */
	int64_t		 size;
	const char	*sha256;
};
enum app_err	 store_unit_doc_add(struct store *st, const struct unit_doc_row *d,
		    const struct sealed *content, int64_t *id);
enum app_err	 store_unit_docs(struct store *st, struct arena *a, const char *app_id,
		    struct unit_doc_row **out, size_t *n);
/* One file of app_id with its sealed content.  APP_NOTFOUND. */
enum app_err	 store_unit_doc_get(struct store *st, struct arena *a, const char *app_id,
		    int64_t id, struct unit_doc_row *out, struct sealed *content);

/* Create a unit (u->cert_number, org fields ignored); *id its row id. */
enum app_err	 store_unit_insert(struct store *st, const struct unit_row *u, int64_t *id);
/* Level, validity and (if not NULL) the evaluation day of a unit. */
enum app_err	 store_unit_set_level(struct store *st, int64_t id, int level,
		    const char *certified_on, const char *valid_until, const char *evaluated_on,
		    int64_t now);
/* Record an evaluation day only. */
enum app_err	 store_unit_set_evaluated(struct store *st, int64_t id, const char *day,
		    int64_t now);
enum app_err	 store_unit_set_status(struct store *st, int64_t id, enum unit_status s,
		    int64_t now);
/* On the public list from at (公告). */
enum app_err	 store_unit_announce(struct store *st, int64_t id, int64_t at);
/* Active units whose validity ended before day (YYYY-MM-DD) become expired; *n how many. */
enum app_err	 store_unit_expire(struct store *st, const char *day, int64_t now, int64_t *n);

/* A certificate as the verification page shows it. */
struct unit_cert_row {
	const char		*number;
	int64_t			 unit_id;
	const char		*unit_name;
	enum unit_type		 type;
	int			 level;
	const char		*issued_on;
	const char		*valid_until;
	const char		*status;	/* valid, superseded, revoked */
	int64_t			 issued_by;
	int64_t			 created_at;
	bool			 announced;	/* its unit is on the public list */
	enum unit_status	 unit_status;
};
/* The next number of a year's certificates (inside the issuing transaction). */
enum app_err	 store_unit_cert_next_seq(struct store *st, int year, int64_t *seq);
/* Insert c as the valid one; the unit's previous valid one becomes superseded. */
enum app_err	 store_unit_cert_issue(struct store *st, const struct unit_cert_row *c,
		    int year, int64_t seq);
/* Revoke the unit's valid certificate. */
enum app_err	 store_unit_cert_revoke(struct store *st, int64_t unit_id);
enum app_err	 store_unit_cert_get(struct store *st, struct arena *a, const char *number,
		    struct unit_cert_row *out);
/*
 * The certificate's PDF kept under key (the SHA-256 of what the page shows
 * beyond the row): APP_NOTFOUND if none is kept, or under another key.
 */
enum app_err	 store_unit_cert_pdf_get(struct store *st, struct arena *a, const char *number,
		    const char *key, const unsigned char **pdf, size_t *len);
/* Keep the PDF under key (replacing one kept before). */
enum app_err	 store_unit_cert_pdf_put(struct store *st, const char *number, const char *key,
		    const void *pdf, size_t len);
/* Newest first. */
enum app_err	 store_unit_certs(struct store *st, struct arena *a, int64_t unit_id,
		    struct unit_cert_row **out, size_t *n);

/* Change the grade and points of a report's ledger row (a re-grading); none: APP_OK. */
enum app_err	 store_unit_credit_regrade(struct store *st, int64_t unit_id,
		    const char *subject, const char *grade, int points);
/* What a unit's ledger holds with at in [from, to). */
enum app_err	 store_unit_counts(struct store *st, int64_t unit_id, int64_t from, int64_t to,
		    struct unit_counts *out);
/* One ledger row. */
struct unit_contrib_row {
	int64_t			 id;
	enum unit_contrib	 kind;
	const char		*grade;
	const char		*subject;
	int64_t			 points;
	int64_t			 at;
	const char		*note;
};
/* Newest first, at most limit. */
enum app_err	 store_unit_contributions(struct store *st, struct arena *a, int64_t unit_id,
		    int limit, struct unit_contrib_row **out, size_t *n);

/* A verification or assistance task. */
struct unit_task_row {
	int64_t			 id;
	int64_t			 unit_id;
	const char		*unit_name;
	int64_t			 org_id;
	enum unit_contrib	 kind;		/* UC_VERIFICATION or UC_ASSISTANCE */
	const char		*subject;	/* submission:<id> or report:<id> */
	const char		*grade;
	const char		*state;		/* assigned, done, confirmed, cancelled */
	const char		*brief;
	const char		*result;
	int64_t			 assigned_by;
	int64_t			 assigned_at;
	int64_t			 done_at;
	int64_t			 confirmed_by;
	int64_t			 confirmed_at;
};
enum app_err	 store_unit_task_insert(struct store *st, const struct unit_task_row *t,
		    int64_t *id);
enum app_err	 store_unit_task_get(struct store *st, struct arena *a, int64_t id,
		    struct unit_task_row *out);
/* Tasks of a unit (0: all units) in a state (NULL: any), newest first, at most limit. */
enum app_err	 store_unit_tasks(struct store *st, struct arena *a, int64_t unit_id,
		    const char *state, int limit, struct unit_task_row **out, size_t *n);
/* assigned -> done with the unit's result (APP_NOTFOUND unless assigned). */
enum app_err	 store_unit_task_done(struct store *st, int64_t id, const char *result,
		    int64_t now);
/* done -> confirmed (APP_NOTFOUND unless done). */
enum app_err	 store_unit_task_confirm(struct store *st, int64_t id, const char *grade,
		    int64_t by, int64_t now);
/* assigned or done -> cancelled (APP_NOTFOUND otherwise). */
enum app_err	 store_unit_task_cancel(struct store *st, int64_t id, int64_t by, int64_t now);

/* One evaluation. */
struct unit_eval_row {
	int64_t		 id;
	int64_t		 unit_id;
	const char	*period_from;
	const char	*period_to;
	const char	*counts_json;
	int64_t		 points;
	int		 level_before;
	int		 level_after;
	bool		 below_minimum;
	int64_t		 evaluated_at;
	int64_t		 evaluated_by;
};
enum app_err	 store_unit_eval_add(struct store *st, const struct unit_eval_row *e);
/* Newest first, at most limit. */
enum app_err	 store_unit_evals(struct store *st, struct arena *a, int64_t unit_id, int limit,
		    struct unit_eval_row **out, size_t *n);

/* An award candidate (or decided, or published). */
struct unit_award_row {
	int64_t			 id;
	int			 year;
	enum unit_award		 award;
	int64_t			 unit_id;
	const char		*unit_name;
	enum unit_type		 type;
	int			 level;
	int64_t			 metric;
	int			 rank;
	const char		*state;		/* candidate, confirmed, dismissed, published */
	int64_t			 decided_by;
	int64_t			 decided_at;
	int64_t			 published_at;
};
/* Drop the year's undecided candidates (before a recomputation). */
enum app_err	 store_unit_award_clear(struct store *st, int year);
/* A candidate; one already decided for the same award and unit stays as it is. */
enum app_err	 store_unit_award_put(struct store *st, int year, enum unit_award aw,
		    int64_t unit_id, int64_t metric, int rank);
enum app_err	 store_unit_award_get(struct store *st, struct arena *a, int64_t id,
		    struct unit_award_row *out);
/* candidate -> confirmed or dismissed (APP_NOTFOUND unless a candidate or decided). */
enum app_err	 store_unit_award_decide(struct store *st, int64_t id, const char *state,
		    int64_t by, int64_t now);
/* The year's confirmed ones become published; *n how many. */
enum app_err	 store_unit_award_publish(struct store *st, int year, int64_t now, int64_t *n);
/* A year's awards in a state (NULL: all), by award then rank. */
enum app_err	 store_unit_awards(struct store *st, struct arena *a, int year, const char *state,
		    struct unit_award_row **out, size_t *n);

#endif
