/*
 * crypto/: Argon2id passwords, tokens, SHA-256, constant-time comparison,
 * the instance keys on disk and sealing with associated data.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "crypto/crypto.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define OPS		1	/* small Argon2 parameters: tests stay fast */
#define MEM_KIB		8192

static int
group_setup(void **state)
{
	(void)state;
	return crypto_init() == 0 ? 0 : -1;
}

/* Passwords */

static void
test_crypto__password_hash_and_verify(void **state)
{
	static const char	pw[] = "correct horse battery staple";
	char			hash[CRYPTO_PWHASH_MAX];

	(void)state;
	assert_int_equal(crypto_password_hash(pw, strlen(pw), OPS, MEM_KIB, hash), 0);
	assert_true(strncmp(hash, "$argon2id$", 10) == 0);
	assert_true(strlen(hash) < CRYPTO_PWHASH_MAX);
	assert_null(strstr(hash, pw));
	assert_int_equal(crypto_password_verify(hash, pw, strlen(pw)), 0);
	assert_int_equal(crypto_password_verify(hash, "wrong", 5), -1);
	assert_int_equal(crypto_password_verify(hash, "", 0), -1);
	/* A prefix or an extension of the password is wrong too. */
	assert_int_equal(crypto_password_verify(hash, pw, strlen(pw) - 1), -1);
	assert_int_equal(crypto_password_verify(hash,
	    "correct horse battery staple!", strlen(pw) + 1), -1);
	assert_int_equal(crypto_password_verify(hash,
	    "Correct horse battery staple", strlen(pw)), -1);
}

static void
test_crypto__password_hash_is_salted(void **state)
{
	char	h1[CRYPTO_PWHASH_MAX], h2[CRYPTO_PWHASH_MAX];

	(void)state;
	assert_int_equal(crypto_password_hash("same", 4, OPS, MEM_KIB, h1), 0);
	assert_int_equal(crypto_password_hash("same", 4, OPS, MEM_KIB, h2), 0);
	assert_string_not_equal(h1, h2);
	assert_int_equal(crypto_password_verify(h1, "same", 4), 0);
	assert_int_equal(crypto_password_verify(h2, "same", 4), 0);
}

static void
test_crypto__password_utf8_and_nul(void **state)
{
	static const char	pw[] = "密码\0后半";	/* n, not the NUL, counts */
	char			hash[CRYPTO_PWHASH_MAX];

	(void)state;
	assert_int_equal(crypto_password_hash(pw, sizeof(pw) - 1, OPS, MEM_KIB, hash), 0);
	assert_int_equal(crypto_password_verify(hash, pw, sizeof(pw) - 1), 0);
	assert_int_equal(crypto_password_verify(hash, pw, strlen(pw)), -1);
}

static void
test_crypto__password_hash_records_parameters(void **state)
{
	char	hash[CRYPTO_PWHASH_MAX];

	(void)state;
	assert_int_equal(crypto_password_hash("pw", 2, 2, 16384, hash), 0);
	assert_non_null(strstr(hash, "m=16384"));
	assert_non_null(strstr(hash, "t=2"));
	assert_int_equal(crypto_password_verify(hash, "pw", 2), 0);
}

