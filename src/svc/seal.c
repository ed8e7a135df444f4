#include <string.h>

#include "core/arena.h"
#include "crypto/crypto.h"
#include "svc/seal.h"

void
svc_seal(const struct svc_ctx *c, const void *p, size_t n, const char *ad,
    struct sealed *out)
{
	unsigned char	*w = arena_alloc(c->a, CRYPTO_WRAPPED_KEY);
	unsigned char	*d = arena_alloc(c->a, n + CRYPTO_SEAL_OVERHEAD);

	crypto_envelope_seal(c->keys, p, n, ad, strlen(ad), w, d);
	out->wrapped = w;
	out->wrapped_len = CRYPTO_WRAPPED_KEY;
	out->data = d;
	out->data_len = n + CRYPTO_SEAL_OVERHEAD;
}

unsigned char *
svc_unseal(const struct svc_ctx *c, const struct sealed *s, const char *ad, size_t *n)
{
	unsigned char	*plain;

	if (s->wrapped_len != CRYPTO_WRAPPED_KEY || s->data_len < CRYPTO_SEAL_OVERHEAD)
		return NULL;
	*n = s->data_len - CRYPTO_SEAL_OVERHEAD;
	plain = arena_alloc(c->a, *n + 1);
	if (crypto_envelope_open(c->keys, s->wrapped, s->data, s->data_len, ad,
	    strlen(ad), plain) != 0)
		return NULL;
	plain[*n] = '\0';
	return plain;
}
