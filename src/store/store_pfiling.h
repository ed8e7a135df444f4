#ifndef LOUDONG_STORE_STORE_PFILING_H
#define LOUDONG_STORE_STORE_PFILING_H

/*
 * 备案, platform side (issue 8): the platform's own filing, its events and
 * its change tasks (migrations 0012, 0014), its documents and the cases
 * handed over before a deregistration.  Included by store.h.  The sealed
 * columns travel as struct sealed; svc/pfiling.c seals and opens them.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/filing.h"

/* The one row of the dossier, without its sealed copies. */
struct pfiling_row {
	enum platform_filing_status status;
	const char	*fieldset;	/* field set version of the working copy */
	const char	*public_json;	/* name, url, icp, sponsor: the listable part */
	const char	*filed_fieldset;	/* "" until filed */
	const char	*number;	/* 备案编号, "" until filed */
	const char	*filed_on;	/* YYYY-MM-DD or "" */
	const char	*end_date;	/* deregistration: YYYY-MM-DD or "" */
	const char	*application_id;	/* the registry's, "" when none */
	const char	*app_kind;	/* "", initial, change, deregistration */
	const char	*app_state;	/* the registry's state as last read, "" */
	bool		 manual;	/* handed in by hand */
	int64_t		 sent_event;	/* the event whose delivery carries it, 0 */
	int64_t		 submitted_at;	/* 0: none */
	int64_t		 poll_at;	/* 0: nothing to read back */
	int64_t		 polled_at;	/* 0: never */
	const char	*answer_json;	/* the registry's 补正 items and due times */
	const char	*reason;	/* rejection or refusal */
	const char	*change_date;	/* a change under way, "" */
	const char	*changed;	/* its keys, comma-separated, "" */
	int64_t		 updated_at;
};

/* The sealed copies (data NULL: none). */
struct pfiling_seals {
	struct sealed	 work;		/* what is edited */
	struct sealed	 sent;		/* what the application under way carries */
	struct sealed	 filed;		/* what the registry approved */
};

/* The row and its copies; APP_NOTFOUND before the first save. */
enum app_err	 store_pfiling_get(struct store *st, struct arena *a, struct pfiling_row *out,
		    struct pfiling_seals *s);
/* Insert or replace the row with all three copies (work must be set). */
enum app_err	 store_pfiling_put(struct store *st, const struct pfiling_row *r,
		    const struct pfiling_seals *s);

/* One delivery or answer (platform_filing_events). */
struct pfiling_event {
	int64_t		 id;
	int64_t		 at;
	int64_t		 actor_id;	/* 0: the system */
	const char	*actor_login;	/* "" */
	const char	*event;		/* submitted, delivered, refused, status, ... */
	const char	*kind;		/* the application's kind, "" */
	bool		 resubmission;	/* an answer to a 补正 */
	const char	*application_id;	/* "" */
	const char	*note;
	int64_t		 outbox_id;	/* 0: no delivery */
	const char	*delivery;	/* the outbox row's status, "" */
	int		 attempts;
	const char	*last_error;	/* "" */
	int64_t		 http_status;	/* 0: none */
};
enum app_err	 store_pfiling_event_add(struct store *st, const struct pfiling_event *e,
		    int64_t *id);
enum app_err	 store_pfiling_event_set_outbox(struct store *st, int64_t id, int64_t outbox_id);
enum app_err	 store_pfiling_event_get(struct store *st, struct arena *a, int64_t id,
		    struct pfiling_event *out);
/* Newest first, at most limit. */
enum app_err	 store_pfiling_events(struct store *st, struct arena *a, int limit,
		    struct pfiling_event **out, size_t *n);

/* A change task (第六条): its clock is change_filing on "change:<id>". */
struct pfiling_change {
	int64_t		 id;
	const char	*fields;	/* keys, comma-separated */
	const char	*change_date;	/* YYYY-MM-DD */
	const char	*state;		/* open, filed, confirmed, rejected, undone */
	const char	*application_id;	/* "" */
	int64_t		 created_at;
	int64_t		 updated_at;
};
enum app_err	 store_pfiling_change_add(struct store *st, const char *fields,
		    const char *change_date, int64_t now, int64_t *id);
/* Fields, state and application of one task. */
enum app_err	 store_pfiling_change_save(struct store *st, const struct pfiling_change *c,
		    int64_t now);
/* Newest first, at most limit; state NULL: all. */
enum app_err	 store_pfiling_changes(struct store *st, struct arena *a, const char *state,
		    int limit, struct pfiling_change **out, size_t *n);

/* A document version, without its bytes. */
struct pfiling_doc {
	const char	*key;
	const char	*sha256;	/* hex */
	const char	*name;
	const char	*media_type;
	int64_t		 size;
	int64_t		 uploaded_by;
	int64_t		 uploaded_at;
};
/* Insert (or keep: the same key and hash are the same bytes). */
enum app_err	 store_pfiling_doc_put(struct store *st, const struct pfiling_doc *d,
		    const struct sealed *content);
/* One version with its sealed bytes (content may be NULL); APP_NOTFOUND. */
enum app_err	 store_pfiling_doc_get(struct store *st, struct arena *a, const char *key,
		    const char *sha256, struct pfiling_doc *out, struct sealed *content);
/* Every version kept, by key then newest first. */
enum app_err	 store_pfiling_docs(struct store *st, struct arena *a, struct pfiling_doc **out,
		    size_t *n);
/* Remove the versions of key whose hash is none of keep[0..3) ("" matches none). */
enum app_err	 store_pfiling_doc_prune(struct store *st, const char *key,
		    const char *const keep[3]);

/* A case not closed, and whether (to whom) it was handed over (第七条). */
struct pfiling_case {
	const char	*id;
	const char	*title;
	const char	*state;
	const char	*handed_to;	/* "" : not handed over */
	int64_t		 handed_at;
};
/* Cases not closed, oldest first, at most limit; *pending: how many are not handed over. */
enum app_err	 store_pfiling_open_cases(struct store *st, struct arena *a, int limit,
		    struct pfiling_case **out, size_t *n, int64_t *pending);
/* Record a handover; APP_CONFLICT when the case was handed over already. */
enum app_err	 store_pfiling_handover_add(struct store *st, const char *case_id,
		    const char *to_org, const char *note, int64_t actor_id, int64_t now);

#endif
