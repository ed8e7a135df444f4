#include <stdbool.h>
#include <string.h>

#include "core/arena.h"
#include "http/multipart.h"

/*
 * A strict multipart/form-data parser (RFC 7578 over RFC 2046).  The body
 * is untrusted: every read is bounded by its length, the delimiter search
 * is Knuth-Morris-Pratt (linear however the body is crafted; memmem is a
 * GNU extension here), and header blocks are searched only within
 * MP_MAX_HEADER_BYTES, so the work is linear in the body size.
 */

#define MP_BOUNDARY_MAX	70	/* RFC 2046 §5.1.1 */
#define MP_DELIM_MAX	(2 + 2 + MP_BOUNDARY_MAX)	/* CRLF "--" boundary */

/* A delimiter "\r\n--boundary" and its KMP failure table. */
struct delim {
	char	pat[MP_DELIM_MAX];	/* the bytes searched for */
	size_t	n;			/* their count */
	size_t	fail[MP_DELIM_MAX];	/* longest proper border of pat[0..i] */
};

/* The pieces of one part's headers, before they are decoded. */
struct part_hdrs {
	struct str	disp;		/* Content-Disposition value */
	struct str	ctype;		/* Content-Type value */
	bool		has_disp;	/* seen Content-Disposition */
	bool		has_ctype;	/* seen Content-Type */
	bool		has_cte;	/* seen Content-Transfer-Encoding */
};

static int
lower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

static bool
is_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

