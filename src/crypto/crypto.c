#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "core/arena.h"
#include "core/xalloc.h"
#include "crypto/crypto.h"

int
crypto_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

int
crypto_password_hash(const char *pw, size_t n, int opslimit, int memlimit_kib,
    char out[CRYPTO_PWHASH_MAX])
{
	_Static_assert(crypto_pwhash_STRBYTES <= CRYPTO_PWHASH_MAX, "pwhash size");
	return crypto_pwhash_str_alg(out, pw, n, (unsigned long long)opslimit,
	    (size_t)memlimit_kib * 1024, crypto_pwhash_ALG_ARGON2ID13) == 0 ? 0 : -1;
}

int
crypto_password_verify(const char *hash, const char *pw, size_t n)
{
	if (hash == NULL || strnlen(hash, CRYPTO_PWHASH_MAX) >= CRYPTO_PWHASH_MAX)
		return -1;
	return crypto_pwhash_str_verify(hash, pw, n) == 0 ? 0 : -1;
}

void
crypto_password_dummy_verify(const char *pw, size_t n, int opslimit,
    int memlimit_kib)
{
	char	out[CRYPTO_PWHASH_MAX];

	/*
	 * Verifying is hashing with the stored parameters, so hashing with the
	 * parameters real accounts get costs the same.  The result is unused.
	 */
	if (crypto_password_hash(pw, n, opslimit, memlimit_kib, out) == 0)
		sodium_memzero(out, sizeof(out));
}

void
crypto_token_new(const char *prefix, char out[CRYPTO_TOKEN_MAX])
{
	unsigned char	raw[CRYPTO_TOKEN_BYTES];
	size_t		plen = strlen(prefix);

	if (plen > 8)
		plen = 8;
	memcpy(out, prefix, plen);
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out + plen, CRYPTO_TOKEN_MAX - plen, raw, sizeof(raw),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
}

void
crypto_hash_hex(const void *p, size_t n, char out[CRYPTO_HASH_HEX])
{
	unsigned char	h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, p, n);
	sodium_bin2hex(out, CRYPTO_HASH_HEX, h, sizeof(h));
}

void
crypto_sha512_hex(const void *p, size_t n, char out[CRYPTO_SHA512_HEX])
{
	unsigned char	h[crypto_hash_sha512_BYTES];

	crypto_hash_sha512(h, p, n);
	sodium_bin2hex(out, CRYPTO_SHA512_HEX, h, sizeof(h));
}

void
crypto_random_hex(char *out, size_t n)
{
	unsigned char	raw[64];
	size_t		chunk;

	while (n > 0) {
		chunk = n < sizeof(raw) ? n : sizeof(raw);
		randombytes_buf(raw, chunk);
		sodium_bin2hex(out, chunk * 2 + 1, raw, chunk);
		out += chunk * 2;
		n -= chunk;
	}
	*out = '\0';
}

uint32_t
crypto_random_uniform(uint32_t upper)
{
	return randombytes_uniform(upper);
}

bool
crypto_memeq(const void *a, const void *b, size_t n)
{
	return sodium_memcmp(a, b, n) == 0;
}

void
crypto_wipe(void *p, size_t n)
{
	sodium_memzero(p, n);
}

struct keyring {
	unsigned char	data_key[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];	/* at rest */
	unsigned char	sign_sk[crypto_sign_SECRETKEYBYTES];	/* Ed25519 secret */
	unsigned char	sign_pk[crypto_sign_PUBLICKEYBYTES];	/* Ed25519 public */
};

static int
write_secret(const char *path, const void *p, size_t n)
{
	int	fd, rc = -1;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0)
		return -1;
	if (write(fd, p, n) == (ssize_t)n && fsync(fd) == 0)
		rc = 0;
	if (close(fd) != 0)
		rc = -1;
	return rc;
}

static int
read_secret(const char *path, void *p, size_t n)
{
	struct stat	st;
	int		fd, rc = -1;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	if (fstat(fd, &st) == 0 && st.st_size == (off_t)n &&
	    read(fd, p, n) == (ssize_t)n)
		rc = 0;
	close(fd);
	return rc;
}

