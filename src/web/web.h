#ifndef LOUDONG_WEB_WEB_H
#define LOUDONG_WEB_WEB_H

#include <stddef.h>

#include "http/req.h"

/* The HTML pages: their routes, and the error page for failed R_WEB routes. */
extern const struct route	web_routes[];
extern const size_t		web_nroutes;

void	web_error_page(struct req *rq);

/* The case pages (cases.c, issue 5): their own table beside web_routes. */
extern const struct route	case_routes[];
extern const size_t		case_nroutes;

/*
 * Issue 6's pages, each file with its own table: the deadlines dashboard
 * and the clocks' forms (case_clocks.c), the 报送 (submissions.c), the
 * notices to users and downstream vendors (case_unotices.c).
 */
extern const struct route	clock_web_routes[];
extern const size_t		clock_web_nroutes;
extern const struct route	submission_web_routes[];
extern const size_t		submission_web_nroutes;
extern const struct route	unotice_web_routes[];
extern const size_t		unotice_web_nroutes;
/* The public site (public.c, issue 7): advisories, the feed, security.txt, CSAF. */
extern const struct route	public_web_routes[];
extern const size_t		public_web_nroutes;
/* The staff's advisory pages (advisories.c, issue 7): queue, editor, review, windows. */
extern const struct route	advisory_web_routes[];
extern const size_t		advisory_web_nroutes;
/* A case's Art. 9 records, major-event windows, the gate's log (disclosure.c). */
extern const struct route	disclosure_web_routes[];
extern const size_t		disclosure_web_nroutes;
/* Complaints (举报, complaints.c, issue 8): the public form and the registry's pages. */
extern const struct route	complaint_web_routes[];
extern const size_t		complaint_web_nroutes;
/* 备案 (issue 8): the registry's pages (filings.c) and the platform's (pfiling.c). */
extern const struct route	filing_web_routes[];
extern const size_t		filing_web_nroutes;
extern const struct route	pfiling_web_routes[];
extern const size_t		pfiling_web_nroutes;
/* Support units, statistics, warnings, disputes (issue 9, R40; registry role). */
extern const struct route	unit_web_routes[];
extern const size_t		unit_web_nroutes;
extern const struct route	stats_web_routes[];
extern const size_t		stats_web_nroutes;
extern const struct route	warning_web_routes[];
extern const size_t		warning_web_nroutes;
extern const struct route	dispute_web_routes[];
extern const size_t		dispute_web_nroutes;

#endif