/* RFC 9110 tchar. */
static bool
is_tchar(unsigned char c)
{
	return is_alnum(c) || (c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

/* RFC 2046 bchars (space is allowed, but not last). */
static bool
is_bchar(unsigned char c)
{
	return is_alnum(c) || (c != '\0' && strchr("'()+_,-./:=? ", c) != NULL);
}

static bool
is_lws(char c)
{
	return c == ' ' || c == '\t';
}

static void
delim_init(struct delim *d, struct str boundary)
{
	size_t	i, k;

	memcpy(d->pat, "\r\n--", 4);
	memcpy(d->pat + 4, boundary.p, boundary.n);
	d->n = 4 + boundary.n;
	d->fail[0] = 0;
	for (i = 1, k = 0; i < d->n; i++) {
		while (k > 0 && d->pat[i] != d->pat[k])
			k = d->fail[k - 1];
		if (d->pat[i] == d->pat[k])
			k++;
		d->fail[i] = k;
	}
}

/* Offset of the first delimiter in p[from..n), or -1 (as a size_t: SIZE_MAX). */
static size_t
delim_find(const struct delim *d, const char *p, size_t n, size_t from)
{
	size_t	i, k = 0;

	for (i = from; i < n; i++) {
		while (k > 0 && p[i] != d->pat[k])
			k = d->fail[k - 1];
		if (p[i] == d->pat[k])
			k++;
		if (k == d->n)
			return i + 1 - d->n;
	}
	return (size_t)-1;
}

/*
 * One "; token=value" parameter after a media type or disposition type:
 * the value is a token, or the inside of a quoted-string with its escapes
 * still in place.
 */
struct param {
	struct str	name;	/* the parameter name */
	struct str	value;	/* raw value (quotes removed, escapes kept) */
	bool		quoted;	/* value was a quoted-string */
};

/*
 * The next parameter from *rest (which starts at its ';', after optional
 * whitespace) into *pm: 1, 0 at the end, -1 if malformed.
 */
static int
param_next(struct str *rest, struct param *pm)
{
	const char	*p = rest->p;
	size_t		 n = rest->n, i = 0, start;

	while (i < n && is_lws(p[i]))
		i++;
	if (i == n)
		goto end;
	if (p[i] != ';')
		return -1;
	i++;
	while (i < n && is_lws(p[i]))
		i++;
	start = i;
	while (i < n && is_tchar((unsigned char)p[i]))
		i++;
	if (i == start)
		return -1;
	pm->name = (struct str){ p + start, i - start };
	while (i < n && is_lws(p[i]))
		i++;
	if (i == n || p[i] != '=')
		return -1;
	i++;
	while (i < n && is_lws(p[i]))
		i++;
	if (i < n && p[i] == '"') {
		start = ++i;
		for (; i < n && p[i] != '"'; i++) {
			/* Only \" and \\ are escapes; see param_decode. */
			if (p[i] == '\\' && i + 1 < n && (p[i + 1] == '"' || p[i + 1] == '\\'))
				i++;
			else if ((unsigned char)p[i] < 0x20 || p[i] == 0x7f)
				return -1;
		}
		if (i == n)
			return -1;	/* unterminated */
		pm->value = (struct str){ p + start, i - start };
		pm->quoted = true;
		i++;
	} else {
		start = i;
		while (i < n && is_tchar((unsigned char)p[i]))
			i++;
		if (i == start)
			return -1;
		pm->value = (struct str){ p + start, i - start };
		pm->quoted = false;
	}
	rest->p = p + i;
	rest->n = n - i;
	return 1;
end:
	rest->p = p + n;
	rest->n = 0;
	return 0;
}

/*
 * A parameter value as bytes, in the arena.  Backslash escapes only '"'
 * and '\': browsers send Windows paths with bare backslashes
 * (filename="C:\dir\a.txt"), which full RFC quoted-pair decoding would
 * mangle, while Go and others escape exactly these two.
 */
static struct str
param_decode(struct arena *a, struct param *pm)
{
	char	*out;
	size_t	 i, o = 0;

	out = arena_alloc(a, pm->value.n + 1);
	for (i = 0; i < pm->value.n; i++) {
		if (pm->quoted && pm->value.p[i] == '\\' && i + 1 < pm->value.n &&
		    (pm->value.p[i + 1] == '"' || pm->value.p[i + 1] == '\\'))
			i++;
		out[o++] = pm->value.p[i];
	}
	out[o] = '\0';
	return (struct str){ out, o };
}

/* Bytes after the last '/' or '\': a client's path is not ours to keep. */
static struct str
strip_path(struct str s)
{
	size_t	i;

	for (i = s.n; i > 0; i--)
		if (s.p[i - 1] == '/' || s.p[i - 1] == '\\')
			return (struct str){ s.p + i, s.n - i };
	return s;
}

static bool
has_prefix_ci(struct str s, const char *prefix, size_t *len)
{
	size_t	i, n = strlen(prefix);

	if (s.n < n)
		return false;
	for (i = 0; i < n; i++)
		if (lower((unsigned char)s.p[i]) != prefix[i])
			return false;
	*len = n;
	return true;
}

int
mp_boundary(const char *content_type, struct str *boundary)
{
	struct str	rest, b = STR_NULL;
	struct param	pm;
	size_t		i, skip;
	int		r, ret = -1;

	if (content_type == NULL)
		goto out;
	rest = str_trim(str_from(content_type));
	if (!has_prefix_ci(rest, "multipart/form-data", &skip))
		goto out;
	rest.p += skip;
	rest.n -= skip;
	while ((r = param_next(&rest, &pm)) == 1) {
		if (!str_caseeq(pm.name, "boundary"))
			continue;
		if (b.p != NULL)
			goto out;	/* two boundaries: which one? */
		b = pm.value;
		/* Boundaries never need escapes, and unquoted ones are tokens. */
		for (i = 0; i < b.n; i++)
			if (!is_bchar((unsigned char)b.p[i]) ||
			    (!pm.quoted && !is_tchar((unsigned char)b.p[i])))
				goto out;
	}
	if (r != 0 || b.p == NULL || b.n < 1 || b.n > MP_BOUNDARY_MAX ||
	    b.p[b.n - 1] == ' ')
		goto out;
	*boundary = b;
	ret = 0;
out:
	return ret;
}

/*
 * Sort the header lines of one part (p[0..n), each ending in CRLF) into h.
 * Unknown headers are skipped; repeated known ones, folded lines, bare CR
 * or LF and lines without a name are refused.
 */
static int
read_headers(const char *p, size_t n, struct part_hdrs *h)
{
	struct str	line, name, value;
	const char	*colon;
	size_t		i, j, start = 0;

	memset(h, 0, sizeof(*h));
	for (i = 0; i < n; i++) {
		if (p[i] != '\r' && p[i] != '\n') {
			if (((unsigned char)p[i] < 0x20 && p[i] != '\t') || p[i] == 0x7f)
				return -1;	/* no control bytes in headers */
			continue;
		}
		if (p[i] != '\r' || i + 1 >= n || p[i + 1] != '\n')
			return -1;
		line = (struct str){ p + start, i - start };
		i++;
		start = i + 1;
		colon = memchr(line.p, ':', line.n);
		if (colon == NULL || colon == line.p)
			return -1;
		name = (struct str){ line.p, (size_t)(colon - line.p) };
		for (j = 0; j < name.n; j++)
			if (!is_tchar((unsigned char)name.p[j]))
				return -1;	/* also catches obs-fold */
		value = str_trim((struct str){ colon + 1, line.n - name.n - 1 });
		if (str_caseeq(name, "Content-Disposition")) {
			if (h->has_disp)
				return -1;
			h->has_disp = true;
			h->disp = value;
		} else if (str_caseeq(name, "Content-Type")) {
			if (h->has_ctype)
				return -1;
			h->has_ctype = true;
			h->ctype = value;
		} else if (str_caseeq(name, "Content-Transfer-Encoding")) {
			/*
			 * Deprecated by RFC 7578 §4.7; the identity encodings are
			 * harmless, anything else would hand callers encoded bytes.
			 */
			if (h->has_cte || !(str_caseeq(value, "binary") ||
			    str_caseeq(value, "8bit") || str_caseeq(value, "7bit")))
				return -1;
			h->has_cte = true;
		}
	}
	return start == n ? 0 : -1;
}

/* Content-Disposition: form-data; name="..."[; filename="..."] into part. */
static int
read_disposition(struct arena *a, struct str disp, struct mp_part *part)
{
	struct param	pm;
	size_t		skip;
	bool		has_name = false, has_file = false;
	int		r;

	if (!has_prefix_ci(disp, "form-data", &skip))
		return -1;
	disp.p += skip;
	disp.n -= skip;
	while ((r = param_next(&disp, &pm)) == 1) {
		if (str_caseeq(pm.name, "name")) {
			if (has_name)
				return -1;
			has_name = true;
			part->name = param_decode(a, &pm);
		} else if (str_caseeq(pm.name, "filename")) {
			if (has_file)
				return -1;
			has_file = true;
			part->filename = strip_path(param_decode(a, &pm));
		}
		/* Others, filename* included (RFC 7578 §4.2 forbids it), are ignored. */
	}
	return r == 0 && has_name && part->name.n > 0 ? 0 : -1;
}

int
mp_parse(struct arena *a, struct str body, struct str boundary,
    struct mp_part *out, int max)
{
	struct delim		 d;
	struct part_hdrs	 h;
	const char		*p = body.p;
	size_t			 n = body.n, pos, hend, next, lim;
	int			 count = 0, ret = -1;

	if (max > MP_MAX_PARTS)
		max = MP_MAX_PARTS;
	if (max < 1 || boundary.n < 1 || boundary.n > MP_BOUNDARY_MAX || p == NULL)
		goto out;
	delim_init(&d, boundary);

	/*
	 * pos is where the current delimiter's "--boundary" begins.  The first
	 * may open the body (no CRLF before it); any preamble is skipped.
	 */
	if (n >= d.n - 2 && memcmp(p, d.pat + 2, d.n - 2) == 0)
		pos = 0;
	else if ((pos = delim_find(&d, p, n, 0)) == (size_t)-1)
		goto out;
	else
		pos += 2;

	for (;;) {
		pos += d.n - 2;
		/*
		 * The close delimiter; the epilogue is ignored.  It may come
		 * first: browsers send only it for a form with no fields.
		 */
		if (n - pos >= 2 && p[pos] == '-' && p[pos + 1] == '-')
			break;
		while (pos < n && is_lws(p[pos]))
			pos++;	/* transport padding (RFC 2046 §5.1.1) */
		if (n - pos < 2 || p[pos] != '\r' || p[pos + 1] != '\n')
			goto out;
		pos += 2;
		if (count == max)
			goto out;

		/* The header block ends at the first empty line. */
		lim = n - pos < MP_MAX_HEADER_BYTES + 2 ? n : pos + MP_MAX_HEADER_BYTES + 2;
		if (lim - pos >= 2 && p[pos] == '\r' && p[pos + 1] == '\n')
			hend = pos;
		else {
			for (hend = pos; hend + 4 <= lim; hend++)
				if (memcmp(p + hend, "\r\n\r\n", 4) == 0)
					break;
			if (hend + 4 > lim)
				goto out;	/* too big, or never ends */
			hend += 2;
		}
		if (read_headers(p + pos, hend - pos, &h) != 0 || !h.has_disp)
			goto out;

		memset(&out[count], 0, sizeof(out[count]));
		out[count].filename = STR_LIT("");
		out[count].ctype = h.has_ctype ? h.ctype : STR_LIT("");
		if (read_disposition(a, h.disp, &out[count]) != 0)
			goto out;

		pos = hend + 2;
		if ((next = delim_find(&d, p, n, pos)) == (size_t)-1)
			goto out;	/* no closing delimiter */
		out[count].data = (struct str){ p + pos, next - pos };
		count++;
		pos = next + 2;
	}
	ret = count;
out:
	return ret;
}