static void
test_crypto__password_malformed_hash_refused(void **state)
{
	char		 good[CRYPTO_PWHASH_MAX], bad[CRYPTO_PWHASH_MAX];
	char		 toolong[300];
	const char	*t[] = {
		"",
		"not a hash",
		"$argon2id$",
		"$argon2id$v=19$m=8192,t=1,p=1$",
		"$argon2id$v=19$m=8192,t=1,p=1$garbage$garbage",
		"$2b$12$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234",
		"5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8",
	};
	size_t		 i;

	(void)state;
	for (i = 0; i < NELEM(t); i++)
		if (crypto_password_verify(t[i], "password", 8) != -1)
			fail_msg("malformed hash accepted: \"%s\"", t[i]);
	assert_int_equal(crypto_password_verify(NULL, "password", 8), -1);

	/* A real hash with its last byte changed. */
	assert_int_equal(crypto_password_hash("password", 8, OPS, MEM_KIB, good), 0);
	memcpy(bad, good, sizeof(bad));
	/* A middle byte of the hash: every bit of it is significant. */
	bad[strlen(bad) - 5] = bad[strlen(bad) - 5] == 'A' ? 'B' : 'A';
	assert_int_equal(crypto_password_verify(bad, "password", 8), -1);
	/* Truncated. */
	bad[strlen(good) - 10] = '\0';
	assert_int_equal(crypto_password_verify(bad, "password", 8), -1);

	/* No NUL within CRYPTO_PWHASH_MAX bytes: refused without reading on. */
	memset(toolong, 'a', sizeof(toolong) - 1);
	toolong[sizeof(toolong) - 1] = '\0';
	memcpy(toolong, good, strlen(good));
	assert_int_equal(crypto_password_verify(toolong, "password", 8), -1);
}

