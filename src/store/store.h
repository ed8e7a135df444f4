#ifndef LOUDONG_STORE_STORE_H
#define LOUDONG_STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "domain/assessment.h"
#include "domain/case.h"
#include "domain/deadline.h"
#include "domain/submission.h"
#include "domain/report.h"
#include "domain/reporter.h"
#include "domain/throttle.h"
#include "domain/user.h"

/*
 * The only way to the database.  It speaks domain structs and enum app_err;
 * no SQL, no SQLite type, no policy crosses this line.  Strings in results
 * are allocated in the arena the caller passes and live as long as it.
 *
 * A struct store is one connection, used by one thread at a time; a server
 * takes one from the pool for each request.  All functions return APP_OK,
 * APP_NOTFOUND (no row), APP_CONFLICT (a uniqueness or state rule) or
 * APP_STORE (logged).
 */
struct arena;
struct store;
struct store_pool;

/*
 * Open (creating if needed) the database at path with WAL, foreign keys,
 * synchronous=FULL and busy_timeout; apply pending migrations if migrate.
 * NULL with a sentence in err on failure.  Close with store_close().
 */
struct store	*store_open(const char *path, int busy_timeout_ms, bool migrate,
		    char *err, size_t errsz);
void		 store_close(struct store *st);	/* accepts NULL */

/* Migrations applied when the store was opened (for init's message). */
int		 store_migrations_applied(const struct store *st);

/* The schema version (highest migration applied). */
enum app_err	 store_schema_version(struct store *st, int64_t *out);

/* n connections for a server; the first applies the migrations. */
struct store_pool *store_pool_open(const char *path, int n, int busy_timeout_ms,
		    char *err, size_t errsz);
void		 store_pool_free(struct store_pool *p);	/* accepts NULL */
struct store	*store_pool_get(struct store_pool *p);	/* blocks until one is free */
void		 store_pool_put(struct store_pool *p, struct store *st);

/* Transactions: BEGIN IMMEDIATE / COMMIT / ROLLBACK. */
enum app_err	 store_begin(struct store *st) __attribute__((warn_unused_result));
enum app_err	 store_commit(struct store *st) __attribute__((warn_unused_result));
void		 store_rollback(struct store *st);

/* Organisations.  create fills o->id and o->created_at (= now). */
enum app_err	 store_org_create(struct store *st, struct org *o, int64_t now);
enum app_err	 store_org_by_slug(struct store *st, struct arena *a,
		    const char *slug, struct org *out);
enum app_err	 store_org_by_id(struct store *st, struct arena *a, int64_t id,
		    struct org *out);
/* Up to limit orgs with id > after, by id; *n set to how many. */
enum app_err	 store_org_list(struct store *st, struct arena *a, int64_t after,
		    int limit, struct org **out, size_t *n);

/* Products of a provider organisation. */
enum app_err	 store_product_create(struct store *st, struct product *p, int64_t now);
enum app_err	 store_product_list(struct store *st, struct arena *a, int64_t org_id,
		    struct product **out, size_t *n);

/*
 * Users.  create fills u->id; on APP_CONFLICT *field (if not NULL) is
 * "login" or "email".  by_* fill org_slug too.
 */
enum app_err	 store_user_create(struct store *st, struct user *u, int64_t now,
		    const char **field);
enum app_err	 store_user_by_login(struct store *st, struct arena *a,
		    const char *login, struct user *out);
enum app_err	 store_user_by_id(struct store *st, struct arena *a, int64_t id,
		    struct user *out);
/* The account whose e-mail address is email (ASCII case ignored); APP_NOTFOUND. */
enum app_err	 store_user_by_email(struct store *st, struct arena *a,
		    const char *email, struct user *out);
enum app_err	 store_user_list(struct store *st, struct arena *a, int64_t after,
		    int limit, struct user **out, size_t *n);
enum app_err	 store_user_set_password(struct store *st, int64_t id,
		    const char *hash, bool must_change, int64_t now);
enum app_err	 store_user_count(struct store *st, int64_t *out);

/* Sessions, keyed by the SHA-256 (hex) of the cookie's token. */
enum app_err	 store_session_create(struct store *st, const char *token_hash,
		    const struct session *s);
/* APP_NOTFOUND if absent or expired at now. */
enum app_err	 store_session_get(struct store *st, struct arena *a,
		    const char *token_hash, int64_t now, struct session *out);
enum app_err	 store_session_delete(struct store *st, const char *token_hash);
/* Every session of a user but keep_hash (NULL: all), e.g. on password change. */
enum app_err	 store_session_delete_user(struct store *st, int64_t user_id,
		    const char *keep_hash);
enum app_err	 store_session_purge(struct store *st, int64_t now);

/* API tokens.  create fills t->id. */
enum app_err	 store_token_create(struct store *st, struct api_token *t,
		    const char *token_hash);
/* A live (unrevoked) token by hash. */
enum app_err	 store_token_by_hash(struct store *st, struct arena *a,
		    const char *token_hash, struct api_token *out);
enum app_err	 store_token_list(struct store *st, struct arena *a, int64_t user_id,
		    struct api_token **out, size_t *n);
/* APP_NOTFOUND unless user_id owns a live token id. */
enum app_err	 store_token_revoke(struct store *st, int64_t user_id, int64_t id,
		    int64_t now);
enum app_err	 store_token_touch(struct store *st, int64_t id, int64_t now);

/* Failed logins, per account (login) or per client address. */
enum login_key { LOGIN_KEY_ACCOUNT, LOGIN_KEY_ADDRESS };
enum app_err	 store_login_failure_add(struct store *st, enum login_key kind,
		    const char *key, int64_t now);
