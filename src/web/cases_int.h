#ifndef LOUDONG_WEB_CASES_INT_H
#define LOUDONG_WEB_CASES_INT_H

/*
 * Shared by the case pages (issue 5): cases.c (the route table, the list,
 * the forms' handlers), case_views.c (one case: status, reports and their
 * grades, vendors, timeline, conversation and forms), case_parties.c (its
 * affected products, supply chain and participants) and case_progress.c
 * (the reporter's progress on their report page, with its reply and retest
 * forms).  report_views.c calls the progress panel.
 */
#include <stdbool.h>
#include <stddef.h>

#include "domain/case.h"
#include "domain/report.h"
#include "http/req.h"
#include "store/store.h"
#include "svc/messages.h"
#include "svc/products.h"

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
	CFORM_EXT,		/* a form of issue 6's sections: case_typed.ext_form says which */
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
	const char	*ext_form;	/* CFORM_EXT: "clock", "submission", "unotice"... */
	const char	*ext[8];	/* CFORM_EXT: what it had, in the section's own order */
};

/*
 * case_views.c: the case page for case id, answered with status (422: the
 * form `failed` comes back with what was typed, t).  The case is read with
 * svc_case_get's need-to-know; a failure becomes the error page.
 */
enum app_err	 case_page(struct req *rq, int status, const char *id,
		    enum case_form failed, const struct case_typed *t);

/* Everything the page shows, loaded before it is written. */
struct case_view {
	struct case_row		 k;
	const char		**reports;	/* staff: the case's reports */
	size_t			 nreports;
	struct report_brief	*briefs;	/* [nreports]: title and status */
	struct assessment	*as;		/* [nreports]: updated_at 0 when none */
	bool			 grades;	/* the reader may see assessments */
	struct case_vendor	*vendors;
	size_t			 nvendors;
	struct case_event	*events;	/* staff: the timeline */
	size_t			 nevents;
	struct case_participant	*people;	/* who takes part */
	size_t			 npeople;
	struct case_product	*products;	/* staff: the affected products */
	size_t			 nproducts;
	struct supply_proposal	*proposals;	/* staff: whom to notify */
	size_t			 nproposals;
	const char		*product_q;	/* staff: the picker's search, "" if none */
	struct product		*found;		/* what it found */
	size_t			 nfound;
	bool			 staff;		/* PERM_CASES_MANAGE */
	const struct case_vendor *mine;		/* a vendor member's own row */
	bool			 talk;		/* the reader takes part in the conversation */
	struct message_access	 acc;		/* their part in it */
	struct message		*msgs;		/* what they may see, oldest first */
	size_t			 nmsgs;
	struct sbuf		*md;		/* [nmsgs]: rendered bodies */
	struct cw_clocks	*clocks;	/* staff: the case's clocks (case_clocks.c) */
	struct cw_submission	*sub;		/* staff: the 报送 (submissions.c) */
	struct cw_unotices	*unotices;	/* staff: notices to users (case_unotices.c) */
	enum case_form		 failed;	/* the form that comes back */
	struct case_typed	 t;		/* what it had */
	const char		*done;		/* just done: say so */
};

/* The page's pieces in case_parties.c (staff sections; participants for all). */
void		 cw_products_section(struct req *rq, const struct case_view *v);
void		 cw_supply_section(struct req *rq, const struct case_view *v);
void		 cw_participants(struct req *rq, const struct case_view *v);

/*
 * Issue 6's sections, each in its own file: loaded by load() after the
 * case (v->k) and written by case_page(); a section with nothing to show
 * writes nothing.  Clocks: case_clocks.c; the 报送: submissions.c;
 * notices of risk and remedy to users and downstream vendors:
 * case_unotices.c.
 */
struct cw_clocks;
struct cw_submission;
struct cw_unotices;
enum app_err	 cw_clocks_load(struct req *rq, struct case_view *v);
void		 cw_clocks_section(struct req *rq, const struct case_view *v);
enum app_err	 cw_submission_load(struct req *rq, struct case_view *v);
void		 cw_submission_section(struct req *rq, const struct case_view *v);
enum app_err	 cw_unotices_load(struct req *rq, struct case_view *v);
void		 cw_unotices_section(struct req *rq, const struct case_view *v);
/* case_clocks.c: the staff's acknowledge button on a received report's page. */
void		 cw_ack_button(struct req *rq, const struct report *r);

/* Form helpers of the case page, shared by its files. */
struct layout_control;
/* The refusal of the failed form for one of its fields, or NULL. */
const char	*cw_problem(const struct req *rq, const struct case_view *v,
		    enum case_form form, const char *field);
/* The refusal above the form that failed (its message and rule). */
void		 cw_form_errors(struct req *rq, const struct case_view *v, enum case_form form);
/* A <select> with its box; options are (value, text) pairs written by the caller. */
void		 cw_select_open(struct req *rq, const struct layout_control *c);
void		 cw_option(struct req *rq, const char *value, const char *text, const char *cur);

/* The catalog names of the case words. */
enum msg_id	 cw_state_msg(enum case_state s);
enum msg_id	 cw_kind_msg(enum case_kind k);
enum msg_id	 cw_vstatus_msg(enum vendor_status s);
enum msg_id	 cw_vrole_msg(enum vendor_role r);
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
