/*
 * domain/: field validators (tables), role and kind names, the permission
 * table and login throttling.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "domain/authz.h"
#include "domain/throttle.h"
#include "domain/user.h"
#include "domain/reporter.h"
#include "core/arena.h"
#include "core/pack.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

struct vcase {
	const char	*s;	/* input bytes */
	size_t		 n;	/* length */
	enum msg_id	 want;	/* MSG_OK or the refusal */
};

#define V(lit, want)	{ lit, sizeof(lit) - 1, want }

static void
run_table(const char *what, enum msg_id (*check)(struct str),
    const struct vcase *t, size_t n)
{
	enum msg_id	got;
	size_t		i;

	for (i = 0; i < n; i++) {
		got = check((struct str){ t[i].s, t[i].n });
		if (got != t[i].want)
			fail_msg("%s(\"%.*s\") = %s, want %s", what, (int)t[i].n,
			    t[i].s, msg_name(got), msg_name(t[i].want));
	}
}

/* Strings longer than a literal comfortably holds. */
static char	s32[33], s33[34], s40[41], s41[42], s64cn[64 * 3 + 1], s65cn[65 * 3 + 1];
static char	s128[129], s129[130], local64[64 + 9], local65[65 + 9], email255[256];

static int
group_setup(void **state)
{
	size_t	i;

	(void)state;
	memset(s32, 'a', 32);
	memset(s33, 'a', 33);
	memset(s40, 'b', 40);
	memset(s41, 'b', 41);
	for (i = 0; i < 64; i++)
		memcpy(s64cn + 3 * i, "名", 3);
	for (i = 0; i < 65; i++)
		memcpy(s65cn + 3 * i, "名", 3);
	memset(s128, 'o', 128);
	memset(s129, 'o', 129);
	memset(local64, 'l', 64);
	memcpy(local64 + 64, "@x.cn", 6);
	memset(local65, 'l', 65);
	memcpy(local65 + 65, "@x.cn", 6);
	memset(email255, 'd', 255);
	memcpy(email255, "a@", 2);
	memcpy(email255 + 250, ".com", 4);
	return 0;
}

#define S(buf, want)	{ buf, 0, want }	/* length filled at run time */

static void
fill_lengths(struct vcase *t, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (t[i].n == 0 && t[i].s[0] != '\0')
			t[i].n = strlen(t[i].s);
}

static void
test_domain__login_table(void **state)
{
	struct vcase	t[] = {
		V("abc", MSG_OK),
		V("alice", MSG_OK),
		V("a.b", MSG_OK),
		V("user_1", MSG_OK),
		V("x-y", MSG_OK),
		V("0day", MSG_OK),
		V("a..", MSG_OK),
		V("abc-", MSG_OK),
		S(s32, MSG_OK),
		V("", MSG_ERR_LOGIN_FORMAT),
		V("a", MSG_ERR_LOGIN_FORMAT),
		V("ab", MSG_ERR_LOGIN_FORMAT),
		S(s33, MSG_ERR_LOGIN_FORMAT),
		V("Alice", MSG_ERR_LOGIN_FORMAT),
		V("aliCe", MSG_ERR_LOGIN_FORMAT),
		V("_abc", MSG_ERR_LOGIN_FORMAT),
		V(".abc", MSG_ERR_LOGIN_FORMAT),
		V("-abc", MSG_ERR_LOGIN_FORMAT),
		V("ab c", MSG_ERR_LOGIN_FORMAT),
		V("abc!", MSG_ERR_LOGIN_FORMAT),
		V("abc@example.com", MSG_ERR_LOGIN_FORMAT),
		V("a/b", MSG_ERR_LOGIN_FORMAT),
		V("用户名", MSG_ERR_LOGIN_FORMAT),
		V("ab\0c", MSG_ERR_LOGIN_FORMAT),
		V("abc\n", MSG_ERR_LOGIN_FORMAT),
		V("\xC3\xA9t\xC3\xA9", MSG_ERR_LOGIN_FORMAT),
	};

	(void)state;
	fill_lengths(t, NELEM(t));
	run_table("user_login_check", user_login_check, t, NELEM(t));
}

