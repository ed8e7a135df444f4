#ifndef LOUDONG_STORE_STORE_FILINGS_H
#define LOUDONG_STORE_STORE_FILINGS_H

/*
 * 备案, registry side (issue 8): filed platforms, applications, 补正
 * rounds, documents, notices to 公安部 and 网信办, events (migrations
 * 0012, 0013).  Included by store.h.  The dossier and the documents
 * travel sealed (struct sealed); svc/filings.c seals and opens them.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/filing.h"

/* The next number of a sequence: what "application" or "number", per year (0: all years). */
enum app_err	 store_filing_next_seq(struct store *st, const char *what, int year,
		    int64_t *seq);

/* An application as stored, without its sealed dossier. */
struct filing_app_row {
	int64_t			 rowid;		/* list cursor */
	const char		*id;		/* BA-2026-000001 */
	enum filing_app_kind	 kind;
	enum filing_app_state	 state;
	int64_t			 platform_id;	/* 0: none (an initial one before approval) */
	const char		*platform_number;	/* its 备案编号, "" */
	int64_t			 org_id;	/* the applicant's organisation; 0 if gone */
	const char		*org_slug;	/* "" */
	const char		*org_name;	/* "" */
	int64_t			 submitter_id;	/* the account that sent it; 0 if gone */
	const char		*submitter_login;	/* "" */
	const char		*idem_key;	/* the first submission's Idempotency-Key */
	const char		*fieldset;	/* version of the field set it was checked against */
	const char		*name;		/* the public part: platform.name, */
	const char		*url;		/* platform.url, */
	const char		*icp;		/* platform.icp, */
	const char		*sponsor;	/* sponsor.name ("" where not given) */
	const char		*given_number;	/* change, deregistration: the 备案编号 named */
	const char		*change_date;	/* change: YYYY-MM-DD, "" */
	const char		*end_date;	/* deregistration: YYYY-MM-DD, "" */
	const char		*changed;	/* change: the keys changed, comma-separated */
	const char		*note;		/* the applicant's note */
	const char		*payload_sha256;	/* of the last body received */
	int64_t			 leaf_index;	/* receipt-log leaf of the first submission */
	int64_t			 submitted_at;
	int64_t			 complete_at;	/* 0: never complete */
	int64_t			 decided_at;	/* 0: undecided */
	int64_t			 decided_by;	/* 0: nobody (withdrawn) */
	const char		*decided_by_login;	/* "" */
	const char		*reason;	/* a rejection's or withdrawal's reasons */
	int			 reviews;	/* review clocks started */
	int			 rounds;	/* 补正 rounds requested */
	int64_t			 created_at;
	int64_t			 updated_at;
};

/* Insert r with its sealed dossier. */
enum app_err	 store_filing_app_insert(struct store *st, const struct filing_app_row *r,
		    const struct sealed *fields);
/* One application; fields (if not NULL) receives the sealed dossier.  APP_NOTFOUND. */
enum app_err	 store_filing_app_get(struct store *st, struct arena *a, const char *id,
		    struct filing_app_row *out, struct sealed *fields);
/* The one an organisation sent with this Idempotency-Key; APP_NOTFOUND if none. */
enum app_err	 store_filing_app_by_key(struct store *st, struct arena *a, int64_t org_id,
		    const char *idem_key, struct filing_app_row *out);
/*
 * An application still open (submitted, supplement_requested, resubmitted)
 * for the same platform: platform_id's, or with platform_id 0 an initial
 * one of org_id.  Its id into *id; APP_NOTFOUND if none.
 */
enum app_err	 store_filing_app_open_for(struct store *st, struct arena *a,
		    int64_t org_id, int64_t platform_id, const char **id);
/*
 * The latest approved application of a platform that carried its dossier
 * (initial or change), with its sealed dossier; APP_NOTFOUND if none.
 */
enum app_err	 store_filing_app_dossier_of(struct store *st, struct arena *a,
		    int64_t platform_id, struct filing_app_row *out, struct sealed *fields);
/* The latest approved deregistration of a platform; APP_NOTFOUND if none. */
enum app_err	 store_filing_app_dereg_of(struct store *st, struct arena *a,
		    int64_t platform_id, struct filing_app_row *out);

/* Filters of the queue: NULL / 0 do not filter. */
struct filing_app_filter {
	const char	*state;		/* a state word, or "open" (not yet decided) */
	const char	*kind;		/* a kind word */
	int64_t		 org_id;	/* one organisation's */
	int64_t		 cursor;	/* rowid below this; 0: from the newest */
	int		 limit;
};
/* Newest first. */
enum app_err	 store_filing_app_list(struct store *st, struct arena *a,
		    const struct filing_app_filter *f, struct filing_app_row **out, size_t *n);
/*
 * Write every mutable column of r (by r->id) while the application is
 * still in state from; fields non-NULL replaces the sealed dossier.
 * APP_NOTFOUND when it is not (moved meanwhile).
 */
enum app_err	 store_filing_app_save(struct store *st, const struct filing_app_row *r,
		    enum filing_app_state from, const struct sealed *fields);

/* A 补正 round: every deficiency at once (R24). */
struct filing_round_row {
	int64_t		 id;
	const char	*application_id;
	int		 round;		/* 1, 2, ... */
	const char	*items_json;	/* [{"field", "problem", "note"}] */
	const char	*note;		/* the round's own words, "" */
	int64_t		 requested_at;
	int64_t		 requested_by;	/* 0: the registry's automatic check */
	const char	*requested_by_login;	/* "" */
	int64_t		 answered_at;	/* 0: not yet */
	const char	*answer_key;	/* the answering resubmission's Idempotency-Key, "" */
};
enum app_err	 store_filing_round_add(struct store *st, const struct filing_round_row *r);
/* Oldest first. */
enum app_err	 store_filing_rounds(struct store *st, struct arena *a, const char *app_id,
		    struct filing_round_row **out, size_t *n);