enum app_err	 store_login_failures(struct store *st, enum login_key kind,
		    const char *key, int64_t since, struct throttle_count *out);
enum app_err	 store_login_failure_clear(struct store *st, enum login_key kind,
		    const char *key);
/* Forget failures older than before. */
enum app_err	 store_login_failure_purge(struct store *st, int64_t before);

/* The audit log (R18).  actor_id 0: the system or an anonymous client. */
enum app_err	 store_audit_add(struct store *st, int64_t actor_id,
		    const char *action, const char *subject, const char *detail,
		    const char *addr, int64_t now);
/* Rows of the audit log, for tests and the auditor's view. */
struct audit_entry {
	int64_t		 id;		/* row id */
	int64_t		 at;		/* unix seconds */
	int64_t		 actor_id;	/* 0: none */
	const char	*action;	/* e.g. "user.create" */
	const char	*subject;	/* e.g. "user:12" */
	const char	*detail;	/* free text, no secrets */
};
enum app_err	 store_audit_list(struct store *st, struct arena *a, int64_t after,
		    int limit, struct audit_entry **out, size_t *n);

/*
 * Reports.  Reserve the next n sequence numbers of a year, *first being
 * the lowest (call inside the transaction that inserts the reports, so a
 * rollback gives them back).
 */
enum app_err	 store_report_next_seq(struct store *st, int year, int n, int64_t *first);

/* Sealed parts of a report or attachment, as stored. */
struct sealed {
	const unsigned char	*wrapped;	/* CRYPTO_WRAPPED_KEY bytes */
	size_t			 wrapped_len;
	const unsigned char	*data;		/* ciphertext */
	size_t			 data_len;
};

/* Insert r (details go only as the sealed blob); seq_year/seq from the id. */
enum app_err	 store_report_insert(struct store *st, const struct report *r,
		    int year, int64_t seq, const struct sealed *details);
/* A report and its sealed details (APP_NOTFOUND if absent). */
enum app_err	 store_report_get(struct store *st, struct arena *a, const char *id,
		    struct report *out, struct sealed *details);

/* Filters of a report listing; NULL/0 fields do not filter. */
struct report_filter {
	const char	*status;	/* a status name */
	const char	*kind;		/* a kind name */
	const char	*q;		/* substring of title, vendor or product */
	int64_t		 reporter_id;	/* only this reporter's */
	int64_t		 before;	/* cursor: leaf_index below this (0: from the newest) */
	int		 limit;		/* page size */
};
/* Newest first; details are not loaded. */
enum app_err	 store_report_list(struct store *st, struct arena *a,
		    const struct report_filter *f, struct report **out, size_t *n);
enum app_err	 store_report_count(struct store *st, int64_t *out);

enum app_err	 store_attachment_insert(struct store *st, const struct attachment *at,
		    const struct sealed *content, int64_t *id);
enum app_err	 store_attachment_list(struct store *st, struct arena *a,
		    const char *report_id, struct attachment **out, size_t *n);
/* One attachment of a report, with its sealed content. */
enum app_err	 store_attachment_get(struct store *st, struct arena *a,
		    const char *report_id, int64_t id, struct attachment *out,
		    struct sealed *content);

/*
 * The receipt log.  A leaf is appended with the tree nodes it completes;
 * a signed tree head is kept per tree size.
 */
struct log_leaf {
	int64_t			 idx;		/* 0-based */
	const char		*leaf;		/* the JSON bytes; NULL once purged */
	size_t			 leaf_len;
	unsigned char		 hash[32];	/* RFC 9162 leaf hash */
	const char		*report_id;
	int64_t			 received_at;	/* unix seconds */
	int64_t			 purged_at;	/* 0: not purged */
};
struct log_sth {
	int64_t			 tree_size;
	int64_t			 timestamp;	/* ms since the epoch */
	unsigned char		 root[32];
	unsigned char		 signature[64];
};
struct merkle_node;
enum app_err	 store_log_size(struct store *st, int64_t *size);
enum app_err	 store_log_node(struct store *st, unsigned level, int64_t idx,
		    unsigned char out[32]);
enum app_err	 store_log_append(struct store *st, const struct log_leaf *leaf,
		    const struct merkle_node *nodes, int nnodes);
enum app_err	 store_log_leaf(struct store *st, struct arena *a, int64_t idx,
		    struct log_leaf *out);
enum app_err	 store_log_sth_put(struct store *st, const struct log_sth *sth);
/* The tree head of tree_size, or the newest when tree_size is 0. */
enum app_err	 store_log_sth_get(struct store *st, int64_t tree_size,
		    struct log_sth *out);
/* Leaves with idx >= from, in order, up to limit (for verification). */
enum app_err	 store_log_leaves(struct store *st, struct arena *a, int64_t from,
		    int limit, struct log_leaf **out, size_t *n);
/* Tree heads with tree_size > after, in order, up to limit. */
enum app_err	 store_log_sths(struct store *st, struct arena *a, int64_t after,
		    int limit, struct log_sth **out, size_t *n);
/* Empty the content of leaves received before `before`; *n purged. */
enum app_err	 store_log_purge(struct store *st, int64_t before, int64_t now,
		    int64_t *n);
/* How many reports have no leaf, or a leaf naming another report. */
enum app_err	 store_log_unmatched_reports(struct store *st, int64_t *n);

/*
 * Reporter profiles.  put replaces the identity (status back to pending,
 * level to 0); get returns the sealed personal data too.
 */
enum app_err	 store_profile_put(struct store *st, const struct reporter_profile *p,
		    const struct sealed *pii, int64_t now);
