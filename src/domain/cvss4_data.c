/* Placeholder: replaced by the generated CVSS v4.0 tables. */
#include "domain/cvss_int.h"
