#ifndef LOUDONG_CRYPTO_CRYPTO_H
#define LOUDONG_CRYPTO_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * The only user of sodium.h.  Passwords (Argon2id), random tokens and their
 * hashes, constant-time comparison, and the instance keys (encryption at
 * rest, signatures).  Secrets are wiped with crypto_wipe() before release.
 */

/* Call once before anything else; -1 if libsodium cannot start. */
int	crypto_init(void) __attribute__((warn_unused_result));

#define CRYPTO_PWHASH_MAX	128	/* bytes for an encoded hash, with NUL */

/*
 * Hash a password with Argon2id into out (an encoded string with its own
 * salt and parameters).  memlimit is in KiB.  0, or -1 (out of memory).
 */
int	crypto_password_hash(const char *pw, size_t n, int opslimit,
	    int memlimit_kib, char out[CRYPTO_PWHASH_MAX])
	    __attribute__((warn_unused_result));

/* 0 if pw matches hash, -1 otherwise (including a malformed hash). */
int	crypto_password_verify(const char *hash, const char *pw, size_t n)
	    __attribute__((warn_unused_result));

/*
 * Spend the time a real verification takes, for logins to unknown
 * accounts, so response time does not reveal which logins exist: pass the
 * parameters new hashes are made with.
 */
void	crypto_password_dummy_verify(const char *pw, size_t n, int opslimit,
	    int memlimit_kib);

#define CRYPTO_TOKEN_BYTES	32	/* entropy in every token */
#define CRYPTO_TOKEN_MAX	64	/* prefix + base64url(32) + NUL fits */
#define CRYPTO_HASH_HEX		65	/* SHA-256 as hex, with NUL */
#define CRYPTO_CSRF_HEX		64	/* CSRF tokens: 32 random bytes as hex */
#define AUTH_SESSION_TOKEN_PREFIX	"lds_"	/* session tokens (cookie) */
#define AUTH_API_TOKEN_PREFIX		"ldt_"	/* API tokens (Bearer) */

/*
 * A new random token: prefix followed by 43 base64url characters (256 bits).
 * prefix is at most 8 characters ("lds_" sessions, "ldt_" API tokens).
 */
void	crypto_token_new(const char *prefix, char out[CRYPTO_TOKEN_MAX]);

/* SHA-256 of n bytes, as lowercase hex.  Tokens are stored only this way. */
void	crypto_hash_hex(const void *p, size_t n, char out[CRYPTO_HASH_HEX]);
/* SHA-512 of n bytes, as lowercase hex (CSAF's .sha512 files). */
#define CRYPTO_SHA512_HEX	129
void	crypto_sha512_hex(const void *p, size_t n, char out[CRYPTO_SHA512_HEX]);

/* SHA-256 of the concatenation of up to three buffers (NULL/0 to skip). */
#define CRYPTO_SHA256_BYTES	32
void	crypto_sha256(unsigned char out[CRYPTO_SHA256_BYTES],
	    const void *a, size_t an, const void *b, size_t bn,
	    const void *c, size_t cn);

/* n random bytes as 2n hex characters plus NUL (out has 2n + 1 bytes). */
void	crypto_random_hex(char *out, size_t n);

/* Uniform random integer in [0, upper). */
uint32_t crypto_random_uniform(uint32_t upper);

/* Constant-time equality of two n-byte buffers. */
bool	crypto_memeq(const void *a, const void *b, size_t n);

/* Overwrite n bytes with zeros in a way the compiler keeps. */
void	crypto_wipe(void *p, size_t n);

/*
 * The instance keys, kept in DIR/keys/ with mode 0600 and never in the
 * database: a 256-bit data key (XChaCha20-Poly1305, for undisclosed content
 * at rest) and an Ed25519 signing key (receipts, federation).
 */
struct keyring;

/* Create the key files in dir/keys (which must not hold keys yet).  0 or -1. */
int	crypto_keys_create(const char *data_dir, char *err, size_t errsz)
	    __attribute__((warn_unused_result));

