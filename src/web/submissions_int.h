#ifndef LOUDONG_WEB_SUBMISSIONS_INT_H
#define LOUDONG_WEB_SUBMISSIONS_INT_H

/*
 * Shared by the pages of the 报送 (issue 6, Art. 7(2)): submissions.c (the
 * route table, the forms' handlers, the list, the case page's section) and
 * submission_form.c (one 报送: the provider's record as a form with its
 * steps, the registry's received record with its forwards and decision).
 * Which side a page shows is the instance's role (rq->cfg->role).
 */
#include <stdbool.h>
#include <stdint.h>

#include "domain/submission.h"
#include "http/req.h"
#include "store/store.h"

/* Transport bounds: svc/ applies the real rules and names the field it refuses. */
#define SW_ID_MAX		64	/* a row id, or a library id: svc finds it */
#define SW_CHOICE_MAX		32	/* our own option values */
#define SW_LIBRARY_ID_MAX	64	/* 1..64 of [A-Za-z0-9_-], svc decides */
#define SW_REASON_MAX		4000	/* characters; svc counts 2000 bytes */
#define SW_FIELD_MAX		20000	/* characters of a record field; svc counts the bytes */

/* Which form of a 报送's page failed, so that its problem shows beside it. */
enum sub_form {
	SFORM_NONE,
	SFORM_SAVE,		/* the record (provider) */
	SFORM_SEND,		/* send: every missing field listed */
	SFORM_UPLOADED,		/* manual upload recorded */
	SFORM_OUTCOME,		/* the library's answer to a manual upload */
	SFORM_WAIVE,		/* waived with a reason */
	SFORM_DECISION,		/* the registry's verification */
	SFORM__MAX
};

/* What a failed form had, to show it again; NULL: nothing typed. */
struct sub_typed {
	const char	*v[SF__MAX];	/* SFORM_SAVE: each field sent, NULL if not */
	const char	*library_id;	/* SFORM_UPLOADED, SFORM_OUTCOME */
	const char	*choice;	/* SFORM_OUTCOME: accepted/rejected; SFORM_DECISION: state */
	const char	*reason;	/* SFORM_OUTCOME, SFORM_WAIVE, SFORM_DECISION */
};

/*
 * submission_form.c: the page of one 报送, answered with status (422: the
 * form `failed` comes back with what was typed, t; done names what was
 * just done, "" if nothing).  id is the provider's row id as text, or the
 * registry's library id.  A failure to load becomes the error page.
 */
enum app_err	 sw_page(struct req *rq, int status, const char *id, enum sub_form failed,
		    const struct sub_typed *t, const char *done);

/* Whether s is a library id as svc/ takes it: 1..64 of [A-Za-z0-9_-], safe in a URL. */
bool		 sw_library_id_ok(const char *s);

/* A 报送's state, in the page's language, and as a badge. */
enum msg_id	 sw_state_msg(enum sub_state s);
void		 sw_state_badge(struct req *rq, enum sub_state s);
/* A received 报送's state (received, verified, rejected) as a badge. */
enum msg_id	 sw_received_msg(const char *state);
void		 sw_received_badge(struct req *rq, const char *state);

/* <dt>term</dt><dd>a time, or "never"</dd>; <dt>term</dt><dd>text, or "none"</dd>. */
void		 sw_dl_time(struct req *rq, enum msg_id term, int64_t t);
void		 sw_dl_text(struct req *rq, enum msg_id term, const char *text, bool pre);
/* The delivery of a 报送 (mode, outbox status, attempts, last error) as dl entries. */
void		 sw_dl_delivery(struct req *rq, const struct submission_row *r);

#endif
