#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/sbuf.h"
#include "core/utf8.h"

void
sbuf_init(struct sbuf *sb, struct arena *a, size_t max)
{
	sb->arena = a;
	sb->cap = 64;
	sb->buf = arena_alloc(a, sb->cap);
	sb->buf[0] = '\0';
	sb->len = 0;
	sb->max = max ? max : SBUF_DEFAULT_MAX;
	sb->err = APP_OK;
}

/* Make room for n more bytes; 0 on success, -1 (and err set) past max. */
static int
sbuf_grow(struct sbuf *sb, size_t n)
{
	size_t	 want, cap;
	char	*nb;

	if (sb->err != APP_OK)
		return -1;
	if (n > sb->max - sb->len) {
		sb->err = APP_TOOBIG;
		return -1;
	}
	want = sb->len + n + 1;
	if (want <= sb->cap)
		return 0;
	cap = sb->cap;
	while (cap < want)
		cap = cap * 2;
	nb = arena_alloc(sb->arena, cap);
	memcpy(nb, sb->buf, sb->len + 1);
	sb->buf = nb;
	sb->cap = cap;
	return 0;
}

void
sbuf_add(struct sbuf *sb, const void *p, size_t n)
{
	if (n == 0 || sbuf_grow(sb, n) != 0)
		return;
	memcpy(sb->buf + sb->len, p, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void
sbuf_addstr(struct sbuf *sb, const char *s)
{
	sbuf_add(sb, s, strlen(s));
}

void
sbuf_addch(struct sbuf *sb, char c)
{
	sbuf_add(sb, &c, 1);
}

void
sbuf_vaddf(struct sbuf *sb, const char *fmt, va_list ap)
{
	va_list	cp;
	int	n;

	if (sb->err != APP_OK)
		return;
	va_copy(cp, ap);
	n = vsnprintf(sb->buf + sb->len, sb->cap - sb->len, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	if ((size_t)n < sb->cap - sb->len) {
		if ((size_t)n > sb->max - sb->len) {
			/* It fit in memory but not under the cap: undo. */
			sb->buf[sb->len] = '\0';
			sb->err = APP_TOOBIG;
			return;
		}
		sb->len += (size_t)n;
		return;
	}
	if (sbuf_grow(sb, (size_t)n) != 0) {
		sb->buf[sb->len] = '\0';
		return;
	}
	vsnprintf(sb->buf + sb->len, sb->cap - sb->len, fmt, ap);
	sb->len += (size_t)n;
}

void
sbuf_addf(struct sbuf *sb, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	sbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

void
sbuf_add_html(struct sbuf *sb, const char *p, size_t n)
{
	size_t	 i, run, len;

	i = 0;
	while (i < n) {
		/* Copy the longest run that needs no escaping in one go. */
		run = i;
		while (run < n) {
			unsigned char c = (unsigned char)p[run];
			if (c == '&' || c == '<' || c == '>' || c == '"' ||
			    c == '\'' || c < 0x20 || c >= 0x80)
				break;
			run++;
		}
		sbuf_add(sb, p + i, run - i);
		if (run == n)
			break;
		i = run;
		switch (p[i]) {
		case '&': sbuf_add(sb, "&amp;", 5); i++; continue;
		case '<': sbuf_add(sb, "&lt;", 4); i++; continue;
		case '>': sbuf_add(sb, "&gt;", 4); i++; continue;
		case '"': sbuf_add(sb, "&quot;", 6); i++; continue;
		case '\'': sbuf_add(sb, "&#39;", 5); i++; continue;
		case '\t': case '\n': case '\r': sbuf_addch(sb, p[i]); i++; continue;
		default: break;
		}
		if ((unsigned char)p[i] < 0x20) {
			i++;	/* other C0 controls have no place in HTML */
			continue;
		}
		len = utf8_valid_prefix(p + i, n - i);
		if (len == 0) {
			sbuf_add(sb, "\xEF\xBF\xBD", 3);	/* U+FFFD */
			i++;
		} else {
			sbuf_add(sb, p + i, len);
			i += len;
		}
	}
}

void
sbuf_add_urlenc(struct sbuf *sb, const char *p, size_t n)
{
	static const char	hex[] = "0123456789ABCDEF";
	size_t			i;
	unsigned char		c;

	for (i = 0; i < n; i++) {
		c = (unsigned char)p[i];
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == '_' || c == '~')
			sbuf_addch(sb, (char)c);
		else {
			char	e[3] = { '%', hex[c >> 4], hex[c & 15] };
			sbuf_add(sb, e, 3);
		}
	}
}

void
sbuf_reset(struct sbuf *sb)
{
	sb->len = 0;
	sb->buf[0] = '\0';
}
