/* Placeholder: replaced by the identifier checks. */
#include "domain/ids.h"

const char *
xid_scheme_name(enum xid_scheme s)
{
	static const char *const names[] = { "CVE", "CNVD", "CNVD-C", "CNNVD", "GHSA", "OSV",
	    "other" };

	return (unsigned)s < XID__NSCHEMES ? names[s] : "";
}