static void
test_domain__email_table(void **state)
{
	struct vcase	t[] = {
		V("", MSG_OK),				/* optional */
		V("a@b.cn", MSG_OK),
		V("alice@example.com", MSG_OK),
		V("first.last+tag@example.com", MSG_OK),
		V("x@sub.example.org", MSG_OK),
		V("USER@EXAMPLE.COM", MSG_OK),
		V("a_b-c@x-y.example", MSG_OK),
		S(local64, MSG_OK),
		V("plain", MSG_ERR_EMAIL_FORMAT),
		V("@example.com", MSG_ERR_EMAIL_FORMAT),
		V("a@", MSG_ERR_EMAIL_FORMAT),
		V("a@b", MSG_ERR_EMAIL_FORMAT),
		V("a@.b.com", MSG_ERR_EMAIL_FORMAT),
		V("a@b.com.", MSG_ERR_EMAIL_FORMAT),
		V("a@b..com", MSG_ERR_EMAIL_FORMAT),
		V("a b@c.com", MSG_ERR_EMAIL_FORMAT),
		V("a@b c.com", MSG_ERR_EMAIL_FORMAT),
		V("a@b@c.com", MSG_ERR_EMAIL_FORMAT),
		V("<a@b.com>", MSG_ERR_EMAIL_FORMAT),
		V("a\"b@c.com", MSG_ERR_EMAIL_FORMAT),
		V("a,b@c.com", MSG_ERR_EMAIL_FORMAT),
		V("a;b@c.com", MSG_ERR_EMAIL_FORMAT),
		V("a\\b@c.com", MSG_ERR_EMAIL_FORMAT),
		V("a(b)@c.com", MSG_ERR_EMAIL_FORMAT),
		V("a@b.com\r\nBcc: x@y.com", MSG_ERR_EMAIL_FORMAT),
		V("a@b.com\n", MSG_ERR_EMAIL_FORMAT),
		V("a\0@b.com", MSG_ERR_EMAIL_FORMAT),
		V("用户@example.com", MSG_ERR_EMAIL_FORMAT),
		V("a@例子.中国", MSG_ERR_EMAIL_FORMAT),
		V("a\x7f@b.com", MSG_ERR_EMAIL_FORMAT),
		S(local65, MSG_ERR_EMAIL_FORMAT),
		S(email255, MSG_ERR_EMAIL_FORMAT),
	};

	(void)state;
	fill_lengths(t, NELEM(t));
	run_table("user_email_check", user_email_check, t, NELEM(t));
}

static void
test_domain__display_name_table(void **state)
{
	struct vcase	t[] = {
		V("Alice", MSG_OK),
		V("a", MSG_OK),
		V("张三", MSG_OK),
		V("O'Brien & <Co>", MSG_OK),	/* escaping is output's job */
		V(" padded ", MSG_OK),
		V("emoji \xF0\x9F\x98\x80", MSG_OK),
		S(s64cn, MSG_OK),		/* 64 characters, 192 bytes */
		V("", MSG_ERR_NAME_FORMAT),
		V(" ", MSG_ERR_NAME_FORMAT),
		V("   \t ", MSG_ERR_NAME_FORMAT),
		S(s65cn, MSG_ERR_NAME_FORMAT),	/* 65 characters */
		V("a\nb", MSG_ERR_NAME_FORMAT),
		V("a\tb", MSG_ERR_NAME_FORMAT),
		V("a\rb", MSG_ERR_NAME_FORMAT),
		V("a\x1b[31m", MSG_ERR_NAME_FORMAT),
		V("a\x7f", MSG_ERR_NAME_FORMAT),
		V("a\0b", MSG_ERR_NAME_FORMAT),
		V("\xff", MSG_ERR_NAME_FORMAT),
		V("a\xC0\x80", MSG_ERR_NAME_FORMAT),
		V("\xED\xA0\x80", MSG_ERR_NAME_FORMAT),
		V("\xE5\xBC", MSG_ERR_NAME_FORMAT),	/* truncated */
	};

	(void)state;
	fill_lengths(t, NELEM(t));
	run_table("user_display_name_check", user_display_name_check, t, NELEM(t));
}

