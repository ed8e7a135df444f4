/*
 * OpenPGP signatures through gpgme (see openpgp.h).  Every call opens its
 * own context on the GnuPG home it is given; nothing about a home is cached
 * here.  gpg and gpg-agent are separate processes that gpgme starts: the
 * agent stays up for the home after a call (that is how GnuPG works) and
 * is stopped with `gpgconf --homedir <home> --kill gpg-agent`.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <locale.h>
#include <pthread.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gpgme.h>

#include "core/log.h"
#include "core/sbuf.h"
#include "crypto/openpgp.h"

extern char **environ;

#define PGP_GPGME_MIN	"1.7.0"		/* gpgme_op_createkey */
#define PGP_KEY_ALGO	"ed25519"
#define PGP_UID_MAX	256		/* bytes of a generated key's user id */
#define PGP_KEY_FILE_MAX (1024 * 1024)	/* an armored secret key file */
#define PGP_IMPORT_MAX	16		/* secret keys looked at in a key file */
#define PGP_SIGS_MAX	8		/* signatures accepted in one .asc */

/*
 * Written into a home that lacks them.  gpgme cannot pass options to gpg,
 * so the digest is chosen here: CSAF asks for SHA-512, and gpg would pick
 * SHA-256 for an Ed25519 key.  pgp_sign() checks the result anyway, so a
 * gpg.conf edited by hand cannot silently weaken it.
 */
static const char gpg_conf[] =
    "# Written by loudong: document signatures use SHA-512.\n"
    "personal-digest-preferences SHA512 SHA384 SHA256\n"
    "digest-algo SHA512\n"
    "cert-digest-algo SHA512\n";
static const char agent_conf[] =
    "# Written by loudong: the keys have no passphrase, gpgme uses loopback.\n"
    "allow-loopback-pinentry\n";

static pthread_once_t	pgp_once = PTHREAD_ONCE_INIT;
static int		pgp_ready;	/* set once by pgp_init, read-only after */

/*
 * Serialises pgp_ensure_key() within the process: two callers on an empty
 * home would otherwise both see no key and both generate one.
 */
static pthread_mutex_t	pgp_ensure_lock = PTHREAD_MUTEX_INITIALIZER;

static void
pgp_init(void)
{
	const char	*lc;

	/* gpgme_check_version() must run before any other gpgme call. */
	if (gpgme_check_version(PGP_GPGME_MIN) == NULL)
		return;
	/*
	 * gpgme hands the locale to gpg and the pinentry.  The process
	 * locale itself belongs to main(), so it is passed on, not set.
	 */
	if ((lc = setlocale(LC_CTYPE, NULL)) != NULL)
		gpgme_set_locale(NULL, LC_CTYPE, lc);
#ifdef LC_MESSAGES
	if ((lc = setlocale(LC_MESSAGES, NULL)) != NULL)
		gpgme_set_locale(NULL, LC_MESSAGES, lc);
#endif
	if (gpgme_engine_check_version(GPGME_PROTOCOL_OpenPGP) != GPG_ERR_NO_ERROR)
		return;
	pgp_ready = 1;
}

static void
pgp_log(const char *op, const char *home, gpgme_error_t e)
{
	char	q[LOG_QUOTE_MAX], msg[256];

	if (gpgme_strerror_r(e, msg, sizeof(msg)) != 0)
		snprintf(msg, sizeof(msg), "gpgme error %u", (unsigned)e);
	log_err("event=openpgp_failed op=%s home=%s error=\"%s\"", op,
	    log_quote(q, sizeof(q), home, strlen(home)), msg);
}

static void
pgp_logx(const char *op, const char *home, const char *msg)
{
	char	q[LOG_QUOTE_MAX];

	log_err("event=openpgp_failed op=%s home=%s error=\"%s\"", op,
	    log_quote(q, sizeof(q), home, strlen(home)), msg);
}

/* Create path with content unless it exists (the operator's copy wins). */
static int
write_new(const char *path, const char *content)
{
	size_t	n = strlen(content);
	int	fd, rc = -1;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0)
		return errno == EEXIST ? 0 : -1;
	if (write(fd, content, n) == (ssize_t)n)
		rc = 0;
	if (close(fd) != 0)
		rc = -1;
	return rc;
}

