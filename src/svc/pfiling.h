#ifndef LOUDONG_SVC_PFILING_H
#define LOUDONG_SVC_PFILING_H

/*
 * 备案, platform side (issue 8; 办法 第四条-第八条; R16, R20-R23, R25, R41):
 * the platform's own dossier, its submission, 补正 answers, changes and
 * deregistration to [federation] registry_url through the outbox (or an
 * export for manual submission), the status read back, the go-live gate
 * of public intake and the 备案编号 every page shows.
 * The wire protocol is docs/FILING.md.
 *
 * The dossier is the field set's items (domain/filing.h, data) as values,
 * sealed at rest as one JSON object, ID numbers included, in three copies
 * (store_pfiling.h): the working copy the administrator edits, the copy
 * the application under way carries, and the copy the registry approved
 * last.  A change of a filed item takes effect only once the registry
 * approves it (R22): meanwhile the footer, the public output and the
 * intake gate go by what was filed.
 *
 * Everything here is for the platform role and the administrator (or the
 * system): others are refused with rule rbac.role, other roles get
 * APP_NOTFOUND.  The state-changing calls run in one transaction each,
 * with an audit entry, and refresh the process's copy of the filing
 * (svc_pfiling_shown) after the commit.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/filing.h"
#include "store/store.h"
#include "svc/submissions.h"
#include "svc/svc.h"

/* The rules refusals rest on. */
#define PFILING_RULE_ITEMS	"办法 第四条"	/* the items of a filing */
#define PFILING_RULE_GATE	"办法 第八条"	/* no intake before filing */
#define PFILING_RULE_CHANGE	"办法 第六条"	/* changes within 30 days */
#define PFILING_RULE_DEREG	"办法 第七条"	/* deregistration */

/* Bounds of what is typed or received. */
#define PFILING_DOC_MAX		(2u * 1024 * 1024)	/* bytes of one document */
#define PFILING_DOC_NAME_MAX	128	/* bytes of a document's file name */
#define PFILING_NOTE_MAX	2000	/* bytes of a note, a reason, an organisation */
#define PFILING_ID_MAX		64	/* bytes of an application id */
#define PFILING_ITEMS_MAX	256	/* 补正 items kept from an answer */
#define PFILING_EVENTS_SHOWN	100	/* history rows a view reads */
#define PFILING_CASES_SHOWN	500	/* open cases a view lists */

/* One 补正 item from the registry. */
struct pfiling_item {
	const char	*field;		/* a key of the field set, or "" */
	const char	*problem;	/* "missing", "format", ... or "" */
	const char	*note;
};

/* A change task with its clock (change_filing on "change:<id>"). */
struct pfiling_task {
	struct pfiling_change	 c;
	bool			 has_clock;
	struct deadline_row	 clock;
};

/* A document field with the version its working value names. */
struct pfiling_docfield {
	const struct filing_field *f;
	bool			 present;	/* a document is uploaded for the value */
	struct pfiling_doc	 d;
};

/* The registry's answer, as parsed (svc_pfiling_answer_parse). */
struct pfiling_answer {
	const char		*id;		/* the application's id, "" */
	int			 kind;		/* enum filing_app_kind, -1 unknown */
	int			 state;		/* enum filing_app_state, -1 unknown */
	int64_t			 review_due_at;	/* 0: none */
	int64_t			 supplement_due_at;
	const char		*reason;	/* "" */
	struct pfiling_item	*items;		/* the last 补正 round's */
	size_t			 nitems;
	const char		*number;	/* filing.number, "" */
	const char		*filed_on;	/* filing.filed_on, "" */
	bool			 deregistered;	/* filing.status is deregistered */
};

/* Everything the filing page and GET /api/v1/filing show. */
struct pfiling_view {
	struct pfiling_row		 r;		/* status, number, application */
	bool				 exists;	/* saved at least once */
	const struct filing_fieldset	*fs;		/* the process's field set */
	struct filing_value		*v;		/* the working copy: one per field
							   of fs, in its order ("" none);
							   secret fields masked */
	struct filing_problem		*problems;	/* filing_check of the working copy */
	size_t				 nproblems;
	struct pfiling_docfield		*docs;		/* the document fields */
	size_t				 ndocs;
	struct pfiling_task		*tasks;		/* change tasks, newest first */
	size_t				 ntasks;
	struct pfiling_event		*events;	/* history, newest first */
	size_t				 nevents;
	struct pfiling_answer		 answer;	/* the registry's last answer */
	struct pfiling_case		*cases;		/* cases not closed */
	size_t				 ncases;
	int64_t				 cases_pending;	/* not closed, not handed over */
	const char			*diff;		/* working copy vs filed: keys, "" */
	bool				 intake_open;	/* the gate as it stands */
	bool				 registry;	/* [federation] registry_url is set */
	bool				 has_initial_clock;	/* R25 */
	struct deadline_row		 initial_clock;
	/* What may be done now. */
	bool				 can_edit, can_submit, can_change, can_refresh,
					 can_deregister, can_manual;
};

