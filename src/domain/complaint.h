#ifndef LOUDONG_DOMAIN_COMPLAINT_H
#define LOUDONG_DOMAIN_COMPLAINT_H

/*
 * Complaints (举报; 《网络产品安全漏洞收集平台备案管理办法》第九条): the
 * public tells the registry that a vulnerability collection platform is
 * suspected of breaking laws and regulations.  The rules here are pure: the
 * words of each enumeration, the checks of what a complainant sends, and
 * which step a complaint may take from which state.
 *
 *   submitted ──assign──► assigned ──note──► investigating ──close──► closed
 *       │                    │  ▲ reassign       │  ▲ note, reassign
 *       └──close (referred, duplicate, withdrawn)┘──┘
 * Closing as substantiated or unsubstantiated needs an investigation (a
 * note) first; referred, duplicate and withdrawn may close a complaint at
 * any open state.  A closed complaint stays closed.
 */
#include <stdbool.h>
#include <stddef.h>

#include "i18n/i18n.h"

/* What the platform is suspected of (the words are the API's and the table's). */
enum complaint_category {
	CCAT_ILLEGAL_COLLECTION,	/* illegal_collection: collects by illegal means or
					 * beyond its filed scope (规定 Art. 4, 10) */
	CCAT_SALE,			/* sale_of_vulnerabilities: sells or trades
					 * vulnerability information (规定 Art. 4) */
	CCAT_UNAUTHORISED_PUBLICATION,	/* unauthorised_publication: publishes against
					 * 规定 Art. 9 (before a fix, exploit tools,
					 * exaggeration, during a major event) */
	CCAT_FOREIGN_TRANSFER,		/* foreign_transfer: gives undisclosed
					 * vulnerabilities abroad (规定 Art. 9(7)) */
	CCAT_NO_FILING,			/* no_filing: runs without a 备案, or without its
					 * number on its home page (办法 第五条, 第八条) */
	CCAT_FALSE_FILING,		/* false_filing: its filed information is untrue or
					 * out of date (办法 第五条 如实填报, 第六条) */
	CCAT_MISMANAGEMENT,		/* mismanagement: leaks, no access control, no
					 * receipt log (规定 Art. 5, 11) */
	CCAT_OTHER,			/* other: anything else against laws and regulations */
	CCAT__MAX
};

/* Where the complaint arrived. */
enum complaint_channel {
	CCH_WEB,	/* web: the public form */
	CCH_API,	/* api: POST /api/v1/complaints */
	CCH_PHONE,	/* phone: the published number; staff record it */
	CCH_EMAIL,	/* email: the published address; staff record it */
	CCH__MAX
};

enum complaint_state {
	CST_SUBMITTED,		/* received, nobody assigned */
	CST_ASSIGNED,		/* a staff member has it */
	CST_INVESTIGATING,	/* investigation notes recorded */
	CST_CLOSED,		/* with an outcome */
	CST__MAX
};

/* How a closed complaint ended. */
enum complaint_outcome {
	COUT_NONE,		/* "": not closed */
	COUT_SUBSTANTIATED,	/* substantiated: the breach is established; the registry
				 * acts on it (rectification, 备案 cancelled, penalty) */
	COUT_UNSUBSTANTIATED,	/* unsubstantiated: investigated, no breach found */
	COUT_REFERRED,		/* referred: handed to the competent authority
				 * (公安部, 网信办, a 通信管理局) */
	COUT_DUPLICATE,		/* duplicate: the same matter as another complaint */
	COUT_WITHDRAWN,		/* withdrawn: the complainant withdrew it */
	COUT__MAX
};

const char	*complaint_category_name(enum complaint_category c);
const char	*complaint_channel_name(enum complaint_channel c);
const char	*complaint_state_name(enum complaint_state s);
const char	*complaint_outcome_name(enum complaint_outcome o);	/* COUT_NONE: "" */
/* The value of a word, or -1 (outcome: "" is -1 too, it closes nothing). */
int		 complaint_category_parse(const char *s);
int		 complaint_channel_parse(const char *s);
int		 complaint_state_parse(const char *s);
int		 complaint_outcome_parse(const char *s);

/* Limits of what a complainant sends, in bytes. */
#define COMPLAINT_PLATFORM_MAX	200	/* the platform's name */
#define COMPLAINT_URL_MAX	500	/* its address */
#define COMPLAINT_FILING_MAX	64	/* its 备案编号 (R41: opaque, at most 64 bytes) */
#define COMPLAINT_TEXT_MAX	20000	/* the complaint */
#define COMPLAINT_CONTACT_MAX	500	/* how to reach the complainant */
#define COMPLAINT_NOTE_MAX	10000	/* a staff note (investigation, outcome) */
#define COMPLAINT_MAX_PROBLEMS	6	/* one per field at most */

/* A complaint as sent (NULL or "" for what was left out). */
struct complaint_in {
	const char		*platform_name;	/* required, one line */
	const char		*platform_url;	/* optional http(s) URL */
	const char		*filing_number;	/* optional, one line */
	const char		*category;	/* required: a category word */
	const char		*text;		/* required: what happened, lines allowed */
	const char		*contact;	/* optional, one line */
};

/* A field's problem: the field as the API and the form name it, and why. */
struct complaint_problem {
	const char	*field;
	enum msg_id	 msg;
};

/*
 * Check every field of in; returns how many problems were found (0: fine),
 * the first max of them in p, in field order.  On success *cat is the
 * category.
 */
int		 complaint_check(const struct complaint_in *in, enum complaint_category *cat,
		    struct complaint_problem *p, int max);

/* A staff note: MSG_OK, or why not (missing, too long, not text). */
enum msg_id	 complaint_note_check(const char *note);

/*
 * The steps.  Each answers MSG_OK when the complaint in state s may take
 * it, else the reason; *to (if not NULL) receives the state it moves to.
 *   assign:  any open state; submitted becomes assigned, the rest stay
 *   note:    assigned or investigating; becomes investigating
 *   close:   an outcome; substantiated and unsubstantiated only from
 *            investigating, the others from any open state
 */
enum msg_id	 complaint_can_assign(enum complaint_state s, enum complaint_state *to);
enum msg_id	 complaint_can_note(enum complaint_state s, enum complaint_state *to);
enum msg_id	 complaint_can_close(enum complaint_state s, enum complaint_outcome o);

/* Whether the state is still open (not closed). */
bool		 complaint_open(enum complaint_state s);

#endif
