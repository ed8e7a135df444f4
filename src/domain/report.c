#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/pack.h"
#include "core/parse.h"
#include "core/utf8.h"
#include "domain/assessment.h"
#include "domain/cvss.h"
#include "domain/report.h"

static const char *const kind_names[RKIND__MAX] = { "generic", "incident" };
static const char *const status_names[RSTATUS__MAX] = {
	"received", "acknowledged", "triage", "accepted", "duplicate", "rejected",
	"needs_info",
};
static const char *const credit_names[RCREDIT__MAX] = { "name", "alias", "anonymous" };
static const char *const channel_names[RCHAN__MAX] = { "web", "api", "email", "federation" };

const char *
report_kind_name(enum report_kind k)
{
	return (unsigned)k < RKIND__MAX ? kind_names[k] : "?";
}

int
report_kind_parse(struct str s)
{
	return str_index(kind_names, RKIND__MAX, s);
}

const char *
report_status_name(enum report_status s)
{
	return (unsigned)s < RSTATUS__MAX ? status_names[s] : "?";
}

int
report_status_parse(struct str s)
{
	return str_index(status_names, RSTATUS__MAX, s);
}

const char *
report_credit_name(enum report_credit c)
{
	return (unsigned)c < RCREDIT__MAX ? credit_names[c] : "?";
}

int
report_credit_parse(struct str s)
{
	return str_index(credit_names, RCREDIT__MAX, s);
}

const char *
report_channel_name(enum report_channel c)
{
	return (unsigned)c < RCHAN__MAX ? channel_names[c] : "?";
}

/*
 * Text rule: well-formed UTF-8, at most max characters, no C0 controls
 * except (when multiline) tab, CR and LF.  MSG_OK or why not.
 */
static enum msg_id
text_check(const char *s, size_t max, bool multiline, bool required)
{
	size_t	n, i;

	if (s == NULL || s[0] == '\0')
		return required ? MSG_ERR_FIELD_MISSING : MSG_OK;
	n = strlen(s);
	if (!utf8_valid(s, n))
		return MSG_ERR_FIELD_ENCODING;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == 0x7f || (c < 0x20 && !(multiline &&
		    (c == '\t' || c == '\n' || c == '\r'))))
			return MSG_ERR_FIELD_ENCODING;
	}
	if (utf8_count(s, n) > max)
		return MSG_ERR_FIELD_TOO_LONG;
	if (required && str_trim(str_from(s)).n == 0)
		return MSG_ERR_FIELD_MISSING;
	return MSG_OK;
}

/* YYYY-MM-DD, a real date from 1990 on. */
static bool
date_ok(const char *s)
{
	static const int	mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int64_t			y, m, d;
	int			max;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	if (parse_i64(s, 4, 1990, 9999, &y) != 0)
		return false;
	/* parse_i64 refuses leading zeros, so "01" is read digit by digit. */
	if (s[5] < '0' || s[5] > '1' || s[6] < '0' || s[6] > '9' ||
	    s[8] < '0' || s[8] > '3' || s[9] < '0' || s[9] > '9')
		return false;
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (m < 1 || m > 12 || d < 1)
		return false;
	max = mdays[m - 1];
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		max = 29;
	return d <= max;
}

static void
add(struct report_problem *out, int max, int *n, const char *field, enum msg_id m)
{
	if (m == MSG_OK || *n >= max)
		return;
	out[*n].field = field;
	out[*n].msg = m;
	out[*n].arg[0] = '\0';
	(*n)++;
}

