/*
 * The 报送 record: its fields, their checks and the states of a 报送
 * (domain/submission.h).  Pure: no I/O.
 */
#include <string.h>

#include "core/calendar.h"
#include "core/str.h"
#include "core/utf8.h"
#include "domain/submission.h"
#include "domain/user.h"

#define LINE	256
#define TEXT	(16 * 1024)

const struct sub_field_def sub_fields[SF__MAX] = {
	[SF_NAME] = { "name", SFT_LINE, LINE, true, NULL, MSG_SF_NAME },
	[SF_PRODUCT_NAME] = { "product_name", SFT_LINE, LINE, true, NULL, MSG_SF_PRODUCT_NAME },
	[SF_PRODUCT_MODEL] = { "product_model", SFT_LINE, LINE, true, NULL, MSG_SF_PRODUCT_MODEL },
	[SF_PRODUCT_VERSIONS] = { "product_versions", SFT_LINE, 512, true, NULL,
	    MSG_SF_PRODUCT_VERSIONS },
	[SF_TECHNICAL] = { "technical_characteristics", SFT_TEXT, TEXT, true, NULL,
	    MSG_SF_TECHNICAL },
	[SF_HARM] = { "harm", SFT_TEXT, TEXT, true, NULL, MSG_SF_HARM },
	[SF_IMPACT_SCOPE] = { "impact_scope", SFT_TEXT, TEXT, true, NULL, MSG_SF_IMPACT_SCOPE },
	[SF_VENDOR] = { "vendor", SFT_LINE, LINE, false, NULL, MSG_SF_VENDOR },
	[SF_CATEGORY] = { "category", SFT_LINE, LINE, false, NULL, MSG_SF_CATEGORY },
	[SF_GRADE] = { "grade", SFT_ENUM, 16, false, "critical|high|medium|low", MSG_SF_GRADE },
	[SF_CVSS] = { "cvss", SFT_TEXT, 1024, false, NULL, MSG_SF_CVSS },
	[SF_CWE] = { "cwe", SFT_LINE, 64, false, NULL, MSG_SF_CWE },
	[SF_AFFECTED_VERSIONS] = { "affected_versions", SFT_TEXT, 2048, false, NULL,
	    MSG_SF_AFFECTED_VERSIONS },
	[SF_DISCOVERED_AT] = { "discovered_at", SFT_DATE, 10, false, NULL, MSG_SF_DISCOVERED_AT },
	[SF_KNOWN_AT] = { "known_at", SFT_TIME, 32, false, NULL, MSG_SF_KNOWN_AT },
	[SF_REPORTER_ORG] = { "reporter_org", SFT_LINE, LINE, false, NULL, MSG_SF_REPORTER_ORG },
	[SF_REPORTER_ROLE] = { "reporter_role", SFT_ENUM, 16, false, "provider|platform|individual",
	    MSG_SF_REPORTER_ROLE },
	[SF_CONTACT_NAME] = { "contact_name", SFT_LINE, 128, false, NULL, MSG_SF_CONTACT_NAME },
	[SF_CONTACT_PHONE] = { "contact_phone", SFT_LINE, 64, false, NULL, MSG_SF_CONTACT_PHONE },
	[SF_CONTACT_EMAIL] = { "contact_email", SFT_EMAIL, 254, false, NULL, MSG_SF_CONTACT_EMAIL },
	[SF_VERIFICATION] = { "verification", SFT_TEXT, TEXT, false, NULL, MSG_SF_VERIFICATION },
	[SF_REMEDIATION_STATUS] = { "remediation_status", SFT_ENUM, 16,
	    false, "none|in_progress|fix_available|fixed", MSG_SF_REMEDIATION_STATUS },
	[SF_REMEDIATION_PLAN] = { "remediation_plan", SFT_TEXT, TEXT, false, NULL,
	    MSG_SF_REMEDIATION_PLAN },
	[SF_USER_NOTIFICATION] = { "user_notification", SFT_ENUM, 16, false,
	    "not_started|in_progress|done", MSG_SF_USER_NOTIFICATION },
	[SF_UPSTREAM] = { "upstream_component", SFT_LINE, 512, false, NULL, MSG_SF_UPSTREAM },
	[SF_RELATED_IDS] = { "related_ids", SFT_LINE, 1024, false, NULL, MSG_SF_RELATED_IDS },
	[SF_TARGET_LIBRARY] = { "target_library", SFT_ENUM, 16, false,
	    "CNVDB|CICSVD|CAPPVD|CAVD|OTHER", MSG_SF_TARGET_LIBRARY },
	[SF_FORWARD_TO] = { "forward_to", SFT_LIST, 512, false, NULL, MSG_SF_FORWARD_TO },
	/* Bytes here (4 per character at most); appinfo_check counts the characters. */
	[SF_APP_NAME] = { "app_name", SFT_LINE, 4 * APP_NAME_MAX, false, NULL, MSG_APP_F_NAME },
	[SF_APP_PACKAGE] = { "app_package", SFT_LINE, APP_PACKAGE_MAX, false, NULL,
	    MSG_APP_F_PACKAGE },
	[SF_APP_VERSION] = { "app_version", SFT_LINE, 4 * APP_VERSION_MAX, false, NULL,
	    MSG_APP_F_VERSION },
	[SF_APP_PLATFORM] = { "app_platform", SFT_ENUM, 32, false,
	    "android|ios|harmonyos|miniprogram|official_account|quickapp", MSG_APP_F_PLATFORM },
	[SF_APP_STORE] = { "app_store", SFT_LINE, 4 * APP_STORE_MAX, false, NULL,
	    MSG_APP_F_STORE },
	[SF_APP_DEVELOPER] = { "app_developer", SFT_LINE, 4 * APP_DEVELOPER_MAX, false, NULL,
	    MSG_APP_F_DEVELOPER },
};

