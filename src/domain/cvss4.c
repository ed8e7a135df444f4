/* Placeholder: replaced by the CVSS v4.0 implementation. */
#include "domain/cvss_int.h"

int
cvss4_parse(const char *vector, struct cvss *out, struct cvss_error *err)
{
	(void)vector;
	(void)out;
	err->problem = CVSS_ERR_PREFIX;
	return -1;
}
