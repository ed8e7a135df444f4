#ifndef LOUDONG_WEB_REPORTS_INT_H
#define LOUDONG_WEB_REPORTS_INT_H

/*
 * Shared by the report pages: reports.c (intake, receipt), report_views.c
 * (lists, one report) and assessment.c (triage's scores and grades).
 */
#include "domain/grade.h"
#include "domain/report.h"
#include "http/req.h"

/* The Markdown fields of the details, as the report page shows them. */
#define REPORT_MD_FIELDS	4

/* The catalog names of a report's kind, status, channel and credit. */
enum msg_id	 rp_kind_msg(enum report_kind k);
enum msg_id	 rp_status_msg(enum report_status s);
enum msg_id	 rp_channel_msg(enum report_channel c);
enum msg_id	 rp_credit_msg(enum report_credit c);

/* A byte count as people read it ("12 KiB"), in the request's arena. */
const char	*rp_size_text(struct req *rq, int64_t n);

/* The report a path names, read with the need-to-know check, or the error set. */
enum app_err	 rp_report_load(struct req *rq, const struct param_val *id,
		    struct report *r);

/* report_views.c: the report page, answered with status (422: a form failed). */
enum app_err	 rp_view(struct req *rq, int status);

/*
 * assessment.c: triage's assessment on the report page (PERM_REPORTS_ASSESS).
 * GET /reports/{id} takes report_view_params; POST /reports/{id}/assessment
 * takes assess_form_params.  Both have the id first, as REPORT_ID.
 */
enum { RVIEW_ID, RVIEW_ASSESSED, RVIEW__MAX };
enum { ASSESS_F_ID, ASSESS_F_CVSS_V3, ASSESS_F_CVSS_V4, ASSESS_F_CVSS_V2,
	ASSESS_F_GBT, ASSESS_F_CATEGORY = ASSESS_F_GBT + GBT__NINDICATORS,
	ASSESS_F_CWE, ASSESS_F_RELATED, ASSESS_F_REASON, ASSESS_F__MAX };
extern const struct param	report_view_params[RVIEW__MAX];
extern const struct param	assess_form_params[ASSESS_F__MAX];
enum app_err	 reports_assess_post(struct req *rq);

/*
 * The panel: load everything it shows (before the page is written, so a
 * failure can still become the error page; *out NULL when the reader may
 * not assess), then write it.  assess_panel(rq, NULL) writes nothing.
 */
struct assess_view;
enum app_err	 assess_load(struct req *rq, const struct report *r,
		    struct assess_view **out);
void		 assess_panel(struct req *rq, const struct assess_view *v);

/*
 * The live CVSS score of a text input (scoring.js): the attribute inside
 * the input's tag, the <output> after it; and the script tag a page with
 * such inputs carries once.
 */
void		 assess_cvss_attr(struct req *rq, const char *input_id);
void		 assess_cvss_output(struct req *rq, const char *input_id,
		    const char *vector);
void		 assess_script(struct req *rq);

#endif
