/*
 * Identifiers of other vulnerability libraries (R38).  Each scheme's
 * regular expression is matched by hand: the patterns are short and fixed,
 * and a regex library would be one more parser of untrusted input.  \d is
 * ASCII 0-9 only, as in R38's (PCRE, non-Unicode) expressions.
 */
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "core/utf8.h"
#include "domain/ids.h"

static const char *const scheme_names[XID__NSCHEMES] = {
	"CVE",		/* XID_CVE */
	"CNVD",		/* XID_CNVD */
	"CNVD-C",	/* XID_CNVD_C */
	"CNNVD",	/* XID_CNNVD */
	"GHSA",		/* XID_GHSA */
	"OSV",		/* XID_OSV */
	"other",	/* XID_OTHER */
};

static const char *const problem_codes[XID__NPROBLEMS] = {
	"ok",		/* XID_OK */
	"empty",	/* XID_ERR_EMPTY */
	"too_long",	/* XID_ERR_TOO_LONG */
	"format",	/* XID_ERR_FORMAT */
	"scheme",	/* XID_ERR_SCHEME */
	"chars",	/* XID_ERR_CHARS */
};

/*
 * The OSV schema's "home database identifier prefixes" ($defs.prefix in
 * validation/schema.json of ossf/osv-schema @51b8156, also listed at
 * https://ossf.github.io/osv-schema/#id-modified-fields), case-sensitive as
 * there.  An OSV id is PREFIX-ENTRY; the schema leaves ENTRY to each
 * database.  Update this table when the schema adds a database.
 */
static const char *const osv_prefixes[] = {
	"ASB-A", "PUB-A", "ALPINE", "ALSA", "ALBA", "ALEA", "AZL", "BELL", "BIT", "CGA",
	"CLEANSTART", "CLSA", "CURL", "CVE", "DEBIAN", "DHI", "DRUPAL", "DSA", "DLA",
	"ELA", "DTSA", "ECHO", "EEF", "FreeBSD", "GHSA", "GO", "GSD", "HSEC", "JLSEC",
	"KUBE", "LBSEC", "LSN", "MAL", "MINI", "MGASA", "OESA", "OSEC", "OSV",
	"openSUSE-SU", "PHSA", "PSF", "PYSEC", "RHBA", "RHEA", "RHSA", "RLSA", "RXSA",
	"RSEC", "ROOT", "RUSTSEC", "SUSE-SU", "SUSE-RU", "SUSE-FU", "SUSE-OU", "UBUNTU",
	"USN", "V8",
};