static double
seconds(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * Logins to unknown accounts call the dummy so that their time does not
 * tell which logins exist: it must cost about what verifying a hash made
 * with the default parameters (auth.argon2_opslimit 2, memlimit 65536 KiB)
 * costs.  A factor of 4 leaves room for noise; the leak is far larger.
 */
static void
test_crypto__dummy_verify_costs_like_real(void **state)
{
	char	hash[CRYPTO_PWHASH_MAX];
	double	t0, real = 1e9, dummy = 1e9;
	int	i;

	(void)state;
	assert_int_equal(crypto_password_hash("the real one", 12, 2, 65536, hash), 0);
	for (i = 0; i < 2; i++) {
		t0 = seconds();
		assert_int_equal(crypto_password_verify(hash, "a guess", 7), -1);
		if (seconds() - t0 < real)
			real = seconds() - t0;
		t0 = seconds();
		crypto_password_dummy_verify("a guess", 7, 2, 65536);
		if (seconds() - t0 < dummy)
			dummy = seconds() - t0;
	}
	if (dummy * 4 < real)
		fail_msg("dummy verification takes %.6f s, a real one %.6f s: "
		    "unknown logins answer %.0fx faster", dummy, real, real / dummy);
}

/* Tokens */

static bool
is_b64url(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_';
}

static void
check_token(const char *tok, const char *prefix)
{
	size_t	i, plen = strlen(prefix);

	assert_int_equal(strlen(tok), plen + 43);
	assert_true(strncmp(tok, prefix, plen) == 0);
	for (i = plen; i < plen + 43; i++)
		if (!is_b64url(tok[i]))
			fail_msg("token byte %zu '%c' is not base64url", i, tok[i]);
}

static void
test_crypto__token_format(void **state)
{
	char	a[CRYPTO_TOKEN_MAX], b[CRYPTO_TOKEN_MAX];
	int	i;

	(void)state;
	crypto_token_new(AUTH_SESSION_TOKEN_PREFIX, a);
	check_token(a, "lds_");
	crypto_token_new(AUTH_API_TOKEN_PREFIX, b);
	check_token(b, "ldt_");
	crypto_token_new("", a);
	check_token(a, "");
	/* Fresh every time. */
	for (i = 0; i < 50; i++) {
		crypto_token_new("lds_", a);
		crypto_token_new("lds_", b);
		assert_string_not_equal(a, b);
	}
}

static void
test_crypto__token_long_prefix_truncated(void **state)
{
	char	t[CRYPTO_TOKEN_MAX];

	(void)state;
	crypto_token_new("abcdefghijkl", t);
	assert_true(strlen(t) < CRYPTO_TOKEN_MAX);
	check_token(t, "abcdefgh");
}

/* Hashes and random values */

static void
test_crypto__hash_hex_vectors(void **state)
{
	static const struct {
		const char	*in;
		const char	*hex;
	} t[] = {
		{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
		{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
	};
	char	out[CRYPTO_HASH_HEX];
	size_t	i;

	(void)state;
	for (i = 0; i < NELEM(t); i++) {
		crypto_hash_hex(t[i].in, strlen(t[i].in), out);
		assert_string_equal(out, t[i].hex);
	}
	/* Only n bytes are hashed. */
	crypto_hash_hex("abcdef", 3, out);
	assert_string_equal(out, t[0].hex);
}

static void
test_crypto__random_hex(void **state)
{
	char		a[2 * 100 + 1], b[2 * 100 + 1];
	size_t		i;

	(void)state;
	crypto_random_hex(a, CRYPTO_CSRF_HEX / 2);
	assert_int_equal(strlen(a), CRYPTO_CSRF_HEX);
	for (i = 0; i < CRYPTO_CSRF_HEX; i++)
		assert_non_null(strchr("0123456789abcdef", a[i]));
	/* More than one internal chunk. */
	crypto_random_hex(a, 100);
	crypto_random_hex(b, 100);
	assert_int_equal(strlen(a), 200);
	assert_string_not_equal(a, b);
	crypto_random_hex(a, 0);
	assert_string_equal(a, "");
}

static void
test_crypto__random_uniform_in_range(void **state)
{
	unsigned	seen = 0;
	int		i;
	uint32_t	v;

	(void)state;
	for (i = 0; i < 2000; i++) {
		v = crypto_random_uniform(10);
		assert_true(v < 10);
		seen |= 1u << v;
	}
	assert_int_equal(seen, 0x3FF);	/* every value turned up */
	assert_int_equal(crypto_random_uniform(1), 0);
}

static void
test_crypto__memeq(void **state)
{
	unsigned char	a[64], b[64];

	(void)state;
	memset(a, 0x5A, sizeof(a));
	memcpy(b, a, sizeof(b));
	assert_true(crypto_memeq(a, b, sizeof(a)));
	b[63] ^= 1;
	assert_false(crypto_memeq(a, b, sizeof(a)));
	assert_true(crypto_memeq(a, b, 63));
	b[0] ^= 0x80;
	assert_false(crypto_memeq(a, b, 1));
	assert_true(crypto_memeq(a, b, 0));
	assert_true(crypto_memeq("lds_abc", "lds_abc", 7));
	assert_false(crypto_memeq("lds_abc", "lds_abd", 7));
}

static void
test_crypto__wipe(void **state)
{
	unsigned char	buf[37];
	size_t		i;

	(void)state;
	memset(buf, 0xCC, sizeof(buf));
	crypto_wipe(buf, sizeof(buf) - 1);
	for (i = 0; i < sizeof(buf) - 1; i++)
		assert_int_equal(buf[i], 0);
	assert_int_equal(buf[sizeof(buf) - 1], 0xCC);
}

/* Keys */

struct keydir {
	char	dir[64];
};

static int
setup_keydir(void **state)
{
	struct keydir	*k = calloc(1, sizeof(*k));

	if (k == NULL)
		return -1;
	snprintf(k->dir, sizeof(k->dir), "/tmp/loudong-keys-XXXXXX");
	if (mkdtemp(k->dir) == NULL) {
		free(k);
		return -1;
	}
	*state = k;
	return 0;
}

static int
teardown_keydir(void **state)
{
	struct keydir	*k = *state;
	char		 p[128];

	snprintf(p, sizeof(p), "%s/keys/data.key", k->dir);
	unlink(p);
	snprintf(p, sizeof(p), "%s/keys/sign.key", k->dir);
	unlink(p);
	snprintf(p, sizeof(p), "%s/keys", k->dir);
	rmdir(p);
	rmdir(k->dir);
	free(k);
	return 0;
}

static void
assert_mode(const char *dir, const char *name, mode_t mode, off_t size)
{
	struct stat	st;
	char		p[128];

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	if (stat(p, &st) != 0)
		fail_msg("cannot stat %s", p);
	if ((st.st_mode & 07777) != mode)
		fail_msg("%s has mode %o, want %o", p, (unsigned)(st.st_mode & 07777),
		    (unsigned)mode);
	if (size >= 0)
		assert_int_equal(st.st_size, size);
}

static void
test_crypto__keys_create_and_load(void **state)
{
	struct keydir	*k = *state;
	struct keyring	*kr1, *kr2;
	char		 err[512] = "", pub1[CRYPTO_HASH_HEX], pub2[CRYPTO_HASH_HEX];
	size_t		 i;

	assert_int_equal(crypto_keys_create(k->dir, err, sizeof(err)), 0);
	assert_mode(k->dir, "keys", 0700, -1);
	assert_mode(k->dir, "keys/data.key", 0600, 32);
	assert_mode(k->dir, "keys/sign.key", 0600, 32);

	kr1 = crypto_keys_load(k->dir, err, sizeof(err));
	assert_non_null(kr1);
	kr2 = crypto_keys_load(k->dir, err, sizeof(err));
	assert_non_null(kr2);
	crypto_keys_public_hex(kr1, pub1);
	crypto_keys_public_hex(kr2, pub2);
	assert_int_equal(strlen(pub1), 64);
	for (i = 0; i < 64; i++)
		assert_non_null(strchr("0123456789abcdef", pub1[i]));
	assert_string_equal(pub1, pub2);	/* the same key each load */
	crypto_keys_free(kr1);
	crypto_keys_free(kr2);
	crypto_keys_free(NULL);
}

static void
test_crypto__keys_create_refuses_existing(void **state)
{
	struct keydir	*k = *state;
	struct keyring	*kr;
	char		 err[512] = "", before[CRYPTO_HASH_HEX], after[CRYPTO_HASH_HEX];

	assert_int_equal(crypto_keys_create(k->dir, err, sizeof(err)), 0);
	kr = crypto_keys_load(k->dir, err, sizeof(err));
	assert_non_null(kr);
	crypto_keys_public_hex(kr, before);
	crypto_keys_free(kr);

	err[0] = '\0';
	assert_int_equal(crypto_keys_create(k->dir, err, sizeof(err)), -1);
	assert_true(strlen(err) > 0);
	/* The existing keys were not replaced. */
	kr = crypto_keys_load(k->dir, err, sizeof(err));
	assert_non_null(kr);
	crypto_keys_public_hex(kr, after);
	crypto_keys_free(kr);
	assert_string_equal(before, after);
}

static void
test_crypto__keys_load_missing(void **state)
{
	struct keydir	*k = *state;
	char		 err[512] = "";

	/* The directory exists, but holds no keys. */
	assert_null(crypto_keys_load(k->dir, err, sizeof(err)));
	assert_non_null(strstr(err, "data.key"));
	err[0] = '\0';
	assert_null(crypto_keys_load("/nonexistent-loudong-dir", err, sizeof(err)));
	assert_non_null(strstr(err, "/nonexistent-loudong-dir"));
}

static void
test_crypto__keys_load_wrong_size(void **state)
{
	struct keydir	*k = *state;
	char		 err[512] = "", p[128];
	FILE		*f;

	assert_int_equal(crypto_keys_create(k->dir, err, sizeof(err)), 0);
	snprintf(p, sizeof(p), "%s/keys/sign.key", k->dir);
	f = fopen(p, "a");
	assert_non_null(f);
	fputc('x', f);
	assert_int_equal(fclose(f), 0);
	err[0] = '\0';
	assert_null(crypto_keys_load(k->dir, err, sizeof(err)));
	assert_non_null(strstr(err, "sign.key"));
}

/* Sealing */

static struct keyring *
make_keys(const char *dir)
{
	char		 err[512] = "";
	struct keyring	*kr;

	if (crypto_keys_create(dir, err, sizeof(err)) != 0)
		fail_msg("crypto_keys_create: %s", err);
	kr = crypto_keys_load(dir, err, sizeof(err));
	if (kr == NULL)
		fail_msg("crypto_keys_load: %s", err);
	return kr;
}

static bool
contains(const unsigned char *hay, size_t n, const char *needle, size_t m)
{
	size_t	i;

	for (i = 0; i + m <= n; i++)
		if (memcmp(hay + i, needle, m) == 0)
			return true;
	return false;
}

static void
test_crypto__seal_open_round_trip(void **state)
{
	struct keydir	*k = *state;
	struct keyring	*kr = make_keys(k->dir);
	static const char msg_text[] = "未公开的漏洞细节: SQL injection in /login";
	static const char ad[] = "report:42";
	unsigned char	 sealed[sizeof(msg_text) - 1 + CRYPTO_SEAL_OVERHEAD];
	unsigned char	 sealed2[sizeof(sealed)];
	char		 plain[sizeof(msg_text)];

	crypto_seal(kr, msg_text, sizeof(msg_text) - 1, ad, sizeof(ad) - 1, sealed);
	/* The plaintext does not appear in the output. */
	assert_false(contains(sealed, sizeof(sealed), "SQL injection", 13));
	memset(plain, 0, sizeof(plain));
	assert_int_equal(crypto_open(kr, sealed, sizeof(sealed), ad, sizeof(ad) - 1,
	    plain), 0);
	assert_memory_equal(plain, msg_text, sizeof(msg_text) - 1);

	/* A random nonce: sealing twice gives different bytes. */
	crypto_seal(kr, msg_text, sizeof(msg_text) - 1, ad, sizeof(ad) - 1, sealed2);
	assert_memory_not_equal(sealed, sealed2, sizeof(sealed));
	assert_int_equal(crypto_open(kr, sealed2, sizeof(sealed2), ad, sizeof(ad) - 1,
	    plain), 0);
	crypto_keys_free(kr);
}

static void
test_crypto__seal_empty_and_no_ad(void **state)
{
	struct keydir	*k = *state;
	struct keyring	*kr = make_keys(k->dir);
	unsigned char	 sealed[5 + CRYPTO_SEAL_OVERHEAD], empty[CRYPTO_SEAL_OVERHEAD];
	char		 plain[8];

	crypto_seal(kr, "", 0, NULL, 0, empty);
	assert_int_equal(crypto_open(kr, empty, sizeof(empty), NULL, 0, plain), 0);

	crypto_seal(kr, "hello", 5, NULL, 0, sealed);
	assert_int_equal(crypto_open(kr, sealed, sizeof(sealed), NULL, 0, plain), 0);
	assert_memory_equal(plain, "hello", 5);
	/* Sealed without associated data, opened with some: refused. */
	assert_int_equal(crypto_open(kr, sealed, sizeof(sealed), "x", 1, plain), -1);
	crypto_keys_free(kr);
}

static void
test_crypto__open_refuses_tampering(void **state)
{
	struct keydir	*k = *state;
	struct keyring	*kr = make_keys(k->dir);
	static const char ad[] = "report:42";
	unsigned char	 sealed[16 + CRYPTO_SEAL_OVERHEAD], bad[sizeof(sealed)];
	char		 plain[16];
	size_t		 i;

	crypto_seal(kr, "0123456789abcdef", 16, ad, sizeof(ad) - 1, sealed);
	/* Flip each byte in turn: nonce, ciphertext and tag all count. */
	for (i = 0; i < sizeof(sealed); i++) {
		memcpy(bad, sealed, sizeof(bad));
		bad[i] ^= 0x01;
		if (crypto_open(kr, bad, sizeof(bad), ad, sizeof(ad) - 1, plain) != -1)
			fail_msg("tampered byte %zu accepted", i);
	}
	/* Different or missing associated data: moved to another row. */
	assert_int_equal(crypto_open(kr, sealed, sizeof(sealed), "report:43", 9,
	    plain), -1);
	assert_int_equal(crypto_open(kr, sealed, sizeof(sealed), NULL, 0, plain), -1);
	assert_int_equal(crypto_open(kr, sealed, sizeof(sealed), ad, sizeof(ad) - 2,
	    plain), -1);
	/* Truncated. */
	assert_int_equal(crypto_open(kr, sealed, sizeof(sealed) - 1, ad,
	    sizeof(ad) - 1, plain), -1);
	assert_int_equal(crypto_open(kr, sealed, CRYPTO_SEAL_OVERHEAD - 1, ad,
	    sizeof(ad) - 1, plain), -1);
	assert_int_equal(crypto_open(kr, sealed, 0, ad, sizeof(ad) - 1, plain), -1);
	/* Untouched, it still opens. */
	assert_int_equal(crypto_open(kr, sealed, sizeof(sealed), ad, sizeof(ad) - 1,
	    plain), 0);
	assert_memory_equal(plain, "0123456789abcdef", 16);
	crypto_keys_free(kr);
}

static void
test_crypto__open_refuses_other_key(void **state)
{
	struct keydir	*k = *state;
	struct keyring	*kr = make_keys(k->dir), *other;
	char		 dir2[64];
	char		 p[128];
	unsigned char	 sealed[4 + CRYPTO_SEAL_OVERHEAD];
	char		 plain[4];

	snprintf(dir2, sizeof(dir2), "/tmp/loudong-keys-XXXXXX");
	assert_non_null(mkdtemp(dir2));
	other = make_keys(dir2);
	crypto_seal(kr, "data", 4, NULL, 0, sealed);
	assert_int_equal(crypto_open(other, sealed, sizeof(sealed), NULL, 0, plain), -1);
	assert_int_equal(crypto_open(kr, sealed, sizeof(sealed), NULL, 0, plain), 0);
	crypto_keys_free(kr);
	crypto_keys_free(other);
	snprintf(p, sizeof(p), "%s/keys/data.key", dir2);
	unlink(p);
	snprintf(p, sizeof(p), "%s/keys/sign.key", dir2);
	unlink(p);
	snprintf(p, sizeof(p), "%s/keys", dir2);
	rmdir(p);
	rmdir(dir2);
}

#define KEYTEST(f)	cmocka_unit_test_setup_teardown(f, setup_keydir, teardown_keydir)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crypto__password_hash_and_verify),
		cmocka_unit_test(test_crypto__password_hash_is_salted),
		cmocka_unit_test(test_crypto__password_utf8_and_nul),
		cmocka_unit_test(test_crypto__password_hash_records_parameters),
		cmocka_unit_test(test_crypto__password_malformed_hash_refused),
		cmocka_unit_test(test_crypto__dummy_verify_costs_like_real),
		cmocka_unit_test(test_crypto__token_format),
		cmocka_unit_test(test_crypto__token_long_prefix_truncated),
		cmocka_unit_test(test_crypto__hash_hex_vectors),
		cmocka_unit_test(test_crypto__random_hex),
		cmocka_unit_test(test_crypto__random_uniform_in_range),
		cmocka_unit_test(test_crypto__memeq),
		cmocka_unit_test(test_crypto__wipe),
		KEYTEST(test_crypto__keys_create_and_load),
		KEYTEST(test_crypto__keys_create_refuses_existing),
		KEYTEST(test_crypto__keys_load_missing),
		KEYTEST(test_crypto__keys_load_wrong_size),
		KEYTEST(test_crypto__seal_open_round_trip),
		KEYTEST(test_crypto__seal_empty_and_no_ad),
		KEYTEST(test_crypto__open_refuses_tampering),
		KEYTEST(test_crypto__open_refuses_other_key),
	};

	return cmocka_run_group_tests(tests, group_setup, NULL);
}
