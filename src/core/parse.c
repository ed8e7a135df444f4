#include <string.h>

#include "core/parse.h"
#include "core/str.h"

int
parse_i64(const char *s, size_t n, int64_t min, int64_t max, int64_t *out)
{
	uint64_t	 v = 0, lim;
	bool		 neg = false;
	size_t		 i = 0;

	if (n == 0 || s == NULL)
		return -1;
	if (s[0] == '-') {
		neg = true;
		i = 1;
		if (n == 1)
			return -1;
	}
	if (s[i] == '0' && n - i > 1)
		return -1;	/* leading zeros are ambiguous (octal?) */
	lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		if (v > (lim - (uint64_t)(s[i] - '0')) / 10)
			return -1;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	if (neg && v == (uint64_t)INT64_MAX + 1) {
		if (min > INT64_MIN)
			return -1;
		*out = INT64_MIN;
		return 0;
	}
	{
		int64_t	r = neg ? -(int64_t)v : (int64_t)v;

		if (neg && v == 0)
			return -1;	/* "-0" */
		if (r < min || r > max)
			return -1;
		*out = r;
	}
	return 0;
}

int
parse_bool(const char *s, size_t n, bool *out)
{
	static const char *const yes[] = { "true", "yes", "on", "1" };
	static const char *const no[] = { "false", "no", "off", "0" };
	struct str	 v = { s, n };
	size_t		 i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (str_caseeq(v, yes[i])) {
			*out = true;
			return 0;
		}
		if (str_caseeq(v, no[i])) {
			*out = false;
			return 0;
		}
	}
	return -1;
}

static bool
is_ipv4(const char *s, size_t n)
{
	int64_t	 octet;
	size_t	 start = 0, i, dots = 0;

	for (i = 0; i <= n; i++) {
		if (i == n || s[i] == '.') {
			if (parse_i64(s + start, i - start, 0, 255, &octet) != 0)
				return false;
			if (i < n)
				dots++;
			start = i + 1;
		}
	}
	return dots == 3;
}

int
parse_hostport(const char *s, char host[64], uint16_t *port)
{
	const char	*colon;
	size_t		 hlen;
	int64_t		 p;

	if ((colon = strrchr(s, ':')) == NULL)
		return -1;
	hlen = (size_t)(colon - s);
	if (hlen == 0 || hlen >= 64)
		return -1;
	if (s[0] == '[') {
		if (hlen < 3 || s[hlen - 1] != ']')
			return -1;
		/* Keep the brackets off; the address is checked by inet_pton later. */
		memcpy(host, s + 1, hlen - 2);
		host[hlen - 2] = '\0';
		if (strspn(host, "0123456789abcdefABCDEF:.") != hlen - 2)
			return -1;
	} else {
		if (!(hlen == 9 && memcmp(s, "localhost", 9) == 0) && !is_ipv4(s, hlen))
			return -1;
		memcpy(host, s, hlen);
		host[hlen] = '\0';
	}
	if (parse_i64(colon + 1, strlen(colon + 1), 0, 65535, &p) != 0)
		return -1;
	*port = (uint16_t)p;
	return 0;
}
