#include <string.h>

#include "core/arena.h"
#include "http/form.h"

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

struct str
form_decode(struct arena *a, const char *p, size_t n, int plus)
{
	char	*d = arena_alloc(a, n + 1);
	size_t	 i, o = 0;
	int	 hi, lo;

	for (i = 0; i < n; i++) {
		if (p[i] == '+' && plus)
			d[o++] = ' ';
		else if (p[i] == '%' && i + 2 < n &&
		    (hi = hexval(p[i + 1])) >= 0 && (lo = hexval(p[i + 2])) >= 0) {
			d[o++] = (char)(hi << 4 | lo);
			i += 2;
		} else
			d[o++] = p[i];
	}
	d[o] = '\0';
	return (struct str){ d, o };
}

int
form_parse(struct arena *a, struct str body, struct form_pair **out)
{
	struct form_pair	*pairs;
	struct str		 rest = body, item, name;
	int			 n = 0;

	pairs = arena_calloc(a, FORM_MAX_PAIRS, sizeof(*pairs));
	while (rest.n > 0) {
		item = str_split(&rest, '&');
		if (item.n == 0)
			continue;
		if (n == FORM_MAX_PAIRS)
			return -1;
		name = str_split(&item, '=');
		pairs[n].name = form_decode(a, name.p, name.n, 1);
		pairs[n].value = form_decode(a, item.p ? item.p : "", item.n, 1);
		n++;
	}
	*out = pairs;
	return n;
}

const struct str *
form_get(const struct form_pair *pairs, int n, const char *name)
{
	int	i;

	for (i = 0; i < n; i++)
		if (str_eq(pairs[i].name, name))
			return &pairs[i].value;
	return NULL;
}