/* Load them; caller frees with crypto_keys_free().  NULL with err on failure. */
struct keyring	*crypto_keys_load(const char *data_dir, char *err, size_t errsz);
void		 crypto_keys_free(struct keyring *k);

/* Bytes crypto_seal adds to a plaintext (nonce + tag). */
#define CRYPTO_SEAL_OVERHEAD	(24 + 16)

/*
 * Encrypt n bytes with the data key: out receives n + CRYPTO_SEAL_OVERHEAD
 * bytes (random nonce, ciphertext, tag).  ad (may be NULL) is bound to the
 * ciphertext but not stored: pass the row's identity so a sealed value
 * cannot be moved to another row.
 */
void	crypto_seal(const struct keyring *k, const void *p, size_t n,
	    const void *ad, size_t adn, unsigned char *out);

/* Decrypt what crypto_seal made; out receives n - overhead bytes.  0 or -1. */
int	crypto_open(const struct keyring *k, const unsigned char *c, size_t n,
	    const void *ad, size_t adn, void *out)
	    __attribute__((warn_unused_result));

/*
 * Envelope encryption: n bytes sealed under a fresh random key, that key
 * sealed (wrapped) under the data key.  wrapped gets CRYPTO_WRAPPED_KEY
 * bytes, out n + CRYPTO_SEAL_OVERHEAD.  ad binds both to their row.
 * Rotating the data key then means re-wrapping small keys, not re-sealing
 * every attachment.
 */
#define CRYPTO_WRAPPED_KEY	(32 + CRYPTO_SEAL_OVERHEAD)
void	crypto_envelope_seal(const struct keyring *k, const void *p, size_t n,
	    const void *ad, size_t adn, unsigned char wrapped[CRYPTO_WRAPPED_KEY],
	    unsigned char *out);
/* Reverse it; out gets n - CRYPTO_SEAL_OVERHEAD bytes.  0, or -1 if anything was altered. */
int	crypto_envelope_open(const struct keyring *k,
	    const unsigned char wrapped[CRYPTO_WRAPPED_KEY], const unsigned char *c,
	    size_t n, const void *ad, size_t adn, void *out)
	    __attribute__((warn_unused_result));

/* The Ed25519 public key as hex (65 bytes with NUL), for publication. */
void	crypto_keys_public_hex(const struct keyring *k, char out[CRYPTO_HASH_HEX]);

#define CRYPTO_SIGN_PUBLIC	32	/* Ed25519 public key bytes */
#define CRYPTO_SIGN_BYTES	64	/* Ed25519 signature bytes */

/* The raw Ed25519 public key. */
void	crypto_keys_public(const struct keyring *k, unsigned char out[CRYPTO_SIGN_PUBLIC]);

/* Ed25519 signature of n bytes with the instance signing key. */
void	crypto_sign_msg(const struct keyring *k, const void *m, size_t n,
	    unsigned char sig[CRYPTO_SIGN_BYTES]);

/* 0 if sig is pk's signature of m, -1 otherwise (no keyring needed). */
int	crypto_sign_verify(const unsigned char pk[CRYPTO_SIGN_PUBLIC],
	    const void *m, size_t n, const unsigned char sig[CRYPTO_SIGN_BYTES])
	    __attribute__((warn_unused_result));

/*
 * Standard base64 (RFC 4648 §4, with padding) of n bytes into out, which
 * needs CRYPTO_B64_LEN(n) bytes; decoding returns the byte count or -1.
 */
#define CRYPTO_B64_LEN(n)	((((n) + 2) / 3) * 4 + 1)
void	crypto_b64_encode(char *out, size_t outsz, const void *p, size_t n);
int	crypto_b64_decode(void *out, size_t outsz, const char *s, size_t n)
	    __attribute__((warn_unused_result));

/* crypto_b64_encode into a new NUL-terminated string in the arena. */
struct arena;
char	*crypto_b64_arena(struct arena *a, const void *p, size_t n);

#endif
