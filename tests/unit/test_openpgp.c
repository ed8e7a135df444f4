/*
 * crypto/openpgp: key generation and import, detached SHA-512 signatures,
 * public key export and verification, checked against the gpg command line.
 * Every home lives under one mkdtemp directory in /tmp (short, so the
 * gpg-agent sockets fit); the agents are stopped before it is removed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/log.h"
#include "core/sbuf.h"
#include "crypto/openpgp.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define GPG		"/usr/bin/gpg"
#define UID		"Loudong Test PSIRT <psirt@example.org>"
#define OTHER_FPR	"0123456789ABCDEF0123456789ABCDEF01234567"
#define NTHREADS	4
#define ROUNDS		3

/* Every home a test may create under root: the agents to stop. */
static const char *const homes[] = {
	"a", "b", "c", "d", "e", "s", "empty", "bad", "file",
};

static struct {
	int		have_gpg;		/* /usr/bin/gpg is there */
	char		root[64];		/* the mkdtemp directory */
	char		a[128];			/* home with the generated key */
	char		fpr[PGP_FPR_MAX];	/* its fingerprint */
	enum app_err	gen;			/* what generating it returned */
	double		gen_secs;		/* how long it took */
} g;

static const char doc[] =
    "{\"document\":{\"category\":\"csaf_security_advisory\",\"title\":\"t\"}}\n";

static void
path_of(char *buf, size_t size, const char *name)
{
	int	n = snprintf(buf, size, "%s/%s", g.root, name);

	assert_true(n > 0 && (size_t)n < size);
}

static int
run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Run a shell command (paths under root need no quoting); its exit status. */
static int
run(const char *fmt, ...)
{
	char	cmd[1024];
	va_list	ap;
	int	n, st;

	va_start(ap, fmt);
	n = vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(cmd))
		return -1;
	st = system(cmd);
	return st != -1 && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* The standard output of a command into buf; its exit status. */
