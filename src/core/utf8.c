#include "core/utf8.h"

size_t
utf8_valid_prefix(const char *s, size_t n)
{
	const unsigned char	*p = (const unsigned char *)s;

	if (n == 0)
		return 0;
	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xC2 && p[0] <= 0xDF)
		return (n >= 2 && (p[1] & 0xC0) == 0x80) ? 2 : 0;
	if (p[0] >= 0xE0 && p[0] <= 0xEF) {
		if (n < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
			return 0;
		if (p[0] == 0xE0 && p[1] < 0xA0)
			return 0;	/* overlong */
		if (p[0] == 0xED && p[1] >= 0xA0)
			return 0;	/* surrogate */
		return 3;
	}
	if (p[0] >= 0xF0 && p[0] <= 0xF4) {
		if (n < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
		    (p[3] & 0xC0) != 0x80)
			return 0;
		if (p[0] == 0xF0 && p[1] < 0x90)
			return 0;	/* overlong */
		if (p[0] == 0xF4 && p[1] >= 0x90)
			return 0;	/* past U+10FFFF */
		return 4;
	}
	return 0;
}

bool
utf8_valid(const char *p, size_t n)
{
	size_t	i, len;

	for (i = 0; i < n; i += len) {
		if (p[i] == '\0')
			return false;
		if ((len = utf8_valid_prefix(p + i, n - i)) == 0)
			return false;
	}
	return true;
}

size_t
utf8_count(const char *p, size_t n)
{
	size_t	i, count;

	for (i = 0, count = 0; i < n; i++)
		if (((unsigned char)p[i] & 0xC0) != 0x80)
			count++;
	return count;
}

bool
utf8_text(const char *p, size_t n, bool lines)
{
	size_t	i;

	if (!utf8_valid(p, n))
		return false;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c == 0x7f || (c < 0x20 && !(lines && (c == '\n' || c == '\r' ||
		    c == '\t'))))
			return false;
	}
	return true;
}
