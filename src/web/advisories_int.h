#ifndef LOUDONG_WEB_ADVISORIES_INT_H
#define LOUDONG_WEB_ADVISORIES_INT_H

/*
 * Shared by the staff's disclosure pages: the advisories (advisories.c)
 * and a case's Art. 9 records, the major-event windows and the gate's log
 * (disclosure.c).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/advisory.h"
#include "http/req.h"

#define NOTE_ROWS	3	/* rows of a note or a reason */

/* Transport bounds: svc/ and adv_check apply the real limits and name the field. */
#define AW_ID_MAX	64	/* an advisory or case id: adv_id_valid, case_id_valid */
#define AW_CHOICE_MAX	32	/* our own option values */
#define AW_LINE_MAX	300	/* one-line texts: ADV_TITLE_MAX bytes, names 300 */
#define AW_TEXT_MAX	ADV_TEXT_MAX	/* characters of a text; adv_check counts bytes */
#define AW_LIST_MAX	20000	/* a list, one item a line */
#define AW_CHANGES_MAX	500	/* a version's summary of changes: svc counts 500 bytes */
#define AW_NOTE_MAX	2000	/* a review note, a reason, a record's note: svc counts bytes */
#define AW_REF_MAX	200	/* a record's reference, scope, approver: svc counts bytes */
#define AW_TIME_MAX	40	/* a date-time as typed */
#define AW_SCOPE_MAX	1000	/* a window's scope */
#define AW_SUBJECT_MAX	200	/* a log subject */
#define REPORT_ID_MIN	8	/* report_id_valid decides */
#define REPORT_ID_MAX	40

struct advisory_row;
/* A table of advisories: id, title, state, case, when (the queue's, a case's). */
void		 aw_queue_table(struct req *rq, const struct advisory_row *r, size_t n);

/* True if s is NULL or only blanks. */
bool		 aw_blank(const char *s);
/* 404 for a case id that is not one. */
enum app_err	 aw_no_such_case(struct req *rq);
/*
 * A date-time typed in a form: "YYYY-MM-DDTHH:MM" (a datetime-local
 * control, maybe with ":SS") or "YYYY-MM-DD HH:MM" in China time, or RFC
 * 3339 with its own offset.  0, or -1.
 */
int		 aw_form_time(const char *s, int64_t *out);
/* s without the blanks around it, a copy in the arena. */
const char	*aw_trimmed(struct req *rq, const char *s);
/* The flash a redirect's ?done= asks for, if it is one of these pages'. */
void		 aw_done_flash(struct req *rq, const char *done);
/* <form class="cls" method="post" action="..."> and the CSRF field. */
void		 aw_form_open(struct req *rq, const char *cls, const char *action);
/* A single-button form. */
void		 aw_button_form(struct req *rq, const char *action, const char *cls,
		    enum msg_id label);
/*
 * The refusal of a failed form for its field name, or NULL; a list's item
 * ("cvss[1].vector") counts for the list and says which line.
 */
const char	*aw_problem(struct req *rq, bool failed, const char *name);

#endif