enum app_err	 store_profile_get(struct store *st, struct arena *a, int64_t user_id,
		    struct reporter_profile *out, struct sealed *pii);
/* By status (NULL: all), oldest change first, user_id > after. */
enum app_err	 store_profile_list(struct store *st, struct arena *a, const char *status,
		    int64_t after, int limit, struct reporter_profile **out, size_t *n);
enum app_err	 store_profile_review(struct store *st, int64_t user_id,
		    enum profile_status status, const char *reason, int level,
		    int64_t reviewer, int64_t now);
enum app_err	 store_profile_level(struct store *st, int64_t user_id, int level,
		    int64_t reviewer, int64_t now);
/* Reports of a reporter with status accepted. */
enum app_err	 store_reports_accepted(struct store *st, int64_t user_id, int64_t *n);

/* The outbox. */
struct outbox_msg {
	int64_t		 id;
	const char	*recipient;
	const char	*subject;
	const char	*body;
	int		 attempts;
	int64_t		 next_attempt_at;
	const char	*status;	/* "pending", "sent", "failed" */
	const char	*last_error;
};
enum app_err	 store_outbox_add(struct store *st, const char *recipient,
		    const char *subject, const char *body, int64_t now);
/* Record an attempt: sent, or failed (retry at next, or give up when final). */
enum app_err	 store_outbox_sent(struct store *st, int64_t id, int64_t now);
enum app_err	 store_outbox_retry(struct store *st, int64_t id, int attempts,
		    int64_t next, const char *error, bool final);
enum app_err	 store_outbox_list(struct store *st, struct arena *a, int limit,
		    struct outbox_msg **out, size_t *n);

/* CWE (MITRE's list), as loaded by `loudong import cwe`. */
struct cwe_entry {
	int64_t		 id;		/* 79 for CWE-79 */
	const char	*name;
	const char	*abstraction;	/* Pillar, Class, Base, Variant, Compound or "" */
	const char	*status;	/* Stable, Draft, Incomplete, Deprecated, Obsolete or "" */
	const char	*version;	/* the catalogue's, e.g. "4.15" */
};
/* Drop every entry (an import replaces the list, inside its transaction). */
enum app_err	 store_cwe_clear(struct store *st);
/* Insert or replace one entry. */
enum app_err	 store_cwe_put(struct store *st, const struct cwe_entry *e);
enum app_err	 store_cwe_get(struct store *st, struct arena *a, int64_t id,
		    struct cwe_entry *out);
/*
 * Entries whose id is id (-1: none) or whose name contains q (case-
 * insensitive for ASCII; q may be ""), the exact id first and deprecated
 * or obsolete ones last, up to limit.
 */
enum app_err	 store_cwe_search(struct store *st, struct arena *a, int64_t id,
		    const char *q, int limit, struct cwe_entry **out, size_t *n);
/* How many entries, and the catalogue version ("" when empty). */
enum app_err	 store_cwe_count(struct store *st, struct arena *a, int64_t *n,
		    const char **version);

/*
 * Assessments (domain/assessment.h).  get: APP_NOTFOUND when the subject
 * was never assessed.  put replaces the row and the related ids; call it,
 * and history_add for each change, inside one transaction.
 */
enum app_err	 store_assessment_get(struct store *st, struct arena *a, const char *subject,
		    struct assessment *out);
enum app_err	 store_assessment_put(struct store *st, const struct assessment *in);
enum app_err	 store_assessment_history_add(struct store *st, const char *subject,
		    int64_t at, int64_t actor_id, const char *field, const char *old,
		    const char *new, const char *reason);
/* The newest changes first, up to limit. */
enum app_err	 store_assessment_history(struct store *st, struct arena *a,
		    const char *subject, int limit, struct assessment_change **out, size_t *n);

/* Cases (domain/case.h). */
struct case_row {
	int64_t		 rowid;		/* list cursor */
	const char	*id;		/* LD-C-2026-000001 */
	enum case_kind	 kind;
	enum case_state	 state;
	const char	*title;
	bool		 vendor_unresponsive;
	int64_t		 created_at;
	int64_t		 created_by;
	int64_t		 updated_at;
	int64_t		 known_at;	/* when the vulnerability was known (R5); 0 on insert: created_at */
};
struct case_event {
	int64_t		 id;
	int64_t		 at;
	int64_t		 actor_id;
	const char	*actor_login;	/* "" when gone or the system */
	const char	*event;		/* "created", "report_added", "transition" */
	const char	*from_state;	/* transition: the states; else "" */
	const char	*to_state;
	const char	*detail;	/* report_added: the report id */
	const char	*reason;
};
/* The next case number of a year (inside the transaction creating the case). */
enum app_err	 store_case_next_seq(struct store *st, int year, int64_t *seq);
enum app_err	 store_case_insert(struct store *st, const struct case_row *c, int year,
		    int64_t seq);
enum app_err	 store_case_get(struct store *st, struct arena *a, const char *id,
		    struct case_row *out);
enum app_err	 store_case_set_state(struct store *st, const char *id, enum case_state s,
		    int64_t now);
/* Newest first, before cursor (a rowid; 0: from the newest), state NULL: all. */
enum app_err	 store_case_list(struct store *st, struct arena *a, const char *state,
		    int64_t cursor, int limit, struct case_row **out, size_t *n);
enum app_err	 store_case_add_report(struct store *st, const char *case_id,
		    const char *report_id, int64_t now);
enum app_err	 store_case_reports(struct store *st, struct arena *a, const char *case_id,
		    const char ***ids, size_t *n);
