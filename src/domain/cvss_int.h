#ifndef LOUDONG_DOMAIN_CVSS_INT_H
#define LOUDONG_DOMAIN_CVSS_INT_H

/*
 * Inside domain/cvss: cvss.c parses the prefix, checks length and syntax
 * common to all versions, scores v2 and v3.x, and hands v4.0 to cvss4.c.
 */
#include "domain/cvss.h"

/*
 * v4.0.  vector is the whole string, "CVSS:4.0/" included; it is at most
 * CVSS_VECTOR_MAX - 1 bytes and not empty.  Fills out->vector (normalised),
 * score, severity, nomenclature and version; 0, or -1 with *err set.
 */
int	cvss4_parse(const char *vector, struct cvss *out, struct cvss_error *err);

#endif