static enum msg_id
password_check12(struct str s)
{
	return user_password_check(s, 12);
}

static void
test_domain__password_table(void **state)
{
	static char	max_ok[USER_PASSWORD_MAX_BYTES + 1];
	static char	too_long[USER_PASSWORD_MAX_BYTES + 2];
	struct vcase	t[] = {
		V("correct horse", MSG_OK),
		V("123456789012", MSG_OK),		/* exactly 12 */
		V("密码密码密码密码密码密码", MSG_OK),	/* 12 characters, 36 bytes */
		V("密码密码密码密码密码密", MSG_ERR_PASSWORD_SHORT),	/* 11 characters, 33 bytes */
		V("ééééééééééé", MSG_ERR_PASSWORD_SHORT),	/* 11 characters, 22 bytes */
		V("\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80", MSG_ERR_PASSWORD_SHORT),
		V("12345678901", MSG_ERR_PASSWORD_SHORT),
		V("short", MSG_ERR_PASSWORD_SHORT),
		V("", MSG_ERR_PASSWORD_SHORT),
		V("            ", MSG_OK),		/* 12 spaces: length is the rule */
		V("\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", MSG_ERR_FIELD_ENCODING),
		V("abcdef\0ghijklm", MSG_ERR_FIELD_ENCODING),
		V("abcdefghijkl\xED\xA0\x80", MSG_ERR_FIELD_ENCODING),
		S(max_ok, MSG_OK),
		S(too_long, MSG_ERR_PASSWORD_LONG),
	};

	(void)state;
	memset(max_ok, 'p', USER_PASSWORD_MAX_BYTES);
	memset(too_long, 'p', USER_PASSWORD_MAX_BYTES + 1);
	fill_lengths(t, NELEM(t));
	run_table("user_password_check(12)", password_check12, t, NELEM(t));

	/* The minimum comes from the caller. */
	assert_int_equal(user_password_check(str_from("12345678"), 8), MSG_OK);
	assert_int_equal(user_password_check(str_from("1234567"), 8),
	    MSG_ERR_PASSWORD_SHORT);
	assert_int_equal(user_password_check(str_from("密码密码密码密码"), 8), MSG_OK);
}

static void
test_domain__slug_table(void **state)
{
	struct vcase	t[] = {
		V("ab", MSG_OK),
		V("acme", MSG_OK),
		V("acme-labs", MSG_OK),
		V("a1", MSG_OK),
		V("360", MSG_OK),
		S(s40, MSG_OK),
		V("", MSG_ERR_SLUG_FORMAT),
		V("a", MSG_ERR_SLUG_FORMAT),
		S(s41, MSG_ERR_SLUG_FORMAT),
		V("-ab", MSG_ERR_SLUG_FORMAT),
		V("ab-", MSG_ERR_SLUG_FORMAT),
		V("-", MSG_ERR_SLUG_FORMAT),
		V("Acme", MSG_ERR_SLUG_FORMAT),
		V("ac_me", MSG_ERR_SLUG_FORMAT),
		V("ac.me", MSG_ERR_SLUG_FORMAT),
		V("ac me", MSG_ERR_SLUG_FORMAT),
		V("ac/me", MSG_ERR_SLUG_FORMAT),
		V("华为", MSG_ERR_SLUG_FORMAT),
		V("ab\0", MSG_ERR_SLUG_FORMAT),
	};

	(void)state;
	fill_lengths(t, NELEM(t));
	run_table("org_slug_check", org_slug_check, t, NELEM(t));
}

static void
test_domain__org_name_table(void **state)
{
	struct vcase	t[] = {
		V("华为技术有限公司", MSG_OK),
		V("Acme Labs, Inc.", MSG_OK),
		V("X", MSG_OK),
		S(s128, MSG_OK),
		V("", MSG_ERR_ORG_NAME),
		V("  ", MSG_ERR_ORG_NAME),
		S(s129, MSG_ERR_ORG_NAME),
		V("a\nb", MSG_ERR_ORG_NAME),
		V("a\0b", MSG_ERR_ORG_NAME),
		V("\xff", MSG_ERR_ORG_NAME),
	};

	(void)state;
	fill_lengths(t, NELEM(t));
	run_table("org_name_check", org_name_check, t, NELEM(t));
}

