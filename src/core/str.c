#include "core/str.h"

static int
lower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

bool
str_caseeq(struct str a, const char *b)
{
	size_t	i, n = strlen(b);

	if (a.n != n)
		return false;
	for (i = 0; i < n; i++)
		if (lower((unsigned char)a.p[i]) != lower((unsigned char)b[i]))
			return false;
	return true;
}

bool
str_has_prefix(struct str a, const char *prefix)
{
	size_t	n = strlen(prefix);

	return a.n >= n && memcmp(a.p, prefix, n) == 0;
}

bool
str_http_url(struct str u)
{
	size_t	i, host;

	if (u.n >= 8 && str_caseeq((struct str){ u.p, 8 }, "https://"))
		host = 8;
	else if (u.n >= 7 && str_caseeq((struct str){ u.p, 7 }, "http://"))
		host = 7;
	else
		return false;
	if (u.n == host || u.p[host] == '/' || u.p[host] == '.')
		return false;
	for (i = 0; i < u.n; i++)
		if ((unsigned char)u.p[i] <= 0x20 || u.p[i] == 0x7f)
			return false;
	return true;
}

int
str_index(const char *const *names, int n, struct str s)
{
	int	i;

	for (i = 0; i < n; i++)
		if (str_eq(s, names[i]))
			return i;
	return -1;
}

struct str
str_trim(struct str a)
{
	while (a.n > 0 && (a.p[0] == ' ' || a.p[0] == '\t')) {
		a.p++;
		a.n--;
	}
	while (a.n > 0 && (a.p[a.n - 1] == ' ' || a.p[a.n - 1] == '\t'))
		a.n--;
	return a;
}

struct str
str_split(struct str *rest, char sep)
{
	struct str	head = *rest;
	const char	*q;

	q = rest->n ? memchr(rest->p, sep, rest->n) : NULL;
	if (q == NULL) {
		rest->p = rest->p ? rest->p + rest->n : NULL;
		rest->n = 0;
		return head;
	}
	head.n = (size_t)(q - rest->p);
	rest->n -= head.n + 1;
	rest->p = q + 1;
	return head;
}
