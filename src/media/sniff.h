#ifndef LOUDONG_MEDIA_SNIFF_H
#define LOUDONG_MEDIA_SNIFF_H

/*
 * What a file really is, from its bytes (libmagic; the only user of
 * magic.h), never from its name or the client's Content-Type.  libmagic is
 * not thread-safe per handle, so each call takes a lock around a shared
 * handle opened at start-up.
 */
#include <stddef.h>

/* Open the magic database; 0 or -1.  Call once before serving. */
int	sniff_init(void);
void	sniff_cleanup(void);

/*
 * The MIME type of n bytes ("image/png", "text/plain", ...) into out
 * (without charset); "application/octet-stream" when unknown.
 */
void	sniff_mime(const void *p, size_t n, char *out, size_t outsz);

#endif
