#ifndef LOUDONG_STORE_STORE_INT_H
#define LOUDONG_STORE_STORE_INT_H

/*
 * Inside store/ only.  The aggregate code (people.c, ...) is written against
 * this small backend-neutral query API; sqlite.c implements it (and pg.c
 * will, with its own statement texts), so adding PostgreSQL touches no
 * aggregate code.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct arena;
struct store;

/* Every statement the store runs; each backend has one text per entry. */
enum stmt {
	STMT_BEGIN,
	STMT_COMMIT,
	STMT_ROLLBACK,
	STMT_SCHEMA_VERSION,
	STMT_ORG_INSERT,
	STMT_ORG_BY_SLUG,
	STMT_ORG_BY_ID,
	STMT_ORG_LIST,
	STMT_PRODUCT_INSERT,
	STMT_PRODUCT_LIST,
	STMT_USER_INSERT,
	STMT_USER_BY_LOGIN,
	STMT_USER_BY_ID,
	STMT_USER_BY_EMAIL,
	STMT_USER_LIST,
	STMT_USER_SET_PASSWORD,
	STMT_USER_COUNT,
	STMT_SESSION_INSERT,
	STMT_SESSION_GET,
	STMT_SESSION_DELETE,
	STMT_SESSION_DELETE_USER,
	STMT_SESSION_PURGE,
	STMT_TOKEN_INSERT,
	STMT_TOKEN_BY_HASH,
	STMT_TOKEN_LIST,
	STMT_TOKEN_REVOKE,
	STMT_TOKEN_TOUCH,
	STMT_LOGIN_FAILURE_INSERT,
	STMT_LOGIN_FAILURE_COUNT,
	STMT_LOGIN_FAILURE_CLEAR,
	STMT_LOGIN_FAILURE_PURGE,
	STMT_AUDIT_INSERT,
	STMT_AUDIT_LIST,
	STMT_META_GET,
	STMT_META_SET,
	STMT_REPORT_SEQ_NEXT,
	STMT_REPORT_INSERT,
	STMT_REPORT_GET,
	STMT_REPORT_LIST,
	STMT_REPORT_COUNT,
	STMT_ATTACHMENT_INSERT,
	STMT_ATTACHMENT_LIST,
	STMT_ATTACHMENT_GET,
	STMT_LOG_SIZE,
	STMT_LOG_NODE_GET,
	STMT_LOG_NODE_INSERT,
	STMT_LOG_LEAF_INSERT,
	STMT_LOG_LEAF_GET,
	STMT_LOG_LEAVES,
	STMT_LOG_STH_INSERT,
	STMT_LOG_STH_GET,
	STMT_LOG_STH_LATEST,
	STMT_LOG_STHS,
	STMT_LOG_PURGE,
	STMT_LOG_UNMATCHED,
	STMT_OUTBOX_INSERT,
	STMT_OUTBOX_SENT,
	STMT_OUTBOX_RETRY,
	STMT_OUTBOX_LIST,
	STMT_PROFILE_PUT,
	STMT_PROFILE_GET,
	STMT_PROFILE_LIST,
	STMT_PROFILE_REVIEW,
	STMT_PROFILE_LEVEL,
	STMT_REPORTS_ACCEPTED,
	STMT_CWE_CLEAR,
	STMT_CWE_PUT,
	STMT_CWE_GET,
	STMT_CWE_SEARCH,
	STMT_CWE_COUNT,
	STMT_ASSESS_GET,
	STMT_ASSESS_PUT,
	STMT_RELATED_LIST,
	STMT_RELATED_CLEAR,
	STMT_RELATED_ADD,
	STMT_ASSESS_HISTORY_ADD,
	STMT_ASSESS_HISTORY,
	STMT_CASE_SEQ_NEXT,
	STMT_CASE_INSERT,
	STMT_CASE_GET,
	STMT_CASE_SET_STATE,
	STMT_CASE_LIST,
	STMT_CASE_ADD_REPORT,
	STMT_CASE_REPORTS,
	STMT_CASE_OF_REPORT,
	STMT_CASE_TIMELINE_ADD,
	STMT_CASE_TIMELINE,
	STMT_REPORT_SET_STATUS,
	STMT_TRIAGE_ADD,
	STMT_TRIAGE_LAST,
	STMT_REPORT_BRIEF,
	STMT_REPORTS_SAME_PRODUCT,
	STMT_REPORTS_RECENT,
	STMT_REPORTS_SHARING_IDS,
	STMT_CVENDOR_ADD,
	STMT_CVENDOR_GET,
	STMT_CVENDOR_LIST,
	STMT_CVENDOR_UPDATE,
	STMT_CVENDOR_NOTIFIED,
	STMT_CVENDOR_APPROVE,
	STMT_CVENDOR_SEEN,
	STMT_ORG_MEMBER_EMAILS,
	STMT_CASE_LIST_FOR_ORG,
	/* vendors and participants (issue 5) */
	STMT_PARTICIPANT_ADD,
	STMT_PARTICIPANT_ADD_IGNORE,
	STMT_PARTICIPANT_GET,
	STMT_PARTICIPANT_LIST,
	STMT_PARTICIPANT_REMOVE,
	STMT_CASE_LIST_FOR_OBSERVER,
	/* products and the supply chain (issue 5) */
	STMT_PRODUCT_GET,
	STMT_PRODUCT_COMPONENT_ADD,
	STMT_PRODUCT_COMPONENTS,
	STMT_PRODUCT_USERS,
	STMT_PRODUCT_SEARCH,
	STMT_CASE_PRODUCT_ADD,
	STMT_CASE_PRODUCTS,
	/* the conversation (issue 5) */
	STMT_MESSAGE_NEXT_ID,
	STMT_MESSAGE_INSERT,
	STMT_MESSAGE_GET,
	STMT_MESSAGES_OF_CASE,
	STMT_MESSAGES_OF_REPORT,
	STMT_REPORT_QUESTIONS,
	STMT_MATTACH_INSERT,
	STMT_MATTACH_LIST,
	STMT_MATTACH_GET,
	STMT_CASE_HAS_REPORTER,
	/* notices and follow-ups (issue 5) */
	STMT_NOTICE_INSERT,
	STMT_NOTICE_INSERT_ORG,
	STMT_NOTICE_INSERT_STAFF,
	STMT_NOTICE_LIST,
	STMT_NOTICE_GET,
	STMT_NOTICE_SEEN,
	STMT_CVENDOR_UNRESPONSIVE,
	STMT_CASE_FLAG_UNRESPONSIVE,
	STMT_COORDINATOR_EMAILS,
	/* clocks (issue 6) */
	STMT_DEADLINE_INSERT,
	STMT_DEADLINE_FIND_ID,
	STMT_REMINDER_INSERT,
	STMT_DEADLINE_GET,
	STMT_DEADLINE_FIND,
	STMT_DEADLINE_LIST,
	STMT_DEADLINE_MET,
	STMT_DEADLINE_WAIVE,
	STMT_DEADLINE_PAUSE,
	STMT_DEADLINE_RESUME,
	STMT_REMINDER_SHIFT,
	STMT_DEADLINE_MISSED,
	STMT_DEADLINES_TO_MISS,
	STMT_REMINDERS_DUE,
	STMT_REMINDER_FIRE,
	STMT_REMINDERS_OF,
	STMT_CASE_SET_KNOWN_AT,
	STMT_DEADLINES_CLOSE_CASE,
	STMT_BACKFILL_ACK,
	STMT_BACKFILL_VENDOR,
	STMT_BACKFILL_SUBMISSION,
	/* the outbox's HTTP deliveries (issue 6) */
	STMT_OUTBOX_INSERT_HTTP,
	STMT_OUTBOX_GET,
	STMT_OUTBOX_DUE_ROWS,
	STMT_OUTBOX_HTTP_RESULT,
	STMT_OUTBOX_REQUEUE,
	/* the 报送 and the registry (issue 6) */
	STMT_SUB_INSERT,
	STMT_SUB_GET,
	STMT_SUB_OF_CASE,
	STMT_SUB_SAVE,
	STMT_SUB_SAVE_FIELDS,
	STMT_SUB_LIST,
	STMT_LIBRARY_SEQ_NEXT,
	STMT_REC_INSERT,
	STMT_REC_BY_KEY,
	STMT_REC_GET,
	STMT_REC_LIST,
	STMT_REC_DECIDE,
	STMT_FWD_INSERT,
	STMT_FWD_SET_OUTBOX,
	STMT_FWD_GET,
	STMT_FWD_LIST,
	STMT_UNOTICE_INSERT,
	STMT_UNOTICE_RCPT_INSERT,
	STMT_UNOTICE_LIST,
	STMT_UNOTICE_RCPTS,
	/* the disclosure gate and advisories (issue 7) */
	STMT_DREC_INSERT,
	STMT_DREC_LIST,
	STMT_WINDOW_INSERT,
	STMT_WINDOW_UPSERT,
	STMT_WINDOW_WITHDRAW,
	STMT_WINDOW_GET,
	STMT_WINDOW_LIST,
	STMT_POLICY_LOG,
	STMT_POLICY_LIST,
	STMT_ATTACHMENT_CLASS,
	STMT_CASE_EXPLOITS,
	STMT_ADV_SEQ_NEXT,
	STMT_ADV_INSERT,
	STMT_ADV_SAVE,
	STMT_ADV_GET,
	STMT_ADV_OF_CASE,
	STMT_ADV_LIST,
	STMT_ADV_DUE,
	STMT_ADVV_INSERT,
	STMT_ADVV_GET,
	STMT_ADVV_LIST,
	STMT_ADVV_REVIEW,
	STMT_PUB_PUT,
	STMT_PUB_WITHDRAW,
	STMT_PUB_GET,
	STMT_PUB_LIST,
	/* complaints (举报, issue 8) */
	STMT_COMPLAINT_SEQ_NEXT,
	STMT_COMPLAINT_INSERT,
	STMT_COMPLAINT_GET,
	STMT_COMPLAINT_LIST,
	STMT_COMPLAINT_ASSIGN,
	STMT_COMPLAINT_SET_STATE,
	STMT_COMPLAINT_CLOSE,
	STMT_COMPLAINT_EVENT_NEXT_ID,
	STMT_COMPLAINT_EVENT_INSERT,
	STMT_COMPLAINT_EVENTS,
	STMT_COMPLAINT_ADDR_COUNT,
	STMT_COMPLAINT_ADDR_FORGET,
	STMT_COMPLAINT_BY_STATE,
	STMT_COMPLAINT_BY_OUTCOME,
	STMT_COMPLAINT_BY_CATEGORY,
	STMT_COMPLAINT_PLATFORMS,
	/* 备案 (issue 8): registry side (filings.c), platform side (pfiling.c) */
#include "store/stmt_filings.def"
#include "store/stmt_pfiling.def"
#include "store/stmt_units.def"
#include "store/stmt_warnings.def"
#include "store/stmt_stats.def"
#include "store/stmt_apps.def"
	STMT__MAX
};