/* The case a report joined; APP_NOTFOUND if none. */
enum app_err	 store_case_of_report(struct store *st, struct arena *a,
		    const char *report_id, const char **case_id);
enum app_err	 store_case_event_add(struct store *st, const char *case_id,
		    const struct case_event *e);
enum app_err	 store_case_timeline(struct store *st, struct arena *a, const char *case_id,
		    int limit, struct case_event **out, size_t *n);
enum app_err	 store_report_set_status(struct store *st, const char *report_id,
		    enum report_status s);
/* One triage decision about a report (duplicate_of, case_id: NULL if none). */
enum app_err	 store_triage_add(struct store *st, const char *report_id, int64_t at,
		    int64_t actor_id, enum triage_decision d, const char *reject_reason,
		    const char *duplicate_of, const char *case_id, const char *reason);

/* The latest triage decision about a report; APP_NOTFOUND if none yet. */
struct triage_row {
	int64_t			 at;
	enum triage_decision	 decision;
	const char		*reject_reason;	/* reject: its name; else "" */
	const char		*duplicate_of;	/* "" if none */
	const char		*case_id;	/* "" if none */
	const char		*reason;	/* the note, or the question */
};
enum app_err	 store_triage_last(struct store *st, struct arena *a, const char *report_id,
		    struct triage_row *out);

/* What duplicate detection compares of a report. */
struct report_brief {
	const char		*id;
	const char		*title;
	const char		*vendor;
	const char		*product;
	const char		*versions;
	enum report_status	 status;
	const char		*shared_id;	/* set by store_reports_sharing_ids */
};
enum app_err	 store_report_brief(struct store *st, struct arena *a, const char *id,
		    struct report_brief *out);
/* Other reports of the same product (case-insensitive), newest first. */
enum app_err	 store_reports_same_product(struct store *st, struct arena *a,
		    const char *exclude_id, const char *product, int limit,
		    struct report_brief **out, size_t *n);
/* The newest other reports. */
enum app_err	 store_reports_recent(struct store *st, struct arena *a, const char *exclude_id,
		    int limit, struct report_brief **out, size_t *n);
/* Other reports whose assessment shares a related id with id's (only id and shared_id set). */
enum app_err	 store_reports_sharing_ids(struct store *st, struct arena *a, const char *id,
		    int limit, struct report_brief **out, size_t *n);

/* A vendor organisation in a case. */
struct case_vendor {
	int64_t			 org_id;
	const char		*org_slug;
	const char		*org_name;
	enum vendor_status	 status;
	const char		*justification;	/* VEX, "" if none */
	const char		*fixed_version;
	const char		*statement;
	bool			 statement_approved;
	int64_t			 notified_at;	/* 0: never */
	int64_t			 first_seen_at;	/* 0: never */
	int64_t			 updated_at;
	enum vendor_role	 role;
	enum party_type		 party_type;
	int64_t			 unresponsive_at;	/* 0: not found unresponsive */
};
/* APP_CONFLICT when the organisation is already a vendor of the case. */
enum app_err	 store_case_vendor_add(struct store *st, const char *case_id, int64_t org_id,
		    enum vendor_role role, enum party_type party, int64_t now);
enum app_err	 store_case_vendor_get(struct store *st, struct arena *a, const char *case_id,
		    int64_t org_id, struct case_vendor *out);
enum app_err	 store_case_vendors(struct store *st, struct arena *a, const char *case_id,
		    struct case_vendor **out, size_t *n);
/* A changed statement needs approval again. */
enum app_err	 store_case_vendor_update(struct store *st, const char *case_id,
		    int64_t org_id, enum vendor_status s, const char *justification,
		    const char *fixed_version, const char *statement, int64_t now);
/* Contacted now: not_contacted/unresponsive become notified; the first time is kept. */
enum app_err	 store_case_vendor_notified(struct store *st, const char *case_id,
		    int64_t org_id, int64_t now);
/* APP_NOTFOUND when there is no statement to approve. */
enum app_err	 store_case_vendor_approve(struct store *st, const char *case_id,
		    int64_t org_id, int64_t now);
enum app_err	 store_case_vendor_seen(struct store *st, const char *case_id, int64_t org_id,
		    int64_t now);
/* The e-mail addresses of an organisation's active vendor members. */
enum app_err	 store_org_member_emails(struct store *st, struct arena *a, int64_t org_id,
		    const char ***out, size_t *n);
/* Cases shared with an organisation, newest first (cursor: a rowid, 0: newest; state NULL: all). */
enum app_err	 store_case_list_for_org(struct store *st, struct arena *a, int64_t org_id,
		    const char *state, int64_t cursor, int limit, struct case_row **out,
		    size_t *n);

/* Participants of a case (issue 5, R35): people; organisations are its vendors. */
struct case_participant {
	int64_t			 user_id;
	const char		*login;
	const char		*display_name;
	enum user_role		 user_role;
	const char		*org_slug;	/* "" if none */
	enum participant_role	 role;
	enum party_type		 party_type;
	int64_t			 added_at;
};
/* APP_CONFLICT when the user already takes part; ignore_dup: APP_OK then. */
enum app_err	 store_case_participant_add(struct store *st, const char *case_id,
		    int64_t user_id, enum participant_role role, enum party_type party,
		    int64_t by, int64_t now, bool ignore_dup);
enum app_err	 store_case_participant_get(struct store *st, struct arena *a,
		    const char *case_id, int64_t user_id, struct case_participant *out);
enum app_err	 store_case_participants(struct store *st, struct arena *a,
		    const char *case_id, struct case_participant **out, size_t *n);
