#ifndef LOUDONG_WEB_CASES_INT_H
#define LOUDONG_WEB_CASES_INT_H

/*
 * Shared by the case pages (issue 5): cases.c (the route table, the list,
 * the forms' handlers), case_views.c (one case: status, reports and their
 * grades, vendors, timeline, conversation and forms) and case_progress.c
 * (the reporter's progress on their report page, with its reply and retest
 * forms).  report_views.c calls the progress panel.
 */
#include <stdbool.h>
#include <stddef.h>

#include "domain/case.h"
#include "domain/report.h"
#include "http/req.h"

/* Rows per page of the case list. */
#define CASES_PAGE_ROWS		50

/* Transport bounds: svc/ applies the real rules and names the field it refuses. */
#define CW_ID_MAX		64	/* case_id_valid decides */
#define CW_CHOICE_MAX		64	/* our own option values */
#define CW_SLUG_MAX		64	/* org slugs: 2..40 */
#define CW_TEXT_MAX		8000	/* reasons, statements: svc counts the bytes */
#define CW_BODY_MAX		40000	/* a message: MESSAGE_BODY_MAX bytes, svc decides */
#define CW_LOGIN_MAX		64	/* logins: 3..32, svc decides */
#define CW_QUERY_MAX		100	/* the product picker's search text */
#define CW_VERSIONS_MAX		1024	/* PRODUCT_VERSIONS_MAX bytes, svc decides */

/*
 * GET /cases/{id}: the id, what was just done (a flash says so), and the
 * product picker's search text.
 */
enum { CVIEW_ID, CVIEW_DONE, CVIEW_PRODUCT_Q, CVIEW__MAX };
extern const struct param	case_view_params[CVIEW__MAX];

/* Which form of the case page failed, so that its problem shows beside it. */
enum case_form {
	CFORM_NONE,
	CFORM_MOVE,		/* the transition */
	CFORM_VENDOR_ADD,	/* bring a vendor in */
	CFORM_VENDORS,		/* notify or approve one vendor */
	CFORM_STATUS,		/* a vendor's own status */
	CFORM_MESSAGE,		/* the conversation */
	CFORM_PRODUCT_ADD,	/* an affected product */
	CFORM_PARTICIPANT_ADD,	/* a coordinator or an observer */
	CFORM_PARTICIPANTS,	/* remove one */
	CFORM__MAX
};

/* What a failed form had, to show it again; NULL fields: nothing typed. */
struct case_typed {
	const char	*to, *reason;				/* CFORM_MOVE */
	const char	*org, *role;				/* CFORM_VENDOR_ADD */
	const char	*status, *justification, *fixed_version;	/* CFORM_STATUS */
	const char	*statement;				/* CFORM_STATUS */
	const char	*body, *visibility;			/* CFORM_MESSAGE */
	bool		 files;					/* files were chosen */
	const char	*product, *versions;			/* CFORM_PRODUCT_ADD */
	bool		 upstream;				/* CFORM_PRODUCT_ADD */
	const char	*login, *prole;				/* CFORM_PARTICIPANT_ADD */
};

/*
 * case_views.c: the case page for case id, answered with status (422: the
 * form `failed` comes back with what was typed, t).  The case is read with
 * svc_case_get's need-to-know; a failure becomes the error page.
 */
enum app_err	 case_page(struct req *rq, int status, const char *id,
		    enum case_form failed, const struct case_typed *t);

/* The catalog names of the case words. */
enum msg_id	 cw_state_msg(enum case_state s);
enum msg_id	 cw_kind_msg(enum case_kind k);
enum msg_id	 cw_vstatus_msg(enum vendor_status s);
/* A state badge: <span class="badge cstate-...">name</span>. */
void		 cw_state_badge(struct req *rq, enum case_state s);

/* The steps of kind's workflow as a list, the current one (state) marked. */
void		 cw_steps(struct req *rq, enum case_kind kind, enum case_state state);

/*
 * The conversation: render the Markdown bodies of n messages (safe mode)
 * into *out (n buffers, in the arena; APP_OK or the request's error), and
 * write one message as a list item with its attachments.
 */
struct message;
struct sbuf;
enum app_err	 cw_render_bodies(struct req *rq, const struct message *ms, size_t n,
		    struct sbuf **out);
void		 cw_message(struct req *rq, const struct message *m,
		    const struct sbuf *md);

/*
 * A case id from a path or a form, checked (case_id_valid) so that it is
 * safe in a URL as it is; NULL when it is not one.
 */
const char	*cw_case_id(const struct param_val *v);

/* The file parts of the form field name, for svc/ (in the request's arena). */
struct attachment_in;
int		 cw_files(struct req *rq, const char *name,
		    const struct attachment_in **out);

/*
 * case_progress.c: the reporter's progress on their report page (the
 * triage outcome, the case's steps, the thread with a reply form while the
 * report needs information, a retest form once there is a fix).  Loaded
 * before the page is written (*out NULL when the reader is not the
 * report's reporter); progress_panel(rq, NULL) writes nothing.
 */
struct progress_view;
enum app_err	 progress_load(struct req *rq, const struct report *r,
		    struct progress_view **out);
void		 progress_panel(struct req *rq, const struct progress_view *v);

/* POST /reports/{id}/reply and /reports/{id}/retest (the id first, as REPORT_ID). */
enum { PREPLY_ID, PREPLY_BODY, PREPLY__MAX };
enum { PRETEST_ID, PRETEST_OUTCOME, PRETEST_BODY, PRETEST__MAX };
extern const struct param	progress_reply_params[PREPLY__MAX];
extern const struct param	progress_retest_params[PRETEST__MAX];
enum app_err	 progress_reply_post(struct req *rq);
enum app_err	 progress_retest_post(struct req *rq);

#endif
