#ifndef LOUDONG_CORE_SBUF_H
#define LOUDONG_CORE_SBUF_H

#include <stdarg.h>
#include <stddef.h>

#include "core/err.h"

struct arena;

/*
 * A growable string in an arena: git's strbuf invariants with SQLite's sticky
 * error.  buf is never NULL and always NUL-terminated.  When an append would
 * pass max, the buffer keeps what it had, err becomes APP_TOOBIG and every
 * later append is ignored: check sbuf_err() once, at the end.
 */
struct sbuf {
	struct arena	*arena;	/* where buf lives */
	char		*buf;	/* the bytes, NUL-terminated */
	size_t		 len;	/* bytes used, without the NUL */
	size_t		 cap;	/* bytes allocated for buf, with the NUL */
	size_t		 max;	/* hard cap on len */
	enum app_err	 err;	/* APP_OK, or APP_TOOBIG once max was hit */
};

/* Start an empty buffer in a, capped at max bytes (0: SBUF_DEFAULT_MAX). */
void	sbuf_init(struct sbuf *sb, struct arena *a, size_t max);

#define SBUF_DEFAULT_MAX	(16u * 1024 * 1024)

void	sbuf_add(struct sbuf *sb, const void *p, size_t n);
void	sbuf_addstr(struct sbuf *sb, const char *s);
void	sbuf_addch(struct sbuf *sb, char c);
void	sbuf_addf(struct sbuf *sb, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	sbuf_vaddf(struct sbuf *sb, const char *fmt, va_list ap)
	    __attribute__((format(printf, 2, 0)));

/*
 * Append n bytes escaped for HTML text and quoted attribute values:
 * & < > " ' become entities.  Bytes that are not valid UTF-8 become U+FFFD,
 * and C0 controls other than tab, newline and carriage return are dropped.
 */
void	sbuf_add_html(struct sbuf *sb, const char *p, size_t n);

/* Append as a percent-encoded URL component (RFC 3986 unreserved kept). */
void	sbuf_add_urlenc(struct sbuf *sb, const char *p, size_t n);

/* Empty the buffer (keeps the allocation; clears no error). */
void	sbuf_reset(struct sbuf *sb);

/* APP_OK, or APP_TOOBIG if any append was dropped. */
static inline enum app_err
sbuf_err(const struct sbuf *sb)
{
	return sb->err;
}

#endif