/* The unanswered round answered at with key; APP_NOTFOUND if there is none. */
enum app_err	 store_filing_round_answer(struct store *st, const char *app_id, int round,
		    const char *key, int64_t at);
/* Whether a round of app_id was answered with key. */
enum app_err	 store_filing_round_key_used(struct store *st, const char *app_id,
		    const char *key, bool *used);

/* A document of an application. */
struct filing_doc_row {
	const char	*application_id;
	const char	*field;		/* the document field's key */
	const char	*name;		/* the file's name */
	const char	*media_type;	/* sniffed */
	const char	*claimed_type;	/* the applicant's, "" */
	const char	*sha256;	/* hex */
	int64_t		 size;
	int64_t		 created_at;
};
/* Insert or replace the document of (application, field). */
enum app_err	 store_filing_doc_put(struct store *st, const struct filing_doc_row *d,
		    const struct sealed *content);
/* One document; content (if not NULL) receives its sealed bytes.  APP_NOTFOUND. */
enum app_err	 store_filing_doc_get(struct store *st, struct arena *a, const char *app_id,
		    const char *field, struct filing_doc_row *out, struct sealed *content);
/* By field. */
enum app_err	 store_filing_docs(struct store *st, struct arena *a, const char *app_id,
		    struct filing_doc_row **out, size_t *n);
enum app_err	 store_filing_doc_delete(struct store *st, const char *app_id,
		    const char *field);

/* A notice of an approval to 公安部 or 网信办, with its delivery (from the outbox). */
struct filing_notice_row {
	int64_t		 id;
	const char	*application_id;
	const char	*recipient;	/* "mps", "cac" */
	const char	*target;	/* URL, mailto:, or "" (not configured) */
	int64_t		 outbox_id;	/* 0: none */
	int64_t		 created_at;
	const char	*delivery;	/* pending, sent, failed; "" without a delivery */
	int		 attempts;
	const char	*last_error;
	int64_t		 http_status;
	int64_t		 sent_at;
};
enum app_err	 store_filing_notice_add(struct store *st, const struct filing_notice_row *r,
		    int64_t *id);
enum app_err	 store_filing_notice_set_outbox(struct store *st, int64_t id,
		    int64_t outbox_id);
enum app_err	 store_filing_notice_get(struct store *st, struct arena *a, int64_t id,
		    struct filing_notice_row *out);
/* Oldest first. */
enum app_err	 store_filing_notices(struct store *st, struct arena *a, const char *app_id,
		    struct filing_notice_row **out, size_t *n);

/* What happened to an application. */
struct filing_event_row {
	int64_t		 id;
	int64_t		 at;
	int64_t		 actor_id;	/* 0: the applicant's organisation or the system */
	const char	*actor_login;	/* "" */
	const char	*event;		/* submitted, supplement_requested, ... */
	const char	*note;
};
enum app_err	 store_filing_event_add(struct store *st, const char *app_id, int64_t at,
		    int64_t actor_id, const char *event, const char *note);
/* Oldest first. */
enum app_err	 store_filing_events(struct store *st, struct arena *a, const char *app_id,
		    struct filing_event_row **out, size_t *n);

/* A platform on the public list (R41): never an ID number. */
struct filed_platform {
	int64_t		 id;
	const char	*number;	/* 备案编号 */
	const char	*name;
	const char	*url;
	const char	*icp;
	const char	*sponsor;
	int64_t		 org_id;	/* 0 if gone */
	bool		 deregistered;	/* status deregistered, else filed */
	const char	*filed_on;	/* YYYY-MM-DD */
	const char	*deregistered_on;	/* YYYY-MM-DD: the end date (declared, or come); "" */
	int64_t		 updated_at;
};
/* Insert p (status filed); *id receives its row id.  APP_CONFLICT: the number is taken. */
enum app_err	 store_filing_platform_insert(struct store *st, const struct filed_platform *p,
		    int64_t *id);
enum app_err	 store_filing_platform_get(struct store *st, struct arena *a, int64_t id,
		    struct filed_platform *out);
enum app_err	 store_filing_platform_by_number(struct store *st, struct arena *a,
		    const char *number, struct filed_platform *out);
/* Name, URL, ICP number, sponsor, deregistered_on and status of p (by p->id). */
enum app_err	 store_filing_platform_update(struct store *st, const struct filed_platform *p);

/* Filters of the public list: NULL does not filter. */
struct filed_platform_filter {
	const char	*status;	/* "filed" or "deregistered" */
	const char	*q;		/* a fragment of the number, name, sponsor, URL or ICP number */
	int64_t		 offset;
	int		 limit;
};
/* Oldest filing first (then number). */
enum app_err	 store_filing_platform_list(struct store *st, struct arena *a,
		    const struct filed_platform_filter *f, struct filed_platform **out,
		    size_t *n);
/* Filed platforms whose declared end date is on or before today (YYYY-MM-DD). */
enum app_err	 store_filing_platforms_ending(struct store *st, struct arena *a,
		    const char *today, int limit, struct filed_platform **out, size_t *n);
/* A filed platform becomes deregistered; APP_NOTFOUND when it is not filed. */
enum app_err	 store_filing_platform_deregister(struct store *st, int64_t id, int64_t now);

#endif
