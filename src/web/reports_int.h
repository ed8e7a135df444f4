#ifndef LOUDONG_WEB_REPORTS_INT_H
#define LOUDONG_WEB_REPORTS_INT_H

/* Shared by the report pages: reports.c (intake, receipt) and report_views.c. */
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

#endif