/* text for a LIKE pattern, its wildcards escaped with a backslash (ESCAPE), in a. */
const char	*store_like_escape(struct arena *a, const char *text);

/*
 * One running statement.  Open, bind (1-based), step, read (0-based), close.
 * Every q_open needs its q_close (or q_exec_done): a writing statement
 * opened outside a transaction holds the process's write lock until then.
 */
struct q {
	struct store	*st;	/* the connection */
	void		*h;	/* backend handle */
	enum stmt	 id;	/* which statement */
	enum app_err	 err;	/* sticky: first bind or step failure */
	const char	*conflict;	/* on APP_CONFLICT: the column, if known */
	bool		 locked;	/* holds the process's write lock till q_close */
};

enum q_step { Q_ERR = -1, Q_DONE = 0, Q_ROW = 1 };

void		 q_open(struct q *q, struct store *st, enum stmt id);
void		 q_i64(struct q *q, int idx, int64_t v);
void		 q_i64_or_null(struct q *q, int idx, int64_t v);	/* 0 -> NULL */
void		 q_text(struct q *q, int idx, const char *s);	/* NULL -> NULL */
void		 q_blob(struct q *q, int idx, const void *p, size_t n);
enum q_step	 q_step(struct q *q);
int64_t		 q_col_i64(struct q *q, int col);	/* NULL -> 0 */
const char	*q_col_text(struct q *q, int col, struct arena *a);	/* NULL -> "" */
bool		 q_col_null(struct q *q, int col);
/* A copy of a BLOB column in the arena (NULL and *n = 0 for NULL). */
const unsigned char *q_col_blob(struct q *q, int col, struct arena *a, size_t *n);
int64_t		 q_last_id(struct q *q);
int64_t		 q_changes(struct q *q);
/* Reset the statement for reuse; returns q->err (APP_OK if all went well). */
enum app_err	 q_close(struct q *q);

/*
 * Make room for element n of an arena array of elem-sized items holding
 * *cap, doubling as needed; returns the (maybe moved) array.  For collecting
 * result rows.
 */
void		*store_grow(struct arena *a, void *arr, size_t n, size_t *cap, size_t elem);

/*
 * Collect the rows of a statement taking two integer parameters (a cursor
 * and a limit, say) into an arena array of elem-sized items, each filled by
 * row(q, a, item).
 */
enum app_err	 store_rows2(struct store *st, struct arena *a, enum stmt id,
		    int64_t p1, int64_t p2, size_t elem,
		    void (*row)(struct q *, struct arena *, void *), void **out, size_t *n);

/* Run a statement that returns no rows, in one go.  Binds by the caller. */
enum app_err	 q_exec_done(struct q *q);

#endif