/* The cases a user observes, like store_case_list_for_org. */
enum app_err	 store_case_list_for_observer(struct store *st, struct arena *a,
		    int64_t user_id, const char *state, int64_t cursor, int limit,
		    struct case_row **out, size_t *n);
/* APP_NOTFOUND when the user does not take part. */
enum app_err	 store_case_participant_remove(struct store *st, const char *case_id,
		    int64_t user_id);

/* Products and the supply chain (issue 5, R4). */

/* A product reached in a walk of the supply chain. */
struct product_link {
	struct product	 p;		/* with org_slug and org_name */
	const char	*versions;	/* the component versions the edge names, "" if none */
	int64_t		 via;		/* the product it was reached from */
	int		 depth;		/* 1: a direct component (or user) of the start */
};
enum product_dir {
	PRODUCT_COMPONENTS,	/* what a product is built from */
	PRODUCT_USERS,		/* the products that include it */
};
/* One product with its organisation's slug and name. */
enum app_err	 store_product_get(struct store *st, struct arena *a, int64_t id,
		    struct product *out);
/* APP_CONFLICT when component_id already is a component of product_id. */
enum app_err	 store_product_component_add(struct store *st, int64_t product_id,
		    int64_t component_id, const char *versions, int64_t now);
/*
 * The supply chain from product id, breadth first: its components
 * (PRODUCT_COMPONENTS) or the products that include it (PRODUCT_USERS), up
 * to max_depth levels and max_nodes products.  Each product comes once, by
 * the first (shortest) way to it (via); the start never comes, so a cycle
 * ends where it closes.  In order of depth, and by product id under each
 * parent.  *truncated (may be NULL) says whether max_nodes cut the walk.
 */
enum app_err	 store_product_walk(struct store *st, struct arena *a, int64_t id,
		    enum product_dir dir, int max_depth, size_t max_nodes,
		    struct product_link **out, size_t *n, bool *truncated);
/*
 * Products of org_id (0: every organisation) whose name, model, CPE or
 * purl contains q (ASCII case-insensitive; "" matches all), by name, up to
 * limit; with org slug and name.
 */
enum app_err	 store_product_search(struct store *st, struct arena *a, int64_t org_id,
		    const char *q, int limit, struct product **out, size_t *n);

/* A product a case affects. */
struct case_product {
	struct product	 p;		/* with org_slug and org_name */
	const char	*versions;	/* the affected versions, "" if not said */
	bool		 upstream;	/* the flaw is in it as a component of others */
	int64_t		 added_at;	/* unix seconds */
	int64_t		 added_by;	/* user id, 0 if gone */
};
/* APP_CONFLICT when the product already is in the case. */
enum app_err	 store_case_product_add(struct store *st, const char *case_id,
		    int64_t product_id, const char *versions, bool upstream,
		    int64_t actor_id, int64_t now);
/* In the order they were added, up to limit. */
enum app_err	 store_case_products(struct store *st, struct arena *a, const char *case_id,
		    int limit, struct case_product **out, size_t *n);

/* The conversation of a case (issue 5, R42). */
/*
 * A message of a case's conversation, or of a report's before it has a case
 * (triage's question, the reporter's reply).  Bodies are stored sealed;
 * svc/messages.c fills body when the reader may see it.
 */
struct message_attachment {
	int64_t		 id;		/* row id */
	int64_t		 message_id;	/* the message it belongs to */
	const char	*filename;	/* validated as typed */
	const char	*mime;		/* sniffed, not as claimed */
	int64_t		 size;		/* bytes of the plaintext */
	const char	*sha256;	/* hex, of the plaintext */
};
struct message {
	int64_t			 id;		/* row id; 0: a triage question (no row) */
	const char		*case_id;	/* "" when the report's */
	const char		*report_id;	/* "" when the case's */
	int64_t			 author_id;	/* 0: gone, or the system */
	const char		*author_login;	/* "" when gone */
	const char		*author_name;	/* display name, "" when gone */
	int64_t			 author_org_id;	/* 0: none (staff, reporters) */
	const char		*author_org_slug;	/* "" when none */
	const char		*kind;		/* message, question, reply, retest_confirmed,
						 * retest_disputed */
	const char		*visibility;	/* internal, participants, reporter, vendor */
	int64_t			 vendor_org_id;	/* visibility vendor: the organisation */
	const char		*vendor_org_slug;	/* "" unless visibility vendor */
	const char		*body;		/* Markdown, NUL-terminated; NULL unopened */
	size_t			 body_len;	/* bytes of body */
	const char		*body_sha256;	/* hex, of the exact inbound payload */
	int64_t			 leaf_index;	/* receipt-log leaf; -1: none (outbound) */
	int64_t			 created_at;	/* unix seconds */
	struct message_attachment *attachments;	/* NULL when none */
	size_t			 nattachments;
};
/* The next message id (inside the transaction that inserts it). */
enum app_err	 store_message_next_id(struct store *st, int64_t *id);
/* Insert m with its id set (leaf_index -1: none) and the sealed body. */
enum app_err	 store_message_insert(struct store *st, const struct message *m,
		    const struct sealed *body);
/* One message with its sealed body (author and org names filled). */
enum app_err	 store_message_get(struct store *st, struct arena *a, int64_t id,
		    struct message *out, struct sealed *body);
/* A case's messages, oldest first, with their sealed bodies (bodies[i] for out[i]). */
enum app_err	 store_messages_of_case(struct store *st, struct arena *a, const char *case_id,
		    struct message **out, struct sealed **bodies, size_t *n);
/* A report's own messages (case_id NULL), oldest first, with sealed bodies. */
enum app_err	 store_messages_of_report(struct store *st, struct arena *a,
		    const char *report_id, struct message **out, struct sealed **bodies,
		    size_t *n);