int
sub_app_field(enum sub_field f)
{
	return f >= SF_APP_NAME && f < SF__MAX ? (int)(f - SF_APP_NAME) : -1;
}

static const char *const state_names[SUB__MAX] = {
	"draft", "queued", "sent", "accepted", "rejected", "waived",
};

int
sub_field_parse(struct str key)
{
	int	i;

	for (i = 0; i < SF__MAX; i++)
		if (str_eq(key, sub_fields[i].key))
			return i;
	return -1;
}

const char *
sub_state_name(enum sub_state s)
{
	return (unsigned)s < SUB__MAX ? state_names[s] : "?";
}

int
sub_state_parse(struct str s)
{
	return str_index(state_names, SUB__MAX, s);
}

bool
sub_can_edit(enum sub_state s)
{
	return s == SUB_DRAFT || s == SUB_REJECTED;
}

bool
sub_can_send(enum sub_state s)
{
	return s == SUB_DRAFT || s == SUB_REJECTED || s == SUB_QUEUED;
}

bool
sub_can_waive(enum sub_state s)
{
	return s != SUB_ACCEPTED && s != SUB_WAIVED;
}

bool
sub_allows_close(enum sub_state s)
{
	return s == SUB_ACCEPTED || s == SUB_WAIVED;
}

/* Whether w is one of the '|'-separated words. */
static bool
one_of(struct str w, const char *words)
{
	struct str	rest = str_from(words), t;

	while (rest.n > 0) {
		t = str_split(&rest, '|');
		if (t.n == w.n && memcmp(t.p, w.p, w.n) == 0)
			return true;
	}
	return false;
}

/* A list item: 1..32 of letters, digits, '-', '_'. */
static bool
list_word(struct str w)
{
	size_t	i;

	if (w.n == 0 || w.n > 32)
		return false;
	for (i = 0; i < w.n; i++) {
		char	ch = w.p[i];

		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || ch == '-' || ch == '_'))
			return false;
	}
	return true;
}