/*
 * Check (create, when create is set) the GnuPG home: a directory of ours
 * that only we can enter, as gpg itself expects.  APP_NOTFOUND when it is
 * missing and create is not set (not logged); anything else is logged.
 */
static enum app_err
home_check(const char *home, int create)
{
	struct stat	st;
	char		q[LOG_QUOTE_MAX], path[PATH_MAX];
	size_t		n;

	if (home == NULL || (n = strlen(home)) == 0 || n >= PATH_MAX - 32) {
		log_err("event=openpgp_failed error=\"bad gnupg home\"");
		return APP_INVALID;
	}
	log_quote(q, sizeof(q), home, n);
	if (stat(home, &st) != 0) {
		if (errno != ENOENT) {
			log_warn("event=openpgp_failed home=%s msg=\"cannot stat\"", q);
			return APP_INTERNAL;
		}
		if (!create)
			return APP_NOTFOUND;
		/* Only the last component: the data directory must exist. */
		if (mkdir(home, 0700) != 0 || stat(home, &st) != 0) {
			log_warn("event=openpgp_failed home=%s msg=\"cannot create\"", q);
			return APP_INTERNAL;
		}
	}
	if (!S_ISDIR(st.st_mode)) {
		log_err("event=openpgp_failed home=%s error=\"not a directory\"", q);
		return APP_INVALID;
	}
	if (st.st_uid != geteuid() || (st.st_mode & 077) != 0) {
		log_err("event=openpgp_failed home=%s error=\"the home must be owned by "
		    "this user and have mode 0700\" mode=%04o", q,
		    (unsigned)(st.st_mode & 07777));
		return APP_INVALID;
	}
	if (!create)
		return APP_OK;
	snprintf(path, sizeof(path), "%s/gpg.conf", home);
	if (write_new(path, gpg_conf) != 0) {
		log_warn("event=openpgp_failed home=%s msg=\"cannot write gpg.conf\"", q);
		return APP_INTERNAL;
	}
	snprintf(path, sizeof(path), "%s/gpg-agent.conf", home);
	if (write_new(path, agent_conf) != 0) {
		log_warn("event=openpgp_failed home=%s msg=\"cannot write gpg-agent.conf\"",
		    q);
		return APP_INTERNAL;
	}
	/*
	 * Without /run/user/<uid>, the agent's sockets go into the home, and
	 * a UNIX socket path has a small fixed limit: the agent then fails to
	 * start with "socket name too long".  Say so up front.
	 */
	if (n + sizeof("/S.gpg-agent.browser") > sizeof(((struct sockaddr_un *)0)->sun_path))
		log_warnx("event=openpgp_long_home home=%s msg=\"the gpg-agent sockets may "
		    "not fit under this path unless /run/user/%u exists\"", q,
		    (unsigned)geteuid());
	return APP_OK;
}

/* A context for home, ready for OpenPGP; APP_INTERNAL (logged) or APP_OK. */
static enum app_err
ctx_open(const char *home, gpgme_ctx_t *out)
{
	gpgme_ctx_t	ctx = NULL;
	gpgme_error_t	e;
	enum app_err	er = APP_INTERNAL;

	*out = NULL;
	pthread_once(&pgp_once, pgp_init);
	if (!pgp_ready) {
		pgp_logx("init", home, "gpgme " PGP_GPGME_MIN " or gpg is missing");
		goto out;
	}
	if ((e = gpgme_new(&ctx)) != GPG_ERR_NO_ERROR) {
		pgp_log("new", home, e);
		goto out;
	}
	if ((e = gpgme_set_protocol(ctx, GPGME_PROTOCOL_OpenPGP)) != GPG_ERR_NO_ERROR ||
	    (e = gpgme_ctx_set_engine_info(ctx, GPGME_PROTOCOL_OpenPGP, NULL,
	    home)) != GPG_ERR_NO_ERROR ||
	    (e = gpgme_set_pinentry_mode(ctx, GPGME_PINENTRY_MODE_LOOPBACK)) !=
	    GPG_ERR_NO_ERROR) {
		pgp_log("setup", home, e);
		goto out;
	}
	gpgme_set_armor(ctx, 1);
	/* Never fetch keys or revocations from the network while verifying. */
	gpgme_set_offline(ctx, 1);
	*out = ctx;
	ctx = NULL;
	er = APP_OK;
out:
	gpgme_release(ctx);
	return er;
}