static void
test_domain__country_table(void **state)
{
	struct vcase	t[] = {
		V("CN", MSG_OK),
		V("US", MSG_OK),
		V("HK", MSG_OK),
		V("MO", MSG_OK),
		V("TW", MSG_OK),
		V("DE", MSG_OK),
		V("GB", MSG_OK),
		V("JP", MSG_OK),
		V("AD", MSG_OK),	/* first in the list */
		V("ZW", MSG_OK),	/* last in the list */
		V("XX", MSG_ERR_COUNTRY),
		V("ZZ", MSG_ERR_COUNTRY),
		V("AA", MSG_ERR_COUNTRY),
		V("UK", MSG_ERR_COUNTRY),	/* reserved, not assigned */
		V("EU", MSG_ERR_COUNTRY),
		V("cn", MSG_ERR_COUNTRY),
		V("Cn", MSG_ERR_COUNTRY),
		V("CHN", MSG_ERR_COUNTRY),
		V("C", MSG_ERR_COUNTRY),
		V("", MSG_ERR_COUNTRY),
		V("C1", MSG_ERR_COUNTRY),
		V("N ", MSG_ERR_COUNTRY),	/* a space in the table is not a letter */
		V(" C", MSG_ERR_COUNTRY),
		V("\xE4\xB8\xAD", MSG_ERR_COUNTRY),
		V("C\0", MSG_ERR_COUNTRY),
	};

	(void)state;
	fill_lengths(t, NELEM(t));
	run_table("org_country_check", org_country_check, t, NELEM(t));
}

/* Names */

static void
test_domain__role_names_round_trip(void **state)
{
	int	r;

	(void)state;
	for (r = 0; r < UROLE__MAX; r++) {
		const char *name = user_role_name((enum user_role)r);

		assert_string_not_equal(name, "?");
		assert_int_equal(user_role_parse(str_from(name)), r);
	}
	assert_string_equal(user_role_name(UROLE_REPORTER), "reporter");
	assert_string_equal(user_role_name(UROLE_ADMIN), "admin");
	assert_string_equal(user_role_name(UROLE_AUDITOR), "auditor");
	assert_string_equal(user_role_name(UROLE__MAX), "?");
	assert_string_equal(user_role_name((enum user_role)-1), "?");
	assert_int_equal(user_role_parse(str_from("root")), -1);
	assert_int_equal(user_role_parse(str_from("Admin")), -1);
	assert_int_equal(user_role_parse(str_from("admin ")), -1);
	assert_int_equal(user_role_parse(str_from("adm")), -1);
	assert_int_equal(user_role_parse(str_from("")), -1);
	assert_int_equal(user_role_parse(str_from("?")), -1);
	/* Length-bounded, not NUL-bounded. */
	assert_int_equal(user_role_parse((struct str){ "adminx", 5 }), UROLE_ADMIN);
}

static void
test_domain__kind_names_round_trip(void **state)
{
	int	k;

	(void)state;
	for (k = 0; k < ORG__MAX; k++) {
		const char *name = org_kind_name((enum org_kind)k);

		assert_string_not_equal(name, "?");
		assert_int_equal(org_kind_parse(str_from(name)), k);
	}
	assert_string_equal(org_kind_name(ORG_PROVIDER), "provider");
	assert_string_equal(org_kind_name(ORG_SUPPORT_UNIT), "support_unit");
	assert_string_equal(org_kind_name(ORG__MAX), "?");
	assert_int_equal(org_kind_parse(str_from("vendor")), -1);
	assert_int_equal(org_kind_parse(str_from("Provider")), -1);
	assert_int_equal(org_kind_parse(str_from("support-unit")), -1);
	assert_int_equal(org_kind_parse(str_from("")), -1);
}

