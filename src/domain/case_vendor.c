/* Vendors in a case: statuses, VEX justifications, who may say what. */
#include <string.h>

#include "core/str.h"
#include "domain/case.h"
#include "domain/user.h"

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

static const char *const party_names[PARTY__MAX] = {
	"user", "provider", "operator", "repository_org", "emergency_org", "reporter",
};
static const char *const vrole_names[VROLE__MAX] = { "vendor", "upstream", "downstream" };
static const char *const prole_names[PROLE__MAX] = { "reporter", "coordinator", "observer" };

const char *
party_type_name(enum party_type t)
{
	return (unsigned)t < PARTY__MAX ? party_names[t] : "?";
}

int
party_type_parse(const char *text)
{
	return text == NULL ? -1 : str_index(party_names, PARTY__MAX, str_from(text));
}

const char *
vendor_role_name(enum vendor_role r)
{
	return (unsigned)r < VROLE__MAX ? vrole_names[r] : "?";
}

int
vendor_role_parse(const char *text)
{
	return text == NULL ? -1 : str_index(vrole_names, VROLE__MAX, str_from(text));
}

const char *
participant_role_name(enum participant_role r)
{
	return (unsigned)r < PROLE__MAX ? prole_names[r] : "?";
}

int
participant_role_parse(const char *text)
{
	return text == NULL ? -1 : str_index(prole_names, PROLE__MAX, str_from(text));
}

enum party_type
party_type_of_org_kind(int org_kind)
{
	switch (org_kind) {
	case ORG_OPERATOR:
		return PARTY_OPERATOR;
	case ORG_PLATFORM:
	case ORG_AUTHORITY:
		return PARTY_REPOSITORY_ORG;
	case ORG_SUPPORT_UNIT:
		return PARTY_EMERGENCY_ORG;
	default:
		return PARTY_PROVIDER;
	}
}

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