/*
 * The process's copy of the filing, for every page's footer and the
 * intake gate without a query per request (loaded by serve, refreshed by
 * every change of state; the public cache generation moves with it).
 */
struct pfiling_shown {
	bool				 loaded;
	enum platform_filing_status	 status;
	/* The number shown: [instance] filing_number wins over the registry's. */
	char				 number[FILING_NUMBER_MAX + 1];
	char				 filed_on[11];
	bool				 intake_open;	/* the gate (第八条) */
	bool				 test_install;	/* open_intake_unfiled opened it */
};
void		svc_pfiling_shown(const struct config *cfg, struct pfiling_shown *out);
/* Load the copy (serve, at start; and the R25 clock when due).  Platform role only. */
enum app_err	svc_pfiling_load(const struct svc_ctx *c);

/*
 * The go-live gate (第八条, R20): public intake of reports is open only
 * when the platform is filed (filed or change_pending), [instance]
 * filing_number is set, or [filing] open_intake_unfiled is on; never
 * during or after a deregistration.  Other roles and the system (the
 * operator's CLI) pass.  APP_FORBIDDEN with rule 办法 第八条 and
 * MSG_ERR_INTAKE_NOT_FILED.
 */
enum app_err	svc_pfiling_intake_check(const struct svc_ctx *c, struct fault *f);
/* The decision itself (pure). */
bool		svc_pfiling_intake_open(enum instance_role role, enum platform_filing_status s,
		    const char *cfg_number, bool open_unfiled);

/* The view; the administrator only. */
enum app_err	svc_pfiling_get(const struct svc_ctx *c, struct pfiling_view *out,
		    struct fault *f);

/*
 * Set the values given (keys of the field set; "" empties one) of the
 * working copy.  Not while an application is under review, nor once
 * deregistering.  Every problem filing_check finds in the result other
 * than a missing item goes to p (up to max, *np all) and the edit is
 * refused with APP_INVALID (rule 第四条); missing items are left for the
 * submission.  Once filed, a change of a filed item opens or extends the
 * change task with change_date (YYYY-MM-DD; NULL: today), whose clock is
 * 30 days (第六条).  Document fields are set by svc_pfiling_document_put.
 */
enum app_err	svc_pfiling_update(const struct svc_ctx *c, const struct filing_value *in,
		    size_t n, const char *change_date, struct filing_problem *p, size_t max,
		    size_t *np, struct fault *f);

/*
 * Upload a document for a document field: at most PFILING_DOC_MAX bytes,
 * its name without a path (spaces become '_'), its type sniffed; sealed;
 * the field's value becomes "<name> sha256:<hex>" (as an edit).
 */
enum app_err	svc_pfiling_document_put(const struct svc_ctx *c, const char *key,
		    const char *name, const void *data, size_t len, struct pfiling_doc *out,
		    struct fault *f);
/* The document the working copy names for key, opened into c->a. */
enum app_err	svc_pfiling_document_get(const struct svc_ctx *c, const char *key,
		    struct pfiling_doc *out, const unsigned char **data, size_t *len,
		    struct fault *f);

/*
 * The JSON document of the federation POST (docs/FILING.md), the dossier
 * generator for manual submission (R21): kind "initial", "change" or
 * "deregistration" (NULL: what the state calls for), the whole dossier
 * with ID numbers and every document base64 inside.  The export is
 * audited.  *body in c->a.
 */
enum app_err	svc_pfiling_export(const struct svc_ctx *c, const char *kind,
		    const char **body, size_t *len, struct fault *f);

/*
 * Submit: the first filing (draft), or the answer to a 补正 (any kind
 * whose application is supplement_requested), or again a delivery that
 * failed.  The working copy must be complete (every problem in p, rule
 * 第四条) and every document present.  With a registry: an outbox
 * delivery; without: recorded as handed in by hand (the export is the
 * file), its outcome then recorded with svc_pfiling_manual.
 */
