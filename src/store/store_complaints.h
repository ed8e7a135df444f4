#ifndef LOUDONG_STORE_STORE_COMPLAINTS_H
#define LOUDONG_STORE_STORE_COMPLAINTS_H

/*
 * Part of store.h (included from it): complaints (举报, issue 8; 办法 第九条)
 * and their history.  Tables: store/sql/sqlite/0011_complaints.sql.  The
 * sealed columns travel as struct sealed; svc/complaints.c seals and opens
 * them.
 */
#include "domain/complaint.h"

/* A complaint as stored, without its sealed parts. */
struct complaint_row {
	int64_t			 rowid;		/* list cursor */
	const char		*id;		/* JB-2026-000001 */
	const char		*platform_name;
	const char		*platform_url;	/* "" if none */
	const char		*filing_number;	/* "" if none */
	enum complaint_category	 category;
	enum complaint_channel	 channel;
	bool			 anonymous;	/* no account linked */
	int64_t			 reporter_id;	/* 0: none */
	const char		*reporter_login;	/* "" when none or gone */
	int64_t			 recorded_by;	/* staff who entered it (phone, e-mail); 0 */
	const char		*recorded_by_login;	/* "" */
	const char		*payload_sha256;
	int64_t			 received_at;
	int64_t			 leaf_index;
	enum complaint_state	 state;
	int64_t			 assignee_id;	/* 0: nobody */
	const char		*assignee_login;	/* "" */
	enum complaint_outcome	 outcome;	/* COUT_NONE until closed */
	int64_t			 closed_at;	/* 0: open */
	int64_t			 updated_at;
};

/* The sealed parts of a complaint (data NULL, lengths 0: none). */
struct complaint_seals {
	struct sealed	 text;		/* the complaint */
	struct sealed	 contact;	/* contact details */
	struct sealed	 outcome;	/* the outcome note */
	const char	*token_hash;	/* SHA-256 (hex) of the status token */
};

/* The next number of a year (inside the transaction inserting the complaint). */
enum app_err	 store_complaint_next_seq(struct store *st, int year, int64_t *seq);
/*
 * Insert c (state submitted) with its sealed text and contact (contact
 * data NULL: none); addr_hash NULL keeps no address (not throttled).
 */
enum app_err	 store_complaint_insert(struct store *st, const struct complaint_row *c,
		    int year, int64_t seq, const struct complaint_seals *s,
		    const char *addr_hash);
/* One complaint; s (if not NULL) receives its sealed parts.  APP_NOTFOUND. */
enum app_err	 store_complaint_get(struct store *st, struct arena *a, const char *id,
		    struct complaint_row *out, struct complaint_seals *s);

/* Filters of a listing: NULL does not filter. */
struct complaint_filter {
	const char	*state;		/* a state word */
	const char	*category;	/* a category word */
	const char	*platform;	/* a fragment of the name, URL or 备案编号 (case-insensitive) */
	int64_t		 cursor;	/* rowid below this; 0: from the newest */
	int		 limit;
};
/* Newest first. */
enum app_err	 store_complaint_list(struct store *st, struct arena *a,
		    const struct complaint_filter *f, struct complaint_row **out, size_t *n);

/* Assignee and state (APP_NOTFOUND unless the complaint is open). */
enum app_err	 store_complaint_assign(struct store *st, const char *id, int64_t assignee_id,
		    enum complaint_state to, int64_t now);
/* The state of an open complaint (APP_NOTFOUND unless open). */
enum app_err	 store_complaint_set_state(struct store *st, const char *id,
		    enum complaint_state to, int64_t now);
/* Close an open complaint with its outcome and sealed note (APP_NOTFOUND unless open). */
enum app_err	 store_complaint_close(struct store *st, const char *id,
		    enum complaint_outcome o, const struct sealed *note, int64_t now);

/* One step of a complaint's history. */
struct complaint_event {
	int64_t		 id;
	const char	*complaint_id;
	int64_t		 at;
	int64_t		 actor_id;	/* 0: the complainant or the system */
	const char	*actor_login;	/* "" */
	const char	*event;		/* submitted, assigned, note, closed */
	const char	*from_state;	/* "" if no move */
	const char	*to_state;
	const char	*detail;	/* assigned: the assignee's login; closed: the outcome */
	struct sealed	 note;		/* a sealed note (data NULL: none) */
	const char	*note_text;	/* filled by svc/ when opened; NULL */
};
/* The id the next event will have (inside the transaction that adds it). */
enum app_err	 store_complaint_event_next_id(struct store *st, int64_t *id);
/* Insert e with e->id from store_complaint_event_next_id (note data NULL: none). */
enum app_err	 store_complaint_event_add(struct store *st, const struct complaint_event *e);
/* Oldest first. */
enum app_err	 store_complaint_events(struct store *st, struct arena *a, const char *id,
		    struct complaint_event **out, size_t *n);

/*
 * The submission throttle: complaints from addr_hash received at or after
 * since (*n), and the oldest of them (*oldest, 0 if none).  forget erases
 * the hashes of complaints received before `before`.
 */
enum app_err	 store_complaint_addr_count(struct store *st, const char *addr_hash,
		    int64_t since, int64_t *n, int64_t *oldest);
enum app_err	 store_complaint_addr_forget(struct store *st, int64_t before);

/* Statistics, optionally of one year (seq_year; 0: all). */
enum complaint_stat {
	CSTAT_STATE,		/* by state */
	CSTAT_OUTCOME,		/* by outcome of the closed ones */
	CSTAT_CATEGORY,		/* by category */
	CSTAT__MAX
};
struct complaint_count {
	const char	*key;		/* the word */
	int64_t		 n;
};
/* One row per word that has any (in no particular order). */
enum app_err	 store_complaint_counts(struct store *st, struct arena *a,
		    enum complaint_stat which, int year, struct complaint_count **out,
		    size_t *n);
/* Per platform (its name, ASCII case ignored): most complained about first. */
struct complaint_platform_stat {
	const char	*name;		/* as first written */
	int64_t		 total;
	int64_t		 open;		/* not closed */
	int64_t		 substantiated;
	int64_t		 last_at;	/* the newest complaint's receipt */
};
enum app_err	 store_complaint_platforms(struct store *st, struct arena *a, int year,
		    int limit, struct complaint_platform_stat **out, size_t *n);

#endif
