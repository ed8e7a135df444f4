#ifndef LOUDONG_CRYPTO_OPENPGP_H
#define LOUDONG_CRYPTO_OPENPGP_H

/*
 * OpenPGP signatures for published documents (CSAF 2.0 §7.1.18: every
 * document has an armored detached signature, <file>.asc), through gpgme.
 * The only #include <gpgme.h>.  The key lives in its own GnuPG home
 * (<data_dir>/openpgp, mode 0700), made at `loudong init` (an Ed25519
 * signing key without a passphrase, uid "<name> <contact>") or imported
 * from the configured file ([advisories] openpgp_key_file).  Thread-safe:
 * each call has its own gpgme context.
 */
#include <stddef.h>

#include "core/err.h"

struct sbuf;

#define PGP_FPR_MAX	64	/* hex fingerprint, NUL included */

/*
 * Make sure home has a signing key: import key_file when given (an armored
 * secret key without a passphrase) and it is not there yet, else generate
 * one for uid when the home has none.  The fingerprint of the key used
 * goes to fpr.  APP_OK, or APP_INVALID (a bad home or key file) / APP_INTERNAL (gpg
 * failed), with a line logged.
 */
enum app_err	pgp_ensure_key(const char *home, const char *uid, const char *key_file,
		    char fpr[PGP_FPR_MAX]);

/* The signing key's fingerprint, if home has one: APP_OK or APP_NOTFOUND. */
enum app_err	pgp_fingerprint(const char *home, char fpr[PGP_FPR_MAX]);

/* An armored detached signature of data (SHA-512) appended to out. */
enum app_err	pgp_sign(const char *home, const void *data, size_t len, struct sbuf *out);

/* The armored public key, appended to out. */
enum app_err	pgp_public_key(const char *home, struct sbuf *out);

/*
 * Verify an armored detached signature over data with the keys of home:
 * APP_OK when good and made by the key with fingerprint fpr (NULL: any).
 */
enum app_err	pgp_verify(const char *home, const void *data, size_t len,
		    const char *sig, size_t siglen, const char *fpr);

/*
 * Stop the gpg-agent that GnuPG started for home (gpgconf --kill), so
 * none outlives the command or the server that used it.  Quiet when there
 * is none.
 */
void		pgp_agent_stop(const char *home);

#endif