int
crypto_keys_create(const char *data_dir, char *err, size_t errsz)
{
	struct keyring	k;
	unsigned char	seed[crypto_sign_SEEDBYTES];
	char		dir[600], path[700];
	int		rc = -1;

	snprintf(dir, sizeof(dir), "%s/keys", data_dir);
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		snprintf(err, errsz, "cannot create '%s': %s", dir, strerror(errno));
		return -1;
	}
	crypto_aead_xchacha20poly1305_ietf_keygen(k.data_key);
	randombytes_buf(seed, sizeof(seed));
	snprintf(path, sizeof(path), "%s/data.key", dir);
	if (write_secret(path, k.data_key, sizeof(k.data_key)) != 0) {
		snprintf(err, errsz, "cannot write '%s': %s", path, strerror(errno));
		goto out;
	}
	snprintf(path, sizeof(path), "%s/sign.key", dir);
	if (write_secret(path, seed, sizeof(seed)) != 0) {
		snprintf(err, errsz, "cannot write '%s': %s", path, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	sodium_memzero(&k, sizeof(k));
	sodium_memzero(seed, sizeof(seed));
	return rc;
}

struct keyring *
crypto_keys_load(const char *data_dir, char *err, size_t errsz)
{
	struct keyring	*k;
	unsigned char	 seed[crypto_sign_SEEDBYTES];
	char		 path[700];

	k = xcalloc(1, sizeof(*k));
	snprintf(path, sizeof(path), "%s/keys/data.key", data_dir);
	if (read_secret(path, k->data_key, sizeof(k->data_key)) != 0) {
		snprintf(err, errsz, "cannot read the data key '%s' (run loudong init?)", path);
		goto fail;
	}
	snprintf(path, sizeof(path), "%s/keys/sign.key", data_dir);
	if (read_secret(path, seed, sizeof(seed)) != 0) {
		snprintf(err, errsz, "cannot read the signing key '%s' (run loudong init?)", path);
		goto fail;
	}
	crypto_sign_seed_keypair(k->sign_pk, k->sign_sk, seed);
	sodium_memzero(seed, sizeof(seed));
	return k;
fail:
	crypto_keys_free(k);
	return NULL;
}

void
crypto_keys_free(struct keyring *k)
{
	if (k == NULL)
		return;
	sodium_memzero(k, sizeof(*k));
	free(k);
}

/* XChaCha20-Poly1305 with a random nonce: nonce || ciphertext || tag. */
static void
seal_with(const unsigned char key[32], const void *p, size_t n, const void *ad,
    size_t adn, unsigned char *out)
{
	randombytes_buf(out, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
	crypto_aead_xchacha20poly1305_ietf_encrypt(
	    out + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, NULL,
	    p, n, ad, adn, NULL, out, key);
}

static int
open_with(const unsigned char key[32], const unsigned char *c, size_t n,
    const void *ad, size_t adn, void *out)
{
	if (n < CRYPTO_SEAL_OVERHEAD)
		return -1;
	return crypto_aead_xchacha20poly1305_ietf_decrypt(out, NULL, NULL,
	    c + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
	    n - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, ad, adn, c, key) == 0 ?
	    0 : -1;
}

void
crypto_envelope_seal(const struct keyring *k, const void *p, size_t n,
    const void *ad, size_t adn, unsigned char wrapped[CRYPTO_WRAPPED_KEY],
    unsigned char *out)
{
	unsigned char	dek[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];

	crypto_aead_xchacha20poly1305_ietf_keygen(dek);
	seal_with(dek, p, n, ad, adn, out);
	seal_with(k->data_key, dek, sizeof(dek), ad, adn, wrapped);
	sodium_memzero(dek, sizeof(dek));
}

int
crypto_envelope_open(const struct keyring *k,
    const unsigned char wrapped[CRYPTO_WRAPPED_KEY], const unsigned char *c,
    size_t n, const void *ad, size_t adn, void *out)
{
	unsigned char	dek[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
	int		rc = -1;

	if (open_with(k->data_key, wrapped, CRYPTO_WRAPPED_KEY, ad, adn, dek) == 0)
		rc = open_with(dek, c, n, ad, adn, out);
	sodium_memzero(dek, sizeof(dek));
	return rc;
}

void
crypto_seal(const struct keyring *k, const void *p, size_t n,
    const void *ad, size_t adn, unsigned char *out)
{
	_Static_assert(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES +
	    crypto_aead_xchacha20poly1305_ietf_ABYTES == CRYPTO_SEAL_OVERHEAD,
	    "seal overhead");
	seal_with(k->data_key, p, n, ad, adn, out);
}

int
crypto_open(const struct keyring *k, const unsigned char *c, size_t n,
    const void *ad, size_t adn, void *out)
{
	return open_with(k->data_key, c, n, ad, adn, out);
}

void
crypto_keys_public_hex(const struct keyring *k, char out[CRYPTO_HASH_HEX])
{
	sodium_bin2hex(out, CRYPTO_HASH_HEX, k->sign_pk, sizeof(k->sign_pk));
}

void
crypto_sha256(unsigned char out[CRYPTO_SHA256_BYTES], const void *a, size_t an,
    const void *b, size_t bn, const void *c, size_t cn)
{
	crypto_hash_sha256_state	st;

	crypto_hash_sha256_init(&st);
	if (an > 0)
		crypto_hash_sha256_update(&st, a, an);
	if (bn > 0)
		crypto_hash_sha256_update(&st, b, bn);
	if (cn > 0)
		crypto_hash_sha256_update(&st, c, cn);
	crypto_hash_sha256_final(&st, out);
}

void
crypto_keys_public(const struct keyring *k, unsigned char out[CRYPTO_SIGN_PUBLIC])
{
	memcpy(out, k->sign_pk, CRYPTO_SIGN_PUBLIC);
}

void
crypto_sign_msg(const struct keyring *k, const void *m, size_t n,
    unsigned char sig[CRYPTO_SIGN_BYTES])
{
	crypto_sign_detached(sig, NULL, m, n, k->sign_sk);
}

int
crypto_sign_verify(const unsigned char pk[CRYPTO_SIGN_PUBLIC], const void *m,
    size_t n, const unsigned char sig[CRYPTO_SIGN_BYTES])
{
	return crypto_sign_verify_detached(sig, m, n, pk) == 0 ? 0 : -1;
}

void
crypto_b64_encode(char *out, size_t outsz, const void *p, size_t n)
{
	sodium_bin2base64(out, outsz, p, n, sodium_base64_VARIANT_ORIGINAL);
}

int
crypto_b64_decode(void *out, size_t outsz, const char *s, size_t n)
{
	size_t	len = 0;

	if (sodium_base642bin(out, outsz, s, n, NULL, &len, NULL,
	    sodium_base64_VARIANT_ORIGINAL) != 0)
		return -1;
	return (int)len;
}

char *
crypto_b64_arena(struct arena *a, const void *p, size_t n)
{
	char	*s = arena_alloc(a, CRYPTO_B64_LEN(n));

	crypto_b64_encode(s, CRYPTO_B64_LEN(n), p, n);
	return s;
}
