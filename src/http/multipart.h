#ifndef LOUDONG_HTTP_MULTIPART_H
#define LOUDONG_HTTP_MULTIPART_H

/*
 * multipart/form-data (RFC 7578) over a body already in memory.  Parts
 * point into the body (no copies) except the decoded names and filenames,
 * which live in the arena.  Strict: a malformed body is refused, never
 * half-parsed.
 */
#include <stddef.h>

#include "core/str.h"

struct arena;

struct mp_part {
	struct str	name;		/* form field name (Content-Disposition name=) */
	struct str	filename;	/* filename= if given (path components stripped), else empty */
	struct str	ctype;		/* the part's Content-Type, or empty */
	struct str	data;		/* the bytes, pointing into the body */
};

#define MP_MAX_PARTS		64	/* more is refused */
#define MP_MAX_HEADER_BYTES	2048	/* per part header block */

/*
 * Take the boundary from a Content-Type header value
 * ("multipart/form-data; boundary=..." with optional quotes, RFC 2046
 * limits: 1..70 characters).  0 and *boundary set, or -1.
 */
int	mp_boundary(const char *content_type, struct str *boundary);

/*
 * Parse body into at most max parts (<= MP_MAX_PARTS) in out (caller's
 * array).  Returns the number of parts, or -1 if the body is malformed
 * (missing boundary lines, no final "--boundary--", a part without
 * Content-Disposition: form-data; name=..., header block too big, too many
 * parts).
 */
int	mp_parse(struct arena *a, struct str body, struct str boundary,
	    struct mp_part *out, int max);

#endif