static int
capture(char *buf, size_t size, const char *cmd)
{
	FILE	*f;
	size_t	 n;
	int	 st;

	if ((f = popen(cmd, "r")) == NULL)
		return -1;
	n = fread(buf, 1, size - 1, f);
	buf[n] = '\0';
	st = pclose(f);
	return st != -1 && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void
write_file(const char *path, const void *p, size_t n)
{
	FILE	*f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(p, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

static int
is_hex40(const char *s)
{
	size_t	i;

	if (strlen(s) != 40)
		return 0;
	for (i = 0; i < 40; i++)
		if (strchr("0123456789ABCDEFabcdef", s[i]) == NULL)
			return 0;
	return 1;
}

/* Lines of with-colons output that start with tag. */
static int
count_records(const char *out, const char *tag)
{
	const char	*p;
	int		 n = 0;

	for (p = out; p != NULL; p = strchr(p, '\n'), p = p != NULL ? p + 1 : NULL)
		if (strncmp(p, tag, strlen(tag)) == 0)
			n++;
	return n;
}

static int
mode_of(const char *path)
{
	struct stat	st;

	return stat(path, &st) == 0 ? (int)(st.st_mode & 07777) : -1;
}

/* Sign doc in home into sb; asserts success. */
static void
sign_doc(const char *home, struct sbuf *sb)
{
	assert_int_equal(pgp_sign(home, doc, sizeof(doc) - 1, sb), APP_OK);
	assert_int_equal(sbuf_err(sb), APP_OK);
	assert_true(strncmp(sb->buf, "-----BEGIN PGP SIGNATURE-----", 29) == 0);
}

static int
group_setup(void **state)
{
	struct timespec	t0, t1;
	int		n;

	(void)state;
	/* As the server does: gpgme writes to pipes of gpg processes. */
	signal(SIGPIPE, SIG_IGN);
	if (access(GPG, X_OK) != 0)
		return 0;
	g.have_gpg = 1;
	n = snprintf(g.root, sizeof(g.root), "/tmp/ldpgp-XXXXXX");
	if (n < 0 || mkdtemp(g.root) == NULL)
		return -1;
	snprintf(g.a, sizeof(g.a), "%s/a", g.root);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	g.gen = pgp_ensure_key(g.a, UID, NULL, g.fpr);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	g.gen_secs = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	return 0;
}

static int
group_teardown(void **state)
{
	char	home[160];
	size_t	i;

	(void)state;
	if (g.root[0] == '\0')
		return 0;
	/* Stop the agents first: they hold sockets in their homes. */
	for (i = 0; i < NELEM(homes); i++) {
		snprintf(home, sizeof(home), "%s/%s", g.root, homes[i]);
		if (access(home, F_OK) == 0)
			run("gpgconf --homedir %s --kill gpg-agent >/dev/null 2>&1", home);
	}
	if (strncmp(g.root, "/tmp/ldpgp-", 11) == 0)
		run("rm -rf %s", g.root);
	return 0;
}

#define NEED_GPG() do {							\
	if (!g.have_gpg) {						\
		print_message("skipping: no %s\n", GPG);		\
		skip();							\
	}								\
} while (0)

static void
test_openpgp__generate(void **state)
{
	char	fpr[PGP_FPR_MAX], conf[160];

	(void)state;
	NEED_GPG();
	print_message("key generation took %.2f s\n", g.gen_secs);
	assert_int_equal(g.gen, APP_OK);
	assert_true(is_hex40(g.fpr));
	/* Created by pgp_ensure_key, only ours. */
	assert_int_equal(mode_of(g.a), 0700);
	snprintf(conf, sizeof(conf), "%s/gpg.conf", g.a);
	assert_int_equal(access(conf, R_OK), 0);
	snprintf(conf, sizeof(conf), "%s/gpg-agent.conf", g.a);
	assert_int_equal(access(conf, R_OK), 0);
	assert_int_equal(pgp_fingerprint(g.a, fpr), APP_OK);
	assert_string_equal(fpr, g.fpr);
	assert_int_equal(pgp_fingerprint(g.a, fpr), APP_OK);
	assert_string_equal(fpr, g.fpr);
}

static void
test_openpgp__ensure_keeps_key(void **state)
{
	char	fpr[PGP_FPR_MAX], out[4096], cmd[512];

	(void)state;
	NEED_GPG();
	assert_int_equal(g.gen, APP_OK);
	assert_int_equal(pgp_ensure_key(g.a, UID, NULL, fpr), APP_OK);
	assert_string_equal(fpr, g.fpr);
	assert_int_equal(pgp_ensure_key(g.a, "Someone Else <x@example.org>", NULL, fpr),
	    APP_OK);
	assert_string_equal(fpr, g.fpr);
	/* Independently: one secret key, Ed25519 (algo 22), can sign, our uid. */
	snprintf(cmd, sizeof(cmd), GPG " --homedir %s --batch --with-colons "
	    "--list-secret-keys 2>/dev/null", g.a);
	assert_int_equal(capture(out, sizeof(out), cmd), 0);
	assert_int_equal(count_records(out, "sec:"), 1);
	assert_non_null(strstr(out, ":22:"));
	assert_non_null(strstr(out, g.fpr));
	assert_non_null(strstr(out, "psirt@example.org"));
}

static void
test_openpgp__sign_and_verify(void **state)
{
	struct arena	*a = arena_new();
	struct sbuf	 sb;
	char		 lower[PGP_FPR_MAX];
	size_t		 i;

	(void)state;
	NEED_GPG();
	sbuf_init(&sb, a, 0);
	sign_doc(g.a, &sb);
	assert_non_null(strstr(sb.buf, "-----END PGP SIGNATURE-----"));
	assert_int_equal(pgp_verify(g.a, doc, sizeof(doc) - 1, sb.buf, sb.len, g.fpr),
	    APP_OK);
	assert_int_equal(pgp_verify(g.a, doc, sizeof(doc) - 1, sb.buf, sb.len, NULL),
	    APP_OK);
	for (i = 0; g.fpr[i] != '\0'; i++)
		lower[i] = (char)(g.fpr[i] >= 'A' && g.fpr[i] <= 'F' ?
		    g.fpr[i] - 'A' + 'a' : g.fpr[i]);
	lower[i] = '\0';
	assert_int_equal(pgp_verify(g.a, doc, sizeof(doc) - 1, sb.buf, sb.len, lower),
	    APP_OK);

	/* Empty data signs and verifies too. */
	sbuf_reset(&sb);
	assert_int_equal(pgp_sign(g.a, "", 0, &sb), APP_OK);
	assert_int_equal(pgp_verify(g.a, "", 0, sb.buf, sb.len, g.fpr), APP_OK);
	assert_int_equal(pgp_verify(g.a, "x", 1, sb.buf, sb.len, g.fpr), APP_INVALID);
	arena_free(a);
}

static void
test_openpgp__verify_rejects_modified_data(void **state)
{
	struct arena	*a = arena_new();
	struct sbuf	 sb;
	char		 bad[sizeof(doc)];

	(void)state;
	NEED_GPG();
	sbuf_init(&sb, a, 0);
	sign_doc(g.a, &sb);
	memcpy(bad, doc, sizeof(doc));
	bad[20] ^= 0x01;
	assert_int_equal(pgp_verify(g.a, bad, sizeof(doc) - 1, sb.buf, sb.len, g.fpr),
	    APP_INVALID);
	assert_int_equal(pgp_verify(g.a, bad, sizeof(doc) - 1, sb.buf, sb.len, NULL),
	    APP_INVALID);
	/* One byte short, one byte more. */
	assert_int_equal(pgp_verify(g.a, doc, sizeof(doc) - 2, sb.buf, sb.len, g.fpr),
	    APP_INVALID);
	assert_int_equal(pgp_verify(g.a, doc, sizeof(doc), sb.buf, sb.len, g.fpr),
	    APP_INVALID);
	arena_free(a);
}

static void
test_openpgp__verify_rejects_wrong_fingerprint(void **state)
{
	struct arena	*a = arena_new();
	struct sbuf	 sb;

	(void)state;
	NEED_GPG();
	sbuf_init(&sb, a, 0);
	sign_doc(g.a, &sb);
	assert_int_equal(pgp_verify(g.a, doc, sizeof(doc) - 1, sb.buf, sb.len,
	    OTHER_FPR), APP_INVALID);
	/* Not a fingerprint at all: a key id, garbage, empty. */
	assert_int_equal(pgp_verify(g.a, doc, sizeof(doc) - 1, sb.buf, sb.len,
	    g.fpr + 24), APP_INVALID);
	assert_int_equal(pgp_verify(g.a, doc, sizeof(doc) - 1, sb.buf, sb.len,
	    "not-a-fingerprint-not-a-fingerprint-xyz"), APP_INVALID);
	assert_int_equal(pgp_verify(g.a, doc, sizeof(doc) - 1, sb.buf, sb.len, ""),
	    APP_INVALID);
	arena_free(a);
}

static void
test_openpgp__verify_rejects_garbage(void **state)
{
	static const char	*const sigs[] = {
		"",
		"not a signature",
		"-----BEGIN PGP SIGNATURE-----\n\nAAAA\n-----END PGP SIGNATURE-----\n",
	};
	struct arena		*a = arena_new();
	struct sbuf		 sb;
	size_t			 i;
	char			*p;

	(void)state;
	NEED_GPG();
	for (i = 0; i < NELEM(sigs); i++)
		assert_int_not_equal(pgp_verify(g.a, doc, sizeof(doc) - 1, sigs[i],
		    strlen(sigs[i]), NULL), APP_OK);
	/* A signature with one base64 character of its body changed. */
	sbuf_init(&sb, a, 0);
	sign_doc(g.a, &sb);
	p = strstr(sb.buf, "\n\n");
	assert_non_null(p);
	p += 12;
	*p = *p == 'A' ? 'B' : 'A';
	assert_int_not_equal(pgp_verify(g.a, doc, sizeof(doc) - 1, sb.buf, sb.len,
	    g.fpr), APP_OK);
	arena_free(a);
}

/* The gpg command line agrees, and says SHA-512 (10) and EdDSA (22). */
static void
test_openpgp__gpg_cli_verifies_sha512(void **state)
{
	struct arena	*a = arena_new();
	struct sbuf	 sb;
	char		 data[160], sig[160], cmd[600], out[8192], *v;
	char		 vfpr[64], date[32], ts[32], exp[32], ver[8], res[8], pk[8], md[8];

	(void)state;
	NEED_GPG();
	sbuf_init(&sb, a, 0);
	sign_doc(g.a, &sb);
	path_of(data, sizeof(data), "doc.json");
	path_of(sig, sizeof(sig), "doc.json.asc");
	write_file(data, doc, sizeof(doc) - 1);
	write_file(sig, sb.buf, sb.len);
	snprintf(cmd, sizeof(cmd), GPG " --homedir %s --batch --status-fd 1 --verify "
	    "%s %s 2>/dev/null", g.a, sig, data);
	assert_int_equal(capture(out, sizeof(out), cmd), 0);
	assert_non_null(strstr(out, "[GNUPG:] GOODSIG "));
	assert_non_null(v = strstr(out, "[GNUPG:] VALIDSIG "));
	assert_int_equal(sscanf(v + 18, "%63s %31s %31s %31s %7s %7s %7s %7s", vfpr,
	    date, ts, exp, ver, res, pk, md), 8);
	assert_string_equal(vfpr, g.fpr);
	assert_string_equal(pk, "22");
	assert_string_equal(md, "10");
	/* And it refuses modified data. */
	write_file(data, "{}", 2);
	assert_int_not_equal(capture(out, sizeof(out), cmd), 0);
	assert_null(strstr(out, "[GNUPG:] GOODSIG "));
	arena_free(a);
}

/*
 * The exported public key, imported with gpg into a home of its own,
 * verifies signatures there, through gpg and through pgp_verify (no trust
 * in that home: status alone, plus the fingerprint).
 */
static void
test_openpgp__public_key_export(void **state)
{
	struct arena	*a = arena_new();
	struct sbuf	 pub, sig;
	char		 c[160], pubf[160], data[160], sigf[160], fpr[PGP_FPR_MAX];

	(void)state;
	NEED_GPG();
	sbuf_init(&pub, a, 0);
	sbuf_init(&sig, a, 0);
	assert_int_equal(pgp_public_key(g.a, &pub), APP_OK);
	assert_true(strncmp(pub.buf, "-----BEGIN PGP PUBLIC KEY BLOCK-----", 36) == 0);
	assert_non_null(strstr(pub.buf, "-----END PGP PUBLIC KEY BLOCK-----"));
	assert_null(strstr(pub.buf, "PRIVATE"));
	sign_doc(g.a, &sig);

	path_of(c, sizeof(c), "c");
	path_of(pubf, sizeof(pubf), "pub.asc");
	path_of(data, sizeof(data), "c.json");
	path_of(sigf, sizeof(sigf), "c.json.asc");
	assert_int_equal(mkdir(c, 0700), 0);
	write_file(pubf, pub.buf, pub.len);
	write_file(data, doc, sizeof(doc) - 1);
	write_file(sigf, sig.buf, sig.len);
	assert_int_equal(run(GPG " --homedir %s --batch --quiet --import %s "
	    ">/dev/null 2>&1", c, pubf), 0);
	assert_int_equal(run(GPG " --homedir %s --batch --verify %s %s >/dev/null 2>&1",
	    c, sigf, data), 0);
	assert_int_equal(pgp_verify(c, doc, sizeof(doc) - 1, sig.buf, sig.len, g.fpr),
	    APP_OK);
	assert_int_equal(pgp_verify(c, doc, 5, sig.buf, sig.len, g.fpr), APP_INVALID);
	/* A public key alone cannot sign. */
	assert_int_equal(pgp_fingerprint(c, fpr), APP_NOTFOUND);
	arena_free(a);
}

static void
test_openpgp__import_key_file(void **state)
{
	struct arena	*a = arena_new();
	struct sbuf	 sb;
	char		 b[160], keyf[160], fpr[PGP_FPR_MAX];

	(void)state;
	NEED_GPG();
	assert_int_equal(g.gen, APP_OK);
	path_of(b, sizeof(b), "b");
	path_of(keyf, sizeof(keyf), "secret.asc");
	assert_int_equal(run(GPG " --homedir %s --batch --pinentry-mode loopback "
	    "--passphrase '' --export-secret-keys --armor %s > %s 2>/dev/null", g.a,
	    g.fpr, keyf), 0);
	/* A home that does not exist yet: created 0700, the key imported. */
	assert_int_equal(pgp_ensure_key(b, UID, keyf, fpr), APP_OK);
	assert_string_equal(fpr, g.fpr);
	assert_int_equal(mode_of(b), 0700);
	assert_int_equal(pgp_fingerprint(b, fpr), APP_OK);
	assert_string_equal(fpr, g.fpr);
	/* Again: already there, nothing changes. */
	assert_int_equal(pgp_ensure_key(b, UID, keyf, fpr), APP_OK);
	assert_string_equal(fpr, g.fpr);
	/* Into the home it came from. */
	assert_int_equal(pgp_ensure_key(g.a, UID, keyf, fpr), APP_OK);
	assert_string_equal(fpr, g.fpr);
	/* Signed with the imported copy, verified in the original home. */
	sbuf_init(&sb, a, 0);
	sign_doc(b, &sb);
	assert_int_equal(pgp_verify(g.a, doc, sizeof(doc) - 1, sb.buf, sb.len, g.fpr),
	    APP_OK);
	assert_int_equal(pgp_verify(b, doc, sizeof(doc) - 1, sb.buf, sb.len, g.fpr),
	    APP_OK);
	arena_free(a);
}

static void
test_openpgp__import_refuses_bad_files(void **state)
{
	char	d[160], keyf[160], pubf[160], junk[160], fpr[PGP_FPR_MAX];
	char	cmd[512], out[4096];

	(void)state;
	NEED_GPG();
	assert_int_equal(g.gen, APP_OK);
	path_of(d, sizeof(d), "d");
	path_of(keyf, sizeof(keyf), "secret-d.asc");
	path_of(pubf, sizeof(pubf), "pub-only.asc");
	path_of(junk, sizeof(junk), "junk.asc");
	write_file(junk, "hello\n", 6);
	assert_int_equal(run(GPG " --homedir %s --batch --export --armor %s > %s "
	    "2>/dev/null", g.a, g.fpr, pubf), 0);
	assert_int_equal(run(GPG " --homedir %s --batch --pinentry-mode loopback "
	    "--passphrase '' --export-secret-keys --armor %s > %s 2>/dev/null", g.a,
	    g.fpr, keyf), 0);
	assert_int_equal(pgp_ensure_key(d, UID, pubf, fpr), APP_INVALID);
	assert_string_equal(fpr, "");
	assert_int_equal(pgp_ensure_key(d, UID, junk, fpr), APP_INVALID);
	assert_int_equal(pgp_ensure_key(d, UID, "/nonexistent/key.asc", fpr), APP_INVALID);
	assert_int_equal(pgp_ensure_key(d, UID, d, fpr), APP_INVALID);
	/* None of that imported anything, not even the public key. */
	assert_int_equal(pgp_fingerprint(d, fpr), APP_NOTFOUND);
	snprintf(cmd, sizeof(cmd), GPG " --homedir %s --batch --with-colons "
	    "--list-keys 2>/dev/null", d);
	capture(out, sizeof(out), cmd);
	assert_int_equal(count_records(out, "pub:"), 0);
	/* A home with another key refuses to take this one, and is unchanged. */
	assert_int_equal(pgp_ensure_key(d, "Other <other@example.org>", NULL, fpr), APP_OK);
	assert_true(is_hex40(fpr));
	assert_string_not_equal(fpr, g.fpr);
	assert_int_equal(pgp_ensure_key(d, UID, keyf, fpr), APP_INVALID);
	assert_string_equal(fpr, "");
	assert_int_equal(capture(out, sizeof(out), cmd), 0);
	assert_int_equal(count_records(out, "pub:"), 1);
	assert_null(strstr(out, g.fpr));
}

static void
test_openpgp__refuses_open_home(void **state)
{
	struct arena	*a = arena_new();
	struct sbuf	 sb;
	char		 bad[160], file[160], fpr[PGP_FPR_MAX];

	(void)state;
	NEED_GPG();
	path_of(bad, sizeof(bad), "bad");
	path_of(file, sizeof(file), "file");
	assert_int_equal(mkdir(bad, 0700), 0);
	assert_int_equal(chmod(bad, 0755), 0);
	sbuf_init(&sb, a, 0);
	assert_int_equal(pgp_ensure_key(bad, UID, NULL, fpr), APP_INVALID);
	assert_int_equal(pgp_fingerprint(bad, fpr), APP_INVALID);
	assert_int_equal(pgp_sign(bad, doc, sizeof(doc) - 1, &sb), APP_INVALID);
	assert_int_equal(pgp_public_key(bad, &sb), APP_INVALID);
	assert_int_equal(pgp_verify(bad, doc, 1, "x", 1, NULL), APP_INVALID);
	assert_int_equal(sb.len, 0);
	/* Nothing was written into it. */
	assert_int_equal(rmdir(bad), 0);
	/* Group-writable only, and a file instead of a directory. */
	assert_int_equal(mkdir(bad, 0700), 0);
	assert_int_equal(chmod(bad, 0720), 0);
	assert_int_equal(pgp_ensure_key(bad, UID, NULL, fpr), APP_INVALID);
	write_file(file, "x", 1);
	assert_int_equal(chmod(file, 0700), 0);
	assert_int_equal(pgp_ensure_key(file, UID, NULL, fpr), APP_INVALID);
	arena_free(a);
}

static void
test_openpgp__no_key(void **state)
{
	struct arena	*a = arena_new();
	struct sbuf	 sb;
	char		 empty[160], missing[160], e[160], fpr[PGP_FPR_MAX];

	(void)state;
	NEED_GPG();
	path_of(empty, sizeof(empty), "empty");
	path_of(missing, sizeof(missing), "missing");
	path_of(e, sizeof(e), "e");
	sbuf_init(&sb, a, 0);
	assert_int_equal(pgp_fingerprint(missing, fpr), APP_NOTFOUND);
	assert_int_equal(pgp_sign(missing, doc, 1, &sb), APP_NOTFOUND);
	assert_int_equal(access(missing, F_OK), -1);	/* not created */
	assert_int_equal(mkdir(empty, 0700), 0);
	assert_int_equal(pgp_fingerprint(empty, fpr), APP_NOTFOUND);
	assert_string_equal(fpr, "");
	assert_int_equal(pgp_sign(empty, doc, 1, &sb), APP_NOTFOUND);
	assert_int_equal(pgp_public_key(empty, &sb), APP_NOTFOUND);
	assert_int_equal(sb.len, 0);
	/* A bad uid generates nothing. */
	assert_int_equal(pgp_ensure_key(e, "", NULL, fpr), APP_INVALID);
	assert_int_equal(pgp_ensure_key(e, NULL, NULL, fpr), APP_INVALID);
	assert_int_equal(pgp_ensure_key(e, "A\nB <a@example.org>", NULL, fpr), APP_INVALID);
	assert_int_equal(pgp_fingerprint(e, fpr), APP_NOTFOUND);
	arena_free(a);
}

/*
 * gpg signs with the newest signing subkey: the signature then names the
 * subkey, and verification must still accept the primary fingerprint.
 */
static void
test_openpgp__signing_subkey(void **state)
{
	struct arena	*a = arena_new();
	struct sbuf	 sb;
	char		 h[160], fpr[PGP_FPR_MAX], fpr2[PGP_FPR_MAX], out[8192], cmd[512];

	(void)state;
	NEED_GPG();
	path_of(h, sizeof(h), "s");
	assert_int_equal(pgp_ensure_key(h, "Sub Key <sub@example.org>", NULL, fpr), APP_OK);
	assert_int_equal(run(GPG " --homedir %s --batch --pinentry-mode loopback "
	    "--passphrase '' --quick-add-key %s ed25519 sign never >/dev/null 2>&1", h,
	    fpr), 0);
	/* Still the same key, by its primary fingerprint. */
	assert_int_equal(pgp_fingerprint(h, fpr2), APP_OK);
	assert_string_equal(fpr2, fpr);
	assert_int_equal(pgp_ensure_key(h, "Sub Key <sub@example.org>", NULL, fpr2), APP_OK);
	assert_string_equal(fpr2, fpr);
	sbuf_init(&sb, a, 0);
	sign_doc(h, &sb);
	assert_int_equal(pgp_verify(h, doc, sizeof(doc) - 1, sb.buf, sb.len, fpr), APP_OK);
	assert_int_equal(pgp_verify(h, doc, sizeof(doc) - 1, sb.buf, sb.len, g.fpr),
	    APP_INVALID);
	/* The signature is indeed the subkey's (VALIDSIG: subkey, then primary). */
	path_of(cmd, sizeof(cmd), "s.json");
	write_file(cmd, doc, sizeof(doc) - 1);
	path_of(cmd, sizeof(cmd), "s.json.asc");
	write_file(cmd, sb.buf, sb.len);
	snprintf(cmd, sizeof(cmd), GPG " --homedir %s --batch --status-fd 1 --verify "
	    "%s/s.json.asc %s/s.json 2>/dev/null", h, g.root, g.root);
	assert_int_equal(capture(out, sizeof(out), cmd), 0);
	assert_non_null(strstr(out, "[GNUPG:] VALIDSIG "));
	assert_true(strncmp(strstr(out, "[GNUPG:] VALIDSIG ") + 18, fpr, 40) != 0);
	arena_free(a);
}

/* One context per call: threads sign and verify in one home at once. */
static void *
sign_verify_worker(void *arg)
{
	struct arena	*a = arena_new();
	struct sbuf	 sb;
	char		 fpr[PGP_FPR_MAX];
	int		 i, *bad = arg;

	for (i = 0; i < ROUNDS; i++) {
		sbuf_init(&sb, a, 0);
		if (pgp_sign(g.a, doc, sizeof(doc) - 1, &sb) != APP_OK ||
		    pgp_verify(g.a, doc, sizeof(doc) - 1, sb.buf, sb.len, g.fpr) != APP_OK ||
		    pgp_verify(g.a, doc, 3, sb.buf, sb.len, g.fpr) != APP_INVALID ||
		    pgp_fingerprint(g.a, fpr) != APP_OK || strcmp(fpr, g.fpr) != 0)
			(*bad)++;
	}
	arena_free(a);
	return NULL;
}

static void
test_openpgp__threads(void **state)
{
	pthread_t	t[NTHREADS];
	int		bad[NTHREADS] = { 0 };
	size_t		i;

	(void)state;
	NEED_GPG();
	assert_int_equal(g.gen, APP_OK);
	for (i = 0; i < NTHREADS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, sign_verify_worker, &bad[i]), 0);
	for (i = 0; i < NTHREADS; i++) {
		assert_int_equal(pthread_join(t[i], NULL), 0);
		assert_int_equal(bad[i], 0);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_openpgp__generate),
		cmocka_unit_test(test_openpgp__ensure_keeps_key),
		cmocka_unit_test(test_openpgp__sign_and_verify),
		cmocka_unit_test(test_openpgp__verify_rejects_modified_data),
		cmocka_unit_test(test_openpgp__verify_rejects_wrong_fingerprint),
		cmocka_unit_test(test_openpgp__verify_rejects_garbage),
		cmocka_unit_test(test_openpgp__gpg_cli_verifies_sha512),
		cmocka_unit_test(test_openpgp__public_key_export),
		cmocka_unit_test(test_openpgp__import_key_file),
		cmocka_unit_test(test_openpgp__import_refuses_bad_files),
		cmocka_unit_test(test_openpgp__refuses_open_home),
		cmocka_unit_test(test_openpgp__no_key),
		cmocka_unit_test(test_openpgp__signing_subkey),
		cmocka_unit_test(test_openpgp__threads),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
