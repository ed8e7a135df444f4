/*
 * The disclosure gate (Art. 9): see policy.h for the rules by action.
 */
#include "domain/policy.h"

#include <string.h>

#include "core/str.h"

static const char *const action_names[PACT__MAX] = {
	[PACT_PUBLISH] = "publish",
	[PACT_RELEASE] = "release",
	[PACT_SCHEDULE] = "schedule",
	[PACT_FEED] = "feed",
	[PACT_EXPORT] = "export",
	[PACT_READ] = "read",
	[PACT_MAIL] = "mail",
	[PACT_INVITE] = "invite",
	[PACT_FEDERATE] = "federate",
};

const char *
policy_action_name(enum policy_action a)
{
	return (unsigned)a < PACT__MAX ? action_names[a] : "?";
}

int
policy_action_parse(const char *text)
{
	for (int i = 0; text != NULL && i < PACT__MAX; i++)
		if (strcmp(text, action_names[i]) == 0)
			return i;
	return -1;
}

/* Does the comma-separated list contain item (ASCII case-insensitive, blanks trimmed)? */
static bool
list_has(const char *list, const char *item)
{
	struct str rest = str_from(list != NULL ? list : "");

	if (item == NULL || *item == '\0')
		return false;
	while (rest.n > 0)
		if (str_caseeq(str_trim(str_split(&rest, ',')), item))
			return true;
	return false;
}

bool
policy_country_in(const char *country, const char *list)
{
	if (country == NULL || strlen(country) != 2)
		return false;
	return list_has(list, country);
}

bool
policy_window_covers(const struct policy_window *w, const struct policy_subject *s,
    int64_t now)
{
	const char *p;

	if (now < w->starts_at || now >= w->ends_at)
		return false;
	if (w->scope == NULL)
		return true;
	for (p = w->scope; *p == ' ' || *p == '\t' || *p == ','; p++)
		;
	if (*p == '\0')
		return true;
	for (size_t i = 0; i < s->nscope_keys; i++)
		if (list_has(w->scope, s->scope_keys[i]))
			return true;
	return false;
}

static bool
consented(const struct policy_subject *s, const struct policy_window *w)
{
	for (size_t i = 0; i < s->nconsents; i++) {
		const char *scope = s->consents[i].scope;

		if (scope == NULL || *scope == '\0' || strcmp(scope, w->name) == 0)
			return true;
	}
	return false;
}

static struct policy_decision
deny(const char *rule, enum msg_id msg)
{
	struct policy_decision d = { .allow = false, .rule = rule, .msg = msg };

	return d;
}

/* 9(6): the first active window covering s without a consent, or NULL. */
static const struct policy_window *
holding_window(const struct policy_subject *s, int64_t now)
{
	for (size_t i = 0; i < s->nwindows; i++) {
		const struct policy_window *w = &s->windows[i];

		if (policy_window_covers(w, s, now) && !consented(s, w))
			return w;
	}
	return NULL;
}

static bool
is_provider(const struct policy_subject *s, const char *org)
{
	if (org == NULL || *org == '\0')
		return false;
	for (size_t i = 0; i < s->nproviders; i++)
		if (strcmp(s->providers[i], org) == 0)
			return true;
	return false;
}

struct policy_decision
policy_check(enum policy_action action, const struct policy_subject *s,
    const struct policy_recipient *r, int64_t now)
{
	struct policy_decision ok = { .allow = true, .msg = MSG_OK };
	const struct policy_window *w;

	switch (action) {
	case PACT_PUBLISH:
	case PACT_RELEASE:
		if (s->kind == CKIND_INCIDENT)
			return deny("Art. 9(2)", MSG_POLICY_9_2);
		if (s->exploit_attached)
			return deny("Art. 9(4)", MSG_POLICY_9_4);
		if (!s->fix_available && !(s->joint_assessment && s->authority_report &&
		    s->authority_outcome))
			return deny("Art. 9(1)", MSG_POLICY_9_1);
		if (!s->has_remediation)
			return deny("Art. 9(5)", MSG_POLICY_9_5);
		if ((w = holding_window(s, now)) != NULL) {
			struct policy_decision d = deny("Art. 9(6)", MSG_POLICY_9_6);

			d.window = w;
			d.retry_at = w->ends_at;
			return d;
		}
		return ok;
	case PACT_SCHEDULE:
		/*
		 * Planning is allowed whatever the time: the rules are checked
		 * again when it comes due (PACT_RELEASE), and a window then
		 * holds it.  Only what can never become publishable is refused
		 * now.
		 */
		if (s->kind == CKIND_INCIDENT)
			return deny("Art. 9(2)", MSG_POLICY_9_2);
		if (s->exploit_attached)
			return deny("Art. 9(4)", MSG_POLICY_9_4);
		if (!s->has_remediation)
			return deny("Art. 9(5)", MSG_POLICY_9_5);
		return ok;
	case PACT_FEED:
		if (s->kind == CKIND_INCIDENT)
			return deny("Art. 9(2)", MSG_POLICY_9_2);
		if (s->exploit_attached)
			return deny("Art. 9(4)", MSG_POLICY_9_4);
		if (!s->disclosed)
			return deny("Art. 9(1)", MSG_POLICY_NOT_PUBLISHED);
		return ok;
	case PACT_EXPORT:
		if (r != NULL && r->kind == PREC_PUBLIC)
			return policy_check(PACT_FEED, s, r, now);
		/* FALLTHROUGH */
	case PACT_READ:
	case PACT_MAIL:
	case PACT_INVITE:
	case PACT_FEDERATE:
		if (s->disclosed)
			return ok;
		if (r == NULL)
			return deny("Art. 9(7)", MSG_POLICY_9_7_UNKNOWN);
		if (r->kind == PREC_LOCAL)
			return ok;
		if (r->kind == PREC_PUBLIC)
			return deny("Art. 9(1)", MSG_POLICY_NOT_PUBLISHED);
		if (r->country == NULL || strlen(r->country) != 2)
			return is_provider(s, r->org_slug) ? ok :
			    deny("Art. 9(7)", MSG_POLICY_9_7_UNKNOWN);
		if (policy_country_in(r->country, r->domestic))
			return ok;
		if (is_provider(s, r->org_slug))
			return ok;
		return deny("Art. 9(7)", MSG_POLICY_9_7);
	case PACT__MAX:
		break;
	}
	return deny("policy", MSG_POLICY_UNKNOWN_ACTION);
}