int
report_check(const struct report *r, struct report_problem *out, int max)
{
	const struct report_details	*d = &r->details;
	int				 n = 0;

	add(out, max, &n, "title", text_check(r->title, REPORT_TITLE_MAX, false, true));
	add(out, max, &n, "vendor", text_check(r->vendor, REPORT_NAME_MAX, false, false));
	add(out, max, &n, "product", text_check(r->product, REPORT_NAME_MAX, false, true));
	add(out, max, &n, "model", text_check(r->model, REPORT_NAME_MAX, false, false));
	add(out, max, &n, "versions", text_check(r->versions, REPORT_VERSIONS_MAX, false, false));
	add(out, max, &n, "weakness", text_check(r->weakness, REPORT_SHORT_MAX, false, false));
	add(out, max, &n, "cvss_vector", text_check(r->cvss_vector, REPORT_SHORT_MAX, false, false));
	/* A vector given is scored later: it must be one (any version). */
	if (n < max && (n == 0 || strcmp(out[n - 1].field, "cvss_vector") != 0) &&
	    r->cvss_vector != NULL && r->cvss_vector[0] != '\0') {
		struct cvss		cv;
		struct cvss_error	e;
		char			arg[ASSESS_CVSS_ARG_MAX];

		memset(&e, 0, sizeof(e));
		if (cvss_parse(r->cvss_vector, &cv, &e) != 0) {
			add(out, max, &n, "cvss_vector", assessment_cvss_msg(&e, arg));
			snprintf(out[n - 1].arg, sizeof(out[n - 1].arg), "%s", arg);
		}
	}
	if ((unsigned)r->kind >= RKIND__MAX)
		add(out, max, &n, "kind", MSG_ERR_REPORT_KIND);
	if ((unsigned)r->credit >= RCREDIT__MAX)
		add(out, max, &n, "credit", MSG_ERR_REPORT_CREDIT);
	else if (r->credit == RCREDIT_ALIAS)
		add(out, max, &n, "credit_alias", text_check(r->credit_alias,
		    REPORT_ALIAS_MAX, false, true));
	else
		add(out, max, &n, "credit_alias", text_check(r->credit_alias,
		    REPORT_ALIAS_MAX, false, false));
	if (r->discovered_at != NULL && r->discovered_at[0] != '\0' &&
	    !date_ok(r->discovered_at))
		add(out, max, &n, "discovered_at", MSG_ERR_REPORT_DATE);
	add(out, max, &n, "description", text_check(d->description, REPORT_MD_MAX, true, true));
	add(out, max, &n, "reproduction", text_check(d->reproduction, REPORT_MD_MAX, true, false));
	add(out, max, &n, "impact", text_check(d->impact, REPORT_MD_MAX, true, false));
	add(out, max, &n, "suggested_fix", text_check(d->suggested_fix, REPORT_MD_MAX, true, false));
	add(out, max, &n, "vendor_contact", text_check(d->vendor_contact, REPORT_TEXT_MAX, true, false));
	add(out, max, &n, "disclosure_plan", text_check(d->disclosure_plan, REPORT_TEXT_MAX, true, false));
	/* The app it is in (issue 9): optional on every instance. */
	{
		struct app_problem	ap[AF__MAX];
		size_t			na = appinfo_check(&r->app, ap), i;

		for (i = 0; i < na; i++)
			add(out, max, &n, app_fields[ap[i].field].key, ap[i].msg);
	}
	return n;
}

enum msg_id
report_filename_check(struct str s)
{
	size_t	i;

	if (s.n == 0)
		return MSG_ERR_FIELD_MISSING;
	if (!utf8_valid(s.p, s.n) || utf8_count(s.p, s.n) > REPORT_FILENAME_MAX)
		return MSG_ERR_REPORT_FILENAME;
	for (i = 0; i < s.n; i++)
		if ((unsigned char)s.p[i] < 0x20 || s.p[i] == 0x7f || s.p[i] == '/' ||
		    s.p[i] == '\\')
			return MSG_ERR_REPORT_FILENAME;
	if (str_eq(s, ".") || str_eq(s, ".."))
		return MSG_ERR_REPORT_FILENAME;
	return MSG_OK;
}

void
report_id_format(char *out, size_t outsz, const char *prefix, int year, int64_t seq)
{
	snprintf(out, outsz, "%s-%04d-%06lld", prefix, year, (long long)seq);
}

bool
report_id_valid(struct str s)
{
	size_t	i = 0, dash = 0;

	if (s.n < 8 || s.n > 40)
		return false;
	/* PREFIX: uppercase letters and digits, 1..16 */
	while (i < s.n && ((s.p[i] >= 'A' && s.p[i] <= 'Z') ||
	    (s.p[i] >= '0' && s.p[i] <= '9')))
		i++;
	if (i == 0 || i > 16 || i >= s.n || s.p[i] != '-')
		return false;
	for (i++; i < s.n; i++) {
		if (s.p[i] == '-')
			dash++;
		else if (s.p[i] < '0' || s.p[i] > '9')
			return false;
	}
	return dash == 1;
}

unsigned char *
report_details_pack(struct arena *a, const struct report_details *d, size_t *len)
{
	/* The sealed order: never reorder, only append (with a new version). */
	const char *const	f[] = { d->description, d->reproduction, d->impact,
				    d->suggested_fix, d->vendor_contact, d->disclosure_plan };

	return pack_strings(a, f, 6, len);
}

int
report_details_unpack(struct arena *a, const unsigned char *p, size_t n,
    struct report_details *out)
{
	const char	*f[6];

	if (unpack_strings(a, p, n, f, 6) != 0)
		return -1;
	out->description = f[0];
	out->reproduction = f[1];
	out->impact = f[2];
	out->suggested_fix = f[3];
	out->vendor_contact = f[4];
	out->disclosure_plan = f[5];
	return 0;
}

int
report_id_year(int64_t t)
{
	struct tm	tm;
	time_t		tt = (time_t)(t + 8 * 3600);

	if (gmtime_r(&tt, &tm) == NULL)
		return 1970;
	return tm.tm_year + 1900;
}