/*
 * Triage's questions to a report's reporter (report_triage rows with
 * decision needs_info) as messages: id 0, kind question, visibility reporter,
 * body the plain question, author the triager; oldest first.
 */
enum app_err	 store_report_questions(struct store *st, struct arena *a,
		    const char *report_id, struct message **out, size_t *n);
enum app_err	 store_message_attachment_insert(struct store *st,
		    const struct message_attachment *at, const struct sealed *content,
		    int64_t *id);
enum app_err	 store_message_attachments(struct store *st, struct arena *a,
		    int64_t message_id, struct message_attachment **out, size_t *n);
enum app_err	 store_message_attachment_get(struct store *st, struct arena *a,
		    int64_t message_id, int64_t id, struct message_attachment *out,
		    struct sealed *content);
/*
 * Is user_id a reporter of the case: a participant with role reporter, or
 * the reporter of one of its reports?
 */
enum app_err	 store_case_has_reporter(struct store *st, const char *case_id,
		    int64_t user_id, bool *out);

/* In-app notices and vendor follow-ups (issue 5). */
struct notice_row {
	int64_t		 id;		/* row id; list cursor */
	int64_t		 user_id;	/* the recipient */
	const char	*kind;		/* vendor_notified, vendor_unresponsive, ... */
	const char	*subject;	/* "case:<id>" or "report:<id>" */
	const char	*text;		/* what happened, no details */
	int64_t		 created_at;	/* unix seconds */
	int64_t		 seen_at;	/* 0: not seen yet */
};
/* One notice for user_id; *id (if not NULL) receives its id. */
enum app_err	 store_notice_add(struct store *st, int64_t user_id, const char *kind,
		    const char *subject, const char *text, int64_t now, int64_t *id);
/* One notice for each active vendor member of org_id; *n how many. */
enum app_err	 store_notice_add_org(struct store *st, int64_t org_id, const char *kind,
		    const char *subject, const char *text, int64_t now, int64_t *n);
/* One notice for each active coordinator and admin; *n how many. */
enum app_err	 store_notice_add_staff(struct store *st, const char *kind,
		    const char *subject, const char *text, int64_t now, int64_t *n);
/* user_id's notices with id < cursor (0: from the newest), newest first. */
enum app_err	 store_notice_list(struct store *st, struct arena *a, int64_t user_id,
		    bool unseen_only, int64_t cursor, int limit, struct notice_row **out,
		    size_t *n);
/* One of user_id's notices; APP_NOTFOUND if absent or someone else's. */
enum app_err	 store_notice_get(struct store *st, struct arena *a, int64_t user_id,
		    int64_t id, struct notice_row *out);
/* Set seen_at if still unset (seen again: APP_OK, nothing changes). */
enum app_err	 store_notice_seen(struct store *st, int64_t user_id, int64_t id,
		    int64_t now);
/*
 * Mark a vendor unresponsive (status, unresponsive_at) and flag its case,
 * only while its status is still 'notified' and notified_at < before
 * (INT64_MAX: whenever it was notified);
 * APP_NOTFOUND when it answered meanwhile (or is marked already).
 */
enum app_err	 store_case_vendor_unresponsive(struct store *st, const char *case_id,
		    int64_t org_id, int64_t before, int64_t now);
/* The e-mail addresses of the active coordinators. */
enum app_err	 store_coordinator_emails(struct store *st, struct arena *a,
		    const char ***out, size_t *n);

/* Deadlines (issue 6, domain/deadline.h). */
struct deadline_row {
	int64_t			 id;
	enum deadline_kind	 kind;
	const char		*subject;	/* report:<id>, case:<id>, vendor:<case>/<org> */
	const char		*case_id;	/* "" if none */
	const char		*report_id;	/* "" if none */
	int64_t			 basis_at;
	int64_t			 due_at;
	const char		*period;	/* "48h" */
	const char		*rule;		/* "R5 (Art. 7(2))" */
	const char		*calendar_version;
	bool			 provisional;
	enum deadline_state	 state;
	int64_t			 paused_at;	/* 0: not paused */
	int64_t			 met_at;	/* 0: not met */
	int64_t			 missed_at;	/* 0: not missed */
	const char		*reason;	/* a waiver's */
	int64_t			 actor_id;	/* who waived */
	int64_t			 created_at;
	int64_t			 updated_at;
};
/*
 * Insert a clock with its reminders (offsets and fire times), unless the
 * subject has one of that kind already: then *created is false and *id the
 * existing clock's.
 */
enum app_err	 store_deadline_add(struct store *st, const struct deadline_row *d,
		    const int64_t *remind_off, const int64_t *remind_at, size_t nremind,
		    int64_t *id, bool *created);
enum app_err	 store_deadline_get(struct store *st, struct arena *a, int64_t id,
		    struct deadline_row *out);
/* The clock of kind k for subject; APP_NOTFOUND if none. */
enum app_err	 store_deadline_find(struct store *st, struct arena *a, enum deadline_kind k,
		    const char *subject, struct deadline_row *out);
/* Filters of a listing: NULL/0 do not filter; state "overdue" is open past due or missed unmet. */
struct deadline_filter {
	const char	*state;		/* a state name, "overdue", or NULL */
	const char	*case_id;
	const char	*report_id;
	int		 kind;		/* enum deadline_kind, or -1 */
	int64_t		 now;		/* for "overdue" */
	int64_t		 cursor;	/* rows to skip, in the order (due_at, id) */
	int		 limit;
};
/* Soonest due first (then id). */
enum app_err	 store_deadline_list(struct store *st, struct arena *a,
		    const struct deadline_filter *f, struct deadline_row **out, size_t *n);
