#ifndef LOUDONG_STORE_STORE_WARNINGS_H
#define LOUDONG_STORE_STORE_WARNINGS_H

/*
 * Part of store.h (included from it): warnings (预警) and disputes (争议协调),
 * issue 9; R40.  Tables: store/sql/sqlite/0016_warnings_disputes.sql.
 * Statements: stmt_warnings.def and sqlite_warnings.inc.  The sealed
 * columns travel as struct sealed; svc/warnings.c and svc/disputes.c seal
 * and open them.
 */
#include "domain/deadline.h"
#include "domain/warning.h"

/* The next number of a year for "warning" or "dispute" (inside the inserting transaction). */
enum app_err	 store_wd_next_seq(struct store *st, const char *what, int year, int64_t *seq);

/* An account of an organisation (every active one, whatever its role). */
struct wd_member {
	int64_t		 id;
	const char	*login;
	const char	*email;		/* "" if none */
};
enum app_err	 store_wd_org_members(struct store *st, struct arena *a, int64_t org_id,
		    struct wd_member **out, size_t *n);

/* ---- warnings ---- */

/* A warning as stored, without its body. */
struct warning_row {
	int64_t			 rowid;		/* list cursor */
	const char		*id;
	enum warning_kind	 kind;
	enum warning_severity	 severity;
	const char		*title;
	const char		*summary;	/* "" if none */
	const char		*related;
	const char		*affected;
	unsigned		 audience;	/* WAUD_* */
	int			 min_level;
	const char		*unit_ids;	/* "3,5": named explicitly; "" */
	int64_t			 public_at;	/* 0: never public */
	int64_t			 issuer_id;	/* 0: gone */
	const char		*issuer_login;	/* "" */
	int64_t			 issuer_org_id;	/* 0: staff */
	const char		*issuer_org_name;	/* "" */
	enum warning_state	 state;
	int64_t			 withdrawn_at;	/* 0 */
	const char		*withdrawn_by_login;	/* "" */
	const char		*withdraw_reason;	/* "" */
	int64_t			 issued_at;
	int64_t			 updated_at;
	/* Counts of its deliveries by state. */
	int64_t			 ndelivered, nacknowledged, nrefused;
};

enum app_err	 store_warning_insert(struct store *st, const struct warning_row *w, int year,
		    int64_t seq, const struct sealed *body);
/* One warning; body (if not NULL) receives the sealed body.  APP_NOTFOUND. */
enum app_err	 store_warning_get(struct store *st, struct arena *a, const char *id,
		    struct warning_row *out, struct sealed *body);

/* Filters of a listing. */
struct warning_filter {
	int64_t		 org_id;	/* 0: all; else delivered to (delivered or
					   acknowledged) a unit of it, or issued by it */
	int64_t		 cursor;	/* rowid below this; 0: from the newest */
	int		 limit;
};
/* Newest first. */
enum app_err	 store_warning_list(struct store *st, struct arena *a,
		    const struct warning_filter *f, struct warning_row **out, size_t *n);
/* The public ones at now (issued, not incidents, public_at reached), newest public first. */
enum app_err	 store_warning_public(struct store *st, struct arena *a, int64_t now,
		    int64_t skip, int limit, struct warning_row **out, size_t *n);
/* issued -> withdrawn (APP_NOTFOUND unless issued). */
enum app_err	 store_warning_withdraw(struct store *st, const char *id, int64_t by,
		    const char *reason, int64_t now);

/* A delivery, with its unit. */
struct warning_delivery {
	const char		*warning_id;
	int64_t			 unit_id;
	const char		*unit_name;
	int64_t			 org_id;
	enum unit_type		 unit_type;
	int			 level;
	enum delivery_state	 state;
	const char		*rule;		/* refused: the rule; "" */
	int64_t			 delivered_at;	/* 0 */
	int64_t			 acknowledged_at;	/* 0 */
	int64_t			 acknowledged_by;	/* 0 */
	const char		*acknowledged_login;	/* "" */
};
enum app_err	 store_warning_delivery_add(struct store *st, const struct warning_delivery *d,
		    int64_t now);
