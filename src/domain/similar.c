/* Placeholder: replaced by the likely-duplicate scoring. */
#include "domain/similar.h"

const char *
similar_reason_name(enum similar_reason r)
{
	static const char *const names[SIM__MAX] = { "same_product", "same_versions",
	    "shared_id", "similar_title" };

	return (unsigned)r < SIM__MAX ? names[r] : "?";
}