enum app_err	svc_pfiling_submit(const struct svc_ctx *c, const char *note,
		    struct filing_problem *p, size_t max, size_t *np, struct fault *f);
/* File the open change tasks (第六条): filed -> change_pending. */
enum app_err	svc_pfiling_change(const struct svc_ctx *c, const char *note,
		    struct filing_problem *p, size_t max, size_t *np, struct fault *f);
/*
 * Deregister (第七条): end_date YYYY-MM-DD (not before today); every case
 * not closed must be handed over first (APP_CONFLICT, rule 第七条, iarg
 * how many are not).  Intake closes at once; deregistered is final.
 */
enum app_err	svc_pfiling_deregister(const struct svc_ctx *c, const char *end_date,
		    const char *note, struct fault *f);
/*
 * Hand the case (NULL: every case not closed and not yet handed over) to
 * the organisation named to: recorded with the case (its timeline and the
 * audit log).  *n: how many.
 */
enum app_err	svc_pfiling_handover(const struct svc_ctx *c, const char *to,
		    const char *case_id, const char *note, size_t *n, struct fault *f);

/* The registry's answer to a submission handed in by hand. */
struct pfiling_manual {
	const char	*outcome;	/* approved, supplement_requested, rejected */
	const char	*application_id;	/* the registry's id (optional) */
	const char	*number;	/* approved initial: the 备案编号 */
	const char	*filed_on;	/* approved: YYYY-MM-DD (NULL: today) */
	const char	*note;		/* the deficiencies, or the reasons */
};
enum app_err	svc_pfiling_manual(const struct svc_ctx *c, const struct pfiling_manual *in,
		    struct fault *f);

/*
 * Reading the status back: the GET is made by the app (net/ is not svc's),
 * through the function it registers at start.  fetch: one GET of url with
 * the bearer; 0 and *status, *body (in a, up to HTTP_RESPONSE_MAX) when
 * an answer came, else -1 with a sentence in err.
 */
typedef int	(*pfiling_fetch_fn)(struct arena *a, const char *url, const char *bearer,
		    int timeout_ms, long *status, const char **body, size_t *len, char *err,
		    size_t errsz);
void		svc_pfiling_use_fetch(pfiling_fetch_fn fn);
/*
 * Read back the application under way when its time came ([filing]
 * poll_seconds; force: now, for the refresh button) and apply the answer:
 * 补正 items, approval (number, date, the filed copy), rejection (the
 * reasons).  Nothing to read: APP_OK.  refresh: the administrator's, with
 * its faults (no registry, nothing under way, the registry unreachable:
 * APP_UPSTREAM).
 */
enum app_err	svc_pfiling_poll(const struct svc_ctx *c);
enum app_err	svc_pfiling_refresh(const struct svc_ctx *c, struct fault *f);

/* The outbox's deliveries to the registry (ref "pfiling:<id>"): svc_outbox_payload's. */
enum app_err	svc_pfiling_payload(const struct svc_ctx *c, const struct outbox_row *m,
		    struct fed_payload *out);
enum app_err	svc_pfiling_delivered(const struct svc_ctx *c, const struct outbox_row *m,
		    const struct fed_result *r);

/*
 * The scheduler's turn (app/sched.c; platform role only, else nothing):
 * a deregistration whose end date has come takes effect; the R25 clock
 * is started when missing.
 */
enum app_err	svc_pfiling_tick(const struct svc_ctx *c);

/* Pure pieces, for the pages and the unit tests. */

/* A registry answer (GET or POST), bounded and checked; -1 if it is not one. */
int		svc_pfiling_answer_parse(struct arena *a, const char *body, size_t len,
		    struct pfiling_answer *out);
/*
 * The platform's status after the registry's state st of an application of
 * kind k, from cur (end_reached: a deregistration's end date has come).
 * cur when nothing changes.
 */
enum platform_filing_status svc_pfiling_status_after(enum platform_filing_status cur,
		    enum filing_app_kind k, enum filing_app_state st, bool end_reached);
/* The keys of fs whose values differ between a and b, comma-separated ("" none). */
const char	*svc_pfiling_diff(struct arena *a, const struct filing_fieldset *fs,
		    const struct filing_value *x, size_t nx, const struct filing_value *y,
		    size_t ny);
/* A document's name as kept: the last path part, spaces and controls to '_'; NULL if empty. */
const char	*svc_pfiling_doc_name(struct arena *a, const char *name);

#endif