/*
 * Moves.  met: open or paused -> met, missed -> met_at set (late); waive:
 * open, paused or missed -> waived with reason and actor; pause: open ->
 * paused; resume: paused -> open with due_at and the unfired reminders
 * moved by the time paused; missed: open -> missed.  Each answers
 * APP_NOTFOUND when the clock is not in a state the move starts from.
 */
enum app_err	 store_deadline_met(struct store *st, int64_t id, int64_t now);
enum app_err	 store_deadline_waive(struct store *st, int64_t id, const char *reason,
		    int64_t actor_id, int64_t now);
enum app_err	 store_deadline_pause(struct store *st, int64_t id, int64_t now);
enum app_err	 store_deadline_resume(struct store *st, int64_t id, int64_t now);
enum app_err	 store_deadline_missed(struct store *st, int64_t id, int64_t now);
/* Open clocks whose due time is at or before now, oldest due first. */
enum app_err	 store_deadlines_to_miss(struct store *st, struct arena *a, int64_t now,
		    int limit, struct deadline_row **out, size_t *n);
/* A reminder due to fire, with its clock. */
struct reminder_due {
	struct deadline_row	 d;
	int64_t			 offset_s;
	int64_t			 fire_at;
};
/* Unfired reminders of open clocks with fire_at <= now, by clock then smallest offset. */
enum app_err	 store_reminders_due(struct store *st, struct arena *a, int64_t now,
		    int limit, struct reminder_due **out, size_t *n);
/* Mark one fired (told: whether it was sent); APP_NOTFOUND if it fired already. */
enum app_err	 store_reminder_fire(struct store *st, int64_t deadline_id, int64_t offset_s,
		    bool told, int64_t now);
/* The reminders of a clock, by offset, largest first (fired_at 0: not yet). */
struct reminder_row {
	int64_t	offset_s;
	int64_t	fire_at;
	int64_t	fired_at;
	bool	told;
};
enum app_err	 store_reminders_of(struct store *st, struct arena *a, int64_t deadline_id,
		    struct reminder_row **out, size_t *n);
/* Waive every open or paused clock of a case with reason (it closed). */
enum app_err	 store_deadlines_close_case(struct store *st, const char *case_id,
		    const char *reason, int64_t now);
/*
 * Subjects that should have a clock of kind k and have none (kept before
 * clocks existed, or a platform that turned 报送 on): ack: reports received
 * or waiting on the reporter; vendor_response: vendors notified, case open;
 * submission: open generic cases without an accepted or waived 报送.  id is
 * the report or case, org the vendor's slug ("" otherwise), basis the time
 * the clock counts from.
 */
struct clock_missing {
	const char	*id;
	const char	*org;
	int64_t		 basis;
};
enum app_err	 store_clocks_missing(struct store *st, struct arena *a, enum deadline_kind k,
		    int limit, struct clock_missing **out, size_t *n);
/* Set a case's known_at (R5). */
enum app_err	 store_case_set_known_at(struct store *st, const char *case_id, int64_t at,
		    int64_t now);

/* The outbox's HTTP deliveries and its rows by id (issue 6). */
struct outbox_row {
	int64_t		 id;
	const char	*kind;		/* "mail" or "http" */
	const char	*recipient;	/* address or URL */
	const char	*subject;
	const char	*body;		/* mail: the text; http: "" (rendered from ref) */
	const char	*ref;		/* http: submission:<id>, forward:<id> */
	const char	*idem_key;
	const char	*status;	/* pending, sent, failed */
	int		 attempts;
	int64_t		 next_attempt_at;
	const char	*last_error;
	int64_t		 http_status;	/* 0: none */
	const char	*response;	/* the answer, bounded */
	int64_t		 created_at;
	int64_t		 sent_at;	/* 0: not sent */
};
/* Queue a mail; *id (if not NULL) receives its row id. */
enum app_err	 store_outbox_add_mail(struct store *st, const char *recipient,
		    const char *subject, const char *body, int64_t now, int64_t *id);
/* Queue an HTTP delivery of ref to url with an idempotency key. */
enum app_err	 store_outbox_add_http(struct store *st, const char *url, const char *ref,
		    const char *idem_key, int64_t now, int64_t *id);
enum app_err	 store_outbox_get(struct store *st, struct arena *a, int64_t id,
		    struct outbox_row *out);
/* Pending rows due at now, oldest first: HTTP ones, and mail too when mail. */
enum app_err	 store_outbox_due_rows(struct store *st, struct arena *a, int64_t now,
		    bool mail, int limit, struct outbox_row **out, size_t *n);
/* An HTTP delivery answered: sent with its status and answer (final), or to retry. */
enum app_err	 store_outbox_http_result(struct store *st, int64_t id, bool done,
		    int attempts, int64_t next, long status, const char *response,
		    const char *error, bool failed, int64_t now);
/* A failed or pending row goes again now (a person pressed send again). */
enum app_err	 store_outbox_requeue(struct store *st, int64_t id, int64_t now);

/* The 报送 of a case (provider side, issue 6). */
struct submission_row {
	int64_t		 id;
	const char	*case_id;
	enum sub_state	 state;
	const char	*target_library;
	const char	*title;
	const char	*product_name;
	const char	*idem_key;
	bool		 manual;
	int64_t		 outbox_id;	/* 0: none */
	const char	*library_id;	/* "" until accepted */
	const char	*reason;
	int64_t		 created_by;
	int64_t		 created_at;
	int64_t		 updated_at;
	int64_t		 sent_by;
	int64_t		 sent_at;
	int64_t		 uploaded_by;
	int64_t		 uploaded_at;
	int64_t		 decided_at;
	/* Filled by get and list from the outbox row, if any. */
	const char	*delivery;	/* pending, sent, failed, or "" */
	int		 attempts;
	const char	*last_error;
	int64_t		 http_status;
};
/* APP_CONFLICT when the case has one already.  Fills *id. */
enum app_err	 store_submission_insert(struct store *st, const struct submission_row *r,
		    const struct sealed *fields, int64_t *id);