/* Permissions */

static void
test_domain__admin_holds_everything(void **state)
{
	int	p;

	(void)state;
	for (p = 0; p < PERM__MAX; p++)
		if (!authz_allows(UROLE_ADMIN, (enum perm)p))
			fail_msg("admin lacks permission %d", p);
}

static void
test_domain__reporter_holds_account_only(void **state)
{
	(void)state;
	assert_true(authz_allows(UROLE_REPORTER, PERM_NONE));
	assert_true(authz_allows(UROLE_REPORTER, PERM_ACCOUNT));
	assert_false(authz_allows(UROLE_REPORTER, PERM_USERS_READ));
	assert_false(authz_allows(UROLE_REPORTER, PERM_USERS_MANAGE));
	assert_false(authz_allows(UROLE_REPORTER, PERM_ORGS_READ));
	assert_false(authz_allows(UROLE_REPORTER, PERM_ORGS_MANAGE));
}

static void
test_domain__auditor_reads_but_cannot_manage(void **state)
{
	(void)state;
	assert_true(authz_allows(UROLE_AUDITOR, PERM_ACCOUNT));
	assert_true(authz_allows(UROLE_AUDITOR, PERM_USERS_READ));
	assert_true(authz_allows(UROLE_AUDITOR, PERM_ORGS_READ));
	assert_false(authz_allows(UROLE_AUDITOR, PERM_USERS_MANAGE));
	assert_false(authz_allows(UROLE_AUDITOR, PERM_ORGS_MANAGE));
}

static void
test_domain__every_role_has_account_and_only_admin_manages(void **state)
{
	int	r;

	(void)state;
	for (r = 0; r < UROLE__MAX; r++) {
		assert_true(authz_allows((enum user_role)r, PERM_NONE));
		assert_true(authz_allows((enum user_role)r, PERM_ACCOUNT));
		assert_int_equal(authz_allows((enum user_role)r, PERM_USERS_MANAGE),
		    r == UROLE_ADMIN);
		assert_int_equal(authz_allows((enum user_role)r, PERM_ORGS_MANAGE),
		    r == UROLE_ADMIN);
	}
	assert_false(authz_allows(UROLE_VENDOR, PERM_USERS_READ));
	assert_false(authz_allows(UROLE_VENDOR, PERM_ORGS_READ));
}

static void
test_domain__authz_out_of_range_denied(void **state)
{
	(void)state;
	assert_false(authz_allows(UROLE__MAX, PERM_NONE));
	assert_false(authz_allows((enum user_role)-1, PERM_ACCOUNT));
	assert_false(authz_allows(UROLE_ADMIN, PERM__MAX));
	assert_false(authz_allows(UROLE_ADMIN, (enum perm)-1));
}

static void
test_domain__authz_roles_for_text(void **state)
{
	char	buf[256];

	(void)state;
	authz_roles_for(PERM_USERS_MANAGE, buf, sizeof(buf));
	assert_string_equal(buf, "admin");
	authz_roles_for(PERM_USERS_READ, buf, sizeof(buf));
	assert_string_equal(buf, "auditor, admin");
	authz_roles_for(PERM_ORGS_READ, buf, sizeof(buf));
	assert_string_equal(buf, "triager, coordinator, regulator, auditor, admin");
	authz_roles_for(PERM_ACCOUNT, buf, sizeof(buf));
	assert_string_equal(buf,
	    "reporter, triager, coordinator, vendor, regulator, auditor, admin");
	authz_roles_for(PERM__MAX, buf, sizeof(buf));
	assert_string_equal(buf, "");
}

static void
test_domain__authz_roles_for_small_buffer(void **state)
{
	char	buf[16];

	(void)state;
	/* Always NUL-terminated within size, never past it. */
	memset(buf, 'Z', sizeof(buf));
	authz_roles_for(PERM_ACCOUNT, buf, 10);
	assert_true(strnlen(buf, 10) < 10);
	assert_int_equal(buf[10], 'Z');
	assert_true(strncmp(buf, "reporter, triager, coordinator", strlen(buf)) == 0);
	assert_true(strlen(buf) >= strlen("reporter"));
	/* size 0 writes nothing. */
	memset(buf, 'Z', sizeof(buf));
	authz_roles_for(PERM_ACCOUNT, buf, 0);
	assert_int_equal(buf[0], 'Z');
	authz_roles_for(PERM_ACCOUNT, buf, 1);
	assert_string_equal(buf, "");
}

