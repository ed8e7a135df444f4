#include <string.h>

#include "core/arena.h"
#include "core/pack.h"

unsigned char *
pack_strings(struct arena *a, const char *const *s, int n, size_t *len)
{
	unsigned char	*p;
	size_t		 total = 1, o = 1, k;
	int		 i;

	for (i = 0; i < n; i++)
		total += (s[i] ? strlen(s[i]) : 0) + 1;
	p = arena_alloc(a, total);
	p[0] = '1';
	for (i = 0; i < n; i++) {
		k = s[i] ? strlen(s[i]) : 0;
		if (k > 0)
			memcpy(p + o, s[i], k);
		o += k;
		p[o++] = '\0';
	}
	*len = total;
	return p;
}

int
unpack_strings(struct arena *a, const unsigned char *p, size_t len, const char **s, int n)
{
	const char	*cur, *end;
	char		*copy;
	int		 i;

	if (len < 1 + (size_t)n || p[0] != '1' || p[len - 1] != '\0')
		return -1;
	copy = arena_alloc(a, len);
	memcpy(copy, p, len);
	cur = copy + 1;
	end = copy + len;
	for (i = 0; i < n; i++) {
		if (cur >= end)
			return -1;
		s[i] = cur;
		cur += strlen(cur) + 1;
	}
	return cur == end ? 0 : -1;
}
