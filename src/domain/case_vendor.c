/* Vendors in a case: statuses, VEX justifications, who may say what. */
#include <string.h>

#include "core/str.h"
#include "domain/case.h"

static const char *const status_names[VSTATUS__MAX] = {
	"not_contacted", "notified", "unresponsive", "investigating", "affected",
	"not_affected", "fixed", "wont_fix",
};

/* The CSAF 2.0 VEX flag labels. */
static const char *const vex_names[VEX__MAX] = {
	"component_not_present", "vulnerable_code_not_present",
	"vulnerable_code_not_in_execute_path",
	"vulnerable_code_cannot_be_controlled_by_adversary",
	"inline_mitigations_already_exist",
};

const char *
vendor_status_name(enum vendor_status s)
{
	return (unsigned)s < VSTATUS__MAX ? status_names[s] : "?";
}

int
vendor_status_parse(const char *text)
{
	return text == NULL ? -1 : str_index(status_names, VSTATUS__MAX, str_from(text));
}

const char *
vex_justification_name(enum vex_justification j)
{
	return (unsigned)j < VEX__MAX ? vex_names[j] : "?";
}

int
vex_justification_parse(const char *text)
{
	return text == NULL ? -1 : str_index(vex_names, VEX__MAX, str_from(text));
}

enum msg_id
vendor_status_check(enum vendor_status s, bool coordinator, int justification,
    const char **field)
{
	*field = "status";
	if ((unsigned)s >= VSTATUS__MAX)
		return MSG_ERR_VENDOR_STATUS;
	/* Whether and when a vendor was reached is the coordinator's record. */
	if (!coordinator && (s == VSTATUS_NOT_CONTACTED || s == VSTATUS_NOTIFIED ||
	    s == VSTATUS_UNRESPONSIVE))
		return MSG_ERR_VENDOR_STATUS_ROLE;
	if (s == VSTATUS_NOT_AFFECTED && (justification < 0 || justification >= VEX__MAX)) {
		*field = "justification";
		return MSG_ERR_VEX_JUSTIFICATION;
	}
	*field = NULL;
	return MSG_OK;
}
