#ifndef LOUDONG_STORE_STORE_DISCLOSURE_H
#define LOUDONG_STORE_STORE_DISCLOSURE_H

/*
 * Part of store.h (included from it): the disclosure gate's facts and log,
 * and advisories (issue 7).  Tables: store/sql/sqlite/0010_disclosure.sql.
 */

/* An Art. 9 record on a case (joint_assessment, authority_report, authority_outcome, mps_consent). */
struct disclosure_record {
	int64_t		 id;
	const char	*case_id;
	const char	*kind;
	const char	*reference;
	const char	*issued_on;	/* YYYY-MM-DD */
	const char	*scope;
	const char	*approver;
	bool		 allow;		/* authority_outcome: the authorities agree */
	const char	*note;
	int64_t		 created_at;
	int64_t		 created_by;
	const char	*created_by_login;	/* "" when gone */
};
enum app_err	 store_disclosure_record_add(struct store *st, const struct disclosure_record *r,
		    int64_t *id);
/* Oldest first. */
enum app_err	 store_disclosure_records(struct store *st, struct arena *a, const char *case_id,
		    struct disclosure_record **out, size_t *n);

/* A major-event window (R43). */
struct event_window {
	int64_t		 id;
	const char	*name;
	int64_t		 starts_at;
	int64_t		 ends_at;
	const char	*scope;
	const char	*source;	/* "local" or the pushing registry's name */
	const char	*external_id;	/* the registry's id ("" for local ones) */
	int64_t		 created_at;
	int64_t		 created_by;
	int64_t		 withdrawn_at;	/* 0: in force */
};
/*
 * Insert, or (same source and external_id, non-empty) update a pushed
 * window in place; *id is the row's.
 */
enum app_err	 store_window_put(struct store *st, const struct event_window *w, int64_t *id);
enum app_err	 store_window_withdraw(struct store *st, int64_t id, int64_t at);
enum app_err	 store_window_get(struct store *st, struct arena *a, int64_t id,
		    struct event_window *out);
/* Windows not withdrawn that end after `after`, by start; all when all is set. */
enum app_err	 store_windows(struct store *st, struct arena *a, int64_t after, bool all,
		    struct event_window **out, size_t *n);

/* One decision of the gate. */
struct policy_log_row {
	int64_t		 id;
	int64_t		 at;
	const char	*action;
	const char	*subject;
	const char	*recipient;
	bool		 allowed;
	const char	*rule;
	int64_t		 actor_id;
	const char	*actor_login;
};
enum app_err	 store_policy_log(struct store *st, const struct policy_log_row *r);
/* Newest first, subject "" for all, below cursor (an id; 0: from the newest). */
enum app_err	 store_policy_decisions(struct store *st, struct arena *a, const char *subject,
		    int64_t cursor, int limit, struct policy_log_row **out, size_t *n);

/* Art. 9(4): an attachment's class ('', document, exploit, poc_tool). */
enum app_err	 store_attachment_set_class(struct store *st, const char *report_id,
		    int64_t attachment_id, const char *cls);
/* How many attachments of the case's reports and messages are exploit or poc_tool. */
enum app_err	 store_case_exploit_count(struct store *st, const char *case_id, int64_t *n);

/* Advisories. */
struct advisory_row {
	int64_t		 rowid;		/* list cursor */
	const char	*id;
	const char	*case_id;
	const char	*state;		/* adv_state_name() */
	int		 version;	/* the current (newest) version */
	int64_t		 publish_at;	/* scheduled: when; else 0 */
	int64_t		 held_by;	/* scheduled and held: the window; else 0 */
	int64_t		 published_at;	/* 0: never published */
	int64_t		 withdrawn_at;
	const char	*withdrawn_reason;
	int64_t		 created_at;
	int64_t		 created_by;
	int64_t		 updated_at;
	const char	*title;		/* of the current version (lists) */
};
struct advisory_version {
	const char	*advisory_id;
	int		 version;
	const char	*doc_sha256;
	const char	*summary;
	int64_t		 created_at;
	int64_t		 created_by;
	const char	*created_by_login;
	int64_t		 reviewed_at;
	int64_t		 reviewed_by;
	const char	*reviewed_by_login;
	const char	*review;	/* "", approved, changes_requested */
	const char	*review_note;
};
enum app_err	 store_advisory_next_seq(struct store *st, int year, int64_t *seq);
enum app_err	 store_advisory_insert(struct store *st, const struct advisory_row *r);
/* State, version, publish_at, held_by, published_at, withdrawn_*, updated_at. */
enum app_err	 store_advisory_save(struct store *st, const struct advisory_row *r);
enum app_err	 store_advisory_get(struct store *st, struct arena *a, const char *id,
		    struct advisory_row *out);
/* A case's advisories, oldest first. */
enum app_err	 store_advisories_of_case(struct store *st, struct arena *a, const char *case_id,
		    struct advisory_row **out, size_t *n);
/* Newest first, state "" for all, below cursor (a rowid; 0: from the newest). */
enum app_err	 store_advisory_list(struct store *st, struct arena *a, const char *state,
		    int64_t cursor, int limit, struct advisory_row **out, size_t *n);
/* Scheduled advisories due at now (publish_at <= now), oldest first, up to limit. */
enum app_err	 store_advisories_due(struct store *st, struct arena *a, int64_t now, int limit,
		    struct advisory_row **out, size_t *n);
enum app_err	 store_advisory_version_add(struct store *st, const struct advisory_version *v,
		    const struct sealed *doc);
/* doc may be NULL (metadata only). */
enum app_err	 store_advisory_version_get(struct store *st, struct arena *a, const char *id,
		    int version, struct advisory_version *out, struct sealed *doc);
/* Oldest first. */
enum app_err	 store_advisory_versions(struct store *st, struct arena *a, const char *id,
		    struct advisory_version **out, size_t *n);
enum app_err	 store_advisory_version_review(struct store *st, const char *id, int version,
		    int64_t reviewer, int64_t at, const char *review, const char *note);

/* What the world sees (advisory_public): each published advisory's public JSON. */
struct public_advisory {
	const char	*id;
	int		 version;
	const char	*doc;		/* public JSON */
	const char	*title;
	const char	*grade;
	const char	*vendors;	/* '\n'-joined */
	const char	*products;
	const char	*search;	/* lower-cased text */
	int64_t		 published_at;
	int64_t		 updated_at;
	int64_t		 withdrawn_at;	/* 0: in force */
};
/* Filters of the public list; "" or 0: any. */
struct public_filter {
	const char	*vendor;	/* a vendor name, exactly (case-insensitive) */
	const char	*product;	/* a product name, exactly (case-insensitive) */
	const char	*grade;
	int64_t		 from;		/* published at or after */
	int64_t		 to;		/* published before */
	const char	*q;		/* text searched in title, ids, vendors, products, summary */
	bool		 withdrawn;	/* include withdrawn ones */
};
enum app_err	 store_public_put(struct store *st, const struct public_advisory *p);
enum app_err	 store_public_withdraw(struct store *st, const char *id, int64_t at);
enum app_err	 store_public_get(struct store *st, struct arena *a, const char *id,
		    struct public_advisory *out);
/* Newest first (published_at, then id), offset/limit paging; doc left NULL unless with_doc. */
enum app_err	 store_public_list(struct store *st, struct arena *a, const struct public_filter *f,
		    int offset, int limit, bool with_doc, struct public_advisory **out, size_t *n);

#endif
