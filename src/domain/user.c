#include <string.h>

#include "core/utf8.h"
#include "domain/user.h"

static const char *const role_names[UROLE__MAX] = {
	"reporter",	/* UROLE_REPORTER */
	"triager",	/* UROLE_TRIAGER */
	"coordinator",	/* UROLE_COORDINATOR */
	"vendor",	/* UROLE_VENDOR */
	"regulator",	/* UROLE_REGULATOR */
	"auditor",	/* UROLE_AUDITOR */
	"admin",	/* UROLE_ADMIN */
};

static const char *const kind_names[ORG__MAX] = {
	"provider",	/* ORG_PROVIDER */
	"operator",	/* ORG_OPERATOR */
	"platform",	/* ORG_PLATFORM */
	"authority",	/* ORG_AUTHORITY */
	"support_unit",	/* ORG_SUPPORT_UNIT */
};

/*
 * The officially assigned ISO 3166-1 alpha-2 codes (249), sorted.  Used for
 * an organisation's jurisdiction, which the 境外 rule of Art. 9(7) reads.
 */
static const char iso3166[] =
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI "
    "BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN "
    "CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK "
    "FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM "
    "HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN "
    "KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK "
    "ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP "
    "NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW "
    "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF "
    "TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI "
    "VN VU WF WS YE YT ZA ZM ZW";

const char *
user_role_name(enum user_role r)
{
	return (unsigned)r < UROLE__MAX ? role_names[r] : "?";
}

int
user_role_parse(struct str s)
{
	return str_index(role_names, UROLE__MAX, s);
}

const char *
org_kind_name(enum org_kind k)
{
	return (unsigned)k < ORG__MAX ? kind_names[k] : "?";
}

int
org_kind_parse(struct str s)
{
	return str_index(kind_names, ORG__MAX, s);
}

static bool
is_lower_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

enum msg_id
user_login_check(struct str s)
{
	size_t	i;

	if (s.n < 3 || s.n > 32 || !is_lower_alnum(s.p[0]))
		return MSG_ERR_LOGIN_FORMAT;
	for (i = 1; i < s.n; i++)
		if (!is_lower_alnum(s.p[i]) && s.p[i] != '.' && s.p[i] != '_' &&
		    s.p[i] != '-')
			return MSG_ERR_LOGIN_FORMAT;
	return MSG_OK;
}

enum msg_id
user_email_check(struct str s)
{
	const char	*at;
	size_t		 i, local, dot = 0;

	if (s.n == 0)
		return MSG_OK;
	if (s.n > 254 || (at = memchr(s.p, '@', s.n)) == NULL)
		return MSG_ERR_EMAIL_FORMAT;
	local = (size_t)(at - s.p);
	if (local == 0 || local > 64 || local + 1 >= s.n)
		return MSG_ERR_EMAIL_FORMAT;
	for (i = 0; i < s.n; i++) {
		unsigned char c = (unsigned char)s.p[i];

		/* Printable ASCII without the characters that break headers. */
		if (c <= 0x20 || c >= 0x7f || c == '<' || c == '>' || c == '(' ||
		    c == ')' || c == ',' || c == ';' || c == '"' || c == '\\')
			return MSG_ERR_EMAIL_FORMAT;
		if (c == '@' && i != local)
			return MSG_ERR_EMAIL_FORMAT;
		if (c == '.' && i > local)
			dot = i;
	}
	/* The domain needs a dot, not first or last, and no empty labels. */
	if (dot == 0 || s.p[local + 1] == '.' || s.p[s.n - 1] == '.')
		return MSG_ERR_EMAIL_FORMAT;
	for (i = local + 1; i + 1 < s.n; i++)
		if (s.p[i] == '.' && s.p[i + 1] == '.')
			return MSG_ERR_EMAIL_FORMAT;	/* an empty label */
	return MSG_OK;
}

/* Well-formed UTF-8, no C0/DEL controls, between lo and hi code points. */
static bool
text_ok(struct str s, size_t lo, size_t hi)
{
	size_t	i, count;

	if (!utf8_valid(s.p, s.n))
		return false;
	for (i = 0; i < s.n; i++)
		if ((unsigned char)s.p[i] < 0x20 || s.p[i] == 0x7f)
			return false;
	count = utf8_count(s.p, s.n);
	if (count < lo || count > hi)
		return false;
	/* Not only spaces. */
	return str_trim(s).n > 0;
}

enum msg_id
user_display_name_check(struct str s)
{
	return text_ok(s, 1, 64) ? MSG_OK : MSG_ERR_NAME_FORMAT;
}

enum msg_id
user_password_check(struct str pw, int min_chars)
{
	if (pw.n > USER_PASSWORD_MAX_BYTES)
		return MSG_ERR_PASSWORD_LONG;
	if (!utf8_valid(pw.p, pw.n))
		return MSG_ERR_FIELD_ENCODING;
	if (utf8_count(pw.p, pw.n) < (size_t)min_chars)
		return MSG_ERR_PASSWORD_SHORT;
	return MSG_OK;
}

enum msg_id
org_slug_check(struct str s)
{
	size_t	i;

	if (s.n < 2 || s.n > 40 || s.p[0] == '-' || s.p[s.n - 1] == '-')
		return MSG_ERR_SLUG_FORMAT;
	for (i = 0; i < s.n; i++)
		if (!is_lower_alnum(s.p[i]) && s.p[i] != '-')
			return MSG_ERR_SLUG_FORMAT;
	return MSG_OK;
}

enum msg_id
org_name_check(struct str s)
{
	return text_ok(s, 1, 128) ? MSG_OK : MSG_ERR_ORG_NAME;
}

enum msg_id
org_country_check(struct str s)
{
	size_t	i;

	if (s.n != 2 || s.p[0] < 'A' || s.p[0] > 'Z' || s.p[1] < 'A' || s.p[1] > 'Z')
		return MSG_ERR_COUNTRY;
	for (i = 0; i + 1 < sizeof(iso3166); i += 3)
		if (iso3166[i] == s.p[0] && iso3166[i + 1] == s.p[1])
			return MSG_OK;
	return MSG_ERR_COUNTRY;
}