static int
subkey_signs(gpgme_subkey_t s)
{
	return s->can_sign && s->secret && !s->revoked && !s->expired &&
	    !s->disabled && !s->invalid;
}

static int
key_signs(gpgme_key_t k)
{
	gpgme_subkey_t	s;

	if (!k->can_sign || !k->secret || k->revoked || k->expired ||
	    k->disabled || k->invalid || k->subkeys == NULL)
		return 0;
	for (s = k->subkeys; s != NULL; s = s->next)
		if (subkey_signs(s))
			return 1;
	return 0;
}

static int
fpr_valid(const char *s)
{
	size_t	i, n;

	if (s == NULL)
		return 0;
	n = strlen(s);
	if (n != 40 && n != 64)		/* v4 and v5 keys */
		return 0;
	for (i = 0; i < n; i++)
		if (!isxdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

static int
fpr_eq(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcasecmp(a, b) == 0;
}

/* The primary fingerprint of k into fpr; -1 if it is missing or odd. */
static int
key_fpr(gpgme_key_t k, char fpr[PGP_FPR_MAX])
{
	const char	*p = k->fpr != NULL ? k->fpr : k->subkeys->fpr;

	if (!fpr_valid(p))
		return -1;
	snprintf(fpr, PGP_FPR_MAX, "%s", p);
	return 0;
}

/*
 * The first secret key of home that can sign, a reference the caller
 * unrefs.  APP_OK, APP_NOTFOUND (not logged) or APP_INTERNAL (logged).
 */
static enum app_err
key_find(gpgme_ctx_t ctx, const char *home, gpgme_key_t *out)
{
	gpgme_key_t	k = NULL;
	gpgme_error_t	e;
	enum app_err	er = APP_INTERNAL;

	*out = NULL;
	if ((e = gpgme_op_keylist_start(ctx, NULL, 1)) != GPG_ERR_NO_ERROR) {
		pgp_log("keylist", home, e);
		goto out;
	}
	while ((e = gpgme_op_keylist_next(ctx, &k)) == GPG_ERR_NO_ERROR) {
		if (*out == NULL && key_signs(k)) {
			*out = k;
			k = NULL;
		}
		gpgme_key_unref(k);
		k = NULL;
	}
	if (gpg_err_code(e) != GPG_ERR_EOF) {
		pgp_log("keylist", home, e);
		gpgme_op_keylist_end(ctx);
		goto out;
	}
	if ((e = gpgme_op_keylist_end(ctx)) != GPG_ERR_NO_ERROR) {
		pgp_log("keylist", home, e);
		goto out;
	}
	er = *out != NULL ? APP_OK : APP_NOTFOUND;
out:
	if (er != APP_OK) {
		gpgme_key_unref(*out);
		*out = NULL;
	}
	return er;
}

/*
 * Read the key file at path into *d (the caller releases it) and list the
 * primary fingerprints of the secret keys in it into fprs[0..*nfpr), without
 * importing anything: a file that is no secret key, or a key the home must
 * not take, leaves the home as it was.
 */
static enum app_err
key_file_scan(gpgme_ctx_t ctx, const char *home, const char *path, gpgme_data_t *d,
    char fprs[PGP_IMPORT_MAX][PGP_FPR_MAX], size_t *nfpr)
{
	gpgme_key_t	k = NULL;
	gpgme_error_t	e;
	struct stat	st;
	char		q[LOG_QUOTE_MAX];
	enum app_err	er = APP_INVALID;

	*d = NULL;
	*nfpr = 0;
	log_quote(q, sizeof(q), path, strlen(path));
	if (stat(path, &st) != 0) {
		log_warn("event=openpgp_failed op=import file=%s msg=\"cannot stat\"", q);
		goto out;
	}
	if (!S_ISREG(st.st_mode) || st.st_size > PGP_KEY_FILE_MAX) {
		log_err("event=openpgp_failed op=import file=%s error=\"not a regular "
		    "file of at most %d bytes\"", q, PGP_KEY_FILE_MAX);
		goto out;
	}
	if ((e = gpgme_data_new_from_file(d, path, 1)) != GPG_ERR_NO_ERROR) {
		pgp_log("import", home, e);
		goto out;
	}
	if ((e = gpgme_op_keylist_from_data_start(ctx, *d, 0)) != GPG_ERR_NO_ERROR) {
		pgp_log("import", home, e);
		goto out;
	}
	while ((e = gpgme_op_keylist_next(ctx, &k)) == GPG_ERR_NO_ERROR) {
		if (k->secret && *nfpr < PGP_IMPORT_MAX &&
		    key_fpr(k, fprs[*nfpr]) == 0)
			(*nfpr)++;
		gpgme_key_unref(k);
		k = NULL;
	}
	gpgme_op_keylist_end(ctx);
	/* Anything but EOF: the file is no key material gpg understands. */
	if (gpg_err_code(e) != GPG_ERR_EOF || *nfpr == 0) {
		log_err("event=openpgp_failed op=import file=%s error=\"no secret key in "
		    "the file\"", q);
		goto out;
	}
	if (gpgme_data_seek(*d, 0, SEEK_SET) != 0) {
		pgp_logx("import", home, "cannot rewind the key file");
		er = APP_INTERNAL;
		goto out;
	}
	er = APP_OK;
out:
	return er;
}

static enum app_err
key_import(gpgme_ctx_t ctx, const char *home, const char *path, gpgme_data_t d)
{
	gpgme_import_result_t	r;
	gpgme_error_t		e;
	char			q[LOG_QUOTE_MAX];

	if ((e = gpgme_op_import(ctx, d)) != GPG_ERR_NO_ERROR) {
		pgp_log("import", home, e);
		return APP_INTERNAL;
	}
	if ((r = gpgme_op_import_result(ctx)) == NULL ||
	    r->secret_imported + r->secret_unchanged == 0) {
		log_err("event=openpgp_failed op=import file=%s error=\"the secret key "
		    "was not imported (protected by a passphrase?)\"",
		    log_quote(q, sizeof(q), path, strlen(path)));
		return APP_INVALID;
	}
	return APP_OK;
}

static int
fpr_in(const char *fpr, char fprs[][PGP_FPR_MAX], size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (fpr_eq(fprs[i], fpr))
			return 1;
	return 0;
}

static int
uid_valid(const char *uid)
{
	size_t	i, n;

	if (uid == NULL || (n = strlen(uid)) == 0 || n > PGP_UID_MAX)
		return 0;
	for (i = 0; i < n; i++)
		if ((unsigned char)uid[i] < 0x20 || uid[i] == 0x7f)
			return 0;
	return 1;
}

static enum app_err
key_generate(gpgme_ctx_t ctx, const char *home, const char *uid)
{
	gpgme_error_t	e;

	/*
	 * FORCE: the home has no usable signing key, yet may hold a public
	 * key or a revoked one with this uid, which gpg would refuse to
	 * duplicate otherwise.
	 */
	e = gpgme_op_createkey(ctx, uid, PGP_KEY_ALGO, 0, 0, NULL, GPGME_CREATE_SIGN |
	    GPGME_CREATE_NOPASSWD | GPGME_CREATE_NOEXPIRE | GPGME_CREATE_FORCE);
	if (e != GPG_ERR_NO_ERROR) {
		pgp_log("createkey", home, e);
		return APP_INTERNAL;
	}
	return APP_OK;
}

enum app_err
pgp_ensure_key(const char *home, const char *uid, const char *key_file,
    char fpr[PGP_FPR_MAX])
{
	gpgme_ctx_t	ctx = NULL;
	gpgme_key_t	key = NULL;
	gpgme_data_t	d = NULL;
	char		fprs[PGP_IMPORT_MAX][PGP_FPR_MAX];
	size_t		nfpr = 0;
	int		import = key_file != NULL && key_file[0] != '\0';
	enum app_err	er;

	fpr[0] = '\0';
	pthread_mutex_lock(&pgp_ensure_lock);
	if ((er = home_check(home, 1)) != APP_OK)
		goto out;
	if ((er = ctx_open(home, &ctx)) != APP_OK)
		goto out;
	if (import && (er = key_file_scan(ctx, home, key_file, &d, fprs, &nfpr)) != APP_OK)
		goto out;
	er = key_find(ctx, home, &key);
	if (er == APP_NOTFOUND) {
		if (import)
			er = key_import(ctx, home, key_file, d);
		else if (!uid_valid(uid)) {
			pgp_logx("createkey", home, "bad user id");
			er = APP_INVALID;
		} else
			er = key_generate(ctx, home, uid);
		if (er != APP_OK)
			goto out;
		if ((er = key_find(ctx, home, &key)) == APP_NOTFOUND) {
			pgp_logx("ensure", home, import ? "the imported key cannot sign" :
			    "the new key is not there");
			er = import ? APP_INVALID : APP_INTERNAL;
		}
	}
	if (er != APP_OK)
		goto out;
	if (key_fpr(key, fpr) != 0) {
		pgp_logx("ensure", home, "the key has no fingerprint");
		er = APP_INTERNAL;
		goto out;
	}
	/*
	 * pgp_sign() takes the first signing key of the home: with a key file,
	 * that must be the file's key.  A home that already signs with another
	 * key is left alone (not imported into), since which key signs would
	 * then depend on keyring order.
	 */
	if (import && !fpr_in(fpr, fprs, nfpr)) {
		pgp_logx("import", home, "the home already has another signing key");
		er = APP_INVALID;
		goto out;
	}
out:
	if (er != APP_OK)
		fpr[0] = '\0';
	gpgme_data_release(d);
	gpgme_key_unref(key);
	gpgme_release(ctx);
	pthread_mutex_unlock(&pgp_ensure_lock);
	return er;
}

/* Open home (never created here) and find its signing key. */
static enum app_err
open_signer(const char *home, const char *op, gpgme_ctx_t *ctx, gpgme_key_t *key)
{
	enum app_err	er;

	*ctx = NULL;
	*key = NULL;
	if ((er = home_check(home, 0)) != APP_OK)
		goto out;
	if ((er = ctx_open(home, ctx)) != APP_OK)
		goto out;
	er = key_find(*ctx, home, key);
out:
	if (er == APP_NOTFOUND && op != NULL)
		pgp_logx(op, home, "no signing key (run loudong init?)");
	return er;
}

enum app_err
pgp_fingerprint(const char *home, char fpr[PGP_FPR_MAX])
{
	gpgme_ctx_t	ctx = NULL;
	gpgme_key_t	key = NULL;
	enum app_err	er;

	fpr[0] = '\0';
	if ((er = open_signer(home, NULL, &ctx, &key)) != APP_OK)
		goto out;
	if (key_fpr(key, fpr) != 0) {
		pgp_logx("fingerprint", home, "the key has no fingerprint");
		er = APP_INTERNAL;
	}
out:
	gpgme_key_unref(key);
	gpgme_release(ctx);
	return er;
}

/* Move what d holds to out and release d; APP_TOOBIG if out is full. */
static enum app_err
data_to_sbuf(gpgme_data_t d, struct sbuf *out, size_t *n)
{
	char	*p;

	*n = 0;
	p = gpgme_data_release_and_get_mem(d, n);
	if (p != NULL && *n > 0)
		sbuf_add(out, p, *n);
	gpgme_free(p);
	return sbuf_err(out);
}

enum app_err
pgp_sign(const char *home, const void *data, size_t len, struct sbuf *out)
{
	gpgme_ctx_t		ctx = NULL;
	gpgme_key_t		key = NULL;
	gpgme_data_t		in = NULL, sig = NULL;
	gpgme_sign_result_t	r;
	gpgme_error_t		e;
	size_t			n;
	enum app_err		er;

	if ((er = open_signer(home, "sign", &ctx, &key)) != APP_OK)
		goto out;
	er = APP_INTERNAL;
	if ((e = gpgme_signers_add(ctx, key)) != GPG_ERR_NO_ERROR ||
	    (e = gpgme_data_new_from_mem(&in, len > 0 ? data : "", len, 0)) !=
	    GPG_ERR_NO_ERROR ||
	    (e = gpgme_data_new(&sig)) != GPG_ERR_NO_ERROR) {
		pgp_log("sign", home, e);
		goto out;
	}
	if ((e = gpgme_op_sign(ctx, in, sig, GPGME_SIG_MODE_DETACH)) != GPG_ERR_NO_ERROR) {
		pgp_log("sign", home, e);
		goto out;
	}
	r = gpgme_op_sign_result(ctx);
	if (r == NULL || r->invalid_signers != NULL || r->signatures == NULL ||
	    r->signatures->next != NULL || r->signatures->type != GPGME_SIG_MODE_DETACH) {
		pgp_logx("sign", home, "gpg made no single detached signature");
		goto out;
	}
	/* CSAF 2.0 §7.1.18 asks for SHA-512; gpg.conf could have changed it. */
	if (r->signatures->hash_algo != GPGME_MD_SHA512) {
		pgp_logx("sign", home, "the signature is not SHA-512 (see gpg.conf)");
		goto out;
	}
	er = data_to_sbuf(sig, out, &n);
	sig = NULL;
	if (er == APP_OK && n == 0) {
		pgp_logx("sign", home, "empty signature");
		er = APP_INTERNAL;
	}
out:
	gpgme_data_release(in);
	gpgme_data_release(sig);
	gpgme_key_unref(key);
	gpgme_release(ctx);
	return er;
}

enum app_err
pgp_public_key(const char *home, struct sbuf *out)
{
	gpgme_ctx_t	ctx = NULL;
	gpgme_key_t	key = NULL;
	gpgme_data_t	d = NULL;
	gpgme_error_t	e;
	char		fpr[PGP_FPR_MAX];
	size_t		n;
	enum app_err	er;

	if ((er = open_signer(home, "export", &ctx, &key)) != APP_OK)
		goto out;
	er = APP_INTERNAL;
	if (key_fpr(key, fpr) != 0) {
		pgp_logx("export", home, "the key has no fingerprint");
		goto out;
	}
	if ((e = gpgme_data_new(&d)) != GPG_ERR_NO_ERROR ||
	    (e = gpgme_op_export(ctx, fpr, 0, d)) != GPG_ERR_NO_ERROR) {
		pgp_log("export", home, e);
		goto out;
	}
	er = data_to_sbuf(d, out, &n);
	d = NULL;
	if (er == APP_OK && n == 0) {
		pgp_logx("export", home, "nothing exported");
		er = APP_INTERNAL;
	}
out:
	gpgme_data_release(d);
	gpgme_key_unref(key);
	gpgme_release(ctx);
	return er;
}

/* Does the key holding (sub)key fingerprint sfpr have primary fingerprint want? */
static int
primary_is(gpgme_ctx_t ctx, const char *sfpr, const char *want)
{
	gpgme_key_t	k = NULL;
	int		yes = 0;

	if (gpgme_get_key(ctx, sfpr, &k, 0) == GPG_ERR_NO_ERROR && k != NULL)
		yes = fpr_eq(k->fpr != NULL ? k->fpr : k->subkeys->fpr, want);
	gpgme_key_unref(k);
	return yes;
}

enum app_err
pgp_verify(const char *home, const void *data, size_t len, const char *sig,
    size_t siglen, const char *fpr)
{
	gpgme_ctx_t		ctx = NULL;
	gpgme_data_t		text = NULL, sigd = NULL;
	gpgme_verify_result_t	r;
	gpgme_signature_t	s;
	gpgme_error_t		e;
	char			fprs[PGP_SIGS_MAX][PGP_FPR_MAX], q[LOG_QUOTE_MAX];
	const char		*why = NULL;
	size_t			i, nsig = 0;
	enum app_err		er;

	if (fpr != NULL && !fpr_valid(fpr)) {
		pgp_logx("verify", home != NULL ? home : "", "bad fingerprint");
		er = APP_INVALID;
		goto out;
	}
	if ((er = home_check(home, 0)) != APP_OK) {
		if (er == APP_NOTFOUND)
			pgp_logx("verify", home, "no such gnupg home");
		goto out;
	}
	if ((er = ctx_open(home, &ctx)) != APP_OK)
		goto out;
	er = APP_INTERNAL;
	if ((e = gpgme_data_new_from_mem(&text, len > 0 ? data : "", len, 0)) !=
	    GPG_ERR_NO_ERROR ||
	    (e = gpgme_data_new_from_mem(&sigd, siglen > 0 ? sig : "", siglen, 0)) !=
	    GPG_ERR_NO_ERROR) {
		pgp_log("verify", home, e);
		goto out;
	}
	er = APP_INVALID;
	if ((e = gpgme_op_verify(ctx, sigd, text, NULL)) != GPG_ERR_NO_ERROR) {
		/* Mostly input that is no signature at all (GPG_ERR_NO_DATA). */
		why = gpg_err_code(e) == GPG_ERR_NO_DATA ? "not a signature" : "gpg failed";
		if (gpg_err_code(e) != GPG_ERR_NO_DATA && gpg_err_code(e) != GPG_ERR_BAD_DATA)
			er = APP_INTERNAL;
		goto out;
	}
	if ((r = gpgme_op_verify_result(ctx)) == NULL || r->signatures == NULL) {
		why = "no signature";
		goto out;
	}
	/*
	 * Every signature must be good (GOODSIG: not bad, not by an expired or
	 * revoked key, key present).  Trust is not asked for: an imported key
	 * is not certified in its home, so GPGME_SIGSUM_VALID is not set for
	 * it; the caller's fingerprint is what binds the key.
	 */
	for (s = r->signatures; s != NULL; s = s->next) {
		if (gpg_err_code(s->status) != GPG_ERR_NO_ERROR || s->wrong_key_usage ||
		    (s->summary & GPGME_SIGSUM_RED) != 0) {
			why = "bad signature";
			goto out;
		}
		if (nsig == PGP_SIGS_MAX || s->fpr == NULL) {
			why = nsig == PGP_SIGS_MAX ? "too many signatures" : "no signer";
			goto out;
		}
		snprintf(fprs[nsig++], PGP_FPR_MAX, "%s", s->fpr);
	}
	if (fpr == NULL) {
		er = APP_OK;
		goto out;
	}
	/* A subkey may have signed: its primary key must then be fpr. */
	for (i = 0; i < nsig; i++)
		if (fpr_eq(fprs[i], fpr) || primary_is(ctx, fprs[i], fpr)) {
			er = APP_OK;
			goto out;
		}
	why = "signed by another key";
out:
	if (why != NULL)
		log_warnx("event=openpgp_bad_signature home=%s error=\"%s\"",
		    log_quote(q, sizeof(q), home, strlen(home)), why);
	gpgme_data_release(text);
	gpgme_data_release(sigd);
	gpgme_release(ctx);
	return er;
}

void
pgp_agent_stop(const char *home)
{
	char	*argv[] = { "gpgconf", "--homedir", (char *)(uintptr_t)home, "--kill",
	    "gpg-agent", NULL };
	pid_t	 pid;
	int	 status;
	posix_spawn_file_actions_t fa;

	if (home == NULL || access(home, F_OK) != 0)
		return;
	/* Quiet: gpgconf's own messages are not ours to show. */
	if (posix_spawn_file_actions_init(&fa) != 0)
		return;
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	if (posix_spawnp(&pid, "gpgconf", &fa, NULL, argv, environ) == 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	posix_spawn_file_actions_destroy(&fa);
}
