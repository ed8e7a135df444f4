#ifndef LOUDONG_DOMAIN_IDS_H
#define LOUDONG_DOMAIN_IDS_H

/*
 * Identifiers other libraries give a vulnerability (R38): CVE, CNVD,
 * CNVD-C, CNNVD, GHSA and OSV ids.  Wherever a related id is entered it is
 * classified and checked here; an id of a scheme not listed is kept as an
 * opaque (scheme, value) pair.  Pure: no I/O, no allocation.
 */
#include <stdbool.h>
#include <stddef.h>

enum xid_scheme {
	XID_CVE,	/* ^CVE-\d{4}-\d{4,}$ */
	XID_CNVD,	/* ^CNVD-\d{4}-\d{5}$ */
	XID_CNVD_C,	/* ^CNVD-C-\d{4}-\d+$ */
	XID_CNNVD,	/* ^CNNVD-\d{6}-\d{3,}$ (year and month, then a sequence) */
	XID_GHSA,	/* ^GHSA(-[23456789cfghjmpqrvwx]{4}){3}$ */
	XID_OSV,	/* an OSV database id: PREFIX-ENTRY (GO-2022-0001, PYSEC-…, RUSTSEC-…) */
	XID_OTHER,	/* any other scheme: opaque */
	XID__NSCHEMES
};

#define XID_SCHEME_MAX	32	/* an opaque scheme name, with the NUL */
#define XID_VALUE_MAX	128	/* an id, with the NUL */

/* Why an id was refused. */
enum xid_problem {
	XID_OK,
	XID_ERR_EMPTY,		/* no value */
	XID_ERR_TOO_LONG,	/* value or scheme too long */
	XID_ERR_FORMAT,		/* the scheme is known and the value does not match it */
	XID_ERR_SCHEME,		/* an opaque scheme name that is not [A-Za-z0-9._-]+ */
	XID_ERR_CHARS,		/* control characters or spaces in an opaque value */
	XID__NPROBLEMS
};

/*
 * Classify and check one id.  scheme may be NULL or "" (then the scheme
 * is recognised from the value's form; a value that matches none is
 * XID_OTHER with scheme_out taken from the part before its first '-', or
 * refused with XID_ERR_FORMAT when it looks like a known scheme, e.g.
 * "CVE-24-1"), or a scheme name (case-insensitive: "cve", "CNVD-C", "osv",
 * or any other, which makes the pair opaque).  On success *kind is set and
 * scheme_out holds the canonical scheme name ("CVE", "CNVD", "CNVD-C",
 * "CNNVD", "GHSA", "OSV", or the opaque name as given).
 */
enum xid_problem xid_check(const char *scheme, const char *value, enum xid_scheme *kind,
		    char scheme_out[XID_SCHEME_MAX]);

/* "CVE", "CNVD", "CNVD-C", "CNNVD", "GHSA", "OSV", "other". */
const char	*xid_scheme_name(enum xid_scheme s);
/* "empty", "too_long", "format", "scheme", "chars". */
const char	*xid_problem_code(enum xid_problem p);

#endif