/* Unit name order. */
enum app_err	 store_warning_deliveries(struct store *st, struct arena *a, const char *id,
		    struct warning_delivery **out, size_t *n);
/* delivered -> acknowledged (APP_NOTFOUND unless delivered). */
enum app_err	 store_warning_ack(struct store *st, const char *id, int64_t unit_id,
		    int64_t user_id, int64_t now);

/* ---- disputes ---- */

struct dispute_row {
	int64_t			 rowid;
	const char		*id;
	enum dispute_category	 category;
	const char		*subject_ref;
	const char		*other_party;
	const char		*title;
	int64_t			 filer_id;	/* 0: gone */
	const char		*filer_login;	/* "" */
	int64_t			 filer_org_id;	/* 0: none */
	const char		*filer_org_name;	/* "" */
	int64_t			 recorded_by;	/* staff who filed it for the filer; 0 */
	const char		*recorded_by_login;	/* "" */
	int			 priority;	/* 0, or the unit level + 1 */
	enum dispute_state	 state;
	int64_t			 assignee_id;	/* 0 */
	const char		*assignee_login;	/* "" */
	const char		*payload_sha256;
	int64_t			 leaf_index;
	int64_t			 filed_at;
	int64_t			 updated_at;
	int64_t			 closed_at;	/* 0: open */
	/* Its clock (the 'dispute' kind): due time and state; 0 and -1 if none. */
	int64_t			 due_at;
	int			 clock_state;	/* enum deadline_state, or -1 */
};

/* The sealed parts (data NULL: none). */
struct dispute_seals {
	struct sealed	 statement;
	struct sealed	 wanted;
	struct sealed	 resolution;
};

enum app_err	 store_dispute_insert(struct store *st, const struct dispute_row *d, int year,
		    int64_t seq, const struct dispute_seals *s);
enum app_err	 store_dispute_get(struct store *st, struct arena *a, const char *id,
		    struct dispute_row *out, struct dispute_seals *s);

struct dispute_filter {
	int64_t		 filer_id;	/* 0: everybody's */
	const char	*state;		/* a state word; NULL: any */
	bool		 open_only;	/* only open and coordinating ones */
	int64_t		 skip;		/* rows to skip in the queue's order */
	int		 limit;
};
/* The queue's order: open first, priority, due, id (domain/warning.h dispute_queue_cmp). */
enum app_err	 store_dispute_list(struct store *st, struct arena *a,
		    const struct dispute_filter *f, struct dispute_row **out, size_t *n);
/* Assignee and coordinating (APP_NOTFOUND unless open or coordinating). */
enum app_err	 store_dispute_assign(struct store *st, const char *id, int64_t assignee_id,
		    int64_t now);
/* The updated time of an open dispute (a note). */
enum app_err	 store_dispute_touch(struct store *st, const char *id, int64_t now);
/* Close: resolved with the sealed resolution, or withdrawn (resolution data NULL). */
enum app_err	 store_dispute_close(struct store *st, const char *id, enum dispute_state to,
		    const struct sealed *resolution, int64_t now);

struct dispute_event {
	int64_t		 id;
	const char	*dispute_id;
	int64_t		 at;
	int64_t		 actor_id;
	const char	*actor_login;	/* "" */
	const char	*event;		/* filed, assigned, note, party, resolved, withdrawn */
	const char	*from_state;
	const char	*to_state;
	const char	*detail;
	struct sealed	 note;		/* data NULL: none */
	const char	*note_text;	/* filled by svc/ when opened */
};
enum app_err	 store_dispute_event_next_id(struct store *st, int64_t *id);
enum app_err	 store_dispute_event_add(struct store *st, const struct dispute_event *e);
/* Oldest first. */
enum app_err	 store_dispute_events(struct store *st, struct arena *a, const char *id,
		    struct dispute_event **out, size_t *n);

#endif