/* Two ASCII digits at p making a number from 0 to max. */
static bool
two_digits(const char *p, int max)
{
	if (p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9')
		return false;
	return (p[0] - '0') * 10 + (p[1] - '0') <= max;
}

/* RFC 3339 date-time: YYYY-MM-DDTHH:MM:SS(.frac)?(Z|±HH:MM). */
static bool
rfc3339(struct str s)
{
	int64_t	day;
	size_t	i = 19;

	if (s.n < 20 || date_parse(s.p, 10, &day) != 0 || (s.p[10] != 'T' && s.p[10] != 't') ||
	    s.p[13] != ':' || s.p[16] != ':' || !two_digits(s.p + 11, 23) ||
	    !two_digits(s.p + 14, 59) || !two_digits(s.p + 17, 60))
		return false;
	if (s.p[i] == '.') {
		for (i++; i < s.n && s.p[i] >= '0' && s.p[i] <= '9'; i++)
			;
		if (i == 20)
			return false;
	}
	if (i + 1 == s.n && (s.p[i] == 'Z' || s.p[i] == 'z'))
		return true;
	if (i + 6 != s.n || (s.p[i] != '+' && s.p[i] != '-') || s.p[i + 3] != ':')
		return false;
	return two_digits(s.p + i + 1, 23) && two_digits(s.p + i + 4, 59);
}

bool
sub_list_has(const char *list, const char *name)
{
	struct str	rest = str_from(list != NULL ? list : ""), t;

	while (rest.n > 0) {
		t = str_trim(str_split(&rest, ','));
		if (str_eq(t, name))
			return true;
	}
	return false;
}

/* The problem with one field's value, or MSG_OK. */
static enum msg_id
check_one(const struct sub_field_def *d, struct str v)
{
	struct str	rest, t;
	int64_t		day;
	size_t		i;

	if (v.n > d->max)
		return MSG_ERR_FIELD_TOO_LONG;
	if (!utf8_valid(v.p, v.n))
		return MSG_ERR_FIELD_ENCODING;
	for (i = 0; i < v.n; i++) {
		unsigned char	ch = (unsigned char)v.p[i];

		if ((ch < 0x20 && !(d->type == SFT_TEXT && (ch == '\n' || ch == '\r' ||
		    ch == '\t'))) || ch == 0x7f)
			return MSG_ERR_FIELD_ENCODING;
	}
	if (v.n == 0)
		return MSG_OK;
	switch (d->type) {
	case SFT_LINE:
	case SFT_TEXT:
		return MSG_OK;
	case SFT_ENUM:
		return one_of(v, d->words) ? MSG_OK : MSG_ERR_FIELD_CHOICE;
	case SFT_DATE:
		return v.n == 10 && date_parse(v.p, v.n, &day) == 0 ? MSG_OK : MSG_ERR_SUB_DATE;
	case SFT_TIME:
		return rfc3339(v) ? MSG_OK : MSG_ERR_SUB_TIME;
	case SFT_EMAIL:
		return user_email_check(v);
	case SFT_LIST:
		rest = v;
		while (rest.n > 0) {
			t = str_trim(str_split(&rest, ','));
			if (!list_word(t))
				return MSG_ERR_SUB_LIST;
		}
		return MSG_OK;
	}
	return MSG_ERR_FIELD_CHOICE;
}

/* Nothing but spaces, tabs and line breaks. */
static bool
blank(struct str s)
{
	size_t	i;

	for (i = 0; i < s.n; i++)
		if (s.p[i] != ' ' && s.p[i] != '\t' && s.p[i] != '\r' && s.p[i] != '\n')
			return false;
	return true;
}

/*
 * The app fields' own rules (characters, the package's form on its
 * platform), for the fields that have no problem yet.
 */
static void
app_check(const char *const v[SF__MAX], struct sub_problem out[SF__MAX], size_t *n)
{
	struct appinfo		app;
	struct app_problem	ap[AF__MAX];
	size_t			na, i, j;
	enum sub_field		f;

	for (i = 0; i < AF__MAX; i++)
		app.v[i] = v[SF_APP_NAME + i];
	na = appinfo_check(&app, ap);
	for (i = 0; i < na; i++) {
		f = (enum sub_field)(SF_APP_NAME + ap[i].field);
		for (j = 0; j < *n && out[j].field != f; j++)
			;
		if (j == *n)
			out[(*n)++] = (struct sub_problem){ f, ap[i].msg };
	}
}

bool
sub_check(const char *const v[SF__MAX], const char *required,
    struct sub_problem out[SF__MAX], size_t *n)
{
	enum msg_id	m;
	struct str	s;
	int		i;

	*n = 0;
	for (i = 0; i < SF__MAX; i++) {
		s = str_from(v[i] != NULL ? v[i] : "");
		m = check_one(&sub_fields[i], s);
		if (m == MSG_OK && blank(s) && (sub_fields[i].legal ||
		    (required != NULL && sub_list_has(required, sub_fields[i].key))))
			m = MSG_ERR_FIELD_MISSING;
		if (m != MSG_OK)
			out[(*n)++] = (struct sub_problem){ (enum sub_field)i, m };
	}
	app_check(v, out, n);
	return *n == 0;
}

bool
sub_fields_known(const char *list, struct str *bad)
{
	struct str	rest = str_from(list), t;

	while (rest.n > 0) {
		t = str_trim(str_split(&rest, ','));
		if (t.n > 0 && sub_field_parse(t) < 0) {
			if (bad != NULL)
				*bad = t;
			return false;
		}
	}
	return true;
}