/* fields may be NULL when not wanted. */
enum app_err	 store_submission_get(struct store *st, struct arena *a, int64_t id,
		    struct submission_row *out, struct sealed *fields);
enum app_err	 store_submission_of_case(struct store *st, struct arena *a,
		    const char *case_id, struct submission_row *out, struct sealed *fields);
/* Write every column but the record from r (by r->id); fields non-NULL: the record too. */
enum app_err	 store_submission_save(struct store *st, const struct submission_row *r,
		    const struct sealed *fields);
/* Newest first; state NULL: all; id < cursor (0: from the newest). */
enum app_err	 store_submission_list(struct store *st, struct arena *a, const char *state,
		    int64_t cursor, int limit, struct submission_row **out, size_t *n);

/* Registry role: 报送 received (issue 6). */
struct received_row {
	int64_t		 rowid;		/* list cursor */
	const char	*id;		/* NVDB-2026-000001 */
	int64_t		 org_id;
	const char	*org_slug;
	const char	*org_name;
	int64_t		 submitter_id;
	const char	*idem_key;
	const char	*target_library;
	const char	*title;
	const char	*product_name;
	const char	*payload_sha256;
	int64_t		 leaf_index;
	const char	*state;		/* received, verified, rejected */
	const char	*reason;
	int64_t		 received_at;
	int64_t		 updated_at;
	int64_t		 verified_by;
	int64_t		 verified_at;
};
enum app_err	 store_library_next_seq(struct store *st, int year, int64_t *seq);
enum app_err	 store_received_insert(struct store *st, const struct received_row *r,
		    int year, int64_t seq, const struct sealed *fields);
/* The one an organisation sent with this idempotency key; APP_NOTFOUND if none. */
enum app_err	 store_received_by_key(struct store *st, struct arena *a, int64_t org_id,
		    const char *idem_key, struct received_row *out);
enum app_err	 store_received_get(struct store *st, struct arena *a, const char *id,
		    struct received_row *out, struct sealed *fields);
/* Newest first, rowid < cursor (0: from the newest); state NULL: all. */
enum app_err	 store_received_list(struct store *st, struct arena *a, const char *state,
		    int64_t cursor, int limit, struct received_row **out, size_t *n);
enum app_err	 store_received_decide(struct store *st, const char *id, const char *state,
		    const char *reason, int64_t actor_id, int64_t now);
/* 同步通报 and forwards on request, one row per recipient. */
struct forward_row {
	int64_t		 id;
	const char	*submission_id;
	const char	*recipient;	/* the configured name */
	const char	*target;	/* URL or mailto:address */
	bool		 on_request;	/* R17 */
	int64_t		 outbox_id;
	int64_t		 created_at;
	/* From the outbox row. */
	const char	*delivery;	/* pending, sent, failed */
	int		 attempts;
	const char	*last_error;
	int64_t		 http_status;
	int64_t		 sent_at;
};
enum app_err	 store_forward_add(struct store *st, const struct forward_row *r, int64_t *id);
enum app_err	 store_forward_set_outbox(struct store *st, int64_t id, int64_t outbox_id);
enum app_err	 store_forward_get(struct store *st, struct arena *a, int64_t id,
		    struct forward_row *out);
enum app_err	 store_forwards(struct store *st, struct arena *a, const char *submission_id,
		    struct forward_row **out, size_t *n);

/* Notices of risk and remedy to users and downstream vendors (Art. 7(3), issue 6). */
struct user_notice_row {
	int64_t		 id;
	const char	*case_id;
	const char	*subject;
	const char	*body;
	const char	*support_channel;
	int64_t		 created_by;
	int64_t		 created_at;
};
struct user_notice_rcpt {
	int64_t		 notice_id;
	const char	*address;
	const char	*source;	/* downstream, manual */
	int64_t		 org_id;	/* downstream: the organisation; else 0 */
	int64_t		 outbox_id;
	/* From the outbox row: the delivery evidence. */
	const char	*delivery;	/* pending, sent, failed */
	int		 attempts;
	const char	*last_error;
	int64_t		 sent_at;
};
enum app_err	 store_user_notice_add(struct store *st, const struct user_notice_row *r,
		    int64_t *id);
enum app_err	 store_user_notice_rcpt_add(struct store *st, const struct user_notice_rcpt *r);
/* Newest first. */
enum app_err	 store_user_notices(struct store *st, struct arena *a, const char *case_id,
		    struct user_notice_row **out, size_t *n);
enum app_err	 store_user_notice_rcpts(struct store *st, struct arena *a, int64_t notice_id,
		    struct user_notice_rcpt **out, size_t *n);

/* Instance metadata (small key/value pairs). */
enum app_err	 store_meta_get(struct store *st, struct arena *a, const char *key,
		    const char **out);
enum app_err	 store_meta_set(struct store *st, const char *key, const char *value);

#include "store/store_disclosure.h"
#include "store/store_complaints.h"
#include "store/store_filings.h"
#include "store/store_pfiling.h"
#include "store/store_units.h"
#include "store/store_warnings.h"
#include "store/store_stats.h"

#endif
