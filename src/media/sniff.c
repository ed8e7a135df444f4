#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <magic.h>

#include "media/sniff.h"

#define SNIFF_FALLBACK	"application/octet-stream"

/*
 * Look at no more than the first 1 MiB: every signature libmagic knows sits
 * near the start, and a bound keeps one upload from costing a scan of its
 * whole length under the lock.
 */
#define SNIFF_MAX_BYTES	((size_t)1024 * 1024)

/*
 * Only the MIME type, and none of the checks that do real work on hostile
 * bytes: no decompression (bombs, and helpers that fork), no ELF section
 * walking, no CDF (OLE2) parser, the two with the longest CVE histories.
 * The magic entries themselves still name ELF and OLE2 files.
 */
#define SNIFF_FLAGS	(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS | \
			 MAGIC_NO_COMPRESS_FORK | MAGIC_NO_CHECK_ELF | \
			 MAGIC_NO_CHECK_CDF | MAGIC_NO_CHECK_APPTYPE)

static pthread_mutex_t	lock = PTHREAD_MUTEX_INITIALIZER;
static magic_t		cookie;		/* the shared handle, under lock */

int
sniff_init(void)
{
	magic_t	m = NULL;
	size_t	bytes = SNIFF_MAX_BYTES;
	int	ret = -1;

	if ((m = magic_open(SNIFF_FLAGS)) == NULL)
		goto out;
	if (magic_load(m, NULL) != 0 ||
	    magic_setparam(m, MAGIC_PARAM_BYTES_MAX, &bytes) != 0)
		goto out;
	pthread_mutex_lock(&lock);
	if (cookie != NULL)
		magic_close(cookie);
	cookie = m;
	m = NULL;
	pthread_mutex_unlock(&lock);
	ret = 0;
out:
	if (m != NULL)
		magic_close(m);
	return ret;
}

void
sniff_cleanup(void)
{
	pthread_mutex_lock(&lock);
	if (cookie != NULL)
		magic_close(cookie);
	cookie = NULL;
	pthread_mutex_unlock(&lock);
}

/* type/subtype of RFC 6838 restricted-name characters, nothing else. */
static bool
mime_ok(const char *s, size_t n)
{
	size_t	i, slash = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '/') {
			if (slash != 0 || i == 0)
				return false;
			slash = i;
		} else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("!#$&^_.+-", c) != NULL))
			return false;
	}
	return slash != 0 && slash + 1 < n;
}

void
sniff_mime(const void *p, size_t n, char *out, size_t outsz)
{
	const char	*r;
	size_t		 len;
	bool		 done = false;

	if (out == NULL || outsz == 0)
		return;
	/* Empty is not a type; libmagic's "application/x-empty" is its own invention. */
	if (p == NULL || n == 0)
		goto out;
	if (n > SNIFF_MAX_BYTES)
		n = SNIFF_MAX_BYTES;
	pthread_mutex_lock(&lock);
	/* The result lives in the handle until the next call: copy it under the lock. */
	if (cookie != NULL && (r = magic_buffer(cookie, p, n)) != NULL) {
		len = strcspn(r, "; ");
		if (mime_ok(r, len) && len < outsz) {
			memcpy(out, r, len);
			out[len] = '\0';
			done = true;
		}
	}
	pthread_mutex_unlock(&lock);
out:
	if (!done)
		snprintf(out, outsz, "%s", SNIFF_FALLBACK);
}