/* The schema's prefix for unofficial databases ("x_NAME-ENTRY"). */
#define OSV_PRIVATE	"x_"

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_alpha(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static bool
is_alnum(char c)
{
	return is_digit(c) || is_alpha(c);
}

/* Exactly n digits at s[*i]; advances *i. */
static bool
digits(const char *s, size_t len, size_t *i, size_t n)
{
	size_t	k;

	for (k = 0; k < n; k++)
		if (*i + k >= len || !is_digit(s[*i + k]))
			return false;
	*i += n;
	return true;
}

/* At least min digits running to the end of s. */
static bool
digits_to_end(const char *s, size_t len, size_t i, size_t min)
{
	if (len < i || len - i < min)
		return false;
	for (; i < len; i++)
		if (!is_digit(s[i]))
			return false;
	return true;
}

/* The literal lit at s[*i]; advances *i. */
static bool
lit(const char *s, size_t len, size_t *i, const char *l)
{
	size_t	n = strlen(l);

	if (len - *i < n || memcmp(s + *i, l, n) != 0)
		return false;
	*i += n;
	return true;
}

/* ^CVE-\d{4}-\d{4,}$ */
static bool
match_cve(const char *s, size_t n)
{
	size_t	i = 0;

	return lit(s, n, &i, "CVE-") && digits(s, n, &i, 4) && lit(s, n, &i, "-") &&
	    digits_to_end(s, n, i, 4);
}

/* ^CNVD-\d{4}-\d{5}$ */
static bool
match_cnvd(const char *s, size_t n)
{
	size_t	i = 0;

	return lit(s, n, &i, "CNVD-") && digits(s, n, &i, 4) && lit(s, n, &i, "-") &&
	    digits(s, n, &i, 5) && i == n;
}

/* ^CNVD-C-\d{4}-\d+$ */
static bool
match_cnvd_c(const char *s, size_t n)
{
	size_t	i = 0;

	return lit(s, n, &i, "CNVD-C-") && digits(s, n, &i, 4) && lit(s, n, &i, "-") &&
	    digits_to_end(s, n, i, 1);
}

/* ^CNNVD-\d{6}-\d{3,}$, the six digits being a year and a month 01-12. */
static bool
match_cnnvd(const char *s, size_t n)
{
	size_t	i = 0, m;

	if (!lit(s, n, &i, "CNNVD-") || !digits(s, n, &i, 6))
		return false;
	m = (size_t)(s[i - 2] - '0') * 10 + (size_t)(s[i - 1] - '0');
	return m >= 1 && m <= 12 && lit(s, n, &i, "-") && digits_to_end(s, n, i, 3);
}

/* ^GHSA(-[23456789cfghjmpqrvwx]{4}){3}$ */
static bool
match_ghsa(const char *s, size_t n)
{
	static const char	alphabet[] = "23456789cfghjmpqrvwx";
	size_t			i = 0, g, k;

	if (!lit(s, n, &i, "GHSA"))
		return false;
	for (g = 0; g < 3; g++) {
		if (!lit(s, n, &i, "-"))
			return false;
		for (k = 0; k < 4; k++, i++)
			if (i >= n || s[i] == '\0' || strchr(alphabet, s[i]) == NULL)
				return false;
	}
	return i == n;
}

/*
 * An OSV entry id or private database name: [A-Za-z0-9._:-]+ (':' is in
 * Red Hat's and SUSE's ids, "RHSA-2024:4546"), starting and ending with a
 * letter or digit.
 */
static bool
osv_entry(const char *s, size_t n)
{
	size_t	i;

	if (n == 0 || !is_alnum(s[0]) || !is_alnum(s[n - 1]))
		return false;
	for (i = 0; i < n; i++)
		if (!is_alnum(s[i]) && s[i] != '.' && s[i] != '_' && s[i] != ':' && s[i] != '-')
			return false;
	return true;
}

/* The index in osv_prefixes of s's database, or -1. */
static int
osv_prefix(const char *s, size_t n)
{
	size_t	i, k;

	for (i = 0; i < sizeof(osv_prefixes) / sizeof(osv_prefixes[0]); i++) {
		k = strlen(osv_prefixes[i]);
		if (n > k && memcmp(s, osv_prefixes[i], k) == 0 && s[k] == '-')
			return (int)i;
	}
	return -1;
}

static bool
is_private_osv(const char *s, size_t n)
{
	return n > 2 && memcmp(s, OSV_PRIVATE, 2) == 0;
}

/*
 * An OSV id.  The CVE and GHSA databases are schemes of their own here:
 * their ids are checked (and classified) as such, so that one id is never
 * stored under two schemes.
 */
static enum xid_problem
check_osv(const char *s, size_t n, enum xid_scheme *kind)
{
	const char	*dash;
	int		 p;

	if (is_private_osv(s, n)) {
		/* x_NAME-ENTRY: a database with no registered prefix. */
		dash = memchr(s, '-', n);
		if (dash == NULL || dash == s + 2 || !osv_entry(s + 2, (size_t)(dash - s) - 2) ||
		    !osv_entry(dash + 1, n - (size_t)(dash - s) - 1))
			return XID_ERR_FORMAT;
		*kind = XID_OSV;
		return XID_OK;
	}
	if ((p = osv_prefix(s, n)) < 0)
		return XID_ERR_FORMAT;
	if (strcmp(osv_prefixes[p], "CVE") == 0) {
		*kind = XID_CVE;
		return match_cve(s, n) ? XID_OK : XID_ERR_FORMAT;
	}
	if (strcmp(osv_prefixes[p], "GHSA") == 0) {
		*kind = XID_GHSA;
		return match_ghsa(s, n) ? XID_OK : XID_ERR_FORMAT;
	}
	*kind = XID_OSV;
	return osv_entry(s + strlen(osv_prefixes[p]) + 1, n - strlen(osv_prefixes[p]) - 1) ?
	    XID_OK : XID_ERR_FORMAT;
}

/* A known scheme's check; XID_OSV may reclassify (see check_osv). */
static enum xid_problem
check_known(enum xid_scheme s, const char *v, size_t n, enum xid_scheme *kind)
{
	bool	ok = false;

	*kind = s;
	switch (s) {
	case XID_CVE: ok = match_cve(v, n); break;
	case XID_CNVD: ok = match_cnvd(v, n); break;
	case XID_CNVD_C: ok = match_cnvd_c(v, n); break;
	case XID_CNNVD: ok = match_cnnvd(v, n); break;
	case XID_GHSA: ok = match_ghsa(v, n); break;
	case XID_OSV: return check_osv(v, n, kind);
	default: break;
	}
	return ok ? XID_OK : XID_ERR_FORMAT;
}

/* The code point of the well-formed sequence of len bytes at p. */
static uint32_t
decode(const unsigned char *p, size_t len)
{
	switch (len) {
	case 1: return p[0];
	case 2: return (uint32_t)(p[0] & 0x1f) << 6 | (p[1] & 0x3f);
	case 3: return (uint32_t)(p[0] & 0x0f) << 12 | (uint32_t)(p[1] & 0x3f) << 6 |
		    (p[2] & 0x3f);
	default: return (uint32_t)(p[0] & 0x07) << 18 | (uint32_t)(p[1] & 0x3f) << 12 |
		    (uint32_t)(p[2] & 0x3f) << 6 | (p[3] & 0x3f);
	}
}

/*
 * Controls, spaces and invisible characters: an opaque id is copied and
 * compared, so anything that does not show (or shows as a space) would
 * make two ids that look the same differ.  U+3000 (ideographic space) is
 * what a Chinese input method types.
 */
static bool
is_blank(uint32_t c)
{
	return c <= 0x20 || (c >= 0x7f && c <= 0xa0) || c == 0x1680 ||
	    (c >= 0x2000 && c <= 0x200f) || (c >= 0x2028 && c <= 0x202f) ||
	    (c >= 0x205f && c <= 0x2064) || c == 0x3000 || c == 0xfeff;
}

/* Well-formed UTF-8 with no blank (see is_blank). */
static bool
opaque_value_ok(const char *s, size_t n)
{
	size_t	i = 0, k;

	while (i < n) {
		if ((k = utf8_valid_prefix(s + i, n - i)) == 0 ||
		    is_blank(decode((const unsigned char *)s + i, k)))
			return false;
		i += k;
	}
	return true;
}

/* [A-Za-z0-9._-]+ */
static bool
scheme_name_ok(const char *s, size_t n)
{
	size_t	i;

	if (n == 0)
		return false;
	for (i = 0; i < n; i++)
		if (!is_alnum(s[i]) && s[i] != '.' && s[i] != '_' && s[i] != '-')
			return false;
	return true;
}

/*
 * Which of the R38 schemes a value without a scheme claims to be: its
 * first token (up to '-') starts with the scheme's name in any case and
 * goes on with no letter ("CVE-…", "cve-…", "CVE2024-…", but not
 * "CVEX-…").  Those values must then match; a typo is refused rather than
 * kept as an opaque id of a made-up scheme.  -1 if none.
 */
static int
claimed_scheme(const char *s, size_t n)
{
	static const struct {
		const char	*prefix;
		enum xid_scheme	 scheme;
	} claims[] = {
		{ "CNVD-C-", XID_CNVD_C },	/* before CNVD */
		{ "CVE", XID_CVE },
		{ "CNNVD", XID_CNNVD },
		{ "CNVD", XID_CNVD },
		{ "GHSA", XID_GHSA },
	};
	size_t	i, k;

	for (i = 0; i < sizeof(claims) / sizeof(claims[0]); i++) {
		k = strlen(claims[i].prefix);
		if (n >= k && strncasecmp(s, claims[i].prefix, k) == 0 &&
		    (n == k || !is_alpha(s[k])))
			return (int)claims[i].scheme;
	}
	return -1;
}

/* The scheme named (ASCII case-insensitive), or -1 for an opaque name. */
static int
known_scheme(const char *s)
{
	int	i;

	for (i = 0; i < XID_OTHER; i++)
		if (strcasecmp(s, scheme_names[i]) == 0)
			return i;
	return -1;
}

enum xid_problem
xid_check(const char *scheme, const char *value, enum xid_scheme *kind,
    char scheme_out[XID_SCHEME_MAX])
{
	enum xid_problem	 pr = XID_ERR_EMPTY;
	enum xid_scheme		 k = XID_OTHER;
	const char		*dash;
	size_t			 vn, sn;
	int			 s;

	if (value == NULL || value[0] == '\0')
		goto out;
	pr = XID_ERR_TOO_LONG;
	if ((vn = strnlen(value, XID_VALUE_MAX)) >= XID_VALUE_MAX)
		goto out;
	if (scheme != NULL && scheme[0] != '\0') {
		if ((sn = strnlen(scheme, XID_SCHEME_MAX)) >= XID_SCHEME_MAX)
			goto out;
		if ((s = known_scheme(scheme)) >= 0) {
			pr = check_known((enum xid_scheme)s, value, vn, &k);
			goto out;
		}
		pr = XID_ERR_SCHEME;
		if (!scheme_name_ok(scheme, sn))
			goto out;
		pr = XID_ERR_CHARS;
		if (!opaque_value_ok(value, vn))
			goto out;
		memcpy(scheme_out, scheme, sn + 1);
		pr = XID_OK;
		goto out;
	}
	/* No scheme: recognise it from the form. */
	if ((s = claimed_scheme(value, vn)) >= 0) {
		pr = check_known((enum xid_scheme)s, value, vn, &k);
		goto out;
	}
	if (osv_prefix(value, vn) >= 0 || is_private_osv(value, vn)) {
		pr = check_osv(value, vn, &k);
		goto out;
	}
	pr = XID_ERR_CHARS;
	if (!opaque_value_ok(value, vn))
		goto out;
	/* An opaque id names its scheme before its first '-' ("EDB-12345"). */
	pr = XID_ERR_SCHEME;
	if ((dash = memchr(value, '-', vn)) == NULL ||
	    !scheme_name_ok(value, (size_t)(dash - value)))
		goto out;
	pr = XID_ERR_TOO_LONG;
	if ((size_t)(dash - value) >= XID_SCHEME_MAX)
		goto out;
	memcpy(scheme_out, value, (size_t)(dash - value));
	scheme_out[dash - value] = '\0';
	pr = XID_OK;
out:
	if (pr == XID_OK) {
		*kind = k;
		if (k != XID_OTHER)
			memcpy(scheme_out, scheme_names[k], strlen(scheme_names[k]) + 1);
	}
	return pr;
}

const char *
xid_scheme_name(enum xid_scheme s)
{
	return (unsigned)s < XID__NSCHEMES ? scheme_names[s] : "";
}

const char *
xid_problem_code(enum xid_problem p)
{
	return (unsigned)p < XID__NPROBLEMS ? problem_codes[p] : "";
}
