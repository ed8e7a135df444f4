#ifndef LOUDONG_SVC_SEAL_H
#define LOUDONG_SVC_SEAL_H

/*
 * Inside svc/ only: undisclosed content at rest.  One place seals a value
 * for its row (envelope encryption under c->keys, bound to ad) and one
 * opens it again, so every sealed column is handled the same way.
 */
#include <stddef.h>

#include "store/store.h"
#include "svc/svc.h"

/* Seal n bytes for the row named by ad; out points into c->a. */
void		 svc_seal(const struct svc_ctx *c, const void *p, size_t n,
		    const char *ad, struct sealed *out);

/*
 * Open what svc_seal made for ad: the plaintext (NUL-terminated, *n bytes
 * without the NUL) in c->a, or NULL if it was altered, moved to another row
 * or sealed under another key.
 */
unsigned char	*svc_unseal(const struct svc_ctx *c, const struct sealed *s,
		    const char *ad, size_t *n);

#endif
