/*
 * CPE 2.3 formatted strings and Package URLs: the checks follow the CPE 2.3
 * dictionary schema's regular expression (NISTIR 7695 §6.2.2) and the
 * purl specification's parsing rules, written out by hand so that each
 * failure can say which part is wrong.
 */
#include <stdbool.h>
#include <string.h>

#include "domain/product.h"

#define CPE_VALUES	11	/* after "cpe:2.3:": part, vendor ... other */
#define CPE_LANGUAGE	6	/* index of the language among the values */
#define PURL_QUALIFIERS	32	/* keys remembered for the duplicate check */

static bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_hex(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* A value character that needs no escape in a formatted string. */
static bool
cpe_plain(char c)
{
	return is_alpha(c) || is_digit(c) || c == '-' || c == '.' || c == '_';
}

/* Characters that may follow a backslash (the schema's "special" set). */
static bool
cpe_escapable(char c)
{
	return c != '\0' && strchr("\\*?!\"#$%&'()+,/:;<=>@[]^`{|}~", c) != NULL;
}

/*
 * (\?*|\*?)([a-zA-Z0-9\-\._]|(\\[special]))+(\?*|\*?) or a lone * or -.
 */
static bool
cpe_value(const char *s, size_t n)
{
	size_t	i = 0, body = 0;

	if (n == 1 && (s[0] == '*' || s[0] == '-'))
		return true;
	if (i < n && s[i] == '*')
		i++;
	else
		while (i < n && s[i] == '?')
			i++;
	while (i < n) {
		if (cpe_plain(s[i]))
			i++;
		else if (s[i] == '\\' && i + 1 < n && cpe_escapable(s[i + 1]))
			i += 2;
		else
			break;
		body++;
	}
	if (body == 0)
		return false;
	if (i < n && s[i] == '*')
		i++;
	else
		while (i < n && s[i] == '?')
			i++;
	return i == n;
}

/* [a-zA-Z]{2,3}(-([a-zA-Z]{2}|[0-9]{3}))? or a lone * or -. */
static bool
cpe_language(const char *s, size_t n)
{
	size_t	i = 0, k;

	if (n == 1 && (s[0] == '*' || s[0] == '-'))
		return true;
	while (i < n && i < 3 && is_alpha(s[i]))
		i++;
	if (i < 2)
		return false;
	if (i == n)
		return true;
	if (s[i++] != '-')
		return false;
	if (n - i == 2 && is_alpha(s[i]) && is_alpha(s[i + 1]))
		return true;
	if (n - i != 3)
		return false;
	for (k = i; k < n; k++)
		if (!is_digit(s[k]))
			return false;
	return true;
}

enum msg_id
product_cpe_check(struct str cpe)
{
	struct str	v[CPE_VALUES];
	const char	*p = cpe.p, *end = cpe.p + cpe.n, *start;
	size_t		 nv = 0, i;

	if (cpe.n > PRODUCT_CPE_MAX)
		return MSG_ERR_FIELD_TOO_LONG;
	if (cpe.n < 8 || memcmp(cpe.p, "cpe:2.3:", 8) != 0)
		return MSG_ERR_CPE_PREFIX;
	/* Split at unescaped colons; a backslash always takes the next byte. */
	p += 8;
	start = p;
	for (;;) {
		if (p == end || *p == ':') {
			if (nv == CPE_VALUES)
				return MSG_ERR_CPE_COUNT;
			v[nv++] = (struct str){ start, (size_t)(p - start) };
			if (p == end)
				break;
			start = ++p;
			continue;
		}
		p += (*p == '\\' && p + 1 < end) ? 2 : 1;
	}
	if (nv != CPE_VALUES)
		return MSG_ERR_CPE_COUNT;
	if (v[0].n != 1 || strchr("aoh", v[0].p[0]) == NULL)
		return MSG_ERR_CPE_PART;
	for (i = 1; i < CPE_VALUES; i++) {
		if (i == CPE_LANGUAGE) {
			if (!cpe_language(v[i].p, v[i].n))
				return MSG_ERR_CPE_LANGUAGE;
		} else if (!cpe_value(v[i].p, v[i].n))
			return MSG_ERR_CPE_VALUE;
	}
	/* The vendor and the product are what make it this product's name. */
	for (i = 1; i <= 2; i++)
		if (v[i].n == 1 && (v[i].p[0] == '*' || v[i].p[0] == '-'))
			return MSG_ERR_CPE_NAME;
	return MSG_OK;
}

/* Printable ASCII, no space, and every '%' starting %XX. */
static bool
purl_chars(struct str s)
{
	size_t	i;

	for (i = 0; i < s.n; i++) {
		unsigned char	c = (unsigned char)s.p[i];

		if (c <= ' ' || c >= 0x7f)
			return false;
		if (c == '%' && (i + 2 >= s.n || !is_hex(s.p[i + 1]) || !is_hex(s.p[i + 2])))
			return false;
	}
	return true;
}

/* The first (or last) occurrence of c in s, or NULL. */
static const char *
find(struct str s, char c, bool last)
{
	size_t	i;

	for (i = 0; i < s.n; i++)
		if (s.p[last ? s.n - 1 - i : i] == c)
			return s.p + (last ? s.n - 1 - i : i);
	return NULL;
}

/* '/'-separated segments, none empty (and, for a subpath, none "." or ".."). */
static bool
purl_segments(struct str s, bool subpath)
{
	struct str	seg;
	size_t		i, start = 0;

	for (i = 0; i <= s.n; i++) {
		if (i < s.n && s.p[i] != '/')
			continue;
		seg = (struct str){ s.p + start, i - start };
		start = i + 1;
		if (seg.n == 0)
			return false;
		if (subpath && (str_eq(seg, ".") || str_eq(seg, "..")))
			return false;
	}
	return true;
}

/* key=value pairs joined by '&'. */
static bool
purl_qualifiers(struct str s)
{
	struct str	 pair, key, keys[PURL_QUALIFIERS];
	const char	*eq;
	size_t		 nkeys = 0, i, j, k, start = 0;
	bool		 same;

	for (i = 0; i <= s.n; i++) {
		if (i < s.n && s.p[i] != '&')
			continue;
		pair = (struct str){ s.p + start, i - start };
		start = i + 1;
		if ((eq = find(pair, '=', false)) == NULL)
			return false;
		key = (struct str){ pair.p, (size_t)(eq - pair.p) };
		if (key.n == 0 || key.n + 1 == pair.n || !is_alpha(key.p[0]))
			return false;
		for (k = 1; k < key.n; k++)
			if (!is_alpha(key.p[k]) && !is_digit(key.p[k]) && key.p[k] != '.' &&
			    key.p[k] != '-' && key.p[k] != '_')
				return false;
		for (k = 0; k < nkeys; k++) {
			same = keys[k].n == key.n;
			for (j = 0; same && j < key.n; j++)
				same = lower(keys[k].p[j]) == lower(key.p[j]);
			if (same)
				return false;
		}
		if (nkeys < PURL_QUALIFIERS)
			keys[nkeys++] = key;
	}
	return true;
}

enum msg_id
product_purl_check(struct str purl)
{
	struct str	 rest = purl, type;
	const char	*at;
	size_t		 i;

	if (purl.n > PRODUCT_PURL_MAX)
		return MSG_ERR_FIELD_TOO_LONG;
	if (purl.n < 4 || lower(purl.p[0]) != 'p' || lower(purl.p[1]) != 'k' ||
	    lower(purl.p[2]) != 'g' || purl.p[3] != ':')
		return MSG_ERR_PURL_SCHEME;
	if (!purl_chars(purl))
		return MSG_ERR_PURL_CHARS;
	/* From the right: #subpath, then ?qualifiers. */
	if ((at = find(rest, '#', true)) != NULL) {
		if (!purl_segments((struct str){ at + 1, (size_t)(rest.p + rest.n - at - 1) },
		    true))
			return MSG_ERR_PURL_SUBPATH;
		rest.n = (size_t)(at - rest.p);
	}
	if ((at = find(rest, '?', true)) != NULL) {
		if (!purl_qualifiers((struct str){ at + 1,
		    (size_t)(rest.p + rest.n - at - 1) }))
			return MSG_ERR_PURL_QUALIFIER;
		rest.n = (size_t)(at - rest.p);
	}
	rest.p += 4;
	rest.n -= 4;
	while (rest.n > 0 && rest.p[0] == '/') {
		rest.p++;
		rest.n--;
	}
	/* The type, unencoded, up to the first '/'. */
	at = find(rest, '/', false);
	type = (struct str){ rest.p, at != NULL ? (size_t)(at - rest.p) : rest.n };
	if (type.n == 0 || !is_alpha(type.p[0]))
		return MSG_ERR_PURL_TYPE;
	for (i = 1; i < type.n; i++)
		if (!is_alpha(type.p[i]) && !is_digit(type.p[i]) && type.p[i] != '.' &&
		    type.p[i] != '+' && type.p[i] != '-')
			return MSG_ERR_PURL_TYPE;
	if (at == NULL)
		return MSG_ERR_PURL_NAME;
	rest = (struct str){ at + 1, (size_t)(rest.p + rest.n - at - 1) };
	/* From the right: @version, then namespace/.../name. */
	if ((at = find(rest, '@', true)) != NULL) {
		if (at + 1 == rest.p + rest.n)
			return MSG_ERR_PURL_VERSION;
		rest.n = (size_t)(at - rest.p);
	}
	if (rest.n == 0 || !purl_segments(rest, false))
		return MSG_ERR_PURL_NAME;
	return MSG_OK;
}
