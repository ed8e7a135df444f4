/* Placeholder: replaced by the CVSS v2/v3 implementation. */
#include "domain/cvss_int.h"

const char *
cvss_version_name(enum cvss_version v)
{
	static const char *const names[] = { "2.0", "3.0", "3.1", "4.0" };

	return (unsigned)v < CVSS__NVERSIONS ? names[v] : "";
}