/* Throttling */

static const struct throttle_rule	rule = { 900, 5, 20 };
#define NOW	((int64_t)1700000000)

static void
test_domain__throttle_under_limit_allowed(void **state)
{
	struct throttle_count	acc = { 4, NOW - 100 }, adr = { 19, NOW - 800 };
	struct throttle_count	none = { 0, 0 };
	int			ra = -7;

	(void)state;
	assert_true(throttle_allows(&rule, &acc, &adr, NOW, &ra));
	assert_int_equal(ra, -7);	/* untouched when allowed */
	assert_true(throttle_allows(&rule, &none, &none, NOW, &ra));
	assert_int_equal(ra, -7);
}

static void
test_domain__throttle_account_limit(void **state)
{
	struct throttle_count	acc = { 5, NOW - 500 }, adr = { 5, NOW - 500 };
	int			ra = 0;

	(void)state;
	assert_false(throttle_allows(&rule, &acc, &adr, NOW, &ra));
	assert_int_equal(ra, (NOW - 500) + 900 - NOW);	/* oldest + window - now */
	acc.failures = 50;
	acc.oldest = NOW - 1;
	assert_false(throttle_allows(&rule, &acc, &adr, NOW, &ra));
	assert_int_equal(ra, 899);
}

static void
test_domain__throttle_address_limit(void **state)
{
	struct throttle_count	acc = { 0, 0 }, adr = { 20, NOW - 850 };
	int			ra = 0;

	(void)state;
	assert_false(throttle_allows(&rule, &acc, &adr, NOW, &ra));
	assert_int_equal(ra, 50);
	adr.failures = 19;
	assert_true(throttle_allows(&rule, &acc, &adr, NOW, &ra));
}

static void
test_domain__throttle_longer_wait_wins(void **state)
{
	struct throttle_count	acc = { 5, NOW - 500 }, adr = { 20, NOW - 800 };
	int			ra = 0;

	(void)state;
	assert_false(throttle_allows(&rule, &acc, &adr, NOW, &ra));
	assert_int_equal(ra, 400);
	acc.oldest = NOW - 850;
	adr.oldest = NOW - 10;
	assert_false(throttle_allows(&rule, &acc, &adr, NOW, &ra));
	assert_int_equal(ra, 890);
}

static void
test_domain__throttle_retry_after_at_least_one(void **state)
{
	struct throttle_count	acc = { 5, NOW - 900 }, adr = { 0, 0 };
	int			ra = 0;

	(void)state;
	/* The oldest failure leaves the window right now: still wait 1 s. */
	assert_false(throttle_allows(&rule, &acc, &adr, NOW, &ra));
	assert_int_equal(ra, 1);
	acc.oldest = NOW - 5000;
	assert_false(throttle_allows(&rule, &acc, &adr, NOW, &ra));
	assert_int_equal(ra, 1);
	acc.oldest = NOW - 899;
	assert_false(throttle_allows(&rule, &acc, &adr, NOW, &ra));
	assert_int_equal(ra, 1);
}

static void
test_domain__throttle_retry_after_at_most_window(void **state)
{
	/* A failure stamped in the future (clock step) never means > window. */
	struct throttle_count	acc = { 5, NOW + 100000 }, adr = { 0, 0 };
	int			ra = 0;

	(void)state;
	assert_false(throttle_allows(&rule, &acc, &adr, NOW, &ra));
	assert_int_equal(ra, 900);
}

static void
test_domain__reporter_levels(void **state)
{
	const struct reporter_levels	lv = { 3, 10 };
	int				need;

	(void)state;
	assert_int_equal(reporter_level_check(0, PSTATUS_PENDING, 0, &lv, &need), MSG_OK);
	assert_int_equal(reporter_level_check(1, PSTATUS_PENDING, 99, &lv, &need),
	    MSG_ERR_LEVEL_UNVERIFIED);
	assert_int_equal(reporter_level_check(1, PSTATUS_REJECTED, 99, &lv, &need),
	    MSG_ERR_LEVEL_UNVERIFIED);
	assert_int_equal(reporter_level_check(1, PSTATUS_VERIFIED, 0, &lv, &need), MSG_OK);
	assert_int_equal(reporter_level_check(2, PSTATUS_VERIFIED, 2, &lv, &need),
	    MSG_ERR_LEVEL_ACCEPTED);
	assert_int_equal(need, 3);
	assert_int_equal(reporter_level_check(2, PSTATUS_VERIFIED, 3, &lv, &need), MSG_OK);
	assert_int_equal(reporter_level_check(3, PSTATUS_VERIFIED, 9, &lv, &need),
	    MSG_ERR_LEVEL_ACCEPTED);
	assert_int_equal(need, 10);
	assert_int_equal(reporter_level_check(3, PSTATUS_VERIFIED, 10, &lv, &need), MSG_OK);
	assert_int_equal(reporter_level_check(4, PSTATUS_VERIFIED, 99, &lv, &need),
	    MSG_ERR_LEVEL_RANGE);
	assert_int_equal(reporter_level_check(-1, PSTATUS_VERIFIED, 99, &lv, &need),
	    MSG_ERR_LEVEL_RANGE);
}

static void
test_domain__pack_round_trip(void **state)
{
	struct arena		*a = arena_new();
	const char *const	 in[] = { "李白", "", NULL, "x\ty" };
	const char		*out[4];
	unsigned char		*p;
	size_t			 n;

	(void)state;
	p = pack_strings(a, in, 4, &n);
	assert_int_equal(unpack_strings(a, p, n, out, 4), 0);
	assert_string_equal(out[0], "李白");
	assert_string_equal(out[1], "");
	assert_string_equal(out[2], "");
	assert_string_equal(out[3], "x\ty");
	/* Wrong count, wrong version, truncation: refused. */
	assert_int_equal(unpack_strings(a, p, n, out, 3), -1);
	assert_int_equal(unpack_strings(a, p, n - 1, out, 4), -1);
	p[0] = '2';
	assert_int_equal(unpack_strings(a, p, n, out, 4), -1);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_domain__login_table),
		cmocka_unit_test(test_domain__email_table),
		cmocka_unit_test(test_domain__display_name_table),
		cmocka_unit_test(test_domain__password_table),
		cmocka_unit_test(test_domain__slug_table),
		cmocka_unit_test(test_domain__org_name_table),
		cmocka_unit_test(test_domain__country_table),
		cmocka_unit_test(test_domain__role_names_round_trip),
		cmocka_unit_test(test_domain__kind_names_round_trip),
		cmocka_unit_test(test_domain__admin_holds_everything),
		cmocka_unit_test(test_domain__reporter_holds_account_only),
		cmocka_unit_test(test_domain__auditor_reads_but_cannot_manage),
		cmocka_unit_test(test_domain__every_role_has_account_and_only_admin_manages),
		cmocka_unit_test(test_domain__authz_out_of_range_denied),
		cmocka_unit_test(test_domain__authz_roles_for_text),
		cmocka_unit_test(test_domain__authz_roles_for_small_buffer),
		cmocka_unit_test(test_domain__throttle_under_limit_allowed),
		cmocka_unit_test(test_domain__throttle_account_limit),
		cmocka_unit_test(test_domain__throttle_address_limit),
		cmocka_unit_test(test_domain__throttle_longer_wait_wins),
		cmocka_unit_test(test_domain__throttle_retry_after_at_least_one),
		cmocka_unit_test(test_domain__throttle_retry_after_at_most_window),
		cmocka_unit_test(test_domain__reporter_levels),
		cmocka_unit_test(test_domain__pack_round_trip),
	};

	return cmocka_run_group_tests(tests, group_setup, NULL);
}
